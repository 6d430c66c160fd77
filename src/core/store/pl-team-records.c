/* pl-team-records.c — change records: a coder's work as JSON Lines, read and written
 *
 * pl-project-team.h describes the records.  Reading is bounded: a file is refused past its
 * size limit, a line past PL_TEAM_MAX_LINE_BYTES, each line is parsed with pl_json_parse()
 * (nesting depth checked first), and every member is checked for its type before it is
 * read.  Annotation records already merged are recognised by their first bytes, which the
 * writer always writes the same way ({"seq":N,"annotation": or "remove":), and skipped
 * without being parsed: a team folder's files are read again at every sync.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "plenary-team"

#include "config.h"

#include <errno.h>
#include <string.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "pl-archive.h"
#include "pl-error.h"
#include "pl-json.h"
#include "pl-limits.h"
#include "pl-team-private.h"

#define FORMAT_NAME "plenary-changes"
#define FORMAT_VERSION 1
/* Longer than any GUID a tool writes; a longer one is damage. */
#define MAX_GUID_BYTES 100

/* Freeing */

static void
team_document_free (gpointer data)
{
  PlTeamDocument *document = data;

  g_free (document->guid);
  g_free (document->sha256);
  g_free (document->title);
  g_free (document);
}

static void
team_code_free (gpointer data)
{
  PlTeamCode *code = data;

  g_free (code->guid);
  g_free (code->short_id);
  g_free (code->path);
  g_free (code->name);
  g_free (code);
}

static void
team_annotation_clear (gpointer data)
{
  PlTeamAnnotation *annotation = data;

  g_free (annotation->guid);
  g_free (annotation->document);
  g_free (annotation->code);
  g_free (annotation->memo);
  g_free (annotation->stance);
  g_free (annotation->created);
  g_free (annotation->modified);
}

void
pl_team_changes_free (PlTeamChanges *changes)
{
  if (changes == NULL)
    return;

  g_free (changes->display_name);
  g_free (changes->project_guid);
  g_free (changes->coder_guid);
  g_free (changes->coder_name);
  g_free (changes->coder_initials);
  g_free (changes->coder_color);
  g_hash_table_unref (changes->documents);
  g_hash_table_unref (changes->codes);
  g_array_unref (changes->annotations);
  g_free (changes->damage);
  g_clear_pointer (&changes->text, g_bytes_unref);
  g_free (changes);
}

static PlTeamChanges *
team_changes_new (const char *display_name)
{
  PlTeamChanges *changes = g_new0 (PlTeamChanges, 1);

  changes->display_name = g_strdup (display_name);
  changes->documents = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, team_document_free);
  changes->codes = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, team_code_free);
  changes->annotations = g_array_new (FALSE, TRUE, sizeof (PlTeamAnnotation));
  g_array_set_clear_func (changes->annotations, team_annotation_clear);

  return changes;
}

void
pl_team_changes_cut (PlTeamChanges *changes,
                     guint          index,
                     const char    *why)
{
  g_return_if_fail (changes != NULL && index < changes->annotations->len);

  changes->last_seq = g_array_index (changes->annotations, PlTeamAnnotation, index).seq - 1;
  g_array_set_size (changes->annotations, index);
  g_free (changes->damage);
  changes->damage = g_strdup (why);
}

/* Members, checked for their type */

static JsonNode *
value_member (JsonObject *object,
              const char *name,
              GType       type)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != type)
    return NULL;
  return node;
}

