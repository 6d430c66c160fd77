/* pl-refi-import.c — REFI-QDA projects (.qdpx, .qde) and codebooks (.qdc) into a project
 *
 * Reading (pl_refi_file_read()) parses the file leniently into memory, loads the sources'
 * texts and maps every selection's positions to Plenary's normalised text; it touches no
 * database.  Applying (pl_refi_file_apply()) adds everything in one transaction.
 *
 * Position mapping.  Tools count positions differently: NVivo in UTF-16 units with a CRLF
 * as two and no byte order mark, ATLAS.ti in code points with a line break as one.  For
 * each source the importer resolves every selection under each counting the text makes
 * distinguishable (code points, UTF-16 units, UTF-8 bytes; a CRLF as one or two; a byte
 * order mark counted or not) and scores it: a position that falls inside a character or
 * past the end costs much, a selection whose quoted name (ATLAS.ti writes the quotation's
 * text) matches earns much, each end on a word boundary earns a little.  The best counting
 * wins; on a tie, the one the origin tool is known to use.  A selection whose quoted name
 * still does not match is moved to the nearest place where that text is, when there is
 * one close by.  Positions are then mapped to the normalised text (CRLF → LF, NFC).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "plenary-refi-import"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>
#include <libxml/parser.h>
#include <libxml/tree.h>

#include "pl-error.h"
#include "pl-gazetteer.h"
#include "pl-project-private.h"
#include "pl-refi.h"
#include "pl-segmenter.h"
#include "pl-text-decoder.h"
#include "pl-text.h"
#include "pl-xml.h"

/* How far (in characters) a selection is moved at most to its quoted text. */
#define QUOTE_WINDOW 200

typedef enum
{
  UNIT_CODE_POINTS,
  UNIT_UTF16,
  UNIT_BYTES,
} Unit;

typedef struct
{
  Unit     unit;
  gboolean crlf_as_one;
  gboolean bom_counted;
} Counting;

typedef struct
{
  char      *guid;
  char      *code_guid;
  char      *user;
  char      *created;
  GPtrArray *note_refs;
} RefiCoding;

typedef struct
{
  char       *guid;
  char       *name;
  gint64      start;          /* as the file has them */
  gint64      end;
  gboolean    whole;          /* a coding of the whole source */
  gboolean    mapped;         /* start/end below are valid */
  guint       norm_start;     /* in the normalised text */
  guint       norm_end;
  char       *description;    /* the part for people */
  JsonObject *marker;
  char       *user;
  char       *created;
  char       *modified;
  GPtrArray  *codings;        /* RefiCoding */
  GPtrArray  *note_refs;      /* char * */
} RefiSelection;

typedef struct
{
  char       *guid;
  char       *name;
  char       *path;           /* plainTextPath */
  char       *inline_text;    /* PlainTextContent */
  char       *text;           /* normalised */
  char       *user;
  char       *created;
  char       *modified;
  GPtrArray  *selections;     /* RefiSelection */
  GPtrArray  *values;         /* pairs: variable GUID, value */
  GPtrArray  *note_refs;
} RefiSource;

typedef struct _RefiCode RefiCode;
struct _RefiCode
{
  char       *guid;
  char       *name;
  gboolean    codable;
  char       *color;
  char       *definition;
  char       *inclusion;
  char       *exclusion;
  char       *example;
  char       *short_id;
  char       *shortcut;
  GPtrArray  *children;       /* RefiCode, owned */
  GPtrArray  *note_refs;
  gboolean    coded;
};

typedef struct
{
  char       *guid;
  char       *name;
  char       *id;
} RefiUser;

typedef struct
{
  char       *guid;
  char       *text;
  char       *path;
  char       *user;
  char       *created;
  char       *modified;
  JsonObject *marker;
  char       *referrer;       /* the GUID of the element that refers to it */
  gboolean    used;           /* taken as a memo */
} RefiNote;

struct _PlRefiFile
{
  char       *display_name;
  char       *origin;
  char       *project_user;
  JsonObject *project_marker;
  gboolean    ours;           /* written by Plenary */
  GPtrArray  *users;          /* RefiUser */
  GPtrArray  *codes;          /* RefiCode roots */
  GHashTable *codes_by_guid;  /* borrowed */
  GHashTable *variables;      /* GUID → name */
  GPtrArray  *sources;        /* RefiSource */
  GPtrArray  *notes;          /* RefiNote */
  GHashTable *notes_by_guid;  /* borrowed */
  GPtrArray  *project_note_refs;
  GHashTable *guids;          /* every GUID seen, to find duplicates */

  GPtrArray  *not_imported;
  GPtrArray  *warnings;

  /* Counts of what Plenary does not import. */
  guint       n_pictures;
  guint       n_audio;
  guint       n_video;
  guint       n_pdf_without_text;
  guint       n_media_selections;
  guint       n_graphs;
  guint       n_links;
  guint       n_sets;
  guint       n_cases;
  guint       n_bad_guids;
  guint       n_duplicate_guids;
  guint       n_bad_positions;
  guint       n_free_selections;
  guint       n_missing_codes;
  guint       n_empty_sources;
  GPtrArray  *missing_texts;  /* source names */
  GHashTable *unmapped_variables; /* names */

  /* While reading. */
  GHashTable *entries;        /* the zip's files, or NULL for a bare .qde */
  GFile      *folder;         /* the folder of a bare .qde */
};

static void
free_strings (GPtrArray **array)
{
  g_clear_pointer (array, g_ptr_array_unref);
}

static GPtrArray *
new_strings (void)
{
  return g_ptr_array_new_with_free_func (g_free);
}

static void
refi_coding_free (gpointer data)
{
  RefiCoding *coding = data;

  g_free (coding->guid);
  g_free (coding->code_guid);
  g_free (coding->user);
  g_free (coding->created);
  free_strings (&coding->note_refs);
  g_free (coding);
}

static void
refi_selection_free (gpointer data)
{
  RefiSelection *selection = data;

  g_free (selection->guid);
  g_free (selection->name);
  g_free (selection->description);
  g_clear_pointer (&selection->marker, json_object_unref);
  g_free (selection->user);
  g_free (selection->created);
  g_free (selection->modified);
  g_ptr_array_unref (selection->codings);
  free_strings (&selection->note_refs);
  g_free (selection);
}

static void
refi_source_free (gpointer data)
{
  RefiSource *source = data;

  g_free (source->guid);
  g_free (source->name);
  g_free (source->path);
  g_free (source->inline_text);
  g_free (source->text);
  g_free (source->user);
  g_free (source->created);
  g_free (source->modified);
  g_ptr_array_unref (source->selections);
  free_strings (&source->values);
  free_strings (&source->note_refs);
  g_free (source);
}

static void
refi_code_free (gpointer data)
{
  RefiCode *code = data;

  g_free (code->guid);
  g_free (code->name);
  g_free (code->color);
  g_free (code->definition);
  g_free (code->inclusion);
  g_free (code->exclusion);
  g_free (code->example);
  g_free (code->short_id);
  g_free (code->shortcut);
  g_ptr_array_unref (code->children);
  free_strings (&code->note_refs);
  g_free (code);
}

static void
refi_user_free (gpointer data)
{
  RefiUser *user = data;

  g_free (user->guid);
  g_free (user->name);
  g_free (user->id);
  g_free (user);
}

static void
refi_note_free (gpointer data)
{
  RefiNote *note = data;

  g_free (note->guid);
  g_free (note->text);
  g_free (note->path);
  g_free (note->user);
  g_free (note->created);
  g_free (note->modified);
  g_clear_pointer (&note->marker, json_object_unref);
  g_free (note->referrer);
  g_free (note);
}

void
pl_refi_file_free (PlRefiFile *refi)
{
  if (refi == NULL)
    return;

  g_free (refi->display_name);
  g_free (refi->origin);
  g_free (refi->project_user);
  g_clear_pointer (&refi->project_marker, json_object_unref);
  g_ptr_array_unref (refi->users);
  g_ptr_array_unref (refi->codes);
  g_hash_table_unref (refi->codes_by_guid);
  g_hash_table_unref (refi->variables);
  g_ptr_array_unref (refi->sources);
  g_ptr_array_unref (refi->notes);
  g_hash_table_unref (refi->notes_by_guid);
  free_strings (&refi->project_note_refs);
  g_hash_table_unref (refi->guids);
  free_strings (&refi->not_imported);
  free_strings (&refi->warnings);
  free_strings (&refi->missing_texts);
  g_hash_table_unref (refi->unmapped_variables);
  g_clear_pointer (&refi->entries, g_hash_table_unref);
  g_clear_object (&refi->folder);
  g_free (refi);
}

static PlRefiFile *
refi_file_new (const char *display_name)
{
  PlRefiFile *refi = g_new0 (PlRefiFile, 1);

  refi->display_name = g_strdup (display_name);
  refi->users = g_ptr_array_new_with_free_func (refi_user_free);
  refi->codes = g_ptr_array_new_with_free_func (refi_code_free);
  refi->codes_by_guid = g_hash_table_new (g_str_hash, g_str_equal);
  refi->variables = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  refi->sources = g_ptr_array_new_with_free_func (refi_source_free);
  refi->notes = g_ptr_array_new_with_free_func (refi_note_free);
  refi->notes_by_guid = g_hash_table_new (g_str_hash, g_str_equal);
  refi->project_note_refs = new_strings ();
  refi->guids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  refi->not_imported = new_strings ();
  refi->warnings = new_strings ();
  refi->missing_texts = new_strings ();
  refi->unmapped_variables = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  return refi;
}

/* XML helpers: elements are matched by local name, whatever their namespace. */

static char *
element_text (xmlNode *node)
{
  xmlChar *value = xmlNodeGetContent (node);
  char *copy = g_strdup (value != NULL ? (const char *) value : "");

  xmlFree (value);
  return copy;
}

static char *
nonempty_or_free (char *value)
{
  if (value != NULL && *g_strstrip (value) == '\0')
    g_clear_pointer (&value, g_free);
  return value;
}

/* A GUID attribute, normalised; an invalid or repeated one is replaced by a derived GUID
 * (references to it then resolve to its first holder). */
static char *
claim_guid (PlRefiFile *refi,
            xmlNode    *node,
            const char *kind)
{
  g_autofree char *raw = pl_xml_dup_attribute (node, "guid");
  char *guid = pl_refi_normalize_guid (raw);
  g_autofree char *key = NULL;

  if (guid == NULL)
    {
      refi->n_bad_guids++;
      key = g_strdup_printf ("%s:%s:%u", kind, raw != NULL ? raw : "",
                             g_hash_table_size (refi->guids));
      guid = pl_refi_derive_guid ("invalid", key);
    }
  else if (g_hash_table_contains (refi->guids, guid))
    {
      refi->n_duplicate_guids++;
      key = g_strdup_printf ("%s:%s:%u", kind, guid, g_hash_table_size (refi->guids));
      g_free (guid);
      guid = pl_refi_derive_guid ("duplicate", key);
    }

  g_hash_table_add (refi->guids, g_strdup (guid));
  return guid;
}

static char *
reference (xmlNode    *node,
           const char *name)
{
  g_autofree char *raw = pl_xml_dup_attribute (node, name);

  return pl_refi_normalize_guid (raw);
}

static char *
date_attribute (xmlNode    *node,
                const char *name)
{
  g_autofree char *raw = pl_xml_dup_attribute (node, name);

  return pl_refi_parse_datetime (raw);
}

static void
add_note_ref (GPtrArray **refs,
              xmlNode    *node)
{
  char *target = reference (node, "targetGUID");

  if (target == NULL)
    return;
  if (*refs == NULL)
    *refs = new_strings ();
  g_ptr_array_add (*refs, target);
}

