/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "mp-duplicates.h"
#include "mp-eml-import.h"
#include "mp-error.h"

#define NOW "2026-04-01T10:00:00Z"

/* The 1×1 PNG in thunderbird-utf8.eml and nested-alternative.eml. */
#define PNG_BASE64 "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="

#define ARMOR "-----BEGIN PGP MESSAGE-----\n\n" \
              "hF4DwWCk9dRzGCsSAQdAc2z0mVv7l1pW2xyZ0aBcDeFgHiJkLmNoPqRsTuVwXyZa\n" \
              "BcDeFgHiJkLmNoPqRsTuVwXyZ0123456789abcdefghijklmnopqrstuv0NJAQkC\n" \
              "=Xa1b\n-----END PGP MESSAGE-----\n"

#define ENCRYPTED_WARNING "This report is encrypted. Decrypt the attached encrypted part " \
                          "outside Meldpunt and add what it says to this case."

typedef struct
{
  char    *dir;
  MpStore *store;
} Fixture;

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      g_remove (child);
    }
  g_rmdir (path);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  fixture->dir = g_dir_make_tmp ("meldpunt-eml-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (fixture->dir, "meldpunt.db", NULL);
  fixture->store = mp_store_open (path, &error);
  g_assert_no_error (error);
  mp_store_initialise (fixture->store, "Example Desk", "correct horse battery staple", &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_assert_finalize_object (fixture->store);
  remove_tree (fixture->dir);
  g_free (fixture->dir);
}

static GBytes *
load_fixture (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "exchange", "eml", name, NULL);
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize length = 0;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  return g_bytes_new_take (contents, length);
}

static MpCase *
import_fixture (Fixture     *fixture,
                const char  *name,
                GPtrArray  **notes)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "exchange", "eml", name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  MpCase *kase;

  kase = mp_eml_import_file (fixture->store, file, NULL, notes, &error);
  g_assert_no_error (error);
  g_assert_nonnull (kase);
  return kase;
}

static void
assert_time (gint64      usec,
             const char *expected)
{
  g_autofree char *text = mp_time_format_iso8601 (usec);

  g_assert_cmpstr (text, ==, expected);
}

static GListModel *
list_attachments (Fixture *fixture,
                  MpCase  *kase)
{
  g_autoptr(GError) error = NULL;
  GListModel *attachments = mp_store_list_attachments (fixture->store, kase, &error);

  g_assert_no_error (error);
  return attachments;
}

static void
assert_attachment (Fixture    *fixture,
                   GListModel *attachments,
                   guint       index,
                   const char *name,
                   const char *mime_type,
                   GBytes     *expected)
{
  g_autoptr(MpAttachment) attachment = g_list_model_get_item (attachments, index);
  g_autoptr(GBytes) content = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (attachment);
  g_assert_cmpstr (mp_attachment_get_name (attachment), ==, name);
  g_assert_cmpstr (mp_attachment_get_mime_type (attachment), ==, mime_type);
  content = mp_store_read_attachment (fixture->store, attachment, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (g_bytes_get_data (content, NULL), g_bytes_get_size (content),
                   g_bytes_get_data (expected, NULL), g_bytes_get_size (expected));
}

static MpEvent *
find_import_event (Fixture *fixture,
                   MpCase  *kase)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) events = mp_store_list_events (fixture->store, kase, &error);
  MpEvent *found = NULL;

  g_assert_no_error (error);
  for (guint i = 0; i < g_list_model_get_n_items (events); i++)
    {
      g_autoptr(MpEvent) event = g_list_model_get_item (events, i);

      if (g_str_equal (mp_event_get_kind (event), "import"))
        {
          g_assert_null (found);
          found = g_object_ref (event);
        }
    }
  g_assert_nonnull (found);
  return found;
}

static GBytes *
png_bytes (void)
{
  gsize length;
  guchar *data = g_base64_decode (PNG_BASE64, &length);

  return g_bytes_new_take (data, length);
}

