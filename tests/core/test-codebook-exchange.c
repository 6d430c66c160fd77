/* test-codebook-exchange.c — codebook formats: round trips, REFI-QDA validity, lenient
 * import of real files, import plans, the starter codebook
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "plenary-test"

#include "config.h"

#include <glib/gstdio.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <string.h>

#include "pl-codebook.h"
#include "pl-codebook-edit.h"
#include "pl-codebook-exchange.h"
#include "pl-error.h"
#include "pl-project.h"

static char *tmp_dir;
static guint n_projects;

static PlProject *
new_project (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_strdup_printf ("p%u.plenary", n_projects++);
  g_autofree char *path = g_build_filename (tmp_dir, name, NULL);
  PlProject *project = pl_project_open (path, PL_PROJECT_OPEN_CREATE | PL_PROJECT_OPEN_EXCLUSIVE, &error);

  g_assert_no_error (error);
  return project;
}

static PlProject *
starter_project (void)
{
  g_autoptr(GError) error = NULL;
  PlProject *project = new_project ();

  g_assert_cmpint (pl_codebook_load_starter (project, &error), >, 50);
  g_assert_no_error (error);
  return project;
}

/* Every code, depth first: what each format must keep.  @extras adds what only JSON and
 * CSV carry (shortcut, dark colour). */
static char *
describe (PlProject *project,
          gboolean   extras)
{
  GListModel *codes = pl_project_get_codes (project);
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (codes); i++)
    {
      g_autoptr(PlCode) code = g_list_model_get_item (codes, i);

      g_string_append_printf (out, "%u|%s|%s|%s|%s|%s|%s|%s|%s|%d",
                              pl_code_get_depth (code), pl_code_get_guid (code),
                              pl_code_get_short_id (code), pl_code_get_name (code),
                              pl_code_get_color (code), pl_code_get_definition (code),
                              pl_code_get_inclusion (code), pl_code_get_exclusion (code),
                              pl_code_get_example (code), pl_code_get_codable (code));
      if (extras)
        g_string_append_printf (out, "|%s|%s", pl_code_get_color_dark (code), pl_code_get_shortcut (code));
      g_string_append_c (out, '\n');
    }
  return g_string_free (out, FALSE);
}

/* A codebook with the awkward cases every format must carry: a folder, three levels,
 * multi-line text with commas and quotes, emoji, a name with " / " and "::". */
static PlProject *
awkward_project (void)
{
  g_autoptr(GError) error = NULL;
  PlProject *project = starter_project ();
  g_autoptr(PlCodebook) codebook = pl_codebook_new (project);
  PlCode *nrm = pl_project_lookup_code (project, "NRM");
  PlCodeSpec folder = { .name = "Folder, with “quotes”", .short_id = "F", .color = "#123456", .codable = FALSE };
  PlCodeSpec deep = { .name = "Deep / slash :: colons 😀", .short_id = "F.D", .shortcut = "q",
                      .definition = "Line one, with a comma.\nLine \"two\"; Include: not a label",
                      .inclusion = "  spaced cue  ", .exclusion = "x\r\ny", .example = "“Quoted”, example",
                      .color = "#FEDCBA", .color_dark = "#AA5500", .codable = TRUE };
  PlCode *code;

  folder.parent_id = pl_code_get_id (nrm);
  code = pl_codebook_add_code (codebook, &folder, 0, &error);
  g_assert_no_error (error);
  deep.parent_id = pl_code_get_id (code);
  code = pl_codebook_add_code (codebook, &deep, -1, &error);
  g_assert_no_error (error);
  deep.parent_id = pl_code_get_id (code);
  deep.name = "Third level";
  deep.short_id = NULL;
  deep.shortcut = NULL;
  pl_codebook_add_code (codebook, &deep, -1, &error);
  g_assert_no_error (error);
  return project;
}

/* Compares two descriptions line by line, so a failure shows the code that differs. */
static void
assert_same_codebook (const char *got,
                      const char *expected)
{
  g_auto(GStrv) got_lines = g_strsplit (got, "\n", -1);
  g_auto(GStrv) expected_lines = g_strsplit (expected, "\n", -1);

  for (guint i = 0; got_lines[i] != NULL && expected_lines[i] != NULL; i++)
    g_assert_cmpstr (got_lines[i], ==, expected_lines[i]);
  g_assert_cmpuint (g_strv_length (got_lines), ==, g_strv_length (expected_lines));
}

static PlCodebookImportPlan *
plan_bytes (PlProject   *project,
            const char  *text,
            const char  *name,
            GError     **error)
{
  g_autoptr(GBytes) bytes = g_bytes_new (text, strlen (text));
  g_autoptr(PlCodebook) codebook = pl_codebook_new (project);

  return pl_codebook_import_plan_bytes (codebook, bytes, name, error);
}

static void
import_into (PlProject  *project,
             GBytes     *bytes,
             const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PlCodebook) codebook = pl_codebook_new (project);
  g_autoptr(PlCodebookImportPlan) plan = pl_codebook_import_plan_bytes (codebook, bytes, name, &error);

  g_assert_no_error (error);
  g_assert_nonnull (plan);
  g_assert_true (pl_codebook_import_apply (plan, &error));
  g_assert_no_error (error);
}