/* Codes */

/* A Description that Plenary wrote: the definition, the cues for people (as the .qdc export
 * writes them), and the exact values in its "[plenary]" line.  Any other Description is the
 * definition. */
static void
apply_code_marker (RefiCode   *code,
                   const char *description)
{
  static const char *labels[] = { "Include", "Exclude", "Example", "Id" };
  static const char *members[] = { "inclusion", "exclusion", "example", "id" };
  g_autoptr(JsonObject) marker = NULL;
  g_autofree char *human = pl_refi_split_marker (description, &marker);
  char **fields[] = { &code->inclusion, &code->exclusion, &code->example, &code->short_id };
  g_autoptr(GString) cues = g_string_new (NULL);
  gsize human_length;

  if (marker == NULL ||
      g_strcmp0 (json_object_get_string_member_with_default (marker, "type", ""), "code") != 0)
    {
      code->definition = nonempty_or_free (g_strdup (description));
      return;
    }

  code->shortcut = g_strdup (json_object_get_string_member_with_default (marker, "shortcut",
                                                                         NULL));
  for (guint i = 0; i < G_N_ELEMENTS (members); i++)
    {
      const char *value = json_object_get_string_member_with_default (marker, members[i], NULL);

      if (value == NULL)
        continue;
      *fields[i] = g_strdup (value);
      if (cues->len > 0)
        g_string_append_c (cues, '\n');
      g_string_append_printf (cues, "%s: %s", labels[i], value);
    }

  /* The definition is what precedes the cues. */
  human_length = strlen (human);
  if (cues->len > 0 && strcmp (human, cues->str) == 0)
    human[0] = '\0';
  else if (cues->len > 0 && human_length >= cues->len + 2 && g_str_has_suffix (human, cues->str) &&
           strncmp (human + human_length - cues->len - 2, "\n\n", 2) == 0)
    human[human_length - cues->len - 2] = '\0';

  code->definition = *human != '\0' ? g_strdup (human) : NULL;
}

static RefiCode *
parse_code (PlRefiFile *refi,
            xmlNode    *node)
{
  RefiCode *code = g_new0 (RefiCode, 1);
  g_autofree char *codable = pl_xml_dup_attribute (node, "isCodable");
  g_autofree char *color = pl_xml_dup_attribute (node, "color");

  code->guid = claim_guid (refi, node, "code");
  code->name = nonempty_or_free (pl_xml_dup_attribute (node, "name"));
  if (code->name == NULL)
    code->name = g_strdup (_("Unnamed code"));
  code->codable = pl_refi_parse_boolean (codable, TRUE);
  code->color = pl_refi_parse_color (color);
  code->children = g_ptr_array_new_with_free_func (refi_code_free);

  if (!g_hash_table_contains (refi->codes_by_guid, code->guid))
    g_hash_table_insert (refi->codes_by_guid, code->guid, code);

  for (xmlNode *child = node->children; child != NULL; child = child->next)
    {
      if (pl_xml_is_element (child, NULL, "Description"))
        {
          g_autofree char *text = element_text (child);

          g_clear_pointer (&code->definition, g_free);
          apply_code_marker (code, text);
        }
      else if (pl_xml_is_element (child, NULL, "NoteRef"))
        add_note_ref (&code->note_refs, child);
      else if (pl_xml_is_element (child, NULL, "Code"))
        g_ptr_array_add (code->children, parse_code (refi, child));
    }

  return code;
}

static RefiCode *
find_child_named (GPtrArray  *codes,
                  const char *name)
{
  for (guint i = 0; i < codes->len; i++)
    {
      RefiCode *code = g_ptr_array_index (codes, i);

      if (strcmp (code->name, name) == 0)
        return code;
    }
  return NULL;
}

/* ATLAS.ti writes a hierarchy as "A::B" names: B goes under the code A (a folder is made
 * when there is no such code). */
static void
unfold_names (PlRefiFile *refi,
              GPtrArray  *codes,
              const char *path)
{
  g_autoptr(GPtrArray) kept = g_ptr_array_new ();
  g_autoptr(GPtrArray) moved = g_ptr_array_new ();

  /* g_ptr_array_steal_index() keeps ownership with us while the list is rebuilt. */
  while (codes->len > 0)
    {
      RefiCode *code = g_ptr_array_steal_index (codes, 0);

      if (strstr (code->name, "::") != NULL)
        g_ptr_array_add (moved, code);
      else
        g_ptr_array_add (kept, code);
    }
  for (guint i = 0; i < kept->len; i++)
    g_ptr_array_add (codes, kept->pdata[i]);

  for (guint i = 0; i < moved->len; i++)
    {
      RefiCode *code = g_ptr_array_index (moved, i);
      g_auto(GStrv) parts = g_strsplit (code->name, "::", -1);
      GPtrArray *siblings = codes;
      g_autofree char *folder_path = g_strdup (path);
      guint n = g_strv_length (parts);

      for (guint p = 0; p + 1 < n; p++)
        {
          char *part = g_strstrip (parts[p]);
          RefiCode *parent;
          char *next_path;

          if (*part == '\0')
            continue;

          next_path = g_strconcat (folder_path, "::", part, NULL);
          g_free (folder_path);
          folder_path = next_path;

          parent = find_child_named (siblings, part);
          if (parent == NULL)
            {
              parent = g_new0 (RefiCode, 1);
              parent->guid = pl_refi_derive_guid ("folder", folder_path);
              parent->name = g_strdup (part);
              parent->codable = FALSE;
              parent->children = g_ptr_array_new_with_free_func (refi_code_free);
              g_ptr_array_add (siblings, parent);
              g_hash_table_insert (refi->codes_by_guid, parent->guid, parent);
            }
          siblings = parent->children;
        }

      g_free (code->name);
      code->name = g_strdup (g_strstrip (parts[n - 1]));
      if (*code->name == '\0')
        {
          g_free (code->name);
          code->name = g_strdup (_("Unnamed code"));
        }
      g_ptr_array_add (siblings, code);
    }

  for (guint i = 0; i < codes->len; i++)
    {
      RefiCode *code = g_ptr_array_index (codes, i);
      g_autofree char *child_path = g_strconcat (path, "::", code->name, NULL);

      unfold_names (refi, code->children, child_path);
    }
}

static void
parse_codes (PlRefiFile *refi,
             xmlNode    *node)
{
  for (xmlNode *child = node->children; child != NULL; child = child->next)
    if (pl_xml_is_element (child, NULL, "Code"))
      g_ptr_array_add (refi->codes, parse_code (refi, child));
}

/* Users, variables, notes */

static void
parse_users (PlRefiFile *refi,
             xmlNode    *node)
{
  for (xmlNode *child = node->children; child != NULL; child = child->next)
    {
      RefiUser *user;

      if (!pl_xml_is_element (child, NULL, "User"))
        continue;

      user = g_new0 (RefiUser, 1);
      user->guid = claim_guid (refi, child, "user");
      user->name = nonempty_or_free (pl_xml_dup_attribute (child, "name"));
      user->id = nonempty_or_free (pl_xml_dup_attribute (child, "id"));
      g_ptr_array_add (refi->users, user);
    }
}

static void
parse_variables (PlRefiFile *refi,
                 xmlNode    *node)
{
  for (xmlNode *child = node->children; child != NULL; child = child->next)
    {
      char *guid;
      char *name;

      if (!pl_xml_is_element (child, NULL, "Variable"))
        continue;

      guid = claim_guid (refi, child, "variable");
      name = nonempty_or_free (pl_xml_dup_attribute (child, "name"));
      g_hash_table_replace (refi->variables, guid, name != NULL ? name : g_strdup (guid));
    }
}

static void
parse_variable_value (GPtrArray **values,
                      xmlNode    *node)
{
  char *variable = NULL;
  char *value = NULL;

  for (xmlNode *child = node->children; child != NULL; child = child->next)
    {
      if (pl_xml_is_element (child, NULL, "VariableRef"))
        {
          g_free (variable);
          variable = reference (child, "targetGUID");
        }
      else if (child->type == XML_ELEMENT_NODE && g_str_has_suffix ((const char *) child->name,
                                                                     "Value"))
        {
          g_free (value);
          value = element_text (child);
        }
    }

  if (variable == NULL || value == NULL)
    {
      g_free (variable);
      g_free (value);
      return;
    }

  if (*values == NULL)
    *values = new_strings ();
  g_ptr_array_add (*values, variable);
  g_ptr_array_add (*values, value);
}

static void
parse_note (PlRefiFile *refi,
            xmlNode    *node)
{
  RefiNote *note = g_new0 (RefiNote, 1);

  note->guid = claim_guid (refi, node, "note");
  note->path = nonempty_or_free (pl_xml_dup_attribute (node, "plainTextPath"));
  note->user = reference (node, "creatingUser");
  note->created = date_attribute (node, "creationDateTime");
  note->modified = date_attribute (node, "modifiedDateTime");

  for (xmlNode *child = node->children; child != NULL; child = child->next)
    {
      if (pl_xml_is_element (child, NULL, "PlainTextContent"))
        {
          g_free (note->text);
          note->text = element_text (child);
        }
      else if (pl_xml_is_element (child, NULL, "Description"))
        {
          g_autofree char *text = element_text (child);
          g_autofree char *human = NULL;

          g_clear_pointer (&note->marker, json_object_unref);
          human = pl_refi_split_marker (text, &note->marker);
          if (note->text == NULL && *human != '\0' && note->marker == NULL)
            note->text = g_steal_pointer (&human);
        }
    }

  g_ptr_array_add (refi->notes, note);
  if (!g_hash_table_contains (refi->notes_by_guid, note->guid))
    g_hash_table_insert (refi->notes_by_guid, note->guid, note);
}

/* Sources */

static RefiSelection *
selection_new (void)
{
  RefiSelection *selection = g_new0 (RefiSelection, 1);

  selection->codings = g_ptr_array_new_with_free_func (refi_coding_free);
  return selection;
}

static gpointer
copy_string (gconstpointer string,
             gpointer      user_data)
{
  return g_strdup (string);
}

static void
parse_codings (PlRefiFile    *refi,
               RefiSelection *selection,
               xmlNode       *node)
{
  guint n_refs = 0;
  g_autofree char *guid = claim_guid (refi, node, "coding");
  g_autofree char *user = reference (node, "creatingUser");
  g_autofree char *created = date_attribute (node, "creationDateTime");
  GPtrArray *note_refs = NULL;

  for (xmlNode *child = node->children; child != NULL; child = child->next)
    if (pl_xml_is_element (child, NULL, "NoteRef"))
      add_note_ref (&note_refs, child);

  /* One CodeRef per Coding, says the schema; a second one is taken as another coding. */
  for (xmlNode *child = node->children; child != NULL; child = child->next)
    {
      RefiCoding *coding;

      if (!pl_xml_is_element (child, NULL, "CodeRef"))
        continue;

      coding = g_new0 (RefiCoding, 1);
      if (n_refs == 0)
        coding->guid = g_strdup (guid);
      else
        {
          g_autofree char *key = g_strdup_printf ("%s:%u", guid, n_refs);

          coding->guid = pl_refi_derive_guid ("coding", key);
        }
      coding->code_guid = reference (child, "targetGUID");
      coding->user = g_strdup (user);
      coding->created = g_strdup (created);
      if (note_refs != NULL)
        coding->note_refs = g_ptr_array_copy (note_refs, copy_string, NULL);
      g_ptr_array_add (selection->codings, coding);
      n_refs++;
    }

  free_strings (&note_refs);
}

