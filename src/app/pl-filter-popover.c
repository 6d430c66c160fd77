/* pl-filter-popover.c — which statements an analysis looks at: the pickers of a PlQueryFilter
 *
 * The first page lists the fields, each with what is chosen; activating one slides to its
 * values, ticked as chosen, with a search entry over them.  Values are read from the
 * project when the popover is given it and again whenever it opens, so a speaker named a
 * moment ago can be picked.  A document or coder is chosen by id, shown by its title or
 * name.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "plenary-filter-popover"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <string.h>

#include "pl-filter-popover.h"
#include "pl-transcript-describe.h"
#include "pl-text-view.h"

typedef struct
{
  GPtrArray  *values;   /* char *, as stored */
  GPtrArray  *labels;   /* char *, as shown */
  GHashTable *chosen;   /* values ticked */
  GtkWidget  *row;      /* its AdwActionRow on the first page */
} Field;

struct _PlFilterPopover
{
  GtkPopover   parent_instance;

  GtkStack    *stack;
  GtkListBox  *fields_list;
  AdwEntryRow *since_row;
  AdwEntryRow *until_row;
  GtkButton   *clear_button;
  GtkButton   *back_button;
  GtkButton   *any_button;
  GtkLabel    *values_title;
  GtkSearchEntry *values_search;
  GtkListBox  *values_list;
  GtkLabel    *values_empty;

  PlProject   *project;
  Field        fields[PL_N_FILTERS];
  int          open_field;   /* the field whose values are shown, -1: none */
  gboolean     filling;      /* setting check buttons, not the user */
};

G_DEFINE_FINAL_TYPE (PlFilterPopover, pl_filter_popover, GTK_TYPE_POPOVER)

enum
{
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const char *
field_title (PlFilterField field)
{
  switch (field)
    {
    case PL_FILTER_ENTITY: return _("Speaker’s entity");
    case PL_FILTER_ENTITY_TYPE: return _("Entity type");
    case PL_FILTER_REGIONAL_GROUP: return _("Regional group");
    case PL_FILTER_ON_BEHALF_OF: return _("On behalf of");
    case PL_FILTER_DOCUMENT: return _("Document");
    case PL_FILTER_PROCESS: return _("Process");
    case PL_FILTER_SESSION: return _("Session");
    case PL_FILTER_CODER: return _("Coder");
    case PL_FILTER_STANCE: return _("Stance");
    case PL_N_FILTERS:
    default:
      g_assert_not_reached ();
    }
}

static const char *
stance_label (const char *stance)
{
  if (g_strcmp0 (stance, "supports") == 0)
    return _("Supports");
  if (g_strcmp0 (stance, "opposes") == 0)
    return _("Opposes");
  if (g_strcmp0 (stance, "calls_for_new") == 0)
    return _("Calls for new");
  if (g_strcmp0 (stance, "reports_practice") == 0)
    return _("Reports practice");
  if (g_strcmp0 (stance, "neutral") == 0)
    return _("Neutral");
  return stance;
}

/* Values */

static void
add_value (Field      *field,
           const char *value,
           const char *label)
{
  g_ptr_array_add (field->values, g_strdup (value));
  g_ptr_array_add (field->labels, g_strdup (label));
}

static void
read_values (PlFilterPopover *self,
             PlFilterField    which)
{
  static const PlQueryField query_fields[] = {
    [PL_FILTER_ENTITY] = PL_QUERY_FIELD_ENTITY,
    [PL_FILTER_ENTITY_TYPE] = PL_QUERY_FIELD_ENTITY_TYPE,
    [PL_FILTER_REGIONAL_GROUP] = PL_QUERY_FIELD_REGIONAL_GROUP,
    [PL_FILTER_ON_BEHALF_OF] = PL_QUERY_FIELD_ON_BEHALF_OF,
    [PL_FILTER_PROCESS] = PL_QUERY_FIELD_PROCESS,
    [PL_FILTER_SESSION] = PL_QUERY_FIELD_SESSION,
    [PL_FILTER_STANCE] = PL_QUERY_FIELD_STANCE,
  };
  Field *field = &self->fields[which];

  g_ptr_array_set_size (field->values, 0);
  g_ptr_array_set_size (field->labels, 0);
  if (self->project == NULL)
    return;

  if (which == PL_FILTER_DOCUMENT)
    {
      GListModel *documents = pl_project_get_documents (self->project);

      for (guint i = 0; i < g_list_model_get_n_items (documents); i++)
        {
          g_autoptr(PlDocument) document = g_list_model_get_item (documents, i);
          g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, pl_document_get_id (document));

          add_value (field, id, pl_document_get_title (document));
        }
    }
  else if (which == PL_FILTER_CODER)
    {
      g_autoptr(GPtrArray) coders = pl_project_list_coders (self->project);

      for (guint i = 0; i < coders->len; i++)
        {
          PlCoder *coder = g_ptr_array_index (coders, i);
          g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, coder->id);

          add_value (field, id, coder->name);
        }
    }
  else
    {
      g_autoptr(GError) error = NULL;
      g_auto(GStrv) values = pl_project_query_list_values (self->project, query_fields[which], &error);

      if (values == NULL)
        {
          g_debug ("Could not list the values of %s: %s", field_title (which), error->message);
          return;
        }
      for (guint i = 0; values[i] != NULL; i++)
        {
          const char *label = values[i];

          if (which == PL_FILTER_STANCE)
            label = stance_label (values[i]);
          else if (which == PL_FILTER_ENTITY_TYPE && pl_transcript_describe_entity_type (values[i]) != NULL)
            label = pl_transcript_describe_entity_type (values[i]);
          add_value (field, values[i], label);
        }
    }
}

