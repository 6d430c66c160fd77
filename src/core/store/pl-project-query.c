/* pl-project-query.c — what analyses read: coded segments with their statements, filtered
 *
 * A walk runs two queries side by side, both in document order: the statements of the kept
 * documents (with whether the filter keeps each) and the kept annotations.  Each document's
 * share of both is gathered, the annotations are tied to their statements by offset in C
 * (a merge of two sorted lists, where SQL would look each one up), and the document is
 * handed over.  Strings are copied into a chunk that is emptied between documents.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "plenary-query"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "pl-error.h"
#include "pl-project-private.h"
#include "pl-project-query-private.h"

/* Filters */

static char **
strv_copy_or_null (char **strv)
{
  return strv != NULL ? g_strdupv (strv) : NULL;
}

static GArray *
array_copy_or_null (GArray *array)
{
  return array != NULL ? g_array_copy (array) : NULL;
}

void
pl_query_filter_copy (const PlQueryFilter *source,
                      PlQueryFilter       *dest)
{
  g_return_if_fail (source != NULL && dest != NULL);

  dest->entities = strv_copy_or_null (source->entities);
  dest->entity_types = strv_copy_or_null (source->entity_types);
  dest->regional_groups = strv_copy_or_null (source->regional_groups);
  dest->on_behalf_of = strv_copy_or_null (source->on_behalf_of);
  dest->document_ids = array_copy_or_null (source->document_ids);
  dest->processes = strv_copy_or_null (source->processes);
  dest->sessions = strv_copy_or_null (source->sessions);
  dest->since = g_strdup (source->since);
  dest->until = g_strdup (source->until);
  dest->code_ids = array_copy_or_null (source->code_ids);
  dest->coder_ids = array_copy_or_null (source->coder_ids);
  dest->stances = strv_copy_or_null (source->stances);
}

void
pl_query_filter_clear (PlQueryFilter *filter)
{
  g_return_if_fail (filter != NULL);

  g_clear_pointer (&filter->entities, g_strfreev);
  g_clear_pointer (&filter->entity_types, g_strfreev);
  g_clear_pointer (&filter->regional_groups, g_strfreev);
  g_clear_pointer (&filter->on_behalf_of, g_strfreev);
  g_clear_pointer (&filter->document_ids, g_array_unref);
  g_clear_pointer (&filter->processes, g_strfreev);
  g_clear_pointer (&filter->sessions, g_strfreev);
  g_clear_pointer (&filter->since, g_free);
  g_clear_pointer (&filter->until, g_free);
  g_clear_pointer (&filter->code_ids, g_array_unref);
  g_clear_pointer (&filter->coder_ids, g_array_unref);
  g_clear_pointer (&filter->stances, g_strfreev);
}

/* Whether @filter keeps a segment in no statement: one whose speaker has no values, which
 * "" in each list of statement values stands for. */
static gboolean
keeps_no_statement (const PlQueryFilter *filter)
{
  char **lists[4];

  if (filter == NULL)
    return TRUE;

  lists[0] = filter->entities;
  lists[1] = filter->entity_types;
  lists[2] = filter->regional_groups;
  lists[3] = filter->on_behalf_of;
  for (guint i = 0; i < G_N_ELEMENTS (lists); i++)
    if (lists[i] != NULL && !g_strv_contains ((const char * const *) lists[i], ""))
      return FALSE;

  return TRUE;
}

gboolean
pl_query_filter_has_document_values (const PlQueryFilter *filter)
{
  return filter != NULL && (filter->document_ids != NULL || filter->processes != NULL ||
                            filter->sessions != NULL || filter->since != NULL ||
                            filter->until != NULL);
}

gboolean
pl_query_filter_has_annotation_values (const PlQueryFilter *filter)
{
  return filter != NULL && (filter->code_ids != NULL || filter->coder_ids != NULL ||
                            filter->stances != NULL);
}

/* A list of strings: "" stands for NULL, hence coalesce(). */
static void
append_in_strings (GString    *sql,
                   const char *column,
                   const char *parameter)
{
  g_string_append_printf (sql, " AND coalesce(%s, '') IN (SELECT value FROM json_each(%s))",
                          column, parameter);
}

