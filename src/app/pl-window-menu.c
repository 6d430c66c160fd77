/* pl-window-menu.c — the text's context menu, and the keys that open menus and popovers
 *
 * GTK's own menu of a read-only text offers Cut, Paste, Delete and a greyed Undo and Redo
 * that have nothing to do with the project's history.  Ours replaces it: what can be done
 * where the cursor is — the codes there (the same list a click on a highlight opens),
 * applying a code, the annotation's code, memo, stance and removal, the statement's
 * corrections — then Copy and Select All.  It is built each time it opens, for that place.
 *
 *   Menu, Shift+F10     the context menu at the cursor
 *   Enter               the codes at the cursor, in the popover a click on a highlight opens
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "plenary-window-menu"

#include "config.h"

#include <glib/gi18n.h>

#include "pl-starter-names.h"
#include "pl-window-private.h"

/* The stances as stored, and as the menu says them. */
static const struct {
  const char *stance;
  const char *label;
} stances[] = {
  { "", N_("_No Stance") },
  { "supports", N_("_Supports") },
  { "opposes", N_("_Opposes") },
  { "calls_for_new", N_("_Calls for New") },
  { "reports_practice", N_("_Reports Practice") },
  { "neutral", N_("Neutral _Mention") },
};

static void
append_with_target (GMenu      *menu,
                    const char *label,
                    const char *action,
                    GVariant   *target)
{
  g_autoptr(GMenuItem) item = g_menu_item_new (label, NULL);

  g_menu_item_set_action_and_target_value (item, action, target);
  g_menu_append_item (menu, item);
}

/* What can be done to @annotation, under a heading that names it. */
static void
append_annotation_section (PlWindow     *self,
                           GMenu        *menu,
                           PlAnnotation *annotation)
{
  g_autoptr(GMenu) section = g_menu_new ();
  g_autoptr(GMenu) stance_menu = g_menu_new ();
  PlCode *code = pl_project_find_code (self->project, annotation->code_id);
  g_autofree char *title = NULL;

  /* Section labels do not wrap: the short id, or a name cut short. */
  if (code != NULL && pl_code_get_short_id (code) != NULL)
    title = g_strdup_printf (_("Annotation %s"), pl_code_get_short_id (code));
  else if (code != NULL && g_utf8_strlen (pl_code_get_display_name (code), -1) > 24)
    {
      g_autofree char *cut = g_utf8_substring (pl_code_get_display_name (code), 0, 23);

      title = g_strdup_printf (_("Annotation “%s…”"), cut);
    }
  else
    title = g_strdup_printf (_("Annotation “%s”"), code != NULL ? pl_code_get_display_name (code) : "?");

  append_with_target (section, _("_Change Code…"), "win.recode-annotation", g_variant_new_string (annotation->guid));
  append_with_target (section, annotation->memo != NULL ? _("Edit _Memo…") : _("Add _Memo…"), "win.edit-memo",
                      g_variant_new_string (annotation->guid));
  for (guint i = 0; i < G_N_ELEMENTS (stances); i++)
    append_with_target (stance_menu, _(stances[i].label), "win.set-stance",
                        g_variant_new ("(ss)", annotation->guid, stances[i].stance));
  g_menu_append_submenu (section, _("S_tance"), G_MENU_MODEL (stance_menu));
  append_with_target (section, _("_Remove Annotation"), "win.remove-annotation", g_variant_new_string (annotation->guid));
  g_menu_append_section (menu, title, G_MENU_MODEL (section));
}

static GMenuModel *
build_menu (PlWindow *self)
{
  PlTranscriptView *view = self->active_view;
  GMenu *menu = g_menu_new ();
  g_autoptr(GMenu) coding = g_menu_new ();
  g_autoptr(GMenu) statement = g_menu_new ();
  g_autoptr(GMenu) text = g_menu_new ();
  g_autoptr(GPtrArray) hits = NULL;
  g_autoptr(PlAnnotation) annotation = pl_window_coding_target_annotation (self);
  guint cursor = pl_transcript_view_get_cursor (view);

  hits = pl_annotation_index_at (pl_transcript_view_get_index (view), cursor);
  if (hits->len > 0)
    g_menu_append (coding, _("Codes _Here…"), "win.show-annotations");
  g_menu_append (coding, _("_Apply a Code…"), "win.pick-code");
  g_menu_append (coding, _("Code _In Vivo"), "win.in-vivo");
  g_menu_append_section (menu, NULL, G_MENU_MODEL (coding));

  if (annotation != NULL)
    append_annotation_section (self, menu, annotation);

  /* The corrections in a submenu: the menu stays short enough for a small screen. */
  g_menu_append (statement, _("Select the Statement"), "win.select-statement");
  g_menu_append (statement, _("Split Statement Here"), "win.split-statement");
  g_menu_append (statement, _("Merge with Previous Statement"), "win.merge-statement");
  g_menu_append (statement, _("Set Speaker…"), "win.set-speaker");
  g_menu_append (statement, _("Speaker Is Right"), "win.mark-reviewed");
  g_menu_append (statement, _("Front Matter / Statement"), "win.toggle-front-matter");
  g_menu_append (statement, _("Document Details…"), "win.document-details");
  g_menu_append_submenu (text, _("_Statement"), G_MENU_MODEL (statement));

  /* The text view's own clipboard and selection actions. */
  g_menu_append (text, _("_Copy"), "clipboard.copy");
  g_menu_append (text, _("Select _All"), "selection.select-all");
  g_menu_append_section (menu, NULL, G_MENU_MODEL (text));

  return G_MENU_MODEL (menu);
}

