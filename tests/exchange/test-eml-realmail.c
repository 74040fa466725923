/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 *
 * Issue 19: what real-world messages showed the importer got wrong. One
 * fixture of our own (tests/exchange/eml/) per finding, parsed without a
 * store: each test says exactly what the draft and its attachments are.
 */
#include "config.h"

#include <string.h>

#include "mp-eml-import.h"

#define NOW "2026-04-01T10:00:00Z"

/* The 1×1 PNG of the fixtures. */
#define PNG_BASE64 "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="

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

static MpEmlReport *
parse_fixture (const char *name)
{
  g_autoptr(GBytes) bytes = load_fixture (name);
  g_autoptr(GError) error = NULL;
  MpEmlReport *report = mp_eml_report_parse (bytes, 0, &error);

  g_assert_no_error (error);
  g_assert_nonnull (report);
  return report;
}

static void
assert_time (gint64      usec,
             const char *expected)
{
  g_autofree char *text = mp_time_format_iso8601 (usec);

  g_assert_cmpstr (text, ==, expected);
}

/* The attachments are exactly @... (names, then NULL), the original last. */
static void
assert_attachments (MpEmlReport *report,
                    ...)
{
  va_list args;
  const char *name;
  guint i = 0;

  va_start (args, report);
  while ((name = va_arg (args, const char *)) != NULL)
    {
      g_assert_cmpuint (i, <, mp_eml_report_get_n_attachments (report));
      g_assert_cmpstr (mp_eml_report_get_attachment (report, i, NULL, NULL), ==, name);
      i++;
    }
  va_end (args);
  g_assert_cmpuint (mp_eml_report_get_n_attachments (report), ==, i + 1);
  g_assert_cmpstr (mp_eml_report_get_attachment (report, i, NULL, NULL), ==,
                   "original-message.eml");
}

static void
assert_attachment_content (MpEmlReport *report,
                           guint        index,
                           const char  *mime_type,
                           GBytes      *expected)
{
  const char *type = NULL;
  GBytes *content = NULL;

  mp_eml_report_get_attachment (report, index, &type, &content);
  g_assert_cmpstr (type, ==, mime_type);
  g_assert_cmpmem (g_bytes_get_data (content, NULL), g_bytes_get_size (content),
                   g_bytes_get_data (expected, NULL), g_bytes_get_size (expected));
}

static gboolean
has_note (MpEmlReport *report,
          const char  *part)
{
  GPtrArray *notes = mp_eml_report_get_notes (report);

  for (guint i = 0; i < notes->len; i++)
    if (strstr (g_ptr_array_index (notes, i), part) != NULL)
      return TRUE;
  return FALSE;
}

static GBytes *
png_bytes (void)
{
  gsize length;
  guchar *data = g_base64_decode (PNG_BASE64, &length);

  return g_bytes_new_take (data, length);
}

/* 1. A screenshot in a multipart/related beside the plain text. */
static void
test_related_screenshot (void)
{
  g_autoptr(MpEmlReport) report = parse_fixture ("related-screenshot.eml");
  MpCase *draft = mp_eml_report_get_draft (report);
  g_autoptr(GBytes) png = png_bytes ();
  static const char request[] = "GET /reset?token=abc HTTP/1.1";
  g_autoptr(GBytes) request_bytes = g_bytes_new_static (request, sizeof request - 1);

  g_assert_cmpstr (mp_case_get_description (draft), ==,
                   "Hello,\n\nThe password reset link of https://account.example.nl/reset "
                   "shows the\naccount id of any user. See the screenshot.\n\nRegards,\nAnna");
  g_assert_cmpstr (mp_case_get_reporter_name (draft), ==, "Anna de Vries");
  assert_attachments (report, "screenshot.png", "attachment-1.png", "request.txt", NULL);
  assert_attachment_content (report, 0, "image/png", png);
  assert_attachment_content (report, 1, "image/png", png);
  assert_attachment_content (report, 2, "text/plain", request_bytes);
  g_assert_cmpuint (mp_eml_report_get_notes (report)->len, ==, 0);
}

