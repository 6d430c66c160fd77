/* pl-refi-common.c — what REFI-QDA export and import share: values, markers, zips, checks
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "plenary-refi"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>
#include <libxml/parser.h>
#include <libxml/tree.h>

#include "pl-archive.h"
#include "pl-error.h"
#include "pl-json.h"
#include "pl-refi-private.h"
#include "pl-text.h"
#include "pl-xml.h"

#define MARKER "[plenary] "

const char * const pl_refi_document_variables[] = {
  "Process", "Session", "Meeting", "Date", "Agenda item", "Source type", "Language", "Format",
  "Source address", NULL
};

const char * const pl_refi_case_variables[] = {
  "Entity type", "ISO3", "Regional group", NULL
};

void
pl_refi_report_free (PlRefiReport *report)
{
  if (report == NULL)
    return;

  g_free (report->origin);
  g_clear_pointer (&report->not_imported, g_ptr_array_unref);
  g_clear_pointer (&report->warnings, g_ptr_array_unref);
  g_free (report);
}

/* Values */

gboolean
pl_refi_normalize_guid_to (const char *guid,
                           char       *out)
{
  const char *end;

  if (guid == NULL)
    return FALSE;

  while (g_ascii_isspace (*guid))
    guid++;
  end = guid + strlen (guid);
  while (end > guid && g_ascii_isspace (end[-1]))
    end--;
  if (end - guid == 38 && guid[0] == '{' && end[-1] == '}')
    {
      guid++;
      end--;
    }

  if (end - guid != 36)
    return FALSE;

  for (gsize i = 0; i < 36; i++)
    {
      if (i == 8 || i == 13 || i == 18 || i == 23)
        {
          if (guid[i] != '-')
            return FALSE;
        }
      else if (!g_ascii_isxdigit (guid[i]))
        return FALSE;
      out[i] = g_ascii_tolower (guid[i]);
    }
  out[36] = '\0';
  return TRUE;
}

char *
pl_refi_normalize_guid (const char *guid)
{
  char normal[37];

  return pl_refi_normalize_guid_to (guid, normal) ? g_strdup (normal) : NULL;
}

char *
pl_refi_derive_guid (const char *kind,
                     const char *key)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA1);
  guint8 digest[20];
  gsize length = sizeof digest;

  g_return_val_if_fail (kind != NULL && key != NULL, NULL);

  g_checksum_update (checksum, (const guchar *) "plenary-refi\n", -1);
  g_checksum_update (checksum, (const guchar *) kind, -1);
  g_checksum_update (checksum, (const guchar *) "\n", 1);
  g_checksum_update (checksum, (const guchar *) key, -1);
  g_checksum_get_digest (checksum, digest, &length);

  /* The layout of a name-based UUID (version 5, RFC 4122 variant). */
  digest[6] = (digest[6] & 0x0f) | 0x50;
  digest[8] = (digest[8] & 0x3f) | 0x80;

  return g_strdup_printf ("%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-"
                          "%02x%02x%02x%02x%02x%02x",
                          digest[0], digest[1], digest[2], digest[3], digest[4], digest[5],
                          digest[6], digest[7], digest[8], digest[9], digest[10], digest[11],
                          digest[12], digest[13], digest[14], digest[15]);
}

