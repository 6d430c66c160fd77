/* pl-provenance-view.c — whose words an outcome document reuses: paragraphs, delegations, groups
 *
 * Two pages, from one PlProvenance (pl-provenance.h) read again whenever the document's
 * links or the outcome marks change (an accepted link, an undo, another program's change):
 * - Paragraphs: each paragraph of the document with the passages that reuse statements
 *   marked, a chip per delegation (coloured by regional group), the earliest statement of
 *   its passages, and its wording across the project's outcome documents (draft → revised
 *   draft → final) as word diffs;
 * - Delegations: words reused by regional group as a bar chart (pl-chart.h, drawn with
 *   cairo in a GtkDrawingArea), and a table of the delegations: statements linked, words
 *   reused, share of their statements that reached the text.
 * Every chip, earliest statement and delegation with links opens both places of a link
 * side by side ("show-link").
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "plenary-provenance-view"

#include "config.h"

#include <stdio.h>
#include <string.h>

#include <glib/gi18n.h>

#include "pl-chart.h"
#include "pl-provenance-view.h"
#include "pl-provenance.h"
#include "pl-text.h"

struct _PlProvenanceView
{
  AdwWindow             parent_instance;

  /* Template widgets */
  AdwViewSwitcherTitle *switcher_title;
  AdwViewStack         *view_stack;
  GtkLabel             *summary_label;
  GtkListBox           *paragraphs_list;
  GtkDrawingArea       *chart_area;
  GtkGrid              *delegations_grid;

  PlProject            *project;
  PlDocument           *outcome;
  PlProvenance         *provenance;
  PlChart              *chart;
  char                 *signature;   /* of what the provenance was read from */
};

G_DEFINE_FINAL_TYPE (PlProvenanceView, pl_provenance_view, ADW_TYPE_WINDOW)

