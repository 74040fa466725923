/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <gio/gio.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mp-desk-context.h"
#include "mp-policy.h"
#include "mp-scope.h"

#define MAX_SISTERS 20

typedef enum
{
  KIND_TEXT,
  KIND_EMAIL,
  KIND_TIMEZONE,
  KIND_CURRENCY,
  KIND_UINT,
  KIND_AMOUNT,
  KIND_CELL,
  KIND_BOOLEAN,
  KIND_LIBERATION,
  KIND_CLOSING_DAYS,
  KIND_HOSTS,
  KIND_DOMAINS,
  KIND_NETWORKS,
  KIND_URL,
} Kind;

typedef struct
{
  const char *key;
  Kind        kind;
  gsize       offset;     /* of the field in MpPolicy */
  guint       max;        /* KIND_UINT */
  const char *fallback;   /* the default, as text */
} Setting;

#define FIELD(f) G_STRUCT_OFFSET (MpPolicy, f)
#define CELL(s, q) FIELD (reward_matrix[MP_SEVERITY_##s][MP_QUALITY_##q])

/* The order is the order of `policy show`. The reward matrix stays under the
 * cap of P-REWARD: a small thanks for a poor low-severity report, the full
 * cap only for an excellent report of a critical problem. */
static const Setting settings[] = {
  { "desk.name",                 KIND_TEXT,         FIELD (desk_name),            0, "" },
  { "desk.email",                KIND_EMAIL,        FIELD (desk_email),           0, "" },
  { "timezone",                  KIND_TIMEZONE,     FIELD (timezone),             0, MP_DESK_DEFAULT_TIMEZONE },
  { "currency",                  KIND_CURRENCY,     FIELD (currency),             0, "EUR" },
  { "ack_hours",                 KIND_UINT,         FIELD (ack_hours),         8760, "72" },
  { "assess_workdays",           KIND_UINT,         FIELD (assess_workdays),    365, "3" },
  { "update_interval_days",      KIND_UINT,         FIELD (update_interval_days), 3650, "14" },
  { "follow_up_days",            KIND_UINT,         FIELD (follow_up_days),    3650, "7" },
  { "fix_days.critical",         KIND_UINT,         FIELD (fix_days[MP_SEVERITY_CRITICAL]), 3650, "7" },
  { "fix_days.high",             KIND_UINT,         FIELD (fix_days[MP_SEVERITY_HIGH]), 3650, "30" },
  { "fix_days.medium",           KIND_UINT,         FIELD (fix_days[MP_SEVERITY_MEDIUM]), 3650, "60" },
  { "fix_days.low",              KIND_UINT,         FIELD (fix_days[MP_SEVERITY_LOW]), 3650, "90" },
  { "disclosure_days",           KIND_UINT,         FIELD (disclosure_days),   3650, "90" },
  { "deletion_days",             KIND_UINT,         FIELD (deletion_days),     3650, "30" },
  { "reward_cap",                KIND_AMOUNT,       FIELD (reward_cap),           0, "300.00" },
  { "reward_budget",             KIND_AMOUNT,       FIELD (reward_budget),        0, "1500.00" },
  { "reward_matrix.low.poor",          KIND_CELL,   CELL (LOW, POOR),             0, "0.00" },
  { "reward_matrix.low.fair",          KIND_CELL,   CELL (LOW, FAIR),             0, "25.00" },
  { "reward_matrix.low.good",          KIND_CELL,   CELL (LOW, GOOD),             0, "50.00" },
  { "reward_matrix.low.excellent",     KIND_CELL,   CELL (LOW, EXCELLENT),        0, "75.00" },
  { "reward_matrix.medium.poor",       KIND_CELL,   CELL (MEDIUM, POOR),          0, "25.00" },
  { "reward_matrix.medium.fair",       KIND_CELL,   CELL (MEDIUM, FAIR),          0, "50.00" },
  { "reward_matrix.medium.good",       KIND_CELL,   CELL (MEDIUM, GOOD),          0, "100.00" },
  { "reward_matrix.medium.excellent",  KIND_CELL,   CELL (MEDIUM, EXCELLENT),     0, "150.00" },
  { "reward_matrix.high.poor",         KIND_CELL,   CELL (HIGH, POOR),            0, "50.00" },
  { "reward_matrix.high.fair",         KIND_CELL,   CELL (HIGH, FAIR),            0, "100.00" },
  { "reward_matrix.high.good",         KIND_CELL,   CELL (HIGH, GOOD),            0, "175.00" },
  { "reward_matrix.high.excellent",    KIND_CELL,   CELL (HIGH, EXCELLENT),       0, "225.00" },
  { "reward_matrix.critical.poor",     KIND_CELL,   CELL (CRITICAL, POOR),        0, "100.00" },
  { "reward_matrix.critical.fair",     KIND_CELL,   CELL (CRITICAL, FAIR),        0, "150.00" },
  { "reward_matrix.critical.good",     KIND_CELL,   CELL (CRITICAL, GOOD),        0, "225.00" },
  { "reward_matrix.critical.excellent", KIND_CELL,  CELL (CRITICAL, EXCELLENT),   0, "300.00" },
  { "holidays.good_friday",      KIND_BOOLEAN,      FIELD (good_friday),          0, "false" },
  { "holidays.liberation_day",   KIND_LIBERATION,   FIELD (liberation_day),       0, "every-year" },
  { "holidays.closing_days",     KIND_CLOSING_DAYS, FIELD (closing_days),         0, "" },
  { "assets.hosts",              KIND_HOSTS,        FIELD (asset_hosts),          0, "" },
  { "assets.domains",            KIND_DOMAINS,      FIELD (asset_domains),        0, "" },
  { "assets.networks",           KIND_NETWORKS,     FIELD (asset_networks),       0, "" },
  { "import.max_bytes",          KIND_UINT,         FIELD (import_max_bytes), G_MAXUINT, "52428800" },
  /* The legal clocks (AVG art. 33, NIS2 art. 23 / Cbw, CRA art. 14): who the
   * desk is, and every number of their deadlines. */
  { "legal.essential_entity",    KIND_BOOLEAN,      FIELD (legal_essential_entity), 0, "false" },
  { "legal.processor",           KIND_BOOLEAN,      FIELD (legal_processor),      0, "false" },
  { "legal.processor_clients",   KIND_TEXT,         FIELD (legal_processor_clients), 0, "" },
  { "legal.own_products",        KIND_TEXT,         FIELD (legal_own_products),   0, "" },
  { "legal.gdpr_authority_hours", KIND_UINT, FIELD (legal_gdpr_authority_hours), 8760, "72" },
  { "legal.gdpr_controller_hours", KIND_UINT, FIELD (legal_gdpr_controller_hours), 8760, "24" },
  { "legal.nis2_early_warning_hours", KIND_UINT, FIELD (legal_nis2_early_warning_hours), 8760,
    "24" },
  { "legal.nis2_notification_hours", KIND_UINT, FIELD (legal_nis2_notification_hours), 8760, "72" },
  { "legal.nis2_final_months", KIND_UINT, FIELD (legal_nis2_final_months), 120, "1" },
  { "legal.cra_early_warning_hours", KIND_UINT, FIELD (legal_cra_early_warning_hours), 8760, "24" },
  { "legal.cra_notification_hours", KIND_UINT, FIELD (legal_cra_notification_hours), 8760, "72" },
  { "legal.cra_final_days",      KIND_UINT,         FIELD (legal_cra_final_days),  3650, "14" },
  { "legal.cra_severe_final_months", KIND_UINT, FIELD (legal_cra_severe_final_months), 120, "1" },
  /* What the desk publishes (security.txt, policy, hall of fame, CSAF). A URL
   * left empty is the default path under https://DOMAIN/; a path ("/x.html")
   * is taken under https://DOMAIN/ too. */
  { "publish.expires_months",    KIND_UINT,         FIELD (publish_expires_months), 12, "11" },
  { "publish.canonical_url",     KIND_URL,          FIELD (publish_canonical_url), 0, "" },
  { "publish.policy_url_nl",     KIND_URL,          FIELD (publish_policy_url_nl), 0, "" },
  { "publish.policy_url_en",     KIND_URL,          FIELD (publish_policy_url_en), 0, "" },
  { "publish.key_url",           KIND_URL,          FIELD (publish_key_url),       0, "" },
  { "publish.hall_of_fame_url",  KIND_URL,          FIELD (publish_hall_of_fame_url), 0, "" },
  { "publish.csaf_url",          KIND_URL,          FIELD (publish_csaf_url),      0, "" },
  /* Where the third-party letter refers a reporter (R-NO-THIRDPARTY): the
   * national CSIRT. An empty name is the NCSC, in the letter's language. */
  { "csirt.name",                KIND_TEXT,         FIELD (csirt_name),            0, "" },
  { "csirt.url",                 KIND_URL,          FIELD (csirt_url),             0, "https://www.ncsc.nl/" },
};

