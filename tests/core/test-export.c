/* test-export.c — the coded dataset as long CSV and as JSON, written atomically
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "plenary-test"

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "pl-codebook.h"
#include "pl-error.h"
#include "pl-exporter.h"
#include "pl-project-private.h"
#include "pl-text.h"
#include "pl-test-util.h"

#define CSV_HEADER \
  "annotation_guid,document_id,document_title,statement_index,speaker,code_id,code_guid," \
  "code_name,code_path,start,end,text,coder,memo,created,modified\r\n"

enum
{
  COL_GUID,
  COL_DOCUMENT_ID,
  COL_DOCUMENT_TITLE,
  COL_STATEMENT_INDEX,
  COL_SPEAKER,
  COL_CODE_ID,
  COL_CODE_GUID,
  COL_CODE_NAME,
  COL_CODE_PATH,
  COL_START,
  COL_END,
  COL_TEXT,
  COL_CODER,
  COL_MEMO,
  COL_CREATED,
  COL_MODIFIED,
  N_COLUMNS
};

/* Leading blank lines: an annotation there lies before the first statement. */
static const char document_text[] =
  "\n\nChair\nWelcome, delegates.\n\n"
  "Brazil\nWe support 😀 the norms 中文 of 🇧🇷 behaviour.\n\n"
  "Japan\nCBMs matter.\n";
static const char second_title[] = "Session 1, \"open\" debate\nday two";
static const char tricky_memo[] = "First, \"quoted\" line\r\nsecond line\nthird";
static const char parent_name[] = "Norms";
static const char child_name[] = "Critical, \"infrastructure\"";
static const char grandchild_name[] = "Power grids";

typedef struct
{
  char       *dir;
  char       *path;
  PlProject  *project;
  gint64      document_id;
  gint64      second_id;
  gint64      parent_id;
  gint64      child_id;
  gint64      grandchild_id;
  GHashTable *expected;      /* annotation GUID → ExpectedRow */
} Fixture;

typedef struct
{
  gint64      document_id;
  guint       start;
  guint       end;
  char       *text;
  const char *memo;
  const char *coder;
  gint64      code_id;
  guint       statement_index; /* 0: none */
} ExpectedRow;

static void
expected_row_free (gpointer data)
{
  ExpectedRow *row = data;

  g_free (row->text);
  g_free (row);
}

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
          const char *name)
{
  g_autoptr(GError) error = NULL;
  PlCodeSpec spec = { 0 };
  PlCode *code;

  spec.parent_id = parent_id;
  spec.short_id = short_id;
  spec.name = name;
  spec.codable = TRUE;
  code = pl_project_add_code (project, &spec, &error);
  g_assert_no_error (error);
  g_assert_nonnull (code);

  return pl_code_get_id (code);
}

static void
add_annotation (Fixture    *fixture,
                gint64      document_id,
                const char *text,
                guint       start,
                guint       end,
                gint64      code_id,
                const char *coder_name,
                const char *memo,
                guint       statement_index)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PlAnnotation) annotation = NULL;
  ExpectedRow *row;
  PlCoder *coder;

  coder = pl_project_ensure_coder (fixture->project, coder_name, &error);
  g_assert_no_error (error);

  annotation = pl_project_add_annotation (fixture->project,
                                          &(PlAnnotationSpec) { document_id, code_id, coder->id, start, end,
                                                                memo },
                                          &error);
  g_assert_no_error (error);
  g_assert_nonnull (annotation);

  row = g_new0 (ExpectedRow, 1);
  row->document_id = document_id;
  row->start = start;
  row->end = end;
  row->text = pl_text_slice (text, start, end);
  row->memo = memo;
  row->coder = coder_name;
  row->code_id = code_id;
  row->statement_index = statement_index;
  g_hash_table_insert (fixture->expected, g_strdup (annotation->guid), row);
}

