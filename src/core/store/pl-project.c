/* pl-project.c — a Plenary project: one SQLite file
 *
 * The store keeps the database as the single source of truth and mirrors what views need
 * (documents, codes, coders) in memory.  Every mutating call runs in one IMMEDIATE
 * transaction and updates the in-memory mirror and emits signals only after COMMIT
 * succeeded, so what a view shows has always reached the disk.
 *
 * This file holds the object itself: opening and closing, signals, the cache of prepared
 * statements, transactions and the work deferred to after COMMIT, and the wiring of undo.
 * Each subject has its own file (pl-project-documents.c, -codes.c, -coders.c,
 * -annotations.c, -statements.c, -gazetteer.c, -queries.c; the schema in -schema.c).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "plenary-project"

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "pl-error.h"
#include "pl-history.h"
#include "pl-project-private.h"

G_DEFINE_FINAL_TYPE (PlProject, pl_project, G_TYPE_OBJECT)

static void register_history_ops (PlProject *self);

typedef struct
{
  PlProjectDeferFunc func;
  gpointer           data;
  GDestroyNotify     destroy;
} Deferred;

enum {
  ANNOTATION_ADDED,
  ANNOTATION_REMOVED,
  ANNOTATION_CHANGED,
  CODES_CHANGED,
  COMMITTED,
  HISTORY_CHANGED,
  RELOADED,
  STATEMENTS_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
pl_project_finalize (GObject *object)
{
  PlProject *self = (PlProject *)object;

  pl_project_close (self);

  g_clear_object (&self->documents);
  g_clear_pointer (&self->documents_by_id, g_hash_table_unref);
  g_clear_object (&self->codes);
  g_clear_pointer (&self->codes_by_id, g_hash_table_unref);
  g_clear_pointer (&self->coders_by_id, g_hash_table_unref);
  g_clear_object (&self->gazetteer);
  g_free (self->codebook_coder);
  g_clear_pointer (&self->statements, g_hash_table_unref);
  g_clear_pointer (&self->deferred, g_array_unref);
  g_clear_pointer (&self->history, pl_history_free);
  g_free (self->path);
  g_free (self->guid);

  G_OBJECT_CLASS (pl_project_parent_class)->finalize (object);
}

static void
pl_project_class_init (PlProjectClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = pl_project_finalize;

  /**
   * PlProject::annotation-added:
   * @annotation: the new PlAnnotation, already committed
   */
  signals[ANNOTATION_ADDED] =
    g_signal_new ("annotation-added", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1,
                  PL_TYPE_ANNOTATION | G_SIGNAL_TYPE_STATIC_SCOPE);
  signals[ANNOTATION_REMOVED] =
    g_signal_new ("annotation-removed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1,
                  PL_TYPE_ANNOTATION | G_SIGNAL_TYPE_STATIC_SCOPE);
  signals[ANNOTATION_CHANGED] =
    g_signal_new ("annotation-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1,
                  PL_TYPE_ANNOTATION | G_SIGNAL_TYPE_STATIC_SCOPE);
  /* Emitted after the codes list was rebuilt (colours, names, shortcuts may differ). */
  signals[CODES_CHANGED] =
    g_signal_new ("codes-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /* Emitted after an action was recorded, undone or redone. */
  signals[HISTORY_CHANGED] =
    g_signal_new ("history-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /* Emitted after the statements of a document changed (split, merge, speaker…). */
  signals[STATEMENTS_CHANGED] =
    g_signal_new ("statements-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);
  /* Emitted when pl_project_refresh() found changes another program committed: the
   * documents, codes and coders lists were re-read; views re-read what they show. */
  signals[RELOADED] =
    g_signal_new ("reloaded", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /* Emitted after every successful COMMIT: the file on disk has changed. */
  signals[COMMITTED] =
    g_signal_new ("committed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
clear_deferred (gpointer data)
{
  Deferred *deferred = data;

  if (deferred->destroy != NULL)
    deferred->destroy (deferred->data);
}

static void
finalize_statement (gpointer stmt)
{
  sqlite3_finalize (stmt);
}

static void
pl_project_init (PlProject *self)
{
  self->statements = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, finalize_statement);
  self->deferred = g_array_new (FALSE, FALSE, sizeof (Deferred));
  g_array_set_clear_func (self->deferred, clear_deferred);
  self->documents = g_list_store_new (PL_TYPE_DOCUMENT);
  self->documents_by_id = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->codes = g_list_store_new (PL_TYPE_CODE);
  self->codes_by_id = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->coders_by_id = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                              (GDestroyNotify)pl_coder_unref);
  register_history_ops (self);
}

/* Errors */

static void
set_error_for_code (PlProject   *self,
                    GError     **error,
                    int          code,
                    const char  *detail,
                    const char  *what)
{
  g_autofree char *name = g_filename_display_basename (self->path);

  switch (code & 0xff)
    {
    case SQLITE_FULL:
      g_set_error (error, PL_STORE_ERROR, PL_STORE_ERROR_FULL,
                   _("The disk is full: could not save to “%s”. Free some space and try again."),
                   name);
      break;

    case SQLITE_READONLY:
    case SQLITE_PERM:
      g_set_error (error, PL_STORE_ERROR, PL_STORE_ERROR_READ_ONLY,
                   _("“%s” cannot be written to. Check that the file and its folder are writable."),
                   name);
      break;

    case SQLITE_NOTADB:
    case SQLITE_CORRUPT:
      g_set_error (error, PL_STORE_ERROR, PL_STORE_ERROR_NOT_PROJECT,
                   _("“%s” is not a Plenary project, or it is damaged."), name);
      break;

    case SQLITE_CANTOPEN:
      g_set_error (error, PL_STORE_ERROR, PL_STORE_ERROR_OPEN,
                   _("“%s” could not be opened."), name);
      break;

    case SQLITE_IOERR:
      g_set_error (error, PL_STORE_ERROR, PL_STORE_ERROR_FAILED,
                   _("Reading or writing “%s” failed (%s)."), name, detail);
      break;

    default:
      g_set_error (error, PL_STORE_ERROR, PL_STORE_ERROR_FAILED,
                   _("Could not %s in “%s”: %s"), what, name, detail);
      break;
    }
}

void
pl_project_set_sql_error (PlProject   *self,
                          GError     **error,
                          const char  *what)
{
  g_return_if_fail (PL_IS_PROJECT (self));

  if (self->db == NULL)
    {
      g_set_error (error, PL_STORE_ERROR, PL_STORE_ERROR_FAILED,
                   _("The project is closed."));
      return;
    }

  set_error_for_code (self, error, sqlite3_extended_errcode (self->db),
                      sqlite3_errmsg (self->db), what);
}

gboolean
pl_project_set_history_damaged (GError **error)
{
  g_set_error (error, PL_STORE_ERROR, PL_STORE_ERROR_INVALID,
               _("The undo history of this project is damaged."));
  return FALSE;
}

/* Statements and transactions */

sqlite3 *
pl_project_get_db (PlProject *self)
{
  g_return_val_if_fail (PL_IS_PROJECT (self), NULL);
  return self->db;
}

sqlite3_stmt *
pl_project_prepare (PlProject   *self,
                    const char  *sql,
                    GError     **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (PL_IS_PROJECT (self), NULL);
  g_return_val_if_fail (sql != NULL, NULL);

  if (self->db == NULL)
    {
      g_set_error (error, PL_STORE_ERROR, PL_STORE_ERROR_FAILED, _("The project is closed."));
      return NULL;
    }

  stmt = g_hash_table_lookup (self->statements, sql);
  if (stmt != NULL)
    {
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
      return stmt;
    }

  if (sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL) != SQLITE_OK)
    {
      pl_project_set_sql_error (self, error, "prepare a query");
      return NULL;
    }

  g_hash_table_insert (self->statements, g_strdup (sql), stmt);
  return stmt;
}

gboolean
pl_project_exec (PlProject   *self,
                 const char  *sql,
                 GError     **error)
{
  if (sqlite3_exec (self->db, sql, NULL, NULL, NULL) != SQLITE_OK)
    {
      pl_project_set_sql_error (self, error, "update the project");
      return FALSE;
    }
  return TRUE;
}

gboolean
pl_project_begin (PlProject  *self,
                  GError    **error)
{
  g_return_val_if_fail (PL_IS_PROJECT (self), FALSE);
  g_return_val_if_fail (!self->in_transaction, FALSE);

  if (self->db == NULL)
    {
      g_set_error (error, PL_STORE_ERROR, PL_STORE_ERROR_FAILED, _("The project is closed."));
      return FALSE;
    }

  if (!pl_project_exec (self, "BEGIN IMMEDIATE", error))
    return FALSE;

  self->in_transaction = TRUE;
  return TRUE;
}

gboolean
pl_project_commit (PlProject  *self,
                   GError    **error)
{
  g_return_val_if_fail (PL_IS_PROJECT (self), FALSE);
  g_return_val_if_fail (self->in_transaction, FALSE);

  if (!pl_project_exec (self, "COMMIT", error))
    {
      pl_project_rollback (self);
      return FALSE;
    }

  self->in_transaction = FALSE;

  /* Work queued during the transaction runs now that it is on disk; work may queue more
   * only inside a later transaction. */
  while (self->deferred->len > 0)
    {
      g_autoptr(GArray) batch = self->deferred;

      self->deferred = g_array_new (FALSE, FALSE, sizeof (Deferred));
      g_array_set_clear_func (self->deferred, clear_deferred);
      for (guint i = 0; i < batch->len; i++)
        {
          Deferred *deferred = &g_array_index (batch, Deferred, i);

          deferred->func (self, deferred->data);
        }
    }

  g_signal_emit (self, signals[COMMITTED], 0);
  return TRUE;
}

void
pl_project_defer (PlProject          *self,
                  PlProjectDeferFunc  func,
                  gpointer            data,
                  GDestroyNotify      destroy)
{
  Deferred deferred = { func, data, destroy };

  g_return_if_fail (PL_IS_PROJECT (self));
  g_return_if_fail (self->in_transaction);

  g_array_append_val (self->deferred, deferred);
}

void
pl_project_emit (PlProject        *self,
                 PlProjectSignal   which,
                 gpointer          arg)
{
  g_return_if_fail (PL_IS_PROJECT (self));

  switch (which)
    {
    case PL_PROJECT_SIGNAL_ANNOTATION_ADDED:
      g_signal_emit (self, signals[ANNOTATION_ADDED], 0, arg);
      break;
    case PL_PROJECT_SIGNAL_ANNOTATION_REMOVED:
      g_signal_emit (self, signals[ANNOTATION_REMOVED], 0, arg);
      break;
    case PL_PROJECT_SIGNAL_ANNOTATION_CHANGED:
      g_signal_emit (self, signals[ANNOTATION_CHANGED], 0, arg);
      break;
    case PL_PROJECT_SIGNAL_HISTORY_CHANGED:
      g_signal_emit (self, signals[HISTORY_CHANGED], 0);
      break;
    case PL_PROJECT_SIGNAL_STATEMENTS_CHANGED:
      g_signal_emit (self, signals[STATEMENTS_CHANGED], 0, *(gint64 *)arg);
      break;
    case PL_PROJECT_SIGNAL_CODES_CHANGED:
      g_signal_emit (self, signals[CODES_CHANGED], 0);
      break;
    default:
      g_assert_not_reached ();
    }
}

void
pl_project_rollback (PlProject *self)
{
  g_return_if_fail (PL_IS_PROJECT (self));

  if (!self->in_transaction)
    return;

  /* Fails harmlessly when SQLite already rolled back (after SQLITE_FULL, say). */
  sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
  self->in_transaction = FALSE;
  g_array_set_size (self->deferred, 0);
}

/* Runs a prepared statement that returns no row. */
gboolean
pl_project_step_done (PlProject     *self,
                      sqlite3_stmt  *stmt,
                      const char    *what,
                      GError       **error)
{
  int rc = sqlite3_step (stmt);

  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    {
      pl_project_set_sql_error (self, error, what);
      sqlite3_reset (stmt);
      return FALSE;
    }

  sqlite3_reset (stmt);
  return TRUE;
}

char *
pl_sql_dup_text (sqlite3_stmt *stmt,
                 int           column)
{
  const unsigned char *text = sqlite3_column_text (stmt, column);

  return text != NULL ? g_strdup ((const char *)text) : NULL;
}

void
pl_sql_bind_text_or_null (sqlite3_stmt *stmt,
                          int           column,
                          const char   *text)
{
  if (text != NULL && text[0] != '\0')
    sqlite3_bind_text (stmt, column, text, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, column);
}

char *
pl_now_iso8601 (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  return g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
}

/* Opening */

static gboolean
load_info (PlProject  *self,
           GError    **error)
{
  sqlite3_stmt *stmt;

  stmt = pl_project_prepare (self, "SELECT value FROM project_info WHERE key = 'guid'", error);
  if (stmt == NULL)
    return FALSE;

  if (sqlite3_step (stmt) == SQLITE_ROW)
    self->guid = pl_sql_dup_text (stmt, 0);
  sqlite3_reset (stmt);

  if (self->guid == NULL)
    {
      g_autofree char *name = g_filename_display_basename (self->path);

      g_set_error (error, PL_STORE_ERROR, PL_STORE_ERROR_NOT_PROJECT,
                   _("“%s” is not a Plenary project, or it is damaged."), name);
      return FALSE;
    }
  return TRUE;
}

static gboolean
has_sqlite_header (const char  *path,
                   gboolean    *out_empty,
                   GError     **error)
{
  static const char magic[16] = "SQLite format 3";
  char header[16] = { 0 };
  FILE *file;
  size_t n;

  file = g_fopen (path, "rb");
  if (file == NULL)
    {
      int saved_errno = errno;
      g_autofree char *name = g_filename_display_basename (path);

      g_set_error (error, PL_STORE_ERROR,
                   saved_errno == EACCES ? PL_STORE_ERROR_READ_ONLY : PL_STORE_ERROR_OPEN,
                   _("“%s” could not be opened: %s"), name, g_strerror (saved_errno));
      return FALSE;
    }

  n = fread (header, 1, sizeof header, file);
  fclose (file);

  *out_empty = n == 0;
  return n == sizeof header && memcmp (header, magic, sizeof magic) == 0;
}

gboolean
pl_project_create_at_version (const char  *path,
                              gint64       version,
                              GError     **error)
{
  g_autoptr(PlProject) self = NULL;
  gboolean ok;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (version >= 1 && version <= PL_PROJECT_SCHEMA_VERSION, FALSE);

  self = g_object_new (PL_TYPE_PROJECT, NULL);
  self->path = g_strdup (path);
  if (sqlite3_open_v2 (path, &self->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) != SQLITE_OK)
    {
      pl_project_set_sql_error (self, error, "create the project");
      return FALSE;
    }
  ok = pl_project_exec (self, "PRAGMA foreign_keys = ON;", error)
       && pl_project_schema_migrate (self, 0, version, error);
  pl_project_close (self);
  return ok;
}

/* SQLite's count of commits by other connections to the file (ours do not change it). */
static gint64
read_data_version (PlProject  *self,
                   GError    **error)
{
  sqlite3_stmt *stmt = pl_project_prepare (self, "PRAGMA data_version", error);
  gint64 version = -1;

  if (stmt == NULL)
    return -1;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    version = sqlite3_column_int64 (stmt, 0);
  else
    pl_project_set_sql_error (self, error, "read the project");
  sqlite3_reset (stmt);
  return version;
}

gboolean
pl_project_refresh (PlProject  *self,
                    GError    **error)
{
  gint64 version;

  g_return_val_if_fail (PL_IS_PROJECT (self), FALSE);

  if (self->db == NULL || self->in_transaction)
    return FALSE;
  version = read_data_version (self, error);
  if (version < 0 || version == self->data_version)
    return FALSE;
  self->data_version = version;

  /* Another program (plenary-cli, a second window, a merge) committed: re-read the
   * mirrors, then let the views re-read what they show. */
  pl_project_reload (self);
  g_signal_emit (self, signals[RELOADED], 0);
  g_signal_emit (self, signals[HISTORY_CHANGED], 0);
  return TRUE;
}

PlProject *
pl_project_open (const char          *path,
                 PlProjectOpenFlags   flags,
                 GError             **error)
{
  g_autoptr(PlProject) self = NULL;
  g_autofree char *name = NULL;
  g_autofree char *folder = NULL;
  gboolean exists, empty = FALSE;
  gint64 version;
  int rc;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  name = g_filename_display_basename (path);
  exists = g_file_test (path, G_FILE_TEST_EXISTS);

  if (exists && g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, PL_STORE_ERROR, PL_STORE_ERROR_OPEN,
                   _("“%s” is a folder, not a Plenary project."), name);
      return NULL;
    }

  if (!exists && !(flags & PL_PROJECT_OPEN_CREATE))
    {
      g_set_error (error, PL_STORE_ERROR, PL_STORE_ERROR_OPEN,
                   _("“%s” does not exist."), name);
      return NULL;
    }

  if (exists && (flags & PL_PROJECT_OPEN_EXCLUSIVE))
    {
      g_set_error (error, PL_STORE_ERROR, PL_STORE_ERROR_EXISTS,
                   _("“%s” already exists. Choose another name."), name);
      return NULL;
    }

  if (exists)
    {
      g_autoptr(GError) local_error = NULL;

      if (!has_sqlite_header (path, &empty, &local_error))
        {
          if (local_error != NULL)
            {
              g_propagate_error (error, g_steal_pointer (&local_error));
              return NULL;
            }
          if (!empty || !(flags & PL_PROJECT_OPEN_CREATE))
            {
              g_set_error (error, PL_STORE_ERROR, PL_STORE_ERROR_NOT_PROJECT,
                           _("“%s” is not a Plenary project."), name);
              return NULL;
            }
        }

      if (g_access (path, W_OK) != 0)
        {
          g_set_error (error, PL_STORE_ERROR, PL_STORE_ERROR_READ_ONLY,
                       _("“%s” is read-only. Plenary saves every change at once, so it needs "
                         "to write to the project: copy it to a writable folder."), name);
          return NULL;
        }
    }

  /* SQLite keeps its journal beside the file: the folder must be writable too. */
  folder = g_path_get_dirname (path);
  if (g_access (folder, W_OK) != 0)
    {
      g_autofree char *folder_name = g_filename_display_name (folder);

      if (!exists)
        g_set_error (error, PL_STORE_ERROR, PL_STORE_ERROR_OPEN,
                     _("Cannot create “%s”: the folder “%s” does not exist or is not writable."),
                     name, folder_name);
      else
        g_set_error (error, PL_STORE_ERROR, PL_STORE_ERROR_READ_ONLY,
                     _("The folder of “%s” is read-only. Plenary saves every change at once, "
                       "so it needs a writable folder: copy the project elsewhere."), name);
      return NULL;
    }

  self = g_object_new (PL_TYPE_PROJECT, NULL);
  self->path = g_strdup (path);

  rc = sqlite3_open_v2 (path, &self->db,
                        SQLITE_OPEN_READWRITE
                        | (flags & PL_PROJECT_OPEN_CREATE ? SQLITE_OPEN_CREATE : 0)
                        | SQLITE_OPEN_NOFOLLOW,
                        NULL);
  if (rc != SQLITE_OK)
    {
      if (self->db != NULL)
        set_error_for_code (self, error, rc, sqlite3_errmsg (self->db), "open the project");
      else
        g_set_error (error, PL_STORE_ERROR, PL_STORE_ERROR_OPEN,
                     _("“%s” could not be opened."), name);
      g_clear_pointer (&self->db, sqlite3_close);
      return NULL;
    }

  sqlite3_extended_result_codes (self->db, 1);
  sqlite3_busy_timeout (self->db, 5000);

  /* Nothing is written before the version check: a project from a newer Plenary, or a
   * foreign database, is left exactly as it was. */
  version = pl_project_schema_read_version (self, error);
  if (version < 0)
    {
      pl_project_close (self);
      return NULL;
    }

  /* WAL keeps readers (plenary-cli) and the writer (the window) apart; FULL syncs each
   * commit so that an acknowledged action survives a power cut, not only a crash. */
  if (!pl_project_exec (self, "PRAGMA foreign_keys = ON;"
                       "PRAGMA journal_mode = WAL;"
                       "PRAGMA synchronous = FULL;", error)
      || !pl_project_schema_migrate (self, version, PL_PROJECT_SCHEMA_VERSION, error)
      || !load_info (self, error)
      || !pl_project_load_coders (self, error)
      || !pl_project_load_codes (self, error)
      || !pl_project_load_documents (self, error)
      || (self->data_version = read_data_version (self, error)) < 0)
    {
      pl_project_close (self);
      return NULL;
    }

  return g_steal_pointer (&self);
}

void
pl_project_close (PlProject *self)
{
  g_return_if_fail (PL_IS_PROJECT (self));

  if (self->db == NULL)
    return;

  pl_project_rollback (self);
  g_hash_table_remove_all (self->statements);
  /* The last connection to close checkpoints the WAL and removes it. */
  sqlite3_close (self->db);
  self->db = NULL;
}

const char *
pl_project_get_path (PlProject *self)
{
  g_return_val_if_fail (PL_IS_PROJECT (self), NULL);
  return self->path;
}

const char *
pl_project_get_guid (PlProject *self)
{
  g_return_val_if_fail (PL_IS_PROJECT (self), NULL);
  return self->guid;
}

char *
pl_project_dup_title (PlProject *self)
{
  g_autofree char *base = NULL;
  char *dot;

  g_return_val_if_fail (PL_IS_PROJECT (self), NULL);

  base = g_filename_display_basename (self->path);
  dot = strrchr (base, '.');
  if (dot != NULL && dot != base)
    *dot = '\0';
  return g_steal_pointer (&base);
}

void
pl_project_reload (PlProject *self)
{
  g_autoptr(GError) error = NULL;

  g_return_if_fail (PL_IS_PROJECT (self));

  g_hash_table_remove_all (self->coders_by_id);
  if (!pl_project_load_coders (self, &error) || !pl_project_load_documents (self, &error))
    g_debug ("Reloading the project failed: %s", error->message);
  pl_project_reload_codes (self);
}

/* Copies */

gboolean
pl_project_save_copy (PlProject   *self,
                      const char  *path,
                      GError     **error)
{
  g_autofree char *folder = NULL;
  g_autofree char *tmp_path = NULL;
  g_autofree char *name = NULL;
  sqlite3 *copy = NULL;
  sqlite3_backup *backup;
  int fd;
  int rc;

  g_return_val_if_fail (PL_IS_PROJECT (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  name = g_filename_display_basename (path);
  folder = g_path_get_dirname (path);
  tmp_path = g_build_filename (folder, ".plenary-copy-XXXXXX", NULL);

  fd = g_mkstemp (tmp_path);
  if (fd < 0)
    {
      int saved_errno = errno;

      g_set_error (error, PL_STORE_ERROR,
                   saved_errno == ENOSPC ? PL_STORE_ERROR_FULL : PL_STORE_ERROR_READ_ONLY,
                   _("Could not write “%s”: %s"), name, g_strerror (saved_errno));
      return FALSE;
    }
  close (fd);

  rc = sqlite3_open_v2 (tmp_path, &copy, SQLITE_OPEN_READWRITE, NULL);
  if (rc == SQLITE_OK)
    {
      backup = sqlite3_backup_init (copy, "main", self->db, "main");
      if (backup != NULL)
        {
          sqlite3_backup_step (backup, -1);
          sqlite3_backup_finish (backup);
        }
      rc = sqlite3_errcode (copy);
      /* A shared copy is one self-contained file: no WAL beside it. */
      if (rc == SQLITE_OK)
        rc = sqlite3_exec (copy, "PRAGMA journal_mode = DELETE", NULL, NULL, NULL);
    }

  if (rc != SQLITE_OK)
    {
      int code = copy != NULL ? sqlite3_errcode (copy) : rc;

      g_set_error (error, PL_STORE_ERROR,
                   code == SQLITE_FULL ? PL_STORE_ERROR_FULL : PL_STORE_ERROR_FAILED,
                   _("Could not write “%s”: %s"), name,
                   copy != NULL ? sqlite3_errmsg (copy) : sqlite3_errstr (rc));
      sqlite3_close (copy);
      g_unlink (tmp_path);
      return FALSE;
    }

  sqlite3_close (copy);

  if (g_rename (tmp_path, path) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, PL_STORE_ERROR, PL_STORE_ERROR_FAILED,
                   _("Could not write “%s”: %s"), name, g_strerror (saved_errno));
      g_unlink (tmp_path);
      return FALSE;
    }

  return TRUE;
}

/* History: the database and transactions it runs on, and the op tables it knows. */

static sqlite3_stmt *
history_prepare (gpointer owner, const char *sql, GError **error)
{
  return pl_project_prepare (owner, sql, error);
}

static gboolean
history_step_done (gpointer owner, sqlite3_stmt *stmt, const char *what, GError **error)
{
  return pl_project_step_done (owner, stmt, what, error);
}

static gboolean
history_begin (gpointer owner, GError **error)
{
  return pl_project_begin (owner, error);
}

static gboolean
history_commit (gpointer owner, GError **error)
{
  return pl_project_commit (owner, error);
}

static void
history_rollback (gpointer owner)
{
  pl_project_rollback (owner);
}

static void
history_changed (gpointer owner)
{
  pl_project_emit (owner, PL_PROJECT_SIGNAL_HISTORY_CHANGED, NULL);
}

static const PlHistoryStore history_store = {
  history_prepare, history_step_done, history_begin, history_commit, history_rollback,
  history_changed,
};

static void
register_history_ops (PlProject *self)
{
  const PlHistoryOp *(*tables[]) (gsize *) = {
    pl_project_document_ops, pl_project_annotation_ops, pl_project_statement_ops,
    pl_project_gazetteer_ops, pl_project_codebook_ops, pl_project_team_ops,
    pl_project_gold_ops, pl_project_link_ops, pl_project_exercise_ops,
  };
  gsize n;

  self->history = pl_history_new (&history_store, self);
  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    {
      const PlHistoryOp *ops = tables[i] (&n);
      pl_history_register (self->history, ops, n);
    }
}

PlHistory *
pl_project_get_history (PlProject *self)
{
  g_return_val_if_fail (PL_IS_PROJECT (self), NULL);
  return self->history;
}

gboolean
pl_project_undo (PlProject  *self,
                 GError    **error)
{
  g_return_val_if_fail (PL_IS_PROJECT (self), FALSE);
  return pl_history_undo (self->history, error);
}

gboolean
pl_project_redo (PlProject  *self,
                 GError    **error)
{
  g_return_val_if_fail (PL_IS_PROJECT (self), FALSE);
  return pl_history_redo (self->history, error);
}

char *
pl_project_dup_undo_label (PlProject *self)
{
  g_return_val_if_fail (PL_IS_PROJECT (self), NULL);
  return pl_history_dup_undo_label (self->history);
}

char *
pl_project_dup_redo_label (PlProject *self)
{
  g_return_val_if_fail (PL_IS_PROJECT (self), NULL);
  return pl_history_dup_redo_label (self->history);
}

gboolean
pl_project_can_undo (PlProject *self)
{
  g_autofree char *label = pl_project_dup_undo_label (self);

  return label != NULL;
}

gboolean
pl_project_can_redo (PlProject *self)
{
  g_autofree char *label = pl_project_dup_redo_label (self);

  return label != NULL;
}
