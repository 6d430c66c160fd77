/* pl-reuse-review.c — the reuse finder's candidates for an outcome document, to accept or reject
 *
 * The search (pl-provenance.h) reads the project once, when the window opens, and runs in
 * a worker thread, again whenever the minimum length changes.  The list shows the
 * candidates best first; the candidate selected is shown as its two passages side by side
 * (each with some context, the words they share highlighted) with its score.  Keys: A
 * accepts (a link, one undoable action), R rejects (sets it aside for this review, or
 * removes its link when it was accepted), ↑ and ↓ (or J and K) move, Enter opens both
 * places in the main window, Ctrl+Z undoes.  Accepting or rejecting moves on to the next candidate not
 * yet decided.  States follow the project's links, so an undo anywhere shows here.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "plenary-reuse-review"

#include "config.h"

#include <glib/gi18n.h>

#include "pl-provenance-view.h"
#include "pl-provenance.h"
#include "pl-reuse-review.h"
#include "pl-text.h"

#define CONTEXT 160            /* code points of context shown on either side */
#define SEARCH_DELAY_MS 300
#define NARROW_WIDTH 900       /* below this, the two passages are stacked */

struct _PlReuseReview
{
  AdwWindow           parent_instance;

  /* Template widgets */
  AdwWindowTitle     *window_title;
  GtkSpinButton      *min_words_spin;
  AdwToastOverlay    *toasts;
  GtkLabel           *summary_label;
  GtkStack           *list_stack;
  AdwStatusPage      *empty_page;
  GtkSpinner         *spinner;
  GtkListBox         *candidate_list;
  GtkLabel           *detail_title;
  GtkLabel           *score_label;
  GtkBox             *passages_box;
  GtkLabel           *source_heading;
  GtkLabel           *source_label;
  GtkLabel           *outcome_heading;
  GtkLabel           *outcome_label;

  PlProject          *project;
  PlDocument         *outcome;
  PlCoder            *coder;
  PlProvenanceSearch *search;       /* freed in finalize: a run may still use it */
  GArray             *candidates;   /* PlProvenanceCandidate */
  GPtrArray          *links;        /* PlLink into the outcome document */
  GHashTable         *rejected;     /* keys of the candidates set aside */
  GPtrArray          *row_icons;    /* GtkImage of each row (borrowed) */
  GCancellable       *cancellable;
  gboolean            searching;
  gboolean            search_again;
  guint               search_source;
  guint               orientation_source;
};

G_DEFINE_FINAL_TYPE (PlReuseReview, pl_reuse_review, ADW_TYPE_WINDOW)

enum {
  SHOW_PASSAGES,
  SEARCHED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void start_search (PlReuseReview *self);

static const PlProvenanceCandidate *
candidate_at (PlReuseReview *self,
              int            index)
{
  if (self->candidates == NULL || index < 0 || (guint) index >= self->candidates->len)
    return NULL;
  return &g_array_index (self->candidates, PlProvenanceCandidate, index);
}

static char *
candidate_key (const PlProvenanceCandidate *c)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT ":%u:%u:%u:%u", c->document_id, c->start, c->end,
                          c->outcome_start, c->outcome_end);
}

static PlLinkSpec
candidate_spec (PlReuseReview               *self,
                const PlProvenanceCandidate *c)
{
  return (PlLinkSpec) {
    .source_document_id = c->document_id,
    .source_start = c->start,
    .source_end = c->end,
    .outcome_document_id = pl_document_get_id (self->outcome),
    .outcome_start = c->outcome_start,
    .outcome_end = c->outcome_end,
    .origin = PL_LINK_ORIGIN_CANDIDATE,
    .score = c->score,
    .words = c->words,
    .coder_id = self->coder != NULL ? self->coder->id : 0,
  };
}

PlReviewState
pl_reuse_review_get_state (PlReuseReview *self,
                           guint          index)
{
  const PlProvenanceCandidate *c;
  g_autofree char *key = NULL;

  g_return_val_if_fail (PL_IS_REUSE_REVIEW (self), PL_REVIEW_PENDING);

  c = candidate_at (self, (int) index);
  if (c == NULL)
    return PL_REVIEW_PENDING;
  if (pl_provenance_candidate_find_link (c, pl_document_get_id (self->outcome), self->links) != NULL)
    return PL_REVIEW_ACCEPTED;
  key = candidate_key (c);
  return g_hash_table_contains (self->rejected, key) ? PL_REVIEW_REJECTED : PL_REVIEW_PENDING;
}