enum {
  SHOW_LINK,
  FIND_REUSE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Shared helpers */

static const struct
{
  const char *name;
  const char *css_class;
  const char *label;
  const char *short_label;
} groups[] = {
  { "African", "group-african", N_("African Group"), N_("African") },
  { "Asia-Pacific", "group-asia-pacific", N_("Asia-Pacific Group"), N_("Asia-Pacific") },
  { "Eastern European", "group-eastern-european", N_("Eastern European Group"), N_("Eastern European") },
  { "Latin American and Caribbean", "group-grulac", N_("Latin American and Caribbean Group"), N_("GRULAC") },
  { "Western European and Others", "group-weog", N_("Western European and Others Group"), N_("WEOG") },
};

const char *
pl_provenance_view_group_class (const char *group)
{
  for (guint i = 0; group != NULL && i < G_N_ELEMENTS (groups); i++)
    if (g_str_equal (group, groups[i].name))
      return groups[i].css_class;
  return "group-none";
}

const char *
pl_provenance_view_group_label (const char *group)
{
  for (guint i = 0; group != NULL && i < G_N_ELEMENTS (groups); i++)
    if (g_str_equal (group, groups[i].name))
      return _(groups[i].label);
  return group != NULL ? group : _("No regional group");
}

/* The group as the table's narrow column shows it. */
static const char *
group_short_label (const char *group)
{
  for (guint i = 0; group != NULL && i < G_N_ELEMENTS (groups); i++)
    if (g_str_equal (group, groups[i].name))
      return _(groups[i].short_label);
  return group != NULL ? group : "–";
}

char *
pl_provenance_view_format_date (const char *date)
{
  guint year, month, day;
  g_autoptr(GDateTime) time = NULL;

  if (date == NULL || date[0] == '\0')
    return NULL;
  if (sscanf (date, "%4u-%2u-%2u", &year, &month, &day) != 3
      || !g_date_valid_dmy ((GDateDay) day, (GDateMonth) month, (GDateYear) year))
    return g_strdup (date);

  time = g_date_time_new_utc ((int) year, (int) month, (int) day, 0, 0, 0);
  /* Translators: a date, as in "12 March 2021"; see g_date_time_format(). */
  return g_date_time_format (time, _("%-d %B %Y"));
}

/* Links */

static void
emit_show_link (GtkButton          *button,
                PlProvenanceSource *source)
{
  PlProvenanceView *self = PL_PROVENANCE_VIEW (gtk_widget_get_root (GTK_WIDGET (button)));

  g_signal_emit (self, signals[SHOW_LINK], 0, source->link);
}

/* A button that opens @source's link; the source belongs to the current provenance, which
 * outlives the buttons (they are rebuilt with it). */
static GtkWidget *
link_button (const PlProvenanceSource *source,
             const char               *label,
             const char               *accessible)
{
  GtkWidget *button = gtk_button_new_with_label (label);

  g_signal_connect (button, "clicked", G_CALLBACK (emit_show_link), (gpointer) source);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
  return button;
}

static const char *
delegation_name (const PlProvenanceSource *source)
{
  return source->delegation != NULL ? source->delegation : _("Unattributed statement");
}

static GtkWidget *
chip (const PlProvenanceSource *source)
{
  g_autofree char *accessible = g_strdup_printf (_("%s, %s: open the statement and this paragraph side by side"),
                                                 delegation_name (source),
                                                 pl_provenance_view_group_label (source->regional_group));
  GtkWidget *button = link_button (source, delegation_name (source), accessible);
  g_autofree char *tooltip = g_strdup_printf (_("%s · %s"), delegation_name (source),
                                              pl_provenance_view_group_label (source->regional_group));

  gtk_widget_add_css_class (button, "group-chip");
  gtk_widget_add_css_class (button, pl_provenance_view_group_class (source->regional_group));
  gtk_widget_set_tooltip_text (button, tooltip);
  return button;
}

/* Paragraphs */

/* The paragraph with the passages that reuse statements marked. */
static char *
paragraph_markup (const PlProvenanceParagraph *paragraph)
{
  GString *markup = g_string_new (NULL);
  guint length = paragraph->end - paragraph->start;
  g_autofree gboolean *reused = g_new0 (gboolean, length + 1);
  guint at = 0;

  for (guint i = 0; i < paragraph->sources->len; i++)
    {
      const PlProvenanceSource *source = g_ptr_array_index (paragraph->sources, i);
      guint start = MAX (source->link->outcome_start, paragraph->start) - paragraph->start;
      guint end = MIN (source->link->outcome_end, paragraph->end) - paragraph->start;

      for (guint k = start; k < end; k++)
        reused[k] = TRUE;
    }

  while (at < length)
    {
      guint run = at;
      g_autofree char *slice = NULL;
      g_autofree char *escaped = NULL;

      while (run < length && reused[run] == reused[at])
        run++;
      slice = pl_text_slice (paragraph->text, at, run);
      escaped = g_markup_escape_text (slice, -1);
      if (reused[at])
        g_string_append_printf (markup, "<span background=\"#3584e4\" bgalpha=\"22%%\">%s</span>", escaped);
      else
        g_string_append (markup, escaped);
      at = run;
    }

  return g_string_free (markup, FALSE);
}

/* How @new_text rewords @old_text: deleted words struck out, inserted ones underlined. */
static char *
diff_markup (const char *old_text,
             const char *new_text)
{
  g_autoptr(GArray) spans = pl_provenance_diff (old_text, new_text);
  GString *markup = g_string_new (NULL);

  for (guint i = 0; i < spans->len; i++)
    {
      const PlDiffSpan *span = &g_array_index (spans, PlDiffSpan, i);
      g_autofree char *slice = pl_text_slice (span->op == PL_DIFF_DELETED ? old_text : new_text,
                                              span->start, span->end);
      g_autofree char *escaped = g_markup_escape_text (slice, -1);

      switch (span->op)
        {
        case PL_DIFF_DELETED:
          g_string_append_printf (markup, "<span strikethrough=\"true\" background=\"#e01b24\" bgalpha=\"22%%\">%s</span>",
                                  escaped);
          break;
        case PL_DIFF_INSERTED:
          g_string_append_printf (markup, "<span underline=\"single\" background=\"#2ec27e\" bgalpha=\"25%%\">%s</span>",
                                  escaped);
          break;
        case PL_DIFF_EQUAL:
        default:
          g_string_append (markup, escaped);
          break;
        }
    }

  return g_string_free (markup, FALSE);
}

/* "Zero draft · 1 February 2021", "Chair’s text · Revised draft · …": the kind only when
 * the title does not say it. */
static char *
version_heading (const PlProvenanceVersion *version)
{
  g_autofree char *date = pl_provenance_view_format_date (version->date);
  g_autofree char *title = g_utf8_casefold (version->document_title, -1);
  GString *heading = g_string_new (version->document_title);

  if (version->kind != PL_OUTCOME_NONE)
    {
      const char *kind = pl_outcome_kind_to_label (version->kind);
      g_autofree char *folded = g_utf8_casefold (kind, -1);

      if (strstr (title, folded) == NULL)
        g_string_append_printf (heading, " · %s", kind);
    }
  if (date != NULL)
    g_string_append_printf (heading, " · %s", date);
  if (version->current)
    g_string_append_printf (heading, " · %s", _("this document"));
  return g_string_free (heading, FALSE);
}

static GtkWidget *
label_new (const char *text,
           const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  return label;
}

static GtkWidget *
versions_expander (const PlProvenanceParagraph *paragraph)
{
  g_autofree char *title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Wording in %u version",
                                                         "Wording in %u versions", paragraph->versions->len),
                                            paragraph->versions->len);
  GtkWidget *expander = gtk_expander_new (title);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);

  for (guint i = 0; i < paragraph->versions->len; i++)
    {
      const PlProvenanceVersion *version = g_ptr_array_index (paragraph->versions, i);
      g_autofree char *heading = version_heading (version);
      GtkWidget *text;

      gtk_box_append (GTK_BOX (box), label_new (heading, "caption-heading"));
      text = label_new (NULL, "version-text");
      if (i == 0)
        gtk_label_set_text (GTK_LABEL (text), version->text);
      else
        {
          const PlProvenanceVersion *before = g_ptr_array_index (paragraph->versions, i - 1);
          g_autofree char *markup = diff_markup (before->text, version->text);

          gtk_label_set_markup (GTK_LABEL (text), markup);
        }
      gtk_label_set_selectable (GTK_LABEL (text), TRUE);
      gtk_box_append (GTK_BOX (box), text);
    }

  gtk_widget_set_margin_top (box, 6);
  gtk_expander_set_child (GTK_EXPANDER (expander), box);
  return expander;
}

