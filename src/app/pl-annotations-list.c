/* pl-annotations-list.c — the annotations of the document open in the focused pane
 *
 * The list keeps references to the annotations of the view's index when it reads it, so
 * that a row's text does not move under it between two reads; its items are positions in
 * that snapshot as strings (as the Memos view's are).  While hidden it only notes that the
 * index changed and reads it when shown.  While shown, the changes of one document's index
 * are read once in a low-priority idle: a large document's annotations arrive in many
 * batches, and reading the whole index after each would be quadratic.  Another view or
 * document is read at once, so that no row points into a text it does not belong to.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "plenary-annotations-list"

#include "config.h"

#include <glib/gi18n.h>

#include "pl-annotations-list.h"
#include "pl-place-row.h"
#include "pl-starter-names.h"

/* Code points of the coded text a row shows. */
#define QUOTE_LENGTH 80

struct _PlAnnotationsList
{
  GtkWidget         parent_instance;

  GtkStack         *stack;
  GtkListView      *list_view;

  PlProject        *project;
  PlTranscriptView *view;
  GPtrArray        *annotations;  /* PlAnnotation, in offset order */
  GtkStringList    *items;        /* positions in annotations */
  PlDocument       *document;     /* whose annotations they are */
  gboolean          stale;
  guint             refresh_source;
  guint             n_refreshes;
};

G_DEFINE_FINAL_TYPE (PlAnnotationsList, pl_annotations_list, GTK_TYPE_WIDGET)

/* Reading */

void
pl_annotations_list_refresh (PlAnnotationsList *self)
{
  g_autoptr(GPtrArray) positions = g_ptr_array_new_with_free_func (g_free);
  guint n_old;
  PlDocument *document;
  PlAnnotationIndex *index;

  g_return_if_fail (PL_IS_ANNOTATIONS_LIST (self));

  g_clear_handle_id (&self->refresh_source, g_source_remove);
  self->stale = FALSE;
  self->n_refreshes++;
  document = self->view != NULL ? pl_transcript_view_get_document (self->view) : NULL;
  g_set_object (&self->document, document);
  n_old = g_list_model_get_n_items (G_LIST_MODEL (self->items));
  g_ptr_array_set_size (self->annotations, 0);
  index = document != NULL ? pl_transcript_view_get_index (self->view) : NULL;
  for (guint i = 0; index != NULL && i < pl_annotation_index_get_n (index); i++)
    {
      g_ptr_array_add (self->annotations, pl_annotation_ref (pl_annotation_index_get (index, i)));
      g_ptr_array_add (positions, g_strdup_printf ("%u", i));
    }
  g_ptr_array_add (positions, NULL);
  gtk_string_list_splice (self->items, 0, n_old, (const char * const *) positions->pdata);
  gtk_stack_set_visible_child_name (self->stack, self->annotations->len > 0 ? "annotations" : "none");
}

static gboolean
refresh_in_idle (gpointer data)
{
  PlAnnotationsList *self = data;

  self->refresh_source = 0;
  pl_annotations_list_refresh (self);
  return G_SOURCE_REMOVE;
}

static void
on_map (PlAnnotationsList *self)
{
  if (self->stale)
    pl_annotations_list_refresh (self);
}

static void
on_unmap (PlAnnotationsList *self)
{
  g_clear_handle_id (&self->refresh_source, g_source_remove);
}

void
pl_annotations_list_set_view (PlAnnotationsList *self,
                              PlProject         *project,
                              PlTranscriptView  *view)
{
  gboolean same;

  g_return_if_fail (PL_IS_ANNOTATIONS_LIST (self));
  g_return_if_fail (view == NULL || PL_IS_TRANSCRIPT_VIEW (view));

  same = project == self->project && view == self->view
         && (view != NULL ? pl_transcript_view_get_document (view) : NULL) == self->document;
  g_set_object (&self->project, project);
  g_set_object (&self->view, view);
  self->stale = TRUE;
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    return;
  if (!same)
    pl_annotations_list_refresh (self);
  else if (self->refresh_source == 0)
    {
      self->refresh_source = g_idle_add_full (G_PRIORITY_LOW, refresh_in_idle, self, NULL);
      g_source_set_static_name (g_main_context_find_source_by_id (NULL, self->refresh_source),
                                "[plenary] annotations list");
    }
}

/* Rows */

static PlAnnotation *
annotation_of_item (PlAnnotationsList *self,
                    GtkStringObject   *item)
{
  guint index = (guint) g_ascii_strtoull (gtk_string_object_get_string (item), NULL, 10);

  return index < self->annotations->len ? g_ptr_array_index (self->annotations, index) : NULL;
}

static char *
dup_quote (PlAnnotationsList  *self,
           const PlAnnotation *annotation)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (pl_transcript_view_get_text_view (self->view));
  guint end = MIN (annotation->end, annotation->start + QUOTE_LENGTH);
  g_autofree char *text = NULL;
  GtkTextIter s, e;

  gtk_text_buffer_get_iter_at_offset (buffer, &s, annotation->start);
  gtk_text_buffer_get_iter_at_offset (buffer, &e, end);
  text = gtk_text_buffer_get_slice (buffer, &s, &e, FALSE);
  g_strdelimit (text, "\n\t", ' ');
  return end < annotation->end ? g_strconcat (text, "…", NULL) : g_steal_pointer (&text);
}

