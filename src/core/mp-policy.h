/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 */
#pragma once

#include <gio/gio.h>

#include "mp-parse.h"
#include "mp-vocabulary.h"

G_BEGIN_DECLS

/* The desk's policy: every number and list of DOMAIN.md as a setting with its
 * default. Stored as text settings of the store (mp_store_get_setting()), one
 * key each:
 *
 *   desk.name, desk.email          text (desk.name defaults to the organisation)
 *   timezone                       a time zone identifier (Europe/Amsterdam)
 *   currency                       three capital letters (EUR)
 *   ack_hours                      P-ACK hours (72)
 *   assess_workdays                P-ASSESS working days (3)
 *   update_interval_days           P-INFORM days (14)
 *   follow_up_days                 waiting-for-reporter follow-up days (7)
 *   fix_days.critical/high/medium/low   P-FIX-ASAP days (7/30/60/90)
 *   disclosure_days                P-DISCLOSE days (90)
 *   deletion_days                  data deletion after closure, days (30)
 *   reward_cap                     amount, "300.00"
 *   reward_budget                  amount per calendar year, "1500.00"
 *   reward_matrix.SEVERITY.QUALITY amount; SEVERITY low|medium|high|critical,
 *                                  QUALITY poor|fair|good|excellent; never above the cap
 *   holidays.good_friday           true|false (false)
 *   holidays.liberation_day        every-year|every-fifth-year|never (every-year)
 *   holidays.closing_days          list of dates and ranges:
 *                                  "2026-12-28..2026-12-31, 2027-05-07"
 *   assets.hosts                   list of exact host names
 *   assets.domains                 list of domain suffixes ("example.nl" matches
 *                                  example.nl and every name under it)
 *   assets.networks                list of IPv4/IPv6 addresses or CIDR ranges
 *   import.max_bytes               the largest e-mail message to import, bytes
 *                                  (52428800 = 50 MB)
 *   sister.N.name, sister.N.url, sister.N.hosts, sister.N.domains, sister.N.networks
 *                                  a sister organisation (R-GROUP), N = 1, 2, …;
 *                                  a sister exists when sister.N.name is not empty
 *   legal.essential_entity         true|false: an essential or important entity
 *                                  under NIS2 / the Cbw (false)
 *   legal.processor                true|false: a processor of personal data for
 *                                  clients under the AVG (false)
 *   legal.processor_clients        text: for whom the desk processes personal data
 *   legal.own_products             text: the products with digital elements the
 *                                  organisation makes or markets (CRA)
 *   legal.gdpr_authority_hours     AVG art. 33: notify the authority (72)
 *   legal.gdpr_controller_hours    AVG art. 33(2): a processor informs the controller (24)
 *   legal.nis2_early_warning_hours, legal.nis2_notification_hours   NIS2 art. 23 (24, 72)
 *   legal.nis2_final_months        final report after the notification (1)
 *   legal.cra_early_warning_hours, legal.cra_notification_hours     CRA art. 14 (24, 72)
 *   legal.cra_final_days           final report after a corrective measure (14)
 *   legal.cra_severe_final_months  final report of a severe incident after the
 *                                  notification (1)
 *   publish.expires_months         security.txt's Expires, months ahead (11, at most 12)
 *   publish.canonical_url, publish.policy_url_nl, publish.policy_url_en,
 *   publish.key_url, publish.hall_of_fame_url, publish.csaf_url
 *                                  https:// addresses or paths under https://DOMAIN/;
 *                                  empty is the default path (none for CSAF)
 *
 * Lists are text with items separated by commas, spaces or line ends.
 * Amounts are decimal with a dot and at most two decimals ("150", "150.00");
 * in memory they are whole cents.
 *
 * MpPolicy is a reference-counted boxed struct whose fields are public to
 * read; change it only through mp_policy_apply() (validated). */

#define MP_POLICY_ERROR (mp_policy_error_quark ())

typedef enum
{
  MP_POLICY_ERROR_UNKNOWN_KEY,
  MP_POLICY_ERROR_INVALID_VALUE,
} MpPolicyError;

typedef enum
{
  MP_LIBERATION_DAY_EVERY_YEAR,
  MP_LIBERATION_DAY_EVERY_FIFTH_YEAR,   /* 2025, 2030, … */
  MP_LIBERATION_DAY_NEVER,
} MpLiberationDay;

typedef enum
{
  MP_QUALITY_POOR,
  MP_QUALITY_FAIR,
  MP_QUALITY_GOOD,
  MP_QUALITY_EXCELLENT,
  MP_N_QUALITIES
} MpQuality;

/* A desk closing period, both days included (one day: first == last). */
typedef struct
{
  GDate first;
  GDate last;
} MpDateRange;

/* A sister organisation in the same group (R-GROUP). */
typedef struct
{
  guint   number;      /* N of sister.N.* */
  char   *name;
  char   *url;         /* their disclosure policy */
  GStrv   hosts;
  GStrv   domains;
  GStrv   networks;
} MpSister;

