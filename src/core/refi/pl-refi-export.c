/* pl-refi-export.c — a project as a REFI-QDA .qdpx (project.qde and sources/<GUID>.txt)
 *
 * pl-refi.h describes where each part of the project goes; pl-refi-writer.c streams the
 * zip and the XML, pl-refi-plenary.c writes what project.qde has no place for.  Everything
 * is read through the export's PlProjectReader.  While writing, the exporter checks what
 * the schema cannot: unique GUIDs, references that resolve, positions within their text; a
 * failed check fails the export.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "plenary-refi-export"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "pl-refi-export.h"
#include "pl-refi-private.h"
#include "pl-text.h"

#define QDA_NAMESPACE "urn:QDA-XML:project:1.0"
#define NAME_LENGTH 100

typedef struct
{
  char    *entity;
  char    *values[3];     /* entity type, ISO3, regional group */
  GPtrArray *selections;  /* GUIDs of the coded selections in its statements */
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

/* Users */

static void
write_users (PlQdpx *qdpx)
{
  g_autoptr(GPtrArray) coders = pl_project_reader_list_coders (qdpx->reader);

  if (coders == NULL || coders->len == 0)
    return;

  pl_qdpx_start (qdpx, "Users");
  for (guint i = 0; i < coders->len; i++)
    {
      const PlCoder *coder = g_ptr_array_index (coders, i);
      g_autofree char *guid = pl_qdpx_guid ("user", coder->guid);
      const char *claimed = pl_qdpx_claim (qdpx, guid);

      g_hash_table_add (qdpx->user_guids, (gpointer) claimed);
      pl_qdpx_start (qdpx, "User");
      pl_qdpx_attribute (qdpx, "guid", guid);
      pl_qdpx_attribute (qdpx, "name", coder->name);
      pl_qdpx_attribute (qdpx, "id", coder->initials);
      pl_qdpx_end (qdpx);
    }
  pl_qdpx_end (qdpx);
}

static const char *
user_ref (PlQdpx     *qdpx,
          const char *coder_guid,
          char      **tmp)
{
  g_free (*tmp);
  *tmp = coder_guid != NULL ? pl_refi_normalize_guid (coder_guid) : NULL;
  if (*tmp == NULL)
    *tmp = coder_guid != NULL ? pl_refi_derive_guid ("user", coder_guid) : NULL;

  if (*tmp != NULL && !g_hash_table_contains (qdpx->user_guids, *tmp))
    {
      pl_qdpx_fail (qdpx, _("Could not write the REFI-QDA project: coder %s is not in the "
                         "project."), coder_guid);
      return NULL;
    }

  return *tmp;
}

/* Codebook */

/* The definition, then "Include: …", "Exclude: …", "Example: …", "Id: …" as the .qdc
 * export of the codebook writes them (pl-codebook-qdc.c), for people and other tools; the
 * exact values travel in plenary/project.json. */
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
write_codebook (PlQdpx *qdpx)
{
  GListModel *codes = pl_project_reader_get_codes (qdpx->reader);
  guint n = g_list_model_get_n_items (codes);
  guint open = 0;   /* Code elements not yet closed */

  if (n == 0)
    return;

  pl_qdpx_start (qdpx, "CodeBook");
  pl_qdpx_start (qdpx, "Codes");

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PlCode) code = g_list_model_get_item (codes, i);
      g_autofree char *guid = pl_qdpx_guid ("code", pl_code_get_guid (code));
      g_autofree char *description = code_description (code);
      guint depth = pl_code_get_depth (code);
      const char *claimed;

      /* A code at depth D lies in its D ancestors: close the elements below them. */
      while (open > depth)
        {
          pl_qdpx_end (qdpx);
          open--;
        }

      claimed = pl_qdpx_claim (qdpx, guid);
      g_hash_table_add (qdpx->code_guids, (gpointer) claimed);

      pl_qdpx_start (qdpx, "Code");
      open++;
      pl_qdpx_attribute (qdpx, "guid", guid);
      pl_qdpx_attribute (qdpx, "name", pl_code_get_name (code));
      pl_qdpx_attribute (qdpx, "isCodable", pl_code_get_codable (code) ? "true" : "false");
      if (is_rgb (pl_code_get_color (code)))
        pl_qdpx_attribute (qdpx, "color", pl_code_get_color (code));
      pl_qdpx_text_element (qdpx, "Description", description);
      pl_qdpx_write_note_refs (qdpx, guid);
    }

  while (open > 0)
    {
      pl_qdpx_end (qdpx);
      open--;
    }

  pl_qdpx_end (qdpx);
  pl_qdpx_end (qdpx);
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
write_variable_value (PlQdpx     *qdpx,
                      const char *variable,
                      const char *value)
{
  g_autofree char *guid = NULL;

  if (value == NULL || *value == '\0')
    return;

  guid = variable_guid (variable);
  pl_qdpx_start (qdpx, "VariableValue");
  pl_qdpx_reference (qdpx, "VariableRef", guid);
  pl_qdpx_text_element (qdpx, "TextValue", value);
  pl_qdpx_end (qdpx);
}

