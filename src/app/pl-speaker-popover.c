/* pl-speaker-popover.c — who spoke: a name completed from the gazetteer
 *
 * What was typed is kept as written, unless a suggestion was picked with the arrow keys or
 * clicked.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "plenary-speaker-popover"

#include "config.h"

#include "pl-compat.h"
#include "pl-list-keys.h"
#include "pl-speaker-popover.h"

struct _PlSpeakerPopover
{
  GtkPopover          parent_instance;

  GtkSearchEntry     *entry;
  GtkListView        *list_view;
  GtkSingleSelection *selection;
  GtkStringList      *names;
  GtkStringFilter    *filter;
  GtkCheckButton     *remember;
  GtkDropDown        *kind;

  gboolean            picked;   /* a suggestion was chosen with the arrows */
};

G_DEFINE_FINAL_TYPE (PlSpeakerPopover, pl_speaker_popover, GTK_TYPE_POPOVER)

enum {
  SPEAKER_CHOSEN,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* The kinds a new speaker can be remembered as, in the drop-down's order. */
static const PlEntityType remember_types[] = {
  PL_ENTITY_TYPE_NGO, PL_ENTITY_TYPE_ACADEMIA, PL_ENTITY_TYPE_PRIVATE_SECTOR, PL_ENTITY_TYPE_IGO,
  PL_ENTITY_TYPE_UN_ENTITY, PL_ENTITY_TYPE_GROUP_OF_STATES, PL_ENTITY_TYPE_OBSERVER_STATE,
  PL_ENTITY_TYPE_MEMBER_STATE, PL_ENTITY_TYPE_CHAIR, PL_ENTITY_TYPE_SECRETARIAT,
};

static void
choose (PlSpeakerPopover *self,
        const char       *speaker)
{
  g_autofree char *name = g_strstrip (g_strdup (speaker));

  gtk_popover_popdown (GTK_POPOVER (self));
  g_signal_emit (self, signals[SPEAKER_CHOSEN], 0, name);
}

static void
on_entry_activate (PlSpeakerPopover *self)
{
  GtkStringObject *selected = gtk_single_selection_get_selected_item (self->selection);

  if (self->picked && selected != NULL)
    choose (self, gtk_string_object_get_string (selected));
  else
    choose (self, gtk_editable_get_text (GTK_EDITABLE (self->entry)));
}

static void
on_row_activate (PlSpeakerPopover *self,
                 guint             position)
{
  g_autoptr(GtkStringObject) item = g_list_model_get_item (G_LIST_MODEL (self->selection), position);

  if (item != NULL)
    choose (self, gtk_string_object_get_string (item));
}

static void
on_search_changed (PlSpeakerPopover *self)
{
  gtk_string_filter_set_search (self->filter, gtk_editable_get_text (GTK_EDITABLE (self->entry)));
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  self->picked = FALSE;
}

static gboolean
on_entry_key (GtkEventControllerKey *controller,
              guint                  keyval,
              guint                  keycode,
              GdkModifierType        state,
              PlSpeakerPopover      *self)
{
  if (!pl_list_keys_step (self->list_view, self->selection, keyval))
    return FALSE;
  self->picked = TRUE;
  return TRUE;
}

void
pl_speaker_popover_start (PlSpeakerPopover   *self,
                          const char * const *names,
                          const char         *speaker)
{
  g_return_if_fail (PL_IS_SPEAKER_POPOVER (self));

  gtk_string_list_splice (self->names, 0, g_list_model_get_n_items (G_LIST_MODEL (self->names)), names);
  gtk_editable_set_text (GTK_EDITABLE (self->entry), speaker != NULL ? speaker : "");
  on_search_changed (self);
  gtk_popover_popup (GTK_POPOVER (self));
  gtk_widget_grab_focus (GTK_WIDGET (self->entry));
}

GtkEditable *
pl_speaker_popover_get_entry (PlSpeakerPopover *self)
{
  g_return_val_if_fail (PL_IS_SPEAKER_POPOVER (self), NULL);
  return GTK_EDITABLE (self->entry);
}

gboolean
pl_speaker_popover_get_remember (PlSpeakerPopover *self,
                                 PlEntityType     *type)
{
  guint kind;

  g_return_val_if_fail (PL_IS_SPEAKER_POPOVER (self), FALSE);

  kind = gtk_drop_down_get_selected (self->kind);
  if (type != NULL)
    *type = remember_types[MIN (kind, G_N_ELEMENTS (remember_types) - 1)];
  return gtk_check_button_get_active (self->remember);
}

void
pl_speaker_popover_set_remember (PlSpeakerPopover *self,
                                 gboolean          remember,
                                 PlEntityType      type)
{
  g_return_if_fail (PL_IS_SPEAKER_POPOVER (self));

  gtk_check_button_set_active (self->remember, remember);
  for (guint i = 0; i < G_N_ELEMENTS (remember_types); i++)
    if (remember_types[i] == type)
      gtk_drop_down_set_selected (self->kind, i);
}

static void
pl_speaker_popover_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), PL_TYPE_SPEAKER_POPOVER);

  G_OBJECT_CLASS (pl_speaker_popover_parent_class)->dispose (object);
}

static void
pl_speaker_popover_class_init (PlSpeakerPopoverClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pl_speaker_popover_dispose;

  /**
   * PlSpeakerPopover::speaker-chosen:
   * @speaker: the name, without surrounding spaces (may be empty)
   */
  signals[SPEAKER_CHOSEN] =
    g_signal_new ("speaker-chosen", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/plenary/Plenary/pl-speaker-popover.ui");
  gtk_widget_class_bind_template_child (widget_class, PlSpeakerPopover, entry);
  gtk_widget_class_bind_template_child (widget_class, PlSpeakerPopover, list_view);
  gtk_widget_class_bind_template_child (widget_class, PlSpeakerPopover, selection);
  gtk_widget_class_bind_template_child (widget_class, PlSpeakerPopover, names);
  gtk_widget_class_bind_template_child (widget_class, PlSpeakerPopover, filter);
  gtk_widget_class_bind_template_child (widget_class, PlSpeakerPopover, remember);
  gtk_widget_class_bind_template_child (widget_class, PlSpeakerPopover, kind);
  gtk_widget_class_bind_template_callback (widget_class, on_entry_activate);
  gtk_widget_class_bind_template_callback (widget_class, on_row_activate);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_entry_key);
}

static void
pl_speaker_popover_init (PlSpeakerPopover *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  pl_accessible_tidy (GTK_WIDGET (self));
}

GtkWidget *
pl_speaker_popover_new (void)
{
  return g_object_new (PL_TYPE_SPEAKER_POPOVER, NULL);
}
