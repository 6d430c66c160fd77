/* plenary-cli.c — the command-line front end of Plenary, for scripts and batch work
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "plenary-cli"

#include "config.h"
#include <locale.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "pl-codebook.h"
#include "pl-error.h"
#include "pl-exporter.h"
#include "pl-importer.h"
#include "pl-project.h"
#include "pl-refi.h"
#include "pl-text.h"
#include "plenary-cli-codebook.h"

/* Exit statuses: scripts rely on them. */
enum
{
  PL_CLI_EXIT_OK = 0,
  PL_CLI_EXIT_FAILED = 1,
  PL_CLI_EXIT_USAGE = 2,
};

typedef struct _PlCliCommand PlCliCommand;

typedef int (*PlCliCommandFunc) (const PlCliCommand  *command,
                                 int                  argc,
                                 char               **argv);

struct _PlCliCommand
{
  const char       *name;
  const char       *parameters;  /* positional arguments, for the usage line */
  const char       *synopsis;    /* the whole command line, options included */
  const char       *description; /* translatable */
  PlCliCommandFunc  run;
};

/* A document's text, for slicing statements and annotations in offset order. */
typedef struct
{
  gint64      id;
  char       *text;
  guint       length;
  const char *cursor;
  guint       cursor_offset;
} PlCliText;

/* Output and messages are UTF-8 whatever the locale: JSON must be, and tab-separated
 * output is read by scripts. */
static void
print_message (const char *format,
               ...) G_GNUC_PRINTF (1, 2);

static void
print_message (const char *format,
               ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  fprintf (stderr, "plenary-cli: %s\n", message);
}

static int
fail (GError *error)
{
  g_assert (error != NULL);

  print_message ("%s", error->message);
  g_error_free (error);

  return PL_CLI_EXIT_FAILED;
}

static int
usage_error (const char *format,
             ...) G_GNUC_PRINTF (1, 2);

static int
usage_error (const char *format,
             ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  fprintf (stderr, "plenary-cli: %s\n", message);
  fprintf (stderr, "%s\n", _("Try “plenary-cli --help”."));

  return PL_CLI_EXIT_USAGE;
}

/* Command-line arguments arrive in the locale's encoding; UTF-8 is taken as it is. */
static char *
arg_to_utf8 (const char  *arg,
             GError     **error)
{
  g_assert (arg != NULL);

  if (g_utf8_validate (arg, -1, NULL))
    return g_strdup (arg);

  return g_locale_to_utf8 (arg, -1, NULL, NULL, error);
}

static void
append_field (GString    *line,
              const char *value)
{
  const char *p;

  if (value == NULL)
    return;

  /* One record per line: tabs and line breaks inside a value become spaces. */
  for (p = value; *p != '\0'; p++)
    g_string_append_c (line, (*p == '\t' || *p == '\n' || *p == '\r') ? ' ' : *p);
}

/* Prints @n_fields strings (NULL for an empty field) as one tab-separated line. */
static void
print_row (guint n_fields,
           ...)
{
  g_autoptr(GString) line = g_string_new (NULL);
  va_list args;

  va_start (args, n_fields);
  for (guint i = 0; i < n_fields; i++)
    {
      if (i > 0)
        g_string_append_c (line, '\t');
      append_field (line, va_arg (args, const char *));
    }
  va_end (args);

  g_string_append_c (line, '\n');
  fputs (line->str, stdout);
}

static void
print_json (JsonNode *root)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *data = NULL;

  json_generator_set_pretty (generator, TRUE);
  json_generator_set_root (generator, root);
  data = json_generator_to_data (generator, NULL);

  fputs (data, stdout);
  fputc ('\n', stdout);
}

