/* pl-exercise-handin.c — hand-ins: writing a student's, collecting a class's
 *
 * pl-project-exercise.h describes the file and what collecting does.  Reading a hand-in is
 * bounded like every import: the file's size, the archive's limits (pl-archive.h), the
 * JSON's depth (pl-json.h), the change records' checks (pl-team-records.c).  Collecting
 * first decides, file by file, what to do with each (the checks that need no staging), then
 * stages the accepted ones into one merge, each in a savepoint: a file the merge refuses
 * (a code the project lacks, a damaged record) is rolled back alone and listed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "plenary-exercise"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "pl-archive.h"
#include "pl-atomic-file.h"
#include "pl-error.h"
#include "pl-json.h"
#include "pl-limits.h"
#include "pl-project-exercise.h"
#include "pl-project-read.h"
#include "pl-team-private.h"

#define HANDIN_ENTRY "handin.json"
#define MIMETYPE_ENTRY "mimetype"
#define HANDIN_FORMAT "plenary-handin"
#define HANDIN_VERSION 1
/* handin.json is a few hundred bytes; anything much larger is not one. */
#define MAX_HANDIN_JSON_BYTES (64 * 1024)
/* A name of a person, as a coder's. */
#define MAX_NAME_CHARS 200

/* Writing */

char *
pl_file_name_part (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == '/' || c == '\\' || c == ':' || c == '*' || c == '?' || c == '"' || c == '<'
          || c == '>' || c == '|')
        g_string_append_c (out, '-');
      else if (g_unichar_iscntrl (c))
        g_string_append_c (out, ' ');
      else
        g_string_append_unichar (out, c);
    }
  g_strstrip (out->str);
  while (out->str[0] == '.')
    g_string_erase (out, 0, 1);
  return g_string_free (out, FALSE);
}

static PlCoder *
find_coder_by_guid (PlProject  *self,
                    const char *guid)
{
  g_autoptr(GPtrArray) coders = pl_project_list_coders (self);

  for (guint i = 0; i < coders->len; i++)
    {
      PlCoder *coder = g_ptr_array_index (coders, i);

      if (g_strcmp0 (coder->guid, guid) == 0)
        return pl_project_find_coder (self, coder->id);
    }
  return NULL;
}

/* The work's exercise and its student, or FALSE with @error. */
static gboolean
work_of (PlProject    *self,
         PlExercise  **out_exercise,
         PlCoder     **out_student,
         GError      **error)
{
  g_autofree char *name = g_filename_display_basename (pl_project_get_path (self));

  *out_exercise = pl_project_dup_work_exercise (self);
  if (*out_exercise == NULL)
    {
      g_set_error (error, PL_STORE_ERROR, PL_STORE_ERROR_INVALID,
                   _("“%s” is not the work for an exercise: open the exercise’s pack to start "
                     "one."), name);
      return FALSE;
    }
  *out_student = find_coder_by_guid (self, (*out_exercise)->student_guid);
  if (*out_student == NULL)
    {
      g_set_error (error, PL_STORE_ERROR, PL_STORE_ERROR_NOT_FOUND,
                   _("“%s” has lost its student’s coder; it cannot be handed in."), name);
      g_clear_pointer (out_exercise, pl_exercise_free);
      return FALSE;
    }
  return TRUE;
}

char *
pl_project_dup_handin_name (PlProject *self)
{
  g_autoptr(PlExercise) exercise = NULL;
  g_autofree char *student = NULL;
  g_autofree char *title = NULL;
  PlCoder *coder;

  g_return_val_if_fail (PL_IS_PROJECT (self), NULL);

  if (!work_of (self, &exercise, &coder, NULL))
    return NULL;
  student = pl_file_name_part (coder->name);
  title = pl_file_name_part (exercise->title);
  return g_strdup_printf ("%s — %s%s", student, title, PL_HANDIN_EXTENSION);
}

/* Now, to the microsecond, so that the later of two hand-ins is always known. */
static char *
now_precise (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  return g_date_time_format (now, "%Y-%m-%dT%H:%M:%S.%fZ");
}

static GBytes *
handin_json (const PlExercise  *exercise,
             const PlCoder     *student,
             const char        *checksum,
             guint              n_annotations)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *now = now_precise ();
  char *text;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "format");
  json_builder_add_string_value (builder, HANDIN_FORMAT);
  json_builder_set_member_name (builder, "version");
  json_builder_add_int_value (builder, HANDIN_VERSION);
  json_builder_set_member_name (builder, "exercise");
  json_builder_add_string_value (builder, exercise->guid);
  json_builder_set_member_name (builder, "title");
  json_builder_add_string_value (builder, exercise->title);
  json_builder_set_member_name (builder, "student");
  json_builder_add_string_value (builder, student->name);
  json_builder_set_member_name (builder, "student_guid");
  json_builder_add_string_value (builder, student->guid);
  json_builder_set_member_name (builder, "checksum");
  json_builder_add_string_value (builder, checksum);
  json_builder_set_member_name (builder, "handed_in");
  json_builder_add_string_value (builder, now);
  json_builder_set_member_name (builder, "annotations");
  json_builder_add_int_value (builder, n_annotations);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  text = json_to_string (root, TRUE);
  return g_bytes_new_take (text, strlen (text));
}

