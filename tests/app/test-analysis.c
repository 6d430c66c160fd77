/* test-analysis.c — the window's questions to the corpus, through its actions
 *
 * Retrieve → open a hit at its place; search → code all hits → undo; Ctrl+F in a document;
 * the frequency and co-occurrence tables against a recount, a cell retrieved; each chart
 * kind exported as SVG, PNG and PDF and clicked; the memos; the panel's list of the open
 * document's annotations, read once for several changes.  Every state is checked for unnamed controls (GTK_A11Y=test) and,
 * with PLENARY_SCREENSHOT_DIR set, saved at two window sizes in the light and the dark style.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "plenary-test"

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>

#include "pl-a11y-check.h"
#include "pl-window-private.h"
#include "pl-test-util.h"
#include "pl-ui-test.h"
#include "pl-starter-names.h"
#include "pl-text.h"

static char *tmp_dir;

typedef struct
{
  PlProject *project;
  PlWindow  *window;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->project = pl_ui_test_demo_project (tmp_dir, NULL);
  f->window = pl_window_new (NULL);
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1280, 800);
  pl_window_set_project (f->window, f->project);
  gtk_window_present (GTK_WINDOW (f->window));
  pl_ui_test_wait_for_frames (GTK_WIDGET (f->window));
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  pl_ui_test_settle ();
  gtk_window_destroy (GTK_WINDOW (f->window));
  pl_ui_test_spin ();
  g_clear_object (&f->project);
}

static void
act (Fixture    *f,
     const char *action)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), action, NULL));
  pl_ui_test_spin ();
}

/* Whether a panel has finished folding away or sliding in. */
static gboolean
settled (AdwFlap *flap)
{
  double progress = adw_flap_get_reveal_progress (flap);

  return progress == 0 || progress == 1;
}

/* Checks @where for unnamed controls, and saves it at two sizes, light and dark. */
static void
check_and_shoot (Fixture    *f,
                 const char *name)
{
  static const struct { int width, height; } sizes[] = { { 1280, 800 }, { 900, 640 } };
  AdwStyleManager *style = adw_style_manager_get_default ();

  /* Segments of a cell come up over the Analysis page on a narrow window: not in its picture. */
  if (g_str_equal (pl_window_get_page (f->window), "analysis") && adw_flap_get_folded (f->window->documents_flap))
    adw_flap_set_reveal_flap (f->window->documents_flap, FALSE);
  pl_ui_test_wait_for_frames (GTK_WIDGET (f->window));
  pl_a11y_check_assert_named (GTK_WIDGET (f->window), name);
  if (g_getenv ("PLENARY_SCREENSHOT_DIR") == NULL)
    return;

  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    for (guint dark = 0; dark < 2; dark++)
      {
        g_autofree char *shot = g_strdup_printf ("analysis-%s-%dx%d%s", name, sizes[i].width, sizes[i].height,
                                                 dark ? "-dark" : "");

        adw_style_manager_set_color_scheme (style, dark ? ADW_COLOR_SCHEME_FORCE_DARK : ADW_COLOR_SCHEME_FORCE_LIGHT);
        gtk_window_set_default_size (GTK_WINDOW (f->window), sizes[i].width, sizes[i].height);
        pl_ui_test_wait_for_frames (GTK_WIDGET (f->window));
        while (!settled (f->window->panel_flap) || !settled (f->window->documents_flap))
          pl_ui_test_wait_for_frames (GTK_WIDGET (f->window));
        pl_ui_test_save_screenshot (GTK_WIDGET (f->window), shot);
      }
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_DEFAULT);
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1280, 800);
  pl_ui_test_wait_for_frames (GTK_WIDGET (f->window));
}

/* The first code that has segments. */
static PlCode *
coded_code (PlProject *project)
{
  GListModel *codes = pl_project_get_codes (project);

  for (guint i = 0; i < g_list_model_get_n_items (codes); i++)
    {
      g_autoptr(PlCode) code = g_list_model_get_item (codes, i);

      if (pl_code_get_n_annotations (code) > 0)
        return code;
    }
  g_assert_not_reached ();
}

