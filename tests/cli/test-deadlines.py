#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright 2026 The Meldpunt developers
"""meldpunt-cli end to end: `case answer` validation, `deadlines` and the
demo's coverage of steps, outcomes, status filters and deadline kinds.

Usage: test-deadlines.py MELDPUNT-CLI
"""

import json
import os
import re
import subprocess
import sys
import tempfile

# Passphrase files readable by their owner only, as meldpunt-cli asks.
os.umask(0o077)

CLI = sys.argv[1]
PASSPHRASE = "tulpen in de lente"
LINE = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ\tCVD-\d{4}-\d{4,}\t[a-z-]+\t(open|overdue)$")

failures = 0
passed = 0


def check(condition, what):
    global failures, passed
    if condition:
        passed += 1
    else:
        failures += 1
        print(f"FAIL: {what}", file=sys.stderr)


class Desk:
    def __init__(self, folder):
        self.db = os.path.join(folder, "desk.db")
        self.pass_file = os.path.join(folder, "passphrase")
        self.folder = folder
        with open(self.pass_file, "w") as f:
            f.write(PASSPHRASE + "\n")

    def run(self, *args, now="2026-11-02T12:00:00Z", ok=True):
        env = dict(os.environ, MELDPUNT_NOW=now)
        result = subprocess.run([CLI, "--database", self.db, "--passphrase-file", self.pass_file,
                                 *args], capture_output=True, text=True, env=env)
        if ok and result.returncode != 0:
            raise AssertionError(f"{args} failed ({result.returncode}): {result.stderr}")
        return result

    def add(self, received):
        path = os.path.join(self.folder, "case.json")
        with open(path, "w") as f:
            json.dump({"title": "Reflected XSS", "description": "q is echoed",
                       "received_at": received}, f)
        return self.run("case", "add", path).stdout.strip()

    def answer(self, ref, item, value, **kwargs):
        return self.run("case", "answer", ref, item, value, **kwargs)


def test_answers(desk):
    ref = desk.add("2026-11-02T09:00:00+01:00")
    out = desk.answer(ref, "intake.complete", "yes").stdout
    check(out == f"{ref}\tscope\n", f"answer prints reference and new status: {out!r}")

    for item, value in [("intake.complete", "maybe"), ("ack.sent_on", "2026-02-30"),
                        ("ack.sent_on", "02-11-2026"), ("reward.amount", "-5"),
                        ("reward.amount", "1.999"), ("scope.duplicate_of", "CVD-26-1"),
                        ("scope.asset_owner", "theirs"), ("assess.cvss", "AV:N/AC:L"),
                        ("no.such.item", "yes"), ("reward.amount", "350.00")]:
        result = desk.answer(ref, item, value, ok=False)
        check(result.returncode != 0, f"{item}={value!r} is refused")
        check(result.stderr.startswith("meldpunt-cli: ") and
              (value in result.stderr or item in result.stderr),
              f"{item}={value!r}: the error names it: {result.stderr!r}")

    shown = json.loads(desk.run("case", "show", ref, "--json").stdout)
    answers = shown.get("answers")
    items = [a["item"] for a in answers] if isinstance(answers, list) else list(answers or {})
    check(items == ["intake.complete"], f"refused answers are not stored: {items}")

    # Waiting for the reporter, then in scope.
    desk.answer(ref, "intake.complete", "no")
    check(desk.answer(ref, "info.requested_on", "2026-11-03").stdout == f"{ref}\twaiting\n",
          "asking for more information makes the case wait")
    check(desk.answer(ref, "info.received_on", "2026-11-04").stdout == f"{ref}\tintake\n",
          "the answer ends the wait")
    desk.answer(ref, "reward.amount", "150.00")
    desk.answer(ref, "scope.asset_owner", "third-party")
    shown = json.loads(desk.run("case", "show", ref, "--json").stdout)
    check(shown["outcome"] == "third-party" and shown["status"] == "closure",
          f"a third party's asset goes to closure: {shown['status']} {shown['outcome']}")
    return ref


