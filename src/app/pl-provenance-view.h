/* pl-provenance-view.h — whose words an outcome document reuses: paragraphs, delegations, groups
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "pl-project-links.h"
#include "pl-project.h"

G_BEGIN_DECLS

#define PL_TYPE_PROVENANCE_VIEW (pl_provenance_view_get_type ())
G_DECLARE_FINAL_TYPE (PlProvenanceView, pl_provenance_view, PL, PROVENANCE_VIEW, AdwWindow)

/* The provenance of @outcome, kept up to date with the project's links.
 *
 * Signals: "show-link" (const PlLink *): open both places of a link side by side;
 * "find-reuse": the user asks for the reuse finder on this document. */
PlProvenanceView *pl_provenance_view_new              (GtkWindow        *parent,
                                                       PlProject        *project,
                                                       PlDocument       *outcome);
PlDocument       *pl_provenance_view_get_outcome      (PlProvenanceView *self);

/* What the view shows, for tests: the links of each paragraph, the rows of the
 * delegations' table, and the page shown ("paragraphs" or "delegations"). */
guint             pl_provenance_view_get_n_paragraphs (PlProvenanceView *self);
guint             pl_provenance_view_get_n_links      (PlProvenanceView *self,
                                                       guint             paragraph);
guint             pl_provenance_view_get_n_delegations (PlProvenanceView *self);
void              pl_provenance_view_set_page         (PlProvenanceView *self,
                                                       const char       *name);
/* Activates the first link of @paragraph, as a click on its first chip does; FALSE when
 * it has none. */
gboolean          pl_provenance_view_activate_link    (PlProvenanceView *self,
                                                       guint             paragraph);

/* Shared with the reuse review: a regional group's style class ("group-weog", …,
 * "group-none"), its name as shown, and a date ("2021-03-12") as a person reads it
 * (NULL for NULL or a value that is not a date, which is returned as it is). */
const char       *pl_provenance_view_group_class      (const char       *group);
const char       *pl_provenance_view_group_label      (const char       *group);
char             *pl_provenance_view_format_date      (const char       *date);

G_END_DECLS
