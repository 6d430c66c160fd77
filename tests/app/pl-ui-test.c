/* pl-ui-test.c — what the UI tests share: waiting for the window, finding widgets and
 * keys, screenshots
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#ifdef HAVE_GTK_X11
#include <gdk/x11/gdkx.h>
#endif

#include "pl-codebook.h"
#include "pl-demo.h"
#include "pl-ui-test.h"

void
pl_ui_test_park_pointer (void)
{
#ifdef HAVE_GTK_X11
  GdkDisplay *display = gdk_display_get_default ();

  if (GDK_IS_X11_DISPLAY (display))
    {
      Display *xdisplay = gdk_x11_display_get_xdisplay (display);
      Window root = DefaultRootWindow (xdisplay);

      XWarpPointer (xdisplay, None, root, 0, 0, 0, 0,
                    DisplayWidth (xdisplay, DefaultScreen (xdisplay)) - 1,
                    DisplayHeight (xdisplay, DefaultScreen (xdisplay)) - 1);
      XFlush (xdisplay);
    }
#endif
}

/* GTK 4.8 warns "Trying to snapshot <widget> without a current allocation" when a frame
 * paints a widget whose new size was asked for after that frame's layout: it leaves the
 * widget out of that one frame and paints it in the next.  Whether a frame falls between
 * the two depends on how busy the machine is, so under fatal warnings it made tests fail
 * now and then.  That one message is written out and not fatal; every other stays fatal. */
static GLogWriterOutput
write_log (GLogLevelFlags   level,
           const GLogField *fields,
           gsize            n_fields,
           gpointer         user_data)
{
  const char *domain = NULL, *message = NULL;

  for (gsize i = 0; (level & G_LOG_LEVEL_WARNING) && i < n_fields; i++)
    {
      if (g_str_equal (fields[i].key, "GLIB_DOMAIN"))
        domain = fields[i].value;
      else if (g_str_equal (fields[i].key, "MESSAGE") && fields[i].length < 0)
        message = fields[i].value;
    }
  if (g_strcmp0 (domain, "Gtk") == 0 && message != NULL
      && g_str_has_prefix (message, "Trying to snapshot ")
      && g_str_has_suffix (message, " without a current allocation"))
    {
      g_printerr ("(not fatal in tests) %s\n", message);
      return G_LOG_WRITER_HANDLED;
    }
  return g_log_writer_default (level, fields, n_fields, user_data);
}

void
pl_ui_test_set_log_writer (void)
{
  g_log_set_writer_func (write_log, NULL, NULL);
}

char *
pl_ui_test_init (int         *argc,
                 char      ***argv,
                 const char  *name)
{
  g_autofree char *template = g_strdup_printf ("%s-XXXXXX", name);
  g_autofree char *folder = g_dir_make_tmp (template, NULL);
  g_autofree char *data = NULL;
  g_autoptr(GtkCssProvider) css = NULL;

  g_assert_nonnull (folder);
  data = g_build_filename (folder, "data", NULL);
  g_setenv ("XDG_DATA_HOME", data, TRUE);

  pl_ui_test_set_log_writer ();
  g_test_init (argc, argv, NULL);
  gtk_disable_setlocale ();
  if (!gtk_init_check ())
    return NULL;
  adw_init ();

  css = gtk_css_provider_new ();
  gtk_css_provider_load_from_resource (css, "/io/github/plenary/Plenary/style.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (css),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  pl_ui_test_park_pointer ();
  return g_steal_pointer (&folder);
}

void
pl_ui_test_spin (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

void
pl_ui_test_settle (void)
{
  gint64 until = g_get_monotonic_time () + 700 * G_TIME_SPAN_MILLISECOND;

  while (g_get_monotonic_time () < until)
    {
      pl_ui_test_spin ();
      g_usleep (10 * G_TIME_SPAN_MILLISECOND);
    }
  pl_ui_test_spin ();
}

static gboolean
count_frame (GtkWidget     *widget,
             GdkFrameClock *clock,
             gpointer       user_data)
{
  (*(guint *)user_data)++;
  return G_SOURCE_CONTINUE;
}

void
pl_ui_test_wait_for_frames (GtkWidget *widget)
{
  guint frames = 0;
  guint id = gtk_widget_add_tick_callback (widget, count_frame, &frames, NULL);

  gtk_widget_queue_resize (widget);
  while (frames < 4)
    g_main_context_iteration (NULL, TRUE);
  gtk_widget_remove_tick_callback (widget, id);
  pl_ui_test_spin ();
}

GtkWidget *
pl_ui_test_find (GtkWidget     *widget,
                 GType          type,
                 gboolean     (*accept) (GtkWidget *, gconstpointer),
                 gconstpointer  data)
{
  g_autoptr(GPtrArray) queue = g_ptr_array_new ();

  g_ptr_array_add (queue, widget);
  for (guint i = 0; i < queue->len; i++)
    {
      GtkWidget *node = g_ptr_array_index (queue, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (node, type) && (accept == NULL || accept (node, data)))
        return node;
      for (GtkWidget *child = gtk_widget_get_first_child (node); child != NULL; child = gtk_widget_get_next_sibling (child))
        g_ptr_array_add (queue, child);
    }
  return NULL;
}

gboolean
pl_ui_test_has_shortcut (GtkWidget  *widget,
                         const char *trigger,
                         const char *action)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;
      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);
          g_autofree char *keys = gtk_shortcut_trigger_to_string (gtk_shortcut_get_trigger (shortcut));
          GtkShortcutAction *named = gtk_shortcut_get_action (shortcut);

          if (g_str_equal (keys, trigger) && GTK_IS_NAMED_ACTION (named)
              && g_str_equal (gtk_named_action_get_action_name (GTK_NAMED_ACTION (named)), action))
            return TRUE;
        }
    }
  return FALSE;
}

