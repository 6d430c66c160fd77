/* test-export-tables.c — long CSV with every column, wide matrix, JSON against its schema, filters, async
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "plenary-test"

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "pl-error.h"
#include "pl-exporter.h"
#include "pl-project-private.h"
#include "pl-text.h"
#include "pl-test-util.h"

static const char *compact_columns[] = {
  "annotation_guid", "document_id", "document_title", "statement_index", "speaker", "code_id",
  "code_guid", "code_name", "code_path", "start", "end", "text", "coder", "memo", "created",
  "modified", NULL
};

static const char *long_columns[] = {
  "document_guid", "process", "session", "meeting", "date", "agenda_item", "source_type",
  "language", "format", "source_uri", "statement_kind", "entity", "entity_type", "iso3",
  "regional_group", "on_behalf_of", "coder_guid", "stance", "codebook_version", NULL
};

static const char first_text[] =
  "Chair\nWelcome, delegates.\n\n"
  "Brazil\nWe support =the norms 😀 of 中文 behaviour.\n\n"
  "Japan\n-3 CBMs @matter, said Japan.\n";
static const char second_text[] = "Kenya\nAnother paragraph here.\n";

typedef struct
{
  const char *guid;           /* owned by the fixture's table */
  gint64      document_id;
  gint64      code_id;
  const char *coder;
  guint       start;
  guint       end;
  const char *memo;
  const char *stance;
  gint64      version;
  const char *created;
} Expected;

typedef struct
{
  char       *dir;
  char       *path;
  PlProject  *project;
  gint64      first_id;
  gint64      second_id;
  gint64      norms;       /* NRM */
  gint64      infra;       /* NRM.F, child of NRM */
  gint64      grids;       /* no short id, child of NRM.F */
  gint64      folder;      /* FLD, not codable */
  gint64      law;         /* IL, child of FLD */
  gint64      ann;
  gint64      bo;
  GPtrArray  *expected;    /* Expected */
  GPtrArray  *guids;       /* char *, owning the Expected GUIDs */
} Fixture;

static guint
offset_of (const char *text,
           const char *needle)
{
  const char *found = strstr (text, needle);

  g_assert_nonnull (found);
  return (guint) g_utf8_pointer_to_offset (text, found);
}

static gint64
add_code (PlProject  *project,
          gint64      parent_id,
          const char *short_id,
          const char *name,
          gboolean    codable)
{
  g_autoptr(GError) error = NULL;
  PlCodeSpec spec = { 0 };
  PlCode *code;

  spec.parent_id = parent_id;
  spec.short_id = short_id;
  spec.name = name;
  spec.codable = codable;
  code = pl_project_add_code (project, &spec, &error);
  g_assert_no_error (error);
  return pl_code_get_id (code);
}

static void
add_annotation (Fixture    *fixture,
                gint64      document_id,
                const char *text,
                const char *from,
                const char *to,
                gint64      code_id,
                gint64      coder_id,
                const char *coder,
                const char *memo,
                const char *stance,
                gint64      version,
                const char *created)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PlAnnotation) annotation = NULL;
  Expected *expected = g_new0 (Expected, 1);
  guint start = offset_of (text, from);
  guint end = offset_of (text, to) + g_utf8_strlen (to, -1);
  char *guid;

  annotation = pl_project_add_annotation (fixture->project,
                                          &(PlAnnotationSpec) { document_id, code_id, coder_id, start, end,
                                                                memo },
                                          &error);
  g_assert_no_error (error);

  guid = g_strdup (annotation->guid);
  g_ptr_array_add (fixture->guids, guid);
  {
    sqlite3_stmt *stmt = pl_project_prepare (fixture->project,
                                             "UPDATE annotations SET created = ?, modified = ?,"
                                             " stance = ?, codebook_version = ? WHERE guid = ?",
                                             &error);

    g_assert_no_error (error);
    sqlite3_bind_text (stmt, 1, created, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text (stmt, 2, created, -1, SQLITE_TRANSIENT);
    if (stance != NULL)
      sqlite3_bind_text (stmt, 3, stance, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64 (stmt, 4, version);
    sqlite3_bind_text (stmt, 5, guid, -1, SQLITE_TRANSIENT);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
    g_assert_cmpint (sqlite3_changes (pl_project_get_db (fixture->project)), ==, 1);
    sqlite3_reset (stmt);
  }

  expected->guid = guid;
  expected->document_id = document_id;
  expected->code_id = code_id;
  expected->coder = coder;
  expected->start = start;
  expected->end = end;
  expected->memo = memo;
  expected->stance = stance;
  expected->version = version;
  expected->created = created;
  g_ptr_array_add (fixture->expected, expected);
}

static void
set_statement (PlProject  *project,
               gint64      document_id,
               guint       index,
               const char *kind,
               const char *speaker,
               const char *entity,
               const char *entity_type,
               const char *iso3,
               const char *group,
               const char *on_behalf_of)
{
  g_autoptr(GError) error = NULL;
  sqlite3_stmt *stmt;
  const char *values[] = { kind, speaker, entity, entity_type, iso3, group, on_behalf_of };

  stmt = pl_project_prepare (project,
                             "UPDATE statements SET kind = ?, speaker = ?, entity = ?,"
                             " entity_type = ?, iso3 = ?, regional_group = ?, on_behalf_of = ?"
                             " WHERE document_id = ? AND idx = ?", &error);
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    if (values[i] != NULL)
      sqlite3_bind_text (stmt, (int) i + 1, values[i], -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 8, document_id);
  sqlite3_bind_int64 (stmt, 9, index);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  g_assert_cmpint (sqlite3_changes (pl_project_get_db (project)), ==, 1);
  sqlite3_reset (stmt);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) metadata = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) statements = NULL;
  PlDocument *document;

  fixture->dir = g_dir_make_tmp ("plenary-tables-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->dir, "project.plenary", NULL);
  fixture->expected = g_ptr_array_new_with_free_func (g_free);
  fixture->guids = g_ptr_array_new_with_free_func (g_free);

  fixture->project = pl_project_open (fixture->path, PL_PROJECT_OPEN_CREATE, &error);
  g_assert_no_error (error);

  fixture->norms = add_code (fixture->project, 0, "NRM", "Norms", TRUE);
  fixture->infra = add_code (fixture->project, fixture->norms, "NRM.F", "Critical, \"infra\"", TRUE);
  fixture->grids = add_code (fixture->project, fixture->infra, NULL, "Power grids", TRUE);
  fixture->folder = add_code (fixture->project, 0, "FLD", "Law", FALSE);
  fixture->law = add_code (fixture->project, fixture->folder, "IL", "=International law", TRUE);

  g_hash_table_insert (metadata, "process", "OEWG");
  g_hash_table_insert (metadata, "session", "=1+2");
  g_hash_table_insert (metadata, "date", "2024-03-07");
  g_hash_table_insert (metadata, "language", "en");
  document = pl_project_add_document_full (fixture->project, "Transcript", first_text,
                                           "file:///tmp/first.txt", metadata, &error);
  g_assert_no_error (error);
  fixture->first_id = pl_document_get_id (document);

  document = pl_project_add_document (fixture->project, "Second", second_text, NULL, &error);
  g_assert_no_error (error);
  fixture->second_id = pl_document_get_id (document);

  statements = pl_project_list_statements (fixture->project, fixture->first_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (statements->len, ==, 3);
  set_statement (fixture->project, fixture->first_id, 1, "front_matter", "Chair", NULL, NULL,
                 NULL, NULL, NULL);
  set_statement (fixture->project, fixture->first_id, 2, "statement", "Brazil", "Brazil",
                 "member_state", "BRA", "GRULAC", NULL);
  set_statement (fixture->project, fixture->first_id, 3, "statement", "Japan", "Japan",
                 "member_state", "JPN", "Asia-Pacific", "@Group of 77");

  fixture->ann = pl_project_ensure_coder (fixture->project, "Ann", &error)->id;
  fixture->bo = pl_project_ensure_coder (fixture->project, "Bo", &error)->id;
  g_assert_no_error (error);

  add_annotation (fixture, fixture->first_id, first_text, "We support", "We support",
                  fixture->infra, fixture->ann, "Ann", "=HYPERLINK(\"x\")", "supports", 1,
                  "2026-01-01T10:00:00Z");
  add_annotation (fixture, fixture->first_id, first_text, "norms", "norms", fixture->grids,
                  fixture->bo, "Bo", "-3", NULL, 1, "2026-01-02T10:00:00Z");
  add_annotation (fixture, fixture->first_id, first_text, "norms", "CBMs", fixture->norms,
                  fixture->ann, "Ann", NULL, NULL, 1, "2026-01-03T10:00:00Z");
  add_annotation (fixture, fixture->first_id, first_text, "CBMs", "CBMs", fixture->law,
                  fixture->bo, "Bo", "@mention, \"quoted\"", "opposes", 2,
                  "2026-01-04T10:00:00Z");
  add_annotation (fixture, fixture->second_id, second_text, "Another", "Another",
                  fixture->infra, fixture->bo, "Bo", "\tTabbed", NULL, 1,
                  "2026-01-05T10:00:00Z");
  add_annotation (fixture, fixture->first_id, first_text, "Welcome", "Welcome", fixture->law,
                  fixture->ann, "Ann", NULL, NULL, 1, "2026-01-06T23:59:59Z");
  add_annotation (fixture, fixture->first_id, first_text, "-3", "-3", fixture->norms,
                  fixture->ann, "Ann", "+49 30 1234", NULL, 1, "2026-01-07T00:00:00Z");
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->project);
  pl_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->path);
  g_ptr_array_unref (fixture->expected);
  g_ptr_array_unref (fixture->guids);
}