static gboolean
parse_position (xmlNode    *node,
                const char *name,
                gint64     *out)
{
  g_autofree char *raw = pl_xml_dup_attribute (node, name);

  return raw != NULL &&
         g_ascii_string_to_signed (g_strstrip (raw), 10, G_MININT64, G_MAXINT64, out, NULL);
}

static void
parse_selection (PlRefiFile *refi,
                 RefiSource *source,
                 xmlNode    *node)
{
  RefiSelection *selection = selection_new ();

  selection->guid = claim_guid (refi, node, "selection");
  selection->name = pl_xml_dup_attribute (node, "name");
  selection->user = reference (node, "creatingUser");
  selection->created = date_attribute (node, "creationDateTime");
  selection->modified = date_attribute (node, "modifiedDateTime");
  if (!parse_position (node, "startPosition", &selection->start) ||
      !parse_position (node, "endPosition", &selection->end))
    selection->start = selection->end = -1;

  for (xmlNode *child = node->children; child != NULL; child = child->next)
    {
      if (pl_xml_is_element (child, NULL, "Description"))
        {
          g_autofree char *text = element_text (child);

          g_free (selection->description);
          g_clear_pointer (&selection->marker, json_object_unref);
          selection->description = nonempty_or_free (pl_refi_split_marker (text,
                                                                           &selection->marker));
        }
      else if (pl_xml_is_element (child, NULL, "Coding"))
        parse_codings (refi, selection, child);
      else if (pl_xml_is_element (child, NULL, "NoteRef"))
        add_note_ref (&selection->note_refs, child);
    }

  g_ptr_array_add (source->selections, selection);
}

/* A TextSource, or the text representation of a PDF source (@name given). */
static RefiSource *
parse_text_source (PlRefiFile *refi,
                   xmlNode    *node,
                   const char *name)
{
  RefiSource *source = g_new0 (RefiSource, 1);
  RefiSelection *whole = NULL;

  source->guid = claim_guid (refi, node, "source");
  source->name = name != NULL ? g_strdup (name) : nonempty_or_free (pl_xml_dup_attribute (node, "name"));
  source->path = nonempty_or_free (pl_xml_dup_attribute (node, "plainTextPath"));
  source->user = reference (node, "creatingUser");
  source->created = date_attribute (node, "creationDateTime");
  source->modified = date_attribute (node, "modifiedDateTime");
  source->selections = g_ptr_array_new_with_free_func (refi_selection_free);

  for (xmlNode *child = node->children; child != NULL; child = child->next)
    {
      if (pl_xml_is_element (child, NULL, "PlainTextContent"))
        {
          g_free (source->inline_text);
          source->inline_text = element_text (child);
        }
      else if (pl_xml_is_element (child, NULL, "PlainTextSelection"))
        parse_selection (refi, source, child);
      else if (pl_xml_is_element (child, NULL, "Coding"))
        {
          if (whole == NULL)
            {
              whole = selection_new ();
              whole->whole = TRUE;
              whole->guid = pl_refi_derive_guid ("whole-source", source->guid);
              whole->user = g_strdup (source->user);
              whole->created = g_strdup (source->created);
              g_ptr_array_add (source->selections, whole);
            }
          parse_codings (refi, whole, child);
        }
      else if (pl_xml_is_element (child, NULL, "NoteRef"))
        add_note_ref (&source->note_refs, child);
      else if (pl_xml_is_element (child, NULL, "VariableValue"))
        parse_variable_value (&source->values, child);
    }

  return source;
}

static guint
count_children (xmlNode    *node,
                const char *suffix)
{
  guint n = 0;

  for (xmlNode *child = node->children; child != NULL; child = child->next)
    if (child->type == XML_ELEMENT_NODE && g_str_has_suffix ((const char *) child->name, suffix))
      n++;
  return n;
}

static void
parse_sources (PlRefiFile *refi,
               xmlNode    *node)
{
  for (xmlNode *child = node->children; child != NULL; child = child->next)
    {
      if (pl_xml_is_element (child, NULL, "TextSource"))
        g_ptr_array_add (refi->sources, parse_text_source (refi, child, NULL));
      else if (pl_xml_is_element (child, NULL, "PDFSource"))
        {
          g_autofree char *name = pl_xml_dup_attribute (child, "name");
          gboolean has_text = FALSE;

          for (xmlNode *part = child->children; part != NULL; part = part->next)
            if (pl_xml_is_element (part, NULL, "Representation"))
              {
                g_ptr_array_add (refi->sources, parse_text_source (refi, part, name));
                has_text = TRUE;
              }

          if (!has_text)
            refi->n_pdf_without_text++;
          refi->n_media_selections += count_children (child, "Selection");
        }
      else if (pl_xml_is_element (child, NULL, "PictureSource"))
        {
          refi->n_pictures++;
          refi->n_media_selections += count_children (child, "Selection");
        }
      else if (pl_xml_is_element (child, NULL, "AudioSource"))
        {
          refi->n_audio++;
          refi->n_media_selections += count_children (child, "Selection");
        }
      else if (pl_xml_is_element (child, NULL, "VideoSource"))
        {
          refi->n_video++;
          refi->n_media_selections += count_children (child, "Selection");
        }
    }
}

static void
parse_project (PlRefiFile *refi,
               xmlNode    *root)
{
  refi->origin = nonempty_or_free (pl_xml_dup_attribute (root, "origin"));
  refi->project_user = reference (root, "creatingUserGUID");
  refi->ours = refi->origin != NULL && g_str_has_prefix (refi->origin, "Plenary");

  for (xmlNode *child = root->children; child != NULL; child = child->next)
    {
      if (pl_xml_is_element (child, NULL, "Users"))
        parse_users (refi, child);
      else if (pl_xml_is_element (child, NULL, "CodeBook"))
        {
          for (xmlNode *codes = child->children; codes != NULL; codes = codes->next)
            if (pl_xml_is_element (codes, NULL, "Codes"))
              parse_codes (refi, codes);
        }
      else if (pl_xml_is_element (child, NULL, "Codes"))
        parse_codes (refi, child);
      else if (pl_xml_is_element (child, NULL, "Variables"))
        parse_variables (refi, child);
      else if (pl_xml_is_element (child, NULL, "Cases"))
        refi->n_cases += count_children (child, "Case");
      else if (pl_xml_is_element (child, NULL, "Sources"))
        parse_sources (refi, child);
      else if (pl_xml_is_element (child, NULL, "Notes"))
        {
          for (xmlNode *note = child->children; note != NULL; note = note->next)
            if (pl_xml_is_element (note, NULL, "Note"))
              parse_note (refi, note);
        }
      else if (pl_xml_is_element (child, NULL, "Links"))
        refi->n_links += count_children (child, "Link");
      else if (pl_xml_is_element (child, NULL, "Sets"))
        refi->n_sets += count_children (child, "Set");
      else if (pl_xml_is_element (child, NULL, "Graphs"))
        refi->n_graphs += count_children (child, "Graph");
      else if (pl_xml_is_element (child, NULL, "Description"))
        {
          g_autofree char *text = element_text (child);
          g_autofree char *human = NULL;

          g_clear_pointer (&refi->project_marker, json_object_unref);
          human = pl_refi_split_marker (text, &refi->project_marker);
        }
      else if (pl_xml_is_element (child, NULL, "NoteRef"))
        add_note_ref (&refi->project_note_refs, child);
    }

  if (!refi->ours)
    unfold_names (refi, refi->codes, "");
}

/* Texts */

static gboolean
want_entry (const char *path)
{
  return g_str_has_suffix (path, ".qde") || g_str_has_suffix (path, ".QDE") ||
         g_str_has_suffix (path, ".txt") || g_str_has_suffix (path, ".TXT");
}

static const char *
path_basename (const char *path)
{
  const char *slash = strrchr (path, '/');
  const char *backslash = strrchr (path, '\\');

  if (backslash != NULL && (slash == NULL || backslash > slash))
    slash = backslash;
  return slash != NULL ? slash + 1 : path;
}

/* The bytes of a source's plainTextPath: internal://X is sources/X; other forms are
 * looked for by their file name. */
static GBytes *
load_path (PlRefiFile  *refi,
           const char  *path)
{
  const char *name = path;
  g_autofree char *in_sources = NULL;

  if (g_str_has_prefix (path, "internal://"))
    name = path + strlen ("internal://");
  name = path_basename (name);
  if (*name == '\0')
    return NULL;

  in_sources = g_strconcat ("sources/", name, NULL);

  if (refi->entries != NULL)
    {
      GHashTableIter iter;
      gpointer key, value;
      GBytes *bytes = pl_refi_zip_lookup (refi->entries, in_sources);

      if (bytes == NULL)
        bytes = pl_refi_zip_lookup (refi->entries, name);
      if (bytes != NULL)
        return g_bytes_ref (bytes);

      g_hash_table_iter_init (&iter, refi->entries);
      while (g_hash_table_iter_next (&iter, &key, &value))
        if (g_ascii_strcasecmp (path_basename (key), name) == 0)
          return g_bytes_ref (value);
      return NULL;
    }

  if (refi->folder != NULL)
    {
      const char *candidates[] = { "sources", "Sources", "." };

      for (guint i = 0; i < G_N_ELEMENTS (candidates); i++)
        {
          g_autoptr(GFile) dir = g_file_get_child (refi->folder, candidates[i]);
          g_autoptr(GFile) file = g_file_get_child (dir, name);
          GBytes *bytes = g_file_load_bytes (file, NULL, NULL, NULL);

          if (bytes != NULL)
            return bytes;
        }
    }

  return NULL;
}

/* Raw text: the bytes as UTF-8 (a byte order mark removed and remembered); text in
 * another encoding is decoded and normalised, and its positions taken as they are. */
static char *
decode_text (GBytes     *bytes,
             const char *name,
             gboolean   *out_bom)
{
  gsize size;
  const char *data = g_bytes_get_data (bytes, &size);

  *out_bom = FALSE;
  if (size >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    {
      data += 3;
      size -= 3;
      *out_bom = TRUE;
    }

  if (g_utf8_validate (data, size, NULL) && memchr (data, '\0', size) == NULL)
    return g_strndup (data, size);

  return pl_text_decode (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), name, NULL,
                         NULL, NULL);
}

/* Position mapping */

typedef struct
{
  gunichar *chars;     /* the raw text */
  glong     n;
  guint    *norm_of;   /* raw index → offset in the normalised text, n + 1 entries */
  gboolean  has_crlf;
  gboolean  has_non_bmp;
  gboolean  has_non_ascii;
  gboolean  had_bom;
} RawText;

static guint
unit_length (const RawText  *raw,
             const Counting *counting,
             glong           i)
{
  gunichar c = raw->chars[i];

  if (counting->crlf_as_one && c == '\r' && i + 1 < raw->n && raw->chars[i + 1] == '\n')
    return 0;

  switch (counting->unit)
    {
    case UNIT_UTF16:
      return c > 0xFFFF ? 2 : 1;
    case UNIT_BYTES:
      return c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
    case UNIT_CODE_POINTS:
    default:
      return 1;
    }
}

static gint
compare_gint64 (gconstpointer a,
                gconstpointer b)
{
  gint64 x = *(const gint64 *) a;
  gint64 y = *(const gint64 *) b;

  return x < y ? -1 : x > y;
}

/* Raw indexes of @positions (sorted, unique) under @counting; -1 where a position falls
 * inside a character or outside the text. */
