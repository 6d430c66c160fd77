/* bench-export.c — exporting 200,000 annotations over 2,000 documents: long CSV against the sqlite3 shell, .qdpx
 *
 * Generates a project (SQL in one transaction), then times the long CSV export and, side by
 * side, the sqlite3 command-line shell writing the same rows with the same join in its CSV
 * mode; then the .qdpx export (and, for information, the matrix and JSON).  Prints the
 * figures, the ratio to the shell, and the peak memory.  Exits with 1 when a target is
 * missed: the CSV within 1.5 times the shell, the .qdpx under 5 s, memory under 300 MB.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "plenary-bench"

#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>

#include <glib/gstdio.h>

#include "pl-codebook.h"
#include "pl-exporter.h"
#include "pl-project-private.h"
#include "pl-segmenter.h"
#include "pl-text.h"
#include "pl-test-util.h"

#define N_DOCUMENTS 2000
#define N_ANNOTATIONS 200000
#define TARGET_RATIO 1.5
#define TARGET_QDPX_SECONDS 5.0
#define TARGET_MEGABYTES 300.0

static const char * const speakers[] = {
  "Japan", "Brazil", "Kenya", "Netherlands", "Türkiye", "Viet Nam", "Côte d'Ivoire", "Mexico",
  "Egypt", "Australia", "Canada", "India", "Estonia", "Cuba", "China", "Fiji", "Ghana", "Chile",
};

static const char * const sentences[] = {
  "Capacity building should be demand-driven, sustainable and respectful of national ownership.",
  "The points of contact directory must be kept current and tested at regular intervals.",
  "Ransomware attacks on hospitals and energy grids are a threat to \"international\" security.",
  "International law, and the Charter of the United Nations in its entirety, applies.",
  "The eleven voluntary norms remain the foundation of responsible state behaviour. 😀",
  "Confidence-building measures reduce the risk of misperception and escalation.",
  "Developing countries need support in setting up national CERTs — 中文 — and training.",
};

static const char * const memos[] = {
  NULL, NULL, NULL, "Check with the second coder.", "Ambiguous, \"see\" the next statement",
  "Strong wording,\nrepeated later.",
};

static double
peak_megabytes (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_maxrss / 1024.0;   /* kilobytes on Linux */
}