static void
assert_place (Fixture *f,
              gint64   document_id,
              guint    start,
              guint    end)
{
  PlTranscriptView *view = pl_window_get_active_view (f->window);
  guint sel_start = 0, sel_end = 0;

  g_assert_cmpstr (pl_window_get_page (f->window), ==, "document");
  g_assert_cmpint (pl_document_get_id (pl_transcript_view_get_document (view)), ==, document_id);
  g_assert_true (pl_transcript_view_get_selection (view, &sel_start, &sel_end));
  g_assert_cmpuint (sel_start, ==, start);
  g_assert_cmpuint (sel_end, ==, end);
}

static void
test_segments (Fixture       *f,
               gconstpointer  data)
{
  PlSegmentsView *segments = f->window->segments_view;
  PlCode *code = coded_code (f->project);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) expected = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PlRetrieveHit) hit = NULL;
  PlRetrieveSpec spec = { 0 };
  gint64 id = pl_code_get_id (code);
  GPtrArray *hits;

  act (f, "win.show-segments");
  g_assert_cmpstr (gtk_stack_get_visible_child_name (f->window->sidebar_stack), ==, "segments");
  g_assert_cmpuint (pl_segments_view_get_hits (segments)->len, ==, 0);

  g_array_append_val (ids, id);
  pl_codes_popover_set_codes (pl_segments_view_get_codes_popover (segments), ids, NULL, TRUE, PL_RETRIEVE_ANY);
  pl_ui_test_spin ();

  /* The view shows what the core retrieves. */
  spec.code_ids = ids;
  spec.with_descendants = TRUE;
  expected = pl_retrieve (f->project, &spec, &error);
  g_assert_no_error (error);
  hits = pl_segments_view_get_hits (segments);
  g_assert_cmpuint (hits->len, >, 0);
  g_assert_cmpuint (hits->len, ==, expected->len);
  g_assert_cmpstr (((PlRetrieveHit *) g_ptr_array_index (hits, 0))->annotation_guid, ==,
                   ((PlRetrieveHit *) g_ptr_array_index (expected, 0))->annotation_guid);
  g_assert_nonnull (strstr (pl_segments_view_get_status (segments), "segment"));
  check_and_shoot (f, "segments");

  /* A regional group narrows it. */
  pl_filter_popover_set_values (pl_segments_view_get_filter_popover (segments), PL_FILTER_REGIONAL_GROUP,
                                (const char *[]) { "No Such Group", NULL });
  pl_ui_test_spin ();
  g_assert_cmpuint (pl_segments_view_get_hits (segments)->len, ==, 0);
  pl_filter_popover_clear (pl_segments_view_get_filter_popover (segments));
  pl_ui_test_spin ();
  g_assert_cmpuint (pl_segments_view_get_hits (segments)->len, ==, expected->len);

  /* A hit opens its document with the span selected. */
  /* The list may be retrieved again meanwhile: the hit is kept. */
  hit = pl_retrieve_hit_ref (g_ptr_array_index (pl_segments_view_get_hits (segments), expected->len - 1));
  pl_segments_view_activate_hit (segments, expected->len - 1);
  pl_ui_test_spin ();
  assert_place (f, hit->document_id, hit->start, hit->end);

  /* Copy with citations puts the quotations on the clipboard. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (segments), "segments.copy-citations", NULL));
}

/* The dialog lists the first spans it will code, each with its words as the document has
 * them, in the plan's order. */
