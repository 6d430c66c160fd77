/* pl-class-view.h — a class scored against an exercise's reference: students, codes, one
 * student beside the reference, one statement as the class coded it, projector mode
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "pl-project.h"

G_BEGIN_DECLS

/* pl-scores.h (not included: its PlSpan is not the one of pl-project-statements.h, which
 * the window includes). */
typedef struct _PlClassScores PlClassScores;

#define PL_TYPE_CLASS_VIEW (pl_class_view_get_type ())
G_DECLARE_FINAL_TYPE (PlClassView, pl_class_view, PL, CLASS_VIEW, AdwWindow)

/* The class of the project's newest exercise (or the one titled or with the GUID
 * @exercise), scored anew when the project changes. */
PlClassView   *pl_class_view_new              (GtkWindow    *parent,
                                               PlProject    *project,
                                               const char   *exercise);
/* Scores the class again; FALSE with @error when the project has no such exercise. */
gboolean       pl_class_view_refresh          (PlClassView  *self,
                                               GError      **error);
PlClassScores *pl_class_view_get_scores       (PlClassView  *self);

/* The page shown: "students", "codes", "student" (one student beside the reference) or
 * "statement" (how every student coded one). */
const char    *pl_class_view_get_page         (PlClassView  *self);
/* Shows student @student (by the order of hand-ins) beside the reference, as a click on
 * their row does. */
void           pl_class_view_show_student     (PlClassView  *self,
                                               guint         student);
/* Shows unit @unit as the class coded it, as a click on a disputed statement does. */
void           pl_class_view_show_statement   (PlClassView  *self,
                                               guint         unit);
guint          pl_class_view_get_statement    (PlClassView  *self);
/* Projector mode ("class.projector", F11): full screen, large type, high contrast,
 * students anonymised unless names are shown, the statement page, Page Up and Page Down
 * going to the previous and the next disputed statement. */
void           pl_class_view_set_projector    (PlClassView  *self,
                                               gboolean      projector);
gboolean       pl_class_view_get_projector    (PlClassView  *self);
/* Goes to the next (or previous) statement that divides the class. */
void           pl_class_view_next_disputed    (PlClassView  *self,
                                               gboolean      backwards);
/* Whether names are hidden ("Student 1…"). */
void           pl_class_view_set_anonymous    (PlClassView  *self,
                                               gboolean      anonymous);
/* The text shown for the student of row @row of the students' page. */
const char    *pl_class_view_get_student_label (PlClassView *self,
                                               guint         row);

/* Writes one feedback page per student ("NAME — feedback.html") into @folder. */
gboolean       pl_class_view_export_feedback  (PlClassView  *self,
                                               GFile        *folder,
                                               GError      **error);
/* Prints the feedback of student @student ("class.print-feedback" prints the one last shown
 * beside the reference), or with @export_path writes it there as PDF without a dialog. */
gboolean       pl_class_view_print_feedback   (PlClassView  *self,
                                               guint         student,
                                               const char   *export_path,
                                               GError      **error);
/* Writes the class summary CSV to @file. */
gboolean       pl_class_view_export_csv       (PlClassView  *self,
                                               GFile        *file,
                                               GError      **error);

G_END_DECLS