static const char *
label_of (Field      *field,
          const char *value)
{
  for (guint i = 0; i < field->values->len; i++)
    if (g_str_equal (g_ptr_array_index (field->values, i), value))
      return g_ptr_array_index (field->labels, i);
  return value;
}

/* The chosen values in the order listed (chosen values the project no longer has last). */
static GPtrArray *
chosen_values (Field *field)
{
  GPtrArray *values = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer key;

  for (guint i = 0; i < field->values->len; i++)
    if (g_hash_table_contains (field->chosen, g_ptr_array_index (field->values, i)))
      g_ptr_array_add (values, g_ptr_array_index (field->values, i));
  g_hash_table_iter_init (&iter, field->chosen);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (!g_ptr_array_find_with_equal_func (values, key, g_str_equal, NULL))
      g_ptr_array_add (values, key);
  return values;
}

static char *
describe_field (Field *field)
{
  g_autoptr(GPtrArray) values = chosen_values (field);
  g_autoptr(GString) text = g_string_new (NULL);

  if (values->len == 0)
    return g_strdup (_("Any"));
  for (guint i = 0; i < values->len; i++)
    {
      if (i > 0)
        g_string_append (text, ", ");
      g_string_append (text, label_of (field, g_ptr_array_index (values, i)));
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
update_rows (PlFilterPopover *self)
{
  for (guint i = 0; i < PL_N_FILTERS; i++)
    {
      g_autofree char *summary = describe_field (&self->fields[i]);

      adw_action_row_set_subtitle (ADW_ACTION_ROW (self->fields[i].row), summary);
    }
}

static void
emit_changed (PlFilterPopover *self)
{
  update_rows (self);
  g_signal_emit (self, signals[CHANGED], 0);
}

/* The values page */

static void
on_value_toggled (PlFilterPopover *self,
                  GtkCheckButton  *check)
{
  Field *field;
  const char *value = g_object_get_data (G_OBJECT (check), "value");

  if (self->filling || self->open_field < 0)
    return;
  field = &self->fields[self->open_field];
  if (gtk_check_button_get_active (check))
    g_hash_table_add (field->chosen, g_strdup (value));
  else
    g_hash_table_remove (field->chosen, value);
  emit_changed (self);
}

static gboolean
match_value (GtkListBoxRow *row,
             gpointer       user_data)
{
  PlFilterPopover *self = user_data;
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->values_search));
  GtkWidget *check = gtk_list_box_row_get_child (row);
  g_autofree char *needle = NULL;
  g_autofree char *label = NULL;

  if (text == NULL || *text == '\0')
    return TRUE;
  needle = g_utf8_casefold (text, -1);
  label = g_utf8_casefold (gtk_check_button_get_label (GTK_CHECK_BUTTON (check)), -1);
  return strstr (label, needle) != NULL;
}

