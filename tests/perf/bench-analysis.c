/* bench-analysis.c — retrieval, search, frequencies and co-occurrence on a large project
 *
 * Generates a project of 2,000 documents, 40,000 statements (speakers with their entity,
 * type, ISO code and regional group; some "on behalf of" a group) and 200,000 annotations
 * by three coders, through the bulk insert API as an import would; then times, five runs
 * each after a warm-up: retrieving one code family with a group filter, searches across
 * the project (a word, a phrase, a prefix, NEAR), frequencies by entity of all codes, and
 * the co-occurrence of 60 codes.  It also measures what the full-text index adds to the
 * project file (the file with the index, against the same file with the index dropped and
 * vacuumed).  Prints the median and the range of each, and "targets met" or "TARGETS
 * MISSED" (exit status 1).
 *
 * bench-analysis --keep PATH keeps the generated project at PATH; --use PATH times one made
 * so before instead of generating one.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "plenary-bench"

#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <glib/gstdio.h>

#include "pl-codebook.h"
#include "pl-cooccurrence.h"
#include "pl-project-bulk.h"
#include "pl-project-private.h"
#include "pl-project-search.h"
#include "pl-retrieve.h"
#include "pl-search.h"
#include "pl-statistics.h"
#include "pl-test-util.h"

#define N_DOCUMENTS 2000
#define N_STATEMENTS_PER_DOCUMENT 20
#define N_ANNOTATIONS_PER_STATEMENT 5
#define N_CODES 60
#define N_RUNS 5

#define TARGET_RETRIEVE_MS 100.0
#define TARGET_SEARCH_MS 50.0
#define TARGET_STATS_MS 300.0
#define TARGET_COOCCURRENCE_MS 500.0
#define TARGET_INDEX_SHARE 0.40

typedef struct
{
  const char *entity;
  const char *type;
  const char *iso3;
  const char *group;
} Speaker;

static const Speaker speakers[] = {
  { "Japan", "member_state", "JPN", "Asia-Pacific" },
  { "India", "member_state", "IND", "Asia-Pacific" },
  { "China", "member_state", "CHN", "Asia-Pacific" },
  { "Viet Nam", "member_state", "VNM", "Asia-Pacific" },
  { "Fiji", "member_state", "FJI", "Asia-Pacific" },
  { "Indonesia", "member_state", "IDN", "Asia-Pacific" },
  { "Iran (Islamic Republic of)", "member_state", "IRN", "Asia-Pacific" },
  { "Singapore", "member_state", "SGP", "Asia-Pacific" },
  { "Kenya", "member_state", "KEN", "African" },
  { "Egypt", "member_state", "EGY", "African" },
  { "Ghana", "member_state", "GHA", "African" },
  { "Côte d'Ivoire", "member_state", "CIV", "African" },
  { "South Africa", "member_state", "ZAF", "African" },
  { "Nigeria", "member_state", "NGA", "African" },
  { "Brazil", "member_state", "BRA", "Latin American and Caribbean" },
  { "Mexico", "member_state", "MEX", "Latin American and Caribbean" },
  { "Chile", "member_state", "CHL", "Latin American and Caribbean" },
  { "Cuba", "member_state", "CUB", "Latin American and Caribbean" },
  { "Colombia", "member_state", "COL", "Latin American and Caribbean" },
  { "Estonia", "member_state", "EST", "Eastern European" },
  { "Russian Federation", "member_state", "RUS", "Eastern European" },
  { "Poland", "member_state", "POL", "Eastern European" },
  { "Czechia", "member_state", "CZE", "Eastern European" },
  { "Netherlands", "member_state", "NLD", "Western European and Others" },
  { "Canada", "member_state", "CAN", "Western European and Others" },
  { "Australia", "member_state", "AUS", "Western European and Others" },
  { "Türkiye", "member_state", "TUR", "Western European and Others" },
  { "United States of America", "member_state", "USA", "Western European and Others" },
  { "France", "member_state", "FRA", "Western European and Others" },
  { "European Union", "eu", NULL, NULL },
  { "Non-Aligned Movement", "group_of_states", NULL, NULL },
  { "International Committee of the Red Cross", "igo", NULL, NULL },
  { "Microsoft", "private_sector", NULL, NULL },
  { "Chair", "chair", NULL, NULL },
};

/* Sentences are a topic, something said of it and now and then an aside, so that a word
 * of one topic occurs in a few statements in a hundred, as in real records; "the" is in
 * nearly all. */
