/* pl-window-statements.c — correcting the segmentation from the transcript
 *
 * The segmenter's statements are a proposal.  From the text (keys, or the text's context
 * menu) the coder splits a statement at the cursor, merges it with the one before, sets its
 * speaker (completed from the gazetteer), marks it as front matter or as a statement, and
 * confirms a speaker the segmenter was unsure of.  Each is one undoable action;
 * annotations keep their exact text.
 *
 *   Alt+Return     split the statement at the cursor     Alt+Backspace  merge with previous
 *   Alt+p          set the speaker                       Alt+f          front matter / statement
 *   Alt+r          the speaker is right (reviewed)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "plenary-window-statements"

#include "config.h"

#include <glib/gi18n.h>

#include "pl-document-properties.h"
#include "pl-gazetteer.h"
#include "pl-project-statements.h"
#include "pl-window-private.h"
#include "pl-compat.h"

static PlStatement *
statement_at_cursor (PlWindow *self)
{
  PlTranscriptView *view = self->active_view;
  guint cursor = pl_transcript_view_get_cursor (view);
  PlStatement *statement = pl_transcript_view_get_statement_at (view, cursor);

  if (statement == NULL || cursor > statement->end)
    {
      pl_window_show_toast (self, _("Place the cursor in a statement first"));
      return NULL;
    }
  return statement;
}

static void
report (PlWindow     *self,
        gboolean      ok,
        const GError *error,
        const char   *heading)
{
  if (!ok && error != NULL)
    pl_window_show_error (self, heading, error);
}

static void
split_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  PlWindow *self = PL_WINDOW (widget);
  PlDocument *document = pl_transcript_view_get_document (self->active_view);
  g_autoptr(GError) error = NULL;
  guint cursor;

  if (document == NULL)
    return;
  cursor = pl_transcript_view_get_cursor (self->active_view);
  report (self, pl_project_split_statement (self->project, pl_document_get_id (document), cursor, &error),
          error, _("Could Not Split the Statement"));
  pl_transcript_view_place_cursor (self->active_view, cursor, FALSE);
}

static void
merge_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  PlWindow *self = PL_WINDOW (widget);
  PlDocument *document = pl_transcript_view_get_document (self->active_view);
  g_autoptr(GError) error = NULL;
  PlStatement *statement;
  guint cursor;

  if (document == NULL || (statement = statement_at_cursor (self)) == NULL)
    return;
  if (statement->index <= 1)
    {
      pl_window_show_toast (self, _("The first statement has nothing before it to merge with"));
      return;
    }
  cursor = pl_transcript_view_get_cursor (self->active_view);
  report (self, pl_project_merge_statement_with_previous (self->project, pl_document_get_id (document),
                                                          statement->index, &error),
          error, _("Could Not Merge the Statements"));
  pl_transcript_view_place_cursor (self->active_view, cursor, FALSE);
}

static void
front_matter_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  PlWindow *self = PL_WINDOW (widget);
  PlDocument *document = pl_transcript_view_get_document (self->active_view);
  g_autoptr(GError) error = NULL;
  PlStatement *statement;
  PlStatementKind kind;

  if (document == NULL || (statement = statement_at_cursor (self)) == NULL)
    return;
  kind = statement->kind == PL_STATEMENT_KIND_STATEMENT
    ? PL_STATEMENT_KIND_FRONT_MATTER : PL_STATEMENT_KIND_STATEMENT;
  report (self, pl_project_set_statement_kind (self->project, pl_document_get_id (document),
                                               statement->index, kind, &error),
          error, _("Could Not Change the Statement"));
}

static void
reviewed_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  PlWindow *self = PL_WINDOW (widget);
  PlDocument *document = pl_transcript_view_get_document (self->active_view);
  g_autoptr(GError) error = NULL;
  PlStatement *statement;

  if (document == NULL || (statement = statement_at_cursor (self)) == NULL)
    return;
  report (self, pl_project_set_statement_reviewed (self->project, pl_document_get_id (document),
                                                   statement->index, TRUE, &error),
          error, _("Could Not Change the Statement"));
}

/* The speaker picker: an entry completed from the gazetteer's names. */

/* The kinds a new speaker can be remembered as, in the picker's drop-down order. */
static const PlEntityType remember_types[] = {
  PL_ENTITY_TYPE_NGO, PL_ENTITY_TYPE_ACADEMIA, PL_ENTITY_TYPE_PRIVATE_SECTOR, PL_ENTITY_TYPE_IGO,
  PL_ENTITY_TYPE_UN_ENTITY, PL_ENTITY_TYPE_GROUP_OF_STATES, PL_ENTITY_TYPE_OBSERVER_STATE,
  PL_ENTITY_TYPE_MEMBER_STATE, PL_ENTITY_TYPE_CHAIR, PL_ENTITY_TYPE_SECRETARIAT,
};