void
pl_query_append_document_where (GString             *sql,
                                const PlQueryFilter *filter)
{
  if (filter == NULL)
    return;

  if (filter->document_ids != NULL)
    g_string_append (sql, " AND d.id IN (SELECT value FROM json_each(:documents))");
  if (filter->processes != NULL)
    append_in_strings (sql, "d.process", ":processes");
  if (filter->sessions != NULL)
    append_in_strings (sql, "d.session", ":sessions");
  /* "2024" keeps every date of 2024 on either side: dates compare as far as the bound
   * goes. */
  if (filter->since != NULL)
    g_string_append (sql, " AND substr(d.date, 1, length(:since)) >= :since");
  if (filter->until != NULL)
    g_string_append (sql, " AND substr(d.date, 1, length(:until)) <= :until");
}

void
pl_query_append_statement_test (GString             *sql,
                                const PlQueryFilter *filter)
{
  g_string_append (sql, "(1");
  if (filter != NULL)
    {
      if (filter->entities != NULL)
        append_in_strings (sql, "s.entity", ":entities");
      if (filter->entity_types != NULL)
        append_in_strings (sql, "s.entity_type", ":entity_types");
      if (filter->regional_groups != NULL)
        append_in_strings (sql, "s.regional_group", ":regional_groups");
      if (filter->on_behalf_of != NULL)
        append_in_strings (sql, "s.on_behalf_of", ":on_behalf_of");
    }
  g_string_append (sql, ")");
}

void
pl_query_append_annotation_where (GString             *sql,
                                  const PlQueryFilter *filter)
{
  if (filter == NULL)
    return;

  if (filter->code_ids != NULL)
    g_string_append (sql, " AND a.code_id IN (SELECT value FROM json_each(:codes))");
  if (filter->coder_ids != NULL)
    g_string_append (sql, " AND a.coder_id IN (SELECT value FROM json_each(:coders))");
  if (filter->stances != NULL)
    append_in_strings (sql, "a.stance", ":stances");
}

static char *
ids_to_json (const GArray *ids)
{
  GString *json = g_string_new ("[");

  for (guint i = 0; i < ids->len; i++)
    g_string_append_printf (json, "%s%" G_GINT64_FORMAT, i > 0 ? "," : "",
                            g_array_index (ids, gint64, i));
  g_string_append_c (json, ']');

  return g_string_free (json, FALSE);
}

static char *
strings_to_json (char **strings)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_array (builder);
  for (guint i = 0; strings[i] != NULL; i++)
    json_builder_add_string_value (builder, strings[i]);
  json_builder_end_array (builder);
  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);

  return json_generator_to_data (generator, NULL);
}

/* Binds @value (taken) to @name when @stmt has that parameter. */
static void
bind_named (sqlite3_stmt *stmt,
            const char   *name,
            char         *value)
{
  int index = sqlite3_bind_parameter_index (stmt, name);

  if (index > 0)
    sqlite3_bind_text (stmt, index, value, -1, g_free);
  else
    g_free (value);
}

void
pl_query_filter_bind (sqlite3_stmt        *stmt,
                      const PlQueryFilter *filter)
{
  const struct
  {
    const char *name;
    char      **strings;
  } lists[] = {
    { ":entities", filter->entities },
    { ":entity_types", filter->entity_types },
    { ":regional_groups", filter->regional_groups },
    { ":on_behalf_of", filter->on_behalf_of },
    { ":processes", filter->processes },
    { ":sessions", filter->sessions },
    { ":stances", filter->stances },
  };
  const struct
  {
    const char *name;
    GArray     *ids;
  } id_lists[] = {
    { ":documents", filter->document_ids },
    { ":codes", filter->code_ids },
    { ":coders", filter->coder_ids },
  };

  for (guint i = 0; i < G_N_ELEMENTS (lists); i++)
    if (lists[i].strings != NULL)
      bind_named (stmt, lists[i].name, strings_to_json (lists[i].strings));
  for (guint i = 0; i < G_N_ELEMENTS (id_lists); i++)
    if (id_lists[i].ids != NULL)
      bind_named (stmt, id_lists[i].name, ids_to_json (id_lists[i].ids));
  if (filter->since != NULL)
    bind_named (stmt, ":since", g_strdup (filter->since));
  if (filter->until != NULL)
    bind_named (stmt, ":until", g_strdup (filter->until));
}

