/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "mp-case-json.h"

G_DEFINE_QUARK (mp-case-json-error-quark, mp_case_json_error)

/* Required in every new case (R-DETAILS asks for more, but a case can be
 * logged before the reporter has sent it). */
static const char * const required_keys[] = { "title", "description", NULL };

MpCase *
mp_case_json_parse_draft (const char  *data,
                          gssize       length,
                          GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(MpCase) draft = mp_case_new ();
  g_autoptr(GError) local_error = NULL;
  JsonObject *object;
  JsonNode *root;
  g_autoptr(GList) members = NULL;

  g_return_val_if_fail (data != NULL, NULL);

  if (!json_parser_load_from_data (parser, data, length, &local_error))
    {
      g_set_error (error, MP_CASE_JSON_ERROR, MP_CASE_JSON_ERROR_SYNTAX,
                   _("The case is not valid JSON: %s"), local_error->message);
      return NULL;
    }

  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error_literal (error, MP_CASE_JSON_ERROR, MP_CASE_JSON_ERROR_SYNTAX,
                           _("The case must be a JSON object, such as {\"title\": …}."));
      return NULL;
    }
  object = json_node_get_object (root);

  for (guint i = 0; required_keys[i] != NULL; i++)
    {
      JsonNode *node = json_object_get_member (object, required_keys[i]);

      if (node == NULL || JSON_NODE_HOLDS_NULL (node))
        {
          g_set_error (error, MP_CASE_JSON_ERROR, MP_CASE_JSON_ERROR_MISSING,
                       _("The case has no “%s”; it is required."), required_keys[i]);
          return NULL;
        }
    }

  members = json_object_get_members (object);
  for (GList *l = members; l != NULL; l = l->next)
    {
      const char *key = l->data;
      JsonNode *node = json_object_get_member (object, key);
      const MpCaseField *field = mp_case_lookup_field (key);
      g_autofree char *text = NULL;
      g_autoptr(GError) field_error = NULL;

      if (field == NULL || !field->editable)
        {
          g_set_error (error, MP_CASE_JSON_ERROR, MP_CASE_JSON_ERROR_INVALID,
                       _("“%s” is not a field of a new case."), key);
          return NULL;
        }
      if (JSON_NODE_HOLDS_NULL (node))
        continue;
      if (!JSON_NODE_HOLDS_VALUE (node) ||
          (field->kind == MP_FIELD_BOOLEAN && json_node_get_value_type (node) != G_TYPE_BOOLEAN) ||
          (field->kind != MP_FIELD_BOOLEAN && json_node_get_value_type (node) != G_TYPE_STRING))
        {
          g_set_error (error, MP_CASE_JSON_ERROR, MP_CASE_JSON_ERROR_INVALID,
                       field->kind == MP_FIELD_BOOLEAN ? _("“%s” must be true or false.")
                                                       : _("“%s” must be a text in quotes."),
                       key);
          return NULL;
        }

      if (field->kind == MP_FIELD_BOOLEAN)
        text = g_strdup (json_node_get_boolean (node) ? "true" : "false");
      else
        text = g_strdup (json_node_get_string (node));

      if (!mp_case_set_value_string (draft, key, text, &field_error))
        {
          g_set_error_literal (error, MP_CASE_JSON_ERROR, MP_CASE_JSON_ERROR_INVALID,
                               field_error->message);
          return NULL;
        }
    }

  return g_steal_pointer (&draft);
}

static void
add_time (JsonBuilder *builder,
          const char  *name,
          gint64       usec)
{
  g_autofree char *text = mp_time_format_iso8601 (usec);

  json_builder_set_member_name (builder, name);
  if (text != NULL)
    json_builder_add_string_value (builder, text);
  else
    json_builder_add_null_value (builder);
}

