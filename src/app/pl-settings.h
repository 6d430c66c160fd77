/* pl-settings.h — Plenary's GSettings as typed properties
 *
 * Views bind to the properties ("style-variant", "text-scale", "blind-mode-default",
 * "spreadsheet-safe-export"), never to the keys; the object follows the keys both ways.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* The "style-variant" key. */
typedef enum
{
  PL_STYLE_VARIANT_DEFAULT,  /* follow the system */
  PL_STYLE_VARIANT_LIGHT,
  PL_STYLE_VARIANT_DARK,
} PlStyleVariant;

#define PL_TYPE_STYLE_VARIANT (pl_style_variant_get_type ())
GType pl_style_variant_get_type (void) G_GNUC_CONST;

#define PL_TYPE_SETTINGS (pl_settings_get_type ())
G_DECLARE_FINAL_TYPE (PlSettings, pl_settings, PL, SETTINGS, GObject)

PlSettings     *pl_settings_new                  (void);
char           *pl_settings_dup_last_project     (PlSettings     *self);
void            pl_settings_set_last_project     (PlSettings     *self,
                                                  const char     *path);
/* The project files opened most recently that still exist, newest first. */
GStrv           pl_settings_dup_recent_projects  (PlSettings     *self);
/* Puts @path first among the recent projects (at most ten are kept). */
void            pl_settings_add_recent_project   (PlSettings     *self,
                                                  const char     *path);
/* The coder's name: the saved one, else the account's real name. */
char           *pl_settings_dup_coder_name       (PlSettings     *self);
/* The coder's name as saved: "" before the user was asked. */
char           *pl_settings_dup_saved_coder_name (PlSettings     *self);
void            pl_settings_set_coder_name       (PlSettings     *self,
                                                  const char     *name);
PlStyleVariant  pl_settings_get_style_variant    (PlSettings     *self);
void            pl_settings_set_style_variant    (PlSettings     *self,
                                                  PlStyleVariant  variant);
/* The transcript's text size, a factor of the normal size. */
double          pl_settings_get_text_scale       (PlSettings     *self);
void            pl_settings_set_text_scale       (PlSettings     *self,
                                                  double          scale);
gboolean        pl_settings_get_blind_mode_default (PlSettings   *self);
gboolean        pl_settings_get_spreadsheet_safe_export (PlSettings *self);
/* Keeps @manager's colour scheme in step with "style-variant". */
void            pl_settings_bind_style           (PlSettings      *self,
                                                  AdwStyleManager *manager);
/* Saves and restores the size of @window, and whether it is maximized. */
void            pl_settings_bind_window          (PlSettings     *self,
                                                  GtkWindow      *window);
gboolean        pl_settings_get_sidebar_visible  (PlSettings     *self);
void            pl_settings_set_sidebar_visible  (PlSettings     *self,
                                                  gboolean        visible);
/* The width the user gave the documents sidebar and the codes panel, in pixels. */
int             pl_settings_get_sidebar_width    (PlSettings     *self);
int             pl_settings_get_panel_width      (PlSettings     *self);

G_END_DECLS
