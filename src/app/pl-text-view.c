/* pl-text-view.c — a text view that draws annotations and speaker headers itself
 *
 * Highlights are drawn in snapshot_layer, for the visible lines only, from the model's
 * offset index: applying or removing a code is an index update and a redraw, whatever the
 * number of annotations (text tags cost seconds at tens of thousands of ranges).  Every
 * annotation tints its span in its code's colour and draws a stripe under it; where spans
 * overlap, stripes stack in lanes (kept by the index) so each code stays visible.  A header
 * with the speaker (entity, regional group, entity type) sits in the space above each
 * statement; the space is a text tag on the statement's first character, applied for the
 * first screen at once and for the rest of a large document in idle batches.  Search hits
 * (Ctrl+F) are boxed in yellow over the highlights, the current one more strongly.
 *
 * The view owns its buffer: pl_text_view_set_text() replaces it, and first makes GTK 4.8's
 * layout forget the lines of the old one (see forget_layout()).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "plenary-text-view"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "pl-text-view.h"
#include "pl-transcript-describe.h"

#define STRIPE_HEIGHT 2
#define STRIPE_GAP 1
/* Lanes with room for a stripe under the line; and how many annotations' tints are laid
 * over each other at most (beyond a few, a tint adds no information, only cost: dense
 * coding stacks dozens). */
#define STRIPE_LANES 5
#define TINT_LAYERS 3
/* Statements whose header space is applied at once: the first screen, and more. */
#define FIRST_SCREEN 32768
/* The time one idle batch of header space may take, in µs. */
#define BATCH_TIME 4000
#define MARKER_WIDTH 3

struct _PlTextView
{
  GtkTextView        parent_instance;

  PlProject         *project;
  PlAnnotationIndex *index;         /* borrowed from the transcript view */
  GPtrArray         *statements;    /* PlStatement */
  guint              headers_until; /* every statement starting before has its header space */
  guint              headers_next;  /* the first statement that may not */
  guint              headers_source;
  guint              stripe_lanes;  /* the lanes the space under the lines is made for */
  GHashTable        *headers;       /* PlStatement* on screen → Header */
  char              *focus_guid;
  GArray            *marks;       /* PlTextMark, or NULL */
  GtkTextTag        *head_tag;
  GtkTextTag        *lanes_tag;   /* over the whole text: stripe space and text size */
  double             text_scale;
  int                header_space;
  GArray            *search_matches;  /* PlSearchMatch by start, or NULL */
  int                search_current;
};

G_DEFINE_FINAL_TYPE (PlTextView, pl_text_view, GTK_TYPE_TEXT_VIEW)

static gboolean
is_dark (void)
{
  return adw_style_manager_get_dark (adw_style_manager_get_default ());
}

static void
code_color (PlTextView *self,
            gint64      code_id,
            GdkRGBA    *color)
{
  PlCode *code = self->project != NULL ? pl_project_find_code (self->project, code_id) : NULL;
  const char *spec = code == NULL ? NULL : is_dark () ? pl_code_get_color_dark (code) : pl_code_get_color (code);

  if (spec == NULL || !gdk_rgba_parse (color, spec))
    gdk_rgba_parse (color, "#999999");
}

/* Room under each line for the stripes of the deepest overlap.  Changing it relays out the
 * whole text, so it only happens when the depth changes. */
static void
update_stripe_space (PlTextView *self)
{
  guint n_lanes = MIN (pl_text_view_get_n_lanes (self), STRIPE_LANES);

  if (self->lanes_tag == NULL || n_lanes == self->stripe_lanes)
    return;
  self->stripe_lanes = n_lanes;
  g_object_set (self->lanes_tag,
                "pixels-below-lines", 3 + n_lanes * (STRIPE_HEIGHT + STRIPE_GAP),
                "pixels-inside-wrap", 1 + n_lanes * (STRIPE_HEIGHT + STRIPE_GAP),
                NULL);
}

guint
pl_text_view_get_lane (PlTextView   *self,
                       PlAnnotation *annotation)
{
  g_return_val_if_fail (PL_IS_TEXT_VIEW (self), 0);

  return self->index != NULL ? pl_annotation_index_get_lane (self->index, annotation) : 0;
}

guint
pl_text_view_get_n_lanes (PlTextView *self)
{
  g_return_val_if_fail (PL_IS_TEXT_VIEW (self), 0);
  return self->index != NULL ? pl_annotation_index_get_n_lanes (self->index) : 0;
}

/* The display lines of the visible text, laid out once per frame: each annotation's
 * rectangles are then a search in them and at most two iter locations. */
typedef struct
{
  guint start;    /* offsets of the line's first glyph and after its last (a line break */
  guint end;      /* is not a glyph: a blank line is empty, and gets no bar) */
  int   x0;       /* where its glyphs start and end, in buffer coordinates */
  int   x1;
  int   y;
  int   height;
} Line;

