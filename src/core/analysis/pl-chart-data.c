/* pl-chart-data.c — the table a chart draws, and its CSV
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "plenary-chart"

#include "config.h"

#include <errno.h>
#include <math.h>
#include <string.h>

#include <glib/gi18n.h>

#include "pl-chart-private.h"
#include "pl-codebook.h"
#include "pl-codebook-edit.h"
#include "pl-error.h"
#include "pl-atomic-file.h"
#include "pl-csv.h"

typedef struct
{
  char   *label;
  char   *key;
  gint64  id;
} Row;

typedef struct
{
  char   *name;
  char   *short_id;
  char   *color;
  char   *color_dark;
  gint64  id;
} Series;

struct _PlChartData
{
  GObject           parent_instance;

  guint             n_rows;
  guint             n_series;
  Row              *rows;
  Series           *series;
  double           *values;       /* row-major: values[row * n_series + series] */
  PlChartValueKind  value_kind;
  char             *title;
  char             *row_axis_label;
  char             *series_axis_label;
  char             *value_axis_label;
  guint             serial;
};

G_DEFINE_FINAL_TYPE (PlChartData, pl_chart_data, G_TYPE_OBJECT)

static void
pl_chart_data_finalize (GObject *object)
{
  PlChartData *self = (PlChartData *)object;

  for (guint i = 0; i < self->n_rows; i++)
    {
      g_free (self->rows[i].label);
      g_free (self->rows[i].key);
    }
  for (guint i = 0; i < self->n_series; i++)
    {
      g_free (self->series[i].name);
      g_free (self->series[i].short_id);
      g_free (self->series[i].color);
      g_free (self->series[i].color_dark);
    }
  g_free (self->rows);
  g_free (self->series);
  g_free (self->values);
  g_free (self->title);
  g_free (self->row_axis_label);
  g_free (self->series_axis_label);
  g_free (self->value_axis_label);

  G_OBJECT_CLASS (pl_chart_data_parent_class)->finalize (object);
}

static void
pl_chart_data_class_init (PlChartDataClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = pl_chart_data_finalize;
}

static void
pl_chart_data_init (PlChartData *self)
{
}

/* The palette's colour for series @series, and its dark variant. */
static void
set_default_colors (Series *series,
                    guint   index)
{
  const char * const *palette = pl_codebook_get_palette ();
  guint n = g_strv_length ((char **)palette);

  g_free (series->color);
  g_free (series->color_dark);
  series->color = g_strdup (palette[index % n]);
  series->color_dark = pl_codebook_derive_dark_color (series->color);
}

PlChartData *
pl_chart_data_new (guint n_rows,
                   guint n_series)
{
  PlChartData *self;

  g_return_val_if_fail ((guint64) n_rows * n_series <= PL_CHART_DATA_MAX_CELLS, NULL);

  self = g_object_new (PL_TYPE_CHART_DATA, NULL);
  self->n_rows = n_rows;
  self->n_series = n_series;
  self->rows = g_new0 (Row, n_rows);
  self->series = g_new0 (Series, n_series);
  self->values = g_new (double, (gsize) n_rows * n_series);
  for (gsize i = 0; i < (gsize) n_rows * n_series; i++)
    self->values[i] = NAN;
  for (guint i = 0; i < n_rows; i++)
    self->rows[i].label = g_strdup ("");
  for (guint i = 0; i < n_series; i++)
    {
      self->series[i].name = g_strdup ("");
      set_default_colors (&self->series[i], i);
    }

  return self;
}

guint
pl_chart_data_get_n_rows (PlChartData *self)
{
  g_return_val_if_fail (PL_IS_CHART_DATA (self), 0);

  return self->n_rows;
}

guint
pl_chart_data_get_n_series (PlChartData *self)
{
  g_return_val_if_fail (PL_IS_CHART_DATA (self), 0);

  return self->n_series;
}

void
pl_chart_data_set_row (PlChartData          *self,
                       guint                 row,
                       const PlChartRowSpec *spec)
{
  Row *r;

  g_return_if_fail (PL_IS_CHART_DATA (self));
  g_return_if_fail (row < self->n_rows);
  g_return_if_fail (spec != NULL && spec->label != NULL);

  r = &self->rows[row];
  g_free (r->label);
  g_free (r->key);
  r->label = g_strdup (spec->label);
  r->key = g_strdup (spec->key);
  r->id = spec->id;
  self->serial++;
}

