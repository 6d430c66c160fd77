/* pl-codebook-exchange.h — the codebook in and out: JSON, CSV, REFI-QDA, Markdown, HTML
 *
 * Export writes atomically (a temporary file beside the destination, renamed into place);
 * a failure leaves the destination as it was.
 *
 * - JSON: "plenary-codebook" version 1 (pl-codebook.h; schema in
 *   data/schemas/plenary-codebook.schema.json).
 * - CSV (RFC 4180, UTF-8, CRLF, a header row): path, id, name, definition, inclusion,
 *   exclusion, example, color, color_dark, shortcut, codable, guid.  "path" is the names
 *   from the top joined by " / ".  On import the columns are found by their header (any
 *   order; "name" or "path" is needed) and an empty cell means "not given".
 * - REFI-QDA codebook (.qdc, namespace urn:QDA-XML:codebook:1.0), valid against
 *   Codebook-mrt2019.xsd.  A code's Description holds its definition, then labelled
 *   lines "Include: …", "Exclude: …", "Example: …" and "Id: …" (the short id); import
 *   reads them back.  Shortcuts and dark colours have no place in the format.
 * - Markdown and HTML, for a paper's appendix: an overview table, then each code with
 *   its short id, definition, cues, anchor example, colours and number of uses.  The HTML
 *   is one self-contained file with a print stylesheet.
 *
 * Import reads JSON, CSV, .qdc, and the CodeBook of a .qde or .qdpx (the project.qde of
 * the zip), leniently as real files demand: the namespace variants codebook:1:0 and
 * codebook:0:4 or none, "A::B" names as hierarchy (a missing "A" becomes a folder), a
 * non-codable root that only wraps everything (NVivo's "Nodes"), #RRGGBBAA, #RGB and
 * rgb()/rgba() colours, an empty <Sets/>, isCodable "True" or "1", braced or upper-case
 * GUIDs.  What could not be kept is reported, not refused.
 *
 * Importing into a project merges: an imported code is the project's code with the same
 * GUID, else the one at the same path (names compared ignoring case), else a new code.
 * A matched code takes the imported values the file gives (nothing is cleared) and, when
 * matched by GUID, its imported place in the hierarchy.  Planning changes nothing;
 * applying the plan is one undoable action logged as "import".
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "pl-codebook.h"

G_BEGIN_DECLS

typedef enum
{
  PL_CODEBOOK_FORMAT_JSON,
  PL_CODEBOOK_FORMAT_CSV,
  PL_CODEBOOK_FORMAT_QDC,
  PL_CODEBOOK_FORMAT_MARKDOWN,
  PL_CODEBOOK_FORMAT_HTML,
} PlCodebookFormat;

/* "json", "csv", "qdc", "md" (or "markdown"), "html"; FALSE for anything else. */
gboolean     pl_codebook_format_from_string (const char        *name,
                                             PlCodebookFormat  *out_format);
/* The file name extension of @format, without the dot ("md" for Markdown). */
const char  *pl_codebook_format_get_extension (PlCodebookFormat format);

/* The codebook of @project in @format. */
GBytes      *pl_codebook_export_bytes      (PlProject         *project,
                                            PlCodebookFormat   format,
                                            GError           **error);
/* The same, written atomically to @destination (PL_EXPORT_ERROR_WRITE naming it). */
gboolean     pl_codebook_export            (PlProject         *project,
                                            PlCodebookFormat   format,
                                            GFile             *destination,
                                            GCancellable      *cancellable,
                                            GError           **error);

typedef enum
{
  PL_CODEBOOK_PLAN_NEW,
  PL_CODEBOOK_PLAN_CHANGED,
  PL_CODEBOOK_PLAN_UNCHANGED,
} PlCodebookPlanKind;

/* One imported code and what applying the plan does with it. */
typedef struct
{
  PlCodebookPlanKind  kind;
  char               *path;     /* "Norms / Alpha", as imported */
  char               *guid;     /* of the code in the project, now or once added */
  GPtrArray          *changes;  /* for CHANGED: "name: “Alpha” → “Alpha 2”", … */
  /*< private >*/
  gpointer            entry;
  char               *parent_guid;
  gpointer            update;
} PlCodebookPlanItem;

typedef struct _PlCodebookImportPlan PlCodebookImportPlan;

/* Reads @file (the format from its content, else its name) and plans its import into
 * the codebook without changing anything; applying it is logged under the codebook's
 * coder.  Errors are PL_IMPORT_ERROR naming the file. */
PlCodebookImportPlan *pl_codebook_import_plan (PlCodebook    *codebook,
                                               GFile         *file,
                                               GCancellable  *cancellable,
                                               GError       **error);
/* The same for bytes; @file_name names the source in messages and hints the format. */
PlCodebookImportPlan *pl_codebook_import_plan_bytes (PlCodebook  *codebook,
                                                     GBytes      *bytes,
                                                     const char  *file_name,
                                                     GError     **error);
void         pl_codebook_import_plan_free  (PlCodebookImportPlan *plan);

/* PlCodebookPlanItem, in the file's order (parents before children). */
GPtrArray   *pl_codebook_import_plan_get_items  (PlCodebookImportPlan *plan);
guint        pl_codebook_import_plan_count      (PlCodebookImportPlan *plan,
                                                 PlCodebookPlanKind    kind);
/* What could not be kept, one sentence each (strings). */
GPtrArray   *pl_codebook_import_plan_get_report (PlCodebookImportPlan *plan);
/* The plan as text for people: counts, new and changed codes, the report. */
char        *pl_codebook_import_plan_describe   (PlCodebookImportPlan *plan);
/* Applies the plan as one undoable action.  Refused when the codebook changed since the
 * plan was made.  A plan that changes nothing succeeds without recording anything. */
gboolean     pl_codebook_import_apply      (PlCodebookImportPlan  *plan,
                                            GError               **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PlCodebookImportPlan, pl_codebook_import_plan_free)

G_END_DECLS
