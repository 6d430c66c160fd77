/* pl-comparison-window.c — two coders side by side on one document, and the gold layer
 *
 * The left pane shows coder A's annotations, the right one coder B's, on the same text;
 * the disagreements of PlComparison are listed on the left and marked in both panes (a
 * bar in the margin, a tint while open).  Settling one keeps A's, B's, both or neither
 * into the gold layer, one undoable action each, and moves on to the next open one.  The
 * comparison reads the document again after every commit of the project, so an undo, here
 * or in the main window, shows at once.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "plenary-comparison-window"

#include "config.h"

#include <glib/gi18n.h>

#include "pl-compat.h"
#include "pl-comparison-window.h"
#include "pl-project-gold.h"

struct _PlComparisonWindow
{
  AdwWindow         parent_instance;

  AdwToastOverlay  *toasts;
  AdwWindowTitle   *window_title;
  GtkStringList    *coder_names;
  GtkDropDown      *coder_a;
  GtkDropDown      *coder_b;
  GtkLabel         *progress_label;
  GtkStack         *stack;
  GtkStack         *list_stack;
  GtkListBox       *list;
  GtkLabel         *title_a;
  GtkLabel         *title_b;
  PlTranscriptView *view_a;
  PlTranscriptView *view_b;
  AdwStatusPage    *status_page;
  GtkWidget        *action_bar;
  GtkWidget        *keep_a;
  GtkWidget        *keep_b;

  PlProject        *project;
  PlDocument       *document;
  GArray           *coder_ids;     /* gint64, beside coder_names */
  PlComparison     *comparison;
  gint              current;
  gboolean          choosing;      /* the drop-downs are being set from code */
};

G_DEFINE_FINAL_TYPE (PlComparisonWindow, pl_comparison_window, ADW_TYPE_WINDOW)

static const char *
coder_name (PlComparisonWindow *self,
            gint64              coder_id)
{
  PlCoder *coder = pl_project_find_coder (self->project, coder_id);

  return coder != NULL ? coder->name : "";
}

/* The list */

static char *
describe_settlement (PlComparisonWindow   *self,
                     const PlDisagreement *disagreement)
{
  switch (disagreement->settlement)
    {
    case PL_SETTLEMENT_KEEP_A:
      /* TRANSLATORS: a settled disagreement: the gold layer has what coder %s marked. */
      return g_strdup_printf (_("Kept %s’s"), coder_name (self, disagreement->key.coder_a_id));
    case PL_SETTLEMENT_KEEP_B:
      return g_strdup_printf (_("Kept %s’s"), coder_name (self, disagreement->key.coder_b_id));
    case PL_SETTLEMENT_BOTH:
      return g_strdup (_("Kept both"));
    case PL_SETTLEMENT_NEITHER:
      return g_strdup (_("Kept neither"));
    case PL_SETTLEMENT_NONE:
    default:
      return NULL;
    }
}

static GtkWidget *
disagreement_row (PlComparisonWindow   *self,
                  const PlDisagreement *disagreement)
{
  GtkWidget *row = adw_action_row_new ();
  PlCode *code = pl_project_find_code (self->project, disagreement->key.code_id);
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *settled = describe_settlement (self, disagreement);

  /* TRANSLATORS: a disagreement in the list: the statement's number and the code. */
  title = g_strdup_printf (_("¶ %u · %s"), disagreement->statement_index,
                           code != NULL ? pl_code_get_name (code) : "");
  if (disagreement->kind == PL_DISAGREEMENT_ONLY_A)
    subtitle = g_strdup_printf (_("Only %s marked it"), coder_name (self, disagreement->key.coder_a_id));
  else if (disagreement->kind == PL_DISAGREEMENT_ONLY_B)
    subtitle = g_strdup_printf (_("Only %s marked it"), coder_name (self, disagreement->key.coder_b_id));
  else
    subtitle = g_strdup (_("Both marked it, on different words"));

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 2);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  if (settled != NULL)
    {
      GtkWidget *label = gtk_label_new (settled);

      gtk_widget_add_css_class (label, "caption");
      gtk_widget_add_css_class (label, "success");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
    }
  return row;
}

