/* pl-cli-coding.c — "plenary-cli codes", "code" and "annotations"
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "plenary-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "pl-error.h"
#include "pl-cli-commands.h"

/* codes */

static void
print_code (gpointer     item,
            JsonBuilder *builder,
            PlProject   *project)
{
  PlCode *code = item;
  gint64 parent_id = pl_code_get_parent_id (code);
  PlCode *parent = parent_id != 0 ? pl_project_find_code (project, parent_id) : NULL;
  const char *short_id = pl_cli_nonempty (pl_code_get_short_id (code));
  const char *parent_key = NULL;

  if (builder != NULL)
    {
      json_builder_begin_object (builder);
      pl_cli_json_add_string (builder, "id", short_id);
      pl_cli_json_add_string (builder, "guid", pl_code_get_guid (code));
      pl_cli_json_add_string (builder, "name", pl_code_get_name (code));
      pl_cli_json_add_string (builder, "parent_guid",
                              parent != NULL ? pl_code_get_guid (parent) : NULL);
      pl_cli_json_add_string (builder, "path", pl_code_get_path (code));
      pl_cli_json_add_string (builder, "color", pl_code_get_color (code));
      pl_cli_json_add_string (builder, "shortcut", pl_cli_nonempty (pl_code_get_shortcut (code)));
      pl_cli_json_add_boolean (builder, "codable", pl_code_get_codable (code));
      pl_cli_json_add_int (builder, "depth", pl_code_get_depth (code));
      json_builder_end_object (builder);
      return;
    }

  if (parent != NULL)
    parent_key = pl_cli_nonempty (pl_code_get_short_id (parent));
  if (parent != NULL && parent_key == NULL)
    parent_key = pl_code_get_guid (parent);

  pl_cli_print_row (7, short_id, pl_code_get_guid (code), pl_code_get_name (code), parent_key,
                    pl_code_get_path (code), pl_code_get_color (code),
                    pl_code_get_shortcut (code));
}

static int
cmd_codes (PlCliInvocation *invocation)
{
  return pl_cli_run_list (invocation, pl_project_get_codes, print_code);
}

/* code */

/* The store refuses these too, but only after the coder was added: refuse them first so
 * that a refused command changes nothing. */
static gboolean
check_span (PlDocument  *document,
            PlCode      *code,
            guint        start,
            guint        end,
            GError     **error)
{
  if (end > pl_document_get_length (document))
    {
      g_set_error (error, PL_STORE_ERROR, PL_STORE_ERROR_INVALID,
                   _("The range %u–%u does not lie within “%s” (%u characters)."),
                   start, end, pl_document_get_title (document),
                   pl_document_get_length (document));
      return FALSE;
    }
  if (!pl_code_get_codable (code))
    {
      g_set_error (error, PL_STORE_ERROR, PL_STORE_ERROR_INVALID,
                   _("“%s” is a folder of codes and cannot be applied to text."),
                   pl_code_get_name (code));
      return FALSE;
    }

  return TRUE;
}

