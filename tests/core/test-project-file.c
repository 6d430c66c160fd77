/* test-project-file.c — project files in place and as live copies: write-back, crashes, conflicts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "plenary-test"

#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>
#include <unistd.h>

#include "pl-error.h"
#include "pl-project-file.h"
#include "pl-project.h"
#include "pl-test-util.h"

typedef struct
{
  char *dir;
  char *user_dir;
  char *live_dir;
  char *path;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("plenary-test-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->user_dir = g_build_filename (fixture->dir, "user", NULL);
  fixture->live_dir = g_build_filename (fixture->dir, "live", NULL);
  g_assert_cmpint (g_mkdir (fixture->user_dir, 0700), ==, 0);
  fixture->path = g_build_filename (fixture->user_dir, "project.plenary", NULL);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  pl_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->user_dir);
  g_free (fixture->live_dir);
  g_free (fixture->path);
}

/* Helpers */

static char *
checksum_file (const char *path)
{
  g_autofree char *contents = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *)contents, length);
}

static void
exec_raw (const char *path,
          const char *sql)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
}

/* Runs a one-number query on @path without writing anything beside it. */
static gint64
query_raw (const char *path,
           const char *sql,
           const char *parameter)
{
  g_autofree char *escaped = g_uri_escape_string (path, "/", FALSE);
  g_autofree char *uri = g_strconcat ("file:", escaped, "?immutable=1", NULL);
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 value;

  g_assert_cmpint (sqlite3_open_v2 (uri, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, NULL),
                   ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (parameter != NULL)
    sqlite3_bind_text (stmt, 1, parameter, -1, SQLITE_TRANSIENT);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return value;
}

static gint64
count_documents (const char *path)
{
  return query_raw (path, "SELECT count(*) FROM documents", NULL);
}

static gboolean
file_has_document (const char *path,
                   const char *title)
{
  return query_raw (path, "SELECT count(*) FROM documents WHERE title = ?", title) > 0;
}

static gboolean
project_has_document (PlProject  *project,
                      const char *title)
{
  GListModel *documents = pl_project_get_documents (project);

  for (guint i = 0; i < g_list_model_get_n_items (documents); i++)
    {
      g_autoptr(PlDocument) document = g_list_model_get_item (documents, i);

      if (g_strcmp0 (pl_document_get_title (document), title) == 0)
        return TRUE;
    }
  return FALSE;
}

static void
add_document (PlProject  *project,
              const char *title)
{
  g_autoptr(GError) error = NULL;
  PlDocument *document;

  document = pl_project_add_document (project, title, "Mr. Chair, thank you.\n\nWe agree.\n",
                                      NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (document);
}

/* A project with a document, a code, a coder and an annotation, closed. */
static void
make_project (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PlProject) project = NULL;
  g_autoptr(PlAnnotation) annotation = NULL;
  PlCodeSpec spec = { .short_id = "NRM", .name = "Norms", .codable = TRUE };
  PlDocument *document;
  PlCode *code;
  PlCoder *coder;

  project = pl_project_open (path, PL_PROJECT_OPEN_CREATE, &error);
  g_assert_no_error (error);
  document = pl_project_add_document (project, "Opening", "We support the norms.\n", NULL,
                                      &error);
  g_assert_no_error (error);
  code = pl_project_add_code (project, &spec, &error);
  g_assert_no_error (error);
  coder = pl_project_ensure_coder (project, "Ana", &error);
  g_assert_no_error (error);
  annotation = pl_project_add_annotation (project,
                                          &(PlAnnotationSpec) { pl_document_get_id (document),
                                                                pl_code_get_id (code), coder->id, 3, 10,
                                                                NULL },
                                          &error);
  g_assert_no_error (error);
  g_assert_nonnull (annotation);
  pl_project_close (project);
}

/* An outside program (a Plenary outside the sandbox, say) adds a document to @path. */
static void
change_outside (const char *path,
                const char *title)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PlProject) project = pl_project_open (path, PL_PROJECT_OPEN_DEFAULT, &error);

  g_assert_no_error (error);
  add_document (project, title);
  pl_project_close (project);
}