/* A strict RFC 4180 reader: CRLF row ends, quoted fields with doubled quotes, no stray
 * quotes or bare CR/LF outside quotes.  Returns rows of fields, or NULL on bad input. */
static GPtrArray *
parse_csv_strict (const char *data,
                  gsize       length)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  g_autoptr(GPtrArray) fields = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) field = g_string_new (NULL);
  gsize i = 0;

  if (length == 0)
    return g_steal_pointer (&rows);

  for (;;)
    {
      g_string_truncate (field, 0);

      if (i < length && data[i] == '"')
        {
          i++;
          for (;;)
            {
              if (i >= length)
                return NULL;
              if (data[i] == '"')
                {
                  if (i + 1 < length && data[i + 1] == '"')
                    {
                      g_string_append_c (field, '"');
                      i += 2;
                      continue;
                    }
                  i++;
                  break;
                }
              g_string_append_c (field, data[i++]);
            }
        }
      else
        {
          while (i < length && data[i] != ',' && data[i] != '\r' && data[i] != '\n')
            {
              if (data[i] == '"')
                return NULL;
              g_string_append_c (field, data[i++]);
            }
        }

      g_ptr_array_add (fields, g_strndup (field->str, field->len));

      if (i < length && data[i] == ',')
        {
          i++;
          continue;
        }

      if (i + 1 < length && data[i] == '\r' && data[i + 1] == '\n')
        {
          i += 2;
          g_ptr_array_add (fields, NULL);
          g_ptr_array_add (rows, g_ptr_array_free (g_steal_pointer (&fields), FALSE));
          fields = g_ptr_array_new_with_free_func (g_free);
          if (i == length)
            return g_steal_pointer (&rows);
          continue;
        }

      return NULL;
    }
}

