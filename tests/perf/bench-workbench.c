/* bench-workbench.c — the coding workbench on a large document, under a real display
 *
 * A project with one document of 5,000 statements (about 1 MB) carrying 20,000 annotations
 * over 60 codes.  Measured, and compared with the targets:
 *   - opening the document until its first frame is painted, highlights included (< 300 ms);
 *   - applying and removing a code through the window's actions, including the database
 *     commit and the repaint, at the 95th percentile (< 16 ms);
 *   - scrolling from top to bottom, the longest frame (< 32 ms);
 *   - peak memory (< 250 MB).
 * Action and frame times exclude waiting for the display's next frame tick: they are the
 * time the application spends (action handling, then layout and paint of the frame).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "plenary-bench"

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <sys/resource.h>

#include "pl-codebook.h"
#include "pl-project-private.h"
#include "pl-window-private.h"
#include "pl-compat.h"

#define N_STATEMENTS 5000
#define N_ANNOTATIONS 20000
#define N_CODES 60
#define N_ACTIONS 200

static const char *words[] = {
  "states", "should", "cooperate", "critical", "infrastructure", "capacity", "building", "norms",
  "international", "law", "applies", "cyberspace", "confidence", "measures", "ransomware", "attacks",
  "supply", "chain", "vulnerabilities", "reporting", "the", "of", "and", "to", "in", "a", "that",
  "delegation", "welcomes", "points", "contact", "directory", "regional", "organisations", "threats",
};

typedef struct
{
  gint64 before;
  gint64 after;
  guint  frames;
} Frames;

static void
on_before_paint (GdkFrameClock *clock,
                 Frames        *frames)
{
  frames->before = g_get_monotonic_time ();
}

static void
on_after_paint (GdkFrameClock *clock,
                Frames        *frames)
{
  frames->after = g_get_monotonic_time ();
  frames->frames++;
}

/* Waits for the next painted frame; returns its layout+paint time in µs. */
static gint64
next_frame (GtkWidget *widget,
            Frames    *frames)
{
  guint seen = frames->frames;

  gtk_widget_queue_draw (widget);
  while (frames->frames == seen)
    g_main_context_iteration (NULL, TRUE);
  return frames->after - frames->before;
}

static int
compare_int64 (gconstpointer a,
               gconstpointer b)
{
  gint64 x = *(const gint64 *)a, y = *(const gint64 *)b;

  return x < y ? -1 : x > y;
}

static double
percentile_ms (GArray *samples,
               double  p)
{
  g_array_sort (samples, compare_int64);
  return g_array_index (samples, gint64, MIN (samples->len - 1, (guint)(p * samples->len))) / 1000.0;
}