static PlProjectFile *
open_live (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  PlProjectFile *file = pl_project_file_open (fixture->path, PL_PROJECT_OPEN_DEFAULT,
                                              PL_PROJECT_FILE_LIVE_COPY, fixture->live_dir,
                                              &error);

  g_assert_no_error (error);
  g_assert_nonnull (file);
  return file;
}

/* Simulates a kill: the live database is closed, nothing is written back. */
static void
drop_without_sync (PlProjectFile *file)
{
  pl_project_close (pl_project_file_get_project (file));
  g_object_unref (file);
}

static void
close_file (PlProjectFile *file)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (pl_project_file_close (file, &error));
  g_assert_no_error (error);
  g_object_unref (file);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(char * const *)a, *(char * const *)b);
}

/* The names in @folder, sorted, joined with spaces ("" when empty or missing). */
static char *
list_folder (const char *folder)
{
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  if (dir != NULL)
    while ((name = g_dir_read_name (dir)) != NULL)
      g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);
  g_ptr_array_add (names, NULL);
  return g_strjoinv (" ", (char **)names->pdata);
}

/* The dirty flag of the only state file in the live folder. */
static gboolean
state_says_dirty (Fixture *fixture)
{
  g_autoptr(GDir) dir = g_dir_open (fixture->live_dir, 0, NULL);
  g_autoptr(GKeyFile) key_file = g_key_file_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *state = NULL;
  const char *name;
  gboolean dirty;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_suffix (name, ".state"))
      {
        g_assert_null (state);
        state = g_build_filename (fixture->live_dir, name, NULL);
      }
  g_assert_nonnull (state);

  g_assert_true (g_key_file_load_from_file (key_file, state, G_KEY_FILE_NONE, &error));
  g_assert_no_error (error);
  dirty = g_key_file_get_boolean (key_file, "live-copy", "dirty", &error);
  g_assert_no_error (error);
  return dirty;
}

static void
count_notify (GObject    *object,
              GParamSpec *pspec,
              guint      *count)
{
  (*count)++;
}

/* Tests */

static void
test_default_mode (void)
{
  g_autofree char *saved = g_strdup (g_getenv ("PLENARY_LIVE_COPY"));

  g_setenv ("PLENARY_LIVE_COPY", "1", TRUE);
  g_assert_cmpint (pl_project_file_default_mode (), ==, PL_PROJECT_FILE_LIVE_COPY);

  g_unsetenv ("PLENARY_LIVE_COPY");
  if (g_file_test ("/.flatpak-info", G_FILE_TEST_EXISTS))
    g_assert_cmpint (pl_project_file_default_mode (), ==, PL_PROJECT_FILE_LIVE_COPY);
  else
    g_assert_cmpint (pl_project_file_default_mode (), ==, PL_PROJECT_FILE_IN_PLACE);

  if (saved != NULL)
    g_setenv ("PLENARY_LIVE_COPY", saved, TRUE);
}

static void
test_in_place (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PlProjectFile) file = NULL;
  PlProject *project;

  make_project (fixture->path);

  file = pl_project_file_open (fixture->path, PL_PROJECT_OPEN_DEFAULT, PL_PROJECT_FILE_IN_PLACE,
                               fixture->live_dir, &error);
  g_assert_no_error (error);
  project = pl_project_file_get_project (file);
  g_assert_cmpint (pl_project_file_get_mode (file), ==, PL_PROJECT_FILE_IN_PLACE);
  g_assert_cmpstr (pl_project_get_path (project), ==, fixture->path);
  g_assert_cmpstr (pl_project_file_get_path (file), ==, fixture->path);

  add_document (project, "Second");
  g_assert_false (pl_project_file_get_dirty (file));
  g_assert_true (pl_project_file_sync (file, &error));
  g_assert_no_error (error);
  g_assert_true (pl_project_file_close (file, &error));
  g_assert_no_error (error);

  /* The change went to the file itself; no live folder was made. */
  g_assert_cmpint (count_documents (fixture->path), ==, 2);
  g_assert_false (g_file_test (fixture->live_dir, G_FILE_TEST_EXISTS));
}

