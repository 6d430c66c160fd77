/* pl-import-office.c — the text of word-processor documents: DOCX and ODT (ZIP + XML)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "plenary-importer"

#include "config.h"

#include <string.h>

#include <archive.h>
#include <archive_entry.h>
#include <glib/gi18n.h>
#include <libxml/parser.h>
#include <libxml/tree.h>

#include "pl-archive.h"
#include "pl-error.h"
#include "pl-import-private.h"
#include "pl-limits.h"
#include "pl-xml.h"


#define ODT_MIMETYPE "application/vnd.oasis.opendocument.text"

/* WordprocessingML, transitional and strict. */
#define W_NS "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
#define W_STRICT_NS "http://purl.oclc.org/ooxml/wordprocessingml/main"
#define MC_NS "http://schemas.openxmlformats.org/markup-compatibility/2006"
#define DCTERMS_NS "http://purl.org/dc/terms/"
#define DC_NS "http://purl.org/dc/elements/1.1/"

#define OFFICE_NS "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
#define TEXT_NS "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
#define META_NS "urn:oasis:names:tc:opendocument:xmlns:meta:1.0"
#define STYLE_NS "urn:oasis:names:tc:opendocument:xmlns:style:1.0"
#define FO_NS "urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"
#define SVG_NS "urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"

/* Most spaces one <text:s> may stand for. */
#define MAX_ODT_SPACES 1024

G_DEFINE_AUTOPTR_CLEANUP_FUNC (xmlDoc, xmlFreeDoc)

/* Reading the archive */

static struct archive *
open_zip (const guint8 *data,
          gsize         length)
{
  struct archive *archive = archive_read_new ();

  archive_read_support_format_zip (archive);
  if (archive_read_open_memory (archive, data, length) != ARCHIVE_OK)
    {
      archive_read_free (archive);
      return NULL;
    }

  return archive;
}

static const char *
entry_name (struct archive_entry *entry)
{
  const char *name = archive_entry_pathname_utf8 (entry);

  return name != NULL ? name : archive_entry_pathname (entry);
}

static gboolean
contains_bytes (const guint8 *data,
                gsize         length,
                const char   *needle)
{
  gsize needle_length = strlen (needle);

  if (length < needle_length)
    return FALSE;

  for (const guint8 *p = data; p != NULL && p <= data + length - needle_length; p++)
    {
      p = memchr (p, needle[0], data + length - needle_length - p + 1);
      if (p == NULL)
        return FALSE;
      if (memcmp (p, needle, needle_length) == 0)
        return TRUE;
    }

  return FALSE;
}

static gboolean
is_odt_mimetype (const char *mimetype,
                 gsize       length)
{
  gsize prefix = strlen (ODT_MIMETYPE);

  while (length > 0 && g_ascii_isspace (mimetype[length - 1]))
    length--;

  return length >= prefix && memcmp (mimetype, ODT_MIMETYPE, prefix) == 0 &&
         (length == prefix ||
          (length == prefix + strlen ("-template") &&
           memcmp (mimetype + prefix, "-template", strlen ("-template")) == 0));
}

PlZipKind
pl_import_office_sniff (const guint8 *data,
                        gsize         length)
{
  struct archive *archive;
  struct archive_entry *entry;
  PlZipKind kind = PL_ZIP_KIND_OTHER;
  gboolean readable = TRUE;
  int status;

  g_return_val_if_fail (data != NULL || length == 0, PL_ZIP_KIND_OTHER);

  archive = open_zip (data, length);
  if (archive == NULL)
    readable = FALSE;

  while (readable && kind == PL_ZIP_KIND_OTHER &&
         (status = archive_read_next_header (archive, &entry)) != ARCHIVE_EOF)
    {
      const char *name;

      if (status != ARCHIVE_OK && status != ARCHIVE_WARN)
        {
          readable = FALSE;
          break;
        }

      name = entry_name (entry);
      if (g_strcmp0 (name, "word/document.xml") == 0)
        kind = PL_ZIP_KIND_DOCX;
      else if (g_strcmp0 (name, "mimetype") == 0)
        {
          char mimetype[128];
          la_ssize_t n = archive_read_data (archive, mimetype, sizeof mimetype);

          if (n > 0 && is_odt_mimetype (mimetype, n))
            kind = PL_ZIP_KIND_ODT;
        }
    }

  if (archive != NULL)
    archive_read_free (archive);

  if (readable)
    return kind;

  /* A damaged archive: tell by the names in its bytes, so that the reader says it is
   * damaged instead of calling it any ZIP archive. */
  if (length > 38 && memcmp (data + 30, "mimetype", 8) == 0 &&
      is_odt_mimetype ((const char *) data + 38, MIN (length - 38, strlen (ODT_MIMETYPE))))
    return PL_ZIP_KIND_ODT;
  if (contains_bytes (data, length, "word/document.xml"))
    return PL_ZIP_KIND_DOCX;

  return kind;
}

