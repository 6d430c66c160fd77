/* pl-cli-team.c — "plenary-cli agreement", "merge", "export-coder" and "team": research teams
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "plenary-cli"

#include "config.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include <glib/gi18n.h>

#include "pl-error.h"
#include "pl-project-agreement.h"
#include "pl-project-team.h"
#include "pl-cli-commands.h"

/* Lists of coders, codes and documents */

typedef enum
{
  ITEM_CODER,
  ITEM_CODE,
  ITEM_DOCUMENT,
} ItemKind;

typedef struct
{
  PlProject *project;
  ItemKind   kind;
} ItemLookup;

/* One item of --coders (a name or GUID), --codes (a short id or GUID) or --documents (an
 * id) as the id it stands for. */
static gboolean
read_item (const char  *item,
           GArray      *ids,
           gpointer     user_data,
           GError     **error)
{
  ItemLookup *lookup = user_data;
  g_autofree char *project_name = g_filename_display_name (pl_project_get_path (lookup->project));
  gint64 id = 0;

  if (lookup->kind == ITEM_CODE)
    {
      PlCode *code = pl_cli_lookup_code (lookup->project, item, error);

      if (code == NULL)
        return FALSE;
      id = pl_code_get_id (code);
    }
  else if (lookup->kind == ITEM_DOCUMENT)
    {
      if (!pl_cli_parse_document_id (item, &id, error)
          || pl_cli_find_document (lookup->project, id, error) == NULL)
        return FALSE;
    }
  else
    {
      g_autoptr(GPtrArray) coders = pl_project_list_coders (lookup->project);

      for (guint i = 0; i < coders->len && id == 0; i++)
        {
          PlCoder *coder = g_ptr_array_index (coders, i);

          if (g_strcmp0 (coder->name, item) == 0 || g_ascii_strcasecmp (coder->guid, item) == 0)
            id = coder->id;
        }
      if (id == 0)
        {
          g_set_error (error, PL_STORE_ERROR, PL_STORE_ERROR_NOT_FOUND,
                       _("There is no coder “%s” in “%s”."), item, project_name);
          return FALSE;
        }
    }

  for (guint i = 0; i < ids->len; i++)
    if (g_array_index (ids, gint64, i) == id)
      return TRUE;
  g_array_append_val (ids, id);
  return TRUE;
}

/* The ids @value (a comma-separated list, in the locale's encoding) stands for. */
static GArray *
parse_items (PlProject   *project,
             ItemKind     kind,
             const char  *value,
             GError     **error)
{
  g_autofree char *utf8 = pl_cli_arg_to_utf8 (value, error);
  ItemLookup lookup = { project, kind };

  if (utf8 == NULL)
    return NULL;
  return pl_cli_parse_list (utf8, read_item, &lookup, error);
}

/* The coder named @name (or with that GUID), or NULL with an error naming the project. */
static PlCoder *
find_coder (PlProject   *project,
            const char  *name,
            GError     **error)
{
  g_autoptr(GArray) ids = parse_items (project, ITEM_CODER, name, error);

  if (ids == NULL)
    return NULL;
  if (ids->len != 1)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("--coder needs one coder’s name."));
      return NULL;
    }
  return pl_project_find_coder (project, g_array_index (ids, gint64, 0));
}

/* agreement */

/* A coefficient in the table: three decimals, or "n/a" and the number of its note. */
static char *
format_cell (const PlCoefficient *coefficient,
             GPtrArray           *notes)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];
  guint note;

  if (!isnan (coefficient->value))
    return g_strdup (g_ascii_formatd (buffer, sizeof buffer, "%.3f", coefficient->value));

  for (note = 0; note < notes->len; note++)
    if (g_strcmp0 (g_ptr_array_index (notes, note), coefficient->reason) == 0)
      break;
  if (note == notes->len)
    g_ptr_array_add (notes, (gpointer) (coefficient->reason != NULL ? coefficient->reason : ""));
  return g_strdup_printf ("n/a[%u]", note + 1);
}

