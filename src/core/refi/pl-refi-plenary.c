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
#include "pl-limits.h"
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
  GHashTable   *entries[REFI_PLENARY_N_KINDS]; /* GUID → JsonObject (borrowed from @root,
                                                 * or from @documents) */
  GPtrArray    *documents;        /* JsonObject: those of "documents" */
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
  g_ptr_array_unref (plenary->documents);
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

/* One element of "annotations": its stance and codebook version, unless an element before
 * had its GUID. */
static void
take_annotation (RefiPlenary *plenary,
                 JsonNode    *element)
{
  JsonObject *object;
  AnnotationEntry *entry;
  const char *stance;
  char *guid;

  if (!JSON_NODE_HOLDS_OBJECT (element))
    return;
  object = json_node_get_object (element);
  guid = pl_refi_normalize_guid (pl_json_member_string (object, "guid"));
  if (guid == NULL || g_hash_table_contains (plenary->annotations, guid))
    {
      g_free (guid);
      return;
    }

  entry = g_new (AnnotationEntry, 1);
  stance = nonempty_member (object, "stance");
  entry->stance = stance != NULL ? g_string_chunk_insert_const (plenary->strings, stance) : NULL;
  entry->codebook_version = int_member (object, "codebook_version", 1);
  g_hash_table_insert (plenary->annotations, guid, entry);
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

/* One element of "documents", kept without its statements: those of the first document
 * of a GUID are taken into small structs. */
static void
take_document (RefiPlenary *plenary,
               JsonNode    *element)
{
  JsonObject *object;
  char *guid;

  if (!JSON_NODE_HOLDS_OBJECT (element))
    return;
  object = json_node_get_object (element);
  g_ptr_array_add (plenary->documents, json_object_ref (object));

  guid = pl_refi_normalize_guid (pl_json_member_string (object, "guid"));
  if (guid == NULL || g_hash_table_contains (plenary->entries[REFI_PLENARY_DOCUMENTS], guid))
    g_free (guid);
  else
    {
      StatementList *list = read_statements (object);

      g_hash_table_insert (plenary->entries[REFI_PLENARY_DOCUMENTS], guid, object);
      if (list != NULL)
        g_hash_table_insert (plenary->statements, guid, list);
    }
  json_object_remove_member (object, "statements");
}

static void
take_elements (RefiPlenary *plenary,
               JsonArray   *array,
               void       (*take) (RefiPlenary *plenary,
                                   JsonNode    *element))
{
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    take (plenary, json_array_get_element (array, i));
}

static RefiPlenary *
plenary_new (JsonNode *root)
{
  RefiPlenary *plenary = g_new0 (RefiPlenary, 1);

  plenary->root = root;
  plenary->strings = g_string_chunk_new (1024);
  plenary->documents = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  plenary->entries[REFI_PLENARY_DOCUMENTS] = g_hash_table_new_full (g_str_hash, g_str_equal,
                                                                    g_free, NULL);
  plenary->annotations = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  plenary->statements = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                               statement_list_free);
  return plenary;
}

/* Whether @root (an object) says it is the format this version reads. */
static gboolean
is_readable (JsonNode *root)
{
  return root != NULL && JSON_NODE_HOLDS_OBJECT (root) &&
         json_object_get_int_member_with_default (json_node_get_object (root), "format", 0) == FORMAT;
}

/* The part read into one tree; NULL when it cannot be read. */
static RefiPlenary *
read_whole (const char *data,
            gsize       size)
{
  g_autoptr(GError) error = NULL;
  JsonNode *node = pl_json_parse (data, (gssize) size, PL_REFI_PLENARY_PATH, &error);
  RefiPlenary *plenary;
  JsonObject *root;

  if (!is_readable (node))
    {
      g_clear_pointer (&node, json_node_unref);
      return NULL;
    }

  root = json_node_get_object (node);
  plenary = plenary_new (node);
  take_elements (plenary, pl_json_member_array (root, "documents"), take_document);
  plenary->entries[REFI_PLENARY_CODES] = index_by_guid (root, "codes");
  plenary->entries[REFI_PLENARY_NOTES] = index_by_guid (root, "notes");
  plenary->entries[REFI_PLENARY_LINKS] = index_by_guid (root, "links");
  take_elements (plenary, pl_json_member_array (root, "annotations"), take_annotation);
  json_object_remove_member (root, "annotations");

  return plenary;
}

