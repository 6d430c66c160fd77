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

#define CHUNK_BYTES (64 * 1024)

struct _PlArchiveReader
{
  struct archive         *archive;
  struct archive_entry   *entry;       /* the current one, or NULL */
  const PlArchiveOptions *options;
  GHashTable             *seen;        /* names of the entries returned so far */
  char                   *name;        /* of the current entry */
  guint                   n_entries;
  guint64                 max_entry;
  guint64                 total;       /* inflated bytes of all entries so far */
  gboolean                started;     /* the current entry is being read */
  la_int64_t              compressed_start;
  guint64                 entry_bytes; /* read of the current entry so far */
  guint8                 *buffer;      /* CHUNK_BYTES */
};

static void
set_damaged (PlArchiveReader  *reader,
             GError          **error)
{
  const char *reason = reader->archive != NULL ? archive_error_string (reader->archive) : NULL;

  g_set_error (error, PL_IMPORT_ERROR, PL_IMPORT_ERROR_MALFORMED,
               _("“%s” is damaged: its ZIP archive cannot be read (%s)."),
               reader->options->display_name, reason != NULL ? reason : _("unknown error"));
}

static void
set_too_large (PlArchiveReader  *reader,
               const char       *name,
               const char       *limit,
               GError          **error)
{
  g_set_error (error, PL_IMPORT_ERROR, PL_IMPORT_ERROR_TOO_LARGE,
               _("“%s” is too large to read: its part “%s” %s. Plenary refuses it as a "
                 "possible zip bomb."),
               reader->options->display_name, name, limit);
}

PlArchiveReader *
pl_archive_reader_new (const guint8            *data,
                       gsize                    length,
                       const PlArchiveOptions  *options,
                       GError                 **error)
{
  PlArchiveReader *reader;

  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (options != NULL && options->display_name != NULL, NULL);

  reader = g_new0 (PlArchiveReader, 1);
  reader->options = options;
  reader->max_entry = options->max_entry_bytes != 0 ? options->max_entry_bytes
                                                    : PL_LIMIT_ARCHIVE_ENTRY_BYTES;
  reader->seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  reader->buffer = g_malloc (CHUNK_BYTES);

  reader->archive = archive_read_new ();
  archive_read_support_format_zip (reader->archive);
  if (archive_read_open_memory (reader->archive, data, length) != ARCHIVE_OK)
    {
      set_damaged (reader, error);
      pl_archive_reader_free (reader);
      return NULL;
    }

  return reader;
}

void
pl_archive_reader_free (PlArchiveReader *reader)
{
  if (reader == NULL)
    return;

  archive_read_free (reader->archive);
  g_hash_table_unref (reader->seen);
  g_free (reader->buffer);
  g_free (reader);
}

const char *
pl_archive_reader_next (PlArchiveReader  *reader,
                        GError          **error)
{
  struct archive_entry *entry;
  int status;

  g_return_val_if_fail (reader != NULL, NULL);

  reader->entry = NULL;
  reader->name = NULL;
  reader->started = FALSE;
  while ((status = archive_read_next_header (reader->archive, &entry)) != ARCHIVE_EOF)
    {
      const char *name;

      if (status != ARCHIVE_OK && status != ARCHIVE_WARN)
        {
          set_damaged (reader, error);
          return NULL;
        }
      if (++reader->n_entries > PL_LIMIT_ARCHIVE_ENTRIES)
        {
          g_set_error (error, PL_IMPORT_ERROR, PL_IMPORT_ERROR_TOO_LARGE,
                       _("“%s” holds more than %u files; Plenary refuses it as a possible "
                         "zip bomb."), reader->options->display_name,
                       (guint) PL_LIMIT_ARCHIVE_ENTRIES);
          return NULL;
        }

      name = archive_entry_pathname_utf8 (entry);
      if (name == NULL)
        name = archive_entry_pathname (entry);
      if (name == NULL || archive_entry_filetype (entry) != AE_IFREG)
        continue;
      while (g_str_has_prefix (name, "./"))
        name += 2;
      if (g_hash_table_contains (reader->seen, name))
        continue;

      reader->entry = entry;
      reader->name = g_strdup (name);
      g_hash_table_add (reader->seen, reader->name);
      return reader->name;
    }

  return NULL;
}

