/* pl-refi-export.c — a project as a REFI-QDA .qdpx (project.qde and sources/<GUID>.txt)
 *
 * pl-refi.h describes where each part of the project goes.  project.qde is streamed into
 * the zip as it is written, so memory stays flat however many annotations there are.
 * While writing, the exporter checks what the schema cannot: unique GUIDs, references that
 * resolve, positions within their text; a failed check fails the export.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "plenary-refi-export"

#include "config.h"

#include <string.h>

#include <archive.h>
#include <archive_entry.h>
#include <glib/gi18n.h>
#include <libxml/xmlwriter.h>

#include "pl-error.h"
#include "pl-exporter.h"
#include "pl-project-private.h"
#include "pl-refi.h"
#include "pl-text.h"

#define QDA_NAMESPACE "urn:QDA-XML:project:1.0"
#define NAME_LENGTH 100

typedef struct
{
  PlProject              *project;
  PlExportSink           *sink;
  const PlExportOptions  *options;
  PlExportProgress       *progress;
  struct archive         *archive;
  xmlTextWriter          *writer;
  GError                 *error;      /* the first failure of the writer or the archive */
  gboolean                failed;
  GHashTable             *guids;      /* every GUID written (owned strings) */
  GHashTable             *code_guids; /* borrowed from @guids */
  GHashTable             *user_guids; /* likewise */
  GHashTable             *notes_by_target; /* target GUID → GPtrArray of note GUIDs */
  GPtrArray              *project_notes;   /* note GUIDs referenced from the Project */
  GPtrArray              *documents;  /* PlDocument the filter keeps */
} Qdpx;

typedef struct
{
  char    *entity;
  char    *values[3];     /* entity type, ISO3, regional group */
  GPtrArray *selections;  /* statement selection GUIDs */
} SpeakerCase;

static void
speaker_case_free (gpointer data)
{
  SpeakerCase *speaker = data;

  g_free (speaker->entity);
  for (guint i = 0; i < G_N_ELEMENTS (speaker->values); i++)
    g_free (speaker->values[i]);
  g_ptr_array_unref (speaker->selections);
  g_free (speaker);
}

/* Failures */

static void
qdpx_fail (Qdpx       *qdpx,
           const char *format,
           ...) G_GNUC_PRINTF (2, 3);

static void
qdpx_fail (Qdpx       *qdpx,
           const char *format,
           ...)
{
  va_list args;

  qdpx->failed = TRUE;
  if (qdpx->error != NULL)
    return;

  va_start (args, format);
  qdpx->error = g_error_new_valist (PL_EXPORT_ERROR, PL_EXPORT_ERROR_FAILED, format, args);
  va_end (args);
}

static gboolean
qdpx_check (Qdpx    *qdpx,
            GError **error)
{
  if (!qdpx->failed)
    return TRUE;

  if (qdpx->error != NULL)
    g_propagate_error (error, g_steal_pointer (&qdpx->error));
  else
    g_set_error (error, PL_EXPORT_ERROR, PL_EXPORT_ERROR_FAILED,
                 _("Could not write the REFI-QDA project."));
  return FALSE;
}

/* The archive's output goes to the export's sink. */

static la_ssize_t
archive_write_cb (struct archive *archive,
                  void           *user_data,
                  const void     *buffer,
                  size_t          length)
{
  Qdpx *qdpx = user_data;
  GError *local_error = NULL;

  if (!pl_export_sink_write (qdpx->sink, buffer, length, &local_error))
    {
      qdpx->failed = TRUE;
      if (qdpx->error == NULL)
        qdpx->error = local_error;
      else
        g_error_free (local_error);
      return -1;
    }

  return (la_ssize_t) length;
}

static void
archive_check (Qdpx *qdpx,
               int   rc)
{
  if (rc < ARCHIVE_WARN)
    qdpx_fail (qdpx, _("Could not write the REFI-QDA project: %s"),
               archive_error_string (qdpx->archive) != NULL
               ? archive_error_string (qdpx->archive) : _("unknown error"));
}

static int
xml_write_cb (void       *user_data,
              const char *buffer,
              int         length)
{
  Qdpx *qdpx = user_data;
  la_ssize_t written;

  /* Once the export failed, what is left is dropped quietly: the file is discarded. */
  if (qdpx->failed)
    return length;

  written = archive_write_data (qdpx->archive, buffer, (size_t) length);
  if (written < 0)
    archive_check (qdpx, (int) written);

  return length;
}

static int
xml_close_cb (void *user_data)
{
  return 0;
}

/* XML */

/* @value if XML can hold it as it is, else a cleaned copy kept in @tmp. */
static const char *
xml_safe (const char  *value,
          char       **tmp)
{
  for (const unsigned char *p = (const unsigned char *) value; *p != '\0'; p++)
    if ((*p < 0x20 && *p != '\t' && *p != '\n' && *p != '\r') ||
        (p[0] == 0xEF && p[1] == 0xBF && (p[2] == 0xBE || p[2] == 0xBF)))
      {
        g_free (*tmp);
        *tmp = pl_refi_xml_text (value);
        return *tmp;
      }

  return value;
}

static void
xml_start (Qdpx       *qdpx,
           const char *name)
{
  if (xmlTextWriterStartElement (qdpx->writer, (const xmlChar *) name) < 0)
    qdpx_fail (qdpx, _("Could not write the REFI-QDA project."));
}

static void
xml_end (Qdpx *qdpx)
{
  if (xmlTextWriterEndElement (qdpx->writer) < 0)
    qdpx_fail (qdpx, _("Could not write the REFI-QDA project."));
}

