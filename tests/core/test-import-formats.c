/* test-import-formats.c — importing Markdown, HTML, DOCX, ODT and PDF; batches of files
 *
 * Every fixture is written by the test itself: office packages with libarchive's ZIP
 * writer, PDFs with cairo.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <string.h>

#include <archive.h>
#include <archive_entry.h>
#include <glib/gstdio.h>
#if HAVE_POPPLER
#include <cairo-pdf.h>
#include <cairo.h>
#endif

#include "pl-error.h"
#include "pl-import-batch.h"
#include "pl-importer.h"
#include "pl-project.h"
#include "pl-test-util.h"

typedef struct
{
  char *dir;
  char *project_path;
} Fixture;

static GFile *
write_file (Fixture    *fixture,
            const char *name,
            const void *data,
            gsize       length)
{
  g_autofree char *path = g_build_filename (fixture->dir, name, NULL);
  g_autofree char *folder = g_path_get_dirname (path);
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_mkdir_with_parents (folder, 0700), ==, 0);
  g_file_set_contents (path, data, length, &error);
  g_assert_no_error (error);

  return g_file_new_for_path (path);
}

static GFile *
write_bytes (Fixture    *fixture,
             const char *name,
             GBytes     *bytes)
{
  return write_file (fixture, name, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
}

static GFile *
write_string (Fixture    *fixture,
              const char *name,
              const char *text)
{
  return write_file (fixture, name, text, strlen (text));
}

static PlProject *
open_project (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  PlProject *project;

  project = pl_project_open (fixture->project_path, PL_PROJECT_OPEN_CREATE, &error);
  g_assert_no_error (error);
  g_assert_nonnull (project);

  return project;
}

static void
close_project (PlProject *project)
{
  pl_project_close (project);
  g_object_unref (project);
}

static char *
checksum_project (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;

  g_file_get_contents (fixture->project_path, &contents, &length, &error);
  g_assert_no_error (error);

  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, length);
}

static guint
count_documents (PlProject *project)
{
  return g_list_model_get_n_items (pl_project_get_documents (project));
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PlProject) project = NULL;

  fixture->dir = g_dir_make_tmp ("plenary-test-import-formats-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->project_path = g_build_filename (fixture->dir, "project.plenary", NULL);

  /* One document already there, so that "unchanged" means something. */
  project = open_project (fixture);
  g_assert_nonnull (pl_project_add_document (project, "Baseline", "Baseline statement.\n",
                                             NULL, &error));
  g_assert_no_error (error);
  pl_project_close (project);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  pl_test_remove_tree (fixture->dir);
  g_free (fixture->project_path);
  g_free (fixture->dir);
}

