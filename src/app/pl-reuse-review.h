/* pl-reuse-review.h — the reuse finder's candidates for an outcome document, to accept or reject
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "pl-project-links.h"
#include "pl-project.h"

G_BEGIN_DECLS

#define PL_TYPE_REUSE_REVIEW (pl_reuse_review_get_type ())
G_DECLARE_FINAL_TYPE (PlReuseReview, pl_reuse_review, PL, REUSE_REVIEW, AdwWindow)

typedef enum
{
  PL_REVIEW_PENDING,
  PL_REVIEW_ACCEPTED,    /* a link between the two passages exists */
  PL_REVIEW_REJECTED,    /* set aside in this review; never stored */
} PlReviewState;

/* Searches the statements of @project for wording @outcome reuses (in a worker thread);
 * links accepted are recorded as @coder's (NULL: nobody).
 *
 * Signals: "show-passages" (const PlLinkSpec *): open both passages side by side;
 * "searched": a search finished (the list shows its candidates). */
PlReuseReview *pl_reuse_review_new            (GtkWindow     *parent,
                                               PlProject     *project,
                                               PlDocument    *outcome,
                                               PlCoder       *coder);
PlDocument    *pl_reuse_review_get_outcome    (PlReuseReview *self);

/* What the window shows, for tests. */
gboolean       pl_reuse_review_is_searching   (PlReuseReview *self);
guint          pl_reuse_review_get_n_candidates (PlReuseReview *self);
/* The candidate shown (-1: none), and moving to another. */
int            pl_reuse_review_get_selected   (PlReuseReview *self);
void           pl_reuse_review_select         (PlReuseReview *self,
                                               guint          index);
PlReviewState  pl_reuse_review_get_state      (PlReuseReview *self,
                                               guint          index);
/* The minimum length of a passage, in words (runs the search again). */
void           pl_reuse_review_set_min_words  (PlReuseReview *self,
                                               guint          min_words);

G_END_DECLS
