/* pl-refi-reader.c — a REFI-QDA file (.qdpx, .qde, .qdc) read into memory
 *
 * Reading (pl_refi_file_read()) parses the file leniently into the structs of
 * pl-refi-private.h: elements are matched by local name in any namespace (or none),
 * "A::B" code names become a hierarchy, invalid or repeated GUIDs are replaced by derived
 * ones.  Each note learns what refers to it, and the passages of a source that a note
 * marks (QualCoder writes them as the note's own PlainTextSelection) join that source's
 * selections.  It then loads the sources' texts and maps every selection's positions
 * (pl-refi-positions.c).  It touches no database, so it may run in a worker thread.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "plenary-refi-import"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>
#include <libxml/tree.h>

#include "pl-json.h"
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

static GPtrArray *
new_selections (void)
{
  return g_ptr_array_new_with_free_func (refi_selection_free);
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
  g_free (source->description);
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
  g_free (note->title);
  g_free (note->text);
  g_free (note->description);
  g_free (note->path);
  g_free (note->user);
  g_free (note->created);
  g_free (note->modified);
  g_clear_pointer (&note->marker, json_object_unref);
  g_ptr_array_unref (note->passages);
  g_free (note);
}

static void
refi_case_free (gpointer data)
{
  RefiCase *refi_case = data;

  g_free (refi_case->guid);
  g_free (refi_case->name);
  g_free (refi_case->description);
  free_strings (&refi_case->values);
  g_free (refi_case);
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
  g_free (refi->project_description);
  g_ptr_array_unref (refi->cases);
  g_clear_pointer (&refi->plenary, pl_refi_plenary_free);
  g_hash_table_unref (refi->guids);
  free_strings (&refi->not_imported);
  free_strings (&refi->warnings);
  free_strings (&refi->missing_texts);
  g_hash_table_unref (refi->unmapped_variables);
  g_clear_pointer (&refi->entries, g_hash_table_unref);
  g_clear_object (&refi->folder);
  g_free (refi);
}

PlRefiFile *
pl_refi_file_new (const char *display_name)
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
  refi->cases = g_ptr_array_new_with_free_func (refi_case_free);
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

static void
replace_string (char       **field,
                JsonObject  *entry,
                const char  *member)
{
  const char *value = pl_json_member_string (entry, member);

  g_free (*field);
  *field = value != NULL && *value != '\0' ? g_strdup (value) : NULL;
}

/* What Plenary's own part of the file holds for @code: the exact values of what its
 * Description shows people. */
static void
apply_code_entry (RefiCode   *code,
                  JsonObject *entry)
{
  replace_string (&code->definition, entry, "definition");
  replace_string (&code->inclusion, entry, "inclusion");
  replace_string (&code->exclusion, entry, "exclusion");
  replace_string (&code->example, entry, "example");
  replace_string (&code->short_id, entry, "id");
  replace_string (&code->shortcut, entry, "shortcut");
}

static RefiCode *
parse_code (PlRefiFile *refi,
            xmlNode    *node)
{
  JsonObject *entry;
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

  entry = pl_refi_plenary_lookup (refi->plenary, REFI_PLENARY_CODES, code->guid);
  if (entry != NULL)
    apply_code_entry (code, entry);

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

/* Selections and text sources */

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

static RefiSelection *
parse_selection (PlRefiFile *refi,
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
  source->selections = new_selections ();
  {
    g_autofree char *rich = pl_xml_dup_attribute (node, "richTextPath");

    source->rich = rich != NULL && *rich != '\0';
  }

  for (xmlNode *child = node->children; child != NULL; child = child->next)
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

/* Notes and cases */

static void
parse_note (PlRefiFile *refi,
            xmlNode    *node)
{
  RefiNote *note = g_new0 (RefiNote, 1);

  note->guid = claim_guid (refi, node, "note");
  note->title = nonempty_or_free (pl_xml_dup_attribute (node, "name"));
  note->path = nonempty_or_free (pl_xml_dup_attribute (node, "plainTextPath"));
  note->user = reference (node, "creatingUser");
  note->created = date_attribute (node, "creationDateTime");
  note->modified = date_attribute (node, "modifiedDateTime");
  note->passages = new_selections ();

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

  refi_case->guid = claim_guid (refi, node, "case");
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
parse_children (PlRefiFile *refi,
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
        {
          for (xmlNode *item = child->children; item != NULL; item = item->next)
            if (pl_xml_is_element (item, NULL, "Case"))
              parse_case (refi, item);
        }
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
          g_free (refi->project_description);
          refi->project_description = text_or_free (g_steal_pointer (&human));
        }
      else if (pl_xml_is_element (child, NULL, "NoteRef"))
        add_note_ref (&refi->project_note_refs, child);
    }

  if (!refi->ours)
    unfold_names (refi, refi->codes, "");
}

/* Notes: what refers to each */

/* Marks the notes of @refs as referred to by @referrer, unless something more specific
 * already does: a selection, then a source, then a code, then the project. */
static void
refer (PlRefiFile   *refi,
       GPtrArray    *refs,
       RefiReferrer  referrer,
       gpointer      referred_by,
       RefiSource   *source)
{
  for (guint i = 0; refs != NULL && i < refs->len; i++)
    {
      RefiNote *note = g_hash_table_lookup (refi->notes_by_guid, g_ptr_array_index (refs, i));

      if (note == NULL || note->referrer != REFI_REFERRER_NONE)
        continue;
      note->referrer = referrer;
      note->referred_by = referred_by;
      note->source = source;
    }
}

static void
refer_from_codes (PlRefiFile *refi,
                  GPtrArray  *codes)
{
  for (guint i = 0; i < codes->len; i++)
    {
      RefiCode *code = g_ptr_array_index (codes, i);

      refer (refi, code->note_refs, REFI_REFERRER_CODE, code, NULL);
      refer_from_codes (refi, code->children);
    }
}

/* Sets each note's referrer, and moves the passages of the notes a source refers to into
 * that source's selections, where their positions are mapped with the rest. */
static void
link_notes (PlRefiFile *refi)
{
  for (guint s = 0; s < refi->sources->len; s++)
    {
      RefiSource *source = g_ptr_array_index (refi->sources, s);

      for (guint i = 0; i < source->selections->len; i++)
        {
          RefiSelection *selection = g_ptr_array_index (source->selections, i);

          refer (refi, selection->note_refs, REFI_REFERRER_SELECTION, selection, source);
          for (guint c = 0; c < selection->codings->len; c++)
            refer (refi, ((RefiCoding *) g_ptr_array_index (selection->codings, c))->note_refs,
                   REFI_REFERRER_SELECTION, selection, source);
        }
    }
  for (guint s = 0; s < refi->sources->len; s++)
    {
      RefiSource *source = g_ptr_array_index (refi->sources, s);

      refer (refi, source->note_refs, REFI_REFERRER_SOURCE, source, source);
    }
  refer_from_codes (refi, refi->codes);
  refer (refi, refi->project_note_refs, REFI_REFERRER_PROJECT, NULL, NULL);

  for (guint i = 0; i < refi->notes->len; i++)
    {
      RefiNote *note = g_ptr_array_index (refi->notes, i);

      if (note->referrer != REFI_REFERRER_SOURCE)
        continue;
      while (note->passages->len > 0)
        g_ptr_array_add (note->source->selections, g_ptr_array_steal_index (note->passages, 0));
    }
}

void
pl_refi_parse_project (PlRefiFile *refi,
                       xmlNode    *root)
{
  parse_children (refi, root);
  link_notes (refi);
}
