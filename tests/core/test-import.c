/* test-import.c — importing text files into a project, and refusing what is not text
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "pl-error.h"
#include "pl-importer.h"
#include "pl-project.h"
#include "pl-test-util.h"

#define BASELINE_TEXT "Baseline statement one.\n\nBaseline statement two."

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
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, data, length, &error);
  g_assert_no_error (error);

  return g_file_new_for_path (path);
}

static GByteArray *
encode_utf16 (const char *utf8,
              gboolean    big_endian,
              gboolean    with_bom)
{
  g_autofree gunichar2 *units = NULL;
  glong n_units = 0;
  GByteArray *bytes = g_byte_array_new ();

  units = g_utf8_to_utf16 (utf8, -1, NULL, &n_units, NULL);
  g_assert_nonnull (units);

  if (with_bom)
    g_byte_array_append (bytes, (const guint8 *) (big_endian ? "\xfe\xff" : "\xff\xfe"), 2);

  for (glong i = 0; i < n_units; i++)
    {
      guint8 pair[2];

      pair[big_endian ? 0 : 1] = units[i] >> 8;
      pair[big_endian ? 1 : 0] = units[i] & 0xff;
      g_byte_array_append (bytes, pair, 2);
    }

  return bytes;
}

static GByteArray *
encode_utf32_le (const char *utf8)
{
  g_autofree gunichar *chars = NULL;
  glong n_chars = 0;
  GByteArray *bytes = g_byte_array_new ();

  chars = g_utf8_to_ucs4 (utf8, -1, NULL, &n_chars, NULL);
  g_assert_nonnull (chars);

  g_byte_array_append (bytes, (const guint8 *) "\xff\xfe\0\0", 4);
  for (glong i = 0; i < n_chars; i++)
    {
      guint8 quad[4] = {
        chars[i] & 0xff, (chars[i] >> 8) & 0xff, (chars[i] >> 16) & 0xff, chars[i] >> 24,
      };

      g_byte_array_append (bytes, quad, 4);
    }

  return bytes;
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
  g_assert_cmpuint (length, >, 0);

  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, length);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PlProject) project = NULL;
  PlDocument *document;

  fixture->dir = g_dir_make_tmp ("plenary-test-import-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->project_path = g_build_filename (fixture->dir, "project.plenary", NULL);

  /* One document already in the project, so that "unchanged" means something. */
  project = open_project (fixture);
  document = pl_project_add_document (project, "Baseline", BASELINE_TEXT, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (document);
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

/* Imports @file into the project and checks the stored text, title and statements. */
static void
assert_imports (Fixture    *fixture,
                GFile      *file,
                const char *expected_title,
                const char *expected_text,
                guint       expected_statements)
{
  g_autofree char *before = checksum_project (fixture);
  g_autofree char *after = NULL;
  g_autoptr(PlProject) project = open_project (fixture);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) statements = NULL;
  g_autofree char *text = NULL;
  g_autofree char *uri = g_file_get_uri (file);
  PlDocument *document;
  gint64 id;

  document = pl_importer_import_file (project, file, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (document);

  id = pl_document_get_id (document);
  g_assert_cmpstr (pl_document_get_title (document), ==, expected_title);
  g_assert_cmpstr (pl_document_get_source_uri (document), ==, uri);
  g_assert_cmpuint (pl_document_get_n_statements (document), ==, expected_statements);
  g_assert_cmpuint (g_list_model_get_n_items (pl_project_get_documents (project)), ==, 2);
  close_project (g_steal_pointer (&project));

  /* The refusal tests rely on the checksum seeing a change. */
  after = checksum_project (fixture);
  g_assert_cmpstr (after, !=, before);

  /* What is on disk, read back by a fresh connection. */
  project = open_project (fixture);
  document = pl_project_find_document (project, id);
  g_assert_nonnull (document);
  g_assert_cmpstr (pl_document_get_title (document), ==, expected_title);
  g_assert_cmpuint (pl_document_get_length (document), ==, g_utf8_strlen (expected_text, -1));

  text = pl_project_dup_document_text (project, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (text, ==, expected_text);

  statements = pl_project_list_statements (project, id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (statements->len, ==, expected_statements);
  pl_project_close (project);
}

#define UNICODE_TEXT "The representative of Côte d’Ivoire said:\r\n“Cyberspace 😀 中文”.\r\n\r\n" \
                     "Se\xcc\x81" "ance closed.\r\n"
#define UNICODE_STORED "The representative of Côte d’Ivoire said:\n“Cyberspace 😀 中文”.\n\n" \
                       "S\xc3\xa9" "ance closed."

static void
test_import_utf8 (Fixture       *fixture,
                  gconstpointer  user_data)
{
  g_autoptr(GFile) file = write_file (fixture, "statement.txt", UNICODE_TEXT,
                                      strlen (UNICODE_TEXT));

  assert_imports (fixture, file, "statement", UNICODE_STORED "\n", 2);
}

static void
test_import_utf8_bom (Fixture       *fixture,
                      gconstpointer  user_data)
{
  const char *text = "\xef\xbb\xbf" UNICODE_TEXT;
  g_autoptr(GFile) file = write_file (fixture, "bom.txt", text, strlen (text));

  assert_imports (fixture, file, "bom", UNICODE_STORED "\n", 2);
}

static void
test_import_utf16 (Fixture       *fixture,
                   gconstpointer  user_data)
{
  struct
  {
    const char *name;
    gboolean big_endian;
    gboolean with_bom;
  } cases[] = {
    { "le-bom.txt", FALSE, TRUE },
    { "be-bom.txt", TRUE, TRUE },
    { "le-no-bom.txt", FALSE, FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GByteArray) bytes = encode_utf16 (UNICODE_TEXT, cases[i].big_endian,
                                                  cases[i].with_bom);
      g_autoptr(GFile) file = write_file (fixture, cases[i].name, bytes->data, bytes->len);
      g_autoptr(PlProject) project = NULL;
      g_autofree char *title = g_strndup (cases[i].name, strlen (cases[i].name) - 4);

      assert_imports (fixture, file, title, UNICODE_STORED "\n", 2);

      /* Back to the baseline for the next case. */
      pl_test_remove_tree (fixture->project_path);
      project = open_project (fixture);
      g_assert_nonnull (pl_project_add_document (project, "Baseline", BASELINE_TEXT, NULL, NULL));
      pl_project_close (project);
    }
}

static void
test_import_utf32 (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_autoptr(GByteArray) bytes = encode_utf32_le (UNICODE_TEXT);
  g_autoptr(GFile) file = write_file (fixture, "wide.txt", bytes->data, bytes->len);

  assert_imports (fixture, file, "wide", UNICODE_STORED "\n", 2);
}

static void
test_import_windows_1252 (Fixture       *fixture,
                          gconstpointer  user_data)
{
  const char *cp1252 = "\x93Norms\x94 cost \x80 5 \x96 caf\xe9.\r\nSecond line.\r\n";
  g_autoptr(GFile) file = write_file (fixture, "legacy.txt", cp1252, strlen (cp1252));

  /* No blank line: one statement per line. */
  assert_imports (fixture, file, "legacy", "“Norms” cost € 5 – café.\nSecond line.\n", 2);
}

static void
test_import_markdown (Fixture       *fixture,
                      gconstpointer  user_data)
{
  const char *markdown = "# Heading\n\nSome *emphasis*.\n\n- item\n";
  g_autoptr(GFile) file = write_file (fixture, "notes.md", markdown, strlen (markdown));

  /* Markdown loses its markup (test-import-formats covers the rest). */
  assert_imports (fixture, file, "notes", "Heading\n\nSome emphasis.\n\n- item\n", 3);
}

static void
test_read_text_titles (Fixture       *fixture,
                       gconstpointer  user_data)
{
  struct
  {
    const char *name;
    const char *title;
  } cases[] = {
    { "report.final.txt", "report.final" },
    { "no-extension", "no-extension" },
    { ".hidden", ".hidden" },
    { "Séance 中文.txt", "Séance 中文" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GFile) file = write_file (fixture, cases[i].name, "Text.", 5);
      g_autoptr(GError) error = NULL;
      g_autofree char *title = NULL;
      g_autofree char *text = NULL;

      text = pl_importer_read_text (file, &title, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (text, ==, "Text.");
      g_assert_cmpstr (title, ==, cases[i].title);
    }
}

/* Refusals: the project file must be byte-for-byte what it was. */

static void
assert_refused (Fixture      *fixture,
                GFile        *file,
                GQuark        domain,
                gint          code,
                const char   *display_name,
                const char   *also_in_message)
{
  g_autoptr(PlProject) project = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GCancellable) cancellable = NULL;
  g_autofree char *before = checksum_project (fixture);
  g_autofree char *after = NULL;
  g_autofree char *quoted = g_strdup_printf ("“%s”", display_name);
  GListModel *documents;
  PlDocument *document;

  project = open_project (fixture);
  documents = pl_project_get_documents (project);
  g_assert_cmpuint (g_list_model_get_n_items (documents), ==, 1);

  if (domain == G_IO_ERROR && code == G_IO_ERROR_CANCELLED)
    {
      cancellable = g_cancellable_new ();
      g_cancellable_cancel (cancellable);
    }

  document = pl_importer_import_file (project, file, NULL, cancellable, &error);
  g_assert_null (document);
  g_assert_error (error, domain, code);
  if (domain == PL_IMPORT_ERROR)
    g_assert_nonnull (strstr (error->message, quoted));
  if (also_in_message != NULL)
    g_assert_nonnull (strstr (error->message, also_in_message));

  g_assert_cmpuint (g_list_model_get_n_items (documents), ==, 1);
  close_project (g_steal_pointer (&project));

  after = checksum_project (fixture);
  g_assert_cmpstr (after, ==, before);
}

static void
test_refuse_empty (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_autoptr(GFile) file = write_file (fixture, "report.txt", "", 0);
  g_autoptr(GError) error = NULL;

  assert_refused (fixture, file, PL_IMPORT_ERROR, PL_IMPORT_ERROR_EMPTY, "report.txt", NULL);

  g_assert_null (pl_importer_read_text (file, NULL, NULL, &error));
  g_assert_cmpstr (error->message, ==, "“report.txt” is empty.");
}

static void
test_refuse_white_space (Fixture       *fixture,
                         gconstpointer  user_data)
{
  g_autoptr(GFile) file = write_file (fixture, "blank.txt", " \r\n\t\n  \n", 8);

  assert_refused (fixture, file, PL_IMPORT_ERROR, PL_IMPORT_ERROR_EMPTY, "blank.txt",
                  "white space");
}

static void
test_refuse_binary (Fixture       *fixture,
                    gconstpointer  user_data)
{
  const guint8 data[] = { 'a', 0, 0, 0, 0x17, 0x2a, 0, 0, 0xfe, 0x01, 0, 'z', 0, 0 };
  g_autoptr(GFile) file = write_file (fixture, "data.bin", data, sizeof data);

  assert_refused (fixture, file, PL_IMPORT_ERROR, PL_IMPORT_ERROR_BINARY, "data.bin",
                  "binary");
}

static void
test_refuse_pdf (Fixture       *fixture,
                 gconstpointer  user_data)
{
  const char *pdf = "%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n";
  g_autoptr(GFile) file = write_file (fixture, "scan.pdf", pdf, strlen (pdf));
  g_autoptr(GError) error = NULL;

  /* PDFs are read now (test-import-formats); this one is cut short. */
  assert_refused (fixture, file, PL_IMPORT_ERROR, PL_IMPORT_ERROR_MALFORMED, "scan.pdf",
                  "is damaged");

  g_assert_null (pl_importer_read_text (file, NULL, NULL, &error));
  g_assert_true (g_str_has_prefix (error->message, "“scan.pdf” is damaged: the PDF cannot be read"));
}

static void
test_refuse_encoding (Fixture       *fixture,
                      gconstpointer  user_data)
{
  g_autoptr(GByteArray) utf16 = encode_utf16 ("Statement", FALSE, TRUE);
  g_autoptr(GFile) undefined = write_file (fixture, "legacy.txt", "caf\xe9 \x81", 6);
  g_autoptr(GFile) truncated = NULL;

  g_byte_array_set_size (utf16, utf16->len - 1);
  truncated = write_file (fixture, "cut.txt", utf16->data, utf16->len);

  assert_refused (fixture, undefined, PL_IMPORT_ERROR, PL_IMPORT_ERROR_ENCODING, "legacy.txt",
                  "Windows-1252");
  assert_refused (fixture, truncated, PL_IMPORT_ERROR, PL_IMPORT_ERROR_ENCODING, "cut.txt",
                  "UTF-16");
}

static void
test_refuse_missing (Fixture       *fixture,
                     gconstpointer  user_data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "gone.txt", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;

  assert_refused (fixture, file, PL_IMPORT_ERROR, PL_IMPORT_ERROR_READ, "gone.txt", NULL);

  g_assert_null (pl_importer_read_text (file, NULL, NULL, &error));
  g_assert_cmpstr (error->message, ==, "“gone.txt” does not exist.");
}

static void
test_refuse_folder (Fixture       *fixture,
                    gconstpointer  user_data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "minutes", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_mkdir (path, 0700), ==, 0);
  assert_refused (fixture, file, PL_IMPORT_ERROR, PL_IMPORT_ERROR_READ, "minutes", NULL);

  g_assert_null (pl_importer_read_text (file, NULL, NULL, &error));
  g_assert_cmpstr (error->message, ==, "“minutes” is a folder, not a file.");
}

static void
test_refuse_unreadable (Fixture       *fixture,
                        gconstpointer  user_data)
{
  g_autoptr(GFile) file = write_file (fixture, "secret.txt", "Text.", 5);
  g_autofree char *path = g_file_get_path (file);

  g_assert_cmpint (g_chmod (path, 0), ==, 0);
  if (g_access (path, R_OK) == 0)
    {
      g_test_skip ("Permissions are not enforced for this user");
      return;
    }

  assert_refused (fixture, file, PL_IMPORT_ERROR, PL_IMPORT_ERROR_READ, "secret.txt",
                  "cannot be read");
}

static void
test_refuse_too_large (Fixture       *fixture,
                       gconstpointer  user_data)
{
  g_autoptr(GFile) file = write_file (fixture, "huge.txt", "Text.", 5);
  g_autofree char *path = g_file_get_path (file);
  g_autoptr(GError) error = NULL;
  int fd;

  /* Sparse: 65 MB that take no room on disk. */
  fd = g_open (path, O_WRONLY, 0);
  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (ftruncate (fd, 65 * 1024 * 1024), ==, 0);
  g_close (fd, &error);
  g_assert_no_error (error);

  assert_refused (fixture, file, PL_IMPORT_ERROR, PL_IMPORT_ERROR_TOO_LARGE, "huge.txt",
                  "65 MB");

  g_assert_null (pl_importer_read_text (file, NULL, NULL, &error));
  g_assert_cmpstr (error->message, ==,
                   "“huge.txt” is too large to import (65 MB; the limit is 64 MB).");
}

static void
test_refuse_cancelled (Fixture       *fixture,
                       gconstpointer  user_data)
{
  g_autoptr(GFile) file = write_file (fixture, "fine.txt", "Text.", 5);

  assert_refused (fixture, file, G_IO_ERROR, G_IO_ERROR_CANCELLED, "fine.txt", NULL);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/import/utf8", test_import_utf8);
  ADD ("/import/utf8-bom", test_import_utf8_bom);
  ADD ("/import/utf16", test_import_utf16);
  ADD ("/import/utf32", test_import_utf32);
  ADD ("/import/windows-1252", test_import_windows_1252);
  ADD ("/import/markdown", test_import_markdown);
  ADD ("/import/titles", test_read_text_titles);
  ADD ("/import/refuse/empty", test_refuse_empty);
  ADD ("/import/refuse/white-space", test_refuse_white_space);
  ADD ("/import/refuse/binary", test_refuse_binary);
  ADD ("/import/refuse/pdf", test_refuse_pdf);
  ADD ("/import/refuse/encoding", test_refuse_encoding);
  ADD ("/import/refuse/missing", test_refuse_missing);
  ADD ("/import/refuse/folder", test_refuse_folder);
  ADD ("/import/refuse/unreadable", test_refuse_unreadable);
  ADD ("/import/refuse/too-large", test_refuse_too_large);
  ADD ("/import/refuse/cancelled", test_refuse_cancelled);

#undef ADD

  return g_test_run ();
}