static JsonObject *
object_member (JsonObject *object,
               const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

/* An optional string: absent or null is NULL; FALSE when it is something else. */
static gboolean
optional_string (JsonObject  *object,
                 const char  *name,
                 char       **out)
{
  JsonNode *node = json_object_get_member (object, name);

  *out = NULL;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (value_member (object, name, G_TYPE_STRING) == NULL)
    return FALSE;
  *out = g_strdup (json_node_get_string (node));
  return TRUE;
}

static char *
guid_member (JsonObject *object,
             const char *name)
{
  const char *guid = pl_json_member_string (object, name);

  if (guid == NULL || guid[0] == '\0' || strlen (guid) > MAX_GUID_BYTES)
    return NULL;
  return g_strdup (guid);
}

/* An integer in [@min, @max]; FALSE when absent, not an integer or out of range. */
static gboolean
int_member (JsonObject *object,
            const char *name,
            gint64      min,
            gint64      max,
            gint64     *out)
{
  JsonNode *node = value_member (object, name, G_TYPE_INT64);

  if (node == NULL)
    return FALSE;
  *out = json_node_get_int (node);
  return *out >= min && *out <= max;
}

static gboolean
is_sha256 (const char *text)
{
  if (text == NULL || strlen (text) != 64)
    return FALSE;
  for (const char *p = text; *p != '\0'; p++)
    if (!g_ascii_isxdigit (*p))
      return FALSE;
  return TRUE;
}

/* Records */

static gboolean
read_document (PlTeamChanges *changes,
               JsonObject    *object)
{
  PlTeamDocument *document = g_new0 (PlTeamDocument, 1);

  document->guid = guid_member (object, "guid");
  document->sha256 = g_ascii_strdown (pl_json_member_string (object, "sha256") != NULL
                                      ? pl_json_member_string (object, "sha256") : "", -1);
  if (document->guid == NULL || !is_sha256 (document->sha256)
      || !optional_string (object, "title", &document->title))
    {
      team_document_free (document);
      return FALSE;
    }

  g_hash_table_replace (changes->documents, document->guid, document);
  return TRUE;
}

static gboolean
read_code (PlTeamChanges *changes,
           JsonObject    *object)
{
  PlTeamCode *code = g_new0 (PlTeamCode, 1);

  code->guid = guid_member (object, "guid");
  if (code->guid == NULL
      || !optional_string (object, "short_id", &code->short_id)
      || !optional_string (object, "path", &code->path)
      || !optional_string (object, "name", &code->name))
    {
      team_code_free (code);
      return FALSE;
    }

  g_hash_table_replace (changes->codes, code->guid, code);
  return TRUE;
}

static gboolean
read_annotation (JsonObject       *object,
                 PlTeamAnnotation *annotation)
{
  gint64 start, end, version = 0;

  annotation->guid = guid_member (object, "guid");
  annotation->document = guid_member (object, "document");
  annotation->code = guid_member (object, "code");
  if (annotation->guid == NULL || annotation->document == NULL || annotation->code == NULL
      || !int_member (object, "start", 0, G_MAXUINT - 1, &start)
      || !int_member (object, "end", start + 1, G_MAXUINT, &end)
      || (json_object_has_member (object, "codebook_version")
          && !json_object_get_null_member (object, "codebook_version")
          && !int_member (object, "codebook_version", 1, G_MAXINT, &version))
      || !optional_string (object, "memo", &annotation->memo)
      || !optional_string (object, "stance", &annotation->stance)
      || !optional_string (object, "created", &annotation->created)
      || !optional_string (object, "modified", &annotation->modified)
      || annotation->created == NULL)
    return FALSE;

  annotation->start = (guint) start;
  annotation->end = (guint) end;
  annotation->codebook_version = version;
  return TRUE;
}

/* Reads one record line into @changes; FALSE when it is damaged. */
static gboolean
read_record (PlTeamChanges *changes,
             JsonObject    *record,
             guint64        seq,
             guint          line)
{
  JsonObject *object;
  PlTeamAnnotation annotation = { 0 };

  annotation.seq = seq;
  annotation.line = line;

  if ((object = object_member (record, "annotation")) != NULL)
    {
      if (!read_annotation (object, &annotation))
        {
          team_annotation_clear (&annotation);
          return FALSE;
        }
      g_array_append_val (changes->annotations, annotation);
      return TRUE;
    }
  if ((object = object_member (record, "remove")) != NULL)
    {
      annotation.remove = TRUE;
      annotation.guid = guid_member (object, "guid");
      if (annotation.guid == NULL)
        return FALSE;
      g_array_append_val (changes->annotations, annotation);
      return TRUE;
    }
  if ((object = object_member (record, "document")) != NULL)
    return read_document (changes, object);
  if ((object = object_member (record, "code")) != NULL)
    return read_code (changes, object);

  /* A kind of record a later version writes: nothing to merge here. */
  return TRUE;
}

static JsonObject *
parse_object (const char  *line,
              gsize        length,
              const char  *display_name,
              JsonNode   **out_node,
              GError     **error)
{
  g_autoptr(JsonNode) node = pl_json_parse (line, (gssize) length, display_name, error);

  if (node == NULL)
    return NULL;
  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error (error, PL_IMPORT_ERROR, PL_IMPORT_ERROR_MALFORMED,
                   _("“%s” holds a line that is not a JSON object."), display_name);
      return NULL;
    }

  *out_node = g_steal_pointer (&node);
  return json_node_get_object (*out_node);
}

