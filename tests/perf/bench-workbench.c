/* bench-workbench.c — the coding workbench on a large document, under a real display
 *
 * By default, a project with one document of 5,000 statements (about 1 MB) carrying 20,000
 * annotations over 60 codes.  Measured, and compared with the targets:
 *   - opening the document until its first frame is painted, highlights included (< 300 ms);
 *   - applying and removing a code through the window's actions, including the database
 *     commit and the repaint, at the 95th percentile (< 16 ms);
 *   - scrolling from top to bottom, the longest frame (< 32 ms);
 *   - peak memory (< 250 MB).
 * Action and frame times exclude waiting for the display's next frame tick: they are the
 * time the application spends (action handling, then layout and paint of the frame).
 *
 * With --project FILE (the seeded peer data of make-peer-data.py, say), a copy of that
 * project instead, on its largest document; and the launch until the highlights are on
 * screen, in process (opening the project in a window already shown, until the first frame
 * with the highlights) and as a whole process (from exec of a child that initialises GTK,
 * opens the window and the project, to that frame; with its peak memory once the document
 * has loaded fully).  --targets 1mb or 10mb compares with the targets for those data.
 *
 * The default project is generated in a process of its own (--generate FILE), so that the
 * peak memory is the workbench's.  Under valgrind --tool=callgrind --collect-atstart=no,
 * only the opening in process (with --project) and the actions with their frames are
 * collected.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "plenary-bench"

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <time.h>

#if defined(__has_include)
#if __has_include(<valgrind/callgrind.h>)
#include <valgrind/callgrind.h>
#endif
#endif
#ifndef CALLGRIND_TOGGLE_COLLECT
#define CALLGRIND_TOGGLE_COLLECT
#endif

#include "pl-codebook.h"
#include "pl-window-private.h"
#include "pl-compat.h"
#include "pl-test-util.h"

#define N_STATEMENTS 5000
#define N_ANNOTATIONS 20000
#define N_CODES 60

typedef struct
{
  const char *name;
  double      open_ms;         /* opening the document (default) or the project, in process */
  double      launch_s;        /* the whole process; 0: not measured */
  double      apply_ms;        /* p95, apply and remove */
  double      scroll_ms;       /* the longest frame */
  double      memory_mb;
} Targets;

static const Targets targets[] = {
  { "default", 300, 0, 16, 32, 250 },
  { "1mb", 150, 0.8, 12, 32, 250 },
  { "10mb", 600, 1.5, 16, 32, 200 },
};

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
  gint64 after_cpu;
  guint  frames;
} Frames;

/* The main thread's CPU time, in µs: what an action costs whatever else the machine runs. */
static gint64
cpu_time (void)
{
  struct timespec now;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &now);
  return (gint64) now.tv_sec * G_USEC_PER_SEC + now.tv_nsec / 1000;
}

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
  frames->after_cpu = cpu_time ();
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

static double
peak_memory_mb (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_maxrss / 1024.0;
}

/* The default project: statements of about 200 characters ("Statement N. word word …"),
 * four overlapping annotations in each, added as one action. */
static PlProject *
generate (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GRand) rand = g_rand_new_with_seed (42);
  g_autoptr(GArray) starts = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GArray) ends = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GArray) code_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autofree PlAnnotationSpec *specs = g_new0 (PlAnnotationSpec, N_ANNOTATIONS);
  g_auto(GStrv) guids = NULL;
  PlProject *project;
  PlDocument *document;
  PlCoder *coder;
  GListModel *codes;
  guint offset = 0;

  project = pl_project_open (path, PL_PROJECT_OPEN_CREATE | PL_PROJECT_OPEN_EXCLUSIVE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (pl_codebook_load_starter (project, &error), >=, N_CODES - 10);

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

  for (guint i = 0; i < N_ANNOTATIONS; i++)
    {
      guint statement = i / 4;
      guint s = g_array_index (starts, guint, statement);
      guint e = g_array_index (ends, guint, statement);
      guint a = s + g_rand_int_range (rand, 0, (e - s) / 2);
      guint b = MIN (e, a + 10 + g_rand_int_range (rand, 0, 90));

      specs[i] = (PlAnnotationSpec) { pl_document_get_id (document),
                                      g_array_index (code_ids, gint64, g_rand_int_range (rand, 0, N_CODES)),
                                      coder->id, a, b, NULL };
    }
  guids = pl_project_add_annotations (project, specs, N_ANNOTATIONS, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (pl_project_count_annotations (project), ==, N_ANNOTATIONS);
  return project;
}

static PlDocument *
largest_document (PlProject *project)
{
  GListModel *documents = pl_project_get_documents (project);
  PlDocument *largest = NULL;

  for (guint i = 0; i < g_list_model_get_n_items (documents); i++)
    {
      g_autoptr(PlDocument) document = g_list_model_get_item (documents, i);

      if (largest == NULL || pl_document_get_length (document) > pl_document_get_length (largest))
        largest = document;
    }
  return largest;
}

static void
wait_until_loaded (PlTranscriptView *view)
{
  while (pl_transcript_view_is_loading (view))
    g_main_context_iteration (NULL, TRUE);
}

static PlWindow *
new_window (Frames *frames)
{
  PlWindow *window = pl_window_new (NULL);
  GdkFrameClock *clock;

  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 900);
  gtk_window_present (GTK_WINDOW (window));
  clock = gtk_widget_get_frame_clock (GTK_WIDGET (window));
  g_signal_connect (clock, "before-paint", G_CALLBACK (on_before_paint), frames);
  g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint), frames);
  next_frame (GTK_WIDGET (window), frames);
  return window;
}

