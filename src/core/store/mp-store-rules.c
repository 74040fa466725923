/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 */
#include "config.h"

#include "mp-store-private.h"

/* The rules applied to the desk's data: the store's queries handed to the
 * rules of src/core, and the two kept views of its cases (the reward
 * ledger and the duplicate index), explicit objects the store keeps up to
 * date with its writes. */

static GListModel *
list_deadlines (MpStore  *store,
                gint64    from,
                gint64    to,
                gboolean  publications,
                GError  **error)
{
  g_autoptr(GListModel) all = NULL;
  g_autoptr(GListModel) renewals = NULL;
  g_autoptr(GListStore) extra = g_list_store_new (MP_TYPE_DEADLINE);

  /* Already only open cases, in no particular order. */
  all = mp_store_list_deadlines (store, NULL, error);
  if (all == NULL)
    return NULL;
  /* The desk's own: the renewal of each published security.txt. */
  renewals = mp_store_list_renewals (store, error);
  if (renewals == NULL)
    return NULL;
  for (guint i = 0; i < g_list_model_get_n_items (renewals); i++)
    {
      g_autoptr(MpDeadline) deadline = g_list_model_get_item (renewals, i);
      gint64 due = mp_deadline_get_due_at (deadline);

      if ((from == 0 || due >= from) && (to == 0 || due < to))
        g_list_store_append (extra, deadline);
    }
  if (publications)
    {
      g_autoptr(GListModel) settled = mp_store_list_settled_publications (store, error);

      if (settled == NULL)
        return NULL;
      for (guint i = 0; i < g_list_model_get_n_items (settled); i++)
        {
          g_autoptr(MpDeadline) deadline = g_list_model_get_item (settled, i);

          g_list_store_append (extra, deadline);
        }
    }
  if (publications)
    {
      gint64 expires_at = 0;

      /* The desk key's renewal: a month before reporters can no longer
       * encrypt to it. Readable while locked, like the key's fingerprint. */
      if (mp_store_get_desk_key_info (store, NULL, &expires_at, NULL, NULL) && expires_at > 0)
        {
          g_autoptr(MpDeadline) deadline =
            mp_deadline_new ("", MP_DEADLINE_DESK_KEY_EXPIRY,
                             (expires_at - MP_DESK_KEY_WARNING_DAYS * 86400) * G_USEC_PER_SEC, 0);

          g_list_store_append (extra, deadline);
        }
    }
  return mp_deadlines_select_open (all, G_LIST_MODEL (extra), from, to);
}

GListModel *
mp_deadlines_list_open (MpStore  *store,
                        gint64    from,
                        gint64    to,
                        GError  **error)
{
  g_return_val_if_fail (MP_IS_STORE (store), NULL);

  return list_deadlines (store, from, to, FALSE, error);
}

GListModel *
mp_deadlines_list_for_calendar (MpStore  *store,
                                GError  **error)
{
  g_return_val_if_fail (MP_IS_STORE (store), NULL);

  return list_deadlines (store, 0, 0, TRUE, error);
}

/* A change of the list of cases (added, unlocked, locked, a batch undone)
 * drops the ledger until the next use; a changed case updates its entry
 * (_mp_store_update_views()). */
static void
on_cases_changed_cb (GListModel *cases,
                     guint       position,
                     guint       removed,
                     guint       added,
                     MpStore    *self)
{
  g_clear_object (&self->reward_ledger);
}

void
_mp_store_init_views (MpStore *self)
{
  g_signal_connect (self->cases, "items-changed", G_CALLBACK (on_cases_changed_cb), self);
}

void
_mp_store_clear_views (MpStore *self)
{
  if (self->cases != NULL)
    g_signal_handlers_disconnect_by_func (self->cases, on_cases_changed_cb, self);
  g_clear_object (&self->reward_ledger);
  g_clear_object (&self->duplicate_index);
}

void
_mp_store_update_views (MpStore *self,
                        MpCase  *kase)
{
  if (self->reward_ledger != NULL)
    mp_reward_ledger_update (self->reward_ledger, kase);
  if (self->duplicate_index != NULL)
    mp_duplicate_index_update (self->duplicate_index, kase);
}

MpRewardLedger *
mp_store_get_reward_ledger (MpStore *self)
{
  static const char * const items[] = {
    "reward.declined", "reward.sent_on", "reward.amount", NULL
  };
  g_autoptr(GHashTable) answers = NULL;
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (MP_IS_STORE (self), NULL);

  /* A locked store has no cases to add up (its list of cases is empty). */
  if (mp_store_is_locked (self))
    return NULL;
  if (self->reward_ledger != NULL)
    return self->reward_ledger;
  /* One query for every case, instead of loading each case's answers. */
  answers = mp_store_list_answer_values (self, items, &error);
  if (answers == NULL)
    {
      g_warning ("Could not add up the rewards: %s", error->message);
      return NULL;
    }
  self->reward_ledger = mp_reward_ledger_new (answers);
  return self->reward_ledger;
}

gint64
mp_reward_year_total (MpStore *store,
                      int      year)
{
  MpRewardLedger *ledger;

  g_return_val_if_fail (MP_IS_STORE (store), 0);

  ledger = mp_store_get_reward_ledger (store);
  return ledger != NULL ? mp_reward_ledger_year_total (ledger, year) : 0;
}

gint64
mp_reward_budget_left (MpPolicy *policy,
                       MpStore  *store,
                       int       year)
{
  g_return_val_if_fail (policy != NULL, 0);

  return policy->reward_budget - mp_reward_year_total (store, year);
}

MpDuplicateIndex *
mp_store_get_duplicate_index (MpStore *self)
{
  g_return_val_if_fail (MP_IS_STORE (self), NULL);

  if (self->duplicate_index == NULL)
    self->duplicate_index = mp_duplicate_index_new (G_LIST_MODEL (self->cases));
  return self->duplicate_index;
}

GPtrArray *
mp_duplicates_find_newest (MpStore    *store,
                           MpCase     *kase,
                           guint       max_newest,
                           const char *also,
                           guint      *n_found)
{
  g_return_val_if_fail (MP_IS_STORE (store), NULL);

  return mp_duplicate_index_find_newest (mp_store_get_duplicate_index (store), kase,
                                         max_newest, also, n_found);
}

GPtrArray *
mp_duplicates_find (MpStore *store,
                    MpCase  *kase)
{
  return mp_duplicates_find_newest (store, kase, G_MAXUINT, NULL, NULL);
}