static void
check_code_preview (Fixture      *f,
                    PlSearchView *search,
                    PlCode       *code)
{
  GtkListBox *list = pl_search_view_get_code_preview_list (search);
  PlCodeHitsSpec spec = { PL_SEARCH_UNIT_SENTENCE, pl_code_get_id (code), f->window->coder->id };
  g_autoptr(GArray) plan = pl_search_plan_code_hits (f->project, pl_search_view_get_hits (search), &spec, NULL, NULL);
  guint n_rows = 0;
  GtkWidget *dialog;

  g_assert_nonnull (list);
  g_assert_nonnull (plan);
  g_assert_cmpuint (plan->len, >, 0);
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (list)); row != NULL; row = gtk_widget_get_next_sibling (row))
    {
      const PlAnnotationSpec *span = &g_array_index (plan, PlAnnotationSpec, n_rows);
      g_autofree char *text = pl_project_dup_document_text (f->project, span->document_id, NULL);
      g_autofree char *words = pl_text_slice (text, span->start, MIN (span->end, span->start + 40));
      GtkWidget *body = gtk_widget_get_last_child (gtk_list_box_row_get_child (GTK_LIST_BOX_ROW (row)));

      g_strdelimit (words, "\n\t", ' ');
      g_assert_true (g_str_has_prefix (gtk_label_get_text (GTK_LABEL (body)), words));
      n_rows++;
    }
  g_assert_cmpuint (n_rows, ==, MIN (plan->len, 50));

  dialog = GTK_WIDGET (pl_search_view_get_code_dialog (search));
  pl_ui_test_wait_for_frames (dialog);
  /* The dialog's own buttons are libadwaita's; what Plenary adds must be named. */
  pl_a11y_check_assert_named (GTK_WIDGET (list), "code-all-hits");
  if (g_getenv ("PLENARY_SCREENSHOT_DIR") != NULL)
    for (guint dark = 0; dark < 2; dark++)
      {
        adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                            dark ? ADW_COLOR_SCHEME_FORCE_DARK : ADW_COLOR_SCHEME_FORCE_LIGHT);
        pl_ui_test_wait_for_frames (dialog);
        pl_ui_test_save_screenshot (dialog, dark ? "analysis-code-all-hits-dark" : "analysis-code-all-hits");
      }
}

static void
test_search (Fixture       *f,
             gconstpointer  data)
{
  PlSearchView *search = f->window->search_view;
  g_autoptr(PlCode) code = NULL;
  g_autoptr(PlSearchHit) hit = NULL;
  g_autoptr(GError) error = NULL;
  guint before, hits;

  act (f, "win.find-in-project");
  g_assert_cmpstr (gtk_stack_get_visible_child_name (f->window->sidebar_stack), ==, "search");
  for (guint i = 0; i < 200 && pl_search_view_is_indexing (search); i++)
    {
      g_usleep (10000);
      pl_ui_test_spin ();
    }
  g_assert_false (pl_search_view_is_indexing (search));

  /* A query with a syntax error says where. */
  pl_search_view_set_query (search, "\"ransomware");
  g_assert_cmpuint (pl_search_view_get_hits (search)->len, ==, 0);
  g_assert_cmpstr (pl_search_view_get_status (search), !=, "");

  pl_search_view_set_query (search, "ransomware");
  hits = pl_search_view_get_hits (search)->len;
  g_assert_cmpuint (hits, >, 0);
  check_and_shoot (f, "search");

  hit = pl_search_hit_ref (g_ptr_array_index (pl_search_view_get_hits (search), 0));
  pl_search_view_activate_hit (search, 0);
  pl_ui_test_spin ();
  assert_place (f, hit->document_id, hit->start, hit->end);

  /* Code all hits, as one undoable action. */
  code = g_object_ref (pl_project_lookup_code (f->project, "CB.OFFER"));
  before = pl_project_count_annotations (f->project);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (search), "search.code-all", NULL));
  pl_ui_test_spin ();
  g_assert_nonnull (pl_search_view_get_code_dialog (search));
  pl_search_view_set_code_choice (search, code, PL_SEARCH_UNIT_SENTENCE);
  g_assert_nonnull (strstr (pl_search_view_get_code_preview (search), pl_code_get_display_name (code)));
  check_code_preview (f, search, code);
  g_assert_true (pl_search_view_apply_code (search, &error));
  g_assert_no_error (error);
  pl_ui_test_spin ();
  g_assert_null (pl_search_view_get_code_dialog (search));
  g_assert_cmpuint (pl_project_count_annotations (f->project), >, before);
  act (f, "win.undo");
  g_assert_cmpuint (pl_project_count_annotations (f->project), ==, before);
}

/* Each row of the "Code All Hits" preview shows exactly its span's first words, "…" when
 * cut, for @unit; returns how far into its document the last span starts. */
