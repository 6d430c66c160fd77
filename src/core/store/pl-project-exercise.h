/* pl-project-exercise.h — teaching: exercises, a student's work, hand-ins and collecting them
 *
 * An exercise is what a teacher hands a class: documents of a project (the statements to
 * code in each), the codebook or a branch of it, and instructions.  Its pack (a
 * .plenary-exercise file, teaching/pl-exercise-pack.h) carries no coding at all; the
 * teacher's project records the exercise (its pack's id, the checksum of its texts, its
 * units, the coder whose annotations are the reference) and keeps the reference coding as
 * that coder's annotations.
 *
 * A student's work is a project made from a pack: the same documents (same GUIDs, texts and
 * statements), the same codes (same GUIDs), a coder for the student, and the exercise
 * recorded as the work's own.  Its codebook is locked: project_info 'codebook_locked', which
 * triggers of the schema enforce for every change of the codes, whichever path makes it.
 *
 * A hand-in (.plenary-handin) is a ZIP archive:
 *
 *   mimetype        "application/x-plenary-handin", stored first, uncompressed
 *   handin.json     {"format":"plenary-handin","version":1,"exercise":PACK-GUID,
 *                    "title":EXERCISE,"student":NAME,"student_guid":CODER-GUID,
 *                    "checksum":SHA-256,"handed_in":TIME,"annotations":N}
 *   changes.jsonl   the change records of Export My Coding (pl-project-team.h): the
 *                   student as the coder, every annotation of the work with its memo
 *
 * so that it is also a .plenary-coding file.  "checksum" is the checksum of the work's
 * texts (pl_exercise_checksum()); "handed_in" has microseconds, so that the later of two
 * hand-ins is always known.
 *
 * Collecting hand-ins adds each student as a coder through the merge of pl-project-team.h,
 * as one undoable action.  Per file: a hand-in of a student already collected replaces the
 * earlier one when it is newer (annotations it no longer has are removed); the same file
 * again, or an older one, changes nothing and is listed as such; a file for an exercise
 * this project did not make, whose texts differ, that is damaged or hostile, or whose
 * student's name is another person's (another student of the exercise, or a coder of the
 * project who is no student) is refused with the reason.  A student who hands in several
 * exercises of one project is one coder, found by name.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "pl-project.h"

G_BEGIN_DECLS

#define PL_EXERCISE_EXTENSION ".plenary-exercise"
#define PL_HANDIN_EXTENSION ".plenary-handin"
#define PL_EXERCISE_MIME_TYPE "application/x-plenary-exercise"
#define PL_HANDIN_MIME_TYPE "application/x-plenary-handin"
/* The coder whose annotations are an exercise's reference, unless the teacher names
 * another. */
#define PL_REFERENCE_CODER_NAME "Reference"

/* A statement to code: its index (1-based) and span in its document. */
typedef struct
{
  guint index;
  guint start;
  guint end;
} PlExerciseUnit;

typedef struct
{
  char   *guid;          /* of the document */
  GArray *units;         /* PlExerciseUnit, by start */
} PlExerciseDocument;

typedef struct
{
  char      *guid;             /* the pack's id */
  char      *title;
  char      *instructions;     /* Markdown, or NULL */
  char      *checksum;         /* of the texts: pl_exercise_checksum() */
  char      *root_code_guid;   /* the branch of the codebook; NULL: all of it */
  char      *reference_guid;   /* the teacher's project: the reference coder */
  char      *student_guid;     /* a student's work: the student's coder */
  char      *created;
  GPtrArray *documents;        /* PlExerciseDocument, in the exercise's order */
} PlExercise;

PlExercise  *pl_exercise_new                  (void);
void         pl_exercise_free                 (PlExercise        *exercise);
/* Appends a document with no units yet; returns it. */
PlExerciseDocument *pl_exercise_add_document  (PlExercise        *exercise,
                                               const char        *document_guid);
guint        pl_exercise_count_units          (const PlExercise  *exercise);

/* The checksum of an exercise's texts: the SHA-256 of the lines "GUID SHA-256\n" of its
 * documents in order, each with the SHA-256 of its text (lower-case hex). */
char        *pl_exercise_checksum             (guint              n_documents,
                                               const char * const *guids,
                                               const char * const *text_sha256s);
/* The checksum of @exercise's texts as @project holds them; NULL with @error naming a
 * document the project lacks. */
char        *pl_project_dup_exercise_checksum (PlProject         *self,
                                               const PlExercise  *exercise,
                                               GError           **error);

/* The teacher's exercises */

/* Records @exercise (whose reference_guid is set) in the project. */
gboolean     pl_project_add_exercise          (PlProject         *self,
                                               const PlExercise  *exercise,
                                               GError           **error);
