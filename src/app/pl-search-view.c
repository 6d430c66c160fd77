/* pl-search-view.c — Ctrl+Shift+F: full-text search across the project, in the sidebar
 *
 * Searching runs in the window's thread (a search across a large project takes a few
 * tens of milliseconds); building the index of a project made before search existed runs
 * in a worker, on a connection of its own, and the query waits for it.  The list's items
 * are the hits' positions as strings (a hit is a boxed record).
 *
 * "Code All Hits…" plans first (pl_search_plan_code_hits(): the spans, each once, without
 * those that have the code already) and shows the count; Apply runs the plan as one
 * undoable action.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "plenary-search-view"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "pl-place-row.h"
#include "pl-project-search.h"
#include "pl-save-file.h"
#include "pl-search-view.h"
#include "pl-starter-names.h"
#include "pl-text.h"

struct _PlSearchView
{
  GtkWidget        parent_instance;

  GtkSearchEntry  *entry;
  GtkMenuButton   *filters_button;
  PlFilterPopover *filter_popover;
  GtkLabel        *error_label;
  GtkWidget       *index_box;
  GtkProgressBar  *index_progress;
  GtkLabel        *status_label;
  GtkStack        *stack;
  AdwStatusPage   *none_page;
  GtkListView     *list_view;

  PlProject       *project;
  gint64           coder_id;
  GPtrArray       *hits;        /* PlSearchHit */
  GtkStringList   *items;
  GCancellable    *indexing;    /* while the index is built */

  /* "Code All Hits…" */
  GtkWindow       *code_dialog;
  GtkDropDown     *code_dropdown;
  GtkDropDown     *unit_dropdown;
  GtkLabel        *preview_label;
  GtkListBox      *preview_list;  /* the first spans of the plan, as they will be coded */
  GtkLabel        *preview_more;
  GPtrArray       *codes;       /* PlCode offered, as in code_dropdown */
  GArray          *plan;        /* PlAnnotationSpec */
  char            *plan_code_name;
};

G_DEFINE_FINAL_TYPE (PlSearchView, pl_search_view, GTK_TYPE_WIDGET)

enum
{
  OPEN_PLACE,
  CODED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Hits */

static guint
count_statements (GPtrArray *hits)
{
  guint n = 0;

  for (guint i = 0; i < hits->len; i++)
    {
      PlSearchHit *hit = g_ptr_array_index (hits, i);
      PlSearchHit *previous = i > 0 ? g_ptr_array_index (hits, i - 1) : NULL;

      /* Hits come in document order: a statement's hits follow each other. */
      n += previous == NULL || previous->document_id != hit->document_id
           || previous->statement_index != hit->statement_index;
    }
  return n;
}

static void
set_hits (PlSearchView *self,
          GPtrArray    *hits)
{
  g_autoptr(GPtrArray) positions = g_ptr_array_new_with_free_func (g_free);
  guint n_old = g_list_model_get_n_items (G_LIST_MODEL (self->items));

  g_clear_pointer (&self->hits, g_ptr_array_unref);
  self->hits = hits != NULL ? g_ptr_array_ref (hits) : g_ptr_array_new_with_free_func ((GDestroyNotify) pl_search_hit_unref);
  for (guint i = 0; i < self->hits->len; i++)
    g_ptr_array_add (positions, g_strdup_printf ("%u", i));
  g_ptr_array_add (positions, NULL);
  gtk_string_list_splice (self->items, 0, n_old, (const char * const *) positions->pdata);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "search.code-all", self->hits->len > 0);
}

static void
show_status (PlSearchView *self,
             const char   *status)
{
  gtk_label_set_text (self->status_label, status != NULL ? status : "");
}

static void
show_error (PlSearchView *self,
            const GError *error)
{
  gtk_label_set_text (self->error_label, error != NULL ? error->message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), error != NULL);
  if (error != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self->entry), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->entry), "error");
}

static void run_search (PlSearchView *self);

/* The index */

typedef struct
{
  GWeakRef view;
  double   fraction;
} Progress;