def test_deadlines(desk, third_party):
    # Wednesday 23 December 2026, 10:00 CET: 72 hours end on Saturday 26th,
    # 3 working days on Tuesday 29th (Christmas in between).
    ref = desk.add("2026-12-23T10:00:00+01:00")

    out = desk.run("deadlines", "--from", "2026-12-23", "--to", "2026-12-31", now="2026-12-23T12:00:00Z").stdout
    lines = out.splitlines()
    check(lines == [f"2026-12-26T09:00:00Z\t{ref}\tacknowledgement\topen",
                    f"2026-12-29T22:59:59Z\t{ref}\tassessment\topen"],
          f"deadlines in a window, sorted by due: {lines}")

    out = desk.run("deadlines", "--from", "2026-12-23", "--to", "2026-12-31", now="2026-12-27T12:00:00Z").stdout
    check(out.splitlines()[0].endswith("\tacknowledgement\toverdue"), f"a passed deadline is overdue: {out!r}")

    # --to includes the whole day.
    out = desk.run("deadlines", "--from", "2026-12-26", "--to", "2026-12-26").stdout
    check(out.splitlines() == [f"2026-12-26T09:00:00Z\t{ref}\tacknowledgement\topen"],
          f"one day: {out!r}")

    everything = desk.run("deadlines").stdout.splitlines()
    check(all(LINE.match(line) for line in everything), f"every line has the fixed form: {everything}")
    dues = [line.split("\t")[0] for line in everything]
    check(dues == sorted(dues), "sorted by due moment")
    check(any(third_party in line for line in everything), "the third-party case is still open")

    data = json.loads(desk.run("deadlines", "--json").stdout)
    check(isinstance(data, list) and len(data) == len(everything), "JSON: one object per deadline")
    check(all(set(d) == {"reference", "kind", "due", "state"} for d in data), f"JSON keys: {data[:1]}")
    check([(d["due"], d["reference"], d["kind"], d["state"]) for d in data]
          == [tuple(line.split("\t")) for line in everything], "JSON and lines agree")

    # Met deadlines are left out; of closed cases, all but the data deletion.
    desk.answer(ref, "ack.sent_on", "2026-12-24", now="2026-12-24T08:00:00Z")
    out = desk.run("deadlines", "--to", "2026-12-31").stdout
    check(f"{ref}\tacknowledgement" not in out, "a met deadline is not listed")
    desk.answer(third_party, "close.final_letter_on", "2026-11-04")
    desk.answer(third_party, "close.closed_on", "2026-11-04")
    out = desk.run("deadlines").stdout
    closed_lines = [line for line in out.splitlines() if third_party in line]
    check([line.split("\t")[2] for line in closed_lines] == ["data-deletion"],
          f"of a closed case only the data deletion still due is listed: {closed_lines}")

    # The policy moves deadlines once the cases are derived again: a change
    # of the received time does it for one case.
    desk.run("case", "set", ref, "received_at", "2026-04-24T12:00:00+02:00")
    out = desk.run("deadlines", "--from", "2026-04-24", "--to", "2026-05-01").stdout
    check(f"2026-04-30T21:59:59Z\t{ref}\tassessment\t" in out,
          f"Koningsdag is not a working day: {out!r}")

    # A policy change moves the stored deadlines at once.
    other = desk.add("2026-11-16T09:00:00+01:00")
    before = desk.run("deadlines", "--from", "2026-11-16", "--to", "2026-11-30").stdout
    check(f"2026-11-19T08:00:00Z\t{other}\tacknowledgement\t" in before, f"72 hours: {before!r}")
    desk.run("policy", "set", "ack_hours", "96")
    after = desk.run("deadlines", "--from", "2026-11-16", "--to", "2026-11-30").stdout
    check(f"2026-11-20T08:00:00Z\t{other}\tacknowledgement\t" in after, f"96 hours: {after!r}")

    # P-ACK is met by the first reply of any kind: a request for more
    # information stops the acknowledgement's warning (issue 16).
    asked = desk.add("2026-12-23T10:00:00+01:00")
    desk.answer(asked, "info.requested_on", "2026-12-23", now="2026-12-23T14:00:00Z")
    out = desk.run("deadlines", "--from", "2026-12-23", "--to", "2026-12-31",
                   now="2026-12-23T15:00:00Z").stdout
    check(f"{asked}\tacknowledgement" not in out, f"a request for information acknowledges: {out!r}")
    check(f"2026-12-29T22:59:59Z\t{asked}\tassessment\topen" in out,
          f"the assessment still waits for its letter: {out!r}")
    shown = json.loads(desk.run("case", "show", asked, "--json").stdout)
    ack = [d for d in shown["deadlines"] if d["kind"] == "acknowledgement"]
    check(len(ack) == 1 and ack[0].get("met") == "2026-12-23T14:00:00Z", f"case show agrees: {ack}")

    # The reward's cap is the policy's (P-REWARD): refused above it, with the reason.
    result = desk.answer(asked, "reward.amount", "350.00", ok=False)
    check(result.returncode != 0 and "cap" in result.stderr and "300.00" in result.stderr,
          f"an amount above the cap is refused, saying the cap: {result.stderr!r}")

    for bad in (["--from", "2026-13-01"], ["--to", "yesterday"], ["extra"]):
        result = desk.run("deadlines", *bad, ok=False)
        check(result.returncode != 0 and result.stdout == "", f"deadlines {bad} is refused")


