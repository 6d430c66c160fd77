/* pl-codebook-qdc.c — the codebook as REFI-QDA: a .qdc codebook, or the CodeBook of a .qde or .qdpx
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "plenary-codebook-exchange"

#include "config.h"

#include <archive.h>
#include <archive_entry.h>
#include <glib/gi18n.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlwriter.h>
#include <string.h>

#include "pl-codebook-exchange-private.h"
#include "pl-error.h"
#include "pl-limits.h"
#include "pl-xml.h"

#define QDC_NAMESPACE "urn:QDA-XML:codebook:1.0"

/* Labels of the cues inside a REFI-QDA Description; not translated, so that any
 * Plenary reads them back. */
static const char *cue_labels[] = { "Include", "Exclude", "Example", "Id" };

/* The definition, then one labelled line (or paragraph) per cue. */
static char *
compose_description (const PlCodebookEntry *entry)
{
  const char *values[] = { entry->inclusion, entry->exclusion, entry->example, entry->short_id };
  GString *out = g_string_new (entry->definition);
  gboolean first = TRUE;

  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    {
      if (values[i] == NULL)
        continue;
      if (out->len > 0)
        g_string_append (out, first ? "\n\n" : "\n");
      first = FALSE;
      g_string_append_printf (out, "%s: %s", cue_labels[i], values[i]);
    }
  if (out->len == 0)
    {
      g_string_free (out, TRUE);
      return NULL;
    }
  return g_string_free (out, FALSE);
}

static gboolean
write_qdc_code (xmlTextWriterPtr        writer,
                const PlCodebookEntry  *entry,
                GHashTable             *guids,
                GError                **error)
{
  g_autofree char *description = compose_description (entry);
  g_autofree char *color = pl_codebook_normalize_color (entry->color, NULL);

  if (entry->guid == NULL || !g_uuid_string_is_valid (entry->guid) || !g_hash_table_add (guids, g_ascii_strdown (entry->guid, -1)))
    {
      g_set_error (error, PL_EXPORT_ERROR, PL_EXPORT_ERROR_FAILED,
                   _("The code “%s” has no GUID of its own: the codebook cannot be written as REFI-QDA."),
                   entry->name);
      return FALSE;
    }

  if (xmlTextWriterStartElement (writer, BAD_CAST "Code") < 0
      || xmlTextWriterWriteAttribute (writer, BAD_CAST "guid", BAD_CAST entry->guid) < 0
      || xmlTextWriterWriteAttribute (writer, BAD_CAST "name", BAD_CAST entry->name) < 0
      || xmlTextWriterWriteAttribute (writer, BAD_CAST "isCodable", BAD_CAST (entry->codable ? "true" : "false")) < 0
      || (color != NULL && xmlTextWriterWriteAttribute (writer, BAD_CAST "color", BAD_CAST color) < 0)
      || (description != NULL
          && xmlTextWriterWriteElement (writer, BAD_CAST "Description", BAD_CAST description) < 0))
    goto failed;

  for (guint i = 0; i < entry->children->len; i++)
    if (!write_qdc_code (writer, g_ptr_array_index (entry->children, i), guids, error))
      return FALSE;

  if (xmlTextWriterEndElement (writer) < 0)
    goto failed;
  return TRUE;

failed:
  g_set_error (error, PL_EXPORT_ERROR, PL_EXPORT_ERROR_FAILED,
               _("Could not write the codebook as REFI-QDA."));
  return FALSE;
}

