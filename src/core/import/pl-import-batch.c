/* pl-import-batch.c — importing many files and folders, off the main thread
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "plenary-import-batch"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>
#include <libxml/parser.h>

#include "pl-error.h"
#include "pl-import-batch.h"
#include "pl-import-private.h"
#include "pl-importer.h"

/* How many read files may wait for the main context: the worker reads ahead while the
 * main context adds, without holding every text at once. */
#define MAX_WAITING 2
/* Deeper folders than this are not expanded (a guard against loops of bind mounts). */
#define MAX_FOLDER_DEPTH 64

#define ENUMERATE_ATTRIBUTES \
  G_FILE_ATTRIBUTE_STANDARD_NAME "," \
  G_FILE_ATTRIBUTE_STANDARD_DISPLAY_NAME "," \
  G_FILE_ATTRIBUTE_STANDARD_TYPE "," \
  G_FILE_ATTRIBUTE_STANDARD_IS_HIDDEN "," \
  G_FILE_ATTRIBUTE_STANDARD_IS_SYMLINK

G_DEFINE_BOXED_TYPE (PlImportResult, pl_import_result, pl_import_result_copy, pl_import_result_free)

PlImportResult *
pl_import_result_copy (const PlImportResult *result)
{
  PlImportResult *copy;

  g_return_val_if_fail (result != NULL, NULL);

  copy = g_new0 (PlImportResult, 1);
  copy->file = result->file != NULL ? g_object_ref (result->file) : NULL;
  copy->display_name = g_strdup (result->display_name);
  copy->imported = result->imported;
  copy->document_id = result->document_id;
  copy->n_statements = result->n_statements;
  copy->warning = g_strdup (result->warning);
  copy->error = result->error != NULL ? g_error_copy (result->error) : NULL;

  return copy;
}

void
pl_import_result_free (PlImportResult *result)
{
  if (result == NULL)
    return;

  g_clear_object (&result->file);
  g_free (result->display_name);
  g_free (result->warning);
  g_clear_error (&result->error);
  g_free (result);
}

/* One file to import, or why a folder could not be listed. */
typedef struct
{
  GFile          *file;
  char           *display_name;
  char           *text;
  PlImportedText  info;
  GError         *error;
} Entry;

static Entry *
entry_new (GFile      *file,
           const char *display_name)
{
  Entry *entry = g_new0 (Entry, 1);

  entry->file = g_object_ref (file);
  entry->display_name = g_strdup (display_name);

  return entry;
}

static void
entry_free (Entry *entry)
{
  if (entry == NULL)
    return;

  g_clear_object (&entry->file);
  g_free (entry->display_name);
  g_free (entry->text);
  pl_imported_text_clear (&entry->info);
  g_clear_error (&entry->error);
  g_free (entry);
}

/* Expanding folders */

static int
compare_infos (gconstpointer a,
               gconstpointer b)
{
  GFileInfo *x = *(GFileInfo * const *) a;
  GFileInfo *y = *(GFileInfo * const *) b;
  g_autofree char *key_x = g_utf8_collate_key_for_filename (g_file_info_get_display_name (x), -1);
  g_autofree char *key_y = g_utf8_collate_key_for_filename (g_file_info_get_display_name (y), -1);
  int order = strcmp (key_x, key_y);

  return order != 0 ? order : strcmp (g_file_info_get_name (x), g_file_info_get_name (y));
}

/* Files that describe a folder rather than belong to it as a document: a folder of
 * transcripts downloaded or shared with a README or a licence should not import them. */
static gboolean
is_housekeeping (const char *name)
{
  static const char * const stems[] = {
    "readme", "license", "licence", "copying", "changelog", "authors", "contributing", NULL,
  };
  g_autofree char *lower = g_ascii_strdown (name, -1);
  char *dot = strchr (lower, '.');

  if (dot != NULL)
    *dot = '\0';
  return g_strv_contains (stems, lower);
}