/* Reading piece by piece
 *
 * The part of a large project lists a hundred thousand annotations and tens of thousands
 * of statements; read into one tree they take hundreds of megabytes for a while.  So its
 * top level is scanned first, and the arrays "annotations" and "documents" are parsed a
 * slice of elements at a time (each slice a JSON array of its own), taken into small
 * structs as they come.  The scan knows only strict JSON, where a value reads the same
 * alone as within the whole: anything else (a comment, single quotes, a member twice) is
 * left to read_whole(), with the same result. */

#define SLICE_BYTES (256 * 1024)

typedef struct
{
  const char *p;
  const char *end;
} Scan;

static void
skip_space (Scan *scan)
{
  while (scan->p < scan->end &&
         (*scan->p == ' ' || *scan->p == '\t' || *scan->p == '\n' || *scan->p == '\r'))
    scan->p++;
}

/* Past the string at @scan->p; FALSE when it does not end. */
static gboolean
skip_string (Scan *scan)
{
  for (scan->p++; scan->p < scan->end; scan->p++)
    {
      if (*scan->p == '\\')
        scan->p++;
      else if (*scan->p == '"')
        {
          scan->p++;
          return TRUE;
        }
    }
  return FALSE;
}

/* Past the value at @scan->p, with its end found by its brackets and strings (json-glib
 * reads it); FALSE at what the scan does not know. */
static gboolean
skip_value (Scan *scan)
{
  guint depth = 0;

  while (scan->p < scan->end)
    {
      char c = *scan->p;

      if (c == '"')
        {
          if (!skip_string (scan))
            return FALSE;
          if (depth == 0)
            return TRUE;
          continue;
        }
      if (c == '/' || c == '\'')
        return FALSE;
      if (c == '{' || c == '[')
        depth++;
      else if (c == '}' || c == ']')
        {
          if (depth == 0)
            return TRUE;
          if (--depth == 0)
            {
              scan->p++;
              return TRUE;
            }
        }
      else if (depth == 0 && (c == ',' || c == ' ' || c == '\t' || c == '\n' || c == '\r'))
        return TRUE;
      scan->p++;
    }
  return depth == 0;
}

/* A member of the top level: its name (without quotes) and its value, as text. */
typedef struct
{
  const char *name;
  gsize       name_length;
  const char *value;
  gsize       value_length;
} Member;

static gboolean
is_member (const Member *member,
           const char   *name)
{
  return member->name_length == strlen (name) &&
         memcmp (member->name, name, member->name_length) == 0;
}

/* The members of the top-level object of @data; NULL when the scan does not know it. */
static GArray *
scan_members (const char *data,
              gsize       size)
{
  g_autoptr(GArray) members = g_array_new (FALSE, FALSE, sizeof (Member));
  Scan scan = { data, data + size };

  skip_space (&scan);
  if (scan.p == scan.end || *scan.p != '{')
    return NULL;
  scan.p++;
  skip_space (&scan);
  if (scan.p < scan.end && *scan.p == '}')
    scan.p++;
  else
    for (;;)
      {
        Member member;

        if (scan.p == scan.end || *scan.p != '"')
          return NULL;
        member.name = scan.p + 1;
        if (!skip_string (&scan))
          return NULL;
        member.name_length = scan.p - 1 - member.name;
        if (memchr (member.name, '\\', member.name_length) != NULL)
          return NULL;
        skip_space (&scan);
        if (scan.p == scan.end || *scan.p != ':')
          return NULL;
        scan.p++;
        skip_space (&scan);
        member.value = scan.p;
        if (!skip_value (&scan) || scan.p == member.value)
          return NULL;
        member.value_length = scan.p - member.value;
        g_array_append_val (members, member);

        skip_space (&scan);
        if (scan.p < scan.end && *scan.p == ',')
          {
            scan.p++;
            skip_space (&scan);
            continue;
          }
        if (scan.p < scan.end && *scan.p == '}')
          {
            scan.p++;
            break;
          }
        return NULL;
      }

  skip_space (&scan);
  return scan.p == scan.end ? g_steal_pointer (&members) : NULL;
}

/* Parses the elements of the array @member a slice at a time, handing each to @take;
 * FALSE when the scan does not know it or a slice is not JSON. */
