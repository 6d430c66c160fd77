/* pl-xml.c — the one XML helper
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "plenary-xml"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>
#include <libxml/parser.h>

#include "pl-error.h"
#include "pl-xml.h"

/* The end of the prolog's DOCTYPE declaration that starts at @p, or NULL when there is
 * none before the root element.  Sets *@declares_entities when its internal subset holds
 * an <!ENTITY declaration. */
static const char *
scan_doctype (const char *p,
              const char *end,
              gboolean   *declares_entities)
{
  *declares_entities = FALSE;

  /* Skip a byte-order mark, white space, the XML declaration, comments and processing
   * instructions. */
  if (end - p >= 3 && memcmp (p, "\xEF\xBB\xBF", 3) == 0)
    p += 3;
  for (;;)
    {
      while (p < end && g_ascii_isspace (*p))
        p++;
      if (end - p >= 2 && p[0] == '<' && p[1] == '?')
        {
          const char *close = g_strstr_len (p, end - p, "?>");
          if (close == NULL)
            return NULL;
          p = close + 2;
        }
      else if (end - p >= 4 && memcmp (p, "<!--", 4) == 0)
        {
          const char *close = g_strstr_len (p, end - p, "-->");
          if (close == NULL)
            return NULL;
          p = close + 3;
        }
      else
        break;
    }

  if (end - p < 9 || memcmp (p, "<!DOCTYPE", 9) != 0)
    return NULL;

  /* Walk to the '>' that closes the declaration, through quoted literals and the internal
   * subset in brackets. */
  {
    char quote = 0;
    guint brackets = 0;

    for (p += 9; p < end; p++)
      {
        if (quote != 0)
          {
            if (*p == quote)
              quote = 0;
            continue;
          }
        if (*p == '"' || *p == '\'')
          quote = *p;
        else if (*p == '[')
          brackets++;
        else if (*p == ']' && brackets > 0)
          brackets--;
        else if (brackets > 0 && end - p >= 8 && memcmp (p, "<!ENTITY", 8) == 0)
          *declares_entities = TRUE;
        else if (*p == '>' && brackets == 0)
          return p;
      }
  }
  return end;
}

xmlDoc *
pl_xml_parse (const char  *data,
              gsize        length,
              const char  *display_name,
              const char  *part_name,
              GError     **error)
{
  xmlParserCtxt *context;
  xmlDoc *doc;
  gboolean declares_entities;
  g_autofree char *where = NULL;

  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (display_name != NULL, NULL);

  where = part_name != NULL
            ? g_strdup_printf (_("“%s” is damaged: its part “%s”"), display_name, part_name)
            : g_strdup_printf ("“%s”", display_name);

  if (length > G_MAXINT)
    {
      g_set_error (error, PL_IMPORT_ERROR, PL_IMPORT_ERROR_TOO_LARGE,
                   _("%s is too large to read as XML."), where);
      return NULL;
    }

  scan_doctype (data != NULL ? data : "", (data != NULL ? data : "") + length, &declares_entities);
  if (declares_entities)
    {
      g_set_error (error, PL_IMPORT_ERROR, PL_IMPORT_ERROR_MALFORMED,
                   _("%s declares XML entities, which Plenary does not read (no REFI-QDA, "
                     "Word or OpenDocument file needs them)."), where);
      return NULL;
    }

  context = xmlNewParserCtxt ();
  if (context == NULL)
    g_error ("Out of memory creating an XML parser");

  /* No XML_PARSE_HUGE (it turns off libxml2's guards against entity amplification and deep
   * nesting), no XML_PARSE_NOENT or XML_PARSE_DTDLOAD, no network. */
  doc = xmlCtxtReadMemory (context, data != NULL ? data : "", (int) length,
                           part_name != NULL ? part_name : display_name, NULL,
                           XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING |
                           XML_PARSE_NOCDATA);
  if (doc == NULL || !context->wellFormed || xmlDocGetRootElement (doc) == NULL)
    {
      const xmlError *xml_error = xmlCtxtGetLastError (context);
      g_autofree char *reason = NULL;

      if (xml_error != NULL && xml_error->message != NULL)
        reason = g_strstrip (g_strdup (xml_error->message));
      else
        reason = g_strdup (_("the document is empty"));

      if (xml_error != NULL && xml_error->line > 0)
        g_set_error (error, PL_IMPORT_ERROR, PL_IMPORT_ERROR_MALFORMED,
                     _("%s is not well-formed XML (line %d: %s)."), where, xml_error->line, reason);
      else
        g_set_error (error, PL_IMPORT_ERROR, PL_IMPORT_ERROR_MALFORMED,
                     _("%s is not well-formed XML (%s)."), where, reason);
      g_clear_pointer (&doc, xmlFreeDoc);
    }

  xmlFreeParserCtxt (context);
  return doc;
}

gboolean
pl_xml_is_element (const xmlNode *node,
                   const char    *ns,
                   const char    *name)
{
  g_return_val_if_fail (name != NULL, FALSE);

  if (node == NULL || node->type != XML_ELEMENT_NODE || strcmp ((const char *) node->name, name) != 0)
    return FALSE;
  if (ns == NULL)
    return TRUE;
  return node->ns != NULL && node->ns->href != NULL && strcmp ((const char *) node->ns->href, ns) == 0;
}

xmlNode *
pl_xml_first_child (const xmlNode *node,
                    const char    *name)
{
  g_return_val_if_fail (name != NULL, NULL);

  if (node == NULL)
    return NULL;
  for (xmlNode *child = node->children; child != NULL; child = child->next)
    if (pl_xml_is_element (child, NULL, name))
      return child;
  return NULL;
}

char *
pl_xml_dup_attribute (const xmlNode *node,
                      const char    *name)
{
  xmlChar *value;
  char *copy;

  g_return_val_if_fail (name != NULL, NULL);

  if (node == NULL)
    return NULL;
  value = xmlGetProp (node, (const xmlChar *) name);
  if (value == NULL)
    return NULL;
  copy = g_strdup ((const char *) value);
  xmlFree (value);
  return copy;
}
