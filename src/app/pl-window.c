/* pl-window.c — the main window: documents, transcript, tagging panel
 *
 * Every command is an action ("win.…"), so menus, buttons, keys and tests go through the
 * same code; update_actions() keeps their enablement in step with the model.  This file
 * holds the panes and the object; the other concerns have their own pl-window-*.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "plenary-window"

#include "config.h"

#include <glib/gi18n.h>

#include "pl-compat.h"
#include "pl-file-chooser.h"
#include "pl-preferences-window.h"
#include "pl-window-private.h"

G_DEFINE_FINAL_TYPE (PlWindow, pl_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_PROJECT,
  PROP_SIDEBAR_VISIBLE,
  PROP_CODER_NAME,
  PROP_SPLIT,
  PROP_ALIGN_PANES,
  PROP_ANALYSIS_VISIBLE,
  PROP_BLIND_MODE,
  N_PROPS
};

enum {
  IMPORT_FINISHED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
on_toast_dismissed (PlWindow *self,
                    AdwToast *toast)
{
  if (self->toast == toast)
    self->toast = NULL;
}

/* How long a toast takes to slide in (libadwaita's SHOW_DURATION), with a margin. */
#define TOAST_SHOWING_USEC (400 * G_TIME_SPAN_MILLISECOND)

void
pl_window_add_toast (PlWindow *self,
                     AdwToast *toast)
{
  /* Toasts queue behind the one shown: after Redo, "Undone …" would stay for seconds.
   * Each new one is news, so the old one goes at once.  libadwaita 1.2 frees a toast
   * twice when it is dismissed while still sliding in: a message that comes that soon
   * takes over the toast on screen instead (it shows its properties as they change). */
  if (self->toast != NULL && g_get_monotonic_time () - self->toast_time < TOAST_SHOWING_USEC)
    {
      adw_toast_set_title (self->toast, adw_toast_get_title (toast));
      adw_toast_set_button_label (self->toast, adw_toast_get_button_label (toast));
      adw_toast_set_action_name (self->toast, adw_toast_get_action_name (toast));
      adw_toast_set_action_target_value (self->toast, adw_toast_get_action_target_value (toast));
      g_object_unref (toast);
      return;
    }

  if (self->toast != NULL)
    adw_toast_dismiss (self->toast);
  self->toast = toast;
  self->toast_time = g_get_monotonic_time ();
  g_signal_connect_object (toast, "dismissed", G_CALLBACK (on_toast_dismissed), self, G_CONNECT_SWAPPED);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

gboolean
pl_window_is_toast_arriving (PlWindow *self)
{
  g_return_val_if_fail (PL_IS_WINDOW (self), FALSE);
  return self->toast != NULL && g_get_monotonic_time () - self->toast_time < TOAST_SHOWING_USEC;
}

AdwToast *
pl_window_get_toast (PlWindow *self)
{
  g_return_val_if_fail (PL_IS_WINDOW (self), NULL);
  return self->toast;
}

void
pl_window_show_toast (PlWindow   *self,
                      const char *message)
{
  pl_window_add_toast (self, adw_toast_new (message));
}

void
pl_window_show_undo_toast (PlWindow   *self,
                           const char *message,
                           guint       timeout)
{
  AdwToast *toast = adw_toast_new (message);

  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_action_name (toast, "win.undo");
  if (timeout > 0)
    adw_toast_set_timeout (toast, timeout);
  pl_window_add_toast (self, toast);
}

void
pl_window_show_error (PlWindow     *self,
                      const char   *heading,
                      const GError *error)
{
  GtkWidget *dialog;

  dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, error->message);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

void
pl_window_update_actions (PlWindow *self)
{
  gboolean has_project = self->project != NULL;
  gboolean has_document = pl_transcript_view_get_document (self->active_view) != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.import", has_project);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.import-folder", has_project);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.import-refi", has_project);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export", has_project);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.save-copy", has_project);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.edit-codebook", has_project);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.toggle-sidebar", has_project);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.show-analysis", has_project);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.blind-mode", has_project);
  pl_window_team_update_actions (self, has_project, has_document);
  pl_window_coding_update_actions (self, has_project, has_document);
  pl_window_statements_update_actions (self, has_document);
  pl_window_provenance_update_actions (self, has_document);
  pl_window_teach_update_actions (self, has_project);
}

