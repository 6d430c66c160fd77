/* pl-codebook-exchange-private.h — the tree of entries every codebook format goes through
 *
 * Writers turn a snapshot of the project's codes into a file; readers turn a file into
 * entries under an unnamed root, leniently, counting and reporting what they could not keep.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "pl-codebook.h"
#include "pl-codebook-edit.h"
#include "pl-codebook-exchange.h"
#include "pl-project-codebook.h"

G_BEGIN_DECLS

/* Entries */

typedef struct _PlCodebookEntry PlCodebookEntry;

struct _PlCodebookEntry
{
  char      *guid;
  char      *short_id;
  char      *name;
  char      *color;
  char      *color_dark;
  char      *shortcut;
  char      *definition;
  char      *inclusion;
  char      *exclusion;
  char      *example;
  int        codable;        /* -1: not given */
  guint      n_annotations;  /* uses, for exports */
  GPtrArray *children;       /* PlCodebookEntry */
};

PlCodebookEntry *pl_codebook_entry_new        (void);
void             pl_codebook_entry_free       (PlCodebookEntry       *entry);
/* The uses of the entry and of all entries below it. */
guint            pl_codebook_entry_total_uses (const PlCodebookEntry *entry);
/* The entries below @entry. */
guint            pl_codebook_entry_count      (const PlCodebookEntry *entry);
/* NULL for NULL, blank or invalid text; as stored (LF, NFC) and trimmed otherwise. */
char            *pl_codebook_clean_text       (const char            *text);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PlCodebookEntry, pl_codebook_entry_free)

/* Writers */

GBytes          *pl_codebook_write_json       (PlProject             *project);
GBytes          *pl_codebook_write_csv        (const PlCodebookEntry *root);
GBytes          *pl_codebook_write_qdc        (const PlCodebookEntry *root,
                                               GError               **error);
GBytes          *pl_codebook_write_markdown   (PlProject             *project,
                                               const PlCodebookEntry *root);
GBytes          *pl_codebook_write_html       (PlProject             *project,
                                               const PlCodebookEntry *root);

/* Readers */

typedef struct
{
  const char      *display_name;
  PlCodebookEntry *root;
  GPtrArray       *report;          /* char* */
  gboolean         plenary_origin;  /* written by Plenary: "::" is part of a name */
  guint            n_alpha;
  guint            n_bad_color;
  guint            n_no_codable;
  guint            n_bad_codable;
  guint            n_unnamed;
  guint            n_sets;
} PlCodebookReader;

/* Adds a sentence to what could not be kept. */
void             pl_codebook_report           (PlCodebookReader      *reader,
                                               const char            *format,
                                               ...) G_GNUC_PRINTF (2, 3);
/* A colour as stored, or NULL (counted) when it cannot be read. */
char            *pl_codebook_read_color       (PlCodebookReader      *reader,
                                               const char            *value);
/* TRUE for "true", "1", "yes" and FALSE for "false", "0", "no" (any case); -1 when
 * not given, -2 for anything else. */
int              pl_codebook_read_boolean     (const char            *value);
/* "{1FF58B12-…}" → "1ff58b12-…"; NULL when it is not a GUID. */
char            *pl_codebook_read_guid        (const char            *value);
/* Reports what the counters counted. */
void             pl_codebook_finish_report    (PlCodebookReader      *reader);

/* Reads @bytes into @reader->root: a .qdpx (a zip), REFI-QDA XML, JSON or CSV, by its
 * content, else by @file_name. */
gboolean         pl_codebook_read_any         (PlCodebookReader      *reader,
                                               GBytes                *bytes,
                                               const char            *file_name,
                                               GError               **error);
gboolean         pl_codebook_read_json        (PlCodebookReader      *reader,
                                               const char            *data,
                                               gsize                  length,
                                               GError               **error);
gboolean         pl_codebook_read_csv         (PlCodebookReader      *reader,
                                               const char            *data,
                                               gsize                  length,
                                               GError               **error);
/* A .qdc codebook, or the CodeBook of a .qde project. */
gboolean         pl_codebook_read_xml         (PlCodebookReader      *reader,
                                               const char            *data,
                                               gsize                  length,
                                               GError               **error);
/* The project.qde inside a .qdpx archive. */
GBytes          *pl_codebook_read_qdpx        (PlCodebookReader      *reader,
                                               const char            *data,
                                               gsize                  length,
                                               GError               **error);

G_END_DECLS