/* 4. An empty plain text beside real HTML. */
static void
test_empty_text_alternative (void)
{
  g_autoptr(MpEmlReport) report = parse_fixture ("empty-text-alternative.eml");
  MpCase *draft = mp_eml_report_get_draft (report);

  g_assert_cmpstr (mp_case_get_description (draft), ==,
                   "Hello,\nthe folder https://files.example.nl/backup/ lists all backups of "
                   "the website.\nBram");
  g_assert_cmpstr (mp_case_get_asset (draft), ==, "https://files.example.nl/backup/");
  assert_attachments (report, NULL);
  g_assert_false (has_note (report, "no readable text"));
}

/* 3. Labels that lie, labels iconv does not know, bytes that do not decode. */
static void
test_charsets (void)
{
  g_autoptr(MpEmlReport) report = parse_fixture ("charsets.eml");
  MpCase *draft = mp_eml_report_get_draft (report);
  static const char klingon[] = "tlhIngan Hol \xf1\xf2 Qapla'";
  g_autoptr(GBytes) klingon_bytes = g_bytes_new_static (klingon, sizeof klingon - 1);

  g_assert_cmpstr (mp_case_get_description (draft), ==,
                   "The upload form can be abused in two ways—I tested both. Envoyé from my "
                   "phone.\n\nFrüsche Grüße aus München.\n\n한국어 텍스트\n\n"
                   "tlhIngan Hol \uFFFD\uFFFD Qapla'");
  g_assert_cmpstr (mp_case_get_reporter_name (draft), ==, "René Dubois");
  assert_attachments (report, "attachment-1.txt", NULL);
  assert_attachment_content (report, 0, "text/plain", klingon_bytes);
  g_assert_true (has_note (report, "A text part in the character set “x-klingon” could not be "
                                   "decoded completely; it is kept as the attachment "
                                   "“attachment-1.txt”"));
  g_assert_cmpuint (mp_eml_report_get_notes (report)->len, ==, 1);
}

/* 6. Adjacent base64 encoded words, one ending in "=" padding. */
static void
test_encoded_words_split (void)
{
  g_autoptr(MpEmlReport) report = parse_fixture ("encoded-words-split.eml");
  MpCase *draft = mp_eml_report_get_draft (report);

  g_assert_cmpstr (mp_case_get_title (draft), ==,
                   "MySurvey.com: You have a survey waiting! 91123105");
  g_assert_cmpstr (mp_case_get_reporter_name (draft), ==, "Sjoerd Ölmez");
  g_assert_cmpstr (mp_case_get_reporter_email (draft), ==, "sjoerd@example.com");
  g_assert_cmpstr (mp_case_get_description (draft), ==,
                   "The survey link https://survey.example.nl/s/1 shows other people's answers.");
  assert_attachments (report, NULL);
}

/* 8. A byte-order mark, a line of spaces, a space before the first header,
 * "Subject :" and "From  :" (RFC 5322 §4.5.3, obsolete syntax). */
static void
test_leading_junk (void)
{
  g_autoptr(MpEmlReport) report = parse_fixture ("leading-junk.eml");
  MpCase *draft = mp_eml_report_get_draft (report);

  g_assert_cmpstr (mp_case_get_title (draft), ==, "SQL injection in the search API");
  g_assert_cmpstr (mp_case_get_reporter_name (draft), ==, "Kees Bakker");
  g_assert_cmpstr (mp_case_get_reporter_email (draft), ==, "kees@example.net");
  g_assert_cmpstr (mp_case_get_description (draft), ==,
                   "Goedemiddag,\n\nDe zoek-API op https://api.example.nl/search is kwetsbaar "
                   "voor SQL-injectie.\n\nGroet,\nKees");
  g_assert_cmpstr (mp_case_get_reporter_language (draft), ==, "nl");
  assert_attachments (report, NULL);
}

/* 8. An Outlook .msg file is refused with what to do instead. */
static void
test_outlook_msg (void)
{
  g_autoptr(GBytes) bytes = load_fixture ("outlook.msg");
  g_autoptr(GError) error = NULL;
  g_autoptr(MpEmlReport) report = mp_eml_report_parse (bytes, 0, &error);

  g_assert_null (report);
  g_assert_error (error, MP_EML_ERROR, MP_EML_ERROR_NOT_EMAIL);
  g_assert_cmpstr (error->message, ==,
                   "This is an Outlook message file (.msg), which Meldpunt cannot read. Save the "
                   "message as an .eml file, or drag it from the mail client into Meldpunt.");
}

