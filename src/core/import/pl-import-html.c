/* pl-import-html.c — the text of an HTML page: its blocks as paragraphs, without scripts,
 * styles or navigation
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "plenary-importer"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>

#include "pl-error.h"
#include "pl-import-private.h"

/* Elements whose content is not part of the text. */
static const char * const dropped_elements[] = {
  "script", "style", "nav", "header", "footer", "aside", "noscript", "form", "svg",
  "template", "head", "iframe", "object", "embed", "canvas", "button", "select", "textarea",
  "math", "map", "audio", "video", "datalist", "dialog",
};

/* Elements that start and end a block of text. */
static const char * const block_elements[] = {
  "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "dt", "dd", "td", "th", "caption",
  "blockquote", "section", "article", "main", "address", "figure", "figcaption", "hr",
  "table", "thead", "tbody", "tfoot", "tr", "ul", "ol", "dl", "body", "center", "details",
  "summary", "fieldset", "legend", "html", "hgroup",
};

/* Tags that, in a .html file, show that the text is markup. */
static const char * const markup_tags[] = {
  "p", "br", "div", "body", "head", "h1", "h2", "h3", "h4", "h5", "h6", "table", "ul", "ol",
  "li", "span", "a", "title", "meta", "b", "i", "em", "strong",
};

/* <meta name> values that give a document date. */
static const char * const date_meta_names[] = {
  "date", "dc.date", "dcterms.date", "dc.date.issued", "dcterms.issued", "dcterms.created",
  "citation_date", "citation_publication_date", "article:published_time",
};

typedef struct
{
  GString *out;
  GString *block;
  guint    pre_depth;
} HtmlWalk;

static gboolean
name_in (const xmlChar      *name,
         const char * const *names,
         gsize               n_names)
{
  for (gsize i = 0; i < n_names; i++)
    if (g_ascii_strcasecmp ((const char *) name, names[i]) == 0)
      return TRUE;

  return FALSE;
}

/* Where the content starts after a BOM, white space, comments and an XML declaration. */
static const char *
skip_prologue (const char *text)
{
  const char *p = text;

  if (g_str_has_prefix (p, "\xef\xbb\xbf"))
    p += 3;

  for (;;)
    {
      const char *end;

      while (g_ascii_isspace (*p))
        p++;

      if (g_str_has_prefix (p, "<!--"))
        end = strstr (p + 4, "-->");
      else if (g_str_has_prefix (p, "<?xml"))
        end = strstr (p + 5, "?>");
      else
        return p;

      if (end == NULL)
        return p;
      p = end + (*end == '-' ? 3 : 2);
    }
}

/* A tag of @markup_tags at @p ('<' followed by the name and '>', '/' or white space). */
static gboolean
is_markup_tag (const char *p)
{
  g_assert (*p == '<');

  p++;
  if (*p == '/')
    p++;

  for (guint i = 0; i < G_N_ELEMENTS (markup_tags); i++)
    {
      gsize length = strlen (markup_tags[i]);

      if (g_ascii_strncasecmp (p, markup_tags[i], length) == 0 &&
          (p[length] == '>' || p[length] == '/' || g_ascii_isspace (p[length])))
        return TRUE;
    }

  return FALSE;
}

gboolean
pl_import_looks_like_html (const char *text,
                           const char *display_name)
{
  const char *start;
  const char *dot;

  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (display_name != NULL, FALSE);

  start = skip_prologue (text);
  if (g_ascii_strncasecmp (start, "<!doctype html", 14) == 0 &&
      (start[14] == '>' || g_ascii_isspace (start[14])))
    return TRUE;
  if (g_ascii_strncasecmp (start, "<html", 5) == 0 &&
      (start[5] == '>' || g_ascii_isspace (start[5])))
    return TRUE;

  dot = strrchr (display_name, '.');
  if (dot == NULL ||
      (g_ascii_strcasecmp (dot, ".html") != 0 && g_ascii_strcasecmp (dot, ".htm") != 0 &&
       g_ascii_strcasecmp (dot, ".xhtml") != 0))
    return FALSE;

  if (*start == '<' && (g_ascii_isalpha (start[1]) || start[1] == '!'))
    return TRUE;

  for (const char *p = strchr (start, '<'); p != NULL; p = strchr (p + 1, '<'))
    if (is_markup_tag (p))
      return TRUE;

  return FALSE;
}

