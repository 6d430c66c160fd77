/* pl-refi-plenary.c — Plenary's own data inside a .qdpx: plenary/project.json
 *
 * What project.qde has no place for travels beside it, in a file of the zip that other
 * tools neither read nor show, rather than as text in a Description that their users
 * would see:
 *
 *   { "format": 1,
 *     "codebook_version": 3,
 *     "documents": [ { "guid", "length", "sha256", "outcome_kind", "outcome_date",
 *                      "statements": [ { "index", "start", "end", "kind", "speaker",
 *                                        "entity", "entity_type", "iso3",
 *                                        "regional_group", "on_behalf_of",
 *                                        "speaker_source", "needs_review" } ] } ],
 *     "codes": [ { "guid", "definition", "inclusion", "exclusion", "example", "id",
 *                  "shortcut" } ],
 *     "annotations": [ { "guid", "stance", "codebook_version" } ],
 *     "notes": [ { "guid", "target", "title", "start", "end" } ],
 *     "links": [ { "guid", "origin", "score", "words" } ] }
 *
 * Codes are listed when they have a cue, a short id or a shortcut (their Description
 * holds the same for people); annotations when they have a stance or a codebook version
 * other than 1; notes always (they are Plenary's notes table, not memos); links always,
 * by the GUID of their Link (pl-refi-links.c); a document's outcome kind and date when it
 * is an outcome document.  Offsets are code points of the document's text, as everywhere
 * in Plenary.
 *
 * Everything is keyed by the GUIDs of project.qde.  On import an entry counts only for
 * an element of project.qde with that GUID, and a document's statements only when its text
 * is the same (length and SHA-256): a file that another tool rewrote but whose zip kept
 * this part is read for as much as still holds.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "plenary-refi"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "pl-json.h"
#include "pl-refi-private.h"
#include "pl-text.h"

#define FORMAT 1

/* Writing */

static void
add_string (JsonObject *object,
            const char *member,
            const char *value)
{
  if (value != NULL && *value != '\0')
    json_object_set_string_member (object, member, value);
}

static char *
text_checksum (const char *text)
{
  return g_compute_checksum_for_string (G_CHECKSUM_SHA256, text, -1);
}

static JsonObject *
statement_object (const PlStatement *statement)
{
  JsonObject *object = json_object_new ();

  json_object_set_int_member (object, "index", statement->index);
  json_object_set_int_member (object, "start", statement->start);
  json_object_set_int_member (object, "end", statement->end);
  json_object_set_string_member (object, "kind", pl_statement_kind_to_string (statement->kind));
  add_string (object, "speaker", statement->speaker);
  add_string (object, "entity", statement->entity);
  add_string (object, "entity_type", statement->entity_type);
  add_string (object, "iso3", statement->iso3);
  add_string (object, "regional_group", statement->regional_group);
  add_string (object, "on_behalf_of", statement->on_behalf_of);
  add_string (object, "speaker_source", statement->speaker_source);
  if (statement->needs_review)
    json_object_set_boolean_member (object, "needs_review", TRUE);

  return object;
}

static gboolean
add_documents (PlQdpx     *qdpx,
               JsonObject *root,
               GError    **error)
{
  JsonArray *documents = json_array_new ();

  json_object_set_array_member (root, "documents", documents);
  for (guint d = 0; d < qdpx->documents->len; d++)
    {
      PlDocument *document = g_ptr_array_index (qdpx->documents, d);
      gint64 id = pl_document_get_id (document);
      g_autoptr(GPtrArray) statements = NULL;
      g_autofree char *text = NULL;
      g_autofree char *guid = NULL;
      g_autofree char *checksum = NULL;
      const PlOutcome *outcome = pl_qdpx_outcome_of (qdpx, id);
      JsonObject *object;
      JsonArray *list;

      text = pl_project_reader_dup_document_text (qdpx->reader, id, error);
      if (text == NULL)
        return FALSE;
      statements = pl_project_reader_list_statements (qdpx->reader, id, error);
      if (statements == NULL)
        return FALSE;

      guid = pl_qdpx_guid ("document", pl_document_get_guid (document));
      checksum = text_checksum (text);
      object = json_object_new ();
      list = json_array_new ();
      json_object_set_string_member (object, "guid", guid);
      json_object_set_int_member (object, "length", pl_text_length (text));
      json_object_set_string_member (object, "sha256", checksum);
      if (outcome != NULL)
        {
          json_object_set_string_member (object, "outcome_kind",
                                         pl_outcome_kind_to_string (outcome->kind));
          add_string (object, "outcome_date", outcome->date);
        }
      for (guint i = 0; i < statements->len; i++)
        json_array_add_object_element (list, statement_object (g_ptr_array_index (statements, i)));
      json_object_set_array_member (object, "statements", list);
      json_array_add_object_element (documents, object);
    }

  return TRUE;
}

