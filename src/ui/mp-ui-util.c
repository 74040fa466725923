/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "mp-error.h"
#include "mp-format.h"
#include "mp-parse.h"
#include "mp-policy.h"
#include "mp-ui-util.h"
#include "mp-vocabulary.h"

const char *
mp_ui_status_label (const char *status)
{
  return mp_vocabulary_get_label (MP_VOCABULARY_STATUS, status);
}

const char *
mp_ui_deadline_label (const char *kind)
{
  return mp_vocabulary_get_label (MP_VOCABULARY_DEADLINE_KIND, kind);
}

const char *
mp_ui_event_kind_label (const char *kind)
{
  return mp_vocabulary_get_label (MP_VOCABULARY_EVENT_KIND, kind);
}

char *
mp_ui_format_due (gint64    due,
                  gint64    now,
                  gboolean *overdue)
{
  gint64 diff = due - now;
  gint64 hours = ABS (diff) / G_USEC_PER_SEC / 3600;
  gint64 days = hours / 24;
  gboolean late = diff < 0;

  if (overdue != NULL)
    *overdue = late;

  if (!late)
    {
      if (hours < 1)
        return g_strdup (_("due within the hour"));
      if (hours < 24)
        return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "due in %d hour", "due in %d hours",
                                             (gulong) hours), (int) hours);
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "due in %d day", "due in %d days",
                                           (gulong) days), (int) days);
    }
  if (hours < 24)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d hour overdue", "%d hours overdue",
                                         (gulong) MAX (hours, 1)), (int) MAX (hours, 1));
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d day overdue", "%d days overdue",
                                       (gulong) days), (int) days);
}

const char *
mp_ui_language (void)
{
  /* what gettext picked for the interface, not the reporter's language */
  const char *translated = _("translator-credits");

  return g_strcmp0 (translated, "translator-credits") != 0 &&
         g_str_has_prefix (g_get_language_names ()[0], "nl") ? "nl" : "en";
}

char *
mp_ui_format_cents (gint64 cents)
{
  return mp_format_amount_cents (cents, NULL, mp_ui_language ());
}

char *
mp_ui_format_time (gint64 usec)
{
  if (usec == 0)
    return g_strdup ("");
  return mp_format_date_time (usec, mp_desk_context_get_timezone (mp_ui_get_desk_context ()),
                              mp_ui_language ());
}

MpDeskContext *
mp_ui_get_desk_context (void)
{
  static MpDeskContext *desk;

  /* One desk is open at a time; until one is, the default zone. */
  if (g_once_init_enter (&desk))
    g_once_init_leave (&desk, mp_desk_context_new (NULL));
  return desk;
}

void
mp_ui_follow_desk_policy (MpStore *store)
{
  g_autoptr(MpPolicy) policy = NULL;

  g_return_if_fail (MP_IS_STORE (store));

  policy = mp_store_get_policy (store);
  mp_desk_context_set_timezone (mp_ui_get_desk_context (), policy->timezone);
}

char *
mp_ui_today (void)
{
  return mp_desk_context_dup_today (mp_ui_get_desk_context ());
}

gboolean
mp_ui_parse_date (const char *text,
                  gint64     *usec_start_of_day)
{
  GDate date;
  gint64 start;

  if (!mp_date_parse (text, &date))
    return FALSE;
  start = mp_desk_context_start_of_date (mp_ui_get_desk_context (), &date);
  if (start == 0)
    return FALSE;
  if (usec_start_of_day != NULL)
    *usec_start_of_day = start;
  return TRUE;
}

GSettings *
mp_ui_get_settings (void)
{
  static GSettings *settings;
  static gboolean looked;

  if (!looked)
    {
      GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
      g_autoptr(GSettingsSchema) schema = NULL;

      looked = TRUE;
      if (source != NULL)
        schema = g_settings_schema_source_lookup (source, APPLICATION_ID, TRUE);
      if (schema != NULL)
        settings = g_settings_new (APPLICATION_ID);
    }
  return settings;
}

