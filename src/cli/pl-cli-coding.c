/* pl-cli-coding.c — "plenary-cli codes", "code" and "annotations"
 *
 * "code --from FILE" codes every row of a file in one transaction and one undo step, for
 * scripts: every row is checked first, and a wrong row (reported with its line number)
 * leaves the project as it was.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "plenary-cli"

#include "config.h"

#include <glib/gi18n.h>

#include <stdio.h>
#include <string.h>

#include "pl-error.h"
#include "pl-json.h"
#include "pl-cli-commands.h"

/* codes */

static void
print_code (gpointer     item,
            JsonBuilder *builder,
            PlProject   *project)
{
  PlCode *code = item;
  gint64 parent_id = pl_code_get_parent_id (code);
  PlCode *parent = parent_id != 0 ? pl_project_find_code (project, parent_id) : NULL;
  const char *short_id = pl_cli_nonempty (pl_code_get_short_id (code));
  const char *parent_key = NULL;

  if (builder != NULL)
    {
      json_builder_begin_object (builder);
      pl_cli_json_add_string (builder, "id", short_id);
      pl_cli_json_add_string (builder, "guid", pl_code_get_guid (code));
      pl_cli_json_add_string (builder, "name", pl_code_get_name (code));
      pl_cli_json_add_string (builder, "parent_guid",
                              parent != NULL ? pl_code_get_guid (parent) : NULL);
      pl_cli_json_add_string (builder, "path", pl_code_get_path (code));
      pl_cli_json_add_string (builder, "color", pl_code_get_color (code));
      pl_cli_json_add_string (builder, "shortcut", pl_cli_nonempty (pl_code_get_shortcut (code)));
      pl_cli_json_add_boolean (builder, "codable", pl_code_get_codable (code));
      pl_cli_json_add_int (builder, "depth", pl_code_get_depth (code));
      json_builder_end_object (builder);
      return;
    }

  if (parent != NULL)
    parent_key = pl_cli_nonempty (pl_code_get_short_id (parent));
  if (parent != NULL && parent_key == NULL)
    parent_key = pl_code_get_guid (parent);

  pl_cli_print_row (7, short_id, pl_code_get_guid (code), pl_code_get_name (code), parent_key,
                    pl_code_get_path (code), pl_code_get_color (code),
                    pl_code_get_shortcut (code));
}

static int
cmd_codes (PlCliInvocation *invocation)
{
  return pl_cli_run_list (invocation, pl_project_get_codes, print_code);
}

/* code */

/* The store refuses these too, but only after the coder was added: refuse them first so
 * that a refused command changes nothing. */
static gboolean
check_span (PlDocument  *document,
            PlCode      *code,
            guint        start,
            guint        end,
            GError     **error)
{
  if (end > pl_document_get_length (document))
    {
      g_set_error (error, PL_STORE_ERROR, PL_STORE_ERROR_INVALID,
                   _("The range %u–%u does not lie within “%s” (%u characters)."),
                   start, end, pl_document_get_title (document),
                   pl_document_get_length (document));
      return FALSE;
    }
  if (!pl_code_get_codable (code))
    {
      g_set_error (error, PL_STORE_ERROR, PL_STORE_ERROR_INVALID,
                   _("“%s” is a folder of codes and cannot be applied to text."),
                   pl_code_get_name (code));
      return FALSE;
    }

  return TRUE;
}

/* code --from FILE */

/* Rows reported when many are wrong; the rest are counted. */
#define MAX_ROW_ERRORS 20

typedef struct
{
  guint   line;
  gint64  document_id;
  guint   start;
  guint   end;
  char   *code;
  char   *coder;   /* NULL: the default coder */
  char   *memo;
} Row;

static void
row_clear (gpointer data)
{
  Row *row = data;

  g_free (row->code);
  g_free (row->coder);
  g_free (row->memo);
}

