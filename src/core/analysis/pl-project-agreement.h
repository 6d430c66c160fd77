/* pl-project-agreement.h — agreement between coders over a project, per code and overall
 *
 * Gathers a project's annotations into the data of pl-agreement.h, whose coefficients are
 * the literature's (percent, Cohen's κ, Scott's π, Fleiss' κ with κ_j, Krippendorff's α
 * and α_U).  The coding units are the statements (of kind "statement") of the chosen
 * documents.  A coder who has no annotation at all in a document did not code it: that
 * coder's values of its units are missing.
 *
 * - By statement: for each code, a coder's value of a unit is 1 when one of the coder's
 *   annotations of the code (or, with_descendants, of a code below it) overlaps the unit —
 *   the rule of the matrix export — and 0 when none does.  The overall row pools every
 *   unit × code decision into one binary variable.
 * - By category: the children of one code are the values of one nominal variable (an
 *   annotation of a code below a child counts as that child).  A unit a coder gave none of
 *   them, or gave several, is missing for that coder.  The overall row is the nominal
 *   variable's agreement; each category's row is its "this category or another" agreement,
 *   whose Fleiss' κ is the category's κ_j (Fleiss 1971).
 * - By span: Krippendorff's α_U per code on the characters of the coding units — the
 *   statements of the documents that every coder coded, laid end to end (the others are
 *   left out and counted); each coder's overlapping spans of a code are merged first.  The
 *   overall row pools the codes' disagreements (Krippendorff 2004: 1 − ΣD_o / ΣD_e).
 *
 * A coefficient the data cannot define is NAN with a reason (PlCoefficient), never a number
 * made up.  The report is plain data, free of the project's objects, so that it can be
 * computed in a worker thread.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "pl-agreement.h"
#include "pl-project-read.h"

G_BEGIN_DECLS

typedef enum
{
  PL_AGREEMENT_BY_STATEMENT,
  PL_AGREEMENT_BY_CATEGORY,
  PL_AGREEMENT_BY_SPAN,
} PlAgreementUnit;

/* "statement", "category", "span". */
const char *pl_agreement_unit_to_string   (PlAgreementUnit  unit);
gboolean    pl_agreement_unit_from_string (const char      *name,
                                           PlAgreementUnit *out_unit);

/* What to compare. */
typedef struct
{
  PlAgreementUnit unit;
  GArray   *coder_ids;        /* gint64, at least two; NULL: every coder who annotated a
                               * chosen document, but the gold layer */
  GArray   *code_ids;         /* gint64; NULL: every code a compared coder applied (not
                               * used by category) */
  gboolean  with_descendants; /* a chosen code stands for itself and every code below it */
  GArray   *document_ids;     /* gint64; NULL: every document */
  gint64    parent_code_id;   /* by category: the code whose children are the categories */
} PlAgreementSpec;

/* One row of the table: a code, a category, or every code together. */
typedef struct
{
  gint64        code_id;      /* 0 for the overall row */
  char         *short_id;     /* the code's short id, else its GUID; NULL for overall */
  char         *name;
  guint         n_units;      /* units with at least two values; by span, the spans */
  PlCoefficient percent;
  PlCoefficient cohen_kappa;
  PlCoefficient scott_pi;
  PlCoefficient fleiss_kappa; /* by category, in a category's row: κ_j */
  PlCoefficient krippendorff_alpha;
  PlCoefficient alpha_u;      /* by span only */
} PlAgreementRow;

typedef struct
{
  PlAgreementUnit unit;
  GArray         *coder_ids;      /* gint64, in the order compared */
  GPtrArray      *coder_names;    /* char* */
  guint           n_units;        /* coding units with values of at least two coders; by
                                   * span, the units laid end to end */
  guint           n_documents;    /* documents compared */
  guint           n_left_out;     /* by span: chosen documents not every coder coded */
  guint           n_ambiguous;    /* by category: a unit and a coder who gave it several
                                   * categories (counted as missing) */
  PlAgreementRow  overall;
  GArray         *rows;           /* PlAgreementRow, in codebook order */
} PlAgreementReport;

/* Computes the agreement @spec asks for in @reader's snapshot.  Fails (PL_STORE_ERROR)
 * when fewer than two coders are to be compared, or a chosen coder, code or document is
 * not in the project. */
PlAgreementReport *pl_agreement_report_compute        (PlProjectReader         *reader,
                                                       const PlAgreementSpec   *spec,
                                                       GError                 **error);
/* The same in a worker thread, on a connection of its own to the project's file. */
void               pl_agreement_report_compute_async  (PlProject               *project,
                                                       const PlAgreementSpec   *spec,
                                                       GCancellable            *cancellable,
                                                       GAsyncReadyCallback      callback,
                                                       gpointer                 user_data);
PlAgreementReport *pl_agreement_report_compute_finish (PlProject               *project,
                                                       GAsyncResult            *result,
                                                       GError                 **error);
void               pl_agreement_report_free           (PlAgreementReport       *report);

/* Reports (pl-agreement-report.c) */

/* Adds to @builder, as its next value, the object "plenary-cli agreement --json" prints:
 * { unit, coders, units, overall { percent, cohen_kappa, scott_pi, fleiss_kappa,
 * krippendorff_alpha, alpha_u, reasons }, codes: [ { code, name, units, percent,
 * cohen_kappa, scott_pi, fleiss_kappa, krippendorff_alpha, alpha_u, reasons } ] }, numbers
 * or null; "reasons" maps each null coefficient to why it is undefined. */
void               pl_agreement_report_build_json     (const PlAgreementReport *report,
                                                       JsonBuilder             *builder);

typedef enum
{
  PL_AGREEMENT_FORMAT_CSV,    /* RFC 4180, UTF-8, a header row, the overall row first */
  PL_AGREEMENT_FORMAT_HTML,   /* one page with the table and the reasons as notes */
} PlAgreementFormat;

/* Writes the table to @destination, atomically. */
gboolean           pl_agreement_report_write          (const PlAgreementReport *report,
                                                       PlAgreementFormat        format,
                                                       GFile                   *destination,
                                                       GError                 **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PlAgreementReport, pl_agreement_report_free)

G_END_DECLS
