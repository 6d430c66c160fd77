/* pl-refi-finish.c — what is done once a REFI-QDA file is read whole
 *
 * Some of what the reader (pl-refi-reader.c) makes of a file can only be settled once it
 * has read it all, Plenary's own part included: the codes get the exact values that part
 * holds for them, "A::B" code names of other tools become a hierarchy, and each note
 * learns what refers to it (the passages of a source that a note marks join that
 * source's selections).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "plenary-refi-import"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "pl-json.h"
#include "pl-refi-private.h"

/* Codes */

static void
replace_string (char       **field,
                JsonObject  *entry,
                const char  *member)
{
  const char *value = pl_json_member_string (entry, member);

  g_free (*field);
  *field = value != NULL && *value != '\0' ? g_strdup (value) : NULL;
}

/* What Plenary's own part of the file holds for @code: the exact values of what its
 * Description shows people. */
static void
apply_code_entry (RefiCode   *code,
                  JsonObject *entry)
{
  replace_string (&code->definition, entry, "definition");
  replace_string (&code->inclusion, entry, "inclusion");
  replace_string (&code->exclusion, entry, "exclusion");
  replace_string (&code->example, entry, "example");
  replace_string (&code->short_id, entry, "id");
  replace_string (&code->shortcut, entry, "shortcut");
}

static RefiCode *
find_child_named (GPtrArray  *codes,
                  const char *name)
{
  for (guint i = 0; i < codes->len; i++)
    {
      RefiCode *code = g_ptr_array_index (codes, i);

      if (strcmp (code->name, name) == 0)
        return code;
    }
  return NULL;
}

/* ATLAS.ti writes a hierarchy as "A::B" names: B goes under the code A (a folder is made
 * when there is no such code). */
static void
unfold_names (PlRefiFile *refi,
              GPtrArray  *codes,
              const char *path)
{
  g_autoptr(GPtrArray) kept = g_ptr_array_new ();
  g_autoptr(GPtrArray) moved = g_ptr_array_new ();

  /* g_ptr_array_steal_index() keeps ownership with us while the list is rebuilt. */
  while (codes->len > 0)
    {
      RefiCode *code = g_ptr_array_steal_index (codes, 0);

      if (strstr (code->name, "::") != NULL)
        g_ptr_array_add (moved, code);
      else
        g_ptr_array_add (kept, code);
    }
  for (guint i = 0; i < kept->len; i++)
    g_ptr_array_add (codes, kept->pdata[i]);

  for (guint i = 0; i < moved->len; i++)
    {
      RefiCode *code = g_ptr_array_index (moved, i);
      g_auto(GStrv) parts = g_strsplit (code->name, "::", -1);
      GPtrArray *siblings = codes;
      g_autofree char *folder_path = g_strdup (path);
      guint n = g_strv_length (parts);

      for (guint p = 0; p + 1 < n; p++)
        {
          char *part = g_strstrip (parts[p]);
          RefiCode *parent;
          char *next_path;

          if (*part == '\0')
            continue;

          next_path = g_strconcat (folder_path, "::", part, NULL);
          g_free (folder_path);
          folder_path = next_path;

          parent = find_child_named (siblings, part);
          if (parent == NULL)
            {
              parent = g_new0 (RefiCode, 1);
              parent->guid = pl_refi_derive_guid ("folder", folder_path);
              parent->name = g_strdup (part);
              parent->codable = FALSE;
              parent->children = pl_refi_codes_new ();
              g_ptr_array_add (siblings, parent);
              g_hash_table_insert (refi->codes_by_guid, parent->guid, parent);
            }
          siblings = parent->children;
        }

      g_free (code->name);
      code->name = g_strdup (g_strstrip (parts[n - 1]));
      if (*code->name == '\0')
        {
          g_free (code->name);
          code->name = g_strdup (_("Unnamed code"));
        }
      g_ptr_array_add (siblings, code);
    }

  for (guint i = 0; i < codes->len; i++)
    {
      RefiCode *code = g_ptr_array_index (codes, i);
      g_autofree char *child_path = g_strconcat (path, "::", code->name, NULL);

      unfold_names (refi, code->children, child_path);
    }
}

/* Notes: what refers to each */

/* Marks the notes of @refs as referred to by @referrer, unless something more specific
 * already does: a selection, then a source, then a code, then the project. */
static void
refer (PlRefiFile   *refi,
       GPtrArray    *refs,
       RefiReferrer  referrer,
       gpointer      referred_by,
       RefiSource   *source)
{
  for (guint i = 0; refs != NULL && i < refs->len; i++)
    {
      RefiNote *note = g_hash_table_lookup (refi->notes_by_guid, g_ptr_array_index (refs, i));

      if (note == NULL || note->referrer != REFI_REFERRER_NONE)
        continue;
      note->referrer = referrer;
      note->referred_by = referred_by;
      note->source = source;
    }
}

static void
refer_from_codes (PlRefiFile *refi,
                  GPtrArray  *codes)
{
  for (guint i = 0; i < codes->len; i++)
    {
      RefiCode *code = g_ptr_array_index (codes, i);

      refer (refi, code->note_refs, REFI_REFERRER_CODE, code, NULL);
      refer_from_codes (refi, code->children);
    }
}

/* Sets each note's referrer, and moves the passages of the notes a source refers to into
 * that source's selections, where their positions are mapped with the rest. */
static void
link_notes (PlRefiFile *refi)
{
  for (guint s = 0; s < refi->sources->len; s++)
    {
      RefiSource *source = g_ptr_array_index (refi->sources, s);

      for (guint i = 0; i < source->selections->len; i++)
        {
          RefiSelection *selection = g_ptr_array_index (source->selections, i);

          refer (refi, selection->note_refs, REFI_REFERRER_SELECTION, selection, source);
          for (guint c = 0; c < selection->codings->len; c++)
            refer (refi, ((RefiCoding *) g_ptr_array_index (selection->codings, c))->note_refs,
                   REFI_REFERRER_SELECTION, selection, source);
        }
    }
  for (guint s = 0; s < refi->sources->len; s++)
    {
      RefiSource *source = g_ptr_array_index (refi->sources, s);

      refer (refi, source->note_refs, REFI_REFERRER_SOURCE, source, source);
    }
  refer_from_codes (refi, refi->codes);
  refer (refi, refi->project_note_refs, REFI_REFERRER_PROJECT, NULL, NULL);

  for (guint i = 0; i < refi->notes->len; i++)
    {
      RefiNote *note = g_ptr_array_index (refi->notes, i);

      if (note->referrer != REFI_REFERRER_SOURCE)
        continue;
      while (note->passages->len > 0)
        g_ptr_array_add (note->source->selections, g_ptr_array_steal_index (note->passages, 0));
    }
}

/* Finishing */

/* What Plenary's own part of the file holds for the codes read, and what it holds for
 * their children. */
static void
apply_code_entries (PlRefiFile *refi,
                    GPtrArray  *codes)
{
  for (guint i = 0; i < codes->len; i++)
    {
      RefiCode *code = g_ptr_array_index (codes, i);
      JsonObject *entry = pl_refi_plenary_lookup (refi->plenary, REFI_PLENARY_CODES, code->guid);

      if (entry != NULL)
        apply_code_entry (code, entry);
      apply_code_entries (refi, code->children);
    }
}

void
pl_refi_finish_project (PlRefiFile *refi)
{
  g_return_if_fail (refi != NULL);

  apply_code_entries (refi, refi->codes);
  if (!refi->ours)
    unfold_names (refi, refi->codes, "");
  link_notes (refi);
}