gboolean
pl_project_write_handin (PlProject  *self,
                         GFile      *destination,
                         GError    **error)
{
  g_autoptr(PlExercise) exercise = NULL;
  g_autoptr(PlProjectReader) snapshot = NULL;
  g_autoptr(GPtrArray) coders = NULL;
  g_autoptr(GArray) coder_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GString) records = g_string_new (NULL);
  g_autoptr(GBytes) mimetype = g_bytes_new_static (PL_HANDIN_MIME_TYPE, strlen (PL_HANDIN_MIME_TYPE));
  g_autoptr(GBytes) header = NULL;
  g_autoptr(GBytes) changes = NULL;
  g_autoptr(GBytes) zip = NULL;
  g_autofree char *checksum = NULL;
  PlCoder *student;

  g_return_val_if_fail (PL_IS_PROJECT (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (destination), FALSE);

  if (!work_of (self, &exercise, &student, error))
    return FALSE;

  /* One read transaction: the hand-in is one committed state of the work. */
  snapshot = pl_project_reader_new_for_project (self, error);
  if (snapshot == NULL)
    return FALSE;
  checksum = pl_project_dup_exercise_checksum (self, exercise, error);
  if (checksum == NULL)
    return FALSE;
  /* Whoever coded in the work (the command line codes under the account's name unless
   * told otherwise), it is the student's. */
  coders = pl_project_list_coders (self);
  for (guint i = 0; i < coders->len; i++)
    g_array_append_val (coder_ids, ((PlCoder *) g_ptr_array_index (coders, i))->id);
  if (!pl_team_coding_records (self, student, coder_ids, records, error))
    return FALSE;
  header = handin_json (exercise, student, checksum, pl_project_count_annotations (self));
  g_clear_pointer (&snapshot, pl_project_reader_free);

  changes = g_bytes_new_static (records->str, records->len);
  {
    PlArchiveEntry entries[] = {
      { MIMETYPE_ENTRY, mimetype, TRUE },
      { HANDIN_ENTRY, header, FALSE },
      { PL_CODING_FILE_ENTRY, changes, FALSE },
    };

    zip = pl_archive_write_zip (entries, G_N_ELEMENTS (entries), error);
  }
  if (zip == NULL)
    return FALSE;
  return pl_atomic_file_write (destination, g_bytes_get_data (zip, NULL), g_bytes_get_size (zip),
                               NULL, error);
}

/* Reading */

/* One file to collect, as read (in any thread). */
typedef struct
{
  char          *path;
  char          *name;
  char          *sha256;         /* of the whole file */
  GError        *error;          /* why it cannot be read; the rest is unset */
  PlTeamChanges *changes;
  char          *exercise_guid;
  char          *title;
  char          *student;
  char          *student_guid;
  char          *checksum;
  char          *handed_in;
  GDateTime     *handed_in_time;
} Handin;

static void
handin_free (gpointer data)
{
  Handin *handin = data;

  g_free (handin->path);
  g_free (handin->name);
  g_free (handin->sha256);
  g_clear_error (&handin->error);
  g_clear_pointer (&handin->changes, pl_team_changes_free);
  g_free (handin->exercise_guid);
  g_free (handin->title);
  g_free (handin->student);
  g_free (handin->student_guid);
  g_free (handin->checksum);
  g_free (handin->handed_in);
  g_clear_pointer (&handin->handed_in_time, g_date_time_unref);
  g_free (handin);
}

static gboolean
want_entry (const char *name,
            gpointer    data)
{
  return strcmp (name, HANDIN_ENTRY) == 0 || strcmp (name, PL_CODING_FILE_ENTRY) == 0
         || strcmp (name, MIMETYPE_ENTRY) == 0;
}

static gboolean
is_sha256 (const char *text)
{
  gsize n = 0;

  for (; text != NULL && g_ascii_isxdigit (text[n]); n++)
    ;
  return text != NULL && n == 64 && text[n] == '\0';
}