static char *
export_to_string (Fixture               *fixture,
                  PlExportFormat         format,
                  const PlExportOptions *options,
                  const char            *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (fixture->dir, name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  char *data = NULL;
  gsize length;

  g_assert_true (pl_export_full (fixture->project, &(PlExportSpec) { format, file, options },
                                 NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &data, &length, &error));
  g_assert_no_error (error);
  g_assert_true (g_utf8_validate (data, length, NULL));
  g_assert_false (g_str_has_prefix (data, "\xEF\xBB\xBF"));

  return data;
}

static GPtrArray *
export_rows (Fixture               *fixture,
             PlExportFormat         format,
             const PlExportOptions *options)
{
  g_autofree char *data = export_to_string (fixture, format, options, "table.csv");
  GPtrArray *rows = parse_csv_strict (data, strlen (data));

  g_assert_nonnull (rows);
  g_assert_cmpuint (rows->len, >=, 1);
  for (guint i = 1; i < rows->len; i++)
    g_assert_cmpuint (g_strv_length (rows->pdata[i]), ==, g_strv_length (rows->pdata[0]));

  return rows;
}

static int
column (GPtrArray  *rows,
        const char *name)
{
  char **header = rows->pdata[0];

  for (int i = 0; header[i] != NULL; i++)
    if (strcmp (header[i], name) == 0)
      return i;

  g_assert_not_reached ();
  return -1;
}

static const char *
cell (GPtrArray  *rows,
      guint       row,
      const char *name)
{
  return ((char **) rows->pdata[row])[column (rows, name)];
}

static guint
find_row (GPtrArray  *rows,
          const char *column_name,
          const char *value)
{
  for (guint i = 1; i < rows->len; i++)
    if (g_strcmp0 (cell (rows, i, column_name), value) == 0)
      return i;

  g_assert_not_reached ();
  return 0;
}

static const Expected *
expected_by_guid (Fixture    *fixture,
                  const char *guid)
{
  for (guint i = 0; i < fixture->expected->len; i++)
    {
      const Expected *expected = g_ptr_array_index (fixture->expected, i);

      if (strcmp (expected->guid, guid) == 0)
        return expected;
    }

  return NULL;
}

/* Long CSV */

static void
test_long_header (Fixture       *fixture,
                  gconstpointer  data)
{
  PlExportOptions options = { 0 };
  g_autoptr(GPtrArray) rows = export_rows (fixture, PL_EXPORT_FORMAT_CSV, &options);
  char **header = rows->pdata[0];
  guint n = 0;

  /* The sixteen columns of Plenary 0.1 first, then the others; one level per depth of the
   * deepest code (3: Norms / Critical / Power grids). */
  for (guint i = 0; compact_columns[i] != NULL; i++, n++)
    g_assert_cmpstr (header[n], ==, compact_columns[i]);
  for (guint i = 0; long_columns[i] != NULL; i++, n++)
    g_assert_cmpstr (header[n], ==, long_columns[i]);
  g_assert_cmpstr (header[n++], ==, "code_level_1");
  g_assert_cmpstr (header[n++], ==, "code_level_2");
  g_assert_cmpstr (header[n++], ==, "code_level_3");
  g_assert_null (header[n]);

  g_assert_cmpuint (rows->len, ==, 1 + fixture->expected->len);

  options.statement_text = TRUE;
  g_clear_pointer (&rows, g_ptr_array_unref);
  rows = export_rows (fixture, PL_EXPORT_FORMAT_CSV, &options);
  header = rows->pdata[0];
  g_assert_cmpstr (header[n], ==, "statement_text");
  g_assert_null (header[n + 1]);
}

static void
test_long_values (Fixture       *fixture,
                  gconstpointer  data)
{
  PlExportOptions options = { 0 };
  g_autoptr(GPtrArray) rows = NULL;
  PlDocument *first = pl_project_find_document (fixture->project, fixture->first_id);
  guint row;

  options.statement_text = TRUE;
  rows = export_rows (fixture, PL_EXPORT_FORMAT_CSV, &options);

  for (guint i = 1; i < rows->len; i++)
    {
      const Expected *expected = expected_by_guid (fixture, cell (rows, i, "annotation_guid"));
      PlDocument *document = pl_project_find_document (fixture->project, expected->document_id);
      PlCode *code = pl_project_find_code (fixture->project, expected->code_id);
      const char *text = expected->document_id == fixture->first_id ? first_text : second_text;
      g_autofree char *slice = pl_text_slice (text, expected->start, expected->end);
      g_autofree char *start = g_strdup_printf ("%u", expected->start);
      g_autofree char *end = g_strdup_printf ("%u", expected->end);
      g_autofree char *version = g_strdup_printf ("%" G_GINT64_FORMAT, expected->version);
      g_autoptr(GPtrArray) coders = pl_project_list_coders (fixture->project);

      g_assert_nonnull (expected);
      g_assert_cmpstr (cell (rows, i, "document_guid"), ==, pl_document_get_guid (document));
      g_assert_cmpstr (cell (rows, i, "document_title"), ==, pl_document_get_title (document));
      g_assert_cmpstr (cell (rows, i, "code_guid"), ==, pl_code_get_guid (code));
      g_assert_cmpstr (cell (rows, i, "code_path"), ==, pl_code_get_path (code));
      g_assert_cmpstr (cell (rows, i, "start"), ==, start);
      g_assert_cmpstr (cell (rows, i, "end"), ==, end);
      g_assert_cmpstr (cell (rows, i, "text"), ==, slice);
      g_assert_cmpstr (cell (rows, i, "coder"), ==, expected->coder);
      g_assert_cmpstr (cell (rows, i, "memo"), ==, expected->memo != NULL ? expected->memo : "");
      g_assert_cmpstr (cell (rows, i, "stance"), ==,
                       expected->stance != NULL ? expected->stance : "");
      g_assert_cmpstr (cell (rows, i, "codebook_version"), ==, version);
      g_assert_cmpstr (cell (rows, i, "created"), ==, expected->created);
      for (guint c = 0; c < coders->len; c++)
        {
          PlCoder *coder = coders->pdata[c];

          if (strcmp (coder->name, expected->coder) == 0)
            g_assert_cmpstr (cell (rows, i, "coder_guid"), ==, coder->guid);
        }
    }

  /* Code levels, from the top, empty below the code's own level. */
  row = find_row (rows, "text", "norms");
  g_assert_cmpstr (cell (rows, row, "code_level_1"), ==, "Norms");
  g_assert_cmpstr (cell (rows, row, "code_level_2"), ==, "Critical, \"infra\"");
  g_assert_cmpstr (cell (rows, row, "code_level_3"), ==, "Power grids");
  g_assert_cmpstr (cell (rows, row, "code_id"), ==, "");
  row = find_row (rows, "text", "CBMs");
  g_assert_cmpstr (cell (rows, row, "code_level_1"), ==, "Law");
  g_assert_cmpstr (cell (rows, row, "code_level_2"), ==, "=International law");
  g_assert_cmpstr (cell (rows, row, "code_level_3"), ==, "");
  g_assert_cmpstr (cell (rows, row, "code_id"), ==, "IL");

  /* Statement and document metadata. */
  g_assert_cmpstr (cell (rows, row, "statement_index"), ==, "3");
  g_assert_cmpstr (cell (rows, row, "statement_kind"), ==, "statement");
  g_assert_cmpstr (cell (rows, row, "speaker"), ==, "Japan");
  g_assert_cmpstr (cell (rows, row, "entity"), ==, "Japan");
  g_assert_cmpstr (cell (rows, row, "entity_type"), ==, "member_state");
  g_assert_cmpstr (cell (rows, row, "iso3"), ==, "JPN");
  g_assert_cmpstr (cell (rows, row, "regional_group"), ==, "Asia-Pacific");
  g_assert_cmpstr (cell (rows, row, "on_behalf_of"), ==, "@Group of 77");
  g_assert_cmpstr (cell (rows, row, "statement_text"), ==, "Japan\n-3 CBMs @matter, said Japan.");
  g_assert_cmpstr (cell (rows, row, "process"), ==, "OEWG");
  g_assert_cmpstr (cell (rows, row, "session"), ==, "=1+2");
  g_assert_cmpstr (cell (rows, row, "date"), ==, "2024-03-07");
  g_assert_cmpstr (cell (rows, row, "language"), ==, "en");
  g_assert_cmpstr (cell (rows, row, "meeting"), ==, "");
  g_assert_cmpstr (cell (rows, row, "source_uri"), ==, pl_document_get_source_uri (first));

  row = find_row (rows, "text", "Welcome");
  g_assert_cmpstr (cell (rows, row, "statement_kind"), ==, "front_matter");
  g_assert_cmpstr (cell (rows, row, "speaker"), ==, "Chair");
  g_assert_cmpstr (cell (rows, row, "entity"), ==, "");

  row = find_row (rows, "text", "Another");
  g_assert_cmpstr (cell (rows, row, "process"), ==, "");
  g_assert_cmpstr (cell (rows, row, "source_uri"), ==, "");
}

/* The legacy function keeps exactly its sixteen columns. */
static void
test_compact_csv (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (fixture->dir, "compact.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *csv = NULL;
  g_autoptr(GPtrArray) rows = NULL;

  g_assert_true (pl_export_csv (fixture->project, file, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &csv, NULL, NULL));
  rows = parse_csv_strict (csv, strlen (csv));
  g_assert_nonnull (rows);
  g_assert_cmpuint (g_strv_length (rows->pdata[0]), ==, g_strv_length ((char **) compact_columns));
  for (guint i = 0; compact_columns[i] != NULL; i++)
    g_assert_cmpstr (((char **) rows->pdata[0])[i], ==, compact_columns[i]);
}

/* Formula injection */

static void
test_spreadsheet_safe (Fixture       *fixture,
                       gconstpointer  data)
{
  PlExportOptions options = { 0 };
  g_autoptr(GPtrArray) raw = NULL;
  g_autoptr(GPtrArray) safe = NULL;
  g_autofree char *safe_csv = NULL;
  guint row;

  /* By default the data is written as it is, for R, pandas and Stata. */
  raw = export_rows (fixture, PL_EXPORT_FORMAT_CSV, &options);
  row = find_row (raw, "text", "We support");
  g_assert_cmpstr (cell (raw, row, "memo"), ==, "=HYPERLINK(\"x\")");
  g_assert_cmpstr (cell (raw, row, "session"), ==, "=1+2");
  row = find_row (raw, "text", "Another");
  g_assert_cmpstr (cell (raw, row, "memo"), ==, "\tTabbed");

  options.spreadsheet_safe = TRUE;
  options.statement_text = TRUE;
  safe_csv = export_to_string (fixture, PL_EXPORT_FORMAT_CSV, &options, "safe.csv");
  safe = parse_csv_strict (safe_csv, strlen (safe_csv));
  g_assert_nonnull (safe);

  row = find_row (safe, "text", "We support");
  g_assert_cmpstr (cell (safe, row, "memo"), ==, "'=HYPERLINK(\"x\")");
  g_assert_cmpstr (cell (safe, row, "session"), ==, "'=1+2");
  g_assert_cmpstr (cell (safe, row, "code_name"), ==, "Critical, \"infra\"");
  /* The apostrophe goes inside the quotes of a quoted field. */
  g_assert_nonnull (strstr (safe_csv, ",\"'=HYPERLINK(\"\"x\"\")\","));

  row = find_row (safe, "text", "CBMs");
  g_assert_cmpstr (cell (safe, row, "memo"), ==, "'@mention, \"quoted\"");
  g_assert_cmpstr (cell (safe, row, "code_name"), ==, "'=International law");
  g_assert_cmpstr (cell (safe, row, "code_level_2"), ==, "'=International law");
  g_assert_cmpstr (cell (safe, row, "on_behalf_of"), ==, "'@Group of 77");
  g_assert_cmpstr (cell (safe, row, "statement_text"), ==, "Japan\n-3 CBMs @matter, said Japan.");

  row = find_row (safe, "text", "Another");
  g_assert_cmpstr (cell (safe, row, "memo"), ==, "'\tTabbed");

  /* A plain number stays a number; text that merely begins with a sign is guarded. */
  row = find_row (safe, "text", "norms");
  g_assert_cmpstr (cell (safe, row, "memo"), ==, "-3");
  row = find_row (safe, "text", "-3");
  g_assert_cmpstr (cell (safe, row, "text"), ==, "-3");
  g_assert_cmpstr (cell (safe, row, "memo"), ==, "'+49 30 1234");

  /* Numeric columns are never touched. */
  for (guint i = 1; i < safe->len; i++)
    {
      const char *numeric[] = { "document_id", "statement_index", "start", "end",
                                "codebook_version" };

      for (guint k = 0; k < G_N_ELEMENTS (numeric); k++)
        g_assert_cmpstr (cell (safe, i, numeric[k]), ==, cell (raw, find_row (raw, "annotation_guid",
                                                                               cell (safe, i, "annotation_guid")),
                                                               numeric[k]));
    }
}

/* Matrix */

static gboolean
overlaps (const Expected    *expected,
          const PlStatement *statement)
{
  return expected->document_id == statement->document_id &&
         expected->start < statement->end && expected->end > statement->start;
}

/* Whether the matrix has a column for @code_id under @options' code filter. */
static gboolean
code_kept (Fixture               *fixture,
           const PlExportOptions *options,
           gint64                 code_id)
{
  const GArray *chosen = options->filter.code_ids;

  if (chosen == NULL)
    return TRUE;

  for (gint64 id = code_id; id != 0;
       id = pl_code_get_parent_id (pl_project_find_code (fixture->project, id)))
    {
      for (guint i = 0; i < chosen->len; i++)
        if (g_array_index (chosen, gint64, i) == id)
          return TRUE;
      if (!options->filter.with_descendants)
        break;
    }

  return FALSE;
}

static void
check_matrix (Fixture               *fixture,
              const PlExportOptions *options,
              GPtrArray             *kept)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = export_rows (fixture, PL_EXPORT_FORMAT_MATRIX, options);
  g_autoptr(GPtrArray) statements = pl_project_list_statements (fixture->project, 0, &error);
  const gint64 code_ids[] = { fixture->norms, fixture->infra, fixture->grids, fixture->law };
  const char *keys[] = { "NRM", "NRM.F", NULL, "IL" };
  gboolean present[G_N_ELEMENTS (keys)];
  guint n_present = 0;
  guint n_metadata = 20 + (options->all_kinds ? 1 : 0) + (options->statement_text ? 1 : 0);
  guint row = 1;
  char **header = rows->pdata[0];

  g_assert_no_error (error);
  keys[2] = pl_code_get_guid (pl_project_find_code (fixture->project, fixture->grids));

  /* One column per codable code the filter keeps, in codebook order, after the
   * statement's metadata; the folder FLD has none. */
  for (guint k = 0; k < G_N_ELEMENTS (keys); k++)
    {
      present[k] = code_kept (fixture, options, code_ids[k]);
      if (present[k])
        {
          g_assert_cmpstr (header[n_metadata + n_present], ==, keys[k]);
          n_present++;
        }
    }
  g_assert_cmpuint (g_strv_length (header), ==, n_metadata + n_present);
  g_assert_cmpstr (header[0], ==, "document_id");
  g_assert_cmpstr (header[11], ==, "statement_index");
  if (options->all_kinds)
    g_assert_cmpstr (header[12], ==, "statement_kind");

  for (guint i = 0; i < statements->len; i++)
    {
      const PlStatement *statement = g_ptr_array_index (statements, i);
      g_autofree char *index = g_strdup_printf ("%u", statement->index);
      g_autofree char *document_id = g_strdup_printf ("%" G_GINT64_FORMAT, statement->document_id);

      if ((!options->all_kinds && statement->kind != PL_STATEMENT_KIND_STATEMENT) ||
          !pl_project_filter_keeps_document (&options->filter, statement->document_id))
        continue;

      g_assert_cmpuint (row, <, rows->len);
      g_assert_cmpstr (cell (rows, row, "document_id"), ==, document_id);
      g_assert_cmpstr (cell (rows, row, "statement_index"), ==, index);
      g_assert_cmpstr (cell (rows, row, "speaker"), ==,
                       statement->speaker != NULL ? statement->speaker : "");
      g_assert_cmpstr (cell (rows, row, "iso3"), ==, statement->iso3 != NULL ? statement->iso3 : "");

      for (guint k = 0; k < G_N_ELEMENTS (keys); k++)
        {
          guint count = 0;
          g_autofree char *value = NULL;

          if (!present[k])
            continue;

          for (guint a = 0; a < kept->len; a++)
            {
              const Expected *expected = g_ptr_array_index (kept, a);

              if (expected->code_id == code_ids[k] && overlaps (expected, statement))
                count++;
            }

          value = g_strdup_printf ("%u", options->counts ? count : count > 0);
          g_assert_cmpstr (cell (rows, row, keys[k]), ==, value);
        }
      row++;
    }

  g_assert_cmpuint (row, ==, rows->len);
}

static void
test_matrix (Fixture       *fixture,
             gconstpointer  data)
{
  PlExportOptions options = { 0 };
  g_autoptr(GPtrArray) rows = NULL;
  guint row;

  check_matrix (fixture, &options, fixture->expected);

  options.counts = TRUE;
  check_matrix (fixture, &options, fixture->expected);

  options.all_kinds = TRUE;
  check_matrix (fixture, &options, fixture->expected);

  /* The annotation across statements 2 and 3 counts in both. */
  options.all_kinds = FALSE;
  rows = export_rows (fixture, PL_EXPORT_FORMAT_MATRIX, &options);
  row = find_row (rows, "speaker", "Brazil");
  g_assert_cmpstr (cell (rows, row, "NRM"), ==, "1");
  row = find_row (rows, "speaker", "Japan");
  g_assert_cmpstr (cell (rows, row, "NRM"), ==, "2");
  g_assert_cmpstr (cell (rows, row, "IL"), ==, "1");
  g_clear_pointer (&rows, g_ptr_array_unref);

  options.statement_text = TRUE;
  rows = export_rows (fixture, PL_EXPORT_FORMAT_MATRIX, &options);
  row = find_row (rows, "speaker", "Kenya");
  g_assert_cmpstr (cell (rows, row, "statement_text"), ==, "Kenya\nAnother paragraph here.");
  row = find_row (rows, "speaker", "Brazil");
  g_assert_cmpstr (cell (rows, row, "statement_text"), ==,
                   "Brazil\nWe support =the norms 😀 of 中文 behaviour.");
}

/* Filters */

typedef gboolean (*KeepFunc) (Fixture        *fixture,
                              const Expected *expected);

static GPtrArray *
kept_annotations (Fixture  *fixture,
                  KeepFunc  keep)
{
  GPtrArray *kept = g_ptr_array_new ();

  for (guint i = 0; i < fixture->expected->len; i++)
    if (keep (fixture, g_ptr_array_index (fixture->expected, i)))
      g_ptr_array_add (kept, g_ptr_array_index (fixture->expected, i));

  return kept;
}

static void
check_filtered (Fixture               *fixture,
                const PlExportOptions *options,
                KeepFunc               keep)
{
  g_autoptr(GPtrArray) kept = kept_annotations (fixture, keep);
  g_autoptr(GPtrArray) rows = export_rows (fixture, PL_EXPORT_FORMAT_CSV, options);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;
  JsonArray *annotations;
  JsonArray *documents;

  g_assert_cmpuint (rows->len - 1, ==, kept->len);
  for (guint i = 0; i < kept->len; i++)
    find_row (rows, "annotation_guid", ((Expected *) kept->pdata[i])->guid);

  json = export_to_string (fixture, PL_EXPORT_FORMAT_JSON, options, "filtered.json");
  g_assert_true (json_parser_load_from_data (parser, json, -1, &error));
  g_assert_no_error (error);
  annotations = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)),
                                              "annotations");
  g_assert_cmpuint (json_array_get_length (annotations), ==, kept->len);
  documents = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)),
                                            "documents");
  g_assert_cmpuint (json_array_get_length (documents), ==,
                    options->filter.document_ids != NULL ? options->filter.document_ids->len : 2);

  check_matrix (fixture, options, kept);
}

