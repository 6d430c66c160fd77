/* pl-memos-view.c — every memo of the project in one list, with a search
 *
 * Memos are read through one reader on the project's connection (a consistent snapshot)
 * when the view is shown and a moment after each commit while it is; the search filters
 * what was read.  The list's items are the memos' positions as strings.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "plenary-memos-view"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <string.h>

#include "pl-memos-view.h"
#include "pl-place-row.h"
#include "pl-project-read.h"
#include "pl-starter-names.h"

#define REFRESH_DELAY_MS 400
/* Code points of the coded text shown above an annotation's memo. */
#define QUOTE_LENGTH 120

typedef struct
{
  char   *text;       /* the memo */
  char   *heading;    /* what it is about */
  char   *caption;
  char   *haystack;   /* folded, for the search */
  gint64  code_id;    /* an annotation's code, else 0 */
  gint64  document_id;
  guint   start;
  guint   end;
} Memo;

struct _PlMemosView
{
  GtkWidget           parent_instance;

  GtkSearchEntry     *entry;
  GtkLabel           *status_label;
  GtkStack           *stack;
  AdwStatusPage      *none_page;
  GtkListView        *list_view;

  PlProject          *project;
  GArray             *memos;      /* Memo */
  GtkStringList      *items;      /* positions in memos */
  GtkCustomFilter    *filter;
  GtkFilterListModel *filtered;
  char               *needle;     /* folded search text, or NULL */
  guint               refresh_source;
  gboolean            stale;
};

G_DEFINE_FINAL_TYPE (PlMemosView, pl_memos_view, GTK_TYPE_WIDGET)

enum
{
  OPEN_PLACE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
memo_clear (gpointer data)
{
  Memo *memo = data;

  g_free (memo->text);
  g_free (memo->heading);
  g_free (memo->caption);
  g_free (memo->haystack);
}

static void
add_memo (PlMemosView *self,
          Memo        *memo)
{
  g_autofree char *all = g_strjoin (" ", memo->text, memo->heading, memo->caption != NULL ? memo->caption : "", NULL);

  memo->haystack = g_utf8_casefold (all, -1);
  g_array_append_val (self->memos, *memo);
}

/* Reading */

static gboolean
add_note (const PlNoteRow  *row,
          gpointer          user_data,
          GError          **error)
{
  Memo memo = { 0 };

  memo.text = g_strdup (row->text);
  memo.heading = g_strdup (row->target_guid == NULL ? _("Project memo") : _("Note"));
  memo.caption = row->modified != NULL ? g_strndup (row->modified, 10) : NULL;
  add_memo (user_data, &memo);
  return TRUE;
}

static gboolean
read_memos (PlMemosView      *self,
            PlProjectReader  *reader,
            GError          **error)
{
  g_autoptr(GPtrArray) documents = NULL;
  g_autoptr(PlAnnotationCursor) cursor = NULL;
  const PlAnnotationRow *row;

  if (!pl_project_reader_foreach_note (reader, add_note, self, error))
    return FALSE;

  documents = pl_project_reader_list_documents (reader, NULL);
  for (guint i = 0; i < documents->len; i++)
    {
      PlDocument *document = g_ptr_array_index (documents, i);
      g_autofree char *text = NULL;
      Memo memo = { 0 };

      if (!pl_project_reader_read_document_memo (reader, pl_document_get_id (document), &text, error))
        return FALSE;
      if (text == NULL || *text == '\0')
        continue;
      memo.text = g_steal_pointer (&text);
      memo.heading = g_strdup_printf (_("Memo on “%s”"), pl_document_get_title (document));
      memo.caption = g_strdup (_("Document memo"));
      memo.document_id = pl_document_get_id (document);
      add_memo (self, &memo);
    }

  cursor = pl_project_reader_read_annotations (reader, NULL, 0, PL_READ_ONLY_WITH_MEMO | PL_READ_TEXT, error);
  if (cursor == NULL)
    return FALSE;
  while ((row = pl_annotation_cursor_next (cursor)) != NULL)
    {
      Memo memo = { 0 };
      const char *short_id = row->code != NULL ? pl_code_get_short_id (row->code) : NULL;
      const char *name = row->code != NULL ? pl_code_get_display_name (row->code) : _("Unknown code");
      g_autofree char *quote = NULL;

      if (row->memo == NULL || *row->memo == '\0')
        continue;
      if (g_utf8_strlen (row->text, -1) > QUOTE_LENGTH)
        {
          g_autofree char *cut = g_utf8_substring (row->text, 0, QUOTE_LENGTH);

          quote = g_strconcat (cut, "…", NULL);
        }
      else
        quote = g_strdup (row->text);
      memo.text = g_strdup (row->memo);
      memo.heading = short_id != NULL ? g_strdup_printf ("%s  %s", short_id, name) : g_strdup (name);
      /* Translators: under an annotation's memo: “the coded text” · document · coder */
      memo.caption = g_strdup_printf (_("“%s” · %s · %s"), quote, pl_document_get_title (row->document),
                                      row->coder_name != NULL ? row->coder_name : "");
      memo.code_id = row->code != NULL ? pl_code_get_id (row->code) : 0;
      memo.document_id = pl_document_get_id (row->document);
      memo.start = row->start;
      memo.end = row->end;
      add_memo (self, &memo);
    }
  return pl_annotation_cursor_finish (cursor, error);
}

static void
update_status (PlMemosView *self)
{
  guint shown = g_list_model_get_n_items (G_LIST_MODEL (self->filtered));
  g_autofree char *status = NULL;

  if (self->memos->len == 0)
    status = g_strdup ("");
  else if (self->needle == NULL)
    status = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u memo", "%u memos", self->memos->len), self->memos->len);
  else
    /* Translators: "3 of 12 memos" */
    status = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u memo", "%u of %u memos", self->memos->len),
                              shown, self->memos->len);
  gtk_label_set_text (self->status_label, status);

