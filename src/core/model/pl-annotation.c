/* pl-annotation.c — plain records of the store: annotations, statements, coders, log entries
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "pl-annotation.h"

G_DEFINE_BOXED_TYPE (PlAnnotation, pl_annotation, pl_annotation_ref, pl_annotation_unref)
G_DEFINE_BOXED_TYPE (PlStatement, pl_statement, pl_statement_ref, pl_statement_unref)
G_DEFINE_BOXED_TYPE (PlCoder, pl_coder, pl_coder_ref, pl_coder_unref)

PlAnnotation *
pl_annotation_new (void)
{
  PlAnnotation *self = g_new0 (PlAnnotation, 1);

  self->ref_count = 1;
  return self;
}

PlAnnotation *
pl_annotation_ref (PlAnnotation *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_int_inc (&self->ref_count);
  return self;
}

void
pl_annotation_unref (PlAnnotation *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_int_dec_and_test (&self->ref_count))
    return;

  g_free (self->guid);
  g_free (self->memo);
  g_free (self->created);
  g_free (self->modified);
  g_free (self->stance);
  g_free (self);
}

gint
pl_annotation_compare (gconstpointer a,
                       gconstpointer b)
{
  const PlAnnotation *x = a;
  const PlAnnotation *y = b;

  if (x->document_id != y->document_id)
    return x->document_id < y->document_id ? -1 : 1;
  if (x->start != y->start)
    return x->start < y->start ? -1 : 1;
  if (x->end != y->end)
    return x->end > y->end ? -1 : 1;
  if (x->id != y->id)
    return x->id < y->id ? -1 : 1;
  return 0;
}

PlStatement *
pl_statement_new (void)
{
  PlStatement *self = g_new0 (PlStatement, 1);

  self->ref_count = 1;
  return self;
}

PlStatement *
pl_statement_ref (PlStatement *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_int_inc (&self->ref_count);
  return self;
}

void
pl_statement_unref (PlStatement *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_int_dec_and_test (&self->ref_count))
    return;

  g_free (self->speaker);
  g_free (self->entity);
  g_free (self->entity_type);
  g_free (self->iso3);
  g_free (self->regional_group);
  g_free (self->on_behalf_of);
  g_free (self->speaker_source);
  g_free (self);
}

const char *
pl_statement_kind_to_string (PlStatementKind kind)
{
  switch (kind)
    {
    case PL_STATEMENT_KIND_STATEMENT:
      return "statement";
    case PL_STATEMENT_KIND_FRONT_MATTER:
      return "front_matter";
    default:
      g_return_val_if_reached ("statement");
    }
}

PlCoder *
pl_coder_new (void)
{
  PlCoder *self = g_new0 (PlCoder, 1);

  self->ref_count = 1;
  return self;
}

PlCoder *
pl_coder_ref (PlCoder *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_int_inc (&self->ref_count);
  return self;
}

void
pl_coder_unref (PlCoder *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_int_dec_and_test (&self->ref_count))
    return;

  g_free (self->guid);
  g_free (self->name);
  g_free (self->initials);
  g_free (self->color);
  g_free (self);
}

char *
pl_coder_initials_for_name (const char *name)
{
  GString *initials = g_string_new (NULL);
  gboolean at_word = TRUE;

  g_return_val_if_fail (name != NULL, NULL);

  for (const char *p = name; *p != '\0' && initials->len < 12; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c) || c == '-')
        at_word = TRUE;
      else if (at_word)
        {
          g_string_append_unichar (initials, g_unichar_toupper (c));
          at_word = FALSE;
        }
    }
  return g_string_free (initials, FALSE);
}

void
pl_codebook_log_entry_free (PlCodebookLogEntry *entry)
{
  if (entry == NULL)
    return;
  g_free (entry->action);
  g_free (entry->code_guid);
  g_free (entry->summary);
  g_free (entry->detail);
  g_free (entry->coder);
  g_free (entry->created);
  g_free (entry);
}
