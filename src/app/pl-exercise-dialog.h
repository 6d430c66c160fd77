/* pl-exercise-dialog.h — Create Exercise Pack: documents, a branch of the codebook, the
 * statements to code, instructions and the reference coder
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "pl-exercise.h"

G_BEGIN_DECLS

#define PL_TYPE_EXERCISE_DIALOG (pl_exercise_dialog_get_type ())
G_DECLARE_FINAL_TYPE (PlExerciseDialog, pl_exercise_dialog, PL, EXERCISE_DIALOG, AdwWindow)

/* Every document is chosen at first, the whole codebook, every statement.
 *
 * Signal: "created" (const PlExercise *): the pack is written and the exercise recorded. */
PlExerciseDialog *pl_exercise_dialog_new             (GtkWindow        *parent,
                                                      PlProject        *project);
/* What the form's fields say, for tests: statements to code as "3-12, 2:1-4", and the
 * instructions. */
void              pl_exercise_dialog_set_statements  (PlExerciseDialog *self,
                                                      const char       *ranges);
void              pl_exercise_dialog_set_instructions (PlExerciseDialog *self,
                                                      const char       *markdown);
/* Writes the pack of what the form says to @destination ("Create…" asks where) and
 * closes the dialog; FALSE with @error (the form stays) when it cannot. */
gboolean          pl_exercise_dialog_create          (PlExerciseDialog *self,
                                                      GFile            *destination,
                                                      GError          **error);

G_END_DECLS