static void
set_speaker (PlProject  *project,
             gint64      document_id,
             guint       index,
             const char *speaker)
{
  g_autoptr(GError) error = NULL;
  sqlite3_stmt *stmt;

  stmt = pl_project_prepare (project,
                             "UPDATE statements SET speaker = ? WHERE document_id = ? AND idx = ?",
                             &error);
  g_assert_no_error (error);
  sqlite3_bind_text (stmt, 1, speaker, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, document_id);
  sqlite3_bind_int64 (stmt, 3, index);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  g_assert_cmpint (sqlite3_changes (pl_project_get_db (project)), ==, 1);
  sqlite3_reset (stmt);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  const char *text = document_text;
  PlDocument *document;
  guint support;
  guint cjk;
  guint flag;
  guint gap;

  fixture->dir = g_dir_make_tmp ("plenary-export-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->dir, "project.plenary", NULL);
  fixture->expected = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, expected_row_free);

  fixture->project = pl_project_open (fixture->path, PL_PROJECT_OPEN_CREATE, &error);
  g_assert_no_error (error);

  fixture->parent_id = add_code (fixture->project, 0, "NRM", parent_name);
  fixture->child_id = add_code (fixture->project, fixture->parent_id, "NRM.F", child_name);
  fixture->grandchild_id = add_code (fixture->project, fixture->child_id, NULL, grandchild_name);

  document = pl_project_add_document (fixture->project, "Transcript", text, NULL, &error);
  g_assert_no_error (error);
  fixture->document_id = pl_document_get_id (document);
  g_assert_cmpuint (pl_document_get_n_statements (document), ==, 3);

  document = pl_project_add_document (fixture->project, second_title, "Plain text here.\n",
                                      "file:///tmp/second.txt", &error);
  g_assert_no_error (error);
  fixture->second_id = pl_document_get_id (document);

  set_speaker (fixture->project, fixture->document_id, 2, "Brazil");

  support = offset_of (text, "We support");
  cjk = offset_of (text, "中文");
  flag = offset_of (text, "🇧🇷");
  gap = offset_of (text, "Brazil") - 1;

  /* Before the first statement: no statement. */
  add_annotation (fixture, fixture->document_id, text, 0, 2, fixture->parent_id,
                  "Ann", NULL, 0);
  /* In the blank line after statement 1: still statement 1. */
  add_annotation (fixture, fixture->document_id, text, gap, gap + 1, fixture->child_id,
                  "Ann", NULL, 1);
  add_annotation (fixture, fixture->document_id, text, support,
                  offset_of (text, " of 🇧🇷"), fixture->child_id, "Ann", tricky_memo, 2);
  add_annotation (fixture, fixture->document_id, text, support, support + 2,
                  fixture->grandchild_id, "Bo", NULL, 2);
  add_annotation (fixture, fixture->document_id, text, cjk, cjk + 2, fixture->grandchild_id,
                  "Bo", "CJK", 2);
  add_annotation (fixture, fixture->document_id, text, flag, flag + 2, fixture->child_id,
                  "Ann", NULL, 2);
  add_annotation (fixture, fixture->document_id, text, offset_of (text, "CBMs"),
                  offset_of (text, "CBMs") + 4, fixture->parent_id, "Bo", NULL, 3);
  add_annotation (fixture, fixture->second_id, "Plain text here.\n", 0, 5,
                  fixture->child_id, "Bo", NULL, 1);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->project);
  pl_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->path);
  g_hash_table_unref (fixture->expected);
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
                {
                  g_test_message ("CSV: unterminated quoted field");
                  return NULL;
                }
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
                {
                  g_test_message ("CSV: quote inside an unquoted field at byte %" G_GSIZE_FORMAT,
                                  i);
                  return NULL;
                }
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

      g_test_message ("CSV: expected a comma or CRLF at byte %" G_GSIZE_FORMAT, i);
      return NULL;
    }
}

