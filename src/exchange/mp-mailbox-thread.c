/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 *
 * The conversation lives in the case (issue 22): a message that answers a
 * case's message, or names its reference, joins that case; a message seen
 * before is not taken in again.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "mp-checklist.h"
#include "mp-eml-private.h"
#include "mp-mailbox.h"
#include "mp-openpgp.h"
#include "mp-policy.h"
#include "mp-store-mailbox.h"

/* What threading needs of a message's headers. */
typedef struct
{
  char      *message_id;   /* nullable */
  GPtrArray *parents;      /* char *: In-Reply-To, then References newest first */
  char      *subject;      /* nullable */
} Threading;

static void
threading_clear (Threading *threading)
{
  g_clear_pointer (&threading->message_id, g_free);
  g_clear_pointer (&threading->parents, g_ptr_array_unref);
  g_clear_pointer (&threading->subject, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Threading, threading_clear)

static void
add_references (GPtrArray  *parents,
                const char *value,
                gboolean    newest_first)
{
  GMimeReferences *refs;
  guint start = parents->len;

  if (value == NULL)
    return;
  refs = g_mime_references_parse (NULL, value);
  if (refs == NULL)
    return;
  for (int i = 0; i < g_mime_references_length (refs); i++)
    g_ptr_array_add (parents, g_strdup (g_mime_references_get_message_id (refs, i)));
  g_mime_references_free (refs);
  /* References lists the thread oldest first; its newest is the nearest. */
  if (newest_first)
    for (guint i = start, j = parents->len; i + 1 < j; i++, j--)
      {
        gpointer swap = parents->pdata[i];

        parents->pdata[i] = parents->pdata[j - 1];
        parents->pdata[j - 1] = swap;
      }
}

static void
read_threading (GBytes    *message,
                Threading *threading)
{
  g_autoptr(GBytes) repaired = _mp_eml_repair (message);
  g_autoptr(GMimeStream) stream = NULL;
  g_autoptr(GMimeParser) parser = NULL;
  g_autoptr(GMimeMessage) parsed = NULL;
  GMimeObject *object;
  const char *value;

  threading->parents = g_ptr_array_new_with_free_func (g_free);
  _mp_eml_ensure_gmime ();
  stream = g_mime_stream_mem_new_with_buffer (g_bytes_get_data (repaired, NULL),
                                              g_bytes_get_size (repaired));
  parser = g_mime_parser_new_with_stream (stream);
  parsed = g_mime_parser_construct_message (parser, NULL);
  if (parsed == NULL)
    return;
  object = GMIME_OBJECT (parsed);
  value = g_mime_message_get_message_id (parsed);
  if (value != NULL && *value != '\0')
    threading->message_id = g_strdup (value);
  add_references (threading->parents, g_mime_object_get_header (object, "In-Reply-To"), FALSE);
  add_references (threading->parents, g_mime_object_get_header (object, "References"), TRUE);
  value = g_mime_message_get_subject (parsed);
  if (value != NULL)
    threading->subject = g_strdup (value);
}

/* A message without a Message-ID is known by its content, so that it too
 * is taken in once. */
static char *
content_message_id (GBytes *message)
{
  g_autofree char *digest = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, message);

  return g_strdup_printf ("<%s@content.meldpunt.invalid>", digest);
}

char *
mp_mailbox_subject_reference (const char *subject)
{
  g_autoptr(GRegex) regex = NULL;
  g_autoptr(GMatchInfo) match = NULL;

  if (subject == NULL)
    return NULL;
  /* "CVD-2026-0012" anywhere: after "Re:", "Antw:", "Fwd:", "[…]" alike. */
  regex = g_regex_new ("(?<![A-Za-z0-9])CVD-[0-9]{4}-[0-9]{4,}(?![0-9])", G_REGEX_CASELESS, 0, NULL);
  if (!g_regex_match (regex, subject, 0, &match))
    return NULL;
  {
    g_autofree char *found = g_match_info_fetch (match, 0);

    return g_ascii_strup (found, -1);
  }
}

char *
mp_mailbox_subject_with_reference (const char *subject,
                                   const char *reference)
{
  g_return_val_if_fail (subject != NULL, NULL);

  if (reference == NULL || *reference == '\0' || strstr (subject, reference) != NULL)
    return g_strdup (subject);
  return g_strdup_printf ("%s [%s]", subject, reference);
}