/* 9. No blank line between the headers and a multipart body. */
static void
test_missing_blank_line (void)
{
  g_autoptr(MpEmlReport) report = parse_fixture ("missing-blank-line.eml");
  MpCase *draft = mp_eml_report_get_draft (report);
  static const char config[] = "[core]";
  g_autoptr(GBytes) config_bytes = g_bytes_new_static (config, sizeof config - 1);

  g_assert_cmpstr (mp_case_get_title (draft), ==, "Exposed .git folder");
  g_assert_cmpstr (mp_case_get_description (draft), ==,
                   "https://www.example.nl/.git/config is readable.");
  assert_attachments (report, "config.txt", NULL);
  assert_attachment_content (report, 0, "text/plain", config_bytes);
}

/* 5. "[Fwd: …]": the attached message is the report. */
static void
test_forward_bracket (void)
{
  g_autoptr(MpEmlReport) report = parse_fixture ("forward-bracket.eml");
  MpCase *draft = mp_eml_report_get_draft (report);

  g_assert_cmpstr (mp_case_get_reporter_name (draft), ==, "Sanne Visser");
  g_assert_cmpstr (mp_case_get_reporter_email (draft), ==, "sanne@visser.example");
  g_assert_cmpstr (mp_case_get_title (draft), ==, "Kwetsbaarheid in de webwinkel");
  g_assert_cmpstr (mp_case_get_description (draft), ==,
                   "Beste,\n\nIn de webwinkel op https://shop.example.nl kan ik de bestelling "
                   "van een\nander inzien door het nummer in de URL te veranderen.\n\nGroet,\n"
                   "Sanne");
  g_assert_cmpstr (mp_case_get_text (draft, "notes"), ==,
                   "Forwarded by Servicedesk Example <servicedesk@example.nl>:\nTer behandeling.");
  assert_attachments (report, NULL);
}

/* 5. No "Fwd:" in the subject, only a signature above an attached message. */
static void
test_forward_structure (void)
{
  g_autoptr(MpEmlReport) report = parse_fixture ("forward-structure.eml");
  MpCase *draft = mp_eml_report_get_draft (report);

  g_assert_cmpstr (mp_case_get_reporter_name (draft), ==, "Yusuf Demir");
  g_assert_cmpstr (mp_case_get_reporter_email (draft), ==, "yusuf@demir.example");
  g_assert_cmpstr (mp_case_get_title (draft), ==, "Open Redis server");
  g_assert_cmpstr (mp_case_get_description (draft), ==,
                   "Hello,\n\nredis.example.nl:6379 answers without a password.\n\nYusuf");
  g_assert_true (g_str_has_prefix (mp_case_get_text (draft, "notes"),
                                   "Forwarded by Piet Hendriks <piet@example.nl>:\n-- \n"));
  assert_attachments (report, NULL);
}

/* 5. A "Doorgestuurd bericht" block in the text, whatever the subject. */
static void
test_inline_doorgestuurd (void)
{
  g_autoptr(MpEmlReport) report = parse_fixture ("inline-doorgestuurd.eml");
  MpCase *draft = mp_eml_report_get_draft (report);

  g_assert_cmpstr (mp_case_get_reporter_name (draft), ==, "Fleur Smit");
  g_assert_cmpstr (mp_case_get_reporter_email (draft), ==, "fleur@smit.example");
  g_assert_cmpstr (mp_case_get_title (draft), ==, "XSS in het contactformulier");
  g_assert_cmpstr (mp_case_get_description (draft), ==,
                   "Hallo,\n\nHet contactformulier op https://www.example.nl/contact voert "
                   "scripts uit.\n\nFleur");
  g_assert_cmpstr (mp_case_get_text (draft, "notes"), ==,
                   "Forwarded by Servicedesk Example <servicedesk@example.nl>:\n"
                   "Kwam binnen via het algemene adres.");
  assert_attachments (report, NULL);
}

/* 5. A digest: the text is in its messages. */
static void
test_digest (void)
{
  g_autoptr(MpEmlReport) report = parse_fixture ("digest.eml");
  MpCase *draft = mp_eml_report_get_draft (report);

  g_assert_cmpstr (mp_case_get_title (draft), ==, "security-list Digest, Vol 4, Issue 2");
  g_assert_cmpstr (mp_case_get_reporter_email (draft), ==, "security-list-request@lists.example.org");
  g_assert_cmpstr (mp_case_get_description (draft), ==,
                   "Attached message “Weak TLS on vpn.example.nl”:\n"
                   "vpn.example.nl still offers TLS 1.0.\n\n"
                   "Attached message “Re: Weak TLS on vpn.example.nl”:\n"
                   "Confirmed, and RC4 too.");
  assert_attachments (report, "attachment-1.eml", "attachment-2.eml", NULL);
}