static GPtrArray *
export_csv_rows (Fixture *fixture,
                 char   **out_data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (fixture->dir, "dataset.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *data = NULL;
  GPtrArray *rows;
  gsize length;

  g_assert_true (pl_export_csv (fixture->project, file, NULL, &error));
  g_assert_no_error (error);

  g_assert_true (g_file_get_contents (path, &data, &length, &error));
  g_assert_no_error (error);
  g_assert_true (g_utf8_validate (data, length, NULL));

  rows = parse_csv_strict (data, length);
  g_assert_nonnull (rows);

  if (out_data != NULL)
    *out_data = g_steal_pointer (&data);

  return rows;
}

static void
test_csv_header_and_rows (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autofree char *csv = NULL;
  g_autoptr(GPtrArray) rows = export_csv_rows (fixture, &csv);

  /* Exactly the header, first, with no byte order mark. */
  g_assert_true (g_str_has_prefix (csv, CSV_HEADER));

  g_assert_cmpuint (rows->len, ==, 1 + g_hash_table_size (fixture->expected));
  for (guint i = 0; i < rows->len; i++)
    g_assert_cmpuint (g_strv_length (rows->pdata[i]), ==, N_COLUMNS);

  /* Every annotation once. */
  for (guint i = 1; i < rows->len; i++)
    {
      char **row = rows->pdata[i];

      g_assert_true (g_hash_table_contains (fixture->expected, row[COL_GUID]));
      for (guint j = i + 1; j < rows->len; j++)
        g_assert_cmpstr (row[COL_GUID], !=, ((char **) rows->pdata[j])[COL_GUID]);
    }
}

static void
test_csv_values (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GPtrArray) rows = export_csv_rows (fixture, NULL);
  gint64 previous_document = 0;
  guint previous_start = 0;
  guint previous_end = G_MAXUINT;

  for (guint i = 1; i < rows->len; i++)
    {
      char **row = rows->pdata[i];
      const ExpectedRow *expected = g_hash_table_lookup (fixture->expected, row[COL_GUID]);
      PlCode *code = pl_project_find_code (fixture->project, expected->code_id);
      PlDocument *document = pl_project_find_document (fixture->project, expected->document_id);
      g_autofree char *document_id = g_strdup_printf ("%" G_GINT64_FORMAT, expected->document_id);
      g_autofree char *start = g_strdup_printf ("%u", expected->start);
      g_autofree char *end = g_strdup_printf ("%u", expected->end);
      g_autofree char *index = NULL;
      const char *short_id = pl_code_get_short_id (code);

      g_assert_cmpstr (row[COL_DOCUMENT_ID], ==, document_id);
      g_assert_cmpstr (row[COL_DOCUMENT_TITLE], ==, pl_document_get_title (document));
      g_assert_cmpstr (row[COL_CODE_ID], ==, short_id != NULL ? short_id : "");
      g_assert_cmpstr (row[COL_CODE_GUID], ==, pl_code_get_guid (code));
      g_assert_cmpstr (row[COL_CODE_NAME], ==, pl_code_get_name (code));
      g_assert_cmpstr (row[COL_START], ==, start);
      g_assert_cmpstr (row[COL_END], ==, end);
      g_assert_cmpstr (row[COL_TEXT], ==, expected->text);
      g_assert_cmpstr (row[COL_CODER], ==, expected->coder);
      g_assert_cmpstr (row[COL_MEMO], ==, expected->memo != NULL ? expected->memo : "");
      g_assert_true (g_str_has_suffix (row[COL_CREATED], "Z"));
      g_assert_cmpstr (row[COL_MODIFIED], ==, row[COL_CREATED]);

      /* The statement that contains the start, and its speaker. */
      index = expected->statement_index != 0 ? g_strdup_printf ("%u", expected->statement_index)
                                             : g_strdup ("");
      g_assert_cmpstr (row[COL_STATEMENT_INDEX], ==, index);
      /* The transcript's labels name its speakers; the plain document has none. */
      g_assert_cmpstr (row[COL_SPEAKER], ==,
                       expected->document_id != fixture->document_id ? ""
                       : expected->statement_index == 1 ? "Chair"
                       : expected->statement_index == 2 ? "Brazil"
                       : expected->statement_index == 3 ? "Japan" : "");

      /* By document, then start, then longer first. */
      g_assert_cmpint (expected->document_id, >=, previous_document);
      if (expected->document_id == previous_document)
        {
          g_assert_cmpuint (expected->start, >=, previous_start);
          if (expected->start == previous_start)
            g_assert_cmpuint (expected->end, <=, previous_end);
        }
      previous_document = expected->document_id;
      previous_start = expected->start;
      previous_end = expected->end;
    }
}

