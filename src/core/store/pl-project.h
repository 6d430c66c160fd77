/* pl-project.h — a Plenary project: one SQLite file
 *
 * Every mutating call is one transaction, committed before it returns: when it returns
 * TRUE (or a non-NULL result) the action is on disk.  Signals and list-model changes are
 * emitted after the commit.
 *
 * Signals: "annotation-added", "annotation-removed", "annotation-changed" (PlAnnotation),
 * "codes-changed" (the codes list was rebuilt), "committed" (after every COMMIT),
 * "reloaded" (pl_project_refresh() found changes made by another program).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "pl-annotation.h"
#include "pl-code.h"
#include "pl-document.h"

G_BEGIN_DECLS

/* The schema this build writes; a project with a higher version is refused. */
#define PL_PROJECT_SCHEMA_VERSION 8

#define PL_TYPE_PROJECT (pl_project_get_type ())
G_DECLARE_FINAL_TYPE (PlProject, pl_project, PL, PROJECT, GObject)

typedef enum
{
  PL_PROJECT_OPEN_DEFAULT = 0,
  PL_PROJECT_OPEN_CREATE = 1 << 0,    /* create the file when it does not exist */
  PL_PROJECT_OPEN_EXCLUSIVE = 1 << 1, /* with CREATE: fail when the file exists */
} PlProjectOpenFlags;

PlProject    *pl_project_open                (const char          *path,
                                              PlProjectOpenFlags   flags,
                                              GError             **error);
/* Closes the database (checkpointing the WAL); further calls fail. Safe to call twice. */
void          pl_project_close               (PlProject           *self);

const char   *pl_project_get_path            (PlProject           *self);
const char   *pl_project_get_guid            (PlProject           *self);
/* The file name without its extension. */
char         *pl_project_dup_title           (PlProject           *self);

/* Documents (PlDocument), in import order. */
GListModel   *pl_project_get_documents       (PlProject           *self);
PlDocument   *pl_project_find_document       (PlProject           *self,
                                              gint64               document_id);
/* Adds a document with normalised @text, split into statements by paragraph.
 * Returns the new document (owned by the project's list; no new reference). */
PlDocument   *pl_project_add_document        (PlProject           *self,
                                              const char          *title,
                                              const char          *text,
                                              const char          *source_uri,
                                              GError             **error);
/* The same, with document metadata (keys of pl_document_metadata_keys → values; NULL or
 * unknown keys are refused with PL_STORE_ERROR_INVALID). */
PlDocument   *pl_project_add_document_full   (PlProject           *self,
                                              const char          *title,
                                              const char          *text,
                                              const char          *source_uri,
                                              GHashTable          *metadata,
                                              GError             **error);
/* Sets one metadata value of a document (NULL or "" clears it): one action. */
gboolean      pl_project_set_document_metadata (PlProject         *self,
                                              gint64               document_id,
                                              const char          *key,
                                              const char          *value,
                                              GError             **error);
gboolean      pl_project_remove_document     (PlProject           *self,
                                              gint64               document_id,
                                              GError             **error);
char         *pl_project_dup_document_text   (PlProject           *self,
                                              gint64               document_id,
                                              GError             **error);
/* PlStatement items of one document, or of all (@document_id 0), by document and index. */
GPtrArray    *pl_project_list_statements     (PlProject           *self,
                                              gint64               document_id,
                                              GError             **error);

/* Codes (PlCode) in depth-first codebook order. */
GListModel   *pl_project_get_codes           (PlProject           *self);
PlCode       *pl_project_find_code           (PlProject           *self,
                                              gint64               code_id);
/* By GUID, ignoring case. */
PlCode       *pl_project_find_code_by_guid   (PlProject           *self,
                                              const char          *guid);
/* By short id ("NRM.F"), GUID, or, failing those, exact name. */
PlCode       *pl_project_lookup_code         (PlProject           *self,
                                              const char          *key);
PlCode       *pl_project_find_code_by_shortcut (PlProject         *self,
                                              const char          *shortcut);
