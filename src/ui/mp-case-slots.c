/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 *
 * MpCaseSlots: the cases the case list shows, sorted and filtered, as
 * places rather than cases.
 *
 * GTK 4.8's list and grid views make a new row widget for every item they
 * have not seen before: a search keystroke that replaced the shown cases
 * destroyed and built every live row, most of the keystroke's time at 10,000
 * cases (issue 12). Here the item at position N is always the same
 * MpCaseSlot; when the cases under it change, the slot's "case" changes and
 * its row shows the new case in the widget it already has. Only a change in
 * the number of cases reaches the view, at the end of the list.
 *
 * It sorts and filters itself (instead of a GtkSortListModel and a
 * GtkFilterListModel): the cases are kept sorted in an array, and a
 * keystroke runs the filter over that array, or over what is shown when
 * the search only narrows, without a GObject reference or a GListStore
 * look-up per case. Signals "changing" and "changed" bracket every change
 * of what is shown, so that a selection can follow its case.
 */
#include "config.h"

#include "mp-case-slots.h"

struct _MpCaseSlot
{
  GObject  parent_instance;

  MpCase  *kase;
};

G_DEFINE_FINAL_TYPE (MpCaseSlot, mp_case_slot, G_TYPE_OBJECT)

enum {
  SLOT_PROP_0,
  SLOT_PROP_CASE,
  SLOT_N_PROPS
};

static GParamSpec *slot_properties[SLOT_N_PROPS];

static void
mp_case_slot_finalize (GObject *object)
{
  g_clear_object (&MP_CASE_SLOT (object)->kase);
  G_OBJECT_CLASS (mp_case_slot_parent_class)->finalize (object);
}

static void
mp_case_slot_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  switch (prop_id)
    {
    case SLOT_PROP_CASE:
      g_value_set_object (value, MP_CASE_SLOT (object)->kase);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mp_case_slot_class_init (MpCaseSlotClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = mp_case_slot_finalize;
  object_class->get_property = mp_case_slot_get_property;

  slot_properties[SLOT_PROP_CASE] =
    g_param_spec_object ("case", NULL, NULL, MP_TYPE_CASE,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, SLOT_N_PROPS, slot_properties);
}

static void
mp_case_slot_init (MpCaseSlot *self)
{
}

static void
slot_set_case (MpCaseSlot *self,
               MpCase     *kase)
{
  if (g_set_object (&self->kase, kase))
    g_object_notify_by_pspec (G_OBJECT (self), slot_properties[SLOT_PROP_CASE]);
}

/**
 * mp_case_slot_get_case:
 *
 * Returns: (transfer none) (nullable): the case shown at this place now
 */
MpCase *
mp_case_slot_get_case (MpCaseSlot *self)
{
  g_return_val_if_fail (MP_IS_CASE_SLOT (self), NULL);
  return self->kase;
}

/* A case and what the keep function keeps for it. */
typedef struct
{
  MpCase   *kase;
  gpointer  key;
} Entry;

struct _MpCaseSlots
{
  GObject            parent_instance;

  GListModel        *cases;
  GArray            *sorted;   /* Entry, every case of @cases, in order (owned) */
  GPtrArray         *shown;    /* Entry *, the ones kept, in order (into @sorted) */
  GPtrArray         *slots;    /* MpCaseSlot or NULL, one place per shown case */
  /* The keys of the cases by case, while @sorted is made again. */
  GHashTable        *keys;

  MpCaseKeepFunc     keep;
  MpCaseCompareFunc  compare;
  GDestroyNotify     key_free;
  gpointer           user_data;
};

enum {
  CHANGING,
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static GType
get_item_type (GListModel *model)
{
  return MP_TYPE_CASE_SLOT;
}

static guint
get_n_items (GListModel *model)
{
  return MP_CASE_SLOTS (model)->slots->len;
}

static gpointer
get_item (GListModel *model,
          guint       position)
{
  MpCaseSlots *self = MP_CASE_SLOTS (model);
  MpCaseSlot *slot;

  if (position >= self->slots->len)
    return NULL;
  slot = g_ptr_array_index (self->slots, position);
  if (slot == NULL)
    {
      slot = g_object_new (MP_TYPE_CASE_SLOT, NULL);
      slot->kase = g_object_ref (((Entry *) g_ptr_array_index (self->shown, position))->kase);
      self->slots->pdata[position] = slot;
    }
  return g_object_ref (slot);
}

static void
mp_case_slots_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = get_item_type;
  iface->get_n_items = get_n_items;
  iface->get_item = get_item;
}

G_DEFINE_FINAL_TYPE_WITH_CODE (MpCaseSlots, mp_case_slots, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      mp_case_slots_list_model_init))

