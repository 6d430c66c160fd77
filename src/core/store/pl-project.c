/* pl-project.c — a Plenary project: one SQLite file
 *
 * The store keeps the database as the single source of truth and mirrors what views need
 * (documents, codes, coders) in memory.  Every mutating call runs in one IMMEDIATE
 * transaction and updates the in-memory mirror and emits signals only after COMMIT
 * succeeded, so what a view shows has always reached the disk.
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

#include "pl-code-private.h"
#include "pl-document-private.h"
#include "pl-error.h"
#include "pl-history.h"
#include "pl-project-private.h"
#include "pl-segmenter.h"
#include "pl-text.h"

/* "Plny": marks the file as ours in the SQLite header (PRAGMA application_id). */
#define PL_APPLICATION_ID 0x506c6e79

struct _PlProject
{
  GObject     parent_instance;

  char       *path;
  char       *guid;
  sqlite3    *db;
  GHashTable *statements;     /* SQL text → sqlite3_stmt* */
  gboolean    in_transaction;
  GArray     *deferred;       /* Deferred: work to run after COMMIT */

  GListStore *documents;      /* PlDocument */
  GHashTable *documents_by_id;
  GListStore *codes;          /* PlCode, depth-first */
  GHashTable *codes_by_id;
  GHashTable *coders_by_id;   /* gint64* → PlCoder */

  PlHistory  *history;        /* undo and redo, with this project's op tables */
};

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
  STATEMENTS_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Forward migrations: migrations[i] takes the schema from version i to i + 1. */
static const char *migrations[] = {
  /* 0 → 1: the foundation schema. */
  "CREATE TABLE project_info ("
  "  key   TEXT PRIMARY KEY,"
  "  value TEXT NOT NULL"
  ") STRICT;"
  "CREATE TABLE documents ("
  "  id          INTEGER PRIMARY KEY,"
  "  guid        TEXT NOT NULL UNIQUE,"
  "  title       TEXT NOT NULL,"
  "  text        TEXT NOT NULL,"
  "  length      INTEGER NOT NULL CHECK (length >= 0),"
  "  source_uri  TEXT,"
  "  process     TEXT,"
  "  session     TEXT,"
  "  meeting     TEXT,"
  "  date        TEXT,"
  "  agenda_item TEXT,"
  "  source_type TEXT,"
  "  language    TEXT,"
  "  created     TEXT NOT NULL,"
  "  modified    TEXT NOT NULL"
  ") STRICT;"
  "CREATE TABLE statements ("
  "  id             INTEGER PRIMARY KEY,"
  "  document_id    INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,"
  "  idx            INTEGER NOT NULL CHECK (idx >= 1),"
  "  start_offset   INTEGER NOT NULL CHECK (start_offset >= 0),"
  "  end_offset     INTEGER NOT NULL CHECK (end_offset > start_offset),"
  "  kind           TEXT NOT NULL DEFAULT 'statement'"
  "                 CHECK (kind IN ('statement', 'front_matter')),"
  "  speaker        TEXT,"
  "  entity         TEXT,"
  "  entity_type    TEXT,"
  "  iso3           TEXT,"
  "  regional_group TEXT,"
  "  on_behalf_of   TEXT,"
  "  needs_review   INTEGER NOT NULL DEFAULT 0,"
  "  UNIQUE (document_id, idx)"
  ") STRICT;"
  "CREATE INDEX statements_by_position ON statements (document_id, start_offset);"
  "CREATE TABLE codes ("
  "  id         INTEGER PRIMARY KEY,"
  "  guid       TEXT NOT NULL UNIQUE,"
  "  parent_id  INTEGER REFERENCES codes (id) ON DELETE RESTRICT,"
  "  position   INTEGER NOT NULL,"
  "  short_id   TEXT UNIQUE,"
  "  name       TEXT NOT NULL CHECK (name <> ''),"
  "  color      TEXT NOT NULL,"
  "  shortcut   TEXT UNIQUE,"
  "  codable    INTEGER NOT NULL DEFAULT 1,"
  "  definition TEXT,"
  "  inclusion  TEXT,"
  "  exclusion  TEXT,"
  "  example    TEXT,"
  "  created    TEXT NOT NULL"
  ") STRICT;"
  "CREATE TABLE coders ("
  "  id       INTEGER PRIMARY KEY,"
  "  guid     TEXT NOT NULL UNIQUE,"
  "  name     TEXT NOT NULL UNIQUE CHECK (name <> ''),"
  "  initials TEXT,"
  "  color    TEXT,"
  "  created  TEXT NOT NULL"
  ") STRICT;"
  "CREATE TABLE annotations ("
  "  id           INTEGER PRIMARY KEY,"
  "  guid         TEXT NOT NULL UNIQUE,"
  "  document_id  INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,"
  "  code_id      INTEGER NOT NULL REFERENCES codes (id) ON DELETE RESTRICT,"
  "  coder_id     INTEGER NOT NULL REFERENCES coders (id) ON DELETE RESTRICT,"
  "  start_offset INTEGER NOT NULL CHECK (start_offset >= 0),"
  "  end_offset   INTEGER NOT NULL CHECK (end_offset > start_offset),"
  "  memo         TEXT,"
  "  created      TEXT NOT NULL,"
  "  modified     TEXT NOT NULL"
  ") STRICT;"
  "CREATE INDEX annotations_by_position ON annotations (document_id, start_offset);"
  "CREATE INDEX annotations_by_code ON annotations (code_id);"
  "CREATE INDEX annotations_by_coder ON annotations (coder_id);",

  /* 1 → 2: speakers and metadata, stance, the codebook's change log, the project's own
   * gazetteer, notes, and the undo history. */
  "ALTER TABLE documents ADD COLUMN format TEXT;"
  "ALTER TABLE documents ADD COLUMN memo TEXT;"
  "ALTER TABLE statements ADD COLUMN speaker_source TEXT;"
  "ALTER TABLE codes ADD COLUMN color_dark TEXT;"
  "ALTER TABLE codes ADD COLUMN modified TEXT;"
  "ALTER TABLE annotations ADD COLUMN stance TEXT"
  "  CHECK (stance IS NULL OR stance IN ('supports', 'opposes', 'calls_for_new',"
  "                                      'reports_practice', 'neutral'));"
  "ALTER TABLE annotations ADD COLUMN codebook_version INTEGER NOT NULL DEFAULT 1;"
  "INSERT INTO project_info (key, value) VALUES ('codebook_version', '1');"
  "CREATE TABLE gazetteer_entries ("
  "  id             INTEGER PRIMARY KEY,"
  "  name           TEXT NOT NULL UNIQUE CHECK (name <> ''),"
  "  entity         TEXT NOT NULL,"
  "  entity_type    TEXT NOT NULL,"
  "  iso3           TEXT,"
  "  regional_group TEXT,"
  "  created        TEXT NOT NULL"
  ") STRICT;"
  "CREATE TABLE codebook_log ("
  "  id        INTEGER PRIMARY KEY,"
  "  version   INTEGER NOT NULL,"
  "  action    TEXT NOT NULL,"
  "  code_guid TEXT,"
  "  summary   TEXT NOT NULL,"
  "  detail    TEXT,"
  "  coder_id  INTEGER REFERENCES coders (id) ON DELETE SET NULL,"
  "  created   TEXT NOT NULL"
  ") STRICT;"
  "CREATE TABLE notes ("
  "  id          INTEGER PRIMARY KEY,"
  "  guid        TEXT NOT NULL UNIQUE,"
  "  target_guid TEXT,"
  "  text        TEXT NOT NULL,"
  "  coder_id    INTEGER REFERENCES coders (id) ON DELETE SET NULL,"
  "  created     TEXT NOT NULL,"
  "  modified    TEXT NOT NULL"
  ") STRICT;"
  "CREATE INDEX notes_by_target ON notes (target_guid);"
  "CREATE TABLE history ("
  "  id      INTEGER PRIMARY KEY,"
  "  label   TEXT NOT NULL,"
  "  kind    TEXT NOT NULL,"
  "  undo    TEXT NOT NULL,"
  "  redo    TEXT NOT NULL,"
  "  undone  INTEGER NOT NULL DEFAULT 0,"
  "  created TEXT NOT NULL"
  ") STRICT;",
};

