/* pl-agreement-report.c — an agreement table as JSON, CSV and HTML
 *
 * Each format says every undefined coefficient's reason: JSON in a "reasons" object beside
 * the numbers, CSV in a last "notes" column, HTML as numbered notes under the table.
 * Numbers are written with a dot whatever the locale.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "plenary-agreement"

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "pl-csv.h"
#include "pl-error.h"
#include "pl-project-agreement.h"

/* The coefficients of a row, in the order of the table's columns. */
typedef struct
{
  const char          *member;
  const PlCoefficient *value;
} Column;

#define N_COLUMNS 6

static void
columns_of (const PlAgreementRow *row,
            Column               *columns)
{
  columns[0] = (Column) { "percent", &row->percent };
  columns[1] = (Column) { "cohen_kappa", &row->cohen_kappa };
  columns[2] = (Column) { "scott_pi", &row->scott_pi };
  columns[3] = (Column) { "fleiss_kappa", &row->fleiss_kappa };
  columns[4] = (Column) { "krippendorff_alpha", &row->krippendorff_alpha };
  columns[5] = (Column) { "alpha_u", &row->alpha_u };
}

static const char *
reason_of (const PlCoefficient *coefficient)
{
  if (!isnan (coefficient->value))
    return NULL;
  return coefficient->reason != NULL ? coefficient->reason : _("undefined");
}

/* JSON */

static void
add_row (JsonBuilder          *builder,
         const PlAgreementRow *row,
         gboolean              code)
{
  Column columns[N_COLUMNS];

  columns_of (row, columns);
  json_builder_begin_object (builder);
  if (code)
    {
      json_builder_set_member_name (builder, "code");
      json_builder_add_string_value (builder, row->short_id);
      json_builder_set_member_name (builder, "name");
      json_builder_add_string_value (builder, row->name);
      json_builder_set_member_name (builder, "units");
      json_builder_add_int_value (builder, row->n_units);
    }
  for (guint i = 0; i < N_COLUMNS; i++)
    {
      json_builder_set_member_name (builder, columns[i].member);
      if (isnan (columns[i].value->value))
        json_builder_add_null_value (builder);
      else
        json_builder_add_double_value (builder, columns[i].value->value);
    }
  json_builder_set_member_name (builder, "reasons");
  json_builder_begin_object (builder);
  for (guint i = 0; i < N_COLUMNS; i++)
    if (reason_of (columns[i].value) != NULL)
      {
        json_builder_set_member_name (builder, columns[i].member);
        json_builder_add_string_value (builder, reason_of (columns[i].value));
      }
  json_builder_end_object (builder);
  json_builder_end_object (builder);
}

void
pl_agreement_report_build_json (const PlAgreementReport *report,
                                JsonBuilder             *builder)
{
  g_return_if_fail (report != NULL);
  g_return_if_fail (JSON_IS_BUILDER (builder));

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "unit");
  json_builder_add_string_value (builder, pl_agreement_unit_to_string (report->unit));
  json_builder_set_member_name (builder, "coders");
  json_builder_begin_array (builder);
  for (guint i = 0; i < report->coder_names->len; i++)
    json_builder_add_string_value (builder, g_ptr_array_index (report->coder_names, i));
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "units");
  json_builder_add_int_value (builder, report->n_units);
  json_builder_set_member_name (builder, "overall");
  add_row (builder, &report->overall, FALSE);
  json_builder_set_member_name (builder, "codes");
  json_builder_begin_array (builder);
  for (guint i = 0; i < report->rows->len; i++)
    add_row (builder, &g_array_index (report->rows, PlAgreementRow, i), TRUE);
  json_builder_end_array (builder);
  json_builder_end_object (builder);
}

/* CSV and HTML */

static char *
format_value (double value,
              int    decimals)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  return g_strdup (g_ascii_formatd (buffer, sizeof buffer, decimals == 3 ? "%.3f" : "%.6f",
                                    value));
}

/* The overall row's name in a table. */
static const char *
overall_name (const PlAgreementReport *report)
{
  return report->unit == PL_AGREEMENT_BY_CATEGORY && report->overall.name != NULL
         ? report->overall.name : _("All codes");
}

static void
csv_row (GString              *out,
         const char           *code,
         const char           *name,
         const PlAgreementRow *row)
{
  g_autoptr(GString) notes = g_string_new (NULL);
  Column columns[N_COLUMNS];

  columns_of (row, columns);
  pl_csv_append_field (out, code, PL_CSV_PLAIN);
  g_string_append_c (out, ',');
  pl_csv_append_field (out, name, PL_CSV_PLAIN);
  g_string_append_printf (out, ",%u", row->n_units);
  for (guint i = 0; i < N_COLUMNS; i++)
    {
      const char *reason = reason_of (columns[i].value);

      g_string_append_c (out, ',');
      if (reason == NULL)
        {
          g_autofree char *value = format_value (columns[i].value->value, 6);

          g_string_append (out, value);
        }
      else
        g_string_append_printf (notes, "%s%s: %s", notes->len > 0 ? "; " : "",
                                columns[i].member, reason);
    }
  g_string_append_c (out, ',');
  pl_csv_append_field (out, notes->str, PL_CSV_PLAIN);
  g_string_append (out, "\r\n");
}

static GString *
report_to_csv (const PlAgreementReport *report)
{
  GString *out = g_string_new ("code,name,units,percent,cohen_kappa,scott_pi,fleiss_kappa,"
                               "krippendorff_alpha,alpha_u,notes\r\n");

  csv_row (out, "", overall_name (report), &report->overall);
  for (guint i = 0; i < report->rows->len; i++)
    {
      const PlAgreementRow *row = &g_array_index (report->rows, PlAgreementRow, i);

      csv_row (out, row->short_id, row->name, row);
    }
  return out;
}

