/* pl-chart-text.c — the text of charts: shaped once, placed, turned, drawn and hit
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "plenary-chart"

#include "config.h"

#include <math.h>

#include "pl-chart-private.h"

/* The cache of shaped text is emptied past this many entries. */
#define TEXT_CACHE_MAX 8192

/* Shaping */

PlChartTextCache *
pl_chart_text_cache_new (const char *font)
{
  PlChartTextCache *cache = g_new0 (PlChartTextCache, 1);
  g_autoptr(PangoFontDescription) base = NULL;
  cairo_font_options_t *options;
  int size;

  /* One context of our own, so that what is measured is what is drawn on any surface: no
   * hinted metrics, which would change the layout with the device. */
  cache->context = pango_font_map_create_context (pango_cairo_font_map_get_default ());
  options = cairo_font_options_create ();
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_SLIGHT);
  cairo_font_options_set_antialias (options, CAIRO_ANTIALIAS_GRAY);
  pango_cairo_context_set_font_options (cache->context, options);
  cairo_font_options_destroy (options);
  pango_cairo_context_set_resolution (cache->context, 96.0);

  base = pango_font_description_from_string (font != NULL ? font : "Sans 10");
  size = pango_font_description_get_size (base);
  if (size <= 0)
    size = 10 * PANGO_SCALE;
  else if (pango_font_description_get_size_is_absolute (base))
    size = (int) (size * 72.0 / 96.0);
  size = CLAMP (size, 6 * PANGO_SCALE, 48 * PANGO_SCALE);

  cache->fonts[PL_CHART_FONT_TITLE] = pango_font_description_copy (base);
  pango_font_description_set_size (cache->fonts[PL_CHART_FONT_TITLE], size * 5 / 4);
  pango_font_description_set_weight (cache->fonts[PL_CHART_FONT_TITLE], PANGO_WEIGHT_BOLD);
  cache->fonts[PL_CHART_FONT_LABEL] = pango_font_description_copy (base);
  pango_font_description_set_size (cache->fonts[PL_CHART_FONT_LABEL], size);
  cache->fonts[PL_CHART_FONT_SMALL] = pango_font_description_copy (base);
  pango_font_description_set_size (cache->fonts[PL_CHART_FONT_SMALL], size * 9 / 10);

  cache->cache = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);

  for (guint f = 0; f < PL_CHART_N_FONTS; f++)
    {
      g_autoptr(PangoLayout) layout = pl_chart_text_layout (cache, f, "Ag", 0);
      int height;

      pango_layout_get_size (layout, NULL, &height);
      cache->line_height[f] = (double) height / PANGO_SCALE;
    }

  return cache;
}

void
pl_chart_text_cache_free (PlChartTextCache *cache)
{
  if (cache == NULL)
    return;

  g_clear_object (&cache->context);
  for (guint f = 0; f < PL_CHART_N_FONTS; f++)
    pango_font_description_free (cache->fonts[f]);
  g_hash_table_unref (cache->cache);
  g_free (cache);
}

PangoLayout *
pl_chart_text_layout (PlChartTextCache *cache,
                      PlChartFont       font,
                      const char       *text,
                      double            max_width)
{
  g_autofree char *key = g_strdup_printf ("%u\x1f%s", font, text);
  PangoLayout *natural = g_hash_table_lookup (cache->cache, key);
  PangoLayout *layout;
  int width;

  if (natural == NULL)
    {
      g_autofree char *line = g_strdup (text);

      if (g_hash_table_size (cache->cache) >= TEXT_CACHE_MAX)
        g_hash_table_remove_all (cache->cache);

      /* A label is one line, whatever the data holds: tabs and line breaks are spaces. */
      g_strdelimit (line, "\t\n\r\v\f", ' ');
      natural = pango_layout_new (cache->context);
      pango_layout_set_font_description (natural, cache->fonts[font]);
      pango_layout_set_single_paragraph_mode (natural, TRUE);
      pango_layout_set_text (natural, line, -1);
      g_hash_table_insert (cache->cache, g_steal_pointer (&key), natural);
    }

  pango_layout_get_size (natural, &width, NULL);
  if (max_width <= 0 || width <= max_width * PANGO_SCALE)
    return g_object_ref (natural);

  layout = pango_layout_copy (natural);
  pango_layout_set_width (layout, (int) (MAX (max_width, 1.0) * PANGO_SCALE));
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);

  return layout;
}

