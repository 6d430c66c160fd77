/* pl-settings.h — Plenary's GSettings as typed properties
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define PL_TYPE_SETTINGS (pl_settings_get_type ())
G_DECLARE_FINAL_TYPE (PlSettings, pl_settings, PL, SETTINGS, GObject)

PlSettings *pl_settings_new              (void);
char       *pl_settings_dup_last_project (PlSettings *self);
void        pl_settings_set_last_project (PlSettings *self,
                                          const char *path);
/* The coder's name: the saved one, else the account's real name. */
char       *pl_settings_dup_coder_name   (PlSettings *self);
/* The coder's name as saved: "" before the user was asked. */
char       *pl_settings_dup_saved_coder_name (PlSettings *self);
void        pl_settings_set_coder_name   (PlSettings *self,
                                          const char *name);
/* Saves and restores the size of @window, and whether it is maximized. */
void        pl_settings_bind_window      (PlSettings *self,
                                          GtkWindow  *window);
/* Binds a GtkPaned's position to the named integer key. */
void        pl_settings_bind_paned       (PlSettings *self,
                                          GtkPaned   *paned,
                                          const char *key);
void        pl_settings_bind_sidebar     (PlSettings *self,
                                          GObject    *object,
                                          const char *property);

G_END_DECLS
