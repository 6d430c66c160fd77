/* pl-project-file.h — the project file the user opened, kept safe where SQLite cannot write beside it
 *
 * Inside Flatpak a file the user picks comes through the document portal, which exposes that
 * one file: SQLite cannot create its -wal or -journal files next to it.  In LIVE_COPY mode
 * the project is therefore worked on in a live copy in a private folder (WAL, every action
 * committed at once), and written back to the user's file with SQLite's backup API through
 * a temporary file renamed over it, so the user's file is never half-written.
 *
 * Layout of @live_dir, for a user file whose canonical path hashes (SHA-256) to H, taking the
 * first 16 hex digits:
 *   H/<the user's file name>   the live database, with its -wal and -shm; it keeps the user's
 *                              file name so that titles and messages name the right file
 *   H.state                    a key file: the user's file (URI), its size and modification
 *                              time (µs) after the last copy-in or write-back, and "dirty"
 *   H.new-XXXXXX/              a copy being made; left over only by a crash, then removed
 *
 * "dirty" is recorded in H.state from SQLite's commit hook, before the commit reaches the
 * live database, so a change on disk is never without its dirty mark, whenever the app is
 * killed.  On open, a dirty live copy wins over the user's file: it is what the user last saw.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "pl-project.h"

G_BEGIN_DECLS

#define PL_TYPE_PROJECT_FILE (pl_project_file_get_type ())
G_DECLARE_FINAL_TYPE (PlProjectFile, pl_project_file, PL, PROJECT_FILE, GObject)

typedef enum
{
  PL_PROJECT_FILE_IN_PLACE,  /* the project is the user's file itself */
  PL_PROJECT_FILE_LIVE_COPY, /* a live copy in a private folder, written back by sync */
} PlProjectFileMode;

/* The mode Plenary uses here: LIVE_COPY inside a Flatpak sandbox (/.flatpak-info exists) or
 * when the environment variable PLENARY_LIVE_COPY=1 is set (tests, projects kept on network
 * or sync folders); IN_PLACE otherwise. */
PlProjectFileMode  pl_project_file_default_mode   (void);

/* Opens the project the user knows as @path.  IN_PLACE: pl_project_open() on @path itself.
 * LIVE_COPY: the live copy in @live_dir (NULL: <user data dir>/plenary/live, created 0700):
 * - a dirty live copy (the app was killed before writing back) is opened and written back
 *   at once; if that write-back fails the project still opens, dirty, and the next sync
 *   says why.  When the user's file also changed outside Plenary since the last write-back,
 *   nothing is written: the project opens with "conflict" TRUE (see resolve_conflict);
 * - a clean live copy whose user file has the recorded size and time is reused;
 * - otherwise the user's file is copied in (read-only, without touching it) and checked;
 *   a file that is not a project, or comes from a newer Plenary, is refused with an error
 *   naming it, and nothing is left in @live_dir;
 * - a missing file is created with PL_PROJECT_OPEN_CREATE, and written out at once. */
PlProjectFile     *pl_project_file_open           (const char          *path,
                                                   PlProjectOpenFlags   flags,
                                                   PlProjectFileMode    mode,
                                                   const char          *live_dir,
                                                   GError             **error);

/* The open project (owned by @self; property "project").  It is closed, without writing
 * back, when @self is disposed: keep @self as long as the project is in use.  Resolving a
 * conflict by taking the outside version replaces it (notify::project); if that fails after
 * the live copy was discarded, it is NULL until the file is opened again. */
PlProject         *pl_project_file_get_project    (PlProjectFile       *self);
/* The user's path, canonical. */
const char        *pl_project_file_get_path       (PlProjectFile       *self);
PlProjectFileMode  pl_project_file_get_mode       (PlProjectFile       *self);
/* TRUE when a change was committed to the live copy since it was last written back
 * (property "dirty").  Always FALSE IN_PLACE. */
gboolean           pl_project_file_get_dirty      (PlProjectFile       *self);
/* TRUE when the user's file changed outside Plenary while the live copy had changes not
 * written back (property "conflict").  Sync refuses until the conflict is resolved. */
gboolean           pl_project_file_get_conflict   (PlProjectFile       *self);

/* Writes the live copy back to the user's file if dirty (pl_project_save_copy(): a temporary
 * file in the user's folder renamed over it), records its size and time, clears dirty.
 * Fails with PL_STORE_ERROR_FAILED, naming the file, while there is a conflict, and sets
 * "conflict" when the user's file changed outside Plenary since the last write-back.
 * No-op IN_PLACE. */
gboolean           pl_project_file_sync           (PlProjectFile       *self,
                                                   GError             **error);
/* @keep_ours TRUE: write the live copy over the outside version.  FALSE: discard the live
 * copy and copy the user's file in again (a new project object: notify::project).
 * TRUE without doing anything when there is no conflict. */
gboolean           pl_project_file_resolve_conflict (PlProjectFile     *self,
                                                   gboolean             keep_ours,
                                                   GError             **error);
/* Syncs, then closes the project.  When sync fails the project stays open, so that the
 * caller can resolve the problem and try again; the changes stay safe in the live copy
 * either way, and are written back when the file is next opened. */
gboolean           pl_project_file_close          (PlProjectFile       *self,
                                                   GError             **error);

G_END_DECLS
