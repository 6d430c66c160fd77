/* test-team.c — research teams: Export My Coding and Merge Coding, the team folder, blind
 * mode, comparing two coders and settling their disagreements into the gold layer
 *
 * A lead project is copied for each coder (as a team does: one file handed round), each
 * coder codes their copy, and the work comes back by file or by a shared folder.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "plenary-test"

#include "config.h"

#include <sqlite3.h>
#include <string.h>

#include <glib/gstdio.h>

#include "pl-comparison.h"
#include "pl-error.h"
#include "pl-exporter.h"
#include "pl-project-agreement.h"
#include "pl-project-bulk.h"
#include "pl-project-gold.h"
#include "pl-project-team.h"
#include "pl-test-util.h"

#define UNIT_LENGTH 20
#define N_UNITS 4

typedef struct
{
  char      *dir;
  PlProject *lead;
  gint64     document;
  gint64     second;    /* a second document, coded by nobody */
  gint64     x;         /* codes */
  gint64     y;
} Fixture;

static char *
path_in (Fixture    *fixture,
         const char *name)
{
  return g_build_filename (fixture->dir, name, NULL);
}

static gint64
add_code (PlProject  *project,
          const char *short_id)
{
  g_autoptr(GError) error = NULL;
  PlCodeSpec spec = { .short_id = short_id, .name = short_id, .codable = TRUE };
  PlCode *code = pl_project_add_code (project, &spec, &error);

  g_assert_no_error (error);
  return pl_code_get_id (code);
}

/* A document of N_UNITS statements of UNIT_LENGTH characters, two characters apart. */
static gint64
add_document (PlProject  *project,
              const char *title,
              char        letter)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PlProjectBulk) bulk = pl_project_bulk_begin (project, &error);
  g_autoptr(GPtrArray) statements = g_ptr_array_new_with_free_func ((GDestroyNotify) pl_statement_unref);
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *guid = g_uuid_string_random ();
  PlBulkResult result;

  for (guint u = 0; u < N_UNITS; u++)
    {
      PlStatement *statement = pl_statement_new ();

      statement->start = text->len;
      for (guint i = 0; i < UNIT_LENGTH; i++)
        g_string_append_c (text, (char) (letter + (u + i) % 20));
      statement->end = text->len;
      statement->kind = PL_STATEMENT_KIND_STATEMENT;
      g_ptr_array_add (statements, statement);
      g_string_append (text, "\n\n");
    }
  g_assert_true (pl_project_bulk_add_document (bulk, &(PlBulkDocument) { .guid = guid,
                                                 .title = title, .text = text->str,
                                                 .statements = statements },
                                               &result, &error));
  g_assert_true (pl_project_bulk_commit (bulk, &error));
  g_assert_no_error (error);
  return result.id;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  fixture->dir = g_dir_make_tmp ("plenary-team-XXXXXX", &error);
  g_assert_no_error (error);
  path = path_in (fixture, "lead.plenary");
  fixture->lead = pl_project_open (path, PL_PROJECT_OPEN_CREATE, &error);
  g_assert_no_error (error);
  fixture->x = add_code (fixture->lead, "X");
  fixture->y = add_code (fixture->lead, "Y");
  fixture->document = add_document (fixture->lead, "First", 'a');
  fixture->second = add_document (fixture->lead, "Second", 'A');
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  pl_project_close (fixture->lead);
  g_object_unref (fixture->lead);
  pl_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
}

/* A copy of the lead project for one coder. */
static PlProject *
copy_for (Fixture    *fixture,
          const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *file = g_strconcat (name, ".plenary", NULL);
  g_autofree char *path = path_in (fixture, file);
  PlProject *copy;

  g_assert_true (pl_project_save_copy (fixture->lead, path, &error));
  g_assert_no_error (error);
  copy = pl_project_open (path, PL_PROJECT_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  return copy;
}

static gint64
coder_id (PlProject  *project,
          const char *name)
{
  g_autoptr(GError) error = NULL;
  PlCoder *coder = pl_project_ensure_coder (project, name, &error);

  g_assert_no_error (error);
  return coder->id;
}

static char *
annotate (PlProject  *project,
          gint64      document,
          const char *coder,
          gint64      code,
          guint       start,
          guint       end)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PlAnnotation) annotation = NULL;

  annotation = pl_project_add_annotation (project,
                                          &(PlAnnotationSpec) { document, code,
                                                                coder_id (project, coder),
                                                                start, end, NULL },
                                          &error);
  g_assert_no_error (error);
  return g_strdup (annotation->guid);
}

/* Whether @project has annotation @guid. */
static gboolean
has_annotation (PlProject  *project,
                const char *guid)
{
  g_autoptr(PlAnnotation) annotation = pl_project_find_annotation (project, guid, NULL);

  return annotation != NULL;
}

static guint
count_annotations (PlProject *project)
{
  g_autoptr(GPtrArray) annotations = pl_project_list_annotations (project, 0, NULL);

  return annotations->len;
}

/* Runs SQL on a project's file, as another program would (the tests are white-box). */
static void
run_sql (PlProject  *project,
         const char *sql)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (pl_project_get_path (project), &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
}

static char *
export_coding (Fixture    *fixture,
               PlProject  *project,
               const char *coder,
               const char *name)
{
  g_autoptr(GError) error = NULL;
  char *path = path_in (fixture, name);
  g_autoptr(GFile) file = g_file_new_for_path (path);

  g_assert_true (pl_project_export_coding (project, coder_id (project, coder), file, &error));
  g_assert_no_error (error);
  return path;
}

static PlMergePlan *
plan (PlProject  *project,
      const char *path,
      GError    **error)
{
  const char *paths[] = { path, NULL };

  return pl_project_plan_merge (project, paths, error);
}

