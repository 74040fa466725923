#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright 2026 The Meldpunt developers
"""End to end: the built `meldpunt` used as a person uses it, through real
key presses and clicks (see e2e.py). Usage, under an X display:

  test-e2e.py BUILDDIR SRCDIR LANG [SCENARIO…]

Prints TAP; each scenario runs its own application on its own desk.
"""

import gettext
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import e2e  # noqa: E402
from e2e import E2EFailure, key, type_text, wait_until  # noqa: E402

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


SCENARIOS = [
    ("desk", scenario_desk),
    ("intake", scenario_intake),
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