static double
seconds_since (gint64 start)
{
  return (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;
}

static char *
make_text (GRand *rand)
{
  GString *text = g_string_new ("Summary record of the meeting.\n\n");
  guint n_statements = g_rand_int_range (rand, 8, 14);

  for (guint i = 0; i < n_statements; i++)
    {
      guint n_sentences = g_rand_int_range (rand, 3, 7);

      g_string_append_printf (text, "%s\n", speakers[g_rand_int_range (rand, 0, G_N_ELEMENTS (speakers))]);
      for (guint k = 0; k < n_sentences; k++)
        g_string_append_printf (text, "%s%s", k > 0 ? " " : "",
                                sentences[g_rand_int_range (rand, 0, G_N_ELEMENTS (sentences))]);
      g_string_append (text, "\n\n");
    }

  return g_string_free (text, FALSE);
}

static gboolean
generate (PlProject  *project,
          GRand      *rand,
          GError    **error)
{
  g_autoptr(GArray) codes = g_array_new (FALSE, FALSE, sizeof (gint64));
  gint64 coders[3];
  const char *coder_names[] = { "Ann", "Bo", "Chen" };
  GListModel *model = pl_project_get_codes (project);
  sqlite3_stmt *stmt;
  guint n_per_document = N_ANNOTATIONS / N_DOCUMENTS;

  if (pl_codebook_load_starter (project, error) < 0)
    return FALSE;
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(PlCode) code = g_list_model_get_item (model, i);
      gint64 id = pl_code_get_id (code);

      if (pl_code_get_codable (code))
        g_array_append_val (codes, id);
    }
  for (guint i = 0; i < G_N_ELEMENTS (coders); i++)
    {
      PlCoder *coder = pl_project_ensure_coder (project, coder_names[i], error);

      if (coder == NULL)
        return FALSE;
      coders[i] = coder->id;
    }

  if (!pl_project_begin (project, error))
    return FALSE;

  for (guint d = 0; d < N_DOCUMENTS; d++)
    {
      g_autofree char *text = make_text (rand);
      g_autofree char *guid = g_uuid_string_random ();
      g_autofree char *title = g_strdup_printf ("OEWG meeting %u", d + 1);
      g_autoptr(GPtrArray) statements = pl_segmenter_segment (text, NULL);
      guint length = pl_text_length (text);
      gint64 document_id;

      stmt = pl_project_prepare (project,
                                 "INSERT INTO documents (guid, title, text, length, source_uri,"
                                 " process, session, date, source_type, language, format,"
                                 " created, modified) VALUES (?, ?, ?, ?, ?, 'OEWG', ?, ?,"
                                 " 'official record', 'en', 'text', ?, ?)", error);
      if (stmt == NULL)
        goto failed;
      sqlite3_bind_text (stmt, 1, guid, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, title, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 3, text, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 4, length);
      sqlite3_bind_text (stmt, 5, "https://example.org/records", -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 6, d % 2 ? "5" : "6", -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 7, "2024-03-07", -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 8, "2026-01-01T00:00:00Z", -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 9, "2026-01-01T00:00:00Z", -1, SQLITE_STATIC);
      if (sqlite3_step (stmt) != SQLITE_DONE)
        {
          pl_project_set_sql_error (project, error, "add a document");
          sqlite3_reset (stmt);
          goto failed;
        }
      sqlite3_reset (stmt);
      document_id = sqlite3_last_insert_rowid (pl_project_get_db (project));

      if (!pl_project_insert_statements (project, document_id, text, statements, error))
        goto failed;

      stmt = pl_project_prepare (project,
                                 "INSERT INTO annotations (guid, document_id, code_id, coder_id,"
                                 " start_offset, end_offset, memo, created, modified, stance)"
                                 " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", error);
      if (stmt == NULL)
        goto failed;
      for (guint a = 0; a < n_per_document; a++)
        {
          g_autofree char *annotation = g_uuid_string_random ();
          g_autofree char *created = g_strdup_printf ("2026-%02d-%02dT%02d:00:00Z",
                                                      1 + a % 12, 1 + a % 28, a % 24);
          guint start = g_rand_int_range (rand, 0, length - 1);
          guint span = g_rand_int_range (rand, 5, 200);
          guint end = MIN (length, start + span);
          const char *memo = memos[g_rand_int_range (rand, 0, G_N_ELEMENTS (memos))];

          sqlite3_bind_text (stmt, 1, annotation, -1, SQLITE_STATIC);
          sqlite3_bind_int64 (stmt, 2, document_id);
          sqlite3_bind_int64 (stmt, 3, g_array_index (codes, gint64,
                                                      g_rand_int_range (rand, 0, codes->len)));
          sqlite3_bind_int64 (stmt, 4, coders[a % G_N_ELEMENTS (coders)]);
          sqlite3_bind_int64 (stmt, 5, start);
          sqlite3_bind_int64 (stmt, 6, end);
          if (memo != NULL)
            sqlite3_bind_text (stmt, 7, memo, -1, SQLITE_STATIC);
          else
            sqlite3_bind_null (stmt, 7);
          sqlite3_bind_text (stmt, 8, created, -1, SQLITE_STATIC);
          sqlite3_bind_text (stmt, 9, created, -1, SQLITE_STATIC);
          if (a % 5 == 0)
            sqlite3_bind_text (stmt, 10, "supports", -1, SQLITE_STATIC);
          else
            sqlite3_bind_null (stmt, 10);
          if (sqlite3_step (stmt) != SQLITE_DONE)
            {
              pl_project_set_sql_error (project, error, "add an annotation");
              sqlite3_reset (stmt);
              goto failed;
            }
          sqlite3_reset (stmt);
        }
    }

  if (!pl_project_commit (project, error))
    return FALSE;
  pl_project_reload (project);
  return TRUE;

failed:
  pl_project_rollback (project);
  return FALSE;
}

/* The long CSV's rows and columns as one query for the sqlite3 shell: the same joins (the
 * statement in which the annotation starts, the code's path and levels, the coder, the
 * document's metadata) and the annotated text cut from the document with substr(). */