static gboolean
show_progress (gpointer user_data)
{
  Progress *progress = user_data;
  g_autoptr(PlSearchView) self = g_weak_ref_get (&progress->view);

  if (self != NULL)
    gtk_progress_bar_set_fraction (self->index_progress, progress->fraction);
  g_weak_ref_clear (&progress->view);
  g_free (progress);
  return G_SOURCE_REMOVE;
}

static void
on_index_progress (double   fraction,
                   gpointer user_data)
{
  GTask *task = user_data;
  Progress *progress = g_new0 (Progress, 1);

  g_weak_ref_init (&progress->view, g_task_get_source_object (task));
  progress->fraction = fraction;
  g_main_context_invoke (NULL, show_progress, progress);
}

static void
build_index_thread (GTask        *task,
                    gpointer      source,
                    gpointer      task_data,
                    GCancellable *cancellable)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PlProject) project = pl_project_open (task_data, PL_PROJECT_OPEN_DEFAULT, &error);

  if (project == NULL || !pl_project_build_search_index (project, on_index_progress, task, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  pl_project_close (project);
  g_task_return_boolean (task, TRUE);
}

static void
on_index_built (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  PlSearchView *self = PL_SEARCH_VIEW (source);
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      g_clear_object (&self->indexing);
      gtk_widget_set_visible (self->index_box, FALSE);
      show_error (self, error);
      return;
    }
  g_clear_object (&self->indexing);
  gtk_widget_set_visible (self->index_box, FALSE);
  run_search (self);
}

static void
build_index (PlSearchView *self)
{
  g_autoptr(GTask) task = NULL;

  if (self->indexing != NULL)
    return;
  self->indexing = g_cancellable_new ();
  gtk_progress_bar_set_fraction (self->index_progress, 0);
  gtk_widget_set_visible (self->index_box, TRUE);
  task = g_task_new (self, self->indexing, on_index_built, NULL);
  g_task_set_source_tag (task, build_index);
  g_task_set_task_data (task, g_strdup (pl_project_get_path (self->project)), g_free);
  g_task_run_in_thread (task, build_index_thread);
}

gboolean
pl_search_view_is_indexing (PlSearchView *self)
{
  g_return_val_if_fail (PL_IS_SEARCH_VIEW (self), FALSE);
  return self->indexing != NULL;
}

/* Searching */

static void
run_search (PlSearchView *self)
{
  const char *query = gtk_editable_get_text (GTK_EDITABLE (self->entry));
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) hits = NULL;
  g_autofree char *stripped = g_strstrip (g_strdup (query));
  PlQueryFilter filter = { 0 };

  show_error (self, NULL);
  if (self->project == NULL || *stripped == '\0')
    {
      set_hits (self, NULL);
      show_status (self, NULL);
      gtk_stack_set_visible_child_name (self->stack, "start");
      return;
    }
  if (!pl_project_check_search_query (self->project, query, NULL, &error))
    {
      set_hits (self, NULL);
      show_status (self, NULL);
      if (!g_error_matches (error, PL_SEARCH_ERROR, PL_SEARCH_ERROR_EMPTY))
        show_error (self, error);
      gtk_stack_set_visible_child_name (self->stack, "start");
      return;
    }
  if (!pl_project_search_index_is_ready (self->project))
    {
      build_index (self);
      return;
    }
  if (self->indexing != NULL)
    return;

  pl_filter_popover_get_filter (self->filter_popover, &filter);
  hits = pl_search (self->project, query, &filter, &error);
  pl_query_filter_clear (&filter);
  if (hits == NULL)
    {
      set_hits (self, NULL);
      show_status (self, NULL);
      show_error (self, error);
      return;
    }

  set_hits (self, hits);
  if (hits->len == 0)
    {
      g_autofree char *description = pl_filter_popover_get_n_active (self->filter_popover) > 0
        ? g_strdup_printf (_("Nothing in the statements the filters keep matches “%s”."), stripped)
        : g_strdup_printf (_("Nothing in the project matches “%s”."), stripped);

      adw_status_page_set_description (self->none_page, description);
      show_status (self, _("No matches"));
      gtk_stack_set_visible_child_name (self->stack, "none");
    }
  else
    {
      guint n_statements = count_statements (hits);
      g_autofree char *matches = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u match", "%u matches", hits->len),
                                                  hits->len);
      /* Translators: "12 matches in 9 statements" */
      g_autofree char *status = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s in %u statement",
                                                              "%s in %u statements", n_statements),
                                                 matches, n_statements);

      show_status (self, status);
      gtk_stack_set_visible_child_name (self->stack, "hits");
    }
}

