#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright 2026 The Meldpunt developers
"""meldpunt-cli import-eml end to end: references on standard output, refused
files named on standard error, exit status 1 when any file was refused; a
message imported twice is taken in once and a reply joins its case, as
`mailbox fetch` does (issue 22)."""

import json
import os
import subprocess
import sys
import tempfile

# Passphrase files readable by their owner only, as meldpunt-cli asks.
os.umask(0o077)

CLI = sys.argv[1]
EML = sys.argv[2]


def run(tmp, *args, check=True):
    result = subprocess.run([CLI, '--database', os.path.join(tmp, 'desk.db'),
                             '--passphrase-file', os.path.join(tmp, 'pass'), *args],
                            capture_output=True, text=True)
    if check and result.returncode != 0:
        sys.exit(f'{args} failed ({result.returncode}): {result.stderr}')
    return result


def n_cases(tmp):
    return len(run(tmp, 'case', 'list', '--status', 'all').stdout.splitlines())


def main():
    with tempfile.TemporaryDirectory() as tmp:
        with open(os.path.join(tmp, 'pass'), 'w') as f:
            f.write('correct horse battery staple\n')
        run(tmp, 'init', '--organisation', 'Example Desk')

        good = os.path.join(EML, 'outlook-latin1.eml')
        webform = os.path.join(EML, 'forwarded-webform.eml')
        not_mail = os.path.join(EML, 'not-an-email.png')

        # Every file on its own: the refused one in the middle stops nothing.
        result = run(tmp, 'import-eml', good, not_mail, webform, check=False)
        assert result.returncode == 1, result
        refs = result.stdout.splitlines()
        assert refs == ['CVD-2026-0001', 'CVD-2026-0002'], refs
        assert 'not-an-email.png' in result.stderr, result.stderr
        assert 'not an e-mail message' in result.stderr, result.stderr
        assert 'outlook-latin1.eml' not in result.stderr, result.stderr
        # The tally goes to standard error, beside the references.
        assert result.stderr.endswith('meldpunt-cli: 2 messages imported, 1 refused\n'), \
            result.stderr

        # An Outlook .msg file says what to do instead.
        msg = os.path.join(EML, 'outlook.msg')
        result = run(tmp, 'import-eml', msg, check=False)
        assert result.returncode == 1 and result.stdout == '', result
        assert 'Outlook message file (.msg)' in result.stderr, result.stderr
        assert 'Save the message as an .eml file' in result.stderr, result.stderr
        assert result.stderr.endswith('meldpunt-cli: 0 messages imported, 1 refused\n'), \
            result.stderr

        # --help explains the command and its exit status, naming it once.
        result = run(tmp, 'import-eml', '--help')
        assert 'meldpunt-cli import-eml [OPTION…] FILE…' in result.stdout, result.stdout
        assert 'Exit status: 0 when every file was imported' in result.stdout, result.stdout
        usage = [line for line in result.stdout.splitlines() if 'FILE…' in line]
        assert len(usage) == 1 and usage[0].count('import-eml') == 1, result.stdout
        assert 'Example:\n  meldpunt-cli' in result.stdout, result.stdout

        shown = json.loads(run(tmp, 'case', 'show', 'CVD-2026-0001', '--json').stdout)
        assert shown['reporter_name'] == 'Zoë van der Berg', shown
        assert shown['reporter_email'] == 'meldingen@vdberg.example', shown
        assert shown['received_at'] == '2026-03-29T05:30:02Z', shown
        assert shown['channel'] == 'email', shown

        shown = json.loads(run(tmp, 'case', 'show', 'CVD-2026-0002', '--json').stdout)
        assert shown['channel'] == 'web-form', shown
        assert shown['reporter_email'] == 'zoe@vdberg.example', shown

        # All good: exit 0.
        result = run(tmp, 'import-eml', os.path.join(EML, 'signed.eml'))
        assert result.stdout == 'CVD-2026-0003\n', result.stdout
        assert 'refused' not in result.stderr, result.stderr

        # More than one transaction's worth (100), a refusal between them:
        # every stored case printed once, in the files' order. Each copy has
        # a Message-ID of its own: the same one would be a duplicate.
        with open(good, 'rb') as source:
            original = source.read()
        old_id = b'<AM7PR03MB6543A1B2C3D4E5F6@AM7PR03MB6543.eurprd03.prod.outlook.com>'
        assert original.count(old_id) == 1, 'the fixture changed'
        many = []
        for i in range(150):
            path = os.path.join(tmp, f'm{i:03}.eml')
            with open(path, 'wb') as out:
                out.write(original.replace(old_id, f'<copy-{i}@test.example>'.encode()))
            many.append(path)
        many.insert(120, not_mail)
        result = run(tmp, 'import-eml', *many, check=False)
        assert result.returncode == 1, result
        assert result.stdout.splitlines() == [f'CVD-2026-{n:04}' for n in range(4, 154)], \
            result.stdout
        assert result.stderr.endswith('meldpunt-cli: 150 messages imported, 1 refused\n'), \
            result.stderr[-200:]

        # The same messages again: nothing new, each named with the case that
        # has it, on standard output as `mailbox fetch` says it and on
        # standard error beside the file's name. Not a failure.
        count = n_cases(tmp)
        result = run(tmp, 'import-eml', good, many[0])
        assert result.stdout.splitlines() == ['duplicate CVD-2026-0001', 'duplicate CVD-2026-0004'], \
            result.stdout
        assert f'{good}: already in CVD-2026-0001, not imported again' in result.stderr, \
            result.stderr
        assert result.stderr.endswith('meldpunt-cli: 0 messages imported, 0 refused, '
                                      '2 already in a case\n'), result.stderr
        # Twice in one call: the second copy finds the first, in the same
        # transaction.
        twin = os.path.join(tmp, 'twin.eml')
        with open(twin, 'wb') as out:
            out.write(original.replace(old_id, b'<twin@test.example>'))
        result = run(tmp, 'import-eml', twin, twin)
        assert result.stdout == 'CVD-2026-0154\nduplicate CVD-2026-0154\n', result.stdout
        assert n_cases(tmp) == count + 1

        # A reply: by its In-Reply-To, and by the reference in its subject.
        def reply(name, message_id, subject, extra=''):
            path = os.path.join(tmp, name)
            with open(path, 'w') as out:
                out.write('From: Zoë van der Berg <meldingen@vdberg.example>\n'
                          'To: security@desk.example\n'
                          f'Subject: {subject}\n'
                          'Date: Tue, 31 Mar 2026 09:00:00 +0200\n'
                          f'Message-ID: {message_id}\n{extra}'
                          'MIME-Version: 1.0\nContent-Type: text/plain; charset=utf-8\n\n'
                          f'The details you asked for ({name}).\n')
            return path

        by_header = reply('by-header.eml', '<answer-1@vdberg.example>',
                          'Re: Lek in inlogpagina', f'In-Reply-To: {old_id.decode()}\n')
        by_subject = reply('by-subject.eml', '<answer-2@vdberg.example>',
                           'Re: [CVD-2026-0002] Uw melding')
        result = run(tmp, 'import-eml', by_header, by_subject)
        assert result.stdout == 'reply CVD-2026-0001\nreply CVD-2026-0002\n', result.stdout
        assert f"{by_header}: added to CVD-2026-0001 as the reporter's reply" in result.stderr, \
            result.stderr
        assert result.stderr.endswith('meldpunt-cli: 2 messages imported, 0 refused\n'), \
            result.stderr
        assert n_cases(tmp) == count + 1
        for ref, name in (('CVD-2026-0001', 'by-header.eml'), ('CVD-2026-0002', 'by-subject.eml')):
            shown = json.loads(run(tmp, 'case', 'show', ref, '--json').stdout)
            replies = [e for e in shown['timeline'] if e['kind'] == 'reply']
            assert len(replies) == 1 and name in replies[0]['body'], shown['timeline']
        # The reply imported again is a duplicate too.
        result = run(tmp, 'import-eml', by_subject)
        assert result.stdout == 'duplicate CVD-2026-0002\n', result.stdout

        # No files: usage.
        result = run(tmp, 'import-eml', check=False)
        assert result.returncode == 2, result

        # Over the limit: refused, named, nothing added.
        run(tmp, 'policy', 'set', 'import.max_bytes', '100')
        result = run(tmp, 'import-eml', good, check=False)
        assert result.returncode == 1 and result.stdout == '', result
        assert 'outlook-latin1.eml' in result.stderr and 'import.max_bytes' in result.stderr, result
    print('ok')


if __name__ == '__main__':
    main()
