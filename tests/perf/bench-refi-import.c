/* bench-refi-import.c — importing a .qdpx of 100,000 codings over 10 MB of text
 *
 * Generates a project through the bulk insert API, as an import would: 100 documents,
 * 96 meeting records of 30 statements and 4 long transcripts of 800 (about 10 MB of text
 * in all, with accented letters, dashes, Chinese and an emoji, so that code points, UTF-16
 * units and bytes differ), 50 codes in 5 folders, 3 coders and 100,000 annotations: one
 * sentence to a few sentences of a statement, now and then the whole statement, a memo on
 * one in ten, a stance on one in five.  It exports the project as a .qdpx with the
 * exporter, then imports that file into a new project in N_RUNS child processes, one each,
 * so that each run's peak memory is its own.  Prints the median and the range of the wall
 * and CPU times and of the peak memory, and "targets met" or "TARGETS MISSED" (exit status
 * 1): the median under 3 s wall, the peak under 150 MB.  The machine may be shared, so the
 * CPU time is printed beside the wall time.
 *
 * bench-refi-import --keep DIR keeps the .qdpx as DIR/bench.qdpx (and reuses it when it is
 * there); bench-refi-import --import FILE imports FILE once in this process (for perf or
 * valgrind) and prints its figures.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "plenary-bench"

#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

#include <glib/gstdio.h>

#include "pl-exporter.h"
#include "pl-project-bulk.h"
#include "pl-refi.h"
#include "pl-test-util.h"

#define N_DOCUMENTS 100
#define N_LONG_DOCUMENTS 4
#define N_STATEMENTS 30
#define N_LONG_STATEMENTS 800
#define N_ANNOTATIONS 100000
#define N_FOLDERS 5
#define N_CODES_PER_FOLDER 10
#define N_RUNS 5

#define TARGET_SECONDS 3.0
#define TARGET_MEGABYTES 150.0

static const char * const speakers[] = {
  "Japan", "Brazil", "Kenya", "Netherlands", "Türkiye", "Viet Nam", "Côte d'Ivoire", "Mexico",
  "Egypt", "Australia", "Canada", "India", "Estonia", "Cuba", "China", "Fiji", "Ghana", "Chile",
  "European Union", "Non-Aligned Movement",
};

static const char * const sentences[] = {
  "Capacity building should be demand-driven, sustainable and respectful of national ownership.",
  "The points of contact directory must be kept current and tested at regular intervals.",
  "Ransomware attacks on hospitals and energy grids are a threat to \"international\" security.",
  "International law, and the Charter of the United Nations in its entirety, applies.",
  "The eleven voluntary norms remain the foundation of responsible state behaviour. 😀",
  "Confidence-building measures reduce the risk of misperception and escalation.",
  "Developing countries need support in setting up national CERTs — 中文 — and training.",
  "We thank the Chair for the revised draft & look forward to the next <session>.",
  "Regional organisations such as the OSCE and the OAS offer useful lessons for the global level.",
  "My delegation stands ready to engage constructively on the Programme of Action.",
  "Due diligence is an expectation, not an obligation, in the view of several delegations.",
  "Les mesures de confiance réduisent le risque d'escalade ; c'est essentiel.",
};

static const char * const memos[] = {
  "Check with the second coder.",
  "Ambiguous, \"see\" the next statement",
  "Strong wording,\nrepeated later.",
  "Compare with the delegation's written submission — §4.",
};

static const char * const stances[] = { "supports", "opposes", "calls_for_new" };

static double
seconds_since (gint64 start)
{
  return (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;
}

static double
cpu_seconds (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_utime.tv_sec + usage.ru_utime.tv_usec / 1e6 +
         usage.ru_stime.tv_sec + usage.ru_stime.tv_usec / 1e6;
}

static double
peak_megabytes (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_maxrss / 1024.0;   /* kilobytes on Linux */
}

static gint64
file_size (const char *path)
{
  GStatBuf info;

  return g_stat (path, &info) == 0 ? (gint64) info.st_size : -1;
}