/* Imports @file and checks what is stored, read back by a fresh connection. */
static void
assert_imports (Fixture    *fixture,
                GFile      *file,
                const char *title,
                const char *text,
                const char *format,
                const char *language,
                const char *date)
{
  g_autoptr(PlProject) project = open_project (fixture);
  g_autoptr(GError) error = NULL;
  g_autofree char *stored = NULL;
  PlDocument *document;
  gint64 id;

  document = pl_importer_import_file (project, file, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (document);
  id = pl_document_get_id (document);
  close_project (g_steal_pointer (&project));

  project = open_project (fixture);
  document = pl_project_find_document (project, id);
  g_assert_nonnull (document);
  g_assert_cmpstr (pl_document_get_title (document), ==, title);
  g_assert_cmpstr (pl_document_get_metadata (document, "format"), ==, format);
  g_assert_cmpstr (pl_document_get_metadata (document, "language"), ==, language);
  g_assert_cmpstr (pl_document_get_metadata (document, "date"), ==, date);
  g_assert_cmpuint (pl_document_get_n_statements (document), >, 0);

  stored = pl_project_dup_document_text (project, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (stored, ==, text);
  pl_project_close (project);
}

/* Tries to import @file; it must be refused with @code, a message naming the file (and
 * containing @also_in_message), and leave the project file as it was. */
static void
assert_refused (Fixture    *fixture,
                GFile      *file,
                gint        code,
                const char *display_name,
                const char *also_in_message)
{
  g_autofree char *before = checksum_project (fixture);
  g_autofree char *after = NULL;
  g_autofree char *quoted = g_strdup_printf ("“%s”", display_name);
  g_autoptr(PlProject) project = open_project (fixture);
  g_autoptr(GError) error = NULL;
  guint n_documents = count_documents (project);

  g_assert_null (pl_importer_import_file (project, file, NULL, NULL, &error));
  g_assert_error (error, PL_IMPORT_ERROR, code);
  g_assert_nonnull (strstr (error->message, quoted));
  if (also_in_message != NULL && strstr (error->message, also_in_message) == NULL)
    g_error ("“%s” not in the message: %s", also_in_message, error->message);

  g_assert_cmpuint (count_documents (project), ==, n_documents);
  close_project (g_steal_pointer (&project));

  after = checksum_project (fixture);
  g_assert_cmpstr (after, ==, before);
}

/* ZIP packages */

typedef struct
{
  const char *name;
  const char *contents;
} ZipEntry;

/* A ZIP archive of @entries, deflated, or all stored uncompressed when @store (as
 * OpenDocument wants its first entry, the mimetype: libarchive sets the compression for
 * the whole archive). */
static GBytes *
make_zip (const ZipEntry *entries,
          guint           n_entries,
          gboolean        store)
{
  struct archive *archive = archive_write_new ();
  gsize buffer_size = 1024 * 1024;
  guint8 *buffer = g_malloc (buffer_size);
  size_t used = 0;

  g_assert_cmpint (archive_write_set_format_zip (archive), ==, ARCHIVE_OK);
  g_assert_cmpint (archive_write_set_format_option (archive, "zip", "compression",
                                                    store ? "store" : "deflate"), ==, ARCHIVE_OK);
  g_assert_cmpint (archive_write_open_memory (archive, buffer, buffer_size, &used), ==, ARCHIVE_OK);

  for (guint i = 0; i < n_entries; i++)
    {
      struct archive_entry *entry = archive_entry_new ();
      gsize length = strlen (entries[i].contents);

      archive_entry_set_pathname (entry, entries[i].name);
      archive_entry_set_size (entry, length);
      archive_entry_set_filetype (entry, AE_IFREG);
      archive_entry_set_perm (entry, 0644);
      archive_entry_set_mtime (entry, 1615539600, 0);
      g_assert_cmpint (archive_write_header (archive, entry), ==, ARCHIVE_OK);
      g_assert_cmpint (archive_write_data (archive, entries[i].contents, length), ==, (la_ssize_t) length);
      archive_entry_free (entry);
    }

  g_assert_cmpint (archive_write_close (archive), ==, ARCHIVE_OK);
  archive_write_free (archive);

  return g_bytes_new_take (g_realloc (buffer, used), used);
}

#define W_NAMESPACES \
  "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\" " \
  "xmlns:mc=\"http://schemas.openxmlformats.org/markup-compatibility/2006\" " \
  "xmlns:wps=\"http://schemas.microsoft.com/office/word/2010/wordprocessingShape\" " \
  "xmlns:v=\"urn:schemas-microsoft-com:vml\""

#define CONTENT_TYPES \
  "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n" \
  "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">" \
  "<Default Extension=\"xml\" ContentType=\"application/xml\"/>" \
  "<Override PartName=\"/word/document.xml\" ContentType=\"application/" \
  "vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/>" \
  "</Types>"

#define DOCX_DOCUMENT \
  "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n" \
  "<w:document " W_NAMESPACES "><w:body>" \
  "<w:p><w:pPr><w:pStyle w:val=\"Heading1\"/><w:tabs><w:tab w:val=\"left\" w:pos=\"720\"/>" \
  "</w:tabs></w:pPr><w:r><w:t>Norms &amp; confidence-building</w:t></w:r></w:p>\n" \
  "<w:p><w:r><w:rPr><w:lang w:val=\"fr-FR\"/></w:rPr>" \
  "<w:t xml:space=\"preserve\">The representative of Côte d’Ivoire said </w:t></w:r>" \
  "<w:r><w:t>“norms matter”.</w:t></w:r>" \
  "<w:r><w:rPr><w:rStyle w:val=\"FootnoteReference\"/></w:rPr>" \
  "<w:footnoteReference w:id=\"2\"/></w:r></w:p>\n" \
  "<w:p><w:r><w:t>Item</w:t></w:r><w:r><w:tab/></w:r><w:r><w:t>Value</w:t></w:r>" \
  "<w:r><w:br/></w:r><w:r><w:t>Next line</w:t></w:r></w:p>\n" \
  "<w:p/>\n" \
  "<w:p><w:r><w:t xml:space=\"preserve\">Deleted: </w:t></w:r><w:del w:id=\"9\"><w:r>" \
  "<w:delText>gone</w:delText></w:r></w:del><w:r><w:t>kept 中文 😀 &lt;ok&gt;.</w:t></w:r>" \
  "<w:r><w:endnoteReference w:id=\"1\"/></w:r></w:p>\n" \
  "<w:p><w:r><mc:AlternateContent><mc:Choice Requires=\"wps\"><w:drawing><wps:txbx>" \
  "<w:txbxContent><w:p><w:r><w:t>Box text</w:t></w:r></w:p></w:txbxContent></wps:txbx>" \
  "</w:drawing></mc:Choice><mc:Fallback><w:pict><v:textbox><w:txbxContent><w:p><w:r>" \
  "<w:t>Box text</w:t></w:r></w:p></w:txbxContent></v:textbox></w:pict></mc:Fallback>" \
  "</mc:AlternateContent></w:r><w:r><w:t>After the box.</w:t></w:r></w:p>\n" \
  "<w:tbl><w:tr><w:tc><w:p><w:r><w:t>Cell A</w:t></w:r></w:p></w:tc>" \
  "<w:tc><w:p><w:r><w:t>Cell B</w:t></w:r></w:p></w:tc></w:tr></w:tbl>\n" \
  "<w:sectPr><w:pgSz w:w=\"11906\" w:h=\"16838\"/></w:sectPr>" \
  "</w:body></w:document>"

#define DOCX_FOOTNOTES \
  "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n" \
  "<w:footnotes " W_NAMESPACES ">" \
  "<w:footnote w:type=\"separator\" w:id=\"-1\"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>" \
  "<w:footnote w:type=\"continuationSeparator\" w:id=\"0\"><w:p><w:r><w:t>cont</w:t></w:r>" \
  "</w:p></w:footnote>" \
  "<w:footnote w:id=\"2\"><w:p><w:r><w:footnoteRef/></w:r>" \
  "<w:r><w:t xml:space=\"preserve\"> Statement delivered in French.</w:t></w:r></w:p>" \
  "</w:footnote></w:footnotes>"

#define DOCX_ENDNOTES \
  "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n" \
  "<w:endnotes " W_NAMESPACES ">" \
  "<w:endnote w:type=\"separator\" w:id=\"0\"><w:p><w:r><w:separator/></w:r></w:p></w:endnote>" \
  "<w:endnote w:id=\"1\"><w:p><w:r><w:endnoteRef/></w:r><w:r><w:t>See A/75/816.</w:t>" \
  "</w:r></w:p></w:endnote></w:endnotes>"

#define DOCX_STYLES \
  "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n" \
  "<w:styles " W_NAMESPACES "><w:docDefaults><w:rPrDefault><w:rPr>" \
  "<w:lang w:val=\"en-GB\" w:eastAsia=\"zh-CN\"/></w:rPr></w:rPrDefault></w:docDefaults>" \
  "</w:styles>"

#define DOCX_CORE \
  "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n" \
  "<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/" \
  "metadata/core-properties\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\" " \
  "xmlns:dcterms=\"http://purl.org/dc/terms/\" " \
  "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">" \
  "<dc:title>Microsoft Word - draft.docx</dc:title>" \
  "<dcterms:created xsi:type=\"dcterms:W3CDTF\">2021-03-12T09:00:00Z</dcterms:created>" \
  "</cp:coreProperties>"

#define DOCX_TEXT \
  "Norms & confidence-building\n\n" \
  "The representative of Côte d’Ivoire said “norms matter”.[1]\n\n" \
  "Item\tValue\nNext line\n\n" \
  "Deleted: kept 中文 😀 <ok>.[2]\n\n" \
  "Box text\n\n" \
  "After the box.\n\n" \
  "Cell A\n\n" \
  "Cell B\n\n" \
  "[1] Statement delivered in French.\n\n" \
  "[2] See A/75/816.\n"

static GBytes *
make_docx (const char *document)
{
  const ZipEntry entries[] = {
    { "[Content_Types].xml", CONTENT_TYPES },
    { "_rels/.rels", "<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas."
                     "openxmlformats.org/package/2006/relationships\"/>" },
    { "word/document.xml", document },
    { "word/footnotes.xml", DOCX_FOOTNOTES },
    { "word/endnotes.xml", DOCX_ENDNOTES },
    { "word/styles.xml", DOCX_STYLES },
    { "docProps/core.xml", DOCX_CORE },
  };

  return make_zip (entries, G_N_ELEMENTS (entries), FALSE);
}

static void
test_docx (Fixture       *fixture,
           gconstpointer  user_data)
{
  g_autoptr(GBytes) docx = make_docx (DOCX_DOCUMENT);
  g_autoptr(GFile) file = write_bytes (fixture, "Statement 2021.docx", docx);
  g_autoptr(GFile) renamed = write_bytes (fixture, "statement.bin", docx);

  assert_imports (fixture, file, "Statement 2021", DOCX_TEXT, "docx", "en-GB", "2021-03-12");
  /* By content, whatever the name. */
  assert_imports (fixture, renamed, "statement", DOCX_TEXT, "docx", "en-GB", "2021-03-12");
}

#define ODT_NAMESPACES \
  "xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" " \
  "xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\" " \
  "xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\" " \
  "xmlns:style=\"urn:oasis:names:tc:opendocument:xmlns:style:1.0\" " \
  "xmlns:fo=\"urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0\" " \
  "xmlns:dc=\"http://purl.org/dc/elements/1.1/\" " \
  "xmlns:meta=\"urn:oasis:names:tc:opendocument:xmlns:meta:1.0\""

#define ODT_CONTENT \
  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" \
  "<office:document-content " ODT_NAMESPACES " office:version=\"1.3\">" \
  "<office:body><office:text>\n" \
  "  <text:sequence-decls><text:sequence-decl text:display-outline-level=\"0\" " \
  "text:name=\"Table\"/></text:sequence-decls>\n" \
  "  <text:tracked-changes><text:changed-region text:id=\"c1\"><text:deletion>" \
  "<text:p>Removed words</text:p></text:deletion></text:changed-region></text:tracked-changes>\n" \
  "  <text:h text:outline-level=\"1\">Capacity   building</text:h>\n" \
  "  <text:p>Kenya said:<text:line-break/>“We   support <text:span>it</text:span>”" \
  "<text:note text:id=\"ftn1\" text:note-class=\"footnote\"><text:note-citation>1" \
  "</text:note-citation><text:note-body><text:p>Delivered by video.</text:p>" \
  "</text:note-body></text:note> &amp; more.</text:p>\n" \
  "  <text:p>Name<text:tab/>Value<text:s text:c=\"3\"/>end</text:p>\n" \
  "  <text:list><text:list-item><text:p>First item</text:p></text:list-item></text:list>\n" \
  "  <table:table><table:table-row><table:table-cell><text:p>Viet Nam — Türkiye</text:p>" \
  "</table:table-cell></table:table-row></table:table>\n" \
  "  <text:p/>\n" \
  "</office:text></office:body></office:document-content>"

#define ODT_META \
  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" \
  "<office:document-meta " ODT_NAMESPACES "><office:meta>" \
  "<meta:creation-date>2020-09-01T10:00:00.123</meta:creation-date>" \
  "</office:meta></office:document-meta>"

#define ODT_STYLES \
  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" \
  "<office:document-styles " ODT_NAMESPACES "><office:styles>" \
  "<style:default-style style:family=\"graphic\"><style:text-properties fo:language=\"de\"/>" \
  "</style:default-style>" \
  "<style:default-style style:family=\"paragraph\"><style:text-properties " \
  "fo:language=\"fr\" fo:country=\"CH\"/></style:default-style>" \
  "</office:styles></office:document-styles>"

#define ODT_MANIFEST \
  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" \
  "<manifest:manifest xmlns:manifest=\"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0\" " \
  "manifest:version=\"1.3\"><manifest:file-entry manifest:full-path=\"/\" " \
  "manifest:media-type=\"application/vnd.oasis.opendocument.text\"/>" \
  "<manifest:file-entry manifest:full-path=\"content.xml\" manifest:media-type=\"text/xml\"/>" \
  "</manifest:manifest>"

#define ODT_TEXT \
  "Capacity building\n\n" \
  "Kenya said:\n“We support it”[1] & more.\n\n" \
  "Name\tValue   end\n\n" \
  "First item\n\n" \
  "Viet Nam — Türkiye\n\n" \
  "[1] Delivered by video.\n"

static void
test_odt (Fixture       *fixture,
          gconstpointer  user_data)
{
  const ZipEntry entries[] = {
    { "mimetype", "application/vnd.oasis.opendocument.text" },
    { "content.xml", ODT_CONTENT },
    { "meta.xml", ODT_META },
    { "styles.xml", ODT_STYLES },
    { "META-INF/manifest.xml", ODT_MANIFEST },
  };
  g_autoptr(GBytes) odt = make_zip (entries, G_N_ELEMENTS (entries), TRUE);
  g_autoptr(GFile) file = write_bytes (fixture, "Séance.odt", odt);

  assert_imports (fixture, file, "Séance", ODT_TEXT, "odt", "fr-CH", "2020-09-01");
}

/* Refusals of archives and packages */

static void
test_refuse_packages (Fixture       *fixture,
                      gconstpointer  user_data)
{
  const ZipEntry other[] = {
    { "notes/readme.txt", "Just an archive." },
  };
  const ZipEntry encrypted_odt[] = {
    { "mimetype", "application/vnd.oasis.opendocument.text" },
    { "content.xml", "\x01\x02 not XML" },
    { "META-INF/manifest.xml", "<manifest:manifest xmlns:manifest=\"urn:oasis:names:tc:"
                               "opendocument:xmlns:manifest:1.0\"><manifest:file-entry "
                               "manifest:full-path=\"content.xml\"><manifest:encryption-data/>"
                               "</manifest:file-entry></manifest:manifest>" },
  };
  const ZipEntry no_content[] = {
    { "mimetype", "application/vnd.oasis.opendocument.text" },
    { "styles.xml", ODT_STYLES },
  };
  g_autoptr(GBytes) zip = make_zip (other, G_N_ELEMENTS (other), FALSE);
  g_autoptr(GBytes) broken = make_docx ("<?xml version=\"1.0\"?>\n<w:document " W_NAMESPACES
                                        ">\n<w:body><w:p><w:t>Unclosed</w:p>");
  g_autoptr(GBytes) odt_encrypted = make_zip (encrypted_odt, G_N_ELEMENTS (encrypted_odt), TRUE);
  g_autoptr(GBytes) odt_empty = make_zip (no_content, G_N_ELEMENTS (no_content), TRUE);
  g_autoptr(GBytes) docx = make_docx (DOCX_DOCUMENT);
  g_autoptr(GFile) zip_file = write_bytes (fixture, "archive.zip", zip);
  g_autoptr(GFile) zip_as_docx = write_bytes (fixture, "report.docx", zip);
  g_autoptr(GFile) broken_file = write_bytes (fixture, "broken.docx", broken);
  g_autoptr(GFile) encrypted_file = write_bytes (fixture, "secret.odt", odt_encrypted);
  g_autoptr(GFile) empty_file = write_bytes (fixture, "hollow.odt", odt_empty);
  g_autoptr(GFile) truncated_file = NULL;
  g_autoptr(GFile) bomb_file = NULL;
  g_autofree guint8 *truncated = NULL;
  g_autofree guint8 *bomb = NULL;
  gsize size = g_bytes_get_size (docx);

  assert_refused (fixture, zip_file, PL_IMPORT_ERROR_BINARY, "archive.zip", "ZIP archive");
  assert_refused (fixture, zip_as_docx, PL_IMPORT_ERROR_BINARY, "report.docx", "ZIP archive");
  assert_refused (fixture, broken_file, PL_IMPORT_ERROR_MALFORMED, "broken.docx",
                  "“broken.docx” is damaged: its part “word/document.xml” is not well-formed XML");
  assert_refused (fixture, encrypted_file, PL_IMPORT_ERROR_MALFORMED, "secret.odt", "password");
  assert_refused (fixture, empty_file, PL_IMPORT_ERROR_MALFORMED, "hollow.odt",
                  "has no “content.xml”");

  /* Cut off in the middle of its entries. */
  truncated = g_memdup2 (g_bytes_get_data (docx, NULL), size / 2);
  truncated_file = write_file (fixture, "cut.docx", truncated, size / 2);
  assert_refused (fixture, truncated_file, PL_IMPORT_ERROR_MALFORMED, "cut.docx", "is damaged");

  /* A document.xml that claims 300 MB once uncompressed, in its local header and in the
   * central directory. */
  bomb = g_memdup2 (g_bytes_get_data (docx, NULL), size);
  for (gsize i = 0; i + 4 < size; i++)
    {
      guint32 huge = GUINT32_TO_LE (300u * 1024 * 1024);
      gsize offset;

      if (memcmp (bomb + i, "PK\x03\x04", 4) == 0 && i + 30 + 17 <= size &&
          memcmp (bomb + i + 30, "word/document.xml", 17) == 0)
        offset = i + 22;
      else if (memcmp (bomb + i, "PK\x01\x02", 4) == 0 && i + 46 + 17 <= size &&
               memcmp (bomb + i + 46, "word/document.xml", 17) == 0)
        offset = i + 24;
      else
        continue;

      memcpy (bomb + offset, &huge, 4);
    }
  bomb_file = write_file (fixture, "bomb.docx", bomb, size);
  assert_refused (fixture, bomb_file, PL_IMPORT_ERROR_TOO_LARGE, "bomb.docx", "takes more than 32 MB once uncompressed");
}

/* HTML */

#define HTML_PAGE \
  "<!-- saved from the web -->\n" \
  "<!DOCTYPE html>\n" \
  "<html lang=\"en\"><head><meta charset=\"utf-8\">\n" \
  "<title>OEWG  Session 3 &#x2014; Summary</title>\n" \
  "<style>p { color: red; }</style>\n" \
  "<script>var x = \"<p>no</p>\";</script>\n" \
  "<meta name=\"dcterms.date\" content=\"2022-07-28T10:00:00Z\">\n" \
  "</head>\n<body>\n" \
  "<header><p>Site header</p></header>\n" \
  "<nav><ul><li>Home</li><li>News</li></ul></nav>\n" \
  "<h1>Third   substantive\n  session</h1>\n" \
  "<p>The representative of <b>Brazil</b> said the\n  &eacute;l&eacute;ment&nbsp;was key " \
  "&#x2014; and<br>asked for more &amp; better.</p>\n" \
  "<ul>\n  <li>First point</li>\n  <li>Second <a href=\"#\">point</a></li>\n</ul>\n" \
  "<table><tr><td>Cell one</td><td>Cell two</td></tr></table>\n" \
  "<blockquote>Quoted text</blockquote>\n" \
  "<aside>Related stories</aside><noscript>Enable JavaScript</noscript>\n" \
  "<form><label>Search</label><input value=\"x\"></form>\n" \
  "<svg><text>Logo</text></svg><template><p>Hidden</p></template>\n" \
  "<footer>Copyright</footer>\n" \
  "</body></html>\n"

#define HTML_TEXT \
  "Third substantive session\n\n" \
  "The representative of Brazil said the élément was key — and\nasked for more & better.\n\n" \
  "First point\n\n" \
  "Second point\n\n" \
  "Cell one\n\n" \
  "Cell two\n\n" \
  "Quoted text\n"

static void
test_html (Fixture       *fixture,
           gconstpointer  user_data)
{
  g_autoptr(GFile) page = write_string (fixture, "page.html", HTML_PAGE);
  g_autoptr(GFile) as_text = write_string (fixture, "saved.txt", HTML_PAGE);
  g_autoptr(GFile) fragment = write_string (fixture, "fragment.htm",
                                            "Intro <p>Just a <i>fragment</i></p>");
  g_autoptr(GFile) prose = write_string (fixture, "prose.txt",
                                         "The vote was 5 < 7, and <b> was typed in prose.\n");
  g_autoptr(GFile) legacy = write_string (fixture, "legacy.html",
                                          "<html><head><meta http-equiv=\"Content-Type\" "
                                          "content=\"text/html; charset=koi8-r\">"
                                          "<meta http-equiv=\"content-language\" content=\"ru\">"
                                          "</head><body><p>\xf0\xd2\xc9\xd7\xc5\xd4</p></body>"
                                          "</html>");

  assert_imports (fixture, page, "OEWG Session 3 — Summary", HTML_TEXT, "html", "en",
                  "2022-07-28");
  assert_imports (fixture, as_text, "OEWG Session 3 — Summary", HTML_TEXT, "html", "en",
                  "2022-07-28");
  assert_imports (fixture, fragment, "fragment", "Intro\n\nJust a fragment\n", "html", NULL, NULL);
  assert_imports (fixture, prose, "prose", "The vote was 5 < 7, and <b> was typed in prose.\n",
                  "text", NULL, NULL);
  assert_imports (fixture, legacy, "legacy", "Привет\n", "html", "ru", NULL);
}

/* Markdown */

#define MARKDOWN \
  "# Statement by *Kenya* #\n" \
  "Kenya **welcomes** the [report](https://un.org/r \"The report\") and " \
  "![logo](logo.png)the `draft *as is*`.\n" \
  "Second line with snake_case_name, 5 * 3 and <https://un.org>.\n" \
  "\n" \
  "* first\n" \
  "+ second\n" \
  "1. third\n" \
  "\n" \
  "> Quoted _text_ here,\n" \
  "> > nested.\n" \
  "\n" \
  "```c\n" \
  "code *stays*\n" \
  "\n" \
  "  indented\n" \
  "```\n" \
  "Setext heading\n" \
  "==============\n" \
  "\n" \
  "***\n" \
  "[ref]: https://example.org\n" \
  "\\*literal\\* and [a reference][ref].\n"

#define MARKDOWN_TEXT \
  "Statement by Kenya\n\n" \
  "Kenya welcomes the report and the draft *as is*.\n" \
  "Second line with snake_case_name, 5 * 3 and https://un.org.\n\n" \
  "- first\n" \
  "- second\n" \
  "1. third\n\n" \
  "Quoted text here,\n" \
  "nested.\n\n" \
  "code *stays*\n\n" \
  "  indented\n\n" \
  "Setext heading\n\n" \
  "*literal* and a reference.\n"

static void
test_markdown (Fixture       *fixture,
               gconstpointer  user_data)
{
  g_autoptr(GFile) file = write_string (fixture, "notes.md", MARKDOWN);
  g_autoptr(GFile) long_name = write_string (fixture, "notes2.markdown", "Plain *words*.");

  assert_imports (fixture, file, "notes", MARKDOWN_TEXT, "markdown", NULL, NULL);
  assert_imports (fixture, long_name, "notes2", "Plain words.\n", "markdown", NULL, NULL);
}

/* PDF */

#if HAVE_POPPLER

#define PDF_WIDTH 595.0
#define PDF_HEIGHT 842.0

static cairo_status_t
append_to_byte_array (void                *closure,
                      const unsigned char *data,
                      unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

/* Pages of lines; "" leaves a paragraph gap; a line starting with '>' is indented. */
static GBytes *
make_pdf (const char * const * const *pages,
          guint                       n_pages,
          gboolean                    running_header)
{
  GByteArray *bytes = g_byte_array_new ();
  cairo_surface_t *surface;
  cairo_t *cr;

  surface = cairo_pdf_surface_create_for_stream (append_to_byte_array, bytes, PDF_WIDTH, PDF_HEIGHT);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE,
                                  "Draft report of the OEWG on ICT security");
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATE_DATE, "2021-03-12T10:00:00");
  cr = cairo_create (surface);
  cairo_select_font_face (cr, "DejaVu Serif", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);

  for (guint p = 0; p < n_pages; p++)
    {
      static const char * const numbers[] = { "1", "- 2 -", "Page 3 of 3" };
      double y = 110;

      cairo_set_source_rgb (cr, 0, 0, 0);
      if (running_header)
        {
          g_autofree char *footer = g_strdup_printf ("A/AC.290/2021/CRP.%u", 10 + p * 7);

          cairo_set_font_size (cr, 9);
          cairo_move_to (cr, 72, 50);
          cairo_show_text (cr, "OEWG — Draft report");
          cairo_move_to (cr, 72, 790);
          cairo_show_text (cr, footer);
          cairo_move_to (cr, 280, 810);
          cairo_show_text (cr, numbers[p % G_N_ELEMENTS (numbers)]);
        }

      cairo_set_font_size (cr, 11);
      for (guint i = 0; pages[p][i] != NULL; i++)
        {
          const char *line = pages[p][i];
          double x = 72;

          if (*line == '\0')
            {
              y += 10;
              continue;
            }
          if (*line == '>')
            {
              x += 24;
              line++;
            }

          cairo_move_to (cr, x, y);
          cairo_show_text (cr, line);
          y += 14;
        }

      cairo_show_page (cr);
    }

  cairo_destroy (cr);
  cairo_surface_finish (surface);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);

  return g_byte_array_free_to_bytes (bytes);
}

