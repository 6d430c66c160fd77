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

/* An annotation record, or a removal (@remove: only @guid is set). */
typedef struct
{
  guint64  seq;
  guint    line;
  gboolean remove;
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

/* Reads the records of @data (@length bytes), skipping annotation records numbered up to
 * @after_seq.  A damaged or unfinished line fails with an error naming @display_name and
 * the line, or, when @tolerant, ends the reading there and is recorded in @damage.  A
 * damaged first line always fails. */
PlTeamChanges *pl_team_changes_parse      (const char     *data,
                                           gsize           length,
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

/* Staging records into a merge */

/* Opens a merge (a row of team_merges) inside the open transaction; 0 with @error. */
gint64         pl_team_merge_open         (PlProject      *project,
                                           const char     *guid,
                                           const char     *label,
                                           GError        **error);
/* Stages what @changes would change into merge @merge_id and counts it in @summary.
 * Without @tolerant, a code the project lacks fails; when none of the file's documents is
 * the project's, it fails too.  With @tolerant, the first record that cannot be merged
 * ends @changes there (pl_team_changes_cut()). */
gboolean       pl_team_merge_stage        (PlProject      *project,
                                           gint64          merge_id,
                                           PlTeamChanges  *changes,
                                           gboolean        tolerant,
                                           PlMergeFile    *summary,
                                           GError        **error);
/* Writes (@forward) or takes back what merge @merge_id staged. */
gboolean       pl_team_merge_apply        (PlProject      *project,
                                           gint64          merge_id,
                                           gboolean        forward,
                                           GError        **error);
void           pl_merge_file_clear        (PlMergeFile    *file);

G_END_DECLS
