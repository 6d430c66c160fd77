/* pl-exercise.c — making an exercise, starting a student's work, handing it in
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "plenary-exercise"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "pl-atomic-file.h"
#include "pl-codebook.h"
#include "pl-error.h"
#include "pl-exercise.h"
#include "pl-project-bulk.h"
#include "pl-project-codebook.h"
#include "pl-project-read.h"
#include "pl-text.h"

#define MAX_NAME_CHARS 200
#define MAX_INSTRUCTIONS_BYTES (64 * 1024)

/* @text stripped, when it is one line of at most MAX_NAME_CHARS characters; else NULL. */
static char *
clean_name (const char *text)
{
  g_autofree char *name = NULL;

  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    return NULL;
  name = g_strstrip (g_strdup (text));
  if (name[0] == '\0' || g_utf8_strlen (name, -1) > MAX_NAME_CHARS)
    return NULL;
  for (const char *p = name; *p != '\0'; p = g_utf8_next_char (p))
    if (g_unichar_iscntrl (g_utf8_get_char (p)))
      return NULL;
  return g_steal_pointer (&name);
}

/* Making an exercise */

static gboolean
parse_whole (const char *text,
             guint      *value)
{
  guint64 number;

  if (!g_ascii_string_to_unsigned (text, 10, 1, G_MAXUINT, &number, NULL))
    return FALSE;
  *value = (guint) number;
  return TRUE;
}

GArray *
pl_statement_ranges_parse (const char  *value,
                           GError     **error)
{
  g_auto(GStrv) items = g_strsplit (value, ",", -1);
  g_autoptr(GArray) ranges = g_array_new (FALSE, TRUE, sizeof (PlStatementRange));

  for (guint i = 0; items[i] != NULL; i++)
    {
      PlStatementRange range = { 0 };
      guint id = 0;
      char *item = g_strstrip (items[i]);
      char *colon = strchr (item, ':');
      char *dash;
      gboolean ok = TRUE;

      if (item[0] == '\0')
        continue;
      if (colon != NULL)
        {
          *colon = '\0';
          ok = parse_whole (item, &id);
          range.document_id = id;
          item = colon + 1;
        }
      dash = strchr (item, '-');
      if (dash != NULL)
        *dash = '\0';
      ok = ok && parse_whole (item, &range.first)
           && parse_whole (dash != NULL ? dash + 1 : item, &range.last)
           && range.first <= range.last;
      if (!ok)
        {
          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                       _("“%s” are no ranges of statements: write them as 3-12, or 2:3-12 for "
                         "document 2, separated by commas."), value);
          return NULL;
        }
      g_array_append_val (ranges, range);
    }
  return g_steal_pointer (&ranges);
}


/* Instructions as the pack keeps them: NFC, LF, no control character but tabs and line
 * breaks. */
static char *
clean_instructions (const char  *text,
                    GError     **error)
{
  g_autofree char *normal = NULL;
  GString *out;

  if (text == NULL || text[0] == '\0')
    return NULL;
  if (!g_utf8_validate (text, -1, NULL) || strlen (text) > MAX_INSTRUCTIONS_BYTES)
    {
      g_set_error (error, PL_STORE_ERROR, PL_STORE_ERROR_INVALID,
                   _("The instructions must be UTF-8 text of at most %u KB."),
                   MAX_INSTRUCTIONS_BYTES / 1024);
      return NULL;
    }
  normal = pl_text_normalize (text, -1);
  out = g_string_new (NULL);
  for (const char *p = normal; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (!g_unichar_iscntrl (c) || c == '\n' || c == '\t')
        g_string_append_unichar (out, c);
    }
  return g_string_free (out, FALSE);
}

/* The exercise's title: @given, else the pack's file name without its extension. */
static char *
exercise_title (const char  *given,
                GFile       *destination,
                GError     **error)
{
  g_autofree char *base = g_file_get_basename (destination);
  g_autofree char *display = NULL;
  char *title;

  if (given == NULL && base != NULL)
    {
      display = g_filename_display_name (base);
      if (g_str_has_suffix (display, PL_EXERCISE_EXTENSION))
        display[strlen (display) - strlen (PL_EXERCISE_EXTENSION)] = '\0';
    }
  title = clean_name (given != NULL ? given : display);
  if (title == NULL)
    g_set_error (error, PL_STORE_ERROR, PL_STORE_ERROR_INVALID,
                 _("An exercise needs a title of one line and at most %u characters."),
                 MAX_NAME_CHARS);
  return title;
}