static void
resolve_positions (const RawText  *raw,
                   const Counting *counting,
                   const GArray   *positions,
                   glong          *indexes)
{
  gint64 position = 0;
  glong i = 0;

  if (counting->bom_counted && raw->had_bom)
    position = counting->unit == UNIT_BYTES ? 3 : 1;

  for (guint p = 0; p < positions->len; p++)
    {
      gint64 wanted = g_array_index (positions, gint64, p);

      while (position < wanted && i < raw->n)
        position += unit_length (raw, counting, i++);

      indexes[p] = position == wanted ? i : -1;
    }
}

static gboolean
is_word (gunichar c)
{
  return g_unichar_isalnum (c) || g_unichar_ismark (c);
}

static gboolean
is_boundary (const RawText *raw,
             glong          i)
{
  return i <= 0 || i >= raw->n || !(is_word (raw->chars[i - 1]) && is_word (raw->chars[i]));
}

/* Text compared as people read it: line ends as LF, NFC, runs of white space as one
 * space, trimmed. */
static char *
comparable (const char *text)
{
  g_autofree char *normal = pl_text_normalize (text, -1);
  GString *out = g_string_new (NULL);
  gboolean space = FALSE;

  for (const char *p = normal; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c))
        space = out->len > 0;
      else
        {
          if (space)
            g_string_append_c (out, ' ');
          space = FALSE;
          g_string_append_unichar (out, c);
        }
    }

  return g_string_free (out, FALSE);
}

/* The selection's name as a quote: its comparable text and whether it was cut ("…"), or
 * NULL when the name cannot be a quote (empty, or shorter than three characters). */
static char *
quote_of (const char *name,
          gboolean   *out_cut)
{
  g_autofree char *text = NULL;
  char *quote;

  *out_cut = FALSE;
  if (name == NULL)
    return NULL;

  text = g_strdup (name);
  if (g_str_has_suffix (text, "…"))
    {
      text[strlen (text) - strlen ("…")] = '\0';
      *out_cut = TRUE;
    }
  else if (g_str_has_suffix (text, "..."))
    {
      text[strlen (text) - 3] = '\0';
      *out_cut = TRUE;
    }

  quote = comparable (text);
  if (g_utf8_strlen (quote, -1) < 3)
    {
      g_free (quote);
      return NULL;
    }
  return quote;
}

static char *
raw_slice (const RawText *raw,
           glong          start,
           glong          end)
{
  return g_ucs4_to_utf8 (raw->chars + start, end - start, NULL, NULL, NULL);
}

static gboolean
quote_matches (const char *quote,
               gboolean    cut,
               const char *text)
{
  g_autofree char *seen = comparable (text);

  return cut ? g_str_has_prefix (seen, quote) : strcmp (seen, quote) == 0;
}

/* Raw index → normalised offset: CRLF → LF (a CR before an LF disappears), then NFC.
 * Text is cut before every ASCII character, across which NFC never composes or reorders;
 * a piece that NFC changes maps its inside by the length of its normalised beginning. */
static void
compute_norm_of (RawText *raw)
{
  g_autofree gunichar *fixed = g_new (gunichar, raw->n + 1);
  g_autofree glong *fixed_of = g_new (glong, raw->n + 1);
  glong m = 0;
  glong piece_start = 0;
  guint out = 0;

  raw->norm_of = g_new0 (guint, raw->n + 1);

  for (glong i = 0; i < raw->n; i++)
    {
      gunichar c = raw->chars[i];

      fixed_of[i] = m;
      if (c == '\r' && i + 1 < raw->n && raw->chars[i + 1] == '\n')
        continue;
      fixed[m++] = c == '\r' ? '\n' : c;
    }
  fixed_of[raw->n] = m;

  /* Offsets in the LF text, piece by piece. */
  {
    g_autofree guint *norm_of_fixed = g_new0 (guint, m + 1);

    for (glong j = 0; j <= m; j++)
      {
        gboolean cut = j == m || fixed[j] < 0x80;

        if (!cut || j == piece_start)
          {
            if (j == m)
              norm_of_fixed[j] = out;
            continue;
          }

        /* The piece [piece_start, j). */
        {
          glong length = j - piece_start;
          gboolean ascii = length == 1 && fixed[piece_start] < 0x80;
          g_autofree char *utf8 = NULL;
          g_autofree char *nfc = NULL;

          if (!ascii)
            {
              utf8 = g_ucs4_to_utf8 (fixed + piece_start, length, NULL, NULL, NULL);
              nfc = utf8 != NULL ? g_utf8_normalize (utf8, -1, G_NORMALIZE_NFC) : NULL;
            }

          if (ascii || nfc == NULL || strcmp (nfc, utf8) == 0)
            {
              for (glong k = 0; k < length; k++)
                norm_of_fixed[piece_start + k] = out + (guint) k;
              out += (guint) length;
            }
          else
            {
              guint nfc_length = (guint) g_utf8_strlen (nfc, -1);

              norm_of_fixed[piece_start] = out;
              for (glong k = 1; k < length; k++)
                {
                  g_autofree char *head = g_ucs4_to_utf8 (fixed + piece_start, k, NULL, NULL,
                                                          NULL);
                  g_autofree char *head_nfc = g_utf8_normalize (head, -1, G_NORMALIZE_NFC);

                  norm_of_fixed[piece_start + k] = out + MIN ((guint) g_utf8_strlen (head_nfc, -1),
                                                              nfc_length);
                }
              out += nfc_length;
            }
          piece_start = j;
        }

        if (j == m)
          norm_of_fixed[j] = out;
      }

    for (glong i = 0; i <= raw->n; i++)
      raw->norm_of[i] = norm_of_fixed[fixed_of[i]];
  }
}

static void
raw_text_clear (RawText *raw)
{
  g_clear_pointer (&raw->chars, g_free);
  g_clear_pointer (&raw->norm_of, g_free);
}

static const char *
counting_description (const Counting *counting)
{
  switch (counting->unit)
    {
    case UNIT_UTF16:
      return counting->crlf_as_one ? _("UTF-16 units, a line break as one")
                                   : _("UTF-16 units, a CRLF line break as two");
    case UNIT_BYTES:
      return counting->crlf_as_one ? _("bytes, a line break as one")
                                   : _("bytes, a CRLF line break as two");
    case UNIT_CODE_POINTS:
    default:
      return counting->crlf_as_one ? _("characters, a line break as one")
                                   : _("characters, a CRLF line break as two");
    }
}

static gboolean
same_counting (const RawText  *raw,
               const Counting *a,
               const Counting *b)
{
  return a->unit == b->unit &&
         (!raw->has_crlf || a->crlf_as_one == b->crlf_as_one) &&
         (!raw->had_bom || a->bom_counted == b->bom_counted);
}

/* The countings worth trying for @raw (those the text can tell apart), the origin tool's
 * first. */
static GArray *
candidate_countings (const RawText *raw,
                     const char    *origin)
{
  GArray *candidates = g_array_new (FALSE, FALSE, sizeof (Counting));
  Counting preferred = { UNIT_CODE_POINTS, FALSE, FALSE };

  if (origin != NULL && g_str_has_prefix (origin, "NVivo"))
    preferred.unit = UNIT_UTF16;
  else if (origin != NULL && (g_str_has_prefix (origin, "ATLAS.ti") ||
                              g_str_has_prefix (origin, "Plenary")))
    preferred.crlf_as_one = TRUE;
  g_array_append_val (candidates, preferred);

  for (guint unit = UNIT_CODE_POINTS; unit <= UNIT_BYTES; unit++)
    for (guint crlf = 0; crlf < 2; crlf++)
      for (guint bom = 0; bom < 2; bom++)
        {
          Counting counting = { unit, crlf, bom };

          if ((unit == UNIT_UTF16 && !raw->has_non_bmp) ||
              (unit == UNIT_BYTES && !raw->has_non_ascii) ||
              (crlf && !raw->has_crlf) || (bom && !raw->had_bom) ||
              same_counting (raw, &counting, &preferred))
            continue;
          g_array_append_val (candidates, counting);
        }

  return candidates;
}

static void
refi_warn (PlRefiFile *refi,
           const char *format,
           ...) G_GNUC_PRINTF (2, 3);

static void
refi_warn (PlRefiFile *refi,
           const char *format,
           ...)
{
  va_list args;

  va_start (args, format);
  g_ptr_array_add (refi->warnings, g_strdup_vprintf (format, args));
  va_end (args);
}

/* Finds @quote (comparable text) in the normalised text nearest to @near; its offsets in
 * @out_start and @out_end. */
static gboolean
find_quote_near (const char *text,
                 const char *original,
                 guint       near,
                 guint      *out_start,
                 guint      *out_end)
{
  g_autofree char *needle = pl_text_normalize (original, -1);
  glong needle_length = g_utf8_strlen (needle, -1);
  const char *from;
  gboolean found = FALSE;
  guint best = 0;

  if (needle_length < 3)
    return FALSE;

  from = g_utf8_offset_to_pointer (text, near > QUOTE_WINDOW ? near - QUOTE_WINDOW : 0);
  for (const char *hit = strstr (from, needle); hit != NULL; hit = strstr (hit + 1, needle))
    {
      guint offset = (guint) g_utf8_pointer_to_offset (text, hit);

      if (offset > near + QUOTE_WINDOW)
        break;
      if (!found || ABS ((gint64) offset - (gint64) near) < ABS ((gint64) best - (gint64) near))
        best = offset;
      found = TRUE;
    }

  if (found)
    {
      *out_start = best;
      *out_end = best + (guint) needle_length;
    }
  return found;
}