G_STATIC_ASSERT (G_N_ELEMENTS (migrations) == PL_PROJECT_SCHEMA_VERSION);

/* The palette for codes created without a colour (Okabe–Ito, colour-blind safe). */
static const char *palette[] = {
  "#0072B2", "#E69F00", "#009E73", "#CC79A7", "#D55E00", "#56B4E9", "#F0E442", "#999999",
};

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

static gboolean
exec_sql (PlProject   *self,
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

  if (!exec_sql (self, "BEGIN IMMEDIATE", error))
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

  if (!exec_sql (self, "COMMIT", error))
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
pl_project_step_done (PlProject    *self,
           sqlite3_stmt *stmt,
           const char   *what,
           GError      **error)
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

static gint64
query_int (PlProject   *self,
           const char  *sql,
           gboolean    *ok)
{
  sqlite3_stmt *stmt = NULL;
  gint64 value = 0;

  *ok = FALSE;
  if (sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL) != SQLITE_OK)
    return 0;

  switch (sqlite3_step (stmt))
    {
    case SQLITE_ROW:
      value = sqlite3_column_int64 (stmt, 0);
      *ok = TRUE;
      break;

    case SQLITE_DONE:
      *ok = TRUE;
      break;

    default:
      break;
    }

  sqlite3_finalize (stmt);
  return value;
}

/* Reads the schema version without writing anything; -1 on error. */
static gint64
read_schema_version (PlProject  *self,
                     GError    **error)
{
  gboolean ok;
  gint64 app_id, n_tables, has_version_table, version;
  g_autofree char *name = g_filename_display_basename (self->path);

  app_id = query_int (self, "PRAGMA application_id", &ok);
  if (!ok)
    {
      pl_project_set_sql_error (self, error, "read the project");
      return -1;
    }

  n_tables = query_int (self, "SELECT count(*) FROM sqlite_schema", &ok);
  if (!ok)
    {
      pl_project_set_sql_error (self, error, "read the project");
      return -1;
    }

  if (n_tables == 0 && app_id == 0)
    return 0;

  if (app_id != PL_APPLICATION_ID)
    {
      g_set_error (error, PL_STORE_ERROR, PL_STORE_ERROR_NOT_PROJECT,
                   _("“%s” is a database, but not a Plenary project."), name);
      return -1;
    }

  has_version_table = query_int (self,
                                 "SELECT count(*) FROM sqlite_schema"
                                 " WHERE type = 'table' AND name = 'schema_version'", &ok);
  if (!ok || !has_version_table)
    {
      g_set_error (error, PL_STORE_ERROR, PL_STORE_ERROR_NOT_PROJECT,
                   _("“%s” is not a Plenary project, or it is damaged."), name);
      return -1;
    }

  version = query_int (self, "SELECT max(version) FROM schema_version", &ok);
  if (!ok)
    {
      pl_project_set_sql_error (self, error, "read the project");
      return -1;
    }

  if (version > PL_PROJECT_SCHEMA_VERSION)
    {
      g_set_error (error, PL_STORE_ERROR, PL_STORE_ERROR_NEWER,
                   _("“%s” was saved by a newer version of Plenary (project format %lld; this "
                     "version reads up to %d). Update Plenary to open it."),
                   name, (long long)version, PL_PROJECT_SCHEMA_VERSION);
      return -1;
    }

  return version;
}

static gboolean
migrate (PlProject  *self,
         gint64      from_version,
         GError    **error)
{
  for (gint64 v = from_version; v < PL_PROJECT_SCHEMA_VERSION; v++)
    {
      sqlite3_stmt *stmt;
      g_autofree char *guid = NULL;
      g_autofree char *now = NULL;

      if (!pl_project_begin (self, error))
        return FALSE;

      if (v == 0)
        {
          g_autofree char *pragma =
            g_strdup_printf ("PRAGMA application_id = %d;"
                             "CREATE TABLE schema_version ("
                             "  version INTEGER NOT NULL,"
                             "  applied TEXT NOT NULL"
                             ") STRICT;", PL_APPLICATION_ID);

          if (!exec_sql (self, pragma, error))
            goto failed;
        }

      if (!exec_sql (self, migrations[v], error))
        goto failed;

      now = pl_now_iso8601 ();
      stmt = pl_project_prepare (self,
                                 "INSERT INTO schema_version (version, applied) VALUES (?, ?)",
                                 error);
      if (stmt == NULL)
        goto failed;
      sqlite3_bind_int64 (stmt, 1, v + 1);
      sqlite3_bind_text (stmt, 2, now, -1, SQLITE_TRANSIENT);
      if (!pl_project_step_done (self, stmt, "record the project format", error))
        goto failed;

      if (v == 0)
        {
          guid = g_uuid_string_random ();
          stmt = pl_project_prepare (self,
                                     "INSERT INTO project_info (key, value)"
                                     " VALUES ('guid', ?), ('created', ?)",
                                     error);
          if (stmt == NULL)
            goto failed;
          sqlite3_bind_text (stmt, 1, guid, -1, SQLITE_TRANSIENT);
          sqlite3_bind_text (stmt, 2, now, -1, SQLITE_TRANSIENT);
          if (!pl_project_step_done (self, stmt, "create the project", error))
            goto failed;
        }

      if (!pl_project_commit (self, error))
        return FALSE;

      continue;

    failed:
      pl_project_rollback (self);
      return FALSE;
    }

  return TRUE;
}