/* Opens @path in a window until the first frame with its largest document's highlights. */
static PlProject *
open_project (PlWindow   *window,
              Frames     *frames,
              const char *path)
{
  g_autoptr(GError) error = NULL;
  PlProject *project = pl_project_open (path, PL_PROJECT_OPEN_DEFAULT, &error);
  PlDocument *document;

  g_assert_no_error (error);
  pl_window_set_project (window, project);
  document = largest_document (project);
  if (pl_transcript_view_get_document (pl_window_get_transcript_view (window)) != document)
    pl_window_open_document (window, document);
  next_frame (GTK_WIDGET (window), frames);
  g_assert_cmpuint (pl_annotation_index_get_n (pl_transcript_view_get_index (pl_window_get_transcript_view (window))), >, 0);
  return project;
}

/* --launch-child: what a user waits for when starting the application on @path. */
static int
launch_child (const char *path)
{
  Frames frames = { 0 };
  g_autoptr(PlProject) project = NULL;
  PlWindow *window;

  gtk_disable_setlocale ();
  if (!gtk_init_check ())
    return 77;
  adw_init ();

  window = new_window (&frames);
  project = open_project (window, &frames, path);
  g_print ("highlights %" G_GINT64_FORMAT "\n", frames.after);
  wait_until_loaded (pl_window_get_transcript_view (window));
  g_print ("memory %.1f\n", peak_memory_mb ());
  gtk_window_destroy (GTK_WINDOW (window));
  return 0;
}

/* Runs --launch-child on @path; its time from exec to the first highlighted frame, in s. */
static double
launch (const char *self,
        const char *path,
        double     *memory_mb)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  const char *argv[] = { self, "--launch-child", path, NULL };
  gint64 started = g_get_monotonic_time (), shown = 0;
  g_auto(GStrv) lines = NULL;
  int status;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, &error));
  lines = g_strsplit (out, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      if (g_str_has_prefix (lines[i], "highlights "))
        shown = g_ascii_strtoll (lines[i] + 11, NULL, 10);
      else if (g_str_has_prefix (lines[i], "memory "))
        *memory_mb = g_ascii_strtod (lines[i] + 7, NULL);
    }
  g_assert_cmpint (shown, >, started);
  return (shown - started) / 1e6;
}

