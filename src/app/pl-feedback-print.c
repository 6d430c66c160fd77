/* pl-feedback-print.c — a student's feedback printed, or written as PDF
 *
 * The report is a list of blocks (the title, the scores, a table per code family and per
 * code, one block per statement where the student differs), each one PangoLayout.  When
 * printing begins the layouts are made for the page's width and measured; a block that
 * does not fit in what is left of a page starts the next one, so that a statement is never
 * cut from its codes and memos, as the HTML's "break-inside: avoid" has it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "plenary-feedback-print"

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "pl-feedback-print.h"

#define BODY_FONT "Sans 10"

typedef struct
{
  char        *markup;
  double       space_before;   /* points */
  gboolean     table;          /* laid out with the score columns' tab stops */
  PangoLayout *layout;
  int          page;
  double       y;
} Block;

typedef struct
{
  GArray *blocks;              /* Block */
} FeedbackJob;

static void
block_clear (gpointer data)
{
  Block *block = data;

  g_free (block->markup);
  g_clear_object (&block->layout);
}

static void
add_block (FeedbackJob *job,
           char        *markup,
           double       space_before,
           gboolean     table)
{
  Block block = { markup, space_before, table, NULL, 0, 0 };

  g_array_append_val (job->blocks, block);
}

/* The report */

/* A coefficient with three decimals and a dot, as the HTML has it, or a dash. */
static void
append_number (GString             *out,
               const PlCoefficient *value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  g_string_append_c (out, '\t');
  g_string_append (out, isnan (value->value) ? "—"
                        : g_ascii_formatd (buffer, sizeof buffer, "%.3f", value->value));
}

static char *
score_table (PlClassScores     *scores,
             const PlCodeScore *rows,
             gboolean           family)
{
  guint n = family ? pl_class_scores_get_n_families (scores) : pl_class_scores_get_n_codes (scores);
  GString *out = g_string_new (NULL);
  g_autofree char *heading = g_markup_printf_escaped ("<b>%s\t%s\t%s\t%s</b>",
                                                      family ? _("Code family") : _("Code"),
                                                      _("Precision"), _("Recall"), _("F1"));

  g_string_append (out, heading);
  for (guint i = 0; i < n; i++)
    {
      const PlScoreColumn *column = family ? pl_class_scores_get_family (scores, i)
                                           : pl_class_scores_get_code (scores, i);
      g_autofree char *name = g_markup_escape_text (column->name, -1);

      /* A code neither the student nor the reference marked says nothing. */
      if (rows[i].true_positives + rows[i].false_positives + rows[i].false_negatives == 0)
        continue;
      g_string_append_printf (out, "\n%s", name);
      append_number (out, &rows[i].precision);
      append_number (out, &rows[i].recall);
      append_number (out, &rows[i].f1);
    }
  return g_string_free (out, FALSE);
}

/* What one side has and the other lacks is underlined. */
static const PlCodeListMarkup pango_codes = { "", "", "<u>", "</u>" };

static char *
difference (PlClassScores *scores,
            guint          student,
            guint          unit)
{
  const PlScoreUnit *item = pl_class_scores_get_unit (scores, unit);
  GArray *memos = pl_class_scores_get_memos (scores);
  g_autofree char *where = NULL;
  g_autofree char *head = NULL;
  GString *out;

  where = item->speaker != NULL
          ? g_strdup_printf (_("%s, statement %u — %s"), item->document_title, item->index,
                             item->speaker)
          : g_strdup_printf (_("%s, statement %u"), item->document_title, item->index);
  head = g_markup_printf_escaped ("<b>%s</b>\n<i>%s</i>\n<b>%s</b> ", where,
                                  item->text != NULL ? item->text : "", _("Yours:"));
  out = g_string_new (head);
  pl_class_scores_append_codes (scores, (int) student, unit, &pango_codes, out);
  g_string_append_printf (out, "\n<b>%s</b> ", _("Reference:"));
  pl_class_scores_append_codes (scores, -1, unit, &pango_codes, out);
  for (guint i = 0; i < memos->len; i++)
    {
      const PlReferenceMemo *memo = &g_array_index (memos, PlReferenceMemo, i);
      g_autofree char *line = NULL;

      if (memo->unit != unit)
        continue;
      line = g_markup_printf_escaped ("\n<span foreground=\"#444444\"><b>%s:</b> %s</span>",
                                      pl_class_scores_get_code (scores, memo->column)->name,
                                      memo->memo);
      g_string_append (out, line);
    }
  return g_string_free (out, FALSE);
}