char *
pl_import_html_declared_charset (const guint8 *data,
                                 gsize         length)
{
  g_autofree char *head = NULL;
  const char *p;
  const char *end;

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  head = g_ascii_strdown ((const char *) data, MIN (length, 1024));
  /* The bytes may hold a NUL: strstr stops there, which is fine. */
  p = strstr (head, "charset=");
  if (p == NULL)
    return NULL;

  p += strlen ("charset=");
  while (*p == '"' || *p == '\'' || *p == ' ')
    p++;

  end = p;
  while (g_ascii_isalnum (*end) || *end == '-' || *end == '_' || *end == '.' || *end == ':')
    end++;

  if (end == p)
    return NULL;

  return g_strndup (p, end - p);
}

static void
flush_block (HtmlWalk *walk)
{
  pl_import_append_block (walk->out, walk->block->str);
  g_string_truncate (walk->block, 0);
}

static void
append_line_break (GString *block)
{
  while (block->len > 0 && block->str[block->len - 1] == ' ')
    g_string_truncate (block, block->len - 1);

  g_string_append_c (block, '\n');
}

static void
walk_html (HtmlWalk *walk,
           xmlNode  *node)
{
  for (xmlNode *child = node->children; child != NULL; child = child->next)
    {
      switch (child->type)
        {
        case XML_TEXT_NODE:
        case XML_CDATA_SECTION_NODE:
          if (child->content == NULL)
            break;
          if (walk->pre_depth > 0)
            g_string_append (walk->block, (const char *) child->content);
          else
            pl_import_append_collapsed (walk->block, (const char *) child->content);
          break;

        case XML_ELEMENT_NODE:
          if (name_in (child->name, dropped_elements, G_N_ELEMENTS (dropped_elements)))
            break;

          if (g_ascii_strcasecmp ((const char *) child->name, "br") == 0)
            {
              append_line_break (walk->block);
              break;
            }

          if (g_ascii_strcasecmp ((const char *) child->name, "pre") == 0)
            {
              flush_block (walk);
              walk->pre_depth++;
              walk_html (walk, child);
              walk->pre_depth--;
              flush_block (walk);
              break;
            }

          if (name_in (child->name, block_elements, G_N_ELEMENTS (block_elements)))
            {
              flush_block (walk);
              walk_html (walk, child);
              flush_block (walk);
              break;
            }

          walk_html (walk, child);
          break;

        default:
          break;
        }
    }
}

/* The first element called @name, not looking inside @skip elements. */
static xmlNode *
find_element (xmlNode    *node,
              const char *name,
              const char *skip)
{
  for (xmlNode *child = node->children; child != NULL; child = child->next)
    {
      xmlNode *found;

      if (child->type != XML_ELEMENT_NODE)
        continue;
      if (g_ascii_strcasecmp ((const char *) child->name, name) == 0)
        return child;
      if (skip != NULL && g_ascii_strcasecmp ((const char *) child->name, skip) == 0)
        continue;

      found = find_element (child, name, skip);
      if (found != NULL)
        return found;
    }

  return NULL;
}

static char *
dup_attribute (xmlNode    *node,
               const char *name)
{
  xmlChar *value = xmlGetProp (node, (const xmlChar *) name);
  char *copy;

  if (value == NULL)
    return NULL;

  copy = g_strdup ((const char *) value);
  xmlFree (value);
  return copy;
}

/* "en", "fr-CA" from a language attribute; NULL when it does not look like a language
 * tag. */