static gboolean
parse_row_offset (const char  *value,
                  guint       *out,
                  GError     **error)
{
  guint64 offset;

  if (!g_ascii_string_to_unsigned (value, 10, 0, G_MAXUINT, &offset, NULL))
    {
      g_set_error (error, PL_STORE_ERROR, PL_STORE_ERROR_INVALID,
                   _("“%s” is not a character offset (a whole number from 0)."), value);
      return FALSE;
    }
  *out = (guint) offset;
  return TRUE;
}

/* document, start, end, code[, coder[, memo (the rest of the line)]] */
static gboolean
parse_tsv_row (const char  *line,
               Row         *row,
               GError     **error)
{
  g_auto(GStrv) fields = g_strsplit (line, "\t", 6);
  guint64 id;

  if (g_strv_length (fields) < 4)
    {
      g_set_error (error, PL_STORE_ERROR, PL_STORE_ERROR_INVALID,
                   _("A row needs at least 4 fields separated by tabs (document, start, end, code), "
                     "not %u."), g_strv_length (fields));
      return FALSE;
    }
  if (!g_ascii_string_to_unsigned (fields[0], 10, 1, G_MAXINT64, &id, NULL))
    {
      g_set_error (error, PL_STORE_ERROR, PL_STORE_ERROR_INVALID,
                   _("“%s” is not a document id (a whole number from 1)."), fields[0]);
      return FALSE;
    }
  row->document_id = (gint64) id;
  if (!parse_row_offset (fields[1], &row->start, error) || !parse_row_offset (fields[2], &row->end, error))
    return FALSE;
  row->code = g_strdup (fields[3]);
  row->coder = fields[4] != NULL ? g_strdup (fields[4]) : NULL;
  row->memo = fields[4] != NULL && fields[5] != NULL ? g_strdup (fields[5]) : NULL;
  return TRUE;
}

static gboolean
json_row_number (JsonObject  *object,
                 const char  *name,
                 gint64       min,
                 gint64       max,
                 gint64      *out,
                 GError     **error)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64
      || json_node_get_int (node) < min || json_node_get_int (node) > max)
    {
      g_set_error (error, PL_STORE_ERROR, PL_STORE_ERROR_INVALID,
                   _("“%s” needs a whole number from %lld."), name, (long long) min);
      return FALSE;
    }
  *out = json_node_get_int (node);
  return TRUE;
}

static gboolean
json_row_string (JsonObject  *object,
                 const char  *name,
                 gboolean     required,
                 char       **out,
                 GError     **error)
{
  JsonNode *node = json_object_get_member (object, name);

  if ((node == NULL || JSON_NODE_HOLDS_NULL (node)) && !required)
    return TRUE;
  if (node == NULL || pl_json_member_string (object, name) == NULL)
    {
      g_set_error (error, PL_STORE_ERROR, PL_STORE_ERROR_INVALID,
                   required ? _("“%s” needs a string.") : _("“%s” needs a string or null."), name);
      return FALSE;
    }
  *out = g_strdup (pl_json_member_string (object, name));
  return TRUE;
}

/* {"document": 3, "start": 0, "end": 12, "code": "NRM.F", "coder": "…", "memo": "…"} */
static gboolean
parse_json_row (const char  *line,
                const char  *display_name,
                Row         *row,
                GError     **error)
{
  g_autoptr(JsonNode) node = pl_json_parse (line, -1, display_name, error);
  JsonObject *object;
  gint64 document_id, start, end;

  if (node == NULL)
    return FALSE;
  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error (error, PL_STORE_ERROR, PL_STORE_ERROR_INVALID, _("A row in JSON needs to be an object."));
      return FALSE;
    }
  object = json_node_get_object (node);
  if (!json_row_number (object, "document", 1, G_MAXINT64, &document_id, error)
      || !json_row_number (object, "start", 0, G_MAXUINT, &start, error)
      || !json_row_number (object, "end", 0, G_MAXUINT, &end, error)
      || !json_row_string (object, "code", TRUE, &row->code, error)
      || !json_row_string (object, "coder", FALSE, &row->coder, error)
      || !json_row_string (object, "memo", FALSE, &row->memo, error))
    return FALSE;
  row->document_id = document_id;
  row->start = (guint) start;
  row->end = (guint) end;
  return TRUE;
}