/* A name as a person's: one line, not empty, not too long. */
static gboolean
is_name (const char *text)
{
  if (text == NULL || text[0] == '\0' || g_utf8_strlen (text, -1) > MAX_NAME_CHARS)
    return FALSE;
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    if (g_unichar_iscntrl (g_utf8_get_char (p)))
      return FALSE;
  return TRUE;
}

static gboolean
set_malformed (Handin      *handin,
               const char  *why)
{
  g_set_error (&handin->error, PL_IMPORT_ERROR, PL_IMPORT_ERROR_MALFORMED,
               _("“%s” is not a Plenary hand-in, or it is damaged: %s"), handin->name, why);
  return FALSE;
}

/* Reads handin.json into @handin. */
static gboolean
read_header (Handin  *handin,
             GBytes  *bytes)
{
  g_autoptr(JsonNode) root = NULL;
  JsonObject *object;
  JsonNode *version;
  gsize length;
  const char *data = g_bytes_get_data (bytes, &length);

  if (length > MAX_HANDIN_JSON_BYTES)
    return set_malformed (handin, _("its description is too large."));
  root = pl_json_parse (data, (gssize) length, handin->name, &handin->error);
  if (root == NULL)
    return FALSE;
  if (!JSON_NODE_HOLDS_OBJECT (root))
    return set_malformed (handin, _("its description is not a JSON object."));
  object = json_node_get_object (root);
  version = json_object_get_member (object, "version");
  if (g_strcmp0 (pl_json_member_string (object, "format"), HANDIN_FORMAT) != 0
      || version == NULL || !JSON_NODE_HOLDS_VALUE (version)
      || json_node_get_value_type (version) != G_TYPE_INT64 || json_node_get_int (version) < 1)
    return set_malformed (handin, _("its description is not one of a hand-in."));
  if (json_node_get_int (version) > HANDIN_VERSION)
    {
      g_set_error (&handin->error, PL_IMPORT_ERROR, PL_IMPORT_ERROR_UNSUPPORTED,
                   _("“%s” was handed in with a newer version of Plenary. Update Plenary to "
                     "collect it."), handin->name);
      return FALSE;
    }

  handin->exercise_guid = g_strdup (pl_json_member_string (object, "exercise"));
  handin->title = g_strdup (pl_json_member_string (object, "title"));
  handin->student = g_strdup (pl_json_member_string (object, "student"));
  handin->student_guid = g_strdup (pl_json_member_string (object, "student_guid"));
  handin->checksum = g_ascii_strdown (pl_json_member_string (object, "checksum") != NULL
                                      ? pl_json_member_string (object, "checksum") : "", -1);
  handin->handed_in = g_strdup (pl_json_member_string (object, "handed_in"));
  if (handin->handed_in != NULL)
    handin->handed_in_time = g_date_time_new_from_iso8601 (handin->handed_in, NULL);
  if (handin->exercise_guid == NULL || !g_uuid_string_is_valid (handin->exercise_guid)
      || !is_name (handin->student) || handin->student_guid == NULL
      || handin->student_guid[0] == '\0' || strlen (handin->student_guid) > 100
      || !is_sha256 (handin->checksum) || handin->handed_in_time == NULL
      || (handin->title != NULL && !is_name (handin->title)))
    return set_malformed (handin, _("a value of its description is missing or out of range."));
  return TRUE;
}

static gboolean
read_entries (Handin        *handin,
              const guint8  *data,
              gsize          length)
{
  g_autoptr(GHashTable) entries = NULL;
  GBytes *mimetype, *header, *records;

  if (length < 4 || memcmp (data, "PK\003\004", 4) != 0)
    return set_malformed (handin, _("it is not a ZIP archive."));
  entries = pl_archive_read_zip (data, length,
                                 &(PlArchiveOptions) { .display_name = handin->name,
                                                       .max_entry_bytes = PL_LIMIT_FILE_BYTES,
                                                       .want = want_entry },
                                 &handin->error);
  if (entries == NULL)
    return FALSE;

  mimetype = g_hash_table_lookup (entries, MIMETYPE_ENTRY);
  if (mimetype != NULL && g_bytes_get_size (mimetype) == strlen (PL_EXERCISE_MIME_TYPE)
      && memcmp (g_bytes_get_data (mimetype, NULL), PL_EXERCISE_MIME_TYPE,
                 strlen (PL_EXERCISE_MIME_TYPE)) == 0)
    {
      g_set_error (&handin->error, PL_IMPORT_ERROR, PL_IMPORT_ERROR_UNSUPPORTED,
                   _("“%s” is an exercise pack, not a hand-in: students open it, code, and "
                     "hand in their work."), handin->name);
      return FALSE;
    }
  header = g_hash_table_lookup (entries, HANDIN_ENTRY);
  records = g_hash_table_lookup (entries, PL_CODING_FILE_ENTRY);
  if (header == NULL || records == NULL)
    return set_malformed (handin, _("it lacks the student’s description or coding."));
  if (!read_header (handin, header))
    return FALSE;

  handin->changes = pl_team_changes_parse (records, handin->name, 0, FALSE, &handin->error);
  if (handin->changes == NULL)
    return FALSE;
  if (g_strcmp0 (handin->changes->coder_guid, handin->student_guid) != 0
      || g_strcmp0 (handin->changes->coder_name, handin->student) != 0)
    return set_malformed (handin, _("its coding is not its student’s."));
  return TRUE;
}

