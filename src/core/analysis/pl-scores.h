/* pl-scores.h — a class scored against the reference of an exercise
 *
 * The units are the exercise's statements to code (the spans its pack gave the class).
 * Every student who handed in decided every unit: a code is present in a unit when one of
 * the student's annotations of it overlaps the unit (the rule of the agreement by
 * statement), absent otherwise — what a student left uncoded counts as absent, as it would
 * in a graded exercise.  The codes are the codes of the exercise's codebook that can be
 * applied; the families are the codes right below its root (the top-level codes, or the
 * children of the branch given), each standing for itself and every code below it.
 *
 * Per student, against the reference coder:
 * - statements_coded: units holding at least one of the student's codes;
 * - Cohen's κ by statement: every unit × code decision pooled into one binary variable;
 * - α_U: Krippendorff's unitized α on the characters of the units laid end to end, each
 *   code a category, pooled over the codes (1 − ΣD_o / ΣD_e);
 * - per code and per family: precision TP / (TP + FP), recall TP / (TP + FN) and
 *   F1 = 2TP / (2TP + FP + FN), counting units (TP: both marked it; FP: only the student;
 *   FN: only the reference), undefined when the denominator is zero;
 * - the time span of the work: the first annotation made and the last one changed.
 * Per code and per family, for the class: Fleiss' κ and Krippendorff's α among the
 * students (the reference left out), the share of the students' decisions that agree with
 * the reference, and the units sorted by dispute (the share of pairs of students that
 * disagree), most disputed first.
 *
 * The coefficients are those of pl-agreement.h (the agreement core of the team issue); an
 * undefined one is NAN with its reason.  The scores are plain data, computed in one pass
 * over the annotations, so that they can be computed in a worker thread.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "pl-agreement.h"
#include "pl-project-exercise.h"
#include "pl-project-read.h"

G_BEGIN_DECLS

/* A code or a family, as the scores name it. */
typedef struct
{
  gint64  code_id;
  char   *key;         /* the short id, else the GUID */
  char   *name;
  char   *color;
} PlScoreColumn;

/* One unit: a statement to code. */
typedef struct
{
  gint64  document_id;
  char   *document_title;
  guint   index;       /* the statement's, 1-based in its document */
  guint   start;
  guint   end;
  char   *speaker;     /* as the reference project has it, or NULL */
  char   *text;
} PlScoreUnit;

/* How one student did on one code or family. */
typedef struct
{
  guint         true_positives;
  guint         false_positives;
  guint         false_negatives;
  PlCoefficient precision;
  PlCoefficient recall;
  PlCoefficient f1;
} PlCodeScore;

typedef struct
{
  char          *name;
  char          *alias;              /* "Student 3": by the order hand-ins first came in */
  gint64         coder_id;
  char          *handed_in;
  char          *first_annotation;   /* when the first was made, or NULL */
  char          *last_annotation;    /* when the last was changed, or NULL */
  guint          n_annotations;
  guint          statements_coded;
  PlCoefficient  cohen_kappa;
  PlCoefficient  alpha_u;
  PlCodeScore   *codes;              /* one per code column */
  PlCodeScore   *families;           /* one per family column */
} PlStudentScore;

/* How the class did on one code or family. */
typedef struct
{
  PlCoefficient  fleiss_kappa;
  PlCoefficient  krippendorff_alpha;
  PlCoefficient  reference_agreement;  /* share of decisions equal to the reference's */
  GArray        *disputed;             /* guint unit indexes with a dispute, most first */
} PlClassScore;

/* The reference's memo on one code in one unit. */
typedef struct
{
  guint  unit;
  guint  column;       /* a code column */
  char  *memo;
} PlReferenceMemo;

typedef struct _PlClassScores PlClassScores;

/* What to score. */
typedef struct
{
  const char *exercise;    /* GUID or title; NULL: the project's newest exercise */
  const char *reference;   /* the reference coder's name; NULL: the exercise's */
} PlScoresSpec;

/* Scores the class in @reader's snapshot.  Fails (PL_STORE_ERROR) when the project has no
 * such exercise or reference coder. */
PlClassScores *pl_class_scores_compute        (PlProjectReader     *reader,
                                               const PlScoresSpec  *spec,
                                               GError             **error);
/* The same in a worker thread, on a connection of its own to the project's file. */
void           pl_class_scores_compute_async  (PlProject           *project,
                                               const PlScoresSpec  *spec,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);