static JsonObject *
find_code_object (JsonArray  *codes,
                  const char *guid)
{
  for (guint i = 0; codes != NULL && i < json_array_get_length (codes); i++)
    {
      JsonObject *code = json_array_get_object_element (codes, i);
      JsonObject *found;

      if (g_strcmp0 (json_object_get_string_member_with_default (code, "guid", NULL), guid) == 0)
        return code;
      if (json_object_has_member (code, "children")
          && (found = find_code_object (json_object_get_array_member (code, "children"), guid)) != NULL)
        return found;
    }
  return NULL;
}

/* The codebook, or its branch under @root_guid, as "plenary-codebook" JSON named @title. */
static GBytes *
codebook_json (PlProject  *project,
               const char *root_guid,
               const char *title)
{
  g_autoptr(JsonNode) root = pl_codebook_to_json (project);
  JsonObject *object = json_node_get_object (root);
  char *text;

  if (root_guid != NULL)
    {
      JsonArray *branch = json_array_new ();
      JsonObject *code = find_code_object (json_object_get_array_member (object, "codes"), root_guid);

      if (code != NULL)
        json_array_add_object_element (branch, json_object_ref (code));
      json_object_set_array_member (object, "codes", branch);
    }
  json_object_set_string_member (object, "name", title);
  text = json_to_string (root, TRUE);
  return g_bytes_new_take (text, strlen (text));
}

static gboolean
in_ranges (const PlExerciseSpec *spec,
           gint64                document_id,
           guint                 index)
{
  gboolean any = FALSE;

  for (guint i = 0; spec->ranges != NULL && i < spec->ranges->len; i++)
    {
      const PlStatementRange *range = &g_array_index (spec->ranges, PlStatementRange, i);

      if (range->document_id != 0 && range->document_id != document_id)
        continue;
      any = TRUE;
      if (index >= range->first && index <= range->last)
        return TRUE;
    }
  /* A document no range names is coded whole. */
  return !any;
}

static gboolean
check_spec (PlProject             *project,
            const PlExerciseSpec  *spec,
            GError               **error)
{
  g_autofree char *name = g_filename_display_basename (pl_project_get_path (project));

  if (spec->document_ids == NULL || spec->document_ids->len == 0)
    {
      g_set_error (error, PL_STORE_ERROR, PL_STORE_ERROR_INVALID,
                   _("An exercise needs at least one document."));
      return FALSE;
    }
  for (guint i = 0; i < spec->document_ids->len; i++)
    {
      gint64 id = g_array_index (spec->document_ids, gint64, i);

      for (guint k = 0; k < i; k++)
        if (g_array_index (spec->document_ids, gint64, k) == id)
          {
            g_set_error (error, PL_STORE_ERROR, PL_STORE_ERROR_INVALID,
                         _("Document %lld is chosen twice."), (long long) id);
            return FALSE;
          }
      if (pl_project_find_document (project, id) == NULL)
        {
          g_set_error (error, PL_STORE_ERROR, PL_STORE_ERROR_NOT_FOUND,
                       _("There is no document %lld in “%s”."), (long long) id, name);
          return FALSE;
        }
    }
  for (guint i = 0; spec->ranges != NULL && i < spec->ranges->len; i++)
    {
      const PlStatementRange *range = &g_array_index (spec->ranges, PlStatementRange, i);
      gboolean chosen = range->document_id == 0;

      for (guint k = 0; k < spec->document_ids->len && !chosen; k++)
        chosen = g_array_index (spec->document_ids, gint64, k) == range->document_id;
      if (!chosen || range->first < 1 || range->last < range->first)
        {
          g_set_error (error, PL_STORE_ERROR, PL_STORE_ERROR_INVALID,
                       _("The statements to code must be ranges of statements of the chosen "
                         "documents, such as 3–12."));
          return FALSE;
        }
    }
  if (spec->root_code_id != 0 && pl_project_find_code (project, spec->root_code_id) == NULL)
    {
      g_set_error (error, PL_STORE_ERROR, PL_STORE_ERROR_NOT_FOUND,
                   _("There is no code %lld in “%s”."), (long long) spec->root_code_id, name);
      return FALSE;
    }
  return TRUE;
}

