/* pl-refi-reader.c — a REFI-QDA file (.qdpx, .qde, .qdc) read into memory
 *
 * Reading (pl_refi_file_read()) parses the file leniently into the structs of
 * pl-refi-private.h (pl-refi-file.c), element by element as project.qde streams, so that
 * what is held at once is one selection, note or case of it and not the whole tree:
 * elements are matched by local name in any namespace (or none), invalid or repeated
 * GUIDs are replaced by derived ones.  Once the whole file is read, "A::B" code names
 * become a hierarchy and each note learns what refers to it (pl-refi-finish.c); then the
 * sources' texts are loaded and every selection's positions mapped (pl-refi-positions.c).
 * It touches no database, so it may run in a worker thread.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "plenary-refi-import"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>
#include <libxml/tree.h>
#include <libxml/xmlreader.h>

#include "pl-error.h"
#include "pl-json.h"
#include "pl-refi-private.h"
#include "pl-xml.h"

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

/* @value as it is (a memo keeps its spacing), or NULL when it is only white space. */
static char *
text_or_free (char *value)
{
  for (const char *p = value; p != NULL && *p != '\0'; p++)
    if (!g_ascii_isspace (*p))
      return value;

  g_free (value);
  return NULL;
}

/* @string (taken) kept in @refi's string chunk for as long as @refi lives; NULL stays
 * NULL. */
static const char *
keep (PlRefiFile *refi,
      char       *string)
{
  const char *kept = string != NULL ? g_string_chunk_insert (refi->strings, string) : NULL;

  g_free (string);
  return kept;
}

/* The same for a string that many items share (the GUID of a user or a code): kept
 * once. */
static const char *
keep_shared (PlRefiFile *refi,
             char       *string)
{
  const char *kept = string != NULL ? g_string_chunk_insert_const (refi->strings, string) : NULL;

  g_free (string);
  return kept;
}

/* @string (taken), or @same when it says the same (a date repeated): kept. */
static const char *
keep_or_same (PlRefiFile *refi,
              char       *string,
              const char *same)
{
  if (string != NULL && same != NULL && strcmp (string, same) == 0)
    {
      g_free (string);
      return same;
    }
  return keep (refi, string);
}

/* The attribute @name of @node as pl_xml_dup_attribute() reads it, without a copy when
 * it is plain text (the attributes of hundreds of thousands of selections and codings);
 * otherwise a copy in *@copy, freed by the caller. */
static const char *
attribute (xmlNode     *node,
           const char  *name,
           char       **copy)
{
  *copy = NULL;
  for (xmlAttr *attr = node->properties; attr != NULL; attr = attr->next)
    if (strcmp ((const char *) attr->name, name) == 0)
      {
        if (attr->children != NULL && attr->children->next == NULL &&
            attr->children->type == XML_TEXT_NODE)
          return (const char *) attr->children->content;
        break;
      }

  *copy = pl_xml_dup_attribute (node, name);
  return *copy;
}

/* A GUID attribute, normalised; an invalid or repeated one is replaced by a derived GUID
 * (references to it then resolve to its first holder).  Kept in @refi's string chunk. */
static const char *
claim_guid (PlRefiFile *refi,
            xmlNode    *node,
            const char *kind)
{
  g_autofree char *copy = NULL;
  const char *raw = attribute (node, "guid", &copy);
  g_autofree char *key = NULL;
  char normal[37];
  const char *kept;

  if (!pl_refi_normalize_guid_to (raw, normal))
    {
      refi->n_bad_guids++;
      key = g_strdup_printf ("%s:%s:%u", kind, raw != NULL ? raw : "",
                             g_hash_table_size (refi->guids));
      kept = keep (refi, pl_refi_derive_guid ("invalid", key));
    }
  else if (g_hash_table_contains (refi->guids, normal))
    {
      refi->n_duplicate_guids++;
      key = g_strdup_printf ("%s:%s:%u", kind, normal, g_hash_table_size (refi->guids));
      kept = keep (refi, pl_refi_derive_guid ("duplicate", key));
    }
  else
    kept = g_string_chunk_insert (refi->strings, normal);

  g_hash_table_add (refi->guids, (gpointer) kept);
  return kept;
}

static char *
reference (xmlNode    *node,
           const char *name)
{
  g_autofree char *copy = NULL;

  return pl_refi_normalize_guid (attribute (node, name, &copy));
}

/* A reference to what many items share (a user, a code): normalised and kept once. */
static const char *
shared_reference (PlRefiFile *refi,
                  xmlNode    *node,
                  const char *name)
{
  g_autofree char *copy = NULL;
  char normal[37];

  if (!pl_refi_normalize_guid_to (attribute (node, name, &copy), normal))
    return NULL;
  return g_string_chunk_insert_const (refi->strings, normal);
}