gboolean
pl_import_office_is_encrypted_ole (const guint8 *data,
                                   gsize         length)
{
  /* "EncryptedPackage" as a UTF-16LE directory entry name. */
  static const char encrypted_package[] =
    "E\0n\0c\0r\0y\0p\0t\0e\0d\0P\0a\0c\0k\0a\0g\0e\0";
  gsize needle_length = sizeof encrypted_package - 1;

  g_return_val_if_fail (data != NULL || length == 0, FALSE);

  if (length < 8 || memcmp (data, "\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", 8) != 0)
    return FALSE;

  for (gsize i = 0; i + needle_length <= length; i++)
    if (data[i] == 'E' && memcmp (data + i, encrypted_package, needle_length) == 0)
      return TRUE;

  return FALSE;
}

typedef struct
{
  const char * const *names;
} WantedParts;

static gboolean
want_part (const char *name,
           gpointer    data)
{
  const WantedParts *wanted = data;

  return g_strv_contains (wanted->names, name);
}

/* The archive being read. */
typedef struct
{
  const guint8 *data;
  gsize         length;
  const char   *display_name;
  GCancellable *cancellable;
} OfficeFile;

/* Reads the entries named in @names (NULL-terminated) into @parts (as many items, NULL
 * for an entry the archive does not have). */
static gboolean
read_parts (const OfficeFile    *file,
            const char * const  *names,
            GBytes             **parts,
            GError             **error)
{
  WantedParts wanted = { names };
  PlArchiveOptions options = {
    .display_name = file->display_name,
    .max_entry_bytes = PL_IMPORT_MAX_ENTRY_BYTES,
    .want = want_part,
    .want_data = &wanted,
    .cancellable = file->cancellable,
  };
  g_autoptr(GHashTable) entries = pl_archive_read_zip (file->data, file->length, &options, error);

  if (entries == NULL)
    return FALSE;

  for (guint i = 0; names[i] != NULL; i++)
    {
      GBytes *bytes = g_hash_table_lookup (entries, names[i]);

      parts[i] = bytes != NULL ? g_bytes_ref (bytes) : NULL;
    }
  return TRUE;
}

static void
clear_parts (GBytes **parts,
             guint    n_parts)
{
  for (guint i = 0; i < n_parts; i++)
    g_clear_pointer (&parts[i], g_bytes_unref);
}

/* Parsing XML parts */

/* Elements named "p" or "h" in any namespace (<w:p>, <text:p>, <text:h>): the paragraphs,
 * counted in the bytes, before a parse that would take several times their size. */
static guint
count_paragraphs (const char *data,
                  gsize       size)
{
  const char *end = data + size;
  guint n = 0;

  for (const char *p = memchr (data, '<', size); p != NULL && p + 2 < end;
       p = memchr (p + 1, '<', end - p - 1))
    {
      const char *name = p + 1;
      const char *stop = name;

      while (stop < end && !g_ascii_isspace (*stop) && *stop != '>' && *stop != '/')
        stop++;
      for (const char *colon = stop; colon > name; colon--)
        if (colon[-1] == ':')
          {
            name = colon;
            break;
          }
      if (stop - name == 1 && (*name == 'p' || *name == 'h'))
        n++;
    }
  return n;
}

