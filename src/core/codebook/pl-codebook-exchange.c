/* pl-codebook-exchange.c — the codebook in and out: formats, export, and reading any file
 *
 * Every format is read into, or written from, one small tree of entries
 * (pl-codebook-exchange-private.h); each format has its own file (pl-codebook-json.c,
 * -csv.c, -qdc.c, -appendix.c), and planning an import compares the tree with the
 * project's codes (pl-codebook-plan.c).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "plenary-codebook-exchange"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "pl-atomic-file.h"
#include "pl-codebook-exchange-private.h"
#include "pl-error.h"
#include "pl-limits.h"
#include "pl-text.h"

/* Entries */

void
pl_codebook_entry_free (PlCodebookEntry *entry)
{
  if (entry == NULL)
    return;
  g_free (entry->guid);
  g_free (entry->short_id);
  g_free (entry->name);
  g_free (entry->color);
  g_free (entry->color_dark);
  g_free (entry->shortcut);
  g_free (entry->definition);
  g_free (entry->inclusion);
  g_free (entry->exclusion);
  g_free (entry->example);
  g_ptr_array_unref (entry->children);
  g_free (entry);
}

PlCodebookEntry *
pl_codebook_entry_new (void)
{
  PlCodebookEntry *entry = g_new0 (PlCodebookEntry, 1);

  entry->codable = -1;
  entry->children = g_ptr_array_new_with_free_func ((GDestroyNotify) pl_codebook_entry_free);
  return entry;
}

/* NULL for NULL, blank or invalid text; as stored (LF, NFC) and trimmed otherwise. */
char *
pl_codebook_clean_text (const char *text)
{
  char *copy;

  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    return NULL;
  copy = g_strstrip (pl_text_normalize (text, -1));
  if (copy[0] == '\0')
    g_clear_pointer (&copy, g_free);
  return copy;
}

guint
pl_codebook_entry_total_uses (const PlCodebookEntry *entry)
{
  guint total = entry->n_annotations;

  for (guint i = 0; i < entry->children->len; i++)
    total += pl_codebook_entry_total_uses (g_ptr_array_index (entry->children, i));
  return total;
}

guint
pl_codebook_entry_count (const PlCodebookEntry *entry)
{
  guint n = entry->children->len;

  for (guint i = 0; i < entry->children->len; i++)
    n += pl_codebook_entry_count (g_ptr_array_index (entry->children, i));
  return n;
}

/* The project's codebook as a tree under an unnamed root. */
static PlCodebookEntry *
snapshot (PlProject *project)
{
  GListModel *codes = pl_project_get_codes (project);
  g_autoptr(GPtrArray) stack = g_ptr_array_new ();
  PlCodebookEntry *root = pl_codebook_entry_new ();
  guint n = g_list_model_get_n_items (codes);

  g_ptr_array_add (stack, root);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PlCode) code = g_list_model_get_item (codes, i);
      guint depth = pl_code_get_depth (code);
      PlCodebookEntry *entry = pl_codebook_entry_new ();
      PlCodebookEntry *parent;

      if (stack->len > depth + 1)
        g_ptr_array_set_size (stack, depth + 1);
      parent = g_ptr_array_index (stack, stack->len - 1);

      entry->guid = g_strdup (pl_code_get_guid (code));
      entry->short_id = g_strdup (pl_code_get_short_id (code));
      entry->name = g_strdup (pl_code_get_name (code));
      entry->color = g_strdup (pl_code_get_color (code));
      entry->color_dark = g_strdup (pl_code_get_color_dark (code));
      entry->shortcut = g_strdup (pl_code_get_shortcut (code));
      entry->definition = g_strdup (pl_code_get_definition (code));
      entry->inclusion = g_strdup (pl_code_get_inclusion (code));
      entry->exclusion = g_strdup (pl_code_get_exclusion (code));
      entry->example = g_strdup (pl_code_get_example (code));
      entry->codable = pl_code_get_codable (code);
      entry->n_annotations = pl_code_get_n_annotations (code);
      g_ptr_array_add (parent->children, entry);
      g_ptr_array_add (stack, entry);
    }
  return root;
}

/* Formats */

static const struct
{
  const char       *name;
  PlCodebookFormat  format;
} format_names[] = {
  { "json", PL_CODEBOOK_FORMAT_JSON },
  { "csv", PL_CODEBOOK_FORMAT_CSV },
  { "qdc", PL_CODEBOOK_FORMAT_QDC },
  { "md", PL_CODEBOOK_FORMAT_MARKDOWN },
  { "markdown", PL_CODEBOOK_FORMAT_MARKDOWN },
  { "html", PL_CODEBOOK_FORMAT_HTML },
};

