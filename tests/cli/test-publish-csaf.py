#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright 2026 The Meldpunt developers
"""meldpunt-cli publish csaf (issue 24): CSAF 2.0 advisories for a spread of
cases (CVSS 3.1 and 4.0, with and without consented credit), checked against
the OASIS schema and the standard's mandatory tests by
@secvisogram/csaf-validator-lib (installed by build-aux/setup), and stable
across regenerations.

Usage: test-publish-csaf.py MELDPUNT-CLI VALIDATE.mjs VALIDATOR-LIB-DIR
Without node or the validator the other checks run and the test is skipped
(exit 77)."""

import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile

CLI, VALIDATE, LIB = sys.argv[1:4]
PASSPHRASE = "tulpen in de lente"
NOW = "2026-12-07T10:00:00Z"

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
        os.chmod(self.pass_file, 0o600)

    def run(self, *args, now=NOW, ok=True):
        env = dict(os.environ, MELDPUNT_NOW=now)
        result = subprocess.run([CLI, "--database", self.db, "--passphrase-file", self.pass_file,
                                 *args], capture_output=True, text=True, env=env)
        if ok and result.returncode != 0:
            raise AssertionError(f"{args} failed ({result.returncode}): {result.stderr}")
        return result

    def add(self, title, asset, impact, **answers):
        path = os.path.join(self.folder, "case.json")
        with open(path, "w") as f:
            json.dump({"title": title, "description": "Confidential details", "impact": impact,
                       "asset": asset, "received_at": "2026-09-01T08:00:00Z",
                       "reporter_name": "Echte Naam", "reporter_email": "r@example.org"}, f)
        ref = self.run("case", "add", path).stdout.strip()
        for item, value in answers.items():
            self.run("case", "answer", ref, item.replace("__", "."), value)
        return ref


CASES = [
    ("3.1, consented credit, agreed publication",
     dict(title="SQL injection in the customer portal", asset="https://portal.example.nl/login",
          impact="Customer records can be read without logging in.",
          assess__cvss="CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N",
          remed__fixed_on="2026-10-20", disclose__agreed_on="2026-11-15",
          credit__wants="yes", credit__name="Nachtuil", credit__consent_on="2026-10-21"),
     {"score": "7.5", "credit": "Nachtuil", "released": "2026-11-15T00:00:00Z",
      "product": "portal.example.nl"}),
    ("4.0, no credit",
     dict(title="Stored XSS in the ticket system", asset="tickets.example.nl",
          impact="A script runs in a staff member's browser.",
          assess__cvss="CVSS:4.0/AV:N/AC:L/AT:N/PR:L/UI:P/VC:L/VI:L/VA:N/SC:N/SI:N/SA:N",
          remed__fixed_on="2026-11-02", credit__wants="no"),
     {"score": None, "credit": None, "released": "2026-11-02T00:00:00Z"}),
    ("3.1 with temporal metrics, credit without consent",
     dict(title="Outdated TLS on the mail relay", asset="mail.example.nl", impact="",
          assess__cvss="CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:L/I:N/A:N/E:U/RL:O/RC:C",
          remed__fixed_on="2026-11-30", credit__wants="yes", credit__name="Jan Nog-Niet"),
     {"score": "3.7", "credit": None, "released": "2026-11-30T00:00:00Z"}),
    ("no vector",
     dict(title="Directory listing on the intranet", asset="intranet.example.nl",
          impact="File names are visible.", remed__fixed_on="2026-12-01"),
     {"score": None, "credit": None, "released": "2026-12-01T00:00:00Z"}),
]