static char *
shell_query (guint n_levels)
{
  GString *sql = g_string_new (NULL);

  g_string_append (sql,
    "WITH RECURSIVE paths(id, depth, path");
  for (guint l = 1; l <= n_levels; l++)
    g_string_append_printf (sql, ", l%u", l);
  g_string_append (sql, ") AS (SELECT id, 0, name");
  for (guint l = 1; l <= n_levels; l++)
    g_string_append (sql, l == 1 ? ", name" : ", NULL");
  g_string_append (sql, " FROM codes WHERE parent_id IS NULL UNION ALL"
                        " SELECT c.id, p.depth + 1, p.path || ' / ' || c.name");
  for (guint l = 1; l <= n_levels; l++)
    g_string_append_printf (sql, ", CASE WHEN p.depth + 1 = %u THEN c.name ELSE p.l%u END",
                            l - 1, l);
  g_string_append (sql, " FROM codes c JOIN paths p ON c.parent_id = p.id)\n"
    "SELECT a.guid AS annotation_guid, a.document_id, d.title AS document_title,"
    " s.idx AS statement_index, s.speaker, k.short_id AS code_id, k.guid AS code_guid,"
    " k.name AS code_name, p.path AS code_path, a.start_offset AS start, a.end_offset AS \"end\","
    " substr(d.text, a.start_offset + 1, a.end_offset - a.start_offset) AS text,"
    " c.name AS coder, a.memo, a.created, a.modified, d.guid AS document_guid, d.process,"
    " d.session, d.meeting, d.date, d.agenda_item, d.source_type, d.language, d.format,"
    " d.source_uri, s.kind AS statement_kind, s.entity, s.entity_type, s.iso3,"
    " s.regional_group, s.on_behalf_of, c.guid AS coder_guid, a.stance, a.codebook_version");
  for (guint l = 1; l <= n_levels; l++)
    g_string_append_printf (sql, ", p.l%u AS code_level_%u", l, l);
  g_string_append (sql,
    " FROM annotations a JOIN documents d ON d.id = a.document_id"
    " JOIN codes k ON k.id = a.code_id JOIN paths p ON p.id = a.code_id"
    " LEFT JOIN coders c ON c.id = a.coder_id"
    " LEFT JOIN statements s ON s.id = (SELECT s2.id FROM statements s2"
    "  WHERE s2.document_id = a.document_id AND s2.start_offset <= a.start_offset"
    "  ORDER BY s2.start_offset DESC LIMIT 1)"
    " ORDER BY a.document_id, a.start_offset, a.end_offset DESC, a.id;\n");

  return g_string_free (sql, FALSE);
}

/* Runs the shell; the time includes writing the file.  -1 when it failed. */
static double
time_shell (const char *shell,
            const char *database,
            const char *query_file,
            const char *output)
{
  g_autoptr(GError) error = NULL;
  const char *argv[] = {
    "/bin/sh", "-c", "\"$0\" -csv -header \"$1\" < \"$2\" > \"$3\"", shell, database, query_file,
    output, NULL
  };
  int status = 0;
  gint64 start = g_get_monotonic_time ();

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, NULL, NULL,
                     &status, &error) || !g_spawn_check_wait_status (status, &error))
    {
      printf ("sqlite3 shell failed: %s\n", error->message);
      return -1;
    }

  return seconds_since (start);
}

static double
time_export (PlProject      *project,
             PlExportFormat  format,
             const char     *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (path);
  gint64 start = g_get_monotonic_time ();

  if (!pl_export_full (project, &(PlExportSpec) { format, file }, NULL, &error))
    {
      printf ("export failed: %s\n", error->message);
      return -1;
    }

  return seconds_since (start);
}

static gint64
file_size (const char *path)
{
  GStatBuf info;

  return g_stat (path, &info) == 0 ? (gint64) info.st_size : -1;
}

