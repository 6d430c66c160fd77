/* pl-refi-report.c — what an import of a REFI-QDA file did not keep, and why
 *
 * The standard asks an importer to say which elements it discards "in as much detail as
 * possible" (REFI-QDA 1.5, §7): the report names every kind of element left out, with how
 * many there were and why, one sentence each; the warnings say what was adjusted.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "plenary-refi-import"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "pl-refi-private.h"

gboolean
pl_refi_is_speaker_case (PlRefiFile     *refi,
                         const RefiCase *refi_case)
{
  if (refi_case->name == NULL)
    return FALSE;

  for (guint i = 0; refi_case->values != NULL && i + 1 < refi_case->values->len; i += 2)
    {
      const char *name = g_hash_table_lookup (refi->variables,
                                              g_ptr_array_index (refi_case->values, i));

      if (name == NULL || !g_strv_contains (pl_refi_case_variables, name))
        return FALSE;
    }

  return TRUE;
}

static void
report_n (GPtrArray  *lines,
          guint       n,
          const char *format,
          ...) G_GNUC_PRINTF (3, 4);

static void
report_n (GPtrArray  *lines,
          guint       n,
          const char *format,
          ...)
{
  va_list args;

  if (n == 0)
    return;

  va_start (args, format);
  g_ptr_array_add (lines, g_strdup_vprintf (format, args));
  va_end (args);
}

static char *
join_names (GPtrArray *names)
{
  g_ptr_array_add (names, NULL);
  return g_strjoinv ("”, “", (char **) names->pdata);
}

/* Sources and their selections. */
static void
report_sources (PlRefiFile        *refi,
                const RefiApplied *applied,
                GPtrArray         *lines)
{
  guint n_rich = 0;
  guint n_textless_codings = 0;

  for (guint i = 0; i < refi->sources->len; i++)
    {
      RefiSource *source = g_ptr_array_index (refi->sources, i);

      n_rich += source->rich;
      for (guint k = 0; source->text == NULL && k < source->selections->len; k++)
        n_textless_codings += ((RefiSelection *) g_ptr_array_index (source->selections, k))->codings->len;
    }

  report_n (lines, refi->n_pictures,
            g_dngettext (GETTEXT_PACKAGE, "%u picture source (Plenary imports text only).",
                         "%u picture sources (Plenary imports text only).", refi->n_pictures), refi->n_pictures);
  report_n (lines, refi->n_audio,
            g_dngettext (GETTEXT_PACKAGE, "%u audio source and its transcripts.",
                         "%u audio sources and their transcripts.", refi->n_audio), refi->n_audio);
  report_n (lines, refi->n_video,
            g_dngettext (GETTEXT_PACKAGE, "%u video source and its transcripts.",
                         "%u video sources and their transcripts.", refi->n_video), refi->n_video);
  report_n (lines, refi->n_pdf_without_text,
            g_dngettext (GETTEXT_PACKAGE, "%u PDF source without a text version.",
                         "%u PDF sources without a text version.", refi->n_pdf_without_text), refi->n_pdf_without_text);
  report_n (lines, refi->n_media_selections,
            g_dngettext (GETTEXT_PACKAGE, "%u selection in a picture, PDF page, audio or video (and its codings).",
                         "%u selections in pictures, PDF pages, audio or video (and their codings).", refi->n_media_selections), refi->n_media_selections);
  if (refi->missing_texts->len > 0)
    {
      guint n = refi->missing_texts->len;
      g_autofree char *names = join_names (refi->missing_texts);

      g_ptr_array_remove_index (refi->missing_texts, n);
      g_ptr_array_add (lines,
                       g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                     "%u text source whose text is not in the "
                                                     "file, with its codings: “%s”.",
                                                     "%u text sources whose text is not in the "
                                                     "file, with their codings: “%s”.", n),
                                        n, names));
    }
  report_n (lines, refi->n_empty_sources,
            g_dngettext (GETTEXT_PACKAGE, "%u text source without any text.",
                         "%u text sources without any text.", refi->n_empty_sources), refi->n_empty_sources);
  report_n (lines, n_textless_codings,
            g_dngettext (GETTEXT_PACKAGE, "%u coding of a text source without its text.",
                         "%u codings of text sources without their text.", n_textless_codings), n_textless_codings);
  report_n (lines, n_rich,
            g_dngettext (GETTEXT_PACKAGE, "%u rich-text version of a source (Plenary keeps its plain text).",
                         "%u rich-text versions of sources (Plenary keeps their plain text).", n_rich), n_rich);
  report_n (lines, applied->n_existing_documents,
            g_dngettext (GETTEXT_PACKAGE, "%u document the project already has (same GUID), left as it was with its "
                  "codings.",
                         "%u documents the project already has (same GUID), left as they were with "
                  "their codings.", applied->n_existing_documents), applied->n_existing_documents);
  report_n (lines, applied->n_existing_annotations,
            g_dngettext (GETTEXT_PACKAGE, "%u coding the project already has (same GUID).",
                         "%u codings the project already has (same GUID).", applied->n_existing_annotations), applied->n_existing_annotations);
  report_n (lines, refi->n_bad_positions,
            g_dngettext (GETTEXT_PACKAGE, "%u coding whose positions lie outside its text.",
                         "%u codings whose positions lie outside their text.", refi->n_bad_positions), refi->n_bad_positions);
  report_n (lines, refi->n_missing_codes,
            g_dngettext (GETTEXT_PACKAGE, "%u coding of a code that is not in the codebook or cannot be applied.",
                         "%u codings of codes that are not in the codebook or cannot be applied.", refi->n_missing_codes), refi->n_missing_codes);
  report_n (lines, refi->n_free_selections,
            g_dngettext (GETTEXT_PACKAGE, "%u selection without a code (a free quotation).",
                         "%u selections without a code (free quotations).", refi->n_free_selections), refi->n_free_selections);
}