static void
round_trip (PlCodebookFormat format,
            gboolean         extras)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PlProject) source = awkward_project ();
  g_autoptr(PlProject) target = new_project ();
  g_autoptr(PlProject) again = new_project ();
  g_autoptr(PlCodebook) again_codebook = pl_codebook_new (again);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(PlCodebookImportPlan) plan = NULL;
  g_autofree char *name = g_strdup_printf ("codebook.%s", pl_codebook_format_get_extension (format));
  g_autofree char *path = g_build_filename (tmp_dir, name, NULL);
  g_autofree char *expected = describe (source, extras);
  g_autofree char *got = NULL;
  g_autofree char *got_again = NULL;

  bytes = pl_codebook_export_bytes (source, format, &error);
  g_assert_no_error (error);
  import_into (target, bytes, name);
  got = describe (target, extras);
  assert_same_codebook (got, expected);

  /* Through a file, and into a project that has the codes already: nothing to change. */
  file = g_file_new_for_path (path);
  g_assert_true (pl_codebook_export (source, format, file, NULL, &error));
  g_assert_no_error (error);
  plan = pl_codebook_import_plan (again_codebook, file, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (pl_codebook_import_apply (plan, &error));
  got_again = describe (again, extras);
  assert_same_codebook (got_again, expected);
  g_clear_pointer (&plan, pl_codebook_import_plan_free);

  plan = pl_codebook_import_plan (again_codebook, file, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (pl_codebook_import_plan_count (plan, PL_CODEBOOK_PLAN_NEW), ==, 0);
  g_assert_cmpuint (pl_codebook_import_plan_count (plan, PL_CODEBOOK_PLAN_CHANGED), ==, 0);
  g_assert_cmpuint (pl_codebook_import_plan_count (plan, PL_CODEBOOK_PLAN_UNCHANGED), ==,
                    g_list_model_get_n_items (pl_project_get_codes (source)));
  g_unlink (path);
}

static void
test_round_trip_json (void)
{
  round_trip (PL_CODEBOOK_FORMAT_JSON, TRUE);
}

static void
test_round_trip_csv (void)
{
  round_trip (PL_CODEBOOK_FORMAT_CSV, TRUE);
}

static void
test_round_trip_qdc (void)
{
  round_trip (PL_CODEBOOK_FORMAT_QDC, FALSE);
}

/* Checks the schema cannot make: unique GUIDs, #RRGGBB colours, no empty containers. */
static void
check_qdc_node (xmlNode    *node,
                GHashTable *guids)
{
  for (xmlNode *child = node->children; child != NULL; child = child->next)
    {
      xmlChar *guid, *color;

      if (child->type != XML_ELEMENT_NODE)
        continue;
      g_assert_cmpstr ((const char *) child->name, !=, "Sets");
      if (g_str_equal ((const char *) child->name, "Codes"))
        g_assert_nonnull (xmlFirstElementChild (child));
      if (g_str_equal ((const char *) child->name, "Description"))
        {
          xmlChar *text = xmlNodeGetContent (child);

          g_assert_cmpuint (strlen ((const char *) text), >, 0);
          xmlFree (text);
        }
      if (g_str_equal ((const char *) child->name, "Code"))
        {
          guid = xmlGetProp (child, BAD_CAST "guid");
          color = xmlGetProp (child, BAD_CAST "color");
          g_assert_nonnull (guid);
          g_assert_true (g_uuid_string_is_valid ((const char *) guid));
          g_assert_true (g_hash_table_add (guids, g_ascii_strdown ((const char *) guid, -1)));
          g_assert_nonnull (color);
          g_assert_true (g_regex_match_simple ("^#[0-9A-F]{6}$", (const char *) color, 0, 0));
          xmlFree (guid);
          xmlFree (color);
        }
      check_qdc_node (child, guids);
    }
}

static void
test_qdc_valid (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PlProject) project = awkward_project ();
  g_autoptr(PlProject) empty = new_project ();
  g_autoptr(GBytes) bytes = pl_codebook_export_bytes (project, PL_CODEBOOK_FORMAT_QDC, &error);
  g_autoptr(GHashTable) guids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *path = g_build_filename (tmp_dir, "valid.qdc", NULL);
  const char *shared = g_getenv ("PLENARY_SHARED_DIR");
  g_autofree char *schema = shared != NULL ? g_build_filename (shared, "refi-qda", "schemas", "Codebook-mrt2019.xsd", NULL) : NULL;
  g_autofree char *xmllint = g_find_program_in_path ("xmllint");
  xmlDocPtr document;
  gsize size;
  const char *data;

  g_assert_no_error (error);
  data = g_bytes_get_data (bytes, &size);
  document = xmlReadMemory (data, size, NULL, NULL, XML_PARSE_NONET);
  g_assert_nonnull (document);
  g_assert_cmpstr ((const char *) xmlDocGetRootElement (document)->ns->href, ==, "urn:QDA-XML:codebook:1.0");
  check_qdc_node (xmlDocGetRootElement (document), guids);
  g_assert_cmpuint (g_hash_table_size (guids), ==, g_list_model_get_n_items (pl_project_get_codes (project)));
  xmlFreeDoc (document);

  /* An empty codebook would be an empty <Codes/>: refused. */
  g_assert_null (pl_codebook_export_bytes (empty, PL_CODEBOOK_FORMAT_QDC, &error));
  g_assert_error (error, PL_EXPORT_ERROR, PL_EXPORT_ERROR_FAILED);
  g_clear_error (&error);

  if (schema == NULL || !g_file_test (schema, G_FILE_TEST_EXISTS) || xmllint == NULL)
    {
      g_test_skip ("No REFI-QDA schema in ../shared or no xmllint: schema validation skipped");
      return;
    }

  g_assert_true (g_file_set_contents (path, data, size, &error));
  {
    const char *argv[] = { xmllint, "--noout", "--schema", schema, path, NULL };
    g_autofree char *out = NULL;
    g_autofree char *err = NULL;
    int status = 0;

    g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                                 &out, &err, &status, &error));
    g_assert_no_error (error);
    if (!g_spawn_check_wait_status (status, NULL))
      g_error ("xmllint refused the export: %s", err);
  }
  g_unlink (path);
}