static void
set_speaker (PlWindow   *self,
             const char *speaker)
{
  PlDocument *document = pl_transcript_view_get_document (self->active_view);
  g_autoptr(GError) error = NULL;

  if (document == NULL || self->speaker_index == 0)
    return;

  /* A name the gazetteer does not know can be remembered for this project, with its kind:
   * later documents and corrections then recognise it. */
  if (speaker != NULL && speaker[0] != '\0'
      && gtk_check_button_get_active (self->speaker_remember)
      && pl_gazetteer_lookup (pl_project_get_gazetteer (self->project), speaker) == NULL)
    {
      guint kind = gtk_drop_down_get_selected (self->speaker_kind);
      PlEntityType type = remember_types[MIN (kind, G_N_ELEMENTS (remember_types) - 1)];

      if (!pl_project_add_gazetteer_entry (self->project,
                                           &(PlGazetteerEntrySpec) { .name = speaker, .entity = speaker, .type = type },
                                           &error))
        {
          report (self, FALSE, error, _("Could Not Remember the Speaker"));
          return;
        }
    }

  report (self, pl_project_set_speaker (self->project, pl_document_get_id (document),
                                        self->speaker_index, speaker, &error),
          error, _("Could Not Set the Speaker"));
}

static void
on_speaker_activate (PlWindow *self)
{
  const char *typed = gtk_editable_get_text (GTK_EDITABLE (self->speaker_entry));
  GtkStringObject *selected = gtk_single_selection_get_selected_item (self->speaker_selection);
  g_autofree char *speaker = NULL;

  /* What was typed is kept as written, unless a suggestion was picked with the arrows. */
  speaker = g_strdup (self->speaker_picked && selected != NULL ? gtk_string_object_get_string (selected) : typed);
  gtk_popover_popdown (self->speaker_popover);
  set_speaker (self, g_strstrip (speaker));
}

static void
on_speaker_row_activate (PlWindow *self,
                         guint     position)
{
  g_autoptr(GtkStringObject) item = g_list_model_get_item (G_LIST_MODEL (self->speaker_selection), position);

  if (item == NULL)
    return;
  gtk_popover_popdown (self->speaker_popover);
  set_speaker (self, gtk_string_object_get_string (item));
}

static void
on_speaker_changed (PlWindow *self)
{
  gtk_string_filter_set_search (self->speaker_filter, gtk_editable_get_text (GTK_EDITABLE (self->speaker_entry)));
  gtk_single_selection_set_selected (self->speaker_selection, GTK_INVALID_LIST_POSITION);
  self->speaker_picked = FALSE;
}

static gboolean
on_speaker_key (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                PlWindow              *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->speaker_selection));
  guint selected = gtk_single_selection_get_selected (self->speaker_selection);

  if (n == 0 || (keyval != GDK_KEY_Down && keyval != GDK_KEY_Up))
    return FALSE;
  if (selected == GTK_INVALID_LIST_POSITION)
    selected = 0;
  else if (keyval == GDK_KEY_Down)
    selected = MIN (selected + 1, n - 1);
  else if (selected > 0)
    selected--;
  gtk_single_selection_set_selected (self->speaker_selection, selected);
  pl_widget_activate_action (GTK_WIDGET (self->speaker_list), "list.scroll-to-item", "u", selected);
  self->speaker_picked = TRUE;
  return TRUE;
}

static void
setup_name_row (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                gpointer                  user_data)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_list_item_set_child (item, label);
}

static void
bind_name_row (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               gpointer                  user_data)
{
  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (item)),
                      gtk_string_object_get_string (gtk_list_item_get_item (item)));
}

