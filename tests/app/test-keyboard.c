/* test-keyboard.c — the window from the keyboard: where the cursor starts, the current
 * statement, F6, focus rings, the highlight's popover and the context menu, F1 and the
 * shortcuts window; and a code list that a passing pointer does not change
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "plenary-test"

#include "config.h"

#include <adwaita.h>

#include "pl-code-row.h"
#include "pl-codebook.h"
#include "pl-project-statements.h"
#include "pl-window-private.h"
#include "pl-test-util.h"
#include "pl-ui-test.h"

/* A title, then three statements: offsets 0–21 (front matter), 23–76, 78–134, 136–183. */
static const char text[] =
  "Meeting report, day 1\n\n"
  "Japan stressed that critical infrastructure is vital.\n\n"
  "Brazil called for capacity-building and ransomware help.\n\n"
  "Kenya welcomed the points of contact directory.";

static char *tmp_dir;

typedef struct
{
  PlProject        *project;
  PlWindow         *window;
  PlTranscriptView *view;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_strdup_printf ("keys-%u.plenary", g_random_int ());
  g_autofree char *path = g_build_filename (tmp_dir, name, NULL);
  PlDocument *document;
  GPtrArray *statements;

  f->project = pl_project_open (path, PL_PROJECT_OPEN_CREATE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (pl_codebook_load_starter (f->project, &error), >, 0);
  document = pl_project_add_document (f->project, "Debate", text, NULL, &error);
  g_assert_no_error (error);

  /* The title is front matter, not attributed to a speaker. */
  statements = pl_project_list_statements (f->project, pl_document_get_id (document), &error);
  g_assert_no_error (error);
  if (((PlStatement *)g_ptr_array_index (statements, 0))->kind != PL_STATEMENT_KIND_FRONT_MATTER)
    g_assert_true (pl_project_set_statement_kind (f->project, pl_document_get_id (document), 1,
                                                  PL_STATEMENT_KIND_FRONT_MATTER, &error));
  g_ptr_array_unref (statements);

  f->window = pl_window_new (NULL);
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1280, 800);
  pl_window_set_project (f->window, f->project);
  gtk_window_present (GTK_WINDOW (f->window));
  pl_ui_test_wait_for_frames (GTK_WIDGET (f->window));
  f->view = pl_window_get_transcript_view (f->window);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  pl_ui_test_settle ();
  gtk_window_destroy (GTK_WINDOW (f->window));
  pl_ui_test_spin ();
  g_clear_object (&f->project);
}

static gboolean
act (Fixture    *f,
     const char *action)
{
  gboolean ok = gtk_widget_activate_action (GTK_WIDGET (f->window), action, NULL);

  pl_ui_test_spin ();
  return ok;
}

/* A new document: the cursor at its first statement (after the front matter), marked; the
 * next statement is the second. */
static void
test_first_statement (Fixture       *f,
                      gconstpointer  data)
{
  PlTextView *text_view = pl_transcript_view_get_pl_text_view (f->view);
  PlStatement *current;

  g_assert_cmpuint (pl_transcript_view_get_cursor (f->view), ==, 23);
  current = pl_text_view_get_current_statement (text_view);
  g_assert_nonnull (current);
  g_assert_cmpuint (current->start, ==, 23);

  g_assert_true (pl_ui_test_has_shortcut (GTK_WIDGET (f->view), "<Control>Down", "win.next-statement"));
  g_assert_true (act (f, "win.next-statement"));
  g_assert_cmpuint (pl_transcript_view_get_cursor (f->view), ==, 78);
  current = pl_text_view_get_current_statement (text_view);
  g_assert_cmpuint (current->start, ==, 78);
}