static void
show_values (PlFilterPopover *self,
             PlFilterField    which)
{
  Field *field = &self->fields[which];
  GtkWidget *child;

  self->open_field = which;
  read_values (self, which);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->values_list))) != NULL)
    gtk_list_box_remove (self->values_list, child);

  self->filling = TRUE;
  for (guint i = 0; i < field->values->len; i++)
    {
      const char *value = g_ptr_array_index (field->values, i);
      GtkWidget *check = gtk_check_button_new_with_label (g_ptr_array_index (field->labels, i));

      g_object_set_data_full (G_OBJECT (check), "value", g_strdup (value), g_free);
      gtk_check_button_set_active (GTK_CHECK_BUTTON (check), g_hash_table_contains (field->chosen, value));
      gtk_widget_set_margin_start (check, 6);
      gtk_widget_set_margin_end (check, 6);
      gtk_widget_set_margin_top (check, 3);
      gtk_widget_set_margin_bottom (check, 3);
      g_signal_connect_object (check, "toggled", G_CALLBACK (on_value_toggled), self, G_CONNECT_SWAPPED);
      gtk_list_box_append (self->values_list, check);
    }
  self->filling = FALSE;

  gtk_label_set_text (self->values_title, field_title (which));
  gtk_editable_set_text (GTK_EDITABLE (self->values_search), "");
  gtk_widget_set_visible (GTK_WIDGET (self->values_search), field->values->len > 8);
  gtk_widget_set_visible (GTK_WIDGET (self->values_empty), field->values->len == 0);
  gtk_widget_set_visible (gtk_widget_get_parent (GTK_WIDGET (self->values_list)), field->values->len > 0);
  gtk_stack_set_visible_child_name (self->stack, "values");
  if (field->values->len > 8)
    gtk_widget_grab_focus (GTK_WIDGET (self->values_search));
  else
    gtk_widget_child_focus (GTK_WIDGET (self->values_list), GTK_DIR_TAB_FORWARD);
}

static void
show_fields (PlFilterPopover *self)
{
  int field = self->open_field;

  self->open_field = -1;
  gtk_stack_set_visible_child_name (self->stack, "fields");
  if (field >= 0)
    gtk_widget_grab_focus (self->fields[field].row);
}

static void
on_any_clicked (PlFilterPopover *self)
{
  if (self->open_field < 0)
    return;
  g_hash_table_remove_all (self->fields[self->open_field].chosen);
  emit_changed (self);
  show_fields (self);
}

static void
on_field_activated (PlFilterPopover *self,
                    GtkListBoxRow   *row)
{
  for (guint i = 0; i < PL_N_FILTERS; i++)
    if (self->fields[i].row == GTK_WIDGET (row))
      show_values (self, i);
}

/* Dates */

static gboolean
is_date (const char *text)
{
  static const char pattern[] = "dddd-dd-dd";
  gsize length = strlen (text);

  if (length != 4 && length != 7 && length != 10)
    return FALSE;
  for (gsize i = 0; i < length; i++)
    if (pattern[i] == 'd' ? !g_ascii_isdigit (text[i]) : text[i] != '-')
      return FALSE;
  return TRUE;
}

static const char *
date_of (AdwEntryRow *row)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (row));

  return text != NULL && is_date (text) ? text : NULL;
}

static void
on_date_changed (PlFilterPopover *self,
                 GParamSpec      *pspec,
                 AdwEntryRow     *row)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (row));
  gboolean valid = *text == '\0' || is_date (text);

  if (valid)
    gtk_widget_remove_css_class (GTK_WIDGET (row), "error");
  else
    gtk_widget_add_css_class (GTK_WIDGET (row), "error");
  if (!self->filling && valid)
    g_signal_emit (self, signals[CHANGED], 0);
}

/* Public */

void
pl_filter_popover_set_project (PlFilterPopover *self,
                               PlProject       *project)
{
  g_return_if_fail (PL_IS_FILTER_POPOVER (self));

  g_set_object (&self->project, project);
  self->filling = TRUE;
  /* A field's values are read when it is shown or set: opening a project costs nothing here. */
  for (guint i = 0; i < PL_N_FILTERS; i++)
    {
      g_hash_table_remove_all (self->fields[i].chosen);
      g_ptr_array_set_size (self->fields[i].values, 0);
      g_ptr_array_set_size (self->fields[i].labels, 0);
    }
  gtk_editable_set_text (GTK_EDITABLE (self->since_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->until_row), "");
  self->filling = FALSE;
  update_rows (self);
}