static const char * const topics[] = {
  "Capacity-building", "The points of contact directory", "Ransomware", "International law",
  "The framework of responsible state behaviour", "Confidence-building measures",
  "The protection of critical infrastructure", "The healthcare sector",
  "The Programme of Action", "Regular institutional dialogue", "Supply-chain security",
  "The market for commercial intrusion tools", "Due diligence",
  "International humanitarian law", "Gender mainstreaming", "Stakeholder participation",
  "Vulnerability disclosure", "The exchange of national views", "Cooperation between CERTs",
  "Information operations", "Artificial intelligence", "Quantum computing",
  "The Global Cybersecurity Index", "Cybercrime legislation", "Submarine cables",
  "Satellite communications", "Election infrastructure", "Financial sector resilience",
  "Attribution of incidents", "Sovereignty in cyberspace", "Non-intervention",
  "The use of force", "State responsibility", "Peaceful settlement of disputes",
  "A legally binding instrument", "Human rights online", "Data protection",
  "Internet shutdowns", "Digital public goods", "The digital divide",
  "South-South cooperation", "Triangular cooperation", "Regional organisations",
  "The Secretariat's mapping exercise", "The annual progress report",
  "Voluntary national surveys", "Tabletop exercises", "Incident classification",
  "Emergency response teams", "Cyber hygiene", "Awareness campaigns",
  "University curricula", "Certification schemes", "Industrial control systems",
  "Cloud services", "Open-source software", "Encryption", "Cryptocurrency theft",
  "Hacktivism", "Proxy actors",
};

static const char * const comments[] = {
  "should be demand-driven, sustainable and respectful of national ownership",
  "must be kept current and tested at regular intervals",
  "remains a serious threat to international peace and security",
  "applies in its entirety to the use of ICTs by States",
  "requires further discussion on how existing obligations apply",
  "reduces the risk of misperception, escalation and conflict",
  "needs predictable funding and coordination among donors",
  "deserves the attention of every delegation in this room",
  "has been implemented through our national strategy adopted last year",
  "calls for a legally binding instrument negotiated under United Nations auspices",
  "is a priority for small island developing States with limited resources",
  "can only be addressed through cooperation with the private sector and civil society",
  "was discussed at length during the intersessional meetings in Geneva and New York",
  "should not be used to justify restrictions on human rights and fundamental freedoms",
  "affects hospitals, water utilities and energy grids alike",
  "is addressed in chapter four of our national report",
  "was the subject of a regional workshop hosted by our capital in March",
  "benefits from the guidance of the eleven voluntary norms",
  "needs a common understanding before we move to implementation",
  "must remain technology-neutral",
  "should be mainstreamed across all pillars of our work",
  "calls for trust between technical communities",
  "is where the gap between developed and developing countries is widest",
  "deserves a dedicated thematic session next year",
};

static const char * const asides[] = {
  "We thank the Chair for the revised draft.",
  "My delegation stands ready to engage constructively.",
  "We support the proposal made by the previous speaker.",
  "Let me also align my country with the statement delivered on behalf of the group.",
  "We look forward to the next substantive session.",
  "Our national CERT coordinates closely with regional partners.",
  "Capacity-building is a two-way street.",
  "I thank you, Chair.",
};

