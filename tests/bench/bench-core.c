/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 *
 * The measuring half of build-aux/bench: not a test (no assertions about
 * time), built by meson but not registered. Each mode prints one line per
 * run, "FIGURE MILLISECONDS", which build-aux/bench collects:
 *
 *   bench-core kdf RUNS                 key derivation, test and real parameters
 *   bench-core unlock DB PASSFILE RUNS  unlock + first frame of the case list
 *   bench-core window DB PASSFILE RUNS  unlock + first frame of the whole desk window
 *                                       (case list, overview and calendar filled)
 *   bench-core ui DB PASSFILE RUNS CALENDAR_RUNS [PARTS]
 *                                       search, case page, calendar month; PARTS
 *                                       (comma-separated) runs only some of them
 *   bench-core pdf RUNS                 dossier of a case with 500 timeline entries
 *   bench-core overview DB PASSFILE RUNS showing the overview page: the first time
 *                                       after unlock, and again
 *   bench-core mem DB PASSFILE          unlock into the desk window, quit (peak RSS taken outside)
 *
 * The UI modes need a display (build-aux/bench runs them under xvfb-run).
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>
#include <time.h>

#include "mp-calendar-month.h"
#include "mp-calendar-view.h"
#include "mp-case-list.h"
#include "mp-case-page.h"
#include "mp-hardening.h"
#include "mp-overview-page.h"
#include "mp-policy.h"
#include "mp-report.h"
#include "mp-store.h"
#include "mp-vault.h"
#include "mp-window-private.h"

static double
now_ms (void)
{
  return g_get_monotonic_time () / 1000.0;
}

/* CPU time of the whole process, to tell work from waiting on a busy machine */
static double
cpu_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &ts);
  return ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6;
}

static void
report (const char *figure,
        double      ms)
{
  g_print ("%s %.3f\n", figure, ms);
}

/* A measurement: wall clock, and the process's CPU time, which tells the
 * work from the waiting for a CPU on a shared machine. */
typedef struct
{
  double wall;
  double cpu;
} Timer;

static Timer
timer_start (void)
{
  return (Timer) { now_ms (), cpu_ms () };
}

static double
timer_report (const Timer *timer,
              const char  *figure)
{
  g_autofree char *cpu_figure = g_strconcat (figure, "@cpu", NULL);
  double wall = now_ms () - timer->wall;

  report (figure, wall);
  report (cpu_figure, cpu_ms () - timer->cpu);
  return wall;
}

static char *
read_passphrase (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *text = NULL;

  if (!g_file_get_contents (path, &text, NULL, &error))
    g_error ("%s", error->message);
  g_strchomp (text);
  return text;
}

static MpStore *
open_store (const char *db,
            const char *passphrase,
            double     *unlock_ms)
{
  g_autoptr(GError) error = NULL;
  MpStore *store = mp_store_open (db, &error);
  double t0;

  if (store == NULL)
    g_error ("%s", error->message);
  t0 = now_ms ();
  if (!mp_store_unlock (store, passphrase, &error))
    g_error ("%s", error->message);
  if (unlock_ms != NULL)
    *unlock_ms = now_ms () - t0;
  return store;
}

/* Frames ------------------------------------------------------------------ */

static gboolean painted;
static double frame_requested, frame_started;

static void
layout_cb (GdkFrameClock *clock,
           gpointer       data)
{
  if (frame_started == 0)
    frame_started = now_ms ();
}

/* How long the last wait_frame() waited for the frame clock to start the
 * frame (GDK keeps frames a refresh interval apart). */
static double
frame_clock_wait (void)
{
  return frame_started - frame_requested;
}

static void
after_paint_cb (GdkFrameClock *clock,
                gpointer       data)
{
  painted = TRUE;
}

/* Runs the main loop until @window has drawn a frame. */
static void
wait_frame (GtkWidget *window)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (window);
  gulong id, layout_id;

  painted = FALSE;
  frame_requested = now_ms ();
  frame_started = 0;
  layout_id = g_signal_connect (clock, "layout", G_CALLBACK (layout_cb), NULL);
  id = g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), NULL);
  gtk_widget_queue_draw (window);
  while (!painted)
    g_main_context_iteration (NULL, TRUE);
  g_signal_handler_disconnect (clock, id);
  g_signal_handler_disconnect (clock, layout_id);
}

