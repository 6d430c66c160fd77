/* analysis-fixture.c — a small coded project for the analysis tests, and a plain recount
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "plenary-test"

#include "config.h"

#include <stdarg.h>
#include <string.h>

#include "analysis-fixture.h"
#include "pl-test-util.h"
#include "pl-text.h"

static const char * const texts[] = {
  "Summary record of the first meeting 😀 中文.\n"
  "\n"
  "Chair\n"
  "I give the floor to Brazil.\n"
  "\n"
  "Brazil\n"
  "We support the norms on critical infrastructure. Ransomware attacks on hospitals are "
  "unacceptable! Capacity-building must be demand-driven.\n"
  "\n"
  "Japan\n"
  "Japan supports confidence-building measures. The points of contact directory must work. "
  "Ransomware is a threat.\n"
  "\n"
  "Fiji\n"
  "Speaking on behalf of the Pacific Islands Forum, Fiji calls for capacity-building. "
  "Côte d'Ivoire agrees.\n"
  "\n"
  "European Union\n"
  "The EU supports the Programme of Action.\n",

  "\n"
  "\n"
  "Kenya\n"
  "Kenya stresses international law. The Charter applies in its entirety.\n"
  "\n"
  "Brazil\n"
  "Brazil reiterates that ransomware threatens critical infrastructure (hospitals, grids).\n",

  "Japan\n"
  "Japan notes that ransomware and cybercrime differ.\n",
};

/* document, first words, last words (NULL: @from alone), code, coder (0 Ann, 1 Bo), stance */
static const struct
{
  guint       document;
  const char *from;
  const char *to;
  const char *code;
  guint       coder;
  const char *stance;
} coding[] = {
  { 0, "norms on critical infrastructure", NULL, "NRM.F", 0, "supports" },
  { 0, "critical infrastructure. Ransomware", "critical infrastructure", "THR.CI", 1, NULL },
  { 0, "Ransomware attacks", "unacceptable!", "THR.RANSOM", 0, "opposes" },
  { 0, "Capacity-building must", "demand-driven.", "CB", 1, NULL },
  { 0, "Japan supports confidence-building", "measures.", "NRM", 0, NULL },
  { 0, "Ransomware is a threat.", NULL, "THR.RANSOM", 1, NULL },
  { 0, "Fiji calls for capacity-building.", NULL, "CB", 0, "calls_for_new" },
  { 0, "I give the floor", NULL, "NRM.F", 1, NULL },
  { 0, "The EU supports", "Action.", "NRM.F", 0, NULL },
  { 0, "Summary record", NULL, "CB", 0, NULL },
  { 0, "demand-driven.", "Japan supports", "THR.CI", 0, NULL },
  { 1, "\n\nKenya", NULL, "THR.RANSOM", 0, NULL },
  { 1, "Kenya stresses international law.", NULL, "NRM", 1, NULL },
  { 1, "ransomware threatens critical infrastructure", NULL, "THR.RANSOM", 0, NULL },
  { 1, "critical infrastructure (hospitals", NULL, "THR.CI", 0, NULL },
  { 2, "ransomware and cybercrime", NULL, "THR.RANSOM", 1, NULL },
};

const char *
analysis_fixture_text (guint n)
{
  g_assert_cmpuint (n, <, G_N_ELEMENTS (texts));
  return texts[n];
}

guint
analysis_fixture_offset (guint       n,
                         const char *needle)
{
  const char *found = strstr (analysis_fixture_text (n), needle);

  g_assert_nonnull (found);
  return g_utf8_pointer_to_offset (texts[n], found);
}

gint64
analysis_fixture_code (AnalysisFixture *f,
                       const char      *short_id)
{
  PlCode *code = pl_project_lookup_code (f->project, short_id);

  g_assert_nonnull (code);
  return pl_code_get_id (code);
}

