/* pl-refi-import.c — importing a REFI-QDA file: opening it, then adding it to a project
 *
 * pl_refi_file_read() opens a .qdpx (a zip: its .qde, the texts of its sources and notes,
 * and Plenary's own part) or a bare .qde (its sources looked for beside it), parses it
 * (pl-refi-reader.c), and loads and maps the texts (pl-refi-positions.c); it touches no
 * database.  A .qdpx is read in one pass, its project.qde parsed as it inflates and never
 * held whole, so that a project of a hundred thousand codings takes tens of megabytes,
 * not hundreds.  pl_refi_import() and pl_refi_import_async() then add it to a project
 * (pl-refi-apply.c), the latter reading in a worker thread.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "plenary-refi-import"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>
#include <libxml/parser.h>
#include <libxml/tree.h>

#include "pl-archive.h"
#include "pl-error.h"
#include "pl-refi-private.h"
#include "pl-xml.h"

/* Reading */

static gboolean
is_qde (const char *path)
{
  return g_str_has_suffix (path, ".qde") || g_str_has_suffix (path, ".QDE");
}

static gboolean
want_entry (const char *path)
{
  return is_qde (path) || g_str_has_suffix (path, ".txt") || g_str_has_suffix (path, ".TXT") ||
         strcmp (path, PL_REFI_PLENARY_PATH) == 0;
}

static const char *
find_qde (GHashTable *entries)
{
  GHashTableIter iter;
  gpointer key;
  const char *found = NULL;

  g_hash_table_iter_init (&iter, entries);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      const char *name = key;

      if (!g_str_has_suffix (name, ".qde") && !g_str_has_suffix (name, ".QDE"))
        continue;
      if (g_ascii_strcasecmp (name, "project.qde") == 0)
        return name;
      /* At the top rather than in a folder, and otherwise the first by name. */
      if (found == NULL || (strchr (name, '/') == NULL && strchr (found, '/') != NULL) ||
          ((strchr (name, '/') == NULL) == (strchr (found, '/') == NULL) &&
           strcmp (name, found) < 0))
        found = name;
    }

  return found;
}

static gboolean
looks_like_xml (const char *data,
                gsize       size)
{
  gsize i = 0;

  if (size >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    i = 3;
  while (i < size && g_ascii_isspace (data[i]))
    i++;
  return i < size && data[i] == '<';
}

/* The stream of an entry, as libxml2 asks for it. */
typedef struct
{
  PlArchiveReader *reader;
  const guint8    *piece;
  gsize            left;
  gboolean         failed;      /* the archive could not be read on */
} EntryInput;

static gssize
read_entry_input (gpointer   data,
                  char      *buffer,
                  gsize      size,
                  GError   **error)
{
  EntryInput *input = data;
  gsize n;

  if (input->left == 0)
    {
      gssize read = pl_archive_reader_read (input->reader, &input->piece, error);

      input->failed = read < 0;
      if (read <= 0)
        return read;
      input->left = (gsize) read;
    }

  n = MIN (size, input->left);
  memcpy (buffer, input->piece, n);
  input->piece += n;
  input->left -= n;
  return (gssize) n;
}

/* Reads the project.qde that @input streams (NULL: the bare .qde @qde) into @refi as it
 * comes.  FALSE with @error when its XML could not be read, or the archive
 * (@input->failed). */
static gboolean
parse_qde (PlRefiFile  *refi,
           EntryInput  *input,
           GBytes      *qde,
           GError     **error)
{
  g_autoptr(PlXmlStream) stream = NULL;

  if (input != NULL)
    stream = pl_xml_stream_new (read_entry_input, input, refi->display_name, NULL, error);
  else
    {
      gsize size;
      const char *data = g_bytes_get_data (qde, &size);

      stream = pl_xml_stream_new_for_data (data, size, refi->display_name, NULL, error);
    }

  return stream != NULL && pl_refi_read_project (refi, stream, error);
}

/* What the reading of a .qdpx's files made of the first .qde among them. */
typedef struct
{
  char   *name;
  GError *error;   /* why its XML could not be read, or NULL */
} ParsedQde;

/* The files of a .qdpx that the import reads: its texts and Plenary's own part, whole.
 * Its first .qde is read into @refi as it inflates (a file nearly always has the one
 * .qde); that and any other .qde are read to their end, so that the archive's limits
 * count them as they always have, but not kept: each is listed with an empty placeholder
 * of its own, in @refi->unread. */
static GHashTable *
read_entries (PlRefiFile  *refi,
              GBytes      *archive,
              ParsedQde   *parsed,
              GError     **error)
{
  PlArchiveOptions options = { .display_name = refi->display_name };
  g_autoptr(PlArchiveReader) reader = NULL;
  g_autoptr(GHashTable) entries = NULL;
  g_autoptr(GError) local_error = NULL;
  const char *name;
  gsize size;
  const guint8 *data = g_bytes_get_data (archive, &size);

  reader = pl_archive_reader_new (data, size, &options, error);
  if (reader == NULL)
    return NULL;

  entries = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_bytes_unref);
  while ((name = pl_archive_reader_next (reader, &local_error)) != NULL)
    {
      GBytes *bytes;

      if (!want_entry (name))
        bytes = g_bytes_new (NULL, 0);
      else if (is_qde (name))
        {
          EntryInput input = { reader };
          const guint8 *piece;
          gssize n;

          if (parsed->name == NULL)
            {
              parsed->name = g_strdup (name);
              if (!parse_qde (refi, &input, NULL, &parsed->error) && input.failed)
                {
                  local_error = g_steal_pointer (&parsed->error);
                  break;
                }
            }
          while ((n = pl_archive_reader_read (reader, &piece, &local_error)) > 0)
            ;
          if (n < 0)
            break;
          bytes = g_bytes_new (NULL, 0);
          g_hash_table_insert (refi->unread, bytes, g_strdup (name));
        }
      else if ((bytes = pl_archive_reader_read_all (reader, &local_error)) == NULL)
        break;
      g_hash_table_insert (entries, g_strdup (name), bytes);
    }

  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  return g_steal_pointer (&entries);
}

