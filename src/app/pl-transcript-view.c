/* pl-transcript-view.c — a document's text with its annotations highlighted
 *
 * The text view (PlTextView) draws the highlights from the PlAnnotationIndex, the model:
 * there is no text tag per code or per annotation, and a change is an index update and a
 * redraw.  A click on a highlight lists every annotation there, with its coder and memo.
 *
 * A document opens with its text, its statements and the annotations of its first screen;
 * the rest of its annotations come in idle batches, in offset order.  Opening another
 * document (or none) first stops the batches of the last one.
 *
 * The text keeps a readable length of line at any width and text size: a clamp holds it to
 * about 80 characters, and the view asks for room for about 62 (the window folds its
 * panels before the text gets narrower).  The cursor starts at the first statement; a bar
 * in the margin marks the statement it is in.
 *
 * Screen readers: GTK 4.8 has no API for text attributes, so the text view's accessible
 * description says where the cursor is — the statement, its speaker, what is coded there
 * — and is updated as the cursor moves (Orca reads a changed description of the focused
 * widget).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "plenary-transcript-view"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <string.h>

#include "pl-compat.h"
#include "pl-starter-names.h"
#include "pl-text-view.h"
#include "pl-transcript-describe.h"
#include "pl-transcript-gutter.h"
#include "pl-transcript-pointer.h"
#include "pl-transcript-view.h"

/* Characters per line: the most the clamp allows, and the least the view asks room for. */
#define LINE_MAX_CHARS 80
#define LINE_MIN_CHARS 62
#define GUTTER_WIDTH 40
#define LEFT_MARGIN 12
#define RIGHT_MARGIN 24

struct _PlTranscriptView
{
  GtkWidget           parent_instance;

  GtkScrolledWindow  *scroller;
  AdwClampScrollable *clamp;
  PlTextView         *text_view;
  GtkDrawingArea     *gutter;
  GtkPopover         *popover;

  PlProject          *project;
  PlDocument         *document;
  PlAnnotationIndex  *index;
  GArray             *coders;            /* gint64: whose annotations are shown; NULL: all */
  GPtrArray          *statements;        /* PlStatement, in order */
  guint               n_coding_units;    /* of them, those of kind "statement" */
  guint               length;
  char               *caret_description;
  gboolean            primary_released;

  guint               load_source;       /* the idle that reads the annotations */
  guint               loaded_until;      /* annotations starting before are in the index */
  guint               batch_span;        /* characters the next batch covers */
};

/* The annotations read at once: those of the first screen, and more. */
#define FIRST_SCREEN 32768
/* Annotations an idle batch aims at (a few milliseconds of reading). */
#define BATCH_SIZE 2000

G_DEFINE_FINAL_TYPE (PlTranscriptView, pl_transcript_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_DOCUMENT,
  PROP_STATEMENTS,
  PROP_TEXT_SCALE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  INDEX_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void update_caret_description (PlTranscriptView *self);

static gboolean
shows_coder (PlTranscriptView *self,
             gint64            coder_id)
{
  for (guint i = 0; self->coders != NULL && i < self->coders->len; i++)
    if (g_array_index (self->coders, gint64, i) == coder_id)
      return TRUE;
  return self->coders == NULL;
}

/* The annotations of a document that the view shows, in the store's order. */
static GPtrArray *
list_shown_annotations (PlTranscriptView  *self,
                        PlProject         *project,
                        PlDocument        *document,
                        GError           **error)
{
  g_autoptr(GPtrArray) all = pl_project_list_annotations (project, pl_document_get_id (document), error);
  GPtrArray *shown;

  if (all == NULL || self->coders == NULL)
    return g_steal_pointer (&all);
  shown = g_ptr_array_new_with_free_func ((GDestroyNotify) pl_annotation_unref);
  for (guint i = 0; i < all->len; i++)
    if (shows_coder (self, ((PlAnnotation *) g_ptr_array_index (all, i))->coder_id))
      g_ptr_array_add (shown, pl_annotation_ref (g_ptr_array_index (all, i)));
  return shown;
}

static void
on_annotation_added (PlTranscriptView *self,
                     PlAnnotation     *annotation,
                     PlProject        *project)
{
  if (self->document == NULL || annotation->document_id != pl_document_get_id (self->document)
      || !shows_coder (self, annotation->coder_id))
    return;

  /* Where the batches have not reached yet too: it shows at once, and its batch finds it. */
  pl_annotation_index_add (self->index, annotation);
  pl_text_view_invalidate (self->text_view);
  update_caret_description (self);
  g_signal_emit (self, signals[INDEX_CHANGED], 0);
}

static void
on_annotation_removed (PlTranscriptView *self,
                       PlAnnotation     *annotation,
                       PlProject        *project)
{
  if (self->document == NULL || annotation->document_id != pl_document_get_id (self->document))
    return;

  if (pl_annotation_index_remove (self->index, annotation->guid))
    {
      pl_text_view_invalidate (self->text_view);
      update_caret_description (self);
      g_signal_emit (self, signals[INDEX_CHANGED], 0);
    }
  if (g_strcmp0 (pl_text_view_get_focus_annotation (self->text_view), annotation->guid) == 0)
    pl_text_view_set_focus_annotation (self->text_view, NULL);
}

static void
on_annotation_changed (PlTranscriptView *self,
                       PlAnnotation     *annotation,
                       PlProject        *project)
{
  if (self->document == NULL || annotation->document_id != pl_document_get_id (self->document)
      || !shows_coder (self, annotation->coder_id)
      || pl_annotation_index_lookup (self->index, annotation->guid) == NULL)
    return;

  pl_annotation_index_update (self->index, annotation);
  pl_text_view_invalidate (self->text_view);
  update_caret_description (self);
  g_signal_emit (self, signals[INDEX_CHANGED], 0);
}

static void
on_codes_changed (PlTranscriptView *self,
                  PlProject        *project)
{
  gtk_widget_queue_draw (GTK_WIDGET (self->text_view));
}

/* @statements (owned) become the document's, counted once for the screen readers. */
static void
take_statements (PlTranscriptView *self,
                 GPtrArray        *statements)
{
  g_clear_pointer (&self->statements, g_ptr_array_unref);
  self->statements = statements;
  self->n_coding_units = 0;
  for (guint i = 0; i < statements->len; i++)
    self->n_coding_units += ((PlStatement *)g_ptr_array_index (statements, i))->kind == PL_STATEMENT_KIND_STATEMENT;
}

static void
reload_statements (PlTranscriptView *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) statements = NULL;

  statements = pl_project_list_statements (self->project, pl_document_get_id (self->document), &error);
  if (statements == NULL)
    {
      g_debug ("Could not read the statements: %s", error->message);
      return;
    }

  take_statements (self, g_steal_pointer (&statements));
  pl_text_view_set_model (self->text_view, self->project, self->index, self->statements);
  gtk_widget_queue_draw (GTK_WIDGET (self->gutter));
  update_caret_description (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATEMENTS]);
}

