/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "mp-publish.h"

G_DEFINE_QUARK (mp-publish-error-quark, mp_publish_error)

static gboolean
name_under (const char *name,
            const char *suffix)
{
  gsize n = strlen (name), s = strlen (suffix);

  if (g_str_equal (name, suffix))
    return TRUE;
  return n > s + 1 && name[n - s - 1] == '.' && g_str_equal (name + n - s, suffix);
}

static gboolean
in_list (GStrv        list,
         const char  *name,
         gboolean     suffixes)
{
  for (guint i = 0; list != NULL && list[i] != NULL; i++)
    if (suffixes ? name_under (name, list[i]) : g_str_equal (name, list[i]))
      return TRUE;
  return FALSE;
}

gboolean
mp_publish_check_domain (MpPolicy    *policy,
                         const char  *domain,
                         GError     **error)
{
  g_return_val_if_fail (policy != NULL, FALSE);
  g_return_val_if_fail (domain != NULL, FALSE);

  /* R-GROUP: a sister publishes its own file under its own policy. */
  for (guint i = 0; policy->sisters != NULL && i < policy->sisters->len; i++)
    {
      MpSister *sister = g_ptr_array_index (policy->sisters, i);

      if (in_list (sister->domains, domain, TRUE) || in_list (sister->hosts, domain, FALSE))
        {
          g_set_error (error, MP_PUBLISH_ERROR, MP_PUBLISH_ERROR_NOT_OURS,
                       /* Translators: %s are a domain and an organisation's name. */
                       _("%s belongs to the sister organisation %s, which publishes its own "
                         "security.txt."), domain, sister->name);
          return FALSE;
        }
    }

  if (in_list (policy->asset_domains, domain, TRUE) || in_list (policy->asset_hosts, domain, FALSE))
    return TRUE;

  if ((policy->asset_domains == NULL || policy->asset_domains[0] == NULL) &&
      (policy->asset_hosts == NULL || policy->asset_hosts[0] == NULL))
    g_set_error (error, MP_PUBLISH_ERROR, MP_PUBLISH_ERROR_NOT_OURS,
                 _("The desk has no domains yet. Add them to the asset list, e.g. with: "
                   "meldpunt-cli policy set assets.domains %s"), domain);
  else
    {
      g_autofree char *domains = policy->asset_domains != NULL
                                 ? g_strjoinv (", ", policy->asset_domains) : g_strdup ("");
      g_autofree char *hosts = policy->asset_hosts != NULL
                               ? g_strjoinv (", ", policy->asset_hosts) : g_strdup ("");

      g_set_error (error, MP_PUBLISH_ERROR, MP_PUBLISH_ERROR_NOT_OURS,
                   /* Translators: %s are a domain and two lists of names. */
                   _("%s is not in the desk's asset list (domains: %s; hosts: %s)."),
                   domain, domains[0] != '\0' ? domains : "–", hosts[0] != '\0' ? hosts : "–");
    }
  return FALSE;
}

char *
mp_publish_url (const char *domain,
                const char *value,
                const char *default_path)
{
  if (value != NULL && g_str_has_prefix (value, "https://"))
    return g_strdup (value);
  if (value != NULL && value[0] == '/')
    return g_strdup_printf ("https://%s%s", domain, value);
  return g_strdup_printf ("https://%s%s", domain, default_path);
}

const char *
mp_publish_main_domain (MpPolicy *policy)
{
  const char *at;

  g_return_val_if_fail (policy != NULL, NULL);

  if (policy->asset_domains != NULL && policy->asset_domains[0] != NULL)
    return policy->asset_domains[0];
  if (policy->asset_hosts != NULL && policy->asset_hosts[0] != NULL)
    return policy->asset_hosts[0];
  if (policy->desk_email != NULL && (at = strchr (policy->desk_email, '@')) != NULL &&
      at[1] != '\0')
    return at + 1;
  return NULL;
}

void
mp_publish_append_html (GString    *out,
                        const char *text)
{
  for (const char *p = text; p != NULL && *p != '\0'; p++)
    switch (*p)
      {
      case '&': g_string_append (out, "&amp;"); break;
      case '<': g_string_append (out, "&lt;"); break;
      case '>': g_string_append (out, "&gt;"); break;
      case '"': g_string_append (out, "&quot;"); break;
      case '\'': g_string_append (out, "&#39;"); break;
      default: g_string_append_c (out, *p); break;
      }
}

/* ---- documents -------------------------------------------------------- */

#define TEXT_WIDTH 72

struct _MpPublishDoc
{
  GString         *out;
  MpPublishFormat  format;
};