static void
append_escaped (GString    *out,
                const char *text)
{
  g_autofree char *escaped = g_markup_escape_text (text != NULL ? text : "", -1);

  g_string_append (out, escaped);
}

/* The note number of @reason, added to @notes when new. */
static guint
note_number (GPtrArray  *notes,
             const char *reason)
{
  for (guint i = 0; i < notes->len; i++)
    if (g_strcmp0 (g_ptr_array_index (notes, i), reason) == 0)
      return i + 1;
  g_ptr_array_add (notes, (gpointer) reason);
  return notes->len;
}

static void
html_row (GString              *out,
          GPtrArray            *notes,
          const char           *code,
          const char           *name,
          const PlAgreementRow *row)
{
  Column columns[N_COLUMNS];

  columns_of (row, columns);
  g_string_append (out, "<tr><th scope=\"row\">");
  append_escaped (out, code);
  g_string_append (out, "</th><td>");
  append_escaped (out, name);
  g_string_append_printf (out, "</td><td class=\"n\">%u</td>", row->n_units);
  for (guint i = 0; i < N_COLUMNS; i++)
    {
      const char *reason = reason_of (columns[i].value);

      if (reason == NULL)
        {
          g_autofree char *value = format_value (columns[i].value->value, 3);

          g_string_append_printf (out, "<td class=\"n\">%s</td>", value);
        }
      else
        {
          g_string_append (out, "<td class=\"n\" title=\"");
          append_escaped (out, reason);
          g_string_append_printf (out, "\">—<sup>%u</sup></td>", note_number (notes, reason));
        }
    }
  g_string_append (out, "</tr>\n");
}

static char *
join_names (GPtrArray *names)
{
  GString *joined = g_string_new (NULL);

  for (guint i = 0; i < names->len; i++)
    g_string_append_printf (joined, "%s%s", i > 0 ? ", " : "",
                            (const char *) g_ptr_array_index (names, i));
  return g_string_free (joined, FALSE);
}

static GString *
report_to_html (const PlAgreementReport *report)
{
  g_autoptr(GPtrArray) notes = g_ptr_array_new ();
  g_autofree char *coders = NULL;
  GString *out = g_string_new ("<!DOCTYPE html>\n<html>\n<head>\n<meta charset=\"utf-8\">\n");
  const char *headings[] = {
    N_("Code"), N_("Name"), N_("Units"), N_("Percent"), N_("Cohen’s κ"), N_("Scott’s π"),
    N_("Fleiss’ κ"), N_("Krippendorff’s α"), N_("α_U"),
  };

  coders = join_names (report->coder_names);

  g_string_append (out, "<title>");
  append_escaped (out, _("Agreement"));
  g_string_append (out, "</title>\n<style>body{font-family:sans-serif}table{border-collapse:"
                        "collapse}th,td{padding:.2em .6em;border-bottom:1px solid #ccc;"
                        "text-align:left}.n{text-align:right}</style>\n</head>\n<body>\n<h1>");
  append_escaped (out, report->unit == PL_AGREEMENT_BY_SPAN ? _("Agreement by span")
                       : report->unit == PL_AGREEMENT_BY_CATEGORY ? _("Agreement by category")
                       : _("Agreement by statement"));
  g_string_append (out, "</h1>\n<p>");
  append_escaped (out, _("Coders:"));
  g_string_append_c (out, ' ');
  append_escaped (out, coders);
  g_string_append_printf (out, ". %s %u.</p>\n<table>\n<thead><tr>", _("Units:"), report->n_units);
  for (guint i = 0; i < G_N_ELEMENTS (headings); i++)
    {
      g_string_append (out, "<th scope=\"col\">");
      append_escaped (out, _(headings[i]));
      g_string_append (out, "</th>");
    }
  g_string_append (out, "</tr></thead>\n<tbody>\n");
  html_row (out, notes, "", overall_name (report), &report->overall);
  for (guint i = 0; i < report->rows->len; i++)
    {
      const PlAgreementRow *row = &g_array_index (report->rows, PlAgreementRow, i);

      html_row (out, notes, row->short_id, row->name, row);
    }
  g_string_append (out, "</tbody>\n</table>\n<ol>\n");
  for (guint i = 0; i < notes->len; i++)
    {
      g_string_append (out, "<li>");
      append_escaped (out, g_ptr_array_index (notes, i));
      g_string_append (out, "</li>\n");
    }
  g_string_append (out, "</ol>\n</body>\n</html>\n");
  return out;
}

gboolean
pl_agreement_report_write (const PlAgreementReport  *report,
                           PlAgreementFormat         format,
                           GFile                    *destination,
                           GError                  **error)
{
  g_autoptr(GString) out = NULL;
  g_autoptr(GError) write_error = NULL;

  g_return_val_if_fail (report != NULL, FALSE);
  g_return_val_if_fail (G_IS_FILE (destination), FALSE);

  out = format == PL_AGREEMENT_FORMAT_HTML ? report_to_html (report) : report_to_csv (report);
  if (!g_file_replace_contents (destination, out->str, out->len, NULL, FALSE, G_FILE_CREATE_NONE,
                                NULL, NULL, &write_error))
    {
      g_autofree char *name = g_file_get_parse_name (destination);

      g_set_error (error, PL_EXPORT_ERROR, PL_EXPORT_ERROR_WRITE,
                   _("Could not write “%s”: %s"), name, write_error->message);
      return FALSE;
    }
  return TRUE;
}
