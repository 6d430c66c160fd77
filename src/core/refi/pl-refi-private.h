/* pl-refi-private.h — what the REFI-QDA files of refi/ share; not for other folders
 *
 * A PlRefiFile is what the reader (pl-refi-reader.c) makes of a file: plain structs, one
 * per element Plenary imports, with GUIDs normalised and positions mapped to the
 * normalised text (pl-refi-positions.c); the apply step (pl-refi-apply.c) adds them to a
 * project.  The helpers below are shared by import, export and their tests.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <archive.h>
#include <gio/gio.h>
#include <json-glib/json-glib.h>
#include <libxml/tree.h>
#include <libxml/xmlwriter.h>

#include "pl-export-sink.h"
#include "pl-exporter.h"
#include "pl-project-links.h"
#include "pl-project-read.h"
#include "pl-refi.h"
#include "pl-xml.h"

G_BEGIN_DECLS

/* The strings of selections and codings, of which a file may hold hundreds of thousands,
 * are kept in the file's string chunk (PlRefiFile.strings), the GUIDs of users and codes
 * they refer to once each. */
typedef struct
{
  const char *guid;
  const char *code_guid;
  const char *user;
  const char *created;
  GPtrArray  *note_refs;
} RefiCoding;

typedef struct _RefiNote RefiNote;

typedef struct
{
  const char *guid;
  const char *name;
  gint64      start;          /* as the file has them */
  gint64      end;
  gboolean    whole;          /* a coding of the whole source */
  gboolean    mapped;         /* start/end below are valid */
  guint       norm_start;     /* in the normalised text */
  guint       norm_end;
  char       *description;    /* the part for people */
  JsonObject *marker;
  const char *user;
  const char *created;
  const char *modified;
  GPtrArray  *codings;        /* RefiCoding */
  GPtrArray  *note_refs;      /* char * */
  RefiNote   *passage_of;     /* the note whose passage this is, not a selection of the
                               * source's own (borrowed) */
} RefiSelection;

typedef struct
{
  char       *guid;
  char       *name;
  char       *path;           /* plainTextPath */
  char       *inline_text;    /* PlainTextContent */
  char       *text;           /* normalised */
  char       *user;
  char       *created;
  char       *modified;
  char       *description;    /* its memo */
  gboolean    rich;           /* has a rich-text version (richTextPath) */
  GPtrArray  *selections;     /* RefiSelection */
  GPtrArray  *values;         /* pairs: variable GUID, value */
  GPtrArray  *note_refs;
} RefiSource;

typedef struct _RefiCode RefiCode;
struct _RefiCode
{
  char       *guid;
  char       *name;
  gboolean    codable;
  char       *color;
  char       *definition;
  char       *inclusion;
  char       *exclusion;
  char       *example;
  char       *short_id;
  char       *shortcut;
  GPtrArray  *children;       /* RefiCode, owned */
  GPtrArray  *note_refs;
  gboolean    coded;
};

typedef struct
{
  char       *guid;
  char       *name;
  char       *id;
} RefiUser;

/* What refers to a note first: where it belongs. */
typedef enum
{
  REFI_REFERRER_NONE,
  REFI_REFERRER_PROJECT,
  REFI_REFERRER_CODE,
  REFI_REFERRER_SOURCE,
  REFI_REFERRER_SELECTION,    /* a selection or one of its codings */
} RefiReferrer;

struct _RefiNote
{
  char         *guid;
  char         *title;        /* its name */
  char         *text;
  char         *description;  /* beside its text */
  char         *path;
  char         *user;
  char         *created;
  char         *modified;
  JsonObject   *marker;
  GPtrArray    *passages;     /* RefiSelection: its own PlainTextSelections, which tools
                               * such as QualCoder use for the passage of the source that
                               * refers to it */
  guint         n_codings;    /* codings of the note itself */
  RefiReferrer  referrer;
  gpointer      referred_by;  /* RefiCode, RefiSource or RefiSelection (borrowed) */
  RefiSource   *source;       /* the source of that selection, or the source itself */
  gboolean      used;         /* taken as a memo */
};

typedef struct
{
  char       *guid;
  char       *name;
  char       *description;
  GPtrArray  *values;         /* pairs: variable GUID, value */
  guint       n_codes;
  guint       n_sources;
  guint       n_selections;
  gboolean    matched;        /* a speaker of the imported statements */
} RefiCase;

