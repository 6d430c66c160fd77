/* pl-window-documents.c — the sidebar: the project's documents, filtered, with progress
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "plenary-window-documents"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "pl-document-row.h"
#include "pl-window-private.h"

/* An open document is counted from its view's index; others from the store; in blind
 * mode, the coder's annotations only (pl-window-team.c). */
static guint
count_coded (PlDocument *document,
             guint      *n_annotations,
             gpointer    user_data)
{
  PlWindow *self = user_data;
  g_autoptr(GError) error = NULL;

  if (self->project == NULL)
    return 0;

  if (self->visible_coders != NULL)
    *n_annotations = pl_window_team_count_annotations (self, document);
  for (guint i = 0; i < 2; i++)
    {
      PlTranscriptView *view = i == 0 ? self->transcript_view : self->second_view;

      if (document == pl_transcript_view_get_document (view))
        return pl_annotation_index_count_coded (pl_transcript_view_get_index (view),
                                                pl_transcript_view_get_statements (view));
    }
  if (self->visible_coders != NULL)
    return pl_window_team_count_coded (self, document);
  return pl_project_count_coded_statements (self->project, pl_document_get_id (document), &error);
}

static void
setup_row (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           PlWindow                 *self)
{
  gtk_list_item_set_child (item, pl_document_row_new (count_coded, self));
}

static void
bind_row (GtkSignalListItemFactory *factory,
          GtkListItem              *item,
          PlWindow                 *self)
{
  PlDocument *document = gtk_list_item_get_item (item);
  GtkWidget *row = gtk_list_item_get_child (item);

  g_hash_table_insert (self->document_rows, g_memdup2 (&(gint64) { pl_document_get_id (document) }, sizeof (gint64)),
                       row);
  pl_document_row_set_document (PL_DOCUMENT_ROW (row), document);
}

static void
unbind_row (GtkSignalListItemFactory *factory,
            GtkListItem              *item,
            PlWindow                 *self)
{
  PlDocument *document = gtk_list_item_get_item (item);

  if (document != NULL && self->document_rows != NULL)
    g_hash_table_remove (self->document_rows, &(gint64) { pl_document_get_id (document) });
  pl_document_row_set_document (PL_DOCUMENT_ROW (gtk_list_item_get_child (item)), NULL);
}

void
pl_window_documents_refresh (PlWindow   *self,
                             PlDocument *document)
{
  PlDocumentRow *row = g_hash_table_lookup (self->document_rows, &(gint64) { pl_document_get_id (document) });

  if (row != NULL)
    pl_document_row_refresh (row);
}

const char *
pl_window_get_progress_text (PlWindow   *self,
                             PlDocument *document)
{
  PlDocumentRow *row;

  g_return_val_if_fail (PL_IS_WINDOW (self), NULL);

  row = g_hash_table_lookup (self->document_rows, &(gint64) { pl_document_get_id (document) });
  return row != NULL ? pl_document_row_get_progress_text (row) : NULL;
}

/* The filter: a part of the title, date (as stored or as shown), session or process. */

static gboolean
match_document (gpointer item,
                gpointer user_data)
{
  PlWindow *self = user_data;
  PlDocument *document = item;

  if (self->documents_query == NULL || self->documents_query[0] == '\0')
    return TRUE;

  for (int i = -1; i < 3; i++)
    {
      const char *value = i < 0 ? pl_document_get_title (document)
                                : pl_document_get_metadata (document, (const char *[]) { "date", "session", "process" }[i]);
      g_autofree char *folded = value != NULL ? g_utf8_casefold (value, -1) : NULL;

      if (folded != NULL && strstr (folded, self->documents_query) != NULL)
        return TRUE;
    }
  {
    g_autofree char *shown = pl_document_row_format_date (pl_document_get_metadata (document, "date"));
    g_autofree char *folded = shown != NULL ? g_utf8_casefold (shown, -1) : NULL;

    return folded != NULL && strstr (folded, self->documents_query) != NULL;
  }
}

static void
on_filter_changed (PlWindow *self)
{
  g_free (self->documents_query);
  self->documents_query = g_utf8_casefold (gtk_editable_get_text (GTK_EDITABLE (self->documents_filter)), -1);
  gtk_filter_changed (GTK_FILTER (self->documents_custom_filter), GTK_FILTER_CHANGE_DIFFERENT);
}

