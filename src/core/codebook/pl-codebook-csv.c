/* pl-codebook-csv.c — the codebook as CSV (RFC 4180, a header row)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "plenary-codebook-exchange"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "pl-codebook-exchange-private.h"
#include "pl-csv.h"
#include "pl-error.h"

static const char *csv_columns[] = {
  "path", "id", "name", "definition", "inclusion", "exclusion", "example", "color",
  "color_dark", "shortcut", "codable", "guid",
};

static void
write_csv_entries (GString               *out,
                   const PlCodebookEntry *parent,
                   const char            *parent_path)
{
  for (guint i = 0; i < parent->children->len; i++)
    {
      const PlCodebookEntry *entry = g_ptr_array_index (parent->children, i);
      g_autofree char *path = parent_path != NULL ? g_strconcat (parent_path, " / ", entry->name, NULL)
                                                  : g_strdup (entry->name);
      const char *values[] = {
        path, entry->short_id, entry->name, entry->definition, entry->inclusion,
        entry->exclusion, entry->example, entry->color, entry->color_dark, entry->shortcut,
        entry->codable ? "true" : "false", entry->guid,
      };

      for (guint c = 0; c < G_N_ELEMENTS (values); c++)
        {
          if (c > 0)
            g_string_append_c (out, ',');
          pl_csv_append_field (out, values[c], PL_CSV_KEEP_SPACES);
        }
      g_string_append (out, "\r\n");
      write_csv_entries (out, entry, path);
    }
}

GBytes *
pl_codebook_write_csv (const PlCodebookEntry *root)
{
  GString *out = g_string_new (NULL);

  for (guint c = 0; c < G_N_ELEMENTS (csv_columns); c++)
    g_string_append_printf (out, "%s%s", c > 0 ? "," : "", csv_columns[c]);
  g_string_append (out, "\r\n");
  write_csv_entries (out, root, NULL);
  return g_string_free_to_bytes (out);
}

/* RFC 4180 records (GStrv each); @separator is ',', ';' or a tab. */
static GPtrArray *
parse_csv (PlCodebookReader  *reader,
           const char        *text,
           char               separator,
           GError           **error)
{
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  g_autoptr(GPtrArray) fields = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) field = g_string_new (NULL);
  const char *p = text;
  guint line = 1;

  while (*p != '\0')
    {
      if (*p == '"' && field->len == 0)
        {
          guint start_line = line;

          p++;
          for (;;)
            {
              if (*p == '\0')
                {
                  g_set_error (error, PL_IMPORT_ERROR, PL_IMPORT_ERROR_MALFORMED,
                               _("“%s”: the quoted value that starts on line %u is not closed."),
                               reader->display_name, start_line);
                  return NULL;
                }
              if (*p == '"' && p[1] == '"')
                {
                  g_string_append_c (field, '"');
                  p += 2;
                  continue;
                }
              if (*p == '"')
                {
                  p++;
                  break;
                }
              if (*p == '\n')
                line++;
              if (*p == '\r' && p[1] == '\n')
                {
                  p++;
                  continue;
                }
              g_string_append_c (field, *p++);
            }
          continue;
        }

      if (*p == separator)
        {
          g_ptr_array_add (fields, g_strdup (field->str));
          g_string_truncate (field, 0);
          p++;
          continue;
        }

      if (*p == '\r' || *p == '\n')
        {
          g_ptr_array_add (fields, g_strdup (field->str));
          g_string_truncate (field, 0);
          g_ptr_array_add (fields, NULL);
          g_ptr_array_add (records, g_ptr_array_free (g_steal_pointer (&fields), FALSE));
          fields = g_ptr_array_new_with_free_func (g_free);
          if (*p == '\r' && p[1] == '\n')
            p++;
          p++;
          line++;
          continue;
        }

      g_string_append_c (field, *p++);
    }

  if (field->len > 0 || fields->len > 0)
    {
      g_ptr_array_add (fields, g_strdup (field->str));
      g_ptr_array_add (fields, NULL);
      g_ptr_array_add (records, g_ptr_array_free (g_steal_pointer (&fields), FALSE));
    }
  return g_steal_pointer (&records);
}

static gboolean
is_blank_record (char **record)
{
  for (guint i = 0; record[i] != NULL; i++)
    {
      g_autofree char *value = pl_codebook_clean_text (record[i]);

      if (value != NULL)
        return FALSE;
    }
  return TRUE;
}

static const char *
csv_value (char  **record,
           int     column)
{
  if (column < 0 || (guint) column >= g_strv_length (record))
    return NULL;
  return record[column];
}

/* The entry at @path, made (as a folder, reported) when no row gave it. */
static PlCodebookEntry *
csv_parent (PlCodebookReader *reader,
            GHashTable       *by_path,
            const char       *path)
{
  PlCodebookEntry *entry = g_hash_table_lookup (by_path, path);
  const char *cut;
  PlCodebookEntry *parent = reader->root;

  if (entry != NULL)
    return entry;

  cut = g_strrstr (path, " / ");
  if (cut != NULL)
    {
      g_autofree char *above = g_strndup (path, cut - path);

      parent = csv_parent (reader, by_path, above);
    }
  entry = pl_codebook_entry_new ();
  entry->name = g_strdup (cut != NULL ? cut + 3 : path);
  entry->codable = FALSE;
  g_ptr_array_add (parent->children, entry);
  g_hash_table_insert (by_path, g_strdup (path), entry);
  pl_codebook_report (reader, _("No row gave “%s”: it was made a folder."), path);
  return entry;
}

