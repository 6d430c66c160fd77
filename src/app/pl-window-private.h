/* pl-window-private.h — what the window's files share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "pl-code-picker.h"
#include "pl-project-file.h"
#include "pl-settings.h"
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
  GtkPaned             *outer_paned;
  GtkWidget            *sidebar;
  GtkListView          *documents_view;
  GtkSearchEntry       *documents_filter;
  GtkFilterListModel   *documents_filtered;
  GtkCustomFilter      *documents_custom_filter;
  char                 *documents_query;
  GHashTable           *progress_labels;   /* document id → GtkLabel of bound rows */
  GtkStack             *stack;
  PlTranscriptView     *transcript_view;   /* the first pane */
  PlTranscriptView     *second_view;       /* the second pane, when side by side */
  PlTranscriptView     *active_view;       /* the pane the panel and the keys act on */
  GtkWidget            *second_pane;
  GtkWidget            *first_header;
  GtkLabel             *first_title;
  GtkLabel             *second_title;
  GtkPaned             *panes;
  gboolean              align_panes;
  gboolean              aligning;
  PlTaggingPanel       *tagging_panel;

  GMenu                *history_section;

  PlSettings           *settings;
  PlProjectFile        *file;
  PlProject            *project;
  guint                 sync_source;
  PlCoder              *coder;
  GtkSingleSelection   *documents_selection;
  GtkCssProvider       *code_css;
  GtkFileChooserNative *chooser;
  GCancellable         *import_cancellable;
  guint                 n_importing;

  /* Coding (pl-window-coding.c) */
  PlCodePicker         *code_picker;
  char                 *recode_guid;    /* the annotation the picker recodes, or NULL */
  guint                 pick_start;     /* the selection when the picker opened */
  guint                 pick_end;
  guint                 pick_cursor;
  GtkPopover           *memo_popover;
  GtkTextView          *memo_view;
  char                 *memo_guid;
  guint                 memo_save_source;

  /* Statements (pl-window-statements.c) */
  GtkPopover           *speaker_popover;
  GtkSearchEntry       *speaker_entry;
  GtkListView          *speaker_list;
  GtkStringList        *speaker_names;
  GtkStringFilter      *speaker_filter;
  GtkSingleSelection   *speaker_selection;
  guint                 speaker_index;
  gboolean              speaker_picked;   /* a suggestion was chosen with the arrows */
  GtkCheckButton       *speaker_remember;
  GtkDropDown          *speaker_kind;
};


void pl_window_show_toast             (PlWindow     *self,
                                       const char   *message);
void pl_window_show_error             (PlWindow     *self,
                                       const char   *heading,
                                       const GError *error);
void pl_window_update_actions         (PlWindow     *self);

/* pl-window-coding.c */
void pl_window_coding_class_init      (GtkWidgetClass *widget_class);
void pl_window_coding_init            (PlWindow       *self);
void pl_window_coding_dispose         (PlWindow       *self);
void pl_window_coding_update_actions  (PlWindow       *self,
                                       gboolean        has_project,
                                       gboolean        has_document);

/* pl-window-statements.c */
void pl_window_statements_class_init     (GtkWidgetClass *widget_class);
void pl_window_statements_init           (PlWindow       *self);
void pl_window_statements_dispose        (PlWindow       *self);
void pl_window_statements_update_actions (PlWindow       *self,
                                          gboolean        has_document);

G_END_DECLS