static gboolean
keep_first_document (Fixture        *fixture,
                     const Expected *expected)
{
  return expected->document_id == fixture->first_id;
}

static gboolean
keep_norms_only (Fixture        *fixture,
                 const Expected *expected)
{
  return expected->code_id == fixture->norms || expected->code_id == fixture->law;
}

static gboolean
keep_norms_below (Fixture        *fixture,
                  const Expected *expected)
{
  return expected->code_id != fixture->law;
}

static gboolean
keep_bo (Fixture        *fixture,
         const Expected *expected)
{
  return strcmp (expected->coder, "Bo") == 0;
}

static gboolean
keep_dates (Fixture        *fixture,
            const Expected *expected)
{
  return strcmp (expected->created, "2026-01-02T10:00:00Z") >= 0 &&
         strcmp (expected->created, "2026-01-06T23:59:59Z") <= 0;
}

static gboolean
keep_combined (Fixture        *fixture,
               const Expected *expected)
{
  return keep_first_document (fixture, expected) && keep_bo (fixture, expected) &&
         keep_norms_below (fixture, expected);
}

static GArray *
ids (gint64 first,
     ...)
{
  GArray *array = g_array_new (FALSE, FALSE, sizeof (gint64));
  va_list args;

  va_start (args, first);
  for (gint64 id = first; id != 0; id = va_arg (args, gint64))
    g_array_append_val (array, id);
  va_end (args);

  return array;
}