/* Cases, variables, users, notes, and what Plenary has no place for at all. */
static void
report_others (PlRefiFile        *refi,
               const RefiApplied *applied,
               GPtrArray         *lines)
{
  guint n_cases = 0;
  guint n_unmatched_speakers = 0;
  guint n_case_descriptions = 0;
  guint n_note_codings = 0;
  guint n_empty_notes = 0;

  /* A speaker case names a speaker of the statements; one without variables that names
   * none is just a case. */
  for (guint i = 0; i < refi->cases->len; i++)
    {
      RefiCase *refi_case = g_ptr_array_index (refi->cases, i);
      gboolean has_values = refi_case->values != NULL && refi_case->values->len > 0;

      if (!pl_refi_is_speaker_case (refi, refi_case) || (!refi_case->matched && !has_values))
        n_cases++;
      else if (!refi_case->matched)
        n_unmatched_speakers++;
      else if (refi_case->description != NULL)
        n_case_descriptions++;
    }
  for (guint i = 0; i < refi->notes->len; i++)
    {
      RefiNote *note = g_ptr_array_index (refi->notes, i);

      n_note_codings += note->n_codings;
      if (!note->used && (note->text == NULL || *note->text == '\0'))
        n_empty_notes++;
    }

  report_n (lines, n_cases,
            g_dngettext (GETTEXT_PACKAGE, "%u case, with its variables and members (Plenary has no cases, only the speakers of statements).",
                         "%u cases, with their variables and members (Plenary has no cases, only the speakers of statements).", n_cases), n_cases);
  report_n (lines, n_unmatched_speakers,
            g_dngettext (GETTEXT_PACKAGE, "%u speaker case that names no speaker of the imported statements.",
                         "%u speaker cases that name no speaker of the imported statements.", n_unmatched_speakers), n_unmatched_speakers);
  report_n (lines, n_case_descriptions,
            g_dngettext (GETTEXT_PACKAGE, "The description of %u speaker case (Plenary keeps speakers on statements, without one).",
                         "The descriptions of %u speaker cases (Plenary keeps speakers on statements, without one).", n_case_descriptions), n_case_descriptions);
  if (g_hash_table_size (refi->unmapped_variables) > 0)
    {
      guint n = g_hash_table_size (refi->unmapped_variables);
      g_autofree char **names = (char **) g_hash_table_get_keys_as_array (refi->unmapped_variables,
                                                                           NULL);
      g_autofree char *joined = g_strjoinv ("”, “", names);

      g_ptr_array_add (lines, g_strdup_printf (_("The values of variables that are not document "
                                                 "details in Plenary (%u): “%s”."), n, joined));
    }
  report_n (lines, refi->n_sets,
            g_dngettext (GETTEXT_PACKAGE, "%u set of codes or sources.",
                         "%u sets of codes or sources.", refi->n_sets), refi->n_sets);
  report_n (lines, refi->n_links,
            g_dngettext (GETTEXT_PACKAGE, "%u link that does not join passages of two documents (Plenary links a statement’s passage to an outcome document’s).",
                         "%u links that do not join passages of two documents (Plenary links a statement’s passage to an outcome document’s).", refi->n_links), refi->n_links);
  report_n (lines, refi->n_graphs,
            g_dngettext (GETTEXT_PACKAGE, "%u graph (network view).",
                         "%u graphs (network views).", refi->n_graphs), refi->n_graphs);
  report_n (lines, n_empty_notes,
            g_dngettext (GETTEXT_PACKAGE, "%u note without text.",
                         "%u notes without text.", n_empty_notes), n_empty_notes);
  report_n (lines, n_note_codings,
            g_dngettext (GETTEXT_PACKAGE, "%u coding of a note (Plenary codes documents only).",
                         "%u codings of notes (Plenary codes documents only).", n_note_codings), n_note_codings);
  report_n (lines, applied->n_lost_passages,
            g_dngettext (GETTEXT_PACKAGE, "The passage of %u note, in a source the file does not name or outside its text: the note was kept without it.",
                         "The passages of %u notes, in sources the file does not name or outside their text: the notes were kept without them.", applied->n_lost_passages), applied->n_lost_passages);
  report_n (lines, applied->n_idle_placeholders,
            g_dngettext (GETTEXT_PACKAGE, "%u user “default” who made nothing in the file (QualCoder’s name for a coder without a name).",
                         "%u users “default” who made nothing in the file (QualCoder’s name for a coder without a name).", applied->n_idle_placeholders), applied->n_idle_placeholders);
  if (applied->description_differs)
    g_ptr_array_add (lines, g_strdup (_("The project’s description: the project has one of its "
                                        "own.")));
}

