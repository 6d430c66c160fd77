/* test-provenance.c — outcome documents in the window: details, reuse review, provenance, links
 *
 * The project of pl-test-provenance.h under a real display: mark the outcome documents in
 * their details; open the reuse review of the final report, accept a candidate by its key
 * (A), see the link in the provenance view, open both places side by side from it, undo;
 * link two selections by hand; every control of the two windows has an accessible name.
 * With $PLENARY_SCREENSHOT_DIR set, the review and the provenance view are saved as PNG in
 * the light and the dark style at two window sizes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "plenary-test"

#include "config.h"

#include <adwaita.h>
#include <gtk/gtktestatcontext.h>

#include "pl-codebook.h"
#include "pl-document-properties.h"
#include "pl-project-links.h"
#include "pl-provenance-view.h"
#include "pl-reuse-review.h"
#include "pl-test-provenance.h"
#include "pl-test-util.h"
#include "pl-window-private.h"
#include "pl-ui-test.h"

static char *tmp_dir;

typedef struct
{
  PlProject  *project;
  PlWindow   *window;
  PlDocument *transcript;
  PlDocument *zero_draft;
  PlDocument *revised_draft;
  PlDocument *final_report;
} Fixture;

static void
spin_until_idle (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static gboolean
count_frame (GtkWidget     *widget,
             GdkFrameClock *clock,
             gpointer       user_data)
{
  (*(guint *) user_data)++;
  return G_SOURCE_CONTINUE;
}

/* Waits until @widget has drawn a few frames after now, so what it shows is current. */
static void
wait_for_frames (GtkWidget *widget)
{
  guint frames = 0;
  guint id = gtk_widget_add_tick_callback (widget, count_frame, &frames, NULL);

  gtk_widget_queue_draw (widget);
  while (frames < 3)
    g_main_context_iteration (NULL, TRUE);
  gtk_widget_remove_tick_callback (widget, id);
  spin_until_idle ();
}

static PlDocument *
add_document (PlProject  *project,
              const char *title,
              const char *text,
              const char *date)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) metadata = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  PlDocument *document;

  if (date != NULL)
    g_hash_table_insert (metadata, g_strdup ("date"), g_strdup (date));
  document = pl_project_add_document_full (project, title, text, NULL, metadata, &error);
  g_assert_no_error (error);
  return document;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_strdup_printf ("p-%u.plenary", g_random_int ());
  g_autofree char *path = g_build_filename (tmp_dir, name, NULL);

  f->project = pl_project_open (path, PL_PROJECT_OPEN_CREATE | PL_PROJECT_OPEN_EXCLUSIVE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (pl_codebook_load_starter (f->project, &error), >, 40);
  f->transcript = add_document (f->project, "Session 1", PL_TEST_TRANSCRIPT_1, "2021-01-10");
  add_document (f->project, "Session 2", PL_TEST_TRANSCRIPT_2, "2021-02-20");
  f->zero_draft = add_document (f->project, "Zero draft", PL_TEST_ZERO_DRAFT, NULL);
  f->revised_draft = add_document (f->project, "Revised draft", PL_TEST_REVISED_DRAFT, NULL);
  f->final_report = add_document (f->project, "Final report", PL_TEST_FINAL_REPORT, NULL);
  g_assert_true (pl_project_set_outcome (f->project, pl_document_get_id (f->zero_draft),
                                         PL_OUTCOME_DRAFT, "2021-02-01", &error));
  g_assert_true (pl_project_set_outcome (f->project, pl_document_get_id (f->revised_draft),
                                         PL_OUTCOME_REVISED_DRAFT, "2021-02-25", &error));
  g_assert_no_error (error);

  f->window = pl_window_new (NULL);
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1280, 860);
  pl_window_set_project (f->window, f->project);
  g_assert_true (pl_window_set_coder (f->window, "Ana", NULL, NULL, &error));
  gtk_window_present (GTK_WINDOW (f->window));
  spin_until_idle ();
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GList) windows = gtk_window_list_toplevels ();

  for (GList *l = windows; l != NULL; l = l->next)
    if (l->data != f->window)
      gtk_window_destroy (l->data);
  gtk_window_destroy (GTK_WINDOW (f->window));
  spin_until_idle ();
  g_clear_object (&f->project);
}