static const char * const pdf_page_1[] = {
  "Introduction",
  "",
  "The Chair opened the session and welcomed all delegations to the",
  "third session of the working group.",
  ">The representative of Kenya stressed that the secu-",
  "rity of supply chains was a shared concern for all States and that",
  "capacity building should remain demand-driven and",
  NULL,
};
static const char * const pdf_page_2[] = {
  "gender-sensitive, as agreed in the previous report of the group.",
  "",
  "Brazil supported the proposal.",
  NULL,
};
static const char * const pdf_page_3[] = {
  "The meeting rose at 6 p.m.",
  NULL,
};

#define PDF_TEXT \
  "Introduction\n\n" \
  "The Chair opened the session and welcomed all delegations to the third session of the " \
  "working group.\n\n" \
  "The representative of Kenya stressed that the security of supply chains was a shared " \
  "concern for all States and that capacity building should remain demand-driven and " \
  "gender-sensitive, as agreed in the previous report of the group.\n\n" \
  "Brazil supported the proposal.\n\n" \
  "The meeting rose at 6 p.m.\n"

static void
test_pdf (Fixture       *fixture,
          gconstpointer  user_data)
{
  const char * const * const pages[] = { pdf_page_1, pdf_page_2, pdf_page_3 };
  g_autoptr(GBytes) pdf = make_pdf (pages, G_N_ELEMENTS (pages), TRUE);
  g_autoptr(GFile) file = write_bytes (fixture, "draft.pdf", pdf);
  g_autoptr(GFile) renamed = write_bytes (fixture, "draft.txt", pdf);

  /* The PDF names no language; the importer recognises English from the text. */
  assert_imports (fixture, file, "Draft report of the OEWG on ICT security", PDF_TEXT, "pdf",
                  "en", "2021-03-12");
  assert_imports (fixture, renamed, "Draft report of the OEWG on ICT security", PDF_TEXT, "pdf",
                  "en", "2021-03-12");
}