char *
pl_refi_parse_color (const char *color)
{
  g_autofree char *value = NULL;
  gsize length;

  if (color == NULL)
    return NULL;

  value = g_strstrip (g_ascii_strdown (color, -1));
  length = strlen (value);

  if (value[0] == '#')
    {
      for (gsize i = 1; i < length; i++)
        if (!g_ascii_isxdigit (value[i]))
          return NULL;

      switch (length)
        {
        case 4: /* #rgb */
        case 5: /* #rgba */
          return g_ascii_strup ((char[]) { '#', value[1], value[1], value[2], value[2],
                                           value[3], value[3], '\0' }, -1);
        case 7: /* #rrggbb */
        case 9: /* #rrggbbaa, as CSS writes it */
          value[7] = '\0';
          return g_ascii_strup (value, -1);
        default:
          return NULL;
        }
    }

  if (g_str_has_prefix (value, "rgb(") || g_str_has_prefix (value, "rgba("))
    {
      const char *p = strchr (value, '(') + 1;
      guint channels[3];

      for (guint i = 0; i < 3; i++)
        {
          char *end;
          gdouble number = g_ascii_strtod (p, &end);

          if (end == p)
            return NULL;
          while (g_ascii_isspace (*end))
            end++;
          if (*end == '%')
            {
              number = number * 255.0 / 100.0;
              end++;
            }
          channels[i] = (guint) CLAMP (number + 0.5, 0, 255);
          while (g_ascii_isspace (*end))
            end++;
          if (i < 2 && *end != ',' && *end != ' ')
            return NULL;
          p = (i < 2 && *end == ',') ? end + 1 : end;
        }

      return g_strdup_printf ("#%02X%02X%02X", channels[0], channels[1], channels[2]);
    }

  return NULL;
}

gboolean
pl_refi_parse_boolean (const char *value,
                       gboolean    fallback)
{
  if (value == NULL)
    return fallback;

  if (g_ascii_strcasecmp (value, "true") == 0 || strcmp (value, "1") == 0)
    return TRUE;
  if (g_ascii_strcasecmp (value, "false") == 0 || strcmp (value, "0") == 0)
    return FALSE;

  return fallback;
}

/* Whether @value is already as pl_refi_parse_datetime() writes dates ("2026-11-22T10:00:00Z"),
 * a date and time that exist, from the year 1000 on: what most files hold, read without
 * GDateTime. */
static gboolean
is_canonical_datetime (const char *value)
{
  static const char shape[] = "dddd-dd-ddTdd:dd:ddZ";
  int year, month, day;

  if (strlen (value) != sizeof shape - 1)
    return FALSE;
  for (guint i = 0; i < sizeof shape - 1; i++)
    if (shape[i] == 'd' ? !g_ascii_isdigit (value[i]) : value[i] != shape[i])
      return FALSE;

  year = (value[0] - '0') * 1000 + (value[1] - '0') * 100 + (value[2] - '0') * 10 +
         (value[3] - '0');
  month = (value[5] - '0') * 10 + (value[6] - '0');
  day = (value[8] - '0') * 10 + (value[9] - '0');
  return year >= 1000 && month >= 1 && month <= 12 && day >= 1 &&
         day <= g_date_get_days_in_month ((GDateMonth) month, (GDateYear) year) &&
         (value[11] - '0') * 10 + (value[12] - '0') < 24 &&
         (value[14] - '0') * 10 + (value[15] - '0') < 60 &&
         (value[17] - '0') * 10 + (value[18] - '0') < 60;
}

char *
pl_refi_parse_datetime (const char *value)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GDateTime) time = NULL;
  g_autoptr(GDateTime) in_utc = NULL;
  g_autofree char *copy = NULL;

  if (value == NULL)
    return NULL;

  copy = g_strstrip (g_strdup (value));
  if (is_canonical_datetime (copy))
    return g_steal_pointer (&copy);
  if (strlen (copy) == 10)
    {
      char *with_time = g_strconcat (copy, "T00:00:00", NULL);

      g_free (copy);
      copy = with_time;
    }
  else if (strlen (copy) > 10 && copy[10] == ' ')
    copy[10] = 'T';

  time = g_date_time_new_from_iso8601 (copy, utc);
  if (time == NULL)
    return NULL;

  in_utc = g_date_time_to_utc (time);
  return g_date_time_format (in_utc, "%Y-%m-%dT%H:%M:%SZ");
}

static gboolean
is_xml_char (gunichar c)
{
  return c == 0x9 || c == 0xA || c == 0xD ||
         (c >= 0x20 && c <= 0xD7FF) ||
         (c >= 0xE000 && c <= 0xFFFD) ||
         (c >= 0x10000 && c <= 0x10FFFF);
}

