/* pl-document-row.c — one document in the sidebar: title, date and session, progress
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "plenary-document-row"

#include "config.h"

#include <glib/gi18n.h>

#include <stdio.h>

#include "pl-compat.h"
#include "pl-document-row.h"

struct _PlDocumentRow
{
  GtkWidget               parent_instance;

  GtkLabel               *title_label;
  GtkLabel               *details_label;
  GtkLevelBar            *bar;
  GtkLabel               *progress_label;

  PlDocument             *document;
  GBindingGroup          *bindings;
  GSignalGroup           *signals;
  PlDocumentRowCountFunc  count_coded;
  gpointer                count_data;
  guint                   n_coded;
  guint                   n_annotations;
};

G_DEFINE_FINAL_TYPE (PlDocumentRow, pl_document_row, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_DOCUMENT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* What a screen reader reads for the row: title, date and session, progress. */
static void
update_accessible_label (PlDocumentRow *self)
{
  g_autofree char *label = NULL;
  const char *details;

  if (self->document == NULL)
    return;

  details = gtk_widget_get_visible (GTK_WIDGET (self->details_label)) ? gtk_label_get_text (self->details_label) : "";
  label = g_strjoin (", ", pl_document_get_title (self->document),
                     details[0] != '\0' ? details : gtk_label_get_text (self->progress_label),
                     details[0] != '\0' ? gtk_label_get_text (self->progress_label) : NULL, NULL);
  pl_list_item_set_accessible_label (GTK_WIDGET (self), label);
}

/* "12 of 20 statements coded · 31 annotations", and the bar. */
static void
update_progress (PlDocumentRow *self)
{
  guint n_statements, n_annotations;
  g_autofree char *statements = NULL;
  g_autofree char *annotations = NULL;
  g_autofree char *text = NULL;

  if (self->document == NULL)
    return;

  n_statements = pl_document_get_n_statements (self->document);
  n_annotations = self->n_annotations;
  /* Numbers grouped as the locale writes them ("%'u"). */
  statements = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%'u of %'u statement coded",
                                             "%'u of %'u statements coded", n_statements),
                                self->n_coded, n_statements);
  annotations = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%'u annotation", "%'u annotations",
                                              n_annotations), n_annotations);
  text = g_strdup_printf ("%s · %s", statements, annotations);

  gtk_label_set_text (self->progress_label, text);
  gtk_level_bar_set_value (self->bar, n_statements > 0 ? MIN (1.0, (double)self->n_coded / n_statements) : 0);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->bar), GTK_ACCESSIBLE_PROPERTY_LABEL, statements, -1);
  update_accessible_label (self);
}

void
pl_document_row_refresh (PlDocumentRow *self)
{
  g_return_if_fail (PL_IS_DOCUMENT_ROW (self));

  if (self->document == NULL)
    return;
  self->n_annotations = pl_document_get_n_annotations (self->document);
  self->n_coded = self->count_coded != NULL
                  ? self->count_coded (self->document, &self->n_annotations, self->count_data) : 0;
  update_progress (self);
}

char *
pl_document_row_format_date (const char *date)
{
  int year, month, day;
  char end;
  g_autoptr(GDateTime) day_time = NULL;

  /* A day written YYYY-MM-DD, as the store keeps it; anything else is shown as written. */
  if (date == NULL || sscanf (date, "%4d-%2d-%2d%c", &year, &month, &day, &end) != 3
      || (day_time = g_date_time_new_local (year, month, day, 12, 0, 0)) == NULL)
    return g_strdup (date);

  /* TRANSLATORS: a document's date in the sidebar, in your language's usual medium form
   * (see strftime(3)); "%-d %b %Y" shows "14 Dec 2023". */
  return g_date_time_format (day_time, C_("document date", "%-d %b %Y"));
}

static void
update_details (PlDocumentRow *self)
{
  g_autofree char *date = pl_document_row_format_date (pl_document_get_metadata (self->document, "date"));
  const char *session = pl_document_get_metadata (self->document, "session");
  g_autofree char *details = NULL;

  if (date != NULL && session != NULL)
    details = g_strdup_printf ("%s · %s", date, session);
  else
    details = g_strdup (date != NULL ? date : session != NULL ? session : "");
  gtk_label_set_text (self->details_label, details);
  gtk_widget_set_visible (GTK_WIDGET (self->details_label), details[0] != '\0');
  update_accessible_label (self);
}