GBytes *
pl_codebook_write_qdc (const PlCodebookEntry  *root,
                       GError                **error)
{
  g_autoptr(GHashTable) guids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  xmlBufferPtr buffer;
  xmlTextWriterPtr writer;
  GBytes *bytes = NULL;
  gboolean ok;

  /* The schema wants at least one code in <Codes>; an empty container is invalid. */
  if (root->children->len == 0)
    {
      g_set_error (error, PL_EXPORT_ERROR, PL_EXPORT_ERROR_FAILED,
                   _("The codebook is empty: a REFI-QDA codebook needs at least one code."));
      return NULL;
    }

  buffer = xmlBufferCreate ();
  writer = xmlNewTextWriterMemory (buffer, 0);
  xmlTextWriterSetIndent (writer, 1);
  xmlTextWriterSetIndentString (writer, BAD_CAST "  ");

  ok = xmlTextWriterStartDocument (writer, NULL, "utf-8", NULL) >= 0
       && xmlTextWriterStartElement (writer, BAD_CAST "CodeBook") >= 0
       && xmlTextWriterWriteAttribute (writer, BAD_CAST "xmlns", BAD_CAST QDC_NAMESPACE) >= 0
       && xmlTextWriterWriteAttribute (writer, BAD_CAST "origin", BAD_CAST "Plenary " PACKAGE_VERSION) >= 0
       && xmlTextWriterStartElement (writer, BAD_CAST "Codes") >= 0;
  if (!ok)
    g_set_error (error, PL_EXPORT_ERROR, PL_EXPORT_ERROR_FAILED,
                 _("Could not write the codebook as REFI-QDA."));

  for (guint i = 0; ok && i < root->children->len; i++)
    ok = write_qdc_code (writer, g_ptr_array_index (root->children, i), guids, error);

  if (ok && xmlTextWriterEndDocument (writer) < 0)
    {
      g_set_error (error, PL_EXPORT_ERROR, PL_EXPORT_ERROR_FAILED,
                   _("Could not write the codebook as REFI-QDA."));
      ok = FALSE;
    }
  xmlFreeTextWriter (writer);

  if (ok)
    bytes = g_bytes_new (xmlBufferContent (buffer), xmlBufferLength (buffer));
  xmlBufferFree (buffer);
  return bytes;
}

/* Splits a REFI-QDA Description into the definition and the labelled cues. */
static void
parse_description (PlCodebookEntry *entry,
                   const char      *text)
{
  g_autoptr(GString) definition = g_string_new (NULL);
  GString *cues[G_N_ELEMENTS (cue_labels)] = { NULL };
  GString *current = definition;
  g_auto(GStrv) lines = NULL;
  g_autofree char *normal = NULL;
  gboolean may_label = TRUE;
  char **fields[G_N_ELEMENTS (cue_labels)];

  fields[0] = &entry->inclusion;
  fields[1] = &entry->exclusion;
  fields[2] = &entry->example;
  fields[3] = &entry->short_id;

  {
    g_autoptr(GRegex) crlf = g_regex_new ("\r\n?", 0, 0, NULL);

    normal = g_regex_replace_literal (crlf, text, -1, 0, "\n", 0, NULL);
  }
  lines = g_strsplit (normal, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *line = lines[i];
      gboolean labelled = FALSE;

      for (guint c = 0; may_label && c < G_N_ELEMENTS (cue_labels); c++)
        {
          gsize len = strlen (cue_labels[c]);

          if (strncmp (line, cue_labels[c], len) == 0 && line[len] == ':')
            {
              if (cues[c] == NULL)
                cues[c] = g_string_new (NULL);
              current = cues[c];
              g_string_append (current, line + len + 1 + (line[len + 1] == ' ' ? 1 : 0));
              labelled = TRUE;
              break;
            }
        }
      if (labelled)
        continue;

      if (current->len > 0 || current != definition)
        g_string_append_c (current, '\n');
      g_string_append (current, line);
      /* Before the first cue, a label only starts a paragraph. */
      if (current == definition)
        may_label = line[0] == '\0';
    }

  g_free (entry->definition);
  entry->definition = pl_codebook_clean_text (definition->str);
  for (guint c = 0; c < G_N_ELEMENTS (cue_labels); c++)
    if (cues[c] != NULL)
      {
        g_free (*fields[c]);
        *fields[c] = pl_codebook_clean_text (cues[c]->str);
        g_string_free (cues[c], TRUE);
      }
}

static void
read_qdc_codes (PlCodebookReader *reader,
                xmlNode          *parent_node,
                PlCodebookEntry  *parent)
{
  for (xmlNode *node = parent_node->children; node != NULL; node = node->next)
    {
      g_autofree char *guid = NULL;
      g_autofree char *name = NULL;
      g_autofree char *codable = NULL;
      g_autofree char *color = NULL;
      xmlNode *description;
      PlCodebookEntry *entry;
      int value;

      if (!pl_xml_is_element (node, NULL, "Code"))
        continue;

      name = pl_xml_dup_attribute (node, "name");
      entry = pl_codebook_entry_new ();
      entry->name = pl_codebook_clean_text (name);
      if (entry->name == NULL)
        {
          reader->n_unnamed++;
          pl_codebook_entry_free (entry);
          continue;
        }

      guid = pl_xml_dup_attribute (node, "guid");
      entry->guid = pl_codebook_read_guid (guid);
      if (entry->guid == NULL)
        pl_codebook_report (reader, _("The code “%s” had an invalid GUID “%s”; it gets a new one."),
                entry->name, guid != NULL ? guid : "");

      codable = pl_xml_dup_attribute (node, "isCodable");
      value = pl_codebook_read_boolean (codable);
      if (value == -1)
        reader->n_no_codable++;
      else if (value == -2)
        reader->n_bad_codable++;
      entry->codable = value >= 0 ? value : TRUE;

      color = pl_xml_dup_attribute (node, "color");
      entry->color = pl_codebook_read_color (reader, color);

      description = pl_xml_first_child (node, "Description");
      if (description != NULL)
        {
          xmlChar *text = xmlNodeGetContent (description);

          if (text != NULL)
            parse_description (entry, (const char *) text);
          xmlFree (text);
        }

      g_ptr_array_add (parent->children, entry);
      read_qdc_codes (reader, node, entry);
    }
}