char *
mp_mailbox_new_message_id (const char *from)
{
  const char *at = from != NULL ? strrchr (from, '@') : NULL;
  g_autofree char *domain = NULL;

  if (at != NULL && at[1] != '\0')
    domain = g_strndup (at + 1, strcspn (at + 1, "> \t\r\n"));
  if (domain == NULL || *domain == '\0')
    {
      g_free (domain);
      domain = g_strdup ("meldpunt.invalid");
    }
  return g_strdup_printf ("<meldpunt.%08x%08x%08x@%s>", g_random_int (), g_random_int (),
                          g_random_int (), domain);
}

/* The case the message answers, if any. */
static MpCase *
find_parent_case (MpStore    *store,
                  Threading  *threading,
                  GError    **error)
{
  g_autofree char *reference = NULL;

  for (guint i = 0; i < threading->parents->len; i++)
    {
      GError *local_error = NULL;
      MpCase *kase = mp_store_find_message (store, g_ptr_array_index (threading->parents, i),
                                            &local_error);

      if (kase != NULL)
        return kase;
      if (local_error != NULL)
        {
          g_propagate_error (error, local_error);
          return NULL;
        }
    }
  reference = mp_mailbox_subject_reference (threading->subject);
  if (reference != NULL)
    {
      MpCase *kase = mp_store_find_case (store, reference);

      return kase != NULL ? g_object_ref (kase) : NULL;
    }
  return NULL;
}

static char *
reply_body (MpEmlReport *report)
{
  GString *body = g_string_new (report->headers);
  const char *text = mp_case_get_description (report->draft);

  if (text != NULL && *text != '\0')
    g_string_append_printf (body, "\n\n%s", text);
  if (report->notes->len > 0)
    {
      g_string_append_printf (body, "\n\n%s\n", _("Notes from the import:"));
      for (guint i = 0; i < report->notes->len; i++)
        g_string_append_printf (body, "- %s\n", (const char *) g_ptr_array_index (report->notes, i));
    }
  return g_string_free (body, FALSE);
}

/* The desk's day of @when, as a date answer. */
static char *
desk_day (MpStore *store,
          gint64   when)
{
  g_autoptr(MpPolicy) policy = mp_store_get_policy (store);
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (when / G_USEC_PER_SEC);
  g_autoptr(GDateTime) local = g_date_time_to_timezone (utc, policy->tz);

  return g_date_time_format (local, "%Y-%m-%d");
}

static gboolean
store_reply (MpStore      *store,
             MpCase       *kase,
             MpEmlReport  *report,
             GError      **error)
{
  g_autofree char *body = reply_body (report);

  for (guint i = 0; i < report->attachments->len; i++)
    {
      MpEmlAttachment *attachment = g_ptr_array_index (report->attachments, i);
      g_autoptr(MpAttachment) stored = mp_store_add_attachment (store, kase, attachment->name,
                                                                attachment->mime_type,
                                                                attachment->content, error);

      if (stored == NULL)
        return FALSE;
    }
  if (!mp_store_add_event (store, kase, "reply", report->summary, body, error))
    return FALSE;
  /* R-RESPOND: the answer the desk asked for came in. */
  if (mp_checklist_is_waiting (kase))
    {
      gint64 when = mp_case_get_received_at (report->draft);
      g_autofree char *day = desk_day (store, when > 0 ? when : mp_time_now ());
      const char *requested = mp_case_get_answer_value (kase, "info.requested_on");

      /* An answer dated before the request would not end the wait. */
      if (requested != NULL && strcmp (day, requested) < 0)
        {
          g_free (day);
          day = g_strdup (requested);
        }
      if (!mp_store_set_answer (store, kase, "info.received_on", day, NULL, error))
        return FALSE;
    }
  return TRUE;
}

/* An encrypted message read again with the desk's key, when it has one, as
 * import-eml does; one that does not decrypt is taken in as it came. */
static void
decrypt (MpStore      *store,
         GBytes       *message,
         gsize         max_bytes,
         MpEmlReport **report)
{
  g_autoptr(MpOpenpgpHome) home = NULL;
  MpEmlReport *decrypted;

  if (!mp_case_get_boolean (mp_eml_report_get_draft (*report), "report_encrypted") ||
      !mp_store_get_desk_key_info (store, NULL, NULL, NULL, NULL) ||
      (home = mp_openpgp_home_new_for_store (store, NULL)) == NULL ||
      (decrypted = mp_openpgp_report_parse (home, message, max_bytes, NULL)) == NULL)
    return;
  mp_eml_report_free (*report);
  *report = decrypted;
}