static void
test_filters (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();

  {
    g_autoptr(PlExportOptions) options = pl_export_options_new ();

    options->filter.document_ids = ids (fixture->first_id, (gint64) 0);
    check_filtered (fixture, options, keep_first_document);
  }
  {
    g_autoptr(PlExportOptions) options = pl_export_options_new ();

    options->filter.code_ids = ids (fixture->norms, fixture->law, (gint64) 0);
    check_filtered (fixture, options, keep_norms_only);
  }
  {
    g_autoptr(PlExportOptions) options = pl_export_options_new ();

    options->filter.code_ids = ids (fixture->norms, (gint64) 0);
    options->filter.with_descendants = TRUE;
    check_filtered (fixture, options, keep_norms_below);
  }
  {
    g_autoptr(PlExportOptions) options = pl_export_options_new ();

    options->filter.coder_ids = ids (fixture->bo, (gint64) 0);
    check_filtered (fixture, options, keep_bo);
  }
  {
    g_autoptr(PlExportOptions) options = pl_export_options_new ();

    options->filter.created_since = g_date_time_new (utc, 2026, 1, 2, 0, 0, 0);
    options->filter.created_until = g_date_time_new (utc, 2026, 1, 6, 23, 59, 59);
    check_filtered (fixture, options, keep_dates);
  }
  {
    g_autoptr(PlExportOptions) options = pl_export_options_new ();
    g_autoptr(PlExportOptions) copy = NULL;

    options->filter.document_ids = ids (fixture->first_id, (gint64) 0);
    options->filter.coder_ids = ids (fixture->bo, (gint64) 0);
    options->filter.code_ids = ids (fixture->norms, (gint64) 0);
    options->filter.with_descendants = TRUE;
    copy = pl_export_options_copy (options);
    g_clear_pointer (&options, pl_export_options_free);
    check_filtered (fixture, copy, keep_combined);
  }
}