/* Pages that all say the same two lines are the text, not running headers. */
static void
test_pdf_identical_pages (Fixture       *fixture,
                          gconstpointer  user_data)
{
  static const char * const same[] = {
    "Joint statement on capacity-building.",
    "We support a demand-driven approach.",
    NULL,
  };
  const char * const * const pages[] = { same, same, same, same };
  g_autoptr(GBytes) pdf = make_pdf (pages, G_N_ELEMENTS (pages), FALSE);
  g_autoptr(GFile) file = write_bytes (fixture, "repeated.pdf", pdf);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = pl_importer_read (file, NULL, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (strstr (text, "Joint statement on capacity-building."));
  g_assert_nonnull (strstr (text, "We support a demand-driven approach."));
}

static void
test_refuse_pdf (Fixture       *fixture,
                 gconstpointer  user_data)
{
  const char * const * const pages[] = { pdf_page_1, pdf_page_2, pdf_page_3 };
  g_autoptr(GBytes) pdf = make_pdf (pages, G_N_ELEMENTS (pages), TRUE);
  GByteArray *scan_bytes = g_byte_array_new ();
  g_autoptr(GBytes) scan = NULL;
  g_autoptr(GFile) scan_file = NULL;
  g_autoptr(GFile) truncated_file = NULL;
  g_autoptr(GError) error = NULL;
  cairo_surface_t *surface;
  cairo_t *cr;

  /* A page with nothing but a drawing, as a scan is. */
  surface = cairo_pdf_surface_create_for_stream (append_to_byte_array, scan_bytes,
                                                 PDF_WIDTH, PDF_HEIGHT);
  cr = cairo_create (surface);
  cairo_rectangle (cr, 72, 72, 300, 400);
  cairo_set_source_rgb (cr, 0.2, 0.2, 0.2);
  cairo_fill (cr);
  cairo_show_page (cr);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  cairo_surface_destroy (surface);
  scan = g_byte_array_free_to_bytes (scan_bytes);
  scan_file = write_bytes (fixture, "scan.pdf", scan);

  assert_refused (fixture, scan_file, PL_IMPORT_ERROR_UNSUPPORTED, "scan.pdf", NULL);
  g_assert_null (pl_importer_read (scan_file, NULL, NULL, &error));
  g_assert_cmpstr (error->message, ==,
                   "“scan.pdf” has no text layer (it looks like a scan). Run it through OCR "
                   "first, then import the result.");

  truncated_file = write_file (fixture, "cut.pdf", g_bytes_get_data (pdf, NULL),
                               g_bytes_get_size (pdf) / 3);
  assert_refused (fixture, truncated_file, PL_IMPORT_ERROR_MALFORMED, "cut.pdf", "is damaged");
}

#else /* !HAVE_POPPLER */

static void
test_refuse_pdf_unsupported (Fixture       *fixture,
                             gconstpointer  user_data)
{
  g_autoptr(GFile) file = write_string (fixture, "report.pdf", "%PDF-1.7\n%\xe2\xe3\xcf\xd3\n");

  assert_refused (fixture, file, PL_IMPORT_ERROR_UNSUPPORTED, "report.pdf", "PDF");
}

#endif /* HAVE_POPPLER */

/* Reading without a project: what pl_importer_read() says besides the text. */
static void
test_read_info (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(GFile) text_file = write_string (fixture, "plain.txt", "Only words.\n");
  g_auto(PlImportedText) info = { NULL, };
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *title = NULL;

  text = pl_importer_read (text_file, &info, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (text, ==, "Only words.\n");
  g_assert_cmpstr (info.title, ==, "plain");
  g_assert_cmpstr (info.format, ==, "text");
  g_assert_null (info.language);
  g_assert_null (info.date);
  g_clear_pointer (&text, g_free);

  /* The old entry point reads every format too. */
  {
    g_autoptr(GFile) page = write_string (fixture, "page.html", HTML_PAGE);

    text = pl_importer_read_text (page, &title, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (text, ==, HTML_TEXT);
    g_assert_cmpstr (title, ==, "OEWG Session 3 — Summary");
  }
}

/* Batches */

typedef struct
{
  GArray       *done;       /* guint, each progress call */
  guint         total;
  GCancellable *cancel_after_first;
  GPtrArray    *results;
  gboolean      finished;
  GThread      *thread;     /* where progress must be reported */
} BatchRun;

static void
on_progress (guint       done,
             guint       total,
             const char *current,
             gpointer    user_data)
{
  BatchRun *run = user_data;

  g_assert_true (g_thread_self () == run->thread);
  g_array_append_val (run->done, done);
  run->total = total;
  g_assert_true ((current == NULL) == (done == total));

  if (done == 1 && run->cancel_after_first != NULL)
    g_cancellable_cancel (run->cancel_after_first);
}

static void
on_batch_done (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  BatchRun *run = user_data;
  g_autoptr(GError) error = NULL;

  run->results = pl_import_batch_run_finish (PL_PROJECT (source), result, &error);
  g_assert_no_error (error);
  run->finished = TRUE;
}

/* A folder of three good files (one in a subfolder), an empty one, a hidden one, and a
 * README and a licence that describe the folder (not imported). */
static GFile *
write_batch_folder (Fixture *fixture)
{
  g_autoptr(GBytes) docx = make_docx (DOCX_DOCUMENT);
  g_autoptr(GFile) a = write_string (fixture, "batch/a.txt", "First statement.\n\nSecond.\n");
  g_autoptr(GFile) b = write_string (fixture, "batch/b.html", HTML_PAGE);
  g_autoptr(GFile) c = write_bytes (fixture, "batch/sub/c.docx", docx);
  g_autoptr(GFile) empty = write_string (fixture, "batch/empty.txt", "");
  g_autoptr(GFile) hidden = write_string (fixture, "batch/.hidden.txt", "Secret.\n");
  g_autoptr(GFile) hidden_folder = write_string (fixture, "batch/.git/config", "x = y\n");
  g_autoptr(GFile) readme = write_string (fixture, "batch/README.md", "# Transcripts\n\nFrom the OEWG site.\n");
  g_autoptr(GFile) licence = write_string (fixture, "batch/sub/LICENSE", "Public domain.\n");
  g_autofree char *path = g_build_filename (fixture->dir, "batch", NULL);

  return g_file_new_for_path (path);
}

static void
check_progress (BatchRun *run)
{
  g_assert_cmpuint (run->total, ==, 4);
  g_assert_cmpuint (run->done->len, ==, 5);
  for (guint i = 0; i < run->done->len; i++)
    g_assert_cmpuint (g_array_index (run->done, guint, i), ==, i);
}

static void
check_full_batch (Fixture   *fixture,
                  GPtrArray *results)
{
  static const char * const names[] = {
    "batch/a.txt", "batch/b.html", "batch/empty.txt", "batch/sub/c.docx",
  };
  g_autoptr(PlProject) project = NULL;

  g_assert_cmpuint (results->len, ==, G_N_ELEMENTS (names));
  for (guint i = 0; i < results->len; i++)
    {
      PlImportResult *result = g_ptr_array_index (results, i);

      g_assert_cmpstr (result->display_name, ==, names[i]);
      g_assert_true (G_IS_FILE (result->file));
      if (i == 2)
        {
          g_assert_false (result->imported);
          g_assert_error (result->error, PL_IMPORT_ERROR, PL_IMPORT_ERROR_EMPTY);
          g_assert_cmpstr (result->error->message, ==, "“empty.txt” is empty.");
        }
      else
        {
          g_assert_no_error (result->error);
          g_assert_true (result->imported);
          g_assert_cmpint (result->document_id, >, 0);
          g_assert_cmpuint (result->n_statements, >=, 2);
        }
    }

  project = open_project (fixture);
  g_assert_cmpuint (count_documents (project), ==, 4);
  pl_project_close (project);
}

static GPtrArray *
run_async (PlProject    *project,
           GPtrArray    *files,
           BatchRun     *run,
           GCancellable *cancellable)
{
  pl_import_batch_run_async (project, files, &(PlImportProgress) { on_progress, run }, cancellable,
                             on_batch_done, run);
  while (!run->finished)
    g_main_context_iteration (NULL, TRUE);

  return g_steal_pointer (&run->results);
}

static void
test_batch_async (Fixture       *fixture,
                  gconstpointer  user_data)
{
  g_autoptr(GFile) folder = write_batch_folder (fixture);
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GArray) done = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(PlProject) project = open_project (fixture);
  BatchRun run = { done, 0, NULL, NULL, FALSE, g_thread_self () };

  g_ptr_array_add (files, g_object_ref (folder));
  results = run_async (project, files, &run, NULL);
  close_project (g_steal_pointer (&project));

  check_progress (&run);
  check_full_batch (fixture, results);
}

static void
test_batch_sync (Fixture       *fixture,
                 gconstpointer  user_data)
{
  g_autoptr(GFile) folder = write_batch_folder (fixture);
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GArray) done = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(PlProject) project = open_project (fixture);
  g_autoptr(GError) error = NULL;
  BatchRun run = { done, 0, NULL, NULL, FALSE, g_thread_self () };

  g_ptr_array_add (files, g_object_ref (folder));
  results = pl_import_batch_run (project, files, &(PlImportProgress) { on_progress, &run }, NULL, &error);
  g_assert_no_error (error);
  close_project (g_steal_pointer (&project));

  check_progress (&run);
  check_full_batch (fixture, results);
}

static void
check_cancelled_batch (Fixture   *fixture,
                       GPtrArray *results)
{
  g_autoptr(PlProject) project = NULL;

  g_assert_cmpuint (results->len, ==, 4);
  g_assert_true (((PlImportResult *) g_ptr_array_index (results, 0))->imported);
  for (guint i = 1; i < results->len; i++)
    {
      PlImportResult *result = g_ptr_array_index (results, i);

      g_assert_false (result->imported);
      g_assert_error (result->error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
      g_assert_nonnull (strstr (result->error->message, result->display_name));
    }

  project = open_project (fixture);
  g_assert_cmpuint (count_documents (project), ==, 2);
  pl_project_close (project);
}

static void
test_batch_cancel (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_autoptr(GFile) folder = write_batch_folder (fixture);
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GCancellable) sync_cancellable = g_cancellable_new ();
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GArray) done = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(PlProject) project = open_project (fixture);
  BatchRun run = { done, 0, cancellable, NULL, FALSE, g_thread_self () };

  g_ptr_array_add (files, g_object_ref (folder));
  results = run_async (project, files, &run, cancellable);
  close_project (g_steal_pointer (&project));
  check_cancelled_batch (fixture, results);
  g_clear_pointer (&results, g_ptr_array_unref);

  /* The same, synchronously, on a fresh project. */
  pl_test_remove_tree (fixture->project_path);
  project = open_project (fixture);
  g_assert_nonnull (pl_project_add_document (project, "Baseline", "Baseline.\n", NULL, NULL));
  g_array_set_size (done, 0);
  run.cancel_after_first = sync_cancellable;
  results = pl_import_batch_run (project, files, &(PlImportProgress) { on_progress, &run },
                                 sync_cancellable, NULL);
  close_project (g_steal_pointer (&project));
  check_cancelled_batch (fixture, results);
}