static char *
date_attribute (xmlNode    *node,
                const char *name)
{
  g_autofree char *copy = NULL;

  return pl_refi_parse_datetime (attribute (node, name, &copy));
}

static void
add_note_ref (GPtrArray **refs,
              xmlNode    *node)
{
  char *target = reference (node, "targetGUID");

  if (target == NULL)
    return;
  if (*refs == NULL)
    *refs = g_ptr_array_new_with_free_func (g_free);
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

  code->guid = g_strdup (claim_guid (refi, node, "code"));
  code->name = nonempty_or_free (pl_xml_dup_attribute (node, "name"));
  if (code->name == NULL)
    code->name = g_strdup (_("Unnamed code"));
  code->codable = pl_refi_parse_boolean (codable, TRUE);
  code->color = pl_refi_parse_color (color);
  code->children = pl_refi_codes_new ();

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
      user->guid = g_strdup (claim_guid (refi, child, "user"));
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

      guid = g_strdup (claim_guid (refi, child, "variable"));
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
    *values = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (*values, variable);
  g_ptr_array_add (*values, value);
}

/* Selections and text sources */

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
  const char *guid = claim_guid (refi, node, "coding");
  const char *user = shared_reference (refi, node, "creatingUser");
  const char *created = keep_or_same (refi, date_attribute (node, "creationDateTime"),
                                      selection->created);
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
        coding->guid = guid;
      else
        {
          g_autofree char *key = g_strdup_printf ("%s:%u", guid, n_refs);

          coding->guid = keep (refi, pl_refi_derive_guid ("coding", key));
        }
      coding->code_guid = shared_reference (refi, child, "targetGUID");
      coding->user = user;
      coding->created = created;
      if (note_refs != NULL)
        coding->note_refs = g_ptr_array_copy (note_refs, copy_string, NULL);
      g_ptr_array_add (selection->codings, coding);
      n_refs++;
    }

  g_clear_pointer (&note_refs, g_ptr_array_unref);
}

static gboolean
parse_position (xmlNode    *node,
                const char *name,
                gint64     *out)
{
  g_autofree char *copy = NULL;
  const char *raw = attribute (node, name, &copy);

  if (raw != NULL && (g_ascii_isspace (*raw) ||
                      (*raw != '\0' && g_ascii_isspace (raw[strlen (raw) - 1]))))
    {
      if (copy == NULL)
        copy = g_strdup (raw);
      raw = g_strstrip (copy);
    }
  return raw != NULL && g_ascii_string_to_signed (raw, 10, G_MININT64, G_MAXINT64, out, NULL);
}

static RefiSelection *
parse_selection (PlRefiFile *refi,
                 xmlNode    *node)
{
  RefiSelection *selection = pl_refi_selection_new ();

  selection->guid = claim_guid (refi, node, "selection");
  {
    g_autofree char *copy = NULL;
    const char *name = attribute (node, "name", &copy);

    selection->name = name != NULL ? g_string_chunk_insert (refi->strings, name) : NULL;
  }
  selection->user = shared_reference (refi, node, "creatingUser");
  selection->created = keep (refi, date_attribute (node, "creationDateTime"));
  selection->modified = keep_or_same (refi, date_attribute (node, "modifiedDateTime"),
                                      selection->created);
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
          selection->description = text_or_free (pl_refi_split_marker (text,
                                                                           &selection->marker));
        }
      else if (pl_xml_is_element (child, NULL, "Coding"))
        parse_codings (refi, selection, child);
      else if (pl_xml_is_element (child, NULL, "NoteRef"))
        add_note_ref (&selection->note_refs, child);
    }

  return selection;
}

/* A TextSource, or the text representation of a PDF source (@name given): what its own
 * attributes say. */
static RefiSource *
text_source_new (PlRefiFile *refi,
                 xmlNode    *node,
                 const char *name)
{
  RefiSource *source = g_new0 (RefiSource, 1);

  source->guid = g_strdup (claim_guid (refi, node, "source"));
  source->name = name != NULL ? g_strdup (name) : nonempty_or_free (pl_xml_dup_attribute (node, "name"));
  source->path = nonempty_or_free (pl_xml_dup_attribute (node, "plainTextPath"));
  source->user = reference (node, "creatingUser");
  source->created = date_attribute (node, "creationDateTime");
  source->modified = date_attribute (node, "modifiedDateTime");
  source->selections = pl_refi_selections_new ();
  {
    g_autofree char *rich = pl_xml_dup_attribute (node, "richTextPath");

    source->rich = rich != NULL && *rich != '\0';
  }

  return source;
}

