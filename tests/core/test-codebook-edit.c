/* test-codebook-edit.c — editing the codebook: every operation, its undo and redo, the log
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "plenary-test"

#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "pl-codebook.h"
#include "pl-codebook-edit.h"
#include "pl-error.h"
#include "pl-project.h"

static const char document_text[] =
  "Brazil\nWe support the norms on critical infrastructure 😀 and ransomware.\n\n"
  "Kenya\nWe call for cooperation against ransomware and for capacity-building.\n\n"
  "China\nWe support capacity-building for critical infrastructure protection.\n";

typedef struct
{
  char       *dir;
  char       *path;
  PlProject  *project;
  PlCodebook *codebook;
  sqlite3    *db;          /* a second connection, for reading what is on disk */
  gint64      document_id;
  PlCoder    *ana;
  PlCoder    *bo;
  gint64      norms;       /* N, folder-like parent with children */
  gint64      alpha;       /* N.A */
  gint64      beta;        /* N.B */
  gint64      threats;     /* T */
  gint64      ransomware;  /* T.R */
  guint       added;
  guint       removed;
  guint       codes_changed;
} Fixture;

static void
on_added (PlProject *project, PlAnnotation *annotation, Fixture *f) { f->added++; }
static void
on_removed (PlProject *project, PlAnnotation *annotation, Fixture *f) { f->removed++; }
static void
on_codes_changed (PlProject *project, Fixture *f) { f->codes_changed++; }

static void
connect_signals (Fixture *f)
{
  g_signal_connect (f->project, "annotation-added", G_CALLBACK (on_added), f);
  g_signal_connect (f->project, "annotation-removed", G_CALLBACK (on_removed), f);
  g_signal_connect (f->project, "codes-changed", G_CALLBACK (on_codes_changed), f);
}

