/* pl-cli-export.c — "plenary-cli export" and "import-refi": the dataset out, REFI-QDA in
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "plenary-cli"

#include "config.h"

#include <stdio.h>
#include <string.h>

#include <glib/gi18n.h>

#include "pl-error.h"
#include "pl-exporter.h"
#include "pl-refi.h"
#include "pl-cli-commands.h"

/* export */

/* "2026-11-22" or "2026-11-22T10:00:00Z" (a time without a zone is UTC); a date alone means
 * its first second with @end_of_day FALSE, its last with TRUE. */
static GDateTime *
parse_date (const char  *option,
            const char  *value,
            gboolean     end_of_day,
            GError     **error)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  GDateTime *time = NULL;
  int year, month, day;
  char tail;

  if (sscanf (value, "%4d-%2d-%2d%c", &year, &month, &day, &tail) == 3 && strlen (value) == 10)
    {
      time = g_date_time_new (utc, year, month, day, 0, 0, 0);
      if (time != NULL && end_of_day)
        {
          GDateTime *last = g_date_time_add_seconds (time, 86399);

          g_date_time_unref (time);
          time = last;
        }
    }
  else
    time = g_date_time_new_from_iso8601 (value, utc);

  if (time == NULL)
    g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                 _("%s needs a date (2026-11-22) or a date and time (2026-11-22T10:00:00Z), "
                   "not “%s”."), option, value);
  return time;
}

/* The options that only some formats take, and --with-descendants without --codes. */
static int
check_format_options (PlExportFormat         format,
                      const PlExportOptions *options,
                      gboolean               with_descendants,
                      gboolean               has_codes)
{
  gboolean tabular = format == PL_EXPORT_FORMAT_CSV || format == PL_EXPORT_FORMAT_MATRIX;

  if (options->counts && format != PL_EXPORT_FORMAT_MATRIX)
    return pl_cli_usage_error (_("%s applies to --format matrix only."), "--counts");
  if (options->all_kinds && format != PL_EXPORT_FORMAT_MATRIX)
    return pl_cli_usage_error (_("%s applies to --format matrix only."), "--all-kinds");
  if (options->statement_text && !tabular)
    return pl_cli_usage_error (_("%s applies to --format csv and matrix only."),
                               "--statement-text");
  if (options->spreadsheet_safe && !tabular && format != PL_EXPORT_FORMAT_LINKS)
    return pl_cli_usage_error (_("%s applies to --format csv, matrix and links only."),
                               "--spreadsheet-safe");
  if (with_descendants && !has_codes)
    return pl_cli_usage_error (_("%s needs --codes."), "--with-descendants");

  return PL_CLI_EXIT_OK;
}