static void
test_thunderbird_utf8 (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GPtrArray) notes = NULL;
  g_autoptr(MpCase) kase = import_fixture (fixture, "thunderbird-utf8.eml", &notes);
  g_autoptr(GListModel) attachments = list_attachments (fixture, kase);
  g_autoptr(GBytes) png = png_bytes ();
  g_autoptr(GBytes) raw = load_fixture ("thunderbird-utf8.eml");
  g_autoptr(MpEvent) event = find_import_event (fixture, kase);
  const char *description = mp_case_get_description (kase);

  g_assert_cmpuint (notes->len, ==, 0);
  g_assert_cmpstr (mp_case_get_reporter_name (kase), ==, "José Müller-Lüdenscheidt");
  g_assert_cmpstr (mp_case_get_reporter_email (kase), ==, "jose.muller@example.org");
  g_assert_cmpstr (mp_case_get_title (kase), ==, "Reflected XSS in the customer portal – search page");
  /* When the desk's server received it, not the sender's Date (issue 19). */
  assert_time (mp_case_get_received_at (kase), "2026-03-03T22:15:44Z");
  g_assert_cmpstr (mp_case_get_text (kase, "channel"), ==, "email");
  g_assert_cmpstr (mp_case_get_reporter_language (kase), ==, "en");
  g_assert_cmpstr (mp_case_get_asset (kase), ==,
                   "https://portal.example.nl/search?q=%3Cscript%3Ealert(1)%3C/script%3E");
  g_assert_false (mp_case_get_boolean (kase, "report_encrypted"));
  g_assert_true (g_str_has_prefix (description,
                                   "Hello,\n\nI found a reflected cross-site scripting vulnerability "
                                   "in the search page of your customer portal. The q parameter is "
                                   "echoed into the page without encoding.\n\nSteps to reproduce:\n"
                                   "1. Log in.\n"));
  g_assert_true (g_str_has_suffix (description, "Kind regards,\nJosé Müller-Lüdenscheidt"));

  g_assert_cmpuint (g_list_model_get_n_items (attachments), ==, 2);
  assert_attachment (fixture, attachments, 0, "schérmafbeelding zoekpagina.png", "image/png", png);
  assert_attachment (fixture, attachments, 1, "original-message.eml", "message/rfc822", raw);

  g_assert_cmpstr (mp_event_get_summary (event), ==,
                   "Imported from e-mail <5f1c2a3b-7d8e-4f90-a1b2-c3d4e5f60718@example.org>");
  g_assert_true (g_str_has_prefix (mp_event_get_body (event), "Return-Path: <jose.muller@example.org>\n"));
  g_assert_nonnull (strstr (mp_event_get_body (event),
                            "\nFrom: =?UTF-8?Q?Jos=C3=A9_M=C3=BCller-L=C3=BCdenscheidt?= "
                            "<jose.muller@example.org>\n"));
  /* The sender's own date stays a fact of the case. */
  g_assert_nonnull (strstr (mp_event_get_body (event),
                            "\n\nDate given by the sender: 2026-03-03T22:15:42Z"));
  /* The header block only: nothing of the body. */
  g_assert_null (strstr (mp_event_get_body (event), "This is a multi-part message"));
}

static void
test_outlook_latin1 (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GPtrArray) notes = NULL;
  g_autoptr(MpCase) kase = import_fixture (fixture, "outlook-latin1.eml", &notes);
  g_autoptr(GListModel) attachments = list_attachments (fixture, kase);
  g_autoptr(GBytes) report = NULL;
  const char *description = mp_case_get_description (kase);
  static const char text[] = "Stap 1: open https://mijn.example.nl/login\n"
                             "Stap 2: vul een onbekend e-mailadres in\n";

  g_assert_cmpuint (notes->len, ==, 0);
  g_assert_cmpstr (mp_case_get_reporter_name (kase), ==, "Zoë van der Berg");
  /* Reply-To is where the reporter wants the answer. */
  g_assert_cmpstr (mp_case_get_reporter_email (kase), ==, "meldingen@vdberg.example");
  g_assert_cmpstr (mp_case_get_title (kase), ==, "Lek in inlogpagina € account-enumeratie");
  assert_time (mp_case_get_received_at (kase), "2026-03-29T05:30:02Z");
  g_assert_cmpstr (mp_case_get_reporter_language (kase), ==, "nl");
  g_assert_cmpstr (mp_case_get_asset (kase), ==, "mijn.example.nl");
  /* windows-1252 labelled ISO-8859-1: quotes and euro sign come through. */
  g_assert_nonnull (strstr (description, "de melding “gebruiker bestaat niet” en bij een"));
  g_assert_nonnull (strstr (description, "Een beloning van € 50 is niet nodig."));
  g_assert_true (g_str_has_suffix (description, "Met vriendelijke groet,\nZoë van der Berg"));
  g_assert_null (strchr (description, '\r'));

  report = g_bytes_new_static (text, sizeof text - 1);
  g_assert_cmpuint (g_list_model_get_n_items (attachments), ==, 2);
  assert_attachment (fixture, attachments, 0, "verslag péntest.txt", "text/plain", report);
}

static void
test_html_only (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GPtrArray) notes = NULL;
  g_autoptr(MpCase) kase = import_fixture (fixture, "html-only.eml", &notes);

  g_assert_cmpuint (notes->len, ==, 0);
  g_assert_cmpstr (mp_case_get_reporter_name (kase), ==, "Renée Coën");
  g_assert_cmpstr (mp_case_get_title (kase), ==, "IDOR op accountpagina");
  assert_time (mp_case_get_received_at (kase), "2026-01-12T09:05:02Z");
  g_assert_cmpstr (mp_case_get_description (kase), ==,
                   "Hallo beveiligingsteam,\n"
                   "\n"
                   "Op de accountpagina (https://shop.example.nl/account?id=42) kan ik de gegevens "
                   "van een andere klant zien door het nummer in de URL te veranderen. Dat is een "
                   "IDOR-lek.\n"
                   "\n"
                   "Reproductie:\n"
                   "1. log in\n"
                   "2. verander id=42 in id=43\n"
                   "\n"
                   "- Naam & adres zichtbaar\n"
                   "- Geen wachtwoorden — wél telefoonnummers\n"
                   "\n"
                   "Groet,\n"
                   "Renée “Hacker” Coën\n"
                   "renee@coen.example");
  g_assert_cmpstr (mp_case_get_asset (kase), ==, "https://shop.example.nl/account?id=42");
  g_assert_cmpstr (mp_case_get_reporter_language (kase), ==, "nl");
}

