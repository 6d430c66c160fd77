/* pl-cli-common.c — what every plenary-cli command shares
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "plenary-cli"

#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include <glib/gi18n.h>

#include "pl-error.h"
#include "pl-text.h"
#include "pl-cli-common.h"

/* Messages and exit statuses */

static void
print_message_valist (const char *format,
                      va_list     args) G_GNUC_PRINTF (1, 0);

/* Output and messages are UTF-8 whatever the locale: JSON must be, and tab-separated
 * output is read by scripts. */
static void
print_message_valist (const char *format,
                      va_list     args)
{
  g_autofree char *message = g_strdup_vprintf (format, args);

  fprintf (stderr, "plenary-cli: %s\n", message);
}

void
pl_cli_print_message (const char *format,
                      ...)
{
  va_list args;

  va_start (args, format);
  print_message_valist (format, args);
  va_end (args);
}

int
pl_cli_fail (GError *error)
{
  g_assert (error != NULL);

  pl_cli_print_message ("%s", error->message);
  g_error_free (error);

  return PL_CLI_EXIT_FAILED;
}

int
pl_cli_usage_error (const char *format,
                    ...)
{
  va_list args;

  va_start (args, format);
  print_message_valist (format, args);
  va_end (args);

  fprintf (stderr, "%s\n", _("Try “plenary-cli --help”."));

  return PL_CLI_EXIT_USAGE;
}

int
pl_cli_usage_fail (GError *error)
{
  g_assert (error != NULL);

  pl_cli_usage_error ("%s", error->message);
  g_error_free (error);

  return PL_CLI_EXIT_USAGE;
}

/* Options and arguments */

gboolean
pl_cli_parse_command_line (PlCliInvocation    *invocation,
                           const GOptionEntry *entries,
                           int                *exit_status)
{
  const PlCliCommand *command = invocation->command;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *summary = NULL;
  int n_args;

  context = g_option_context_new (command->parameters);
  summary = g_strdup_printf ("plenary-cli %s\n\n%s", command->synopsis,
                             _(command->help != NULL ? command->help : command->description));
  g_option_context_set_summary (context, summary);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  if (entries != NULL)
    g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);

  if (!g_option_context_parse (context, &invocation->argc, &invocation->argv, &error))
    {
      *exit_status = pl_cli_usage_error ("%s", error->message);
      return FALSE;
    }

  n_args = invocation->argc - 1;
  if (n_args < command->min_args)
    {
      *exit_status = pl_cli_usage_error (_("Missing arguments. Usage: plenary-cli %s"),
                                         command->synopsis);
      return FALSE;
    }
  if (command->max_args >= 0 && n_args > command->max_args)
    {
      *exit_status = pl_cli_usage_error (_("Unexpected argument “%s”."),
                                         invocation->argv[command->max_args + 1]);
      return FALSE;
    }

  return TRUE;
}

char *
pl_cli_arg_to_utf8 (const char  *arg,
                    GError     **error)
{
  g_assert (arg != NULL);

  if (g_utf8_validate (arg, -1, NULL))
    return g_strdup (arg);

  return g_locale_to_utf8 (arg, -1, NULL, NULL, error);
}

GArray *
pl_cli_parse_list (const char         *value,
                   PlCliListItemFunc   func,
                   gpointer            user_data,
                   GError            **error)
{
  g_auto(GStrv) items = g_strsplit (value, ",", -1);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (guint i = 0; items[i] != NULL; i++)
    {
      const char *item = g_strstrip (items[i]);

      if (*item != '\0' && !func (item, ids, user_data, error))
        return NULL;
    }

  return g_steal_pointer (&ids);
}

gboolean
pl_cli_parse_id (const char  *option,
                 const char  *value,
                 gint64      *out_id,
                 GError     **error)
{
  guint64 id;

  if (!g_ascii_string_to_unsigned (value, 10, 1, G_MAXINT64, &id, NULL))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("%s needs a document id (a whole number from 1), not “%s”."),
                   option, value);
      return FALSE;
    }

  *out_id = (gint64) id;

  return TRUE;
}

gboolean
pl_cli_parse_document_id (const char  *value,
                          gint64      *out_id,
                          GError     **error)
{
  return pl_cli_parse_id ("--document", value, out_id, error);
}