static void
on_statements_changed (PlTranscriptView *self,
                       gint64            document_id,
                       PlProject        *project)
{
  if (self->document != NULL && pl_document_get_id (self->document) == document_id)
    reload_statements (self);
}

/* Another program changed the project (pl_project_refresh()): show the document as it is
 * now, where the reader was, or nothing when it was removed. */
static void
on_reloaded (PlTranscriptView *self,
             PlProject        *project)
{
  g_autoptr(PlDocument) document = NULL;
  guint cursor;

  if (self->document == NULL)
    return;

  cursor = pl_transcript_view_get_cursor (self);
  document = pl_project_find_document (project, pl_document_get_id (self->document));
  if (document != NULL)
    g_object_ref (document);
  if (!pl_transcript_view_set_document (self, project, document, NULL))
    pl_transcript_view_set_document (self, NULL, NULL, NULL);
  else if (document != NULL)
    pl_transcript_view_place_cursor (self, MIN (cursor, self->length), FALSE);
}

/* The popover that lists the annotations under a click */

/* The stances as stored, in the order of the stance drop-down. */
static const char *stances[] = { "", "supports", "opposes", "calls_for_new", "reports_practice", "neutral" };

/* @guid: the annotation of the drop-down (the handler's own copy). */
static void
on_stance_selected (GtkDropDown *dropdown,
                    GParamSpec  *pspec,
                    const char  *guid)
{
  guint selected = gtk_drop_down_get_selected (dropdown);

  if (selected < G_N_ELEMENTS (stances))
    pl_widget_activate_action (GTK_WIDGET (dropdown), "win.set-stance", "(ss)", guid, stances[selected]);
}

static void
free_guid (gpointer  guid,
           GClosure *closure)
{
  g_free (guid);
}

