/* pl-refi-reader.c — a REFI-QDA file (.qdpx, .qde, .qdc) read into memory
 *
 * Reading (pl_refi_file_read()) parses the file leniently into the structs of
 * pl-refi-private.h: elements are matched by local name in any namespace (or none),
 * "A::B" code names become a hierarchy, invalid or repeated GUIDs are replaced by derived
 * ones.  It then loads the sources' texts and maps every selection's positions
 * (pl-refi-positions.c).  It touches no database, so it may run in a worker thread.
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
#include "pl-refi-private.h"
#include "pl-xml.h"

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
refi_link_free (gpointer data)
{
  RefiLink *link = data;

  g_free (link->guid);
  g_free (link->origin);
  g_free (link->target);
  g_free (link);
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
  g_ptr_array_unref (refi->links);
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
  refi->links = g_ptr_array_new_with_free_func (refi_link_free);
  refi->guids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  refi->not_imported = new_strings ();
  refi->warnings = new_strings ();
  refi->missing_texts = new_strings ();
  refi->unmapped_variables = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  return refi;
}

void
pl_refi_warn (PlRefiFile *refi,
              const char *format,
              ...)
{
  va_list args;

  va_start (args, format);
  g_ptr_array_add (refi->warnings, g_strdup_vprintf (format, args));
  va_end (args);
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

/* Links are kept as they are; the apply step takes those between two text selections
 * and counts the others. */
static void
parse_links (PlRefiFile *refi,
             xmlNode    *node)
{
  for (xmlNode *child = node->children; child != NULL; child = child->next)
    if (pl_xml_is_element (child, NULL, "Link"))
      {
        RefiLink *link = g_new0 (RefiLink, 1);

        link->guid = claim_guid (refi, child, "link");
        link->origin = reference (child, "originGUID");
        link->target = reference (child, "targetGUID");
        g_ptr_array_add (refi->links, link);
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
        parse_links (refi, child);
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

/* Reading */


static gboolean
want_entry (const char *path)
{
  return g_str_has_suffix (path, ".qde") || g_str_has_suffix (path, ".QDE") ||
         g_str_has_suffix (path, ".txt") || g_str_has_suffix (path, ".TXT");
}


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
      pl_refi_load_source_text (refi, g_ptr_array_index (refi->sources, i));
    }
  for (guint i = 0; i < refi->notes->len; i++)
    pl_refi_load_note_text (refi, g_ptr_array_index (refi->notes, i));

  g_clear_pointer (&refi->entries, g_hash_table_unref);
  g_clear_object (&refi->folder);

  return g_steal_pointer (&refi);
}

