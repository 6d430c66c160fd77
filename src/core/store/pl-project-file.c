/* pl-project-file.c — the project file the user opened: in place, or as a live copy written back
 *
 * See pl-project-file.h for the layout of the live folder.  The order of writes is what
 * keeps data safe when the app is killed at any moment:
 * - copy-in: the copy is made and checked in a fresh H.new-XXXXXX folder, renamed to H, and
 *   only then is H.state written; a crash before that leaves a state that does not match,
 *   and the next open copies in again;
 * - a change: the commit hook writes H.state with dirty=true before SQLite commits;
 * - write-back: pl_project_save_copy() renames a complete copy over the user's file, and
 *   only then is H.state written with dirty=false and the file's new size and time.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "plenary-project-file"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "pl-error.h"
#include "pl-project-file.h"
#include "pl-project-private.h"

#define STATE_GROUP "live-copy"
#define HASH_LENGTH 16

/* What we know of the user's file: compared to tell whether it changed outside Plenary. */
typedef struct
{
  gboolean exists;
  gint64   size;
  gint64   mtime_usec;
} FileStamp;

struct _PlProjectFile
{
  GObject            parent_instance;

  PlProjectFileMode  mode;
  char              *path;          /* the user's file, canonical */
  char              *name;          /* its display basename, for messages */
  PlProject         *project;
  gulong             committed_id;

  /* LIVE_COPY only. */
  char              *live_dir;
  char              *live_folder;   /* <live_dir>/H */
  char              *live_path;     /* <live_dir>/H/<basename> */
  char              *state_path;    /* <live_dir>/H.state */
  char              *staging_prefix; /* "H.new-" */
  FileStamp          stamp;         /* the user's file after the last copy-in or write-back */
  gboolean           state_dirty;   /* what H.state says */
  gboolean           dirty;
  gboolean           conflict;
};

G_DEFINE_FINAL_TYPE (PlProjectFile, pl_project_file, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_PATH,
  PROP_PROJECT,
  PROP_DIRTY,
  PROP_CONFLICT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void detach_project (PlProjectFile *self);

static void
pl_project_file_dispose (GObject *object)
{
  PlProjectFile *self = (PlProjectFile *)object;

  /* Closing the live copy never writes back: only sync and close do. */
  detach_project (self);
  g_clear_object (&self->project);

  G_OBJECT_CLASS (pl_project_file_parent_class)->dispose (object);
}

static void
pl_project_file_finalize (GObject *object)
{
  PlProjectFile *self = (PlProjectFile *)object;

  g_free (self->path);
  g_free (self->name);
  g_free (self->live_dir);
  g_free (self->live_folder);
  g_free (self->live_path);
  g_free (self->state_path);
  g_free (self->staging_prefix);

  G_OBJECT_CLASS (pl_project_file_parent_class)->finalize (object);
}

static void
pl_project_file_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  PlProjectFile *self = PL_PROJECT_FILE (object);

  switch (prop_id)
    {
    case PROP_PATH:
      g_value_set_string (value, self->path);
      break;

    case PROP_PROJECT:
      g_value_set_object (value, self->project);
      break;

    case PROP_DIRTY:
      g_value_set_boolean (value, self->dirty);
      break;

    case PROP_CONFLICT:
      g_value_set_boolean (value, self->conflict);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pl_project_file_class_init (PlProjectFileClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = pl_project_file_dispose;
  object_class->finalize = pl_project_file_finalize;
  object_class->get_property = pl_project_file_get_property;

  properties[PROP_PATH] =
    g_param_spec_string ("path", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_PROJECT] =
    g_param_spec_object ("project", NULL, NULL, PL_TYPE_PROJECT,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DIRTY] =
    g_param_spec_boolean ("dirty", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CONFLICT] =
    g_param_spec_boolean ("conflict", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pl_project_file_init (PlProjectFile *self)
{
}

static void
set_dirty (PlProjectFile *self,
           gboolean       dirty)
{
  if (self->dirty == dirty)
    return;
  self->dirty = dirty;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DIRTY]);
}

static void
set_conflict (PlProjectFile *self,
              gboolean       conflict)
{
  if (self->conflict == conflict)
    return;
  self->conflict = conflict;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONFLICT]);
}

