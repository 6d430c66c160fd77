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

/* A walk for fewer than one code in FEW_CODES finds them through the index of codes. */
#define FEW_CODES 4

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
                                  const PlQueryFilter *filter,
                                  PlQueryCodes         codes)
{
  if (filter == NULL)
    return;

  if (filter->code_ids != NULL)
    switch (codes)
      {
      case PL_QUERY_CODES_INDEXED:
        g_string_append (sql, " AND a.code_id IN (SELECT value FROM json_each(:codes))");
        break;
      case PL_QUERY_CODES_TESTED:
        /* A unary + keeps SQLite from reaching for the index of codes. */
        g_string_append (sql, " AND +a.code_id IN (SELECT value FROM json_each(:codes))");
        break;
      case PL_QUERY_CODES_ROWIDS:
        g_string_append (sql, " AND a.id IN (SELECT id FROM annotations"
                              " WHERE code_id IN (SELECT value FROM json_each(:codes)))");
        break;
      default:
        g_assert_not_reached ();
      }
  if (filter->coder_ids != NULL)
    g_string_append (sql, " AND a.coder_id IN (SELECT value FROM json_each(:coders))");
  if (filter->stances != NULL)
    append_in_strings (sql, "a.stance", ":stances");
}

char *
pl_query_ids_to_json (const GArray *ids)
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

void
pl_query_bind_named (sqlite3_stmt *stmt,
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
      pl_query_bind_named (stmt, lists[i].name, strings_to_json (lists[i].strings));
  for (guint i = 0; i < G_N_ELEMENTS (id_lists); i++)
    if (id_lists[i].ids != NULL)
      pl_query_bind_named (stmt, id_lists[i].name, pl_query_ids_to_json (id_lists[i].ids));
  if (filter->since != NULL)
    pl_query_bind_named (stmt, ":since", g_strdup (filter->since));
  if (filter->until != NULL)
    pl_query_bind_named (stmt, ":until", g_strdup (filter->until));
}

/* Walks
 *
 * The segments are read at once in the order they are stored (an ORDER BY would have
 * SQLite sort them, on disk when they are many) and sorted here by document and start; a
 * few codes' segments are found through the index of codes, their rows then read in
 * stored order.  The statements stream in document order beside them. */

typedef struct
{
  gint64          document_id;
  PlQuerySegment  segment;
} Placed;

typedef struct
{
  gboolean             keeps_no_statement;
  sqlite3_stmt        *statements;
  int                  statements_rc;
  GArray              *segments;            /* Placed, by document, start, longer first, id */
  GArray              *document_statements; /* PlQueryStatement */
  GArray              *document_segments;   /* PlQuerySegment */
  GStringChunk        *strings;             /* the statements' strings of one document */
  GStringChunk        *segment_strings;     /* the segments' strings of the whole walk */
  sqlite3_stmt        *text;                /* with PL_QUERY_DOCUMENT_TEXT: the walk's own,
                                             * so that no call from the callback resets it */
} Walk;

static void
walk_clear (Walk *walk)
{
  /* From the project's cache: reset, never finalized. */
  if (walk->statements != NULL)
    sqlite3_reset (walk->statements);
  g_clear_pointer (&walk->segments, g_array_unref);
  g_clear_pointer (&walk->document_statements, g_array_unref);
  g_clear_pointer (&walk->document_segments, g_array_unref);
  g_clear_pointer (&walk->strings, g_string_chunk_free);
  g_clear_pointer (&walk->segment_strings, g_string_chunk_free);
  g_clear_pointer (&walk->text, sqlite3_finalize);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Walk, walk_clear)

static void
append_documents_test (GString             *sql,
                       const char          *column,
                       const PlQueryFilter *filter)
{
  if (!pl_query_filter_has_document_values (filter))
    return;

  g_string_append_printf (sql, " AND %s IN (SELECT d.id FROM documents AS d WHERE 1", column);
  pl_query_append_document_where (sql, filter);
  g_string_append (sql, ")");
}

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
  g_string_append (sql, " FROM statements AS s WHERE 1");
  append_documents_test (sql, "s.document_id", filter);
  g_string_append (sql, " ORDER BY s.document_id, s.start_offset");

  return pl_project_prepare (project, sql->str, error);
}

/* Whether @code_ids names every code of @project. */
static gboolean
covers_every_code (PlProject *project,
                   GArray    *code_ids)
{
  g_autoptr(GHashTable) named = g_hash_table_new (g_int64_hash, g_int64_equal);
  GListModel *codes = pl_project_get_codes (project);
  guint n = g_list_model_get_n_items (codes);

  for (guint i = 0; i < code_ids->len; i++)
    g_hash_table_add (named, &g_array_index (code_ids, gint64, i));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PlCode) code = g_list_model_get_item (codes, i);
      gint64 id = pl_code_get_id (code);

      if (!g_hash_table_contains (named, &id))
        return FALSE;
    }

  return TRUE;
}