static GtkWidget *
annotation_row (PlTranscriptView *self,
                PlAnnotation     *annotation)
{
  PlCode *code = pl_project_find_code (self->project, annotation->code_id);
  PlCoder *coder = pl_project_find_coder (self->project, annotation->coder_id);
  GtkWidget *row, *swatch, *labels, *title, *subtitle, *remove;
  g_autofree char *css_class = NULL;
  g_autofree char *detail = NULL;
  g_autofree char *remove_label = NULL;

  row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);

  swatch = gtk_label_new (NULL);
  gtk_widget_add_css_class (swatch, "code-swatch");
  gtk_widget_set_valign (swatch, GTK_ALIGN_CENTER);
  if (code != NULL)
    {
      css_class = g_strdup_printf ("code-color-%" G_GINT64_FORMAT, pl_code_get_id (code));
      gtk_widget_add_css_class (swatch, css_class);
    }
  gtk_box_append (GTK_BOX (row), swatch);

  labels = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  gtk_widget_set_hexpand (labels, TRUE);
  title = gtk_label_new (code != NULL ? pl_code_get_display_name (code) : _("Unknown code"));
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_wrap (GTK_LABEL (title), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (title), 36);
  gtk_widget_add_css_class (title, "heading");
  gtk_box_append (GTK_BOX (labels), title);

  detail = g_strdup_printf ("%s%s%s",
                            code != NULL && pl_code_get_short_id (code) != NULL ? pl_code_get_short_id (code) : "",
                            code != NULL && pl_code_get_short_id (code) != NULL ? " · " : "",
                            coder != NULL ? coder->name : _("unknown coder"));
  subtitle = gtk_label_new (detail);
  gtk_label_set_xalign (GTK_LABEL (subtitle), 0);
  gtk_widget_add_css_class (subtitle, "dim-label");
  gtk_widget_add_css_class (subtitle, "caption");
  gtk_box_append (GTK_BOX (labels), subtitle);

  if (annotation->memo != NULL)
    {
      GtkWidget *memo = gtk_label_new (annotation->memo);

      gtk_label_set_xalign (GTK_LABEL (memo), 0);
      gtk_label_set_wrap (GTK_LABEL (memo), TRUE);
      gtk_label_set_max_width_chars (GTK_LABEL (memo), 36);
      gtk_box_append (GTK_BOX (labels), memo);
    }
  gtk_box_append (GTK_BOX (row), labels);

  {
    const char *stance_labels[] = { _("No stance"), _("Supports"), _("Opposes"), _("Calls for new"),
                                    _("Reports practice"), _("Neutral mention"), NULL };
    GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
    GtkWidget *stance = gtk_drop_down_new_from_strings (stance_labels);
    GtkWidget *recode = gtk_button_new_with_mnemonic (_("_Change Code…"));
    GtkWidget *memo = gtk_button_new_with_mnemonic (annotation->memo != NULL ? _("Edit _Memo…") : _("Add _Memo…"));

    gtk_widget_set_margin_top (buttons, 4);
    for (guint i = 0; i < G_N_ELEMENTS (stances); i++)
      if (g_strcmp0 (annotation->stance, stances[i]) == 0 || (annotation->stance == NULL && i == 0))
        gtk_drop_down_set_selected (GTK_DROP_DOWN (stance), i);
    gtk_accessible_update_property (GTK_ACCESSIBLE (stance), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                    _("Stance of the speaker"), -1);
    g_signal_connect_data (stance, "notify::selected", G_CALLBACK (on_stance_selected),
                           g_strdup (annotation->guid), free_guid, 0);

    gtk_actionable_set_action_name (GTK_ACTIONABLE (recode), "win.recode-annotation");
    gtk_actionable_set_action_target (GTK_ACTIONABLE (recode), "s", annotation->guid);
    gtk_actionable_set_action_name (GTK_ACTIONABLE (memo), "win.edit-memo");
    gtk_actionable_set_action_target (GTK_ACTIONABLE (memo), "s", annotation->guid);
    gtk_widget_add_css_class (recode, "flat");
    gtk_widget_add_css_class (memo, "flat");
    gtk_box_append (GTK_BOX (buttons), stance);
    gtk_box_append (GTK_BOX (buttons), recode);
    gtk_box_append (GTK_BOX (buttons), memo);
    gtk_box_append (GTK_BOX (labels), buttons);
  }

  remove = gtk_button_new_from_icon_name ("user-trash-symbolic");
  gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (remove, "flat");
  gtk_widget_set_tooltip_text (remove, _("Remove this annotation"));
  remove_label = g_strdup_printf (_("Remove the annotation “%s”"),
                                  code != NULL ? pl_code_get_display_name (code) : "");
  gtk_accessible_update_property (GTK_ACCESSIBLE (remove),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, remove_label, -1);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (remove), "win.remove-annotation");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (remove), "s", annotation->guid);
  gtk_box_append (GTK_BOX (row), remove);

  return row;
}

gboolean
pl_transcript_view_show_annotations_at (PlTranscriptView *self,
                                        guint             offset)
{
  GtkTextBuffer *buffer;
  g_autoptr(GPtrArray) hits = NULL;
  GtkWidget *box;
  GtkTextIter iter;
  GdkRectangle rect;
  int wx, wy;

  g_return_val_if_fail (PL_IS_TRANSCRIPT_VIEW (self), FALSE);

  if (self->document == NULL || offset >= self->length)
    return FALSE;

  hits = pl_annotation_index_at (self->index, offset);
  if (hits->len == 0)
    return FALSE;

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);
  for (guint i = 0; i < hits->len; i++)
    gtk_box_append (GTK_BOX (box), annotation_row (self, g_ptr_array_index (hits, i)));

  pl_accessible_tidy (box);
  gtk_popover_set_child (self->popover, box);

  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->text_view));
  gtk_text_buffer_get_iter_at_offset (buffer, &iter, offset);
  gtk_text_view_get_iter_location (GTK_TEXT_VIEW (self->text_view), &iter, &rect);
  gtk_text_view_buffer_to_window_coords (GTK_TEXT_VIEW (self->text_view), GTK_TEXT_WINDOW_WIDGET,
                                         rect.x, rect.y, &wx, &wy);
  rect.x = wx;
  rect.y = wy;
  rect.width = MAX (rect.width, 1);
  gtk_popover_set_pointing_to (self->popover, &rect);
  pl_text_view_set_focus_annotation (self->text_view, ((PlAnnotation *)g_ptr_array_index (hits, 0))->guid);
  gtk_popover_popup (self->popover);

  return TRUE;
}