static void
test_nested_alternative (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GPtrArray) notes = NULL;
  g_autoptr(MpCase) kase = import_fixture (fixture, "nested-alternative.eml", &notes);
  g_autoptr(GListModel) attachments = list_attachments (fixture, kase);
  g_autoptr(GBytes) pdf = NULL;
  g_autoptr(GBytes) png = png_bytes ();
  static const char pdf_text[] = "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n"
                                 "trailer << /Root 1 0 R >>\n%%EOF\n";

  g_assert_cmpuint (notes->len, ==, 0);
  g_assert_cmpstr (mp_case_get_reporter_name (kase), ==, "Priya Kowalski");
  assert_time (mp_case_get_received_at (kase), "2026-02-20T13:15:12Z");
  /* multipart/alternative: the plain text, not the HTML version. */
  g_assert_cmpstr (mp_case_get_description (kase), ==,
                   "Hi team,\n\nThe admin panel of your test environment is reachable from the "
                   "internet:\nhttps://test.example.nl:8443/admin\n\nThe login page shows the "
                   "default user name. See the attached PDF.\n\nThanks,\nPriya");
  g_assert_cmpstr (mp_case_get_asset (kase), ==, "test.example.nl");

  pdf = g_bytes_new_static (pdf_text, sizeof pdf_text - 1);
  /* The HTML version's image is kept too (issue 19): it may be a screenshot. */
  g_assert_cmpuint (g_list_model_get_n_items (attachments), ==, 3);
  assert_attachment (fixture, attachments, 0, "logo.png", "image/png", png);
  assert_attachment (fixture, attachments, 1, "admin panel.pdf", "application/pdf", pdf);
}

static void
test_forwarded_web_form (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GPtrArray) notes = NULL;
  g_autoptr(MpCase) kase = import_fixture (fixture, "forwarded-webform.eml", &notes);
  g_autoptr(MpEvent) event = find_import_event (fixture, kase);

  g_assert_cmpuint (notes->len, ==, 0);
  g_assert_cmpstr (mp_case_get_text (kase, "channel"), ==, "web-form");
  g_assert_cmpstr (mp_case_get_reporter_name (kase), ==, "Zoë van der Berg");
  g_assert_cmpstr (mp_case_get_reporter_email (kase), ==, "zoe@vdberg.example");
  g_assert_cmpstr (mp_case_get_title (kase), ==, "Nieuwe melding via het meldformulier");
  /* When the reporter sent the form, not when the desk forwarded it. */
  assert_time (mp_case_get_received_at (kase), "2026-01-14T21:47:13Z");
  g_assert_cmpstr (mp_case_get_asset (kase), ==, "https://www.example.nl/contact");
  g_assert_cmpstr (mp_case_get_description (kase), ==,
                   "Het veld onderwerp in het contactformulier geeft een databasefout\n"
                   "bij een enkel aanhalingsteken. Dit wijst op SQL-injectie.\n\n"
                   "Ik heb verder niets geprobeerd.");
  g_assert_cmpstr (mp_case_get_reporter_language (kase), ==, "nl");
  g_assert_cmpstr (mp_case_get_text (kase, "notes"), ==,
                   "Forwarded by Servicedesk Example <servicedesk@example.nl>:\n"
                   "Hoi, deze kwam binnen via de website. Kunnen jullie ernaar kijken?\n"
                   "Groet, Servicedesk");

  g_assert_cmpstr (mp_event_get_summary (event), ==, "Imported from e-mail <fwd-20260115-0001@example.nl>");
  g_assert_nonnull (strstr (mp_event_get_body (event), "Headers of the forwarded message:"));
  g_assert_nonnull (strstr (mp_event_get_body (event), "Message-ID: <form-8841@www.example.nl>"));
}

static void
test_attached_message (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GPtrArray) notes = NULL;
  g_autoptr(MpCase) kase = import_fixture (fixture, "attached-message.eml", &notes);
  g_autoptr(GListModel) attachments = list_attachments (fixture, kase);
  g_autoptr(MpAttachment) first = g_list_model_get_item (attachments, 0);
  g_autoptr(GBytes) content = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  /* Not a forward: the reporter is who wrote, the attached mail is evidence. */
  g_assert_cmpuint (notes->len, ==, 0);
  g_assert_cmpstr (mp_case_get_reporter_name (kase), ==, "Olivia Brown");
  g_assert_cmpstr (mp_case_get_reporter_email (kase), ==, "olivia.brown@example.com");
  g_assert_cmpstr (mp_case_get_text (kase, "channel"), ==, "email");
  g_assert_cmpstr (mp_case_get_title (kase), ==, "Open relay on mail.example.nl");
  g_assert_cmpstr (mp_case_get_asset (kase), ==, "mail.example.nl");
  g_assert_true (g_str_has_prefix (mp_case_get_description (kase), "Hello,\n\nYour mail server relays"));
  g_assert_null (mp_case_get_text (kase, "notes"));

  g_assert_cmpuint (g_list_model_get_n_items (attachments), ==, 2);
  g_assert_cmpstr (mp_attachment_get_name (first), ==, "relay-proof.eml");
  g_assert_cmpstr (mp_attachment_get_mime_type (first), ==, "message/rfc822");
  content = mp_store_read_attachment (fixture->store, first, &error);
  g_assert_no_error (error);
  text = g_strndup (g_bytes_get_data (content, NULL), g_bytes_get_size (content));
  g_assert_nonnull (strstr (text, "Subject: relay test through mail.example.nl"));
  g_assert_nonnull (strstr (text, "This message went through mail.example.nl without authentication."));
}

