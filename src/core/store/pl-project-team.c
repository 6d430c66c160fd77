/* pl-project-team.c — blind mode, and the team folder
 *
 * Both are settings of the project (project_info "blind" and "team_folder").  A sync runs in
 * one transaction: it appends the local coder's changes to its file (team_sent remembers
 * what the file says of each annotation, by a hash of its record, so that only what changed
 * is written), then stages the others' new records and writes them at once — the files
 * are the record of a sync, not the undo history — and remembers in team_files how far
 * each file was read.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "plenary-team"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "pl-error.h"
#include "pl-team-private.h"

/* Settings */

static char *
dup_info (PlProject  *self,
          const char *key)
{
  sqlite3_stmt *stmt;
  char *value = NULL;

  stmt = pl_project_prepare (self, "SELECT value FROM project_info WHERE key = ?", NULL);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = pl_sql_dup_text (stmt, 0);
  sqlite3_reset (stmt);
  return value;
}

/* Sets (or, with @value NULL, removes) one setting, in a transaction of its own. */
static gboolean
set_info (PlProject   *self,
          const char  *key,
          const char  *value,
          GError     **error)
{
  sqlite3_stmt *stmt;

  if (!pl_project_begin (self, error))
    return FALSE;
  stmt = pl_project_prepare (self, value != NULL
                                   ? "INSERT OR REPLACE INTO project_info (key, value) VALUES (?, ?)"
                                   : "DELETE FROM project_info WHERE key = ?", error);
  if (stmt == NULL)
    goto failed;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  if (value != NULL)
    sqlite3_bind_text (stmt, 2, value, -1, SQLITE_TRANSIENT);
  if (!pl_project_step_done (self, stmt, "save the setting", error))
    goto failed;
  return pl_project_commit (self, error);

failed:
  pl_project_rollback (self);
  return FALSE;
}

/* Blind mode */

gboolean
pl_project_get_blind (PlProject *self)
{
  g_autofree char *value = NULL;

  g_return_val_if_fail (PL_IS_PROJECT (self), FALSE);

  value = dup_info (self, "blind");
  return g_strcmp0 (value, "1") == 0;
}

gboolean
pl_project_set_blind (PlProject  *self,
                      gboolean    blind,
                      GError    **error)
{
  g_return_val_if_fail (PL_IS_PROJECT (self), FALSE);

  if (pl_project_get_blind (self) == !!blind)
    return TRUE;
  return set_info (self, "blind", blind ? "1" : NULL, error);
}

GArray *
pl_project_dup_visible_coders (PlProject *self,
                               gint64     coder_id)
{
  GArray *coders;

  g_return_val_if_fail (PL_IS_PROJECT (self), NULL);

  if (!pl_project_get_blind (self))
    return NULL;
  coders = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_array_append_val (coders, coder_id);
  return coders;
}

GHashTable *
pl_project_count_coder_annotations (PlProject  *self,
                                    gint64      coder_id,
                                    PlCountBy   by,
                                    GError    **error)
{
  g_autoptr(GHashTable) counts = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (PL_IS_PROJECT (self), NULL);

  stmt = pl_project_prepare (self, by == PL_COUNT_BY_CODE
                                   ? "SELECT code_id, count(*) FROM annotations WHERE coder_id = ?"
                                     " GROUP BY code_id"
                                   : "SELECT document_id, count(*) FROM annotations"
                                     " WHERE coder_id = ? GROUP BY document_id", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, coder_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_hash_table_insert (counts, g_memdup2 (&id, sizeof id),
                           GUINT_TO_POINTER ((guint) sqlite3_column_int64 (stmt, 1)));
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      pl_project_set_sql_error (self, error, "count the annotations");
      return NULL;
    }
  return g_steal_pointer (&counts);
}

/* The team folder: the setting */

gboolean
pl_project_set_team_folder (PlProject   *self,
                            const char  *folder,
                            GError     **error)
{
  g_autofree char *absolute = NULL;

  g_return_val_if_fail (PL_IS_PROJECT (self), FALSE);

  if (folder == NULL)
    return set_info (self, "team_folder", NULL, error);

  if (!g_file_test (folder, G_FILE_TEST_IS_DIR))
    {
      g_autofree char *name = g_filename_display_name (folder);

      g_set_error (error, PL_STORE_ERROR, PL_STORE_ERROR_OPEN,
                   _("“%s” is not a folder. Choose the folder your team syncs."), name);
      return FALSE;
    }
  absolute = g_canonicalize_filename (folder, NULL);
  return set_info (self, "team_folder", absolute, error);
}