/* Lets pending work finish and the frame clock go idle, so that the next
 * frame is not held back to keep 60 frames a second. */
static void
settle (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_usleep (40 * 1000);
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static GtkWidget *
new_window (GtkWidget *child)
{
  GtkWidget *window = adw_window_new ();

  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 760);
  adw_window_set_content (ADW_WINDOW (window), child);
  gtk_window_present (GTK_WINDOW (window));
  wait_frame (window);
  return window;
}

static void
init_ui (void)
{
  g_setenv ("GSK_RENDERER", "cairo", FALSE);
  g_setenv ("GDK_BACKEND", "x11", TRUE);
  g_setenv ("NO_AT_BRIDGE", "1", TRUE);
  gtk_init ();
  adw_init ();
}

/* Modes ------------------------------------------------------------------- */

static void
bench_kdf (int runs)
{
  static const char *passphrase = "correct horse battery staple";
  const char *modes[] = { "kdf-test", "kdf-moderate" };

  for (guint m = 0; m < G_N_ELEMENTS (modes); m++)
    {
      g_autoptr(MpVault) vault = mp_vault_new ();
      g_autoptr(MpVaultEnvelope) envelope = NULL;
      g_autoptr(GError) error = NULL;

      if (m == 0)
        g_setenv ("MELDPUNT_TEST_CHEAP_KDF", "1", TRUE);
      else
        g_unsetenv ("MELDPUNT_TEST_CHEAP_KDF");
      envelope = mp_vault_create (vault, passphrase, &error);
      if (envelope == NULL)
        g_error ("%s", error->message);
      for (int i = 0; i < runs; i++)
        {
          g_autoptr(MpVault) other = mp_vault_new ();
          Timer timer = timer_start ();

          if (!mp_vault_unlock (other, passphrase, envelope, &error))
            g_error ("%s", error->message);
          timer_report (&timer, modes[m]);
        }
    }
}

static void
bench_unlock (const char *db,
              const char *passfile,
              int         runs)
{
  g_autofree char *passphrase = read_passphrase (passfile);

  init_ui ();
  for (int i = 0; i < runs; i++)
    {
      g_autoptr(MpStore) store = NULL;
      GtkWidget *list = g_object_new (MP_TYPE_CASE_LIST, NULL);
      GtkWidget *window = new_window (list);
      double unlock_ms, t0;
      Timer timer;

      settle ();
      timer = timer_start ();
      t0 = now_ms ();
      store = open_store (db, passphrase, &unlock_ms);
      mp_case_list_set_model (MP_CASE_LIST (list), mp_store_get_cases (store));
      report ("list-model", now_ms () - t0 - unlock_ms);
      wait_frame (window);
      report ("unlock", unlock_ms);
      timer_report (&timer, "unlock-list");
      if (mp_case_list_get_n_shown (MP_CASE_LIST (list)) == 0)
        g_error ("the case list is empty");
      gtk_window_destroy (GTK_WINDOW (window));
      settle ();
    }
}

/* What the application does after the passphrase is accepted: the window
 * shows the unlock page and builds its desk page while the passphrase is
 * typed; then the store is unlocked (the key derivation is taken off by
 * build-aux/bench), the desk window fills its case list, overview,
 * calendar and agenda, and draws. */
static void
bench_window (const char *db,
              const char *passfile,
              int         runs)
{
  g_autofree char *passphrase = read_passphrase (passfile);

  init_ui ();
  for (int i = 0; i < runs; i++)
    {
      g_autoptr(GError) error = NULL;
      MpWindow *window = mp_window_new (NULL, db);
      GObject *unlock_page = gtk_widget_get_template_child (GTK_WIDGET (window), MP_TYPE_WINDOW,
                                                            "unlock_page");
      MpStore *store = mp_window_get_store (window);
      Timer timer;

      g_assert (unlock_page != NULL && store != NULL);
      gtk_window_set_default_size (GTK_WINDOW (window), 1100, 760);
      gtk_window_present (GTK_WINDOW (window));
      wait_frame (GTK_WIDGET (window));
      settle ();

      timer = timer_start ();
      if (!mp_store_unlock (store, passphrase, &error))
        g_error ("%s", error->message);
      timer_report (&timer, "unlock-store");
      g_signal_emit_by_name (unlock_page, "unlocked");
      wait_frame (GTK_WIDGET (window));
      timer_report (&timer, "unlock-window");
      _mp_window_release_store (window);
      gtk_window_destroy (GTK_WINDOW (window));
      settle ();
    }
}