static double
seconds_since (gint64 start)
{
  return (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;
}

static gint64
file_size (const char *path)
{
  GStatBuf info;

  return g_stat (path, &info) == 0 ? (gint64) info.st_size : -1;
}

/* Appends @piece to @text and advances @offset by its code points. */
static void
append (GString    *text,
        guint      *offset,
        const char *piece)
{
  g_string_append (text, piece);
  *offset += g_utf8_strlen (piece, -1);
}

/* A document of N_STATEMENTS_PER_DOCUMENT statements, each a speaker's label and a few
 * sentences; @statements receives them (PlStatement, with their speakers). */
static char *
make_document (GRand     *rand,
               GPtrArray *statements)
{
  GString *text = g_string_new (NULL);
  guint offset = 0;

  for (guint i = 0; i < N_STATEMENTS_PER_DOCUMENT; i++)
    {
      const Speaker *speaker = &speakers[g_rand_int_range (rand, 0, G_N_ELEMENTS (speakers))];
      PlStatement *statement = pl_statement_new ();
      guint n_sentences = g_rand_int_range (rand, 3, 9);

      if (i > 0)
        append (text, &offset, "\n\n");
      statement->start = offset;
      statement->kind = PL_STATEMENT_KIND_STATEMENT;
      statement->speaker = g_strdup (speaker->entity);
      statement->entity = g_strdup (speaker->entity);
      statement->entity_type = g_strdup (speaker->type);
      statement->iso3 = g_strdup (speaker->iso3);
      statement->regional_group = g_strdup (speaker->group);
      if (g_rand_int_range (rand, 0, 10) == 0)
        statement->on_behalf_of = g_strdup ("Non-Aligned Movement");
      statement->speaker_source = g_strdup ("label");

      append (text, &offset, speaker->entity);
      append (text, &offset, "\n");
      for (guint k = 0; k < n_sentences; k++)
        {
          g_autofree char *sentence = NULL;

          if (k % 4 == 3)
            sentence = g_strdup (asides[g_rand_int_range (rand, 0, G_N_ELEMENTS (asides))]);
          else
            sentence = g_strdup_printf ("%s %s.",
                                        topics[g_rand_int_range (rand, 0, G_N_ELEMENTS (topics))],
                                        comments[g_rand_int_range (rand, 0, G_N_ELEMENTS (comments))]);
          if (k > 0)
            append (text, &offset, " ");
          append (text, &offset, sentence);
        }
      statement->end = offset;
      g_ptr_array_add (statements, statement);
    }

  return g_string_free (text, FALSE);
}

/* The starter codebook and a few more codes, so that there are N_CODES codable ones. */
static GArray *
make_codes (PlProject  *project,
            GError    **error)
{
  GArray *codes = g_array_new (FALSE, FALSE, sizeof (gint64));
  GListModel *model;
  PlCode *parent;
  guint extra = 0;

  if (pl_codebook_load_starter (project, error) < 0)
    return NULL;

  parent = pl_project_lookup_code (project, "THR");
  model = pl_project_get_codes (project);
  while (g_list_model_get_n_items (model) < N_CODES)
    {
      g_autofree char *short_id = g_strdup_printf ("THR.X%u", ++extra);
      g_autofree char *name = g_strdup_printf ("Further threat %u", extra);
      PlCode *code = pl_project_add_code (project,
                                          &(PlCodeSpec) {
                                            .parent_id = pl_code_get_id (parent),
                                            .short_id = short_id, .name = name,
                                            .codable = TRUE,
                                          },
                                          error);
      if (code == NULL)
        return NULL;
    }

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(PlCode) code = g_list_model_get_item (model, i);
      gint64 id = pl_code_get_id (code);

      if (pl_code_get_codable (code))
        g_array_append_val (codes, id);
    }

  return codes;
}