/* Plenary's own part of a .qdpx (pl-refi-plenary.c). */
typedef struct _RefiPlenary RefiPlenary;

/* A Link between two elements; Plenary imports those between two text selections. */
typedef struct
{
  char       *guid;
  char       *origin;         /* the GUID of the element it starts from */
  char       *target;
} RefiLink;

struct _PlRefiFile
{
  char       *display_name;
  char       *origin;
  char       *project_user;
  JsonObject *project_marker;
  gboolean    ours;           /* written by Plenary */
  GPtrArray  *users;          /* RefiUser */
  GPtrArray  *codes;          /* RefiCode roots */
  GHashTable *codes_by_guid;  /* borrowed */
  GHashTable *variables;      /* GUID → name */
  GPtrArray  *sources;        /* RefiSource */
  GPtrArray  *notes;          /* RefiNote */
  GHashTable *notes_by_guid;  /* borrowed */
  GPtrArray  *project_note_refs;
  GPtrArray  *links;          /* RefiLink */
  char       *project_description;
  GPtrArray  *cases;          /* RefiCase */
  RefiPlenary *plenary;       /* plenary/project.json, or NULL */
  GStringChunk *strings;      /* what selections and codings hold, and every GUID seen */
  GHashTable *guids;          /* every GUID seen, to find duplicates (in @strings) */

  GPtrArray  *not_imported;
  GPtrArray  *warnings;

  /* Counts of what Plenary does not import. */
  guint       n_pictures;
  guint       n_audio;
  guint       n_video;
  guint       n_pdf_without_text;
  guint       n_media_selections;
  guint       n_graphs;
  guint       n_links;
  guint       n_sets;
  guint       n_bad_guids;
  guint       n_duplicate_guids;
  guint       n_bad_positions;
  guint       n_free_selections;
  guint       n_missing_codes;
  guint       n_empty_sources;
  GPtrArray  *missing_texts;  /* source names */
  GHashTable *unmapped_variables; /* names */

  /* While reading. */
  GBytes     *archive;        /* the .qdpx, or NULL for a bare .qde */
  GHashTable *entries;        /* the zip's files, or NULL for a bare .qde */
  GHashTable *unread;         /* placeholders in @entries of files not kept (GBytes) → the
                               * entry's name */
  GFile      *folder;         /* the folder of a bare .qde */
};

/* Opening (pl-refi-import.c) */

/* The bytes of an entry of @refi->entries: @bytes (a new reference), or, for the
 * placeholder of a file that was read through but not kept (a .qde), that file read
 * again; NULL if it cannot be. */
GBytes       *pl_refi_entry_bytes    (PlRefiFile     *refi,
                                      GBytes         *bytes);

/* The structs (pl-refi-file.c) */

PlRefiFile   *pl_refi_file_new       (const char     *display_name);
/* Arrays that own what they hold: RefiSelection, RefiCode. */
GPtrArray    *pl_refi_selections_new (void);
GPtrArray    *pl_refi_codes_new      (void);
RefiSelection *pl_refi_selection_new (void);
/* Adds a line to the warnings of the report. */
void          pl_refi_warn           (PlRefiFile     *refi,
                                      const char     *format,
                                      ...) G_GNUC_PRINTF (2, 3);

/* Reading (pl-refi-reader.c) */

/* Reads project.qde (or a .qdc) from @stream into @refi as it streams, a selection, note
 * or case at a time.  Fails with the stream's error, or PL_IMPORT_ERROR_UNSUPPORTED when
 * the root is neither a Project nor a CodeBook (once the whole document is known to be
 * well-formed). */
gboolean      pl_refi_read_project   (PlRefiFile     *refi,
                                      PlXmlStream    *stream,
                                      GError        **error);
/* Once Plenary's own part is read too (@refi->plenary): completes the codes with what it
 * holds for them, makes "A::B" names a hierarchy (files of other tools), and links each
 * note to what refers to it. */
void          pl_refi_finish_project (PlRefiFile     *refi);

/* Texts and positions (pl-refi-positions.c) */

/* Loads and normalises the text of @source, and maps its selections' positions to it;
 * what cannot be loaded is counted in @refi for the report. */
