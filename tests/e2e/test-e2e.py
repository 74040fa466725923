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
    return app.wait_for("push button", tr("New Report"), what="the unlocked desk (its New Report button)")


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


SCENARIOS = [
    ("desk", scenario_desk),
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