/* What the display shows, trimmed to the windows on it: popovers and some windows draw
 * nothing into a widget paintable. */
static void
save_display (const char *path)
{
  g_autofree char *import = g_find_program_in_path ("import");
  g_autoptr(GError) error = NULL;
  int status;

  if (import == NULL)
    {
      g_test_message ("no screenshot %s: imagemagick's import is not installed", path);
      return;
    }
  pl_ui_test_spin ();
  g_usleep (G_USEC_PER_SEC / 5);
  pl_ui_test_spin ();
  if (!g_spawn_sync (NULL, (char *[]) { import, "-window", "root", "-trim", "+repage", (char *)path, NULL }, NULL,
                     G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, NULL, NULL, &status, &error)
      || !g_spawn_check_wait_status (status, &error))
    g_test_message ("no screenshot %s: %s", path, error->message);
}

void
pl_ui_test_save_screenshot (GtkWidget  *widget,
                            const char *name)
{
  const char *folder = g_getenv ("PLENARY_SCREENSHOT_DIR");
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GtkSnapshot) snapshot = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *path = NULL;

  if (folder == NULL)
    return;

  path = g_strdup_printf ("%s/%s.png", folder, name);
  if (GTK_IS_POPOVER (widget) || GTK_IS_SHORTCUTS_WINDOW (widget))
    {
      save_display (path);
      return;
    }

  paintable = gtk_widget_paintable_new (widget);
  /* A window between two frames draws nothing: try again after the next ones. */
  for (guint tries = 0; node == NULL && tries < 10; tries++)
    {
      g_clear_object (&snapshot);
      pl_ui_test_wait_for_frames (widget);
      snapshot = gtk_snapshot_new ();
      gdk_paintable_snapshot (paintable, snapshot, width, height);
      node = gtk_snapshot_to_node (snapshot);
    }
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (widget)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  g_assert_true (gdk_texture_save_to_png (texture, path));
}

gboolean
pl_ui_test_row_titled (GtkWidget     *widget,
                       gconstpointer  title)
{
  return g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0;
}

char *
pl_ui_test_project_file (const char *folder,
                         const char *name,
                         gboolean    codebook,
                         const char *text)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (folder, name, NULL);
  g_autoptr(PlProject) project = pl_project_open (path, PL_PROJECT_OPEN_CREATE | PL_PROJECT_OPEN_EXCLUSIVE, &error);

  g_assert_no_error (error);
  if (codebook)
    g_assert_cmpint (pl_codebook_load_starter (project, &error), >, 0);
  if (text != NULL)
    g_assert_nonnull (pl_project_add_document (project, "Statement", text, NULL, &error));
  g_assert_no_error (error);
  pl_project_close (project);
  return path;
}

PlProject *
pl_ui_test_demo_project (const char *folder,
                         const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *random = name == NULL ? g_strdup_printf ("demo-%u.plenary", g_random_int ()) : NULL;
  g_autofree char *path = g_build_filename (folder, name != NULL ? name : random, NULL);
  PlProject *project = pl_demo_create (path, &error);

  g_assert_no_error (error);
  return project;
}

PlWindow *
pl_ui_test_window_on (const char *path)
{
  g_autoptr(GError) error = NULL;
  PlWindow *window = pl_window_new (NULL);

  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  if (path != NULL)
    g_assert_true (pl_window_open_project_path (window, path, FALSE, &error));
  g_assert_no_error (error);
  gtk_window_present (GTK_WINDOW (window));
  pl_ui_test_spin ();
  return window;
}