void          pl_refi_load_source_text (PlRefiFile   *refi,
                                        RefiSource   *source);
/* Loads the text of a note kept in a file of its own. */
void          pl_refi_load_note_text (PlRefiFile     *refi,
                                      RefiNote       *note);

/* Writing .qdpx (pl-refi-writer.c, used by pl-refi-export.c) */

typedef struct
{
  PlProjectReader        *reader;
  PlExportSink           *sink;
  const PlExportOptions  *options;
  PlExportProgress       *progress;
  struct archive         *archive;
  xmlTextWriter          *writer;
  GError                 *error;      /* the first failure of the writer or the archive */
  gboolean                failed;
  GHashTable             *guids;      /* every GUID written (owned strings) */
  GHashTable             *code_guids; /* borrowed from @guids */
  GHashTable             *user_guids; /* likewise */
  GHashTable             *notes_by_target; /* target GUID → GPtrArray of note GUIDs */
  GPtrArray              *project_notes;   /* note GUIDs referenced from the Project */
  GPtrArray              *documents;  /* PlDocument the filter keeps */
  GPtrArray              *links;      /* PlLink between two of @documents */
  GPtrArray              *outcomes;   /* PlOutcome of the project */
  GHashTable             *document_guids;  /* their GUIDs, as written */
  GHashTable             *passages;   /* document GUID → GPtrArray of the notes about its
                                       * passages (pl-refi-export.c) */
  GHashTable             *passage_notes;   /* GUIDs of those notes */
} PlQdpx;

/* Makes the tables; pl_qdpx_clear() frees everything. */
void          pl_qdpx_init           (PlQdpx         *qdpx);
void          pl_qdpx_clear          (PlQdpx         *qdpx);
/* Records the first failure (PL_EXPORT_ERROR_FAILED); what follows it is dropped. */
void          pl_qdpx_fail           (PlQdpx         *qdpx,
                                      const char     *format,
                                      ...) G_GNUC_PRINTF (2, 3);
/* FALSE with the first failure in @error once something failed. */
gboolean      pl_qdpx_check          (PlQdpx         *qdpx,
                                      GError        **error);

/* The zip, written to the sink; an entry of unknown size has @size -1. */
void          pl_qdpx_open_archive   (PlQdpx         *qdpx);
void          pl_qdpx_begin_entry    (PlQdpx         *qdpx,
                                      const char     *path,
                                      gint64          size);
void          pl_qdpx_write_data     (PlQdpx         *qdpx,
                                      const char     *data,
                                      gsize           length);
void          pl_qdpx_finish_entry   (PlQdpx         *qdpx);
/* A whole entry: @data, a string. */
void          pl_qdpx_write_entry    (PlQdpx         *qdpx,
                                      const char     *path,
                                      const char     *data);
void          pl_qdpx_close_archive  (PlQdpx         *qdpx);

/* project.qde, written into the current entry, indented. */
void          pl_qdpx_begin_xml      (PlQdpx         *qdpx);
void          pl_qdpx_end_xml        (PlQdpx         *qdpx);
void          pl_qdpx_start          (PlQdpx         *qdpx,
                                      const char     *name);
void          pl_qdpx_end            (PlQdpx         *qdpx);
/* Nothing for a NULL @value; characters XML cannot hold become U+FFFD. */
void          pl_qdpx_attribute      (PlQdpx         *qdpx,
                                      const char     *name,
                                      const char     *value);
void          pl_qdpx_attribute_uint (PlQdpx         *qdpx,
                                      const char     *name,
                                      guint           value);
/* Nothing for a NULL or empty @text. */
void          pl_qdpx_text_element   (PlQdpx         *qdpx,
                                      const char     *name,
                                      const char     *text);
/* <@element targetGUID="@target"/> */
void          pl_qdpx_reference      (PlQdpx         *qdpx,
                                      const char     *element,
                                      const char     *target);

/* Records @guid as written; a second use is an error of the exporter.  Returns the
 * recorded copy. */
const char   *pl_qdpx_claim          (PlQdpx         *qdpx,
                                      const char     *guid);
/* A stored GUID as the schema wants it; one derived from it (by @kind) if it is not one. */
char         *pl_qdpx_guid           (const char     *kind,
                                      const char     *stored);