static void
json_add_string (JsonBuilder *builder,
                 const char  *member,
                 const char  *value)
{
  json_builder_set_member_name (builder, member);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

static void
json_add_int (JsonBuilder *builder,
              const char  *member,
              gint64       value)
{
  json_builder_set_member_name (builder, member);
  json_builder_add_int_value (builder, value);
}

static void
json_add_boolean (JsonBuilder *builder,
                  const char  *member,
                  gboolean     value)
{
  json_builder_set_member_name (builder, member);
  json_builder_add_boolean_value (builder, value);
}

static const char *
nonempty (const char *value)
{
  return value != NULL && *value != '\0' ? value : NULL;
}

static void
text_clear (PlCliText *text)
{
  g_clear_pointer (&text->text, g_free);
  memset (text, 0, sizeof *text);
}

/* Makes @text hold the text of document @document_id, loading it when it changes. */
static gboolean
text_load (PlCliText  *text,
           PlProject  *project,
           gint64      document_id,
           GError    **error)
{
  char *loaded;

  if (text->text != NULL && text->id == document_id)
    return TRUE;

  loaded = pl_project_dup_document_text (project, document_id, error);
  if (loaded == NULL)
    return FALSE;

  text_clear (text);
  text->id = document_id;
  text->text = loaded;
  text->length = pl_text_length (loaded);
  text->cursor = loaded;

  return TRUE;
}

/* Code points [@start, @end), clamped like pl_text_slice(); quick when offsets grow. */
static char *
text_slice (PlCliText *text,
            guint      start,
            guint      end)
{
  const char *slice_end;

  g_assert (text->text != NULL);

  start = MIN (start, text->length);
  end = CLAMP (end, start, text->length);

  text->cursor = g_utf8_offset_to_pointer (text->cursor,
                                           (glong) start - (glong) text->cursor_offset);
  text->cursor_offset = start;
  slice_end = g_utf8_offset_to_pointer (text->cursor, (glong) (end - start));

  return g_strndup (text->cursor, slice_end - text->cursor);
}

/* Parses the options and leaves the positional arguments in @argv[1…]; FALSE with
 * @exit_status set when the command line is wrong or help was printed. */
static gboolean
parse_command_line (const PlCliCommand   *command,
                    const GOptionEntry   *entries,
                    int                  *argc,
                    char               ***argv,
                    int                   min_args,
                    int                   max_args,
                    int                  *exit_status)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *summary = NULL;
  int n_args;

  context = g_option_context_new (command->parameters);
  summary = g_strdup_printf ("plenary-cli %s\n\n%s", command->synopsis,
                             _(command->description));
  g_option_context_set_summary (context, summary);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  if (entries != NULL)
    g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);

  if (!g_option_context_parse (context, argc, argv, &error))
    {
      *exit_status = usage_error ("%s", error->message);
      return FALSE;
    }

  n_args = *argc - 1;
  if (n_args < min_args)
    {
      *exit_status = usage_error (_("Missing arguments. Usage: plenary-cli %s"),
                                  command->synopsis);
      return FALSE;
    }
  if (max_args >= 0 && n_args > max_args)
    {
      *exit_status = usage_error (_("Unexpected argument “%s”."), (*argv)[max_args + 1]);
      return FALSE;
    }

  return TRUE;
}

static gboolean
parse_document_id (const char  *value,
                   gint64      *out_id,
                   GError     **error)
{
  guint64 id;

  if (!g_ascii_string_to_unsigned (value, 10, 1, G_MAXINT64, &id, NULL))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("--document needs a document id (a whole number from 1), not “%s”."),
                   value);
      return FALSE;
    }

  *out_id = (gint64) id;

  return TRUE;
}

static gboolean
parse_offset (const char  *option,
              const char  *value,
              guint       *out_offset,
              GError     **error)
{
  guint64 offset;

  if (!g_ascii_string_to_unsigned (value, 10, 0, G_MAXUINT, &offset, NULL))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("%s needs a character offset (a whole number from 0), not “%s”."),
                   option, value);
      return FALSE;
    }

  *out_offset = (guint) offset;

  return TRUE;
}

static PlProject *
open_project (const char  *path,
              GError     **error)
{
  return pl_project_open (path, PL_PROJECT_OPEN_DEFAULT, error);
}

static PlDocument *
find_document (PlProject  *project,
               gint64      document_id,
               GError    **error)
{
  PlDocument *document = pl_project_find_document (project, document_id);

  if (document == NULL)
    {
      g_autofree char *name = g_filename_display_name (pl_project_get_path (project));
      g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, document_id);

      g_set_error (error, PL_STORE_ERROR, PL_STORE_ERROR_NOT_FOUND,
                   _("There is no document %s in “%s”."), id, name);
    }

  return document;
}

static char *
default_coder_name (void)
{
  const char *candidates[] = { g_getenv ("PLENARY_CODER"), g_get_real_name (), g_get_user_name () };

  for (guint i = 0; i < G_N_ELEMENTS (candidates); i++)
    {
      g_autofree char *name = NULL;

      if (candidates[i] == NULL || *candidates[i] == '\0' || strcmp (candidates[i], "Unknown") == 0)
        continue;

      name = arg_to_utf8 (candidates[i], NULL);
      if (name != NULL)
        return g_steal_pointer (&name);
    }

  return g_strdup ("Unknown");
}

/* new */

static int
cmd_new (const PlCliCommand  *command,
         int                  argc,
         char               **argv)
{
  g_autoptr(PlProject) project = NULL;
  GError *error = NULL;
  gboolean empty = FALSE;
  int status;
  const GOptionEntry entries[] = {
    { "empty", 0, 0, G_OPTION_ARG_NONE, &empty,
      N_("Start with an empty codebook instead of the starter codebook"), NULL },
    { NULL }
  };

  if (!parse_command_line (command, entries, &argc, &argv, 1, 1, &status))
    return status;

  project = pl_project_open (argv[1], PL_PROJECT_OPEN_CREATE | PL_PROJECT_OPEN_EXCLUSIVE,
                             &error);
  if (project == NULL)
    return fail (error);

  if (!empty && pl_codebook_load_starter (project, &error) < 0)
    {
      /* The file is ours, made a moment ago: leave nothing half set up behind. */
      pl_project_close (project);
      g_unlink (argv[1]);
      return fail (error);
    }

  pl_project_close (project);

  return PL_CLI_EXIT_OK;
}

/* import */