static void
map_positions (PlRefiFile *refi,
               RefiSource *source,
               const char *raw_utf8,
               gboolean    had_bom)
{
  g_autoptr(GArray) positions = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) candidates = NULL;
  g_autofree glong *indexes = NULL;
  g_autofree glong *best_indexes = NULL;
  RawText raw = { 0 };
  gint64 best_score = G_MININT64;
  guint best = 0;
  guint n_positional = 0;
  guint n_quote_ok = 0;
  guint n_moved = 0;
  guint n_boundaries = 0;
  guint length;

  raw.chars = g_utf8_to_ucs4_fast (raw_utf8, -1, &raw.n);
  raw.had_bom = had_bom;
  for (glong i = 0; i < raw.n; i++)
    {
      gunichar c = raw.chars[i];

      raw.has_non_ascii |= c >= 0x80;
      raw.has_non_bmp |= c > 0xFFFF;
      raw.has_crlf |= c == '\r' && i + 1 < raw.n && raw.chars[i + 1] == '\n';
    }
  compute_norm_of (&raw);
  length = raw.norm_of[raw.n];

  for (guint s = 0; s < source->selections->len; s++)
    {
      RefiSelection *selection = g_ptr_array_index (source->selections, s);

      if (selection->whole)
        {
          selection->norm_start = 0;
          selection->norm_end = length;
          selection->mapped = length > 0;
          continue;
        }
      if (selection->start < 0 || selection->end <= selection->start)
        continue;
      g_array_append_val (positions, selection->start);
      g_array_append_val (positions, selection->end);
      n_positional++;
    }

  if (n_positional == 0)
    {
      raw_text_clear (&raw);
      return;
    }

  g_array_sort (positions, compare_gint64);
  for (guint i = 1; i < positions->len; )
    {
      if (g_array_index (positions, gint64, i) == g_array_index (positions, gint64, i - 1))
        g_array_remove_index (positions, i);
      else
        i++;
    }

  candidates = candidate_countings (&raw, refi->origin);
  indexes = g_new (glong, positions->len);
  best_indexes = g_new (glong, positions->len);

  for (guint c = 0; c < candidates->len; c++)
    {
      const Counting *counting = &g_array_index (candidates, Counting, c);
      gint64 score = 0;

      resolve_positions (&raw, counting, positions, indexes);

      for (guint s = 0; s < source->selections->len; s++)
        {
          RefiSelection *selection = g_ptr_array_index (source->selections, s);
          gint64 *found;
          glong start, end;
          g_autofree char *quote = NULL;
          gboolean cut;

          if (selection->whole || selection->start < 0 || selection->end <= selection->start)
            continue;

          found = bsearch (&selection->start, positions->data, positions->len, sizeof (gint64),
                           compare_gint64);
          start = indexes[found - (gint64 *) positions->data];
          found = bsearch (&selection->end, positions->data, positions->len, sizeof (gint64),
                           compare_gint64);
          end = indexes[found - (gint64 *) positions->data];

          if (start < 0 || end < 0 || end <= start)
            {
              score -= 20;
              continue;
            }

          score += is_boundary (&raw, start) + is_boundary (&raw, end);

          quote = selection->codings->len > 0 ? quote_of (selection->name, &cut) : NULL;
          if (quote != NULL)
            {
              g_autofree char *text = raw_slice (&raw, start, end);

              if (quote_matches (quote, cut, text))
                score += 10;
            }
        }

      if (score > best_score)
        {
          best_score = score;
          best = c;
          memcpy (best_indexes, indexes, positions->len * sizeof (glong));
        }
    }

  /* Map with the best counting, checking each selection against its quote. */
  for (guint s = 0; s < source->selections->len; s++)
    {
      RefiSelection *selection = g_ptr_array_index (source->selections, s);
      gint64 *found;
      glong start, end;
      g_autofree char *quote = NULL;
      gboolean cut;

      if (selection->whole || selection->start < 0 || selection->end <= selection->start)
        continue;

      found = bsearch (&selection->start, positions->data, positions->len, sizeof (gint64),
                       compare_gint64);
      start = best_indexes[found - (gint64 *) positions->data];
      found = bsearch (&selection->end, positions->data, positions->len, sizeof (gint64),
                       compare_gint64);
      end = best_indexes[found - (gint64 *) positions->data];

      /* Positions that make no sense here: the quoted text, if it is close by. */
      if (start < 0 || end < 0 || end <= start)
        {
          quote = selection->codings->len > 0 ? quote_of (selection->name, &cut) : NULL;
          if (quote != NULL && !cut &&
              find_quote_near (source->text, selection->name,
                               (guint) MIN (selection->start, (gint64) length),
                               &selection->norm_start, &selection->norm_end))
            {
              selection->mapped = TRUE;
              n_moved++;
            }
          continue;
        }

      selection->norm_start = raw.norm_of[start];
      selection->norm_end = raw.norm_of[end];
      selection->mapped = selection->norm_start < selection->norm_end;
      n_boundaries += is_boundary (&raw, start) + is_boundary (&raw, end);

      /* A name that matches neither here nor close by is a label ("Quotation 3:1",
       * "line:6"), not a quote. */
      quote = selection->codings->len > 0 ? quote_of (selection->name, &cut) : NULL;
      if (quote != NULL)
        {
          g_autofree char *text = raw_slice (&raw, start, end);

          if (quote_matches (quote, cut, text))
            n_quote_ok++;
          else if (!cut && find_quote_near (source->text, selection->name, selection->norm_start,
                                            &selection->norm_start, &selection->norm_end))
            n_moved++;
        }
    }

  if (n_quote_ok + n_moved > 0)
    {
      if (n_moved > 0 || !refi->ours)
        refi_warn (refi, _("“%s”: positions read as %s; %u codings matched the text quoted in "
                           "the file, %u more were moved to their quoted text nearby."),
                   source->name, counting_description (&g_array_index (candidates, Counting, best)),
                   n_quote_ok, n_moved);
    }
  else if (!refi->ours)
    refi_warn (refi, _("“%s”: positions read as %s; %u of %u selection ends lie on word "
                       "boundaries."),
               source->name, counting_description (&g_array_index (candidates, Counting, best)),
               n_boundaries, 2 * n_positional);

  raw_text_clear (&raw);
}

static void
load_source_text (PlRefiFile *refi,
                  RefiSource *source)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *raw = NULL;
  gboolean had_bom = FALSE;

  if (source->inline_text != NULL)
    raw = g_strdup (source->inline_text);
  else if (source->path != NULL && (bytes = load_path (refi, source->path)) != NULL)
    raw = decode_text (bytes, source->name != NULL ? source->name : source->path, &had_bom);

  if (source->name == NULL)
    {
      const char *base = source->path != NULL ? path_basename (source->path) : NULL;
      const char *dot = base != NULL ? strrchr (base, '.') : NULL;

      source->name = base != NULL && *base != '\0'
        ? g_strndup (base, dot != NULL && dot > base ? (gsize) (dot - base) : strlen (base))
        : g_strdup (_("Untitled"));
    }

  if (raw == NULL)
    {
      g_ptr_array_add (refi->missing_texts, g_strdup (source->name));
      return;
    }

  source->text = pl_text_normalize (raw, -1);
  {
    g_autofree char *stripped = g_strstrip (g_strdup (source->text));

    if (*stripped == '\0')
      {
        g_clear_pointer (&source->text, g_free);
        refi->n_empty_sources++;
        return;
      }
  }

  map_positions (refi, source, raw, had_bom);
}

static void
load_note_text (PlRefiFile *refi,
                RefiNote   *note)
{
  g_autoptr(GBytes) bytes = NULL;
  gboolean had_bom;

  if (note->text != NULL || note->path == NULL)
    return;

  bytes = load_path (refi, note->path);
  if (bytes != NULL)
    {
      g_autofree char *raw = decode_text (bytes, note->path, &had_bom);

      if (raw != NULL)
        note->text = pl_text_normalize (raw, -1);
    }
}

/* Reading */

static const char *
find_qde (GHashTable *entries)
{
  GHashTableIter iter;
  gpointer key;
  const char *found = NULL;

  g_hash_table_iter_init (&iter, entries);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      const char *name = key;

      if (!g_str_has_suffix (name, ".qde") && !g_str_has_suffix (name, ".QDE"))
        continue;
      if (g_ascii_strcasecmp (name, "project.qde") == 0)
        return name;
      /* At the top rather than in a folder, and otherwise the first by name. */
      if (found == NULL || (strchr (name, '/') == NULL && strchr (found, '/') != NULL) ||
          ((strchr (name, '/') == NULL) == (strchr (found, '/') == NULL) &&
           strcmp (name, found) < 0))
        found = name;
    }

  return found;
}

static gboolean
looks_like_xml (const char *data,
                gsize       size)
{
  gsize i = 0;

  if (size >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    i = 3;
  while (i < size && g_ascii_isspace (data[i]))
    i++;
  return i < size && data[i] == '<';
}

PlRefiFile *
pl_refi_file_read (GFile         *file,
                   GCancellable  *cancellable,
                   GError       **error)
{
  g_autoptr(PlRefiFile) refi = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *name = NULL;
  GBytes *qde_bytes;
  const char *data;
  gsize size;
  xmlDoc *doc;
  xmlNode *root;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  name = g_file_get_basename (file);
  {
    g_autofree char *display = g_filename_display_name (name);

    g_free (name);
    name = g_steal_pointer (&display);
  }

  bytes = g_file_load_bytes (file, cancellable, NULL, &local_error);
  if (bytes == NULL)
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        g_set_error (error, PL_IMPORT_ERROR, PL_IMPORT_ERROR_READ,
                     _("“%s” could not be read: %s"), name, local_error->message);
      return NULL;
    }

  refi = refi_file_new (name);
  data = g_bytes_get_data (bytes, &size);

  if (size >= 4 && memcmp (data, "PK\003\004", 4) == 0)
    {
      const char *qde_name;

      refi->entries = pl_refi_read_zip (bytes, name, want_entry, error);
      if (refi->entries == NULL)
        return NULL;

      qde_name = find_qde (refi->entries);
      if (qde_name == NULL)
        {
          g_set_error (error, PL_IMPORT_ERROR, PL_IMPORT_ERROR_MALFORMED,
                       _("“%s” is a zip archive without a project (.qde) file: it is not a "
                         "REFI-QDA project."), name);
          return NULL;
        }
      qde_bytes = g_hash_table_lookup (refi->entries, qde_name);
    }
  else if (looks_like_xml (data, size))
    {
      qde_bytes = bytes;
      refi->folder = g_file_get_parent (file);
    }
  else
    {
      g_set_error (error, PL_IMPORT_ERROR, size == 0 ? PL_IMPORT_ERROR_EMPTY
                                                     : PL_IMPORT_ERROR_UNSUPPORTED,
                   size == 0 ? _("“%s” is empty.")
                             : _("“%s” is neither a REFI-QDA project (.qdpx) nor its XML "
                                 "(.qde)."), name);
      return NULL;
    }

  data = g_bytes_get_data (qde_bytes, &size);
  doc = pl_xml_parse (data, size, name, NULL, error);
  if (doc == NULL)
    return NULL;

  root = xmlDocGetRootElement (doc);
  if (root == NULL || !(pl_xml_is_element (root, NULL, "Project") || pl_xml_is_element (root, NULL, "CodeBook")))
    {
      g_set_error (error, PL_IMPORT_ERROR, PL_IMPORT_ERROR_UNSUPPORTED,
                   _("“%s” is not a REFI-QDA project: its root element is <%s>, not <Project>."),
                   name, root != NULL ? (const char *) root->name : "");
      xmlFreeDoc (doc);
      return NULL;
    }

  parse_project (refi, root);
  xmlFreeDoc (doc);

  for (guint i = 0; i < refi->sources->len; i++)
    {
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return NULL;
      load_source_text (refi, g_ptr_array_index (refi->sources, i));
    }
  for (guint i = 0; i < refi->notes->len; i++)
    load_note_text (refi, g_ptr_array_index (refi->notes, i));

  g_clear_pointer (&refi->entries, g_hash_table_unref);
  g_clear_object (&refi->folder);

  return g_steal_pointer (&refi);
}

/* Applying */

typedef struct
{
  PlRefiFile   *refi;
  PlProject    *project;
  PlRefiReport *report;
  GHashTable   *coder_ids;   /* user GUID → gint64* */
  GHashTable   *code_ids;    /* code GUID → gint64* */
  GHashTable   *codable;     /* code GUID → GINT_TO_POINTER (codable) */
  gint64        fallback_coder;
  guint         n_existing_documents;
  guint         n_existing_annotations;
  guint         n_not_codable;
  guint         n_short_ids_dropped;
} Apply;

static gint64 *
new_id (gint64 id)
{
  return g_memdup2 (&id, sizeof id);
}

static gint64
lookup_id (PlProject   *project,
           const char  *sql,
           const char  *key,
           GError     **error)
{
  sqlite3_stmt *stmt = pl_project_prepare (project, sql, error);
  gint64 id = 0;
  int rc;

  if (stmt == NULL)
    return -1;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  else if (rc != SQLITE_DONE)
    {
      pl_project_set_sql_error (project, error, "read the project");
      id = -1;
    }
  sqlite3_reset (stmt);
  return id;
}

static gboolean
run_insert (PlProject     *project,
            sqlite3_stmt  *stmt,
            const char    *what,
            GError       **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      pl_project_set_sql_error (project, error, what);
      return FALSE;
    }
  return TRUE;
}

static void
bind_text_or_null (sqlite3_stmt *stmt,
                   int           column,
                   const char   *text)
{
  if (text != NULL && *text != '\0')
    sqlite3_bind_text (stmt, column, text, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, column);
}