/* The fields of sister.N.*, in display order. */
static const char * const sister_fields[] = { "name", "url", "hosts", "domains", "networks", NULL };

static const char * const quality_names[] = { "poor", "fair", "good", "excellent" };
static const char * const liberation_names[] = { "every-year", "every-fifth-year", "never" };

G_DEFINE_BOXED_TYPE (MpPolicy, mp_policy, mp_policy_ref, mp_policy_unref)
G_DEFINE_QUARK (mp-policy-error-quark, mp_policy_error)

#define MEMBER(self, type, offset) (*(type *) G_STRUCT_MEMBER_P ((self), (offset)))

/* ---- helpers ---------------------------------------------------------- */

static void
mp_sister_free (MpSister *sister)
{
  g_free (sister->name);
  g_free (sister->url);
  g_strfreev (sister->hosts);
  g_strfreev (sister->domains);
  g_strfreev (sister->networks);
  g_free (sister);
}

static const Setting *
lookup_setting (const char *key)
{
  for (guint i = 0; i < G_N_ELEMENTS (settings); i++)
    if (g_str_equal (settings[i].key, key))
      return &settings[i];
  return NULL;
}

/* Splits "sister.N.FIELD"; FALSE when @key is not of that form. */
static gboolean
split_sister_key (const char  *key,
                  guint       *number,
                  const char **field)
{
  const char *p;
  guint64 n = 0;
  g_autofree char *digits = NULL;

  if (!g_str_has_prefix (key, "sister."))
    return FALSE;
  p = key + strlen ("sister.");
  if (strchr (p, '.') == NULL)
    return FALSE;
  digits = g_strndup (p, strchr (p, '.') - p);
  if (!g_ascii_string_to_unsigned (digits, 10, 1, MAX_SISTERS, &n, NULL) || digits[0] == '0')
    return FALSE;
  p = strchr (p, '.') + 1;
  if (!g_strv_contains (sister_fields, p))
    return FALSE;
  *number = (guint) n;
  *field = p;
  return TRUE;
}

