#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright 2026 The Meldpunt developers
"""End-to-end test of `meldpunt-cli key` (issue 21) with the real gpg.

The desk's key is made by `key generate` and checked by gpg after `key
export`; a key made by gpg with a passphrase is taken by `key import`. The
secret key and its passphrase are never in the bytes of the database or
its WAL, and no private GnuPG home is left behind in the runtime folder."""

import os
import re
import shutil
import subprocess
import sys
import tempfile

CLI = sys.argv[1]
failures = []
homes = []


def check(condition, message):
    if not condition:
        failures.append(message)
        print('FAIL:', message)


def gpg_home(root, name):
    home = os.path.join(root, name)
    os.mkdir(home, 0o700)
    homes.append(home)
    return home


def gpg(home, *args, input=None, binary=False):
    result = subprocess.run(['gpg', '--homedir', home, '--batch', '--pinentry-mode', 'loopback',
                             *args], input=input, capture_output=True, text=not binary)
    if result.returncode != 0:
        raise RuntimeError(f'gpg {args}: {result.stderr}')
    return result.stdout


def leftovers(runtime):
    return [n for n in os.listdir(runtime) if n.startswith('meldpunt-gnupg-')]


def db_bytes(database):
    data = b''
    for suffix in ('', '-wal'):
        if os.path.exists(database + suffix):
            with open(database + suffix, 'rb') as f:
                data += f.read()
    return data


def main():
    root = tempfile.mkdtemp(prefix='meldpunt-key-')
    try:
        run_tests(root)
    finally:
        for home in homes:
            subprocess.run(['gpgconf', '--homedir', home, '--kill', 'all'], capture_output=True)
        shutil.rmtree(root, ignore_errors=True)
    if failures:
        print(f'{len(failures)} failure(s)')
        return 1
    print('ok')
    return 0


