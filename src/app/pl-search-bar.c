/* pl-search-bar.c — Ctrl+F: find words in the open document
 *
 * The query runs through the project's full-text index (pl_search() narrowed to the one
 * document), so the bar finds what the project-wide search finds, with the same syntax and
 * the same folding of case and diacritics.  It runs again when the pane shows another
 * document.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "plenary-search-bar"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "pl-project-search.h"
#include "pl-search.h"
#include "pl-search-bar.h"

/* A selection of at most this many characters becomes the query. */
#define MAX_SELECTION_QUERY 60

struct _PlSearchBar
{
  GtkWidget         parent_instance;

  GtkRevealer      *revealer;
  GtkSearchEntry   *entry;
  GtkLabel         *count_label;
  GtkLabel         *error_label;

  PlProject        *project;
  PlTranscriptView *view;
  GArray           *matches;   /* PlSearchMatch */
  int               current;
};

G_DEFINE_FINAL_TYPE (PlSearchBar, pl_search_bar, GTK_TYPE_WIDGET)

static PlTextView *
text_view (PlSearchBar *self)
{
  return self->view != NULL ? pl_transcript_view_get_pl_text_view (self->view) : NULL;
}

static void
show_current (PlSearchBar *self,
              gboolean     select)
{
  g_autofree char *count = NULL;

  if (self->matches->len == 0)
    count = g_strdup (*gtk_editable_get_text (GTK_EDITABLE (self->entry)) != '\0'
                      && !gtk_widget_get_visible (GTK_WIDGET (self->error_label)) ? _("No matches") : "");
  else
    /* Translators: the current search hit of all: "3 of 12" */
    count = g_strdup_printf (_("%d of %u"), self->current + 1, self->matches->len);
  gtk_label_set_text (self->count_label, count);

  if (text_view (self) != NULL)
    pl_text_view_set_search_matches (text_view (self), self->matches->len > 0 ? self->matches : NULL, self->current);

  if (select && self->current >= 0)
    {
      PlSearchMatch *match = &g_array_index (self->matches, PlSearchMatch, self->current);

      pl_transcript_view_place_cursor (self->view, match->start, TRUE);
      pl_transcript_view_select_range (self->view, match->start, match->end);
    }

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "search-bar.next", self->matches->len > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "search-bar.previous", self->matches->len > 0);
}

static void
set_error (PlSearchBar  *self,
           const GError *error)
{
  gtk_label_set_text (self->error_label, error != NULL ? error->message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), error != NULL);
  if (error != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self->entry), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->entry), "error");
}

static gboolean
is_blank (const char *text)
{
  for (; *text != '\0'; text = g_utf8_next_char (text))
    if (!g_unichar_isspace (g_utf8_get_char (text)))
      return FALSE;
  return TRUE;
}

static void
run_search (PlSearchBar *self)
{
  const char *query = gtk_editable_get_text (GTK_EDITABLE (self->entry));
  PlDocument *document = self->view != NULL ? pl_transcript_view_get_document (self->view) : NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) hits = NULL;
  g_autoptr(GArray) ids = NULL;
  PlQueryFilter filter = { 0 };
  gint64 id;
  guint cursor;

  g_array_set_size (self->matches, 0);
  self->current = -1;
  set_error (self, NULL);

  if (self->project == NULL || document == NULL || is_blank (query))
    {
      show_current (self, FALSE);
      return;
    }
  if (!pl_project_check_search_query (self->project, query, NULL, &error))
    {
      /* Nothing to search for yet (only an operator typed): no error, no hits. */
      if (!g_error_matches (error, PL_SEARCH_ERROR, PL_SEARCH_ERROR_EMPTY))
        set_error (self, error);
      show_current (self, FALSE);
      return;
    }

  id = pl_document_get_id (document);
  ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_array_append_val (ids, id);
  filter.document_ids = ids;
  hits = pl_search (self->project, query, &filter, &error);
  if (hits == NULL)
    {
      set_error (self, error);
      show_current (self, FALSE);
      return;
    }

  cursor = pl_transcript_view_get_cursor (self->view);
  for (guint i = 0; i < hits->len; i++)
    {
      PlSearchHit *hit = g_ptr_array_index (hits, i);
      PlSearchMatch match = { hit->start, hit->end };

      if (self->current < 0 && hit->start >= cursor)
        self->current = (int) self->matches->len;
      g_array_append_val (self->matches, match);
    }
  if (self->current < 0 && self->matches->len > 0)
    self->current = 0;
  show_current (self, TRUE);
}