static PlProject *
generate (const char *path,
          GArray     *starts,
          GArray     *ends)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GRand) rand = g_rand_new_with_seed (42);
  PlProject *project;
  PlDocument *document;
  PlCoder *coder;
  sqlite3_stmt *stmt;
  GListModel *codes;
  g_autoptr(GArray) code_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  guint offset = 0;

  project = pl_project_open (path, PL_PROJECT_OPEN_CREATE | PL_PROJECT_OPEN_EXCLUSIVE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (pl_codebook_load_starter (project, &error), >=, N_CODES - 10);

  /* Statements of about 200 characters: "Statement N. word word …". */
  for (guint i = 0; i < N_STATEMENTS; i++)
    {
      guint start = offset;
      g_autofree char *head = g_strdup_printf ("Statement %u.", i + 1);

      g_string_append (text, head);
      offset += strlen (head);
      while (offset - start < 190)
        {
          const char *word = words[g_rand_int_range (rand, 0, G_N_ELEMENTS (words))];

          g_string_append_c (text, ' ');
          g_string_append (text, word);
          offset += 1 + strlen (word);
        }
      g_string_append_c (text, '.');
      offset++;
      g_array_append_val (starts, start);
      g_array_append_val (ends, offset);
      g_string_append (text, "\n\n");
      offset += 2;
    }

  document = pl_project_add_document (project, "Large transcript", text->str, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (pl_document_get_n_statements (document), ==, N_STATEMENTS);
  coder = pl_project_ensure_coder (project, "Bench", &error);

  codes = pl_project_get_codes (project);
  for (guint i = 0; i < g_list_model_get_n_items (codes) && code_ids->len < N_CODES; i++)
    {
      g_autoptr(PlCode) code = g_list_model_get_item (codes, i);
      gint64 id = pl_code_get_id (code);

      if (pl_code_get_codable (code))
        g_array_append_val (code_ids, id);
    }
  while (code_ids->len < N_CODES)
    {
      g_autofree char *name = g_strdup_printf ("Extra code %u", code_ids->len);
      PlCodeSpec spec = { .name = name, .codable = TRUE };
      gint64 id = pl_code_get_id (pl_project_add_code (project, &spec, &error));

      g_array_append_val (code_ids, id);
    }

  /* 20,000 annotations in one transaction: 4 per statement, overlapping. */
  g_assert_true (pl_project_begin (project, &error));
  stmt = pl_project_prepare (project,
                             "INSERT INTO annotations (guid, document_id, code_id, coder_id, start_offset,"
                             " end_offset, created, modified) VALUES (?, ?, ?, ?, ?, ?, '2026-11-22T00:00:00Z',"
                             " '2026-11-22T00:00:00Z')", &error);
  for (guint i = 0; i < N_ANNOTATIONS; i++)
    {
      guint statement = i / 4;
      guint s = g_array_index (starts, guint, statement);
      guint e = g_array_index (ends, guint, statement);
      guint a = s + g_rand_int_range (rand, 0, (e - s) / 2);
      guint b = MIN (e, a + 10 + g_rand_int_range (rand, 0, 90));
      g_autofree char *guid = g_uuid_string_random ();

      sqlite3_bind_text (stmt, 1, guid, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (stmt, 2, pl_document_get_id (document));
      sqlite3_bind_int64 (stmt, 3, g_array_index (code_ids, gint64, g_rand_int_range (rand, 0, N_CODES)));
      sqlite3_bind_int64 (stmt, 4, coder->id);
      sqlite3_bind_int64 (stmt, 5, a);
      sqlite3_bind_int64 (stmt, 6, b);
      g_assert_true (pl_project_step_done (project, stmt, "insert", &error));
    }
  g_assert_true (pl_project_commit (project, &error));
  pl_project_reload (project);
  g_assert_cmpuint (pl_project_count_annotations (project), ==, N_ANNOTATIONS);
  return project;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("plenary-bench-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "bench.plenary", NULL);
  g_autoptr(GArray) starts = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GArray) ends = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GArray) apply = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) remove = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) scroll = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) action_only = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) frame_only = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(PlProject) project = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  PlTranscriptView *view;
  GtkAdjustment *vadjustment;
  GdkFrameClock *clock;
  PlWindow *window;
  Frames frames = { 0 };
  struct rusage usage;
  gint64 t0, open_us, generate_us;
  double open_ms, apply_p95, remove_p95, scroll_max, memory_mb;
  gboolean ok;

  gtk_disable_setlocale ();
  if (!gtk_init_check ())
    {
      g_printerr ("bench-workbench: no display (run under xvfb-run)\n");
      return 77;
    }
  adw_init ();

  t0 = g_get_monotonic_time ();
  project = generate (path, starts, ends);
  generate_us = g_get_monotonic_time () - t0;

  window = pl_window_new (NULL);
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 900);
  gtk_window_present (GTK_WINDOW (window));
  clock = gtk_widget_get_frame_clock (GTK_WIDGET (window));
  g_signal_connect (clock, "before-paint", G_CALLBACK (on_before_paint), &frames);
  g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint), &frames);
  next_frame (GTK_WIDGET (window), &frames);

  /* Opening: the project is shown, then the document until its first painted frame. */
  pl_window_set_project (window, project);
  pl_window_open_document (window, NULL);
  next_frame (GTK_WIDGET (window), &frames);
  t0 = g_get_monotonic_time ();
  {
    g_autoptr(PlDocument) document = g_list_model_get_item (pl_project_get_documents (project), 0);

    pl_window_open_document (window, document);
  }
  next_frame (GTK_WIDGET (window), &frames);
  open_us = g_get_monotonic_time () - t0;
  view = pl_window_get_transcript_view (window);
  g_assert_cmpuint (pl_annotation_index_get_n (pl_transcript_view_get_index (view)), ==, N_ANNOTATIONS);

  /* Applying and removing codes in statements spread over the document, each shown. */
  for (guint i = 0; i < N_ACTIONS; i++)
    {
      guint statement = g_rand_int_range (rand, 0, N_STATEMENTS);
      guint s = g_array_index (starts, guint, statement) + 15;
      gint64 begin, handled, frame;

      pl_transcript_view_place_cursor (view, s, TRUE);
      next_frame (GTK_WIDGET (window), &frames);

      pl_transcript_view_select_range (view, s, s + 20);
      begin = g_get_monotonic_time ();
      pl_widget_activate_action (GTK_WIDGET (window), "win.apply-shortcut", "s", "1");
      handled = g_get_monotonic_time () - begin;
      frame = next_frame (GTK_WIDGET (window), &frames);
      g_array_append_val (action_only, handled);
      g_array_append_val (frame_only, frame);
      handled += frame;
      g_array_append_val (apply, handled);

      begin = g_get_monotonic_time ();
      gtk_widget_activate_action (GTK_WIDGET (window), "win.remove-focused", NULL);
      handled = g_get_monotonic_time () - begin;
      frame = next_frame (GTK_WIDGET (window), &frames);
      handled += frame;
      g_array_append_val (remove, handled);
    }
  g_assert_cmpuint (pl_project_count_annotations (project), ==, N_ANNOTATIONS);

  /* Scrolling from top to bottom, half a page at a time, each step painted. */
  vadjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (pl_transcript_view_get_text_view (view)));
  gtk_adjustment_set_value (vadjustment, 0);
  next_frame (GTK_WIDGET (window), &frames);
  while (gtk_adjustment_get_value (vadjustment) + gtk_adjustment_get_page_size (vadjustment)
         < gtk_adjustment_get_upper (vadjustment) - 1)
    {
      gint64 begin = g_get_monotonic_time (), took;

      gtk_adjustment_set_value (vadjustment, gtk_adjustment_get_value (vadjustment)
                                             + gtk_adjustment_get_page_size (vadjustment) / 2);
      took = g_get_monotonic_time () - begin;
      took += next_frame (GTK_WIDGET (window), &frames);
      g_array_append_val (scroll, took);
    }

  getrusage (RUSAGE_SELF, &usage);
  open_ms = open_us / 1000.0;
  apply_p95 = percentile_ms (apply, 0.95);
  remove_p95 = percentile_ms (remove, 0.95);
  scroll_max = percentile_ms (scroll, 1.0);
  memory_mb = usage.ru_maxrss / 1024.0;

  g_print ("workbench: %u statements, %u annotations over %u codes (generated in %.1f s)\n",
           N_STATEMENTS, N_ANNOTATIONS, N_CODES, generate_us / 1e6);
  g_print ("open to first painted frame:  %7.1f ms   (target < 300 ms)\n", open_ms);
  g_print ("apply a code, p50 / p95:      %7.1f / %.1f ms   (target p95 < 16 ms)\n", percentile_ms (apply, 0.5), apply_p95);
  g_print ("  of which the action (commit included), p50 / p95: %.1f / %.1f ms; the frame: %.1f / %.1f ms\n",
           percentile_ms (action_only, 0.5), percentile_ms (action_only, 0.95),
           percentile_ms (frame_only, 0.5), percentile_ms (frame_only, 0.95));
  g_print ("remove a code, p50 / p95:     %7.1f / %.1f ms   (target p95 < 16 ms)\n", percentile_ms (remove, 0.5), remove_p95);
  g_print ("scroll top to bottom, %u frames, p95 / max: %.1f / %.1f ms   (target max < 32 ms)\n",
           scroll->len, percentile_ms (scroll, 0.95), scroll_max);
  g_print ("peak memory:                  %7.1f MB   (target < 250 MB)\n", memory_mb);

  ok = open_ms < 300 && apply_p95 < 16 && remove_p95 < 16 && scroll_max < 32 && memory_mb < 250;
  g_print ("%s\n", ok ? "all targets met" : "TARGETS MISSED");

  gtk_window_destroy (GTK_WINDOW (window));
  g_clear_object (&project);
  {
    g_autofree char *wal = g_strconcat (path, "-wal", NULL);
    g_autofree char *shm = g_strconcat (path, "-shm", NULL);

    g_unlink (path);
    g_unlink (wal);
    g_unlink (shm);
    g_rmdir (dir);
  }
  return ok ? 0 : 1;
}
