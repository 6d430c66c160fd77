/* test-window.c — the main window, driven through its actions under a real display
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "plenary-test"

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <sys/wait.h>

#include "pl-project-file.h"
#include "pl-codebook.h"
#include "pl-demo.h"
#include "pl-code-row.h"
#include "pl-codebook-merge-popover.h"
#include "pl-document-row.h"
#include "pl-speaker-popover.h"
#include "pl-tagging-panel.h"
#include "pl-text-view.h"
#include "pl-transcript-view.h"
#include "pl-window-private.h"
#include "pl-compat.h"
#include "pl-test-util.h"
#include "pl-ui-test.h"

static char *tmp_dir;

static char *
tmp_path (const char *name)
{
  return g_build_filename (tmp_dir, name, NULL);
}

static void
spin_until_idle (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static PlProject *
new_project (const char *name,
             const char *text)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = tmp_path (name);
  PlProject *project;

  project = pl_project_open (path, PL_PROJECT_OPEN_CREATE | PL_PROJECT_OPEN_EXCLUSIVE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (pl_codebook_load_starter (project, &error), >, 40);
  g_assert_no_error (error);
  if (text != NULL)
    {
      pl_project_add_document (project, "Statement", text, NULL, &error);
      g_assert_no_error (error);
    }
  return project;
}

static PlWindow *
new_window (PlProject *project)
{
  PlWindow *window = pl_window_new (NULL);

  pl_window_set_project (window, project);
  gtk_window_present (GTK_WINDOW (window));
  spin_until_idle ();
  return window;
}

/* What the view draws: an annotation of @code covering @offset in its index. */
static gboolean
has_code_tag (PlTranscriptView *view,
              PlCode           *code,
              guint             offset)
{
  g_autoptr(GPtrArray) hits = pl_annotation_index_at (pl_transcript_view_get_index (view), offset);

  for (guint i = 0; i < hits->len; i++)
    if (((PlAnnotation *)hits->pdata[i])->code_id == pl_code_get_id (code))
      return TRUE;
  return FALSE;
}

static gboolean
count_frame (GtkWidget     *widget,
             GdkFrameClock *clock,
             gpointer       user_data)
{
  (*(guint *)user_data)++;
  return G_SOURCE_CONTINUE;
}

/* Waits until the window has drawn two frames after now, so what it shows is current. */
static void
wait_for_frames (GtkWidget *widget)
{
  guint frames = 0;
  guint id = gtk_widget_add_tick_callback (widget, count_frame, &frames, NULL);

  gtk_widget_queue_draw (widget);
  while (frames < 3)
    g_main_context_iteration (NULL, TRUE);
  gtk_widget_remove_tick_callback (widget, id);
}

/* Whether the window shows exactly @color (±2 per channel) in the band just under the
 * line box of the character at @offset (where its stripe is drawn). */
static gboolean
color_below_char (PlWindow         *window,
                  PlTranscriptView *view,
                  guint             offset,
                  const GdkRGBA    *color)
{
  GtkTextView *text_view = pl_transcript_view_get_text_view (view);
  GtkTextIter iter;
  GdkRectangle location;
  int wx, wy, width, height;
  double tx, ty;
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GtkSnapshot) snapshot = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree guchar *pixels = NULL;
  gsize stride;

  wait_for_frames (GTK_WIDGET (window));
  gtk_text_buffer_get_iter_at_offset (gtk_text_view_get_buffer (text_view), &iter, offset);
  gtk_text_view_get_iter_location (text_view, &iter, &location);
  gtk_text_view_buffer_to_window_coords (text_view, GTK_TEXT_WINDOW_WIDGET,
                                         location.x, location.y + location.height, &wx, &wy);
  g_assert_true (gtk_widget_translate_coordinates (GTK_WIDGET (text_view), GTK_WIDGET (window),
                                                   wx + 2, wy - 4, &tx, &ty));

  width = gtk_widget_get_width (GTK_WIDGET (window));
  height = gtk_widget_get_height (GTK_WIDGET (window));
  paintable = gtk_widget_paintable_new (GTK_WIDGET (window));
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_to_node (snapshot);
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (window)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  if (g_getenv ("PLENARY_SCREENSHOT_DIR") != NULL)
    {
      g_autofree char *png = g_strdup_printf ("%s/window-%u.png", g_getenv ("PLENARY_SCREENSHOT_DIR"), offset);

      gdk_texture_save_to_png (texture, png);
    }

  stride = 4 * (gsize)width;
  pixels = g_malloc (stride * height);
  gdk_texture_download (texture, pixels, stride);

  for (int y = (int)ty; y < (int)ty + 12 && y < height; y++)
    {
      /* gdk_texture_download writes B, G, R, A (CAIRO_FORMAT_ARGB32, little endian). */
      const guchar *p = pixels + (gsize)y * stride + 4 * (gsize)tx;

      if (ABS (p[2] - (int)(color->red * 255 + 0.5)) <= 2
          && ABS (p[1] - (int)(color->green * 255 + 0.5)) <= 2
          && ABS (p[0] - (int)(color->blue * 255 + 0.5)) <= 2)
        return TRUE;
    }
  return FALSE;
}