static guint
check_code_preview_rows (Fixture      *f,
                         PlSearchView *search,
                         PlCode       *code,
                         PlSearchUnit  unit)
{
  GtkListBox *list = pl_search_view_get_code_preview_list (search);
  PlCodeHitsSpec spec = { unit, pl_code_get_id (code), f->window->coder->id };
  g_autoptr(GArray) plan = NULL;
  guint n_rows = 0, last_start = 0;

  pl_search_view_set_code_choice (search, code, unit);
  plan = pl_search_plan_code_hits (f->project, pl_search_view_get_hits (search), &spec, NULL, NULL);
  g_assert_nonnull (plan);
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (list)); row != NULL; row = gtk_widget_get_next_sibling (row))
    {
      const PlAnnotationSpec *span = &g_array_index (plan, PlAnnotationSpec, n_rows);
      g_autofree char *text = pl_project_dup_document_text (f->project, span->document_id, NULL);
      guint end = MIN (span->end, span->start + 200);
      g_autofree char *words = pl_text_slice (text, span->start, end);
      g_autofree char *expected = g_strconcat (words, end < span->end ? "…" : "", NULL);
      GtkWidget *body = gtk_widget_get_last_child (gtk_list_box_row_get_child (GTK_LIST_BOX_ROW (row)));

      g_strdelimit (expected, "\n\t", ' ');
      g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (body)), ==, expected);
      last_start = span->start;
      n_rows++;
    }
  g_assert_cmpuint (n_rows, ==, MIN (plan->len, 50));
  return last_start;
}

/* The preview of spans far into a long document, with text that is not ASCII before them:
 * each still shows its own words, by statement and by match. */
static void
test_search_preview_far (Fixture       *f,
                         gconstpointer  data)
{
  PlSearchView *search = f->window->search_view;
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  PlCode *code = pl_project_lookup_code (f->project, "CB.OFFER");

  for (guint i = 0; i < 400; i++)
    {
      g_string_append_printf (text, "Délégation n° %u — « Nous soutenons la résolution » 🌍", i);
      if (i % 7 == 3)
        g_string_append (text, " zyxquorum, à nouveau");
      for (guint j = 0; j < 4; j++)
        g_string_append (text, " : l’accès équitable aux réseaux, ça compte ; ");
      if (i % 7 == 3)
        g_string_append (text, "zyxquorum encore.");
      g_string_append (text, "\n\n");
    }
  g_assert_nonnull (pl_project_add_document (f->project, "Long", text->str, NULL, &error));
  g_assert_no_error (error);

  act (f, "win.find-in-project");
  for (guint i = 0; i < 200 && pl_search_view_is_indexing (search); i++)
    {
      g_usleep (10000);
      pl_ui_test_spin ();
    }
  g_assert_false (pl_search_view_is_indexing (search));
  pl_search_view_set_query (search, "zyxquorum");
  g_assert_cmpuint (pl_search_view_get_hits (search)->len, ==, 2 * 57);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (search), "search.code-all", NULL));
  pl_ui_test_spin ();
  g_assert_nonnull (pl_search_view_get_code_dialog (search));
  g_assert_cmpuint (check_code_preview_rows (f, search, code, PL_SEARCH_UNIT_STATEMENT), >, 40000);
  g_assert_cmpuint (check_code_preview_rows (f, search, code, PL_SEARCH_UNIT_MATCH), >, 20000);
  gtk_window_destroy (pl_search_view_get_code_dialog (search));
  pl_ui_test_spin ();
}

static void
test_find_in_document (Fixture       *f,
                       gconstpointer  data)
{
  PlSearchBar *bar = f->window->search_bar;
  GArray *matches;
  int first;

  g_assert_true (pl_ui_test_has_shortcut (GTK_WIDGET (f->window), "<Control>f", "win.find"));
  act (f, "win.find");
  g_assert_true (pl_search_bar_get_open (bar));
  pl_search_bar_set_text (bar, "the");
  matches = pl_search_bar_get_matches (bar);
  g_assert_nonnull (matches);
  g_assert_cmpuint (matches->len, >, 1);
  first = pl_search_bar_get_current (bar);
  g_assert_cmpint (first, >=, 0);
  g_assert_nonnull (strstr (pl_search_bar_get_status (bar), "of"));
  check_and_shoot (f, "find");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (bar), "search-bar.next", NULL));
  pl_ui_test_spin ();
  g_assert_cmpint (pl_search_bar_get_current (bar), !=, first);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (bar), "search-bar.close", NULL));
  pl_ui_test_spin ();
  g_assert_false (pl_search_bar_get_open (bar));
}

