/* pl-window-layout.c — the window at any size: folding panels, widths, pages, focus
 *
 * The documents sidebar and the codes panel are flaps beside the text.  Each asks for a
 * width counted in characters of the interface font, and the text asks for room for about
 * 62 characters a line (PlTranscriptView); when the window cannot give all three that
 * much, the sidebar folds into an overlay first, then the panel (F9 and the header's
 * buttons bring them back over the text).  The widths follow the font, so larger text
 * (the desktop's text scaling) folds earlier instead of squeezing the text.
 *
 * The page in the middle says what to do when there is nothing to code yet: open or
 * create a project, import documents, or choose one.
 *
 * F6 and Shift+F6 move the focus between the documents, the text and the codes, as in
 * other GNOME applications; a list that takes the focus hands it to its selected row, so
 * the focus ring shows where the keys act.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "plenary-window-layout"

#include "config.h"

#include "pl-list-keys.h"
#include "pl-window-private.h"

/* Widths in characters of the interface font. */
#define SIDEBAR_CHARS 34
#define PANEL_CHARS 52

/* Folding panels */

gboolean
pl_window_layout_get_sidebar_visible (PlWindow *self)
{
  return self->documents_flap == NULL || adw_flap_get_reveal_flap (self->documents_flap);
}

void
pl_window_layout_set_sidebar_visible (PlWindow *self,
                                      gboolean  visible)
{
  if (self->documents_flap == NULL)
    return;

  /* Remembered only when the user chose it: a narrow window folds the sidebar by itself. */
  if (!adw_flap_get_folded (self->documents_flap))
    pl_settings_set_sidebar_visible (self->settings, visible);
  adw_flap_set_reveal_flap (self->documents_flap, visible);
}

/* The flap hides itself while the window is laid out (it folds in its size_allocate);
 * what follows the property (the header's toggle) changes after that frame, or it would
 * ask for a new layout in the middle of this one. */
static gboolean
notify_sidebar_visible (gpointer user_data)
{
  PlWindow *self = user_data;

  self->sidebar_notify_source = 0;
  pl_window_notify_sidebar_visible (self);
  return G_SOURCE_REMOVE;
}

static void
on_sidebar_revealed (PlWindow *self)
{
  if (self->sidebar_notify_source == 0)
    self->sidebar_notify_source = g_idle_add_full (G_PRIORITY_HIGH_IDLE, notify_sidebar_visible,
                                                   self, NULL);
}

/* A flap shows itself again when it unfolds; a sidebar the user had hidden stays hidden.
 * Folding happens while the window is laid out: the change waits for that to end. */
static gboolean
restore_sidebar (gpointer user_data)
{
  PlWindow *self = user_data;

  self->restore_sidebar_source = 0;
  if (!adw_flap_get_folded (self->documents_flap))
    adw_flap_set_reveal_flap (self->documents_flap, pl_settings_get_sidebar_visible (self->settings));
  return G_SOURCE_REMOVE;
}

static void
on_documents_folded (PlWindow *self)
{
  if (!adw_flap_get_folded (self->documents_flap) && self->restore_sidebar_source == 0)
    self->restore_sidebar_source = g_idle_add (restore_sidebar, self);
}

static void
show_documents_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  PlWindow *self = PL_WINDOW (widget);

  adw_flap_set_reveal_flap (self->documents_flap, TRUE);
  if (!adw_flap_get_folded (self->documents_flap))
    pl_settings_set_sidebar_visible (self->settings, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->documents_view));
}

/* Widths */

static double
char_width (GtkWidget *widget)
{
  PangoFontMetrics *metrics = pango_context_get_metrics (gtk_widget_get_pango_context (widget), NULL, NULL);
  double width = pango_font_metrics_get_approximate_char_width (metrics) / (double) PANGO_SCALE;

  pango_font_metrics_unref (metrics);
  return width;
}

static void
update_metrics (PlWindow *self)
{
  double ui_char = char_width (GTK_WIDGET (self->sidebar));

  gtk_widget_set_size_request (self->sidebar,
                               MAX (pl_settings_get_sidebar_width (self->settings), (int) (SIDEBAR_CHARS * ui_char)), -1);
  gtk_widget_set_size_request (GTK_WIDGET (self->tagging_panel),
                               MAX (pl_settings_get_panel_width (self->settings), (int) (PANEL_CHARS * ui_char)), -1);
  pl_transcript_view_update_metrics (self->transcript_view);
  pl_transcript_view_update_metrics (self->second_view);
}

/* The font is known once the window is styled, and changes with the desktop's settings. */
static void
on_realize (PlWindow *self)
{
  update_metrics (self);
}

/* Pages */

void
pl_window_update_page (PlWindow *self)
{
  const char *page;

  if (self->project == NULL)
    page = "no-project";
  else if (g_list_model_get_n_items (pl_project_get_documents (self->project)) == 0)
    page = "no-documents";
  else if (self->analysis_visible)
    page = "analysis";
  else if (pl_transcript_view_get_document (self->transcript_view) == NULL)
    page = "empty";
  else
    page = "document";

  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), page) != 0)
    gtk_stack_set_visible_child_name (self->stack, page);

  /* Without a project there are no documents or codes to list: the start page alone. */
  gtk_widget_set_visible (self->sidebar, self->project != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->tagging_panel), self->project != NULL);
  gtk_widget_set_sensitive (GTK_WIDGET (self->panel_button), self->project != NULL);
}