/* Whether @line is the first line of a tab-separated file and names the fields. */
static gboolean
is_header (const char *line)
{
  return g_str_has_prefix (line, "document\t");
}

typedef struct
{
  const char *display_name;
  guint       n_errors;
} RowErrors;

static void
report_row (RowErrors *errors,
            guint      line,
            GError    *error)
{
  if (errors->n_errors++ < MAX_ROW_ERRORS)
    pl_cli_print_message (_("%s, line %u: %s"), errors->display_name, line, error->message);
  g_error_free (error);
}

/* The annotation a row stands for, checked as "code" checks its options; @codes keeps
 * the codes already looked up (key → PlCode). */
static gboolean
resolve_row (PlProject         *project,
             GHashTable        *codes,
             Row               *row,
             PlAnnotationSpec  *spec,
             GError           **error)
{
  PlDocument *document;
  PlCode *code;

  if (row->start >= row->end)
    {
      g_set_error (error, PL_STORE_ERROR, PL_STORE_ERROR_INVALID,
                   _("The span is empty: the start (%u) must be less than the end (%u)."),
                   row->start, row->end);
      return FALSE;
    }
  document = pl_cli_find_document (project, row->document_id, error);
  if (document == NULL)
    return FALSE;
  code = g_hash_table_lookup (codes, row->code);
  if (code == NULL)
    {
      code = pl_cli_lookup_code (project, row->code, error);
      if (code == NULL)
        return FALSE;
      g_hash_table_insert (codes, g_strdup (row->code), code);
    }
  if (!check_span (document, code, row->start, row->end, error))
    return FALSE;

  if (row->coder != NULL && *g_strstrip (row->coder) == '\0')
    g_clear_pointer (&row->coder, g_free);
  *spec = (PlAnnotationSpec) {
    .document_id = row->document_id,
    .code_id = pl_code_get_id (code),
    .start = row->start,
    .end = row->end,
    .memo = row->memo,
  };
  return TRUE;
}

/* Reads and checks the rows of @contents, in order, into @rows and @specs; FALSE when one
 * of them is wrong (each reported with its line). */
static gboolean
read_rows (PlProject  *project,
           char       *contents,
           GArray     *rows,
           GArray     *specs,
           RowErrors  *errors)
{
  g_autoptr(GHashTable) codes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  char *next = contents;
  gboolean first = TRUE;

  for (guint line = 1; next != NULL; line++)
    {
      char *text = next;
      char *end = strchr (text, '\n');
      GError *error = NULL;
      Row row = { .line = line };
      PlAnnotationSpec spec;

      next = end != NULL ? end + 1 : NULL;
      if (end != NULL)
        *end = '\0';
      if (end != NULL && end > text && end[-1] == '\r')
        end[-1] = '\0';

      if (!g_utf8_validate (text, -1, NULL))
        {
          report_row (errors, line, g_error_new (PL_STORE_ERROR, PL_STORE_ERROR_INVALID,
                                                 _("The line is not UTF-8 text.")));
          continue;
        }
      if (text[strspn (text, " \t")] == '\0')
        continue;
      if (text[0] == '#' || (first && is_header (text)))
        {
          first = FALSE;
          continue;
        }
      first = FALSE;

      if ((text[strspn (text, " \t")] == '{' ? parse_json_row (text, errors->display_name, &row, &error)
                                              : parse_tsv_row (text, &row, &error))
          && resolve_row (project, codes, &row, &spec, &error))
        {
          g_array_append_val (rows, row);
          g_array_append_val (specs, spec);
        }
      else
        {
          row_clear (&row);
          report_row (errors, line, error);
        }
    }
  return errors->n_errors == 0;
}