void
mp_ui_toast (GtkWidget  *widget,
             const char *message)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (widget, ADW_TYPE_TOAST_OVERLAY);
  AdwToast *toast;

  if (overlay == NULL)
    {
      GtkRoot *root = gtk_widget_get_root (widget);
      GtkWindow *parent = NULL;

      /* A window itself: its own overlay; else the one of its parent. */
      if (GTK_IS_WINDOW (root))
        parent = GTK_WIDGET (root) == widget ? GTK_WINDOW (root)
                                             : gtk_window_get_transient_for (GTK_WINDOW (root));

      if (parent == NULL)
        return;
      widget = GTK_WIDGET (parent);
      overlay = gtk_widget_get_first_child (widget);
      while (overlay != NULL && !ADW_IS_TOAST_OVERLAY (overlay))
        overlay = gtk_widget_get_first_child (overlay);
      if (overlay == NULL)
        return;
    }
  toast = adw_toast_new (message);
  adw_toast_set_timeout (toast, 3);
  adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
}

const char *
mp_ui_check_email (const char *text)
{
  static GRegex *regex;

  if (text == NULL || *text == '\0')
    return NULL;
  if (regex == NULL)
    regex = g_regex_new ("^[^@\\s]+@[^@\\s]+\\.[^@\\s.]{2,}$", G_REGEX_OPTIMIZE, 0, NULL);
  if (!g_regex_match (regex, text, 0, NULL))
    return _("This does not look like an e-mail address (name@example.org).");
  return NULL;
}

static gboolean
is_plausible_host (const char *host)
{
  static GRegex *regex;

  if (regex == NULL)
    regex = g_regex_new ("^([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.)+[A-Za-z]{2,63}\\.?$",
                         G_REGEX_OPTIMIZE, 0, NULL);
  return g_hostname_is_ip_address (host) || g_regex_match (regex, host, 0, NULL);
}

const char *
mp_ui_check_asset (const char *text)
{
  g_auto(GStrv) parts = NULL;

  if (text == NULL || *text == '\0')
    return NULL;

  /* Several systems may be listed, separated by commas or spaces. */
  parts = g_regex_split_simple ("[,\\s]+", text, 0, 0);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      const char *part = parts[i];
      g_autofree char *host = NULL;

      if (*part == '\0')
        continue;
      if (strstr (part, "://") != NULL)
        {
          g_autoptr(GUri) uri = g_uri_parse (part, G_URI_FLAGS_NONE, NULL);

          if (uri == NULL || g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0')
            return _("This URL cannot be read; write it as https://host.example/path.");
          host = g_strdup (g_uri_get_host (uri));
        }
      else
        {
          const char *slash = strchr (part, '/');
          const char *colon = strrchr (part, ':');

          host = g_strndup (part, slash != NULL ? (gsize) (slash - part) : strlen (part));
          /* a CIDR range stays whole; host:port loses its port */
          if (slash != NULL && g_hostname_is_ip_address (host))
            continue;
          if (colon != NULL && strchr (host, ':') == colon && (slash == NULL || colon < slash))
            host[colon - part] = '\0';
        }
      if (!is_plausible_host (host))
        return _("Name a URL, host name or IP address, such as https://www.example.org or 192.0.2.10.");
    }
  return NULL;
}

/* The search text of a case, kept on the case itself so that a keystroke
 * in the search field does not case-fold eight fields of every case again
 * (issue 12), and made again after any change to the case.
 *
 * One string per case holds every field folded (an ASCII field in lower
 * case, another case-folded), so that a keystroke is one strstr () per
 * case: searching the eight fields where they are, in any case, was 90 ms
 * of a keystroke at 100,000 cases, most of it going from field to field
 * (issue 26). */
typedef struct
{
  guint changes;    /* mp_case_get_changes() when it was made */
  char  folded[];   /* the fields folded, each ending in \x01 */
} SearchText;

static const char * (* const search_fields[]) (MpCase *) = {
  mp_case_get_reference, mp_case_get_title, mp_case_get_reporter_name,
  mp_case_get_reporter_email, mp_case_get_asset, mp_case_get_description,
  mp_case_get_impact, mp_case_get_reproduction,
};

static GQuark
folded_quark (void)
{
  static GQuark quark;

  if (G_UNLIKELY (quark == 0))
    quark = g_quark_from_static_string ("mp-ui-folded-search-text");
  return quark;
}