/* JSON against its schema: a small validator for the keywords the schema uses, which
 * refuses any keyword it does not know. */

typedef struct
{
  JsonObject *root;
  GString    *errors;
} Validator;

static const char *
node_type (JsonNode *node)
{
  switch (JSON_NODE_TYPE (node))
    {
    case JSON_NODE_OBJECT:
      return "object";
    case JSON_NODE_ARRAY:
      return "array";
    case JSON_NODE_NULL:
      return "null";
    case JSON_NODE_VALUE:
    default:
      break;
    }

  switch (json_node_get_value_type (node))
    {
    case G_TYPE_STRING:
      return "string";
    case G_TYPE_BOOLEAN:
      return "boolean";
    case G_TYPE_INT64:
      return "integer";
    default:
      return "number";
    }
}

static gboolean
type_matches (JsonNode   *node,
              const char *type)
{
  const char *actual = node_type (node);

  return strcmp (actual, type) == 0 ||
         (strcmp (type, "number") == 0 && strcmp (actual, "integer") == 0);
}

static gboolean
nodes_equal (JsonNode *a,
             JsonNode *b)
{
  return json_node_equal (a, b);
}

static void validate (Validator  *validator,
                      JsonNode   *node,
                      JsonObject *schema,
                      const char *path);

static void
validate_error (Validator  *validator,
                const char *path,
                const char *what)
{
  g_string_append_printf (validator->errors, "%s: %s\n", path, what);
}

static void
validate (Validator  *validator,
          JsonNode   *node,
          JsonObject *schema,
          const char *path)
{
  g_autoptr(GList) members = json_object_get_members (schema);

  for (GList *l = members; l != NULL; l = l->next)
    {
      const char *keyword = l->data;
      JsonNode *value = json_object_get_member (schema, keyword);

      if (strcmp (keyword, "$schema") == 0 || strcmp (keyword, "$id") == 0 ||
          strcmp (keyword, "title") == 0 || strcmp (keyword, "description") == 0 ||
          strcmp (keyword, "$defs") == 0)
        continue;

      if (strcmp (keyword, "$ref") == 0)
        {
          const char *ref = json_node_get_string (value);
          JsonObject *defs = json_object_get_object_member (validator->root, "$defs");

          g_assert_true (g_str_has_prefix (ref, "#/$defs/"));
          g_assert_true (json_object_has_member (defs, ref + strlen ("#/$defs/")));
          validate (validator, node,
                    json_object_get_object_member (defs, ref + strlen ("#/$defs/")), path);
        }
      else if (strcmp (keyword, "type") == 0)
        {
          gboolean ok = FALSE;

          if (JSON_NODE_HOLDS_ARRAY (value))
            {
              JsonArray *types = json_node_get_array (value);

              for (guint i = 0; i < json_array_get_length (types); i++)
                ok |= type_matches (node, json_array_get_string_element (types, i));
            }
          else
            ok = type_matches (node, json_node_get_string (value));

          if (!ok)
            validate_error (validator, path, "wrong type");
        }
      else if (strcmp (keyword, "enum") == 0)
        {
          JsonArray *choices = json_node_get_array (value);
          gboolean ok = FALSE;

          for (guint i = 0; i < json_array_get_length (choices); i++)
            ok |= nodes_equal (node, json_array_get_element (choices, i));
          if (!ok)
            validate_error (validator, path, "not one of the enumerated values");
        }
      else if (strcmp (keyword, "required") == 0)
        {
          JsonArray *required = json_node_get_array (value);

          for (guint i = 0; JSON_NODE_HOLDS_OBJECT (node) && i < json_array_get_length (required); i++)
            if (!json_object_has_member (json_node_get_object (node),
                                         json_array_get_string_element (required, i)))
              validate_error (validator, path, json_array_get_string_element (required, i));
        }
      else if (strcmp (keyword, "properties") == 0)
        {
          JsonObject *properties = json_node_get_object (value);
          g_autoptr(GList) names = json_object_get_members (properties);

          for (GList *n = names; JSON_NODE_HOLDS_OBJECT (node) && n != NULL; n = n->next)
            {
              JsonObject *object = json_node_get_object (node);
              g_autofree char *child_path = g_strconcat (path, "/", n->data, NULL);

              if (json_object_has_member (object, n->data))
                validate (validator, json_object_get_member (object, n->data),
                          json_object_get_object_member (properties, n->data), child_path);
            }
        }
      else if (strcmp (keyword, "items") == 0)
        {
          for (guint i = 0; JSON_NODE_HOLDS_ARRAY (node) &&
                            i < json_array_get_length (json_node_get_array (node)); i++)
            {
              g_autofree char *child_path = g_strdup_printf ("%s/%u", path, i);

              validate (validator, json_array_get_element (json_node_get_array (node), i),
                        json_node_get_object (value), child_path);
            }
        }
      else if (strcmp (keyword, "pattern") == 0)
        {
          if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING &&
              !g_regex_match_simple (json_node_get_string (value), json_node_get_string (node),
                                     0, 0))
            validate_error (validator, path, "does not match its pattern");
        }
      else if (strcmp (keyword, "minimum") == 0)
        {
          if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_INT64 &&
              json_node_get_int (node) < json_node_get_int (value))
            validate_error (validator, path, "below its minimum");
        }
      else
        g_error ("The test's validator does not know the keyword “%s”.", keyword);
    }
}

