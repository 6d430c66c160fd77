/* pl-project-private.h — the project's instance, shared by the files of store/
 *
 * Only store/ includes this header.  PlProject is split by subject over several files
 * (documents, statements, codes, coders, annotations, gazetteer, codebook, queries, schema);
 * they share the instance struct and the connection below.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <sqlite3.h>

#include "pl-gazetteer.h"
#include "pl-history.h"
#include "pl-project.h"
#include "pl-project-codebook.h"

G_BEGIN_DECLS

struct _PlProject
{
  GObject      parent_instance;

  char        *path;
  char        *guid;
  sqlite3     *db;
  GHashTable  *statements;     /* SQL text → sqlite3_stmt* */
  gboolean     in_transaction;
  GArray      *deferred;       /* work to run after COMMIT */

  GListStore  *documents;      /* PlDocument */
  GHashTable  *documents_by_id;
  GListStore  *codes;          /* PlCode, depth-first */
  GHashTable  *codes_by_id;
  GHashTable  *coders_by_id;   /* gint64* → PlCoder */
  PlGazetteer *gazetteer;      /* built when first asked for; dropped when its entries change */
  char        *codebook_coder; /* GUID of the coder codebook changes are logged under */
  gboolean     codes_reload_queued; /* one reload of the codes list per transaction */

  PlHistory   *history;        /* undo and redo, with this project's op tables */
  gint64       data_version;   /* PRAGMA data_version when the mirrors were last read */
};

sqlite3      *pl_project_get_db        (PlProject   *self);
/* A cached prepared statement, reset and with bindings cleared; do not finalize it. */
sqlite3_stmt *pl_project_prepare       (PlProject   *self,
                                        const char  *sql,
                                        GError     **error);
/* Runs @sql (one or more statements, no parameters) outside the statement cache. */
gboolean      pl_project_exec          (PlProject   *self,
                                        const char  *sql,
                                        GError     **error);
gboolean      pl_project_begin         (PlProject   *self,
                                        GError     **error);
gboolean      pl_project_commit        (PlProject   *self,
                                        GError     **error);
void          pl_project_rollback      (PlProject   *self);
/* Sets @error from the connection's last SQLite error, naming the project file. */
void          pl_project_set_sql_error (PlProject   *self,
                                        GError     **error,
                                        const char  *what);
/* Sets @error to say that a recorded operation cannot be run; returns FALSE. */
gboolean      pl_project_set_history_damaged (GError **error);
/* Inserts @statements (PlStatement; index, id and document_id are ignored: they are
 * numbered from 1 in array order) inside an open transaction. */
/* Inserts @statements of the document @document_id whose text is @text, and indexes them
 * for search (when the index is ready) from @text itself, in the open transaction. */
gboolean      pl_project_insert_statements (PlProject  *self,
                                            gint64      document_id,
                                            const char *text,
                                            GPtrArray  *statements,
                                            GError    **error);
/* Re-reads every in-memory mirror (coders, codes, documents with their counts) after a
 * bulk change made with SQL; existing PlCode and PlDocument objects are kept where they
 * still exist. */
void          pl_project_reload        (PlProject   *self);
/* Re-reads the codes list model after a bulk change. */
void          pl_project_reload_codes  (PlProject   *self);
/* Inserts a code inside an open transaction; the caller commits, then reloads. */
gint64        pl_project_insert_code   (PlProject        *self,
                                        const PlCodeSpec *spec,
                                        GError          **error);

typedef void (*PlProjectDeferFunc) (PlProject *self,
                                    gpointer   data);

/* Queues @func to run after the current transaction commits (dropped on rollback);
 * @destroy frees @data either way. */
void          pl_project_defer         (PlProject          *self,
                                        PlProjectDeferFunc  func,
                                        gpointer            data,
                                        GDestroyNotify      destroy);

typedef enum
{
  PL_PROJECT_SIGNAL_ANNOTATION_ADDED,    /* arg: PlAnnotation* */
  PL_PROJECT_SIGNAL_ANNOTATION_REMOVED,  /* arg: PlAnnotation* */
  PL_PROJECT_SIGNAL_ANNOTATION_CHANGED,  /* arg: PlAnnotation* */
  PL_PROJECT_SIGNAL_HISTORY_CHANGED,     /* arg: NULL */
  PL_PROJECT_SIGNAL_STATEMENTS_CHANGED,  /* arg: gint64* document id */
  PL_PROJECT_SIGNAL_CODES_CHANGED,       /* arg: NULL */
} PlProjectSignal;