gboolean
pl_cli_parse_offset (const char  *option,
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

char *
pl_cli_coder_name (const char *given)
{
  const char *candidates[] = {
    given, g_getenv ("PLENARY_CODER"), g_get_real_name (), g_get_user_name (),
  };

  for (guint i = 0; i < G_N_ELEMENTS (candidates); i++)
    {
      g_autofree char *name = NULL;

      if (candidates[i] == NULL || *candidates[i] == '\0' || strcmp (candidates[i], "Unknown") == 0)
        continue;

      name = pl_cli_arg_to_utf8 (candidates[i], NULL);
      if (name != NULL)
        return g_steal_pointer (&name);
    }

  return g_strdup ("Unknown");
}

/* A document id in --documents (@user_data names the option). */
static gboolean
read_document_id (const char  *item,
                  GArray      *ids,
                  gpointer     user_data,
                  GError     **error)
{
  const char *option = user_data;
  guint64 id;
  gint64 number;

  if (!g_ascii_string_to_unsigned (item, 10, 1, G_MAXINT64, &id, NULL))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("%s needs document ids (whole numbers from 1, separated by commas), "
                     "not “%s”."), option, item);
      return FALSE;
    }
  number = (gint64) id;
  g_array_append_val (ids, number);

  return TRUE;
}

/* "1,2, 3" → ids; FALSE with @error naming @option when one is not a whole number. */
gboolean
pl_cli_parse_id_list (const char  *option,
                      const char  *value,
                      GArray     **out_ids,
                      GError     **error)
{
  g_autoptr(GArray) ids = pl_cli_parse_list (value, read_document_id, (gpointer) option,
                                             error);

  if (ids == NULL)
    return FALSE;
  if (ids->len == 0)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("%s needs at least one value."), option);
      return FALSE;
    }

  *out_ids = g_steal_pointer (&ids);
  return TRUE;
}

/* A code in --codes, by short id or GUID (@user_data is the project). */
gboolean
pl_cli_read_code (const char  *item,
                  GArray      *ids,
                  gpointer     user_data,
                  GError     **error)
{
  PlCode *code = pl_cli_lookup_code (user_data, item, error);
  gint64 id;

  if (code == NULL)
    return FALSE;
  id = pl_code_get_id (code);
  g_array_append_val (ids, id);

  return TRUE;
}

/* A coder in --coders, by name: every coder of that name (@user_data is the project). */
gboolean
pl_cli_read_coder (const char  *item,
                   GArray      *ids,
                   gpointer     user_data,
                   GError     **error)
{
  PlProject *project = user_data;
  g_autoptr(GPtrArray) coders = pl_project_list_coders (project);
  gboolean found = FALSE;

  for (guint i = 0; coders != NULL && i < coders->len; i++)
    {
      PlCoder *coder = g_ptr_array_index (coders, i);

      if (g_strcmp0 (coder->name, item) == 0)
        {
          g_array_append_val (ids, coder->id);
          found = TRUE;
        }
    }

  if (!found)
    {
      g_autofree char *name = g_filename_display_name (pl_project_get_path (project));

      g_set_error (error, PL_STORE_ERROR, PL_STORE_ERROR_NOT_FOUND,
                   _("There is no coder “%s” in “%s”."), item, name);
    }

  return found;
}

/* The project */

PlProject *
pl_cli_open_project (PlCliInvocation *invocation,
                     int             *exit_status)
{
  GError *error = NULL;
  PlProject *project = pl_project_open (invocation->argv[1], PL_PROJECT_OPEN_DEFAULT, &error);

  if (project == NULL)
    *exit_status = pl_cli_fail (error);

  return project;
}

PlProject *
pl_cli_open_with_json (PlCliInvocation *invocation,
                       const char      *json_help,
                       gboolean        *json,
                       int             *exit_status)
{
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, json, json_help, NULL },
    { NULL }
  };

  if (!pl_cli_parse_command_line (invocation, entries, exit_status))
    return NULL;

  return pl_cli_open_project (invocation, exit_status);
}