/* Every .qdc, .qde and .qdpx sample of ../shared imports without error. */
static void
test_samples (void)
{
  const char *shared = g_getenv ("PLENARY_SHARED_DIR");
  g_autofree char *root = shared != NULL ? g_build_filename (shared, "refi-qda", "samples", NULL) : NULL;
  g_autoptr(GDir) dir = NULL;
  const char *folder;
  guint n_files = 0;

  if (root == NULL || (dir = g_dir_open (root, 0, NULL)) == NULL)
    {
      g_test_skip ("No ../shared/refi-qda/samples");
      return;
    }

  while ((folder = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *sub = g_build_filename (root, folder, NULL);
      g_autoptr(GDir) files = g_dir_open (sub, 0, NULL);
      const char *name;

      while (files != NULL && (name = g_dir_read_name (files)) != NULL)
        {
          g_autoptr(GError) error = NULL;
          g_autofree char *path = g_build_filename (sub, name, NULL);
          g_autoptr(GFile) file = g_file_new_for_path (path);
          g_autoptr(PlProject) project = NULL;
          g_autoptr(PlCodebook) codebook = NULL;
          g_autoptr(PlCodebookImportPlan) plan = NULL;
          g_autofree char *lower = g_ascii_strdown (name, -1);
          GPtrArray *items;

          if (!g_str_has_suffix (lower, ".qdc") && !g_str_has_suffix (lower, ".qde")
              && !g_str_has_suffix (lower, ".qdpx"))
            continue;

          project = new_project ();
          codebook = pl_codebook_new (project);
          plan = pl_codebook_import_plan (codebook, file, NULL, &error);
          g_assert_no_error (error);
          g_assert_nonnull (plan);
          items = pl_codebook_import_plan_get_items (plan);
          g_assert_cmpuint (pl_codebook_import_plan_count (plan, PL_CODEBOOK_PLAN_NEW), ==, items->len);
          g_assert_true (pl_codebook_import_apply (plan, &error));
          g_assert_no_error (error);
          g_assert_cmpuint (g_list_model_get_n_items (pl_project_get_codes (project)), ==, items->len);
          g_test_message ("%s/%s: %u codes, %u notes", folder, name, items->len,
                          pl_codebook_import_plan_get_report (plan)->len);

          /* ATLAS.ti's "Coke::diet Coke" sits under "Coke", which the file gives later. */
          if (g_str_equal (folder, "skyloom_atlasti84mac"))
            {
              PlCode *diet = pl_project_lookup_code (project, "diet Coke");
              PlCode *coke = pl_project_lookup_code (project, "Coke");

              g_assert_nonnull (diet);
              g_assert_nonnull (coke);
              g_assert_cmpint (pl_code_get_parent_id (diet), ==, pl_code_get_id (coke));
              g_assert_cmpstr (pl_code_get_definition (coke), ==, "the breakfast of champions");
              g_assert_cmpstr (pl_code_get_guid (coke), ==, "7496ba52-9c8d-4396-8fab-cc438614e453");
            }
          n_files++;
        }
    }
  g_assert_cmpuint (n_files, >=, 5);
}

/* Each hand-made broken file is imported leniently or refused naming the file. */
static void
test_invalid_files (void)
{
  const char *shared = g_getenv ("PLENARY_SHARED_DIR");
  g_autofree char *root = shared != NULL ? g_build_filename (shared, "refi-qda", "invalid", NULL) : NULL;
  g_autoptr(GDir) dir = NULL;
  const char *name;
  guint n_files = 0;

  if (root == NULL || (dir = g_dir_open (root, 0, NULL)) == NULL)
    {
      g_test_skip ("No ../shared/refi-qda/invalid");
      return;
    }

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *path = g_build_filename (root, name, NULL);
      g_autoptr(GFile) file = g_file_new_for_path (path);
      g_autoptr(PlProject) project = new_project ();
      g_autoptr(PlCodebook) codebook = pl_codebook_new (project);
      g_autoptr(PlCodebookImportPlan) plan = pl_codebook_import_plan (codebook, file, NULL, &error);

      if (plan == NULL)
        {
          g_assert_nonnull (error);
          g_assert_nonnull (strstr (error->message, name));
          g_test_message ("%s: refused: %s", name, error->message);
        }
      else
        {
          g_assert_no_error (error);
          g_assert_true (pl_codebook_import_apply (plan, &error));
          g_assert_no_error (error);
          g_test_message ("%s: %u codes", name, g_list_model_get_n_items (pl_project_get_codes (project)));
        }
      n_files++;
    }
  g_assert_cmpuint (n_files, >, 10);
}

