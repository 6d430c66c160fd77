/* pl-importer.c — files into documents
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "plenary-importer"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "pl-error.h"
#include "pl-importer.h"
#include "pl-text-decoder.h"

#define MEBIBYTE (1024 * 1024)

/* The name to show for @file when its info cannot be queried. */
static char *
dup_fallback_display_name (GFile *file)
{
  g_autofree char *basename = NULL;

  g_assert (G_IS_FILE (file));

  basename = g_file_get_basename (file);
  if (basename == NULL)
    return g_file_get_parse_name (file);

  return g_filename_display_name (basename);
}

/* The file name without its last extension, or the whole name when that leaves nothing. */
static char *
dup_title (const char *display_name)
{
  const char *dot;

  g_assert (display_name != NULL);

  dot = strrchr (display_name, '.');
  if (dot == NULL || dot == display_name)
    return g_strdup (display_name);

  return g_strndup (display_name, dot - display_name);
}

static void
set_read_error (GError     **error,
                GError      *cause,
                const char  *name)
{
  g_assert (cause != NULL);

  if (g_error_matches (cause, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_propagate_error (error, g_error_copy (cause));
  else if (g_error_matches (cause, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    g_set_error (error, PL_IMPORT_ERROR, PL_IMPORT_ERROR_READ,
                 _("“%s” does not exist."), name);
  else if (g_error_matches (cause, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY))
    g_set_error (error, PL_IMPORT_ERROR, PL_IMPORT_ERROR_READ,
                 _("“%s” is a folder, not a file."), name);
  else
    g_set_error (error, PL_IMPORT_ERROR, PL_IMPORT_ERROR_READ,
                 _("“%s” cannot be read: %s"), name, cause->message);
}

static gboolean
check_size (guint64      size,
            const char  *name,
            GError     **error)
{
  g_assert (name != NULL);

  if (size <= PL_IMPORT_MAX_BYTES)
    return TRUE;

  g_set_error (error, PL_IMPORT_ERROR, PL_IMPORT_ERROR_TOO_LARGE,
               _("“%s” is too large to import (%" G_GUINT64_FORMAT " MB; the limit is %d MB)."),
               name, (size + MEBIBYTE - 1) / MEBIBYTE, PL_IMPORT_MAX_BYTES / MEBIBYTE);
  return FALSE;
}

char *
pl_importer_read_text (GFile         *file,
                       char         **out_title,
                       GCancellable  *cancellable,
                       GError       **error)
{
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *text = NULL;
  gsize length = 0;

  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  info = g_file_query_info (file,
                            G_FILE_ATTRIBUTE_STANDARD_TYPE ","
                            G_FILE_ATTRIBUTE_STANDARD_SIZE ","
                            G_FILE_ATTRIBUTE_STANDARD_DISPLAY_NAME,
                            G_FILE_QUERY_INFO_NONE, cancellable, &local_error);
  if (info == NULL)
    {
      name = dup_fallback_display_name (file);
      set_read_error (error, local_error, name);
      return NULL;
    }

  if (g_file_info_has_attribute (info, G_FILE_ATTRIBUTE_STANDARD_DISPLAY_NAME))
    name = g_strdup (g_file_info_get_display_name (info));
  else
    name = dup_fallback_display_name (file);

  switch (g_file_info_get_file_type (info))
    {
    case G_FILE_TYPE_DIRECTORY:
      g_set_error (error, PL_IMPORT_ERROR, PL_IMPORT_ERROR_READ,
                   _("“%s” is a folder, not a file."), name);
      return NULL;
    case G_FILE_TYPE_SPECIAL:
    case G_FILE_TYPE_MOUNTABLE:
      g_set_error (error, PL_IMPORT_ERROR, PL_IMPORT_ERROR_READ,
                   _("“%s” is not a regular file."), name);
      return NULL;
    case G_FILE_TYPE_UNKNOWN:
    case G_FILE_TYPE_REGULAR:
    case G_FILE_TYPE_SYMBOLIC_LINK:
    case G_FILE_TYPE_SHORTCUT:
    default:
      break;
    }

  if (g_file_info_has_attribute (info, G_FILE_ATTRIBUTE_STANDARD_SIZE) &&
      !check_size (g_file_info_get_size (info), name, error))
    return NULL;

  if (!g_file_load_contents (file, cancellable, &contents, &length, NULL, &local_error))
    {
      set_read_error (error, local_error, name);
      return NULL;
    }

  /* The file may have grown since it was measured. */
  if (!check_size (length, name, error))
    return NULL;

  text = pl_text_decode ((const guint8 *) contents, length, name, NULL, error);
  if (text == NULL)
    return NULL;

  if (out_title != NULL)
    *out_title = dup_title (name);

  return g_steal_pointer (&text);
}

PlDocument *
pl_importer_import_file (PlProject     *project,
                         GFile         *file,
                         GCancellable  *cancellable,
                         GError       **error)
{
  g_autofree char *title = NULL;
  g_autofree char *text = NULL;
  g_autofree char *uri = NULL;

  g_return_val_if_fail (PL_IS_PROJECT (project), NULL);
  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  text = pl_importer_read_text (file, &title, cancellable, error);
  if (text == NULL)
    return NULL;

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  uri = g_file_get_uri (file);

  return pl_project_add_document (project, title, text, uri, error);
}