const char *
pl_chart_data_get_row_label (PlChartData *self,
                             guint        row)
{
  g_return_val_if_fail (PL_IS_CHART_DATA (self), NULL);
  g_return_val_if_fail (row < self->n_rows, NULL);

  return self->rows[row].label;
}

const char *
pl_chart_data_get_row_key (PlChartData *self,
                           guint        row)
{
  g_return_val_if_fail (PL_IS_CHART_DATA (self), NULL);
  g_return_val_if_fail (row < self->n_rows, NULL);

  return self->rows[row].key;
}

gint64
pl_chart_data_get_row_id (PlChartData *self,
                          guint        row)
{
  g_return_val_if_fail (PL_IS_CHART_DATA (self), 0);
  g_return_val_if_fail (row < self->n_rows, 0);

  return self->rows[row].id;
}

void
pl_chart_data_set_series (PlChartData             *self,
                          guint                    series,
                          const PlChartSeriesSpec *spec)
{
  g_autofree char *color = NULL;
  Series *s;

  g_return_if_fail (PL_IS_CHART_DATA (self));
  g_return_if_fail (series < self->n_series);
  g_return_if_fail (spec != NULL && spec->name != NULL);

  s = &self->series[series];
  g_free (s->name);
  g_free (s->short_id);
  s->name = g_strdup (spec->name);
  s->short_id = g_strdup (spec->short_id);
  s->id = spec->id;

  color = spec->color != NULL ? pl_codebook_normalize_color (spec->color, NULL) : NULL;
  if (spec->color != NULL && color == NULL)
    g_warning ("“%s” is not a colour; series %u takes the palette’s", spec->color, series);
  if (color == NULL)
    {
      set_default_colors (s, series);
    }
  else
    {
      g_autofree char *dark = NULL;

      if (spec->color_dark != NULL)
        dark = pl_codebook_normalize_color (spec->color_dark, NULL);
      if (dark == NULL)
        dark = pl_codebook_derive_dark_color (color);
      g_free (s->color);
      g_free (s->color_dark);
      s->color = g_steal_pointer (&color);
      s->color_dark = g_steal_pointer (&dark);
    }
  self->serial++;
}

const char *
pl_chart_data_get_series_name (PlChartData *self,
                               guint        series)
{
  g_return_val_if_fail (PL_IS_CHART_DATA (self), NULL);
  g_return_val_if_fail (series < self->n_series, NULL);

  return self->series[series].name;
}

const char *
pl_chart_data_get_series_short_id (PlChartData *self,
                                   guint        series)
{
  g_return_val_if_fail (PL_IS_CHART_DATA (self), NULL);
  g_return_val_if_fail (series < self->n_series, NULL);

  return self->series[series].short_id;
}

const char *
pl_chart_data_get_series_label (PlChartData *self,
                                guint        series)
{
  const Series *s;

  g_return_val_if_fail (PL_IS_CHART_DATA (self), NULL);
  g_return_val_if_fail (series < self->n_series, NULL);

  s = &self->series[series];
  return s->short_id != NULL && *s->short_id != '\0' ? s->short_id : s->name;
}

const char *
pl_chart_data_get_series_color (PlChartData *self,
                                guint        series,
                                gboolean     dark)
{
  g_return_val_if_fail (PL_IS_CHART_DATA (self), NULL);
  g_return_val_if_fail (series < self->n_series, NULL);

  return dark ? self->series[series].color_dark : self->series[series].color;
}

gint64
pl_chart_data_get_series_id (PlChartData *self,
                             guint        series)
{
  g_return_val_if_fail (PL_IS_CHART_DATA (self), 0);
  g_return_val_if_fail (series < self->n_series, 0);

  return self->series[series].id;
}

void
pl_chart_data_set_value (PlChartData *self,
                         guint        row,
                         guint        series,
                         double       value)
{
  g_return_if_fail (PL_IS_CHART_DATA (self));
  g_return_if_fail (row < self->n_rows && series < self->n_series);

  self->values[(gsize) row * self->n_series + series] = isfinite (value) ? value : NAN;
  self->serial++;
}