static GArray *
visible_lines (PlTextView *self,
               guint       start,
               guint       end)
{
  GtkTextView *view = GTK_TEXT_VIEW (self);
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GArray *lines = g_array_new (FALSE, FALSE, sizeof (Line));
  GtkTextIter it, next, last;
  gboolean more = TRUE;

  gtk_text_buffer_get_iter_at_offset (buffer, &it, start);
  while (more && (guint) gtk_text_iter_get_offset (&it) < end)
    {
      GdkRectangle a, b;
      Line line;

      next = it;
      more = gtk_text_view_forward_display_line (view, &next);
      if (!more)
        gtk_text_buffer_get_end_iter (buffer, &next);
      if (gtk_text_iter_equal (&next, &it))
        break;
      last = next;
      gtk_text_iter_backward_char (&last);

      line.start = gtk_text_iter_get_offset (&it);
      line.end = gtk_text_iter_get_offset (&last) + (gtk_text_iter_ends_line (&last) ? 0 : 1);
      if (line.end > line.start)
        {
          gtk_text_view_get_iter_location (view, &it, &a);
          gtk_text_view_get_iter_location (view, &last, &b);
          line.x0 = a.x;
          line.x1 = gtk_text_iter_ends_line (&last) ? b.x : b.x + b.width;
          line.y = a.y;
          line.height = a.height;
          g_array_append_val (lines, line);
        }
      it = next;
    }
  return lines;
}

/* The x of the character at @offset on its line, asked of the layout once per frame. */
static int
x_at (PlTextView *self,
      GHashTable *xs,
      guint       offset)
{
  GtkTextIter iter;
  GdkRectangle location;
  gpointer x;

  if (g_hash_table_lookup_extended (xs, GUINT_TO_POINTER (offset), NULL, &x))
    return GPOINTER_TO_INT (x);
  gtk_text_buffer_get_iter_at_offset (gtk_text_view_get_buffer (GTK_TEXT_VIEW (self)), &iter, offset);
  gtk_text_view_get_iter_location (GTK_TEXT_VIEW (self), &iter, &location);
  g_hash_table_insert (xs, GUINT_TO_POINTER (offset), GINT_TO_POINTER (location.x));
  return location.x;
}

/* The rectangles of [@start, @end) on @lines, in buffer coordinates, into @rects. */
static void
span_rects (PlTextView *self,
            GArray     *lines,
            GHashTable *xs,
            guint       start,
            guint       end,
            GArray     *rects)
{
  guint lo = 0, hi = lines->len;

  g_array_set_size (rects, 0);

  /* The first line that ends after @start; then each that starts before @end. */
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (g_array_index (lines, Line, mid).end <= start)
        lo = mid + 1;
      else
        hi = mid;
    }

  for (guint i = lo; i < lines->len; i++)
    {
      const Line *line = &g_array_index (lines, Line, i);
      int x0, x1;

      if (line->start >= end)
        break;
      x0 = start > line->start ? x_at (self, xs, start) : line->x0;
      x1 = end < line->end ? x_at (self, xs, end) : line->x1;
      if (x1 > x0)
        g_array_append_val (rects, GRAPHENE_RECT_INIT (x0, line->y, x1 - x0, line->height));
    }
}

typedef struct
{
  GdkRGBA stripe;
  guint   lane;
  gboolean focus;
} Paint;

static void
paint_stripe (GtkSnapshot           *snapshot,
              const graphene_rect_t *rect,
              const Paint           *paint)
{
  graphene_rect_t stripe = GRAPHENE_RECT_INIT (rect->origin.x,
                                               rect->origin.y + rect->size.height + 1
                                                 + paint->lane * (STRIPE_HEIGHT + STRIPE_GAP),
                                               rect->size.width, STRIPE_HEIGHT);

  gtk_snapshot_append_color (snapshot, &paint->stripe, &stripe);

  if (paint->focus)
    {
      GskRoundedRect outline;
      float widths[4] = { 1.5f, 1.5f, 1.5f, 1.5f };
      GdkRGBA colors[4] = { paint->stripe, paint->stripe, paint->stripe, paint->stripe };
      graphene_rect_t box = GRAPHENE_RECT_INIT (rect->origin.x - 2, rect->origin.y - 1,
                                                rect->size.width + 4, rect->size.height + 2);

      gsk_rounded_rect_init_from_rect (&outline, &box, 3);
      gtk_snapshot_append_border (snapshot, &outline, widths, colors);
    }
}

static void
visible_range (PlTextView *self,
               guint      *start,
               guint      *end)
{
  GtkTextView *view = GTK_TEXT_VIEW (self);
  GdkRectangle visible;
  GtkTextIter top, bottom;

  gtk_text_view_get_visible_rect (view, &visible);
  gtk_text_view_get_iter_at_location (view, &top, visible.x, visible.y);
  gtk_text_view_get_iter_at_location (view, &bottom, visible.x + visible.width, visible.y + visible.height);
  gtk_text_iter_forward_line (&bottom);
  gtk_text_iter_set_line_offset (&top, 0);
  *start = gtk_text_iter_get_offset (&top);
  *end = gtk_text_iter_get_offset (&bottom);
}

static int
compare_offsets (gconstpointer a,
                 gconstpointer b)
{
  guint x = *(const guint *)a, y = *(const guint *)b;

  return x < y ? -1 : x > y;
}

/* @over laid on @under, both not premultiplied. */
static void
blend (GdkRGBA       *under,
       const GdkRGBA *over)
{
  float alpha = over->alpha + under->alpha * (1 - over->alpha);

  if (alpha <= 0)
    return;
  under->red = (over->red * over->alpha + under->red * under->alpha * (1 - over->alpha)) / alpha;
  under->green = (over->green * over->alpha + under->green * under->alpha * (1 - over->alpha)) / alpha;
  under->blue = (over->blue * over->alpha + under->blue * under->alpha * (1 - over->alpha)) / alpha;
  under->alpha = alpha;
}