/* The menu says what undo and redo will do.  Its labels are set when it opens: changing a
 * menu model rebuilds the menu's widgets, a cost every action would pay. */
static void
update_history_menu (PlWindow *self)
{
  g_autofree char *undo = NULL;
  g_autofree char *redo = NULL;
  g_autofree char *undo_label = NULL;
  g_autofree char *redo_label = NULL;

  if (!self->history_menu_stale)
    return;
  self->history_menu_stale = FALSE;

  undo = self->project != NULL ? pl_project_dup_undo_label (self->project) : NULL;
  redo = self->project != NULL ? pl_project_dup_redo_label (self->project) : NULL;
  undo_label = undo != NULL ? g_strdup_printf (_("_Undo %s"), undo) : g_strdup (_("_Undo"));
  redo_label = redo != NULL ? g_strdup_printf (_("_Redo %s"), redo) : g_strdup (_("_Redo"));
  g_menu_remove_all (self->history_section);
  g_menu_append (self->history_section, undo_label, "win.undo");
  g_menu_append (self->history_section, redo_label, "win.redo");
}

void
pl_window_update_history (PlWindow *self)
{
  GtkPopover *menu = gtk_menu_button_get_popover (self->primary_menu_button);

  self->history_menu_stale = TRUE;
  if (menu != NULL && gtk_widget_get_visible (GTK_WIDGET (menu)))
    update_history_menu (self);
  pl_window_update_actions (self);
}

void
pl_window_update_title (PlWindow *self)
{
  PlDocument *document = pl_transcript_view_get_document (self->active_view);
  PlDocument *first = pl_transcript_view_get_document (self->transcript_view);
  PlDocument *second = pl_transcript_view_get_document (self->second_view);
  g_autofree char *title = self->project != NULL ? pl_project_dup_title (self->project) : NULL;

  gtk_label_set_text (self->first_title, first != NULL ? pl_document_get_title (first) : "");
  gtk_label_set_text (self->second_title, second != NULL ? pl_document_get_title (second) : "");

  adw_window_title_set_title (self->window_title, title != NULL ? title : _("Plenary"));
  adw_window_title_set_subtitle (self->window_title,
                                 document != NULL ? pl_document_get_title (document) : NULL);
}

/* One CSS class per code colour, for the swatches of the panel and the popover, in the
 * colours of the style shown (as the text's highlights are). */
void
pl_window_update_code_css (PlWindow *self)
{
  g_autoptr(GString) css = g_string_new (NULL);
  gboolean dark = adw_style_manager_get_dark (adw_style_manager_get_default ());
  GListModel *codes;
  guint n;

  if (self->project == NULL)
    return;

  codes = pl_project_get_codes (self->project);
  n = g_list_model_get_n_items (codes);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PlCode) code = g_list_model_get_item (codes, i);

      const char *color = dark && pl_code_get_color_dark (code) != NULL ? pl_code_get_color_dark (code)
                                                                        : pl_code_get_color (code);

      g_string_append_printf (css, ".code-color-%" G_GINT64_FORMAT " { background-color: %s; }\n",
                              pl_code_get_id (code), color);
    }

  gtk_css_provider_load_from_data (self->code_css, css->str, css->len);
}

void
pl_window_point_popover (PlWindow   *self,
                         GtkPopover *popover,
                         guint       offset)
{
  GtkTextView *text_view = pl_transcript_view_get_text_view (self->active_view);
  GtkTextIter iter;
  GdkRectangle rect;
  int x, y;

  if (gtk_widget_get_parent (GTK_WIDGET (popover)) != GTK_WIDGET (text_view))
    {
      if (gtk_widget_get_parent (GTK_WIDGET (popover)) != NULL)
        gtk_widget_unparent (GTK_WIDGET (popover));
      gtk_widget_set_parent (GTK_WIDGET (popover), GTK_WIDGET (text_view));
    }

  gtk_text_buffer_get_iter_at_offset (gtk_text_view_get_buffer (text_view), &iter, offset);
  gtk_text_view_get_iter_location (text_view, &iter, &rect);
  gtk_text_view_buffer_to_window_coords (text_view, GTK_TEXT_WINDOW_WIDGET, rect.x, rect.y, &x, &y);
  rect.x = x;
  rect.y = y;
  rect.width = MAX (rect.width, 1);
  gtk_popover_set_pointing_to (popover, &rect);
}

