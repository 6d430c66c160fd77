/* pl-demo.c — the demonstration project bundled with Plenary
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "plenary-demo"

#include "config.h"

#include <string.h>

#include "pl-codebook.h"
#include "pl-core-resources.h"
#include "pl-demo.h"
#include "pl-text.h"

#define DEMO_PREFIX "/io/github/plenary/Plenary/core/demo/"

static const struct {
  const char *resource;
  const char *title;
} documents[] = {
  { DEMO_PREFIX "01-oewg-capacity-building-report.txt", "Capacity-building and CBMs — meeting report (synthetic)" },
  { DEMO_PREFIX "02-oewg-norms-transcript.txt", "Norms and international law — transcript (synthetic)" },
  { DEMO_PREFIX "03-oewg-press-release.txt", "Closing of the session — press release (synthetic)" },
};

/* Sample coding: the first sentence of each document that mentions the keyword gets the
 * code, so the demo opens with highlights of several colours. */
static const struct {
  const char *keyword;
  const char *code;
} samples[] = {
  { "points of contact", "CBM.POC" },
  { "critical infrastructure", "THR.CI" },
  { "ransomware", "THR.RANSOM" },
  { "supply chain", "NRM.I" },
  { "international law", "IL.UNC" },
  { "capacity-building", "CB.OFFER" },
  { "vulnerabilit", "NRM.J" },
  { "due diligence", "IL.DD" },
};

static gboolean
is_sentence_end (const char *p)
{
  return (p[0] == '.' || p[0] == '?' || p[0] == '!') && (p[1] == ' ' || p[1] == '\n' || p[1] == '\0');
}

/* The sentence of @text around the byte @hit, as code points [start, end). */
static gboolean
sentence_around (const char *text,
                 const char *hit,
                 guint      *start,
                 guint      *end)
{
  const char *s = hit;
  const char *e = hit;

  while (s > text && s[-1] != '\n' && !is_sentence_end (s - 1))
    s--;
  while (*s == ' ')
    s++;
  while (*e != '\0' && *e != '\n' && !is_sentence_end (e))
    e++;
  if (is_sentence_end (e))
    e++;

  if (e <= s)
    return FALSE;

  *start = g_utf8_pointer_to_offset (text, s);
  *end = g_utf8_pointer_to_offset (text, e);
  return TRUE;
}

static gboolean
add_samples (PlProject   *project,
             PlDocument  *document,
             const char  *text,
             PlCoder     *coder,
             GError     **error)
{
  g_autofree char *folded = g_ascii_strdown (text, -1);

  for (guint i = 0; i < G_N_ELEMENTS (samples); i++)
    {
      const char *hit = strstr (folded, samples[i].keyword);
      PlCode *code = pl_project_lookup_code (project, samples[i].code);
      g_autoptr(PlAnnotation) annotation = NULL;
      guint start, end;

      if (hit == NULL || code == NULL)
        continue;
      if (!sentence_around (text, text + (hit - folded), &start, &end))
        continue;

      annotation = pl_project_add_annotation (project,
                                              &(PlAnnotationSpec) {
                                                .document_id = pl_document_get_id (document),
                                                .code_id = pl_code_get_id (code),
                                                .coder_id = coder->id,
                                                .start = start,
                                                .end = end,
                                              },
                                              error);
      if (annotation == NULL)
        return FALSE;
    }
  return TRUE;
}

PlProject *
pl_demo_create (const char  *path,
                GError     **error)
{
  g_autoptr(PlProject) project = NULL;
  PlCoder *coder;

  g_return_val_if_fail (path != NULL, NULL);

  project = pl_project_open (path, PL_PROJECT_OPEN_CREATE | PL_PROJECT_OPEN_EXCLUSIVE, error);
  if (project == NULL)
    return NULL;

  if (pl_codebook_load_starter (project, error) < 0)
    return NULL;

  coder = pl_project_ensure_coder (project, "Demo coder", error);
  if (coder == NULL)
    return NULL;

  for (guint i = 0; i < G_N_ELEMENTS (documents); i++)
    {
      g_autoptr(GBytes) bytes = NULL;
      g_autofree char *text = NULL;
      PlDocument *document;
      gsize size;
      const char *data;

      bytes = g_resource_lookup_data (pl_core_get_resource (), documents[i].resource,
                                      G_RESOURCE_LOOKUP_FLAGS_NONE, error);
      if (bytes == NULL)
        return NULL;

      data = g_bytes_get_data (bytes, &size);
      text = pl_text_normalize (data, size);

      document = pl_project_add_document (project, documents[i].title, text, NULL, error);
      if (document == NULL || !add_samples (project, document, text, coder, error))
        return NULL;
    }

  return g_steal_pointer (&project);
}
