#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright 2026 The Meldpunt developers
"""End to end: the built `meldpunt` used as a person uses it, through real
key presses and clicks (see e2e.py). Usage, under an X display:

  test-e2e.py BUILDDIR SRCDIR LANG [SCENARIO…]

Prints TAP; each scenario runs its own application on its own desk.
"""

import gettext
import json
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import e2e  # noqa: E402
from e2e import E2EFailure, key, log, type_text, wait_until  # noqa: E402

ORGANISATION = "ICT Teamwork"
T = None


def tr(msgid):
    """What the window shows for msgid in the run's language, without the
    mnemonic's underscore."""
    return T.gettext(msgid).replace("_", "")


def create_desk(app):
    """The welcome page: organisation, passphrase twice, Create Desk."""
    org = app.wait_for("text", tr("Organisation"), what="the welcome page's Organisation field")
    app.screenshot("welcome")
    app.type_into(org, ORGANISATION)
    app.type_into(app.wait_for("text", tr("Passphrase")), e2e.PASSPHRASE, secret=True)
    app.type_into(app.wait_for("text", tr("Passphrase Again")), e2e.PASSPHRASE, secret=True)
    app.screenshot("welcome-filled")
    app.click_wait("label", tr("_Create Desk"))
    wait_desk(app)
    app.screenshot("desk-created")


def wait_desk(app):
    return app.wait_for("push button", tr("New Report"),
                        what="the unlocked desk (its New Report button)")


def unlock(app, passphrase=e2e.PASSPHRASE):
    field = app.wait_for("text", tr("Passphrase"), what="the unlock page's passphrase field")
    app.type_into(field, passphrase, secret=True)
    key("Return")


def scenario_desk(app):
    """1. Create a desk by typing; lock with Ctrl+L; a wrong passphrase shows
    its message and keeps what was typed; the right one and Enter unlock."""
    app.start()
    create_desk(app)

    app.pointer_to_window()
    key("ctrl+l")
    locked_title = tr("%s Desk Locked") % ORGANISATION
    app.wait_for("label", locked_title, what=f"the unlock page ({locked_title!r}) after Ctrl+L")
    app.screenshot("locked")

    unlock(app, "not the passphrase")
    message = tr("The passphrase is not correct.")
    app.wait_for("label", message, what=f"the wrong passphrase's message {message!r}")
    field = app.wait_for("text", tr("Passphrase"))
    # Nothing typed is lost: the field still holds it (as dots).
    if len(e2e.text_of(field)) != len("not the passphrase"):
        raise E2EFailure(f"the passphrase field holds {len(e2e.text_of(field))} characters "
                         "after the wrong passphrase, not the 18 typed")
    app.screenshot("wrong-passphrase")

    # Select what is there and type the right one over it.
    app.click(field)
    key("ctrl+a")
    type_text(e2e.PASSPHRASE)
    key("Return")
    wait_desk(app)
    app.screenshot("unlocked")
    app.quit()


def open_desk(app):
    """A desk made by meldpunt-cli, unlocked by typing its passphrase."""
    app.cli("init", "--organisation", ORGANISATION)
    app.start()
    unlock(app)
    return wait_desk(app)


REPORT = {
    "title": "Reflected XSS in the portal search",
    "name": "Jan de Vries",
    "email": "jan@example.org",
    "asset": "portal.example.org",
    "description": "The q parameter of /search is echoed without escaping.",
}


def field(app, msgid, root=None):
    """A text field by its title; a text view names itself twice (its own
    label and the one it is described by)."""
    label = tr(msgid)
    return app.wait_for("text", root=root,
                        pred=lambda a: e2e.name_of(a) in (label, f"{label} {label}"),
                        what=f"the text field {label!r}")


def log_report(app, report=REPORT, shortcut=True):
    """The intake dialog through Ctrl+N (or the + button): type, Log Report."""
    if shortcut:
        app.pointer_to_window()
        key("ctrl+n")
    else:
        app.click_wait("push button", tr("New Report"))
    title = app.wait_for("text", tr("Short title"), what="the intake dialog's title field")
    dialog = app.frame_of(title)
    app.type_into(title, report["title"])
    app.type_into(field(app, "Name or pseudonym", dialog), report["name"])
    app.type_into(field(app, "E-mail address", dialog), report["email"])
    app.type_into(field(app, "Affected system (URL, host name or IP address)", dialog),
                  report["asset"])
    app.type_into(field(app, "Description", dialog), report["description"])
    app.screenshot("intake-filled")
    app.click_wait("label", tr("_Log Report"), root=dialog)
    app.wait_gone("text", tr("Short title"), what="the intake dialog to close after Log Report")


def row_of(app, reference):
    """The case list's row of a reference (its accessible label starts with it)."""
    return app.wait_for(pred=lambda a: e2e.name_of(a).startswith(reference + ","),
                        what=f"the case list's row of {reference}")


