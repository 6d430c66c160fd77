/* pl-refi-writer.c — the mechanics of writing a .qdpx: the zip, the XML, the GUIDs
 *
 * The zip is streamed into the export's sink, and project.qde into its zip entry as
 * libxml2's writer produces it, so memory stays flat however large the project is.  The
 * first failure of the sink, the archive or the XML writer is kept and ends the export;
 * what is written after it is dropped.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "plenary-refi-export"

#include "config.h"

#include <string.h>

#include <archive_entry.h>
#include <glib/gi18n.h>

#include "pl-error.h"
#include "pl-refi-private.h"

/* Failures */

void
pl_qdpx_fail (PlQdpx     *qdpx,
              const char *format,
              ...)
{
  va_list args;

  qdpx->failed = TRUE;
  if (qdpx->error != NULL)
    return;

  va_start (args, format);
  qdpx->error = g_error_new_valist (PL_EXPORT_ERROR, PL_EXPORT_ERROR_FAILED, format, args);
  va_end (args);
}

static void
qdpx_fail_write (PlQdpx *qdpx)
{
  pl_qdpx_fail (qdpx, _("Could not write the REFI-QDA project."));
}

gboolean
pl_qdpx_check (PlQdpx  *qdpx,
               GError **error)
{
  if (!qdpx->failed)
    return TRUE;

  if (qdpx->error != NULL)
    g_propagate_error (error, g_steal_pointer (&qdpx->error));
  else
    g_set_error (error, PL_EXPORT_ERROR, PL_EXPORT_ERROR_FAILED,
                 _("Could not write the REFI-QDA project."));
  return FALSE;
}

/* The zip: its output goes to the export's sink. */

static la_ssize_t
archive_write_cb (struct archive *archive,
                  void           *user_data,
                  const void     *buffer,
                  size_t          length)
{
  PlQdpx *qdpx = user_data;
  GError *local_error = NULL;

  if (!pl_export_sink_write (qdpx->sink, buffer, length, &local_error))
    {
      qdpx->failed = TRUE;
      if (qdpx->error == NULL)
        qdpx->error = local_error;
      else
        g_error_free (local_error);
      return -1;
    }

  return (la_ssize_t) length;
}

static void
archive_check (PlQdpx *qdpx,
               int     rc)
{
  if (rc < ARCHIVE_WARN)
    pl_qdpx_fail (qdpx, _("Could not write the REFI-QDA project: %s"),
                  archive_error_string (qdpx->archive) != NULL
                  ? archive_error_string (qdpx->archive) : _("unknown error"));
}

void
pl_qdpx_open_archive (PlQdpx *qdpx)
{
  qdpx->archive = archive_write_new ();
  archive_write_set_format_zip (qdpx->archive);
  /* Fast compression: the XML is large and compresses well at any level. */
  archive_write_set_format_option (qdpx->archive, "zip", "compression-level", "1");
  archive_write_set_bytes_per_block (qdpx->archive, 64 * 1024);
  archive_write_set_bytes_in_last_block (qdpx->archive, 1);
  archive_check (qdpx, archive_write_open2 (qdpx->archive, qdpx, NULL, archive_write_cb,
                                            NULL, NULL));
}

void
pl_qdpx_begin_entry (PlQdpx     *qdpx,
                     const char *path,
                     gint64      size)
{
  struct archive_entry *entry;

  if (qdpx->failed)
    return;

  entry = archive_entry_new ();
  archive_entry_set_pathname_utf8 (entry, path);
  archive_entry_set_filetype (entry, AE_IFREG);
  archive_entry_set_perm (entry, 0644);
  if (size >= 0)
    archive_entry_set_size (entry, (la_int64_t) size);
  archive_entry_set_mtime (entry, g_get_real_time () / G_USEC_PER_SEC, 0);
  archive_check (qdpx, archive_write_header (qdpx->archive, entry));
  archive_entry_free (entry);
}