/* Adds document @document_id, its statements and the units of @spec to @pack. */
static gboolean
pack_document (PlProjectReader       *reader,
               PlExercisePack        *pack,
               const PlExerciseSpec  *spec,
               gint64                 document_id,
               GError               **error)
{
  PlDocument *document = pl_project_find_document (pl_project_reader_get_project (reader),
                                                   document_id);
  g_autofree char *text = NULL;
  g_autoptr(GPtrArray) statements = NULL;
  PlPackDocument *packed;

  text = pl_project_reader_dup_document_text (reader, document_id, error);
  statements = text != NULL ? pl_project_reader_list_statements (reader, document_id, error) : NULL;
  if (statements == NULL)
    return FALSE;
  g_ptr_array_sort (statements, pl_project_compare_statement_starts);

  packed = pl_exercise_pack_add_document (pack, pl_document_get_guid (document),
                                          pl_document_get_title (document), text);
  for (guint k = 0; pl_document_metadata_keys[k] != NULL; k++)
    g_ptr_array_index (packed->metadata, k) =
      g_strdup (pl_document_get_metadata (document, pl_document_metadata_keys[k]));
  for (guint s = 0; s < statements->len; s++)
    {
      PlStatement *statement = g_ptr_array_index (statements, s);

      g_ptr_array_add (packed->statements, pl_statement_ref (statement));
      if (statement->kind == PL_STATEMENT_KIND_STATEMENT
          && in_ranges (spec, document_id, statement->index))
        g_array_append_val (packed->units, statement->index);
    }
  return TRUE;
}

/* The pack of @spec, read in one snapshot of @project. */
static PlExercisePack *
build_pack (PlProject             *project,
            const PlExerciseSpec  *spec,
            const char            *title,
            GError               **error)
{
  g_autoptr(PlExercisePack) pack = pl_exercise_pack_new ();
  g_autoptr(PlProjectReader) reader = NULL;
  g_autoptr(GPtrArray) guids = g_ptr_array_new ();
  g_autoptr(GPtrArray) sums = g_ptr_array_new ();
  guint n_units = 0;

  pack->guid = g_uuid_string_random ();
  pack->title = g_strdup (title);
  pack->created = pl_now_iso8601 ();
  pack->instructions = clean_instructions (spec->instructions, error);
  if (spec->instructions != NULL && spec->instructions[0] != '\0' && pack->instructions == NULL)
    return NULL;
  if (spec->root_code_id != 0)
    pack->root_code_guid = g_strdup (pl_code_get_guid (pl_project_find_code (project,
                                                                            spec->root_code_id)));

  reader = pl_project_reader_new_for_project (project, error);
  if (reader == NULL)
    return NULL;
  for (guint i = 0; i < spec->document_ids->len; i++)
    {
      PlPackDocument *document;

      if (!pack_document (reader, pack, spec, g_array_index (spec->document_ids, gint64, i), error))
        return NULL;
      document = g_ptr_array_index (pack->documents, i);
      g_ptr_array_add (guids, document->guid);
      g_ptr_array_add (sums, document->sha256);
      n_units += document->units->len;
    }
  if (n_units == 0)
    {
      g_set_error (error, PL_STORE_ERROR, PL_STORE_ERROR_INVALID,
                   _("The exercise has no statement to code: choose documents with statements, "
                     "and ranges that hold some."));
      return NULL;
    }
  pack->checksum = pl_exercise_checksum (guids->len, (const char * const *) guids->pdata,
                                         (const char * const *) sums->pdata);
  pack->codebook = codebook_json (project, pack->root_code_guid, title);
  return g_steal_pointer (&pack);
}

PlExercise *
pl_exercise_create (PlProject             *project,
                    const PlExerciseSpec  *spec,
                    GFile                 *destination,
                    GError               **error)
{
  g_autoptr(PlExercisePack) pack = NULL;
  g_autoptr(PlExercise) exercise = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *title = NULL;
  g_autofree char *reference_name = NULL;
  PlCoder *reference;

  g_return_val_if_fail (PL_IS_PROJECT (project), NULL);
  g_return_val_if_fail (spec != NULL, NULL);
  g_return_val_if_fail (G_IS_FILE (destination), NULL);

  if (!check_spec (project, spec, error))
    return NULL;
  title = exercise_title (spec->title, destination, error);
  if (title == NULL)
    return NULL;
  reference_name = clean_name (spec->reference != NULL ? spec->reference : PL_REFERENCE_CODER_NAME);
  if (reference_name == NULL)
    {
      g_set_error (error, PL_STORE_ERROR, PL_STORE_ERROR_INVALID,
                   _("The reference coder needs a name of one line."));
      return NULL;
    }

  pack = build_pack (project, spec, title, error);
  if (pack == NULL)
    return NULL;
  reference = pl_project_ensure_coder (project, reference_name, error);
  if (reference == NULL)
    return NULL;
  bytes = pl_exercise_pack_to_bytes (pack, error);
  if (bytes == NULL
      || !pl_atomic_file_write (destination, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                                NULL, error))
    return NULL;

  exercise = pl_exercise_pack_to_exercise (pack);
  exercise->reference_guid = g_strdup (reference->guid);
  if (!pl_project_add_exercise (project, exercise, error))
    {
      /* A pack whose hand-ins could never be collected is no use. */
      g_file_delete (destination, NULL, NULL);
      return NULL;
    }
  return g_steal_pointer (&exercise);
}

