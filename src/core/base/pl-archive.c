/* pl-archive.c — reading zip archives within the limits, and writing small ones
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "plenary-archive"

#include "config.h"

#include <archive.h>
#include <archive_entry.h>
#include <glib/gi18n.h>

#include "pl-archive.h"
#include "pl-error.h"
#include "pl-limits.h"

#define MEBIBYTE (G_GUINT64_CONSTANT (1024) * 1024)

typedef struct
{
  struct archive         *archive;
  const PlArchiveOptions *options;
  guint64                 max_entry;
  guint64                 total;       /* inflated bytes of all entries so far */
} Reader;

static void
set_damaged (Reader  *reader,
             GError **error)
{
  const char *reason = reader->archive != NULL ? archive_error_string (reader->archive) : NULL;

  g_set_error (error, PL_IMPORT_ERROR, PL_IMPORT_ERROR_MALFORMED,
               _("“%s” is damaged: its ZIP archive cannot be read (%s)."),
               reader->options->display_name, reason != NULL ? reason : _("unknown error"));
}

static void
set_too_large (Reader     *reader,
               const char *name,
               const char *limit,
               GError    **error)
{
  g_set_error (error, PL_IMPORT_ERROR, PL_IMPORT_ERROR_TOO_LARGE,
               _("“%s” is too large to read: its part “%s” %s. Plenary refuses it as a "
                 "possible zip bomb."),
               reader->options->display_name, name, limit);
}

static GBytes *
read_entry (Reader                *reader,
            struct archive_entry  *entry,
            const char            *name,
            GError               **error)
{
  g_autoptr(GByteArray) bytes = g_byte_array_new ();
  g_autofree guint8 *buffer = g_malloc (64 * 1024);
  la_int64_t compressed_start = archive_filter_bytes (reader->archive, -1);
  la_ssize_t n;

  if (archive_entry_is_encrypted (entry))
    {
      g_set_error (error, PL_IMPORT_ERROR, PL_IMPORT_ERROR_MALFORMED,
                   _("“%s” is encrypted. Save a copy without a password, then import the "
                     "copy."), reader->options->display_name);
      return NULL;
    }

  if (archive_entry_size_is_set (entry) && (guint64) archive_entry_size (entry) > reader->max_entry)
    {
      g_autofree char *limit = g_strdup_printf (_("takes more than %u MB once uncompressed"),
                                                (guint) (reader->max_entry / MEBIBYTE));
      set_too_large (reader, name, limit, error);
      return NULL;
    }

  while ((n = archive_read_data (reader->archive, buffer, 64 * 1024)) > 0)
    {
      guint64 compressed = (guint64) MAX (1, archive_filter_bytes (reader->archive, -1) - compressed_start);

      reader->total += (guint64) n;
      if (bytes->len + (guint64) n > reader->max_entry)
        {
          g_autofree char *limit = g_strdup_printf (_("takes more than %u MB once uncompressed"),
                                                    (guint) (reader->max_entry / MEBIBYTE));
          set_too_large (reader, name, limit, error);
          return NULL;
        }
      if (reader->total > PL_LIMIT_ARCHIVE_TOTAL_BYTES)
        {
          g_autofree char *limit = g_strdup_printf (_("brings the archive past %u MB once uncompressed"),
                                                    (guint) (PL_LIMIT_ARCHIVE_TOTAL_BYTES / MEBIBYTE));
          set_too_large (reader, name, limit, error);
          return NULL;
        }
      if (bytes->len + (guint64) n > MEBIBYTE
          && bytes->len + (guint64) n > compressed * PL_LIMIT_ARCHIVE_RATIO)
        {
          g_autofree char *limit = g_strdup_printf (_("inflates more than %u times"),
                                                    (guint) PL_LIMIT_ARCHIVE_RATIO);
          set_too_large (reader, name, limit, error);
          return NULL;
        }
      g_byte_array_append (bytes, buffer, (guint) n);

      if (g_cancellable_set_error_if_cancelled (reader->options->cancellable, error))
        return NULL;
    }

  if (n < 0)
    {
      set_damaged (reader, error);
      return NULL;
    }

  return g_byte_array_free_to_bytes (g_steal_pointer (&bytes));
}