static char *
initials_of (const char *name)
{
  GString *initials = g_string_new (NULL);
  gboolean at_word = TRUE;

  for (const char *p = name; *p != '\0' && initials->len < 12; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c) || c == '-')
        at_word = TRUE;
      else if (at_word)
        {
          g_string_append_unichar (initials, g_unichar_toupper (c));
          at_word = FALSE;
        }
    }
  return g_string_free (initials, FALSE);
}

/* The coder for @guid and @name: the project's coder with that GUID, else with that name,
 * else a new one. */
static gint64
ensure_coder (Apply       *apply,
              const char  *guid,
              const char  *name,
              const char  *initials,
              GError     **error)
{
  g_autofree char *new_guid = NULL;
  g_autofree char *new_initials = NULL;
  g_autofree char *now = NULL;
  sqlite3_stmt *stmt;
  gint64 id;

  if (guid != NULL)
    {
      id = lookup_id (apply->project, "SELECT id FROM coders WHERE guid = ?", guid, error);
      if (id != 0)
        return id;
    }

  id = lookup_id (apply->project, "SELECT id FROM coders WHERE name = ?", name, error);
  if (id != 0)
    return id;

  if (guid == NULL)
    guid = new_guid = g_uuid_string_random ();
  if (initials == NULL)
    initials = new_initials = initials_of (name);
  now = pl_now_iso8601 ();

  stmt = pl_project_prepare (apply->project,
                             "INSERT INTO coders (guid, name, initials, created) VALUES (?, ?, ?, ?)",
                             error);
  if (stmt == NULL)
    return -1;
  sqlite3_bind_text (stmt, 1, guid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, name, -1, SQLITE_TRANSIENT);
  bind_text_or_null (stmt, 3, initials);
  sqlite3_bind_text (stmt, 4, now, -1, SQLITE_TRANSIENT);
  if (!run_insert (apply->project, stmt, "add a coder", error))
    return -1;

  apply->report->n_coders++;
  return sqlite3_last_insert_rowid (pl_project_get_db (apply->project));
}

static gboolean
apply_users (Apply   *apply,
             GError **error)
{
  for (guint i = 0; i < apply->refi->users->len; i++)
    {
      RefiUser *user = g_ptr_array_index (apply->refi->users, i);
      g_autofree char *fallback = NULL;
      const char *name = user->name != NULL ? user->name : user->id;
      gint64 id;

      if (name == NULL)
        name = fallback = g_strdup_printf (_("User %.8s"), user->guid);

      id = ensure_coder (apply, user->guid, name, user->id, error);
      if (id < 0)
        return FALSE;
      g_hash_table_insert (apply->coder_ids, g_strdup (user->guid), new_id (id));
    }

  return TRUE;
}

/* The coder of a coding: its user, else the selection's, else the project's creator, else
 * a coder named after the tool that made the file. */
static gint64
coder_for (Apply       *apply,
           const char  *user,
           const char  *fallback_user,
           GError     **error)
{
  const char *candidates[] = { user, fallback_user, apply->refi->project_user };

  for (guint i = 0; i < G_N_ELEMENTS (candidates); i++)
    {
      gint64 *id;
      g_autofree char *name = NULL;
      gint64 new_coder;

      if (candidates[i] == NULL)
        continue;

      id = g_hash_table_lookup (apply->coder_ids, candidates[i]);
      if (id != NULL)
        return *id;

      /* A user the file refers to without listing it. */
      name = g_strdup_printf (_("User %.8s"), candidates[i]);
      new_coder = ensure_coder (apply, candidates[i], name, NULL, error);
      if (new_coder < 0)
        return -1;
      g_hash_table_insert (apply->coder_ids, g_strdup (candidates[i]), new_id (new_coder));
      return new_coder;
    }

  if (apply->fallback_coder == 0)
    {
      const char *name = apply->refi->origin != NULL ? apply->refi->origin : _("Imported");

      apply->fallback_coder = ensure_coder (apply, NULL, name, NULL, error);
    }
  return apply->fallback_coder;
}

static gboolean
value_taken (PlProject   *project,
             const char  *sql,
             const char  *value,
             GError     **error)
{
  return value != NULL && lookup_id (project, sql, value, error) != 0;
}

static gboolean
apply_code (Apply     *apply,
            RefiCode  *code,
            gint64     parent_id,
            GError   **error)
{
  PlCodeSpec spec = { 0 };
  gint64 id;

  id = lookup_id (apply->project, "SELECT id FROM codes WHERE guid = ?", code->guid, error);
  if (id < 0)
    return FALSE;

  if (id == 0)
    {
      gboolean short_taken = value_taken (apply->project,
                                          "SELECT id FROM codes WHERE short_id = ?",
                                          code->short_id, error);
      gboolean shortcut_taken = value_taken (apply->project,
                                             "SELECT id FROM codes WHERE shortcut = ?",
                                             code->shortcut, error);

      if (short_taken || shortcut_taken)
        apply->n_short_ids_dropped++;

      spec.guid = code->guid;
      spec.parent_id = parent_id;
      spec.short_id = short_taken ? NULL : code->short_id;
      spec.name = code->name;
      spec.color = code->color;
      spec.shortcut = shortcut_taken ? NULL : code->shortcut;
      spec.definition = code->definition;
      spec.inclusion = code->inclusion;
      spec.exclusion = code->exclusion;
      spec.example = code->example;
      spec.codable = code->codable || code->coded;
      if (!code->codable && code->coded)
        apply->n_not_codable++;

      id = pl_project_insert_code (apply->project, &spec, error);
      if (id == 0)
        return FALSE;
      apply->report->n_codes++;
      g_hash_table_insert (apply->codable, g_strdup (code->guid), GINT_TO_POINTER (TRUE));
    }
  else
    {
      sqlite3_stmt *stmt = pl_project_prepare (apply->project,
                                               "SELECT codable FROM codes WHERE id = ?", error);

      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, id);
      g_hash_table_insert (apply->codable, g_strdup (code->guid),
                           GINT_TO_POINTER (sqlite3_step (stmt) == SQLITE_ROW &&
                                            sqlite3_column_int (stmt, 0) != 0));
      sqlite3_reset (stmt);
    }

  g_hash_table_insert (apply->code_ids, g_strdup (code->guid), new_id (id));

  for (guint i = 0; i < code->children->len; i++)
    if (!apply_code (apply, g_ptr_array_index (code->children, i), id, error))
      return FALSE;

  return TRUE;
}

static void
mark_coded (PlRefiFile *refi)
{
  for (guint s = 0; s < refi->sources->len; s++)
    {
      RefiSource *source = g_ptr_array_index (refi->sources, s);

      for (guint i = 0; i < source->selections->len; i++)
        {
          RefiSelection *selection = g_ptr_array_index (source->selections, i);

          for (guint c = 0; c < selection->codings->len; c++)
            {
              RefiCoding *coding = g_ptr_array_index (selection->codings, c);
              RefiCode *code = coding->code_guid != NULL
                ? g_hash_table_lookup (refi->codes_by_guid, coding->code_guid)
                : NULL;

              if (code != NULL)
                code->coded = TRUE;
            }
        }
    }
}

static const char *
marker_string (JsonObject *marker,
               const char *member)
{
  const char *value;

  if (marker == NULL)
    return NULL;
  value = json_object_get_string_member_with_default (marker, member, NULL);
  return value != NULL && *value != '\0' ? value : NULL;
}

static gboolean
is_marker (JsonObject *marker,
           const char *type)
{
  return g_strcmp0 (marker_string (marker, "type"), type) == 0;
}

/* Memos: the selection's own description, then the notes it and its coding refer to. */
static char *
memo_for (PlRefiFile    *refi,
          RefiSelection *selection,
          RefiCoding    *coding)
{
  GString *memo = g_string_new (selection->description);
  GPtrArray *lists[] = { selection->note_refs, coding->note_refs };

  for (guint l = 0; l < G_N_ELEMENTS (lists); l++)
    for (guint i = 0; lists[l] != NULL && i < lists[l]->len; i++)
      {
        RefiNote *note = g_hash_table_lookup (refi->notes_by_guid, g_ptr_array_index (lists[l], i));

        /* Plenary's own notes about an annotation stay notes. */
        if (note == NULL || note->text == NULL || *note->text == '\0' ||
            is_marker (note->marker, "note"))
          continue;
        if (memo->len > 0)
          g_string_append (memo, "\n\n");
        g_string_append (memo, note->text);
        note->used = TRUE;
      }

  if (memo->len == 0)
    {
      g_string_free (memo, TRUE);
      return NULL;
    }
  return g_string_free (memo, FALSE);
}

static gint
compare_statements (gconstpointer a,
                    gconstpointer b)
{
  const PlStatement *x = *(PlStatement * const *) a;
  const PlStatement *y = *(PlStatement * const *) b;

  return x->index < y->index ? -1 : x->index > y->index;
}

/* Plenary's statements when the file carries them (every selection marked "statement"
 * mapped), else the segmenter's. */
static GPtrArray *
statements_for (PlProject  *project,
                RefiSource *source)
{
  g_autoptr(GPtrArray) statements = g_ptr_array_new_with_free_func ((GDestroyNotify) pl_statement_unref);

  for (guint i = 0; i < source->selections->len; i++)
    {
      RefiSelection *selection = g_ptr_array_index (source->selections, i);
      JsonObject *marker = selection->marker;
      PlStatement *statement;

      if (!is_marker (marker, "statement"))
        continue;
      if (!selection->mapped)
        return pl_segmenter_segment (source->text, pl_project_get_gazetteer (project));

      statement = pl_statement_new ();
      statement->index = (guint) json_object_get_int_member_with_default (marker, "index", 0);
      statement->start = selection->norm_start;
      statement->end = selection->norm_end;
      statement->kind = g_strcmp0 (marker_string (marker, "kind"), "front_matter") == 0
        ? PL_STATEMENT_KIND_FRONT_MATTER : PL_STATEMENT_KIND_STATEMENT;
      statement->speaker = g_strdup (marker_string (marker, "speaker"));
      statement->entity = g_strdup (marker_string (marker, "entity"));
      statement->entity_type = g_strdup (marker_string (marker, "entity_type"));
      statement->iso3 = g_strdup (marker_string (marker, "iso3"));
      statement->regional_group = g_strdup (marker_string (marker, "regional_group"));
      statement->on_behalf_of = g_strdup (marker_string (marker, "on_behalf_of"));
      statement->speaker_source = g_strdup (marker_string (marker, "speaker_source"));
      statement->needs_review = json_object_get_boolean_member_with_default (marker,
                                                                             "needs_review",
                                                                             FALSE);
      g_ptr_array_add (statements, statement);
    }

  if (statements->len == 0)
    return pl_segmenter_segment (source->text, pl_project_get_gazetteer (project));

  g_ptr_array_sort (statements, compare_statements);
  return g_steal_pointer (&statements);
}

static const char *
variable_value (PlRefiFile *refi,
                RefiSource *source,
                const char *variable)
{
  for (guint i = 0; source->values != NULL && i + 1 < source->values->len; i += 2)
    {
      const char *name = g_hash_table_lookup (refi->variables, g_ptr_array_index (source->values, i));

      if (name != NULL && g_ascii_strcasecmp (name, variable) == 0)
        return g_ptr_array_index (source->values, i + 1);
    }
  return NULL;
}

