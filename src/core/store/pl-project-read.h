/* pl-project-read.h — reading a project for exports and analyses: one consistent snapshot
 *
 * A PlProjectReader holds one read transaction from its opening to pl_project_reader_free():
 * everything read through it is the project as it was committed when the reader was
 * opened.  pl_project_reader_open() opens the file on a connection of its own (for a
 * worker thread: the project can be changed meanwhile, the reader does not see it);
 * pl_project_reader_new_for_project() reads through the project's own connection and
 * lists (in the project's thread; the project cannot be changed until the reader is
 * freed).  A reader belongs to the thread that opened it.
 *
 * What it reads: the project's identity, the codebook, coders and documents (as model
 * objects), each document's text, memo and statements, notes, and the annotations through
 * a cursor, joined with their coder and, when asked, their text and the statement in which
 * they start.  A PlProjectFilter narrows documents and annotations.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "pl-project.h"

G_BEGIN_DECLS

/* Which documents and annotations a read sees.  NULL arrays and dates filter nothing; an
 * empty array keeps nothing.  Codes, coders and the statements of the kept documents are
 * never filtered. */
typedef struct
{
  GArray    *document_ids;     /* gint64 */
  GArray    *code_ids;         /* gint64 */
  gboolean   with_descendants; /* a code stands for itself and every code below it */
  GArray    *coder_ids;        /* gint64 */
  GDateTime *created_since;    /* inclusive, compared to the annotation's creation time */
  GDateTime *created_until;    /* inclusive */
} PlProjectFilter;

/* Copies the arrays and dates of @source into @dest (whose own are not freed). */
void         pl_project_filter_copy            (const PlProjectFilter *source,
                                                PlProjectFilter       *dest);
/* Frees the arrays and dates of @filter and sets them to NULL. */
void         pl_project_filter_clear           (PlProjectFilter       *filter);
/* Whether @filter (NULL: none) keeps document @document_id. */
gboolean     pl_project_filter_keeps_document  (const PlProjectFilter *filter,
                                                gint64                 document_id);

typedef struct _PlProjectReader PlProjectReader;

/* Opens the project file at @path for reading (PL_STORE_ERROR as pl_project_open()). */
PlProjectReader *pl_project_reader_open        (const char            *path,
                                                GError               **error);
/* Reads @project through its own connection; fails with PL_STORE_ERROR_FAILED when it
 * is closed.  Inside a transaction of the caller's, that transaction is the snapshot. */
PlProjectReader *pl_project_reader_new_for_project (PlProject         *project,
                                                GError               **error);
/* Ends the read transaction (and closes the connection the reader opened). */
void         pl_project_reader_free            (PlProjectReader       *self);

/* The project read, for functions of other modules that only read one
 * (pl_codebook_to_json()).  It cannot be changed while @self is open: changes fail. */
PlProject   *pl_project_reader_get_project     (PlProjectReader       *self);

const char  *pl_project_reader_get_guid        (PlProjectReader       *self);
/* The file name without its extension. */
char        *pl_project_reader_dup_title       (PlProjectReader       *self);
/* When the project was created, or NULL when it does not say. */
char        *pl_project_reader_dup_created     (PlProjectReader       *self);
/* When the snapshot was taken: "2026-11-22T10:00:00Z". */
const char  *pl_project_reader_get_time        (PlProjectReader       *self);
/* The project's description, or NULL when it has none. */
char        *pl_project_reader_dup_description (PlProjectReader   *self);
/* The codebook version (1 when the project does not say). */
gint64       pl_project_reader_get_codebook_version (PlProjectReader  *self);

/* Codes (PlCode) in depth-first codebook order. */
GListModel  *pl_project_reader_get_codes       (PlProjectReader       *self);
PlCode      *pl_project_reader_find_code       (PlProjectReader       *self,
                                                gint64                 code_id);
/* PlCoder items, by id (new references). */
GPtrArray   *pl_project_reader_list_coders     (PlProjectReader       *self);
/* The documents (PlDocument) @filter keeps, in project order (new references). */
GPtrArray   *pl_project_reader_list_documents  (PlProjectReader       *self,
                                                const PlProjectFilter *filter);
char        *pl_project_reader_dup_document_text (PlProjectReader     *self,
                                                gint64                 document_id,
                                                GError               **error);
/* Sets @out_memo to the document's memo, NULL when it has none; FALSE on error. */
gboolean     pl_project_reader_read_document_memo (PlProjectReader    *self,
                                                gint64                 document_id,
                                                char                 **out_memo,
                                                GError               **error);
