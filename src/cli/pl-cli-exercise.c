/* pl-cli-exercise.c — "plenary-cli exercise": teaching seminars
 *
 * One command with five subcommands, the steps of the flow: create (the teacher's pack),
 * start (what opening the pack does for a student), hand-in, collect and scores.
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
#include "pl-exercise.h"
#include "pl-scores.h"
#include "pl-cli-commands.h"

/* Options */

static gboolean
read_document (const char  *item,
               GArray      *ids,
               gpointer     user_data,
               GError     **error)
{
  gint64 id;

  if (!pl_cli_parse_document_id (item, &id, error)
      || pl_cli_find_document (user_data, id, error) == NULL)
    return FALSE;
  g_array_append_val (ids, id);
  return TRUE;
}

/* The contents of --instructions, UTF-8. */
static char *
read_instructions (const char  *path,
                   GError     **error)
{
  g_autoptr(GFile) file = g_file_new_for_commandline_arg (path);
  g_autofree char *contents = NULL;
  gsize length;

  if (!g_file_load_contents (file, NULL, &contents, &length, NULL, error))
    return NULL;
  if (!g_utf8_validate_len (contents, length, NULL))
    {
      g_autofree char *name = g_file_get_parse_name (file);

      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("The instructions “%s” are not UTF-8 text."), name);
      return NULL;
    }
  return g_steal_pointer (&contents);
}

static char *
format_coefficient (const PlCoefficient *coefficient)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  if (isnan (coefficient->value))
    return g_strdup ("n/a");
  return g_strdup (g_ascii_formatd (buffer, sizeof buffer, "%.3f", coefficient->value));
}

/* exercise create */

static int
cmd_create (PlCliInvocation *invocation)
{
  g_autoptr(PlProject) project = NULL;
  g_autoptr(PlExercise) exercise = NULL;
  g_autoptr(GArray) document_ids = NULL;
  g_autoptr(GArray) ranges = NULL;
  g_autoptr(GFile) destination = NULL;
  g_autofree char *documents_arg = NULL;
  g_autofree char *codes_arg = NULL;
  g_autofree char *instructions_arg = NULL;
  g_autofree char *reference_arg = NULL;
  g_autofree char *title_arg = NULL;
  g_autofree char *statements_arg = NULL;
  g_autofree char *output_arg = NULL;
  g_autofree char *instructions = NULL;
  g_autofree char *reference = NULL;
  g_autofree char *title = NULL;
  g_autofree char *units = NULL;
  PlExerciseSpec spec = { 0 };
  GError *error = NULL;
  int status;
  const GOptionEntry entries[] = {
    { "documents", 0, 0, G_OPTION_ARG_STRING, &documents_arg,
      N_("The documents the class codes (ids, separated by commas, in reading order)"),
      N_("ID,ID") },
    { "codes", 0, 0, G_OPTION_ARG_FILENAME, &codes_arg,
      N_("Only this branch of the codebook (a short id or GUID; default: all of it)"),
      N_("PARENT") },
    { "statements", 0, 0, G_OPTION_ARG_STRING, &statements_arg,
      N_("Only these statements (ranges such as 3-12, or 2:3-12 for document 2; default: "
         "every statement)"), N_("RANGES") },
    { "instructions", 0, 0, G_OPTION_ARG_FILENAME, &instructions_arg,
      N_("The instructions for the class (a text file, simple Markdown)"), N_("FILE") },
    { "title", 0, 0, G_OPTION_ARG_FILENAME, &title_arg,
      N_("The exercise’s title (default: the pack’s file name)"), N_("TEXT") },
    { "reference", 0, 0, G_OPTION_ARG_FILENAME, &reference_arg,
      N_("The coder whose coding is the reference (default: “Reference”)"), N_("NAME") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output_arg,
      N_("The pack to write (.plenary-exercise)"), N_("PACK") },
    { NULL }
  };

  if (!pl_cli_parse_command_line (invocation, entries, &status))
    return status;
  if (documents_arg == NULL)
    return pl_cli_usage_error (_("The option %s is required."), "--documents");
  if (output_arg == NULL)
    return pl_cli_usage_error (_("The option %s is required."), "--output");
  if (statements_arg != NULL && (ranges = pl_statement_ranges_parse (statements_arg, &error)) == NULL)
    return pl_cli_usage_fail (error);
  if ((reference_arg != NULL && (reference = pl_cli_arg_to_utf8 (reference_arg, &error)) == NULL)
      || (title_arg != NULL && (title = pl_cli_arg_to_utf8 (title_arg, &error)) == NULL))
    return pl_cli_usage_fail (error);
  if (instructions_arg != NULL && (instructions = read_instructions (instructions_arg, &error)) == NULL)
    return pl_cli_fail (error);

  project = pl_cli_open_project (invocation, &status);
  if (project == NULL)
    return status;
  document_ids = pl_cli_parse_list (documents_arg, read_document, project, &error);
  if (document_ids == NULL)
    return pl_cli_fail (error);
  if (codes_arg != NULL)
    {
      g_autofree char *key = pl_cli_arg_to_utf8 (codes_arg, &error);
      PlCode *code = key != NULL ? pl_cli_lookup_code (project, key, &error) : NULL;

      if (code == NULL)
        return pl_cli_fail (error);
      spec.root_code_id = pl_code_get_id (code);
    }

  spec.document_ids = document_ids;
  spec.ranges = ranges;
  spec.title = title;
  spec.instructions = instructions;
  spec.reference = reference;
  destination = g_file_new_for_commandline_arg (output_arg);
  exercise = pl_exercise_create (project, &spec, destination, &error);
  if (exercise == NULL)
    return pl_cli_fail (error);

  units = g_strdup_printf ("%u", pl_exercise_count_units (exercise));
  pl_cli_print_row (2, "exercise", exercise->guid);
  pl_cli_print_row (2, "title", exercise->title);
  pl_cli_print_row (2, "statements", units);
  pl_cli_print_row (2, "reference", reference != NULL ? reference : PL_REFERENCE_CODER_NAME);

  pl_project_close (project);
  return PL_CLI_EXIT_OK;
}

