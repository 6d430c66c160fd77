/* pl-team-private.h — what the team files of store/ share: change records read from a file,
 * and staging them into a merge
 *
 * pl-team-records.c reads and writes the change records (pl-project-team.h describes them);
 * pl-project-merge.c stages records into a merge (team_merge_rows) and applies or reverts
 * it; pl-project-team.c holds blind mode and the team folder.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pl-project-private.h"
#include "pl-project-team.h"

G_BEGIN_DECLS

/* The longest line a change file may hold; a longer one is damage. */
#define PL_TEAM_MAX_LINE_BYTES (G_GUINT64_CONSTANT (1024) * 1024)
/* The entry of a .plenary-coding archive that holds the records. */
#define PL_CODING_FILE_ENTRY "changes.jsonl"

typedef struct
{
  char *guid;
  char *sha256;
  char *title;
} PlTeamDocument;

typedef struct
{
  char *guid;
  char *short_id;
  char *path;
  char *name;
} PlTeamCode;

/* An annotation record, or a removal (@remove: only @guid is set).  A line the writer wrote
 * in its usual form is kept as it is (@raw) and read when it is staged. */
typedef struct
{
  guint64     seq;
  guint       line;
  const char *raw;           /* the line, in the file's text; NULL once read */
  gsize       raw_length;
  gboolean    remove;
  char    *guid;
  char    *document;         /* the writer's document GUID */
  char    *code;
  guint    start;
  guint    end;
  char    *memo;
  char    *stance;
  gint64   codebook_version; /* 0: not said */
  char    *created;
  char    *modified;
} PlTeamAnnotation;

/* The records of one file. */
typedef struct
{
  GBytes     *text;          /* the file's records, which @raw lines point into */
  char       *display_name;
  char       *project_guid;
  char       *coder_guid;
  char       *coder_name;
  char       *coder_initials;
  char       *coder_color;
  GHashTable *documents;     /* GUID → PlTeamDocument */
  GHashTable *codes;         /* GUID → PlTeamCode */
  GArray     *annotations;   /* PlTeamAnnotation, in file order */
  guint64     last_seq;      /* the last record read */
  char       *damage;        /* why reading stopped before the end, or NULL */
} PlTeamChanges;

void           pl_team_changes_free       (PlTeamChanges  *changes);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PlTeamChanges, pl_team_changes_free)

/* Reads the records of @text, skipping annotation records numbered up to @after_seq.  A
 * damaged or unfinished line fails with an error naming @display_name and the line, or,
 * when @tolerant, ends the reading there and is recorded in @damage.  A damaged first line
 * always fails.  Annotation lines in the writer's usual form are checked when staged. */
PlTeamChanges *pl_team_changes_parse      (GBytes         *text,
                                           const char     *display_name,
                                           guint64         after_seq,
                                           gboolean        tolerant,
                                           GError        **error);
/* Reads the file at @path: a .plenary-coding archive (strictly), or a change file. */
PlTeamChanges *pl_team_changes_read_file  (const char     *path,
                                           guint64         after_seq,
                                           gboolean        tolerant,
                                           GError        **error);
/* Ends @changes before its annotation record @index (a record that cannot be merged
 * yet): later records are dropped, @last_seq goes back, @damage is set to @why. */
void           pl_team_changes_cut        (PlTeamChanges  *changes,
                                           guint           index,
                                           const char     *why);

/* Writing records */

/* "{"seq":N,"KIND":OBJECT}\n" */
void           pl_team_append_record      (GString        *out,
                                           guint64         seq,
                                           const char     *kind,
                                           const char     *object_json);
/* The first line, for @coder (a row of the project). */
void           pl_team_append_header      (GString        *out,
                                           PlProject      *project,
                                           const PlCoder  *coder);
/* A document record's object, with the SHA-256 of its text; NULL with @error. */
char          *pl_team_document_json      (PlProject      *project,
                                           gint64          document_id,
                                           GError        **error);
/* A removal record's object. */
char          *pl_team_remove_json        (const char     *guid);
/* A code record's object. */
char          *pl_team_code_json          (PlCode         *code);
/* The SHA-256 of a text (lower-case hex). */
char          *pl_team_text_sha256        (const char     *text);

