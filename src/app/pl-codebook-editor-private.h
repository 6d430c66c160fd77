/* pl-codebook-editor-private.h — what the editor's files share, and what tests may reach
 *
 * The editor is split by concern: pl-codebook-editor.c (actions, change log, import and
 * export, the object), pl-codebook-editor-tree.c (the code tree and drag and drop) and
 * pl-codebook-editor-form.c (the selected code's form and colours).  The merge popover,
 * the split window and the import question are types of their own.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pl-codebook-edit.h"
#include "pl-codebook-editor.h"
#include "pl-codebook.h"
#include "pl-codebook-merge-popover.h"

G_BEGIN_DECLS

#define PL_CODEBOOK_EDITOR_N_TEXTS 4

struct _PlCodebookEditor
{
  AdwWindow               parent_instance;

  /* Template widgets */
  AdwToastOverlay        *toast_overlay;
  AdwWindowTitle         *window_title;
  GtkMenuButton          *merge_button;
  PlCodebookMergePopover *merge_popover;
  GtkButton              *undo_button;
  GtkButton              *redo_button;
  GtkListView            *tree_view;
  GtkStack               *stack;
  AdwEntryRow            *name_row;
  AdwEntryRow            *short_id_row;
  AdwEntryRow            *shortcut_row;
  AdwEntryRow            *color_row;
  GtkSwitch              *folder_switch;
  GtkLabel               *uses_label;
  GtkFlowBox             *palette_box;
  GtkBox                 *text_box;
  GtkLabel               *log_summary;
  GtkListBox             *log_list;

  PlProject              *project;
  PlCodebook             *codebook;       /* of the project: every edit goes through it */
  GtkSingleSelection     *selection;
  gint64                  current_id;     /* the selected code, kept across reloads */
  gboolean                show_log;
  GtkNativeDialog        *chooser;
  PlCodebookFormat        export_format;  /* what the export chooser writes */
  AdwMessageDialog       *dialog;         /* weak: the question asked now */
  gint64                  delete_id;      /* the code the delete question is about */
  GtkWindow              *split_window;   /* weak */

  /* The form (pl-codebook-editor-form.c) */
  GtkTextView            *texts[PL_CODEBOOK_EDITOR_N_TEXTS];
  GPtrArray              *swatches;       /* GtkToggleButton, one per palette colour */
  GtkCssProvider         *css;
  gint64                  form_id;        /* the code the form shows */
  gboolean                updating;       /* the form is being filled, not edited */
};

/* What a change of the form, or an editor.set-… action, sets. */
typedef enum
{
  PL_CODEBOOK_CHANGE_NAME,
  PL_CODEBOOK_CHANGE_SHORT_ID,
  PL_CODEBOOK_CHANGE_SHORTCUT,
  PL_CODEBOOK_CHANGE_COLOR,
  PL_CODEBOOK_CHANGE_TEXT,
} PlCodebookChange;

/* pl-codebook-editor.c */
void      pl_codebook_editor_show_toast     (PlCodebookEditor *self,
                                             const char       *message,
                                             gboolean          with_undo);
/* Shows @error when not @ok; returns @ok. */
gboolean  pl_codebook_editor_report         (PlCodebookEditor *self,
                                             gboolean          ok,
                                             const GError     *error);
PlCode   *pl_codebook_editor_find_code      (PlCodebookEditor *self,
                                             gint64            id);
void      pl_codebook_editor_update_title   (PlCodebookEditor *self);
void      pl_codebook_editor_update_actions (PlCodebookEditor *self);

/* pl-codebook-editor-tree.c */
void      pl_codebook_editor_tree_init      (PlCodebookEditor *self);
void      pl_codebook_editor_tree_set_project (PlCodebookEditor *self);
/* Selects the code with @id (0: none) in the tree and shows it. */
void      pl_codebook_editor_select_id      (PlCodebookEditor *self,
                                             gint64            id);
/* Whether @code is @ancestor or lies below it. */
gboolean  pl_codebook_editor_is_within      (PlCodebookEditor *self,
                                             PlCode           *code,
                                             PlCode           *ancestor);
/* The children of @parent_id (0: the top level), in order, without @except_id. */
GPtrArray *pl_codebook_editor_children_of   (PlCodebookEditor *self,
                                             gint64            parent_id,
                                             gint64            except_id);

/* pl-codebook-editor-form.c */
void      pl_codebook_editor_form_init      (PlCodebookEditor *self);
void      pl_codebook_editor_form_dispose   (PlCodebookEditor *self);
/* Shows the selected code (or the empty page, or the log) and what depends on it. */
void      pl_codebook_editor_update_form    (PlCodebookEditor *self);
void      pl_codebook_editor_update_css     (PlCodebookEditor *self);
/* One undoable change of @code_id; on failure the form shows the stored value again. */
gboolean  pl_codebook_editor_apply_change   (PlCodebookEditor *self,
                                             gint64            code_id,
                                             PlCodebookChange  change,
                                             PlCodebookField   field,
                                             const char       *value);

/* For tests: the tree, what the file choosers lead to, the question asked now (delete,
 * import) and the split window, or NULL. */
GtkListView      *pl_codebook_editor_get_list_view    (PlCodebookEditor *self);
void              pl_codebook_editor_import_file      (PlCodebookEditor *self,
                                                       GFile            *file);
gboolean          pl_codebook_editor_export_file      (PlCodebookEditor *self,
                                                       PlCodebookFormat  format,
                                                       GFile            *file);
AdwMessageDialog *pl_codebook_editor_get_dialog       (PlCodebookEditor *self);
GtkWindow        *pl_codebook_editor_get_split_window (PlCodebookEditor *self);

G_END_DECLS