char *
pl_project_dup_team_folder (PlProject *self)
{
  g_return_val_if_fail (PL_IS_PROJECT (self), NULL);
  return dup_info (self, "team_folder");
}

void
pl_team_sync_report_free (PlTeamSyncReport *report)
{
  if (report == NULL)
    return;
  g_free (report->file);
  g_ptr_array_unref (report->messages);
  g_free (report);
}

/* Team files: how far each was written or read */

static guint64
file_last_seq (PlProject  *self,
               const char *name)
{
  sqlite3_stmt *stmt;
  guint64 seq = 0;

  stmt = pl_project_prepare (self, "SELECT last_seq FROM team_files WHERE name = ?", NULL);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    seq = (guint64) sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return seq;
}

static gboolean
remember_file (PlProject   *self,
               const char  *name,
               const char  *coder_guid,
               gboolean     mine,
               guint64      last_seq,
               GError     **error)
{
  sqlite3_stmt *stmt;

  stmt = pl_project_prepare (self,
                             "INSERT OR REPLACE INTO team_files (name, coder_guid, mine, last_seq)"
                             " VALUES (?, ?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, coder_guid, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 3, mine);
  sqlite3_bind_int64 (stmt, 4, (gint64) last_seq);
  return pl_project_step_done (self, stmt, "remember the team file", error);
}

/* Writing my changes */

/* What my file says of each annotation, document and code: "kind:guid" → state. */
typedef struct
{
  PlProject      *project;
  const PlCoder  *coder;
  GHashTable     *sent;      /* "kind:guid" → gint64* state */
  GHashTable     *seen;      /* annotation GUIDs still there */
  GString        *out;
  guint64         seq;
  guint           n_written;
} Writer;

/* FNV-1a, 64 bits: a change of the record shows as a change of its hash. */
static gint64
state_of (const char *text)
{
  guint64 hash = G_GUINT64_CONSTANT (0xcbf29ce484222325);

  for (const guchar *p = (const guchar *) text; *p != '\0'; p++)
    hash = (hash ^ *p) * G_GUINT64_CONSTANT (0x100000001b3);
  return (gint64) hash;
}

static gboolean
load_sent (Writer  *writer,
           GError **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = pl_project_prepare (writer->project,
                             "SELECT kind || ':' || guid, state FROM team_sent WHERE coder_guid = ?",
                             error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, writer->coder->guid, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 state = sqlite3_column_int64 (stmt, 1);

      g_hash_table_insert (writer->sent, pl_sql_dup_text (stmt, 0),
                           g_memdup2 (&state, sizeof state));
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      pl_project_set_sql_error (writer->project, error, "read the team state");
      return FALSE;
    }
  return TRUE;
}

static gboolean
forget_sent (PlProject      *self,
             const PlCoder  *coder,
             GError        **error)
{
  sqlite3_stmt *stmt = pl_project_prepare (self, "DELETE FROM team_sent WHERE coder_guid = ?",
                                           error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, coder->guid, -1, SQLITE_STATIC);
  return pl_project_step_done (self, stmt, "forget the team state", error);
}

/* Records that my file now says @state of @kind @guid (0 with @forget: nothing). */
static gboolean
mark_sent (Writer      *writer,
           const char  *kind,
           const char  *guid,
           gint64       state,
           gboolean     forget,
           GError     **error)
{
  sqlite3_stmt *stmt;

  stmt = pl_project_prepare (writer->project, forget
                             ? "DELETE FROM team_sent WHERE coder_guid = ?1 AND kind = ?2 AND guid = ?3"
                             : "INSERT OR REPLACE INTO team_sent (coder_guid, kind, guid, state)"
                               " VALUES (?1, ?2, ?3, ?4)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, writer->coder->guid, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, kind, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, guid, -1, SQLITE_STATIC);
  if (!forget)
    sqlite3_bind_int64 (stmt, 4, state);
  return pl_project_step_done (writer->project, stmt, "remember what was written", error);
}

/* Writes @object as a record of @kind unless my file already says it. */
static gboolean
write_record (Writer      *writer,
              const char  *kind,
              const char  *guid,
              const char  *object,
              GError     **error)
{
  g_autofree char *key = g_strconcat (kind, ":", guid, NULL);
  gint64 state = state_of (object);
  gint64 *sent = g_hash_table_lookup (writer->sent, key);

  if (sent != NULL && *sent == state)
    return TRUE;

  pl_team_append_record (writer->out, ++writer->seq, kind, object);
  writer->n_written++;
  g_hash_table_replace (writer->sent, g_steal_pointer (&key), g_memdup2 (&state, sizeof state));
  return mark_sent (writer, kind, guid, state, FALSE, error);
}

/* The document or code record an annotation needs, once. */
static gboolean
write_reference (Writer   *writer,
                 gboolean  document,
                 gint64    id,
                 GError  **error)
{
  g_autofree char *key = NULL;
  g_autofree char *object = NULL;
  const char *guid;

  if (document)
    {
      PlDocument *found = pl_project_find_document (writer->project, id);

      guid = found != NULL ? pl_document_get_guid (found) : NULL;
    }
  else
    {
      PlCode *found = pl_project_find_code (writer->project, id);

      guid = found != NULL ? pl_code_get_guid (found) : NULL;
    }
  if (guid == NULL)
    return TRUE;

  key = g_strconcat (document ? "document:" : "code:", guid, NULL);
  if (g_hash_table_contains (writer->sent, key))
    return TRUE;

  object = document ? pl_team_document_json (writer->project, id, error)
                    : pl_team_code_json (pl_project_find_code (writer->project, id));
  if (object == NULL)
    return FALSE;
  return write_record (writer, document ? "document" : "code", guid, object, error);
}

static gboolean
write_annotations (Writer  *writer,
                   GError **error)
{
  sqlite3_stmt *stmt;
  GHashTableIter iter;
  gpointer key;
  int rc;

  stmt = pl_project_prepare (writer->project, pl_team_annotation_objects_sql, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, writer->coder->id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *guid = (const char *) sqlite3_column_text (stmt, 0);
      g_autofree char *object = pl_sql_dup_text (stmt, 3);

      g_hash_table_add (writer->seen, g_strdup (guid));
      if (!write_reference (writer, TRUE, sqlite3_column_int64 (stmt, 1), error)
          || !write_reference (writer, FALSE, sqlite3_column_int64 (stmt, 2), error)
          || !write_record (writer, "annotation", guid, object, error))
        {
          sqlite3_reset (stmt);
          return FALSE;
        }
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      pl_project_set_sql_error (writer->project, error, "read the annotations");
      return FALSE;
    }

  /* What my file says of annotations that are gone: their removal. */
  g_hash_table_iter_init (&iter, writer->sent);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      const char *guid = (const char *) key + strlen ("annotation:");
      g_autofree char *object = NULL;

      if (!g_str_has_prefix (key, "annotation:") || g_hash_table_contains (writer->seen, guid))
        continue;
      object = pl_team_remove_json (guid);
      pl_team_append_record (writer->out, ++writer->seq, "remove", object);
      writer->n_written++;
      if (!mark_sent (writer, "annotation", guid, 0, TRUE, error))
        return FALSE;
      g_hash_table_iter_remove (&iter);
    }
  return TRUE;
}

/* My file as it is: whether it holds a whole line, the number of its last record, and
 * where a line that a write cut short begins (its length when it ends whole).  FALSE with
 * @error when it cannot be read. */
static gboolean
inspect_my_file (const char  *path,
                 gboolean    *out_exists,
                 guint64     *out_seq,
                 goffset     *out_whole,
                 GError     **error)
{
  g_autofree char *tail = NULL;
  GStatBuf info;
  gsize size;
  FILE *file;
  char *last;
  gboolean read;

  *out_exists = FALSE;
  *out_seq = 0;
  *out_whole = 0;
  if (g_stat (path, &info) != 0 || info.st_size == 0)
    return TRUE;

  size = (gsize) MIN ((goffset) info.st_size, (goffset) (2 * PL_TEAM_MAX_LINE_BYTES));
  tail = g_malloc0 (size + 1);
  file = g_fopen (path, "rb");
  read = file != NULL && fseeko (file, (off_t) (info.st_size - (goffset) size), SEEK_SET) == 0
         && fread (tail, 1, size, file) == size;
  if (file != NULL)
    fclose (file);
  if (!read)
    {
      g_autofree char *name = g_filename_display_basename (path);

      g_set_error (error, PL_STORE_ERROR, PL_STORE_ERROR_OPEN,
                   _("Could not read “%s” in the team folder."), name);
      return FALSE;
    }

  last = g_strrstr_len (tail, (gssize) size, "\n");
  if (last == NULL)
    return TRUE;
  *out_exists = TRUE;
  *out_whole = info.st_size - (goffset) (size - (gsize) (last - tail) - 1);
  *last = '\0';
  last = strrchr (tail, '\n');
  last = last != NULL ? last + 1 : tail;
  if (g_str_has_prefix (last, "{\"seq\":"))
    *out_seq = g_ascii_strtoull (last + strlen ("{\"seq\":"), NULL, 10);
  return TRUE;
}

static gboolean
append_to_file (const char  *path,
                goffset      whole,
                GString     *out,
                GError     **error)
{
  g_autofree char *name = g_filename_display_basename (path);
  int fd = g_open (path, O_WRONLY | O_CREAT | O_CLOEXEC, 0644);
  gsize done = 0;

  /* Only this coder's Plenary writes this file: a line that a crash cut short is its own,
   * and goes before the file grows again. */
  if (fd >= 0 && (ftruncate (fd, whole) != 0 || lseek (fd, whole, SEEK_SET) < 0))
    {
      close (fd);
      fd = -1;
    }
  while (fd >= 0 && done < out->len)
    {
      gssize n = write (fd, out->str + done, out->len - done);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        break;
      done += (gsize) n;
    }
  if (fd < 0 || done < out->len || fsync (fd) != 0)
    {
      int saved_errno = errno;

      if (fd >= 0)
        close (fd);
      g_set_error (error, PL_STORE_ERROR, PL_STORE_ERROR_READ_ONLY,
                   _("Could not write “%s” in the team folder: %s"), name,
                   g_strerror (saved_errno));
      return FALSE;
    }
  close (fd);
  return TRUE;
}

static gboolean
write_my_changes (PlProject         *self,
                  const char        *folder,
                  const PlCoder     *coder,
                  PlTeamSyncReport  *report,
                  GError           **error)
{
  g_autofree char *name = g_strconcat (coder->guid, PL_TEAM_CHANGES_EXTENSION, NULL);
  g_autoptr(GHashTable) sent = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GString) out = g_string_new (NULL);
  Writer writer = { self, coder, sent, seen, out, 0, 0 };
  gboolean exists;
  guint64 file_seq;
  goffset whole;

  report->file = g_build_filename (folder, name, NULL);
  writer.seq = file_last_seq (self, name);
  if (!inspect_my_file (report->file, &exists, &file_seq, &whole, error))
    return FALSE;
  if (exists)
    {
      if (!load_sent (&writer, error))
        return FALSE;
    }
  else
    {
      /* No file (a new team folder, or the file was lost): everything is written anew,
       * numbered after what the others may have read of a lost one. */
      pl_team_append_header (out, self, coder);
      if (!forget_sent (self, coder, error))
        return FALSE;
    }
  writer.seq = MAX (writer.seq, file_seq);

  if (!write_annotations (&writer, error))
    return FALSE;
  report->n_written = writer.n_written;
  if (out->len == 0)
    return TRUE;

  return remember_file (self, name, coder->guid, TRUE, writer.seq, error)
         && append_to_file (report->file, whole, out, error);
}

