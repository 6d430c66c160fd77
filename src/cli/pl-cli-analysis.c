/* pl-cli-analysis.c — "plenary-cli retrieve", "search", "stats", "cooccurrence" and "chart"
 *
 * The commands share their filters (--entities, --groups, --documents, --since, …), read
 * here into a PlQueryFilter; names are matched to the project's values without regard to
 * case, and a name the project does not have is refused by name.  An empty result is not
 * an error: with --json the command prints an empty array (or a table without rows),
 * otherwise nothing (or only a header) and says so on stderr; the exit status is 0.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "plenary-cli"

#include "config.h"

#include <stdio.h>
#include <string.h>

#include <glib/gi18n.h>

#include "pl-chart.h"
#include "pl-cooccurrence.h"
#include "pl-error.h"
#include "pl-project-search.h"
#include "pl-retrieve.h"
#include "pl-search.h"
#include "pl-statistics.h"
#include "pl-cli-commands.h"

#define CHART_WIDTH 960
#define CHART_HEIGHT 600

/* Filters */

typedef struct
{
  char     *codes;
  char     *not_codes;
  char     *mode;
  gboolean  with_descendants;
  char     *entities;
  char     *groups;
  char     *entity_types;
  char     *on_behalf_of;
  char     *documents;
  char     *processes;
  char     *sessions;
  char     *since;
  char     *until;
  char     *coders;
  char     *stances;
  gboolean  json;
  gboolean  csv;
} FilterArgs;

static void
filter_args_clear (FilterArgs *args)
{
  char **strings[] = {
    &args->codes, &args->not_codes, &args->mode, &args->entities, &args->groups,
    &args->entity_types, &args->on_behalf_of, &args->documents, &args->processes,
    &args->sessions, &args->since, &args->until, &args->coders, &args->stances,
  };

  for (guint i = 0; i < G_N_ELEMENTS (strings); i++)
    g_clear_pointer (strings[i], g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (FilterArgs, filter_args_clear)

/* What the filters and code options ask for, read and checked against the project. */
typedef struct
{
  PlQueryFilter   filter;
  GArray         *code_ids;
  GArray         *not_code_ids;
  PlRetrieveMode  mode;
} Query;

static void
query_clear (Query *query)
{
  pl_query_filter_clear (&query->filter);
  g_clear_pointer (&query->code_ids, g_array_unref);
  g_clear_pointer (&query->not_code_ids, g_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Query, query_clear)

typedef enum
{
  WITH_CODES = 1 << 0,     /* --codes, --with-descendants */
  WITH_MODE = 1 << 1,      /* --mode, --not */
  WITH_CSV = 1 << 2,       /* --csv */
  WITH_JSON = 1 << 3,      /* --json */
} FilterOptions;

static void
add_entry (GArray             *entries,
           const GOptionEntry *entry)
{
  g_array_append_vals (entries, entry, 1);
}

/* The filter options; text arrives as bytes (FILENAME) and is converted later, so that
 * UTF-8 names work under any locale. */
static void
add_filter_entries (GArray        *entries,
                    FilterArgs    *args,
                    FilterOptions  options)
{
  const GOptionEntry common[] = {
    { "entities", 0, 0, G_OPTION_ARG_FILENAME, &args->entities,
      N_("Only statements of these entities (comma-separated)"), N_("NAMES") },
    { "groups", 0, 0, G_OPTION_ARG_FILENAME, &args->groups,
      N_("Only statements of speakers of these regional groups"), N_("GROUPS") },
    { "entity-types", 0, 0, G_OPTION_ARG_FILENAME, &args->entity_types,
      N_("Only statements of these entity types (member_state, igo, …)"), N_("TYPES") },
    { "on-behalf-of", 0, 0, G_OPTION_ARG_FILENAME, &args->on_behalf_of,
      N_("Only statements made on behalf of these groups"), N_("GROUPS") },
    { "documents", 0, 0, G_OPTION_ARG_STRING, &args->documents,
      N_("Only these documents"), N_("IDS") },
    { "processes", 0, 0, G_OPTION_ARG_FILENAME, &args->processes,
      N_("Only documents of these processes"), N_("NAMES") },
    { "sessions", 0, 0, G_OPTION_ARG_FILENAME, &args->sessions,
      N_("Only documents of these sessions"), N_("NAMES") },
    { "since", 0, 0, G_OPTION_ARG_STRING, &args->since,
      N_("Only documents dated this day or later (2024, 2024-03 or 2024-03-07)"), N_("DATE") },
    { "until", 0, 0, G_OPTION_ARG_STRING, &args->until,
      N_("Only documents dated up to this day"), N_("DATE") },
    { "coders", 0, 0, G_OPTION_ARG_FILENAME, &args->coders,
      N_("Only segments coded by these coders"), N_("NAMES") },
    { "stances", 0, 0, G_OPTION_ARG_STRING, &args->stances,
      N_("Only segments with these stances (supports, opposes, calls_for_new, "
         "reports_practice, neutral, none)"), N_("STANCES") },
  };
  const GOptionEntry codes[] = {
    { "codes", 0, 0, G_OPTION_ARG_FILENAME, &args->codes,
      N_("These codes, by short id or GUID (comma-separated)"), N_("CODES") },
    { "with-descendants", 0, 0, G_OPTION_ARG_NONE, &args->with_descendants,
      N_("Each code stands for itself and every code below it"), NULL },
  };
  const GOptionEntry mode[] = {
    { "mode", 0, 0, G_OPTION_ARG_STRING, &args->mode,
      N_("any: segments of any of the codes; all: only in statements that have every one"),
      N_("any|all") },
    { "not", 0, 0, G_OPTION_ARG_FILENAME, &args->not_codes,
      N_("Leave out statements that have one of these codes"), N_("CODES") },
  };
  const GOptionEntry json = { "json", 0, 0, G_OPTION_ARG_NONE, &args->json, N_("Print JSON"),
                              NULL };
  const GOptionEntry csv = { "csv", 0, 0, G_OPTION_ARG_NONE, &args->csv, N_("Print CSV"), NULL };

  if (options & WITH_CODES)
    g_array_append_vals (entries, codes, G_N_ELEMENTS (codes));
  if (options & WITH_MODE)
    g_array_append_vals (entries, mode, G_N_ELEMENTS (mode));
  g_array_append_vals (entries, common, G_N_ELEMENTS (common));
  if (options & WITH_JSON)
    add_entry (entries, &json);
  if (options & WITH_CSV)
    add_entry (entries, &csv);
}

/* Parses the command line with @entries (ends it); FALSE with @exit_status set. */
static gboolean
parse_command_line (PlCliInvocation *invocation,
                    GArray          *entries,
                    int             *exit_status)
{
  const GOptionEntry end = { NULL };

  add_entry (entries, &end);
  return pl_cli_parse_command_line (invocation, (const GOptionEntry *) entries->data,
                                    exit_status);
}

/* "2024", "2024-03" or "2024-03-07". */
static gboolean
check_date (const char  *option,
            const char  *value,
            GError     **error)
{
  static const char shape[] = "dddd-dd-dd";
  gsize length = strlen (value);
  gboolean ok = length == 4 || length == 7 || length == 10;

  for (gsize i = 0; ok && i < length; i++)
    ok = shape[i] == 'd' ? g_ascii_isdigit (value[i]) : value[i] == '-';

  if (!ok)
    g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                 _("%s needs a date: a year (2024), a month (2024-03) or a day (2024-03-07), "
                   "not “%s”."), option, value);
  return ok;
}

/* "a, b,c" → a NULL-terminated list of UTF-8 strings, empty items left out. */
static char **
split_list (const char  *option,
            const char  *value,
            GError     **error)
{
  g_autofree char *utf8 = pl_cli_arg_to_utf8 (value, error);
  g_auto(GStrv) items = NULL;
  g_autoptr(GPtrArray) list = NULL;

  if (utf8 == NULL)
    return NULL;

  items = g_strsplit (utf8, ",", -1);
  list = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; items[i] != NULL; i++)
    {
      const char *item = g_strstrip (items[i]);

      if (*item != '\0')
        g_ptr_array_add (list, g_strdup (item));
    }

  if (list->len == 0)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("%s needs at least one value."), option);
      return NULL;
    }

  g_ptr_array_add (list, NULL);
  return (char **) g_ptr_array_free (g_steal_pointer (&list), FALSE);
}