/* Labels */

static const char *
delegation_of (const PlStatement *statement)
{
  if (statement != NULL && statement->entity != NULL && statement->entity[0] != '\0')
    return statement->entity;
  if (statement != NULL && statement->speaker != NULL && statement->speaker[0] != '\0')
    return statement->speaker;
  return _("Unattributed statement");
}

static const char *
state_icon (PlReviewState state)
{
  switch (state)
    {
    case PL_REVIEW_ACCEPTED:
      return "object-select-symbolic";
    case PL_REVIEW_REJECTED:
      return "window-close-symbolic";
    case PL_REVIEW_PENDING:
    default:
      return NULL;
    }
}

static const char *
state_name (PlReviewState state)
{
  switch (state)
    {
    case PL_REVIEW_ACCEPTED:
      return _("accepted");
    case PL_REVIEW_REJECTED:
      return _("rejected");
    case PL_REVIEW_PENDING:
    default:
      return _("not decided");
    }
}

/* "Session 1 · 10 January 2021 · ¶ 2" */
static char *
candidate_meta (PlReuseReview               *self,
                const PlProvenanceCandidate *c)
{
  PlDocument *document = pl_project_find_document (self->project, c->document_id);
  g_autofree char *date = pl_provenance_view_format_date (document != NULL ? pl_document_get_metadata (document, "date") : NULL);
  guint paragraph = pl_provenance_paragraph_at (pl_provenance_search_get_outcome_text (self->search), c->outcome_start);
  GString *meta = g_string_new (document != NULL ? pl_document_get_title (document) : "");

  if (date != NULL)
    g_string_append_printf (meta, " · %s", date);
  if (paragraph > 0)
    g_string_append_printf (meta, " · ¶ %u", paragraph);
  return g_string_free (meta, FALSE);
}

static void
update_row (PlReuseReview *self,
            guint          index)
{
  GtkListBoxRow *row = gtk_list_box_get_row_at_index (self->candidate_list, (int) index);
  const PlProvenanceCandidate *c = candidate_at (self, (int) index);
  PlReviewState state = pl_reuse_review_get_state (self, index);
  GtkImage *icon;
  g_autofree char *accessible = NULL;
  g_autofree char *meta = NULL;

  if (row == NULL || c == NULL)
    return;

  icon = g_ptr_array_index (self->row_icons, index);
  gtk_image_set_from_icon_name (icon, state_icon (state));
  gtk_widget_set_opacity (gtk_list_box_row_get_child (row), state == PL_REVIEW_REJECTED ? 0.55 : 1.0);

  meta = candidate_meta (self, c);
  accessible = g_strdup_printf (_("%s, %s, score %.2f, %u shared words, %s"),
                                delegation_of (pl_provenance_search_get_statement (self->search, c)),
                                meta, c->score, c->words, state_name (state));
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
}

static void
update_summary (PlReuseReview *self)
{
  guint n = self->candidates != NULL ? self->candidates->len : 0;
  guint accepted = 0, rejected = 0;
  g_autofree char *text = NULL;

  for (guint i = 0; i < n; i++)
    switch (pl_reuse_review_get_state (self, i))
      {
      case PL_REVIEW_ACCEPTED:
        accepted++;
        break;
      case PL_REVIEW_REJECTED:
        rejected++;
        break;
      case PL_REVIEW_PENDING:
      default:
        break;
      }

  if (self->search == NULL)
    return;
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u candidate from %u statements · %u accepted · %u rejected",
                                       "%u candidates from %u statements · %u accepted · %u rejected", n),
                          n, pl_provenance_search_get_n_sources (self->search), accepted, rejected);
  gtk_label_set_text (self->summary_label, text);
}