const char *
pl_window_get_page (PlWindow *self)
{
  g_return_val_if_fail (PL_IS_WINDOW (self), NULL);
  return gtk_stack_get_visible_child_name (self->stack);
}

/* F6: documents → text → codes */

typedef enum
{
  REGION_DOCUMENTS,
  REGION_TEXT,
  REGION_CODES,
  N_REGIONS
} Region;

static int
focused_region (PlWindow *self)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));

  if (focus == NULL)
    return -1;
  if (focus == self->sidebar || gtk_widget_is_ancestor (focus, self->sidebar))
    return REGION_DOCUMENTS;
  if (focus == GTK_WIDGET (self->stack) || gtk_widget_is_ancestor (focus, GTK_WIDGET (self->stack)))
    return REGION_TEXT;
  if (focus == GTK_WIDGET (self->tagging_panel) || gtk_widget_is_ancestor (focus, GTK_WIDGET (self->tagging_panel)))
    return REGION_CODES;
  return -1;
}

static gboolean
focus_region (PlWindow *self,
              Region    region)
{
  switch (region)
    {
    case REGION_DOCUMENTS:
      if (g_list_model_get_n_items (pl_window_get_documents_model (self)) == 0)
        return FALSE;
      adw_flap_set_reveal_flap (self->documents_flap, TRUE);
      return gtk_widget_grab_focus (GTK_WIDGET (self->documents_view));

    case REGION_TEXT:
      if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "document") == 0)
        return gtk_widget_grab_focus (GTK_WIDGET (pl_transcript_view_get_text_view (self->active_view)));
      return gtk_widget_child_focus (gtk_stack_get_visible_child (self->stack), GTK_DIR_TAB_FORWARD);

    case REGION_CODES:
      adw_flap_set_reveal_flap (self->panel_flap, TRUE);
      return pl_tagging_panel_focus_list (self->tagging_panel);

    case N_REGIONS:
    default:
      return FALSE;
    }
}

static void
cycle_focus_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  PlWindow *self = PL_WINDOW (widget);
  int step = g_str_equal (action_name, "win.cycle-focus-back") ? N_REGIONS - 1 : 1;
  int from = focused_region (self);
  int region = from < 0 ? REGION_TEXT : (from + step) % N_REGIONS;

  for (int tries = 0; tries < N_REGIONS; tries++, region = (region + step) % N_REGIONS)
    if (focus_region (self, region))
      break;

  /* An overlay the focus left closes again. */
  if (from == REGION_DOCUMENTS && focused_region (self) != REGION_DOCUMENTS && adw_flap_get_folded (self->documents_flap))
    adw_flap_set_reveal_flap (self->documents_flap, FALSE);
  if (from == REGION_CODES && focused_region (self) != REGION_CODES && adw_flap_get_folded (self->panel_flap))
    adw_flap_set_reveal_flap (self->panel_flap, FALSE);

  /* Moved by a key: show where. */
  gtk_window_set_focus_visible (GTK_WINDOW (self), TRUE);
}

void
pl_window_layout_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.cycle-focus", NULL, cycle_focus_action);
  gtk_widget_class_install_action (widget_class, "win.cycle-focus-back", NULL, cycle_focus_action);
  gtk_widget_class_install_action (widget_class, "win.show-documents", NULL, show_documents_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F6, 0, "win.cycle-focus", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F6, GDK_SHIFT_MASK, "win.cycle-focus-back", NULL);
}

void
pl_window_layout_dispose (PlWindow *self)
{
  g_clear_handle_id (&self->restore_sidebar_source, g_source_remove);
  g_clear_handle_id (&self->sidebar_notify_source, g_source_remove);
}

void
pl_window_layout_init (PlWindow *self)
{
  GtkSettings *settings = gtk_widget_get_settings (GTK_WIDGET (self));

  adw_flap_set_reveal_flap (self->documents_flap, pl_settings_get_sidebar_visible (self->settings));
  g_signal_connect_object (self->documents_flap, "notify::folded", G_CALLBACK (on_documents_folded),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->documents_flap, "notify::reveal-flap", G_CALLBACK (on_sidebar_revealed),
                           self, G_CONNECT_SWAPPED);
  g_object_bind_property (self->panel_flap, "reveal-flap", self->panel_button, "active",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);

  g_object_bind_property (self->settings, "text-scale", self->transcript_view, "text-scale", G_BINDING_SYNC_CREATE);
  g_object_bind_property (self->settings, "text-scale", self->second_view, "text-scale", G_BINDING_SYNC_CREATE);

  g_signal_connect_object (self, "realize", G_CALLBACK (on_realize), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (settings, "notify::gtk-xft-dpi", G_CALLBACK (update_metrics), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (settings, "notify::gtk-font-name", G_CALLBACK (update_metrics), self, G_CONNECT_SWAPPED);

  pl_list_keys_track_focus (self->documents_view, GTK_SINGLE_SELECTION (gtk_list_view_get_model (self->documents_view)));
}