static gboolean
generate (PlProject  *project,
          GRand      *rand,
          GError    **error)
{
  g_autoptr(GArray) codes = NULL;
  g_autoptr(PlProjectBulk) bulk = NULL;
  const char *coder_names[] = { "Ann", "Bo", "Chen" };
  gint64 coders[G_N_ELEMENTS (coder_names)];
  static const char * const stances[] = { "supports", "opposes", "calls_for_new", NULL, NULL };

  codes = make_codes (project, error);
  if (codes == NULL)
    return FALSE;

  bulk = pl_project_bulk_begin (project, error);
  if (bulk == NULL)
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (coder_names); i++)
    {
      PlBulkResult result;

      if (!pl_project_bulk_add_coder (bulk, &(PlBulkCoder) { .name = coder_names[i] }, &result,
                                      error))
        return FALSE;
      coders[i] = result.id;
    }

  for (guint d = 0; d < N_DOCUMENTS; d++)
    {
      g_autoptr(GPtrArray) statements = g_ptr_array_new_with_free_func ((GDestroyNotify) pl_statement_unref);
      g_autofree char *text = make_document (rand, statements);
      g_autofree char *guid = g_uuid_string_random ();
      g_autofree char *title = g_strdup_printf ("OEWG meeting %u", d + 1);
      g_autofree char *session = g_strdup_printf ("Session %u", 1 + d / 200);
      g_autofree char *date = g_strdup_printf ("%04u-%02u-%02u", 2019 + d / 400,
                                               1 + (d / 30) % 12, 1 + d % 28);
      const char *metadata[] = { "OEWG", session, NULL, date, NULL, "official record", "en",
                                 "text" };
      PlBulkResult document;

      if (!pl_project_bulk_add_document (bulk,
                                         &(PlBulkDocument) {
                                           .guid = guid, .title = title, .text = text,
                                           .metadata = metadata, .statements = statements,
                                           .created = "2026-01-01T00:00:00Z",
                                         },
                                         &document, error))
        return FALSE;

      for (guint s = 0; s < statements->len; s++)
        {
          const PlStatement *statement = g_ptr_array_index (statements, s);
          /* Codes of one statement cluster in a family or two, as coders' do. */
          guint family = g_rand_int_range (rand, 0, codes->len);

          for (guint a = 0; a < N_ANNOTATIONS_PER_STATEMENT; a++)
            {
              g_autofree char *annotation = g_uuid_string_random ();
              guint length = statement->end - statement->start;
              guint start = statement->start + g_rand_int_range (rand, 0, length - 10);
              guint end = MIN (statement->end, start + g_rand_int_range (rand, 10, 300));
              guint pick = g_rand_boolean (rand)
                           ? (family + g_rand_int_range (rand, 0, 6)) % codes->len
                           : (guint) g_rand_int_range (rand, 0, codes->len);
              PlBulkResult result;

              if (!pl_project_bulk_add_annotation (bulk,
                                                   &(PlBulkAnnotation) {
                                                     .guid = annotation,
                                                     .document_id = document.id,
                                                     .code_id = g_array_index (codes, gint64, pick),
                                                     .coder_id = coders[(s + a) % G_N_ELEMENTS (coders)],
                                                     .start = start, .end = end,
                                                     .stance = stances[g_rand_int_range (rand, 0, G_N_ELEMENTS (stances))],
                                                     .created = "2026-02-01T00:00:00Z",
                                                   },
                                                   &result, error))
                return FALSE;
            }
        }
    }

  return pl_project_bulk_commit (bulk, error);
}

/* Timing */

typedef struct
{
  double  median, min, max;   /* CPU time of the process, ms */
  double  wall;               /* wall time's median, ms */
  guint64 result;             /* what the task found (hits, rows, codes) */
} Figures;

typedef guint64 (*Task) (PlProject     *project,
                         gconstpointer  data);

static double
cpu_milliseconds (void)
{
  struct timespec now;

  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &now);
  return now.tv_sec * 1e3 + now.tv_nsec / 1e6;
}

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

/* One run to warm the caches, then N_RUNS timed. */
static Figures
measure (PlProject     *project,
         Task           task,
         gconstpointer  data)
{
  double times[N_RUNS], walls[N_RUNS];
  Figures figures;

  task (project, data);
  for (guint i = 0; i < N_RUNS; i++)
    {
      gint64 wall = g_get_monotonic_time ();
      double start = cpu_milliseconds ();

      figures.result = task (project, data);
      times[i] = cpu_milliseconds () - start;
      walls[i] = (g_get_monotonic_time () - wall) / 1000.0;
    }

  qsort (times, N_RUNS, sizeof (double), compare_doubles);
  qsort (walls, N_RUNS, sizeof (double), compare_doubles);
  figures.median = times[N_RUNS / 2];
  figures.min = times[0];
  figures.max = times[N_RUNS - 1];
  figures.wall = walls[N_RUNS / 2];
  return figures;
}

static void
fail (const char *what,
      GError     *error)
{
  printf ("%s failed: %s\n", what, error->message);
  exit (1);
}

typedef struct
{
  const char *family;
  const char *group;   /* NULL: none */
} RetrieveTask;

static guint64
run_retrieve (PlProject     *project,
              gconstpointer  data)
{
  const RetrieveTask *task = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) codes = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) hits = NULL;
  char *groups[] = { (char *) task->group, NULL };
  gint64 id = pl_code_get_id (pl_project_lookup_code (project, task->family));

  g_array_append_val (codes, id);
  hits = pl_retrieve (project,
                      &(PlRetrieveSpec) {
                        .code_ids = codes,
                        .with_descendants = TRUE,
                        .filter = &(PlQueryFilter) { .regional_groups = task->group != NULL ? groups : NULL },
                      },
                      &error);
  if (hits == NULL)
    fail ("retrieve", g_steal_pointer (&error));
  return hits->len;
}