static void
test_inline_forward (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GPtrArray) notes = NULL;
  g_autoptr(MpCase) kase = import_fixture (fixture, "inline-forward.eml", &notes);

  /* Forwarded inline by the desk: the reporter is in the quoted headers. */
  g_assert_cmpuint (notes->len, ==, 0);
  g_assert_cmpstr (mp_case_get_reporter_name (kase), ==, "Bram de Boer");
  g_assert_cmpstr (mp_case_get_reporter_email (kase), ==, "bram@deboer.example");
  g_assert_cmpstr (mp_case_get_title (kase), ==, "Lek in wachtwoord-reset");
  assert_time (mp_case_get_received_at (kase), "2026-01-16T06:12:45Z");
  g_assert_cmpstr (mp_case_get_text (kase, "channel"), ==, "email");
  g_assert_cmpstr (mp_case_get_asset (kase), ==, "https://login.example.nl/reset");
  g_assert_cmpstr (mp_case_get_reporter_language (kase), ==, "nl");
  g_assert_cmpstr (mp_case_get_description (kase), ==,
                   "Hallo,\n\nHet resetformulier op https://login.example.nl/reset beperkt het "
                   "aantal pogingen niet.\nIk kon 50 codes per minuut proberen zonder blokkade. "
                   "Verder heb ik niets gedaan.\n\nGroet,\nBram");
  g_assert_cmpstr (mp_case_get_text (kase, "notes"), ==,
                   "Forwarded by Servicedesk Example <servicedesk@example.nl>:\n"
                   "Zie hieronder, binnengekomen op het algemene adres.\n\nGroet,\nServicedesk");
}

static void
test_outlook_inline_web_form (Fixture       *fixture,
                              gconstpointer  data)
{
  /* Outlook's line of underscores, a "Sent:" date it writes for people,
   * and a web form inside. */
  static const char message[] =
    "Received: from intern.example.nl by mx.example.nl; Mon, 19 Jan 2026 08:00:01 +0100\r\n"
    "From: Servicedesk <servicedesk@example.nl>\r\n"
    "To: security@example.nl\r\n"
    "Subject: FW: Contactformulier\r\n"
    "Date: Mon, 19 Jan 2026 08:00:00 +0100\r\n"
    "Content-Type: text/plain; charset=\"us-ascii\"\r\n"
    "\r\n"
    "Ter info.\r\n"
    "\r\n"
    "________________________________\r\n"
    "From: Website <noreply@example.nl>\r\n"
    "Sent: Sunday, January 18, 2026 11:02 PM\r\n"
    "To: Servicedesk <servicedesk@example.nl>\r\n"
    "Subject: Contactformulier\r\n"
    "\r\n"
    "Name: Chen Wei\r\n"
    "Email: chen@research.example\r\n"
    "Message: The page https://www.example.nl/search shows SQL errors.\r\n";
  g_autoptr(GBytes) bytes = g_bytes_new_static (message, sizeof message - 1);
  g_autoptr(GPtrArray) notes = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(MpCase) kase = mp_eml_import_bytes (fixture->store, bytes, &notes, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (notes->len, ==, 0);
  g_assert_cmpstr (mp_case_get_text (kase, "channel"), ==, "web-form");
  g_assert_cmpstr (mp_case_get_reporter_name (kase), ==, "Chen Wei");
  g_assert_cmpstr (mp_case_get_reporter_email (kase), ==, "chen@research.example");
  g_assert_cmpstr (mp_case_get_title (kase), ==, "Contactformulier");
  /* The desk's receipt of the forward, as Outlook's date could not be read. */
  assert_time (mp_case_get_received_at (kase), "2026-01-19T07:00:01Z");
  g_assert_cmpstr (mp_case_get_description (kase), ==,
                   "The page https://www.example.nl/search shows SQL errors.");
  g_assert_cmpstr (mp_case_get_text (kase, "notes"), ==,
                   "Forwarded by Servicedesk <servicedesk@example.nl>:\nTer info.");
}

static void
test_pgp_mime (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GPtrArray) notes = NULL;
  g_autoptr(MpCase) kase = import_fixture (fixture, "pgp-mime.eml", &notes);
  g_autoptr(GListModel) attachments = list_attachments (fixture, kase);
  g_autoptr(GBytes) armor = g_bytes_new_static (ARMOR, strlen (ARMOR));

  g_assert_true (mp_case_get_boolean (kase, "report_encrypted"));
  g_assert_cmpstr (mp_case_get_description (kase), ==, ENCRYPTED_WARNING);
  g_assert_cmpstr (mp_case_get_title (kase), ==, "Encrypted report: RCE on api.example.nl");
  g_assert_cmpstr (mp_case_get_asset (kase), ==, "api.example.nl");
  g_assert_cmpstr (mp_case_get_reporter_name (kase), ==, "s1lentfox");
  g_assert_cmpuint (g_list_model_get_n_items (attachments), ==, 2);
  assert_attachment (fixture, attachments, 0, "encrypted.asc", "application/pgp-encrypted", armor);
}

