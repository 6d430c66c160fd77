/* pl-application.h — the Plenary application
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define PL_TYPE_APPLICATION (pl_application_get_type ())
G_DECLARE_FINAL_TYPE (PlApplication, pl_application, PL, APPLICATION, AdwApplication)

PlApplication *pl_application_new (void);

/* Where the demo project lives: $XDG_DATA_HOME/plenary/Demo project.plenary */
char          *pl_application_dup_demo_path (void);

G_END_DECLS