/* @text padded with spaces (or cut short) to @width characters. */
static void
append_padded (GString    *line,
               const char *text,
               guint       width,
               gboolean    right)
{
  glong length = g_utf8_strlen (text, -1);

  if (length > (glong) width)
    {
      const char *cut = g_utf8_offset_to_pointer (text, width - 1);

      g_string_append_len (line, text, cut - text);
      g_string_append (line, "…");
      return;
    }
  if (right)
    for (glong i = length; i < (glong) width; i++)
      g_string_append_c (line, ' ');
  g_string_append (line, text);
  if (!right)
    for (glong i = length; i < (glong) width; i++)
      g_string_append_c (line, ' ');
}

static void
append_table_row (GString              *out,
                  const char           *code,
                  const char           *name,
                  const PlAgreementRow *row,
                  GPtrArray            *notes)
{
  const PlCoefficient *coefficients[] = {
    &row->percent, &row->cohen_kappa, &row->scott_pi, &row->fleiss_kappa,
    &row->krippendorff_alpha, &row->alpha_u,
  };
  g_autofree char *units = g_strdup_printf ("%u", row->n_units);

  append_padded (out, code != NULL ? code : "", 10, FALSE);
  g_string_append_c (out, ' ');
  append_padded (out, name != NULL ? name : "", 28, FALSE);
  append_padded (out, units, 7, TRUE);
  for (guint i = 0; i < G_N_ELEMENTS (coefficients); i++)
    {
      g_autofree char *cell = format_cell (coefficients[i], notes);

      g_string_append_c (out, ' ');
      append_padded (out, cell, 9, TRUE);
    }
  g_string_append_c (out, '\n');
}

static void
print_table (const PlAgreementReport *report)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GPtrArray) notes = g_ptr_array_new ();
  const char *headings[] = {
    N_("percent"), N_("Cohen κ"), N_("Scott π"), N_("Fleiss κ"), N_("Kripp. α"), N_("α_U"),
  };

  g_string_append_printf (out, _("Agreement by %s: %u units, %u documents; coders:"),
                          pl_agreement_unit_to_string (report->unit), report->n_units,
                          report->n_documents);
  for (guint i = 0; i < report->coder_names->len; i++)
    g_string_append_printf (out, "%s %s", i > 0 ? "," : "",
                            (const char *) g_ptr_array_index (report->coder_names, i));
  g_string_append (out, "\n");
  if (report->n_left_out > 0)
    g_string_append_printf (out, _("%u documents that not every coder coded are left out.\n"),
                            report->n_left_out);
  if (report->n_ambiguous > 0)
    g_string_append_printf (out, _("%u times a coder gave a unit several categories: counted "
                                   "as missing.\n"), report->n_ambiguous);
  g_string_append_c (out, '\n');

  append_padded (out, _("code"), 10, FALSE);
  g_string_append_c (out, ' ');
  append_padded (out, _("name"), 28, FALSE);
  append_padded (out, _("units"), 7, TRUE);
  for (guint i = 0; i < G_N_ELEMENTS (headings); i++)
    {
      g_string_append_c (out, ' ');
      append_padded (out, _(headings[i]), 9, TRUE);
    }
  g_string_append_c (out, '\n');

  append_table_row (out, "", report->unit == PL_AGREEMENT_BY_CATEGORY ? report->overall.name
                                                                     : _("All codes"),
                    &report->overall, notes);
  for (guint i = 0; i < report->rows->len; i++)
    {
      const PlAgreementRow *row = &g_array_index (report->rows, PlAgreementRow, i);

      append_table_row (out, row->short_id, row->name, row, notes);
    }
  if (notes->len > 0)
    g_string_append_c (out, '\n');
  for (guint i = 0; i < notes->len; i++)
    g_string_append_printf (out, "[%u] %s\n", i + 1, (const char *) g_ptr_array_index (notes, i));

  fputs (out->str, stdout);
}

static int
write_report (const PlAgreementReport *report,
              PlAgreementFormat        format,
              const char              *path)
{
  g_autoptr(GFile) file = g_file_new_for_commandline_arg (path);
  GError *error = NULL;

  if (!pl_agreement_report_write (report, format, file, &error))
    return pl_cli_fail (error);
  return PL_CLI_EXIT_OK;
}

