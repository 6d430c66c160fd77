/* pl-codebook-exchange.c — the codebook in and out: JSON, CSV, REFI-QDA, Markdown, HTML
 *
 * Every format is read into, or written from, one small tree of entries; planning an
 * import compares that tree with the project's codes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "plenary-codebook-exchange"

#include "config.h"

#include <archive.h>
#include <archive_entry.h>
#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlwriter.h>
#include <string.h>

#include "pl-codebook.h"
#include "pl-codebook-edit.h"
#include "pl-codebook-exchange.h"
#include "pl-error.h"
#include "pl-json.h"
#include "pl-importer.h"
#include "pl-text.h"
#include "pl-xml.h"

#define QDC_NAMESPACE "urn:QDA-XML:codebook:1.0"

/* Labels of the cues inside a REFI-QDA Description; not translated, so that any
 * Plenary reads them back. */
static const char *cue_labels[] = { "Include", "Exclude", "Example", "Id" };

/* Entries */

typedef struct _Entry Entry;

struct _Entry
{
  char      *guid;
  char      *short_id;
  char      *name;
  char      *color;
  char      *color_dark;
  char      *shortcut;
  char      *definition;
  char      *inclusion;
  char      *exclusion;
  char      *example;
  int        codable;        /* -1: not given */
  guint      n_annotations;  /* uses, for exports */
  GPtrArray *children;       /* Entry */
};

static void
entry_free (Entry *entry)
{
  if (entry == NULL)
    return;
  g_free (entry->guid);
  g_free (entry->short_id);
  g_free (entry->name);
  g_free (entry->color);
  g_free (entry->color_dark);
  g_free (entry->shortcut);
  g_free (entry->definition);
  g_free (entry->inclusion);
  g_free (entry->exclusion);
  g_free (entry->example);
  g_ptr_array_unref (entry->children);
  g_free (entry);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Entry, entry_free)

static Entry *
entry_new (void)
{
  Entry *entry = g_new0 (Entry, 1);

  entry->codable = -1;
  entry->children = g_ptr_array_new_with_free_func ((GDestroyNotify) entry_free);
  return entry;
}

/* NULL for NULL, blank or invalid text; as stored (LF, NFC) and trimmed otherwise. */
static char *
clean_text (const char *text)
{
  char *copy;

  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    return NULL;
  copy = g_strstrip (pl_text_normalize (text, -1));
  if (copy[0] == '\0')
    g_clear_pointer (&copy, g_free);
  return copy;
}

static guint
entry_total_uses (const Entry *entry)
{
  guint total = entry->n_annotations;

  for (guint i = 0; i < entry->children->len; i++)
    total += entry_total_uses (g_ptr_array_index (entry->children, i));
  return total;
}

static guint
entry_count (const Entry *entry)
{
  guint n = entry->children->len;

  for (guint i = 0; i < entry->children->len; i++)
    n += entry_count (g_ptr_array_index (entry->children, i));
  return n;
}

/* The project's codebook as a tree under an unnamed root. */
static Entry *
snapshot (PlProject *project)
{
  GListModel *codes = pl_project_get_codes (project);
  g_autoptr(GPtrArray) stack = g_ptr_array_new ();
  Entry *root = entry_new ();
  guint n = g_list_model_get_n_items (codes);

  g_ptr_array_add (stack, root);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PlCode) code = g_list_model_get_item (codes, i);
      guint depth = pl_code_get_depth (code);
      Entry *entry = entry_new ();
      Entry *parent;

      if (stack->len > depth + 1)
        g_ptr_array_set_size (stack, depth + 1);
      parent = g_ptr_array_index (stack, stack->len - 1);

      entry->guid = g_strdup (pl_code_get_guid (code));
      entry->short_id = g_strdup (pl_code_get_short_id (code));
      entry->name = g_strdup (pl_code_get_name (code));
      entry->color = g_strdup (pl_code_get_color (code));
      entry->color_dark = g_strdup (pl_code_get_color_dark (code));
      entry->shortcut = g_strdup (pl_code_get_shortcut (code));
      entry->definition = g_strdup (pl_code_get_definition (code));
      entry->inclusion = g_strdup (pl_code_get_inclusion (code));
      entry->exclusion = g_strdup (pl_code_get_exclusion (code));
      entry->example = g_strdup (pl_code_get_example (code));
      entry->codable = pl_code_get_codable (code);
      entry->n_annotations = pl_code_get_n_annotations (code);
      g_ptr_array_add (parent->children, entry);
      g_ptr_array_add (stack, entry);
    }
  return root;
}

/* Formats */

static const struct
{
  const char       *name;
  PlCodebookFormat  format;
} format_names[] = {
  { "json", PL_CODEBOOK_FORMAT_JSON },
  { "csv", PL_CODEBOOK_FORMAT_CSV },
  { "qdc", PL_CODEBOOK_FORMAT_QDC },
  { "md", PL_CODEBOOK_FORMAT_MARKDOWN },
  { "markdown", PL_CODEBOOK_FORMAT_MARKDOWN },
  { "html", PL_CODEBOOK_FORMAT_HTML },
};

gboolean
pl_codebook_format_from_string (const char       *name,
                                PlCodebookFormat *out_format)
{
  g_return_val_if_fail (name != NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (format_names); i++)
    if (g_ascii_strcasecmp (name, format_names[i].name) == 0)
      {
        if (out_format != NULL)
          *out_format = format_names[i].format;
        return TRUE;
      }
  return FALSE;
}

const char *
pl_codebook_format_get_extension (PlCodebookFormat format)
{
  for (guint i = 0; i < G_N_ELEMENTS (format_names); i++)
    if (format_names[i].format == format)
      return format_names[i].name;
  g_return_val_if_reached ("json");
}

/* Writers */

static GBytes *
write_json (PlProject *project)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = pl_codebook_to_json (project);
  g_autofree char *data = NULL;
  GString *out;

  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);
  json_generator_set_root (generator, root);
  data = json_generator_to_data (generator, NULL);
  out = g_string_new (data);
  g_string_append_c (out, '\n');
  return g_string_free_to_bytes (out);
}