static void
fail (const char *what,
      GError     *error)
{
  printf ("%s failed: %s\n", what, error->message);
  exit (1);
}

/* Generating */

/* Where a sentence lies in its document: code points, end-exclusive. */
typedef struct
{
  guint start;
  guint end;
} Span;

/* Appends @piece to @text; the code points it added. */
static guint
add (GString    *text,
     const char *piece)
{
  g_string_append (text, piece);
  return (guint) g_utf8_strlen (piece, -1);
}

/* A document of @n_statements statements, a speaker's label and eight to twenty-seven
 * sentences each; @statements receives them (PlStatement), @spans the sentences of each
 * (one GArray of Span per statement). */
static char *
make_document (GRand     *rand,
               guint      n_statements,
               GPtrArray *statements,
               GPtrArray *spans)
{
  GString *text = g_string_new (NULL);
  guint offset = 0;

  offset += add (text, "Summary record of the meeting\n\n");
  for (guint i = 0; i < n_statements; i++)
    {
      const char *speaker = speakers[g_rand_int_range (rand, 0, G_N_ELEMENTS (speakers))];
      PlStatement *statement = pl_statement_new ();
      GArray *sentence_spans = g_array_new (FALSE, FALSE, sizeof (Span));
      guint n_sentences = g_rand_int_range (rand, 8, 28);

      statement->start = offset;
      statement->kind = PL_STATEMENT_KIND_STATEMENT;
      statement->speaker = g_strdup (speaker);
      statement->entity = g_strdup (speaker);
      statement->speaker_source = g_strdup ("label");
      offset += add (text, speaker);
      offset += add (text, "\n");
      for (guint k = 0; k < n_sentences; k++)
        {
          Span span;

          if (k > 0)
            offset += add (text, k % 6 == 0 ? "\n" : " ");
          span.start = offset;
          offset += add (text, sentences[g_rand_int_range (rand, 0, G_N_ELEMENTS (sentences))]);
          span.end = offset;
          g_array_append_val (sentence_spans, span);
        }
      statement->end = offset;
      offset += add (text, "\n\n");
      g_ptr_array_add (statements, statement);
      g_ptr_array_add (spans, sentence_spans);
    }

  return g_string_free (text, FALSE);
}

/* A version 4 GUID from @rand, so that the same seed makes the same file. */
static char *
random_guid (GRand *rand)
{
  guint32 a = g_rand_int (rand), b = g_rand_int (rand), c = g_rand_int (rand),
          d = g_rand_int (rand);

  return g_strdup_printf ("%08x-%04x-4%03x-%04x-%04x%08x", a, b >> 16, b & 0xFFF,
                          0x8000 | (c >> 16 & 0x3FFF), c & 0xFFFF, d);
}

/* 50 codable codes in 5 folders; their ids into @codes. */
static gboolean
make_codes (PlProjectBulk  *bulk,
            GRand          *rand,
            GArray         *codes,
            GError        **error)
{
  static const char * const folders[N_FOLDERS] = {
    "Norms", "International law", "Confidence-building", "Capacity-building", "Threats",
  };

  for (guint f = 0; f < N_FOLDERS; f++)
    {
      g_autofree char *guid = random_guid (rand);
      PlBulkResult folder;

      if (!pl_project_bulk_add_code (bulk,
                                     &(PlCodeSpec) { .guid = guid, .name = folders[f] },
                                     &folder, error))
        return FALSE;

      for (guint c = 0; c < N_CODES_PER_FOLDER; c++)
        {
          g_autofree char *code_guid = random_guid (rand);
          g_autofree char *name = g_strdup_printf ("%s %u", folders[f], c + 1);
          g_autofree char *short_id = g_strdup_printf ("C%u.%u", f + 1, c + 1);
          g_autofree char *definition = g_strdup_printf ("What delegations say of %s, aspect %u.",
                                                         folders[f], c + 1);
          PlBulkResult code;

          if (!pl_project_bulk_add_code (bulk,
                                         &(PlCodeSpec) {
                                           .guid = code_guid, .parent_id = folder.id,
                                           .short_id = short_id, .name = name,
                                           .definition = definition, .codable = TRUE,
                                         },
                                         &code, error))
            return FALSE;
          g_array_append_val (codes, code.id);
        }
    }

  return TRUE;
}