static GtkWidget *
make_row (PlReuseReview *self,
          guint          index)
{
  const PlProvenanceCandidate *c = candidate_at (self, (int) index);
  const PlStatement *statement = pl_provenance_search_get_statement (self->search, c);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 10);
  GtkWidget *texts = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *dot = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  GtkWidget *name = gtk_label_new (delegation_of (statement));
  g_autofree char *meta_text = candidate_meta (self, c);
  GtkWidget *meta = gtk_label_new (meta_text);
  g_autofree char *score_text = g_strdup_printf ("%.2f", c->score);
  GtkWidget *score = gtk_label_new (score_text);
  GtkWidget *icon = gtk_image_new ();

  gtk_widget_add_css_class (dot, "group-dot");
  gtk_widget_add_css_class (dot, pl_provenance_view_group_class (statement != NULL ? statement->regional_group : NULL));
  gtk_widget_set_valign (dot, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (dot, pl_provenance_view_group_label (statement != NULL ? statement->regional_group : NULL));

  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (name, "heading");
  gtk_label_set_xalign (GTK_LABEL (meta), 0);
  gtk_label_set_ellipsize (GTK_LABEL (meta), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (meta, "dim-label");
  gtk_widget_add_css_class (meta, "caption");
  gtk_box_append (GTK_BOX (texts), name);
  gtk_box_append (GTK_BOX (texts), meta);
  gtk_widget_set_hexpand (texts, TRUE);

  gtk_widget_add_css_class (score, "reuse-score");
  gtk_image_set_pixel_size (GTK_IMAGE (icon), 16);
  gtk_widget_set_size_request (icon, 16, 16);

  gtk_box_append (GTK_BOX (box), dot);
  gtk_box_append (GTK_BOX (box), texts);
  gtk_box_append (GTK_BOX (box), score);
  gtk_box_append (GTK_BOX (box), icon);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);

  g_ptr_array_add (self->row_icons, icon);
  return box;
}

/* Passages */

/* @text's code points [@start, @end) as escaped markup. */
static void
append_escaped (GString    *markup,
                const char *text,
                guint       start,
                guint       end)
{
  g_autofree char *slice = NULL;
  g_autofree char *escaped = NULL;

  if (start >= end)
    return;
  slice = pl_text_slice (text, start, end);
  escaped = g_markup_escape_text (slice, -1);
  g_string_append (markup, escaped);
}

typedef struct
{
  guint start;
  guint end;
} Span;

static gint
compare_spans (gconstpointer a,
               gconstpointer b)
{
  const Span *x = a, *y = b;

  return x->start < y->start ? -1 : x->start > y->start;
}

/* Whether code points [@start, @end) of @text hold no letter or digit. */
static gboolean
only_separators (const char *text,
                 guint       start,
                 guint       end)
{
  const char *p = g_utf8_offset_to_pointer (text, start);

  for (guint i = start; i < end; i++, p = g_utf8_next_char (p))
    if (g_unichar_isalnum (g_utf8_get_char (p)))
      return FALSE;
  return TRUE;
}

/* Shared words with only spaces or punctuation between them read as one run. */
static void
merge_spans (GArray     *spans,
             const char *passage)
{
  guint kept = 0;

  g_array_sort (spans, compare_spans);
  for (guint i = 0; i < spans->len; i++)
    {
      Span *span = &g_array_index (spans, Span, i);
      Span *last = kept > 0 ? &g_array_index (spans, Span, kept - 1) : NULL;

      if (last != NULL && span->start >= last->end && only_separators (passage, last->end, span->start))
        last->end = MAX (last->end, span->end);
      else if (last == NULL || span->start >= last->end)
        g_array_index (spans, Span, kept++) = *span;
    }
  g_array_set_size (spans, kept);
}

/* Where context shown from about @offset on starts: after the next space, so that no
 * word is cut. */
static guint
word_start_after (const char *text,
                  guint       offset,
                  guint       limit)
{
  const char *p = g_utf8_offset_to_pointer (text, offset);

  for (guint i = offset; i < limit; i++, p = g_utf8_next_char (p))
    if (g_unichar_isspace (g_utf8_get_char (p)))
      return i + 1;
  return offset;
}

/* Where context shown up to about @offset ends: before the last space. */
static guint
word_end_before (const char *text,
                 guint       offset,
                 guint       limit)
{
  guint found = offset;
  const char *p = g_utf8_offset_to_pointer (text, limit);

  for (guint i = limit; i < offset; i++, p = g_utf8_next_char (p))
    if (g_unichar_isspace (g_utf8_get_char (p)))
      found = i;
  return found;
}