static char *
validate_dataset (JsonNode *dataset)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *schema_path = NULL;
  g_autoptr(GString) errors = g_string_new (NULL);
  Validator validator;

  schema_path = g_build_filename (g_getenv ("PLENARY_SOURCE_DIR"), "data", "schemas",
                                  "plenary-dataset.schema.json", NULL);
  g_assert_true (json_parser_load_from_file (parser, schema_path, &error));
  g_assert_no_error (error);

  validator.root = json_node_get_object (json_parser_get_root (parser));
  validator.errors = errors;
  validate (&validator, dataset, validator.root, "");

  return g_strdup (errors->str);
}

static void
test_json_schema (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *json = NULL;
  g_autofree char *problems = NULL;
  JsonObject *root;
  JsonObject *document;
  JsonObject *annotation = NULL;
  JsonArray *annotations;
  gboolean seen_stance = FALSE;

  json = export_to_string (fixture, PL_EXPORT_FORMAT_JSON, NULL, "dataset.json");
  g_assert_true (json_parser_load_from_data (parser, json, -1, &error));
  g_assert_no_error (error);

  problems = validate_dataset (json_parser_get_root (parser));
  g_assert_cmpstr (problems, ==, "");

  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (root, "project"),
                                               "codebook_version"), ==, 1);
  document = json_array_get_object_element (json_object_get_array_member (root, "documents"), 0);
  g_assert_cmpstr (json_object_get_string_member (document, "process"), ==, "OEWG");
  g_assert_cmpstr (json_object_get_string_member (document, "session"), ==, "=1+2");
  g_assert_true (json_node_is_null (json_object_get_member (document, "meeting")));

  annotations = json_object_get_array_member (root, "annotations");
  for (guint i = 0; i < json_array_get_length (annotations); i++)
    {
      const Expected *expected;

      annotation = json_array_get_object_element (annotations, i);
      expected = expected_by_guid (fixture, json_object_get_string_member (annotation, "guid"));
      g_assert_nonnull (expected);
      g_assert_cmpint (json_object_get_int_member (annotation, "codebook_version"), ==,
                       expected->version);
      if (expected->stance != NULL)
        {
          g_assert_cmpstr (json_object_get_string_member (annotation, "stance"), ==,
                           expected->stance);
          seen_stance = TRUE;
        }
      else
        g_assert_true (json_node_is_null (json_object_get_member (annotation, "stance")));
    }
  g_assert_true (seen_stance);

  /* The validator is real: a broken dataset fails it. */
  g_assert_nonnull (annotation);
  json_object_remove_member (annotation, "stance");
  json_object_set_string_member (document, "length", "many");
  json_object_set_string_member (annotation, "created", "yesterday");
  g_free (problems);
  problems = validate_dataset (json_parser_get_root (parser));
  g_assert_nonnull (strstr (problems, "stance"));
  g_assert_nonnull (strstr (problems, "/length: wrong type"));
  g_assert_nonnull (strstr (problems, "/created: does not match its pattern"));
}

/* Asynchronous exports */

typedef struct
{
  guint64  last_done;
  guint64  total;
  guint    calls;
  gboolean notified;
  gboolean finished;
  gboolean ok;
  GError  *error;
  GThread *thread;
} AsyncState;

static void
async_progress (guint64  done,
                guint64  total,
                gpointer user_data)
{
  AsyncState *state = user_data;

  g_assert_true (g_thread_self () == state->thread);
  g_assert_false (state->notified);
  g_assert_cmpuint (done, >=, state->last_done);
  g_assert_cmpuint (done, <=, total);
  state->last_done = done;
  state->total = total;
  state->calls++;
}

static void
async_notify (gpointer user_data)
{
  AsyncState *state = user_data;

  g_assert_true (g_thread_self () == state->thread);
  state->notified = TRUE;
}

static void
async_done (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  AsyncState *state = user_data;

  state->ok = pl_export_finish (PL_PROJECT (source), result, &state->error);
  state->finished = TRUE;
}

static void
run_async (Fixture               *fixture,
           PlExportFormat         format,
           const PlExportOptions *options,
           GFile                 *file,
           GCancellable          *cancellable,
           AsyncState            *state)
{
  state->thread = g_thread_self ();
  pl_export_async (fixture->project, &(PlExportSpec) { format, file, options, async_progress,
                                                      state, async_notify },
                   cancellable, async_done, state);
  while (!state->finished || !state->notified)
    g_main_context_iteration (NULL, TRUE);
}