static xmlDoc *
parse_part (GBytes      *bytes,
            const char  *part_name,
            const char  *display_name,
            GError     **error)
{
  gsize size = 0;
  const char *data = g_bytes_get_data (bytes, &size);
  guint n_paragraphs;

  g_assert (size <= PL_IMPORT_MAX_ENTRY_BYTES);
  n_paragraphs = data != NULL ? count_paragraphs (data, size) : 0;
  if (n_paragraphs > PL_LIMIT_STATEMENTS)
    {
      g_set_error (error, PL_IMPORT_ERROR, PL_IMPORT_ERROR_TOO_LARGE,
                   _("“%s” has %u paragraphs, more than the %u statements Plenary keeps in "
                     "one document. Split it into several files."),
                   display_name, n_paragraphs, (guint) PL_LIMIT_STATEMENTS);
      return NULL;
    }
  return pl_xml_parse (data, size, display_name, part_name, error);
}

static gboolean
is_w (xmlNode    *node,
      const char *name)
{
  return pl_xml_is_element (node, W_NS, name) || pl_xml_is_element (node, W_STRICT_NS, name);
}

static gboolean
has_w_ns (xmlNode *node)
{
  return node->type == XML_ELEMENT_NODE && node->ns != NULL && node->ns->href != NULL &&
         (strcmp ((const char *) node->ns->href, W_NS) == 0 ||
          strcmp ((const char *) node->ns->href, W_STRICT_NS) == 0);
}

static char *
dup_ns_attribute (xmlNode    *node,
                  const char *ns,
                  const char *name)
{
  xmlChar *value = xmlGetNsProp (node, (const xmlChar *) name, (const xmlChar *) ns);
  char *copy;

  if (value == NULL)
    return NULL;

  copy = g_strdup ((const char *) value);
  xmlFree (value);
  return copy;
}

static char *
dup_w_attribute (xmlNode    *node,
                 const char *name)
{
  char *value = dup_ns_attribute (node, W_NS, name);

  return value != NULL ? value : dup_ns_attribute (node, W_STRICT_NS, name);
}

static char *
dup_content (xmlNode *node)
{
  xmlChar *content = xmlNodeGetContent (node);
  char *copy = g_strdup (content != NULL ? (const char *) content : "");

  xmlFree (content);
  return copy;
}

/* The first element @ns:@name under @node (depth first), or NULL. */
static xmlNode *
find_element (xmlNode    *node,
              const char *ns,
              const char *name)
{
  for (xmlNode *child = node->children; child != NULL; child = child->next)
    {
      xmlNode *found;

      if (child->type != XML_ELEMENT_NODE)
        continue;
      if (pl_xml_is_element (child, ns, name))
        return child;

      found = find_element (child, ns, name);
      if (found != NULL)
        return found;
    }

  return NULL;
}

/* A language tag as office files write it ("en-GB"), or NULL for none ("zxx", "none"). */
static char *
dup_language (const char *language,
              const char *country)
{
  g_autofree char *tag = NULL;

  if (language == NULL)
    return NULL;

  tag = g_strstrip (g_strdup (language));
  if (*tag == '\0' || g_ascii_strcasecmp (tag, "zxx") == 0 ||
      g_ascii_strcasecmp (tag, "none") == 0 || strlen (tag) > 35)
    return NULL;

  for (char *p = tag; *p != '\0'; p++)
    {
      if (*p == '_')
        *p = '-';
      else if (!g_ascii_isalnum (*p) && *p != '-')
        return NULL;
    }

  if (country != NULL && *country != '\0' && g_ascii_strcasecmp (country, "none") != 0 &&
      strchr (tag, '-') == NULL)
    return g_strdup_printf ("%s-%s", tag, country);

  return g_steal_pointer (&tag);
}

/* DOCX */

typedef struct
{
  GString   *out;
  GString   *paragraph;
  GPtrArray *notes;      /* NoteRef in order of reference; NULL inside notes */
} DocxWalk;

typedef struct
{
  gboolean  endnote;
  char     *id;
} NoteRef;

