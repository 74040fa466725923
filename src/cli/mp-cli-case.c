/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 */
#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "mp-case-json.h"
#include "mp-checklist.h"
#include "mp-cli.h"
#include "mp-cli-help.h"
#include "mp-error.h"

static const char * const statuses[] = { "open", "waiting", "overdue", "closed", "all", NULL };

static gboolean
case_matches (MpCase     *kase,
              const char *filter,
              gint64      now)
{
  gboolean closed = mp_case_is_closed (kase);

  if (g_str_equal (filter, "all"))
    return TRUE;
  if (g_str_equal (filter, "closed"))
    return closed;
  if (g_str_equal (filter, "waiting"))
    return g_strcmp0 (mp_case_get_status (kase), "waiting") == 0;
  if (g_str_equal (filter, "overdue"))
    return !closed && mp_case_get_next_due (kase) != 0 && mp_case_get_next_due (kase) < now;
  return !closed;
}

static void
print_json (JsonNode *node)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *text = NULL;

  json_generator_set_pretty (generator, TRUE);
  json_generator_set_root (generator, node);
  text = json_generator_to_data (generator, NULL);
  g_print ("%s\n", text);
}

static int
case_add (MpCli  *cli,
          int     argc,
          char  **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MpCase) draft = NULL;
  g_autoptr(MpCase) kase = NULL;
  g_autofree char *data = NULL;
  gsize length = 0;
  MpStore *store;

  if (!mp_cli_parse_options ("case add [FILE.json]", NULL, &argc, &argv))
    return 2;
  if (argc > 2)
    return mp_cli_usage ("case add [FILE.json]");

  if (argc == 2)
    {
      if (!g_file_get_contents (argv[1], &data, &length, &error))
        return mp_cli_fail (error);
    }
  else
    {
      g_autoptr(GString) input = g_string_new (NULL);
      char buffer[4096];
      gsize n;

      if (cli->passphrase_file != NULL && g_str_equal (cli->passphrase_file, "-"))
        {
          g_printerr ("meldpunt-cli: %s\n",
                      _("Standard input carries the passphrase; give the case as a file."));
          return 2;
        }
      while ((n = fread (buffer, 1, sizeof buffer, stdin)) > 0)
        g_string_append_len (input, buffer, (gssize) n);
      length = input->len;
      data = g_string_free (g_steal_pointer (&input), FALSE);
    }

  /* Check the input before asking for the passphrase. */
  draft = mp_case_json_parse_draft (data, (gssize) length, &error);
  if (draft == NULL)
    return mp_cli_fail (error);

  store = mp_cli_open_store (cli, TRUE, &error);
  if (store == NULL)
    return mp_cli_fail (error);
  kase = mp_store_add_case (store, draft, &error);
  if (kase == NULL)
    return mp_cli_fail (error);

  g_print ("%s\n", mp_case_get_reference (kase));
  return 0;
}

static int
case_list (MpCli  *cli,
           int     argc,
           char  **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *status = NULL;
  gboolean json = FALSE;
  GOptionEntry entries[] = {
    { "status", 0, 0, G_OPTION_ARG_STRING, &status, N_("open, waiting, overdue, closed or all"), N_("S") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { NULL }
  };
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  GListModel *cases;
  MpStore *store;
  gint64 now = mp_time_now ();

  if (!mp_cli_parse_options ("case list [--status S] [--json]", entries, &argc, &argv))
    return 2;
  if (argc != 1)
    return mp_cli_usage ("case list [--status S] [--json]");
  if (status == NULL)
    status = g_strdup ("open");
  if (!g_strv_contains (statuses, status))
    {
      g_printerr (_("meldpunt-cli: “%s” is not a status filter; use open, waiting, overdue, closed or all\n"),
                  status);
      return 2;
    }

  store = mp_cli_open_store (cli, TRUE, &error);
  if (store == NULL)
    return mp_cli_fail (error);

  cases = mp_store_get_cases (store);
  json_builder_begin_array (builder);
  for (guint i = 0; i < g_list_model_get_n_items (cases); i++)
    {
      g_autoptr(MpCase) kase = g_list_model_get_item (cases, i);
      g_autofree char *due = NULL;

      if (!case_matches (kase, status, now))
        continue;

      due = mp_time_format_iso8601 (mp_case_get_next_due (kase));
      if (json)
        {
          g_autofree char *received = mp_time_format_iso8601 (mp_case_get_received_at (kase));

          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "reference");
          json_builder_add_string_value (builder, mp_case_get_reference (kase));
          json_builder_set_member_name (builder, "status");
          json_builder_add_string_value (builder, mp_case_get_status (kase));
          json_builder_set_member_name (builder, "outcome");
          json_builder_add_string_value (builder, mp_case_get_outcome (kase));
          json_builder_set_member_name (builder, "next_due");
          json_builder_add_string_value (builder, due);
          json_builder_set_member_name (builder, "next_due_kind");
          json_builder_add_string_value (builder, mp_case_get_next_due_kind (kase));
          json_builder_set_member_name (builder, "overdue");
          json_builder_add_boolean_value (builder, mp_case_get_next_due (kase) != 0 &&
                                                   mp_case_get_next_due (kase) < now);
          json_builder_set_member_name (builder, "received_at");
          json_builder_add_string_value (builder, received);
          json_builder_set_member_name (builder, "title");
          json_builder_add_string_value (builder, mp_case_get_title (kase));
          if (mp_store_get_case_damage (store, kase) != NULL)
            {
              json_builder_set_member_name (builder, "damaged");
              json_builder_add_string_value (builder, mp_store_get_case_damage (store, kase));
            }
          json_builder_end_object (builder);
        }
      else if (mp_store_get_case_damage (store, kase) != NULL)
        /* Listed by its reference: nothing else of it can be read. */
        g_print ("%s\t%s\t-\t%s\n", mp_case_get_reference (kase), mp_case_get_status (kase),
                 _("(damaged: cannot be read)"));
      else
        g_print ("%s\t%s\t%s\t%s\n", mp_case_get_reference (kase), mp_case_get_status (kase),
                 due != NULL ? due : "-", mp_case_get_title (kase));
    }
  json_builder_end_array (builder);

  if (json)
    {
      g_autoptr(JsonNode) root = json_builder_get_root (builder);

      print_json (root);
    }
  return 0;
}