/* The passage [@start, @end) of @text with @shared (Span, relative to the passage)
 * highlighted, between up to CONTEXT code points of dimmed context. */
static char *
passage_markup (const char *text,
                guint       start,
                guint       end,
                GArray     *shared)
{
  GString *markup = g_string_new (NULL);
  guint length = pl_text_length (text);
  guint before = start > CONTEXT ? word_start_after (text, start - CONTEXT, start) : 0;
  guint after = end + CONTEXT < length ? word_end_before (text, end + CONTEXT, end) : length;
  guint at = 0;
  g_autofree char *passage = pl_text_slice (text, start, end);

  merge_spans (shared, passage);

  g_string_append (markup, "<span alpha=\"55%\">");
  if (before > 0)
    g_string_append (markup, "…");
  append_escaped (markup, text, before, start);
  g_string_append (markup, "</span>");

  for (guint i = 0; i < shared->len; i++)
    {
      const Span *span = &g_array_index (shared, Span, i);

      append_escaped (markup, text, start + at, start + span->start);
      g_string_append (markup, "<span background=\"#3584e4\" bgalpha=\"32%\" underline=\"single\" underline_color=\"#3584e4\">");
      append_escaped (markup, text, start + span->start, start + span->end);
      g_string_append (markup, "</span>");
      at = span->end;
    }
  append_escaped (markup, text, start + at, end);

  g_string_append (markup, "<span alpha=\"55%\">");
  append_escaped (markup, text, end, after);
  if (after < length)
    g_string_append (markup, "…");
  g_string_append (markup, "</span>");

  return g_string_free (markup, FALSE);
}

static void
show_candidate (PlReuseReview *self,
                int            index)
{
  const PlProvenanceCandidate *c = candidate_at (self, index);
  const PlStatement *statement;
  const char *source_text, *outcome_text;
  g_autofree char *source_passage = NULL;
  g_autofree char *outcome_passage = NULL;
  g_autofree char *source_markup = NULL;
  g_autofree char *outcome_markup = NULL;
  g_autofree char *score = NULL;
  g_autofree char *source_heading = NULL;
  g_autofree char *outcome_heading = NULL;
  g_autoptr(GArray) pairs = NULL;
  g_autoptr(GArray) source_spans = g_array_new (FALSE, FALSE, sizeof (Span));
  g_autoptr(GArray) outcome_spans = g_array_new (FALSE, FALSE, sizeof (Span));
  PlDocument *document;
  gboolean any = c != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "review.accept", any);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "review.reject", any);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "review.show", any);
  gtk_widget_set_visible (GTK_WIDGET (self->passages_box), any);
  if (!any)
    {
      gtk_label_set_text (self->detail_title, "");
      gtk_label_set_text (self->score_label, "");
      return;
    }

  statement = pl_provenance_search_get_statement (self->search, c);
  document = pl_project_find_document (self->project, c->document_id);
  source_text = pl_provenance_search_get_document_text (self->search, c->document_id);
  outcome_text = pl_provenance_search_get_outcome_text (self->search);

  source_passage = pl_text_slice (source_text, c->start, c->end);
  outcome_passage = pl_text_slice (outcome_text, c->outcome_start, c->outcome_end);
  pairs = pl_reuse_shared_words (source_passage, outcome_passage);
  for (guint i = 0; i < pairs->len; i++)
    {
      const PlReuseWordPair *pair = &g_array_index (pairs, PlReuseWordPair, i);
      Span source = { pair->source_start, pair->source_end };
      Span outcome = { pair->outcome_start, pair->outcome_end };

      g_array_append_val (source_spans, source);
      g_array_append_val (outcome_spans, outcome);
    }

  source_markup = passage_markup (source_text, c->start, c->end, source_spans);
  outcome_markup = passage_markup (outcome_text, c->outcome_start, c->outcome_end, outcome_spans);
  gtk_label_set_markup (self->source_label, source_markup);
  gtk_label_set_markup (self->outcome_label, outcome_markup);

  gtk_label_set_text (self->detail_title, delegation_of (statement));
  score = g_strdup_printf (_("Score %.2f · %u shared words"), c->score, c->words);
  gtk_label_set_text (self->score_label, score);

  {
    g_autofree char *date = pl_provenance_view_format_date (document != NULL ? pl_document_get_metadata (document, "date") : NULL);

    source_heading = date != NULL
      ? g_strdup_printf (_("%s, statement %u (%s)"), document != NULL ? pl_document_get_title (document) : "",
                         c->statement_index, date)
      : g_strdup_printf (_("%s, statement %u"), document != NULL ? pl_document_get_title (document) : "",
                         c->statement_index);
  }
  outcome_heading = g_strdup_printf (_("%s, paragraph %u"), pl_document_get_title (self->outcome),
                                     pl_provenance_paragraph_at (outcome_text, c->outcome_start));
  gtk_label_set_text (self->source_heading, source_heading);
  gtk_label_set_text (self->outcome_heading, outcome_heading);
}