static gboolean
read_header (PlTeamChanges  *changes,
             const char     *line,
             gsize           length,
             GError        **error)
{
  g_autoptr(JsonNode) node = NULL;
  JsonObject *header, *coder;
  gint64 version;

  header = parse_object (line, length, changes->display_name, &node, error);
  if (header == NULL)
    return FALSE;

  if (g_strcmp0 (pl_json_member_string (header, "format"), FORMAT_NAME) != 0
      || !int_member (header, "version", 1, G_MAXINT, &version))
    {
      g_set_error (error, PL_IMPORT_ERROR, PL_IMPORT_ERROR_MALFORMED,
                   _("“%s” is not a file of Plenary coding changes."), changes->display_name);
      return FALSE;
    }
  if (version > FORMAT_VERSION)
    {
      g_set_error (error, PL_IMPORT_ERROR, PL_IMPORT_ERROR_UNSUPPORTED,
                   _("“%s” was written by a newer version of Plenary (changes format %lld). "
                     "Update Plenary to merge it."),
                   changes->display_name, (long long) version);
      return FALSE;
    }

  coder = object_member (header, "coder");
  if (coder == NULL || (changes->coder_guid = guid_member (coder, "guid")) == NULL
      || !optional_string (coder, "name", &changes->coder_name)
      || changes->coder_name == NULL || g_strstrip (changes->coder_name)[0] == '\0'
      || !optional_string (coder, "initials", &changes->coder_initials)
      || !optional_string (coder, "color", &changes->coder_color)
      || !optional_string (header, "project", &changes->project_guid))
    {
      g_set_error (error, PL_IMPORT_ERROR, PL_IMPORT_ERROR_MALFORMED,
                   _("“%s” does not say whose coding it holds."), changes->display_name);
      return FALSE;
    }

  return TRUE;
}

/* The number of an annotation or removal record from its first bytes, as the writer
 * writes them, and which of the two it is; 0 for any other line. */
static guint64
quick_seq (const char *line,
           gsize       length,
           gboolean   *remove)
{
  static const char prefix[] = "{\"seq\":";
  guint64 seq = 0;
  gsize i = sizeof prefix - 1;

  if (length < i || memcmp (line, prefix, i) != 0)
    return 0;
  for (; i < length && g_ascii_isdigit (line[i]) && seq < G_MAXUINT64 / 10 - 10; i++)
    seq = seq * 10 + (guint64) (line[i] - '0');
  *remove = g_str_has_prefix (line + i, ",\"remove\":");
  if (*remove || g_str_has_prefix (line + i, ",\"annotation\":"))
    return seq;
  return 0;
}

/* Stops reading at line @line: an error, or when @tolerant the damage of @changes. */
static gboolean
damaged (PlTeamChanges  *changes,
         gboolean        tolerant,
         char           *message,
         GError        **error)
{
  if (!tolerant)
    {
      g_set_error_literal (error, PL_IMPORT_ERROR, PL_IMPORT_ERROR_MALFORMED, message);
      g_free (message);
      return FALSE;
    }

  g_free (changes->damage);
  changes->damage = message;
  return TRUE;
}