/* One annotation over one to four sentences of a statement, or the whole of it; FALSE
 * with @error on failure, and *@out_added FALSE when the project had that coding. */
static gboolean
add_annotation (PlProjectBulk       *bulk,
                GRand               *rand,
                gint64               document_id,
                const PlStatement   *statement,
                const GArray        *sentence_spans,
                const GArray        *codes,
                const gint64        *coders,
                gboolean            *out_added,
                GError             **error)
{
  g_autofree char *guid = random_guid (rand);
  g_autofree char *created = NULL;
  guint first = g_rand_int_range (rand, 0, sentence_spans->len);
  guint extra = g_rand_int_range (rand, 0, 4);
  guint last = MIN (sentence_spans->len - 1, first + extra);
  guint start = g_array_index (sentence_spans, Span, first).start;
  guint end = g_array_index (sentence_spans, Span, last).end;
  guint minute = g_rand_int_range (rand, 0, 60 * 24 * 28);
  PlBulkAnnotation annotation = { 0 };
  PlBulkResult result;

  if (g_rand_int_range (rand, 0, 20) == 0)
    {
      start = statement->start;
      end = statement->end;
    }
  created = g_strdup_printf ("2026-02-%02uT%02u:%02u:00Z", 1 + minute / (60 * 24),
                             minute / 60 % 24, minute % 60);

  /* One value at a time: the order in which a compound literal's initialisers run is
   * unspecified, and the file should be the same whatever the compiler. */
  annotation.guid = guid;
  annotation.document_id = document_id;
  annotation.code_id = g_array_index (codes, gint64, g_rand_int_range (rand, 0, codes->len));
  annotation.coder_id = coders[g_rand_int_range (rand, 0, 3)];
  annotation.start = start;
  annotation.end = end;
  if (g_rand_int_range (rand, 0, 10) == 0)
    annotation.memo = memos[g_rand_int_range (rand, 0, G_N_ELEMENTS (memos))];
  if (g_rand_int_range (rand, 0, 5) == 0)
    annotation.stance = stances[g_rand_int_range (rand, 0, G_N_ELEMENTS (stances))];
  annotation.created = created;
  if (!pl_project_bulk_add_annotation (bulk, &annotation, &result, error))
    return FALSE;

  *out_added = !result.existed;
  return TRUE;
}