static sqlite3_stmt *
prepare_segments (PlProject            *project,
                  const PlQueryFilter  *filter,
                  PlQueryFlags          flags,
                  GError              **error)
{
  g_autoptr(GString) sql = g_string_new (NULL);
  guint n_codes = g_list_model_get_n_items (pl_project_get_codes (project));
  PlQueryCodes codes = PL_QUERY_CODES_TESTED;

  g_string_printf (sql, "SELECT a.id, %s, a.document_id, a.code_id, a.coder_id, a.start_offset,"
                        " a.end_offset, a.stance FROM annotations AS a WHERE 1",
                   flags & PL_QUERY_SEGMENT_GUIDS ? "a.guid" : "NULL");
  append_documents_test (sql, "a.document_id", filter);
  if (filter != NULL && filter->code_ids != NULL && filter->code_ids->len * FEW_CODES < n_codes)
    codes = PL_QUERY_CODES_ROWIDS;
  /* Every code of the project, as a table of all codes asks: no test at all. */
  if (filter != NULL && filter->code_ids != NULL && covers_every_code (project, filter->code_ids))
    {
      PlQueryFilter any_code = *filter;

      any_code.code_ids = NULL;
      pl_query_append_annotation_where (sql, &any_code, codes);
    }
  else
    pl_query_append_annotation_where (sql, filter, codes);

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
  statement.kept = sqlite3_column_int (stmt, 12) != 0;
  /* A statement the filter leaves out only bounds the one before it. */
  if (statement.kept)
    {
      statement.speaker = chunk_text (walk->strings, stmt, 6);
      statement.entity = chunk_text (walk->strings, stmt, 7);
      statement.entity_type = chunk_text (walk->strings, stmt, 8);
      statement.iso3 = chunk_text (walk->strings, stmt, 9);
      statement.regional_group = chunk_text (walk->strings, stmt, 10);
      statement.on_behalf_of = chunk_text (walk->strings, stmt, 11);
    }
  else
    statement.speaker = statement.entity = statement.entity_type = statement.iso3 =
      statement.regional_group = statement.on_behalf_of = NULL;
  g_array_append_val (walk->document_statements, statement);
}

static gint
compare_placed (gconstpointer a,
                gconstpointer b)
{
  const Placed *pa = a;
  const Placed *pb = b;

  if (pa->document_id != pb->document_id)
    return pa->document_id < pb->document_id ? -1 : 1;
  if (pa->segment.start != pb->segment.start)
    return pa->segment.start < pb->segment.start ? -1 : 1;
  if (pa->segment.end != pb->segment.end)
    return pa->segment.end > pb->segment.end ? -1 : 1;
  return pa->segment.id < pb->segment.id ? -1 : (pa->segment.id > pb->segment.id);
}

static gboolean
read_segments (PlProject            *project,
               Walk                 *walk,
               const PlQueryFilter  *filter,
               PlQueryFlags          flags,
               GError              **error)
{
  sqlite3_stmt *stmt = prepare_segments (project, filter, flags, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  if (filter != NULL)
    pl_query_filter_bind (stmt, filter);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      Placed placed;
      const char *stance = (const char *) sqlite3_column_text (stmt, 7);

      placed.document_id = sqlite3_column_int64 (stmt, 2);
      placed.segment.id = sqlite3_column_int64 (stmt, 0);
      placed.segment.guid = chunk_text (walk->segment_strings, stmt, 1);
      placed.segment.code_id = sqlite3_column_int64 (stmt, 3);
      placed.segment.coder_id = sqlite3_column_int64 (stmt, 4);
      placed.segment.start = column_offset (stmt, 5);
      placed.segment.end = column_offset (stmt, 6);
      placed.segment.stance = stance != NULL ? g_string_chunk_insert_const (walk->segment_strings,
                                                                            stance) : NULL;
      placed.segment.statement = -1;
      g_array_append_val (walk->segments, placed);
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      pl_project_set_sql_error (project, error, "read the coded segments");
      return FALSE;
    }

  g_array_sort (walk->segments, compare_placed);
  return TRUE;
}

/* Takes the segments of @document_id from the sorted ones, from *@next on; ties each to
 * the last statement that starts at or before it, and keeps those the filter keeps. */