static char *
copy_project (const char *from,
              const char *dir)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) source = g_file_new_for_path (from);
  char *path = g_build_filename (dir, "bench.plenary", NULL);
  g_autoptr(GFile) target = g_file_new_for_path (path);

  g_assert_true (g_file_copy (source, target, G_FILE_COPY_NONE, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  return path;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *project_arg = NULL;
  g_autofree char *targets_arg = NULL;
  int n_actions = 200, n_launches = 1, max_scroll = 0;
  g_autoptr(GOptionContext) context = g_option_context_new ("— the coding workbench on a large document");
  const GOptionEntry entries[] = {
    { "project", 0, 0, G_OPTION_ARG_FILENAME, &project_arg, "Run on a copy of this project, on its largest document", "FILE" },
    { "targets", 0, 0, G_OPTION_ARG_STRING, &targets_arg, "Compare with these targets: default, 1mb or 10mb", "NAME" },
    { "actions", 0, 0, G_OPTION_ARG_INT, &n_actions, "Codes applied and removed (200)", "N" },
    { "launches", 0, 0, G_OPTION_ARG_INT, &n_launches, "Whole-process launches timed, with --project (1)", "N" },
    { "scroll", 0, 0, G_OPTION_ARG_INT, &max_scroll, "Scroll steps at most (0: to the bottom)", "N" },
    { NULL }
  };
  g_autofree char *dir = g_dir_make_tmp ("plenary-bench-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "bench.plenary", NULL);
  g_autoptr(GArray) apply = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) apply_cpu = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) remove = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) scroll = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) action_only = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) frame_only = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(PlProject) project = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  const Targets *target = &targets[0];
  PlTranscriptView *view;
  GtkAdjustment *vadjustment;
  PlWindow *window;
  GPtrArray *statements;
  Frames frames = { 0 };
  gint64 t0, open_us, loaded_us = 0, generate_us = 0;
  double open_ms, apply_p95, remove_p95, scroll_max, memory_mb, launch_s = 0, launch_memory_mb = 0;
  gboolean ok;

  if (argc == 3 && g_str_equal (argv[1], "--launch-child"))
    return launch_child (argv[2]);
  if (argc == 3 && g_str_equal (argv[1], "--generate"))
    {
      g_autoptr(PlProject) generated = generate (argv[2]);

      pl_project_close (generated);
      return 0;
    }

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("bench-workbench: %s\n", error->message);
      return 2;
    }
  for (guint i = 0; targets_arg != NULL && i < G_N_ELEMENTS (targets); i++)
    if (g_str_equal (targets_arg, targets[i].name))
      target = &targets[i];

  gtk_disable_setlocale ();
  if (!gtk_init_check ())
    {
      g_printerr ("bench-workbench: no display (run under xvfb-run)\n");
      return 77;
    }
  adw_init ();

  if (project_arg != NULL)
    {
      g_autofree char *copy = copy_project (project_arg, dir);
      g_autofree char *self = g_file_read_link ("/proc/self/exe", NULL);
      g_autoptr(GArray) launches = g_array_new (FALSE, FALSE, sizeof (gint64));

      for (int i = 0; i < n_launches; i++)
        {
          gint64 us = launch (self != NULL ? self : argv[0], copy, &launch_memory_mb) * 1e6;

          g_array_append_val (launches, us);
        }
      if (launches->len > 0)
        launch_s = percentile_ms (launches, 0.5) / 1000.0;

      window = new_window (&frames);
      CALLGRIND_TOGGLE_COLLECT;
      t0 = g_get_monotonic_time ();
      project = open_project (window, &frames, copy);
      open_us = g_get_monotonic_time () - t0;
      CALLGRIND_TOGGLE_COLLECT;
    }
  else
    {
      g_autofree char *self = g_file_read_link ("/proc/self/exe", NULL);
      const char *generate_argv[] = { self != NULL ? self : argv[0], "--generate", path, NULL };
      int status;

      /* In a process of its own, so that the peak memory is the workbench's. */
      t0 = g_get_monotonic_time ();
      g_assert_true (g_spawn_sync (NULL, (char **) generate_argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, NULL, NULL,
                                   &status, &error));
      g_assert_no_error (error);
      g_assert_true (g_spawn_check_wait_status (status, &error));
      generate_us = g_get_monotonic_time () - t0;
      project = pl_project_open (path, PL_PROJECT_OPEN_DEFAULT, &error);
      g_assert_no_error (error);

      window = new_window (&frames);

      /* Opening: the project is shown, then the document until its first painted frame. */
      pl_window_set_project (window, project);
      pl_window_open_document (window, NULL);
      next_frame (GTK_WIDGET (window), &frames);
      t0 = g_get_monotonic_time ();
      pl_window_open_document (window, largest_document (project));
      next_frame (GTK_WIDGET (window), &frames);
      open_us = g_get_monotonic_time () - t0;
    }

  view = pl_window_get_transcript_view (window);
  wait_until_loaded (view);
  loaded_us = g_get_monotonic_time () - t0;
  g_assert_cmpuint (pl_annotation_index_get_n (pl_transcript_view_get_index (view)), ==,
                    pl_document_get_n_annotations (pl_transcript_view_get_document (view)));
  statements = pl_transcript_view_get_statements (view);

  /* Applying and removing codes in statements spread over the document, each shown. */
  for (int i = 0; i < n_actions; i++)
    {
      PlStatement *statement = g_ptr_array_index (statements, g_rand_int_range (rand, 0, statements->len));
      guint s = MIN (statement->start + 15, statement->end - 1);
      gint64 begin, begin_cpu, handled, frame, cpu;

      pl_transcript_view_place_cursor (view, s, TRUE);
      next_frame (GTK_WIDGET (window), &frames);

      pl_transcript_view_select_range (view, s, MIN (s + 20, statement->end));
      CALLGRIND_TOGGLE_COLLECT;
      begin_cpu = cpu_time ();
      begin = g_get_monotonic_time ();
      pl_widget_activate_action (GTK_WIDGET (window), "win.apply-shortcut", "s", "1");
      handled = g_get_monotonic_time () - begin;
      frame = next_frame (GTK_WIDGET (window), &frames);
      CALLGRIND_TOGGLE_COLLECT;
      cpu = frames.after_cpu - begin_cpu;
      g_array_append_val (apply_cpu, cpu);
      g_array_append_val (action_only, handled);
      g_array_append_val (frame_only, frame);
      handled += frame;
      g_array_append_val (apply, handled);

      CALLGRIND_TOGGLE_COLLECT;
      begin = g_get_monotonic_time ();
      gtk_widget_activate_action (GTK_WIDGET (window), "win.remove-focused", NULL);
      handled = g_get_monotonic_time () - begin;
      frame = next_frame (GTK_WIDGET (window), &frames);
      CALLGRIND_TOGGLE_COLLECT;
      handled += frame;
      g_array_append_val (remove, handled);
    }

  /* Scrolling from top to bottom, half a page at a time, each step painted. */
  vadjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (pl_transcript_view_get_text_view (view)));
  gtk_adjustment_set_value (vadjustment, 0);
  next_frame (GTK_WIDGET (window), &frames);
  while (gtk_adjustment_get_value (vadjustment) + gtk_adjustment_get_page_size (vadjustment)
         < gtk_adjustment_get_upper (vadjustment) - 1
         && (max_scroll == 0 || scroll->len < (guint) max_scroll))
    {
      gint64 begin = g_get_monotonic_time (), took;

      gtk_adjustment_set_value (vadjustment, gtk_adjustment_get_value (vadjustment)
                                             + gtk_adjustment_get_page_size (vadjustment) / 2);
      took = g_get_monotonic_time () - begin;
      took += next_frame (GTK_WIDGET (window), &frames);
      g_array_append_val (scroll, took);
    }

  open_ms = open_us / 1000.0;
  apply_p95 = n_actions > 0 ? percentile_ms (apply, 0.95) : 0;
  remove_p95 = n_actions > 0 ? percentile_ms (remove, 0.95) : 0;
  scroll_max = scroll->len > 0 ? percentile_ms (scroll, 1.0) : 0;
  memory_mb = peak_memory_mb ();

  if (project_arg != NULL)
    {
      PlDocument *document = pl_transcript_view_get_document (view);

      g_print ("workbench: %s, largest document %u characters, %u statements, %u annotations (targets: %s)\n",
               project_arg, pl_document_get_length (document), pl_document_get_n_statements (document),
               pl_document_get_n_annotations (document), target->name);
      g_print ("launch, whole process, exec to first frame with highlights: %.2f s (median of %d)   (target < %.1f s);"
               " its peak memory once loaded: %.1f MB   (target < %.0f MB)\n",
               launch_s, n_launches, target->launch_s, launch_memory_mb, target->memory_mb);
      g_print ("launch in process, project open to first frame with highlights: %7.1f ms   (target < %.0f ms)\n",
               open_ms, target->open_ms);
    }
  else
    {
      g_print ("workbench: %u statements, %u annotations over %u codes (generated in %.1f s)\n",
               N_STATEMENTS, N_ANNOTATIONS, N_CODES, generate_us / 1e6);
      g_print ("open to first painted frame:  %7.1f ms   (target < %.0f ms)\n", open_ms, target->open_ms);
    }
  g_print ("  every annotation loaded after: %.1f ms\n", loaded_us / 1000.0);
  if (n_actions > 0)
    {
      g_print ("apply a code, p50 / p95:      %7.1f / %.1f ms   (target p95 < %.0f ms)\n",
               percentile_ms (apply, 0.5), apply_p95, target->apply_ms);
      g_print ("  of which the action (commit included), p50 / p95: %.1f / %.1f ms; the frame: %.1f / %.1f ms\n",
               percentile_ms (action_only, 0.5), percentile_ms (action_only, 0.95),
               percentile_ms (frame_only, 0.5), percentile_ms (frame_only, 0.95));
      g_print ("  its CPU time (main thread, the same span), p50 / p95: %.1f / %.1f ms\n",
               percentile_ms (apply_cpu, 0.5), percentile_ms (apply_cpu, 0.95));
      g_print ("remove a code, p50 / p95:     %7.1f / %.1f ms   (target p95 < %.0f ms)\n",
               percentile_ms (remove, 0.5), remove_p95, target->apply_ms);
    }
  if (scroll->len > 0)
    g_print ("scroll top to bottom, %u frames, p95 / max: %.1f / %.1f ms   (target max < %.0f ms)\n",
             scroll->len, percentile_ms (scroll, 0.95), scroll_max, target->scroll_ms);
  g_print ("peak memory:                  %7.1f MB   (target < %.0f MB)\n", memory_mb, target->memory_mb);

  ok = open_ms < target->open_ms && apply_p95 < target->apply_ms && remove_p95 < target->apply_ms
       && scroll_max < target->scroll_ms && memory_mb < target->memory_mb
       && (project_arg == NULL || (launch_s < target->launch_s && launch_memory_mb < target->memory_mb));
  g_print ("%s\n", ok ? "all targets met" : "TARGETS MISSED");

  gtk_window_destroy (GTK_WINDOW (window));
  pl_project_close (project);
  pl_test_remove_tree (dir);
  return ok ? 0 : 1;
}
