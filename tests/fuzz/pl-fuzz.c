/* pl-fuzz.c — what the fuzz targets share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdlib.h>

#include <glib/gstdio.h>

#include "pl-codebook-exchange.h"
#include "pl-codebook.h"
#include "pl-fuzz.h"
#include "pl-importer.h"
#include "pl-project.h"
#include "pl-refi.h"
#include "pl-segmenter.h"

/* Inputs added to one scratch project before it is made anew. */
#define SCRATCH_USES 200

typedef struct
{
  char      *folder;
  PlProject *project;
  guint      uses;
} Scratch;

static Scratch scratch;

static void
remove_scratch (void)
{
  g_autofree char *path = g_build_filename (scratch.folder, "scratch.plenary", NULL);
  g_autoptr(GDir) dir = NULL;
  const char *name;

  g_clear_object (&scratch.project);
  dir = g_dir_open (scratch.folder, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *entry = g_build_filename (scratch.folder, name, NULL);

      g_unlink (entry);
    }
  g_rmdir (scratch.folder);
  g_clear_pointer (&scratch.folder, g_free);
}

/* The scratch project (with the starter codebook), made anew every SCRATCH_USES inputs. */
static PlProject *
scratch_project (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  if (scratch.project != NULL && scratch.uses++ < SCRATCH_USES)
    return scratch.project;

  if (scratch.folder == NULL)
    {
      scratch.folder = g_dir_make_tmp ("plenary-fuzz-XXXXXX", &error);
      g_assert_no_error (error);
      atexit (remove_scratch);
    }
  path = g_build_filename (scratch.folder, "scratch.plenary", NULL);
  g_clear_object (&scratch.project);
  g_unlink (path);
  scratch.project = pl_project_open (path, PL_PROJECT_OPEN_CREATE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (pl_codebook_load_starter (scratch.project, &error), >, 0);
  scratch.uses = 0;
  return scratch.project;
}

/* The input as a file of that name (REFI-QDA readers take files). */
static GFile *
write_input (const uint8_t *data,
             size_t         size,
             const char    *display_name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  scratch_project ();
  path = g_build_filename (scratch.folder, display_name, NULL);
  g_file_set_contents (path, (const char *) data, size, &error);
  g_assert_no_error (error);
  return g_file_new_for_path (path);
}

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

void
pl_fuzz_refi (const uint8_t *data,
              size_t         size,
              const char    *display_name)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(PlRefiFile) refi = NULL;
  g_autoptr(PlRefiReport) report = NULL;
  g_autoptr(GError) error = NULL;

  pl_fuzz_init ();
  file = write_input (data, size, display_name);
  refi = pl_refi_file_read (file, NULL, &error);
  if (refi == NULL)
    {
      g_assert (error != NULL && strstr (error->message, display_name) != NULL);
      return;
    }
  report = pl_refi_file_apply (refi, scratch_project (), &error);
  g_assert ((report != NULL) == (error == NULL));
}

void
pl_fuzz_codebook (const uint8_t *data,
                  size_t         size,
                  const char    *display_name)
{
  g_autoptr(GBytes) bytes = g_bytes_new (data, size);
  g_autoptr(PlCodebook) codebook = NULL;
  g_autoptr(PlCodebookImportPlan) plan = NULL;
  g_autoptr(GError) error = NULL;

  pl_fuzz_init ();
  codebook = pl_codebook_new (scratch_project ());
  plan = pl_codebook_import_plan_bytes (codebook, bytes, display_name, &error);
  if (plan == NULL)
    {
      g_assert (error != NULL && strstr (error->message, display_name) != NULL);
      return;
    }
  g_free (pl_codebook_import_plan_describe (plan));
  if (!pl_codebook_import_apply (plan, &error))
    g_assert (error != NULL);
}