/* The options of "agreement" that go together, checked before the project is opened. */
static int
check_agreement_options (const char *unit_arg,
                         const char *categories_arg,
                         const char *codes_arg,
                         gboolean    with_descendants,
                         PlAgreementUnit *unit)
{
  *unit = PL_AGREEMENT_BY_STATEMENT;
  if (unit_arg != NULL && (!pl_agreement_unit_from_string (unit_arg, unit)
                           || *unit == PL_AGREEMENT_BY_CATEGORY))
    return pl_cli_usage_error (_("Unknown unit “%s”: use statement or span."), unit_arg);
  if (categories_arg != NULL && *unit == PL_AGREEMENT_BY_SPAN)
    return pl_cli_usage_error (_("%s compares statements; it does not go with %s."),
                               "--categories", "--unit span");
  if (categories_arg != NULL && codes_arg != NULL)
    return pl_cli_usage_error (_("%s takes its codes from the parent; it does not go with %s."),
                               "--categories", "--codes");
  if (with_descendants && codes_arg == NULL)
    return pl_cli_usage_error (_("%s needs --codes."), "--with-descendants");
  if (categories_arg != NULL)
    *unit = PL_AGREEMENT_BY_CATEGORY;
  return PL_CLI_EXIT_OK;
}

static int
cmd_agreement (PlCliInvocation *invocation)
{
  g_autoptr(PlProject) project = NULL;
  g_autoptr(PlProjectReader) reader = NULL;
  g_autoptr(PlAgreementReport) report = NULL;
  g_autofree char *coders_arg = NULL;
  g_autofree char *codes_arg = NULL;
  g_autofree char *documents_arg = NULL;
  g_autofree char *unit_arg = NULL;
  g_autofree char *categories_arg = NULL;
  g_autofree char *csv_arg = NULL;
  g_autofree char *html_arg = NULL;
  gboolean with_descendants = FALSE;
  gboolean json = FALSE;
  PlAgreementSpec spec = { 0 };
  GError *error = NULL;
  int status;
  const GOptionEntry entries[] = {
    { "coders", 0, 0, G_OPTION_ARG_FILENAME, &coders_arg,
      N_("The coders to compare (names, separated by commas; default: every coder but the "
         "gold layer)"), N_("NAME,NAME") },
    { "codes", 0, 0, G_OPTION_ARG_FILENAME, &codes_arg,
      N_("The codes (short ids or GUIDs, separated by commas; default: every code applied)"),
      N_("CODE,CODE") },
    { "with-descendants", 0, 0, G_OPTION_ARG_NONE, &with_descendants,
      N_("With --codes: a code stands for itself and the codes below it"), NULL },
    { "documents", 0, 0, G_OPTION_ARG_STRING, &documents_arg,
      N_("Only these documents (ids, separated by commas)"), N_("ID,ID") },
    { "unit", 0, 0, G_OPTION_ARG_STRING, &unit_arg,
      N_("statement (a code present or absent in each statement; the default) or span "
         "(Krippendorff’s unitized α_U on the characters)"), N_("UNIT") },
    { "categories", 0, 0, G_OPTION_ARG_FILENAME, &categories_arg,
      N_("The codes below this one are the categories of one nominal variable"), N_("CODE") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { "csv", 0, 0, G_OPTION_ARG_FILENAME, &csv_arg, N_("Also write the table as CSV"),
      N_("FILE") },
    { "html", 0, 0, G_OPTION_ARG_FILENAME, &html_arg, N_("Also write the table as HTML"),
      N_("FILE") },
    { NULL }
  };

  if (!pl_cli_parse_command_line (invocation, entries, &status))
    return status;
  status = check_agreement_options (unit_arg, categories_arg, codes_arg, with_descendants,
                                    &spec.unit);
  if (status != PL_CLI_EXIT_OK)
    return status;
  spec.with_descendants = with_descendants;

  project = pl_cli_open_project (invocation, &status);
  if (project == NULL)
    return status;

  if ((coders_arg != NULL
       && (spec.coder_ids = parse_items (project, ITEM_CODER, coders_arg, &error)) == NULL)
      || (codes_arg != NULL
          && (spec.code_ids = parse_items (project, ITEM_CODE, codes_arg, &error)) == NULL)
      || (documents_arg != NULL
          && (spec.document_ids = parse_items (project, ITEM_DOCUMENT, documents_arg, &error)) == NULL))
    return pl_cli_fail (error);
  if (categories_arg != NULL)
    {
      g_autoptr(GArray) parent = parse_items (project, ITEM_CODE, categories_arg, &error);

      if (parent == NULL)
        return pl_cli_fail (error);
      if (parent->len != 1)
        return pl_cli_usage_error (_("%s needs one code."), "--categories");
      spec.parent_code_id = g_array_index (parent, gint64, 0);
    }

  reader = pl_project_reader_new_for_project (project, &error);
  if (reader != NULL)
    report = pl_agreement_report_compute (reader, &spec, &error);
  g_clear_pointer (&spec.coder_ids, g_array_unref);
  g_clear_pointer (&spec.code_ids, g_array_unref);
  g_clear_pointer (&spec.document_ids, g_array_unref);
  if (report == NULL)
    return pl_cli_fail (error);
  g_clear_pointer (&reader, pl_project_reader_free);

  if ((csv_arg != NULL && (status = write_report (report, PL_AGREEMENT_FORMAT_CSV, csv_arg)) != 0)
      || (html_arg != NULL
          && (status = write_report (report, PL_AGREEMENT_FORMAT_HTML, html_arg)) != 0))
    return status;

  if (json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      pl_agreement_report_build_json (report, builder);
      pl_cli_print_json (builder);
    }
  else
    print_table (report);

  pl_project_close (project);
  return PL_CLI_EXIT_OK;
}

/* merge */

static void
print_merge_file (const PlMergeFile *file,
                  JsonBuilder       *builder)
{
  const char *names[] = { "documents", "added", "changed", "removed", "unchanged" };
  const guint values[] = { file->n_documents, file->n_added, file->n_changed, file->n_removed,
                           file->n_unchanged };

  if (builder != NULL)
    {
      json_builder_begin_object (builder);
      pl_cli_json_add_string (builder, "file", file->name);
      pl_cli_json_add_string (builder, "coder", file->coder_name);
      pl_cli_json_add_string (builder, "coder_guid", file->coder_guid);
      pl_cli_json_add_boolean (builder, "coder_new", file->coder_new);
      for (guint i = 0; i < G_N_ELEMENTS (names); i++)
        pl_cli_json_add_int (builder, names[i], values[i]);
      pl_cli_json_add_strings (builder, "left_out", file->skipped);
      json_builder_end_object (builder);
      return;
    }

  pl_cli_print_row (2, "file", file->name);
  {
    g_autofree char *coder = g_strdup_printf ("%s%s", file->coder_name,
                                              file->coder_new ? _(" (new)") : "");

    pl_cli_print_row (2, "coder", coder);
  }
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *value = g_strdup_printf ("%u", values[i]);

      pl_cli_print_row (2, names[i], value);
    }
  for (guint i = 0; i < file->skipped->len; i++)
    pl_cli_print_row (2, "left out", g_ptr_array_index (file->skipped, i));
}