/* Reads one file; any failure is kept in the result's @error. */
static Handin *
handin_read (const char *path)
{
  Handin *handin = g_new0 (Handin, 1);
  g_autofree char *data = NULL;
  g_autoptr(GError) read_error = NULL;
  GStatBuf info;
  gsize length = 0;

  handin->path = g_strdup (path);
  handin->name = g_filename_display_basename (path);

  if (g_stat (path, &info) == 0 && S_ISREG (info.st_mode)
      && (guint64) info.st_size > PL_LIMIT_FILE_BYTES)
    {
      g_set_error (&handin->error, PL_IMPORT_ERROR, PL_IMPORT_ERROR_TOO_LARGE,
                   _("“%s” is larger than %u MB; Plenary does not read it."), handin->name,
                   (guint) (PL_LIMIT_FILE_BYTES / 1024 / 1024));
      return handin;
    }
  if (!g_file_get_contents (path, &data, &length, &read_error))
    {
      g_set_error (&handin->error, PL_IMPORT_ERROR, PL_IMPORT_ERROR_READ,
                   _("“%s” could not be read: %s"), handin->name, read_error->message);
      return handin;
    }
  handin->sha256 = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) data, length);
  read_entries (handin, (const guint8 *) data, length);
  return handin;
}

static GPtrArray *
read_handins (const char * const  *paths,
              GCancellable        *cancellable,
              GError             **error)
{
  g_autoptr(GPtrArray) handins = g_ptr_array_new_with_free_func (handin_free);

  for (guint i = 0; paths[i] != NULL; i++)
    {
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return NULL;
      g_ptr_array_add (handins, handin_read (paths[i]));
    }
  return g_steal_pointer (&handins);
}

/* Deciding */

/* What collecting does with one file. */
typedef struct
{
  Handin          *handin;
  PlHandinResult  *result;
  PlExercise      *exercise;    /* borrowed */
  char            *coder_guid;  /* added or replaced: the student's coder in the project */
  JsonObject      *old_row;     /* replaced: the row it replaces */
} Decision;

static void
decision_clear (gpointer data)
{
  Decision *decision = data;

  g_free (decision->coder_guid);
  g_clear_pointer (&decision->old_row, json_object_unref);
}

static void
result_clear (gpointer data)
{
  PlHandinResult *result = data;

  g_free (result->path);
  g_free (result->name);
  g_free (result->reason);
  g_free (result->student);
  g_free (result->exercise_guid);
  g_clear_pointer (&result->left_out, g_ptr_array_unref);
}

void
pl_collect_report_free (PlCollectReport *report)
{
  if (report == NULL)
    return;
  g_array_unref (report->results);
  g_free (report);
}

static void
decide (Decision        *decision,
        PlHandinOutcome  outcome,
        char            *reason)
{
  decision->result->outcome = outcome;
  g_free (decision->result->reason);
  decision->result->reason = reason;
}

typedef struct
{
  PlProject *project;
  GHashTable *exercises;   /* GUID → PlExercise */
  GArray     *decisions;   /* Decision */
} Collect;

/* A row of exercise_handins as the operation "exercise.handins" takes it, or NULL. */
static JsonObject *
read_row (PlProject   *project,
          const char  *sql,
          const char  *exercise_guid,
          const char  *key)
{
  sqlite3_stmt *stmt = pl_project_prepare (project, sql, NULL);
  const char *columns[] = { "exercise", "coder", "source", "student", "handed_in", "sha256",
                            "file" };
  JsonObject *row = NULL;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, exercise_guid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, key, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      row = json_object_new ();
      for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
        pl_json_set_string_or_null (row, columns[i], (const char *) sqlite3_column_text (stmt, (int) i));
      json_object_set_int_member (row, "ordinal", sqlite3_column_int64 (stmt, 7));
      pl_json_set_string_or_null (row, "collected", (const char *) sqlite3_column_text (stmt, 8));
    }
  sqlite3_reset (stmt);
  return row;
}

#define ROW_SQL(WHERE) \
  "SELECT exercise_guid, coder_guid, source_guid, student, handed_in, sha256, file, ordinal," \
  " collected FROM exercise_handins WHERE exercise_guid = ?1 AND " WHERE