static char *
read_file_or_stdin (const char  *path,
                    const char  *display_name,
                    GError     **error)
{
  g_autoptr(GString) contents = NULL;
  char buffer[65536];
  size_t n;
  char *text = NULL;

  if (!g_str_equal (path, "-"))
    {
      if (!g_file_get_contents (path, &text, NULL, error))
        return NULL;
      return text;
    }

  contents = g_string_new (NULL);
  while ((n = fread (buffer, 1, sizeof buffer, stdin)) > 0)
    g_string_append_len (contents, buffer, n);
  if (ferror (stdin))
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_IO, _("Could not read %s."), display_name);
      return NULL;
    }
  return g_string_free (g_steal_pointer (&contents), FALSE);
}

static int
code_from_file (PlCliInvocation *invocation,
                const char      *from,
                const char      *default_coder)
{
  g_autoptr(PlProject) project = NULL;
  g_autoptr(GArray) rows = g_array_new (FALSE, TRUE, sizeof (Row));
  g_autoptr(GArray) specs = g_array_new (FALSE, TRUE, sizeof (PlAnnotationSpec));
  g_autoptr(GHashTable) coders = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree char *display_name = g_str_equal (from, "-") ? g_strdup (_("standard input")) : g_filename_display_name (from);
  g_autofree char *contents = NULL;
  g_auto(GStrv) guids = NULL;
  RowErrors errors = { display_name, 0 };
  GError *error = NULL;
  int status;

  g_array_set_clear_func (rows, row_clear);

  contents = read_file_or_stdin (from, display_name, &error);
  if (contents == NULL)
    return pl_cli_fail (error);

  project = pl_cli_open_project (invocation, &status);
  if (project == NULL)
    return status;

  /* Every row is read and checked before anything is written. */
  read_rows (project, contents, rows, specs, &errors);
  if (errors.n_errors > MAX_ROW_ERRORS)
    pl_cli_print_message (g_dngettext (GETTEXT_PACKAGE, "%u more row is wrong.", "%u more rows are wrong.",
                                       errors.n_errors - MAX_ROW_ERRORS), errors.n_errors - MAX_ROW_ERRORS);
  if (errors.n_errors > 0)
    {
      pl_cli_print_message (_("Nothing was coded: correct the rows above, then run the command again."));
      return PL_CLI_EXIT_FAILED;
    }

  /* The coders, then every annotation in one action. */
  for (guint i = 0; i < rows->len; i++)
    {
      Row *row = &g_array_index (rows, Row, i);
      const char *name = row->coder != NULL ? row->coder : default_coder;
      PlCoder *coder = g_hash_table_lookup (coders, name);

      if (coder == NULL)
        {
          coder = pl_project_ensure_coder (project, name, &error);
          if (coder == NULL)
            return pl_cli_fail (error);
          g_hash_table_insert (coders, (gpointer) name, coder);
        }
      g_array_index (specs, PlAnnotationSpec, i).coder_id = coder->id;
    }

  guids = pl_project_add_annotations (project, (PlAnnotationSpec *) specs->data, specs->len, NULL, &error);
  if (guids == NULL)
    return pl_cli_fail (error);

  for (guint i = 0; guids[i] != NULL; i++)
    pl_cli_print_row (1, guids[i]);

  pl_project_close (project);

  return PL_CLI_EXIT_OK;
}