static void
test_frequencies (Fixture       *f,
                  gconstpointer  data)
{
  PlAnalysisView *analysis = f->window->analysis_view;
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GError) error = NULL;
  PlRetrieveSpec spec = { 0 };
  PlFrequencyTable *table;
  PlCooccurrence *cooc;
  guint64 sum = 0;
  int min_width;

  act (f, "win.show-analysis");
  g_assert_cmpstr (pl_window_get_page (f->window), ==, "analysis");
  pl_analysis_view_set_page (analysis, "frequencies");
  pl_analysis_view_set_by (analysis, PL_STATS_BY_REGIONAL_GROUP);
  pl_analysis_view_set_count (analysis, PL_STATS_COUNT_SEGMENTS);
  table = pl_analysis_view_get_frequencies (analysis);
  g_assert_nonnull (table);
  g_assert_cmpint (pl_frequency_table_get_by (table), ==, PL_STATS_BY_REGIONAL_GROUP);
  g_assert_cmpuint (pl_frequency_table_get_n_rows (table), >, 1);

  /* Code families cover every segment once: the rows' totals add up to them all. */
  all = pl_retrieve (f->project, &spec, &error);
  g_assert_no_error (error);
  for (guint row = 0; row < pl_frequency_table_get_n_rows (table); row++)
    sum += pl_frequency_table_get_total (table, row);
  g_assert_cmpuint (sum, ==, all->len);
  check_and_shoot (f, "frequencies");

  /* Every page fits the narrowest window (720 pixels) beside nothing. */
  gtk_widget_measure (GTK_WIDGET (analysis), GTK_ORIENTATION_HORIZONTAL, -1, &min_width, NULL, NULL, NULL);
  g_assert_cmpint (min_width, <=, 700);

  /* A row's segments go to the Segments view. */
  pl_analysis_view_retrieve_frequency (analysis, 0, -1);
  pl_ui_test_spin ();
  g_assert_cmpstr (gtk_stack_get_visible_child_name (f->window->sidebar_stack), ==, "segments");
  g_assert_cmpuint (pl_segments_view_get_hits (f->window->segments_view)->len, ==,
                    pl_frequency_table_get_total (table, 0));

  /* Co-occurrence: a code with itself is the number of its statements. */
  pl_analysis_view_set_page (analysis, "cooccurrence");
  cooc = pl_analysis_view_get_cooccurrence (analysis);
  g_assert_nonnull (cooc);
  g_assert_cmpuint (pl_cooccurrence_get_n_codes (cooc), >, 1);
  check_and_shoot (f, "cooccurrence");
  for (guint a = 0; a < pl_cooccurrence_get_n_codes (cooc); a++)
    if (pl_cooccurrence_get_count (cooc, a, a) > 0)
      {
        g_autoptr(GPtrArray) statements = pl_cooccurrence_list_cell_statements (cooc, a, a, &error);

        g_assert_no_error (error);
        g_assert_cmpuint (statements->len, ==, pl_cooccurrence_get_count (cooc, a, a));
        pl_analysis_view_retrieve_cooccurrence (analysis, a, a);
        pl_ui_test_spin ();
        g_assert_cmpuint (pl_segments_view_get_hits (f->window->segments_view)->len, >, 0);
        break;
      }

  /* Opening a place leaves the Analysis page. */
  pl_segments_view_activate_hit (f->window->segments_view, 0);
  pl_ui_test_spin ();
  g_assert_cmpstr (pl_window_get_page (f->window), ==, "document");
  g_assert_false (pl_window_get_analysis_visible (f->window));
}

static void
assert_file_starts (const char *path,
                    const char *needle)
{
  g_autofree char *contents = NULL;
  gsize length = 0;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_cmpuint (length, >, strlen (needle));
  g_assert_nonnull (g_strstr_len (contents, MIN (length, 512), needle));
}

