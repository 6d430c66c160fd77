/* pl-project-team.h — research teams: blind mode, a coder's work handed over and merged,
 * the team folder
 *
 * Blind mode is a setting of the project: views show the current coder's annotations and
 * counts only (pl_project_dup_visible_coders(), pl_project_count_coder_annotations());
 * exports and agreement always see every coder.
 *
 * A coder's work travels as change records, JSON objects one a line (JSON Lines), keyed by
 * GUID and numbered from 1 ("seq"):
 *
 *   {"format":"plenary-changes","version":1,"project":GUID,"coder":{"guid","name",
 *    "initials","color"},"created":TIME}                      the first line, always
 *   {"seq":1,"document":{"guid","sha256","title"}}             a document it refers to
 *   {"seq":2,"code":{"guid","short_id","path","name"}}         a code it applies
 *   {"seq":3,"annotation":{"guid","document","code","start","end","memo","stance",
 *    "codebook_version","created","modified"}}                 an annotation, new or changed
 *   {"seq":4,"remove":{"guid"}}                                an annotation removed
 *
 * Every annotation of a file is its coder's.  Documents are matched by the SHA-256 of their
 * text (UTF-8, NFC, as the project holds it), never by position or title: a document whose
 * text differs is left out and reported, never re-aligned.  Codes and coders are matched by
 * GUID (a coder of the same name is the same person); a code the project lacks refuses the
 * file.  An annotation the project already has is changed only when the file's is newer.
 *
 * - Export My Coding writes one coder's annotations as a .plenary-coding file: a ZIP
 *   archive holding "changes.jsonl" (records of every document, code and annotation).
 * - Merge Coding reads .plenary-coding files (or a team folder's change files): a plan
 *   says what would change, then pl_project_merge() changes it as one undoable action.
 * - The team folder (synced by Nextcloud, Syncthing, Dropbox, git…) holds one
 *   "CODER-GUID.plenary-changes" file per coder, which only that coder's Plenary appends
 *   to.  A sync appends the local coder's changes since the last sync to its own file,
 *   then merges the changes of the others' files numbered after the last one it merged.  A
 *   file that ends in the middle of a line (still syncing) or holds a damaged line is read
 *   up to that point, reported, and read again from there next time.
 *
 * After a merge or a sync the project's lists are read again and "codes-changed" is
 * emitted: views re-read the annotations they show.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "pl-project.h"

G_BEGIN_DECLS

#define PL_CODING_FILE_EXTENSION ".plenary-coding"
#define PL_TEAM_CHANGES_EXTENSION ".plenary-changes"

/* Blind mode */

gboolean     pl_project_get_blind              (PlProject        *self);
gboolean     pl_project_set_blind              (PlProject        *self,
                                                gboolean          blind,
                                                GError          **error);
/* The coders whose annotations views show while @coder_id codes: NULL (everyone) when
 * blind mode is off, else an array (gint64) of @coder_id alone. */
GArray      *pl_project_dup_visible_coders     (PlProject        *self,
                                                gint64            coder_id);

typedef enum
{
  PL_COUNT_BY_CODE,
  PL_COUNT_BY_DOCUMENT,
} PlCountBy;

/* The annotations of @coder_id per code or per document: a table of gint64* id →
 * GUINT_TO_POINTER (count), for the counts views show in blind mode. */
GHashTable  *pl_project_count_coder_annotations (PlProject       *self,
                                                gint64            coder_id,
                                                PlCountBy         by,
                                                GError          **error);

/* Export My Coding */

/* Writes every annotation of @coder_id, with the documents and codes they refer to, to
 * @destination (a .plenary-coding file), atomically. */
gboolean     pl_project_export_coding          (PlProject        *self,
                                                gint64            coder_id,
                                                GFile            *destination,
                                                GError          **error);

/* Merge Coding */

/* What merging one file would do. */
typedef struct
{
  char      *name;           /* the file, for display */
  char      *coder_name;
  char      *coder_guid;
  gboolean   coder_new;      /* the project does not have this coder yet */
  gboolean   coder_by_name;  /* another GUID, but the project has a coder of that name */
  guint      n_documents;    /* documents of the file the project has */
  guint      n_added;        /* annotations */
  guint      n_changed;
  guint      n_removed;
  guint      n_unchanged;
  GPtrArray *skipped;        /* char*: what is left out and why (a document the project
                              * lacks or whose text differs, another coder's annotation) */
} PlMergeFile;

typedef struct _PlMergePlan PlMergePlan;

/* Reads @paths (NULL-terminated) and works out what merging them would change; nothing
 * changes.  Fails, naming the file, when one cannot be read, is damaged or hostile, applies
 * a code the project lacks, or refers to none of the project's documents. */
PlMergePlan       *pl_project_plan_merge       (PlProject        *self,
                                                const char * const *paths,
                                                GError          **error);
/* The same, reading the files in a worker thread; _finish works the plan out (call it in
 * the project's thread, from @callback). */
void               pl_project_plan_merge_async (PlProject        *self,
                                                const char * const *paths,
                                                GCancellable     *cancellable,
                                                GAsyncReadyCallback callback,
                                                gpointer          user_data);
PlMergePlan       *pl_project_plan_merge_finish (PlProject       *self,
                                                GAsyncResult     *result,
                                                GError          **error);
guint              pl_merge_plan_get_n_files   (PlMergePlan      *plan);
const PlMergeFile *pl_merge_plan_get_file      (PlMergePlan      *plan,
                                                guint             index);
/* Whether merging would change nothing. */
gboolean           pl_merge_plan_is_empty      (PlMergePlan      *plan);
void               pl_merge_plan_free          (PlMergePlan      *plan);

/* Merges what @plan read, as one undoable action ("Merge Coding of Ana"); the project may
 * have changed since the plan was made: what is merged is worked out again. */
gboolean           pl_project_merge            (PlProject        *self,
                                                PlMergePlan      *plan,
                                                GError          **error);

/* The team folder */

/* Points the project at @folder (an existing folder; NULL: none). */
gboolean     pl_project_set_team_folder        (PlProject        *self,
                                                const char       *folder,
                                                GError          **error);
/* The team folder, or NULL. */
char        *pl_project_dup_team_folder        (PlProject        *self);

/* What a sync did. */
typedef struct
{
  char      *file;           /* the change file of the local coder */
  guint      n_written;      /* changes appended to it */
  guint      n_files;        /* other coders' files read */
  guint      n_added;        /* their annotations merged */
  guint      n_changed;
  guint      n_removed;
  GPtrArray *messages;       /* char*: what could not be read, and until where */
} PlTeamSyncReport;

/* Appends @coder_id's changes to its file in the team folder, then merges the others'
 * new changes (not an undoable action: the files are the record).  Fails when the project
 * has no team folder or the folder cannot be read or written. */
PlTeamSyncReport *pl_project_team_sync         (PlProject        *self,
                                                gint64            coder_id,
                                                GError          **error);
void         pl_team_sync_report_free          (PlTeamSyncReport *report);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PlMergePlan, pl_merge_plan_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PlTeamSyncReport, pl_team_sync_report_free)

G_END_DECLS