/* One child element of a text source; the Codings of the source itself go into one
 * selection of the whole (*@whole, made at the first). */
static void
text_source_add_child (PlRefiFile     *refi,
                       RefiSource     *source,
                       xmlNode        *child,
                       RefiSelection **whole)
{
  if (pl_xml_is_element (child, NULL, "Description"))
    {
      g_free (source->description);
      source->description = text_or_free (element_text (child));
    }
  else if (pl_xml_is_element (child, NULL, "PlainTextContent"))
    {
      g_free (source->inline_text);
      source->inline_text = element_text (child);
    }
  else if (pl_xml_is_element (child, NULL, "PlainTextSelection"))
    g_ptr_array_add (source->selections, parse_selection (refi, child));
  else if (pl_xml_is_element (child, NULL, "Coding"))
    {
      if (*whole == NULL)
        {
          *whole = pl_refi_selection_new ();
          (*whole)->whole = TRUE;
          (*whole)->guid = keep (refi, pl_refi_derive_guid ("whole-source", source->guid));
          (*whole)->user = keep_shared (refi, g_strdup (source->user));
          (*whole)->created = keep (refi, g_strdup (source->created));
          g_ptr_array_add (source->selections, *whole);
        }
      parse_codings (refi, *whole, child);
    }
  else if (pl_xml_is_element (child, NULL, "NoteRef"))
    add_note_ref (&source->note_refs, child);
  else if (pl_xml_is_element (child, NULL, "VariableValue"))
    parse_variable_value (&source->values, child);
}

static RefiSource *
parse_text_source (PlRefiFile *refi,
                   xmlNode    *node,
                   const char *name)
{
  RefiSource *source = text_source_new (refi, node, name);
  RefiSelection *whole = NULL;

  for (xmlNode *child = node->children; child != NULL; child = child->next)
    text_source_add_child (refi, source, child, &whole);

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

/* Notes and cases */

static void
parse_note (PlRefiFile *refi,
            xmlNode    *node)
{
  RefiNote *note = g_new0 (RefiNote, 1);

  note->guid = g_strdup (claim_guid (refi, node, "note"));
  note->title = nonempty_or_free (pl_xml_dup_attribute (node, "name"));
  note->path = nonempty_or_free (pl_xml_dup_attribute (node, "plainTextPath"));
  note->user = reference (node, "creatingUser");
  note->created = date_attribute (node, "creationDateTime");
  note->modified = date_attribute (node, "modifiedDateTime");
  note->passages = pl_refi_selections_new ();

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

          g_clear_pointer (&note->marker, json_object_unref);
          g_free (note->description);
          note->description = text_or_free (pl_refi_split_marker (text, &note->marker));
        }
      else if (pl_xml_is_element (child, NULL, "PlainTextSelection"))
        {
          RefiSelection *passage = parse_selection (refi, child);

          passage->passage_of = note;
          g_ptr_array_add (note->passages, passage);
        }
      else if (pl_xml_is_element (child, NULL, "Coding"))
        note->n_codings++;
    }

  g_ptr_array_add (refi->notes, note);
  if (!g_hash_table_contains (refi->notes_by_guid, note->guid))
    g_hash_table_insert (refi->notes_by_guid, note->guid, note);
}

static void
parse_case (PlRefiFile *refi,
            xmlNode    *node)
{
  RefiCase *refi_case = g_new0 (RefiCase, 1);

  refi_case->guid = g_strdup (claim_guid (refi, node, "case"));
  refi_case->name = nonempty_or_free (pl_xml_dup_attribute (node, "name"));

  for (xmlNode *child = node->children; child != NULL; child = child->next)
    {
      if (pl_xml_is_element (child, NULL, "Description"))
        {
          g_free (refi_case->description);
          refi_case->description = text_or_free (element_text (child));
        }
      else if (pl_xml_is_element (child, NULL, "VariableValue"))
        parse_variable_value (&refi_case->values, child);
      else if (pl_xml_is_element (child, NULL, "CodeRef"))
        refi_case->n_codes++;
      else if (pl_xml_is_element (child, NULL, "SourceRef"))
        refi_case->n_sources++;
      else if (pl_xml_is_element (child, NULL, "SelectionRef"))
        refi_case->n_selections++;
    }

  g_ptr_array_add (refi->cases, refi_case);
}

/* Sources */