static gboolean
newer (Handin *a,
       Handin *b)
{
  return g_date_time_compare (a->handed_in_time, b->handed_in_time) > 0;
}

/* The checks one file passes alone: readable, an exercise of this project, its texts. */
static void
decide_alone (Collect  *collect,
              Decision *decision)
{
  Handin *handin = decision->handin;

  if (handin->error != NULL)
    {
      decide (decision, PL_HANDIN_REFUSED, g_strdup (handin->error->message));
      return;
    }
  decision->exercise = g_hash_table_lookup (collect->exercises, handin->exercise_guid);
  if (decision->exercise == NULL)
    decide (decision, PL_HANDIN_REFUSED,
            g_strdup_printf (_("“%s” was handed in for another exercise (“%s”): this project did "
                               "not make it."), handin->name,
                             handin->title != NULL ? handin->title : handin->exercise_guid));
  else if (strcmp (handin->checksum, decision->exercise->checksum) != 0)
    decide (decision, PL_HANDIN_REFUSED,
            g_strdup_printf (_("The texts of “%s” differ from those of the exercise “%s”: they "
                               "were altered."), handin->name, decision->exercise->title));
}

/* Of the files of one student for one exercise, the newest goes on. */
static void
decide_among_files (Collect *collect)
{
  for (guint i = 0; i < collect->decisions->len; i++)
    {
      Decision *a = &g_array_index (collect->decisions, Decision, i);

      for (guint k = 0; k < i && a->result->outcome == PL_HANDIN_ADDED; k++)
        {
          Decision *b = &g_array_index (collect->decisions, Decision, k);

          if (b->result->outcome != PL_HANDIN_ADDED
              || strcmp (a->handin->exercise_guid, b->handin->exercise_guid) != 0
              || strcmp (a->handin->student_guid, b->handin->student_guid) != 0)
            continue;
          if (strcmp (a->handin->sha256, b->handin->sha256) == 0)
            decide (a, PL_HANDIN_UNCHANGED,
                    g_strdup_printf (_("“%s” is the same hand-in as “%s”."), a->handin->name,
                                     b->handin->name));
          else if (newer (a->handin, b->handin))
            decide (b, PL_HANDIN_SUPERSEDED,
                    g_strdup_printf (_("“%s” is a newer hand-in of %s."), a->handin->name,
                                     a->handin->student));
          else
            decide (a, PL_HANDIN_SUPERSEDED,
                    g_strdup_printf (_("“%s” is a newer hand-in of %s."), b->handin->name,
                                     b->handin->student));
        }
    }
}

/* The project's coder named @name, with whether the project collected a hand-in of it. */
static char *
coder_named (PlProject   *project,
             const char  *name,
             gboolean    *is_student)
{
  sqlite3_stmt *stmt;
  char *guid = NULL;

  *is_student = FALSE;
  stmt = pl_project_prepare (project,
                             "SELECT c.guid, EXISTS (SELECT 1 FROM exercise_handins AS h"
                             " WHERE h.coder_guid = c.guid) FROM coders AS c WHERE c.name = ?", NULL);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      guid = pl_sql_dup_text (stmt, 0);
      *is_student = sqlite3_column_int (stmt, 1) != 0;
    }
  sqlite3_reset (stmt);
  return guid;
}

/* A student the exercise has not had: refused when the name is another person's. */
static void
decide_new_student (Collect  *collect,
                    Decision *decision,
                    guint     index)
{
  Handin *handin = decision->handin;
  g_autoptr(JsonObject) namesake = NULL;
  g_autofree char *coder = NULL;
  gboolean is_student;

  namesake = read_row (collect->project, ROW_SQL ("student = ?2"), handin->exercise_guid,
                       handin->student);
  if (namesake != NULL)
    {
      decide (decision, PL_HANDIN_REFUSED,
              g_strdup_printf (_("“%s”: another student named %s has handed in this exercise "
                                 "already (“%s”). Ask this student to start the exercise again "
                                 "under a name that tells them apart."), handin->name,
                               handin->student, pl_json_member_string (namesake, "file")));
      return;
    }
  for (guint k = 0; k < index; k++)
    {
      Decision *other = &g_array_index (collect->decisions, Decision, k);

      if (other->coder_guid != NULL
          && strcmp (other->handin->exercise_guid, handin->exercise_guid) == 0
          && strcmp (other->handin->student, handin->student) == 0)
        {
          decide (decision, PL_HANDIN_REFUSED,
                  g_strdup_printf (_("“%s”: another student named %s hands in this exercise "
                                     "(“%s”). Ask one of them to start the exercise again under "
                                     "a name that tells them apart."), handin->name,
                                   handin->student, other->handin->name));
          return;
        }
    }

  coder = coder_named (collect->project, handin->student, &is_student);
  if (coder != NULL && strcmp (coder, handin->student_guid) != 0 && !is_student)
    {
      decide (decision, PL_HANDIN_REFUSED,
              g_strdup_printf (_("“%s”: %s is the name of a coder of this project who is not a "
                                 "student (the reference, or a member of the team). Ask the "
                                 "student to start the exercise again under another name."),
                               handin->name, handin->student));
      return;
    }
  /* A student of another exercise of this project is the same person, found by name. */
  decision->coder_guid = coder != NULL ? g_steal_pointer (&coder) : g_strdup (handin->student_guid);
}

