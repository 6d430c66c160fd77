/* pl-document-properties.c — a document's details: process, session, meeting, date, …
 *
 * Each field is saved when it is applied (Enter, or its check button), as one undoable
 * action; the values the importer guessed from the text are shown for checking.  The
 * outcome kind and its date (pl-project-links.h) are saved the same way.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "plenary-document-properties"

#include "config.h"

#include <glib/gi18n.h>

#include "pl-compat.h"
#include "pl-document-properties.h"
#include "pl-project-links.h"

/* The metadata keys of the entry rows, in their order in pl-document-properties.ui. */
static const char *fields[] = { "process", "session", "meeting", "date", "agenda_item", "language" };

/* The kinds of source of PRODUCT.md, as stored; in the order of the kind row. */
static const char *source_types[] = {
  "", "official record", "unofficial transcript", "human-written summary",
  "machine-written summary", "press release", "news",
};

struct _PlDocumentProperties
{
  AdwWindow             parent_instance;

  AdwToastOverlay      *toasts;
  AdwPreferencesGroup  *about_group;
  GtkLabel             *contents_label;
  GtkLabel             *source_label;
  GtkWidget            *format_row;
  GtkLabel             *format_label;
  AdwEntryRow          *field_rows[G_N_ELEMENTS (fields)];
  AdwComboRow          *source_type_row;
  AdwComboRow          *outcome_kind_row;
  AdwEntryRow          *outcome_date_row;

  PlProject            *project;
  PlDocument           *document;
  gboolean              filling;   /* showing the stored values, not applying them */
};

G_DEFINE_FINAL_TYPE (PlDocumentProperties, pl_document_properties, ADW_TYPE_WINDOW)

gboolean
pl_document_properties_apply (PlDocumentProperties *self,
                              const char           *key,
                              const char           *value)
{
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (PL_IS_DOCUMENT_PROPERTIES (self), FALSE);

  if (!pl_project_set_document_metadata (self->project, pl_document_get_id (self->document),
                                         key, value, &error))
    {
      adw_toast_overlay_add_toast (self->toasts, adw_toast_new (error->message));
      return FALSE;
    }
  return TRUE;
}

static void
on_entry_apply (AdwEntryRow          *row,
                PlDocumentProperties *self)
{
  g_autofree char *value = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    if (self->field_rows[i] == row)
      pl_document_properties_apply (self, fields[i], value);
}

static void
on_source_type_selected (AdwComboRow          *row,
                         GParamSpec           *pspec,
                         PlDocumentProperties *self)
{
  guint selected = adw_combo_row_get_selected (row);

  if (self->document != NULL && !self->filling && selected < G_N_ELEMENTS (source_types))
    pl_document_properties_apply (self, "source_type", source_types[selected]);
}

gboolean
pl_document_properties_apply_outcome (PlDocumentProperties *self,
                                      PlOutcomeKind         kind,
                                      const char           *date)
{
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (PL_IS_DOCUMENT_PROPERTIES (self), FALSE);

  if (!pl_project_set_outcome (self->project, pl_document_get_id (self->document), kind, date, &error))
    {
      adw_toast_overlay_add_toast (self->toasts, adw_toast_new (error->message));
      return FALSE;
    }
  gtk_widget_set_visible (GTK_WIDGET (self->outcome_date_row), kind != PL_OUTCOME_NONE);
  return TRUE;
}

/* A document marked without a date takes the date of its details. */
static void
on_outcome_kind_selected (AdwComboRow          *row,
                          GParamSpec           *pspec,
                          PlDocumentProperties *self)
{
  PlOutcomeKind kind = MIN (adw_combo_row_get_selected (row), PL_OUTCOME_FINAL);
  g_autofree char *date = NULL;

  if (self->document == NULL || self->filling)
    return;

  date = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->outcome_date_row))));
  if (*date == '\0' && kind != PL_OUTCOME_NONE && pl_document_get_metadata (self->document, "date") != NULL)
    {
      g_free (date);
      date = g_strdup (pl_document_get_metadata (self->document, "date"));
      self->filling = TRUE;
      gtk_editable_set_text (GTK_EDITABLE (self->outcome_date_row), date);
      self->filling = FALSE;
    }
  pl_document_properties_apply_outcome (self, kind, date);
}

static void
on_outcome_date_apply (AdwEntryRow          *row,
                       PlDocumentProperties *self)
{
  g_autofree char *date = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
  PlOutcomeKind kind = MIN (adw_combo_row_get_selected (self->outcome_kind_row), PL_OUTCOME_FINAL);

  if (kind != PL_OUTCOME_NONE)
    pl_document_properties_apply_outcome (self, kind, date);
}

static void
fill_outcome (PlDocumentProperties *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PlOutcome) outcome = pl_project_get_outcome (self->project, pl_document_get_id (self->document),
                                                         &error);

  if (error != NULL)
    adw_toast_overlay_add_toast (self->toasts, adw_toast_new (error->message));
  adw_combo_row_set_selected (self->outcome_kind_row, outcome != NULL ? outcome->kind : PL_OUTCOME_NONE);
  gtk_editable_set_text (GTK_EDITABLE (self->outcome_date_row),
                         outcome != NULL && outcome->date != NULL ? outcome->date : "");
  gtk_widget_set_visible (GTK_WIDGET (self->outcome_date_row), outcome != NULL);
}

