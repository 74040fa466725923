/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 *
 * Encrypted reports read with the desk's key: PGP/MIME (RFC 3156) and
 * inline PGP, also inside forwarded messages, decrypted through GMime's
 * crypto context in the desk's private GnuPG home. What cannot be
 * decrypted stays as it came and is said so in a note.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <gmime/gmime.h>
#include <gpgme.h>
#include <string.h>

#include "mp-eml-private.h"
#include "mp-openpgp.h"

typedef struct
{
  MpOpenpgpHome *home;
  GPtrArray     *notes;      /* translated (char *) */
  GPtrArray     *signatures; /* MpOpenpgpSignature, or NULL: not asked for */
  guint          decrypted;
  guint          failed;
} Decrypt;

static void
add_note (Decrypt    *decrypt,
          const char *note)
{
  for (guint i = 0; i < decrypt->notes->len; i++)
    if (g_str_equal (g_ptr_array_index (decrypt->notes, i), note))
      return;
  g_ptr_array_add (decrypt->notes, g_strdup (note));
}

static void
note_signatures (Decrypt            *decrypt,
                 GMimeSignatureList *signatures)
{
  int n = signatures != NULL ? g_mime_signature_list_length (signatures) : 0;

  for (int i = 0; i < n; i++)
    {
      GMimeSignature *signature = g_mime_signature_list_get_signature (signatures, i);
      GMimeSignatureStatus status = g_mime_signature_get_status (signature);
      GMimeCertificate *cert = g_mime_signature_get_certificate (signature);
      const char *id = NULL;
      g_autofree char *note = NULL;

      if (cert != NULL)
        id = g_mime_certificate_get_fingerprint (cert) != NULL
             ? g_mime_certificate_get_fingerprint (cert) : g_mime_certificate_get_key_id (cert);
      if (id == NULL)
        id = "?";
      if (decrypt->signatures != NULL)
        {
          MpOpenpgpSignature *verdict = g_new0 (MpOpenpgpSignature, 1);

          verdict->key_id = g_strdup (id);
          if (status & GMIME_SIGNATURE_STATUS_RED)
            verdict->status = MP_OPENPGP_SIGNATURE_BAD;
          else if (status & GMIME_SIGNATURE_STATUS_KEY_MISSING)
            verdict->status = MP_OPENPGP_SIGNATURE_KEY_MISSING;
          else if ((status & (GMIME_SIGNATURE_STATUS_VALID | GMIME_SIGNATURE_STATUS_GREEN)) &&
                   (status & GMIME_SIGNATURE_STATUS_ERROR_MASK) == 0)
            verdict->status = MP_OPENPGP_SIGNATURE_VALID;
          else if (status == 0 && cert != NULL)
            verdict->status = MP_OPENPGP_SIGNATURE_GOOD;
          else
            verdict->status = MP_OPENPGP_SIGNATURE_UNCHECKED;
          g_ptr_array_add (decrypt->signatures, verdict);
        }
      if (status & GMIME_SIGNATURE_STATUS_RED)
        note = g_strdup_printf (_("The encrypted report is signed by key %s, but the signature is "
                                  "BAD: the message was changed after it was signed, or the "
                                  "signature is forged."), id);
      else if (status & GMIME_SIGNATURE_STATUS_KEY_MISSING)
        note = g_strdup_printf (_("The encrypted report is signed by key %s, which the desk does "
                                  "not have: the signature could not be checked. Add the "
                                  "reporter's public key to check it."), id);
      else if ((status & (GMIME_SIGNATURE_STATUS_VALID | GMIME_SIGNATURE_STATUS_GREEN)) &&
               (status & GMIME_SIGNATURE_STATUS_ERROR_MASK) == 0)
        note = g_strdup_printf (_("The encrypted report is signed by key %s: the signature is "
                                  "valid."), id);
      else
        note = g_strdup_printf (_("The encrypted report is signed by key %s; the signature could "
                                  "not be checked."), id);
      add_note (decrypt, note);
    }
}

/* The key ids @ciphertext is encrypted to, as GnuPG reads them. */
static char *
recipients_of (Decrypt *decrypt,
               GBytes  *ciphertext)
{
  g_autoptr(GString) ids = g_string_new (NULL);
  gpgme_ctx_t ctx = NULL;
  gpgme_data_t in = NULL;
  gpgme_data_t out = NULL;
  gpgme_decrypt_result_t result;

  if (gpgme_new (&ctx) ||
      gpgme_ctx_set_engine_info (ctx, GPGME_PROTOCOL_OpenPGP, NULL,
                                 mp_openpgp_home_get_path (decrypt->home)) ||
      gpgme_set_pinentry_mode (ctx, GPGME_PINENTRY_MODE_CANCEL) ||
      gpgme_data_new_from_mem (&in, g_bytes_get_data (ciphertext, NULL),
                               g_bytes_get_size (ciphertext), 0) ||
      gpgme_data_new (&out))
    goto out;
  gpgme_op_decrypt (ctx, in, out);
  result = gpgme_op_decrypt_result (ctx);
  for (gpgme_recipient_t r = result != NULL ? result->recipients : NULL; r != NULL; r = r->next)
    g_string_append_printf (ids, "%s%s", ids->len > 0 ? ", " : "", r->keyid);

out:
  if (in != NULL)
    gpgme_data_release (in);
  if (out != NULL)
    gpgme_data_release (out);
  if (ctx != NULL)
    gpgme_release (ctx);
  return ids->len > 0 ? g_strdup (ids->str) : NULL;
}

