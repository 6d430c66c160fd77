/* pl-place-row.c — one place in the corpus as the result lists show it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "plenary-place-row"

#include "config.h"

#include "pl-compat.h"
#include "pl-place-row.h"

struct _PlPlaceRow
{
  GtkWidget  parent_instance;

  GtkWidget *heading_box;
  GtkWidget *swatch;
  GtkLabel  *heading_label;
  GtkLabel  *body_label;
  GtkLabel  *caption_label;
  char      *swatch_class;
};

G_DEFINE_FINAL_TYPE (PlPlaceRow, pl_place_row, GTK_TYPE_WIDGET)

/* A list reads its rows by name: the heading, the text and the caption, as shown. */
static void
update_accessible_label (PlPlaceRow *self)
{
  g_autoptr(GString) label = g_string_new (NULL);
  GtkLabel *parts[] = { self->heading_label, self->body_label, self->caption_label };

  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    {
      const char *text = gtk_label_get_text (parts[i]);

      if (!gtk_widget_get_visible (GTK_WIDGET (parts[i])) || *text == '\0')
        continue;
      if (label->len > 0)
        g_string_append (label, ". ");
      g_string_append (label, text);
    }
  pl_list_item_set_accessible_label (GTK_WIDGET (self), label->str);
}

void
pl_place_row_set (PlPlaceRow *self,
                  gint64      code_id,
                  const char *heading,
                  const char *body,
                  const char *caption)
{
  g_return_if_fail (PL_IS_PLACE_ROW (self));

  if (self->swatch_class != NULL)
    gtk_widget_remove_css_class (self->swatch, self->swatch_class);
  g_clear_pointer (&self->swatch_class, g_free);
  if (code_id != 0)
    {
      self->swatch_class = g_strdup_printf ("code-color-%" G_GINT64_FORMAT, code_id);
      gtk_widget_add_css_class (self->swatch, self->swatch_class);
    }
  gtk_widget_set_visible (self->swatch, code_id != 0);
  gtk_label_set_text (self->heading_label, heading != NULL ? heading : "");
  gtk_widget_set_visible (self->heading_box, heading != NULL || code_id != 0);
  gtk_label_set_markup (self->body_label, body != NULL ? body : "");
  gtk_widget_set_visible (GTK_WIDGET (self->body_label), body != NULL && *body != '\0');
  gtk_label_set_text (self->caption_label, caption != NULL ? caption : "");
  gtk_widget_set_visible (GTK_WIDGET (self->caption_label), caption != NULL && *caption != '\0');
  update_accessible_label (self);
}

/* Where to cut: the first word start at or after @from (backwards: the last word start at
 * or before it), in code points of @text. */
static guint
word_start_near (const char *text,
                 guint       length,
                 guint       from,
                 gboolean    backwards)
{
  guint i = from;

  if (backwards)
    {
      while (i > 0 && !g_unichar_isspace (g_utf8_get_char (g_utf8_offset_to_pointer (text, i - 1))))
        i--;
      return i;
    }
  while (i < length && !g_unichar_isspace (g_utf8_get_char (g_utf8_offset_to_pointer (text, i))))
    i++;
  return i;
}

static void
append_escaped (GString    *markup,
                const char *text,
                guint       from,
                guint       to)
{
  const char *a = g_utf8_offset_to_pointer (text, from);
  const char *b = g_utf8_offset_to_pointer (text, to);
  g_autofree char *escaped = g_markup_escape_text (a, b - a);

  g_string_append (markup, escaped);
}

char *
pl_place_row_markup (const char *text,
                     guint       start,
                     guint       end,
                     guint       context)
{
  GString *markup;
  guint length, from, to;

  if (text == NULL)
    return g_strdup ("");

  length = g_utf8_strlen (text, -1);
  end = MIN (end, length);
  start = MIN (start, end);
  from = start > context ? word_start_near (text, length, start - context, FALSE) : 0;
  to = end + context < length ? word_start_near (text, length, end + context, TRUE) : length;
  from = MIN (from, start);
  to = MAX (to, end);

  markup = g_string_new (from > 0 ? "…" : "");
  append_escaped (markup, text, from, start);
  if (end > start)
    {
      g_string_append (markup, "<b>");
      append_escaped (markup, text, start, end);
      g_string_append (markup, "</b>");
    }
  append_escaped (markup, text, end, to);
  if (to < length)
    g_string_append (markup, "…");
  return g_string_free (markup, FALSE);
}

static void
pl_place_row_dispose (GObject *object)
{
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (object), PL_TYPE_PLACE_ROW);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);
  G_OBJECT_CLASS (pl_place_row_parent_class)->dispose (object);
}

static void
pl_place_row_finalize (GObject *object)
{
  g_free (PL_PLACE_ROW (object)->swatch_class);
  G_OBJECT_CLASS (pl_place_row_parent_class)->finalize (object);
}

static void
pl_place_row_class_init (PlPlaceRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pl_place_row_dispose;
  object_class->finalize = pl_place_row_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/plenary/Plenary/pl-place-row.ui");
  gtk_widget_class_bind_template_child (widget_class, PlPlaceRow, heading_box);
  gtk_widget_class_bind_template_child (widget_class, PlPlaceRow, swatch);
  gtk_widget_class_bind_template_child (widget_class, PlPlaceRow, heading_label);
  gtk_widget_class_bind_template_child (widget_class, PlPlaceRow, body_label);
  gtk_widget_class_bind_template_child (widget_class, PlPlaceRow, caption_label);
  gtk_widget_class_set_css_name (widget_class, "placerow");
}

static void
pl_place_row_init (PlPlaceRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
pl_place_row_new (void)
{
  return g_object_new (PL_TYPE_PLACE_ROW, NULL);
}