/* Each exported annotation that starts in a statement of a speaker, as a SelectionRef of
 * that speaker's Case: what the speaker said that was coded. */
static gboolean
collect_case_selections (PlQdpx      *qdpx,
                         PlDocument  *document,
                         GHashTable  *by_entity,
                         GError     **error)
{
  g_autoptr(PlAnnotationCursor) cursor = NULL;
  const PlAnnotationRow *row;

  cursor = pl_project_reader_read_annotations (qdpx->reader, &qdpx->options->filter,
                                               pl_document_get_id (document), PL_READ_STATEMENT,
                                               error);
  if (cursor == NULL)
    return FALSE;

  while ((row = pl_annotation_cursor_next (cursor)) != NULL)
    {
      SpeakerCase *speaker = row->statement != NULL && row->statement->entity != NULL
        ? g_hash_table_lookup (by_entity, row->statement->entity) : NULL;

      if (speaker != NULL)
        g_ptr_array_add (speaker->selections, pl_qdpx_guid ("annotation", row->guid));
    }

  return pl_annotation_cursor_finish (cursor, error);
}

/* One Case per distinct entity of the exported documents' statements, in order of first
 * appearance. */
static gboolean
collect_cases (PlQdpx     *qdpx,
               GPtrArray  *cases,
               GError    **error)
{
  g_autoptr(GHashTable) by_entity = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint d = 0; d < qdpx->documents->len; d++)
    {
      PlDocument *document = g_ptr_array_index (qdpx->documents, d);
      g_autoptr(GPtrArray) statements = NULL;

      statements = pl_project_reader_list_statements (qdpx->reader, pl_document_get_id (document),
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
        }

      if (!collect_case_selections (qdpx, document, by_entity, error))
        return FALSE;
    }

  return TRUE;
}

static void
write_variables (PlQdpx    *qdpx,
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

  pl_qdpx_start (qdpx, "Variables");
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
          pl_qdpx_claim (qdpx, guid);
          pl_qdpx_start (qdpx, "Variable");
          pl_qdpx_attribute (qdpx, "guid", guid);
          pl_qdpx_attribute (qdpx, "name", names[k]);
          pl_qdpx_attribute (qdpx, "typeOfVariable", "Text");
          pl_qdpx_end (qdpx);
        }
    }
  pl_qdpx_end (qdpx);
}

static void
write_cases (PlQdpx    *qdpx,
             GPtrArray *cases)
{
  if (cases->len == 0)
    return;

  pl_qdpx_start (qdpx, "Cases");
  for (guint c = 0; c < cases->len; c++)
    {
      const SpeakerCase *speaker = g_ptr_array_index (cases, c);
      g_autofree char *guid = pl_refi_derive_guid ("case", speaker->entity);

      pl_qdpx_claim (qdpx, guid);
      pl_qdpx_start (qdpx, "Case");
      pl_qdpx_attribute (qdpx, "guid", guid);
      pl_qdpx_attribute (qdpx, "name", speaker->entity);
      for (guint k = 0; pl_refi_case_variables[k] != NULL; k++)
        write_variable_value (qdpx, pl_refi_case_variables[k], speaker->values[k]);
      for (guint i = 0; i < speaker->selections->len; i++)
        pl_qdpx_reference (qdpx, "SelectionRef", g_ptr_array_index (speaker->selections, i));
      pl_qdpx_end (qdpx);
    }
  pl_qdpx_end (qdpx);
}