static GtkPopover *
build_speaker_popover (PlWindow *self)
{
  GtkWidget *popover = gtk_popover_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *title = gtk_label_new (_("Speaker"));
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkWidget *hint = gtk_label_new (_("A name the list does not know is kept as written, as an unknown speaker, unless you remember it for this project."));
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkEventController *keys = gtk_event_controller_key_new ();
  GtkFilterListModel *filtered;
  GtkStringList *names = gtk_string_list_new (NULL);

  gtk_widget_add_css_class (title, "heading");
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  self->speaker_entry = GTK_SEARCH_ENTRY (gtk_search_entry_new ());
  g_object_set (self->speaker_entry, "placeholder-text", _("Country, group, organisation or person"), NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->speaker_entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Speaker of the statement"), -1);

  self->speaker_names = names;
  self->speaker_filter = gtk_string_filter_new (gtk_property_expression_new (GTK_TYPE_STRING_OBJECT, NULL, "string"));
  gtk_string_filter_set_match_mode (self->speaker_filter, GTK_STRING_FILTER_MATCH_MODE_SUBSTRING);
  gtk_string_filter_set_ignore_case (self->speaker_filter, TRUE);
  filtered = gtk_filter_list_model_new (G_LIST_MODEL (g_object_ref (names)), GTK_FILTER (g_object_ref (self->speaker_filter)));
  self->speaker_selection = gtk_single_selection_new (G_LIST_MODEL (filtered));
  gtk_single_selection_set_autoselect (self->speaker_selection, FALSE);
  gtk_single_selection_set_can_unselect (self->speaker_selection, TRUE);

  g_signal_connect (factory, "setup", G_CALLBACK (setup_name_row), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_name_row), NULL);
  self->speaker_list = GTK_LIST_VIEW (gtk_list_view_new (GTK_SELECTION_MODEL (g_object_ref (self->speaker_selection)), factory));
  gtk_list_view_set_single_click_activate (self->speaker_list, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->speaker_list), "navigation-sidebar");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->speaker_list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Known speakers"), -1);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), GTK_WIDGET (self->speaker_list));
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_widget_set_size_request (scroller, 340, 220);

  gtk_label_set_wrap (GTK_LABEL (hint), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (hint), 40);
  gtk_label_set_xalign (GTK_LABEL (hint), 0);
  gtk_widget_add_css_class (hint, "dim-label");
  gtk_widget_add_css_class (hint, "caption");

  {
    const char *kinds[] = { _("NGO or civil society"), _("Academia"), _("Private sector"),
                            _("Intergovernmental organisation"), _("UN entity"), _("Group of states"),
                            _("Observer state"), _("Member state"), _("Chair"), _("Secretariat"), NULL };
    GtkWidget *remember_row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);

    self->speaker_remember = GTK_CHECK_BUTTON (gtk_check_button_new_with_mnemonic (_("_Remember a new name as")));
    self->speaker_kind = GTK_DROP_DOWN (gtk_drop_down_new_from_strings (kinds));
    gtk_accessible_update_property (GTK_ACCESSIBLE (self->speaker_kind), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                    _("Kind of the new speaker"), -1);
    gtk_widget_set_hexpand (GTK_WIDGET (self->speaker_kind), TRUE);
    gtk_box_append (GTK_BOX (remember_row), GTK_WIDGET (self->speaker_remember));
    gtk_box_append (GTK_BOX (remember_row), GTK_WIDGET (self->speaker_kind));

    gtk_box_append (GTK_BOX (box), title);
    gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->speaker_entry));
    gtk_box_append (GTK_BOX (box), scroller);
    gtk_box_append (GTK_BOX (box), remember_row);
    gtk_box_append (GTK_BOX (box), hint);
  }
  gtk_popover_set_child (GTK_POPOVER (popover), box);

  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (on_speaker_key), self);
  gtk_widget_add_controller (GTK_WIDGET (self->speaker_entry), keys);
  g_signal_connect_object (self->speaker_entry, "search-changed", G_CALLBACK (on_speaker_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->speaker_entry, "activate", G_CALLBACK (on_speaker_activate), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->speaker_list, "activate", G_CALLBACK (on_speaker_row_activate), self, G_CONNECT_SWAPPED);
  return GTK_POPOVER (popover);
}

static void
speaker_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  PlWindow *self = PL_WINDOW (widget);
  GtkTextView *text_view = pl_transcript_view_get_text_view (self->active_view);
  g_autoptr(GPtrArray) names = NULL;
  PlStatement *statement;
  GtkTextIter iter;
  GdkRectangle rect;
  int x, y;

  if (pl_transcript_view_get_document (self->active_view) == NULL
      || (statement = statement_at_cursor (self)) == NULL)
    return;

  self->speaker_index = statement->index;

  /* The names of the project's gazetteer (built-in and its own entries). */
  names = pl_gazetteer_list_names (pl_project_get_gazetteer (self->project));
  g_ptr_array_add (names, NULL);
  gtk_string_list_splice (self->speaker_names, 0,
                          g_list_model_get_n_items (G_LIST_MODEL (self->speaker_names)),
                          (const char * const *)names->pdata);

  if (gtk_widget_get_parent (GTK_WIDGET (self->speaker_popover)) != GTK_WIDGET (text_view))
    {
      if (gtk_widget_get_parent (GTK_WIDGET (self->speaker_popover)) != NULL)
        gtk_widget_unparent (GTK_WIDGET (self->speaker_popover));
      gtk_widget_set_parent (GTK_WIDGET (self->speaker_popover), GTK_WIDGET (text_view));
    }
  gtk_text_buffer_get_iter_at_offset (gtk_text_view_get_buffer (text_view), &iter, statement->start);
  gtk_text_view_get_iter_location (text_view, &iter, &rect);
  gtk_text_view_buffer_to_window_coords (text_view, GTK_TEXT_WINDOW_WIDGET, rect.x, rect.y, &x, &y);
  rect.x = x;
  rect.y = y;
  rect.width = MAX (rect.width, 1);
  gtk_popover_set_pointing_to (self->speaker_popover, &rect);

  gtk_editable_set_text (GTK_EDITABLE (self->speaker_entry), statement->speaker != NULL ? statement->speaker : "");
  on_speaker_changed (self);
  gtk_popover_popup (self->speaker_popover);
  gtk_widget_grab_focus (GTK_WIDGET (self->speaker_entry));
}