static void
note_ref_free (NoteRef *ref)
{
  g_free (ref->id);
  g_free (ref);
}

/* WordprocessingML elements whose content is not text: properties, deleted and moved-away
 * text, field instructions. */
static const char * const docx_skipped[] = {
  "pPr", "rPr", "sectPr", "tblPr", "trPr", "tcPr", "tblGrid", "del", "moveFrom",
  "instrText", "delText", "fldData", "commentReference", "annotationRef",
};

static void walk_docx (DocxWalk *walk,
                       xmlNode  *node);

static void
walk_docx_paragraph (DocxWalk *walk,
                     xmlNode  *paragraph)
{
  GString *outer = walk->paragraph;

  /* A paragraph inside a paragraph (a text box) becomes a block of its own. */
  walk->paragraph = g_string_new (NULL);
  walk_docx (walk, paragraph);
  pl_import_append_block (walk->out, walk->paragraph->str);
  g_string_free (walk->paragraph, TRUE);
  walk->paragraph = outer;
}

static void
walk_docx (DocxWalk *walk,
           xmlNode  *node)
{
  for (xmlNode *child = node->children; child != NULL; child = child->next)
    {
      gboolean skipped = FALSE;

      if (child->type != XML_ELEMENT_NODE)
        continue;

      /* mc:AlternateContent: the first choice is read, the fallback repeats it. */
      if (pl_xml_is_element (child, MC_NS, "Fallback"))
        continue;

      if (!has_w_ns (child))
        {
          walk_docx (walk, child);
          continue;
        }

      for (guint i = 0; i < G_N_ELEMENTS (docx_skipped) && !skipped; i++)
        skipped = strcmp ((const char *) child->name, docx_skipped[i]) == 0;
      if (skipped)
        continue;

      if (is_w (child, "p"))
        walk_docx_paragraph (walk, child);
      else if (walk->paragraph == NULL)
        walk_docx (walk, child);
      else if (is_w (child, "t"))
        {
          g_autofree char *text = dup_content (child);

          g_string_append (walk->paragraph, text);
        }
      else if (is_w (child, "tab") || is_w (child, "ptab"))
        g_string_append_c (walk->paragraph, '\t');
      else if (is_w (child, "br") || is_w (child, "cr"))
        g_string_append_c (walk->paragraph, '\n');
      else if (is_w (child, "noBreakHyphen"))
        g_string_append_c (walk->paragraph, '-');
      else if (is_w (child, "footnoteReference") || is_w (child, "endnoteReference"))
        {
          NoteRef *ref;

          if (walk->notes == NULL)
            continue;

          ref = g_new0 (NoteRef, 1);
          ref->endnote = is_w (child, "endnoteReference");
          ref->id = dup_w_attribute (child, "id");
          g_ptr_array_add (walk->notes, ref);
          g_string_append_printf (walk->paragraph, "[%u]", walk->notes->len);
        }
      else
        walk_docx (walk, child);
    }
}

/* The w:footnote (or w:endnote) elements of a notes part by id, without separators. */
static GHashTable *
index_notes (xmlDoc     *doc,
             const char *element)
{
  GHashTable *notes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  xmlNode *root;

  if (doc == NULL)
    return notes;

  root = xmlDocGetRootElement (doc);
  for (xmlNode *child = root->children; child != NULL; child = child->next)
    {
      g_autofree char *type = NULL;
      char *id;

      if (!is_w (child, element))
        continue;

      type = dup_w_attribute (child, "type");
      if (type != NULL && strcmp (type, "normal") != 0)
        continue;

      id = dup_w_attribute (child, "id");
      if (id != NULL)
        g_hash_table_insert (notes, id, child);
    }

  return notes;
}

/* The paragraphs of a note's blocks (in @blocks, separated by blank lines) as lines. */
static char *
join_note_paragraphs (const char *blocks)
{
  g_auto(GStrv) paragraphs = g_strsplit (blocks, "\n\n", -1);

  return g_strjoinv ("\n", paragraphs);
}