/* Sources */

/* The selected text (@length characters), as ATLAS.ti names its quotations: cut with "…"
 * when long. */
static char *
selection_name (const char *text,
                guint       length)
{
  const char *cut;

  if (length <= NAME_LENGTH)
    return g_strdup (text);

  cut = g_utf8_offset_to_pointer (text, NAME_LENGTH - 1);
  return g_strdup_printf ("%.*s…", (int) (cut - text), text);
}

/* One annotation: its selection and coding; FALSE when it cannot be written. */
static gboolean
write_annotation (PlQdpx                *qdpx,
                  const PlAnnotationRow *row)
{
  PlDocument *document = row->document;
  g_autofree char *guid = pl_qdpx_guid ("annotation", row->guid);
  g_autofree char *code_guid = pl_qdpx_guid ("code", row->code != NULL
                                                     ? pl_code_get_guid (row->code) : NULL);
  g_autofree char *coding_guid = pl_refi_derive_guid ("coding", guid);
  g_autofree char *user_tmp = NULL;
  g_autofree char *name = NULL;
  const char *user;

  if (row->start >= row->end || row->end > pl_document_get_length (document))
    {
      pl_qdpx_fail (qdpx, _("Could not write the REFI-QDA project: annotation %s does not lie "
                            "within “%s”."), row->guid, pl_document_get_title (document));
      return FALSE;
    }
  if (!g_hash_table_contains (qdpx->code_guids, code_guid))
    {
      pl_qdpx_fail (qdpx, _("Could not write the REFI-QDA project: the code of annotation %s "
                            "is not in the codebook."), row->guid);
      return FALSE;
    }

  user = user_ref (qdpx, row->coder_guid, &user_tmp);
  name = selection_name (row->text, row->end - row->start);

  pl_qdpx_claim (qdpx, guid);
  pl_qdpx_claim (qdpx, coding_guid);
  pl_qdpx_start (qdpx, "PlainTextSelection");
  pl_qdpx_attribute (qdpx, "guid", guid);
  pl_qdpx_attribute (qdpx, "name", name);
  pl_qdpx_attribute_uint (qdpx, "startPosition", row->start);
  pl_qdpx_attribute_uint (qdpx, "endPosition", row->end);
  pl_qdpx_attribute (qdpx, "creatingUser", user);
  pl_qdpx_attribute (qdpx, "creationDateTime", row->created);
  pl_qdpx_attribute (qdpx, "modifyingUser", user);
  pl_qdpx_attribute (qdpx, "modifiedDateTime", row->modified);

  /* Where QualCoder and most tools read a coding's memo. */
  pl_qdpx_text_element (qdpx, "Description", row->memo);

  pl_qdpx_start (qdpx, "Coding");
  pl_qdpx_attribute (qdpx, "guid", coding_guid);
  pl_qdpx_attribute (qdpx, "creatingUser", user);
  pl_qdpx_attribute (qdpx, "creationDateTime", row->created);
  pl_qdpx_reference (qdpx, "CodeRef", code_guid);
  pl_qdpx_end (qdpx);

  pl_qdpx_write_note_refs (qdpx, guid);
  pl_qdpx_end (qdpx);

  return !qdpx->failed;
}

static gboolean
write_annotations (PlQdpx      *qdpx,
                   PlDocument  *document,
                   GError     **error)
{
  g_autoptr(PlAnnotationCursor) cursor = NULL;
  const PlAnnotationRow *row;

  cursor = pl_project_reader_read_annotations (qdpx->reader, &qdpx->options->filter,
                                               pl_document_get_id (document), PL_READ_TEXT,
                                               error);
  if (cursor == NULL)
    return FALSE;

  while ((row = pl_annotation_cursor_next (cursor)) != NULL && write_annotation (qdpx, row))
    {
      if (!pl_export_sink_flush (qdpx->sink, FALSE, error))
        return FALSE;
      pl_export_progress_tick (qdpx->progress);
    }
  pl_export_progress_advance (qdpx->progress, 0);

  if (!pl_annotation_cursor_finish (cursor, error))
    return FALSE;

  return pl_qdpx_check (qdpx, error);
}