static void
document_details_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  PlWindow *self = PL_WINDOW (widget);
  PlDocument *document = pl_transcript_view_get_document (self->active_view);

  if (document == NULL)
    return;
  gtk_window_present (GTK_WINDOW (pl_document_properties_new (GTK_WINDOW (self), self->project, document)));
}

void
pl_window_statements_update_actions (PlWindow *self,
                                     gboolean  has_document)
{
  static const char *actions[] = {
    "win.split-statement", "win.merge-statement", "win.set-speaker", "win.toggle-front-matter",
    "win.mark-reviewed", "win.document-details",
  };

  for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
    gtk_widget_action_set_enabled (GTK_WIDGET (self), actions[i], has_document);
}

void
pl_window_statements_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.split-statement", NULL, split_action);
  gtk_widget_class_install_action (widget_class, "win.merge-statement", NULL, merge_action);
  gtk_widget_class_install_action (widget_class, "win.set-speaker", NULL, speaker_action);
  gtk_widget_class_install_action (widget_class, "win.toggle-front-matter", NULL, front_matter_action);
  gtk_widget_class_install_action (widget_class, "win.mark-reviewed", NULL, reviewed_action);
  gtk_widget_class_install_action (widget_class, "win.document-details", NULL, document_details_action);
}

static GMenuModel *
statement_menu (void)
{
  GMenu *menu = g_menu_new ();
  GMenu *section = g_menu_new ();

  g_menu_append (section, _("Split Statement Here"), "win.split-statement");
  g_menu_append (section, _("Merge with Previous Statement"), "win.merge-statement");
  g_menu_append (section, _("Set Speaker…"), "win.set-speaker");
  g_menu_append (section, _("Speaker Is Right"), "win.mark-reviewed");
  g_menu_append (section, _("Front Matter / Statement"), "win.toggle-front-matter");
  g_menu_append (section, _("Document Details…"), "win.document-details");
  g_menu_append_section (menu, _("Statement"), G_MENU_MODEL (section));
  g_object_unref (section);
  return G_MENU_MODEL (menu);
}

void
pl_window_statements_init (PlWindow *self)
{
  g_autoptr(GMenuModel) menu = statement_menu ();

  /* The corrections in the text's own context menu, in both panes. */
  gtk_text_view_set_extra_menu (pl_transcript_view_get_text_view (self->transcript_view), menu);
  gtk_text_view_set_extra_menu (pl_transcript_view_get_text_view (self->second_view), menu);

  self->speaker_popover = g_object_ref_sink (build_speaker_popover (self));
}

void
pl_window_statements_dispose (PlWindow *self)
{
  if (self->speaker_popover != NULL && gtk_widget_get_parent (GTK_WIDGET (self->speaker_popover)) != NULL)
    gtk_widget_unparent (GTK_WIDGET (self->speaker_popover));
  g_clear_object (&self->speaker_popover);
  g_clear_object (&self->speaker_selection);
  g_clear_object (&self->speaker_filter);
  g_clear_object (&self->speaker_names);
}

GtkPopover *
pl_window_get_speaker_popover (PlWindow *self)
{
  g_return_val_if_fail (PL_IS_WINDOW (self), NULL);
  return self->speaker_popover;
}

void
pl_window_set_remember_speaker (PlWindow     *self,
                                gboolean      remember,
                                PlEntityType  type)
{
  g_return_if_fail (PL_IS_WINDOW (self));

  gtk_check_button_set_active (self->speaker_remember, remember);
  for (guint i = 0; i < G_N_ELEMENTS (remember_types); i++)
    if (remember_types[i] == type)
      gtk_drop_down_set_selected (self->speaker_kind, i);
}

GtkEditable *
pl_window_get_speaker_entry (PlWindow *self)
{
  g_return_val_if_fail (PL_IS_WINDOW (self), NULL);
  return GTK_EDITABLE (self->speaker_entry);
}