/* The list */

int
pl_reuse_review_get_selected (PlReuseReview *self)
{
  GtkListBoxRow *row;

  g_return_val_if_fail (PL_IS_REUSE_REVIEW (self), -1);

  row = gtk_list_box_get_selected_row (self->candidate_list);
  return row != NULL ? gtk_list_box_row_get_index (row) : -1;
}

void
pl_reuse_review_select (PlReuseReview *self,
                        guint          index)
{
  GtkListBoxRow *row;

  g_return_if_fail (PL_IS_REUSE_REVIEW (self));

  row = gtk_list_box_get_row_at_index (self->candidate_list, (int) index);
  if (row == NULL)
    return;
  gtk_list_box_select_row (self->candidate_list, row);
  gtk_widget_grab_focus (GTK_WIDGET (row));
}

static void
on_row_selected (PlReuseReview *self,
                 GtkListBoxRow *row)
{
  show_candidate (self, row != NULL ? gtk_list_box_row_get_index (row) : -1);
}

static void
on_row_activated (PlReuseReview *self,
                  GtkListBoxRow *row)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "review.show", NULL);
}

/* The next candidate after @from not yet decided, else the next one, else @from. */
static void
select_next_pending (PlReuseReview *self,
                     int            from)
{
  guint n = self->candidates != NULL ? self->candidates->len : 0;

  for (guint i = (guint) (from + 1); i < n; i++)
    if (pl_reuse_review_get_state (self, i) == PL_REVIEW_PENDING)
      {
        pl_reuse_review_select (self, i);
        return;
      }
  if ((guint) (from + 1) < n)
    pl_reuse_review_select (self, (guint) from + 1);
}

static void
fill_list (PlReuseReview *self)
{
  GtkWidget *child;
  guint n = self->candidates->len;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->candidate_list))) != NULL)
    gtk_list_box_remove (self->candidate_list, child);
  g_ptr_array_set_size (self->row_icons, 0);

  for (guint i = 0; i < n; i++)
    gtk_list_box_append (self->candidate_list, make_row (self, i));
  for (guint i = 0; i < n; i++)
    update_row (self, i);

  gtk_stack_set_visible_child_name (self->list_stack, n > 0 ? "list" : "empty");
  update_summary (self);
  if (n > 0)
    select_next_pending (self, -1);
  else
    show_candidate (self, -1);
}

/* Links */

static void
reload_links (PlReuseReview *self)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *links;

  if (self->outcome == NULL)
    return;
  links = pl_project_list_links (self->project, pl_document_get_id (self->outcome), &error);
  if (links == NULL)
    {
      adw_toast_overlay_add_toast (self->toasts, adw_toast_new (error->message));
      return;
    }
  g_clear_pointer (&self->links, g_ptr_array_unref);
  self->links = links;

  for (guint i = 0; self->candidates != NULL && i < self->candidates->len; i++)
    update_row (self, i);
  if (self->candidates != NULL)
    update_summary (self);
}

static void
on_history_changed (PlReuseReview *self)
{
  reload_links (self);
}

/* Searching */

static void
on_search_done (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(PlReuseReview) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) candidates = NULL;

  candidates = pl_provenance_search_run_finish (self->search, result, &error);
  self->searching = FALSE;
  if (candidates == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        adw_toast_overlay_add_toast (self->toasts, adw_toast_new (error->message));
      return;
    }

  if (self->search_again)
    {
      self->search_again = FALSE;
      start_search (self);
      return;
    }

  gtk_spinner_stop (self->spinner);
  g_clear_pointer (&self->candidates, g_array_unref);
  self->candidates = g_steal_pointer (&candidates);
  fill_list (self);
  g_signal_emit (self, signals[SEARCHED], 0);
}