/* Marks the final report as the details window does. */
static void
mark_final_report (Fixture *f)
{
  PlDocumentProperties *details = pl_document_properties_new (GTK_WINDOW (f->window), f->project,
                                                              f->final_report);

  gtk_window_present (GTK_WINDOW (details));
  spin_until_idle ();
  g_assert_true (pl_document_properties_apply_outcome (details, PL_OUTCOME_FINAL, "2021-03-12"));
  gtk_window_destroy (GTK_WINDOW (details));
  spin_until_idle ();
}

static guint
count_links (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) links = pl_project_list_links (f->project, 0, &error);

  g_assert_no_error (error);
  return links->len;
}

/* Presses @keyval with @modifiers on @widget through its key bindings (the shortcuts of its
 * class), as the keyboard does. */
static gboolean
press_key (GtkWidget       *widget,
           guint            keyval,
           GdkModifierType  modifiers)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;
      for (guint k = 0; k < g_list_model_get_n_items (G_LIST_MODEL (controller)); k++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), k);
          GtkShortcutTrigger *trigger = gtk_shortcut_get_trigger (shortcut);

          if (GTK_IS_KEYVAL_TRIGGER (trigger)
              && gtk_keyval_trigger_get_keyval (GTK_KEYVAL_TRIGGER (trigger)) == gdk_keyval_to_lower (keyval)
              && gtk_keyval_trigger_get_modifiers (GTK_KEYVAL_TRIGGER (trigger)) == modifiers)
            {
              gboolean done = gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut),
                                                            GTK_SHORTCUT_ACTION_EXCLUSIVE, widget,
                                                            gtk_shortcut_get_arguments (shortcut));
              spin_until_idle ();
              return done;
            }
        }
    }
  return FALSE;
}

/* The first widget of @type under @widget. */
static GtkWidget *
find_widget (GtkWidget *widget,
             GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static PlReuseReview *
open_review (Fixture *f)
{
  PlReuseReview *review;

  pl_window_open_document (f->window, f->final_report);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.find-reuse", NULL));
  review = pl_window_open_reuse_review (f->window, f->final_report);
  g_assert_nonnull (review);
  while (pl_reuse_review_is_searching (review))
    g_main_context_iteration (NULL, TRUE);
  spin_until_idle ();
  return review;
}

/* Accessible names */

static gboolean
has_label_text (GtkWidget *widget)
{
  if (GTK_IS_LABEL (widget) && gtk_label_get_text (GTK_LABEL (widget))[0] != '\0')
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (has_label_text (child))
      return TRUE;
  return FALSE;
}

static gboolean
is_control (GtkWidget *widget)
{
  return GTK_IS_BUTTON (widget) || GTK_IS_SPIN_BUTTON (widget) || GTK_IS_LIST_BOX (widget)
         || GTK_IS_FLOW_BOX (widget) || GTK_IS_DRAWING_AREA (widget) || GTK_IS_LEVEL_BAR (widget)
         || GTK_IS_EXPANDER (widget) || GTK_IS_ENTRY (widget) || GTK_IS_CHECK_BUTTON (widget)
         || (GTK_IS_LIST_BOX_ROW (widget) && gtk_list_box_row_get_activatable (GTK_LIST_BOX_ROW (widget)));
}

/* Counts the controls under @widget without an accessible name: a label of their own, the
 * text they show (buttons, expanders), or a labelling widget (the others). */
static guint
count_unnamed (GtkWidget *widget)
{
  guint unnamed = 0;

  if (GTK_IS_WINDOW_CONTROLS (widget) || !gtk_widget_get_visible (widget))
    return 0;

  /* A button is labelled by its child whatever the child is: for buttons, only text counts. */
  if (is_control (widget)
      && !gtk_test_accessible_has_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL)
      && !((GTK_IS_BUTTON (widget) || GTK_IS_EXPANDER (widget))
           ? has_label_text (widget)
           : gtk_test_accessible_has_relation (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_RELATION_LABELLED_BY)))
    {
      g_test_message ("No accessible name: %s in %s", G_OBJECT_TYPE_NAME (widget),
                      gtk_widget_get_parent (widget) != NULL ? G_OBJECT_TYPE_NAME (gtk_widget_get_parent (widget)) : "nothing");
      unnamed++;
    }

  /* A spin button's steppers are its own parts, named (or not) by GTK. */
  if (GTK_IS_SPIN_BUTTON (widget))
    return unnamed;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    unnamed += count_unnamed (child);
  return unnamed;
}