static void
expand_folder (GFile        *folder,
               const char   *display_name,
               guint         depth,
               GPtrArray    *entries,
               GCancellable *cancellable)
{
  g_autoptr(GFileEnumerator) enumerator = NULL;
  g_autoptr(GPtrArray) infos = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;
  GFileInfo *info;

  enumerator = g_file_enumerate_children (folder, ENUMERATE_ATTRIBUTES, G_FILE_QUERY_INFO_NONE,
                                          cancellable, &error);
  while (enumerator != NULL &&
         (info = g_file_enumerator_next_file (enumerator, cancellable, &error)) != NULL)
    g_ptr_array_add (infos, info);

  if (error != NULL)
    {
      Entry *entry;

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;

      entry = entry_new (folder, display_name);
      g_set_error (&entry->error, PL_IMPORT_ERROR, PL_IMPORT_ERROR_READ,
                   _("The folder “%s” cannot be read: %s"), display_name, error->message);
      g_ptr_array_add (entries, entry);
      return;
    }

  g_ptr_array_sort (infos, compare_infos);

  for (guint i = 0; i < infos->len; i++)
    {
      GFileInfo *child_info = g_ptr_array_index (infos, i);
      const char *name = g_file_info_get_name (child_info);
      g_autoptr(GFile) child = g_file_get_child (folder, name);
      g_autofree char *child_name = g_build_path ("/", display_name,
                                                  g_file_info_get_display_name (child_info),
                                                  NULL);

      if (g_file_info_get_is_hidden (child_info) || name[0] == '.' || is_housekeeping (name))
        continue;

      switch (g_file_info_get_file_type (child_info))
        {
        case G_FILE_TYPE_DIRECTORY:
          /* Links to folders could loop. */
          if (!g_file_info_get_is_symlink (child_info) && depth < MAX_FOLDER_DEPTH)
            expand_folder (child, child_name, depth + 1, entries, cancellable);
          break;
        case G_FILE_TYPE_REGULAR:
          g_ptr_array_add (entries, entry_new (child, child_name));
          break;
        case G_FILE_TYPE_UNKNOWN:
        case G_FILE_TYPE_SYMBOLIC_LINK:
        case G_FILE_TYPE_SPECIAL:
        case G_FILE_TYPE_SHORTCUT:
        case G_FILE_TYPE_MOUNTABLE:
        default:
          break;
        }
    }
}

/* The files to import: @files with folders replaced by the files in them. */
static GPtrArray *
expand_files (GPtrArray    *files,
              GCancellable *cancellable)
{
  GPtrArray *entries = g_ptr_array_new_with_free_func ((GDestroyNotify) entry_free);

  for (guint i = 0; i < files->len; i++)
    {
      GFile *file = g_ptr_array_index (files, i);
      g_autoptr(GFileInfo) info = NULL;
      g_autofree char *display_name = pl_import_dup_display_name (file);

      info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_TYPE, G_FILE_QUERY_INFO_NONE,
                                cancellable, NULL);
      if (info != NULL && g_file_info_get_file_type (info) == G_FILE_TYPE_DIRECTORY)
        expand_folder (file, display_name, 0, entries, cancellable);
      else
        /* Reading says what is wrong with anything else. */
        g_ptr_array_add (entries, entry_new (file, display_name));
    }

  return entries;
}

/* The parts of one file's import */

/* Reads and extracts @entry's file, unless it failed already or the batch is cancelled. */
static void
read_entry (Entry        *entry,
            GCancellable *cancellable)
{
  if (entry->error != NULL || g_cancellable_set_error_if_cancelled (cancellable, &entry->error))
    return;

  entry->text = pl_importer_read (entry->file, &entry->info, cancellable, &entry->error);
}

static void
set_cancelled (GError     **error,
               const char  *display_name)
{
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED,
               _("“%s” was not imported: the import was cancelled."), display_name);
}