static void
fill (PlDocumentProperties *self)
{
  const char *current_type = pl_document_get_metadata (self->document, "source_type");
  const char *uri = pl_document_get_source_uri (self->document);
  const char *format = pl_document_get_metadata (self->document, "format");
  g_autofree char *counts = NULL;

  adw_preferences_group_set_title (self->about_group, pl_document_get_title (self->document));
  counts = g_strdup_printf (_("%u statements, %u annotations"), pl_document_get_n_statements (self->document),
                            pl_document_get_n_annotations (self->document));
  gtk_label_set_text (self->contents_label, counts);
  if (uri != NULL)
    gtk_label_set_text (self->source_label, uri);
  gtk_label_set_text (self->format_label, format != NULL ? format : "");
  gtk_widget_set_visible (self->format_row, format != NULL);

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      const char *value = pl_document_get_metadata (self->document, fields[i]);

      gtk_editable_set_text (GTK_EDITABLE (self->field_rows[i]), value != NULL ? value : "");
    }

  self->filling = TRUE;
  for (guint i = 1; current_type != NULL && i < G_N_ELEMENTS (source_types); i++)
    if (g_str_equal (source_types[i], current_type))
      adw_combo_row_set_selected (self->source_type_row, i);
  fill_outcome (self);
  self->filling = FALSE;
}

static void
pl_document_properties_dispose (GObject *object)
{
  PlDocumentProperties *self = (PlDocumentProperties *)object;

  g_clear_object (&self->project);
  g_clear_object (&self->document);
  gtk_widget_dispose_template (GTK_WIDGET (self), PL_TYPE_DOCUMENT_PROPERTIES);

  G_OBJECT_CLASS (pl_document_properties_parent_class)->dispose (object);
}

static void
pl_document_properties_class_init (PlDocumentPropertiesClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = pl_document_properties_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/plenary/Plenary/pl-document-properties.ui");
  gtk_widget_class_bind_template_child (widget_class, PlDocumentProperties, toasts);
  gtk_widget_class_bind_template_child (widget_class, PlDocumentProperties, about_group);
  gtk_widget_class_bind_template_child (widget_class, PlDocumentProperties, contents_label);
  gtk_widget_class_bind_template_child (widget_class, PlDocumentProperties, source_label);
  gtk_widget_class_bind_template_child (widget_class, PlDocumentProperties, format_row);
  gtk_widget_class_bind_template_child (widget_class, PlDocumentProperties, format_label);
  gtk_widget_class_bind_template_child_full (widget_class, "process_row", FALSE,
                                             G_STRUCT_OFFSET (PlDocumentProperties, field_rows[0]));
  gtk_widget_class_bind_template_child_full (widget_class, "session_row", FALSE,
                                             G_STRUCT_OFFSET (PlDocumentProperties, field_rows[1]));
  gtk_widget_class_bind_template_child_full (widget_class, "meeting_row", FALSE,
                                             G_STRUCT_OFFSET (PlDocumentProperties, field_rows[2]));
  gtk_widget_class_bind_template_child_full (widget_class, "date_row", FALSE,
                                             G_STRUCT_OFFSET (PlDocumentProperties, field_rows[3]));
  gtk_widget_class_bind_template_child_full (widget_class, "agenda_item_row", FALSE,
                                             G_STRUCT_OFFSET (PlDocumentProperties, field_rows[4]));
  gtk_widget_class_bind_template_child_full (widget_class, "language_row", FALSE,
                                             G_STRUCT_OFFSET (PlDocumentProperties, field_rows[5]));
  gtk_widget_class_bind_template_child (widget_class, PlDocumentProperties, source_type_row);
  gtk_widget_class_bind_template_child (widget_class, PlDocumentProperties, outcome_kind_row);
  gtk_widget_class_bind_template_child (widget_class, PlDocumentProperties, outcome_date_row);
  gtk_widget_class_bind_template_callback (widget_class, on_entry_apply);
  gtk_widget_class_bind_template_callback (widget_class, on_source_type_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_outcome_kind_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_outcome_date_apply);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
pl_document_properties_init (PlDocumentProperties *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  pl_accessible_tidy (GTK_WIDGET (self));
}

PlDocumentProperties *
pl_document_properties_new (GtkWindow  *parent,
                            PlProject  *project,
                            PlDocument *document)
{
  PlDocumentProperties *self;

  g_return_val_if_fail (PL_IS_PROJECT (project), NULL);
  g_return_val_if_fail (PL_IS_DOCUMENT (document), NULL);

  self = g_object_new (PL_TYPE_DOCUMENT_PROPERTIES, "transient-for", parent, NULL);
  self->project = g_object_ref (project);
  self->document = g_object_ref (document);
  fill (self);
  return self;
}
