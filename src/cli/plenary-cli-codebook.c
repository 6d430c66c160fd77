/* plenary-cli-codebook.c — "plenary-cli codebook": export, import and the change log
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
#include "pl-project.h"
#include "plenary-cli-codebook.h"

enum
{
  EXIT_OK = 0,
  EXIT_FAILED = 1,
  EXIT_USAGE = 2,
};

#define SYNOPSIS "codebook PROJECT (--export FILE [--format json|csv|qdc|md|html] | --import FILE [--yes] | --log)"

static int
fail (GError *error)
{
  fprintf (stderr, "plenary-cli: %s\n", error->message);
  g_error_free (error);
  return EXIT_FAILED;
}

static int
usage_error (const char *format,
             ...) G_GNUC_PRINTF (1, 2);

static int
usage_error (const char *format,
             ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  fprintf (stderr, "plenary-cli: %s\n", message);
  fprintf (stderr, "%s\n", _("Try “plenary-cli --help”."));
  return EXIT_USAGE;
}

/* --coder, else $PLENARY_CODER, else the user's name: who the change log names. */
static char *
coder_name (const char *given)
{
  const char *candidates[] = { given, g_getenv ("PLENARY_CODER"), g_get_real_name (), g_get_user_name () };

  for (guint i = 0; i < G_N_ELEMENTS (candidates); i++)
    {
      if (candidates[i] == NULL || candidates[i][0] == '\0' || strcmp (candidates[i], "Unknown") == 0)
        continue;
      if (g_utf8_validate (candidates[i], -1, NULL))
        return g_strdup (candidates[i]);
      return g_locale_to_utf8 (candidates[i], -1, NULL, NULL, NULL);
    }
  return g_strdup ("Unknown");
}

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
    return usage_error (_("Unknown codebook format “%s”: use json, csv, qdc, md or html."),
                        format_arg != NULL ? format_arg : file);

  if (!pl_codebook_export (project, format, destination, NULL, &error))
    return fail (error);
  return EXIT_OK;
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
    return fail (error);

  description = pl_codebook_import_plan_describe (plan);
  fputs (description, stdout);

  if (!yes)
    {
      if (pl_codebook_import_plan_count (plan, PL_CODEBOOK_PLAN_NEW) + pl_codebook_import_plan_count (plan, PL_CODEBOOK_PLAN_CHANGED) > 0)
        printf ("%s\n", _("Nothing was changed. Run the command again with --yes to apply this plan."));
      return EXIT_OK;
    }

  {
    g_autofree char *name = coder_name (coder_arg);
    PlCoder *coder = pl_project_ensure_coder (project, name, &error);

    if (coder == NULL)
      return fail (error);
    pl_codebook_set_coder (codebook, coder);
  }

  if (!pl_codebook_import_apply (plan, &error))
    return fail (error);
  printf ("%s\n", _("Applied."));
  return EXIT_OK;
}

static int
run_log (PlProject *project)
{
  g_autoptr(PlCodebook) codebook = pl_codebook_new (project);
  g_autoptr(GPtrArray) log = NULL;
  GError *error = NULL;

  log = pl_codebook_list_log (codebook, &error);
  if (log == NULL)
    return fail (error);

  for (guint i = 0; i < log->len; i++)
    {
      PlCodebookLogEntry *entry = g_ptr_array_index (log, i);
      g_autofree char *summary = g_strdelimit (g_strdup (entry->summary), "\t\r\n", ' ');

      printf ("%u\t%s\t%s\t%s\t%s\n", entry->version, entry->created, entry->action,
              entry->coder != NULL ? entry->coder : "", summary);
    }
  return EXIT_OK;
}

int
pl_cli_codebook (int    argc,
                 char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PlProject) project = NULL;
  g_autofree char *export_arg = NULL;
  g_autofree char *import_arg = NULL;
  g_autofree char *format_arg = NULL;
  g_autofree char *coder_arg = NULL;
  g_autofree char *summary = NULL;
  gboolean yes = FALSE;
  gboolean log = FALSE;
  int status;
  const GOptionEntry entries[] = {
    { "export", 0, 0, G_OPTION_ARG_FILENAME, &export_arg, N_("Write the codebook to FILE"), N_("FILE") },
    { "format", 0, 0, G_OPTION_ARG_STRING, &format_arg,
      N_("json, csv, qdc (REFI-QDA), md or html; by default from the file name"), N_("FORMAT") },
    { "import", 0, 0, G_OPTION_ARG_FILENAME, &import_arg,
      N_("Merge a codebook (JSON, CSV, .qdc, .qde or .qdpx) into the project"), N_("FILE") },
    { "yes", 'y', 0, G_OPTION_ARG_NONE, &yes, N_("Apply the import; without it, only show the plan"), NULL },
    { "coder", 0, 0, G_OPTION_ARG_STRING, &coder_arg, N_("Who the change log names (for --import)"), N_("NAME") },
    { "log", 0, 0, G_OPTION_ARG_NONE, &log,
      N_("Print the codebook’s change log: version, date, action, coder, summary"), NULL },
    { NULL }
  };

  g_return_val_if_fail (argc >= 1, EXIT_USAGE);

  context = g_option_context_new ("PROJECT");
  summary = g_strdup_printf ("plenary-cli %s\n\n%s", SYNOPSIS,
                             _("Export the codebook, import one into the project (showing the plan first), "
                               "or print its change log."));
  g_option_context_set_summary (context, summary);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);

  if (!g_option_context_parse (context, &argc, &argv, &error))
    return usage_error ("%s", error->message);

  if (argc < 2)
    return usage_error (_("Missing arguments. Usage: plenary-cli %s"), SYNOPSIS);
  if (argc > 2)
    return usage_error (_("Unexpected argument “%s”."), argv[2]);
  if ((export_arg != NULL) + (import_arg != NULL) + (log != FALSE) != 1)
    return usage_error (_("Give one of --export, --import or --log."));
  if (format_arg != NULL && export_arg == NULL)
    return usage_error (_("The option %s goes with %s."), "--format", "--export");
  if ((yes || coder_arg != NULL) && import_arg == NULL)
    return usage_error (_("The option %s goes with %s."), yes ? "--yes" : "--coder", "--import");

  project = pl_project_open (argv[1], PL_PROJECT_OPEN_DEFAULT, &error);
  if (project == NULL)
    return fail (g_steal_pointer (&error));

  if (export_arg != NULL)
    status = run_export (project, export_arg, format_arg);
  else if (import_arg != NULL)
    status = run_import (project, import_arg, yes, coder_arg);
  else
    status = run_log (project);

  pl_project_close (project);
  return status;
}