/* A note about a passage, written as a selection without a code whose Description is the
 * note: as ATLAS.ti writes a commented quotation, and as QualCoder reads an annotation. */
typedef struct
{
  char  *guid;
  char  *text;
  char  *coder_guid;
  char  *created;
  char  *modified;
  guint  start;
  guint  end;
} QdpxPassage;

static void
qdpx_passage_free (gpointer data)
{
  QdpxPassage *passage = data;

  g_free (passage->guid);
  g_free (passage->text);
  g_free (passage->coder_guid);
  g_free (passage->created);
  g_free (passage->modified);
  g_free (passage);
}

static gboolean
write_passages (PlQdpx      *qdpx,
                PlDocument  *document,
                const char  *document_guid,
                GError     **error)
{
  GPtrArray *passages = g_hash_table_lookup (qdpx->passages, document_guid);
  g_autofree char *text = NULL;

  if (passages == NULL)
    return TRUE;

  text = pl_project_reader_dup_document_text (qdpx->reader, pl_document_get_id (document), error);
  if (text == NULL)
    return FALSE;

  for (guint i = 0; i < passages->len; i++)
    {
      const QdpxPassage *passage = g_ptr_array_index (passages, i);
      g_autofree char *user_tmp = NULL;
      g_autofree char *quoted = NULL;
      g_autofree char *name = NULL;
      const char *user = user_ref (qdpx, passage->coder_guid, &user_tmp);

      if (passage->start >= passage->end || passage->end > pl_document_get_length (document))
        {
          pl_qdpx_fail (qdpx, _("Could not write the REFI-QDA project: note %s is about a "
                                "passage outside “%s”."), passage->guid,
                        pl_document_get_title (document));
          return pl_qdpx_check (qdpx, error);
        }

      quoted = pl_text_slice (text, passage->start, passage->end);
      name = selection_name (quoted, passage->end - passage->start);
      pl_qdpx_claim (qdpx, passage->guid);
      pl_qdpx_start (qdpx, "PlainTextSelection");
      pl_qdpx_attribute (qdpx, "guid", passage->guid);
      pl_qdpx_attribute (qdpx, "name", name);
      pl_qdpx_attribute_uint (qdpx, "startPosition", passage->start);
      pl_qdpx_attribute_uint (qdpx, "endPosition", passage->end);
      pl_qdpx_attribute (qdpx, "creatingUser", user);
      pl_qdpx_attribute (qdpx, "creationDateTime", passage->created);
      pl_qdpx_attribute (qdpx, "modifyingUser", user);
      pl_qdpx_attribute (qdpx, "modifiedDateTime", passage->modified);
      pl_qdpx_text_element (qdpx, "Description", passage->text);
      pl_qdpx_end (qdpx);
    }

  return pl_qdpx_check (qdpx, error);
}

