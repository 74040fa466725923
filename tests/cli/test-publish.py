#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright 2026 The Meldpunt developers
"""meldpunt-cli publish (issue 24) end to end: security.txt, the desk's CVD
policy, the hall of fame and CSAF advisories, each from the desk's settings.

Usage: test-publish.py MELDPUNT-CLI POLICIES-FOLDER
"""

import datetime
import html.parser
import json
import os
import re
import subprocess
import sys
import tempfile

CLI = sys.argv[1]
POLICIES = sys.argv[2] if len(sys.argv) > 2 else None
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

    def set(self, key, value):
        self.run("policy", "set", key, value)


def fields(text):
    """The fields of a security.txt, in order, without comments."""
    rows = []
    for line in text.splitlines():
        if line.startswith("#") or not line.strip():
            continue
        name, _, value = line.partition(": ")
        rows.append((name, value))
    return rows


def test_security_txt(desk):
    result = desk.run("publish", "security-txt", "--domain", "example.nl", ok=False)
    check(result.returncode != 0 and "assets.domains" in result.stderr,
          f"a desk without domains is told to add them: {result.stderr!r}")
    desk.set("assets.domains", "example.nl, voorbeeld.nl")
    desk.set("sister.1.name", "Zusje BV")
    desk.set("sister.1.url", "https://zusje.nl/cvd")
    desk.set("sister.1.domains", "zusje.nl")

    result = desk.run("publish", "security-txt", "--domain", "example.nl", ok=False)
    check(result.returncode != 0 and "desk.email" in result.stderr and result.stdout == "",
          f"a desk without an e-mail address is told to set desk.email: {result.stderr!r}")
    desk.set("desk.email", "security@example.nl")

    for domain in ("zusje.nl", "www.zusje.nl"):
        result = desk.run("publish", "security-txt", "--domain", domain, ok=False)
        check(result.returncode != 0 and "Zusje BV" in result.stderr,
              f"a sister's domain {domain} is refused: {result.stderr!r}")
    result = desk.run("publish", "security-txt", "--domain", "elders.nl", ok=False)
    check(result.returncode != 0 and "example.nl" in result.stderr,
          f"a domain outside the asset list is refused with the list: {result.stderr!r}")

    result = desk.run("publish", "security-txt", "--domain", "www.Example.nl", "--unsigned")
    rows = fields(result.stdout)
    names = [name for name, _ in rows]
    values = dict(rows)
    check(rows and rows[0] == ("Contact", "mailto:security@example.nl"),
          f"Contact is the desk's address, first: {rows[:1]}")
    for name in ("Expires", "Encryption", "Acknowledgments", "Preferred-Languages", "Canonical",
                 "Policy"):
        check(name in names, f"{name} is present")
    check(names.count("Expires") == 1 and names.count("Canonical") == 1, "Expires, Canonical once")
    check("CSAF" not in names, "no CSAF field without publish.csaf_url")
    check(values.get("Preferred-Languages") == "nl, en", "Preferred-Languages: nl, en")
    check(values.get("Canonical") == "https://www.example.nl/.well-known/security.txt",
          f"Canonical default: {values.get('Canonical')}")
    check(values.get("Encryption") == "https://www.example.nl/security/desk-key.asc",
          "Encryption default")
    check(values.get("Acknowledgments") == "https://www.example.nl/security/hall-of-fame.html",
          "Acknowledgments default")
    policies = [value for name, value in rows if name == "Policy"]
    check(policies == ["https://www.example.nl/security/policy-nl.html",
                       "https://www.example.nl/security/policy-en.html"],
          f"one Policy per language: {policies}")
    check(result.stdout.startswith("# ") and "not signed" in result.stdout.splitlines()[0],
          "the file says it is not signed")

    expires = values.get("Expires", "")
    check(re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", expires) is not None,
          f"Expires in RFC 3339: {expires!r}")
    moment = datetime.datetime.strptime(expires, "%Y-%m-%dT%H:%M:%SZ")
    now = datetime.datetime(2026, 12, 7, 10, 0, 0)
    check(moment == datetime.datetime(2027, 11, 7, 10, 0, 0), f"Expires 11 months ahead: {moment}")
    check(now < moment <= now.replace(year=now.year + 1), "Expires within a year")

    # A later "now" moves Expires; 12 months is the most the RFC allows.
    desk.set("publish.expires_months", "12")
    rows = dict(fields(desk.run("publish", "security-txt", "--domain", "example.nl",
                                now="2027-02-28T23:59:59Z").stdout))
    check(rows.get("Expires") == "2028-02-28T23:59:59Z", f"12 months: {rows.get('Expires')}")
    result = desk.run("policy", "set", "publish.expires_months", "13", ok=False)
    check(result.returncode != 0 and "0 to 12" in result.stderr, "13 months are refused")
    desk.set("publish.expires_months", "0")
    result = desk.run("publish", "security-txt", "--domain", "example.nl", ok=False)
    check(result.returncode != 0 and "1 to 12" in result.stderr, "0 months are refused")
    desk.set("publish.expires_months", "11")

    # Changed addresses: a full URL and a path under the domain.
    desk.set("publish.policy_url_en", "https://beleid.example.org/cvd-en")
    desk.set("publish.key_url", "/pgp/key.asc")
    desk.set("publish.csaf_url", "/.well-known/csaf/provider-metadata.json")
    result = desk.run("policy", "set", "publish.hall_of_fame_url", "http://example.nl/x", ok=False)
    check(result.returncode != 0 and "https://" in result.stderr, "http:// is refused")
    out = os.path.join(desk.folder, "security.txt")
    result = desk.run("publish", "security-txt", "--domain", "voorbeeld.nl", "--output", out)
    check(result.stdout == "", "with --output nothing goes to standard output")
    with open(out) as f:
        rows = fields(f.read())
    values = dict(rows)
    policies = [value for name, value in rows if name == "Policy"]
    check("https://beleid.example.org/cvd-en" in policies, f"the changed policy URL: {policies}")
    check(values.get("Encryption") == "https://voorbeeld.nl/pgp/key.asc",
          f"a path is taken under the domain: {values.get('Encryption')}")
    check(values.get("CSAF") == "https://voorbeeld.nl/.well-known/csaf/provider-metadata.json",
          f"CSAF when set: {values.get('CSAF')}")
    for key in ("publish.policy_url_en", "publish.key_url", "publish.csaf_url"):
        desk.set(key, "")