static guint64
run_search (PlProject     *project,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) hits = pl_search (project, data, NULL, &error);

  if (hits == NULL)
    fail ("search", g_steal_pointer (&error));
  return hits->len;
}

static guint64
run_stats (PlProject     *project,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PlFrequencyTable) table = NULL;

  table = pl_frequency_table_new (project,
                                  &(PlFrequencySpec) { .by = PL_STATS_BY_ENTITY,
                                                       .count = GPOINTER_TO_INT (data) },
                                  &error);
  if (table == NULL)
    fail ("stats", g_steal_pointer (&error));
  return pl_frequency_table_get_n_rows (table);
}

static guint64
run_cooccurrence (PlProject     *project,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PlCooccurrence) matrix = NULL;

  matrix = pl_cooccurrence_new (project,
                                &(PlCooccurrenceSpec) { .unit = GPOINTER_TO_INT (data) },
                                &error);
  if (matrix == NULL)
    fail ("co-occurrence", g_steal_pointer (&error));
  return pl_cooccurrence_get_n_codes (matrix);
}

/* Index */

static gboolean
exec_on (const char *path,
         const char *sql)
{
  sqlite3 *db = NULL;
  int rc = sqlite3_open (path, &db);

  if (rc == SQLITE_OK)
    rc = sqlite3_exec (db, sql, NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    printf ("%s: %s\n", path, db != NULL ? sqlite3_errmsg (db) : sqlite3_errstr (rc));
  sqlite3_close (db);
  return rc == SQLITE_OK;
}

/* What the index adds: the project as one compact file, with the index and without. */
static double
index_share (PlProject  *project,
             const char *dir,
             gint64     *out_with,
             gint64     *out_without)
{
  g_autofree char *with = g_build_filename (dir, "with-index.plenary", NULL);
  g_autofree char *without = g_build_filename (dir, "without-index.plenary", NULL);
  g_autofree char *vacuum = g_strdup_printf ("VACUUM INTO '%s'", with);
  g_autofree char *copy = g_strdup_printf ("VACUUM INTO '%s'", without);

  if (sqlite3_exec (pl_project_get_db (project), vacuum, NULL, NULL, NULL) != SQLITE_OK ||
      sqlite3_exec (pl_project_get_db (project), copy, NULL, NULL, NULL) != SQLITE_OK ||
      !exec_on (without, "DROP TRIGGER statements_fts_insert;"
                         "DROP TRIGGER statements_fts_delete;"
                         "DROP TRIGGER statements_fts_update;"
                         "DROP TRIGGER documents_fts_delete;"
                         "DROP TABLE statements_fts;"
                         "DROP VIEW statement_texts;"
                         "VACUUM;"))
    return G_MAXDOUBLE;

  *out_with = file_size (with);
  *out_without = file_size (without);
  return (double) (*out_with - *out_without) / (double) *out_without;
}

static gboolean
report (const char    *what,
        const Figures *figures,
        const char    *unit,
        double         target)
{
  gboolean met = target <= 0 || figures->median < target;

  printf ("%-44s %7.1f ms (%6.1f–%6.1f), wall %7.1f ms, %7" G_GUINT64_FORMAT " %-8s %s\n",
          what, figures->median, figures->min, figures->max, figures->wall, figures->result, unit,
          target <= 0 ? "(info)" : met ? "ok" : "MISSED");
  return met;
}

int
main (int   argc,
      char *argv[])
{
  static const RetrieveTask family_in_group = { "CBM", "Asia-Pacific" };
  static const RetrieveTask family = { "CBM", NULL };
  static const char * const searches[] = {
    "ransomware", "\"critical infrastructure\"", "capac*", "NEAR(ransomware hospitals, 10)",
    "sovereignty OR non-intervention",
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261122);
  g_autoptr(PlProject) project = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *database = NULL;
  const char *keep = NULL;
  const char *use = NULL;
  double generate_time, build_time, share;
  gint64 with = 0, without = 0, start;
  gboolean met = TRUE;

  setlocale (LC_ALL, "");
  if (argc == 3 && strcmp (argv[1], "--keep") == 0)
    keep = argv[2];
  else if (argc == 3 && strcmp (argv[1], "--use") == 0)
    use = argv[2];

  dir = g_dir_make_tmp ("plenary-bench-analysis-XXXXXX", &error);
  g_assert_no_error (error);
  database = keep != NULL ? g_strdup (keep)
             : use != NULL ? g_strdup (use) : g_build_filename (dir, "bench.plenary", NULL);

  project = pl_project_open (database,
                             use != NULL ? PL_PROJECT_OPEN_DEFAULT
                                         : PL_PROJECT_OPEN_CREATE | PL_PROJECT_OPEN_EXCLUSIVE,
                             &error);
  if (project == NULL)
    fail ("opening the project", g_steal_pointer (&error));

  start = g_get_monotonic_time ();
  if (use == NULL && !generate (project, rand, &error))
    fail ("generating the project", g_steal_pointer (&error));
  generate_time = seconds_since (start);
  sqlite3_exec (pl_project_get_db (project), "PRAGMA wal_checkpoint(TRUNCATE)", NULL, NULL, NULL);
  printf ("project: %u documents, %u statements, %u annotations, %.1f MB, generated in %.1f s\n",
          N_DOCUMENTS, N_DOCUMENTS * N_STATEMENTS_PER_DOCUMENT, pl_project_count_annotations (project),
          file_size (database) / 1e6, generate_time);

  start = g_get_monotonic_time ();
  if (!pl_project_build_search_index (project, NULL, NULL, &error))
    fail ("building the index", g_steal_pointer (&error));
  build_time = seconds_since (start);

  printf ("CPU time of %d runs after one to warm up: median (min–max); wall median\n", N_RUNS);
  {
    Figures figures;

    figures = measure (project, run_retrieve, &family_in_group);
    met &= report ("retrieve a family (CBM) in one group", &figures, "hits", TARGET_RETRIEVE_MS);
    figures = measure (project, run_retrieve, &family);
    report ("retrieve a family (CBM), every group", &figures, "hits", 0);

    for (guint i = 0; i < G_N_ELEMENTS (searches); i++)
      {
        g_autofree char *what = g_strdup_printf ("search %s", searches[i]);

        figures = measure (project, run_search, searches[i]);
        met &= report (what, &figures, "hits", TARGET_SEARCH_MS);
      }
    figures = measure (project, run_search, "the");
    report ("search the (in nearly every statement)", &figures, "hits", 0);

    figures = measure (project, run_stats, GINT_TO_POINTER (PL_STATS_COUNT_SEGMENTS));
    met &= report ("stats by entity, all codes, segments", &figures, "rows", TARGET_STATS_MS);
    figures = measure (project, run_stats, GINT_TO_POINTER (PL_STATS_COUNT_STATEMENTS));
    report ("stats by entity, all codes, statements", &figures, "rows", 0);
    figures = measure (project, run_stats, GINT_TO_POINTER (PL_STATS_COUNT_SPEAKERS));
    report ("stats by entity, all codes, speakers", &figures, "rows", 0);

    figures = measure (project, run_cooccurrence, GINT_TO_POINTER (PL_COOCCURRENCE_STATEMENT));
    met &= report ("co-occurrence of all codes, by statement", &figures, "codes",
                   TARGET_COOCCURRENCE_MS);
    figures = measure (project, run_cooccurrence, GINT_TO_POINTER (PL_COOCCURRENCE_SPAN));
    report ("co-occurrence of all codes, by span", &figures, "codes", 0);
  }

  share = index_share (project, dir, &with, &without);
  printf ("full-text index: adds %.1f %% to the project file (%.1f MB with it, %.1f MB without; "
          "target < %.0f %%); built in %.1f s\n", share * 100, with / 1e6, without / 1e6,
          TARGET_INDEX_SHARE * 100, build_time);
  met &= share < TARGET_INDEX_SHARE;

  printf ("%s\n", met ? "targets met" : "TARGETS MISSED");

  pl_project_close (project);
  pl_test_remove_tree (dir);
  return met ? 0 : 1;
}