/* Both panes mark each unit in dispute once: settled when all of its codes are. */
static void
update_marks (PlComparisonWindow *self)
{
  g_autoptr(GArray) marks = g_array_new (FALSE, FALSE, sizeof (PlTextMark));
  guint n = self->comparison != NULL ? pl_comparison_get_n_disagreements (self->comparison) : 0;

  for (guint i = 0; i < n; i++)
    {
      const PlDisagreement *d = pl_comparison_get_disagreement (self->comparison, i);
      PlTextMark *last = marks->len > 0 ? &g_array_index (marks, PlTextMark, marks->len - 1) : NULL;
      PlTextMark mark = { d->key.start, d->key.end, d->settlement != PL_SETTLEMENT_NONE };

      if (last != NULL && last->start == mark.start && last->end == mark.end)
        last->settled = last->settled && mark.settled;
      else
        g_array_append_val (marks, mark);
    }
  pl_text_view_set_marks (pl_transcript_view_get_pl_text_view (self->view_a), (PlTextMark *) marks->data, marks->len);
  pl_text_view_set_marks (pl_transcript_view_get_pl_text_view (self->view_b), (PlTextMark *) marks->data, marks->len);
}

static void
update_actions (PlComparisonWindow *self)
{
  gboolean has_current = self->comparison != NULL && self->current >= 0;
  g_autofree char *undo = pl_project_dup_undo_label (self->project);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "compare.settle", has_current);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "compare.next",
                                 self->comparison != NULL
                                 && pl_comparison_find_next (self->comparison, self->current, FALSE) >= 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "compare.previous",
                                 self->comparison != NULL && self->current > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "compare.undo", undo != NULL);
}

static void
refill (PlComparisonWindow *self)
{
  guint n = pl_comparison_get_n_disagreements (self->comparison);
  g_autofree char *progress = pl_comparison_dup_progress (self->comparison);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))) != NULL)
    gtk_list_box_remove (self->list, child);
  for (guint i = 0; i < n; i++)
    gtk_list_box_append (self->list, disagreement_row (self, pl_comparison_get_disagreement (self->comparison, i)));

  gtk_stack_set_visible_child_name (self->list_stack, n > 0 ? "list" : "none");
  gtk_label_set_text (self->progress_label, n > 0 ? progress : "");
  update_marks (self);
  pl_comparison_window_show_disagreement (self, n == 0 ? -1 : MIN (MAX (self->current, 0), (gint) n - 1));
}

static void
on_row_activated (PlComparisonWindow *self,
                  GtkListBoxRow      *row)
{
  pl_comparison_window_show_disagreement (self, gtk_list_box_row_get_index (row));
}

/* The coders */

static void
show_message (PlComparisonWindow *self,
              const char         *title,
              const char         *description)
{
  adw_status_page_set_title (self->status_page, title);
  adw_status_page_set_description (self->status_page, description);
  gtk_stack_set_visible_child_name (self->stack, "message");
  gtk_widget_set_visible (self->action_bar, FALSE);
  gtk_label_set_text (self->progress_label, "");
  self->current = -1;
  update_actions (self);
}

/* @text: the pane's title, which names the coder. */
static void
set_pane_coder (PlTranscriptView *view,
                GtkLabel         *title,
                const char       *text,
                gint64            coder_id)
{
  g_autoptr(GArray) coders = g_array_new (FALSE, FALSE, sizeof (gint64));

  g_array_append_val (coders, coder_id);
  pl_transcript_view_set_coders (view, coders);
  gtk_label_set_text (title, text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (pl_transcript_view_get_text_view (view)),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, text, -1);
}

static void
compare (PlComparisonWindow *self,
         gint64              coder_a_id,
         gint64              coder_b_id)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *keep_a = NULL;
  g_autofree char *keep_b = NULL;
  g_autofree char *title_a = NULL;
  g_autofree char *title_b = NULL;

  if (self->comparison != NULL)
    g_signal_handlers_disconnect_by_data (self->comparison, self);
  g_clear_object (&self->comparison);
  self->current = -1;

  if (coder_a_id == coder_b_id)
    {
      show_message (self, _("Choose Two Coders"), _("Coder A and coder B are the same coder."));
      return;
    }
  self->comparison = pl_comparison_new (self->project, pl_document_get_id (self->document), coder_a_id, coder_b_id,
                                        &error);
  if (self->comparison == NULL)
    {
      show_message (self, _("Could Not Compare"), error->message);
      return;
    }
  g_signal_connect_object (self->comparison, "changed", G_CALLBACK (refill), self, G_CONNECT_SWAPPED);

  /* TRANSLATORS: the title above the left pane; %s is coder A's name. */
  title_a = g_strdup_printf (_("A: %s"), coder_name (self, coder_a_id));
  /* TRANSLATORS: the title above the right pane; %s is coder B's name. */
  title_b = g_strdup_printf (_("B: %s"), coder_name (self, coder_b_id));
  set_pane_coder (self->view_a, self->title_a, title_a, coder_a_id);
  set_pane_coder (self->view_b, self->title_b, title_b, coder_b_id);
  keep_a = g_strdup_printf (_("Keep %s’s annotations in the gold layer (Alt+1)"), coder_name (self, coder_a_id));
  keep_b = g_strdup_printf (_("Keep %s’s annotations in the gold layer (Alt+2)"), coder_name (self, coder_b_id));
  gtk_widget_set_tooltip_text (self->keep_a, keep_a);
  gtk_widget_set_tooltip_text (self->keep_b, keep_b);
  gtk_stack_set_visible_child_name (self->stack, "compare");
  gtk_widget_set_visible (self->action_bar, TRUE);
  refill (self);
}