static GtkWidget *
paragraph_row (const PlProvenanceParagraph *paragraph,
               guint                        number)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);
  GtkWidget *header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  g_autofree char *number_text = g_strdup_printf ("¶ %u", number);
  g_autofree char *count_text = NULL;
  g_autofree char *markup = paragraph_markup (paragraph);
  GtkWidget *text = label_new (NULL, NULL);
  GtkWidget *row = gtk_list_box_row_new ();

  gtk_box_append (GTK_BOX (header), label_new (number_text, "dim-label"));
  count_text = paragraph->sources->len > 0
    ? g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u link", "%u links", paragraph->sources->len),
                       paragraph->sources->len)
    : g_strdup (_("No delegation’s wording found here"));
  gtk_box_append (GTK_BOX (header), label_new (count_text, "dim-label"));
  gtk_widget_add_css_class (gtk_widget_get_last_child (header), "caption");
  gtk_widget_set_halign (gtk_widget_get_last_child (header), GTK_ALIGN_END);
  gtk_widget_set_hexpand (gtk_widget_get_last_child (header), TRUE);
  gtk_box_append (GTK_BOX (box), header);

  gtk_label_set_markup (GTK_LABEL (text), markup);
  gtk_label_set_selectable (GTK_LABEL (text), TRUE);
  if (paragraph->sources->len == 0)
    gtk_widget_add_css_class (text, "dim-label");
  gtk_box_append (GTK_BOX (box), text);

  if (paragraph->delegations->len > 0)
    {
      GtkWidget *chips = gtk_flow_box_new ();

      gtk_flow_box_set_selection_mode (GTK_FLOW_BOX (chips), GTK_SELECTION_NONE);
      gtk_flow_box_set_max_children_per_line (GTK_FLOW_BOX (chips), 12);
      gtk_flow_box_set_column_spacing (GTK_FLOW_BOX (chips), 6);
      gtk_flow_box_set_row_spacing (GTK_FLOW_BOX (chips), 6);
      gtk_accessible_update_property (GTK_ACCESSIBLE (chips), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _("Delegations whose statements this paragraph reuses"), -1);
      for (guint i = 0; i < paragraph->delegations->len; i++)
        {
          GtkWidget *one = chip (g_ptr_array_index (paragraph->delegations, i));

          gtk_widget_set_halign (one, GTK_ALIGN_START);
          gtk_flow_box_append (GTK_FLOW_BOX (chips), one);
          gtk_widget_set_focusable (gtk_widget_get_parent (one), FALSE);
        }
      gtk_box_append (GTK_BOX (box), chips);
    }

  if (paragraph->earliest != NULL)
    {
      const PlProvenanceSource *earliest = paragraph->earliest;
      g_autofree char *date = pl_provenance_view_format_date (earliest->date);
      g_autofree char *label = date != NULL
        ? g_strdup_printf (_("First said by %s on %s, in “%s”"), delegation_name (earliest), date,
                           earliest->document_title != NULL ? earliest->document_title : "")
        : g_strdup_printf (_("First said by %s, in “%s”"), delegation_name (earliest),
                           earliest->document_title != NULL ? earliest->document_title : "");
      g_autofree char *accessible = g_strdup_printf (_("%s: open both places side by side"), label);
      GtkWidget *button = link_button (earliest, label, accessible);

      gtk_widget_add_css_class (button, "flat");
      gtk_widget_add_css_class (button, "earliest-link");
      gtk_widget_set_tooltip_text (button, _("Open the statement and this paragraph side by side"));
      gtk_widget_set_halign (button, GTK_ALIGN_START);
      gtk_label_set_wrap (GTK_LABEL (gtk_button_get_child (GTK_BUTTON (button))), TRUE);
      gtk_label_set_xalign (GTK_LABEL (gtk_button_get_child (GTK_BUTTON (button))), 0);
      gtk_box_append (GTK_BOX (box), button);
    }

  if (paragraph->versions->len > 1)
    gtk_box_append (GTK_BOX (box), versions_expander (paragraph));

  gtk_widget_set_margin_start (box, 14);
  gtk_widget_set_margin_end (box, 14);
  gtk_widget_set_margin_top (box, 12);
  gtk_widget_set_margin_bottom (box, 12);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  {
    g_autofree char *accessible = g_strdup_printf (_("Paragraph %u, %s"), number, count_text);

    gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
  }
  return row;
}

