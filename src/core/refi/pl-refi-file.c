/* pl-refi-file.c — the structs a REFI-QDA file is read into, made and freed
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "plenary-refi-import"

#include "config.h"

#include "pl-refi-private.h"

static void
free_strings (GPtrArray **array)
{
  g_clear_pointer (array, g_ptr_array_unref);
}

static GPtrArray *
new_strings (void)
{
  return g_ptr_array_new_with_free_func (g_free);
}

static void
refi_coding_free (gpointer data)
{
  RefiCoding *coding = data;

  free_strings (&coding->note_refs);
  g_free (coding);
}

static void
refi_selection_free (gpointer data)
{
  RefiSelection *selection = data;

  g_free (selection->description);
  g_clear_pointer (&selection->marker, json_object_unref);
  g_ptr_array_unref (selection->codings);
  free_strings (&selection->note_refs);
  g_free (selection);
}

GPtrArray *
pl_refi_selections_new (void)
{
  return g_ptr_array_new_with_free_func (refi_selection_free);
}

RefiSelection *
pl_refi_selection_new (void)
{
  RefiSelection *selection = g_new0 (RefiSelection, 1);

  selection->codings = g_ptr_array_new_with_free_func (refi_coding_free);
  return selection;
}

static void
refi_source_free (gpointer data)
{
  RefiSource *source = data;

  g_free (source->guid);
  g_free (source->name);
  g_free (source->path);
  g_free (source->inline_text);
  g_free (source->text);
  g_free (source->user);
  g_free (source->created);
  g_free (source->modified);
  g_free (source->description);
  g_ptr_array_unref (source->selections);
  free_strings (&source->values);
  free_strings (&source->note_refs);
  g_free (source);
}

static void
refi_code_free (gpointer data)
{
  RefiCode *code = data;

  g_free (code->guid);
  g_free (code->name);
  g_free (code->color);
  g_free (code->definition);
  g_free (code->inclusion);
  g_free (code->exclusion);
  g_free (code->example);
  g_free (code->short_id);
  g_free (code->shortcut);
  g_ptr_array_unref (code->children);
  free_strings (&code->note_refs);
  g_free (code);
}

GPtrArray *
pl_refi_codes_new (void)
{
  return g_ptr_array_new_with_free_func (refi_code_free);
}

static void
refi_user_free (gpointer data)
{
  RefiUser *user = data;

  g_free (user->guid);
  g_free (user->name);
  g_free (user->id);
  g_free (user);
}

static void
refi_link_free (gpointer data)
{
  RefiLink *link = data;

  g_free (link->guid);
  g_free (link->origin);
  g_free (link->target);
  g_free (link);
}

static void
refi_note_free (gpointer data)
{
  RefiNote *note = data;

  g_free (note->guid);
  g_free (note->title);
  g_free (note->text);
  g_free (note->description);
  g_free (note->path);
  g_free (note->user);
  g_free (note->created);
  g_free (note->modified);
  g_clear_pointer (&note->marker, json_object_unref);
  g_ptr_array_unref (note->passages);
  g_free (note);
}

static void
refi_case_free (gpointer data)
{
  RefiCase *refi_case = data;

  g_free (refi_case->guid);
  g_free (refi_case->name);
  g_free (refi_case->description);
  free_strings (&refi_case->values);
  g_free (refi_case);
}

void
pl_refi_file_free (PlRefiFile *refi)
{
  if (refi == NULL)
    return;

  g_free (refi->display_name);
  g_free (refi->origin);
  g_free (refi->project_user);
  g_clear_pointer (&refi->project_marker, json_object_unref);
  g_ptr_array_unref (refi->users);
  g_ptr_array_unref (refi->codes);
  g_hash_table_unref (refi->codes_by_guid);
  g_hash_table_unref (refi->variables);
  g_ptr_array_unref (refi->sources);
  g_ptr_array_unref (refi->notes);
  g_hash_table_unref (refi->notes_by_guid);
  free_strings (&refi->project_note_refs);
  g_ptr_array_unref (refi->links);
  g_free (refi->project_description);
  g_ptr_array_unref (refi->cases);
  g_clear_pointer (&refi->plenary, pl_refi_plenary_free);
  g_hash_table_unref (refi->guids);
  g_string_chunk_free (refi->strings);
  free_strings (&refi->not_imported);
  free_strings (&refi->warnings);
  free_strings (&refi->missing_texts);
  g_hash_table_unref (refi->unmapped_variables);
  g_clear_pointer (&refi->entries, g_hash_table_unref);
  g_clear_pointer (&refi->unread, g_hash_table_unref);
  g_clear_pointer (&refi->archive, g_bytes_unref);
  g_clear_object (&refi->folder);
  g_free (refi);
}

PlRefiFile *
pl_refi_file_new (const char *display_name)
{
  PlRefiFile *refi = g_new0 (PlRefiFile, 1);

  refi->display_name = g_strdup (display_name);
  refi->users = g_ptr_array_new_with_free_func (refi_user_free);
  refi->codes = pl_refi_codes_new ();
  refi->codes_by_guid = g_hash_table_new (g_str_hash, g_str_equal);
  refi->variables = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  refi->sources = g_ptr_array_new_with_free_func (refi_source_free);
  refi->notes = g_ptr_array_new_with_free_func (refi_note_free);
  refi->notes_by_guid = g_hash_table_new (g_str_hash, g_str_equal);
  refi->project_note_refs = new_strings ();
  refi->links = g_ptr_array_new_with_free_func (refi_link_free);
  refi->cases = g_ptr_array_new_with_free_func (refi_case_free);
  refi->strings = g_string_chunk_new (64 * 1024);
  refi->guids = g_hash_table_new (g_str_hash, g_str_equal);
  refi->not_imported = new_strings ();
  refi->warnings = new_strings ();
  refi->missing_texts = new_strings ();
  refi->unmapped_variables = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  return refi;
}

void
pl_refi_warn (PlRefiFile *refi,
              const char *format,
              ...)
{
  va_list args;

  va_start (args, format);
  g_ptr_array_add (refi->warnings, g_strdup_vprintf (format, args));
  va_end (args);
}
