#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright 2026 The Meldpunt developers
"""meldpunt-cli publish with the desk's key (issue 24): security.txt
clear-signed and verified by gpg, --unsigned and the desk without a key,
the renewal deadline a month before Expires, the warning when the key
expires first, publish check-security-txt, and the CSAF advisory's detached
.asc signature.

Usage: test-publish-signed.py MELDPUNT-CLI
"""

import datetime
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

CLI = sys.argv[1]
failures = 0
passed = 0
homes = []


def check(condition, what):
    global failures, passed
    if condition:
        passed += 1
    else:
        failures += 1
        print(f"FAIL: {what}", file=sys.stderr)


def gpg(home, *args, input=None, ok=True):
    result = subprocess.run(["gpg", "--homedir", home, "--batch", "--status-fd", "1", *args],
                            input=input, capture_output=True, text=True)
    if ok and result.returncode != 0:
        raise AssertionError(f"gpg {args}: {result.stderr}")
    return result


def fields(text):
    return [tuple(line.split(": ", 1)) for line in text.splitlines()
            if line and not line.startswith(("#", "-----", "Hash:")) and ": " in line]


def utc(moment):
    return datetime.datetime.strptime(moment, "%Y-%m-%dT%H:%M:%SZ")


def run_tests(root):
    runtime = os.path.join(root, "run")
    os.mkdir(runtime, 0o700)
    user_home = os.path.join(root, "user-gnupg")
    os.mkdir(user_home, 0o700)
    env = dict(os.environ, XDG_RUNTIME_DIR=runtime, MELDPUNT_TEST_CHEAP_KDF="1",
               GNUPGHOME=user_home)
    env.pop("MELDPUNT_NOW", None)
    database = os.path.join(root, "desk.db")
    passfile = os.path.join(root, "passphrase.txt")
    with open(passfile, "w") as f:
        f.write("tulpen in de lente\n")
    os.chmod(passfile, 0o600)

    def cli(*args, input=None, now=None, ok=True):
        run_env = dict(env, MELDPUNT_NOW=now) if now else env
        result = subprocess.run([CLI, "--database", database, "--passphrase-file", passfile, *args],
                                env=run_env, input=input, capture_output=True, text=True)
        if ok and result.returncode != 0:
            raise AssertionError(f"{args} failed ({result.returncode}): {result.stderr}")
        return result

    cli("init", "--organisation", "Voorbeeld ICT")
    cli("policy", "set", "desk.email", "security@example.nl")
    cli("policy", "set", "assets.domains", "example.nl, voorbeeld.nl")

    # No key: unsigned, and said so in the file and on standard error.
    result = cli("publish", "security-txt", "--domain", "example.nl")
    check("not signed" in result.stderr and "no OpenPGP key" in result.stderr,
          f"without a key the command says it is unsigned: {result.stderr!r}")
    check(result.stdout.startswith("# This file is not signed")
          and "BEGIN PGP" not in result.stdout, "without a key the file is unsigned and says so")
    unsigned_text = result.stdout

    # The renewal: a deadline a month before Expires, on the calendar.
    expires = utc(dict(fields(unsigned_text))["Expires"])
    due = expires.replace(month=expires.month - 1) if expires.month > 1 else \
        expires.replace(year=expires.year - 1, month=12)
    lines = [l.split("\t") for l in cli("deadlines").stdout.splitlines()]
    renewals = [l for l in lines if l[2:3] == ["security-txt-renewal"]]
    check(len(renewals) == 1 and renewals[0][1] == "example.nl"
          and renewals[0][0] == due.strftime("%Y-%m-%dT%H:%M:%SZ"),
          f"the renewal is due a month before {expires}: {renewals}")
    listed = json.loads(cli("deadlines", "--json").stdout)
    check(any(d.get("kind") == "security-txt-renewal" for d in listed),
          f"and in the JSON list: {listed}")
    ics = os.path.join(root, "deadlines.ics")
    cli("deadlines", "--ics", ics)
    with open(ics) as f:
        check("example.nl: renew security.txt" in f.read().replace("\r\n ", ""),
              "and in the iCalendar file")

    # The checker on the unsigned file: fields fine, a warning about the signature.
    path = os.path.join(root, "unsigned.txt")
    with open(path, "w") as f:
        f.write(unsigned_text)
    result = cli("publish", "check-security-txt", path)
    check(result.returncode == 0 and "warning: The file is not signed" in result.stdout,
          f"an unsigned file passes with a warning: {result.stdout!r}")

    # A key that expires before the file would: signed, with a warning.
    soon = (datetime.date.today() + datetime.timedelta(days=120)).isoformat()
    cli("key", "generate", "--name", "Voorbeeld ICT", "--expires", soon)
    result = cli("publish", "security-txt", "--domain", "example.nl")
    check(result.stdout.startswith("-----BEGIN PGP SIGNED MESSAGE-----"), "signed with a key")
    check("expires on " + soon in result.stderr and "before this file" in result.stderr,
          f"warned that the key expires first: {result.stderr!r}")
    result = cli("publish", "check-security-txt", "-", input=result.stdout)
    check(result.returncode == 0 and "signature is good" in result.stdout
          and f"warning: The desk's key expires on {soon}, before the file does" in result.stdout,
          f"the checker warns that the key expires first: {result.stdout!r}")

    # A key that outlives the file: signed, no warning; gpg verifies it.
    later = (datetime.date.today() + datetime.timedelta(days=800)).isoformat()
    cli("key", "generate", "--name", "Voorbeeld ICT", "--expires", later)
    fingerprint = cli("key", "show").stdout.split("\t")[0]
    out = os.path.join(root, "security.txt")
    result = cli("publish", "security-txt", "--domain", "voorbeeld.nl", "--output", out)
    check(result.stdout == "" and result.stderr == "",
          f"signed quietly, without a warning: {result.stderr!r}")
    with open(out) as f:
        signed = f.read()
    rows = fields(signed)
    check(rows and rows[0] == ("Contact", "mailto:security@example.nl"),
          f"the signed file has the fields: {rows[:2]}")
    check("not signed" not in signed, "a signed file does not say it is unsigned")
    scratch = os.path.join(root, "scratch")
    os.mkdir(scratch, 0o700)
    homes.append(scratch)
    gpg(scratch, "--import", input=cli("key", "export").stdout)
    verify = gpg(scratch, "--verify", out, ok=False)
    check(verify.returncode == 0 and f"VALIDSIG {fingerprint}" in verify.stdout,
          f"gpg verifies the signature by {fingerprint}: {verify.stdout}{verify.stderr}")
    tampered = signed.replace("mailto:security@example.nl", "mailto:attacker@example.org")
    tampered_path = os.path.join(root, "tampered.txt")
    with open(tampered_path, "w") as f:
        f.write(tampered)
    verify = gpg(scratch, "--verify", tampered_path, ok=False)
    check(verify.returncode != 0 and "BADSIG" in verify.stdout, "gpg rejects a changed file")

    # The renewal moved with the new file of voorbeeld.nl; example.nl kept its own.
    lines = [l.split("\t") for l in cli("deadlines").stdout.splitlines()]
    renewals = sorted(l[1] for l in lines if l[2:3] == ["security-txt-renewal"])
    check(renewals == ["example.nl", "voorbeeld.nl"], f"one renewal per domain: {renewals}")

    # --unsigned with a key: unsigned, and says so.
    result = cli("publish", "security-txt", "--domain", "example.nl", "--unsigned")
    check("BEGIN PGP" not in result.stdout and result.stdout.startswith("# This file is not signed")
          and "--unsigned" in result.stderr, f"--unsigned: {result.stderr!r}")

    # The checker: a good signature, a changed file, an expired one, a broken one.
    result = cli("publish", "check-security-txt", out)
    check(result.returncode == 0 and f"ok: Signed by the desk's key {fingerprint}" in result.stdout
          and "error" not in result.stdout, f"the signed file checks: {result.stdout!r}")
    result = cli("publish", "check-security-txt", "-", input=signed)
    check(result.returncode == 0 and "signature is good" in result.stdout, "from standard input")
    result = cli("publish", "check-security-txt", tampered_path, ok=False)
    check(result.returncode == 1 and "error: The signature" in result.stdout
          and "BAD" in result.stdout, f"a changed file fails: {result.stdout!r}")
    result = cli("publish", "check-security-txt", out, now="2031-01-01T00:00:00Z", ok=False)
    check(result.returncode == 1 and "error: Expires: the file expired" in result.stdout,
          f"an expired file fails: {result.stdout!r}")
    broken = os.path.join(root, "broken.txt")
    with open(broken, "w") as f:
        f.write("Contact: http://example.nl/contact\nExpires: next year\nExpires: 2027-01-01\n"
                "Policy: https://example.nl/p\nnonsense line\nPreferred-Languages: nl\n"
                "Preferred-Languages: en\n")
    result = cli("publish", "check-security-txt", broken, ok=False)
    for words in ("error: Contact: “http://example.nl/contact”", "error: Expires: “next year”",
                  "error: Expires is given more than once", "error: Line 5 is not a field",
                  "error: Preferred-Languages is given more than once",
                  "warning: Canonical is missing"):
        check(result.returncode == 1 and words in result.stdout, f"{words!r} in {result.stdout!r}")
    with open(broken, "w") as f:
        f.write("Policy: https://example.nl/p\n")
    result = cli("publish", "check-security-txt", broken, ok=False)
    check(result.returncode == 1 and "error: Contact is missing" in result.stdout
          and "error: Expires is missing" in result.stdout, f"missing fields: {result.stdout!r}")
    far = (datetime.datetime.utcnow() + datetime.timedelta(days=500)).strftime("%Y-%m-%dT%H:%M:%SZ")
    with open(broken, "w") as f:
        f.write(f"Contact: mailto:a@example.nl\nExpires: {far}\n")
    result = cli("publish", "check-security-txt", broken)
    check("warning: Expires" in result.stdout and "more than a year" in result.stdout,
          f"more than a year ahead is a warning: {result.stdout!r}")

    # Another key's signature is not the desk's.
    other = os.path.join(root, "other")
    os.mkdir(other, 0o700)
    homes.append(other)
    gpg(other, "--pinentry-mode", "loopback", "--passphrase", "", "--quick-generate-key",
        "Iemand Anders <anders@example.org>", "ed25519", "sign", "1y")
    foreign = gpg(other, "--pinentry-mode", "loopback", "--passphrase", "", "--clearsign",
                  input=unsigned_text).stdout
    result = cli("publish", "check-security-txt", "-", input=foreign, ok=False)
    check(result.returncode == 1 and "not the desk's key" in result.stdout,
          f"a stranger's signature: {result.stdout!r}")

    # The policy names the key's fingerprint now that there is one.
    text = cli("publish", "policy", "--language", "en", "--format", "text").stdout
    check(fingerprint in " ".join(text.split()).replace(" ", "") or fingerprint in text,
          "the policy gives the key's fingerprint")

    # CSAF: the advisory with its hashes and a detached signature gpg verifies.
    case_file = os.path.join(root, "case.json")
    with open(case_file, "w") as f:
        json.dump({"title": "SQL injection in het portaal", "description": "Details",
                   "received_at": "2026-10-01T08:00:00Z", "asset": "https://portaal.example.nl/",
                   "impact": "Gegevens inzien", "reporter_name": "Melder"}, f)
    ref = cli("case", "add", case_file).stdout.strip()
    cli("case", "answer", ref, "assess.cvss", "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H")
    cli("case", "answer", ref, "remed.fixed_on", "2026-11-01")
    advisory = os.path.join(root, "advisory.json")
    cli("publish", "csaf", ref, "--output", advisory)
    check(os.path.exists(advisory + ".asc"), "the advisory has a .asc beside it")
    verify = gpg(scratch, "--verify", advisory + ".asc", advisory, ok=False)
    check(verify.returncode == 0 and f"VALIDSIG {fingerprint}" in verify.stdout,
          f"gpg verifies the advisory's signature: {verify.stdout}{verify.stderr}")
    with open(advisory, "a") as f:
        f.write(" ")
    verify = gpg(scratch, "--verify", advisory + ".asc", advisory, ok=False)
    check(verify.returncode != 0 and "BADSIG" in verify.stdout, "a changed advisory fails")

    # The user's own GnuPG home was never touched.
    check(os.listdir(user_home) == [], f"the user's GnuPG home: {os.listdir(user_home)}")
    check([n for n in os.listdir(runtime) if n.startswith("meldpunt-gnupg-")] == [],
          "no private GnuPG home is left behind")


def main():
    if shutil.which("gpg") is None:
        print("SKIP: no gpg")
        return 77
    root = tempfile.mkdtemp(prefix="meldpunt-publish-signed-")
    try:
        run_tests(root)
    finally:
        for home in homes:
            subprocess.run(["gpgconf", "--homedir", home, "--kill", "all"], capture_output=True)
        shutil.rmtree(root, ignore_errors=True)
    print(f"{passed} checks passed, {failures} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