static void
search (GtkWidget  *window,
        MpCaseList *list,
        GtkWidget  *entry,
        const char *figure,
        const char *needle,
        guint      *n_shown)
{
  g_autofree char *model_figure = g_strconcat (figure, "-model", NULL);
  Timer timer;

  gtk_editable_set_text (GTK_EDITABLE (entry), "");
  g_signal_emit_by_name (entry, "search-changed");
  wait_frame (window);
  settle ();

  /* What a keystroke does once the entry reports it: filter, sort, draw. */
  timer = timer_start ();
  gtk_editable_set_text (GTK_EDITABLE (entry), needle);
  g_signal_emit_by_name (entry, "search-changed");
  *n_shown = mp_case_list_get_n_shown (list);
  timer_report (&timer, model_figure);
  wait_frame (window);
  timer_report (&timer, figure);
  {
    g_autofree char *wait_figure = g_strconcat (figure, "-wait", NULL);

    report (wait_figure, frame_clock_wait ());
  }
}

static void
bench_ui (const char *db,
          const char *passfile,
          int         runs,
          int         calendar_runs,
          const char *parts)
{
  g_auto(GStrv) only = g_strsplit (parts != NULL ? parts : "search,case-page,calendar", ",", -1);
  g_autofree char *passphrase = read_passphrase (passfile);
  g_autoptr(MpStore) store = NULL;
  g_autoptr(MpPolicy) policy = NULL;
  g_autoptr(GListModel) deadlines = NULL;
  GListModel *cases;
  GtkWidget *stack, *window, *entry, *page, *calendar;
  MpCaseList *list;
  guint n_cases, n_shown = 0;
  GDateTime *today;
  double started;
  struct { const char *figure, *needle; } needles[] = {
    { "search-reporter", "jansen" },      /* a reporter's surname */
    { "search-reference", "-0042" },      /* part of a reference */
    { "search-title", "clickjacking" },   /* a word of a title */
    { "search-fulltext", "zqxj" },        /* in no field: every field of every case is read */
  };

  init_ui ();
  store = open_store (db, passphrase, NULL);
  cases = mp_store_get_cases (store);
  n_cases = g_list_model_get_n_items (cases);

  stack = gtk_stack_new ();
  list = g_object_new (MP_TYPE_CASE_LIST, NULL);
  gtk_stack_add_named (GTK_STACK (stack), GTK_WIDGET (list), "list");
  page = g_object_new (MP_TYPE_CASE_PAGE, NULL);
  gtk_stack_add_named (GTK_STACK (stack), page, "case");
  calendar = mp_calendar_view_new ();
  gtk_stack_add_named (GTK_STACK (stack), calendar, "calendar");
  window = new_window (stack);

  mp_case_list_set_model (list, cases);
  mp_case_list_set_filter (list, 4);  /* all cases */
  entry = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (list), MP_TYPE_CASE_LIST,
                                                   "search_entry"));
  g_assert (GTK_IS_EDITABLE (entry));
  wait_frame (window);

  for (guint n = 0; n < G_N_ELEMENTS (needles) && g_strv_contains ((const char * const *) only, "search"); n++)
    for (int i = 0; i < runs; i++)
      {
        search (window, list, entry, needles[n].figure, needles[n].needle, &n_shown);
        if (i == 0)
          g_printerr ("%s: “%s” shows %u of %u cases\n", needles[n].figure, needles[n].needle,
                      n_shown, n_cases);
      }

  /* Opening a case page: cases spread over the desk. */
  gtk_stack_set_visible_child_name (GTK_STACK (stack), "case");
  mp_case_page_set_store (MP_CASE_PAGE (page), store);
  wait_frame (window);
  for (int i = 0; i < runs && g_strv_contains ((const char * const *) only, "case-page"); i++)
    {
      g_autoptr(MpCase) kase = g_list_model_get_item (cases, (guint) (((guint64) n_cases * (2 * i + 1)) / (2 * runs)));
      Timer timer;

      settle ();
      timer = timer_start ();
      mp_case_page_set_case (MP_CASE_PAGE (page), kase);
      wait_frame (window);
      timer_report (&timer, "case-page");
      report ("case-page-wait", frame_clock_wait ());
    }

  /* Switching the calendar month: the model alone, then the view. */
  if (!g_strv_contains ((const char * const *) only, "calendar"))
    calendar_runs = 0;
  policy = mp_store_get_policy (store);
  deadlines = mp_store_list_deadlines (store, NULL, NULL);
  today = g_date_time_new_now_local ();
  for (int i = 0; i < runs && calendar_runs > 0; i++)
    {
      g_autoptr(MpCalendarMonth) month = NULL;
      Timer timer = timer_start ();

      month = mp_calendar_month_new (policy, g_date_time_get_year (today), 1 + (i % 12),
                                     deadlines, g_get_real_time ());
      timer_report (&timer, "calendar-model");
    }
  if (calendar_runs > 0)
    {
      mp_calendar_view_set_store (MP_CALENDAR_VIEW (calendar), store);
      gtk_stack_set_visible_child_name (GTK_STACK (stack), "calendar");
      wait_frame (window);
    }
  /* At most calendar_runs, and no new one after a minute. */
  started = now_ms ();
  for (int i = 0; i < calendar_runs && now_ms () - started < 60000; i++)
    {
      Timer timer;

      settle ();
      timer = timer_start ();
      mp_calendar_view_show_month (MP_CALENDAR_VIEW (calendar), g_date_time_get_year (today),
                                   1 + (i % 12));
      wait_frame (window);
      timer_report (&timer, "calendar-month");
      report ("calendar-month-wait", frame_clock_wait ());
    }
  g_date_time_unref (today);
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
bench_pdf (int runs)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("meldpunt-bench-XXXXXX", &error);
  g_autofree char *db = g_build_filename (dir, "desk.db", NULL);
  g_autofree char *pdf = g_build_filename (dir, "dossier.pdf", NULL);
  g_autoptr(MpStore) store = NULL;
  g_autoptr(MpCase) draft = mp_case_new ();
  g_autoptr(MpCase) kase = NULL;
  MpReportOptions options;
  static const char * const kinds[] = { "note", "reply", "progress-update", "letter" };

  g_setenv ("MELDPUNT_TEST_CHEAP_KDF", "1", TRUE);
  store = mp_store_open (db, &error);
  if (store == NULL || !mp_store_initialise (store, "Bench", "correct horse battery", &error))
    g_error ("%s", error->message);
  mp_store_set_actor (store, "Anna de Vries");
  mp_case_set_text (draft, "title", "Reflected XSS in search field");
  mp_case_set_text (draft, "description", "The q parameter is echoed into the page without escaping.");
  mp_case_set_text (draft, "reporter_name", "Sanne de Vries");
  mp_case_set_text (draft, "reporter_email", "sanne@example.nl");
  kase = mp_store_add_case (store, draft, &error);
  if (kase == NULL || !mp_store_begin_batch (store, &error))
    g_error ("%s", error->message);
  for (int i = 0; i < 500; i++)
    {
      g_autofree char *summary = g_strdup_printf ("Entry %d of the timeline", i + 1);
      g_autofree char *body = g_strdup_printf ("Dear reporter,\n\nThank you for message %d. "
                                               "We looked at the search field again and will "
                                               "report back within ten working days.\n\n"
                                               "Kind regards,\nThe service desk", i + 1);

      if (!mp_store_add_event (store, kase, kinds[i % G_N_ELEMENTS (kinds)], summary, body, &error))
        g_error ("%s", error->message);
    }
  if (!mp_store_end_batch (store, &error))
    g_error ("%s", error->message);

  mp_report_options_init (&options);
  for (int i = 0; i < runs; i++)
    {
      Timer timer = timer_start ();

      if (!mp_report_render_pdf (store, kase, &options, pdf, &error))
        g_error ("%s", error->message);
      timer_report (&timer, "pdf-500");
    }

  g_clear_object (&store);
  g_unlink (pdf);
  g_unlink (db);
  for (const char *suffix = "-wal"; suffix != NULL; suffix = g_str_equal (suffix, "-wal") ? "-shm" : NULL)
    {
      g_autofree char *side = g_strconcat (db, suffix, NULL);

      g_unlink (side);
    }
  g_rmdir (dir);
}