char *
pl_refi_xml_text (const char *text)
{
  GString *out;

  if (text == NULL)
    return NULL;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    if (!is_xml_char (g_utf8_get_char (p)))
      goto replace;

  return g_strdup (text);

replace:
  out = g_string_sized_new (strlen (text));
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      g_string_append_unichar (out, is_xml_char (c) ? c : 0xFFFD);
    }

  return g_string_free (out, FALSE);
}

/* Markers */

void
pl_refi_append_marker (GString    *description,
                       JsonObject *object)
{
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
  g_autofree char *json = NULL;

  g_return_if_fail (description != NULL && object != NULL);

  json_node_set_object (node, object);
  json = json_to_string (node, FALSE);

  if (description->len > 0)
    g_string_append_c (description, '\n');
  g_string_append (description, MARKER);
  g_string_append (description, json);
}

char *
pl_refi_split_marker (const char  *description,
                      JsonObject **out_object)
{
  const char *line;
  g_autoptr(JsonNode) root = NULL;

  g_return_val_if_fail (out_object != NULL, NULL);

  *out_object = NULL;
  if (description == NULL)
    return g_strdup ("");

  line = strrchr (description, '\n');
  line = line != NULL ? line + 1 : description;
  if (!g_str_has_prefix (line, MARKER))
    return g_strdup (description);

  root = pl_json_parse (line + strlen (MARKER), -1, "project.qde", NULL);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return g_strdup (description);

  *out_object = json_object_ref (json_node_get_object (root));

  return g_strndup (description, line > description ? (gsize) (line - 1 - description) : 0);
}

/* Zips */

typedef struct
{
  gboolean (*want) (const char *path);
} WantEntry;

static gboolean
want_entry (const char *name,
            gpointer    data)
{
  const WantEntry *wanted = data;

  return wanted->want (name);
}

/* Every limit of base/pl-archive.h applies: a zip bomb is refused after at most a limit's
 * worth of inflating, never read whole. */
GHashTable *
pl_refi_read_zip (GBytes      *archive,
                  const char  *display_name,
                  gboolean   (*want) (const char *path),
                  GError     **error)
{
  WantEntry wanted = { want };
  PlArchiveOptions options = {
    .display_name = display_name,
    .want = want != NULL ? want_entry : NULL,
    .want_data = &wanted,
  };
  gsize size;
  const guint8 *data = g_bytes_get_data (archive, &size);

  return pl_archive_read_zip (data, size, &options, error);
}

GBytes *
pl_refi_zip_lookup (GHashTable *entries,
                    const char *path)
{
  GHashTableIter iter;
  gpointer key, value;

  g_return_val_if_fail (entries != NULL && path != NULL, NULL);

  value = g_hash_table_lookup (entries, path);
  if (value != NULL)
    return value;

  g_hash_table_iter_init (&iter, entries);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (g_ascii_strcasecmp (key, path) == 0)
      return value;

  return NULL;
}

GBytes *
pl_refi_read_project_qde (GFile   *file,
                          GError **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GHashTable) entries = NULL;
  g_autofree char *name = NULL;
  GBytes *qde;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  name = g_file_get_parse_name (file);
  bytes = g_file_load_bytes (file, NULL, NULL, error);
  if (bytes == NULL)
    return NULL;

  entries = pl_refi_read_zip (bytes, name, NULL, error);
  if (entries == NULL)
    return NULL;

  qde = pl_refi_zip_lookup (entries, "project.qde");
  if (qde == NULL)
    {
      g_set_error (error, PL_IMPORT_ERROR, PL_IMPORT_ERROR_MALFORMED,
                   _("“%s” holds no project.qde."), name);
      return NULL;
    }

  return g_bytes_ref (qde);
}

/* Checks */

typedef struct
{
  GHashTable *kind_of;     /* GUID (normalised) → element name of its first holder */
  GHashTable *entries;
  GPtrArray  *problems;
} Checker;

