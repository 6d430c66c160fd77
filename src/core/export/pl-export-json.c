/* pl-export-json.c — the dataset as JSON ("plenary-dataset" version 1)
 *
 * The dataset is written piece by piece (one document or annotation at a time) so that
 * memory stays flat however large the project is; the pieces are indented to read as one
 * pretty-printed document.  data/schemas/plenary-dataset.schema.json describes it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "plenary-export-json"

#include "config.h"

#include <string.h>

#include <json-glib/json-glib.h>

#include "pl-codebook.h"
#include "pl-export-private.h"
#include "pl-project-gold.h"

typedef struct
{
  PlExportSink  *sink;
  GString       *out;
  JsonGenerator *generator;
  gboolean       first;
} JsonWriter;

static void
json_add_string (JsonBuilder *builder,
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
json_add_int (JsonBuilder *builder,
              const char  *member,
              gint64       value)
{
  json_builder_set_member_name (builder, member);
  json_builder_add_int_value (builder, value);
}

/* Appends @node pretty-printed, every line after the first indented by @indent spaces. */
static void
json_append_node (JsonWriter *writer,
                  JsonNode   *node,
                  guint       indent)
{
  g_autofree char *json = NULL;
  GString *out = writer->out;
  const char *p;
  const char *newline;

  json_generator_set_root (writer->generator, node);
  json = json_generator_to_data (writer->generator, NULL);

  for (p = json; (newline = strchr (p, '\n')) != NULL; p = newline + 1)
    {
      g_string_append_len (out, p, newline + 1 - p);
      for (guint i = 0; i < indent; i++)
        g_string_append_c (out, ' ');
    }
  g_string_append (out, p);
}

/* Appends @node as the next element of an array whose elements sit at 4 spaces. */
static gboolean
json_append_element (JsonWriter  *writer,
                     JsonNode    *node,
                     GError     **error)
{
  g_string_append (writer->out, writer->first ? "\n    " : ",\n    ");
  writer->first = FALSE;
  json_append_node (writer, node, 4);

  return pl_export_sink_flush (writer->sink, FALSE, error);
}

static void
json_begin_array (JsonWriter *writer,
                  const char *member)
{
  g_string_append_printf (writer->out, ",\n  \"%s\" : [", member);
  writer->first = TRUE;
}

static void
json_end_array (JsonWriter *writer)
{
  g_string_append (writer->out, writer->first ? "]" : "\n  ]");
}