JsonNode *
mp_case_json_build (MpStore  *store,
                    MpCase   *kase,
                    GError  **error)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(GListModel) events = NULL;
  g_autoptr(GListModel) deadlines = NULL;
  g_autoptr(GListModel) attachments = NULL;
  g_autoptr(GPtrArray) items = NULL;
  const MpCaseField *fields;
  guint n_fields;

  g_return_val_if_fail (MP_IS_STORE (store), NULL);
  g_return_val_if_fail (MP_IS_CASE (kase), NULL);

  if (!(events = mp_store_list_events (store, kase, error)) ||
      !(deadlines = mp_store_list_deadlines (store, kase, error)) ||
      !(attachments = mp_store_list_attachments (store, kase, error)))
    return NULL;

  json_builder_begin_object (builder);
  fields = mp_case_get_fields (&n_fields);
  for (guint i = 0; i < n_fields; i++)
    {
      switch (fields[i].kind)
        {
        case MP_FIELD_TEXT:
          json_builder_set_member_name (builder, fields[i].name);
          if (mp_case_get_text (kase, fields[i].name) != NULL)
            json_builder_add_string_value (builder, mp_case_get_text (kase, fields[i].name));
          else
            json_builder_add_null_value (builder);
          break;
        case MP_FIELD_BOOLEAN:
          json_builder_set_member_name (builder, fields[i].name);
          json_builder_add_boolean_value (builder, mp_case_get_boolean (kase, fields[i].name));
          break;
        case MP_FIELD_TIME:
          add_time (builder, fields[i].name, mp_case_get_time (kase, fields[i].name));
          break;
        default:
          g_assert_not_reached ();
        }
    }

  json_builder_set_member_name (builder, "answers");
  json_builder_begin_object (builder);
  items = mp_case_list_answers (kase);
  for (guint i = 0; i < items->len; i++)
    {
      const MpAnswer *answer = mp_case_get_answer (kase, g_ptr_array_index (items, i));

      json_builder_set_member_name (builder, answer->item);
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "value");
      json_builder_add_string_value (builder, answer->value);
      json_builder_set_member_name (builder, "note");
      if (answer->note != NULL)
        json_builder_add_string_value (builder, answer->note);
      else
        json_builder_add_null_value (builder);
      json_builder_set_member_name (builder, "by");
      json_builder_add_string_value (builder, answer->actor);
      add_time (builder, "at", answer->answered_at);
      json_builder_end_object (builder);
    }
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "deadlines");
  json_builder_begin_array (builder);
  for (guint i = 0; i < g_list_model_get_n_items (deadlines); i++)
    {
      g_autoptr(MpDeadline) deadline = g_list_model_get_item (deadlines, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "kind");
      json_builder_add_string_value (builder, mp_deadline_get_kind (deadline));
      add_time (builder, "due", mp_deadline_get_due_at (deadline));
      add_time (builder, "met", mp_deadline_get_met_at (deadline));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "timeline");
  json_builder_begin_array (builder);
  for (guint i = 0; i < g_list_model_get_n_items (events); i++)
    {
      g_autoptr(MpEvent) event = g_list_model_get_item (events, i);

      json_builder_begin_object (builder);
      add_time (builder, "at", mp_event_get_at (event));
      json_builder_set_member_name (builder, "kind");
      json_builder_add_string_value (builder, mp_event_get_kind (event));
      json_builder_set_member_name (builder, "by");
      json_builder_add_string_value (builder, mp_event_get_actor (event));
      json_builder_set_member_name (builder, "summary");
      json_builder_add_string_value (builder, mp_event_get_summary (event));
      json_builder_set_member_name (builder, "body");
      if (mp_event_get_body (event) != NULL)
        json_builder_add_string_value (builder, mp_event_get_body (event));
      else
        json_builder_add_null_value (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "attachments");
  json_builder_begin_array (builder);
  for (guint i = 0; i < g_list_model_get_n_items (attachments); i++)
    {
      g_autoptr(MpAttachment) attachment = g_list_model_get_item (attachments, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "name");
      json_builder_add_string_value (builder, mp_attachment_get_name (attachment));
      json_builder_set_member_name (builder, "mime_type");
      json_builder_add_string_value (builder, mp_attachment_get_mime_type (attachment));
      json_builder_set_member_name (builder, "size");
      json_builder_add_int_value (builder, mp_attachment_get_size (attachment));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}