PlProjectFileMode
pl_project_file_default_mode (void)
{
  if (g_file_test ("/.flatpak-info", G_FILE_TEST_EXISTS)
      || g_strcmp0 (g_getenv ("PLENARY_LIVE_COPY"), "1") == 0)
    return PL_PROJECT_FILE_LIVE_COPY;
  return PL_PROJECT_FILE_IN_PLACE;
}

/* Files and folders */

/* Fills @stamp; a missing file is not an error. */
static gboolean
read_stamp (PlProjectFile  *self,
            FileStamp      *stamp,
            gboolean       *is_dir,
            GError        **error)
{
  GStatBuf st;

  if (g_stat (self->path, &st) != 0)
    {
      int saved_errno = errno;

      if (saved_errno == ENOENT)
        {
          *stamp = (FileStamp) { FALSE, -1, -1 };
          if (is_dir != NULL)
            *is_dir = FALSE;
          return TRUE;
        }

      g_set_error (error, PL_STORE_ERROR,
                   saved_errno == EACCES ? PL_STORE_ERROR_READ_ONLY : PL_STORE_ERROR_OPEN,
                   _("“%s” could not be opened: %s"), self->name, g_strerror (saved_errno));
      return FALSE;
    }

  *stamp = (FileStamp) {
    TRUE,
    st.st_size,
    (gint64)st.st_mtim.tv_sec * G_USEC_PER_SEC + st.st_mtim.tv_nsec / 1000,
  };
  if (is_dir != NULL)
    *is_dir = S_ISDIR (st.st_mode);
  return TRUE;
}

static gboolean
stamp_equal (const FileStamp *a,
             const FileStamp *b)
{
  if (!a->exists || !b->exists)
    return a->exists == b->exists;
  return a->size == b->size && a->mtime_usec == b->mtime_usec;
}

/* Best effort: makes a rename in @folder durable.  Some file systems (the document
 * portal's among them) do not support it, and need not. */
static void
sync_folder (const char *folder)
{
  int fd = open (folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC);

  if (fd < 0)
    return;
  if (fsync (fd) != 0)
    g_debug ("Could not sync the folder %s: %s", folder, g_strerror (errno));
  close (fd);
}

/* Removes a folder of the live directory and the files in it; the database first, so that a
 * crash half-way never leaves side files that look like a live copy. */
static void
remove_folder (PlProjectFile *self,
               const char    *folder)
{
  g_autofree char *basename = g_path_get_basename (self->path);
  g_autofree char *database = g_build_filename (folder, basename, NULL);
  g_autoptr(GDir) dir = NULL;
  const char *name;

  g_unlink (database);

  dir = g_dir_open (folder, 0, NULL);
  if (dir != NULL)
    while ((name = g_dir_read_name (dir)) != NULL)
      {
        g_autofree char *child = g_build_filename (folder, name, NULL);

        if (g_unlink (child) != 0)
          g_debug ("Could not remove %s: %s", child, g_strerror (errno));
      }

  if (g_rmdir (folder) != 0 && errno != ENOENT)
    g_debug ("Could not remove %s: %s", folder, g_strerror (errno));
}

