/* pl-codebook-import-dialog.c — what importing a codebook would change, and a choice
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "plenary-codebook-import"

#include "config.h"

#include <glib/gi18n.h>

#include "pl-compat.h"
#include "pl-codebook-import-dialog.h"

struct _PlCodebookImportDialog
{
  AdwMessageDialog      parent_instance;

  GtkLabel             *details_label;

  PlCodebookImportPlan *plan;
};

G_DEFINE_FINAL_TYPE (PlCodebookImportDialog, pl_codebook_import_dialog, ADW_TYPE_MESSAGE_DIALOG)

gboolean
pl_codebook_import_dialog_apply (PlCodebookImportDialog  *self,
                                 GError                 **error)
{
  g_return_val_if_fail (PL_IS_CODEBOOK_IMPORT_DIALOG (self), FALSE);

  return pl_codebook_import_apply (self->plan, error);
}

static void
pl_codebook_import_dialog_dispose (GObject *object)
{
  PlCodebookImportDialog *self = PL_CODEBOOK_IMPORT_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), PL_TYPE_CODEBOOK_IMPORT_DIALOG);
  g_clear_pointer (&self->plan, pl_codebook_import_plan_free);

  G_OBJECT_CLASS (pl_codebook_import_dialog_parent_class)->dispose (object);
}

static void
pl_codebook_import_dialog_class_init (PlCodebookImportDialogClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = pl_codebook_import_dialog_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/plenary/Plenary/pl-codebook-import-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, PlCodebookImportDialog, details_label);
}

static void
pl_codebook_import_dialog_init (PlCodebookImportDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  pl_accessible_tidy (GTK_WIDGET (self));
}

PlCodebookImportDialog *
pl_codebook_import_dialog_new (GtkWindow            *parent,
                               PlCodebookImportPlan *plan,
                               const char           *name)
{
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;
  g_autofree char *details = NULL;
  PlCodebookImportDialog *self;

  g_return_val_if_fail (plan != NULL, NULL);

  heading = g_strdup_printf (_("Import “%s”?"), name);
  body = g_strdup_printf (_("%u new codes, %u changed, %u unchanged. Codes are matched by GUID, then by "
                            "their path. You can undo the import."),
                          pl_codebook_import_plan_count (plan, PL_CODEBOOK_PLAN_NEW),
                          pl_codebook_import_plan_count (plan, PL_CODEBOOK_PLAN_CHANGED),
                          pl_codebook_import_plan_count (plan, PL_CODEBOOK_PLAN_UNCHANGED));
  details = pl_codebook_import_plan_describe (plan);

  self = g_object_new (PL_TYPE_CODEBOOK_IMPORT_DIALOG, "transient-for", parent,
                       "heading", heading, "body", body, NULL);
  self->plan = plan;
  gtk_label_set_text (self->details_label, details);
  return self;
}