/* Notes referred to from the element with GUID @target. */
void          pl_qdpx_add_note_ref   (PlQdpx         *qdpx,
                                      const char     *target,
                                      const char     *note);
void          pl_qdpx_write_note_refs (PlQdpx        *qdpx,
                                       const char    *target);

/* Links (pl-refi-links.c): each link between a statement's passage and an outcome
 * document's is written as two PlainTextSelections without a Coding or a Description
 * (GUIDs derived from the link's as "link-origin" and "link-target") and a Link from the
 * first to the second; its score, words and origin, and the outcome documents' kind and
 * date, go into plenary/project.json. */

/* Reads the links whose two documents the export holds into @qdpx->links, and the
 * project's outcome documents into @qdpx->outcomes. */
gboolean      pl_qdpx_collect_links  (PlQdpx         *qdpx,
                                      GError        **error);
/* The selections of the links that have a passage in @document; a failure is recorded
 * (pl_qdpx_fail()). */
void          pl_qdpx_write_link_selections (PlQdpx  *qdpx,
                                      PlDocument     *document);
/* <Links>, when there are any. */
void          pl_qdpx_write_links    (PlQdpx         *qdpx);
/* The kind and date of @document_id as an outcome document, or NULL (for
 * plenary/project.json). */
const PlOutcome *pl_qdpx_outcome_of  (PlQdpx         *qdpx,
                                      gint64          document_id);

/* Plenary's own part of a .qdpx (pl-refi-plenary.c) */

#define PL_REFI_PLENARY_PATH "plenary/project.json"

typedef enum
{
  REFI_PLENARY_DOCUMENTS,
  REFI_PLENARY_CODES,
  REFI_PLENARY_NOTES,
  REFI_PLENARY_LINKS,
  REFI_PLENARY_N_KINDS
} RefiPlenaryKind;

/* Writes plenary/project.json, what project.qde has no place for, into the zip. */
gboolean      pl_qdpx_write_plenary  (PlQdpx         *qdpx,
                                      GError        **error);
/* Reads it; NULL, with a warning for the report, when it cannot be read. */
RefiPlenary  *pl_refi_plenary_read   (PlRefiFile     *refi,
                                      GBytes         *bytes);
void          pl_refi_plenary_free   (RefiPlenary    *plenary);
/* The entry of @kind for @guid (borrowed), or NULL. */
JsonObject   *pl_refi_plenary_lookup (RefiPlenary    *plenary,
                                      RefiPlenaryKind kind,
                                      const char     *guid);
/* The stance (NULL when none) and codebook version the part records for the annotation
 * @guid; FALSE when it has no entry for it. */
gboolean      pl_refi_plenary_annotation (RefiPlenary    *plenary,
                                          const char     *guid,
                                          const char    **out_stance,
                                          gint64         *out_codebook_version);
/* The statements (PlStatement, in order) of @source when the part holds them for its text
 * as it is in the file; NULL otherwise. */
GPtrArray    *pl_refi_plenary_statements (RefiPlenary      *plenary,
                                          const RefiSource *source);
/* The codebook version it records (1 when none). */
gint64        pl_refi_plenary_codebook_version (RefiPlenary *plenary);
/* Puts statements (PlStatement) read from a file in the order of their indexes. */
void          pl_refi_sort_statements (GPtrArray     *statements);

/* Reports (pl-refi-report.c) */

/* What applying a file found beside what the reader counted. */
typedef struct
{
  guint       n_existing_documents;
  guint       n_existing_annotations;
  guint       n_not_codable;
  guint       n_short_ids_dropped;
  guint       n_idle_placeholders;     /* users "default" who made nothing */
  guint       n_mapped_placeholders;   /* users "default" taken as another user */
  guint       n_lost_passages;         /* notes kept without the passage they are about */
  guint       n_note_descriptions;     /* note descriptions added to their text */
  guint       n_resegmented;           /* documents whose statements were found again */
  gboolean    description_differs;     /* the project kept its own description */
} RefiApplied;

