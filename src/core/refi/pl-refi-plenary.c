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

/* Reading
 *
 * The part is read into a tree, but what it holds one of per annotation or per statement
 * (hundreds of thousands in a large project) is taken out of the tree into small structs
 * as soon as it is read, so that the tree keeps only what there are few of.  Their values
 * are read as json-glib's getters with a default read them, but for a member that is an
 * object or an array, which gives the default without a warning. */

typedef struct
{
  const char *stance;             /* in @strings, or NULL */
  gint64      codebook_version;
} AnnotationEntry;

/* A statement as the part has it, its offsets not yet checked against the text. */
typedef struct
{
  gint64       start;
  gint64       end;
  PlStatement *fields;            /* all but the offsets */
} StatementEntry;

/* The statements of one document: NULL in @plenary->statements when the list is absent,
 * empty, or holds something that is not an object. */
typedef struct
{
  GArray *entries;                /* StatementEntry */
} StatementList;

struct _RefiPlenary
{
  JsonNode     *root;
  GHashTable   *entries[REFI_PLENARY_N_KINDS]; /* GUID → JsonObject (borrowed from @root) */
  GHashTable   *annotations;      /* GUID → AnnotationEntry */
  GHashTable   *statements;       /* document GUID (borrowed) → StatementList */
  GStringChunk *strings;
};

static void
statement_entry_clear (gpointer data)
{
  StatementEntry *entry = data;

  g_clear_pointer (&entry->fields, pl_statement_unref);
}

static void
statement_list_free (gpointer data)
{
  StatementList *list = data;

  g_array_unref (list->entries);
  g_free (list);
}

void
pl_refi_plenary_free (RefiPlenary *plenary)
{
  if (plenary == NULL)
    return;

  for (guint i = 0; i < G_N_ELEMENTS (plenary->entries); i++)
    g_hash_table_unref (plenary->entries[i]);
  g_hash_table_unref (plenary->annotations);
  g_hash_table_unref (plenary->statements);
  g_string_chunk_free (plenary->strings);
  json_node_unref (plenary->root);
  g_free (plenary);
}

/* Member @name when it is a value (or null); NULL when absent, an object or an array. */
static JsonNode *
value_member (JsonObject *object,
              const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  return node != NULL && (JSON_NODE_HOLDS_VALUE (node) || JSON_NODE_HOLDS_NULL (node)) ? node
                                                                                          : NULL;
}

static gint64
int_member (JsonObject *object,
            const char *name,
            gint64      fallback)
{
  JsonNode *node = value_member (object, name);

  return node != NULL && !JSON_NODE_HOLDS_NULL (node) ? json_node_get_int (node) : fallback;
}

static gboolean
boolean_member (JsonObject *object,
                const char *name,
                gboolean    fallback)
{
  JsonNode *node = value_member (object, name);

  return node != NULL && !JSON_NODE_HOLDS_NULL (node) ? json_node_get_boolean (node) : fallback;
}

/* The string member @name, NULL when it is empty or not a string. */
static const char *
nonempty_member (JsonObject *object,
                 const char *name)
{
  JsonNode *node = value_member (object, name);
  const char *value = node != NULL && !JSON_NODE_HOLDS_NULL (node) ? json_node_get_string (node)
                                                                   : NULL;

  return value != NULL && *value != '\0' ? value : NULL;
}

/* The objects of the array @member, by their (normalised) "guid"; the first of a GUID. */
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

/* Stance and codebook version of the annotations, out of the tree. */
static void
take_annotations (RefiPlenary *plenary,
                  JsonObject  *root)
{
  g_autoptr(GHashTable) objects = index_by_guid (root, "annotations");
  GHashTableIter iter;
  gpointer key, value;

  plenary->annotations = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_hash_table_iter_init (&iter, objects);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      AnnotationEntry *entry = g_new (AnnotationEntry, 1);
      const char *stance = nonempty_member (value, "stance");

      entry->stance = stance != NULL ? g_string_chunk_insert_const (plenary->strings, stance)
                                     : NULL;
      entry->codebook_version = int_member (value, "codebook_version", 1);
      g_hash_table_iter_steal (&iter);
      g_hash_table_insert (plenary->annotations, key, entry);
    }

  json_object_remove_member (root, "annotations");
}

static char *
member_dup (JsonObject *object,
            const char *member)
{
  const char *value = pl_json_member_string (object, member);

  return value != NULL && *value != '\0' ? g_strdup (value) : NULL;
}