/* format, version, project, codebook, coders */
static JsonNode *
json_build_head (PlProjectReader *reader)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(GPtrArray) coders = pl_project_reader_list_coders (reader);
  g_autofree char *title = pl_project_reader_dup_title (reader);

  json_builder_begin_object (builder);
  json_add_string (builder, "format", "plenary-dataset");
  json_add_int (builder, "version", 1);

  json_builder_set_member_name (builder, "project");
  json_builder_begin_object (builder);
  json_add_string (builder, "guid", pl_project_reader_get_guid (reader));
  json_add_string (builder, "title", title);
  json_add_string (builder, "exported", pl_project_reader_get_time (reader));
  json_add_int (builder, "codebook_version", pl_project_reader_get_codebook_version (reader));
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "codebook");
  json_builder_add_value (builder, pl_codebook_to_json (pl_project_reader_get_project (reader)));

  json_builder_set_member_name (builder, "coders");
  json_builder_begin_array (builder);
  for (guint i = 0; coders != NULL && i < coders->len; i++)
    {
      const PlCoder *coder = g_ptr_array_index (coders, i);

      json_builder_begin_object (builder);
      json_add_string (builder, "guid", coder->guid);
      json_add_string (builder, "name", coder->name);
      json_add_string (builder, "initials", coder->initials);
      json_add_string (builder, "color", coder->color);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

static JsonNode *
json_build_document (PlDocument *document,
                     const char *text,
                     GPtrArray  *statements)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_add_int (builder, "id", pl_document_get_id (document));
  json_add_string (builder, "guid", pl_document_get_guid (document));
  json_add_string (builder, "title", pl_document_get_title (document));
  json_add_string (builder, "source_uri", pl_document_get_source_uri (document));
  for (guint k = 0; pl_document_metadata_keys[k] != NULL; k++)
    json_add_string (builder, pl_document_metadata_keys[k],
                     pl_document_get_metadata (document, pl_document_metadata_keys[k]));
  json_add_string (builder, "created", pl_document_get_created (document));
  json_add_int (builder, "length", pl_document_get_length (document));
  json_add_string (builder, "text", text);

  json_builder_set_member_name (builder, "statements");
  json_builder_begin_array (builder);
  for (guint i = 0; i < statements->len; i++)
    {
      const PlStatement *statement = g_ptr_array_index (statements, i);

      json_builder_begin_object (builder);
      json_add_int (builder, "index", statement->index);
      json_add_string (builder, "kind", pl_statement_kind_to_string (statement->kind));
      json_add_int (builder, "start", statement->start);
      json_add_int (builder, "end", statement->end);
      json_add_string (builder, "speaker", statement->speaker);
      json_add_string (builder, "entity", statement->entity);
      json_add_string (builder, "entity_type", statement->entity_type);
      json_add_string (builder, "iso3", statement->iso3);
      json_add_string (builder, "regional_group", statement->regional_group);
      json_add_string (builder, "on_behalf_of", statement->on_behalf_of);
      json_builder_set_member_name (builder, "needs_review");
      json_builder_add_boolean_value (builder, statement->needs_review);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

static gboolean
json_write_documents (PlProjectReader   *reader,
                      JsonWriter        *writer,
                      GPtrArray         *documents,
                      PlExportProgress  *progress,
                      GError           **error)
{
  json_begin_array (writer, "documents");

  for (guint i = 0; i < documents->len; i++)
    {
      PlDocument *document = g_ptr_array_index (documents, i);
      g_autofree char *text = NULL;
      g_autoptr(GPtrArray) statements = NULL;
      g_autoptr(JsonNode) node = NULL;
      gint64 id = pl_document_get_id (document);

      text = pl_project_reader_dup_document_text (reader, id, error);
      if (text == NULL)
        return FALSE;

      statements = pl_project_reader_list_statements (reader, id, error);
      if (statements == NULL)
        return FALSE;

      node = json_build_document (document, text, statements);
      if (!json_append_element (writer, node, error))
        return FALSE;

      pl_export_progress_advance (progress, 1);
    }

  json_end_array (writer);

  return TRUE;
}

static JsonNode *
json_build_annotation (const PlAnnotationRow *row,
                       const PlGoldLayer     *gold)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  const char *short_id = row->code != NULL ? pl_code_get_short_id (row->code) : NULL;

  json_builder_begin_object (builder);
  json_add_string (builder, "guid", row->guid);
  json_add_string (builder, "document_guid", pl_document_get_guid (row->document));
  json_add_int (builder, "document_id", pl_document_get_id (row->document));
  json_add_string (builder, "code_guid", row->code != NULL ? pl_code_get_guid (row->code) : NULL);
  json_add_string (builder, "code_id", short_id != NULL && *short_id != '\0' ? short_id : NULL);
  json_add_string (builder, "coder_guid", row->coder_guid);
  json_add_string (builder, "coder", row->coder_name);
  json_add_int (builder, "start", row->start);
  json_add_int (builder, "end", row->end);
  json_add_string (builder, "text", row->text);
  json_add_string (builder, "memo", row->memo);
  json_add_string (builder, "stance", row->stance);
  json_add_int (builder, "codebook_version", row->codebook_version);
  json_add_string (builder, "created", row->created);
  json_add_string (builder, "modified", row->modified);
  /* Only a project with a gold layer has these members (the schema says they may be
   * absent). */
  if (gold->coder_id != 0)
    {
      json_builder_set_member_name (builder, "gold");
      json_builder_add_boolean_value (builder, row->coder_id == gold->coder_id);
      json_add_string (builder, "gold_source", g_hash_table_lookup (gold->sources, row->guid));
    }
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

static gboolean
json_write_annotations (PlProjectReader        *reader,
                        JsonWriter             *writer,
                        const PlExportOptions  *options,
                        PlExportProgress       *progress,
                        GError                **error)
{
  g_autoptr(PlAnnotationCursor) cursor = NULL;
  g_autoptr(PlGoldLayer) gold = NULL;
  const PlAnnotationRow *row;

  gold = pl_project_reader_read_gold (reader, error);
  if (gold == NULL)
    return FALSE;
  cursor = pl_project_reader_read_annotations (reader, &options->filter, 0, PL_READ_TEXT,
                                               error);
  if (cursor == NULL)
    return FALSE;

  json_begin_array (writer, "annotations");
  while ((row = pl_annotation_cursor_next (cursor)) != NULL)
    {
      g_autoptr(JsonNode) node = json_build_annotation (row, gold);

      if (!json_append_element (writer, node, error))
        return FALSE;
      pl_export_progress_tick (progress);
    }
  if (!pl_annotation_cursor_finish (cursor, error))
    return FALSE;
  json_end_array (writer);

  pl_export_progress_advance (progress, 0);
  return TRUE;
}

static void
json_add_score (JsonBuilder *builder,
                double       score)
{
  json_builder_set_member_name (builder, "score");
  if (score >= 0)
    json_builder_add_double_value (builder, score);
  else
    json_builder_add_null_value (builder);
}

static gboolean
json_write_link (const PlExportLinkRow  *row,
                 gpointer                user_data,
                 GError                **error)
{
  JsonWriter *writer = user_data;
  const PlLink *link = row->link;
  const PlStatement *statement = row->statement;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) node = NULL;

  json_builder_begin_object (builder);
  json_add_string (builder, "guid", link->guid);
  json_add_string (builder, "document_guid", pl_document_get_guid (row->document));
  json_add_int (builder, "document_id", link->source_document_id);
  json_builder_set_member_name (builder, "statement_index");
  if (statement != NULL)
    json_builder_add_int_value (builder, statement->index);
  else
    json_builder_add_null_value (builder);
  json_add_string (builder, "speaker", statement != NULL ? statement->speaker : NULL);
  json_add_string (builder, "entity", statement != NULL ? statement->entity : NULL);
  json_add_string (builder, "regional_group", statement != NULL ? statement->regional_group : NULL);
  json_add_int (builder, "start", link->source_start);
  json_add_int (builder, "end", link->source_end);
  json_add_string (builder, "text", row->text);
  json_add_string (builder, "outcome_document_guid", pl_document_get_guid (row->outcome));
  json_add_int (builder, "outcome_document_id", link->outcome_document_id);
  json_add_string (builder, "outcome_kind", row->outcome_mark != NULL
                                            ? pl_outcome_kind_to_string (row->outcome_mark->kind) : NULL);
  json_add_string (builder, "outcome_date", row->outcome_mark != NULL ? row->outcome_mark->date : NULL);
  json_add_int (builder, "outcome_start", link->outcome_start);
  json_add_int (builder, "outcome_end", link->outcome_end);
  json_add_string (builder, "outcome_text", row->outcome_text);
  json_add_int (builder, "words", link->words);
  json_add_score (builder, link->score);
  json_add_string (builder, "origin", pl_link_origin_to_string (link->origin));
  json_add_string (builder, "coder_guid", row->coder != NULL ? row->coder->guid : NULL);
  json_add_string (builder, "coder", row->coder != NULL ? row->coder->name : NULL);
  json_add_string (builder, "created", link->created);
  json_builder_end_object (builder);

  node = json_builder_get_root (builder);
  return json_append_element (writer, node, error);
}

/* The accepted links between statements and outcome documents (pl-export-links.c). */
static gboolean
json_write_links (PlProjectReader        *reader,
                  JsonWriter             *writer,
                  const PlExportOptions  *options,
                  GError                **error)
{
  json_begin_array (writer, "links");
  if (!pl_export_foreach_link (reader, options, json_write_link, writer, error))
    return FALSE;
  json_end_array (writer);

  return TRUE;
}

gboolean
pl_export_write_json (PlProjectReader        *reader,
                      PlExportSink           *sink,
                      const PlExportOptions  *options,
                      PlExportProgress       *progress,
                      GError                **error)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) head = NULL;
  g_autoptr(GPtrArray) documents = NULL;
  JsonWriter writer = { sink, pl_export_sink_get_buffer (sink), generator, TRUE };
  GString *out = writer.out;
  gint64 n_annotations;
  gsize len;

  n_annotations = pl_project_reader_count_annotations (reader, &options->filter, error);
  if (n_annotations < 0)
    return FALSE;
  documents = pl_project_reader_list_documents (reader, &options->filter);
  pl_export_progress_set_total (progress, documents->len + (guint64) n_annotations);

  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);

  /* The head object, left open after its last member for the arrays that follow. */
  head = json_build_head (reader);
  json_append_node (&writer, head, 0);
  len = out->len;
  g_assert (len >= 2 && out->str[len - 1] == '}');
  g_string_truncate (out, len - 1);
  while (out->len > 0 && g_ascii_isspace (out->str[out->len - 1]))
    g_string_truncate (out, out->len - 1);

  if (!json_write_documents (reader, &writer, documents, progress, error) ||
      !json_write_annotations (reader, &writer, options, progress, error) ||
      !json_write_links (reader, &writer, options, error))
    return FALSE;

  g_string_append (out, "\n}\n");

  return TRUE;
}
