/* pl-xml.c — the one XML helper
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "plenary-xml"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>
#include <libxml/parser.h>
#include <libxml/xmlreader.h>

#include "pl-error.h"
#include "pl-xml.h"

/* The end of the prolog's DOCTYPE declaration that starts at @p, or NULL when there is
 * none before the root element.  Sets *@declares_entities when its internal subset holds
 * an <!ENTITY declaration, and *@incomplete when the data ended before that could be told
 * (the beginning of a document being streamed). */
static const char *
scan_doctype (const char *p,
              const char *end,
              gboolean   *declares_entities,
              gboolean   *incomplete)
{
  *declares_entities = FALSE;
  *incomplete = FALSE;

  /* Skip a byte-order mark, white space, the XML declaration, comments and processing
   * instructions. */
  if (end - p < 3 && memcmp (p, "\xEF\xBB\xBF", end - p) == 0)
    {
      *incomplete = TRUE;
      return NULL;
    }
  if (end - p >= 3 && memcmp (p, "\xEF\xBB\xBF", 3) == 0)
    p += 3;
  for (;;)
    {
      while (p < end && g_ascii_isspace (*p))
        p++;
      if (end - p < 4 && memcmp (p, "<!--", end - p) == 0)
        {
          *incomplete = TRUE;
          return NULL;
        }
      if (end - p >= 2 && p[0] == '<' && p[1] == '?')
        {
          const char *close = g_strstr_len (p, end - p, "?>");
          if (close == NULL)
            {
              *incomplete = TRUE;
              return NULL;
            }
          p = close + 2;
        }
      else if (end - p >= 4 && memcmp (p, "<!--", 4) == 0)
        {
          const char *close = g_strstr_len (p, end - p, "-->");
          if (close == NULL)
            {
              *incomplete = TRUE;
              return NULL;
            }
          p = close + 3;
        }
      else
        break;
    }

  if (end - p < 9 && memcmp (p, "<!DOCTYPE", end - p) == 0)
    *incomplete = TRUE;
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
  *incomplete = TRUE;
  return end;
}

/* "“file”", or "“file” is damaged: its part “part”", as messages begin. */
static char *
describe_where (const char *display_name,
                const char *part_name)
{
  return part_name != NULL
           ? g_strdup_printf (_("“%s” is damaged: its part “%s”"), display_name, part_name)
           : g_strdup_printf ("“%s”", display_name);
}

static void
set_entities_error (GError     **error,
                    const char  *where)
{
  g_set_error (error, PL_IMPORT_ERROR, PL_IMPORT_ERROR_MALFORMED,
               _("%s declares XML entities, which Plenary does not read (no REFI-QDA, "
                 "Word or OpenDocument file needs them)."), where);
}

/* The message of a document libxml2 could not parse, from its last error (NULL: none). */
static void
set_malformed_error (GError         **error,
                     const char      *where,
                     const char      *message,
                     int              line)
{
  g_autofree char *reason = NULL;

  if (message != NULL)
    reason = g_strstrip (g_strdup (message));
  else
    reason = g_strdup (_("the document is empty"));

  if (line > 0)
    g_set_error (error, PL_IMPORT_ERROR, PL_IMPORT_ERROR_MALFORMED,
                 _("%s is not well-formed XML (line %d: %s)."), where, line, reason);
  else
    g_set_error (error, PL_IMPORT_ERROR, PL_IMPORT_ERROR_MALFORMED,
                 _("%s is not well-formed XML (%s)."), where, reason);
}

/* What is refused of a whole document before parsing: one too large for libxml2, one
 * that declares entities. */
static gboolean
check_whole (const char  *data,
             gsize        length,
             const char  *where,
             GError     **error)
{
  gboolean declares_entities;
  gboolean incomplete;

  if (length > G_MAXINT)
    {
      g_set_error (error, PL_IMPORT_ERROR, PL_IMPORT_ERROR_TOO_LARGE,
                   _("%s is too large to read as XML."), where);
      return FALSE;
    }

  scan_doctype (data != NULL ? data : "", (data != NULL ? data : "") + length,
                &declares_entities, &incomplete);
  if (declares_entities)
    {
      set_entities_error (error, where);
      return FALSE;
    }
  return TRUE;
}