/* The project's exercises (PlExercise), the newest first; NULL with @error. */
GPtrArray   *pl_project_list_exercises        (PlProject         *self,
                                               GError           **error);
/* The exercise with the GUID or title @key, else NULL (and @error says which exist). */
PlExercise  *pl_project_find_exercise         (PlProject         *self,
                                               const char        *key,
                                               GError           **error);

/* A student's work */

/* Makes the project @exercise's work (whose student_guid is set) and locks its codebook,
 * in one transaction.  Refused when the project is some exercise's work already. */
gboolean     pl_project_set_work_exercise     (PlProject         *self,
                                               const PlExercise  *exercise,
                                               GError           **error);
/* The exercise this project is the work for, or NULL. */
PlExercise  *pl_project_dup_work_exercise     (PlProject         *self);
/* Whether the codebook is locked: views offer no edit, and every edit fails. */
gboolean     pl_project_get_codebook_locked   (PlProject         *self);

/* "Ana — Week 3.plenary-handin": the name of a hand-in of @self (a work), with what a
 * file name cannot hold replaced. */
char        *pl_project_dup_handin_name       (PlProject         *self);
/* @text with what a file name cannot hold (separators, control characters, characters
 * some systems refuse) replaced by spaces or dashes, and no leading dot: the part of a
 * file's name that a student's name or an exercise's title gives. */
char        *pl_file_name_part                (const char        *text);
/* Writes the hand-in of @self (a work) to @destination, atomically. */
gboolean     pl_project_write_handin          (PlProject         *self,
                                               GFile             *destination,
                                               GError           **error);

/* Hand-ins collected */

typedef struct
{
  char   *exercise_guid;
  char   *coder_guid;   /* the student's coder in this project */
  gint64  coder_id;     /* 0 when the coder is gone */
  char   *student;
  char   *handed_in;
  char   *file;         /* the file's name when it was collected */
  guint   ordinal;      /* 1 for the first student collected, and so on; never reused */
  char   *collected;
} PlHandin;

void         pl_handin_free                   (PlHandin          *handin);
/* The hand-ins collected for @exercise_guid (PlHandin), by ordinal. */
GPtrArray   *pl_project_list_handins          (PlProject         *self,
                                               const char        *exercise_guid,
                                               GError           **error);

typedef enum
{
  PL_HANDIN_ADDED,       /* a student not collected before */
  PL_HANDIN_REPLACED,    /* a newer hand-in of a student collected before */
  PL_HANDIN_UNCHANGED,   /* this very file was collected already, or is given twice */
  PL_HANDIN_SUPERSEDED,  /* a newer hand-in of the student is collected or given */
  PL_HANDIN_REFUSED,     /* see the reason */
} PlHandinOutcome;

/* "added", "replaced", "unchanged", "superseded", "refused". */
const char  *pl_handin_outcome_to_string      (PlHandinOutcome    outcome);

/* What collecting did with one file. */
typedef struct
{
  char            *path;
  char            *name;          /* the file's name, for display */
  PlHandinOutcome  outcome;
  char            *reason;        /* why it was refused, or what it was superseded by */
  char            *student;       /* NULL when the file could not be read */
  char            *exercise_guid;
  guint            n_added;       /* annotations */
  guint            n_changed;
  guint            n_removed;
  GPtrArray       *left_out;      /* char*: what the merge left out, and why; never NULL */
} PlHandinResult;

typedef struct
{
  GArray *results;                /* PlHandinResult, in the order of the files */
  guint   n_collected;            /* added or replaced */
  guint   n_refused;
} PlCollectReport;

/* Collects the hand-ins @paths (NULL-terminated) as one undoable action ("Collect
 * Hand-ins"); refused files change nothing.  Fails only when the project cannot be
 * written. */
PlCollectReport *pl_project_collect_handins   (PlProject          *self,
                                               const char * const *paths,
                                               GError            **error);
/* The same, reading the files in a worker thread; _finish collects them (call it in the
 * project's thread, from @callback). */
void         pl_project_collect_handins_async (PlProject          *self,
                                               const char * const *paths,
                                               GCancellable       *cancellable,
                                               GAsyncReadyCallback callback,
                                               gpointer            user_data);
PlCollectReport *pl_project_collect_handins_finish (PlProject     *self,
                                               GAsyncResult       *result,
                                               GError            **error);
void         pl_collect_report_free           (PlCollectReport    *report);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PlExercise, pl_exercise_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PlHandin, pl_handin_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PlCollectReport, pl_collect_report_free)

G_END_DECLS