static void
add_codes (PlQdpx     *qdpx,
           JsonObject *root)
{
  GListModel *codes = pl_project_reader_get_codes (qdpx->reader);
  JsonArray *list = json_array_new ();

  json_object_set_array_member (root, "codes", list);
  for (guint i = 0; i < g_list_model_get_n_items (codes); i++)
    {
      g_autoptr(PlCode) code = g_list_model_get_item (codes, i);
      const char *exact[] = {
        pl_code_get_inclusion (code), pl_code_get_exclusion (code), pl_code_get_example (code),
        pl_code_get_short_id (code), pl_code_get_shortcut (code)
      };
      static const char *members[] = { "inclusion", "exclusion", "example", "id", "shortcut" };
      g_autofree char *guid = NULL;
      gboolean any = FALSE;
      JsonObject *object;

      for (guint k = 0; k < G_N_ELEMENTS (exact); k++)
        any |= exact[k] != NULL && *exact[k] != '\0';
      if (!any)
        continue;

      guid = pl_qdpx_guid ("code", pl_code_get_guid (code));
      object = json_object_new ();
      json_object_set_string_member (object, "guid", guid);
      add_string (object, "definition", pl_code_get_definition (code));
      for (guint k = 0; k < G_N_ELEMENTS (exact); k++)
        add_string (object, members[k], exact[k]);
      json_array_add_object_element (list, object);
    }
}

static gboolean
add_annotations (PlQdpx     *qdpx,
                 JsonObject *root,
                 GError    **error)
{
  g_autoptr(PlAnnotationCursor) cursor = NULL;
  const PlAnnotationRow *row;
  JsonArray *list = json_array_new ();

  json_object_set_array_member (root, "annotations", list);
  cursor = pl_project_reader_read_annotations (qdpx->reader, &qdpx->options->filter, 0,
                                               PL_READ_DEFAULT, error);
  if (cursor == NULL)
    return FALSE;

  while ((row = pl_annotation_cursor_next (cursor)) != NULL)
    {
      g_autofree char *guid = NULL;
      JsonObject *object;

      if (row->stance == NULL && row->codebook_version == 1)
        continue;

      guid = pl_qdpx_guid ("annotation", row->guid);
      object = json_object_new ();
      json_object_set_string_member (object, "guid", guid);
      add_string (object, "stance", row->stance);
      json_object_set_int_member (object, "codebook_version", row->codebook_version);
      json_array_add_object_element (list, object);
    }

  return pl_annotation_cursor_finish (cursor, error);
}

static void
add_links (PlQdpx     *qdpx,
           JsonObject *root)
{
  JsonArray *list = json_array_new ();

  json_object_set_array_member (root, "links", list);
  for (guint i = 0; qdpx->links != NULL && i < qdpx->links->len; i++)
    {
      const PlLink *link = g_ptr_array_index (qdpx->links, i);
      g_autofree char *guid = pl_qdpx_guid ("link", link->guid);
      JsonObject *object = json_object_new ();

      json_object_set_string_member (object, "guid", guid);
      json_object_set_string_member (object, "origin", pl_link_origin_to_string (link->origin));
      if (link->score >= 0)
        json_object_set_double_member (object, "score", link->score);
      json_object_set_int_member (object, "words", link->words);
      json_array_add_object_element (list, object);
    }
}

