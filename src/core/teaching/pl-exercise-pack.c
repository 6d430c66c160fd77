/* pl-exercise-pack.c — the exercise pack: JSON and texts in a ZIP archive
 *
 * pl-exercise-pack.h describes the format.  Reading trusts nothing: the archive is read
 * within the limits of pl-archive.h, the JSON with the depth limit of pl-json.h, every
 * member is checked for its type and range, each text against its SHA-256 and its form
 * (UTF-8, NFC), each statement against its text, and the pack's checksum against the texts.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "plenary-exercise"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "pl-archive.h"
#include "pl-document.h"
#include "pl-error.h"
#include "pl-json.h"
#include "pl-limits.h"
#include "pl-text.h"
#include "pl-exercise-pack.h"

#define PACK_FORMAT "plenary-exercise"
#define PACK_VERSION 1
#define PACK_ENTRY "exercise.json"
#define CODEBOOK_ENTRY "codebook.json"
#define MIMETYPE_ENTRY "mimetype"
/* More than any class reads in a session; a larger number is not an exercise. */
#define MAX_DOCUMENTS 1000
/* Instructions are a note, not a document. */
#define MAX_INSTRUCTIONS_BYTES (64 * 1024)
#define MAX_TITLE_CHARS 200
#define MAX_GUID_BYTES 100

/* The pack */

static void
pack_document_free (gpointer data)
{
  PlPackDocument *document = data;

  g_free (document->guid);
  g_free (document->title);
  g_free (document->sha256);
  g_free (document->text);
  g_ptr_array_unref (document->metadata);
  g_ptr_array_unref (document->statements);
  g_array_unref (document->units);
  g_free (document);
}

PlExercisePack *
pl_exercise_pack_new (void)
{
  PlExercisePack *pack = g_new0 (PlExercisePack, 1);

  pack->documents = g_ptr_array_new_with_free_func (pack_document_free);
  return pack;
}

void
pl_exercise_pack_free (PlExercisePack *pack)
{
  if (pack == NULL)
    return;
  g_free (pack->guid);
  g_free (pack->title);
  g_free (pack->created);
  g_free (pack->instructions);
  g_free (pack->checksum);
  g_free (pack->root_code_guid);
  g_clear_pointer (&pack->codebook, g_bytes_unref);
  g_ptr_array_unref (pack->documents);
  g_free (pack);
}

PlPackDocument *
pl_exercise_pack_add_document (PlExercisePack *pack,
                               const char     *guid,
                               const char     *title,
                               const char     *text)
{
  PlPackDocument *document = g_new0 (PlPackDocument, 1);

  g_return_val_if_fail (pack != NULL && guid != NULL && text != NULL, NULL);

  document->guid = g_strdup (guid);
  document->title = g_strdup (title);
  document->text = g_strdup (text);
  document->sha256 = g_compute_checksum_for_string (G_CHECKSUM_SHA256, text, -1);
  document->metadata = g_ptr_array_new_with_free_func (g_free);
  for (guint k = 0; pl_document_metadata_keys[k] != NULL; k++)
    g_ptr_array_add (document->metadata, NULL);
  document->statements = g_ptr_array_new_with_free_func ((GDestroyNotify) pl_statement_unref);
  document->units = g_array_new (FALSE, FALSE, sizeof (guint));
  g_ptr_array_add (pack->documents, document);
  return document;
}

PlExercise *
pl_exercise_pack_to_exercise (const PlExercisePack *pack)
{
  PlExercise *exercise = pl_exercise_new ();

  g_return_val_if_fail (pack != NULL, NULL);

  exercise->guid = g_strdup (pack->guid);
  exercise->title = g_strdup (pack->title);
  exercise->instructions = g_strdup (pack->instructions);
  exercise->checksum = g_strdup (pack->checksum);
  exercise->root_code_guid = g_strdup (pack->root_code_guid);
  exercise->created = g_strdup (pack->created);
  for (guint i = 0; i < pack->documents->len; i++)
    {
      PlPackDocument *source = g_ptr_array_index (pack->documents, i);
      PlExerciseDocument *document = pl_exercise_add_document (exercise, source->guid);

      for (guint s = 0; s < source->statements->len; s++)
        {
          PlStatement *statement = g_ptr_array_index (source->statements, s);

          for (guint u = 0; u < source->units->len; u++)
            if (g_array_index (source->units, guint, u) == statement->index)
              {
                PlExerciseUnit unit = { statement->index, statement->start, statement->end };

                g_array_append_val (document->units, unit);
                break;
              }
        }
    }
  return exercise;
}

