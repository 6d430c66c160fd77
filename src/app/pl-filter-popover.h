/* pl-filter-popover.h — which statements an analysis looks at: the pickers of a PlQueryFilter
 *
 * One popover for the Segments and the Search views: the speaker's entity, entity type,
 * regional group and "on behalf of", the document, process and session, a date range, the
 * coder and the stance.  Each picker lists the values the project has
 * (pl_project_query_list_values()), with a search entry for long lists.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "pl-project-query.h"

G_BEGIN_DECLS

#define PL_TYPE_FILTER_POPOVER (pl_filter_popover_get_type ())
G_DECLARE_FINAL_TYPE (PlFilterPopover, pl_filter_popover, PL, FILTER_POPOVER, GtkPopover)

/* The fields a filter popover offers. */
typedef enum
{
  PL_FILTER_ENTITY,
  PL_FILTER_ENTITY_TYPE,
  PL_FILTER_REGIONAL_GROUP,
  PL_FILTER_ON_BEHALF_OF,
  PL_FILTER_DOCUMENT,
  PL_FILTER_PROCESS,
  PL_FILTER_SESSION,
  PL_FILTER_CODER,
  PL_FILTER_STANCE,
  PL_N_FILTERS
} PlFilterField;

GtkWidget  *pl_filter_popover_new         (void);
/* Lists the values of @project (NULL: none) and clears every choice. */
void        pl_filter_popover_set_project (PlFilterPopover *self,
                                           PlProject       *project);
/* Fills @filter (whose own lists are not freed) with what is chosen. */
void        pl_filter_popover_get_filter  (PlFilterPopover *self,
                                           PlQueryFilter   *filter);
/* Chooses @values (a document's or coder's id as text for those fields; NULL: any) for
 * @field, as ticking them would; emits "changed". */
void        pl_filter_popover_set_values  (PlFilterPopover  *self,
                                           PlFilterField     field,
                                           const char      **values);
/* The date range ("2024", "2024-03", "2024-03-07"; NULL: open). */
void        pl_filter_popover_set_dates   (PlFilterPopover *self,
                                           const char      *since,
                                           const char      *until);
/* How many fields narrow (for the button's label). */
guint       pl_filter_popover_get_n_active (PlFilterPopover *self);
/* "Asia-Pacific, member state", or NULL when nothing narrows. */
char       *pl_filter_popover_dup_summary (PlFilterPopover *self);
void        pl_filter_popover_clear       (PlFilterPopover *self);

G_END_DECLS
