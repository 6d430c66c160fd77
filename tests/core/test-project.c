/* test-project.c — the project store: round trips, migrations, refusals, offsets, copies
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "plenary-test"

#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>
#include <unistd.h>

#include "pl-annotation-index.h"
#include "pl-error.h"
#include "pl-project-private.h"
#include "pl-project.h"
#include "pl-text.h"
#include "pl-test-util.h"

typedef struct
{
  char *dir;
  char *path;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("plenary-test-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->dir, "project.plenary", NULL);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  pl_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->path);
}

static char *
checksum_file (const char *path)
{
  g_autofree char *contents = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *)contents, length);
}

static PlCode *
add_code (PlProject  *project,
          const char *short_id,
          const char *name,
          gint64      parent_id)
{
  g_autoptr(GError) error = NULL;
  PlCodeSpec spec = { .short_id = short_id, .name = name, .parent_id = parent_id, .codable = TRUE };
  PlCode *code = pl_project_add_code (project, &spec, &error);

  g_assert_no_error (error);
  g_assert_nonnull (code);
  return code;
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

static void
test_create_and_reopen (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PlProject) project = NULL;
  g_autoptr(GPtrArray) statements = NULL;
  g_autoptr(GPtrArray) annotations = NULL;
  g_autoptr(GPtrArray) coders = NULL;
  g_autoptr(PlAnnotation) annotation = NULL;
  g_autofree char *guid = NULL;
  g_autofree char *text = NULL;
  g_autofree char *title = NULL;
  PlDocument *document;
  PlCode *family, *code;
  PlCoder *coder;
  gint64 document_id, code_id;

  project = pl_project_open (fixture->path, PL_PROJECT_OPEN_DEFAULT, &error);
  g_assert_error (error, PL_STORE_ERROR, PL_STORE_ERROR_OPEN);
  g_assert_null (project);
  g_assert_false (g_file_test (fixture->path, G_FILE_TEST_EXISTS));
  g_clear_error (&error);

  project = pl_project_open (fixture->path, PL_PROJECT_OPEN_CREATE, &error);
  g_assert_no_error (error);
  guid = g_strdup (pl_project_get_guid (project));
  g_assert_true (g_uuid_string_is_valid (guid));
  title = pl_project_dup_title (project);
  g_assert_cmpstr (title, ==, "project");

  document = pl_project_add_document (project, "Report",
                                      "First paragraph.\n\nSecond one.\n\nThird.", NULL, &error);
  g_assert_no_error (error);
  document_id = pl_document_get_id (document);
  g_assert_cmpuint (pl_document_get_n_statements (document), ==, 3);
  g_assert_cmpuint (pl_document_get_length (document), ==, 37);

  family = add_code (project, "NRM", "Norms", 0);
  code = add_code (project, "NRM.F", "Do not damage critical infrastructure", pl_code_get_id (family));
  code_id = pl_code_get_id (code);
  g_assert_cmpstr (pl_code_get_path (code), ==, "Norms / Do not damage critical infrastructure");
  g_assert_cmpuint (pl_code_get_depth (code), ==, 1);
  g_assert_nonnull (pl_code_get_color (code));

  coder = pl_project_ensure_coder (project, "  Ada Lovelace ", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (coder->name, ==, "Ada Lovelace");
  g_assert_cmpstr (coder->initials, ==, "AL");
  g_assert_true (pl_project_ensure_coder (project, "Ada Lovelace", NULL) == coder);

  annotation = pl_project_add_annotation (project,
                                          &(PlAnnotationSpec) { document_id, code_id, coder->id, 0, 5,
                                                                "a memo" },
                                          &error);
  g_assert_no_error (error);
  g_assert_true (g_uuid_string_is_valid (annotation->guid));
  g_assert_cmpuint (pl_document_get_n_annotations (document), ==, 1);
  g_assert_cmpuint (pl_code_get_n_annotations (code), ==, 1);

  g_clear_object (&project);

  project = pl_project_open (fixture->path, PL_PROJECT_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (pl_project_get_guid (project), ==, guid);
  g_assert_cmpuint (g_list_model_get_n_items (pl_project_get_documents (project)), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (pl_project_get_codes (project)), ==, 2);

  document = pl_project_find_document (project, document_id);
  g_assert_nonnull (document);
  g_assert_cmpstr (pl_document_get_title (document), ==, "Report");
  g_assert_cmpuint (pl_document_get_n_annotations (document), ==, 1);

  text = pl_project_dup_document_text (project, document_id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (text, ==, "First paragraph.\n\nSecond one.\n\nThird.");

  statements = pl_project_list_statements (project, document_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (statements->len, ==, 3);
  g_assert_cmpuint (((PlStatement *)statements->pdata[1])->index, ==, 2);
  g_assert_cmpuint (((PlStatement *)statements->pdata[1])->start, ==, 18);
  g_assert_cmpuint (((PlStatement *)statements->pdata[1])->end, ==, 29);
  g_assert_null (((PlStatement *)statements->pdata[1])->speaker);

  annotations = pl_project_list_annotations (project, document_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (annotations->len, ==, 1);
  g_assert_cmpstr (((PlAnnotation *)annotations->pdata[0])->guid, ==, annotation->guid);
  g_assert_cmpstr (((PlAnnotation *)annotations->pdata[0])->memo, ==, "a memo");
  g_assert_cmpint (((PlAnnotation *)annotations->pdata[0])->code_id, ==, code_id);
  g_assert_cmpuint (g_list_model_get_n_items (pl_project_get_codes (project)), ==, 2);
  g_assert_cmpuint (pl_code_get_n_annotations (pl_project_find_code (project, code_id)), ==, 1);
  coders = pl_project_list_coders (project);
  g_assert_cmpuint (coders->len, ==, 1);
  g_assert_cmpstr (((PlCoder *)coders->pdata[0])->name, ==, "Ada Lovelace");
}

static void
test_migration_from_empty_file (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PlProject) project = NULL;
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  g_assert_true (g_file_set_contents (fixture->path, "", 0, NULL));

  /* Without CREATE, an empty file is not a project, and stays empty. */
  project = pl_project_open (fixture->path, PL_PROJECT_OPEN_DEFAULT, &error);
  g_assert_error (error, PL_STORE_ERROR, PL_STORE_ERROR_NOT_PROJECT);
  g_clear_error (&error);

  project = pl_project_open (fixture->path, PL_PROJECT_OPEN_CREATE, &error);
  g_assert_no_error (error);
  g_clear_object (&project);

  g_assert_cmpint (sqlite3_open (fixture->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT max(version) FROM schema_version", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, PL_PROJECT_SCHEMA_VERSION);
  sqlite3_finalize (stmt);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA foreign_key_check", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  /* Opening again migrates nothing and keeps the identity. */
  project = pl_project_open (fixture->path, PL_PROJECT_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
}

/* One coding per span, code and coder: a second is refused with a message and changes
 * nothing, and so is moving or recoding an annotation onto another. */
static void
test_duplicate_coding_refused (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PlProject) project = NULL;
  g_autoptr(PlAnnotation) first = NULL;
  g_autoptr(PlAnnotation) other = NULL;
  PlDocument *document;
  PlCode *norm, *threat;
  PlCoder *coder;

  project = pl_project_open (fixture->path, PL_PROJECT_OPEN_CREATE, &error);
  g_assert_no_error (error);
  document = pl_project_add_document (project, "Debate", "Kenya supports the norms.\n", NULL, &error);
  g_assert_no_error (error);
  norm = add_code (project, "NRM", "Norms", 0);
  threat = add_code (project, "THR", "Threats", 0);
  coder = pl_project_ensure_coder (project, "Ana", &error);
  g_assert_no_error (error);

  first = pl_project_add_annotation (project, &(PlAnnotationSpec) { pl_document_get_id (document),
                                                                   pl_code_get_id (norm), coder->id,
                                                                   0, 5, NULL }, &error);
  g_assert_no_error (error);
  g_assert_null (pl_project_add_annotation (project, &(PlAnnotationSpec) { pl_document_get_id (document),
                                                                          pl_code_get_id (norm), coder->id,
                                                                          0, 5, "again" }, &error));
  g_assert_error (error, PL_STORE_ERROR, PL_STORE_ERROR_DUPLICATE);
  g_assert_cmpstr (error->message, ==, "These words are already coded “Norms” by Ana.");
  g_clear_error (&error);
  g_assert_cmpuint (pl_project_count_annotations (project), ==, 1);

  other = pl_project_add_annotation (project, &(PlAnnotationSpec) { pl_document_get_id (document),
                                                                   pl_code_get_id (threat), coder->id,
                                                                   0, 5, NULL }, &error);
  g_assert_no_error (error);
  g_assert_false (pl_project_set_annotation_code (project, other->guid, pl_code_get_id (norm), &error));
  g_assert_error (error, PL_STORE_ERROR, PL_STORE_ERROR_DUPLICATE);
  g_clear_error (&error);
  g_assert_true (pl_project_set_annotation_range (project, other->guid, 6, 14, &error));
  g_assert_no_error (error);
  g_assert_true (pl_project_set_annotation_code (project, other->guid, pl_code_get_id (norm), &error));
  g_assert_false (pl_project_set_annotation_range (project, other->guid, 0, 5, &error));
  g_assert_error (error, PL_STORE_ERROR, PL_STORE_ERROR_DUPLICATE);
  g_assert_cmpuint (pl_project_count_annotations (project), ==, 2);
}

/* A project from before the rule (schema 2) keeps one coding of each: the oldest, with every
 * memo. */
static void
test_migration_folds_duplicates (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PlProject) project = NULL;
  g_autoptr(GPtrArray) annotations = NULL;
  PlAnnotation *kept;

  g_assert_true (pl_project_create_at_version (fixture->path, 2, &error));
  g_assert_no_error (error);
  exec_raw (fixture->path,
            "INSERT INTO documents (id, guid, title, text, length, created, modified)"
            " VALUES (1, 'd1', 'Debate', 'Kenya supports the norms.', 25, 't', 't');"
            "INSERT INTO codes (id, guid, position, short_id, name, color, created)"
            " VALUES (1, 'c1', 0, 'NRM', 'Norms', '#0072B2', 't');"
            "INSERT INTO coders (id, guid, name, created) VALUES (1, 'k1', 'Ana', 't');"
            "INSERT INTO annotations (guid, document_id, code_id, coder_id, start_offset,"
            " end_offset, memo, created, modified, stance) VALUES"
            " ('a1', 1, 1, 1, 0, 5, 'first', 't1', 't1', NULL),"
            " ('a2', 1, 1, 1, 0, 5, 'second', 't2', 't2', 'supports'),"
            " ('a3', 1, 1, 1, 0, 5, 'first', 't3', 't3', 'opposes'),"
            " ('a4', 1, 1, 1, 6, 14, NULL, 't4', 't4', NULL);");

  project = pl_project_open (fixture->path, PL_PROJECT_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  annotations = pl_project_list_annotations (project, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (annotations->len, ==, 2);
  kept = g_ptr_array_index (annotations, 0);
  g_assert_cmpstr (kept->guid, ==, "a1");
  g_assert_cmpstr (kept->memo, ==, "first\n\nsecond");
  g_assert_cmpstr (kept->stance, ==, "supports");
}

/* A project of schema 6 (outcome documents and links) gains the details of notes (6 → 7):
 * its notes and links stay as they were, without details, and details can be added. */
static void
test_migration_note_details (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PlProject) project = NULL;
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  g_assert_true (pl_project_create_at_version (fixture->path, 6, &error));
  g_assert_no_error (error);
  exec_raw (fixture->path,
            "INSERT INTO documents (id, guid, title, text, length, created, modified) VALUES"
            " (1, 'd1', 'Debate', 'Kenya supports the norms.', 25, 't', 't'),"
            " (2, 'd2', 'Draft', 'The norms hold.', 15, 't', 't');"
            "INSERT INTO notes (guid, target_guid, text, created, modified)"
            " VALUES ('n1', 'd1', 'About the debate.', 't', 't');"
            "INSERT INTO links (guid, source_document_id, source_start, source_end,"
            " outcome_document_id, outcome_start, outcome_end, origin, created)"
            " VALUES ('l1', 1, 19, 24, 2, 4, 9, 'manual', 't');");

  project = pl_project_open (fixture->path, PL_PROJECT_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_clear_object (&project);

  g_assert_cmpint (sqlite3_open (fixture->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db,
                                       "SELECT (SELECT max(version) FROM schema_version),"
                                       " (SELECT count(*) FROM links),"
                                       " n.text, d.note_id IS NULL"
                                       " FROM notes AS n LEFT JOIN note_details AS d"
                                       " ON d.note_id = n.id", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, PL_PROJECT_SCHEMA_VERSION);
  g_assert_cmpint (sqlite3_column_int (stmt, 1), ==, 1);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 2), ==, "About the debate.");
  g_assert_cmpint (sqlite3_column_int (stmt, 3), ==, 1);
  sqlite3_finalize (stmt);
  g_assert_cmpint (sqlite3_exec (db, "INSERT INTO note_details (note_id, title, start_offset,"
                                 " end_offset) SELECT id, 'Debate', 0, 5 FROM notes",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
}

static void
count_reloads (gpointer  instance,
               guint    *count)
{
  (*count)++;
}

/* pl_project_refresh() sees what another connection committed, once. */
static void
test_refresh (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PlProject) mine = NULL;
  g_autoptr(PlProject) theirs = NULL;
  guint reloaded = 0;

  mine = pl_project_open (fixture->path, PL_PROJECT_OPEN_CREATE, &error);
  g_assert_no_error (error);
  g_signal_connect (mine, "reloaded", G_CALLBACK (count_reloads), &reloaded);
  g_assert_false (pl_project_refresh (mine, &error));
  g_assert_no_error (error);

  /* My own changes are mine: nothing to pick up. */
  pl_project_add_document (mine, "Mine", "Kenya spoke.\n", NULL, &error);
  g_assert_no_error (error);
  g_assert_false (pl_project_refresh (mine, &error));

  theirs = pl_project_open (fixture->path, PL_PROJECT_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  pl_project_add_document (theirs, "Theirs", "Brazil spoke.\n", NULL, &error);
  g_assert_no_error (error);
  add_code (theirs, "NRM", "Norms", 0);

  g_assert_true (pl_project_refresh (mine, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (reloaded, ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (pl_project_get_documents (mine)), ==, 2);
  g_assert_nonnull (pl_project_lookup_code (mine, "NRM"));
  g_assert_false (pl_project_refresh (mine, &error));
  g_assert_cmpuint (reloaded, ==, 1);
}

static void
test_exclusive_create (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PlProject) project = NULL;

  project = pl_project_open (fixture->path, PL_PROJECT_OPEN_CREATE | PL_PROJECT_OPEN_EXCLUSIVE, &error);
  g_assert_no_error (error);
  g_clear_object (&project);

  project = pl_project_open (fixture->path, PL_PROJECT_OPEN_CREATE | PL_PROJECT_OPEN_EXCLUSIVE, &error);
  g_assert_error (error, PL_STORE_ERROR, PL_STORE_ERROR_EXISTS);
  g_assert_nonnull (strstr (error->message, "project.plenary"));
  g_assert_null (project);
}

static void
test_refuses_newer_version (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PlProject) project = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  project = pl_project_open (fixture->path, PL_PROJECT_OPEN_CREATE, &error);
  g_assert_no_error (error);
  g_clear_object (&project);

  exec_raw (fixture->path, "PRAGMA journal_mode = DELETE;"
                           "INSERT INTO schema_version VALUES (99, '2030-01-01T00:00:00Z')");
  before = checksum_file (fixture->path);

  project = pl_project_open (fixture->path, PL_PROJECT_OPEN_CREATE, &error);
  g_assert_error (error, PL_STORE_ERROR, PL_STORE_ERROR_NEWER);
  g_assert_nonnull (strstr (error->message, "project.plenary"));
  g_assert_nonnull (strstr (error->message, "newer version"));
  g_assert_null (project);

  after = checksum_file (fixture->path);
  g_assert_cmpstr (before, ==, after);
}

static void
test_refuses_foreign_files (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PlProject) project = NULL;
  g_autofree char *text_path = g_build_filename (fixture->dir, "notes.txt", NULL);
  g_autofree char *db_path = g_build_filename (fixture->dir, "other.sqlite", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  g_assert_true (g_file_set_contents (text_path, "just some text, long enough to read", -1, NULL));
  before = checksum_file (text_path);
  project = pl_project_open (text_path, PL_PROJECT_OPEN_CREATE, &error);
  g_assert_error (error, PL_STORE_ERROR, PL_STORE_ERROR_NOT_PROJECT);
  g_assert_nonnull (strstr (error->message, "notes.txt"));
  after = checksum_file (text_path);
  g_assert_cmpstr (before, ==, after);
  g_clear_error (&error);
  g_clear_pointer (&before, g_free);
  g_clear_pointer (&after, g_free);

  exec_raw (db_path, "CREATE TABLE t (x); INSERT INTO t VALUES (1)");
  before = checksum_file (db_path);
  project = pl_project_open (db_path, PL_PROJECT_OPEN_CREATE, &error);
  g_assert_error (error, PL_STORE_ERROR, PL_STORE_ERROR_NOT_PROJECT);
  g_assert_nonnull (strstr (error->message, "other.sqlite"));
  after = checksum_file (db_path);
  g_assert_cmpstr (before, ==, after);
  g_clear_error (&error);

  project = pl_project_open (fixture->dir, PL_PROJECT_OPEN_CREATE, &error);
  g_assert_error (error, PL_STORE_ERROR, PL_STORE_ERROR_OPEN);
  g_assert_nonnull (strstr (error->message, "folder"));
}

static void
test_refuses_read_only (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PlProject) project = NULL;
  g_autofree char *folder = g_build_filename (fixture->dir, "locked", NULL);
  g_autofree char *path = g_build_filename (folder, "p.plenary", NULL);

  if (geteuid () == 0)
    {
      g_test_skip ("file permissions do not bind the superuser");
      return;
    }

  g_assert_cmpint (g_mkdir (folder, 0700), ==, 0);
  project = pl_project_open (path, PL_PROJECT_OPEN_CREATE, &error);
  g_assert_no_error (error);
  g_clear_object (&project);

  g_chmod (path, 0400);
  project = pl_project_open (path, PL_PROJECT_OPEN_DEFAULT, &error);
  g_assert_error (error, PL_STORE_ERROR, PL_STORE_ERROR_READ_ONLY);
  g_assert_nonnull (strstr (error->message, "p.plenary"));
  g_clear_error (&error);

  g_chmod (path, 0600);
  g_chmod (folder, 0500);
  project = pl_project_open (path, PL_PROJECT_OPEN_DEFAULT, &error);
  g_assert_error (error, PL_STORE_ERROR, PL_STORE_ERROR_READ_ONLY);
}

static void
test_offsets_are_code_points (Fixture       *fixture,
                              gconstpointer  data)
{
  /* "😀" is one code point (two UTF-16 units, four bytes); "é" here is e + U+0301 after a
   * character with no precomposed form: "q̇" stays two code points in NFC. */
  static const char text[] = "😀 中文 q̇ Norms apply.\n\nSecond paragraph 😀.";
  g_autoptr(GError) error = NULL;
  g_autoptr(PlProject) project = NULL;
  g_autoptr(PlAnnotation) annotation = NULL;
  g_autoptr(PlAnnotation) bad = NULL;
  g_autoptr(GPtrArray) statements = NULL;
  g_autofree char *stored = NULL;
  g_autofree char *slice = NULL;
  PlDocument *document;
  PlCode *code;
  PlCoder *coder;
  guint length = pl_text_length (text);

  project = pl_project_open (fixture->path, PL_PROJECT_OPEN_CREATE, &error);
  g_assert_no_error (error);
  document = pl_project_add_document (project, "Emoji", text, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (pl_document_get_length (document), ==, length);
  g_assert_cmpuint (length, ==, g_utf8_strlen (text, -1));

  statements = pl_project_list_statements (project, pl_document_get_id (document), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (statements->len, ==, 2);
  g_assert_cmpuint (((PlStatement *)statements->pdata[1])->start, ==, 22);
  g_assert_cmpuint (((PlStatement *)statements->pdata[1])->end, ==, length);

  code = add_code (project, "C1", "Code", 0);
  coder = pl_project_ensure_coder (project, "Coder", &error);

  /* "Norms" starts after 😀, space, 中文, space, q̇ (2), space: offset 8. */
  annotation = pl_project_add_annotation (project,
                                          &(PlAnnotationSpec) { pl_document_get_id (document),
                                                                pl_code_get_id (code), coder->id, 8, 13,
                                                                NULL },
                                          &error);
  g_assert_no_error (error);
  stored = pl_project_dup_document_text (project, pl_document_get_id (document), NULL);
  slice = pl_text_slice (stored, annotation->start, annotation->end);
  g_assert_cmpstr (slice, ==, "Norms");

  /* The last character (😀 and ".") may be coded; one past the end may not. */
  g_clear_pointer (&annotation, pl_annotation_unref);
  annotation = pl_project_add_annotation (project,
                                          &(PlAnnotationSpec) { pl_document_get_id (document),
                                                                pl_code_get_id (code), coder->id, length - 2,
                                                                length, NULL },
                                          &error);
  g_assert_no_error (error);
  g_clear_pointer (&slice, g_free);
  slice = pl_text_slice (stored, annotation->start, annotation->end);
  g_assert_cmpstr (slice, ==, "😀.");

  bad = pl_project_add_annotation (project,
                                   &(PlAnnotationSpec) { pl_document_get_id (document), pl_code_get_id (code),
                                                         coder->id, length - 1, length + 1, NULL },
                                   &error);
  g_assert_error (error, PL_STORE_ERROR, PL_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "Emoji"));
  g_assert_null (bad);
  g_clear_error (&error);

  bad = pl_project_add_annotation (project,
                                   &(PlAnnotationSpec) { pl_document_get_id (document), pl_code_get_id (code),
                                                         coder->id, 5, 5, NULL },
                                   &error);
  g_assert_error (error, PL_STORE_ERROR, PL_STORE_ERROR_INVALID);
  g_assert_null (bad);
  g_assert_cmpuint (pl_project_count_annotations (project), ==, 2);
}

static void
count_signal (PlProject    *project,
              PlAnnotation *annotation,
              guint        *counter)
{
  g_assert_nonnull (annotation->guid);
  (*counter)++;
}

static void
test_annotation_lifecycle (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PlProject) project = NULL;
  g_autoptr(PlAnnotation) annotation = NULL;
  g_autoptr(PlAnnotation) found = NULL;
  g_autoptr(PlAnnotation) refused = NULL;
  PlDocument *document;
  PlCode *code, *folder;
  PlCoder *coder;
  PlCodeSpec folder_spec = { .name = "Folder", .codable = FALSE };
  guint added = 0, removed = 0, changed = 0;

  project = pl_project_open (fixture->path, PL_PROJECT_OPEN_CREATE, &error);
  g_assert_no_error (error);
  document = pl_project_add_document (project, "Doc", "Some text to code.", NULL, &error);
  g_assert_no_error (error);
  code = add_code (project, "A", "Alpha", 0);
  coder = pl_project_ensure_coder (project, "Coder", &error);
  g_assert_no_error (error);
  folder = pl_project_add_code (project, &folder_spec, &error);
  g_assert_no_error (error);

  g_signal_connect (project, "annotation-added", G_CALLBACK (count_signal), &added);
  g_signal_connect (project, "annotation-removed", G_CALLBACK (count_signal), &removed);
  g_signal_connect (project, "annotation-changed", G_CALLBACK (count_signal), &changed);

  refused = pl_project_add_annotation (project,
                                       &(PlAnnotationSpec) { pl_document_get_id (document),
                                                             pl_code_get_id (folder), coder->id, 0, 4, NULL },
                                       &error);
  g_assert_error (error, PL_STORE_ERROR, PL_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "Folder"));
  g_clear_error (&error);
  refused = pl_project_add_annotation (project,
                                       &(PlAnnotationSpec) { 9999, pl_code_get_id (code), coder->id, 0, 4,
                                                             NULL },
                                       &error);
  g_assert_error (error, PL_STORE_ERROR, PL_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpuint (added, ==, 0);

  annotation = pl_project_add_annotation (project,
                                          &(PlAnnotationSpec) { pl_document_get_id (document),
                                                                pl_code_get_id (code), coder->id, 0, 4,
                                                                NULL },
                                          &error);
  g_assert_no_error (error);
  g_assert_cmpuint (added, ==, 1);
  g_assert_null (annotation->memo);

  g_assert_true (pl_project_set_annotation_memo (project, annotation->guid, "Why: “quote”", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (changed, ==, 1);
  found = pl_project_find_annotation (project, annotation->guid, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (found->memo, ==, "Why: “quote”");
  g_clear_pointer (&found, pl_annotation_unref);

  /* The same memo again is no change. */
  g_assert_true (pl_project_set_annotation_memo (project, annotation->guid, "Why: “quote”", &error));
  g_assert_cmpuint (changed, ==, 1);

  g_assert_true (pl_project_remove_annotation (project, annotation->guid, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (removed, ==, 1);
  g_assert_cmpuint (pl_document_get_n_annotations (document), ==, 0);
  g_assert_cmpuint (pl_code_get_n_annotations (code), ==, 0);

  found = pl_project_find_annotation (project, annotation->guid, &error);
  g_assert_error (error, PL_STORE_ERROR, PL_STORE_ERROR_NOT_FOUND);
  g_assert_null (found);
  g_clear_error (&error);

  g_assert_false (pl_project_remove_annotation (project, annotation->guid, &error));
  g_assert_error (error, PL_STORE_ERROR, PL_STORE_ERROR_NOT_FOUND);
  g_assert_cmpuint (removed, ==, 1);
}

static void
test_code_lookup (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PlProject) project = NULL;
  PlCodeSpec spec = { .short_id = "B", .name = "Beta", .color = "#12abEF", .shortcut = "2",
                      .guid = "0F8FAD5B-D9CB-469F-A165-70867728950E", .codable = TRUE };
  PlCodeSpec clash = { .short_id = "B", .name = "Another", .codable = TRUE };
  PlCodeSpec bad_color = { .name = "Bad", .color = "red", .codable = TRUE };
  PlCode *alpha, *beta;

  project = pl_project_open (fixture->path, PL_PROJECT_OPEN_CREATE, &error);
  g_assert_no_error (error);
  alpha = add_code (project, "A", "Alpha", 0);
  beta = pl_project_add_code (project, &spec, &error);
  g_assert_no_error (error);

  g_assert_cmpstr (pl_code_get_color (beta), ==, "#12ABEF");
  g_assert_cmpstr (pl_code_get_guid (beta), ==, "0f8fad5b-d9cb-469f-a165-70867728950e");
  g_assert_true (pl_project_lookup_code (project, "A") == alpha);
  g_assert_true (pl_project_lookup_code (project, "0F8FAD5B-D9CB-469F-A165-70867728950E") == beta);
  g_assert_true (pl_project_lookup_code (project, "Beta") == beta);
  g_assert_null (pl_project_lookup_code (project, "Gamma"));
  g_assert_true (pl_project_find_code_by_shortcut (project, "2") == beta);
  g_assert_null (pl_project_find_code_by_shortcut (project, "3"));

  g_assert_null (pl_project_add_code (project, &clash, &error));
  g_assert_error (error, PL_STORE_ERROR, PL_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_null (pl_project_add_code (project, &bad_color, &error));
  g_assert_error (error, PL_STORE_ERROR, PL_STORE_ERROR_INVALID);
  g_assert_cmpuint (g_list_model_get_n_items (pl_project_get_codes (project)), ==, 2);
}

static void
test_remove_document_cascades (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PlProject) project = NULL;
  g_autoptr(PlAnnotation) annotation = NULL;
  g_autoptr(GPtrArray) remaining = NULL;
  PlDocument *one, *two;
  PlCode *code;
  PlCoder *coder;
  gint64 one_id;

  project = pl_project_open (fixture->path, PL_PROJECT_OPEN_CREATE, &error);
  g_assert_no_error (error);
  one = pl_project_add_document (project, "One", "Alpha beta.", NULL, &error);
  two = pl_project_add_document (project, "Two", "Gamma delta.", NULL, &error);
  g_assert_no_error (error);
  code = add_code (project, "A", "Alpha", 0);
  coder = pl_project_ensure_coder (project, "Coder", &error);
  one_id = pl_document_get_id (one);
  annotation = pl_project_add_annotation (project,
                                          &(PlAnnotationSpec) { one_id, pl_code_get_id (code), coder->id, 0,
                                                                5, NULL },
                                          &error);
  g_assert_no_error (error);
  g_clear_pointer (&annotation, pl_annotation_unref);
  annotation = pl_project_add_annotation (project,
                                          &(PlAnnotationSpec) { pl_document_get_id (two),
                                                                pl_code_get_id (code), coder->id, 0, 5,
                                                                NULL },
                                          &error);
  g_assert_cmpuint (pl_code_get_n_annotations (code), ==, 2);

  g_assert_true (pl_project_remove_document (project, one_id, &error));
  g_assert_no_error (error);
  g_assert_null (pl_project_find_document (project, one_id));
  g_assert_cmpuint (g_list_model_get_n_items (pl_project_get_documents (project)), ==, 1);
  g_assert_cmpuint (pl_code_get_n_annotations (code), ==, 1);

  remaining = pl_project_list_annotations (project, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (remaining->len, ==, 1);
  g_assert_cmpint (((PlAnnotation *)remaining->pdata[0])->document_id, ==, pl_document_get_id (two));

  g_assert_false (pl_project_remove_document (project, one_id, &error));
  g_assert_error (error, PL_STORE_ERROR, PL_STORE_ERROR_NOT_FOUND);
}

static void
count_metadata_changes (PlDocument *document,
                        const char *key,
                        guint      *counter)
{
  (*counter)++;
}

static void
test_document_metadata (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PlProject) project = NULL;
  g_autoptr(GHashTable) metadata = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) bad = g_hash_table_new (g_str_hash, g_str_equal);
  PlDocument *document;
  guint changes = 0;
  gint64 id;

  g_hash_table_insert (metadata, "process", "OEWG 2021–2025");
  g_hash_table_insert (metadata, "date", "2024-03-07");
  g_hash_table_insert (metadata, "format", "text");
  g_hash_table_insert (bad, "colour", "blue");

  project = pl_project_open (fixture->path, PL_PROJECT_OPEN_CREATE, &error);
  g_assert_no_error (error);

  g_assert_null (pl_project_add_document_full (project, "Bad", "Text.", NULL, bad, &error));
  g_assert_error (error, PL_STORE_ERROR, PL_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "colour"));
  g_clear_error (&error);
  g_assert_cmpuint (g_list_model_get_n_items (pl_project_get_documents (project)), ==, 0);

  document = pl_project_add_document_full (project, "Report", "Text.", NULL, metadata, &error);
  g_assert_no_error (error);
  id = pl_document_get_id (document);
  g_assert_cmpstr (pl_document_get_metadata (document, "process"), ==, "OEWG 2021–2025");
  g_assert_null (pl_document_get_metadata (document, "session"));

  g_signal_connect (document, "metadata-changed", G_CALLBACK (count_metadata_changes), &changes);
  g_assert_true (pl_project_set_document_metadata (project, id, "session", "7th session", &error));
  g_assert_no_error (error);
  g_assert_true (pl_project_set_document_metadata (project, id, "session", "7th session", &error));
  g_assert_true (pl_project_set_document_metadata (project, id, "date", "", &error));
  g_assert_cmpuint (changes, ==, 2);
  g_assert_false (pl_project_set_document_metadata (project, id, "colour", "x", &error));
  g_assert_error (error, PL_STORE_ERROR, PL_STORE_ERROR_INVALID);
  g_clear_error (&error);

  /* Each change is undoable, after a restart too. */
  g_assert_true (pl_project_set_document_metadata (project, id, "meeting", "3rd meeting", &error));
  g_clear_object (&project);
  project = pl_project_open (fixture->path, PL_PROJECT_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  document = pl_project_find_document (project, id);
  g_assert_cmpstr (pl_document_get_metadata (document, "meeting"), ==, "3rd meeting");
  g_assert_true (pl_project_undo (project, &error));
  g_assert_no_error (error);
  g_assert_null (pl_document_get_metadata (document, "meeting"));
  g_assert_cmpstr (pl_document_get_metadata (document, "session"), ==, "7th session");
  g_assert_cmpstr (pl_document_get_metadata (document, "process"), ==, "OEWG 2021–2025");
  g_assert_cmpstr (pl_document_get_metadata (document, "format"), ==, "text");
  g_assert_null (pl_document_get_metadata (document, "date"));
}

static void
test_coded_statements (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PlProject) project = NULL;
  g_autoptr(PlAnnotation) a = NULL;
  g_autoptr(PlAnnotation) b = NULL;
  PlDocument *document;
  PlCode *code;
  PlCoder *coder;
  gint64 id;

  /* Statements [0,3) [5,8) [10,13) [15,18). */
  project = pl_project_open (fixture->path, PL_PROJECT_OPEN_CREATE, &error);
  g_assert_no_error (error);
  document = pl_project_add_document (project, "Four", "One\n\nTwo\n\nSix\n\nTen", NULL, &error);
  g_assert_no_error (error);
  id = pl_document_get_id (document);
  code = add_code (project, "A", "Alpha", 0);
  coder = pl_project_ensure_coder (project, "Coder", &error);

  g_assert_cmpuint (pl_project_count_coded_statements (project, id, &error), ==, 0);
  /* A long span over the first two statements, a short one in the last. */
  a = pl_project_add_annotation (project,
                                 &(PlAnnotationSpec) { id, pl_code_get_id (code), coder->id, 1, 7, NULL },
                                 &error);
  b = pl_project_add_annotation (project,
                                 &(PlAnnotationSpec) { id, pl_code_get_id (code), coder->id, 16, 17, NULL },
                                 &error);
  g_assert_no_error (error);
  g_assert_cmpuint (pl_project_count_coded_statements (project, id, &error), ==, 3);
  g_assert_true (pl_project_remove_annotation (project, a->guid, &error));
  g_assert_cmpuint (pl_project_count_coded_statements (project, id, &error), ==, 1);
}

static void
test_save_copy (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PlProject) project = NULL;
  g_autoptr(PlProject) copy = NULL;
  g_autoptr(PlAnnotation) annotation = NULL;
  g_autoptr(GDir) dir = NULL;
  g_autofree char *copy_path = g_build_filename (fixture->dir, "copy.plenary", NULL);
  g_autofree char *wal_path = g_strconcat (copy_path, "-wal", NULL);
  g_autofree char *missing = g_build_filename (fixture->dir, "no", "such", "copy.plenary", NULL);
  PlDocument *document;
  PlCode *code;
  PlCoder *coder;
  const char *name;
  guint n_files = 0;

  project = pl_project_open (fixture->path, PL_PROJECT_OPEN_CREATE, &error);
  g_assert_no_error (error);
  document = pl_project_add_document (project, "Doc", "Some text to code.", NULL, &error);
  code = add_code (project, "A", "Alpha", 0);
  coder = pl_project_ensure_coder (project, "Coder", &error);
  annotation = pl_project_add_annotation (project,
                                          &(PlAnnotationSpec) { pl_document_get_id (document),
                                                                pl_code_get_id (code), coder->id, 0, 4,
                                                                NULL },
                                          &error);
  g_assert_no_error (error);

  g_assert_true (pl_project_save_copy (project, copy_path, &error));
  g_assert_no_error (error);

  copy = pl_project_open (copy_path, PL_PROJECT_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (pl_project_get_guid (copy), ==, pl_project_get_guid (project));
  g_assert_cmpuint (pl_project_count_annotations (copy), ==, 1);
  pl_project_close (copy);
  g_assert_false (g_file_test (wal_path, G_FILE_TEST_EXISTS));

  g_assert_false (pl_project_save_copy (project, missing, &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "copy.plenary"));

  /* No temporary file is left behind, whether the copy succeeded or not. */
  dir = g_dir_open (fixture->dir, 0, NULL);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_assert_false (g_str_has_prefix (name, ".plenary-copy-"));
      n_files++;
    }
  g_assert_cmpuint (n_files, >=, 2);
}

static PlAnnotation *
make_annotation (const char *guid,
                 guint       start,
                 guint       end)
{
  PlAnnotation *annotation = pl_annotation_new ();

  annotation->guid = g_strdup (guid);
  annotation->document_id = 1;
  annotation->start = start;
  annotation->end = end;
  return annotation;
}

static char *
guids_at (PlAnnotationIndex *index,
          guint              offset)
{
  g_autoptr(GPtrArray) hits = pl_annotation_index_at (index, offset);
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < hits->len; i++)
    g_string_append (out, ((PlAnnotation *)hits->pdata[i])->guid);
  return g_string_free (out, FALSE);
}

static void
test_annotation_index (void)
{
  g_autoptr(PlAnnotationIndex) index = pl_annotation_index_new ();
  g_autoptr(GPtrArray) initial = g_ptr_array_new_with_free_func ((GDestroyNotify)pl_annotation_unref);
  g_autoptr(PlAnnotation) d = make_annotation ("d", 2, 3);
  char *s;

  /* a [0,10) long, b [5,8) inside it, c [20,25) alone; given out of order. */
  g_ptr_array_add (initial, make_annotation ("c", 20, 25));
  g_ptr_array_add (initial, make_annotation ("b", 5, 8));
  g_ptr_array_add (initial, make_annotation ("a", 0, 10));
  pl_annotation_index_set (index, initial);

  g_assert_cmpuint (pl_annotation_index_get_n (index), ==, 3);
  g_assert_cmpstr (pl_annotation_index_get (index, 0)->guid, ==, "a");
  g_assert_cmpstr (pl_annotation_index_get (index, 2)->guid, ==, "c");

  s = guids_at (index, 0); g_assert_cmpstr (s, ==, "a"); g_free (s);
  s = guids_at (index, 6); g_assert_cmpstr (s, ==, "ab"); g_free (s);
  s = guids_at (index, 8); g_assert_cmpstr (s, ==, "a"); g_free (s);
  s = guids_at (index, 10); g_assert_cmpstr (s, ==, ""); g_free (s);
  s = guids_at (index, 24); g_assert_cmpstr (s, ==, "c"); g_free (s);
  s = guids_at (index, 25); g_assert_cmpstr (s, ==, ""); g_free (s);

  pl_annotation_index_add (index, d);
  s = guids_at (index, 2); g_assert_cmpstr (s, ==, "ad"); g_free (s);
  g_assert_true (pl_annotation_index_lookup (index, "d") == d);

  g_assert_true (pl_annotation_index_remove (index, "a"));
  g_assert_false (pl_annotation_index_remove (index, "a"));
  s = guids_at (index, 6); g_assert_cmpstr (s, ==, "b"); g_free (s);
  s = guids_at (index, 2); g_assert_cmpstr (s, ==, "d"); g_free (s);
  g_assert_cmpuint (pl_annotation_index_get_n (index), ==, 3);
  g_assert_null (pl_annotation_index_lookup (index, "a"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/project/create-and-reopen", Fixture, NULL, fixture_set_up, test_create_and_reopen, fixture_tear_down);
  g_test_add ("/project/migration-from-empty-file", Fixture, NULL, fixture_set_up, test_migration_from_empty_file, fixture_tear_down);
  g_test_add ("/project/refresh", Fixture, NULL, fixture_set_up, test_refresh, fixture_tear_down);
  g_test_add ("/project/duplicate-coding-refused", Fixture, NULL, fixture_set_up, test_duplicate_coding_refused, fixture_tear_down);
  g_test_add ("/project/migration-folds-duplicates", Fixture, NULL, fixture_set_up, test_migration_folds_duplicates, fixture_tear_down);
  g_test_add ("/project/migration-note-details", Fixture, NULL, fixture_set_up, test_migration_note_details, fixture_tear_down);
  g_test_add ("/project/exclusive-create", Fixture, NULL, fixture_set_up, test_exclusive_create, fixture_tear_down);
  g_test_add ("/project/refuses-newer-version", Fixture, NULL, fixture_set_up, test_refuses_newer_version, fixture_tear_down);
  g_test_add ("/project/refuses-foreign-files", Fixture, NULL, fixture_set_up, test_refuses_foreign_files, fixture_tear_down);
  g_test_add ("/project/refuses-read-only", Fixture, NULL, fixture_set_up, test_refuses_read_only, fixture_tear_down);
  g_test_add ("/project/offsets-are-code-points", Fixture, NULL, fixture_set_up, test_offsets_are_code_points, fixture_tear_down);
  g_test_add ("/project/annotation-lifecycle", Fixture, NULL, fixture_set_up, test_annotation_lifecycle, fixture_tear_down);
  g_test_add ("/project/code-lookup", Fixture, NULL, fixture_set_up, test_code_lookup, fixture_tear_down);
  g_test_add ("/project/remove-document-cascades", Fixture, NULL, fixture_set_up, test_remove_document_cascades, fixture_tear_down);
  g_test_add ("/project/document-metadata", Fixture, NULL, fixture_set_up, test_document_metadata, fixture_tear_down);
  g_test_add ("/project/coded-statements", Fixture, NULL, fixture_set_up, test_coded_statements, fixture_tear_down);
  g_test_add ("/project/save-copy", Fixture, NULL, fixture_set_up, test_save_copy, fixture_tear_down);
  g_test_add_func ("/annotation-index/hit-testing", test_annotation_index);

  return g_test_run ();
}