static void
on_coders_chosen (PlComparisonWindow *self)
{
  guint a = gtk_drop_down_get_selected (self->coder_a);
  guint b = gtk_drop_down_get_selected (self->coder_b);

  if (self->choosing || a >= self->coder_ids->len || b >= self->coder_ids->len)
    return;
  compare (self, g_array_index (self->coder_ids, gint64, a), g_array_index (self->coder_ids, gint64, b));
}

static guint
coder_position (PlComparisonWindow *self,
                gint64              coder_id)
{
  for (guint i = 0; i < self->coder_ids->len; i++)
    if (g_array_index (self->coder_ids, gint64, i) == coder_id)
      return i;
  return GTK_INVALID_LIST_POSITION;
}

/* Every coder but the gold layer. */
static void
fill_coders (PlComparisonWindow *self)
{
  g_autoptr(GPtrArray) coders = pl_project_list_coders (self->project);
  PlCoder *gold = pl_project_find_gold_coder (self->project);

  self->choosing = TRUE;
  for (guint i = 0; i < coders->len; i++)
    {
      PlCoder *coder = g_ptr_array_index (coders, i);

      if (coder == gold)
        continue;
      g_array_append_val (self->coder_ids, coder->id);
      gtk_string_list_append (self->coder_names, coder->name);
    }
  self->choosing = FALSE;
}

/* Actions */

static void
move_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  PlComparisonWindow *self = PL_COMPARISON_WINDOW (widget);
  gint index;

  if (self->comparison == NULL)
    return;
  if (g_str_equal (action_name, "compare.next"))
    index = pl_comparison_find_next (self->comparison, self->current, FALSE);
  else
    index = pl_comparison_find_previous (self->comparison, self->current, FALSE);
  if (index >= 0)
    pl_comparison_window_show_disagreement (self, index);
}

static gboolean
parse_settlement (const char   *name,
                  PlSettlement *out)
{
  for (PlSettlement s = PL_SETTLEMENT_KEEP_A; s <= PL_SETTLEMENT_NEITHER; s++)
    if (g_str_equal (name, pl_settlement_to_string (s)))
      {
        *out = s;
        return TRUE;
      }
  return FALSE;
}

static void
settle_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  PlComparisonWindow *self = PL_COMPARISON_WINDOW (widget);
  g_autoptr(GError) error = NULL;
  PlSettlement decision;
  gint settled = self->current;
  gint next;

  if (self->comparison == NULL || settled < 0
      || !parse_settlement (g_variant_get_string (parameter, NULL), &decision))
    return;

  if (!pl_comparison_settle (self->comparison, settled, decision, &error))
    {
      adw_toast_overlay_add_toast (self->toasts, adw_toast_new (error->message));
      return;
    }
  /* On to the next open disagreement, from the top when none is below. */
  next = pl_comparison_find_next (self->comparison, settled, TRUE);
  if (next < 0)
    next = pl_comparison_find_next (self->comparison, -1, TRUE);
  pl_comparison_window_show_disagreement (self, next >= 0 ? next : settled);
}

static void
undo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  PlComparisonWindow *self = PL_COMPARISON_WINDOW (widget);
  g_autoptr(GError) error = NULL;
  g_autofree char *label = pl_project_dup_undo_label (self->project);
  g_autofree char *message = NULL;

  if (label == NULL)
    return;
  if (!pl_project_undo (self->project, &error))
    {
      if (error != NULL)
        adw_toast_overlay_add_toast (self->toasts, adw_toast_new (error->message));
      return;
    }
  message = g_strdup_printf (_("Undone: %s"), label);
  adw_toast_overlay_add_toast (self->toasts, adw_toast_new (message));
  update_actions (self);
}