/* Placing */

double
pl_chart_text_width (PangoLayout *layout)
{
  int width;

  pango_layout_get_size (layout, &width, NULL);
  return (double) width / PANGO_SCALE;
}

void
pl_chart_text_place (PlChartText *out,
                     PangoLayout *layout,
                     int          index)
{
  PangoRectangle logical;

  out->layout = layout;
  pango_layout_get_extents (layout, NULL, &logical);
  out->offset_x = (double) logical.x / PANGO_SCALE;
  out->offset_y = (double) logical.y / PANGO_SCALE;
  out->width = (double) logical.width / PANGO_SCALE;
  out->height = (double) logical.height / PANGO_SCALE;
  out->x = 0;
  out->y = 0;
  out->angle = 0;
  out->index = index;
}

void
pl_chart_text_anchor (PlChartText *text,
                      double       x,
                      double       y,
                      double       fx,
                      double       fy,
                      double       angle)
{
  double u = -fx * text->width, v = -fy * text->height;

  /* The layout's point (fx × width, fy × height) lands on (x, y), turned by @angle. */
  text->angle = angle;
  text->x = x + u * cos (angle) - v * sin (angle);
  text->y = y + u * sin (angle) + v * cos (angle);
}

void
pl_chart_text_draw (const PlChartText  *text,
                    cairo_t            *cr,
                    const PlChartColor *color)
{
  if (text->layout == NULL)
    return;

  pl_chart_set_color (cr, color);
  if (text->angle == 0)
    {
      cairo_move_to (cr, text->x - text->offset_x, text->y - text->offset_y);
      pango_cairo_show_layout (cr, text->layout);
      return;
    }

  cairo_save (cr);
  cairo_translate (cr, text->x, text->y);
  cairo_rotate (cr, text->angle);
  cairo_move_to (cr, -text->offset_x, -text->offset_y);
  pango_cairo_show_layout (cr, text->layout);
  cairo_restore (cr);
}

void
pl_chart_text_clear (PlChartText *text)
{
  g_clear_object (&text->layout);
}

gboolean
pl_chart_text_contains (const PlChartText *text,
                        double             x,
                        double             y)
{
  double dx = x - text->x, dy = y - text->y;
  double u = dx * cos (text->angle) + dy * sin (text->angle);
  double v = -dx * sin (text->angle) + dy * cos (text->angle);

  return text->layout != NULL && u >= 0 && u <= text->width && v >= 0 && v <= text->height;
}

/* The box around a placed text, for a tooltip. */
void
pl_chart_text_bounds (const PlChartText *text,
                      PlChartBox        *box)
{
  double c = cos (text->angle), s = sin (text->angle);
  double xs[4] = { 0, text->width * c, -text->height * s, text->width * c - text->height * s };
  double ys[4] = { 0, text->width * s, text->height * c, text->width * s + text->height * c };
  double x0 = xs[0], x1 = xs[0], y0 = ys[0], y1 = ys[0];

  for (guint i = 1; i < 4; i++)
    {
      x0 = MIN (x0, xs[i]);
      x1 = MAX (x1, xs[i]);
      y0 = MIN (y0, ys[i]);
      y1 = MAX (y1, ys[i]);
    }
  box->x = text->x + x0;
  box->y = text->y + y0;
  box->width = x1 - x0;
  box->height = y1 - y0;
}

/* Category labels */

