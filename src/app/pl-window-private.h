/* pl-window-private.h — what the window's files share, and what tests may reach
 *
 * The window is split by concern: pl-window.c (the panes, the object),
 * pl-window-layout.c (folding panels, widths, empty pages, moving the focus),
 * pl-window-documents.c (the sidebar), pl-window-project.c (the project, its file, the
 * coder, recent projects), pl-window-import.c, pl-window-export.c, pl-window-coding.c,
 * pl-window-menu.c (the text's context menu), pl-window-statements.c, pl-window-team.c
 * (blind mode, merging, the team folder, agreement, comparison) and pl-window-analysis.c
 * (the sidebar's Segments, Search and Memos, Ctrl+F, the Analysis page).  Each part
 * installs its actions from its class_init hook.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "pl-analysis-view.h"
#include "pl-class-view.h"
#include "pl-code-picker.h"
#include "pl-exercise-dialog.h"
#include "pl-gazetteer.h"
#include "pl-memos-view.h"
#include "pl-merge-dialog.h"
#include "pl-project-file.h"
#include "pl-project-links.h"
#include "pl-project-team.h"
#include "pl-provenance-view.h"
#include "pl-reuse-review.h"
#include "pl-search-bar.h"
#include "pl-search-view.h"
#include "pl-segments-view.h"
#include "pl-settings.h"
#include "pl-speaker-popover.h"
#include "pl-tagging-panel.h"
#include "pl-transcript-view.h"
#include "pl-window.h"

G_BEGIN_DECLS

struct _PlWindow
{
  AdwApplicationWindow  parent_instance;

  /* Template widgets */
  AdwToastOverlay      *toast_overlay;
  GtkRevealer          *import_revealer;
  GtkLabel             *import_label;
  GtkProgressBar       *import_progress;
  AdwWindowTitle       *window_title;
  GtkLabel             *coder_label;
  AdwAvatar            *coder_avatar;
  GtkMenuButton        *coder_button;
  GMenu                *coders_section;
  GMenu                *recent_section;
  AdwFlap              *panel_flap;        /* the codes panel, folding into an overlay */
  AdwFlap              *documents_flap;    /* the documents sidebar, likewise */
  GtkToggleButton      *panel_button;      /* shows and hides the codes panel */
  guint                 restore_sidebar_source;
  guint                 sidebar_notify_source;
  GtkWidget            *sidebar;
  GtkListView          *documents_view;
  GtkSearchEntry       *documents_filter;
  GtkStack             *stack;             /* no-project, no-documents, empty, document */
  GtkBox               *no_project_recent;
  GtkBox               *no_documents_recent;
  PlTranscriptView     *transcript_view;   /* the first pane */
  PlTranscriptView     *second_view;       /* the second pane, when side by side */
  GtkWidget            *second_pane;
  GtkWidget            *first_header;
  GtkLabel             *first_title;
  GtkLabel             *second_title;
  GtkPaned             *panes;
  PlTaggingPanel       *tagging_panel;
  GMenu                *history_section;
  GtkMenuButton        *primary_menu_button;

  PlSettings           *settings;
  AdwToast             *toast;             /* the one shown (borrowed), or NULL */
  gint64                toast_time;        /* when it was shown (monotonic) */
  PlProject            *project;
  PlCoder              *coder;
  PlTranscriptView     *active_view;       /* the pane the panel and the keys act on */
  gboolean              align_panes;
  gboolean              aligning;
  gboolean              history_menu_stale; /* the menu's undo and redo labels are old */
  GtkCssProvider       *code_css;
  GtkFileChooserNative *chooser;

  /* The sidebar (pl-window-documents.c) */
  GtkFilterListModel   *documents_filtered;
  GtkCustomFilter      *documents_custom_filter;
  GtkSingleSelection   *documents_selection;
  char                 *documents_query;
  GHashTable           *document_rows;     /* document id → its bound PlDocumentRow */

  /* The project's file (pl-window-project.c) */
  PlProjectFile        *file;
  guint                 sync_source;
  guint                 refresh_source;  /* looks for other programs' changes */

  /* Import (pl-window-import.c) */
  GCancellable         *import_cancellable;
  guint                 n_importing;

  /* Coding (pl-window-coding.c) */
  PlCodePicker         *code_picker;
  GtkPopover           *context_menu;   /* the text's (pl-window-menu.c) */
  char                 *recode_guid;    /* the annotation the picker recodes, or NULL */
  guint                 pick_start;     /* the selection when the picker opened */
  guint                 pick_end;
  guint                 pick_cursor;
  GtkPopover           *memo_popover;
  GtkTextView          *memo_view;
  char                 *memo_guid;
  guint                 memo_save_source;

  /* Statements (pl-window-statements.c) */
  PlSpeakerPopover     *speaker_popover;
  guint                 speaker_index;  /* the statement whose speaker is being set */

  /* Analysis (pl-window-analysis.c) */
  GtkStack             *sidebar_stack;     /* documents, segments, search, memos */
  PlSegmentsView       *segments_view;
  PlSearchView         *search_view;
  PlMemosView          *memos_view;
  PlSearchBar          *search_bar;        /* Ctrl+F over the panes */
  PlAnalysisView       *analysis_view;     /* the "analysis" page */
  gboolean              analysis_visible;

  /* Teams (pl-window-team.c) */
  GtkWidget            *blind_button;   /* the header's indicator and toggle */
  GtkWidget            *blind_label;
  GArray               *visible_coders; /* gint64: in blind mode, the coder; NULL: all */
  GHashTable           *blind_code_counts;      /* code id → the coder's annotations */
  GHashTable           *blind_document_counts;  /* document id → the same */
  PlTeamSyncReport     *team_report;    /* the last sync's, or NULL */
  guint                 team_sync_source;
  guint                 blind_button_source;
  /* Teaching (pl-window-teach.c) */
  GtkRevealer          *instructions_revealer;
  GtkLabel             *instructions_title;
  GtkLabel             *instructions_label;
  PlProject            *teach_project;  /* the project last seen (compared, never used) */
  gboolean              is_work;        /* the project is a student's work */
  GCancellable         *collecting;     /* while hand-ins are read off the main thread */
};

