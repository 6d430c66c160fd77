/* pl-class-view.c — a class scored against an exercise's reference
 *
 * Four pages over one PlClassScores: the students (a row each: statements coded, Cohen's
 * κ, α_U, F1 per code family with its precision and recall in the cell's tooltip, when they
 * worked), the codes (Fleiss' κ and Krippendorff's α
 * among the students, agreement with the reference, the statements most disputed), one
 * student beside the reference (every statement to code, with the codes each gave,
 * disagreements tinted), and one statement as the class coded it (a bar per code).
 * Projector mode shows the statement page full screen in large type, names hidden unless
 * asked for, and walks the disputed statements.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "plenary-class-view"

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "pl-class-view.h"
#include "pl-feedback-print.h"
#include "pl-file-chooser.h"
#include "pl-project-exercise.h"
#include "pl-project-read.h"
#include "pl-scores.h"

struct _PlClassView
{
  AdwWindow             parent_instance;

  AdwViewStack         *view_stack;
  AdwViewSwitcherTitle *switcher_title;
  GtkLabel             *summary_label;
  GtkGrid              *students_grid;
  GtkGrid              *codes_grid;
  GtkLabel             *student_label;
  GtkTextView          *reference_text;
  GtkTextView          *student_text;
  GtkLabel             *statement_heading;
  GtkLabel             *statement_text;
  GtkGrid              *bars_grid;

  PlProject            *project;
  char                 *exercise;
  PlClassScores        *scores;
  GArray               *disputed;     /* guint units, most disputed first */
  GPtrArray            *labels;       /* char*: each student as the rows show them */
  guint                 student;
  guint                 statement;
  gboolean              anonymous;
  gboolean              projector;
  GtkFileChooserNative *chooser;
};

G_DEFINE_FINAL_TYPE (PlClassView, pl_class_view, ADW_TYPE_WINDOW)

enum
{
  PROP_0,
  PROP_ANONYMOUS,
  PROP_PROJECTOR,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Cells */

static char *
format_coefficient (const PlCoefficient *coefficient)
{
  if (isnan (coefficient->value))
    return g_strdup ("—");
  return g_strdup_printf ("%.2f", coefficient->value);
}

static void
clear_grid (GtkGrid *grid)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (grid))) != NULL)
    gtk_grid_remove (grid, child);
}

static GtkWidget *
cell (GtkGrid    *grid,
      const char *text,
      int         column,
      int         row,
      gboolean    numeric)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), numeric ? 1.0f : 0.0f);
  if (row == 0)
    gtk_widget_add_css_class (label, "heading");
  if (numeric)
    gtk_widget_add_css_class (label, "numeric");
  gtk_grid_attach (grid, label, column, row, 1, 1);
  return label;
}

static void
coefficient_cell (GtkGrid             *grid,
                  const PlCoefficient *coefficient,
                  int                  column,
                  int                  row)
{
  g_autofree char *text = format_coefficient (coefficient);
  GtkWidget *label = cell (grid, text, column, row, TRUE);

  if (coefficient->reason != NULL)
    gtk_widget_set_tooltip_text (label, coefficient->reason);
}

/* F1 of one family, its precision and recall in the tooltip: the grid has no room for
 * three columns a family. */
static void
family_cell (GtkGrid           *grid,
             const PlCodeScore *score,
             int                column,
             int                row)
{
  g_autofree char *text = format_coefficient (&score->f1);
  g_autofree char *precision = format_coefficient (&score->precision);
  g_autofree char *recall = format_coefficient (&score->recall);
  g_autofree char *tooltip = g_strdup_printf (_("Precision %s, recall %s"), precision, recall);
  GtkWidget *label = cell (grid, text, column, row, TRUE);

  if (score->f1.reason != NULL)
    {
      g_autofree char *full = g_strdup_printf ("%s\n%s", score->f1.reason, tooltip);

      gtk_widget_set_tooltip_text (label, full);
    }
  else
    gtk_widget_set_tooltip_text (label, tooltip);
}

