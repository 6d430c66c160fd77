/* pl-window.h — the main window: documents, transcript, tagging panel
 *
 * Everything else the window does goes through its actions ("win.…").
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "pl-coder-dialog.h"
#include "pl-project.h"

G_BEGIN_DECLS

#define PL_TYPE_WINDOW (pl_window_get_type ())
G_DECLARE_FINAL_TYPE (PlWindow, pl_window, PL, WINDOW, AdwApplicationWindow)

PlWindow      *pl_window_new               (GtkApplication *application);
PlProject     *pl_window_get_project       (PlWindow       *self);
/* Opens the project file at @path in this window; shows the error and keeps the current
 * project when it cannot. */
gboolean       pl_window_open_project_path (PlWindow       *self,
                                            const char     *path,
                                            gboolean        create,
                                            GError        **error);
/* Opens an exercise pack: the student's work for it when there is one, else asks their
 * name and starts it. */
gboolean       pl_window_open_exercise_file (PlWindow     *self,
                                            const char     *pack_path,
                                            GError        **error);
/* Opens the demo project, created on first use in the user's data folder. */
gboolean       pl_window_open_demo         (PlWindow       *self,
                                            GError        **error);
/* Writes the project back (live copy) and closes it; FALSE with @error, the project still
 * open, when writing back failed. */
gboolean       pl_window_close_project     (PlWindow       *self,
                                            GError        **error);
/* The coder new annotations record, or NULL without a project. */
PlCoder       *pl_window_get_coder         (PlWindow       *self);
/* Opens the coder dialog for the current coder, or for a new one. */
PlCoderDialog *pl_window_edit_coder        (PlWindow       *self,
                                            gboolean        new_coder);

G_END_DECLS