static void
test_charts (Fixture       *f,
             gconstpointer  data)
{
  static const struct { PlAnalysisChart chart; PlStatsField by; const char *name; } charts[] = {
    { PL_ANALYSIS_CHART_BAR, PL_STATS_BY_REGIONAL_GROUP, "bar" },
    { PL_ANALYSIS_CHART_HEATMAP, PL_STATS_BY_ENTITY, "heatmap" },
    { PL_ANALYSIS_CHART_COOCCURRENCE, PL_STATS_BY_ENTITY, "cooccurrence-heatmap" },
    { PL_ANALYSIS_CHART_TIMELINE, PL_STATS_BY_SESSION, "timeline" },
  };
  static const char *sessions[][2] = {
    { "2024-03-04", "sixth substantive session" },
    { "2024-07-08", "eighth substantive session" },
    { "2024-12-02", "ninth substantive session" },
  };
  PlAnalysisView *analysis = f->window->analysis_view;
  GListModel *documents = pl_project_get_documents (f->project);

  /* Sessions for the timeline, one per document. */
  for (guint i = 0; i < g_list_model_get_n_items (documents) && i < G_N_ELEMENTS (sessions); i++)
    {
      g_autoptr(PlDocument) document = g_list_model_get_item (documents, i);
      gint64 id = pl_document_get_id (document);

      g_assert_true (pl_project_set_document_metadata (f->project, id, "date", sessions[i][0], NULL));
      g_assert_true (pl_project_set_document_metadata (f->project, id, "session", sessions[i][1], NULL));
    }

  act (f, "win.show-analysis");
  pl_analysis_view_set_page (analysis, "chart");
  for (guint i = 0; i < G_N_ELEMENTS (charts); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *stem = g_build_filename (tmp_dir, charts[i].name, NULL);
      g_autofree char *svg = g_strconcat (stem, ".svg", NULL);
      g_autofree char *png = g_strconcat (stem, ".png", NULL);
      g_autofree char *pdf = g_strconcat (stem, ".pdf", NULL);
      g_autofree char *shot = g_strdup_printf ("chart-%s", charts[i].name);
      PlChartWidget *widget;
      PlChart *chart;

      pl_analysis_view_set_chart (analysis, charts[i].chart, charts[i].by);
      widget = pl_analysis_view_get_chart_widget (analysis);
      chart = pl_chart_widget_get_chart (widget);
      g_assert_nonnull (chart);
      g_assert_cmpuint (pl_chart_data_get_n_rows (pl_chart_get_data (chart)), >, 0);
      check_and_shoot (f, shot);

      g_assert_true (pl_analysis_view_export_chart (analysis, svg, 800, 500, &error));
      g_assert_no_error (error);
      assert_file_starts (svg, "<svg");
      g_assert_true (pl_analysis_view_export_chart (analysis, png, 800, 500, &error));
      assert_file_starts (png, "PNG");
      g_assert_true (pl_analysis_view_export_chart (analysis, pdf, 800, 500, &error));
      assert_file_starts (pdf, "%PDF");
      /* Exported in the light style, shown as the window is. */
      g_assert_false (pl_chart_get_dark (chart));

      /* A click on the first bar or cell retrieves what lies behind it. */
      g_signal_emit_by_name (widget, "activated", 0, 0);
      pl_ui_test_spin ();
      g_assert_cmpstr (gtk_stack_get_visible_child_name (f->window->sidebar_stack), ==, "segments");
    }
}

static void
test_memos (Fixture       *f,
            gconstpointer  data)
{
  PlMemosView *memos = f->window->memos_view;
  g_autoptr(GPtrArray) all = pl_retrieve (f->project, &(PlRetrieveSpec) { 0 }, NULL);
  PlRetrieveHit *hit = g_ptr_array_index (all, 0);
  g_autoptr(GError) error = NULL;
  guint shown;

  pl_window_show_sidebar_page (f->window, "memos");
  pl_ui_test_spin ();
  shown = pl_memos_view_get_n_shown (memos);

  /* A memo written on an annotation shows, and the search finds it. */
  g_assert_true (pl_project_set_annotation_memo (f->project, hit->annotation_guid, "Compare with the chair's summary",
                                                 &error));
  g_assert_no_error (error);
  pl_window_show_sidebar_page (f->window, "memos");
  pl_memos_view_refresh (memos);
  pl_ui_test_spin ();
  g_assert_cmpuint (pl_memos_view_get_n_shown (memos), ==, shown + 1);
  pl_memos_view_set_filter (memos, "chair");
  g_assert_cmpuint (pl_memos_view_get_n_shown (memos), ==, 1);
  g_assert_cmpstr (pl_memos_view_get_text (memos, 0), ==, "Compare with the chair's summary");
  check_and_shoot (f, "memos");

  pl_memos_view_activate (memos, 0);
  pl_ui_test_spin ();
  assert_place (f, hit->document_id, hit->start, hit->end);
}

