/* pl-project-schema.c — the database schema of a project, and its migrations
 *
 * A project records its schema version in the table schema_version and marks itself with
 * PRAGMA application_id.  Opening reads the version without writing anything, then runs the
 * forward migrations one transaction each.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "plenary-project"

#include "config.h"

#include <glib/gi18n.h>

#include "pl-error.h"
#include "pl-project-private.h"

/* "Plny": marks the file as ours in the SQLite header (PRAGMA application_id). */
#define PL_APPLICATION_ID 0x506c6e79

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

  /* 2 → 3: one coding per span, code and coder.  Exact duplicates made before are folded
   * into the oldest, which takes over their memos (each memo once) and the first stance. */
  "CREATE TEMP TABLE duplicate_keep AS"
  "  SELECT min(id) AS keep, document_id, code_id, coder_id, start_offset, end_offset"
  "  FROM annotations GROUP BY document_id, code_id, coder_id, start_offset, end_offset"
  "  HAVING count(*) > 1;"
  "UPDATE annotations SET"
  "  memo = (SELECT group_concat(memo, char(10) || char(10)) FROM"
  "           (SELECT DISTINCT a.memo AS memo FROM annotations a"
  "            WHERE a.document_id = annotations.document_id AND a.code_id = annotations.code_id"
  "              AND a.coder_id IS annotations.coder_id AND a.start_offset = annotations.start_offset"
  "              AND a.end_offset = annotations.end_offset AND a.memo IS NOT NULL AND a.memo <> ''"
  "            ORDER BY a.id)),"
  "  stance = coalesce (stance,"
  "            (SELECT a.stance FROM annotations a"
  "             WHERE a.document_id = annotations.document_id AND a.code_id = annotations.code_id"
  "               AND a.coder_id IS annotations.coder_id AND a.start_offset = annotations.start_offset"
  "               AND a.end_offset = annotations.end_offset AND a.stance IS NOT NULL"
  "             ORDER BY a.id LIMIT 1))"
  "  WHERE id IN (SELECT keep FROM duplicate_keep);"
  "DELETE FROM annotations WHERE id IN"
  "  (SELECT a.id FROM annotations a JOIN duplicate_keep k"
  "     ON a.document_id = k.document_id AND a.code_id = k.code_id AND a.coder_id IS k.coder_id"
  "    AND a.start_offset = k.start_offset AND a.end_offset = k.end_offset"
  "   WHERE a.id <> k.keep);"
  "DROP TABLE duplicate_keep;"
  "CREATE UNIQUE INDEX annotations_unique"
  "  ON annotations (document_id, start_offset, end_offset, code_id, coder_id);"
  /* Its first columns serve every query the old index served. */
  "DROP INDEX annotations_by_position;"
  /* Codes by parent, for the children of a code in order. */
  "CREATE INDEX codes_by_parent ON codes (parent_id, position);",

  /* 3 → 4: full-text search over statements (pl-project-search.c).  The index holds no
   * copy of the text: its content is the view statement_texts, which cuts each statement
   * out of its document's text, and triggers keep it in step with every change of the
   * statements, whichever path makes it (import, bulk insert, split, merge, undo).  A
   * statement's text never changes while its offsets stay (a document's text is never
   * rewritten), so what a trigger takes out of the index is exactly what went in.  When a
   * document goes, its statements leave the index before its row does: the cascade that
   * deletes them runs when the document is gone and their text can no longer be cut out.
   * A project that has statements already builds the index when it is first searched
   * (project_info 'search_index' is 'stale' until then, and the triggers wait for it). */
  "CREATE VIEW statement_texts AS"
  "  SELECT s.id AS id,"
  "         substr(d.text, s.start_offset + 1, s.end_offset - s.start_offset) AS text"
  "  FROM statements AS s JOIN documents AS d ON d.id = s.document_id;"
  "CREATE VIRTUAL TABLE statements_fts USING fts5 ("
  "  text, content = 'statement_texts', content_rowid = 'id',"
  "  tokenize = 'unicode61 remove_diacritics 2'"
  ");"
  "INSERT INTO project_info (key, value)"
  "  SELECT 'search_index', CASE WHEN EXISTS (SELECT 1 FROM statements) THEN 'stale'"
  "                              ELSE 'ready' END;"
  "CREATE TRIGGER statements_fts_insert AFTER INSERT ON statements"
  "  WHEN (SELECT value FROM project_info WHERE key = 'search_index') = 'ready' BEGIN"
  "  INSERT INTO statements_fts (rowid, text)"
  "    SELECT new.id, substr(d.text, new.start_offset + 1, new.end_offset - new.start_offset)"
  "    FROM documents AS d WHERE d.id = new.document_id;"
  "END;"
  "CREATE TRIGGER statements_fts_delete AFTER DELETE ON statements"
  "  WHEN (SELECT value FROM project_info WHERE key = 'search_index') = 'ready' BEGIN"
  "  INSERT INTO statements_fts (statements_fts, rowid, text)"
  "    SELECT 'delete', old.id,"
  "           substr(d.text, old.start_offset + 1, old.end_offset - old.start_offset)"
  "    FROM documents AS d WHERE d.id = old.document_id;"
  "END;"
  "CREATE TRIGGER statements_fts_update"
  "  AFTER UPDATE OF document_id, start_offset, end_offset ON statements"
  "  WHEN (old.document_id IS NOT new.document_id OR old.start_offset IS NOT new.start_offset"
  "        OR old.end_offset IS NOT new.end_offset)"
  "       AND (SELECT value FROM project_info WHERE key = 'search_index') = 'ready' BEGIN"
  "  INSERT INTO statements_fts (statements_fts, rowid, text)"
  "    SELECT 'delete', old.id,"
  "           substr(d.text, old.start_offset + 1, old.end_offset - old.start_offset)"
  "    FROM documents AS d WHERE d.id = old.document_id;"
  "  INSERT INTO statements_fts (rowid, text)"
  "    SELECT new.id, substr(d.text, new.start_offset + 1, new.end_offset - new.start_offset)"
  "    FROM documents AS d WHERE d.id = new.document_id;"
  "END;"
  "CREATE TRIGGER documents_fts_delete BEFORE DELETE ON documents"
  "  WHEN (SELECT value FROM project_info WHERE key = 'search_index') = 'ready' BEGIN"
  "  INSERT INTO statements_fts (statements_fts, rowid, text)"
  "    SELECT 'delete', s.id, substr(old.text, s.start_offset + 1, s.end_offset - s.start_offset)"
  "    FROM statements AS s WHERE s.document_id = old.id;"
  "END;",
  /* 4 → 5: research teams.  A merge of coders' work keeps what it added, changed or
   * removed, with the rows it replaced and (once undone, for redo) the rows it wrote, as
   * JSON, so that undo and redo run it as a few SQL passes; the team folder's change files,
   * what this project wrote to its own and how far it read the others'; the gold layer:
   * where each of its annotations came from, and the settled disagreements. */
  "CREATE TABLE team_merges ("
  "  id      INTEGER PRIMARY KEY,"
  "  guid    TEXT NOT NULL UNIQUE,"
  "  label   TEXT NOT NULL,"
  "  applied INTEGER NOT NULL DEFAULT 0,"
  "  created TEXT NOT NULL"
  ") STRICT;"
  "CREATE TABLE team_merge_rows ("
  "  merge_id   INTEGER NOT NULL REFERENCES team_merges (id) ON DELETE CASCADE,"
  "  kind       TEXT NOT NULL CHECK (kind IN ('coder', 'annotation')),"
  "  guid       TEXT NOT NULL,"
  "  row_after  TEXT,"
  "  row_before TEXT"
  ") STRICT;"
  "CREATE INDEX team_merge_rows_by_merge ON team_merge_rows (merge_id);"
  "CREATE TABLE team_files ("
  "  name       TEXT PRIMARY KEY,"
  "  coder_guid TEXT NOT NULL,"
  "  mine       INTEGER NOT NULL DEFAULT 0,"
  "  last_seq   INTEGER NOT NULL DEFAULT 0 CHECK (last_seq >= 0)"
  ") STRICT;"
  "CREATE TABLE team_sent ("
  "  coder_guid TEXT NOT NULL,"
  "  kind       TEXT NOT NULL CHECK (kind IN ('document', 'code', 'annotation')),"
  "  guid       TEXT NOT NULL,"
  "  state      INTEGER NOT NULL,"
  "  PRIMARY KEY (coder_guid, kind, guid)"
  ") STRICT;"
  "CREATE TABLE gold_sources ("
  "  annotation_guid TEXT PRIMARY KEY,"
  "  coder_guid      TEXT NOT NULL,"
  "  source_guid     TEXT NOT NULL"
  ") STRICT;"
  "CREATE TABLE adjudications ("
  "  id            INTEGER PRIMARY KEY,"
  "  document_guid TEXT NOT NULL,"
  "  coder_a_guid  TEXT NOT NULL,"
  "  coder_b_guid  TEXT NOT NULL,"
  "  code_guid     TEXT NOT NULL,"
  "  start_offset  INTEGER NOT NULL CHECK (start_offset >= 0),"
  "  end_offset    INTEGER NOT NULL CHECK (end_offset > start_offset),"
  "  decision      TEXT NOT NULL CHECK (decision IN ('a', 'b', 'both', 'neither')),"
  "  made          TEXT NOT NULL DEFAULT '[]',"
  "  created       TEXT NOT NULL,"
  "  UNIQUE (document_guid, coder_a_guid, coder_b_guid, code_guid, start_offset, end_offset)"
  ") STRICT;",

  /* 5 → 6: outcome documents (a Chair's draft, a revised draft, a final report) and the
   * links between a statement's passage and the outcome passage that reuses its wording,
   * both ends as code points of their documents.  A link is made by a person: accepted
   * from the reuse finder's candidates ("candidate", with its score) or drawn by hand
   * ("manual"). */
  "CREATE TABLE outcome_documents ("
  "  document_id INTEGER PRIMARY KEY REFERENCES documents (id) ON DELETE CASCADE,"
  "  kind        TEXT NOT NULL CHECK (kind IN ('draft', 'revised_draft', 'final')),"
  "  date        TEXT"
  ") STRICT;"
  "CREATE TABLE links ("
  "  id                  INTEGER PRIMARY KEY,"
  "  guid                TEXT NOT NULL UNIQUE,"
  "  source_document_id  INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,"
  "  source_start        INTEGER NOT NULL CHECK (source_start >= 0),"
  "  source_end          INTEGER NOT NULL CHECK (source_end > source_start),"
  "  outcome_document_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,"
  "  outcome_start       INTEGER NOT NULL CHECK (outcome_start >= 0),"
  "  outcome_end         INTEGER NOT NULL CHECK (outcome_end > outcome_start),"
  "  origin              TEXT NOT NULL CHECK (origin IN ('candidate', 'manual')),"
  "  score               REAL CHECK (score IS NULL OR (score >= 0 AND score <= 1)),"
  "  words               INTEGER NOT NULL DEFAULT 0 CHECK (words >= 0),"
  "  coder_id            INTEGER REFERENCES coders (id) ON DELETE SET NULL,"
  "  created             TEXT NOT NULL,"
  "  CHECK (source_document_id <> outcome_document_id),"
  "  UNIQUE (outcome_document_id, outcome_start, outcome_end,"
  "          source_document_id, source_start, source_end)"
  ") STRICT;"
  "CREATE INDEX links_by_source ON links (source_document_id, source_start);",

  /* 6 → 7: what notes from other QDA tools carry beside their text: a title, and a passage
   * of the document they are about.  A table of its own, so that the notes of projects
   * made before keep their rows as they are. */
  "CREATE TABLE IF NOT EXISTS note_details ("
  "  note_id      INTEGER PRIMARY KEY REFERENCES notes (id) ON DELETE CASCADE,"
  "  title        TEXT,"
  "  start_offset INTEGER CHECK (start_offset >= 0),"
  "  end_offset   INTEGER CHECK (end_offset > start_offset),"
  "  CHECK ((start_offset IS NULL) = (end_offset IS NULL))"
  ") STRICT;",
  /* 7 → 8: teaching.  The exercises a teacher made of this project (each pack's id, the
   * statements to code, the reference coder) or, in a student's work, the one exercise it
   * is for (the student's coder); the hand-ins collected, one per exercise and student,
   * numbered in the order they first came in; and a codebook that no edit may change once
   * project_info 'codebook_locked' is '1' (a student's work), whatever path tries. */
  "CREATE TABLE exercises ("
  "  id             INTEGER PRIMARY KEY,"
  "  guid           TEXT NOT NULL UNIQUE,"
  "  title          TEXT NOT NULL,"
  "  instructions   TEXT,"
  "  checksum       TEXT NOT NULL,"
  "  root_code_guid TEXT,"
  "  units          TEXT NOT NULL,"
  "  reference_guid TEXT,"
  "  student_guid   TEXT,"
  "  created        TEXT NOT NULL,"
  "  CHECK ((reference_guid IS NULL) <> (student_guid IS NULL))"
  ") STRICT;"
  "CREATE TABLE exercise_handins ("
  "  exercise_guid TEXT NOT NULL,"
  "  coder_guid    TEXT NOT NULL,"
  "  source_guid   TEXT NOT NULL,"
  "  student       TEXT NOT NULL,"
  "  handed_in     TEXT NOT NULL,"
  "  sha256        TEXT NOT NULL,"
  "  file          TEXT NOT NULL,"
  "  ordinal       INTEGER NOT NULL CHECK (ordinal >= 1),"
  "  collected     TEXT NOT NULL,"
  "  PRIMARY KEY (exercise_guid, coder_guid)"
  ") STRICT;"
  "CREATE TRIGGER codes_locked_insert BEFORE INSERT ON codes"
  "  WHEN (SELECT value FROM project_info WHERE key = 'codebook_locked') = '1' BEGIN"
  "  SELECT RAISE (ABORT, 'the codebook of this exercise is read-only');"
  "END;"
  "CREATE TRIGGER codes_locked_update BEFORE UPDATE ON codes"
  "  WHEN (SELECT value FROM project_info WHERE key = 'codebook_locked') = '1' BEGIN"
  "  SELECT RAISE (ABORT, 'the codebook of this exercise is read-only');"
  "END;"
  "CREATE TRIGGER codes_locked_delete BEFORE DELETE ON codes"
  "  WHEN (SELECT value FROM project_info WHERE key = 'codebook_locked') = '1' BEGIN"
  "  SELECT RAISE (ABORT, 'the codebook of this exercise is read-only');"
  "END;",
};

G_STATIC_ASSERT (G_N_ELEMENTS (migrations) == PL_PROJECT_SCHEMA_VERSION);

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
gint64
pl_project_schema_read_version (PlProject  *self,
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

gboolean
pl_project_schema_migrate (PlProject  *self,
                           gint64      from_version,
                           gint64      to_version,
                           GError    **error)
{
  g_return_val_if_fail (to_version <= PL_PROJECT_SCHEMA_VERSION, FALSE);

  for (gint64 v = from_version; v < to_version; v++)
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

          if (!pl_project_exec (self, pragma, error))
            goto failed;
        }

      if (!pl_project_exec (self, migrations[v], error))
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