static gboolean
write_sources (PlQdpx  *qdpx,
               GError **error)
{
  if (qdpx->documents->len == 0)
    return TRUE;

  pl_qdpx_start (qdpx, "Sources");
  for (guint d = 0; d < qdpx->documents->len; d++)
    {
      PlDocument *document = g_ptr_array_index (qdpx->documents, d);
      gint64 id = pl_document_get_id (document);
      g_autofree char *guid = pl_qdpx_guid ("document", pl_document_get_guid (document));
      g_autofree char *path = g_strconcat ("internal://", guid, ".txt", NULL);
      g_autofree char *memo = NULL;

      if (!pl_project_reader_read_document_memo (qdpx->reader, id, &memo, error))
        return FALSE;

      pl_qdpx_claim (qdpx, guid);
      pl_qdpx_start (qdpx, "TextSource");
      pl_qdpx_attribute (qdpx, "guid", guid);
      pl_qdpx_attribute (qdpx, "name", pl_document_get_title (document));
      pl_qdpx_attribute (qdpx, "plainTextPath", path);
      pl_qdpx_attribute (qdpx, "creationDateTime", pl_document_get_created (document));
      pl_qdpx_text_element (qdpx, "Description", memo);

      if (!write_annotations (qdpx, document, error) ||
          !write_passages (qdpx, document, guid, error))
        return FALSE;
      pl_qdpx_write_link_selections (qdpx, document);

      pl_qdpx_write_note_refs (qdpx, guid);

      for (guint k = 0; pl_refi_document_variables[k] != NULL; k++)
        write_variable_value (qdpx, pl_refi_document_variables[k],
                              document_variable_value (document, k));
      pl_qdpx_end (qdpx);

      pl_export_progress_advance (qdpx->progress, 1);
      if (!pl_qdpx_check (qdpx, error))
        return FALSE;
    }
  pl_qdpx_end (qdpx);

  return TRUE;
}

/* Notes */

/* The notes table: which element refers to which note.  A note about a passage of an
 * exported document is written as a selection of that document; a note whose target is not
 * exported hangs from the Project. */
static gboolean
collect_note (const PlNoteRow  *row,
              gpointer          user_data,
              GError          **error)
{
  PlQdpx *qdpx = user_data;
  g_autofree char *guid = pl_qdpx_guid ("note", row->guid);
  g_autofree char *target = pl_refi_normalize_guid (row->target_guid);

  if (row->anchored && target != NULL && g_hash_table_contains (qdpx->document_guids, target))
    {
      QdpxPassage *passage = g_new0 (QdpxPassage, 1);
      GPtrArray *passages = g_hash_table_lookup (qdpx->passages, target);

      if (passages == NULL)
        {
          passages = g_ptr_array_new_with_free_func (qdpx_passage_free);
          g_hash_table_insert (qdpx->passages, g_strdup (target), passages);
        }
      passage->guid = g_strdup (guid);
      passage->text = g_strdup (row->text);
      passage->coder_guid = g_strdup (row->coder_guid);
      passage->created = g_strdup (row->created);
      passage->modified = g_strdup (row->modified);
      passage->start = row->start;
      passage->end = row->end;
      g_ptr_array_add (passages, passage);
      g_hash_table_add (qdpx->passage_notes, g_steal_pointer (&guid));
    }
  else if (target != NULL)
    pl_qdpx_add_note_ref (qdpx, target, guid);
  else
    g_ptr_array_add (qdpx->project_notes, g_steal_pointer (&guid));

  return TRUE;
}

typedef struct
{
  PlQdpx   *qdpx;
  gboolean  open;
} NoteWriter;

/* A note of the notes table, its text in sources/<GUID>.txt (write_note_file()) as the
 * standard's own examples and QualCoder's journals have it. */
static gboolean
write_table_note (const PlNoteRow  *row,
                  gpointer          user_data,
                  GError          **error)
{
  NoteWriter *writer = user_data;
  PlQdpx *qdpx = writer->qdpx;
  g_autofree char *guid = pl_qdpx_guid ("note", row->guid);
  g_autofree char *path = NULL;
  g_autofree char *user_tmp = NULL;
  const char *user;

  /* After a failure the export is discarded: the rest need not be written. */
  if (qdpx->failed || g_hash_table_contains (qdpx->passage_notes, guid))
    return TRUE;

  if (!writer->open)
    {
      pl_qdpx_start (qdpx, "Notes");
      writer->open = TRUE;
    }

  user = user_ref (qdpx, row->coder_guid, &user_tmp);
  path = g_strconcat ("internal://", guid, ".txt", NULL);
  pl_qdpx_claim (qdpx, guid);
  pl_qdpx_start (qdpx, "Note");
  pl_qdpx_attribute (qdpx, "guid", guid);
  pl_qdpx_attribute (qdpx, "name", row->title != NULL ? row->title : "Note");
  pl_qdpx_attribute (qdpx, "plainTextPath", path);
  pl_qdpx_attribute (qdpx, "creatingUser", user);
  pl_qdpx_attribute (qdpx, "creationDateTime", row->created);
  pl_qdpx_attribute (qdpx, "modifyingUser", user);
  pl_qdpx_attribute (qdpx, "modifiedDateTime", row->modified);
  pl_qdpx_end (qdpx);

  return TRUE;
}