/* Screenshots */

static void
save_screenshot (GtkWidget  *widget,
                 const char *name)
{
  const char *dir = g_getenv ("PLENARY_SCREENSHOT_DIR");
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *path = NULL;
  GtkSnapshot *snapshot;
  int width, height;

  if (dir == NULL || dir[0] == '\0')
    return;
  g_mkdir_with_parents (dir, 0755);
  wait_for_frames (widget);

  width = gtk_widget_get_width (widget);
  height = gtk_widget_get_height (widget);
  g_assert_cmpint (width, >, 0);
  paintable = gtk_widget_paintable_new (widget);
  /* A window just resized may not have drawn yet: give it a few more frames. */
  for (guint tries = 0; node == NULL && tries < 10; tries++)
    {
      if (tries > 0)
        wait_for_frames (widget);
      snapshot = gtk_snapshot_new ();
      gdk_paintable_snapshot (paintable, snapshot, width, height);
      node = gtk_snapshot_free_to_node (snapshot);
    }
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (gtk_widget_get_native (widget)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  path = g_build_filename (dir, name, NULL);
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("Screenshot: %s", path);
}

/* Tests */

static void
test_details_mark_outcome (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PlOutcome) outcome = NULL;
  g_autoptr(PlOutcome) undone = NULL;

  mark_final_report (f);
  outcome = pl_project_get_outcome (f->project, pl_document_get_id (f->final_report), &error);
  g_assert_nonnull (outcome);
  g_assert_cmpint (outcome->kind, ==, PL_OUTCOME_FINAL);
  g_assert_cmpstr (outcome->date, ==, "2021-03-12");

  /* Undoable like the other details. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.undo", NULL));
  spin_until_idle ();
  undone = pl_project_get_outcome (f->project, pl_document_get_id (f->final_report), &error);
  g_assert_null (undone);
  g_assert_no_error (error);
}

static void
test_accept_by_key_and_provenance (Fixture       *f,
                                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) links = NULL;
  PlReuseReview *review;
  PlProvenanceView *view;
  const PlLink *link;
  guint paragraph, start, end;

  mark_final_report (f);
  review = open_review (f);
  g_assert_cmpuint (pl_reuse_review_get_n_candidates (review), ==, 4);
  g_assert_cmpint (pl_reuse_review_get_selected (review), ==, 0);
  g_assert_cmpint (pl_reuse_review_get_state (review, 0), ==, PL_REVIEW_PENDING);

  /* A accepts, and moves on to the next candidate. */
  g_assert_true (press_key (GTK_WIDGET (review), GDK_KEY_a, 0));
  g_assert_cmpuint (count_links (f), ==, 1);
  g_assert_cmpint (pl_reuse_review_get_state (review, 0), ==, PL_REVIEW_ACCEPTED);
  g_assert_cmpint (pl_reuse_review_get_selected (review), ==, 1);

  /* R sets the next one aside without storing anything; ↑ goes back. */
  g_assert_true (press_key (GTK_WIDGET (review), GDK_KEY_r, 0));
  g_assert_cmpint (pl_reuse_review_get_state (review, 1), ==, PL_REVIEW_REJECTED);
  g_assert_cmpuint (count_links (f), ==, 1);
  g_assert_true (press_key (find_widget (GTK_WIDGET (review), GTK_TYPE_LIST_BOX), GDK_KEY_Up, 0));
  g_assert_cmpint (pl_reuse_review_get_selected (review), ==, 1);
  g_assert_true (press_key (GTK_WIDGET (review), GDK_KEY_j, 0));
  g_assert_cmpint (pl_reuse_review_get_selected (review), ==, 2);
  g_assert_true (press_key (GTK_WIDGET (review), GDK_KEY_k, 0));
  g_assert_cmpint (pl_reuse_review_get_selected (review), ==, 1);

  /* The link is in the provenance view, in its paragraph. */
  links = pl_project_list_links (f->project, pl_document_get_id (f->final_report), &error);
  link = links->pdata[0];
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-provenance", NULL));
  view = pl_window_open_provenance (f->window, f->final_report);
  spin_until_idle ();
  paragraph = 0;
  for (guint p = 0; p < pl_provenance_view_get_n_paragraphs (view); p++)
    if (pl_provenance_view_get_n_links (view, p) > 0)
      paragraph = p;
  g_assert_cmpuint (pl_provenance_view_get_n_links (view, paragraph), ==, 1);
  g_assert_cmpuint (pl_provenance_view_get_n_delegations (view), >=, 3);

  /* Clicking its chip opens both places side by side, each passage selected. */
  g_assert_true (pl_provenance_view_activate_link (view, paragraph));
  spin_until_idle ();
  g_assert_true (pl_window_get_split (f->window));
  g_assert_true (pl_transcript_view_get_document (pl_window_get_transcript_view (f->window))
                 == pl_project_find_document (f->project, link->source_document_id));
  g_assert_true (pl_transcript_view_get_document (pl_window_get_second_view (f->window)) == f->final_report);
  g_assert_true (pl_window_get_pane_selection (f->window, pl_window_get_transcript_view (f->window), &start, &end));
  g_assert_cmpuint (start, ==, link->source_start);
  g_assert_cmpuint (end, ==, link->source_end);
  g_assert_true (pl_window_get_pane_selection (f->window, pl_window_get_second_view (f->window), &start, &end));
  g_assert_cmpuint (start, ==, link->outcome_start);
  g_assert_cmpuint (end, ==, link->outcome_end);

  /* Undo (Ctrl+Z in the review) removes it everywhere. */
  g_assert_true (press_key (GTK_WIDGET (review), GDK_KEY_z, GDK_CONTROL_MASK));
  g_assert_cmpuint (count_links (f), ==, 0);
  g_assert_cmpuint (pl_provenance_view_get_n_links (view, paragraph), ==, 0);
  g_assert_cmpint (pl_reuse_review_get_state (review, 0), ==, PL_REVIEW_PENDING);

  /* Redo, then R on an accepted candidate removes its link. */
  g_assert_true (press_key (GTK_WIDGET (review), GDK_KEY_Z, GDK_CONTROL_MASK | GDK_SHIFT_MASK));
  g_assert_cmpuint (count_links (f), ==, 1);
  pl_reuse_review_select (review, 0);
  g_assert_true (press_key (GTK_WIDGET (review), GDK_KEY_r, 0));
  g_assert_cmpuint (count_links (f), ==, 0);
  g_assert_cmpint (pl_reuse_review_get_state (review, 0), ==, PL_REVIEW_REJECTED);

  /* A shorter minimum finds at least as much; a longer one nothing. */
  pl_reuse_review_set_min_words (review, 40);
  while (pl_reuse_review_is_searching (review))
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (pl_reuse_review_get_n_candidates (review), ==, 0);
}

