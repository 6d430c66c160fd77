/* pl-exercise.h — a teaching seminar's flow: make an exercise, do it, hand it in
 *
 * - Make (the teacher): pl_exercise_create() writes a pack of chosen documents, the
 *   codebook or a branch of it, instructions and the statements to code, and records the
 *   exercise in the teacher's project, whose reference coder ("Reference" unless named)
 *   holds the coding the class is scored against.
 * - Do (a student): pl_exercise_start() makes the student's own project from a pack — the
 *   pack's documents and codebook (locked), the instructions, the pack's id — and writes
 *   nothing but that project.
 * - Hand in: pl_exercise_hand_in() writes "NAME — EXERCISE.plenary-handin" into a folder,
 *   or to the file given.
 * Collecting and scoring are the teacher project's (pl-project-exercise.h) and the
 * analyses' (pl-scores.h).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "pl-exercise-pack.h"
#include "pl-project-exercise.h"

G_BEGIN_DECLS

/* Statements @first to @last (1-based, inclusive) of document @document_id (0: of every
 * document of the exercise). */
typedef struct
{
  gint64 document_id;
  guint  first;
  guint  last;
} PlStatementRange;

/* "3-12, 2:1-4": ranges of statements of every document, or (ID:) of document ID, as a
 * teacher types them (PlStatementRange); NULL with @error (G_OPTION_ERROR_BAD_VALUE) saying
 * how to write them. */
GArray     *pl_statement_ranges_parse (const char            *text,
                                       GError               **error);

/* What an exercise is made of. */
typedef struct
{
  GArray     *document_ids;   /* gint64, in the order the class reads them; required */
  gint64      root_code_id;   /* the branch of the codebook; 0: all of it */
  GArray     *ranges;         /* PlStatementRange; NULL: every statement */
  const char *title;          /* NULL: the pack's file name */
  const char *instructions;   /* Markdown, or NULL */
  const char *reference;      /* the reference coder's name; NULL: "Reference" */
} PlExerciseSpec;

/* Writes the pack of the exercise @spec describes to @destination (atomically) and records
 * the exercise in @project (the reference coder is made when the project has none of that
 * name).  The pack holds no annotation.  Returns the exercise recorded. */
PlExercise *pl_exercise_create        (PlProject             *project,
                                       const PlExerciseSpec  *spec,
                                       GFile                 *destination,
                                       GError               **error);

/* Makes the student @student's work at @work_path (a new file) from the pack at
 * @pack_path, and returns it open.  Nothing is written when the pack is refused, and a
 * half-made work is removed. */
PlProject  *pl_exercise_start         (const char            *pack_path,
                                       const char            *student,
                                       const char            *work_path,
                                       GError               **error);

/* Hands @work in: into @destination when it is a folder (under the name of
 * pl_project_dup_handin_name()), else to @destination.  Returns the file written. */
GFile      *pl_exercise_hand_in       (PlProject             *work,
                                       GFile                 *destination,
                                       GError               **error);

typedef enum
{
  PL_MARKUP_PANGO,   /* for a GtkLabel: <b>, <i>, <tt>, bullets as "•" */
  PL_MARKUP_HTML,    /* <h3>, <p>, <ul><li>, <strong>, <em>, <code> */
} PlMarkup;

/* The instructions (the simple Markdown a teacher writes: paragraphs, "#" headings, "-" or
 * "*" lists, **bold**, *italic*, `code`) as markup with everything else escaped, so that
 * no markup of the teacher's reaches a view. */
char       *pl_exercise_render_instructions (const char        *markdown,
                                             PlMarkup           markup);

G_END_DECLS