char *
pl_transcript_view_dup_annotations_markup (PlTranscriptView *self,
                                           guint             offset)
{
  g_autoptr(GPtrArray) hits = NULL;
  GString *markup;

  g_return_val_if_fail (PL_IS_TRANSCRIPT_VIEW (self), NULL);

  if (self->document == NULL || offset >= self->length)
    return NULL;
  hits = pl_annotation_index_at (self->index, offset);
  if (hits->len == 0)
    return NULL;

  markup = g_string_new (NULL);
  for (guint i = 0; i < hits->len; i++)
    {
      PlAnnotation *annotation = g_ptr_array_index (hits, i);
      PlCode *code = pl_project_find_code (self->project, annotation->code_id);
      PlCoder *coder = pl_project_find_coder (self->project, annotation->coder_id);
      g_autofree char *line = g_markup_printf_escaped ("%s<b>%s</b>%s%s — %s%s%s",
                                                       i > 0 ? "\n" : "",
                                                       code != NULL ? pl_code_get_display_name (code) : "?",
                                                       code != NULL && pl_code_get_short_id (code) != NULL ? " · " : "",
                                                       code != NULL && pl_code_get_short_id (code) != NULL ? pl_code_get_short_id (code) : "",
                                                       coder != NULL ? coder->name : "?",
                                                       annotation->stance != NULL ? ", " : "",
                                                       annotation->stance != NULL ? annotation->stance : "");

      g_string_append (markup, line);
      if (annotation->memo != NULL)
        {
          g_autofree char *memo = g_markup_printf_escaped ("\n<i>%s</i>", annotation->memo);

          g_string_append (markup, memo);
        }
    }
  return g_string_free (markup, FALSE);
}

/* The gutter with statement numbers (drawn in pl-transcript-gutter.c) */

static void
on_scrolled (PlTranscriptView *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self->gutter));
}

/* Loading the annotations */

static void
stop_loading (PlTranscriptView *self)
{
  g_clear_handle_id (&self->load_source, g_source_remove);
}

/* Reads the annotations that start in [loaded_until, @until); FALSE when it failed. */
static gboolean
load_until (PlTranscriptView *self,
            guint             until)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) annotations = NULL;

  until = MIN (until, self->length);
  if (until <= self->loaded_until)
    return TRUE;

  annotations = pl_project_list_annotations_in (self->project, pl_document_get_id (self->document),
                                                self->loaded_until, until, &error);
  if (annotations == NULL)
    {
      g_debug ("Could not read the annotations: %s", error->message);
      return FALSE;
    }

  /* The next batch covers as many characters as should hold BATCH_SIZE annotations. */
  if (annotations->len > 0)
    self->batch_span = CLAMP ((guint64)(until - self->loaded_until) * BATCH_SIZE / annotations->len, 1024, G_MAXINT);
  else
    self->batch_span = MIN ((guint64)self->batch_span * 4, G_MAXINT);
  self->loaded_until = until;
  if (self->coders != NULL)
    {
      g_autoptr(GPtrArray) shown = g_ptr_array_new_with_free_func ((GDestroyNotify) pl_annotation_unref);

      for (guint i = 0; i < annotations->len; i++)
        if (shows_coder (self, ((PlAnnotation *) g_ptr_array_index (annotations, i))->coder_id))
          g_ptr_array_add (shown, pl_annotation_ref (g_ptr_array_index (annotations, i)));
      g_ptr_array_unref (annotations);
      annotations = g_steal_pointer (&shown);
    }
  pl_annotation_index_add_all (self->index, annotations);
  return TRUE;
}

static gboolean
load_batch (gpointer data)
{
  PlTranscriptView *self = data;
  gboolean more;

  more = load_until (self, self->loaded_until + MIN (self->batch_span, G_MAXUINT - self->loaded_until))
         && self->loaded_until < self->length;
  pl_text_view_invalidate (self->text_view);
  g_signal_emit (self, signals[INDEX_CHANGED], 0);

  if (more)
    return G_SOURCE_CONTINUE;
  self->load_source = 0;
  return G_SOURCE_REMOVE;
}

gboolean
pl_transcript_view_is_loading (PlTranscriptView *self)
{
  g_return_val_if_fail (PL_IS_TRANSCRIPT_VIEW (self), FALSE);
  return self->load_source != 0 || pl_text_view_is_loading (self->text_view);
}

void
pl_transcript_view_finish_loading (PlTranscriptView *self)
{
  g_return_if_fail (PL_IS_TRANSCRIPT_VIEW (self));

  while (self->load_source != 0)
    load_batch (self);
  while (pl_text_view_is_loading (self->text_view))
    g_main_context_iteration (NULL, TRUE);
}

/* Where the cursor is, for screen readers */

static void
update_caret_description (PlTranscriptView *self)
{
  g_autofree char *statement_text = NULL;
  g_autofree char *annotations_text = NULL;
  g_autofree char *description = NULL;
  g_autoptr(GPtrArray) hits = NULL;
  guint cursor;
  PlStatement *statement;

  if (self->document == NULL)
    description = g_strdup ("");
  else
    {
      cursor = pl_transcript_view_get_cursor (self);
      statement = pl_text_view_get_current_statement (self->text_view);
      if (cursor < self->length)
        hits = pl_annotation_index_at (self->index, cursor);
      statement_text = statement != NULL ? pl_transcript_describe_statement (statement, self->n_coding_units)
                                         : g_strdup (_("Between statements."));
      annotations_text = pl_transcript_describe_annotations (self->project, hits);
      description = g_strdup_printf ("%s %s", statement_text, annotations_text);
    }

  if (g_strcmp0 (description, self->caret_description) == 0)
    return;
  g_free (self->caret_description);
  self->caret_description = g_steal_pointer (&description);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->text_view), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  self->caret_description, -1);
}

