/* pl-codebook-merge-popover.c — find the code to merge the selected one into
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "plenary-codebook-merge"

#include "config.h"

#include <string.h>

#include "pl-codebook-merge-popover.h"

struct _PlCodebookMergePopover
{
  GtkPopover          parent_instance;

  GtkSearchEntry     *search_entry;
  GtkFilterListModel *filtered;
  GtkCustomFilter    *filter;

  PlProject          *project;
  PlCode             *source;
};

G_DEFINE_FINAL_TYPE (PlCodebookMergePopover, pl_codebook_merge_popover, GTK_TYPE_POPOVER)

enum {
  CODE_CHOSEN,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Whether @code is the source or lies below it: merging there would lose the code. */
static gboolean
within_source (PlCodebookMergePopover *self,
               PlCode                 *code)
{
  while (code != NULL)
    {
      if (code == self->source)
        return TRUE;
      code = pl_code_get_parent_id (code) != 0 ? pl_project_find_code (self->project, pl_code_get_parent_id (code)) : NULL;
    }
  return FALSE;
}

/* By path, case-insensitively, or by the start of the short id. */
static gboolean
match (gpointer item,
       gpointer user_data)
{
  PlCodebookMergePopover *self = user_data;
  PlCode *code = item;
  const char *search = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  g_autofree char *needle = NULL;
  g_autofree char *path = NULL;

  if (self->source == NULL || within_source (self, code))
    return FALSE;
  if (search == NULL || search[0] == '\0')
    return TRUE;
  needle = g_utf8_casefold (search, -1);
  path = g_utf8_casefold (pl_code_get_path (code), -1);
  return strstr (path, needle) != NULL
         || (pl_code_get_short_id (code) != NULL && g_ascii_strncasecmp (pl_code_get_short_id (code), search, strlen (search)) == 0);
}

static void
refilter (PlCodebookMergePopover *self)
{
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
}

static void
on_show (GtkWidget              *widget,
         PlCodebookMergePopover *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  refilter (self);
}

static void
setup_row (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           PlCodebookMergePopover   *self)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_MIDDLE);
  gtk_list_item_set_child (item, label);
}

/* "NRM.F  Norms / Not damaging critical infrastructure" */
static void
bind_row (GtkSignalListItemFactory *factory,
          GtkListItem              *item,
          PlCodebookMergePopover   *self)
{
  PlCode *code = gtk_list_item_get_item (item);
  g_autofree char *text = pl_code_get_short_id (code) != NULL
    ? g_strdup_printf ("%s  %s", pl_code_get_short_id (code), pl_code_get_path (code))
    : g_strdup (pl_code_get_path (code));

  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (item)), text);
}

static void
on_activate (PlCodebookMergePopover *self,
             guint                   position)
{
  g_autoptr(PlCode) target = g_list_model_get_item (G_LIST_MODEL (self->filtered), position);

  if (target == NULL)
    return;
  gtk_popover_popdown (GTK_POPOVER (self));
  g_signal_emit (self, signals[CODE_CHOSEN], 0, target);
}

void
pl_codebook_merge_popover_set_project (PlCodebookMergePopover *self,
                                       PlProject              *project)
{
  g_return_if_fail (PL_IS_CODEBOOK_MERGE_POPOVER (self));
  g_return_if_fail (project == NULL || PL_IS_PROJECT (project));

  if (self->project == project)
    return;
  if (self->project != NULL)
    g_signal_handlers_disconnect_by_data (self->project, self);
  g_set_object (&self->project, project);
  g_clear_object (&self->source);
  gtk_filter_list_model_set_model (self->filtered, project != NULL ? pl_project_get_codes (project) : NULL);
  /* After the codes are reloaded (not while they are), as moves change what lies below
   * the source. */
  if (project != NULL)
    g_signal_connect_object (project, "codes-changed", G_CALLBACK (refilter), self, G_CONNECT_SWAPPED);
}

void
pl_codebook_merge_popover_set_source (PlCodebookMergePopover *self,
                                      PlCode                 *source)
{
  g_return_if_fail (PL_IS_CODEBOOK_MERGE_POPOVER (self));
  g_return_if_fail (source == NULL || PL_IS_CODE (source));

  /* Filtered again when shown: a selection cannot change while the popover is open. */
  g_set_object (&self->source, source);
}

static void
pl_codebook_merge_popover_dispose (GObject *object)
{
  PlCodebookMergePopover *self = PL_CODEBOOK_MERGE_POPOVER (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), PL_TYPE_CODEBOOK_MERGE_POPOVER);
  g_clear_object (&self->source);
  if (self->project != NULL)
    g_signal_handlers_disconnect_by_data (self->project, self);
  g_clear_object (&self->project);

  G_OBJECT_CLASS (pl_codebook_merge_popover_parent_class)->dispose (object);
}

static void
pl_codebook_merge_popover_class_init (PlCodebookMergePopoverClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pl_codebook_merge_popover_dispose;

  /**
   * PlCodebookMergePopover::code-chosen:
   * @code: the PlCode to merge into
   */
  signals[CODE_CHOSEN] =
    g_signal_new ("code-chosen", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, PL_TYPE_CODE);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/plenary/Plenary/pl-codebook-merge-popover.ui");
  gtk_widget_class_bind_template_child (widget_class, PlCodebookMergePopover, search_entry);
  gtk_widget_class_bind_template_child (widget_class, PlCodebookMergePopover, filtered);
  gtk_widget_class_bind_template_child (widget_class, PlCodebookMergePopover, filter);
  gtk_widget_class_bind_template_callback (widget_class, refilter);
  gtk_widget_class_bind_template_callback (widget_class, on_show);
  gtk_widget_class_bind_template_callback (widget_class, setup_row);
  gtk_widget_class_bind_template_callback (widget_class, bind_row);
  gtk_widget_class_bind_template_callback (widget_class, on_activate);
}

static void
pl_codebook_merge_popover_init (PlCodebookMergePopover *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_custom_filter_set_filter_func (self->filter, match, self, NULL);
}