static const char *wrapper_names[] = {
  "nodes", "codes", "codebook", "code book", "code system", "codesystem", "knoten", "codes et nœuds",
  "nœuds", "noeuds", "códigos", "codigos", "kodes", NULL
};

static gboolean
is_wrapper (const PlCodebookEntry *entry)
{
  g_autofree char *folded = g_utf8_casefold (entry->name, -1);

  return entry->codable == FALSE && entry->children->len > 0 && entry->definition == NULL
         && entry->inclusion == NULL && entry->exclusion == NULL && entry->example == NULL
         && g_strv_contains (wrapper_names, folded);
}

/* ATLAS.ti's "A::B": B goes under A among the same siblings (A made a folder if absent). */
static void
resolve_double_colons (PlCodebookReader *reader,
                       PlCodebookEntry  *parent)
{
  g_autoptr(GPtrArray) kept = g_ptr_array_new ();
  g_autoptr(GPtrArray) nested = g_ptr_array_new ();

  for (guint i = 0; i < parent->children->len; i++)
    {
      PlCodebookEntry *entry = g_ptr_array_index (parent->children, i);
      const char *cut = strstr (entry->name, "::");

      if (cut != NULL && cut != entry->name && cut[2] != '\0')
        g_ptr_array_add (nested, entry);
      else
        g_ptr_array_add (kept, entry);
    }
  if (nested->len == 0)
    goto children;

  /* The parent keeps its own entries, in order; the nested ones move under theirs. */
  g_free (g_ptr_array_steal (parent->children, NULL));
  for (guint i = 0; i < kept->len; i++)
    g_ptr_array_add (parent->children, g_ptr_array_index (kept, i));

  for (guint i = 0; i < nested->len; i++)
    {
      PlCodebookEntry *entry = g_ptr_array_index (nested, i);
      g_auto(GStrv) parts = g_strsplit (entry->name, "::", -1);
      PlCodebookEntry *holder = parent;
      guint n = g_strv_length (parts);

      for (guint p = 0; p + 1 < n; p++)
        {
          g_autofree char *part = pl_codebook_clean_text (parts[p]);
          PlCodebookEntry *found = NULL;

          if (part == NULL)
            continue;
          for (guint j = 0; j < holder->children->len && found == NULL; j++)
            {
              PlCodebookEntry *candidate = g_ptr_array_index (holder->children, j);

              if (g_str_equal (candidate->name, part))
                found = candidate;
            }
          if (found == NULL)
            {
              found = pl_codebook_entry_new ();
              found->name = g_strdup (part);
              found->codable = FALSE;
              g_ptr_array_add (holder->children, found);
              pl_codebook_report (reader, _("Made the folder “%s” for the codes named “%s::…”."), part, part);
            }
          holder = found;
        }

      {
        char *last = pl_codebook_clean_text (parts[n - 1]);

        g_free (entry->name);
        entry->name = last != NULL ? last : g_strdup (parts[n - 1]);
      }
      g_ptr_array_add (holder->children, entry);
    }

children:
  for (guint i = 0; i < parent->children->len; i++)
    resolve_double_colons (reader, g_ptr_array_index (parent->children, i));
}

