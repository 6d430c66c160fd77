/* pl-refi-links.c — links between statements and outcome documents in a .qdpx, both ways
 *
 * REFI-QDA links join two elements by GUID.  A link of Plenary joins two spans of text, so
 * each end becomes a PlainTextSelection of its source, without a coding or a Description:
 * the statement's passage (GUID derived from the link's as "link-origin") and the outcome
 * document's ("link-target").  Who accepted the link and when are the selections'
 * creatingUser and creationDateTime.  The Link goes from the origin to the target
 * (direction OneWay).  What the schema has no attribute for — the score, shared words and
 * origin of the link, the kind and date of outcome documents — is in plenary/project.json
 * (pl-refi-plenary.c); files of earlier versions carried it in "[plenary]" lines of the
 * two selections' Descriptions, which are still read.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "plenary-refi-export"

#include "config.h"

#include <glib/gi18n.h>

#include "pl-json.h"
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

const PlOutcome *
pl_qdpx_outcome_of (PlQdpx *qdpx,
                    gint64  document_id)
{
  for (guint i = 0; qdpx->outcomes != NULL && i < qdpx->outcomes->len; i++)
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

  if (start >= end || end > length)
    {
      pl_qdpx_fail (qdpx, _("Could not write the REFI-QDA project: link %s does not lie within "
                            "its documents."), link->guid);
      return;
    }

  name = passage_name (text, start, end);
  pl_qdpx_claim (qdpx, guid);
  pl_qdpx_start (qdpx, "PlainTextSelection");
  pl_qdpx_attribute (qdpx, "guid", guid);
  pl_qdpx_attribute (qdpx, "name", name);
  pl_qdpx_attribute_uint (qdpx, "startPosition", start);
  pl_qdpx_attribute_uint (qdpx, "endPosition", end);
  pl_qdpx_attribute (qdpx, "creatingUser", user);
  pl_qdpx_attribute (qdpx, "creationDateTime", link->created);
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

/* Import
 *
 * A Link between two text selections becomes a link between a statement's passage (its
 * origin) and an outcome document's (its target).  Links between other elements (a memo
 * and a code, two codes) are counted as not imported. */

typedef struct
{
  RefiSource    *source;
  RefiSelection *selection;
} LinkEnd;

GHashTable *
pl_refi_link_ends (PlRefiFile *refi)
{
  GHashTable *ends = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < refi->links->len; i++)
    {
      RefiLink *link = g_ptr_array_index (refi->links, i);

      if (link->origin != NULL)
        g_hash_table_add (ends, link->origin);
      if (link->target != NULL)
        g_hash_table_add (ends, link->target);
    }
  return ends;
}

static GHashTable *
index_selections (PlRefiFile *refi)
{
  GHashTable *ends = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);

  for (guint i = 0; i < refi->sources->len; i++)
    {
      RefiSource *source = g_ptr_array_index (refi->sources, i);

      for (guint k = 0; source->text != NULL && k < source->selections->len; k++)
        {
          RefiSelection *selection = g_ptr_array_index (source->selections, k);
          LinkEnd *end = g_new (LinkEnd, 1);

          *end = (LinkEnd) { source, selection };
          g_hash_table_insert (ends, (gpointer) selection->guid, end);
        }
    }
  return ends;
}

/* The document an end lies in, 0 when the end cannot be imported; -1 on error. */
static gint64
end_document (RefiApply      *apply,
              const LinkEnd  *end,
              GError        **error)
{
  if (!end->selection->mapped || end->selection->whole
      || end->selection->norm_start >= end->selection->norm_end)
    return 0;
  return pl_project_bulk_lookup (apply->bulk, PL_BULK_DOCUMENTS, end->source->guid, error);
}

/* A "[plenary]" line of @type, as files of earlier versions wrote on a link's ends. */
static JsonObject *
earlier_marker (RefiSelection *selection,
                const char    *type)
{
  JsonObject *marker = selection->marker;

  return marker != NULL && g_strcmp0 (pl_json_member_string (marker, "type"), type) == 0
    ? marker : NULL;
}

/* Marks @document_id as an outcome document as @entry says ("outcome_kind",
 * "outcome_date"); nothing when it does not. */
static gboolean
apply_outcome (RefiApply   *apply,
               gint64       document_id,
               JsonObject  *entry,
               GError     **error)
{
  PlOutcomeKind kind;

  if (entry == NULL
      || !pl_outcome_kind_from_string (pl_json_member_string (entry, "outcome_kind"), &kind))
    return TRUE;
  return pl_project_bulk_set_outcome (apply->bulk, document_id, kind,
                                      pl_json_member_string (entry, "outcome_date"), error);
}

