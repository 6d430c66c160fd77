/* pl-preferences-window.h — the Preferences window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "pl-settings.h"

G_BEGIN_DECLS

#define PL_TYPE_PREFERENCES_WINDOW (pl_preferences_window_get_type ())
G_DECLARE_FINAL_TYPE (PlPreferencesWindow, pl_preferences_window, PL, PREFERENCES_WINDOW, AdwPreferencesWindow)

/* Preferences for @settings, transient for @parent. */
PlPreferencesWindow *pl_preferences_window_new (GtkWindow  *parent,
                                                PlSettings *settings);

G_END_DECLS