static int
cmd_merge (PlCliInvocation *invocation)
{
  g_autoptr(PlProject) project = NULL;
  g_autoptr(PlMergePlan) plan = NULL;
  g_autoptr(JsonBuilder) builder = NULL;
  gboolean dry_run = FALSE;
  gboolean json = FALSE;
  GError *error = NULL;
  const char *result;
  int status;
  const GOptionEntry entries[] = {
    { "dry-run", 'n', 0, G_OPTION_ARG_NONE, &dry_run,
      N_("Say what would be merged, and change nothing"), NULL },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { NULL }
  };

  if (!pl_cli_parse_command_line (invocation, entries, &status))
    return status;
  project = pl_cli_open_project (invocation, &status);
  if (project == NULL)
    return status;

  plan = pl_project_plan_merge (project, (const char * const *) invocation->argv + 2, &error);
  if (plan == NULL)
    return pl_cli_fail (error);

  result = pl_merge_plan_is_empty (plan) ? "nothing to merge" : dry_run ? "dry run" : "merged";
  if (!dry_run && !pl_merge_plan_is_empty (plan) && !pl_project_merge (project, plan, &error))
    return pl_cli_fail (error);

  if (json)
    {
      builder = json_builder_new ();
      json_builder_begin_object (builder);
      pl_cli_json_add_string (builder, "result", result);
      json_builder_set_member_name (builder, "files");
      json_builder_begin_array (builder);
    }
  for (guint i = 0; i < pl_merge_plan_get_n_files (plan); i++)
    print_merge_file (pl_merge_plan_get_file (plan, i), builder);
  if (json)
    {
      json_builder_end_array (builder);
      json_builder_end_object (builder);
      pl_cli_print_json (builder);
    }
  else
    pl_cli_print_row (2, "result", result);

  pl_project_close (project);
  return PL_CLI_EXIT_OK;
}

