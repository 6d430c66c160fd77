/* pl-cli-reuse.c — "plenary-cli reuse", "links", "link" and "outcome"
 *
 * Whose words reached an outcome document: the reuse finder's candidates for one document,
 * the links accepted so far, a link drawn by hand, and marking a document as an outcome
 * document.  Offsets are code points of the documents, end-exclusive.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "plenary-cli"

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "pl-cli-commands.h"
#include "pl-error.h"
#include "pl-project-links.h"
#include "pl-provenance.h"
#include "pl-text.h"

/* Scores with three decimals: finer is noise, and the output stays stable. */
static double
rounded_score (double score)
{
  return round (score * 1000.0) / 1000.0;
}

static char *
format_uint (guint value)
{
  return g_strdup_printf ("%u", value);
}

static char *
format_id (gint64 value)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT, value);
}

static char *
format_score (double score)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  return g_strdup (g_ascii_formatd (buffer, sizeof buffer, "%.3f", rounded_score (score)));
}

static void
json_add_score (JsonBuilder *builder,
                double       score)
{
  json_builder_set_member_name (builder, "score");
  if (score >= 0)
    json_builder_add_double_value (builder, rounded_score (score));
  else
    json_builder_add_null_value (builder);
}

/* reuse */

static int
cmd_reuse (PlCliInvocation *invocation)
{
  g_autoptr(PlProject) project = NULL;
  g_autoptr(PlProvenanceSearch) search = NULL;
  g_autoptr(GArray) candidates = NULL;
  g_autoptr(JsonBuilder) builder = NULL;
  g_autofree char *outcome_arg = NULL;
  gint64 outcome_id = 0;
  int min_words = PL_REUSE_DEFAULT_MIN_WORDS;
  gboolean json = FALSE;
  PlReuseOptions options;
  GError *error = NULL;
  int status;
  const GOptionEntry entries[] = {
    { "outcome", 0, 0, G_OPTION_ARG_STRING, &outcome_arg,
      N_("The outcome document to look for reused wording in"), N_("ID") },
    { "min-words", 0, 0, G_OPTION_ARG_INT, &min_words,
      N_("The least length of a passage, in words (default 8, at least 3)"), N_("N") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { NULL }
  };

  if (!pl_cli_parse_command_line (invocation, entries, &status))
    return status;
  if (outcome_arg == NULL)
    return pl_cli_usage_error (_("The option %s is required."), "--outcome");
  if (!pl_cli_parse_id ("--outcome", outcome_arg, &outcome_id, &error))
    return pl_cli_usage_fail (error);
  if (min_words < 3 || min_words > 1000)
    return pl_cli_usage_error (_("--min-words needs a number of words from 3 to 1000, not %d."),
                               min_words);

  project = pl_cli_open_project (invocation, &status);
  if (project == NULL)
    return status;
  if (pl_cli_find_document (project, outcome_id, &error) == NULL)
    return pl_cli_fail (error);

  search = pl_provenance_search_new (project, outcome_id, &error);
  if (search == NULL)
    return pl_cli_fail (error);
  pl_reuse_options_init (&options);
  options.min_words = (guint) min_words;
  candidates = pl_provenance_search_run (search, &options);

  if (json)
    {
      builder = json_builder_new ();
      json_builder_begin_array (builder);
    }

  for (guint i = 0; i < candidates->len; i++)
    {
      const PlProvenanceCandidate *c = &g_array_index (candidates, PlProvenanceCandidate, i);
      const PlStatement *statement = pl_provenance_search_get_statement (search, c);
      const char *who = statement == NULL ? NULL
        : pl_cli_nonempty (statement->entity) != NULL ? statement->entity : statement->speaker;

      if (builder != NULL)
        {
          json_builder_begin_object (builder);
          pl_cli_json_add_int (builder, "document_id", c->document_id);
          pl_cli_json_add_int (builder, "start", c->start);
          pl_cli_json_add_int (builder, "end", c->end);
          pl_cli_json_add_int (builder, "outcome_start", c->outcome_start);
          pl_cli_json_add_int (builder, "outcome_end", c->outcome_end);
          pl_cli_json_add_int (builder, "words", c->words);
          json_add_score (builder, c->score);
          json_builder_end_object (builder);
        }
      else
        {
          g_autofree char *document = format_id (c->document_id);
          g_autofree char *start = format_uint (c->start);
          g_autofree char *end = format_uint (c->end);
          g_autofree char *outcome_start = format_uint (c->outcome_start);
          g_autofree char *outcome_end = format_uint (c->outcome_end);
          g_autofree char *words = format_uint (c->words);
          g_autofree char *score = format_score (c->score);

          pl_cli_print_row (8, document, start, end, outcome_start, outcome_end, words, score,
                            who);
        }
    }

  if (builder != NULL)
    {
      json_builder_end_array (builder);
      pl_cli_print_json (builder);
    }

  pl_project_close (project);

  return PL_CLI_EXIT_OK;
}

/* links */

static int
cmd_links (PlCliInvocation *invocation)
{
  g_autoptr(PlProject) project = NULL;
  g_autoptr(GPtrArray) sources = NULL;
  g_autoptr(JsonBuilder) builder = NULL;
  g_autofree char *outcome_arg = NULL;
  gint64 outcome_id = 0;
  gboolean json = FALSE;
  GError *error = NULL;
  int status;
  const GOptionEntry entries[] = {
    { "outcome", 0, 0, G_OPTION_ARG_STRING, &outcome_arg,
      N_("Only the links into this outcome document"), N_("ID") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { NULL }
  };

  if (!pl_cli_parse_command_line (invocation, entries, &status))
    return status;
  if (outcome_arg != NULL && !pl_cli_parse_id ("--outcome", outcome_arg, &outcome_id, &error))
    return pl_cli_usage_fail (error);

  project = pl_cli_open_project (invocation, &status);
  if (project == NULL)
    return status;
  if (outcome_id != 0 && pl_cli_find_document (project, outcome_id, &error) == NULL)
    return pl_cli_fail (error);

  sources = pl_provenance_list_sources (project, outcome_id, &error);
  if (sources == NULL)
    return pl_cli_fail (error);

  if (json)
    {
      builder = json_builder_new ();
      json_builder_begin_array (builder);
    }

  for (guint i = 0; i < sources->len; i++)
    {
      const PlProvenanceSource *source = g_ptr_array_index (sources, i);
      const PlLink *link = source->link;
      PlCoder *coder = link->coder_id != 0 ? pl_project_find_coder (project, link->coder_id) : NULL;

      if (builder != NULL)
        {
          json_builder_begin_object (builder);
          pl_cli_json_add_string (builder, "guid", link->guid);
          pl_cli_json_add_int (builder, "document_id", link->source_document_id);
          pl_cli_json_add_int (builder, "start", link->source_start);
          pl_cli_json_add_int (builder, "end", link->source_end);
          pl_cli_json_add_int (builder, "outcome_document_id", link->outcome_document_id);
          pl_cli_json_add_int (builder, "outcome_start", link->outcome_start);
          pl_cli_json_add_int (builder, "outcome_end", link->outcome_end);
          pl_cli_json_add_int (builder, "words", link->words);
          json_add_score (builder, link->score);
          pl_cli_json_add_string (builder, "origin", pl_link_origin_to_string (link->origin));
          json_builder_set_member_name (builder, "statement_index");
          if (source->statement_index > 0)
            json_builder_add_int_value (builder, source->statement_index);
          else
            json_builder_add_null_value (builder);
          pl_cli_json_add_string (builder, "delegation", source->delegation);
          pl_cli_json_add_string (builder, "regional_group", source->regional_group);
          pl_cli_json_add_string (builder, "coder", coder != NULL ? coder->name : NULL);
          pl_cli_json_add_string (builder, "created", link->created);
          json_builder_end_object (builder);
        }
      else
        {
          g_autofree char *document = format_id (link->source_document_id);
          g_autofree char *start = format_uint (link->source_start);
          g_autofree char *end = format_uint (link->source_end);
          g_autofree char *outcome = format_id (link->outcome_document_id);
          g_autofree char *outcome_start = format_uint (link->outcome_start);
          g_autofree char *outcome_end = format_uint (link->outcome_end);
          g_autofree char *words = format_uint (link->words);
          g_autofree char *score = link->score >= 0 ? format_score (link->score) : NULL;

          pl_cli_print_row (10, link->guid, document, start, end, outcome, outcome_start,
                            outcome_end, words, score, source->delegation);
        }
    }

  if (builder != NULL)
    {
      json_builder_end_array (builder);
      pl_cli_print_json (builder);
    }

  pl_project_close (project);

  return PL_CLI_EXIT_OK;
}

/* link */

typedef struct
{
  char *document;
  char *start;
  char *end;
  char *outcome;
  char *outcome_start;
  char *outcome_end;
  char *coder;
} LinkArgs;

static void
link_args_clear (LinkArgs *args)
{
  g_free (args->document);
  g_free (args->start);
  g_free (args->end);
  g_free (args->outcome);
  g_free (args->outcome_start);
  g_free (args->outcome_end);
  g_free (args->coder);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (LinkArgs, link_args_clear)

/* The words the two passages share, as the finder counts them for a candidate. */
static guint
count_shared_words (PlProject         *project,
                    const PlLinkSpec  *spec,
                    GError           **error)
{
  g_autofree char *source = pl_project_dup_document_text (project, spec->source_document_id, error);
  g_autofree char *outcome = source != NULL ? pl_project_dup_document_text (project, spec->outcome_document_id, error) : NULL;
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;
  g_autoptr(GArray) pairs = NULL;

  if (outcome == NULL)
    return G_MAXUINT;
  a = pl_text_slice (source, spec->source_start, spec->source_end);
  b = pl_text_slice (outcome, spec->outcome_start, spec->outcome_end);
  pairs = pl_reuse_shared_words (a, b);
  return pairs->len;
}

static int
cmd_link (PlCliInvocation *invocation)
{
  g_autoptr(PlProject) project = NULL;
  g_autoptr(PlLink) link = NULL;
  g_auto(LinkArgs) args = { NULL };
  g_autofree char *coder_name = NULL;
  PlLinkSpec spec = { .origin = PL_LINK_ORIGIN_MANUAL, .score = -1.0 };
  GError *error = NULL;
  PlCoder *coder;
  guint words;
  int status;
  const GOptionEntry entries[] = {
    { "document", 0, 0, G_OPTION_ARG_STRING, &args.document,
      N_("The document of the statement"), N_("ID") },
    { "start", 0, 0, G_OPTION_ARG_STRING, &args.start,
      N_("Where the statement’s passage starts (a character offset from 0)"), N_("N") },
    { "end", 0, 0, G_OPTION_ARG_STRING, &args.end,
      N_("Where the statement’s passage ends"), N_("N") },
    { "outcome", 0, 0, G_OPTION_ARG_STRING, &args.outcome,
      N_("The outcome document"), N_("ID") },
    { "outcome-start", 0, 0, G_OPTION_ARG_STRING, &args.outcome_start,
      N_("Where the outcome’s passage starts"), N_("N") },
    { "outcome-end", 0, 0, G_OPTION_ARG_STRING, &args.outcome_end,
      N_("Where the outcome’s passage ends"), N_("N") },
    { "coder", 0, 0, G_OPTION_ARG_FILENAME, &args.coder,
      N_("Who links (default: $PLENARY_CODER, else your name)"), N_("NAME") },
    { NULL }
  };
  const struct { const char *option; char *value; } required[] = {
    { "--document", args.document }, { "--start", args.start }, { "--end", args.end },
    { "--outcome", args.outcome }, { "--outcome-start", args.outcome_start },
    { "--outcome-end", args.outcome_end },
  };

  if (!pl_cli_parse_command_line (invocation, entries, &status))
    return status;

  {
    const char *values[] = { args.document, args.start, args.end, args.outcome,
                             args.outcome_start, args.outcome_end };

    for (guint i = 0; i < G_N_ELEMENTS (values); i++)
      if (values[i] == NULL)
        return pl_cli_usage_error (_("The option %s is required."), required[i].option);
  }

  if (!pl_cli_parse_document_id (args.document, &spec.source_document_id, &error)
      || !pl_cli_parse_offset ("--start", args.start, &spec.source_start, &error)
      || !pl_cli_parse_offset ("--end", args.end, &spec.source_end, &error)
      || !pl_cli_parse_id ("--outcome", args.outcome, &spec.outcome_document_id, &error)
      || !pl_cli_parse_offset ("--outcome-start", args.outcome_start, &spec.outcome_start, &error)
      || !pl_cli_parse_offset ("--outcome-end", args.outcome_end, &spec.outcome_end, &error))
    return pl_cli_usage_fail (error);
  if (args.coder != NULL && (coder_name = pl_cli_arg_to_utf8 (args.coder, &error)) == NULL)
    return pl_cli_usage_fail (error);
  if (spec.source_start >= spec.source_end || spec.outcome_start >= spec.outcome_end)
    return pl_cli_usage_error (_("A passage is empty: each start must be less than its end."));
  if (coder_name == NULL)
    coder_name = pl_cli_coder_name (NULL);
  else if (*g_strstrip (coder_name) == '\0')
    return pl_cli_usage_error (_("--coder needs a name."));

  project = pl_cli_open_project (invocation, &status);
  if (project == NULL)
    return status;
  if (pl_cli_find_document (project, spec.source_document_id, &error) == NULL
      || pl_cli_find_document (project, spec.outcome_document_id, &error) == NULL)
    return pl_cli_fail (error);

  /* A link the store refuses must not leave a new coder behind: check it first. */
  if (!pl_project_check_link (project, &spec, &error))
    return pl_cli_fail (error);
  words = count_shared_words (project, &spec, &error);
  if (words == G_MAXUINT)
    return pl_cli_fail (error);
  spec.words = words;

  coder = pl_project_ensure_coder (project, coder_name, &error);
  if (coder == NULL)
    return pl_cli_fail (error);
  spec.coder_id = coder->id;

  link = pl_project_add_link (project, &spec, &error);
  if (link == NULL)
    return pl_cli_fail (error);

  pl_cli_print_row (1, link->guid);
  pl_project_close (project);

  return PL_CLI_EXIT_OK;
}

/* outcome */

static int
cmd_outcome (PlCliInvocation *invocation)
{
  g_autoptr(PlProject) project = NULL;
  g_autofree char *document_arg = NULL;
  g_autofree char *kind_arg = NULL;
  g_autofree char *date_arg = NULL;
  PlOutcomeKind kind = PL_OUTCOME_NONE;
  gint64 document_id = 0;
  GError *error = NULL;
  int status;
  const GOptionEntry entries[] = {
    { "document", 0, 0, G_OPTION_ARG_STRING, &document_arg, N_("The document to mark"), N_("ID") },
    { "kind", 0, 0, G_OPTION_ARG_STRING, &kind_arg,
      N_("draft, revised-draft or final; none unmarks it"), N_("KIND") },
    { "date", 0, 0, G_OPTION_ARG_STRING, &date_arg,
      N_("The date of this version of the text"), N_("YYYY-MM-DD") },
    { NULL }
  };

  if (!pl_cli_parse_command_line (invocation, entries, &status))
    return status;
  if (document_arg == NULL)
    return pl_cli_usage_error (_("The option %s is required."), "--document");
  if (kind_arg == NULL)
    return pl_cli_usage_error (_("The option %s is required."), "--kind");
  if (!pl_cli_parse_document_id (document_arg, &document_id, &error))
    return pl_cli_usage_fail (error);
  if (g_strcmp0 (kind_arg, "none") != 0 && !pl_outcome_kind_from_string (kind_arg, &kind))
    return pl_cli_usage_error (_("--kind is draft, revised-draft, final or none, not “%s”."), kind_arg);

  project = pl_cli_open_project (invocation, &status);
  if (project == NULL)
    return status;
  if (pl_cli_find_document (project, document_id, &error) == NULL
      || !pl_project_set_outcome (project, document_id, kind, date_arg, &error))
    return pl_cli_fail (error);

  pl_project_close (project);

  return PL_CLI_EXIT_OK;
}

const PlCliCommand pl_cli_reuse_commands[] = {
  { "outcome", "PROJECT", 1, 1,
    "outcome PROJECT --document ID --kind draft|revised-draft|final|none [--date YYYY-MM-DD]",
    N_("Mark a document as an outcome document (a draft, a revised draft, a final report) "
       "with its date, or unmark it."), NULL, cmd_outcome },
  { "reuse", "PROJECT", 1, 1, "reuse PROJECT --outcome ID [--min-words N] [--json]",
    N_("Find the statements whose wording an outcome document reuses: each candidate’s "
       "document, passage, outcome passage, shared words and score, best first."),
    N_("Every statement of the project is searched (front matter and outcome documents left "
       "out).  Candidates are not links: accept them in the window, or with “plenary-cli "
       "link”.  JSON: an array of {document_id, start, end, outcome_start, outcome_end, "
       "words, score}, offsets in characters of each document."),
    cmd_reuse },
  { "links", "PROJECT", 1, 1, "links PROJECT [--outcome ID] [--json]",
    N_("List the accepted links between statements and outcome documents."), NULL, cmd_links },
  { "link", "PROJECT", 1, 1,
    "link PROJECT --document ID --start N --end N --outcome ID --outcome-start N "
    "--outcome-end N [--coder NAME]",
    N_("Link a statement’s passage to the outcome passage that reuses it; prints the link’s "
       "GUID."), NULL, cmd_link },
  { NULL }
};
