/* pl-scores-report.c — a class's scores as JSON, the class summary as CSV, and each
 * student's feedback as HTML
 *
 * Numbers are written with a dot whatever the locale: in full in JSON, with six decimals in
 * CSV (as the agreement table has them) and three in the feedback, where an undefined one
 * is a dash with its reason as a tooltip.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "plenary-scores"

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "pl-csv.h"
#include "pl-scores.h"

/* JSON */

static void
add_coefficient (JsonBuilder         *builder,
                 const char          *member,
                 const PlCoefficient *value)
{
  json_builder_set_member_name (builder, member);
  if (isnan (value->value))
    json_builder_add_null_value (builder);
  else
    json_builder_add_double_value (builder, value->value);
}

static void
build_student (PlClassScores        *scores,
               const PlStudentScore *student,
               gboolean              anonymous,
               JsonBuilder          *builder)
{
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "student");
  json_builder_add_string_value (builder, anonymous ? student->alias : student->name);
  json_builder_set_member_name (builder, "statements_coded");
  json_builder_add_int_value (builder, student->statements_coded);
  add_coefficient (builder, "cohen_kappa", &student->cohen_kappa);
  add_coefficient (builder, "alpha_u", &student->alpha_u);
  json_builder_set_member_name (builder, "codes");
  json_builder_begin_array (builder);
  for (guint c = 0; c < pl_class_scores_get_n_codes (scores); c++)
    {
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "code");
      json_builder_add_string_value (builder, pl_class_scores_get_code (scores, c)->key);
      add_coefficient (builder, "precision", &student->codes[c].precision);
      add_coefficient (builder, "recall", &student->codes[c].recall);
      add_coefficient (builder, "f1", &student->codes[c].f1);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
}

void
pl_class_scores_build_json (PlClassScores *scores,
                            gboolean       anonymous,
                            JsonBuilder   *builder)
{
  g_return_if_fail (scores != NULL);
  g_return_if_fail (JSON_IS_BUILDER (builder));

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "reference");
  json_builder_add_string_value (builder, pl_class_scores_get_reference (scores));
  json_builder_set_member_name (builder, "students");
  json_builder_begin_array (builder);
  for (guint s = 0; s < pl_class_scores_get_n_students (scores); s++)
    build_student (scores, pl_class_scores_get_student (scores, s), anonymous, builder);
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "codes");
  json_builder_begin_array (builder);
  for (guint c = 0; c < pl_class_scores_get_n_codes (scores); c++)
    {
      const PlClassScore *class = pl_class_scores_get_class (scores, c, FALSE);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "code");
      json_builder_add_string_value (builder, pl_class_scores_get_code (scores, c)->key);
      add_coefficient (builder, "fleiss_kappa", &class->fleiss_kappa);
      add_coefficient (builder, "krippendorff_alpha", &class->krippendorff_alpha);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
}

/* CSV */

/* A number with @decimals decimals and a dot, or "" when it is undefined. */
static void
append_number (GString             *out,
               const PlCoefficient *value,
               int                  decimals)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  if (!isnan (value->value))
    g_string_append (out, g_ascii_formatd (buffer, sizeof buffer, decimals == 3 ? "%.3f" : "%.6f",
                                           value->value));
}

char *
pl_class_scores_to_csv (PlClassScores *scores,
                        gboolean       anonymous)
{
  GString *out = g_string_new ("student,handed_in,first_annotation,last_annotation,annotations,"
                               "statements,statements_coded,cohen_kappa,alpha_u");
  const char *measures[] = { "precision", "recall", "f1" };

  g_return_val_if_fail (scores != NULL, NULL);

  for (guint f = 0; f < pl_class_scores_get_n_families (scores); f++)
    for (guint m = 0; m < G_N_ELEMENTS (measures); m++)
      {
        g_autofree char *header = g_strdup_printf ("%s %s",
                                                   pl_class_scores_get_family (scores, f)->key,
                                                   measures[m]);

        g_string_append_c (out, ',');
        pl_csv_append_field (out, header, PL_CSV_SPREADSHEET_SAFE);
      }
  g_string_append (out, "\r\n");

  for (guint s = 0; s < pl_class_scores_get_n_students (scores); s++)
    {
      const PlStudentScore *student = pl_class_scores_get_student (scores, s);
      const char *times[] = { student->handed_in, student->first_annotation,
                              student->last_annotation };

      pl_csv_append_field (out, anonymous ? student->alias : student->name,
                           PL_CSV_SPREADSHEET_SAFE);
      for (guint t = 0; t < G_N_ELEMENTS (times); t++)
        {
          g_string_append_c (out, ',');
          pl_csv_append_field (out, times[t], PL_CSV_PLAIN);
        }
      g_string_append_printf (out, ",%u,%u,%u,", student->n_annotations,
                              pl_class_scores_get_n_units (scores), student->statements_coded);
      append_number (out, &student->cohen_kappa, 6);
      g_string_append_c (out, ',');
      append_number (out, &student->alpha_u, 6);
      for (guint f = 0; f < pl_class_scores_get_n_families (scores); f++)
        {
          const PlCodeScore *family = &student->families[f];
          const PlCoefficient *values[] = { &family->precision, &family->recall, &family->f1 };

          for (guint m = 0; m < G_N_ELEMENTS (values); m++)
            {
              g_string_append_c (out, ',');
              append_number (out, values[m], 6);
            }
        }
      g_string_append (out, "\r\n");
    }
  return g_string_free (out, FALSE);
}