GtkFileChooserNative *
pl_window_new_chooser (PlWindow             *self,
                       const char           *title,
                       GtkFileChooserAction  action,
                       const char           *accept)
{
  g_clear_object (&self->chooser);
  self->chooser = pl_file_chooser_new (GTK_WINDOW (self), title, action, accept);
  return self->chooser;
}

/* Panes */

/* The panel shows how often each code is used in the open document, as the view's index
 * counts them, and lists its annotations. */
static void
update_document_counts (PlWindow *self)
{
  PlDocument *document = pl_transcript_view_get_document (self->active_view);

  pl_annotations_list_set_view (pl_tagging_panel_get_annotations_list (self->tagging_panel), self->project,
                                self->active_view);
  if (document == NULL)
    {
      pl_tagging_panel_set_document_counts (self->tagging_panel, NULL);
      return;
    }

  pl_window_documents_refresh (self, document);
  pl_tagging_panel_set_document_counts (self->tagging_panel,
                                        pl_annotation_index_get_code_counts (pl_transcript_view_get_index (self->active_view)));
}

static void
on_index_changed (PlWindow         *self,
                  PlTranscriptView *view)
{
  PlDocument *document = pl_transcript_view_get_document (view);

  if (view == self->active_view)
    update_document_counts (self);
  else if (document != NULL)
    pl_window_documents_refresh (self, document);   /* the other pane's: its progress only */
}

/* The tagging panel and the keys act on the pane that last had the focus. */
static void
set_active_view (PlWindow         *self,
                 PlTranscriptView *view)
{
  if (self->active_view == view)
    return;

  self->active_view = view;
  gtk_widget_remove_css_class (GTK_WIDGET (self->transcript_view), "active-pane");
  gtk_widget_remove_css_class (GTK_WIDGET (self->second_view), "active-pane");
  if (gtk_widget_get_visible (self->second_pane))
    gtk_widget_add_css_class (GTK_WIDGET (view), "active-pane");
  pl_window_documents_select (self, pl_transcript_view_get_document (view));
  update_document_counts (self);
  pl_window_update_title (self);
  pl_window_update_actions (self);
  pl_window_analysis_update (self);
}

static void
on_pane_focus (PlWindow           *self,
               GtkEventController *controller)
{
  set_active_view (self, PL_TRANSCRIPT_VIEW (gtk_event_controller_get_widget (controller)));
}

/* Aligned panes: the other pane shows the statement with the same number at its top. */
static guint
top_statement_index (PlTranscriptView *view)
{
  GtkTextView *text_view = pl_transcript_view_get_text_view (view);
  GdkRectangle visible;
  GtkTextIter top;
  PlStatement *statement;

  gtk_text_view_get_visible_rect (text_view, &visible);
  gtk_text_view_get_iter_at_location (text_view, &top, visible.x, visible.y);
  statement = pl_transcript_view_get_statement_at (view, gtk_text_iter_get_offset (&top));
  return statement != NULL ? statement->index : 0;
}

void
pl_window_align_panes_now (PlWindow *self)
{
  PlTranscriptView *leader, *follower;
  GPtrArray *statements;
  guint index;

  g_return_if_fail (PL_IS_WINDOW (self));

  if (!self->align_panes || !gtk_widget_get_visible (self->second_pane) || self->aligning)
    return;

  leader = self->active_view;
  follower = leader == self->transcript_view ? self->second_view : self->transcript_view;
  statements = pl_transcript_view_get_statements (follower);
  index = top_statement_index (leader);
  if (statements == NULL || index == 0 || index > statements->len)
    return;

  self->aligning = TRUE;
  pl_transcript_view_scroll_to_statement (follower, index);
  self->aligning = FALSE;
}