static void
test_inline_pgp (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GPtrArray) notes = NULL;
  g_autoptr(MpCase) kase = import_fixture (fixture, "inline-pgp.eml", &notes);
  g_autoptr(GListModel) attachments = list_attachments (fixture, kase);
  g_autoptr(MpAttachment) first = g_list_model_get_item (attachments, 0);
  g_autoptr(GBytes) content = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  g_assert_true (mp_case_get_boolean (kase, "report_encrypted"));
  g_assert_cmpstr (mp_case_get_description (kase), ==,
                   ENCRYPTED_WARNING "\n\n"
                   "Hierbij mijn melding, versleuteld met jullie publieke sleutel.\n\ngroet");
  g_assert_cmpstr (mp_attachment_get_name (first), ==, "encrypted-message.asc");
  content = mp_store_read_attachment (fixture->store, first, &error);
  g_assert_no_error (error);
  text = g_strndup (g_bytes_get_data (content, NULL), g_bytes_get_size (content));
  g_assert_nonnull (strstr (text, ARMOR));
}

static void
test_signed (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GPtrArray) notes = NULL;
  g_autoptr(MpCase) kase = import_fixture (fixture, "signed.eml", &notes);
  g_autoptr(GListModel) attachments = list_attachments (fixture, kase);
  static const char signature[] = "-----BEGIN PGP SIGNATURE-----\n\n"
                                  "iHUEARYKAB0WIQTm2v8tq0f3+signed+example+AAAAAAAAAAAAAAAAAA\n"
                                  "=AbCd\n-----END PGP SIGNATURE-----\n";
  g_autoptr(GBytes) expected = g_bytes_new_static (signature, sizeof signature - 1);

  /* Whether a signature was there is recorded (issue 19). */
  g_assert_cmpuint (notes->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (notes, 0), ==,
                   "The message is signed (S/MIME or OpenPGP). The signature is kept as an "
                   "attachment; Meldpunt did not check it.");
  g_assert_false (mp_case_get_boolean (kase, "report_encrypted"));
  g_assert_cmpstr (mp_case_get_description (kase), ==,
                   "The /backup/ folder on your web site lists database dumps.\n"
                   "I did not download them.");
  assert_time (mp_case_get_received_at (kase), "2026-02-25T16:00:02Z");
  g_assert_cmpstr (mp_case_get_asset (kase), ==, "www.example.nl");
  g_assert_cmpuint (g_list_model_get_n_items (attachments), ==, 2);
  assert_attachment (fixture, attachments, 0, "signature.asc", "application/pgp-signature", expected);
}

static gboolean
has_note (GPtrArray  *notes,
          const char *note)
{
  for (guint i = 0; i < notes->len; i++)
    if (g_str_equal (g_ptr_array_index (notes, i), note))
      return TRUE;
  return FALSE;
}

static void
test_malformed (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GPtrArray) notes = NULL;
  g_autoptr(MpCase) kase = import_fixture (fixture, "malformed.eml", &notes);
  g_autoptr(MpEvent) event = find_import_event (fixture, kase);

  g_assert_true (has_note (notes, "The message has no date; the time of the import is used instead."));
  g_assert_true (has_note (notes, "The message has no subject."));
  g_assert_cmpstr (mp_case_get_title (kase), ==, "(no subject)");
  assert_time (mp_case_get_received_at (kase), NOW);
  g_assert_cmpstr (mp_case_get_reporter_email (kase), ==, "anon@tor.example");
  g_assert_null (mp_case_get_reporter_name (kase));
  /* A multipart without a boundary: its text is still read. */
  g_assert_cmpstr (mp_case_get_description (kase), ==, "Your server 192.0.2.15 leaks its version.");
  g_assert_true (has_note (notes, "The parts of the message could not be told apart; its text was "
                                  "taken as it is."));
  g_assert_cmpstr (mp_case_get_asset (kase), ==, "192.0.2.15");
  g_assert_cmpstr (mp_event_get_summary (event), ==, "Imported from e-mail without a Message-ID");
  /* The notes are kept in the timeline too. */
  g_assert_nonnull (strstr (mp_event_get_body (event),
                            "Notes from the import:\n- "));
  g_assert_nonnull (strstr (mp_event_get_body (event), "- The message has no subject.\n"));
}

static void
test_truncated (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GPtrArray) notes = NULL;
  g_autoptr(MpCase) kase = import_fixture (fixture, "truncated.eml", &notes);
  g_autoptr(GListModel) attachments = list_attachments (fixture, kase);
  g_autoptr(MpAttachment) first = g_list_model_get_item (attachments, 0);

  /* ASCII reads the same in any charset, even one nobody knows. */
  g_assert_false (has_note (notes, "x-no-such-charset"));
  g_assert_cmpstr (mp_case_get_description (kase), ==,
                   "The web server on 192.0.2.15 reports its exact version.");
  g_assert_cmpstr (mp_case_get_title (kase), ==, "Server version disclosure");
  g_assert_cmpstr (mp_attachment_get_name (first), ==, "dump.bin");
}

static void
test_unreadable_date (Fixture       *fixture,
                      gconstpointer  data)
{
  static const char message[] = "From: Tom <tom@example.org>\n"
                                "Subject: Bug on intranet.example.nl\n"
                                "Date: sometime last week\n"
                                "\n"
                                "The intranet shows a stack trace.\n";
  g_autoptr(GBytes) bytes = g_bytes_new_static (message, sizeof message - 1);
  g_autoptr(GPtrArray) notes = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(MpCase) kase = mp_eml_import_bytes (fixture->store, bytes, &notes, &error);

  g_assert_no_error (error);
  g_assert_true (has_note (notes, "The date of the message could not be read; the time of the "
                                  "import is used instead."));
  assert_time (mp_case_get_received_at (kase), NOW);
  g_assert_cmpstr (mp_case_get_asset (kase), ==, "intranet.example.nl");
  g_assert_cmpstr (mp_case_get_description (kase), ==, "The intranet shows a stack trace.");
}

