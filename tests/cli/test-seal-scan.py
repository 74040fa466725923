#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright 2026 The Meldpunt developers
"""Sealed by default (issue 18): a desk filled through every path of
meldpunt-cli (case add, case set of every field, checklist answers with
notes, import-eml of a message with attachments, backups, erase) holds none
of what was typed in clear. Every byte of the database, its -wal and
-journal, every backup and every other file the store made beside it is
scanned for unique random markers, before and after `case erase`."""

import json
import os
import secrets
import sqlite3
import subprocess
import sys
import tempfile
from email.message import EmailMessage

os.umask(0o077)

CLI = sys.argv[1]
MARKERS = {}


def marker(name):
    """A long random string, which no ciphertext holds by chance."""
    value = 'Mk' + secrets.token_hex(16)
    MARKERS[name] = value
    return value


def run(desk, *args, check=True, stdin=None):
    result = subprocess.run([CLI, '--database', os.path.join(desk, 'desk.db'),
                             '--passphrase-file', os.path.join(desk, '..', 'pass'), *args],
                            capture_output=True, text=True, input=stdin)
    if check and result.returncode != 0:
        sys.exit(f'{args} failed ({result.returncode}): {result.stderr}')
    return result


def scan(desk, when, erased_ref=None):
    """Every file in the desk's folder: none holds a marker."""
    names = sorted(os.listdir(desk))
    assert 'desk.db' in names, names
    found = []
    for name in names:
        with open(os.path.join(desk, name), 'rb') as f:
            data = f.read()
        for what, value in MARKERS.items():
            for form in (value.encode(), value.encode('utf-16-le')):
                if form in data:
                    found.append(f'{what} in {name}')
        # A severity-bearing CVSS vector is a secret too.
        if VECTOR.encode() in data:
            found.append(f'CVSS vector in {name}')
    assert not found, f'{when}: plaintext in the desk files: {found}'
    return names


VECTOR = 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H'


def eml(path):
    message = EmailMessage()
    message['From'] = f'{marker("eml-from-name")} <{marker("eml-from-local")}@example.org>'
    message['To'] = 'security@desk.example'
    message['Subject'] = f'Lek in {marker("eml-subject")}'
    message['Date'] = 'Mon, 23 Nov 2026 10:00:00 +0100'
    message['Message-ID'] = f'<{marker("eml-message-id")}@mail.example>'
    message.set_content(f'Beste desk,\n\nIk vond {marker("eml-body")} op '
                        f'https://{marker("eml-host")}.example.nl/login\n')
    message.add_attachment(f'proof {marker("eml-attachment-content")}\n'.encode(),
                           maintype='text', subtype='plain',
                           filename=f'{marker("eml-attachment-name")}.txt')
    message.add_attachment(b'\x89PNG\r\n\x1a\n' + marker('eml-image-content').encode(),
                           maintype='image', subtype='png',
                           filename=f'{marker("eml-image-name")}.png')
    with open(path, 'wb') as f:
        f.write(bytes(message))


def main():
    with tempfile.TemporaryDirectory() as tmp:
        desk = os.path.join(tmp, 'desk')
        os.mkdir(desk, 0o700)
        with open(os.path.join(tmp, 'pass'), 'w') as f:
            f.write('correct horse battery staple\n')
        run(desk, 'init', '--organisation', 'Example Desk')

        # case add, with every field it takes
        draft = {
            'title': f'SQL injection {marker("title")}',
            'asset': f'https://{marker("asset-host")}.example.nl/{marker("asset-path")}',
            'received_at': '2026-11-20T09:15:00Z',
            'channel': 'email',
            'reporter_name': marker('reporter-name'),
            'reporter_email': f'{marker("reporter-email")}@example.org',
            'reporter_language': 'en',
            'description': marker('description'),
            'impact': marker('impact'),
            'reproduction': marker('reproduction'),
        }
        ref = run(desk, 'case', 'add', stdin=json.dumps(draft)).stdout.strip()
        other = run(desk, 'case', 'add', stdin=json.dumps(
            {'title': f'Other {marker("other-title")}', 'received_at': '2026-11-21T09:15:00Z',
             'description': marker('other-description')})
        ).stdout.strip()

        # case set, every text field again, and the others
        for field in ('title', 'description', 'impact', 'reproduction', 'notes',
                      'reporter_name'):
            run(desk, 'case', 'set', ref, field, f'{field} {marker("set-" + field)}')
        run(desk, 'case', 'set', ref, 'asset', f'https://{marker("set-asset")}.example.nl/')
        run(desk, 'case', 'set', ref, 'reporter_email', f'{marker("set-email")}@example.org')
        run(desk, 'case', 'set', ref, 'reporter_wants_credit', 'true')
        run(desk, 'case', 'set', ref, 'report_encrypted', 'true')

        # checklist answers with notes, the free texts among them
        for item, value in (('scope.asset_owner', 'ours'),
                            ('assess.cvss', VECTOR),
                            ('assess.impact_notes', marker('impact-notes')),
                            ('assess.owner', marker('owner')),
                            ('credit.name', marker('credit-name')),
                            ('disclose.reporter_plans', marker('reporter-plans'))):
            run(desk, 'case', 'answer', ref, item, value,
                '--note', f'note {marker("note-" + item)}')
        run(desk, 'policy', 'set', 'update_interval_days', '10')

        # an e-mail with attachments, on the other case's side
        path = os.path.join(tmp, 'report.eml')
        eml(path)
        imported = run(desk, 'import-eml', path).stdout.split()
        assert len(imported) == 1, imported

        shown = json.loads(run(desk, 'case', 'show', ref, '--json').stdout)
        assert shown['title'] == f'title {MARKERS["set-title"]}', shown
        assert MARKERS['credit-name'] in json.dumps(shown), shown

        run(desk, 'backup', os.path.join(desk, 'before-erase.bak'))
        names = scan(desk, 'filled')
        assert 'before-erase.bak' in names, names

        # erase one case: what stays is sealed under a new key
        run(desk, 'case', 'answer', other, 'close.closed_on', '2026-11-22')
        run(desk, 'case', 'erase', other)
        run(desk, 'backup', os.path.join(desk, 'after-erase.bak'))
        scan(desk, 'after erase')

        listed = run(desk, 'case', 'list', '--status', 'all').stdout
        assert ref in listed and other in listed, listed
        shown = json.loads(run(desk, 'case', 'show', ref, '--json').stdout)
        assert shown['title'] == f'title {MARKERS["set-title"]}', shown

        # A flipped bit in one case's record: the desk opens, the case is
        # listed by its reference and named by `case show`, which fails.
        con = sqlite3.connect(os.path.join(desk, 'desk.db'))
        con.execute("UPDATE cases SET record = substr(record, 1, 40) || "
                    "CASE WHEN substr(record, 41, 1) = x'00' THEN x'01' ELSE x'00' END || "
                    "substr(record, 42) WHERE reference = ?", (ref,))
        con.commit()
        con.close()
        listed = run(desk, 'case', 'list', '--status', 'all').stdout
        assert f'{ref}\tintake\t-\t(damaged' in listed, listed
        assert other in listed, listed
        result = run(desk, 'case', 'show', ref, check=False)
        assert result.returncode == 1 and ref in result.stderr and 'damaged' in result.stderr, result
        shown = json.loads(run(desk, 'case', 'show', other, '--json').stdout)
        assert shown['reference'] == other, shown


main()
