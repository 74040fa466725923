/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <gio/gio.h>
#include <string.h>

#include "mp-format.h"
#include "mp-parse.h"
#include "mp-letters.h"
#include "mp-policy.h"

#define LETTERS_RESOURCE_PATH RESOURCE_BASE "/letters/"

struct _MpLetter
{
  GObject    parent_instance;

  char      *kind;
  char      *language;
  char      *subject;
  char      *body;
  GPtrArray *missing;   /* (element-type utf8), NULL-terminated */
  gboolean   custom;
};

G_DEFINE_FINAL_TYPE (MpLetter, mp_letter, G_TYPE_OBJECT)
G_DEFINE_QUARK (mp-letters-error-quark, mp_letters_error)

typedef struct
{
  const char *id;
  const char *title;
  const char *sent_item;   /* the checklist item its sending answers */
} MpLetterKind;

/* In the order of the lifecycle (DOMAIN.md §2). */
static const MpLetterKind letter_kinds[] = {
  { "request-info",    N_("Request for more information"),      "info.requested_on" },
  { "third-party",     N_("Referral to the system’s owner"),    "close.final_letter_on" },
  { "sister-redirect", N_("Redirect to a sister organisation"), "close.final_letter_on" },
  { "duplicate",       N_("Duplicate report"),                  "close.final_letter_on" },
  { "out-of-scope",    N_("Out of scope or rejected"),          "close.final_letter_on" },
  { "acknowledgement", N_("Acknowledgement of receipt"),        "ack.sent_on" },
  { "assessment",      N_("Assessment and expected fix date"),  "assess.sent_on" },
  { "progress-update", N_("Progress update"),                   "remed.last_update_on" },
  { "extension",       N_("New expected fix date"),             NULL },
  { "fixed",           N_("Vulnerability fixed"),               "close.delete_requested_on" },
  { "reward",          N_("Reward offer"),                      NULL },
  { "credit",          N_("Credit confirmation"),               NULL },
  { "closure",         N_("Closure"),                           "close.final_letter_on" },
};

static const char * const kind_ids[] = {
  "request-info", "third-party", "sister-redirect", "duplicate", "out-of-scope",
  "acknowledgement", "assessment", "progress-update", "extension", "fixed", "reward",
  "credit", "closure", NULL,
};

/* Everything a fill function may need, gathered once per letter. */
typedef struct
{
  MpPolicy      *policy;
  const char    *organisation;
  const char    *handler;
  MpCase        *kase;
  const char    *language;
  GKeyFile      *phrases;
  MpDeskContext *desk;
  const char    *timezone;
  const char    *currency;
} MpFill;

/* Returns: (transfer full) (nullable): the value, or NULL when the case
 * does not have the fact (the phrase from phrases.LANG.ini is used). */
typedef char *(*MpFillFunc) (MpFill *fill);

typedef struct
{
  const char *name;
  MpFillFunc  func;
  const char *description;
  gboolean    optional;     /* a missing value is normal, not worth a warning */
} MpPlaceholder;

static char *
text_or_null (const char *text)
{
  if (text == NULL)
    return NULL;
  while (g_ascii_isspace (*text))
    text++;
  return *text != '\0' ? g_strdup (text) : NULL;
}

static char *
answer_text (MpFill     *fill,
             const char *item)
{
  return text_or_null (mp_case_get_answer_value (fill->kase, item));
}

static char *
answer_day (MpFill     *fill,
            const char *item)
{
  return mp_format_day (mp_case_get_answer_value (fill->kase, item), fill->language);
}

/* The day @days after @usec in the desk's time zone, written in full. */
static char *
day_after (MpFill *fill,
           gint64  usec,
           guint   days)
{
  g_autoptr(GDateTime) local = NULL;
  g_autoptr(GDateTime) later = NULL;

  if (usec == 0)
    return NULL;
  local = mp_desk_context_to_desk (fill->desk, usec);
  if (local == NULL)
    return NULL;
  later = g_date_time_add_days (local, (int) days);
  if (later == NULL)
    return NULL;
  return mp_format_date (g_date_time_to_unix (later) * G_USEC_PER_SEC, fill->timezone,
                         fill->language);
}