static int
cmd_import (const PlCliCommand  *command,
            int                  argc,
            char               **argv)
{
  g_autoptr(PlProject) project = NULL;
  GError *error = NULL;
  int status;

  if (!parse_command_line (command, NULL, &argc, &argv, 2, -1, &status))
    return status;

  project = open_project (argv[1], &error);
  if (project == NULL)
    return fail (error);

  status = PL_CLI_EXIT_OK;

  for (int i = 2; i < argc; i++)
    {
      g_autoptr(GFile) file = g_file_new_for_commandline_arg (argv[i]);
      g_autofree char *id = NULL;
      g_autofree char *count = NULL;
      PlDocument *document;

      document = pl_importer_import_file (project, file, NULL, &error);
      if (document == NULL)
        {
          status = fail (error);
          error = NULL;
          continue;
        }

      id = g_strdup_printf ("%" G_GINT64_FORMAT, pl_document_get_id (document));
      count = g_strdup_printf ("%u statements", pl_document_get_n_statements (document));
      print_row (3, id, pl_document_get_title (document), count);
    }

  pl_project_close (project);

  return status;
}

/* documents */

static int
cmd_documents (const PlCliCommand  *command,
               int                  argc,
               char               **argv)
{
  g_autoptr(PlProject) project = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  GError *error = NULL;
  gboolean json = FALSE;
  GListModel *documents;
  guint n;
  int status;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { NULL }
  };

  if (!parse_command_line (command, entries, &argc, &argv, 1, 1, &status))
    return status;

  project = open_project (argv[1], &error);
  if (project == NULL)
    return fail (error);

  documents = pl_project_get_documents (project);
  n = g_list_model_get_n_items (documents);

  json_builder_begin_array (builder);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PlDocument) document = g_list_model_get_item (documents, i);

      if (json)
        {
          json_builder_begin_object (builder);
          json_add_int (builder, "id", pl_document_get_id (document));
          json_add_string (builder, "guid", pl_document_get_guid (document));
          json_add_string (builder, "title", pl_document_get_title (document));
          json_add_string (builder, "source_uri", pl_document_get_source_uri (document));
          json_add_int (builder, "length", pl_document_get_length (document));
          json_add_int (builder, "statements", pl_document_get_n_statements (document));
          json_add_int (builder, "annotations", pl_document_get_n_annotations (document));
          json_add_string (builder, "created", pl_document_get_created (document));
          json_builder_end_object (builder);
        }
      else
        {
          g_autofree char *id = NULL;
          g_autofree char *n_statements = NULL;
          g_autofree char *n_annotations = NULL;

          id = g_strdup_printf ("%" G_GINT64_FORMAT, pl_document_get_id (document));
          n_statements = g_strdup_printf ("%u", pl_document_get_n_statements (document));
          n_annotations = g_strdup_printf ("%u", pl_document_get_n_annotations (document));
          print_row (4, id, pl_document_get_title (document), n_statements, n_annotations);
        }
    }
  json_builder_end_array (builder);

  if (json)
    {
      g_autoptr(JsonNode) root = json_builder_get_root (builder);

      print_json (root);
    }

  pl_project_close (project);

  return PL_CLI_EXIT_OK;
}

/* statements */