/* One child of <Sources> but a TextSource (read as it streams). */
static void
parse_source (PlRefiFile *refi,
              xmlNode    *child)
{
  if (pl_xml_is_element (child, NULL, "PDFSource"))
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

/* Links are kept as they are; the apply step takes those between two text selections
 * and counts the others. */
static void
parse_link (PlRefiFile *refi,
            xmlNode    *node)
{
  RefiLink *link = g_new0 (RefiLink, 1);

  link->guid = g_strdup (claim_guid (refi, node, "link"));
  link->origin = reference (node, "originGUID");
  link->target = reference (node, "targetGUID");
  g_ptr_array_add (refi->links, link);
}

static void
parse_root (PlRefiFile *refi,
            xmlNode    *root)
{
  refi->origin = nonempty_or_free (pl_xml_dup_attribute (root, "origin"));
  refi->project_user = reference (root, "creatingUserGUID");
  refi->ours = refi->origin != NULL && g_str_has_prefix (refi->origin, "Plenary");
}

/* A child of the Project (or CodeBook) read whole: all but those that hold the bulk of a
 * file, which are read as they stream (Sources, Notes, Cases, Links). */
static void
parse_root_child (PlRefiFile *refi,
                  xmlNode    *child)
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
      g_free (refi->project_description);
      refi->project_description = text_or_free (g_steal_pointer (&human));
    }
  else if (pl_xml_is_element (child, NULL, "NoteRef"))
    add_note_ref (&refi->project_note_refs, child);
}

/* Reading project.qde as it streams */

/* What to do with a child element of the element the stream is at. */
typedef enum
{
  CHILD_WHOLE,      /* read it whole, handed to the callback as a tree */
  CHILD_STREAMED,   /* step into it: the callback reads its children itself */
  CHILD_SKIPPED,
} ChildKind;

typedef struct _Walk Walk;
struct _Walk
{
  PlRefiFile  *refi;
  PlXmlStream *stream;
  /* Which kind of child @node is; @node has its attributes but no children yet. */
  ChildKind  (*kind)    (Walk *walk, xmlNode *node);
  /* A child read whole, or, streamed, at its start: FALSE with @error to stop. */
  gboolean   (*child)   (Walk *walk, xmlNode *node, GError **error);
  gpointer     data;
};

/* Calls @walk's functions for each child element of the element the stream is at, and
 * leaves the stream past that element.  @error is never NULL here: a FALSE from the
 * stream with no error set is the end of the document. */
static gboolean
walk_children (Walk    *walk,
               GError **error)
{
  xmlTextReader *reader = pl_xml_stream_get_reader (walk->stream);
  int depth = xmlTextReaderDepth (reader);

  if (xmlTextReaderIsEmptyElement (reader))
    return pl_xml_stream_read (walk->stream, error) || *error == NULL;

  if (!pl_xml_stream_read (walk->stream, error))
    return *error == NULL;
  while (xmlTextReaderDepth (reader) > depth)
    {
      xmlNode *node = xmlTextReaderCurrentNode (reader);

      if (xmlTextReaderNodeType (reader) != XML_READER_TYPE_ELEMENT ||
          xmlTextReaderDepth (reader) != depth + 1)
        {
          if (!pl_xml_stream_read (walk->stream, error))
            return *error == NULL;
          continue;
        }

      switch (walk->kind (walk, node))
        {
        case CHILD_WHOLE:
          node = pl_xml_stream_expand (walk->stream, error);
          if (node == NULL || !walk->child (walk, node, error))
            return FALSE;
          break;
        case CHILD_STREAMED:
          /* The callback leaves the stream past the child. */
          if (!walk->child (walk, node, error))
            return FALSE;
          continue;
        case CHILD_SKIPPED:
        default:
          break;
        }
      if (!pl_xml_stream_skip (walk->stream, error))
        return *error == NULL;
    }

  /* The end of the element. */
  return pl_xml_stream_read (walk->stream, error) || *error == NULL;
}

static ChildKind
all_whole (Walk    *walk,
           xmlNode *node)
{
  return CHILD_WHOLE;
}

/* The TextSource being read, and the selection of its whole once it has one. */
typedef struct
{
  RefiSource    *source;
  RefiSelection *whole;
} SourceWalk;

/* A TextSource's children: one at a time (a selection and its codings). */
static gboolean
text_source_child (Walk     *walk,
                   xmlNode  *node,
                   GError  **error)
{
  SourceWalk *source_walk = walk->data;

  text_source_add_child (walk->refi, source_walk->source, node, &source_walk->whole);
  return TRUE;
}

