/* pl-project-gazetteer.h — the project's own gazetteer
 *
 * A project layers its own entries (the table gazetteer_entries) over the built-in
 * gazetteer.  Adding and removing an entry is one undoable action each.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pl-gazetteer.h"
#include "pl-project.h"

G_BEGIN_DECLS

/* The project's gazetteer: the built-in one with the project's own entries over it.
 * Built when first asked for and rebuilt after its entries change (transfer none). */
PlGazetteer *pl_project_get_gazetteer          (PlProject                   *self);

/* An entry of the project's own gazetteer. */
typedef struct
{
  const char   *name;    /* as texts write it: "Ambassador Okafor", "Korea" */
  const char   *entity;  /* the canonical entity it stands for */
  PlEntityType  type;
  const char   *iso3;    /* ISO 3166 alpha-3 ("JPN"); NULL or "": none */
  const char   *group;   /* UN regional group; NULL or "": none */
} PlGazetteerEntrySpec;

/* Adds @entry to the project's gazetteer (replacing the project's own entry of that
 * name); it takes precedence over the built-in table for documents segmented from now
 * on and for pl_project_set_speaker(). */
gboolean     pl_project_add_gazetteer_entry    (PlProject                   *self,
                                                const PlGazetteerEntrySpec  *entry,
                                                GError                     **error);
gboolean     pl_project_remove_gazetteer_entry (PlProject                   *self,
                                                const char                  *name,
                                                GError                     **error);

G_END_DECLS