static void
on_pane_scrolled (PlWindow *self)
{
  pl_window_align_panes_now (self);
}

gboolean
pl_window_get_split (PlWindow *self)
{
  g_return_val_if_fail (PL_IS_WINDOW (self), FALSE);
  return gtk_widget_get_visible (self->second_pane);
}

void
pl_window_set_split (PlWindow *self,
                     gboolean  split)
{
  g_autoptr(GError) error = NULL;

  g_return_if_fail (PL_IS_WINDOW (self));

  if (split == pl_window_get_split (self))
    return;

  gtk_widget_set_visible (self->second_pane, split);
  gtk_widget_set_visible (self->first_header, split);
  if (split)
    {
      /* The second pane starts on the same document; pick another in the sidebar. */
      PlDocument *document = pl_transcript_view_get_document (self->transcript_view);

      if (!pl_transcript_view_set_document (self->second_view, self->project, document, &error))
        pl_window_show_error (self, _("Could Not Open the Document"), error);
      gtk_paned_set_position (self->panes, gtk_widget_get_width (GTK_WIDGET (self->panes)) / 2);
      set_active_view (self, self->second_view);
      gtk_widget_add_css_class (GTK_WIDGET (self->second_view), "active-pane");
      gtk_widget_grab_focus (GTK_WIDGET (pl_transcript_view_get_text_view (self->second_view)));
    }
  else
    {
      pl_transcript_view_set_document (self->second_view, NULL, NULL, NULL);
      gtk_widget_remove_css_class (GTK_WIDGET (self->transcript_view), "active-pane");
      set_active_view (self, self->transcript_view);
    }

  pl_window_update_title (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SPLIT]);
}

PlTranscriptView *
pl_window_get_active_view (PlWindow *self)
{
  g_return_val_if_fail (PL_IS_WINDOW (self), NULL);
  return self->active_view;
}

PlTranscriptView *
pl_window_get_second_view (PlWindow *self)
{
  g_return_val_if_fail (PL_IS_WINDOW (self), NULL);
  return self->second_view;
}

void
pl_window_focus_view (PlWindow         *self,
                      PlTranscriptView *view)
{
  g_return_if_fail (PL_IS_WINDOW (self));

  gtk_widget_grab_focus (GTK_WIDGET (pl_transcript_view_get_text_view (view)));
  set_active_view (self, view);
}

PlProject *
pl_window_get_project (PlWindow *self)
{
  g_return_val_if_fail (PL_IS_WINDOW (self), NULL);
  return self->project;
}

PlTranscriptView *
pl_window_get_transcript_view (PlWindow *self)
{
  g_return_val_if_fail (PL_IS_WINDOW (self), NULL);
  return self->transcript_view;
}

PlTaggingPanel *
pl_window_get_tagging_panel (PlWindow *self)
{
  g_return_val_if_fail (PL_IS_WINDOW (self), NULL);
  return self->tagging_panel;
}

PlCoder *
pl_window_get_coder (PlWindow *self)
{
  g_return_val_if_fail (PL_IS_WINDOW (self), NULL);
  return self->coder;
}

const char *
pl_window_get_coder_name (PlWindow *self)
{
  g_return_val_if_fail (PL_IS_WINDOW (self), NULL);
  return self->coder != NULL ? self->coder->name : NULL;
}

/* Preferences, help, and files the window points to */

static void
preferences_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  PlWindow *self = PL_WINDOW (widget);

  gtk_window_present (GTK_WINDOW (pl_preferences_window_new (GTK_WINDOW (self), self->settings)));
}