GListModel *
pl_window_get_documents_model (PlWindow *self)
{
  g_return_val_if_fail (PL_IS_WINDOW (self), NULL);
  return G_LIST_MODEL (self->documents_filtered);
}

void
pl_window_set_documents_filter (PlWindow   *self,
                                const char *text)
{
  g_return_if_fail (PL_IS_WINDOW (self));
  gtk_editable_set_text (GTK_EDITABLE (self->documents_filter), text != NULL ? text : "");
  on_filter_changed (self);
}

/* Opening */

static guint
sidebar_position (PlWindow   *self,
                  PlDocument *document)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->documents_selection));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PlDocument) item = g_list_model_get_item (G_LIST_MODEL (self->documents_selection), i);

      if (item == document)
        return i;
    }
  return GTK_INVALID_LIST_POSITION;
}

void
pl_window_documents_select (PlWindow   *self,
                            PlDocument *document)
{
  gtk_single_selection_set_selected (self->documents_selection, sidebar_position (self, document));
}

void
pl_window_open_document (PlWindow   *self,
                         PlDocument *document)
{
  g_autoptr(GError) error = NULL;
  guint position;

  g_return_if_fail (PL_IS_WINDOW (self));
  g_return_if_fail (document == NULL || PL_IS_DOCUMENT (document));

  if (!pl_transcript_view_set_document (self->active_view, self->project, document, &error))
    {
      pl_window_show_error (self, _("Could Not Open the Document"), error);
      return;
    }

  pl_window_update_page (self);
  /* A document the filter hides leaves the sidebar's selection as it is. */
  position = document != NULL ? sidebar_position (self, document) : GTK_INVALID_LIST_POSITION;
  if (position != GTK_INVALID_LIST_POSITION)
    gtk_single_selection_set_selected (self->documents_selection, position);

  pl_window_update_title (self);
  pl_window_update_actions (self);
}

static void
on_document_selected (PlWindow           *self,
                      GParamSpec         *pspec,
                      GtkSingleSelection *selection)
{
  PlDocument *document = gtk_single_selection_get_selected_item (selection);

  if (document == NULL || document == pl_transcript_view_get_document (self->active_view))
    return;
  pl_window_open_document (self, document);
  /* Folded over the text, the list makes way for the document chosen. */
  if (adw_flap_get_folded (self->documents_flap) && gtk_widget_get_mapped (GTK_WIDGET (self->documents_flap)))
    adw_flap_set_reveal_flap (self->documents_flap, FALSE);
}

void
pl_window_documents_set_project (PlWindow  *self,
                                 PlProject *project)
{
  gtk_filter_list_model_set_model (self->documents_filtered,
                                   project != NULL ? pl_project_get_documents (project) : NULL);
}

void
pl_window_documents_init (PlWindow *self)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (factory, "setup", G_CALLBACK (setup_row), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_row), self);
  gtk_list_view_set_factory (self->documents_view, factory);

  self->document_rows = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->documents_custom_filter = gtk_custom_filter_new (match_document, self, NULL);
  self->documents_filtered = gtk_filter_list_model_new (NULL, GTK_FILTER (g_object_ref (self->documents_custom_filter)));
  g_signal_connect_object (self->documents_filter, "search-changed",
                           G_CALLBACK (on_filter_changed), self, G_CONNECT_SWAPPED);
  self->documents_selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->documents_filtered)));
  gtk_single_selection_set_autoselect (self->documents_selection, FALSE);
  gtk_single_selection_set_can_unselect (self->documents_selection, TRUE);
  gtk_list_view_set_model (self->documents_view, GTK_SELECTION_MODEL (self->documents_selection));
  g_signal_connect_object (self->documents_selection, "notify::selected-item",
                           G_CALLBACK (on_document_selected), self, G_CONNECT_SWAPPED);
}

void
pl_window_documents_dispose (PlWindow *self)
{
  g_clear_object (&self->documents_selection);
  g_clear_object (&self->documents_filtered);
  g_clear_object (&self->documents_custom_filter);
  g_clear_pointer (&self->documents_query, g_free);
}

void
pl_window_documents_finalize (PlWindow *self)
{
  g_clear_pointer (&self->document_rows, g_hash_table_unref);
}
