/* pl-code.h — a code of the codebook
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define PL_TYPE_CODE (pl_code_get_type ())
G_DECLARE_FINAL_TYPE (PlCode, pl_code, PL, CODE, GObject)

/* What a new code is made of; strings may be NULL where optional. */
typedef struct
{
  const char *guid;        /* NULL: a new one is made */
  gint64      parent_id;   /* 0: a top-level code */
  const char *short_id;    /* "NRM.F"; unique when set */
  const char *name;        /* required */
  const char *color;       /* "#RRGGBB"; NULL: a colour from the palette */
  const char *color_dark;  /* "#RRGGBB" for dark styles; NULL: derived from color */
  const char *shortcut;    /* "1"…"9" or NULL */
  const char *definition;
  const char *inclusion;
  const char *exclusion;
  const char *example;
  gboolean    codable;
} PlCodeSpec;

gint64      pl_code_get_id          (PlCode *self);
const char *pl_code_get_guid        (PlCode *self);
gint64      pl_code_get_parent_id   (PlCode *self);
const char *pl_code_get_short_id    (PlCode *self);
const char *pl_code_get_name        (PlCode *self);
const char *pl_code_get_color       (PlCode *self);
/* The colour for dark styles: color_dark when set, else color. */
const char *pl_code_get_color_dark  (PlCode *self);
const char *pl_code_get_shortcut    (PlCode *self);
const char *pl_code_get_definition  (PlCode *self);
const char *pl_code_get_inclusion   (PlCode *self);
const char *pl_code_get_exclusion   (PlCode *self);
const char *pl_code_get_example     (PlCode *self);
gboolean    pl_code_get_codable     (PlCode *self);
guint       pl_code_get_depth       (PlCode *self); /* 0 for a top-level code */
/* "Norms / Protect critical infrastructure" */
const char *pl_code_get_path        (PlCode *self);
guint       pl_code_get_n_annotations (PlCode *self);
/* Whether @folded_query (g_utf8_casefold'ed; NULL or "" matches all) occurs in the code's
 * path or short id, case-insensitively. */
gboolean    pl_code_matches         (PlCode     *self,
                                     const char *folded_query);

/* For the store, which makes codes and keeps them up to date; views only read them. */
PlCode     *pl_code_new             (gint64            id,
                                     const PlCodeSpec *spec,
                                     guint             depth,
                                     const char       *path,
                                     guint             n_annotations);
void        pl_code_set_n_annotations (PlCode         *self,
                                     guint             n_annotations);
/* Takes the values of @spec (not its GUID), @depth and @path, notifying what changed. */
void        pl_code_update          (PlCode           *self,
                                     const PlCodeSpec *spec,
                                     guint             depth,
                                     const char       *path);

G_END_DECLS