static int
cmd_export (PlCliInvocation *invocation)
{
  g_autoptr(PlProject) project = NULL;
  g_autoptr(GFile) destination = NULL;
  g_autoptr(PlExportOptions) options = pl_export_options_new ();
  g_autofree char *format_arg = NULL;
  g_autofree char *output_arg = NULL;
  g_autofree char *documents_arg = NULL;
  g_autofree char *codes_arg = NULL;
  g_autofree char *coders_arg = NULL;
  g_autofree char *since_arg = NULL;
  g_autofree char *until_arg = NULL;
  g_autofree char *codes_utf8 = NULL;
  g_autofree char *coders_utf8 = NULL;
  gboolean with_descendants = FALSE;
  PlExportFormat format;
  GError *error = NULL;
  GArray *document_ids;
  int status;
  const GOptionEntry entries[] = {
    { "format", 0, 0, G_OPTION_ARG_STRING, &format_arg,
      N_("csv (one row per annotation), matrix (one row per statement, one column per code), "
         "json or qdpx (REFI-QDA, for ATLAS.ti, NVivo, MAXQDA)"), N_("FORMAT") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output_arg, N_("The file to write"),
      N_("FILE") },
    { "documents", 0, 0, G_OPTION_ARG_STRING, &documents_arg,
      N_("Only these documents (ids, separated by commas)"), N_("ID,ID") },
    { "codes", 0, 0, G_OPTION_ARG_FILENAME, &codes_arg,
      N_("Only annotations of these codes (short ids or GUIDs, separated by commas)"),
      N_("CODE,CODE") },
    { "with-descendants", 0, 0, G_OPTION_ARG_NONE, &with_descendants,
      N_("With --codes: the codes below them too"), NULL },
    { "coders", 0, 0, G_OPTION_ARG_FILENAME, &coders_arg,
      N_("Only annotations by these coders (names, separated by commas)"), N_("NAME,NAME") },
    { "since", 0, 0, G_OPTION_ARG_STRING, &since_arg,
      N_("Only annotations made on or after this date (or date and time, UTC)"), N_("DATE") },
    { "until", 0, 0, G_OPTION_ARG_STRING, &until_arg,
      N_("Only annotations made on or before this date (or date and time, UTC)"), N_("DATE") },
    { "statement-text", 0, 0, G_OPTION_ARG_NONE, &options->statement_text,
      N_("csv and matrix: a column with the statement’s full text"), NULL },
    { "counts", 0, 0, G_OPTION_ARG_NONE, &options->counts,
      N_("matrix: numbers of annotations instead of 0/1"), NULL },
    { "all-kinds", 0, 0, G_OPTION_ARG_NONE, &options->all_kinds,
      N_("matrix: front matter rows too, with a statement_kind column"), NULL },
    { "spreadsheet-safe", 0, 0, G_OPTION_ARG_NONE, &options->spreadsheet_safe,
      N_("csv and matrix: prefix text cells that a spreadsheet would run as a formula "
         "(= + - @) with an apostrophe; numbers are never changed"), NULL },
    { NULL }
  };

  if (!pl_cli_parse_command_line (invocation, entries, &status))
    return status;

  if (format_arg == NULL)
    return pl_cli_usage_error (_("The option %s is required."), "--format");
  if (output_arg == NULL)
    return pl_cli_usage_error (_("The option %s is required."), "--output");
  if (!pl_export_format_from_string (format_arg, &format))
    return pl_cli_usage_error (_("Unknown export format “%s”: use csv, matrix, json, qdpx or links."),
                               format_arg);
  status = check_format_options (format, options, with_descendants, codes_arg != NULL);
  if (status != PL_CLI_EXIT_OK)
    return status;

  if ((documents_arg != NULL &&
       !pl_cli_parse_id_list ("--documents", documents_arg, &options->filter.document_ids,
                             &error)) ||
      (since_arg != NULL &&
       (options->filter.created_since = parse_date ("--since", since_arg, FALSE, &error)) == NULL) ||
      (until_arg != NULL &&
       (options->filter.created_until = parse_date ("--until", until_arg, TRUE, &error)) == NULL) ||
      (codes_arg != NULL && (codes_utf8 = pl_cli_arg_to_utf8 (codes_arg, &error)) == NULL) ||
      (coders_arg != NULL && (coders_utf8 = pl_cli_arg_to_utf8 (coders_arg, &error)) == NULL))
    return pl_cli_usage_fail (error);
  options->filter.with_descendants = with_descendants;

  project = pl_cli_open_project (invocation, &status);
  if (project == NULL)
    return status;

  document_ids = options->filter.document_ids;
  for (guint i = 0; document_ids != NULL && i < document_ids->len; i++)
    if (pl_cli_find_document (project, g_array_index (document_ids, gint64, i), &error) == NULL)
      return pl_cli_fail (error);

  if ((codes_utf8 != NULL &&
       (options->filter.code_ids = pl_cli_parse_list (codes_utf8, pl_cli_read_code, project,
                                                      &error)) == NULL) ||
      (coders_utf8 != NULL &&
       (options->filter.coder_ids = pl_cli_parse_list (coders_utf8, pl_cli_read_coder, project,
                                                       &error)) == NULL))
    return pl_cli_fail (error);

  destination = g_file_new_for_commandline_arg (output_arg);
  if (!pl_export_full (project, &(PlExportSpec) { .format = format, .destination = destination,
                                                  .options = options }, NULL, &error))
    return pl_cli_fail (error);

  pl_project_close (project);

  return PL_CLI_EXIT_OK;
}

