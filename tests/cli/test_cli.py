#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright 2026 The Meldpunt developers
"""meldpunt-cli end to end: the foundation commands and their errors."""

import json
import os
import shutil
import subprocess
import sys
import tempfile
import unittest

# Passphrase files readable by their owner only, as meldpunt-cli asks.
os.umask(0o077)

CLI = None
DATA = None


class CliTestCase(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory(prefix="meldpunt-cli-")
        self.db = os.path.join(self.tmp.name, "desk.db")
        self.pw = os.path.join(self.tmp.name, "pw")
        with open(self.pw, "w") as f:
            f.write("paars paard in de wei\n")

    def tearDown(self):
        self.tmp.cleanup()

    def run_cli(self, *args, input=None, passphrase=True, check=True):
        cmd = [CLI, "--database", self.db]
        if passphrase:
            cmd += ["--passphrase-file", self.pw]
        cmd += list(args)
        proc = subprocess.run(cmd, input=input, capture_output=True, text=True, timeout=120)
        if check and proc.returncode != 0:
            self.fail(f"{args} failed ({proc.returncode}): {proc.stderr}")
        return proc

    def init(self):
        out = self.run_cli("init", "--organisation", "ICT Teamwork").stdout
        self.assertIn("ICT Teamwork", out)

    def add_case(self, obj):
        path = os.path.join(self.tmp.name, "case.json")
        with open(path, "w") as f:
            json.dump(obj, f)
        return self.run_cli("case", "add", path, check=False)


class TestFoundation(CliTestCase):
    def test_readme_example(self):
        self.init()
        ref = self.run_cli("case", "add", os.path.join(DATA, "case.json")).stdout.strip()
        self.assertEqual(ref, "CVD-2026-0001")
        listing = self.run_cli("case", "list").stdout.splitlines()
        self.assertEqual(len(listing), 1)
        cols = listing[0].split("\t")
        self.assertEqual(cols[0], "CVD-2026-0001")
        self.assertEqual(cols[3], "Reflected XSS in the customer portal search")
        shown = json.loads(self.run_cli("case", "show", ref, "--json").stdout)
        with open(os.path.join(DATA, "case.json")) as f:
            source = json.load(f)
        for key in ("title", "asset", "reporter_name", "reporter_email", "description",
                    "impact", "reproduction", "reporter_language", "channel"):
            self.assertEqual(shown[key], source[key], key)
        self.assertEqual(shown["received_at"], "2026-11-20T08:15:00Z")
        self.assertTrue(shown["reporter_wants_credit"])

        self.run_cli("case", "set", ref, "impact", "Sessions can be taken over")
        self.run_cli("case", "set", ref, "reporter_name", "Anon")
        shown = json.loads(self.run_cli("case", "show", ref, "--json").stdout)
        self.assertEqual(shown["impact"], "Sessions can be taken over")
        self.assertEqual(shown["reporter_name"], "Anon")

        human = self.run_cli("case", "show", ref).stdout
        self.assertIn("Sessions can be taken over", human)

        backup = os.path.join(self.tmp.name, "backup.db")
        self.run_cli("backup", backup, passphrase=False)
        self.assertTrue(os.path.exists(backup))
        with open(backup, "rb") as f:
            content = f.read()
        self.assertTrue(content.startswith(b"SQLite format 3\0"))
        self.assertNotIn(b"Sessions can be taken over", content)

    def test_passphrase_from_stdin(self):
        self.init()
        cmd = [CLI, "--database", self.db, "--passphrase-file", "-", "case", "list", "--status", "all"]
        proc = subprocess.run(cmd, input="paars paard in de wei\n", capture_output=True, text=True)
        self.assertEqual(proc.returncode, 0, proc.stderr)

    def test_passphrase_never_an_argument(self):
        proc = subprocess.run([CLI, "--passphrase", "secret", "case", "list"],
                              capture_output=True, text=True)
        self.assertNotEqual(proc.returncode, 0)
        self.assertIn("--passphrase-file", proc.stderr)

    def test_short_passphrase_refused(self):
        with open(self.pw, "w") as f:
            f.write("kort wachtw\n")
        proc = self.run_cli("init", "--organisation", "ICT Teamwork", check=False)
        self.assertEqual(proc.returncode, 1)
        self.assertIn("too short", proc.stderr)
        self.assertIn("at least 12 characters", proc.stderr)
        self.assertFalse(os.path.exists(self.db))

    def test_readable_passphrase_file_warns(self):
        self.init()
        self.assertNotIn("warning", self.run_cli("case", "list").stderr)
        os.chmod(self.pw, 0o644)
        proc = self.run_cli("case", "list")
        self.assertIn("others can read the passphrase file", proc.stderr)
        self.assertIn("chmod 600", proc.stderr)

    def test_wrong_passphrase(self):
        self.init()
        with open(self.pw, "w") as f:
            f.write("groen paard\n")
        proc = self.run_cli("case", "list", check=False)
        self.assertEqual(proc.returncode, 1)
        self.assertIn("passphrase", proc.stderr.lower())
        self.assertEqual(proc.stdout, "")

    def test_no_database(self):
        proc = self.run_cli("case", "list", check=False)
        self.assertNotEqual(proc.returncode, 0)
        self.assertIn("init", proc.stderr)
        self.assertFalse(os.path.exists(self.db))

    def test_init_twice_refused(self):
        self.init()
        proc = self.run_cli("init", "--organisation", "Other", check=False)
        self.assertNotEqual(proc.returncode, 0)

    def test_malformed_json(self):
        self.init()
        path = os.path.join(self.tmp.name, "bad.json")
        with open(path, "w") as f:
            f.write('{"title": "x", "description": ')
        proc = self.run_cli("case", "add", path, check=False)
        self.assertEqual(proc.returncode, 1)
        self.assertIn("JSON", proc.stderr)
        listing = self.run_cli("case", "list", "--status", "all").stdout
        self.assertEqual(listing, "")

    def test_missing_and_wrong_fields(self):
        self.init()
        cases = [
            ({"description": "no title"}, "title"),
            ({"title": "no description"}, "description"),
            ({"title": "t", "description": "d", "colour": "red"}, "colour"),
            ({"title": "t", "description": "d", "reporter_email": "nope"}, "nope"),
            ({"title": "t", "description": "d", "received_at": "yesterday"}, "received_at"),
            ({"title": "t", "description": "d", "report_encrypted": "yes"}, "report_encrypted"),
            ({"title": "t", "description": "d", "reporter_language": "de"}, "de"),
            ([1, 2], "object"),
        ]
        for obj, word in cases:
            proc = self.add_case(obj)
            self.assertEqual(proc.returncode, 1, obj)
            self.assertIn(word, proc.stderr, obj)
        self.assertEqual(self.run_cli("case", "list", "--status", "all").stdout, "")

    def test_case_add_from_stdin(self):
        self.init()
        proc = subprocess.run([CLI, "--database", self.db, "--passphrase-file", self.pw, "case", "add"],
                              input=json.dumps({"title": "Stdin", "description": "d"}),
                              capture_output=True, text=True)
        self.assertEqual(proc.returncode, 0, proc.stderr)
        self.assertRegex(proc.stdout.strip(), r"^CVD-\d{4}-0001$")

    def test_unknown_case_and_field(self):
        self.init()
        ref = self.add_case({"title": "t", "description": "d"}).stdout.strip()
        proc = self.run_cli("case", "show", "CVD-1999-0001", check=False)
        self.assertEqual(proc.returncode, 1)
        self.assertIn("CVD-1999-0001", proc.stderr)
        proc = self.run_cli("case", "set", ref, "colour", "red", check=False)
        self.assertEqual(proc.returncode, 1)
        self.assertIn("colour", proc.stderr)

    def test_demo(self):
        self.init()
        self.run_cli("demo", "--cases", "250", "--seed", "7")
        rows = json.loads(self.run_cli("case", "list", "--status", "all", "--json").stdout)
        self.assertEqual(len(rows), 250)
        refs = {r["reference"] for r in rows}
        self.assertEqual(len(refs), 250)
        titles = {r["title"] for r in rows}
        self.assertGreater(len(titles), 5)
        years = {r["received_at"][:4] for r in rows}
        self.assertGreaterEqual(len(years), 2)

    def test_status_filter_refused(self):
        self.init()
        proc = self.run_cli("case", "list", "--status", "sleeping", check=False)
        self.assertNotEqual(proc.returncode, 0)
        self.assertIn("sleeping", proc.stderr)


class TestTrust(CliTestCase):
    def test_audit_verify_and_tamper(self):
        import re
        import sqlite3
        self.init()
        ref = self.add_case({"title": "t", "description": "d"}).stdout.strip()
        self.run_cli("case", "set", ref, "impact", "i")
        out = self.run_cli("audit", "verify").stdout.strip()
        m = re.fullmatch(r"ok (\d+) ([0-9a-f]{64})", out)
        self.assertIsNotNone(m, out)
        self.assertEqual(int(m.group(1)), 3)

        con = sqlite3.connect(self.db)
        con.execute("UPDATE audit SET field = 'title' WHERE id = 3")
        con.commit()
        con.close()
        proc = self.run_cli("audit", "verify", check=False)
        self.assertEqual(proc.returncode, 1)
        self.assertEqual(proc.stdout.strip(), "broken 3")
        self.assertIn("3", proc.stderr)

    def put_back(self, copy):
        for suffix in ("-wal", "-shm"):
            if os.path.exists(self.db + suffix):
                os.unlink(self.db + suffix)
        shutil.copyfile(copy, self.db)

    def test_audit_verify_reports_rolled_back_file(self):
        self.init()
        ref = self.add_case({"title": "t", "description": "d"}).stdout.strip()
        self.assertEqual(self.run_cli("audit", "verify").stdout.split()[:2], ["ok", "2"])
        copy = os.path.join(self.tmp.name, "copy.db")
        shutil.copyfile(self.db, copy)
        self.run_cli("case", "set", ref, "impact", "i")
        self.run_cli("case", "set", ref, "impact", "j")
        self.assertEqual(self.run_cli("audit", "verify").stdout.split()[:2], ["ok", "4"])

        # The whole file put back from the older copy: sound, but older.
        self.put_back(copy)
        proc = self.run_cli("audit", "verify", check=False)
        self.assertEqual(proc.returncode, 1)
        self.assertEqual(proc.stdout.splitlines(),
                         ["broken 3", "rolled back: 2 entries here, 4 seen on this computer"])
        self.assertIn("older", proc.stderr)

    def test_audit_verify_reports_trail_cut_with_older_head(self):
        import sqlite3
        self.init()
        ref = self.add_case({"title": "t", "description": "d"}).stdout.strip()
        con = sqlite3.connect(self.db)
        older_head = con.execute("SELECT value FROM settings WHERE key = 'audit.head'").fetchone()[0]
        con.close()
        self.run_cli("case", "set", ref, "impact", "i")
        self.run_cli("case", "set", ref, "impact", "j")

        # The last two entries cut, and the head record of that moment put
        # back: chain and head agree, only this computer's record tells.
        con = sqlite3.connect(self.db)
        con.execute("DELETE FROM audit WHERE id > 2")
        con.execute("UPDATE settings SET value = ? WHERE key = 'audit.head'", (older_head,))
        con.commit()
        con.close()
        proc = self.run_cli("audit", "verify", check=False)
        self.assertEqual(proc.returncode, 1)
        self.assertEqual(proc.stdout.splitlines(),
                         ["broken 3", "rolled back: 2 entries here, 4 seen on this computer"])

    def test_audit_verify_after_restore(self):
        self.init()
        ref = self.add_case({"title": "t", "description": "d"}).stdout.strip()
        backup = os.path.join(self.tmp.name, "backup.db")
        self.run_cli("backup", backup, passphrase=False)
        self.run_cli("case", "set", ref, "impact", "i")
        self.run_cli("restore", backup, passphrase=False)
        # A restore through Meldpunt is deliberate: not reported.
        self.assertEqual(self.run_cli("audit", "verify").stdout.split()[:2], ["ok", "2"])

    def test_erase(self):
        self.init()
        ref = self.add_case({"title": "Erase me", "description": "SECRET-DESCRIPTION-42",
                             "reporter_name": "Jan Geheim"}).stdout.strip()
        proc = self.run_cli("case", "erase", ref, check=False)
        self.assertEqual(proc.returncode, 1)
        self.assertIn("open", proc.stderr)
        self.run_cli("case", "answer", ref, "close.closed_on", "2026-11-22")
        self.run_cli("case", "erase", ref)
        shown = json.loads(self.run_cli("case", "show", ref, "--json").stdout)
        self.assertIsNone(shown["description"])
        self.assertIsNone(shown["reporter_name"])
        self.assertIsNotNone(shown["erased_at"])
        self.assertEqual(shown["title"], "Erase me")
        for suffix in ("", "-wal"):
            path = self.db + suffix
            if os.path.exists(path):
                with open(path, "rb") as f:
                    data = f.read()
                self.assertNotIn(b"SECRET-DESCRIPTION-42", data)
                self.assertNotIn("Jan Geheim".encode(), data)
        self.assertTrue(self.run_cli("audit", "verify").stdout.startswith("ok "))

    def test_backup_and_restore(self):
        self.init()
        self.add_case({"title": "Before backup", "description": "d"})
        backup = os.path.join(self.tmp.name, "backup.db")
        self.run_cli("backup", backup, passphrase=False)
        self.add_case({"title": "After backup", "description": "d"})
        before = json.loads(self.run_cli("case", "list", "--status", "all", "--json").stdout)
        self.assertEqual(len(before), 2)

        out = self.run_cli("restore", backup, passphrase=False).stdout
        self.assertIn("before-restore", out)
        rows = json.loads(self.run_cli("case", "list", "--status", "all", "--json").stdout)
        self.assertEqual([r["title"] for r in rows], ["Before backup"])

        # The previous database was kept whole, beside the restored one.
        aside = [f for f in os.listdir(self.tmp.name) if ".before-restore-" in f]
        self.assertEqual(len(aside), 1, aside)
        keep = os.path.join(self.tmp.name, aside[0])
        proc = subprocess.run([CLI, "--database", keep, "--passphrase-file", self.pw,
                               "case", "list", "--status", "all", "--json"],
                              capture_output=True, text=True)
        self.assertEqual(proc.returncode, 0, proc.stderr)
        self.assertEqual(len(json.loads(proc.stdout)), 2)

        # Something that is not a backup is refused and changes nothing.
        junk = os.path.join(self.tmp.name, "junk.db")
        with open(junk, "w") as f:
            f.write("not a database at all")
        proc = self.run_cli("restore", junk, passphrase=False, check=False)
        self.assertEqual(proc.returncode, 1)
        rows = json.loads(self.run_cli("case", "list", "--status", "all", "--json").stdout)
        self.assertEqual([r["title"] for r in rows], ["Before backup"])

    def test_no_confidential_text_in_output(self):
        """With debug logging on, no command prints what it stored encrypted."""
        marker = "LEAK-CHECK-9b41"
        os.environ["G_MESSAGES_DEBUG"] = "all"
        try:
            self.init()
            ref = self.add_case({"title": "Leak check", "description": marker + " description",
                                 "reporter_name": marker + " name",
                                 "reporter_email": "leak-check-9b41@example.org",
                                 "impact": marker + " impact"}).stdout.strip()
            outputs = []
            for args in (("case", "list", "--status", "all"), ("case", "list", "--json"),
                         ("case", "set", ref, "reproduction", marker + " steps"),
                         ("case", "answer", ref, "assess.quality", "good", "--note", marker),
                         ("audit", "verify"), ("demo", "--cases", "20")):
                proc = self.run_cli(*args)
                outputs.append(proc.stdout + proc.stderr)
            proc = self.run_cli("case", "show", "CVD-1999-0001", check=False)
            outputs.append(proc.stdout + proc.stderr)
            for text in outputs:
                self.assertNotIn(marker, text)
                self.assertNotIn("leak-check-9b41", text.lower())
        finally:
            del os.environ["G_MESSAGES_DEBUG"]


class TestProcessHygiene(CliTestCase):
    def test_confidential_values_from_a_file_or_stdin(self):
        """Values given as @FILE or - never show in /proc/PID/cmdline."""
        self.init()
        ref = self.run_cli("case", "add", os.path.join(DATA, "case.json")).stdout.strip()
        secret = os.path.join(self.tmp.name, "impact.txt")
        with open(secret, "w") as f:
            f.write("Sessions of admin-7f3e can be taken over\n")
        self.run_cli("case", "set", ref, "impact", "@" + secret)
        proc = subprocess.run([CLI, "--database", self.db, "--passphrase-file", self.pw,
                               "case", "set", ref, "reproduction", "-"],
                              input="1. open /search\n2. paste the payload\n",
                              capture_output=True, text=True, timeout=120)
        self.assertEqual(proc.returncode, 0, proc.stderr)
        self.run_cli("case", "answer", ref, "assess.quality", "good", "--note", "@" + secret)
        self.run_cli("case", "set", ref, "reporter_name", "@@h4x0r")
        shown = json.loads(self.run_cli("case", "show", ref, "--json").stdout)
        self.assertEqual(shown["impact"], "Sessions of admin-7f3e can be taken over")
        self.assertEqual(shown["reproduction"], "1. open /search\n2. paste the payload")
        self.assertEqual(shown["reporter_name"], "@h4x0r")
        self.assertIn("Sessions of admin-7f3e", json.dumps(shown["answers"]))

        missing = self.run_cli("case", "set", ref, "impact", "@/nonexistent/file", check=False)
        self.assertEqual(missing.returncode, 1)
        self.assertIn("@@", missing.stderr)
        shown = json.loads(self.run_cli("case", "show", ref, "--json").stdout)
        self.assertEqual(shown["impact"], "Sessions of admin-7f3e can be taken over")

    def test_passphrase_with_a_nul_byte(self):
        with open(self.pw, "wb") as f:
            f.write(b"paars\0paard en nog wat\n")
        proc = self.run_cli("init", "--organisation", "ICT Teamwork", check=False)
        self.assertEqual(proc.returncode, 1)
        self.assertIn("NUL", proc.stderr)
        self.assertFalse(os.path.exists(self.db) and os.path.getsize(self.db) > 0)

    def test_file_size_limit_is_an_error_not_a_kill(self):
        import resource
        self.init()
        for _ in range(3):
            self.run_cli("case", "add", os.path.join(DATA, "case.json"))
        size = os.path.getsize(self.db)

        def limit():
            resource.setrlimit(resource.RLIMIT_FSIZE, (size // 4, size // 4))

        backup = os.path.join(self.tmp.name, "backup.db")
        proc = subprocess.run([CLI, "--database", self.db, "--passphrase-file", self.pw,
                               "backup", backup], capture_output=True, text=True,
                              timeout=120, preexec_fn=limit)
        self.assertGreater(proc.returncode, 0, "killed by a signal instead of an error")
        self.assertNotEqual(proc.stderr.strip(), "")
        self.assertFalse(os.path.exists(backup))
        verified = self.run_cli("audit", "verify").stdout
        self.assertTrue(verified.startswith("ok "), verified)


if __name__ == "__main__":
    CLI = sys.argv.pop(1)
    DATA = sys.argv.pop(1)
    unittest.main(verbosity=2)