static void
test_live_copy_sync (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PlProjectFile) file = NULL;
  g_autoptr(PlProject) reopened = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *listing = NULL;
  g_autofree char *title = NULL;
  PlProject *project;
  guint n_dirty = 0;

  make_project (fixture->path);
  before = checksum_file (fixture->path);

  file = open_live (fixture);
  project = pl_project_file_get_project (file);
  g_signal_connect (file, "notify::dirty", G_CALLBACK (count_notify), &n_dirty);

  /* Copying in never writes the user's file. */
  after = checksum_file (fixture->path);
  g_assert_cmpstr (before, ==, after);
  g_clear_pointer (&after, g_free);

  g_assert_cmpint (pl_project_file_get_mode (file), ==, PL_PROJECT_FILE_LIVE_COPY);
  g_assert_cmpstr (pl_project_file_get_path (file), ==, fixture->path);
  g_assert_true (g_str_has_prefix (pl_project_get_path (project), fixture->live_dir));
  title = pl_project_dup_title (project);
  g_assert_cmpstr (title, ==, "project");
  g_assert_cmpuint (g_list_model_get_n_items (pl_project_get_documents (project)), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (pl_project_get_codes (project)), ==, 1);
  g_assert_cmpuint (pl_project_count_annotations (project), ==, 1);
  g_assert_false (pl_project_file_get_dirty (file));
  g_assert_false (pl_project_file_get_conflict (file));
  g_assert_false (state_says_dirty (fixture));

  /* A change marks the copy dirty, on disk too, and leaves the user's file alone. */
  add_document (project, "Second");
  g_assert_true (pl_project_file_get_dirty (file));
  g_assert_cmpuint (n_dirty, ==, 1);
  g_assert_true (state_says_dirty (fixture));
  after = checksum_file (fixture->path);
  g_assert_cmpstr (before, ==, after);
  g_clear_pointer (&after, g_free);

  add_document (project, "Third");
  g_assert_cmpuint (n_dirty, ==, 1);

  g_assert_true (pl_project_file_sync (file, &error));
  g_assert_no_error (error);
  g_assert_false (pl_project_file_get_dirty (file));
  g_assert_cmpuint (n_dirty, ==, 2);
  g_assert_false (state_says_dirty (fixture));

  /* The user's file holds the changes, alone in its folder: no temporary or side files. */
  g_assert_cmpint (count_documents (fixture->path), ==, 3);
  g_assert_true (file_has_document (fixture->path, "Third"));
  listing = list_folder (fixture->user_dir);
  g_assert_cmpstr (listing, ==, "project.plenary");

  /* Nothing to do: the file is not rewritten. */
  after = checksum_file (fixture->path);
  g_assert_true (pl_project_file_sync (file, &error));
  g_assert_no_error (error);
  g_clear_pointer (&before, g_free);
  before = checksum_file (fixture->path);
  g_assert_cmpstr (before, ==, after);

  g_assert_true (pl_project_file_close (file, &error));
  g_assert_no_error (error);

  reopened = pl_project_open (fixture->path, PL_PROJECT_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (pl_project_get_documents (reopened)), ==, 3);
  g_assert_cmpuint (pl_project_count_annotations (reopened), ==, 1);
}