PlDocument *
pl_document_row_get_document (PlDocumentRow *self)
{
  g_return_val_if_fail (PL_IS_DOCUMENT_ROW (self), NULL);
  return self->document;
}

void
pl_document_row_set_document (PlDocumentRow *self,
                              PlDocument    *document)
{
  g_return_if_fail (PL_IS_DOCUMENT_ROW (self));
  g_return_if_fail (document == NULL || PL_IS_DOCUMENT (document));

  if (!g_set_object (&self->document, document))
    return;

  g_binding_group_set_source (self->bindings, document);
  g_signal_group_set_target (self->signals, document);
  if (document != NULL)
    {
      update_details (self);
      pl_document_row_refresh (self);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DOCUMENT]);
}

const char *
pl_document_row_get_progress_text (PlDocumentRow *self)
{
  g_return_val_if_fail (PL_IS_DOCUMENT_ROW (self), NULL);
  return gtk_label_get_text (self->progress_label);
}

static void
pl_document_row_dispose (GObject *object)
{
  PlDocumentRow *self = PL_DOCUMENT_ROW (object);

  if (self->bindings != NULL)
    g_binding_group_set_source (self->bindings, NULL);
  if (self->signals != NULL)
    g_signal_group_set_target (self->signals, NULL);
  g_clear_object (&self->document);
  gtk_widget_dispose_template (GTK_WIDGET (self), PL_TYPE_DOCUMENT_ROW);

  G_OBJECT_CLASS (pl_document_row_parent_class)->dispose (object);
}

static void
pl_document_row_finalize (GObject *object)
{
  PlDocumentRow *self = PL_DOCUMENT_ROW (object);

  g_clear_object (&self->bindings);
  g_clear_object (&self->signals);

  G_OBJECT_CLASS (pl_document_row_parent_class)->finalize (object);
}

static void
pl_document_row_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  PlDocumentRow *self = PL_DOCUMENT_ROW (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      g_value_set_object (value, self->document);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pl_document_row_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  PlDocumentRow *self = PL_DOCUMENT_ROW (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      pl_document_row_set_document (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pl_document_row_class_init (PlDocumentRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pl_document_row_dispose;
  object_class->finalize = pl_document_row_finalize;
  object_class->get_property = pl_document_row_get_property;
  object_class->set_property = pl_document_row_set_property;

  properties[PROP_DOCUMENT] =
    g_param_spec_object ("document", NULL, NULL, PL_TYPE_DOCUMENT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/plenary/Plenary/pl-document-row.ui");
  gtk_widget_class_bind_template_child (widget_class, PlDocumentRow, title_label);
  gtk_widget_class_bind_template_child (widget_class, PlDocumentRow, details_label);
  gtk_widget_class_bind_template_child (widget_class, PlDocumentRow, bar);
  gtk_widget_class_bind_template_child (widget_class, PlDocumentRow, progress_label);
  gtk_widget_class_set_css_name (widget_class, "documentrow");
}

static void
pl_document_row_init (PlDocumentRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->bindings = g_binding_group_new ();
  g_binding_group_bind (self->bindings, "title", self->title_label, "label", G_BINDING_SYNC_CREATE);
  g_binding_group_bind (self->bindings, "title", self, "tooltip-text", G_BINDING_SYNC_CREATE);

  /* New annotations change what is coded; a split or merge, how many statements there are. */
  self->signals = g_signal_group_new (PL_TYPE_DOCUMENT);
  g_signal_group_connect_object (self->signals, "notify::n-annotations", G_CALLBACK (pl_document_row_refresh),
                                 self, G_CONNECT_SWAPPED);
  g_signal_group_connect_object (self->signals, "notify::n-statements", G_CALLBACK (update_progress),
                                 self, G_CONNECT_SWAPPED);
  g_signal_group_connect_object (self->signals, "notify::title", G_CALLBACK (update_accessible_label),
                                 self, G_CONNECT_SWAPPED);
  g_signal_group_connect_object (self->signals, "metadata-changed", G_CALLBACK (update_details),
                                 self, G_CONNECT_SWAPPED);
}

GtkWidget *
pl_document_row_new (PlDocumentRowCountFunc count_coded,
                     gpointer               user_data)
{
  PlDocumentRow *self = g_object_new (PL_TYPE_DOCUMENT_ROW, NULL);

  self->count_coded = count_coded;
  self->count_data = user_data;
  return GTK_WIDGET (self);
}