PlTeamChanges *
pl_team_changes_parse (GBytes      *text,
                       const char  *display_name,
                       guint64      after_seq,
                       gboolean     tolerant,
                       GError     **error)
{
  g_autoptr(PlTeamChanges) changes = team_changes_new (display_name);
  gsize length;
  const char *data = g_bytes_get_data (text, &length);
  const char *end = data + length;
  const char *p = data;
  const char *newline;
  guint line = 1;

  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (display_name != NULL, NULL);

  changes->text = g_bytes_ref (text);
  if (length == 0)
    p = data = end = "";

  newline = memchr (p, '\n', length);
  if (newline == NULL || (gsize) (newline - p) > PL_TEAM_MAX_LINE_BYTES)
    {
      g_set_error (error, PL_IMPORT_ERROR, PL_IMPORT_ERROR_MALFORMED,
                   _("“%s” is not a file of Plenary coding changes, or its first line is "
                     "incomplete."), display_name);
      return NULL;
    }
  if (!read_header (changes, p, (gsize) (newline - p), error))
    return NULL;

  for (p = newline + 1, line = 2; p < end; p = newline + 1, line++)
    {
      g_autoptr(JsonNode) node = NULL;
      g_autoptr(GError) parse_error = NULL;
      JsonObject *record;
      gsize line_length;
      gboolean remove = FALSE;
      guint64 seq;
      gint64 number;

      newline = memchr (p, '\n', (gsize) (end - p));
      if (newline == NULL)
        {
          if (!damaged (changes, tolerant,
                        g_strdup_printf (_("“%s” ends in the middle of line %u (the file may "
                                           "still be syncing)."), display_name, line), error))
            return NULL;
          break;
        }
      line_length = (gsize) (newline - p);
      if (line_length == 0 || (line_length == 1 && p[0] == '\r'))
        continue;
      if (line_length > PL_TEAM_MAX_LINE_BYTES)
        {
          if (!damaged (changes, tolerant,
                        g_strdup_printf (_("Line %u of “%s” is longer than %u KB."), line,
                                         display_name,
                                         (guint) (PL_TEAM_MAX_LINE_BYTES / 1024)), error))
            return NULL;
          break;
        }

      seq = quick_seq (p, line_length, &remove);
      if (seq != 0 && seq <= after_seq && seq > changes->last_seq)
        {
          changes->last_seq = seq;
          continue;
        }
      /* The writer's own annotation lines are many: they are read in bulk when staged. */
      if (seq > changes->last_seq
          && pl_json_nesting_depth (p, line_length, PL_LIMIT_JSON_DEPTH) <= PL_LIMIT_JSON_DEPTH)
        {
          PlTeamAnnotation annotation = { seq, line, p, line_length, remove };

          g_array_append_val (changes->annotations, annotation);
          changes->last_seq = seq;
          continue;
        }

      record = parse_object (p, line_length, display_name, &node, &parse_error);
      if (record == NULL || !int_member (record, "seq", 1, G_MAXINT64, &number)
          || (guint64) number <= changes->last_seq)
        {
          if (!damaged (changes, tolerant,
                        g_strdup_printf (_("Line %u of “%s” is damaged: %s"), line, display_name,
                                         parse_error != NULL ? parse_error->message
                                         : _("its change is not numbered after the one "
                                             "before it.")), error))
            return NULL;
          break;
        }

      seq = (guint64) number;
      if (seq <= after_seq && (json_object_has_member (record, "annotation")
                               || json_object_has_member (record, "remove")))
        {
          changes->last_seq = seq;
          continue;
        }
      if (!read_record (changes, record, seq, line))
        {
          if (!damaged (changes, tolerant,
                        g_strdup_printf (_("Line %u of “%s” is damaged: a value is missing or "
                                           "out of range."), line, display_name), error))
            return NULL;
          break;
        }
      changes->last_seq = seq;
    }

  return g_steal_pointer (&changes);
}

static gboolean
want_changes (const char *name,
              gpointer    data)
{
  return strcmp (name, PL_CODING_FILE_ENTRY) == 0;
}

PlTeamChanges *
pl_team_changes_read_file (const char  *path,
                           guint64      after_seq,
                           gboolean     tolerant,
                           GError     **error)
{
  g_autofree char *display_name = g_filename_display_basename (path);
  g_autofree char *data = NULL;
  g_autoptr(GHashTable) entries = NULL;
  g_autoptr(GError) read_error = NULL;
  GStatBuf info;
  GBytes *bytes;
  gsize length;

  g_return_val_if_fail (path != NULL, NULL);

  if (g_stat (path, &info) != 0 || !S_ISREG (info.st_mode))
    {
      g_set_error (error, PL_IMPORT_ERROR, PL_IMPORT_ERROR_READ,
                   _("“%s” could not be read: %s"), display_name,
                   errno != 0 ? g_strerror (errno) : _("it is not a file"));
      return NULL;
    }
  if ((guint64) info.st_size > PL_LIMIT_ARCHIVE_ENTRY_BYTES)
    {
      g_set_error (error, PL_IMPORT_ERROR, PL_IMPORT_ERROR_TOO_LARGE,
                   _("“%s” is larger than %u MB; Plenary does not read it."), display_name,
                   (guint) (PL_LIMIT_ARCHIVE_ENTRY_BYTES / 1024 / 1024));
      return NULL;
    }
  if (!g_file_get_contents (path, &data, &length, &read_error))
    {
      g_set_error (error, PL_IMPORT_ERROR, PL_IMPORT_ERROR_READ,
                   _("“%s” could not be read: %s"), display_name, read_error->message);
      return NULL;
    }

  if (length < 4 || memcmp (data, "PK\003\004", 4) != 0)
    {
      g_autoptr(GBytes) text = g_bytes_new_take (g_steal_pointer (&data), length);

      return pl_team_changes_parse (text, display_name, after_seq, tolerant, error);
    }

  if (length > PL_LIMIT_FILE_BYTES)
    {
      g_set_error (error, PL_IMPORT_ERROR, PL_IMPORT_ERROR_TOO_LARGE,
                   _("“%s” is larger than %u MB; Plenary does not read it."), display_name,
                   (guint) (PL_LIMIT_FILE_BYTES / 1024 / 1024));
      return NULL;
    }
  entries = pl_archive_read_zip ((const guint8 *) data, length,
                                 &(PlArchiveOptions) { .display_name = display_name,
                                                       .want = want_changes },
                                 error);
  if (entries == NULL)
    return NULL;
  bytes = g_hash_table_lookup (entries, PL_CODING_FILE_ENTRY);
  if (bytes == NULL)
    {
      g_set_error (error, PL_IMPORT_ERROR, PL_IMPORT_ERROR_MALFORMED,
                   _("“%s” is not a Plenary coding file: it holds no %s."), display_name,
                   PL_CODING_FILE_ENTRY);
      return NULL;
    }

  /* An archive is written at once: it is whole or damaged, never half-synced. */
  return pl_team_changes_parse (bytes, display_name, after_seq, FALSE, error);
}

