/* analysis-fixture.h — a small coded project for the analysis tests, and a plain recount
 *
 * Three documents (the second begins with blank lines, so that a segment can lie before
 * its first statement; the third has no session, process or date), speakers of several
 * groups and types (the Chair and the EU have no group, Fiji speaks on behalf of the
 * Pacific Islands Forum), six codes (THR is a folder) and sixteen annotations by two
 * coders, some with a stance, some overlapping, one across two statements.
 *
 * The recount ties each annotation to its statement the simplest way (the last statement
 * that starts at or before it) and filters with plain comparisons: the analyses are
 * checked against it, never against numbers they produced.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pl-project-query.h"
#include "pl-project.h"

G_BEGIN_DECLS

typedef struct
{
  char      *dir;
  char      *path;
  PlProject *project;
  gint64     documents[3];
  gint64     ann;
  gint64     bo;
} AnalysisFixture;

void          analysis_fixture_set_up      (AnalysisFixture *f,
                                            gconstpointer    data);
void          analysis_fixture_tear_down   (AnalysisFixture *f,
                                            gconstpointer    data);
/* The id of the code with short id @short_id. */
gint64        analysis_fixture_code        (AnalysisFixture *f,
                                            const char      *short_id);
/* The text of document @n (0, 1, 2) as the fixture wrote it. */
const char   *analysis_fixture_text        (guint            n);
/* Code point offset of @needle in document @n. */
guint         analysis_fixture_offset      (guint            n,
                                            const char      *needle);

/* One annotation with what the recount found for it. */
typedef struct
{
  PlAnnotation *annotation;
  PlDocument   *document;
  PlStatement  *statement;   /* NULL: in none */
} RefSegment;

/* Every annotation of the project, by document and start (RefSegment, freed with the
 * array). */
GPtrArray    *analysis_reference           (AnalysisFixture *f);
/* Whether @filter keeps @segment, by plain comparison; @code_ids (NULL: all) overrides
 * the filter's codes. */
gboolean      analysis_reference_keeps     (const RefSegment    *segment,
                                            const PlQueryFilter *filter,
                                            GArray              *code_ids);
/* An array of the @n gint64 that follow. */
GArray       *analysis_ids                 (guint            n,
                                            ...);

G_END_DECLS