/* Copies that a crash interrupted before they were installed. */
static void
remove_stale_copies (PlProjectFile *self)
{
  g_autoptr(GDir) dir = g_dir_open (self->live_dir, 0, NULL);
  g_autoptr(GPtrArray) stale = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  if (dir == NULL)
    return;

  while ((name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_prefix (name, self->staging_prefix))
      g_ptr_array_add (stale, g_build_filename (self->live_dir, name, NULL));

  for (guint i = 0; i < stale->len; i++)
    remove_folder (self, g_ptr_array_index (stale, i));
}

/* A fresh, private H.new-XXXXXX folder. */
static char *
make_staging_folder (PlProjectFile  *self,
                     GError        **error)
{
  g_autofree char *template = g_strconcat (self->staging_prefix, "XXXXXX", NULL);
  g_autofree char *folder = g_build_filename (self->live_dir, template, NULL);

  if (g_mkdtemp_full (folder, 0700) == NULL)
    {
      int saved_errno = errno;

      g_set_error (error, PL_STORE_ERROR,
                   saved_errno == ENOSPC ? PL_STORE_ERROR_FULL : PL_STORE_ERROR_FAILED,
                   _("Could not make a working copy of “%s”: %s"),
                   self->name, g_strerror (saved_errno));
      return NULL;
    }

  return g_steal_pointer (&folder);
}

/* The state file */

static gboolean
write_state (PlProjectFile  *self,
             gboolean        dirty,
             GError        **error)
{
  g_autoptr(GKeyFile) key_file = g_key_file_new ();
  g_autoptr(GError) local_error = NULL;
  g_autofree char *uri = g_filename_to_uri (self->path, NULL, NULL);
  g_autofree char *data = NULL;
  gsize length;

  g_key_file_set_string (key_file, STATE_GROUP, "uri", uri != NULL ? uri : "");
  g_key_file_set_boolean (key_file, STATE_GROUP, "exists", self->stamp.exists);
  g_key_file_set_int64 (key_file, STATE_GROUP, "size", self->stamp.size);
  g_key_file_set_int64 (key_file, STATE_GROUP, "mtime-usec", self->stamp.mtime_usec);
  g_key_file_set_boolean (key_file, STATE_GROUP, "dirty", dirty);
  data = g_key_file_to_data (key_file, &length, NULL);

  if (!g_file_set_contents_full (self->state_path, data, length,
                                 G_FILE_SET_CONTENTS_CONSISTENT | G_FILE_SET_CONTENTS_DURABLE,
                                 0600, &local_error))
    {
      g_set_error (error, PL_STORE_ERROR,
                   g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOSPC)
                   ? PL_STORE_ERROR_FULL : PL_STORE_ERROR_FAILED,
                   _("Could not record the state of the working copy of “%s”: %s"),
                   self->name, local_error->message);
      return FALSE;
    }

  self->state_dirty = dirty;
  return TRUE;
}

/* Returns FALSE when there is no state file.  A state file that cannot be read says
 * dirty, with a stamp that matches nothing: the live copy is then never thrown away. */