/* The statements of @document, or NULL (see StatementList). */
static StatementList *
read_statements (JsonObject *document)
{
  JsonArray *array = pl_json_member_array (document, "statements");
  StatementList *list;

  if (array == NULL || json_array_get_length (array) == 0)
    return NULL;

  list = g_new0 (StatementList, 1);
  list->entries = g_array_sized_new (FALSE, FALSE, sizeof (StatementEntry),
                                     json_array_get_length (array));
  g_array_set_clear_func (list->entries, statement_entry_clear);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      JsonObject *object;
      StatementEntry entry;
      PlStatement *statement;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        {
          statement_list_free (list);
          return NULL;
        }
      object = json_node_get_object (element);
      entry.start = int_member (object, "start", -1);
      entry.end = int_member (object, "end", -1);
      entry.fields = statement = pl_statement_new ();
      statement->index = (guint) CLAMP (int_member (object, "index", 0), 0, G_MAXUINT);
      statement->kind = g_strcmp0 (pl_json_member_string (object, "kind"), "front_matter") == 0
        ? PL_STATEMENT_KIND_FRONT_MATTER : PL_STATEMENT_KIND_STATEMENT;
      statement->speaker = member_dup (object, "speaker");
      statement->entity = member_dup (object, "entity");
      statement->entity_type = member_dup (object, "entity_type");
      statement->iso3 = member_dup (object, "iso3");
      statement->regional_group = member_dup (object, "regional_group");
      statement->on_behalf_of = member_dup (object, "on_behalf_of");
      statement->speaker_source = member_dup (object, "speaker_source");
      statement->needs_review = boolean_member (object, "needs_review", FALSE);
      g_array_append_val (list->entries, entry);
    }

  return list;
}

/* The statements of the documents, out of the tree. */
static void
take_statements (RefiPlenary *plenary,
                 JsonObject  *root)
{
  JsonArray *array = pl_json_member_array (root, "documents");
  GHashTableIter iter;
  gpointer key, value;

  plenary->statements = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                               statement_list_free);
  g_hash_table_iter_init (&iter, plenary->entries[REFI_PLENARY_DOCUMENTS]);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      StatementList *list = read_statements (value);

      if (list != NULL)
        g_hash_table_insert (plenary->statements, key, list);
    }

  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);

      if (JSON_NODE_HOLDS_OBJECT (element))
        json_object_remove_member (json_node_get_object (element), "statements");
    }
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
  plenary->strings = g_string_chunk_new (1024);
  plenary->entries[REFI_PLENARY_DOCUMENTS] = index_by_guid (root, "documents");
  plenary->entries[REFI_PLENARY_CODES] = index_by_guid (root, "codes");
  plenary->entries[REFI_PLENARY_NOTES] = index_by_guid (root, "notes");
  plenary->entries[REFI_PLENARY_LINKS] = index_by_guid (root, "links");
  take_annotations (plenary, root);
  take_statements (plenary, root);

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

gboolean
pl_refi_plenary_annotation (RefiPlenary  *plenary,
                            const char   *guid,
                            const char  **out_stance,
                            gint64       *out_codebook_version)
{
  const AnnotationEntry *entry;

  if (plenary == NULL || guid == NULL)
    return FALSE;

  entry = g_hash_table_lookup (plenary->annotations, guid);
  if (entry == NULL)
    return FALSE;
  *out_stance = entry->stance;
  *out_codebook_version = entry->codebook_version;
  return TRUE;
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

/* One statement, or NULL when it does not lie within @length. */
static PlStatement *
statement_from (const StatementEntry *entry,
                guint                 length)
{
  const PlStatement *fields = entry->fields;
  PlStatement *statement;

  if (entry->start < 0 || entry->end <= entry->start || entry->end > length)
    return NULL;

  statement = pl_statement_new ();
  statement->index = fields->index;
  statement->start = (guint) entry->start;
  statement->end = (guint) entry->end;
  statement->kind = fields->kind;
  statement->speaker = g_strdup (fields->speaker);
  statement->entity = g_strdup (fields->entity);
  statement->entity_type = g_strdup (fields->entity_type);
  statement->iso3 = g_strdup (fields->iso3);
  statement->regional_group = g_strdup (fields->regional_group);
  statement->on_behalf_of = g_strdup (fields->on_behalf_of);
  statement->speaker_source = g_strdup (fields->speaker_source);
  statement->needs_review = fields->needs_review;
  return statement;
}

GPtrArray *
pl_refi_plenary_statements (RefiPlenary      *plenary,
                            const RefiSource *source)
{
  g_autoptr(GPtrArray) statements = NULL;
  g_autofree char *checksum = NULL;
  JsonObject *document;
  StatementList *list;
  guint length;

  if (plenary == NULL || source->text == NULL)
    return NULL;
  document = g_hash_table_lookup (plenary->entries[REFI_PLENARY_DOCUMENTS], source->guid);
  if (document == NULL)
    return NULL;

  length = pl_text_length (source->text);
  checksum = text_checksum (source->text);
  list = g_hash_table_lookup (plenary->statements, source->guid);
  if (list == NULL ||
      json_object_get_int_member_with_default (document, "length", -1) != length ||
      g_strcmp0 (pl_json_member_string (document, "sha256"), checksum) != 0)
    return NULL;

  statements = g_ptr_array_new_with_free_func ((GDestroyNotify) pl_statement_unref);
  for (guint i = 0; i < list->entries->len; i++)
    {
      PlStatement *statement = statement_from (&g_array_index (list->entries, StatementEntry, i),
                                               length);

      if (statement == NULL)
        return NULL;
      g_ptr_array_add (statements, statement);
    }

  pl_refi_sort_statements (statements);
  return g_steal_pointer (&statements);
}
