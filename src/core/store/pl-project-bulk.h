/* pl-project-bulk.h — adding many things to a project at once, keyed by GUID
 *
 * A bulk is one transaction on a project, for importers (REFI-QDA projects, codebooks, the
 * work of another coder): pl_project_bulk_begin() opens it, each add inserts one row with
 * a prepared statement reused from one call to the next (a document's text is bound, not
 * copied), pl_project_bulk_commit() commits and then re-reads the project's lists of
 * documents, codes and coders once.  Freeing a bulk that was not committed rolls it back:
 * nothing of it is kept.  A bulk records no undo history and emits no annotation signals.
 *
 * Every item is keyed by its GUID.  One the project already has (a coder: the same GUID or
 * the same name) is not added again: the result says it existed and gives its id, so that
 * what refers to it can use it.  Items refer to each other by those ids.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "pl-project.h"

G_BEGIN_DECLS

typedef struct _PlProjectBulk PlProjectBulk;

/* What an add did. */
typedef struct
{
  gint64   id;        /* the row: the new one, or the one the project already has */
  gboolean existed;   /* the project had it already: nothing was added */
  gboolean dropped;   /* added without a value that another row holds (a code's short id or
                       * shortcut) */
  gboolean duplicate; /* an annotation: the project has the same coding (span, code, coder)
                       * under another GUID, which @id names */
} PlBulkResult;

typedef struct
{
  const char *guid;       /* NULL: a new one */
  const char *name;       /* required */
  const char *initials;   /* NULL: from the name */
} PlBulkCoder;

typedef struct
{
  const char         *guid;        /* required */
  const char         *title;       /* required */
  const char         *text;        /* required, normalised (pl_text_normalize()) */
  const char         *source_uri;
  const char * const *metadata;    /* values in pl_document_metadata_keys order (NULL: none
                                    * for that key); NULL: no metadata */
  const char         *memo;
  const char         *created;     /* NULL: now */
  const char         *modified;    /* NULL: @created */
  GPtrArray          *statements;  /* PlStatement, numbered from 1 in array order; NULL:
                                    * the segmenter's, with the project's gazetteer */
} PlBulkDocument;

typedef struct
{
  const char *guid;             /* required */
  gint64      document_id;
  gint64      code_id;          /* a code that is not a folder */
  gint64      coder_id;
  guint       start;            /* code points, end-exclusive, start < end */
  guint       end;
  const char *memo;
  const char *stance;           /* NULL, or one of pl_annotation_stance_is_valid() */
  gint64      codebook_version; /* 0: the project's current version */
  const char *created;          /* NULL: now */
  const char *modified;         /* NULL: @created */
} PlBulkAnnotation;

typedef struct
{
  const char *guid;             /* required */
  const char *target_guid;      /* the GUID of what it is about; NULL: the project */
  const char *text;             /* required */
  gint64      coder_id;         /* 0: nobody */
  const char *created;          /* NULL: now */
  const char *modified;         /* NULL: @created */
  const char *title;            /* NULL: none */
  gboolean    anchored;         /* about the passage @start–@end of the document
                                 * @target_guid (code points, end-exclusive, start < end) */
  guint       start;
  guint       end;
} PlBulkNote;

/* What pl_project_bulk_lookup() looks in. */
typedef enum
{
  PL_BULK_CODERS,
  PL_BULK_CODES,
  PL_BULK_DOCUMENTS,
  PL_BULK_ANNOTATIONS,
  PL_BULK_NOTES,
} PlBulkKind;

/* Opens the transaction; fails when @project is closed or busy. */
PlProjectBulk *pl_project_bulk_begin          (PlProject               *project,
                                               GError                 **error);
/* Commits, then reloads the project's lists; on failure everything is rolled back.  The
 * bulk can only be freed afterwards. */
gboolean       pl_project_bulk_commit         (PlProjectBulk           *self,
                                               GError                 **error);
/* Rolls back what was not committed, and frees @self. */
void           pl_project_bulk_free           (PlProjectBulk           *self);

/* The project the bulk adds to (for the adds of other store modules, pl-project-links.h). */
PlProject     *pl_project_bulk_get_project    (PlProjectBulk           *self);

/* The id of the item of @kind with @guid, as the bulk sees it: 0 when there is none, -1
 * with @error on failure. */
gint64         pl_project_bulk_lookup         (PlProjectBulk           *self,
                                               PlBulkKind               kind,
                                               const char              *guid,
                                               GError                 **error);
/* How many items of @kind the project has, as the bulk sees it; -1 with @error on
 * failure. */
gint64         pl_project_bulk_count          (PlProjectBulk           *self,
                                               PlBulkKind               kind,
                                               GError                 **error);
/* Whether annotations can use code @code_id: it exists and is not a folder. */
gboolean       pl_project_bulk_code_is_codable (PlProjectBulk          *self,
                                               gint64                   code_id);

/* Each add fills @result and returns TRUE, or returns FALSE with @error (a row that breaks
 * a rule of the project: PL_STORE_ERROR_INVALID). */
gboolean       pl_project_bulk_add_coder      (PlProjectBulk           *self,
                                               const PlBulkCoder       *coder,
                                               PlBulkResult            *result,
                                               GError                 **error);
/* A short id or shortcut that another code has is dropped (@result->dropped). */
gboolean       pl_project_bulk_add_code       (PlProjectBulk           *self,
                                               const PlCodeSpec        *spec,
                                               PlBulkResult            *result,
                                               GError                 **error);
gboolean       pl_project_bulk_add_document   (PlProjectBulk           *self,
                                               const PlBulkDocument    *document,
                                               PlBulkResult            *result,
                                               GError                 **error);
gboolean       pl_project_bulk_add_annotation (PlProjectBulk           *self,
                                               const PlBulkAnnotation  *annotation,
                                               PlBulkResult            *result,
                                               GError                 **error);
gboolean       pl_project_bulk_add_note       (PlProjectBulk           *self,
                                               const PlBulkNote        *note,
                                               PlBulkResult            *result,
                                               GError                 **error);
/* Gives the project the description @text when it has none.  When it has one,
 * @result->existed is set and its own is kept; @result->dropped says @text differed. */
gboolean       pl_project_bulk_set_description (PlProjectBulk          *self,
                                               const char              *text,
                                               PlBulkResult            *result,
                                               GError                 **error);
/* Raises the project's codebook version to @version (never lowers it). */
gboolean       pl_project_bulk_raise_codebook_version (PlProjectBulk   *self,
                                               gint64                   version,
                                               GError                 **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PlProjectBulk, pl_project_bulk_free)

G_END_DECLS