  if (self->memos->len > 0 && shown == 0)
    {
      adw_status_page_set_title (self->none_page, _("No Memos Found"));
      adw_status_page_set_description (self->none_page, _("No memo has the words searched for."));
    }
  else
    {
      adw_status_page_set_title (self->none_page, _("No Memos"));
      adw_status_page_set_description (self->none_page,
                                       _("Write a memo on a coded span with M, or in a document’s details; they are all listed here."));
    }
  gtk_stack_set_visible_child_name (self->stack, shown > 0 ? "memos" : "none");
}

void
pl_memos_view_refresh (PlMemosView *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) positions = g_ptr_array_new_with_free_func (g_free);
  guint n_old = g_list_model_get_n_items (G_LIST_MODEL (self->items));

  g_return_if_fail (PL_IS_MEMOS_VIEW (self));

  g_clear_handle_id (&self->refresh_source, g_source_remove);
  self->stale = FALSE;
  g_array_set_size (self->memos, 0);
  if (self->project != NULL)
    {
      PlProjectReader *reader = pl_project_reader_new_for_project (self->project, &error);

      if (reader == NULL || !read_memos (self, reader, &error))
        g_debug ("Could not read the memos: %s", error->message);
      g_clear_pointer (&reader, pl_project_reader_free);
    }

  for (guint i = 0; i < self->memos->len; i++)
    g_ptr_array_add (positions, g_strdup_printf ("%u", i));
  g_ptr_array_add (positions, NULL);
  gtk_string_list_splice (self->items, 0, n_old, (const char * const *) positions->pdata);
  update_status (self);
}

static gboolean
refresh_later (gpointer user_data)
{
  PlMemosView *self = user_data;

  self->refresh_source = 0;
  pl_memos_view_refresh (self);
  return G_SOURCE_REMOVE;
}

