/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 */
#include "config.h"

#include <string.h>

#include "mp-checklist.h"
#include "mp-deadlines.h"
#include "mp-legal.h"
#include "mp-vocabulary.h"

/* Every table of the vocabulary is complete: each enum value has its term,
 * in enum order, with an id, an English label and a Dutch one in po/nl.po,
 * so that a new kind, status, step, channel or severity cannot be added
 * without its words. */

/* "context\004msgid" → msgstr of po/nl.po; a minimal reader of the format
 * as msgmerge writes it (quoted strings, continuation lines). */
static GHashTable *
read_nl_po (void)
{
  GHashTable *entries = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GString) ctxt = g_string_new (NULL);
  g_autoptr(GString) id = g_string_new (NULL);
  g_autoptr(GString) str = g_string_new (NULL);
  GString *current = NULL;
  gboolean has_ctxt = FALSE;
  g_autoptr(GError) error = NULL;

  g_file_get_contents (MP_TEST_NL_PO, &contents, NULL, &error);
  g_assert_no_error (error);
  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; ; i++)
    {
      const char *line = lines[i];
      const char *quote;

      if (line == NULL || g_str_has_prefix (line, "msgctxt ") ||
          (g_str_has_prefix (line, "msgid ") && current == str))
        {
          if (current == str && id->len > 0)
            g_hash_table_insert (entries,
                                 has_ctxt ? g_strdup_printf ("%s\004%s", ctxt->str, id->str)
                                          : g_strdup (id->str),
                                 g_strdup (str->str));
          if (line == NULL)
            break;
          g_string_truncate (ctxt, 0);
          g_string_truncate (id, 0);
          g_string_truncate (str, 0);
          has_ctxt = FALSE;
          current = NULL;
        }
      if (g_str_has_prefix (line, "msgctxt "))
        current = ctxt, has_ctxt = TRUE;
      else if (g_str_has_prefix (line, "msgid "))
        current = id;
      else if (g_str_has_prefix (line, "msgstr"))
        current = str;
      else if (line[0] != '"')
        continue;
      quote = strchr (line, '"');
      if (current != NULL && quote != NULL)
        {
          g_autofree char *quoted = g_strndup (quote + 1, strlen (quote + 1) - 1);
          g_autofree char *text = g_strcompress (quoted);

          g_string_append (current, text);
        }
    }
  return entries;
}

static void
test_vocabulary_complete (void)
{
  g_autoptr(GHashTable) nl = read_nl_po ();

  for (MpVocabulary v = 0; v < MP_N_VOCABULARIES; v++)
    {
      guint n_terms = 0;
      const MpTerm *terms = mp_vocabulary_get_terms (v, &n_terms);
      const char * const *ids = mp_vocabulary_list_ids (v);
      g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

      g_assert_cmpuint (n_terms, >, 0);
      g_assert_cmpuint (g_strv_length ((GStrv) ids), ==, n_terms);
      for (guint i = 0; i < n_terms; i++)
        {
          const char *context = NULL;
          const char *msgid = mp_term_get_msgid (v, &terms[i], &context);
          g_autofree char *key = g_strdup_printf ("%s\004%s", context, msgid);
          const char *dutch;

          g_test_message ("vocabulary %u, term %s", v, terms[i].id);
          g_assert_cmpuint (terms[i].value, ==, i);
          g_assert_nonnull (terms[i].id);
          g_assert_cmpstr (ids[i], ==, terms[i].id);
          g_assert_true (g_hash_table_add (seen, (gpointer) terms[i].id));
          g_assert_true (mp_vocabulary_lookup (v, terms[i].id) == &terms[i]);
          g_assert_nonnull (msgid);
          g_assert_cmpstr (msgid, !=, "");
          g_assert_cmpstr (mp_vocabulary_get_label (v, terms[i].id), ==,
                           mp_term_get_label (v, &terms[i]));
          dutch = g_hash_table_lookup (nl, key);
          if (dutch == NULL || *dutch == '\0')
            g_error ("“%s” (context “%s”) has no Dutch translation in po/nl.po", msgid, context);
          g_assert_cmpuint (terms[i].step, <=, MP_N_STEPS);
          if (v == MP_VOCABULARY_DEADLINE_KIND)
            {
              g_assert_nonnull (terms[i].calendar_en);
              g_assert_nonnull (terms[i].calendar_nl);
            }
        }
    }
}

