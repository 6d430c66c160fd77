/* pl-window.h — the main window: documents, transcript, tagging panel
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "pl-coder-dialog.h"
#include "pl-gazetteer.h"
#include "pl-project.h"
#include "pl-tagging-panel.h"
#include "pl-transcript-view.h"

G_BEGIN_DECLS

#define PL_TYPE_WINDOW (pl_window_get_type ())
G_DECLARE_FINAL_TYPE (PlWindow, pl_window, PL, WINDOW, AdwApplicationWindow)

PlWindow         *pl_window_new                 (GtkApplication *application);
void              pl_window_set_project         (PlWindow       *self,
                                                 PlProject      *project);
PlProject        *pl_window_get_project         (PlWindow       *self);
/* Opens the project file at @path in this window; shows the error and keeps the current
 * project when it cannot. */
gboolean          pl_window_open_project_path   (PlWindow       *self,
                                                 const char     *path,
                                                 gboolean        create,
                                                 GError        **error);
/* Writes the project back (live copy) and closes it; FALSE with @error, the project still
 * open, when writing back failed. */
gboolean          pl_window_close_project       (PlWindow       *self,
                                                 GError        **error);
void              pl_window_open_document       (PlWindow       *self,
                                                 PlDocument     *document);
/* Imports @files (GFile) off the main thread; "import-finished" is emitted at the end. */
void              pl_window_import_files        (PlWindow       *self,
                                                 GPtrArray      *files);
/* The first pane; the second (side by side); the one the panel and keys act on. */
PlTranscriptView *pl_window_get_transcript_view (PlWindow       *self);
PlTranscriptView *pl_window_get_second_view     (PlWindow       *self);
PlTranscriptView *pl_window_get_active_view     (PlWindow       *self);
void              pl_window_focus_view          (PlWindow       *self,
                                                 PlTranscriptView *view);
/* Side by side ("win.split-view"), and aligned by statement ("win.align-panes"). */
gboolean          pl_window_get_split           (PlWindow       *self);
void              pl_window_set_split           (PlWindow       *self,
                                                 gboolean        split);
void              pl_window_align_panes_now     (PlWindow       *self);
PlTaggingPanel   *pl_window_get_tagging_panel   (PlWindow       *self);
PlCoder          *pl_window_get_coder           (PlWindow       *self);
const char       *pl_window_get_coder_name      (PlWindow       *self);
/* Codes as @name from now on (created in the project if new), remembered for next time;
 * @initials and @color (optional) update the coder's profile. */
gboolean          pl_window_set_coder           (PlWindow       *self,
                                                 const char     *name,
                                                 const char     *initials,
                                                 const char     *color,
                                                 GError        **error);
/* Opens the coder dialog for the current coder, or for a new one. */
PlCoderDialog    *pl_window_edit_coder          (PlWindow       *self,
                                                 gboolean        new_coder);
/* The documents the sidebar lists (after its filter), and its filter text. */
GListModel       *pl_window_get_documents_model (PlWindow       *self);
void              pl_window_set_documents_filter (PlWindow      *self,
                                                 const char     *text);
/* The sidebar's progress line of a document ("3 of 20 statements coded · …"), or NULL
 * when its row is not shown. */
const char       *pl_window_get_progress_text   (PlWindow       *self,
                                                 PlDocument     *document);
/* The speaker picker of "win.set-speaker", and its entry. */
GtkPopover       *pl_window_get_speaker_popover (PlWindow       *self);
GtkEditable      *pl_window_get_speaker_entry   (PlWindow       *self);
/* The picker's "Remember a new name as" check and kind (as a user would set them). */
void              pl_window_set_remember_speaker (PlWindow      *self,
                                                 gboolean        remember,
                                                 PlEntityType    type);
/* The type-to-search popover of "win.pick-code" and the memo editor of "win.edit-memo". */
GtkPopover       *pl_window_get_code_picker     (PlWindow       *self);
GtkTextView      *pl_window_get_memo_view       (PlWindow       *self);

G_END_DECLS