/* pl-window.c */
/* A toast replaces the one shown, at once. */
void                  pl_window_show_toast           (PlWindow             *self,
                                                      const char           *message);
void                  pl_window_add_toast            (PlWindow             *self,
                                                      AdwToast             *toast);
/* A toast with an Undo button ("win.undo"); @timeout in seconds, 0 for the default. */
void                  pl_window_show_undo_toast      (PlWindow             *self,
                                                      const char           *message,
                                                      guint                 timeout);
void                  pl_window_show_error           (PlWindow             *self,
                                                      const char           *heading,
                                                      const GError         *error);
void                  pl_window_update_actions       (PlWindow             *self);
void                  pl_window_update_title         (PlWindow             *self);
void                  pl_window_update_code_css      (PlWindow             *self);
void                  pl_window_update_history       (PlWindow             *self);
/* Attaches @popover to the active pane's text, pointing at the character at @offset. */
void                  pl_window_point_popover        (PlWindow             *self,
                                                      GtkPopover           *popover,
                                                      guint                 offset);
/* What the other parts announce through the window's "project", "coder-name" and
 * "import-finished". */
void                  pl_window_notify_project       (PlWindow             *self);
void                  pl_window_notify_sidebar_visible (PlWindow           *self);
void                  pl_window_notify_analysis_visible (PlWindow          *self);
void                  pl_window_notify_coder         (PlWindow             *self);
void                  pl_window_notify_blind_mode    (PlWindow             *self);
void                  pl_window_emit_import_finished (PlWindow             *self,
                                                      guint                 n_imported,
                                                      guint                 n_refused);
/* A modal file chooser for the window (replacing one still open). */
GtkFileChooserNative *pl_window_new_chooser          (PlWindow             *self,
                                                      const char           *title,
                                                      GtkFileChooserAction  action,
                                                      const char           *accept);

/* pl-window-layout.c */
void pl_window_layout_class_init       (GtkWidgetClass *widget_class);
void pl_window_layout_init             (PlWindow       *self);
void pl_window_layout_dispose          (PlWindow       *self);
/* Shows the page that fits: no project, no documents, no document open, or the text. */
void pl_window_update_page             (PlWindow       *self);
gboolean pl_window_layout_get_sidebar_visible (PlWindow *self);
void pl_window_layout_set_sidebar_visible (PlWindow    *self,
                                           gboolean     visible);

/* pl-window-menu.c */
void pl_window_menu_class_init         (GtkWidgetClass *widget_class);
void pl_window_menu_init               (PlWindow       *self);
void pl_window_menu_dispose            (PlWindow       *self);

/* pl-window-documents.c */
void pl_window_documents_init          (PlWindow   *self);
void pl_window_documents_dispose       (PlWindow   *self);
void pl_window_documents_finalize      (PlWindow   *self);
void pl_window_documents_set_project   (PlWindow   *self,
                                        PlProject  *project);
/* Recounts the sidebar's progress of @document, if its row is shown. */
void pl_window_documents_refresh       (PlWindow   *self,
                                        PlDocument *document);
/* Selects @document in the sidebar, or nothing. */
void pl_window_documents_select        (PlWindow   *self,
                                        PlDocument *document);