/* Walks */

typedef struct
{
  PlProject           *project;
  const PlQueryFilter *filter;
  gboolean             keeps_no_statement;
  sqlite3_stmt        *statements;
  sqlite3_stmt        *segments;
  int                  statements_rc;
  int                  segments_rc;
  GArray              *document_statements; /* PlQueryStatement */
  GArray              *document_segments;   /* PlQuerySegment */
  GStringChunk        *strings;
} Walk;

static void
walk_clear (Walk *walk)
{
  /* Both statements came from the project's cache: reset, never finalized. */
  if (walk->statements != NULL)
    sqlite3_reset (walk->statements);
  if (walk->segments != NULL)
    sqlite3_reset (walk->segments);
  g_clear_pointer (&walk->document_statements, g_array_unref);
  g_clear_pointer (&walk->document_segments, g_array_unref);
  g_clear_pointer (&walk->strings, g_string_chunk_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Walk, walk_clear)

static sqlite3_stmt *
prepare_statements (PlProject            *project,
                    const PlQueryFilter  *filter,
                    GError              **error)
{
  g_autoptr(GString) sql = g_string_new ("SELECT s.id, s.document_id, s.idx, s.start_offset,"
                                         " s.end_offset, s.kind, s.speaker, s.entity,"
                                         " s.entity_type, s.iso3, s.regional_group,"
                                         " s.on_behalf_of, ");

  pl_query_append_statement_test (sql, filter);
  g_string_append (sql, " FROM statements AS s");
  if (pl_query_filter_has_document_values (filter))
    {
      g_string_append (sql, " WHERE s.document_id IN (SELECT d.id FROM documents AS d WHERE 1");
      pl_query_append_document_where (sql, filter);
      g_string_append (sql, ")");
    }
  g_string_append (sql, " ORDER BY s.document_id, s.start_offset");

  return pl_project_prepare (project, sql->str, error);
}

static sqlite3_stmt *
prepare_segments (PlProject            *project,
                  const PlQueryFilter  *filter,
                  GError              **error)
{
  g_autoptr(GString) sql = g_string_new ("SELECT a.id, a.guid, a.document_id, a.code_id,"
                                         " a.coder_id, a.start_offset, a.end_offset, a.stance"
                                         " FROM annotations AS a WHERE 1");

  if (pl_query_filter_has_document_values (filter))
    {
      g_string_append (sql, " AND a.document_id IN (SELECT d.id FROM documents AS d WHERE 1");
      pl_query_append_document_where (sql, filter);
      g_string_append (sql, ")");
    }
  pl_query_append_annotation_where (sql, filter);
  g_string_append (sql, " ORDER BY a.document_id");

  return pl_project_prepare (project, sql->str, error);
}

static const char *
chunk_text (GStringChunk *chunk,
            sqlite3_stmt *stmt,
            int           column)
{
  const char *text = (const char *) sqlite3_column_text (stmt, column);

  return text != NULL ? g_string_chunk_insert (chunk, text) : NULL;
}

static guint
column_offset (sqlite3_stmt *stmt,
               int           column)
{
  return (guint) CLAMP (sqlite3_column_int64 (stmt, column), 0, G_MAXUINT);
}

static void
read_statement (Walk *walk)
{
  sqlite3_stmt *stmt = walk->statements;
  PlQueryStatement statement;
  const char *kind = (const char *) sqlite3_column_text (stmt, 5);

  statement.id = sqlite3_column_int64 (stmt, 0);
  statement.index = column_offset (stmt, 2);
  statement.start = column_offset (stmt, 3);
  statement.end = column_offset (stmt, 4);
  statement.kind = g_strcmp0 (kind, "front_matter") == 0 ? PL_STATEMENT_KIND_FRONT_MATTER
                                                         : PL_STATEMENT_KIND_STATEMENT;
  statement.speaker = chunk_text (walk->strings, stmt, 6);
  statement.entity = chunk_text (walk->strings, stmt, 7);
  statement.entity_type = chunk_text (walk->strings, stmt, 8);
  statement.iso3 = chunk_text (walk->strings, stmt, 9);
  statement.regional_group = chunk_text (walk->strings, stmt, 10);
  statement.on_behalf_of = chunk_text (walk->strings, stmt, 11);
  statement.kept = sqlite3_column_int (stmt, 12) != 0;
  g_array_append_val (walk->document_statements, statement);
}

static void
read_segment (Walk *walk)
{
  sqlite3_stmt *stmt = walk->segments;
  PlQuerySegment segment;

  segment.id = sqlite3_column_int64 (stmt, 0);
  segment.guid = chunk_text (walk->strings, stmt, 1);
  segment.code_id = sqlite3_column_int64 (stmt, 3);
  segment.coder_id = sqlite3_column_int64 (stmt, 4);
  segment.start = column_offset (stmt, 5);
  segment.end = column_offset (stmt, 6);
  segment.stance = chunk_text (walk->strings, stmt, 7);
  segment.statement = -1;
  g_array_append_val (walk->document_segments, segment);
}

static gint
compare_segments (gconstpointer a,
                  gconstpointer b)
{
  const PlQuerySegment *sa = a;
  const PlQuerySegment *sb = b;

  if (sa->start != sb->start)
    return sa->start < sb->start ? -1 : 1;
  if (sa->end != sb->end)
    return sa->end > sb->end ? -1 : 1;
  return sa->id < sb->id ? -1 : (sa->id > sb->id ? 1 : 0);
}

/* Ties each segment to the last statement that starts at or before it, and drops those
 * the filter leaves out. */
static void
walk_tie_segments (Walk *walk)
{
  GArray *statements = walk->document_statements;
  GArray *segments = walk->document_segments;
  guint kept = 0;
  int current = -1;

  g_array_sort (segments, compare_segments);

  for (guint i = 0; i < segments->len; i++)
    {
      PlQuerySegment *segment = &g_array_index (segments, PlQuerySegment, i);
      gboolean keep;

      while (current + 1 < (int) statements->len &&
             g_array_index (statements, PlQueryStatement, current + 1).start <= segment->start)
        current++;

      segment->statement = current;
      if (current >= 0)
        keep = g_array_index (statements, PlQueryStatement, current).kept;
      else
        keep = walk->keeps_no_statement;

      if (keep)
        g_array_index (segments, PlQuerySegment, kept++) = *segment;
    }

  g_array_set_size (segments, kept);
}

static gint64
current_document (sqlite3_stmt *stmt,
                  int           rc,
                  int           column)
{
  return rc == SQLITE_ROW ? sqlite3_column_int64 (stmt, column) : G_MAXINT64;
}

gboolean
pl_project_query_foreach_document (PlProject            *project,
                                   const PlQueryFilter  *filter,
                                   PlQueryDocumentFunc   func,
                                   gpointer              user_data,
                                   GError              **error)
{
  g_auto(Walk) walk = { NULL };

  g_return_val_if_fail (PL_IS_PROJECT (project), FALSE);
  g_return_val_if_fail (func != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  walk.project = project;
  walk.filter = filter;
  walk.keeps_no_statement = keeps_no_statement (filter);
  walk.document_statements = g_array_new (FALSE, FALSE, sizeof (PlQueryStatement));
  walk.document_segments = g_array_new (FALSE, FALSE, sizeof (PlQuerySegment));
  walk.strings = g_string_chunk_new (4096);

  walk.statements = prepare_statements (project, filter, error);
  if (walk.statements == NULL)
    return FALSE;
  /* Two statements of the cache are stepped side by side: they differ in their text, so
   * neither resets the other. */
  walk.segments = prepare_segments (project, filter, error);
  if (walk.segments == NULL)
    return FALSE;
  if (filter != NULL)
    {
      pl_query_filter_bind (walk.statements, filter);
      pl_query_filter_bind (walk.segments, filter);
    }

  walk.statements_rc = sqlite3_step (walk.statements);
  walk.segments_rc = sqlite3_step (walk.segments);

  for (;;)
    {
      gint64 next_statement = current_document (walk.statements, walk.statements_rc, 1);
      gint64 next_segment = current_document (walk.segments, walk.segments_rc, 2);
      gint64 document_id = MIN (next_statement, next_segment);
      PlDocument *document;

      if (document_id == G_MAXINT64)
        break;

      g_array_set_size (walk.document_statements, 0);
      g_array_set_size (walk.document_segments, 0);
      g_string_chunk_clear (walk.strings);

      while (walk.statements_rc == SQLITE_ROW &&
             sqlite3_column_int64 (walk.statements, 1) == document_id)
        {
          read_statement (&walk);
          walk.statements_rc = sqlite3_step (walk.statements);
        }
      while (walk.segments_rc == SQLITE_ROW &&
             sqlite3_column_int64 (walk.segments, 2) == document_id)
        {
          read_segment (&walk);
          walk.segments_rc = sqlite3_step (walk.segments);
        }

      walk_tie_segments (&walk);
      document = pl_project_find_document (project, document_id);
      if (walk.document_segments->len == 0 || document == NULL)
        continue;

      if (!func (&(PlQueryDocument) {
                   .document = document,
                   .statements = (const PlQueryStatement *) walk.document_statements->data,
                   .n_statements = walk.document_statements->len,
                   .segments = (const PlQuerySegment *) walk.document_segments->data,
                   .n_segments = walk.document_segments->len,
                 },
                 user_data, error))
        return FALSE;
    }

  if (walk.statements_rc != SQLITE_DONE || walk.segments_rc != SQLITE_DONE)
    {
      pl_project_set_sql_error (project, error, "read the coded segments");
      return FALSE;
    }

  return TRUE;
}

/* Values */

char **
pl_project_query_list_values (PlProject     *project,
                              PlQueryField   field,
                              GError       **error)
{
  static const char * const queries[] = {
    [PL_QUERY_FIELD_ENTITY] = "SELECT DISTINCT entity FROM statements"
                              " WHERE entity IS NOT NULL ORDER BY 1",
    [PL_QUERY_FIELD_ENTITY_TYPE] = "SELECT DISTINCT entity_type FROM statements"
                                   " WHERE entity_type IS NOT NULL ORDER BY 1",
    [PL_QUERY_FIELD_REGIONAL_GROUP] = "SELECT DISTINCT regional_group FROM statements"
                                      " WHERE regional_group IS NOT NULL ORDER BY 1",
    [PL_QUERY_FIELD_ON_BEHALF_OF] = "SELECT DISTINCT on_behalf_of FROM statements"
                                    " WHERE on_behalf_of IS NOT NULL ORDER BY 1",
    [PL_QUERY_FIELD_PROCESS] = "SELECT DISTINCT process FROM documents"
                               " WHERE process IS NOT NULL ORDER BY 1",
    [PL_QUERY_FIELD_SESSION] = "SELECT DISTINCT session FROM documents"
                               " WHERE session IS NOT NULL ORDER BY 1",
    [PL_QUERY_FIELD_STANCE] = "SELECT DISTINCT stance FROM annotations"
                              " WHERE stance IS NOT NULL ORDER BY 1",
  };
  g_autoptr(GPtrArray) values = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (PL_IS_PROJECT (project), NULL);
  g_return_val_if_fail ((guint) field < G_N_ELEMENTS (queries), NULL);

  stmt = pl_project_prepare (project, queries[field], error);
  if (stmt == NULL)
    return NULL;

  values = g_ptr_array_new_with_free_func (g_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (values, pl_sql_dup_text (stmt, 0));
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      pl_project_set_sql_error (project, error, "read the project");
      return NULL;
    }

  g_ptr_array_add (values, NULL);
  return (char **) g_ptr_array_free (g_steal_pointer (&values), FALSE);
}
