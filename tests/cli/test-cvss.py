#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright 2026 The Meldpunt developers
"""End-to-end test of `meldpunt-cli cvss VECTOR`.

Expected scores come from FIRST: the CVSS v3.1 examples document, FIRST's
CVSS 4.0 validation reference set (FIRSTdotorg/cvss-resources) and the
calculator scores quoted in tests/core/test-cvss.c; none from this code.
"""
import os
import subprocess
import sys
import tempfile

CLI = sys.argv[1]

VALID = [
    # CVSS v3.1 examples (first.org/cvss/v3.1/examples)
    ("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", "9.8 critical"),     # Shellshock
    ("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N", "7.5 high"),         # Heartbleed
    ("CVSS:3.1/AV:N/AC:H/PR:N/UI:R/S:U/C:L/I:N/A:N", "3.1 low"),          # POODLE
    ("CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N", "6.1 medium"),       # CVE-2013-1937
    ("CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:C/C:H/I:H/A:H", "9.9 critical"),     # CVE-2012-1516
    ("CVSS:3.1/AV:P/AC:H/PR:H/UI:R/S:U/C:N/I:N/A:N", "0.0 none"),
    # Temporal: Roundup (9.8 x 0.94 x 0.95) = 8.8, the most specific score
    ("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/E:P/RL:O/RC:C", "8.8 high"),
    # Environmental with changed scope (FIRST 3.1 calculator: 9.7)
    ("CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:H/I:H/A:H/MS:C", "9.7 critical"),
    # Metrics in any order
    ("CVSS:3.1/S:U/C:H/I:N/A:N/AV:N/AC:L/PR:N/UI:N", "7.5 high"),
    # CVSS 4.0 (FIRST calculator / reference set)
    ("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N", "9.3 critical"),
    ("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:N/VI:N/VA:N/SC:N/SI:N/SA:N", "0.0 none"),
    ("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:H/SI:H/SA:H/E:A/CR:H/IR:H/AR:H",
     "10.0 critical"),
    ("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:L/SI:L/SA:L/E:U/CR:M/IR:M/AR:M",
     "6.8 medium"),
    ("CVSS:4.0/AV:N/AC:L/AT:P/PR:N/UI:N/VC:L/VI:L/VA:L/SC:L/SI:L/SA:L/E:U/CR:H/IR:H/AR:H",
     "1.7 low"),
    ("CVSS:4.0/AV:P/AC:H/AT:N/PR:L/UI:P/VC:H/VI:N/VA:N/SC:L/SI:L/SA:L/E:A/CR:X/IR:M/AR:X/MAV:L/"
     "MAC:L/MAT:X/MPR:N/MUI:P/MVC:N/MVI:N/MVA:H/MSC:L/MSI:S/MSA:H/S:N/AU:Y/R:U/V:X/RE:M/U:Amber",
     "9.2 critical"),
]

# (vector, what the message must name)
INVALID = [
    ("CVSS:3.1/AV:N/AC:L/UI:N/S:U/C:H/I:H/A:H", "PR"),                  # missing base metric
    ("CVSS:3.1/AV:N/AV:L/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", "AV"),        # duplicate
    ("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:Q", "A"),              # unknown value
    ("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/ZZ:N", "ZZ"),        # unknown metric
    ("CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", "3.0"),            # wrong prefix
    ("AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", "CVSS:3.1/"),               # no prefix
    ("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/", "metric A"),     # trailing slash
    ("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N", "SA"),
    ("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/MSC:S", "MSC"),
]


def run(args, env):
    return subprocess.run([CLI] + args, env=env, capture_output=True, text=True)


def main():
    failures = []
    with tempfile.TemporaryDirectory() as home:
        env = dict(os.environ)
        # No database is needed: point at one that does not exist.
        env["XDG_DATA_HOME"] = home
        env["MELDPUNT_DATABASE"] = os.path.join(home, "absent.db")

        for vector, expected in VALID:
            result = run(["cvss", vector], env)
            if result.returncode != 0 or result.stdout != expected + "\n":
                failures.append("%s: expected %r, got %r (exit %d, stderr %r)"
                                % (vector, expected, result.stdout, result.returncode,
                                   result.stderr))

        for vector, named in INVALID:
            result = run(["cvss", vector], env)
            if result.returncode != 1 or result.stdout != "" or named not in result.stderr:
                failures.append("%s: expected exit 1 and a message naming %r, got exit %d, "
                                "stdout %r, stderr %r"
                                % (vector, named, result.returncode, result.stdout,
                                   result.stderr))

        # The decimal separator is a dot whatever the locale.
        dutch = dict(env, LC_ALL="nl_NL.UTF-8", LANGUAGE="nl")
        result = run(["cvss", "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N"], dutch)
        if result.stdout != "7.5 high\n":
            failures.append("Dutch locale: got %r" % result.stdout)

        # A missing vector is a usage error.
        result = run(["cvss"], env)
        if result.returncode == 0 or "cvss VECTOR" not in result.stderr:
            failures.append("no vector: exit %d, stderr %r" % (result.returncode, result.stderr))

        if os.listdir(home):
            failures.append("cvss created files: %r" % os.listdir(home))

    for failure in failures:
        print(failure, file=sys.stderr)
    checks = len(VALID) + len(INVALID) + 3
    print("%d of %d checks passed" % (checks - len(failures), checks))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