static void
test_crash (Fixture       *fixture,
            gconstpointer  data)
{
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  PlProjectFile *file;

  make_project (fixture->path);
  before = checksum_file (fixture->path);

  /* Killed after a change: the user's file was not written. */
  file = open_live (fixture);
  add_document (pl_project_file_get_project (file), "Before the crash");
  drop_without_sync (file);
  after = checksum_file (fixture->path);
  g_assert_cmpstr (before, ==, after);
  g_clear_pointer (&after, g_free);
  g_assert_true (state_says_dirty (fixture));

  /* Opening again shows the change and writes it back at once. */
  file = open_live (fixture);
  g_assert_true (project_has_document (pl_project_file_get_project (file), "Before the crash"));
  g_assert_false (pl_project_file_get_dirty (file));
  g_assert_false (pl_project_file_get_conflict (file));
  g_assert_false (state_says_dirty (fixture));
  g_assert_true (file_has_document (fixture->path, "Before the crash"));

  /* Dropping the file object (dispose) closes the live copy without writing back. */
  g_clear_pointer (&before, g_free);
  before = checksum_file (fixture->path);
  add_document (pl_project_file_get_project (file), "Dropped");
  g_object_unref (file);
  after = checksum_file (fixture->path);
  g_assert_cmpstr (before, ==, after);
  g_assert_false (file_has_document (fixture->path, "Dropped"));

  file = open_live (fixture);
  g_assert_true (project_has_document (pl_project_file_get_project (file), "Dropped"));
  g_assert_true (file_has_document (fixture->path, "Dropped"));
  close_file (file);
}

static void
test_reuse (Fixture       *fixture,
            gconstpointer  data)
{
  g_autofree char *live_path = NULL;
  g_autofree char *hash = NULL;
  g_autofree char *stale = NULL;
  g_autofree char *stale_file = NULL;
  PlProjectFile *file;
  GStatBuf first, second;

  make_project (fixture->path);

  file = open_live (fixture);
  live_path = g_strdup (pl_project_get_path (pl_project_file_get_project (file)));
  close_file (file);
  g_assert_cmpint (g_stat (live_path, &first), ==, 0);

  /* A copy left half-made by a crash is cleared away. */
  hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256, fixture->path, -1);
  hash[16] = '\0';
  stale = g_strdup_printf ("%s/%s.new-ABCDEF", fixture->live_dir, hash);
  stale_file = g_build_filename (stale, "project.plenary", NULL);
  g_assert_cmpint (g_mkdir (stale, 0700), ==, 0);
  g_assert_true (g_file_set_contents (stale_file, "half", -1, NULL));

  /* Unchanged user file: the live copy is reused as it is. */
  file = open_live (fixture);
  g_assert_cmpstr (pl_project_get_path (pl_project_file_get_project (file)), ==, live_path);
  g_assert_cmpint (g_stat (live_path, &second), ==, 0);
  g_assert_cmpuint (first.st_ino, ==, second.st_ino);
  g_assert_cmpint (first.st_mtim.tv_sec, ==, second.st_mtim.tv_sec);
  g_assert_cmpint (first.st_mtim.tv_nsec, ==, second.st_mtim.tv_nsec);
  g_assert_false (g_file_test (stale, G_FILE_TEST_EXISTS));
  close_file (file);

  /* Changed outside Plenary: copied in afresh. */
  change_outside (fixture->path, "Outside");
  file = open_live (fixture);
  g_assert_true (project_has_document (pl_project_file_get_project (file), "Outside"));
  g_assert_false (pl_project_file_get_dirty (file));
  g_assert_cmpint (g_stat (live_path, &second), ==, 0);
  g_assert_cmpuint (first.st_ino, !=, second.st_ino);
  close_file (file);
}

/* Leaves a dirty live copy with "Ours" and a user file changed outside with "Theirs". */
static char *
make_conflict (Fixture *fixture)
{
  PlProjectFile *file;

  make_project (fixture->path);
  file = open_live (fixture);
  add_document (pl_project_file_get_project (file), "Ours");
  drop_without_sync (file);
  change_outside (fixture->path, "Theirs");
  return checksum_file (fixture->path);
}