static gboolean
report_mentions (PlCodebookImportPlan *plan,
                 const char           *text)
{
  GPtrArray *report = pl_codebook_import_plan_get_report (plan);

  for (guint i = 0; i < report->len; i++)
    if (strstr (g_ptr_array_index (report, i), text) != NULL)
      return TRUE;
  return FALSE;
}

static void
test_lenient_qdc (void)
{
  static const char *namespaces[] = {
    "xmlns=\"urn:QDA-XML:codebook:1.0\"", "xmlns=\"urn:QDA-XML:codebook:1:0\"",
    "xmlns=\"urn:QDA-XML:codebook:0:4\"", "",
  };
  static const char body[] =
    "<Codes><Code guid=\"{0A8C5C11-2B3C-4D5E-8F90-A1B2C3D4E5F6}\" name=\"Nodes\" isCodable=\"false\">"
    "<Code guid=\"11111111-2222-4333-8444-555555555555\" name=\"Feelings::Joy\" isCodable=\"True\" color=\"#FF000080\"/>"
    "<Code guid=\"11111111-2222-4333-8444-555555555556\" name=\"Colour\" isCodable=\"1\" color=\"rgb(0, 128, 255)\">"
    "<Code guid=\"11111111-2222-4333-8444-555555555557\" name=\"Short\" isCodable=\"0\" color=\"#abc\"/>"
    "<Description>Described after its child.\n\nInclude: blue things\nExample: the sky</Description></Code>"
    "<Code guid=\"not-a-guid\" name=\"Bad guid\" color=\"blue\"/>"
    "<Code guid=\"11111111-2222-4333-8444-555555555558\" name=\"\" isCodable=\"true\"/>"
    "</Code></Codes><Sets/>";

  for (guint i = 0; i < G_N_ELEMENTS (namespaces); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(PlProject) project = new_project ();
      g_autofree char *xml = g_strdup_printf ("\xEF\xBB\xBF<?xml version=\"1.0\" encoding=\"utf-8\"?>\r\n<CodeBook %s>%s</CodeBook>",
                                              namespaces[i], body);
      g_autoptr(PlCodebookImportPlan) plan = plan_bytes (project, xml, "lenient.qdc", &error);
      g_autofree char *tree = NULL;
      g_autofree char *described = NULL;
      PlCode *joy, *feelings, *colour, *shortc, *bad;

      g_assert_no_error (error);
      described = pl_codebook_import_plan_describe (plan);
      g_test_message ("%s", described);
      /* Nothing changes before the plan is applied. */
      g_assert_cmpuint (g_list_model_get_n_items (pl_project_get_codes (project)), ==, 0);
      g_assert_true (pl_codebook_import_apply (plan, &error));
      g_assert_no_error (error);

      /* The "Nodes" wrapper is gone; "Feelings" was made a folder for "Feelings::Joy". */
      g_assert_null (pl_project_lookup_code (project, "Nodes"));
      joy = pl_project_lookup_code (project, "Joy");
      feelings = pl_project_lookup_code (project, "Feelings");
      colour = pl_project_lookup_code (project, "Colour");
      shortc = pl_project_lookup_code (project, "Short");
      bad = pl_project_lookup_code (project, "Bad guid");
      g_assert_nonnull (joy);
      g_assert_nonnull (feelings);
      g_assert_false (pl_code_get_codable (feelings));
      g_assert_cmpint (pl_code_get_parent_id (joy), ==, pl_code_get_id (feelings));
      g_assert_cmpuint (pl_code_get_depth (feelings), ==, 0);
      g_assert_cmpstr (pl_code_get_color (joy), ==, "#FF0000");
      g_assert_true (pl_code_get_codable (joy));
      g_assert_cmpstr (pl_code_get_color (colour), ==, "#0080FF");
      g_assert_cmpstr (pl_code_get_definition (colour), ==, "Described after its child.");
      g_assert_cmpstr (pl_code_get_inclusion (colour), ==, "blue things");
      g_assert_cmpstr (pl_code_get_example (colour), ==, "the sky");
      g_assert_cmpstr (pl_code_get_color (shortc), ==, "#AABBCC");
      g_assert_false (pl_code_get_codable (shortc));
      g_assert_true (g_uuid_string_is_valid (pl_code_get_guid (bad)));
      g_assert_true (pl_code_get_codable (bad));
      g_assert_cmpuint (g_list_model_get_n_items (pl_project_get_codes (project)), ==, 5);

      g_assert_true (report_mentions (plan, "Nodes"));
      g_assert_true (report_mentions (plan, "Feelings"));
      g_assert_true (report_mentions (plan, "transparency"));
      g_assert_true (report_mentions (plan, "not-a-guid"));
      g_assert_true (report_mentions (plan, "without a name"));
      g_assert_true (report_mentions (plan, "could not be read"));
      tree = g_strdup (pl_code_get_path (joy));
      g_assert_cmpstr (tree, ==, "Feelings / Joy");
    }
}

