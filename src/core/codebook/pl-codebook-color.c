/* pl-codebook-color.c — the colours of codes: reading them, and deriving one for dark styles
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "plenary-codebook"

#include "config.h"

#include <math.h>

#include <string.h>

#include "pl-codebook.h"
#include "pl-codebook-edit.h"

/* The colours the editor offers: the Okabe–Ito palette (distinguishable under the common
 * colour-vision deficiencies), then a darker shade of each. */
static const char * const palette[] = {
  "#0072B2", "#E69F00", "#009E73", "#CC79A7", "#D55E00", "#56B4E9", "#F0E442", "#999999",
  "#004F7C", "#A36F00", "#006B4F", "#99527C", "#9A4400", "#2C88BF", "#B8AD1D", "#666666",
  NULL
};

const char * const *
pl_codebook_get_palette (void)
{
  return palette;
}

static gboolean
parse_hex_digits (const char *digits,
                  guint       n,
                  guint      *out)
{
  guint value = 0;

  for (guint i = 0; i < n; i++)
    {
      int digit = g_ascii_xdigit_value (digits[i]);

      if (digit < 0)
        return FALSE;
      value = value * 16 + (guint) digit;
    }
  *out = value;
  return TRUE;
}

/* One component of rgb()/rgba(): 0–255, or a percentage; @is_alpha reads 0–1 instead. */
static gboolean
parse_component (const char *text,
                 gboolean    is_alpha,
                 double     *out)
{
  g_autofree char *copy = g_strstrip (g_strdup (text));
  gboolean percent = FALSE;
  char *end = NULL;
  gsize len = strlen (copy);
  double value;

  if (len > 0 && copy[len - 1] == '%')
    {
      percent = TRUE;
      copy[len - 1] = '\0';
    }
  if (copy[0] == '\0')
    return FALSE;

  value = g_ascii_strtod (copy, &end);
  if (end == NULL || *end != '\0' || value != value)
    return FALSE;

  if (percent)
    value = is_alpha ? value / 100.0 : value * 255.0 / 100.0;
  *out = CLAMP (value, 0.0, is_alpha ? 1.0 : 255.0);
  return TRUE;
}

char *
pl_codebook_normalize_color (const char *color,
                             gboolean   *out_dropped_alpha)
{
  g_autofree char *text = NULL;
  guint r = 0, g = 0, b = 0, a = 255;
  gsize len;

  if (out_dropped_alpha != NULL)
    *out_dropped_alpha = FALSE;
  if (color == NULL)
    return NULL;

  text = g_strstrip (g_ascii_strdown (color, -1));
  len = strlen (text);

  if (text[0] == '#')
    {
      const char *digits = text + 1;

      switch (len - 1)
        {
        case 3:
        case 4:
          if (!parse_hex_digits (digits, 1, &r) || !parse_hex_digits (digits + 1, 1, &g)
              || !parse_hex_digits (digits + 2, 1, &b)
              || (len == 5 && !parse_hex_digits (digits + 3, 1, &a)))
            return NULL;
          r *= 17, g *= 17, b *= 17;
          if (len == 5)
            a *= 17;
          break;
        case 6:
        case 8:
          if (!parse_hex_digits (digits, 2, &r) || !parse_hex_digits (digits + 2, 2, &g)
              || !parse_hex_digits (digits + 4, 2, &b)
              || (len == 9 && !parse_hex_digits (digits + 6, 2, &a)))
            return NULL;
          break;
        default:
          return NULL;
        }
    }
  else if (g_str_has_prefix (text, "rgb(") || g_str_has_prefix (text, "rgba("))
    {
      const char *open = strchr (text, '(');
      g_autofree char *inside = NULL;
      g_auto(GStrv) parts = NULL;
      double values[4] = { 0, 0, 0, 1 };
      guint n;

      if (text[len - 1] != ')')
        return NULL;
      inside = g_strndup (open + 1, text + len - 1 - (open + 1));
      parts = g_strsplit (inside, ",", -1);
      n = g_strv_length (parts);
      if (n != 3 && n != 4)
        return NULL;
      for (guint i = 0; i < n; i++)
        if (!parse_component (parts[i], i == 3, &values[i]))
          return NULL;
      r = (guint) (values[0] + 0.5);
      g = (guint) (values[1] + 0.5);
      b = (guint) (values[2] + 0.5);
      a = (guint) (values[3] * 255.0 + 0.5);
    }
  else
    return NULL;

  if (out_dropped_alpha != NULL)
    *out_dropped_alpha = a != 255;
  return g_strdup_printf ("#%02X%02X%02X", r, g, b);
}

static double
linear_channel (double c)
{
  double base;

  if (c <= 0.04045)
    return c / 12.92;
  base = (c + 0.055) / 1.055;
  return pow (base, 2.4);
}

static double
relative_luminance (const double rgb[3])
{
  return 0.2126 * linear_channel (rgb[0]) + 0.7152 * linear_channel (rgb[1])
         + 0.0722 * linear_channel (rgb[2]);
}