gboolean
pl_codebook_read_xml (PlCodebookReader  *reader,
                      const char        *data,
                      gsize              length,
                      GError           **error)
{
  xmlDocPtr document;
  xmlNode *root, *codebook, *codes, *sets;
  g_autofree char *origin = NULL;

  document = pl_xml_parse (data, length, reader->display_name, NULL, error);
  if (document == NULL)
    return FALSE;

  root = xmlDocGetRootElement (document);
  if (root != NULL && pl_xml_is_element (root, NULL, "CodeBook"))
    codebook = root;
  else if (root != NULL && pl_xml_is_element (root, NULL, "Project"))
    codebook = pl_xml_first_child (root, "CodeBook");
  else
    {
      g_set_error (error, PL_IMPORT_ERROR, PL_IMPORT_ERROR_UNSUPPORTED,
                   _("“%s” is neither a REFI-QDA codebook nor a REFI-QDA project."), reader->display_name);
      xmlFreeDoc (document);
      return FALSE;
    }

  origin = pl_xml_dup_attribute (root, "origin");
  reader->plenary_origin = origin != NULL && g_str_has_prefix (origin, "Plenary");

  codes = codebook != NULL ? pl_xml_first_child (codebook, "Codes") : NULL;
  if (codes != NULL)
    read_qdc_codes (reader, codes, reader->root);

  sets = codebook != NULL ? pl_xml_first_child (codebook, "Sets") : NULL;
  for (xmlNode *node = sets != NULL ? sets->children : NULL; node != NULL; node = node->next)
    if (pl_xml_is_element (node, NULL, "Set"))
      reader->n_sets++;
  xmlFreeDoc (document);

  if (!reader->plenary_origin)
    resolve_double_colons (reader, reader->root);

  if (reader->root->children->len == 1 && is_wrapper (g_ptr_array_index (reader->root->children, 0)))
    {
      PlCodebookEntry *wrapper = g_ptr_array_steal_index (reader->root->children, 0);

      pl_codebook_report (reader, _("Left out “%s”, a folder that only wrapped all the other codes."), wrapper->name);
      g_ptr_array_extend_and_steal (reader->root->children, g_steal_pointer (&wrapper->children));
      wrapper->children = g_ptr_array_new ();
      pl_codebook_entry_free (wrapper);
    }
  return TRUE;
}

/* The .qde inside a .qdpx: the one at the top of the zip, else the first anywhere. */
GBytes *
pl_codebook_read_qdpx (PlCodebookReader  *reader,
                       const char        *data,
                       gsize              length,
                       GError           **error)
{
  struct archive *archive = archive_read_new ();
  struct archive_entry *entry;
  GBytes *found = NULL;
  gboolean top = FALSE;

  archive_read_support_format_zip (archive);
  if (archive_read_open_memory (archive, data, length) != ARCHIVE_OK)
    {
      g_set_error (error, PL_IMPORT_ERROR, PL_IMPORT_ERROR_MALFORMED,
                   _("“%s” is not a readable zip archive."), reader->display_name);
      archive_read_free (archive);
      return NULL;
    }

  while (archive_read_next_header (archive, &entry) == ARCHIVE_OK)
    {
      const char *path = archive_entry_pathname (entry);
      g_autofree char *lower = path != NULL ? g_ascii_strdown (path, -1) : NULL;
      gboolean at_top;
      GByteArray *bytes;
      char buffer[16384];
      la_ssize_t n;

      if (lower == NULL || !g_str_has_suffix (lower, ".qde") || (found != NULL && top))
        continue;
      at_top = strchr (lower, '/') == NULL;
      if (found != NULL && !at_top)
        continue;

      bytes = g_byte_array_new ();
      while ((n = archive_read_data (archive, buffer, sizeof buffer)) > 0)
        {
          if (bytes->len + (gsize) n > PL_LIMIT_ARCHIVE_ENTRY_BYTES)
            {
              g_set_error (error, PL_IMPORT_ERROR, PL_IMPORT_ERROR_TOO_LARGE,
                           _("The project inside “%s” is too large to read."), reader->display_name);
              g_byte_array_unref (bytes);
              g_clear_pointer (&found, g_bytes_unref);
              archive_read_free (archive);
              return NULL;
            }
          g_byte_array_append (bytes, (const guint8 *) buffer, n);
        }
      if (n < 0)
        {
          g_set_error (error, PL_IMPORT_ERROR, PL_IMPORT_ERROR_MALFORMED,
                       _("“%s” is damaged: %s"), reader->display_name, archive_error_string (archive));
          g_byte_array_unref (bytes);
          g_clear_pointer (&found, g_bytes_unref);
          archive_read_free (archive);
          return NULL;
        }
      g_clear_pointer (&found, g_bytes_unref);
      found = g_byte_array_free_to_bytes (bytes);
      top = at_top;
    }
  archive_read_free (archive);

  if (found == NULL)
    g_set_error (error, PL_IMPORT_ERROR, PL_IMPORT_ERROR_MALFORMED,
                 _("“%s” holds no REFI-QDA project (.qde)."), reader->display_name);
  return found;
}