/* pl-window-project.c */
void pl_window_project_class_init      (GtkWidgetClass *widget_class);
void pl_window_project_init            (PlWindow       *self);
void pl_window_project_dispose         (PlWindow       *self);

/* pl-window-import.c */
void pl_window_import_class_init       (GtkWidgetClass *widget_class);
void pl_window_import_init             (PlWindow       *self);
void pl_window_import_dispose          (PlWindow       *self);

/* pl-window-export.c */
void pl_window_export_class_init       (GtkWidgetClass *widget_class);

/* pl-window-coding.c */
void pl_window_coding_class_init       (GtkWidgetClass *widget_class);
void pl_window_coding_init             (PlWindow       *self);
void pl_window_coding_dispose          (PlWindow       *self);
void pl_window_coding_update_actions   (PlWindow       *self,
                                        gboolean        has_project,
                                        gboolean        has_document);
/* What annotation commands act on: the focus annotation, else the innermost annotation at
 * the cursor.  A new reference, or NULL. */
PlAnnotation *pl_window_coding_target_annotation (PlWindow *self);

/* pl-window-analysis.c */
void pl_window_analysis_class_init     (GtkWidgetClass *widget_class);
void pl_window_analysis_init           (PlWindow       *self);
/* Follows the pane the keys act on (Ctrl+F searches it) and the coder. */
void pl_window_analysis_update         (PlWindow       *self);
/* Shows @document_id with [@start, @end) selected, leaving the Analysis page. */
void pl_window_open_place              (PlWindow       *self,
                                        gint64          document_id,
                                        guint           start,
                                        guint           end);
gboolean pl_window_get_analysis_visible (PlWindow      *self);
void pl_window_set_analysis_visible    (PlWindow       *self,
                                        gboolean        visible);
/* The sidebar's page: "documents", "segments", "search" or "memos". */
void pl_window_show_sidebar_page       (PlWindow       *self,
                                        const char     *name);

/* pl-window-statements.c */
void pl_window_statements_class_init     (GtkWidgetClass *widget_class);
void pl_window_statements_init           (PlWindow       *self);
void pl_window_statements_dispose        (PlWindow       *self);
void pl_window_statements_update_actions (PlWindow       *self,
                                          gboolean        has_document);

/* pl-window-team.c */
void pl_window_team_class_init         (GtkWidgetClass *widget_class);
void pl_window_team_init               (PlWindow       *self);
void pl_window_team_dispose            (PlWindow       *self);
void pl_window_team_update_actions     (PlWindow       *self,
                                        gboolean        has_project,
                                        gboolean        has_document);
/* Blind mode ("win.blind-mode"): the project's setting, shown for the current coder. */
gboolean pl_window_team_get_blind      (PlWindow       *self);
void pl_window_team_set_blind          (PlWindow       *self,
                                        gboolean        blind);
/* In blind mode, a document's annotations of the coder, and its statements they code. */
guint pl_window_team_count_annotations (PlWindow       *self,
                                        PlDocument     *document);
guint pl_window_team_count_coded       (PlWindow       *self,
                                        PlDocument     *document);

/* pl-window-provenance.c */
void pl_window_provenance_class_init     (GtkWidgetClass *widget_class);
void pl_window_provenance_init           (PlWindow       *self);
void pl_window_provenance_update_actions (PlWindow       *self,
                                          gboolean        has_document);
/* Opens the statement's passage of @spec in the first pane and the outcome's in the
 * second, each selected. */
void pl_window_show_passages             (PlWindow         *self,
                                          const PlLinkSpec *spec);

/* pl-window-teach.c */
void pl_window_teach_class_init          (GtkWidgetClass *widget_class);
void pl_window_teach_update_actions      (PlWindow       *self,
                                          gboolean        has_project);
void pl_window_teach_dispose             (PlWindow       *self);

/* For tests and benchmarks: what the UI tests drive and look at. */
void              pl_window_set_project          (PlWindow         *self,
                                                  PlProject        *project);
void              pl_window_open_document        (PlWindow         *self,
                                                  PlDocument       *document);
/* Imports @files (GFile) off the main thread; "import-finished" is emitted at the end. */
void              pl_window_import_files         (PlWindow         *self,
                                                  GPtrArray        *files);
/* The first pane; the second (side by side); the one the panel and keys act on. */
PlTranscriptView *pl_window_get_transcript_view  (PlWindow         *self);
PlTranscriptView *pl_window_get_second_view      (PlWindow         *self);
PlTranscriptView *pl_window_get_active_view      (PlWindow         *self);
void              pl_window_focus_view           (PlWindow         *self,
                                                  PlTranscriptView *view);