static void
csv_field (GString    *out,
           const char *value)
{
  if (value == NULL)
    return;
  if (value[strcspn (value, ",\"\r\n")] == '\0' && !g_ascii_isspace (value[0])
      && (value[0] == '\0' || !g_ascii_isspace (value[strlen (value) - 1])))
    {
      g_string_append (out, value);
      return;
    }
  g_string_append_c (out, '"');
  for (const char *p = value; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

static const char *csv_columns[] = {
  "path", "id", "name", "definition", "inclusion", "exclusion", "example", "color",
  "color_dark", "shortcut", "codable", "guid",
};

static void
write_csv_entries (GString     *out,
                   const Entry *parent,
                   const char  *parent_path)
{
  for (guint i = 0; i < parent->children->len; i++)
    {
      const Entry *entry = g_ptr_array_index (parent->children, i);
      g_autofree char *path = parent_path != NULL ? g_strconcat (parent_path, " / ", entry->name, NULL)
                                                  : g_strdup (entry->name);
      const char *values[] = {
        path, entry->short_id, entry->name, entry->definition, entry->inclusion,
        entry->exclusion, entry->example, entry->color, entry->color_dark, entry->shortcut,
        entry->codable ? "true" : "false", entry->guid,
      };

      for (guint c = 0; c < G_N_ELEMENTS (values); c++)
        {
          if (c > 0)
            g_string_append_c (out, ',');
          csv_field (out, values[c]);
        }
      g_string_append (out, "\r\n");
      write_csv_entries (out, entry, path);
    }
}

static GBytes *
write_csv (const Entry *root)
{
  GString *out = g_string_new (NULL);

  for (guint c = 0; c < G_N_ELEMENTS (csv_columns); c++)
    g_string_append_printf (out, "%s%s", c > 0 ? "," : "", csv_columns[c]);
  g_string_append (out, "\r\n");
  write_csv_entries (out, root, NULL);
  return g_string_free_to_bytes (out);
}

/* The definition, then one labelled line (or paragraph) per cue. */
static char *
compose_description (const Entry *entry)
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
write_qdc_code (xmlTextWriterPtr  writer,
                const Entry      *entry,
                GHashTable       *guids,
                GError          **error)
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

static GBytes *
write_qdc (const Entry  *root,
           GError      **error)
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

/* Markdown */

static void
md_escape (GString    *out,
           const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    {
      if (strchr ("\\`*_[]<>|", *p) != NULL
          || (*p == '#' && (p == text || p[-1] == '\n')))
        g_string_append_c (out, '\\');
      g_string_append_c (out, *p);
    }
}

/* A paragraph of @text: its line breaks kept as Markdown hard breaks. */
static void
md_paragraph (GString    *out,
              const char *label,
              const char *text,
              gboolean    quote)
{
  g_auto(GStrv) lines = NULL;

  if (text == NULL)
    return;
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      if (quote)
        g_string_append (out, "> ");
      if (i == 0 && label != NULL)
        g_string_append_printf (out, "**%s** ", label);
      md_escape (out, lines[i]);
      g_string_append (out, lines[i + 1] != NULL ? "  \n" : "\n");
    }
  g_string_append_c (out, '\n');
}

static void
write_md_entries (GString     *out,
                  const Entry *parent,
                  guint        depth)
{
  for (guint i = 0; i < parent->children->len; i++)
    {
      const Entry *entry = g_ptr_array_index (parent->children, i);
      guint level = MIN (depth + 2, 6);
      guint total = entry_total_uses (entry);

      for (guint h = 0; h < level; h++)
        g_string_append_c (out, '#');
      g_string_append_c (out, ' ');
      if (entry->short_id != NULL)
        {
          md_escape (out, entry->short_id);
          g_string_append (out, " · ");
        }
      md_escape (out, entry->name);
      g_string_append (out, "\n\n");

      g_string_append_printf (out, "- %s %u", _("Uses:"), entry->n_annotations);
      if (total != entry->n_annotations)
        g_string_append_printf (out, " (%s %u)", _("with sub-codes:"), total);
      g_string_append_c (out, '\n');
      g_string_append_printf (out, "- %s `%s` · %s `%s`\n", _("Colour:"), entry->color,
                              _("dark style:"), entry->color_dark != NULL ? entry->color_dark : entry->color);
      if (entry->shortcut != NULL)
        g_string_append_printf (out, "- %s `%s`\n", _("Shortcut:"), entry->shortcut);
      if (!entry->codable)
        g_string_append_printf (out, "- %s\n", _("A folder: it groups codes and is not applied to text."));
      g_string_append_c (out, '\n');

      md_paragraph (out, NULL, entry->definition, FALSE);
      md_paragraph (out, _("Include:"), entry->inclusion, FALSE);
      md_paragraph (out, _("Exclude:"), entry->exclusion, FALSE);
      md_paragraph (out, _("Example:"), entry->example, TRUE);

      write_md_entries (out, entry, depth + 1);
    }
}

static void
write_md_overview (GString     *out,
                   const Entry *parent,
                   guint        depth)
{
  for (guint i = 0; i < parent->children->len; i++)
    {
      const Entry *entry = g_ptr_array_index (parent->children, i);

      g_string_append (out, "| ");
      if (entry->short_id != NULL)
        md_escape (out, entry->short_id);
      g_string_append (out, " | ");
      for (guint d = 0; d < depth; d++)
        g_string_append (out, "  ");
      md_escape (out, entry->name);
      g_string_append_printf (out, " | %u |\n", entry->n_annotations);
      write_md_overview (out, entry, depth + 1);
    }
}

static char *
today (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  return g_date_time_format (now, "%Y-%m-%d");
}

static GBytes *
write_markdown (PlProject   *project,
                const Entry *root)
{
  g_autofree char *title = pl_project_dup_title (project);
  g_autofree char *date = today ();
  GString *out = g_string_new ("# ");

  md_escape (out, title);
  g_string_append (out, "\n\n");
  g_string_append_printf (out, _("Codebook of %u codes, version %u, exported from Plenary on %s; %u annotations."),
                          entry_count (root), pl_codebook_get_version (project), date, entry_total_uses (root));
  g_string_append (out, "\n\n");

  g_string_append_printf (out, "| %s | %s | %s |\n|---|---|---:|\n", _("Id"), _("Code"), _("Uses"));
  write_md_overview (out, root, 0);
  g_string_append_c (out, '\n');

  write_md_entries (out, root, 0);
  return g_string_free_to_bytes (out);
}

/* HTML */

static void
html_escape (GString    *out,
             const char *text)
{
  g_autofree char *escaped = g_markup_escape_text (text, -1);

  g_string_append (out, escaped);
}

static void
html_text (GString    *out,
           const char *text)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      if (i > 0)
        g_string_append (out, "<br>");
      html_escape (out, lines[i]);
    }
}

static void
html_cue (GString    *out,
          const char *css_class,
          const char *label,
          const char *text)
{
  if (text == NULL)
    return;
  g_string_append_printf (out, "<p class=\"%s\">", css_class);
  if (label != NULL)
    {
      g_string_append (out, "<strong>");
      html_escape (out, label);
      g_string_append (out, "</strong> ");
    }
  html_text (out, text);
  g_string_append (out, "</p>\n");
}

static void
write_html_entries (GString     *out,
                    const Entry *parent,
                    guint        depth)
{
  for (guint i = 0; i < parent->children->len; i++)
    {
      const Entry *entry = g_ptr_array_index (parent->children, i);
      g_autofree char *light = pl_codebook_normalize_color (entry->color, NULL);
      g_autofree char *dark = pl_codebook_normalize_color (entry->color_dark, NULL);
      guint level = MIN (depth + 2, 6);
      guint total = entry_total_uses (entry);

      g_string_append_printf (out, "<section class=\"code depth-%u\"", MIN (depth, 5));
      if (entry->short_id != NULL)
        {
          g_string_append (out, " id=\"");
          html_escape (out, entry->short_id);
          g_string_append_c (out, '"');
        }
      g_string_append_printf (out, ">\n<h%u>", level);
      g_string_append_printf (out, "<span class=\"swatch\" style=\"background:%s\" title=\"%s\"></span>",
                              light != NULL ? light : "#999999", light != NULL ? light : "");
      if (entry->short_id != NULL)
        {
          g_string_append (out, "<span class=\"short-id\">");
          html_escape (out, entry->short_id);
          g_string_append (out, "</span> ");
        }
      html_escape (out, entry->name);
      g_string_append_printf (out, "</h%u>\n<p class=\"meta\">", level);
      g_string_append_printf (out, "%s %u", _("Uses:"), entry->n_annotations);
      if (total != entry->n_annotations)
        g_string_append_printf (out, " (%s %u)", _("with sub-codes:"), total);
      g_string_append_printf (out, " · %s <code>%s</code> <span class=\"swatch dark\" style=\"background:%s\"></span> %s <code>%s</code>",
                              _("colour"), light != NULL ? light : "", dark != NULL ? dark : "#999999",
                              _("dark style"), dark != NULL ? dark : "");
      if (entry->shortcut != NULL)
        {
          g_string_append_printf (out, " · %s <kbd>", _("shortcut"));
          html_escape (out, entry->shortcut);
          g_string_append (out, "</kbd>");
        }
      if (!entry->codable)
        g_string_append_printf (out, " · <em>%s</em>", _("folder, not applied to text"));
      g_string_append (out, "</p>\n");

      html_cue (out, "definition", NULL, entry->definition);
      html_cue (out, "cue", _("Include:"), entry->inclusion);
      html_cue (out, "cue", _("Exclude:"), entry->exclusion);
      if (entry->example != NULL)
        {
          g_string_append (out, "<blockquote class=\"example\">");
          html_text (out, entry->example);
          g_string_append (out, "</blockquote>\n");
        }
      write_html_entries (out, entry, depth + 1);
      g_string_append (out, "</section>\n");
    }
}

static void
write_html_overview (GString     *out,
                     const Entry *parent,
                     guint        depth)
{
  for (guint i = 0; i < parent->children->len; i++)
    {
      const Entry *entry = g_ptr_array_index (parent->children, i);
      g_autofree char *light = pl_codebook_normalize_color (entry->color, NULL);

      g_string_append (out, "<tr><td>");
      if (entry->short_id != NULL)
        html_escape (out, entry->short_id);
      g_string_append_printf (out, "</td><td style=\"padding-left:%.1fem\">", 0.4 + depth * 1.2);
      g_string_append_printf (out, "<span class=\"swatch\" style=\"background:%s\"></span>",
                              light != NULL ? light : "#999999");
      html_escape (out, entry->name);
      g_string_append_printf (out, "</td><td class=\"num\">%u</td></tr>\n", entry->n_annotations);
      write_html_overview (out, entry, depth + 1);
    }
}