static gboolean
add_note (const PlNoteRow  *row,
          gpointer          user_data,
          GError          **error)
{
  JsonArray *list = user_data;
  g_autofree char *guid = pl_qdpx_guid ("note", row->guid);
  JsonObject *object = json_object_new ();

  json_object_set_string_member (object, "guid", guid);
  add_string (object, "target", row->target_guid);
  add_string (object, "title", row->title);
  if (row->anchored)
    {
      json_object_set_int_member (object, "start", row->start);
      json_object_set_int_member (object, "end", row->end);
    }
  json_array_add_object_element (list, object);

  return TRUE;
}

gboolean
pl_qdpx_write_plenary (PlQdpx  *qdpx,
                       GError **error)
{
  g_autoptr(JsonObject) root = json_object_new ();
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
  g_autofree char *json = NULL;
  JsonArray *notes = json_array_new ();

  json_object_set_int_member (root, "format", FORMAT);
  json_object_set_int_member (root, "codebook_version",
                              pl_project_reader_get_codebook_version (qdpx->reader));
  json_object_set_array_member (root, "notes", notes);
  if (!add_documents (qdpx, root, error) || !add_annotations (qdpx, root, error) ||
      !pl_project_reader_foreach_note (qdpx->reader, add_note, notes, error))
    return FALSE;
  add_codes (qdpx, root);
  add_links (qdpx, root);

  json_node_set_object (node, root);
  json = json_to_string (node, TRUE);
  pl_qdpx_write_entry (qdpx, PL_REFI_PLENARY_PATH, json);

  return pl_qdpx_check (qdpx, error);
}

/* Reading */

struct _RefiPlenary
{
  JsonNode   *root;
  GHashTable *entries[REFI_PLENARY_N_KINDS]; /* GUID → JsonObject (borrowed from @root) */
};

void
pl_refi_plenary_free (RefiPlenary *plenary)
{
  if (plenary == NULL)
    return;

  for (guint i = 0; i < G_N_ELEMENTS (plenary->entries); i++)
    g_hash_table_unref (plenary->entries[i]);
  json_node_unref (plenary->root);
  g_free (plenary);
}

/* The objects of the array @member, by their (normalised) "guid". */
static GHashTable *
index_by_guid (JsonObject *root,
               const char *member)
{
  GHashTable *table = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  JsonArray *array = pl_json_member_array (root, member);

  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      JsonObject *object;
      char *guid;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        continue;
      object = json_node_get_object (element);
      guid = pl_refi_normalize_guid (pl_json_member_string (object, "guid"));
      if (guid == NULL || g_hash_table_contains (table, guid))
        {
          g_free (guid);
          continue;
        }
      g_hash_table_insert (table, guid, object);
    }

  return table;
}

RefiPlenary *
pl_refi_plenary_read (PlRefiFile *refi,
                      GBytes     *bytes)
{
  g_autoptr(GError) error = NULL;
  RefiPlenary *plenary;
  JsonObject *root;
  gsize size;
  const char *data = g_bytes_get_data (bytes, &size);
  JsonNode *node = pl_json_parse (data, (gssize) size, PL_REFI_PLENARY_PATH, &error);

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node) ||
      json_object_get_int_member_with_default (json_node_get_object (node), "format", 0) != FORMAT)
    {
      pl_refi_warn (refi, _("Plenary’s own part of the file (%s) could not be read; what "
                            "project.qde holds was imported without it."), PL_REFI_PLENARY_PATH);
      g_clear_pointer (&node, json_node_unref);
      return NULL;
    }

  root = json_node_get_object (node);
  plenary = g_new0 (RefiPlenary, 1);
  plenary->root = node;
  plenary->entries[REFI_PLENARY_DOCUMENTS] = index_by_guid (root, "documents");
  plenary->entries[REFI_PLENARY_CODES] = index_by_guid (root, "codes");
  plenary->entries[REFI_PLENARY_ANNOTATIONS] = index_by_guid (root, "annotations");
  plenary->entries[REFI_PLENARY_NOTES] = index_by_guid (root, "notes");
  plenary->entries[REFI_PLENARY_LINKS] = index_by_guid (root, "links");

  return plenary;
}