static gboolean
load_documents (PlProject  *self,
                GError    **error)
{
  sqlite3_stmt *stmt;
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  int rc;

  stmt = pl_project_prepare (self,
                             "SELECT d.id, d.guid, d.title, d.source_uri, d.created, d.length,"
                             " (SELECT count(*) FROM statements s WHERE s.document_id = d.id),"
                             " (SELECT count(*) FROM annotations a WHERE a.document_id = d.id),"
                             " d.process, d.session, d.meeting, d.date, d.agenda_item,"
                             " d.source_type, d.language, d.format"
                             " FROM documents d ORDER BY d.id",
                             error);
  if (stmt == NULL)
    return FALSE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      PlDocument *document = g_hash_table_lookup (self->documents_by_id, &id);

      /* Views hold on to documents: an existing one is updated in place. */
      if (document != NULL)
        {
          pl_document_update (document, (const char *)sqlite3_column_text (stmt, 2),
                              sqlite3_column_int (stmt, 6), sqlite3_column_int (stmt, 7));
          for (guint k = 0; pl_document_metadata_keys[k] != NULL; k++)
            pl_document_set_metadata (document, pl_document_metadata_keys[k],
                                      (const char *)sqlite3_column_text (stmt, 8 + k));
          g_ptr_array_add (items, g_object_ref (document));
          continue;
        }

      document =
        pl_document_new (sqlite3_column_int64 (stmt, 0),
                         (const char *)sqlite3_column_text (stmt, 1),
                         (const char *)sqlite3_column_text (stmt, 2),
                         (const char *)sqlite3_column_text (stmt, 3),
                         (const char *)sqlite3_column_text (stmt, 4),
                         sqlite3_column_int (stmt, 5),
                         sqlite3_column_int (stmt, 6),
                         sqlite3_column_int (stmt, 7));
      for (guint k = 0; pl_document_metadata_keys[k] != NULL; k++)
        pl_document_set_metadata (document, pl_document_metadata_keys[k],
                                  (const char *)sqlite3_column_text (stmt, 8 + k));
      g_ptr_array_add (items, document);
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      pl_project_set_sql_error (self, error, "read the documents");
      return FALSE;
    }

  g_hash_table_remove_all (self->documents_by_id);
  for (guint i = 0; i < items->len; i++)
    {
      PlDocument *document = g_ptr_array_index (items, i);
      gint64 *key = g_new (gint64, 1);

      *key = pl_document_get_id (document);
      g_hash_table_insert (self->documents_by_id, key, document);
    }
  g_list_store_splice (self->documents, 0, g_list_model_get_n_items (G_LIST_MODEL (self->documents)),
                       items->pdata, items->len);
  return TRUE;
}

typedef struct
{
  gint64      id;
  gint64      parent_id;
  PlCodeSpec  spec;
  char       *strings[10];
  guint       n_annotations;
  GPtrArray  *children;
} CodeRow;

static void
code_row_free (CodeRow *row)
{
  for (guint i = 0; i < G_N_ELEMENTS (row->strings); i++)
    g_free (row->strings[i]);
  g_clear_pointer (&row->children, g_ptr_array_unref);
  g_free (row);
}

static void
append_code_tree (PlProject  *self,
                  GPtrArray  *rows,
                  GPtrArray  *out,
                  guint       depth,
                  const char *parent_path)
{
  for (guint i = 0; i < rows->len; i++)
    {
      CodeRow *row = g_ptr_array_index (rows, i);
      g_autofree char *path = parent_path != NULL
        ? g_strconcat (parent_path, " / ", row->spec.name, NULL)
        : g_strdup (row->spec.name);

      PlCode *code = g_hash_table_lookup (self->codes_by_id, &row->id);

      /* Views hold on to codes: an existing code is updated in place, never replaced. */
      if (code != NULL)
        {
          pl_code_update (code, &row->spec, depth, path);
          pl_code_set_n_annotations (code, row->n_annotations);
          g_ptr_array_add (out, g_object_ref (code));
        }
      else
        g_ptr_array_add (out, pl_code_new (row->id, &row->spec, depth, path, row->n_annotations));
      if (row->children != NULL)
        append_code_tree (self, row->children, out, depth + 1, path);
    }
}

static gboolean
load_codes (PlProject  *self,
            GError    **error)
{
  sqlite3_stmt *stmt;
  g_autoptr(GHashTable) rows_by_id = NULL;
  g_autoptr(GPtrArray) all_rows = g_ptr_array_new_with_free_func ((GDestroyNotify)code_row_free);
  g_autoptr(GPtrArray) roots = g_ptr_array_new ();
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  int rc;

  stmt = pl_project_prepare (self,
                             "SELECT c.id, c.parent_id, c.guid, c.short_id, c.name, c.color,"
                             " c.shortcut, c.definition, c.inclusion, c.exclusion, c.example,"
                             " c.codable,"
                             " (SELECT count(*) FROM annotations a WHERE a.code_id = c.id),"
                             " c.color_dark"
                             " FROM codes c ORDER BY c.position, c.id",
                             error);
  if (stmt == NULL)
    return FALSE;

  rows_by_id = g_hash_table_new (g_int64_hash, g_int64_equal);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CodeRow *row = g_new0 (CodeRow, 1);

      row->id = sqlite3_column_int64 (stmt, 0);
      row->parent_id = sqlite3_column_int64 (stmt, 1);
      for (guint i = 0; i < 9; i++)
        row->strings[i] = pl_sql_dup_text (stmt, 2 + i);
      row->spec.parent_id = row->parent_id;
      row->spec.guid = row->strings[0];
      row->spec.short_id = row->strings[1];
      row->spec.name = row->strings[2];
      row->spec.color = row->strings[3];
      row->spec.shortcut = row->strings[4];
      row->spec.definition = row->strings[5];
      row->spec.inclusion = row->strings[6];
      row->spec.exclusion = row->strings[7];
      row->spec.example = row->strings[8];
      row->spec.codable = sqlite3_column_int (stmt, 11) != 0;
      row->n_annotations = sqlite3_column_int (stmt, 12);
      row->strings[9] = pl_sql_dup_text (stmt, 13);
      row->spec.color_dark = row->strings[9];
      g_ptr_array_add (all_rows, row);
      g_hash_table_insert (rows_by_id, &row->id, row);
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      pl_project_set_sql_error (self, error, "read the codebook");
      return FALSE;
    }

  for (guint i = 0; i < all_rows->len; i++)
    {
      CodeRow *row = g_ptr_array_index (all_rows, i);
      CodeRow *parent = row->parent_id != 0
        ? g_hash_table_lookup (rows_by_id, &row->parent_id)
        : NULL;

      if (parent == NULL)
        g_ptr_array_add (roots, row);
      else
        {
          if (parent->children == NULL)
            parent->children = g_ptr_array_new ();
          g_ptr_array_add (parent->children, row);
        }
    }

  append_code_tree (self, roots, items, 0, NULL);

  g_hash_table_remove_all (self->codes_by_id);
  for (guint i = 0; i < items->len; i++)
    {
      PlCode *code = g_ptr_array_index (items, i);
      gint64 *key = g_new (gint64, 1);

      *key = pl_code_get_id (code);
      g_hash_table_insert (self->codes_by_id, key, code);
    }
  g_list_store_splice (self->codes, 0, g_list_model_get_n_items (G_LIST_MODEL (self->codes)),
                       items->pdata, items->len);
  return TRUE;
}

