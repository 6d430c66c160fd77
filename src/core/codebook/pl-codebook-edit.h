/* pl-codebook-edit.h — editing the codebook: every change one undoable, logged action
 *
 * Each function below is one user action: one transaction that changes the codes (and,
 * for merge, split and delete, their annotations), records the operations that redo and
 * undo it in the history (pl-history.h), and writes a row of the codebook change log.
 * Changes that make codings made before and after them incomparable — merge, split,
 * delete, re-parent, and marking a code as a folder or codable again — raise the
 * project's codebook version; annotations made afterwards record the new version.  Undo
 * and redo of such a change raise it again (the version only grows).  The codes list
 * model is reloaded after the commit, existing PlCode objects updated in place.
 *
 * Refusals leave the project unchanged and say why in PL_STORE_ERROR_INVALID (or
 * PL_STORE_ERROR_NOT_FOUND for a code that does not exist).
 *
 * Decisions:
 * - A code that has annotations cannot become a folder: the refusal says how many
 *   annotations would be orphaned.  Move or delete them first.
 * - Merge: every annotation of the source moves to the target; the source's sub-codes
 *   move under the target (after its own); the source is deleted.  An annotation of the
 *   source that exactly duplicates one of the target — same document, span and coder —
 *   is kept as one: the target's annotation stays, taking over the source's memo
 *   (appended when both have one) and stance (when the target has none); the duplicate
 *   is removed.  Undo restores both exactly.
 * - Split: the new codes become children of the code (or its siblings, right after it);
 *   each annotation goes to the new code it is assigned to, unassigned ones stay.  With
 *   "retire source", every annotation must be assigned: the code then becomes a folder
 *   (children) or is deleted (siblings).  Rules assign in the order they are added; a
 *   later rule or explicit assignment overrides an earlier one.
 * - Delete takes the code's sub-codes and every annotation of them all; undo restores
 *   codes and annotations exactly (GUIDs, offsets, memos, stances, dates, versions).
 * - Names must be unique among siblings; short ids unique (ignoring case); a shortcut is
 *   one key (a digit, a letter, a symbol) given to one code only.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "pl-codebook.h"

G_BEGIN_DECLS

/* The codebook version annotations are made under now (1 for a new project). */
guint        pl_codebook_get_version       (PlCodebook    *codebook);
/* The colours the editor offers ("#RRGGBB", light style), NULL-terminated: the
 * Okabe–Ito palette, then a darker shade of each. */
const char * const *pl_codebook_get_palette (void);

/* Adds a code under @spec->parent_id (0: top level) at @position among its siblings
 * (-1: last).  A NULL colour takes the parent's (or a palette colour at the top level); a
 * NULL dark colour is derived from the colour.  Returns the new code (owned by the
 * project's list). */
PlCode      *pl_codebook_add_code          (PlCodebook       *codebook,
                                            const PlCodeSpec *spec,
                                            int               position,
                                            GError          **error);

gboolean     pl_codebook_rename            (PlCodebook    *codebook,
                                            gint64         code_id,
                                            const char    *name,
                                            GError       **error);
/* @color is "#RRGGBB" (or "#RGB"); @color_dark NULL derives it from @color. */
gboolean     pl_codebook_set_colors        (PlCodebook    *codebook,
                                            gint64         code_id,
                                            const char    *color,
                                            const char    *color_dark,
                                            GError       **error);

typedef enum
{
  PL_CODEBOOK_FIELD_DEFINITION,
  PL_CODEBOOK_FIELD_INCLUSION,
  PL_CODEBOOK_FIELD_EXCLUSION,
  PL_CODEBOOK_FIELD_EXAMPLE,
} PlCodebookField;

/* Sets the definition, inclusion or exclusion cues, or anchor example (NULL or blank
 * clears it). */
gboolean     pl_codebook_set_text          (PlCodebook       *codebook,
                                            gint64            code_id,
                                            PlCodebookField   field,
                                            const char       *value,
                                            GError          **error);
/* NULL or "" clears the short id. */
gboolean     pl_codebook_set_short_id      (PlCodebook    *codebook,
                                            gint64         code_id,
                                            const char    *short_id,
                                            GError       **error);
/* One key ("1"…"9", a letter); NULL or "" clears it.  A key another code has is refused
 * with a message naming that code. */
gboolean     pl_codebook_set_shortcut      (PlCodebook    *codebook,
                                            gint64         code_id,
                                            const char    *shortcut,
                                            GError       **error);
/* FALSE makes the code a folder (refused while it has annotations). */
gboolean     pl_codebook_set_codable       (PlCodebook    *codebook,
                                            gint64         code_id,
                                            gboolean       codable,
                                            GError       **error);
/* Moves the code (with its sub-codes) under @parent_id (0: top level) at @position among
 * its new siblings (-1: last).  Refuses a move under the code itself or its sub-codes. */
gboolean     pl_codebook_move              (PlCodebook    *codebook,
                                            gint64         code_id,
                                            gint64         parent_id,
                                            int            position,
                                            GError       **error);

/* Keyboard moves: one up or down among siblings, out to the parent's level (right after
 * the parent), or in, as the last child of the sibling above. */
typedef enum
{
  PL_CODEBOOK_STEP_UP,
  PL_CODEBOOK_STEP_DOWN,
  PL_CODEBOOK_STEP_OUT,
  PL_CODEBOOK_STEP_IN,
} PlCodebookStep;

gboolean     pl_codebook_step              (PlCodebook     *codebook,
                                            gint64          code_id,
                                            PlCodebookStep  step,
                                            GError        **error);