static const char *
student_name (PlClassView *self,
              guint        student)
{
  const PlStudentScore *score = pl_class_scores_get_student (self->scores, student);

  return self->anonymous ? score->alias : score->name;
}

/* "12:40–13:05": when the student worked, from the annotations' times. */
static char *
work_span (const PlStudentScore *student)
{
  g_autoptr(GDateTime) first = NULL;
  g_autoptr(GDateTime) last = NULL;
  g_autoptr(GDateTime) first_local = NULL;
  g_autoptr(GDateTime) last_local = NULL;
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;

  if (student->first_annotation == NULL || student->last_annotation == NULL)
    return g_strdup ("—");
  first = g_date_time_new_from_iso8601 (student->first_annotation, NULL);
  last = g_date_time_new_from_iso8601 (student->last_annotation, NULL);
  if (first == NULL || last == NULL)
    return g_strdup ("—");
  first_local = g_date_time_to_local (first);
  last_local = g_date_time_to_local (last);
  from = g_date_time_format (first_local, "%x %H:%M");
  to = g_date_time_format (last_local, "%H:%M");
  return g_strdup_printf ("%s–%s", from, to);
}

/* The students */

static void
on_student_clicked (GtkButton   *button,
                    PlClassView *self)
{
  pl_class_view_show_student (self, GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "student")));
}

static void
build_students (PlClassView *self)
{
  PlClassScores *scores = self->scores;
  guint n_families = pl_class_scores_get_n_families (scores);
  const char *headings[] = { N_("Student"), N_("Statements coded"), N_("Cohen’s κ"), N_("α_U") };
  int column = 0;

  clear_grid (self->students_grid);
  g_ptr_array_set_size (self->labels, 0);
  for (guint i = 0; i < G_N_ELEMENTS (headings); i++)
    cell (self->students_grid, _(headings[i]), column++, 0, i > 0);
  for (guint f = 0; f < n_families; f++)
    {
      g_autofree char *heading = g_strdup_printf (_("F1 %s"), pl_class_scores_get_family (scores, f)->key);
      GtkWidget *label = cell (self->students_grid, heading, column++, 0, TRUE);

      gtk_widget_set_tooltip_text (label, pl_class_scores_get_family (scores, f)->name);
    }
  cell (self->students_grid, _("Worked"), column, 0, FALSE);

  for (guint s = 0; s < pl_class_scores_get_n_students (scores); s++)
    {
      const PlStudentScore *student = pl_class_scores_get_student (scores, s);
      g_autofree char *coded = g_strdup_printf ("%u / %u", student->statements_coded,
                                                pl_class_scores_get_n_units (scores));
      g_autofree char *span = work_span (student);
      GtkWidget *button = gtk_button_new_with_label (student_name (self, s));
      int row = (int) s + 1;

      column = 0;
      g_ptr_array_add (self->labels, g_strdup (student_name (self, s)));
      gtk_widget_add_css_class (button, "flat");
      gtk_widget_set_halign (button, GTK_ALIGN_START);
      gtk_widget_set_tooltip_text (button, _("Show beside the reference"));
      g_object_set_data (G_OBJECT (button), "student", GUINT_TO_POINTER (s));
      g_signal_connect (button, "clicked", G_CALLBACK (on_student_clicked), self);
      gtk_grid_attach (self->students_grid, button, column++, row, 1, 1);
      cell (self->students_grid, coded, column++, row, TRUE);
      coefficient_cell (self->students_grid, &student->cohen_kappa, column++, row);
      coefficient_cell (self->students_grid, &student->alpha_u, column++, row);
      for (guint f = 0; f < n_families; f++)
        family_cell (self->students_grid, &student->families[f], column++, row);
      cell (self->students_grid, span, column, row, FALSE);
    }
}

/* The codes */