static int
cmd_code (PlCliInvocation *invocation)
{
  g_autoptr(PlProject) project = NULL;
  g_autoptr(PlAnnotation) annotation = NULL;
  g_autofree char *document_arg = NULL;
  g_autofree char *start_arg = NULL;
  g_autofree char *end_arg = NULL;
  g_autofree char *code_arg = NULL;
  g_autofree char *coder_arg = NULL;
  g_autofree char *memo_arg = NULL;
  g_autofree char *from_arg = NULL;
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
  /* Text options are taken as bytes (FILENAME) and converted by pl_cli_arg_to_utf8(), so
   * that UTF-8 arguments work even under a non-UTF-8 locale. */
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
    { "from", 0, 0, G_OPTION_ARG_FILENAME, &from_arg,
      N_("Code every row of FILE (“-”: standard input) in one transaction and one undo step"),
      N_("FILE") },
    { NULL }
  };

  if (!pl_cli_parse_command_line (invocation, entries, &status))
    return status;

  if (from_arg != NULL)
    {
      if (document_arg != NULL || start_arg != NULL || end_arg != NULL || code_arg != NULL || memo_arg != NULL)
        return pl_cli_usage_error (_("--from takes the spans from a file: it cannot be used with "
                                     "--document, --start, --end, --code or --memo."));
      if (coder_arg != NULL)
        {
          coder_name = pl_cli_arg_to_utf8 (coder_arg, &error);
          if (coder_name == NULL)
            return pl_cli_usage_fail (error);
          if (*g_strstrip (coder_name) == '\0')
            return pl_cli_usage_error (_("--coder needs a name."));
        }
      else
        coder_name = pl_cli_coder_name (NULL);
      return code_from_file (invocation, from_arg, coder_name);
    }

  if (document_arg == NULL)
    return pl_cli_usage_error (_("The option %s is required."), "--document");
  if (start_arg == NULL)
    return pl_cli_usage_error (_("The option %s is required."), "--start");
  if (end_arg == NULL)
    return pl_cli_usage_error (_("The option %s is required."), "--end");
  if (code_arg == NULL)
    return pl_cli_usage_error (_("The option %s is required."), "--code");

  if (pl_cli_parse_document_id (document_arg, &document_id, &error) &&
      pl_cli_parse_offset ("--start", start_arg, &start, &error) &&
      pl_cli_parse_offset ("--end", end_arg, &end, &error))
    {
      code_key = pl_cli_arg_to_utf8 (code_arg, &error);
      if (code_key != NULL && coder_arg != NULL)
        coder_name = pl_cli_arg_to_utf8 (coder_arg, &error);
      if (error == NULL && memo_arg != NULL)
        memo = pl_cli_arg_to_utf8 (memo_arg, &error);
    }

  if (error != NULL)
    return pl_cli_usage_fail (error);

  if (start >= end)
    return pl_cli_usage_error (_("The span is empty: --start (%u) must be less than --end (%u)."),
                               start, end);

  if (coder_name == NULL)
    coder_name = pl_cli_coder_name (NULL);
  else if (*g_strstrip (coder_name) == '\0')
    return pl_cli_usage_error (_("--coder needs a name."));

  project = pl_cli_open_project (invocation, &status);
  if (project == NULL)
    return status;

  document = pl_cli_find_document (project, document_id, &error);
  if (document == NULL)
    return pl_cli_fail (error);

  code = pl_cli_lookup_code (project, code_key, &error);
  if (code == NULL || !check_span (document, code, start, end, &error))
    return pl_cli_fail (error);

  coder = pl_project_ensure_coder (project, coder_name, &error);
  if (coder == NULL)
    return pl_cli_fail (error);

  annotation = pl_project_add_annotation (project,
                                          &(PlAnnotationSpec) {
                                            .document_id = document_id,
                                            .code_id = pl_code_get_id (code),
                                            .coder_id = coder->id,
                                            .start = start,
                                            .end = end,
                                            .memo = memo,
                                          },
                                          &error);
  if (annotation == NULL)
    return pl_cli_fail (error);

  pl_cli_print_row (1, annotation->guid);

  pl_project_close (project);

  return PL_CLI_EXIT_OK;
}

/* annotations */