/* The tints: on each line, cut where an annotation starts or ends, one rectangle per piece
 * in the colours of the annotations over it laid on each other in offset order, as if each
 * annotation were tinted on its own (up to TINT_LAYERS of them): every pixel is painted
 * once, however many annotations cover it. */
static void
snapshot_tints (PlTextView  *self,
                GtkSnapshot *snapshot,
                GArray      *lines,
                GPtrArray   *hits,
                GArray      *tints,
                GHashTable  *xs)
{
  g_autoptr(GPtrArray) here = g_ptr_array_new ();
  g_autoptr(GArray) cuts = g_array_new (FALSE, FALSE, sizeof (guint));

  for (guint l = 0; l < lines->len; l++)
    {
      const Line *line = &g_array_index (lines, Line, l);

      g_ptr_array_set_size (here, 0);
      g_array_set_size (cuts, 0);
      g_array_append_val (cuts, line->start);
      g_array_append_val (cuts, line->end);
      for (guint i = 0; i < hits->len; i++)
        {
          PlAnnotation *annotation = g_ptr_array_index (hits, i);

          if (annotation->start >= line->end)
            break;
          if (annotation->end <= line->start)
            continue;
          g_ptr_array_add (here, GUINT_TO_POINTER (i));
          if (annotation->start > line->start)
            g_array_append_val (cuts, annotation->start);
          if (annotation->end < line->end)
            g_array_append_val (cuts, annotation->end);
        }
      if (here->len == 0)
        continue;
      g_array_sort (cuts, compare_offsets);

      for (guint c = 0; c + 1 < cuts->len; c++)
        {
          guint from = g_array_index (cuts, guint, c), to = g_array_index (cuts, guint, c + 1);
          GdkRGBA color = { 0, 0, 0, 0 };
          guint layers = 0;
          int x0, x1;

          if (from == to)
            continue;
          for (guint k = 0; k < here->len && layers < TINT_LAYERS; k++)
            {
              guint i = GPOINTER_TO_UINT (g_ptr_array_index (here, k));
              PlAnnotation *annotation = g_ptr_array_index (hits, i);

              if (annotation->start <= from && annotation->end > from)
                {
                  blend (&color, &g_array_index (tints, GdkRGBA, i));
                  layers++;
                }
            }
          if (layers == 0)
            continue;
          x0 = from == line->start ? line->x0 : x_at (self, xs, from);
          x1 = to == line->end ? line->x1 : x_at (self, xs, to);
          if (x1 > x0)
            gtk_snapshot_append_color (snapshot, &color, &GRAPHENE_RECT_INIT (x0, line->y, x1 - x0, line->height));
        }
    }
}

PlStatement *
pl_text_view_get_statement_before (PlTextView *self,
                                   guint       offset)
{
  guint lo = 0, hi;

  g_return_val_if_fail (PL_IS_TEXT_VIEW (self), NULL);

  if (self->statements == NULL)
    return NULL;

  /* The last statement that starts at or before @offset. */
  hi = self->statements->len;
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (((PlStatement *)g_ptr_array_index (self->statements, mid))->start <= offset)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo > 0 ? g_ptr_array_index (self->statements, lo - 1) : NULL;
}

PlStatement *
pl_text_view_get_current_statement (PlTextView *self)
{
  GtkTextBuffer *buffer;
  GtkTextIter iter;
  guint offset;
  PlStatement *statement;

  g_return_val_if_fail (PL_IS_TEXT_VIEW (self), NULL);

  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self));
  gtk_text_buffer_get_iter_at_mark (buffer, &iter, gtk_text_buffer_get_insert (buffer));
  offset = gtk_text_iter_get_offset (&iter);
  statement = pl_text_view_get_statement_before (self, offset);
  return statement != NULL && offset <= statement->end ? statement : NULL;
}

/* A bar in the margin beside [@start, @end). */
static void
snapshot_margin_bar (PlTextView    *self,
                     GtkSnapshot   *snapshot,
                     guint          start,
                     guint          end,
                     const GdkRGBA *color)
{
  GtkTextView *view = GTK_TEXT_VIEW (self);
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter first_iter, last_iter;
  GdkRectangle first, last;
  GskRoundedRect bar;

  gtk_text_buffer_get_iter_at_offset (buffer, &first_iter, start);
  gtk_text_buffer_get_iter_at_offset (buffer, &last_iter, MAX (start + 1, end) - 1);
  gtk_text_view_get_iter_location (view, &first_iter, &first);
  gtk_text_view_get_iter_location (view, &last_iter, &last);
  gsk_rounded_rect_init_from_rect (&bar, &GRAPHENE_RECT_INIT (MAX (0, gtk_text_view_get_left_margin (view) - 3 * MARKER_WIDTH),
                                                              first.y, MARKER_WIDTH,
                                                              last.y + last.height - first.y),
                                   MARKER_WIDTH / 2.0f);
  gtk_snapshot_push_rounded_clip (snapshot, &bar);
  gtk_snapshot_append_color (snapshot, color, &bar.bounds);
  gtk_snapshot_pop (snapshot);
}

