/* pl-atomic-file.c — writing a file whole or not at all
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "plenary-atomic-file"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <gio/gunixoutputstream.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "pl-atomic-file.h"
#include "pl-error.h"

struct _PlAtomicFile
{
  GFile         *destination;
  char          *temp_path;
  GOutputStream *stream;
  GCancellable  *cancellable;
};

/* The system's wording of common I/O failures ("Permission denied"); GIO's own messages
 * repeat the (temporary) file name. */
static const char *
describe_io_error (const GError *error)
{
  g_assert (error != NULL);

  if (error->domain == G_IO_ERROR)
    {
      switch (error->code)
        {
        case G_IO_ERROR_NOT_FOUND:
          return g_strerror (ENOENT);
        case G_IO_ERROR_PERMISSION_DENIED:
          return g_strerror (EACCES);
        case G_IO_ERROR_NO_SPACE:
          return g_strerror (ENOSPC);
        case G_IO_ERROR_READ_ONLY:
          return g_strerror (EROFS);
        case G_IO_ERROR_IS_DIRECTORY:
          return g_strerror (EISDIR);
        case G_IO_ERROR_NOT_DIRECTORY:
          return g_strerror (ENOTDIR);
        case G_IO_ERROR_FILENAME_TOO_LONG:
          return g_strerror (ENAMETOOLONG);
        default:
          break;
        }
    }

  return error->message;
}

static void
set_write_error (GError     **error,
                 GFile       *destination,
                 const char  *reason)
{
  g_autofree char *name = g_file_get_parse_name (destination);

  g_set_error (error, PL_EXPORT_ERROR, PL_EXPORT_ERROR_WRITE,
               _("Could not write “%s”: %s"), name, reason);
}

/* Removes ".NAME.plenary-PID-XXXXXX" files of @name in @folder whose process is gone. */
static void
remove_stale (const char *folder,
              const char *name)
{
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  g_autofree char *prefix = g_strdup_printf (".%s.plenary-", name);
  const char *entry;

  if (dir == NULL)
    return;
  while ((entry = g_dir_read_name (dir)) != NULL)
    {
      char *end = NULL;
      gint64 pid;

      if (!g_str_has_prefix (entry, prefix))
        continue;
      pid = g_ascii_strtoll (entry + strlen (prefix), &end, 10);
      if (end == NULL || *end != '-' || pid <= 0 || pid == getpid ())
        continue;
      if (kill ((pid_t) pid, 0) < 0 && errno == ESRCH)
        {
          g_autofree char *path = g_build_filename (folder, entry, NULL);

          g_unlink (path);
        }
    }
}

PlAtomicFile *
pl_atomic_file_open (GFile         *destination,
                     GCancellable  *cancellable,
                     GError       **error)
{
  g_autofree char *path = NULL;
  g_autofree char *folder = NULL;
  g_autofree char *name = NULL;
  g_autofree char *template = NULL;
  PlAtomicFile *self;
  int fd;

  g_return_val_if_fail (G_IS_FILE (destination), NULL);

  path = g_file_get_path (destination);
  if (path == NULL)
    {
      set_write_error (error, destination, _("it is not a local file"));
      return NULL;
    }
  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      set_write_error (error, destination, g_strerror (EISDIR));
      return NULL;
    }

  folder = g_path_get_dirname (path);
  name = g_path_get_basename (path);
  remove_stale (folder, name);

  template = g_strdup_printf ("%s/.%s.plenary-%d-XXXXXX", folder, name, (int) getpid ());
  fd = g_mkstemp_full (template, O_WRONLY | O_CLOEXEC, 0666);
  if (fd < 0)
    {
      int saved_errno = errno;

      set_write_error (error, destination, g_strerror (saved_errno));
      return NULL;
    }

  self = g_new0 (PlAtomicFile, 1);
  self->destination = g_object_ref (destination);
  self->temp_path = g_steal_pointer (&template);
  self->stream = g_unix_output_stream_new (fd, TRUE);
  self->cancellable = cancellable != NULL ? g_object_ref (cancellable) : NULL;
  return self;
}

GOutputStream *
pl_atomic_file_get_stream (PlAtomicFile *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->stream;
}

static void
atomic_file_free (PlAtomicFile *self)
{
  g_clear_object (&self->stream);
  g_clear_object (&self->destination);
  g_clear_object (&self->cancellable);
  g_free (self->temp_path);
  g_free (self);
}

void
pl_atomic_file_discard (PlAtomicFile *self)
{
  if (self == NULL)
    return;
  if (!g_output_stream_is_closed (self->stream))
    g_output_stream_close (self->stream, NULL, NULL);
  g_unlink (self->temp_path);
  atomic_file_free (self);
}

gboolean
pl_atomic_file_commit (PlAtomicFile  *self,
                       GError       **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *path = NULL;
  int fd;

  g_return_val_if_fail (self != NULL, FALSE);

  /* On disk before it takes the destination's name: a power cut leaves the old file or the
   * new one, never an empty one. */
  fd = g_unix_output_stream_get_fd (G_UNIX_OUTPUT_STREAM (self->stream));
  if (g_output_stream_flush (self->stream, self->cancellable, &local_error) && fsync (fd) != 0)
    g_set_error_literal (&local_error, G_IO_ERROR, g_io_error_from_errno (errno), g_strerror (errno));
  if (local_error == NULL)
    g_output_stream_close (self->stream, self->cancellable, &local_error);

  path = g_file_get_path (self->destination);
  if (local_error == NULL && g_rename (self->temp_path, path) != 0)
    g_set_error_literal (&local_error, G_IO_ERROR, g_io_error_from_errno (errno), g_strerror (errno));

  if (local_error != NULL)
    {
      pl_atomic_file_propagate_error (self->destination, g_steal_pointer (&local_error), error);
      pl_atomic_file_discard (self);
      return FALSE;
    }

  atomic_file_free (self);
  return TRUE;
}

gboolean
pl_atomic_file_write (GFile         *destination,
                      const void    *data,
                      gsize          length,
                      GCancellable  *cancellable,
                      GError       **error)
{
  g_autoptr(GError) local_error = NULL;
  PlAtomicFile *self;

  g_return_val_if_fail (G_IS_FILE (destination), FALSE);
  g_return_val_if_fail (data != NULL || length == 0, FALSE);

  self = pl_atomic_file_open (destination, cancellable, error);
  if (self == NULL)
    return FALSE;
  if (!g_output_stream_write_all (self->stream, data, length, NULL, cancellable, &local_error))
    {
      pl_atomic_file_propagate_error (destination, g_steal_pointer (&local_error), error);
      pl_atomic_file_discard (self);
      return FALSE;
    }
  return pl_atomic_file_commit (self, error);
}

void
pl_atomic_file_propagate_error (GFile   *destination,
                                GError  *io_error,
                                GError **error)
{
  g_return_if_fail (G_IS_FILE (destination));
  g_return_if_fail (io_error != NULL);

  if (g_error_matches (io_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_propagate_error (error, io_error);
      return;
    }
  set_write_error (error, destination, describe_io_error (io_error));
  g_error_free (io_error);
}