static void
xml_attribute (Qdpx       *qdpx,
               const char *name,
               const char *value)
{
  g_autofree char *tmp = NULL;

  if (value == NULL)
    return;

  if (xmlTextWriterWriteAttribute (qdpx->writer, (const xmlChar *) name,
                                   (const xmlChar *) xml_safe (value, &tmp)) < 0)
    qdpx_fail (qdpx, _("Could not write the REFI-QDA project."));
}

static void
xml_attribute_uint (Qdpx       *qdpx,
                    const char *name,
                    guint       value)
{
  char text[16];

  g_snprintf (text, sizeof text, "%u", value);
  xml_attribute (qdpx, name, text);
}

static void
xml_text_element (Qdpx       *qdpx,
                  const char *name,
                  const char *text)
{
  g_autofree char *tmp = NULL;

  if (text == NULL || *text == '\0')
    return;

  if (xmlTextWriterWriteElement (qdpx->writer, (const xmlChar *) name,
                                 (const xmlChar *) xml_safe (text, &tmp)) < 0)
    qdpx_fail (qdpx, _("Could not write the REFI-QDA project."));
}

static void
xml_reference (Qdpx       *qdpx,
               const char *element,
               const char *target)
{
  xml_start (qdpx, element);
  xml_attribute (qdpx, "targetGUID", target);
  xml_end (qdpx);
}

/* GUIDs */

/* Records @guid as written; a second use is an error of the exporter. */
static const char *
qdpx_claim (Qdpx       *qdpx,
            const char *guid)
{
  char *copy;

  if (g_hash_table_contains (qdpx->guids, guid))
    {
      qdpx_fail (qdpx, _("Could not write the REFI-QDA project: GUID %s is used twice."), guid);
      return guid;
    }

  copy = g_strdup (guid);
  g_hash_table_add (qdpx->guids, copy);
  return copy;
}

/* A stored GUID as the schema wants it; one derived from it if it is not a GUID. */
static char *
qdpx_guid (const char *kind,
           const char *stored)
{
  char *guid = pl_refi_normalize_guid (stored);

  return guid != NULL ? guid : pl_refi_derive_guid (kind, stored != NULL ? stored : "");
}

static void
qdpx_add_note_ref (GHashTable *notes_by_target,
                   const char *target,
                   const char *note)
{
  GPtrArray *notes = g_hash_table_lookup (notes_by_target, target);

  if (notes == NULL)
    {
      notes = g_ptr_array_new_with_free_func (g_free);
      g_hash_table_insert (notes_by_target, g_strdup (target), notes);
    }
  g_ptr_array_add (notes, g_strdup (note));
}

static void
qdpx_write_note_refs (Qdpx       *qdpx,
                      const char *target)
{
  GPtrArray *notes = g_hash_table_lookup (qdpx->notes_by_target, target);

  for (guint i = 0; notes != NULL && i < notes->len; i++)
    xml_reference (qdpx, "NoteRef", g_ptr_array_index (notes, i));
}

/* Users */

static void
write_users (Qdpx *qdpx)
{
  g_autoptr(GPtrArray) coders = pl_project_list_coders (qdpx->project);

  if (coders == NULL || coders->len == 0)
    return;

  xml_start (qdpx, "Users");
  for (guint i = 0; i < coders->len; i++)
    {
      const PlCoder *coder = g_ptr_array_index (coders, i);
      g_autofree char *guid = qdpx_guid ("user", coder->guid);
      const char *claimed = qdpx_claim (qdpx, guid);

      g_hash_table_add (qdpx->user_guids, (gpointer) claimed);
      xml_start (qdpx, "User");
      xml_attribute (qdpx, "guid", guid);
      xml_attribute (qdpx, "name", coder->name);
      xml_attribute (qdpx, "id", coder->initials);
      xml_end (qdpx);
    }
  xml_end (qdpx);
}

static const char *
user_ref (Qdpx       *qdpx,
          const char *coder_guid,
          char      **tmp)
{
  g_free (*tmp);
  *tmp = coder_guid != NULL ? pl_refi_normalize_guid (coder_guid) : NULL;
  if (*tmp == NULL)
    *tmp = coder_guid != NULL ? pl_refi_derive_guid ("user", coder_guid) : NULL;

  if (*tmp != NULL && !g_hash_table_contains (qdpx->user_guids, *tmp))
    {
      qdpx_fail (qdpx, _("Could not write the REFI-QDA project: coder %s is not in the "
                         "project."), coder_guid);
      return NULL;
    }

  return *tmp;
}

/* Codebook */

static void
add_optional_member (JsonObject *object,
                     const char *member,
                     const char *value)
{
  if (value != NULL && *value != '\0')
    json_object_set_string_member (object, member, value);
}

/* The definition, then "Include: …", "Exclude: …", "Example: …", "Id: …" as the .qdc
 * export of the codebook writes them (pl-codebook-exchange.c), for people and other tools;
 * then the exact values in a "[plenary]" line. */
static char *
code_description (PlCode *code)
{
  static const char *labels[] = { "Include", "Exclude", "Example", "Id" };
  const char *values[] = {
    pl_code_get_inclusion (code), pl_code_get_exclusion (code), pl_code_get_example (code),
    pl_code_get_short_id (code)
  };
  GString *text = g_string_new (pl_code_get_definition (code));
  gboolean first = TRUE;

  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    if (values[i] != NULL && *values[i] != '\0')
      {
        if (text->len > 0)
          g_string_append (text, first ? "\n\n" : "\n");
        g_string_append_printf (text, "%s: %s", labels[i], values[i]);
        first = FALSE;
      }

  if (!first || pl_code_get_shortcut (code) != NULL)
    {
      g_autoptr(JsonObject) marker = json_object_new ();

      json_object_set_string_member (marker, "type", "code");
      add_optional_member (marker, "id", values[3]);
      add_optional_member (marker, "shortcut", pl_code_get_shortcut (code));
      add_optional_member (marker, "inclusion", values[0]);
      add_optional_member (marker, "exclusion", values[1]);
      add_optional_member (marker, "example", values[2]);
      pl_refi_append_marker (text, marker);
    }

  if (text->len == 0)
    {
      g_string_free (text, TRUE);
      return NULL;
    }

  return g_string_free (text, FALSE);
}