static int
case_show (MpCli  *cli,
           int     argc,
           char  **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GPtrArray) answered = NULL;
  gboolean json = FALSE;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { NULL }
  };
  MpStore *store;
  MpCase *kase;
  JsonObject *object;

  if (!mp_cli_parse_options ("case show REF [--json]", entries, &argc, &argv))
    return 2;
  if (argc != 2)
    return mp_cli_usage ("case show REF [--json]");

  store = mp_cli_open_store (cli, TRUE, &error);
  if (store == NULL || (kase = mp_cli_find_case (store, argv[1], &error)) == NULL)
    return mp_cli_fail (error);
  /* A damaged case is named, with why, and shown no further: reading its
   * answers is what checks its rows. */
  answered = mp_case_list_answers (kase);
  if (mp_store_get_case_damage (store, kase) != NULL)
    {
      g_set_error_literal (&error, MP_STORE_ERROR, MP_STORE_ERROR_DAMAGED,
                           mp_store_get_case_damage (store, kase));
      return mp_cli_fail (error);
    }

  root = mp_case_json_build (store, kase, &error);
  if (root == NULL)
    return mp_cli_fail (error);
  if (json)
    {
      print_json (root);
      return 0;
    }

  /* The same content for people: one "field: value" a line, then lists. */
  object = json_node_get_object (root);
  {
    guint n_fields;
    const MpCaseField *fields = mp_case_get_fields (&n_fields);

    for (guint i = 0; i < n_fields; i++)
      {
        g_autofree char *value = mp_case_dup_value_string (kase, fields[i].name);

        if (value != NULL)
          g_print ("%-22s %s\n", fields[i].name, value);
      }
  }
  {
    g_autoptr(GPtrArray) items = mp_case_list_answers (kase);

    if (items->len > 0)
      g_print ("\n%s\n", _("Answers:"));
    for (guint i = 0; i < items->len; i++)
      {
        const MpAnswer *answer = mp_case_get_answer (kase, g_ptr_array_index (items, i));
        g_autofree char *at = mp_time_format_iso8601 (answer->answered_at);

        g_print ("  %-28s %s  (%s, %s)%s%s\n", answer->item, answer->value, answer->actor, at,
                 answer->note ? " — " : "", answer->note ? answer->note : "");
      }
  }
  {
    JsonArray *deadlines = json_object_get_array_member (object, "deadlines");

    if (json_array_get_length (deadlines) > 0)
      g_print ("\n%s\n", _("Deadlines:"));
    for (guint i = 0; i < json_array_get_length (deadlines); i++)
      {
        JsonObject *d = json_array_get_object_element (deadlines, i);
        const char *met = json_object_get_string_member_with_default (d, "met", NULL);

        g_print ("  %-28s %s  %s\n", json_object_get_string_member (d, "kind"),
                 json_object_get_string_member (d, "due"),
                 met != NULL ? _("met") : _("open"));
      }
  }
  {
    JsonArray *timeline = json_object_get_array_member (object, "timeline");

    if (json_array_get_length (timeline) > 0)
      g_print ("\n%s\n", _("Timeline:"));
    for (guint i = 0; i < json_array_get_length (timeline); i++)
      {
        JsonObject *e = json_array_get_object_element (timeline, i);

        g_print ("  %s  %-12s %s\n", json_object_get_string_member (e, "at"),
                 json_object_get_string_member (e, "kind"),
                 json_object_get_string_member (e, "summary"));
      }
  }
  return 0;
}