/* Replaces the layouts wider than @width by ones wrapped on two lines, centred, if every
 * label then fits whole; FALSE (and @layouts as they were) if one does not. */
static gboolean
wrap_labels (GPtrArray *layouts,
             double     width)
{
  g_autoptr(GPtrArray) wrapped = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < layouts->len; i++)
    {
      PangoLayout *layout = layouts->pdata[i];

      if (pl_chart_text_width (layout) > width)
        {
          layout = pango_layout_copy (layout);
          pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
          pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
          pango_layout_set_height (layout, -2);
          pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
          pango_layout_set_alignment (layout, PANGO_ALIGN_CENTER);
          if (pango_layout_is_ellipsized (layout))
            {
              g_object_unref (layout);
              return FALSE;
            }
        }
      else
        {
          g_object_ref (layout);
        }
      g_ptr_array_add (wrapped, layout);
    }

  /* The wrapped layouts take the places of the others. */
  g_ptr_array_set_free_func (wrapped, NULL);
  for (guint i = 0; i < layouts->len; i++)
    {
      g_object_unref (layouts->pdata[i]);
      layouts->pdata[i] = wrapped->pdata[i];
    }

  return TRUE;
}

double
pl_chart_place_axis_labels (const PlChartEnv      *env,
                            const PlChartAxisSpec *spec,
                            GArray                *out)
{
  double line = env->text->line_height[spec->font];
  double widest = 0, extent = 0, angle = 0;
  g_autoptr(GPtrArray) layouts = g_ptr_array_new_with_free_func (g_object_unref);
  gboolean level;
  guint step = 1;

  g_array_set_size (out, 0);
  if (spec->n == 0)
    return 0;

  for (guint i = 0; i < spec->n; i++)
    {
      PangoLayout *layout = pl_chart_text_layout (env->text, spec->font, spec->texts[i], 0);

      widest = MAX (widest, pl_chart_text_width (layout));
      g_ptr_array_add (layouts, layout);
    }

  /* Level when they fit, on two lines when every label fits on two, else turned by 45°
   * while a line's height fits the slot at that angle, else upright, showing one in
   * @step. */
  level = widest <= spec->slot_width - 6.0;
  if (!level && spec->slot_width >= line * 4.5)
    level = wrap_labels (layouts, spec->slot_width - 6.0);
  if (!level && spec->slot_width >= line * 1.5)
    {
      angle = -G_PI / 4;
    }
  else if (!level)
    {
      angle = -G_PI / 2;
      step = (guint) ceil (line * 1.15 / spec->slot_width);
    }

  for (guint i = 0; i < spec->n; i += step)
    {
      double center = spec->x + (i + 0.5) * spec->slot_width;
      PlChartText text;

      if (angle == 0)
        {
          pl_chart_text_place (&text, g_object_ref (layouts->pdata[i]), (int) i);
          pl_chart_text_anchor (&text, center, 0, 0.5, 0, 0);
          extent = MAX (extent, text.height);
        }
      else
        {
          double max_length = spec->max_length;
          double c = cos (-angle), s = sin (-angle);

          /* The end of the label at its tick; a label turned by 45° runs back to the left
           * and stops at the edge. */
          if (angle > -G_PI / 2)
            max_length = MIN (max_length, (center - spec->left_limit) / c - line * s);
          pl_chart_text_place (&text,
                               pl_chart_text_layout (env->text, spec->font, spec->texts[i],
                                                     MAX (max_length, line)),
                               (int) i);
          /* At 45° the corner of the line's top, not its middle, meets the tick. */
          if (angle > -G_PI / 2)
            pl_chart_text_anchor (&text, center + line * s / 2, line * c / 2, 1.0, 0.5, angle);
          else
            pl_chart_text_anchor (&text, center, 0, 1.0, 0.5, angle);
          extent = MAX (extent, text.width * s + text.height * c);
        }
      g_array_append_val (out, text);
    }

  return extent;
}