static gboolean
is_rgb (const char *color)
{
  if (color == NULL || color[0] != '#' || strlen (color) != 7)
    return FALSE;
  for (guint i = 1; i < 7; i++)
    if (!g_ascii_isxdigit (color[i]))
      return FALSE;
  return TRUE;
}

static void
write_codebook (Qdpx *qdpx)
{
  GListModel *codes = pl_project_get_codes (qdpx->project);
  guint n = g_list_model_get_n_items (codes);
  guint open = 0;   /* Code elements not yet closed */

  if (n == 0)
    return;

  xml_start (qdpx, "CodeBook");
  xml_start (qdpx, "Codes");

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PlCode) code = g_list_model_get_item (codes, i);
      g_autofree char *guid = qdpx_guid ("code", pl_code_get_guid (code));
      g_autofree char *description = code_description (code);
      guint depth = pl_code_get_depth (code);
      const char *claimed;

      /* A code at depth D lies in its D ancestors: close the elements below them. */
      while (open > depth)
        {
          xml_end (qdpx);
          open--;
        }

      claimed = qdpx_claim (qdpx, guid);
      g_hash_table_add (qdpx->code_guids, (gpointer) claimed);

      xml_start (qdpx, "Code");
      open++;
      xml_attribute (qdpx, "guid", guid);
      xml_attribute (qdpx, "name", pl_code_get_name (code));
      xml_attribute (qdpx, "isCodable", pl_code_get_codable (code) ? "true" : "false");
      if (is_rgb (pl_code_get_color (code)))
        xml_attribute (qdpx, "color", pl_code_get_color (code));
      xml_text_element (qdpx, "Description", description);
      qdpx_write_note_refs (qdpx, guid);
    }

  while (open > 0)
    {
      xml_end (qdpx);
      open--;
    }

  xml_end (qdpx);
  xml_end (qdpx);
}

/* Variables and Cases */

static char *
variable_guid (const char *name)
{
  return pl_refi_derive_guid ("variable", name);
}

static const char *
document_variable_value (PlDocument *document,
                         guint       index)
{
  if (pl_document_metadata_keys[index] != NULL)
    return pl_document_get_metadata (document, pl_document_metadata_keys[index]);

  return pl_document_get_source_uri (document);
}

static void
write_variable_value (Qdpx       *qdpx,
                      const char *variable,
                      const char *value)
{
  g_autofree char *guid = NULL;

  if (value == NULL || *value == '\0')
    return;

  guid = variable_guid (variable);
  xml_start (qdpx, "VariableValue");
  xml_reference (qdpx, "VariableRef", guid);
  xml_text_element (qdpx, "TextValue", value);
  xml_end (qdpx);
}

static char *
statement_guid (PlDocument *document,
                guint       index)
{
  g_autofree char *key = g_strdup_printf ("%s:%u", pl_document_get_guid (document), index);

  return pl_refi_derive_guid ("statement", key);
}

/* One Case per distinct entity of the exported documents' statements, in order of first
 * appearance. */
static gboolean
collect_cases (Qdpx       *qdpx,
               GPtrArray  *cases,
               GError    **error)
{
  g_autoptr(GHashTable) by_entity = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint d = 0; d < qdpx->documents->len; d++)
    {
      PlDocument *document = g_ptr_array_index (qdpx->documents, d);
      g_autoptr(GPtrArray) statements = NULL;

      statements = pl_project_list_statements (qdpx->project, pl_document_get_id (document),
                                               error);
      if (statements == NULL)
        return FALSE;

      for (guint i = 0; i < statements->len; i++)
        {
          const PlStatement *statement = g_ptr_array_index (statements, i);
          SpeakerCase *speaker;

          if (statement->entity == NULL || *statement->entity == '\0')
            continue;

          speaker = g_hash_table_lookup (by_entity, statement->entity);
          if (speaker == NULL)
            {
              speaker = g_new0 (SpeakerCase, 1);
              speaker->entity = g_strdup (statement->entity);
              speaker->selections = g_ptr_array_new_with_free_func (g_free);
              g_ptr_array_add (cases, speaker);
              g_hash_table_insert (by_entity, speaker->entity, speaker);
            }

          if (speaker->values[0] == NULL)
            speaker->values[0] = g_strdup (statement->entity_type);
          if (speaker->values[1] == NULL)
            speaker->values[1] = g_strdup (statement->iso3);
          if (speaker->values[2] == NULL)
            speaker->values[2] = g_strdup (statement->regional_group);
          g_ptr_array_add (speaker->selections, statement_guid (document, statement->index));
        }
    }

  return TRUE;
}