static int
cmd_statements (const PlCliCommand  *command,
                int                  argc,
                char               **argv)
{
  g_autoptr(PlProject) project = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(GPtrArray) statements = NULL;
  g_autofree char *document_arg = NULL;
  PlCliText text = { 0 };
  GError *error = NULL;
  gboolean json = FALSE;
  gint64 document_id = 0;
  int status;
  const GOptionEntry entries[] = {
    { "document", 0, 0, G_OPTION_ARG_STRING, &document_arg,
      N_("Only the statements of document ID"), N_("ID") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { NULL }
  };

  if (!parse_command_line (command, entries, &argc, &argv, 1, 1, &status))
    return status;

  if (document_arg != NULL && !parse_document_id (document_arg, &document_id, &error))
    {
      status = usage_error ("%s", error->message);
      g_error_free (error);
      return status;
    }

  project = open_project (argv[1], &error);
  if (project == NULL)
    return fail (error);

  if (document_id != 0 && find_document (project, document_id, &error) == NULL)
    return fail (error);

  statements = pl_project_list_statements (project, document_id, &error);
  if (statements == NULL)
    return fail (error);

  json_builder_begin_array (builder);
  for (guint i = 0; i < statements->len; i++)
    {
      const PlStatement *statement = g_ptr_array_index (statements, i);
      const char *kind = pl_statement_kind_to_string (statement->kind);
      g_autofree char *slice = NULL;

      if (!text_load (&text, project, statement->document_id, &error))
        {
          text_clear (&text);
          return fail (error);
        }

      slice = text_slice (&text, statement->start, statement->end);

      if (json)
        {
          json_builder_begin_object (builder);
          json_add_int (builder, "document_id", statement->document_id);
          json_add_int (builder, "index", statement->index);
          json_add_string (builder, "kind", kind);
          json_add_string (builder, "speaker", statement->speaker);
          json_add_string (builder, "entity", statement->entity);
          json_add_string (builder, "entity_type", statement->entity_type);
          json_add_string (builder, "iso3", statement->iso3);
          json_add_string (builder, "regional_group", statement->regional_group);
          json_add_string (builder, "on_behalf_of", statement->on_behalf_of);
          json_add_string (builder, "speaker_source", statement->speaker_source);
          json_add_int (builder, "start", statement->start);
          json_add_int (builder, "end", statement->end);
          json_add_boolean (builder, "needs_review", statement->needs_review);
          json_add_string (builder, "text", slice);
          json_builder_end_object (builder);
        }
      else
        {
          g_autofree char *doc = g_strdup_printf ("%" G_GINT64_FORMAT, statement->document_id);
          g_autofree char *index = g_strdup_printf ("%u", statement->index);
          g_autofree char *start = g_strdup_printf ("%u", statement->start);
          g_autofree char *end = g_strdup_printf ("%u", statement->end);

          print_row (7, doc, index, kind, statement->speaker, start, end, slice);
        }
    }
  json_builder_end_array (builder);
  text_clear (&text);

  if (json)
    {
      g_autoptr(JsonNode) root = json_builder_get_root (builder);

      print_json (root);
    }

  pl_project_close (project);

  return PL_CLI_EXIT_OK;
}

/* codes */

static int
cmd_codes (const PlCliCommand  *command,
           int                  argc,
           char               **argv)
{
  g_autoptr(PlProject) project = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  GError *error = NULL;
  gboolean json = FALSE;
  GListModel *codes;
  guint n;
  int status;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { NULL }
  };

  if (!parse_command_line (command, entries, &argc, &argv, 1, 1, &status))
    return status;

  project = open_project (argv[1], &error);
  if (project == NULL)
    return fail (error);

  codes = pl_project_get_codes (project);
  n = g_list_model_get_n_items (codes);

  json_builder_begin_array (builder);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PlCode) code = g_list_model_get_item (codes, i);
      gint64 parent_id = pl_code_get_parent_id (code);
      PlCode *parent = parent_id != 0 ? pl_project_find_code (project, parent_id) : NULL;
      const char *short_id = nonempty (pl_code_get_short_id (code));

      if (json)
        {
          json_builder_begin_object (builder);
          json_add_string (builder, "id", short_id);
          json_add_string (builder, "guid", pl_code_get_guid (code));
          json_add_string (builder, "name", pl_code_get_name (code));
          json_add_string (builder, "parent_guid",
                           parent != NULL ? pl_code_get_guid (parent) : NULL);
          json_add_string (builder, "path", pl_code_get_path (code));
          json_add_string (builder, "color", pl_code_get_color (code));
          json_add_string (builder, "shortcut", nonempty (pl_code_get_shortcut (code)));
          json_add_boolean (builder, "codable", pl_code_get_codable (code));
          json_add_int (builder, "depth", pl_code_get_depth (code));
          json_builder_end_object (builder);
        }
      else
        {
          const char *parent_key = NULL;

          if (parent != NULL)
            parent_key = nonempty (pl_code_get_short_id (parent));
          if (parent != NULL && parent_key == NULL)
            parent_key = pl_code_get_guid (parent);

          print_row (7, short_id, pl_code_get_guid (code), pl_code_get_name (code), parent_key,
                     pl_code_get_path (code), pl_code_get_color (code),
                     pl_code_get_shortcut (code));
        }
    }
  json_builder_end_array (builder);

  if (json)
    {
      g_autoptr(JsonNode) root = json_builder_get_root (builder);

      print_json (root);
    }

  pl_project_close (project);

  return PL_CLI_EXIT_OK;
}

/* code */