static void
test_link_selections (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) links = NULL;
  PlTranscriptView *first, *second;
  const PlLink *link;

  mark_final_report (f);

  /* Without two panes there is nothing to link. */
  g_assert_false (pl_window_link_selections (f->window, &error));
  g_clear_error (&error);

  pl_window_open_document (f->window, f->transcript);
  pl_window_set_split (f->window, TRUE);
  first = pl_window_get_transcript_view (f->window);
  second = pl_window_get_second_view (f->window);
  pl_window_focus_view (f->window, second);
  pl_window_open_document (f->window, f->final_report);
  spin_until_idle ();
  pl_transcript_view_select_range (first, 138, 296);
  pl_transcript_view_select_range (second, 136, 294);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.link-selections", NULL));
  spin_until_idle ();

  links = pl_project_list_links (f->project, 0, &error);
  g_assert_cmpuint (links->len, ==, 1);
  link = links->pdata[0];
  g_assert_cmpint (link->origin, ==, PL_LINK_ORIGIN_MANUAL);
  g_assert_cmpint (link->source_document_id, ==, pl_document_get_id (f->transcript));
  g_assert_cmpuint (link->outcome_start, ==, 136);
  g_assert_cmpuint (link->words, ==, 25);
  g_assert_cmpstr (pl_project_find_coder (f->project, link->coder_id)->name, ==, "Ana");

  /* Two documents neither of which is an outcome document are refused. */
  pl_window_open_document (f->window, f->transcript);
  pl_transcript_view_select_range (first, 10, 20);
  pl_transcript_view_select_range (second, 10, 20);
  g_assert_false (pl_window_link_selections (f->window, &error));
  g_assert_nonnull (strstr (error->message, "outcome document"));
}

