/* pl-project-codebook.h — what codebook/ needs of the store to compose its actions
 *
 * Editing the codebook (codebook/) builds undoable actions out of the history operations
 * below and runs them through the project's history (pl-history.h).  The operations run
 * here, in the store, which owns the database; they name codes, annotations, documents and
 * coders by GUID:
 *   "code.insert"        a whole code row (with "id": the row id it comes back with)
 *   "code.delete"        { guid }
 *   "code.update"        { guid, and any of name, short_id, color, color_dark, shortcut,
 *                          codable, definition, inclusion, exclusion, example, parent
 *                          (a GUID or null), position, modified }
 *   "annotations.recode" { items: [ { guid, code?, memo?, stance? } ] }
 *   "annotations.delete" { guids: [ … ] }
 *   "annotations.insert" { items: [ whole annotation rows ] }
 *   "codebook.log"       { action, code, summary, detail, bump, coder }
 * After the commit of a transaction that ran any of them, the codes list model is reloaded
 * once (existing PlCode objects updated in place) and "codes-changed" is emitted.
 *
 * The read functions read the database, not the in-memory mirror, so that they see what
 * an action has done so far inside its transaction.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pl-history.h"
#include "pl-project.h"

G_BEGIN_DECLS

/* The time stamp the store writes for now: "2026-11-22T10:00:00Z". */
char         *pl_now_iso8601                    (void);

/* Undo and redo of this project: actions of several operations are composed on it. */
PlHistory    *pl_project_get_history            (PlProject   *self);

/* A code as the database holds it, with its parent's GUID. */
typedef struct
{
  gint64    id;
  gint64    parent_id;   /* 0: top level */
  gint64    position;    /* among its siblings */
  char     *guid;
  char     *parent_guid; /* NULL: top level */
  char     *short_id;
  char     *name;
  char     *color;
  char     *color_dark;
  char     *shortcut;
  char     *definition;
  char     *inclusion;
  char     *exclusion;
  char     *example;
  char     *created;
  char     *modified;
  gboolean  codable;
} PlCodeRecord;

void          pl_code_record_free               (PlCodeRecord *record);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PlCodeRecord, pl_code_record_free)

/* An annotation with the GUIDs of its document, code and coder. */
typedef struct
{
  PlAnnotation *annotation;
  char         *document_guid;
  char         *code_guid;
  char         *coder_guid;
} PlAnnotationRecord;

void          pl_annotation_record_free         (PlAnnotationRecord *record);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PlAnnotationRecord, pl_annotation_record_free)

/* PL_STORE_ERROR_NOT_FOUND when the code does not exist. */
PlCodeRecord *pl_project_read_code              (PlProject   *self,
                                                 gint64       code_id,
                                                 GError     **error);
PlCodeRecord *pl_project_read_code_by_guid      (PlProject   *self,
                                                 const char  *guid,
                                                 GError     **error);
/* The children of @parent_id (0: the top level), in order (PlCodeRecord). */
GPtrArray    *pl_project_read_code_children     (PlProject   *self,
                                                 gint64       parent_id,
                                                 GError     **error);
/* Whether @code_id is @ancestor_id or lies below it. */
gboolean      pl_project_code_is_within         (PlProject   *self,
                                                 gint64       code_id,
                                                 gint64       ancestor_id);
/* The annotations of one code, in document order (PlAnnotationRecord). */
GPtrArray    *pl_project_read_code_annotations  (PlProject   *self,
                                                 gint64       code_id,
                                                 GError     **error);

/* The name of the code other than @except_id whose short id is @short_id (ignoring case),
 * or whose shortcut is @shortcut, in @out_name (NULL when there is none).  FALSE only when
 * the database could not be read. */
gboolean      pl_project_find_short_id_holder   (PlProject   *self,
                                                 const char  *short_id,
                                                 gint64       except_id,
                                                 char       **out_name,
                                                 GError     **error);
gboolean      pl_project_find_shortcut_holder   (PlProject   *self,
                                                 const char  *shortcut,
                                                 gint64       except_id,
                                                 char       **out_name,
                                                 GError     **error);

/* The annotations of the code, and with @with_sub_codes of its sub-codes too. */
guint         pl_project_count_code_annotations (PlProject   *self,
                                                 gint64       code_id,
                                                 gboolean     with_sub_codes);
/* The code itself and its sub-codes. */
guint         pl_project_count_code_subtree     (PlProject   *self,
                                                 gint64       code_id);

/* The codebook version annotations are made under now (1 for a new project). */
guint         pl_project_get_codebook_version   (PlProject   *self);
/* The coder (GUID; NULL: none) that "codebook.log" operations name when they run, also on
 * undo and redo; an operation without one set here names the coder it recorded. */
void          pl_project_set_codebook_coder     (PlProject   *self,
                                                 const char  *coder_guid);
/* The codebook change log, oldest first (PlCodebookLogEntry). */
GPtrArray    *pl_project_list_codebook_log      (PlProject   *self,
                                                 GError     **error);

/* Adds @n_codes codes in one transaction, without recording history: @parents[i] is the
 * index in @specs of the parent of code i (which comes before it), or -1 for the
 * spec's own parent_id.  Reloads the codes list after the commit. */
gboolean      pl_project_add_codes              (PlProject         *self,
                                                 const PlCodeSpec  *specs,
                                                 const int         *parents,
                                                 guint              n_codes,
                                                 GError           **error);

G_END_DECLS