static gint64
add_code (Fixture    *f,
          gint64      parent,
          const char *short_id,
          const char *name)
{
  g_autoptr(GError) error = NULL;
  PlCodeSpec spec = { .parent_id = parent, .short_id = short_id, .name = name, .codable = TRUE };
  PlCode *code = pl_codebook_add_code (f->codebook, &spec, -1, &error);

  g_assert_no_error (error);
  g_assert_nonnull (code);
  return pl_code_get_id (code);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  PlDocument *document;

  f->dir = g_dir_make_tmp ("plenary-codebook-edit-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "p.plenary", NULL);
  f->project = pl_project_open (f->path, PL_PROJECT_OPEN_CREATE, &error);
  g_assert_no_error (error);
  f->codebook = pl_codebook_new (f->project);

  document = pl_project_add_document (f->project, "Session", document_text, NULL, &error);
  g_assert_no_error (error);
  f->document_id = pl_document_get_id (document);
  f->ana = pl_project_ensure_coder (f->project, "Ana", &error);
  g_assert_no_error (error);
  f->bo = pl_project_ensure_coder (f->project, "Bo", &error);
  g_assert_no_error (error);
  pl_codebook_set_coder (f->codebook, f->ana);

  f->norms = add_code (f, 0, "N", "Norms");
  f->alpha = add_code (f, f->norms, "N.A", "Alpha");
  f->beta = add_code (f, f->norms, "N.B", "Beta");
  f->threats = add_code (f, 0, "T", "Threats");
  f->ransomware = add_code (f, f->threats, "T.R", "Ransomware");

  g_assert_cmpint (sqlite3_open_v2 (f->path, &f->db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  connect_signals (f);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *wal = g_strconcat (f->path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (f->path, "-shm", NULL);

  sqlite3_close (f->db);
  g_clear_object (&f->codebook);
  g_clear_object (&f->project);
  g_unlink (f->path);
  g_unlink (wal);
  g_unlink (shm);
  g_rmdir (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

static PlAnnotation *
apply (Fixture  *f,
       gint64    code_id,
       PlCoder  *coder,
       guint     start,
       guint     end)
{
  g_autoptr(GError) error = NULL;
  PlAnnotation *annotation = pl_project_add_annotation (f->project,
                                                        &(PlAnnotationSpec) { f->document_id, code_id,
                                                                              coder->id, start, end, NULL },
                                                        &error);

  g_assert_no_error (error);
  g_assert_nonnull (annotation);
  return annotation;
}

/* Everything an edit may touch, as the database holds it (row ids aside). */
static char *
snapshot (Fixture *f)
{
  static const char *queries[] = {
    "SELECT c.guid, p.guid, c.position, c.short_id, c.name, c.color, c.color_dark, c.shortcut,"
    " c.codable, c.definition, c.inclusion, c.exclusion, c.example, c.created, c.modified"
    " FROM codes c LEFT JOIN codes p ON p.id = c.parent_id ORDER BY c.guid",
    "SELECT a.guid, c.guid, a.document_id, a.coder_id, a.start_offset, a.end_offset, a.memo,"
    " a.stance, a.created, a.modified, a.codebook_version"
    " FROM annotations a JOIN codes c ON c.id = a.code_id ORDER BY a.guid",
  };
  GString *out = g_string_new (NULL);

  for (guint q = 0; q < G_N_ELEMENTS (queries); q++)
    {
      sqlite3_stmt *stmt = NULL;

      g_assert_cmpint (sqlite3_prepare_v2 (f->db, queries[q], -1, &stmt, NULL), ==, SQLITE_OK);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          for (int i = 0; i < sqlite3_column_count (stmt); i++)
            {
              const char *text = (const char *) sqlite3_column_text (stmt, i);

              g_string_append_printf (out, "%s|", text != NULL ? text : "∅");
            }
          g_string_append_c (out, '\n');
        }
      sqlite3_finalize (stmt);
      g_string_append (out, "--\n");
    }
  return g_string_free (out, FALSE);
}

/* The codebook as the in-memory list shows it. */
static char *
outline (Fixture *f)
{
  GListModel *codes = pl_project_get_codes (f->project);
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (codes); i++)
    {
      g_autoptr(PlCode) code = g_list_model_get_item (codes, i);

      for (guint d = 0; d < pl_code_get_depth (code); d++)
        g_string_append (out, "  ");
      g_string_append_printf (out, "%s%s(%u)\n", pl_code_get_name (code),
                              pl_code_get_codable (code) ? "" : "/", pl_code_get_n_annotations (code));
    }
  return g_string_free (out, FALSE);
}

/* Undo brings back @before exactly; redo brings back what the action made. */
static void
check_undo_redo (Fixture    *f,
                 const char *before,
                 const char *before_outline)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *after = snapshot (f);
  g_autofree char *after_outline = outline (f);
  g_autofree char *undone = NULL;
  g_autofree char *undone_outline = NULL;
  g_autofree char *redone = NULL;
  g_autofree char *redone_outline = NULL;

  g_assert_cmpstr (after, !=, before);
  g_assert_true (pl_project_undo (f->project, &error));
  g_assert_no_error (error);
  undone = snapshot (f);
  undone_outline = outline (f);
  g_assert_cmpstr (undone, ==, before);
  g_assert_cmpstr (undone_outline, ==, before_outline);

  g_assert_true (pl_project_redo (f->project, &error));
  g_assert_no_error (error);
  redone = snapshot (f);
  redone_outline = outline (f);
  g_assert_cmpstr (redone, ==, after);
  g_assert_cmpstr (redone_outline, ==, after_outline);
}

static gint64
count_rows (Fixture    *f,
            const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 value = -1;

  g_assert_cmpint (sqlite3_prepare_v2 (f->db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

static PlCodebookLogEntry *
last_log (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) log = pl_codebook_list_log (f->codebook, &error);
  PlCodebookLogEntry *entry;

  g_assert_no_error (error);
  g_assert_cmpuint (log->len, >, 0);
  entry = g_ptr_array_steal_index (log, log->len - 1);
  return entry;
}

static void
test_add (Fixture       *f,
          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PlCodebookLogEntry) entry = NULL;
  g_autofree char *before = snapshot (f);
  g_autofree char *before_outline = outline (f);
  g_autofree char *tree = NULL;
  PlCodeSpec first = { .parent_id = f->norms, .name = "  First  ", .codable = TRUE };
  PlCodeSpec top = { .name = "Process", .color = "#abc", .codable = TRUE };
  PlCodeSpec clash = { .parent_id = f->norms, .name = "alpha", .codable = TRUE };
  PlCode *code, *norms;
  guint version = pl_codebook_get_version (f->codebook);

  code = pl_codebook_add_code (f->codebook, &first, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (pl_code_get_name (code), ==, "First");
  g_assert_cmpint (pl_code_get_parent_id (code), ==, f->norms);
  norms = pl_project_find_code (f->project, f->norms);
  /* A child takes its parent's colour; the dark variant is derived and differs. */
  g_assert_cmpstr (pl_code_get_color (code), ==, pl_code_get_color (norms));
  g_assert_cmpstr (pl_code_get_color_dark (code), ==, pl_code_get_color_dark (norms));
  tree = outline (f);
  g_assert_cmpstr (tree, ==, "Norms(0)\n  First(0)\n  Alpha(0)\n  Beta(0)\nThreats(0)\n  Ransomware(0)\n");
  check_undo_redo (f, before, before_outline);

  entry = last_log (f);
  g_assert_cmpstr (entry->action, ==, "add");
  g_assert_cmpstr (entry->summary, ==, "Added “First” to “Norms”");
  g_assert_cmpstr (entry->coder, ==, "Ana");
  g_assert_cmpuint (pl_codebook_get_version (f->codebook), ==, version);

  code = pl_codebook_add_code (f->codebook, &top, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (pl_code_get_color (code), ==, "#AABBCC");
  g_clear_pointer (&tree, g_free);
  tree = outline (f);
  g_assert_cmpstr (tree, ==, "Norms(0)\n  First(0)\n  Alpha(0)\n  Beta(0)\nProcess(0)\nThreats(0)\n  Ransomware(0)\n");

  g_assert_null (pl_codebook_add_code (f->codebook, &clash, -1, &error));
  g_assert_error (error, PL_STORE_ERROR, PL_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "Alpha"));
  g_assert_nonnull (strstr (error->message, "Norms"));
}

static void
test_rename (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PlCodebookLogEntry) entry = NULL;
  g_autofree char *before = snapshot (f);
  g_autofree char *before_outline = outline (f);
  PlCode *alpha = pl_project_find_code (f->project, f->alpha);
  g_autofree char *undo_label = NULL;

  g_object_ref (alpha);
  g_assert_true (pl_codebook_rename (f->codebook, f->alpha, "Cooperation", &error));
  g_assert_no_error (error);
  /* The same object, updated in place. */
  g_assert_true (pl_project_find_code (f->project, f->alpha) == alpha);
  g_assert_cmpstr (pl_code_get_name (alpha), ==, "Cooperation");
  g_assert_cmpstr (pl_code_get_path (alpha), ==, "Norms / Cooperation");
  undo_label = pl_project_dup_undo_label (f->project);
  g_assert_cmpstr (undo_label, ==, "Renamed “Alpha” to “Cooperation”");
  entry = last_log (f);
  g_assert_cmpstr (entry->action, ==, "rename");
  check_undo_redo (f, before, before_outline);
  g_assert_cmpstr (pl_code_get_name (alpha), ==, "Cooperation");
  g_object_unref (alpha);

  g_assert_false (pl_codebook_rename (f->codebook, f->alpha, "   ", &error));
  g_assert_error (error, PL_STORE_ERROR, PL_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (pl_codebook_rename (f->codebook, f->alpha, "BETA", &error));
  g_assert_error (error, PL_STORE_ERROR, PL_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "Beta"));
  g_clear_error (&error);
  g_assert_false (pl_codebook_rename (f->codebook, 9999, "Ghost", &error));
  g_assert_error (error, PL_STORE_ERROR, PL_STORE_ERROR_NOT_FOUND);
}

static void
test_colors (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = snapshot (f);
  g_autofree char *before_outline = outline (f);
  g_autofree char *dark = NULL;
  PlCode *beta = pl_project_find_code (f->project, f->beta);

  g_assert_true (pl_codebook_set_colors (f->codebook, f->beta, "#003f62", NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (pl_code_get_color (beta), ==, "#003F62");
  dark = pl_codebook_derive_dark_color ("#003F62");
  g_assert_cmpstr (pl_code_get_color_dark (beta), ==, dark);
  g_assert_cmpstr (dark, !=, "#003F62");
  check_undo_redo (f, before, before_outline);

  g_assert_true (pl_codebook_set_colors (f->codebook, f->beta, "rgb(0, 114, 178)", "#56B4E9", &error));
  g_assert_no_error (error);
  g_assert_cmpstr (pl_code_get_color (beta), ==, "#0072B2");
  g_assert_cmpstr (pl_code_get_color_dark (beta), ==, "#56B4E9");

  g_assert_false (pl_codebook_set_colors (f->codebook, f->beta, "blue-ish", NULL, &error));
  g_assert_error (error, PL_STORE_ERROR, PL_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "blue-ish"));
}

static void
test_colour_helpers (void)
{
  static const char *samples[] = { "#000000", "#003F62", "#7C3700", "#FFFFFF", "#F0E442", "#999999", "#0072B2" };
  gboolean dropped;
  char *color;

  color = pl_codebook_normalize_color ("#abc", &dropped);
  g_assert_cmpstr (color, ==, "#AABBCC");
  g_assert_false (dropped);
  g_free (color);
  color = pl_codebook_normalize_color ("#FF000080", &dropped);
  g_assert_cmpstr (color, ==, "#FF0000");
  g_assert_true (dropped);
  g_free (color);
  color = pl_codebook_normalize_color ("#FF0000FF", &dropped);
  g_assert_cmpstr (color, ==, "#FF0000");
  g_assert_false (dropped);
  g_free (color);
  color = pl_codebook_normalize_color (" rgba(255, 0, 0, 0.5) ", &dropped);
  g_assert_cmpstr (color, ==, "#FF0000");
  g_assert_true (dropped);
  g_free (color);
  color = pl_codebook_normalize_color ("rgb(100%, 50%, 0%)", &dropped);
  g_assert_cmpstr (color, ==, "#FF8000");
  g_free (color);
  g_assert_null (pl_codebook_normalize_color ("#12345", NULL));
  g_assert_null (pl_codebook_normalize_color ("red", NULL));
  g_assert_null (pl_codebook_normalize_color ("rgb(1,2)", NULL));

  /* Dark variants keep their promise whatever the input. */
  for (guint i = 0; i < G_N_ELEMENTS (samples); i++)
    {
      g_autofree char *dark = pl_codebook_derive_dark_color (samples[i]);
      g_autofree char *again = pl_codebook_derive_dark_color (dark);

      g_assert_nonnull (dark);
      g_assert_cmpuint (strlen (dark), ==, 7);
      /* A legible colour is returned unchanged. */
      g_assert_cmpstr (again, ==, dark);
    }
}

static void
test_text_fields (Fixture       *f,
                  gconstpointer  data)
{
  static const PlCodebookField fields[] = {
    PL_CODEBOOK_FIELD_DEFINITION, PL_CODEBOOK_FIELD_INCLUSION,
    PL_CODEBOOK_FIELD_EXCLUSION, PL_CODEBOOK_FIELD_EXAMPLE,
  };
  PlCode *alpha = pl_project_find_code (f->project, f->alpha);

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *before = snapshot (f);
      g_autofree char *before_outline = outline (f);
      g_autofree char *value = g_strdup_printf ("Text %u with “quotes”\nand a second line", i);
      const char *now;

      g_assert_true (pl_codebook_set_text (f->codebook, f->alpha, fields[i], value, &error));
      g_assert_no_error (error);
      switch (fields[i])
        {
        case PL_CODEBOOK_FIELD_DEFINITION: now = pl_code_get_definition (alpha); break;
        case PL_CODEBOOK_FIELD_INCLUSION: now = pl_code_get_inclusion (alpha); break;
        case PL_CODEBOOK_FIELD_EXCLUSION: now = pl_code_get_exclusion (alpha); break;
        default: now = pl_code_get_example (alpha); break;
        }
      g_assert_cmpstr (now, ==, value);
      check_undo_redo (f, before, before_outline);

      /* Blank clears. */
      g_assert_true (pl_codebook_set_text (f->codebook, f->alpha, fields[i], "  \n ", &error));
      g_assert_no_error (error);
      switch (fields[i])
        {
        case PL_CODEBOOK_FIELD_DEFINITION: now = pl_code_get_definition (alpha); break;
        case PL_CODEBOOK_FIELD_INCLUSION: now = pl_code_get_inclusion (alpha); break;
        case PL_CODEBOOK_FIELD_EXCLUSION: now = pl_code_get_exclusion (alpha); break;
        default: now = pl_code_get_example (alpha); break;
        }
      g_assert_null (now);
    }
}

static void
test_short_id (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = snapshot (f);
  g_autofree char *before_outline = outline (f);
  guint64 history = count_rows (f, "SELECT count(*) FROM history");

  g_assert_true (pl_codebook_set_short_id (f->codebook, f->alpha, "N.COOP", &error));
  g_assert_no_error (error);
  g_assert_cmpstr (pl_code_get_short_id (pl_project_find_code (f->project, f->alpha)), ==, "N.COOP");
  check_undo_redo (f, before, before_outline);

  /* A clash, ignoring case, is refused with the name of the code that has the id. */
  g_assert_false (pl_codebook_set_short_id (f->codebook, f->beta, "n.coop", &error));
  g_assert_error (error, PL_STORE_ERROR, PL_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "Alpha"));
  g_clear_error (&error);
  g_assert_false (pl_codebook_set_short_id (f->codebook, f->beta, "N B", &error));
  g_assert_error (error, PL_STORE_ERROR, PL_STORE_ERROR_INVALID);
  g_clear_error (&error);
  /* Refusals change nothing and record nothing. */
  g_assert_cmpint (count_rows (f, "SELECT count(*) FROM history"), ==, history + 1);

  g_assert_true (pl_codebook_set_short_id (f->codebook, f->beta, NULL, &error));
  g_assert_no_error (error);
  g_assert_null (pl_code_get_short_id (pl_project_find_code (f->project, f->beta)));
}

static void
test_shortcut (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PlCodebookLogEntry) entry = NULL;
  g_autofree char *before = snapshot (f);
  g_autofree char *before_outline = outline (f);

  g_assert_true (pl_codebook_set_shortcut (f->codebook, f->alpha, "1", &error));
  g_assert_no_error (error);
  g_assert_true (pl_project_find_code_by_shortcut (f->project, "1") == pl_project_find_code (f->project, f->alpha));
  entry = last_log (f);
  g_assert_cmpstr (entry->summary, ==, "Gave “Alpha” the shortcut 1");
  check_undo_redo (f, before, before_outline);

  g_assert_false (pl_codebook_set_shortcut (f->codebook, f->beta, "1", &error));
  g_assert_error (error, PL_STORE_ERROR, PL_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "Alpha"));
  g_assert_nonnull (strstr (error->message, "1"));
  g_clear_error (&error);
  g_assert_false (pl_codebook_set_shortcut (f->codebook, f->beta, "12", &error));
  g_assert_error (error, PL_STORE_ERROR, PL_STORE_ERROR_INVALID);
  g_clear_error (&error);
  /* Blank clears (Beta has none: nothing to do). */
  g_assert_true (pl_codebook_set_shortcut (f->codebook, f->beta, " ", &error));
  g_assert_no_error (error);

  g_assert_true (pl_codebook_set_shortcut (f->codebook, f->beta, "r", &error));
  g_assert_no_error (error);
  g_assert_true (pl_codebook_set_shortcut (f->codebook, f->alpha, "", &error));
  g_assert_no_error (error);
  g_assert_null (pl_code_get_shortcut (pl_project_find_code (f->project, f->alpha)));
  g_assert_true (pl_codebook_set_shortcut (f->codebook, f->beta, "1", &error));
  g_assert_no_error (error);
}

static void
test_folder (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PlAnnotation) first = apply (f, f->alpha, f->ana, 7, 17);
  g_autoptr(PlAnnotation) second = apply (f, f->alpha, f->bo, 7, 17);
  g_autoptr(PlAnnotation) later = NULL;
  g_autoptr(PlCodebookLogEntry) entry = NULL;
  g_autofree char *before = NULL;
  g_autofree char *before_outline = NULL;
  guint version = pl_codebook_get_version (f->codebook);

  g_assert_cmpuint (first->codebook_version, ==, version);

  /* Refused while it has annotations, saying how many would be orphaned. */
  g_assert_false (pl_codebook_set_codable (f->codebook, f->alpha, FALSE, &error));
  g_assert_error (error, PL_STORE_ERROR, PL_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "2 annotations"));
  g_clear_error (&error);
  g_assert_true (pl_code_get_codable (pl_project_find_code (f->project, f->alpha)));

  before = snapshot (f);
  before_outline = outline (f);
  g_assert_true (pl_codebook_set_codable (f->codebook, f->norms, FALSE, &error));
  g_assert_no_error (error);
  g_assert_false (pl_code_get_codable (pl_project_find_code (f->project, f->norms)));
  g_assert_cmpuint (pl_codebook_get_version (f->codebook), ==, version + 1);
  entry = last_log (f);
  g_assert_cmpstr (entry->action, ==, "folder");
  g_assert_cmpuint (entry->version, ==, version + 1);

  /* Annotations made now record the new version; a folder cannot be applied. */
  later = apply (f, f->beta, f->ana, 0, 6);
  g_assert_cmpuint (later->codebook_version, ==, version + 1);
  g_assert_null (pl_project_add_annotation (f->project,
                                            &(PlAnnotationSpec) { f->document_id, f->norms, f->ana->id, 0, 6,
                                                                  NULL },
                                            &error));
  g_assert_error (error, PL_STORE_ERROR, PL_STORE_ERROR_INVALID);
  g_clear_error (&error);

  /* Undo of the annotation, then of the folder. */
  g_assert_true (pl_project_undo (f->project, &error));
  g_assert_no_error (error);
  check_undo_redo (f, before, before_outline);
  /* Undo and redo raised the version again: it only grows. */
  g_assert_cmpuint (pl_codebook_get_version (f->codebook), ==, version + 3);
}