static void
popup_menu_at (PlWindow *self,
               guint     offset)
{
  g_autoptr(GMenuModel) model = build_menu (self);

  gtk_popover_menu_set_menu_model (GTK_POPOVER_MENU (self->context_menu), model);
  pl_window_point_popover (self, self->context_menu, offset);
  gtk_popover_popup (self->context_menu);
}

static void
context_menu_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  PlWindow *self = PL_WINDOW (widget);

  if (pl_transcript_view_get_document (self->active_view) == NULL)
    return;
  popup_menu_at (self, pl_transcript_view_get_cursor (self->active_view));
}

static void
show_annotations_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  PlWindow *self = PL_WINDOW (widget);
  PlTranscriptView *view = self->active_view;

  if (!pl_transcript_view_show_annotations_at (view, pl_transcript_view_get_cursor (view)))
    pl_window_show_toast (self, _("Nothing is coded here: press a code’s key, or / to find one"));
}

/* A right click: the cursor moves there (unless it falls in the selection, which the menu
 * then acts on), and the menu opens there.  The gesture runs before the text view's own. */
static void
on_secondary_pressed (GtkGestureClick *gesture,
                      int              n_press,
                      double           x,
                      double           y,
                      PlWindow        *self)
{
  GtkTextView *text_view = GTK_TEXT_VIEW (gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (gesture)));
  PlTranscriptView *view = PL_TRANSCRIPT_VIEW (gtk_widget_get_ancestor (GTK_WIDGET (text_view), PL_TYPE_TRANSCRIPT_VIEW));
  GtkTextIter iter;
  guint start, end, offset;
  int bx, by;

  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  if (pl_transcript_view_get_document (view) == NULL)
    return;

  pl_window_focus_view (self, view);
  gtk_text_view_window_to_buffer_coords (text_view, GTK_TEXT_WINDOW_WIDGET, (int) x, (int) y, &bx, &by);
  gtk_text_view_get_iter_at_location (text_view, &iter, bx, by);
  offset = gtk_text_iter_get_offset (&iter);
  if (!pl_transcript_view_get_selection (view, &start, &end) || offset < start || offset > end)
    pl_transcript_view_place_cursor (view, offset, FALSE);
  popup_menu_at (self, offset);
}

GtkPopover *
pl_window_get_context_menu (PlWindow *self)
{
  g_return_val_if_fail (PL_IS_WINDOW (self), NULL);
  return self->context_menu;
}

void
pl_window_menu_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.context-menu", NULL, context_menu_action);
  gtk_widget_class_install_action (widget_class, "win.show-annotations", NULL, show_annotations_action);
}

void
pl_window_menu_init (PlWindow *self)
{
  self->context_menu = g_object_ref_sink (GTK_POPOVER (gtk_popover_menu_new_from_model (NULL)));
  gtk_popover_set_position (self->context_menu, GTK_POS_BOTTOM);
  gtk_popover_set_has_arrow (self->context_menu, FALSE);
  gtk_widget_set_halign (GTK_WIDGET (self->context_menu), GTK_ALIGN_START);

  for (guint i = 0; i < 2; i++)
    {
      PlTranscriptView *view = i == 0 ? self->transcript_view : self->second_view;
      GtkGesture *click = gtk_gesture_click_new ();

      gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_SECONDARY);
      gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (click), GTK_PHASE_CAPTURE);
      g_signal_connect_object (click, "pressed", G_CALLBACK (on_secondary_pressed), self, 0);
      gtk_widget_add_controller (GTK_WIDGET (pl_transcript_view_get_text_view (view)), GTK_EVENT_CONTROLLER (click));
    }
}

void
pl_window_menu_dispose (PlWindow *self)
{
  if (self->context_menu != NULL && gtk_widget_get_parent (GTK_WIDGET (self->context_menu)) != NULL)
    gtk_widget_unparent (GTK_WIDGET (self->context_menu));
  g_clear_object (&self->context_menu);
}
