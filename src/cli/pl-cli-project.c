/* pl-cli-project.c — "plenary-cli new", "import", "documents" and "statements"
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "plenary-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "pl-codebook.h"
#include "pl-importer.h"
#include "pl-cli-commands.h"

/* new */

static int
cmd_new (PlCliInvocation *invocation)
{
  g_autoptr(PlProject) project = NULL;
  GError *error = NULL;
  gboolean empty = FALSE;
  const char *path;
  int status;
  const GOptionEntry entries[] = {
    { "empty", 0, 0, G_OPTION_ARG_NONE, &empty,
      N_("Start with an empty codebook instead of the starter codebook"), NULL },
    { NULL }
  };

  if (!pl_cli_parse_command_line (invocation, entries, &status))
    return status;

  path = invocation->argv[1];
  project = pl_project_open (path, PL_PROJECT_OPEN_CREATE | PL_PROJECT_OPEN_EXCLUSIVE, &error);
  if (project == NULL)
    return pl_cli_fail (error);

  if (!empty && pl_codebook_load_starter (project, &error) < 0)
    {
      /* The file is ours, made a moment ago: leave nothing half set up behind. */
      pl_project_close (project);
      g_unlink (path);
      return pl_cli_fail (error);
    }

  pl_project_close (project);

  return PL_CLI_EXIT_OK;
}

/* import */

static int
cmd_import (PlCliInvocation *invocation)
{
  g_autoptr(PlProject) project = NULL;
  GError *error = NULL;
  int status;

  if (!pl_cli_parse_command_line (invocation, NULL, &status) ||
      (project = pl_cli_open_project (invocation, &status)) == NULL)
    return status;

  status = PL_CLI_EXIT_OK;

  for (int i = 2; i < invocation->argc; i++)
    {
      g_autoptr(GFile) file = g_file_new_for_commandline_arg (invocation->argv[i]);
      g_autofree char *id = NULL;
      g_autofree char *count = NULL;
      g_autofree char *warning = NULL;
      PlDocument *document;

      document = pl_importer_import_file (project, file, &warning, NULL, &error);
      if (document == NULL)
        {
          status = pl_cli_fail (g_steal_pointer (&error));
          continue;
        }

      id = g_strdup_printf ("%" G_GINT64_FORMAT, pl_document_get_id (document));
      count = g_strdup_printf ("%u statements", pl_document_get_n_statements (document));
      pl_cli_print_row (3, id, pl_document_get_title (document), count);
      if (warning != NULL)
        pl_cli_print_message (_("warning: %s"), warning);
    }

  pl_project_close (project);

  return status;
}

/* documents */

static void
print_document (gpointer     item,
                JsonBuilder *builder,
                PlProject   *project)
{
  PlDocument *document = item;
  g_autofree char *id = NULL;
  g_autofree char *n_statements = NULL;
  g_autofree char *n_annotations = NULL;

  if (builder != NULL)
    {
      json_builder_begin_object (builder);
      pl_cli_json_add_int (builder, "id", pl_document_get_id (document));
      pl_cli_json_add_string (builder, "guid", pl_document_get_guid (document));
      pl_cli_json_add_string (builder, "title", pl_document_get_title (document));
      pl_cli_json_add_string (builder, "source_uri", pl_document_get_source_uri (document));
      pl_cli_json_add_int (builder, "length", pl_document_get_length (document));
      pl_cli_json_add_int (builder, "statements", pl_document_get_n_statements (document));
      pl_cli_json_add_int (builder, "annotations", pl_document_get_n_annotations (document));
      pl_cli_json_add_string (builder, "created", pl_document_get_created (document));
      json_builder_end_object (builder);
      return;
    }

  id = g_strdup_printf ("%" G_GINT64_FORMAT, pl_document_get_id (document));
  n_statements = g_strdup_printf ("%u", pl_document_get_n_statements (document));
  n_annotations = g_strdup_printf ("%u", pl_document_get_n_annotations (document));
  pl_cli_print_row (4, id, pl_document_get_title (document), n_statements, n_annotations);
}

static int
cmd_documents (PlCliInvocation *invocation)
{
  return pl_cli_run_list (invocation, pl_project_get_documents, print_document);
}

/* statements */