def scenario_intake(app):
    """2. Log a report through the intake dialog: it shows in the list."""
    open_desk(app)
    app.screenshot("unlocked")
    log_report(app)
    row = row_of(app, "CVD-2026-0001")
    if REPORT["title"] not in e2e.name_of(row):
        raise E2EFailure(f"the row says {e2e.name_of(row)!r}, not the typed title")
    app.screenshot("logged")
    # A second one through the + button.
    second = dict(REPORT, title="Open directory listing on the intranet",
                  asset="intranet.example.org")
    log_report(app, second, shortcut=False)
    row_of(app, "CVD-2026-0002")
    app.screenshot("logged-second")
    app.quit()
    cases = app.cli_json("case", "list", "--status", "all", "--json")
    titles = sorted(c["title"] for c in cases)
    if titles != sorted([REPORT["title"], second["title"]]):
        raise E2EFailure(f"the desk holds {titles} after the app quit")
    shown = app.cli_json("case", "show", "CVD-2026-0001", "--json")
    for field, typed in (("reporter_name", REPORT["name"]), ("reporter_email", REPORT["email"]),
                         ("asset", REPORT["asset"]), ("description", REPORT["description"])):
        if shown.get(field) != typed:
            raise E2EFailure(f"{field} is {shown.get(field)!r}, typed {typed!r}")


def open_chooser(app):
    """Ctrl+I: the import chooser (GTK's own dialog, GTK 4.8 calls it a filler)."""
    app.pointer_to_window()
    key("ctrl+i")
    title = tr("Import E-mail")
    chooser = wait_until(lambda: next((f for f in app.frames() if e2e.name_of(f) == title), None),
                         f"the file chooser {title!r} after Ctrl+I")
    app.pointer_to_window(chooser)
    return chooser


def chooser_location(app, chooser, path):
    """Ctrl+L in the chooser, the path typed, Enter."""
    key("ctrl+l")
    app.wait_for("text", pred=lambda a: "FileChooserEntry" in e2e.name_of(a)
                 or a.get_role_name() == "text", root=chooser,
                 what="the chooser's location field after Ctrl+L")
    type_text(path)
    key("Return")


def scenario_import(app):
    """3. Import an .eml through the file chooser: Ctrl+I, Ctrl+L, the path."""
    open_desk(app)
    chooser = open_chooser(app)
    app.screenshot("chooser")
    eml = os.path.join(app.srcdir, "tests", "exchange", "eml", "outlook-latin1.eml")
    chooser_location(app, chooser, eml)
    wait_until(lambda: chooser not in app.frames(), "the chooser to close after Enter")
    row = row_of(app, "CVD-2026-0001")
    title = "Lek in inlogpagina € account-enumeratie"
    if title not in e2e.name_of(row):
        raise E2EFailure(f"the imported case's row says {e2e.name_of(row)!r}, not {title!r}")
    app.screenshot("imported")
    app.quit()
    shown = app.cli_json("case", "show", "CVD-2026-0001", "--json")
    if shown["title"] != title or shown.get("channel") != "email":
        raise E2EFailure(f"the imported case reads {shown['title']!r} by {shown.get('channel')!r}")


def cli_add(app, title, answer=True):
    # A host and an address of its own: no case is offered as another's
    # duplicate (that group would appear on the case page while it is used).
    slug = "-".join(title.lower().split()[:4])
    case = {"title": title, "received_at": "2026-11-20T09:15:00+01:00", "channel": "email",
            "asset": f"https://{slug}.example.nl/", "reporter_name": "Cli Reporter",
            "reporter_email": f"{slug}@example.org",
            "description": f"Added by meldpunt-cli beside the window: {title}."}
    ref = app.cli("case", "add", input=json.dumps(case)).stdout.strip()
    log(f"meldpunt-cli added {ref} {title!r}")
    if answer:
        app.cli("case", "answer", ref, "intake.complete", "yes")
        log(f"meldpunt-cli answered intake.complete of {ref}")
    return ref