static gboolean
apply_link (RefiApply       *apply,
            const RefiLink  *refi_link,
            const LinkEnd   *origin,
            const LinkEnd   *target,
            GError         **error)
{
  JsonObject *exact = pl_refi_plenary_lookup (apply->refi->plenary, REFI_PLENARY_LINKS,
                                              refi_link->guid);
  PlBulkLink link = { refi_link->guid, { 0 }, origin->selection->created };
  PlBulkResult result;
  gint64 source_id, outcome_id;

  if ((source_id = end_document (apply, origin, error)) < 0
      || (outcome_id = end_document (apply, target, error)) < 0)
    return FALSE;
  if (source_id == 0 || outcome_id == 0 || source_id == outcome_id)
    {
      apply->refi->n_links++;
      return TRUE;
    }

  link.spec = (PlLinkSpec) {
    .source_document_id = source_id,
    .source_start = origin->selection->norm_start,
    .source_end = origin->selection->norm_end,
    .outcome_document_id = outcome_id,
    .outcome_start = target->selection->norm_start,
    .outcome_end = target->selection->norm_end,
    .origin = PL_LINK_ORIGIN_MANUAL,
    .score = -1.0,
  };
  if (exact == NULL)
    exact = earlier_marker (origin->selection, "link-origin");
  if (exact != NULL)
    {
      if (g_strcmp0 (pl_json_member_string (exact, "origin"), "candidate") == 0)
        link.spec.origin = PL_LINK_ORIGIN_CANDIDATE;
      if (json_object_has_member (exact, "score"))
        link.spec.score = CLAMP (json_object_get_double_member (exact, "score"), 0.0, 1.0);
      link.spec.words = (guint) CLAMP (json_object_get_int_member_with_default (exact, "words", 0),
                                       0, G_MAXINT);
    }
  if (origin->selection->user != NULL
      && (link.spec.coder_id = pl_refi_coder_for (apply, origin->selection->user, NULL,
                                                  error)) < 0)
    return FALSE;

  if (!pl_project_bulk_add_link (apply->bulk, &link, &result, error))
    return FALSE;
  if (!result.existed && !result.duplicate)
    apply->report->n_links++;

  /* Files of earlier versions marked the outcome document on the link's target. */
  if (apply->refi->plenary != NULL)
    return TRUE;
  return apply_outcome (apply, outcome_id, earlier_marker (target->selection, "link-target"),
                        error);
}

/* The outcome documents plenary/project.json marks, among the file's documents. */
static gboolean
apply_outcomes (RefiApply  *apply,
                GError    **error)
{
  PlRefiFile *refi = apply->refi;

  for (guint i = 0; refi->plenary != NULL && i < refi->sources->len; i++)
    {
      RefiSource *source = g_ptr_array_index (refi->sources, i);
      JsonObject *entry = pl_refi_plenary_lookup (refi->plenary, REFI_PLENARY_DOCUMENTS,
                                                  source->guid);
      gint64 id;

      if (entry == NULL || source->text == NULL)
        continue;
      id = pl_project_bulk_lookup (apply->bulk, PL_BULK_DOCUMENTS, source->guid, error);
      if (id < 0 || (id > 0 && !apply_outcome (apply, id, entry, error)))
        return FALSE;
    }

  return TRUE;
}

gboolean
pl_refi_apply_links (RefiApply  *apply,
                     GError    **error)
{
  PlRefiFile *refi = apply->refi;
  g_autoptr(GHashTable) ends = NULL;

  if (!apply_outcomes (apply, error))
    return FALSE;
  if (refi->links->len == 0)
    return TRUE;

  ends = index_selections (refi);
  for (guint i = 0; i < refi->links->len; i++)
    {
      const RefiLink *link = g_ptr_array_index (refi->links, i);
      const LinkEnd *origin = link->origin != NULL ? g_hash_table_lookup (ends, link->origin) : NULL;
      const LinkEnd *target = link->target != NULL ? g_hash_table_lookup (ends, link->target) : NULL;

      if (origin == NULL || target == NULL)
        {
          refi->n_links++;
          continue;
        }
      if (!apply_link (apply, link, origin, target, error))
        return FALSE;
    }

  return TRUE;
}
