/* pl-codebook.h — the codebook of a project; loading codebooks, and writing them as JSON
 *
 * A PlCodebook is what edits the codes of one project (pl-codebook-edit.h) and imports
 * codebooks into it (pl-codebook-exchange.h): every change one undoable action, logged in
 * the codebook's change log under the codebook's coder.
 *
 * The codebook JSON format ("plenary-codebook", version 1):
 *
 *   { "format": "plenary-codebook", "version": 1, "name": "…",
 *     "codes": [ { "guid": "…", "id": "NRM", "name": "…", "color": "#RRGGBB",
 *                  "color_dark": "#RRGGBB", "codable": true, "shortcut": "1", "definition": "…",
 *                  "inclusion": "…", "exclusion": "…", "example": "…",
 *                  "children": [ … ] } ] }
 *
 * Only "name" is required of a code.  "color_dark" is the colour for dark styles; the
 * schema is data/schemas/plenary-codebook.schema.json.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "pl-project.h"

G_BEGIN_DECLS

#define PL_TYPE_CODEBOOK (pl_codebook_get_type ())
G_DECLARE_FINAL_TYPE (PlCodebook, pl_codebook, PL, CODEBOOK, GObject)

PlCodebook *pl_codebook_new           (PlProject   *project);
PlProject  *pl_codebook_get_project   (PlCodebook  *self);
/* The coder that later changes are logged under (NULL: none; property "coder").  Undo
 * and redo of codebook changes through the project are logged under it too. */
void        pl_codebook_set_coder     (PlCodebook  *self,
                                       PlCoder     *coder);
PlCoder    *pl_codebook_get_coder     (PlCodebook  *self);

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

/* A colour as Plenary stores it, "#RRGGBB" in upper case, from "#RGB", "#RRGGBB",
 * "#RRGGBBAA", "rgb(r, g, b)" or "rgba(r, g, b, a)" (components 0–255 or percentages),
 * surrounding space ignored.  The alpha is dropped: @out_dropped_alpha (optional) says
 * whether it was not opaque.  NULL when @color is none of these. */
char     *pl_codebook_normalize_color   (const char  *color,
                                         gboolean    *out_dropped_alpha);

/* A variant of @color ("#RRGGBB") for dark styles: the same hue, light enough to stand
 * out at 3:1 or more on libadwaita's dark backgrounds (#1e1e1e, #242424), and dark
 * enough that white text over it tinted at 42% keeps 4.5:1.  A colour that already
 * does both is returned as it is. */
char     *pl_codebook_derive_dark_color (const char  *color);

G_END_DECLS