static void
decide_against_project (Collect *collect)
{
  for (guint i = 0; i < collect->decisions->len; i++)
    {
      Decision *decision = &g_array_index (collect->decisions, Decision, i);
      Handin *handin = decision->handin;
      g_autoptr(JsonObject) row = NULL;
      g_autoptr(GDateTime) collected_time = NULL;

      if (decision->result->outcome != PL_HANDIN_ADDED)
        continue;
      row = read_row (collect->project, ROW_SQL ("source_guid = ?2"), handin->exercise_guid,
                      handin->student_guid);
      if (row == NULL)
        {
          decide_new_student (collect, decision, i);
          continue;
        }

      collected_time = g_date_time_new_from_iso8601 (pl_json_member_string (row, "handed_in"), NULL);
      if (g_strcmp0 (pl_json_member_string (row, "sha256"), handin->sha256) == 0)
        decide (decision, PL_HANDIN_UNCHANGED,
                g_strdup_printf (_("“%s” was collected already."), handin->name));
      else if (collected_time != NULL
               && g_date_time_compare (handin->handed_in_time, collected_time) <= 0)
        decide (decision, PL_HANDIN_SUPERSEDED,
                g_strdup_printf (_("A newer hand-in of %s (“%s”) was collected already."),
                                 handin->student, pl_json_member_string (row, "file")));
      else
        {
          decision->result->outcome = PL_HANDIN_REPLACED;
          decision->coder_guid = g_strdup (pl_json_member_string (row, "coder"));
          decision->old_row = g_steal_pointer (&row);
        }
    }
}

/* Staging and writing */

static GArray *
exercise_document_ids (PlProject        *project,
                       const PlExercise *exercise)
{
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  GListModel *documents = pl_project_get_documents (project);

  for (guint i = 0; i < g_list_model_get_n_items (documents); i++)
    {
      g_autoptr(PlDocument) document = g_list_model_get_item (documents, i);
      gint64 id = pl_document_get_id (document);

      for (guint k = 0; k < exercise->documents->len; k++)
        if (g_strcmp0 (((PlExerciseDocument *) g_ptr_array_index (exercise->documents, k))->guid,
                       pl_document_get_guid (document)) == 0)
          g_array_append_val (ids, id);
    }
  return ids;
}

/* Stages one accepted file in a savepoint of its own; a file the merge refuses is rolled
 * back and marked refused.  FALSE only when the project cannot be written. */
static gboolean
stage_one (Collect   *collect,
           Decision  *decision,
           GError   **error)
{
  PlProject *project = collect->project;
  PlMergeFile summary = { 0 };
  g_autoptr(GError) refusal = NULL;
  guint n_removed = 0;
  gboolean ok;

  if (!pl_project_exec (project, "SAVEPOINT handin", error))
    return FALSE;
  ok = pl_team_merge_stage (project, decision->handin->changes, FALSE, &summary, &refusal);
  if (ok && decision->result->outcome == PL_HANDIN_REPLACED)
    {
      g_autoptr(GArray) ids = exercise_document_ids (project, decision->exercise);

      ok = pl_team_stage_remove_unnamed (project, decision->coder_guid, ids, &n_removed, &refusal);
    }
  if (!ok)
    {
      pl_merge_file_clear (&summary);
      decide (decision, PL_HANDIN_REFUSED, g_strdup (refusal->message));
      return pl_project_exec (project, "ROLLBACK TO handin; RELEASE handin", error);
    }

  decision->result->n_added = summary.n_added;
  decision->result->n_changed = summary.n_changed;
  decision->result->n_removed = summary.n_removed + n_removed;
  g_ptr_array_extend_and_steal (decision->result->left_out, g_steal_pointer (&summary.skipped));
  pl_merge_file_clear (&summary);
  return pl_project_exec (project, "RELEASE handin", error);
}