/* Stances by name; "none" stands for segments without one. */
static char **
read_stances (const char  *value,
              GError     **error)
{
  g_auto(GStrv) stances = split_list ("--stances", value, error);

  if (stances == NULL)
    return NULL;

  for (guint i = 0; stances[i] != NULL; i++)
    {
      if (g_str_equal (stances[i], "none"))
        stances[i][0] = '\0';
      else if (!pl_annotation_stance_is_valid (stances[i]))
        {
          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                       _("Unknown stance “%s”: use supports, opposes, calls_for_new, "
                         "reports_practice, neutral or none."), stances[i]);
          return NULL;
        }
    }

  return g_steal_pointer (&stances);
}

/* What can be checked without the project; FALSE with @exit_status set. */
static gboolean
read_syntax (FilterArgs  *args,
             Query       *query,
             int         *exit_status)
{
  GError *error = NULL;

  if (args->mode == NULL || g_str_equal (args->mode, "any"))
    query->mode = PL_RETRIEVE_ANY;
  else if (g_str_equal (args->mode, "all"))
    query->mode = PL_RETRIEVE_ALL;
  else
    {
      *exit_status = pl_cli_usage_error (_("--mode is any or all, not “%s”."), args->mode);
      return FALSE;
    }

  if (args->with_descendants && args->codes == NULL)
    {
      *exit_status = pl_cli_usage_error (_("%s needs --codes."), "--with-descendants");
      return FALSE;
    }

  if ((args->since != NULL && !check_date ("--since", args->since, &error)) ||
      (args->until != NULL && !check_date ("--until", args->until, &error)) ||
      (args->documents != NULL &&
       !pl_cli_parse_id_list ("--documents", args->documents, &query->filter.document_ids,
                              &error)) ||
      (args->stances != NULL && (query->filter.stances = read_stances (args->stances, &error)) == NULL))
    {
      *exit_status = pl_cli_usage_fail (error);
      return FALSE;
    }

  query->filter.since = g_strdup (args->since);
  query->filter.until = g_strdup (args->until);
  return TRUE;
}