static void
fill_paragraphs (PlProvenanceView *self)
{
  GPtrArray *paragraphs = pl_provenance_get_paragraphs (self->provenance);
  GPtrArray *sources = pl_provenance_get_sources (self->provenance);
  GtkWidget *child;
  guint n_delegations = 0;
  g_autofree char *summary = NULL;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->paragraphs_list))) != NULL)
    gtk_list_box_remove (self->paragraphs_list, child);
  for (guint i = 0; i < paragraphs->len; i++)
    gtk_list_box_append (self->paragraphs_list, paragraph_row (g_ptr_array_index (paragraphs, i), i + 1));

  for (guint i = 0; i < pl_provenance_get_delegations (self->provenance)->len; i++)
    if (((PlProvenanceDelegation *) g_ptr_array_index (pl_provenance_get_delegations (self->provenance), i))->statements_linked > 0)
      n_delegations++;

  summary = sources->len > 0
    ? g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                    "%u link from %u delegations’ statements. Each chip opens the statement and the paragraph side by side.",
                                    "%u links from %u delegations’ statements. Each chip opens the statement and the paragraph side by side.",
                                    sources->len),
                       sources->len, n_delegations)
    : g_strdup (_("No links yet. Find Reuse proposes the statements whose wording this document reuses; the ones you accept appear here."));
  gtk_label_set_text (self->summary_label, summary);
}