/* "[n] text" for each note referenced, in order of reference. */
static void
append_docx_notes (GString    *out,
                   GPtrArray  *refs,
                   GHashTable *footnotes,
                   GHashTable *endnotes)
{
  for (guint i = 0; i < refs->len; i++)
    {
      NoteRef *ref = g_ptr_array_index (refs, i);
      g_autoptr(GString) paragraphs = g_string_new (NULL);
      g_autofree char *lines = NULL;
      g_autofree char *block = NULL;
      DocxWalk walk = { paragraphs, NULL, NULL };
      xmlNode *note = NULL;

      if (ref->id != NULL)
        note = g_hash_table_lookup (ref->endnote ? endnotes : footnotes, ref->id);
      if (note == NULL)
        continue;

      walk_docx (&walk, note);
      lines = join_note_paragraphs (paragraphs->str);
      if (*lines == '\0')
        continue;

      block = g_strdup_printf ("[%u] %s", i + 1, lines);
      pl_import_append_block (out, block);
    }
}

static char *
docx_language (xmlDoc *styles,
               xmlDoc *document)
{
  xmlNode *lang = NULL;
  char *value = NULL;

  if (styles != NULL)
    {
      xmlNode *defaults = find_element (xmlDocGetRootElement (styles), W_NS, "docDefaults");

      if (defaults == NULL)
        defaults = find_element (xmlDocGetRootElement (styles), W_STRICT_NS, "docDefaults");
      if (defaults != NULL)
        {
          lang = find_element (defaults, W_NS, "lang");
          if (lang == NULL)
            lang = find_element (defaults, W_STRICT_NS, "lang");
        }
    }

  if (lang != NULL)
    {
      g_autofree char *val = dup_w_attribute (lang, "val");

      value = dup_language (val, NULL);
    }

  if (value == NULL)
    {
      lang = find_element (xmlDocGetRootElement (document), W_NS, "lang");
      if (lang == NULL)
        lang = find_element (xmlDocGetRootElement (document), W_STRICT_NS, "lang");
      if (lang != NULL)
        {
          g_autofree char *val = dup_w_attribute (lang, "val");

          value = dup_language (val, NULL);
        }
    }

  return value;
}

static char *
docx_date (xmlDoc *core)
{
  xmlNode *created;
  g_autofree char *text = NULL;

  if (core == NULL)
    return NULL;

  created = find_element ((xmlNode *) core, DCTERMS_NS, "created");
  if (created == NULL)
    return NULL;

  text = dup_content (created);
  return pl_import_parse_iso_date (text);
}

enum
{
  DOCX_DOCUMENT,
  DOCX_FOOTNOTES,
  DOCX_ENDNOTES,
  DOCX_STYLES,
  DOCX_CORE,
  N_DOCX_PARTS,
};