static void
write_file (const char *path,
            const char *contents,
            gssize      length)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_set_contents (path, contents, length, &error));
  g_assert_no_error (error);
}

/* Export My Coding, Merge Coding */

static void
test_export_and_merge (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(PlProject) ana = copy_for (fixture, "ana");
  g_autoptr(PlMergePlan) merge = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *first = annotate (ana, fixture->document, "Ana", fixture->x, 0, 10);
  g_autofree char *second = annotate (ana, fixture->document, "Ana", fixture->y, 22, 40);
  g_autofree char *third = annotate (ana, fixture->document, "Ana", fixture->x, 50, 60);
  g_autofree char *path = NULL;
  g_autofree char *label = NULL;
  g_autoptr(PlAnnotation) merged = NULL;
  const PlMergeFile *file;

  g_assert_true (pl_project_set_annotation_memo (ana, second, "Memo, \"quoted\"\nline", &error));
  g_assert_true (pl_project_set_annotation_stance (ana, second, "supports", &error));
  path = export_coding (fixture, ana, "Ana", "ana.plenary-coding");

  merge = plan (fixture->lead, path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (pl_merge_plan_get_n_files (merge), ==, 1);
  file = pl_merge_plan_get_file (merge, 0);
  g_assert_cmpstr (file->name, ==, "ana.plenary-coding");
  g_assert_cmpstr (file->coder_name, ==, "Ana");
  g_assert_true (file->coder_new);
  g_assert_cmpuint (file->n_documents, ==, 1);
  g_assert_cmpuint (file->n_added, ==, 3);
  g_assert_cmpuint (file->skipped->len, ==, 0);
  g_assert_false (pl_merge_plan_is_empty (merge));
  /* A plan changes nothing. */
  g_assert_cmpuint (count_annotations (fixture->lead), ==, 0);
  g_assert_false (pl_project_can_undo (fixture->lead));

  g_assert_true (pl_project_merge (fixture->lead, merge, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_annotations (fixture->lead), ==, 3);
  merged = pl_project_find_annotation (fixture->lead, second, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (merged->memo, ==, "Memo, \"quoted\"\nline");
  g_assert_cmpstr (merged->stance, ==, "supports");
  g_assert_cmpuint (merged->start, ==, 22);
  g_assert_cmpstr (pl_project_find_coder (fixture->lead, merged->coder_id)->name, ==, "Ana");
  g_assert_cmpuint (pl_code_get_n_annotations (pl_project_find_code (fixture->lead, fixture->x)), ==, 2);
  label = pl_project_dup_undo_label (fixture->lead);
  g_assert_cmpstr (label, ==, "Merge Coding of Ana");
  g_clear_pointer (&merge, pl_merge_plan_free);

  /* The same file again changes nothing, and records no action. */
  merge = plan (fixture->lead, path, &error);
  g_assert_true (pl_merge_plan_is_empty (merge));
  g_assert_cmpuint (pl_merge_plan_get_file (merge, 0)->n_unchanged, ==, 3);
  g_assert_false (pl_merge_plan_get_file (merge, 0)->coder_new);
  g_assert_true (pl_project_merge (fixture->lead, merge, &error));
  g_assert_true (pl_project_undo (fixture->lead, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_annotations (fixture->lead), ==, 0);
  g_assert_null (pl_project_find_gold_coder (fixture->lead));
  {
    g_autoptr(GPtrArray) coders = pl_project_list_coders (fixture->lead);

    g_assert_cmpuint (coders->len, ==, 0);
  }
  g_assert_true (pl_project_redo (fixture->lead, &error));
  g_assert_cmpuint (count_annotations (fixture->lead), ==, 3);
  g_assert_true (has_annotation (fixture->lead, first));
  g_assert_true (has_annotation (fixture->lead, third));
}

/* A newer edit of an annotation the project has changes it; two files merge at once. */
static void
test_merge_changed (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(PlProject) ana = copy_for (fixture, "ana");
  g_autoptr(PlProject) ben = copy_for (fixture, "ben");
  g_autoptr(PlMergePlan) merge = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *guid = annotate (ana, fixture->document, "Ana", fixture->x, 0, 10);
  g_autofree char *ben_guid = annotate (ben, fixture->document, "Ben", fixture->x, 2, 10);
  g_autofree char *ana_path = export_coding (fixture, ana, "Ana", "ana.plenary-coding");
  g_autofree char *ben_path = export_coding (fixture, ben, "Ben", "ben.plenary-coding");
  g_autofree char *sql = NULL;
  g_autoptr(PlAnnotation) merged = NULL;
  const char *paths[] = { ana_path, ben_path, NULL };

  merge = pl_project_plan_merge (fixture->lead, paths, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (pl_merge_plan_get_n_files (merge), ==, 2);
  g_assert_true (pl_project_merge (fixture->lead, merge, &error));
  g_assert_cmpuint (count_annotations (fixture->lead), ==, 2);
  {
    g_autofree char *label = pl_project_dup_undo_label (fixture->lead);

    g_assert_cmpstr (label, ==, "Merge Coding of 2 Coders");
  }
  g_clear_pointer (&merge, pl_merge_plan_free);

  g_assert_true (pl_project_set_annotation_range (ana, guid, 0, 15, &error));
  sql = g_strdup_printf ("UPDATE annotations SET modified = '2099-01-01T00:00:00Z' WHERE guid = '%s'",
                         guid);
  run_sql (ana, sql);
  g_free (ana_path);
  ana_path = export_coding (fixture, ana, "Ana", "ana-2.plenary-coding");

  merge = plan (fixture->lead, ana_path, &error);
  g_assert_cmpuint (pl_merge_plan_get_file (merge, 0)->n_changed, ==, 1);
  g_assert_true (pl_project_merge (fixture->lead, merge, &error));
  merged = pl_project_find_annotation (fixture->lead, guid, &error);
  g_assert_cmpuint (merged->end, ==, 15);
  g_clear_pointer (&merged, pl_annotation_unref);

  /* Undo puts the project's own version back, redo the merged one. */
  g_assert_true (pl_project_undo (fixture->lead, &error));
  merged = pl_project_find_annotation (fixture->lead, guid, &error);
  g_assert_cmpuint (merged->end, ==, 10);
  g_clear_pointer (&merged, pl_annotation_unref);
  g_assert_cmpuint (count_annotations (fixture->lead), ==, 2);
  g_assert_true (pl_project_redo (fixture->lead, &error));
  merged = pl_project_find_annotation (fixture->lead, guid, &error);
  g_assert_cmpuint (merged->end, ==, 15);
  g_clear_pointer (&merged, pl_annotation_unref);
}

/* Two exports of one coder merged at once: the newer record wins, counted as a change of
 * what the older one added. */
static void
test_merge_two_versions (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(PlProject) ana = copy_for (fixture, "ana");
  g_autoptr(PlMergePlan) merge = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *guid = annotate (ana, fixture->document, "Ana", fixture->x, 0, 10);
  g_autofree char *older = export_coding (fixture, ana, "Ana", "ana-1.plenary-coding");
  g_autofree char *newer = NULL;
  g_autofree char *sql = NULL;
  g_autofree char *extra = NULL;
  g_autoptr(PlAnnotation) merged = NULL;
  const char *paths[] = { older, NULL, NULL };

  g_assert_true (pl_project_set_annotation_memo (ana, guid, "later", &error));
  sql = g_strdup_printf ("UPDATE annotations SET modified = '2099-01-01T00:00:00Z' WHERE guid = '%s'",
                         guid);
  run_sql (ana, sql);
  newer = export_coding (fixture, ana, "Ana", "ana-2.plenary-coding");
  paths[1] = newer;

  merge = pl_project_plan_merge (fixture->lead, paths, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (pl_merge_plan_get_file (merge, 0)->n_added, ==, 1);
  g_assert_true (pl_merge_plan_get_file (merge, 0)->coder_new);
  g_assert_cmpuint (pl_merge_plan_get_file (merge, 1)->n_changed, ==, 1);
  g_assert_false (pl_merge_plan_get_file (merge, 1)->coder_new);

  /* The project changes between the plan and the merge: the merge works it out again. */
  extra = annotate (fixture->lead, fixture->second, "Lead", fixture->y, 0, 5);
  g_assert_true (pl_project_merge (fixture->lead, merge, &error));
  g_assert_no_error (error);
  merged = pl_project_find_annotation (fixture->lead, guid, &error);
  g_assert_cmpstr (merged->memo, ==, "later");
  g_assert_cmpuint (count_annotations (fixture->lead), ==, 2);
  {
    g_autofree char *label = pl_project_dup_undo_label (fixture->lead);

    g_assert_cmpstr (label, ==, "Merge Coding of Ana");
  }
}

/* Bad input: a clear message naming the file, the project unchanged. */
static void
assert_refused (Fixture    *fixture,
                const char *path,
                GQuark      domain,
                int         code,
                const char *words)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_path_get_basename (path);
  g_autoptr(PlMergePlan) merge = plan (fixture->lead, path, &error);

  g_assert_null (merge);
  g_assert_error (error, domain, code);
  g_assert_nonnull (strstr (error->message, name));
  if (words != NULL)
    g_assert_nonnull (strstr (error->message, words));
  g_assert_cmpuint (count_annotations (fixture->lead), ==, 0);
  g_assert_false (pl_project_can_undo (fixture->lead));
}

static void
test_merge_refusals (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(PlProject) ana = copy_for (fixture, "ana");
  g_autoptr(PlProject) other = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *other_path = path_in (fixture, "other.plenary");
  g_autofree char *path = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *damaged = path_in (fixture, "damaged.plenary-coding");
  g_autofree char *deep = path_in (fixture, "deep.plenary-changes");
  g_autofree char *text = path_in (fixture, "notes.plenary-changes");
  g_autoptr(GString) nested = g_string_new ("{\"format\":\"plenary-changes\",\"version\":1,"
                                            "\"coder\":{\"guid\":\"g\",\"name\":\"N\"}}\n"
                                            "{\"seq\":1,\"annotation\":");
  gsize length;
  gint64 z;
  g_autofree char *unused = NULL;

  /* Another project's documents. */
  other = pl_project_open (other_path, PL_PROJECT_OPEN_CREATE, &error);
  g_assert_no_error (error);
  add_document (other, "Elsewhere", 'k');
  unused = annotate (other, 1, "Olga", add_code (other, "X"), 0, 5);
  path = export_coding (fixture, other, "Olga", "olga.plenary-coding");
  assert_refused (fixture, path, PL_STORE_ERROR, PL_STORE_ERROR_INVALID, "another project");
  g_clear_pointer (&path, g_free);

  /* A code the project does not have. */
  z = add_code (ana, "Z");
  g_clear_pointer (&unused, g_free);
  unused = annotate (ana, fixture->document, "Ana", z, 0, 5);
  path = export_coding (fixture, ana, "Ana", "ana.plenary-coding");
  assert_refused (fixture, path, PL_STORE_ERROR, PL_STORE_ERROR_INVALID, "“Z”");
  {
    g_autoptr(GPtrArray) coders = pl_project_list_coders (fixture->lead);

    g_assert_cmpuint (coders->len, ==, 0);
  }

  /* A truncated archive. */
  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  write_file (damaged, contents, (gssize) length / 2);
  assert_refused (fixture, damaged, PL_IMPORT_ERROR, PL_IMPORT_ERROR_MALFORMED, NULL);

  /* A line nested past the limit. */
  for (guint i = 0; i < 5000; i++)
    g_string_append_c (nested, '[');
  g_string_append (nested, "}\n");
  write_file (deep, nested->str, -1);
  assert_refused (fixture, deep, PL_IMPORT_ERROR, PL_IMPORT_ERROR_MALFORMED, NULL);

  /* Not a file of changes. */
  write_file (text, "Dear colleague,\nhere is my coding.\n", -1);
  assert_refused (fixture, text, PL_IMPORT_ERROR, PL_IMPORT_ERROR_MALFORMED, NULL);

  /* A missing file. */
  g_clear_pointer (&path, g_free);
  path = path_in (fixture, "missing.plenary-coding");
  assert_refused (fixture, path, PL_IMPORT_ERROR, PL_IMPORT_ERROR_READ, NULL);
  pl_project_close (other);
}

/* A document whose text differs is left out and said, never re-aligned. */
static void
test_merge_text_differs (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(PlProject) ana = copy_for (fixture, "ana");
  g_autoptr(PlMergePlan) merge = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *kept = annotate (ana, fixture->document, "Ana", fixture->x, 0, 5);
  g_autofree char *lost = annotate (ana, fixture->second, "Ana", fixture->x, 0, 5);
  g_autofree char *path = path_in (fixture, "ana.plenary-changes");
  g_autofree char *records = NULL;
  g_autoptr(GString) changed = NULL;
  const char *second_guid = pl_document_get_guid (pl_project_find_document (fixture->lead, fixture->second));
  char *sha;

  /* Ana's records as a plain change file, written by hand. */
  records = g_strdup_printf ("{\"format\":\"plenary-changes\",\"version\":1,\"coder\":"
                             "{\"guid\":\"%s\",\"name\":\"Ana\"}}\n",
                             pl_project_find_coder (ana, coder_id (ana, "Ana"))->guid);
  changed = g_string_new (records);
  {
    gint64 ids[] = { fixture->document, fixture->second };

    for (guint i = 0; i < 2; i++)
      {
        PlDocument *document = pl_project_find_document (ana, ids[i]);
        g_autofree char *doc_text = pl_project_dup_document_text (ana, ids[i], NULL);
        g_autofree char *hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256, doc_text, -1);

        g_string_append_printf (changed, "{\"seq\":%u,\"document\":{\"guid\":\"%s\","
                                "\"sha256\":\"%s\",\"title\":\"%s\"}}\n", i + 1,
                                pl_document_get_guid (document), hash,
                                pl_document_get_title (document));
      }
  }
  g_string_append_printf (changed, "{\"seq\":3,\"annotation\":{\"guid\":\"%s\",\"document\":\"%s\","
                          "\"code\":\"%s\",\"start\":0,\"end\":5,\"created\":\"2026-01-01T00:00:00Z\"}}\n",
                          kept, pl_document_get_guid (pl_project_find_document (fixture->lead, fixture->document)),
                          pl_code_get_guid (pl_project_find_code (fixture->lead, fixture->x)));
  g_string_append_printf (changed, "{\"seq\":4,\"annotation\":{\"guid\":\"%s\",\"document\":\"%s\","
                          "\"code\":\"%s\",\"start\":0,\"end\":5,\"created\":\"2026-01-01T00:00:00Z\"}}\n",
                          lost, second_guid,
                          pl_code_get_guid (pl_project_find_code (fixture->lead, fixture->x)));
  /* Alter the second document's hash: the text "differs". */
  sha = strstr (strstr (changed->str, second_guid), "\"sha256\":\"") + strlen ("\"sha256\":\"");
  *sha = *sha == '0' ? '1' : '0';
  write_file (path, changed->str, -1);

  merge = plan (fixture->lead, path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (pl_merge_plan_get_file (merge, 0)->n_documents, ==, 1);
  g_assert_cmpuint (pl_merge_plan_get_file (merge, 0)->n_added, ==, 1);
  g_assert_cmpuint (pl_merge_plan_get_file (merge, 0)->skipped->len, ==, 1);
  g_assert_nonnull (strstr (g_ptr_array_index (pl_merge_plan_get_file (merge, 0)->skipped, 0),
                            "differs"));
  g_assert_true (pl_project_merge (fixture->lead, merge, &error));
  g_assert_true (has_annotation (fixture->lead, kept));
  g_assert_false (has_annotation (fixture->lead, lost));
}

/* The team folder */

typedef struct
{
  PlProject *project;
  gint64     coder;
} Member;

static PlTeamSyncReport *
sync_member (Member *member)
{
  g_autoptr(GError) error = NULL;
  PlTeamSyncReport *report = pl_project_team_sync (member->project, member->coder, &error);

  g_assert_no_error (error);
  g_assert_nonnull (report);
  return report;
}

static char *
file_of (Fixture *fixture,
         Member  *member)
{
  g_autofree char *name = g_strconcat (pl_project_find_coder (member->project, member->coder)->guid,
                                       PL_TEAM_CHANGES_EXTENSION, NULL);

  return g_build_filename (fixture->dir, "team", name, NULL);
}

static void
append_to (const char *path,
           const char *text)
{
  FILE *file = g_fopen (path, "ab");

  g_assert_nonnull (file);
  fputs (text, file);
  fclose (file);
}

static void
test_team_folder (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autofree char *folder = path_in (fixture, "team");
  g_autoptr(PlProject) ana_project = copy_for (fixture, "ana");
  g_autoptr(PlProject) ben_project = copy_for (fixture, "ben");
  Member ana = { ana_project, coder_id (ana_project, "Ana") };
  Member ben = { ben_project, coder_id (ben_project, "Ben") };
  g_autoptr(GError) error = NULL;
  g_autoptr(PlTeamSyncReport) report = NULL;
  g_autofree char *first = annotate (ana.project, fixture->document, "Ana", fixture->x, 0, 10);
  g_autofree char *second = annotate (ana.project, fixture->document, "Ana", fixture->y, 22, 30);
  g_autofree char *mine = annotate (ben.project, fixture->document, "Ben", fixture->x, 0, 12);
  g_autofree char *ana_file = NULL;
  g_autofree char *sql = NULL;
  g_autofree char *record = NULL;
  g_autofree char *later = NULL;
  g_autoptr(PlAnnotation) changed = NULL;
  g_autofree char *set = NULL;

  g_assert_cmpint (g_mkdir (folder, 0755), ==, 0);
  g_assert_null (pl_project_team_sync (ana.project, ana.coder, &error));
  g_assert_error (error, PL_STORE_ERROR, PL_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (pl_project_set_team_folder (ana.project, folder, &error));
  g_assert_true (pl_project_set_team_folder (ben.project, folder, &error));
  set = pl_project_dup_team_folder (ben.project);
  g_assert_cmpstr (set, ==, folder);

  report = sync_member (&ana);
  g_assert_cmpuint (report->n_written, ==, 5);   /* a document, two codes, two annotations */
  g_assert_cmpuint (report->n_files, ==, 0);
  g_clear_pointer (&report, pl_team_sync_report_free);

  report = sync_member (&ben);
  g_assert_cmpuint (report->n_files, ==, 1);
  g_assert_cmpuint (report->n_added, ==, 2);
  g_assert_cmpuint (report->messages->len, ==, 0);
  g_assert_true (has_annotation (ben.project, first));
  g_clear_pointer (&report, pl_team_sync_report_free);

  report = sync_member (&ana);
  g_assert_cmpuint (report->n_written, ==, 0);
  g_assert_cmpuint (report->n_added, ==, 1);
  g_assert_true (has_annotation (ana.project, mine));
  g_clear_pointer (&report, pl_team_sync_report_free);

  /* Nothing new: nothing merged twice. */
  report = sync_member (&ana);
  g_assert_cmpuint (report->n_written + report->n_added + report->n_changed, ==, 0);
  g_clear_pointer (&report, pl_team_sync_report_free);

  /* Ana changes one annotation and removes the other. */
  g_assert_true (pl_project_set_annotation_memo (ana.project, first, "second thoughts", &error));
  sql = g_strdup_printf ("UPDATE annotations SET modified = '2099-01-01T00:00:00Z' WHERE guid = '%s'",
                         first);
  run_sql (ana.project, sql);
  g_assert_true (pl_project_remove_annotation (ana.project, second, &error));
  report = sync_member (&ana);
  g_assert_cmpuint (report->n_written, ==, 2);
  g_clear_pointer (&report, pl_team_sync_report_free);
  report = sync_member (&ben);
  g_assert_cmpuint (report->n_changed, ==, 1);
  g_assert_cmpuint (report->n_removed, ==, 1);
  changed = pl_project_find_annotation (ben.project, first, &error);
  g_assert_cmpstr (changed->memo, ==, "second thoughts");
  g_assert_false (has_annotation (ben.project, second));
  g_clear_pointer (&report, pl_team_sync_report_free);

  /* Ana syncs twice before Ben does: Ben reads an annotation's records one after the
   * other and keeps the last; one added and removed in between never arrives. */
  {
    g_autofree char *third = annotate (ana.project, fixture->document, "Ana", fixture->x, 66, 70);
    g_autofree char *brief = annotate (ana.project, fixture->document, "Ana", fixture->y, 66, 70);

    report = sync_member (&ana);
    g_clear_pointer (&report, pl_team_sync_report_free);
    g_assert_true (pl_project_set_annotation_range (ana.project, third, 66, 80, &error));
    g_clear_pointer (&sql, g_free);
    sql = g_strdup_printf ("UPDATE annotations SET modified = '2099-01-02T00:00:00Z' WHERE guid = '%s'",
                           third);
    run_sql (ana.project, sql);
    g_assert_true (pl_project_remove_annotation (ana.project, brief, &error));
    report = sync_member (&ana);
    g_assert_cmpuint (report->n_written, ==, 2);
    g_clear_pointer (&report, pl_team_sync_report_free);

    report = sync_member (&ben);
    g_assert_cmpuint (report->n_added, ==, 1);
    g_assert_cmpuint (report->n_changed, ==, 0);
    g_clear_pointer (&changed, pl_annotation_unref);
    changed = pl_project_find_annotation (ben.project, third, &error);
    g_assert_cmpuint (changed->end, ==, 80);
    g_assert_false (has_annotation (ben.project, brief));
    g_clear_pointer (&report, pl_team_sync_report_free);
  }

  /* A half-synced file: the last line is not finished.  Read up to there, said, and read
   * again next time. */
  ana_file = file_of (fixture, &ana);
  record = g_strdup_printf ("{\"seq\":100,\"annotation\":{\"guid\":\"0c7b3c2e-1111-4c9b-9a61-5b7e8f1c2d34\","
                            "\"document\":\"%s\",\"code\":\"%s\",\"start\":40,\"end\":50,"
                            "\"created\":\"2026-01-01T00:00:00Z\"}}",
                            pl_document_get_guid (pl_project_find_document (fixture->lead, fixture->document)),
                            pl_code_get_guid (pl_project_find_code (fixture->lead, fixture->y)));
  append_to (ana_file, record);
  report = sync_member (&ben);
  g_assert_cmpuint (report->n_added, ==, 0);
  g_assert_cmpuint (report->messages->len, ==, 1);
  g_assert_nonnull (strstr (g_ptr_array_index (report->messages, 0), "syncing"));
  g_clear_pointer (&report, pl_team_sync_report_free);
  append_to (ana_file, "\n");
  report = sync_member (&ben);
  g_assert_cmpuint (report->n_added, ==, 1);
  g_assert_cmpuint (report->messages->len, ==, 0);
  g_clear_pointer (&report, pl_team_sync_report_free);

  /* A damaged line stops the reading there, and what follows waits for the repair. */
  later = g_strdup_printf ("{not json\n%s\n", record);
  memcpy (strstr (later, "\"seq\":100"), "\"seq\":101", strlen ("\"seq\":101"));
  memcpy (strstr (later, "1111"), "2222", 4);
  append_to (ana_file, later);
  report = sync_member (&ben);
  g_assert_cmpuint (report->n_added, ==, 0);
  g_assert_cmpuint (report->messages->len, ==, 1);
  g_assert_nonnull (strstr (g_ptr_array_index (report->messages, 0), "damaged"));
  g_clear_pointer (&report, pl_team_sync_report_free);
  report = sync_member (&ben);
  g_assert_cmpuint (report->messages->len, ==, 1);
  g_clear_pointer (&report, pl_team_sync_report_free);

  /* Repaired (by hand here; by the sync tool usually): read from the damaged point on. */
  {
    g_autofree char *contents = NULL;
    g_autofree char *repaired = NULL;
    g_auto(GStrv) parts = NULL;

    g_assert_true (g_file_get_contents (ana_file, &contents, NULL, NULL));
    parts = g_strsplit (contents, "{not json\n", 2);
    repaired = g_strconcat (parts[0], parts[1], NULL);
    write_file (ana_file, repaired, -1);
  }
  report = sync_member (&ben);
  g_assert_cmpuint (report->n_added, ==, 1);
  g_assert_cmpuint (report->messages->len, ==, 0);
  g_clear_pointer (&report, pl_team_sync_report_free);

  /* A write of Ana's that a crash cut short is hers to drop before her file grows again. */
  append_to (ana_file, "{\"seq\":999,\"annot");
  {
    g_autofree char *late = annotate (ana.project, fixture->second, "Ana", fixture->x, 0, 4);
    g_autofree char *contents = NULL;

    report = sync_member (&ana);
    g_clear_pointer (&report, pl_team_sync_report_free);
    g_assert_true (g_file_get_contents (ana_file, &contents, NULL, NULL));
    g_assert_null (strstr (contents, "\"seq\":999"));
    report = sync_member (&ben);
    g_assert_cmpuint (report->n_added, ==, 1);
    g_assert_cmpuint (report->messages->len, ==, 0);
    g_assert_true (has_annotation (ben.project, late));
    g_clear_pointer (&report, pl_team_sync_report_free);
  }

  g_assert_true (pl_project_set_team_folder (ana.project, NULL, &error));
  g_assert_null (pl_project_dup_team_folder (ana.project));
  pl_project_close (ana.project);
  pl_project_close (ben.project);
}

/* Blind mode */

static void
test_blind (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) visible = NULL;
  g_autoptr(GHashTable) by_code = NULL;
  g_autoptr(GHashTable) by_document = NULL;
  g_autofree char *a = annotate (fixture->lead, fixture->document, "Ana", fixture->x, 0, 5);
  g_autofree char *b = annotate (fixture->lead, fixture->document, "Ana", fixture->x, 22, 25);
  g_autofree char *c = annotate (fixture->lead, fixture->second, "Ben", fixture->y, 0, 5);
  gint64 ana = coder_id (fixture->lead, "Ana");
  gint64 x = fixture->x;

  g_assert_false (pl_project_get_blind (fixture->lead));
  g_assert_null (pl_project_dup_visible_coders (fixture->lead, ana));
  g_assert_true (pl_project_set_blind (fixture->lead, TRUE, &error));
  g_assert_true (pl_project_get_blind (fixture->lead));
  visible = pl_project_dup_visible_coders (fixture->lead, ana);
  g_assert_cmpuint (visible->len, ==, 1);
  g_assert_cmpint (g_array_index (visible, gint64, 0), ==, ana);

  by_code = pl_project_count_coder_annotations (fixture->lead, ana, PL_COUNT_BY_CODE, &error);
  g_assert_cmpuint (g_hash_table_size (by_code), ==, 1);
  g_assert_cmpuint (GPOINTER_TO_UINT (g_hash_table_lookup (by_code, &x)), ==, 2);
  by_document = pl_project_count_coder_annotations (fixture->lead, ana, PL_COUNT_BY_DOCUMENT, &error);
  g_assert_cmpuint (GPOINTER_TO_UINT (g_hash_table_lookup (by_document, &fixture->document)), ==, 2);
  g_assert_false (g_hash_table_contains (by_document, &fixture->second));

  /* Recorded in the project. */
  {
    g_autofree char *path = path_in (fixture, "lead.plenary");

    pl_project_close (fixture->lead);
    g_object_unref (fixture->lead);
    fixture->lead = pl_project_open (path, PL_PROJECT_OPEN_DEFAULT, &error);
    g_assert_no_error (error);
    g_assert_true (pl_project_get_blind (fixture->lead));
    g_assert_true (pl_project_set_blind (fixture->lead, FALSE, &error));
    g_assert_false (pl_project_get_blind (fixture->lead));
  }
}

/* Comparing two coders and settling into the gold layer */

static void
on_changed (PlComparison *comparison,
            guint        *n_changed)
{
  (*n_changed)++;
}

static guint
gold_count (Fixture *fixture)
{
  PlCoder *gold = pl_project_find_gold_coder (fixture->lead);
  g_autoptr(GPtrArray) annotations = pl_project_list_annotations (fixture->lead, 0, NULL);
  guint n = 0;

  for (guint i = 0; gold != NULL && i < annotations->len; i++)
    n += ((PlAnnotation *) g_ptr_array_index (annotations, i))->coder_id == gold->id;
  return n;
}

static GPtrArray *
export_csv_rows (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = path_in (fixture, "gold.csv");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
  GPtrArray *rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);

  g_assert_true (pl_export (fixture->lead, PL_EXPORT_FORMAT_CSV, file, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  lines = g_strsplit (contents, "\r\n", -1);
  /* No field here holds a comma, a quote or a line break. */
  for (guint i = 0; lines[i] != NULL && lines[i][0] != '\0'; i++)
    g_ptr_array_add (rows, g_strsplit (lines[i], ",", -1));
  return rows;
}

static void
test_gold (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PlComparison) comparison = NULL;
  g_autofree char *a0 = annotate (fixture->lead, fixture->document, "Ana", fixture->x, 0, 20);
  g_autofree char *b0 = annotate (fixture->lead, fixture->document, "Ben", fixture->x, 5, 30);
  g_autofree char *a1 = annotate (fixture->lead, fixture->document, "Ana", fixture->y, 25, 30);
  g_autofree char *b2 = annotate (fixture->lead, fixture->document, "Ben", fixture->x, 50, 55);
  g_autofree char *agree_a = annotate (fixture->lead, fixture->document, "Ana", fixture->y, 70, 80);
  g_autofree char *agree_b = annotate (fixture->lead, fixture->document, "Ben", fixture->y, 70, 80);
  g_autofree char *progress = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  gint64 ana = coder_id (fixture->lead, "Ana");
  gint64 ben = coder_id (fixture->lead, "Ben");
  const PlDisagreement *d;
  guint n_changed = 0;
  PlCoder *gold;

  comparison = pl_comparison_new (fixture->lead, fixture->document, ana, ben, &error);
  g_assert_no_error (error);
  g_signal_connect (comparison, "changed", G_CALLBACK (on_changed), &n_changed);

  /* Unit 0: X by both, but B's reaches into unit 1 and starts later; unit 1: Y only A, X
   * only B (B's span from unit 0); unit 2: X only B; unit 3: Y alike. */
  g_assert_cmpuint (pl_comparison_get_n_disagreements (comparison), ==, 4);
  d = pl_comparison_get_disagreement (comparison, 0);
  g_assert_cmpint (d->kind, ==, PL_DISAGREEMENT_SPANS);
  g_assert_cmpint (d->key.code_id, ==, fixture->x);
  g_assert_cmpuint (d->key.start, ==, 0);
  g_assert_cmpuint (d->key.end, ==, 20);
  g_assert_cmpuint (d->statement_index, ==, 1);
  g_assert_cmpuint (d->a->len, ==, 1);
  g_assert_cmpuint (d->b->len, ==, 1);
  d = pl_comparison_get_disagreement (comparison, 1);
  g_assert_cmpint (d->kind, ==, PL_DISAGREEMENT_ONLY_B);
  g_assert_cmpint (d->key.code_id, ==, fixture->x);
  d = pl_comparison_get_disagreement (comparison, 2);
  g_assert_cmpint (d->kind, ==, PL_DISAGREEMENT_ONLY_A);
  g_assert_cmpint (d->key.code_id, ==, fixture->y);
  d = pl_comparison_get_disagreement (comparison, 3);
  g_assert_cmpint (d->kind, ==, PL_DISAGREEMENT_ONLY_B);
  g_assert_cmpuint (d->key.start, ==, 44);
  progress = pl_comparison_dup_progress (comparison);
  g_assert_cmpstr (progress, ==, "0 of 4 disagreements settled");
  g_clear_pointer (&progress, g_free);

  /* Next and previous. */
  g_assert_cmpint (pl_comparison_find_next (comparison, -1, TRUE), ==, 0);
  g_assert_cmpint (pl_comparison_find_next (comparison, 3, FALSE), ==, -1);
  g_assert_cmpint (pl_comparison_find_previous (comparison, -1, FALSE), ==, 3);
  g_assert_cmpint (pl_comparison_find_at (comparison, 21), ==, 1);

  /* Keep B in unit 0: a copy of B's span, clipped to the unit, from B. */
  g_assert_true (pl_comparison_settle (comparison, 0, PL_SETTLEMENT_KEEP_B, &error));
  g_assert_no_error (error);
  gold = pl_project_find_gold_coder (fixture->lead);
  g_assert_nonnull (gold);
  g_assert_cmpuint (gold_count (fixture), ==, 1);
  g_assert_cmpuint (pl_comparison_get_n_settled (comparison), ==, 1);
  g_assert_cmpint (pl_comparison_get_disagreement (comparison, 0)->settlement, ==, PL_SETTLEMENT_KEEP_B);
  g_assert_cmpuint (n_changed, >, 0);
  progress = pl_comparison_dup_progress (comparison);
  g_assert_cmpstr (progress, ==, "1 of 4 disagreements settled");
  g_clear_pointer (&progress, g_free);
  g_assert_cmpint (pl_comparison_find_next (comparison, -1, TRUE), ==, 1);

  /* Undo and redo. */
  g_assert_true (pl_project_undo (fixture->lead, &error));
  g_assert_cmpuint (gold_count (fixture), ==, 0);
  g_assert_cmpuint (pl_comparison_get_n_settled (comparison), ==, 0);
  g_assert_true (pl_project_redo (fixture->lead, &error));
  g_assert_cmpuint (gold_count (fixture), ==, 1);
  g_assert_cmpuint (pl_comparison_get_n_settled (comparison), ==, 1);

  /* Settling again replaces the copies: A instead of B. */
  g_assert_true (pl_comparison_settle (comparison, 0, PL_SETTLEMENT_KEEP_A, &error));
  g_assert_cmpuint (gold_count (fixture), ==, 1);
  {
    g_autoptr(GPtrArray) annotations = pl_project_list_annotations (fixture->lead, fixture->document, NULL);

    for (guint i = 0; i < annotations->len; i++)
      {
        PlAnnotation *annotation = g_ptr_array_index (annotations, i);

        if (annotation->coder_id == gold->id)
          {
            g_assert_cmpuint (annotation->start, ==, 0);
            g_assert_cmpuint (annotation->end, ==, 20);
          }
      }
  }
  g_assert_true (pl_comparison_settle (comparison, 1, PL_SETTLEMENT_NEITHER, &error));
  g_assert_true (pl_comparison_settle (comparison, 2, PL_SETTLEMENT_BOTH, &error));
  g_assert_cmpuint (gold_count (fixture), ==, 2);
  g_assert_cmpuint (pl_comparison_get_n_settled (comparison), ==, 3);
  g_assert_cmpint (pl_comparison_find_next (comparison, -1, TRUE), ==, 3);
  g_assert_true (pl_comparison_settle (comparison, 2, PL_SETTLEMENT_NONE, &error));
  g_assert_cmpuint (pl_comparison_get_n_settled (comparison), ==, 2);
  g_assert_cmpuint (gold_count (fixture), ==, 1);
  g_assert_true (pl_project_undo (fixture->lead, &error));
  g_assert_cmpuint (gold_count (fixture), ==, 2);

  /* The gold layer can be neither side. */
  {
    PlDisagreementKey key = { fixture->document, gold->id, ben, fixture->x, 0, 20 };

    g_assert_false (pl_project_settle (fixture->lead, &key, PL_SETTLEMENT_KEEP_A, &error));
    g_assert_error (error, PL_STORE_ERROR, PL_STORE_ERROR_INVALID);
    g_clear_error (&error);
  }

  /* The long CSV ends with the gold flag and the coder each gold annotation came from. */
  rows = export_csv_rows (fixture);
  {
    char **header = g_ptr_array_index (rows, 0);
    guint n = g_strv_length (header);
    guint n_gold = 0;

    g_assert_cmpstr (header[n - 2], ==, "gold");
    g_assert_cmpstr (header[n - 1], ==, "gold_source");
    g_assert_cmpstr (header[12], ==, "coder");
    for (guint i = 1; i < rows->len; i++)
      {
        char **row = g_ptr_array_index (rows, i);

        g_assert_cmpuint (g_strv_length (row), ==, n);
        if (g_strcmp0 (row[12], "Gold") == 0)
          {
            n_gold++;
            g_assert_cmpstr (row[n - 2], ==, "1");
            g_assert_cmpstr (row[n - 1], ==, "Ana");
          }
        else
          {
            g_assert_cmpstr (row[n - 2], ==, "0");
            g_assert_cmpstr (row[n - 1], ==, "");
          }
      }
    g_assert_cmpuint (n_gold, ==, 2);
  }

  /* The JSON dataset says the same. */
  {
    g_autofree char *path = path_in (fixture, "gold.json");
    g_autoptr(GFile) file = g_file_new_for_path (path);
    g_autoptr(JsonParser) parser = json_parser_new ();
    JsonArray *annotations;
    guint n_gold = 0;

    g_assert_true (pl_export (fixture->lead, PL_EXPORT_FORMAT_JSON, file, NULL, &error));
    g_assert_true (json_parser_load_from_file (parser, path, &error));
    annotations = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)),
                                                "annotations");
    for (guint i = 0; i < json_array_get_length (annotations); i++)
      {
        JsonObject *annotation = json_array_get_object_element (annotations, i);
        gboolean is_gold = json_object_get_boolean_member (annotation, "gold");

        n_gold += is_gold;
        g_assert_cmpstr (json_object_get_string_member_with_default (annotation, "gold_source", NULL),
                         ==, is_gold ? "Ana" : NULL);
      }
    g_assert_cmpuint (n_gold, ==, 2);
  }

  /* Agreement leaves the gold layer out unless it is chosen. */
  {
    g_autoptr(PlProjectReader) reader = pl_project_reader_new_for_project (fixture->lead, &error);
    g_autoptr(PlAgreementReport) report = NULL;
    PlAgreementSpec spec = { PL_AGREEMENT_BY_STATEMENT };

    report = pl_agreement_report_compute (reader, &spec, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (report->coder_names->len, ==, 2);
  }
  g_signal_handlers_disconnect_by_func (comparison, on_changed, &n_changed);
}

/* Exports of a project without a gold layer are as they were: no gold columns. */
static void
test_no_gold_columns (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *a = annotate (fixture->lead, fixture->document, "Ana", fixture->x, 0, 5);
  g_autoptr(GPtrArray) rows = export_csv_rows (fixture);
  char **header = g_ptr_array_index (rows, 0);

  g_assert_false (g_strv_contains ((const char * const *) header, "gold"));
  g_assert_cmpstr (header[g_strv_length (header) - 1], ==, "code_level_1");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/team/merge/export-and-merge", test_export_and_merge);
  ADD ("/team/merge/changed", test_merge_changed);
  ADD ("/team/merge/two-versions", test_merge_two_versions);
  ADD ("/team/merge/refusals", test_merge_refusals);
  ADD ("/team/merge/text-differs", test_merge_text_differs);
  ADD ("/team/folder", test_team_folder);
  ADD ("/team/blind", test_blind);
  ADD ("/team/gold", test_gold);
  ADD ("/team/gold/no-columns", test_no_gold_columns);
#undef ADD

  return g_test_run ();
}