static char *
describe_keys (void)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (settings); i++)
    g_string_append_printf (text, "%s, ", settings[i].key);
  for (guint i = 0; sister_fields[i] != NULL; i++)
    g_string_append_printf (text, "sister.N.%s%s", sister_fields[i],
                            sister_fields[i + 1] != NULL ? ", " : "");
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
set_str (char       **target,
         const char  *value)
{
  char *copy = g_strdup (value);

  g_free (*target);
  *target = copy;
}

static GStrv
split_list (const char *value)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) parts = g_regex_split_simple ("[,;\\s]+", value != NULL ? value : "", 0, 0);

  for (guint i = 0; parts[i] != NULL; i++)
    if (parts[i][0] != '\0')
      g_strv_builder_add (builder, parts[i]);
  return g_strv_builder_end (builder);
}

static char *
join_list (GStrv list)
{
  return g_strjoinv (", ", list != NULL ? list : (GStrv) (const char * const[]) { NULL });
}

static gboolean
invalid (GError     **error,
         const char  *key,
         const char  *value,
         const char  *expected)
{
  g_set_error (error, MP_POLICY_ERROR, MP_POLICY_ERROR_INVALID_VALUE,
               /* Translators: the first %s is a setting's key, the second its
                * refused value, the third says what is expected. */
               _("The policy setting “%s” cannot be “%s”: %s"), key, value, expected);
  return FALSE;
}

static gboolean
parse_closing_days (const char  *key,
                    const char  *value,
                    GArray     **out,
                    GError     **error)
{
  g_auto(GStrv) items = split_list (value);
  g_autoptr(GArray) ranges = g_array_new (FALSE, TRUE, sizeof (MpDateRange));

  for (guint i = 0; items[i] != NULL; i++)
    {
      MpDateRange range;
      const char *dots = strstr (items[i], "..");
      gboolean ok;

      if (dots != NULL)
        {
          g_autofree char *first = g_strndup (items[i], dots - items[i]);

          ok = mp_date_parse (first, &range.first) && mp_date_parse (dots + 2, &range.last) &&
               g_date_compare (&range.first, &range.last) <= 0;
        }
      else
        {
          ok = mp_date_parse (items[i], &range.first);
          range.last = range.first;
        }

      if (!ok)
        {
          g_set_error (error, MP_POLICY_ERROR, MP_POLICY_ERROR_INVALID_VALUE,
                       _("The policy setting “%s” cannot contain “%s”: give dates as "
                         "YYYY-MM-DD and periods as YYYY-MM-DD..YYYY-MM-DD, the first day "
                         "not after the last."), key, items[i]);
          return FALSE;
        }
      g_array_append_val (ranges, range);
    }
  *out = g_steal_pointer (&ranges);
  return TRUE;
}