gssize
pl_archive_reader_read (PlArchiveReader  *reader,
                        const guint8    **out_data,
                        GError          **error)
{
  la_ssize_t n;
  guint64 compressed;

  g_return_val_if_fail (reader != NULL && reader->entry != NULL, -1);
  g_return_val_if_fail (out_data != NULL, -1);

  if (!reader->started)
    {
      reader->started = TRUE;
      reader->entry_bytes = 0;
      reader->compressed_start = archive_filter_bytes (reader->archive, -1);

      if (archive_entry_is_encrypted (reader->entry))
        {
          g_set_error (error, PL_IMPORT_ERROR, PL_IMPORT_ERROR_MALFORMED,
                       _("“%s” is encrypted. Save a copy without a password, then import the "
                         "copy."), reader->options->display_name);
          return -1;
        }
      if (archive_entry_size_is_set (reader->entry) &&
          (guint64) archive_entry_size (reader->entry) > reader->max_entry)
        {
          g_autofree char *limit = g_strdup_printf (_("takes more than %u MB once uncompressed"),
                                                    (guint) (reader->max_entry / MEBIBYTE));
          set_too_large (reader, reader->name, limit, error);
          return -1;
        }
    }

  n = archive_read_data (reader->archive, reader->buffer, CHUNK_BYTES);
  if (n < 0)
    {
      set_damaged (reader, error);
      return -1;
    }
  if (n == 0)
    return 0;

  compressed = (guint64) MAX (1, archive_filter_bytes (reader->archive, -1) - reader->compressed_start);
  reader->total += (guint64) n;
  if (reader->entry_bytes + (guint64) n > reader->max_entry)
    {
      g_autofree char *limit = g_strdup_printf (_("takes more than %u MB once uncompressed"),
                                                (guint) (reader->max_entry / MEBIBYTE));
      set_too_large (reader, reader->name, limit, error);
      return -1;
    }
  if (reader->total > PL_LIMIT_ARCHIVE_TOTAL_BYTES)
    {
      g_autofree char *limit = g_strdup_printf (_("brings the archive past %u MB once uncompressed"),
                                                (guint) (PL_LIMIT_ARCHIVE_TOTAL_BYTES / MEBIBYTE));
      set_too_large (reader, reader->name, limit, error);
      return -1;
    }
  if (reader->entry_bytes + (guint64) n > MEBIBYTE
      && reader->entry_bytes + (guint64) n > compressed * PL_LIMIT_ARCHIVE_RATIO)
    {
      g_autofree char *limit = g_strdup_printf (_("inflates more than %u times"),
                                                (guint) PL_LIMIT_ARCHIVE_RATIO);
      set_too_large (reader, reader->name, limit, error);
      return -1;
    }
  reader->entry_bytes += (guint64) n;

  if (g_cancellable_set_error_if_cancelled (reader->options->cancellable, error))
    return -1;

  *out_data = reader->buffer;
  return n;
}

GBytes *
pl_archive_reader_read_all (PlArchiveReader  *reader,
                            GError          **error)
{
  g_autoptr(GByteArray) bytes = g_byte_array_new ();
  const guint8 *data;
  gssize n;

  while ((n = pl_archive_reader_read (reader, &data, error)) > 0)
    g_byte_array_append (bytes, data, (guint) n);
  if (n < 0)
    return NULL;

  return g_byte_array_free_to_bytes (g_steal_pointer (&bytes));
}

GHashTable *
pl_archive_read_zip (const guint8            *data,
                     gsize                    length,
                     const PlArchiveOptions  *options,
                     GError                 **error)
{
  g_autoptr(GHashTable) entries = NULL;
  g_autoptr(GError) local_error = NULL;
  PlArchiveReader *reader;
  const char *name;

  reader = pl_archive_reader_new (data, length, options, error);
  if (reader == NULL)
    return NULL;

  entries = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_bytes_unref);
  while ((name = pl_archive_reader_next (reader, &local_error)) != NULL)
    {
      GBytes *bytes;

      if (options->want != NULL && !options->want (name, options->want_data))
        {
          g_hash_table_insert (entries, g_strdup (name), g_bytes_new (NULL, 0));
          continue;
        }

      bytes = pl_archive_reader_read_all (reader, &local_error);
      if (bytes == NULL)
        break;
      g_hash_table_insert (entries, g_strdup (name), bytes);
    }

  pl_archive_reader_free (reader);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

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