static char *
fill_reference (MpFill *fill)
{
  return text_or_null (mp_case_get_reference (fill->kase));
}

static char *
fill_reporter_name (MpFill *fill)
{
  if (mp_case_get_boolean (fill->kase, "reporter_anonymous"))
    return NULL;
  return text_or_null (mp_case_get_reporter_name (fill->kase));
}

static char *
fill_received_date (MpFill *fill)
{
  return mp_format_date (mp_case_get_received_at (fill->kase), fill->timezone, fill->language);
}

static char *
fill_today (MpFill *fill)
{
  return mp_format_date (mp_desk_context_now (fill->desk), fill->timezone, fill->language);
}

static char *
fill_organisation (MpFill *fill)
{
  return text_or_null (fill->organisation);
}

static char *
fill_desk_email (MpFill *fill)
{
  return text_or_null (fill->policy->desk_email);
}

/* The handler signs; without one, the desk's name (desk.name). */
static char *
fill_handler (MpFill *fill)
{
  char *handler = text_or_null (fill->handler);

  return handler != NULL ? handler : text_or_null (fill->policy->desk_name);
}

static char *
fill_title (MpFill *fill)
{
  return text_or_null (mp_case_get_title (fill->kase));
}

static char *
fill_asset (MpFill *fill)
{
  return text_or_null (mp_case_get_asset (fill->kase));
}

static char *
fill_severity (MpFill *fill)
{
  const char *severity = mp_case_get_severity (fill->kase);

  if (severity == NULL || *severity == '\0')
    return NULL;
  return g_key_file_get_string (fill->phrases, "severity", severity, NULL);
}

/* The fix date as it stands now: moved, or as first assessed. */
static char *
fill_fix_date (MpFill *fill)
{
  char *day = answer_day (fill, "remed.fix_date_extended_to");

  return day != NULL ? day : answer_day (fill, "assess.fix_date");
}

static char *
fill_original_fix_date (MpFill *fill)
{
  return answer_day (fill, "assess.fix_date");
}

static char *
fill_fixed_date (MpFill *fill)
{
  return answer_day (fill, "remed.fixed_on");
}

static char *
fill_extension_reason (MpFill *fill)
{
  return answer_text (fill, "remed.extension_reason");
}

/* Agreed (or extended) publication date, else the end of the disclosure
 * window (P-DISCLOSE). */
static char *
fill_disclosure_date (MpFill *fill)
{
  char *day = answer_day (fill, "disclose.extended_to");

  if (day == NULL)
    day = answer_day (fill, "disclose.agreed_on");
  if (day == NULL)
    day = day_after (fill, mp_case_get_received_at (fill->kase),
                     fill->policy->disclosure_days);
  return day;
}

/* The next update is due P-INFORM days from the one being written now. */
static char *
fill_next_update_date (MpFill *fill)
{
  return day_after (fill, mp_time_now (),
                    fill->policy->update_interval_days);
}

static char *
fill_reward_amount (MpFill *fill)
{
  gint64 cents;

  if (!mp_amount_parse (mp_case_get_answer_value (fill->kase, "reward.amount"), &cents))
    return NULL;
  return mp_format_amount_cents (cents, fill->policy->currency, fill->language);
}

static char *
fill_reward_kind (MpFill *fill)
{
  return answer_text (fill, "reward.kind");
}

/* The name to publish; a named reporter who gave none is credited by name. */
static char *
fill_credit_name (MpFill *fill)
{
  char *name = answer_text (fill, "credit.name");

  return name != NULL ? name : fill_reporter_name (fill);
}

/* The sister organisation of the policy named @name (case-insensitive),
 * or the only one when @name is NULL; NULL when there is none. */
