/* pl-refi.h — REFI-QDA project exchange: .qdpx export and import (ATLAS.ti, NVivo, MAXQDA, …)
 *
 * Export (pl_export_full() with PL_EXPORT_FORMAT_QDPX, pl-refi-export.h) writes a zip holding
 * project.qde (namespace urn:QDA-XML:project:1.0, valid against Project-mrt2019.xsd),
 * sources/<GUID>.txt, the text of each document in UTF-8 exactly as Plenary stores it (LF,
 * NFC, no byte order mark) and of each note, and plenary/project.json.  Memos go where
 * other tools read them, and nothing of Plenary's own shows as text in them:
 *
 * - coders → Users (guid, name, id = initials);
 * - codes → CodeBook (guid, name, isCodable, color #RRGGBB; Description = the definition,
 *   followed, when the code has them, by the lines "Include: …", "Exclude: …",
 *   "Example: …", "Id: …" as the .qdc codebook export writes them);
 * - documents → TextSource (guid, name = title, plainTextPath internal://<GUID>.txt,
 *   Description = the document's memo), their metadata as VariableValue of Text variables
 *   "Process", "Session", "Meeting", "Date", "Agenda item", "Source type", "Language",
 *   "Format", "Source address";
 * - annotations → one PlainTextSelection each (guid = the annotation's GUID,
 *   startPosition/endPosition = its code point offsets, name = the coded text, cut to 100
 *   characters with "…", Description = its memo), holding one Coding (CodeRef to the code,
 *   creatingUser = the coder);
 * - speakers → one Case per distinct entity of the statements (name = the entity), with
 *   VariableValues of the Text variables "Entity type", "ISO3", "Regional group" and a
 *   SelectionRef to each annotation that starts in one of its statements;
 * - notes about a passage of a document → a PlainTextSelection of that document without a
 *   Coding, whose Description is the note (a commented quotation); other notes → Notes
 *   (name = the note's title or "Note", plainTextPath internal://<GUID>.txt), referred to
 *   by NoteRef from the element they are about, or from the Project;
 * - the project's description → the Project's Description;
 * - links between a statement's passage and an outcome document's (pl-project-links.h) →
 *   a Link (guid = the link's, name "Reused in", direction OneWay) from a
 *   PlainTextSelection of the statement's passage to one of the outcome's, both without a
 *   Coding or a Description, creatingUser and creationDateTime = who accepted it and when.
 *   Import reads back every Link between two text selections as a link (a tool's own as
 *   drawn by hand).
 *
 * plenary/project.json (pl-refi-plenary.c) holds what the schema has no place for, keyed by
 * the GUIDs of project.qde: statements (which are not selections, so that other tools do
 * not show them as uncoded quotations), stance and codebook versions of annotations, the
 * exact cues, short ids and shortcuts of codes, what each note is about, the score,
 * shared words and origin of links, the kind and date of outcome documents, the codebook
 * version.  GUIDs of codings, cases and variables that Plenary does not store are derived
 * from stored GUIDs (name-based, SHA-1), so the same project exports the same file.  Dates
 * are xsd:dateTime in UTC.
 *
 * Import (pl_refi_import()) reads .qdpx and bare .qde (and .qdc codebooks), leniently:
 * any namespace (or none), Project.qde or another .qde name, sources/ or Sources/, text
 * inline (PlainTextContent) or in files, PDF sources' text representations, "A::B" names
 * as a hierarchy, rgb()/#RGB/#RRGGBBAA colours, braced or lower-case GUIDs, dates without a
 * time zone (UTC).  Selection positions are mapped to Plenary's normalised text (CRLF → LF,
 * NFC) by the producing tool's counting: the importer tries code points, UTF-16 units and
 * bytes, with a CRLF counted as one or two and a byte order mark counted or not, scores
 * each against the selections' quoted names and word boundaries, and takes the best
 * (ties go to what the origin tool is known to do: NVivo UTF-16 with CRLF as two, ATLAS.ti
 * code points with a line break as one).  A memo is read from both places tools put it: a
 * selection's Description and the notes its selection or coding refers to; a source's
 * Description is the document's memo, the Project's the project's description.  Notes stay
 * notes about what refers to them, at the passage they mark when they mark one (a selection
 * without a code that says something, or QualCoder's Note holding a PlainTextSelection);
 * the Cases that Plenary wrote fill in the speakers of statements that had to be found
 * again; QualCoder's user "default" is taken as the project's creator or the file's only
 * other user.  Files of earlier versions of Plenary, which carried Plenary's data as
 * "[plenary] {…}" lines in Descriptions, are still read.  Everything is added in one
 * transaction; every kind of element that was not kept is listed in the report, with its
 * count and the reason.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "pl-project.h"

G_BEGIN_DECLS

/* What an import did, and what it left out. */
typedef struct
{
  char      *origin;          /* the producing tool, as the file names it; NULL if unknown */
  guint      n_documents;
  guint      n_statements;
  guint      n_codes;
  guint      n_coders;
  guint      n_annotations;
  guint      n_memos;
  guint      n_notes;
  guint      n_links;         /* links between statements and outcome documents */
  GPtrArray *not_imported;    /* char *: one sentence per kind of thing left out */
  GPtrArray *warnings;        /* char *: how positions were mapped, what was adjusted */
} PlRefiReport;

void          pl_refi_report_free    (PlRefiReport   *report);

/* A REFI-QDA file read into memory, not yet added to a project. */
typedef struct _PlRefiFile PlRefiFile;

/* Reads and checks @file (.qdpx, .qde, .qdc); no database access, so it may run in a
 * worker thread.  Fails with PL_IMPORT_ERROR naming the file when it is not a REFI-QDA
 * file or cannot be read. */
PlRefiFile   *pl_refi_file_read      (GFile          *file,
                                      GCancellable   *cancellable,
                                      GError        **error);
void          pl_refi_file_free      (PlRefiFile     *refi);

/* Adds what @refi holds to @project in one transaction (nothing is added on error), then
 * reloads the project's lists.  Things the project already has (same GUID) are kept and
 * reused. */
PlRefiReport *pl_refi_file_apply     (PlRefiFile     *refi,
                                      PlProject      *project,
                                      GError        **error);

/* pl_refi_file_read() then pl_refi_file_apply(). */
PlRefiReport *pl_refi_import         (PlProject      *project,
                                      GFile          *file,
                                      GCancellable   *cancellable,
                                      GError        **error);

/* The same, reading and mapping in a worker thread and adding to the project in the
 * caller's main context. */
void          pl_refi_import_async   (PlProject           *project,
                                      GFile               *file,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data);
PlRefiReport *pl_refi_import_finish  (PlProject           *project,
                                      GAsyncResult        *result,
                                      GError             **error);

/* Checks a .qdpx beyond what its schema can: every GUID unique, every reference
 * (CodeRef, NoteRef, SourceRef, SelectionRef, VariableRef, users) resolves, every internal
 * source exists in the zip, every position lies within its text (code points, start <
 * end).  Returns FALSE with @error if the file cannot be read; otherwise TRUE, with the
 * problems found (char *, none when it is sound) in @out_problems. */
gboolean      pl_refi_check_qdpx     (GFile          *file,
                                      GPtrArray     **out_problems,
                                      GError        **error);

/* Reads the project.qde of a .qdpx (for tests and checks); NULL with @error if absent. */
GBytes       *pl_refi_read_project_qde (GFile        *file,
                                        GError      **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PlRefiReport, pl_refi_report_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PlRefiFile, pl_refi_file_free)

G_END_DECLS
