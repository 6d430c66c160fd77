/* pl-ui-test.h — what the UI tests share: waiting for the window, finding widgets and
 * keys, screenshots
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "pl-window.h"

G_BEGIN_DECLS

/* Installs the tests' log writer (see pl-ui-test.c); before anything is logged. */
void       pl_ui_test_set_log_writer   (void);
/* Starts a UI test program: a temporary folder for its files, returned (XDG_DATA_HOME is
 * inside it, so live copies, the demo project and recent files stay there), g_test_init(),
 * GTK and libadwaita without changing the locale, the application's style sheet (which
 * AdwApplication would load), the pointer out of the way.  NULL when there is no display:
 * the program then exits 77. */
char      *pl_ui_test_init             (int         *argc,
                                        char      ***argv,
                                        const char  *name);
/* Moves the pointer to the display's far corner, off the windows the tests open: GTK 4.8
 * can run a tooltip's timer after the window under the pointer is gone, and fail on it. */
void       pl_ui_test_park_pointer     (void);
/* Runs the main loop until nothing is pending. */
void       pl_ui_test_spin             (void);
/* Runs it for longer than a tooltip's delay.  A popover's grab starts GTK's tooltip timer;
 * GTK 4.8 fails when that timer runs after the popover's window is gone, so a test lets it
 * run out before it destroys a window whose popovers it opened. */
void       pl_ui_test_settle           (void);
/* Runs it until @widget has drawn a few frames after now: laid out as it will stay. */
void       pl_ui_test_wait_for_frames  (GtkWidget  *widget);
/* The first widget under @widget (itself included), breadth first, of @type and, when
 * @accept is given, accepted by it. */
GtkWidget *pl_ui_test_find             (GtkWidget  *widget,
                                        GType       type,
                                        gboolean  (*accept) (GtkWidget *widget, gconstpointer data),
                                        gconstpointer data);
/* Whether a key (as gtk_shortcut_trigger_to_string() writes it, "F1", "<Shift>F10")
 * activates @action on @widget, by a shortcut of the widget or of its class. */
gboolean   pl_ui_test_has_shortcut     (GtkWidget  *widget,
                                        const char *trigger,
                                        const char *action);
/* For pl_ui_test_find(): an AdwPreferencesRow whose title is @title (a string). */
gboolean   pl_ui_test_row_titled       (GtkWidget     *widget,
                                        gconstpointer  title);
/* A project file @name in @folder, with the starter codebook (or none) and @text as its
 * one document (or none); closed, ready to be opened.  The path, to free. */
char      *pl_ui_test_project_file     (const char *folder,
                                        const char *name,
                                        gboolean    codebook,
                                        const char *text);
/* The demo project, created as @name in @folder (a name of its own when NULL). */
PlProject *pl_ui_test_demo_project     (const char *folder,
                                        const char *name);
/* A 1280×800 window on the project at @path (or on none), shown. */
PlWindow  *pl_ui_test_window_on        (const char *path);
/* Saves what @widget shows as $PLENARY_SCREENSHOT_DIR/@name.png, when that is set (a
 * popover or the shortcuts window: the whole display, with imagemagick's import). */
void       pl_ui_test_save_screenshot  (GtkWidget  *widget,
                                        const char *name);

G_END_DECLS
