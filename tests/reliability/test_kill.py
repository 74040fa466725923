#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright 2026 The Meldpunt developers
"""kill -9 at random moments during a stream of writes: no acknowledged write
is lost and the file passes integrity_check. 20 runs by default, 500 with
MELDPUNT_SLOW=1 (meson test --setup=slow)."""

import os
import random
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
import unittest

WRITER = None


class KillTest(unittest.TestCase):
    def test_kill_during_writes(self):
        runs = 500 if os.environ.get("MELDPUNT_SLOW") else 20
        rng = random.Random(int(os.environ.get("MELDPUNT_SEED", "4242")))
        with tempfile.TemporaryDirectory(prefix="meldpunt-kill-") as tmp:
            db = os.path.join(tmp, "desk.db")
            acked = set()
            for run in range(runs):
                proc = subprocess.Popen([WRITER, db, "pw", f"r{run}"], stdout=subprocess.PIPE,
                                        stderr=subprocess.PIPE)
                # Let it get going, then kill it at a random moment.
                deadline = time.monotonic() + rng.uniform(0.05, 0.6)
                fd = proc.stdout.fileno()
                os.set_blocking(fd, False)
                data = b""
                while time.monotonic() < deadline and proc.poll() is None:
                    try:
                        data += os.read(fd, 65536)
                    except BlockingIOError:
                        time.sleep(0.005)
                proc.send_signal(signal.SIGKILL)
                proc.wait()
                os.set_blocking(fd, True)
                data += proc.stdout.read()
                buffer = data.decode()
                err = proc.stderr.read().decode()
                self.assertNotIn("rror", err, err)
                for line in buffer.splitlines():
                    if line.startswith("ack "):
                        acked.add(line[4:])

                con = sqlite3.connect(db)
                self.assertEqual(con.execute("PRAGMA integrity_check").fetchone()[0], "ok")
                con.close()
                # The titles are sealed: the writer lists them after unlock.
                titles = set(subprocess.run([WRITER, db, "pw", "--list"], check=True,
                                            capture_output=True, text=True).stdout.splitlines())
                self.assertFalse([t for t in titles if t.startswith("damaged ")], titles)
                missing = acked - titles
                self.assertFalse(missing, f"run {run}: acknowledged writes lost: {sorted(missing)[:5]}")
            self.assertGreater(len(acked), runs)


if __name__ == "__main__":
    WRITER = sys.argv.pop(1)
    unittest.main(verbosity=2)