static int
case_set (MpCli  *cli,
          int     argc,
          char  **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *value = NULL;
  MpStore *store;
  MpCase *kase;

  if (!mp_cli_parse_options ("case set REF FIELD VALUE", NULL, &argc, &argv))
    return 2;
  if (argc != 4)
    return mp_cli_usage ("case set REF FIELD VALUE");

  if ((value = mp_cli_read_value (cli, argv[3], &error)) == NULL)
    return mp_cli_fail (error);
  store = mp_cli_open_store (cli, TRUE, &error);
  if (store == NULL || (kase = mp_cli_find_case (store, argv[1], &error)) == NULL ||
      !mp_store_update_case (store, kase, argv[2], value, &error))
    return mp_cli_fail (error);
  return 0;
}

static int
case_answer (MpCli  *cli,
             int     argc,
             char  **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *note = NULL;
  g_autofree char *note_text = NULL;
  g_autofree char *value = NULL;
  GOptionEntry entries[] = {
    { "note", 0, 0, G_OPTION_ARG_STRING, &note, N_("A note with the answer"), N_("TEXT") },
    { NULL }
  };
  MpStore *store;
  MpCase *kase;

  if (!mp_cli_parse_options ("case answer REF ITEM VALUE [--note TEXT]", entries, &argc, &argv))
    return 2;
  if (argc != 4)
    return mp_cli_usage ("case answer REF ITEM VALUE [--note TEXT]");

  /* Standard input can carry one of them. */
  if (g_str_equal (argv[3], "-") && g_strcmp0 (note, "-") == 0)
    return mp_cli_usage ("case answer REF ITEM VALUE [--note TEXT]");
  if ((value = mp_cli_read_value (cli, argv[3], &error)) == NULL ||
      (note != NULL && (note_text = mp_cli_read_value (cli, note, &error)) == NULL))
    return mp_cli_fail (error);
  store = mp_cli_open_store (cli, TRUE, &error);
  if (store == NULL || (kase = mp_cli_find_case (store, argv[1], &error)) == NULL ||
      !mp_checklist_validate_answer (argv[2], value, &error) ||
      !mp_store_set_answer (store, kase, argv[2], value, note_text, &error))
    return mp_cli_fail (error);
  g_print ("%s\t%s\n", mp_case_get_reference (kase), mp_case_get_status (kase));
  return 0;
}

/* The backups made before the erase still hold the erased data, for
 * anyone with the passphrase of that time: say which, and how to delete
 * them. */
static void
warn_backups_holding_erased (MpStore *store)
{
  g_autoptr(GPtrArray) backups = mp_store_list_backups (store, TRUE, NULL);

  if (backups == NULL || backups->len == 0)
    return;
  g_printerr ("meldpunt-cli: %s\n",
              ngettext ("This backup was made before the erase and still holds the erased "
                        "data for anyone who has the passphrase of that time:",
                        "These backups were made before the erase and still hold the erased "
                        "data for anyone who has the passphrase of that time:",
                        backups->len));
  for (guint i = 0; i < backups->len; i++)
    g_printerr ("  %s\n", ((MpBackupInfo *) g_ptr_array_index (backups, i))->path);
  g_printerr ("meldpunt-cli: %s\n",
              _("Delete them with “meldpunt-cli backup --delete-erased”."));
}

static int
case_erase (MpCli  *cli,
            int     argc,
            char  **argv)
{
  g_autoptr(GError) error = NULL;
  MpStore *store;
  MpCase *kase;

  if (!mp_cli_parse_options ("case erase REF", NULL, &argc, &argv))
    return 2;
  if (argc != 2)
    return mp_cli_usage ("case erase REF");

  store = mp_cli_open_store (cli, TRUE, &error);
  if (store == NULL || (kase = mp_cli_find_case (store, argv[1], &error)) == NULL ||
      !mp_store_erase_case (store, kase, &error))
    return mp_cli_fail (error);
  g_print (_("Erased the confidential data of %s\n"), mp_case_get_reference (kase));
  if (mp_store_has_erase_pending (store))
    g_printerr ("meldpunt-cli: %s\n",
                _("An earlier copy of the erased data remains in the desk's log file while "
                  "another program (such as the Meldpunt window) has the desk open; it is "
                  "removed by the next change, or when that program closes the desk."));
  warn_backups_holding_erased (store);
  return 0;
}

typedef struct
{
  const char       *name;
  MpCliCommandFunc  run;
} CaseCommand;

static const CaseCommand case_commands[] = {
  { "add",    case_add },
  { "list",   case_list },
  { "show",   case_show },
  { "set",    case_set },
  { "answer", case_answer },
  { "erase",  case_erase },
};

int
mp_cli_case (MpCli  *cli,
             int     argc,
             char  **argv)
{
  static const char * const names[] = { "add", "list", "show", "set", "answer", "erase", NULL };

  if (argc >= 2)
    for (guint i = 0; i < G_N_ELEMENTS (case_commands); i++)
      if (g_str_equal (argv[1], case_commands[i].name))
        return case_commands[i].run (cli, argc - 1, argv + 1);

  if (argc >= 2 && (g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h")))
    {
      mp_cli_help_print_group ("case", names);
      return 0;
    }
  if (argc >= 2)
    g_printerr (_("meldpunt-cli: unknown command “case %s”\n"), argv[1]);
  return mp_cli_usage ("case add|list|show|set|answer|erase … (see meldpunt-cli case --help)");
}
