/* pl-cli-common.h — what every plenary-cli command shares: the command table entry, option
 * parsing, messages and exit statuses, opening a project, comma lists, printing rows and JSON
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

#include "pl-project.h"

G_BEGIN_DECLS

/* Exit statuses: scripts rely on them. */
enum
{
  PL_CLI_EXIT_OK = 0,
  PL_CLI_EXIT_FAILED = 1,
  PL_CLI_EXIT_USAGE = 2,
};

typedef struct _PlCliCommand PlCliCommand;

/* One run of a command: its table entry and its command line, @argv[0] being the
 * command's name.  Option parsing removes the options it reads from @argc and @argv. */
typedef struct
{
  const PlCliCommand  *command;
  int                  argc;
  char               **argv;
} PlCliInvocation;

typedef int (*PlCliCommandFunc) (PlCliInvocation *invocation);

/* One line of a command group's table; the table ends with an entry whose name is NULL. */
struct _PlCliCommand
{
  const char       *name;
  const char       *parameters;  /* positional arguments, for the usage line */
  int               min_args;    /* how many positional arguments it takes */
  int               max_args;    /* -1: no limit */
  const char       *synopsis;    /* the whole command line, options included */
  const char       *description; /* translatable; in the list of "plenary-cli --help" */
  const char       *help;        /* translatable; atop "plenary-cli help NAME" when it says
                                  * more than @description, else NULL */
  PlCliCommandFunc  run;
};

/* Messages: "plenary-cli: …" on stderr, in UTF-8 whatever the locale */

void         pl_cli_print_message       (const char          *format,
                                         ...) G_GNUC_PRINTF (1, 2);
/* Prints @error (and frees it); returns PL_CLI_EXIT_FAILED. */
int          pl_cli_fail                (GError              *error);
/* Prints the message and the hint to try --help; returns PL_CLI_EXIT_USAGE. */
int          pl_cli_usage_error         (const char          *format,
                                         ...) G_GNUC_PRINTF (1, 2);
/* pl_cli_usage_error() with @error's message (and frees it). */
int          pl_cli_usage_fail          (GError              *error);

/* Command lines */

/* Parses @entries (NULL-terminated, or NULL) and leaves the positional arguments in
 * @invocation->argv[1…], as many as the command takes; FALSE with @exit_status set when
 * the command line is wrong. */
gboolean     pl_cli_parse_command_line  (PlCliInvocation     *invocation,
                                         const GOptionEntry  *entries,
                                         int                 *exit_status);

/* Command-line arguments arrive in the locale's encoding; UTF-8 is taken as it is. */
char        *pl_cli_arg_to_utf8         (const char          *arg,
                                         GError             **error);
/* Appends to @ids (gint64) what one item of a list stands for; FALSE with @error when it
 * stands for nothing. */
typedef gboolean (*PlCliListItemFunc) (const char  *item,
                                       GArray      *ids,
                                       gpointer     user_data,
                                       GError     **error);
/* "1, 2,3": the ids that the items of a comma-separated list stand for, each read by
 * @func without its surrounding spaces (empty items are skipped).  Returns a GArray of
 * gint64, or NULL with @error. */
GArray      *pl_cli_parse_list          (const char          *value,
                                         PlCliListItemFunc    func,
                                         gpointer             user_data,
                                         GError             **error);
/* "1,2, 3" → document ids; FALSE with @error naming @option when one is not a whole
 * number, or when there is none. */
gboolean     pl_cli_parse_id_list       (const char          *option,
                                         const char          *value,
                                         GArray             **out_ids,
                                         GError             **error);
/* List items (PlCliListItemFunc) whose @user_data is the project: a code by short id or
 * GUID; a coder by name (every coder of that name). */
gboolean     pl_cli_read_code           (const char          *item,
                                         GArray              *ids,
                                         gpointer             user_data,
                                         GError             **error);
gboolean     pl_cli_read_coder          (const char          *item,
                                         GArray              *ids,
                                         gpointer             user_data,
                                         GError             **error);