static gboolean
generate (PlProject  *project,
          GRand      *rand,
          GError    **error)
{
  g_autoptr(PlProjectBulk) bulk = NULL;
  g_autoptr(GArray) codes = g_array_new (FALSE, FALSE, sizeof (gint64));
  const char *coder_names[] = { "Ann Coder", "Bo Second", "Chen Third" };
  gint64 coders[G_N_ELEMENTS (coder_names)];
  guint n_all_statements = N_LONG_DOCUMENTS * N_LONG_STATEMENTS +
                           (N_DOCUMENTS - N_LONG_DOCUMENTS) * N_STATEMENTS;
  guint n_added = 0, n_seen = 0;

  bulk = pl_project_bulk_begin (project, error);
  if (bulk == NULL || !make_codes (bulk, rand, codes, error))
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (coder_names); i++)
    {
      g_autofree char *guid = random_guid (rand);
      PlBulkResult result;

      if (!pl_project_bulk_add_coder (bulk, &(PlBulkCoder) { .guid = guid, .name = coder_names[i] },
                                      &result, error))
        return FALSE;
      coders[i] = result.id;
    }

  for (guint d = 0; d < N_DOCUMENTS; d++)
    {
      /* The long transcripts are spread among the records. */
      gboolean long_one = d % (N_DOCUMENTS / N_LONG_DOCUMENTS) == 0;
      guint n_statements = long_one ? N_LONG_STATEMENTS : N_STATEMENTS;
      g_autoptr(GPtrArray) statements = g_ptr_array_new_with_free_func ((GDestroyNotify) pl_statement_unref);
      g_autoptr(GPtrArray) spans = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
      g_autofree char *text = make_document (rand, n_statements, statements, spans);
      g_autofree char *guid = random_guid (rand);
      g_autofree char *title = g_strdup_printf ("%s %u", long_one ? "Transcript" : "OEWG meeting",
                                                d + 1);
      g_autofree char *date = g_strdup_printf ("2024-%02u-%02u", 1 + d % 12, 1 + d % 28);
      const char *metadata[] = { "OEWG", "Session 6", NULL, date, NULL, "official record", "en",
                                 "text" };
      PlBulkResult document;

      if (!pl_project_bulk_add_document (bulk,
                                         &(PlBulkDocument) {
                                           .guid = guid, .title = title, .text = text,
                                           .metadata = metadata, .statements = statements,
                                           .memo = d % 7 == 0 ? "Checked against the audio." : NULL,
                                           .created = "2026-01-01T00:00:00Z",
                                         },
                                         &document, error))
        return FALSE;

      /* The annotations in proportion to the statements, so that there are N_ANNOTATIONS
       * in all. */
      for (guint s = 0; s < statements->len; s++, n_seen++)
        {
          guint due = (guint) ((guint64) N_ANNOTATIONS * (n_seen + 1) / n_all_statements);

          while (n_added < due)
            {
              gboolean added;

              if (!add_annotation (bulk, rand, document.id, g_ptr_array_index (statements, s),
                                   g_ptr_array_index (spans, s), codes, coders, &added, error))
                return FALSE;
              n_added += added;
            }
        }
    }

  return pl_project_bulk_commit (bulk, error);
}

/* Makes the .qdpx at @qdpx: a project generated in @dir, exported. */
static void
make_qdpx (const char *dir,
           const char *qdpx)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261122);
  g_autoptr(PlProject) project = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (qdpx);
  g_autofree char *database = g_build_filename (dir, "generated.plenary", NULL);
  gint64 start = g_get_monotonic_time ();

  project = pl_project_open (database, PL_PROJECT_OPEN_CREATE, &error);
  if (project == NULL)
    fail ("opening the project", g_steal_pointer (&error));
  if (!generate (project, rand, &error))
    fail ("generating the project", g_steal_pointer (&error));
  printf ("project:     %u documents, %u annotations, generated in %.1f s\n",
          g_list_model_get_n_items (pl_project_get_documents (project)),
          pl_project_count_annotations (project), seconds_since (start));

  start = g_get_monotonic_time ();
  if (!pl_export (project, PL_EXPORT_FORMAT_QDPX, file, NULL, &error))
    fail ("exporting the .qdpx", g_steal_pointer (&error));
  printf (".qdpx:       %.1f MB, exported in %.1f s\n", file_size (qdpx) / 1e6,
          seconds_since (start));

  pl_project_close (project);
}

/* One import */

/* Imports @qdpx into a new project in a temporary folder and prints its figures on one
 * line: wall seconds, CPU seconds, peak MB, annotations imported. */
static int
run_import (const char *qdpx)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PlProject) project = NULL;
  g_autoptr(PlRefiReport) report = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (qdpx);
  g_autofree char *dir = g_dir_make_tmp ("plenary-bench-refi-run-XXXXXX", NULL);
  g_autofree char *database = g_build_filename (dir, "imported.plenary", NULL);
  double cpu, wall;
  gint64 start;

  project = pl_project_open (database, PL_PROJECT_OPEN_CREATE, &error);
  if (project == NULL)
    fail ("opening a new project", g_steal_pointer (&error));

  cpu = cpu_seconds ();
  start = g_get_monotonic_time ();
  report = pl_refi_import (project, file, NULL, &error);
  if (report == NULL)
    fail ("importing the .qdpx", g_steal_pointer (&error));
  wall = seconds_since (start);
  cpu = cpu_seconds () - cpu;
  /* In the C locale, for the parent to read back. */
  printf ("%d.%06d %d.%06d %.0f %u\n", (int) wall, (int) ((wall - (int) wall) * 1e6),
          (int) cpu, (int) ((cpu - (int) cpu) * 1e6), peak_megabytes (), report->n_annotations);

  pl_project_close (project);
  pl_test_remove_tree (dir);
  return 0;
}

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