/* Writing */

static void
add_string (JsonBuilder *builder,
            const char  *member,
            const char  *value)
{
  json_builder_set_member_name (builder, member);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

static void
add_int (JsonBuilder *builder,
         const char  *member,
         gint64       value)
{
  json_builder_set_member_name (builder, member);
  json_builder_add_int_value (builder, value);
}

static void
build_statement (JsonBuilder       *builder,
                 const PlStatement *statement)
{
  json_builder_begin_object (builder);
  add_int (builder, "index", statement->index);
  add_int (builder, "start", statement->start);
  add_int (builder, "end", statement->end);
  add_string (builder, "kind", pl_statement_kind_to_string (statement->kind));
  add_string (builder, "speaker", statement->speaker);
  add_string (builder, "entity", statement->entity);
  add_string (builder, "entity_type", statement->entity_type);
  add_string (builder, "iso3", statement->iso3);
  add_string (builder, "regional_group", statement->regional_group);
  add_string (builder, "on_behalf_of", statement->on_behalf_of);
  json_builder_end_object (builder);
}

static void
build_document (JsonBuilder          *builder,
                const PlPackDocument *document,
                const char           *entry)
{
  json_builder_begin_object (builder);
  add_string (builder, "guid", document->guid);
  add_string (builder, "title", document->title);
  add_string (builder, "sha256", document->sha256);
  add_string (builder, "text", entry);
  json_builder_set_member_name (builder, "metadata");
  json_builder_begin_object (builder);
  for (guint k = 0; pl_document_metadata_keys[k] != NULL; k++)
    if (g_ptr_array_index (document->metadata, k) != NULL)
      add_string (builder, pl_document_metadata_keys[k], g_ptr_array_index (document->metadata, k));
  json_builder_end_object (builder);
  json_builder_set_member_name (builder, "statements");
  json_builder_begin_array (builder);
  for (guint s = 0; s < document->statements->len; s++)
    build_statement (builder, g_ptr_array_index (document->statements, s));
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "units");
  json_builder_begin_array (builder);
  for (guint u = 0; u < document->units->len; u++)
    json_builder_add_int_value (builder, g_array_index (document->units, guint, u));
  json_builder_end_array (builder);
  json_builder_end_object (builder);
}

static GBytes *
build_manifest (const PlExercisePack *pack,
                GPtrArray            *entry_names)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  char *text;

  json_builder_begin_object (builder);
  add_string (builder, "format", PACK_FORMAT);
  add_int (builder, "version", PACK_VERSION);
  add_string (builder, "id", pack->guid);
  add_string (builder, "title", pack->title);
  add_string (builder, "created", pack->created);
  add_string (builder, "instructions", pack->instructions);
  add_string (builder, "checksum", pack->checksum);
  add_string (builder, "root_code", pack->root_code_guid);
  json_builder_set_member_name (builder, "documents");
  json_builder_begin_array (builder);
  for (guint i = 0; i < pack->documents->len; i++)
    build_document (builder, g_ptr_array_index (pack->documents, i),
                    g_ptr_array_index (entry_names, i));
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  text = json_to_string (root, TRUE);
  return g_bytes_new_take (text, strlen (text));
}