static void
on_unit_clicked (GtkButton   *button,
                 PlClassView *self)
{
  pl_class_view_show_statement (self, GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "unit")));
}

static GtkWidget *
unit_button (PlClassView *self,
             guint        unit)
{
  const PlScoreUnit *score_unit = pl_class_scores_get_unit (self->scores, unit);
  g_autofree char *label = g_strdup_printf ("§%u", score_unit->index);
  GtkWidget *button = gtk_button_new_with_label (label);

  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, score_unit->document_title);
  g_object_set_data (G_OBJECT (button), "unit", GUINT_TO_POINTER (unit));
  g_signal_connect (button, "clicked", G_CALLBACK (on_unit_clicked), self);
  return button;
}

/* Whether anyone (the reference or a student) marked code column @code. */
static gboolean
code_used (PlClassScores *scores,
           guint          code)
{
  for (guint u = 0; u < pl_class_scores_get_n_units (scores); u++)
    if (pl_class_scores_count_code (scores, u, code) > 0 || pl_class_scores_has_code (scores, -1, u, code))
      return TRUE;
  return FALSE;
}

static void
build_codes (PlClassView *self)
{
  PlClassScores *scores = self->scores;
  const char *headings[] = { N_("Code"), N_("Fleiss’ κ"), N_("Krippendorff’s α"),
                             N_("Agree with the reference"), N_("Most disputed") };
  int row = 1;

  clear_grid (self->codes_grid);
  for (guint i = 0; i < G_N_ELEMENTS (headings); i++)
    cell (self->codes_grid, _(headings[i]), (int) i, 0, i > 0 && i < 4);

  for (guint c = 0; c < pl_class_scores_get_n_codes (scores); c++)
    {
      const PlScoreColumn *code = pl_class_scores_get_code (scores, c);
      const PlClassScore *class = pl_class_scores_get_class (scores, c, FALSE);
      g_autofree char *name = g_strdup_printf ("%s  %s", code->key, code->name);
      GtkWidget *units;

      if (!code_used (scores, c))
        continue;
      units = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
      cell (self->codes_grid, name, 0, row, FALSE);
      coefficient_cell (self->codes_grid, &class->fleiss_kappa, 1, row);
      coefficient_cell (self->codes_grid, &class->krippendorff_alpha, 2, row);
      coefficient_cell (self->codes_grid, &class->reference_agreement, 3, row);
      for (guint k = 0; k < MIN (class->disputed->len, 5); k++)
        gtk_box_append (GTK_BOX (units), unit_button (self, g_array_index (class->disputed, guint, k)));
      gtk_grid_attach (self->codes_grid, units, 4, row, 1, 1);
      row++;
    }
}

/* One student beside the reference */

/* The codes @coder gave unit @unit, as "CBM, CB" (or a dash). */
static char *
unit_codes (PlClassScores *scores,
            int            coder,
            guint          unit)
{
  GString *out = g_string_new (NULL);

  for (guint c = 0; c < pl_class_scores_get_n_codes (scores); c++)
    if (pl_class_scores_has_code (scores, coder, unit, c))
      g_string_append_printf (out, "%s%s", out->len > 0 ? ", " : "", pl_class_scores_get_code (scores, c)->key);
  if (out->len == 0)
    g_string_append (out, "—");
  return g_string_free (out, FALSE);
}