static gboolean
parse_hosts (const char   *key,
             const char   *value,
             gboolean      domains,
             GStrv        *out,
             GError      **error)
{
  g_auto(GStrv) items = split_list (value);
  g_autoptr(GPtrArray) hosts = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; items[i] != NULL; i++)
    {
      const char *item = items[i];
      g_autofree char *host = NULL;

      /* "*.example.nl" and ".example.nl" say the same as "example.nl". */
      if (domains && g_str_has_prefix (item, "*."))
        item += 2;
      else if (domains && item[0] == '.')
        item += 1;
      host = mp_scope_normalise_host (item);
      if (host == NULL)
        {
          g_set_error (error, MP_POLICY_ERROR, MP_POLICY_ERROR_INVALID_VALUE,
                       _("The policy setting “%s” cannot contain “%s”: it is not a "
                         "host or domain name."), key, items[i]);
          return FALSE;
        }
      if (!g_ptr_array_find_with_equal_func (hosts, host, g_str_equal, NULL))
        g_ptr_array_add (hosts, g_steal_pointer (&host));
    }
  g_ptr_array_add (hosts, NULL);
  *out = (GStrv) g_ptr_array_free (g_steal_pointer (&hosts), FALSE);
  return TRUE;
}

static gboolean
parse_networks (const char  *key,
                const char  *value,
                GStrv       *out,
                GError     **error)
{
  g_auto(GStrv) items = split_list (value);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; items[i] != NULL; i++)
    {
      g_autoptr(GInetAddressMask) mask = NULL;
      g_autoptr(GError) local_error = NULL;
      g_autofree char *normal = NULL;
      const char *slash = strchr (items[i], '/');

      /* Check the prefix length here: GInetAddressMask warns (rather than
       * fails) on a length beyond the property's range. */
      if (slash == NULL)
        mask = g_inet_address_mask_new_from_string (items[i], &local_error);
      else if (slash[1] != '\0' && strspn (slash + 1, "0123456789") == strlen (slash + 1) &&
               strlen (slash + 1) <= 3)
        {
          g_autofree char *text = g_strndup (items[i], slash - items[i]);
          g_autoptr(GInetAddress) address = g_inet_address_new_from_string (text);
          guint length = (guint) atoi (slash + 1);

          if (address != NULL && length <= g_inet_address_get_native_size (address) * 8)
            mask = g_inet_address_mask_new (address, length, &local_error);
        }
      if (mask == NULL)
        {
          g_set_error (error, MP_POLICY_ERROR, MP_POLICY_ERROR_INVALID_VALUE,
                       _("The policy setting “%s” cannot contain “%s”: give an IPv4 or "
                         "IPv6 address or a range such as 192.0.2.0/24 or 2001:db8::/32, "
                         "without bits set after the prefix length."), key, items[i]);
          return FALSE;
        }
      g_strv_builder_add (builder, (normal = g_inet_address_mask_to_string (mask)));
    }
  *out = g_strv_builder_end (builder);
  return TRUE;
}

static gboolean
parse_email (const char *value)
{
  const char *at = strchr (value, '@');

  if (value[0] == '\0')
    return TRUE;
  if (at == NULL || at == value || at[1] == '\0' || strchr (at + 1, '@') != NULL)
    return FALSE;
  for (const char *p = value; *p != '\0'; p++)
    if (g_ascii_isspace (*p) || *p == ',' || *p == '<' || *p == '>')
      return FALSE;
  return strchr (at + 1, '.') != NULL;
}

static MpSister *
ensure_sister (MpPolicy *self,
               guint     number)
{
  MpSister *sister;
  guint i;

  for (i = 0; i < self->sisters->len; i++)
    {
      sister = g_ptr_array_index (self->sisters, i);
      if (sister->number == number)
        return sister;
      if (sister->number > number)
        break;
    }
  sister = g_new0 (MpSister, 1);
  sister->number = number;
  sister->name = g_strdup ("");
  sister->hosts = g_new0 (char *, 1);
  sister->domains = g_new0 (char *, 1);
  sister->networks = g_new0 (char *, 1);
  g_ptr_array_insert (self->sisters, i, sister);
  return sister;
}

