/* plenary-cli.c — the command-line front end of Plenary, for scripts and batch work
 *
 * This file dispatches: it finds the command in the groups' tables and prints the help.
 * The commands live one group a file (pl-cli-project.c, pl-cli-coding.c, …) and share
 * pl-cli-common.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "plenary-cli"

#include "config.h"
#include <locale.h>
#include <stdio.h>
#include <string.h>

#include <glib/gi18n.h>

#include "pl-cli-commands.h"

/* The command groups, in the order "plenary-cli --help" lists them. */
static const PlCliCommand * const command_groups[] = {
  pl_cli_project_commands,
  pl_cli_coding_commands,
  pl_cli_export_commands,
  pl_cli_codebook_commands,
  pl_cli_analysis_commands,
  pl_cli_team_commands,
  pl_cli_reuse_commands,
  pl_cli_exercise_commands,
};

static const PlCliCommand *
find_command (const char *name)
{
  for (guint g = 0; g < G_N_ELEMENTS (command_groups); g++)
    for (const PlCliCommand *command = command_groups[g]; command->name != NULL; command++)
      if (strcmp (command->name, name) == 0)
        return command;

  return NULL;
}

static void
print_help (void)
{
  g_autoptr(GString) help = g_string_new (NULL);

  g_string_append_printf (help, "%s\n  plenary-cli %s\n\n", _("Usage:"), _("COMMAND [OPTION…]"));
  g_string_append_printf (help, "%s\n\n",
                          _("Plenary on the command line: import transcripts, code them, "
                            "export the coded dataset."));
  g_string_append_printf (help, "%s\n", _("Commands:"));
  for (guint g = 0; g < G_N_ELEMENTS (command_groups); g++)
    for (const PlCliCommand *command = command_groups[g]; command->name != NULL; command++)
      {
        g_string_append_printf (help, "  plenary-cli %s\n", command->synopsis);
        g_string_append_printf (help, "      %s\n", _(command->description));
      }
  g_string_append (help, "  plenary-cli help [COMMAND]\n");
  g_string_append_printf (help, "      %s\n", _("Show this help, or the options of a command."));
  g_string_append (help, "  plenary-cli --version\n");
  g_string_append_printf (help, "      %s\n\n", _("Show the version."));
  g_string_append_printf (help, "%s\n",
                          _("Exit status: 0 on success, 1 when an operation failed, "
                            "2 for a wrong command line."));
  g_string_append_printf (help, "%s\n",
                          _("The coder is --coder, else $PLENARY_CODER, else your name."));

  fputs (help->str, stdout);
}

/* "plenary-cli help COMMAND" is "plenary-cli COMMAND --help". */
static int
help_for (const char *name)
{
  char *argv[] = { (char *) name, (char *) "--help", NULL };
  PlCliInvocation invocation = { find_command (name), 2, argv };

  if (invocation.command == NULL)
    return pl_cli_usage_error (_("Unknown command “%s”."), name);

  return invocation.command->run (&invocation);
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *prgname = NULL;
  PlCliInvocation invocation = { NULL, argc - 1, argv + 1 };
  const char *localedir;
  int status;

  setlocale (LC_ALL, "");
  /* The tests run the uninstalled build with the catalogues it built. */
  localedir = g_getenv ("PLENARY_LOCALEDIR");
  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  if (argc < 2)
    return pl_cli_usage_error (_("No command given."));

  if (strcmp (argv[1], "--help") == 0 || strcmp (argv[1], "-h") == 0 ||
      (strcmp (argv[1], "help") == 0 && argc == 2))
    {
      print_help ();
      return PL_CLI_EXIT_OK;
    }

  if (strcmp (argv[1], "--version") == 0)
    {
      fputs ("plenary-cli " PACKAGE_VERSION "\n", stdout);
      return PL_CLI_EXIT_OK;
    }

  if (strcmp (argv[1], "help") == 0)
    {
      if (argc > 3)
        return pl_cli_usage_error (_("Unexpected argument “%s”."), argv[3]);
      prgname = g_strdup_printf ("plenary-cli %s", argv[2]);
      g_set_prgname (prgname);
      return help_for (argv[2]);
    }

  invocation.command = find_command (argv[1]);
  if (invocation.command == NULL)
    {
      if (argv[1][0] == '-')
        return pl_cli_usage_error (_("Unknown option “%s”."), argv[1]);
      return pl_cli_usage_error (_("Unknown command “%s”."), argv[1]);
    }

  prgname = g_strdup_printf ("plenary-cli %s", invocation.command->name);
  g_set_prgname (prgname);

  status = invocation.command->run (&invocation);

  if (fflush (stdout) != 0 || ferror (stdout))
    {
      pl_cli_print_message ("%s", _("Could not write the output."));
      return PL_CLI_EXIT_FAILED;
    }

  return status;
}