static int
cmd_code (PlCliInvocation *invocation)
{
  g_autoptr(PlProject) project = NULL;
  g_autoptr(PlAnnotation) annotation = NULL;
  g_autofree char *document_arg = NULL;
  g_autofree char *start_arg = NULL;
  g_autofree char *end_arg = NULL;
  g_autofree char *code_arg = NULL;
  g_autofree char *coder_arg = NULL;
  g_autofree char *memo_arg = NULL;
  g_autofree char *code_key = NULL;
  g_autofree char *coder_name = NULL;
  g_autofree char *memo = NULL;
  GError *error = NULL;
  gint64 document_id = 0;
  guint start = 0;
  guint end = 0;
  PlDocument *document;
  PlCoder *coder;
  PlCode *code;
  int status;
  /* Text options are taken as bytes (FILENAME) and converted by pl_cli_arg_to_utf8(), so
   * that UTF-8 arguments work even under a non-UTF-8 locale. */
  const GOptionEntry entries[] = {
    { "document", 0, 0, G_OPTION_ARG_STRING, &document_arg, N_("The document to code"),
      N_("ID") },
    { "start", 0, 0, G_OPTION_ARG_STRING, &start_arg,
      N_("Where the span starts (a character offset from 0)"), N_("N") },
    { "end", 0, 0, G_OPTION_ARG_STRING, &end_arg,
      N_("Where the span ends (the offset after its last character)"), N_("N") },
    { "code", 0, 0, G_OPTION_ARG_FILENAME, &code_arg,
      N_("The code, by short id or GUID"), N_("CODE") },
    { "coder", 0, 0, G_OPTION_ARG_FILENAME, &coder_arg,
      N_("Who codes (default: $PLENARY_CODER, else your name)"), N_("NAME") },
    { "memo", 0, 0, G_OPTION_ARG_FILENAME, &memo_arg, N_("A memo on the annotation"),
      N_("TEXT") },
    { NULL }
  };

  if (!pl_cli_parse_command_line (invocation, entries, &status))
    return status;

  if (document_arg == NULL)
    return pl_cli_usage_error (_("The option %s is required."), "--document");
  if (start_arg == NULL)
    return pl_cli_usage_error (_("The option %s is required."), "--start");
  if (end_arg == NULL)
    return pl_cli_usage_error (_("The option %s is required."), "--end");
  if (code_arg == NULL)
    return pl_cli_usage_error (_("The option %s is required."), "--code");

  if (pl_cli_parse_document_id (document_arg, &document_id, &error) &&
      pl_cli_parse_offset ("--start", start_arg, &start, &error) &&
      pl_cli_parse_offset ("--end", end_arg, &end, &error))
    {
      code_key = pl_cli_arg_to_utf8 (code_arg, &error);
      if (code_key != NULL && coder_arg != NULL)
        coder_name = pl_cli_arg_to_utf8 (coder_arg, &error);
      if (error == NULL && memo_arg != NULL)
        memo = pl_cli_arg_to_utf8 (memo_arg, &error);
    }

  if (error != NULL)
    return pl_cli_usage_fail (error);

  if (start >= end)
    return pl_cli_usage_error (_("The span is empty: --start (%u) must be less than --end (%u)."),
                               start, end);

  if (coder_name == NULL)
    coder_name = pl_cli_coder_name (NULL);
  else if (*g_strstrip (coder_name) == '\0')
    return pl_cli_usage_error (_("--coder needs a name."));

  project = pl_cli_open_project (invocation, &status);
  if (project == NULL)
    return status;

  document = pl_cli_find_document (project, document_id, &error);
  if (document == NULL)
    return pl_cli_fail (error);

  code = pl_cli_lookup_code (project, code_key, &error);
  if (code == NULL || !check_span (document, code, start, end, &error))
    return pl_cli_fail (error);

  coder = pl_project_ensure_coder (project, coder_name, &error);
  if (coder == NULL)
    return pl_cli_fail (error);

  annotation = pl_project_add_annotation (project,
                                          &(PlAnnotationSpec) {
                                            .document_id = document_id,
                                            .code_id = pl_code_get_id (code),
                                            .coder_id = coder->id,
                                            .start = start,
                                            .end = end,
                                            .memo = memo,
                                          },
                                          &error);
  if (annotation == NULL)
    return pl_cli_fail (error);

  pl_cli_print_row (1, annotation->guid);

  pl_project_close (project);

  return PL_CLI_EXIT_OK;
}

/* annotations */