/* export-coder */

static int
cmd_export_coder (PlCliInvocation *invocation)
{
  g_autoptr(PlProject) project = NULL;
  g_autoptr(GFile) destination = NULL;
  g_autoptr(GHashTable) counts = NULL;
  g_autofree char *coder_arg = NULL;
  g_autofree char *output_arg = NULL;
  g_autofree char *total = NULL;
  GHashTableIter iter;
  gpointer value;
  guint n = 0;
  GError *error = NULL;
  PlCoder *coder;
  int status;
  const GOptionEntry entries[] = {
    { "coder", 0, 0, G_OPTION_ARG_FILENAME, &coder_arg, N_("Whose coding to export"),
      N_("NAME") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output_arg,
      N_("The file to write (.plenary-coding)"), N_("FILE") },
    { NULL }
  };

  if (!pl_cli_parse_command_line (invocation, entries, &status))
    return status;
  if (coder_arg == NULL)
    return pl_cli_usage_error (_("The option %s is required."), "--coder");
  if (output_arg == NULL)
    return pl_cli_usage_error (_("The option %s is required."), "--output");

  project = pl_cli_open_project (invocation, &status);
  if (project == NULL)
    return status;
  coder = find_coder (project, coder_arg, &error);
  if (coder == NULL)
    return pl_cli_fail (error);

  destination = g_file_new_for_commandline_arg (output_arg);
  counts = pl_project_count_coder_annotations (project, coder->id, PL_COUNT_BY_CODE, &error);
  if (counts == NULL || !pl_project_export_coding (project, coder->id, destination, &error))
    return pl_cli_fail (error);

  g_hash_table_iter_init (&iter, counts);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    n += GPOINTER_TO_UINT (value);
  total = g_strdup_printf ("%u", n);
  pl_cli_print_row (2, "annotations", total);

  pl_project_close (project);
  return PL_CLI_EXIT_OK;
}

/* team */

static void
print_sync_report (const PlTeamSyncReport *report)
{
  const char *names[] = { "written", "files read", "added", "changed", "removed" };
  const guint values[] = { report->n_written, report->n_files, report->n_added,
                           report->n_changed, report->n_removed };

  pl_cli_print_row (2, "file", report->file);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *value = g_strdup_printf ("%u", values[i]);

      pl_cli_print_row (2, names[i], value);
    }
  for (guint i = 0; i < report->messages->len; i++)
    pl_cli_print_row (2, "message", g_ptr_array_index (report->messages, i));
}

static int
team_sync (PlProject  *project,
           const char *coder_arg)
{
  g_autoptr(PlTeamSyncReport) report = NULL;
  g_autofree char *name = NULL;
  GError *error = NULL;
  PlCoder *coder;

  name = coder_arg != NULL ? pl_cli_arg_to_utf8 (coder_arg, &error) : pl_cli_coder_name (NULL);
  if (name == NULL)
    return pl_cli_usage_fail (error);
  coder = pl_project_ensure_coder (project, name, &error);
  if (coder == NULL)
    return pl_cli_fail (error);
  report = pl_project_team_sync (project, coder->id, &error);
  if (report == NULL)
    return pl_cli_fail (error);
  print_sync_report (report);
  return PL_CLI_EXIT_OK;
}