static const char html_style[] =
  "body { font: 11pt/1.45 \"Source Serif 4\", Georgia, serif; color: #1e1e1e; max-width: 46em;"
  " margin: 2em auto; padding: 0 1em; }\n"
  "h1 { font-size: 1.6em; margin-bottom: 0.2em; }\n"
  "h2, h3, h4, h5, h6 { font-family: system-ui, sans-serif; margin: 1.2em 0 0.3em; }\n"
  "h2 { font-size: 1.25em; border-bottom: 1px solid #ccc; padding-bottom: 0.2em; }\n"
  "h3 { font-size: 1.1em; } h4, h5, h6 { font-size: 1em; }\n"
  ".summary, .meta { color: #555; font-size: 0.9em; }\n"
  ".meta { margin: 0 0 0.4em; }\n"
  ".short-id { font-family: ui-monospace, monospace; font-weight: normal; color: #444; }\n"
  ".swatch { display: inline-block; width: 0.85em; height: 0.85em; border-radius: 2px;"
  " border: 1px solid rgba(0, 0, 0, 0.35); margin-right: 0.4em; vertical-align: -0.05em;"
  " -webkit-print-color-adjust: exact; print-color-adjust: exact; }\n"
  ".swatch.dark { margin: 0 0.2em 0 0.4em; }\n"
  "section.code { margin-left: 0; }\n"
  "section.code section.code { margin-left: 1.2em; }\n"
  ".definition { margin: 0.3em 0; }\n"
  ".cue { margin: 0.2em 0; }\n"
  "blockquote.example { margin: 0.4em 0 0.6em; padding: 0.2em 0.8em; border-left: 3px solid #bbb;"
  " font-style: italic; color: #333; }\n"
  "table { border-collapse: collapse; margin: 1em 0 2em; font-size: 0.9em; }\n"
  "th, td { border-bottom: 1px solid #ddd; padding: 0.15em 0.6em; text-align: left; vertical-align: top; }\n"
  "td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }\n"
  "code, kbd { font-family: ui-monospace, monospace; font-size: 0.9em; }\n"
  "kbd { border: 1px solid #bbb; border-radius: 3px; padding: 0 0.3em; }\n"
  "@media print {\n"
  "  body { margin: 0; max-width: none; font-size: 10pt; }\n"
  "  section.code { break-inside: avoid; }\n"
  "  h2, h3, h4 { break-after: avoid; }\n"
  "  table { break-after: page; }\n"
  "}\n";

static GBytes *
write_html (PlProject   *project,
            const Entry *root)
{
  g_autofree char *title = pl_project_dup_title (project);
  g_autofree char *date = today ();
  g_autofree char *summary = NULL;
  GString *out = g_string_new ("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");

  g_string_append (out, "<meta name=\"generator\" content=\"Plenary " PACKAGE_VERSION "\">\n<title>");
  html_escape (out, title);
  g_string_append_printf (out, "</title>\n<style>\n%s</style>\n</head>\n<body>\n<h1>", html_style);
  html_escape (out, title);
  g_string_append (out, "</h1>\n<p class=\"summary\">");
  summary = g_strdup_printf (_("Codebook of %u codes, version %u, exported from Plenary on %s; %u annotations."),
                             entry_count (root), pl_codebook_get_version (project), date, entry_total_uses (root));
  html_escape (out, summary);
  g_string_append_printf (out, "</p>\n<table>\n<thead><tr><th>%s</th><th>%s</th><th class=\"num\">%s</th></tr></thead>\n<tbody>\n",
                          _("Id"), _("Code"), _("Uses"));
  write_html_overview (out, root, 0);
  g_string_append (out, "</tbody>\n</table>\n");
  write_html_entries (out, root, 0);
  g_string_append (out, "</body>\n</html>\n");
  return g_string_free_to_bytes (out);
}

GBytes *
pl_codebook_export_bytes (PlProject         *project,
                          PlCodebookFormat   format,
                          GError           **error)
{
  g_autoptr(Entry) root = NULL;

  g_return_val_if_fail (PL_IS_PROJECT (project), NULL);

  if (format == PL_CODEBOOK_FORMAT_JSON)
    return write_json (project);

  root = snapshot (project);
  switch (format)
    {
    case PL_CODEBOOK_FORMAT_CSV:
      return write_csv (root);
    case PL_CODEBOOK_FORMAT_QDC:
      return write_qdc (root, error);
    case PL_CODEBOOK_FORMAT_MARKDOWN:
      return write_markdown (project, root);
    case PL_CODEBOOK_FORMAT_HTML:
      return write_html (project, root);
    case PL_CODEBOOK_FORMAT_JSON:
    default:
      g_return_val_if_reached (NULL);
    }
}

static void
set_write_error (GFile   *destination,
                 GError **error,
                 GError  *io_error)
{
  g_autofree char *name = g_file_get_parse_name (destination);
  const char *reason = io_error->message;

  if (io_error->domain == G_IO_ERROR)
    switch (io_error->code)
      {
      case G_IO_ERROR_NOT_FOUND:
        reason = _("the folder does not exist");
        break;
      case G_IO_ERROR_PERMISSION_DENIED:
        reason = _("permission denied");
        break;
      case G_IO_ERROR_NO_SPACE:
        reason = _("the disk is full");
        break;
      case G_IO_ERROR_IS_DIRECTORY:
        reason = _("it is a folder");
        break;
      case G_IO_ERROR_READ_ONLY:
        reason = _("the disk is read-only");
        break;
      default:
        break;
      }
  g_set_error (error, PL_EXPORT_ERROR, PL_EXPORT_ERROR_WRITE, _("Could not write “%s”: %s."), name, reason);
}

gboolean
pl_codebook_export (PlProject         *project,
                    PlCodebookFormat   format,
                    GFile             *destination,
                    GCancellable      *cancellable,
                    GError           **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GFileOutputStream) placeholder = NULL;
  g_autoptr(GFileOutputStream) stream = NULL;
  g_autoptr(GError) local_error = NULL;
  gboolean created = FALSE;
  gsize size;
  const void *data;

  g_return_val_if_fail (PL_IS_PROJECT (project), FALSE);
  g_return_val_if_fail (G_IS_FILE (destination), FALSE);

  bytes = pl_codebook_export_bytes (project, format, error);
  if (bytes == NULL)
    return FALSE;
  data = g_bytes_get_data (bytes, &size);

  /* GIO writes a file that does not exist yet in place: an empty placeholder first makes
   * g_file_replace() go through a temporary file renamed over it. */
  placeholder = g_file_create (destination, G_FILE_CREATE_NONE, cancellable, &local_error);
  if (placeholder != NULL)
    {
      created = TRUE;
      if (!g_output_stream_close (G_OUTPUT_STREAM (placeholder), cancellable, &local_error))
        goto failed;
    }
  else if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_EXISTS))
    g_clear_error (&local_error);
  else
    goto failed;

  stream = g_file_replace (destination, NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION,
                           cancellable, &local_error);
  if (stream == NULL)
    goto failed;
  if (!g_output_stream_write_all (G_OUTPUT_STREAM (stream), data, size, NULL, cancellable, &local_error))
    {
      g_autoptr(GCancellable) cancelled = g_cancellable_new ();

      /* Closing with a cancelled cancellable drops the temporary file. */
      g_cancellable_cancel (cancelled);
      g_output_stream_close (G_OUTPUT_STREAM (stream), cancelled, NULL);
      goto failed;
    }
  if (!g_output_stream_close (G_OUTPUT_STREAM (stream), cancellable, &local_error))
    goto failed;
  return TRUE;

failed:
  if (created)
    g_file_delete (destination, NULL, NULL);
  if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_propagate_error (error, g_steal_pointer (&local_error));
  else
    set_write_error (destination, error, local_error);
  return FALSE;
}

/* Readers */

typedef struct
{
  const char *display_name;
  Entry      *root;
  GPtrArray  *report;          /* char* */
  gboolean    plenary_origin;  /* written by Plenary: "::" is part of a name */
  guint       n_alpha;
  guint       n_bad_color;
  guint       n_no_codable;
  guint       n_bad_codable;
  guint       n_unnamed;
  guint       n_sets;
} Reader;

static void
report (Reader     *reader,
        const char *format,
        ...) G_GNUC_PRINTF (2, 3);

static void
report (Reader     *reader,
        const char *format,
        ...)
{
  va_list args;

  va_start (args, format);
  g_ptr_array_add (reader->report, g_strdup_vprintf (format, args));
  va_end (args);
}

/* A colour as stored, or NULL (counted) when it cannot be read. */
static char *
read_color (Reader     *reader,
            const char *value)
{
  gboolean alpha = FALSE;
  char *color;

  if (value == NULL || value[0] == '\0')
    return NULL;
  color = pl_codebook_normalize_color (value, &alpha);
  if (color == NULL)
    reader->n_bad_color++;
  else if (alpha)
    reader->n_alpha++;
  return color;
}

/* "true", "1" (any case) and "false", "0"; -1 for anything else. */
static int
read_boolean (const char *value)
{
  g_autofree char *trimmed = clean_text (value);

  if (trimmed == NULL)
    return -1;
  if (g_ascii_strcasecmp (trimmed, "true") == 0 || g_str_equal (trimmed, "1")
      || g_ascii_strcasecmp (trimmed, "yes") == 0)
    return TRUE;
  if (g_ascii_strcasecmp (trimmed, "false") == 0 || g_str_equal (trimmed, "0")
      || g_ascii_strcasecmp (trimmed, "no") == 0)
    return FALSE;
  return -2;
}