JsonObject *
pl_refi_plenary_lookup (RefiPlenary     *plenary,
                        RefiPlenaryKind  kind,
                        const char      *guid)
{
  if (plenary == NULL || guid == NULL)
    return NULL;

  g_return_val_if_fail (kind < G_N_ELEMENTS (plenary->entries), NULL);
  return g_hash_table_lookup (plenary->entries[kind], guid);
}

gint64
pl_refi_plenary_codebook_version (RefiPlenary *plenary)
{
  if (plenary == NULL)
    return 1;

  return json_object_get_int_member_with_default (json_node_get_object (plenary->root),
                                                  "codebook_version", 1);
}

static gint
compare_statements (gconstpointer a,
                    gconstpointer b)
{
  const PlStatement *x = *(PlStatement * const *) a;
  const PlStatement *y = *(PlStatement * const *) b;

  return x->index < y->index ? -1 : x->index > y->index;
}

void
pl_refi_sort_statements (GPtrArray *statements)
{
  g_ptr_array_sort (statements, compare_statements);
}

static char *
member_dup (JsonObject *object,
            const char *member)
{
  const char *value = pl_json_member_string (object, member);

  return value != NULL && *value != '\0' ? g_strdup (value) : NULL;
}

/* One statement, or NULL when it does not lie within @length. */
static PlStatement *
statement_from (JsonObject *object,
                guint       length)
{
  gint64 start = json_object_get_int_member_with_default (object, "start", -1);
  gint64 end = json_object_get_int_member_with_default (object, "end", -1);
  PlStatement *statement;

  if (start < 0 || end <= start || end > length)
    return NULL;

  statement = pl_statement_new ();
  statement->index = (guint) CLAMP (json_object_get_int_member_with_default (object, "index", 0),
                                    0, G_MAXUINT);
  statement->start = (guint) start;
  statement->end = (guint) end;
  statement->kind = g_strcmp0 (pl_json_member_string (object, "kind"), "front_matter") == 0
    ? PL_STATEMENT_KIND_FRONT_MATTER : PL_STATEMENT_KIND_STATEMENT;
  statement->speaker = member_dup (object, "speaker");
  statement->entity = member_dup (object, "entity");
  statement->entity_type = member_dup (object, "entity_type");
  statement->iso3 = member_dup (object, "iso3");
  statement->regional_group = member_dup (object, "regional_group");
  statement->on_behalf_of = member_dup (object, "on_behalf_of");
  statement->speaker_source = member_dup (object, "speaker_source");
  statement->needs_review = json_object_get_boolean_member_with_default (object, "needs_review",
                                                                         FALSE);
  return statement;
}

GPtrArray *
pl_refi_plenary_statements (RefiPlenary      *plenary,
                            const RefiSource *source)
{
  g_autoptr(GPtrArray) statements = NULL;
  g_autofree char *checksum = NULL;
  JsonObject *document;
  JsonArray *list;
  guint length;

  if (plenary == NULL || source->text == NULL)
    return NULL;
  document = g_hash_table_lookup (plenary->entries[REFI_PLENARY_DOCUMENTS], source->guid);
  if (document == NULL)
    return NULL;

  length = pl_text_length (source->text);
  checksum = text_checksum (source->text);
  list = pl_json_member_array (document, "statements");
  if (list == NULL || json_array_get_length (list) == 0 ||
      json_object_get_int_member_with_default (document, "length", -1) != length ||
      g_strcmp0 (pl_json_member_string (document, "sha256"), checksum) != 0)
    return NULL;

  statements = g_ptr_array_new_with_free_func ((GDestroyNotify) pl_statement_unref);
  for (guint i = 0; i < json_array_get_length (list); i++)
    {
      JsonNode *element = json_array_get_element (list, i);
      PlStatement *statement = JSON_NODE_HOLDS_OBJECT (element)
        ? statement_from (json_node_get_object (element), length) : NULL;

      if (statement == NULL)
        return NULL;
      g_ptr_array_add (statements, statement);
    }

  pl_refi_sort_statements (statements);
  return g_steal_pointer (&statements);
}