static int
cmd_team (PlCliInvocation *invocation)
{
  g_autoptr(PlProject) project = NULL;
  g_autofree char *folder_arg = NULL;
  g_autofree char *coder_arg = NULL;
  g_autofree char *blind_arg = NULL;
  g_autofree char *folder = NULL;
  gboolean sync = FALSE;
  GError *error = NULL;
  int status;
  const GOptionEntry entries[] = {
    { "folder", 0, 0, G_OPTION_ARG_FILENAME, &folder_arg,
      N_("Point the project at the folder the team syncs (\"\": none)"), N_("DIR") },
    { "sync", 0, 0, G_OPTION_ARG_NONE, &sync,
      N_("Write my changes to the team folder and merge the others’ new changes"), NULL },
    { "coder", 0, 0, G_OPTION_ARG_FILENAME, &coder_arg,
      N_("With --sync: who I am (default: $PLENARY_CODER, else your name)"), N_("NAME") },
    { "blind", 0, 0, G_OPTION_ARG_STRING, &blind_arg,
      N_("Blind mode on or off: the window shows each coder only their own coding"),
      N_("on|off") },
    { NULL }
  };

  if (!pl_cli_parse_command_line (invocation, entries, &status))
    return status;
  if (blind_arg != NULL && g_strcmp0 (blind_arg, "on") != 0 && g_strcmp0 (blind_arg, "off") != 0)
    return pl_cli_usage_error (_("--blind takes on or off, not “%s”."), blind_arg);
  if (coder_arg != NULL && !sync)
    return pl_cli_usage_error (_("%s needs --sync."), "--coder");

  project = pl_cli_open_project (invocation, &status);
  if (project == NULL)
    return status;

  if (folder_arg != NULL
      && !pl_project_set_team_folder (project, folder_arg[0] != '\0' ? folder_arg : NULL, &error))
    return pl_cli_fail (error);
  if (blind_arg != NULL && !pl_project_set_blind (project, strcmp (blind_arg, "on") == 0, &error))
    return pl_cli_fail (error);

  status = PL_CLI_EXIT_OK;
  if (sync)
    status = team_sync (project, coder_arg);
  else
    {
      folder = pl_project_dup_team_folder (project);
      pl_cli_print_row (2, "folder", folder);
      pl_cli_print_row (2, "blind", pl_project_get_blind (project) ? "on" : "off");
    }

  pl_project_close (project);
  return status;
}

const PlCliCommand pl_cli_team_commands[] = {
  { "agreement", "PROJECT", 1, 1,
    "agreement PROJECT [--coders NAME,NAME] [--codes CODE,CODE] [--with-descendants] "
    "[--documents ID,ID] [--unit statement|span] [--categories PARENT] [--json] [--csv FILE] "
    "[--html FILE]",
    N_("Agreement between coders per code and overall: percent, Cohen’s κ, Scott’s π, "
       "Fleiss’ κ, Krippendorff’s α, by statement, category or span (α_U)."), NULL,
    cmd_agreement },
  { "export-coder", "PROJECT", 1, 1, "export-coder PROJECT --coder NAME --output FILE",
    N_("Write one coder’s annotations, with the documents and codes they refer to, as a "
       ".plenary-coding file to merge into another copy of the project."), NULL,
    cmd_export_coder },
  { "merge", "PROJECT FILE…", 2, -1, "merge PROJECT FILE... [--dry-run] [--json]",
    N_("Merge coders’ work (.plenary-coding or .plenary-changes files) by GUID and document "
       "text, as one undoable action; --dry-run says what would change."), NULL, cmd_merge },
  { "team", "PROJECT", 1, 1,
    "team PROJECT [--folder DIR] [--sync [--coder NAME]] [--blind on|off]",
    N_("Set the team folder and blind mode, or sync: write my changes to the team folder and "
       "merge the others’."), NULL, cmd_team },
  { NULL }
};