static void
write_variables (Qdpx      *qdpx,
                 GPtrArray *cases)
{
  gboolean used_document[16] = { FALSE };
  gboolean used_case[4] = { FALSE };
  gboolean any = FALSE;

  for (guint d = 0; d < qdpx->documents->len; d++)
    for (guint k = 0; pl_refi_document_variables[k] != NULL; k++)
      {
        const char *value = document_variable_value (g_ptr_array_index (qdpx->documents, d), k);

        if (value != NULL && *value != '\0')
          used_document[k] = any = TRUE;
      }

  for (guint c = 0; c < cases->len; c++)
    for (guint k = 0; pl_refi_case_variables[k] != NULL; k++)
      {
        const SpeakerCase *speaker = g_ptr_array_index (cases, c);

        if (speaker->values[k] != NULL && *speaker->values[k] != '\0')
          used_case[k] = any = TRUE;
      }

  if (!any)
    return;

  xml_start (qdpx, "Variables");
  for (guint pass = 0; pass < 2; pass++)
    {
      const char * const *names = pass == 0 ? pl_refi_document_variables : pl_refi_case_variables;
      const gboolean *used = pass == 0 ? used_document : used_case;

      for (guint k = 0; names[k] != NULL; k++)
        {
          g_autofree char *guid = NULL;

          if (!used[k])
            continue;

          guid = variable_guid (names[k]);
          qdpx_claim (qdpx, guid);
          xml_start (qdpx, "Variable");
          xml_attribute (qdpx, "guid", guid);
          xml_attribute (qdpx, "name", names[k]);
          xml_attribute (qdpx, "typeOfVariable", "Text");
          xml_end (qdpx);
        }
    }
  xml_end (qdpx);
}

static void
write_cases (Qdpx      *qdpx,
             GPtrArray *cases)
{
  if (cases->len == 0)
    return;

  xml_start (qdpx, "Cases");
  for (guint c = 0; c < cases->len; c++)
    {
      const SpeakerCase *speaker = g_ptr_array_index (cases, c);
      g_autofree char *guid = pl_refi_derive_guid ("case", speaker->entity);

      qdpx_claim (qdpx, guid);
      xml_start (qdpx, "Case");
      xml_attribute (qdpx, "guid", guid);
      xml_attribute (qdpx, "name", speaker->entity);
      for (guint k = 0; pl_refi_case_variables[k] != NULL; k++)
        write_variable_value (qdpx, pl_refi_case_variables[k], speaker->values[k]);
      for (guint i = 0; i < speaker->selections->len; i++)
        xml_reference (qdpx, "SelectionRef", g_ptr_array_index (speaker->selections, i));
      xml_end (qdpx);
    }
  xml_end (qdpx);
}

/* Sources */

typedef struct
{
  const char *text;
  guint       length;
  const char *cursor;
  guint       cursor_offset;
} TextCursor;

static char *
cursor_slice (TextCursor *cursor,
              guint       start,
              guint       end)
{
  const char *slice_end;

  if (start < cursor->cursor_offset)
    {
      cursor->cursor = cursor->text;
      cursor->cursor_offset = 0;
    }
  cursor->cursor = g_utf8_offset_to_pointer (cursor->cursor, start - cursor->cursor_offset);
  cursor->cursor_offset = start;
  slice_end = g_utf8_offset_to_pointer (cursor->cursor, end - start);

  return g_strndup (cursor->cursor, slice_end - cursor->cursor);
}

static char *
append_ellipsis (char *name)
{
  char *full = g_strconcat (name, "…", NULL);

  g_free (name);
  return full;
}

/* The coded text, as ATLAS.ti names its quotations: cut with "…" when long. */
static char *
selection_name (TextCursor *cursor,
                guint       start,
                guint       end)
{
  char *name;

  if (end - start <= NAME_LENGTH)
    return cursor_slice (cursor, start, end);

  name = cursor_slice (cursor, start, start + NAME_LENGTH - 1);
  return append_ellipsis (name);
}

static void
write_statement (Qdpx              *qdpx,
                 PlDocument        *document,
                 const PlStatement *statement)
{
  g_autofree char *guid = statement_guid (document, statement->index);
  g_autofree char *name = NULL;
  g_autoptr(GString) description = g_string_new (NULL);
  g_autoptr(JsonObject) marker = json_object_new ();
  const char *who = statement->speaker != NULL ? statement->speaker : statement->entity;

  name = who != NULL ? g_strdup_printf ("Statement %u — %s", statement->index, who)
                     : g_strdup_printf ("Statement %u", statement->index);

  json_object_set_string_member (marker, "type", "statement");
  json_object_set_int_member (marker, "index", statement->index);
  json_object_set_string_member (marker, "kind", pl_statement_kind_to_string (statement->kind));
  add_optional_member (marker, "speaker", statement->speaker);
  add_optional_member (marker, "entity", statement->entity);
  add_optional_member (marker, "entity_type", statement->entity_type);
  add_optional_member (marker, "iso3", statement->iso3);
  add_optional_member (marker, "regional_group", statement->regional_group);
  add_optional_member (marker, "on_behalf_of", statement->on_behalf_of);
  add_optional_member (marker, "speaker_source", statement->speaker_source);
  if (statement->needs_review)
    json_object_set_boolean_member (marker, "needs_review", TRUE);
  pl_refi_append_marker (description, marker);

  if (statement->start >= statement->end || statement->end > pl_document_get_length (document))
    qdpx_fail (qdpx, _("Could not write the REFI-QDA project: statement %u of “%s” does not "
                       "lie within its text."), statement->index, pl_document_get_title (document));

  qdpx_claim (qdpx, guid);
  xml_start (qdpx, "PlainTextSelection");
  xml_attribute (qdpx, "guid", guid);
  xml_attribute (qdpx, "name", name);
  xml_attribute_uint (qdpx, "startPosition", statement->start);
  xml_attribute_uint (qdpx, "endPosition", statement->end);
  xml_text_element (qdpx, "Description", description->str);
  xml_end (qdpx);
}

