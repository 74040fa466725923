#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright 2026 The Meldpunt developers
"""`meldpunt-cli deadlines --ics` read by another program: Python's
`icalendar` (Debian's python3-icalendar), which refused the file while it
wrote UTC values under a time-zone id. Checks the moments themselves: every
event ends at the due moment `deadlines --json` gives, a deadline across the
change to summer time keeps its wall-clock time in Amsterdam, and end-of-day
deadlines end at 23:59:59 on their own day.

Usage: test-ics-icalendar.py MELDPUNT-CLI
"""

import datetime
import json
import os
import subprocess
import sys
import tempfile
import unittest
from zoneinfo import ZoneInfo

import icalendar

CLI = sys.argv.pop(1) if len(sys.argv) > 1 else "meldpunt-cli"
AMSTERDAM = ZoneInfo("Europe/Amsterdam")
UTC = datetime.timezone.utc


class IcsTest(unittest.TestCase):
    def setUp(self):
        self.folder = tempfile.TemporaryDirectory(prefix="meldpunt-ics-py-")
        self.db = os.path.join(self.folder.name, "desk.db")
        self.pass_file = os.path.join(self.folder.name, "passphrase")
        with open(self.pass_file, "w") as f:
            f.write("tulpen in de lente\n")
        self.run_cli("init", "--organisation", "Voorbeeld BV")

    def tearDown(self):
        self.folder.cleanup()

    def run_cli(self, *args):
        env = dict(os.environ, MELDPUNT_NOW="2027-03-20T12:00:00Z")
        result = subprocess.run([CLI, "--database", self.db, "--passphrase-file",
                                 self.pass_file, *args], capture_output=True, text=True, env=env)
        self.assertEqual(result.returncode, 0, f"{args}: {result.stderr}")
        return result.stdout

    def add(self, received):
        path = os.path.join(self.folder.name, "case.json")
        with open(path, "w") as f:
            json.dump({"title": "Reflected XSS", "description": "q is echoed",
                       "received_at": received}, f)
        return self.run_cli("case", "add", path).strip()

    def test_moments(self):
        # 22:30 winter time on Friday 26 March 2027; the clocks go forward on
        # Sunday 28 March; the acknowledgement is due 72 hours after receipt.
        across = self.add("2027-03-26T22:30:00+01:00")
        summer = self.add("2027-06-01T09:00:00+02:00")

        listed = json.loads(self.run_cli("deadlines", "--json"))
        expected = {(d["reference"], d["kind"]):
                    datetime.datetime.fromisoformat(d["due"].replace("Z", "+00:00"))
                    for d in listed}
        self.assertGreaterEqual(len(expected), 4)

        path = os.path.join(self.folder.name, "deadlines.ics")
        self.run_cli("deadlines", "--ics", path, "--language", "en")
        with open(path, "rb") as f:
            calendar = icalendar.Calendar.from_ical(f.read())

        ends = {}
        for event in calendar.walk("VEVENT"):
            reference, words = str(event["SUMMARY"]).split(": ", 1)
            kind = str(event["CATEGORIES"].cats[0]) if hasattr(event["CATEGORIES"], "cats") \
                else str(event["CATEGORIES"])
            end = event["DTEND"].dt
            start = event["DTSTART"].dt
            self.assertIsNotNone(end.tzinfo, f"{reference} {kind}: a floating end time")
            self.assertEqual(end.utcoffset(), datetime.timedelta(0))
            self.assertEqual(end - start, datetime.timedelta(minutes=30))
            ends[(reference, kind)] = end

        # Every open deadline once, ending at its due moment.
        self.assertEqual(set(ends), set(expected))
        for key, due in expected.items():
            self.assertEqual(ends[key], due, key)

        local = ends[(across, "acknowledgement")].astimezone(AMSTERDAM)
        self.assertEqual(local.replace(tzinfo=None),
                         datetime.datetime(2027, 3, 29, 23, 30))
        self.assertEqual(ends[(across, "acknowledgement")],
                         datetime.datetime(2027, 3, 29, 21, 30, tzinfo=UTC))
        local = ends[(summer, "acknowledgement")].astimezone(AMSTERDAM)
        self.assertEqual(local.replace(tzinfo=None), datetime.datetime(2027, 6, 4, 9, 0))

        # End-of-day deadlines: the last second of their day in Amsterdam, in
        # winter and in summer time.
        for reference in (across, summer):
            for kind in ("assessment", "disclosure"):
                local = ends[(reference, kind)].astimezone(AMSTERDAM)
                self.assertEqual(local.time(), datetime.time(23, 59, 59), (reference, kind))


if __name__ == "__main__":
    unittest.main(verbosity=2)