static gint64
next_ordinal (PlProject  *project,
              const char *exercise_guid)
{
  sqlite3_stmt *stmt;
  gint64 ordinal = 1;

  stmt = pl_project_prepare (project, "SELECT coalesce (max (ordinal), 0) + 1"
                                      " FROM exercise_handins WHERE exercise_guid = ?", NULL);
  if (stmt == NULL)
    return 1;
  sqlite3_bind_text (stmt, 1, exercise_guid, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    ordinal = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return ordinal;
}

static JsonObject *
key_object (const char *exercise_guid,
            const char *coder_guid)
{
  JsonObject *key = json_object_new ();

  json_object_set_string_member (key, "exercise", exercise_guid);
  json_object_set_string_member (key, "coder", coder_guid);
  return key;
}

/* The operations that record the collected files' rows, and take them back. */
static void
handin_ops (Collect     *collect,
            JsonObject **out_redo,
            JsonObject **out_undo)
{
  JsonArray *set = json_array_new (), *unset = json_array_new ();
  JsonArray *old = json_array_new (), *added = json_array_new ();
  g_autoptr(GHashTable) ordinals = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  g_autofree char *now = pl_now_iso8601 ();

  for (guint i = 0; i < collect->decisions->len; i++)
    {
      Decision *decision = &g_array_index (collect->decisions, Decision, i);
      Handin *handin = decision->handin;
      JsonObject *row;
      gint64 *ordinal;

      if (decision->result->outcome != PL_HANDIN_ADDED
          && decision->result->outcome != PL_HANDIN_REPLACED)
        continue;
      row = json_object_new ();
      json_object_set_string_member (row, "exercise", handin->exercise_guid);
      json_object_set_string_member (row, "coder", decision->coder_guid);
      json_object_set_string_member (row, "source", handin->student_guid);
      json_object_set_string_member (row, "student", handin->student);
      json_object_set_string_member (row, "handed_in", handin->handed_in);
      json_object_set_string_member (row, "sha256", handin->sha256);
      json_object_set_string_member (row, "file", handin->name);
      json_object_set_string_member (row, "collected", now);
      if (decision->old_row != NULL)
        {
          json_object_set_int_member (row, "ordinal",
                                      json_object_get_int_member (decision->old_row, "ordinal"));
          json_array_add_object_element (old, json_object_ref (decision->old_row));
        }
      else
        {
          ordinal = g_hash_table_lookup (ordinals, handin->exercise_guid);
          if (ordinal == NULL)
            {
              ordinal = g_new (gint64, 1);
              *ordinal = next_ordinal (collect->project, handin->exercise_guid);
              g_hash_table_insert (ordinals, handin->exercise_guid, ordinal);
            }
          json_object_set_int_member (row, "ordinal", (*ordinal)++);
          json_array_add_object_element (added, key_object (handin->exercise_guid,
                                                            decision->coder_guid));
        }
      json_array_add_object_element (set, row);
    }

  *out_redo = pl_history_op_new ("exercise.handins");
  json_object_set_array_member (*out_redo, "set", set);
  json_object_set_array_member (*out_redo, "unset", unset);
  *out_undo = pl_history_op_new ("exercise.handins");
  json_object_set_array_member (*out_undo, "set", old);
  json_object_set_array_member (*out_undo, "unset", added);
}

static char *
collect_label (Collect *collect,
               guint    n_collected)
{
  for (guint i = 0; i < collect->decisions->len && n_collected == 1; i++)
    {
      Decision *decision = &g_array_index (collect->decisions, Decision, i);

      if (decision->result->outcome == PL_HANDIN_ADDED
          || decision->result->outcome == PL_HANDIN_REPLACED)
        return g_strdup_printf (_("Collect the Hand-in of %s"), decision->handin->student);
    }
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Collect %u Hand-in",
                                       "Collect %u Hand-ins", n_collected), n_collected);
}

static guint
count_collected (Collect *collect)
{
  guint n = 0;

  for (guint i = 0; i < collect->decisions->len; i++)
    {
      PlHandinOutcome outcome = g_array_index (collect->decisions, Decision, i).result->outcome;

      n += outcome == PL_HANDIN_ADDED || outcome == PL_HANDIN_REPLACED;
    }
  return n;
}