/* A bar in the margin beside the statement the cursor is in: where the keys act. */
static void
snapshot_current_statement (PlTextView  *self,
                            GtkSnapshot *snapshot)
{
  PlStatement *statement = pl_text_view_get_current_statement (self);
  GdkRGBA color;

  if (statement == NULL || statement->start >= statement->end)
    return;

  gdk_rgba_parse (&color, is_dark () ? "#78aeed" : "#1c71d8");
  snapshot_margin_bar (self, snapshot, statement->start, statement->end, &color);
}

/* Marked spans (a comparison's disagreements): a bar in the margin, yellow while open,
 * green once settled, and a light tint over the open ones. */
static void
snapshot_marks (PlTextView  *self,
                GtkSnapshot *snapshot,
                guint        start,
                guint        end)
{
  g_autoptr(GArray) lines = NULL;
  g_autoptr(GArray) rects = NULL;
  g_autoptr(GHashTable) xs = NULL;
  GdkRGBA open, settled, tint;

  if (self->marks == NULL || start >= end)
    return;

  gdk_rgba_parse (&open, is_dark () ? "#f6d32d" : "#e5a50a");
  gdk_rgba_parse (&settled, is_dark () ? "#57e389" : "#2ec27e");
  tint = open;
  tint.alpha = is_dark () ? 0.10f : 0.14f;
  lines = visible_lines (self, start, end);
  rects = g_array_new (FALSE, FALSE, sizeof (graphene_rect_t));
  xs = g_hash_table_new (NULL, NULL);
  for (guint i = 0; i < self->marks->len; i++)
    {
      const PlTextMark *mark = &g_array_index (self->marks, PlTextMark, i);

      if (mark->end <= start || mark->start >= end || mark->start >= mark->end)
        continue;
      snapshot_margin_bar (self, snapshot, mark->start, mark->end, mark->settled ? &settled : &open);
      if (mark->settled)
        continue;
      span_rects (self, lines, xs, MAX (mark->start, start), MIN (mark->end, end), rects);
      for (guint k = 0; k < rects->len; k++)
        gtk_snapshot_append_color (snapshot, &tint, &g_array_index (rects, graphene_rect_t, k));
    }
}

static void
snapshot_annotations (PlTextView  *self,
                      GtkSnapshot *snapshot)
{
  g_autoptr(GPtrArray) hits = NULL;
  g_autoptr(GArray) lines = NULL;
  g_autoptr(GArray) rects = g_array_new (FALSE, FALSE, sizeof (graphene_rect_t));
  g_autoptr(GArray) tints = NULL;
  g_autoptr(GHashTable) xs = g_hash_table_new (NULL, NULL);
  guint start, end;
  float tint_alpha = is_dark () ? 0.30f : 0.20f;

  if (self->index == NULL || pl_annotation_index_get_n (self->index) == 0)
    return;

  visible_range (self, &start, &end);
  if (start >= end)
    return;

  hits = pl_annotation_index_overlapping (self->index, start, end);
  if (hits->len == 0)
    return;
  lines = visible_lines (self, start, end);

  tints = g_array_sized_new (FALSE, FALSE, sizeof (GdkRGBA), hits->len);
  for (guint i = 0; i < hits->len; i++)
    {
      GdkRGBA tint;

      code_color (self, ((PlAnnotation *)g_ptr_array_index (hits, i))->code_id, &tint);
      tint.alpha = tint_alpha;
      g_array_append_val (tints, tint);
    }
  snapshot_tints (self, snapshot, lines, hits, tints, xs);

  /* The stripes, in their lanes. */
  for (guint i = 0; i < hits->len; i++)
    {
      PlAnnotation *annotation = g_ptr_array_index (hits, i);
      Paint paint;

      paint.lane = pl_text_view_get_lane (self, annotation);
      paint.focus = self->focus_guid != NULL && g_str_equal (self->focus_guid, annotation->guid);
      /* Deeper than the room for stripes, an annotation shows in the list at its place. */
      if (paint.lane >= STRIPE_LANES && !paint.focus)
        continue;
      paint.lane = MIN (paint.lane, STRIPE_LANES - 1);
      paint.stripe = g_array_index (tints, GdkRGBA, i);
      paint.stripe.alpha = 1;

      span_rects (self, lines, xs, MAX (annotation->start, start), MIN (annotation->end, end), rects);
      for (guint k = 0; k < rects->len; k++)
        paint_stripe (snapshot, &g_array_index (rects, graphene_rect_t, k), &paint);
    }
}

/* Search hits */

static void
paint_search (GtkSnapshot           *snapshot,
              const graphene_rect_t *rect,
              const GdkRGBA         *colors)
{
  GskRoundedRect box;
  graphene_rect_t area = GRAPHENE_RECT_INIT (rect->origin.x - 1, rect->origin.y,
                                             rect->size.width + 2, rect->size.height);

  gsk_rounded_rect_init_from_rect (&box, &area, 3);
  gtk_snapshot_push_rounded_clip (snapshot, &box);
  gtk_snapshot_append_color (snapshot, &colors[0], &area);
  gtk_snapshot_pop (snapshot);
  if (colors[1].alpha > 0)
    gtk_snapshot_append_border (snapshot, &box, (float[4]) { 2, 2, 2, 2 },
                                (GdkRGBA[4]) { colors[1], colors[1], colors[1], colors[1] });
}