static GBytes *
part_content (GMimeObject *object)
{
  g_autoptr(GMimeStream) stream = g_mime_stream_mem_new ();
  GByteArray *array;

  if (GMIME_IS_PART (object))
    {
      GMimeDataWrapper *wrapper = g_mime_part_get_content (GMIME_PART (object));

      if (wrapper != NULL)
        g_mime_data_wrapper_write_to_stream (wrapper, stream);
    }
  else
    g_mime_object_write_to_stream (object, NULL, stream);
  array = g_mime_stream_mem_get_byte_array (GMIME_STREAM_MEM (stream));
  return g_bytes_new (array->data, array->len);
}

static void
note_failure (Decrypt *decrypt,
              GBytes  *ciphertext,
              GError  *error)
{
  g_autofree char *ids = recipients_of (decrypt, ciphertext);
  g_autofree char *note = NULL;
  gboolean other_key = error != NULL && (strstr (error->message, "No secret key") != NULL ||
                                         strstr (error->message, "no secret key") != NULL);

  decrypt->failed++;
  if (other_key && ids != NULL)
    note = g_strdup_printf (_("The report is encrypted to key %s, not to the desk's key: it was "
                              "not decrypted. It is kept encrypted, as an attachment; ask the "
                              "reporter to encrypt to the desk's key."), ids);
  else
    note = g_strdup_printf (_("The encrypted part could not be decrypted (%s). It is kept "
                              "encrypted, as an attachment."),
                            error != NULL ? error->message : _("unknown error"));
  add_note (decrypt, note);
}

static GMimeObject *decrypt_tree (Decrypt     *decrypt,
                                  GMimeObject *object);

/* Returns: (transfer full) (nullable): what replaces @object, or NULL to
 * keep it (changed in place, or not encrypted). */
static GMimeObject *
decrypt_tree (Decrypt     *decrypt,
              GMimeObject *object)
{
  if (GMIME_IS_MULTIPART_ENCRYPTED (object))
    {
      g_autoptr(GError) error = NULL;
      GMimeDecryptResult *result = NULL;
      GMimeObject *clear;

      clear = g_mime_multipart_encrypted_decrypt (GMIME_MULTIPART_ENCRYPTED (object),
                                                  GMIME_DECRYPT_NONE, NULL, &result, &error);
      if (clear == NULL)
        {
          GMimeObject *payload = g_mime_multipart_get_count (GMIME_MULTIPART (object)) > 1
                                 ? g_mime_multipart_get_part (GMIME_MULTIPART (object), 1) : NULL;
          g_autoptr(GBytes) ciphertext = payload != NULL ? part_content (payload)
                                                         : g_bytes_new (NULL, 0);

          note_failure (decrypt, ciphertext, error);
          g_clear_object (&result);
          return NULL;
        }
      decrypt->decrypted++;
      if (result != NULL)
        note_signatures (decrypt, g_mime_decrypt_result_get_signatures (result));
      g_clear_object (&result);
      /* What it held may be encrypted again, or hold a forward. */
      {
        GMimeObject *inner = decrypt_tree (decrypt, clear);

        if (inner != NULL)
          {
            g_object_unref (clear);
            clear = inner;
          }
      }
      return clear;
    }

  if (GMIME_IS_MULTIPART (object))
    {
      GMimeMultipart *multipart = GMIME_MULTIPART (object);

      for (int i = 0; i < g_mime_multipart_get_count (multipart); i++)
        {
          GMimeObject *child = g_mime_multipart_get_part (multipart, i);
          g_autoptr(GMimeObject) replacement = decrypt_tree (decrypt, child);

          if (replacement != NULL)
            g_object_unref (g_mime_multipart_replace (multipart, i, replacement));
        }
      return NULL;
    }

  if (GMIME_IS_MESSAGE_PART (object))
    {
      GMimeMessage *inner = g_mime_message_part_get_message (GMIME_MESSAGE_PART (object));
      GMimeObject *body = inner != NULL ? g_mime_message_get_mime_part (inner) : NULL;
      g_autoptr(GMimeObject) replacement = body != NULL ? decrypt_tree (decrypt, body) : NULL;

      if (replacement != NULL)
        g_mime_message_set_mime_part (inner, replacement);
      return NULL;
    }

  if (GMIME_IS_TEXT_PART (object))
    {
      g_autoptr(GBytes) content = part_content (object);
      g_autoptr(GError) error = NULL;
      GMimeDecryptResult *result;

      if (g_strstr_len (g_bytes_get_data (content, NULL), g_bytes_get_size (content),
                        "-----BEGIN PGP MESSAGE-----") == NULL)
        return NULL;
      g_mime_part_set_openpgp_data (GMIME_PART (object), GMIME_OPENPGP_DATA_ENCRYPTED);
      result = g_mime_part_openpgp_decrypt (GMIME_PART (object), GMIME_DECRYPT_NONE, NULL, &error);
      if (result == NULL)
        {
          note_failure (decrypt, content, error);
          return NULL;
        }
      decrypt->decrypted++;
      note_signatures (decrypt, g_mime_decrypt_result_get_signatures (result));
      g_object_unref (result);
      return NULL;
    }
  return NULL;
}

