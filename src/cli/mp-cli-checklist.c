/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 */
#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "mp-checklist.h"
#include "mp-cli.h"

#define USAGE "checklist [--json]"

/* The kinds of answer by stable name, in the order of MpAnswerKind. */
static const char *
kind_name (MpAnswerKind kind)
{
  switch (kind)
    {
    case MP_ANSWER_KIND_YES_NO:
      return "yes-no";
    case MP_ANSWER_KIND_YES_NO_UNKNOWN:
      return "yes-no-unknown";
    case MP_ANSWER_KIND_CHOICE:
      return "choice";
    case MP_ANSWER_KIND_TEXT:
      return "text";
    case MP_ANSWER_KIND_DATE:
      return "date";
    case MP_ANSWER_KIND_CVSS:
      return "cvss";
    case MP_ANSWER_KIND_AMOUNT:
      return "amount";
    case MP_ANSWER_KIND_REFERENCE:
      return "reference";
    case MP_ANSWER_KIND_MOMENT:
      return "moment";
    default:
      g_return_val_if_reached ("text");
    }
}

static char *
join_choices (const MpChecklistItem *item)
{
  g_autoptr(GStrvBuilder) values = g_strv_builder_new ();
  g_auto(GStrv) list = NULL;

  for (guint i = 0; item->choices != NULL && item->choices[i].value != NULL; i++)
    g_strv_builder_add (values, item->choices[i].value);
  list = g_strv_builder_end (values);
  return g_strjoinv (",", list);
}

static void
add_strings (JsonBuilder        *builder,
             const char         *name,
             const char * const *strings)
{
  json_builder_set_member_name (builder, name);
  json_builder_begin_array (builder);
  for (guint i = 0; strings != NULL && strings[i] != NULL; i++)
    json_builder_add_string_value (builder, strings[i]);
  json_builder_end_array (builder);
}

/* Every checklist item, so that scripts can reach them with `case answer`:
 * one a line, "ID<TAB>STEP<TAB>KIND<TAB>CHOICES<TAB>CLAUSES" (lists joined
 * with commas, empty when none), or a JSON array. Needs no database. */
int
mp_cli_checklist (MpCli  *cli,
                  int     argc,
                  char  **argv)
{
  gboolean json = FALSE;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { NULL }
  };
  g_autoptr(JsonBuilder) builder = NULL;
  const MpChecklistItem *items;
  guint n_items;

  if (!mp_cli_parse_options (USAGE, entries, &argc, &argv))
    return 2;
  if (argc != 1)
    return mp_cli_usage (USAGE);

  items = mp_checklist_get_all_items (&n_items);
  if (json)
    {
      builder = json_builder_new ();
      json_builder_begin_array (builder);
    }
  for (guint i = 0; i < n_items; i++)
    {
      const MpChecklistItem *item = &items[i];
      const char *step = mp_checklist_get_step (item->step)->id;

      if (json)
        {
          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "id");
          json_builder_add_string_value (builder, item->id);
          json_builder_set_member_name (builder, "step");
          json_builder_add_string_value (builder, step);
          json_builder_set_member_name (builder, "kind");
          json_builder_add_string_value (builder, kind_name (item->kind));
          json_builder_set_member_name (builder, "choices");
          json_builder_begin_array (builder);
          for (guint c = 0; item->choices != NULL && item->choices[c].value != NULL; c++)
            json_builder_add_string_value (builder, item->choices[c].value);
          json_builder_end_array (builder);
          add_strings (builder, "clauses", item->clauses);
          json_builder_set_member_name (builder, "label");
          json_builder_add_string_value (builder, mp_checklist_item_get_label (item));
          json_builder_set_member_name (builder, "confidential");
          json_builder_add_boolean_value (builder, item->confidential);
          json_builder_end_object (builder);
        }
      else
        {
          g_autofree char *choices = join_choices (item);
          g_autofree char *clauses = item->clauses != NULL
                                     ? g_strjoinv (",", (char **) item->clauses) : g_strdup ("");

          g_print ("%s\t%s\t%s\t%s\t%s\n", item->id, step, kind_name (item->kind), choices,
                   clauses);
        }
    }

  if (json)
    {
      g_autoptr(JsonGenerator) generator = json_generator_new ();
      g_autoptr(JsonNode) root = NULL;
      g_autofree char *text = NULL;

      json_builder_end_array (builder);
      root = json_builder_get_root (builder);
      json_generator_set_pretty (generator, TRUE);
      json_generator_set_root (generator, root);
      text = json_generator_to_data (generator, NULL);
      g_print ("%s\n", text);
    }
  return 0;
}