static void
start_search (PlReuseReview *self)
{
  PlReuseOptions options;

  if (self->searching)
    {
      self->search_again = TRUE;
      return;
    }

  pl_reuse_options_init (&options);
  options.min_words = (guint) gtk_spin_button_get_value_as_int (self->min_words_spin);
  self->searching = TRUE;
  gtk_stack_set_visible_child_name (self->list_stack, "searching");
  gtk_spinner_start (self->spinner);
  pl_provenance_search_run_async (self->search, &options, self->cancellable, on_search_done,
                                  g_object_ref (self));
}

static gboolean
search_later (gpointer data)
{
  PlReuseReview *self = data;

  self->search_source = 0;
  start_search (self);
  return G_SOURCE_REMOVE;
}

static void
on_min_words_changed (PlReuseReview *self)
{
  if (self->search == NULL)
    return;
  g_clear_handle_id (&self->search_source, g_source_remove);
  self->search_source = g_timeout_add (SEARCH_DELAY_MS, search_later, self);
}

gboolean
pl_reuse_review_is_searching (PlReuseReview *self)
{
  g_return_val_if_fail (PL_IS_REUSE_REVIEW (self), FALSE);
  return self->searching || self->search_source != 0;
}

guint
pl_reuse_review_get_n_candidates (PlReuseReview *self)
{
  g_return_val_if_fail (PL_IS_REUSE_REVIEW (self), 0);
  return self->candidates != NULL ? self->candidates->len : 0;
}

void
pl_reuse_review_set_min_words (PlReuseReview *self,
                               guint          min_words)
{
  g_return_if_fail (PL_IS_REUSE_REVIEW (self));

  gtk_spin_button_set_value (self->min_words_spin, min_words);
  if (self->search_source != 0)
    {
      g_clear_handle_id (&self->search_source, g_source_remove);
      start_search (self);
    }
}

PlDocument *
pl_reuse_review_get_outcome (PlReuseReview *self)
{
  g_return_val_if_fail (PL_IS_REUSE_REVIEW (self), NULL);
  return self->outcome;
}

/* Actions */

static void
accept_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  PlReuseReview *self = PL_REUSE_REVIEW (widget);
  int index = pl_reuse_review_get_selected (self);
  const PlProvenanceCandidate *c = candidate_at (self, index);
  g_autoptr(GError) error = NULL;
  g_autoptr(PlLink) link = NULL;
  g_autofree char *key = NULL;
  PlLinkSpec spec;

  if (c == NULL)
    return;
  if (pl_reuse_review_get_state (self, (guint) index) != PL_REVIEW_ACCEPTED)
    {
      spec = candidate_spec (self, c);
      link = pl_project_add_link (self->project, &spec, &error);
      if (link == NULL)
        {
          adw_toast_overlay_add_toast (self->toasts, adw_toast_new (error->message));
          return;
        }
      key = candidate_key (c);
      g_hash_table_remove (self->rejected, key);
      reload_links (self);
    }
  select_next_pending (self, index);
}

static void
reject_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  PlReuseReview *self = PL_REUSE_REVIEW (widget);
  int index = pl_reuse_review_get_selected (self);
  const PlProvenanceCandidate *c = candidate_at (self, index);
  const PlLink *link;

  if (c == NULL)
    return;

  link = pl_provenance_candidate_find_link (c, pl_document_get_id (self->outcome), self->links);
  if (link != NULL)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *guid = g_strdup (link->guid);

      if (!pl_project_remove_link (self->project, guid, &error))
        {
          adw_toast_overlay_add_toast (self->toasts, adw_toast_new (error->message));
          return;
        }
      reload_links (self);
    }
  g_hash_table_add (self->rejected, candidate_key (c));
  update_row (self, (guint) index);
  update_summary (self);
  select_next_pending (self, index);
}

static void
move_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  PlReuseReview *self = PL_REUSE_REVIEW (widget);
  int index = pl_reuse_review_get_selected (self);
  int step = g_str_equal (action_name, "review.next") ? 1 : -1;

  if (index + step >= 0)
    pl_reuse_review_select (self, (guint) (index + step));
}