char *
pl_import_docx (const guint8     *data,
                gsize             length,
                const char       *display_name,
                PlImportedText   *out,
                GCancellable     *cancellable,
                GError          **error)
{
  static const char * const names[N_DOCX_PARTS + 1] = {
    "word/document.xml", "word/footnotes.xml", "word/endnotes.xml", "word/styles.xml",
    "docProps/core.xml", NULL,
  };
  GBytes *parts[N_DOCX_PARTS] = { NULL, };
  xmlDoc *docs[N_DOCX_PARTS] = { NULL, };
  g_autoptr(GString) result = NULL;
  g_autoptr(GPtrArray) refs = NULL;
  g_autoptr(GHashTable) footnotes = NULL;
  g_autoptr(GHashTable) endnotes = NULL;
  DocxWalk walk = { NULL, };
  xmlNode *body;

  g_return_val_if_fail (data != NULL, NULL);
  g_return_val_if_fail (display_name != NULL, NULL);
  g_return_val_if_fail (out != NULL, NULL);

  if (!read_parts (&(OfficeFile) { data, length, display_name, cancellable }, names, parts, error))
    goto failed;

  if (parts[DOCX_DOCUMENT] == NULL)
    {
      g_set_error (error, PL_IMPORT_ERROR, PL_IMPORT_ERROR_MALFORMED,
                   _("“%s” is damaged: it has no “%s”."), display_name, names[DOCX_DOCUMENT]);
      goto failed;
    }

  for (guint i = 0; i < N_DOCX_PARTS; i++)
    {
      /* The text parts must parse; broken styles or properties only lose the language
       * and date. */
      gboolean required = i <= DOCX_ENDNOTES;

      if (parts[i] == NULL)
        continue;

      docs[i] = parse_part (parts[i], names[i], display_name, required ? error : NULL);
      if (docs[i] == NULL && required)
        goto failed;
    }

  body = find_element (xmlDocGetRootElement (docs[DOCX_DOCUMENT]), W_NS, "body");
  if (body == NULL)
    body = find_element (xmlDocGetRootElement (docs[DOCX_DOCUMENT]), W_STRICT_NS, "body");
  if (body == NULL)
    {
      g_set_error (error, PL_IMPORT_ERROR, PL_IMPORT_ERROR_MALFORMED,
                   _("“%s” is damaged: its “%s” has no document body."),
                   display_name, names[DOCX_DOCUMENT]);
      goto failed;
    }

  result = g_string_new (NULL);
  refs = g_ptr_array_new_with_free_func ((GDestroyNotify) note_ref_free);
  walk.out = result;
  walk.notes = refs;
  walk_docx (&walk, body);

  footnotes = index_notes (docs[DOCX_FOOTNOTES], "footnote");
  endnotes = index_notes (docs[DOCX_ENDNOTES], "endnote");
  append_docx_notes (result, refs, footnotes, endnotes);

  out->language = docx_language (docs[DOCX_STYLES], docs[DOCX_DOCUMENT]);
  out->date = docx_date (docs[DOCX_CORE]);

  for (guint i = 0; i < N_DOCX_PARTS; i++)
    {
      g_clear_pointer (&docs[i], xmlFreeDoc);
      g_clear_pointer (&parts[i], g_bytes_unref);
    }

  if (result->len > 0)
    g_string_append_c (result, '\n');

  return g_string_free (g_steal_pointer (&result), FALSE);

failed:
  for (guint i = 0; i < N_DOCX_PARTS; i++)
    g_clear_pointer (&docs[i], xmlFreeDoc);
  clear_parts (parts, N_DOCX_PARTS);
  return NULL;
}

/* ODT */

typedef struct
{
  GString   *out;
  GString   *paragraph;
  GPtrArray *notes;      /* "[mark] text" strings in order of citation; NULL inside notes */
} OdtWalk;

static void walk_odt (OdtWalk *walk,
                      xmlNode *node);

static void
append_odt_text (GString    *paragraph,
                 const char *text)
{
  /* ODF collapses white space as HTML does; <text:s> stands for kept spaces. */
  pl_import_append_collapsed (paragraph, text);
}

static void
walk_odt_paragraph (OdtWalk *walk,
                    xmlNode *paragraph)
{
  GString *outer = walk->paragraph;

  walk->paragraph = g_string_new (NULL);
  walk_odt (walk, paragraph);
  pl_import_append_block (walk->out, walk->paragraph->str);
  g_string_free (walk->paragraph, TRUE);
  walk->paragraph = outer;
}

static void
walk_odt_note (OdtWalk *walk,
               xmlNode *note)
{
  g_autofree char *mark = NULL;
  g_autoptr(GString) paragraphs = g_string_new (NULL);
  OdtWalk note_walk = { paragraphs, NULL, NULL };
  xmlNode *citation = NULL;
  xmlNode *body = NULL;

  for (xmlNode *child = note->children; child != NULL; child = child->next)
    {
      if (pl_xml_is_element (child, TEXT_NS, "note-citation"))
        citation = child;
      else if (pl_xml_is_element (child, TEXT_NS, "note-body"))
        body = child;
    }

  if (citation != NULL)
    mark = g_strstrip (dup_content (citation));
  if (mark == NULL || *mark == '\0')
    {
      g_free (mark);
      mark = g_strdup_printf ("%u", walk->notes->len + 1);
    }

  g_string_append_printf (walk->paragraph, "[%s]", mark);

  if (body != NULL)
    {
      g_autofree char *lines = NULL;

      walk_odt (&note_walk, body);
      lines = join_note_paragraphs (paragraphs->str);
      if (*lines != '\0')
        g_ptr_array_add (walk->notes, g_strdup_printf ("[%s] %s", mark, lines));
    }
}