/* A reader of the .qdpx moved to its entry @name; @options (filled here) must outlive
 * it. */
static PlArchiveReader *
open_entry (PlRefiFile        *refi,
            const char        *name,
            PlArchiveOptions  *options,
            GError           **error)
{
  g_autoptr(PlArchiveReader) reader = NULL;
  const char *entry;
  gsize size;
  const guint8 *data = g_bytes_get_data (refi->archive, &size);

  *options = (PlArchiveOptions) { .display_name = refi->display_name };
  reader = pl_archive_reader_new (data, size, options, error);
  if (reader == NULL)
    return NULL;
  while ((entry = pl_archive_reader_next (reader, error)) != NULL)
    if (strcmp (entry, name) == 0)
      return g_steal_pointer (&reader);
  return NULL;
}

/* The entry @name of the .qdpx, read whole again; NULL if it cannot be. */
static GBytes *
read_entry_again (PlRefiFile *refi,
                  const char *name)
{
  g_autoptr(PlArchiveReader) reader = NULL;
  PlArchiveOptions options;

  reader = open_entry (refi, name, &options, NULL);
  return reader != NULL ? pl_archive_reader_read_all (reader, NULL) : NULL;
}

GBytes *
pl_refi_entry_bytes (PlRefiFile *refi,
                     GBytes     *bytes)
{
  const char *name = refi->unread != NULL ? g_hash_table_lookup (refi->unread, bytes) : NULL;

  return name != NULL ? read_entry_again (refi, name) : g_bytes_ref (bytes);
}

/* The streaming parser words some failures of damaged XML differently from the parser of
 * whole documents (a file cut short is "Extra content at the end of the document" rather
 * than "Premature end of data"), so a project.qde it refuses is parsed whole once more,
 * for the message it has always had: @qde, or the .qdpx's entry @qde_name. */
static void
reword_xml_error (PlRefiFile  *refi,
                  const char  *qde_name,
                  GBytes      *qde,
                  GError     **error)
{
  g_autoptr(GError) whole_error = NULL;
  g_autoptr(GBytes) whole = NULL;
  gsize size;
  const char *data;
  xmlDoc *doc;

  if (!g_error_matches (*error, PL_IMPORT_ERROR, PL_IMPORT_ERROR_MALFORMED))
    return;
  whole = qde_name != NULL ? read_entry_again (refi, qde_name) : g_bytes_ref (qde);
  if (whole == NULL)
    return;

  data = g_bytes_get_data (whole, &size);
  doc = pl_xml_parse (data, size, refi->display_name, NULL, &whole_error);
  if (doc != NULL)
    {
      xmlFreeDoc (doc);
      return;
    }
  g_clear_error (error);
  g_propagate_error (error, g_steal_pointer (&whole_error));
}