static gboolean
write_annotations (Qdpx        *qdpx,
                   PlDocument  *document,
                   TextCursor  *cursor,
                   GError     **error)
{
  g_autofree char *where = pl_export_filter_where (&qdpx->options->filter);
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt;
  guint pending = 0;
  int rc;

  sql = g_strconcat ("SELECT a.guid, a.start_offset, a.end_offset, k.guid, c.guid, a.created,"
                     " a.modified, a.memo, a.stance, a.codebook_version"
                     " FROM annotations AS a JOIN codes AS k ON k.id = a.code_id"
                     " LEFT JOIN coders AS c ON c.id = a.coder_id"
                     " WHERE a.document_id = :document", where,
                     " ORDER BY a.start_offset, a.end_offset DESC, a.id", NULL);
  stmt = pl_project_prepare (qdpx->project, sql, error);
  if (stmt == NULL)
    return FALSE;
  pl_export_filter_bind (&qdpx->options->filter, stmt);
  sqlite3_bind_int64 (stmt, sqlite3_bind_parameter_index (stmt, ":document"),
                      pl_document_get_id (document));

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW && !qdpx->failed)
    {
      const char *stored_guid = (const char *) sqlite3_column_text (stmt, 0);
      gint64 start = sqlite3_column_int64 (stmt, 1);
      gint64 end = sqlite3_column_int64 (stmt, 2);
      const char *created = (const char *) sqlite3_column_text (stmt, 5);
      const char *modified = (const char *) sqlite3_column_text (stmt, 6);
      const char *memo = (const char *) sqlite3_column_text (stmt, 7);
      const char *stance = (const char *) sqlite3_column_text (stmt, 8);
      gint64 version = sqlite3_column_int64 (stmt, 9);
      g_autofree char *guid = qdpx_guid ("annotation", stored_guid);
      g_autofree char *code_guid = qdpx_guid ("code", (const char *) sqlite3_column_text (stmt, 3));
      g_autofree char *coding_guid = pl_refi_derive_guid ("coding", guid);
      g_autofree char *user_tmp = NULL;
      g_autofree char *name = NULL;
      const char *user;

      if (start < 0 || start >= end || end > pl_document_get_length (document))
        {
          qdpx_fail (qdpx, _("Could not write the REFI-QDA project: annotation %s does not lie "
                             "within “%s”."), stored_guid, pl_document_get_title (document));
          break;
        }
      if (!g_hash_table_contains (qdpx->code_guids, code_guid))
        {
          qdpx_fail (qdpx, _("Could not write the REFI-QDA project: the code of annotation %s "
                             "is not in the codebook."), stored_guid);
          break;
        }

      user = user_ref (qdpx, (const char *) sqlite3_column_text (stmt, 4), &user_tmp);
      name = selection_name (cursor, (guint) start, (guint) end);

      qdpx_claim (qdpx, guid);
      qdpx_claim (qdpx, coding_guid);
      xml_start (qdpx, "PlainTextSelection");
      xml_attribute (qdpx, "guid", guid);
      xml_attribute (qdpx, "name", name);
      xml_attribute_uint (qdpx, "startPosition", (guint) start);
      xml_attribute_uint (qdpx, "endPosition", (guint) end);
      xml_attribute (qdpx, "creatingUser", user);
      xml_attribute (qdpx, "creationDateTime", created);
      xml_attribute (qdpx, "modifyingUser", user);
      xml_attribute (qdpx, "modifiedDateTime", modified);

      if (stance != NULL || version != 1)
        {
          g_autoptr(GString) description = g_string_new (NULL);
          g_autoptr(JsonObject) marker = json_object_new ();

          json_object_set_string_member (marker, "type", "annotation");
          add_optional_member (marker, "stance", stance);
          json_object_set_int_member (marker, "codebook_version", version);
          pl_refi_append_marker (description, marker);
          xml_text_element (qdpx, "Description", description->str);
        }

      xml_start (qdpx, "Coding");
      xml_attribute (qdpx, "guid", coding_guid);
      xml_attribute (qdpx, "creatingUser", user);
      xml_attribute (qdpx, "creationDateTime", created);
      xml_reference (qdpx, "CodeRef", code_guid);
      xml_end (qdpx);

      if (memo != NULL)
        {
          g_autofree char *note = pl_refi_derive_guid ("memo", guid);

          xml_reference (qdpx, "NoteRef", note);
        }
      qdpx_write_note_refs (qdpx, guid);
      xml_end (qdpx);

      if (++pending == 256)
        {
          pl_export_progress_advance (qdpx->progress, pending);
          pending = 0;
          if (!pl_export_sink_flush (qdpx->sink, FALSE, error))
            {
              sqlite3_reset (stmt);
              sqlite3_clear_bindings (stmt);
              return FALSE;
            }
        }
    }

  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  pl_export_progress_advance (qdpx->progress, pending);

  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    {
      pl_project_set_sql_error (qdpx->project, error, "read the annotations");
      return FALSE;
    }

  return qdpx_check (qdpx, error);
}

static char *
document_memo (Qdpx   *qdpx,
               gint64  document_id)
{
  sqlite3_stmt *stmt;
  char *memo = NULL;

  stmt = pl_project_prepare (qdpx->project, "SELECT memo FROM documents WHERE id = ?", NULL);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, document_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    memo = pl_sql_dup_text (stmt, 0);
  sqlite3_reset (stmt);

  return memo;
}