class Page(html.parser.HTMLParser):
    """Checks that tags nest and close; collects the text and the links."""
    VOID = {"meta", "br", "link", "img", "hr"}

    def __init__(self):
        super().__init__()
        self.stack = []
        self.errors = []
        self.text = []
        self.links = []
        self.tags = set()
        self.in_style = False

    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)
        if tag == "a":
            self.links.append(dict(attrs).get("href"))
        if tag == "style":
            self.in_style = True
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag):
        if tag == "style":
            self.in_style = False
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> closes {self.stack[-1:] or 'nothing'}")
        else:
            self.stack.pop()

    def handle_data(self, data):
        if not self.in_style:
            self.text.append(data)


def parse_page(text):
    page = Page()
    page.feed(text)
    page.close()
    if page.stack:
        page.errors.append(f"left open: {page.stack}")
    return page


def normal(text):
    return " ".join(re.sub(r"[^\w@./:-]+", " ", text.lower()).split())


def sample_sentences():
    """The sentences (five words or more) of the sample policies."""
    sentences = []
    if POLICIES is None or not os.path.isdir(POLICIES):
        return sentences
    for name in sorted(os.listdir(POLICIES)):
        with open(os.path.join(POLICIES, name), encoding="utf-8", errors="replace") as f:
            text = " ".join(f.read().split())
        for sentence in re.split(r"(?<=[.!?:;•])\s+|•", text):
            words = normal(sentence)
            if len(words.split()) >= 5:
                sentences.append(words)
    return sentences


def shingles(text, n=8):
    words = normal(text).split()
    return {" ".join(words[i:i + n]) for i in range(len(words) - n + 1)}


NUMBERS = {"ack_hours": "61", "assess_workdays": "4", "update_interval_days": "11",
           "fix_days.critical": "5", "fix_days.high": "23", "fix_days.medium": "47",
           "fix_days.low": "83", "disclosure_days": "120"}