/* exercise start */

static int
cmd_start (PlCliInvocation *invocation)
{
  g_autoptr(PlProject) work = NULL;
  g_autoptr(PlExercise) exercise = NULL;
  g_autofree char *student_arg = NULL;
  g_autofree char *output_arg = NULL;
  g_autofree char *student = NULL;
  g_autofree char *units = NULL;
  GError *error = NULL;
  int status;
  const GOptionEntry entries[] = {
    { "student", 0, 0, G_OPTION_ARG_FILENAME, &student_arg, N_("Your name"), N_("NAME") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output_arg,
      N_("The project to make for your work (a new file)"), N_("WORK") },
    { NULL }
  };

  if (!pl_cli_parse_command_line (invocation, entries, &status))
    return status;
  if (student_arg == NULL)
    return pl_cli_usage_error (_("The option %s is required."), "--student");
  if (output_arg == NULL)
    return pl_cli_usage_error (_("The option %s is required."), "--output");
  student = pl_cli_arg_to_utf8 (student_arg, &error);
  if (student == NULL)
    return pl_cli_usage_fail (error);

  work = pl_exercise_start (invocation->argv[1], student, output_arg, &error);
  if (work == NULL)
    return pl_cli_fail (error);
  exercise = pl_project_dup_work_exercise (work);
  units = g_strdup_printf ("%u", exercise != NULL ? pl_exercise_count_units (exercise) : 0);
  pl_cli_print_row (2, "exercise", exercise != NULL ? exercise->title : NULL);
  pl_cli_print_row (2, "student", student);
  pl_cli_print_row (2, "statements", units);

  pl_project_close (work);
  return PL_CLI_EXIT_OK;
}

/* exercise hand-in */

static int
cmd_hand_in (PlCliInvocation *invocation)
{
  g_autoptr(PlProject) work = NULL;
  g_autoptr(GFile) destination = NULL;
  g_autoptr(GFile) written = NULL;
  g_autofree char *output_arg = NULL;
  g_autofree char *path = NULL;
  GError *error = NULL;
  int status;
  const GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output_arg,
      N_("The hand-in to write (.plenary-handin), or a folder to write it into"), N_("HANDIN") },
    { NULL }
  };

  if (!pl_cli_parse_command_line (invocation, entries, &status))
    return status;
  if (output_arg == NULL)
    return pl_cli_usage_error (_("The option %s is required."), "--output");

  work = pl_cli_open_project (invocation, &status);
  if (work == NULL)
    return status;
  destination = g_file_new_for_commandline_arg (output_arg);
  written = pl_exercise_hand_in (work, destination, &error);
  if (written == NULL)
    return pl_cli_fail (error);
  path = g_file_get_parse_name (written);
  pl_cli_print_row (2, "hand-in", path);

  pl_project_close (work);
  return PL_CLI_EXIT_OK;
}

/* exercise collect */

static void
print_result (const PlHandinResult *result,
              JsonBuilder          *builder)
{
  const char *outcome = pl_handin_outcome_to_string (result->outcome);
  const char *names[] = { "added", "changed", "removed" };
  const guint values[] = { result->n_added, result->n_changed, result->n_removed };

  if (builder != NULL)
    {
      json_builder_begin_object (builder);
      pl_cli_json_add_string (builder, "file", result->name);
      pl_cli_json_add_string (builder, "student", result->student);
      pl_cli_json_add_string (builder, "outcome", outcome);
      pl_cli_json_add_string (builder, "reason", result->reason);
      for (guint i = 0; i < G_N_ELEMENTS (names); i++)
        pl_cli_json_add_int (builder, names[i], values[i]);
      pl_cli_json_add_strings (builder, "left_out", result->left_out);
      json_builder_end_object (builder);
      return;
    }

  pl_cli_print_row (4, result->name, outcome, result->student, result->reason);
  for (guint i = 0; result->left_out != NULL && i < result->left_out->len; i++)
    pl_cli_print_row (4, result->name, "left out", result->student,
                      g_ptr_array_index (result->left_out, i));
}