static gboolean
write_sources (Qdpx    *qdpx,
               GError **error)
{
  if (qdpx->documents->len == 0)
    return TRUE;

  xml_start (qdpx, "Sources");
  for (guint d = 0; d < qdpx->documents->len; d++)
    {
      PlDocument *document = g_ptr_array_index (qdpx->documents, d);
      gint64 id = pl_document_get_id (document);
      g_autofree char *guid = qdpx_guid ("document", pl_document_get_guid (document));
      g_autofree char *path = g_strconcat ("internal://", guid, ".txt", NULL);
      g_autofree char *text = NULL;
      g_autofree char *memo = NULL;
      g_autoptr(GPtrArray) statements = NULL;
      TextCursor cursor = { 0 };

      text = pl_project_dup_document_text (qdpx->project, id, error);
      if (text == NULL)
        return FALSE;
      statements = pl_project_list_statements (qdpx->project, id, error);
      if (statements == NULL)
        return FALSE;
      memo = document_memo (qdpx, id);

      cursor.text = text;
      cursor.cursor = text;

      qdpx_claim (qdpx, guid);
      xml_start (qdpx, "TextSource");
      xml_attribute (qdpx, "guid", guid);
      xml_attribute (qdpx, "name", pl_document_get_title (document));
      xml_attribute (qdpx, "plainTextPath", path);
      xml_attribute (qdpx, "creationDateTime", pl_document_get_created (document));

      for (guint i = 0; i < statements->len; i++)
        write_statement (qdpx, document, g_ptr_array_index (statements, i));

      if (!write_annotations (qdpx, document, &cursor, error))
        return FALSE;

      if (memo != NULL)
        {
          g_autofree char *note = pl_refi_derive_guid ("document-memo", guid);

          xml_reference (qdpx, "NoteRef", note);
        }
      qdpx_write_note_refs (qdpx, guid);

      for (guint k = 0; pl_refi_document_variables[k] != NULL; k++)
        write_variable_value (qdpx, pl_refi_document_variables[k],
                              document_variable_value (document, k));
      xml_end (qdpx);

      pl_export_progress_advance (qdpx->progress, 1);
      if (!qdpx_check (qdpx, error))
        return FALSE;
    }
  xml_end (qdpx);

  return TRUE;
}

/* Notes */

static void
write_note (Qdpx       *qdpx,
            const char *guid,
            const char *name,
            const char *text,
            const char *coder_guid,
            const char *created,
            const char *modified,
            JsonObject *marker)
{
  g_autofree char *user_tmp = NULL;
  const char *user = user_ref (qdpx, coder_guid, &user_tmp);

  qdpx_claim (qdpx, guid);
  xml_start (qdpx, "Note");
  xml_attribute (qdpx, "guid", guid);
  xml_attribute (qdpx, "name", name);
  xml_attribute (qdpx, "creatingUser", user);
  xml_attribute (qdpx, "creationDateTime", created);
  xml_attribute (qdpx, "modifyingUser", user);
  xml_attribute (qdpx, "modifiedDateTime", modified);
  if (marker != NULL)
    {
      g_autoptr(GString) description = g_string_new (NULL);

      pl_refi_append_marker (description, marker);
      xml_text_element (qdpx, "Description", description->str);
    }
  xml_text_element (qdpx, "PlainTextContent", text);
  xml_end (qdpx);
}

/* The notes table: which element refers to which note.  A note whose target is not
 * exported hangs from the Project. */
static gboolean
collect_notes (Qdpx    *qdpx,
               GError **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = pl_project_prepare (qdpx->project, "SELECT guid, target_guid FROM notes ORDER BY id",
                             error);
  if (stmt == NULL)
    return FALSE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autofree char *guid = qdpx_guid ("note", (const char *) sqlite3_column_text (stmt, 0));
      g_autofree char *target = pl_refi_normalize_guid ((const char *) sqlite3_column_text (stmt, 1));

      if (target != NULL)
        qdpx_add_note_ref (qdpx->notes_by_target, target, guid);
      else
        g_ptr_array_add (qdpx->project_notes, g_steal_pointer (&guid));
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      pl_project_set_sql_error (qdpx->project, error, "read the notes");
      return FALSE;
    }

  return TRUE;
}

static gboolean
write_notes (Qdpx    *qdpx,
             GError **error)
{
  g_autofree char *where = pl_export_filter_where (&qdpx->options->filter);
  g_autofree char *sql = NULL;
  gboolean open = FALSE;
  sqlite3_stmt *stmt;
  int rc;

  /* Memos of the exported annotations. */
  sql = g_strconcat ("SELECT a.guid, a.memo, c.guid, a.created, a.modified"
                     " FROM annotations AS a LEFT JOIN coders AS c ON c.id = a.coder_id"
                     " WHERE a.memo IS NOT NULL", where,
                     " ORDER BY a.document_id, a.start_offset, a.end_offset DESC, a.id", NULL);
  stmt = pl_project_prepare (qdpx->project, sql, error);
  if (stmt == NULL)
    return FALSE;
  pl_export_filter_bind (&qdpx->options->filter, stmt);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW && !qdpx->failed)
    {
      g_autofree char *annotation = qdpx_guid ("annotation", (const char *) sqlite3_column_text (stmt, 0));
      g_autofree char *guid = pl_refi_derive_guid ("memo", annotation);

      if (!open)
        {
          xml_start (qdpx, "Notes");
          open = TRUE;
        }
      write_note (qdpx, guid, "Memo", (const char *) sqlite3_column_text (stmt, 1),
                  (const char *) sqlite3_column_text (stmt, 2),
                  (const char *) sqlite3_column_text (stmt, 3),
                  (const char *) sqlite3_column_text (stmt, 4), NULL);
    }
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    {
      pl_project_set_sql_error (qdpx->project, error, "read the memos");
      return FALSE;
    }

  /* Memos of the exported documents. */
  for (guint d = 0; d < qdpx->documents->len; d++)
    {
      PlDocument *document = g_ptr_array_index (qdpx->documents, d);
      g_autofree char *memo = document_memo (qdpx, pl_document_get_id (document));
      g_autofree char *source = NULL;
      g_autofree char *guid = NULL;
      g_autofree char *name = NULL;

      if (memo == NULL)
        continue;

      source = qdpx_guid ("document", pl_document_get_guid (document));
      guid = pl_refi_derive_guid ("document-memo", source);
      name = g_strdup_printf ("Memo on %s", pl_document_get_title (document));
      if (!open)
        {
          xml_start (qdpx, "Notes");
          open = TRUE;
        }
      write_note (qdpx, guid, name, memo, NULL, pl_document_get_created (document), NULL, NULL);
    }

  /* The notes table. */
  stmt = pl_project_prepare (qdpx->project,
                             "SELECT n.guid, n.target_guid, n.text, c.guid, n.created, n.modified"
                             " FROM notes AS n LEFT JOIN coders AS c ON c.id = n.coder_id"
                             " ORDER BY n.id", error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW && !qdpx->failed)
    {
      g_autofree char *guid = qdpx_guid ("note", (const char *) sqlite3_column_text (stmt, 0));
      g_autoptr(JsonObject) marker = json_object_new ();
      const char *target = (const char *) sqlite3_column_text (stmt, 1);

      json_object_set_string_member (marker, "type", "note");
      add_optional_member (marker, "target", target);
      if (!open)
        {
          xml_start (qdpx, "Notes");
          open = TRUE;
        }
      write_note (qdpx, guid, "Note", (const char *) sqlite3_column_text (stmt, 2),
                  (const char *) sqlite3_column_text (stmt, 3),
                  (const char *) sqlite3_column_text (stmt, 4),
                  (const char *) sqlite3_column_text (stmt, 5), marker);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    {
      pl_project_set_sql_error (qdpx->project, error, "read the notes");
      return FALSE;
    }

  if (open)
    xml_end (qdpx);

  return qdpx_check (qdpx, error);
}