static void
test_accessible_names (Fixture       *f,
                       gconstpointer  data)
{
  PlReuseReview *review;
  PlProvenanceView *view;
  g_autoptr(GError) error = NULL;

  GtkWidget *icon_only = g_object_ref_sink (gtk_button_new_from_icon_name ("edit-find-symbolic"));

  /* The check sees a button that shows no text and has no label. */
  g_assert_cmpuint (count_unnamed (icon_only), ==, 1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon_only), GTK_ACCESSIBLE_PROPERTY_LABEL, "Find", -1);
  g_assert_cmpuint (count_unnamed (icon_only), ==, 0);
  g_object_unref (icon_only);

  mark_final_report (f);
  review = open_review (f);
  press_key (GTK_WIDGET (review), GDK_KEY_a, 0);
  view = pl_window_open_provenance (f->window, f->final_report);
  spin_until_idle ();

  g_assert_cmpuint (count_unnamed (GTK_WIDGET (review)), ==, 0);
  g_assert_cmpuint (count_unnamed (GTK_WIDGET (view)), ==, 0);
  pl_provenance_view_set_page (view, "delegations");
  spin_until_idle ();
  g_assert_cmpuint (count_unnamed (GTK_WIDGET (view)), ==, 0);
}

/* The review and the provenance view in both styles, at a wide and a narrow size. */
static void
test_screenshots (Fixture       *f,
                  gconstpointer  data)
{
  static const struct { int width, height; const char *name; } sizes[] = {
    { 1200, 760, "wide" }, { 760, 680, "narrow" },
  };
  AdwStyleManager *style = adw_style_manager_get_default ();
  g_autoptr(GError) error = NULL;
  PlReuseReview *review;
  PlProvenanceView *view;

  if (g_getenv ("PLENARY_SCREENSHOT_DIR") == NULL)
    {
      g_test_skip ("Set PLENARY_SCREENSHOT_DIR to save the screenshots.");
      return;
    }

  mark_final_report (f);
  review = open_review (f);
  /* Two accepted, one rejected, the Kenya candidate (edited wording) shown. */
  press_key (GTK_WIDGET (review), GDK_KEY_a, 0);
  press_key (GTK_WIDGET (review), GDK_KEY_a, 0);
  press_key (GTK_WIDGET (review), GDK_KEY_r, 0);
  view = pl_window_open_provenance (f->window, f->final_report);
  spin_until_idle ();
  /* The second paragraph's wording across the drafts. */
  {
    GtkWidget *expander = find_widget (GTK_WIDGET (view), GTK_TYPE_EXPANDER);

    gtk_expander_set_expanded (GTK_EXPANDER (expander), TRUE);
  }

  for (guint dark = 0; dark < 2; dark++)
    {
      adw_style_manager_set_color_scheme (style, dark ? ADW_COLOR_SCHEME_FORCE_DARK : ADW_COLOR_SCHEME_FORCE_LIGHT);
      for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
        {
          g_autofree char *review_name = g_strdup_printf ("reuse-review-%s-%s.png", dark ? "dark" : "light", sizes[s].name);
          g_autofree char *paragraphs_name = g_strdup_printf ("provenance-paragraphs-%s-%s.png", dark ? "dark" : "light", sizes[s].name);
          g_autofree char *delegations_name = g_strdup_printf ("provenance-delegations-%s-%s.png", dark ? "dark" : "light", sizes[s].name);

          gtk_window_set_default_size (GTK_WINDOW (review), sizes[s].width, sizes[s].height);
          gtk_window_present (GTK_WINDOW (review));
          pl_reuse_review_select (review, 3);
          save_screenshot (GTK_WIDGET (review), review_name);

          gtk_window_set_default_size (GTK_WINDOW (view), sizes[s].width, sizes[s].height);
          gtk_window_present (GTK_WINDOW (view));
          pl_provenance_view_set_page (view, "paragraphs");
          save_screenshot (GTK_WIDGET (view), paragraphs_name);
          pl_provenance_view_set_page (view, "delegations");
          save_screenshot (GTK_WIDGET (view), delegations_name);
        }
    }

  /* Both places of a link, side by side, and the details of the outcome document. */
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_LIGHT);
  g_assert_true (pl_provenance_view_activate_link (view, 2));
  save_screenshot (GTK_WIDGET (f->window), "both-places-light.png");
  {
    PlDocumentProperties *details = pl_document_properties_new (GTK_WINDOW (f->window), f->project,
                                                                f->final_report);

    gtk_window_set_default_size (GTK_WINDOW (details), 520, 900);
    gtk_window_present (GTK_WINDOW (details));
    save_screenshot (GTK_WIDGET (details), "document-details-light.png");
    gtk_window_destroy (GTK_WINDOW (details));
  }
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_DEFAULT);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  tmp_dir = g_dir_make_tmp ("plenary-provenance-app-XXXXXX", NULL);
  g_assert_nonnull (tmp_dir);
  {
    g_autofree char *data = g_build_filename (tmp_dir, "data", NULL);

    g_setenv ("XDG_DATA_HOME", data, TRUE);
  }
  /* This test asserts accessible names. */
  g_setenv ("GTK_A11Y", "test", TRUE);

  pl_ui_test_set_log_writer ();
  g_test_init (&argc, &argv, NULL);
  gtk_disable_setlocale ();
  if (!gtk_init_check ())
    return 77;
  adw_init ();
  {
    /* What the application loads for its windows (its resource's style.css). */
    g_autoptr(GtkCssProvider) css = gtk_css_provider_new ();

    gtk_css_provider_load_from_resource (css, "/io/github/plenary/Plenary/style.css");
    gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (css),
                                                GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  }

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/provenance-app/details-mark-outcome", test_details_mark_outcome);
  ADD ("/provenance-app/accept-by-key-and-provenance", test_accept_by_key_and_provenance);
  ADD ("/provenance-app/link-selections", test_link_selections);
  ADD ("/provenance-app/accessible-names", test_accessible_names);
  ADD ("/provenance-app/screenshots", test_screenshots);
#undef ADD

  status = g_test_run ();
  pl_test_remove_tree (tmp_dir);
  g_free (tmp_dir);
  return status;
}