static gboolean
take_slices (RefiPlenary *plenary,
             const Member *member,
             void        (*take) (RefiPlenary *plenary,
                                  JsonNode    *element))
{
  g_autoptr(GString) slice = g_string_new ("[");
  Scan scan = { member->value + 1, member->value + member->value_length - 1 };
  gboolean more = TRUE;

  skip_space (&scan);
  more = scan.p < scan.end;
  while (more)
    {
      const char *start = scan.p;

      if (!skip_value (&scan) || scan.p == start)
        return FALSE;
      if (slice->len > 1)
        g_string_append_c (slice, ',');
      g_string_append_len (slice, start, scan.p - start);

      skip_space (&scan);
      more = scan.p < scan.end;
      if (more)
        {
          if (*scan.p != ',')
            return FALSE;
          scan.p++;
          skip_space (&scan);
          if (scan.p == scan.end)
            return FALSE;
        }

      if (slice->len >= SLICE_BYTES || !more)
        {
          g_autoptr(JsonNode) node = NULL;

          g_string_append_c (slice, ']');
          node = pl_json_parse (slice->str, slice->len, PL_REFI_PLENARY_PATH, NULL);
          if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
            return FALSE;
          take_elements (plenary, json_node_get_array (node), take);
          g_string_assign (slice, "[");
        }
    }

  return TRUE;
}

/* The part read piece by piece; NULL when the scan does not know it, or it cannot be
 * read (read_whole() then says which). */
static RefiPlenary *
read_in_pieces (const char *data,
                gsize       size)
{
  static const char * const sliced[] = { "documents", "annotations" };
  g_autoptr(GArray) members = NULL;
  g_autoptr(GString) rest = g_string_new ("{");
  const Member *found[G_N_ELEMENTS (sliced)] = { NULL };
  guint seen[G_N_ELEMENTS (sliced)] = { 0 };
  RefiPlenary *plenary;
  JsonObject *root;
  JsonNode *node;
  gboolean ok = TRUE;

  if (pl_json_nesting_depth (data, size, PL_LIMIT_JSON_DEPTH) > PL_LIMIT_JSON_DEPTH)
    return NULL;
  members = scan_members (data, size);
  if (members == NULL)
    return NULL;

  for (guint i = 0; i < members->len; i++)
    {
      const Member *member = &g_array_index (members, Member, i);
      gboolean taken = FALSE;

      for (guint k = 0; k < G_N_ELEMENTS (sliced); k++)
        if (is_member (member, sliced[k]))
          {
            if (seen[k]++ > 0)
              return NULL;
            if (member->value[0] == '[' && member->value[member->value_length - 1] == ']')
              {
                found[k] = member;
                taken = TRUE;
              }
          }
      if (taken)
        continue;

      if (rest->len > 1)
        g_string_append_c (rest, ',');
      g_string_append_len (rest, member->name - 1, member->value + member->value_length -
                                                   (member->name - 1));
    }
  g_string_append_c (rest, '}');

  node = pl_json_parse (rest->str, rest->len, PL_REFI_PLENARY_PATH, NULL);
  if (!is_readable (node))
    {
      g_clear_pointer (&node, json_node_unref);
      return NULL;
    }

  root = json_node_get_object (node);
  plenary = plenary_new (node);
  if (found[0] != NULL)
    ok = take_slices (plenary, found[0], take_document);
  else
    take_elements (plenary, pl_json_member_array (root, "documents"), take_document);
  plenary->entries[REFI_PLENARY_CODES] = index_by_guid (root, "codes");
  plenary->entries[REFI_PLENARY_NOTES] = index_by_guid (root, "notes");
  plenary->entries[REFI_PLENARY_LINKS] = index_by_guid (root, "links");
  if (found[1] != NULL)
    ok = ok && take_slices (plenary, found[1], take_annotation);
  else
    take_elements (plenary, pl_json_member_array (root, "annotations"), take_annotation);

  if (!ok)
    g_clear_pointer (&plenary, pl_refi_plenary_free);
  return plenary;
}

RefiPlenary *
pl_refi_plenary_read (PlRefiFile *refi,
                      GBytes     *bytes)
{
  gsize size;
  const char *data = g_bytes_get_data (bytes, &size);
  RefiPlenary *plenary = read_in_pieces (data, size);

  if (plenary == NULL)
    plenary = read_whole (data, size);
  if (plenary == NULL)
    pl_refi_warn (refi, _("Plenary’s own part of the file (%s) could not be read; what "
                          "project.qde holds was imported without it."), PL_REFI_PLENARY_PATH);
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