static void
fill_side (PlClassView *self,
           GtkTextView *view,
           int          coder)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextTagTable *table = gtk_text_buffer_get_tag_table (buffer);
  GtkTextIter end;

  if (gtk_text_tag_table_lookup (table, "differs") == NULL)
    {
      gtk_text_buffer_create_tag (buffer, "differs", "paragraph-background", "rgba(230,97,0,0.18)", NULL);
      gtk_text_buffer_create_tag (buffer, "heading", "weight", PANGO_WEIGHT_BOLD, NULL);
      gtk_text_buffer_create_tag (buffer, "codes", "family", "monospace", "weight", PANGO_WEIGHT_BOLD, NULL);
    }
  gtk_text_buffer_set_text (buffer, "", 0);
  for (guint u = 0; u < pl_class_scores_get_n_units (self->scores); u++)
    {
      const PlScoreUnit *unit = pl_class_scores_get_unit (self->scores, u);
      g_autofree char *heading = g_strdup_printf ("%s §%u%s%s\n", unit->document_title, unit->index,
                                                  unit->speaker != NULL ? " — " : "",
                                                  unit->speaker != NULL ? unit->speaker : "");
      g_autofree char *codes = unit_codes (self->scores, coder, u);
      gboolean differs = pl_class_scores_differs (self->scores, self->student, u);
      GtkTextMark *mark;
      GtkTextIter start;

      gtk_text_buffer_get_end_iter (buffer, &end);
      mark = gtk_text_buffer_create_mark (buffer, NULL, &end, TRUE);
      gtk_text_buffer_insert_with_tags_by_name (buffer, &end, heading, -1, "heading", NULL);
      gtk_text_buffer_insert (buffer, &end, unit->text, -1);
      gtk_text_buffer_insert (buffer, &end, "\n", -1);
      gtk_text_buffer_insert_with_tags_by_name (buffer, &end, codes, -1, "codes", NULL);
      gtk_text_buffer_insert (buffer, &end, "\n", -1);
      gtk_text_buffer_get_iter_at_mark (buffer, &start, mark);
      if (differs)
        gtk_text_buffer_apply_tag_by_name (buffer, "differs", &start, &end);
      gtk_text_buffer_delete_mark (buffer, mark);
      gtk_text_buffer_insert (buffer, &end, "\n", -1);
    }
}

void
pl_class_view_show_student (PlClassView *self,
                            guint        student)
{
  g_autofree char *heading = NULL;
  guint n_differ = 0;

  g_return_if_fail (PL_IS_CLASS_VIEW (self));
  g_return_if_fail (self->scores != NULL && student < pl_class_scores_get_n_students (self->scores));

  self->student = student;
  for (guint u = 0; u < pl_class_scores_get_n_units (self->scores); u++)
    n_differ += pl_class_scores_differs (self->scores, student, u);
  heading = g_strdup_printf (_("Left: %s. Right: %s. They differ in %u of %u statements (tinted)."),
                             pl_class_scores_get_reference (self->scores), student_name (self, student),
                             n_differ, pl_class_scores_get_n_units (self->scores));
  gtk_label_set_text (self->student_label, heading);
  fill_side (self, self->reference_text, -1);
  fill_side (self, self->student_text, (int) student);
  adw_view_stack_set_visible_child_name (self->view_stack, "student");
}

/* One statement as the class coded it */

