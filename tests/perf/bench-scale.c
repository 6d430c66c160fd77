/* bench-scale.c — a project of 10,000 documents, 400,000 statements and 1,000,000 annotations
 *
 * Generates the project once (kept in --data, default a temporary folder), through the
 * store's C API, one transaction for each document and one for its annotations: documents
 * of 40 statements with about 90 annotations each, and one dense document (in the middle
 * of the list) with 1% of the statements and 10% of the annotations.  --annotations 10000 or 100000 makes the same
 * project at a hundredth or a tenth of the size, to see how each figure grows.
 *
 * Then it runs --runs child processes (5), each of which measures, in a window:
 *   - opening the project: pl_project_open() and the window showing it, until its first
 *     painted frame (the sidebar and the first document) (< 1 s);
 *   - opening the largest document, until the first frame with its highlights (< 0.6 s),
 *     and (for information) until every annotation is loaded;
 *   - applying a code to it through the window's action, commit and next frame, p95 of 100
 *     (< 16 ms);
 *   - the long CSV export of the whole project, pl_export_full() (< 10 s);
 *   - its peak memory (< 500 MB).
 * and prints the median and the range of the runs.  Exits with 1 when a median misses its
 * target.
 *
 * Under valgrind --tool=callgrind --collect-atstart=no (a run: --run FILE), only the
 * applications of a code and their frames are collected.
 *
 * The annotations are written with SQL through the store's private API, as bench-export
 * does, until the store's bulk insert API serves benchmarks too.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "plenary-bench"

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <sys/resource.h>

#if defined(__has_include)
#if __has_include(<valgrind/callgrind.h>)
#include <valgrind/callgrind.h>
#endif
#endif
#ifndef CALLGRIND_TOGGLE_COLLECT
#define CALLGRIND_TOGGLE_COLLECT
#endif

#include "pl-codebook.h"
#include "pl-compat.h"
#include "pl-exporter.h"
#include "pl-project-private.h"
#include "pl-test-util.h"
#include "pl-window-private.h"

#define FULL_DOCUMENTS 10000
#define FULL_STATEMENTS 400000
#define FULL_ANNOTATIONS 1000000
#define STATEMENTS_PER_DOCUMENT 40
#define N_APPLY 100

typedef struct
{
  const char *key;
  const char *what;
  const char *unit;
  double      target;
} Figure;

static const Figure figures[] = {
  { "open_project", "open the project, to its first frame", "ms", 1000 },
  { "open_document", "open its largest document, to the first frame with highlights", "ms", 600 },
  { "document_loaded", "  every annotation of it loaded", "ms", 0 },
  { "apply_p50", "apply a code in it, p50", "ms", 0 },
  { "apply_p95", "apply a code in it, p95 (commit and next frame)", "ms", 16 },
  { "export_csv", "long CSV export of the whole project", "s", 10 },
  { "memory", "peak memory", "MB", 500 },
};

static const char * const speakers[] = {
  "Japan", "Brazil", "Kenya", "Mexico", "Egypt", "Australia", "Canada", "India", "Estonia",
  "Cuba", "China", "Fiji", "Ghana", "Chile", "Norway", "Portugal", "Nigeria", "Singapore",
};

static const char * const sentences[] = {
  "Capacity building should be demand-driven, sustainable and respectful of national ownership.",
  "The points of contact directory must be kept current and tested at regular intervals.",
  "Ransomware attacks on hospitals and energy grids are a threat to international security.",
  "International law, and the Charter of the United Nations in its entirety, applies.",
  "The eleven voluntary norms remain the foundation of responsible state behaviour.",
  "Confidence-building measures reduce the risk of misperception and escalation.",
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
compare_double (gconstpointer a,
                gconstpointer b)
{
  double x = *(const double *)a, y = *(const double *)b;

  return x < y ? -1 : x > y;
}

/* Generating */

static char *
make_text (GRand *rand,
           guint  n_statements)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < n_statements; i++)
    {
      g_string_append_printf (text, "%s\n", speakers[g_rand_int_range (rand, 0, G_N_ELEMENTS (speakers))]);
      for (guint k = 0; k < 2; k++)
        g_string_append_printf (text, "%s%s", k > 0 ? " " : "",
                                sentences[g_rand_int_range (rand, 0, G_N_ELEMENTS (sentences))]);
      g_string_append (text, "\n\n");
    }
  return g_string_free (text, FALSE);
}