static int
cmd_collect (PlCliInvocation *invocation)
{
  g_autoptr(PlProject) project = NULL;
  g_autoptr(PlCollectReport) report = NULL;
  gboolean json = FALSE;
  GError *error = NULL;
  int status;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { NULL }
  };

  if (!pl_cli_parse_command_line (invocation, entries, &status))
    return status;
  project = pl_cli_open_project (invocation, &status);
  if (project == NULL)
    return status;

  report = pl_project_collect_handins (project, (const char * const *) invocation->argv + 2,
                                       &error);
  if (report == NULL)
    return pl_cli_fail (error);

  if (json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      pl_cli_json_add_int (builder, "collected", report->n_collected);
      pl_cli_json_add_int (builder, "refused", report->n_refused);
      json_builder_set_member_name (builder, "files");
      json_builder_begin_array (builder);
      for (guint i = 0; i < report->results->len; i++)
        print_result (&g_array_index (report->results, PlHandinResult, i), builder);
      json_builder_end_array (builder);
      json_builder_end_object (builder);
      pl_cli_print_json (builder);
    }
  else
    for (guint i = 0; i < report->results->len; i++)
      print_result (&g_array_index (report->results, PlHandinResult, i), NULL);

  /* Refused files are named on stderr too (each reason names its file), so that a script
   * that only checks the exit status still tells the teacher which. */
  for (guint i = 0; i < report->results->len; i++)
    {
      const PlHandinResult *result = &g_array_index (report->results, PlHandinResult, i);

      if (result->outcome == PL_HANDIN_REFUSED)
        pl_cli_print_message ("%s", result->reason);
    }

  pl_project_close (project);
  return report->n_refused > 0 ? PL_CLI_EXIT_FAILED : PL_CLI_EXIT_OK;
}

/* exercise scores */

static void
print_scores (PlClassScores *scores,
              gboolean       anonymous)
{
  for (guint s = 0; s < pl_class_scores_get_n_students (scores); s++)
    {
      const PlStudentScore *student = pl_class_scores_get_student (scores, s);
      g_autofree char *coded = g_strdup_printf ("%u", student->statements_coded);
      g_autofree char *kappa = format_coefficient (&student->cohen_kappa);
      g_autofree char *alpha_u = format_coefficient (&student->alpha_u);

      pl_cli_print_row (5, "student", anonymous ? student->alias : student->name, coded, kappa,
                        alpha_u);
    }
  for (guint c = 0; c < pl_class_scores_get_n_codes (scores); c++)
    {
      const PlScoreColumn *code = pl_class_scores_get_code (scores, c);
      const PlClassScore *class = pl_class_scores_get_class (scores, c, FALSE);
      g_autofree char *fleiss = format_coefficient (&class->fleiss_kappa);
      g_autofree char *alpha = format_coefficient (&class->krippendorff_alpha);

      pl_cli_print_row (5, "code", code->key, code->name, fleiss, alpha);
    }
}

static int
cmd_scores (PlCliInvocation *invocation)
{
  g_autoptr(PlProject) project = NULL;
  g_autoptr(PlProjectReader) reader = NULL;
  g_autoptr(PlClassScores) scores = NULL;
  g_autofree char *exercise_arg = NULL;
  g_autofree char *reference_arg = NULL;
  g_autofree char *exercise = NULL;
  g_autofree char *reference = NULL;
  gboolean json = FALSE;
  gboolean csv = FALSE;
  gboolean anonymous = FALSE;
  PlScoresSpec spec = { 0 };
  GError *error = NULL;
  int status;
  const GOptionEntry entries[] = {
    { "exercise", 0, 0, G_OPTION_ARG_FILENAME, &exercise_arg,
      N_("The exercise (its title or id; default: the newest)"), N_("EXERCISE") },
    { "reference", 0, 0, G_OPTION_ARG_FILENAME, &reference_arg,
      N_("The coder to score against (default: the exercise’s reference)"), N_("NAME") },
    { "anonymous", 0, 0, G_OPTION_ARG_NONE, &anonymous,
      N_("Students as “Student 1…”, in the order they handed in"), NULL },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { "csv", 0, 0, G_OPTION_ARG_NONE, &csv, N_("Print the class summary as CSV"), NULL },
    { NULL }
  };

  if (!pl_cli_parse_command_line (invocation, entries, &status))
    return status;
  if (json && csv)
    return pl_cli_usage_error (_("%s does not go with %s."), "--json", "--csv");
  if ((exercise_arg != NULL && (exercise = pl_cli_arg_to_utf8 (exercise_arg, &error)) == NULL)
      || (reference_arg != NULL && (reference = pl_cli_arg_to_utf8 (reference_arg, &error)) == NULL))
    return pl_cli_usage_fail (error);

  project = pl_cli_open_project (invocation, &status);
  if (project == NULL)
    return status;
  spec.exercise = exercise;
  spec.reference = reference;
  reader = pl_project_reader_new_for_project (project, &error);
  if (reader != NULL)
    scores = pl_class_scores_compute (reader, &spec, &error);
  if (scores == NULL)
    return pl_cli_fail (error);
  g_clear_pointer (&reader, pl_project_reader_free);

  if (json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      pl_class_scores_build_json (scores, anonymous, builder);
      pl_cli_print_json (builder);
    }
  else if (csv)
    {
      g_autofree char *text = pl_class_scores_to_csv (scores, anonymous);

      fputs (text, stdout);
    }
  else
    print_scores (scores, anonymous);

  pl_project_close (project);
  return PL_CLI_EXIT_OK;
}