static void
show_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  PlReuseReview *self = PL_REUSE_REVIEW (widget);
  const PlProvenanceCandidate *c = candidate_at (self, pl_reuse_review_get_selected (self));
  PlLinkSpec spec;

  if (c == NULL)
    return;
  spec = candidate_spec (self, c);
  g_signal_emit (self, signals[SHOW_PASSAGES], 0, &spec);
}

static void
history_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  PlReuseReview *self = PL_REUSE_REVIEW (widget);
  g_autoptr(GError) error = NULL;
  gboolean done = g_str_equal (action_name, "review.undo")
    ? pl_project_undo (self->project, &error) : pl_project_redo (self->project, &error);

  if (!done && error != NULL)
    adw_toast_overlay_add_toast (self->toasts, adw_toast_new (error->message));
}

static void
show_keys_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  PlReuseReview *self = PL_REUSE_REVIEW (widget);
  AdwToast *toast = adw_toast_new (_("A accepts, R rejects, ↑ and ↓ move, Enter shows both places, Ctrl+Z undoes"));

  adw_toast_set_timeout (toast, 6);
  adw_toast_overlay_add_toast (self->toasts, toast);
}

/* Size: the two passages side by side, stacked when the window is narrow.  The layout
 * changes after the allocation that asks for it, never inside one. */
static GtkOrientation
wanted_orientation (int width)
{
  return width < NARROW_WIDTH ? GTK_ORIENTATION_VERTICAL : GTK_ORIENTATION_HORIZONTAL;
}

static gboolean
apply_orientation (gpointer data)
{
  PlReuseReview *self = data;

  self->orientation_source = 0;
  gtk_orientable_set_orientation (GTK_ORIENTABLE (self->passages_box),
                                  wanted_orientation (gtk_widget_get_width (GTK_WIDGET (self))));
  return G_SOURCE_REMOVE;
}

static void
pl_reuse_review_size_allocate (GtkWidget *widget,
                               int        width,
                               int        height,
                               int        baseline)
{
  PlReuseReview *self = PL_REUSE_REVIEW (widget);

  GTK_WIDGET_CLASS (pl_reuse_review_parent_class)->size_allocate (widget, width, height, baseline);

  if (self->passages_box != NULL && self->orientation_source == 0
      && gtk_orientable_get_orientation (GTK_ORIENTABLE (self->passages_box)) != wanted_orientation (width))
    self->orientation_source = g_idle_add (apply_orientation, self);
}

/* GObject */

static void
pl_reuse_review_dispose (GObject *object)
{
  PlReuseReview *self = (PlReuseReview *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->search_source, g_source_remove);
  g_clear_handle_id (&self->orientation_source, g_source_remove);
  if (self->project != NULL)
    g_signal_handlers_disconnect_by_data (self->project, self);
  /* The list emits "row-selected" as its rows go: nothing is to be shown any more. */
  if (self->candidate_list != NULL)
    g_signal_handlers_disconnect_by_data (self->candidate_list, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), PL_TYPE_REUSE_REVIEW);
  g_clear_object (&self->project);
  g_clear_object (&self->outcome);
  g_clear_pointer (&self->coder, pl_coder_unref);

  G_OBJECT_CLASS (pl_reuse_review_parent_class)->dispose (object);
}

static void
pl_reuse_review_finalize (GObject *object)
{
  PlReuseReview *self = (PlReuseReview *)object;

  g_clear_pointer (&self->search, pl_provenance_search_free);
  g_clear_pointer (&self->candidates, g_array_unref);
  g_clear_pointer (&self->links, g_ptr_array_unref);
  g_clear_pointer (&self->rejected, g_hash_table_unref);
  g_clear_pointer (&self->row_icons, g_ptr_array_unref);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (pl_reuse_review_parent_class)->finalize (object);
}