gboolean
pl_codebook_read_csv (PlCodebookReader  *reader,
                      const char        *data,
                      gsize              length,
                      GError           **error)
{
  g_autofree char *text = g_strndup (data, length);
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GHashTable) by_path = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GString) unknown = g_string_new (NULL);
  const char *first_line_end;
  char separator = ',';
  int columns[G_N_ELEMENTS (csv_columns)];
  char **header;

  first_line_end = text + strcspn (text, "\r\n");
  if (memchr (text, ',', first_line_end - text) == NULL)
    {
      if (memchr (text, ';', first_line_end - text) != NULL)
        separator = ';';
      else if (memchr (text, '\t', first_line_end - text) != NULL)
        separator = '\t';
    }

  records = parse_csv (reader, text, separator, error);
  if (records == NULL)
    return FALSE;

  for (guint c = 0; c < G_N_ELEMENTS (columns); c++)
    columns[c] = -1;
  header = records->len > 0 ? g_ptr_array_index (records, 0) : NULL;
  for (guint i = 0; header != NULL && header[i] != NULL; i++)
    {
      g_autofree char *name = pl_codebook_clean_text (header[i]);
      gboolean known = FALSE;

      for (guint c = 0; name != NULL && c < G_N_ELEMENTS (csv_columns); c++)
        if (g_ascii_strcasecmp (name, csv_columns[c]) == 0 && columns[c] < 0)
          {
            columns[c] = i;
            known = TRUE;
          }
      if (name != NULL && !known)
        g_string_append_printf (unknown, "%s“%s”", unknown->len > 0 ? ", " : "", name);
    }

  /* columns[0] is "path", [2] "name". */
  if (columns[0] < 0 && columns[2] < 0)
    {
      g_set_error (error, PL_IMPORT_ERROR, PL_IMPORT_ERROR_MALFORMED,
                   _("“%s” is not a codebook table: its first row needs a column “name” or “path”."),
                   reader->display_name);
      return FALSE;
    }
  if (unknown->len > 0)
    pl_codebook_report (reader, _("These columns were not read: %s."), unknown->str);

  for (guint r = 1; r < records->len; r++)
    {
      char **record = g_ptr_array_index (records, r);
      g_autofree char *path = NULL;
      g_autofree char *name = NULL;
      PlCodebookEntry *parent = reader->root;
      PlCodebookEntry *entry;
      int codable;

      if (is_blank_record (record))
        continue;

      path = pl_codebook_clean_text (csv_value (record, columns[0]));
      name = pl_codebook_clean_text (csv_value (record, columns[2]));
      if (name == NULL && path != NULL)
        {
          const char *cut = g_strrstr (path, " / ");

          name = g_strdup (cut != NULL ? cut + 3 : path);
        }
      if (name == NULL)
        {
          reader->n_unnamed++;
          continue;
        }
      if (path == NULL)
        path = g_strdup (name);

      if (g_hash_table_contains (by_path, path))
        {
          pl_codebook_report (reader, _("Row %u repeats the code “%s”; it was left out."), r + 1, path);
          continue;
        }
      /* The parent's path is the path without " / name" (a name may hold " / "). */
      if (!g_str_equal (path, name))
        {
          gsize cut = strlen (path) - strlen (name);
          g_autofree char *above = NULL;

          if (g_str_has_suffix (path, name) && cut > 3 && strncmp (path + cut - 3, " / ", 3) == 0)
            above = g_strndup (path, cut - 3);
          else if (g_strrstr (path, " / ") != NULL)
            above = g_strndup (path, g_strrstr (path, " / ") - path);
          if (above != NULL)
            parent = csv_parent (reader, by_path, above);
        }

      entry = pl_codebook_entry_new ();
      entry->name = g_steal_pointer (&name);
      entry->short_id = pl_codebook_clean_text (csv_value (record, columns[1]));
      entry->definition = pl_codebook_clean_text (csv_value (record, columns[3]));
      entry->inclusion = pl_codebook_clean_text (csv_value (record, columns[4]));
      entry->exclusion = pl_codebook_clean_text (csv_value (record, columns[5]));
      entry->example = pl_codebook_clean_text (csv_value (record, columns[6]));
      entry->color = pl_codebook_read_color (reader, csv_value (record, columns[7]));
      entry->color_dark = pl_codebook_read_color (reader, csv_value (record, columns[8]));
      entry->shortcut = pl_codebook_clean_text (csv_value (record, columns[9]));
      codable = pl_codebook_read_boolean (csv_value (record, columns[10]));
      if (codable == -2)
        reader->n_bad_codable++;
      entry->codable = codable >= 0 ? codable : -1;
      {
        g_autofree char *given = pl_codebook_clean_text (csv_value (record, columns[11]));

        if (given != NULL)
          {
            entry->guid = pl_codebook_read_guid (given);
            if (entry->guid == NULL)
              pl_codebook_report (reader, _("The code “%s” had an invalid GUID; it gets a new one."), entry->name);
          }
      }
      g_ptr_array_add (parent->children, entry);
      g_hash_table_insert (by_path, g_steal_pointer (&path), entry);
    }
  return TRUE;
}