static void
test_templates (void)
{
  g_autoptr(GtkBuilder) builder = NULL;
  GtkWidget *view = pl_transcript_view_new ();
  GtkWidget *panel = pl_tagging_panel_new ();
  PlWindow *window = pl_window_new (NULL);

  g_object_ref_sink (view);
  g_object_ref_sink (panel);
  g_assert_nonnull (pl_transcript_view_get_text_view (PL_TRANSCRIPT_VIEW (view)));
  g_assert_nonnull (pl_tagging_panel_get_model (PL_TAGGING_PANEL (panel)));
  g_assert_nonnull (pl_window_get_transcript_view (window));
  g_object_unref (view);
  g_object_unref (panel);
  gtk_window_destroy (GTK_WINDOW (window));

  /* The templates of the rows and popovers (the dialogs' are made where they are used). */
  {
    GType types[] = { PL_TYPE_CODE_ROW, PL_TYPE_DOCUMENT_ROW, PL_TYPE_SPEAKER_POPOVER, PL_TYPE_CODEBOOK_MERGE_POPOVER };

    for (guint i = 0; i < G_N_ELEMENTS (types); i++)
      {
        GtkWidget *widget = g_object_ref_sink (g_object_new (types[i], NULL));

        g_assert_nonnull (gtk_widget_get_first_child (widget));
        g_object_unref (widget);
      }
  }

  builder = gtk_builder_new_from_resource ("/io/github/plenary/Plenary/gtk/help-overlay.ui");
  g_assert_true (GTK_IS_SHORTCUTS_WINDOW (gtk_builder_get_object (builder, "help_overlay")));
  gtk_window_destroy (GTK_WINDOW (gtk_builder_get_object (builder, "help_overlay")));
}