static void
test_move (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = snapshot (f);
  g_autofree char *before_outline = outline (f);
  g_autofree char *tree = NULL;
  guint version = pl_codebook_get_version (f->codebook);

  /* Reorder: no new version. */
  g_assert_true (pl_codebook_move (f->codebook, f->beta, f->norms, 0, &error));
  g_assert_no_error (error);
  tree = outline (f);
  g_assert_cmpstr (tree, ==, "Norms(0)\n  Beta(0)\n  Alpha(0)\nThreats(0)\n  Ransomware(0)\n");
  g_assert_cmpuint (pl_codebook_get_version (f->codebook), ==, version);
  check_undo_redo (f, before, before_outline);
  g_assert_true (pl_project_undo (f->project, &error));

  /* Re-parent: a new version. */
  g_assert_true (pl_codebook_move (f->codebook, f->ransomware, f->norms, 1, &error));
  g_assert_no_error (error);
  g_clear_pointer (&tree, g_free);
  tree = outline (f);
  g_assert_cmpstr (tree, ==, "Norms(0)\n  Alpha(0)\n  Ransomware(0)\n  Beta(0)\nThreats(0)\n");
  g_assert_cmpuint (pl_codebook_get_version (f->codebook), ==, version + 1);
  g_assert_cmpstr (pl_code_get_path (pl_project_find_code (f->project, f->ransomware)), ==, "Norms / Ransomware");
  check_undo_redo (f, before, before_outline);
  g_assert_true (pl_project_undo (f->project, &error));

  /* Into itself or its own sub-code: refused. */
  g_assert_false (pl_codebook_move (f->codebook, f->norms, f->alpha, -1, &error));
  g_assert_error (error, PL_STORE_ERROR, PL_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "Alpha"));
  g_clear_error (&error);
  g_assert_false (pl_codebook_move (f->codebook, f->norms, f->norms, -1, &error));
  g_assert_error (error, PL_STORE_ERROR, PL_STORE_ERROR_INVALID);
  g_clear_error (&error);

  /* The whole family moves with its parent. */
  g_assert_true (pl_codebook_move (f->codebook, f->threats, 0, 0, &error));
  g_assert_no_error (error);
  g_clear_pointer (&tree, g_free);
  tree = outline (f);
  g_assert_cmpstr (tree, ==, "Threats(0)\n  Ransomware(0)\nNorms(0)\n  Alpha(0)\n  Beta(0)\n");
}

