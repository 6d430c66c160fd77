/* pl-cli-codebook.c — "plenary-cli codebook": export, import and the change log
 *
 *   plenary-cli codebook PROJECT --export FILE [--format json|csv|qdc|md|html]
 *   plenary-cli codebook PROJECT --import FILE [--yes] [--coder NAME]
 *   plenary-cli codebook PROJECT --log
 *
 * Without --yes an import only prints its plan and changes nothing.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "plenary-cli"

#include "config.h"

#include <stdio.h>
#include <string.h>

#include <glib/gi18n.h>

#include "pl-codebook-edit.h"
#include "pl-codebook-exchange.h"
#include "pl-cli-commands.h"

/* The format named by --format, else by the file's extension. */
static gboolean
choose_format (const char       *format_arg,
               const char       *file,
               PlCodebookFormat *format)
{
  const char *dot;

  if (format_arg != NULL)
    return pl_codebook_format_from_string (format_arg, format);
  dot = strrchr (file, '.');
  return dot != NULL && strchr (dot, G_DIR_SEPARATOR) == NULL
         && pl_codebook_format_from_string (dot + 1, format);
}

static int
run_export (PlProject  *project,
            const char *file,
            const char *format_arg)
{
  g_autoptr(GFile) destination = g_file_new_for_commandline_arg (file);
  PlCodebookFormat format;
  GError *error = NULL;

  if (!choose_format (format_arg, file, &format))
    return pl_cli_usage_error (_("Unknown codebook format “%s”: use json, csv, qdc, md or html."),
                               format_arg != NULL ? format_arg : file);

  if (!pl_codebook_export (project, format, destination, NULL, &error))
    return pl_cli_fail (error);
  return PL_CLI_EXIT_OK;
}

static int
run_import (PlProject  *project,
            const char *file,
            gboolean    yes,
            const char *coder_arg)
{
  g_autoptr(GFile) source = g_file_new_for_commandline_arg (file);
  g_autoptr(PlCodebook) codebook = pl_codebook_new (project);
  g_autoptr(PlCodebookImportPlan) plan = NULL;
  g_autofree char *description = NULL;
  GError *error = NULL;

  plan = pl_codebook_import_plan (codebook, source, NULL, &error);
  if (plan == NULL)
    return pl_cli_fail (error);

  description = pl_codebook_import_plan_describe (plan);
  fputs (description, stdout);

  if (!yes)
    {
      if (pl_codebook_import_plan_count (plan, PL_CODEBOOK_PLAN_NEW) +
          pl_codebook_import_plan_count (plan, PL_CODEBOOK_PLAN_CHANGED) > 0)
        printf ("%s\n",
                _("Nothing was changed. Run the command again with --yes to apply this plan."));
      return PL_CLI_EXIT_OK;
    }

  {
    g_autofree char *name = pl_cli_coder_name (coder_arg);
    PlCoder *coder = pl_project_ensure_coder (project, name, &error);

    if (coder == NULL)
      return pl_cli_fail (error);
    pl_codebook_set_coder (codebook, coder);
  }

  if (!pl_codebook_import_apply (plan, &error))
    return pl_cli_fail (error);
  printf ("%s\n", _("Applied."));
  return PL_CLI_EXIT_OK;
}

static int
run_log (PlProject *project)
{
  g_autoptr(PlCodebook) codebook = pl_codebook_new (project);
  g_autoptr(GPtrArray) log = NULL;
  GError *error = NULL;

  log = pl_codebook_list_log (codebook, &error);
  if (log == NULL)
    return pl_cli_fail (error);

  for (guint i = 0; i < log->len; i++)
    {
      PlCodebookLogEntry *entry = g_ptr_array_index (log, i);
      g_autofree char *summary = g_strdelimit (g_strdup (entry->summary), "\t\r\n", ' ');

      printf ("%u\t%s\t%s\t%s\t%s\n", entry->version, entry->created, entry->action,
              entry->coder != NULL ? entry->coder : "", summary);
    }
  return PL_CLI_EXIT_OK;
}

static int
cmd_codebook (PlCliInvocation *invocation)
{
  g_autoptr(PlProject) project = NULL;
  g_autofree char *export_arg = NULL;
  g_autofree char *import_arg = NULL;
  g_autofree char *format_arg = NULL;
  g_autofree char *coder_arg = NULL;
  gboolean yes = FALSE;
  gboolean log = FALSE;
  int status;
  const GOptionEntry entries[] = {
    { "export", 0, 0, G_OPTION_ARG_FILENAME, &export_arg, N_("Write the codebook to FILE"),
      N_("FILE") },
    { "format", 0, 0, G_OPTION_ARG_STRING, &format_arg,
      N_("json, csv, qdc (REFI-QDA), md or html; by default from the file name"), N_("FORMAT") },
    { "import", 0, 0, G_OPTION_ARG_FILENAME, &import_arg,
      N_("Merge a codebook (JSON, CSV, .qdc, .qde or .qdpx) into the project"), N_("FILE") },
    { "yes", 'y', 0, G_OPTION_ARG_NONE, &yes,
      N_("Apply the import; without it, only show the plan"), NULL },
    { "coder", 0, 0, G_OPTION_ARG_STRING, &coder_arg,
      N_("Who the change log names (for --import)"), N_("NAME") },
    { "log", 0, 0, G_OPTION_ARG_NONE, &log,
      N_("Print the codebook’s change log: version, date, action, coder, summary"), NULL },
    { NULL }
  };

  if (!pl_cli_parse_command_line (invocation, entries, &status))
    return status;

  if ((export_arg != NULL) + (import_arg != NULL) + (log != FALSE) != 1)
    return pl_cli_usage_error (_("Give one of --export, --import or --log."));
  if (format_arg != NULL && export_arg == NULL)
    return pl_cli_usage_error (_("The option %s goes with %s."), "--format", "--export");
  if ((yes || coder_arg != NULL) && import_arg == NULL)
    return pl_cli_usage_error (_("The option %s goes with %s."), yes ? "--yes" : "--coder",
                               "--import");

  project = pl_cli_open_project (invocation, &status);
  if (project == NULL)
    return status;

  if (export_arg != NULL)
    status = run_export (project, export_arg, format_arg);
  else if (import_arg != NULL)
    status = run_import (project, import_arg, yes, coder_arg);
  else
    status = run_log (project);

  pl_project_close (project);
  return status;
}

const PlCliCommand pl_cli_codebook_commands[] = {
  { "codebook", "PROJECT", 1, 1,
    "codebook PROJECT (--export FILE [--format json|csv|qdc|md|html] | --import FILE [--yes] | --log)",
    N_("Export the codebook, import one (showing the plan; --yes applies it), or print its "
       "change log."),
    N_("Export the codebook, import one into the project (showing the plan first), "
       "or print its change log."),
    cmd_codebook },
  { NULL }
};