/* Read while shown; otherwise when next shown. */
static void
on_committed (PlMemosView *self)
{
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    self->stale = TRUE;
  else if (self->refresh_source == 0)
    self->refresh_source = g_timeout_add (REFRESH_DELAY_MS, refresh_later, self);
}

static void
on_map (PlMemosView *self)
{
  if (self->stale)
    pl_memos_view_refresh (self);
}

/* Search */

static Memo *
memo_of_item (PlMemosView     *self,
              GtkStringObject *item)
{
  guint index = (guint) g_ascii_strtoull (gtk_string_object_get_string (item), NULL, 10);

  return index < self->memos->len ? &g_array_index (self->memos, Memo, index) : NULL;
}

static gboolean
match_memo (gpointer item,
            gpointer user_data)
{
  PlMemosView *self = user_data;
  Memo *memo = memo_of_item (self, item);
  g_auto(GStrv) words = NULL;

  if (self->needle == NULL || memo == NULL)
    return TRUE;
  words = g_strsplit_set (self->needle, " \t", -1);
  for (guint i = 0; words[i] != NULL; i++)
    if (*words[i] != '\0' && strstr (memo->haystack, words[i]) == NULL)
      return FALSE;
  return TRUE;
}

void
pl_memos_view_set_filter (PlMemosView *self,
                          const char  *text)
{
  g_autofree char *stripped = g_strstrip (g_strdup (text != NULL ? text : ""));

  g_return_if_fail (PL_IS_MEMOS_VIEW (self));

  g_clear_pointer (&self->needle, g_free);
  if (*stripped != '\0')
    self->needle = g_utf8_casefold (stripped, -1);
  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->entry)), text) != 0)
    gtk_editable_set_text (GTK_EDITABLE (self->entry), text != NULL ? text : "");
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  update_status (self);
}

static void
on_search_changed (PlMemosView *self)
{
  pl_memos_view_set_filter (self, gtk_editable_get_text (GTK_EDITABLE (self->entry)));
}

/* Rows */

static void
setup_row (GtkSignalListItemFactory *factory,
           GtkListItem              *item)
{
  gtk_list_item_set_child (item, pl_place_row_new ());
}

static void
bind_row (GtkSignalListItemFactory *factory,
          GtkListItem              *item,
          PlMemosView              *self)
{
  Memo *memo = memo_of_item (self, gtk_list_item_get_item (item));
  g_autofree char *body = NULL;

  if (memo == NULL)
    return;
  body = g_markup_escape_text (memo->text, -1);
  pl_place_row_set (PL_PLACE_ROW (gtk_list_item_get_child (item)), memo->code_id, memo->heading, body, memo->caption);
  gtk_list_item_set_activatable (item, memo->document_id != 0);
}

void
pl_memos_view_activate (PlMemosView *self,
                        guint        position)
{
  g_autoptr(GtkStringObject) item = NULL;
  Memo *memo;

  g_return_if_fail (PL_IS_MEMOS_VIEW (self));

  item = g_list_model_get_item (G_LIST_MODEL (self->filtered), position);
  memo = item != NULL ? memo_of_item (self, item) : NULL;
  if (memo != NULL && memo->document_id != 0)
    g_signal_emit (self, signals[OPEN_PLACE], 0, memo->document_id, memo->start, memo->end);
}

guint
pl_memos_view_get_n_shown (PlMemosView *self)
{
  g_return_val_if_fail (PL_IS_MEMOS_VIEW (self), 0);
  return g_list_model_get_n_items (G_LIST_MODEL (self->filtered));
}

const char *
pl_memos_view_get_text (PlMemosView *self,
                        guint        position)
{
  g_autoptr(GtkStringObject) item = NULL;
  Memo *memo;

  g_return_val_if_fail (PL_IS_MEMOS_VIEW (self), NULL);

  item = g_list_model_get_item (G_LIST_MODEL (self->filtered), position);
  memo = item != NULL ? memo_of_item (self, item) : NULL;
  return memo != NULL ? memo->text : NULL;
}