/* Delegations */

static GtkWidget *
grid_label (const char *text,
            gboolean    number)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), number ? 1 : 0);
  if (!number)
    gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  else
    gtk_widget_add_css_class (label, "numeric");
  return label;
}

/* The first link of @delegation in this document, or NULL. */
static const PlProvenanceSource *
first_link_of (PlProvenanceView *self,
               const char       *delegation)
{
  GPtrArray *sources = pl_provenance_get_sources (self->provenance);

  for (guint i = 0; i < sources->len; i++)
    {
      const PlProvenanceSource *source = g_ptr_array_index (sources, i);

      if (g_strcmp0 (source->delegation, delegation) == 0)
        return source;
    }
  return NULL;
}

static void
fill_delegations (PlProvenanceView *self)
{
  GPtrArray *delegations = pl_provenance_get_delegations (self->provenance);
  const char *headers[] = {
    N_("Delegation"), N_("Group"), N_("Statements linked"), N_("Words reused"),
    N_("Reached the text"),
  };
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->delegations_grid))) != NULL)
    gtk_grid_remove (self->delegations_grid, child);

  for (guint k = 0; k < G_N_ELEMENTS (headers); k++)
    {
      GtkWidget *header = grid_label (_(headers[k]), k >= 2);

      gtk_widget_add_css_class (header, "heading");
      gtk_label_set_ellipsize (GTK_LABEL (header), PANGO_ELLIPSIZE_NONE);
      gtk_label_set_wrap (GTK_LABEL (header), TRUE);
      gtk_grid_attach (self->delegations_grid, header, (int) k, 0, 1, 1);
    }

  for (guint i = 0; i < delegations->len; i++)
    {
      const PlProvenanceDelegation *d = g_ptr_array_index (delegations, i);
      const PlProvenanceSource *first = first_link_of (self, d->delegation);
      const char *name = d->delegation != NULL ? d->delegation : _("Unattributed statements");
      g_autofree char *linked = g_strdup_printf ("%u", d->statements_linked);
      g_autofree char *words = g_strdup_printf ("%u", d->words);
      g_autofree char *share = g_strdup_printf (_("%u of %u · %.0f%%"), d->statements_linked, d->statements,
                                                d->share * 100.0);
      GtkWidget *name_widget, *group, *dot, *level, *share_box;
      int row = (int) i + 1;

      /* Every name is a button, so that they line up; those without links are off. */
      if (first != NULL)
        {
          g_autofree char *accessible = g_strdup_printf (_("%s: open its first reused statement side by side"), name);

          name_widget = link_button (first, name, accessible);
        }
      else
        {
          name_widget = gtk_button_new_with_label (name);
          gtk_widget_set_sensitive (name_widget, FALSE);
        }
      gtk_widget_add_css_class (name_widget, "flat");
      gtk_widget_add_css_class (name_widget, "delegation-name");
      gtk_widget_set_halign (name_widget, GTK_ALIGN_START);
      gtk_label_set_wrap (GTK_LABEL (gtk_button_get_child (GTK_BUTTON (name_widget))), TRUE);
      gtk_label_set_xalign (GTK_LABEL (gtk_button_get_child (GTK_BUTTON (name_widget))), 0);
      gtk_widget_set_hexpand (name_widget, TRUE);

      group = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
      dot = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
      gtk_widget_add_css_class (dot, "group-dot");
      gtk_widget_add_css_class (dot, pl_provenance_view_group_class (d->regional_group));
      gtk_widget_set_valign (dot, GTK_ALIGN_CENTER);
      gtk_box_append (GTK_BOX (group), dot);
      gtk_box_append (GTK_BOX (group), gtk_label_new (group_short_label (d->regional_group)));
      gtk_widget_set_tooltip_text (group, pl_provenance_view_group_label (d->regional_group));

      share_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
      level = gtk_level_bar_new_for_interval (0.0, 1.0);
      gtk_level_bar_set_value (GTK_LEVEL_BAR (level), d->share);
      gtk_widget_set_size_request (level, 60, -1);
      gtk_widget_set_valign (level, GTK_ALIGN_CENTER);
      gtk_accessible_update_property (GTK_ACCESSIBLE (level), GTK_ACCESSIBLE_PROPERTY_LABEL, share, -1);
      gtk_box_append (GTK_BOX (share_box), level);
      gtk_box_append (GTK_BOX (share_box), grid_label (share, TRUE));
      gtk_widget_set_halign (share_box, GTK_ALIGN_END);

      gtk_grid_attach (self->delegations_grid, name_widget, 0, row, 1, 1);
      gtk_grid_attach (self->delegations_grid, group, 1, row, 1, 1);
      gtk_grid_attach (self->delegations_grid, grid_label (linked, TRUE), 2, row, 1, 1);
      gtk_grid_attach (self->delegations_grid, grid_label (words, TRUE), 3, row, 1, 1);
      gtk_grid_attach (self->delegations_grid, share_box, 4, row, 1, 1);
    }
}