static PlCoder *
coder_from_row (sqlite3_stmt *stmt)
{
  PlCoder *coder = pl_coder_new ();

  coder->id = sqlite3_column_int64 (stmt, 0);
  coder->guid = pl_sql_dup_text (stmt, 1);
  coder->name = pl_sql_dup_text (stmt, 2);
  coder->initials = pl_sql_dup_text (stmt, 3);
  coder->color = pl_sql_dup_text (stmt, 4);
  return coder;
}

static void
remember_coder (PlProject *self,
                PlCoder   *coder)
{
  gint64 *key = g_new (gint64, 1);

  *key = coder->id;
  g_hash_table_replace (self->coders_by_id, key, coder);
}

static gboolean
load_coders (PlProject  *self,
             GError    **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = pl_project_prepare (self,
                             "SELECT id, guid, name, initials, color FROM coders ORDER BY id",
                             error);
  if (stmt == NULL)
    return FALSE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    remember_coder (self, coder_from_row (stmt));
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      pl_project_set_sql_error (self, error, "read the coders");
      return FALSE;
    }
  return TRUE;
}

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
  version = read_schema_version (self, error);
  if (version < 0)
    {
      pl_project_close (self);
      return NULL;
    }

  /* WAL keeps readers (plenary-cli) and the writer (the window) apart; FULL syncs each
   * commit so that an acknowledged action survives a power cut, not only a crash. */
  if (!exec_sql (self, "PRAGMA foreign_keys = ON;"
                       "PRAGMA journal_mode = WAL;"
                       "PRAGMA synchronous = FULL;", error)
      || !migrate (self, version, error)
      || !load_info (self, error)
      || !load_coders (self, error)
      || !load_codes (self, error)
      || !load_documents (self, error))
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

/* Documents */

GListModel *
pl_project_get_documents (PlProject *self)
{
  g_return_val_if_fail (PL_IS_PROJECT (self), NULL);
  return G_LIST_MODEL (self->documents);
}

PlDocument *
pl_project_find_document (PlProject *self,
                          gint64     document_id)
{
  g_return_val_if_fail (PL_IS_PROJECT (self), NULL);
  return g_hash_table_lookup (self->documents_by_id, &document_id);
}