/* A file given by itself is imported even when hidden; a missing one is reported. */
static void
test_batch_files (Fixture       *fixture,
                  gconstpointer  user_data)
{
  g_autoptr(GFile) hidden = write_string (fixture, ".notes.txt", "Kept.\n");
  g_autofree char *missing_path = g_build_filename (fixture->dir, "gone.txt", NULL);
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(PlProject) project = open_project (fixture);
  PlImportResult *result;
  PlDocument *document;

  g_ptr_array_add (files, g_object_ref (hidden));
  g_ptr_array_add (files, g_file_new_for_path (missing_path));
  results = pl_import_batch_run (project, files, NULL, NULL, NULL);
  g_assert_cmpuint (results->len, ==, 2);

  result = g_ptr_array_index (results, 0);
  g_assert_true (result->imported);
  g_assert_cmpstr (result->display_name, ==, ".notes.txt");
  document = pl_project_find_document (project, result->document_id);
  g_assert_nonnull (document);
  g_assert_cmpstr (pl_document_get_metadata (document, "format"), ==, "text");
  g_assert_cmpuint (result->n_statements, ==, pl_document_get_n_statements (document));

  result = g_ptr_array_index (results, 1);
  g_assert_false (result->imported);
  g_assert_error (result->error, PL_IMPORT_ERROR, PL_IMPORT_ERROR_READ);
  g_assert_cmpstr (result->error->message, ==, "“gone.txt” does not exist.");

  {
    g_autoptr(PlImportResult) copy = pl_import_result_copy (result);

    g_assert_cmpstr (copy->display_name, ==, "gone.txt");
    g_assert_error (copy->error, PL_IMPORT_ERROR, PL_IMPORT_ERROR_READ);
    g_assert_true (g_file_equal (copy->file, result->file));
  }

  close_project (g_steal_pointer (&project));
}