static char **
find_csv_row (GPtrArray  *rows,
              guint       column,
              const char *value)
{
  for (guint i = 1; i < rows->len; i++)
    {
      char **row = rows->pdata[i];

      if (g_strcmp0 (row[column], value) == 0)
        return row;
    }

  return NULL;
}

static void
test_csv_quoting (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autofree char *csv = NULL;
  g_autoptr(GPtrArray) rows = export_csv_rows (fixture, &csv);
  g_autofree char *grandchild_path = NULL;
  char **row;

  /* A title and a memo with comma, quote, CR and LF come back exactly. */
  row = find_csv_row (rows, COL_DOCUMENT_TITLE, second_title);
  g_assert_nonnull (row);
  row = find_csv_row (rows, COL_MEMO, tricky_memo);
  g_assert_nonnull (row);
  g_assert_cmpstr (row[COL_CODE_NAME], ==, child_name);
  g_assert_cmpstr (row[COL_CODE_PATH], ==, "Norms / Critical, \"infrastructure\"");

  grandchild_path = g_strdup_printf ("%s / %s / %s", parent_name, child_name, grandchild_name);
  row = find_csv_row (rows, COL_CODE_PATH, grandchild_path);
  g_assert_nonnull (row);
  g_assert_cmpstr (row[COL_CODE_ID], ==, "");

  /* The quoted forms, literally. */
  g_assert_nonnull (strstr (csv, "\"First, \"\"quoted\"\" line\r\nsecond line\nthird\""));
  g_assert_nonnull (strstr (csv, ",\"Session 1, \"\"open\"\" debate\nday two\","));
}

static void
test_csv_unicode_offsets (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(GPtrArray) rows = export_csv_rows (fixture, NULL);
  char **row;

  /* Offsets count code points: an emoji is one, a flag two, CJK one each. */
  row = find_csv_row (rows, COL_TEXT, "中文");
  g_assert_nonnull (row);
  g_assert_cmpstr (row[COL_MEMO], ==, "CJK");

  row = find_csv_row (rows, COL_TEXT, "🇧🇷");
  g_assert_nonnull (row);

  row = find_csv_row (rows, COL_TEXT, "We support 😀 the norms 中文");
  g_assert_nonnull (row);
  g_assert_cmpstr (row[COL_MEMO], ==, tricky_memo);

  row = find_csv_row (rows, COL_TEXT, "\n\n");
  g_assert_nonnull (row);
  g_assert_cmpstr (row[COL_STATEMENT_INDEX], ==, "");
  g_assert_cmpstr (row[COL_SPEAKER], ==, "");
  g_assert_cmpstr (row[COL_START], ==, "0");
}