static void
test_steps (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *tree = NULL;

  /* Beta in, under Alpha; out again; up; down. */
  g_assert_true (pl_codebook_step (f->codebook, f->beta, PL_CODEBOOK_STEP_IN, &error));
  g_assert_no_error (error);
  tree = outline (f);
  g_assert_cmpstr (tree, ==, "Norms(0)\n  Alpha(0)\n    Beta(0)\nThreats(0)\n  Ransomware(0)\n");
  g_clear_pointer (&tree, g_free);

  g_assert_true (pl_codebook_step (f->codebook, f->beta, PL_CODEBOOK_STEP_OUT, &error));
  g_assert_no_error (error);
  tree = outline (f);
  g_assert_cmpstr (tree, ==, "Norms(0)\n  Alpha(0)\n  Beta(0)\nThreats(0)\n  Ransomware(0)\n");
  g_clear_pointer (&tree, g_free);

  g_assert_true (pl_codebook_step (f->codebook, f->beta, PL_CODEBOOK_STEP_OUT, &error));
  g_assert_no_error (error);
  tree = outline (f);
  g_assert_cmpstr (tree, ==, "Norms(0)\n  Alpha(0)\nBeta(0)\nThreats(0)\n  Ransomware(0)\n");
  g_clear_pointer (&tree, g_free);

  g_assert_true (pl_codebook_step (f->codebook, f->beta, PL_CODEBOOK_STEP_UP, &error));
  g_assert_no_error (error);
  g_assert_true (pl_codebook_step (f->codebook, f->beta, PL_CODEBOOK_STEP_UP, &error));
  g_assert_no_error (error);
  tree = outline (f);
  g_assert_cmpstr (tree, ==, "Beta(0)\nNorms(0)\n  Alpha(0)\nThreats(0)\n  Ransomware(0)\n");
  g_clear_pointer (&tree, g_free);

  g_assert_true (pl_codebook_step (f->codebook, f->beta, PL_CODEBOOK_STEP_DOWN, &error));
  g_assert_no_error (error);
  tree = outline (f);
  g_assert_cmpstr (tree, ==, "Norms(0)\n  Alpha(0)\nBeta(0)\nThreats(0)\n  Ransomware(0)\n");

  /* Three undos bring Beta back under Norms. */
  for (guint i = 0; i < 3; i++)
    g_assert_true (pl_project_undo (f->project, &error));
  g_clear_pointer (&tree, g_free);
  tree = outline (f);
  g_assert_cmpstr (tree, ==, "Norms(0)\n  Alpha(0)\n  Beta(0)\nThreats(0)\n  Ransomware(0)\n");
}

