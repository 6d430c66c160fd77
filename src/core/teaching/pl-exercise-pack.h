/* pl-exercise-pack.h — the exercise pack (.plenary-exercise): what a teacher hands a class
 *
 * A ZIP archive of JSON and texts, holding what the exercise lists and nothing else:
 *
 *   mimetype       "application/x-plenary-exercise", stored first, uncompressed
 *   exercise.json  {"format":"plenary-exercise","version":1,"id":GUID,"title":TEXT,
 *                   "created":TIME,"instructions":MARKDOWN|null,"checksum":SHA-256,
 *                   "root_code":GUID|null,"documents":[{"guid","title","sha256",
 *                   "text":"texts/1.txt","metadata":{KEY:VALUE,…},"statements":[{"index",
 *                   "start","end","kind","speaker","entity","entity_type","iso3",
 *                   "regional_group","on_behalf_of"},…],"units":[INDEX,…]},…]}
 *   codebook.json  the codebook, or the branch given, as "plenary-codebook" JSON
 *                  (pl-codebook.h), with the codes' GUIDs
 *   texts/N.txt    each document's text, UTF-8, NFC, as the project holds it
 *
 * No annotation, memo, coder, note or undo history of the teacher's project is in it: a
 * student who unzips it finds no trace of the reference.  ("A stripped project" would
 * have to be scrubbed table by table — history, merges, the search index, free pages —
 * and would let a student open a database crafted by someone else; a pack of plain JSON is
 * read with the limits every import has.)  "units" are the statements to code (of kind
 * statement); "checksum" is pl_exercise_checksum() of the texts, checked when read.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "pl-annotation.h"
#include "pl-project-exercise.h"

G_BEGIN_DECLS

/* One document of a pack. */
typedef struct
{
  char        *guid;
  char        *title;
  char        *sha256;
  char        *text;
  GPtrArray   *metadata;     /* char*: a value per pl_document_metadata_keys (NULL: none) */
  GPtrArray   *statements;   /* PlStatement, by start */
  GArray      *units;        /* guint: indexes of the statements to code */
} PlPackDocument;

typedef struct
{
  char      *guid;
  char      *title;
  char      *created;
  char      *instructions;   /* Markdown, or NULL */
  char      *checksum;
  char      *root_code_guid; /* NULL: the whole codebook */
  GBytes    *codebook;       /* "plenary-codebook" JSON */
  GPtrArray *documents;      /* PlPackDocument */
} PlExercisePack;

PlExercisePack *pl_exercise_pack_new          (void);
void            pl_exercise_pack_free         (PlExercisePack    *pack);
/* Appends a document, taking none of the arguments; returns it. */
PlPackDocument *pl_exercise_pack_add_document (PlExercisePack    *pack,
                                               const char        *guid,
                                               const char        *title,
                                               const char        *text);

/* Reads and checks the pack at @path: damaged or hostile files (a zip bomb, deep JSON, texts
 * that do not match their checksums, statements out of their text) are refused with
 * PL_IMPORT_ERROR naming the file. */
PlExercisePack *pl_exercise_pack_read         (const char        *path,
                                               GError           **error);
/* The pack as a file's bytes. */
GBytes         *pl_exercise_pack_to_bytes     (const PlExercisePack *pack,
                                               GError           **error);

/* The exercise as a project records it (guid, title, instructions, checksum, root code,
 * documents and their units with their spans); no reference, no student yet. */
PlExercise     *pl_exercise_pack_to_exercise  (const PlExercisePack *pack);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PlExercisePack, pl_exercise_pack_free)

G_END_DECLS
