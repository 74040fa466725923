#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright 2026 The Meldpunt developers
"""`import-eml` decrypts with the desk's key (issue 21 step 3), against the
real gpg: messages are encrypted in the test to the key `key export` gives,
as PGP/MIME (UTF-8, with an attachment inside) and inline PGP (ISO-8859-1,
signed by a key the desk does not have); one is encrypted to another key
and one has a damaged ciphertext. Each becomes a case with the readable
report, or with no garbage in it and a note saying why it was not read."""

import json
import os
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


def gpg(home, *args, input=None):
    result = subprocess.run(['gpg', '--homedir', home, '--batch', '--pinentry-mode', 'loopback',
                             '--passphrase', '', '--trust-model', 'always', *args],
                            input=input, capture_output=True)
    if result.returncode != 0:
        raise RuntimeError(f'gpg {args}: {result.stderr}')
    return result.stdout


def new_home(root, name):
    home = os.path.join(root, name)
    os.mkdir(home, 0o700)
    homes.append(home)
    return home


def pgp_mime(ciphertext, subject):
    return (b'From: Jan de Vries <jan@example.org>\n'
            b'To: security@ictteamwork.nl\n'
            b'Subject: ' + subject.encode() + b'\n'
            b'Date: Mon, 7 Dec 2026 10:00:00 +0100\n'
            b'Received: from mx.example.org by mx.ictteamwork.nl; Mon, 7 Dec 2026 10:00:05 +0100\n'
            b'MIME-Version: 1.0\n'
            b'Content-Type: multipart/encrypted; protocol="application/pgp-encrypted";'
            b' boundary="grens"\n\n'
            b'--grens\nContent-Type: application/pgp-encrypted\n\nVersion: 1\n\n'
            b'--grens\nContent-Type: application/octet-stream; name="encrypted.asc"\n\n'
            + ciphertext + b'\n--grens--\n')