/* Takes @shown as what is shown now. */
static void
show (MpCaseSlots *self,
      GPtrArray   *shown)
{
  guint old_n = self->slots->len;
  guint new_n = shown->len;

  g_signal_emit (self, signals[CHANGING], 0);
  g_ptr_array_unref (self->shown);
  self->shown = shown;

  /* The places that stay show what is there now; the places past the end
   * go (and their slots with them), new places are made when asked for. */
  g_ptr_array_set_size (self->slots, new_n);
  for (guint i = 0; i < MIN (old_n, new_n); i++)
    {
      MpCaseSlot *slot = g_ptr_array_index (self->slots, i);

      if (slot != NULL)
        slot_set_case (slot, ((Entry *) g_ptr_array_index (shown, i))->kase);
    }
  if (new_n < old_n)
    g_list_model_items_changed (G_LIST_MODEL (self), new_n, old_n - new_n, 0);
  else if (new_n > old_n)
    g_list_model_items_changed (G_LIST_MODEL (self), old_n, 0, new_n - old_n);
  g_signal_emit (self, signals[CHANGED], 0);
}

/**
 * mp_case_slots_refilter:
 * @change: how the filter changed: %GTK_FILTER_CHANGE_MORE_STRICT looks only
 *   at the cases shown now
 *
 * Runs the keep function again.
 */
void
mp_case_slots_refilter (MpCaseSlots     *self,
                        GtkFilterChange  change)
{
  GPtrArray *shown;

  g_return_if_fail (MP_IS_CASE_SLOTS (self));

  if (change == GTK_FILTER_CHANGE_MORE_STRICT)
    {
      shown = g_ptr_array_sized_new (self->shown->len);
      for (guint i = 0; i < self->shown->len; i++)
        {
          Entry *entry = g_ptr_array_index (self->shown, i);

          if (self->keep (entry->kase, &entry->key, self->user_data))
            g_ptr_array_add (shown, entry);
        }
    }
  else
    {
      shown = g_ptr_array_sized_new (self->sorted->len);
      for (guint i = 0; i < self->sorted->len; i++)
        {
          Entry *entry = &g_array_index (self->sorted, Entry, i);

          if (self->keep (entry->kase, &entry->key, self->user_data))
            g_ptr_array_add (shown, entry);
        }
    }
  show (self, shown);
}

static int
compare_cb (gconstpointer a,
            gconstpointer b,
            gpointer      user_data)
{
  MpCaseSlots *self = user_data;

  return self->compare (((const Entry *) a)->kase, ((const Entry *) b)->kase, self->user_data);
}

/**
 * mp_case_slots_resort:
 *
 * Sorts the cases again, then filters them.
 */
void
mp_case_slots_resort (MpCaseSlots *self)
{
  g_return_if_fail (MP_IS_CASE_SLOTS (self));

  /* @shown points into @sorted: nothing is shown until it is filtered again. */
  g_ptr_array_set_size (self->shown, 0);
  g_array_sort_with_data (self->sorted, compare_cb, self);
  mp_case_slots_refilter (self, GTK_FILTER_CHANGE_DIFFERENT);
}

static void
on_items_changed_cb (MpCaseSlots *self)
{
  guint n = self->cases != NULL ? g_list_model_get_n_items (self->cases) : 0;

  g_autoptr(GArray) old = self->sorted;

  /* Cases are added or removed now and then; taking them all again is a
   * few milliseconds at 10,000 cases. Their keys stay with them. */
  g_ptr_array_set_size (self->shown, 0);
  self->sorted = g_array_sized_new (FALSE, FALSE, sizeof (Entry), n);
  for (guint i = 0; i < old->len; i++)
    {
      Entry *entry = &g_array_index (old, Entry, i);

      if (entry->key != NULL)
        g_hash_table_insert (self->keys, entry->kase, g_steal_pointer (&entry->key));
    }
  for (guint i = 0; i < n; i++)
    {
      Entry entry = { g_list_model_get_item (self->cases, i), NULL };

      g_hash_table_steal_extended (self->keys, entry.kase, NULL, &entry.key);
      g_array_append_val (self->sorted, entry);
    }
  /* The keys of the cases that went; the cases only now, so that a new
   * case cannot take the place in memory of one that went and its key. */
  g_hash_table_remove_all (self->keys);
  for (guint i = 0; i < old->len; i++)
    g_object_unref (g_array_index (old, Entry, i).kase);
  mp_case_slots_resort (self);
}