/* import-refi */

static const char * const report_counts[] = {
  "documents", "statements", "codes", "coders", "annotations", "memos", "notes",
};

static void
print_report_json (const PlRefiReport *report,
                   const guint        *values)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  pl_cli_json_add_string (builder, "origin", report->origin);
  for (guint i = 0; i < G_N_ELEMENTS (report_counts); i++)
    pl_cli_json_add_int (builder, report_counts[i], values[i]);
  pl_cli_json_add_strings (builder, "not_imported", report->not_imported);
  pl_cli_json_add_strings (builder, "warnings", report->warnings);
  json_builder_end_object (builder);
  pl_cli_print_json (builder);
}

static void
print_report_rows (const PlRefiReport *report,
                   const guint        *values)
{
  pl_cli_print_row (2, "origin", report->origin);
  for (guint i = 0; i < G_N_ELEMENTS (report_counts); i++)
    {
      g_autofree char *value = g_strdup_printf ("%u", values[i]);

      pl_cli_print_row (2, report_counts[i], value);
    }
  for (guint i = 0; i < report->not_imported->len; i++)
    pl_cli_print_row (2, "not imported", g_ptr_array_index (report->not_imported, i));
  for (guint i = 0; i < report->warnings->len; i++)
    pl_cli_print_row (2, "warning", g_ptr_array_index (report->warnings, i));
}

static int
cmd_import_refi (PlCliInvocation *invocation)
{
  g_autoptr(PlProject) project = NULL;
  g_autoptr(PlRefiReport) report = NULL;
  g_autoptr(GFile) file = NULL;
  GError *error = NULL;
  gboolean json = FALSE;
  int status;

  project = pl_cli_open_with_json (invocation, N_("Print the report as JSON"), &json, &status);
  if (project == NULL)
    return status;

  file = g_file_new_for_commandline_arg (invocation->argv[2]);
  report = pl_refi_import (project, file, NULL, &error);
  if (report == NULL)
    return pl_cli_fail (error);

  {
    const guint values[G_N_ELEMENTS (report_counts)] = {
      report->n_documents, report->n_statements, report->n_codes, report->n_coders,
      report->n_annotations, report->n_memos, report->n_notes,
    };

    if (json)
      print_report_json (report, values);
    else
      print_report_rows (report, values);
  }

  pl_project_close (project);

  return PL_CLI_EXIT_OK;
}

const PlCliCommand pl_cli_export_commands[] = {
  { "export", "PROJECT", 1, 1,
    "export PROJECT --format csv|matrix|json|qdpx|links --output FILE [--documents ID,ID] "
    "[--codes CODE,CODE] [--with-descendants] [--coders NAME,NAME] [--since DATE] "
    "[--until DATE] [--statement-text] [--counts] [--all-kinds] [--spreadsheet-safe]",
    N_("Export the coded dataset as long CSV, as a statement × code matrix, as JSON or as a "
       "REFI-QDA project, or the links to outcome documents as CSV; the filters keep some "
       "documents, codes, coders or dates."),
    NULL, cmd_export },
  { "import-refi", "PROJECT FILE", 2, 2, "import-refi PROJECT FILE [--json]",
    N_("Import a REFI-QDA project (.qdpx, .qde) from ATLAS.ti, NVivo, MAXQDA and others; "
       "prints what was imported and what was not."), NULL, cmd_import_refi },
  { NULL }
};