/* SQL that yields, for the annotations of coder ?1, the columns guid, document id, code id
 * and the record's object (JSON), in the order they were made. */
extern const char pl_team_annotation_objects_sql[];

/* An annotation row of the project as the JSON a merge keeps for undo and redo: "a" is the
 * annotation, joined with its document, code and coder. */
#define PL_TEAM_ANNOTATION_ROW_JSON \
  "json_object ('document', d.guid, 'code', k.guid, 'coder', c.guid, 'start', a.start_offset," \
  " 'end', a.end_offset, 'memo', a.memo, 'stance', a.stance," \
  " 'codebook_version', a.codebook_version, 'created', a.created, 'modified', a.modified)"
#define PL_TEAM_ANNOTATION_ROW_JOINS \
  " JOIN documents AS d ON d.id = a.document_id JOIN codes AS k ON k.id = a.code_id" \
  " JOIN coders AS c ON c.id = a.coder_id"

/* Staging records into a merge
 *
 * Records are staged into this connection's TEMP tables, with the project's ids: staging
 * reads the project and writes nothing of it. */

/* Empties (creating them first) the staging tables. */
gboolean       pl_team_stage_begin        (PlProject      *project,
                                           GError        **error);
/* Stages what @changes would change and counts it in @summary.  Without @tolerant, a
 * damaged record or a code the project lacks fails, and so does a file none of whose
 * documents is the project's.  With @tolerant, the first record that cannot be merged ends
 * @changes there (pl_team_changes_cut()). */
gboolean       pl_team_merge_stage        (PlProject      *project,
                                           PlTeamChanges  *changes,
                                           gboolean        tolerant,
                                           PlMergeFile    *summary,
                                           GError        **error);
/* The coders and annotations staged. */
guint          pl_team_stage_count        (PlProject      *project);
/* Writes what is staged into the project and empties the staging tables; with @merge_id
 * (not 0), records it as that merge's rows, with the rows it replaces, for undo. */
gboolean       pl_team_stage_apply        (PlProject      *project,
                                           gint64          merge_id,
                                           GError        **error);

/* Runs @sql (?1, when it has parameters, is @merge_id); the rows it changed, or -1 with
 * @error. */
gint64         pl_team_run                (PlProject      *project,
                                           const char     *sql,
                                           gint64          merge_id,
                                           GError        **error);
/* Reads the project's lists again once the transaction commits (after a merge's SQL). */
void           pl_team_defer_reload       (PlProject      *project);

/* Writes the records of @coder (the first line names it) and, with @coder_ids (gint64),
 * the annotations of those coders as @coder's: their documents and codes first, then the
 * annotations in the order they were made. */
gboolean       pl_team_coding_records     (PlProject      *project,
                                           const PlCoder  *coder,
                                           GArray         *coder_ids,
                                           GString        *out,
                                           GError        **error);

/* Stages the removal of the annotations that coder @coder_guid has in @document_ids
 * (gint64) and that the file staged last does not name: a file that replaces the coder's
 * earlier one (a hand-in handed in again).  Counts them in @n_removed. */
gboolean       pl_team_stage_remove_unnamed (PlProject    *project,
                                           const char     *coder_guid,
                                           GArray         *document_ids,
                                           guint          *n_removed,
                                           GError        **error);

/* Before a merge is recorded in a new action: drops the merges that were undone (their
 * actions go with the new one). */
gboolean       pl_team_merge_begin        (PlProject      *project,
                                           GError        **error);
/* Writes what is staged into the project as one merge labelled @label, recorded in
 * @action ("merge.apply", "merge.revert"). */
gboolean       pl_team_merge_write        (PlProject      *project,
                                           PlHistoryAction *action,
                                           const char     *label,
                                           GError        **error);

/* Opens a merge (a row of team_merges) inside the open transaction; 0 with @error. */
gint64         pl_team_merge_open         (PlProject      *project,
                                           const char     *guid,
                                           const char     *label,
                                           GError        **error);
/* Redoes (@forward) or undoes merge @merge_id from its rows. */
gboolean       pl_team_merge_apply        (PlProject      *project,
                                           gint64          merge_id,
                                           gboolean        forward,
                                           GError        **error);
void           pl_merge_file_clear        (PlMergeFile    *file);

G_END_DECLS