static GBytes *
message_bytes (GMimeMessage *message)
{
  g_autoptr(GMimeStream) stream = g_mime_stream_mem_new ();
  GMimeFormatOptions *options = g_mime_format_options_new ();
  GByteArray *array;

  g_mime_format_options_set_newline_format (options, GMIME_NEWLINE_FORMAT_UNIX);
  g_mime_object_write_to_stream (GMIME_OBJECT (message), options, stream);
  g_mime_format_options_free (options);
  array = g_mime_stream_mem_get_byte_array (GMIME_STREAM_MEM (stream));
  return g_bytes_new (array->data, array->len);
}

void
mp_openpgp_signature_free (MpOpenpgpSignature *signature)
{
  if (signature == NULL)
    return;
  g_free (signature->key_id);
  g_free (signature);
}

GBytes *
mp_openpgp_decrypt_message (MpOpenpgpHome *home,
                            GBytes        *message,
                            GPtrArray     *notes)
{
  return mp_openpgp_decrypt_message_full (home, message, notes, NULL);
}

GBytes *
mp_openpgp_decrypt_message_full (MpOpenpgpHome *home,
                                 GBytes        *message,
                                 GPtrArray     *notes,
                                 GPtrArray     *signatures)
{
  g_autoptr(GMimeStream) stream = NULL;
  g_autoptr(GMimeParser) parser = NULL;
  g_autoptr(GMimeMessage) parsed = NULL;
  g_autoptr(GMimeObject) replacement = NULL;
  Decrypt decrypt = { home, notes, signatures, 0, 0 };
  GMimeObject *body;

  g_return_val_if_fail (MP_IS_OPENPGP_HOME (home), NULL);
  g_return_val_if_fail (message != NULL && notes != NULL, NULL);

  _mp_eml_ensure_gmime ();
  stream = g_mime_stream_mem_new_with_buffer (g_bytes_get_data (message, NULL),
                                              g_bytes_get_size (message));
  parser = g_mime_parser_new_with_stream (stream);
  parsed = g_mime_parser_construct_message (parser, NULL);
  if (parsed == NULL || (body = g_mime_message_get_mime_part (parsed)) == NULL)
    return NULL;

  /* GMime's context makes its own GPGME contexts: they take the engine's
   * default home, which is the desk's private one for this call only, and
   * no other thread's meanwhile. A home wiped before it got here is
   * decrypted with nothing. */
  _mp_openpgp_engine_lock ();
  if (mp_openpgp_home_get_path (home) != NULL)
    {
      gpgme_set_engine_info (GPGME_PROTOCOL_OpenPGP, NULL, mp_openpgp_home_get_path (home));
      replacement = decrypt_tree (&decrypt, body);
      gpgme_set_engine_info (GPGME_PROTOCOL_OpenPGP, NULL, NULL);
    }
  _mp_openpgp_engine_unlock ();

  if (replacement != NULL)
    g_mime_message_set_mime_part (parsed, replacement);
  if (decrypt.decrypted == 0)
    return NULL;
  return message_bytes (parsed);
}

MpEmlReport *
mp_openpgp_report_parse (MpOpenpgpHome  *home,
                         GBytes         *message,
                         gsize           max_bytes,
                         GError        **error)
{
  g_autoptr(GPtrArray) notes = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GBytes) clear = NULL;
  MpEmlReport *report;

  g_return_val_if_fail (home == NULL || MP_IS_OPENPGP_HOME (home), NULL);

  if (home == NULL || (clear = mp_openpgp_decrypt_message (home, message, notes)) == NULL)
    {
      report = mp_eml_report_parse (message, max_bytes, error);
      for (guint i = 0; report != NULL && i < notes->len; i++)
        _mp_eml_add_note (report, g_ptr_array_index (notes, i));
      return report;
    }
  /* The limit is the message's as it came; what it held may be larger. */
  report = mp_eml_report_parse (clear, 0, error);
  if (report == NULL)
    return NULL;
  _mp_eml_add_note (report, _("The report was encrypted to the desk's key and has been "
                              "decrypted; the encrypted message is kept as an attachment."));
  for (guint i = 0; i < notes->len; i++)
    _mp_eml_add_note (report, g_ptr_array_index (notes, i));
  mp_case_set_boolean (mp_eml_report_get_draft (report), "report_encrypted", TRUE);
  _mp_eml_add_attachment (report, "encrypted-original.eml", "message/rfc822", message);
  return report;
}
