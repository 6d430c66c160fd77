/* test-rtl.c — the main window in Arabic, laid out from right to left
 *
 * Runs with LANGUAGE=ar, the catalogues the build made (<build>/po) and GTK's default
 * direction right to left, as an Arabic desktop would.  The window shows Arabic labels,
 * the documents sidebar sits on the right and the codes panel on the left, and the text
 * of a statement reads from the right.  With PLENARY_SCREENSHOT_DIR set, the window is
 * saved there as 1280x800-arabic.png (data/screenshots/update.sh takes it from there).
 *
 * Gettext honours LANGUAGE in any locale but plain "C"; without a UTF-8 locale on the
 * machine, or without the built Arabic catalogue, the test skips.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "plenary-test"

#include "config.h"

#include <locale.h>
#include <glib/gi18n.h>
#include <adwaita.h>

#include "pl-window-private.h"
#include "pl-test-util.h"
#include "pl-ui-test.h"

static char *tmp_dir;
static const char *skip_reason;

/* Switches this process to Arabic from the build tree; NULL, or why it cannot. */
static const char *
use_arabic (void)
{
  static const char *locales[] = { "C.UTF-8", "C.utf8", "ar_EG.UTF-8", "en_US.UTF-8" };
  const char *build_dir = g_getenv ("PLENARY_BUILD_DIR");
  g_autofree char *po_dir = NULL;
  g_autofree char *catalogue = NULL;
  gboolean have_locale = FALSE;

  if (build_dir == NULL)
    return "PLENARY_BUILD_DIR is not set";
  po_dir = g_build_filename (build_dir, "po", NULL);
  catalogue = g_build_filename (po_dir, "ar", "LC_MESSAGES", GETTEXT_PACKAGE ".mo", NULL);
  if (!g_file_test (catalogue, G_FILE_TEST_IS_REGULAR))
    return "the Arabic catalogue is not built (po/LINGUAS without ar?)";

  for (guint i = 0; i < G_N_ELEMENTS (locales) && !have_locale; i++)
    have_locale = setlocale (LC_ALL, locales[i]) != NULL;
  if (!have_locale)
    return "no UTF-8 locale is installed (locale -a)";

  g_setenv ("LANGUAGE", "ar", TRUE);
  bindtextdomain (GETTEXT_PACKAGE, po_dir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  gtk_widget_set_default_direction (GTK_TEXT_DIR_RTL);
  return NULL;
}

static gboolean
label_says (GtkWidget     *widget,
            gconstpointer  text)
{
  return gtk_widget_get_mapped (widget) && g_strcmp0 (gtk_label_get_label (GTK_LABEL (widget)), text) == 0;
}

/* Where @widget's middle lies across @window, from 0 (left) to 1 (right). */
static double
middle_across (GtkWidget *widget,
               PlWindow  *window)
{
  graphene_rect_t bounds;

  g_assert_true (gtk_widget_compute_bounds (widget, GTK_WIDGET (window), &bounds));
  return (bounds.origin.x + bounds.size.width / 2) / gtk_widget_get_width (GTK_WIDGET (window));
}

static void
test_arabic (void)
{
  g_autoptr(PlProject) project = NULL;
  PlWindow *window;
  GtkTextView *text_view;
  GtkTextIter start;
  GdkRectangle first;

  if (skip_reason != NULL)
    {
      g_test_skip (skip_reason);
      return;
    }

  /* The catalogue answers, in Arabic script. */
  g_assert_cmpstr (_("Codes"), !=, "Codes");
  g_assert_true (g_utf8_get_char (_("Codes")) >= 0x0600 && g_utf8_get_char (_("Codes")) <= 0x06FF);

  project = pl_ui_test_demo_project (tmp_dir, NULL);
  window = pl_window_new (NULL);
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  pl_window_set_project (window, project);
  gtk_window_present (GTK_WINDOW (window));
  pl_ui_test_wait_for_frames (GTK_WIDGET (window));

  g_assert_cmpint (gtk_widget_get_direction (GTK_WIDGET (window)), ==, GTK_TEXT_DIR_RTL);
  /* The codes panel's heading, from the template, in Arabic. */
  g_assert_nonnull (pl_ui_test_find (GTK_WIDGET (window), GTK_TYPE_LABEL, label_says, _("Codes")));

  /* Mirrored: the sidebar (the start) on the right, the codes panel (the end) on the left. */
  if (gtk_widget_get_mapped (window->sidebar))
    g_assert_cmpfloat (middle_across (window->sidebar, window), >, 0.5);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (window->tagging_panel)));
  g_assert_cmpfloat (middle_across (GTK_WIDGET (window->tagging_panel), window), <, 0.5);

  /* The demo's English statements still start at the left edge of their lines, as their
   * own direction says; the text view itself runs right to left. */
  text_view = pl_transcript_view_get_text_view (window->transcript_view);
  g_assert_cmpint (gtk_widget_get_direction (GTK_WIDGET (text_view)), ==, GTK_TEXT_DIR_RTL);
  gtk_text_buffer_get_start_iter (gtk_text_view_get_buffer (text_view), &start);
  gtk_text_view_get_iter_location (text_view, &start, &first);
  g_assert_cmpint (first.x, <, gtk_widget_get_width (GTK_WIDGET (text_view)) / 2);

  pl_ui_test_save_screenshot (GTK_WIDGET (window), "1280x800-arabic");
  pl_ui_test_settle ();
  gtk_window_destroy (GTK_WINDOW (window));
  pl_ui_test_spin ();
}

int
main (int   argc,
      char *argv[])
{
  int status;

  tmp_dir = pl_ui_test_init (&argc, &argv, "plenary-rtl");
  if (tmp_dir == NULL)
    return 77;
  skip_reason = use_arabic ();

  g_test_add_func ("/rtl/arabic", test_arabic);
  status = g_test_run ();
  pl_test_remove_tree (tmp_dir);
  g_free (tmp_dir);
  return status;
}