static void
test_csv_no_annotations (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (fixture->dir, "empty.csv", NULL);
  g_autofree char *project_path = g_build_filename (fixture->dir, "empty.plenary", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(PlProject) project = NULL;
  g_autofree char *contents = NULL;

  project = pl_project_open (project_path, PL_PROJECT_OPEN_CREATE, &error);
  g_assert_no_error (error);

  g_assert_true (pl_export_csv (project, file, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, CSV_HEADER);
}

/* Many annotations: the output spans many 64 KiB chunks and stays in order.  A project
 * holds one coding per span, code and coder, so every sixteen spans have a coder of their
 * own. */
static void
test_csv_many (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GArray) coders = g_array_new (FALSE, FALSE, sizeof (gint64));
  guint length = (guint) strlen ("Plain text here.\n");
  const guint n = 5000;
  sqlite3_stmt *stmt;

  for (guint i = 0; i < n; i += 16)
    {
      g_autofree char *name = g_strdup_printf ("Bulk %u", i / 16);
      PlCoder *coder = pl_project_ensure_coder (fixture->project, name, &error);

      g_assert_no_error (error);
      g_array_append_val (coders, coder->id);
    }
  g_assert_true (pl_project_begin (fixture->project, &error));
  g_assert_no_error (error);
  stmt = pl_project_prepare (fixture->project,
                             "INSERT INTO annotations (guid, document_id, code_id, coder_id,"
                             " start_offset, end_offset, memo, created, modified)"
                             " VALUES (?, ?, ?, ?, ?, ?, ?, '2026-01-01T00:00:00Z',"
                             " '2026-01-01T00:00:00Z')",
                             &error);
  g_assert_no_error (error);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *guid = g_uuid_string_random ();
      g_autofree char *memo = g_strdup_printf ("bulk %u, \"memo\"", i);
      guint start = i % 16;

      sqlite3_bind_text (stmt, 1, guid, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (stmt, 2, fixture->second_id);
      sqlite3_bind_int64 (stmt, 3, fixture->child_id);
      sqlite3_bind_int64 (stmt, 4, g_array_index (coders, gint64, i / 16));
      sqlite3_bind_int64 (stmt, 5, start);
      sqlite3_bind_int64 (stmt, 6, start + 1 + i % (length - start));
      sqlite3_bind_text (stmt, 7, memo, -1, SQLITE_TRANSIENT);
      g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
      sqlite3_reset (stmt);
    }
  g_assert_true (pl_project_commit (fixture->project, &error));
  g_assert_no_error (error);

  rows = export_csv_rows (fixture, NULL);
  g_assert_cmpuint (rows->len, ==, 1 + g_hash_table_size (fixture->expected) + n);

  for (guint i = 1; i < rows->len; i++)
    {
      char **row = rows->pdata[i];
      guint64 start, end;

      g_assert_cmpuint (g_strv_length (row), ==, N_COLUMNS);
      if (!g_str_has_prefix (row[COL_CODER], "Bulk "))
        continue;
      g_assert_true (g_ascii_string_to_unsigned (row[COL_START], 10, 0, G_MAXUINT, &start, NULL));
      g_assert_true (g_ascii_string_to_unsigned (row[COL_END], 10, 0, G_MAXUINT, &end, NULL));
      g_assert_cmpuint (g_utf8_strlen (row[COL_TEXT], -1), ==, end - start);
      g_assert_true (g_str_has_prefix (row[COL_MEMO], "bulk "));
    }
}

/* JSON */

static JsonObject *
export_json_root (Fixture    *fixture,
                  JsonParser *parser)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (fixture->dir, "dataset.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  JsonNode *root;

  g_assert_true (pl_export (fixture->project, PL_EXPORT_FORMAT_JSON, file, NULL, &error));
  g_assert_no_error (error);

  g_assert_true (json_parser_load_from_file (parser, path, &error));
  g_assert_no_error (error);

  root = json_parser_get_root (parser);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (root));

  return json_node_get_object (root);
}

static gboolean
member_is_null (JsonObject *object,
                const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  g_assert_nonnull (node);
  return JSON_NODE_HOLDS_NULL (node);
}

static void
test_json_head (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *root = export_json_root (fixture, parser);
  JsonObject *project;
  JsonObject *codebook;
  JsonObject *norms;
  JsonArray *codes;
  JsonArray *coders;
  JsonArray *children;

  g_assert_cmpstr (json_object_get_string_member (root, "format"), ==, "plenary-dataset");
  g_assert_cmpint (json_object_get_int_member (root, "version"), ==, 1);

  project = json_object_get_object_member (root, "project");
  g_assert_cmpstr (json_object_get_string_member (project, "guid"), ==,
                   pl_project_get_guid (fixture->project));
  g_assert_cmpstr (json_object_get_string_member (project, "title"), ==, "project");
  g_assert_true (g_str_has_suffix (json_object_get_string_member (project, "exported"), "Z"));

  /* The codebook, nested. */
  codebook = json_object_get_object_member (root, "codebook");
  g_assert_cmpstr (json_object_get_string_member (codebook, "format"), ==, "plenary-codebook");
  codes = json_object_get_array_member (codebook, "codes");
  g_assert_cmpuint (json_array_get_length (codes), ==, 1);
  norms = json_array_get_object_element (codes, 0);
  g_assert_cmpstr (json_object_get_string_member (norms, "id"), ==, "NRM");
  g_assert_cmpstr (json_object_get_string_member (norms, "name"), ==, parent_name);
  children = json_object_get_array_member (norms, "children");
  g_assert_cmpuint (json_array_get_length (children), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (children, 0),
                                                  "name"), ==, child_name);

  coders = json_object_get_array_member (root, "coders");
  g_assert_cmpuint (json_array_get_length (coders), ==, 2);
  for (guint i = 0; i < 2; i++)
    {
      JsonObject *coder = json_array_get_object_element (coders, i);
      const char *name = json_object_get_string_member (coder, "name");

      g_assert_true (g_strcmp0 (name, "Ann") == 0 || g_strcmp0 (name, "Bo") == 0);
      g_assert_true (g_uuid_string_is_valid (json_object_get_string_member (coder, "guid")));
      g_assert_true (json_object_has_member (coder, "initials"));
      g_assert_true (json_object_has_member (coder, "color"));
    }
}