static void
test_demo_project (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = tmp_path ("demo.plenary");
  g_autoptr(PlProject) project = NULL;
  g_autoptr(GPtrArray) annotations = NULL;
  PlTranscriptView *view;
  PlDocument *shown;
  PlWindow *window;
  PlAnnotation *first;

  project = pl_demo_create (path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (pl_project_get_documents (project)), ==, 3);
  g_assert_cmpuint (pl_project_count_annotations (project), >=, 8);

  window = new_window (project);
  view = pl_window_get_transcript_view (window);

  /* The first document is open, its annotations highlighted in their code's tag. */
  shown = pl_transcript_view_get_document (view);
  g_assert_nonnull (shown);
  annotations = pl_project_list_annotations (project, pl_document_get_id (shown), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (annotations->len, >, 0);
  g_assert_cmpuint (pl_annotation_index_get_n (pl_transcript_view_get_index (view)), ==, annotations->len);
  first = g_ptr_array_index (annotations, 0);
  g_assert_true (has_code_tag (view, pl_project_find_code (project, first->code_id), first->start));

  /* The sidebar: progress of each document, and a filter. */
  wait_for_frames (GTK_WIDGET (window));
  {
    g_autofree char *expected = g_strdup_printf ("%u of %u statements coded",
                                                 pl_project_count_coded_statements (project, pl_document_get_id (shown), NULL),
                                                 pl_document_get_n_statements (shown));

    g_assert_nonnull (pl_window_get_progress_text (window, shown));
    g_assert_true (g_str_has_prefix (pl_window_get_progress_text (window, shown), expected));
  }
  pl_window_set_documents_filter (window, "PRESS release");
  g_assert_cmpuint (g_list_model_get_n_items (pl_window_get_documents_model (window)), ==, 1);
  pl_window_set_documents_filter (window, "");
  g_assert_cmpuint (g_list_model_get_n_items (pl_window_get_documents_model (window)), ==, 3);

  g_assert_cmpuint (g_list_model_get_n_items (pl_tagging_panel_get_model (pl_window_get_tagging_panel (window))), >=, 50);
  pl_tagging_panel_set_filter (pl_window_get_tagging_panel (window), "ransom");
  g_assert_cmpuint (g_list_model_get_n_items (pl_tagging_panel_get_model (pl_window_get_tagging_panel (window))), ==, 1);

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_apply_and_remove (void)
{
  static const char text[] = "The representative of Kenya said: 😀 critical infrastructure must be protected.";
  g_autoptr(GError) error = NULL;
  g_autoptr(PlProject) project = new_project ("apply.plenary", text);
  g_autoptr(GPtrArray) annotations = NULL;
  g_autoptr(GPtrArray) hits = NULL;
  g_autofree char *guid = NULL;
  PlTranscriptView *view;
  PlWindow *window;
  PlCode *code, *by_key;
  PlAnnotation *annotation;

  window = new_window (project);
  view = pl_window_get_transcript_view (window);
  g_assert_nonnull (pl_transcript_view_get_document (view));
  code = pl_project_lookup_code (project, "THR.CI");
  g_assert_nonnull (code);

  /* Nothing selected: applying does nothing. */
  g_assert_true (pl_widget_activate_action (GTK_WIDGET (window), "win.apply-code", "s", pl_code_get_guid (code)));
  g_assert_cmpuint (pl_project_count_annotations (project), ==, 0);

  /* "critical infrastructure" starts after the emoji: code point 36. */
  pl_transcript_view_select_range (view, 36, 59);
  g_assert_true (pl_widget_activate_action (GTK_WIDGET (window), "win.apply-code", "s", pl_code_get_guid (code)));

  annotations = pl_project_list_annotations (project, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (annotations->len, ==, 1);
  annotation = g_ptr_array_index (annotations, 0);
  g_assert_cmpuint (annotation->start, ==, 36);
  g_assert_cmpuint (annotation->end, ==, 59);
  g_assert_cmpint (annotation->code_id, ==, pl_code_get_id (code));
  g_assert_cmpint (annotation->coder_id, ==, pl_window_get_coder (window)->id);
  guid = g_strdup (annotation->guid);

  g_assert_true (has_code_tag (view, code, 36));
  g_assert_true (has_code_tag (view, code, 58));
  g_assert_false (has_code_tag (view, code, 35));
  g_assert_false (has_code_tag (view, code, 59));
  g_assert_cmpuint (pl_code_get_n_annotations (code), ==, 1);

  /* The number key of a code applies it: the shortcut action, here "1". */
  by_key = pl_project_find_code_by_shortcut (project, "1");
  g_assert_nonnull (by_key);
  pl_transcript_view_select_range (view, 4, 18);
  g_assert_true (pl_widget_activate_action (GTK_WIDGET (window), "win.apply-shortcut", "s", "1"));
  g_assert_cmpuint (pl_project_count_annotations (project), ==, 2);
  g_assert_true (has_code_tag (view, by_key, 4));

  /* Clicking a highlight lists what is there. */
  g_assert_true (pl_transcript_view_show_annotations_at (view, 40));
  g_assert_false (pl_transcript_view_show_annotations_at (view, 2));
  hits = pl_annotation_index_at (pl_transcript_view_get_index (view), 40);
  g_assert_cmpuint (hits->len, ==, 1);
  g_assert_cmpstr (((PlAnnotation *)hits->pdata[0])->guid, ==, guid);

  /* Removing it removes the annotation and its highlight, and nothing else. */
  g_assert_true (pl_widget_activate_action (GTK_WIDGET (window), "win.remove-annotation", "s", guid));
  g_assert_cmpuint (pl_project_count_annotations (project), ==, 1);
  g_assert_false (has_code_tag (view, code, 36));
  g_assert_false (has_code_tag (view, code, 50));
  g_assert_true (has_code_tag (view, by_key, 4));
  g_assert_null (pl_annotation_index_lookup (pl_transcript_view_get_index (view), guid));
  g_assert_cmpuint (pl_code_get_n_annotations (code), ==, 0);

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_overlaps_and_reopen (void)
{
  static const char text[] = "States should protect critical infrastructure and report vulnerabilities.";
  g_autoptr(GError) error = NULL;
  g_autofree char *path = tmp_path ("reopen.plenary");
  g_autoptr(PlProject) project = new_project ("reopen.plenary", text);
  g_autoptr(PlProject) reopened = NULL;
  PlTranscriptView *view;
  PlWindow *window;
  PlCode *a, *b;

  window = new_window (project);
  view = pl_window_get_transcript_view (window);
  a = pl_project_lookup_code (project, "NRM.G");
  b = pl_project_lookup_code (project, "THR.CI");

  pl_transcript_view_select_range (view, 14, 45);
  pl_widget_activate_action (GTK_WIDGET (window), "win.apply-code", "s", pl_code_get_guid (a));
  pl_transcript_view_select_range (view, 22, 72);
  pl_widget_activate_action (GTK_WIDGET (window), "win.apply-code", "s", pl_code_get_guid (b));
  g_assert_cmpuint (pl_project_count_annotations (project), ==, 2);

  /* Both codes cover the overlap [22, 45), in different stripe lanes. */
  g_assert_true (has_code_tag (view, a, 30) && has_code_tag (view, b, 30));
  g_assert_false (has_code_tag (view, b, 15));
  g_assert_false (has_code_tag (view, a, 50));
  {
    PlTextView *text_view = pl_transcript_view_get_pl_text_view (view);
    PlAnnotationIndex *index = pl_transcript_view_get_index (view);

    g_assert_cmpuint (pl_text_view_get_n_lanes (text_view), ==, 2);
    g_assert_cmpuint (pl_text_view_get_lane (text_view, pl_annotation_index_get (index, 0)), ==, 0);
    g_assert_cmpuint (pl_text_view_get_lane (text_view, pl_annotation_index_get (index, 1)), ==, 1);
  }

  gtk_window_destroy (GTK_WINDOW (window));
  spin_until_idle ();
  pl_project_close (project);

  /* Quit, reopen: everything is there, highlighted again. */
  reopened = pl_project_open (path, PL_PROJECT_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (pl_project_count_annotations (reopened), ==, 2);
  window = new_window (reopened);
  view = pl_window_get_transcript_view (window);
  a = pl_project_lookup_code (reopened, "NRM.G");
  b = pl_project_lookup_code (reopened, "THR.CI");
  g_assert_true (has_code_tag (view, a, 14));
  g_assert_true (has_code_tag (view, b, 71));
  g_assert_false (has_code_tag (view, b, 72));
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_highlight_is_drawn (void)
{
  static const char text[] = "States should protect critical infrastructure.";
  g_autoptr(PlProject) project = new_project ("pixels.plenary", text);
  PlTranscriptView *view;
  PlWindow *window;
  PlCode *code;
  GdkRGBA expected;

  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_LIGHT);
  window = new_window (project);
  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 700);
  view = pl_window_get_transcript_view (window);
  code = pl_project_lookup_code (project, "THR.CI");
  g_assert_true (gdk_rgba_parse (&expected, pl_code_get_color (code)));

  /* The stripe, in the code's own colour, sits just under the coded characters. */
  g_assert_false (color_below_char (window, view, 25, &expected));
  pl_transcript_view_select_range (view, 22, 45);
  pl_widget_activate_action (GTK_WIDGET (window), "win.apply-code", "s", pl_code_get_guid (code));
  g_assert_true (color_below_char (window, view, 25, &expected));
  /* Not under "protect", which nothing codes (nor the wrapped line below it). */
  g_assert_false (color_below_char (window, view, 16, &expected));

  /* Removing the annotation removes the stripe. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL);
  g_assert_false (color_below_char (window, view, 25, &expected));

  gtk_window_destroy (GTK_WINDOW (window));
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);
}

static void
on_import_finished (PlWindow *window,
                    guint     n_imported,
                    guint     n_refused,
                    guint    *result)
{
  result[0] = n_imported;
  result[1] = n_refused;
  result[2] = TRUE;
}

static void
test_import (void)
{
  g_autoptr(PlProject) project = new_project ("import.plenary", NULL);
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *good = tmp_path ("Statement by Brazil.txt");
  g_autofree char *empty = tmp_path ("empty.txt");
  guint result[3] = { 0, 0, FALSE };
  PlWindow *window;

  /* Windows-1252 with CRLF: “curly quotes” and é. */
  g_assert_true (g_file_set_contents (good, "Brazil said \x93yes\x94.\r\n\r\nCaf\xe9 talk.\r\n", -1, NULL));
  g_assert_true (g_file_set_contents (empty, "", 0, NULL));
  g_ptr_array_add (files, g_file_new_for_path (good));
  g_ptr_array_add (files, g_file_new_for_path (empty));

  window = new_window (project);
  g_assert_null (pl_transcript_view_get_document (pl_window_get_transcript_view (window)));
  g_signal_connect (window, "import-finished", G_CALLBACK (on_import_finished), result);
  pl_window_import_files (window, files);
  while (!result[2])
    g_main_context_iteration (NULL, TRUE);

  g_assert_cmpuint (result[0], ==, 1);
  g_assert_cmpuint (result[1], ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (pl_project_get_documents (project)), ==, 1);

  /* The imported document opens; its text is normalised. */
  {
    PlDocument *document = pl_transcript_view_get_document (pl_window_get_transcript_view (window));
    g_autofree char *text = NULL;

    g_assert_nonnull (document);
    g_assert_cmpstr (pl_document_get_title (document), ==, "Statement by Brazil");
    g_assert_cmpuint (pl_document_get_n_statements (document), ==, 2);
    text = pl_project_dup_document_text (project, pl_document_get_id (document), NULL);
    g_assert_cmpstr (text, ==, "Brazil said “yes”.\n\nCafé talk.\n");
  }

  /* A folder: its files, nested ones too, in one batch with a per-file report. */
  {
    g_autofree char *folder = tmp_path ("batch");
    g_autofree char *nested = g_build_filename (folder, "session 2", NULL);
    g_autofree char *one = g_build_filename (folder, "a.txt", NULL);
    g_autofree char *two = g_build_filename (nested, "b.md", NULL);
    g_autoptr(GPtrArray) batch = g_ptr_array_new_with_free_func (g_object_unref);
    PlDocument *last;

    g_assert_cmpint (g_mkdir_with_parents (nested, 0700), ==, 0);
    g_assert_true (g_file_set_contents (one, "Kenya spoke.\n\nChile spoke.", -1, NULL));
    g_assert_true (g_file_set_contents (two, "# Heading\n\nSome **bold** words.", -1, NULL));
    g_ptr_array_add (batch, g_file_new_for_path (folder));
    result[2] = FALSE;
    pl_window_import_files (window, batch);
    while (!result[2])
      g_main_context_iteration (NULL, TRUE);
    g_assert_cmpuint (result[0], ==, 2);
    g_assert_cmpuint (result[1], ==, 0);
    g_assert_cmpuint (g_list_model_get_n_items (pl_project_get_documents (project)), ==, 3);
    last = g_list_model_get_item (pl_project_get_documents (project), 2);
    g_assert_cmpstr (pl_document_get_metadata (last, "format"), ==, "markdown");
    g_object_unref (last);
  }

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_undo_redo (void)
{
  static const char text[] = "States should protect critical infrastructure.";
  g_autoptr(PlProject) project = new_project ("undo.plenary", text);
  PlTranscriptView *view;
  PlWindow *window;
  PlCode *code;

  window = new_window (project);
  view = pl_window_get_transcript_view (window);
  code = pl_project_lookup_code (project, "THR.CI");

  g_assert_false (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL) &&
                  pl_project_count_annotations (project) != 0);

  pl_transcript_view_select_range (view, 22, 45);
  pl_widget_activate_action (GTK_WIDGET (window), "win.apply-code", "s", pl_code_get_guid (code));
  g_assert_true (has_code_tag (view, code, 30));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  g_assert_cmpuint (pl_project_count_annotations (project), ==, 0);
  g_assert_false (has_code_tag (view, code, 30));
  g_assert_cmpuint (pl_annotation_index_get_n (pl_transcript_view_get_index (view)), ==, 0);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.redo", NULL));
  g_assert_cmpuint (pl_project_count_annotations (project), ==, 1);
  g_assert_true (has_code_tag (view, code, 30));
  g_assert_cmpuint (pl_annotation_index_get_n (pl_transcript_view_get_index (view)), ==, 1);

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_undo_after_reopen (void)
{
  static const char text[] = "States should protect critical infrastructure.";
  g_autoptr(GError) error = NULL;
  g_autofree char *path = tmp_path ("undo-reopen.plenary");
  g_autoptr(PlProject) project = new_project ("undo-reopen.plenary", text);
  g_autoptr(PlProject) reopened = NULL;
  PlWindow *window;
  PlTranscriptView *view;
  PlCode *code;

  window = new_window (project);
  view = pl_window_get_transcript_view (window);
  pl_transcript_view_select_range (view, 22, 45);
  pl_widget_activate_action (GTK_WIDGET (window), "win.apply-code", "s", "THR.CI");
  g_assert_cmpuint (pl_project_count_annotations (project), ==, 1);
  gtk_window_destroy (GTK_WINDOW (window));
  spin_until_idle ();
  pl_project_close (project);

  /* A new session: the window's Undo takes back what the last one did, and Redo redoes it. */
  reopened = pl_project_open (path, PL_PROJECT_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  window = new_window (reopened);
  view = pl_window_get_transcript_view (window);
  code = pl_project_lookup_code (reopened, "THR.CI");
  g_assert_true (has_code_tag (view, code, 30));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  g_assert_cmpuint (pl_project_count_annotations (reopened), ==, 0);
  g_assert_false (has_code_tag (view, code, 30));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.redo", NULL));
  g_assert_true (has_code_tag (view, code, 30));
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_second_pane (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PlProject) project = new_project ("panes.plenary", "Kenya spoke first.\n\nChile spoke second.");
  g_autoptr(PlAnnotation) annotation = NULL;
  g_autoptr(GPtrArray) all = NULL;
  PlDocument *other;
  PlTranscriptView *first, *second;
  PlWindow *window;

  other = pl_project_add_document (project, "Other", "Brazil spoke about ransomware attacks.", NULL, &error);
  g_assert_no_error (error);
  window = new_window (project);
  first = pl_window_get_transcript_view (window);
  second = pl_window_get_second_view (window);

  /* Side by side: the second pane opens on the same document and takes the focus. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.split-view", NULL));
  spin_until_idle ();
  g_assert_true (pl_window_get_split (window));
  g_assert_true (pl_transcript_view_get_document (second) == pl_transcript_view_get_document (first));
  g_assert_true (pl_window_get_active_view (window) == second);

  /* Another document in the second pane; coding acts on it. */
  pl_window_open_document (window, other);
  g_assert_true (pl_transcript_view_get_document (second) == other);
  g_assert_true (pl_transcript_view_get_document (first) != other);
  pl_transcript_view_select_range (second, 25, 35);
  pl_widget_activate_action (GTK_WIDGET (window), "win.apply-code", "s", "THR.RANSOM");
  all = pl_project_list_annotations (project, 0, &error);
  g_assert_cmpuint (all->len, ==, 1);
  annotation = pl_annotation_ref (all->pdata[0]);
  g_assert_cmpint (annotation->document_id, ==, pl_document_get_id (other));
  g_assert_cmpuint (annotation->start, ==, 25);

  /* Back to the first pane: the panel's counts follow the focus. */
  pl_window_focus_view (window, first);
  g_assert_true (pl_window_get_active_view (window) == first);
  g_assert_cmpuint (pl_tagging_panel_get_document_count (pl_window_get_tagging_panel (window),
                                                         pl_project_lookup_code (project, "THR.RANSOM")), ==, 0);
  pl_window_focus_view (window, second);
  g_assert_cmpuint (pl_tagging_panel_get_document_count (pl_window_get_tagging_panel (window),
                                                         pl_project_lookup_code (project, "THR.RANSOM")), ==, 1);

  /* Closing the second pane returns to one. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.split-view", NULL);
  g_assert_false (pl_window_get_split (window));
  g_assert_true (pl_window_get_active_view (window) == first);
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_live_copy_round_trip (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = tmp_path ("live.plenary");
  g_autoptr(PlProject) seed = new_project ("live.plenary", "Brazil supports capacity-building.");
  g_autoptr(PlProject) after = NULL;
  PlTranscriptView *view;
  PlWindow *window;

  pl_project_close (seed);

  g_setenv ("PLENARY_LIVE_COPY", "1", TRUE);
  window = pl_window_new (NULL);
  g_assert_true (pl_window_open_project_path (window, path, FALSE, &error));
  g_assert_no_error (error);
  gtk_window_present (GTK_WINDOW (window));
  spin_until_idle ();

  /* The window works on a live copy, not on the user's file. */
  g_assert_cmpstr (pl_project_get_path (pl_window_get_project (window)), !=, path);

  view = pl_window_get_transcript_view (window);
  pl_transcript_view_select_range (view, 16, 33);
  pl_widget_activate_action (GTK_WIDGET (window), "win.apply-code", "s", "CB.OFFER");
  g_assert_cmpuint (pl_project_count_annotations (pl_window_get_project (window)), ==, 1);

  g_assert_true (pl_window_close_project (window, &error));
  g_assert_no_error (error);
  g_assert_null (pl_window_get_project (window));
  gtk_window_destroy (GTK_WINDOW (window));
  g_unsetenv ("PLENARY_LIVE_COPY");

  after = pl_project_open (path, PL_PROJECT_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (pl_project_count_annotations (after), ==, 1);
}

/* The child half of the kill test: open the project in a window, apply a code through the
 * window's action, say so, and wait to be killed. */
static int
run_child (const char *path)
{
  g_autoptr(GError) error = NULL;
  PlWindow *window = pl_window_new (NULL);
  PlTranscriptView *view;

  if (!pl_window_open_project_path (window, path, FALSE, &error))
    {
      g_printerr ("child: %s\n", error->message);
      return 1;
    }
  gtk_window_present (GTK_WINDOW (window));
  spin_until_idle ();

  view = pl_window_get_transcript_view (window);
  pl_transcript_view_select_range (view, 0, 6);
  pl_widget_activate_action (GTK_WIDGET (window), "win.apply-code", "s", "THR.RANSOM");
  g_print ("applied %u\n", pl_project_count_annotations (pl_window_get_project (window)));

  for (;;)
    g_main_context_iteration (NULL, TRUE);
}

static void
kill_after_action (const char *name,
                   gboolean    live_copy)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = tmp_path (name);
  g_autoptr(PlProject) seed = new_project (name, "Ransomware hit hospitals in 2023.");
  g_autofree char *self_exe = g_file_read_link ("/proc/self/exe", NULL);
  const char *argv[] = { self_exe, "--child", path, NULL };
  g_autoptr(GIOChannel) channel = NULL;
  g_autofree char *line = NULL;
  GPid pid;
  int out_fd, status;

  pl_project_close (seed);
  if (live_copy)
    g_setenv ("PLENARY_LIVE_COPY", "1", TRUE);

  g_assert_true (g_spawn_async_with_pipes (NULL, (char **)argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD,
                                           NULL, NULL, &pid, NULL, &out_fd, NULL, &error));
  g_assert_no_error (error);
  g_unsetenv ("PLENARY_LIVE_COPY");

  channel = g_io_channel_unix_new (out_fd);
  g_io_channel_set_close_on_unref (channel, TRUE);
  g_assert_cmpint (g_io_channel_read_line (channel, &line, NULL, NULL, &error), ==, G_IO_STATUS_NORMAL);
  g_assert_cmpstr (line, ==, "applied 1\n");

  /* The action was shown; now the process dies without any chance to clean up. */
  g_assert_cmpint (kill (pid, SIGKILL), ==, 0);
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_assert_true (WIFSIGNALED (status) && WTERMSIG (status) == SIGKILL);
  g_spawn_close_pid (pid);

  if (!live_copy)
    {
      g_autoptr(PlProject) reopened = pl_project_open (path, PL_PROJECT_OPEN_DEFAULT, &error);

      g_assert_no_error (error);
      g_assert_cmpuint (pl_project_count_annotations (reopened), ==, 1);
    }
  else
    {
      g_autoptr(PlProjectFile) file = pl_project_file_open (path, PL_PROJECT_OPEN_DEFAULT,
                                                            PL_PROJECT_FILE_LIVE_COPY, NULL, &error);
      g_autoptr(PlProject) direct = NULL;

      /* Reopening recovers the live copy and writes it back to the user's file. */
      g_assert_no_error (error);
      g_assert_cmpuint (pl_project_count_annotations (pl_project_file_get_project (file)), ==, 1);
      g_assert_true (pl_project_file_close (file, &error));
      g_assert_no_error (error);
      direct = pl_project_open (path, PL_PROJECT_OPEN_DEFAULT, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (pl_project_count_annotations (direct), ==, 1);
    }
}

static void
test_kill_in_place (void)
{
  kill_after_action ("kill.plenary", FALSE);
}

static void
test_kill_live_copy (void)
{
  kill_after_action ("kill-live.plenary", TRUE);
}

static gboolean
on_deadline (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

/* What another program commits to the open project (plenary-cli, here a second connection)
 * appears in the window within a second or two: the new document in the list, the new
 * coding in the text; and undo stays consistent. */
static void
test_follows_outside_changes (void)
{
  static const char text[] = "The representative of Kenya said that critical infrastructure must be protected.";
  g_autoptr(GError) error = NULL;
  g_autoptr(PlProject) project = new_project ("outside.plenary", text);
  g_autoptr(PlProject) other = NULL;
  g_autoptr(PlAnnotation) added = NULL;
  PlTranscriptView *view;
  PlWindow *window;
  PlCode *code;
  PlCoder *coder;
  gboolean late = FALSE;
  guint deadline;

  window = new_window (project);
  view = pl_window_get_transcript_view (window);
  g_assert_nonnull (pl_transcript_view_get_document (view));

  other = pl_project_open (pl_project_get_path (project), PL_PROJECT_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  code = pl_project_lookup_code (other, "THR.CI");
  coder = pl_project_ensure_coder (other, "Script", &error);
  g_assert_no_error (error);
  added = pl_project_add_annotation (other, &(PlAnnotationSpec) {
                                       pl_document_get_id (pl_transcript_view_get_document (view)),
                                       pl_code_get_id (code), coder->id, 38, 61, NULL },
                                     &error);
  g_assert_no_error (error);
  pl_project_add_document (other, "Second", "Brazil agreed.\n", NULL, &error);
  g_assert_no_error (error);

  /* Generous for a busy machine; the window checks every second. */
  deadline = g_timeout_add_seconds (20, on_deadline, &late);
  while (!late && !has_code_tag (view, pl_project_lookup_code (project, "THR.CI"), 40))
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (late);
  g_source_remove (deadline);
  g_assert_cmpuint (g_list_model_get_n_items (pl_project_get_documents (project)), ==, 2);
  g_assert_cmpuint (pl_project_count_annotations (project), ==, 1);

  /* The window's undo undoes what the other program did last: adding the document. */
  g_assert_true (pl_project_can_undo (project));
  g_assert_true (pl_project_undo (project, &error) || error == NULL);
  g_assert_no_error (error);

  gtk_window_destroy (GTK_WINDOW (window));
  spin_until_idle ();
}

/* The tests' log writer: GTK 4.8's warning about a widget left out of one frame is not
 * fatal; any other warning, from GTK too, still ends the test. */
static int s_dummy;

static void
warn_skipped_frame (void)
{
  g_log_structured_standard ("Gtk", G_LOG_LEVEL_WARNING, __FILE__, G_STRINGIFY (__LINE__), G_STRFUNC,
                             "Trying to snapshot GtkBox %p without a current allocation", (void *) &s_dummy);
}

static void
warn_other (void)
{
  g_log_structured_standard ("Gtk", G_LOG_LEVEL_WARNING, __FILE__, G_STRINGIFY (__LINE__), G_STRFUNC,
                             "Trying to snapshot GtkBox %p with a broken allocation", (void *) &s_dummy);
}

static void
test_log_writer_skipped_frame (void)
{
  if (g_test_subprocess ())
    {
      warn_skipped_frame ();
      return;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  g_test_trap_assert_stderr ("*(not fatal in tests) Trying to snapshot GtkBox*");
}

static void
test_log_writer_other (void)
{
  if (g_test_subprocess ())
    {
      warn_other ();
      return;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_failed ();
}

int
main (int   argc,
      char *argv[])
{
  int status;

  if (argc == 3 && g_str_equal (argv[1], "--child"))
    {
      gtk_disable_setlocale ();
      if (!gtk_init_check ())
        return 77;
      adw_init ();
      return run_child (argv[2]);
    }

  tmp_dir = g_dir_make_tmp ("plenary-window-XXXXXX", NULL);
  g_assert_nonnull (tmp_dir);
  {
    /* Live copies and settings stay inside the test's folder (children inherit this). */
    g_autofree char *data = g_build_filename (tmp_dir, "data", NULL);

    g_setenv ("XDG_DATA_HOME", data, TRUE);
  }

  pl_ui_test_set_log_writer ();
  g_test_init (&argc, &argv, NULL);
  gtk_disable_setlocale ();
  if (!gtk_init_check ())
    return 77;
  adw_init ();

  g_test_add_func ("/window/log-writer/skipped-frame", test_log_writer_skipped_frame);
  g_test_add_func ("/window/log-writer/other", test_log_writer_other);
  g_test_add_func ("/window/templates", test_templates);
  g_test_add_func ("/window/demo-project", test_demo_project);
  g_test_add_func ("/window/apply-and-remove", test_apply_and_remove);
  g_test_add_func ("/window/overlaps-and-reopen", test_overlaps_and_reopen);
  g_test_add_func ("/window/import", test_import);
  g_test_add_func ("/window/undo-redo", test_undo_redo);
  g_test_add_func ("/window/highlight-is-drawn", test_highlight_is_drawn);
  g_test_add_func ("/window/undo-after-reopen", test_undo_after_reopen);
  g_test_add_func ("/window/second-pane", test_second_pane);
  g_test_add_func ("/window/follows-outside-changes", test_follows_outside_changes);
  g_test_add_func ("/window/live-copy-round-trip", test_live_copy_round_trip);
  g_test_add_func ("/window/kill-after-action/in-place", test_kill_in_place);
  g_test_add_func ("/window/kill-after-action/live-copy", test_kill_live_copy);

  status = g_test_run ();
  pl_test_remove_tree (tmp_dir);
  g_free (tmp_dir);
  return status;
}
