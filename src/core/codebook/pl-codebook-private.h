/* pl-codebook-private.h — composing codebook actions, shared by the files of codebook/
 *
 * An action runs its redo operations one by one through the project's history (the
 * operations themselves run in the store, pl-project-codebook.h), so what the user did and
 * what redo does are the same code path; their undo operations are kept and recorded in
 * reverse order.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pl-codebook.h"
#include "pl-codebook-edit.h"
#include "pl-history.h"
#include "pl-project-codebook.h"

G_BEGIN_DECLS

/* Actions */

typedef struct
{
  PlCodebook      *codebook;
  PlHistoryAction *history;   /* NULL before begin and after commit or abort */
} PlCodebookAction;

gboolean    pl_codebook_action_begin    (PlCodebookAction  *action,
                                         PlCodebook        *codebook,
                                         GError           **error);
void        pl_codebook_action_abort    (PlCodebookAction  *action);
/* Runs @redo now; takes both operations.  On failure the caller aborts the action. */
gboolean    pl_codebook_action_run      (PlCodebookAction  *action,
                                         JsonObject        *redo,
                                         JsonObject        *undo,
                                         GError           **error);
gboolean    pl_codebook_action_commit   (PlCodebookAction  *action,
                                         const char        *label,
                                         GError           **error);
/* Runs a "code.update" of @record with the members of @changes (taken), and its undo. */
gboolean    pl_codebook_action_update   (PlCodebookAction  *action,
                                         PlCodeRecord      *record,
                                         JsonObject        *changes,
                                         GError           **error);
/* Gives @siblings (PlCodeRecord, in their new order) positions 0, 1, …; @moved (may be
 * NULL) also gets @parent_guid as its parent. */
gboolean    pl_codebook_action_renumber (PlCodebookAction  *action,
                                         GPtrArray         *siblings,
                                         PlCodeRecord      *moved,
                                         const char        *parent_guid,
                                         GError           **error);
/* Runs "annotations.delete" for @records (PlAnnotationRecord) with its undo. */
gboolean    pl_codebook_action_delete_annotations (PlCodebookAction *action,
                                         GPtrArray         *records,
                                         GError           **error);

/* One entry of the change log (pl-codebook-log.c). */
typedef struct
{
  const char *action;     /* "add", "rename", "merge", … */
  const char *code_guid;  /* the code it concerns, or NULL */
  const char *summary;    /* also what undo says it undid */
  JsonObject *detail;     /* may be NULL */
  gboolean    bump;       /* raises the codebook version */
} PlCodebookLogSpec;

/* Runs the log entry of the action, and keeps the one its undo writes; takes
 * @log->detail. */
gboolean    pl_codebook_action_log      (PlCodebookAction        *action,
                                         const PlCodebookLogSpec *log,
                                         GError                 **error);

/* Operations */

JsonObject *pl_codebook_insert_op       (const PlCodeRecord *record);
JsonObject *pl_codebook_delete_op       (const char         *guid);
/* Sets @member (a member "code.update" may change) of @op to its value in @record. */
void        pl_codebook_set_record_member (JsonObject       *op,
                                         const PlCodeRecord *record,
                                         const char         *member);
/* An "annotations.insert" item that restores @record exactly. */
JsonObject *pl_codebook_annotation_item (const PlAnnotationRecord *record);

/* A new code's name and colours, as the checks made them. */
typedef struct
{
  char *name;
  char *color;
  char *color_dark;
} PlCodebookNewCode;

void        pl_codebook_new_code_clear  (PlCodebookNewCode *code);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (PlCodebookNewCode, pl_codebook_new_code_clear)

/* The "code.insert" of a new code of @spec (its texts trimmed) with @code's name and
 * colours, as @guid under @parent_guid at @position. */
JsonObject *pl_codebook_new_code_op     (const PlCodeSpec        *spec,
                                         const PlCodebookNewCode *code,
                                         const char              *guid,
                                         const char              *parent_guid,
                                         gint64                   position);

/* Checks (pl-codebook-check.c): each refusal is PL_STORE_ERROR_INVALID and says why. */

gboolean    pl_codebook_refuse          (GError     **error,
                                         const char  *format,
                                         ...) G_GNUC_PRINTF (2, 3);
/* @value as stored (LF line ends, NFC) and trimmed; NULL for NULL or blank.  Invalid
 * UTF-8 is returned as it is, for the checks to refuse. */
char       *pl_codebook_dup_trimmed     (const char  *value);
/* Names compared as the codebook compares them: ignoring case. */
gboolean    pl_codebook_same_name       (const char  *a,
                                         const char  *b);
gboolean    pl_codebook_check_name      (const char  *name,
                                         GError     **error);
/* No other child of @parent_id (0: top level) than @except_id is called @name. */
gboolean    pl_codebook_check_sibling_name (PlProject   *project,
                                         gint64       parent_id,
                                         gint64       except_id,
                                         const char  *name,
                                         GError     **error);
/* @short_id and @shortcut already trimmed; NULL clears and always passes. */
gboolean    pl_codebook_check_short_id  (PlProject   *project,
                                         gint64       except_id,
                                         const char  *short_id,
                                         GError     **error);
gboolean    pl_codebook_check_shortcut  (PlProject   *project,
                                         gint64       except_id,
                                         const char  *shortcut,
                                         GError     **error);
/* "#RRGGBB" from @color, or an error naming the code. */
char       *pl_codebook_check_color     (const char  *color,
                                         const char  *code_name,
                                         GError     **error);
/* A new code's colour: the parent's, or the next of the palette at the top level. */
char       *pl_codebook_default_color   (PlProject   *project,
                                         gint64       parent_id);
/* The name and colours of a new code of @spec going under @parent_id, with every
 * check of its name, short id and shortcut passed. */
gboolean    pl_codebook_check_new_code  (PlProject          *project,
                                         const PlCodeSpec   *spec,
                                         gint64              parent_id,
                                         PlCodebookNewCode  *out_code,
                                         GError            **error);

G_END_DECLS
