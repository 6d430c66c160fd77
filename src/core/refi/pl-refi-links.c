/* pl-refi-links.c — links between statements and outcome documents in a .qdpx
 *
 * REFI-QDA links join two elements by GUID.  A link of Plenary joins two spans of text, so
 * each end becomes a PlainTextSelection of its source, without a coding: the statement's
 * passage (GUID derived from the link's as "link-origin") and the outcome document's
 * ("link-target").  A "[plenary]" marker in each selection's Description says which end it
 * is, and keeps what the schema has no attribute for: the score, shared words and origin
 * of the link, and the kind and date of the outcome document.  Who accepted the link and
 * when are the selections' creatingUser and creationDateTime.  The Link goes from the
 * origin to the target (direction OneWay).  Reading them back is in pl-refi-apply.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "plenary-refi-export"

#include "config.h"

#include <glib/gi18n.h>

#include "pl-project-links.h"
#include "pl-refi-private.h"
#include "pl-text.h"

#define NAME_LENGTH 100

gboolean
pl_qdpx_collect_links (PlQdpx  *qdpx,
                       GError **error)
{
  PlProject *project = pl_project_reader_get_project (qdpx->reader);
  g_autoptr(GHashTable) exported = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autoptr(GPtrArray) links = NULL;

  for (guint i = 0; i < qdpx->documents->len; i++)
    {
      gint64 id = pl_document_get_id (g_ptr_array_index (qdpx->documents, i));

      g_hash_table_add (exported, g_memdup2 (&id, sizeof id));
    }

  links = pl_project_list_links (project, 0, error);
  if (links == NULL)
    return FALSE;
  qdpx->outcomes = pl_project_list_outcomes (project, error);
  if (qdpx->outcomes == NULL)
    return FALSE;

  qdpx->links = g_ptr_array_new_with_free_func ((GDestroyNotify) pl_link_free);
  for (guint i = 0; i < links->len; i++)
    {
      PlLink *link = g_ptr_array_index (links, i);

      if (g_hash_table_contains (exported, &link->source_document_id)
          && g_hash_table_contains (exported, &link->outcome_document_id))
        g_ptr_array_add (qdpx->links, pl_link_copy (link));
    }

  return TRUE;
}

/* The passage as ATLAS.ti names its quotations: cut with "…" when long. */
static char *
passage_name (const char *text,
              guint       start,
              guint       end)
{
  g_autofree char *passage = pl_text_slice (text, start, MIN (end, start + NAME_LENGTH));

  if (end - start <= NAME_LENGTH)
    return g_steal_pointer (&passage);

  *g_utf8_offset_to_pointer (passage, NAME_LENGTH - 1) = '\0';
  return g_strconcat (passage, "…", NULL);
}

/* The exported user GUID of @coder_id, or NULL. */
static char *
user_of (PlQdpx *qdpx,
         gint64  coder_id)
{
  g_autoptr(GPtrArray) coders = NULL;

  if (coder_id == 0)
    return NULL;

  coders = pl_project_reader_list_coders (qdpx->reader);
  for (guint i = 0; coders != NULL && i < coders->len; i++)
    {
      const PlCoder *coder = g_ptr_array_index (coders, i);

      if (coder->id == coder_id)
        {
          char *guid = pl_qdpx_guid ("user", coder->guid);

          if (g_hash_table_contains (qdpx->user_guids, guid))
            return guid;
          g_free (guid);
        }
    }

  return NULL;
}

static const PlOutcome *
outcome_of (PlQdpx *qdpx,
            gint64  document_id)
{
  for (guint i = 0; i < qdpx->outcomes->len; i++)
    {
      const PlOutcome *outcome = g_ptr_array_index (qdpx->outcomes, i);

      if (outcome->document_id == document_id)
        return outcome;
    }
  return NULL;
}