static void
check_collect (Checker *checker,
               xmlNode *node)
{
  for (; node != NULL; node = node->next)
    {
      g_autofree char *guid = NULL;
      g_autofree char *normal = NULL;

      if (node->type != XML_ELEMENT_NODE)
        continue;

      guid = pl_xml_dup_attribute (node, "guid");
      if (guid != NULL)
        {
          normal = pl_refi_normalize_guid (guid);
          if (normal == NULL)
            g_ptr_array_add (checker->problems,
                             g_strdup_printf ("<%s> has a GUID that is not one: “%s”.",
                                              (const char *) node->name, guid));
          else if (g_hash_table_contains (checker->kind_of, normal))
            g_ptr_array_add (checker->problems,
                             g_strdup_printf ("GUID %s is used twice (<%s> and <%s>).", guid,
                                              (const char *) g_hash_table_lookup (checker->kind_of,
                                                                                  normal),
                                              (const char *) node->name));
          else
            g_hash_table_insert (checker->kind_of, g_steal_pointer (&normal),
                                 (gpointer) node->name);
        }

      check_collect (checker, node->children);
    }
}

static void
check_reference (Checker    *checker,
                 xmlNode    *node,
                 const char *attribute,
                 const char *kinds)
{
  g_autofree char *value = pl_xml_dup_attribute (node, attribute);
  g_autofree char *normal = NULL;
  const char *kind;
  g_auto(GStrv) allowed = NULL;

  if (value == NULL)
    return;

  normal = pl_refi_normalize_guid (value);
  kind = normal != NULL ? g_hash_table_lookup (checker->kind_of, normal) : NULL;
  allowed = g_strsplit (kinds, ",", -1);
  if (kind == NULL || !g_strv_contains ((const char * const *) allowed, kind))
    g_ptr_array_add (checker->problems,
                     g_strdup_printf ("<%s %s=\"%s\"> refers to no %s.",
                                      (const char *) node->name, attribute, value, kinds));
}

static GBytes *
check_internal_path (Checker    *checker,
                     xmlNode    *node,
                     const char *attribute)
{
  g_autofree char *value = pl_xml_dup_attribute (node, attribute);
  g_autofree char *path = NULL;
  GBytes *bytes;

  if (value == NULL || !g_str_has_prefix (value, "internal://"))
    return NULL;

  path = g_strconcat ("sources/", value + strlen ("internal://"), NULL);
  bytes = g_hash_table_lookup (checker->entries, path);
  if (bytes == NULL)
    g_ptr_array_add (checker->problems,
                     g_strdup_printf ("<%s %s=\"%s\">: the zip has no %s.",
                                      (const char *) node->name, attribute, value, path));
  return bytes;
}

static void
check_positions (Checker *checker,
                 xmlNode *source,
                 glong    length)
{
  for (xmlNode *child = source->children; child != NULL; child = child->next)
    {
      g_autofree char *start_text = NULL;
      g_autofree char *end_text = NULL;
      gint64 start, end;

      if (!pl_xml_is_element (child, NULL, "PlainTextSelection"))
        continue;

      start_text = pl_xml_dup_attribute (child, "startPosition");
      end_text = pl_xml_dup_attribute (child, "endPosition");
      if (start_text == NULL || end_text == NULL ||
          !g_ascii_string_to_signed (start_text, 10, 0, G_MAXINT64, &start, NULL) ||
          !g_ascii_string_to_signed (end_text, 10, 0, G_MAXINT64, &end, NULL) ||
          start >= end || end > length)
        {
          g_autofree char *guid = pl_xml_dup_attribute (child, "guid");

          g_ptr_array_add (checker->problems,
                           g_strdup_printf ("Selection %s (%s–%s) does not lie within its text "
                                            "(%ld characters).", guid,
                                            start_text, end_text, length));
        }
    }
}