/* Emits one of the project's signals (for the store's own modules). */
void          pl_project_emit          (PlProject        *self,
                                        PlProjectSignal   which,
                                        gpointer          arg);

/* Runs a prepared statement that returns no row, resets it; sets @error on failure. */
gboolean      pl_project_step_done     (PlProject    *self,
                                        sqlite3_stmt *stmt,
                                        const char   *what,
                                        GError      **error);

/* Binds @text, or NULL for NULL or "". */
void          pl_sql_bind_text_or_null (sqlite3_stmt *stmt,
                                        int           column,
                                        const char   *text);

/* The history operations of each module, registered by every project it opens. */
const PlHistoryOp *pl_project_document_ops   (gsize *n_ops);
const PlHistoryOp *pl_project_annotation_ops (gsize *n_ops);
const PlHistoryOp *pl_project_statement_ops  (gsize *n_ops);
const PlHistoryOp *pl_project_gazetteer_ops  (gsize *n_ops);
const PlHistoryOp *pl_project_codebook_ops   (gsize *n_ops);
const PlHistoryOp *pl_project_team_ops       (gsize *n_ops);
const PlHistoryOp *pl_project_gold_ops       (gsize *n_ops);
const PlHistoryOp *pl_project_link_ops       (gsize *n_ops);
const PlHistoryOp *pl_project_exercise_ops   (gsize *n_ops);

/* An annotation from the columns id, guid, document_id, code_id, coder_id, start_offset,
 * end_offset, memo, created, modified, stance, codebook_version (in that order). */
PlAnnotation *pl_project_annotation_from_row (sqlite3_stmt *stmt);

/* Inserts the annotation @item describes: { guid, document, code, coder (GUIDs), start,
 * end, memo?, stance?, created, modified? (default: created), codebook_version? }; @what
 * names the action in errors. */
gboolean      pl_project_insert_annotation_json (PlProject   *self,
                                                 JsonObject  *item,
                                                 const char  *what,
                                                 GError     **error);
gboolean      pl_project_delete_annotation_row  (PlProject   *self,
                                                 gint64       annotation_id,
                                                 GError     **error);

/* Column readers that turn SQL NULL into a NULL string. */
char         *pl_sql_dup_text          (sqlite3_stmt *stmt,
                                        int           column);

/* Opening: the schema (pl-project-schema.c) and the in-memory mirrors. */

/* The schema version of the open file, read without writing anything (0 for a new,
 * empty file); -1 with @error set when it is not a project this build can open. */
gint64        pl_project_schema_read_version (PlProject  *self,
                                              GError    **error);
/* Brings the schema from @from_version to @to_version (PL_PROJECT_SCHEMA_VERSION but in
 * tests), one transaction per step. */
gboolean      pl_project_schema_migrate (PlProject  *self,
                                         gint64      from_version,
                                         gint64      to_version,
                                         GError    **error);
/* For tests of migrations: creates the project @path with the schema of @version, as an
 * older Plenary made it, and closes it. */
gboolean      pl_project_create_at_version (const char  *path,
                                            gint64       version,
                                            GError     **error);
gboolean      pl_project_load_documents (PlProject  *self,
                                         GError    **error);
gboolean      pl_project_load_codes     (PlProject  *self,
                                         GError    **error);
gboolean      pl_project_load_coders    (PlProject  *self,
                                         GError    **error);
/* Sets every code's count of annotations from the database. */
void          pl_project_recount_codes  (PlProject  *self);

/* The row id in @table ("documents", "codes", "coders", …) of @guid, looked up in the
 * database (so it holds inside a transaction); 0 with @error set when there is none, or
 * when @guid is NULL (a damaged history operation). */
gint64        pl_project_id_for_guid    (PlProject   *self,
                                         const char  *table,
                                         const char  *guid,
                                         GError     **error);

/* Whether @color is "#RRGGBB" (hex digits of either case). */
gboolean      pl_color_is_hex           (const char *color);

G_END_DECLS