static void
write_end (PlQdpx       *qdpx,
           const PlLink *link,
           const char   *text,
           guint         length,
           gboolean      origin)
{
  g_autofree char *link_guid = pl_qdpx_guid ("link", link->guid);
  g_autofree char *guid = pl_refi_derive_guid (origin ? "link-origin" : "link-target", link_guid);
  guint start = origin ? link->source_start : link->outcome_start;
  guint end = origin ? link->source_end : link->outcome_end;
  g_autofree char *name = NULL;
  g_autofree char *user = user_of (qdpx, link->coder_id);
  g_autoptr(GString) description = g_string_new (NULL);
  g_autoptr(JsonObject) marker = json_object_new ();

  if (start >= end || end > length)
    {
      pl_qdpx_fail (qdpx, _("Could not write the REFI-QDA project: link %s does not lie within "
                            "its documents."), link->guid);
      return;
    }

  json_object_set_string_member (marker, "type", origin ? "link-origin" : "link-target");
  json_object_set_string_member (marker, "link", link_guid);
  if (origin)
    {
      json_object_set_string_member (marker, "origin", pl_link_origin_to_string (link->origin));
      if (link->score >= 0)
        json_object_set_double_member (marker, "score", link->score);
      json_object_set_int_member (marker, "words", link->words);
    }
  else
    {
      const PlOutcome *outcome = outcome_of (qdpx, link->outcome_document_id);

      if (outcome != NULL)
        json_object_set_string_member (marker, "outcome_kind", pl_outcome_kind_to_string (outcome->kind));
      if (outcome != NULL && outcome->date != NULL)
        json_object_set_string_member (marker, "outcome_date", outcome->date);
    }
  pl_refi_append_marker (description, marker);

  name = passage_name (text, start, end);
  pl_qdpx_claim (qdpx, guid);
  pl_qdpx_start (qdpx, "PlainTextSelection");
  pl_qdpx_attribute (qdpx, "guid", guid);
  pl_qdpx_attribute (qdpx, "name", name);
  pl_qdpx_attribute_uint (qdpx, "startPosition", start);
  pl_qdpx_attribute_uint (qdpx, "endPosition", end);
  pl_qdpx_attribute (qdpx, "creatingUser", user);
  pl_qdpx_attribute (qdpx, "creationDateTime", link->created);
  pl_qdpx_text_element (qdpx, "Description", description->str);
  pl_qdpx_end (qdpx);
}

void
pl_qdpx_write_link_selections (PlQdpx     *qdpx,
                               PlDocument *document)
{
  gint64 id = pl_document_get_id (document);
  g_autofree char *text = NULL;

  for (guint i = 0; i < qdpx->links->len; i++)
    {
      const PlLink *link = g_ptr_array_index (qdpx->links, i);

      if (link->source_document_id != id && link->outcome_document_id != id)
        continue;

      if (text == NULL)
        {
          g_autoptr(GError) read_error = NULL;

          text = pl_project_reader_dup_document_text (qdpx->reader, id, &read_error);
          if (text == NULL)
            {
              pl_qdpx_fail (qdpx, "%s", read_error->message);
              return;
            }
        }

      if (link->source_document_id == id)
        write_end (qdpx, link, text, pl_document_get_length (document), TRUE);
      if (link->outcome_document_id == id)
        write_end (qdpx, link, text, pl_document_get_length (document), FALSE);
    }
}

void
pl_qdpx_write_links (PlQdpx *qdpx)
{
  if (qdpx->links == NULL || qdpx->links->len == 0)
    return;

  pl_qdpx_start (qdpx, "Links");
  for (guint i = 0; i < qdpx->links->len; i++)
    {
      const PlLink *link = g_ptr_array_index (qdpx->links, i);
      g_autofree char *guid = pl_qdpx_guid ("link", link->guid);
      g_autofree char *origin = pl_refi_derive_guid ("link-origin", guid);
      g_autofree char *target = pl_refi_derive_guid ("link-target", guid);

      pl_qdpx_claim (qdpx, guid);
      pl_qdpx_start (qdpx, "Link");
      pl_qdpx_attribute (qdpx, "guid", guid);
      pl_qdpx_attribute (qdpx, "name", "Reused in");
      pl_qdpx_attribute (qdpx, "direction", "OneWay");
      pl_qdpx_attribute (qdpx, "originGUID", origin);
      pl_qdpx_attribute (qdpx, "targetGUID", target);
      pl_qdpx_end (qdpx);
    }
  pl_qdpx_end (qdpx);
}