/* "{1FF58B12-…}" → "1ff58b12-…"; NULL when it is not a GUID. */
static char *
read_guid (const char *value)
{
  g_autofree char *trimmed = clean_text (value);
  gsize len;

  if (trimmed == NULL)
    return NULL;
  len = strlen (trimmed);
  if (len == 38 && trimmed[0] == '{' && trimmed[37] == '}')
    {
      memmove (trimmed, trimmed + 1, 36);
      trimmed[36] = '\0';
    }
  if (!g_uuid_string_is_valid (trimmed))
    return NULL;
  return g_ascii_strdown (trimmed, -1);
}

static void
finish_report (Reader *reader)
{
  if (reader->n_alpha > 0)
    report (reader, g_dngettext (GETTEXT_PACKAGE,
                                 "The transparency of %u colour was left out.",
                                 "The transparency of %u colours was left out.", reader->n_alpha),
            reader->n_alpha);
  if (reader->n_bad_color > 0)
    report (reader, g_dngettext (GETTEXT_PACKAGE,
                                 "%u colour could not be read; the code takes a colour of Plenary’s palette.",
                                 "%u colours could not be read; the codes take colours of Plenary’s palette.",
                                 reader->n_bad_color),
            reader->n_bad_color);
  if (reader->n_no_codable > 0)
    report (reader, g_dngettext (GETTEXT_PACKAGE,
                                 "%u code did not say whether it can be applied; it can.",
                                 "%u codes did not say whether they can be applied; they can.",
                                 reader->n_no_codable),
            reader->n_no_codable);
  if (reader->n_bad_codable > 0)
    report (reader, g_dngettext (GETTEXT_PACKAGE,
                                 "%u code had an unreadable isCodable value; it can be applied.",
                                 "%u codes had an unreadable isCodable value; they can be applied.",
                                 reader->n_bad_codable),
            reader->n_bad_codable);
  if (reader->n_unnamed > 0)
    report (reader, g_dngettext (GETTEXT_PACKAGE,
                                 "%u code without a name was left out, with its sub-codes.",
                                 "%u codes without a name were left out, with their sub-codes.",
                                 reader->n_unnamed),
            reader->n_unnamed);
  if (reader->n_sets > 0)
    report (reader, g_dngettext (GETTEXT_PACKAGE,
                                 "%u code set was not kept: Plenary has no code sets.",
                                 "%u code sets were not kept: Plenary has no code sets.",
                                 reader->n_sets),
            reader->n_sets);
}

/* Splits a REFI-QDA Description into the definition and the labelled cues. */
static void
parse_description (Entry      *entry,
                   const char *text)
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
  entry->definition = clean_text (definition->str);
  for (guint c = 0; c < G_N_ELEMENTS (cue_labels); c++)
    if (cues[c] != NULL)
      {
        g_free (*fields[c]);
        *fields[c] = clean_text (cues[c]->str);
        g_string_free (cues[c], TRUE);
      }
}

/* JSON */

static void
read_json_codes (Reader    *reader,
                 JsonArray *codes,
                 Entry     *parent)
{
  for (guint i = 0; i < json_array_get_length (codes); i++)
    {
      JsonNode *node = json_array_get_element (codes, i);
      JsonObject *object;
      JsonNode *children;
      JsonNode *codable;
      Entry *entry;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        {
          reader->n_unnamed++;
          continue;
        }
      object = json_node_get_object (node);

      entry = entry_new ();
      entry->name = clean_text (pl_json_member_string (object, "name"));
      if (entry->name == NULL)
        {
          reader->n_unnamed++;
          entry_free (entry);
          continue;
        }
      if (pl_json_member_string (object, "guid") != NULL)
        {
          entry->guid = read_guid (pl_json_member_string (object, "guid"));
          if (entry->guid == NULL)
            report (reader, _("The code “%s” had an invalid GUID; it gets a new one."), entry->name);
        }
      entry->short_id = clean_text (pl_json_member_string (object, "id"));
      entry->color = read_color (reader, pl_json_member_string (object, "color"));
      entry->color_dark = read_color (reader, pl_json_member_string (object, "color_dark"));
      entry->shortcut = clean_text (pl_json_member_string (object, "shortcut"));
      entry->definition = clean_text (pl_json_member_string (object, "definition"));
      entry->inclusion = clean_text (pl_json_member_string (object, "inclusion"));
      entry->exclusion = clean_text (pl_json_member_string (object, "exclusion"));
      entry->example = clean_text (pl_json_member_string (object, "example"));
      codable = json_object_get_member (object, "codable");
      if (codable != NULL && JSON_NODE_HOLDS_VALUE (codable)
          && json_node_get_value_type (codable) == G_TYPE_BOOLEAN)
        entry->codable = json_node_get_boolean (codable);
      g_ptr_array_add (parent->children, entry);

      children = json_object_get_member (object, "children");
      if (children != NULL && JSON_NODE_HOLDS_ARRAY (children))
        read_json_codes (reader, json_node_get_array (children), entry);
    }
}

static gboolean
read_json (Reader      *reader,
           const char  *data,
           gsize        length,
           GError     **error)
{
  g_autoptr(JsonNode) root = NULL;
  JsonObject *object;
  JsonNode *codes;

  root = pl_json_parse (data, length, reader->display_name, error);
  if (root == NULL)
    return FALSE;

  object = root != NULL && JSON_NODE_HOLDS_OBJECT (root) ? json_node_get_object (root) : NULL;
  codes = object != NULL ? json_object_get_member (object, "codes") : NULL;
  if (object == NULL || g_strcmp0 (pl_json_member_string (object, "format"), "plenary-codebook") != 0
      || codes == NULL || !JSON_NODE_HOLDS_ARRAY (codes))
    {
      g_set_error (error, PL_IMPORT_ERROR, PL_IMPORT_ERROR_MALFORMED,
                   _("“%s” is not a Plenary codebook: its JSON has no \"format\": \"plenary-codebook\" with a list of codes."),
                   reader->display_name);
      return FALSE;
    }
  if (json_object_get_int_member_with_default (object, "version", 1) > 1)
    {
      g_set_error (error, PL_IMPORT_ERROR, PL_IMPORT_ERROR_UNSUPPORTED,
                   _("“%s” was written by a newer version of Plenary."), reader->display_name);
      return FALSE;
    }

  reader->plenary_origin = TRUE;
  read_json_codes (reader, json_node_get_array (codes), reader->root);
  return TRUE;
}

/* CSV */

/* RFC 4180 records (GStrv each); @separator is ',', ';' or a tab. */
static GPtrArray *
parse_csv (Reader      *reader,
           const char  *text,
           char         separator,
           GError     **error)
{
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  g_autoptr(GPtrArray) fields = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) field = g_string_new (NULL);
  const char *p = text;
  guint line = 1;

  while (*p != '\0')
    {
      if (*p == '"' && field->len == 0)
        {
          guint start_line = line;

          p++;
          for (;;)
            {
              if (*p == '\0')
                {
                  g_set_error (error, PL_IMPORT_ERROR, PL_IMPORT_ERROR_MALFORMED,
                               _("“%s”: the quoted value that starts on line %u is not closed."),
                               reader->display_name, start_line);
                  return NULL;
                }
              if (*p == '"' && p[1] == '"')
                {
                  g_string_append_c (field, '"');
                  p += 2;
                  continue;
                }
              if (*p == '"')
                {
                  p++;
                  break;
                }
              if (*p == '\n')
                line++;
              if (*p == '\r' && p[1] == '\n')
                {
                  p++;
                  continue;
                }
              g_string_append_c (field, *p++);
            }
          continue;
        }

      if (*p == separator)
        {
          g_ptr_array_add (fields, g_strdup (field->str));
          g_string_truncate (field, 0);
          p++;
          continue;
        }

      if (*p == '\r' || *p == '\n')
        {
          g_ptr_array_add (fields, g_strdup (field->str));
          g_string_truncate (field, 0);
          g_ptr_array_add (fields, NULL);
          g_ptr_array_add (records, g_ptr_array_free (g_steal_pointer (&fields), FALSE));
          fields = g_ptr_array_new_with_free_func (g_free);
          if (*p == '\r' && p[1] == '\n')
            p++;
          p++;
          line++;
          continue;
        }

      g_string_append_c (field, *p++);
    }

  if (field->len > 0 || fields->len > 0)
    {
      g_ptr_array_add (fields, g_strdup (field->str));
      g_ptr_array_add (fields, NULL);
      g_ptr_array_add (records, g_ptr_array_free (g_steal_pointer (&fields), FALSE));
    }
  return g_steal_pointer (&records);
}