/* The subcommands */

static const PlCliCommand subcommands[] = {
  { "create", "PROJECT", 1, 1,
    "exercise create PROJECT --documents ID,... [--codes PARENT] [--statements RANGES] "
    "[--instructions FILE] [--title TEXT] [--reference NAME] --output PACK",
    N_("Write an exercise pack of some documents and the codebook (or a branch of it) for a "
       "class; the reference coding stays in the project."), NULL, cmd_create },
  { "start", "PACK", 1, 1, "exercise start PACK --student NAME --output WORK",
    N_("Make a student’s own project from an exercise pack, to code like any project."),
    NULL, cmd_start },
  { "hand-in", "WORK", 1, 1, "exercise hand-in WORK --output HANDIN",
    N_("Write a student’s work as a hand-in for the teacher."), NULL, cmd_hand_in },
  { "collect", "PROJECT HANDIN…", 2, -1, "exercise collect PROJECT HANDIN... [--json]",
    N_("Add the students’ hand-ins to the project that made the exercise, as one undoable "
       "action; refused files are named with the reason (exit status 1)."), NULL,
    cmd_collect },
  { "scores", "PROJECT", 1, 1,
    "exercise scores PROJECT [--exercise EXERCISE] [--reference NAME] [--anonymous] "
    "[--json|--csv]",
    N_("Score every student against the reference: Cohen’s κ by statement, α_U by span, "
       "precision, recall and F1 per code; Fleiss’ κ and Krippendorff’s α per code."), NULL,
    cmd_scores },
};

static int
cmd_exercise (PlCliInvocation *invocation)
{
  PlCliInvocation sub = { NULL, invocation->argc - 1, invocation->argv + 1 };
  int status;

  if (invocation->argc >= 2 && invocation->argv[1][0] != '-')
    {
      for (guint i = 0; i < G_N_ELEMENTS (subcommands); i++)
        if (strcmp (invocation->argv[1], subcommands[i].name) == 0)
          sub.command = &subcommands[i];
      if (sub.command == NULL)
        return pl_cli_usage_error (_("Unknown exercise command “%s”: use create, start, "
                                     "hand-in, collect or scores."), invocation->argv[1]);
      return sub.command->run (&sub);
    }

  /* "plenary-cli exercise --help" lists the subcommands. */
  if (!pl_cli_parse_command_line (invocation, NULL, &status))
    return status;
  return pl_cli_usage_error (_("Missing arguments. Usage: plenary-cli %s"),
                             pl_cli_exercise_commands[0].synopsis);
}

const PlCliCommand pl_cli_exercise_commands[] = {
  { "exercise", "create|start|hand-in|collect|scores …", 1, -1,
    "exercise create|start|hand-in|collect|scores ... (see plenary-cli exercise COMMAND --help)",
    N_("Teaching seminars: make an exercise pack, start and hand in a student’s work, collect "
       "the class’s hand-ins and score them against the reference."),
    N_("Teaching seminars.\n"
       "  exercise create PROJECT --documents ID,... [--codes PARENT] [--statements RANGES]\n"
       "      [--instructions FILE] [--title TEXT] [--reference NAME] --output PACK\n"
       "  exercise start PACK --student NAME --output WORK\n"
       "  exercise hand-in WORK --output HANDIN\n"
       "  exercise collect PROJECT HANDIN... [--json]\n"
       "  exercise scores PROJECT [--exercise EXERCISE] [--reference NAME] [--anonymous]\n"
       "      [--json|--csv]"),
    cmd_exercise },
  { NULL }
};
