/* pl-text-view.c — a text view that draws annotations and speaker headers itself
 *
 * Highlights are drawn in snapshot_layer, for the visible lines only, from the model's
 * offset index: applying or removing a code is an index update and a redraw, whatever the
 * number of annotations (text tags cost seconds at tens of thousands of ranges).  Every
 * annotation tints its span in its code's colour and draws a stripe under it; where spans
 * overlap, stripes stack in lanes so each code stays visible.  A header with the speaker
 * (entity, regional group, entity type) sits in the space above each statement.  Search
 * hits (Ctrl+F) are boxed in yellow over the highlights, the current one more strongly.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "plenary-text-view"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "pl-text-view.h"

#define STRIPE_HEIGHT 2
#define STRIPE_GAP 1
#define MARKER_WIDTH 3

struct _PlTextView
{
  GtkTextView        parent_instance;

  PlProject         *project;
  PlAnnotationIndex *index;       /* borrowed from the transcript view */
  GPtrArray         *statements;  /* PlStatement */
  GHashTable        *lanes;       /* PlAnnotation* → lane + 1 */
  guint              n_lanes;
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

/* Lanes: each annotation takes the lowest lane free at its start, in offset order, so
 * overlapping annotations never share a lane.  Recomputed for the whole document on each
 * change: linear in the number of annotations. */
static void
compute_lanes (PlTextView *self)
{
  g_autoptr(GArray) lane_ends = g_array_new (FALSE, TRUE, sizeof (guint));
  guint n;

  g_hash_table_remove_all (self->lanes);
  self->n_lanes = 0;
  if (self->index == NULL)
    return;

  n = pl_annotation_index_get_n (self->index);
  for (guint i = 0; i < n; i++)
    {
      PlAnnotation *annotation = pl_annotation_index_get (self->index, i);
      guint lane;

      for (lane = 0; lane < lane_ends->len; lane++)
        if (g_array_index (lane_ends, guint, lane) <= annotation->start)
          break;
      if (lane == lane_ends->len)
        g_array_set_size (lane_ends, lane + 1);
      g_array_index (lane_ends, guint, lane) = annotation->end;
      g_hash_table_insert (self->lanes, annotation, GUINT_TO_POINTER (lane + 1));
    }
  self->n_lanes = lane_ends->len;
}

/* Room under each line for the stripes of the deepest overlap.  Changing it relays out the
 * whole text, so it only happens when the depth changes. */
static void
update_stripe_space (PlTextView *self)
{
  int below = 3 + MIN (self->n_lanes, 5) * (STRIPE_HEIGHT + STRIPE_GAP);
  int wrap = 1 + MIN (self->n_lanes, 5) * (STRIPE_HEIGHT + STRIPE_GAP);
  int old_below, old_wrap;

  g_object_get (self->lanes_tag, "pixels-below-lines", &old_below, "pixels-inside-wrap", &old_wrap, NULL);
  if (old_below != below || old_wrap != wrap)
    g_object_set (self->lanes_tag, "pixels-below-lines", below, "pixels-inside-wrap", wrap, NULL);
}

guint
pl_text_view_get_lane (PlTextView   *self,
                       PlAnnotation *annotation)
{
  g_return_val_if_fail (PL_IS_TEXT_VIEW (self), 0);

  return MAX (1u, GPOINTER_TO_UINT (g_hash_table_lookup (self->lanes, annotation))) - 1;
}

guint
pl_text_view_get_n_lanes (PlTextView *self)
{
  g_return_val_if_fail (PL_IS_TEXT_VIEW (self), 0);
  return self->n_lanes;
}

/* Calls @func for each display-line rectangle of [start, end), in buffer coordinates. */
typedef void (*RectFunc) (GtkSnapshot           *snapshot,
                          const graphene_rect_t *rect,
                          gpointer               data);