double
pl_chart_data_get_value (PlChartData *self,
                         guint        row,
                         guint        series)
{
  g_return_val_if_fail (PL_IS_CHART_DATA (self), NAN);
  g_return_val_if_fail (row < self->n_rows && series < self->n_series, NAN);

  return self->values[(gsize) row * self->n_series + series];
}

gboolean
pl_chart_data_get_range (PlChartData *self,
                         double      *out_min,
                         double      *out_max)
{
  double min = INFINITY, max = -INFINITY;

  g_return_val_if_fail (PL_IS_CHART_DATA (self), FALSE);

  for (gsize i = 0; i < (gsize) self->n_rows * self->n_series; i++)
    {
      double value = self->values[i];

      if (isnan (value))
        continue;
      min = MIN (min, value);
      max = MAX (max, value);
    }

  if (out_min != NULL)
    *out_min = min;
  if (out_max != NULL)
    *out_max = max;

  return min <= max;
}

void
pl_chart_data_set_value_kind (PlChartData      *self,
                              PlChartValueKind  kind)
{
  g_return_if_fail (PL_IS_CHART_DATA (self));
  g_return_if_fail (kind <= PL_CHART_VALUE_NUMBER);

  self->value_kind = kind;
  self->serial++;
}

PlChartValueKind
pl_chart_data_get_value_kind (PlChartData *self)
{
  g_return_val_if_fail (PL_IS_CHART_DATA (self), PL_CHART_VALUE_COUNT);

  return self->value_kind;
}

/* @value with as few decimals as it needs, at most @max_decimals. */
static char *
format_decimal (double value,
                int    max_decimals)
{
  int decimals = 0;
  double scaled = fabs (value);

  while (decimals < max_decimals && fabs (scaled - round (scaled)) > 1e-6 * MAX (1.0, scaled))
    {
      scaled *= 10.0;
      decimals++;
    }

  return g_strdup_printf ("%'.*f", decimals, value);
}

char *
pl_chart_data_format_value (PlChartData *self,
                            double       value)
{
  g_return_val_if_fail (PL_IS_CHART_DATA (self), NULL);

  if (isnan (value))
    return g_strdup ("–");

  switch (self->value_kind)
    {
    case PL_CHART_VALUE_SHARE:
      {
        double percent = value * 100.0;
        g_autofree char *number = format_decimal (percent, fabs (percent) < 10.0 ? 2 : 1);

        /* TRANSLATORS: a percentage; %s is the number ("42", "4.5") */
        return g_strdup_printf (_("%s%%"), number);
      }

    case PL_CHART_VALUE_COUNT:
      return format_decimal (value, 1);

    case PL_CHART_VALUE_NUMBER:
    default:
      return format_decimal (value, fabs (value) >= 100.0 ? 1 : fabs (value) >= 1.0 ? 2 : 3);
    }
}

void
pl_chart_data_set_title (PlChartData *self,
                         const char  *title)
{
  g_return_if_fail (PL_IS_CHART_DATA (self));

  g_free (self->title);
  self->title = g_strdup (title);
  self->serial++;
}

const char *
pl_chart_data_get_title (PlChartData *self)
{
  g_return_val_if_fail (PL_IS_CHART_DATA (self), NULL);

  return self->title;
}

void
pl_chart_data_set_axis_labels (PlChartData *self,
                               const char  *rows,
                               const char  *series,
                               const char  *values)
{
  g_return_if_fail (PL_IS_CHART_DATA (self));

  g_free (self->row_axis_label);
  g_free (self->series_axis_label);
  g_free (self->value_axis_label);
  self->row_axis_label = g_strdup (rows);
  self->series_axis_label = g_strdup (series);
  self->value_axis_label = g_strdup (values);
  self->serial++;
}

const char *
pl_chart_data_get_row_axis_label (PlChartData *self)
{
  g_return_val_if_fail (PL_IS_CHART_DATA (self), NULL);

  return self->row_axis_label;
}

const char *
pl_chart_data_get_series_axis_label (PlChartData *self)
{
  g_return_val_if_fail (PL_IS_CHART_DATA (self), NULL);

  return self->series_axis_label;
}

