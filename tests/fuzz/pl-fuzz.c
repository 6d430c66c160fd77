/* pl-fuzz.c — what the fuzz targets share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "pl-fuzz.h"
#include "pl-importer.h"
#include "pl-segmenter.h"

void
pl_fuzz_init (void)
{
  static gsize initialised = 0;

  if (g_once_init_enter (&initialised))
    {
      g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
      g_once_init_leave (&initialised, 1);
    }
}

void
pl_fuzz_import (const uint8_t *data,
                size_t         size,
                const char    *display_name)
{
  g_auto(PlImportedText) info = { NULL, };
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  pl_fuzz_init ();
  text = pl_importer_read_data ((const char *) data, size, display_name, &info, NULL, &error);
  if (text != NULL)
    {
      g_autoptr(GPtrArray) statements = pl_segmenter_segment (text, NULL);

      g_assert (statements != NULL);
    }
  else
    {
      g_assert (error != NULL);
      g_assert (error->message != NULL && strstr (error->message, display_name) != NULL);
    }
}