typedef struct _MpPolicy MpPolicy;

struct _MpPolicy
{
  char            *desk_name;
  char            *desk_email;
  char            *timezone;
  GTimeZone       *tz;                 /* of timezone */
  char            *currency;

  guint            ack_hours;
  guint            assess_workdays;
  guint            update_interval_days;
  guint            follow_up_days;
  guint            fix_days[MP_N_SEVERITIES];
  guint            disclosure_days;
  guint            deletion_days;

  gint64           reward_cap;         /* cents */
  gint64           reward_budget;      /* cents per calendar year */
  gint64           reward_matrix[MP_N_SEVERITIES][MP_N_QUALITIES];   /* cents */

  gboolean         good_friday;
  MpLiberationDay  liberation_day;
  GArray          *closing_days;       /* of MpDateRange, in the order given */

  GStrv            asset_hosts;        /* normalised: lower case ASCII, no trailing dot */
  GStrv            asset_domains;      /* normalised likewise */
  GStrv            asset_networks;     /* as given (validated CIDR or address) */
  GPtrArray       *sisters;            /* of MpSister, by number */

  guint            import_max_bytes;

  gboolean         legal_essential_entity;
  gboolean         legal_processor;
  char            *legal_processor_clients;
  char            *legal_own_products;
  guint            legal_gdpr_authority_hours;
  guint            legal_gdpr_controller_hours;
  guint            legal_nis2_early_warning_hours;
  guint            legal_nis2_notification_hours;
  guint            legal_nis2_final_months;
  guint            legal_cra_early_warning_hours;
  guint            legal_cra_notification_hours;
  guint            legal_cra_final_days;
  guint            legal_cra_severe_final_months;

  guint            publish_expires_months;
  char            *publish_canonical_url;       /* "" = the default under https://DOMAIN/ */
  char            *publish_policy_url_nl;
  char            *publish_policy_url_en;
  char            *publish_key_url;
  char            *publish_hall_of_fame_url;
  char            *publish_csaf_url;            /* "" = no CSAF field */

  char            *csirt_name;         /* "" = the NCSC, named in the letter's language */
  char            *csirt_url;

  /*< private >*/
  gatomicrefcount  ref_count;
};

GQuark       mp_policy_error_quark      (void);
GType        mp_policy_get_type         (void) G_GNUC_CONST;
#define MP_TYPE_POLICY (mp_policy_get_type ())

/* Returns: (transfer full): a policy with every default. */
MpPolicy    *mp_policy_new              (void);
MpPolicy    *mp_policy_ref              (MpPolicy     *self);
void         mp_policy_unref            (MpPolicy     *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MpPolicy, mp_policy_unref)

/* The desk's policy from its stored settings (@settings: key -> value
 * text, nullable), with the default for every key that is missing or not
 * valid; desk.name defaults to @organisation (nullable). The store reads
 * the settings: see mp_store_get_policy().
 * Returns: (transfer full) */
MpPolicy    *mp_policy_new_from_settings (GHashTable  *settings,
                                          const char  *organisation);

/* Validates @value for @key against @self (e.g. a matrix cell against the
 * cap) and, when valid, applies it to @self. An unknown key is refused with
 * the list of keys. */
gboolean     mp_policy_apply            (MpPolicy     *self,
                                         const char   *key,
                                         const char   *value,
                                         GError      **error);

/* Validates @value for @key against @self (the stored policy, which it
 * changes) and sets @normal to the form to store; @value NULL asks for the
 * default (desk.name: @organisation), which must fit the rest of the policy
 * too, and sets @normal to NULL: remove the stored value. The store's
 * mp_store_set_policy() stores the result. */
gboolean     mp_policy_normalise_setting (MpPolicy    *self,
                                          const char  *organisation,
                                          const char  *key,
                                          const char  *value,
                                          char       **normal,
                                          GError     **error);

/* Returns: (transfer full): every key of @self in display order: the fixed
 * keys, then sister.N.* of each sister. */
GStrv        mp_policy_list_keys        (MpPolicy     *self);
/* Returns: (transfer full) (nullable): @key's value as text, in the form
 * mp_policy_apply() accepts; NULL for an unknown key. */
char        *mp_policy_dup_value        (MpPolicy     *self,
                                         const char   *key);
/* Whether @key names a setting (fixed key or sister.N.FIELD). */
gboolean     mp_policy_is_key           (const char   *key);

/* Fix target in days for a severity name ("low" … "critical"); 0 for
 * "none", NULL or an unknown name. */
guint        mp_policy_get_fix_days     (MpPolicy     *self,
                                         const char   *severity);

/* Name ↔ enum helpers; the parsers return -1 for an unknown name. */
const char  *mp_severity_to_string      (MpSeverity    severity);
int          mp_severity_from_string    (const char   *text);
const char  *mp_quality_to_string       (MpQuality     quality);
int          mp_quality_from_string     (const char   *text);


G_END_DECLS
