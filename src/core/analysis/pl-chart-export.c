/* pl-chart-export.c — a chart as PNG and SVG bytes and files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "plenary-chart"

#include "config.h"

#include <math.h>
#include <string.h>

#include <cairo-svg.h>
#include <glib/gi18n.h>

#include "pl-chart-private.h"
#include "pl-error.h"

static cairo_status_t
append_bytes (void                *closure,
              const unsigned char *data,
              unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

static gboolean
check_status (cairo_status_t   status,
              GError         **error)
{
  if (status == CAIRO_STATUS_SUCCESS)
    return TRUE;

  g_set_error (error, PL_EXPORT_ERROR, PL_EXPORT_ERROR_FAILED,
               _("The chart could not be drawn: %s."), cairo_status_to_string (status));
  return FALSE;
}

GBytes *
pl_chart_to_png (PlChart  *self,
                 int       width,
                 int       height,
                 double    scale,
                 GError  **error)
{
  g_autoptr(GByteArray) bytes = NULL;
  cairo_surface_t *surface;
  cairo_status_t status;
  double pixels_wide = ceil (width * scale), pixels_high = ceil (height * scale);
  cairo_t *cr;

  g_return_val_if_fail (PL_IS_CHART (self), NULL);

  if (width < 1 || height < 1 || !(scale > 0) || pixels_wide > PL_CHART_MAX_PIXELS
      || pixels_high > PL_CHART_MAX_PIXELS)
    {
      g_set_error (error, PL_EXPORT_ERROR, PL_EXPORT_ERROR_FAILED,
                   _("A chart of %d × %d at scale %g is not possible: each side must be "
                     "between 1 and %d pixels."),
                   width, height, scale, PL_CHART_MAX_PIXELS);
      return NULL;
    }

  surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, (int) pixels_wide, (int) pixels_high);
  cr = cairo_create (surface);
  cairo_scale (cr, scale, scale);
  pl_chart_draw (self, cr, width, height);
  status = cairo_status (cr);
  cairo_destroy (cr);

  bytes = g_byte_array_new ();
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_write_to_png_stream (surface, append_bytes, bytes);
  cairo_surface_destroy (surface);
  if (!check_status (status, error))
    return NULL;

  return g_byte_array_free_to_bytes (g_steal_pointer (&bytes));
}

/* "Rows: a, b, c." */
static void
describe_list (GString     *out,
               const char  *title,
               GPtrArray   *items)
{
  g_string_append_printf (out, " %s: ", title);
  for (guint i = 0; i < items->len; i++)
    {
      if (i > 0)
        g_string_append (out, ", ");
      g_string_append (out, items->pdata[i]);
    }
  g_string_append_c (out, '.');
}

static const char *
kind_name (PlChartKind kind)
{
  static const char * const names[] = { N_("Bar chart"), N_("Heatmap"), N_("Timeline") };

  return _(names[kind]);
}

static char *
describe (PlChart *self)
{
  PlChartData *data = pl_chart_get_data (self);
  const char *title = pl_chart_data_get_title (data);
  const char *rows = pl_chart_data_get_row_axis_label (data);
  const char *series = pl_chart_data_get_series_axis_label (data);
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_free);
  GString *out = g_string_new (NULL);

  g_string_append (out, kind_name (pl_chart_get_kind (self)));
  if (title != NULL)
    g_string_append_printf (out, ": %s", title);
  g_string_append_c (out, '.');

  for (guint r = 0; r < pl_chart_data_get_n_rows (data); r++)
    g_ptr_array_add (items, g_strdup (pl_chart_data_get_row_label (data, r)));
  describe_list (out, rows != NULL ? rows : _("Rows"), items);

  g_ptr_array_set_size (items, 0);
  for (guint s = 0; s < pl_chart_data_get_n_series (data); s++)
    {
      const char *short_id = pl_chart_data_get_series_short_id (data, s);
      const char *name = pl_chart_data_get_series_name (data, s);

      if (short_id != NULL && g_strcmp0 (short_id, name) != 0)
        g_ptr_array_add (items, g_strdup_printf ("%s (%s)", name, short_id));
      else
        g_ptr_array_add (items, g_strdup (name));
    }
  describe_list (out, series != NULL ? series : _("Series"), items);

  return g_string_free (out, FALSE);
}