static void
walk_odt (OdtWalk *walk,
          xmlNode *node)
{
  for (xmlNode *child = node->children; child != NULL; child = child->next)
    {
      if (child->type == XML_TEXT_NODE || child->type == XML_CDATA_SECTION_NODE)
        {
          if (walk->paragraph != NULL && child->content != NULL)
            append_odt_text (walk->paragraph, (const char *) child->content);
          continue;
        }

      if (child->type != XML_ELEMENT_NODE)
        continue;

      if (pl_xml_is_element (child, TEXT_NS, "p") || pl_xml_is_element (child, TEXT_NS, "h"))
        walk_odt_paragraph (walk, child);
      else if (pl_xml_is_element (child, TEXT_NS, "tracked-changes") ||
               pl_xml_is_element (child, TEXT_NS, "sequence-decls") ||
               pl_xml_is_element (child, TEXT_NS, "variable-decls") ||
               pl_xml_is_element (child, TEXT_NS, "user-field-decls") ||
               pl_xml_is_element (child, OFFICE_NS, "annotation") ||
               pl_xml_is_element (child, OFFICE_NS, "forms") ||
               pl_xml_is_element (child, SVG_NS, "title") ||
               pl_xml_is_element (child, SVG_NS, "desc"))
        continue;
      else if (walk->paragraph == NULL)
        walk_odt (walk, child);
      else if (pl_xml_is_element (child, TEXT_NS, "s"))
        {
          g_autofree char *count = dup_ns_attribute (child, TEXT_NS, "c");
          guint64 n = count != NULL ? g_ascii_strtoull (count, NULL, 10) : 1;

          for (guint64 i = 0; i < MIN (MAX (n, 1), MAX_ODT_SPACES); i++)
            g_string_append_c (walk->paragraph, ' ');
        }
      else if (pl_xml_is_element (child, TEXT_NS, "tab"))
        g_string_append_c (walk->paragraph, '\t');
      else if (pl_xml_is_element (child, TEXT_NS, "line-break"))
        {
          while (walk->paragraph->len > 0 && walk->paragraph->str[walk->paragraph->len - 1] == ' ')
            g_string_truncate (walk->paragraph, walk->paragraph->len - 1);
          g_string_append_c (walk->paragraph, '\n');
        }
      else if (pl_xml_is_element (child, TEXT_NS, "note"))
        {
          if (walk->notes != NULL)
            walk_odt_note (walk, child);
        }
      else
        walk_odt (walk, child);
    }
}

static char *
odt_language (xmlDoc *meta,
              xmlDoc *styles)
{
  if (meta != NULL)
    {
      xmlNode *language = find_element ((xmlNode *) meta, DC_NS, "language");

      if (language != NULL)
        {
          g_autofree char *text = dup_content (language);
          char *value = dup_language (text, NULL);

          if (value != NULL)
            return value;
        }
    }

  if (styles != NULL)
    {
      xmlNode *root = xmlDocGetRootElement (styles);

      /* The default paragraph style's language. */
      for (xmlNode *node = find_element (root, STYLE_NS, "default-style"); node != NULL;
           node = node->next)
        {
          g_autofree char *family = NULL;
          xmlNode *properties;
          g_autofree char *language = NULL;
          g_autofree char *country = NULL;

          if (!pl_xml_is_element (node, STYLE_NS, "default-style"))
            continue;
          family = dup_ns_attribute (node, STYLE_NS, "family");
          if (g_strcmp0 (family, "paragraph") != 0)
            continue;

          properties = find_element (node, STYLE_NS, "text-properties");
          if (properties == NULL)
            break;
          language = dup_ns_attribute (properties, FO_NS, "language");
          country = dup_ns_attribute (properties, FO_NS, "country");
          return dup_language (language, country);
        }
    }

  return NULL;
}