static const MpSister *
find_sister (MpFill     *fill,
             const char *name)
{
  GPtrArray *sisters = fill->policy->sisters;
  g_autofree char *folded_name = name != NULL ? g_utf8_casefold (name, -1) : NULL;
  const MpSister *only = NULL;
  guint n_sisters = 0;

  for (guint i = 0; sisters != NULL && i < sisters->len; i++)
    {
      const MpSister *sister = g_ptr_array_index (sisters, i);
      g_autofree char *folded_sister = NULL;

      if (sister->name == NULL || *sister->name == '\0')
        continue;
      n_sisters++;
      only = sister;
      if (name == NULL)
        continue;
      folded_sister = g_utf8_casefold (sister->name, -1);
      if (g_str_equal (folded_sister, folded_name))
        return sister;
    }
  return name == NULL && n_sisters == 1 ? only : NULL;
}

/* The sister as the policy spells it, else as the scope check named it. */
static char *
fill_sister_name (MpFill *fill)
{
  g_autofree char *name = answer_text (fill, "scope.sister_name");
  const MpSister *sister = find_sister (fill, name);

  if (sister == NULL)
    return g_steal_pointer (&name);
  return text_or_null (sister->name);
}

static char *
fill_sister_policy_url (MpFill *fill)
{
  g_autofree char *name = answer_text (fill, "scope.sister_name");
  const MpSister *sister = find_sister (fill, name);

  return sister != NULL ? text_or_null (sister->url) : NULL;
}

static char *
fill_duplicate_of (MpFill *fill)
{
  return answer_text (fill, "scope.duplicate_of");
}

static char *
fill_reason (MpFill *fill)
{
  return answer_text (fill, "scope.outcome_reason");
}

/* Empty: the phrase naming the NCSC in the letter's language. */
static char *
fill_csirt_name (MpFill *fill)
{
  return text_or_null (fill->policy->csirt_name);
}

static char *
fill_csirt_url (MpFill *fill)
{
  return text_or_null (fill->policy->csirt_url);
}

/* R-DETAILS: ask for exactly what the report lacks. */
static char *
fill_missing_details (MpFill *fill)
{
  static const struct { const char *field; const char *phrase; } details[] = {
    { "asset", "location" },
    { "impact", "impact" },
    { "reproduction", "reproduction" },
  };
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (details); i++)
    {
      g_autofree char *value = text_or_null (mp_case_get_text (fill->kase, details[i].field));
      g_autofree char *phrase = NULL;

      if (value != NULL)
        continue;
      phrase = g_key_file_get_string (fill->phrases, "missing_details", details[i].phrase, NULL);
      if (phrase == NULL)
        continue;
      if (out->len > 0)
        g_string_append_c (out, '\n');
      g_string_append (out, phrase);
    }
  if (out->len == 0)
    {
      g_autofree char *general = g_key_file_get_string (fill->phrases, "missing_details",
                                                        "general", NULL);
      if (general != NULL)
        g_string_append (out, general);
    }
  return out->len > 0 ? g_string_free (g_steal_pointer (&out), FALSE) : NULL;
}