/* HTML */

static void
append_escaped (GString    *out,
                const char *text)
{
  g_autofree char *escaped = g_markup_escape_text (text != NULL ? text : "", -1);

  g_string_append (out, escaped);
}

/* A table cell of one coefficient. */
static void
append_cell (GString             *out,
             const PlCoefficient *value)
{
  if (isnan (value->value))
    {
      g_string_append (out, "<td class=\"n\" title=\"");
      append_escaped (out, value->reason != NULL ? value->reason : _("undefined"));
      g_string_append (out, "\">—</td>");
      return;
    }
  g_string_append (out, "<td class=\"n\">");
  append_number (out, value, 3);
  g_string_append (out, "</td>");
}

static void
append_score_table (GString           *out,
                    PlClassScores     *scores,
                    const PlCodeScore *rows,
                    gboolean           family)
{
  guint n = family ? pl_class_scores_get_n_families (scores) : pl_class_scores_get_n_codes (scores);

  g_string_append_printf (out, "<table>\n<thead><tr><th scope=\"col\">%s</th><th scope=\"col\">"
                               "%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
                               "</tr></thead>\n<tbody>\n",
                          family ? _("Code family") : _("Code"), _("Precision"), _("Recall"),
                          _("F1"));
  for (guint i = 0; i < n; i++)
    {
      const PlScoreColumn *column = family ? pl_class_scores_get_family (scores, i)
                                           : pl_class_scores_get_code (scores, i);

      /* A code neither the student nor the reference marked says nothing. */
      if (rows[i].true_positives + rows[i].false_positives + rows[i].false_negatives == 0)
        continue;
      g_string_append (out, "<tr><th scope=\"row\">");
      append_escaped (out, column->name);
      g_string_append (out, "</th>");
      append_cell (out, &rows[i].precision);
      append_cell (out, &rows[i].recall);
      append_cell (out, &rows[i].f1);
      g_string_append (out, "</tr>\n");
    }
  g_string_append (out, "</tbody>\n</table>\n");
}

void
pl_class_scores_append_codes (PlClassScores          *scores,
                              int                     coder,
                              guint                   unit,
                              const PlCodeListMarkup *markup,
                              GString                *out)
{
  gboolean any = FALSE;

  g_return_if_fail (scores != NULL);
  g_return_if_fail (markup != NULL);
  g_return_if_fail (out != NULL);

  for (guint c = 0; c < pl_class_scores_get_n_codes (scores); c++)
    {
      gboolean mine = pl_class_scores_has_code (scores, coder, unit, c);
      gboolean other = pl_class_scores_has_code (scores, coder == -1 ? 0 : -1, unit, c);
      gboolean same = other || coder == -1;

      if (!mine)
        continue;
      /* What one side has and the other lacks is marked. */
      g_string_append_printf (out, "%s%s", any ? ", " : "", same ? markup->same_open : markup->extra_open);
      append_escaped (out, pl_class_scores_get_code (scores, c)->name);
      g_string_append (out, same ? markup->same_close : markup->extra_close);
      any = TRUE;
    }
  if (!any)
    append_escaped (out, _("no code"));
}

static const PlCodeListMarkup html_codes = {
  "<span class=\"same\">", "</span>", "<span class=\"extra\">", "</span>"
};