gboolean
pl_codebook_format_from_string (const char       *name,
                                PlCodebookFormat *out_format)
{
  g_return_val_if_fail (name != NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (format_names); i++)
    if (g_ascii_strcasecmp (name, format_names[i].name) == 0)
      {
        if (out_format != NULL)
          *out_format = format_names[i].format;
        return TRUE;
      }
  return FALSE;
}

const char *
pl_codebook_format_get_extension (PlCodebookFormat format)
{
  for (guint i = 0; i < G_N_ELEMENTS (format_names); i++)
    if (format_names[i].format == format)
      return format_names[i].name;
  g_return_val_if_reached ("json");
}

/* Export */

GBytes *
pl_codebook_export_bytes (PlProject         *project,
                          PlCodebookFormat   format,
                          GError           **error)
{
  g_autoptr(PlCodebookEntry) root = NULL;

  g_return_val_if_fail (PL_IS_PROJECT (project), NULL);

  if (format == PL_CODEBOOK_FORMAT_JSON)
    return pl_codebook_write_json (project);

  root = snapshot (project);
  switch (format)
    {
    case PL_CODEBOOK_FORMAT_CSV:
      return pl_codebook_write_csv (root);
    case PL_CODEBOOK_FORMAT_QDC:
      return pl_codebook_write_qdc (root, error);
    case PL_CODEBOOK_FORMAT_MARKDOWN:
      return pl_codebook_write_markdown (project, root);
    case PL_CODEBOOK_FORMAT_HTML:
      return pl_codebook_write_html (project, root);
    case PL_CODEBOOK_FORMAT_JSON:
    default:
      g_return_val_if_reached (NULL);
    }
}

gboolean
pl_codebook_export (PlProject         *project,
                    PlCodebookFormat   format,
                    GFile             *destination,
                    GCancellable      *cancellable,
                    GError           **error)
{
  g_autoptr(GBytes) bytes = NULL;
  gsize size;
  const void *data;

  g_return_val_if_fail (PL_IS_PROJECT (project), FALSE);
  g_return_val_if_fail (G_IS_FILE (destination), FALSE);

  bytes = pl_codebook_export_bytes (project, format, error);
  if (bytes == NULL)
    return FALSE;
  data = g_bytes_get_data (bytes, &size);
  return pl_atomic_file_write (destination, data, size, cancellable, error);
}

/* Readers */

void
pl_codebook_report (PlCodebookReader *reader,
                    const char       *format,
                    ...)
{
  va_list args;

  va_start (args, format);
  g_ptr_array_add (reader->report, g_strdup_vprintf (format, args));
  va_end (args);
}

/* A colour as stored, or NULL (counted) when it cannot be read. */
char *
pl_codebook_read_color (PlCodebookReader *reader,
                        const char       *value)
{
  gboolean alpha = FALSE;
  char *color;

  if (value == NULL || value[0] == '\0')
    return NULL;
  color = pl_codebook_normalize_color (value, &alpha);
  if (color == NULL)
    reader->n_bad_color++;
  else if (alpha)
    reader->n_alpha++;
  return color;
}

/* "true", "1" (any case) and "false", "0"; -1 for anything else. */
int
pl_codebook_read_boolean (const char *value)
{
  g_autofree char *trimmed = pl_codebook_clean_text (value);

  if (trimmed == NULL)
    return -1;
  if (g_ascii_strcasecmp (trimmed, "true") == 0 || g_str_equal (trimmed, "1")
      || g_ascii_strcasecmp (trimmed, "yes") == 0)
    return TRUE;
  if (g_ascii_strcasecmp (trimmed, "false") == 0 || g_str_equal (trimmed, "0")
      || g_ascii_strcasecmp (trimmed, "no") == 0)
    return FALSE;
  return -2;
}

/* "{1FF58B12-…}" → "1ff58b12-…"; NULL when it is not a GUID. */
char *
pl_codebook_read_guid (const char *value)
{
  g_autofree char *trimmed = pl_codebook_clean_text (value);
  gsize len;

  if (trimmed == NULL)
    return NULL;
  len = strlen (trimmed);
  if (len == 38 && trimmed[0] == '{' && trimmed[37] == '}')
    {
      memmove (trimmed, trimmed + 1, 36);
      trimmed[36] = '\0';
    }
  if (!g_uuid_string_is_valid (trimmed))
    return NULL;
  return g_ascii_strdown (trimmed, -1);
}

