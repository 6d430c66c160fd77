/* pl-json.h — the one JSON helper: bounded parsing and typed member access
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* Parses @data (@length bytes, or -1 for NUL-terminated) after checking that arrays and
 * objects nest no deeper than PL_LIMIT_JSON_DEPTH (json-glib recurses and would overflow
 * the stack on hostile input).  Errors are PL_IMPORT_ERROR_MALFORMED and name
 * @display_name.  Returns the root node (a new reference), or NULL. */
JsonNode    *pl_json_parse               (const char  *data,
                                          gssize       length,
                                          const char  *display_name,
                                          GError     **error);

/* The depth of the deepest nesting of arrays and objects in @data (strings skipped);
 * stops counting past @stop_at. */
guint        pl_json_nesting_depth       (const char  *data,
                                          gsize        length,
                                          guint        stop_at);

/* The string member @name of @object, or NULL when it is absent, null or not a string. */
const char  *pl_json_member_string       (JsonObject  *object,
                                          const char  *name);
/* The array member @name of @object, or NULL when it is absent or not an array. */
JsonArray   *pl_json_member_array        (JsonObject  *object,
                                          const char  *name);
/* Sets member @name to @value, or to null when @value is NULL. */
void         pl_json_set_string_or_null  (JsonObject  *object,
                                          const char  *name,
                                          const char  *value);

G_END_DECLS