static void
print_annotation (const PlAnnotation *annotation,
                  PlCode             *code,
                  const char         *coder,
                  const char         *text,
                  JsonBuilder        *builder)
{
  const char *short_id = code != NULL ? pl_cli_nonempty (pl_code_get_short_id (code)) : NULL;
  g_autofree char *doc = NULL;
  g_autofree char *start = NULL;
  g_autofree char *end = NULL;

  if (builder != NULL)
    {
      json_builder_begin_object (builder);
      pl_cli_json_add_string (builder, "guid", annotation->guid);
      pl_cli_json_add_int (builder, "document_id", annotation->document_id);
      pl_cli_json_add_string (builder, "code_id", short_id);
      pl_cli_json_add_string (builder, "code_guid", code != NULL ? pl_code_get_guid (code) : NULL);
      pl_cli_json_add_string (builder, "coder", coder);
      pl_cli_json_add_int (builder, "start", annotation->start);
      pl_cli_json_add_int (builder, "end", annotation->end);
      pl_cli_json_add_string (builder, "text", text);
      pl_cli_json_add_string (builder, "memo", annotation->memo);
      pl_cli_json_add_string (builder, "created", annotation->created);
      pl_cli_json_add_string (builder, "modified", annotation->modified);
      json_builder_end_object (builder);
      return;
    }

  doc = g_strdup_printf ("%" G_GINT64_FORMAT, annotation->document_id);
  start = g_strdup_printf ("%u", annotation->start);
  end = g_strdup_printf ("%u", annotation->end);
  pl_cli_print_row (7, annotation->guid, doc, short_id, start, end, coder, text);
}

static int
cmd_annotations (PlCliInvocation *invocation)
{
  g_autoptr(PlProject) project = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(GPtrArray) annotations = NULL;
  g_autoptr(GPtrArray) coders = NULL;
  g_autoptr(GHashTable) coder_names = NULL;
  g_auto(PlCliText) text = { NULL };
  GError *error = NULL;
  gboolean json = FALSE;
  int status;

  project = pl_cli_open_with_json (invocation, N_("Print JSON"), &json, &status);
  if (project == NULL)
    return status;
  text.project = project;

  annotations = pl_project_list_annotations (project, 0, &error);
  if (annotations == NULL)
    return pl_cli_fail (error);

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
      const char *coder = g_hash_table_lookup (coder_names, &annotation->coder_id);
      g_autofree char *slice = NULL;

      slice = pl_cli_text_slice (&text, annotation->document_id, annotation->start,
                                 annotation->end, &error);
      if (slice == NULL)
        return pl_cli_fail (error);

      print_annotation (annotation, code, coder, slice, json ? builder : NULL);
    }
  json_builder_end_array (builder);

  if (json)
    pl_cli_print_json (builder);

  pl_project_close (project);

  return PL_CLI_EXIT_OK;
}

const PlCliCommand pl_cli_coding_commands[] = {
  { "codes", "PROJECT", 1, 1, "codes PROJECT [--json]",
    N_("List the codebook: short id, GUID, name, parent, path, colour, shortcut."), NULL,
    cmd_codes },
  { "code", "PROJECT", 1, 1,
    "code PROJECT (--document ID --start N --end N --code CODE [--memo TEXT] | --from FILE) [--coder NAME]",
    N_("Code a span of a document (offsets in characters), or every row of a file; prints the "
       "annotations’ GUIDs."),
    N_("Code a span of a document (offsets in characters); prints the annotation’s GUID.\n\n"
       "With --from FILE (“-” for standard input), code every row of the file in one transaction "
       "and one undo step, and print the GUIDs in the order of the rows.  A row is a line of "
       "tab-separated fields: document, start, end, code, coder, memo (the last two may be empty "
       "or left out; the memo is the rest of the line, tabs included); or a JSON object with "
       "those members, {\"document\": 3, \"start\": 0, \"end\": 12, \"code\": \"NRM.F\", "
       "\"coder\": \"Ana\", \"memo\": null}.  Empty lines, lines starting with # and a first "
       "line naming the fields are skipped.  A row without a coder is coded by --coder, else "
       "$PLENARY_CODER, else your name.  When a row is wrong, each wrong row is reported with its "
       "line number and nothing is coded."),
    cmd_code },
  { "annotations", "PROJECT", 1, 1, "annotations PROJECT [--json]",
    N_("List the annotations: GUID, document, code, start, end, coder, text."), NULL,
    cmd_annotations },
  { NULL }
};