gboolean
pl_project_insert_statements (PlProject  *self,
                              gint64      document_id,
                              GPtrArray  *statements,
                              GError    **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (PL_IS_PROJECT (self), FALSE);
  g_return_val_if_fail (self->in_transaction, FALSE);

  stmt = pl_project_prepare (self,
                             "INSERT INTO statements (document_id, idx, start_offset, end_offset,"
                             " kind, speaker, entity, entity_type, iso3, regional_group,"
                             " on_behalf_of, needs_review, speaker_source)"
                             " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                             error);
  if (stmt == NULL)
    return FALSE;

  for (guint i = 0; i < statements->len; i++)
    {
      const PlStatement *statement = g_ptr_array_index (statements, i);

      sqlite3_bind_int64 (stmt, 1, document_id);
      sqlite3_bind_int64 (stmt, 2, i + 1);
      sqlite3_bind_int64 (stmt, 3, statement->start);
      sqlite3_bind_int64 (stmt, 4, statement->end);
      sqlite3_bind_text (stmt, 5, pl_statement_kind_to_string (statement->kind), -1, SQLITE_STATIC);
      pl_sql_bind_text_or_null (stmt, 6, statement->speaker);
      pl_sql_bind_text_or_null (stmt, 7, statement->entity);
      pl_sql_bind_text_or_null (stmt, 8, statement->entity_type);
      pl_sql_bind_text_or_null (stmt, 9, statement->iso3);
      pl_sql_bind_text_or_null (stmt, 10, statement->regional_group);
      pl_sql_bind_text_or_null (stmt, 11, statement->on_behalf_of);
      sqlite3_bind_int (stmt, 12, statement->needs_review ? 1 : 0);
      pl_sql_bind_text_or_null (stmt, 13, statement->speaker_source);
      if (!pl_project_step_done (self, stmt, "add the statements", error))
        return FALSE;
    }

  return TRUE;
}

PlDocument *
pl_project_add_document (PlProject   *self,
                         const char  *title,
                         const char  *text,
                         const char  *source_uri,
                         GError     **error)
{
  return pl_project_add_document_full (self, title, text, source_uri, NULL, error);
}

static gboolean
update_metadata_column (PlProject   *self,
                        gint64       document_id,
                        const char  *key,
                        const char  *value,
                        GError     **error)
{
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt;

  /* The column name comes from the fixed list of keys, never from input. */
  g_assert (pl_document_is_metadata_key (key));
  sql = g_strdup_printf ("UPDATE documents SET %s = ?, modified = ? WHERE id = ?", key);
  stmt = pl_project_prepare (self, sql, error);
  if (stmt == NULL)
    return FALSE;
  pl_sql_bind_text_or_null (stmt, 1, value);
  sqlite3_bind_text (stmt, 2, pl_now_iso8601 (), -1, g_free);
  sqlite3_bind_int64 (stmt, 3, document_id);
  return pl_project_step_done (self, stmt, "save the document's details", error);
}

static gboolean
check_metadata (GHashTable  *metadata,
                GError     **error)
{
  GHashTableIter iter;
  gpointer key;

  if (metadata == NULL)
    return TRUE;

  g_hash_table_iter_init (&iter, metadata);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (!pl_document_is_metadata_key (key))
      {
        g_set_error (error, PL_STORE_ERROR, PL_STORE_ERROR_INVALID,
                     _("“%s” is not a kind of document detail Plenary knows."), (const char *)key);
        return FALSE;
      }
  return TRUE;
}

PlDocument *
pl_project_add_document_full (PlProject   *self,
                              const char  *title,
                              const char  *text,
                              const char  *source_uri,
                              GHashTable  *metadata,
                              GError     **error)
{
  sqlite3_stmt *stmt;
  g_autoptr(GPtrArray) statements = NULL;
  g_autofree char *guid = NULL;
  g_autofree char *now = NULL;
  PlDocument *document;
  gint64 document_id;
  gint64 *key;
  guint length;

  g_return_val_if_fail (PL_IS_PROJECT (self), NULL);
  g_return_val_if_fail (title != NULL, NULL);
  g_return_val_if_fail (text != NULL, NULL);

  if (!g_utf8_validate (text, -1, NULL))
    {
      g_set_error (error, PL_STORE_ERROR, PL_STORE_ERROR_INVALID,
                   _("The text of “%s” is not valid UTF-8."), title);
      return NULL;
    }

  if (!check_metadata (metadata, error))
    return NULL;

  length = pl_text_length (text);
  statements = pl_segmenter_segment (text, pl_project_get_gazetteer (self));
  guid = g_uuid_string_random ();
  now = pl_now_iso8601 ();

  if (!pl_project_begin (self, error))
    return NULL;

  stmt = pl_project_prepare (self,
                             "INSERT INTO documents (guid, title, text, length, source_uri,"
                             " created, modified) VALUES (?, ?, ?, ?, ?, ?, ?)",
                             error);
  if (stmt == NULL)
    goto failed;
  sqlite3_bind_text (stmt, 1, guid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, title, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, text, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 4, length);
  pl_sql_bind_text_or_null (stmt, 5, source_uri);
  sqlite3_bind_text (stmt, 6, now, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 7, now, -1, SQLITE_TRANSIENT);
  if (!pl_project_step_done (self, stmt, "add the document", error))
    goto failed;
  document_id = sqlite3_last_insert_rowid (self->db);

  if (!pl_project_insert_statements (self, document_id, statements, error))
    goto failed;

  for (guint k = 0; metadata != NULL && pl_document_metadata_keys[k] != NULL; k++)
    {
      const char *value = g_hash_table_lookup (metadata, pl_document_metadata_keys[k]);

      if (value != NULL && !update_metadata_column (self, document_id, pl_document_metadata_keys[k], value, error))
        goto failed;
    }

  if (!pl_project_commit (self, error))
    return NULL;

  document = pl_document_new (document_id, guid, title, source_uri, now, length, statements->len, 0);
  for (guint k = 0; metadata != NULL && pl_document_metadata_keys[k] != NULL; k++)
    pl_document_set_metadata (document, pl_document_metadata_keys[k],
                              g_hash_table_lookup (metadata, pl_document_metadata_keys[k]));
  key = g_new (gint64, 1);
  *key = document_id;
  g_hash_table_insert (self->documents_by_id, key, document);
  g_list_store_append (self->documents, document);
  g_object_unref (document);

  return document;

failed:
  pl_project_rollback (self);
  return NULL;
}

typedef struct
{
  gint64  document_id;
  char   *key;
  char   *value;
} MetadataChange;

static void
metadata_change_free (MetadataChange *change)
{
  g_free (change->key);
  g_free (change->value);
  g_free (change);
}

static void
announce_metadata (PlProject *self,
                   gpointer   data)
{
  MetadataChange *change = data;
  PlDocument *document = pl_project_find_document (self, change->document_id);

  if (document != NULL)
    pl_document_set_metadata (document, change->key, change->value);
}

/* History operation "document.metadata": { guid, key, value (string or null) }. */
static gboolean
op_document_metadata (gpointer     owner,
                      JsonObject  *op,
                      GError     **error)
{
  PlProject *self = owner;
  const char *guid = json_object_get_string_member_with_default (op, "guid", NULL);
  const char *key = json_object_get_string_member_with_default (op, "key", NULL);
  JsonNode *value_node = json_object_get_member (op, "value");
  const char *value = value_node != NULL && JSON_NODE_HOLDS_VALUE (value_node) ? json_node_get_string (value_node) : NULL;
  MetadataChange *change;
  PlDocument *document = NULL;
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->documents));

  for (guint i = 0; guid != NULL && i < n && document == NULL; i++)
    {
      g_autoptr(PlDocument) item = g_list_model_get_item (G_LIST_MODEL (self->documents), i);

      if (g_strcmp0 (pl_document_get_guid (item), guid) == 0)
        document = item;
    }

  if (document == NULL || !pl_document_is_metadata_key (key))
    {
      g_set_error (error, PL_STORE_ERROR, PL_STORE_ERROR_NOT_FOUND,
                   _("The document of this change is no longer in the project."));
      return FALSE;
    }

  if (!update_metadata_column (self, pl_document_get_id (document), key, value, error))
    return FALSE;

  change = g_new0 (MetadataChange, 1);
  change->document_id = pl_document_get_id (document);
  change->key = g_strdup (key);
  change->value = g_strdup (value);
  pl_project_defer (self, announce_metadata, change, (GDestroyNotify)metadata_change_free);
  return TRUE;
}

static const PlHistoryOp document_ops[] = {
  { "document.metadata", op_document_metadata },
};

static JsonObject *
metadata_op (PlDocument *document,
             const char *key,
             const char *value)
{
  JsonObject *op = pl_history_op_new ("document.metadata");

  json_object_set_string_member (op, "guid", pl_document_get_guid (document));
  json_object_set_string_member (op, "key", key);
  if (value != NULL)
    json_object_set_string_member (op, "value", value);
  else
    json_object_set_null_member (op, "value");
  return op;
}

gboolean
pl_project_set_document_metadata (PlProject   *self,
                                  gint64       document_id,
                                  const char  *key,
                                  const char  *value,
                                  GError     **error)
{
  g_autofree char *label = NULL;
  PlDocument *document;

  g_return_val_if_fail (PL_IS_PROJECT (self), FALSE);
  g_return_val_if_fail (key != NULL, FALSE);

  document = pl_project_find_document (self, document_id);
  if (document == NULL)
    {
      g_set_error (error, PL_STORE_ERROR, PL_STORE_ERROR_NOT_FOUND,
                   _("There is no document %lld in this project."), (long long)document_id);
      return FALSE;
    }

  if (!pl_document_is_metadata_key (key))
    {
      g_set_error (error, PL_STORE_ERROR, PL_STORE_ERROR_INVALID,
                   _("“%s” is not a kind of document detail Plenary knows."), key);
      return FALSE;
    }

  if (value != NULL && value[0] == '\0')
    value = NULL;
  if (g_strcmp0 (pl_document_get_metadata (document, key), value) == 0)
    return TRUE;

  label = g_strdup_printf (_("Edit the Details of “%s”"), pl_document_get_title (document));
  return pl_history_run (self->history, label,
                         metadata_op (document, key, value),
                         metadata_op (document, key, pl_document_get_metadata (document, key)),
                         error);
}