static void
print_annotation (const PlAnnotation *annotation,
                  PlCode             *code,
                  const char         *coder,
                  const char         *text,
                  JsonBuilder        *builder)
{
  const char *short_id = code != NULL ? pl_cli_nonempty (pl_code_get_short_id (code)) : NULL;
  g_autofree char *doc = NULL;
  g_autofree char *start = NULL;
  g_autofree char *end = NULL;

  if (builder != NULL)
    {
      json_builder_begin_object (builder);
      pl_cli_json_add_string (builder, "guid", annotation->guid);
      pl_cli_json_add_int (builder, "document_id", annotation->document_id);
      pl_cli_json_add_string (builder, "code_id", short_id);
      pl_cli_json_add_string (builder, "code_guid", code != NULL ? pl_code_get_guid (code) : NULL);
      pl_cli_json_add_string (builder, "coder", coder);
      pl_cli_json_add_int (builder, "start", annotation->start);
      pl_cli_json_add_int (builder, "end", annotation->end);
      pl_cli_json_add_string (builder, "text", text);
      pl_cli_json_add_string (builder, "memo", annotation->memo);
      pl_cli_json_add_string (builder, "created", annotation->created);
      pl_cli_json_add_string (builder, "modified", annotation->modified);
      json_builder_end_object (builder);
      return;
    }

  doc = g_strdup_printf ("%" G_GINT64_FORMAT, annotation->document_id);
  start = g_strdup_printf ("%u", annotation->start);
  end = g_strdup_printf ("%u", annotation->end);
  pl_cli_print_row (7, annotation->guid, doc, short_id, start, end, coder, text);
}

static int
cmd_annotations (PlCliInvocation *invocation)
{
  g_autoptr(PlProject) project = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(GPtrArray) annotations = NULL;
  g_autoptr(GPtrArray) coders = NULL;
  g_autoptr(GHashTable) coder_names = NULL;
  g_auto(PlCliText) text = { NULL };
  GError *error = NULL;
  gboolean json = FALSE;
  int status;

  project = pl_cli_open_with_json (invocation, N_("Print JSON"), &json, &status);
  if (project == NULL)
    return status;
  text.project = project;

  annotations = pl_project_list_annotations (project, 0, &error);
  if (annotations == NULL)
    return pl_cli_fail (error);

  coders = pl_project_list_coders (project);
  coder_names = g_hash_table_new (g_int64_hash, g_int64_equal);
  for (guint i = 0; coders != NULL && i < coders->len; i++)
    {
      PlCoder *coder = g_ptr_array_index (coders, i);

      g_hash_table_insert (coder_names, &coder->id, coder->name);
    }

  json_builder_begin_array (builder);
  for (guint i = 0; i < annotations->len; i++)
    {
      const PlAnnotation *annotation = g_ptr_array_index (annotations, i);
      PlCode *code = pl_project_find_code (project, annotation->code_id);
      const char *coder = g_hash_table_lookup (coder_names, &annotation->coder_id);
      g_autofree char *slice = NULL;

      slice = pl_cli_text_slice (&text, annotation->document_id, annotation->start,
                                 annotation->end, &error);
      if (slice == NULL)
        return pl_cli_fail (error);

      print_annotation (annotation, code, coder, slice, json ? builder : NULL);
    }
  json_builder_end_array (builder);

  if (json)
    pl_cli_print_json (builder);

  pl_project_close (project);

  return PL_CLI_EXIT_OK;
}

const PlCliCommand pl_cli_coding_commands[] = {
  { "codes", "PROJECT", 1, 1, "codes PROJECT [--json]",
    N_("List the codebook: short id, GUID, name, parent, path, colour, shortcut."), NULL,
    cmd_codes },
  { "code", "PROJECT", 1, 1,
    "code PROJECT --document ID --start N --end N --code CODE [--coder NAME] [--memo TEXT]",
    N_("Code a span of a document (offsets in characters); prints the annotation’s GUID."),
    NULL, cmd_code },
  { "annotations", "PROJECT", 1, 1, "annotations PROJECT [--json]",
    N_("List the annotations: GUID, document, code, start, end, coder, text."), NULL,
    cmd_annotations },
  { NULL }
};