static void
foreach_rect (PlTextView  *self,
              guint        start,
              guint        end,
              GtkSnapshot *snapshot,
              RectFunc     func,
              gpointer     data)
{
  GtkTextView *view = GTK_TEXT_VIEW (self);
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter it, stop;

  gtk_text_buffer_get_iter_at_offset (buffer, &it, start);
  gtk_text_buffer_get_iter_at_offset (buffer, &stop, end);

  while (gtk_text_iter_compare (&it, &stop) < 0)
    {
      GtkTextIter line_end = it;
      GdkRectangle a, b;
      graphene_rect_t rect;

      if (!gtk_text_view_forward_display_line_end (view, &line_end)
          || gtk_text_iter_compare (&line_end, &stop) > 0)
        line_end = stop;

      gtk_text_view_get_iter_location (view, &it, &a);
      gtk_text_view_get_iter_location (view, &line_end, &b);
      if (b.y > a.y)
        {
          /* line_end sits on the next display line: end at this line's last glyph. */
          GtkTextIter last = line_end;

          gtk_text_iter_backward_char (&last);
          gtk_text_view_get_iter_location (view, &last, &b);
          b.x += b.width;
        }

      if (b.x > a.x)
        {
          rect = GRAPHENE_RECT_INIT (a.x, a.y, b.x - a.x, a.height);
          func (snapshot, &rect, data);
        }

      it = line_end;
      if (gtk_text_iter_compare (&it, &stop) >= 0 || !gtk_text_view_forward_display_line (view, &it))
        break;
    }
}

typedef struct
{
  GdkRGBA tint;
  GdkRGBA stripe;
  guint   lane;
  gboolean focus;
} Paint;

static void
paint_tint (GtkSnapshot           *snapshot,
            const graphene_rect_t *rect,
            gpointer               data)
{
  Paint *paint = data;

  gtk_snapshot_append_color (snapshot, &paint->tint, rect);
}

static void
paint_stripe (GtkSnapshot           *snapshot,
              const graphene_rect_t *rect,
              gpointer               data)
{
  Paint *paint = data;
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
  GdkRGBA open, settled;
  Paint paint = { 0 };

  if (self->marks == NULL)
    return;

  gdk_rgba_parse (&open, is_dark () ? "#f6d32d" : "#e5a50a");
  gdk_rgba_parse (&settled, is_dark () ? "#57e389" : "#2ec27e");
  paint.tint = open;
  paint.tint.alpha = is_dark () ? 0.10f : 0.14f;
  for (guint i = 0; i < self->marks->len; i++)
    {
      const PlTextMark *mark = &g_array_index (self->marks, PlTextMark, i);

      if (mark->end <= start || mark->start >= end || mark->start >= mark->end)
        continue;
      snapshot_margin_bar (self, snapshot, mark->start, mark->end, mark->settled ? &settled : &open);
      if (!mark->settled)
        foreach_rect (self, MAX (mark->start, start), MIN (mark->end, end), snapshot, paint_tint, &paint);
    }
}

static void
snapshot_annotations (PlTextView  *self,
                      GtkSnapshot *snapshot)
{
  g_autoptr(GPtrArray) hits = NULL;
  guint start, end;
  float tint_alpha = is_dark () ? 0.30f : 0.20f;

  if (self->index == NULL || pl_annotation_index_get_n (self->index) == 0)
    return;

  visible_range (self, &start, &end);
  if (start >= end)
    return;

  hits = pl_annotation_index_overlapping (self->index, start, end);
  for (guint i = 0; i < hits->len; i++)
    {
      PlAnnotation *annotation = g_ptr_array_index (hits, i);
      Paint paint;

      code_color (self, annotation->code_id, &paint.stripe);
      paint.tint = paint.stripe;
      paint.tint.alpha = tint_alpha;
      paint.lane = pl_text_view_get_lane (self, annotation);
      paint.focus = self->focus_guid != NULL && g_str_equal (self->focus_guid, annotation->guid);

      foreach_rect (self, MAX (annotation->start, start), MIN (annotation->end, end),
                    snapshot, paint_tint, &paint);
      foreach_rect (self, MAX (annotation->start, start), MIN (annotation->end, end),
                    snapshot, paint_stripe, &paint);
    }
}

/* Search hits */

