/* pl-save-file.h — "Export as …": a save chooser, then a writer, then its error if any
 *
 * The views of analysis export tables, charts and hits; each asks where with a native
 * chooser over its window and writes through a function of the core, which writes
 * atomically.  An error is shown in a message dialog over the window.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Writes the file at @path; FALSE with @error when it could not. */
typedef gboolean (*PlSaveFileFunc) (const char  *path,
                                    gpointer     user_data,
                                    GError     **error);

/* Asks where to save (@title, a file name to start from, a filter @filter_name for
 * @pattern), then calls @write (with @user_data, freed with @destroy when done) in the
 * window's thread.  @widget: any widget of the window. */
void pl_save_file_ask        (GtkWidget      *widget,
                              const char     *title,
                              const char     *suggested_name,
                              const char     *filter_name,
                              const char     *pattern,
                              PlSaveFileFunc  write,
                              gpointer        user_data,
                              GDestroyNotify  destroy);
/* Shows @error under @heading in a message dialog over @widget's window. */
void pl_save_file_show_error (GtkWidget      *widget,
                              const char     *heading,
                              const GError   *error);

G_END_DECLS