/* Public */

void
pl_comparison_window_show_disagreement (PlComparisonWindow *self,
                                        gint                index)
{
  const PlDisagreement *d;

  g_return_if_fail (PL_IS_COMPARISON_WINDOW (self));

  if (self->comparison == NULL || index < 0 || (guint) index >= pl_comparison_get_n_disagreements (self->comparison))
    {
      self->current = -1;
      gtk_list_box_unselect_all (self->list);
      update_actions (self);
      return;
    }

  self->current = index;
  d = pl_comparison_get_disagreement (self->comparison, index);
  gtk_list_box_select_row (self->list, gtk_list_box_get_row_at_index (self->list, index));
  /* The unit's statement at the top of both panes, the cursor at its start. */
  pl_transcript_view_place_cursor (self->view_a, d->key.start, FALSE);
  pl_transcript_view_place_cursor (self->view_b, d->key.start, FALSE);
  pl_transcript_view_scroll_to_statement (self->view_a, d->statement_index);
  pl_transcript_view_scroll_to_statement (self->view_b, d->statement_index);
  update_actions (self);
}

void
pl_comparison_window_set_coders (PlComparisonWindow *self,
                                 gint64              coder_a_id,
                                 gint64              coder_b_id)
{
  guint a, b;

  g_return_if_fail (PL_IS_COMPARISON_WINDOW (self));

  a = coder_position (self, coder_a_id);
  b = coder_position (self, coder_b_id);
  g_return_if_fail (a != GTK_INVALID_LIST_POSITION && b != GTK_INVALID_LIST_POSITION);
  self->choosing = TRUE;
  gtk_drop_down_set_selected (self->coder_a, a);
  gtk_drop_down_set_selected (self->coder_b, b);
  self->choosing = FALSE;
  compare (self, coder_a_id, coder_b_id);
}

PlComparison *
pl_comparison_window_get_comparison (PlComparisonWindow *self)
{
  g_return_val_if_fail (PL_IS_COMPARISON_WINDOW (self), NULL);
  return self->comparison;
}

gint
pl_comparison_window_get_current (PlComparisonWindow *self)
{
  g_return_val_if_fail (PL_IS_COMPARISON_WINDOW (self), -1);
  return self->current;
}

const char *
pl_comparison_window_get_progress (PlComparisonWindow *self)
{
  g_return_val_if_fail (PL_IS_COMPARISON_WINDOW (self), NULL);
  return gtk_label_get_text (self->progress_label);
}

PlTranscriptView *
pl_comparison_window_get_view (PlComparisonWindow *self,
                               guint               pane)
{
  g_return_val_if_fail (PL_IS_COMPARISON_WINDOW (self), NULL);
  return pane == 0 ? self->view_a : self->view_b;
}

GtkListBox *
pl_comparison_window_get_list (PlComparisonWindow *self)
{
  g_return_val_if_fail (PL_IS_COMPARISON_WINDOW (self), NULL);
  return self->list;
}

/* GObject */

static void
pl_comparison_window_dispose (GObject *object)
{
  PlComparisonWindow *self = PL_COMPARISON_WINDOW (object);

  if (self->comparison != NULL)
    g_signal_handlers_disconnect_by_data (self->comparison, self);
  g_clear_object (&self->comparison);
  gtk_widget_dispose_template (GTK_WIDGET (self), PL_TYPE_COMPARISON_WINDOW);
  g_clear_object (&self->document);
  g_clear_object (&self->project);

  G_OBJECT_CLASS (pl_comparison_window_parent_class)->dispose (object);
}

static void
pl_comparison_window_finalize (GObject *object)
{
  PlComparisonWindow *self = PL_COMPARISON_WINDOW (object);

  g_clear_pointer (&self->coder_ids, g_array_unref);

  G_OBJECT_CLASS (pl_comparison_window_parent_class)->finalize (object);
}