static gboolean
is_blank_record (char **record)
{
  for (guint i = 0; record[i] != NULL; i++)
    {
      g_autofree char *value = clean_text (record[i]);

      if (value != NULL)
        return FALSE;
    }
  return TRUE;
}

static const char *
csv_value (char  **record,
           int     column)
{
  if (column < 0 || (guint) column >= g_strv_length (record))
    return NULL;
  return record[column];
}

/* The entry at @path, made (as a folder, reported) when no row gave it. */
static Entry *
csv_parent (Reader     *reader,
            GHashTable *by_path,
            const char *path)
{
  Entry *entry = g_hash_table_lookup (by_path, path);
  const char *cut;
  Entry *parent = reader->root;

  if (entry != NULL)
    return entry;

  cut = g_strrstr (path, " / ");
  if (cut != NULL)
    {
      g_autofree char *above = g_strndup (path, cut - path);

      parent = csv_parent (reader, by_path, above);
    }
  entry = entry_new ();
  entry->name = g_strdup (cut != NULL ? cut + 3 : path);
  entry->codable = FALSE;
  g_ptr_array_add (parent->children, entry);
  g_hash_table_insert (by_path, g_strdup (path), entry);
  report (reader, _("No row gave “%s”: it was made a folder."), path);
  return entry;
}

static gboolean
read_csv (Reader      *reader,
          const char  *data,
          gsize        length,
          GError     **error)
{
  g_autofree char *text = g_strndup (data, length);
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GHashTable) by_path = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GString) unknown = g_string_new (NULL);
  const char *first_line_end;
  char separator = ',';
  int columns[G_N_ELEMENTS (csv_columns)];
  char **header;

  first_line_end = text + strcspn (text, "\r\n");
  if (memchr (text, ',', first_line_end - text) == NULL)
    {
      if (memchr (text, ';', first_line_end - text) != NULL)
        separator = ';';
      else if (memchr (text, '\t', first_line_end - text) != NULL)
        separator = '\t';
    }

  records = parse_csv (reader, text, separator, error);
  if (records == NULL)
    return FALSE;

  for (guint c = 0; c < G_N_ELEMENTS (columns); c++)
    columns[c] = -1;
  header = records->len > 0 ? g_ptr_array_index (records, 0) : NULL;
  for (guint i = 0; header != NULL && header[i] != NULL; i++)
    {
      g_autofree char *name = clean_text (header[i]);
      gboolean known = FALSE;

      for (guint c = 0; name != NULL && c < G_N_ELEMENTS (csv_columns); c++)
        if (g_ascii_strcasecmp (name, csv_columns[c]) == 0 && columns[c] < 0)
          {
            columns[c] = i;
            known = TRUE;
          }
      if (name != NULL && !known)
        g_string_append_printf (unknown, "%s“%s”", unknown->len > 0 ? ", " : "", name);
    }

  /* columns[0] is "path", [2] "name". */
  if (columns[0] < 0 && columns[2] < 0)
    {
      g_set_error (error, PL_IMPORT_ERROR, PL_IMPORT_ERROR_MALFORMED,
                   _("“%s” is not a codebook table: its first row needs a column “name” or “path”."),
                   reader->display_name);
      return FALSE;
    }
  if (unknown->len > 0)
    report (reader, _("These columns were not read: %s."), unknown->str);

  for (guint r = 1; r < records->len; r++)
    {
      char **record = g_ptr_array_index (records, r);
      g_autofree char *path = NULL;
      g_autofree char *name = NULL;
      Entry *parent = reader->root;
      Entry *entry;
      int codable;

      if (is_blank_record (record))
        continue;

      path = clean_text (csv_value (record, columns[0]));
      name = clean_text (csv_value (record, columns[2]));
      if (name == NULL && path != NULL)
        {
          const char *cut = g_strrstr (path, " / ");

          name = g_strdup (cut != NULL ? cut + 3 : path);
        }
      if (name == NULL)
        {
          reader->n_unnamed++;
          continue;
        }
      if (path == NULL)
        path = g_strdup (name);

      if (g_hash_table_contains (by_path, path))
        {
          report (reader, _("Row %u repeats the code “%s”; it was left out."), r + 1, path);
          continue;
        }
      /* The parent's path is the path without " / name" (a name may hold " / "). */
      if (!g_str_equal (path, name))
        {
          gsize cut = strlen (path) - strlen (name);
          g_autofree char *above = NULL;

          if (g_str_has_suffix (path, name) && cut > 3 && strncmp (path + cut - 3, " / ", 3) == 0)
            above = g_strndup (path, cut - 3);
          else if (g_strrstr (path, " / ") != NULL)
            above = g_strndup (path, g_strrstr (path, " / ") - path);
          if (above != NULL)
            parent = csv_parent (reader, by_path, above);
        }

      entry = entry_new ();
      entry->name = g_steal_pointer (&name);
      entry->short_id = clean_text (csv_value (record, columns[1]));
      entry->definition = clean_text (csv_value (record, columns[3]));
      entry->inclusion = clean_text (csv_value (record, columns[4]));
      entry->exclusion = clean_text (csv_value (record, columns[5]));
      entry->example = clean_text (csv_value (record, columns[6]));
      entry->color = read_color (reader, csv_value (record, columns[7]));
      entry->color_dark = read_color (reader, csv_value (record, columns[8]));
      entry->shortcut = clean_text (csv_value (record, columns[9]));
      codable = read_boolean (csv_value (record, columns[10]));
      if (codable == -2)
        reader->n_bad_codable++;
      entry->codable = codable >= 0 ? codable : -1;
      {
        g_autofree char *given = clean_text (csv_value (record, columns[11]));

        if (given != NULL)
          {
            entry->guid = read_guid (given);
            if (entry->guid == NULL)
              report (reader, _("The code “%s” had an invalid GUID; it gets a new one."), entry->name);
          }
      }
      g_ptr_array_add (parent->children, entry);
      g_hash_table_insert (by_path, g_steal_pointer (&path), entry);
    }
  return TRUE;
}

/* REFI-QDA */

static void
read_qdc_codes (Reader  *reader,
                xmlNode *parent_node,
                Entry   *parent)
{
  for (xmlNode *node = parent_node->children; node != NULL; node = node->next)
    {
      g_autofree char *guid = NULL;
      g_autofree char *name = NULL;
      g_autofree char *codable = NULL;
      g_autofree char *color = NULL;
      xmlNode *description;
      Entry *entry;
      int value;

      if (!pl_xml_is_element (node, NULL, "Code"))
        continue;

      name = pl_xml_dup_attribute (node, "name");
      entry = entry_new ();
      entry->name = clean_text (name);
      if (entry->name == NULL)
        {
          reader->n_unnamed++;
          entry_free (entry);
          continue;
        }

      guid = pl_xml_dup_attribute (node, "guid");
      entry->guid = read_guid (guid);
      if (entry->guid == NULL)
        report (reader, _("The code “%s” had an invalid GUID “%s”; it gets a new one."),
                entry->name, guid != NULL ? guid : "");

      codable = pl_xml_dup_attribute (node, "isCodable");
      value = read_boolean (codable);
      if (value == -1)
        reader->n_no_codable++;
      else if (value == -2)
        reader->n_bad_codable++;
      entry->codable = value >= 0 ? value : TRUE;

      color = pl_xml_dup_attribute (node, "color");
      entry->color = read_color (reader, color);

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
is_wrapper (const Entry *entry)
{
  g_autofree char *folded = g_utf8_casefold (entry->name, -1);

  return entry->codable == FALSE && entry->children->len > 0 && entry->definition == NULL
         && entry->inclusion == NULL && entry->exclusion == NULL && entry->example == NULL
         && g_strv_contains (wrapper_names, folded);
}

/* ATLAS.ti's "A::B": B goes under A among the same siblings (A made a folder if absent). */
static void
resolve_double_colons (Reader *reader,
                       Entry  *parent)
{
  g_autoptr(GPtrArray) kept = g_ptr_array_new ();
  g_autoptr(GPtrArray) nested = g_ptr_array_new ();

  for (guint i = 0; i < parent->children->len; i++)
    {
      Entry *entry = g_ptr_array_index (parent->children, i);
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
      Entry *entry = g_ptr_array_index (nested, i);
      g_auto(GStrv) parts = g_strsplit (entry->name, "::", -1);
      Entry *holder = parent;
      guint n = g_strv_length (parts);

      for (guint p = 0; p + 1 < n; p++)
        {
          g_autofree char *part = clean_text (parts[p]);
          Entry *found = NULL;

          if (part == NULL)
            continue;
          for (guint j = 0; j < holder->children->len && found == NULL; j++)
            {
              Entry *candidate = g_ptr_array_index (holder->children, j);

              if (g_str_equal (candidate->name, part))
                found = candidate;
            }
          if (found == NULL)
            {
              found = entry_new ();
              found->name = g_strdup (part);
              found->codable = FALSE;
              g_ptr_array_add (holder->children, found);
              report (reader, _("Made the folder “%s” for the codes named “%s::…”."), part, part);
            }
          holder = found;
        }

      {
        char *last = clean_text (parts[n - 1]);

        g_free (entry->name);
        entry->name = last != NULL ? last : g_strdup (parts[n - 1]);
      }
      g_ptr_array_add (holder->children, entry);
    }

children:
  for (guint i = 0; i < parent->children->len; i++)
    resolve_double_colons (reader, g_ptr_array_index (parent->children, i));
}

static gboolean
read_xml (Reader      *reader,
          const char  *data,
          gsize        length,
          GError     **error)
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
      Entry *wrapper = g_ptr_array_steal_index (reader->root->children, 0);

      report (reader, _("Left out “%s”, a folder that only wrapped all the other codes."), wrapper->name);
      g_ptr_array_extend_and_steal (reader->root->children, g_steal_pointer (&wrapper->children));
      wrapper->children = g_ptr_array_new ();
      entry_free (wrapper);
    }
  return TRUE;
}