/* The checklist's steps are the vocabulary's; a case's status while a step
 * is current has the step's id and words. */
static void
test_vocabulary_steps (void)
{
  for (MpStep step = 0; step < MP_N_STEPS; step++)
    {
      const MpTerm *term = &mp_vocabulary_get_terms (MP_VOCABULARY_STEP, NULL)[step];
      const MpTerm *status = &mp_vocabulary_get_terms (MP_VOCABULARY_STATUS,
                                                       NULL)[mp_status_for_step (step)];

      g_assert_cmpstr (mp_checklist_get_step (step)->id, ==, term->id);
      g_assert_cmpstr (mp_checklist_step_get_label (mp_checklist_get_step (step)), ==,
                       mp_term_get_label (MP_VOCABULARY_STEP, term));
      g_assert_cmpstr (status->id, ==, term->id);
      g_assert_cmpuint (status->step, ==, step);
      g_assert_cmpstr (mp_term_get_label (MP_VOCABULARY_STATUS, status), ==,
                       mp_term_get_label (MP_VOCABULARY_STEP, term));
    }
  g_assert_cmpstr (mp_vocabulary_get_label (MP_VOCABULARY_STATUS, "no-such-status"), ==,
                   "no-such-status");
  g_assert_cmpstr (mp_vocabulary_get_label (MP_VOCABULARY_STATUS, NULL), ==, "");
}

/* The deadlines module names its kinds from the vocabulary: every kind of
 * a case has a step; the desk's own (the security.txt renewal) has none
 * and is not a case's. */
static void
test_vocabulary_deadline_kinds (void)
{
  const char * const *kinds = mp_deadlines_list_kinds ();
  const char * const *all = mp_vocabulary_list_ids (MP_VOCABULARY_DEADLINE_KIND);
  guint n_case_kinds = 0;

  for (guint i = 0; all[i] != NULL; i++)
    {
      MpStep step = mp_vocabulary_lookup (MP_VOCABULARY_DEADLINE_KIND, all[i])->step;

      g_assert_cmpint (g_strv_contains (kinds, all[i]), ==, step < MP_N_STEPS);
      n_case_kinds += step < MP_N_STEPS;
    }
  g_assert_cmpuint (n_case_kinds, ==, MP_DEADLINE_KIND_SECURITY_TXT_RENEWAL);
  g_assert_cmpuint (g_strv_length ((GStrv) kinds), ==, n_case_kinds);
  g_assert_cmpuint (mp_deadlines_kind_get_step ("security-txt-renewal"), ==, MP_N_STEPS);
  for (guint i = 0; all[i] != NULL; i++)
    {
      const MpTerm *term = mp_vocabulary_lookup (MP_VOCABULARY_DEADLINE_KIND, all[i]);

      g_assert_nonnull (term);
      g_assert_cmpuint (mp_deadlines_kind_get_step (all[i]), ==, term->step);
      g_assert_cmpstr (mp_deadlines_kind_get_label (all[i]), ==,
                       mp_term_get_label (MP_VOCABULARY_DEADLINE_KIND, term));
      /* The promises first (the case list filters by them), then the
       * clocks set by law, then the desk's own. */
      g_assert_cmpint (term->legal, ==, term->value >= MP_DEADLINE_KIND_GDPR_AUTHORITY &&
                                        term->value <= MP_DEADLINE_KIND_CRA_FINAL);
      g_assert_cmpint (mp_legal_is_legal_kind (all[i]), ==, term->legal);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/vocabulary/complete", test_vocabulary_complete);
  g_test_add_func ("/vocabulary/steps", test_vocabulary_steps);
  g_test_add_func ("/vocabulary/deadline-kinds", test_vocabulary_deadline_kinds);

  return g_test_run ();
}