GHashTable *
pl_archive_read_zip (const guint8            *data,
                     gsize                    length,
                     const PlArchiveOptions  *options,
                     GError                 **error)
{
  g_autoptr(GHashTable) entries = NULL;
  struct archive_entry *entry;
  Reader reader = { 0 };
  guint n_entries = 0;
  int status;

  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (options != NULL && options->display_name != NULL, NULL);

  reader.options = options;
  reader.max_entry = options->max_entry_bytes != 0 ? options->max_entry_bytes
                                                   : PL_LIMIT_ARCHIVE_ENTRY_BYTES;
  entries = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_bytes_unref);

  reader.archive = archive_read_new ();
  archive_read_support_format_zip (reader.archive);
  if (archive_read_open_memory (reader.archive, data, length) != ARCHIVE_OK)
    {
      set_damaged (&reader, error);
      archive_read_free (reader.archive);
      return NULL;
    }

  while ((status = archive_read_next_header (reader.archive, &entry)) != ARCHIVE_EOF)
    {
      const char *name;
      GBytes *bytes;

      if (status != ARCHIVE_OK && status != ARCHIVE_WARN)
        {
          set_damaged (&reader, error);
          archive_read_free (reader.archive);
          return NULL;
        }
      if (++n_entries > PL_LIMIT_ARCHIVE_ENTRIES)
        {
          g_set_error (error, PL_IMPORT_ERROR, PL_IMPORT_ERROR_TOO_LARGE,
                       _("“%s” holds more than %u files; Plenary refuses it as a possible "
                         "zip bomb."), options->display_name, (guint) PL_LIMIT_ARCHIVE_ENTRIES);
          archive_read_free (reader.archive);
          return NULL;
        }

      name = archive_entry_pathname_utf8 (entry);
      if (name == NULL)
        name = archive_entry_pathname (entry);
      if (name == NULL || archive_entry_filetype (entry) != AE_IFREG)
        continue;
      while (g_str_has_prefix (name, "./"))
        name += 2;
      if (g_hash_table_contains (entries, name))
        continue;

      if (options->want != NULL && !options->want (name, options->want_data))
        {
          g_hash_table_insert (entries, g_strdup (name), g_bytes_new (NULL, 0));
          continue;
        }

      bytes = read_entry (&reader, entry, name, error);
      if (bytes == NULL)
        {
          archive_read_free (reader.archive);
          return NULL;
        }
      g_hash_table_insert (entries, g_strdup (name), bytes);
    }

  archive_read_free (reader.archive);
  return g_steal_pointer (&entries);
}

/* Writing */

static la_ssize_t
write_cb (struct archive *archive,
          void           *data,
          const void     *buffer,
          size_t          length)
{
  g_byte_array_append (data, buffer, (guint) length);
  return (la_ssize_t) length;
}

static gboolean
write_entry (struct archive        *archive,
             const PlArchiveEntry  *item,
             gint64                 now)
{
  struct archive_entry *entry = archive_entry_new ();
  gsize length;
  const void *data = g_bytes_get_data (item->data, &length);
  gboolean ok;

  if (item->stored)
    archive_write_zip_set_compression_store (archive);
  else
    archive_write_zip_set_compression_deflate (archive);
  archive_entry_set_pathname (entry, item->name);
  archive_entry_set_filetype (entry, AE_IFREG);
  archive_entry_set_perm (entry, 0644);
  archive_entry_set_size (entry, (la_int64_t) length);
  archive_entry_set_mtime (entry, now, 0);
  ok = archive_write_header (archive, entry) == ARCHIVE_OK
       && (length == 0 || archive_write_data (archive, data, length) == (la_ssize_t) length);
  archive_entry_free (entry);
  return ok;
}

GBytes *
pl_archive_write_zip (const PlArchiveEntry  *entries,
                      gsize                  n_entries,
                      GError               **error)
{
  g_autoptr(GByteArray) zip = g_byte_array_new ();
  struct archive *archive = archive_write_new ();
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  gboolean ok;

  g_return_val_if_fail (entries != NULL || n_entries == 0, NULL);

  archive_write_set_format_zip (archive);
  archive_write_set_bytes_in_last_block (archive, 1);
  ok = archive_write_open2 (archive, zip, NULL, write_cb, NULL, NULL) == ARCHIVE_OK;
  for (gsize i = 0; ok && i < n_entries; i++)
    ok = write_entry (archive, &entries[i], now);
  ok = ok && archive_write_close (archive) == ARCHIVE_OK;
  if (!ok)
    g_set_error (error, PL_EXPORT_ERROR, PL_EXPORT_ERROR_FAILED,
                 _("Could not compress the file: %s"), archive_error_string (archive));
  archive_write_free (archive);

  return ok ? g_byte_array_free_to_bytes (g_steal_pointer (&zip)) : NULL;
}