void
mp_case_slots_set_model (MpCaseSlots *self,
                         GListModel  *cases)
{
  g_return_if_fail (MP_IS_CASE_SLOTS (self));
  g_return_if_fail (cases == NULL || G_IS_LIST_MODEL (cases));

  if (self->cases != NULL)
    g_signal_handlers_disconnect_by_func (self->cases, on_items_changed_cb, self);
  g_set_object (&self->cases, cases);
  if (cases != NULL)
    g_signal_connect_swapped (cases, "items-changed", G_CALLBACK (on_items_changed_cb), self);
  on_items_changed_cb (self);
}

/**
 * mp_case_slots_find:
 *
 * Returns: the position @kase is shown at, or %GTK_INVALID_LIST_POSITION
 */
guint
mp_case_slots_find (MpCaseSlots *self,
                    MpCase      *kase)
{
  guint position;

  g_return_val_if_fail (MP_IS_CASE_SLOTS (self), GTK_INVALID_LIST_POSITION);

  for (position = 0; kase != NULL && position < self->shown->len; position++)
    if (((Entry *) g_ptr_array_index (self->shown, position))->kase == kase)
      return position;
  return GTK_INVALID_LIST_POSITION;
}

/**
 * mp_case_slots_get_case:
 *
 * Returns: (transfer none) (nullable): the case shown at @position
 */
MpCase *
mp_case_slots_get_case (MpCaseSlots *self,
                        guint        position)
{
  g_return_val_if_fail (MP_IS_CASE_SLOTS (self), NULL);

  return position < self->shown->len ? ((Entry *) g_ptr_array_index (self->shown, position))->kase
                                     : NULL;
}

static void
mp_case_slots_dispose (GObject *object)
{
  MpCaseSlots *self = MP_CASE_SLOTS (object);

  if (self->cases != NULL)
    g_signal_handlers_disconnect_by_func (self->cases, on_items_changed_cb, self);
  g_clear_object (&self->cases);
  G_OBJECT_CLASS (mp_case_slots_parent_class)->dispose (object);
}

static void
mp_case_slots_finalize (GObject *object)
{
  MpCaseSlots *self = MP_CASE_SLOTS (object);

  g_ptr_array_unref (self->slots);
  g_ptr_array_unref (self->shown);
  for (guint i = 0; i < self->sorted->len; i++)
    {
      Entry *entry = &g_array_index (self->sorted, Entry, i);

      if (entry->key != NULL && self->key_free != NULL)
        self->key_free (entry->key);
      g_object_unref (entry->kase);
    }
  g_array_unref (self->sorted);
  g_hash_table_unref (self->keys);
  G_OBJECT_CLASS (mp_case_slots_parent_class)->finalize (object);
}

static void
mp_case_slots_class_init (MpCaseSlotsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = mp_case_slots_dispose;
  object_class->finalize = mp_case_slots_finalize;

  signals[CHANGING] = g_signal_new ("changing", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

/* g_object_unref() of a place not made yet would warn. */
static void
slot_unref (gpointer slot)
{
  if (slot != NULL)
    g_object_unref (slot);
}

static void
mp_case_slots_init (MpCaseSlots *self)
{
  self->sorted = g_array_new (FALSE, FALSE, sizeof (Entry));
  self->keys = g_hash_table_new (NULL, NULL);
  self->shown = g_ptr_array_new ();
  self->slots = g_ptr_array_new_with_free_func (slot_unref);
}

/**
 * mp_case_slots_new:
 * @keep: whether a case is shown
 * @compare: the order of the cases
 *
 * Returns: (transfer full): a list of #MpCaseSlot, one for each case shown
 */
MpCaseSlots *
mp_case_slots_new (MpCaseKeepFunc    keep,
                   MpCaseCompareFunc compare,
                   GDestroyNotify    key_free,
                   gpointer          user_data)
{
  MpCaseSlots *self;

  g_return_val_if_fail (keep != NULL && compare != NULL, NULL);

  self = g_object_new (MP_TYPE_CASE_SLOTS, NULL);
  self->keep = keep;
  self->compare = compare;
  self->key_free = key_free;
  self->user_data = user_data;
  g_hash_table_unref (self->keys);
  self->keys = g_hash_table_new_full (NULL, NULL, NULL, key_free);
  return self;
}
