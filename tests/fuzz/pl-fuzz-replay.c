/* pl-fuzz-replay.c — runs a fuzz target over files, without libFuzzer
 *
 * Usage: fuzz-replay-TARGET PATH…   (files, or folders of files)
 * Prints TAP: one test case per file.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gio/gio.h>

#include "pl-fuzz.h"

static void
collect (const char *path,
         GPtrArray  *files)
{
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GPtrArray) names = NULL;
  const char *name;

  if (!g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      if (g_file_test (path, G_FILE_TEST_IS_REGULAR))
        g_ptr_array_add (files, g_strdup (path));
      return;
    }

  dir = g_dir_open (path, 0, NULL);
  if (dir == NULL)
    return;
  names = g_ptr_array_new_with_free_func (g_free);
  while ((name = g_dir_read_name (dir)) != NULL)
    if (name[0] != '.' && g_strcmp0 (name, "README.md") != 0)
      g_ptr_array_add (names, g_build_filename (path, name, NULL));
  g_ptr_array_sort (names, (GCompareFunc) g_strcmp0);
  for (guint i = 0; i < names->len; i++)
    collect (g_ptr_array_index (names, i), files);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_free);

  pl_fuzz_init ();
  for (int i = 1; i < argc; i++)
    collect (argv[i], files);

  g_print ("1..%u\n", files->len);
  for (guint i = 0; i < files->len; i++)
    {
      const char *path = g_ptr_array_index (files, i);
      g_autofree char *contents = NULL;
      gsize length = 0;

      if (!g_file_get_contents (path, &contents, &length, NULL))
        {
          g_print ("not ok %u - %s (unreadable)\n", i + 1, path);
          continue;
        }
      LLVMFuzzerTestOneInput ((const uint8_t *) contents, length);
      g_print ("ok %u - %s\n", i + 1, path);
    }
  return 0;
}