def main():
    root = tempfile.mkdtemp(prefix='meldpunt-decrypt-')
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
    database = os.path.join(root, 'desk.db')
    passfile = os.path.join(root, 'passphrase.txt')
    with open(passfile, 'w') as f:
        f.write('correct horse battery staple\n')
    os.chmod(passfile, 0o600)

    def cli(*args):
        return subprocess.run([CLI, '--database', database, '--passphrase-file', passfile, *args],
                              env=env, capture_output=True, text=True)

    def write(name, data):
        path = os.path.join(root, name)
        with open(path, 'wb') as f:
            f.write(data)
        return path

    def show(reference):
        r = cli('case', 'show', reference, '--json')
        check(r.returncode == 0, f'case show {reference}: {r.stderr}')
        return json.loads(r.stdout) if r.returncode == 0 else {}

    assert cli('init', '--organisation', 'ICT Teamwork').returncode == 0

    # Before the desk has a key, an encrypted report is imported unread.
    reporter = new_home(root, 'reporter')
    gpg(reporter, '--quick-gen-key', 'Jan de Vries <jan@example.org>', 'ed25519', 'sign', '1y')
    other = new_home(root, 'other')
    gpg(other, '--quick-gen-key', 'Iemand Anders <anders@example.net>', 'default', 'default', '1y')
    other_fpr = [l.split(':')[9] for l in gpg(other, '--with-colons', '--list-keys').decode()
                 .splitlines() if l.startswith('fpr:')]

    r = cli('key', 'generate', '--email', 'security@ictteamwork.nl')
    check(r.returncode == 0, f'key generate: {r.stderr}')
    desk_fpr = r.stdout.split('\t')[0]
    public = cli('key', 'export').stdout
    gpg(reporter, '--import', input=public.encode())
    gpg(other, '--import', input=public.encode())

    # 1. PGP/MIME, UTF-8 text and an attachment inside the encrypted part.
    inner = ('MIME-Version: 1.0\n'
             'Content-Type: multipart/mixed; boundary="binnen"\n\n'
             '--binnen\nContent-Type: text/plain; charset=utf-8\n'
             'Content-Transfer-Encoding: 8bit\n\n'
             'Beste meldpunt,\n\nOp https://portaal.example.nl/inloggen ontbreekt de Secure-vlag '
             'op de sessiecookie. Groet, Jan Ånström — één bevinding.\n'
             '--binnen\nContent-Type: text/plain; name="bewijs.txt"\n'
             'Content-Disposition: attachment; filename="bewijs.txt"\n\n'
             'Set-Cookie: sessie=abc; HttpOnly\n'
             '--binnen--\n').encode()
    ciphertext = gpg(reporter, '--armor', '--encrypt', '-r', desk_fpr, input=inner)
    mime = write('pgp-mime.eml', pgp_mime(ciphertext, 'Lek in het portaal'))

    # 2. Inline PGP in ISO-8859-1, signed by the reporter (a key the desk lacks).
    latin = 'Beste meldpunt,\n\nDe zoekfunctie op https://www.example.nl/zoeken is kwetsbaar ' \
            'voor XSS; café-menu bevat één script.\n'.encode('iso-8859-1')
    signed = gpg(reporter, '--armor', '--sign', '--encrypt', '-u', 'jan@example.org',
                 '-r', desk_fpr, input=latin)
    inline = write('inline.eml', b'From: Jan de Vries <jan@example.org>\n'
                                 b'To: security@ictteamwork.nl\nSubject: XSS in zoeken\n'
                                 b'Date: Mon, 7 Dec 2026 11:00:00 +0100\n'
                                 b'Content-Type: text/plain; charset=iso-8859-1\n\n' + signed)

    # 3. Encrypted to another key only.
    elsewhere = gpg(other, '--armor', '--encrypt', '-r', other_fpr[0],
                    input=b'Geheime tekst voor een ander\n')
    foreign = write('other-key.eml', pgp_mime(elsewhere, 'Voor een ander'))

    # 4. A damaged ciphertext.
    lines = ciphertext.decode().splitlines()
    middle = len(lines) // 2
    lines[middle] = lines[middle][:10] + ('A' if lines[middle][10] != 'A' else 'B') + \
        lines[middle][11:]
    tampered = write('tampered.eml', pgp_mime('\n'.join(lines).encode(), 'Beschadigd'))

    r = cli('import-eml', mime, inline, foreign, tampered)
    check(r.returncode == 0, f'import-eml: {r.returncode} {r.stderr}')
    refs = r.stdout.split()
    check(len(refs) == 4, f'import-eml printed {r.stdout!r}')
    if len(refs) != 4:
        return
    print(r.stderr)

    case = show(refs[0])
    check('Secure-vlag' in case.get('description', '') and 'Ånström — één' in
          case.get('description', ''), f'PGP/MIME description: {case.get("description")!r}')
    check(case.get('report_encrypted') is True, 'PGP/MIME report not marked encrypted')
    check('decrypted' in r.stderr, 'no note that the report was decrypted')
    names = [a['name'] for a in case.get('attachments', [])]
    check('bewijs.txt' in names and 'encrypted-original.eml' in names,
          f'PGP/MIME attachments: {names}')

    case = show(refs[1])
    check('café-menu bevat één script' in case.get('description', ''),
          f'inline description: {case.get("description")!r}')
    check('which the desk does not have' in r.stderr, 'no note on the unknown signing key')

    case = show(refs[2])
    check('Geheime tekst' not in json.dumps(case) and 'BEGIN PGP' not in case.get('description', ''),
          f'another key\'s message: {case.get("description")!r}')
    check(case.get('report_encrypted') is True, 'another key\'s message not marked encrypted')
    check('not to the desk\'s key' in r.stderr, f'no note naming the other key: {r.stderr}')

    case = show(refs[3])
    check('BEGIN PGP' not in case.get('description', '') and
          'Secure-vlag' not in case.get('description', ''),
          f'tampered description: {case.get("description")!r}')
    check('could not be decrypted' in r.stderr, 'no note that the damaged part was not decrypted')

    # The timeline keeps the notes (the signature result) on the case.
    events = show(refs[1]).get('timeline', show(refs[1]).get('events', []))
    check('does not have' in json.dumps(events), f'signature note not on the case: {events}')

    # 5. An encrypted report forwarded by a colleague, as an attached message.
    forwarded = write('forwarded.eml', (
        b'From: Collega <collega@ictteamwork.nl>\nTo: security@ictteamwork.nl\n'
        b'Subject: Fwd: Lek in het portaal\nDate: Mon, 7 Dec 2026 12:00:00 +0100\n'
        b'MIME-Version: 1.0\nContent-Type: multipart/mixed; boundary="fwd"\n\n'
        b'--fwd\nContent-Type: text/plain; charset=utf-8\n\nZie de doorgestuurde melding.\n'
        b'--fwd\nContent-Type: message/rfc822\n\n'
        + pgp_mime(ciphertext, 'Lek in het portaal') + b'\n--fwd--\n'))
    r = cli('import-eml', forwarded)
    check(r.returncode == 0 and 'decrypted' in r.stderr, f'forwarded: {r.stderr!r}')
    case = show(r.stdout.strip()) if r.returncode == 0 else {}
    check('Secure-vlag' in case.get('description', ''),
          f'forwarded description: {case.get("description")!r}')

    # Step 4: an encrypted letter back. Without the reporter's key: said so.
    r = cli('letter', refs[0], 'acknowledgement', '--encrypt')
    check(r.returncode == 1 and 'no OpenPGP key' in r.stderr and r.stdout == '',
          f'letter --encrypt without a key: {r.returncode} {r.stderr!r}')
    # Not a key, or a key that cannot encrypt: refused, nothing kept.
    r = cli('key', 'reporter', refs[0], write('geen-sleutel.asc', b'Hallo\n'))
    check(r.returncode == 1 and 'not an armored OpenPGP public key' in r.stderr,
          f'key reporter with text: {r.stderr!r}')
    signing_only = gpg(reporter, '--armor', '--export', 'jan@example.org')
    r = cli('key', 'reporter', refs[0], write('sign-only.asc', signing_only))
    check(r.returncode == 1 and 'cannot be used to encrypt' in r.stderr,
          f'key reporter with a signing-only key: {r.stderr!r}')

    reporter_fpr = [l.split(':')[9] for l in gpg(reporter, '--with-colons', '--list-keys',
                                                 'jan@example.org').decode().splitlines()
                    if l.startswith('fpr:')][0]
    gpg(reporter, '--quick-add-key', reporter_fpr, 'cv25519', 'encr', '1y')
    reporter_public = gpg(reporter, '--armor', '--export', 'jan@example.org')
    r = cli('key', 'reporter', refs[0], write('jan.asc', reporter_public))
    check(r.returncode == 0 and r.stdout.strip() == reporter_fpr, f'key reporter: {r.stderr!r}')
    check(reporter_public not in db_bytes(database), 'the reporter\'s key is in the clear')

    r = cli('letter', refs[0], 'acknowledgement', '--encrypt')
    check(r.returncode == 0 and r.stdout.startswith('-----BEGIN PGP MESSAGE-----'),
          f'letter --encrypt: {r.stdout[:40]!r} {r.stderr}')
    plain = cli('letter', refs[0], 'acknowledgement').stdout
    result = subprocess.run(['gpg', '--homedir', reporter, '--batch', '--status-fd', '2',
                             '--decrypt'], input=r.stdout.encode(), capture_output=True)
    check(result.returncode == 0 and result.stdout.decode() == plain,
          f'the reporter cannot read the letter: {result.stderr.decode()[-400:]}')
    check(f'VALIDSIG {desk_fpr}'.encode() in result.stderr,
          f'the letter is not signed by the desk key: {result.stderr.decode()[-400:]}')

    # A key attached to a report (application/pgp-keys) is kept with its case.
    attached = write('met-sleutel.eml', (
        'From: Jan de Vries <jan@example.org>\nTo: security@ictteamwork.nl\n'
        'Subject: Nog een lek\nDate: Tue, 8 Dec 2026 09:00:00 +0100\nMIME-Version: 1.0\n'
        'Content-Type: multipart/mixed; boundary="b"\n\n'
        '--b\nContent-Type: text/plain; charset=utf-8\n\n'
        'Open directory op https://files.example.nl/backup/ — mijn sleutel zit erbij.\n'
        '--b\nContent-Type: application/pgp-keys; name="jan.asc"\n'
        'Content-Disposition: attachment; filename="jan.asc"\n\n').encode()
        + reporter_public + b'\n--b--\n')
    r = cli('import-eml', attached)
    check(r.returncode == 0 and f'OpenPGP key {reporter_fpr} is kept' in r.stderr,
          f'import-eml with a key attached: {r.stderr!r}')
    r = cli('letter', r.stdout.strip(), 'acknowledgement', '--encrypt')
    check(r.returncode == 0 and r.stdout.startswith('-----BEGIN PGP MESSAGE-----'),
          f'letter --encrypt with the attached key: {r.stderr!r}')

    left = [n for n in os.listdir(runtime) if n.startswith('meldpunt-gnupg-')]
    check(left == [], f'private GnuPG homes left behind: {left}')


def db_bytes(database):
    data = b''
    for suffix in ('', '-wal'):
        if os.path.exists(database + suffix):
            with open(database + suffix, 'rb') as f:
                data += f.read()
    return data


if __name__ == '__main__':
    sys.exit(main())
