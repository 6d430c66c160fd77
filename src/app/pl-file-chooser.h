/* pl-file-chooser.h — file choosers as every window here sets them up
 *
 * GtkFileDialog is GTK 4.10; on our floor the portal-aware GtkFileChooserNative stands in.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* A modal chooser over @parent with a "_Cancel" button (new; unref when done). */
GtkFileChooserNative *pl_file_chooser_new        (GtkWindow            *parent,
                                                  const char           *title,
                                                  GtkFileChooserAction  action,
                                                  const char           *accept);
/* Offers a filter named @name for the glob @patterns (NULL-terminated, may be NULL) and
 * @mime_type (may be NULL). */
void                  pl_file_chooser_add_filter (GtkFileChooserNative *chooser,
                                                  const char           *name,
                                                  const char * const   *patterns,
                                                  const char           *mime_type);

/* Shows @chooser; its "response" calls @on_response (@receiver, response, @chooser) for
 * as long as @receiver lives. */
void                  pl_file_chooser_show       (GtkFileChooserNative *chooser,
                                                  GCallback             on_response,
                                                  gpointer              receiver);

G_END_DECLS