static void
test_conflict_keep_ours (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *theirs = make_conflict (fixture);
  g_autofree char *after = NULL;
  PlProjectFile *file;
  PlProject *project;

  file = open_live (fixture);
  project = pl_project_file_get_project (file);
  g_assert_true (pl_project_file_get_conflict (file));
  g_assert_true (pl_project_file_get_dirty (file));
  g_assert_true (project_has_document (project, "Ours"));
  g_assert_false (project_has_document (project, "Theirs"));

  /* Neither sync nor close overwrites the outside version. */
  g_assert_false (pl_project_file_sync (file, &error));
  g_assert_error (error, PL_STORE_ERROR, PL_STORE_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "“project.plenary”"));
  g_clear_error (&error);
  g_assert_false (pl_project_file_close (file, &error));
  g_assert_error (error, PL_STORE_ERROR, PL_STORE_ERROR_FAILED);
  g_clear_error (&error);
  after = checksum_file (fixture->path);
  g_assert_cmpstr (theirs, ==, after);

  /* The project stays open after a refused close. */
  add_document (project, "Ours again");

  g_assert_true (pl_project_file_resolve_conflict (file, TRUE, &error));
  g_assert_no_error (error);
  g_assert_false (pl_project_file_get_conflict (file));
  g_assert_false (pl_project_file_get_dirty (file));
  g_assert_true (file_has_document (fixture->path, "Ours"));
  g_assert_true (file_has_document (fixture->path, "Ours again"));
  g_assert_false (file_has_document (fixture->path, "Theirs"));
  close_file (file);
}

static void
test_conflict_take_theirs (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *theirs = make_conflict (fixture);
  g_autofree char *after = NULL;
  PlProjectFile *file;
  PlProject *project;
  guint n_project = 0;

  file = open_live (fixture);
  g_assert_true (pl_project_file_get_conflict (file));
  g_signal_connect (file, "notify::project", G_CALLBACK (count_notify), &n_project);

  g_assert_true (pl_project_file_resolve_conflict (file, FALSE, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_project, ==, 1);
  project = pl_project_file_get_project (file);
  g_assert_true (project_has_document (project, "Theirs"));
  g_assert_false (project_has_document (project, "Ours"));
  g_assert_false (pl_project_file_get_conflict (file));
  g_assert_false (pl_project_file_get_dirty (file));
  g_assert_false (state_says_dirty (fixture));
  after = checksum_file (fixture->path);
  g_assert_cmpstr (theirs, ==, after);

  /* Work goes on normally from the outside version. */
  add_document (project, "Next");
  g_assert_true (pl_project_file_get_dirty (file));
  g_assert_true (pl_project_file_sync (file, &error));
  g_assert_no_error (error);
  g_assert_true (file_has_document (fixture->path, "Theirs"));
  g_assert_true (file_has_document (fixture->path, "Next"));
  close_file (file);
}

static void
test_conflict_in_session (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  PlProjectFile *file;
  guint n_conflict = 0;

  make_project (fixture->path);
  file = open_live (fixture);
  g_signal_connect (file, "notify::conflict", G_CALLBACK (count_notify), &n_conflict);
  add_document (pl_project_file_get_project (file), "Ours");
  change_outside (fixture->path, "Theirs");

  g_assert_false (pl_project_file_sync (file, &error));
  g_assert_error (error, PL_STORE_ERROR, PL_STORE_ERROR_FAILED);
  g_clear_error (&error);
  g_assert_true (pl_project_file_get_conflict (file));
  g_assert_cmpuint (n_conflict, ==, 1);
  g_assert_true (file_has_document (fixture->path, "Theirs"));

  g_assert_true (pl_project_file_resolve_conflict (file, TRUE, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_conflict, ==, 2);
  g_assert_true (file_has_document (fixture->path, "Ours"));
  g_assert_false (file_has_document (fixture->path, "Theirs"));
  close_file (file);
}

static void
test_unreadable_state (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autofree char *hash = NULL;
  g_autofree char *state = NULL;
  PlProjectFile *file;

  make_project (fixture->path);
  file = open_live (fixture);
  add_document (pl_project_file_get_project (file), "Ours");
  drop_without_sync (file);

  /* A damaged state file never gets the live copy thrown away: it is a conflict. */
  hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256, fixture->path, -1);
  hash[16] = '\0';
  state = g_strdup_printf ("%s/%s.state", fixture->live_dir, hash);
  g_assert_true (g_file_set_contents (state, "\x01garbage", -1, NULL));

  file = open_live (fixture);
  g_assert_true (project_has_document (pl_project_file_get_project (file), "Ours"));
  g_assert_true (pl_project_file_get_conflict (file));
  g_assert_false (file_has_document (fixture->path, "Ours"));
  drop_without_sync (file);
}

/* Opening @path must fail with @code and a message naming @name; @path is unchanged and
 * nothing is left in the live folder. */
static void
assert_refused (Fixture    *fixture,
                const char *path,
                const char *name,
                int         code)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PlProjectFile) file = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *quoted = g_strdup_printf ("“%s”", name);
  g_autofree char *live = NULL;
  gboolean is_file = g_file_test (path, G_FILE_TEST_IS_REGULAR);

  if (is_file)
    before = checksum_file (path);

  file = pl_project_file_open (path, PL_PROJECT_OPEN_DEFAULT, PL_PROJECT_FILE_LIVE_COPY,
                               fixture->live_dir, &error);
  g_assert_error (error, PL_STORE_ERROR, code);
  g_assert_null (file);
  g_assert_nonnull (strstr (error->message, quoted));

  if (is_file)
    {
      after = checksum_file (path);
      g_assert_cmpstr (before, ==, after);
    }
  live = list_folder (fixture->live_dir);
  g_assert_cmpstr (live, ==, "");
}