/* 5. A bounce: its notice, then the text of the message that came back. */
static void
test_bounce (void)
{
  g_autoptr(MpEmlReport) report = parse_fixture ("bounce.eml");
  MpCase *draft = mp_eml_report_get_draft (report);

  g_assert_cmpstr (mp_case_get_description (draft), ==,
                   "This is the mail system at host mx.example.com.\nI'm sorry to have to inform "
                   "you that your message could not be delivered.\n\n"
                   "Attached message “Ontvangstbevestiging CVD-2026-0007”:\n"
                   "Wij hebben uw melding ontvangen.");
  assert_attachments (report, "attachment-1", "attachment-2.eml", NULL);
}

/* 2. Opaque-signed S/MIME (BER, indefinite lengths): the text is inside. */
static void
test_smime_opaque_signed (void)
{
  g_autoptr(MpEmlReport) report = parse_fixture ("smime-opaque-signed.eml");
  MpCase *draft = mp_eml_report_get_draft (report);

  g_assert_cmpstr (mp_case_get_description (draft), ==,
                   "Goedemorgen,\n\nDe beheerpagina https://beheer.example.nl/ is zonder "
                   "wachtwoord bereikbaar.\n\nMet vriendelijke groet,\nEva Janssen");
  g_assert_cmpstr (mp_case_get_asset (draft), ==, "https://beheer.example.nl/");
  g_assert_false (mp_case_get_boolean (draft, "report_encrypted"));
  g_assert_true (has_note (report, "The message is signed (S/MIME or OpenPGP)."));
  assert_attachments (report, "smime.p7m", NULL);
}

/* 2. Encrypted S/MIME: marked like PGP, the ciphertext kept. */
static void
test_smime_encrypted (void)
{
  g_autoptr(MpEmlReport) report = parse_fixture ("smime-encrypted.eml");
  MpCase *draft = mp_eml_report_get_draft (report);
  const char *type = NULL;

  g_assert_true (mp_case_get_boolean (draft, "report_encrypted"));
  g_assert_cmpstr (mp_case_get_description (draft), ==,
                   "This report is encrypted. Decrypt the attached encrypted part outside "
                   "Meldpunt and add what it says to this case.");
  g_assert_cmpstr (mp_case_get_title (draft), ==, "Versleutelde melding");
  g_assert_cmpstr (mp_case_get_reporter_email (draft), ==, "eva@janssen.example");
  g_assert_false (has_note (report, "signed"));
  assert_attachments (report, "smime.p7m", NULL);
  mp_eml_report_get_attachment (report, 0, &type, NULL);
  g_assert_cmpstr (type, ==, "application/pkcs7-mime");
}

/* 7. The desk's clock decides: the newest Received: header, not a Date in
 * 3609; the sender's date is kept and the difference flagged. */
static void
test_sender_clock_future (void)
{
  g_autoptr(MpEmlReport) report = parse_fixture ("sender-clock-future.eml");
  MpCase *draft = mp_eml_report_get_draft (report);

  assert_time (mp_case_get_received_at (draft), "2026-03-22T13:05:09Z");
  assert_time (mp_eml_report_get_sender_date (report), "3609-03-22T13:05:00Z");
  g_assert_true (has_note (report, "The date the sender gave (3609-03-22T13:05:00Z) is more than "
                                   "a day away from when the desk received the message "
                                   "(2026-03-22T13:05:09Z); the deadlines count from the "
                                   "receipt."));
  g_assert_cmpuint (mp_eml_report_get_notes (report)->len, ==, 1);
}

/* 7. An mbox "From " line is the mailbox's arrival time. */
static void
test_sender_clock_mbox (void)
{
  g_autoptr(MpEmlReport) report = parse_fixture ("sender-clock-mbox.eml");
  MpCase *draft = mp_eml_report_get_draft (report);

  assert_time (mp_case_get_received_at (draft), "2026-03-23T08:15:30Z");
  assert_time (mp_eml_report_get_sender_date (report), "1969-12-31T23:59:59Z");
  g_assert_true (has_note (report, "The date the sender gave (1969-12-31T23:59:59Z)"));
  g_assert_cmpstr (mp_case_get_description (draft), ==,
                   "The TLS certificate of webmail.example.nl has expired.");
}

