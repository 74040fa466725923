/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 */
#include "config.h"

#include <glib.h>
#include <string.h>

#include "mp-eml-text.h"

static void
test_charsets (void)
{
  static const struct {
    const char *bytes;
    const char *charset;
    const char *expected;
    gboolean    lossy;
  } cases[] = {
    /* ISO-8859-1 proper, and windows-1252 wearing its label. */
    { "Zo\xeb M\xfcller", "ISO-8859-1", "Zoë Müller", FALSE },
    { "\x93quoted\x94 \x80 5 \x96 ok", "iso-8859-1", "“quoted” € 5 – ok", FALSE },
    { "\x93quoted\x94", "windows-1252", "“quoted”", FALSE },
    /* ISO-8859-15 has the euro sign where ISO-8859-1 has the currency sign. */
    { "prijs \xa4 10, \xbd", "ISO-8859-15", "prijs € 10, œ", FALSE },
    { "Jos\xc3\xa9", "utf-8", "José", FALSE },
    { "Jos\xc3\xa9", NULL, "José", FALSE },
    { "Jos\xe9", NULL, "José", FALSE },
    { "line one\r\nline two\rthree", "us-ascii", "line one\nline two\nthree", FALSE },
    /* Issue 19: the bytes decide over the label. Latin-1 labelled UTF-8 and
     * UTF-8 labelled US-ASCII or nothing. */
    { "Fr\xfcsche \xff", "utf-8", "Früsche ÿ", FALSE },
    { "ways\xe2\x80\x94I Envoy\xc3\xa9", "us-ascii", "ways—I Envoyé", FALSE },
    { "ways\xe2\x80\x94I", "iso-8859-1", "ways—I", FALSE },
    { "Envoy\xc3\xa9", "unknown-8bit", "Envoyé", FALSE },
    /* An alias iconv does not know, mapped to the charset it means (CP949). */
    { "\xc7\xd1\xb1\xb9\xbe\xee", "ks_c_5601-1987", "한국어", FALSE },
    /* A 7-bit charset: ASCII bytes that need their label. */
    { "\x1b$B$3$s$K$A$O\x1b(B", "iso-2022-jp", "こんにちは", FALSE },
    /* Not decodable: what can be read is kept, the rest marked. */
    { "caf\xe9", "x-no-such-charset", "caf\xef\xbf\xbd", TRUE },
    { "ok \xff\xff ok", "shift_jis", "ok \xef\xbf\xbd\xef\xbf\xbd ok", TRUE },
    { "\x1b[31mred\x07", "utf-8", "[31mred", FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      gboolean lossy = !cases[i].lossy;
      g_autofree char *text = _mp_eml_to_utf8 (cases[i].bytes, strlen (cases[i].bytes),
                                               cases[i].charset, &lossy);

      g_assert_cmpstr (text, ==, cases[i].expected);
      g_assert_cmpint (lossy, ==, cases[i].lossy);
    }
}

static void
test_fix_c1 (void)
{
  g_autofree char *fixed = _mp_eml_fix_c1 ("\xc2\x80 \xc2\x93x\xc2\x94 \xc2\x81");

  /* U+0081 is a hole in windows-1252: dropped. */
  g_assert_cmpstr (fixed, ==, "€ “x” ");
}

static void
test_html (void)
{
  static const struct { const char *html; const char *text; } cases[] = {
    { "<p>One</p><p>Two<br>Three</p>", "One\n\nTwo\nThree" },
    { "<a href=\"https://a.example/x\">the page</a>", "the page (https://a.example/x)" },
    { "<a href=\"https://a.example/\">https://a.example/</a>", "https://a.example/" },
    { "<a href=\"mailto:x@y.example\">x@y.example</a>", "x@y.example" },
    { "<a href=\"https://a.example/?a=1&amp;b=2\">link</a>", "link (https://a.example/?a=1&b=2)" },
    { "caf&eacute; &amp; &lt;b&gt; &#8364; &#x20AC; &euro; &nbsp;x &unknown; a&b",
      "café & <b> € € € x &unknown; a&b" },
    { "<style>p{}</style><script>alert('<p>')</script>Text", "Text" },
    { "<ul><li>one</li><li>two</li></ul>", "- one\n- two" },
    { "a   b\n\n\tc", "a b c" },
    { "<pre>  keep\n  lines</pre>after", "  keep\n  lines\n\nafter" },
    { "1 < 2 and <!-- hidden --> 3 > 2", "1 < 2 and 3 > 2" },
    { "<div>unclosed <b", "unclosed" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = _mp_eml_html_to_text (cases[i].html);

      g_assert_cmpstr (text, ==, cases[i].text);
    }
}

static void
test_language (void)
{
  g_assert_cmpstr (_mp_eml_guess_language ("Ik heb een lek gevonden in de website van het bedrijf."), ==, "nl");
  g_assert_cmpstr (_mp_eml_guess_language ("I found a bug and you should fix the login page."), ==, "en");
  g_assert_null (_mp_eml_guess_language ("CVE-2026-1234 192.0.2.1"));
  g_assert_null (_mp_eml_guess_language (NULL));
}

static void
test_asset (void)
{
  static const struct { const char *text; const char *asset; } cases[] = {
    { "See https://portal.example.nl/login?x=1.", "https://portal.example.nl/login?x=1" },
    { "(https://a.example/wiki/Foo_(bar))", "https://a.example/wiki/Foo_(bar)" },
    { "The host Mail.Example.NL:465 is weak", "mail.example.nl" },
    { "Server 192.0.2.15 leaks", "192.0.2.15" },
    { "Version 1.2.3.4.5 and 300.1.1.1", NULL },
    { "Mail me at jose.muller@example.org please", NULL },
    { "See screenshot.png and report.pdf, then www.example.nl", "www.example.nl" },
    { "e.g. nothing here", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *asset = _mp_eml_find_asset (cases[i].text);

      g_assert_cmpstr (asset, ==, cases[i].asset);
    }
}

static void
test_web_form (void)
{
  g_autofree char *name = NULL;
  g_autofree char *email = NULL;
  g_autofree char *subject = NULL;
  g_autofree char *asset = NULL;
  g_autofree char *description = NULL;

  g_assert_true (_mp_eml_parse_web_form ("Name: Alex Taylor\nEmail: <alex@example.org>\n"
                                         "Subject: XSS\nDescription: line one\nline two\n\n",
                                         &name, &email, &subject, &asset, &description));
  g_assert_cmpstr (name, ==, "Alex Taylor");
  g_assert_cmpstr (email, ==, "alex@example.org");
  g_assert_cmpstr (subject, ==, "XSS");
  g_assert_null (asset);
  g_assert_cmpstr (description, ==, "line one\nline two");

  /* An ordinary letter is not a form, even with a colon in it. */
  g_assert_false (_mp_eml_parse_web_form ("Hello,\nNote: the login page is slow.\nBye",
                                          &name, &email, &subject, &asset, &description));
  g_assert_false (_mp_eml_parse_web_form ("Naam: X\nOmschrijving:\n",
                                          &name, &email, &subject, &asset, &description));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/eml-text/charsets", test_charsets);
  g_test_add_func ("/eml-text/fix-c1", test_fix_c1);
  g_test_add_func ("/eml-text/html", test_html);
  g_test_add_func ("/eml-text/language", test_language);
  g_test_add_func ("/eml-text/asset", test_asset);
  g_test_add_func ("/eml-text/web-form", test_web_form);
  return g_test_run ();
}