static gboolean
write_notes (PlQdpx  *qdpx,
             GError **error)
{
  NoteWriter writer = { qdpx, FALSE };

  if (!pl_project_reader_foreach_note (qdpx->reader, write_table_note, &writer, error))
    return FALSE;

  if (writer.open)
    pl_qdpx_end (qdpx);

  return pl_qdpx_check (qdpx, error);
}

/* Targets of notes are known only once the elements are written; those that were not are
 * looked up first, so that their notes hang from the Project. */
static gboolean
resolve_note_targets (PlQdpx  *qdpx,
                      GError **error)
{
  GListModel *codes = pl_project_reader_get_codes (qdpx->reader);
  g_autoptr(GHashTable) exported = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(PlAnnotationCursor) cursor = NULL;
  const PlAnnotationRow *row;
  GHashTableIter iter;
  gpointer key;
  guint n = g_list_model_get_n_items (codes);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PlCode) code = g_list_model_get_item (codes, i);

      g_hash_table_add (exported, pl_qdpx_guid ("code", pl_code_get_guid (code)));
    }
  for (guint d = 0; d < qdpx->documents->len; d++)
    g_hash_table_add (exported,
                      pl_qdpx_guid ("document",
                                    pl_document_get_guid (g_ptr_array_index (qdpx->documents, d))));

  cursor = pl_project_reader_read_annotations (qdpx->reader, &qdpx->options->filter, 0,
                                               PL_READ_ONLY_NOTED, error);
  if (cursor == NULL)
    return FALSE;
  while ((row = pl_annotation_cursor_next (cursor)) != NULL)
    g_hash_table_add (exported, pl_qdpx_guid ("annotation", row->guid));
  if (!pl_annotation_cursor_finish (cursor, error))
    return FALSE;

  g_hash_table_iter_init (&iter, qdpx->notes_by_target);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (!g_hash_table_contains (exported, key))
      {
        GPtrArray *notes = g_hash_table_lookup (qdpx->notes_by_target, key);

        for (guint i = 0; i < notes->len; i++)
          g_ptr_array_add (qdpx->project_notes, g_strdup (g_ptr_array_index (notes, i)));
        g_hash_table_iter_remove (&iter);
      }

  return TRUE;
}

/* The project */

static gboolean
write_project_qde (PlQdpx  *qdpx,
                   GError **error)
{
  g_autoptr(GPtrArray) cases = g_ptr_array_new_with_free_func (speaker_case_free);
  g_autofree char *title = pl_project_reader_dup_title (qdpx->reader);
  g_autofree char *created = pl_project_reader_dup_created (qdpx->reader);
  g_autofree char *description = pl_project_reader_dup_description (qdpx->reader);

  for (guint d = 0; d < qdpx->documents->len; d++)
    g_hash_table_add (qdpx->document_guids,
                      pl_qdpx_guid ("document",
                                    pl_document_get_guid (g_ptr_array_index (qdpx->documents, d))));

  if (!collect_cases (qdpx, cases, error) ||
      !pl_qdpx_collect_links (qdpx, error) ||
      !pl_project_reader_foreach_note (qdpx->reader, collect_note, qdpx, error) ||
      !resolve_note_targets (qdpx, error))
    return FALSE;

  pl_qdpx_begin_xml (qdpx);
  pl_qdpx_start (qdpx, "Project");
  pl_qdpx_attribute (qdpx, "xmlns", QDA_NAMESPACE);
  pl_qdpx_attribute (qdpx, "name", title);
  pl_qdpx_attribute (qdpx, "origin", "Plenary " PACKAGE_VERSION);
  pl_qdpx_attribute (qdpx, "creationDateTime", created);
  pl_qdpx_attribute (qdpx, "modifiedDateTime", pl_project_reader_get_time (qdpx->reader));

  write_users (qdpx);
  write_codebook (qdpx);
  write_variables (qdpx, cases);
  write_cases (qdpx, cases);
  if (!pl_qdpx_check (qdpx, error) || !write_sources (qdpx, error) || !write_notes (qdpx, error))
    return FALSE;
  pl_qdpx_write_links (qdpx);

  pl_qdpx_text_element (qdpx, "Description", description);
  for (guint i = 0; i < qdpx->project_notes->len; i++)
    pl_qdpx_reference (qdpx, "NoteRef", g_ptr_array_index (qdpx->project_notes, i));

  pl_qdpx_end (qdpx);
  pl_qdpx_end_xml (qdpx);

  return pl_qdpx_check (qdpx, error);
}