static void
test_qdpx (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PlProject) project = new_project ();
  g_autoptr(PlCodebook) codebook = pl_codebook_new (project);
  g_autoptr(PlCodebookImportPlan) plan = NULL;
  g_autofree char *path = g_build_filename (tmp_dir, "made.qdpx", NULL);
  g_autofree char *qde = g_build_filename (tmp_dir, "project.qde", NULL);
  g_autofree char *zip = g_find_program_in_path ("zip");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  static const char project_xml[] =
    "<?xml version=\"1.0\"?><Project xmlns=\"urn:QDA-XML:project:1.0\" name=\"p\"><CodeBook><Codes>"
    "<Code guid=\"11111111-2222-4333-8444-555555555555\" name=\"Inside a zip\" isCodable=\"true\"/>"
    "</Codes></CodeBook></Project>";

  if (zip == NULL)
    {
      g_test_skip ("No zip program to make a .qdpx");
      return;
    }
  g_assert_true (g_file_set_contents (qde, project_xml, -1, &error));
  {
    const char *argv[] = { zip, "-q", "-j", path, qde, NULL };
    int status = 0;

    g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, NULL, NULL, &status, &error));
    g_assert_true (g_spawn_check_wait_status (status, NULL));
  }
  plan = pl_codebook_import_plan (codebook, file, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (pl_codebook_import_apply (plan, &error));
  g_assert_nonnull (pl_project_lookup_code (project, "Inside a zip"));
  g_unlink (path);
  g_unlink (qde);
}

static void
test_csv (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PlProject) project = new_project ();
  g_autoptr(PlCodebookImportPlan) plan = NULL;
  g_autoptr(GBytes) bytes = NULL;
  static const char csv[] =
    "\xEF\xBB\xBFname;path;definition;codable;colour;color\r\n"
    "Child;Missing parent / Child;\"Multi\r\nline; with \"\"quotes\"\"\";yes;x;#00ff00\r\n"
    "Top;Top;;false;;\r\n"
    ";;;;;\r\n"
    "Top;Top;again;;;\r\n";
  GListModel *codes;
  PlCode *child, *missing, *top;
  const char *text;
  gsize size;

  plan = plan_bytes (project, csv, "table.csv", &error);
  g_assert_no_error (error);
  g_assert_true (report_mentions (plan, "“colour”"));
  g_assert_true (report_mentions (plan, "Missing parent"));
  g_assert_true (report_mentions (plan, "Row 5"));
  g_assert_true (pl_codebook_import_apply (plan, &error));
  g_assert_no_error (error);

  codes = pl_project_get_codes (project);
  g_assert_cmpuint (g_list_model_get_n_items (codes), ==, 3);
  child = pl_project_lookup_code (project, "Child");
  missing = pl_project_lookup_code (project, "Missing parent");
  top = pl_project_lookup_code (project, "Top");
  g_assert_cmpint (pl_code_get_parent_id (child), ==, pl_code_get_id (missing));
  g_assert_false (pl_code_get_codable (missing));
  g_assert_false (pl_code_get_codable (top));
  g_assert_cmpstr (pl_code_get_definition (child), ==, "Multi\nline; with \"quotes\"");
  g_assert_cmpstr (pl_code_get_color (child), ==, "#00FF00");

  /* RFC 4180 on the way out: CRLF, quotes doubled, fields with line breaks quoted. */
  bytes = pl_codebook_export_bytes (project, PL_CODEBOOK_FORMAT_CSV, &error);
  g_assert_no_error (error);
  text = g_bytes_get_data (bytes, &size);
  g_assert_true (g_str_has_prefix (text, "path,id,name,definition,inclusion,exclusion,example,color,color_dark,shortcut,codable,guid\r\n"));
  g_assert_nonnull (g_strstr_len (text, size, "\"Multi\nline; with \"\"quotes\"\"\""));
  g_assert_nonnull (g_strstr_len (text, size, "Missing parent / Child,"));
  g_clear_pointer (&plan, pl_codebook_import_plan_free);

  /* A quote left open is refused, naming the file and the line. */
  plan = plan_bytes (project, "name,definition\nA,\"open\nB,x\n", "open.csv", &error);
  g_assert_null (plan);
  g_assert_error (error, PL_IMPORT_ERROR, PL_IMPORT_ERROR_MALFORMED);
  g_assert_nonnull (strstr (error->message, "open.csv"));
  g_assert_nonnull (strstr (error->message, "line 2"));
  g_clear_error (&error);

  plan = plan_bytes (project, "a,b,c\n1,2,3\n", "nothing.csv", &error);
  g_assert_null (plan);
  g_assert_error (error, PL_IMPORT_ERROR, PL_IMPORT_ERROR_MALFORMED);
  g_assert_nonnull (strstr (error->message, "nothing.csv"));
}