static void
update_filters_button (PlSearchView *self)
{
  guint n = pl_filter_popover_get_n_active (self->filter_popover);
  g_autofree char *label = n > 0 ? g_strdup_printf (_("Filters (%u)"), n) : g_strdup (_("Filters"));

  gtk_menu_button_set_label (self->filters_button, label);
}

static void
on_filter_changed (PlSearchView *self)
{
  update_filters_button (self);
  run_search (self);
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
          PlSearchView             *self)
{
  guint index = (guint) g_ascii_strtoull (gtk_string_object_get_string (gtk_list_item_get_item (item)), NULL, 10);
  PlSearchHit *hit = index < self->hits->len ? g_ptr_array_index (self->hits, index) : NULL;
  g_autofree char *body = NULL;
  g_autofree char *caption = NULL;
  const char *speaker;

  if (hit == NULL)
    return;
  speaker = hit->entity != NULL ? hit->entity : hit->speaker;
  body = pl_place_row_markup (hit->snippet, hit->snippet_start, hit->snippet_end, G_MAXUINT / 2);
  /* Translators: where a search hit is: "Statement 12 · Meeting report, 7 March" */
  caption = g_strdup_printf (_("Statement %u · %s"), hit->statement_index, hit->document_title);
  pl_place_row_set (PL_PLACE_ROW (gtk_list_item_get_child (item)), 0,
                    speaker != NULL ? speaker : _("Unknown speaker"), body, caption);
}

void
pl_search_view_activate_hit (PlSearchView *self,
                             guint         index)
{
  PlSearchHit *hit;

  g_return_if_fail (PL_IS_SEARCH_VIEW (self));
  g_return_if_fail (index < self->hits->len);

  hit = g_ptr_array_index (self->hits, index);
  g_signal_emit (self, signals[OPEN_PLACE], 0, hit->document_id, hit->start, hit->end);
}

static void
on_activate (PlSearchView *self,
             guint         position)
{
  pl_search_view_activate_hit (self, position);
}

/* Code All Hits… */

static const char *
unit_noun (PlSearchUnit unit,
           guint        n)
{
  switch (unit)
    {
    case PL_SEARCH_UNIT_MATCH:
      return g_dngettext (GETTEXT_PACKAGE, "match", "matches", n);
    case PL_SEARCH_UNIT_SENTENCE:
      return g_dngettext (GETTEXT_PACKAGE, "sentence", "sentences", n);
    case PL_SEARCH_UNIT_STATEMENT:
    default:
      return g_dngettext (GETTEXT_PACKAGE, "statement", "statements", n);
    }
}

/* The first spans of the plan in the dialog, each under its document and statement, so
 * that a query that catches more than meant shows it before anything is coded. */
#define PREVIEW_SPANS 50
#define PREVIEW_LENGTH 200

static const PlSearchHit *
hit_in_span (PlSearchView           *self,
             const PlAnnotationSpec *span)
{
  for (guint i = 0; i < self->hits->len; i++)
    {
      const PlSearchHit *hit = g_ptr_array_index (self->hits, i);

      if (hit->document_id == span->document_id && hit->end > span->start && hit->start < span->end)
        return hit;
    }
  return NULL;
}