/* F6: documents → text → codes → documents, the focus on a row of each list. */
static void
test_f6 (Fixture       *f,
         gconstpointer  data)
{
  GtkWidget *text_view = GTK_WIDGET (pl_transcript_view_get_text_view (f->view));
  GtkWidget *panel = GTK_WIDGET (pl_window_get_tagging_panel (f->window));
  GtkWidget *documents = GTK_WIDGET (f->window->documents_view);
  GtkWidget *focus;

  g_assert_true (pl_ui_test_has_shortcut (GTK_WIDGET (f->window), "F6", "win.cycle-focus"));
  g_assert_true (pl_ui_test_has_shortcut (GTK_WIDGET (f->window), "<Shift>F6", "win.cycle-focus-back"));

  pl_tagging_panel_select_code (PL_TAGGING_PANEL (panel), pl_project_lookup_code (f->project, "IL.SOV"));
  gtk_widget_grab_focus (text_view);
  g_assert_true (act (f, "win.cycle-focus"));
  focus = gtk_root_get_focus (GTK_ROOT (f->window));
  g_assert_true (gtk_widget_is_ancestor (focus, panel));
  /* The selected code's row has it, not the list: the focus ring shows where the keys act. */
  g_assert_true (gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (focus)) == GTK_ACCESSIBLE_ROLE_LIST_ITEM);
  g_assert_true (pl_code_row_get_code (PL_CODE_ROW (gtk_widget_get_first_child (focus)))
                 == pl_project_lookup_code (f->project, "IL.SOV"));
  g_assert_true (gtk_window_get_focus_visible (GTK_WINDOW (f->window)));

  g_assert_true (act (f, "win.cycle-focus"));
  focus = gtk_root_get_focus (GTK_ROOT (f->window));
  g_assert_true (gtk_widget_is_ancestor (focus, documents));
  g_assert_true (gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (focus)) == GTK_ACCESSIBLE_ROLE_LIST_ITEM);

  g_assert_true (act (f, "win.cycle-focus"));
  g_assert_true (gtk_root_get_focus (GTK_ROOT (f->window)) == text_view);

  g_assert_true (act (f, "win.cycle-focus-back"));
  g_assert_true (gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (f->window)), documents));

  /* Tab into a list lands on a row too. */
  gtk_widget_grab_focus (documents);
  pl_ui_test_spin ();
  g_assert_true (gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (f->window)), documents));
}

static GtkPopover *
shown_popover (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_POPOVER (child) && gtk_widget_get_visible (child))
      return GTK_POPOVER (child);
  return NULL;
}

/* @target, if floating, is consumed. */
static gboolean
menu_has_action (GMenuModel *model,
                 const char *action,
                 GVariant   *target)
{
  g_autoptr(GVariant) owned = target != NULL ? g_variant_ref_sink (target) : NULL;

  for (int i = 0; i < g_menu_model_get_n_items (model); i++)
    {
      g_autofree char *name = NULL;
      g_autoptr(GVariant) item_target = g_menu_model_get_item_attribute_value (model, i, G_MENU_ATTRIBUTE_TARGET, NULL);
      g_autoptr(GMenuLinkIter) links = g_menu_model_iterate_item_links (model, i);

      if (g_menu_model_get_item_attribute (model, i, G_MENU_ATTRIBUTE_ACTION, "s", &name)
          && g_str_equal (name, action)
          && (target == NULL || (item_target != NULL && g_variant_equal (item_target, target))))
        return TRUE;
      while (g_menu_link_iter_next (links))
        {
          g_autoptr(GMenuModel) linked = g_menu_link_iter_get_value (links);

          if (menu_has_action (linked, action, target))
            return TRUE;
        }
    }
  return FALSE;
}

/* Enter on a highlight opens its list (stance, memo, code, removal); the context menu
 * offers the same, with no greyed Undo of GTK's. */