static void
test_refusals (void)
{
  static const struct
  {
    const char *name;
    const char *text;
    gsize       length;
  } cases[] = {
    { "empty.json", "", 0 },
    { "other.json", "{\"format\": \"something\", \"codes\": []}", 0 },
    { "newer.json", "{\"format\": \"plenary-codebook\", \"version\": 2, \"codes\": []}", 0 },
    { "broken.qdc", "<CodeBook><Codes>", 0 },
    { "html.xml", "<html><body/></html>", 0 },
    { "binary.csv", "abc\0def", 7 },
    { "notzip.qdpx", "PK\003\004garbage", 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(PlProject) project = new_project ();
      g_autoptr(PlCodebook) codebook = pl_codebook_new (project);
      g_autoptr(GBytes) bytes = g_bytes_new (cases[i].text, cases[i].length > 0 ? cases[i].length : strlen (cases[i].text));
      g_autoptr(PlCodebookImportPlan) plan = pl_codebook_import_plan_bytes (codebook, bytes, cases[i].name, &error);

      g_assert_null (plan);
      g_assert_nonnull (error);
      g_assert_true (error->domain == PL_IMPORT_ERROR);
      g_assert_nonnull (strstr (error->message, cases[i].name));
    }

  {
    g_autoptr(GError) error = NULL;
    g_autoptr(PlProject) project = new_project ();
    g_autofree char *missing = g_build_filename (tmp_dir, "missing.qdc", NULL);
    g_autoptr(GFile) file = g_file_new_for_path (missing);
    g_autoptr(PlCodebook) codebook = pl_codebook_new (project);

    g_assert_null (pl_codebook_import_plan (codebook, file, NULL, &error));
    g_assert_error (error, PL_IMPORT_ERROR, PL_IMPORT_ERROR_READ);
    g_assert_nonnull (strstr (error->message, "missing.qdc"));
  }
}

static void
test_merge_plan (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PlProject) project = starter_project ();
  g_autoptr(PlProject) other = starter_project ();
  g_autoptr(PlCodebook) codebook = pl_codebook_new (project);
  g_autoptr(PlCodebook) other_codebook = pl_codebook_new (other);
  g_autoptr(PlCodebookImportPlan) plan = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GPtrArray) log = NULL;
  g_autofree char *before = describe (project, TRUE);
  g_autofree char *after = NULL;
  g_autofree char *undone = NULL;
  g_autofree char *text = NULL;
  PlCode *ransom = pl_project_lookup_code (other, "THR.RANSOM");
  PlCode *nrm = pl_project_lookup_code (other, "NRM");
  PlCode *nrm_f = pl_project_lookup_code (other, "NRM.F");
  PlCodeSpec fresh = { .name = "Data security", .short_id = "THR.DATA", .shortcut = "1", .codable = TRUE };
  guint version = pl_codebook_get_version (codebook);
  PlCode *moved;

  /* The other copy: a rename, a colour, a re-parent, a new code whose shortcut clashes. */
  g_assert_true (pl_codebook_rename (other_codebook, pl_code_get_id (ransom), "Ransomware and extortion", &error));
  g_assert_true (pl_codebook_set_colors (other_codebook, pl_code_get_id (ransom), "#112233", NULL, &error));
  g_assert_true (pl_codebook_move (other_codebook, pl_code_get_id (pl_project_lookup_code (other, "THR.INFO")),
                                   pl_code_get_id (nrm), -1, &error));
  fresh.parent_id = pl_code_get_id (pl_project_lookup_code (other, "THR"));
  g_assert_true (pl_codebook_set_shortcut (other_codebook, pl_code_get_id (nrm_f), NULL, &error));
  g_assert_nonnull (pl_codebook_add_code (other_codebook, &fresh, -1, &error));
  g_assert_no_error (error);
  bytes = pl_codebook_export_bytes (other, PL_CODEBOOK_FORMAT_JSON, &error);
  g_assert_no_error (error);

  plan = pl_codebook_import_plan_bytes (codebook, bytes, "other.json", &error);
  g_assert_no_error (error);
  text = pl_codebook_import_plan_describe (plan);
  g_test_message ("%s", text);
  g_assert_cmpuint (pl_codebook_import_plan_count (plan, PL_CODEBOOK_PLAN_NEW), ==, 1);
  /* NRM.F gave up its shortcut in the other copy: a missing value is not a change. */
  g_assert_cmpuint (pl_codebook_import_plan_count (plan, PL_CODEBOOK_PLAN_CHANGED), ==, 2);
  g_assert_nonnull (strstr (text, "+ Threats / Data security"));
  g_assert_nonnull (strstr (text, "name: “Ransomware” → “Ransomware and extortion”"));
  g_assert_nonnull (strstr (text, "moves into “Norms of responsible state behaviour”"));
  g_assert_true (report_mentions (plan, "shortcut “1”"));
  {
    g_autofree char *unchanged = describe (project, TRUE);

    g_assert_cmpstr (unchanged, ==, before);
  }

  g_assert_true (pl_codebook_import_apply (plan, &error));
  g_assert_no_error (error);
  after = describe (project, TRUE);
  g_assert_cmpstr (pl_code_get_name (pl_project_lookup_code (project, "THR.RANSOM")), ==, "Ransomware and extortion");
  g_assert_cmpstr (pl_code_get_color (pl_project_lookup_code (project, "THR.RANSOM")), ==, "#112233");
  moved = pl_project_lookup_code (project, "THR.INFO");
  g_assert_cmpint (pl_code_get_parent_id (moved), ==, pl_code_get_id (pl_project_lookup_code (project, "NRM")));
  g_assert_nonnull (pl_project_lookup_code (project, "THR.DATA"));
  g_assert_null (pl_code_get_shortcut (pl_project_lookup_code (project, "THR.DATA")));
  g_assert_cmpuint (pl_codebook_get_version (codebook), ==, version + 1);
  log = pl_codebook_list_log (codebook, &error);
  g_assert_cmpuint (log->len, ==, 1);
  g_assert_cmpstr (((PlCodebookLogEntry *) g_ptr_array_index (log, 0))->action, ==, "import");

  /* Applying twice is refused; undo brings the codebook back. */
  g_assert_false (pl_codebook_import_apply (plan, &error));
  g_assert_error (error, PL_STORE_ERROR, PL_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (pl_project_undo (project, &error));
  undone = describe (project, TRUE);
  g_assert_cmpstr (undone, ==, before);
  g_assert_true (pl_project_redo (project, &error));
  g_clear_pointer (&undone, g_free);
  undone = describe (project, TRUE);
  g_assert_cmpstr (undone, ==, after);

  /* Matching by path: no GUIDs, names in another case. */
  g_clear_pointer (&plan, pl_codebook_import_plan_free);
  plan = plan_bytes (project,
                     "{\"format\": \"plenary-codebook\", \"version\": 1, \"codes\": ["
                     "{\"name\": \"norms of responsible state behaviour\", \"children\": ["
                     "{\"name\": \"INTERSTATE COOPERATION ON ICT SECURITY\", \"definition\": \"New words.\"}]}]}",
                     "paths.json", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (pl_codebook_import_plan_count (plan, PL_CODEBOOK_PLAN_NEW), ==, 0);
  g_assert_cmpuint (pl_codebook_import_plan_count (plan, PL_CODEBOOK_PLAN_CHANGED), ==, 2);

  /* A plan made before the codebook changed is refused. */
  g_assert_true (pl_codebook_rename (codebook, pl_code_get_id (pl_project_lookup_code (project, "NRM.A")), "Changed meanwhile", &error));
  g_assert_false (pl_codebook_import_apply (plan, &error));
  g_assert_error (error, PL_STORE_ERROR, PL_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "paths.json"));
}