static GtkWidget *
preview_row (const PlSearchHit *hit,
             const char        *text,
             gboolean           cut)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *caption = gtk_label_new (NULL);
  GtkWidget *body = gtk_label_new (NULL);
  g_autofree char *where = NULL;
  g_autofree char *quote = NULL;

  if (hit != NULL)
    /* Translators: where a span is: statement 12, then its document's title or its speaker */
    where = g_strdup_printf (_("Statement %u, %s"), hit->statement_index, hit->document_title);
  gtk_label_set_text (GTK_LABEL (caption), where != NULL ? where : "");
  gtk_label_set_xalign (GTK_LABEL (caption), 0);
  gtk_label_set_ellipsize (GTK_LABEL (caption), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (caption, "caption");
  gtk_widget_add_css_class (caption, "dim-label");
  quote = cut ? g_strconcat (text, "…", NULL) : g_strdup (text);
  g_strdelimit (quote, "\n\t", ' ');
  gtk_label_set_text (GTK_LABEL (body), quote);
  gtk_label_set_xalign (GTK_LABEL (body), 0);
  gtk_label_set_wrap (GTK_LABEL (body), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (body), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_lines (GTK_LABEL (body), 3);
  gtk_label_set_ellipsize (GTK_LABEL (body), PANGO_ELLIPSIZE_END);
  gtk_box_append (GTK_BOX (box), caption);
  gtk_box_append (GTK_BOX (box), body);
  g_object_set_data_full (G_OBJECT (box), "pl-label",
                          where != NULL ? g_strdup_printf ("%s: %s", where, quote) : g_strdup (quote), g_free);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  return box;
}

/* The plan is in document order, each document's spans by their start (as the hits are),
 * so one cursor per document walks its text once. */
static void
fill_preview (PlSearchView *self)
{
  g_autofree char *text = NULL;
  PlTextCursor cursor;
  gint64 text_document = 0;
  guint n = self->plan != NULL ? MIN (self->plan->len, PREVIEW_SPANS) : 0;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->preview_list))) != NULL)
    gtk_list_box_remove (self->preview_list, child);

  for (guint i = 0; i < n; i++)
    {
      const PlAnnotationSpec *span = &g_array_index (self->plan, PlAnnotationSpec, i);
      guint end = MIN (span->end, span->start + PREVIEW_LENGTH);
      g_autofree char *slice = NULL;
      GtkWidget *row;

      if (text == NULL || text_document != span->document_id)
        {
          g_clear_pointer (&text, g_free);
          text = pl_project_dup_document_text (self->project, span->document_id, NULL);
          text_document = span->document_id;
          if (text == NULL)
            continue;
          pl_text_cursor_init (&cursor, text);
        }
      slice = pl_text_cursor_dup (&cursor, span->start, end);
      row = preview_row (hit_in_span (self, span), slice, end < span->end);
      gtk_list_box_append (self->preview_list, row);
      gtk_accessible_update_property (GTK_ACCESSIBLE (gtk_widget_get_parent (row)), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      g_object_get_data (G_OBJECT (row), "pl-label"), -1);
    }
  gtk_widget_set_visible (gtk_widget_get_ancestor (GTK_WIDGET (self->preview_list), GTK_TYPE_SCROLLED_WINDOW),
                          n > 0);

  if (self->plan != NULL && self->plan->len > n)
    {
      g_autofree char *more = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "and %u more",
                                                            "and %u more", self->plan->len - n),
                                               self->plan->len - n);

      gtk_label_set_text (self->preview_more, more);
      gtk_widget_set_visible (GTK_WIDGET (self->preview_more), TRUE);
    }
  else
    gtk_widget_set_visible (GTK_WIDGET (self->preview_more), FALSE);
}

static void
update_plan (PlSearchView *self)
{
  guint selected = gtk_drop_down_get_selected (self->code_dropdown);
  PlSearchUnit unit = (PlSearchUnit) gtk_drop_down_get_selected (self->unit_dropdown);
  PlCode *code = selected < self->codes->len ? g_ptr_array_index (self->codes, selected) : NULL;
  PlCodeHitsSpec spec = { unit, code != NULL ? pl_code_get_id (code) : 0, self->coder_id };
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  guint n_already = 0;

  g_clear_pointer (&self->plan, g_array_unref);
  g_clear_pointer (&self->plan_code_name, g_free);
  if (code != NULL)
    self->plan = pl_search_plan_code_hits (self->project, self->hits, &spec, &n_already, &error);

  if (code == NULL)
    text = g_strdup (_("The codebook has no code to apply."));
  else if (self->plan == NULL)
    text = g_strdup (error->message);
  else if (n_already > 0)
    /* Translators: "Applies “Ransomware” to 12 sentences (3 have it already)." */
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Applies “%s” to %u %s (%u has it already).",
                                         "Applies “%s” to %u %s (%u have it already).", n_already),
                            pl_code_get_display_name (code), self->plan->len, unit_noun (unit, self->plan->len), n_already);
  else
    text = g_strdup_printf (_("Applies “%s” to %u %s."), pl_code_get_display_name (code), self->plan->len,
                            unit_noun (unit, self->plan->len));

  if (self->plan != NULL)
    self->plan_code_name = g_strdup (pl_code_get_display_name (code));
  gtk_label_set_text (self->preview_label, text);
  fill_preview (self);
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (self->code_dialog), "apply",
                                           self->plan != NULL && self->plan->len > 0);
}

