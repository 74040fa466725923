/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "mp-case.h"
#include "mp-cvss.h"
#include "mp-openpgp-sign.h"
#include "mp-publish.h"
#include "mp-publish-csaf.h"
#include "mp-publish-halloffame.h"

#define PRODUCT_ID "CSAFPID-0001"

static void
member_string (JsonBuilder *builder,
               const char  *name,
               const char  *value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_string_value (builder, value);
}

static void
member_ids (JsonBuilder *builder,
            const char  *name)
{
  json_builder_set_member_name (builder, name);
  json_builder_begin_array (builder);
  json_builder_add_string_value (builder, PRODUCT_ID);
  json_builder_end_array (builder);
}

static void
note (JsonBuilder *builder,
      const char  *category,
      const char  *title,
      const char  *text)
{
  json_builder_begin_object (builder);
  member_string (builder, "category", category);
  member_string (builder, "title", title);
  member_string (builder, "text", text);
  json_builder_end_object (builder);
}

/* "2026-11-20" → "2026-11-20T00:00:00Z"; the day as the desk recorded it. */
static char *
day_to_timestamp (const char *day)
{
  return g_strdup_printf ("%sT00:00:00Z", day);
}

static char *
usec_to_timestamp (gint64 usec)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (usec / G_USEC_PER_SEC);

  return g_date_time_format (dt, "%Y-%m-%dT%H:%M:%SZ");
}

static void
add_publisher (JsonBuilder *builder,
               MpPolicy    *policy)
{
  const char *domain = mp_publish_main_domain (policy);
  g_autofree char *namespace = g_strdup_printf ("https://%s", domain);
  g_autofree char *contact = g_strdup_printf ("E-mail: %s", policy->desk_email);

  json_builder_set_member_name (builder, "publisher");
  json_builder_begin_object (builder);
  member_string (builder, "category", "vendor");
  member_string (builder, "name", policy->desk_name);
  member_string (builder, "namespace", namespace);
  member_string (builder, "contact_details", contact);
  json_builder_end_object (builder);
}

static void
add_tracking (JsonBuilder *builder,
              MpCase      *kase,
              const char  *released,
              gint64       now)
{
  g_autofree char *generated = usec_to_timestamp (now);

  json_builder_set_member_name (builder, "tracking");
  json_builder_begin_object (builder);
  member_string (builder, "id", mp_case_get_reference (kase));
  member_string (builder, "status", "final");
  member_string (builder, "version", "1");
  member_string (builder, "initial_release_date", released);
  member_string (builder, "current_release_date", released);
  json_builder_set_member_name (builder, "revision_history");
  json_builder_begin_array (builder);
  json_builder_begin_object (builder);
  member_string (builder, "number", "1");
  member_string (builder, "date", released);
  member_string (builder, "summary", "Initial version.");
  json_builder_end_object (builder);
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "generator");
  json_builder_begin_object (builder);
  member_string (builder, "date", generated);
  json_builder_set_member_name (builder, "engine");
  json_builder_begin_object (builder);
  member_string (builder, "name", "Meldpunt");
  member_string (builder, "version", PACKAGE_VERSION);
  json_builder_end_object (builder);
  json_builder_end_object (builder);
  json_builder_end_object (builder);
}

static void
add_product_tree (JsonBuilder *builder,
                  MpPolicy    *policy,
                  const char  *system)
{
  json_builder_set_member_name (builder, "product_tree");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "branches");
  json_builder_begin_array (builder);
  json_builder_begin_object (builder);
  member_string (builder, "category", "vendor");
  member_string (builder, "name", policy->desk_name);
  json_builder_set_member_name (builder, "branches");
  json_builder_begin_array (builder);
  json_builder_begin_object (builder);
  member_string (builder, "category", "product_name");
  member_string (builder, "name", system);
  json_builder_set_member_name (builder, "product");
  json_builder_begin_object (builder);
  member_string (builder, "name", system);
  member_string (builder, "product_id", PRODUCT_ID);
  json_builder_end_object (builder);
  json_builder_end_object (builder);
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  json_builder_end_array (builder);
  json_builder_end_object (builder);
}

/* CSAF 2.0 scores CVSS 3.x (and 2.0) only: the base score of a 3.1 vector,
 * which the standard's tests recompute from the vector. */