/* A document through the store's own path (segmented, one transaction), then its
 * annotations inside the caller's transaction. */
static gboolean
add_document (PlProject  *project,
              GRand      *rand,
              guint       number,
              guint       n_statements,
              guint       n_annotations,
              GArray     *codes,
              gint64      coder_id,
              GError    **error)
{
  g_autofree char *text = make_text (rand, n_statements);
  g_autofree char *title = g_strdup_printf ("Meeting record %u", number);
  g_autoptr(GPtrArray) statements = NULL;
  PlDocument *document;
  sqlite3_stmt *stmt;

  document = pl_project_add_document (project, title, text, NULL, error);
  if (document == NULL)
    return FALSE;
  statements = pl_project_list_statements (project, pl_document_get_id (document), error);
  if (statements == NULL || !pl_project_begin (project, error))
    return FALSE;

  stmt = pl_project_prepare (project,
                             "INSERT OR IGNORE INTO annotations (guid, document_id, code_id, coder_id, start_offset,"
                             " end_offset, created, modified) VALUES (?, ?, ?, ?, ?, ?,"
                             " '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')", error);
  if (stmt == NULL)
    goto failed;
  /* A span, code and coder drawn a second time is drawn again (the store keeps one). */
  for (guint a = 0; a < n_annotations; a += sqlite3_changes (pl_project_get_db (project)))
    {
      PlStatement *statement = g_ptr_array_index (statements, g_rand_int_range (rand, 0, statements->len));
      guint length = statement->end - statement->start;
      guint start = statement->start + g_rand_int_range (rand, 0, length - MIN (length - 1, 5));
      guint end = MIN (statement->end, start + 5 + g_rand_int_range (rand, 0, 195));
      g_autofree char *annotation = g_uuid_string_random ();

      sqlite3_bind_text (stmt, 1, annotation, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 2, pl_document_get_id (document));
      sqlite3_bind_int64 (stmt, 3, g_array_index (codes, gint64, g_rand_int_range (rand, 0, codes->len)));
      sqlite3_bind_int64 (stmt, 4, coder_id);
      sqlite3_bind_int64 (stmt, 5, start);
      sqlite3_bind_int64 (stmt, 6, MAX (end, start + 1));
      if (!pl_project_step_done (project, stmt, "add an annotation", error))
        goto failed;
    }
  return pl_project_commit (project, error);

failed:
  pl_project_rollback (project);
  return FALSE;
}

static void
generate (const char *path,
          guint       n_annotations)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PlProject) project = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (1000 + n_annotations);
  g_autoptr(GArray) codes = g_array_new (FALSE, FALSE, sizeof (gint64));
  double scale = n_annotations / (double) FULL_ANNOTATIONS;
  guint n_documents = MAX (2, (guint) (FULL_DOCUMENTS * scale));
  guint dense_statements = MAX (1, (guint) (FULL_STATEMENTS * scale / 100));
  guint dense_annotations = n_annotations / 10;
  guint per_document = (n_annotations - dense_annotations) / (n_documents - 1);
  GListModel *model;
  PlCoder *coder;
  gint64 started = g_get_monotonic_time ();

  project = pl_project_open (path, PL_PROJECT_OPEN_CREATE | PL_PROJECT_OPEN_EXCLUSIVE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (pl_codebook_load_starter (project, &error), >, 40);
  coder = pl_project_ensure_coder (project, "Scale", &error);
  g_assert_no_error (error);
  model = pl_project_get_codes (project);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(PlCode) code = g_list_model_get_item (model, i);
      gint64 id = pl_code_get_id (code);

      if (pl_code_get_codable (code))
        g_array_append_val (codes, id);
    }

  for (guint d = 0; d < n_documents; d++)
    {
      gboolean dense = d == n_documents / 2;

      g_assert_true (add_document (project, rand, d + 1, dense ? dense_statements : STATEMENTS_PER_DOCUMENT,
                                   dense ? dense_annotations : per_document, codes, coder->id, &error));
      g_assert_no_error (error);
    }
  pl_project_reload (project);
  g_print ("generated %s: %u documents, %u annotations, in %.1f s\n", path,
           g_list_model_get_n_items (pl_project_get_documents (project)), pl_project_count_annotations (project),
           (g_get_monotonic_time () - started) / 1e6);
  pl_project_close (project);
}