/* sources/<GUID>.txt of a note written as a Note (write_table_note()). */
static gboolean
write_note_file (const PlNoteRow  *row,
                 gpointer          user_data,
                 GError          **error)
{
  PlQdpx *qdpx = user_data;
  g_autofree char *guid = pl_qdpx_guid ("note", row->guid);
  g_autofree char *path = NULL;

  if (qdpx->failed || g_hash_table_contains (qdpx->passage_notes, guid))
    return TRUE;

  path = g_strconcat ("sources/", guid, ".txt", NULL);
  pl_qdpx_write_entry (qdpx, path, row->text);

  return TRUE;
}

/* The texts of the documents and notes. */
static gboolean
write_source_files (PlQdpx  *qdpx,
                    GError **error)
{
  for (guint d = 0; d < qdpx->documents->len; d++)
    {
      PlDocument *document = g_ptr_array_index (qdpx->documents, d);
      g_autofree char *guid = pl_qdpx_guid ("document", pl_document_get_guid (document));
      g_autofree char *path = g_strconcat ("sources/", guid, ".txt", NULL);
      g_autofree char *text = NULL;

      text = pl_project_reader_dup_document_text (qdpx->reader, pl_document_get_id (document),
                                                  error);
      if (text == NULL)
        return FALSE;
      pl_qdpx_write_entry (qdpx, path, text);

      if (!pl_qdpx_check (qdpx, error))
        return FALSE;
    }

  return pl_project_reader_foreach_note (qdpx->reader, write_note_file, qdpx, error) &&
         pl_qdpx_check (qdpx, error);
}

gboolean
pl_refi_write_qdpx (PlProjectReader        *reader,
                    PlExportSink           *sink,
                    const PlExportOptions  *options,
                    PlExportProgress       *progress,
                    GError                **error)
{
  PlQdpx qdpx = { 0 };
  gint64 n_annotations;
  gboolean ok;

  g_return_val_if_fail (reader != NULL, FALSE);
  g_return_val_if_fail (sink != NULL, FALSE);
  g_return_val_if_fail (options != NULL, FALSE);

  n_annotations = pl_project_reader_count_annotations (reader, &options->filter, error);
  if (n_annotations < 0)
    return FALSE;

  pl_qdpx_init (&qdpx);
  qdpx.reader = reader;
  qdpx.sink = sink;
  qdpx.options = options;
  qdpx.progress = progress;
  qdpx.documents = pl_project_reader_list_documents (reader, &options->filter);

  pl_export_progress_set_total (progress, qdpx.documents->len + (guint64) n_annotations);

  /* project.qde first, streamed: its size is not known in advance. */
  pl_qdpx_open_archive (&qdpx);
  pl_qdpx_begin_entry (&qdpx, "project.qde", -1);
  ok = pl_qdpx_check (&qdpx, error) && write_project_qde (&qdpx, error);
  if (ok)
    {
      pl_qdpx_finish_entry (&qdpx);
      ok = pl_qdpx_check (&qdpx, error) && write_source_files (&qdpx, error) &&
           pl_qdpx_write_plenary (&qdpx, error);
    }
  if (ok)
    {
      pl_qdpx_close_archive (&qdpx);
      ok = pl_qdpx_check (&qdpx, error);
    }

  pl_qdpx_clear (&qdpx);

  return ok;
}