/* Prints the median and the range of @values (sorted here) with @digits decimals; returns
 * the median. */
static double
print_figure (const char *what,
              double     *values,
              int         digits,
              const char *unit,
              const char *target)
{
  qsort (values, N_RUNS, sizeof (double), compare_doubles);
  printf ("%-13s%.*f %s (%.*f–%.*f)%s\n", what, digits, values[N_RUNS / 2], unit, digits,
          values[0], digits, values[N_RUNS - 1], target);
  return values[N_RUNS / 2];
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GOptionContext) context = g_option_context_new ("— importing a .qdpx of 100,000 codings");
  g_autofree char *keep = NULL;
  g_autofree char *import = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *qdpx = NULL;
  g_autofree char *self = NULL;
  double walls[N_RUNS], cpus[N_RUNS], peaks[N_RUNS];
  double wall, peak;
  guint n_annotations = 0;
  gboolean met;
  const GOptionEntry entries[] = {
    { "keep", 0, 0, G_OPTION_ARG_FILENAME, &keep, "Keep the .qdpx in DIR, and reuse it when it is there", "DIR" },
    { "import", 0, 0, G_OPTION_ARG_FILENAME, &import, "Import FILE once, in this process", "FILE" },
    { NULL }
  };

  setlocale (LC_ALL, "");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("bench-refi-import: %s\n", error->message);
      return 2;
    }
  if (import != NULL)
    return run_import (import);

  dir = keep != NULL ? g_strdup (keep) : g_dir_make_tmp ("plenary-bench-refi-XXXXXX", &error);
  if (dir == NULL)
    fail ("making a temporary folder", g_steal_pointer (&error));
  g_mkdir_with_parents (dir, 0700);
  qdpx = g_build_filename (dir, "bench.qdpx", NULL);
  if (!g_file_test (qdpx, G_FILE_TEST_EXISTS))
    make_qdpx (dir, qdpx);

  self = g_file_read_link ("/proc/self/exe", NULL);
  for (guint i = 0; i < N_RUNS; i++)
    {
      const char *run_argv[] = { self != NULL ? self : argv[0], "--import", qdpx, NULL };
      g_autofree char *out = NULL;
      int status;

      if (!g_spawn_sync (NULL, (char **) run_argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, NULL,
                         &status, &error) || !g_spawn_check_wait_status (status, &error))
        fail ("an import run", g_steal_pointer (&error));
      {
        g_auto(GStrv) figures = g_strsplit (g_strstrip (out), " ", -1);

        if (g_strv_length (figures) != 4)
          {
            printf ("a run did not report its figures:\n%s\n", out);
            return 1;
          }
        walls[i] = g_ascii_strtod (figures[0], NULL);
        cpus[i] = g_ascii_strtod (figures[1], NULL);
        peaks[i] = g_ascii_strtod (figures[2], NULL);
        n_annotations = (guint) g_ascii_strtoull (figures[3], NULL, 10);
      }
    }

  printf ("import of %s (%.1f MB), %u annotations, %d runs each in a process of its own:"
          " median (min–max)\n", qdpx, file_size (qdpx) / 1e6, n_annotations, N_RUNS);
  wall = print_figure ("wall:", walls, 2, "s", "   (target < 3 s)");
  print_figure ("CPU:", cpus, 2, "s", "");
  peak = print_figure ("peak memory:", peaks, 0, "MB", "   (target < 150 MB)");

  met = wall < TARGET_SECONDS && peak < TARGET_MEGABYTES && n_annotations == N_ANNOTATIONS;
  if (n_annotations != N_ANNOTATIONS)
    printf ("the import kept %u annotations of %u\n", n_annotations, N_ANNOTATIONS);
  printf ("%s\n", met ? "targets met" : "TARGETS MISSED");

  if (keep == NULL)
    pl_test_remove_tree (dir);

  return met ? 0 : 1;
}