/* Showing the overview page: the first time after unlock (a new store and
 * page each run), then again after a case changed while it was hidden. */
static void
bench_overview (const char *db,
                const char *passfile,
                int         runs)
{
  g_autofree char *passphrase = read_passphrase (passfile);

  init_ui ();
  for (int i = 0; i < runs; i++)
    {
      g_autoptr(MpStore) store = open_store (db, passphrase, NULL);
      GListModel *cases = mp_store_get_cases (store);
      g_autoptr(MpCase) kase = g_list_model_get_item (cases, g_list_model_get_n_items (cases) / 2);
      GtkWidget *stack = gtk_stack_new ();
      GtkWidget *page = g_object_new (MP_TYPE_OVERVIEW_PAGE, NULL);
      GtkWidget *window;
      Timer timer;

      gtk_stack_add_named (GTK_STACK (stack), gtk_label_new ("cases"), "cases");
      gtk_stack_add_named (GTK_STACK (stack), page, "overview");
      window = new_window (stack);
      mp_overview_page_set_store (MP_OVERVIEW_PAGE (page), store);
      settle ();
      timer = timer_start ();
      gtk_stack_set_visible_child_name (GTK_STACK (stack), "overview");
      wait_frame (window);
      timer_report (&timer, "overview-first");

      /* A case changes (as a note added to its timeline does) while the
       * cases are shown; then the overview is shown again. */
      gtk_stack_set_visible_child_name (GTK_STACK (stack), "cases");
      wait_frame (window);
      g_signal_emit_by_name (store, "case-changed", kase);
      settle ();
      timer = timer_start ();
      gtk_stack_set_visible_child_name (GTK_STACK (stack), "overview");
      wait_frame (window);
      timer_report (&timer, "overview");
      gtk_window_destroy (GTK_WINDOW (window));
      settle ();
    }
}

