/* pl-xml.h — the one XML helper: safe parsing and element tests
 *
 * Every XML reader of Plenary parses through pl_xml_parse(): no network, no DTD loading,
 * no entity substitution, libxml2's amplification and depth guards left on (never
 * XML_PARSE_HUGE), and a document that declares entities in its DOCTYPE is refused before
 * parsing (REFI-QDA, Word and OpenDocument files never need them).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <libxml/tree.h>

G_BEGIN_DECLS

/* Parses @length bytes of @data.  @display_name names the file in messages; @part_name,
 * when not NULL, names the part inside an archive ("word/document.xml").  Errors are
 * PL_IMPORT_ERROR_MALFORMED.  Free the result with xmlFreeDoc(). */
xmlDoc      *pl_xml_parse               (const char  *data,
                                         gsize        length,
                                         const char  *display_name,
                                         const char  *part_name,
                                         GError     **error);

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