static void
snapshot_search (PlTextView  *self,
                 GtkSnapshot *snapshot)
{
  gboolean dark = is_dark ();
  GdkRGBA hit[2] = { { 0.96f, 0.83f, 0.18f, dark ? 0.35f : 0.55f }, { 0, 0, 0, 0 } };
  GdkRGBA current[2] = { { 0.96f, 0.83f, 0.18f, dark ? 0.6f : 0.8f }, { 0.90f, 0.38f, 0.0f, 1.0f } };
  g_autoptr(GArray) lines = NULL;
  g_autoptr(GArray) rects = NULL;
  g_autoptr(GHashTable) xs = NULL;
  guint start, end, lo = 0, hi;

  if (self->search_matches == NULL || self->search_matches->len == 0)
    return;

  visible_range (self, &start, &end);
  lines = visible_lines (self, start, end);
  rects = g_array_new (FALSE, FALSE, sizeof (graphene_rect_t));
  xs = g_hash_table_new (NULL, NULL);
  /* The first match that ends after the top (matches do not overlap: ends sort as starts). */
  hi = self->search_matches->len;
  while (lo < hi)
    {
      guint mid = (lo + hi) / 2;

      if (g_array_index (self->search_matches, PlSearchMatch, mid).end <= start)
        lo = mid + 1;
      else
        hi = mid;
    }
  for (guint i = lo; i < self->search_matches->len; i++)
    {
      PlSearchMatch *match = &g_array_index (self->search_matches, PlSearchMatch, i);

      if (match->start >= end)
        break;
      span_rects (self, lines, xs, match->start, MIN (match->end, end), rects);
      for (guint k = 0; k < rects->len; k++)
        paint_search (snapshot, &g_array_index (rects, graphene_rect_t, k),
                      (int) i == self->search_current ? current : hit);
    }
}

void
pl_text_view_set_search_matches (PlTextView *self,
                                 GArray     *matches,
                                 int         current)
{
  g_return_if_fail (PL_IS_TEXT_VIEW (self));

  if (matches != self->search_matches)
    {
      g_clear_pointer (&self->search_matches, g_array_unref);
      self->search_matches = matches != NULL ? g_array_ref (matches) : NULL;
    }
  self->search_current = current;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* A layout of the headers in the widget's font at the text's size; @markup or @text. */
static PangoLayout *
header_layout (PlTextView *self,
               const char *text,
               const char *markup)
{
  PangoLayout *layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), text);
  PangoAttrList *attributes;

  if (markup != NULL)
    pango_layout_set_markup (layout, markup, -1);
  attributes = pango_layout_get_attributes (layout);
  attributes = attributes != NULL ? pango_attr_list_copy (attributes) : pango_attr_list_new ();
  pango_attr_list_insert_before (attributes, pango_attr_scale_new (self->text_scale));
  pango_layout_set_attributes (layout, attributes);
  pango_attr_list_unref (attributes);
  return layout;
}