static ChildKind
source_kind (Walk    *walk,
             xmlNode *node)
{
  return pl_xml_is_element (node, NULL, "TextSource") ? CHILD_STREAMED : CHILD_WHOLE;
}

static gboolean
source_child (Walk     *walk,
              xmlNode  *node,
              GError  **error)
{
  SourceWalk source_walk = { NULL, NULL };
  Walk children = { walk->refi, walk->stream, all_whole, text_source_child, &source_walk };

  if (!pl_xml_is_element (node, NULL, "TextSource"))
    {
      parse_source (walk->refi, node);
      return TRUE;
    }

  source_walk.source = text_source_new (walk->refi, node, NULL);
  g_ptr_array_add (walk->refi->sources, source_walk.source);
  return walk_children (&children, error);
}

/* A child of <Notes>, <Cases> or <Links>, named by @walk->data. */
static ChildKind
item_kind (Walk    *walk,
           xmlNode *node)
{
  return pl_xml_is_element (node, NULL, walk->data) ? CHILD_WHOLE : CHILD_SKIPPED;
}

static gboolean
item_child (Walk     *walk,
            xmlNode  *node,
            GError  **error)
{
  if (pl_xml_is_element (node, NULL, "Note"))
    parse_note (walk->refi, node);
  else if (pl_xml_is_element (node, NULL, "Case"))
    parse_case (walk->refi, node);
  else
    parse_link (walk->refi, node);
  return TRUE;
}

static const char * const streamed_lists[][2] = {
  { "Notes", "Note" },
  { "Cases", "Case" },
  { "Links", "Link" },
};

static ChildKind
root_kind (Walk    *walk,
           xmlNode *node)
{
  if (pl_xml_is_element (node, NULL, "Sources"))
    return CHILD_STREAMED;
  for (guint i = 0; i < G_N_ELEMENTS (streamed_lists); i++)
    if (pl_xml_is_element (node, NULL, streamed_lists[i][0]))
      return CHILD_STREAMED;
  return CHILD_WHOLE;
}

static gboolean
root_child (Walk     *walk,
            xmlNode  *node,
            GError  **error)
{
  Walk children = { walk->refi, walk->stream, item_kind, item_child, NULL };

  if (pl_xml_is_element (node, NULL, "Sources"))
    {
      children.kind = source_kind;
      children.child = source_child;
      return walk_children (&children, error);
    }
  for (guint i = 0; i < G_N_ELEMENTS (streamed_lists); i++)
    if (pl_xml_is_element (node, NULL, streamed_lists[i][0]))
      {
        children.data = (gpointer) streamed_lists[i][1];
        return walk_children (&children, error);
      }

  parse_root_child (walk->refi, node);
  return TRUE;
}

/* Reads the stream to its end: FALSE with @error if the XML is not well-formed. */
static gboolean
read_to_end (PlXmlStream  *stream,
             GError      **error)
{
  while (pl_xml_stream_read (stream, error))
    ;
  return *error == NULL;
}

gboolean
pl_refi_read_project (PlRefiFile   *refi,
                      PlXmlStream  *stream,
                      GError      **error)
{
  xmlTextReader *reader = pl_xml_stream_get_reader (stream);
  Walk walk = { refi, stream, root_kind, root_child, NULL };
  g_autoptr(GError) local_error = NULL;
  xmlNode *root;

  g_return_val_if_fail (refi != NULL && stream != NULL, FALSE);

  /* The root element: a Project, or a CodeBook (.qdc). */
  do
    {
      if (!pl_xml_stream_read (stream, &local_error))
        {
          if (local_error == NULL)
            g_set_error (&local_error, PL_IMPORT_ERROR, PL_IMPORT_ERROR_MALFORMED,
                         _("“%s” is not well-formed XML (%s)."), refi->display_name,
                         _("the document is empty"));
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
    }
  while (xmlTextReaderNodeType (reader) != XML_READER_TYPE_ELEMENT);

  root = xmlTextReaderCurrentNode (reader);
  if (!pl_xml_is_element (root, NULL, "Project") && !pl_xml_is_element (root, NULL, "CodeBook"))
    {
      g_autofree char *name = g_strdup ((const char *) root->name);

      /* Damaged XML says so first, whatever its root. */
      if (!read_to_end (stream, &local_error))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      g_set_error (error, PL_IMPORT_ERROR, PL_IMPORT_ERROR_UNSUPPORTED,
                   _("“%s” is not a REFI-QDA project: its root element is <%s>, not <Project>."),
                   refi->display_name, name);
      return FALSE;
    }

  parse_root (refi, root);
  if (!walk_children (&walk, &local_error) || !read_to_end (stream, &local_error))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  return TRUE;
}