/* No XML_PARSE_HUGE (it turns off libxml2's guards against entity amplification and deep
 * nesting), no XML_PARSE_NOENT or XML_PARSE_DTDLOAD, no network. */
#define PARSE_OPTIONS (XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | \
                       XML_PARSE_NOCDATA)

xmlDoc *
pl_xml_parse (const char  *data,
              gsize        length,
              const char  *display_name,
              const char  *part_name,
              GError     **error)
{
  xmlParserCtxt *context;
  xmlDoc *doc;
  g_autofree char *where = NULL;

  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (display_name != NULL, NULL);

  where = describe_where (display_name, part_name);
  if (!check_whole (data, length, where, error))
    return NULL;

  context = xmlNewParserCtxt ();
  if (context == NULL)
    g_error ("Out of memory creating an XML parser");

  doc = xmlCtxtReadMemory (context, data != NULL ? data : "", (int) length,
                           part_name != NULL ? part_name : display_name, NULL, PARSE_OPTIONS);
  if (doc == NULL || !context->wellFormed || xmlDocGetRootElement (doc) == NULL)
    {
      const xmlError *xml_error = xmlCtxtGetLastError (context);

      set_malformed_error (error, where,
                           xml_error != NULL ? xml_error->message : NULL,
                           xml_error != NULL ? xml_error->line : 0);
      g_clear_pointer (&doc, xmlFreeDoc);
    }

  xmlFreeParserCtxt (context);
  return doc;
}

/* Streaming */

#define HEAD_CHUNK_BYTES (64 * 1024)

struct _PlXmlStream
{
  xmlTextReader  *reader;
  char           *where;
  PlXmlInputFunc  input;
  gpointer        input_data;
  GByteArray     *head;        /* read from @input before parsing, not yet handed on */
  gsize           head_given;
  GError         *input_error; /* the first failure of @input */
  char           *message;     /* libxml2's last error */
  int             line;
};

static void
record_error (void                    *data,
              const char              *message,
              xmlParserSeverities      severity,
              xmlTextReaderLocatorPtr  locator)
{
  PlXmlStream *stream = data;

  g_free (stream->message);
  stream->message = g_strdup (message);
  stream->line = xmlTextReaderLocatorLineNumber (locator);
}

static int
read_input (void *data,
            char *buffer,
            int   length)
{
  PlXmlStream *stream = data;
  gssize n;

  if (stream->head != NULL && stream->head_given < stream->head->len)
    {
      gsize given = MIN ((gsize) length, stream->head->len - stream->head_given);

      memcpy (buffer, stream->head->data + stream->head_given, given);
      stream->head_given += given;
      return (int) given;
    }
  g_clear_pointer (&stream->head, g_byte_array_unref);

  if (stream->input_error != NULL)
    return -1;
  n = stream->input (stream->input_data, buffer, (gsize) length, &stream->input_error);
  return n < 0 ? -1 : (int) n;
}

static int
close_input (void *data)
{
  return 0;
}

static PlXmlStream *
stream_new (const char *display_name,
            const char *part_name)
{
  PlXmlStream *stream = g_new0 (PlXmlStream, 1);

  stream->where = describe_where (display_name, part_name);
  return stream;
}

static PlXmlStream *
stream_start (PlXmlStream *stream)
{
  if (stream->reader == NULL)
    g_error ("Out of memory creating an XML reader");
  xmlTextReaderSetErrorHandler (stream->reader, record_error, stream);
  return stream;
}