/* A list of names of @field, matched to the project's. */
static gboolean
read_names (PlProject     *project,
            const char    *option,
            const char    *value,
            PlQueryField   field,
            char        ***out_names,
            GError       **error)
{
  g_auto(GStrv) names = NULL;

  if (value == NULL)
    return TRUE;

  names = split_list (option, value, error);
  if (names == NULL || !pl_retrieve_resolve_values (project, field, names, error))
    return FALSE;

  *out_names = g_steal_pointer (&names);
  return TRUE;
}

static gboolean
read_codes (PlProject   *project,
            const char  *value,
            GArray     **out_ids,
            GError     **error)
{
  g_autofree char *utf8 = NULL;

  if (value == NULL)
    return TRUE;

  utf8 = pl_cli_arg_to_utf8 (value, error);
  if (utf8 == NULL)
    return FALSE;
  *out_ids = pl_cli_parse_list (utf8, pl_cli_read_code, project, error);
  return *out_ids != NULL;
}

/* What needs the project: codes, names, coders and documents that must exist. */
static gboolean
read_with_project (PlProject   *project,
                   FilterArgs  *args,
                   Query       *query,
                   GError     **error)
{
  PlQueryFilter *filter = &query->filter;
  g_autofree char *coders = NULL;
  GArray *documents = filter->document_ids;

  if (!read_codes (project, args->codes, &query->code_ids, error) ||
      !read_codes (project, args->not_codes, &query->not_code_ids, error) ||
      !read_names (project, "--entities", args->entities, PL_QUERY_FIELD_ENTITY,
                   &filter->entities, error) ||
      !read_names (project, "--groups", args->groups, PL_QUERY_FIELD_REGIONAL_GROUP,
                   &filter->regional_groups, error) ||
      !read_names (project, "--entity-types", args->entity_types, PL_QUERY_FIELD_ENTITY_TYPE,
                   &filter->entity_types, error) ||
      !read_names (project, "--on-behalf-of", args->on_behalf_of, PL_QUERY_FIELD_ON_BEHALF_OF,
                   &filter->on_behalf_of, error) ||
      !read_names (project, "--processes", args->processes, PL_QUERY_FIELD_PROCESS,
                   &filter->processes, error) ||
      !read_names (project, "--sessions", args->sessions, PL_QUERY_FIELD_SESSION,
                   &filter->sessions, error))
    return FALSE;

  for (guint i = 0; documents != NULL && i < documents->len; i++)
    if (pl_cli_find_document (project, g_array_index (documents, gint64, i), error) == NULL)
      return FALSE;

  if (args->coders != NULL)
    {
      coders = pl_cli_arg_to_utf8 (args->coders, error);
      if (coders == NULL)
        return FALSE;
      filter->coder_ids = pl_cli_parse_list (coders, pl_cli_read_coder, project, error);
      if (filter->coder_ids == NULL)
        return FALSE;
    }

  return TRUE;
}

/* Reads the filters, opens the project and checks them against it; NULL with
 * @exit_status set. */
static PlProject *
open_with_query (PlCliInvocation *invocation,
                 FilterArgs      *args,
                 Query           *query,
                 int             *exit_status)
{
  g_autoptr(PlProject) project = NULL;
  GError *error = NULL;

  if (args->json && args->csv)
    {
      *exit_status = pl_cli_usage_error (_("Choose one of --json and --csv."));
      return NULL;
    }

  if (!read_syntax (args, query, exit_status))
    return NULL;

  project = pl_cli_open_project (invocation, exit_status);
  if (project == NULL)
    return NULL;

  if (!read_with_project (project, args, query, &error))
    {
      *exit_status = pl_cli_fail (error);
      return NULL;
    }

  return g_steal_pointer (&project);
}

static void
say_empty (const char *message)
{
  pl_cli_print_message ("%s", message);
}

static void
print_csv (char *csv)
{
  fputs (csv, stdout);
  g_free (csv);
}

/* retrieve */

static void
print_hit_json (JsonBuilder         *builder,
                const PlRetrieveHit *hit)
{
  json_builder_begin_object (builder);
  pl_cli_json_add_string (builder, "annotation_guid", hit->annotation_guid);
  pl_cli_json_add_int (builder, "document_id", hit->document_id);
  json_builder_set_member_name (builder, "statement_index");
  if (hit->statement_index > 0)
    json_builder_add_int_value (builder, hit->statement_index);
  else
    json_builder_add_null_value (builder);
  pl_cli_json_add_int (builder, "start", hit->start);
  pl_cli_json_add_int (builder, "end", hit->end);
  pl_cli_json_add_string (builder, "code", hit->code);
  pl_cli_json_add_string (builder, "text", hit->text);
  pl_cli_json_add_string (builder, "speaker", hit->speaker);
  pl_cli_json_add_string (builder, "entity", hit->entity);
  pl_cli_json_add_string (builder, "entity_type", hit->entity_type);
  pl_cli_json_add_string (builder, "iso3", hit->iso3);
  pl_cli_json_add_string (builder, "regional_group", hit->regional_group);
  pl_cli_json_add_string (builder, "on_behalf_of", hit->on_behalf_of);
  pl_cli_json_add_string (builder, "coder", hit->coder);
  pl_cli_json_add_string (builder, "stance", hit->stance);
  json_builder_end_object (builder);
}