/* Adds a read @entry to @project (one transaction) and says what became of it. */
static PlImportResult *
add_entry (PlProject    *project,
           Entry        *entry,
           GCancellable *cancellable)
{
  PlImportResult *result = g_new0 (PlImportResult, 1);
  PlDocument *document = NULL;

  result->file = g_object_ref (entry->file);
  result->display_name = g_strdup (entry->display_name);

  if (g_cancellable_is_cancelled (cancellable) ||
      g_error_matches (entry->error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      set_cancelled (&result->error, entry->display_name);
      return result;
    }

  if (entry->error != NULL)
    {
      result->error = g_steal_pointer (&entry->error);
      return result;
    }

  document = pl_import_add_document (project, entry->file, entry->text, &entry->info,
                                     &result->error);
  if (document != NULL)
    {
      result->imported = TRUE;
      result->document_id = pl_document_get_id (document);
      result->n_statements = pl_document_get_n_statements (document);
      result->warning = g_strdup (entry->info.warning);
    }

  return result;
}

static void
report_progress (PlImportProgressFunc  progress,
                 gpointer              progress_data,
                 GPtrArray            *entries,
                 guint                 done)
{
  const char *current = NULL;

  if (progress == NULL)
    return;

  if (done < entries->len)
    current = ((Entry *) g_ptr_array_index (entries, done))->display_name;

  progress (done, entries->len, current, progress_data);
}

GPtrArray *
pl_import_batch_run (PlProject               *project,
                     GPtrArray               *files,
                     const PlImportProgress  *progress_spec,
                     GCancellable            *cancellable,
                     GError                 **error)
{
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GPtrArray) results = NULL;
  PlImportProgressFunc progress = progress_spec != NULL ? progress_spec->func : NULL;
  gpointer progress_data = progress_spec != NULL ? progress_spec->data : NULL;

  g_return_val_if_fail (PL_IS_PROJECT (project), NULL);
  g_return_val_if_fail (files != NULL, NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  xmlInitParser ();

  entries = expand_files (files, cancellable);
  results = g_ptr_array_new_with_free_func ((GDestroyNotify) pl_import_result_free);

  report_progress (progress, progress_data, entries, 0);
  for (guint i = 0; i < entries->len; i++)
    {
      Entry *entry = g_ptr_array_index (entries, i);

      read_entry (entry, cancellable);
      g_ptr_array_add (results, add_entry (project, entry, cancellable));
      g_clear_pointer (&entry->text, g_free);
      report_progress (progress, progress_data, entries, i + 1);
    }

  return g_steal_pointer (&results);
}

/* The asynchronous batch: a worker thread reads, the main context adds */

typedef enum
{
  ITEM_ENTRIES, /* the expanded list: progress can start */
  ITEM_FILE,    /* one read file, to add */
  ITEM_END,
} ItemKind;

typedef struct
{
  ItemKind   kind;
  GPtrArray *entries; /* ITEM_ENTRIES: Entry without text, for their names */
  Entry     *entry;   /* ITEM_FILE */
} Item;

typedef struct
{
  PlProject            *project;
  GPtrArray            *files;
  GCancellable         *cancellable;
  PlImportProgressFunc  progress;
  gpointer              progress_data;
  GMainContext         *context;

  GMutex                lock;
  GCond                 cond;
  GQueue                items;          /* Item waiting for the main context */
  gboolean              source_pending; /* an idle source will take the items */
  gboolean              finished;       /* the main context took ITEM_END */

  /* Only on the main context until finished. */
  GPtrArray            *entries;
  GPtrArray            *results;
  guint                 done;
} Batch;

static void
item_free (Item *item)
{
  g_clear_pointer (&item->entries, g_ptr_array_unref);
  g_clear_pointer (&item->entry, entry_free);
  g_free (item);
}

static void
batch_free (Batch *batch)
{
  g_clear_object (&batch->project);
  g_clear_pointer (&batch->files, g_ptr_array_unref);
  g_clear_object (&batch->cancellable);
  g_clear_pointer (&batch->context, g_main_context_unref);
  g_queue_clear_full (&batch->items, (GDestroyNotify) item_free);
  g_clear_pointer (&batch->entries, g_ptr_array_unref);
  g_clear_pointer (&batch->results, g_ptr_array_unref);
  g_mutex_clear (&batch->lock);
  g_cond_clear (&batch->cond);
  g_free (batch);
}

/* On the main context: takes one item. */
static gboolean
take_item (gpointer data)
{
  GTask *task = data;
  Batch *batch = g_task_get_task_data (task);
  Item *item;

  g_mutex_lock (&batch->lock);
  item = g_queue_pop_head (&batch->items);
  if (item == NULL)
    batch->source_pending = FALSE;
  g_cond_broadcast (&batch->cond);
  g_mutex_unlock (&batch->lock);

  if (item == NULL)
    return G_SOURCE_REMOVE;

  switch (item->kind)
    {
    case ITEM_ENTRIES:
      batch->entries = g_steal_pointer (&item->entries);
      report_progress (batch->progress, batch->progress_data, batch->entries, 0);
      break;

    case ITEM_FILE:
      g_ptr_array_add (batch->results, add_entry (batch->project, item->entry, batch->cancellable));
      batch->done++;
      report_progress (batch->progress, batch->progress_data, batch->entries, batch->done);
      break;

    case ITEM_END:
    default:
      /* The last item: the source goes, and the worker returns the results. */
      item_free (item);
      g_mutex_lock (&batch->lock);
      batch->finished = TRUE;
      batch->source_pending = FALSE;
      g_cond_broadcast (&batch->cond);
      g_mutex_unlock (&batch->lock);
      return G_SOURCE_REMOVE;
    }

  item_free (item);
  return G_SOURCE_CONTINUE;
}

/* In the worker: hands @item to the main context, waiting while too many wait. */
static void
post_item (GTask *task,
           Item  *item)
{
  Batch *batch = g_task_get_task_data (task);

  g_mutex_lock (&batch->lock);
  while (item->kind == ITEM_FILE && batch->items.length >= MAX_WAITING)
    g_cond_wait (&batch->cond, &batch->lock);

  g_queue_push_tail (&batch->items, item);
  if (!batch->source_pending)
    {
      g_autoptr(GSource) source = g_idle_source_new ();

      g_source_set_priority (source, G_PRIORITY_DEFAULT);
      g_source_set_callback (source, take_item, g_object_ref (task), g_object_unref);
      g_source_set_static_name (source, "[plenary] import batch");
      g_source_attach (source, batch->context);
      batch->source_pending = TRUE;
    }
  g_mutex_unlock (&batch->lock);
}

static void
run_in_worker (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *unused)
{
  Batch *batch = task_data;
  g_autoptr(GPtrArray) entries = NULL;
  GPtrArray *results;
  Item *item;

  entries = expand_files (batch->files, batch->cancellable);

  /* The main context gets the names; the worker keeps the entries it reads, one by one. */
  item = g_new0 (Item, 1);
  item->kind = ITEM_ENTRIES;
  item->entries = g_ptr_array_new_with_free_func ((GDestroyNotify) entry_free);
  for (guint i = 0; i < entries->len; i++)
    {
      Entry *entry = g_ptr_array_index (entries, i);

      g_ptr_array_add (item->entries, entry_new (entry->file, entry->display_name));
    }
  post_item (task, item);

  for (guint i = 0; i < entries->len; i++)
    {
      item = g_new0 (Item, 1);
      item->kind = ITEM_FILE;
      item->entry = g_steal_pointer (&g_ptr_array_index (entries, i));
      read_entry (item->entry, batch->cancellable);
      post_item (task, item);
    }

  item = g_new0 (Item, 1);
  item->kind = ITEM_END;
  post_item (task, item);

  g_mutex_lock (&batch->lock);
  while (!batch->finished)
    g_cond_wait (&batch->cond, &batch->lock);
  results = g_steal_pointer (&batch->results);
  g_mutex_unlock (&batch->lock);

  g_task_return_pointer (task, results, (GDestroyNotify) g_ptr_array_unref);
}

void
pl_import_batch_run_async (PlProject               *project,
                           GPtrArray               *files,
                           const PlImportProgress  *progress_spec,
                           GCancellable            *cancellable,
                           GAsyncReadyCallback      callback,
                           gpointer                 user_data)
{
  g_autoptr(GTask) task = NULL;
  Batch *batch;

  g_return_if_fail (PL_IS_PROJECT (project));
  g_return_if_fail (files != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  /* libxml2 wants its first use on the main thread. */
  xmlInitParser ();

  batch = g_new0 (Batch, 1);
  batch->project = g_object_ref (project);
  batch->files = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < files->len; i++)
    g_ptr_array_add (batch->files, g_object_ref (g_ptr_array_index (files, i)));
  batch->cancellable = cancellable != NULL ? g_object_ref (cancellable) : NULL;
  batch->progress = progress_spec != NULL ? progress_spec->func : NULL;
  batch->progress_data = progress_spec != NULL ? progress_spec->data : NULL;
  batch->context = g_main_context_ref_thread_default ();
  g_mutex_init (&batch->lock);
  g_cond_init (&batch->cond);
  g_queue_init (&batch->items);
  batch->results = g_ptr_array_new_with_free_func ((GDestroyNotify) pl_import_result_free);

  /* The cancellable is not the task's: a cancelled batch still returns its results. */
  task = g_task_new (project, NULL, callback, user_data);
  g_task_set_source_tag (task, pl_import_batch_run_async);
  g_task_set_name (task, "[plenary] import batch");
  g_task_set_task_data (task, batch, (GDestroyNotify) batch_free);
  g_task_run_in_thread (task, run_in_worker);
}

GPtrArray *
pl_import_batch_run_finish (PlProject     *project,
                            GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (PL_IS_PROJECT (project), NULL);
  g_return_val_if_fail (g_task_is_valid (result, project), NULL);
  g_return_val_if_fail (g_async_result_is_tagged (result, pl_import_batch_run_async), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