def scenario_concurrency(app):
    """5. The window and meldpunt-cli write to the same desk while the
    window's file chooser browses the desk's folder: nothing is lost."""
    open_desk(app)
    cli_titles = []
    window_titles = []

    def cli_writes(n):
        for _ in range(n):
            title = f"Case {len(cli_titles) + 1} from the command line"
            cli_add(app, title)
            cli_titles.append(title)

    def window_writes():
        title = f"Case {len(window_titles) + 1} typed in the window"
        log_report(app, dict(REPORT, title=title))
        app.wait_for(pred=lambda a: title in e2e.name_of(a) and e2e.name_of(a).startswith("CVD-"),
                     what=f"the case list's row of {title!r}")
        window_titles.append(title)

    cli_writes(2)
    window_writes()
    # The window's own file chooser in the desk's folder: GTK reads the
    # files there (desk.db among them) to learn their types.
    chooser = open_chooser(app)
    folder = os.path.dirname(app.db)
    chooser_location(app, chooser, folder + "/")
    app.wait_for("label", os.path.basename(folder), root=chooser,
                 what=f"the chooser's path bar to show {os.path.basename(folder)!r}")
    cli_writes(1)
    app.screenshot("chooser-in-desk-folder")
    app.click_wait("label", tr("_Cancel"), root=chooser)
    wait_until(lambda: chooser not in app.frames(), "the chooser to close after Cancel")
    cli_writes(2)
    window_writes()
    cli_writes(1)
    window_writes()
    app.screenshot("after-writes")
    app.quit()

    cases = app.cli_json("case", "list", "--status", "all", "--json")
    refs = [c["reference"] for c in cases]
    titles = sorted(c["title"] for c in cases)
    problems = []
    if len(set(refs)) != len(refs):
        problems.append(f"duplicated references: {sorted(refs)}")
    expected = sorted(cli_titles + window_titles)
    if titles != expected:
        missing = sorted(set(expected) - set(titles))
        extra = sorted(set(titles) - set(expected))
        problems.append(f"cases lost: {missing}; unexpected: {extra}")
    for c in cases:
        if c["title"] in cli_titles:
            shown = app.cli_json("case", "show", c["reference"], "--json")
            answers = shown.get("answers")
            items = ([a.get("item") for a in answers] if isinstance(answers, list)
                     else list(answers or {}))
            if "intake.complete" not in items:
                problems.append(f"{c['reference']} lost its answer intake.complete")
    audit = app.cli("audit", "verify", check=False)
    if audit.returncode != 0 or not audit.stdout.startswith("ok "):
        problems.append(f"audit verify: {audit.stdout.strip()} {audit.stderr.strip()}")
    if problems:
        raise E2EFailure("the desk after both processes wrote to it:\n" + "\n".join(problems))


METHODS = ["Social engineering used?", "Physical attack used?", "Denial of service used?",
           "Spam sent?", "Malware placed?", "Backdoor placed?", "Data handled beyond need?",
           "Unrelated changes made?", "Third-party applications attacked?"]


ITEM_ROLES = ("panel", "combo box", "text")


def item_widget(app, msgid, widgets=None):
    """The answer widget of a checklist item: it carries the item's question."""
    if widgets is not None and msgid in widgets:
        return widgets[msgid]
    label = tr(msgid)
    return app.wait_for(name=label, pred=lambda a: e2e.role_of(a) in ITEM_ROLES,
                        what=f"the checklist item {label!r}")


def item_widgets(app, msgids):
    """The answer widgets of several items, found in one look at the window."""
    labels = {tr(m): m for m in msgids}
    found = {}

    def look():
        for acc in app.find_all(pred=lambda a: e2e.name_of(a) in labels
                                and e2e.role_of(a) in ITEM_ROLES):
            found.setdefault(labels[e2e.name_of(acc)], acc)
        return len(found) == len(msgids)
    wait_until(look, f"the checklist items {sorted(labels)}")
    return found


def pressed(acc):
    return (e2e.has_state(acc, e2e.Atspi.StateType.CHECKED)
            or e2e.has_state(acc, e2e.Atspi.StateType.PRESSED))


def answer_toggle(app, msgid, answer, widgets=None):
    """Clicks Yes, No or Unknown beside a question."""
    # The page lays itself out again after an answer (a finished step folds,
    # the focus moves on): a click that met a row still moving is made
    # again, at the place the row has now, as a person would.
    for attempt in range(3):
        box = item_widget(app, msgid, widgets if attempt == 0 else None)
        button = next((c for c in e2e.children(box) if e2e.name_of(c) == tr(answer)), None)
        if button is None:
            raise E2EFailure(f"no {tr(answer)!r} beside {tr(msgid)!r}")
        app.click(button)
        try:
            wait_until(lambda: pressed(button),
                       f"{tr(answer)!r} beside {tr(msgid)!r} to be pressed in",
                       timeout=10 if attempt < 2 else e2e.TIMEOUT)
            return
        except E2EFailure:
            if attempt == 2:
                raise
            log(f"{tr(answer)!r} beside {tr(msgid)!r} not pressed yet: clicking again")