static void
add_score (JsonBuilder  *builder,
           const MpCvss *cvss)
{
  g_autofree char *severity = NULL;
  double base = mp_cvss_get_base_score (cvss);

  severity = g_ascii_strup (mp_cvss_severity_for_score (base), -1);
  json_builder_set_member_name (builder, "scores");
  json_builder_begin_array (builder);
  json_builder_begin_object (builder);
  member_ids (builder, "products");
  json_builder_set_member_name (builder, "cvss_v3");
  json_builder_begin_object (builder);
  member_string (builder, "version", "3.1");
  member_string (builder, "vectorString", mp_cvss_get_vector (cvss));
  json_builder_set_member_name (builder, "baseScore");
  json_builder_add_double_value (builder, base);
  member_string (builder, "baseSeverity", severity);
  json_builder_end_object (builder);
  json_builder_end_object (builder);
  json_builder_end_array (builder);
}

static void
add_vulnerability (JsonBuilder *builder,
                   MpCase      *kase,
                   const char  *fixed_on,
                   const char  *summary)
{
  const char *vector = mp_case_get_answer_value (kase, "assess.cvss");
  g_autofree char *fix_date = day_to_timestamp (fixed_on);
  g_autofree char *fix_text = g_strdup_printf ("Fixed by the vendor on %s.", fixed_on);
  MpCvss *cvss = vector != NULL && vector[0] != '\0' ? mp_cvss_parse (vector, NULL) : NULL;

  json_builder_set_member_name (builder, "vulnerabilities");
  json_builder_begin_array (builder);
  json_builder_begin_object (builder);
  member_string (builder, "title", mp_case_get_title (kase));

  json_builder_set_member_name (builder, "notes");
  json_builder_begin_array (builder);
  note (builder, "description", "Description", summary);
  if (cvss != NULL && mp_cvss_get_version (cvss) == MP_CVSS_VERSION_4_0)
    {
      g_autofree char *score = mp_cvss_format_score (mp_cvss_get_score (cvss));
      g_autofree char *text = g_strdup_printf ("CVSS 4.0 vector: %s (score %s, %s). CSAF 2.0 "
                                               "has no field for CVSS 4.0, so it is given "
                                               "here.", mp_cvss_get_vector (cvss), score,
                                               mp_cvss_get_severity (cvss));

      note (builder, "other", "CVSS 4.0", text);
    }
  json_builder_end_array (builder);

  if (cvss != NULL && mp_cvss_get_version (cvss) == MP_CVSS_VERSION_3_1)
    add_score (builder, cvss);

  json_builder_set_member_name (builder, "product_status");
  json_builder_begin_object (builder);
  member_ids (builder, "fixed");
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "remediations");
  json_builder_begin_array (builder);
  json_builder_begin_object (builder);
  member_string (builder, "category", "vendor_fix");
  member_string (builder, "details", fix_text);
  member_string (builder, "date", fix_date);
  member_ids (builder, "product_ids");
  json_builder_end_object (builder);
  json_builder_end_array (builder);

  /* P-CREDIT: named only with consent, as the reporter asked to be named. */
  if (mp_publish_credit_consented (kase))
    {
      json_builder_set_member_name (builder, "acknowledgments");
      json_builder_begin_array (builder);
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "names");
      json_builder_begin_array (builder);
      json_builder_add_string_value (builder, mp_case_get_answer_value (kase, "credit.name"));
      json_builder_end_array (builder);
      member_string (builder, "summary", "Reported the vulnerability to the vendor.");
      json_builder_end_object (builder);
      json_builder_end_array (builder);
    }

  json_builder_end_object (builder);
  json_builder_end_array (builder);
  g_clear_pointer (&cvss, mp_cvss_free);
}