static char *
dup_language_tag (const char *value)
{
  g_autofree char *tag = NULL;
  char *comma;

  if (value == NULL)
    return NULL;

  tag = g_strstrip (g_strdup (value));
  comma = strchr (tag, ',');
  if (comma != NULL)
    {
      *comma = '\0';
      g_strchomp (tag);
    }

  if (*tag == '\0' || strlen (tag) > 35 || !g_ascii_isalpha (*tag))
    return NULL;

  for (char *p = tag; *p != '\0'; p++)
    {
      if (*p == '_')
        *p = '-';
      else if (!g_ascii_isalnum (*p) && *p != '-')
        return NULL;
    }

  return g_steal_pointer (&tag);
}

/* Reads <meta> elements for the language and date the page states. */
static void
read_meta (xmlNode        *node,
           PlImportedText *out)
{
  for (xmlNode *child = node->children; child != NULL; child = child->next)
    {
      if (child->type != XML_ELEMENT_NODE)
        continue;

      if (g_ascii_strcasecmp ((const char *) child->name, "meta") == 0)
        {
          g_autofree char *name = dup_attribute (child, "name");
          g_autofree char *property = dup_attribute (child, "property");
          g_autofree char *http_equiv = dup_attribute (child, "http-equiv");
          g_autofree char *content = dup_attribute (child, "content");
          const char *key = name != NULL ? name : property;

          if (content == NULL)
            continue;

          if (out->date == NULL && key != NULL &&
              name_in ((const xmlChar *) key, date_meta_names, G_N_ELEMENTS (date_meta_names)))
            out->date = pl_import_parse_iso_date (content);

          if (out->language == NULL && http_equiv != NULL &&
              g_ascii_strcasecmp (http_equiv, "content-language") == 0)
            out->language = dup_language_tag (content);
        }
      else
        {
          read_meta (child, out);
        }
    }
}

char *
pl_import_html (const char      *text,
                gsize            length,
                const char      *display_name,
                PlImportedText  *out,
                GError         **error)
{
  htmlDocPtr doc;
  xmlNode *root;
  xmlNode *title;
  g_autoptr(GString) result = NULL;
  g_autoptr(GString) block = NULL;
  HtmlWalk walk = { NULL, };

  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (display_name != NULL, NULL);
  g_return_val_if_fail (out != NULL, NULL);

  if (length > G_MAXINT)
    {
      g_set_error (error, PL_IMPORT_ERROR, PL_IMPORT_ERROR_TOO_LARGE,
                   _("“%s” is too large to import."), display_name);
      return NULL;
    }

  doc = htmlReadMemory (text, (int) length, NULL, "UTF-8",
                        HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET |
                        HTML_PARSE_RECOVER | HTML_PARSE_IGNORE_ENC);
  root = doc != NULL ? xmlDocGetRootElement (doc) : NULL;
  if (root == NULL)
    {
      if (doc != NULL)
        xmlFreeDoc (doc);
      g_set_error (error, PL_IMPORT_ERROR, PL_IMPORT_ERROR_MALFORMED,
                   _("“%s” is damaged: it cannot be read as HTML."), display_name);
      return NULL;
    }

  result = g_string_new (NULL);
  block = g_string_new (NULL);
  walk.out = result;
  walk.block = block;

  walk_html (&walk, (xmlNode *) doc);
  flush_block (&walk);

  title = find_element ((xmlNode *) doc, "title", "svg");
  if (title != NULL)
    {
      xmlChar *content = xmlNodeGetContent (title);

      out->title = pl_import_sensible_title ((const char *) content);
      xmlFree (content);
    }

  for (xmlNode *node = root; node != NULL && out->language == NULL; node = node->next)
    {
      g_autofree char *lang = NULL;

      if (node->type != XML_ELEMENT_NODE)
        continue;
      lang = dup_attribute (node, "lang");
      if (lang == NULL)
        lang = dup_attribute (node, "xml:lang");
      out->language = dup_language_tag (lang);
    }

  read_meta ((xmlNode *) doc, out);

  xmlFreeDoc (doc);

  if (result->len > 0)
    g_string_append_c (result, '\n');

  return g_string_free (g_steal_pointer (&result), FALSE);
}