static const MpPlaceholder placeholders[] = {
  { "reference",         fill_reference,         N_("the case reference"), FALSE },
  { "reporter_name",     fill_reporter_name,     N_("the reporter’s name"), TRUE },
  { "received_date",     fill_received_date,     N_("the date the report was received"), FALSE },
  { "today",             fill_today,             N_("today’s date"), FALSE },
  { "organisation",      fill_organisation,      N_("the organisation’s name"), FALSE },
  { "desk_email",        fill_desk_email,        N_("the desk’s e-mail address"), FALSE },
  { "handler",           fill_handler,           N_("the handler’s name"), FALSE },
  { "title",             fill_title,             N_("the case title"), FALSE },
  { "asset",             fill_asset,             N_("the affected system"), FALSE },
  { "missing_details",   fill_missing_details,   N_("the details the report lacks"), FALSE },
  { "severity",          fill_severity,          N_("the severity"), FALSE },
  { "fix_date",          fill_fix_date,          N_("the expected fix date"), FALSE },
  { "original_fix_date", fill_original_fix_date, N_("the fix date first expected"), FALSE },
  { "extension_reason",  fill_extension_reason,  N_("the reason the fix date moved"), FALSE },
  { "fixed_date",        fill_fixed_date,        N_("the date of the fix"), FALSE },
  { "next_update_date",  fill_next_update_date,
    N_("the date of the next progress update"), FALSE },
  { "disclosure_date",   fill_disclosure_date,   N_("the disclosure date"), FALSE },
  { "reward_amount",     fill_reward_amount,     N_("the reward amount"), FALSE },
  { "reward_kind",       fill_reward_kind,       N_("the kind of reward"), FALSE },
  { "credit_name",       fill_credit_name,       N_("the name to publish"), FALSE },
  { "sister_name",       fill_sister_name,       N_("the sister organisation"), FALSE },
  { "sister_policy_url", fill_sister_policy_url,
    N_("the sister organisation’s policy address"), FALSE },
  { "duplicate_of",      fill_duplicate_of,      N_("the reference of the earlier report"), FALSE },
  { "reason",            fill_reason,            N_("the reason for the outcome"), FALSE },
  { "csirt_name",        fill_csirt_name,        N_("the national CSIRT"), TRUE },
  { "csirt_url",         fill_csirt_url,         N_("the national CSIRT’s web address"), FALSE },
};

static const char * const *
placeholder_names (void)
{
  static const char **names = NULL;

  if (g_once_init_enter (&names))
    {
      const char **list = g_new0 (const char *, G_N_ELEMENTS (placeholders) + 1);

      for (guint i = 0; i < G_N_ELEMENTS (placeholders); i++)
        list[i] = placeholders[i].name;
      g_once_init_leave (&names, list);
    }
  return names;
}

static const MpPlaceholder *
lookup_placeholder (const char *name,
                    gsize       length)
{
  for (guint i = 0; i < G_N_ELEMENTS (placeholders); i++)
    if (strlen (placeholders[i].name) == length
        && strncmp (placeholders[i].name, name, length) == 0)
      return &placeholders[i];
  return NULL;
}

static gboolean
check_language (const char  *language,
                GError     **error)
{
  if (g_strcmp0 (language, "nl") == 0 || g_strcmp0 (language, "en") == 0)
    return TRUE;
  g_set_error (error, MP_LETTERS_ERROR, MP_LETTERS_ERROR_UNKNOWN_LANGUAGE,
               _("Letters can be written in Dutch (nl) or English (en), not in “%s”."),
               language != NULL ? language : "");
  return FALSE;
}

static gboolean
check_kind (const char  *kind,
            GError     **error)
{
  if (mp_letters_is_kind (kind))
    return TRUE;
  g_set_error (error, MP_LETTERS_ERROR, MP_LETTERS_ERROR_UNKNOWN_KIND,
               _("There is no letter “%s”. The letters are: %s."),
               kind != NULL ? kind : "", "request-info, third-party, sister-redirect, "
               "duplicate, out-of-scope, acknowledgement, assessment, progress-update, "
               "extension, fixed, reward, credit, closure");
  return FALSE;
}

static GBytes *
lookup_resource (const char  *name,
                 GError     **error)
{
  g_autofree char *path = g_strconcat (LETTERS_RESOURCE_PATH, name, NULL);
  GBytes *bytes = g_resources_lookup_data (path, G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);

  /* Only a build without the resources gets here. */
  if (bytes == NULL)
    g_set_error (error, G_RESOURCE_ERROR, G_RESOURCE_ERROR_NOT_FOUND,
                 _("The letter text “%s” is missing from this installation."), name);
  return bytes;
}