/* Unlocks into the desk window and draws it; the peak RSS is taken outside. */
static void
bench_mem (const char *db,
           const char *passfile)
{
  g_autofree char *passphrase = read_passphrase (passfile);
  g_autoptr(GError) error = NULL;
  MpWindow *window;
  GObject *unlock_page;

  init_ui ();
  window = mp_window_new (NULL, db);
  unlock_page = gtk_widget_get_template_child (GTK_WIDGET (window), MP_TYPE_WINDOW, "unlock_page");
  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 760);
  gtk_window_present (GTK_WINDOW (window));
  wait_frame (GTK_WIDGET (window));
  if (!mp_store_unlock (mp_window_get_store (window), passphrase, &error))
    g_error ("%s", error->message);
  g_signal_emit_by_name (unlock_page, "unlocked");
  wait_frame (GTK_WIDGET (window));
  settle ();
  report ("mem-cases", g_list_model_get_n_items (mp_store_get_cases (mp_window_get_store (window))));
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "");
  if (!mp_hardening_init ())
    g_error ("libsodium did not start");

  if (argc == 3 && g_str_equal (argv[1], "kdf"))
    bench_kdf (atoi (argv[2]));
  else if (argc == 5 && g_str_equal (argv[1], "unlock"))
    bench_unlock (argv[2], argv[3], atoi (argv[4]));
  else if (argc == 5 && g_str_equal (argv[1], "window"))
    bench_window (argv[2], argv[3], atoi (argv[4]));
  else if ((argc == 6 || argc == 7) && g_str_equal (argv[1], "ui"))
    bench_ui (argv[2], argv[3], atoi (argv[4]), atoi (argv[5]), argc == 7 ? argv[6] : NULL);
  else if (argc == 3 && g_str_equal (argv[1], "pdf"))
    bench_pdf (atoi (argv[2]));
  else if (argc == 5 && g_str_equal (argv[1], "overview"))
    bench_overview (argv[2], argv[3], atoi (argv[4]));
  else if (argc == 4 && g_str_equal (argv[1], "mem"))
    bench_mem (argv[2], argv[3]);
  else
    {
      g_printerr ("usage: bench-core kdf RUNS | unlock DB PASSFILE RUNS | window DB PASSFILE RUNS | ui DB PASSFILE RUNS CALENDAR_RUNS [PARTS]"
                  " | pdf RUNS | overview DB PASSFILE RUNS | mem DB PASSFILE\n");
      return 2;
    }
  return 0;
}