static void
test_json_documents (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *root = export_json_root (fixture, parser);
  JsonArray *documents = json_object_get_array_member (root, "documents");
  JsonObject *first;
  JsonObject *second;
  JsonArray *statements;
  JsonObject *statement;

  g_assert_cmpuint (json_array_get_length (documents), ==, 2);

  first = json_array_get_object_element (documents, 0);
  g_assert_cmpint (json_object_get_int_member (first, "id"), ==, fixture->document_id);
  g_assert_cmpstr (json_object_get_string_member (first, "title"), ==, "Transcript");
  g_assert_cmpstr (json_object_get_string_member (first, "text"), ==, document_text);
  g_assert_cmpint (json_object_get_int_member (first, "length"), ==,
                   pl_text_length (document_text));
  g_assert_true (member_is_null (first, "source_uri"));
  g_assert_true (g_uuid_string_is_valid (json_object_get_string_member (first, "guid")));
  g_assert_true (g_str_has_suffix (json_object_get_string_member (first, "created"), "Z"));

  statements = json_object_get_array_member (first, "statements");
  g_assert_cmpuint (json_array_get_length (statements), ==, 3);

  statement = json_array_get_object_element (statements, 0);
  g_assert_cmpint (json_object_get_int_member (statement, "index"), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (statement, "kind"), ==, "statement");
  g_assert_cmpint (json_object_get_int_member (statement, "start"), ==,
                   offset_of (document_text, "Chair"));
  g_assert_cmpint (json_object_get_int_member (statement, "end"), ==,
                   offset_of (document_text, "\n\nBrazil"));
  g_assert_cmpstr (json_object_get_string_member (statement, "speaker"), ==, "Chair");
  g_assert_cmpstr (json_object_get_string_member (statement, "entity_type"), ==, "chair");
  g_assert_true (member_is_null (statement, "iso3"));
  g_assert_true (member_is_null (statement, "on_behalf_of"));
  g_assert_false (json_object_get_boolean_member (statement, "needs_review"));

  statement = json_array_get_object_element (statements, 1);
  g_assert_cmpint (json_object_get_int_member (statement, "index"), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (statement, "speaker"), ==, "Brazil");
  g_assert_cmpstr (json_object_get_string_member (statement, "iso3"), ==, "BRA");

  second = json_array_get_object_element (documents, 1);

  /* Nobody speaks in the plain document: unknown values are null, not "". */
  statement = json_array_get_object_element (json_object_get_array_member (second, "statements"), 0);
  g_assert_true (member_is_null (statement, "speaker"));
  g_assert_true (member_is_null (statement, "entity"));
  g_assert_true (member_is_null (statement, "entity_type"));
  g_assert_true (member_is_null (statement, "iso3"));
  g_assert_true (member_is_null (statement, "regional_group"));
  g_assert_true (member_is_null (statement, "on_behalf_of"));

  g_assert_cmpstr (json_object_get_string_member (second, "title"), ==, second_title);
  g_assert_cmpstr (json_object_get_string_member (second, "source_uri"), ==,
                   "file:///tmp/second.txt");
}

