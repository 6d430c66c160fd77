/* pl-codebook-log.c — the codebook's change log: an entry for every action, and reading it
 *
 * Every codebook action ends with a "codebook.log" operation, so that the log names what
 * was done (and, when it is undone, that it was undone) in the same transaction.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "plenary-codebook-edit"

#include "config.h"

#include <glib/gi18n.h>

#include "pl-codebook-private.h"
#include "pl-json.h"

gboolean
pl_codebook_action_log (PlCodebookAction         *action,
                        const PlCodebookLogSpec  *log,
                        GError                  **error)
{
  PlCoder *coder = pl_codebook_get_coder (action->codebook);
  const char *coder_guid = coder != NULL ? coder->guid : NULL;
  g_autofree char *undone = g_strdup_printf (_("Undone: %s"), log->summary);
  JsonObject *redo = pl_history_op_new ("codebook.log");
  JsonObject *undo = pl_history_op_new ("codebook.log");
  JsonObject *undo_detail = json_object_new ();

  json_object_set_string_member (redo, "action", log->action);
  pl_json_set_string_or_null (redo, "code", log->code_guid);
  json_object_set_string_member (redo, "summary", log->summary);
  if (log->detail != NULL)
    json_object_set_object_member (redo, "detail", log->detail);
  json_object_set_boolean_member (redo, "bump", log->bump);
  pl_json_set_string_or_null (redo, "coder", coder_guid);

  json_object_set_string_member (undo_detail, "undoes", log->action);
  json_object_set_string_member (undo, "action", "undo");
  pl_json_set_string_or_null (undo, "code", log->code_guid);
  json_object_set_string_member (undo, "summary", undone);
  json_object_set_object_member (undo, "detail", undo_detail);
  json_object_set_boolean_member (undo, "bump", log->bump);
  pl_json_set_string_or_null (undo, "coder", coder_guid);

  return pl_codebook_action_run (action, redo, undo, error);
}

GPtrArray *
pl_codebook_list_log (PlCodebook  *codebook,
                      GError     **error)
{
  g_return_val_if_fail (PL_IS_CODEBOOK (codebook), NULL);

  return pl_project_list_codebook_log (pl_codebook_get_project (codebook), error);
}