/* The stored form: the subject on the first line, a blank line, the body. */
static gboolean
split_template (const char  *text,
                char       **subject,
                char       **body,
                GError     **error)
{
  const char *newline = strchr (text, '\n');
  g_autofree char *first = NULL;
  const char *rest;

  first = newline != NULL ? g_strndup (text, (gsize) (newline - text)) : g_strdup (text);
  g_strstrip (first);
  rest = newline != NULL ? newline + 1 : "";
  while (*rest == '\n' || *rest == '\r')
    rest++;

  if (*first == '\0')
    {
      g_set_error_literal (error, MP_LETTERS_ERROR, MP_LETTERS_ERROR_INVALID_TEMPLATE,
                           _("The letter has no subject line."));
      return FALSE;
    }
  *subject = g_steal_pointer (&first);
  *body = g_strchomp (g_strdup (rest));
  return TRUE;
}

static char *
custom_key (const char *kind,
            const char *language)
{
  return g_strdup_printf ("letter.%s.%s", kind, language);
}

static gboolean
scan_template (const char  *text,
               GError     **error)
{
  for (const char *p = text; *p != '\0'; p++)
    {
      const char *end;
      gsize length;

      if (*p == '}')
        {
          g_set_error_literal (error, MP_LETTERS_ERROR, MP_LETTERS_ERROR_INVALID_TEMPLATE,
                               _("The letter has a “}” without a matching “{”."));
          return FALSE;
        }
      if (*p != '{')
        continue;

      end = p + 1;
      while (g_ascii_islower (*end) || *end == '_')
        end++;
      length = (gsize) (end - p - 1);
      if (*end != '}' || length == 0)
        {
          g_set_error_literal (error, MP_LETTERS_ERROR, MP_LETTERS_ERROR_INVALID_TEMPLATE,
                               _("The letter has a “{” that does not start a placeholder such "
                                 "as {reference}."));
          return FALSE;
        }
      if (lookup_placeholder (p + 1, length) == NULL)
        {
          g_autofree char *name = g_strndup (p + 1, length);

          g_set_error (error, MP_LETTERS_ERROR, MP_LETTERS_ERROR_UNKNOWN_PLACEHOLDER,
                       _("The letter uses the placeholder {%s}, which Meldpunt does not know."),
                       name);
          return FALSE;
        }
      p = end;
    }
  return TRUE;
}

/* Replaces each placeholder once; values are never scanned again, so a
 * reporter's text containing braces cannot inject a placeholder. */
static char *
expand (MpFill      *fill,
        const char  *text,
        GHashTable  *values,
        GPtrArray   *missing)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p++)
    {
      const MpPlaceholder *placeholder;
      const char *end;
      const char *value;

      if (*p != '{' || (end = strchr (p, '}')) == NULL
          || (placeholder = lookup_placeholder (p + 1, (gsize) (end - p - 1))) == NULL)
        {
          g_string_append_c (out, *p);
          continue;
        }

      if (!g_hash_table_lookup_extended (values, placeholder->name, NULL, (gpointer *) &value))
        {
          char *filled = placeholder->func (fill);

          if (filled == NULL)
            {
              g_autofree char *key = NULL;

              /* The reason for a rejection depends on which rejection it is. */
              if (g_str_equal (placeholder->name, "reason"))
                {
                  const char *outcome = mp_case_get_answer_value (fill->kase, "scope.outcome");

                  if (outcome == NULL)
                    outcome = mp_case_get_outcome (fill->kase);
                  if (outcome != NULL)
                    {
                      key = g_strconcat ("reason.", outcome, NULL);
                      filled = g_key_file_get_string (fill->phrases, "fallback", key, NULL);
                    }
                }
              if (filled == NULL)
                filled = g_key_file_get_string (fill->phrases, "fallback", placeholder->name,
                                                NULL);
              if (filled == NULL)
                filled = g_strdup ("…");
              if (!placeholder->optional)
                g_ptr_array_insert (missing, (int) missing->len - 1,
                                    (gpointer) placeholder->name);
            }
          g_hash_table_insert (values, (gpointer) placeholder->name, filled);
          value = filled;
        }

      g_string_append (out, value);
      p = end;
    }

  return g_string_free (out, FALSE);
}