static void
test_popover_and_menu (Fixture       *f,
                       gconstpointer  data)
{
  GtkWidget *text_view = GTK_WIDGET (pl_transcript_view_get_text_view (f->view));
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GVariant) opposes = NULL;
  PlAnnotation *annotation;
  GtkPopover *popover;
  GMenuModel *menu;

  pl_transcript_view_select_range (f->view, 43, 66);   /* "critical infrastructure" */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.apply-code", "s", "THR.CI"));
  all = pl_project_list_annotations (f->project, 0, NULL);
  g_assert_cmpuint (all->len, ==, 1);
  annotation = all->pdata[0];

  /* Enter where nothing is coded: nothing opens. */
  g_assert_true (pl_ui_test_has_shortcut (GTK_WIDGET (f->view), "Return", "win.show-annotations"));
  pl_transcript_view_place_cursor (f->view, 26, FALSE);
  g_assert_true (act (f, "win.show-annotations"));
  g_assert_null (shown_popover (text_view));

  /* On the highlight: its list, with the stance drop-down reachable by Tab. */
  pl_transcript_view_place_cursor (f->view, 50, FALSE);
  g_assert_true (act (f, "win.show-annotations"));
  popover = shown_popover (text_view);
  g_assert_nonnull (popover);
  pl_ui_test_save_screenshot (GTK_WIDGET (popover), "highlight-popover");
  {
    GtkWidget *stance = pl_ui_test_find (GTK_WIDGET (popover), GTK_TYPE_DROP_DOWN, NULL, NULL);

    g_assert_nonnull (stance);
    g_assert_true (gtk_widget_get_focusable (stance) || gtk_widget_get_focusable (gtk_widget_get_first_child (stance)));
    gtk_drop_down_set_selected (GTK_DROP_DOWN (stance), 1);   /* supports */
    pl_ui_test_spin ();
    g_clear_pointer (&all, g_ptr_array_unref);
    all = pl_project_list_annotations (f->project, 0, NULL);
    g_assert_cmpstr (((PlAnnotation *)all->pdata[0])->stance, ==, "supports");
    annotation = all->pdata[0];
  }
  gtk_popover_popdown (popover);
  pl_ui_test_spin ();

  /* Menu (or Shift+F10) opens our menu at the cursor. */
  g_assert_true (pl_ui_test_has_shortcut (GTK_WIDGET (f->view), "Menu", "win.context-menu"));
  g_assert_true (pl_ui_test_has_shortcut (GTK_WIDGET (f->view), "<Shift>F10", "win.context-menu"));
  g_assert_true (act (f, "win.context-menu"));
  popover = pl_window_get_context_menu (f->window);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (popover)));
  g_assert_true (gtk_widget_get_parent (GTK_WIDGET (popover)) == text_view);
  menu = gtk_popover_menu_get_menu_model (GTK_POPOVER_MENU (popover));
  pl_ui_test_save_screenshot (GTK_WIDGET (popover), "context-menu");

  g_assert_false (menu_has_action (menu, "text.undo", NULL));
  g_assert_false (menu_has_action (menu, "text.redo", NULL));
  g_assert_true (menu_has_action (menu, "win.show-annotations", NULL));
  g_assert_true (menu_has_action (menu, "win.remove-annotation", g_variant_new_string (annotation->guid)));
  g_assert_true (menu_has_action (menu, "win.recode-annotation", g_variant_new_string (annotation->guid)));
  g_assert_true (menu_has_action (menu, "win.edit-memo", g_variant_new_string (annotation->guid)));
  g_assert_true (menu_has_action (menu, "win.split-statement", NULL));
  g_assert_true (menu_has_action (menu, "win.set-speaker", NULL));
  g_assert_true (menu_has_action (menu, "clipboard.copy", NULL));

  /* Its stance item, as the menu would activate it. */
  opposes = g_variant_ref_sink (g_variant_new ("(ss)", annotation->guid, "opposes"));
  g_assert_true (menu_has_action (menu, "win.set-stance", opposes));
  gtk_popover_popdown (popover);
  g_assert_true (gtk_widget_activate_action_variant (GTK_WIDGET (f->window), "win.set-stance", opposes));
  g_clear_pointer (&all, g_ptr_array_unref);
  all = pl_project_list_annotations (f->project, 0, NULL);
  g_assert_cmpstr (((PlAnnotation *)all->pdata[0])->stance, ==, "opposes");
}

/* A selection stays while another text is selected (GTK drops it when the PRIMARY selection
 * goes elsewhere): the span to code is not lost by looking at the other pane. */
static void
test_selection_kept (Fixture       *f,
                     gconstpointer  data)
{
  PlTranscriptView *second = pl_window_get_second_view (f->window);
  guint start, end;

  pl_transcript_view_select_range (f->view, 23, 28);
  g_assert_true (act (f, "win.split-view"));
  pl_transcript_view_select_range (second, 78, 84);
  pl_ui_test_spin ();
  g_assert_true (pl_transcript_view_get_selection (second, &start, &end));
  g_assert_true (pl_transcript_view_get_selection (f->view, &start, &end));
  g_assert_cmpuint (start, ==, 23);
  g_assert_cmpuint (end, ==, 28);
  g_assert_true (act (f, "win.split-view"));
}

static gboolean
row_of_code (GtkWidget     *widget,
             gconstpointer  code)
{
  return pl_code_row_get_code (PL_CODE_ROW (widget)) == code;
}

static GtkGesture *
click_of (GtkWidget *row)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (row);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_GESTURE_CLICK (controller))
        return GTK_GESTURE (controller);
    }
  return NULL;
}

/* The code list: a passing pointer selects nothing; a click selects, and applies to a
 * selection; a double click applies once. */
static void
test_code_list_clicks (Fixture       *f,
                       gconstpointer  data)
{
  PlTaggingPanel *panel = pl_window_get_tagging_panel (f->window);
  GtkListView *list = GTK_LIST_VIEW (pl_ui_test_find (GTK_WIDGET (panel), GTK_TYPE_LIST_VIEW, NULL, NULL));
  PlCode *code = pl_project_lookup_code (f->project, "NRM.A");
  GtkWidget *row;
  GtkGesture *click;

  /* GTK selects the row under the pointer in single-click lists: this one is not. */
  g_assert_false (gtk_list_view_get_single_click_activate (list));
  g_assert_null (pl_tagging_panel_get_selected_code (panel));

  row = pl_ui_test_find (GTK_WIDGET (list), PL_TYPE_CODE_ROW, row_of_code, code);
  g_assert_nonnull (row);
  click = click_of (row);
  g_assert_nonnull (click);

  /* Nothing selected in the text: the click selects the code (its definition shows) and
   * codes nothing. */
  pl_transcript_view_place_cursor (f->view, 30, FALSE);
  g_signal_emit_by_name (click, "pressed", 1, 5.0, 5.0);
  g_signal_emit_by_name (click, "released", 1, 5.0, 5.0);
  pl_ui_test_spin ();
  g_assert_true (pl_tagging_panel_get_selected_code (panel) == code);
  g_assert_cmpuint (pl_project_count_annotations (f->project), ==, 0);

  /* With a selection, a click codes it, once, even as a double click. */
  pl_transcript_view_select_range (f->view, 23, 28);
  g_signal_emit_by_name (click, "pressed", 1, 5.0, 5.0);
  g_signal_emit_by_name (click, "released", 1, 5.0, 5.0);
  g_signal_emit_by_name (click, "pressed", 2, 5.0, 5.0);
  g_signal_emit_by_name (click, "released", 2, 5.0, 5.0);
  pl_ui_test_spin ();
  g_assert_cmpuint (pl_project_count_annotations (f->project), ==, 1);
  g_assert_true (pl_tagging_panel_get_selected_code (panel) == code);
}

