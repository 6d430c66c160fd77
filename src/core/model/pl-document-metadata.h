/* pl-document-metadata.h — document details read from a document's own text
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Fills the keys of @metadata that are missing with what the opening of normalised @text
 * states: "date" (ISO 8601, "2019-09-13"), "meeting" ("9th meeting"), "session" ("first
 * substantive session"), "process" ("Open-Ended Working Group (OEWG)", "Group of
 * Governmental Experts (GGE)", "First Committee", "Ad Hoc Committee on Cybercrime"),
 * "agenda_item" ("5: rules, norms …"), "source_type" ("unofficial transcript", "official
 * record", "summary", "press release") and "language" ("en", "fr", "es", "ru", "ar",
 * "zh").  The rules are described at the top of pl-document-metadata.c.  @metadata owns
 * its keys and values: g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free). */
void pl_document_metadata_guess (const char *text,
                                 GHashTable *metadata);

G_END_DECLS
