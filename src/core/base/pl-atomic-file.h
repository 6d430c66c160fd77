/* pl-atomic-file.h — writing a file whole or not at all
 *
 * The bytes go to a temporary file beside the destination, named
 * ".NAME.plenary-PID-XXXXXX", renamed over the destination when complete.  A failure or a
 * cancellation removes it; a process killed meanwhile leaves it behind, and the next write
 * to that folder removes those whose process is gone.  The destination is never
 * half-written, and what was there stays until the new file is complete.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef struct _PlAtomicFile PlAtomicFile;

/* Opens a temporary file for @destination.  Errors are PL_EXPORT_ERROR_WRITE with a
 * message that names the destination. */
PlAtomicFile  *pl_atomic_file_open          (GFile         *destination,
                                             GCancellable  *cancellable,
                                             GError       **error);
GOutputStream *pl_atomic_file_get_stream    (PlAtomicFile  *self);
/* Closes the temporary file and renames it over the destination; frees @self either way
 * (removing the temporary file on failure). */
gboolean       pl_atomic_file_commit        (PlAtomicFile  *self,
                                             GError       **error);
/* Removes the temporary file; frees @self. */
void           pl_atomic_file_discard       (PlAtomicFile  *self);

/* Writes @length bytes of @data to @destination atomically. */
gboolean       pl_atomic_file_write         (GFile         *destination,
                                             const void    *data,
                                             gsize          length,
                                             GCancellable  *cancellable,
                                             GError       **error);

/* Turns @io_error (taken) into PL_EXPORT_ERROR_WRITE naming @destination in the system's
 * words ("Permission denied"); a cancellation stays G_IO_ERROR_CANCELLED. */
void           pl_atomic_file_propagate_error (GFile       *destination,
                                               GError      *io_error,
                                               GError     **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PlAtomicFile, pl_atomic_file_discard)

G_END_DECLS