/* Stages the accepted files and writes them, with their rows, as one action. */
static gboolean
write_collected (Collect  *collect,
                 GError  **error)
{
  PlProject *project = collect->project;
  g_autofree char *label = NULL;
  PlHistoryAction *action;
  JsonObject *redo, *undo;

  action = pl_history_begin (pl_project_get_history (project), error);
  if (action == NULL)
    return FALSE;
  if (!pl_team_merge_begin (project, error) || !pl_team_stage_begin (project, error))
    goto failed;
  for (guint i = 0; i < collect->decisions->len; i++)
    {
      Decision *decision = &g_array_index (collect->decisions, Decision, i);

      if ((decision->result->outcome == PL_HANDIN_ADDED
           || decision->result->outcome == PL_HANDIN_REPLACED)
          && !stage_one (collect, decision, error))
        goto failed;
    }
  if (count_collected (collect) == 0)
    {
      pl_history_action_abort (action);
      return TRUE;
    }

  label = collect_label (collect, count_collected (collect));
  if (pl_team_stage_count (project) > 0 && !pl_team_merge_write (project, action, label, error))
    goto failed;
  handin_ops (collect, &redo, &undo);
  if (!pl_history_action_run (action, redo, undo, error))
    goto failed;
  return pl_history_action_commit (action, label, error);

failed:
  pl_history_action_abort (action);
  return FALSE;
}

static PlCollectReport *
collect_handins (PlProject  *project,
                 GPtrArray  *handins,
                 GError    **error)
{
  g_autoptr(PlCollectReport) report = g_new0 (PlCollectReport, 1);
  g_autoptr(GPtrArray) exercises = NULL;
  Collect collect = { project };
  gboolean ok;

  report->results = g_array_sized_new (FALSE, TRUE, sizeof (PlHandinResult), handins->len);
  g_array_set_clear_func (report->results, result_clear);
  g_array_set_size (report->results, handins->len);

  exercises = pl_project_list_exercises (project, error);
  if (exercises == NULL)
    return NULL;
  collect.exercises = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < exercises->len; i++)
    g_hash_table_insert (collect.exercises, ((PlExercise *) g_ptr_array_index (exercises, i))->guid,
                         g_ptr_array_index (exercises, i));
  collect.decisions = g_array_sized_new (FALSE, TRUE, sizeof (Decision), handins->len);
  g_array_set_clear_func (collect.decisions, decision_clear);

  for (guint i = 0; i < handins->len; i++)
    {
      Handin *handin = g_ptr_array_index (handins, i);
      PlHandinResult *result = &g_array_index (report->results, PlHandinResult, i);
      Decision decision = { handin, result };

      result->path = g_strdup (handin->path);
      result->name = g_strdup (handin->name);
      result->outcome = PL_HANDIN_ADDED;
      result->student = g_strdup (handin->student);
      result->exercise_guid = g_strdup (handin->exercise_guid);
      result->left_out = g_ptr_array_new_with_free_func (g_free);
      g_array_append_val (collect.decisions, decision);
      decide_alone (&collect, &g_array_index (collect.decisions, Decision, i));
    }
  decide_among_files (&collect);
  decide_against_project (&collect);

  ok = write_collected (&collect, error);
  report->n_collected = count_collected (&collect);
  for (guint i = 0; i < report->results->len; i++)
    report->n_refused += g_array_index (report->results, PlHandinResult, i).outcome == PL_HANDIN_REFUSED;
  g_array_unref (collect.decisions);
  g_hash_table_unref (collect.exercises);

  return ok ? g_steal_pointer (&report) : NULL;
}

PlCollectReport *
pl_project_collect_handins (PlProject           *self,
                            const char * const  *paths,
                            GError             **error)
{
  g_autoptr(GPtrArray) handins = NULL;

  g_return_val_if_fail (PL_IS_PROJECT (self), NULL);
  g_return_val_if_fail (paths != NULL, NULL);

  handins = read_handins (paths, NULL, error);
  if (handins == NULL)
    return NULL;
  return collect_handins (self, handins, error);
}

static void
read_in_thread (GTask        *task,
                gpointer      source,
                gpointer      data,
                GCancellable *cancellable)
{
  GError *error = NULL;
  GPtrArray *handins = read_handins (data, cancellable, &error);

  if (handins != NULL)
    g_task_return_pointer (task, handins, (GDestroyNotify) g_ptr_array_unref);
  else
    g_task_return_error (task, error);
}

void
pl_project_collect_handins_async (PlProject           *self,
                                  const char * const  *paths,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (PL_IS_PROJECT (self));
  g_return_if_fail (paths != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, pl_project_collect_handins_async);
  g_task_set_task_data (task, g_strdupv ((char **) paths), (GDestroyNotify) g_strfreev);
  g_task_run_in_thread (task, read_in_thread);
}

PlCollectReport *
pl_project_collect_handins_finish (PlProject     *self,
                                   GAsyncResult  *result,
                                   GError       **error)
{
  g_autoptr(GPtrArray) handins = NULL;

  g_return_val_if_fail (PL_IS_PROJECT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  handins = g_task_propagate_pointer (G_TASK (result), error);
  if (handins == NULL)
    return NULL;
  return collect_handins (self, handins, error);
}