/* Reads the .qdpx's project.qde, @qde_name, into @refi (made anew when the .qde read with
 * the other files was not that one). */
static gboolean
read_qdpx_project (PlRefiFile  **refi,
                   const char   *qde_name,
                   ParsedQde    *parsed,
                   GError      **error)
{
  g_autoptr(PlArchiveReader) reader = NULL;
  PlArchiveOptions options;
  EntryInput input = { NULL };
  PlRefiFile *fresh;

  if (g_strcmp0 (qde_name, parsed->name) == 0)
    {
      if (parsed->error == NULL)
        return TRUE;
      g_propagate_error (error, g_steal_pointer (&parsed->error));
      reword_xml_error (*refi, qde_name, NULL, error);
      return FALSE;
    }

  /* Another .qde was read first: start again from what the archive holds. */
  fresh = pl_refi_file_new ((*refi)->display_name);
  fresh->archive = g_steal_pointer (&(*refi)->archive);
  fresh->entries = g_steal_pointer (&(*refi)->entries);
  fresh->unread = g_steal_pointer (&(*refi)->unread);
  pl_refi_file_free (*refi);
  *refi = fresh;

  reader = open_entry (fresh, qde_name, &options, error);
  if (reader == NULL)
    return FALSE;
  input.reader = reader;
  if (parse_qde (fresh, &input, NULL, error))
    return TRUE;
  if (!input.failed)
    reword_xml_error (fresh, qde_name, NULL, error);
  return FALSE;
}

/* Whether the text of a source or note is a file the archive's reading let go (a .qde:
 * only an entry of that name can be one). */
static gboolean
names_a_qde (const char *path)
{
  const char *base = path;
  gsize length;

  if (path == NULL)
    return FALSE;
  for (const char *p = path; *p != '\0'; p++)
    if (*p == '/' || *p == '\\')
      base = p + 1;
  length = strlen (base);
  return length >= 4 && g_ascii_strcasecmp (base + length - 4, ".qde") == 0;
}

static gboolean
reads_a_qde (PlRefiFile *refi)
{
  for (guint i = 0; i < refi->sources->len; i++)
    if (names_a_qde (((RefiSource *) g_ptr_array_index (refi->sources, i))->path))
      return TRUE;
  for (guint i = 0; i < refi->notes->len; i++)
    if (names_a_qde (((RefiNote *) g_ptr_array_index (refi->notes, i))->path))
      return TRUE;
  return FALSE;
}

PlRefiFile *
pl_refi_file_read (GFile         *file,
                   GCancellable  *cancellable,
                   GError       **error)
{
  g_autoptr(PlRefiFile) refi = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *name = NULL;
  const char *data;
  gsize size;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  name = g_file_get_basename (file);
  {
    g_autofree char *display = g_filename_display_name (name);

    g_free (name);
    name = g_steal_pointer (&display);
  }

  bytes = g_file_load_bytes (file, cancellable, NULL, &local_error);
  if (bytes == NULL)
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        g_set_error (error, PL_IMPORT_ERROR, PL_IMPORT_ERROR_READ,
                     _("“%s” could not be read: %s"), name, local_error->message);
      return NULL;
    }

  refi = pl_refi_file_new (name);
  data = g_bytes_get_data (bytes, &size);

  if (size >= 4 && memcmp (data, "PK\003\004", 4) == 0)
    {
      g_autofree char *qde_name = NULL;
      ParsedQde parsed = { NULL };
      GBytes *plenary;
      gboolean ok;

      refi->archive = g_bytes_ref (bytes);
      refi->unread = g_hash_table_new_full (NULL, NULL, NULL, g_free);
      refi->entries = read_entries (refi, bytes, &parsed, error);
      qde_name = refi->entries != NULL ? g_strdup (find_qde (refi->entries)) : NULL;
      if (refi->entries != NULL && qde_name == NULL)
        g_set_error (error, PL_IMPORT_ERROR, PL_IMPORT_ERROR_MALFORMED,
                     _("“%s” is a zip archive without a project (.qde) file: it is not a "
                       "REFI-QDA project."), name);
      ok = qde_name != NULL && read_qdpx_project (&refi, qde_name, &parsed, error);
      g_free (parsed.name);
      g_clear_error (&parsed.error);
      if (!ok)
        return NULL;

      plenary = g_hash_table_lookup (refi->entries, PL_REFI_PLENARY_PATH);
      if (plenary != NULL)
        refi->plenary = pl_refi_plenary_read (refi, plenary);
    }
  else if (looks_like_xml (data, size))
    {
      refi->folder = g_file_get_parent (file);
      if (!parse_qde (refi, NULL, bytes, error))
        {
          reword_xml_error (refi, NULL, bytes, error);
          return NULL;
        }
    }
  else
    {
      g_set_error (error, PL_IMPORT_ERROR, size == 0 ? PL_IMPORT_ERROR_EMPTY
                                                     : PL_IMPORT_ERROR_UNSUPPORTED,
                   size == 0 ? _("“%s” is empty.")
                             : _("“%s” is neither a REFI-QDA project (.qdpx) nor its XML "
                                 "(.qde)."), name);
      return NULL;
    }

  pl_refi_finish_project (refi);

  /* The file is let go as soon as nothing more is read from it. */
  g_clear_pointer (&bytes, g_bytes_unref);
  if (refi->archive != NULL && !reads_a_qde (refi))
    {
      g_clear_pointer (&refi->unread, g_hash_table_unref);
      g_clear_pointer (&refi->archive, g_bytes_unref);
    }

  for (guint i = 0; i < refi->sources->len; i++)
    {
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return NULL;
      pl_refi_load_source_text (refi, g_ptr_array_index (refi->sources, i));
    }
  for (guint i = 0; i < refi->notes->len; i++)
    {
      RefiNote *note = g_ptr_array_index (refi->notes, i);

      pl_refi_load_note_text (refi, note);
      /* A note whose only text is its Description. */
      if ((note->text == NULL || *note->text == '\0') && note->description != NULL)
        {
          g_free (note->text);
          note->text = g_steal_pointer (&note->description);
        }
    }

  g_clear_pointer (&refi->entries, g_hash_table_unref);
  g_clear_pointer (&refi->unread, g_hash_table_unref);
  g_clear_pointer (&refi->archive, g_bytes_unref);
  g_clear_object (&refi->folder);

  return g_steal_pointer (&refi);
}