GBytes *
pl_exercise_pack_to_bytes (const PlExercisePack  *pack,
                           GError               **error)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  g_autoptr(GArray) entries = g_array_new (FALSE, TRUE, sizeof (PlArchiveEntry));
  g_autoptr(GBytes) mimetype = g_bytes_new_static (PL_EXERCISE_MIME_TYPE,
                                                   strlen (PL_EXERCISE_MIME_TYPE));
  g_autoptr(GBytes) manifest = NULL;
  PlArchiveEntry entry;

  g_return_val_if_fail (pack != NULL && pack->codebook != NULL, NULL);

  for (guint i = 0; i < pack->documents->len; i++)
    {
      PlPackDocument *document = g_ptr_array_index (pack->documents, i);

      g_ptr_array_add (names, g_strdup_printf ("texts/%u.txt", i + 1));
      g_ptr_array_add (texts, g_bytes_new_static (document->text, strlen (document->text)));
    }
  manifest = build_manifest (pack, names);

  entry = (PlArchiveEntry) { MIMETYPE_ENTRY, mimetype, TRUE };
  g_array_append_val (entries, entry);
  entry = (PlArchiveEntry) { PACK_ENTRY, manifest, FALSE };
  g_array_append_val (entries, entry);
  entry = (PlArchiveEntry) { CODEBOOK_ENTRY, pack->codebook, FALSE };
  g_array_append_val (entries, entry);
  for (guint i = 0; i < names->len; i++)
    {
      entry = (PlArchiveEntry) { g_ptr_array_index (names, i), g_ptr_array_index (texts, i), FALSE };
      g_array_append_val (entries, entry);
    }
  return pl_archive_write_zip ((const PlArchiveEntry *) entries->data, entries->len, error);
}

/* Reading */

typedef struct
{
  const char *name;        /* the file, for messages */
  GHashTable *entries;     /* entry name → GBytes */
  GHashTable *guids;       /* the documents' GUIDs so far */
} Reader;

static gboolean
damaged (Reader      *reader,
         GError     **error,
         const char  *why)
{
  g_set_error (error, PL_IMPORT_ERROR, PL_IMPORT_ERROR_MALFORMED,
               _("“%s” is not an exercise pack, or it is damaged: %s"), reader->name, why);
  return FALSE;
}

/* A string member: absent or null is NULL (and @required fails); FALSE for any other
 * type, or one over @max_bytes or holding a control character (but new lines with
 * @multiline). */
static gboolean
string_member (JsonObject  *object,
               const char  *member,
               gboolean     required,
               gsize        max_bytes,
               gboolean     multiline,
               char       **out)
{
  JsonNode *node = json_object_get_member (object, member);
  const char *value;

  *out = NULL;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return !required;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return FALSE;
  value = json_node_get_string (node);
  if (strlen (value) > max_bytes || (required && value[0] == '\0'))
    return FALSE;
  for (const char *p = value; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_iscntrl (c) && !(multiline && (c == '\n' || c == '\t')))
        return FALSE;
    }
  *out = g_strdup (value);
  return TRUE;
}

static gboolean
int_member (JsonObject *object,
            const char *member,
            gint64      min,
            gint64      max,
            gint64     *out)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64)
    return FALSE;
  *out = json_node_get_int (node);
  return *out >= min && *out <= max;
}

static gboolean
is_sha256 (const char *text)
{
  gsize n = 0;

  for (; text != NULL && g_ascii_isxdigit (text[n]) && !g_ascii_isupper (text[n]); n++)
    ;
  return text != NULL && n == 64 && text[n] == '\0';
}