static const SearchText *
get_search_text (MpCase *kase)
{
  const SearchText *cached = g_object_get_qdata (G_OBJECT (kase), folded_quark ());
  g_autoptr(GString) folded = NULL;
  SearchText *text;

  if (cached != NULL && cached->changes == mp_case_get_changes (kase))
    return cached;

  /* Fields end in a control character that a search never holds, so that
   * a needle cannot match across two fields. */
  folded = g_string_new (NULL);
  for (guint i = 0; i < G_N_ELEMENTS (search_fields); i++)
    {
      const char *value = search_fields[i] (kase);

      if (value == NULL || *value == '\0')
        continue;
      if (g_str_is_ascii (value))
        {
          gsize start = folded->len;

          g_string_append (folded, value);
          for (gsize j = start; j < folded->len; j++)
            folded->str[j] = g_ascii_tolower (folded->str[j]);
        }
      else
        {
          g_autofree char *part = g_utf8_casefold (value, -1);

          g_string_append (folded, part);
        }
      g_string_append_c (folded, '\x01');
    }
  /* Counted: a case list keeps it too (mp_ui_case_matches_key ()). */
  text = g_atomic_rc_box_alloc (sizeof (SearchText) + folded->len + 1);
  text->changes = mp_case_get_changes (kase);
  memcpy (text->folded, folded->str, folded->len + 1);
  g_object_set_qdata_full (G_OBJECT (kase), folded_quark (), text, g_atomic_rc_box_release);
  return text;
}

/**
 * mp_ui_case_prepare_search:
 *
 * Folds the search text of @kase now, so that the first search need not.
 */
void
mp_ui_case_prepare_search (MpCase *kase)
{
  get_search_text (kase);
}

/**
 * mp_ui_case_matches:
 * @needle: (nullable): what was searched for, case-folded
 *
 * Returns: whether one of the fields of @kase holds @needle, in any case
 */
gboolean
mp_ui_case_matches (MpCase     *kase,
                    const char *needle)
{
  if (needle == NULL || *needle == '\0')
    return TRUE;
  return strstr (get_search_text (kase)->folded, needle) != NULL;
}

/**
 * mp_ui_case_matches_key:
 * @key: (inout): where the caller keeps the search text of @kase for it
 *   (NULL at first; free with mp_ui_case_search_key_free())
 * @needle: (nullable): what was searched for, case-folded
 *
 * mp_ui_case_matches () without looking the search text up on the case:
 * a look-up of an object's data takes a lock, and at 100,000 cases that
 * was half of a keystroke (issue 26).
 */
gboolean
mp_ui_case_matches_key (MpCase     *kase,
                        gpointer   *key,
                        const char *needle)
{
  SearchText *text = *key;

  if (needle == NULL || *needle == '\0')
    return TRUE;
  if (text == NULL || text->changes != mp_case_get_changes (kase))
    {
      g_clear_pointer (key, g_atomic_rc_box_release);
      text = *key = g_atomic_rc_box_acquire ((SearchText *) get_search_text (kase));
    }
  return strstr (text->folded, needle) != NULL;
}

void
mp_ui_case_search_key_free (gpointer key)
{
  if (key != NULL)
    g_atomic_rc_box_release (key);
}

static guint clipboard_seconds = 30;
/* The confidential copy on the clipboard now, if any (weak). */
static GdkContentProvider *confidential_provider;
/* How many copies wait to be cleared (for tests). */
static guint clipboard_timers;

typedef struct
{
  GdkClipboard       *clipboard;
  GdkContentProvider *provider;
} ClipboardCopy;

static void
clipboard_copy_free (gpointer data)
{
  ClipboardCopy *copy = data;

  g_object_unref (copy->clipboard);
  g_object_unref (copy->provider);
  g_free (copy);
  clipboard_timers--;
}

static gboolean
clear_clipboard_cb (gpointer data)
{
  ClipboardCopy *copy = data;

  /* Only our own copy: whatever was copied since stays. */
  if (gdk_clipboard_get_content (copy->clipboard) == copy->provider)
    gdk_clipboard_set_content (copy->clipboard, NULL);
  return G_SOURCE_REMOVE;
}

void
mp_ui_copy_confidential (GtkWidget  *widget,
                         const char *text)
{
  static const char hint[] = "secret";
  g_autoptr(GBytes) hint_bytes = g_bytes_new_static (hint, sizeof hint - 1);
  GdkContentProvider *providers[2];
  ClipboardCopy *copy;

  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (text != NULL);

  /* The hint tells clipboard managers (KDE's Klipper, GNOME extensions
   * that honour it) not to keep the text in their history. */
  providers[0] = gdk_content_provider_new_typed (G_TYPE_STRING, text);
  providers[1] = gdk_content_provider_new_for_bytes ("x-kde-passwordManagerHint", hint_bytes);
  copy = g_new0 (ClipboardCopy, 1);
  copy->clipboard = g_object_ref (gtk_widget_get_clipboard (widget));
  copy->provider = gdk_content_provider_new_union (providers, G_N_ELEMENTS (providers));
  gdk_clipboard_set_content (copy->clipboard, copy->provider);
  g_set_weak_pointer (&confidential_provider, copy->provider);
  clipboard_timers++;
  g_timeout_add_seconds_full (G_PRIORITY_DEFAULT, clipboard_seconds, clear_clipboard_cb, copy,
                              clipboard_copy_free);
}