PlXmlStream *
pl_xml_stream_new (PlXmlInputFunc   input,
                   gpointer         input_data,
                   const char      *display_name,
                   const char      *part_name,
                   GError         **error)
{
  g_autoptr(PlXmlStream) stream = NULL;
  gboolean declares_entities = FALSE;
  gboolean incomplete = TRUE;

  g_return_val_if_fail (input != NULL, NULL);
  g_return_val_if_fail (display_name != NULL, NULL);

  stream = stream_new (display_name, part_name);
  stream->input = input;
  stream->input_data = input_data;
  stream->head = g_byte_array_new ();

  /* The prolog, read far enough to tell whether it declares entities, is looked at before
   * the parser sees any of it. */
  while (incomplete)
    {
      guint length = stream->head->len;
      gssize n;

      g_byte_array_set_size (stream->head, length + HEAD_CHUNK_BYTES);
      n = input (input_data, (char *) stream->head->data + length, HEAD_CHUNK_BYTES, error);
      if (n < 0)
        return NULL;
      g_byte_array_set_size (stream->head, length + (guint) n);
      scan_doctype ((const char *) stream->head->data,
                    (const char *) stream->head->data + stream->head->len,
                    &declares_entities, &incomplete);
      if (n == 0)
        break;
    }
  if (declares_entities)
    {
      set_entities_error (error, stream->where);
      return NULL;
    }

  stream->reader = xmlReaderForIO (read_input, close_input, stream,
                                   part_name != NULL ? part_name : display_name, NULL,
                                   PARSE_OPTIONS);
  return stream_start (g_steal_pointer (&stream));
}

PlXmlStream *
pl_xml_stream_new_for_data (const char  *data,
                            gsize        length,
                            const char  *display_name,
                            const char  *part_name,
                            GError     **error)
{
  g_autoptr(PlXmlStream) stream = NULL;

  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (display_name != NULL, NULL);

  stream = stream_new (display_name, part_name);
  if (!check_whole (data, length, stream->where, error))
    return NULL;

  stream->reader = xmlReaderForMemory (data != NULL ? data : "", (int) length,
                                       part_name != NULL ? part_name : display_name, NULL,
                                       PARSE_OPTIONS);
  return stream_start (g_steal_pointer (&stream));
}

void
pl_xml_stream_free (PlXmlStream *stream)
{
  if (stream == NULL)
    return;

  g_clear_pointer (&stream->reader, xmlFreeTextReader);
  g_clear_pointer (&stream->head, g_byte_array_unref);
  g_clear_error (&stream->input_error);
  g_free (stream->message);
  g_free (stream->where);
  g_free (stream);
}

xmlTextReader *
pl_xml_stream_get_reader (PlXmlStream *stream)
{
  g_return_val_if_fail (stream != NULL, NULL);

  return stream->reader;
}

/* TRUE for 1 (at a node), FALSE for 0 (the end) and -1 (with @error). */
static gboolean
stream_result (PlXmlStream  *stream,
               int           result,
               GError      **error)
{
  if (result == 1)
    return TRUE;
  if (result == 0)
    return FALSE;

  if (stream->input_error != NULL)
    g_propagate_error (error, g_error_copy (stream->input_error));
  else
    set_malformed_error (error, stream->where, stream->message, stream->line);
  return FALSE;
}

gboolean
pl_xml_stream_read (PlXmlStream  *stream,
                    GError      **error)
{
  g_return_val_if_fail (stream != NULL, FALSE);

  return stream_result (stream, xmlTextReaderRead (stream->reader), error);
}

gboolean
pl_xml_stream_skip (PlXmlStream  *stream,
                    GError      **error)
{
  g_return_val_if_fail (stream != NULL, FALSE);

  return stream_result (stream, xmlTextReaderNext (stream->reader), error);
}

xmlNode *
pl_xml_stream_expand (PlXmlStream  *stream,
                      GError      **error)
{
  xmlNode *node;

  g_return_val_if_fail (stream != NULL, NULL);

  node = xmlTextReaderExpand (stream->reader);
  if (node == NULL)
    stream_result (stream, -1, error);
  return node;
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