void
pl_class_view_show_statement (PlClassView *self,
                              guint        unit)
{
  PlClassScores *scores;
  const PlScoreUnit *score_unit;
  g_autofree char *heading = NULL;
  guint n_students, rank = 0;
  int row = 0;

  g_return_if_fail (PL_IS_CLASS_VIEW (self));
  g_return_if_fail (self->scores != NULL && unit < pl_class_scores_get_n_units (self->scores));

  scores = self->scores;
  score_unit = pl_class_scores_get_unit (scores, unit);
  n_students = pl_class_scores_get_n_students (scores);
  self->statement = unit;
  for (guint i = 0; i < self->disputed->len; i++)
    if (g_array_index (self->disputed, guint, i) == unit)
      rank = i + 1;
  if (rank > 0)
    heading = g_strdup_printf (_("%s, statement %u — %s (disputed: %u of %u)"), score_unit->document_title,
                               score_unit->index, score_unit->speaker != NULL ? score_unit->speaker : "",
                               rank, self->disputed->len);
  else
    heading = g_strdup_printf (_("%s, statement %u — %s"), score_unit->document_title,
                               score_unit->index, score_unit->speaker != NULL ? score_unit->speaker : "");
  gtk_label_set_text (self->statement_heading, heading);
  gtk_label_set_text (self->statement_text, score_unit->text);

  clear_grid (self->bars_grid);
  for (guint c = 0; c < pl_class_scores_get_n_codes (scores); c++)
    {
      guint count = pl_class_scores_count_code (scores, unit, c);
      gboolean reference = pl_class_scores_has_code (scores, -1, unit, c);
      const PlScoreColumn *code = pl_class_scores_get_code (scores, c);
      g_autofree char *name = g_strdup_printf ("%s  %s", code->key, code->name);
      g_autofree char *counted = g_strdup_printf (_("%u of %u"), count, n_students);
      GtkWidget *bar;
      GtkWidget *label;

      if (count == 0 && !reference)
        continue;
      bar = gtk_progress_bar_new ();
      label = cell (self->bars_grid, name, 0, row, FALSE);
      gtk_widget_add_css_class (label, "class-bar-label");
      gtk_progress_bar_set_fraction (GTK_PROGRESS_BAR (bar), n_students > 0 ? (double) count / n_students : 0);
      gtk_widget_set_hexpand (bar, TRUE);
      gtk_widget_set_valign (bar, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (bar, "class-bar");
      gtk_accessible_update_property (GTK_ACCESSIBLE (bar), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
      gtk_grid_attach (self->bars_grid, bar, 1, row, 1, 1);
      cell (self->bars_grid, counted, 2, row, TRUE);
      label = cell (self->bars_grid, reference ? _("✓ reference") : "", 3, row, FALSE);
      gtk_widget_add_css_class (label, "class-bar-label");
      row++;
    }
  if (row == 0)
    cell (self->bars_grid, _("Nobody coded this statement, nor did the reference."), 0, 0, FALSE);
  adw_view_stack_set_visible_child_name (self->view_stack, "statement");
}

guint
pl_class_view_get_statement (PlClassView *self)
{
  g_return_val_if_fail (PL_IS_CLASS_VIEW (self), 0);
  return self->statement;
}

void
pl_class_view_next_disputed (PlClassView *self,
                             gboolean     backwards)
{
  guint n;
  guint at = 0;
  gboolean found = FALSE;

  g_return_if_fail (PL_IS_CLASS_VIEW (self));

  n = self->disputed != NULL ? self->disputed->len : 0;
  if (n == 0)
    return;
  for (guint i = 0; i < n && !found; i++)
    if (g_array_index (self->disputed, guint, i) == self->statement)
      {
        at = i;
        found = TRUE;
      }
  /* From elsewhere, the most disputed comes first. */
  if (!found)
    at = 0;
  else
    at = backwards ? (at + n - 1) % n : (at + 1) % n;
  pl_class_view_show_statement (self, g_array_index (self->disputed, guint, at));
}

/* Scores */

static void
rebuild (PlClassView *self)
{
  g_autofree char *summary = NULL;
  const PlExercise *exercise = pl_class_scores_get_exercise (self->scores);
  const char *page = adw_view_stack_get_visible_child_name (self->view_stack);

  g_clear_pointer (&self->disputed, g_array_unref);
  self->disputed = pl_class_scores_dup_disputed (self->scores);
  summary = g_strdup_printf (ngettext ("%s: %u student scored against “%s” on %u statements; %u divide the class.",
                                       "%s: %u students scored against “%s” on %u statements; %u divide the class.",
                                       pl_class_scores_get_n_students (self->scores)),
                             exercise->title, pl_class_scores_get_n_students (self->scores),
                             pl_class_scores_get_reference (self->scores),
                             pl_class_scores_get_n_units (self->scores), self->disputed->len);
  gtk_label_set_text (self->summary_label, summary);
  adw_view_switcher_title_set_subtitle (self->switcher_title, exercise->title);
  build_students (self);
  build_codes (self);
  if (pl_class_scores_get_n_units (self->scores) > 0)
    {
      self->statement = MIN (self->statement, pl_class_scores_get_n_units (self->scores) - 1);
      pl_class_view_show_statement (self, self->statement);
    }
  if (pl_class_scores_get_n_students (self->scores) > 0)
    {
      self->student = MIN (self->student, pl_class_scores_get_n_students (self->scores) - 1);
      pl_class_view_show_student (self, self->student);
    }
  adw_view_stack_set_visible_child_name (self->view_stack, page != NULL ? page : "students");
}

gboolean
pl_class_view_refresh (PlClassView  *self,
                       GError      **error)
{
  g_autoptr(PlProjectReader) reader = NULL;
  PlClassScores *scores;

  g_return_val_if_fail (PL_IS_CLASS_VIEW (self), FALSE);

  reader = pl_project_reader_new_for_project (self->project, error);
  if (reader == NULL)
    return FALSE;
  scores = pl_class_scores_compute (reader, &(PlScoresSpec) { self->exercise, NULL }, error);
  if (scores == NULL)
    return FALSE;
  g_clear_pointer (&self->scores, pl_class_scores_free);
  self->scores = scores;
  rebuild (self);
  return TRUE;
}

static void
on_history_changed (PlClassView *self)
{
  g_autoptr(GError) error = NULL;

  if (!pl_class_view_refresh (self, &error))
    g_debug ("The class view is not scored again: %s", error->message);
}

PlClassScores *
pl_class_view_get_scores (PlClassView *self)
{
  g_return_val_if_fail (PL_IS_CLASS_VIEW (self), NULL);
  return self->scores;
}

const char *
pl_class_view_get_page (PlClassView *self)
{
  g_return_val_if_fail (PL_IS_CLASS_VIEW (self), NULL);
  return adw_view_stack_get_visible_child_name (self->view_stack);
}

const char *
pl_class_view_get_student_label (PlClassView *self,
                                 guint        row)
{
  g_return_val_if_fail (PL_IS_CLASS_VIEW (self), NULL);
  g_return_val_if_fail (row < self->labels->len, NULL);
  return g_ptr_array_index (self->labels, row);
}

/* Modes */

void
pl_class_view_set_anonymous (PlClassView *self,
                             gboolean     anonymous)
{
  g_return_if_fail (PL_IS_CLASS_VIEW (self));

  anonymous = !!anonymous;
  if (self->anonymous == anonymous)
    return;
  self->anonymous = anonymous;
  if (self->scores != NULL)
    rebuild (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ANONYMOUS]);
}

void
pl_class_view_set_projector (PlClassView *self,
                             gboolean     projector)
{
  g_return_if_fail (PL_IS_CLASS_VIEW (self));

  projector = !!projector;
  if (self->projector == projector)
    return;
  self->projector = projector;
  if (projector)
    {
      gtk_widget_add_css_class (GTK_WIDGET (self), "projector");
      gtk_window_fullscreen (GTK_WINDOW (self));
      /* Names stay hidden on the wall unless the teacher shows them. */
      pl_class_view_set_anonymous (self, TRUE);
      if (self->scores != NULL && self->disputed->len > 0)
        pl_class_view_show_statement (self, g_array_index (self->disputed, guint, 0));
      else
        adw_view_stack_set_visible_child_name (self->view_stack, "statement");
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self), "projector");
      gtk_window_unfullscreen (GTK_WINDOW (self));
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROJECTOR]);
}