void
pl_qdpx_write_data (PlQdpx     *qdpx,
                    const char *data,
                    gsize       length)
{
  la_ssize_t written;

  /* Once the export failed, what is left is dropped quietly: the file is discarded. */
  if (qdpx->failed || length == 0)
    return;

  written = archive_write_data (qdpx->archive, data, length);
  if (written < 0)
    archive_check (qdpx, ARCHIVE_FATAL);
}

void
pl_qdpx_finish_entry (PlQdpx *qdpx)
{
  if (!qdpx->failed)
    archive_check (qdpx, archive_write_finish_entry (qdpx->archive));
}

void
pl_qdpx_write_entry (PlQdpx     *qdpx,
                     const char *path,
                     const char *data)
{
  gsize length = strlen (data);

  pl_qdpx_begin_entry (qdpx, path, (gint64) length);
  pl_qdpx_write_data (qdpx, data, length);
  pl_qdpx_finish_entry (qdpx);
}

void
pl_qdpx_close_archive (PlQdpx *qdpx)
{
  if (!qdpx->failed)
    archive_check (qdpx, archive_write_close (qdpx->archive));
}

/* XML */

static int
xml_write_cb (void       *user_data,
              const char *buffer,
              int         length)
{
  pl_qdpx_write_data (user_data, buffer, (gsize) length);

  return length;
}

static int
xml_close_cb (void *user_data)
{
  return 0;
}

void
pl_qdpx_begin_xml (PlQdpx *qdpx)
{
  xmlOutputBuffer *output = xmlOutputBufferCreateIO (xml_write_cb, xml_close_cb, qdpx, NULL);

  qdpx->writer = xmlNewTextWriter (output);
  if (qdpx->writer == NULL)
    {
      xmlOutputBufferClose (output);
      qdpx_fail_write (qdpx);
      return;
    }
  xmlTextWriterSetIndent (qdpx->writer, 1);
  xmlTextWriterSetIndentString (qdpx->writer, (const xmlChar *) "  ");

  if (xmlTextWriterStartDocument (qdpx->writer, "1.0", "UTF-8", NULL) < 0)
    qdpx_fail_write (qdpx);
}

void
pl_qdpx_end_xml (PlQdpx *qdpx)
{
  if (qdpx->writer == NULL)
    return;

  if (xmlTextWriterEndDocument (qdpx->writer) < 0)
    qdpx_fail_write (qdpx);
  g_clear_pointer (&qdpx->writer, xmlFreeTextWriter);
}

/* @value if XML can hold it as it is, else a cleaned copy kept in @tmp. */
static const char *
xml_safe (const char  *value,
          char       **tmp)
{
  for (const unsigned char *p = (const unsigned char *) value; *p != '\0'; p++)
    if ((*p < 0x20 && *p != '\t' && *p != '\n' && *p != '\r') ||
        (p[0] == 0xEF && p[1] == 0xBF && (p[2] == 0xBE || p[2] == 0xBF)))
      {
        g_free (*tmp);
        *tmp = pl_refi_xml_text (value);
        return *tmp;
      }

  return value;
}

void
pl_qdpx_start (PlQdpx     *qdpx,
               const char *name)
{
  if (qdpx->writer == NULL || xmlTextWriterStartElement (qdpx->writer, (const xmlChar *) name) < 0)
    qdpx_fail_write (qdpx);
}

void
pl_qdpx_end (PlQdpx *qdpx)
{
  if (qdpx->writer == NULL || xmlTextWriterEndElement (qdpx->writer) < 0)
    qdpx_fail_write (qdpx);
}

void
pl_qdpx_attribute (PlQdpx     *qdpx,
                   const char *name,
                   const char *value)
{
  g_autofree char *tmp = NULL;

  if (value == NULL)
    return;

  if (qdpx->writer == NULL ||
      xmlTextWriterWriteAttribute (qdpx->writer, (const xmlChar *) name,
                                   (const xmlChar *) xml_safe (value, &tmp)) < 0)
    qdpx_fail_write (qdpx);
}

void
pl_qdpx_attribute_uint (PlQdpx     *qdpx,
                        const char *name,
                        guint       value)
{
  char text[16];

  g_snprintf (text, sizeof text, "%u", value);
  pl_qdpx_attribute (qdpx, name, text);
}