static void
paint_search (GtkSnapshot           *snapshot,
              const graphene_rect_t *rect,
              gpointer               data)
{
  const GdkRGBA *colors = data;
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
  guint start, end, lo = 0, hi;

  if (self->search_matches == NULL || self->search_matches->len == 0)
    return;

  visible_range (self, &start, &end);
  /* The first match that ends after the top of the view: matches do not overlap, so their
   * ends are sorted as their starts. */
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
      foreach_rect (self, match->start, match->end, snapshot, paint_search,
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

const char *
pl_text_view_describe_entity_type (const char *type)
{
  static const struct { const char *type; const char *label; } labels[] = {
    { "member_state", N_("member state") },
    { "observer_state", N_("observer state") },
    { "group_of_states", N_("group of states") },
    { "eu", N_("European Union") },
    { "igo", N_("intergovernmental organisation") },
    { "un_entity", N_("UN entity") },
    { "ngo", N_("NGO / civil society") },
    { "academia", N_("academia") },
    { "private_sector", N_("private sector") },
    { "chair", N_("Chair") },
    { "secretariat", N_("secretariat") },
    { "unknown", N_("unknown speaker") },
  };

  for (guint i = 0; type != NULL && i < G_N_ELEMENTS (labels); i++)
    if (g_str_equal (labels[i].type, type))
      return _(labels[i].label);
  return NULL;
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

static void
snapshot_headers (PlTextView  *self,
                  GtkSnapshot *snapshot)
{
  GtkTextView *view = GTK_TEXT_VIEW (self);
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GdkRGBA fg, dim, badge_bg;
  guint start, end;

  if (self->statements == NULL || self->statements->len == 0)
    return;

  visible_range (self, &start, &end);
  gtk_widget_get_style_context (GTK_WIDGET (self));
  gdk_rgba_parse (&fg, is_dark () ? "#ffffff" : "#1e1e1e");
  dim = fg;
  dim.alpha = 0.6f;
  badge_bg = fg;
  badge_bg.alpha = 0.08f;

  for (guint i = 0; i < self->statements->len; i++)
    {
      PlStatement *statement = g_ptr_array_index (self->statements, i);
      g_autoptr(PangoLayout) title = NULL;
      g_autoptr(PangoLayout) detail = NULL;
      g_autofree char *markup = NULL;
      GtkTextIter iter;
      GdkRectangle location;
      int tw, th, dw, dh;
      float x, y;
      const char *name;
      const char *type;

      if (statement->end < start || statement->start > end)
        continue;
      if (statement->speaker == NULL && statement->kind != PL_STATEMENT_KIND_FRONT_MATTER)
        continue;

      gtk_text_buffer_get_iter_at_offset (buffer, &iter, statement->start);
      gtk_text_view_get_iter_location (view, &iter, &location);
      x = location.x;
      y = location.y - self->header_space + 6;

      if (statement->kind == PL_STATEMENT_KIND_FRONT_MATTER)
        {
          title = header_layout (self, _("front matter · not attributed to a speaker"), NULL);
          gtk_snapshot_save (snapshot);
          gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (x, y));
          gtk_snapshot_append_layout (snapshot, title, &dim);
          gtk_snapshot_restore (snapshot);
          continue;
        }

      name = statement->entity != NULL ? statement->entity : statement->speaker;
      markup = g_markup_printf_escaped ("<b>%s</b>%s%s", name,
                                        statement->on_behalf_of != NULL ? _(" on behalf of ") : "",
                                        statement->on_behalf_of != NULL ? statement->on_behalf_of : "");
      title = header_layout (self, NULL, markup);
      pango_layout_get_pixel_size (title, &tw, &th);

      gtk_snapshot_save (snapshot);
      gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (x, y));
      gtk_snapshot_append_layout (snapshot, title, &fg);
      gtk_snapshot_restore (snapshot);
      x += tw + 10;

      /* The regional group as a text badge (no flags), then the entity type. */
      if (statement->regional_group != NULL)
        {
          GskRoundedRect badge;

          detail = header_layout (self, statement->regional_group, NULL);
          pango_layout_get_pixel_size (detail, &dw, &dh);
          gsk_rounded_rect_init_from_rect (&badge, &GRAPHENE_RECT_INIT (x - 6, y, dw + 12, th), th / 2.0f);
          gtk_snapshot_push_rounded_clip (snapshot, &badge);
          gtk_snapshot_append_color (snapshot, &badge_bg, &badge.bounds);
          gtk_snapshot_pop (snapshot);
          gtk_snapshot_save (snapshot);
          gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (x, y + (th - dh) / 2.0f));
          gtk_snapshot_append_layout (snapshot, detail, &dim);
          gtk_snapshot_restore (snapshot);
          x += dw + 18;
          g_clear_object (&detail);
        }

      type = pl_text_view_describe_entity_type (statement->entity_type);
      /* "Chair  Chair": the type adds nothing when it is the name. */
      if (type != NULL && g_utf8_collate (type, name) == 0)
        type = NULL;
      if (type != NULL || statement->needs_review)
        {
          g_autofree char *text = g_strdup_printf ("%s%s%s", type != NULL ? type : "",
                                                   type != NULL && statement->needs_review ? " · " : "",
                                                   statement->needs_review ? _("check speaker") : "");

          detail = header_layout (self, text, NULL);
          pango_layout_get_pixel_size (detail, &dw, &dh);
          gtk_snapshot_save (snapshot);
          gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (x, y + (th - dh) / 2.0f));
          gtk_snapshot_append_layout (snapshot, detail, &dim);
          gtk_snapshot_restore (snapshot);
        }
    }
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