/* A key the reporter attached (application/pgp-keys) is kept with the case. */
static void
keep_reporter_key (MpStore     *store,
                   MpCase      *kase,
                   MpEmlReport *report)
{
  for (guint i = 0; i < report->attachments->len; i++)
    {
      MpEmlAttachment *attachment = g_ptr_array_index (report->attachments, i);
      g_autofree char *text = NULL;
      g_autofree char *fingerprint = NULL;

      if (g_strcmp0 (attachment->mime_type, "application/pgp-keys") != 0 || attachment->content == NULL)
        continue;
      text = g_strndup (g_bytes_get_data (attachment->content, NULL),
                        g_bytes_get_size (attachment->content));
      fingerprint = mp_openpgp_set_reporter_key (store, kase, text, NULL);
      return;
    }
}

gboolean
mp_mailbox_wants_reporter_key (MpStore          *store,
                               MpCase           *kase,
                               MpMailboxOutcome  outcome)
{
  g_autofree char *key = NULL;

  g_return_val_if_fail (MP_IS_STORE (store), FALSE);
  g_return_val_if_fail (MP_IS_CASE (kase), FALSE);

  if (outcome == MP_MAILBOX_DUPLICATE || outcome == MP_MAILBOX_SKIPPED)
    return FALSE;
  key = mp_store_get_reporter_key (store, kase, NULL);
  return key == NULL;
}

MpCase *
mp_mailbox_take_in_report (MpStore           *store,
                           MpEmlReport       *report,
                           GBytes            *message,
                           MpMailboxOutcome  *outcome,
                           GError           **error)
{
  g_auto(Threading) threading = { 0 };
  g_autoptr(MpCase) kase = NULL;
  GError *local_error = NULL;
  MpMailboxOutcome result;
  gboolean own_batch;

  g_return_val_if_fail (MP_IS_STORE (store), NULL);
  g_return_val_if_fail (report != NULL, NULL);
  g_return_val_if_fail (message != NULL, NULL);

  read_threading (message, &threading);
  if (threading.message_id == NULL)
    threading.message_id = content_message_id (message);

  kase = mp_store_find_message (store, threading.message_id, &local_error);
  if (kase != NULL)
    {
      if (outcome != NULL)
        *outcome = MP_MAILBOX_DUPLICATE;
      return g_steal_pointer (&kase);
    }
  if (local_error == NULL)
    kase = find_parent_case (store, &threading, &local_error);
  /* A case whose confidential data was erased takes nothing more: the
   * message becomes a case of its own rather than stop every round. */
  if (kase != NULL && mp_case_is_erased (kase))
    g_clear_object (&kase);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return NULL;
    }

  own_batch = !mp_store_in_batch (store);
  if (own_batch && !mp_store_begin_batch (store, error))
    return NULL;
  if (kase != NULL)
    {
      result = MP_MAILBOX_REPLY;
      if (!store_reply (store, kase, report, error))
        goto fail;
    }
  else
    {
      result = MP_MAILBOX_NEW;
      kase = mp_eml_report_store (report, store, error);
      if (kase == NULL)
        goto fail;
    }
  if (!mp_store_remember_message (store, kase, threading.message_id, error))
    goto fail;
  if (own_batch && !mp_store_end_batch (store, error))
    return NULL;
  if (outcome != NULL)
    *outcome = result;
  return g_steal_pointer (&kase);

fail:
  if (own_batch)
    mp_store_abort_batch (store);
  return NULL;
}

MpCase *
mp_mailbox_take_in (MpStore           *store,
                    GBytes            *message,
                    gint64             arrival,
                    MpMailboxOutcome  *outcome,
                    GError           **error)
{
  g_autoptr(MpEmlReport) report = NULL;
  g_autoptr(MpCase) kase = NULL;
  MpMailboxOutcome result;

  g_return_val_if_fail (MP_IS_STORE (store), NULL);
  g_return_val_if_fail (message != NULL, NULL);

  report = mp_eml_report_parse_arrived (message, mp_eml_get_max_bytes (store), arrival, error);
  if (report == NULL)
    return NULL;
  decrypt (store, message, mp_eml_get_max_bytes (store), &report);
  kase = mp_mailbox_take_in_report (store, report, message, &result, error);
  if (kase == NULL)
    return NULL;
  /* outside the batch: a key that is refused does not undo the message */
  if (mp_mailbox_wants_reporter_key (store, kase, result))
    keep_reporter_key (store, kase, report);
  if (outcome != NULL)
    *outcome = result;
  return g_steal_pointer (&kase);
}