/* The .qde inside a .qdpx: the one at the top of the zip, else the first anywhere. */
static GBytes *
read_qdpx (Reader      *reader,
           const char  *data,
           gsize        length,
           GError     **error)
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
          if (bytes->len + (gsize) n > PL_IMPORT_MAX_ENTRY_BYTES)
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

static gboolean
read_any (Reader      *reader,
          GBytes      *bytes,
          const char  *file_name,
          GError     **error)
{
  gsize length;
  const char *data = g_bytes_get_data (bytes, &length);
  g_autofree char *lower = g_ascii_strdown (file_name, -1);
  const char *start = data;
  gsize rest = length;

  if (length > PL_IMPORT_MAX_BYTES)
    {
      g_set_error (error, PL_IMPORT_ERROR, PL_IMPORT_ERROR_TOO_LARGE,
                   _("“%s” is too large to be a codebook."), reader->display_name);
      return FALSE;
    }
  if (length >= 4 && memcmp (data, "PK\003\004", 4) == 0)
    {
      g_autoptr(GBytes) qde = read_qdpx (reader, data, length, error);
      gsize qde_length;
      const char *qde_data;

      if (qde == NULL)
        return FALSE;
      qde_data = g_bytes_get_data (qde, &qde_length);
      return read_xml (reader, qde_data, qde_length, error);
    }

  if (length == 0)
    {
      g_set_error (error, PL_IMPORT_ERROR, PL_IMPORT_ERROR_EMPTY, _("“%s” is empty."), reader->display_name);
      return FALSE;
    }
  if (memchr (data, '\0', length) != NULL || !g_utf8_validate (data, length, NULL))
    {
      g_set_error (error, PL_IMPORT_ERROR, PL_IMPORT_ERROR_ENCODING,
                   _("“%s” is not UTF-8 text, nor a REFI-QDA project archive."), reader->display_name);
      return FALSE;
    }

  if (rest >= 3 && memcmp (start, "\xEF\xBB\xBF", 3) == 0)
    start += 3, rest -= 3;
  while (rest > 0 && g_ascii_isspace (*start))
    start++, rest--;

  if (rest > 0 && *start == '<')
    return read_xml (reader, data, length, error);
  if (rest > 0 && (*start == '{' || *start == '[') && !g_str_has_suffix (lower, ".csv"))
    return read_json (reader, start, rest, error);
  if (g_str_has_suffix (lower, ".qdc") || g_str_has_suffix (lower, ".qde") || g_str_has_suffix (lower, ".xml")
      || g_str_has_suffix (lower, ".json"))
    {
      g_set_error (error, PL_IMPORT_ERROR, PL_IMPORT_ERROR_MALFORMED,
                   _("“%s” does not hold what its name says."), reader->display_name);
      return FALSE;
    }
  if (rest == 0)
    {
      g_set_error (error, PL_IMPORT_ERROR, PL_IMPORT_ERROR_EMPTY, _("“%s” is empty."), reader->display_name);
      return FALSE;
    }
  return read_csv (reader, start, rest, error);
}

/* Planning */

struct _PlCodebookImportPlan
{
  PlProject *project;
  char      *display_name;
  char      *fingerprint;
  Entry     *root;
  GPtrArray *items;    /* PlCodebookPlanItem */
  GPtrArray *report;   /* char* */
  gboolean   bump;
  gboolean   applied;
};

static void
plan_item_free (PlCodebookPlanItem *item)
{
  g_free (item->path);
  g_free (item->guid);
  g_free (item->parent_guid);
  g_clear_pointer (&item->changes, g_ptr_array_unref);
  g_clear_pointer ((JsonObject **) &item->update, json_object_unref);
  g_free (item);
}

void
pl_codebook_import_plan_free (PlCodebookImportPlan *plan)
{
  if (plan == NULL)
    return;
  g_clear_object (&plan->project);
  g_free (plan->display_name);
  g_free (plan->fingerprint);
  g_clear_pointer (&plan->root, entry_free);
  g_clear_pointer (&plan->items, g_ptr_array_unref);
  g_clear_pointer (&plan->report, g_ptr_array_unref);
  g_free (plan);
}

static char *
codebook_fingerprint (PlProject *project)
{
  g_autoptr(JsonNode) node = pl_codebook_to_json (project);

  return json_to_string (node, FALSE);
}

typedef struct
{
  PlCodebookImportPlan *plan;
  GHashTable           *by_guid;     /* guid → PlCode */
  GHashTable           *claimed;     /* guid of codes matched already */
  GHashTable           *planned;     /* guids the plan gives */
  GHashTable           *shortcuts;   /* shortcut → guid, as it will be */
  GHashTable           *short_ids;   /* folded short id → guid, as it will be */
  guint                 n_bad_guid;
} Planner;

static const char *
parent_guid_of (PlProject *project,
                PlCode    *code)
{
  PlCode *parent = pl_code_get_parent_id (code) != 0
                   ? pl_project_find_code (project, pl_code_get_parent_id (code)) : NULL;

  return parent != NULL ? pl_code_get_guid (parent) : NULL;
}

/* The project's child of @parent_guid (NULL: top level) named @name, ignoring case. */
static PlCode *
find_by_path (Planner    *planner,
              const char *parent_guid,
              const char *name)
{
  PlProject *project = planner->plan->project;
  GListModel *codes = pl_project_get_codes (project);
  g_autofree char *folded = g_utf8_casefold (name, -1);

  for (guint i = 0; i < g_list_model_get_n_items (codes); i++)
    {
      g_autoptr(PlCode) code = g_list_model_get_item (codes, i);
      g_autofree char *other = NULL;

      if (g_strcmp0 (parent_guid_of (project, code), parent_guid) != 0
          || g_hash_table_contains (planner->claimed, pl_code_get_guid (code)))
        continue;
      other = g_utf8_casefold (pl_code_get_name (code), -1);
      if (g_str_equal (folded, other))
        return code;
    }
  return NULL;
}

/* Whether @value of @field can go to @guid; reported and dropped when another code will
 * have it.  Updates the map. */
static gboolean
claim_unique (Planner     *planner,
              GHashTable  *map,
              const char  *key,
              const char  *guid,
              const char  *previous_key,
              const char  *what,
              const char  *path)
{
  const char *holder = g_hash_table_lookup (map, key);

  if (holder != NULL && !g_str_equal (holder, guid))
    {
      g_ptr_array_add (planner->plan->report,
                       g_strdup_printf (_("“%s” keeps no %s “%s”: another code has it."), path, what, key));
      return FALSE;
    }
  if (previous_key != NULL)
    g_hash_table_remove (map, previous_key);
  g_hash_table_insert (map, g_strdup (key), g_strdup (guid));
  return TRUE;
}

static char *
fold_id (const char *value)
{
  return value != NULL ? g_utf8_casefold (value, -1) : NULL;
}

static void
note_change (PlCodebookPlanItem *item,
             JsonObject         *update,
             const char         *member,
             const char         *value,
             char               *description)
{
  if (value != NULL)
    json_object_set_string_member (update, member, value);
  else
    json_object_set_null_member (update, member);
  g_ptr_array_add (item->changes, description);
}