static void
test_delete (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PlAnnotation) a = apply (f, f->alpha, f->ana, 7, 17);
  g_autoptr(PlAnnotation) b = apply (f, f->beta, f->bo, 20, 30);
  g_autoptr(PlAnnotation) c = apply (f, f->ransomware, f->ana, 40, 50);
  g_autoptr(PlCodebookLogEntry) entry = NULL;
  g_autofree char *before = NULL;
  g_autofree char *before_outline = NULL;
  g_autofree char *tree = NULL;
  guint n = 0;
  guint version;

  g_assert_true (pl_project_set_annotation_memo (f->project, a->guid, "A memo", &error));
  g_assert_true (pl_project_set_annotation_stance (f->project, b->guid, "supports", &error));
  g_assert_no_error (error);
  before = snapshot (f);
  before_outline = outline (f);
  version = pl_codebook_get_version (f->codebook);

  g_assert_cmpuint (pl_codebook_count_annotations (f->codebook, f->norms), ==, 2);
  g_assert_cmpuint (pl_codebook_count_annotations (f->codebook, f->alpha), ==, 1);
  g_assert_cmpuint (pl_codebook_count_codes (f->codebook, f->norms), ==, 3);

  f->removed = 0;
  g_assert_true (pl_codebook_delete (f->codebook, f->norms, &n, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 2);
  g_assert_cmpuint (f->removed, ==, 2);
  g_assert_cmpuint (pl_project_count_annotations (f->project), ==, 1);
  g_assert_null (pl_project_find_code (f->project, f->alpha));
  tree = outline (f);
  g_assert_cmpstr (tree, ==, "Threats(0)\n  Ransomware(1)\n");
  g_assert_cmpuint (pl_codebook_get_version (f->codebook), ==, version + 1);
  entry = last_log (f);
  g_assert_cmpstr (entry->action, ==, "delete");
  g_assert_cmpstr (entry->summary, ==, "Deleted “Norms” and 2 sub-codes (2 annotations)");

  /* Undo restores codes and annotations exactly: memo, stance, dates, versions. */
  f->added = 0;
  check_undo_redo (f, before, before_outline);
  g_assert_cmpuint (f->added, ==, 2);
}