void
mp_ui_forget_confidential (GtkWidget *widget)
{
  GdkClipboard *clipboard;

  g_return_if_fail (GTK_IS_WIDGET (widget));

  clipboard = gtk_widget_get_clipboard (widget);
  if (confidential_provider != NULL &&
      gdk_clipboard_get_content (clipboard) == confidential_provider)
    gdk_clipboard_set_content (clipboard, NULL);
}

void
_mp_ui_set_clipboard_seconds (guint seconds)
{
  clipboard_seconds = seconds;
}

guint
_mp_ui_get_clipboard_timers (void)
{
  return clipboard_timers;
}

GBytes *
mp_ui_load_attachment (GFile   *file,
                       GError **error)
{
  g_autoptr(GFileInfo) info = NULL;
  g_autofree char *name = NULL;
  const char *path;
  guint64 size;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE, G_FILE_QUERY_INFO_NONE, NULL,
                            error);
  if (info == NULL)
    return NULL;
  size = (guint64) g_file_info_get_size (info);
  if (size > MP_STORE_MAX_ATTACHMENT)
    {
      g_autofree char *shown = g_format_size_full (size, G_FORMAT_SIZE_IEC_UNITS);
      g_autofree char *limit = g_format_size_full (MP_STORE_MAX_ATTACHMENT,
                                                   G_FORMAT_SIZE_IEC_UNITS);

      name = g_file_get_basename (file);
      g_set_error (error, MP_STORE_ERROR, MP_STORE_ERROR_INVALID,
                   _("“%s” is %s; an attachment can be at most %s. Keep a large file elsewhere "
                     "and note in the case where it is."), name, shown, limit);
      return NULL;
    }
  /* A large proof need not be copied into memory to be sealed. */
  path = g_file_peek_path (file);
  if (path != NULL && size > 0)
    {
      g_autoptr(GMappedFile) mapped = g_mapped_file_new (path, FALSE, NULL);

      if (mapped != NULL)
        return g_mapped_file_get_bytes (mapped);
    }
  return g_file_load_bytes (file, NULL, NULL, error);
}

/* ---- recently used files -------------------------------------------------- */

static GHashTable *kept_out_of_recent;

static void
forget_kept_out (GtkRecentManager *manager)
{
  GHashTableIter iter;
  gpointer uri;

  g_hash_table_iter_init (&iter, kept_out_of_recent);
  while (g_hash_table_iter_next (&iter, &uri, NULL))
    if (gtk_recent_manager_has_item (manager, uri))
      gtk_recent_manager_remove_item (manager, uri, NULL);
}

/* Every manager's "changed": the manager has just written its list (its
 * own handler runs first), and the removal is written with the next one,
 * a moment later. */
static gboolean
recent_changed_hook (GSignalInvocationHint *hint,
                     guint                  n_values,
                     const GValue          *values,
                     gpointer               user_data)
{
  GObject *manager = g_value_get_object (&values[0]);

  if (GTK_IS_RECENT_MANAGER (manager))
    forget_kept_out (GTK_RECENT_MANAGER (manager));
  return TRUE;
}

void
mp_ui_keep_out_of_recent (GFile *file)
{
  GtkRecentManager *manager = gtk_recent_manager_get_default ();

  g_return_if_fail (G_IS_FILE (file));

  if (kept_out_of_recent == NULL)
    {
      kept_out_of_recent = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      g_signal_add_emission_hook (g_signal_lookup ("changed", GTK_TYPE_RECENT_MANAGER), 0,
                                  recent_changed_hook, NULL, NULL);
    }
  g_hash_table_add (kept_out_of_recent, g_file_get_uri (file));
  forget_kept_out (manager);
}

void
mp_ui_keep_all_out_of_recent (GListModel *files)
{
  g_return_if_fail (G_IS_LIST_MODEL (files));

  for (guint i = 0; i < g_list_model_get_n_items (files); i++)
    {
      g_autoptr(GFile) file = g_list_model_get_item (files, i);

      mp_ui_keep_out_of_recent (file);
    }
}
