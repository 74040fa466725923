/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 */
#pragma once

#include <json-glib/json-glib.h>

#include "mp-store.h"

G_BEGIN_DECLS

#define MP_CASE_JSON_ERROR (mp_case_json_error_quark ())

typedef enum
{
  MP_CASE_JSON_ERROR_SYNTAX,
  MP_CASE_JSON_ERROR_MISSING,
  MP_CASE_JSON_ERROR_INVALID,
} MpCaseJsonError;

GQuark   mp_case_json_error_quark (void);

/* Reads a new case from JSON (see README "Adding a case from JSON") into a
 * draft for mp_store_add_case(). Unknown keys and wrong types are refused
 * with the key's name. Returns: (transfer full) */
MpCase  *mp_case_json_parse_draft (const char  *data,
                                   gssize       length,
                                   GError     **error);

/* The whole case as JSON: every field of mp_case_get_fields(), answers,
 * deadlines and timeline. Returns: (transfer full) */
JsonNode *mp_case_json_build      (MpStore     *store,
                                   MpCase      *kase,
                                   GError     **error);

G_END_DECLS