static gboolean
read_state (PlProjectFile *self,
            FileStamp     *stamp,
            gboolean      *dirty)
{
  g_autoptr(GKeyFile) key_file = g_key_file_new ();
  g_autoptr(GError) error = NULL;

  if (!g_key_file_load_from_file (key_file, self->state_path, G_KEY_FILE_NONE, &error))
    {
      if (g_error_matches (error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        return FALSE;
      g_debug ("Unreadable state %s: %s", self->state_path, error->message);
      goto unreadable;
    }

  stamp->exists = g_key_file_get_boolean (key_file, STATE_GROUP, "exists", &error);
  if (error == NULL)
    stamp->size = g_key_file_get_int64 (key_file, STATE_GROUP, "size", &error);
  if (error == NULL)
    stamp->mtime_usec = g_key_file_get_int64 (key_file, STATE_GROUP, "mtime-usec", &error);
  if (error == NULL)
    *dirty = g_key_file_get_boolean (key_file, STATE_GROUP, "dirty", &error);
  if (error == NULL)
    return TRUE;

  g_debug ("Incomplete state %s: %s", self->state_path, error->message);

unreadable:
  *stamp = (FileStamp) { TRUE, -1, -1 };
  *dirty = TRUE;
  return TRUE;
}

/* The live project */

/* Runs inside SQLite's COMMIT, before the transaction is durable: records that the live
 * copy is about to differ from the user's file.  Calls no SQLite function. */
static int
on_commit (void *data)
{
  PlProjectFile *self = data;
  g_autoptr(GError) error = NULL;

  if (!self->state_dirty && !write_state (self, TRUE, &error))
    g_debug ("%s", error->message);
  return 0;
}

static void
on_committed (PlProject     *project,
              PlProjectFile *self)
{
  g_autoptr(GError) error = NULL;

  /* Only when the commit hook could not write the state. */
  if (!self->state_dirty && !write_state (self, TRUE, &error))
    g_debug ("%s", error->message);
  set_dirty (self, TRUE);
}

static gboolean
open_live (PlProjectFile  *self,
           GError        **error)
{
  PlProject *project = pl_project_open (self->live_path, PL_PROJECT_OPEN_DEFAULT, error);

  if (project == NULL)
    return FALSE;

  g_clear_object (&self->project);
  self->project = project;
  sqlite3_commit_hook (pl_project_get_db (project), on_commit, self);
  self->committed_id = g_signal_connect (project, "committed", G_CALLBACK (on_committed), self);
  return TRUE;
}

/* Stops tracking and closes the project, without writing back. */
static void
detach_project (PlProjectFile *self)
{
  sqlite3 *db;

  if (self->project == NULL)
    return;

  g_clear_signal_handler (&self->committed_id, self->project);
  db = pl_project_get_db (self->project);
  if (db != NULL && self->mode == PL_PROJECT_FILE_LIVE_COPY)
    sqlite3_commit_hook (db, NULL, NULL);
  pl_project_close (self->project);
}

/* Copying in */

static gboolean
has_side_files (const char *path)
{
  static const char *suffixes[] = { "-wal", "-journal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *side = g_strconcat (path, suffixes[i], NULL);
      GStatBuf st;

      if (g_stat (side, &st) == 0 && st.st_size > 0)
        return TRUE;
    }
  return FALSE;
}

/* Copies the user's file to @destination with the backup API, never writing to it.  It is
 * opened immutable, which needs no side files (the document portal allows none); only when
 * a -wal or -journal lies beside it (a Plenary outside the sandbox has it open) is it opened
 * read-only with locking, so that its committed changes are included. */
static gboolean
copy_user_file (PlProjectFile  *self,
                const char     *destination,
                GError        **error)
{
  g_autofree char *escaped = g_uri_escape_string (self->path, "/", FALSE);
  g_autofree char *uri = NULL;
  sqlite3 *source = NULL;
  sqlite3 *copy = NULL;
  sqlite3_backup *backup;
  int rc;

  uri = g_strconcat ("file:", escaped, has_side_files (self->path) ? "?mode=ro" : "?immutable=1",
                     NULL);

  rc = sqlite3_open_v2 (uri, &source, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_busy_timeout (source, 5000);
      rc = sqlite3_open_v2 (destination, &copy, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
    }
  if (rc == SQLITE_OK)
    {
      backup = sqlite3_backup_init (copy, "main", source, "main");
      if (backup == NULL)
        rc = sqlite3_errcode (copy);
      else
        {
          int finish_rc;

          rc = sqlite3_backup_step (backup, -1);
          finish_rc = sqlite3_backup_finish (backup);
          if (rc == SQLITE_DONE)
            rc = finish_rc;
        }
    }

  sqlite3_close (copy);
  sqlite3_close (source);

  switch (rc & 0xff)
    {
    case SQLITE_OK:
      return TRUE;

    case SQLITE_NOTADB:
    case SQLITE_CORRUPT:
      g_set_error (error, PL_STORE_ERROR, PL_STORE_ERROR_NOT_PROJECT,
                   _("“%s” is not a Plenary project, or it is damaged."), self->name);
      return FALSE;

    case SQLITE_FULL:
      g_set_error (error, PL_STORE_ERROR, PL_STORE_ERROR_FULL,
                   _("The disk is full: could not make a working copy of “%s”. Free some space "
                     "and try again."), self->name);
      return FALSE;

    default:
      g_set_error (error, PL_STORE_ERROR, PL_STORE_ERROR_OPEN,
                   _("“%s” could not be read (%s)."), self->name, sqlite3_errstr (rc));
      return FALSE;
    }
}

/* Makes @staged the live folder, with its state, and opens it.  The current project, if
 * any, is closed and its live copy discarded. */
static gboolean
install_and_open (PlProjectFile    *self,
                  const char       *staged,
                  const FileStamp  *stamp,
                  gboolean          dirty,
                  GError          **error)
{
  detach_project (self);
  g_clear_object (&self->project);

  if (g_file_test (self->live_folder, G_FILE_TEST_EXISTS))
    remove_folder (self, self->live_folder);

  if (g_rename (staged, self->live_folder) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, PL_STORE_ERROR, PL_STORE_ERROR_FAILED,
                   _("Could not make a working copy of “%s”: %s"),
                   self->name, g_strerror (saved_errno));
      remove_folder (self, staged);
      return FALSE;
    }
  sync_folder (self->live_dir);

  self->stamp = *stamp;
  return write_state (self, dirty, error) && open_live (self, error);
}

/* Checks @staged_path with the store's own checks (it names the user's file: it has the
 * same name), and leaves it closed. */
static gboolean
check_staged_project (const char          *staged_path,
                      PlProjectOpenFlags   flags,
                      GError             **error)
{
  g_autoptr(PlProject) project = pl_project_open (staged_path, flags, error);

  if (project == NULL)
    return FALSE;
  pl_project_close (project);
  return TRUE;
}

/* Builds a checked copy of the user's file (or, with @create, a new project) in a fresh
 * folder, then installs it as the live copy.  Nothing changes when the check fails. */
static gboolean
make_live_copy (PlProjectFile  *self,
                gboolean        create,
                GError        **error)
{
  g_autofree char *staged = NULL;
  g_autofree char *staged_path = NULL;
  g_autofree char *basename = g_path_get_basename (self->path);
  FileStamp stamp;

  if (!read_stamp (self, &stamp, NULL, error))
    return FALSE;
  if (!create && !stamp.exists)
    {
      g_set_error (error, PL_STORE_ERROR, PL_STORE_ERROR_OPEN,
                   _("“%s” does not exist."), self->name);
      return FALSE;
    }

  staged = make_staging_folder (self, error);
  if (staged == NULL)
    return FALSE;
  staged_path = g_build_filename (staged, basename, NULL);

  if ((!create && !copy_user_file (self, staged_path, error))
      || !check_staged_project (staged_path,
                                create ? PL_PROJECT_OPEN_CREATE : PL_PROJECT_OPEN_DEFAULT,
                                error))
    {
      remove_folder (self, staged);
      return FALSE;
    }

  /* A new project is dirty until its first write-back has made the user's file. */
  return install_and_open (self, staged, &stamp, create, error);
}

/* Writing back */

static gboolean
write_back (PlProjectFile  *self,
            GError        **error)
{
  g_autofree char *folder = g_path_get_dirname (self->path);
  FileStamp stamp;

  if (self->project == NULL || pl_project_get_db (self->project) == NULL)
    {
      g_set_error (error, PL_STORE_ERROR, PL_STORE_ERROR_FAILED,
                   _("“%s” cannot be saved: the project is closed."), self->name);
      return FALSE;
    }

  if (!pl_project_save_copy (self->project, self->path, error))
    return FALSE;
  sync_folder (folder);

  if (!read_stamp (self, &stamp, NULL, error))
    return FALSE;
  self->stamp = stamp;
  if (!write_state (self, FALSE, error))
    return FALSE;

  set_conflict (self, FALSE);
  set_dirty (self, FALSE);
  return TRUE;
}

/* Opening */

/* The live copy has changes the user's file lacks: it wins, unless the user's file changed
 * outside Plenary too. */
static gboolean
recover_live_copy (PlProjectFile    *self,
                   const FileStamp  *recorded,
                   const FileStamp  *user,
                   GError          **error)
{
  g_autoptr(GError) local_error = NULL;

  self->stamp = *recorded;
  if (!open_live (self, error))
    {
      g_prefix_error (error, _("The changes to “%s” not yet saved could not be recovered: "),
                      self->name);
      return FALSE;
    }
  self->state_dirty = TRUE;
  self->dirty = TRUE;

  if (user->exists && !stamp_equal (recorded, user))
    {
      self->conflict = TRUE;
      return TRUE;
    }

  if (!write_back (self, &local_error))
    g_debug ("Could not write back the changes to %s: %s", self->path, local_error->message);
  return TRUE;
}

/* A new project: the user's file is written at once, so that it exists. */
static gboolean
create_live_copy (PlProjectFile  *self,
                  GError        **error)
{
  if (!make_live_copy (self, TRUE, error))
    return FALSE;

  self->dirty = TRUE;
  if (!write_back (self, error))
    {
      detach_project (self);
      g_clear_object (&self->project);
      remove_folder (self, self->live_folder);
      g_unlink (self->state_path);
      return FALSE;
    }
  return TRUE;
}

static gboolean
open_live_copy (PlProjectFile       *self,
                PlProjectOpenFlags   flags,
                const char          *live_dir,
                GError             **error)
{
  g_autofree char *hash = NULL;
  g_autofree char *basename = g_path_get_basename (self->path);
  FileStamp user, recorded;
  gboolean is_dir, have_state, have_live, dirty = FALSE;

  self->live_dir = live_dir != NULL
    ? g_canonicalize_filename (live_dir, NULL)
    : g_build_filename (g_get_user_data_dir (), "plenary", "live", NULL);

  if (g_mkdir_with_parents (self->live_dir, 0700) != 0)
    {
      int saved_errno = errno;
      g_autofree char *live_name = g_filename_display_name (self->live_dir);

      g_set_error (error, PL_STORE_ERROR,
                   saved_errno == ENOSPC ? PL_STORE_ERROR_FULL : PL_STORE_ERROR_FAILED,
                   _("Could not open “%s”: the folder for working copies “%s” cannot be made "
                     "(%s)."), self->name, live_name, g_strerror (saved_errno));
      return FALSE;
    }

  hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256, self->path, -1);
  hash[HASH_LENGTH] = '\0';
  self->live_folder = g_build_filename (self->live_dir, hash, NULL);
  self->live_path = g_build_filename (self->live_folder, basename, NULL);
  self->state_path = g_strconcat (self->live_folder, ".state", NULL);
  self->staging_prefix = g_strconcat (hash, ".new-", NULL);

  remove_stale_copies (self);

  if (!read_stamp (self, &user, &is_dir, error))
    return FALSE;

  if (is_dir)
    {
      g_set_error (error, PL_STORE_ERROR, PL_STORE_ERROR_OPEN,
                   _("“%s” is a folder, not a Plenary project."), self->name);
      return FALSE;
    }

  if (user.exists && (flags & PL_PROJECT_OPEN_EXCLUSIVE))
    {
      g_set_error (error, PL_STORE_ERROR, PL_STORE_ERROR_EXISTS,
                   _("“%s” already exists. Choose another name."), self->name);
      return FALSE;
    }

  have_state = read_state (self, &recorded, &dirty);
  have_live = have_state && g_file_test (self->live_path, G_FILE_TEST_IS_REGULAR);

  if (have_live && dirty)
    return recover_live_copy (self, &recorded, &user, error);

  /* Like pl_project_open(), a project is made in a missing or empty file only when asked. */
  if (!user.exists || user.size == 0)
    {
      if (flags & PL_PROJECT_OPEN_CREATE)
        return create_live_copy (self, error);

      if (!user.exists)
        g_set_error (error, PL_STORE_ERROR, PL_STORE_ERROR_OPEN,
                     _("“%s” does not exist."), self->name);
      else
        g_set_error (error, PL_STORE_ERROR, PL_STORE_ERROR_NOT_PROJECT,
                     _("“%s” is not a Plenary project."), self->name);
      return FALSE;
    }

  if (g_access (self->path, W_OK) != 0)
    {
      g_set_error (error, PL_STORE_ERROR, PL_STORE_ERROR_READ_ONLY,
                   _("“%s” is read-only. Plenary saves every change at once, so it needs "
                     "to write to the project: copy it to a writable folder."), self->name);
      return FALSE;
    }

  if (have_live && stamp_equal (&recorded, &user))
    {
      g_autoptr(GError) local_error = NULL;

      self->stamp = recorded;
      self->state_dirty = FALSE;
      if (open_live (self, &local_error))
        return TRUE;
      g_debug ("Copying %s in again: %s", self->path, local_error->message);
    }

  return make_live_copy (self, FALSE, error);
}

PlProjectFile *
pl_project_file_open (const char          *path,
                      PlProjectOpenFlags   flags,
                      PlProjectFileMode    mode,
                      const char          *live_dir,
                      GError             **error)
{
  g_autoptr(PlProjectFile) self = NULL;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (mode == PL_PROJECT_FILE_IN_PLACE || mode == PL_PROJECT_FILE_LIVE_COPY,
                        NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_object_new (PL_TYPE_PROJECT_FILE, NULL);
  self->mode = mode;
  self->path = g_canonicalize_filename (path, NULL);
  self->name = g_filename_display_basename (self->path);

  if (mode == PL_PROJECT_FILE_IN_PLACE)
    {
      self->project = pl_project_open (self->path, flags, error);
      if (self->project == NULL)
        return NULL;
      return g_steal_pointer (&self);
    }

  if (!open_live_copy (self, flags, live_dir, error))
    return NULL;

  return g_steal_pointer (&self);
}

/* Accessors */

PlProject *
pl_project_file_get_project (PlProjectFile *self)
{
  g_return_val_if_fail (PL_IS_PROJECT_FILE (self), NULL);
  return self->project;
}

const char *
pl_project_file_get_path (PlProjectFile *self)
{
  g_return_val_if_fail (PL_IS_PROJECT_FILE (self), NULL);
  return self->path;
}

PlProjectFileMode
pl_project_file_get_mode (PlProjectFile *self)
{
  g_return_val_if_fail (PL_IS_PROJECT_FILE (self), PL_PROJECT_FILE_IN_PLACE);
  return self->mode;
}

gboolean
pl_project_file_get_dirty (PlProjectFile *self)
{
  g_return_val_if_fail (PL_IS_PROJECT_FILE (self), FALSE);
  return self->dirty;
}

gboolean
pl_project_file_get_conflict (PlProjectFile *self)
{
  g_return_val_if_fail (PL_IS_PROJECT_FILE (self), FALSE);
  return self->conflict;
}

/* Writing back */

gboolean
pl_project_file_sync (PlProjectFile  *self,
                      GError        **error)
{
  FileStamp current;

  g_return_val_if_fail (PL_IS_PROJECT_FILE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (self->mode == PL_PROJECT_FILE_IN_PLACE || !self->dirty)
    return TRUE;

  /* A file deleted outside Plenary is simply written again: nothing of it is lost. */
  if (!self->conflict)
    {
      if (!read_stamp (self, &current, NULL, error))
        return FALSE;
      if (current.exists && !stamp_equal (&current, &self->stamp))
        set_conflict (self, TRUE);
    }

  if (self->conflict)
    {
      g_set_error (error, PL_STORE_ERROR, PL_STORE_ERROR_FAILED,
                   _("“%s” was changed outside Plenary since Plenary last saved it. Choose "
                     "whether to keep the version open in Plenary or the one on disk."),
                   self->name);
      return FALSE;
    }

  return write_back (self, error);
}

gboolean
pl_project_file_resolve_conflict (PlProjectFile  *self,
                                  gboolean        keep_ours,
                                  GError        **error)
{
  g_return_val_if_fail (PL_IS_PROJECT_FILE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!self->conflict)
    return TRUE;

  if (keep_ours)
    return write_back (self, error);

  /* The copy of the outside version is made and checked before ours is discarded. */
  if (!make_live_copy (self, FALSE, error))
    {
      if (self->project == NULL)
        g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROJECT]);
      return FALSE;
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROJECT]);
  set_conflict (self, FALSE);
  set_dirty (self, FALSE);
  return TRUE;
}

gboolean
pl_project_file_close (PlProjectFile  *self,
                       GError        **error)
{
  g_return_val_if_fail (PL_IS_PROJECT_FILE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!pl_project_file_sync (self, error))
    return FALSE;

  detach_project (self);
  return TRUE;
}