static void
print_hit_row (const PlRetrieveHit *hit)
{
  g_autofree char *document = g_strdup_printf ("%" G_GINT64_FORMAT, hit->document_id);
  g_autofree char *index = hit->statement_index > 0 ? g_strdup_printf ("%u", hit->statement_index)
                                                    : NULL;
  g_autofree char *start = g_strdup_printf ("%u", hit->start);
  g_autofree char *end = g_strdup_printf ("%u", hit->end);

  pl_cli_print_row (9, hit->annotation_guid, document, index, start, end, hit->code, hit->coder,
                    hit->speaker, hit->text);
}

static int
cmd_retrieve (PlCliInvocation *invocation)
{
  g_autoptr(PlProject) project = NULL;
  g_autoptr(GArray) entries = g_array_new (FALSE, FALSE, sizeof (GOptionEntry));
  g_autoptr(GPtrArray) hits = NULL;
  g_auto(FilterArgs) args = { NULL };
  g_auto(Query) query = { { NULL } };
  GError *error = NULL;
  int status;

  add_filter_entries (entries, &args, WITH_CODES | WITH_MODE | WITH_JSON | WITH_CSV);
  if (!parse_command_line (invocation, entries, &status))
    return status;
  if (args.codes == NULL)
    return pl_cli_usage_error (_("The option %s is required."), "--codes");

  project = open_with_query (invocation, &args, &query, &status);
  if (project == NULL)
    return status;

  hits = pl_retrieve (project,
                      &(PlRetrieveSpec) {
                        .code_ids = query.code_ids,
                        .with_descendants = args.with_descendants,
                        .mode = query.mode,
                        .not_code_ids = query.not_code_ids,
                        .filter = &query.filter,
                      },
                      &error);
  if (hits == NULL)
    return pl_cli_fail (error);

  if (args.json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_array (builder);
      for (guint i = 0; i < hits->len; i++)
        print_hit_json (builder, g_ptr_array_index (hits, i));
      json_builder_end_array (builder);
      pl_cli_print_json (builder);
    }
  else if (args.csv)
    print_csv (pl_retrieve_hits_to_csv (hits));
  else
    for (guint i = 0; i < hits->len; i++)
      print_hit_row (g_ptr_array_index (hits, i));

  if (hits->len == 0 && !args.json)
    say_empty (_("No coded segment matches."));

  pl_project_close (project);
  return PL_CLI_EXIT_OK;
}

/* search */

static int
cmd_search (PlCliInvocation *invocation)
{
  g_autoptr(PlProject) project = NULL;
  g_autoptr(GArray) entries = g_array_new (FALSE, FALSE, sizeof (GOptionEntry));
  g_autoptr(GPtrArray) hits = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autofree char *text = NULL;
  g_auto(FilterArgs) args = { NULL };
  g_auto(Query) query = { { NULL } };
  GError *error = NULL;
  int status;

  add_filter_entries (entries, &args, WITH_CODES | WITH_JSON);
  if (!parse_command_line (invocation, entries, &status))
    return status;

  text = pl_cli_arg_to_utf8 (invocation->argv[2], &error);
  if (text == NULL)
    return pl_cli_usage_fail (error);

  project = open_with_query (invocation, &args, &query, &status);
  if (project == NULL)
    return status;
  /* The codes narrow to statements with a segment of them. */
  if (query.code_ids != NULL)
    query.filter.code_ids = pl_retrieve_expand_codes (project, query.code_ids,
                                                      args.with_descendants);

  hits = pl_search (project, text, &query.filter, &error);
  if (hits == NULL)
    {
      if (error->domain == PL_SEARCH_ERROR)
        return pl_cli_usage_fail (error);
      return pl_cli_fail (error);
    }

  json_builder_begin_array (builder);
  for (guint i = 0; i < hits->len; i++)
    {
      const PlSearchHit *hit = g_ptr_array_index (hits, i);

      if (args.json)
        {
          json_builder_begin_object (builder);
          pl_cli_json_add_int (builder, "document_id", hit->document_id);
          pl_cli_json_add_int (builder, "statement_index", hit->statement_index);
          pl_cli_json_add_int (builder, "start", hit->start);
          pl_cli_json_add_int (builder, "end", hit->end);
          pl_cli_json_add_string (builder, "snippet", hit->snippet);
          json_builder_end_object (builder);
        }
      else
        {
          g_autofree char *document = g_strdup_printf ("%" G_GINT64_FORMAT, hit->document_id);
          g_autofree char *index = g_strdup_printf ("%u", hit->statement_index);
          g_autofree char *start = g_strdup_printf ("%u", hit->start);
          g_autofree char *end = g_strdup_printf ("%u", hit->end);

          pl_cli_print_row (5, document, index, start, end, hit->snippet);
        }
    }
  json_builder_end_array (builder);

  if (args.json)
    pl_cli_print_json (builder);
  else if (hits->len == 0)
    say_empty (_("Nothing matches the search."));

  pl_project_close (project);
  return PL_CLI_EXIT_OK;
}

