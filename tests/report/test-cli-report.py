#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright 2026 The Meldpunt developers
"""meldpunt-cli report, end to end: dossiers in both languages, the redacted
variant, US Letter, the period report, and the errors a script can meet."""

import json
import os
import re
import subprocess
import sys
import tempfile
import unittest

# Passphrase files readable by their owner only, as meldpunt-cli asks.
os.umask(0o077)

CLI = sys.argv.pop(1)
CASE_JSON = sys.argv.pop(1)

SECTIONS = {
    "en": ["CONFIDENTIAL", "Summary", "Reporter", "Report", "Timeline", "Checklist",
           "Deadlines", "Assessment", "Remediation", "Reward", "Credit", "Disclosure",
           "Data deletion", "Audit trail"],
    "nl": ["VERTROUWELIJK", "Samenvatting", "Melder", "Melding", "Tijdlijn", "Checklist",
           "Termijnen", "Beoordeling", "Herstel", "Beloning", "Vermelding",
           "Openbaarmaking", "Verwijdering van gegevens", "Audittrail"],
}


def flat(text):
    return re.sub(r"\s+", "", text)


class ReportCli(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory()
        cls.db = os.path.join(cls.tmp.name, "desk.db")
        cls.pw = os.path.join(cls.tmp.name, "pw")
        with open(cls.pw, "w") as f:
            f.write("correct horse battery\n")
        cls.cli("init", "--organisation", "Gemeente Voorbeeld")
        cls.ref = cls.cli("case", "add", CASE_JSON).stdout.strip()
        for item, value in [("ack.sent_on", "2026-11-21"),
                            ("assess.cvss", "CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N"),
                            ("reward.amount", "100.00"),
                            ("reward.voucher_code", "CODE-NEVER-PRINTED")]:
            cls.cli("case", "answer", cls.ref, item, value)
        with open(CASE_JSON) as f:
            cls.case = json.load(f)

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    @classmethod
    def cli(cls, *args, check=True):
        return subprocess.run([CLI, "--database", cls.db, "--passphrase-file", cls.pw, *args],
                              capture_output=True, text=True, check=check)

    def report(self, name, *args):
        path = os.path.join(self.tmp.name, name)
        result = self.cli("report", *args, "--output", path)
        self.assertIn(path, result.stdout)
        info = subprocess.run(["pdfinfo", path], capture_output=True, text=True,
                              check=True).stdout
        pages = int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))
        size = re.search(r"^Page size:\s+([\d.]+) x ([\d.]+) pts", info, re.M)
        text = subprocess.run(["pdftotext", "-enc", "UTF-8", path, "-"], capture_output=True,
                              text=True, check=True).stdout
        return text, pages, (float(size.group(1)), float(size.group(2)))

    def test_sections_in_both_languages(self):
        for lang in ("en", "nl"):
            text, pages, size = self.report(f"d-{lang}.pdf", self.ref, "--language", lang)
            for section in SECTIONS[lang]:
                self.assertIn(flat(section), flat(text), f"{lang}: {section}")
            self.assertIn(self.ref, text)
            self.assertIn("Gemeente Voorbeeld", text)
            self.assertIn(self.case["reporter_email"], text)
            self.assertNotIn("CODE-NEVER-PRINTED", text)
            word = "pagina" if lang == "nl" else "page"
            of = "van" if lang == "nl" else "of"
            for n in range(1, pages + 1):
                self.assertIn(f"{word} {n} {of} {pages}", text)
            self.assertAlmostEqual(size[0], 595.28, delta=0.5)

    def test_redacted(self):
        text, _, _ = self.report("r.pdf", self.ref, "--redacted", "--language", "nl")
        self.assertIn(flat("Geredigeerd – om te delen"), flat(text))
        for secret in (self.case["reporter_name"], self.case["reporter_email"],
                       self.case["description"], self.case["impact"],
                       "CODE-NEVER-PRINTED"):
            for part in re.split(r"\s+", secret)[:3]:
                if len(part) > 4:
                    self.assertNotIn(part, text)
        self.assertIn(self.ref, text)

    def test_owner_only(self):
        """A dossier is confidential: 0600 whatever the umask, and no
        temporary file is left behind."""
        old = os.umask(0o022)
        try:
            self.report("o.pdf", self.ref)
        finally:
            os.umask(old)
        path = os.path.join(self.tmp.name, "o.pdf")
        self.assertEqual(os.stat(path).st_mode & 0o777, 0o600)
        self.assertEqual([n for n in os.listdir(self.tmp.name) if n.endswith(".part")], [])

    def test_letter_paper(self):
        _, _, size = self.report("l.pdf", self.ref, "--paper", "letter")
        self.assertEqual(size, (612.0, 792.0))

    def test_period(self):
        text, pages, _ = self.report("p.pdf", "--period", "2026-01-01..2026-12-31")
        self.assertIn("Period report", text)
        self.assertIn(self.ref, text)
        self.assertIn(flat("Cases received 1"), flat(text))
        self.assertLessEqual(pages, 2)
        text, _, _ = self.report("p-nl.pdf", "--period", "2026-01-01..2026-12-31",
                                 "--language", "nl")
        self.assertIn("Perioderapportage", text)

    def test_errors(self):
        out = os.path.join(self.tmp.name, "never.pdf")
        for args in (["CVD-2026-9999", "--output", out],
                     [self.ref, "--output", out, "--language", "de"],
                     [self.ref, "--output", out, "--paper", "a3"],
                     ["--period", "2026-12-31..2026-01-01", "--output", out],
                     ["--period", "2026", "--output", out],
                     [self.ref]):
            result = self.cli("report", *args, check=False)
            self.assertNotEqual(result.returncode, 0, args)
            self.assertTrue(result.stderr, args)
        self.assertFalse(os.path.exists(out))
        self.assertFalse(os.path.exists(out + ".part"))
        self.assertEqual([n for n in os.listdir(self.tmp.name) if n.endswith(".part")], [])


if __name__ == "__main__":
    unittest.main(verbosity=2)