/* The chart */

static void
draw_chart (GtkDrawingArea *area,
            cairo_t        *cr,
            int             width,
            int             height,
            gpointer        user_data)
{
  PlProvenanceView *self = user_data;
  AdwStyleManager *style = adw_style_manager_get_default ();

  if (self->chart == NULL)
    return;
  pl_chart_set_dark (self->chart, adw_style_manager_get_dark (style));
  pl_chart_set_high_contrast (self->chart, adw_style_manager_get_high_contrast (style));
  pl_chart_draw (self->chart, cr, width, height);
}

/* Says in words what the chart shows. */
static void
describe_chart (PlProvenanceView *self,
                PlChartData      *data)
{
  g_autoptr(GString) description = g_string_new (NULL);

  for (guint row = 0; row < pl_chart_data_get_n_rows (data); row++)
    {
      g_autofree char *value = pl_chart_data_format_value (data, pl_chart_data_get_value (data, row, 0));

      g_string_append_printf (description, "%s%s: %s", row > 0 ? "; " : "",
                              pl_chart_data_get_row_label (data, row), value);
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->chart_area),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Bar chart of the words reused by regional group"),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description->str,
                                  -1);
}

/* Reading */

/* What the provenance depends on that actions change: the document's links and the
 * outcome marks (the texts and statements of the project's documents aside). */
static char *
dup_signature (PlProvenanceView *self)
{
  g_autoptr(GPtrArray) links = pl_project_list_links (self->project, pl_document_get_id (self->outcome), NULL);
  g_autoptr(GPtrArray) outcomes = pl_project_list_outcomes (self->project, NULL);
  GString *signature = g_string_new (NULL);

  for (guint i = 0; links != NULL && i < links->len; i++)
    g_string_append_printf (signature, "%s;", ((PlLink *) g_ptr_array_index (links, i))->guid);
  for (guint i = 0; outcomes != NULL && i < outcomes->len; i++)
    {
      const PlOutcome *outcome = g_ptr_array_index (outcomes, i);

      g_string_append_printf (signature, "%" G_GINT64_FORMAT ":%d:%s;", outcome->document_id,
                              outcome->kind, outcome->date != NULL ? outcome->date : "");
    }
  return g_string_free (signature, FALSE);
}