static void
test_refusals (Fixture       *fixture,
               gconstpointer  data)
{
  g_autofree char *notes = g_build_filename (fixture->user_dir, "notes.plenary", NULL);
  g_autofree char *other = g_build_filename (fixture->user_dir, "other.plenary", NULL);
  g_autofree char *newer = g_build_filename (fixture->user_dir, "newer.plenary", NULL);
  g_autofree char *empty = g_build_filename (fixture->user_dir, "empty.plenary", NULL);
  g_autofree char *missing = g_build_filename (fixture->user_dir, "missing.plenary", NULL);
  g_autofree char *folder = g_build_filename (fixture->user_dir, "folder.plenary", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *listing = NULL;
  gsize length;

  g_assert_true (g_file_set_contents (notes, "Notes from the session, not a project.\n", -1,
                                      NULL));
  assert_refused (fixture, notes, "notes.plenary", PL_STORE_ERROR_NOT_PROJECT);

  exec_raw (other, "CREATE TABLE minutes (line TEXT)");
  assert_refused (fixture, other, "other.plenary", PL_STORE_ERROR_NOT_PROJECT);

  make_project (fixture->path);
  g_assert_true (g_file_get_contents (fixture->path, &contents, &length, NULL));
  g_assert_true (g_file_set_contents (newer, contents, length, NULL));
  exec_raw (newer, "INSERT INTO schema_version (version, applied) VALUES (99, 'later')");
  assert_refused (fixture, newer, "newer.plenary", PL_STORE_ERROR_NEWER);

  g_assert_true (g_file_set_contents (empty, "", 0, NULL));
  assert_refused (fixture, empty, "empty.plenary", PL_STORE_ERROR_NOT_PROJECT);

  assert_refused (fixture, missing, "missing.plenary", PL_STORE_ERROR_OPEN);

  g_assert_cmpint (g_mkdir (folder, 0700), ==, 0);
  assert_refused (fixture, folder, "folder.plenary", PL_STORE_ERROR_OPEN);

  /* No side or temporary files were made beside the user's files. */
  listing = list_folder (fixture->user_dir);
  g_assert_cmpstr (listing, ==, "empty.plenary folder.plenary newer.plenary notes.plenary "
                                "other.plenary project.plenary");
}

static void
test_create (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PlProjectFile) again = NULL;
  g_autofree char *listing = NULL;
  PlProjectFile *file;

  file = pl_project_file_open (fixture->path, PL_PROJECT_OPEN_CREATE | PL_PROJECT_OPEN_EXCLUSIVE,
                               PL_PROJECT_FILE_LIVE_COPY, fixture->live_dir, &error);
  g_assert_no_error (error);

  /* The user's file exists at once, as a project with no side files. */
  g_assert_true (g_file_test (fixture->path, G_FILE_TEST_IS_REGULAR));
  g_assert_false (pl_project_file_get_dirty (file));
  g_assert_cmpint (count_documents (fixture->path), ==, 0);
  g_assert_cmpint (query_raw (fixture->path, "PRAGMA application_id", NULL), ==, 0x506c6e79);
  listing = list_folder (fixture->user_dir);
  g_assert_cmpstr (listing, ==, "project.plenary");

  add_document (pl_project_file_get_project (file), "First");
  close_file (file);
  g_assert_cmpint (count_documents (fixture->path), ==, 1);

  again = pl_project_file_open (fixture->path, PL_PROJECT_OPEN_CREATE | PL_PROJECT_OPEN_EXCLUSIVE,
                                PL_PROJECT_FILE_LIVE_COPY, fixture->live_dir, &error);
  g_assert_error (error, PL_STORE_ERROR, PL_STORE_ERROR_EXISTS);
  g_assert_null (again);
}