static char *
odt_date (xmlDoc *meta)
{
  xmlNode *created;
  g_autofree char *text = NULL;

  if (meta == NULL)
    return NULL;

  created = find_element ((xmlNode *) meta, META_NS, "creation-date");
  if (created == NULL)
    created = find_element ((xmlNode *) meta, DC_NS, "date");
  if (created == NULL)
    return NULL;

  text = dup_content (created);
  return pl_import_parse_iso_date (text);
}

enum
{
  ODT_CONTENT,
  ODT_MANIFEST,
  ODT_META,
  ODT_STYLES,
  N_ODT_PARTS,
};

char *
pl_import_odt (const guint8     *data,
               gsize             length,
               const char       *display_name,
               PlImportedText   *out,
               GCancellable     *cancellable,
               GError          **error)
{
  static const char * const names[N_ODT_PARTS + 1] = {
    "content.xml", "META-INF/manifest.xml", "meta.xml", "styles.xml", NULL,
  };
  GBytes *parts[N_ODT_PARTS] = { NULL, };
  g_autoptr(xmlDoc) content = NULL;
  g_autoptr(xmlDoc) meta = NULL;
  g_autoptr(xmlDoc) styles = NULL;
  g_autoptr(GString) result = NULL;
  g_autoptr(GPtrArray) notes = NULL;
  OdtWalk walk = { NULL, };
  xmlNode *text;

  g_return_val_if_fail (data != NULL, NULL);
  g_return_val_if_fail (display_name != NULL, NULL);
  g_return_val_if_fail (out != NULL, NULL);

  if (!read_parts (&(OfficeFile) { data, length, display_name, cancellable }, names, parts, error))
    goto failed;

  if (parts[ODT_MANIFEST] != NULL &&
      contains_bytes (g_bytes_get_data (parts[ODT_MANIFEST], NULL),
                      g_bytes_get_size (parts[ODT_MANIFEST]), "encryption-data"))
    {
      g_set_error (error, PL_IMPORT_ERROR, PL_IMPORT_ERROR_MALFORMED,
                   _("“%s” is protected with a password. Open it in your word processor, "
                     "save a copy without a password, then import the copy."), display_name);
      goto failed;
    }

  if (parts[ODT_CONTENT] == NULL)
    {
      g_set_error (error, PL_IMPORT_ERROR, PL_IMPORT_ERROR_MALFORMED,
                   _("“%s” is damaged: it has no “%s”."), display_name, names[ODT_CONTENT]);
      goto failed;
    }

  content = parse_part (parts[ODT_CONTENT], names[ODT_CONTENT], display_name, error);
  if (content == NULL)
    goto failed;

  /* Broken metadata parts only lose the language and date. */
  if (parts[ODT_META] != NULL)
    meta = parse_part (parts[ODT_META], names[ODT_META], display_name, NULL);
  if (parts[ODT_STYLES] != NULL)
    styles = parse_part (parts[ODT_STYLES], names[ODT_STYLES], display_name, NULL);
  clear_parts (parts, N_ODT_PARTS);

  text = find_element (xmlDocGetRootElement (content), OFFICE_NS, "text");
  if (text == NULL)
    {
      g_set_error (error, PL_IMPORT_ERROR, PL_IMPORT_ERROR_MALFORMED,
                   _("“%s” is damaged: its “%s” has no text body."),
                   display_name, names[ODT_CONTENT]);
      return NULL;
    }

  result = g_string_new (NULL);
  notes = g_ptr_array_new_with_free_func (g_free);
  walk.out = result;
  walk.notes = notes;
  walk_odt (&walk, text);

  for (guint i = 0; i < notes->len; i++)
    pl_import_append_block (result, g_ptr_array_index (notes, i));

  out->language = odt_language (meta, styles);
  out->date = odt_date (meta);

  if (result->len > 0)
    g_string_append_c (result, '\n');

  return g_string_free (g_steal_pointer (&result), FALSE);

failed:
  clear_parts (parts, N_ODT_PARTS);
  return NULL;
}