gboolean
pl_search_view_apply_code (PlSearchView  *self,
                           GError       **error)
{
  guint n;

  g_return_val_if_fail (PL_IS_SEARCH_VIEW (self), FALSE);
  g_return_val_if_fail (self->plan != NULL, FALSE);

  n = self->plan->len;
  if (!pl_search_code_hits (self->project, self->plan, error))
    return FALSE;
  g_signal_emit (self, signals[CODED], 0, self->plan_code_name, n);
  if (self->code_dialog != NULL)
    gtk_window_destroy (self->code_dialog);
  return TRUE;
}

static void
on_code_response (PlSearchView *self,
                  const char   *response)
{
  g_autoptr(GError) error = NULL;

  if (g_str_equal (response, "apply") && self->plan != NULL && !pl_search_view_apply_code (self, &error))
    pl_save_file_show_error (GTK_WIDGET (self), _("Could Not Code the Hits"), error);
}

static void
on_code_dialog_destroyed (PlSearchView *self)
{
  self->code_dialog = NULL;
  self->preview_list = NULL;
  self->preview_more = NULL;
  g_clear_pointer (&self->plan, g_array_unref);
  g_clear_pointer (&self->plan_code_name, g_free);
  g_ptr_array_set_size (self->codes, 0);
}

static GtkWidget *
labelled (const char *mnemonic,
          GtkWidget  *control)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *label = gtk_label_new_with_mnemonic (mnemonic);

  gtk_label_set_mnemonic_widget (GTK_LABEL (label), control);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), control);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (control), GTK_ACCESSIBLE_RELATION_LABELLED_BY, label, NULL, -1);
  return box;
}

static void
code_all_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  PlSearchView *self = PL_SEARCH_VIEW (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  g_autoptr(GtkExpression) expression = gtk_property_expression_new (GTK_TYPE_STRING_OBJECT, NULL, "string");
  GListModel *codes = pl_project_get_codes (self->project);
  const char *units[] = { _("Matched words"), _("Sentences"), _("Statements"), NULL };
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *scrolled;
  g_autofree char *body = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "One code for the %u match of “%s”.",
                                                        "One code for the %u matches of “%s”.", self->hits->len),
                                           self->hits->len, gtk_editable_get_text (GTK_EDITABLE (self->entry)));
  GtkWidget *dialog;

  if (self->code_dialog != NULL)
    {
      gtk_window_present (self->code_dialog);
      return;
    }

  g_ptr_array_set_size (self->codes, 0);
  for (guint i = 0; i < g_list_model_get_n_items (codes); i++)
    {
      g_autoptr(PlCode) code = g_list_model_get_item (codes, i);
      g_autofree char *name = NULL;

      if (!pl_code_get_codable (code))
        continue;
      name = pl_code_get_short_id (code) != NULL
        ? g_strdup_printf ("%s  %s", pl_code_get_short_id (code), pl_code_get_display_name (code))
        : g_strdup (pl_code_get_display_name (code));
      gtk_string_list_append (names, name);
      g_ptr_array_add (self->codes, g_object_ref (code));
    }

  self->code_dropdown = GTK_DROP_DOWN (gtk_drop_down_new (g_object_ref (G_LIST_MODEL (names)), NULL));
  gtk_drop_down_set_enable_search (self->code_dropdown, TRUE);
  gtk_drop_down_set_expression (self->code_dropdown, expression);
  self->unit_dropdown = GTK_DROP_DOWN (gtk_drop_down_new_from_strings (units));
  gtk_drop_down_set_selected (self->unit_dropdown, PL_SEARCH_UNIT_SENTENCE);
  self->preview_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->preview_label, TRUE);
  gtk_label_set_xalign (self->preview_label, 0);
  gtk_box_append (GTK_BOX (box), labelled (_("_Code"), GTK_WIDGET (self->code_dropdown)));
  gtk_box_append (GTK_BOX (box), labelled (_("_Apply to each hit’s"), GTK_WIDGET (self->unit_dropdown)));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->preview_label));
  self->preview_list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->preview_list, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (self->preview_list), "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->preview_list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Spans to be coded"), -1);
  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scrolled), 280);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), GTK_WIDGET (self->preview_list));
  gtk_box_append (GTK_BOX (box), scrolled);
  self->preview_more = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->preview_more, 0);
  gtk_widget_add_css_class (GTK_WIDGET (self->preview_more), "dim-label");
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->preview_more));

  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, _("Code All Hits"), body);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), box);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"), "apply", _("_Apply"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "apply", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "apply");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  self->code_dialog = GTK_WINDOW (dialog);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_code_response), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (dialog, "destroy", G_CALLBACK (on_code_dialog_destroyed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->code_dropdown, "notify::selected", G_CALLBACK (update_plan), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->unit_dropdown, "notify::selected", G_CALLBACK (update_plan), self, G_CONNECT_SWAPPED);
  update_plan (self);
  gtk_window_present (GTK_WINDOW (dialog));
}