static void
test_read_only_folder (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  PlProjectFile *file;

  make_project (fixture->path);
  file = open_live (fixture);
  add_document (pl_project_file_get_project (file), "Unsaved");

  g_assert_cmpint (g_chmod (fixture->user_dir, 0500), ==, 0);
  if (geteuid () == 0)
    g_test_skip ("running as root, which ignores folder permissions: a read-only folder "
                 "cannot be simulated");
  else
    {
      g_assert_false (pl_project_file_sync (file, &error));
      g_assert_error (error, PL_STORE_ERROR, PL_STORE_ERROR_READ_ONLY);
      g_assert_nonnull (strstr (error->message, "“project.plenary”"));
      g_clear_error (&error);
      g_assert_true (pl_project_file_get_dirty (file));
      g_assert_true (state_says_dirty (fixture));
      g_assert_false (file_has_document (fixture->path, "Unsaved"));
    }

  g_assert_cmpint (g_chmod (fixture->user_dir, 0700), ==, 0);
  g_assert_true (pl_project_file_sync (file, &error));
  g_assert_no_error (error);
  g_assert_true (file_has_document (fixture->path, "Unsaved"));
  close_file (file);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(name, func) \
  g_test_add (name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  g_test_add_func ("/project-file/default-mode", test_default_mode);
  ADD ("/project-file/in-place", test_in_place);
  ADD ("/project-file/live-copy/sync", test_live_copy_sync);
  ADD ("/project-file/live-copy/crash", test_crash);
  ADD ("/project-file/live-copy/reuse", test_reuse);
  ADD ("/project-file/live-copy/conflict-keep-ours", test_conflict_keep_ours);
  ADD ("/project-file/live-copy/conflict-take-theirs", test_conflict_take_theirs);
  ADD ("/project-file/live-copy/conflict-in-session", test_conflict_in_session);
  ADD ("/project-file/live-copy/unreadable-state", test_unreadable_state);
  ADD ("/project-file/live-copy/refusals", test_refusals);
  ADD ("/project-file/live-copy/create", test_create);
  ADD ("/project-file/live-copy/read-only-folder", test_read_only_folder);

#undef ADD

  return g_test_run ();
}