static void
test_async (Fixture       *fixture,
            gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "async.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *async_csv = NULL;
  g_autofree char *sync_csv = NULL;
  g_autoptr(PlExportOptions) options = pl_export_options_new ();
  AsyncState state = { 0 };

  options->statement_text = TRUE;
  run_async (fixture, PL_EXPORT_FORMAT_CSV, options, file, NULL, &state);
  g_assert_no_error (state.error);
  g_assert_true (state.ok);
  g_assert_cmpuint (state.calls, >=, 1);
  g_assert_cmpuint (state.total, ==, fixture->expected->len);
  g_assert_cmpuint (state.last_done, ==, state.total);

  g_assert_true (g_file_get_contents (path, &async_csv, NULL, NULL));
  sync_csv = export_to_string (fixture, PL_EXPORT_FORMAT_CSV, options, "sync.csv");
  g_assert_cmpstr (async_csv, ==, sync_csv);

  /* The matrix counts statements. */
  memset (&state, 0, sizeof state);
  run_async (fixture, PL_EXPORT_FORMAT_MATRIX, NULL, file, NULL, &state);
  g_assert_true (state.ok);
  g_assert_cmpuint (state.total, ==, 3);
  g_assert_cmpuint (state.last_done, ==, 3);
}

/* The project keeps changing while an export runs: the window goes on working. */
static void
test_async_while_changing (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (fixture->dir, "async.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(JsonParser) parser = json_parser_new ();
  AsyncState state = { 0 };
  PlAnnotation *added;
  guint n;

  state.thread = g_thread_self ();
  pl_export_async (fixture->project, &(PlExportSpec) { PL_EXPORT_FORMAT_JSON, file, NULL,
                                                      async_progress, &state, async_notify },
                   NULL, async_done, &state);
  added = pl_project_add_annotation (fixture->project,
                                     &(PlAnnotationSpec) { fixture->second_id, fixture->norms, fixture->ann,
                                                           0, 5, NULL },
                                     &error);
  g_assert_no_error (error);
  pl_annotation_unref (added);
  while (!state.finished || !state.notified)
    g_main_context_iteration (NULL, TRUE);

  g_assert_true (state.ok);
  g_assert_true (json_parser_load_from_file (parser, path, &error));
  g_assert_no_error (error);
  n = json_array_get_length (json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)),
                                                          "annotations"));
  /* One consistent state: before the new annotation, or after it. */
  g_assert_true (n == fixture->expected->len || n == fixture->expected->len + 1);
}

static void
test_async_cancelled (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "kept.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autofree char *contents = NULL;
  AsyncState state = { 0 };

  g_assert_true (g_file_set_contents (path, "old\n", -1, NULL));
  g_cancellable_cancel (cancellable);
  run_async (fixture, PL_EXPORT_FORMAT_QDPX, NULL, file, cancellable, &state);
  g_assert_false (state.ok);
  g_assert_error (state.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&state.error);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "old\n");
}

/* Atomic writes of the new formats: a failure (the project closed half-way, a missing
 * folder) leaves no file and an existing one as it was. */
static void
test_atomic (Fixture       *fixture,
             gconstpointer  data)
{
  static const PlExportFormat formats[] = {
    PL_EXPORT_FORMAT_CSV, PL_EXPORT_FORMAT_MATRIX, PL_EXPORT_FORMAT_JSON, PL_EXPORT_FORMAT_QDPX
  };
  g_autofree char *existing = g_build_filename (fixture->dir, "existing.out", NULL);
  g_autofree char *fresh = g_build_filename (fixture->dir, "fresh.out", NULL);
  g_autofree char *missing = g_build_filename (fixture->dir, "no-folder", "out.csv", NULL);
  g_autoptr(GFile) existing_file = g_file_new_for_path (existing);
  g_autoptr(GFile) fresh_file = g_file_new_for_path (fresh);
  g_autoptr(GFile) missing_file = g_file_new_for_path (missing);

  g_assert_true (g_file_set_contents (existing, "old content\n", -1, NULL));

  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_false (pl_export_full (fixture->project,
                                      &(PlExportSpec) { formats[i], missing_file }, NULL, &error));
      g_assert_error (error, PL_EXPORT_ERROR, PL_EXPORT_ERROR_WRITE);
      g_assert_nonnull (strstr (error->message, "out.csv"));
    }

  pl_project_close (fixture->project);
  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *contents = NULL;

      g_assert_false (pl_export_full (fixture->project,
                                      &(PlExportSpec) { formats[i], existing_file }, NULL, &error));
      g_assert_nonnull (error);
      g_clear_error (&error);
      g_assert_true (g_file_get_contents (existing, &contents, NULL, NULL));
      g_assert_cmpstr (contents, ==, "old content\n");

      g_assert_false (pl_export_full (fixture->project,
                                      &(PlExportSpec) { formats[i], fresh_file }, NULL, &error));
      g_assert_nonnull (error);
      g_assert_false (g_file_test (fresh, G_FILE_TEST_EXISTS));
    }
}

static void
test_format_names (void)
{
  PlExportFormat format = PL_EXPORT_FORMAT_CSV;

  g_assert_true (pl_export_format_from_string ("matrix", &format));
  g_assert_cmpint (format, ==, PL_EXPORT_FORMAT_MATRIX);
  g_assert_true (pl_export_format_from_string ("QDPX", &format));
  g_assert_cmpint (format, ==, PL_EXPORT_FORMAT_QDPX);
  g_assert_true (pl_export_format_from_string ("csv", &format));
  g_assert_cmpint (format, ==, PL_EXPORT_FORMAT_CSV);
  g_assert_false (pl_export_format_from_string ("wide", &format));
}

#define ADD_TEST(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/export-tables/format-names", test_format_names);
  ADD_TEST ("/export-tables/long/header", test_long_header);
  ADD_TEST ("/export-tables/long/values", test_long_values);
  ADD_TEST ("/export-tables/long/compact", test_compact_csv);
  ADD_TEST ("/export-tables/spreadsheet-safe", test_spreadsheet_safe);
  ADD_TEST ("/export-tables/matrix", test_matrix);
  ADD_TEST ("/export-tables/filters", test_filters);
  ADD_TEST ("/export-tables/json-schema", test_json_schema);
  ADD_TEST ("/export-tables/async", test_async);
  ADD_TEST ("/export-tables/async-while-changing", test_async_while_changing);
  ADD_TEST ("/export-tables/async-cancelled", test_async_cancelled);
  ADD_TEST ("/export-tables/atomic", test_atomic);

  return g_test_run ();
}