static int
cmd_code (const PlCliCommand  *command,
          int                  argc,
          char               **argv)
{
  g_autoptr(PlProject) project = NULL;
  g_autoptr(PlAnnotation) annotation = NULL;
  g_autofree char *document_arg = NULL;
  g_autofree char *start_arg = NULL;
  g_autofree char *end_arg = NULL;
  g_autofree char *code_arg = NULL;
  g_autofree char *coder_arg = NULL;
  g_autofree char *memo_arg = NULL;
  g_autofree char *code_key = NULL;
  g_autofree char *coder_name = NULL;
  g_autofree char *memo = NULL;
  GError *error = NULL;
  gint64 document_id = 0;
  guint start = 0;
  guint end = 0;
  PlDocument *document;
  PlCoder *coder;
  PlCode *code;
  int status;
  /* Text options are taken as bytes (FILENAME) and converted by arg_to_utf8(), so that
   * UTF-8 arguments work even under a non-UTF-8 locale. */
  const GOptionEntry entries[] = {
    { "document", 0, 0, G_OPTION_ARG_STRING, &document_arg, N_("The document to code"),
      N_("ID") },
    { "start", 0, 0, G_OPTION_ARG_STRING, &start_arg,
      N_("Where the span starts (a character offset from 0)"), N_("N") },
    { "end", 0, 0, G_OPTION_ARG_STRING, &end_arg,
      N_("Where the span ends (the offset after its last character)"), N_("N") },
    { "code", 0, 0, G_OPTION_ARG_FILENAME, &code_arg,
      N_("The code, by short id or GUID"), N_("CODE") },
    { "coder", 0, 0, G_OPTION_ARG_FILENAME, &coder_arg,
      N_("Who codes (default: $PLENARY_CODER, else your name)"), N_("NAME") },
    { "memo", 0, 0, G_OPTION_ARG_FILENAME, &memo_arg, N_("A memo on the annotation"),
      N_("TEXT") },
    { NULL }
  };

  if (!parse_command_line (command, entries, &argc, &argv, 1, 1, &status))
    return status;

  if (document_arg == NULL)
    return usage_error (_("The option %s is required."), "--document");
  if (start_arg == NULL)
    return usage_error (_("The option %s is required."), "--start");
  if (end_arg == NULL)
    return usage_error (_("The option %s is required."), "--end");
  if (code_arg == NULL)
    return usage_error (_("The option %s is required."), "--code");

  if (parse_document_id (document_arg, &document_id, &error) &&
      parse_offset ("--start", start_arg, &start, &error) &&
      parse_offset ("--end", end_arg, &end, &error))
    {
      code_key = arg_to_utf8 (code_arg, &error);
      if (code_key != NULL && coder_arg != NULL)
        coder_name = arg_to_utf8 (coder_arg, &error);
      if (error == NULL && memo_arg != NULL)
        memo = arg_to_utf8 (memo_arg, &error);
    }

  if (error != NULL)
    {
      status = usage_error ("%s", error->message);
      g_error_free (error);
      return status;
    }

  if (start >= end)
    return usage_error (_("The span is empty: --start (%u) must be less than --end (%u)."),
                        start, end);

  if (coder_name == NULL)
    coder_name = default_coder_name ();
  else if (*g_strstrip (coder_name) == '\0')
    return usage_error (_("--coder needs a name."));

  project = open_project (argv[1], &error);
  if (project == NULL)
    return fail (error);

  document = find_document (project, document_id, &error);
  if (document == NULL)
    return fail (error);

  code = pl_project_lookup_code (project, code_key);
  if (code == NULL)
    {
      g_autofree char *name = g_filename_display_name (pl_project_get_path (project));

      g_set_error (&error, PL_STORE_ERROR, PL_STORE_ERROR_NOT_FOUND,
                   _("There is no code “%s” in “%s”. "
                     "“plenary-cli codes” lists the short ids and GUIDs."),
                   code_key, name);
      return fail (error);
    }

  /* The store refuses these too, but only after the coder was added: refuse them first so
   * that a refused command changes nothing. */
  if (end > pl_document_get_length (document))
    {
      g_set_error (&error, PL_STORE_ERROR, PL_STORE_ERROR_INVALID,
                   _("The range %u–%u does not lie within “%s” (%u characters)."),
                   start, end, pl_document_get_title (document),
                   pl_document_get_length (document));
      return fail (error);
    }
  if (!pl_code_get_codable (code))
    {
      g_set_error (&error, PL_STORE_ERROR, PL_STORE_ERROR_INVALID,
                   _("“%s” is a folder of codes and cannot be applied to text."),
                   pl_code_get_name (code));
      return fail (error);
    }

  coder = pl_project_ensure_coder (project, coder_name, &error);
  if (coder == NULL)
    return fail (error);

  annotation = pl_project_add_annotation (project, document_id, pl_code_get_id (code),
                                          coder->id, start, end, memo, &error);
  if (annotation == NULL)
    return fail (error);

  print_row (1, annotation->guid);

  pl_project_close (project);

  return PL_CLI_EXIT_OK;
}

/* annotations */

static int
cmd_annotations (const PlCliCommand  *command,
                 int                  argc,
                 char               **argv)
{
  g_autoptr(PlProject) project = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(GPtrArray) annotations = NULL;
  g_autoptr(GPtrArray) coders = NULL;
  g_autoptr(GHashTable) coder_names = NULL;
  PlCliText text = { 0 };
  GError *error = NULL;
  gboolean json = FALSE;
  int status;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { NULL }
  };

  if (!parse_command_line (command, entries, &argc, &argv, 1, 1, &status))
    return status;

  project = open_project (argv[1], &error);
  if (project == NULL)
    return fail (error);

  annotations = pl_project_list_annotations (project, 0, &error);
  if (annotations == NULL)
    return fail (error);

  coders = pl_project_list_coders (project);
  coder_names = g_hash_table_new (g_int64_hash, g_int64_equal);
  for (guint i = 0; coders != NULL && i < coders->len; i++)
    {
      PlCoder *coder = g_ptr_array_index (coders, i);

      g_hash_table_insert (coder_names, &coder->id, coder->name);
    }

  json_builder_begin_array (builder);
  for (guint i = 0; i < annotations->len; i++)
    {
      const PlAnnotation *annotation = g_ptr_array_index (annotations, i);
      PlCode *code = pl_project_find_code (project, annotation->code_id);
      const char *short_id = code != NULL ? nonempty (pl_code_get_short_id (code)) : NULL;
      const char *coder = g_hash_table_lookup (coder_names, &annotation->coder_id);
      g_autofree char *slice = NULL;

      if (!text_load (&text, project, annotation->document_id, &error))
        {
          text_clear (&text);
          return fail (error);
        }

      slice = text_slice (&text, annotation->start, annotation->end);

      if (json)
        {
          json_builder_begin_object (builder);
          json_add_string (builder, "guid", annotation->guid);
          json_add_int (builder, "document_id", annotation->document_id);
          json_add_string (builder, "code_id", short_id);
          json_add_string (builder, "code_guid", code != NULL ? pl_code_get_guid (code) : NULL);
          json_add_string (builder, "coder", coder);
          json_add_int (builder, "start", annotation->start);
          json_add_int (builder, "end", annotation->end);
          json_add_string (builder, "text", slice);
          json_add_string (builder, "memo", annotation->memo);
          json_add_string (builder, "created", annotation->created);
          json_add_string (builder, "modified", annotation->modified);
          json_builder_end_object (builder);
        }
      else
        {
          g_autofree char *doc = g_strdup_printf ("%" G_GINT64_FORMAT, annotation->document_id);
          g_autofree char *start = g_strdup_printf ("%u", annotation->start);
          g_autofree char *end = g_strdup_printf ("%u", annotation->end);

          print_row (7, annotation->guid, doc, short_id, start, end, coder, slice);
        }
    }
  json_builder_end_array (builder);
  text_clear (&text);

  if (json)
    {
      g_autoptr(JsonNode) root = json_builder_get_root (builder);

      print_json (root);
    }

  pl_project_close (project);

  return PL_CLI_EXIT_OK;
}