static gboolean
is_shown (GtkWidget     *widget,
          gconstpointer  data)
{
  return gtk_widget_get_mapped (widget);
}

/* Help is a key away; the shortcuts window shows the coding keys first and fits a small
 * screen page by page. */
static void
test_help_and_shortcuts (void)
{
  g_autoptr(GtkBuilder) builder = gtk_builder_new_from_resource ("/io/github/plenary/Plenary/gtk/help-overlay.ui");
  GtkWindow *shortcuts = GTK_WINDOW (gtk_builder_get_object (builder, "help_overlay"));
  PlWindow *window = pl_window_new (NULL);
  static const char *sections[] = { "coding", "moving", "documents" };
  GLogLevelFlags fatal;
  int width, height;

  /* F1 opens the help (help:plenary, launched through the desktop or the portal). */
  g_assert_true (pl_ui_test_has_shortcut (GTK_WIDGET (window), "F1", "win.help"));

  /* GTK 4.8's shortcuts window measures one of its own labels negative and warns: not
   * fatal here. */
  fatal = g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_CRITICAL);

  /* The first page shows the coding keys; each page fits a 1024×600 screen (GTK's own
   * layout made the window 1,600 pixels wide, the coding keys on its second page). */
  gtk_window_present (shortcuts);
  pl_ui_test_spin ();
  {
    g_autofree char *section = NULL;
    GtkWidget *first_group;
    g_autofree char *title = NULL;

    g_object_get (shortcuts, "section-name", &section, NULL);
    g_assert_cmpstr (section, ==, "coding");
    first_group = pl_ui_test_find (GTK_WIDGET (shortcuts), GTK_TYPE_SHORTCUTS_GROUP, is_shown, NULL);
    g_assert_nonnull (first_group);
    g_object_get (first_group, "title", &title, NULL);
    g_assert_cmpstr (title, ==, "Coding");
  }
  for (guint i = 0; i < G_N_ELEMENTS (sections); i++)
    {
      g_autofree char *shot = g_strdup_printf ("shortcuts-%s", sections[i]);

      g_object_set (shortcuts, "section-name", sections[i], NULL);
      pl_ui_test_spin ();
      pl_ui_test_save_screenshot (GTK_WIDGET (shortcuts), shot);
      gtk_widget_measure (GTK_WIDGET (shortcuts), GTK_ORIENTATION_HORIZONTAL, -1, NULL, &width, NULL, NULL);
      gtk_widget_measure (GTK_WIDGET (shortcuts), GTK_ORIENTATION_VERTICAL, width, NULL, &height, NULL, NULL);
      g_test_message ("shortcuts, %s: %d×%d", sections[i], width, height);
      g_assert_cmpint (width, <=, 1024);
      g_assert_cmpint (height, <=, 600);
    }

  g_log_set_always_fatal (fatal);
  gtk_window_destroy (shortcuts);
  gtk_window_destroy (GTK_WINDOW (window));
  pl_ui_test_spin ();
}

int
main (int   argc,
      char *argv[])
{
  int status;

  tmp_dir = pl_ui_test_init (&argc, &argv, "plenary-keyboard");
  if (tmp_dir == NULL)
    return 77;

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/keyboard/first-statement", test_first_statement);
  ADD ("/keyboard/f6", test_f6);
  ADD ("/keyboard/popover-and-menu", test_popover_and_menu);
  ADD ("/keyboard/code-list-clicks", test_code_list_clicks);
  ADD ("/keyboard/selection-kept", test_selection_kept);
#undef ADD
  g_test_add_func ("/keyboard/help-and-shortcuts", test_help_and_shortcuts);

  status = g_test_run ();
  pl_test_remove_tree (tmp_dir);
  g_free (tmp_dir);
  return status;
}
