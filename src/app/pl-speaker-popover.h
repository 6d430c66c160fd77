/* pl-speaker-popover.h — who spoke: a name completed from the gazetteer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "pl-gazetteer.h"

G_BEGIN_DECLS

#define PL_TYPE_SPEAKER_POPOVER (pl_speaker_popover_get_type ())
G_DECLARE_FINAL_TYPE (PlSpeakerPopover, pl_speaker_popover, PL, SPEAKER_POPOVER, GtkPopover)

GtkWidget   *pl_speaker_popover_new           (void);
/* Offers @names (NULL-terminated), shows @speaker (may be NULL) and pops up; on Enter or
 * a click, pops down and emits "speaker-chosen" (the name as typed, or as picked). */
void         pl_speaker_popover_start         (PlSpeakerPopover   *self,
                                               const char * const *names,
                                               const char         *speaker);
GtkEditable *pl_speaker_popover_get_entry     (PlSpeakerPopover   *self);
/* Whether a name the gazetteer does not know is to be remembered, and as what. */
gboolean     pl_speaker_popover_get_remember  (PlSpeakerPopover   *self,
                                               PlEntityType       *type);
void         pl_speaker_popover_set_remember  (PlSpeakerPopover   *self,
                                               gboolean            remember,
                                               PlEntityType        type);

G_END_DECLS
