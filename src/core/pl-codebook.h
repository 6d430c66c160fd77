/* pl-codebook.h — loading codebooks into a project, and writing them out as JSON
 *
 * The codebook JSON format ("plenary-codebook", version 1):
 *
 *   { "format": "plenary-codebook", "version": 1, "name": "…",
 *     "codes": [ { "guid": "…", "id": "NRM", "name": "…", "color": "#RRGGBB",
 *                  "codable": true, "shortcut": "1", "definition": "…",
 *                  "inclusion": "…", "exclusion": "…", "example": "…",
 *                  "children": [ … ] } ] }
 *
 * Only "name" is required of a code.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "pl-project.h"

G_BEGIN_DECLS

/* Adds the codes of a codebook JSON document to @project in one transaction.  Codes whose
 * GUID the project already has are skipped.  @display_name names the source in errors
 * (PL_IMPORT_ERROR_MALFORMED).  Returns the number of codes added, or -1 on error. */
int       pl_codebook_load_json     (PlProject   *project,
                                     const char  *json,
                                     gssize       length,
                                     const char  *display_name,
                                     GError     **error);

/* Adds the starter codebook shipped with Plenary (a resource of the core). */
int       pl_codebook_load_starter  (PlProject   *project,
                                     GError     **error);

/* The project's codebook as a JSON node in the format above (an object). */
JsonNode *pl_codebook_to_json       (PlProject   *project);

G_END_DECLS