static void
note_unmapped_variables (PlRefiFile *refi,
                         RefiSource *source)
{
  for (guint i = 0; source->values != NULL && i + 1 < source->values->len; i += 2)
    {
      const char *name = g_hash_table_lookup (refi->variables, g_ptr_array_index (source->values, i));
      gboolean ours = FALSE;

      for (guint k = 0; name != NULL && pl_refi_document_variables[k] != NULL; k++)
        ours |= g_ascii_strcasecmp (name, pl_refi_document_variables[k]) == 0;
      if (!ours)
        g_hash_table_add (refi->unmapped_variables,
                          g_strdup (name != NULL ? name : g_ptr_array_index (source->values, i)));
    }
}

static char *
document_memo (PlRefiFile *refi,
               RefiSource *source)
{
  GString *memo = g_string_new (NULL);

  for (guint i = 0; source->note_refs != NULL && i < source->note_refs->len; i++)
    {
      RefiNote *note = g_hash_table_lookup (refi->notes_by_guid, g_ptr_array_index (source->note_refs, i));

      if (note == NULL || note->text == NULL || note->marker != NULL)
        continue;
      if (memo->len > 0)
        g_string_append (memo, "\n\n");
      g_string_append (memo, note->text);
      note->used = TRUE;
    }

  if (memo->len == 0)
    {
      g_string_free (memo, TRUE);
      return NULL;
    }
  return g_string_free (memo, FALSE);
}

static gboolean
apply_annotation (Apply          *apply,
                  gint64          document_id,
                  RefiSelection  *selection,
                  RefiCoding     *coding,
                  const char     *guid,
                  GError        **error)
{
  static const char *stances[] = {
    "supports", "opposes", "calls_for_new", "reports_practice", "neutral", NULL
  };
  g_autofree char *memo = NULL;
  g_autofree char *now = NULL;
  const char *created;
  const char *modified;
  const char *stance = NULL;
  gint64 version = 1;
  gint64 *code_id;
  gint64 coder_id;
  gint64 existing;
  sqlite3_stmt *stmt;

  code_id = coding->code_guid != NULL ? g_hash_table_lookup (apply->code_ids, coding->code_guid)
                                      : NULL;
  if (code_id == NULL)
    {
      apply->refi->n_missing_codes++;
      return TRUE;
    }
  if (!GPOINTER_TO_INT (g_hash_table_lookup (apply->codable, coding->code_guid)))
    {
      apply->refi->n_missing_codes++;
      return TRUE;
    }

  existing = lookup_id (apply->project, "SELECT id FROM annotations WHERE guid = ?", guid, error);
  if (existing < 0)
    return FALSE;
  if (existing != 0)
    {
      apply->n_existing_annotations++;
      return TRUE;
    }

  coder_id = coder_for (apply, coding->user, selection->user, error);
  if (coder_id < 0)
    return FALSE;

  if (is_marker (selection->marker, "annotation"))
    {
      const char *value = marker_string (selection->marker, "stance");

      if (value != NULL && g_strv_contains (stances, value))
        stance = value;
      version = MAX (1, json_object_get_int_member_with_default (selection->marker,
                                                                 "codebook_version", 1));
    }

  memo = memo_for (apply->refi, selection, coding);
  if (memo != NULL)
    apply->report->n_memos++;
  now = pl_now_iso8601 ();
  created = coding->created != NULL ? coding->created
          : selection->created != NULL ? selection->created : now;
  modified = selection->modified != NULL ? selection->modified : created;

  stmt = pl_project_prepare (apply->project,
                             "INSERT INTO annotations (guid, document_id, code_id, coder_id,"
                             " start_offset, end_offset, memo, created, modified, stance,"
                             " codebook_version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                             error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, guid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, document_id);
  sqlite3_bind_int64 (stmt, 3, *code_id);
  sqlite3_bind_int64 (stmt, 4, coder_id);
  sqlite3_bind_int64 (stmt, 5, selection->norm_start);
  sqlite3_bind_int64 (stmt, 6, selection->norm_end);
  bind_text_or_null (stmt, 7, memo);
  sqlite3_bind_text (stmt, 8, created, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 9, modified, -1, SQLITE_TRANSIENT);
  bind_text_or_null (stmt, 10, stance);
  sqlite3_bind_int64 (stmt, 11, version);
  if (!run_insert (apply->project, stmt, "add an annotation", error))
    return FALSE;

  apply->report->n_annotations++;
  return TRUE;
}

static void
mark_refs_used (PlRefiFile *refi,
                GPtrArray  *refs)
{
  for (guint i = 0; refs != NULL && i < refs->len; i++)
    {
      RefiNote *note = g_hash_table_lookup (refi->notes_by_guid, g_ptr_array_index (refs, i));

      if (note != NULL && !is_marker (note->marker, "note"))
        note->used = TRUE;
    }
}

static void
mark_notes_used (PlRefiFile *refi,
                 RefiSource *source)
{
  mark_refs_used (refi, source->note_refs);
  for (guint i = 0; i < source->selections->len; i++)
    {
      RefiSelection *selection = g_ptr_array_index (source->selections, i);

      mark_refs_used (refi, selection->note_refs);
      for (guint c = 0; c < selection->codings->len; c++)
        mark_refs_used (refi, ((RefiCoding *) g_ptr_array_index (selection->codings, c))->note_refs);
    }
}

static gboolean
apply_source (Apply       *apply,
              RefiSource  *source,
              GError     **error)
{
  PlRefiFile *refi = apply->refi;
  g_autoptr(GPtrArray) statements = NULL;
  g_autoptr(GHashTable) used_guids = NULL;
  g_autofree char *memo = NULL;
  g_autofree char *now = NULL;
  const char *metadata[16] = { NULL };
  sqlite3_stmt *stmt;
  gint64 document_id;
  gint64 existing;

  if (source->text == NULL)
    return TRUE;

  existing = lookup_id (apply->project, "SELECT id FROM documents WHERE guid = ?", source->guid,
                        error);
  if (existing < 0)
    return FALSE;
  if (existing != 0)
    {
      /* Its memos are in the project already, with it. */
      mark_notes_used (refi, source);
      apply->n_existing_documents++;
      return TRUE;
    }

  for (guint k = 0; pl_refi_document_variables[k] != NULL; k++)
    metadata[k] = variable_value (refi, source, pl_refi_document_variables[k]);
  note_unmapped_variables (refi, source);

  memo = document_memo (refi, source);
  now = pl_now_iso8601 ();

  stmt = pl_project_prepare (apply->project,
                             "INSERT INTO documents (guid, title, text, length, source_uri,"
                             " created, modified, process, session, meeting, date, agenda_item,"
                             " source_type, language, format, memo)"
                             " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                             error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, source->guid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, source->name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, source->text, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 4, pl_text_length (source->text));
  bind_text_or_null (stmt, 5, metadata[8]);
  sqlite3_bind_text (stmt, 6, source->created != NULL ? source->created : now, -1,
                     SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 7, source->modified != NULL ? source->modified
                              : source->created != NULL ? source->created : now, -1,
                     SQLITE_TRANSIENT);
  for (guint k = 0; k < 8; k++)
    bind_text_or_null (stmt, 8 + (int) k, metadata[k]);
  bind_text_or_null (stmt, 16, memo);
  if (!run_insert (apply->project, stmt, "add a document", error))
    return FALSE;
  document_id = sqlite3_last_insert_rowid (pl_project_get_db (apply->project));
  apply->report->n_documents++;

  statements = statements_for (apply->project, source);
  if (!pl_project_insert_statements (apply->project, document_id, statements, error))
    return FALSE;
  apply->report->n_statements += statements->len;

  used_guids = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < source->selections->len; i++)
    {
      RefiSelection *selection = g_ptr_array_index (source->selections, i);

      if (is_marker (selection->marker, "statement"))
        continue;
      if (selection->codings->len == 0)
        {
          refi->n_free_selections++;
          continue;
        }
      if (!selection->mapped)
        {
          refi->n_bad_positions += selection->codings->len;
          continue;
        }

      for (guint c = 0; c < selection->codings->len; c++)
        {
          RefiCoding *coding = g_ptr_array_index (selection->codings, c);
          const char *guid = c == 0 && !selection->whole ? selection->guid : coding->guid;

          if (g_hash_table_contains (used_guids, guid))
            guid = coding->guid;
          g_hash_table_add (used_guids, (gpointer) guid);

          if (!apply_annotation (apply, document_id, selection, coding, guid, error))
            return FALSE;
        }
    }

  return TRUE;
}

/* Notes that are neither memos of a coding nor of a document: into the notes table, about
 * the element that refers to them (Plenary's own keep their target). */
static gboolean
apply_notes (Apply   *apply,
             GError **error)
{
  PlRefiFile *refi = apply->refi;
  g_autoptr(GHashTable) referrer = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; refi->project_note_refs != NULL && i < refi->project_note_refs->len; i++)
    g_hash_table_insert (referrer, g_ptr_array_index (refi->project_note_refs, i), NULL);

  {
    GHashTableIter iter;
    gpointer key, value;

    g_hash_table_iter_init (&iter, refi->codes_by_guid);
    while (g_hash_table_iter_next (&iter, &key, &value))
      {
        RefiCode *code = value;

        for (guint i = 0; code->note_refs != NULL && i < code->note_refs->len; i++)
          g_hash_table_insert (referrer, g_ptr_array_index (code->note_refs, i), code->guid);
      }
  }

  for (guint i = 0; i < refi->notes->len; i++)
    {
      RefiNote *note = g_ptr_array_index (refi->notes, i);
      const char *target = g_hash_table_lookup (referrer, note->guid);
      g_autofree char *now = NULL;
      sqlite3_stmt *stmt;
      gint64 existing;
      gint64 coder_id = 0;

      if (note->used || note->text == NULL || *note->text == '\0')
        continue;
      if (is_marker (note->marker, "note"))
        target = marker_string (note->marker, "target");

      existing = lookup_id (apply->project, "SELECT id FROM notes WHERE guid = ?", note->guid,
                            error);
      if (existing < 0)
        return FALSE;
      if (existing != 0)
        continue;

      if (note->user != NULL)
        {
          coder_id = coder_for (apply, note->user, NULL, error);
          if (coder_id < 0)
            return FALSE;
        }

      now = pl_now_iso8601 ();
      stmt = pl_project_prepare (apply->project,
                                 "INSERT INTO notes (guid, target_guid, text, coder_id, created,"
                                 " modified) VALUES (?, ?, ?, ?, ?, ?)", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, note->guid, -1, SQLITE_TRANSIENT);
      bind_text_or_null (stmt, 2, target);
      sqlite3_bind_text (stmt, 3, note->text, -1, SQLITE_TRANSIENT);
      if (coder_id != 0)
        sqlite3_bind_int64 (stmt, 4, coder_id);
      else
        sqlite3_bind_null (stmt, 4);
      sqlite3_bind_text (stmt, 5, note->created != NULL ? note->created : now, -1,
                         SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 6, note->modified != NULL ? note->modified
                                  : note->created != NULL ? note->created : now, -1,
                         SQLITE_TRANSIENT);
      if (!run_insert (apply->project, stmt, "add a note", error))
        return FALSE;
      apply->report->n_notes++;
    }

  return TRUE;
}