/* stats */

typedef struct
{
  char     *by;
  char     *count;
  gboolean  shares;
} StatsArgs;

static void
stats_args_clear (StatsArgs *args)
{
  g_clear_pointer (&args->by, g_free);
  g_clear_pointer (&args->count, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (StatsArgs, stats_args_clear)

static void
add_stats_entries (GArray    *entries,
                   StatsArgs *args)
{
  const GOptionEntry stats[] = {
    { "by", 0, 0, G_OPTION_ARG_STRING, &args->by,
      N_("The rows: entity, group, entity_type, on_behalf_of, document, process, session, "
         "year, date, coder or stance"), N_("FIELD") },
    { "count", 0, 0, G_OPTION_ARG_STRING, &args->count,
      N_("What is counted: segments (the default), statements or speakers"), N_("WHAT") },
    { "shares", 0, 0, G_OPTION_ARG_NONE, &args->shares,
      N_("Shares within each row instead of counts (CSV, table, chart)"), NULL },
  };

  g_array_append_vals (entries, stats, G_N_ELEMENTS (stats));
}

/* Reads --by (or @default_by) and --count; FALSE with @exit_status set. */
static gboolean
read_stats_args (StatsArgs    *args,
                 const char   *default_by,
                 PlStatsField *out_by,
                 PlStatsCount *out_count,
                 int          *exit_status)
{
  const char *by = args->by != NULL ? args->by : default_by;

  if (by == NULL)
    {
      *exit_status = pl_cli_usage_error (_("The option %s is required."), "--by");
      return FALSE;
    }
  if (!pl_stats_field_from_string (by, out_by))
    {
      *exit_status = pl_cli_usage_error (_("--by is entity, group, entity_type, on_behalf_of, "
                                           "document, process, session, year, date, coder or "
                                           "stance, not “%s”."), by);
      return FALSE;
    }
  *out_count = PL_STATS_COUNT_SEGMENTS;
  if (args->count != NULL && !pl_stats_count_from_string (args->count, out_count))
    {
      *exit_status = pl_cli_usage_error (_("--count is segments, statements or speakers, not "
                                           "“%s”."), args->count);
      return FALSE;
    }

  return TRUE;
}

static void
print_stats_json (PlFrequencyTable *table)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  guint n_columns = pl_frequency_table_get_n_columns (table);

  json_builder_begin_object (builder);
  pl_cli_json_add_string (builder, "by", pl_stats_field_to_string (pl_frequency_table_get_by (table)));
  pl_cli_json_add_string (builder, "count",
                          pl_stats_count_to_string (pl_frequency_table_get_count_kind (table)));
  json_builder_set_member_name (builder, "rows");
  json_builder_begin_array (builder);
  for (guint r = 0; r < pl_frequency_table_get_n_rows (table); r++)
    {
      json_builder_begin_object (builder);
      pl_cli_json_add_string (builder, "key", pl_frequency_table_get_row_key (table, r));
      if (pl_frequency_table_get_by (table) == PL_STATS_BY_DOCUMENT)
        pl_cli_json_add_string (builder, "title", pl_frequency_table_get_row_label (table, r));
      json_builder_set_member_name (builder, "codes");
      json_builder_begin_object (builder);
      for (guint c = 0; c < n_columns; c++)
        pl_cli_json_add_int (builder, pl_frequency_table_get_column_key (table, c),
                             (gint64) pl_frequency_table_get_value (table, r, c));
      json_builder_end_object (builder);
      json_builder_set_member_name (builder, "shares");
      json_builder_begin_object (builder);
      for (guint c = 0; c < n_columns; c++)
        {
          json_builder_set_member_name (builder, pl_frequency_table_get_column_key (table, c));
          json_builder_add_double_value (builder, pl_frequency_table_get_share (table, r, c));
        }
      json_builder_end_object (builder);
      pl_cli_json_add_int (builder, "total", (gint64) pl_frequency_table_get_total (table, r));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  pl_cli_print_json (builder);
}

/* A tab-separated table with a header: the field, the columns' keys, "total". */
static void
print_stats_table (PlFrequencyTable *table,
                   gboolean          shares)
{
  guint n_columns = pl_frequency_table_get_n_columns (table);
  g_autoptr(GString) line = g_string_new (pl_stats_field_to_string (pl_frequency_table_get_by (table)));

  for (guint c = 0; c < n_columns; c++)
    g_string_append_printf (line, "\t%s", pl_frequency_table_get_column_key (table, c));
  g_string_append (line, "\ttotal\n");
  fputs (line->str, stdout);

  for (guint r = 0; r < pl_frequency_table_get_n_rows (table); r++)
    {
      const char *key = pl_frequency_table_get_row_key (table, r);

      g_string_truncate (line, 0);
      g_string_append (line, key != NULL ? key : "");
      for (guint c = 0; c < n_columns; c++)
        if (shares)
          g_string_append_printf (line, "\t%.4f", pl_frequency_table_get_share (table, r, c));
        else
          g_string_append_printf (line, "\t%" G_GUINT64_FORMAT,
                                  pl_frequency_table_get_value (table, r, c));
      g_string_append_printf (line, "\t%" G_GUINT64_FORMAT "\n",
                              pl_frequency_table_get_total (table, r));
      fputs (line->str, stdout);
    }
}

static PlFrequencyTable *
make_table (PlProject     *project,
            Query         *query,
            FilterArgs    *args,
            PlStatsField   by,
            PlStatsCount   count,
            GError       **error)
{
  return pl_frequency_table_new (project,
                                 &(PlFrequencySpec) {
                                   .code_ids = query->code_ids,
                                   .with_descendants = args->with_descendants,
                                   .by = by,
                                   .count = count,
                                   .filter = &query->filter,
                                 },
                                 error);
}

static int
cmd_stats (PlCliInvocation *invocation)
{
  g_autoptr(PlProject) project = NULL;
  g_autoptr(GArray) entries = g_array_new (FALSE, FALSE, sizeof (GOptionEntry));
  g_autoptr(PlFrequencyTable) table = NULL;
  g_auto(FilterArgs) args = { NULL };
  g_auto(StatsArgs) stats = { NULL };
  g_auto(Query) query = { { NULL } };
  GError *error = NULL;
  PlStatsField by;
  PlStatsCount count;
  int status;

  add_stats_entries (entries, &stats);
  add_filter_entries (entries, &args, WITH_CODES | WITH_JSON | WITH_CSV);
  if (!parse_command_line (invocation, entries, &status) ||
      !read_stats_args (&stats, NULL, &by, &count, &status))
    return status;

  project = open_with_query (invocation, &args, &query, &status);
  if (project == NULL)
    return status;

  table = make_table (project, &query, &args, by, count, &error);
  if (table == NULL)
    return pl_cli_fail (error);

  if (args.json)
    print_stats_json (table);
  else if (args.csv)
    print_csv (pl_frequency_table_to_csv (table, stats.shares));
  else
    print_stats_table (table, stats.shares);

  if (pl_frequency_table_get_n_rows (table) == 0 && !args.json)
    say_empty (_("No coded segment matches."));

  pl_project_close (project);
  return PL_CLI_EXIT_OK;
}

/* cooccurrence */

static void
print_cooccurrence_json (PlCooccurrence *matrix)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  guint n = pl_cooccurrence_get_n_codes (matrix);

  json_builder_begin_object (builder);
  pl_cli_json_add_string (builder, "unit",
                          pl_cooccurrence_unit_to_string (pl_cooccurrence_get_unit (matrix)));
  json_builder_set_member_name (builder, "codes");
  json_builder_begin_array (builder);
  for (guint a = 0; a < n; a++)
    {
      json_builder_begin_object (builder);
      pl_cli_json_add_string (builder, "code", pl_cooccurrence_get_code_key (matrix, a));
      pl_cli_json_add_int (builder, "count", (gint64) pl_cooccurrence_get_count (matrix, a, a));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "pairs");
  json_builder_begin_array (builder);
  for (guint a = 0; a < n; a++)
    for (guint b = a + 1; b < n; b++)
      {
        guint64 count = pl_cooccurrence_get_count (matrix, a, b);

        if (count == 0)
          continue;
        json_builder_begin_object (builder);
        pl_cli_json_add_string (builder, "a", pl_cooccurrence_get_code_key (matrix, a));
        pl_cli_json_add_string (builder, "b", pl_cooccurrence_get_code_key (matrix, b));
        pl_cli_json_add_int (builder, "count", (gint64) count);
        json_builder_set_member_name (builder, "jaccard");
        json_builder_add_double_value (builder, pl_cooccurrence_get_jaccard (matrix, a, b));
        json_builder_end_object (builder);
      }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  pl_cli_print_json (builder);
}

static guint
print_cooccurrence_rows (PlCooccurrence *matrix)
{
  guint n = pl_cooccurrence_get_n_codes (matrix);
  guint n_pairs = 0;

  for (guint a = 0; a < n; a++)
    for (guint b = a + 1; b < n; b++)
      {
        guint64 count = pl_cooccurrence_get_count (matrix, a, b);
        g_autofree char *count_text = NULL;
        char jaccard[G_ASCII_DTOSTR_BUF_SIZE];

        if (count == 0)
          continue;
        count_text = g_strdup_printf ("%" G_GUINT64_FORMAT, count);
        g_ascii_formatd (jaccard, sizeof jaccard, "%.4f", pl_cooccurrence_get_jaccard (matrix, a, b));
        pl_cli_print_row (4, pl_cooccurrence_get_code_key (matrix, a),
                          pl_cooccurrence_get_code_key (matrix, b), count_text, jaccard);
        n_pairs++;
      }

  return n_pairs;
}

/* Reads --unit; FALSE with @exit_status set. */
static gboolean
read_unit (const char         *value,
           PlCooccurrenceUnit *out_unit,
           int                *exit_status)
{
  *out_unit = PL_COOCCURRENCE_STATEMENT;
  if (value == NULL || pl_cooccurrence_unit_from_string (value, out_unit))
    return TRUE;

  *exit_status = pl_cli_usage_error (_("--unit is statement or span, not “%s”."), value);
  return FALSE;
}

static PlCooccurrence *
make_matrix (PlProject           *project,
             Query               *query,
             FilterArgs          *args,
             PlCooccurrenceUnit   unit,
             GError             **error)
{
  return pl_cooccurrence_new (project,
                              &(PlCooccurrenceSpec) {
                                .code_ids = query->code_ids,
                                .with_descendants = args->with_descendants,
                                .unit = unit,
                                .filter = &query->filter,
                              },
                              error);
}

static int
cmd_cooccurrence (PlCliInvocation *invocation)
{
  g_autoptr(PlProject) project = NULL;
  g_autoptr(GArray) entries = g_array_new (FALSE, FALSE, sizeof (GOptionEntry));
  g_autoptr(PlCooccurrence) matrix = NULL;
  g_autofree char *unit_arg = NULL;
  g_auto(FilterArgs) args = { NULL };
  g_auto(Query) query = { { NULL } };
  gboolean jaccard = FALSE;
  GError *error = NULL;
  PlCooccurrenceUnit unit;
  int status;
  const GOptionEntry own[] = {
    { "unit", 0, 0, G_OPTION_ARG_STRING, &unit_arg,
      N_("statement: codes in the same statement (the default); span: on overlapping text"),
      N_("UNIT") },
    { "jaccard", 0, 0, G_OPTION_ARG_NONE, &jaccard,
      N_("With --csv, the Jaccard coefficients instead of counts"), NULL },
  };

  g_array_append_vals (entries, own, G_N_ELEMENTS (own));
  add_filter_entries (entries, &args, WITH_CODES | WITH_JSON | WITH_CSV);
  if (!parse_command_line (invocation, entries, &status) ||
      !read_unit (unit_arg, &unit, &status))
    return status;

  project = open_with_query (invocation, &args, &query, &status);
  if (project == NULL)
    return status;

  matrix = make_matrix (project, &query, &args, unit, &error);
  if (matrix == NULL)
    return pl_cli_fail (error);

  if (args.json)
    print_cooccurrence_json (matrix);
  else if (args.csv)
    print_csv (pl_cooccurrence_to_csv (matrix, jaccard));
  else if (print_cooccurrence_rows (matrix) == 0)
    say_empty (_("No two codes come up together."));

  pl_project_close (project);
  return PL_CLI_EXIT_OK;
}

/* chart */

typedef enum
{
  CHART_SVG,
  CHART_PNG,
  CHART_CSV,
} ChartFormat;

static gboolean
chart_format (const char  *path,
              ChartFormat *out_format)
{
  g_autofree char *lower = g_ascii_strdown (path, -1);

  if (g_str_has_suffix (lower, ".svg"))
    *out_format = CHART_SVG;
  else if (g_str_has_suffix (lower, ".png"))
    *out_format = CHART_PNG;
  else if (g_str_has_suffix (lower, ".csv"))
    *out_format = CHART_CSV;
  else
    return FALSE;

  return TRUE;
}

static gboolean
write_chart (PlChartData  *data,
             PlChartKind   kind,
             const char   *path,
             ChartFormat   format,
             int           width,
             int           height,
             gboolean      dark,
             GError      **error)
{
  g_autoptr(PlChart) chart = NULL;

  if (format == CHART_CSV)
    return pl_chart_data_write_csv (data, path, error);

  chart = pl_chart_new (kind, data);
  pl_chart_set_dark (chart, dark);
  if (format == CHART_SVG)
    return pl_chart_export_svg (chart, path, width, height, error);
  return pl_chart_export_png (chart, path, width, height, 1.0, error);
}

static int
cmd_chart (PlCliInvocation *invocation)
{
  static const char * const default_by[] = {
    [PL_CHART_KIND_BAR] = "group",
    [PL_CHART_KIND_HEATMAP] = "entity",
    [PL_CHART_KIND_TIMELINE] = "session",
  };
  g_autoptr(PlProject) project = NULL;
  g_autoptr(GArray) entries = g_array_new (FALSE, FALSE, sizeof (GOptionEntry));
  g_autoptr(PlChartData) data = NULL;
  g_autofree char *kind_arg = NULL;
  g_autofree char *output = NULL;
  g_autofree char *unit_arg = NULL;
  g_auto(FilterArgs) args = { NULL };
  g_auto(StatsArgs) stats = { NULL };
  g_auto(Query) query = { { NULL } };
  gboolean dark = FALSE;
  int width = CHART_WIDTH, height = CHART_HEIGHT;
  GError *error = NULL;
  PlCooccurrenceUnit unit;
  PlChartKind kind;
  PlStatsField by;
  PlStatsCount count;
  ChartFormat format;
  gboolean by_code;
  int status;
  const GOptionEntry own[] = {
    { "kind", 0, 0, G_OPTION_ARG_STRING, &kind_arg, N_("bar, heatmap or timeline"),
      N_("KIND") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
      N_("The file to write: .svg, .png, or .csv for the chart's numbers"), N_("FILE") },
    { "unit", 0, 0, G_OPTION_ARG_STRING, &unit_arg,
      N_("With --by code: statement or span, as for cooccurrence"), N_("UNIT") },
    { "width", 0, 0, G_OPTION_ARG_INT, &width, N_("Width in pixels (960)"), N_("N") },
    { "height", 0, 0, G_OPTION_ARG_INT, &height, N_("Height in pixels (600)"), N_("N") },
    { "dark", 0, 0, G_OPTION_ARG_NONE, &dark, N_("Dark colours"), NULL },
  };

  g_array_append_vals (entries, own, G_N_ELEMENTS (own));
  add_stats_entries (entries, &stats);
  add_filter_entries (entries, &args, WITH_CODES);
  if (!parse_command_line (invocation, entries, &status))
    return status;

  if (kind_arg == NULL)
    return pl_cli_usage_error (_("The option %s is required."), "--kind");
  if (!pl_chart_kind_from_string (kind_arg, &kind))
    return pl_cli_usage_error (_("--kind is bar, heatmap or timeline, not “%s”."), kind_arg);
  if (output == NULL)
    return pl_cli_usage_error (_("The option %s is required."), "--output");
  if (!chart_format (output, &format))
    return pl_cli_usage_error (_("The chart is written as .svg, .png or .csv, not “%s”."),
                               output);
  if (width < 64 || height < 64 || width > PL_CHART_MAX_PIXELS || height > PL_CHART_MAX_PIXELS)
    return pl_cli_usage_error (_("--width and --height are between 64 and %d pixels."),
                               PL_CHART_MAX_PIXELS);

  /* "--by code" draws codes against codes: the co-occurrence heatmap. */
  by_code = g_strcmp0 (stats.by, "code") == 0;
  if (by_code && kind != PL_CHART_KIND_HEATMAP)
    return pl_cli_usage_error (_("--by code is for --kind heatmap."));
  if (!read_unit (unit_arg, &unit, &status) ||
      (!by_code && !read_stats_args (&stats, default_by[kind], &by, &count, &status)))
    return status;

  project = open_with_query (invocation, &args, &query, &status);
  if (project == NULL)
    return status;

  if (by_code)
    {
      g_autoptr(PlCooccurrence) matrix = make_matrix (project, &query, &args, unit, &error);

      if (matrix != NULL)
        data = pl_cooccurrence_to_chart_data (matrix, stats.shares);
    }
  else
    {
      g_autoptr(PlFrequencyTable) table = make_table (project, &query, &args, by, count, &error);

      if (table != NULL)
        data = pl_frequency_table_to_chart_data (table, stats.shares);
    }
  if (data == NULL)
    return pl_cli_fail (error);

  if (!write_chart (data, kind, output, format, width, height, dark, &error))
    return pl_cli_fail (error);

  pl_project_close (project);
  return PL_CLI_EXIT_OK;
}

const PlCliCommand pl_cli_analysis_commands[] = {
  { "retrieve", "PROJECT", 1, 1,
    "retrieve PROJECT --codes CODE,… [--with-descendants] [--mode any|all] [--not CODE,…] "
    "[filters] [--json|--csv]",
    N_("The coded segments of codes, with speaker and statement, filtered by speaker, group, "
       "document, session, date, coder or stance."),
    N_("Retrieve every segment coded with one of the codes (--mode all: only in statements "
       "that have a segment of each), leaving out statements with a --not code.  Filters: "
       "--entities, --groups, --entity-types, --on-behalf-of (the speaker's), --documents, "
       "--processes, --sessions, --since, --until (the document's), --coders, --stances (the "
       "segment's).  Prints GUID, document, statement, start, end, code, coder, speaker and "
       "text; nothing, and a note on stderr, when nothing matches."),
    cmd_retrieve },
  { "search", "PROJECT QUERY", 2, 2, "search PROJECT QUERY [--codes CODE,…] [filters] [--json]",
    N_("Full-text search of the statements: words, \"phrases\", prefix*, NEAR(a b, 10), OR, "
       "NOT; prints document, statement, start, end and a snippet per match."),
    NULL, cmd_search },
  { "stats", "PROJECT", 1, 1,
    "stats PROJECT --by FIELD [--codes CODE,…] [--count segments|statements|speakers] "
    "[--shares] [filters] [--json|--csv]",
    N_("Frequencies: codes by entity, group, entity_type, on_behalf_of, document, process, "
       "session, year, date, coder or stance."),
    NULL, cmd_stats },
  { "cooccurrence", "PROJECT", 1, 1,
    "cooccurrence PROJECT [--codes CODE,…] [--unit statement|span] [filters] "
    "[--json|--csv [--jaccard]]",
    N_("Which codes come up together in a statement (or on overlapping text): counts and "
       "Jaccard."),
    NULL, cmd_cooccurrence },
  { "chart", "PROJECT", 1, 1,
    "chart PROJECT --kind bar|heatmap|timeline [--by FIELD|code] [stats options] "
    "--output FILE.svg|.png|.csv",
    N_("Draw codes by group (bar), by entity or by code (heatmap) or by session (timeline) "
       "as SVG or PNG, or write the chart's numbers as CSV."),
    N_("Draw a chart of the frequencies (stats) or, with --kind heatmap --by code, of the "
       "co-occurrence of codes; --by defaults to group for bar, entity for heatmap and "
       "session for timeline.  --shares draws shares within each row (with --by code, "
       "Jaccard coefficients).  The file's extension says what is written: .svg, .png, or "
       ".csv for the numbers."),
    cmd_chart },
  { NULL }
};