/* CSV records (line ends outside quoted fields), header included. */
static gint64
count_records (const char *path)
{
  g_autofree char *data = NULL;
  gboolean quoted = FALSE;
  gsize length;
  gint64 n = 0;

  if (!g_file_get_contents (path, &data, &length, NULL))
    return -1;
  for (gsize i = 0; i < length; i++)
    {
      if (data[i] == '"')
        quoted = !quoted;
      else if (data[i] == '\n' && !quoted)
        n++;
    }
  return n;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261122);
  g_autoptr(PlProject) project = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *database = NULL;
  g_autofree char *csv = NULL;
  g_autofree char *shell_csv = NULL;
  g_autofree char *qdpx = NULL;
  g_autofree char *other = NULL;
  g_autofree char *query_file = NULL;
  g_autofree char *query = NULL;
  g_autofree char *shell = g_find_program_in_path ("sqlite3");
  double ours = G_MAXDOUBLE, theirs = G_MAXDOUBLE, qdpx_time = G_MAXDOUBLE;
  double matrix_time, json_time, generate_time, peak;
  gboolean met = TRUE;
  guint n_levels = 0;
  gint64 start;

  setlocale (LC_ALL, "");
  dir = g_dir_make_tmp ("plenary-bench-export-XXXXXX", &error);
  g_assert_no_error (error);
  database = g_build_filename (dir, "bench.plenary", NULL);
  csv = g_build_filename (dir, "plenary.csv", NULL);
  shell_csv = g_build_filename (dir, "shell.csv", NULL);
  qdpx = g_build_filename (dir, "bench.qdpx", NULL);
  other = g_build_filename (dir, "other.out", NULL);
  query_file = g_build_filename (dir, "query.sql", NULL);

  project = pl_project_open (database, PL_PROJECT_OPEN_CREATE, &error);
  g_assert_no_error (error);

  start = g_get_monotonic_time ();
  if (!generate (project, rand, &error))
    {
      printf ("generating the project failed: %s\n", error->message);
      return 1;
    }
  generate_time = seconds_since (start);
  /* A checkpoint, so that both readers find the data in the database file. */
  sqlite3_exec (pl_project_get_db (project), "PRAGMA wal_checkpoint(TRUNCATE)", NULL, NULL, NULL);

  for (guint i = 0; i < g_list_model_get_n_items (pl_project_get_codes (project)); i++)
    {
      g_autoptr(PlCode) code = g_list_model_get_item (pl_project_get_codes (project), i);

      n_levels = MAX (n_levels, pl_code_get_depth (code) + 1);
    }

  printf ("project:             %u documents, %u annotations, %.1f MB, generated in %.2f s\n",
          N_DOCUMENTS, pl_project_count_annotations (project),
          file_size (database) / 1e6, generate_time);

  /* Each twice, alternating, the better time of each counted: both read a warm cache. */
  query = shell_query (n_levels);
  g_assert_true (g_file_set_contents (query_file, query, -1, NULL));
  for (guint round = 0; round < 2; round++)
    {
      double t = time_export (project, PL_EXPORT_FORMAT_CSV, csv);

      if (t < 0)
        return 1;
      ours = MIN (ours, t);

      if (shell != NULL)
        {
          t = time_shell (shell, database, query_file, shell_csv);
          if (t < 0)
            return 1;
          theirs = MIN (theirs, t);
        }
    }

  printf ("long CSV (Plenary):  %.2f s, %" G_GINT64_FORMAT " rows, %.1f MB\n", ours,
          count_records (csv) - 1, file_size (csv) / 1e6);
  if (shell != NULL)
    {
      double ratio = ours / theirs;

      printf ("long CSV (sqlite3):  %.2f s, %" G_GINT64_FORMAT " rows, %.1f MB (%s -csv)\n",
              theirs, count_records (shell_csv) - 1, file_size (shell_csv) / 1e6, shell);
      printf ("ratio:               %.2f × the sqlite3 shell (target ≤ %.1f)\n", ratio,
              TARGET_RATIO);
      met &= ratio <= TARGET_RATIO;
    }
  else
    printf ("sqlite3 shell not found: the comparison with it is skipped\n");

  for (guint round = 0; round < 2; round++)
    {
      double t = time_export (project, PL_EXPORT_FORMAT_QDPX, qdpx);

      if (t < 0)
        return 1;
      qdpx_time = MIN (qdpx_time, t);
    }
  printf (".qdpx:               %.2f s, %.1f MB (target < %.0f s)\n", qdpx_time,
          file_size (qdpx) / 1e6, TARGET_QDPX_SECONDS);
  met &= qdpx_time < TARGET_QDPX_SECONDS;

  matrix_time = time_export (project, PL_EXPORT_FORMAT_MATRIX, other);
  printf ("matrix (for info):   %.2f s, %.1f MB\n", matrix_time, file_size (other) / 1e6);
  json_time = time_export (project, PL_EXPORT_FORMAT_JSON, other);
  printf ("JSON (for info):     %.2f s, %.1f MB\n", json_time, file_size (other) / 1e6);

  peak = peak_megabytes ();
  printf ("peak memory:         %.0f MB (target < %.0f MB)\n", peak, TARGET_MEGABYTES);
  met &= peak < TARGET_MEGABYTES;
  printf ("%s\n", met ? "targets met" : "TARGET MISSED");

  pl_project_close (project);
  pl_test_remove_tree (dir);
  g_free (g_steal_pointer (&dir));

  return met ? 0 : 1;
}