static void
append_difference (GString       *out,
                   PlClassScores *scores,
                   guint          student,
                   guint          unit)
{
  const PlScoreUnit *item = pl_class_scores_get_unit (scores, unit);
  GArray *memos = pl_class_scores_get_memos (scores);
  g_autofree char *where = NULL;

  where = item->speaker != NULL
          ? g_strdup_printf (_("%s, statement %u — %s"), item->document_title, item->index,
                             item->speaker)
          : g_strdup_printf (_("%s, statement %u"), item->document_title, item->index);
  g_string_append (out, "<section>\n<h3>");
  append_escaped (out, where);
  g_string_append (out, "</h3>\n<blockquote>");
  append_escaped (out, item->text);
  g_string_append (out, "</blockquote>\n<p><strong>");
  append_escaped (out, _("Yours:"));
  g_string_append (out, "</strong> ");
  pl_class_scores_append_codes (scores, (int) student, unit, &html_codes, out);
  g_string_append (out, "<br><strong>");
  append_escaped (out, _("Reference:"));
  g_string_append (out, "</strong> ");
  pl_class_scores_append_codes (scores, -1, unit, &html_codes, out);
  g_string_append (out, "</p>\n");
  for (guint i = 0; i < memos->len; i++)
    {
      const PlReferenceMemo *memo = &g_array_index (memos, PlReferenceMemo, i);

      if (memo->unit != unit)
        continue;
      g_string_append (out, "<p class=\"memo\"><strong>");
      append_escaped (out, pl_class_scores_get_code (scores, memo->column)->name);
      g_string_append (out, ":</strong> ");
      append_escaped (out, memo->memo);
      g_string_append (out, "</p>\n");
    }
  g_string_append (out, "</section>\n");
}

char *
pl_class_scores_feedback_html (PlClassScores *scores,
                               guint          student)
{
  const PlStudentScore *score;
  const PlExercise *exercise;
  g_autofree char *title = NULL;
  g_autofree char *coded = NULL;
  GString *out;
  guint n_differ = 0;

  g_return_val_if_fail (scores != NULL, NULL);
  g_return_val_if_fail (student < pl_class_scores_get_n_students (scores), NULL);

  score = pl_class_scores_get_student (scores, student);
  exercise = pl_class_scores_get_exercise (scores);
  title = g_strdup_printf ("%s — %s", score->name, exercise->title);
  coded = g_strdup_printf (_("%u of %u statements coded"), score->statements_coded,
                           pl_class_scores_get_n_units (scores));

  out = g_string_new ("<!DOCTYPE html>\n<html>\n<head>\n<meta charset=\"utf-8\">\n<title>");
  append_escaped (out, title);
  g_string_append (out, "</title>\n<style>body{font-family:sans-serif;max-width:50em;margin:auto}"
                        "table{border-collapse:collapse}th,td{padding:.2em .6em;"
                        "border-bottom:1px solid #ccc;text-align:left}.n{text-align:right}"
                        "blockquote{border-left:3px solid #ccc;margin:.5em 0;padding-left:1em}"
                        ".extra{text-decoration:underline wavy}.memo{color:#444}"
                        "section{break-inside:avoid}</style>\n</head>\n<body>\n<h1>");
  append_escaped (out, title);
  g_string_append (out, "</h1>\n<p>");
  append_escaped (out, coded);
  g_string_append (out, ". ");
  append_escaped (out, _("Compared with the reference coding of"));
  g_string_append_c (out, ' ');
  append_escaped (out, pl_class_scores_get_reference (scores));
  g_string_append (out, ".</p>\n<table>\n<tbody>\n<tr><th scope=\"row\">");
  append_escaped (out, _("Cohen’s κ (by statement)"));
  g_string_append (out, "</th>");
  append_cell (out, &score->cohen_kappa);
  g_string_append (out, "</tr>\n<tr><th scope=\"row\">");
  append_escaped (out, _("Krippendorff’s α_U (by span)"));
  g_string_append (out, "</th>");
  append_cell (out, &score->alpha_u);
  g_string_append (out, "</tr>\n</tbody>\n</table>\n<h2>");
  append_escaped (out, _("By code family"));
  g_string_append (out, "</h2>\n");
  append_score_table (out, scores, score->families, TRUE);
  g_string_append (out, "<h2>");
  append_escaped (out, _("By code"));
  g_string_append (out, "</h2>\n");
  append_score_table (out, scores, score->codes, FALSE);
  g_string_append (out, "<h2>");
  append_escaped (out, _("Where you differ from the reference"));
  g_string_append (out, "</h2>\n");
  for (guint u = 0; u < pl_class_scores_get_n_units (scores); u++)
    if (pl_class_scores_differs (scores, student, u))
      {
        append_difference (out, scores, student, u);
        n_differ++;
      }
  if (n_differ == 0)
    {
      g_string_append (out, "<p>");
      append_escaped (out, _("Nowhere: every statement is coded as the reference codes it."));
      g_string_append (out, "</p>\n");
    }
  g_string_append (out, "</body>\n</html>\n");
  return g_string_free (out, FALSE);
}
