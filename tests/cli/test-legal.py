#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright 2026 The Meldpunt developers
"""meldpunt-cli end to end, the legal clocks (issue 23): `checklist` lists
every item, `case answer` reaches every new one, `policy` has the new keys
and `deadlines` shows the new kinds in its fixed forms.

Usage: test-legal.py MELDPUNT-CLI
"""

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

CLI = sys.argv[1]
PASSPHRASE = "tulpen in de lente"
LINE = re.compile(
    r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ\tCVD-\d{4}-\d{4,}\t[a-z0-9-]+\t(open|overdue)$")
FIXED_ITEMS = {"legal.aware_at": "moment", "legal.data_breach": "yes-no-unknown",
               "legal.exploited": "yes-no-unknown", "legal.significant_incident": "yes-no-unknown",
               "legal.own_product": "yes-no-unknown"}
LEGAL_KINDS = {"gdpr-authority", "gdpr-controller", "nis2-early-warning", "nis2-notification",
               "nis2-final", "cra-early-warning", "cra-notification", "cra-final"}

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
            json.dump({"title": "Customer records readable", "description": "IDOR on /api/klant",
                       "received_at": received}, f)
        return self.run("case", "add", path).stdout.strip()

    def answer(self, ref, item, value, **kwargs):
        return self.run("case", "answer", ref, item, value, **kwargs)

    def deadlines(self, ref, **kwargs):
        rows = json.loads(self.run("deadlines", "--json", **kwargs).stdout)
        return {row["kind"]: row for row in rows if row["reference"] == ref}


def test_checklist(desk):
    lines = desk.run("checklist").stdout.splitlines()
    rows = {line.split("\t")[0]: line.split("\t") for line in lines}
    check(all(len(line.split("\t")) == 5 for line in lines),
          "every line has id, step, kind, choices and clauses")
    for item, kind in FIXED_ITEMS.items():
        check(item in rows and rows[item][1] == "scope" and rows[item][2] == kind,
              f"{item} is listed as a {kind} item of the scope check: {rows.get(item)}")
    check(rows["legal.exploited"][3] == "yes,no,unknown", "choices are listed")
    check("L-CRA-14" in rows["legal.own_product"][4].split(","), "clause ids are listed")
    check(rows["intake.complete"][1:4] == ["intake", "yes-no", "yes,no"],
          f"the older items too: {rows['intake.complete']}")

    items = json.loads(desk.run("checklist", "--json").stdout)
    check([i["id"] for i in items] == [line.split("\t")[0] for line in lines],
          "--json lists the same items in the same order")
    by_id = {i["id"]: i for i in items}
    check(by_id["legal.data_breach"]["choices"] == ["yes", "no", "unknown"] and
          by_id["legal.data_breach"]["kind"] == "yes-no-unknown" and
          "L-AVG-33" in by_id["legal.data_breach"]["clauses"], "--json has kind, choices, clauses")
    check(by_id["reward.voucher_code"]["confidential"], "--json says which items are sealed")
    return items


def valid_value(item):
    return {"moment": "2026-11-03T10:00:00+01:00", "yes-no": "yes", "yes-no-unknown": "yes",
            "choice": (item["choices"] or ["x"])[0], "text": "Recorded for the test",
            "date": "2026-11-03"}[item["kind"]]


def test_every_item(desk, items):
    ref = desk.add("2026-11-02T09:00:00+01:00")
    legal = [i for i in items if i["id"].startswith("legal.")]
    check(len(legal) >= 20, f"the legal items are there: {len(legal)}")
    for item in legal:
        result = desk.answer(ref, item["id"], valid_value(item), ok=False)
        check(result.returncode == 0, f"case answer reaches {item['id']}: {result.stderr}")
    shown = json.loads(desk.run("case", "show", ref, "--json").stdout)
    stored = {k for k in shown["answers"] if k.startswith("legal.")}
    check(stored == {i["id"] for i in legal}, f"every legal answer is stored: {len(stored)}")
    check(shown["answers"]["legal.aware_at"]["value"] == "2026-11-03T10:00:00+01:00",
          "a moment is stored as given")

    for value in ("2026-11-03", "2026-11-03T10:00:00", "morgen", "2026-13-03T10:00:00Z"):
        result = desk.answer(ref, "legal.aware_at", value, ok=False)
        check(result.returncode != 0 and "meldpunt-cli: " in result.stderr and
              "2026-10-24T09:30:00+02:00" in result.stderr,
              f"legal.aware_at={value!r} is refused with an example: {result.stderr!r}")
    for value in ("maybe", ""):
        result = desk.answer(ref, "legal.data_breach", value, ok=False)
        check(result.returncode != 0, f"legal.data_breach={value!r} is refused")
    shown = json.loads(desk.run("case", "show", ref, "--json").stdout)
    check(shown["answers"]["legal.aware_at"]["value"] == "2026-11-03T10:00:00+01:00" and
          shown["answers"]["legal.data_breach"]["value"] == "yes",
          "a refused answer leaves the stored one alone")


def test_policy(desk):
    shown = desk.run("policy", "show").stdout
    for key in ("legal.essential_entity", "legal.processor", "legal.gdpr_authority_hours",
                "legal.gdpr_controller_hours", "legal.nis2_early_warning_hours",
                "legal.nis2_notification_hours", "legal.nis2_final_months",
                "legal.cra_early_warning_hours", "legal.cra_notification_hours",
                "legal.cra_final_days", "legal.cra_severe_final_months", "legal.own_products"):
        check(key in shown, f"policy show lists {key}")
    result = desk.run("policy", "set", "legal.processor", "perhaps", ok=False)
    check(result.returncode != 0 and "legal.processor" in result.stderr,
          f"a bad boolean is refused: {result.stderr!r}")


def test_deadlines(desk):
    # Tuesday 24 November 2026, 10:00 CET = 09:00Z: a data breach, a
    # significant incident of an essential entity, an exploited product.
    desk.run("policy", "set", "legal.essential_entity", "true")
    ref = desk.add("2026-11-24T10:00:00+01:00")
    for item, value in [("legal.data_breach", "yes"), ("legal.significant_incident", "yes"),
                        ("legal.exploited", "yes"), ("legal.own_product", "yes"),
                        ("legal.cra_severe", "yes")]:
        desk.answer(ref, item, value, now="2026-11-24T10:00:00Z")
    now = "2026-11-24T12:00:00Z"
    rows = desk.deadlines(ref, now=now)
    expected = {"gdpr-authority": "2026-11-27T09:00:00Z",
                "nis2-early-warning": "2026-11-25T09:00:00Z",
                "nis2-notification": "2026-11-27T09:00:00Z",
                "nis2-final": "2026-12-27T09:00:00Z",
                "cra-early-warning": "2026-11-25T09:00:00Z",
                "cra-notification": "2026-11-27T09:00:00Z",
                "cra-final": "2026-12-27T09:00:00Z"}
    for kind, due in expected.items():
        check(kind in rows and rows[kind]["due"] == due and rows[kind]["state"] == "open",
              f"deadlines --json shows {kind} due {due}: {rows.get(kind)}")
    check("gdpr-controller" not in rows, "a controller notifies the authority itself")

    text = desk.run("deadlines", now=now).stdout.splitlines()
    mine = [line for line in text if f"\t{ref}\t" in line]
    check(all(LINE.match(line) for line in mine), f"the fixed line form: {mine}")
    check({line.split("\t")[2] for line in mine} & LEGAL_KINDS == set(expected),
          f"the text lines carry the same kinds: {mine}")

    # Missed: a day and a half later the early warnings are overdue.
    late = desk.deadlines(ref, now="2026-11-26T00:00:00Z")
    check(late["nis2-early-warning"]["state"] == "overdue" and
          late["cra-early-warning"]["state"] == "overdue" and
          late["gdpr-authority"]["state"] == "open", f"missed ones are overdue: {late}")

    # Met: the notification made, with the authority's reference; not
    # required with a reason. Neither is listed as open any more.
    desk.answer(ref, "legal.gdpr_authority_notified_at", "2026-11-26T16:00:00+01:00",
                now="2026-11-26T15:05:00Z")
    desk.answer(ref, "legal.gdpr_authority_reference", "AP-2026-4711", now="2026-11-26T15:05:00Z")
    desk.answer(ref, "legal.nis2_not_required", "Not significant: one test record.",
                now="2026-11-26T15:05:00Z")
    rows = desk.deadlines(ref, now="2026-11-26T15:10:00Z")
    check("gdpr-authority" not in rows and not any(k.startswith("nis2-") for k in rows),
          f"met deadlines leave the open list: {sorted(rows)}")
    shown = json.loads(desk.run("case", "show", ref, "--json").stdout)
    dl = {d["kind"]: d for d in shown["deadlines"]}
    check(dl.get("gdpr-authority", {}).get("met") == "2026-11-26T15:00:00Z",
          f"case show has the met deadline: {dl.get('gdpr-authority')}")

    # A processor informs the controller within 24 hours.
    desk.run("policy", "set", "legal.processor", "true")
    other = desk.add("2026-11-24T10:00:00+01:00")
    desk.answer(other, "legal.data_breach", "yes", now="2026-11-24T10:00:00Z")
    desk.answer(other, "legal.client", "Gemeente Voorbeeld", now="2026-11-24T10:00:00Z")
    rows = desk.deadlines(other, now=now)
    check(rows.get("gdpr-controller", {}).get("due") == "2026-11-25T09:00:00Z" and
          "gdpr-authority" not in rows, f"processor: gdpr-controller in 24 hours: {rows}")


def test_drafts(desk):
    ref = desk.add("2026-11-24T10:00:00+01:00")
    desk.answer(ref, "legal.data_breach", "yes")
    desk.answer(ref, "legal.data_breach_data", "Names and addresses")
    for kind in sorted(LEGAL_KINDS):
        for language, words in (("nl", "Ons kenmerk: "), ("en", "Our reference: ")):
            text = desk.run("legal", "draft", ref, kind, "--language", language).stdout
            check(words + ref in text, f"{kind}/{language} names the case: {text[:80]!r}")
            check(not re.search(r"[{}%$<>]|\(null\)", text), f"{kind}/{language}: no placeholder")
    text = desk.run("legal", "draft", ref, "gdpr-authority").stdout
    check("Soorten persoonsgegevens: Names and addresses" in text, "Dutch by default, filled")
    for args in (("legal", "draft", ref, "acknowledgement"),
                 ("legal", "draft", ref, "gdpr-authority", "--language", "de"),
                 ("legal", "draft", "CVD-2026-9999", "gdpr-authority")):
        result = desk.run(*args, ok=False)
        check(result.returncode != 0 and result.stderr.startswith("meldpunt-cli: "),
              f"{args} is refused with a message: {result.stderr!r}")


def test_register(desk):
    out = desk.run("legal", "register", "--language", "en").stdout
    lines = out.splitlines()  # CRLF, read in text mode (checked in tests/core)
    check(lines[0].startswith("Reference,Aware since,Personal data,People concerned,"),
          f"the header in English: {lines[0]!r}")
    rows = [line for line in lines[1:] if line]
    check(len(rows) >= 2 and all(row.startswith("CVD-2026-") for row in rows),
          f"every data breach a row: {rows}")
    check(any(",Notified to the authority," in row and "AP-2026-4711" in row for row in rows),
          f"the notified breach with the authority's reference: {rows}")
    nl = desk.run("legal", "register").stdout
    check(nl.startswith("Kenmerk,Bekend sinds,"), "Dutch by default")
    empty = desk.run("legal", "register", "--from", "2027-01-01", "--language", "en").stdout
    check(len(empty.splitlines()) == 1, f"a period without breaches: the header only: {empty!r}")
    for args in (("--from", "gisteren"), ("--language", "fr")):
        result = desk.run("legal", "register", *args, ok=False)
        check(result.returncode != 0 and result.stderr.startswith("meldpunt-cli: "),
              f"{args} is refused with a message: {result.stderr!r}")


def test_period_report(desk):
    flat = lambda text: re.sub(r"\s+", "", text)
    for language, words in (("en", ["Register of data breaches", "Notified to the authority",
                                    "Names and addresses", "Not decided yet"]),
                            ("nl", ["Register van datalekken", "Gemeld bij de toezichthouder",
                                    "Nog niet besloten"])):
        pdf = os.path.join(desk.folder, f"period-{language}.pdf")
        desk.run("report", "--period", "2026-11-01..2026-11-30", "--output", pdf,
                 "--language", language)
        text = subprocess.run(["pdftotext", pdf, "-"], capture_output=True,
                              text=True).stdout
        for word in words:
            check(flat(word) in flat(text), f"the {language} period report has {word!r}")


def main():
    with tempfile.TemporaryDirectory(prefix="meldpunt-legal-") as folder:
        desk = Desk(folder)
        desk.run("init", "--organisation", "ICT Teamwork")
        items = test_checklist(desk)
        test_every_item(desk, items)
        test_policy(desk)
        test_deadlines(desk)
        test_drafts(desk)
        test_register(desk)
        if shutil.which("pdftotext"):
            test_period_report(desk)
    print(f"{passed} checks passed, {failures} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