static MpSister *
find_sister (MpPolicy *self,
             guint     number)
{
  for (guint i = 0; i < self->sisters->len; i++)
    {
      MpSister *sister = g_ptr_array_index (self->sisters, i);

      if (sister->number == number)
        return sister;
    }
  return NULL;
}

static gboolean
apply_sister (MpPolicy    *self,
              const char  *key,
              guint        number,
              const char  *field,
              const char  *value,
              GError     **error)
{
  MpSister *sister;
  GStrv list = NULL;

  if (g_str_equal (field, "name") || g_str_equal (field, "url"))
    {
      g_autofree char *text = g_strstrip (g_strdup (value));

      if (g_str_equal (field, "url") && text[0] != '\0')
        {
          g_autoptr(GUri) uri = g_uri_parse (text, G_URI_FLAGS_NONE, NULL);

          if (uri == NULL || g_uri_get_host (uri) == NULL ||
              (g_strcmp0 (g_uri_get_scheme (uri), "https") != 0 &&
               g_strcmp0 (g_uri_get_scheme (uri), "http") != 0))
            return invalid (error, key, value, _("give the web address (https://…) of "
                                                 "the sister organisation's policy."));
        }
      sister = ensure_sister (self, number);
      if (g_str_equal (field, "name"))
        set_str (&sister->name, text);
      else
        set_str (&sister->url, text[0] != '\0' ? text : NULL);
      return TRUE;
    }

  if (g_str_equal (field, "hosts") && !parse_hosts (key, value, FALSE, &list, error))
    return FALSE;
  if (g_str_equal (field, "domains") && !parse_hosts (key, value, TRUE, &list, error))
    return FALSE;
  if (g_str_equal (field, "networks") && !parse_networks (key, value, &list, error))
    return FALSE;

  sister = ensure_sister (self, number);
  if (g_str_equal (field, "hosts"))
    g_strfreev (g_steal_pointer (&sister->hosts)), sister->hosts = list;
  else if (g_str_equal (field, "domains"))
    g_strfreev (g_steal_pointer (&sister->domains)), sister->domains = list;
  else
    g_strfreev (g_steal_pointer (&sister->networks)), sister->networks = list;
  return TRUE;
}

/* Applies one setting; @check_cap compares the reward matrix with the cap
 * (off while loading, where the order of keys would make it fail). */