static void
build_report (FeedbackJob   *job,
              PlClassScores *scores,
              guint          student)
{
  const PlStudentScore *score = pl_class_scores_get_student (scores, student);
  g_autofree char *coded = g_strdup_printf (_("%u of %u statements coded"),
                                            score->statements_coded,
                                            pl_class_scores_get_n_units (scores));
  GString *totals = g_string_new (NULL);
  g_autofree char *line = NULL;
  guint n_differ = 0;

  add_block (job, g_markup_printf_escaped ("<span size=\"xx-large\" weight=\"bold\">%s — %s</span>",
                                           score->name, pl_class_scores_get_exercise (scores)->title),
             0, FALSE);
  add_block (job, g_markup_printf_escaped ("%s. %s %s.", coded, _("Compared with the reference coding of"),
                                           pl_class_scores_get_reference (scores)),
             8, FALSE);
  line = g_markup_printf_escaped ("%s", _("Cohen’s κ (by statement)"));
  g_string_append (totals, line);
  append_number (totals, &score->cohen_kappa);
  g_clear_pointer (&line, g_free);
  line = g_markup_printf_escaped ("\n%s", _("Krippendorff’s α_U (by span)"));
  g_string_append (totals, line);
  append_number (totals, &score->alpha_u);
  add_block (job, g_string_free (totals, FALSE), 8, TRUE);

  add_block (job, g_markup_printf_escaped ("<span size=\"x-large\" weight=\"bold\">%s</span>",
                                           _("By code family")),
             14, FALSE);
  add_block (job, score_table (scores, score->families, TRUE), 4, TRUE);
  add_block (job, g_markup_printf_escaped ("<span size=\"x-large\" weight=\"bold\">%s</span>",
                                           _("By code")),
             14, FALSE);
  add_block (job, score_table (scores, score->codes, FALSE), 4, TRUE);
  add_block (job, g_markup_printf_escaped ("<span size=\"x-large\" weight=\"bold\">%s</span>",
                                           _("Where you differ from the reference")),
             14, FALSE);
  for (guint u = 0; u < pl_class_scores_get_n_units (scores); u++)
    if (pl_class_scores_differs (scores, student, u))
      {
        add_block (job, difference (scores, student, u), 8, FALSE);
        n_differ++;
      }
  if (n_differ == 0)
    add_block (job, g_markup_escape_text (_("Nowhere: every statement is coded as the reference codes it."), -1),
               8, FALSE);
}

/* Pages */

static void
on_begin_print (GtkPrintOperation *operation,
                GtkPrintContext   *context,
                FeedbackJob       *job)
{
  double width = gtk_print_context_get_width (context);
  double height = gtk_print_context_get_height (context);
  g_autoptr(PangoFontDescription) font = pango_font_description_from_string (BODY_FONT);
  g_autoptr(PangoTabArray) tabs = pango_tab_array_new (4, TRUE);
  int page = 0;
  double y = 0;

  /* The name, then three numbers: the columns of the HTML's tables. */
  for (int i = 0; i < 4; i++)
    pango_tab_array_set_tab (tabs, i, PANGO_TAB_LEFT, (int) (width * 0.45) + i * 70);
  for (guint i = 0; i < job->blocks->len; i++)
    {
      Block *block = &g_array_index (job->blocks, Block, i);
      int layout_height;

      g_clear_object (&block->layout);
      block->layout = gtk_print_context_create_pango_layout (context);
      pango_layout_set_font_description (block->layout, font);
      pango_layout_set_width (block->layout, (int) (width * PANGO_SCALE));
      pango_layout_set_wrap (block->layout, PANGO_WRAP_WORD_CHAR);
      if (block->table)
        pango_layout_set_tabs (block->layout, tabs);
      pango_layout_set_markup (block->layout, block->markup, -1);
      pango_layout_get_pixel_size (block->layout, NULL, &layout_height);

      if (y > 0)
        y += block->space_before;
      /* A block taller than a page starts one of its own and is cut at its foot. */
      if (y > 0 && y + layout_height > height)
        {
          page++;
          y = 0;
        }
      block->page = page;
      block->y = y;
      y += layout_height;
    }
  gtk_print_operation_set_n_pages (operation, page + 1);
}

static void
on_draw_page (GtkPrintOperation *operation,
              GtkPrintContext   *context,
              int                page,
              FeedbackJob       *job)
{
  cairo_t *cr = gtk_print_context_get_cairo_context (context);

  cairo_set_source_rgb (cr, 0, 0, 0);
  for (guint i = 0; i < job->blocks->len; i++)
    {
      Block *block = &g_array_index (job->blocks, Block, i);

      if (block->page != page || block->layout == NULL)
        continue;
      cairo_move_to (cr, 0, block->y);
      pango_cairo_show_layout (cr, block->layout);
    }
}

gboolean
pl_feedback_print (GtkWindow      *parent,
                   PlClassScores  *scores,
                   guint           student,
                   const char     *export_path,
                   GError        **error)
{
  g_autoptr(GtkPrintOperation) operation = NULL;
  g_autoptr(GArray) blocks = NULL;
  g_autofree char *job_name = NULL;
  FeedbackJob job;
  GtkPrintOperationResult result;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), FALSE);
  g_return_val_if_fail (scores != NULL, FALSE);
  g_return_val_if_fail (student < pl_class_scores_get_n_students (scores), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  blocks = g_array_new (FALSE, TRUE, sizeof (Block));
  g_array_set_clear_func (blocks, block_clear);
  job.blocks = blocks;
  build_report (&job, scores, student);

  job_name = g_strdup_printf (_("%s — feedback"), pl_class_scores_get_student (scores, student)->name);
  operation = gtk_print_operation_new ();
  gtk_print_operation_set_job_name (operation, job_name);
  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  gtk_print_operation_set_embed_page_setup (operation, TRUE);
  g_signal_connect (operation, "begin-print", G_CALLBACK (on_begin_print), &job);
  g_signal_connect (operation, "draw-page", G_CALLBACK (on_draw_page), &job);
  if (export_path != NULL)
    gtk_print_operation_set_export_filename (operation, export_path);

  /* Synchronous: the job lives on this stack until the operation is done. */
  result = gtk_print_operation_run (operation,
                                    export_path != NULL ? GTK_PRINT_OPERATION_ACTION_EXPORT
                                                        : GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG,
                                    parent, error);
  g_signal_handlers_disconnect_by_data (operation, &job);
  return result != GTK_PRINT_OPERATION_RESULT_ERROR;
}