const char *
pl_transcript_view_get_caret_description (PlTranscriptView *self)
{
  g_return_val_if_fail (PL_IS_TRANSCRIPT_VIEW (self), NULL);
  return self->caret_description;
}

static void
on_mark_set (PlTranscriptView *self,
             GtkTextIter      *location,
             GtkTextMark      *mark,
             GtkTextBuffer    *buffer)
{
  if (mark != gtk_text_buffer_get_insert (buffer))
    return;

  /* The marker of the current statement follows the cursor. */
  gtk_widget_queue_draw (GTK_WIDGET (self->text_view));
  gtk_widget_queue_draw (GTK_WIDGET (self->gutter));
  update_caret_description (self);
}

/* Line length */

void
pl_transcript_view_update_metrics (PlTranscriptView *self)
{
  PangoFontMetrics *metrics;
  double char_width;
  int chrome = GUTTER_WIDTH + LEFT_MARGIN + RIGHT_MARGIN;
  int widest;

  g_return_if_fail (PL_IS_TRANSCRIPT_VIEW (self));

  metrics = pango_context_get_metrics (gtk_widget_get_pango_context (GTK_WIDGET (self->text_view)), NULL, NULL);
  char_width = pango_font_metrics_get_approximate_char_width (metrics) / (double) PANGO_SCALE
               * pl_text_view_get_text_scale (self->text_view);
  pango_font_metrics_unref (metrics);

  widest = chrome + (int) (LINE_MAX_CHARS * char_width);
  if (adw_clamp_scrollable_get_maximum_size (self->clamp) != widest)
    {
      adw_clamp_scrollable_set_maximum_size (self->clamp, widest);
      adw_clamp_scrollable_set_tightening_threshold (self->clamp, widest);
    }
  gtk_widget_set_size_request (GTK_WIDGET (self), chrome + (int) (LINE_MIN_CHARS * char_width), -1);
  pl_text_view_update_metrics (self->text_view);
}

double
pl_transcript_view_get_text_scale (PlTranscriptView *self)
{
  g_return_val_if_fail (PL_IS_TRANSCRIPT_VIEW (self), 1.0);
  return pl_text_view_get_text_scale (self->text_view);
}

void
pl_transcript_view_set_text_scale (PlTranscriptView *self,
                                   double            scale)
{
  g_return_if_fail (PL_IS_TRANSCRIPT_VIEW (self));

  if (G_APPROX_VALUE (pl_text_view_get_text_scale (self->text_view), scale, 0.001))
    return;
  pl_text_view_set_text_scale (self->text_view, scale);
  pl_transcript_view_update_metrics (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TEXT_SCALE]);
}

/* The selection is the span about to be coded: GTK drops it whenever another window (or the
 * other pane) takes the PRIMARY selection.  So the text gives up PRIMARY (Ctrl+C copies).
 * GTK claims it for the buffer of a realized view and releases it itself on unrealize or a
 * new buffer: the claim is handed back just before, to keep its books straight. */
static void
release_primary (PlTranscriptView *self)
{
  GtkWidget *view = GTK_WIDGET (self->text_view);

  if (!gtk_widget_get_realized (view) || self->primary_released)
    return;
  gtk_text_buffer_remove_selection_clipboard (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)),
                                              gtk_widget_get_primary_clipboard (view));
  self->primary_released = TRUE;
}

static void
restore_primary (PlTranscriptView *self)
{
  GtkWidget *view = GTK_WIDGET (self->text_view);

  if (!gtk_widget_get_realized (view) || !self->primary_released)
    return;
  gtk_text_buffer_add_selection_clipboard (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)),
                                           gtk_widget_get_primary_clipboard (view));
  self->primary_released = FALSE;
}

static void
on_text_realized (PlTranscriptView *self)
{
  self->primary_released = FALSE;
  release_primary (self);
}

/* The first coding unit: where a newly opened document puts the cursor. */
static guint
first_statement_start (PlTranscriptView *self)
{
  for (guint i = 0; self->statements != NULL && i < self->statements->len; i++)
    {
      PlStatement *statement = g_ptr_array_index (self->statements, i);

      if (statement->kind == PL_STATEMENT_KIND_STATEMENT)
        return statement->start;
    }
  return 0;
}

/* Setting the document */