GtkWindow *
pl_search_view_get_code_dialog (PlSearchView *self)
{
  g_return_val_if_fail (PL_IS_SEARCH_VIEW (self), NULL);
  return self->code_dialog;
}

void
pl_search_view_set_code_choice (PlSearchView *self,
                                PlCode       *code,
                                PlSearchUnit  unit)
{
  guint position;

  g_return_if_fail (PL_IS_SEARCH_VIEW (self));
  g_return_if_fail (self->code_dialog != NULL);

  if (g_ptr_array_find (self->codes, code, &position))
    gtk_drop_down_set_selected (self->code_dropdown, position);
  gtk_drop_down_set_selected (self->unit_dropdown, unit);
}

const char *
pl_search_view_get_code_preview (PlSearchView *self)
{
  g_return_val_if_fail (PL_IS_SEARCH_VIEW (self), NULL);
  return self->code_dialog != NULL ? gtk_label_get_text (self->preview_label) : NULL;
}

GtkListBox *
pl_search_view_get_code_preview_list (PlSearchView *self)
{
  g_return_val_if_fail (PL_IS_SEARCH_VIEW (self), NULL);
  return self->code_dialog != NULL ? self->preview_list : NULL;
}

/* Public */

void
pl_search_view_set_project (PlSearchView *self,
                            PlProject    *project)
{
  g_return_if_fail (PL_IS_SEARCH_VIEW (self));

  if (self->project == project)
    return;
  if (self->indexing != NULL)
    g_cancellable_cancel (self->indexing);
  g_clear_object (&self->indexing);
  gtk_widget_set_visible (self->index_box, FALSE);
  if (self->code_dialog != NULL)
    gtk_window_destroy (self->code_dialog);
  g_set_object (&self->project, project);
  pl_filter_popover_set_project (self->filter_popover, project);
  gtk_editable_set_text (GTK_EDITABLE (self->entry), "");
  run_search (self);
}

void
pl_search_view_set_coder_id (PlSearchView *self,
                             gint64        coder_id)
{
  g_return_if_fail (PL_IS_SEARCH_VIEW (self));
  self->coder_id = coder_id;
}

void
pl_search_view_focus_entry (PlSearchView *self)
{
  g_return_if_fail (PL_IS_SEARCH_VIEW (self));

  gtk_widget_grab_focus (GTK_WIDGET (self->entry));
  gtk_editable_select_region (GTK_EDITABLE (self->entry), 0, -1);
}

void
pl_search_view_set_query (PlSearchView *self,
                          const char   *query)
{
  g_return_if_fail (PL_IS_SEARCH_VIEW (self));

  gtk_editable_set_text (GTK_EDITABLE (self->entry), query);
  run_search (self);
}

GPtrArray *
pl_search_view_get_hits (PlSearchView *self)
{
  g_return_val_if_fail (PL_IS_SEARCH_VIEW (self), NULL);
  return self->hits;
}