void
pl_memos_view_set_project (PlMemosView *self,
                           PlProject   *project)
{
  g_return_if_fail (PL_IS_MEMOS_VIEW (self));

  if (self->project != NULL)
    g_signal_handlers_disconnect_by_data (self->project, self);
  g_set_object (&self->project, project);
  if (project != NULL)
    g_signal_connect_object (project, "committed", G_CALLBACK (on_committed), self, G_CONNECT_SWAPPED);
  /* Read when shown: opening a project does not walk its annotations for memos. */
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    pl_memos_view_refresh (self);
  else
    {
      g_clear_handle_id (&self->refresh_source, g_source_remove);
      g_array_set_size (self->memos, 0);
      gtk_string_list_splice (self->items, 0, g_list_model_get_n_items (G_LIST_MODEL (self->items)), NULL);
      update_status (self);
      self->stale = TRUE;
    }
}

/* GObject */

static void
pl_memos_view_dispose (GObject *object)
{
  PlMemosView *self = PL_MEMOS_VIEW (object);
  GtkWidget *child;

  g_clear_handle_id (&self->refresh_source, g_source_remove);
  if (self->project != NULL)
    g_signal_handlers_disconnect_by_data (self->project, self);
  g_clear_object (&self->project);
  gtk_widget_dispose_template (GTK_WIDGET (self), PL_TYPE_MEMOS_VIEW);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->filtered);
  g_clear_object (&self->filter);
  g_clear_object (&self->items);
  G_OBJECT_CLASS (pl_memos_view_parent_class)->dispose (object);
}

static void
pl_memos_view_finalize (GObject *object)
{
  PlMemosView *self = PL_MEMOS_VIEW (object);

  g_array_unref (self->memos);
  g_free (self->needle);
  G_OBJECT_CLASS (pl_memos_view_parent_class)->finalize (object);
}

static void
pl_memos_view_class_init (PlMemosViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pl_memos_view_dispose;
  object_class->finalize = pl_memos_view_finalize;

  /**
   * PlMemosView::open-place:
   * @document_id: the memo's document
   * @start: its annotation's start (0 for a document's memo)
   * @end: its end
   */
  signals[OPEN_PLACE] =
    g_signal_new ("open-place", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 3, G_TYPE_INT64, G_TYPE_UINT, G_TYPE_UINT);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/plenary/Plenary/pl-memos-view.ui");
  gtk_widget_class_bind_template_child (widget_class, PlMemosView, entry);
  gtk_widget_class_bind_template_child (widget_class, PlMemosView, status_label);
  gtk_widget_class_bind_template_child (widget_class, PlMemosView, stack);
  gtk_widget_class_bind_template_child (widget_class, PlMemosView, none_page);
  gtk_widget_class_bind_template_child (widget_class, PlMemosView, list_view);
  gtk_widget_class_set_css_name (widget_class, "memosview");
}

static void
pl_memos_view_init (PlMemosView *self)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  g_autoptr(GtkNoSelection) selection = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->memos = g_array_new (FALSE, TRUE, sizeof (Memo));
  g_array_set_clear_func (self->memos, memo_clear);
  self->items = gtk_string_list_new (NULL);
  self->filter = gtk_custom_filter_new (match_memo, self, NULL);
  self->filtered = gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (self->items)),
                                              g_object_ref (GTK_FILTER (self->filter)));
  g_signal_connect (factory, "setup", G_CALLBACK (setup_row), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row), self);
  gtk_list_view_set_factory (self->list_view, factory);
  selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->filtered)));
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (selection));
  g_signal_connect_object (self->list_view, "activate", G_CALLBACK (pl_memos_view_activate), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->entry, "search-changed", G_CALLBACK (on_search_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect (self, "map", G_CALLBACK (on_map), NULL);
  update_status (self);
}

GtkWidget *
pl_memos_view_new (void)
{
  return g_object_new (PL_TYPE_MEMOS_VIEW, NULL);
}
