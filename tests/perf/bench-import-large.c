/* bench-import-large.c — importing one transcript of 10 MB with speaker segmentation
 *
 * Has make-peer-data.py write its seeded 10 MB transcript (peer-10mb.txt) and imports it
 * five times, each into a fresh project, each in a process of its own as `plenary-cli
 * import PROJECT FILE` runs: opening the project, reading, decoding and segmenting the text,
 * saving the document, its statements and their search index, closing.  Prints the median
 * and the range of the wall time (from the exec to the exit, seen from here), of the CPU
 * time and of the peak memory of those processes.  The machine may be busy with other
 * work: CPU time is what the import costs whatever else runs, and is what is judged, with
 * the peak memory.  Targets: < 1.5 s, < 100 MB.  Exits with 1 when a median misses.
 *
 * bench-import-large --text FILE imports FILE instead; --write-text FILE only writes the
 * transcript; --runs N.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "plenary-bench"

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>

#include <glib/gstdio.h>

#include "pl-importer.h"

#define TARGET_SECONDS 1.5
#define TARGET_MEGABYTES 100.0

/* The transcript of peer-10mb.plenary, as make-peer-data.py writes it (PYTHON3 and
 * MAKE_PEER_DATA are the build's). */
static void
write_transcript (const char *path)
{
  const char *argv[] = { PYTHON3, MAKE_PEER_DATA, "--write-transcript", "10mb", path, NULL };
  g_autoptr(GError) error = NULL;
  int status;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, NULL, NULL,
                               &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, &error));
  g_assert_no_error (error);
}

/* The child: what plenary-cli import does.  Prints the statements, its CPU seconds and its
 * peak memory in kilobytes. */
static int
run_import (const char *project_path,
            const char *text_path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (text_path);
  g_autoptr(PlProject) project = NULL;
  struct rusage usage;
  PlDocument *document;
  guint n_statements;

  project = pl_project_open (project_path, PL_PROJECT_OPEN_DEFAULT, &error);
  if (project == NULL)
    {
      g_printerr ("bench-import-large: %s\n", error->message);
      return 1;
    }
  document = pl_importer_import_file (project, file, NULL, NULL, &error);
  if (document == NULL)
    {
      g_printerr ("bench-import-large: %s\n", error->message);
      return 1;
    }
  n_statements = pl_document_get_n_statements (document);
  pl_project_close (project);

  getrusage (RUSAGE_SELF, &usage);
  printf ("%u %.6f %ld\n", n_statements,
          usage.ru_utime.tv_sec + usage.ru_stime.tv_sec
          + (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6,
          usage.ru_maxrss);
  return 0;
}

static void
remove_project (const char *path)
{
  const char *suffixes[] = { "", "-wal", "-shm", "-journal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);

      g_unlink (file);
    }
}

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

typedef struct
{
  double median, min, max;
} Figures;

static Figures
figures_of (double *values,
            guint   n)
{
  qsort (values, n, sizeof (double), compare_doubles);
  return (Figures) { values[n / 2], values[0], values[n - 1] };
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GOptionContext) context = g_option_context_new ("— import a 10 MB transcript");
  g_autofree char *text_arg = NULL;
  g_autofree char *write_arg = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *text_path = NULL;
  g_autofree char *project_path = NULL;
  g_autofree char *self = NULL;
  double walls[64], cpus[64], peaks[64];
  Figures wall, cpu, peak;
  guint n_statements = 0;
  gint64 text_bytes;
  int n_runs = 5;
  gboolean met;
  GOptionEntry entries[] = {
    { "text", 0, 0, G_OPTION_ARG_FILENAME, &text_arg, "Import FILE instead of the peer transcript", "FILE" },
    { "write-text", 0, 0, G_OPTION_ARG_FILENAME, &write_arg, "Only write the peer transcript to FILE", "FILE" },
    { "runs", 0, 0, G_OPTION_ARG_INT, &n_runs, "Imports to time (5)", "N" },
    { NULL },
  };

  if (argc == 4 && g_str_equal (argv[1], "--run"))
    return run_import (argv[2], argv[3]);

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("bench-import-large: %s\n", error->message);
      return 2;
    }
  n_runs = CLAMP (n_runs, 1, (int) G_N_ELEMENTS (walls));

  if (write_arg != NULL)
    {
      write_transcript (write_arg);
      return 0;
    }
  if (text_arg == NULL)
    {
      dir = g_dir_make_tmp ("plenary-bench-XXXXXX", &error);
      g_assert_no_error (error);
      text_path = g_build_filename (dir, "peer-10mb.txt", NULL);
      write_transcript (text_path);
    }
  else
    {
      dir = g_dir_make_tmp ("plenary-bench-XXXXXX", &error);
      g_assert_no_error (error);
      text_path = g_strdup (text_arg);
    }
  {
    GStatBuf st;

    g_assert_cmpint (g_stat (text_path, &st), ==, 0);
    text_bytes = st.st_size;
  }

  project_path = g_build_filename (dir, "bench.plenary", NULL);
  self = g_file_read_link ("/proc/self/exe", NULL);

  for (int i = 0; i < n_runs; i++)
    {
      const char *child_argv[] = { self != NULL ? self : argv[0], "--run", project_path, text_path, NULL };
      g_autofree char *out = NULL;
      g_autoptr(PlProject) project = NULL;
      guint statements;
      long kilobytes;
      int status;
      gint64 started;

      /* A fresh project, made outside the timing as "plenary-cli new" would. */
      remove_project (project_path);
      project = pl_project_open (project_path, PL_PROJECT_OPEN_CREATE, &error);
      g_assert_no_error (error);
      pl_project_close (project);

      started = g_get_monotonic_time ();
      g_assert_true (g_spawn_sync (NULL, (char **) child_argv, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                                   &out, NULL, &status, &error));
      walls[i] = (g_get_monotonic_time () - started) / 1e6;
      g_assert_no_error (error);
      g_assert_true (g_spawn_check_wait_status (status, &error));
      g_assert_no_error (error);
      g_assert_cmpint (sscanf (out, "%u %lf %ld", &statements, &cpus[i], &kilobytes), ==, 3);
      peaks[i] = kilobytes / 1024.0;
      g_assert_true (i == 0 || statements == n_statements);
      n_statements = statements;
    }

  wall = figures_of (walls, n_runs);
  cpu = figures_of (cpus, n_runs);
  peak = figures_of (peaks, n_runs);
  met = cpu.median < TARGET_SECONDS && peak.median < TARGET_MEGABYTES;

  printf ("import of one transcript, %d runs, each in a fresh project and a process of its own:"
          " median (min–max)\n", n_runs);
  printf ("text:         %.1f MB, %u statements\n", text_bytes / 1e6, n_statements);
  printf ("CPU time:     %.2f s (%.2f–%.2f)   target < %.1f s %s\n", cpu.median, cpu.min, cpu.max,
          TARGET_SECONDS, cpu.median < TARGET_SECONDS ? "ok" : "MISSED");
  printf ("wall time:    %.2f s (%.2f–%.2f)\n", wall.median, wall.min, wall.max);
  printf ("peak memory:  %.0f MB (%.0f–%.0f)   target < %.0f MB %s\n", peak.median, peak.min, peak.max,
          TARGET_MEGABYTES, peak.median < TARGET_MEGABYTES ? "ok" : "MISSED");
  printf ("%s\n", met ? "targets met" : "TARGETS MISSED");

  remove_project (project_path);
  if (text_arg == NULL)
    g_unlink (text_path);
  g_rmdir (dir);

  return met ? 0 : 1;
}