static void
test_json_annotations (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *root = export_json_root (fixture, parser);
  JsonArray *annotations = json_object_get_array_member (root, "annotations");
  JsonArray *documents = json_object_get_array_member (root, "documents");
  g_autoptr(GPtrArray) coders = pl_project_list_coders (fixture->project);
  guint n = json_array_get_length (annotations);

  g_assert_cmpuint (n, ==, g_hash_table_size (fixture->expected));

  for (guint i = 0; i < n; i++)
    {
      JsonObject *annotation = json_array_get_object_element (annotations, i);
      const char *guid = json_object_get_string_member (annotation, "guid");
      const ExpectedRow *expected = g_hash_table_lookup (fixture->expected, guid);
      PlCode *code;
      const char *short_id;
      JsonObject *document;
      const char *coder_guid = NULL;

      g_assert_nonnull (expected);
      code = pl_project_find_code (fixture->project, expected->code_id);
      short_id = pl_code_get_short_id (code);
      document = json_array_get_object_element (documents,
                                                expected->document_id == fixture->document_id
                                                ? 0 : 1);
      for (guint j = 0; j < coders->len; j++)
        {
          PlCoder *coder = coders->pdata[j];

          if (g_strcmp0 (coder->name, expected->coder) == 0)
            coder_guid = coder->guid;
        }

      g_assert_cmpint (json_object_get_int_member (annotation, "document_id"), ==,
                       expected->document_id);
      g_assert_cmpstr (json_object_get_string_member (annotation, "document_guid"), ==,
                       json_object_get_string_member (document, "guid"));
      g_assert_cmpstr (json_object_get_string_member (annotation, "code_guid"), ==,
                       pl_code_get_guid (code));
      if (short_id != NULL)
        g_assert_cmpstr (json_object_get_string_member (annotation, "code_id"), ==, short_id);
      else
        g_assert_true (member_is_null (annotation, "code_id"));
      g_assert_cmpstr (json_object_get_string_member (annotation, "coder"), ==, expected->coder);
      g_assert_cmpstr (json_object_get_string_member (annotation, "coder_guid"), ==, coder_guid);
      g_assert_cmpint (json_object_get_int_member (annotation, "start"), ==, expected->start);
      g_assert_cmpint (json_object_get_int_member (annotation, "end"), ==, expected->end);
      g_assert_cmpstr (json_object_get_string_member (annotation, "text"), ==, expected->text);
      if (expected->memo != NULL)
        g_assert_cmpstr (json_object_get_string_member (annotation, "memo"), ==, expected->memo);
      else
        g_assert_true (member_is_null (annotation, "memo"));
      g_assert_true (g_str_has_suffix (json_object_get_string_member (annotation, "created"),
                                       "Z"));
      g_assert_cmpstr (json_object_get_string_member (annotation, "modified"), ==,
                       json_object_get_string_member (annotation, "created"));
    }
}

/* Atomic writes */

static gint
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static char *
folder_listing (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);
  g_ptr_array_add (names, NULL);

  return g_strjoinv ("\n", (char **) names->pdata);
}

static void
test_atomic_cancelled (Fixture       *fixture,
                       gconstpointer  data)
{
  static const PlExportFormat formats[] = { PL_EXPORT_FORMAT_CSV, PL_EXPORT_FORMAT_JSON };
  g_autofree char *path = g_build_filename (fixture->dir, "existing.out", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autofree char *before = NULL;

  g_assert_true (g_file_set_contents (path, "old content\n", -1, NULL));
  before = folder_listing (fixture->dir);
  g_cancellable_cancel (cancellable);

  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *contents = NULL;
      g_autofree char *after = NULL;

      g_assert_false (pl_export (fixture->project, formats[i], file, cancellable, &error));
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);

      g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
      g_assert_cmpstr (contents, ==, "old content\n");
      after = folder_listing (fixture->dir);
      g_assert_cmpstr (after, ==, before);
    }
}

/* A failure half-way through (here: the project is closed, so reading fails after the
 * output was opened) leaves an existing destination as it was and a new one absent. */
