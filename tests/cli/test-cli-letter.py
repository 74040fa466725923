#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright 2026 The Meldpunt developers
"""End-to-end test of `meldpunt-cli letter REF KIND [--language nl|en]`."""

import os
import subprocess
import sys
import tempfile

# Passphrase files readable by their owner only, as meldpunt-cli asks.
os.umask(0o077)

CLI = sys.argv[1]
DATA = sys.argv[2]
failures = 0
count = 0


def check(name, condition, detail=''):
    global failures, count
    count += 1
    if condition:
        print(f'ok {count} - {name}')
    else:
        failures += 1
        print(f'not ok {count} - {name}')
        for line in str(detail).splitlines():
            print(f'# {line}')


with tempfile.TemporaryDirectory() as tmp:
    db = os.path.join(tmp, 'desk.db')
    secret = os.path.join(tmp, 'passphrase')
    with open(secret, 'w') as f:
        f.write('correct horse battery staple\n')

    def cli(*args):
        return subprocess.run([CLI, '--database', db, '--passphrase-file', secret, *args],
                              capture_output=True, text=True)

    def must(*args):
        result = cli(*args)
        if result.returncode != 0:
            print(f'Bail out! {" ".join(args)} failed: {result.stderr}')
            sys.exit(1)
        return result.stdout

    must('init', '--organisation', 'Voorbeeld Diensten')
    must('policy', 'set', 'desk.email', 'security@voorbeeld.example')
    ref = must('case', 'add', os.path.join(DATA, 'case.json')).strip()

    # The reporter wrote in Dutch; the UI (LANGUAGE) is English.
    result = cli('letter', ref, 'acknowledgement')
    lines = result.stdout.split('\n')
    check('acknowledgement exits 0', result.returncode == 0, result.stderr)
    check('subject on the first line', lines[0] == f'We hebben je melding {ref} ontvangen', lines[0])
    check('blank line after the subject', len(lines) > 2 and lines[1] == '' and lines[2] != '')
    check('Dutch greeting', 'Beste Sanne de Vries,' in result.stdout, result.stdout)
    check('Dutch received date', 'vrijdag 20 november 2026' in result.stdout, result.stdout)
    check('desk e-mail from the settings', 'security@voorbeeld.example' in result.stdout)
    check('organisation', 'Voorbeeld Diensten' in result.stdout)
    check('no placeholder left', '{' not in result.stdout and '}' not in result.stdout)

    result = cli('letter', ref, 'acknowledgement', '--language', 'en')
    check('--language en', result.returncode == 0 and
          result.stdout.startswith(f'We have received your report {ref}\n\nDear Sanne de Vries,'),
          result.stdout + result.stderr)
    check('English received date', 'Friday 20 November 2026' in result.stdout, result.stdout)

    # Missing facts are named on standard error; the letter stays complete.
    result = cli('letter', ref, 'assessment')
    check('assessment without facts exits 0', result.returncode == 0, result.stderr)
    check('missing fix date named on stderr', 'the expected fix date' in result.stderr,
          result.stderr)
    check('fallback phrase in the letter', 'Verwachte datum van herstel: nog niet bekend'
          in result.stdout, result.stdout)
    check('stdout has no note', 'note:' not in result.stdout)

    must('case', 'answer', ref, 'assess.fix_date', '2026-12-04')
    # above the default cap of 300.00 only for a desk that raised it (issue 16)
    result = cli('case', 'answer', ref, 'reward.amount', '1500.00')
    check('an amount above the cap is refused', result.returncode != 0 and 'cap' in result.stderr,
          result.stderr)
    must('policy', 'set', 'reward_cap', '2000.00')
    must('case', 'answer', ref, 'reward.amount', '1500.00')
    result = cli('letter', ref, 'assessment', '--language', 'en')
    check('fix date in English', 'Expected fix date: Friday 4 December 2026' in result.stdout,
          result.stdout)
    check('no note once the fix date is known', 'fix date' not in result.stderr, result.stderr)
    result = cli('letter', ref, 'reward')
    check('amount in Dutch', 'Waarde: € 1.500,00' in result.stdout, result.stdout)
    result = cli('letter', ref, 'reward', '--language', 'en')
    check('amount in English', 'Value: €1,500.00' in result.stdout, result.stdout)

    # Every kind renders in both languages without a placeholder left.
    kinds = ['request-info', 'third-party', 'sister-redirect', 'duplicate', 'out-of-scope',
             'acknowledgement', 'assessment', 'progress-update', 'extension', 'fixed',
             'reward', 'credit', 'closure']
    bad = []
    for kind in kinds:
        for language in ('nl', 'en'):
            result = cli('letter', ref, kind, '--language', language)
            if result.returncode != 0 or '{' in result.stdout or ref not in result.stdout:
                bad.append(f'{kind}.{language}: {result.returncode} {result.stderr}')
    check('every kind in both languages', not bad, '\n'.join(bad))

    result = cli('letter', ref, 'thank-you')
    check('unknown kind fails', result.returncode != 0 and result.stdout == ''
          and 'thank-you' in result.stderr, result.stderr)
    result = cli('letter', ref, 'closure', '--language', 'de')
    check('unknown language fails', result.returncode != 0 and result.stdout == '', result.stderr)
    result = cli('letter', 'CVD-2026-9999', 'closure')
    check('unknown case fails', result.returncode != 0 and 'CVD-2026-9999' in result.stderr,
          result.stderr)
    result = cli('letter', ref)
    check('missing kind is a usage error', result.returncode == 2, result.stderr)

print(f'1..{count}')
sys.exit(1 if failures else 0)