/* export */

/* "1,2, 3" → ids; FALSE with @error naming @option when one is not a whole number. */
static gboolean
parse_id_list (const char  *option,
               const char  *value,
               GArray     **out_ids,
               GError     **error)
{
  g_auto(GStrv) parts = g_strsplit (value, ",", -1);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (guint i = 0; parts[i] != NULL; i++)
    {
      const char *part = g_strstrip (parts[i]);
      guint64 id;
      gint64 number;

      if (*part == '\0')
        continue;
      if (!g_ascii_string_to_unsigned (part, 10, 1, G_MAXINT64, &id, NULL))
        {
          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                       _("%s needs document ids (whole numbers from 1, separated by commas), "
                         "not “%s”."), option, part);
          return FALSE;
        }
      number = (gint64) id;
      g_array_append_val (ids, number);
    }

  if (ids->len == 0)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("%s needs at least one value."), option);
      return FALSE;
    }

  *out_ids = g_steal_pointer (&ids);
  return TRUE;
}

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

static gboolean
resolve_codes (PlProject   *project,
               const char  *value,
               GArray     **out_ids,
               GError     **error)
{
  g_auto(GStrv) parts = g_strsplit (value, ",", -1);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (guint i = 0; parts[i] != NULL; i++)
    {
      const char *key = g_strstrip (parts[i]);
      PlCode *code;
      gint64 id;

      if (*key == '\0')
        continue;

      code = pl_project_lookup_code (project, key);
      if (code == NULL)
        {
          g_autofree char *name = g_filename_display_name (pl_project_get_path (project));

          g_set_error (error, PL_STORE_ERROR, PL_STORE_ERROR_NOT_FOUND,
                       _("There is no code “%s” in “%s”. "
                         "“plenary-cli codes” lists the short ids and GUIDs."), key, name);
          return FALSE;
        }
      id = pl_code_get_id (code);
      g_array_append_val (ids, id);
    }

  *out_ids = g_steal_pointer (&ids);
  return TRUE;
}

static gboolean
resolve_coders (PlProject   *project,
                const char  *value,
                GArray     **out_ids,
                GError     **error)
{
  g_auto(GStrv) parts = g_strsplit (value, ",", -1);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) coders = pl_project_list_coders (project);

  for (guint i = 0; parts[i] != NULL; i++)
    {
      const char *name = g_strstrip (parts[i]);
      gboolean found = FALSE;

      if (*name == '\0')
        continue;

      for (guint c = 0; coders != NULL && c < coders->len; c++)
        {
          PlCoder *coder = g_ptr_array_index (coders, c);

          if (g_strcmp0 (coder->name, name) == 0)
            {
              g_array_append_val (ids, coder->id);
              found = TRUE;
            }
        }

      if (!found)
        {
          g_autofree char *project_name = g_filename_display_name (pl_project_get_path (project));

          g_set_error (error, PL_STORE_ERROR, PL_STORE_ERROR_NOT_FOUND,
                       _("There is no coder “%s” in “%s”."), name, project_name);
          return FALSE;
        }
    }

  *out_ids = g_steal_pointer (&ids);
  return TRUE;
}