static void
plan_matched (Planner            *planner,
              PlCodebookPlanItem *item,
              Entry              *entry,
              PlCode             *code,
              const char         *parent_guid,
              gboolean            by_guid)
{
  PlProject *project = planner->plan->project;
  JsonObject *update = json_object_new ();
  const char *guid = pl_code_get_guid (code);
  const char *current_parent = parent_guid_of (project, code);
  struct
  {
    const char *member;
    const char *label;
    const char *now;
    const char *imported;
  } texts[] = {
    { "definition", _("definition"), pl_code_get_definition (code), entry->definition },
    { "inclusion", _("inclusion cues"), pl_code_get_inclusion (code), entry->inclusion },
    { "exclusion", _("exclusion cues"), pl_code_get_exclusion (code), entry->exclusion },
    { "example", _("anchor example"), pl_code_get_example (code), entry->example },
  };

  item->guid = g_strdup (guid);
  item->changes = g_ptr_array_new_with_free_func (g_free);

  if (g_strcmp0 (entry->name, pl_code_get_name (code)) != 0)
    note_change (item, update, "name", entry->name,
                 g_strdup_printf (_("name: “%s” → “%s”"), pl_code_get_name (code), entry->name));

  if (by_guid && g_strcmp0 (parent_guid, current_parent) != 0)
    {
      const char *parent_path = NULL;

      for (guint i = 0; parent_guid != NULL && i < planner->plan->items->len; i++)
        {
          PlCodebookPlanItem *other = g_ptr_array_index (planner->plan->items, i);

          if (g_str_equal (other->guid, parent_guid))
            parent_path = other->path;
        }
      note_change (item, update, "parent", parent_guid,
                   parent_path != NULL ? g_strdup_printf (_("moves into “%s”"), parent_path)
                                       : g_strdup (_("moves to the top level")));
      planner->plan->bump = TRUE;
    }

  if (entry->color != NULL && g_strcmp0 (entry->color, pl_code_get_color (code)) != 0)
    note_change (item, update, "color", entry->color,
                 g_strdup_printf (_("colour: %s → %s"), pl_code_get_color (code), entry->color));
  if (entry->color_dark != NULL && g_strcmp0 (entry->color_dark, pl_code_get_color_dark (code)) != 0)
    note_change (item, update, "color_dark", entry->color_dark,
                 g_strdup_printf (_("dark colour: %s → %s"), pl_code_get_color_dark (code), entry->color_dark));

  if (entry->short_id != NULL && g_strcmp0 (entry->short_id, pl_code_get_short_id (code)) != 0)
    {
      g_autofree char *key = fold_id (entry->short_id);
      g_autofree char *previous = fold_id (pl_code_get_short_id (code));

      if (claim_unique (planner, planner->short_ids, key, guid, previous, _("short id"), item->path))
        note_change (item, update, "short_id", entry->short_id,
                     g_strdup_printf (_("short id: %s → %s"),
                                      pl_code_get_short_id (code) != NULL ? pl_code_get_short_id (code) : "—",
                                      entry->short_id));
    }
  if (entry->shortcut != NULL && g_strcmp0 (entry->shortcut, pl_code_get_shortcut (code)) != 0)
    {
      if (claim_unique (planner, planner->shortcuts, entry->shortcut, guid, pl_code_get_shortcut (code),
                        _("shortcut"), item->path))
        note_change (item, update, "shortcut", entry->shortcut,
                     g_strdup_printf (_("shortcut: %s → %s"),
                                      pl_code_get_shortcut (code) != NULL ? pl_code_get_shortcut (code) : "—",
                                      entry->shortcut));
    }

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    if (texts[i].imported != NULL && g_strcmp0 (texts[i].imported, texts[i].now) != 0)
      note_change (item, update, texts[i].member, texts[i].imported,
                   g_strdup_printf (_("%s changes"), texts[i].label));

  if (entry->codable >= 0 && !!entry->codable != !!pl_code_get_codable (code))
    {
      if (!entry->codable && pl_code_get_n_annotations (code) > 0)
        g_ptr_array_add (planner->plan->report,
                         g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                       "“%s” stays a code that can be applied: it has %u annotation.",
                                                       "“%s” stays a code that can be applied: it has %u annotations.",
                                                       pl_code_get_n_annotations (code)),
                                          item->path, pl_code_get_n_annotations (code)));
      else
        {
          json_object_set_boolean_member (update, "codable", entry->codable);
          g_ptr_array_add (item->changes, g_strdup (entry->codable ? _("becomes a code that can be applied")
                                                                   : _("becomes a folder")));
          planner->plan->bump = TRUE;
        }
    }

  if (json_object_get_size (update) > 0)
    {
      item->kind = PL_CODEBOOK_PLAN_CHANGED;
      item->update = update;
    }
  else
    {
      item->kind = PL_CODEBOOK_PLAN_UNCHANGED;
      json_object_unref (update);
    }
}

static void
plan_new (Planner            *planner,
          PlCodebookPlanItem *item,
          Entry              *entry)
{
  if (entry->guid != NULL && !g_hash_table_contains (planner->by_guid, entry->guid)
      && !g_hash_table_contains (planner->planned, entry->guid))
    item->guid = g_strdup (entry->guid);
  else
    {
      if (entry->guid != NULL)
        planner->n_bad_guid++;
      item->guid = g_uuid_string_random ();
    }

  /* What another code will have is dropped from the new one. */
  if (entry->short_id != NULL)
    {
      g_autofree char *key = fold_id (entry->short_id);

      if (!claim_unique (planner, planner->short_ids, key, item->guid, NULL, _("short id"), item->path))
        g_clear_pointer (&entry->short_id, g_free);
    }
  if (entry->shortcut != NULL
      && (g_utf8_strlen (entry->shortcut, -1) != 1
          || !claim_unique (planner, planner->shortcuts, entry->shortcut, item->guid, NULL, _("shortcut"), item->path)))
    {
      if (g_utf8_strlen (entry->shortcut, -1) != 1)
        g_ptr_array_add (planner->plan->report,
                         g_strdup_printf (_("“%s” keeps no shortcut “%s”: a shortcut is one key."),
                                          item->path, entry->shortcut));
      g_clear_pointer (&entry->shortcut, g_free);
    }
  item->kind = PL_CODEBOOK_PLAN_NEW;
  item->entry = entry;
}

static void
plan_entries (Planner    *planner,
              Entry      *parent,
              const char *parent_guid,
              gboolean    parent_exists,
              const char *parent_path)
{
  for (guint i = 0; i < parent->children->len; i++)
    {
      Entry *entry = g_ptr_array_index (parent->children, i);
      PlCodebookPlanItem *item = g_new0 (PlCodebookPlanItem, 1);
      PlCode *code = NULL;
      gboolean by_guid = FALSE;

      item->path = parent_path != NULL ? g_strconcat (parent_path, " / ", entry->name, NULL)
                                       : g_strdup (entry->name);
      item->parent_guid = g_strdup (parent_guid);

      if (entry->guid != NULL && !g_hash_table_contains (planner->claimed, entry->guid))
        {
          code = g_hash_table_lookup (planner->by_guid, entry->guid);
          by_guid = code != NULL;
        }
      if (code == NULL && parent_exists)
        code = find_by_path (planner, parent_guid, entry->name);

      if (code != NULL)
        {
          g_hash_table_add (planner->claimed, g_strdup (pl_code_get_guid (code)));
          plan_matched (planner, item, entry, code, parent_guid, by_guid);
        }
      else
        plan_new (planner, item, entry);
      g_hash_table_add (planner->planned, g_strdup (item->guid));
      g_ptr_array_add (planner->plan->items, item);

      plan_entries (planner, entry, item->guid, code != NULL, item->path);
    }
}

static PlCodebookImportPlan *
make_plan (PlProject  *project,
           Reader     *reader)
{
  g_autoptr(PlCodebookImportPlan) plan = g_new0 (PlCodebookImportPlan, 1);
  GListModel *codes = pl_project_get_codes (project);
  Planner planner = { 0 };

  plan->project = g_object_ref (project);
  plan->display_name = g_strdup (reader->display_name);
  plan->fingerprint = codebook_fingerprint (project);
  plan->root = g_steal_pointer (&reader->root);
  plan->items = g_ptr_array_new_with_free_func ((GDestroyNotify) plan_item_free);
  plan->report = g_steal_pointer (&reader->report);

  planner.plan = plan;
  planner.by_guid = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  planner.claimed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  planner.planned = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  planner.shortcuts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  planner.short_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  for (guint i = 0; i < g_list_model_get_n_items (codes); i++)
    {
      PlCode *code = g_list_model_get_item (codes, i);

      if (pl_code_get_shortcut (code) != NULL)
        g_hash_table_insert (planner.shortcuts, g_strdup (pl_code_get_shortcut (code)),
                             g_strdup (pl_code_get_guid (code)));
      if (pl_code_get_short_id (code) != NULL)
        g_hash_table_insert (planner.short_ids, fold_id (pl_code_get_short_id (code)),
                             g_strdup (pl_code_get_guid (code)));
      g_hash_table_insert (planner.by_guid, g_ascii_strdown (pl_code_get_guid (code), -1), code);
    }

  plan_entries (&planner, plan->root, NULL, TRUE, NULL);

  if (planner.n_bad_guid > 0)
    g_ptr_array_add (plan->report,
                     g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                   "%u GUID was given twice in the file; that code gets a new one.",
                                                   "%u GUIDs were given twice in the file; those codes get new ones.",
                                                   planner.n_bad_guid),
                                      planner.n_bad_guid));
  if (plan->items->len == 0)
    g_ptr_array_add (plan->report, g_strdup_printf (_("“%s” contains no codes."), plan->display_name));

  g_hash_table_unref (planner.by_guid);
  g_hash_table_unref (planner.claimed);
  g_hash_table_unref (planner.planned);
  g_hash_table_unref (planner.shortcuts);
  g_hash_table_unref (planner.short_ids);
  return g_steal_pointer (&plan);
}