/* Doing an exercise */

static gboolean
fill_work (PlProject       *project,
           PlExercisePack  *pack,
           const char      *student,
           const char      *pack_name,
           GError         **error)
{
  g_autoptr(PlProjectBulk) bulk = NULL;
  g_autoptr(PlExercise) exercise = NULL;
  gsize length;
  const char *codebook;
  PlCoder *coder;

  bulk = pl_project_bulk_begin (project, error);
  if (bulk == NULL)
    return FALSE;
  for (guint i = 0; i < pack->documents->len; i++)
    {
      PlPackDocument *document = g_ptr_array_index (pack->documents, i);
      PlBulkDocument item = {
        .guid = document->guid,
        .title = document->title,
        .text = document->text,
        .metadata = (const char * const *) document->metadata->pdata,
        .statements = document->statements,
      };
      PlBulkResult result;

      if (!pl_project_bulk_add_document (bulk, &item, &result, error))
        return FALSE;
    }
  if (!pl_project_bulk_commit (bulk, error))
    return FALSE;

  codebook = g_bytes_get_data (pack->codebook, &length);
  if (pl_codebook_load_json (project, codebook, (gssize) length, pack_name, error) < 0)
    return FALSE;
  coder = pl_project_ensure_coder (project, student, error);
  if (coder == NULL)
    return FALSE;
  exercise = pl_exercise_pack_to_exercise (pack);
  exercise->student_guid = g_strdup (coder->guid);
  return pl_project_set_work_exercise (project, exercise, error);
}

/* Removes the work at @path and the files SQLite keeps beside it. */
static void
remove_work (const char *path)
{
  const char *suffixes[] = { "", "-wal", "-shm", "-journal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);

      g_unlink (file);
    }
}

PlProject *
pl_exercise_start (const char  *pack_path,
                   const char  *student,
                   const char  *work_path,
                   GError     **error)
{
  g_autoptr(PlExercisePack) pack = NULL;
  g_autoptr(PlProject) project = NULL;
  g_autofree char *name = NULL;
  g_autofree char *pack_name = NULL;

  g_return_val_if_fail (pack_path != NULL && work_path != NULL, NULL);

  name = clean_name (student);
  if (name == NULL)
    {
      g_set_error (error, PL_STORE_ERROR, PL_STORE_ERROR_INVALID,
                   _("A student needs a name of one line and at most %u characters."),
                   MAX_NAME_CHARS);
      return NULL;
    }
  pack = pl_exercise_pack_read (pack_path, error);
  if (pack == NULL)
    return NULL;

  project = pl_project_open (work_path, PL_PROJECT_OPEN_CREATE | PL_PROJECT_OPEN_EXCLUSIVE, error);
  if (project == NULL)
    return NULL;
  pack_name = g_filename_display_basename (pack_path);
  if (!fill_work (project, pack, name, pack_name, error))
    {
      pl_project_close (project);
      remove_work (work_path);
      return NULL;
    }
  return g_steal_pointer (&project);
}

/* Handing in */

GFile *
pl_exercise_hand_in (PlProject  *work,
                     GFile      *destination,
                     GError    **error)
{
  g_autoptr(GFile) file = NULL;

  g_return_val_if_fail (PL_IS_PROJECT (work), NULL);
  g_return_val_if_fail (G_IS_FILE (destination), NULL);

  if (g_file_query_file_type (destination, G_FILE_QUERY_INFO_NONE, NULL) == G_FILE_TYPE_DIRECTORY)
    {
      g_autofree char *name = pl_project_dup_handin_name (work);

      /* Not a work: writing says why. */
      if (name == NULL)
        return pl_project_write_handin (work, destination, error) ? g_object_ref (destination) : NULL;
      file = g_file_get_child (destination, name);
    }
  else
    file = g_object_ref (destination);

  if (!pl_project_write_handin (work, file, error))
    return NULL;
  return g_steal_pointer (&file);
}

/* Instructions */

/* The inline markup of one escaped line: **bold**, *italic*, `code`; a marker without its
 * closing one stays as it is. */