static void
assert_refused (Fixture    *fixture,
                GBytes     *bytes,
                int         code)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) notes = NULL;
  g_autoptr(MpCase) kase = NULL;
  guint before = g_list_model_get_n_items (mp_store_get_cases (fixture->store));

  kase = mp_eml_import_bytes (fixture->store, bytes, &notes, &error);
  g_assert_error (error, MP_EML_ERROR, code);
  g_assert_null (kase);
  g_assert_null (notes);
  g_assert_cmpuint (g_list_model_get_n_items (mp_store_get_cases (fixture->store)), ==, before);
}

static void
test_not_email (Fixture       *fixture,
                gconstpointer  data)
{
  static const char pdf[] = "%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n";
  static const char note[] = "Subject: not really\n\nJust a note with one header-like line.\n";
  g_autoptr(GBytes) txt = load_fixture ("not-an-email.txt");
  g_autoptr(GBytes) png = load_fixture ("not-an-email.png");
  g_autoptr(GBytes) pdf_bytes = g_bytes_new_static (pdf, sizeof pdf - 1);
  g_autoptr(GBytes) note_bytes = g_bytes_new_static (note, sizeof note - 1);
  g_autoptr(GBytes) empty = g_bytes_new_static ("", 0);
  g_autoptr(GError) error = NULL;

  assert_refused (fixture, txt, MP_EML_ERROR_NOT_EMAIL);
  assert_refused (fixture, png, MP_EML_ERROR_NOT_EMAIL);
  assert_refused (fixture, pdf_bytes, MP_EML_ERROR_NOT_EMAIL);
  assert_refused (fixture, note_bytes, MP_EML_ERROR_NOT_EMAIL);
  assert_refused (fixture, empty, MP_EML_ERROR_NOT_EMAIL);

  mp_eml_report_parse (png, 0, &error);
  g_assert_error (error, MP_EML_ERROR, MP_EML_ERROR_NOT_EMAIL);
  g_assert_nonnull (strstr (error->message, "not an e-mail message"));
}