static void
pl_reuse_review_class_init (PlReuseReviewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pl_reuse_review_dispose;
  object_class->finalize = pl_reuse_review_finalize;
  widget_class->size_allocate = pl_reuse_review_size_allocate;

  /**
   * PlReuseReview::show-passages:
   * @spec: (type gpointer): a PlLinkSpec naming the two passages
   */
  signals[SHOW_PASSAGES] =
    g_signal_new ("show-passages", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_POINTER);
  signals[SEARCHED] =
    g_signal_new ("searched", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/plenary/Plenary/pl-reuse-review.ui");
  gtk_widget_class_bind_template_child (widget_class, PlReuseReview, window_title);
  gtk_widget_class_bind_template_child (widget_class, PlReuseReview, min_words_spin);
  gtk_widget_class_bind_template_child (widget_class, PlReuseReview, toasts);
  gtk_widget_class_bind_template_child (widget_class, PlReuseReview, summary_label);
  gtk_widget_class_bind_template_child (widget_class, PlReuseReview, list_stack);
  gtk_widget_class_bind_template_child (widget_class, PlReuseReview, empty_page);
  gtk_widget_class_bind_template_child (widget_class, PlReuseReview, spinner);
  gtk_widget_class_bind_template_child (widget_class, PlReuseReview, candidate_list);
  gtk_widget_class_bind_template_child (widget_class, PlReuseReview, detail_title);
  gtk_widget_class_bind_template_child (widget_class, PlReuseReview, score_label);
  gtk_widget_class_bind_template_child (widget_class, PlReuseReview, passages_box);
  gtk_widget_class_bind_template_child (widget_class, PlReuseReview, source_heading);
  gtk_widget_class_bind_template_child (widget_class, PlReuseReview, source_label);
  gtk_widget_class_bind_template_child (widget_class, PlReuseReview, outcome_heading);
  gtk_widget_class_bind_template_child (widget_class, PlReuseReview, outcome_label);
  gtk_widget_class_bind_template_callback (widget_class, on_min_words_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_row_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_row_activated);

  gtk_widget_class_install_action (widget_class, "review.accept", NULL, accept_action);
  gtk_widget_class_install_action (widget_class, "review.reject", NULL, reject_action);
  gtk_widget_class_install_action (widget_class, "review.next", NULL, move_action);
  gtk_widget_class_install_action (widget_class, "review.previous", NULL, move_action);
  gtk_widget_class_install_action (widget_class, "review.show", NULL, show_action);
  gtk_widget_class_install_action (widget_class, "review.undo", NULL, history_action);
  gtk_widget_class_install_action (widget_class, "review.redo", NULL, history_action);
  gtk_widget_class_install_action (widget_class, "review.show-keys", NULL, show_keys_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_a, 0, "review.accept", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_r, 0, "review.reject", NULL);
  /* ↑ and ↓ are the list's own keys: the list has the focus, and GtkWindow binds them to
   * moving the focus. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_j, 0, "review.next", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_k, 0, "review.previous", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, 0, "review.show", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK, "review.undo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Z, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "review.redo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
pl_reuse_review_init (PlReuseReview *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->rejected = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->row_icons = g_ptr_array_new ();
  self->cancellable = g_cancellable_new ();
}

PlReuseReview *
pl_reuse_review_new (GtkWindow  *parent,
                     PlProject  *project,
                     PlDocument *outcome,
                     PlCoder    *coder)
{
  g_autoptr(GError) error = NULL;
  PlReuseReview *self;

  g_return_val_if_fail (PL_IS_PROJECT (project), NULL);
  g_return_val_if_fail (PL_IS_DOCUMENT (outcome), NULL);

  self = g_object_new (PL_TYPE_REUSE_REVIEW, "transient-for", parent, NULL);
  self->project = g_object_ref (project);
  self->outcome = g_object_ref (outcome);
  self->coder = coder != NULL ? pl_coder_ref (coder) : NULL;
  adw_window_title_set_subtitle (self->window_title, pl_document_get_title (outcome));

  g_signal_connect_object (project, "history-changed", G_CALLBACK (on_history_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (project, "reloaded", G_CALLBACK (on_history_changed), self, G_CONNECT_SWAPPED);
  reload_links (self);

  self->search = pl_provenance_search_new (project, pl_document_get_id (outcome), &error);
  if (self->search == NULL)
    {
      gtk_stack_set_visible_child_name (self->list_stack, "empty");
      adw_status_page_set_title (self->empty_page, _("Could Not Search"));
      adw_status_page_set_description (self->empty_page, error->message);
      show_candidate (self, -1);
      return self;
    }

  show_candidate (self, -1);
  start_search (self);
  return self;
}