static void
step (PlSearchBar *self,
      int          delta)
{
  int n = (int) self->matches->len;

  if (n == 0)
    return;
  self->current = ((self->current < 0 ? 0 : self->current) + delta + n) % n;
  show_current (self, TRUE);
}

/* Actions */

static void
next_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  step (PL_SEARCH_BAR (widget), g_str_equal (action_name, "search-bar.next") ? 1 : -1);
}

static void
close_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  pl_search_bar_close (PL_SEARCH_BAR (widget));
}

static void
on_activate (PlSearchBar *self)
{
  step (self, 1);
}

static gboolean
on_entry_key (PlSearchBar     *self,
              guint            keyval,
              guint            keycode,
              GdkModifierType  state)
{
  if ((keyval == GDK_KEY_Return || keyval == GDK_KEY_KP_Enter) && (state & GDK_SHIFT_MASK) != 0)
    {
      step (self, -1);
      return TRUE;
    }
  return FALSE;
}

/* Public */

void
pl_search_bar_set_project (PlSearchBar *self,
                           PlProject   *project)
{
  g_return_if_fail (PL_IS_SEARCH_BAR (self));

  g_set_object (&self->project, project);
  pl_search_bar_close (self);
}

static void
on_document_changed (PlSearchBar *self)
{
  if (pl_search_bar_get_open (self))
    run_search (self);
}

void
pl_search_bar_set_view (PlSearchBar      *self,
                        PlTranscriptView *view)
{
  g_return_if_fail (PL_IS_SEARCH_BAR (self));

  if (self->view == view)
    return;
  if (self->view != NULL)
    {
      pl_text_view_set_search_matches (text_view (self), NULL, -1);
      g_signal_handlers_disconnect_by_data (self->view, self);
    }
  g_set_object (&self->view, view);
  if (view != NULL)
    g_signal_connect_object (view, "notify::document", G_CALLBACK (on_document_changed), self, G_CONNECT_SWAPPED);
  on_document_changed (self);
}

void
pl_search_bar_open (PlSearchBar *self)
{
  guint start, end;

  g_return_if_fail (PL_IS_SEARCH_BAR (self));

  if (self->view != NULL && pl_transcript_view_get_selection (self->view, &start, &end)
      && end - start <= MAX_SELECTION_QUERY)
    {
      GtkTextBuffer *buffer = gtk_text_view_get_buffer (pl_transcript_view_get_text_view (self->view));
      GtkTextIter s, e;
      g_autofree char *text = NULL;

      gtk_text_buffer_get_iter_at_offset (buffer, &s, start);
      gtk_text_buffer_get_iter_at_offset (buffer, &e, end);
      text = gtk_text_buffer_get_text (buffer, &s, &e, FALSE);
      if (strchr (text, '\n') == NULL && g_strcmp0 (text, gtk_editable_get_text (GTK_EDITABLE (self->entry))) != 0)
        {
          g_autofree char *quoted = strchr (text, ' ') != NULL ? g_strdup_printf ("\"%s\"", text) : g_strdup (text);

          gtk_editable_set_text (GTK_EDITABLE (self->entry), quoted);
        }
    }

  gtk_revealer_set_reveal_child (self->revealer, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->entry));
  gtk_editable_select_region (GTK_EDITABLE (self->entry), 0, -1);
  run_search (self);
}

void
pl_search_bar_close (PlSearchBar *self)
{
  g_return_if_fail (PL_IS_SEARCH_BAR (self));

  if (!gtk_revealer_get_reveal_child (self->revealer))
    return;
  gtk_revealer_set_reveal_child (self->revealer, FALSE);
  g_array_set_size (self->matches, 0);
  self->current = -1;
  if (text_view (self) != NULL)
    {
      pl_text_view_set_search_matches (text_view (self), NULL, -1);
      gtk_widget_grab_focus (GTK_WIDGET (text_view (self)));
    }
}

