/* pl-statistics.h — frequencies: codes by entity, group, document, session, year, coder …
 *
 * A PlFrequencyTable counts, for each value of one field (a row: a regional group, an
 * entity, a session …) and each code (a column), the coded segments, the statements that
 * have a segment of the code, or the distinct speakers of those statements.  A segment
 * whose statement (or document, or annotation) has no value for the field counts under a
 * row whose key is NULL.  A row's total counts what the row has of any of the columns:
 * segments, statements or speakers each once, so the shares of a row (count / total) add up
 * to one for segments and may add up to more for statements and speakers, which can have
 * several codes.
 *
 * Statements and speakers: a segment belongs to the statement in which it starts (see
 * pl-retrieve.h); segments in no statement count as segments only, under the row without
 * a value for statement fields.  A speaker is the
 * statement's entity, or the speaker as written where the entity is not known; statements
 * with neither count for no speaker.
 *
 * Rows come in a natural order: documents in project order, sessions, dates and years by
 * the earliest date they have (then by key), other fields by key; the row without a value
 * last.  Columns come in the order asked, or in codebook order for every code.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "pl-chart-data.h"
#include "pl-project-query.h"
#include "pl-retrieve.h"

G_BEGIN_DECLS

#define PL_TYPE_FREQUENCY_TABLE (pl_frequency_table_get_type ())
G_DECLARE_FINAL_TYPE (PlFrequencyTable, pl_frequency_table, PL, FREQUENCY_TABLE, GObject)

/* What the rows are. */
typedef enum
{
  PL_STATS_BY_ENTITY,          /* "entity": the statement's */
  PL_STATS_BY_REGIONAL_GROUP,  /* "group" */
  PL_STATS_BY_ENTITY_TYPE,     /* "entity_type" */
  PL_STATS_BY_ON_BEHALF_OF,    /* "on_behalf_of" */
  PL_STATS_BY_DOCUMENT,        /* "document": key the document's id, label its title */
  PL_STATS_BY_PROCESS,         /* "process": the document's */
  PL_STATS_BY_SESSION,         /* "session" */
  PL_STATS_BY_YEAR,            /* "year": of the document's date */
  PL_STATS_BY_DATE,            /* "date" */
  PL_STATS_BY_CODER,           /* "coder": key the coder's name */
  PL_STATS_BY_STANCE,          /* "stance": the annotation's */
} PlStatsField;

/* What is counted. */
typedef enum
{
  PL_STATS_COUNT_SEGMENTS,
  PL_STATS_COUNT_STATEMENTS,
  PL_STATS_COUNT_SPEAKERS,
} PlStatsCount;

gboolean          pl_stats_field_from_string    (const char              *name,
                                                 PlStatsField            *out_field);
const char       *pl_stats_field_to_string      (PlStatsField             field);
/* What a person calls it, translated: "Regional group". */
const char       *pl_stats_field_get_label      (PlStatsField             field);
gboolean          pl_stats_count_from_string    (const char              *name,
                                                 PlStatsCount            *out_count);
const char       *pl_stats_count_to_string      (PlStatsCount             count);

typedef struct
{
  GArray              *code_ids;          /* gint64, the columns; NULL: every code that
                                           * can be applied */
  gboolean             with_descendants;  /* a column counts its code and those below */
  PlStatsField         by;
  PlStatsCount         count;
  const PlQueryFilter *filter;            /* NULL: none; its code_ids are not used */
} PlFrequencySpec;

PlFrequencyTable *pl_frequency_table_new        (PlProject               *project,
                                                 const PlFrequencySpec   *spec,
                                                 GError                 **error);

PlStatsField      pl_frequency_table_get_by     (PlFrequencyTable        *self);
PlStatsCount      pl_frequency_table_get_count_kind (PlFrequencyTable    *self);
guint             pl_frequency_table_get_n_rows (PlFrequencyTable        *self);
guint             pl_frequency_table_get_n_columns (PlFrequencyTable     *self);
/* The row's value (a document's or coder's id as text for those fields); NULL: none. */
const char       *pl_frequency_table_get_row_key (PlFrequencyTable       *self,
                                                 guint                    row);
/* As shown: the value, a document's title, "(none)". */
const char       *pl_frequency_table_get_row_label (PlFrequencyTable     *self,
                                                 guint                    row);
/* The column's code (a code with its family when the table was made with descendants). */
PlCode           *pl_frequency_table_get_column_code (PlFrequencyTable   *self,
                                                 guint                    column);
/* The short id, or the GUID of a code that has none: a column's name in JSON and CSV. */
const char       *pl_frequency_table_get_column_key (PlFrequencyTable    *self,
                                                 guint                    column);
guint64           pl_frequency_table_get_value  (PlFrequencyTable        *self,
                                                 guint                    row,
                                                 guint                    column);
guint64           pl_frequency_table_get_total  (PlFrequencyTable        *self,
                                                 guint                    row);
/* value / total, 0 when the total is 0. */
double            pl_frequency_table_get_share  (PlFrequencyTable        *self,
                                                 guint                    row,
                                                 guint                    column);

/* The retrieval of the segments behind a cell (@column -1: the whole row), for clicking a
 * cell: fills @spec, whose code_ids are new (free them with g_array_unref()) and whose
 * filter is @filter, filled too (clear it with pl_query_filter_clear()). */
void              pl_frequency_table_get_cell_spec (PlFrequencyTable     *self,
                                                 guint                    row,
                                                 int                      column,
                                                 PlRetrieveSpec          *spec,
                                                 PlQueryFilter           *filter);

/* The table as CSV (RFC 4180, UTF-8, CRLF, a header row): the field's name, each column's
 * key, "total"; one line per row with its key (empty for none), then the counts, or with
 * @shares the shares, and the total. */
char             *pl_frequency_table_to_csv     (PlFrequencyTable        *self,
                                                 gboolean                 shares);
/* The table for a chart: rows are rows, series are columns (with the codes' colours);
 * counts, or with @shares shares. */
PlChartData      *pl_frequency_table_to_chart_data (PlFrequencyTable     *self,
                                                 gboolean                 shares);

G_END_DECLS