static void
append_inline (GString    *out,
               const char *text,
               PlMarkup    markup)
{
  static const struct
  {
    const char *marker;
    const char *pango[2];
    const char *html[2];
  } spans[] = {
    { "**", { "<b>", "</b>" }, { "<strong>", "</strong>" } },
    { "*", { "<i>", "</i>" }, { "<em>", "</em>" } },
    { "`", { "<tt>", "</tt>" }, { "<code>", "</code>" } },
  };
  const char *p = text;

  while (*p != '\0')
    {
      gboolean done = FALSE;

      for (guint i = 0; i < G_N_ELEMENTS (spans) && !done; i++)
        {
          gsize n = strlen (spans[i].marker);
          const char *close;

          if (strncmp (p, spans[i].marker, n) != 0)
            continue;
          close = strstr (p + n, spans[i].marker);
          if (close == NULL || close == p + n)
            continue;
          g_string_append (out, markup == PL_MARKUP_PANGO ? spans[i].pango[0] : spans[i].html[0]);
          g_string_append_len (out, p + n, close - (p + n));
          g_string_append (out, markup == PL_MARKUP_PANGO ? spans[i].pango[1] : spans[i].html[1]);
          p = close + n;
          done = TRUE;
        }
      if (!done)
        g_string_append_c (out, *p++);
    }
}

typedef enum
{
  BLOCK_NONE,
  BLOCK_PARAGRAPH,
  BLOCK_LIST,
} Block;

static void
close_block (GString  *out,
             Block    *block,
             PlMarkup  markup)
{
  if (markup == PL_MARKUP_HTML && *block == BLOCK_PARAGRAPH)
    g_string_append (out, "</p>\n");
  else if (markup == PL_MARKUP_HTML && *block == BLOCK_LIST)
    g_string_append (out, "</ul>\n");
  else if (markup == PL_MARKUP_PANGO && *block != BLOCK_NONE)
    g_string_append (out, "\n");
  *block = BLOCK_NONE;
}

/* Starts a block of @kind unless one is open; a paragraph's next line joins it. */
static void
open_block (GString  *out,
            Block    *block,
            Block     kind,
            PlMarkup  markup)
{
  if (*block == kind)
    {
      if (kind == BLOCK_PARAGRAPH)
        g_string_append_c (out, markup == PL_MARKUP_PANGO ? '\n' : ' ');
      return;
    }
  close_block (out, block, markup);
  if (out->len > 0 && markup == PL_MARKUP_PANGO)
    g_string_append_c (out, '\n');
  if (markup == PL_MARKUP_HTML)
    g_string_append (out, kind == BLOCK_LIST ? "<ul>\n" : "<p>");
  *block = kind;
}

char *
pl_exercise_render_instructions (const char *markdown,
                                 PlMarkup    markup)
{
  g_auto(GStrv) lines = NULL;
  GString *out = g_string_new (NULL);
  Block block = BLOCK_NONE;

  if (markdown == NULL)
    return g_string_free (out, FALSE);

  lines = g_strsplit (markdown, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autofree char *escaped = g_markup_escape_text (g_strstrip (lines[i]), -1);
      const char *text = escaped;

      if (text[0] == '\0')
        close_block (out, &block, markup);
      else if (text[0] == '#')
        {
          while (*text == '#')
            text++;
          close_block (out, &block, markup);
          if (out->len > 0 && markup == PL_MARKUP_PANGO)
            g_string_append_c (out, '\n');
          g_string_append (out, markup == PL_MARKUP_PANGO ? "<b><big>" : "<h3>");
          append_inline (out, g_strchug ((char *) text), markup);
          g_string_append (out, markup == PL_MARKUP_PANGO ? "</big></b>\n" : "</h3>\n");
        }
      else if ((text[0] == '-' || text[0] == '*') && text[1] == ' ')
        {
          open_block (out, &block, BLOCK_LIST, markup);
          g_string_append (out, markup == PL_MARKUP_PANGO ? "• " : "<li>");
          append_inline (out, g_strchug ((char *) text + 2), markup);
          g_string_append (out, markup == PL_MARKUP_PANGO ? "\n" : "</li>\n");
        }
      else
        {
          open_block (out, &block, BLOCK_PARAGRAPH, markup);
          append_inline (out, text, markup);
        }
    }
  close_block (out, &block, markup);
  /* In a Pango label, blocks are apart by one empty line, and the text ends with its
   * last line. */
  for (char *p; markup == PL_MARKUP_PANGO && (p = strstr (out->str, "\n\n\n")) != NULL;)
    g_string_erase (out, p - out->str, 1);
  while (markup == PL_MARKUP_PANGO && out->len > 0 && out->str[out->len - 1] == '\n')
    g_string_truncate (out, out->len - 1);
  return g_string_free (out, FALSE);
}