static void
refresh (PlProvenanceView *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PlChartData) data = NULL;
  PlProvenance *provenance, *old;

  if (self->outcome == NULL)
    return;

  provenance = pl_provenance_new (self->project, pl_document_get_id (self->outcome), &error);
  if (provenance == NULL)
    {
      gtk_label_set_text (self->summary_label, error->message);
      return;
    }

  /* The buttons of the old rows point into the old provenance: it goes after them. */
  old = g_steal_pointer (&self->provenance);
  self->provenance = provenance;
  fill_paragraphs (self);
  fill_delegations (self);
  g_clear_pointer (&old, pl_provenance_free);

  data = pl_provenance_dup_group_chart (provenance);
  /* The page says it above the chart. */
  pl_chart_data_set_title (data, NULL);
  if (self->chart == NULL)
    {
      g_autofree char *font = NULL;

      self->chart = pl_chart_new (PL_CHART_KIND_BAR, data);
      g_object_get (gtk_settings_get_default (), "gtk-font-name", &font, NULL);
      pl_chart_set_font (self->chart, font);
    }
  else
    pl_chart_set_data (self->chart, data);
  describe_chart (self, data);
  gtk_widget_queue_draw (GTK_WIDGET (self->chart_area));
}

/* Most actions (an annotation, a memo) leave the provenance as it is: it is read again
 * only when its links or the outcome marks changed. */
static void
on_history_changed (PlProvenanceView *self)
{
  g_autofree char *signature = NULL;

  if (self->outcome == NULL)
    return;
  signature = dup_signature (self);
  if (g_strcmp0 (signature, self->signature) == 0)
    return;
  g_free (self->signature);
  self->signature = g_steal_pointer (&signature);
  refresh (self);
}

static void
on_reloaded (PlProvenanceView *self)
{
  g_clear_pointer (&self->signature, g_free);
  on_history_changed (self);
}

static void
find_reuse_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  g_signal_emit (widget, signals[FIND_REUSE], 0);
}

/* For tests */

PlDocument *
pl_provenance_view_get_outcome (PlProvenanceView *self)
{
  g_return_val_if_fail (PL_IS_PROVENANCE_VIEW (self), NULL);
  return self->outcome;
}

guint
pl_provenance_view_get_n_paragraphs (PlProvenanceView *self)
{
  g_return_val_if_fail (PL_IS_PROVENANCE_VIEW (self), 0);
  return self->provenance != NULL ? pl_provenance_get_paragraphs (self->provenance)->len : 0;
}

static const PlProvenanceParagraph *
paragraph_at (PlProvenanceView *self,
              guint             paragraph)
{
  GPtrArray *paragraphs = self->provenance != NULL ? pl_provenance_get_paragraphs (self->provenance) : NULL;

  return paragraphs != NULL && paragraph < paragraphs->len ? g_ptr_array_index (paragraphs, paragraph) : NULL;
}

guint
pl_provenance_view_get_n_links (PlProvenanceView *self,
                                guint             paragraph)
{
  const PlProvenanceParagraph *p;

  g_return_val_if_fail (PL_IS_PROVENANCE_VIEW (self), 0);
  p = paragraph_at (self, paragraph);
  return p != NULL ? p->sources->len : 0;
}

guint
pl_provenance_view_get_n_delegations (PlProvenanceView *self)
{
  g_return_val_if_fail (PL_IS_PROVENANCE_VIEW (self), 0);
  return self->provenance != NULL ? pl_provenance_get_delegations (self->provenance)->len : 0;
}

void
pl_provenance_view_set_page (PlProvenanceView *self,
                             const char       *name)
{
  g_return_if_fail (PL_IS_PROVENANCE_VIEW (self));
  adw_view_stack_set_visible_child_name (self->view_stack, name);
}