/* One run, in a process of its own */

static double
ms_since (gint64 started)
{
  return (g_get_monotonic_time () - started) / 1000.0;
}

static PlDocument *
largest_document (PlProject *project)
{
  GListModel *documents = pl_project_get_documents (project);
  PlDocument *largest = NULL;

  for (guint i = 0; i < g_list_model_get_n_items (documents); i++)
    {
      g_autoptr(PlDocument) document = g_list_model_get_item (documents, i);

      if (largest == NULL || pl_document_get_n_annotations (document) > pl_document_get_n_annotations (largest))
        largest = document;
    }
  return largest;
}

static int
run (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PlProject) project = NULL;
  g_autoptr(GArray) apply = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GRand) rand = g_rand_new_with_seed (3);
  g_autofree char *dir = g_dir_make_tmp ("plenary-scale-XXXXXX", NULL);
  g_autofree char *csv_path = g_build_filename (dir, "export.csv", NULL);
  g_autoptr(GFile) csv = g_file_new_for_path (csv_path);
  Frames frames = { 0 };
  PlTranscriptView *view;
  PlWindow *window;
  GdkFrameClock *clock;
  GPtrArray *statements;
  struct rusage usage;
  gint64 started;

  gtk_disable_setlocale ();
  if (!gtk_init_check ())
    return 77;
  adw_init ();

  window = pl_window_new (NULL);
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 900);
  gtk_window_present (GTK_WINDOW (window));
  clock = gtk_widget_get_frame_clock (GTK_WIDGET (window));
  g_signal_connect (clock, "before-paint", G_CALLBACK (on_before_paint), &frames);
  g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint), &frames);
  next_frame (GTK_WIDGET (window), &frames);

  started = g_get_monotonic_time ();
  project = pl_project_open (path, PL_PROJECT_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  pl_window_set_project (window, project);
  next_frame (GTK_WIDGET (window), &frames);
  g_print ("open_project %.1f\n", ms_since (started));

  view = pl_window_get_transcript_view (window);
  while (pl_transcript_view_is_loading (view))
    g_main_context_iteration (NULL, TRUE);
  started = g_get_monotonic_time ();
  pl_window_open_document (window, largest_document (project));
  next_frame (GTK_WIDGET (window), &frames);
  g_print ("open_document %.1f\n", ms_since (started));
  while (pl_transcript_view_is_loading (view))
    g_main_context_iteration (NULL, TRUE);
  g_print ("document_loaded %.1f\n", ms_since (started));

  statements = pl_transcript_view_get_statements (view);
  for (guint i = 0; i < N_APPLY; i++)
    {
      PlStatement *statement = g_ptr_array_index (statements, g_rand_int_range (rand, 0, statements->len));
      guint s = MIN (statement->start + 15, statement->end - 1);
      double took;

      pl_transcript_view_place_cursor (view, s, TRUE);
      next_frame (GTK_WIDGET (window), &frames);
      pl_transcript_view_select_range (view, s, MIN (s + 20, statement->end));
      CALLGRIND_TOGGLE_COLLECT;
      started = g_get_monotonic_time ();
      pl_widget_activate_action (GTK_WIDGET (window), "win.apply-shortcut", "s", "1");
      took = ms_since (started) + next_frame (GTK_WIDGET (window), &frames) / 1000.0;
      CALLGRIND_TOGGLE_COLLECT;
      g_array_append_val (apply, took);
      gtk_widget_activate_action (GTK_WIDGET (window), "win.remove-focused", NULL);
      next_frame (GTK_WIDGET (window), &frames);
    }
  g_array_sort (apply, compare_double);
  g_print ("apply_p50 %.2f\napply_p95 %.2f\n", g_array_index (apply, double, apply->len / 2),
           g_array_index (apply, double, apply->len * 95 / 100));

  started = g_get_monotonic_time ();
  g_assert_true (pl_export_full (project, &(PlExportSpec) { PL_EXPORT_FORMAT_CSV, csv }, NULL, &error));
  g_assert_no_error (error);
  g_print ("export_csv %.2f\n", ms_since (started) / 1000.0);

  getrusage (RUSAGE_SELF, &usage);
  g_print ("memory %.1f\n", usage.ru_maxrss / 1024.0);

  gtk_window_destroy (GTK_WINDOW (window));
  pl_project_close (project);
  pl_test_remove_tree (dir);
  return 0;
}