static gboolean
find_document_position (PlProject *self,
                        gint64     document_id,
                        guint     *position)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->documents));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PlDocument) document = g_list_model_get_item (G_LIST_MODEL (self->documents), i);

      if (pl_document_get_id (document) == document_id)
        {
          *position = i;
          return TRUE;
        }
    }
  return FALSE;
}

static void
recount_codes (PlProject *self)
{
  sqlite3_stmt *stmt;
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, self->codes_by_id);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    pl_code_set_n_annotations (value, 0);

  stmt = pl_project_prepare (self, "SELECT code_id, count(*) FROM annotations GROUP BY code_id",
                             NULL);
  if (stmt == NULL)
    return;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      PlCode *code = pl_project_find_code (self, sqlite3_column_int64 (stmt, 0));

      if (code != NULL)
        pl_code_set_n_annotations (code, sqlite3_column_int (stmt, 1));
    }
  sqlite3_reset (stmt);
}

gboolean
pl_project_remove_document (PlProject  *self,
                            gint64      document_id,
                            GError    **error)
{
  sqlite3_stmt *stmt;
  guint position;

  g_return_val_if_fail (PL_IS_PROJECT (self), FALSE);

  if (pl_project_find_document (self, document_id) == NULL
      || !find_document_position (self, document_id, &position))
    {
      g_set_error (error, PL_STORE_ERROR, PL_STORE_ERROR_NOT_FOUND,
                   _("There is no document %lld in this project."), (long long)document_id);
      return FALSE;
    }

  if (!pl_project_begin (self, error))
    return FALSE;

  stmt = pl_project_prepare (self, "DELETE FROM documents WHERE id = ?", error);
  if (stmt == NULL)
    goto failed;
  sqlite3_bind_int64 (stmt, 1, document_id);
  if (!pl_project_step_done (self, stmt, "remove the document", error))
    goto failed;

  if (!pl_project_commit (self, error))
    return FALSE;

  g_hash_table_remove (self->documents_by_id, &document_id);
  g_list_store_remove (self->documents, position);
  recount_codes (self);
  return TRUE;

failed:
  pl_project_rollback (self);
  return FALSE;
}

char *
pl_project_dup_document_text (PlProject  *self,
                              gint64      document_id,
                              GError    **error)
{
  sqlite3_stmt *stmt;
  char *text = NULL;
  int rc;

  g_return_val_if_fail (PL_IS_PROJECT (self), NULL);

  stmt = pl_project_prepare (self, "SELECT text FROM documents WHERE id = ?", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, document_id);

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    text = pl_sql_dup_text (stmt, 0);
  else if (rc == SQLITE_DONE)
    g_set_error (error, PL_STORE_ERROR, PL_STORE_ERROR_NOT_FOUND,
                 _("There is no document %lld in this project."), (long long)document_id);
  else
    pl_project_set_sql_error (self, error, "read the document");
  sqlite3_reset (stmt);

  return text;
}

GPtrArray *
pl_project_list_statements (PlProject  *self,
                            gint64      document_id,
                            GError    **error)
{
  static const char *columns =
    "SELECT id, document_id, idx, start_offset, end_offset, kind, speaker, entity,"
    " entity_type, iso3, regional_group, on_behalf_of, needs_review, speaker_source FROM statements";
  g_autoptr(GPtrArray) statements = g_ptr_array_new_with_free_func ((GDestroyNotify)pl_statement_unref);
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (PL_IS_PROJECT (self), NULL);

  if (document_id != 0)
    sql = g_strconcat (columns, " WHERE document_id = ? ORDER BY idx", NULL);
  else
    sql = g_strconcat (columns, " ORDER BY document_id, idx", NULL);

  stmt = pl_project_prepare (self, sql, error);
  if (stmt == NULL)
    return NULL;
  if (document_id != 0)
    sqlite3_bind_int64 (stmt, 1, document_id);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      PlStatement *statement = pl_statement_new ();
      const char *kind = (const char *)sqlite3_column_text (stmt, 5);

      statement->id = sqlite3_column_int64 (stmt, 0);
      statement->document_id = sqlite3_column_int64 (stmt, 1);
      statement->index = sqlite3_column_int (stmt, 2);
      statement->start = sqlite3_column_int (stmt, 3);
      statement->end = sqlite3_column_int (stmt, 4);
      statement->kind = g_strcmp0 (kind, "front_matter") == 0
        ? PL_STATEMENT_KIND_FRONT_MATTER : PL_STATEMENT_KIND_STATEMENT;
      statement->speaker = pl_sql_dup_text (stmt, 6);
      statement->entity = pl_sql_dup_text (stmt, 7);
      statement->entity_type = pl_sql_dup_text (stmt, 8);
      statement->iso3 = pl_sql_dup_text (stmt, 9);
      statement->regional_group = pl_sql_dup_text (stmt, 10);
      statement->on_behalf_of = pl_sql_dup_text (stmt, 11);
      statement->needs_review = sqlite3_column_int (stmt, 12) != 0;
      statement->speaker_source = pl_sql_dup_text (stmt, 13);
      g_ptr_array_add (statements, statement);
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      pl_project_set_sql_error (self, error, "read the statements");
      return NULL;
    }

  return g_steal_pointer (&statements);
}

/* Codes */

GListModel *
pl_project_get_codes (PlProject *self)
{
  g_return_val_if_fail (PL_IS_PROJECT (self), NULL);
  return G_LIST_MODEL (self->codes);
}

PlCode *
pl_project_find_code (PlProject *self,
                      gint64     code_id)
{
  g_return_val_if_fail (PL_IS_PROJECT (self), NULL);
  return g_hash_table_lookup (self->codes_by_id, &code_id);
}