/* The first statement that ends at or after @offset. */
static guint
first_statement_ending_after (PlTextView *self,
                              guint       offset)
{
  guint lo = 0, hi = self->statements->len;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (((PlStatement *)g_ptr_array_index (self->statements, mid))->end < offset)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

/* A header's text, laid out once while its statement is on screen. */
typedef struct
{
  PangoLayout *title;    /* the speaker (or "front matter") */
  PangoLayout *group;    /* the regional group, or NULL */
  PangoLayout *detail;   /* the entity type and "check speaker", or NULL */
  gboolean     front_matter;
} Header;

static void
header_free (gpointer data)
{
  Header *header = data;

  g_clear_object (&header->title);
  g_clear_object (&header->group);
  g_clear_object (&header->detail);
  g_free (header);
}

static Header *
header_new (PlTextView        *self,
            const PlStatement *statement)
{
  Header *header = g_new0 (Header, 1);
  g_autofree char *markup = NULL;
  const char *name;
  const char *type;

  if (statement->kind == PL_STATEMENT_KIND_FRONT_MATTER)
    {
      header->front_matter = TRUE;
      header->title = header_layout (self, _("front matter · not attributed to a speaker"), NULL);
      return header;
    }

  name = statement->entity != NULL ? statement->entity : statement->speaker;
  markup = g_markup_printf_escaped ("<b>%s</b>%s%s", name,
                                    statement->on_behalf_of != NULL ? _(" on behalf of ") : "",
                                    statement->on_behalf_of != NULL ? statement->on_behalf_of : "");
  header->title = header_layout (self, NULL, markup);

  /* The regional group as a text badge (no flags), then the entity type. */
  if (statement->regional_group != NULL)
    header->group = header_layout (self, statement->regional_group, NULL);

  type = pl_transcript_describe_entity_type (statement->entity_type);
  /* "Chair  Chair": the type adds nothing when it is the name. */
  if (type != NULL && g_utf8_collate (type, name) == 0)
    type = NULL;
  if (type != NULL || statement->needs_review)
    {
      g_autofree char *text = g_strdup_printf ("%s%s%s", type != NULL ? type : "",
                                               type != NULL && statement->needs_review ? " · " : "",
                                               statement->needs_review ? _("check speaker") : "");

      header->detail = header_layout (self, text, NULL);
    }
  return header;
}

static void
forget_headers (PlTextView *self)
{
  g_hash_table_remove_all (self->headers);
}

static void
snapshot_headers (PlTextView  *self,
                  GtkSnapshot *snapshot)
{
  GtkTextView *view = GTK_TEXT_VIEW (self);
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  g_autoptr(GHashTable) shown = g_hash_table_new_full (NULL, NULL, NULL, header_free);
  GdkRGBA fg, dim, badge_bg;
  guint start, end;

  if (self->statements == NULL || self->statements->len == 0)
    return;

  visible_range (self, &start, &end);
  gdk_rgba_parse (&fg, is_dark () ? "#ffffff" : "#1e1e1e");
  dim = fg;
  dim.alpha = 0.6f;
  badge_bg = fg;
  badge_bg.alpha = 0.08f;

  for (guint i = first_statement_ending_after (self, start); i < self->statements->len; i++)
    {
      PlStatement *statement = g_ptr_array_index (self->statements, i);
      Header *header;
      GtkTextIter iter;
      GdkRectangle location;
      int tw, th, dw, dh;
      float x, y;

      /* Only where the header's space is there already. */
      if (statement->start > end || statement->start >= self->headers_until)
        break;
      if (statement->speaker == NULL && statement->kind != PL_STATEMENT_KIND_FRONT_MATTER)
        continue;

      /* Kept for the next frame if it is still on screen; the others go. */
      if (!g_hash_table_steal_extended (self->headers, statement, NULL, (gpointer *) &header))
        header = header_new (self, statement);
      g_hash_table_insert (shown, statement, header);

      gtk_text_buffer_get_iter_at_offset (buffer, &iter, statement->start);
      gtk_text_view_get_iter_location (view, &iter, &location);
      x = location.x;
      y = location.y - self->header_space + 6;

      pango_layout_get_pixel_size (header->title, &tw, &th);
      gtk_snapshot_save (snapshot);
      gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (x, y));
      gtk_snapshot_append_layout (snapshot, header->title, header->front_matter ? &dim : &fg);
      gtk_snapshot_restore (snapshot);
      x += tw + 10;

      if (header->group != NULL)
        {
          GskRoundedRect badge;

          pango_layout_get_pixel_size (header->group, &dw, &dh);
          gsk_rounded_rect_init_from_rect (&badge, &GRAPHENE_RECT_INIT (x - 6, y, dw + 12, th), th / 2.0f);
          gtk_snapshot_push_rounded_clip (snapshot, &badge);
          gtk_snapshot_append_color (snapshot, &badge_bg, &badge.bounds);
          gtk_snapshot_pop (snapshot);
          gtk_snapshot_save (snapshot);
          gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (x, y + (th - dh) / 2.0f));
          gtk_snapshot_append_layout (snapshot, header->group, &dim);
          gtk_snapshot_restore (snapshot);
          x += dw + 18;
        }

      if (header->detail != NULL)
        {
          pango_layout_get_pixel_size (header->detail, &dw, &dh);
          gtk_snapshot_save (snapshot);
          gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (x, y + (th - dh) / 2.0f));
          gtk_snapshot_append_layout (snapshot, header->detail, &dim);
          gtk_snapshot_restore (snapshot);
        }
    }

  g_hash_table_unref (self->headers);
  self->headers = g_steal_pointer (&shown);
}

static void
pl_text_view_snapshot_layer (GtkTextView      *view,
                             GtkTextViewLayer  layer,
                             GtkSnapshot      *snapshot)
{
  PlTextView *self = PL_TEXT_VIEW (view);

  if (layer == GTK_TEXT_VIEW_LAYER_BELOW_TEXT)
    {
      guint start, end;

      visible_range (self, &start, &end);
      snapshot_marks (self, snapshot, start, end);
      snapshot_current_statement (self, snapshot);
      snapshot_annotations (self, snapshot);
      snapshot_search (self, snapshot);
    }
  else
    snapshot_headers (self, snapshot);
}

/* Room for a header line at the text's size, with some air above and below it. */
static int
compute_header_space (PlTextView *self)
{
  PangoFontMetrics *metrics = pango_context_get_metrics (gtk_widget_get_pango_context (GTK_WIDGET (self)), NULL, NULL);
  double height = (pango_font_metrics_get_ascent (metrics) + pango_font_metrics_get_descent (metrics))
                  / (double) PANGO_SCALE;

  pango_font_metrics_unref (metrics);
  return (int) (height * self->text_scale + 0.5) + 14;
}

int
pl_text_view_get_header_space (PlTextView *self)
{
  g_return_val_if_fail (PL_IS_TEXT_VIEW (self), 0);
  return self->header_space;
}

/* Header space */

static gboolean
has_header (const PlStatement *statement)
{
  return statement->speaker != NULL || statement->kind == PL_STATEMENT_KIND_FRONT_MATTER;
}

static void
tag_header (PlTextView *self,
            guint       offset,
            gboolean    on)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self));
  GtkTextIter s, e;

  gtk_text_buffer_get_iter_at_offset (buffer, &s, offset);
  e = s;
  gtk_text_iter_forward_char (&e);
  if (on)
    gtk_text_buffer_apply_tag (buffer, self->head_tag, &s, &e);
  else
    gtk_text_buffer_remove_tag (buffer, self->head_tag, &s, &e);
}

/* Applies header space from headers_next on, until the statements starting before @until
 * have it or @deadline (monotonic µs, 0 for none) passes.  TRUE when more remain. */
