/* pl-xml.h — the one XML helper: safe parsing and element tests
 *
 * Every XML reader of Plenary parses through pl_xml_parse() (or, for a document too large
 * to hold as a tree, pl_xml_stream_new()): no network, no DTD loading, no entity
 * substitution, libxml2's amplification and depth guards left on (never XML_PARSE_HUGE),
 * and a document that declares entities in its DOCTYPE is refused before parsing
 * (REFI-QDA, Word and OpenDocument files never need them).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <libxml/tree.h>
#include <libxml/xmlreader.h>

G_BEGIN_DECLS

/* Parses @length bytes of @data.  @display_name names the file in messages; @part_name,
 * when not NULL, names the part inside an archive ("word/document.xml").  Errors are
 * PL_IMPORT_ERROR_MALFORMED.  Free the result with xmlFreeDoc(). */
xmlDoc      *pl_xml_parse               (const char  *data,
                                         gsize        length,
                                         const char  *display_name,
                                         const char  *part_name,
                                         GError     **error);

/* Streaming: a large document read node by node (libxml2's xmlTextReader) rather than into
 * a tree, with the same options, guards and refusal of entities as pl_xml_parse().  A
 * part of it can still be had as a tree (pl_xml_stream_expand()), valid until the stream
 * moves on. */
typedef struct _PlXmlStream PlXmlStream;

/* Reads the next bytes of a document into @buffer (at most @size): the number read, 0 at
 * its end, -1 with @error. */
typedef gssize (*PlXmlInputFunc) (gpointer   data,
                                  char      *buffer,
                                  gsize      size,
                                  GError   **error);

/* A stream over @input; its prolog is read and looked at for entities first. */
PlXmlStream *pl_xml_stream_new          (PlXmlInputFunc   input,
                                         gpointer         input_data,
                                         const char      *display_name,
                                         const char      *part_name,
                                         GError         **error);
/* A stream over @length bytes of @data, which must outlive it. */
PlXmlStream *pl_xml_stream_new_for_data (const char      *data,
                                         gsize            length,
                                         const char      *display_name,
                                         const char      *part_name,
                                         GError         **error);
void         pl_xml_stream_free         (PlXmlStream     *stream);
/* The reader, to look at the current node (xmlTextReaderNodeType(), xmlTextReaderDepth(),
 * xmlTextReaderCurrentNode() …); it moves only through the functions below. */
xmlTextReader *pl_xml_stream_get_reader (PlXmlStream     *stream);
/* To the next node (pl_xml_stream_read()), or past the current one and what it holds
 * (pl_xml_stream_skip()): TRUE at a node, FALSE at the end of the document or with
 * @error, either the input's or PL_IMPORT_ERROR_MALFORMED for XML that is not
 * well-formed. */
gboolean     pl_xml_stream_read         (PlXmlStream     *stream,
                                         GError         **error);
gboolean     pl_xml_stream_skip         (PlXmlStream     *stream,
                                         GError         **error);
/* The current node with everything it holds, read in; NULL with @error. */
xmlNode     *pl_xml_stream_expand       (PlXmlStream     *stream,
                                         GError         **error);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PlXmlStream, pl_xml_stream_free)

/* TRUE when @node is an element named @name, in namespace @ns (NULL: any namespace). */
gboolean     pl_xml_is_element          (const xmlNode *node,
                                         const char    *ns,
                                         const char    *name);
/* The first child element of @node named @name (any namespace), or NULL. */
xmlNode     *pl_xml_first_child         (const xmlNode *node,
                                         const char    *name);
/* The attribute @name of @node as a newly allocated string, or NULL. */
char        *pl_xml_dup_attribute       (const xmlNode *node,
                                         const char    *name);

G_END_DECLS