static void
on_launched (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(PlWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!g_app_info_launch_default_for_uri_finish (result, &error)
      && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    pl_window_show_error (self, _("Could Not Open It"), error);
}

/* Through the OpenURI portal inside Flatpak: GIO chooses it there. */
static void
launch_uri (PlWindow   *self,
            const char *uri)
{
  g_autoptr(GdkAppLaunchContext) context = gdk_display_get_app_launch_context (gtk_widget_get_display (GTK_WIDGET (self)));

  g_app_info_launch_default_for_uri_async (uri, G_APP_LAUNCH_CONTEXT (context), NULL, on_launched, g_object_ref (self));
}

static void
open_uri_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  launch_uri (PL_WINDOW (widget), g_variant_get_string (parameter, NULL));
}

/* The Mallard pages in help/C, read by Yelp (or the help viewer the system has). */
static void
help_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  launch_uri (PL_WINDOW (widget), "help:" PACKAGE_NAME);
}

/* GObject */

static void
pl_window_dispose (GObject *object)
{
  PlWindow *self = (PlWindow *)object;

  /* The project first: closing it reaches the panes, the panel and the pickers. */
  pl_window_project_dispose (self);
  pl_window_import_dispose (self);
  pl_window_layout_dispose (self);
  pl_window_menu_dispose (self);
  pl_window_coding_dispose (self);
  pl_window_statements_dispose (self);
  pl_window_team_dispose (self);
  pl_window_teach_dispose (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), PL_TYPE_WINDOW);
  pl_window_documents_dispose (self);
  g_clear_object (&self->chooser);
  g_clear_pointer (&self->coder, pl_coder_unref);
  if (self->code_css != NULL)
    {
      gtk_style_context_remove_provider_for_display (gdk_display_get_default (),
                                                     GTK_STYLE_PROVIDER (self->code_css));
      g_clear_object (&self->code_css);
    }
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (pl_window_parent_class)->dispose (object);
}

static void
pl_window_finalize (GObject *object)
{
  pl_window_documents_finalize (PL_WINDOW (object));

  G_OBJECT_CLASS (pl_window_parent_class)->finalize (object);
}

static void
pl_window_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  PlWindow *self = PL_WINDOW (object);

  switch (prop_id)
    {
    case PROP_PROJECT:
      g_value_set_object (value, self->project);
      break;

    case PROP_SIDEBAR_VISIBLE:
      g_value_set_boolean (value, pl_window_layout_get_sidebar_visible (self));
      break;

    case PROP_CODER_NAME:
      g_value_set_string (value, pl_window_get_coder_name (self));
      break;

    case PROP_SPLIT:
      g_value_set_boolean (value, self->second_pane != NULL && pl_window_get_split (self));
      break;

    case PROP_ALIGN_PANES:
      g_value_set_boolean (value, self->align_panes);
      break;

    case PROP_ANALYSIS_VISIBLE:
      g_value_set_boolean (value, pl_window_get_analysis_visible (self));
      break;

    case PROP_BLIND_MODE:
      g_value_set_boolean (value, pl_window_team_get_blind (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pl_window_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  PlWindow *self = PL_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SIDEBAR_VISIBLE:
      pl_window_layout_set_sidebar_visible (self, g_value_get_boolean (value));
      break;

    case PROP_SPLIT:
      if (self->second_pane != NULL)
        pl_window_set_split (self, g_value_get_boolean (value));
      break;

    case PROP_ALIGN_PANES:
      if (self->align_panes != g_value_get_boolean (value))
        {
          self->align_panes = g_value_get_boolean (value);
          g_object_notify_by_pspec (object, pspec);
          pl_window_align_panes_now (self);
        }
      break;

    case PROP_ANALYSIS_VISIBLE:
      pl_window_set_analysis_visible (self, g_value_get_boolean (value));
      break;

    case PROP_BLIND_MODE:
      pl_window_team_set_blind (self, g_value_get_boolean (value));
      break;

    case PROP_CODER_NAME:
      if (g_value_get_string (value) != NULL
          && g_strcmp0 (g_value_get_string (value), pl_window_get_coder_name (self)) != 0)
        {
          g_autoptr(GError) error = NULL;

          if (!pl_window_set_coder (self, g_value_get_string (value), NULL, NULL, &error))
            pl_window_show_error (self, _("Could Not Change the Coder"), error);
        }
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

void
pl_window_notify_sidebar_visible (PlWindow *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SIDEBAR_VISIBLE]);
}

void
pl_window_notify_analysis_visible (PlWindow *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ANALYSIS_VISIBLE]);
}

