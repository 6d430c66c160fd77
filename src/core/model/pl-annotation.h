/* pl-annotation.h — plain records of the store: annotations, statements, coders, log entries
 *
 * These are reference-counted boxed structs with public, read-only fields: there can be
 * hundreds of thousands of them, and callers read them in tight loops.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define PL_TYPE_ANNOTATION (pl_annotation_get_type ())
#define PL_TYPE_STATEMENT (pl_statement_get_type ())
#define PL_TYPE_CODER (pl_coder_get_type ())

typedef struct
{
  gint64  id;
  char   *guid;
  gint64  document_id;
  gint64  code_id;
  gint64  coder_id;
  guint   start;      /* code points, end-exclusive */
  guint   end;
  char   *memo;       /* NULL when there is none */
  char   *created;    /* ISO 8601 UTC, "2026-11-22T10:00:00Z" */
  char   *modified;
  char   *stance;           /* "supports", "opposes", "calls_for_new", "reports_practice",
                             * "neutral", or NULL */
  guint   codebook_version; /* the codebook version it was made under */
  /*< private >*/
  gint    ref_count;
} PlAnnotation;

/* What a new annotation is made of. */
typedef struct
{
  gint64      document_id;
  gint64      code_id;      /* a code that can be applied, not a folder */
  gint64      coder_id;
  guint       start;        /* code points in the document's text, end-exclusive */
  guint       end;
  const char *memo;         /* NULL or "": none */
} PlAnnotationSpec;

typedef enum
{
  PL_STATEMENT_KIND_STATEMENT,
  PL_STATEMENT_KIND_FRONT_MATTER,
} PlStatementKind;

typedef struct
{
  gint64           id;
  gint64           document_id;
  guint            index;          /* 1-based within its document */
  guint            start;          /* code points, end-exclusive */
  guint            end;
  PlStatementKind  kind;
  char            *speaker;        /* as written; NULL when unknown */
  char            *entity;
  char            *entity_type;
  char            *iso3;
  char            *regional_group;
  char            *on_behalf_of;
  char            *speaker_source; /* "label", "reported", "continuation", "pronoun",
                                    * "handover", "name", "user", or NULL */
  gboolean         needs_review;
  /*< private >*/
  gint             ref_count;
} PlStatement;

typedef struct
{
  gint64  id;
  char   *guid;
  char   *name;
  char   *initials;
  char   *color;
  /*< private >*/
  gint    ref_count;
} PlCoder;

/* One row of the codebook change log. */
typedef struct
{
  gint64  id;
  guint   version;   /* the codebook version after the change */
  char   *action;    /* "add", "rename", "merge", "split", "delete", "undo", … */
  char   *code_guid; /* the code it concerns, or NULL */
  char   *summary;   /* "Merged “X” into “Y” (12 annotations)" */
  char   *detail;    /* JSON, or NULL */
  char   *coder;     /* the coder's name, or NULL */
  char   *created;   /* ISO 8601 UTC */
} PlCodebookLogEntry;

GType         pl_annotation_get_type (void) G_GNUC_CONST;
PlAnnotation *pl_annotation_new      (void);
PlAnnotation *pl_annotation_ref      (PlAnnotation *self);
void          pl_annotation_unref    (PlAnnotation *self);

GType         pl_statement_get_type  (void) G_GNUC_CONST;
PlStatement  *pl_statement_new       (void);
PlStatement  *pl_statement_ref       (PlStatement *self);
void          pl_statement_unref     (PlStatement *self);
const char   *pl_statement_kind_to_string (PlStatementKind kind);

GType         pl_coder_get_type      (void) G_GNUC_CONST;
PlCoder      *pl_coder_new           (void);
PlCoder      *pl_coder_ref           (PlCoder *self);
void          pl_coder_unref         (PlCoder *self);
/* The initials a new coder gets: the first letter of each word, upper case ("Ana
 * María Ruiz-Díaz" → "AMRD"). */
char         *pl_coder_initials_for_name (const char *name);

void          pl_codebook_log_entry_free (PlCodebookLogEntry *entry);

/* TRUE for NULL and the five stances. */
gboolean      pl_annotation_stance_is_valid (const char *stance);

/* Sorts annotations by start, then longer first, then id. */
gint          pl_annotation_compare  (gconstpointer a,
                                      gconstpointer b);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PlAnnotation, pl_annotation_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PlStatement, pl_statement_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PlCoder, pl_coder_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PlCodebookLogEntry, pl_codebook_log_entry_free)

G_END_DECLS