/* The panel's list of the open document's annotations: the view's, in order; a row selects
 * its span; a new annotation shows. */
static void
test_document_annotations (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GPtrArray) all = pl_retrieve (f->project, &(PlRetrieveSpec) { 0 }, NULL);
  PlRetrieveHit *hit = g_ptr_array_index (all, 0);
  PlAnnotationsList *list = pl_tagging_panel_get_annotations_list (f->window->tagging_panel);
  GtkWidget *expander = pl_ui_test_find (GTK_WIDGET (f->window->tagging_panel), GTK_TYPE_EXPANDER, NULL, NULL);
  GtkWidget *list_view = pl_ui_test_find (GTK_WIDGET (list), GTK_TYPE_LIST_VIEW, NULL, NULL);
  PlCode *code = coded_code (f->project);
  PlTranscriptView *view;
  PlAnnotationIndex *index;
  PlAnnotation *annotation;
  PlStatement *statement;
  guint n, last, sel_start = 0, sel_end = 0;
  gboolean found = FALSE;

  g_assert_nonnull (expander);
  g_assert_nonnull (list_view);
  pl_window_open_document (f->window, pl_project_find_document (f->project, hit->document_id));
  view = pl_window_get_active_view (f->window);
  pl_transcript_view_finish_loading (view);
  gtk_expander_set_expanded (GTK_EXPANDER (expander), TRUE);
  pl_ui_test_spin ();

  index = pl_transcript_view_get_index (view);
  n = pl_annotation_index_get_n (index);
  g_assert_cmpuint (n, >, 0);
  g_assert_cmpuint (pl_annotations_list_get_n_items (list), ==, n);
  for (guint i = 0; i < n; i++)
    g_assert_cmpstr (pl_annotations_list_get_annotation (list, i)->guid, ==, pl_annotation_index_get (index, i)->guid);
  check_and_shoot (f, "document-annotations");

  /* Activating a row selects its span. */
  last = n - 1;
  annotation = pl_annotations_list_get_annotation (list, last);
  g_signal_emit_by_name (list_view, "activate", last);
  pl_ui_test_spin ();
  g_assert_true (pl_transcript_view_get_selection (view, &sel_start, &sel_end));
  g_assert_cmpuint (sel_start, ==, annotation->start);
  g_assert_cmpuint (sel_end, ==, annotation->end);

  /* Coding a new span adds its row. */
  statement = g_ptr_array_index (pl_transcript_view_get_statements (view), 0);
  pl_transcript_view_select_range (view, statement->start, statement->start + 3);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.apply-code", "s", pl_code_get_guid (code)));
  pl_ui_test_spin ();
  g_assert_cmpuint (pl_annotations_list_get_n_items (list), ==, n + 1);
  for (guint i = 0; i <= n; i++)
    {
      annotation = pl_annotations_list_get_annotation (list, i);
      g_assert_cmpstr (annotation->guid, ==, pl_annotation_index_get (index, i)->guid);
      found |= annotation->start == statement->start && annotation->end == statement->start + 3
               && annotation->code_id == pl_code_get_id (code);
    }
  g_assert_true (found);
}

/* The panel's expander. */
static GtkExpander *
annotations_expander (Fixture *f)
{
  GtkWidget *expander = pl_ui_test_find (GTK_WIDGET (f->window->tagging_panel), GTK_TYPE_EXPANDER, NULL, NULL);

  g_assert_nonnull (expander);
  return GTK_EXPANDER (expander);
}

/* Applies @code to the first words of statements [@from, @to) of @view, spinning the main
 * loop after each when @spin. */