/* PlStatement items of one document, by index. */
GPtrArray   *pl_project_reader_list_statements (PlProjectReader       *self,
                                                gint64                 document_id,
                                                GError               **error);
/* Orders PlStatement pointers by start, then index (for g_ptr_array_sort()). */
gint         pl_project_compare_statement_starts (gconstpointer     a,
                                                gconstpointer          b);
/* The statements of the documents @filter keeps, front matter too when asked; -1 on
 * error. */
gint64       pl_project_reader_count_statements (PlProjectReader      *self,
                                                const PlProjectFilter *filter,
                                                gboolean               front_matter,
                                                GError               **error);
/* The annotations @filter keeps; -1 on error. */
gint64       pl_project_reader_count_annotations (PlProjectReader     *self,
                                                const PlProjectFilter *filter,
                                                GError               **error);

/* Notes */

/* One note; everything is borrowed for the duration of the callback. */
typedef struct
{
  const char *guid;
  const char *target_guid;   /* what it is about, or NULL for the project */
  const char *text;
  const char *coder_guid;    /* NULL when it has no coder */
  const char *created;
  const char *modified;
  const char *title;         /* NULL when it has none */
  gboolean    anchored;      /* about the passage @start–@end of the document @target_guid */
  guint       start;
  guint       end;
} PlNoteRow;

typedef gboolean (*PlNoteRowFunc) (const PlNoteRow  *row,
                                   gpointer          user_data,
                                   GError          **error);

/* Calls @func for every note, in the order they were made, until it returns FALSE. */
gboolean     pl_project_reader_foreach_note    (PlProjectReader       *self,
                                                PlNoteRowFunc          func,
                                                gpointer               user_data,
                                                GError               **error);

/* Annotations */

typedef enum
{
  PL_READ_DEFAULT             = 0,
  PL_READ_TEXT                = 1 << 0, /* the annotated text */
  PL_READ_STATEMENT           = 1 << 1, /* the statement in which the annotation starts */
  PL_READ_STATEMENT_TEXT      = 1 << 2, /* that statement and its text */
  PL_READ_ONLY_WITH_MEMO      = 1 << 3, /* only annotations that have a memo */
  PL_READ_ONLY_NOTED          = 1 << 4, /* only annotations that a note is about */
  PL_READ_SPANS               = 1 << 5, /* only document, code, coder and offsets, by
                                         * document but in no order within one (faster);
                                         * not with TEXT or STATEMENT */
} PlReadFlags;

/* One annotation, joined with its document, code and coder; everything is borrowed until
 * the next call of pl_annotation_cursor_next(). */
typedef struct
{
  const char        *guid;
  PlDocument        *document;
  PlCode            *code;             /* NULL if the code is not in the snapshot */
  gint64             coder_id;
  const char        *coder_guid;
  const char        *coder_name;
  guint              start;            /* code points, end-exclusive */
  guint              end;
  const char        *memo;
  const char        *created;
  const char        *modified;
  const char        *stance;
  gint64             codebook_version;
  const char        *text;             /* PL_READ_TEXT, else NULL */
  const PlStatement *statement;        /* PL_READ_STATEMENT(_TEXT): the last statement that
                                        * starts at or before @start, or NULL */
  const char        *statement_text;   /* PL_READ_STATEMENT_TEXT; NULL without a statement */
} PlAnnotationRow;

typedef struct _PlAnnotationCursor PlAnnotationCursor;

/* The annotations @filter keeps, of document @document_id (0: of all), by document, start,
 * longer first, id.  Several cursors may be open at a time. */
PlAnnotationCursor *pl_project_reader_read_annotations (PlProjectReader       *self,
                                                        const PlProjectFilter *filter,
                                                        gint64                 document_id,
                                                        PlReadFlags            flags,
                                                        GError               **error);
/* The next row; NULL at the end, or when reading failed: pl_annotation_cursor_finish()
 * tells which. */
const PlAnnotationRow *pl_annotation_cursor_next       (PlAnnotationCursor    *cursor);
/* FALSE, with @error, when reading failed; TRUE otherwise. */
gboolean            pl_annotation_cursor_finish        (PlAnnotationCursor    *cursor,
                                                        GError               **error);
void                pl_annotation_cursor_free          (PlAnnotationCursor    *cursor);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PlProjectReader, pl_project_reader_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PlAnnotationCursor, pl_annotation_cursor_free)

G_END_DECLS