gboolean
pl_transcript_view_set_document (PlTranscriptView  *self,
                                 PlProject         *project,
                                 PlDocument        *document,
                                 GError           **error)
{
  g_autofree char *text = NULL;
  g_autoptr(GPtrArray) statements = NULL;
  g_autoptr(GPtrArray) none = g_ptr_array_new ();

  g_return_val_if_fail (PL_IS_TRANSCRIPT_VIEW (self), FALSE);
  g_return_val_if_fail (project == NULL || PL_IS_PROJECT (project), FALSE);
  g_return_val_if_fail (document == NULL || PL_IS_DOCUMENT (document), FALSE);
  g_return_val_if_fail (document == NULL || project != NULL, FALSE);

  if (document != NULL)
    {
      text = pl_project_dup_document_text (project, pl_document_get_id (document), error);
      if (text == NULL)
        return FALSE;
      statements = pl_project_list_statements (project, pl_document_get_id (document), error);
      if (statements == NULL)
        return FALSE;
    }

  /* Nothing of the last document's loading runs from here on. */
  stop_loading (self);

  if (self->project != project)
    {
      if (self->project != NULL)
        g_signal_handlers_disconnect_by_data (self->project, self);
      g_set_object (&self->project, project);
      if (project != NULL)
        {
          g_signal_connect_object (project, "annotation-added",
                                   G_CALLBACK (on_annotation_added), self, G_CONNECT_SWAPPED);
          g_signal_connect_object (project, "annotation-removed",
                                   G_CALLBACK (on_annotation_removed), self, G_CONNECT_SWAPPED);
          g_signal_connect_object (project, "annotation-changed",
                                   G_CALLBACK (on_annotation_changed), self, G_CONNECT_SWAPPED);
          g_signal_connect_object (project, "codes-changed",
                                   G_CALLBACK (on_codes_changed), self, G_CONNECT_SWAPPED);
          g_signal_connect_object (project, "statements-changed",
                                   G_CALLBACK (on_statements_changed), self, G_CONNECT_SWAPPED);
          g_signal_connect_object (project, "reloaded",
                                   G_CALLBACK (on_reloaded), self, G_CONNECT_SWAPPED);
        }
    }

  g_signal_handlers_disconnect_by_func (gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->text_view)),
                                        on_mark_set, self);
  restore_primary (self);
  pl_text_view_set_text (self->text_view, text);
  release_primary (self);

  g_set_object (&self->document, document);
  self->length = document != NULL ? pl_document_get_length (document) : 0;
  pl_annotation_index_set (self->index, none);
  self->loaded_until = 0;
  self->batch_span = FIRST_SCREEN;

  take_statements (self, statements != NULL ? g_steal_pointer (&statements) : g_ptr_array_new ());

  /* The first screen's highlights now, the rest in batches. */
  if (document != NULL && load_until (self, FIRST_SCREEN) && self->loaded_until < self->length)
    {
      self->load_source = g_idle_add_full (GTK_TEXT_VIEW_PRIORITY_VALIDATE, load_batch, self, NULL);
      g_source_set_static_name (g_main_context_find_source_by_id (NULL, self->load_source),
                                "[plenary] annotations");
    }

  pl_text_view_set_model (self->text_view, project, self->index, self->statements);
  gtk_widget_queue_draw (GTK_WIDGET (self->gutter));

  /* The cursor starts at the first statement, so the statement keys start from there.  The
   * text stays at its top: the front matter above is the document's context. */
  pl_transcript_view_place_cursor (self, first_statement_start (self), FALSE);
  g_signal_connect_object (gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->text_view)), "mark-set",
                           G_CALLBACK (on_mark_set), self, G_CONNECT_SWAPPED);
  {
    g_autofree char *label = document != NULL
      ? g_strdup_printf (_("Text of “%s”"), pl_document_get_title (document)) : g_strdup (_("Document text"));

    gtk_accessible_update_property (GTK_ACCESSIBLE (self->text_view), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  }
  update_caret_description (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DOCUMENT]);
  g_signal_emit (self, signals[INDEX_CHANGED], 0);
  return TRUE;
}

static gboolean
same_coders (GArray *a,
             GArray *b)
{
  if (a == NULL || b == NULL)
    return a == b;
  return a->len == b->len && memcmp (a->data, b->data, a->len * sizeof (gint64)) == 0;
}

void
pl_transcript_view_set_coders (PlTranscriptView *self,
                               GArray           *coder_ids)
{
  g_return_if_fail (PL_IS_TRANSCRIPT_VIEW (self));

  /* The same coders (a project opened, not blind): what is loaded, or loading, stays. */
  if (same_coders (self->coders, coder_ids))
    return;
  g_clear_pointer (&self->coders, g_array_unref);
  if (coder_ids != NULL)
    self->coders = g_array_copy (coder_ids);
  pl_transcript_view_reload_annotations (self);
}

void
pl_transcript_view_reload_annotations (PlTranscriptView *self)
{
  g_autoptr(GPtrArray) annotations = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (PL_IS_TRANSCRIPT_VIEW (self));

  if (self->document == NULL)
    return;

  /* All of the document at once: what a batch still to come would add is here already. */
  stop_loading (self);
  self->loaded_until = self->length;
  annotations = list_shown_annotations (self, self->project, self->document, &error);
  if (annotations == NULL)
    g_debug ("Could not read the annotations: %s", error->message);
  pl_annotation_index_set (self->index, annotations != NULL ? annotations : (annotations = g_ptr_array_new ()));
  pl_text_view_set_focus_annotation (self->text_view, NULL);
  pl_text_view_invalidate (self->text_view);
  update_caret_description (self);
  g_signal_emit (self, signals[INDEX_CHANGED], 0);
}