/* A statement, checked against its text's @length and the statement before it. */
static PlStatement *
read_statement (JsonObject *object,
                guint       length,
                guint       previous_end)
{
  g_autoptr(PlStatement) statement = pl_statement_new ();
  g_autofree char *kind = NULL;
  gint64 index, start, end;

  if (!int_member (object, "index", 1, PL_LIMIT_STATEMENTS, &index)
      || !int_member (object, "start", previous_end, length, &start)
      || !int_member (object, "end", start + 1, length, &end)
      || !string_member (object, "kind", TRUE, 20, FALSE, &kind)
      || (strcmp (kind, "statement") != 0 && strcmp (kind, "front_matter") != 0)
      || !string_member (object, "speaker", FALSE, 1000, TRUE, &statement->speaker)
      || !string_member (object, "entity", FALSE, 1000, TRUE, &statement->entity)
      || !string_member (object, "entity_type", FALSE, 100, FALSE, &statement->entity_type)
      || !string_member (object, "iso3", FALSE, 10, FALSE, &statement->iso3)
      || !string_member (object, "regional_group", FALSE, 100, FALSE, &statement->regional_group)
      || !string_member (object, "on_behalf_of", FALSE, 1000, TRUE, &statement->on_behalf_of))
    return NULL;
  statement->index = (guint) index;
  statement->start = (guint) start;
  statement->end = (guint) end;
  statement->kind = strcmp (kind, "statement") == 0 ? PL_STATEMENT_KIND_STATEMENT
                                                    : PL_STATEMENT_KIND_FRONT_MATTER;
  return g_steal_pointer (&statement);
}

/* The text of entry @entry, which must be UTF-8 in NFC with the SHA-256 @sha256. */
static char *
read_text (Reader      *reader,
           const char  *entry,
           const char  *sha256,
           GError     **error)
{
  GBytes *bytes = entry != NULL ? g_hash_table_lookup (reader->entries, entry) : NULL;
  g_autofree char *text = NULL;
  g_autofree char *normal = NULL;
  g_autofree char *sum = NULL;
  gsize length;
  const char *data;

  if (bytes == NULL)
    {
      damaged (reader, error, _("a document’s text is missing."));
      return NULL;
    }
  data = g_bytes_get_data (bytes, &length);
  if (length > PL_LIMIT_TEXT_BYTES || !g_utf8_validate_len (data, length, NULL))
    {
      damaged (reader, error, _("a document’s text is not UTF-8 text."));
      return NULL;
    }
  text = g_strndup (data, length);
  sum = g_compute_checksum_for_string (G_CHECKSUM_SHA256, text, -1);
  normal = pl_text_normalize (text, -1);
  if (strcmp (sum, sha256) != 0 || strcmp (normal, text) != 0)
    {
      damaged (reader, error, _("a document’s text is not the one the exercise names."));
      return NULL;
    }
  return g_steal_pointer (&text);
}

static gboolean
read_metadata (PlPackDocument *document,
               JsonObject     *object)
{
  JsonNode *node = json_object_get_member (object, "metadata");
  JsonObject *metadata;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_OBJECT (node))
    return FALSE;
  metadata = json_node_get_object (node);
  for (guint k = 0; pl_document_metadata_keys[k] != NULL; k++)
    {
      char *value;

      if (!string_member (metadata, pl_document_metadata_keys[k], FALSE, 1000, TRUE, &value))
        return FALSE;
      g_free (g_ptr_array_index (document->metadata, k));
      g_ptr_array_index (document->metadata, k) = value;
    }
  return TRUE;
}

/* The statements and units of @document, from @object. */
static gboolean
read_statements (PlPackDocument *document,
                 JsonObject     *object)
{
  JsonArray *statements = pl_json_member_array (object, "statements");
  JsonArray *units = pl_json_member_array (object, "units");
  guint length = pl_text_length (document->text);
  guint previous_end = 0;

  if (statements == NULL || units == NULL
      || json_array_get_length (statements) > PL_LIMIT_STATEMENTS)
    return FALSE;
  for (guint i = 0; i < json_array_get_length (statements); i++)
    {
      JsonNode *node = json_array_get_element (statements, i);
      PlStatement *statement;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        return FALSE;
      statement = read_statement (json_node_get_object (node), length, previous_end);
      if (statement == NULL)
        return FALSE;
      previous_end = statement->end;
      g_ptr_array_add (document->statements, statement);
    }
  for (guint i = 0; i < json_array_get_length (units); i++)
    {
      JsonNode *node = json_array_get_element (units, i);
      gboolean found = FALSE;
      guint index;

      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64
          || json_node_get_int (node) < 1 || json_node_get_int (node) > PL_LIMIT_STATEMENTS)
        return FALSE;
      index = (guint) json_node_get_int (node);
      for (guint s = 0; s < document->statements->len && !found; s++)
        {
          PlStatement *statement = g_ptr_array_index (document->statements, s);

          found = statement->index == index && statement->kind == PL_STATEMENT_KIND_STATEMENT;
        }
      if (!found)
        return FALSE;
      g_array_append_val (document->units, index);
    }
  return TRUE;
}