static void
code_statements (Fixture          *f,
                 PlTranscriptView *view,
                 PlCode           *code,
                 guint             from,
                 guint             to,
                 gboolean          spin)
{
  for (guint i = from; i < to; i++)
    {
      PlStatement *statement = g_ptr_array_index (pl_transcript_view_get_statements (view), i);

      pl_transcript_view_select_range (view, statement->start, statement->start + 3);
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.apply-code", "s",
                                                 pl_code_get_guid (code)));
      if (spin)
        pl_ui_test_spin ();
    }
}

/* Codes applied in a row are read by the list once, when the main loop is idle, and all
 * show; while the list is folded away it does not read the index at all. */
static void
test_document_annotations_coalesced (Fixture       *f,
                                     gconstpointer  data)
{
  g_autoptr(PlDocument) document = g_list_model_get_item (pl_project_get_documents (f->project), 0);
  PlAnnotationsList *list = pl_tagging_panel_get_annotations_list (f->window->tagging_panel);
  PlTranscriptView *view;
  PlAnnotationIndex *index;
  guint n, refreshes, n_coded = 3;

  pl_window_open_document (f->window, document);
  view = pl_window_get_active_view (f->window);
  index = pl_transcript_view_get_index (view);
  pl_transcript_view_finish_loading (view);
  gtk_expander_set_expanded (annotations_expander (f), TRUE);
  pl_ui_test_spin ();
  n = pl_annotation_index_get_n (index);
  g_assert_cmpuint (pl_annotations_list_get_n_items (list), ==, n);
  g_assert_cmpuint (pl_transcript_view_get_statements (view)->len, >=, 2 * n_coded);

  /* Several codes applied in one main loop iteration: one read, after it. */
  refreshes = pl_annotations_list_get_n_refreshes (list);
  code_statements (f, view, coded_code (f->project), 0, n_coded, FALSE);
  g_assert_cmpuint (pl_annotation_index_get_n (index), ==, n + n_coded);
  g_assert_cmpuint (pl_annotations_list_get_n_refreshes (list), ==, refreshes);
  pl_ui_test_spin ();
  g_assert_cmpuint (pl_annotations_list_get_n_refreshes (list), ==, refreshes + 1);
  g_assert_cmpuint (pl_annotations_list_get_n_items (list), ==, n + n_coded);
  for (guint i = 0; i < n + n_coded; i++)
    g_assert_cmpstr (pl_annotations_list_get_annotation (list, i)->guid, ==, pl_annotation_index_get (index, i)->guid);

  /* Folded away: no reads, however the loop turns; unfolded: one. */
  gtk_expander_set_expanded (annotations_expander (f), FALSE);
  pl_ui_test_spin ();
  refreshes = pl_annotations_list_get_n_refreshes (list);
  code_statements (f, view, coded_code (f->project), n_coded, 2 * n_coded, TRUE);
  g_assert_cmpuint (pl_annotations_list_get_n_refreshes (list), ==, refreshes);
  gtk_expander_set_expanded (annotations_expander (f), TRUE);
  pl_ui_test_spin ();
  g_assert_cmpuint (pl_annotations_list_get_n_refreshes (list), ==, refreshes + 1);
  g_assert_cmpuint (pl_annotations_list_get_n_items (list), ==, n + 2 * n_coded);
  for (guint i = 0; i < n + 2 * n_coded; i++)
    g_assert_cmpstr (pl_annotations_list_get_annotation (list, i)->guid, ==, pl_annotation_index_get (index, i)->guid);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  pl_a11y_check_init ();
  tmp_dir = pl_ui_test_init (&argc, &argv, "plenary-analysis");
  if (tmp_dir == NULL)
    return 77;

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/analysis/segments", test_segments);
  ADD ("/analysis/search", test_search);
  ADD ("/analysis/search-preview-far", test_search_preview_far);
  ADD ("/analysis/find-in-document", test_find_in_document);
  ADD ("/analysis/frequencies", test_frequencies);
  ADD ("/analysis/charts", test_charts);
  ADD ("/analysis/memos", test_memos);
  ADD ("/analysis/document-annotations", test_document_annotations);
  ADD ("/analysis/document-annotations-coalesced", test_document_annotations_coalesced);
#undef ADD

  status = g_test_run ();
  pl_test_remove_tree (tmp_dir);
  g_free (tmp_dir);
  return status;
}