static void
mp_letter_finalize (GObject *object)
{
  MpLetter *self = MP_LETTER (object);

  g_free (self->kind);
  g_free (self->language);
  g_free (self->subject);
  g_free (self->body);
  g_clear_pointer (&self->missing, g_ptr_array_unref);

  G_OBJECT_CLASS (mp_letter_parent_class)->finalize (object);
}

static void
mp_letter_class_init (MpLetterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = mp_letter_finalize;
}

static void
mp_letter_init (MpLetter *self)
{
  self->missing = g_ptr_array_new ();
  g_ptr_array_add (self->missing, NULL);
}

const char *
mp_letter_get_kind (MpLetter *self)
{
  g_return_val_if_fail (MP_IS_LETTER (self), NULL);
  return self->kind;
}

const char *
mp_letter_get_language (MpLetter *self)
{
  g_return_val_if_fail (MP_IS_LETTER (self), NULL);
  return self->language;
}

const char *
mp_letter_get_subject (MpLetter *self)
{
  g_return_val_if_fail (MP_IS_LETTER (self), NULL);
  return self->subject;
}

const char *
mp_letter_get_body (MpLetter *self)
{
  g_return_val_if_fail (MP_IS_LETTER (self), NULL);
  return self->body;
}

char *
mp_letter_dup_text (MpLetter *self)
{
  g_return_val_if_fail (MP_IS_LETTER (self), NULL);
  return g_strconcat (self->subject, "\n\n", self->body, NULL);
}

const char * const *
mp_letter_get_missing (MpLetter *self)
{
  g_return_val_if_fail (MP_IS_LETTER (self), NULL);
  return (const char * const *) self->missing->pdata;
}

gboolean
mp_letter_is_custom (MpLetter *self)
{
  g_return_val_if_fail (MP_IS_LETTER (self), FALSE);
  return self->custom;
}

const char * const *
mp_letters_list_kinds (void)
{
  return kind_ids;
}

gboolean
mp_letters_is_kind (const char *kind)
{
  return kind != NULL && g_strv_contains (kind_ids, kind);
}

const char *
mp_letters_get_kind_title (const char *kind)
{
  g_return_val_if_fail (kind != NULL, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (letter_kinds); i++)
    if (g_str_equal (letter_kinds[i].id, kind))
      return _(letter_kinds[i].title);
  return NULL;
}

const char *
mp_letters_get_kind_msgid (const char *kind)
{
  for (guint i = 0; kind != NULL && i < G_N_ELEMENTS (letter_kinds); i++)
    if (g_str_equal (letter_kinds[i].id, kind))
      return letter_kinds[i].title;
  return NULL;
}

const char *
mp_letters_get_sent_item (const char *kind)
{
  for (guint i = 0; kind != NULL && i < G_N_ELEMENTS (letter_kinds); i++)
    if (g_str_equal (letter_kinds[i].id, kind))
      return letter_kinds[i].sent_item;
  return NULL;
}