static void
pl_comparison_window_class_init (PlComparisonWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  static const char *settlements[] = { "a", "b", "both", "neither" };

  object_class->dispose = pl_comparison_window_dispose;
  object_class->finalize = pl_comparison_window_finalize;

  g_type_ensure (PL_TYPE_TRANSCRIPT_VIEW);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/plenary/Plenary/pl-comparison-window.ui");
  gtk_widget_class_bind_template_child (widget_class, PlComparisonWindow, toasts);
  gtk_widget_class_bind_template_child (widget_class, PlComparisonWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, PlComparisonWindow, coder_names);
  gtk_widget_class_bind_template_child (widget_class, PlComparisonWindow, coder_a);
  gtk_widget_class_bind_template_child (widget_class, PlComparisonWindow, coder_b);
  gtk_widget_class_bind_template_child (widget_class, PlComparisonWindow, progress_label);
  gtk_widget_class_bind_template_child (widget_class, PlComparisonWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, PlComparisonWindow, list_stack);
  gtk_widget_class_bind_template_child (widget_class, PlComparisonWindow, list);
  gtk_widget_class_bind_template_child (widget_class, PlComparisonWindow, title_a);
  gtk_widget_class_bind_template_child (widget_class, PlComparisonWindow, title_b);
  gtk_widget_class_bind_template_child (widget_class, PlComparisonWindow, view_a);
  gtk_widget_class_bind_template_child (widget_class, PlComparisonWindow, view_b);
  gtk_widget_class_bind_template_child (widget_class, PlComparisonWindow, status_page);
  gtk_widget_class_bind_template_child (widget_class, PlComparisonWindow, action_bar);
  gtk_widget_class_bind_template_child (widget_class, PlComparisonWindow, keep_a);
  gtk_widget_class_bind_template_child (widget_class, PlComparisonWindow, keep_b);
  gtk_widget_class_bind_template_callback (widget_class, on_coders_chosen);
  gtk_widget_class_bind_template_callback (widget_class, on_row_activated);

  gtk_widget_class_install_action (widget_class, "compare.next", NULL, move_action);
  gtk_widget_class_install_action (widget_class, "compare.previous", NULL, move_action);
  gtk_widget_class_install_action (widget_class, "compare.settle", "s", settle_action);
  gtk_widget_class_install_action (widget_class, "compare.undo", NULL, undo_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Down, GDK_ALT_MASK, "compare.next", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Up, GDK_ALT_MASK, "compare.previous", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F8, 0, "compare.next", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F8, GDK_SHIFT_MASK, "compare.previous", NULL);
  for (guint i = 0; i < G_N_ELEMENTS (settlements); i++)
    gtk_widget_class_add_binding_action (widget_class, GDK_KEY_1 + i, GDK_ALT_MASK, "compare.settle", "s",
                                         settlements[i]);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK, "compare.undo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
pl_comparison_window_init (PlComparisonWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->coder_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->current = -1;
}

PlComparisonWindow *
pl_comparison_window_new (GtkWindow  *parent,
                          PlProject  *project,
                          PlDocument *document,
                          gint64      coder_id)
{
  PlComparisonWindow *self;
  g_autoptr(GError) error = NULL;
  guint a, b;

  g_return_val_if_fail (PL_IS_PROJECT (project), NULL);
  g_return_val_if_fail (PL_IS_DOCUMENT (document), NULL);

  self = g_object_new (PL_TYPE_COMPARISON_WINDOW, "transient-for", parent, "destroy-with-parent", TRUE, NULL);
  self->project = g_object_ref (project);
  self->document = g_object_ref (document);
  adw_window_title_set_subtitle (self->window_title, pl_document_get_title (document));
  g_signal_connect_object (project, "committed", G_CALLBACK (update_actions), self, G_CONNECT_SWAPPED);
  fill_coders (self);
  pl_accessible_tidy (GTK_WIDGET (self));

  if (!pl_transcript_view_set_document (self->view_a, project, document, &error)
      || !pl_transcript_view_set_document (self->view_b, project, document, &error))
    {
      show_message (self, _("Could Not Read the Document"), error->message);
      return self;
    }
  if (self->coder_ids->len < 2)
    {
      show_message (self, _("One Coder Only"),
                    _("Comparing needs two coders: merge another coder’s work first (Team ▸ Merge Coding…)."));
      return self;
    }

  /* A is the coder at work, B the first other one. */
  a = coder_position (self, coder_id);
  if (a == GTK_INVALID_LIST_POSITION)
    a = 0;
  b = a == 0 ? 1 : 0;
  pl_comparison_window_set_coders (self, g_array_index (self->coder_ids, gint64, a),
                                   g_array_index (self->coder_ids, gint64, b));
  return self;
}