static char **
strv_of (Field *field)
{
  g_autoptr(GPtrArray) values = chosen_values (field);
  char **strv;

  if (values->len == 0)
    return NULL;
  strv = g_new0 (char *, values->len + 1);
  for (guint i = 0; i < values->len; i++)
    strv[i] = g_strdup (g_ptr_array_index (values, i));
  return strv;
}

static GArray *
ids_of (Field *field)
{
  g_autoptr(GPtrArray) values = chosen_values (field);
  GArray *ids;

  if (values->len == 0)
    return NULL;
  ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  for (guint i = 0; i < values->len; i++)
    {
      gint64 id = g_ascii_strtoll (g_ptr_array_index (values, i), NULL, 10);

      g_array_append_val (ids, id);
    }
  return ids;
}

void
pl_filter_popover_get_filter (PlFilterPopover *self,
                              PlQueryFilter   *filter)
{
  g_return_if_fail (PL_IS_FILTER_POPOVER (self));
  g_return_if_fail (filter != NULL);

  memset (filter, 0, sizeof *filter);
  filter->entities = strv_of (&self->fields[PL_FILTER_ENTITY]);
  filter->entity_types = strv_of (&self->fields[PL_FILTER_ENTITY_TYPE]);
  filter->regional_groups = strv_of (&self->fields[PL_FILTER_REGIONAL_GROUP]);
  filter->on_behalf_of = strv_of (&self->fields[PL_FILTER_ON_BEHALF_OF]);
  filter->document_ids = ids_of (&self->fields[PL_FILTER_DOCUMENT]);
  filter->processes = strv_of (&self->fields[PL_FILTER_PROCESS]);
  filter->sessions = strv_of (&self->fields[PL_FILTER_SESSION]);
  filter->coder_ids = ids_of (&self->fields[PL_FILTER_CODER]);
  filter->stances = strv_of (&self->fields[PL_FILTER_STANCE]);
  filter->since = g_strdup (date_of (self->since_row));
  filter->until = g_strdup (date_of (self->until_row));
}

void
pl_filter_popover_set_values (PlFilterPopover  *self,
                              PlFilterField     field,
                              const char      **values)
{
  g_return_if_fail (PL_IS_FILTER_POPOVER (self));
  g_return_if_fail (field < PL_N_FILTERS);

  read_values (self, field);
  g_hash_table_remove_all (self->fields[field].chosen);
  for (guint i = 0; values != NULL && values[i] != NULL; i++)
    g_hash_table_add (self->fields[field].chosen, g_strdup (values[i]));
  emit_changed (self);
}

void
pl_filter_popover_set_dates (PlFilterPopover *self,
                             const char      *since,
                             const char      *until)
{
  g_return_if_fail (PL_IS_FILTER_POPOVER (self));

  self->filling = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->since_row), since != NULL ? since : "");
  gtk_editable_set_text (GTK_EDITABLE (self->until_row), until != NULL ? until : "");
  self->filling = FALSE;
  g_signal_emit (self, signals[CHANGED], 0);
}

guint
pl_filter_popover_get_n_active (PlFilterPopover *self)
{
  guint n = 0;

  g_return_val_if_fail (PL_IS_FILTER_POPOVER (self), 0);

  for (guint i = 0; i < PL_N_FILTERS; i++)
    n += g_hash_table_size (self->fields[i].chosen) > 0;
  n += date_of (self->since_row) != NULL || date_of (self->until_row) != NULL;
  return n;
}

char *
pl_filter_popover_dup_summary (PlFilterPopover *self)
{
  g_autoptr(GString) text = g_string_new (NULL);
  const char *since, *until;

  g_return_val_if_fail (PL_IS_FILTER_POPOVER (self), NULL);

  for (guint i = 0; i < PL_N_FILTERS; i++)
    if (g_hash_table_size (self->fields[i].chosen) > 0)
      {
        g_autofree char *values = describe_field (&self->fields[i]);

        g_string_append_printf (text, "%s%s", text->len > 0 ? "; " : "", values);
      }
  since = date_of (self->since_row);
  until = date_of (self->until_row);
  if (since != NULL || until != NULL)
    g_string_append_printf (text, "%s%s – %s", text->len > 0 ? "; " : "",
                            since != NULL ? since : "", until != NULL ? until : "");
  if (text->len == 0)
    return NULL;
  return g_string_free (g_steal_pointer (&text), FALSE);
}