static char *
dup_caption (PlAnnotationsList  *self,
             const PlAnnotation *annotation)
{
  PlStatement *statement = pl_transcript_view_get_statement_at (self->view, annotation->start);
  PlCoder *coder = self->project != NULL ? pl_project_find_coder (self->project, annotation->coder_id) : NULL;
  g_autoptr(GString) caption = g_string_new (NULL);

  if (statement != NULL && statement->speaker != NULL)
    /* Translators: where a span is: statement 12, then its document's title or its speaker */
    g_string_append_printf (caption, _("Statement %u, %s"), statement->index, statement->speaker);
  else if (statement != NULL)
    g_string_append_printf (caption, _("Statement %u"), statement->index);
  if (coder != NULL && coder->name != NULL)
    g_string_append_printf (caption, "%s%s", caption->len > 0 ? " · " : "", coder->name);
  if (annotation->memo != NULL && *annotation->memo != '\0')
    g_string_append_printf (caption, "%s%s", caption->len > 0 ? " · " : "", _("Memo"));
  return g_string_free (g_steal_pointer (&caption), FALSE);
}

static void
setup_row (GtkSignalListItemFactory *factory,
           GtkListItem              *item)
{
  gtk_list_item_set_child (item, pl_place_row_new ());
}

static void
bind_row (GtkSignalListItemFactory *factory,
          GtkListItem              *item,
          PlAnnotationsList        *self)
{
  PlAnnotation *annotation = annotation_of_item (self, gtk_list_item_get_item (item));
  PlCode *code;
  g_autofree char *quote = NULL;
  g_autofree char *body = NULL;
  g_autofree char *caption = NULL;

  if (annotation == NULL || self->view == NULL)
    return;
  code = self->project != NULL ? pl_project_find_code (self->project, annotation->code_id) : NULL;
  quote = dup_quote (self, annotation);
  body = g_markup_escape_text (quote, -1);
  caption = dup_caption (self, annotation);
  pl_place_row_set (PL_PLACE_ROW (gtk_list_item_get_child (item)), code != NULL ? annotation->code_id : 0,
                    code != NULL ? pl_code_get_display_name (code) : _("Unknown code"), body, caption);
}

void
pl_annotations_list_activate (PlAnnotationsList *self,
                              guint              position)
{
  g_autoptr(GtkStringObject) item = NULL;
  PlAnnotation *annotation;

  g_return_if_fail (PL_IS_ANNOTATIONS_LIST (self));

  item = g_list_model_get_item (G_LIST_MODEL (self->items), position);
  annotation = item != NULL ? annotation_of_item (self, item) : NULL;
  if (annotation == NULL || self->view == NULL)
    return;
  pl_transcript_view_place_cursor (self->view, annotation->start, TRUE);
  pl_transcript_view_select_range (self->view, annotation->start, annotation->end);
}

guint
pl_annotations_list_get_n_refreshes (PlAnnotationsList *self)
{
  g_return_val_if_fail (PL_IS_ANNOTATIONS_LIST (self), 0);
  return self->n_refreshes;
}

guint
pl_annotations_list_get_n_items (PlAnnotationsList *self)
{
  g_return_val_if_fail (PL_IS_ANNOTATIONS_LIST (self), 0);
  return g_list_model_get_n_items (G_LIST_MODEL (self->items));
}

PlAnnotation *
pl_annotations_list_get_annotation (PlAnnotationsList *self,
                                    guint              position)
{
  g_autoptr(GtkStringObject) item = NULL;

  g_return_val_if_fail (PL_IS_ANNOTATIONS_LIST (self), NULL);

  item = g_list_model_get_item (G_LIST_MODEL (self->items), position);
  return item != NULL ? annotation_of_item (self, item) : NULL;
}

/* GObject */

static void
pl_annotations_list_dispose (GObject *object)
{
  PlAnnotationsList *self = PL_ANNOTATIONS_LIST (object);
  GtkWidget *child;

  g_clear_handle_id (&self->refresh_source, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), PL_TYPE_ANNOTATIONS_LIST);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->items);
  g_clear_object (&self->view);
  g_clear_object (&self->project);
  g_clear_object (&self->document);
  G_OBJECT_CLASS (pl_annotations_list_parent_class)->dispose (object);
}

static void
pl_annotations_list_finalize (GObject *object)
{
  PlAnnotationsList *self = PL_ANNOTATIONS_LIST (object);

  g_ptr_array_unref (self->annotations);
  G_OBJECT_CLASS (pl_annotations_list_parent_class)->finalize (object);
}

static void
pl_annotations_list_class_init (PlAnnotationsListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pl_annotations_list_dispose;
  object_class->finalize = pl_annotations_list_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/plenary/Plenary/pl-annotations-list.ui");
  gtk_widget_class_bind_template_child (widget_class, PlAnnotationsList, stack);
  gtk_widget_class_bind_template_child (widget_class, PlAnnotationsList, list_view);
  gtk_widget_class_set_css_name (widget_class, "annotationslist");
}

static void
pl_annotations_list_init (PlAnnotationsList *self)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  g_autoptr(GtkNoSelection) selection = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->annotations = g_ptr_array_new_with_free_func ((GDestroyNotify) pl_annotation_unref);
  self->items = gtk_string_list_new (NULL);
  g_signal_connect (factory, "setup", G_CALLBACK (setup_row), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row), self);
  gtk_list_view_set_factory (self->list_view, factory);
  selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->items)));
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (selection));
  g_signal_connect_object (self->list_view, "activate", G_CALLBACK (pl_annotations_list_activate), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect (self, "map", G_CALLBACK (on_map), NULL);
  g_signal_connect (self, "unmap", G_CALLBACK (on_unmap), NULL);
}

GtkWidget *
pl_annotations_list_new (void)
{
  return g_object_new (PL_TYPE_ANNOTATIONS_LIST, NULL);
}