static void
report_warnings (PlRefiFile        *refi,
                 const RefiApplied *applied)
{
  if (refi->n_bad_guids > 0)
    pl_refi_warn (refi, g_dngettext (GETTEXT_PACKAGE, "%u item had an invalid GUID and was given "
                                  "a new one.", "%u items had invalid GUIDs and were given new "
                                  "ones.", refi->n_bad_guids), refi->n_bad_guids);
  if (refi->n_duplicate_guids > 0)
    pl_refi_warn (refi, g_dngettext (GETTEXT_PACKAGE, "%u item repeated the GUID of another and "
                                  "was given a new one.", "%u items repeated the GUIDs of "
                                  "others and were given new ones.", refi->n_duplicate_guids),
               refi->n_duplicate_guids);
  if (applied->n_not_codable > 0)
    pl_refi_warn (refi, g_dngettext (GETTEXT_PACKAGE, "%u code marked as not codable has codings: "
                                  "it was made codable.", "%u codes marked as not codable have "
                                  "codings: they were made codable.", applied->n_not_codable),
               applied->n_not_codable);
  if (applied->n_short_ids_dropped > 0)
    pl_refi_warn (refi, g_dngettext (GETTEXT_PACKAGE, "%u code kept its name but not its short id "
                                  "or shortcut, which another code of the project has.",
                                  "%u codes kept their names but not their short ids or "
                                  "shortcuts, which other codes of the project have.",
                                  applied->n_short_ids_dropped), applied->n_short_ids_dropped);
  if (applied->n_mapped_placeholders > 0)
    pl_refi_warn (refi, _("The work of the user “default” (QualCoder’s name for a coder without "
                          "a name) was given to the project’s creator, or to the file’s only "
                          "other user."));
  if (applied->n_note_descriptions > 0)
    pl_refi_warn (refi, g_dngettext (GETTEXT_PACKAGE, "%u note had a description beside its "
                                  "text: it was added to the text.", "%u notes had a "
                                  "description beside their text: it was added to the text.",
                                  applied->n_note_descriptions), applied->n_note_descriptions);
  if (applied->n_resegmented > 0)
    pl_refi_warn (refi, g_dngettext (GETTEXT_PACKAGE, "%u document’s statements were found again "
                                  "by the segmenter: the file does not hold them for its text.",
                                  "%u documents’ statements were found again by the segmenter: "
                                  "the file does not hold them for their texts.",
                                  applied->n_resegmented), applied->n_resegmented);
}

void
pl_refi_fill_report (PlRefiFile        *refi,
                     const RefiApplied *applied,
                     PlRefiReport      *report)
{
  report_sources (refi, applied, report->not_imported);
  report_others (refi, applied, report->not_imported);
  report_warnings (refi, applied);

  for (guint i = 0; i < refi->warnings->len; i++)
    g_ptr_array_add (report->warnings, g_strdup (g_ptr_array_index (refi->warnings, i)));
}