PlClassScores *pl_class_scores_compute_finish (PlProject           *project,
                                               GAsyncResult        *result,
                                               GError             **error);
void           pl_class_scores_free           (PlClassScores       *scores);

const PlExercise      *pl_class_scores_get_exercise   (PlClassScores *scores);
const char            *pl_class_scores_get_reference  (PlClassScores *scores);
gint64                 pl_class_scores_get_reference_id (PlClassScores *scores);

guint                  pl_class_scores_get_n_units    (PlClassScores *scores);
const PlScoreUnit     *pl_class_scores_get_unit       (PlClassScores *scores,
                                                       guint          unit);
guint                  pl_class_scores_get_n_codes    (PlClassScores *scores);
const PlScoreColumn   *pl_class_scores_get_code       (PlClassScores *scores,
                                                       guint          code);
guint                  pl_class_scores_get_n_families (PlClassScores *scores);
const PlScoreColumn   *pl_class_scores_get_family     (PlClassScores *scores,
                                                       guint          family);
guint                  pl_class_scores_get_n_students (PlClassScores *scores);
/* Students in the order their hand-ins first came in. */
const PlStudentScore  *pl_class_scores_get_student    (PlClassScores *scores,
                                                       guint          student);
/* The class on code column @code, or (@family) on family column @code. */
const PlClassScore    *pl_class_scores_get_class      (PlClassScores *scores,
                                                       guint          code,
                                                       gboolean       family);

/* Whether @coder (a student's index, or -1 for the reference) marked code column @code in
 * @unit: how every student coded a statement, and where one differs from the reference. */
gboolean               pl_class_scores_has_code       (PlClassScores *scores,
                                                       int            coder,
                                                       guint          unit,
                                                       guint          code);
/* How many students marked code column @code in @unit (a bar per code). */
guint                  pl_class_scores_count_code     (PlClassScores *scores,
                                                       guint          unit,
                                                       guint          code);
/* Whether student @student's codes in @unit differ from the reference's. */
gboolean               pl_class_scores_differs        (PlClassScores *scores,
                                                       guint          student,
                                                       guint          unit);
/* The units by dispute over every code, most disputed first, those with none left out
 * (guint indexes): where projector mode goes next. */
GArray                *pl_class_scores_dup_disputed   (PlClassScores *scores);
/* The reference's memos (PlReferenceMemo), by unit. */
GArray                *pl_class_scores_get_memos      (PlClassScores *scores);

/* Reports (pl-scores-report.c) */

/* How pl_class_scores_append_codes() marks up a code's name (escaped): as @same when the
 * other side has it too (or the names are the reference's), as @extra when only the
 * student has it.  Markup before the name and after it. */
typedef struct
{
  const char *same_open;
  const char *same_close;
  const char *extra_open;
  const char *extra_close;
} PlCodeListMarkup;

/* Appends to @out the names of the codes @coder (a student's index, or -1 for the
 * reference) marked in @unit, separated by commas, as @markup says, or "no code": the
 * feedback's lines "Yours:" and "Reference:", in HTML and in Pango markup. */
void           pl_class_scores_append_codes   (PlClassScores          *scores,
                                               int                     coder,
                                               guint                   unit,
                                               const PlCodeListMarkup *markup,
                                               GString                *out);

/* Adds to @builder the object "plenary-cli exercise scores --json" prints: {"reference",
 * "students": [{"student", "statements_coded", "cohen_kappa", "alpha_u", "codes":
 * [{"code", "precision", "recall", "f1"}]}], "codes": [{"code", "fleiss_kappa",
 * "krippendorff_alpha"}]}, numbers or null; with @anonymous, students by alias. */
void           pl_class_scores_build_json     (PlClassScores       *scores,
                                               gboolean             anonymous,
                                               JsonBuilder         *builder);
/* The class summary for the teacher's records: CSV (RFC 4180, UTF-8, a header row), one
 * row per student with the time span of the work and the scores per family. */
char          *pl_class_scores_to_csv         (PlClassScores       *scores,
                                               gboolean             anonymous);
/* The feedback of student @student: one self-contained HTML page with the scores, every
 * statement where the student's codes differ from the reference's, and the reference's
 * memos there. */
char          *pl_class_scores_feedback_html  (PlClassScores       *scores,
                                               guint                student);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PlClassScores, pl_class_scores_free)

G_END_DECLS