static void
test_appendix (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PlProject) project = starter_project ();
  g_autoptr(GBytes) md = NULL;
  g_autoptr(GBytes) html = NULL;
  g_autofree char *md_text = NULL;
  g_autofree char *html_text = NULL;
  PlCode *nrm_f = pl_project_lookup_code (project, "NRM.F");
  PlDocument *document;
  g_autoptr(PlCoder) coder = NULL;
  g_autoptr(PlAnnotation) annotation = NULL;
  const char *data;
  gsize size;

  document = pl_project_add_document (project, "Doc", "Hospitals must never be attacked.", NULL, &error);
  g_assert_no_error (error);
  coder = pl_coder_ref (pl_project_ensure_coder (project, "Ana", &error));
  annotation = pl_project_add_annotation (project,
                                          &(PlAnnotationSpec) { pl_document_get_id (document),
                                                                pl_code_get_id (nrm_f), coder->id, 0, 9,
                                                                NULL },
                                          &error);
  g_assert_no_error (error);
  g_assert_nonnull (annotation);

  md = pl_codebook_export_bytes (project, PL_CODEBOOK_FORMAT_MARKDOWN, &error);
  g_assert_no_error (error);
  data = g_bytes_get_data (md, &size);
  md_text = g_strndup (data, size);
  g_assert_true (g_str_has_prefix (md_text, "# "));
  g_assert_nonnull (strstr (md_text, "\n## NRM · Norms of responsible state behaviour\n"));
  g_assert_nonnull (strstr (md_text, "\n### NRM.F · Not damaging critical infrastructure\n\n- Uses: 1\n"));
  g_assert_nonnull (strstr (md_text, "- Uses: 0 (with sub-codes: 1)"));
  g_assert_nonnull (strstr (md_text, pl_code_get_definition (nrm_f)));
  g_assert_nonnull (strstr (md_text, "**Include:**"));
  g_assert_nonnull (strstr (md_text, "> **Example:**"));
  g_assert_nonnull (strstr (md_text, "| NRM.F |   Not damaging critical infrastructure | 1 |"));

  html = pl_codebook_export_bytes (project, PL_CODEBOOK_FORMAT_HTML, &error);
  g_assert_no_error (error);
  data = g_bytes_get_data (html, &size);
  html_text = g_strndup (data, size);
  g_assert_true (g_str_has_prefix (html_text, "<!DOCTYPE html>"));
  g_assert_nonnull (strstr (html_text, "<style>"));
  g_assert_nonnull (strstr (html_text, "@media print"));
  g_assert_nonnull (strstr (html_text, "background:#005281"));
  g_assert_nonnull (strstr (html_text, "<section class=\"code depth-1\" id=\"NRM.F\">"));
  g_assert_null (strstr (html_text, "<link"));
  g_assert_null (strstr (html_text, "<script"));
  g_assert_null (strstr (html_text, "src="));
}