DEFAULTS = {"ack_hours": "72", "assess_workdays": "3", "update_interval_days": "14",
            "fix_days.critical": "7", "fix_days.high": "30", "fix_days.medium": "60",
            "fix_days.low": "90", "disclosure_days": "90", "reward_cap": "300",
            "reward_matrix.critical.excellent": "300"}


def test_policy(desk):
    samples = sample_sentences()
    sample_shingles = set()
    for sentence in samples:
        sample_shingles |= shingles(sentence)
    if POLICIES is not None and os.path.isdir(POLICIES):
        check(len(samples) > 20, f"the sample policies give sentences: {len(samples)}")
    if not samples:
        print(f"note: no sample policies in {POLICIES}; the copying check is skipped")

    for language in ("nl", "en"):
        for fmt in ("html", "text"):
            text = desk.run("publish", "policy", "--language", language, "--format", fmt).stdout
            words = text
            if fmt == "html":
                page = parse_page(text)
                check(not page.errors, f"{language} HTML is well formed: {page.errors}")
                check("script" not in page.tags, "no scripts")
                check({"html", "head", "title", "body", "h1", "h2", "ul", "li"} <= page.tags,
                      f"a whole page with headings and lists: {sorted(page.tags)}")
                check(f'lang="{language}"' in text, f"the page says its language {language}")
                check("mailto:security@example.nl" in page.links, "the address is a link")
                words = " ".join(page.text)
            for number in ["72", "3", "14", "7", "30", "60", "90"]:
                check(re.search(rf"\b{number}\b", words) is not None,
                      f"{language} {fmt}: the default number {number} appears")
            check(("€ 300,00" if language == "nl" else "€300.00") in words,
                  f"{language} {fmt}: the reward cap appears")
            check(re.search(r"%[a-z]|\{\{|\}\}|\(null\)", words) is None,
                  f"{language} {fmt}: no unfilled placeholder")
            for name in ("security@example.nl", "https://example.nl/security/desk-key.asc",
                         "https://zusje.nl/cvd", "Zusje BV",
                         "https://example.nl/security/hall-of-fame.html"):
                check(name in words, f"{language} {fmt}: {name} appears")
            copied = [s for s in samples if s in normal(words)]
            check(not copied, f"{language} {fmt}: no sentence of the samples: {copied[:3]}")
            overlap = shingles(words) & sample_shingles
            check(not overlap, f"{language} {fmt}: no eight words in a row of the samples: "
                  f"{sorted(overlap)[:3]}")
        check(("uur" in words) == (language == "nl"), f"{language}: the text is in {language}")

    # Other numbers: every promise follows the settings.
    for key, value in NUMBERS.items():
        desk.set(key, value)
    desk.set("reward_matrix.critical.excellent", "275")
    desk.set("reward_cap", "275")
    for language in ("nl", "en"):
        text = desk.run("publish", "policy", "--language", language, "--format", "text").stdout
        flat = " ".join(text.split())
        for key, value in NUMBERS.items():
            check(re.search(rf"\b{value}\b", flat) is not None,
                  f"{language}: {key} = {value} appears")
        for old in ("72", "14", "30", "60", "90"):
            check(re.search(rf"\b{old}\b", flat) is None,
                  f"{language}: the old number {old} is gone")
        check(("€ 275,00" if language == "nl" else "€275.00") in flat,
              f"{language}: the new reward cap appears")
    for key, value in DEFAULTS.items():
        desk.set(key, value)

    out = os.path.join(desk.folder, "policy.html")
    result = desk.run("publish", "policy", "--language", "en", "--output", out)
    check(result.stdout == "" and os.path.getsize(out) > 1000, "--output writes the page")
    for args, what in ((["--language", "de"], "nl or en"), (["--language", "nl", "--format", "pdf"],
                                                           "html or text")):
        result = desk.run("publish", "policy", *args, ok=False)
        check(result.returncode == 2 and what in result.stderr,
              f"{args} is refused: {result.stderr!r}")


def add_case(desk, title, received, reporter):
    path = os.path.join(desk.folder, "case.json")
    with open(path, "w") as f:
        json.dump({"title": title, "description": "Details", "received_at": received,
                   "reporter_name": reporter, "reporter_email": "melder@example.org"}, f)
    return desk.run("case", "add", path).stdout.strip()