/* Reading the others' changes */

static gint
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* The change files of the folder but mine, sorted. */
static GPtrArray *
list_change_files (const char  *folder,
                   const char  *mine,
                   GError     **error)
{
  g_autoptr(GDir) dir = g_dir_open (folder, 0, error);
  GPtrArray *names;
  const char *name;

  if (dir == NULL)
    return NULL;
  names = g_ptr_array_new_with_free_func (g_free);
  while ((name = g_dir_read_name (dir)) != NULL)
    if (name[0] != '.' && g_str_has_suffix (name, PL_TEAM_CHANGES_EXTENSION)
        && strcmp (name, mine) != 0)
      g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);
  return names;
}

static void
add_message (PlTeamSyncReport *report,
             char             *message)
{
  g_ptr_array_add (report->messages, message);
}

/* Stages one other coder's file; FALSE only when the project cannot be read or written. */
static gboolean
read_their_file (PlProject         *self,
                 const char        *folder,
                 const char        *name,
                 const PlCoder     *me,
                 PlTeamSyncReport  *report,
                 GError           **error)
{
  g_autofree char *path = g_build_filename (folder, name, NULL);
  g_autofree char *stem = g_strndup (name, strlen (name) - strlen (PL_TEAM_CHANGES_EXTENSION));
  g_autoptr(PlTeamChanges) changes = NULL;
  g_autoptr(GError) read_error = NULL;
  guint64 last_seq = file_last_seq (self, name);
  PlMergeFile summary;
  gboolean ok;

  changes = pl_team_changes_read_file (path, last_seq, TRUE, &read_error);
  if (changes == NULL)
    {
      add_message (report, g_strdup_printf (_("%s It is read again at the next sync."),
                                            read_error->message));
      return TRUE;
    }
  if (strcmp (changes->coder_guid, stem) != 0 || strcmp (changes->coder_guid, me->guid) == 0)
    {
      add_message (report, g_strdup_printf (_("“%s” is not named after the coder it holds (a "
                                              "copy made by the sync tool?); it is left out."),
                                            changes->display_name));
      return TRUE;
    }
  if (g_strcmp0 (changes->coder_name, me->name) == 0)
    {
      add_message (report, g_strdup_printf (_("“%s” holds the coding of another coder named "
                                              "“%s”, as you are; it is left out. One of you "
                                              "should code under another name."),
                                            changes->display_name, me->name));
      return TRUE;
    }

  report->n_files++;
  ok = pl_team_merge_stage (self, changes, TRUE, &summary, error);
  if (ok)
    {
      report->n_added += summary.n_added;
      report->n_changed += summary.n_changed;
      report->n_removed += summary.n_removed;
      for (guint i = 0; i < summary.skipped->len; i++)
        add_message (report, g_strdup_printf ("%s: %s", changes->display_name,
                                              (char *) g_ptr_array_index (summary.skipped, i)));
      if (changes->damage != NULL)
        add_message (report, g_strdup_printf (_("%s It is read again from there at the next "
                                                "sync."), changes->damage));
      if (changes->last_seq > last_seq)
        ok = remember_file (self, name, changes->coder_guid, FALSE, changes->last_seq, error);
    }
  pl_merge_file_clear (&summary);
  return ok;
}