static gint64
add_code (AnalysisFixture *f,
          const char      *short_id,
          const char      *name,
          gint64           parent_id,
          gboolean         codable)
{
  g_autoptr(GError) error = NULL;
  PlCode *code = pl_project_add_code (f->project,
                                      &(PlCodeSpec) { .short_id = short_id, .name = name,
                                                      .parent_id = parent_id,
                                                      .codable = codable },
                                      &error);

  g_assert_no_error (error);
  return pl_code_get_id (code);
}

static gint64
add_document (AnalysisFixture *f,
              guint            n,
              const char      *session,
              const char      *date)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) metadata = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autofree char *title = g_strdup_printf ("Record %u", n + 1);
  PlDocument *document;

  if (session != NULL)
    {
      g_hash_table_insert (metadata, g_strdup ("session"), g_strdup (session));
      g_hash_table_insert (metadata, g_strdup ("date"), g_strdup (date));
      g_hash_table_insert (metadata, g_strdup ("process"), g_strdup ("OEWG"));
    }
  document = pl_project_add_document_full (f->project, title, texts[n], NULL, metadata, &error);
  g_assert_no_error (error);
  return pl_document_get_id (document);
}

void
analysis_fixture_set_up (AnalysisFixture *f,
                         gconstpointer    data)
{
  g_autoptr(GError) error = NULL;
  gint64 nrm, thr;

  f->dir = g_dir_make_tmp ("plenary-analysis-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "analysis.plenary", NULL);
  f->project = pl_project_open (f->path, PL_PROJECT_OPEN_CREATE, &error);
  g_assert_no_error (error);

  nrm = add_code (f, "NRM", "Norms", 0, TRUE);
  add_code (f, "NRM.F", "Critical infrastructure norm", nrm, TRUE);
  thr = add_code (f, "THR", "Threats", 0, FALSE);
  add_code (f, "THR.RANSOM", "Ransomware", thr, TRUE);
  add_code (f, "THR.CI", "Attacks on critical infrastructure", thr, TRUE);
  add_code (f, "CB", "Capacity-building", 0, TRUE);
  f->ann = pl_project_ensure_coder (f->project, "Ann", &error)->id;
  g_assert_no_error (error);
  f->bo = pl_project_ensure_coder (f->project, "Bo", &error)->id;
  g_assert_no_error (error);

  f->documents[0] = add_document (f, 0, "first substantive session", "2024-03-07");
  f->documents[1] = add_document (f, 1, "second substantive session", "2025-07-01");
  f->documents[2] = add_document (f, 2, NULL, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (coding); i++)
    {
      guint n = coding[i].document;
      const char *to = coding[i].to != NULL ? coding[i].to : coding[i].from;
      guint start = analysis_fixture_offset (n, coding[i].from);
      const char *from_text = strstr (texts[n], coding[i].from);
      guint end = g_utf8_pointer_to_offset (texts[n], strstr (from_text, to)) + pl_text_length (to);
      g_autoptr(PlAnnotation) annotation = NULL;

      annotation = pl_project_add_annotation (f->project,
                                              &(PlAnnotationSpec) {
                                                .document_id = f->documents[n],
                                                .code_id = analysis_fixture_code (f, coding[i].code),
                                                .coder_id = coding[i].coder == 0 ? f->ann : f->bo,
                                                .start = start,
                                                .end = end,
                                              },
                                              &error);
      g_assert_no_error (error);
      if (coding[i].stance != NULL)
        {
          pl_project_set_annotation_stance (f->project, annotation->guid, coding[i].stance,
                                            &error);
          g_assert_no_error (error);
        }
    }
}

void
analysis_fixture_tear_down (AnalysisFixture *f,
                            gconstpointer    data)
{
  if (f->project != NULL)
    pl_project_close (f->project);
  g_clear_object (&f->project);
  pl_test_remove_tree (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

/* The recount */

static void
ref_segment_free (RefSegment *segment)
{
  pl_annotation_unref (segment->annotation);
  g_clear_pointer (&segment->statement, pl_statement_unref);
  g_free (segment);
}

GPtrArray *
analysis_reference (AnalysisFixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) annotations = pl_project_list_annotations (f->project, 0, &error);
  g_autoptr(GPtrArray) statements = pl_project_list_statements (f->project, 0, &error);
  GPtrArray *segments = g_ptr_array_new_with_free_func ((GDestroyNotify) ref_segment_free);

  g_assert_no_error (error);
  for (guint i = 0; i < annotations->len; i++)
    {
      PlAnnotation *annotation = g_ptr_array_index (annotations, i);
      RefSegment *segment = g_new0 (RefSegment, 1);

      segment->annotation = pl_annotation_ref (annotation);
      segment->document = pl_project_find_document (f->project, annotation->document_id);
      for (guint k = 0; k < statements->len; k++)
        {
          PlStatement *statement = g_ptr_array_index (statements, k);

          if (statement->document_id == annotation->document_id &&
              statement->start <= annotation->start &&
              (segment->statement == NULL || statement->start > segment->statement->start))
            {
              g_clear_pointer (&segment->statement, pl_statement_unref);
              segment->statement = pl_statement_ref (statement);
            }
        }
      g_ptr_array_add (segments, segment);
    }

  return segments;
}

/* Whether @value (NULL: none) is in @list, where "" stands for none. */
static gboolean
listed (char       **list,
        const char  *value)
{
  if (list == NULL)
    return TRUE;

  for (guint i = 0; list[i] != NULL; i++)
    if (g_strcmp0 (list[i], value != NULL ? value : "") == 0)
      return TRUE;

  return FALSE;
}

static gboolean
id_listed (GArray *ids,
           gint64  id)
{
  if (ids == NULL)
    return TRUE;

  for (guint i = 0; i < ids->len; i++)
    if (g_array_index (ids, gint64, i) == id)
      return TRUE;

  return FALSE;
}

/* "2024-03-07" against a bound as far as the bound goes. */
static int
compare_date (const char *date,
              const char *bound)
{
  return strncmp (date, bound, strlen (bound));
}

gboolean
analysis_reference_keeps (const RefSegment    *segment,
                          const PlQueryFilter *filter,
                          GArray              *code_ids)
{
  const PlAnnotation *annotation = segment->annotation;
  const PlStatement *statement = segment->statement;
  const char *date = pl_document_get_metadata (segment->document, "date");

  if (!id_listed (code_ids, annotation->code_id))
    return FALSE;
  if (filter == NULL)
    return TRUE;

  /* A segment in no statement has a speaker without values. */
  if (!listed (filter->entities, statement != NULL ? statement->entity : NULL) ||
      !listed (filter->entity_types, statement != NULL ? statement->entity_type : NULL) ||
      !listed (filter->regional_groups, statement != NULL ? statement->regional_group : NULL) ||
      !listed (filter->on_behalf_of, statement != NULL ? statement->on_behalf_of : NULL))
    return FALSE;

  return id_listed (filter->document_ids, annotation->document_id) &&
         listed (filter->processes, pl_document_get_metadata (segment->document, "process")) &&
         listed (filter->sessions, pl_document_get_metadata (segment->document, "session")) &&
         (filter->since == NULL || (date != NULL && compare_date (date, filter->since) >= 0)) &&
         (filter->until == NULL || (date != NULL && compare_date (date, filter->until) <= 0)) &&
         (code_ids != NULL || id_listed (filter->code_ids, annotation->code_id)) &&
         id_listed (filter->coder_ids, annotation->coder_id) &&
         listed (filter->stances, annotation->stance);
}

GArray *
analysis_ids (guint n,
              ...)
{
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  va_list args;

  va_start (args, n);
  for (guint i = 0; i < n; i++)
    {
      gint64 id = va_arg (args, gint64);

      g_array_append_val (ids, id);
    }
  va_end (args);

  return ids;
}
