/* pl-archive.h — reading zip archives (DOCX, ODT, .qdpx) within the limits, and writing
 * small ones
 *
 * Entries are inflated in chunks and counted as they grow, so a zip bomb is refused after
 * at most a limit's worth of memory, never after inflating it: each entry at most
 * @max_entry_bytes, all entries together at most PL_LIMIT_ARCHIVE_TOTAL_BYTES, and past the
 * first mebibyte no more than PL_LIMIT_ARCHIVE_RATIO times the compressed bytes read.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Whether to read the entry @name (a path inside the archive, without a leading "./"). */
typedef gboolean (*PlArchiveWantFunc) (const char *name,
                                       gpointer    data);

typedef struct
{
  const char        *display_name;     /* the file, for messages */
  guint64            max_entry_bytes;  /* 0: PL_LIMIT_ARCHIVE_ENTRY_BYTES */
  PlArchiveWantFunc  want;             /* NULL: every regular file */
  gpointer           want_data;
  GCancellable      *cancellable;
} PlArchiveOptions;

/* Reads the regular files of the zip archive in @data into a table of name → GBytes.
 * Entries @options->want declines are listed with empty bytes, so that callers can say
 * what they left out.  Errors (PL_IMPORT_ERROR): MALFORMED for a damaged or encrypted
 * archive, TOO_LARGE past a limit (the message names the file, the entry and the limit),
 * G_IO_ERROR_CANCELLED. */
GHashTable  *pl_archive_read_zip (const guint8            *data,
                                  gsize                    length,
                                  const PlArchiveOptions  *options,
                                  GError                 **error);

/* Reading entry by entry, within the same limits, so that an entry can be read as it
 * inflates (project.qde of a large .qdpx) rather than whole. */
typedef struct _PlArchiveReader PlArchiveReader;

/* Opens the zip archive in @data, which must outlive the reader.  Errors as
 * pl_archive_read_zip(). */
PlArchiveReader *pl_archive_reader_new      (const guint8            *data,
                                             gsize                    length,
                                             const PlArchiveOptions  *options,
                                             GError                 **error);
void             pl_archive_reader_free     (PlArchiveReader         *reader);
/* Moves to the next regular file of a name not seen before (@options->want is not asked)
 * and returns its name (owned by @reader); NULL at the end of the archive, or with
 * @error. */
const char      *pl_archive_reader_next     (PlArchiveReader         *reader,
                                             GError                 **error);
/* The next piece of the current entry in @out_data (owned by @reader, valid until the
 * next call): its length, 0 at the end of the entry, -1 with @error. */
gssize           pl_archive_reader_read     (PlArchiveReader         *reader,
                                             const guint8           **out_data,
                                             GError                 **error);
/* The rest of the current entry; NULL with @error. */
GBytes          *pl_archive_reader_read_all (PlArchiveReader         *reader,
                                             GError                 **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PlArchiveReader, pl_archive_reader_free)

/* One entry of an archive to write. */
typedef struct
{
  const char *name;
  GBytes     *data;
  gboolean    stored;   /* not compressed: a "mimetype" entry first, as OpenDocument has
                         * it, lets file managers tell the type by its first bytes */
} PlArchiveEntry;

/* A zip archive of @n_entries entries, in their order, made in memory (for files of a few
 * megabytes: a coder's work, an exercise).  Errors are PL_EXPORT_ERROR_FAILED. */
GBytes      *pl_archive_write_zip (const PlArchiveEntry    *entries,
                                   gsize                    n_entries,
                                   GError                 **error);

G_END_DECLS