/* "--document 3": a document id, a whole number from 1. */
gboolean     pl_cli_parse_document_id   (const char          *value,
                                         gint64              *out_id,
                                         GError             **error);
/* The same for option @option ("--outcome"). */
gboolean     pl_cli_parse_id            (const char          *option,
                                         const char          *value,
                                         gint64              *out_id,
                                         GError             **error);
/* "--start 12": a character offset, a whole number from 0. */
gboolean     pl_cli_parse_offset        (const char          *option,
                                         const char          *value,
                                         guint               *out_offset,
                                         GError             **error);
/* @given, else $PLENARY_CODER, else the user's name, else "Unknown". */
char        *pl_cli_coder_name          (const char          *given);

/* The project */

/* Opens the project that the command's first argument names; NULL with the failure
 * printed and @exit_status set when it cannot. */
PlProject   *pl_cli_open_project        (PlCliInvocation     *invocation,
                                         int                 *exit_status);
/* For a command whose one option is --json (@json_help says what it prints, untranslated):
 * parses the command line and opens the project; NULL with @exit_status set when either
 * fails. */
PlProject   *pl_cli_open_with_json      (PlCliInvocation     *invocation,
                                         const char          *json_help,
                                         gboolean            *json,
                                         int                 *exit_status);
/* The document @document_id, or NULL with an error naming the project. */
PlDocument  *pl_cli_find_document       (PlProject           *project,
                                         gint64               document_id,
                                         GError             **error);
/* The code with short id or GUID @key, or NULL with an error saying where to look. */
PlCode      *pl_cli_lookup_code         (PlProject           *project,
                                         const char          *key,
                                         GError             **error);

/* Output: tab-separated rows, or JSON with --json */

/* @value, or NULL when it is NULL or empty. */
const char  *pl_cli_nonempty            (const char          *value);

/* Prints @n_fields strings (NULL for an empty field) as one tab-separated line. */
void         pl_cli_print_row           (guint                n_fields,
                                         ...);
/* Prints what @builder built, pretty, and a line break. */
void         pl_cli_print_json          (JsonBuilder         *builder);

/* Object members: @value NULL gives null. */
void         pl_cli_json_add_string     (JsonBuilder         *builder,
                                         const char          *member,
                                         const char          *value);
void         pl_cli_json_add_int        (JsonBuilder         *builder,
                                         const char          *member,
                                         gint64               value);
void         pl_cli_json_add_boolean    (JsonBuilder         *builder,
                                         const char          *member,
                                         gboolean             value);
void         pl_cli_json_add_strings    (JsonBuilder         *builder,
                                         const char          *member,
                                         GPtrArray           *strings);

/* Prints one item of a list: its row when @builder is NULL, else its JSON object. */
typedef void         (*PlCliItemFunc)  (gpointer     item,
                                        JsonBuilder *builder,
                                        PlProject   *project);
typedef GListModel * (*PlCliModelFunc) (PlProject   *project);
/* Runs a command that lists what @get_items gives of the project: one row each, or with
 * --json one JSON array; @print_item prints each item. */
int          pl_cli_run_list            (PlCliInvocation     *invocation,
                                         PlCliModelFunc       get_items,
                                         PlCliItemFunc        print_item);

/* Document texts */

/* The texts of a project's documents, for slicing statements and annotations in offset
 * order: set @project, slice, clear. */
typedef struct
{
  PlProject  *project;
  gint64      id;
  char       *text;
  guint       length;
  const char *cursor;
  guint       cursor_offset;
} PlCliText;

void         pl_cli_text_clear          (PlCliText           *text);
/* Code points [@start, @end) of document @document_id, clamped like pl_text_slice(); quick
 * when offsets grow within one document.  NULL with @error when the text cannot be read. */
char        *pl_cli_text_slice          (PlCliText           *text,
                                         gint64               document_id,
                                         guint                start,
                                         guint                end,
                                         GError             **error);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (PlCliText, pl_cli_text_clear)

G_END_DECLS