gboolean
pl_provenance_view_activate_link (PlProvenanceView *self,
                                  guint             paragraph)
{
  GtkListBoxRow *row;
  GtkWidget *widget;

  g_return_val_if_fail (PL_IS_PROVENANCE_VIEW (self), FALSE);

  row = gtk_list_box_get_row_at_index (self->paragraphs_list, (int) paragraph);
  if (row == NULL || pl_provenance_view_get_n_links (self, paragraph) == 0)
    return FALSE;

  /* The first chip: the first button below the paragraph's text. */
  for (widget = gtk_list_box_row_get_child (row); widget != NULL;)
    {
      if (GTK_IS_BUTTON (widget) && gtk_widget_has_css_class (widget, "group-chip"))
        {
          g_signal_emit_by_name (widget, "clicked");
          return TRUE;
        }
      if (gtk_widget_get_first_child (widget) != NULL)
        widget = gtk_widget_get_first_child (widget);
      else
        {
          while (widget != NULL && gtk_widget_get_next_sibling (widget) == NULL)
            widget = gtk_widget_get_parent (widget);
          widget = widget != NULL ? gtk_widget_get_next_sibling (widget) : NULL;
        }
    }
  return FALSE;
}

/* GObject */

static void
pl_provenance_view_dispose (GObject *object)
{
  PlProvenanceView *self = (PlProvenanceView *)object;

  if (self->project != NULL)
    g_signal_handlers_disconnect_by_data (self->project, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), PL_TYPE_PROVENANCE_VIEW);
  g_clear_object (&self->project);
  g_clear_object (&self->outcome);
  g_clear_object (&self->chart);

  G_OBJECT_CLASS (pl_provenance_view_parent_class)->dispose (object);
}

static void
pl_provenance_view_finalize (GObject *object)
{
  PlProvenanceView *self = (PlProvenanceView *)object;

  g_clear_pointer (&self->provenance, pl_provenance_free);
  g_free (self->signature);

  G_OBJECT_CLASS (pl_provenance_view_parent_class)->finalize (object);
}

static void
pl_provenance_view_class_init (PlProvenanceViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pl_provenance_view_dispose;
  object_class->finalize = pl_provenance_view_finalize;

  /**
   * PlProvenanceView::show-link:
   * @link: (type gpointer): the PlLink to open
   */
  signals[SHOW_LINK] =
    g_signal_new ("show-link", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_POINTER);
  signals[FIND_REUSE] =
    g_signal_new ("find-reuse", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/plenary/Plenary/pl-provenance-view.ui");
  gtk_widget_class_bind_template_child (widget_class, PlProvenanceView, switcher_title);
  gtk_widget_class_bind_template_child (widget_class, PlProvenanceView, view_stack);
  gtk_widget_class_bind_template_child (widget_class, PlProvenanceView, summary_label);
  gtk_widget_class_bind_template_child (widget_class, PlProvenanceView, paragraphs_list);
  gtk_widget_class_bind_template_child (widget_class, PlProvenanceView, chart_area);
  gtk_widget_class_bind_template_child (widget_class, PlProvenanceView, delegations_grid);

  gtk_widget_class_install_action (widget_class, "provenance.find-reuse", NULL, find_reuse_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
pl_provenance_view_init (PlProvenanceView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_drawing_area_set_draw_func (self->chart_area, draw_chart, self, NULL);
  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (gtk_widget_queue_draw), self->chart_area, G_CONNECT_SWAPPED);
}

PlProvenanceView *
pl_provenance_view_new (GtkWindow  *parent,
                        PlProject  *project,
                        PlDocument *outcome)
{
  PlProvenanceView *self;

  g_return_val_if_fail (PL_IS_PROJECT (project), NULL);
  g_return_val_if_fail (PL_IS_DOCUMENT (outcome), NULL);

  self = g_object_new (PL_TYPE_PROVENANCE_VIEW, "transient-for", parent, NULL);
  self->project = g_object_ref (project);
  self->outcome = g_object_ref (outcome);
  adw_view_switcher_title_set_subtitle (self->switcher_title, pl_document_get_title (outcome));

  g_signal_connect_object (project, "history-changed", G_CALLBACK (on_history_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (project, "reloaded", G_CALLBACK (on_reloaded), self, G_CONNECT_SWAPPED);
  /* A speaker set or a statement split changes whose words a link carries. */
  g_signal_connect_object (project, "statements-changed", G_CALLBACK (on_reloaded), self, G_CONNECT_SWAPPED);
  on_history_changed (self);
  return self;
}