/* Targets of notes are known only once the elements are written; those that were not are
 * looked up first, so that their notes hang from the Project. */
static void
resolve_note_targets (Qdpx *qdpx)
{
  GListModel *codes = pl_project_get_codes (qdpx->project);
  g_autoptr(GHashTable) exported = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GHashTableIter iter;
  gpointer key;
  guint n = g_list_model_get_n_items (codes);
  g_autofree char *where = pl_export_filter_where (&qdpx->options->filter);
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PlCode) code = g_list_model_get_item (codes, i);

      g_hash_table_add (exported, qdpx_guid ("code", pl_code_get_guid (code)));
    }
  for (guint d = 0; d < qdpx->documents->len; d++)
    g_hash_table_add (exported, qdpx_guid ("document",
                                           pl_document_get_guid (g_ptr_array_index (qdpx->documents, d))));

  sql = g_strconcat ("SELECT a.guid FROM annotations AS a WHERE a.guid IN"
                     " (SELECT target_guid FROM notes)", where, NULL);
  stmt = pl_project_prepare (qdpx->project, sql, NULL);
  if (stmt != NULL)
    {
      pl_export_filter_bind (&qdpx->options->filter, stmt);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        g_hash_table_add (exported, qdpx_guid ("annotation", (const char *) sqlite3_column_text (stmt, 0)));
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
    }

  g_hash_table_iter_init (&iter, qdpx->notes_by_target);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (!g_hash_table_contains (exported, key))
      {
        GPtrArray *notes = g_hash_table_lookup (qdpx->notes_by_target, key);

        for (guint i = 0; i < notes->len; i++)
          g_ptr_array_add (qdpx->project_notes, g_strdup (g_ptr_array_index (notes, i)));
        g_hash_table_iter_remove (&iter);
      }
}

/* The project */

static char *
project_created (PlProject *project)
{
  sqlite3_stmt *stmt;
  char *created = NULL;

  stmt = pl_project_prepare (project, "SELECT value FROM project_info WHERE key = 'created'",
                             NULL);
  if (stmt == NULL)
    return NULL;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    created = pl_sql_dup_text (stmt, 0);
  sqlite3_reset (stmt);

  return created;
}

static gboolean
write_project_qde (Qdpx    *qdpx,
                   GError **error)
{
  g_autoptr(GPtrArray) cases = g_ptr_array_new_with_free_func (speaker_case_free);
  g_autofree char *title = pl_project_dup_title (qdpx->project);
  g_autofree char *created = project_created (qdpx->project);
  g_autofree char *modified = pl_now_iso8601 ();
  g_autoptr(GString) description = g_string_new ("Exported from Plenary " PACKAGE_VERSION ".");
  g_autoptr(JsonObject) marker = json_object_new ();
  xmlOutputBuffer *output;

  if (!collect_cases (qdpx, cases, error) || !collect_notes (qdpx, error))
    return FALSE;
  resolve_note_targets (qdpx);

  output = xmlOutputBufferCreateIO (xml_write_cb, xml_close_cb, qdpx, NULL);
  qdpx->writer = xmlNewTextWriter (output);
  if (qdpx->writer == NULL)
    {
      xmlOutputBufferClose (output);
      g_set_error (error, PL_EXPORT_ERROR, PL_EXPORT_ERROR_FAILED,
                   _("Could not write the REFI-QDA project."));
      return FALSE;
    }
  xmlTextWriterSetIndent (qdpx->writer, 1);
  xmlTextWriterSetIndentString (qdpx->writer, (const xmlChar *) "  ");

  if (xmlTextWriterStartDocument (qdpx->writer, "1.0", "UTF-8", NULL) < 0)
    qdpx_fail (qdpx, _("Could not write the REFI-QDA project."));

  xml_start (qdpx, "Project");
  xml_attribute (qdpx, "xmlns", QDA_NAMESPACE);
  xml_attribute (qdpx, "name", title);
  xml_attribute (qdpx, "origin", "Plenary " PACKAGE_VERSION);
  xml_attribute (qdpx, "creationDateTime", created);
  xml_attribute (qdpx, "modifiedDateTime", modified);

  write_users (qdpx);
  write_codebook (qdpx);
  write_variables (qdpx, cases);
  write_cases (qdpx, cases);
  if (!qdpx_check (qdpx, error) || !write_sources (qdpx, error) || !write_notes (qdpx, error))
    return FALSE;

  json_object_set_string_member (marker, "type", "project");
  json_object_set_int_member (marker, "codebook_version",
                              pl_export_get_codebook_version (qdpx->project));
  pl_refi_append_marker (description, marker);
  xml_text_element (qdpx, "Description", description->str);
  for (guint i = 0; i < qdpx->project_notes->len; i++)
    xml_reference (qdpx, "NoteRef", g_ptr_array_index (qdpx->project_notes, i));

  xml_end (qdpx);
  if (xmlTextWriterEndDocument (qdpx->writer) < 0)
    qdpx_fail (qdpx, _("Could not write the REFI-QDA project."));

  g_clear_pointer (&qdpx->writer, xmlFreeTextWriter);

  return qdpx_check (qdpx, error);
}

