/* main.c — the entry point of the plenary application
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "pl-application.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(PlApplication) app = NULL;
  const char *localedir;

  setlocale (LC_ALL, "");
  /* The tests run the uninstalled build with the catalogues it built. */
  localedir = g_getenv ("PLENARY_LOCALEDIR");
  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  g_set_application_name (_("Plenary"));
  app = pl_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