/* @text with https:// addresses and e-mail addresses as links. */
static void
append_html_linked (GString    *out,
                    const char *text)
{
  g_auto(GStrv) words = g_strsplit (text, " ", -1);

  for (guint i = 0; words[i] != NULL; i++)
    {
      const char *word = words[i];
      gsize length = strlen (word);
      g_autofree char *core = NULL;
      const char *at;

      if (i > 0)
        g_string_append_c (out, ' ');
      /* A sentence's last punctuation is not part of the address. */
      while (length > 0 && strchr (".,;:)", word[length - 1]) != NULL)
        length--;
      core = g_strndup (word, length);
      at = strchr (core, '@');
      if (g_str_has_prefix (core, "https://") ||
          (at != NULL && at != core && strchr (at, '.') != NULL && strchr (core, '/') == NULL))
        {
          g_string_append (out, "<a href=\"");
          if (!g_str_has_prefix (core, "https://"))
            g_string_append (out, "mailto:");
          mp_publish_append_html (out, core);
          g_string_append (out, "\">");
          mp_publish_append_html (out, core);
          g_string_append (out, "</a>");
          mp_publish_append_html (out, word + length);
        }
      else
        mp_publish_append_html (out, word);
    }
}

/* Appends @text wrapped at TEXT_WIDTH characters; the first line starts
 * with @first, the others with as many spaces. */
static void
append_wrapped (GString    *out,
                const char *first,
                const char *text)
{
  g_auto(GStrv) words = g_strsplit (text, " ", -1);
  glong indent = g_utf8_strlen (first, -1);
  glong column = indent;

  g_string_append (out, first);
  for (guint i = 0, n = 0; words[i] != NULL; i++)
    {
      glong length = g_utf8_strlen (words[i], -1);

      if (words[i][0] == '\0')
        continue;
      if (n > 0 && column + 1 + length > TEXT_WIDTH)
        {
          g_string_append_c (out, '\n');
          for (glong j = 0; j < indent; j++)
            g_string_append_c (out, ' ');
          column = indent;
        }
      else if (n > 0)
        {
          g_string_append_c (out, ' ');
          column++;
        }
      g_string_append (out, words[i]);
      column += length;
      n++;
    }
  g_string_append_c (out, '\n');
}

static void
append_underlined (GString    *out,
                   const char *text,
                   char        line)
{
  g_string_append_printf (out, "%s\n", text);
  for (glong i = g_utf8_strlen (text, -1); i > 0; i--)
    g_string_append_c (out, line);
  g_string_append_c (out, '\n');
}

MpPublishDoc *
mp_publish_doc_new (MpPublishFormat  format,
                    const char      *language,
                    const char      *title)
{
  MpPublishDoc *doc = g_new0 (MpPublishDoc, 1);

  doc->format = format;
  doc->out = g_string_new (NULL);
  if (format == MP_PUBLISH_FORMAT_TEXT)
    {
      append_underlined (doc->out, title, '=');
      return doc;
    }
  g_string_append_printf (doc->out,
                          "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n"
                          "<meta charset=\"utf-8\">\n<meta name=\"viewport\" "
                          "content=\"width=device-width, initial-scale=1\">\n<title>", language);
  mp_publish_append_html (doc->out, title);
  g_string_append (doc->out,
                   "</title>\n<style>body{font-family:sans-serif;max-width:42em;margin:2em auto;"
                   "padding:0 1em;line-height:1.5}</style>\n</head>\n<body>\n<h1>");
  mp_publish_append_html (doc->out, title);
  g_string_append (doc->out, "</h1>\n");
  return doc;
}

void
mp_publish_doc_heading (MpPublishDoc *doc,
                        const char   *text)
{
  if (doc->format == MP_PUBLISH_FORMAT_TEXT)
    {
      g_string_append_c (doc->out, '\n');
      append_underlined (doc->out, text, '-');
      return;
    }
  g_string_append (doc->out, "<h2>");
  mp_publish_append_html (doc->out, text);
  g_string_append (doc->out, "</h2>\n");
}

void
mp_publish_doc_paragraph (MpPublishDoc *doc,
                          const char   *text)
{
  if (doc->format == MP_PUBLISH_FORMAT_TEXT)
    {
      g_string_append_c (doc->out, '\n');
      append_wrapped (doc->out, "", text);
      return;
    }
  g_string_append (doc->out, "<p>");
  append_html_linked (doc->out, text);
  g_string_append (doc->out, "</p>\n");
}

void
mp_publish_doc_list_begin (MpPublishDoc *doc)
{
  g_string_append (doc->out, doc->format == MP_PUBLISH_FORMAT_TEXT ? "\n" : "<ul>\n");
}

void
mp_publish_doc_item (MpPublishDoc *doc,
                     const char   *text)
{
  if (doc->format == MP_PUBLISH_FORMAT_TEXT)
    {
      append_wrapped (doc->out, "- ", text);
      return;
    }
  g_string_append (doc->out, "<li>");
  append_html_linked (doc->out, text);
  g_string_append (doc->out, "</li>\n");
}

void
mp_publish_doc_list_end (MpPublishDoc *doc)
{
  if (doc->format == MP_PUBLISH_FORMAT_HTML)
    g_string_append (doc->out, "</ul>\n");
}

char *
mp_publish_doc_finish (MpPublishDoc *doc)
{
  GString *out = doc->out;

  if (doc->format == MP_PUBLISH_FORMAT_HTML)
    g_string_append (out, "</body>\n</html>\n");
  g_free (doc);
  return g_string_free (out, FALSE);
}