static void
test_too_large (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = load_fixture ("signed.eml");
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "exchange", "eml", "signed.eml", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(MpCase) kase = NULL;

  g_assert_cmpuint (mp_eml_get_max_bytes (fixture->store), ==, 50 * 1024 * 1024);
  mp_store_set_setting (fixture->store, "import.max_bytes", "500", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (mp_eml_get_max_bytes (fixture->store), ==, 500);

  assert_refused (fixture, bytes, MP_EML_ERROR_TOO_LARGE);
  kase = mp_eml_import_file (fixture->store, file, NULL, NULL, &error);
  g_assert_error (error, MP_EML_ERROR, MP_EML_ERROR_TOO_LARGE);
  g_assert_nonnull (strstr (error->message, "import.max_bytes"));
  g_assert_null (kase);
  g_assert_cmpuint (g_list_model_get_n_items (mp_store_get_cases (fixture->store)), ==, 0);
}

static void
test_caller_batch (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MpCase) kase = NULL;
  g_autoptr(GBytes) bytes = load_fixture ("signed.eml");

  /* Inside the caller's batch the import joins it; aborting drops it all. */
  mp_store_begin_batch (fixture->store, &error);
  g_assert_no_error (error);
  kase = mp_eml_import_bytes (fixture->store, bytes, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (kase);
  g_assert_true (mp_store_in_batch (fixture->store));
  mp_store_abort_batch (fixture->store);
  g_assert_false (mp_store_in_batch (fixture->store));
  g_assert_cmpuint (g_list_model_get_n_items (mp_store_get_cases (fixture->store)), ==, 0);

  /* A locked store: refused, nothing written. */
  g_clear_object (&kase);
  mp_store_lock (fixture->store);
  kase = mp_eml_import_bytes (fixture->store, bytes, NULL, &error);
  g_assert_error (error, MP_STORE_ERROR, MP_STORE_ERROR_LOCKED);
  g_assert_null (kase);
  g_assert_false (mp_store_in_batch (fixture->store));
}

static void
import_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static void
test_async (Fixture       *fixture,
            gconstpointer  data)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "exchange", "eml", "malformed.eml", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) missing = g_file_new_for_path ("/nonexistent/meldpunt/report.eml");
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GAsyncResult) failed = NULL;
  g_autoptr(GPtrArray) notes = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(MpCase) kase = NULL;

  mp_eml_import_file_async (fixture->store, file, NULL, import_done_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  kase = mp_eml_import_finish (fixture->store, result, &notes, &error);
  g_assert_no_error (error);
  g_assert_nonnull (kase);
  g_assert_true (has_note (notes, "The message has no subject."));
  g_assert_true (mp_store_find_case (fixture->store, mp_case_get_reference (kase)) == kase);

  mp_eml_import_file_async (fixture->store, missing, NULL, import_done_cb, &failed);
  while (failed == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_null (mp_eml_import_finish (fixture->store, failed, NULL, &error));
  g_assert_error (error, MP_EML_ERROR, MP_EML_ERROR_READ);
  g_clear_error (&error);

  /* Cancelled: nothing stored. */
  {
    g_autoptr(GCancellable) cancellable = g_cancellable_new ();
    g_autoptr(GAsyncResult) cancelled = NULL;
    g_autoptr(GBytes) bytes = load_fixture ("signed.eml");

    mp_eml_import_bytes_async (fixture->store, bytes, cancellable, import_done_cb, &cancelled);
    g_cancellable_cancel (cancellable);
    while (cancelled == NULL)
      g_main_context_iteration (NULL, TRUE);
    g_assert_null (mp_eml_import_finish (fixture->store, cancelled, NULL, &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
    g_assert_cmpuint (g_list_model_get_n_items (mp_store_get_cases (fixture->store)), ==, 1);
  }
}

static void
test_host_of (void)
{
  static const struct { const char *asset; const char *host; } cases[] = {
    { "https://www.Example.NL:8443/admin?x=1", "example.nl" },
    { "http://user:pw@portal.example.nl/login", "portal.example.nl" },
    { "portal.example.nl", "portal.example.nl" },
    { "WWW.example.nl.", "example.nl" },
    { "192.0.2.15:8080", "192.0.2.15" },
    { "https://[2001:db8::1]:443/", "2001:db8::1" },
    { "2001:db8::1", "2001:db8::1" },
    { "  mail.example.nl  ", "mail.example.nl" },
    { "", NULL },
    { "https:///", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *host = mp_duplicates_host_of (cases[i].asset);

      g_assert_cmpstr (host, ==, cases[i].host);
    }
}

static MpCase *
add_case (Fixture    *fixture,
          const char *title,
          const char *email,
          const char *asset)
{
  g_autoptr(MpCase) draft = mp_case_new ();
  g_autoptr(GError) error = NULL;
  MpCase *kase;

  mp_case_set_text (draft, "title", title);
  mp_case_set_text (draft, "reporter_email", email);
  mp_case_set_text (draft, "asset", asset);
  kase = mp_store_add_case (fixture->store, draft, &error);
  g_assert_no_error (error);
  return kase;
}

static void
test_duplicates (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(MpCase) same_email = add_case (fixture, "Earlier XSS", "Jose.Muller@Example.ORG",
                                           "https://shop.example.nl/");
  g_autoptr(MpCase) same_host = add_case (fixture, "TLS", "someone@else.example",
                                          "https://www.PORTAL.example.nl:443/login");
  g_autoptr(MpCase) both = add_case (fixture, "Both", "jose.muller@example.org",
                                     "portal.example.nl");
  g_autoptr(MpCase) unrelated = add_case (fixture, "Other", "x@y.example", "intranet.example.nl");
  g_autoptr(MpCase) kase = NULL;
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GPtrArray) none = NULL;
  g_autoptr(GError) error = NULL;
  MpDuplicate *d;

  /* A closed case is still worth pointing at. */
  mp_store_set_answer (fixture->store, same_email, "close.closed_on", "2026-03-01", NULL, &error);
  g_assert_no_error (error);
  g_assert_true (mp_case_is_closed (same_email));

  kase = import_fixture (fixture, "thunderbird-utf8.eml", NULL);
  found = mp_duplicates_find (fixture->store, kase);

  g_assert_cmpuint (found->len, ==, 3);
  d = g_ptr_array_index (found, 0);
  g_assert_cmpstr (d->reference, ==, mp_case_get_reference (same_email));
  g_assert_cmpint (d->match, ==, MP_DUPLICATE_SAME_EMAIL);
  g_assert_cmpstr (d->reason, ==, "Same reporter e-mail address: Jose.Muller@Example.ORG");
  d = g_ptr_array_index (found, 1);
  g_assert_cmpstr (d->reference, ==, mp_case_get_reference (same_host));
  g_assert_cmpint (d->match, ==, MP_DUPLICATE_SAME_HOST);
  g_assert_cmpstr (d->reason, ==, "Same affected host: portal.example.nl");
  d = g_ptr_array_index (found, 2);
  g_assert_cmpstr (d->reference, ==, mp_case_get_reference (both));
  g_assert_cmpint (d->match, ==, MP_DUPLICATE_SAME_EMAIL | MP_DUPLICATE_SAME_HOST);
  g_assert_cmpstr (d->reason, ==, "Same reporter e-mail address: jose.muller@example.org; "
                                  "Same affected host: portal.example.nl");

  /* From the other side: a case is never its own duplicate. */
  mp_store_update_case (fixture->store, unrelated, "asset", "http://portal.example.nl", &error);
  g_assert_no_error (error);
  none = mp_duplicates_find (fixture->store, unrelated);
  g_assert_cmpuint (none->len, ==, 3);
  for (guint i = 0; i < none->len; i++)
    g_assert_cmpstr (((MpDuplicate *) g_ptr_array_index (none, i))->reference, !=,
                     mp_case_get_reference (unrelated));
}

/* Robustness: every fixture, mutated a few hundred times, must give a case
 * or a clean error. */
static GBytes *
mutate (GBytes *original,
        GRand  *rand)
{
  gsize size;
  const guint8 *data = g_bytes_get_data (original, &size);
  GByteArray *out = g_byte_array_new ();
  guint n = g_rand_int_range (rand, 1, 6);
  static const char * const tokens[] = {
    "\n--", "=?UTF-8?B?", "?=", "boundary=", "\r\n\r\n", ":", "=\n", "Content-Type: multipart/mixed\n",
    "charset=\"x-unknown\"", "\xff\xfe", "\0", "=?ISO-8859-1?Q?=E9=", "\n\n", ";", "\"",
    "Content-Transfer-Encoding: base64\n", "message/rfc822", "%", "<", "&#x110000;",
  };

  g_byte_array_append (out, data, (guint) size);
  for (guint i = 0; i < n && out->len > 0; i++)
    {
      guint at = g_rand_int_range (rand, 0, (gint32) out->len);

      switch (g_rand_int_range (rand, 0, 6))
        {
        case 0:
          out->data[at] ^= (guint8) g_rand_int_range (rand, 1, 256);
          break;
        case 1:
          {
            guint len = (guint) g_rand_int_range (rand, 1, 64);

            g_byte_array_remove_range (out, at, MIN (len, out->len - at));
          }
          break;
        case 2:
          {
            const char *token = tokens[g_rand_int_range (rand, 0, G_N_ELEMENTS (tokens))];
            gsize len = token[0] == '\0' ? 1 : strlen (token);

            g_byte_array_set_size (out, out->len + (guint) len);
            memmove (out->data + at + len, out->data + at, out->len - len - at);
            memcpy (out->data + at, token, len);
          }
          break;
        case 3:
          g_byte_array_set_size (out, at);
          break;
        case 4:
          {
            guint len = (guint) g_rand_int_range (rand, 1, 200);
            g_autofree guint8 *chunk = NULL;

            len = MIN (len, out->len - at);
            chunk = g_memdup2 (out->data + at, len);

            g_byte_array_append (out, chunk, len);
          }
          break;
        default:
          out->data[at] = (guint8) "\n\r-=:;\"<>?"[g_rand_int_range (rand, 0, 11)];
          break;
        }
    }
  return g_byte_array_free_to_bytes (out);
}

static void
test_fuzz (Fixture       *fixture,
           gconstpointer  data)
{
  static const char * const fixtures[] = {
    "thunderbird-utf8.eml", "outlook-latin1.eml", "html-only.eml", "nested-alternative.eml",
    "forwarded-webform.eml", "pgp-mime.eml", "inline-pgp.eml", "signed.eml", "malformed.eml",
    "truncated.eml", "attached-message.eml", "inline-forward.eml",
    /* Issue 19: the structures the real-world messages showed. */
    "related-screenshot.eml", "smime-opaque-signed.eml", "winmail-tnef.eml", "digest.eml",
    "encoded-words-split.eml", "uuencode.eml",
  };
  g_autoptr(GRand) rand = g_rand_new_with_seed (20260401);
  guint imported = 0, refused = 0;

  for (guint f = 0; f < G_N_ELEMENTS (fixtures); f++)
    {
      g_autoptr(GBytes) original = load_fixture (fixtures[f]);

      for (guint i = 0; i < 300; i++)
        {
          g_autoptr(GBytes) mutated = mutate (original, rand);
          g_autoptr(GError) error = NULL;
          g_autoptr(MpEmlReport) report = mp_eml_report_parse (mutated, 0, &error);

          g_assert_true ((report == NULL) != (error == NULL));
          if (report == NULL)
            {
              g_assert_true (error->domain == MP_EML_ERROR);
              refused++;
              continue;
            }
          g_assert_nonnull (mp_case_get_title (mp_eml_report_get_draft (report)));
          g_assert_true (g_utf8_validate (mp_case_get_title (mp_eml_report_get_draft (report)), -1, NULL));

          /* Storing is slow (encryption, fsync): every 15th goes all the way. */
          if (i % 15 == 0)
            {
              g_autoptr(MpCase) kase = mp_eml_report_store (report, fixture->store, &error);

              g_assert_no_error (error);
              g_assert_nonnull (kase);
              imported++;
            }
        }
    }
  g_test_message ("fuzz: %u stored, %u refused", imported, refused);
  g_assert_cmpuint (imported, >, 0);
  g_assert_cmpuint (g_list_model_get_n_items (mp_store_get_cases (fixture->store)), ==, imported);
}

int
main (int    argc,
      char **argv)
{
  g_setenv ("MELDPUNT_NOW", NOW, TRUE);
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/eml/thunderbird-utf8", test_thunderbird_utf8);
  ADD ("/eml/outlook-latin1", test_outlook_latin1);
  ADD ("/eml/html-only", test_html_only);
  ADD ("/eml/nested-alternative", test_nested_alternative);
  ADD ("/eml/forwarded-web-form", test_forwarded_web_form);
  ADD ("/eml/attached-message", test_attached_message);
  ADD ("/eml/inline-forward", test_inline_forward);
  ADD ("/eml/outlook-inline-web-form", test_outlook_inline_web_form);
  ADD ("/eml/pgp-mime", test_pgp_mime);
  ADD ("/eml/inline-pgp", test_inline_pgp);
  ADD ("/eml/signed", test_signed);
  ADD ("/eml/malformed", test_malformed);
  ADD ("/eml/truncated", test_truncated);
  ADD ("/eml/unreadable-date", test_unreadable_date);
  ADD ("/eml/not-email", test_not_email);
  ADD ("/eml/too-large", test_too_large);
  ADD ("/eml/caller-batch", test_caller_batch);
  ADD ("/eml/async", test_async);
  ADD ("/eml/duplicates", test_duplicates);
  ADD ("/eml/fuzz", test_fuzz);
  g_test_add_func ("/duplicates/host-of", test_host_of);

#undef ADD
  return g_test_run ();
}