static gboolean
read_document (Reader          *reader,
               PlExercisePack  *pack,
               JsonObject      *object,
               GError         **error)
{
  g_autofree char *guid = NULL;
  g_autofree char *title = NULL;
  g_autofree char *sha256 = NULL;
  g_autofree char *entry = NULL;
  g_autofree char *text = NULL;
  PlPackDocument *document;

  if (!string_member (object, "guid", TRUE, MAX_GUID_BYTES, FALSE, &guid)
      || !string_member (object, "title", TRUE, 4096, FALSE, &title)
      || !string_member (object, "sha256", TRUE, 64, FALSE, &sha256) || !is_sha256 (sha256)
      || !string_member (object, "text", TRUE, 100, FALSE, &entry))
    return damaged (reader, error, _("a document is described wrongly."));
  if (!g_hash_table_add (reader->guids, g_strdup (guid)))
    return damaged (reader, error, _("a document is in it twice."));
  text = read_text (reader, entry, sha256, error);
  if (text == NULL)
    return FALSE;

  document = pl_exercise_pack_add_document (pack, guid, title, text);
  if (!read_metadata (document, object) || !read_statements (document, object))
    return damaged (reader, error, _("a document’s statements are described wrongly."));
  return TRUE;
}

static gboolean
read_manifest (Reader          *reader,
               PlExercisePack  *pack,
               GBytes          *bytes,
               GError         **error)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GPtrArray) guids = g_ptr_array_new ();
  g_autoptr(GPtrArray) sums = g_ptr_array_new ();
  g_autofree char *checksum = NULL;
  JsonObject *object;
  JsonArray *documents;
  gint64 version;
  gsize length;
  const char *data = g_bytes_get_data (bytes, &length);

  root = pl_json_parse (data, (gssize) length, reader->name, error);
  if (root == NULL)
    return FALSE;
  if (!JSON_NODE_HOLDS_OBJECT (root)
      || g_strcmp0 (pl_json_member_string (json_node_get_object (root), "format"), PACK_FORMAT) != 0
      || !int_member (json_node_get_object (root), "version", 1, G_MAXINT, &version))
    return damaged (reader, error, _("it does not describe an exercise."));
  object = json_node_get_object (root);
  if (version > PACK_VERSION)
    {
      g_set_error (error, PL_IMPORT_ERROR, PL_IMPORT_ERROR_UNSUPPORTED,
                   _("“%s” was made by a newer version of Plenary. Update Plenary to open it."),
                   reader->name);
      return FALSE;
    }
  if (!string_member (object, "id", TRUE, MAX_GUID_BYTES, FALSE, &pack->guid)
      || !g_uuid_string_is_valid (pack->guid)
      || !string_member (object, "title", TRUE, 4 * MAX_TITLE_CHARS, FALSE, &pack->title)
      || g_utf8_strlen (pack->title, -1) > MAX_TITLE_CHARS
      || !string_member (object, "created", FALSE, 100, FALSE, &pack->created)
      || !string_member (object, "instructions", FALSE, MAX_INSTRUCTIONS_BYTES, TRUE,
                         &pack->instructions)
      || !string_member (object, "checksum", TRUE, 64, FALSE, &pack->checksum)
      || !is_sha256 (pack->checksum)
      || !string_member (object, "root_code", FALSE, MAX_GUID_BYTES, FALSE, &pack->root_code_guid)
      || (documents = pl_json_member_array (object, "documents")) == NULL
      || json_array_get_length (documents) == 0 || json_array_get_length (documents) > MAX_DOCUMENTS)
    return damaged (reader, error, _("a value of its description is missing or out of range."));

  for (guint i = 0; i < json_array_get_length (documents); i++)
    {
      JsonNode *node = json_array_get_element (documents, i);
      PlPackDocument *document;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        return damaged (reader, error, _("a document is described wrongly."));
      if (!read_document (reader, pack, json_node_get_object (node), error))
        return FALSE;
      document = g_ptr_array_index (pack->documents, pack->documents->len - 1);
      g_ptr_array_add (guids, document->guid);
      g_ptr_array_add (sums, document->sha256);
    }
  checksum = pl_exercise_checksum (guids->len, (const char * const *) guids->pdata,
                                   (const char * const *) sums->pdata);
  if (strcmp (checksum, pack->checksum) != 0)
    return damaged (reader, error, _("its texts do not match its checksum."));
  return TRUE;
}