static double
wrap_unit (double value)
{
  while (value < 0.0)
    value += 1.0;
  while (value >= 1.0)
    value -= 1.0;
  return value;
}

static double
hue_channel (double m1,
             double m2,
             double hue)
{
  hue = wrap_unit (hue);
  if (hue < 1.0 / 6.0)
    return m1 + (m2 - m1) * hue * 6.0;
  if (hue < 0.5)
    return m2;
  if (hue < 2.0 / 3.0)
    return m1 + (m2 - m1) * (2.0 / 3.0 - hue) * 6.0;
  return m1;
}

static void
hls_to_rgb (double h,
            double l,
            double s,
            double rgb[3])
{
  double m2 = l <= 0.5 ? l * (1.0 + s) : l + s - l * s;
  double m1 = 2.0 * l - m2;

  if (s == 0.0)
    {
      rgb[0] = rgb[1] = rgb[2] = l;
      return;
    }
  rgb[0] = hue_channel (m1, m2, h + 1.0 / 3.0);
  rgb[1] = hue_channel (m1, m2, h);
  rgb[2] = hue_channel (m1, m2, h - 1.0 / 3.0);
}

static void
rgb_to_hls (const double rgb[3],
            double      *h,
            double      *l,
            double      *s)
{
  double max = MAX (rgb[0], MAX (rgb[1], rgb[2]));
  double min = MIN (rgb[0], MIN (rgb[1], rgb[2]));
  double delta = max - min;

  *l = (max + min) / 2.0;
  if (delta == 0.0)
    {
      *h = *s = 0.0;
      return;
    }
  *s = *l <= 0.5 ? delta / (max + min) : delta / (2.0 - max - min);
  if (max == rgb[0])
    *h = (rgb[1] - rgb[2]) / delta;
  else if (max == rgb[1])
    *h = 2.0 + (rgb[2] - rgb[0]) / delta;
  else
    *h = 4.0 + (rgb[0] - rgb[1]) / delta;
  *h = wrap_unit (*h / 6.0);
}

/* libadwaita's dark view and window backgrounds. */
#define DARK_VIEW_BG (0x1e / 255.0)
#define DARK_WINDOW_BG (0x24 / 255.0)
#define DARK_TINT_ALPHA 0.42

typedef enum
{
  LEGIBLE,
  TOO_DARK,
  TOO_LIGHT,
} Legibility;

static Legibility
legibility_on_dark (const double rgb[3])
{
  double window_bg[3] = { DARK_WINDOW_BG, DARK_WINDOW_BG, DARK_WINDOW_BG };
  double tint[3];

  for (guint i = 0; i < 3; i++)
    tint[i] = DARK_TINT_ALPHA * rgb[i] + (1.0 - DARK_TINT_ALPHA) * DARK_VIEW_BG;

  /* A margin above 3:1 and 4.5:1 so that rounding to 8 bits keeps the promise. */
  if ((relative_luminance (rgb) + 0.05) / (relative_luminance (window_bg) + 0.05) < 3.2)
    return TOO_DARK;
  if (1.05 / (relative_luminance (tint) + 0.05) < 4.6)
    return TOO_LIGHT;
  return LEGIBLE;
}

char *
pl_codebook_derive_dark_color (const char *color)
{
  g_autofree char *normal = NULL;
  double rgb[3], h, l, s, lo, hi;
  Legibility start;
  guint value = 0;

  g_return_val_if_fail (color != NULL, NULL);

  normal = pl_codebook_normalize_color (color, NULL);
  if (normal == NULL)
    return NULL;

  parse_hex_digits (normal + 1, 6, &value);
  rgb[0] = ((value >> 16) & 0xff) / 255.0;
  rgb[1] = ((value >> 8) & 0xff) / 255.0;
  rgb[2] = (value & 0xff) / 255.0;
  start = legibility_on_dark (rgb);
  if (start == LEGIBLE)
    return g_steal_pointer (&normal);

  /* Luminance grows with lightness at a fixed hue and saturation: search the lightness
   * that is just legible, upwards from a colour too dark, downwards from one too light. */
  rgb_to_hls (rgb, &h, &l, &s);
  lo = start == TOO_DARK ? l : 0.0;
  hi = start == TOO_DARK ? 1.0 : l;
  for (guint i = 0; i < 40; i++)
    {
      double mid = (lo + hi) / 2.0;
      Legibility now;

      hls_to_rgb (h, mid, s, rgb);
      now = legibility_on_dark (rgb);
      if (start == TOO_DARK)
        {
          if (now == TOO_DARK)
            lo = mid;
          else
            hi = mid;
        }
      else if (now == TOO_LIGHT)
        hi = mid;
      else
        lo = mid;
    }

  hls_to_rgb (h, start == TOO_DARK ? hi : lo, s, rgb);
  return g_strdup_printf ("#%02X%02X%02X", (guint) (rgb[0] * 255.0 + 0.5),
                          (guint) (rgb[1] * 255.0 + 0.5), (guint) (rgb[2] * 255.0 + 0.5));
}