static void
walk_take_segments (Walk   *walk,
                    gint64  document_id,
                    guint  *next)
{
  GArray *statements = walk->document_statements;
  GArray *segments = walk->document_segments;
  int current = -1;

  g_array_set_size (segments, 0);
  for (; *next < walk->segments->len; (*next)++)
    {
      Placed *placed = &g_array_index (walk->segments, Placed, *next);
      gboolean keep;

      if (placed->document_id != document_id)
        break;

      while (current + 1 < (int) statements->len &&
             g_array_index (statements, PlQueryStatement, current + 1).start <= placed->segment.start)
        current++;

      placed->segment.statement = current;
      if (current >= 0)
        keep = g_array_index (statements, PlQueryStatement, current).kept;
      else
        keep = walk->keeps_no_statement;

      if (keep)
        g_array_append_val (segments, placed->segment);
    }
}

/* The text of document @document_id, as SQLite holds it until the next one is read. */
static const char *
walk_read_text (PlProject  *project,
                Walk       *walk,
                gint64      document_id,
                GError    **error)
{
  const char *text;

  if (walk->text == NULL &&
      sqlite3_prepare_v2 (pl_project_get_db (project), "SELECT text FROM documents WHERE id = ?",
                          -1, &walk->text, NULL) != SQLITE_OK)
    {
      pl_project_set_sql_error (project, error, "read the document");
      return NULL;
    }

  sqlite3_reset (walk->text);
  sqlite3_bind_int64 (walk->text, 1, document_id);
  if (sqlite3_step (walk->text) != SQLITE_ROW ||
      (text = (const char *) sqlite3_column_text (walk->text, 0)) == NULL)
    {
      pl_project_set_sql_error (project, error, "read the document");
      return NULL;
    }

  return text;
}

static gint64
next_statement_document (Walk *walk)
{
  return walk->statements_rc == SQLITE_ROW ? sqlite3_column_int64 (walk->statements, 1)
                                           : G_MAXINT64;
}

gboolean
pl_project_query_foreach_document (PlProject            *project,
                                   const PlQueryFilter  *filter,
                                   PlQueryFlags          flags,
                                   PlQueryDocumentFunc   func,
                                   gpointer              user_data,
                                   GError              **error)
{
  g_auto(Walk) walk = { 0 };
  guint next = 0;

  g_return_val_if_fail (PL_IS_PROJECT (project), FALSE);
  g_return_val_if_fail (func != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  walk.keeps_no_statement = keeps_no_statement (filter);
  walk.segments = g_array_new (FALSE, FALSE, sizeof (Placed));
  walk.document_statements = g_array_new (FALSE, FALSE, sizeof (PlQueryStatement));
  walk.document_segments = g_array_new (FALSE, FALSE, sizeof (PlQuerySegment));
  walk.strings = g_string_chunk_new (4096);
  walk.segment_strings = g_string_chunk_new (65536);

  if (!read_segments (project, &walk, filter, flags, error))
    return FALSE;

  walk.statements = prepare_statements (project, filter, error);
  if (walk.statements == NULL)
    return FALSE;
  if (filter != NULL)
    pl_query_filter_bind (walk.statements, filter);
  walk.statements_rc = sqlite3_step (walk.statements);

  while (next < walk.segments->len)
    {
      gint64 document_id = g_array_index (walk.segments, Placed, next).document_id;
      const char *text = NULL;
      PlDocument *document;

      /* Statements of documents without segments are passed over. */
      while (next_statement_document (&walk) < document_id)
        walk.statements_rc = sqlite3_step (walk.statements);

      g_array_set_size (walk.document_statements, 0);
      g_string_chunk_clear (walk.strings);
      while (next_statement_document (&walk) == document_id)
        {
          read_statement (&walk);
          walk.statements_rc = sqlite3_step (walk.statements);
        }
      if (walk.statements_rc != SQLITE_ROW && walk.statements_rc != SQLITE_DONE)
        break;

      walk_take_segments (&walk, document_id, &next);
      document = pl_project_find_document (project, document_id);
      if (walk.document_segments->len == 0 || document == NULL)
        continue;
      if ((flags & PL_QUERY_DOCUMENT_TEXT) &&
          (text = walk_read_text (project, &walk, document_id, error)) == NULL)
        return FALSE;

      if (!func (&(PlQueryDocument) {
                   .document = document,
                   .text = text,
                   .statements = (const PlQueryStatement *) walk.document_statements->data,
                   .n_statements = walk.document_statements->len,
                   .segments = (const PlQuerySegment *) walk.document_segments->data,
                   .n_segments = walk.document_segments->len,
                 },
                 user_data, error))
        return FALSE;
    }

  if (walk.statements_rc != SQLITE_ROW && walk.statements_rc != SQLITE_DONE)
    {
      pl_project_set_sql_error (project, error, "read the statements");
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