PlDocument *
pl_cli_find_document (PlProject  *project,
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

PlCode *
pl_cli_lookup_code (PlProject   *project,
                    const char  *key,
                    GError     **error)
{
  PlCode *code = pl_project_lookup_code (project, key);

  if (code == NULL)
    {
      g_autofree char *name = g_filename_display_name (pl_project_get_path (project));

      g_set_error (error, PL_STORE_ERROR, PL_STORE_ERROR_NOT_FOUND,
                   _("There is no code “%s” in “%s”. "
                     "“plenary-cli codes” lists the short ids and GUIDs."), key, name);
    }

  return code;
}

/* Output */

const char *
pl_cli_nonempty (const char *value)
{
  return value != NULL && *value != '\0' ? value : NULL;
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

void
pl_cli_print_row (guint n_fields,
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

int
pl_cli_run_list (PlCliInvocation *invocation,
                 PlCliModelFunc   get_items,
                 PlCliItemFunc    print_item)
{
  g_autoptr(PlProject) project = NULL;
  g_autoptr(JsonBuilder) builder = NULL;
  gboolean json = FALSE;
  GListModel *items;
  guint n;
  int status;

  project = pl_cli_open_with_json (invocation, N_("Print JSON"), &json, &status);
  if (project == NULL)
    return status;

  if (json)
    {
      builder = json_builder_new ();
      json_builder_begin_array (builder);
    }

  items = get_items (project);
  n = g_list_model_get_n_items (items);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (items, i);

      print_item (item, builder, project);
    }

  if (json)
    {
      json_builder_end_array (builder);
      pl_cli_print_json (builder);
    }

  pl_project_close (project);

  return PL_CLI_EXIT_OK;
}

void
pl_cli_print_json (JsonBuilder *builder)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = json_builder_get_root (builder);
  g_autofree char *data = NULL;

  json_generator_set_pretty (generator, TRUE);
  json_generator_set_root (generator, root);
  data = json_generator_to_data (generator, NULL);

  fputs (data, stdout);
  fputc ('\n', stdout);
}

void
pl_cli_json_add_string (JsonBuilder *builder,
                        const char  *member,
                        const char  *value)
{
  json_builder_set_member_name (builder, member);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

void
pl_cli_json_add_int (JsonBuilder *builder,
                     const char  *member,
                     gint64       value)
{
  json_builder_set_member_name (builder, member);
  json_builder_add_int_value (builder, value);
}

void
pl_cli_json_add_boolean (JsonBuilder *builder,
                         const char  *member,
                         gboolean     value)
{
  json_builder_set_member_name (builder, member);
  json_builder_add_boolean_value (builder, value);
}

void
pl_cli_json_add_strings (JsonBuilder *builder,
                         const char  *member,
                         GPtrArray   *strings)
{
  json_builder_set_member_name (builder, member);
  json_builder_begin_array (builder);
  for (guint i = 0; i < strings->len; i++)
    json_builder_add_string_value (builder, g_ptr_array_index (strings, i));
  json_builder_end_array (builder);
}

/* Document texts */

void
pl_cli_text_clear (PlCliText *text)
{
  g_clear_pointer (&text->text, g_free);
  memset (text, 0, sizeof *text);
}

/* Makes @text hold the text of document @document_id, loading it when it changes. */
static gboolean
text_load (PlCliText  *text,
           gint64      document_id,
           GError    **error)
{
  char *loaded;

  if (text->text != NULL && text->id == document_id)
    return TRUE;

  loaded = pl_project_dup_document_text (text->project, document_id, error);
  if (loaded == NULL)
    return FALSE;

  g_free (text->text);
  text->id = document_id;
  text->text = loaded;
  text->length = pl_text_length (loaded);
  text->cursor = loaded;
  text->cursor_offset = 0;

  return TRUE;
}

char *
pl_cli_text_slice (PlCliText  *text,
                   gint64      document_id,
                   guint       start,
                   guint       end,
                   GError    **error)
{
  const char *slice_end;

  g_assert (text->project != NULL);

  if (!text_load (text, document_id, error))
    return NULL;

  start = MIN (start, text->length);
  end = CLAMP (end, start, text->length);

  text->cursor = g_utf8_offset_to_pointer (text->cursor,
                                           (glong) start - (glong) text->cursor_offset);
  text->cursor_offset = start;
  slice_end = g_utf8_offset_to_pointer (text->cursor, (glong) (end - start));

  return g_strndup (text->cursor, slice_end - text->cursor);
}