def run_tests(root):
    runtime = os.path.join(root, 'run')
    os.mkdir(runtime, 0o700)
    env = dict(os.environ, XDG_RUNTIME_DIR=runtime, MELDPUNT_TEST_CHEAP_KDF='1')
    # The user's own GnuPG home must never be touched: point it at a folder
    # that is checked to stay empty.
    user_home = gpg_home(root, 'user-gnupg')
    env['GNUPGHOME'] = user_home
    database = os.path.join(root, 'desk.db')
    passfile = os.path.join(root, 'passphrase.txt')
    with open(passfile, 'w') as f:
        f.write('correct horse battery staple\n')
    os.chmod(passfile, 0o600)

    def cli(*args, input=None):
        return subprocess.run([CLI, '--database', database, '--passphrase-file', passfile, *args],
                              env=env, input=input, capture_output=True, text=True)

    r = cli('init', '--organisation', 'ICT Teamwork')
    check(r.returncode == 0, f'init: {r.stderr}')

    # No key yet: said so, for show and export.
    for command in ('show', 'export'):
        r = cli('key', command)
        check(r.returncode == 1 and 'no OpenPGP key' in r.stderr and r.stdout == '',
              f'key {command} without a key: {r.returncode} {r.stderr!r}')

    # Bad input: a clear message, nothing made.
    r = cli('key', 'generate', '--email', 'security@ictteamwork.nl', '--expires', '2028-13-01')
    check(r.returncode == 2 and 'YYYY-MM-DD' in r.stderr, f'bad expiry: {r.stderr!r}')
    r = cli('key', 'generate', '--email', 'geen-adres', '--expires', '2028-12-07')
    check(r.returncode == 1 and 'not an e-mail address' in r.stderr, f'bad address: {r.stderr!r}')
    r = cli('key', 'generate', '--email', 'security@ictteamwork.nl', '--expires', '2001-01-01')
    check(r.returncode == 1 and 'future' in r.stderr, f'past expiry: {r.stderr!r}')
    r = cli('key', 'generate')
    check(r.returncode == 2 and 'desk.email' in r.stderr, f'no address: {r.stderr!r}')
    check(cli('key', 'show').returncode == 1, 'a refused generate left a key')

    # key generate
    r = cli('key', 'generate', '--email', 'security@ictteamwork.nl', '--expires', '2028-12-07')
    check(r.returncode == 0, f'key generate: {r.stderr}')
    m = re.fullmatch(r'([0-9A-F]{40})\t2028-12-07\n', r.stdout)
    check(m is not None, f'key generate printed {r.stdout!r}')
    fingerprint = m.group(1) if m else ''
    check(leftovers(runtime) == [], f'left behind: {leftovers(runtime)}')

    r = cli('key', 'show')
    check(r.returncode == 0 and r.stdout == f'{fingerprint}\t2028-12-07\n', f'key show: {r.stdout!r}')

    # key export, checked by gpg in a scratch home.
    r = cli('key', 'export')
    check(r.returncode == 0 and r.stdout.startswith('-----BEGIN PGP PUBLIC KEY BLOCK-----'),
          f'key export: {r.stdout[:60]!r} {r.stderr}')
    check('PRIVATE' not in r.stdout, 'key export holds a private key')
    scratch = gpg_home(root, 'scratch')
    gpg(scratch, '--import', input=r.stdout)
    colons = gpg(scratch, '--with-colons', '--fixed-list-mode', '--list-keys')
    fprs = [line.split(':')[9] for line in colons.splitlines() if line.startswith('fpr:')]
    check(fprs and fprs[0] == fingerprint, f'gpg sees {fprs}, not {fingerprint}')
    pub = [l.split(':') for l in colons.splitlines() if l.startswith('pub:')]
    sub = [l.split(':') for l in colons.splitlines() if l.startswith('sub:')]
    uid = [l.split(':') for l in colons.splitlines() if l.startswith('uid:')]
    check(pub and pub[0][3] == '22' and 's' in pub[0][11], f'primary key: {pub}')
    check(sub and sub[0][3] == '18' and 'e' in sub[0][11], f'encryption subkey: {sub}')
    check(uid and uid[0][9] == 'ICT Teamwork <security@ictteamwork.nl>', f'user id: {uid}')

    # A key made by gpg with a passphrase, imported.
    own = gpg_home(root, 'own')
    key_passphrase = 'Zeer-geheim wachtwoord 42'
    gpg(own, '--passphrase', key_passphrase, '--quick-gen-key',
        'Meldpunt Test <cvd@example.nl>', 'ed25519', 'sign,cert', '2029-06-30')
    own_fpr = [l.split(':')[9] for l in gpg(own, '--with-colons', '--list-keys').splitlines()
               if l.startswith('fpr:')][0]
    gpg(own, '--passphrase', key_passphrase, '--quick-add-key', own_fpr, 'cv25519', 'encr',
        '2029-06-30')
    secret_asc = gpg(own, '--passphrase', key_passphrase, '--armor', '--export-secret-keys')
    secret_bin = gpg(own, '--passphrase', key_passphrase, '--export-secret-keys', binary=True)
    public_bin = gpg(own, '--export', binary=True)
    key_file = os.path.join(root, 'own-key.asc')
    with open(key_file, 'w') as f:
        f.write(secret_asc)

    for given, expect in ((None, 'protected by a passphrase'),
                          ('verkeerd\n', 'passphrase of the OpenPGP key is wrong')):
        r = cli('key', 'import', key_file, input=given if given is not None else '')
        check(r.returncode == 1 and expect in r.stderr, f'import with {given!r}: {r.stderr!r}')
    r = cli('key', 'import', passfile, input='')
    check(r.returncode == 1 and 'not an armored OpenPGP secret key' in r.stderr,
          f'import of a text file: {r.stderr!r}')
    r = cli('key', 'show')
    check(r.stdout.startswith(fingerprint), 'a refused import replaced the key')

    r = cli('key', 'import', key_file, input=key_passphrase + '\n')
    check(r.returncode == 0 and r.stdout == f'{own_fpr}\t2029-06-30\n',
          f'key import: {r.returncode} {r.stdout!r} {r.stderr}')
    r = cli('key', 'show')
    check(r.stdout == f'{own_fpr}\t2029-06-30\n', f'key show after import: {r.stdout!r}')
    check(leftovers(runtime) == [], f'left behind: {leftovers(runtime)}')

    # Sealed: no part of the secret key, nor its passphrase, in the files.
    data = db_bytes(database)
    check(key_passphrase.encode() not in data, 'the key passphrase is in the database')
    body = [l for l in secret_asc.splitlines() if len(l) == 64]
    check(body and not any(l.encode() in data for l in body),
          'a line of the armored secret key is in the database')
    secret_only = [secret_bin[i:i + 32] for i in range(0, len(secret_bin) - 32, 8)
                   if secret_bin[i:i + 32] not in public_bin]
    check(secret_only and not any(chunk in data for chunk in secret_only),
          'bytes of the secret key are in the database')
    check(os.listdir(user_home) == [], f'the user\'s GnuPG home was used: {os.listdir(user_home)}')

    # The imported key has a passphrase: decrypting with it still works.
    ciphertext = subprocess.run(['gpg', '--homedir', own, '--batch', '--trust-model', 'always',
                                 '--armor', '--encrypt', '-r', own_fpr],
                                input='Beste meldpunt, lek op https://wachtwoord.example.nl/\n',
                                capture_output=True, text=True).stdout
    message = os.path.join(root, 'beschermd.eml')
    with open(message, 'w') as f:
        f.write('From: Jan <jan@example.org>\nSubject: Lek\n'
                'Content-Type: text/plain; charset=utf-8\n\n' + ciphertext)
    r = cli('import-eml', message)
    check(r.returncode == 0, f'import-eml with a protected key: {r.stderr}')
    shown = cli('case', 'show', r.stdout.strip()).stdout
    check('https://wachtwoord.example.nl/' in shown, f'not decrypted with a protected key: {shown}')
    check(leftovers(runtime) == [], f'left behind: {leftovers(runtime)}')

    r = cli('audit', 'verify')
    check(r.returncode == 0 and r.stdout.startswith('ok '), f'audit verify: {r.stdout!r}')


if __name__ == '__main__':
    sys.exit(main())
