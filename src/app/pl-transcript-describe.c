/* pl-transcript-describe.c — where the cursor is in a transcript, in words for screen readers
 *
 * GTK 4.8 has no API for text attributes, so the transcript's text view carries these as its
 * accessible description (pl-transcript-view.c).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "plenary-transcript-view"

#include "config.h"

#include <glib/gi18n.h>

#include "pl-starter-names.h"
#include "pl-text-view.h"
#include "pl-transcript-describe.h"

const char *
pl_transcript_describe_entity_type (const char *type)
{
  static const struct { const char *type; const char *label; } labels[] = {
    { "member_state", N_("member state") },
    { "observer_state", N_("observer state") },
    { "group_of_states", N_("group of states") },
    { "eu", N_("European Union") },
    { "igo", N_("intergovernmental organisation") },
    { "un_entity", N_("UN entity") },
    { "ngo", N_("NGO / civil society") },
    { "academia", N_("academia") },
    { "private_sector", N_("private sector") },
    { "chair", N_("Chair") },
    { "secretariat", N_("secretariat") },
    { "unknown", N_("unknown speaker") },
  };

  for (guint i = 0; type != NULL && i < G_N_ELEMENTS (labels); i++)
    if (g_str_equal (labels[i].type, type))
      return _(labels[i].label);
  return NULL;
}

char *
pl_transcript_describe_statement (const PlStatement *statement,
                                  guint              n_statements)
{
  g_autoptr(GString) text = g_string_new (NULL);
  const char *name, *type;

  g_return_val_if_fail (statement != NULL, NULL);

  if (statement->kind == PL_STATEMENT_KIND_FRONT_MATTER)
    return g_strdup (_("Front matter, not attributed to a speaker."));

  g_string_printf (text, _("Statement %'u of %'u"), statement->index, n_statements);

  name = statement->entity != NULL ? statement->entity : statement->speaker;
  if (name != NULL)
    {
      g_string_append_printf (text, _(", %s"), name);
      type = pl_transcript_describe_entity_type (statement->entity_type);
      if (type != NULL && g_utf8_collate (type, name) != 0)
        g_string_append_printf (text, _(", %s"), type);
      if (statement->regional_group != NULL)
        g_string_append_printf (text, _(", %s"), statement->regional_group);
      if (statement->on_behalf_of != NULL)
        g_string_append_printf (text, _(", on behalf of %s"), statement->on_behalf_of);
      if (statement->needs_review)
        g_string_append (text, _(" (check the speaker)"));
    }
  g_string_append (text, ".");
  return g_string_free (g_steal_pointer (&text), FALSE);
}

char *
pl_transcript_describe_annotations (PlProject *project,
                                    GPtrArray *hits)
{
  g_autoptr(GString) text = g_string_new (NULL);

  g_return_val_if_fail (PL_IS_PROJECT (project), NULL);

  if (hits == NULL || hits->len == 0)
    return g_strdup (_("Not coded here."));

  for (guint i = 0; i < hits->len; i++)
    {
      PlAnnotation *annotation = g_ptr_array_index (hits, i);
      PlCode *code = pl_project_find_code (project, annotation->code_id);
      PlCoder *coder = pl_project_find_coder (project, annotation->coder_id);

      g_string_append (text, i == 0 ? _("Coded as ") : _("; and as "));
      g_string_append (text, code != NULL ? pl_code_get_display_name (code) : _("an unknown code"));
      if (code != NULL && pl_code_get_short_id (code) != NULL)
        g_string_append_printf (text, " (%s)", pl_code_get_short_id (code));
      if (coder != NULL)
        g_string_append_printf (text, _(" by %s"), coder->name);
      if (annotation->stance != NULL)
        g_string_append_printf (text, _(", stance: %s"), annotation->stance);
      if (annotation->memo != NULL)
        g_string_append_printf (text, _(", memo: %s"), annotation->memo);
    }
  g_string_append (text, ".");
  return g_string_free (g_steal_pointer (&text), FALSE);
}