static gboolean
apply_headers (PlTextView *self,
               guint       until,
               gint64      deadline)
{
  while (self->headers_next < self->statements->len)
    {
      PlStatement *statement = g_ptr_array_index (self->statements, self->headers_next);

      if (statement->start >= until)
        return TRUE;
      if (deadline != 0 && (self->headers_next & 63) == 0 && g_get_monotonic_time () > deadline)
        return TRUE;
      if (has_header (statement))
        tag_header (self, statement->start, TRUE);
      self->headers_next++;
      self->headers_until = self->headers_next < self->statements->len
        ? ((PlStatement *)g_ptr_array_index (self->statements, self->headers_next))->start : G_MAXUINT;
    }
  return FALSE;
}

static gboolean
apply_headers_batch (gpointer data)
{
  PlTextView *self = data;

  if (apply_headers (self, G_MAXUINT, g_get_monotonic_time () + BATCH_TIME))
    return G_SOURCE_CONTINUE;
  self->headers_source = 0;
  return G_SOURCE_REMOVE;
}

/* Statements changed (a split, a merge, a speaker): the header space is moved where the
 * headers differ, among the statements that already had it, and the rest keeps coming. */
static void
retag_headers (PlTextView *self,
               GPtrArray  *old,
               GPtrArray  *statements)
{
  guint i = 0, k = 0;

  while (i < old->len || k < statements->len)
    {
      PlStatement *a = i < old->len ? g_ptr_array_index (old, i) : NULL;
      PlStatement *b = k < statements->len ? g_ptr_array_index (statements, k) : NULL;
      guint a_start = a != NULL ? a->start : G_MAXUINT;
      guint b_start = b != NULL ? b->start : G_MAXUINT;
      guint at = MIN (a_start, b_start);
      gboolean was = a_start == at && has_header (a);
      gboolean is = b_start == at && has_header (b);

      if (at >= self->headers_until)
        break;
      if (was != is)
        tag_header (self, at, is);
      i += a_start == at;
      k += b_start == at;
    }

  self->headers_next = 0;
  while (self->headers_next < statements->len
         && ((PlStatement *)g_ptr_array_index (statements, self->headers_next))->start < self->headers_until)
    self->headers_next++;
}

/* GTK 4.8 keeps a cache of laid-out lines in the view's layout.  Replacing the buffer
 * (gtk_text_view_set_buffer) drops the cached lines that the layout had validated, but not
 * those it had only been asked about (an iter location, while its background validation of
 * a large text was still under way): those stay in the cache, pointing into the old buffer's
 * lines, which are freed with the buffer.  The next line the cache sorts in is compared with
 * them: a crash, or a failed assertion inside GtkTextView.  Invalidating the whole old text
 * through a tag that changes line sizes drops every cached line, one by one; then nothing
 * refers to the old lines when they go. */
static void
forget_layout (PlTextView *self,
               GtkTextTag *lanes_tag)
{
  GtkTextBuffer *buffer;
  GtkTextIter start, end;

  if (lanes_tag == NULL)
    return;
  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self));
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  gtk_text_buffer_remove_tag (buffer, lanes_tag, &start, &end);
}

void
pl_text_view_set_text (PlTextView *self,
                       const char *text)
{
  g_autoptr(GtkTextBuffer) buffer = gtk_text_buffer_new (NULL);
  GtkAdjustment *vadjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (self));
  GtkTextTag *old_lanes_tag = self->lanes_tag;
  GtkTextIter start, end;

  g_return_if_fail (PL_IS_TEXT_VIEW (self));

  g_clear_handle_id (&self->headers_source, g_source_remove);
  /* A scroll still animating would carry on into the new text, and GTK 4.8 warns when the
   * view is unmapped during one (closing the document): the new text starts at the top. */
  if (vadjustment != NULL)
    gtk_adjustment_set_value (vadjustment, gtk_adjustment_get_lower (vadjustment));

  /* The space under the lines for stripes, on the whole text; the space above the
   * statements with a header, when the statements come. */
  self->head_tag = gtk_text_buffer_create_tag (buffer, "statement-head", "pixels-above-lines", self->header_space, NULL);
  self->lanes_tag = gtk_text_buffer_create_tag (buffer, "stripe-space", "pixels-below-lines", 3,
                                                "pixels-inside-wrap", 1, "scale", self->text_scale, NULL);
  self->stripe_lanes = 0;
  gtk_text_buffer_set_text (buffer, text != NULL ? text : "", -1);
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  gtk_text_buffer_apply_tag (buffer, self->lanes_tag, &start, &end);

  g_clear_pointer (&self->statements, g_ptr_array_unref);
  forget_headers (self);
  self->index = NULL;
  self->headers_until = 0;
  self->headers_next = 0;
  g_clear_pointer (&self->focus_guid, g_free);

  /* Nothing may ask the old layout about its lines between these two. */
  forget_layout (self, old_lanes_tag);
  gtk_text_view_set_buffer (GTK_TEXT_VIEW (self), buffer);
}