def credit(desk, ref, wants, name=None, consent=None):
    desk.run("case", "answer", ref, "credit.wants", wants)
    if name is not None:
        desk.run("case", "answer", ref, "credit.name", name)
    if consent is not None:
        desk.run("case", "answer", ref, "credit.consent_on", consent)


def test_hall_of_fame(desk):
    empty = desk.run("publish", "hall-of-fame", "--format", "text").stdout
    check("Nobody" not in empty and "nog niemand" in empty, "an empty list says so, in Dutch")

    named = add_case(desk, "XSS op het portaal", "2026-09-14T08:00:00Z", "Echte Naam")
    desk.run("case", "answer", named, "assess.cvss", "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H")
    credit(desk, named, "yes", "Nachtuil", "2026-10-01")
    no_consent = add_case(desk, "Open map", "2026-10-03T08:00:00Z", "Zonder Toestemming")
    credit(desk, no_consent, "yes", "Jan Nog-Niet")
    declined = add_case(desk, "Oude TLS", "2026-10-05T08:00:00Z", "Wil Niet")
    credit(desk, declined, "no")
    erased = add_case(desk, "IDOR in de API", "2026-11-30T23:30:00Z", "Gewist Maar Genoemd")
    credit(desk, erased, "yes", "Bitvos", "2026-12-01")
    desk.run("case", "answer", erased, "close.closed_on", "2026-12-02")
    desk.run("case", "erase", erased)

    for language in ("nl", "en"):
        text = desk.run("publish", "hall-of-fame", "--language", language, "--format",
                        "text").stdout
        check("Nachtuil" in text and "Bitvos" in text, f"{language}: consented credits listed")
        for name in ("Jan Nog-Niet", "Echte Naam", "Zonder Toestemming", "Wil Niet",
                     "Gewist Maar Genoemd", "melder@"):
            check(name not in text, f"{language}: {name} is not named")
        check(text.find("Bitvos") < text.find("Nachtuil"), f"{language}: newest first")
        month = "december 2026" if language == "nl" else "December 2026"
        check(re.search(rf"Bitvos, {month}\b", text) is not None,
              f"{language}: the month of the report in the desk's time zone: {text!r}")
        severity = "kritieke ernst" if language == "nl" else "critical severity"
        check(re.search(rf"Nachtuil, [Ss]eptember 2026, {severity}", text) is not None,
              f"{language}: the severity where known")
        page = desk.run("publish", "hall-of-fame", "--language", language).stdout
        parsed = parse_page(page)
        check(not parsed.errors and "li" in parsed.tags, f"{language}: HTML is well formed")
        check(page.count("<li>") == 2, f"{language}: two entries in the HTML")

    # A reporter's chosen name is text, never markup.
    hostile = add_case(desk, "Markup", "2026-08-01T08:00:00Z", "X")
    credit(desk, hostile, "yes", "<img src=x onerror=alert(1)> & Co", "2026-08-02")
    page = desk.run("publish", "hall-of-fame", "--language", "en").stdout
    parsed = parse_page(page)
    check("img" not in parsed.tags and "&lt;img src=x onerror=alert(1)&gt; &amp; Co" in page,
          "a credit name with markup is escaped")
    check("<img src=x onerror=alert(1)> & Co" in " ".join(parsed.text),
          "and reads as the name the reporter chose")
    desk.run("case", "answer", hostile, "credit.wants", "no")

    # A credit whose consent is withdrawn (the answer removed) leaves the list.
    desk.run("case", "answer", named, "credit.wants", "no")
    text = desk.run("publish", "hall-of-fame", "--format", "text").stdout
    check("Nachtuil" not in text and "Bitvos" in text, "withdrawn consent leaves the list")
    result = desk.run("publish", "hall-of-fame", "--language", "fr", ok=False)
    check(result.returncode == 2 and "nl or en" in result.stderr, "an unknown language is refused")


def main():
    with tempfile.TemporaryDirectory() as folder:
        desk = Desk(folder)
        desk.run("init", "--organisation", "Voorbeeld ICT")
        test_security_txt(desk)
        test_policy(desk)
        test_hall_of_fame(desk)
    print(f"{passed} checks passed, {failures} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