GBytes *
pl_chart_to_svg (PlChart  *self,
                 double    width,
                 double    height,
                 GError  **error)
{
  g_autoptr(GByteArray) bytes = NULL;
  g_autofree char *title = NULL;
  g_autofree char *description = NULL;
  g_autofree char *text = NULL;
  GString *document;
  cairo_surface_t *surface;
  cairo_status_t status;
  const char *svg, *tag_end, *title_text;
  cairo_t *cr;

  g_return_val_if_fail (PL_IS_CHART (self), NULL);

  if (!(width >= 1 && height >= 1 && width <= PL_CHART_MAX_PIXELS
        && height <= PL_CHART_MAX_PIXELS))
    {
      g_set_error (error, PL_EXPORT_ERROR, PL_EXPORT_ERROR_FAILED,
                   _("A chart of %g × %g is not possible: each side must be between 1 and %d "
                     "pixels."),
                   width, height, PL_CHART_MAX_PIXELS);
      return NULL;
    }

  bytes = g_byte_array_new ();
  surface = cairo_svg_surface_create_for_stream (append_bytes, bytes, width, height);
  cairo_svg_surface_set_document_unit (surface, CAIRO_SVG_UNIT_PX);
  cr = cairo_create (surface);
  pl_chart_draw (self, cr, width, height);
  status = cairo_status (cr);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  if (!check_status (status, error))
    return NULL;

  /* cairo writes the text as shapes: a title and a description say in words what the
   * chart shows, right after the root element's start tag. */
  g_byte_array_append (bytes, (const guint8 *) "", 1);
  svg = (const char *) bytes->data;
  tag_end = strstr (svg, "<svg");
  tag_end = tag_end != NULL ? strchr (tag_end, '>') : NULL;
  if (tag_end == NULL)
    {
      check_status (CAIRO_STATUS_WRITE_ERROR, error);
      return NULL;
    }

  title_text = pl_chart_data_get_title (pl_chart_get_data (self));
  title = g_markup_escape_text (title_text != NULL ? title_text
                                                   : kind_name (pl_chart_get_kind (self)), -1);
  text = describe (self);
  description = g_markup_escape_text (text, -1);
  document = g_string_sized_new (bytes->len + strlen (title) + strlen (description) + 64);
  g_string_append_len (document, svg, tag_end + 1 - svg);
  g_string_append_printf (document, "\n<title>%s</title>\n<desc>%s</desc>", title, description);
  g_string_append (document, tag_end + 1);

  return g_string_free_to_bytes (document);
}

static gboolean
write_bytes (GBytes      *bytes,
             const char  *path,
             GError     **error)
{
  gsize length;
  const void *contents = g_bytes_get_data (bytes, &length);

  return pl_chart_write_file (path, contents, length, error);
}

gboolean
pl_chart_export_png (PlChart     *self,
                     const char  *path,
                     int          width,
                     int          height,
                     double       scale,
                     GError     **error)
{
  g_autoptr(GBytes) png = NULL;

  g_return_val_if_fail (PL_IS_CHART (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  png = pl_chart_to_png (self, width, height, scale, error);
  return png != NULL && write_bytes (png, path, error);
}

gboolean
pl_chart_export_svg (PlChart     *self,
                     const char  *path,
                     double       width,
                     double       height,
                     GError     **error)
{
  g_autoptr(GBytes) svg = NULL;

  g_return_val_if_fail (PL_IS_CHART (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  svg = pl_chart_to_svg (self, width, height, error);
  return svg != NULL && write_bytes (svg, path, error);
}