static gboolean
apply_codebook_version (Apply   *apply,
                        GError **error)
{
  g_autofree char *value = NULL;
  sqlite3_stmt *stmt;
  gint64 version;

  if (!is_marker (apply->refi->project_marker, "project"))
    return TRUE;

  version = json_object_get_int_member_with_default (apply->refi->project_marker,
                                                     "codebook_version", 1);
  if (version <= 1)
    return TRUE;

  value = g_strdup_printf ("%" G_GINT64_FORMAT, version);
  stmt = pl_project_prepare (apply->project,
                             "UPDATE project_info SET value = ? WHERE key = 'codebook_version'"
                             " AND CAST(value AS INTEGER) < ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, value, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, version);
  return run_insert (apply->project, stmt, "record the codebook version", error);
}

static void
report_n (GPtrArray  *lines,
          guint       n,
          const char *format,
          ...) G_GNUC_PRINTF (3, 4);

static void
report_n (GPtrArray  *lines,
          guint       n,
          const char *format,
          ...)
{
  va_list args;

  if (n == 0)
    return;

  va_start (args, format);
  g_ptr_array_add (lines, g_strdup_vprintf (format, args));
  va_end (args);
}

static void
fill_report (Apply *apply)
{
  PlRefiFile *refi = apply->refi;
  PlRefiReport *report = apply->report;
  GPtrArray *lines = report->not_imported;
  guint n_unused_notes = 0;

  report_n (lines, refi->n_pictures,
            g_dngettext (GETTEXT_PACKAGE, "%u picture source (Plenary imports text only).",
                         "%u picture sources (Plenary imports text only).", refi->n_pictures), refi->n_pictures);
  report_n (lines, refi->n_audio,
            g_dngettext (GETTEXT_PACKAGE, "%u audio source and its transcripts.",
                         "%u audio sources and their transcripts.", refi->n_audio), refi->n_audio);
  report_n (lines, refi->n_video,
            g_dngettext (GETTEXT_PACKAGE, "%u video source and its transcripts.",
                         "%u video sources and their transcripts.", refi->n_video), refi->n_video);
  report_n (lines, refi->n_pdf_without_text,
            g_dngettext (GETTEXT_PACKAGE, "%u PDF source without a text version.",
                         "%u PDF sources without a text version.", refi->n_pdf_without_text), refi->n_pdf_without_text);
  report_n (lines, refi->n_media_selections,
            g_dngettext (GETTEXT_PACKAGE, "%u selection in a picture, PDF page, audio or video (and its codings).",
                         "%u selections in pictures, PDF pages, audio or video (and their codings).", refi->n_media_selections), refi->n_media_selections);
  if (refi->missing_texts->len > 0)
    {
      g_autofree char *names = NULL;

      g_ptr_array_add (refi->missing_texts, NULL);
      names = g_strjoinv ("”, “", (char **) refi->missing_texts->pdata);
      g_ptr_array_remove_index (refi->missing_texts, refi->missing_texts->len - 1);
      g_ptr_array_add (lines,
                       g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                     "%u text source whose text is not in the "
                                                     "file, with its codings: “%s”.",
                                                     "%u text sources whose text is not in the "
                                                     "file, with their codings: “%s”.",
                                                     refi->missing_texts->len),
                                        refi->missing_texts->len, names));
    }
  report_n (lines, refi->n_empty_sources,
            g_dngettext (GETTEXT_PACKAGE, "%u text source without any text.",
                         "%u text sources without any text.", refi->n_empty_sources), refi->n_empty_sources);
  report_n (lines, apply->n_existing_documents,
            g_dngettext (GETTEXT_PACKAGE, "%u document the project already has (same GUID), left as it was with its "
                  "codings.",
                         "%u documents the project already has (same GUID), left as they were with "
                  "their codings.", apply->n_existing_documents), apply->n_existing_documents);
  report_n (lines, apply->n_existing_annotations,
            g_dngettext (GETTEXT_PACKAGE, "%u coding the project already has (same GUID).",
                         "%u codings the project already has (same GUID).", apply->n_existing_annotations), apply->n_existing_annotations);
  report_n (lines, refi->n_bad_positions,
            g_dngettext (GETTEXT_PACKAGE, "%u coding whose positions lie outside its text.",
                         "%u codings whose positions lie outside their text.", refi->n_bad_positions), refi->n_bad_positions);
  report_n (lines, refi->n_missing_codes,
            g_dngettext (GETTEXT_PACKAGE, "%u coding of a code that is not in the codebook or cannot be applied.",
                         "%u codings of codes that are not in the codebook or cannot be applied.", refi->n_missing_codes), refi->n_missing_codes);
  report_n (lines, refi->n_free_selections,
            g_dngettext (GETTEXT_PACKAGE, "%u selection without a code (a free quotation).",
                         "%u selections without a code (free quotations).", refi->n_free_selections), refi->n_free_selections);
  if (!refi->ours)
    report_n (lines, refi->n_cases,
            g_dngettext (GETTEXT_PACKAGE, "%u case (and its variables).",
                         "%u cases (and their variables).", refi->n_cases), refi->n_cases);
  report_n (lines, refi->n_sets,
            g_dngettext (GETTEXT_PACKAGE, "%u set of codes or sources.",
                         "%u sets of codes or sources.", refi->n_sets), refi->n_sets);
  report_n (lines, refi->n_links,
            g_dngettext (GETTEXT_PACKAGE, "%u link between items.",
                         "%u links between items.", refi->n_links), refi->n_links);
  report_n (lines, refi->n_graphs,
            g_dngettext (GETTEXT_PACKAGE, "%u graph (network view).",
                         "%u graphs (network views).", refi->n_graphs), refi->n_graphs);
  if (g_hash_table_size (refi->unmapped_variables) > 0)
    {
      g_autofree char **names = (char **) g_hash_table_get_keys_as_array (refi->unmapped_variables,
                                                                           NULL);
      g_autofree char *joined = g_strjoinv ("”, “", names);

      g_ptr_array_add (lines, g_strdup_printf (_("The values of variables that are not "
                                                 "document details in Plenary: “%s”."), joined));
    }
  for (guint i = 0; i < refi->notes->len; i++)
    {
      RefiNote *note = g_ptr_array_index (refi->notes, i);

      if (!note->used && (note->text == NULL || *note->text == '\0'))
        n_unused_notes++;
    }
  report_n (lines, n_unused_notes,
            g_dngettext (GETTEXT_PACKAGE, "%u note without text.",
                         "%u notes without text.", n_unused_notes), n_unused_notes);

  if (refi->n_bad_guids > 0)
    refi_warn (refi, g_dngettext (GETTEXT_PACKAGE, "%u item had an invalid GUID and was given "
                                  "a new one.", "%u items had invalid GUIDs and were given new "
                                  "ones.", refi->n_bad_guids), refi->n_bad_guids);
  if (refi->n_duplicate_guids > 0)
    refi_warn (refi, g_dngettext (GETTEXT_PACKAGE, "%u item repeated the GUID of another and "
                                  "was given a new one.", "%u items repeated the GUIDs of "
                                  "others and were given new ones.", refi->n_duplicate_guids),
               refi->n_duplicate_guids);
  if (apply->n_not_codable > 0)
    refi_warn (refi, g_dngettext (GETTEXT_PACKAGE, "%u code marked as not codable has codings: "
                                  "it was made codable.", "%u codes marked as not codable have "
                                  "codings: they were made codable.", apply->n_not_codable),
               apply->n_not_codable);
  if (apply->n_short_ids_dropped > 0)
    refi_warn (refi, g_dngettext (GETTEXT_PACKAGE, "%u code kept its name but not its short id "
                                  "or shortcut, which another code of the project has.",
                                  "%u codes kept their names but not their short ids or "
                                  "shortcuts, which other codes of the project have.",
                                  apply->n_short_ids_dropped), apply->n_short_ids_dropped);

  for (guint i = 0; i < refi->warnings->len; i++)
    g_ptr_array_add (report->warnings, g_strdup (g_ptr_array_index (refi->warnings, i)));
}

PlRefiReport *
pl_refi_file_apply (PlRefiFile  *refi,
                    PlProject   *project,
                    GError     **error)
{
  g_autoptr(PlRefiReport) report = NULL;
  Apply apply = { 0 };
  gboolean ok = FALSE;

  g_return_val_if_fail (refi != NULL, NULL);
  g_return_val_if_fail (PL_IS_PROJECT (project), NULL);

  report = g_new0 (PlRefiReport, 1);
  report->origin = g_strdup (refi->origin);
  report->not_imported = new_strings ();
  report->warnings = new_strings ();

  apply.refi = refi;
  apply.project = project;
  apply.report = report;
  apply.coder_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  apply.code_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  apply.codable = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  mark_coded (refi);

  if (!pl_project_begin (project, error))
    goto out;

  if (!apply_users (&apply, error))
    goto failed;
  for (guint i = 0; i < refi->codes->len; i++)
    if (!apply_code (&apply, g_ptr_array_index (refi->codes, i), 0, error))
      goto failed;
  for (guint i = 0; i < refi->sources->len; i++)
    if (!apply_source (&apply, g_ptr_array_index (refi->sources, i), error))
      goto failed;
  if (!apply_notes (&apply, error) || !apply_codebook_version (&apply, error))
    goto failed;

  if (!pl_project_commit (project, error))
    goto out;

  pl_project_reload (project);
  fill_report (&apply);
  ok = TRUE;
  goto out;

failed:
  pl_project_rollback (project);

out:
  g_hash_table_unref (apply.coder_ids);
  g_hash_table_unref (apply.code_ids);
  g_hash_table_unref (apply.codable);

  return ok ? g_steal_pointer (&report) : NULL;
}

PlRefiReport *
pl_refi_import (PlProject     *project,
                GFile         *file,
                GCancellable  *cancellable,
                GError       **error)
{
  g_autoptr(PlRefiFile) refi = NULL;

  g_return_val_if_fail (PL_IS_PROJECT (project), NULL);
  g_return_val_if_fail (G_IS_FILE (file), NULL);

  refi = pl_refi_file_read (file, cancellable, error);
  if (refi == NULL)
    return NULL;

  return pl_refi_file_apply (refi, project, error);
}

/* Asynchronous import: read in a worker, apply in the caller's context. */

static void
import_read_run (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  GFile *file = task_data;
  GError *error = NULL;
  PlRefiFile *refi = pl_refi_file_read (file, cancellable, &error);

  if (refi != NULL)
    g_task_return_pointer (task, refi, (GDestroyNotify) pl_refi_file_free);
  else
    g_task_return_error (task, error);
}

static void
import_read_done (GObject      *source_object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(PlRefiFile) refi = NULL;
  PlProject *project = PL_PROJECT (source_object);
  GError *error = NULL;
  PlRefiReport *report;

  refi = g_task_propagate_pointer (G_TASK (result), &error);
  if (refi == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  if (g_task_return_error_if_cancelled (task))
    return;

  report = pl_refi_file_apply (refi, project, &error);
  if (report != NULL)
    g_task_return_pointer (task, report, (GDestroyNotify) pl_refi_report_free);
  else
    g_task_return_error (task, error);
}

void
pl_refi_import_async (PlProject           *project,
                      GFile               *file,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  GTask *task;
  g_autoptr(GTask) reader = NULL;

  g_return_if_fail (PL_IS_PROJECT (project));
  g_return_if_fail (G_IS_FILE (file));

  /* libxml2 sets itself up once, here, rather than in a worker thread. */
  xmlInitParser ();

  task = g_task_new (project, cancellable, callback, user_data);
  g_task_set_source_tag (task, pl_refi_import_async);

  reader = g_task_new (project, cancellable, import_read_done, task);
  g_task_set_task_data (reader, g_object_ref (file), g_object_unref);
  g_task_run_in_thread (reader, import_read_run);
}

PlRefiReport *
pl_refi_import_finish (PlProject     *project,
                       GAsyncResult  *result,
                       GError       **error)
{
  g_return_val_if_fail (PL_IS_PROJECT (project), NULL);
  g_return_val_if_fail (g_task_is_valid (result, project), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