static gboolean
apply (MpPolicy    *self,
       const char  *key,
       const char  *value,
       gboolean     check_cap,
       GError     **error)
{
  const Setting *setting;
  guint number;
  const char *field;

  g_return_val_if_fail (key != NULL, FALSE);

  if (value == NULL)
    value = "";

  if (!g_utf8_validate (value, -1, NULL))
    return invalid (error, key, "", _("the value is not valid UTF-8 text."));

  if (split_sister_key (key, &number, &field))
    return apply_sister (self, key, number, field, value, error);

  setting = lookup_setting (key);
  if (setting == NULL)
    {
      g_autofree char *keys = describe_keys ();

      g_set_error (error, MP_POLICY_ERROR, MP_POLICY_ERROR_UNKNOWN_KEY,
                   /* Translators: %s is the list of keys. */
                   _("There is no policy setting “%s”. The settings are: %s "
                     "(N is 1 to 20)."), key, keys);
      return FALSE;
    }

  switch (setting->kind)
    {
    case KIND_TEXT:
      {
        g_autofree char *text = g_strstrip (g_strdup (value));

        set_str (&MEMBER (self, char *, setting->offset), text);
        return TRUE;
      }

    case KIND_URL:
      {
        g_autofree char *text = g_strstrip (g_strdup (value));

        if (text[0] != '\0' && !(text[0] == '/' && text[1] != '/') &&
            !(g_str_has_prefix (text, "https://") && text[8] != '\0' && text[8] != '/'))
          return invalid (error, key, value, _("give an https:// address, a path such as "
                                               "/security/policy.html, or nothing for the "
                                               "default."));
        if (strpbrk (text, " \t\r\n") != NULL)
          return invalid (error, key, value, _("an address has no spaces."));
        set_str (&MEMBER (self, char *, setting->offset), text);
        return TRUE;
      }

    case KIND_EMAIL:
      {
        g_autofree char *text = g_strstrip (g_strdup (value));

        if (!parse_email (text))
          return invalid (error, key, value, _("give one e-mail address, such as "
                                               "security@example.nl."));
        set_str (&MEMBER (self, char *, setting->offset), text);
        return TRUE;
      }

    case KIND_TIMEZONE:
      {
        g_autoptr(GTimeZone) tz = value[0] != '\0' ? g_time_zone_new_identifier (value) : NULL;

        if (tz == NULL)
          return invalid (error, key, value, _("give a known time zone, such as "
                                               "Europe/Amsterdam."));
        set_str (&self->timezone, value);
        g_clear_pointer (&self->tz, g_time_zone_unref);
        self->tz = g_steal_pointer (&tz);
        return TRUE;
      }

    case KIND_CURRENCY:
      if (strlen (value) != 3 || !g_ascii_isupper (value[0]) || !g_ascii_isupper (value[1]) ||
          !g_ascii_isupper (value[2]))
        return invalid (error, key, value, _("give a currency code of three capital "
                                             "letters, such as EUR."));
      set_str (&self->currency, value);
      return TRUE;

    case KIND_UINT:
      {
        guint64 n;

        if (value[0] == '+' || !g_ascii_string_to_unsigned (value, 10, 0, setting->max, &n, NULL))
          {
            g_autofree char *expected =
              g_strdup_printf (_("give a whole number from 0 to %u."), setting->max);

            return invalid (error, key, value, expected);
          }
        MEMBER (self, guint, setting->offset) = (guint) n;
        return TRUE;
      }

    case KIND_AMOUNT:
    case KIND_CELL:
      {
        gint64 cents;

        if (!mp_amount_parse (value, &cents))
          return invalid (error, key, value, _("give an amount of 0 or more with a dot "
                                               "and at most two decimals, such as 150.00."));
        if (check_cap && setting->kind == KIND_CELL && cents > self->reward_cap)
          {
            g_autofree char *cap = mp_amount_format (self->reward_cap);
            g_autofree char *expected =
              g_strdup_printf (_("a reward in the matrix cannot exceed the cap "
                                 "(reward_cap, now %s)."), cap);

            return invalid (error, key, value, expected);
          }
        if (check_cap && setting->offset == FIELD (reward_cap))
          for (guint s = 0; s < MP_N_SEVERITIES; s++)
            for (guint q = 0; q < MP_N_QUALITIES; q++)
              if (self->reward_matrix[s][q] > cents)
                {
                  g_autofree char *cell = mp_amount_format (self->reward_matrix[s][q]);
                  g_autofree char *expected =
                    g_strdup_printf (_("the cap cannot be lower than reward_matrix.%s.%s "
                                       "(%s); lower that first."),
                                     mp_severity_to_string (s), quality_names[q], cell);

                  return invalid (error, key, value, expected);
                }
        MEMBER (self, gint64, setting->offset) = cents;
        return TRUE;
      }

    case KIND_BOOLEAN:
      if (g_str_equal (value, "true") || g_str_equal (value, "yes") || g_str_equal (value, "1"))
        MEMBER (self, gboolean, setting->offset) = TRUE;
      else if (g_str_equal (value, "false") || g_str_equal (value, "no") || g_str_equal (value, "0"))
        MEMBER (self, gboolean, setting->offset) = FALSE;
      else
        return invalid (error, key, value, _("give true or false."));
      return TRUE;

    case KIND_LIBERATION:
      for (guint i = 0; i < G_N_ELEMENTS (liberation_names); i++)
        if (g_str_equal (value, liberation_names[i]))
          {
            self->liberation_day = (MpLiberationDay) i;
            return TRUE;
          }
      return invalid (error, key, value, _("give every-year, every-fifth-year or never."));

    case KIND_CLOSING_DAYS:
      {
        GArray *ranges = NULL;

        if (!parse_closing_days (key, value, &ranges, error))
          return FALSE;
        g_clear_pointer (&self->closing_days, g_array_unref);
        self->closing_days = ranges;
        return TRUE;
      }

    case KIND_HOSTS:
    case KIND_DOMAINS:
    case KIND_NETWORKS:
      {
        GStrv list = NULL;

        if (setting->kind == KIND_NETWORKS ? !parse_networks (key, value, &list, error)
                                           : !parse_hosts (key, value,
                                                           setting->kind == KIND_DOMAINS,
                                                           &list, error))
          return FALSE;
        g_strfreev (MEMBER (self, GStrv, setting->offset));
        MEMBER (self, GStrv, setting->offset) = list;
        return TRUE;
      }

    default:
      g_assert_not_reached ();
    }
}