/* The real documents beside the checkout, when they are there. */
static void
test_shared_corpus (Fixture       *fixture,
                    gconstpointer  user_data)
{
  const char *shared = g_getenv ("PLENARY_SHARED_DIR");
  g_autofree char *corpus = NULL;
  g_autoptr(GDir) dir = NULL;
  g_autoptr(PlProject) project = NULL;
  const char *name;
  guint n_files = 0;

  if (shared == NULL)
    {
      g_test_skip ("PLENARY_SHARED_DIR is not set");
      return;
    }

  corpus = g_build_filename (shared, "corpus", NULL);
  dir = g_dir_open (corpus, 0, NULL);
  if (dir == NULL)
    {
      g_test_skip ("No shared corpus beside the checkout");
      return;
    }

  project = open_project (fixture);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = NULL;
      g_autoptr(GFile) file = NULL;
      g_autoptr(GError) error = NULL;
      PlDocument *document;

      if (!g_str_has_suffix (name, ".txt"))
        continue;

      path = g_build_filename (corpus, name, NULL);
      file = g_file_new_for_path (path);
      document = pl_importer_import_file (project, file, NULL, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (pl_document_get_metadata (document, "format"), ==, "text");
      g_assert_cmpuint (pl_document_get_n_statements (document), >, 5);
      n_files++;
    }
  close_project (g_steal_pointer (&project));

  if (n_files == 0)
    g_test_skip ("The shared corpus has no .txt documents");
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/import-formats/docx", test_docx);
  ADD ("/import-formats/odt", test_odt);
  ADD ("/import-formats/refuse/packages", test_refuse_packages);
  ADD ("/import-formats/html", test_html);
  ADD ("/import-formats/markdown", test_markdown);
#if HAVE_POPPLER
  ADD ("/import-formats/pdf", test_pdf);
  ADD ("/import-formats/pdf-identical-pages", test_pdf_identical_pages);
  ADD ("/import-formats/refuse/pdf", test_refuse_pdf);
#else
  ADD ("/import-formats/refuse/pdf-unsupported", test_refuse_pdf_unsupported);
#endif
  ADD ("/import-formats/read-info", test_read_info);
  ADD ("/import-formats/batch/async", test_batch_async);
  ADD ("/import-formats/batch/sync", test_batch_sync);
  ADD ("/import-formats/batch/cancel", test_batch_cancel);
  ADD ("/import-formats/batch/files", test_batch_files);
  ADD ("/import-formats/shared-corpus", test_shared_corpus);

#undef ADD

  status = g_test_run ();
#if HAVE_POPPLER
  /* Cairo's font caches, for leak checkers. */
  cairo_debug_reset_static_data ();
#endif

  return status;
}