def structure(doc, ref, fields, expect, what):
    document = doc["document"]
    check(document["category"] == "csaf_security_advisory" and document["csaf_version"] == "2.0",
          f"{what}: the profile")
    check(document["tracking"]["id"] == ref, f"{what}: the tracking id is the reference")
    check(document["tracking"]["status"] == "final" and document["tracking"]["version"] == "1",
          f"{what}: final, version 1")
    check(document["tracking"]["initial_release_date"] == expect["released"],
          f"{what}: released {document['tracking']['initial_release_date']}")
    check(document["publisher"]["name"] == "Voorbeeld ICT" and
          "security@example.nl" in document["publisher"]["contact_details"] and
          document["publisher"]["namespace"] == "https://example.nl", f"{what}: the publisher")
    text = json.dumps(doc)
    for secret in ("Confidential details", "Echte Naam", "r@example.org", "Jan Nog-Niet"):
        check(secret not in text, f"{what}: {secret} is not published")
    vulnerability = doc["vulnerabilities"][0]
    scores = vulnerability.get("scores", [])
    if expect["score"] is None:
        check(not scores, f"{what}: no CVSS 3 score")
    else:
        check(scores and str(scores[0]["cvss_v3"]["baseScore"]) == expect["score"],
              f"{what}: base score {scores}")
    notes = [n for n in vulnerability["notes"] if n.get("title") == "CVSS 4.0"]
    check(bool(notes) == ("CVSS:4.0" in what or what.startswith("4.0")),
          f"{what}: a CVSS 4.0 vector is kept in a note: {notes}")
    names = [n for a in vulnerability.get("acknowledgments", []) for n in a.get("names", [])]
    check(names == ([expect["credit"]] if expect["credit"] else []),
          f"{what}: acknowledgments only with consent: {names}")
    remediation = vulnerability["remediations"][0]
    check(remediation["category"] == "vendor_fix" and
          remediation["date"] == fields["remed__fixed_on"] + "T00:00:00Z",
          f"{what}: the vendor fix with its date: {remediation}")
    product = doc["product_tree"]["branches"][0]["branches"][0]["product"]
    check(vulnerability["product_status"]["fixed"] == [product["product_id"]],
          f"{what}: the system is fixed")
    check(product["name"] == expect.get("product", fields["asset"]),
          f"{what}: the product is the system: {product['name']}")


def main():
    validator = shutil.which("node") is not None and os.path.isfile(os.path.join(LIB,
                                                                                "validate.js"))
    with tempfile.TemporaryDirectory() as folder:
        desk = Desk(folder)
        desk.run("init", "--organisation", "Voorbeeld ICT")
        desk.run("policy", "set", "assets.domains", "example.nl")
        open_case = desk.add("Not fixed yet", "www.example.nl", "Unknown")
        result = desk.run("publish", "csaf", open_case, ok=False)
        check(result.returncode == 1 and "remed.fixed_on" in result.stderr and not result.stdout,
              f"a case without a fix is refused: {result.stderr!r}")
        desk.run("case", "answer", open_case, "remed.fixed_on", "2026-11-01")
        result = desk.run("publish", "csaf", open_case, ok=False)
        check(result.returncode == 1 and "desk.email" in result.stderr,
              f"a desk without an address is told to set it: {result.stderr!r}")
        desk.run("policy", "set", "desk.email", "security@example.nl")
        result = desk.run("publish", "csaf", "CVD-2026-9999", ok=False)
        check(result.returncode != 0 and "CVD-2026-9999" in result.stderr, "an unknown case")

        files = []
        for what, fields, expect in CASES:
            ref = desk.add(**fields)
            path = os.path.join(folder, f"{ref}.json")
            desk.run("publish", "csaf", ref, "--output", path)
            files.append(path)
            with open(path) as f:
                doc = json.load(f)
            for algorithm in ("sha256", "sha512"):
                with open(f"{path}.{algorithm}") as f:
                    line = f.read()
                with open(path, "rb") as f:
                    digest = hashlib.new(algorithm, f.read()).hexdigest()
                check(line == f"{digest}  {os.path.basename(path)}\n",
                      f"{what}: the .{algorithm} file: {line!r}")
            structure(doc, ref, fields, expect, what)
            again = json.loads(desk.run("publish", "csaf", ref, now="2027-01-15T12:00:00Z").stdout)
            for d in (doc, again):
                d["document"]["tracking"]["generator"].pop("date")
            check(doc == again, f"{what}: regenerating later gives the same document")

        if validator:
            result = subprocess.run(["node", VALIDATE, LIB, *files], capture_output=True,
                                    text=True)
            print(result.stdout, end="")
            check(result.returncode == 0 and result.stdout.count(", valid") == len(files),
                  f"schema and mandatory tests: {result.stdout}{result.stderr}")
    print(f"{passed} checks passed, {failures} failed")
    if failures:
        return 1
    if not validator:
        print(f"SKIP: no node or no validator in {LIB} (build-aux/setup installs it)")
        return 77
    return 0


if __name__ == "__main__":
    sys.exit(main())