gboolean
pl_class_view_get_projector (PlClassView *self)
{
  g_return_val_if_fail (PL_IS_CLASS_VIEW (self), FALSE);
  return self->projector;
}

static void
disputed_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  pl_class_view_next_disputed (PL_CLASS_VIEW (widget), g_str_equal (action_name, "class.previous-disputed"));
}

static gboolean
leave_projector (GtkWidget *widget,
                 GVariant  *args,
                 gpointer   user_data)
{
  PlClassView *self = PL_CLASS_VIEW (widget);

  if (!self->projector)
    return FALSE;
  pl_class_view_set_projector (self, FALSE);
  return TRUE;
}

/* Exports */

gboolean
pl_class_view_export_feedback (PlClassView  *self,
                               GFile        *folder,
                               GError      **error)
{
  g_return_val_if_fail (PL_IS_CLASS_VIEW (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (folder), FALSE);

  for (guint s = 0; self->scores != NULL && s < pl_class_scores_get_n_students (self->scores); s++)
    {
      g_autofree char *html = pl_class_scores_feedback_html (self->scores, s);
      g_autofree char *part = pl_file_name_part (pl_class_scores_get_student (self->scores, s)->name);
      g_autofree char *name = g_strdup_printf (_("%s — feedback.html"), part);
      g_autoptr(GFile) file = g_file_get_child (folder, name);

      if (!g_file_replace_contents (file, html, strlen (html), NULL, FALSE, G_FILE_CREATE_NONE,
                                    NULL, NULL, error))
        return FALSE;
    }
  return TRUE;
}

gboolean
pl_class_view_print_feedback (PlClassView  *self,
                              guint         student,
                              const char   *export_path,
                              GError      **error)
{
  g_return_val_if_fail (PL_IS_CLASS_VIEW (self), FALSE);
  g_return_val_if_fail (self->scores != NULL, FALSE);

  return pl_feedback_print (GTK_WINDOW (self), self->scores, student, export_path, error);
}

gboolean
pl_class_view_export_csv (PlClassView  *self,
                          GFile        *file,
                          GError      **error)
{
  g_autofree char *csv = NULL;

  g_return_val_if_fail (PL_IS_CLASS_VIEW (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  csv = pl_class_scores_to_csv (self->scores, self->anonymous);
  return g_file_replace_contents (file, csv, strlen (csv), NULL, FALSE, G_FILE_CREATE_NONE, NULL,
                                  NULL, error);
}

static void
show_error (PlClassView *self,
            const char  *heading,
            GError      *error)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, error->message);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_export_response (PlClassView          *self,
                    int                   response,
                    GtkFileChooserNative *chooser)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  gboolean feedback = gtk_file_chooser_get_action (GTK_FILE_CHOOSER (chooser)) == GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      if (!(feedback ? pl_class_view_export_feedback (self, file, &error)
                     : pl_class_view_export_csv (self, file, &error)))
        show_error (self, _("Could Not Export"), error);
    }
  g_clear_object (&self->chooser);
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  PlClassView *self = PL_CLASS_VIEW (widget);
  gboolean feedback = g_str_equal (action_name, "class.export-feedback");

  if (self->scores == NULL)
    return;
  g_clear_object (&self->chooser);
  if (feedback)
    self->chooser = pl_file_chooser_new (GTK_WINDOW (self), _("Feedback for Each Student"),
                                         GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER, _("_Export"));
  else
    {
      g_autofree char *name = g_strdup_printf (_("%s — class.csv"),
                                               pl_class_scores_get_exercise (self->scores)->title);
      g_autofree char *part = pl_file_name_part (name);

      self->chooser = pl_file_chooser_new (GTK_WINDOW (self), _("Class Summary"),
                                           GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"));
      gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), part);
    }
  pl_file_chooser_show (self->chooser, G_CALLBACK (on_export_response), self);
}