void
pl_qdpx_text_element (PlQdpx     *qdpx,
                      const char *name,
                      const char *text)
{
  g_autofree char *tmp = NULL;

  if (text == NULL || *text == '\0')
    return;

  if (qdpx->writer == NULL ||
      xmlTextWriterWriteElement (qdpx->writer, (const xmlChar *) name,
                                 (const xmlChar *) xml_safe (text, &tmp)) < 0)
    qdpx_fail_write (qdpx);
}

void
pl_qdpx_reference (PlQdpx     *qdpx,
                   const char *element,
                   const char *target)
{
  pl_qdpx_start (qdpx, element);
  pl_qdpx_attribute (qdpx, "targetGUID", target);
  pl_qdpx_end (qdpx);
}

/* GUIDs */

const char *
pl_qdpx_claim (PlQdpx     *qdpx,
               const char *guid)
{
  char *copy;

  if (g_hash_table_contains (qdpx->guids, guid))
    {
      pl_qdpx_fail (qdpx, _("Could not write the REFI-QDA project: GUID %s is used twice."),
                    guid);
      return guid;
    }

  copy = g_strdup (guid);
  g_hash_table_add (qdpx->guids, copy);
  return copy;
}

char *
pl_qdpx_guid (const char *kind,
              const char *stored)
{
  char *guid = pl_refi_normalize_guid (stored);

  return guid != NULL ? guid : pl_refi_derive_guid (kind, stored != NULL ? stored : "");
}

void
pl_qdpx_add_note_ref (PlQdpx     *qdpx,
                      const char *target,
                      const char *note)
{
  GPtrArray *notes = g_hash_table_lookup (qdpx->notes_by_target, target);

  if (notes == NULL)
    {
      notes = g_ptr_array_new_with_free_func (g_free);
      g_hash_table_insert (qdpx->notes_by_target, g_strdup (target), notes);
    }
  g_ptr_array_add (notes, g_strdup (note));
}

void
pl_qdpx_write_note_refs (PlQdpx     *qdpx,
                         const char *target)
{
  GPtrArray *notes = g_hash_table_lookup (qdpx->notes_by_target, target);

  for (guint i = 0; notes != NULL && i < notes->len; i++)
    pl_qdpx_reference (qdpx, "NoteRef", g_ptr_array_index (notes, i));
}

/* Setting up and clearing */

void
pl_qdpx_init (PlQdpx *qdpx)
{
  qdpx->guids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  qdpx->code_guids = g_hash_table_new (g_str_hash, g_str_equal);
  qdpx->user_guids = g_hash_table_new (g_str_hash, g_str_equal);
  qdpx->notes_by_target = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                 (GDestroyNotify) g_ptr_array_unref);
  qdpx->project_notes = g_ptr_array_new_with_free_func (g_free);
  qdpx->document_guids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  qdpx->passages = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                          (GDestroyNotify) g_ptr_array_unref);
  qdpx->passage_notes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

void
pl_qdpx_clear (PlQdpx *qdpx)
{
  g_clear_pointer (&qdpx->writer, xmlFreeTextWriter);
  g_clear_pointer (&qdpx->archive, archive_write_free);
  g_clear_error (&qdpx->error);
  g_clear_pointer (&qdpx->code_guids, g_hash_table_unref);
  g_clear_pointer (&qdpx->user_guids, g_hash_table_unref);
  g_clear_pointer (&qdpx->guids, g_hash_table_unref);
  g_clear_pointer (&qdpx->notes_by_target, g_hash_table_unref);
  g_clear_pointer (&qdpx->project_notes, g_ptr_array_unref);
  g_clear_pointer (&qdpx->documents, g_ptr_array_unref);
  g_clear_pointer (&qdpx->links, g_ptr_array_unref);
  g_clear_pointer (&qdpx->outcomes, g_ptr_array_unref);
  g_clear_pointer (&qdpx->document_guids, g_hash_table_unref);
  g_clear_pointer (&qdpx->passages, g_hash_table_unref);
  g_clear_pointer (&qdpx->passage_notes, g_hash_table_unref);
}