static void
print_statement (const PlStatement *statement,
                 const char        *text,
                 JsonBuilder       *builder)
{
  const char *kind = pl_statement_kind_to_string (statement->kind);
  g_autofree char *doc = NULL;
  g_autofree char *index = NULL;
  g_autofree char *start = NULL;
  g_autofree char *end = NULL;

  if (builder != NULL)
    {
      json_builder_begin_object (builder);
      pl_cli_json_add_int (builder, "document_id", statement->document_id);
      pl_cli_json_add_int (builder, "index", statement->index);
      pl_cli_json_add_string (builder, "kind", kind);
      pl_cli_json_add_string (builder, "speaker", statement->speaker);
      pl_cli_json_add_string (builder, "entity", statement->entity);
      pl_cli_json_add_string (builder, "entity_type", statement->entity_type);
      pl_cli_json_add_string (builder, "iso3", statement->iso3);
      pl_cli_json_add_string (builder, "regional_group", statement->regional_group);
      pl_cli_json_add_string (builder, "on_behalf_of", statement->on_behalf_of);
      pl_cli_json_add_string (builder, "speaker_source", statement->speaker_source);
      pl_cli_json_add_int (builder, "start", statement->start);
      pl_cli_json_add_int (builder, "end", statement->end);
      pl_cli_json_add_boolean (builder, "needs_review", statement->needs_review);
      pl_cli_json_add_string (builder, "text", text);
      json_builder_end_object (builder);
      return;
    }

  doc = g_strdup_printf ("%" G_GINT64_FORMAT, statement->document_id);
  index = g_strdup_printf ("%u", statement->index);
  start = g_strdup_printf ("%u", statement->start);
  end = g_strdup_printf ("%u", statement->end);
  pl_cli_print_row (7, doc, index, kind, statement->speaker, start, end, text);
}

static int
cmd_statements (PlCliInvocation *invocation)
{
  g_autoptr(PlProject) project = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(GPtrArray) statements = NULL;
  g_autofree char *document_arg = NULL;
  g_auto(PlCliText) text = { NULL };
  GError *error = NULL;
  gboolean json = FALSE;
  gint64 document_id = 0;
  int status;
  const GOptionEntry entries[] = {
    { "document", 0, 0, G_OPTION_ARG_STRING, &document_arg,
      N_("Only the statements of document ID"), N_("ID") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { NULL }
  };

  if (!pl_cli_parse_command_line (invocation, entries, &status))
    return status;

  if (document_arg != NULL && !pl_cli_parse_document_id (document_arg, &document_id, &error))
    return pl_cli_usage_fail (error);

  project = pl_cli_open_project (invocation, &status);
  if (project == NULL)
    return status;
  text.project = project;

  if (document_id != 0 && pl_cli_find_document (project, document_id, &error) == NULL)
    return pl_cli_fail (error);

  statements = pl_project_list_statements (project, document_id, &error);
  if (statements == NULL)
    return pl_cli_fail (error);

  json_builder_begin_array (builder);
  for (guint i = 0; i < statements->len; i++)
    {
      const PlStatement *statement = g_ptr_array_index (statements, i);
      g_autofree char *slice = NULL;

      slice = pl_cli_text_slice (&text, statement->document_id, statement->start,
                                 statement->end, &error);
      if (slice == NULL)
        return pl_cli_fail (error);

      print_statement (statement, slice, json ? builder : NULL);
    }
  json_builder_end_array (builder);

  if (json)
    pl_cli_print_json (builder);

  pl_project_close (project);

  return PL_CLI_EXIT_OK;
}

const PlCliCommand pl_cli_project_commands[] = {
  { "new", "PROJECT", 1, 1, "new PROJECT [--empty]",
    N_("Create a project, with the starter codebook unless --empty is given."), NULL,
    cmd_new },
  { "import", "PROJECT FILE…", 2, -1, "import PROJECT FILE…",
    N_("Import text files as documents; prints id, title and statement count of each."), NULL,
    cmd_import },
  { "documents", "PROJECT", 1, 1, "documents PROJECT [--json]",
    N_("List the documents: id, title, statements, annotations."), NULL, cmd_documents },
  { "statements", "PROJECT", 1, 1, "statements PROJECT [--document ID] [--json]",
    N_("List the statements of all documents, or of one."), NULL, cmd_statements },
  { NULL }
};