gboolean
pl_search_bar_get_open (PlSearchBar *self)
{
  g_return_val_if_fail (PL_IS_SEARCH_BAR (self), FALSE);
  return gtk_revealer_get_reveal_child (self->revealer);
}

void
pl_search_bar_set_text (PlSearchBar *self,
                        const char  *text)
{
  g_return_if_fail (PL_IS_SEARCH_BAR (self));

  gtk_editable_set_text (GTK_EDITABLE (self->entry), text);
  run_search (self);
}

GArray *
pl_search_bar_get_matches (PlSearchBar *self)
{
  g_return_val_if_fail (PL_IS_SEARCH_BAR (self), NULL);
  return self->matches;
}

int
pl_search_bar_get_current (PlSearchBar *self)
{
  g_return_val_if_fail (PL_IS_SEARCH_BAR (self), -1);
  return self->current;
}

const char *
pl_search_bar_get_status (PlSearchBar *self)
{
  g_return_val_if_fail (PL_IS_SEARCH_BAR (self), NULL);

  if (gtk_widget_get_visible (GTK_WIDGET (self->error_label)))
    return gtk_label_get_text (self->error_label);
  return gtk_label_get_text (self->count_label);
}

/* GObject */

static void
pl_search_bar_dispose (GObject *object)
{
  PlSearchBar *self = PL_SEARCH_BAR (object);
  GtkWidget *child;

  if (self->view != NULL)
    g_signal_handlers_disconnect_by_data (self->view, self);
  g_clear_object (&self->view);
  g_clear_object (&self->project);
  gtk_widget_dispose_template (GTK_WIDGET (self), PL_TYPE_SEARCH_BAR);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  G_OBJECT_CLASS (pl_search_bar_parent_class)->dispose (object);
}

static void
pl_search_bar_finalize (GObject *object)
{
  g_array_unref (PL_SEARCH_BAR (object)->matches);
  G_OBJECT_CLASS (pl_search_bar_parent_class)->finalize (object);
}

static void
pl_search_bar_class_init (PlSearchBarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pl_search_bar_dispose;
  object_class->finalize = pl_search_bar_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/plenary/Plenary/pl-search-bar.ui");
  gtk_widget_class_bind_template_child (widget_class, PlSearchBar, revealer);
  gtk_widget_class_bind_template_child (widget_class, PlSearchBar, entry);
  gtk_widget_class_bind_template_child (widget_class, PlSearchBar, count_label);
  gtk_widget_class_bind_template_child (widget_class, PlSearchBar, error_label);

  gtk_widget_class_install_action (widget_class, "search-bar.next", NULL, next_action);
  gtk_widget_class_install_action (widget_class, "search-bar.previous", NULL, next_action);
  gtk_widget_class_install_action (widget_class, "search-bar.close", NULL, close_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_g, GDK_CONTROL_MASK, "search-bar.next", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_G, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "search-bar.previous", NULL);
  gtk_widget_class_set_css_name (widget_class, "searchbar");
}

static void
pl_search_bar_init (PlSearchBar *self)
{
  GtkEventController *keys = gtk_event_controller_key_new ();

  gtk_widget_init_template (GTK_WIDGET (self));

  self->matches = g_array_new (FALSE, FALSE, sizeof (PlSearchMatch));
  self->current = -1;
  g_signal_connect_object (self->entry, "search-changed", G_CALLBACK (run_search), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->entry, "activate", G_CALLBACK (on_activate), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->entry, "stop-search", G_CALLBACK (pl_search_bar_close), self, G_CONNECT_SWAPPED);
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect_swapped (keys, "key-pressed", G_CALLBACK (on_entry_key), self);
  gtk_widget_add_controller (GTK_WIDGET (self->entry), keys);
  show_current (self, FALSE);
}

GtkWidget *
pl_search_bar_new (void)
{
  return g_object_new (PL_TYPE_SEARCH_BAR, NULL);
}