PlDocument *
pl_transcript_view_get_document (PlTranscriptView *self)
{
  g_return_val_if_fail (PL_IS_TRANSCRIPT_VIEW (self), NULL);
  return self->document;
}

GtkTextView *
pl_transcript_view_get_text_view (PlTranscriptView *self)
{
  g_return_val_if_fail (PL_IS_TRANSCRIPT_VIEW (self), NULL);
  return GTK_TEXT_VIEW (self->text_view);
}

GPtrArray *
pl_transcript_view_get_statements (PlTranscriptView *self)
{
  g_return_val_if_fail (PL_IS_TRANSCRIPT_VIEW (self), NULL);
  return self->statements;
}

guint
pl_transcript_view_get_cursor (PlTranscriptView *self)
{
  GtkTextBuffer *buffer;
  GtkTextIter iter;

  g_return_val_if_fail (PL_IS_TRANSCRIPT_VIEW (self), 0);

  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->text_view));
  gtk_text_buffer_get_iter_at_mark (buffer, &iter, gtk_text_buffer_get_insert (buffer));
  return gtk_text_iter_get_offset (&iter);
}

PlStatement *
pl_transcript_view_get_statement_at (PlTranscriptView *self,
                                     guint             offset)
{
  g_return_val_if_fail (PL_IS_TRANSCRIPT_VIEW (self), NULL);
  return pl_text_view_get_statement_before (self->text_view, offset);
}

void
pl_transcript_view_place_cursor (PlTranscriptView *self,
                                 guint             offset,
                                 gboolean          scroll)
{
  GtkTextBuffer *buffer;
  GtkTextIter iter;

  g_return_if_fail (PL_IS_TRANSCRIPT_VIEW (self));

  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->text_view));
  gtk_text_buffer_get_iter_at_offset (buffer, &iter, offset);
  gtk_text_buffer_place_cursor (buffer, &iter);
  if (scroll)
    gtk_text_view_scroll_to_mark (GTK_TEXT_VIEW (self->text_view), gtk_text_buffer_get_insert (buffer),
                                  0.1, TRUE, 0.0, 0.2);
}

void
pl_transcript_view_scroll_to_statement (PlTranscriptView *self,
                                        guint             index)
{
  GtkTextView *view;
  GtkTextIter iter;
  PlStatement *statement;
  GdkRectangle location;

  g_return_if_fail (PL_IS_TRANSCRIPT_VIEW (self));

  if (self->statements == NULL || index == 0 || index > self->statements->len)
    return;

  view = GTK_TEXT_VIEW (self->text_view);
  statement = g_ptr_array_index (self->statements, index - 1);
  gtk_text_buffer_get_iter_at_offset (gtk_text_view_get_buffer (view), &iter, statement->start);
  gtk_text_view_get_iter_location (view, &iter, &location);
  /* Directly, not animated: the other pane follows while the user scrolls.  The header
   * above the statement stays in view. */
  gtk_adjustment_set_value (gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (view)),
                            MAX (0, location.y - pl_text_view_get_header_space (self->text_view) - 6));
}

void
pl_transcript_view_hide_annotations (PlTranscriptView *self)
{
  g_return_if_fail (PL_IS_TRANSCRIPT_VIEW (self));

  if (self->popover != NULL)
    gtk_popover_popdown (self->popover);
}

PlTextView *
pl_transcript_view_get_pl_text_view (PlTranscriptView *self)
{
  g_return_val_if_fail (PL_IS_TRANSCRIPT_VIEW (self), NULL);
  return self->text_view;
}

PlAnnotationIndex *
pl_transcript_view_get_index (PlTranscriptView *self)
{
  g_return_val_if_fail (PL_IS_TRANSCRIPT_VIEW (self), NULL);
  return self->index;
}

gboolean
pl_transcript_view_get_selection (PlTranscriptView *self,
                                  guint            *start,
                                  guint            *end)
{
  GtkTextIter s, e;

  g_return_val_if_fail (PL_IS_TRANSCRIPT_VIEW (self), FALSE);

  if (self->document == NULL
      || !gtk_text_buffer_get_selection_bounds (gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->text_view)), &s, &e))
    return FALSE;

  *start = gtk_text_iter_get_offset (&s);
  *end = gtk_text_iter_get_offset (&e);
  return *start < *end;
}

void
pl_transcript_view_select_range (PlTranscriptView *self,
                                 guint             start,
                                 guint             end)
{
  GtkTextBuffer *buffer;
  GtkTextIter s, e;

  g_return_if_fail (PL_IS_TRANSCRIPT_VIEW (self));

  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->text_view));
  gtk_text_buffer_get_iter_at_offset (buffer, &s, start);
  gtk_text_buffer_get_iter_at_offset (buffer, &e, end);
  gtk_text_buffer_select_range (buffer, &s, &e);
}

/* GObject */

static void
pl_transcript_view_dispose (GObject *object)
{
  PlTranscriptView *self = (PlTranscriptView *)object;

  stop_loading (self);
  g_clear_pointer ((GtkWidget **)&self->popover, gtk_widget_unparent);
  gtk_widget_dispose_template (GTK_WIDGET (self), PL_TYPE_TRANSCRIPT_VIEW);
  if (self->project != NULL)
    g_signal_handlers_disconnect_by_data (self->project, self);
  g_clear_object (&self->project);
  g_clear_object (&self->document);

  G_OBJECT_CLASS (pl_transcript_view_parent_class)->dispose (object);
}

