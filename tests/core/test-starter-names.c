/* test-starter-names.c — the starter codebook's translatable names: the table matches the
 * data, and the window's name follows the coder's language until the coder renames a code
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "plenary-test"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <locale.h>

#include "pl-codebook.h"
#include "pl-codebook-edit.h"
#include "pl-project.h"
#include "pl-starter-names.h"

#define NORMS_GUID "334f22ac-558c-4150-a6ef-2bdb155458d9"
#define CBM_GUID "d81ceb9d-e0c7-4ee8-9b08-be67b5820176"

static void
collect_codes (JsonArray  *codes,
               GHashTable *names)
{
  for (guint i = 0; i < json_array_get_length (codes); i++)
    {
      JsonObject *code = json_array_get_object_element (codes, i);

      g_assert_false (g_hash_table_contains (names, json_object_get_string_member (code, "guid")));
      g_hash_table_insert (names, g_strdup (json_object_get_string_member (code, "guid")),
                           g_strdup (json_object_get_string_member (code, "name")));
      if (json_object_has_member (code, "children"))
        collect_codes (json_object_get_array_member (code, "children"), names);
    }
}

/* Every entry of the table is a code of starter.json with the same name, and every code of
 * starter.json is in the table: the layer cannot drift from the data. */
static void
test_table_matches_json (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GHashTable) names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autofree char *path = g_build_filename (g_getenv ("PLENARY_SOURCE_DIR"), "data", "codebooks",
                                            "starter.json", NULL);
  const PlStarterName *table;
  gsize n_table;

  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);
  collect_codes (json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)), "codes"),
                 names);

  table = pl_starter_names (&n_table);
  g_assert_cmpuint (n_table, ==, g_hash_table_size (names));
  for (gsize i = 0; i < n_table; i++)
    {
      const char *name = g_hash_table_lookup (names, table[i].guid);

      g_assert_nonnull (name);
      g_assert_cmpstr (table[i].name, ==, name);
      for (gsize j = 0; j < i; j++)
        g_assert_cmpstr (table[j].guid, !=, table[i].guid);
    }
}

typedef struct
{
  char       *dir;
  char       *path;
  PlProject  *project;
  PlCodebook *codebook;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  PlCoder *coder;

  f->dir = g_dir_make_tmp ("plenary-starter-names-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "p.plenary", NULL);
  f->project = pl_project_open (f->path, PL_PROJECT_OPEN_CREATE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (pl_codebook_load_starter (f->project, &error), >, 0);
  g_assert_no_error (error);
  f->codebook = pl_codebook_new (f->project);
  coder = pl_project_ensure_coder (f->project, "Ana", &error);
  g_assert_no_error (error);
  pl_codebook_set_coder (f->codebook, coder);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *wal = g_strconcat (f->path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (f->path, "-shm", NULL);

  g_clear_object (&f->codebook);
  g_clear_object (&f->project);
  g_unlink (f->path);
  g_unlink (wal);
  g_unlink (shm);
  g_rmdir (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

/* The codes the project loads from the core resource are the codes of the table. */
static void
test_project_codes_in_table (Fixture       *f,
                             gconstpointer  data)
{
  GListModel *codes = pl_project_get_codes (f->project);
  gsize n_table;

  pl_starter_names (&n_table);
  g_assert_cmpuint (g_list_model_get_n_items (codes), ==, n_table);
  for (guint i = 0; i < g_list_model_get_n_items (codes); i++)
    {
      g_autoptr(PlCode) code = g_list_model_get_item (codes, i);

      /* Untranslated (no catalogue bound in this test), the name shown is the name stored. */
      g_assert_cmpstr (pl_code_get_display_name (code), ==, pl_code_get_name (code));
    }
  g_assert_cmpstr (pl_starter_display_name ("not-a-starter-guid", "Sovereignty"), ==, "Sovereignty");
  g_assert_null (pl_starter_display_name (NORMS_GUID, NULL));
}

/* Switches this process to French from the build tree; NULL, or why it cannot. */
static const char *
use_french (void)
{
  static const char *locales[] = { "C.UTF-8", "C.utf8", "fr_FR.UTF-8", "en_US.UTF-8" };
  const char *build_dir = g_getenv ("PLENARY_BUILD_DIR");
  g_autofree char *po_dir = NULL;
  g_autofree char *catalogue = NULL;
  gboolean have_locale = FALSE;

  if (build_dir == NULL)
    return "PLENARY_BUILD_DIR is not set";
  po_dir = g_build_filename (build_dir, "po", NULL);
  catalogue = g_build_filename (po_dir, "fr", "LC_MESSAGES", GETTEXT_PACKAGE ".mo", NULL);
  if (!g_file_test (catalogue, G_FILE_TEST_IS_REGULAR))
    return "the French catalogue is not built (po/LINGUAS without fr?)";

  for (guint i = 0; i < G_N_ELEMENTS (locales) && !have_locale; i++)
    have_locale = setlocale (LC_ALL, locales[i]) != NULL;
  if (!have_locale)
    return "no UTF-8 locale is installed (locale -a)";

  g_setenv ("LANGUAGE", "fr", TRUE);
  bindtextdomain (GETTEXT_PACKAGE, po_dir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  return NULL;
}

/* In French a starter family shows its French name, while the project keeps the English;
 * a family the coder renamed shows the coder's name. */
static void
test_french (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  const char *skip = use_french ();
  PlCode *norms;
  PlCode *cbm;

  if (skip != NULL)
    {
      g_test_skip (skip);
      return;
    }

  norms = pl_project_find_code_by_guid (f->project, NORMS_GUID);
  g_assert_nonnull (norms);
  g_assert_cmpstr (pl_code_get_name (norms), ==, "Norms of responsible state behaviour");
  g_assert_cmpstr (pl_code_get_display_name (norms), ==,
                   "Normes de comportement responsable des États");

  cbm = pl_project_find_code_by_guid (f->project, CBM_GUID);
  g_assert_nonnull (cbm);
  g_assert_cmpstr (pl_code_get_display_name (cbm), ==, "Mesures de confiance");
  g_assert_true (pl_codebook_rename (f->codebook, pl_code_get_id (cbm), "Our own measures", &error));
  g_assert_no_error (error);
  cbm = pl_project_find_code_by_guid (f->project, CBM_GUID);
  g_assert_cmpstr (pl_code_get_name (cbm), ==, "Our own measures");
  g_assert_cmpstr (pl_code_get_display_name (cbm), ==, "Our own measures");

  /* Renamed back to the starter's English name, it is the starter's again. */
  g_assert_true (pl_codebook_rename (f->codebook, pl_code_get_id (cbm), "Confidence-building measures", &error));
  g_assert_no_error (error);
  cbm = pl_project_find_code_by_guid (f->project, CBM_GUID);
  g_assert_cmpstr (pl_code_get_display_name (cbm), ==, "Mesures de confiance");

  g_unsetenv ("LANGUAGE");
  setlocale (LC_ALL, "C");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/starter-names/table-matches-json", test_table_matches_json);
  g_test_add ("/starter-names/project-codes-in-table", Fixture, NULL, fixture_set_up,
              test_project_codes_in_table, fixture_tear_down);
  g_test_add ("/starter-names/french", Fixture, NULL, fixture_set_up, test_french, fixture_tear_down);
  return g_test_run ();
}