static int
cmd_export (const PlCliCommand  *command,
            int                  argc,
            char               **argv)
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

  if (!parse_command_line (command, entries, &argc, &argv, 1, 1, &status))
    return status;

  if (format_arg == NULL)
    return usage_error (_("The option %s is required."), "--format");
  if (output_arg == NULL)
    return usage_error (_("The option %s is required."), "--output");
  if (!pl_export_format_from_string (format_arg, &format))
    return usage_error (_("Unknown export format “%s”: use csv, matrix, json or qdpx."),
                        format_arg);
  if (options->counts && format != PL_EXPORT_FORMAT_MATRIX)
    return usage_error (_("%s applies to --format matrix only."), "--counts");
  if (options->all_kinds && format != PL_EXPORT_FORMAT_MATRIX)
    return usage_error (_("%s applies to --format matrix only."), "--all-kinds");
  if (options->statement_text && format != PL_EXPORT_FORMAT_CSV &&
      format != PL_EXPORT_FORMAT_MATRIX)
    return usage_error (_("%s applies to --format csv and matrix only."), "--statement-text");
  if (options->spreadsheet_safe && format != PL_EXPORT_FORMAT_CSV &&
      format != PL_EXPORT_FORMAT_MATRIX)
    return usage_error (_("%s applies to --format csv and matrix only."), "--spreadsheet-safe");
  if (with_descendants && codes_arg == NULL)
    return usage_error (_("%s needs --codes."), "--with-descendants");

  if ((documents_arg != NULL &&
       !parse_id_list ("--documents", documents_arg, &options->filter.document_ids, &error)) ||
      (since_arg != NULL &&
       (options->filter.created_since = parse_date ("--since", since_arg, FALSE, &error)) == NULL) ||
      (until_arg != NULL &&
       (options->filter.created_until = parse_date ("--until", until_arg, TRUE, &error)) == NULL) ||
      (codes_arg != NULL && (codes_utf8 = arg_to_utf8 (codes_arg, &error)) == NULL) ||
      (coders_arg != NULL && (coders_utf8 = arg_to_utf8 (coders_arg, &error)) == NULL))
    {
      status = usage_error ("%s", error->message);
      g_error_free (error);
      return status;
    }
  options->filter.with_descendants = with_descendants;

  project = open_project (argv[1], &error);
  if (project == NULL)
    return fail (error);

  for (guint i = 0; options->filter.document_ids != NULL && i < options->filter.document_ids->len;
       i++)
    if (find_document (project, g_array_index (options->filter.document_ids, gint64, i),
                       &error) == NULL)
      return fail (error);

  if ((codes_utf8 != NULL &&
       !resolve_codes (project, codes_utf8, &options->filter.code_ids, &error)) ||
      (coders_utf8 != NULL &&
       !resolve_coders (project, coders_utf8, &options->filter.coder_ids, &error)))
    return fail (error);

  destination = g_file_new_for_commandline_arg (output_arg);
  if (!pl_export_full (project, &(PlExportSpec) { .format = format, .destination = destination,
                                                  .options = options }, NULL, &error))
    return fail (error);

  pl_project_close (project);

  return PL_CLI_EXIT_OK;
}

/* import-refi */

static void
json_add_strings (JsonBuilder *builder,
                  const char  *member,
                  GPtrArray   *strings)
{
  json_builder_set_member_name (builder, member);
  json_builder_begin_array (builder);
  for (guint i = 0; i < strings->len; i++)
    json_builder_add_string_value (builder, g_ptr_array_index (strings, i));
  json_builder_end_array (builder);
}

static int
cmd_import_refi (const PlCliCommand  *command,
                 int                  argc,
                 char               **argv)
{
  g_autoptr(PlProject) project = NULL;
  g_autoptr(PlRefiReport) report = NULL;
  g_autoptr(GFile) file = NULL;
  GError *error = NULL;
  gboolean json = FALSE;
  int status;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print the report as JSON"), NULL },
    { NULL }
  };
  static const char *counts[] = {
    "documents", "statements", "codes", "coders", "annotations", "memos", "notes",
  };

  if (!parse_command_line (command, entries, &argc, &argv, 2, 2, &status))
    return status;

  project = open_project (argv[1], &error);
  if (project == NULL)
    return fail (error);

  file = g_file_new_for_commandline_arg (argv[2]);
  report = pl_refi_import (project, file, NULL, &error);
  if (report == NULL)
    return fail (error);

  {
    guint values[] = {
      report->n_documents, report->n_statements, report->n_codes, report->n_coders,
      report->n_annotations, report->n_memos, report->n_notes,
    };

    if (json)
      {
        g_autoptr(JsonBuilder) builder = json_builder_new ();
        g_autoptr(JsonNode) root = NULL;

        json_builder_begin_object (builder);
        json_add_string (builder, "origin", report->origin);
        for (guint i = 0; i < G_N_ELEMENTS (counts); i++)
          json_add_int (builder, counts[i], values[i]);
        json_add_strings (builder, "not_imported", report->not_imported);
        json_add_strings (builder, "warnings", report->warnings);
        json_builder_end_object (builder);
        root = json_builder_get_root (builder);
        print_json (root);
      }
    else
      {
        print_row (2, "origin", report->origin);
        for (guint i = 0; i < G_N_ELEMENTS (counts); i++)
          {
            g_autofree char *value = g_strdup_printf ("%u", values[i]);

            print_row (2, counts[i], value);
          }
        for (guint i = 0; i < report->not_imported->len; i++)
          print_row (2, "not imported", g_ptr_array_index (report->not_imported, i));
        for (guint i = 0; i < report->warnings->len; i++)
          print_row (2, "warning", g_ptr_array_index (report->warnings, i));
      }
  }

  pl_project_close (project);

  return PL_CLI_EXIT_OK;
}

/* help */

static int
cmd_codebook (const PlCliCommand  *command,
              int                  argc,
              char               **argv)
{
  return pl_cli_codebook (argc, argv);
}