static char *
format_closing_days (GArray *ranges)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; ranges != NULL && i < ranges->len; i++)
    {
      const MpDateRange *range = &g_array_index (ranges, MpDateRange, i);
      g_autofree char *first = mp_date_format (&range->first);

      if (i > 0)
        g_string_append (text, ", ");
      g_string_append (text, first);
      if (g_date_compare (&range->first, &range->last) != 0)
        {
          g_autofree char *last = mp_date_format (&range->last);

          g_string_append_printf (text, "..%s", last);
        }
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* ---- public API ------------------------------------------------------- */

MpPolicy *
mp_policy_new (void)
{
  MpPolicy *self = g_new0 (MpPolicy, 1);

  g_atomic_ref_count_init (&self->ref_count);
  self->sisters = g_ptr_array_new_with_free_func ((GDestroyNotify) mp_sister_free);
  for (guint i = 0; i < G_N_ELEMENTS (settings); i++)
    {
      gboolean ok = apply (self, settings[i].key, settings[i].fallback, FALSE, NULL);

      g_assert (ok);
    }
  return self;
}

MpPolicy *
mp_policy_ref (MpPolicy *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
mp_policy_unref (MpPolicy *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;
  g_free (self->desk_name);
  g_free (self->desk_email);
  g_free (self->timezone);
  g_clear_pointer (&self->tz, g_time_zone_unref);
  g_free (self->currency);
  g_clear_pointer (&self->closing_days, g_array_unref);
  g_strfreev (self->asset_hosts);
  g_strfreev (self->asset_domains);
  g_strfreev (self->asset_networks);
  g_clear_pointer (&self->sisters, g_ptr_array_unref);
  g_free (self->legal_processor_clients);
  g_free (self->legal_own_products);
  g_free (self->publish_canonical_url);
  g_free (self->publish_policy_url_nl);
  g_free (self->publish_policy_url_en);
  g_free (self->publish_key_url);
  g_free (self->publish_hall_of_fame_url);
  g_free (self->publish_csaf_url);
  g_free (self->csirt_name);
  g_free (self->csirt_url);
  g_free (self);
}

MpPolicy *
mp_policy_new_from_settings (GHashTable *settings_table,
                             const char *organisation)
{
  MpPolicy *self;

  self = mp_policy_new ();
  if (organisation != NULL)
    set_str (&self->desk_name, organisation);
  if (settings_table == NULL)
    return self;

  for (guint i = 0; i < G_N_ELEMENTS (settings); i++)
    {
      const char *value = g_hash_table_lookup (settings_table, settings[i].key);
      g_autoptr(GError) error = NULL;

      /* A value stored by an older version that is no longer valid keeps
       * the default rather than making the desk unusable. */
      if (value != NULL && !apply (self, settings[i].key, value, FALSE, &error))
        g_debug ("Ignoring the stored policy setting %s: %s", settings[i].key, error->message);
    }

  for (guint n = 1; n <= MAX_SISTERS; n++)
    for (guint f = 0; sister_fields[f] != NULL; f++)
      {
        g_autofree char *key = g_strdup_printf ("sister.%u.%s", n, sister_fields[f]);
        const char *value = g_hash_table_lookup (settings_table, key);
        g_autoptr(GError) error = NULL;

        if (value != NULL && !apply (self, key, value, FALSE, &error))
          g_debug ("Ignoring the stored policy setting %s: %s", key, error->message);
      }

  return self;
}

gboolean
mp_policy_apply (MpPolicy    *self,
                 const char  *key,
                 const char  *value,
                 GError     **error)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (key != NULL, FALSE);

  return apply (self, key, value, TRUE, error);
}

gboolean
mp_policy_normalise_setting (MpPolicy    *self,
                             const char  *organisation,
                             const char  *key,
                             const char  *value,
                             char       **normal,
                             GError     **error)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (key != NULL, FALSE);
  g_return_val_if_fail (normal != NULL, FALSE);

  *normal = NULL;
  if (value == NULL)
    {
      const Setting *setting = lookup_setting (key);
      const char *fallback = setting != NULL ? setting->fallback : "";

      /* The default must fit the rest of the policy too (a default matrix
       * cell above a lowered cap). */
      if (g_str_equal (key, "desk.name") && organisation != NULL)
        fallback = organisation;
      return mp_policy_apply (self, key, fallback, error);
    }

  if (!mp_policy_apply (self, key, value, error))
    return FALSE;
  *normal = mp_policy_dup_value (self, key);
  return TRUE;
}