void
pl_codebook_finish_report (PlCodebookReader *reader)
{
  if (reader->n_alpha > 0)
    pl_codebook_report (reader, g_dngettext (GETTEXT_PACKAGE,
                                 "The transparency of %u colour was left out.",
                                 "The transparency of %u colours was left out.", reader->n_alpha),
            reader->n_alpha);
  if (reader->n_bad_color > 0)
    pl_codebook_report (reader, g_dngettext (GETTEXT_PACKAGE,
                                 "%u colour could not be read; the code takes a colour of Plenary’s palette.",
                                 "%u colours could not be read; the codes take colours of Plenary’s palette.",
                                 reader->n_bad_color),
            reader->n_bad_color);
  if (reader->n_no_codable > 0)
    pl_codebook_report (reader, g_dngettext (GETTEXT_PACKAGE,
                                 "%u code did not say whether it can be applied; it can.",
                                 "%u codes did not say whether they can be applied; they can.",
                                 reader->n_no_codable),
            reader->n_no_codable);
  if (reader->n_bad_codable > 0)
    pl_codebook_report (reader, g_dngettext (GETTEXT_PACKAGE,
                                 "%u code had an unreadable isCodable value; it can be applied.",
                                 "%u codes had an unreadable isCodable value; they can be applied.",
                                 reader->n_bad_codable),
            reader->n_bad_codable);
  if (reader->n_unnamed > 0)
    pl_codebook_report (reader, g_dngettext (GETTEXT_PACKAGE,
                                 "%u code without a name was left out, with its sub-codes.",
                                 "%u codes without a name were left out, with their sub-codes.",
                                 reader->n_unnamed),
            reader->n_unnamed);
  if (reader->n_sets > 0)
    pl_codebook_report (reader, g_dngettext (GETTEXT_PACKAGE,
                                 "%u code set was not kept: Plenary has no code sets.",
                                 "%u code sets were not kept: Plenary has no code sets.",
                                 reader->n_sets),
            reader->n_sets);
}

gboolean
pl_codebook_read_any (PlCodebookReader  *reader,
                      GBytes            *bytes,
                      const char        *file_name,
                      GError           **error)
{
  gsize length;
  const char *data = g_bytes_get_data (bytes, &length);
  g_autofree char *lower = g_ascii_strdown (file_name, -1);
  const char *start = data;
  gsize rest = length;

  if (length > PL_LIMIT_FILE_BYTES)
    {
      g_set_error (error, PL_IMPORT_ERROR, PL_IMPORT_ERROR_TOO_LARGE,
                   _("“%s” is too large to be a codebook."), reader->display_name);
      return FALSE;
    }
  if (length >= 4 && memcmp (data, "PK\003\004", 4) == 0)
    {
      g_autoptr(GBytes) qde = pl_codebook_read_qdpx (reader, data, length, error);
      gsize qde_length;
      const char *qde_data;

      if (qde == NULL)
        return FALSE;
      qde_data = g_bytes_get_data (qde, &qde_length);
      return pl_codebook_read_xml (reader, qde_data, qde_length, error);
    }

  if (length == 0)
    {
      g_set_error (error, PL_IMPORT_ERROR, PL_IMPORT_ERROR_EMPTY, _("“%s” is empty."), reader->display_name);
      return FALSE;
    }
  if (memchr (data, '\0', length) != NULL || !g_utf8_validate (data, length, NULL))
    {
      g_set_error (error, PL_IMPORT_ERROR, PL_IMPORT_ERROR_ENCODING,
                   _("“%s” is not UTF-8 text, nor a REFI-QDA project archive."), reader->display_name);
      return FALSE;
    }

  if (rest >= 3 && memcmp (start, "\xEF\xBB\xBF", 3) == 0)
    start += 3, rest -= 3;
  while (rest > 0 && g_ascii_isspace (*start))
    start++, rest--;

  if (rest > 0 && *start == '<')
    return pl_codebook_read_xml (reader, data, length, error);
  if (rest > 0 && (*start == '{' || *start == '[') && !g_str_has_suffix (lower, ".csv"))
    return pl_codebook_read_json (reader, start, rest, error);
  if (g_str_has_suffix (lower, ".qdc") || g_str_has_suffix (lower, ".qde") || g_str_has_suffix (lower, ".xml")
      || g_str_has_suffix (lower, ".json"))
    {
      g_set_error (error, PL_IMPORT_ERROR, PL_IMPORT_ERROR_MALFORMED,
                   _("“%s” does not hold what its name says."), reader->display_name);
      return FALSE;
    }
  if (rest == 0)
    {
      g_set_error (error, PL_IMPORT_ERROR, PL_IMPORT_ERROR_EMPTY, _("“%s” is empty."), reader->display_name);
      return FALSE;
    }
  return pl_codebook_read_csv (reader, start, rest, error);
}