static void
test_merge (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PlAnnotation) a1 = apply (f, f->alpha, f->ana, 7, 17);
  g_autoptr(PlAnnotation) a2 = apply (f, f->alpha, f->bo, 20, 30);
  g_autoptr(PlAnnotation) b1 = apply (f, f->beta, f->ana, 40, 50);
  g_autoptr(PlAnnotation) later = NULL;
  g_autoptr(PlCodebookLogEntry) entry = NULL;
  g_autofree char *before = NULL;
  g_autofree char *before_outline = NULL;
  g_autofree char *tree = NULL;
  gint64 child;
  guint total, moved = 0, collapsed = 0, version;

  child = add_code (f, f->alpha, "N.A.1", "Alpha child");
  before = snapshot (f);
  before_outline = outline (f);
  total = pl_project_count_annotations (f->project);
  version = pl_codebook_get_version (f->codebook);

  g_assert_true (pl_codebook_merge (f->codebook, f->alpha, f->beta, &moved, &collapsed, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (moved, ==, 2);
  g_assert_cmpuint (collapsed, ==, 0);
  g_assert_cmpuint (pl_project_count_annotations (f->project), ==, total);
  g_assert_null (pl_project_find_code (f->project, f->alpha));
  g_assert_cmpint (pl_code_get_parent_id (pl_project_find_code (f->project, child)), ==, f->beta);
  tree = outline (f);
  g_assert_cmpstr (tree, ==, "Norms(0)\n  Beta(3)\n    Alpha child(0)\nThreats(0)\n  Ransomware(0)\n");
  entry = last_log (f);
  g_assert_cmpstr (entry->summary, ==, "Merged “Alpha” into “Beta” (2 annotations)");
  g_assert_cmpuint (entry->version, ==, version + 1);
  g_assert_nonnull (strstr (entry->detail, "\"annotations\":2"));

  later = apply (f, f->beta, f->ana, 0, 6);
  g_assert_cmpuint (later->codebook_version, ==, version + 1);
  g_assert_true (pl_project_undo (f->project, &error));
  check_undo_redo (f, before, before_outline);

  /* Refusals: into itself, into its own sub-code, annotations into a folder. */
  g_assert_true (pl_project_undo (f->project, &error));
  g_assert_false (pl_codebook_merge (f->codebook, f->alpha, f->alpha, NULL, NULL, &error));
  g_assert_error (error, PL_STORE_ERROR, PL_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (pl_codebook_merge (f->codebook, f->alpha, child, NULL, NULL, &error));
  g_assert_error (error, PL_STORE_ERROR, PL_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (pl_codebook_set_codable (f->codebook, f->threats, FALSE, &error));
  g_assert_false (pl_codebook_merge (f->codebook, f->alpha, f->threats, NULL, NULL, &error));
  g_assert_error (error, PL_STORE_ERROR, PL_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "folder"));
  (void) b1;
  (void) a2;
  (void) a1;
}

static void
test_merge_duplicates (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PlAnnotation) a1 = apply (f, f->alpha, f->ana, 7, 17);
  g_autoptr(PlAnnotation) a2 = apply (f, f->alpha, f->bo, 7, 17);
  g_autoptr(PlAnnotation) b1 = apply (f, f->beta, f->ana, 7, 17);
  g_autoptr(PlAnnotation) kept = NULL;
  g_autofree char *before = NULL;
  g_autofree char *before_outline = NULL;
  guint total, moved = 0, collapsed = 0;

  g_assert_true (pl_project_set_annotation_memo (f->project, a1->guid, "From Alpha", &error));
  g_assert_true (pl_project_set_annotation_stance (f->project, a1->guid, "opposes", &error));
  g_assert_true (pl_project_set_annotation_memo (f->project, b1->guid, "From Beta", &error));
  g_assert_no_error (error);
  before = snapshot (f);
  before_outline = outline (f);
  total = pl_project_count_annotations (f->project);

  /* a1 duplicates b1 (same document, span and coder): kept as one; a2 (another coder)
   * moves. */
  g_assert_true (pl_codebook_merge (f->codebook, f->alpha, f->beta, &moved, &collapsed, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (moved, ==, 1);
  g_assert_cmpuint (collapsed, ==, 1);
  g_assert_cmpuint (pl_project_count_annotations (f->project), ==, total - collapsed);
  kept = pl_project_find_annotation (f->project, b1->guid, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (kept->memo, ==, "From Beta\n\nFrom Alpha");
  g_assert_cmpstr (kept->stance, ==, "opposes");
  g_assert_null (pl_project_find_annotation (f->project, a1->guid, NULL));
  check_undo_redo (f, before, before_outline);
  (void) a2;
}

static void
test_split (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PlCodebookSplit) split = NULL;
  g_autoptr(GArray) codes = NULL;
  g_autoptr(PlCodebookLogEntry) entry = NULL;
  g_autofree char *before = NULL;
  g_autofree char *before_outline = NULL;
  g_autofree char *tree = NULL;
  /* "critical infrastructure" and "ransomware" in Brazil's statement, "cooperation against
   * ransomware" in Kenya's, "capacity-building for critical infrastructure protection" in
   * China's. */
  g_autoptr(PlAnnotation) brazil_ci = apply (f, f->ransomware, f->ana, 31, 54);
  g_autoptr(PlAnnotation) brazil_rw = apply (f, f->ransomware, f->ana, 61, 71);
  g_autoptr(PlAnnotation) kenya = apply (f, f->ransomware, f->bo, 92, 122);
  g_autoptr(PlAnnotation) china = apply (f, f->ransomware, f->ana, 168, 224);
  PlCodeSpec ci = { .name = "Critical infrastructure", .short_id = "T.R.CI", .codable = TRUE };
  PlCodeSpec crime = { .name = "Crime", .color = "#D55E00", .codable = TRUE };
  const char *africa[] = { "kenya", NULL };
  GPtrArray *annotations;
  guint total, version;

  g_assert_cmpint (sqlite3_exec (f->db, "UPDATE statements SET entity = 'Kenya'"
                                 " WHERE start_offset <= 92 AND end_offset > 92", NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_changes (f->db), ==, 1);
  before = snapshot (f);
  before_outline = outline (f);
  total = pl_project_count_annotations (f->project);
  version = pl_codebook_get_version (f->codebook);

  split = pl_codebook_split_new (f->codebook, f->ransomware, &error);
  g_assert_no_error (error);
  annotations = pl_codebook_split_get_annotations (split);
  g_assert_cmpuint (annotations->len, ==, 4);
  g_assert_cmpuint (pl_codebook_split_add_code (split, &ci), ==, 0);
  g_assert_cmpuint (pl_codebook_split_add_code (split, &crime), ==, 1);

  /* Rules: text, then speaker; explicit assignment last. */
  g_assert_cmpint (pl_codebook_split_assign_by_regex (split, "critical\\s+INFRA", 0, &error), ==, 2);
  g_assert_no_error (error);
  g_assert_cmpint (pl_codebook_split_assign_by_speaker (split, africa, 1, &error), ==, 1);
  g_assert_no_error (error);
  g_assert_cmpint (pl_codebook_split_get_target (split, brazil_ci->guid), ==, 0);
  g_assert_cmpint (pl_codebook_split_get_target (split, china->guid), ==, 0);
  g_assert_cmpint (pl_codebook_split_get_target (split, kenya->guid), ==, 1);
  g_assert_cmpint (pl_codebook_split_get_target (split, brazil_rw->guid), ==, -1);
  g_assert_true (pl_codebook_split_assign (split, china->guid, 1, &error));
  g_assert_cmpint (pl_codebook_split_get_target (split, china->guid), ==, 1);
  g_assert_cmpint (pl_codebook_split_assign_by_document (split, &f->document_id, 1, 5, &error), ==, -1);
  g_assert_error (error, PL_STORE_ERROR, PL_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (pl_codebook_split_assign_by_regex (split, "([unclosed", 0, &error), ==, -1);
  g_assert_error (error, PL_STORE_ERROR, PL_STORE_ERROR_INVALID);
  g_clear_error (&error);

  /* Retiring the code needs every annotation assigned. */
  pl_codebook_split_set_retire_source (split, TRUE);
  g_assert_false (pl_codebook_split_apply (split, NULL, &error));
  g_assert_error (error, PL_STORE_ERROR, PL_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "1 annotation"));
  g_clear_error (&error);
  pl_codebook_split_set_retire_source (split, FALSE);

  g_assert_true (pl_codebook_split_apply (split, &codes, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (codes->len, ==, 2);
  g_assert_cmpuint (pl_project_count_annotations (f->project), ==, total);
  tree = outline (f);
  g_assert_cmpstr (tree, ==, "Norms(0)\n  Alpha(0)\n  Beta(0)\nThreats(0)\n  Ransomware(1)\n"
                             "    Critical infrastructure(1)\n    Crime(2)\n");
  g_assert_cmpstr (pl_code_get_color (pl_project_find_code (f->project, g_array_index (codes, gint64, 1))), ==, "#D55E00");
  g_assert_cmpuint (pl_codebook_get_version (f->codebook), ==, version + 1);
  entry = last_log (f);
  g_assert_cmpstr (entry->summary, ==, "Split “Ransomware” into “Critical infrastructure”, “Crime” (3 annotations reassigned)");
  check_undo_redo (f, before, before_outline);
}

static void
test_split_retire (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PlAnnotation) one = apply (f, f->ransomware, f->ana, 7, 17);
  g_autoptr(PlAnnotation) two = apply (f, f->ransomware, f->bo, 20, 30);
  g_autofree char *before = snapshot (f);
  g_autofree char *before_outline = outline (f);
  g_autofree char *tree = NULL;
  PlCodeSpec first = { .name = "Extortion", .codable = TRUE };
  PlCodeSpec second = { .name = "Encryption", .shortcut = "5", .codable = TRUE };
  g_autoptr(PlCodebookSplit) children = NULL;
  g_autoptr(PlCodebookSplit) siblings = NULL;

  /* As children, retiring makes the code a folder. */
  children = pl_codebook_split_new (f->codebook, f->ransomware, &error);
  g_assert_no_error (error);
  pl_codebook_split_add_code (children, &first);
  pl_codebook_split_add_code (children, &second);
  pl_codebook_split_set_retire_source (children, TRUE);
  g_assert_true (pl_codebook_split_assign (children, one->guid, 0, &error));
  g_assert_true (pl_codebook_split_assign (children, two->guid, 1, &error));
  g_assert_true (pl_codebook_split_apply (children, NULL, &error));
  g_assert_no_error (error);
  tree = outline (f);
  g_assert_cmpstr (tree, ==, "Norms(0)\n  Alpha(0)\n  Beta(0)\nThreats(0)\n  Ransomware/(0)\n"
                             "    Extortion(1)\n    Encryption(1)\n");
  check_undo_redo (f, before, before_outline);
  g_assert_true (pl_project_undo (f->project, &error));

  /* As siblings, retiring deletes it; the new codes take its place. */
  siblings = pl_codebook_split_new (f->codebook, f->ransomware, &error);
  g_assert_no_error (error);
  pl_codebook_split_add_code (siblings, &first);
  pl_codebook_split_add_code (siblings, &second);
  pl_codebook_split_set_placement (siblings, PL_CODEBOOK_SPLIT_SIBLINGS);
  pl_codebook_split_set_retire_source (siblings, TRUE);
  g_assert_cmpint (pl_codebook_split_assign_by_document (siblings, &f->document_id, 1, 1, &error), ==, 2);
  g_assert_true (pl_codebook_split_apply (siblings, NULL, &error));
  g_assert_no_error (error);
  g_clear_pointer (&tree, g_free);
  tree = outline (f);
  g_assert_cmpstr (tree, ==, "Norms(0)\n  Alpha(0)\n  Beta(0)\nThreats(0)\n  Extortion(0)\n  Encryption(2)\n");
  check_undo_redo (f, before, before_outline);

  /* Clashes of the new codes with the codebook are refused before anything changes. */
  g_assert_true (pl_project_undo (f->project, &error));
  {
    g_autoptr(PlCodebookSplit) clash = pl_codebook_split_new (f->codebook, f->ransomware, &error);
    g_autoptr(PlCodebookSplit) named = pl_codebook_split_new (f->codebook, f->ransomware, &error);
    PlCodeSpec dup = { .name = "RANSOMWARE", .codable = TRUE };
    g_autofree char *unchanged = snapshot (f);
    g_autofree char *now = NULL;

    pl_codebook_split_add_code (clash, &second);
    g_assert_true (pl_codebook_set_shortcut (f->codebook, f->alpha, "5", &error));
    g_clear_pointer (&unchanged, g_free);
    unchanged = snapshot (f);
    g_assert_false (pl_codebook_split_apply (clash, NULL, &error));
    g_assert_error (error, PL_STORE_ERROR, PL_STORE_ERROR_INVALID);
    g_assert_nonnull (strstr (error->message, "Alpha"));
    g_clear_error (&error);

    pl_codebook_split_add_code (named, &dup);
    pl_codebook_split_set_placement (named, PL_CODEBOOK_SPLIT_SIBLINGS);
    g_assert_false (pl_codebook_split_apply (named, NULL, &error));
    g_assert_error (error, PL_STORE_ERROR, PL_STORE_ERROR_INVALID);
    g_assert_nonnull (strstr (error->message, "Ransomware"));
    g_clear_error (&error);
    now = snapshot (f);
    g_assert_cmpstr (now, ==, unchanged);
  }
}

static void
test_log (Fixture       *f,
          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) log = NULL;
  PlCodebookLogEntry *entry;
  guint version = pl_codebook_get_version (f->codebook);

  /* The five codes of the fixture were logged as added. */
  log = pl_codebook_list_log (f->codebook, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (log->len, ==, 5);
  g_clear_pointer (&log, g_ptr_array_unref);

  pl_codebook_set_coder (f->codebook, f->bo);
  g_assert_true (pl_codebook_move (f->codebook, f->beta, f->threats, -1, &error));
  g_assert_true (pl_project_undo (f->project, &error));
  g_assert_no_error (error);
  pl_codebook_set_coder (f->codebook, NULL);
  g_assert_true (pl_codebook_rename (f->codebook, f->beta, "Beta two", &error));

  log = pl_codebook_list_log (f->codebook, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (log->len, ==, 8);
  entry = g_ptr_array_index (log, 5);
  g_assert_cmpstr (entry->action, ==, "move");
  g_assert_cmpstr (entry->summary, ==, "Moved “Beta” into “Threats”");
  g_assert_cmpstr (entry->coder, ==, "Bo");
  g_assert_cmpuint (entry->version, ==, version + 1);
  g_assert_nonnull (entry->created);
  g_assert_nonnull (strchr (entry->created, 'T'));
  entry = g_ptr_array_index (log, 6);
  g_assert_cmpstr (entry->action, ==, "undo");
  g_assert_cmpstr (entry->summary, ==, "Undone: Moved “Beta” into “Threats”");
  g_assert_cmpuint (entry->version, ==, version + 2);
  entry = g_ptr_array_index (log, 7);
  g_assert_cmpstr (entry->action, ==, "rename");
  g_assert_null (entry->coder);
  g_assert_cmpuint (entry->version, ==, version + 2);
  g_assert_cmpint (count_rows (f, "SELECT value FROM project_info WHERE key = 'codebook_version'"), ==, version + 2);
}

static void
test_survives_restart (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PlAnnotation) a = apply (f, f->alpha, f->ana, 7, 17);
  g_autofree char *before = snapshot (f);
  g_autofree char *before_outline = NULL;
  g_autofree char *after = NULL;

  g_assert_true (pl_codebook_merge (f->codebook, f->alpha, f->beta, NULL, NULL, &error));
  g_assert_no_error (error);
  after = snapshot (f);

  g_clear_object (&f->codebook);
  g_clear_object (&f->project);
  f->project = pl_project_open (f->path, PL_PROJECT_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  f->codebook = pl_codebook_new (f->project);
  connect_signals (f);

  g_assert_true (pl_project_undo (f->project, &error));
  g_assert_no_error (error);
  before_outline = snapshot (f);
  g_assert_cmpstr (before_outline, ==, before);
  {
    g_autoptr(PlAnnotation) back = pl_project_find_annotation (f->project, a->guid, NULL);

    g_assert_nonnull (back);
  }
  g_assert_true (pl_project_redo (f->project, &error));
  g_assert_no_error (error);
  g_clear_pointer (&before_outline, g_free);
  before_outline = snapshot (f);
  g_assert_cmpstr (before_outline, ==, after);
}

static void
test_starter_edits (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("plenary-codebook-starter-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "s.plenary", NULL);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);
  g_autoptr(PlProject) project = pl_project_open (path, PL_PROJECT_OPEN_CREATE, &error);
  g_autoptr(PlCodebook) codebook = pl_codebook_new (project);
  PlCode *nrm_f, *thr_ci, *nrm;
  guint n_codes;

  g_assert_no_error (error);
  g_assert_cmpint (pl_codebook_load_starter (project, &error), >, 50);
  g_assert_no_error (error);
  n_codes = g_list_model_get_n_items (pl_project_get_codes (project));
  nrm_f = pl_project_lookup_code (project, "NRM.F");
  thr_ci = pl_project_lookup_code (project, "THR.CI");
  nrm = pl_project_lookup_code (project, "NRM");

  /* The starter's shortcuts and short ids are guarded like any others. */
  g_assert_false (pl_codebook_set_shortcut (codebook, pl_code_get_id (thr_ci), pl_code_get_shortcut (nrm_f), &error));
  g_assert_error (error, PL_STORE_ERROR, PL_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, pl_code_get_name (nrm_f)));
  g_clear_error (&error);
  g_assert_false (pl_codebook_set_short_id (codebook, pl_code_get_id (thr_ci), "nrm.f", &error));
  g_assert_error (error, PL_STORE_ERROR, PL_STORE_ERROR_INVALID);
  g_clear_error (&error);

  /* Moving a code to the front of a family of thirteen, and back by undo. */
  g_assert_true (pl_codebook_move (codebook, pl_code_get_id (nrm_f), pl_code_get_id (nrm), 0, &error));
  g_assert_no_error (error);
  {
    g_autoptr(PlCode) second = g_list_model_get_item (pl_project_get_codes (project), 1);

    g_assert_true (second == nrm_f);
  }
  g_assert_true (pl_project_undo (project, &error));
  {
    g_autoptr(PlCode) seventh = g_list_model_get_item (pl_project_get_codes (project), 6);

    g_assert_true (seventh == nrm_f);
  }
  g_assert_cmpuint (g_list_model_get_n_items (pl_project_get_codes (project)), ==, n_codes);

  pl_project_close (project);
  g_unlink (path);
  g_unlink (wal);
  g_unlink (shm);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/codebook-edit/add", test_add);
  ADD ("/codebook-edit/rename", test_rename);
  ADD ("/codebook-edit/colors", test_colors);
  g_test_add_func ("/codebook-edit/colour-helpers", test_colour_helpers);
  ADD ("/codebook-edit/text-fields", test_text_fields);
  ADD ("/codebook-edit/short-id", test_short_id);
  ADD ("/codebook-edit/shortcut", test_shortcut);
  ADD ("/codebook-edit/folder", test_folder);
  ADD ("/codebook-edit/move", test_move);
  ADD ("/codebook-edit/steps", test_steps);
  ADD ("/codebook-edit/delete", test_delete);
  ADD ("/codebook-edit/merge", test_merge);
  ADD ("/codebook-edit/merge-duplicates", test_merge_duplicates);
  ADD ("/codebook-edit/split", test_split);
  ADD ("/codebook-edit/split-retire", test_split_retire);
  ADD ("/codebook-edit/log", test_log);
  ADD ("/codebook-edit/survives-restart", test_survives_restart);
  g_test_add_func ("/codebook-edit/starter", test_starter_edits);
#undef ADD

  return g_test_run ();
}
