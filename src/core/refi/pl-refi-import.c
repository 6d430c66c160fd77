/* pl-refi-import.c — importing a REFI-QDA file: opening it, then adding it to a project
 *
 * pl_refi_file_read() opens a .qdpx (a zip: its .qde, the texts of its sources and notes,
 * and Plenary's own part) or a bare .qde (its sources looked for beside it), parses it
 * (pl-refi-reader.c), and loads and maps the texts (pl-refi-positions.c); it touches no
 * database.  pl_refi_import() and pl_refi_import_async() then add it to a project
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

#include "pl-error.h"
#include "pl-refi-private.h"
#include "pl-xml.h"

/* Reading */

static gboolean
want_entry (const char *path)
{
  return g_str_has_suffix (path, ".qde") || g_str_has_suffix (path, ".QDE") ||
         g_str_has_suffix (path, ".txt") || g_str_has_suffix (path, ".TXT") ||
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

PlRefiFile *
pl_refi_file_read (GFile         *file,
                   GCancellable  *cancellable,
                   GError       **error)
{
  g_autoptr(PlRefiFile) refi = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *name = NULL;
  GBytes *qde_bytes;
  GBytes *plenary;
  const char *data;
  gsize size;
  xmlDoc *doc;
  xmlNode *root;

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
      const char *qde_name;

      refi->entries = pl_refi_read_zip (bytes, name, want_entry, error);
      if (refi->entries == NULL)
        return NULL;

      qde_name = find_qde (refi->entries);
      if (qde_name == NULL)
        {
          g_set_error (error, PL_IMPORT_ERROR, PL_IMPORT_ERROR_MALFORMED,
                       _("“%s” is a zip archive without a project (.qde) file: it is not a "
                         "REFI-QDA project."), name);
          return NULL;
        }
      qde_bytes = g_hash_table_lookup (refi->entries, qde_name);
      plenary = g_hash_table_lookup (refi->entries, PL_REFI_PLENARY_PATH);
      if (plenary != NULL)
        refi->plenary = pl_refi_plenary_read (refi, plenary);
    }
  else if (looks_like_xml (data, size))
    {
      qde_bytes = bytes;
      refi->folder = g_file_get_parent (file);
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

  data = g_bytes_get_data (qde_bytes, &size);
  doc = pl_xml_parse (data, size, name, NULL, error);
  if (doc == NULL)
    return NULL;

  root = xmlDocGetRootElement (doc);
  if (root == NULL || !(pl_xml_is_element (root, NULL, "Project") || pl_xml_is_element (root, NULL, "CodeBook")))
    {
      g_set_error (error, PL_IMPORT_ERROR, PL_IMPORT_ERROR_UNSUPPORTED,
                   _("“%s” is not a REFI-QDA project: its root element is <%s>, not <Project>."),
                   name, root != NULL ? (const char *) root->name : "");
      xmlFreeDoc (doc);
      return NULL;
    }

  pl_refi_parse_project (refi, root);
  xmlFreeDoc (doc);

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