void
pl_filter_popover_clear (PlFilterPopover *self)
{
  g_return_if_fail (PL_IS_FILTER_POPOVER (self));

  for (guint i = 0; i < PL_N_FILTERS; i++)
    g_hash_table_remove_all (self->fields[i].chosen);
  self->filling = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->since_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->until_row), "");
  self->filling = FALSE;
  emit_changed (self);
}

/* GObject */

static void
on_show (PlFilterPopover *self)
{
  gtk_stack_set_visible_child_name (self->stack, "fields");
  self->open_field = -1;
}

static void
pl_filter_popover_dispose (GObject *object)
{
  PlFilterPopover *self = PL_FILTER_POPOVER (object);

  g_clear_object (&self->project);
  gtk_widget_dispose_template (GTK_WIDGET (self), PL_TYPE_FILTER_POPOVER);
  G_OBJECT_CLASS (pl_filter_popover_parent_class)->dispose (object);
}

static void
pl_filter_popover_finalize (GObject *object)
{
  PlFilterPopover *self = PL_FILTER_POPOVER (object);

  for (guint i = 0; i < PL_N_FILTERS; i++)
    {
      g_ptr_array_unref (self->fields[i].values);
      g_ptr_array_unref (self->fields[i].labels);
      g_hash_table_unref (self->fields[i].chosen);
    }
  G_OBJECT_CLASS (pl_filter_popover_parent_class)->finalize (object);
}

static void
pl_filter_popover_class_init (PlFilterPopoverClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pl_filter_popover_dispose;
  object_class->finalize = pl_filter_popover_finalize;

  /**
   * PlFilterPopover::changed:
   *
   * Something was chosen or cleared.
   */
  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/plenary/Plenary/pl-filter-popover.ui");
  gtk_widget_class_bind_template_child (widget_class, PlFilterPopover, stack);
  gtk_widget_class_bind_template_child (widget_class, PlFilterPopover, fields_list);
  gtk_widget_class_bind_template_child (widget_class, PlFilterPopover, since_row);
  gtk_widget_class_bind_template_child (widget_class, PlFilterPopover, until_row);
  gtk_widget_class_bind_template_child (widget_class, PlFilterPopover, clear_button);
  gtk_widget_class_bind_template_child (widget_class, PlFilterPopover, back_button);
  gtk_widget_class_bind_template_child (widget_class, PlFilterPopover, any_button);
  gtk_widget_class_bind_template_child (widget_class, PlFilterPopover, values_title);
  gtk_widget_class_bind_template_child (widget_class, PlFilterPopover, values_search);
  gtk_widget_class_bind_template_child (widget_class, PlFilterPopover, values_list);
  gtk_widget_class_bind_template_child (widget_class, PlFilterPopover, values_empty);
}

static void
pl_filter_popover_init (PlFilterPopover *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->open_field = -1;
  for (guint i = 0; i < PL_N_FILTERS; i++)
    {
      GtkWidget *row = adw_action_row_new ();

      self->fields[i].values = g_ptr_array_new_with_free_func (g_free);
      self->fields[i].labels = g_ptr_array_new_with_free_func (g_free);
      self->fields[i].chosen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      self->fields[i].row = row;
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), field_title (i));
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
      gtk_list_box_append (self->fields_list, row);
    }
  update_rows (self);

  gtk_list_box_set_filter_func (self->values_list, match_value, self, NULL);
  g_signal_connect_object (self->values_search, "search-changed", G_CALLBACK (gtk_list_box_invalidate_filter),
                           self->values_list, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->fields_list, "row-activated", G_CALLBACK (on_field_activated), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->back_button, "clicked", G_CALLBACK (show_fields), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->any_button, "clicked", G_CALLBACK (on_any_clicked), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->clear_button, "clicked", G_CALLBACK (pl_filter_popover_clear), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->since_row, "notify::text", G_CALLBACK (on_date_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->until_row, "notify::text", G_CALLBACK (on_date_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect (self, "show", G_CALLBACK (on_show), NULL);
}

GtkWidget *
pl_filter_popover_new (void)
{
  return g_object_new (PL_TYPE_FILTER_POPOVER, NULL);
}