PlCode *
pl_project_lookup_code (PlProject  *self,
                        const char *key)
{
  GListModel *codes;
  guint n;

  g_return_val_if_fail (PL_IS_PROJECT (self), NULL);
  g_return_val_if_fail (key != NULL, NULL);

  codes = G_LIST_MODEL (self->codes);
  n = g_list_model_get_n_items (codes);

  for (guint pass = 0; pass < 3; pass++)
    for (guint i = 0; i < n; i++)
      {
        g_autoptr(PlCode) code = g_list_model_get_item (codes, i);
        const char *value;

        switch (pass)
          {
          case 0:
            value = pl_code_get_short_id (code);
            break;
          case 1:
            value = pl_code_get_guid (code);
            if (value != NULL && g_ascii_strcasecmp (value, key) == 0)
              return code;
            continue;
          default:
            value = pl_code_get_name (code);
            break;
          }

        if (g_strcmp0 (value, key) == 0)
          return code;
      }

  return NULL;
}

PlCode *
pl_project_find_code_by_shortcut (PlProject  *self,
                                  const char *shortcut)
{
  GHashTableIter iter;
  gpointer value;

  g_return_val_if_fail (PL_IS_PROJECT (self), NULL);
  g_return_val_if_fail (shortcut != NULL, NULL);

  g_hash_table_iter_init (&iter, self->codes_by_id);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    if (g_strcmp0 (pl_code_get_shortcut (value), shortcut) == 0)
      return value;

  return NULL;
}

static gboolean
is_hex_color (const char *color)
{
  if (color == NULL || color[0] != '#' || strlen (color) != 7)
    return FALSE;
  for (guint i = 1; i < 7; i++)
    if (!g_ascii_isxdigit (color[i]))
      return FALSE;
  return TRUE;
}

gint64
pl_project_insert_code (PlProject         *self,
                        const PlCodeSpec  *spec,
                        GError           **error)
{
  sqlite3_stmt *stmt;
  g_autofree char *guid = NULL;
  g_autofree char *now = NULL;
  g_autofree char *color = NULL;
  gint64 position = 0;
  int rc;

  g_return_val_if_fail (PL_IS_PROJECT (self), 0);
  g_return_val_if_fail (spec != NULL, 0);
  g_return_val_if_fail (self->in_transaction, 0);

  if (spec->name == NULL || spec->name[0] == '\0')
    {
      g_set_error (error, PL_STORE_ERROR, PL_STORE_ERROR_INVALID, _("A code needs a name."));
      return 0;
    }

  if (spec->color_dark != NULL && !is_hex_color (spec->color_dark))
    {
      g_set_error (error, PL_STORE_ERROR, PL_STORE_ERROR_INVALID,
                   _("“%s” is not a colour of the form #RRGGBB (code “%s”)."),
                   spec->color_dark, spec->name);
      return 0;
    }

  if (spec->color != NULL && !is_hex_color (spec->color))
    {
      g_set_error (error, PL_STORE_ERROR, PL_STORE_ERROR_INVALID,
                   _("“%s” is not a colour of the form #RRGGBB (code “%s”)."),
                   spec->color, spec->name);
      return 0;
    }

  stmt = pl_project_prepare (self, "SELECT coalesce(max(position), -1) + 1, count(*) FROM codes",
                             error);
  if (stmt == NULL)
    return 0;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      position = sqlite3_column_int64 (stmt, 0);
      if (spec->color == NULL)
        color = g_ascii_strup (palette[sqlite3_column_int64 (stmt, 1) % G_N_ELEMENTS (palette)], -1);
    }
  sqlite3_reset (stmt);
  if (spec->color != NULL)
    color = g_ascii_strup (spec->color, -1);

  guid = spec->guid != NULL ? g_ascii_strdown (spec->guid, -1) : g_uuid_string_random ();
  now = pl_now_iso8601 ();

  stmt = pl_project_prepare (self,
                             "INSERT INTO codes (guid, parent_id, position, short_id, name, color,"
                             " shortcut, codable, definition, inclusion, exclusion, example,"
                             " created, color_dark) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                             error);
  if (stmt == NULL)
    return 0;

  sqlite3_bind_text (stmt, 1, guid, -1, SQLITE_TRANSIENT);
  if (spec->parent_id != 0)
    sqlite3_bind_int64 (stmt, 2, spec->parent_id);
  else
    sqlite3_bind_null (stmt, 2);
  sqlite3_bind_int64 (stmt, 3, position);
  pl_sql_bind_text_or_null (stmt, 4, spec->short_id);
  sqlite3_bind_text (stmt, 5, spec->name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 6, color, -1, SQLITE_TRANSIENT);
  pl_sql_bind_text_or_null (stmt, 7, spec->shortcut);
  sqlite3_bind_int (stmt, 8, spec->codable ? 1 : 0);
  pl_sql_bind_text_or_null (stmt, 9, spec->definition);
  pl_sql_bind_text_or_null (stmt, 10, spec->inclusion);
  pl_sql_bind_text_or_null (stmt, 11, spec->exclusion);
  pl_sql_bind_text_or_null (stmt, 12, spec->example);
  sqlite3_bind_text (stmt, 13, now, -1, SQLITE_TRANSIENT);
  if (spec->color_dark != NULL)
    sqlite3_bind_text (stmt, 14, spec->color_dark, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, 14);

  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      int code = sqlite3_extended_errcode (self->db);

      if (code == SQLITE_CONSTRAINT_UNIQUE)
        g_set_error (error, PL_STORE_ERROR, PL_STORE_ERROR_INVALID,
                     _("Another code already has the id, GUID or shortcut of “%s”."), spec->name);
      else if (code == SQLITE_CONSTRAINT_FOREIGNKEY)
        g_set_error (error, PL_STORE_ERROR, PL_STORE_ERROR_NOT_FOUND,
                     _("The parent of code “%s” does not exist."), spec->name);
      else
        pl_project_set_sql_error (self, error, "add the code");
      return 0;
    }

  return sqlite3_last_insert_rowid (self->db);
}

void
pl_project_reload (PlProject *self)
{
  g_autoptr(GError) error = NULL;

  g_return_if_fail (PL_IS_PROJECT (self));

  g_hash_table_remove_all (self->coders_by_id);
  if (!load_coders (self, &error) || !load_documents (self, &error))
    g_debug ("Reloading the project failed: %s", error->message);
  pl_project_reload_codes (self);
}

void
pl_project_reload_codes (PlProject *self)
{
  g_autoptr(GError) error = NULL;

  g_return_if_fail (PL_IS_PROJECT (self));

  if (!load_codes (self, &error))
    g_debug ("Reloading the codebook failed: %s", error->message);
  g_signal_emit (self, signals[CODES_CHANGED], 0);
}

PlCode *
pl_project_add_code (PlProject         *self,
                     const PlCodeSpec  *spec,
                     GError           **error)
{
  gint64 id;

  g_return_val_if_fail (PL_IS_PROJECT (self), NULL);
  g_return_val_if_fail (spec != NULL, NULL);

  if (!pl_project_begin (self, error))
    return NULL;

  id = pl_project_insert_code (self, spec, error);
  if (id == 0)
    {
      pl_project_rollback (self);
      return NULL;
    }

  if (!pl_project_commit (self, error))
    return NULL;

  pl_project_reload_codes (self);
  return pl_project_find_code (self, id);
}