/* 7. No Received: header at all: the moment of import, said so. */
static void
test_sender_clock_none (void)
{
  g_autoptr(MpEmlReport) report = parse_fixture ("sender-clock-none.eml");
  MpCase *draft = mp_eml_report_get_draft (report);

  assert_time (mp_case_get_received_at (draft), NOW);
  assert_time (mp_eml_report_get_sender_date (report), "2026-01-05T09:00:00Z");
  g_assert_true (has_note (report, "The message does not say when the desk received it (it has no "
                                   "Received header); the time of the import is used."));
  g_assert_true (has_note (report, "The date the sender gave (2026-01-05T09:00:00Z)"));
}

/* 9. No text of its own: the note says where the report probably is. */
static void
test_attachment_only (void)
{
  g_autoptr(MpEmlReport) report = parse_fixture ("attachment-only.eml");
  MpCase *draft = mp_eml_report_get_draft (report);

  g_assert_null (mp_case_get_description (draft));
  assert_attachments (report, "findings.pdf", NULL);
  g_assert_true (has_note (report, "The message has no readable text of its own; the report is "
                                   "probably in the attachment “findings.pdf”."));
  /* No text, so no language to recognise: not worth a note. */
  g_assert_false (has_note (report, "language"));
  g_assert_cmpuint (mp_eml_report_get_notes (report)->len, ==, 1);
}

/* 9. The language note only when the text gave no clue and nothing else did. */
static void
test_language_clues (void)
{
  g_autoptr(MpEmlReport) declared = parse_fixture ("language-clues.eml");
  g_autoptr(MpEmlReport) unknown = parse_fixture ("language-unknown.eml");

  g_assert_cmpstr (mp_case_get_reporter_language (mp_eml_report_get_draft (declared)), ==, "en");
  g_assert_cmpuint (mp_eml_report_get_notes (declared)->len, ==, 0);

  g_assert_cmpstr (mp_case_get_reporter_language (mp_eml_report_get_draft (unknown)), ==, "nl");
  g_assert_true (has_note (unknown, "The language of the report could not be recognised; Dutch is "
                                    "assumed. Edit the case to change the reporter's language."));
  g_assert_cmpuint (mp_eml_report_get_notes (unknown)->len, ==, 1);
}

/* 9. A uuencoded file in the text becomes an attachment. */
static void
test_uuencode (void)
{
  g_autoptr(MpEmlReport) report = parse_fixture ("uuencode.eml");
  MpCase *draft = mp_eml_report_get_draft (report);
  static const char poc[] = "PoC: curl -k https://vpn.example.nl/../../etc/passwd\n";
  g_autoptr(GBytes) poc_bytes = g_bytes_new_static (poc, sizeof poc - 1);

  g_assert_cmpstr (mp_case_get_description (draft), ==,
                   "Hello,\n\nThe VPN portal allows path traversal; my command is attached."
                   "\n\nDirk");
  assert_attachments (report, "poc.txt", NULL);
  assert_attachment_content (report, 0, "text/plain", poc_bytes);
}

/* 9. Named HTML entities Word writes. */
static void
test_html_entities (void)
{
  g_autoptr(MpEmlReport) report = parse_fixture ("html-entities.eml");
  MpCase *draft = mp_eml_report_get_draft (report);

  g_assert_cmpstr (mp_case_get_description (draft), ==,
                   "Op de pagina „Wachtwoord vergeten“ – https://mijn.example.nl/vergeten – "
                   "verschijnt het e-mailadres™ van een ander. Kosten: £0 & ½ uur…\n\nMarit");
  g_assert_cmpstr (mp_case_get_reporter_language (draft), ==, "nl");
}