static void
print_feedback_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  PlClassView *self = PL_CLASS_VIEW (widget);
  g_autoptr(GError) error = NULL;

  if (self->scores == NULL || self->student >= pl_class_scores_get_n_students (self->scores))
    return;
  if (!pl_class_view_print_feedback (self, self->student, NULL, &error))
    show_error (self, _("Could Not Print"), error);
}

/* The type */

static void
pl_class_view_dispose (GObject *object)
{
  PlClassView *self = PL_CLASS_VIEW (object);

  if (self->project != NULL)
    g_signal_handlers_disconnect_by_data (self->project, self);
  g_clear_object (&self->project);
  g_clear_object (&self->chooser);
  g_clear_pointer (&self->scores, pl_class_scores_free);
  g_clear_pointer (&self->disputed, g_array_unref);
  g_clear_pointer (&self->labels, g_ptr_array_unref);
  g_clear_pointer (&self->exercise, g_free);

  G_OBJECT_CLASS (pl_class_view_parent_class)->dispose (object);
}

static void
pl_class_view_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  PlClassView *self = PL_CLASS_VIEW (object);

  switch (prop_id)
    {
    case PROP_ANONYMOUS:
      g_value_set_boolean (value, self->anonymous);
      break;
    case PROP_PROJECTOR:
      g_value_set_boolean (value, self->projector);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pl_class_view_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  PlClassView *self = PL_CLASS_VIEW (object);

  switch (prop_id)
    {
    case PROP_ANONYMOUS:
      pl_class_view_set_anonymous (self, g_value_get_boolean (value));
      break;
    case PROP_PROJECTOR:
      pl_class_view_set_projector (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pl_class_view_class_init (PlClassViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pl_class_view_dispose;
  object_class->get_property = pl_class_view_get_property;
  object_class->set_property = pl_class_view_set_property;

  properties[PROP_ANONYMOUS] =
    g_param_spec_boolean ("anonymous", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PROJECTOR] =
    g_param_spec_boolean ("projector", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/plenary/Plenary/pl-class-view.ui");
  gtk_widget_class_bind_template_child (widget_class, PlClassView, view_stack);
  gtk_widget_class_bind_template_child (widget_class, PlClassView, switcher_title);
  gtk_widget_class_bind_template_child (widget_class, PlClassView, summary_label);
  gtk_widget_class_bind_template_child (widget_class, PlClassView, students_grid);
  gtk_widget_class_bind_template_child (widget_class, PlClassView, codes_grid);
  gtk_widget_class_bind_template_child (widget_class, PlClassView, student_label);
  gtk_widget_class_bind_template_child (widget_class, PlClassView, reference_text);
  gtk_widget_class_bind_template_child (widget_class, PlClassView, student_text);
  gtk_widget_class_bind_template_child (widget_class, PlClassView, statement_heading);
  gtk_widget_class_bind_template_child (widget_class, PlClassView, statement_text);
  gtk_widget_class_bind_template_child (widget_class, PlClassView, bars_grid);

  gtk_widget_class_install_property_action (widget_class, "class.projector", "projector");
  gtk_widget_class_install_property_action (widget_class, "class.anonymous", "anonymous");
  gtk_widget_class_install_action (widget_class, "class.next-disputed", NULL, disputed_action);
  gtk_widget_class_install_action (widget_class, "class.previous-disputed", NULL, disputed_action);
  gtk_widget_class_install_action (widget_class, "class.export-feedback", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "class.print-feedback", NULL, print_feedback_action);
  gtk_widget_class_install_action (widget_class, "class.export-csv", NULL, export_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F11, 0, "class.projector", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Page_Down, 0, "class.next-disputed", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Page_Up, 0, "class.previous-disputed", NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Escape, 0, leave_projector, NULL);
}

static void
pl_class_view_init (PlClassView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->labels = g_ptr_array_new_with_free_func (g_free);
}

PlClassView *
pl_class_view_new (GtkWindow  *parent,
                   PlProject  *project,
                   const char *exercise)
{
  PlClassView *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (PL_IS_PROJECT (project), NULL);

  self = g_object_new (PL_TYPE_CLASS_VIEW, "transient-for", parent, NULL);
  self->project = g_object_ref (project);
  self->exercise = g_strdup (exercise);
  g_signal_connect_object (project, "history-changed", G_CALLBACK (on_history_changed), self,
                           G_CONNECT_SWAPPED);
  return self;
}