PlCode       *pl_project_add_code            (PlProject           *self,
                                              const PlCodeSpec    *spec,
                                              GError             **error);

/* Coders. */
PlCoder      *pl_project_ensure_coder        (PlProject           *self,
                                              const char          *name,
                                              GError             **error);
/* Sets a coder's initials and colour ("#RRGGBB"; NULL clears). */
gboolean      pl_project_update_coder        (PlProject           *self,
                                              gint64               coder_id,
                                              const char          *initials,
                                              const char          *color,
                                              GError             **error);
PlCoder      *pl_project_find_coder          (PlProject           *self,
                                              gint64               coder_id);
GPtrArray    *pl_project_list_coders         (PlProject           *self);

/* Annotations.  Each change is one undoable action (pl-history.h). */
PlAnnotation *pl_project_add_annotation      (PlProject           *self,
                                              const PlAnnotationSpec *spec,
                                              GError             **error);
/* Adds the annotations @specs describe as one undoable action labelled @label: all of them,
 * or, when one is refused, none. */
gboolean      pl_project_add_annotations     (PlProject           *self,
                                              const PlAnnotationSpec *specs,
                                              guint                n_specs,
                                              const char          *label,
                                              GError             **error);
gboolean      pl_project_remove_annotation   (PlProject           *self,
                                              const char          *guid,
                                              GError             **error);
gboolean      pl_project_set_annotation_memo (PlProject           *self,
                                              const char          *guid,
                                              const char          *memo,
                                              GError             **error);
gboolean      pl_project_set_annotation_stance (PlProject         *self,
                                              const char          *guid,
                                              const char          *stance,
                                              GError             **error);
/* Moves the annotation to another code (not a folder). */
gboolean      pl_project_set_annotation_code (PlProject           *self,
                                              const char          *guid,
                                              gint64               code_id,
                                              GError             **error);
gboolean      pl_project_set_annotation_range (PlProject          *self,
                                              const char          *guid,
                                              guint                start,
                                              guint                end,
                                              GError             **error);
/* The coded text. */
char         *pl_project_dup_annotation_text (PlProject           *self,
                                              const PlAnnotation  *annotation,
                                              GError             **error);
PlAnnotation *pl_project_find_annotation     (PlProject           *self,
                                              const char          *guid,
                                              GError             **error);
/* PlAnnotation items of one document, or of all (@document_id 0), sorted by document,
 * then pl_annotation_compare(). */
GPtrArray    *pl_project_list_annotations    (PlProject           *self,
                                              gint64               document_id,
                                              GError             **error);
guint         pl_project_count_annotations   (PlProject           *self);
/* Statements of the document that at least one annotation touches (coding progress). */
guint         pl_project_count_coded_statements (PlProject        *self,
                                              gint64               document_id,
                                              GError             **error);

/* Picks up what other programs committed to the project file since it was opened or last
 * refreshed (plenary-cli, a merge, a second window): when there is something, re-reads the
 * documents, codes and coders and emits "reloaded" and "history-changed".  One cheap
 * query when nothing changed, so a window can call it every second.  TRUE when the project
 * changed. */
gboolean      pl_project_refresh             (PlProject           *self,
                                              GError             **error);

/* Undo and redo of every user action, stored in the project (survives a restart). */
gboolean      pl_project_undo                (PlProject           *self,
                                              GError             **error);
gboolean      pl_project_redo                (PlProject           *self,
                                              GError             **error);
gboolean      pl_project_can_undo            (PlProject           *self);
gboolean      pl_project_can_redo            (PlProject           *self);
/* What undo / redo would do, for the menu ("Apply “Ransomware”"), or NULL. */
char         *pl_project_dup_undo_label      (PlProject           *self);
char         *pl_project_dup_redo_label      (PlProject           *self);

/* Writes a consistent copy of the project to @path with SQLite's backup API (through a
 * temporary file renamed into place, so @path is never half-written). */
gboolean      pl_project_save_copy           (PlProject           *self,
                                              const char          *path,
                                              GError             **error);

G_END_DECLS