/* The annotations deleting @code_id would delete (its own and its sub-codes'). */
guint        pl_codebook_count_annotations (PlCodebook    *codebook,
                                            gint64         code_id);
/* The code itself and its sub-codes, in codebook order. */
guint        pl_codebook_count_codes       (PlCodebook    *codebook,
                                            gint64         code_id);
/* Deletes the code, its sub-codes and all their annotations. */
gboolean     pl_codebook_delete            (PlCodebook    *codebook,
                                            gint64         code_id,
                                            guint         *out_n_annotations,
                                            GError       **error);
/* Merges @source_id into @target_id (see above); @out_n_moved receives the number of
 * annotations that moved, @out_n_collapsed the exact duplicates kept as one. */
gboolean     pl_codebook_merge             (PlCodebook    *codebook,
                                            gint64         source_id,
                                            gint64         target_id,
                                            guint         *out_n_moved,
                                            guint         *out_n_collapsed,
                                            GError       **error);

/* Splitting a code: describe the new codes and assign annotations, then apply. */
typedef struct _PlCodebookSplit PlCodebookSplit;

typedef enum
{
  PL_CODEBOOK_SPLIT_CHILDREN,
  PL_CODEBOOK_SPLIT_SIBLINGS,
} PlCodebookSplitPlacement;

PlCodebookSplit *pl_codebook_split_new     (PlCodebook       *codebook,
                                            gint64            code_id,
                                            GError          **error);
void         pl_codebook_split_free        (PlCodebookSplit  *split);
/* A new code (its parent_id is ignored); returns its index for assignments. */
guint        pl_codebook_split_add_code    (PlCodebookSplit  *split,
                                            const PlCodeSpec *spec);
void         pl_codebook_split_set_placement (PlCodebookSplit          *split,
                                            PlCodebookSplitPlacement  placement);
void         pl_codebook_split_set_retire_source (PlCodebookSplit  *split,
                                            gboolean          retire);
/* The annotations of the code (PlAnnotation), in document order. */
GPtrArray   *pl_codebook_split_get_annotations (PlCodebookSplit *split);
/* The index of the new code @annotation_guid goes to, or -1 (it stays). */
int          pl_codebook_split_get_target  (PlCodebookSplit  *split,
                                            const char       *annotation_guid);
/* Assigns one annotation (@target -1 unassigns it). */
gboolean     pl_codebook_split_assign      (PlCodebookSplit  *split,
                                            const char       *annotation_guid,
                                            int               target,
                                            GError          **error);
/* Rules: each assigns every matching annotation to @target and returns how many matched,
 * or -1 with @error set.  The coded text matches the GRegex @pattern (case-insensitive
 * unless the pattern says otherwise with (?-i)). */
int          pl_codebook_split_assign_by_regex (PlCodebookSplit *split,
                                            const char       *pattern,
                                            guint             target,
                                            GError          **error);
/* The statement the annotation starts in was made by one of @entities (canonical entity,
 * or the speaker as written; compared ignoring case). */
int          pl_codebook_split_assign_by_speaker (PlCodebookSplit *split,
                                            const char * const *entities,
                                            guint             target,
                                            GError          **error);
/* The annotation is in one of the documents @document_ids (@n_ids of them). */
int          pl_codebook_split_assign_by_document (PlCodebookSplit *split,
                                            const gint64     *document_ids,
                                            guint             n_ids,
                                            guint             target,
                                            GError          **error);
/* Applies the split as one action; @out_codes (optional) receives the new codes' ids. */
gboolean     pl_codebook_split_apply       (PlCodebookSplit  *split,
                                            GArray          **out_codes,
                                            GError          **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PlCodebookSplit, pl_codebook_split_free)

/* The change log, oldest first (PlCodebookLogEntry, pl-annotation.h). */
GPtrArray   *pl_codebook_list_log          (PlCodebook    *codebook,
                                            GError       **error);

/* For importers: many code changes as one undoable, logged action. */
typedef struct _PlCodebookBatch PlCodebookBatch;

PlCodebookBatch *pl_codebook_batch_begin   (PlCodebook       *codebook,
                                            GError          **error);
/* Adds a code with @spec->guid (required) as the last child of @parent_guid (NULL: the
 * top level; a code added earlier in the batch is fine).  Colours are derived as in
 * pl_codebook_add_code(); uniqueness is left to the caller (the database refuses
 * clashes). */
gboolean     pl_codebook_batch_add_code    (PlCodebookBatch  *batch,
                                            const PlCodeSpec *spec,
                                            const char       *parent_guid,
                                            GError          **error);
/* Changes a code: @changes (taken) holds any of "name", "short_id", "color",
 * "color_dark", "shortcut", "definition", "inclusion", "exclusion", "example" (strings
 * or null), "codable" (boolean) and "parent" (a GUID or null: the code goes last among
 * its new siblings). */
gboolean     pl_codebook_batch_update_code (PlCodebookBatch  *batch,
                                            const char       *guid,
                                            JsonObject       *changes,
                                            GError          **error);
/* Logs the batch as @action with @summary (also the undo label) and @detail (taken,
 * may be NULL), raising the codebook version when @bump, and commits.  Frees @batch,
 * also on failure (the project is then unchanged). */
gboolean     pl_codebook_batch_commit      (PlCodebookBatch  *batch,
                                            const char       *action,
                                            const char       *summary,
                                            JsonObject       *detail,
                                            gboolean          bump,
                                            GError          **error);
/* Drops the batch: the project is unchanged. */
void         pl_codebook_batch_abort       (PlCodebookBatch  *batch);

G_END_DECLS