/* Space above the statements that have a header. */
static void
apply_header_space (PlTextView *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self));
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  gtk_text_buffer_remove_tag (buffer, self->head_tag, &start, &end);
  gtk_text_buffer_apply_tag (buffer, self->lanes_tag, &start, &end);

  for (guint i = 0; self->statements != NULL && i < self->statements->len; i++)
    {
      PlStatement *statement = g_ptr_array_index (self->statements, i);
      GtkTextIter s, e;

      if (statement->speaker == NULL && statement->kind != PL_STATEMENT_KIND_FRONT_MATTER)
        continue;
      gtk_text_buffer_get_iter_at_offset (buffer, &s, statement->start);
      e = s;
      gtk_text_iter_forward_char (&e);
      gtk_text_buffer_apply_tag (buffer, self->head_tag, &s, &e);
    }
}

void
pl_text_view_set_model (PlTextView        *self,
                        PlProject         *project,
                        PlAnnotationIndex *index,
                        GPtrArray         *statements)
{
  GtkTextTagTable *table;

  g_return_if_fail (PL_IS_TEXT_VIEW (self));

  g_set_object (&self->project, project);
  self->index = index;
  g_clear_pointer (&self->statements, g_ptr_array_unref);
  self->statements = statements != NULL ? g_ptr_array_ref (statements) : NULL;
  g_clear_pointer (&self->focus_guid, g_free);
  g_clear_pointer (&self->search_matches, g_array_unref);

  /* Tags of the current buffer: space for headers and stripes. */
  table = gtk_text_buffer_get_tag_table (gtk_text_view_get_buffer (GTK_TEXT_VIEW (self)));
  self->head_tag = gtk_text_tag_table_lookup (table, "statement-head");
  if (self->head_tag == NULL)
    self->head_tag = gtk_text_buffer_create_tag (gtk_text_view_get_buffer (GTK_TEXT_VIEW (self)),
                                                 "statement-head", "pixels-above-lines", self->header_space, NULL);
  self->lanes_tag = gtk_text_tag_table_lookup (table, "stripe-space");
  if (self->lanes_tag == NULL)
    self->lanes_tag = gtk_text_buffer_create_tag (gtk_text_view_get_buffer (GTK_TEXT_VIEW (self)),
                                                  "stripe-space", "scale", self->text_scale, NULL);

  compute_lanes (self);
  update_stripe_space (self);
  apply_header_space (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
pl_text_view_invalidate (PlTextView *self)
{
  guint n_lanes;

  g_return_if_fail (PL_IS_TEXT_VIEW (self));

  n_lanes = self->n_lanes;
  compute_lanes (self);
  if (n_lanes != self->n_lanes)
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
  pl_text_view_update_metrics (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
pl_text_view_finalize (GObject *object)
{
  PlTextView *self = (PlTextView *)object;

  g_clear_object (&self->project);
  g_clear_pointer (&self->statements, g_ptr_array_unref);
  g_clear_pointer (&self->lanes, g_hash_table_unref);
  g_clear_pointer (&self->search_matches, g_array_unref);
  g_clear_pointer (&self->marks, g_array_unref);
  g_free (self->focus_guid);

  G_OBJECT_CLASS (pl_text_view_parent_class)->finalize (object);
}

static void
pl_text_view_class_init (PlTextViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkTextViewClass *text_view_class = GTK_TEXT_VIEW_CLASS (klass);

  object_class->finalize = pl_text_view_finalize;
  text_view_class->snapshot_layer = pl_text_view_snapshot_layer;
}

static void
pl_text_view_init (PlTextView *self)
{
  self->text_scale = 1.0;
  self->header_space = 30;
  self->lanes = g_hash_table_new (NULL, NULL);
  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (gtk_widget_queue_draw), self, G_CONNECT_SWAPPED);
}

GtkWidget *
pl_text_view_new (void)
{
  return g_object_new (PL_TYPE_TEXT_VIEW, NULL);
}