/* Adding a file to a project (pl-refi-apply.c), links included (pl-refi-links.c). */
typedef struct
{
  PlRefiFile    *refi;
  PlProject     *project;
  PlProjectBulk *bulk;
  PlRefiReport  *report;
  RefiApplied    applied;
  GHashTable    *coder_ids;      /* user GUID → gint64* */
  GHashTable    *code_ids;       /* code GUID → gint64* */
  GHashTable    *speaker_cases;  /* entity → RefiCase (borrowed) */
  GHashTable    *link_ends;      /* GUIDs of the selections links join (borrowed) */
  GHashTable    *added;          /* GUIDs of the annotations added (borrowed), when the
                                  * project had none before: all there is to look for */
  gint64         fallback_coder;
} RefiApply;

/* The coder of a coding, note or link made by @user (else @fallback_user, else whom the
 * file names); -1 on error. */
gint64        pl_refi_coder_for      (RefiApply      *apply,
                                      const char     *user,
                                      const char     *fallback_user,
                                      GError        **error);
/* The GUIDs of the selections the file's Links join (borrowed from @refi): they are
 * imported with their link, not as free selections. */
GHashTable   *pl_refi_link_ends      (PlRefiFile     *refi);
/* Every Link between two text selections of documents the project now has, as a link
 * (the score, words and origin from plenary/project.json, or the "[plenary]" lines of
 * files of earlier versions); the other Links are counted as not imported.  Marks the
 * outcome documents as the file says. */
gboolean      pl_refi_apply_links    (RefiApply      *apply,
                                      GError        **error);

/* Lists in @report what @refi held that was not kept, and the warnings. */
void          pl_refi_fill_report    (PlRefiFile        *refi,
                                      const RefiApplied *applied,
                                      PlRefiReport      *report);
/* Whether @refi_case may be one of Plenary's speaker cases: named, with values only of
 * the variables of pl_refi_case_variables. */
gboolean      pl_refi_is_speaker_case (PlRefiFile     *refi,
                                       const RefiCase *refi_case);

/* Values (pl-refi-common.c) */

/* "{1FF58B12-…}" → "1ff58b12-…"; NULL if @guid is not a GUID. */
char         *pl_refi_normalize_guid (const char     *guid);
/* The same into @out (37 bytes); FALSE if @guid is not a GUID. */
gboolean      pl_refi_normalize_guid_to (const char  *guid,
                                      char           *out);
/* A GUID derived from @kind and @key (name-based, SHA-1): the same for the same input. */
char         *pl_refi_derive_guid    (const char     *kind,
                                      const char     *key);
/* "#RRGGBB" (upper case) from #RGB, #RRGGBB, #RRGGBBAA, rgb(…), rgba(…); NULL if none. */
char         *pl_refi_parse_color    (const char     *color);
/* true/false/1/0 in any case; @fallback otherwise. */
gboolean      pl_refi_parse_boolean  (const char     *value,
                                      gboolean        fallback);
/* An xsd:dateTime (or a near miss: a space for the T, no time zone = UTC, a date alone)
 * as "2026-11-22T10:00:00Z"; NULL if it is not a date. */
char         *pl_refi_parse_datetime (const char     *value);
/* @text with the characters XML 1.0 cannot hold replaced by U+FFFD. */
char         *pl_refi_xml_text       (const char     *text);
/* Appends "[plenary] " and @object as one line of compact JSON: how files of earlier
 * versions of Plenary carried its own data in Descriptions (the tests write such files). */
void          pl_refi_append_marker  (GString        *description,
                                      JsonObject     *object);
/* Splits a Description into the part for people (a new string, "" when none) and the
 * object of its "[plenary]" last line (new reference, NULL when there is none). */
char         *pl_refi_split_marker   (const char     *description,
                                      JsonObject    **out_object);

/* The Text variables under which document metadata is exported, in
 * pl_document_metadata_keys order, then "Source address" for the source URI. */
extern const char * const pl_refi_document_variables[];
/* The Text variables of speakers' Cases: entity type, ISO3, regional group. */
extern const char * const pl_refi_case_variables[];

/* Zips (pl-refi-common.c) */

/* The files of a zip archive: entry path → GBytes.  Only entries for which @want returns
 * TRUE are read (NULL @want: all); the others are listed with an empty GBytes. */
GHashTable   *pl_refi_read_zip       (GBytes         *archive,
                                      const char     *display_name,
                                      gboolean      (*want) (const char *path),
                                      GError        **error);
/* The entry of @entries named @path, trying a case-insensitive match too. */
GBytes       *pl_refi_zip_lookup     (GHashTable     *entries,
                                      const char     *path);

G_END_DECLS