const char *
pl_chart_data_get_value_axis_label (PlChartData *self)
{
  g_return_val_if_fail (PL_IS_CHART_DATA (self), NULL);

  return self->value_axis_label;
}

guint
pl_chart_data_get_serial (PlChartData *self)
{
  g_return_val_if_fail (PL_IS_CHART_DATA (self), 0);

  return self->serial;
}

/* CSV */

/* The shortest of %.15g … %.17g that reads back as @value. */
static void
append_number (GString *out,
               double   value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  if (isnan (value))
    return;

  for (int precision = 15; precision <= 17; precision++)
    {
      g_autofree char *format = g_strdup_printf ("%%.%dg", precision);

      g_ascii_formatd (buffer, sizeof buffer, format, value);
      if (g_ascii_strtod (buffer, NULL) == value)
        break;
    }
  g_string_append (out, buffer);
}

char *
pl_chart_data_to_csv (PlChartData *self)
{
  GString *out;

  g_return_val_if_fail (PL_IS_CHART_DATA (self), NULL);

  out = g_string_new (NULL);
  pl_csv_append_field (out, self->row_axis_label != NULL ? self->row_axis_label : "row",
                       PL_CSV_PLAIN);
  for (guint s = 0; s < self->n_series; s++)
    {
      g_string_append_c (out, ',');
      pl_csv_append_field (out, pl_chart_data_get_series_label (self, s), PL_CSV_PLAIN);
    }
  g_string_append (out, "\r\n");

  for (guint r = 0; r < self->n_rows; r++)
    {
      pl_csv_append_field (out, self->rows[r].label, PL_CSV_PLAIN);
      for (guint s = 0; s < self->n_series; s++)
        {
          g_string_append_c (out, ',');
          append_number (out, self->values[(gsize) r * self->n_series + s]);
        }
      g_string_append (out, "\r\n");
    }

  return g_string_free (out, FALSE);
}

gboolean
pl_chart_write_file (const char  *path,
                     const void  *contents,
                     gsize        length,
                     GError     **error)
{
  g_autoptr(GFile) file = NULL;

  g_return_val_if_fail (path != NULL, FALSE);

  file = g_file_new_for_path (path);
  return pl_atomic_file_write (file, contents, length, NULL, error);
}