static gboolean
read_their_changes (PlProject         *self,
                    const char        *folder,
                    const PlCoder     *me,
                    PlTeamSyncReport  *report,
                    GError           **error)
{
  g_autofree char *mine = g_strconcat (me->guid, PL_TEAM_CHANGES_EXTENSION, NULL);
  g_autoptr(GPtrArray) names = NULL;
  g_autoptr(GError) list_error = NULL;

  names = list_change_files (folder, mine, &list_error);
  if (names == NULL)
    {
      g_set_error (error, PL_STORE_ERROR, PL_STORE_ERROR_OPEN,
                   _("The team folder cannot be read: %s"), list_error->message);
      return FALSE;
    }

  if (!pl_team_stage_begin (self, error))
    return FALSE;
  for (guint i = 0; i < names->len; i++)
    if (!read_their_file (self, folder, g_ptr_array_index (names, i), me, report, error))
      return FALSE;

  /* Written, not recorded as a merge: the files are the record of a sync. */
  return pl_team_stage_count (self) == 0 || pl_team_stage_apply (self, 0, error);
}

PlTeamSyncReport *
pl_project_team_sync (PlProject  *self,
                      gint64      coder_id,
                      GError    **error)
{
  g_autoptr(PlTeamSyncReport) report = NULL;
  g_autofree char *folder = NULL;
  PlCoder *coder;

  g_return_val_if_fail (PL_IS_PROJECT (self), NULL);

  folder = pl_project_dup_team_folder (self);
  if (folder == NULL || !g_file_test (folder, G_FILE_TEST_IS_DIR))
    {
      g_autofree char *name = folder != NULL ? g_filename_display_name (folder) : NULL;

      if (name != NULL)
        g_set_error (error, PL_STORE_ERROR, PL_STORE_ERROR_OPEN,
                     _("The team folder “%s” is not there (is the drive connected?)."), name);
      else
        g_set_error (error, PL_STORE_ERROR, PL_STORE_ERROR_INVALID,
                     _("This project has no team folder. Choose the folder your team syncs "
                       "first."));
      return NULL;
    }
  coder = pl_project_find_coder (self, coder_id);
  if (coder == NULL)
    {
      g_set_error (error, PL_STORE_ERROR, PL_STORE_ERROR_NOT_FOUND,
                   _("There is no coder %lld in this project."), (long long) coder_id);
      return NULL;
    }
  coder = pl_coder_ref (coder);

  report = g_new0 (PlTeamSyncReport, 1);
  report->messages = g_ptr_array_new_with_free_func (g_free);

  if (!pl_project_begin (self, error))
    goto failed;
  if (!write_my_changes (self, folder, coder, report, error)
      || !read_their_changes (self, folder, coder, report, error))
    {
      pl_project_rollback (self);
      goto failed;
    }
  if (!pl_project_commit (self, error))
    goto failed;

  pl_coder_unref (coder);
  return g_steal_pointer (&report);

failed:
  pl_coder_unref (coder);
  return NULL;
}