static const PlCliCommand commands[] = {
  { "new", "PROJECT", "new PROJECT [--empty]",
    N_("Create a project, with the starter codebook unless --empty is given."), cmd_new },
  { "import", "PROJECT FILE…", "import PROJECT FILE…",
    N_("Import text files as documents; prints id, title and statement count of each."),
    cmd_import },
  { "documents", "PROJECT", "documents PROJECT [--json]",
    N_("List the documents: id, title, statements, annotations."), cmd_documents },
  { "statements", "PROJECT", "statements PROJECT [--document ID] [--json]",
    N_("List the statements of all documents, or of one."), cmd_statements },
  { "codes", "PROJECT", "codes PROJECT [--json]",
    N_("List the codebook: short id, GUID, name, parent, path, colour, shortcut."),
    cmd_codes },
  { "code", "PROJECT",
    "code PROJECT --document ID --start N --end N --code CODE [--coder NAME] [--memo TEXT]",
    N_("Code a span of a document (offsets in characters); prints the annotation’s GUID."),
    cmd_code },
  { "annotations", "PROJECT", "annotations PROJECT [--json]",
    N_("List the annotations: GUID, document, code, start, end, coder, text."),
    cmd_annotations },
  { "export", "PROJECT",
    "export PROJECT --format csv|matrix|json|qdpx --output FILE [--documents ID,ID] "
    "[--codes CODE,CODE] [--with-descendants] [--coders NAME,NAME] [--since DATE] "
    "[--until DATE] [--statement-text] [--counts] [--all-kinds] [--spreadsheet-safe]",
    N_("Export the coded dataset as long CSV, as a statement × code matrix, as JSON or as a "
       "REFI-QDA project; the filters keep some documents, codes, coders or dates."),
    cmd_export },
  { "import-refi", "PROJECT FILE", "import-refi PROJECT FILE [--json]",
    N_("Import a REFI-QDA project (.qdpx, .qde) from ATLAS.ti, NVivo, MAXQDA and others; "
       "prints what was imported and what was not."), cmd_import_refi },
  { "codebook", "PROJECT",
    "codebook PROJECT (--export FILE [--format json|csv|qdc|md|html] | --import FILE [--yes] | --log)",
    N_("Export the codebook, import one (showing the plan; --yes applies it), or print its "
       "change log."), cmd_codebook },
};

static const PlCliCommand *
find_command (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      if (strcmp (commands[i].name, name) == 0)
        return &commands[i];
    }

  return NULL;
}

static void
print_help (void)
{
  g_autoptr(GString) help = g_string_new (NULL);

  g_string_append_printf (help, "%s\n  plenary-cli %s\n\n", _("Usage:"), _("COMMAND [OPTION…]"));
  g_string_append_printf (help, "%s\n\n",
                          _("Plenary on the command line: import transcripts, code them, "
                            "export the coded dataset."));
  g_string_append_printf (help, "%s\n", _("Commands:"));
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_string_append_printf (help, "  plenary-cli %s\n", commands[i].synopsis);
      g_string_append_printf (help, "      %s\n", _(commands[i].description));
    }
  g_string_append (help, "  plenary-cli help [COMMAND]\n");
  g_string_append_printf (help, "      %s\n", _("Show this help, or the options of a command."));
  g_string_append (help, "  plenary-cli --version\n");
  g_string_append_printf (help, "      %s\n\n", _("Show the version."));
  g_string_append_printf (help, "%s\n",
                          _("Exit status: 0 on success, 1 when an operation failed, "
                            "2 for a wrong command line."));
  g_string_append_printf (help, "%s\n",
                          _("The coder is --coder, else $PLENARY_CODER, else your name."));

  fputs (help->str, stdout);
}

/* "plenary-cli help COMMAND" is "plenary-cli COMMAND --help". */
static int
help_for (const char *name)
{
  const PlCliCommand *command = find_command (name);
  char *argv[] = { (char *) name, (char *) "--help", NULL };

  if (command == NULL)
    return usage_error (_("Unknown command “%s”."), name);

  return command->run (command, 2, argv);
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *prgname = NULL;
  const PlCliCommand *command;
  int status;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  if (argc < 2)
    return usage_error (_("No command given."));

  if (strcmp (argv[1], "--help") == 0 || strcmp (argv[1], "-h") == 0 ||
      (strcmp (argv[1], "help") == 0 && argc == 2))
    {
      print_help ();
      return PL_CLI_EXIT_OK;
    }

  if (strcmp (argv[1], "--version") == 0)
    {
      fputs ("plenary-cli " PACKAGE_VERSION "\n", stdout);
      return PL_CLI_EXIT_OK;
    }

  if (strcmp (argv[1], "help") == 0)
    {
      if (argc > 3)
        return usage_error (_("Unexpected argument “%s”."), argv[3]);
      prgname = g_strdup_printf ("plenary-cli %s", argv[2]);
      g_set_prgname (prgname);
      return help_for (argv[2]);
    }

  command = find_command (argv[1]);
  if (command == NULL)
    {
      if (argv[1][0] == '-')
        return usage_error (_("Unknown option “%s”."), argv[1]);
      return usage_error (_("Unknown command “%s”."), argv[1]);
    }

  prgname = g_strdup_printf ("plenary-cli %s", command->name);
  g_set_prgname (prgname);

  status = command->run (command, argc - 1, argv + 1);

  if (fflush (stdout) != 0 || ferror (stdout))
    {
      print_message ("%s", _("Could not write the output."));
      return PL_CLI_EXIT_FAILED;
    }

  return status;
}