/* Coders */

PlCoder *
pl_project_find_coder (PlProject *self,
                       gint64     coder_id)
{
  g_return_val_if_fail (PL_IS_PROJECT (self), NULL);
  return g_hash_table_lookup (self->coders_by_id, &coder_id);
}

static gint
compare_coders (gconstpointer a,
                gconstpointer b)
{
  const PlCoder *x = *(PlCoder * const *)a;
  const PlCoder *y = *(PlCoder * const *)b;

  return x->id < y->id ? -1 : x->id > y->id;
}

GPtrArray *
pl_project_list_coders (PlProject *self)
{
  GPtrArray *coders;
  GHashTableIter iter;
  gpointer value;

  g_return_val_if_fail (PL_IS_PROJECT (self), NULL);

  coders = g_ptr_array_new_with_free_func ((GDestroyNotify)pl_coder_unref);
  g_hash_table_iter_init (&iter, self->coders_by_id);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    g_ptr_array_add (coders, pl_coder_ref (value));
  g_ptr_array_sort (coders, compare_coders);
  return coders;
}

char *
pl_project_initials_of (const char *name)
{
  GString *initials = g_string_new (NULL);
  gboolean at_word = TRUE;

  for (const char *p = name; *p != '\0' && initials->len < 12; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c) || c == '-')
        at_word = TRUE;
      else if (at_word)
        {
          g_string_append_unichar (initials, g_unichar_toupper (c));
          at_word = FALSE;
        }
    }
  return g_string_free (initials, FALSE);
}

PlCoder *
pl_project_ensure_coder (PlProject   *self,
                         const char  *name,
                         GError     **error)
{
  g_autofree char *trimmed = NULL;
  g_autofree char *guid = NULL;
  g_autofree char *now = NULL;
  g_autofree char *initials = NULL;
  GHashTableIter iter;
  gpointer value;
  sqlite3_stmt *stmt;
  PlCoder *coder;

  g_return_val_if_fail (PL_IS_PROJECT (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  trimmed = g_strstrip (g_strdup (name));
  if (trimmed[0] == '\0' || !g_utf8_validate (trimmed, -1, NULL))
    {
      g_set_error (error, PL_STORE_ERROR, PL_STORE_ERROR_INVALID, _("A coder needs a name."));
      return NULL;
    }

  g_hash_table_iter_init (&iter, self->coders_by_id);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    if (g_strcmp0 (((PlCoder *)value)->name, trimmed) == 0)
      return value;

  guid = g_uuid_string_random ();
  now = pl_now_iso8601 ();
  initials = pl_project_initials_of (trimmed);

  if (!pl_project_begin (self, error))
    return NULL;

  stmt = pl_project_prepare (self,
                             "INSERT INTO coders (guid, name, initials, created) VALUES (?, ?, ?, ?)",
                             error);
  if (stmt == NULL)
    goto failed;
  sqlite3_bind_text (stmt, 1, guid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, trimmed, -1, SQLITE_TRANSIENT);
  pl_sql_bind_text_or_null (stmt, 3, initials);
  sqlite3_bind_text (stmt, 4, now, -1, SQLITE_TRANSIENT);
  if (!pl_project_step_done (self, stmt, "add the coder", error))
    goto failed;

  coder = pl_coder_new ();
  coder->id = sqlite3_last_insert_rowid (self->db);
  coder->guid = g_steal_pointer (&guid);
  coder->name = g_steal_pointer (&trimmed);
  coder->initials = g_steal_pointer (&initials);

  if (!pl_project_commit (self, error))
    {
      pl_coder_unref (coder);
      return NULL;
    }

  remember_coder (self, coder);
  return coder;

failed:
  pl_project_rollback (self);
  return NULL;
}

gboolean
pl_project_update_coder (PlProject   *self,
                         gint64       coder_id,
                         const char  *initials,
                         const char  *color,
                         GError     **error)
{
  PlCoder *coder;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (PL_IS_PROJECT (self), FALSE);

  coder = pl_project_find_coder (self, coder_id);
  if (coder == NULL)
    {
      g_set_error (error, PL_STORE_ERROR, PL_STORE_ERROR_NOT_FOUND,
                   _("There is no coder %lld in this project."), (long long)coder_id);
      return FALSE;
    }
  if (color != NULL && color[0] != '\0' && !is_hex_color (color))
    {
      g_set_error (error, PL_STORE_ERROR, PL_STORE_ERROR_INVALID,
                   _("“%s” is not a colour of the form #RRGGBB."), color);
      return FALSE;
    }

  if (!pl_project_begin (self, error))
    return FALSE;
  stmt = pl_project_prepare (self, "UPDATE coders SET initials = ?, color = ? WHERE id = ?", error);
  if (stmt == NULL)
    goto failed;
  pl_sql_bind_text_or_null (stmt, 1, initials);
  pl_sql_bind_text_or_null (stmt, 2, color);
  sqlite3_bind_int64 (stmt, 3, coder_id);
  if (!pl_project_step_done (self, stmt, "save the coder", error))
    goto failed;
  if (!pl_project_commit (self, error))
    return FALSE;

  {
    /* The new values may be the old strings themselves: copy before freeing. */
    char *new_initials = initials != NULL && initials[0] != '\0' ? g_strdup (initials) : NULL;
    char *new_color = color != NULL && color[0] != '\0' ? g_strdup (color) : NULL;

    g_free (coder->initials);
    coder->initials = new_initials;
    g_free (coder->color);
    coder->color = new_color;
  }
  return TRUE;

failed:
  pl_project_rollback (self);
  return FALSE;
}

guint
pl_project_count_annotations (PlProject *self)
{
  guint n = 0;
  guint n_documents;

  g_return_val_if_fail (PL_IS_PROJECT (self), 0);

  n_documents = g_list_model_get_n_items (G_LIST_MODEL (self->documents));
  for (guint i = 0; i < n_documents; i++)
    {
      g_autoptr(PlDocument) document = g_list_model_get_item (G_LIST_MODEL (self->documents), i);

      n += pl_document_get_n_annotations (document);
    }
  return n;
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
    pl_project_annotation_ops, pl_project_statement_ops, pl_codebook_edit_ops,
  };
  gsize n;

  self->history = pl_history_new (&history_store, self);
  pl_history_register (self->history, document_ops, G_N_ELEMENTS (document_ops));
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