/* Writing */

void
pl_team_append_record (GString    *out,
                       guint64     seq,
                       const char *kind,
                       const char *object_json)
{
  g_string_append_printf (out, "{\"seq\":%" G_GUINT64_FORMAT ",\"%s\":%s}\n", seq, kind,
                          object_json);
}

/* Takes @object and writes it on one line. */
static char *
object_to_string (JsonObject *object)
{
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);

  json_node_take_object (node, object);
  return json_to_string (node, FALSE);
}

void
pl_team_append_header (GString       *out,
                       PlProject     *project,
                       const PlCoder *coder)
{
  JsonObject *header = json_object_new ();
  JsonObject *who = json_object_new ();
  g_autofree char *now = pl_now_iso8601 ();
  g_autofree char *json = NULL;

  json_object_set_string_member (header, "format", FORMAT_NAME);
  json_object_set_int_member (header, "version", FORMAT_VERSION);
  pl_json_set_string_or_null (header, "project", pl_project_get_guid (project));
  pl_json_set_string_or_null (who, "guid", coder->guid);
  pl_json_set_string_or_null (who, "name", coder->name);
  pl_json_set_string_or_null (who, "initials", coder->initials);
  pl_json_set_string_or_null (who, "color", coder->color);
  json_object_set_object_member (header, "coder", who);
  json_object_set_string_member (header, "created", now);

  json = object_to_string (header);
  g_string_append (out, json);
  g_string_append_c (out, '\n');
}

char *
pl_team_text_sha256 (const char *text)
{
  return g_compute_checksum_for_string (G_CHECKSUM_SHA256, text, -1);
}

char *
pl_team_document_json (PlProject  *project,
                       gint64      document_id,
                       GError    **error)
{
  g_autofree char *sha256 = NULL;
  PlDocument *document = pl_project_find_document (project, document_id);
  JsonObject *object;
  char *text;

  if (document == NULL)
    {
      g_set_error (error, PL_STORE_ERROR, PL_STORE_ERROR_NOT_FOUND,
                   _("There is no document %lld in this project."), (long long) document_id);
      return NULL;
    }
  text = pl_project_dup_document_text (project, document_id, error);
  if (text == NULL)
    return NULL;
  sha256 = pl_team_text_sha256 (text);
  g_free (text);

  object = json_object_new ();
  json_object_set_string_member (object, "guid", pl_document_get_guid (document));
  json_object_set_string_member (object, "sha256", sha256);
  pl_json_set_string_or_null (object, "title", pl_document_get_title (document));
  return object_to_string (object);
}

char *
pl_team_code_json (PlCode *code)
{
  JsonObject *object = json_object_new ();
  const char *short_id = pl_code_get_short_id (code);

  json_object_set_string_member (object, "guid", pl_code_get_guid (code));
  pl_json_set_string_or_null (object, "short_id",
                              short_id != NULL && short_id[0] != '\0' ? short_id : NULL);
  pl_json_set_string_or_null (object, "path", pl_code_get_path (code));
  pl_json_set_string_or_null (object, "name", pl_code_get_name (code));
  return object_to_string (object);
}

char *
pl_team_remove_json (const char *guid)
{
  JsonObject *object = json_object_new ();

  json_object_set_string_member (object, "guid", guid);
  return object_to_string (object);
}

const char pl_team_annotation_objects_sql[] =
  "SELECT a.guid, a.document_id, a.code_id,"
  " json_object('guid', a.guid, 'document', d.guid, 'code', k.guid, 'start', a.start_offset,"
  "  'end', a.end_offset, 'memo', a.memo, 'stance', a.stance,"
  "  'codebook_version', a.codebook_version, 'created', a.created, 'modified', a.modified)"
  " FROM annotations AS a JOIN documents AS d ON d.id = a.document_id"
  " JOIN codes AS k ON k.id = a.code_id WHERE a.coder_id = ?1 ORDER BY a.id";
