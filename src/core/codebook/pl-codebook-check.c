/* pl-codebook-check.c — what a codebook change must satisfy before it runs
 *
 * Names must be unique among siblings (ignoring case); short ids unique (ignoring case);
 * a shortcut is one key given to one code only.  Refusals say why, in
 * PL_STORE_ERROR_INVALID.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "plenary-codebook-edit"

#include "config.h"

#include <glib/gi18n.h>

#include "pl-codebook-private.h"
#include "pl-error.h"
#include "pl-text.h"

gboolean
pl_codebook_refuse (GError     **error,
                    const char  *format,
                    ...)
{
  va_list args;

  va_start (args, format);
  g_propagate_error (error, g_error_new_valist (PL_STORE_ERROR, PL_STORE_ERROR_INVALID, format, args));
  va_end (args);
  return FALSE;
}

char *
pl_codebook_dup_trimmed (const char *value)
{
  char *copy;

  if (value == NULL)
    return NULL;
  if (!g_utf8_validate (value, -1, NULL))
    return g_strdup (value);
  copy = g_strstrip (pl_text_normalize (value, -1));
  if (copy[0] == '\0')
    g_clear_pointer (&copy, g_free);
  return copy;
}

gboolean
pl_codebook_same_name (const char *a,
                       const char *b)
{
  g_autofree char *fa = g_utf8_casefold (a, -1);
  g_autofree char *fb = g_utf8_casefold (b, -1);

  return g_strcmp0 (fa, fb) == 0;
}

gboolean
pl_codebook_check_sibling_name (PlProject   *project,
                                gint64       parent_id,
                                gint64       except_id,
                                const char  *name,
                                GError     **error)
{
  g_autoptr(GPtrArray) siblings = pl_project_read_code_children (project, parent_id, error);
  g_autoptr(PlCodeRecord) parent = NULL;

  if (siblings == NULL)
    return FALSE;

  for (guint i = 0; i < siblings->len; i++)
    {
      PlCodeRecord *sibling = g_ptr_array_index (siblings, i);

      if (sibling->id == except_id || !pl_codebook_same_name (sibling->name, name))
        continue;

      if (parent_id == 0)
        return pl_codebook_refuse (error, _("There is already a code “%s” at the top level of the codebook."),
                                   sibling->name);
      parent = pl_project_read_code (project, parent_id, NULL);
      return pl_codebook_refuse (error, _("There is already a code “%s” in “%s”."), sibling->name,
                                 parent != NULL ? parent->name : "");
    }
  return TRUE;
}

gboolean
pl_codebook_check_name (const char  *name,
                        GError     **error)
{
  if (name == NULL)
    return pl_codebook_refuse (error, _("A code needs a name."));
  if (!g_utf8_validate (name, -1, NULL))
    return pl_codebook_refuse (error, _("The name of a code must be valid UTF-8 text."));
  return TRUE;
}

gboolean
pl_codebook_check_short_id (PlProject   *project,
                            gint64       except_id,
                            const char  *short_id,
                            GError     **error)
{
  g_autofree char *holder = NULL;

  if (short_id == NULL)
    return TRUE;

  for (const char *p = short_id; *p != '\0'; p = g_utf8_next_char (p))
    if (g_unichar_isspace (g_utf8_get_char (p)))
      return pl_codebook_refuse (error, _("A short id cannot contain spaces: “%s”."), short_id);

  if (!pl_project_find_short_id_holder (project, short_id, except_id, &holder, error))
    return FALSE;
  if (holder != NULL)
    return pl_codebook_refuse (error, _("The short id “%s” is already used by “%s”."), short_id, holder);
  return TRUE;
}

gboolean
pl_codebook_check_shortcut (PlProject   *project,
                            gint64       except_id,
                            const char  *shortcut,
                            GError     **error)
{
  g_autofree char *holder = NULL;
  gunichar key;

  if (shortcut == NULL)
    return TRUE;

  key = g_utf8_get_char (shortcut);
  if (g_utf8_strlen (shortcut, -1) != 1 || g_unichar_isspace (key) || g_unichar_iscntrl (key))
    return pl_codebook_refuse (error, _("A shortcut is one key, such as 1 to 9 or a letter, not “%s”."), shortcut);

  if (!pl_project_find_shortcut_holder (project, shortcut, except_id, &holder, error))
    return FALSE;
  if (holder != NULL)
    return pl_codebook_refuse (error, _("The shortcut %s already applies “%s”. Remove it there first."),
                               shortcut, holder);
  return TRUE;
}

char *
pl_codebook_check_color (const char  *color,
                         const char  *code_name,
                         GError     **error)
{
  char *normal = pl_codebook_normalize_color (color, NULL);

  if (normal == NULL)
    pl_codebook_refuse (error, _("“%s” is not a colour of the form #RRGGBB (code “%s”)."), color, code_name);
  return normal;
}

char *
pl_codebook_default_color (PlProject *project,
                           gint64     parent_id)
{
  g_autoptr(PlCodeRecord) parent = parent_id != 0 ? pl_project_read_code (project, parent_id, NULL) : NULL;
  g_autoptr(GPtrArray) top = NULL;

  if (parent != NULL)
    return g_strdup (parent->color);
  top = pl_project_read_code_children (project, 0, NULL);
  /* The Okabe–Ito colours, not their darker shades. */
  return g_strdup (pl_codebook_get_palette ()[(top != NULL ? top->len : 0) % 8]);
}

gboolean
pl_codebook_check_new_code (PlProject          *project,
                            const PlCodeSpec   *spec,
                            gint64              parent_id,
                            PlCodebookNewCode  *out_code,
                            GError            **error)
{
  g_autofree char *name = pl_codebook_dup_trimmed (spec->name);
  g_autofree char *short_id = pl_codebook_dup_trimmed (spec->short_id);
  g_autofree char *shortcut = pl_codebook_dup_trimmed (spec->shortcut);
  g_autofree char *color = NULL;
  g_autofree char *color_dark = NULL;

  if (!pl_codebook_check_name (name, error)
      || !pl_codebook_check_sibling_name (project, parent_id, 0, name, error)
      || !pl_codebook_check_short_id (project, 0, short_id, error)
      || !pl_codebook_check_shortcut (project, 0, shortcut, error))
    return FALSE;

  color = spec->color != NULL ? pl_codebook_check_color (spec->color, name, error)
                              : pl_codebook_default_color (project, parent_id);
  if (color == NULL)
    return FALSE;
  color_dark = spec->color_dark != NULL ? pl_codebook_check_color (spec->color_dark, name, error)
                                        : pl_codebook_derive_dark_color (color);
  if (color_dark == NULL)
    return FALSE;

  out_code->name = g_steal_pointer (&name);
  out_code->color = g_steal_pointer (&color);
  out_code->color_dark = g_steal_pointer (&color_dark);
  return TRUE;
}