gboolean
pl_chart_data_write_csv (PlChartData  *self,
                         const char   *path,
                         GError      **error)
{
  g_autofree char *csv = NULL;

  g_return_val_if_fail (PL_IS_CHART_DATA (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  csv = pl_chart_data_to_csv (self);
  return pl_chart_write_file (path, csv, strlen (csv), error);
}

/* Reads one record of RFC 4180 CSV at *@cursor into @fields; advances @cursor past its end
 * of line (CRLF or LF) and @line by the lines it spans.  FALSE with @error on an unclosed
 * quote. */
static gboolean
read_record (const char  **cursor,
             const char   *end,
             GPtrArray    *fields,
             guint        *line,
             const char   *display_name,
             GError      **error)
{
  const char *p = *cursor;
  guint first_line = *line;

  g_ptr_array_set_size (fields, 0);
  for (;;)
    {
      GString *field = g_string_new (NULL);

      if (p < end && *p == '"')
        {
          for (p++;; p++)
            {
              if (p >= end)
                {
                  g_string_free (field, TRUE);
                  g_set_error (error, PL_IMPORT_ERROR, PL_IMPORT_ERROR_MALFORMED,
                               _("“%s”: the quoted value that starts on line %u is not "
                                 "closed."),
                               display_name, first_line);
                  return FALSE;
                }
              if (*p == '"' && p + 1 < end && p[1] == '"')
                p++;
              else if (*p == '"')
                break;
              else if (*p == '\n')
                (*line)++;
              g_string_append_c (field, *p);
            }
          p++;
        }
      while (p < end && *p != ',' && *p != '\n' && !(*p == '\r' && p + 1 < end && p[1] == '\n'))
        g_string_append_c (field, *p++);
      g_ptr_array_add (fields, g_string_free (field, FALSE));

      if (p < end && *p == ',')
        {
          p++;
          continue;
        }
      if (p < end && *p == '\r')
        p++;
      if (p < end && *p == '\n')
        p++;
      (*line)++;
      break;
    }

  *cursor = p;
  return TRUE;
}

static gboolean
parse_number (const char *field,
              double     *out_value)
{
  char *end = NULL;
  double value;

  if (*field == '\0')
    {
      *out_value = NAN;
      return TRUE;
    }

  value = g_ascii_strtod (field, &end);
  if (end == field || *end != '\0' || !isfinite (value))
    return FALSE;

  *out_value = value;
  return TRUE;
}

PlChartData *
pl_chart_data_new_from_csv (const char  *text,
                            gsize        length,
                            const char  *display_name,
                            GError     **error)
{
  g_autoptr(GPtrArray) header = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) fields = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) values = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(PlChartData) data = NULL;
  const char *cursor = text, *end = text + length;
  gboolean whole = TRUE;
  guint line = 1, n_series;

  g_return_val_if_fail (text != NULL || length == 0, NULL);
  g_return_val_if_fail (display_name != NULL, NULL);

  if (!g_utf8_validate (text, length, NULL))
    {
      g_set_error (error, PL_IMPORT_ERROR, PL_IMPORT_ERROR_ENCODING,
                   _("“%s” is not UTF-8 text."), display_name);
      return NULL;
    }
  if (length >= 3 && memcmp (text, "\xef\xbb\xbf", 3) == 0)
    cursor += 3;
  if (cursor >= end)
    {
      g_set_error (error, PL_IMPORT_ERROR, PL_IMPORT_ERROR_EMPTY,
                   _("“%s” is empty: a table needs a header row."), display_name);
      return NULL;
    }
  if (!read_record (&cursor, end, header, &line, display_name, error))
    return NULL;
  n_series = header->len - 1;

  while (cursor < end)
    {
      guint record_line = line;

      if (!read_record (&cursor, end, fields, &line, display_name, error))
        return NULL;
      if (fields->len == 1 && *(char *)fields->pdata[0] == '\0')
        continue;
      if (fields->len != header->len)
        {
          g_set_error (error, PL_IMPORT_ERROR, PL_IMPORT_ERROR_MALFORMED,
                       _("“%s”, line %u: %u values where the header has %u."),
                       display_name, record_line, fields->len, header->len);
          return NULL;
        }
      if ((guint64) (labels->len + 1) * MAX (n_series, 1) > PL_CHART_DATA_MAX_CELLS)
        {
          g_set_error (error, PL_IMPORT_ERROR, PL_IMPORT_ERROR_TOO_LARGE,
                       _("“%s” has more than %u values; a chart shows fewer."),
                       display_name, PL_CHART_DATA_MAX_CELLS);
          return NULL;
        }
      g_ptr_array_add (labels, g_strdup (fields->pdata[0]));
      for (guint s = 0; s < n_series; s++)
        {
          double value;

          if (!parse_number (fields->pdata[s + 1], &value))
            {
              g_set_error (error, PL_IMPORT_ERROR, PL_IMPORT_ERROR_MALFORMED,
                           _("“%s”, line %u, column %u: “%s” is not a number."),
                           display_name, record_line, s + 2, (char *)fields->pdata[s + 1]);
              return NULL;
            }
          whole = whole && (isnan (value) || value == round (value));
          g_array_append_val (values, value);
        }
    }

  data = pl_chart_data_new (labels->len, n_series);
  if (strcmp (header->pdata[0], "row") != 0)
    pl_chart_data_set_axis_labels (data, header->pdata[0], NULL, NULL);
  for (guint s = 0; s < n_series; s++)
    {
      PlChartSeriesSpec spec = { .name = header->pdata[s + 1], .short_id = header->pdata[s + 1] };

      pl_chart_data_set_series (data, s, &spec);
    }
  for (guint r = 0; r < labels->len; r++)
    {
      PlChartRowSpec spec = { .label = labels->pdata[r], .key = labels->pdata[r] };

      pl_chart_data_set_row (data, r, &spec);
    }
  memcpy (data->values, values->data, sizeof (double) * values->len);
  data->value_kind = whole ? PL_CHART_VALUE_COUNT : PL_CHART_VALUE_NUMBER;

  return g_steal_pointer (&data);
}
