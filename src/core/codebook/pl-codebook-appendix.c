/* pl-codebook-appendix.c — the codebook for a paper's appendix: Markdown and HTML
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "plenary-codebook-exchange"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "pl-codebook-exchange-private.h"

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
write_md_entries (GString               *out,
                  const PlCodebookEntry *parent,
                  guint                  depth)
{
  for (guint i = 0; i < parent->children->len; i++)
    {
      const PlCodebookEntry *entry = g_ptr_array_index (parent->children, i);
      guint level = MIN (depth + 2, 6);
      guint total = pl_codebook_entry_total_uses (entry);

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
write_md_overview (GString               *out,
                   const PlCodebookEntry *parent,
                   guint                  depth)
{
  for (guint i = 0; i < parent->children->len; i++)
    {
      const PlCodebookEntry *entry = g_ptr_array_index (parent->children, i);

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

GBytes *
pl_codebook_write_markdown (PlProject             *project,
                            const PlCodebookEntry *root)
{
  g_autofree char *title = pl_project_dup_title (project);
  g_autofree char *date = today ();
  GString *out = g_string_new ("# ");

  md_escape (out, title);
  g_string_append (out, "\n\n");
  g_string_append_printf (out, _("Codebook of %u codes, version %u, exported from Plenary on %s; %u annotations."),
                          pl_codebook_entry_count (root), pl_project_get_codebook_version (project), date, pl_codebook_entry_total_uses (root));
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
write_html_entries (GString               *out,
                    const PlCodebookEntry *parent,
                    guint                  depth)
{
  for (guint i = 0; i < parent->children->len; i++)
    {
      const PlCodebookEntry *entry = g_ptr_array_index (parent->children, i);
      g_autofree char *light = pl_codebook_normalize_color (entry->color, NULL);
      g_autofree char *dark = pl_codebook_normalize_color (entry->color_dark, NULL);
      guint level = MIN (depth + 2, 6);
      guint total = pl_codebook_entry_total_uses (entry);

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
write_html_overview (GString               *out,
                     const PlCodebookEntry *parent,
                     guint                  depth)
{
  for (guint i = 0; i < parent->children->len; i++)
    {
      const PlCodebookEntry *entry = g_ptr_array_index (parent->children, i);
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

GBytes *
pl_codebook_write_html (PlProject             *project,
                        const PlCodebookEntry *root)
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
                             pl_codebook_entry_count (root), pl_project_get_codebook_version (project), date, pl_codebook_entry_total_uses (root));
  html_escape (out, summary);
  g_string_append_printf (out, "</p>\n<table>\n<thead><tr><th>%s</th><th>%s</th><th class=\"num\">%s</th></tr></thead>\n<tbody>\n",
                          _("Id"), _("Code"), _("Uses"));
  write_html_overview (out, root, 0);
  g_string_append (out, "</tbody>\n</table>\n");
  write_html_entries (out, root, 0);
  g_string_append (out, "</body>\n</html>\n");
  return g_string_free_to_bytes (out);
}