char *
mp_publish_csaf (MpPolicy  *policy,
                 gpointer   kase_ptr,
                 gint64     now,
                 GError   **error)
{
  MpCase *kase = kase_ptr;
  g_autoptr(JsonBuilder) builder = NULL;
  g_autoptr(JsonGenerator) generator = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *released = NULL;
  g_autofree char *summary = NULL;
  g_autofree char *product = NULL;
  const char *fixed_on;
  const char *published;
  const char *system;
  const char *impact;

  g_return_val_if_fail (policy != NULL, NULL);
  g_return_val_if_fail (MP_IS_CASE (kase), NULL);

  fixed_on = mp_case_get_answer_value (kase, "remed.fixed_on");
  if (fixed_on == NULL || fixed_on[0] == '\0')
    {
      g_set_error (error, MP_PUBLISH_ERROR, MP_PUBLISH_ERROR_NOT_PUBLISHABLE,
                   _("Case %s has no fix yet: an advisory is published after the fix. Record "
                     "it with: meldpunt-cli case answer %s remed.fixed_on YYYY-MM-DD"),
                   mp_case_get_reference (kase), mp_case_get_reference (kase));
      return NULL;
    }
  if (policy->desk_email == NULL || policy->desk_email[0] == '\0' ||
      mp_publish_main_domain (policy) == NULL)
    {
      g_set_error_literal (error, MP_PUBLISH_ERROR, MP_PUBLISH_ERROR_NO_EMAIL,
                           _("The advisory names the desk as its publisher: set the desk's "
                             "e-mail address first, e.g. with: meldpunt-cli policy set "
                             "desk.email security@example.nl"));
      return NULL;
    }
  system = mp_case_get_asset (kase);
  if (system == NULL || system[0] == '\0')
    {
      g_set_error (error, MP_PUBLISH_ERROR, MP_PUBLISH_ERROR_NOT_PUBLISHABLE,
                   _("Case %s does not name the affected system; set it with: meldpunt-cli "
                     "case set %s asset NAME"),
                   mp_case_get_reference (kase), mp_case_get_reference (kase));
      return NULL;
    }

  /* A URL names its host as the product: "https://portal.example.nl/search"
   * is the system portal.example.nl. */
  {
    g_autoptr(GUri) uri = g_uri_parse (system, G_URI_FLAGS_NONE, NULL);

    if (uri != NULL && g_uri_get_host (uri) != NULL && g_uri_get_host (uri)[0] != '\0')
      product = g_strdup (g_uri_get_host (uri));
    else
      product = g_strdup (system);
  }

  /* Released on the agreed publication day, else on the day of the fix:
   * both come from the case, so regenerating gives the same document. */
  published = mp_case_get_answer_value (kase, "disclose.agreed_on");
  released = day_to_timestamp (published != NULL && published[0] != '\0' ? published : fixed_on);
  impact = mp_case_get_impact (kase);
  summary = g_strdup (impact != NULL && impact[0] != '\0' ? impact : mp_case_get_title (kase));

  builder = json_builder_new ();
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "document");
  json_builder_begin_object (builder);
  member_string (builder, "category", "csaf_security_advisory");
  member_string (builder, "csaf_version", "2.0");
  member_string (builder, "title", mp_case_get_title (kase));
  json_builder_set_member_name (builder, "notes");
  json_builder_begin_array (builder);
  note (builder, "summary", "Summary", summary);
  json_builder_end_array (builder);
  add_publisher (builder, policy);
  add_tracking (builder, kase, released, now);
  json_builder_end_object (builder);
  add_product_tree (builder, policy, product);
  add_vulnerability (builder, kase, fixed_on, summary);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  generator = json_generator_new ();
  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);
  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, NULL);
}

gboolean
mp_publish_save_csaf (MpStore     *store,
                      const char  *text,
                      const char  *path,
                      gboolean    *is_signed,
                      GError     **error)
{
  static const struct { GChecksumType type; const char *suffix; } sums[] = {
    { G_CHECKSUM_SHA256, ".sha256" }, { G_CHECKSUM_SHA512, ".sha512" },
  };
  g_autofree char *base = NULL;
  g_autofree char *signature = NULL;

  g_return_val_if_fail (MP_IS_STORE (store), FALSE);
  g_return_val_if_fail (text != NULL && path != NULL, FALSE);

  if (is_signed != NULL)
    *is_signed = FALSE;
  /* Signed first: a failed signature leaves no half-written set behind. */
  if (mp_store_get_desk_key_info (store, NULL, NULL, NULL, NULL) &&
      !(signature = mp_openpgp_sign_detached (store, text, strlen (text), error)))
    return FALSE;
  if (!g_file_set_contents (path, text, -1, error))
    return FALSE;
  base = g_path_get_basename (path);
  for (guint i = 0; i < G_N_ELEMENTS (sums); i++)
    {
      g_autofree char *sum = g_compute_checksum_for_string (sums[i].type, text, -1);
      g_autofree char *line = g_strdup_printf ("%s  %s\n", sum, base);
      g_autofree char *sum_path = g_strconcat (path, sums[i].suffix, NULL);

      if (!g_file_set_contents (sum_path, line, -1, error))
        return FALSE;
    }
  if (signature != NULL)
    {
      g_autofree char *asc_path = g_strconcat (path, ".asc", NULL);

      if (!g_file_set_contents (asc_path, signature, -1, error))
        return FALSE;
      if (is_signed != NULL)
        *is_signed = TRUE;
    }
  return TRUE;
}