static void
test_atomic_failure (Fixture       *fixture,
                     gconstpointer  data)
{
  static const PlExportFormat formats[] = { PL_EXPORT_FORMAT_CSV, PL_EXPORT_FORMAT_JSON };
  g_autofree char *existing = g_build_filename (fixture->dir, "existing.out", NULL);
  g_autofree char *fresh = g_build_filename (fixture->dir, "fresh.out", NULL);
  g_autoptr(GFile) existing_file = g_file_new_for_path (existing);
  g_autoptr(GFile) fresh_file = g_file_new_for_path (fresh);
  g_autofree char *before = NULL;

  g_assert_true (g_file_set_contents (existing, "old content\n", -1, NULL));
  pl_project_close (fixture->project);
  before = folder_listing (fixture->dir);

  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *contents = NULL;
      g_autofree char *after = NULL;

      g_assert_false (pl_export (fixture->project, formats[i], existing_file, NULL, &error));
      g_assert_error (error, PL_STORE_ERROR, PL_STORE_ERROR_FAILED);
      g_clear_error (&error);
      g_assert_true (g_file_get_contents (existing, &contents, NULL, NULL));
      g_assert_cmpstr (contents, ==, "old content\n");

      g_assert_false (pl_export (fixture->project, formats[i], fresh_file, NULL, &error));
      g_assert_error (error, PL_STORE_ERROR, PL_STORE_ERROR_FAILED);
      g_assert_false (g_file_test (fresh, G_FILE_TEST_EXISTS));

      after = folder_listing (fixture->dir);
      g_assert_cmpstr (after, ==, before);
    }
}

static void
test_atomic_replace (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (fixture->dir, "dataset.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *contents = NULL;
  g_autofree char *listing = NULL;
  g_autofree char *expected = NULL;

  g_assert_true (g_file_set_contents (path, "old content\n", -1, NULL));
  g_assert_true (pl_export_csv (fixture->project, file, NULL, &error));
  g_assert_no_error (error);

  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_true (g_str_has_prefix (contents, CSV_HEADER));

  /* Only the project (and its SQLite side files) and the export are there. */
  listing = folder_listing (fixture->dir);
  g_assert_null (strstr (listing, ".goutputstream"));
  expected = g_strjoin ("\n", "dataset.csv", "project.plenary", NULL);
  g_assert_true (g_str_has_prefix (listing, expected));
}

static void
test_missing_folder (Fixture       *fixture,
                     gconstpointer  data)
{
  static const PlExportFormat formats[] = { PL_EXPORT_FORMAT_CSV, PL_EXPORT_FORMAT_JSON };
  g_autofree char *path = g_build_filename (fixture->dir, "no-such-folder", "out.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *parse_name = g_file_get_parse_name (file);

  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_false (pl_export (fixture->project, formats[i], file, NULL, &error));
      g_assert_error (error, PL_EXPORT_ERROR, PL_EXPORT_ERROR_WRITE);
      g_assert_nonnull (strstr (error->message, parse_name));
      g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
    }
}

static void
test_format_from_string (void)
{
  PlExportFormat format = PL_EXPORT_FORMAT_JSON;

  g_assert_true (pl_export_format_from_string ("csv", &format));
  g_assert_cmpint (format, ==, PL_EXPORT_FORMAT_CSV);
  g_assert_true (pl_export_format_from_string ("json", &format));
  g_assert_cmpint (format, ==, PL_EXPORT_FORMAT_JSON);
  g_assert_false (pl_export_format_from_string ("xlsx", &format));
  g_assert_false (pl_export_format_from_string ("", &format));
}

#define ADD_TEST(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/export/format-from-string", test_format_from_string);
  ADD_TEST ("/export/csv/header-and-rows", test_csv_header_and_rows);
  ADD_TEST ("/export/csv/values", test_csv_values);
  ADD_TEST ("/export/csv/quoting", test_csv_quoting);
  ADD_TEST ("/export/csv/unicode-offsets", test_csv_unicode_offsets);
  ADD_TEST ("/export/csv/no-annotations", test_csv_no_annotations);
  ADD_TEST ("/export/csv/many", test_csv_many);
  ADD_TEST ("/export/json/head", test_json_head);
  ADD_TEST ("/export/json/documents", test_json_documents);
  ADD_TEST ("/export/json/annotations", test_json_annotations);
  ADD_TEST ("/export/atomic/cancelled", test_atomic_cancelled);
  ADD_TEST ("/export/atomic/failure", test_atomic_failure);
  ADD_TEST ("/export/atomic/replace", test_atomic_replace);
  ADD_TEST ("/export/atomic/missing-folder", test_missing_folder);

  return g_test_run ();
}