void
pl_text_view_set_model (PlTextView        *self,
                        PlProject         *project,
                        PlAnnotationIndex *index,
                        GPtrArray         *statements)
{
  g_autoptr(GPtrArray) old = NULL;

  g_return_if_fail (PL_IS_TEXT_VIEW (self));
  g_return_if_fail (self->head_tag != NULL);

  g_set_object (&self->project, project);
  g_clear_pointer (&self->focus_guid, g_free);
  self->index = index;
  g_clear_pointer (&self->search_matches, g_array_unref);

  old = g_steal_pointer (&self->statements);
  self->statements = statements != NULL ? g_ptr_array_ref (statements) : g_ptr_array_new ();
  if (old != self->statements)
    forget_headers (self);
  if (old != NULL)
    retag_headers (self, old, self->statements);
  if (apply_headers (self, FIRST_SCREEN, 0) && self->headers_source == 0)
    {
      self->headers_source = g_idle_add_full (GTK_TEXT_VIEW_PRIORITY_VALIDATE, apply_headers_batch, self, NULL);
      g_source_set_static_name (g_main_context_find_source_by_id (NULL, self->headers_source),
                                "[plenary] header space");
    }

  update_stripe_space (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

gboolean
pl_text_view_is_loading (PlTextView *self)
{
  g_return_val_if_fail (PL_IS_TEXT_VIEW (self), FALSE);
  return self->headers_source != 0;
}

void
pl_text_view_invalidate (PlTextView *self)
{
  g_return_if_fail (PL_IS_TEXT_VIEW (self));

  update_stripe_space (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
pl_text_view_set_focus_annotation (PlTextView *self,
                                   const char *guid)
{
  g_return_if_fail (PL_IS_TEXT_VIEW (self));

  if (g_strcmp0 (self->focus_guid, guid) == 0)
    return;
  g_free (self->focus_guid);
  self->focus_guid = g_strdup (guid);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

const char *
pl_text_view_get_focus_annotation (PlTextView *self)
{
  g_return_val_if_fail (PL_IS_TEXT_VIEW (self), NULL);
  return self->focus_guid;
}

void
pl_text_view_set_marks (PlTextView       *self,
                        const PlTextMark *marks,
                        guint             n_marks)
{
  g_return_if_fail (PL_IS_TEXT_VIEW (self));
  g_return_if_fail (marks != NULL || n_marks == 0);

  g_clear_pointer (&self->marks, g_array_unref);
  if (n_marks > 0)
    {
      self->marks = g_array_sized_new (FALSE, FALSE, sizeof (PlTextMark), n_marks);
      g_array_append_vals (self->marks, marks, n_marks);
    }
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
pl_text_view_update_metrics (PlTextView *self)
{
  int space;

  g_return_if_fail (PL_IS_TEXT_VIEW (self));

  space = compute_header_space (self);
  if (space == self->header_space)
    return;
  self->header_space = space;
  if (self->head_tag != NULL)
    g_object_set (self->head_tag, "pixels-above-lines", space, NULL);
}

double
pl_text_view_get_text_scale (PlTextView *self)
{
  g_return_val_if_fail (PL_IS_TEXT_VIEW (self), 1.0);
  return self->text_scale;
}

void
pl_text_view_set_text_scale (PlTextView *self,
                             double      scale)
{
  g_return_if_fail (PL_IS_TEXT_VIEW (self));

  if (G_APPROX_VALUE (self->text_scale, scale, 0.001))
    return;
  self->text_scale = scale;
  if (self->lanes_tag != NULL)
    g_object_set (self->lanes_tag, "scale", scale, NULL);
  /* The headers were laid out at the old size. */
  forget_headers (self);
  pl_text_view_update_metrics (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
pl_text_view_dispose (GObject *object)
{
  PlTextView *self = (PlTextView *)object;

  g_clear_handle_id (&self->headers_source, g_source_remove);
  forget_layout (self, self->lanes_tag);
  self->lanes_tag = NULL;
  self->index = NULL;

  G_OBJECT_CLASS (pl_text_view_parent_class)->dispose (object);
}

static void
pl_text_view_finalize (GObject *object)
{
  PlTextView *self = (PlTextView *)object;

  g_clear_object (&self->project);
  g_clear_pointer (&self->statements, g_ptr_array_unref);
  g_clear_pointer (&self->search_matches, g_array_unref);
  g_clear_pointer (&self->marks, g_array_unref);
  g_clear_pointer (&self->headers, g_hash_table_unref);
  g_free (self->focus_guid);

  G_OBJECT_CLASS (pl_text_view_parent_class)->finalize (object);
}

/* Fonts, scale or language changed: the headers are laid out again. */
static void
pl_text_view_css_changed (GtkWidget         *widget,
                          GtkCssStyleChange *change)
{
  forget_headers (PL_TEXT_VIEW (widget));
  GTK_WIDGET_CLASS (pl_text_view_parent_class)->css_changed (widget, change);
}

static void
pl_text_view_class_init (PlTextViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkTextViewClass *text_view_class = GTK_TEXT_VIEW_CLASS (klass);

  object_class->dispose = pl_text_view_dispose;
  object_class->finalize = pl_text_view_finalize;
  widget_class->css_changed = pl_text_view_css_changed;
  text_view_class->snapshot_layer = pl_text_view_snapshot_layer;
}

static void
pl_text_view_init (PlTextView *self)
{
  self->text_scale = 1.0;
  self->header_space = 30;
  self->headers = g_hash_table_new_full (NULL, NULL, NULL, header_free);
  pl_text_view_set_text (self, NULL);
  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (gtk_widget_queue_draw), self, G_CONNECT_SWAPPED);
}

GtkWidget *
pl_text_view_new (void)
{
  return g_object_new (PL_TYPE_TEXT_VIEW, NULL);
}