PlCodebookImportPlan *
pl_codebook_import_plan_bytes (PlProject   *project,
                               GBytes      *bytes,
                               const char  *file_name,
                               GError     **error)
{
  g_autofree char *display_name = NULL;
  Reader reader = { 0 };
  PlCodebookImportPlan *plan = NULL;

  g_return_val_if_fail (PL_IS_PROJECT (project), NULL);
  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (file_name != NULL, NULL);

  display_name = g_filename_display_basename (file_name);
  reader.display_name = display_name;
  reader.root = entry_new ();
  reader.report = g_ptr_array_new_with_free_func (g_free);

  if (read_any (&reader, bytes, file_name, error))
    {
      finish_report (&reader);
      plan = make_plan (project, &reader);
    }

  g_clear_pointer (&reader.root, entry_free);
  g_clear_pointer (&reader.report, g_ptr_array_unref);
  return plan;
}

PlCodebookImportPlan *
pl_codebook_import_plan (PlProject     *project,
                         GFile         *file,
                         GCancellable  *cancellable,
                         GError       **error)
{
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *basename = NULL;

  g_return_val_if_fail (PL_IS_PROJECT (project), NULL);
  g_return_val_if_fail (G_IS_FILE (file), NULL);

  name = g_file_get_parse_name (file);
  basename = g_file_get_basename (file);
  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE "," G_FILE_ATTRIBUTE_STANDARD_TYPE,
                            G_FILE_QUERY_INFO_NONE, cancellable, &local_error);
  if (info != NULL && g_file_info_get_file_type (info) == G_FILE_TYPE_DIRECTORY)
    {
      g_set_error (error, PL_IMPORT_ERROR, PL_IMPORT_ERROR_READ, _("“%s” is a folder, not a codebook."), name);
      return NULL;
    }
  if (info != NULL && g_file_info_get_size (info) > PL_IMPORT_MAX_BYTES)
    {
      g_set_error (error, PL_IMPORT_ERROR, PL_IMPORT_ERROR_TOO_LARGE,
                   _("“%s” is too large to be a codebook."), name);
      return NULL;
    }
  if (info != NULL)
    bytes = g_file_load_bytes (file, cancellable, NULL, &local_error);
  if (bytes == NULL)
    {
      g_set_error (error, PL_IMPORT_ERROR, PL_IMPORT_ERROR_READ, _("Could not read “%s”: %s"), name,
                   g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND)
                   ? _("there is no such file.") : local_error->message);
      return NULL;
    }
  return pl_codebook_import_plan_bytes (project, bytes, basename, error);
}

GPtrArray *
pl_codebook_import_plan_get_items (PlCodebookImportPlan *plan)
{
  g_return_val_if_fail (plan != NULL, NULL);
  return plan->items;
}

guint
pl_codebook_import_plan_count (PlCodebookImportPlan *plan,
                               PlCodebookPlanKind    kind)
{
  guint n = 0;

  g_return_val_if_fail (plan != NULL, 0);

  for (guint i = 0; i < plan->items->len; i++)
    if (((PlCodebookPlanItem *) g_ptr_array_index (plan->items, i))->kind == kind)
      n++;
  return n;
}

GPtrArray *
pl_codebook_import_plan_get_report (PlCodebookImportPlan *plan)
{
  g_return_val_if_fail (plan != NULL, NULL);
  return plan->report;
}

char *
pl_codebook_import_plan_describe (PlCodebookImportPlan *plan)
{
  GString *out;
  guint n_new, n_changed, n_unchanged;

  g_return_val_if_fail (plan != NULL, NULL);

  n_new = pl_codebook_import_plan_count (plan, PL_CODEBOOK_PLAN_NEW);
  n_changed = pl_codebook_import_plan_count (plan, PL_CODEBOOK_PLAN_CHANGED);
  n_unchanged = pl_codebook_import_plan_count (plan, PL_CODEBOOK_PLAN_UNCHANGED);

  out = g_string_new (NULL);
  g_string_append_printf (out, _("Importing “%s”: %u new, %u changed, %u unchanged."),
                          plan->display_name, n_new, n_changed, n_unchanged);
  g_string_append_c (out, '\n');
  for (guint i = 0; i < plan->items->len; i++)
    {
      PlCodebookPlanItem *item = g_ptr_array_index (plan->items, i);

      if (item->kind == PL_CODEBOOK_PLAN_NEW)
        g_string_append_printf (out, "+ %s\n", item->path);
      else if (item->kind == PL_CODEBOOK_PLAN_CHANGED)
        {
          g_string_append_printf (out, "~ %s:", item->path);
          for (guint c = 0; c < item->changes->len; c++)
            g_string_append_printf (out, "%s %s", c > 0 ? ";" : "", (char *) g_ptr_array_index (item->changes, c));
          g_string_append_c (out, '\n');
        }
    }
  for (guint i = 0; i < plan->report->len; i++)
    g_string_append_printf (out, "! %s\n", (char *) g_ptr_array_index (plan->report, i));
  return g_string_free (out, FALSE);
}

gboolean
pl_codebook_import_apply (PlCodebookImportPlan  *plan,
                          GError               **error)
{
  g_autofree char *fingerprint = NULL;
  g_autofree char *summary = NULL;
  PlCodebookBatch *batch;
  JsonObject *detail;
  guint n_new, n_changed;

  g_return_val_if_fail (plan != NULL, FALSE);

  n_new = pl_codebook_import_plan_count (plan, PL_CODEBOOK_PLAN_NEW);
  n_changed = pl_codebook_import_plan_count (plan, PL_CODEBOOK_PLAN_CHANGED);
  if (n_new + n_changed == 0)
    return TRUE;

  fingerprint = codebook_fingerprint (plan->project);
  if (plan->applied || !g_str_equal (fingerprint, plan->fingerprint))
    {
      g_set_error (error, PL_STORE_ERROR, PL_STORE_ERROR_INVALID,
                   _("The codebook changed after the import of “%s” was planned. Plan it again."),
                   plan->display_name);
      return FALSE;
    }

  batch = pl_codebook_batch_begin (plan->project, error);
  if (batch == NULL)
    return FALSE;

  for (guint i = 0; i < plan->items->len; i++)
    {
      PlCodebookPlanItem *item = g_ptr_array_index (plan->items, i);

      if (item->kind == PL_CODEBOOK_PLAN_NEW)
        {
          Entry *entry = item->entry;
          PlCodeSpec spec = {
            .guid = item->guid,
            .short_id = entry->short_id,
            .name = entry->name,
            .color = entry->color,
            .color_dark = entry->color_dark,
            .shortcut = entry->shortcut,
            .definition = entry->definition,
            .inclusion = entry->inclusion,
            .exclusion = entry->exclusion,
            .example = entry->example,
            .codable = entry->codable != FALSE,
          };

          if (!pl_codebook_batch_add_code (batch, &spec, item->parent_guid, error))
            goto failed;
        }
      else if (item->kind == PL_CODEBOOK_PLAN_CHANGED)
        {
          JsonObject *changes = json_object_new ();
          g_autoptr(GList) members = json_object_get_members (item->update);

          for (GList *l = members; l != NULL; l = l->next)
            json_object_set_member (changes, l->data, json_node_copy (json_object_get_member (item->update, l->data)));
          if (!pl_codebook_batch_update_code (batch, item->guid, changes, error))
            goto failed;
        }
    }

  summary = g_strdup_printf (_("Imported “%s”: %u new and %u changed codes"), plan->display_name, n_new, n_changed);
  detail = json_object_new ();
  json_object_set_string_member (detail, "file", plan->display_name);
  json_object_set_int_member (detail, "new", n_new);
  json_object_set_int_member (detail, "changed", n_changed);
  if (!pl_codebook_batch_commit (batch, "import", summary, detail, plan->bump, error))
    return FALSE;
  plan->applied = TRUE;
  return TRUE;

failed:
  g_prefix_error (error, _("“%s”: "), plan->display_name);
  pl_codebook_batch_abort (batch);
  return FALSE;
}
