/* pl-document-properties.c — a document's details: process, session, meeting, date, …
 *
 * Each field is saved when it is applied (Enter, or its check button), as one undoable
 * action; the values the importer guessed from the text are shown for checking.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "plenary-document-properties"

#include "config.h"

#include <glib/gi18n.h>

#include "pl-document-properties.h"

struct _PlDocumentProperties
{
  AdwWindow        parent_instance;

  AdwToastOverlay *toasts;
  PlProject       *project;
  PlDocument      *document;
};

G_DEFINE_FINAL_TYPE (PlDocumentProperties, pl_document_properties, ADW_TYPE_WINDOW)

static const struct {
  const char *key;
  const char *title;
} fields[] = {
  { "process", N_("Process") },
  { "session", N_("Session") },
  { "meeting", N_("Meeting") },
  { "date", N_("Date (YYYY-MM-DD)") },
  { "agenda_item", N_("Agenda item") },
  { "language", N_("Language") },
};

/* The kinds of source of PRODUCT.md, as stored. */
static const char *source_types[] = {
  "", "official record", "unofficial transcript", "human-written summary",
  "machine-written summary", "press release", "news", NULL
};

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
  const char *key = g_object_get_data (G_OBJECT (row), "key");
  g_autofree char *value = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));

  pl_document_properties_apply (self, key, value);
}

static void
on_source_type_selected (AdwComboRow          *row,
                         GParamSpec           *pspec,
                         PlDocumentProperties *self)
{
  guint selected = adw_combo_row_get_selected (row);

  if (selected < G_N_ELEMENTS (source_types) - 1)
    pl_document_properties_apply (self, "source_type", source_types[selected]);
}

static GtkWidget *
info_row (const char *title,
          const char *value)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *label = gtk_label_new (value);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_MIDDLE);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_widget_add_css_class (label, "dim-label");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
  return row;
}

static void
build (PlDocumentProperties *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *page = adw_preferences_page_new ();
  GtkWidget *about = adw_preferences_group_new ();
  GtkWidget *details = adw_preferences_group_new ();
  GtkWidget *source_row = adw_combo_row_new ();
  g_autoptr(GtkStringList) source_labels = gtk_string_list_new (NULL);
  g_autofree char *counts = NULL;
  const char *current_type = pl_document_get_metadata (self->document, "source_type");
  const char *uri = pl_document_get_source_uri (self->document);

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (about), pl_document_get_title (self->document));
  counts = g_strdup_printf (_("%u statements, %u annotations"), pl_document_get_n_statements (self->document),
                            pl_document_get_n_annotations (self->document));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (about), info_row (_("Contents"), counts));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (about),
                             info_row (_("Imported from"), uri != NULL ? uri : _("bundled with Plenary")));
  if (pl_document_get_metadata (self->document, "format") != NULL)
    adw_preferences_group_add (ADW_PREFERENCES_GROUP (about),
                               info_row (_("Format"), pl_document_get_metadata (self->document, "format")));

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (details), _("Details"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (details),
                                         _("Exported with every coded span. Values found in the text on import are shown for checking; press Enter to save a change."));
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      GtkWidget *row = adw_entry_row_new ();
      const char *value = pl_document_get_metadata (self->document, fields[i].key);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _(fields[i].title));
      adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (row), TRUE);
      gtk_editable_set_text (GTK_EDITABLE (row), value != NULL ? value : "");
      g_object_set_data (G_OBJECT (row), "key", (gpointer)fields[i].key);
      g_signal_connect_object (row, "apply", G_CALLBACK (on_entry_apply), self, 0);
      g_signal_connect_object (row, "entry-activated", G_CALLBACK (on_entry_apply), self, 0);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (details), row);
    }

  for (guint i = 0; source_types[i] != NULL; i++)
    gtk_string_list_append (source_labels, i == 0 ? _("Not set") : source_types[i]);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (source_row), _("Kind of source"));
  adw_combo_row_set_model (ADW_COMBO_ROW (source_row), G_LIST_MODEL (source_labels));
  for (guint i = 1; current_type != NULL && source_types[i] != NULL; i++)
    if (g_str_equal (source_types[i], current_type))
      adw_combo_row_set_selected (ADW_COMBO_ROW (source_row), i);
  g_signal_connect_object (source_row, "notify::selected", G_CALLBACK (on_source_type_selected), self, 0);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (details), source_row);

  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (about));
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (details));

  self->toasts = ADW_TOAST_OVERLAY (adw_toast_overlay_new ());
  adw_toast_overlay_set_child (self->toasts, page);
  gtk_widget_set_vexpand (GTK_WIDGET (self->toasts), TRUE);
  gtk_box_append (GTK_BOX (box), header);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->toasts));
  adw_window_set_content (ADW_WINDOW (self), box);
}

static void
pl_document_properties_dispose (GObject *object)
{
  PlDocumentProperties *self = (PlDocumentProperties *)object;

  g_clear_object (&self->project);
  g_clear_object (&self->document);

  G_OBJECT_CLASS (pl_document_properties_parent_class)->dispose (object);
}

static void
pl_document_properties_class_init (PlDocumentPropertiesClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = pl_document_properties_dispose;
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
pl_document_properties_init (PlDocumentProperties *self)
{
}

PlDocumentProperties *
pl_document_properties_new (GtkWindow  *parent,
                            PlProject  *project,
                            PlDocument *document)
{
  PlDocumentProperties *self;

  g_return_val_if_fail (PL_IS_PROJECT (project), NULL);
  g_return_val_if_fail (PL_IS_DOCUMENT (document), NULL);

  self = g_object_new (PL_TYPE_DOCUMENT_PROPERTIES,
                       "transient-for", parent,
                       "modal", TRUE,
                       "title", _("Document Details"),
                       "default-width", 520,
                       "default-height", 640,
                       NULL);
  self->project = g_object_ref (project);
  self->document = g_object_ref (document);
  build (self);
  return self;
}