/* The runs, and what they say */

static double
figure_of (const char *output,
           const char *key)
{
  g_auto(GStrv) lines = g_strsplit (output, "\n", -1);
  gsize length = strlen (key);

  for (guint i = 0; lines[i] != NULL; i++)
    if (strncmp (lines[i], key, length) == 0 && lines[i][length] == ' ')
      return g_ascii_strtod (lines[i] + length + 1, NULL);
  g_error ("a run did not report %s:\n%s", key, output);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GOptionContext) context = g_option_context_new ("— Plenary at a million annotations");
  g_autofree char *data = NULL;
  g_autofree char *path = NULL;
  g_autofree char *self = NULL;
  g_autofree char *name = NULL;
  g_autoptr(GPtrArray) outputs = g_ptr_array_new_with_free_func (g_free);
  int n_annotations = FULL_ANNOTATIONS, n_runs = 5;
  gboolean keep = FALSE, ok = TRUE;
  const GOptionEntry entries[] = {
    { "annotations", 0, 0, G_OPTION_ARG_INT, &n_annotations, "Annotations in all (1000000; the rest scales with it)", "N" },
    { "runs", 0, 0, G_OPTION_ARG_INT, &n_runs, "Runs, each in a process of its own (5)", "N" },
    { "data", 0, 0, G_OPTION_ARG_FILENAME, &data, "Where the generated project is kept, and found again", "DIR" },
    { NULL }
  };

  if (argc == 3 && g_str_equal (argv[1], "--run"))
    return run (argv[2]);

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || n_annotations < 1000 || n_runs < 1)
    {
      g_printerr ("bench-scale: %s\n", error != NULL ? error->message : "--annotations from 1000, --runs from 1");
      return 2;
    }
  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    {
      g_printerr ("bench-scale: no display (run under xvfb-run)\n");
      return 77;
    }

  keep = data != NULL;
  if (data == NULL)
    data = g_dir_make_tmp ("plenary-scale-XXXXXX", NULL);
  name = g_strdup_printf ("scale-%d.plenary", n_annotations);
  path = g_build_filename (data, name, NULL);
  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_mkdir_with_parents (data, 0700);
      generate (path, n_annotations);
    }

  self = g_file_read_link ("/proc/self/exe", NULL);
  for (int i = 0; i < n_runs; i++)
    {
      const char *run_argv[] = { self != NULL ? self : argv[0], "--run", path, NULL };
      char *out = NULL;
      int status;

      g_assert_true (g_spawn_sync (NULL, (char **) run_argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, NULL, &status, &error));
      g_assert_no_error (error);
      g_assert_true (g_spawn_check_wait_status (status, &error));
      g_ptr_array_add (outputs, out);
    }

  g_print ("scale: %s, %d annotations, %d runs: median [min .. max]\n", path, n_annotations, n_runs);
  for (guint f = 0; f < G_N_ELEMENTS (figures); f++)
    {
      g_autoptr(GArray) values = g_array_new (FALSE, FALSE, sizeof (double));
      double median;

      for (guint i = 0; i < outputs->len; i++)
        {
          double value = figure_of (g_ptr_array_index (outputs, i), figures[f].key);

          g_array_append_val (values, value);
        }
      g_array_sort (values, compare_double);
      median = g_array_index (values, double, values->len / 2);
      if (figures[f].target > 0)
        {
          g_print ("%-62s %8.2f %s [%.2f .. %.2f]   (target < %.0f %s)\n", figures[f].what, median, figures[f].unit,
                   g_array_index (values, double, 0), g_array_index (values, double, values->len - 1),
                   figures[f].target, figures[f].unit);
          ok = ok && median < figures[f].target;
        }
      else
        g_print ("%-62s %8.2f %s [%.2f .. %.2f]\n", figures[f].what, median, figures[f].unit,
                 g_array_index (values, double, 0), g_array_index (values, double, values->len - 1));
    }
  g_print ("%s\n", ok ? "all targets met" : "TARGETS MISSED");

  if (!keep)
    pl_test_remove_tree (data);
  return ok ? 0 : 1;
}
