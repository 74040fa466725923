#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright 2026 The Meldpunt developers
"""Runs the UI test that stores marker strings through the window (intake
form, clipboard, backup, passphrase change, lock) with every debug message
on, and fails when a marker shows up in its standard output or error."""
import os
import subprocess
import sys

MARKER = b"zqxmarker"
TEST = "/ui/trust/markers-through-the-ui"


def main():
    binary = sys.argv[1]
    env = dict(os.environ)
    env["G_MESSAGES_DEBUG"] = "all"
    result = subprocess.run([binary, "-p", TEST, "--verbose"], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=300)
    output = result.stdout + result.stderr
    if result.returncode != 0:
        sys.stderr.write(output.decode("utf-8", "replace"))
        print(f"FAIL: {TEST} exited with {result.returncode}")
        return 1
    # The test must really have run with debug output on.
    if f"ok 1 {TEST}".encode() not in output and b"OK" not in output:
        sys.stderr.write(output.decode("utf-8", "replace"))
        print(f"FAIL: {TEST} did not report success")
        return 1
    if b"DEBUG" not in output and b"-DEBUG" not in output:
        print("note: no debug messages were logged at all")
    lines = [line for line in output.splitlines() if MARKER in line.lower()]
    if lines:
        for line in lines[:20]:
            print("leaked:", line.decode("utf-8", "replace"))
        print(f"FAIL: {len(lines)} line(s) of output contain confidential text")
        return 1
    print(f"ok: {len(output)} bytes of output with debug logging, no confidential text")
    return 0


if __name__ == "__main__":
    sys.exit(main())