def test_demo(folder):
    desk = Desk(folder)
    desk.run("init", "--organisation", "ICT Teamwork")
    desk.run("demo", "--cases", "30", "--seed", "7")

    for status in ("open", "waiting", "overdue", "closed"):
        out = desk.run("case", "list", "--status", status).stdout
        check(out.strip() != "", f"demo cases with status filter {status}")

    refs = [line.split("\t")[0] for line in desk.run("case", "list", "--status", "all").stdout.splitlines()]
    check(len(refs) == 30, f"30 demo cases: {len(refs)}")
    statuses, outcomes, kinds, closed_kinds = set(), set(), set(), set()
    for ref in refs:
        shown = json.loads(desk.run("case", "show", ref, "--json").stdout)
        statuses.add(shown["status"])
        outcomes.add(shown.get("outcome"))
        for d in shown["deadlines"]:
            kinds.add(d["kind"])
            if shown["status"] == "closed":
                closed_kinds.add(d["kind"])
    want_statuses = {"intake", "waiting", "scope", "acknowledgement", "assessment", "remediation",
                     "reward", "credit", "disclosure", "closure", "closed"}
    check(want_statuses <= statuses, f"every status: missing {want_statuses - statuses}")
    want_outcomes = {None, "in-scope", "out-of-scope", "duplicate", "not-vulnerability", "third-party", "sister"}
    check(want_outcomes <= outcomes, f"every outcome: missing {want_outcomes - outcomes}")
    want_kinds = {"acknowledgement", "assessment", "progress-update", "reporter-follow-up",
                  "fix-target", "disclosure", "publication", "data-deletion"}
    check(want_kinds <= kinds, f"every deadline kind: missing {want_kinds - kinds}")
    check("data-deletion" in closed_kinds, "closed cases have their data-deletion deadline")


def main():
    with tempfile.TemporaryDirectory() as folder:
        desk = Desk(folder)
        desk.run("init", "--organisation", "ICT Teamwork")
        third_party = test_answers(desk)
        test_deadlines(desk, third_party)
    with tempfile.TemporaryDirectory() as folder:
        test_demo(folder)

    print(f"{passed} passed, {failures} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