const char *
mp_letters_kind_for_step (const char *step,
                          MpCase     *kase)
{
  g_return_val_if_fail (step != NULL, NULL);
  g_return_val_if_fail (kase == NULL || MP_IS_CASE (kase), NULL);

  if (g_str_equal (step, "intake") || g_str_equal (step, "waiting"))
    {
      /* Only an incomplete report needs the request (R-DETAILS). */
      if (kase != NULL && g_str_equal (step, "intake")
          && g_strcmp0 (mp_case_get_answer_value (kase, "intake.complete"), "yes") == 0)
        return NULL;
      return "request-info";
    }

  if (g_str_equal (step, "scope"))
    {
      const char *owner = NULL;
      const char *outcome = NULL;

      if (kase != NULL)
        {
          owner = mp_case_get_answer_value (kase, "scope.asset_owner");
          outcome = mp_case_get_answer_value (kase, "scope.outcome");
          if (outcome == NULL)
            outcome = mp_case_get_outcome (kase);
        }
      if (g_strcmp0 (owner, "sister") == 0 || g_strcmp0 (outcome, "sister") == 0)
        return "sister-redirect";
      if (g_strcmp0 (owner, "third-party") == 0 || g_strcmp0 (outcome, "third-party") == 0)
        return "third-party";
      if (g_strcmp0 (outcome, "duplicate") == 0)
        return "duplicate";
      if (g_strcmp0 (outcome, "out-of-scope") == 0 || g_strcmp0 (outcome, "not-vulnerability") == 0)
        return "out-of-scope";
      return NULL;
    }

  if (g_str_equal (step, "acknowledgement"))
    return "acknowledgement";
  if (g_str_equal (step, "assessment"))
    return "assessment";
  if (g_str_equal (step, "remediation"))
    {
      if (kase != NULL && mp_case_get_answer_value (kase, "remed.fixed_on") != NULL)
        return "fixed";
      return "progress-update";
    }
  if (g_str_equal (step, "reward"))
    {
      if (kase != NULL
          && (g_strcmp0 (mp_case_get_answer_value (kase, "reward.in_influence"), "no") == 0
              || g_strcmp0 (mp_case_get_answer_value (kase, "reward.declined"), "yes") == 0))
        return NULL;
      return "reward";
    }
  if (g_str_equal (step, "credit"))
    {
      if (kase != NULL && g_strcmp0 (mp_case_get_answer_value (kase, "credit.wants"), "no") == 0)
        return NULL;
      return "credit";
    }
  if (g_str_equal (step, "closure"))
    return "closure";
  return NULL;
}

const char * const *
mp_letters_list_placeholders (void)
{
  return placeholder_names ();
}

const char *
mp_letters_describe_placeholder (const char *name)
{
  const MpPlaceholder *placeholder;

  g_return_val_if_fail (name != NULL, NULL);

  placeholder = lookup_placeholder (name, strlen (name));
  return placeholder != NULL ? _(placeholder->description) : NULL;
}

gboolean
mp_letters_check_template (const char  *text,
                           GError     **error)
{
  g_return_val_if_fail (text != NULL, FALSE);
  return scan_template (text, error);
}

gboolean
mp_letters_get_default_template (const char  *kind,
                                 const char  *language,
                                 char       **subject,
                                 char       **body,
                                 GError     **error)
{
  g_autofree char *name = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *text = NULL;
  gsize size;
  const char *data;

  g_return_val_if_fail (subject != NULL && body != NULL, FALSE);

  if (!check_kind (kind, error) || !check_language (language, error))
    return FALSE;

  name = g_strdup_printf ("%s.%s.txt", kind, language);
  bytes = lookup_resource (name, error);
  if (bytes == NULL)
    return FALSE;
  data = g_bytes_get_data (bytes, &size);
  text = g_strndup (data, size);
  return split_template (text, subject, body, error);
}

gboolean
mp_letters_check_kind_and_language (const char  *kind,
                                    const char  *language,
                                    GError     **error)
{
  return check_kind (kind, error) && check_language (language, error);
}

char *
mp_letters_template_key (const char *kind,
                         const char *language)
{
  g_return_val_if_fail (kind != NULL && language != NULL, NULL);

  return custom_key (kind, language);
}

gboolean
mp_letters_parse_template (const char  *text,
                           char       **subject,
                           char       **body,
                           GError     **error)
{
  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (subject != NULL && body != NULL, FALSE);

  return split_template (text, subject, body, error);
}