/* Side by side ("win.split-view"), and aligned by statement ("win.align-panes"). */
gboolean          pl_window_get_split            (PlWindow         *self);
void              pl_window_set_split            (PlWindow         *self,
                                                  gboolean          split);
void              pl_window_align_panes_now      (PlWindow         *self);
PlTaggingPanel   *pl_window_get_tagging_panel    (PlWindow         *self);
const char       *pl_window_get_coder_name       (PlWindow         *self);
/* Codes as @name from now on (created in the project if new), remembered for next time;
 * @initials and @color (optional) update the coder's profile. */
gboolean          pl_window_set_coder            (PlWindow         *self,
                                                  const char       *name,
                                                  const char       *initials,
                                                  const char       *color,
                                                  GError          **error);
/* The documents the sidebar lists (after its filter), and its filter text. */
GListModel       *pl_window_get_documents_model  (PlWindow         *self);
void              pl_window_set_documents_filter (PlWindow         *self,
                                                  const char       *text);
/* The sidebar's progress line of a document ("3 of 20 statements coded · …"), or NULL
 * when its row is not shown. */
const char       *pl_window_get_progress_text    (PlWindow         *self,
                                                  PlDocument       *document);
/* The speaker picker of "win.set-speaker", and its entry. */
GtkPopover       *pl_window_get_speaker_popover  (PlWindow         *self);
GtkEditable      *pl_window_get_speaker_entry    (PlWindow         *self);
/* The picker's "Remember a new name as" check and kind (as a user would set them). */
void              pl_window_set_remember_speaker (PlWindow         *self,
                                                  gboolean          remember,
                                                  PlEntityType      type);
/* The type-to-search popover of "win.pick-code" and the memo editor of "win.edit-memo". */
GtkPopover       *pl_window_get_code_picker      (PlWindow         *self);
GtkTextView      *pl_window_get_memo_view        (PlWindow         *self);
/* The toast shown now (the newest), or NULL. */
AdwToast         *pl_window_get_toast            (PlWindow         *self);
/* TRUE while the toast shown is still sliding in (libadwaita 1.2 cannot dismiss it then). */
gboolean          pl_window_is_toast_arriving    (PlWindow         *self);
/* The page shown: "no-project", "no-documents", "empty" or "document". */
const char       *pl_window_get_page             (PlWindow         *self);
/* The text's context menu ("win.context-menu"), built for where the cursor is. */
GtkPopover       *pl_window_get_context_menu     (PlWindow         *self);
/* The preview of "win.merge-coding" for @paths (NULL-terminated), as after the chooser. */
PlMergeDialog    *pl_window_merge_coding         (PlWindow           *self,
                                                  const char * const *paths);

/* The reuse review and the provenance view of @document ("win.find-reuse",
 * "win.show-provenance"), opened or brought to the front. */
PlReuseReview    *pl_window_open_reuse_review    (PlWindow         *self,
                                                  PlDocument       *document);
PlProvenanceView *pl_window_open_provenance      (PlWindow         *self,
                                                  PlDocument       *document);
/* The selection of a pane, or the last one it had when the other pane's selection took its
 * place (a pane keeps it until the user clears it there). */
gboolean          pl_window_get_pane_selection   (PlWindow         *self,
                                                  PlTranscriptView *view,
                                                  guint            *start,
                                                  guint            *end);
/* "win.link-selections": links the selections of the two panes; FALSE with a message for
 * the user when they do not make a link. */
gboolean          pl_window_link_selections      (PlWindow         *self,
                                                  GError          **error);
/* Teaching: the dialog of "win.create-exercise"; a pack opened by @student (their work
 * started when there is none); "win.hand-in" to @destination (a file or a folder), the
 * file written; "win.collect-handins" of @paths (NULL-terminated), refusals shown and the
 * class view opened; "win.show-class". */
PlExerciseDialog *pl_window_open_exercise_dialog (PlWindow         *self);
gboolean          pl_window_open_exercise        (PlWindow         *self,
                                                  const char       *pack_path,
                                                  const char       *student,
                                                  GError          **error);
GFile            *pl_window_hand_in              (PlWindow         *self,
                                                  GFile            *destination,
                                                  GError          **error);
/* Collects @paths (NULL-terminated) as "Collect Hand-ins…" does: the files are read off the
 * main thread; then the toast, the refusals and the class view, and @callback. */
void              pl_window_collect_handins_async (PlWindow        *self,
                                                   const char * const *paths,
                                                   GAsyncReadyCallback callback,
                                                   gpointer         user_data);
PlCollectReport  *pl_window_collect_handins_finish (PlWindow        *self,
                                                   GAsyncResult    *result,
                                                   GError         **error);
PlClassView      *pl_window_open_class_view      (PlWindow         *self);

G_END_DECLS