static void
pl_transcript_view_finalize (GObject *object)
{
  PlTranscriptView *self = (PlTranscriptView *)object;

  g_clear_pointer (&self->index, pl_annotation_index_free);
  g_clear_pointer (&self->coders, g_array_unref);
  g_clear_pointer (&self->statements, g_ptr_array_unref);
  g_free (self->caret_description);

  G_OBJECT_CLASS (pl_transcript_view_parent_class)->finalize (object);
}

static void
pl_transcript_view_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  PlTranscriptView *self = PL_TRANSCRIPT_VIEW (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      g_value_set_object (value, self->document);
      break;

    case PROP_STATEMENTS:
      g_value_set_boxed (value, self->statements);
      break;

    case PROP_TEXT_SCALE:
      g_value_set_double (value, pl_transcript_view_get_text_scale (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pl_transcript_view_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  PlTranscriptView *self = PL_TRANSCRIPT_VIEW (object);

  switch (prop_id)
    {
    case PROP_TEXT_SCALE:
      pl_transcript_view_set_text_scale (self, g_value_get_double (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pl_transcript_view_class_init (PlTranscriptViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pl_transcript_view_dispose;
  object_class->finalize = pl_transcript_view_finalize;
  object_class->get_property = pl_transcript_view_get_property;
  object_class->set_property = pl_transcript_view_set_property;

  g_type_ensure (PL_TYPE_TEXT_VIEW);

  properties[PROP_DOCUMENT] =
    g_param_spec_object ("document", NULL, NULL, PL_TYPE_DOCUMENT,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* Notified when the statements of the document were reloaded (split, merge, speaker). */
  properties[PROP_STATEMENTS] =
    g_param_spec_boxed ("statements", NULL, NULL, G_TYPE_PTR_ARRAY,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* The size of the text, a factor of the normal size (the "text-scale" setting). */
  properties[PROP_TEXT_SCALE] =
    g_param_spec_double ("text-scale", NULL, NULL, 0.5, 3.0, 1.0,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * PlTranscriptView::index-changed:
   *
   * Emitted after the view's annotation index changed (a document was shown, or an
   * annotation of it was added, removed or changed).
   */
  signals[INDEX_CHANGED] =
    g_signal_new ("index-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/plenary/Plenary/pl-transcript-view.ui");
  gtk_widget_class_bind_template_child (widget_class, PlTranscriptView, scroller);
  gtk_widget_class_bind_template_child (widget_class, PlTranscriptView, clamp);
  gtk_widget_class_bind_template_child (widget_class, PlTranscriptView, text_view);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "transcriptview");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
pl_transcript_view_init (PlTranscriptView *self)
{
  GtkGesture *click;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->index = pl_annotation_index_new ();

  self->gutter = GTK_DRAWING_AREA (gtk_drawing_area_new ());
  gtk_drawing_area_set_content_width (self->gutter, GUTTER_WIDTH);
  gtk_drawing_area_set_draw_func (self->gutter, pl_transcript_gutter_draw, self, NULL);
  gtk_widget_add_css_class (GTK_WIDGET (self->gutter), "statement-gutter");
  gtk_text_view_set_gutter (GTK_TEXT_VIEW (self->text_view), GTK_TEXT_WINDOW_LEFT, GTK_WIDGET (self->gutter));
  gtk_text_view_set_left_margin (GTK_TEXT_VIEW (self->text_view), LEFT_MARGIN);
  gtk_text_view_set_right_margin (GTK_TEXT_VIEW (self->text_view), RIGHT_MARGIN);
  g_signal_connect_object (gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->text_view)), "mark-set",
                           G_CALLBACK (on_mark_set), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->text_view, "realize", G_CALLBACK (on_text_realized), self,
                           G_CONNECT_SWAPPED | G_CONNECT_AFTER);
  g_signal_connect_object (self->text_view, "unrealize", G_CALLBACK (restore_primary), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (gtk_scrolled_window_get_vadjustment (self->scroller), "value-changed",
                           G_CALLBACK (on_scrolled), self, G_CONNECT_SWAPPED);

  self->popover = GTK_POPOVER (gtk_popover_new ());
  gtk_popover_set_position (self->popover, GTK_POS_BOTTOM);
  gtk_widget_set_parent (GTK_WIDGET (self->popover), GTK_WIDGET (self->text_view));

  click = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_PRIMARY);
  g_signal_connect (click, "released", G_CALLBACK (pl_transcript_pointer_released), self);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self->text_view), TRUE);
  g_signal_connect (self->text_view, "query-tooltip", G_CALLBACK (pl_transcript_pointer_query_tooltip), self);
  gtk_widget_add_controller (GTK_WIDGET (self->text_view), GTK_EVENT_CONTROLLER (click));
}

GtkWidget *
pl_transcript_view_new (void)
{
  return g_object_new (PL_TYPE_TRANSCRIPT_VIEW, NULL);
}