static gboolean
want_entry (const char *name,
            gpointer    data)
{
  return strcmp (name, PACK_ENTRY) == 0 || strcmp (name, CODEBOOK_ENTRY) == 0
         || strcmp (name, MIMETYPE_ENTRY) == 0 || g_str_has_prefix (name, "texts/");
}

PlExercisePack *
pl_exercise_pack_read (const char  *path,
                       GError     **error)
{
  g_autoptr(PlExercisePack) pack = pl_exercise_pack_new ();
  g_autofree char *name = NULL;
  g_autofree char *data = NULL;
  g_autoptr(GHashTable) entries = NULL;
  g_autoptr(GHashTable) guids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GError) read_error = NULL;
  GBytes *manifest, *mimetype, *codebook;
  Reader reader;
  GStatBuf info;
  gsize length;

  g_return_val_if_fail (path != NULL, NULL);

  name = g_filename_display_basename (path);
  reader = (Reader) { name, NULL, guids };
  if (g_stat (path, &info) == 0 && S_ISREG (info.st_mode)
      && (guint64) info.st_size > PL_LIMIT_FILE_BYTES)
    {
      g_set_error (error, PL_IMPORT_ERROR, PL_IMPORT_ERROR_TOO_LARGE,
                   _("“%s” is larger than %u MB; Plenary does not read it."), name,
                   (guint) (PL_LIMIT_FILE_BYTES / 1024 / 1024));
      return NULL;
    }
  if (!g_file_get_contents (path, &data, &length, &read_error))
    {
      g_set_error (error, PL_IMPORT_ERROR, PL_IMPORT_ERROR_READ,
                   _("“%s” could not be read: %s"), name, read_error->message);
      return NULL;
    }
  if (length < 4 || memcmp (data, "PK\003\004", 4) != 0)
    {
      damaged (&reader, error, _("it is not a ZIP archive."));
      return NULL;
    }
  entries = pl_archive_read_zip ((const guint8 *) data, length,
                                 &(PlArchiveOptions) { .display_name = name, .want = want_entry },
                                 error);
  if (entries == NULL)
    return NULL;
  reader.entries = entries;

  mimetype = g_hash_table_lookup (entries, MIMETYPE_ENTRY);
  manifest = g_hash_table_lookup (entries, PACK_ENTRY);
  codebook = g_hash_table_lookup (entries, CODEBOOK_ENTRY);
  if (mimetype != NULL && g_bytes_get_size (mimetype) == strlen (PL_HANDIN_MIME_TYPE)
      && memcmp (g_bytes_get_data (mimetype, NULL), PL_HANDIN_MIME_TYPE,
                 strlen (PL_HANDIN_MIME_TYPE)) == 0)
    {
      g_set_error (error, PL_IMPORT_ERROR, PL_IMPORT_ERROR_UNSUPPORTED,
                   _("“%s” is a student’s hand-in, not an exercise pack: the teacher collects "
                     "it into the project the exercise was made of."), name);
      return NULL;
    }
  if (manifest == NULL || codebook == NULL)
    {
      damaged (&reader, error, _("it lacks the exercise’s description or codebook."));
      return NULL;
    }
  pack->codebook = g_bytes_ref (codebook);
  if (!read_manifest (&reader, pack, manifest, error))
    return NULL;
  return g_steal_pointer (&pack);
}