void
pl_window_notify_project (PlWindow *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROJECT]);
}

void
pl_window_notify_coder (PlWindow *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CODER_NAME]);
}

void
pl_window_notify_blind_mode (PlWindow *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BLIND_MODE]);
}

void
pl_window_emit_import_finished (PlWindow *self,
                                guint     n_imported,
                                guint     n_refused)
{
  g_signal_emit (self, signals[IMPORT_FINISHED], 0, n_imported, n_refused);
}

static void
pl_window_class_init (PlWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pl_window_dispose;
  object_class->finalize = pl_window_finalize;
  object_class->get_property = pl_window_get_property;
  object_class->set_property = pl_window_set_property;

  properties[PROP_PROJECT] =
    g_param_spec_object ("project", NULL, NULL, PL_TYPE_PROJECT,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SIDEBAR_VISIBLE] =
    g_param_spec_boolean ("sidebar-visible", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* The coder recorded on new annotations; "win.coder" switches it. */
  properties[PROP_CODER_NAME] =
    g_param_spec_string ("coder-name", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SPLIT] =
    g_param_spec_boolean ("split", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ALIGN_PANES] =
    g_param_spec_boolean ("align-panes", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* The Analysis page instead of the text ("win.show-analysis"). */
  properties[PROP_ANALYSIS_VISIBLE] =
    g_param_spec_boolean ("analysis-visible", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* The project's blind mode, for the current coder (pl-window-team.c). */
  properties[PROP_BLIND_MODE] =
    g_param_spec_boolean ("blind-mode", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * PlWindow::import-finished:
   * @n_imported: documents added
   * @n_refused: files refused
   */
  signals[IMPORT_FINISHED] =
    g_signal_new ("import-finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_UINT, G_TYPE_UINT);

  g_type_ensure (PL_TYPE_TRANSCRIPT_VIEW);
  g_type_ensure (PL_TYPE_TAGGING_PANEL);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/plenary/Plenary/pl-window.ui");
  gtk_widget_class_bind_template_child (widget_class, PlWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, PlWindow, import_revealer);
  gtk_widget_class_bind_template_child (widget_class, PlWindow, import_label);
  gtk_widget_class_bind_template_child (widget_class, PlWindow, import_progress);
  gtk_widget_class_bind_template_child (widget_class, PlWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, PlWindow, coder_label);
  gtk_widget_class_bind_template_child (widget_class, PlWindow, coder_avatar);
  gtk_widget_class_bind_template_child (widget_class, PlWindow, coder_button);
  gtk_widget_class_bind_template_child (widget_class, PlWindow, coders_section);
  gtk_widget_class_bind_template_child (widget_class, PlWindow, recent_section);
  gtk_widget_class_bind_template_child (widget_class, PlWindow, panel_flap);
  gtk_widget_class_bind_template_child (widget_class, PlWindow, documents_flap);
  gtk_widget_class_bind_template_child (widget_class, PlWindow, panel_button);
  gtk_widget_class_bind_template_child (widget_class, PlWindow, sidebar);
  gtk_widget_class_bind_template_child (widget_class, PlWindow, documents_view);
  gtk_widget_class_bind_template_child (widget_class, PlWindow, documents_filter);
  gtk_widget_class_bind_template_child (widget_class, PlWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, PlWindow, no_project_recent);
  gtk_widget_class_bind_template_child (widget_class, PlWindow, no_documents_recent);
  gtk_widget_class_bind_template_child (widget_class, PlWindow, transcript_view);
  gtk_widget_class_bind_template_child (widget_class, PlWindow, second_view);
  gtk_widget_class_bind_template_child (widget_class, PlWindow, second_pane);
  gtk_widget_class_bind_template_child (widget_class, PlWindow, first_header);
  gtk_widget_class_bind_template_child (widget_class, PlWindow, first_title);
  gtk_widget_class_bind_template_child (widget_class, PlWindow, second_title);
  gtk_widget_class_bind_template_child (widget_class, PlWindow, panes);
  gtk_widget_class_bind_template_child (widget_class, PlWindow, tagging_panel);
  gtk_widget_class_bind_template_child (widget_class, PlWindow, history_section);
  gtk_widget_class_bind_template_child (widget_class, PlWindow, blind_button);
  gtk_widget_class_bind_template_child (widget_class, PlWindow, blind_label);
  gtk_widget_class_bind_template_child (widget_class, PlWindow, primary_menu_button);

  pl_window_import_class_init (widget_class);
  pl_window_export_class_init (widget_class);
  pl_window_project_class_init (widget_class);
  pl_window_coding_class_init (widget_class);
  pl_window_statements_class_init (widget_class);
  pl_window_layout_class_init (widget_class);
  pl_window_menu_class_init (widget_class);
  pl_window_analysis_class_init (widget_class);
  pl_window_team_class_init (widget_class);
  gtk_widget_class_install_action (widget_class, "win.preferences", NULL, preferences_action);
  gtk_widget_class_install_action (widget_class, "win.help", NULL, help_action);
  gtk_widget_class_install_action (widget_class, "win.open-uri", "s", open_uri_action);
  pl_window_provenance_class_init (widget_class);
  pl_window_teach_class_init (widget_class);
  gtk_widget_class_install_property_action (widget_class, "win.toggle-sidebar", "sidebar-visible");
  gtk_widget_class_install_property_action (widget_class, "win.coder", "coder-name");
  gtk_widget_class_install_property_action (widget_class, "win.split-view", "split");
  gtk_widget_class_install_property_action (widget_class, "win.align-panes", "align-panes");
  gtk_widget_class_install_property_action (widget_class, "win.show-analysis", "analysis-visible");
  gtk_widget_class_install_property_action (widget_class, "win.blind-mode", "blind-mode");

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F9, 0, "win.toggle-sidebar", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F8, 0, "win.split-view", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F1, 0, "win.help", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_comma, GDK_CONTROL_MASK, "win.preferences", NULL);
}

static void
pl_window_init (PlWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  pl_accessible_tidy (GTK_WIDGET (self));

  self->settings = pl_settings_new ();

  self->code_css = gtk_css_provider_new ();
  gtk_style_context_add_provider_for_display (gdk_display_get_default (),
                                              GTK_STYLE_PROVIDER (self->code_css),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (pl_window_update_code_css), self, G_CONNECT_SWAPPED);

  pl_window_documents_init (self);
  self->active_view = self->transcript_view;
  for (guint i = 0; i < 2; i++)
    {
      PlTranscriptView *view = i == 0 ? self->transcript_view : self->second_view;
      GtkEventController *focus = gtk_event_controller_focus_new ();
      GtkAdjustment *vadjustment;

      g_signal_connect_object (view, "index-changed", G_CALLBACK (on_index_changed), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (focus, "enter", G_CALLBACK (on_pane_focus), self, G_CONNECT_SWAPPED);
      gtk_widget_add_controller (GTK_WIDGET (view), focus);
      vadjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (pl_transcript_view_get_text_view (view)));
      g_signal_connect_object (vadjustment, "value-changed", G_CALLBACK (on_pane_scrolled), self, G_CONNECT_SWAPPED);
    }

  self->history_menu_stale = TRUE;
  g_signal_connect_object (gtk_menu_button_get_popover (self->primary_menu_button), "show",
                           G_CALLBACK (update_history_menu), self, G_CONNECT_SWAPPED);

  pl_window_import_init (self);
  pl_window_coding_init (self);
  pl_window_statements_init (self);
  pl_window_menu_init (self);
  pl_window_team_init (self);
  pl_window_project_init (self);
  pl_window_layout_init (self);
  pl_window_analysis_init (self);
  pl_window_provenance_init (self);

  pl_settings_bind_window (self->settings, GTK_WINDOW (self));

  pl_window_update_page (self);
  pl_window_update_actions (self);
}

PlWindow *
pl_window_new (GtkApplication *application)
{
  return g_object_new (PL_TYPE_WINDOW, "application", application, NULL);
}