static gboolean
write_source_files (Qdpx    *qdpx,
                    GError **error)
{
  for (guint d = 0; d < qdpx->documents->len; d++)
    {
      PlDocument *document = g_ptr_array_index (qdpx->documents, d);
      g_autofree char *guid = qdpx_guid ("document", pl_document_get_guid (document));
      g_autofree char *path = g_strconcat ("sources/", guid, ".txt", NULL);
      g_autofree char *text = NULL;
      struct archive_entry *entry;
      gsize length;

      text = pl_project_dup_document_text (qdpx->project, pl_document_get_id (document), error);
      if (text == NULL)
        return FALSE;
      length = strlen (text);

      entry = archive_entry_new ();
      archive_entry_set_pathname_utf8 (entry, path);
      archive_entry_set_filetype (entry, AE_IFREG);
      archive_entry_set_perm (entry, 0644);
      archive_entry_set_size (entry, (la_int64_t) length);
      archive_entry_set_mtime (entry, g_get_real_time () / G_USEC_PER_SEC, 0);
      archive_check (qdpx, archive_write_header (qdpx->archive, entry));
      archive_entry_free (entry);

      if (!qdpx->failed && length > 0 &&
          archive_write_data (qdpx->archive, text, length) < 0)
        archive_check (qdpx, ARCHIVE_FATAL);
      if (!qdpx->failed)
        archive_check (qdpx, archive_write_finish_entry (qdpx->archive));

      if (!qdpx_check (qdpx, error))
        return FALSE;
    }

  return TRUE;
}

gboolean
pl_export_write_qdpx (PlProject              *project,
                      PlExportSink           *sink,
                      const PlExportOptions  *options,
                      PlExportProgress       *progress,
                      GError                **error)
{
  Qdpx qdpx = { 0 };
  struct archive_entry *entry;
  gint64 n_annotations;
  gboolean ok = FALSE;

  g_return_val_if_fail (PL_IS_PROJECT (project), FALSE);
  g_return_val_if_fail (sink != NULL, FALSE);
  g_return_val_if_fail (options != NULL, FALSE);

  n_annotations = pl_export_count_annotations (project, &options->filter, error);
  if (n_annotations < 0)
    return FALSE;

  qdpx.project = project;
  qdpx.sink = sink;
  qdpx.options = options;
  qdpx.progress = progress;
  qdpx.guids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  qdpx.code_guids = g_hash_table_new (g_str_hash, g_str_equal);
  qdpx.user_guids = g_hash_table_new (g_str_hash, g_str_equal);
  qdpx.notes_by_target = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                (GDestroyNotify) g_ptr_array_unref);
  qdpx.project_notes = g_ptr_array_new_with_free_func (g_free);
  qdpx.documents = pl_export_filter_list_documents (&options->filter, project);

  pl_export_progress_set_total (progress, qdpx.documents->len + (guint64) n_annotations);

  qdpx.archive = archive_write_new ();
  archive_write_set_format_zip (qdpx.archive);
  /* Fast compression: the XML is large and compresses well at any level. */
  archive_write_set_format_option (qdpx.archive, "zip", "compression-level", "1");
  archive_write_set_bytes_per_block (qdpx.archive, 64 * 1024);
  archive_write_set_bytes_in_last_block (qdpx.archive, 1);
  archive_check (&qdpx, archive_write_open2 (qdpx.archive, &qdpx, NULL, archive_write_cb,
                                             NULL, NULL));
  if (!qdpx_check (&qdpx, error))
    goto out;

  /* project.qde, streamed: its size is not known in advance. */
  entry = archive_entry_new ();
  archive_entry_set_pathname_utf8 (entry, "project.qde");
  archive_entry_set_filetype (entry, AE_IFREG);
  archive_entry_set_perm (entry, 0644);
  archive_entry_set_mtime (entry, g_get_real_time () / G_USEC_PER_SEC, 0);
  archive_check (&qdpx, archive_write_header (qdpx.archive, entry));
  archive_entry_free (entry);
  if (!qdpx_check (&qdpx, error))
    goto out;

  if (!write_project_qde (&qdpx, error))
    goto out;
  archive_check (&qdpx, archive_write_finish_entry (qdpx.archive));
  if (!qdpx_check (&qdpx, error))
    goto out;

  if (!write_source_files (&qdpx, error))
    goto out;

  archive_check (&qdpx, archive_write_close (qdpx.archive));
  ok = qdpx_check (&qdpx, error);

out:
  g_clear_pointer (&qdpx.writer, xmlFreeTextWriter);
  archive_write_free (qdpx.archive);
  g_clear_error (&qdpx.error);
  g_hash_table_unref (qdpx.code_guids);
  g_hash_table_unref (qdpx.user_guids);
  g_hash_table_unref (qdpx.guids);
  g_hash_table_unref (qdpx.notes_by_target);
  g_ptr_array_unref (qdpx.project_notes);
  g_ptr_array_unref (qdpx.documents);

  return ok;
}
