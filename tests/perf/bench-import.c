/* bench-import.c — importing 1,000 documents (about 10 MB) with speaker segmentation
 *
 * Generates synthetic documents in the three shapes (meeting reports, transcripts, press
 * releases) in a temporary folder, imports each with pl_importer_import_file() into a new
 * project, and prints documents per second, MB per second, the total time and the peak
 * memory.  Exits with 1 when the import misses its target: 10 s and 300 MB.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "plenary-bench"

#include "config.h"

#include <stdio.h>
#include <sys/resource.h>

#include <glib/gstdio.h>

#include "pl-importer.h"

#define N_DOCUMENTS 1000
#define DOCUMENT_BYTES 10000
#define TARGET_SECONDS 10.0
#define TARGET_MEGABYTES 300.0

static const char * const states[] = {
  "Japan", "Brazil", "Kenya", "the Netherlands", "Türkiye", "Viet Nam", "Côte d'Ivoire",
  "the Republic of Korea", "Mexico", "Egypt", "Australia", "Canada", "India", "Estonia", "Cuba",
  "the United Kingdom", "the United States", "the Russian Federation", "China", "Fiji", "Ghana",
  "Singapore", "Switzerland", "Chile", "Iran", "Indonesia", "Nigeria", "Pakistan", "Norway", "Portugal",
};

static const char * const groups[] = {
  "the Non-Aligned Movement", "the African Group", "the Group of 77 and China",
  "the Pacific Islands Forum", "the European Union", "the Arab Group",
};

static const char * const verbs[] = {
  "stated", "highlighted", "underlined", "noted", "stressed", "said", "recalled", "suggested",
};

static const char * const sentences[] = {
  "Capacity building should be demand-driven, sustainable and respectful of national ownership.",
  "The points of contact directory must be kept current and tested at regular intervals.",
  "Ransomware attacks on hospitals and energy grids are a threat to international security.",
  "International law, and the Charter of the United Nations in its entirety, applies in cyberspace.",
  "The eleven voluntary norms remain the foundation of responsible state behaviour. 😀",
  "Confidence-building measures reduce the risk of misperception and escalation between states.",
  "Regional organisations such as the OSCE and the OAS offer useful lessons for the global level.",
  "Developing countries need support in setting up national CERTs and training their personnel — 中文.",
};

static void
append_filler (GString *out,
               GRand   *rand,
               guint    n)
{
  for (guint i = 0; i < n; i++)
    {
      g_string_append_c (out, ' ');
      g_string_append (out, sentences[g_rand_int_range (rand, 0, G_N_ELEMENTS (sentences))]);
    }
}

static const char *
pick (GRand              *rand,
      const char * const *items,
      guint               n)
{
  return items[g_rand_int_range (rand, 0, n)];
}

#define PICK(rand, array) pick (rand, array, G_N_ELEMENTS (array))

static void
write_report (GString *out,
              GRand   *rand,
              guint    number)
{
  g_string_append_printf (out, "%uth Meeting of the second substantive session of the Open-Ended Working Group (OEWG)\n\n"
                               "%u March 2021 10:00h\n\nEvent report\n\n"
                               "The meeting discussed capacity building and confidence-building measures.",
                          number % 20 + 1, number % 28 + 1);
  append_filler (out, rand, 2);
  g_string_append (out, "\n\n");

  while (out->len < DOCUMENT_BYTES)
    {
      guint shape = g_rand_int_range (rand, 0, 6);

      if (shape == 0)
        g_string_append_printf (out, "The representative of %s spoke on behalf of %s.",
                                PICK (rand, states), PICK (rand, groups));
      else if (shape == 1)
        g_string_append (out, "He went on to say that more was needed.");
      else
        g_string_append_printf (out, "The representative of %s %s that cooperation matters.",
                                PICK (rand, states), PICK (rand, verbs));
      append_filler (out, rand, 3);
      g_string_append (out, "\n\n");
    }
}

static void
write_transcript (GString *out,
                  GRand   *rand,
                  guint    number)
{
  g_string_append_printf (out, "Unofficial transcript — Open-Ended Working Group, %u meeting\n"
                               "Agenda item 5: norms and international law\n7 Mar 2024, morning\n\n",
                          number);

  while (out->len < DOCUMENT_BYTES)
    {
      const char *next = PICK (rand, states);
      guint shape = g_rand_int_range (rand, 0, 4);

      if (shape == 0)
        g_string_append_printf (out, ">>CHAIR: Thank you. I give the floor to %s.\n\n", next);
      else
        g_string_append_printf (out, "Chair\nThank you. %s, you have the floor.\n\n", next);

      if (shape == 3)
        g_string_append (out, "Thank you, Chair.");
      else if (shape == 2)
        g_string_append_printf (out, "Mr. Ana Silva (%s): Thank you, Chair.", next);
      else
        g_string_append_printf (out, "%s\nThank you, Chair.", next);
      append_filler (out, rand, 4);
      g_string_append (out, "\n\n");
    }
}

static void
write_press_release (GString *out,
                     GRand   *rand,
                     guint    number)
{
  g_string_append_printf (out, "Working Group Debates Capacity-Building, Session %u\n\n"
                               "NEW YORK, 9 July — Delegations met today.",
                          number);
  append_filler (out, rand, 2);
  g_string_append (out, "\n\n");

  while (out->len < DOCUMENT_BYTES)
    {
      guint shape = g_rand_int_range (rand, 0, 5);

      if (shape == 0)
        g_string_append_printf (out, "%s's representative, speaking for %s, said the priorities were clear.",
                                "Indonesia", PICK (rand, groups));
      else if (shape == 1)
        g_string_append (out, "She stressed that funds should be predictable.");
      else if (shape == 2)
        g_string_append (out, "“We need help on the ground,” said Okonkwo.");
      else
        g_string_append_printf (out, "The representative of %s said that norms matter.", PICK (rand, states));
      append_filler (out, rand, 3);
      g_string_append (out, "\n\n");
    }
  g_string_append (out, "Also speaking were the representatives of Chile, Cuba and Japan.\n");
}

static double
peak_megabytes (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_maxrss / 1024.0;   /* kilobytes on Linux */
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (20190913);
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(PlProject) project = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *project_path = NULL;
  guint64 total_bytes = 0;
  guint n_statements = 0;
  gint64 started;
  double seconds, megabytes, peak;
  gboolean met;

  dir = g_dir_make_tmp ("plenary-bench-XXXXXX", &error);
  g_assert_no_error (error);

  for (guint i = 0; i < N_DOCUMENTS; i++)
    {
      g_autoptr(GString) text = g_string_new (NULL);
      g_autofree char *name = g_strdup_printf ("document-%04u.txt", i);
      g_autofree char *path = g_build_filename (dir, name, NULL);

      switch (i % 3)
        {
        case 0:
          write_report (text, rand, i);
          break;
        case 1:
          write_transcript (text, rand, i);
          break;
        default:
          write_press_release (text, rand, i);
          break;
        }
      g_file_set_contents (path, text->str, text->len, &error);
      g_assert_no_error (error);
      total_bytes += text->len;
      g_ptr_array_add (files, g_file_new_for_path (path));
    }

  project_path = g_build_filename (dir, "bench.plenary", NULL);
  project = pl_project_open (project_path, PL_PROJECT_OPEN_CREATE, &error);
  g_assert_no_error (error);

  started = g_get_monotonic_time ();
  for (guint i = 0; i < files->len; i++)
    {
      PlDocument *document = pl_importer_import_file (project, g_ptr_array_index (files, i), NULL, NULL,
                                                        &error);

      g_assert_no_error (error);
      n_statements += pl_document_get_n_statements (document);
    }
  seconds = (g_get_monotonic_time () - started) / 1e6;
  megabytes = total_bytes / (1024.0 * 1024.0);
  peak = peak_megabytes ();
  met = seconds < TARGET_SECONDS && peak < TARGET_MEGABYTES;

  printf ("documents:           %u\n", files->len);
  printf ("text:                %.1f MB\n", megabytes);
  printf ("statements:          %u\n", n_statements);
  printf ("total:               %.2f s (target < %.0f s)\n", seconds, TARGET_SECONDS);
  printf ("documents per second: %.0f\n", files->len / seconds);
  printf ("MB per second:       %.2f\n", megabytes / seconds);
  printf ("peak memory:         %.0f MB (target < %.0f MB)\n", peak, TARGET_MEGABYTES);
  printf ("%s\n", met ? "target met" : "TARGET MISSED");

  pl_project_close (project);
  for (guint i = 0; i < files->len; i++)
    g_file_delete (g_ptr_array_index (files, i), NULL, NULL);
  {
    const char *suffixes[] = { "", "-wal", "-shm", "-journal" };

    for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
      {
        g_autofree char *path = g_strconcat (project_path, suffixes[i], NULL);

        g_unlink (path);
      }
  }
  g_rmdir (dir);

  return met ? 0 : 1;
}