def answer_choice(app, msgid, position, choice, widgets=None):
    """Opens a question's drop-down and picks its position-th choice with
    the keyboard (the first entry is "Not answered")."""
    combo = item_widget(app, msgid, widgets)
    # The drop-down's button shows the chosen answer; its popover (the
    # other child) keeps the labels of every choice.
    button = next(c for c in e2e.children(combo) if e2e.role_of(c) == "push button")
    app.click(combo)
    wait_until(lambda: pressed(button), f"the choices of {tr(msgid)!r} to pop up")
    # Home first: the list keeps the place it had when it was last open.
    key("Home", *(["Down"] * position), "Return")
    shown = T.pgettext("checklist", choice)
    wait_until(lambda: not pressed(button) and shown in e2e.text_of_deep(button),
               f"{tr(msgid)!r} to show the chosen answer {shown!r}")


def answer_scope(app, outcome_position, outcome, reason=None):
    """The scope step: our system, no forbidden methods, no personal data,
    not known before, the outcome, the rules followed."""
    widgets = item_widgets(app, ["Is the report complete?"])
    answer_toggle(app, "Is the report complete?", "Yes", widgets)
    widgets = item_widgets(app, ["Whose system is affected?", *METHODS,
                                 "Personal or payment data received?",
                                 "Was the problem known before?", "Outcome of the scope check",
                                 "Were the rules followed?"])
    answer_choice(app, "Whose system is affected?", 1, "Ours", widgets)
    for method in METHODS:
        answer_toggle(app, method, "No", widgets)
    answer_toggle(app, "Personal or payment data received?", "No", widgets)
    answer_choice(app, "Was the problem known before?", 1, "Not known before", widgets)
    # Before the outcome, while the step is open: the desk derives "rules
    # followed" from the methods' answers; click Yes only if it is not in yet.
    rules = item_widget(app, "Were the rules followed?", widgets)
    yes = next((c for c in e2e.children(rules) if e2e.name_of(c) == tr("Yes")), None)
    if yes is not None and not pressed(yes):
        answer_toggle(app, "Were the rules followed?", "Yes", widgets)
    answer_choice(app, "Outcome of the scope check", outcome_position, outcome, widgets)
    if reason is not None:
        field = item_widget(app, "Reason for the outcome")
        app.type_into(field, reason)
        key("Return")


def mark_sent(app):
    """The letter of the current step: Mark as Sent."""
    app.click_wait("label", tr("Mark as _Sent"), what="the letter's Mark as Sent button")


def scenario_checklist(app):
    """4. The scope step answered on the case page; the acknowledgement
    marked as sent; a second case walked to its closure."""
    app.cli("init", "--organisation", ORGANISATION)
    in_scope = cli_add(app, "Stored XSS in the contact form", answer=False)
    closing = cli_add(app, "Server banner shows its version", answer=False)
    app.start()
    unlock(app)
    wait_desk(app)

    app.click(row_of(app, in_scope))
    answer_scope(app, 1, "In scope")
    app.screenshot("scope-answered")
    mark_sent(app)
    app.wait_for(pred=lambda a: e2e.name_of(a).startswith(in_scope + ",")
                 and tr("Assessment") in e2e.name_of(a),
                 what=f"{in_scope}'s row to say it is in the assessment")
    app.screenshot("acknowledged")

    app.click(row_of(app, closing))
    app.wait_for("label", "Server banner shows its version",
                 what=f"the case page to show {closing}")
    answer_scope(app, 4, "Not a vulnerability", "The version alone is no vulnerability.")
    app.screenshot("closure-step")
    mark_sent(app)
    closed_on = item_widget(app, "Closed on")
    app.type_into(closed_on, time.strftime("%Y-%m-%d"))
    key("Return")
    # The list shows open cases: the closed one leaves it.
    wait_until(lambda: app.find(pred=lambda a: e2e.name_of(a).startswith(closing + ",")) is None,
               f"{closing} to leave the list of open cases once closed")
    app.screenshot("closed")
    app.quit()

    a = app.cli_json("case", "show", in_scope, "--json")
    b = app.cli_json("case", "show", closing, "--json")
    problems = []
    if a["status"] != "assessment" or "ack.sent_on" not in a["answers"]:
        problems.append(f"{in_scope}: status {a['status']!r}, answers {sorted(a['answers'])}")
    if b["status"] != "closed" or b["outcome"] != "not-vulnerability":
        problems.append(f"{closing}: status {b['status']!r}, outcome {b['outcome']!r}")
    if problems:
        raise E2EFailure("after the walk: " + "; ".join(problems))


SCENARIOS = [
    ("desk", scenario_desk),
    ("intake", scenario_intake),
    ("import", scenario_import),
    ("checklist", scenario_checklist),
    ("concurrency", scenario_concurrency),
]


def main(argv):
    global T
    e2e.run_in_session(argv)
    builddir, lang = argv[1], argv[3]
    T = gettext.translation("meldpunt", localedir=os.path.join(builddir, "po"),
                            languages=[lang], fallback=(lang == "en"))
    return e2e.run_scenarios(SCENARIOS, argv)


if __name__ == "__main__":
    sys.exit(main(sys.argv))