/* 9. winmail.dat (TNEF): its files and its text are the message's. */
static void
test_winmail_tnef (void)
{
  g_autoptr(MpEmlReport) report = parse_fixture ("winmail-tnef.eml");
  MpCase *draft = mp_eml_report_get_draft (report);
  static const char poc[] = "GET /api/users/../admin HTTP/1.1\r\nHost: intranet.example.nl\r\n";
  g_autoptr(GBytes) poc_bytes = g_bytes_new_static (poc, sizeof poc - 1);
  g_autoptr(GBytes) png = png_bytes ();

  g_assert_cmpstr (mp_case_get_description (draft), ==,
                   "Beste,\n\nDe intranetsite https://intranet.example.nl/api laat path traversal "
                   "toe. Zie de bijlagen.\n\nGroet,\nJan");
  /* The long name from the MAPI properties, else the 8.3 title. */
  assert_attachments (report, "proof of concept.txt", "SHOT.PNG", NULL);
  assert_attachment_content (report, 0, "text/plain", poc_bytes);
  assert_attachment_content (report, 1, "image/png", png);
  g_assert_cmpuint (mp_eml_report_get_notes (report)->len, ==, 0);
}

/* 2. A damaged opaque signature is not taken for encryption. */
static void
test_smime_damaged (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "exchange", "fuzz-corpus",
                                                 "smime-truncated.eml", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(MpEmlReport) report = NULL;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  bytes = g_bytes_new (contents, length);
  report = mp_eml_report_parse (bytes, 0, &error);
  g_assert_no_error (error);
  g_assert_false (mp_case_get_boolean (mp_eml_report_get_draft (report), "report_encrypted"));
  g_assert_true (has_note (report, "An S/MIME signed part could not be read; it is kept as an "
                                   "attachment."));
  assert_attachments (report, "smime.p7m", NULL);
}

/* 7. The mailbox's own arrival time comes first. */
static void
test_sender_clock_arrived (void)
{
  g_autoptr(GBytes) bytes = load_fixture ("sender-clock-future.eml");
  g_autoptr(GError) error = NULL;
  g_autoptr(MpEmlReport) report = NULL;
  gint64 arrival = 0;

  g_assert_true (mp_time_parse_iso8601 ("2026-03-22T13:06:00Z", &arrival));
  report = mp_eml_report_parse_arrived (bytes, 0, arrival, &error);
  g_assert_no_error (error);
  assert_time (mp_case_get_received_at (mp_eml_report_get_draft (report)), "2026-03-22T13:06:00Z");
  assert_time (mp_eml_report_get_sender_date (report), "3609-03-22T13:05:00Z");
}

int
main (int    argc,
      char **argv)
{
  g_setenv ("MELDPUNT_NOW", NOW, TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/eml-real/related-screenshot", test_related_screenshot);
  g_test_add_func ("/eml-real/empty-text-alternative", test_empty_text_alternative);

  g_test_add_func ("/eml-real/charsets", test_charsets);
  g_test_add_func ("/eml-real/encoded-words-split", test_encoded_words_split);
  g_test_add_func ("/eml-real/leading-junk", test_leading_junk);
  g_test_add_func ("/eml-real/outlook-msg", test_outlook_msg);
  g_test_add_func ("/eml-real/missing-blank-line", test_missing_blank_line);
  g_test_add_func ("/eml-real/forward-bracket", test_forward_bracket);
  g_test_add_func ("/eml-real/forward-structure", test_forward_structure);
  g_test_add_func ("/eml-real/inline-doorgestuurd", test_inline_doorgestuurd);
  g_test_add_func ("/eml-real/digest", test_digest);
  g_test_add_func ("/eml-real/bounce", test_bounce);
  g_test_add_func ("/eml-real/smime-opaque-signed", test_smime_opaque_signed);
  g_test_add_func ("/eml-real/smime-encrypted", test_smime_encrypted);
  g_test_add_func ("/eml-real/sender-clock-future", test_sender_clock_future);
  g_test_add_func ("/eml-real/sender-clock-mbox", test_sender_clock_mbox);
  g_test_add_func ("/eml-real/sender-clock-none", test_sender_clock_none);
  g_test_add_func ("/eml-real/attachment-only", test_attachment_only);
  g_test_add_func ("/eml-real/language-clues", test_language_clues);
  g_test_add_func ("/eml-real/uuencode", test_uuencode);
  g_test_add_func ("/eml-real/html-entities", test_html_entities);
  g_test_add_func ("/eml-real/winmail-tnef", test_winmail_tnef);
  g_test_add_func ("/eml-real/smime-damaged", test_smime_damaged);
  g_test_add_func ("/eml-real/sender-clock-arrived", test_sender_clock_arrived);

  return g_test_run ();
}