static void
test_export_errors (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PlProject) project = starter_project ();
  g_autofree char *nowhere = g_build_filename (tmp_dir, "no-such-folder", "codebook.json", NULL);
  g_autofree char *existing = g_build_filename (tmp_dir, "existing.html", NULL);
  g_autoptr(GFile) bad = g_file_new_for_path (nowhere);
  g_autoptr(GFile) good = g_file_new_for_path (existing);
  g_autofree char *contents = NULL;
  PlCodebookFormat format;

  g_assert_false (pl_codebook_export (project, PL_CODEBOOK_FORMAT_JSON, bad, NULL, &error));
  g_assert_error (error, PL_EXPORT_ERROR, PL_EXPORT_ERROR_WRITE);
  g_assert_nonnull (strstr (error->message, "codebook.json"));
  g_clear_error (&error);

  g_assert_true (g_file_set_contents (existing, "old", -1, &error));
  g_assert_true (pl_codebook_export (project, PL_CODEBOOK_FORMAT_HTML, good, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (existing, &contents, NULL, &error));
  g_assert_true (g_str_has_prefix (contents, "<!DOCTYPE html>"));
  g_unlink (existing);

  g_assert_true (pl_codebook_format_from_string ("MD", &format));
  g_assert_cmpint (format, ==, PL_CODEBOOK_FORMAT_MARKDOWN);
  g_assert_true (pl_codebook_format_from_string ("qdc", &format));
  g_assert_cmpint (format, ==, PL_CODEBOOK_FORMAT_QDC);
  g_assert_false (pl_codebook_format_from_string ("xlsx", &format));
}

/* The starter codebook as shipped: complete, consistent, legible in both styles. */
static void
test_starter (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GHashTable) guids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) shortcuts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) pending = g_ptr_array_new ();
  g_autofree char *path = g_build_filename (g_getenv ("PLENARY_SOURCE_DIR"), "data", "codebooks", "starter.json", NULL);
  static const char *members[] = { "guid", "id", "name", "definition", "inclusion", "exclusion", "example", "color", "color_dark" };
  guint n_codes = 0;

  g_assert_true (json_parser_load_from_file (parser, path, &error));
  g_assert_no_error (error);
  g_ptr_array_add (pending, json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)), "codes"));

  while (pending->len > 0)
    {
      JsonArray *codes = g_ptr_array_steal_index (pending, pending->len - 1);

      for (guint i = 0; i < json_array_get_length (codes); i++)
        {
          JsonObject *code = json_array_get_object_element (codes, i);
          g_autofree char *again = NULL;
          const char *shortcut;

          for (guint m = 0; m < G_N_ELEMENTS (members); m++)
            {
              const char *value = json_object_get_string_member_with_default (code, members[m], NULL);

              if (value == NULL || value[0] == '\0')
                g_error ("Starter code %s has no %s", json_object_get_string_member_with_default (code, "id", "?"), members[m]);
            }
          g_assert_true (g_uuid_string_is_valid (json_object_get_string_member (code, "guid")));
          g_assert_true (g_hash_table_add (guids, g_strdup (json_object_get_string_member (code, "guid"))));
          g_assert_true (g_hash_table_add (ids, g_strdup (json_object_get_string_member (code, "id"))));
          g_assert_true (g_regex_match_simple ("^#[0-9A-F]{6}$", json_object_get_string_member (code, "color"), 0, 0));
          g_assert_true (g_regex_match_simple ("^#[0-9A-F]{6}$", json_object_get_string_member (code, "color_dark"), 0, 0));
          /* Legible on the dark background: the derivation leaves it as it is. */
          again = pl_codebook_derive_dark_color (json_object_get_string_member (code, "color_dark"));
          g_assert_cmpstr (again, ==, json_object_get_string_member (code, "color_dark"));
          shortcut = json_object_get_string_member_with_default (code, "shortcut", NULL);
          if (shortcut != NULL)
            g_assert_true (g_hash_table_add (shortcuts, g_strdup (shortcut)));
          if (json_object_has_member (code, "children"))
            g_ptr_array_add (pending, json_object_get_array_member (code, "children"));
          n_codes++;
        }
    }
  g_assert_cmpuint (n_codes, >=, 50);
  g_assert_cmpuint (g_hash_table_size (shortcuts), ==, 9);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) dir = NULL;
  const char *name;
  int status;

  g_test_init (&argc, &argv, NULL);
  tmp_dir = g_dir_make_tmp ("plenary-codebook-exchange-XXXXXX", &error);
  g_assert_no_error (error);

  g_test_add_func ("/codebook-exchange/starter", test_starter);
  g_test_add_func ("/codebook-exchange/round-trip/json", test_round_trip_json);
  g_test_add_func ("/codebook-exchange/round-trip/csv", test_round_trip_csv);
  g_test_add_func ("/codebook-exchange/round-trip/qdc", test_round_trip_qdc);
  g_test_add_func ("/codebook-exchange/qdc-valid", test_qdc_valid);
  g_test_add_func ("/codebook-exchange/samples", test_samples);
  g_test_add_func ("/codebook-exchange/invalid-files", test_invalid_files);
  g_test_add_func ("/codebook-exchange/lenient-qdc", test_lenient_qdc);
  g_test_add_func ("/codebook-exchange/qdpx", test_qdpx);
  g_test_add_func ("/codebook-exchange/csv", test_csv);
  g_test_add_func ("/codebook-exchange/refusals", test_refusals);
  g_test_add_func ("/codebook-exchange/merge-plan", test_merge_plan);
  g_test_add_func ("/codebook-exchange/appendix", test_appendix);
  g_test_add_func ("/codebook-exchange/export-errors", test_export_errors);

  status = g_test_run ();

  dir = g_dir_open (tmp_dir, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (tmp_dir, name, NULL);

      g_unlink (path);
    }
  g_rmdir (tmp_dir);
  g_free (tmp_dir);
  return status;
}