const char *
pl_search_view_get_status (PlSearchView *self)
{
  g_return_val_if_fail (PL_IS_SEARCH_VIEW (self), NULL);

  if (gtk_widget_get_visible (GTK_WIDGET (self->error_label)))
    return gtk_label_get_text (self->error_label);
  return gtk_label_get_text (self->status_label);
}

PlFilterPopover *
pl_search_view_get_filter_popover (PlSearchView *self)
{
  g_return_val_if_fail (PL_IS_SEARCH_VIEW (self), NULL);
  return self->filter_popover;
}

/* GObject */

static void
pl_search_view_dispose (GObject *object)
{
  PlSearchView *self = PL_SEARCH_VIEW (object);
  GtkWidget *child;

  if (self->indexing != NULL)
    g_cancellable_cancel (self->indexing);
  g_clear_object (&self->indexing);
  if (self->code_dialog != NULL)
    gtk_window_destroy (self->code_dialog);
  g_clear_object (&self->project);
  gtk_widget_dispose_template (GTK_WIDGET (self), PL_TYPE_SEARCH_VIEW);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->items);
  g_clear_pointer (&self->hits, g_ptr_array_unref);
  g_clear_pointer (&self->codes, g_ptr_array_unref);
  G_OBJECT_CLASS (pl_search_view_parent_class)->dispose (object);
}

static void
pl_search_view_class_init (PlSearchViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pl_search_view_dispose;

  /**
   * PlSearchView::open-place:
   * @document_id: the hit's document
   * @start: the match, code points of the document
   * @end: its end, exclusive
   */
  signals[OPEN_PLACE] =
    g_signal_new ("open-place", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 3, G_TYPE_INT64, G_TYPE_UINT, G_TYPE_UINT);
  /**
   * PlSearchView::coded:
   * @code_name: the code applied
   * @n_spans: how many spans it was applied to (one undoable action)
   */
  signals[CODED] =
    g_signal_new ("coded", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_UINT);

  g_type_ensure (PL_TYPE_FILTER_POPOVER);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/plenary/Plenary/pl-search-view.ui");
  gtk_widget_class_bind_template_child (widget_class, PlSearchView, entry);
  gtk_widget_class_bind_template_child (widget_class, PlSearchView, filters_button);
  gtk_widget_class_bind_template_child (widget_class, PlSearchView, filter_popover);
  gtk_widget_class_bind_template_child (widget_class, PlSearchView, error_label);
  gtk_widget_class_bind_template_child (widget_class, PlSearchView, index_box);
  gtk_widget_class_bind_template_child (widget_class, PlSearchView, index_progress);
  gtk_widget_class_bind_template_child (widget_class, PlSearchView, status_label);
  gtk_widget_class_bind_template_child (widget_class, PlSearchView, stack);
  gtk_widget_class_bind_template_child (widget_class, PlSearchView, none_page);
  gtk_widget_class_bind_template_child (widget_class, PlSearchView, list_view);

  gtk_widget_class_install_action (widget_class, "search.code-all", NULL, code_all_action);
  gtk_widget_class_set_css_name (widget_class, "searchview");
}

static void
pl_search_view_init (PlSearchView *self)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  g_autoptr(GtkSingleSelection) selection = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->items = gtk_string_list_new (NULL);
  self->hits = g_ptr_array_new_with_free_func ((GDestroyNotify) pl_search_hit_unref);
  self->codes = g_ptr_array_new_with_free_func (g_object_unref);
  g_signal_connect (factory, "setup", G_CALLBACK (setup_row), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row), self);
  gtk_list_view_set_factory (self->list_view, factory);
  selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->items)));
  gtk_single_selection_set_autoselect (selection, FALSE);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (selection));
  g_signal_connect_object (self->list_view, "activate", G_CALLBACK (on_activate), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->entry, "search-changed", G_CALLBACK (run_search), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->filter_popover, "changed", G_CALLBACK (on_filter_changed), self, G_CONNECT_SWAPPED);
  set_hits (self, NULL);
}

GtkWidget *
pl_search_view_new (void)
{
  return g_object_new (PL_TYPE_SEARCH_VIEW, NULL);
}