static void
check_references (Checker *checker,
                  xmlNode *node)
{
  static const char *users[] = {
    "creatingUser", "modifyingUser", "creatingUserGUID", "modifyingUserGUID"
  };

  for (; node != NULL; node = node->next)
    {
      if (node->type != XML_ELEMENT_NODE)
        continue;

      for (guint i = 0; i < G_N_ELEMENTS (users); i++)
        check_reference (checker, node, users[i], "User");

      if (pl_xml_is_element (node, NULL, "CodeRef") || pl_xml_is_element (node, NULL, "MemberCode"))
        check_reference (checker, node, "targetGUID", "Code");
      else if (pl_xml_is_element (node, NULL, "NoteRef") || pl_xml_is_element (node, NULL, "MemberNote"))
        check_reference (checker, node, "targetGUID", "Note");
      else if (pl_xml_is_element (node, NULL, "SourceRef") || pl_xml_is_element (node, NULL, "MemberSource"))
        check_reference (checker, node, "targetGUID",
                         "TextSource,PictureSource,PDFSource,AudioSource,VideoSource");
      else if (pl_xml_is_element (node, NULL, "SelectionRef"))
        check_reference (checker, node, "targetGUID",
                         "PlainTextSelection,PictureSelection,PDFSelection,AudioSelection,"
                         "VideoSelection,TranscriptSelection");
      else if (pl_xml_is_element (node, NULL, "VariableRef"))
        check_reference (checker, node, "targetGUID", "Variable");

      check_internal_path (checker, node, "richTextPath");
      check_internal_path (checker, node, "path");

      if (pl_xml_is_element (node, NULL, "TextSource") || pl_xml_is_element (node, NULL, "Note"))
        {
          GBytes *text = check_internal_path (checker, node, "plainTextPath");
          glong length = -1;

          for (xmlNode *child = node->children; child != NULL; child = child->next)
            if (pl_xml_is_element (child, NULL, "PlainTextContent"))
              {
                xmlChar *content = xmlNodeGetContent (child);

                length = g_utf8_strlen ((const char *) content, -1);
                xmlFree (content);
              }

          if (text != NULL)
            {
              gsize size;
              const char *data = g_bytes_get_data (text, &size);

              if (!g_utf8_validate (data, size, NULL))
                g_ptr_array_add (checker->problems,
                                 g_strdup_printf ("The text of <%s> is not UTF-8.",
                                                  (const char *) node->name));
              else
                length = g_utf8_strlen (data, size);
            }

          if (length >= 0)
            check_positions (checker, node, length);
        }

      check_references (checker, node->children);
    }
}

gboolean
pl_refi_check_qdpx (GFile      *file,
                    GPtrArray **out_problems,
                    GError    **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GHashTable) entries = NULL;
  g_autoptr(GHashTable) kind_of = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autofree char *name = NULL;
  GBytes *qde;
  xmlDoc *doc;
  Checker checker;
  gsize size;
  const char *data;

  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (out_problems != NULL, FALSE);

  name = g_file_get_parse_name (file);
  bytes = g_file_load_bytes (file, NULL, NULL, error);
  if (bytes == NULL)
    return FALSE;

  entries = pl_refi_read_zip (bytes, name, NULL, error);
  if (entries == NULL)
    return FALSE;

  qde = g_hash_table_lookup (entries, "project.qde");
  if (qde == NULL)
    {
      g_set_error (error, PL_IMPORT_ERROR, PL_IMPORT_ERROR_MALFORMED,
                   _("“%s” holds no project.qde."), name);
      return FALSE;
    }

  data = g_bytes_get_data (qde, &size);
  doc = pl_xml_parse (data, size, name, "project.qde", error);
  if (doc == NULL)
    return FALSE;

  kind_of = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  problems = g_ptr_array_new_with_free_func (g_free);
  checker.kind_of = kind_of;
  checker.entries = entries;
  checker.problems = problems;

  check_collect (&checker, xmlDocGetRootElement (doc));
  check_references (&checker, xmlDocGetRootElement (doc));

  xmlFreeDoc (doc);

  *out_problems = g_steal_pointer (&problems);
  return TRUE;
}