gboolean
mp_policy_is_key (const char *key)
{
  guint number;
  const char *field;

  g_return_val_if_fail (key != NULL, FALSE);

  return lookup_setting (key) != NULL || split_sister_key (key, &number, &field);
}

GStrv
mp_policy_list_keys (MpPolicy *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  g_return_val_if_fail (self != NULL, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (settings); i++)
    g_strv_builder_add (builder, settings[i].key);
  for (guint i = 0; i < self->sisters->len; i++)
    {
      MpSister *sister = g_ptr_array_index (self->sisters, i);

      if (sister->name[0] == '\0')
        continue;
      for (guint f = 0; sister_fields[f] != NULL; f++)
        {
          g_autofree char *key = g_strdup_printf ("sister.%u.%s", sister->number,
                                                  sister_fields[f]);

          g_strv_builder_add (builder, key);
        }
    }
  return g_strv_builder_end (builder);
}

char *
mp_policy_dup_value (MpPolicy   *self,
                     const char *key)
{
  const Setting *setting;
  guint number;
  const char *field;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (key != NULL, NULL);

  if (split_sister_key (key, &number, &field))
    {
      MpSister *sister = find_sister (self, number);

      if (sister == NULL)
        return g_strdup ("");
      if (g_str_equal (field, "name"))
        return g_strdup (sister->name);
      if (g_str_equal (field, "url"))
        return g_strdup (sister->url != NULL ? sister->url : "");
      if (g_str_equal (field, "hosts"))
        return join_list (sister->hosts);
      if (g_str_equal (field, "domains"))
        return join_list (sister->domains);
      return join_list (sister->networks);
    }

  setting = lookup_setting (key);
  if (setting == NULL)
    return NULL;

  switch (setting->kind)
    {
    case KIND_TEXT:
    case KIND_EMAIL:
    case KIND_URL:
    case KIND_TIMEZONE:
    case KIND_CURRENCY:
      return g_strdup (MEMBER (self, char *, setting->offset));
    case KIND_UINT:
      return g_strdup_printf ("%u", MEMBER (self, guint, setting->offset));
    case KIND_AMOUNT:
    case KIND_CELL:
      return mp_amount_format (MEMBER (self, gint64, setting->offset));
    case KIND_BOOLEAN:
      return g_strdup (MEMBER (self, gboolean, setting->offset) ? "true" : "false");
    case KIND_LIBERATION:
      return g_strdup (liberation_names[self->liberation_day]);
    case KIND_CLOSING_DAYS:
      return format_closing_days (self->closing_days);
    case KIND_HOSTS:
    case KIND_DOMAINS:
    case KIND_NETWORKS:
      return join_list (MEMBER (self, GStrv, setting->offset));
    default:
      g_assert_not_reached ();
    }
}

guint
mp_policy_get_fix_days (MpPolicy   *self,
                        const char *severity)
{
  int s;

  g_return_val_if_fail (self != NULL, 0);

  s = mp_severity_from_string (severity);
  return s < 0 ? 0 : self->fix_days[s];
}

const char *
mp_severity_to_string (MpSeverity severity)
{
  g_return_val_if_fail (severity < MP_N_SEVERITIES, NULL);

  return mp_vocabulary_get_terms (MP_VOCABULARY_SEVERITY, NULL)[severity].id;
}

int
mp_severity_from_string (const char *text)
{
  const MpTerm *term = mp_vocabulary_lookup (MP_VOCABULARY_SEVERITY, text);

  return term != NULL && term->value < MP_N_SEVERITIES ? (int) term->value : -1;
}

const char *
mp_quality_to_string (MpQuality quality)
{
  g_return_val_if_fail (quality < MP_N_QUALITIES, NULL);

  return quality_names[quality];
}

int
mp_quality_from_string (const char *text)
{
  for (guint i = 0; text != NULL && i < G_N_ELEMENTS (quality_names); i++)
    if (g_str_equal (text, quality_names[i]))
      return (int) i;
  return -1;
}