char *
mp_letters_make_template (const char  *subject,
                          const char  *body,
                          GError     **error)
{
  g_autofree char *clean_subject = NULL;
  g_autofree char *clean_body = NULL;

  g_return_val_if_fail (subject != NULL && body != NULL, NULL);

  clean_subject = g_strstrip (g_strdup (subject));
  clean_body = g_strchomp (g_strdup (body));
  if (*clean_subject == '\0' || strchr (clean_subject, '\n') != NULL)
    {
      g_set_error_literal (error, MP_LETTERS_ERROR, MP_LETTERS_ERROR_INVALID_TEMPLATE,
                           _("The subject of a letter must be a single line of text."));
      return NULL;
    }
  if (*clean_body == '\0')
    {
      g_set_error_literal (error, MP_LETTERS_ERROR, MP_LETTERS_ERROR_INVALID_TEMPLATE,
                           _("The letter has no text."));
      return NULL;
    }
  if (!scan_template (clean_subject, error) || !scan_template (clean_body, error))
    return NULL;

  /* A body starting with blank lines would lose them in the stored form. */
  while (*clean_body == '\n' || *clean_body == '\r')
    memmove (clean_body, clean_body + 1, strlen (clean_body));

  return g_strconcat (clean_subject, "\n\n", clean_body, "\n", NULL);
}

const char *
mp_letters_pick_language (MpCase     *kase,
                          const char *language)
{
  g_return_val_if_fail (MP_IS_CASE (kase), NULL);

  /* The reporter's language, whatever the desk's interface speaks. */
  if (language == NULL)
    language = mp_case_get_reporter_language (kase);
  if (language == NULL || *language == '\0')
    language = "nl";
  return language;
}

MpLetter *
mp_letters_fill (MpPolicy    *policy,
                 const char  *organisation,
                 const char  *handler,
                 MpCase      *kase,
                 const char  *kind,
                 const char  *language,
                 const char  *subject,
                 const char  *body,
                 gboolean     is_custom,
                 GError     **error)
{
  g_autoptr(MpLetter) letter = NULL;
  g_autoptr(GHashTable) values = NULL;
  g_autoptr(GKeyFile) phrases = NULL;
  g_autoptr(GBytes) phrase_bytes = NULL;
  g_autoptr(MpDeskContext) desk = NULL;
  g_autofree char *phrase_name = NULL;
  MpFill fill = { 0 };

  g_return_val_if_fail (policy != NULL, NULL);
  g_return_val_if_fail (MP_IS_CASE (kase), NULL);
  g_return_val_if_fail (subject != NULL && body != NULL, NULL);

  language = mp_letters_pick_language (kase, language);
  if (!check_kind (kind, error) || !check_language (language, error))
    return NULL;
  /* A custom template written before a placeholder was dropped would
   * otherwise leave braces in a letter to the reporter. */
  if (!scan_template (subject, error) || !scan_template (body, error))
    return NULL;

  phrase_name = g_strdup_printf ("phrases.%s.ini", language);
  phrase_bytes = lookup_resource (phrase_name, error);
  if (phrase_bytes == NULL)
    return NULL;
  phrases = g_key_file_new ();
  if (!g_key_file_load_from_bytes (phrases, phrase_bytes, G_KEY_FILE_NONE, error))
    return NULL;

  desk = mp_desk_context_new (policy->timezone);

  fill.policy = policy;
  fill.organisation = organisation;
  fill.handler = handler;
  fill.kase = kase;
  fill.language = language;
  fill.phrases = phrases;
  fill.desk = desk;
  fill.timezone = mp_desk_context_get_timezone (desk);
  fill.currency = policy->currency;

  letter = g_object_new (MP_TYPE_LETTER, NULL);
  letter->kind = g_strdup (kind);
  letter->language = g_strdup (language);
  letter->custom = is_custom;

  values = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  letter->subject = expand (&fill, subject, values, letter->missing);
  letter->body = expand (&fill, body, values, letter->missing);

  return g_steal_pointer (&letter);
}