/* Importing */

PlRefiReport *
pl_refi_import (PlProject     *project,
                GFile         *file,
                GCancellable  *cancellable,
                GError       **error)
{
  g_autoptr(PlRefiFile) refi = NULL;

  g_return_val_if_fail (PL_IS_PROJECT (project), NULL);
  g_return_val_if_fail (G_IS_FILE (file), NULL);

  refi = pl_refi_file_read (file, cancellable, error);
  if (refi == NULL)
    return NULL;

  return pl_refi_file_apply (refi, project, error);
}

/* Asynchronous import: read in a worker, apply in the caller's context. */

static void
import_read_run (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  GFile *file = task_data;
  GError *error = NULL;
  PlRefiFile *refi = pl_refi_file_read (file, cancellable, &error);

  if (refi != NULL)
    g_task_return_pointer (task, refi, (GDestroyNotify) pl_refi_file_free);
  else
    g_task_return_error (task, error);
}

static void
import_read_done (GObject      *source_object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(PlRefiFile) refi = NULL;
  PlProject *project = PL_PROJECT (source_object);
  GError *error = NULL;
  PlRefiReport *report;

  refi = g_task_propagate_pointer (G_TASK (result), &error);
  if (refi == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  if (g_task_return_error_if_cancelled (task))
    return;

  report = pl_refi_file_apply (refi, project, &error);
  if (report != NULL)
    g_task_return_pointer (task, report, (GDestroyNotify) pl_refi_report_free);
  else
    g_task_return_error (task, error);
}

void
pl_refi_import_async (PlProject           *project,
                      GFile               *file,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  GTask *task;
  g_autoptr(GTask) reader = NULL;

  g_return_if_fail (PL_IS_PROJECT (project));
  g_return_if_fail (G_IS_FILE (file));

  /* libxml2 sets itself up once, here, rather than in a worker thread. */
  xmlInitParser ();

  task = g_task_new (project, cancellable, callback, user_data);
  g_task_set_source_tag (task, pl_refi_import_async);

  reader = g_task_new (project, cancellable, import_read_done, task);
  g_task_set_task_data (reader, g_object_ref (file), g_object_unref);
  g_task_run_in_thread (reader, import_read_run);
}

PlRefiReport *
pl_refi_import_finish (PlProject     *project,
                       GAsyncResult  *result,
                       GError       **error)
{
  g_return_val_if_fail (PL_IS_PROJECT (project), NULL);
  g_return_val_if_fail (g_task_is_valid (result, project), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

