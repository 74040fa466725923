#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright 2026 The Meldpunt developers
"""The desk's mailbox end to end (issue 22), against a real Dovecot and a
real SMTP server on loopback (tests/servers/mailservers.py), no mocks:
new messages become cases, replies thread into their case by header and
by subject, the same message twice is taken in once, messages move to
the folder; a wrong password, a bad certificate, an unreachable server and
a server gone mid-fetch give clear errors and lose nothing; a sent letter
arrives with the reference in its subject, encrypted when the reporter has
a key (decrypted here by gpg), and the reporter's reply to it threads back."""

import email
import email.policy
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import threading

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'servers'))
import mailservers  # noqa: E402

CLI = sys.argv[1]
failures = []


def check(condition, message):
    if not condition:
        failures.append(message)
        print('FAIL:', message)


def mail(message_id, subject, body, extra=''):
    return (f'From: Jan de Vries <jan@example.org>\r\n'
            f'To: security@desk.example\r\n'
            f'Subject: {subject}\r\n'
            f'Date: Mon, 07 Dec 2026 10:00:00 +0100\r\n'
            f'Message-ID: {message_id}\r\n{extra}'
            f'MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n'
            f'{body}\r\n').encode()


class CuttingProxy:
    """A TCP relay to @port that cuts both sides once the server has sent
    @limit bytes: the server going away in the middle of a message."""

    def __init__(self, port, limit):
        self.port, self.limit = port, limit
        self.listener = socket.socket()
        self.listener.bind(('127.0.0.1', 0))
        self.listener.listen(4)
        self.local_port = self.listener.getsockname()[1]
        self.cut = threading.Event()
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self):
        while True:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            server = socket.create_connection(('127.0.0.1', self.port))
            threading.Thread(target=self._pump, args=(client, server, False), daemon=True).start()
            threading.Thread(target=self._pump, args=(server, client, True), daemon=True).start()

    def _pump(self, source, target, counted):
        sent = 0
        try:
            while True:
                data = source.recv(65536)
                if not data:
                    break
                if counted and sent + len(data) > self.limit:
                    target.sendall(data[:self.limit - sent])
                    self.cut.set()
                    break
                sent += len(data)
                target.sendall(data)
        except OSError:
            pass
        for s in (source, target):
            try:
                s.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            s.close()

    def close(self):
        self.listener.close()


def gpg(home, *args, input=None):
    result = subprocess.run(['gpg', '--homedir', home, '--batch', '--pinentry-mode', 'loopback',
                             '--passphrase', '', *args], input=input, capture_output=True)
    if result.returncode != 0:
        raise RuntimeError(f'gpg {args}: {result.stderr.decode()}')
    return result.stdout


def main():
    root = tempfile.mkdtemp(prefix='meldpunt-mailbox-')
    servers = None
    reporter_home = os.path.join(root, 'reporter-gnupg')
    try:
        servers = mailservers.MailServers()
        run_tests(root, servers, reporter_home)
    finally:
        if os.path.isdir(reporter_home):
            subprocess.run(['gpgconf', '--homedir', reporter_home, '--kill', 'all'],
                           capture_output=True)
        if servers is not None:
            if failures:
                print(servers.log()[-3000:])
            servers.stop()
        shutil.rmtree(root, ignore_errors=True)
    if failures:
        print(f'{len(failures)} failure(s)')
        return 1
    print('ok')
    return 0


def run_tests(root, servers, reporter_home):
    runtime = os.path.join(root, 'run')
    os.mkdir(runtime, 0o700)
    env = dict(os.environ, XDG_RUNTIME_DIR=runtime, MELDPUNT_TEST_CHEAP_KDF='1',
               GNUPGHOME=os.path.join(root, 'user-gnupg'))
    os.mkdir(env['GNUPGHOME'], 0o700)
    database = os.path.join(root, 'desk.db')
    passfile = os.path.join(root, 'passphrase.txt')
    with open(passfile, 'w') as f:
        f.write('correct horse battery staple\n')
    os.chmod(passfile, 0o600)
    mail_password = os.path.join(root, 'mail-password.txt')
    with open(mail_password, 'w') as f:
        f.write(mailservers.PASSWORD + '\n')
    wrong_password = os.path.join(root, 'wrong-password.txt')
    with open(wrong_password, 'w') as f:
        f.write('not-the-password\n')

    def cli(*args, input=None):
        return subprocess.run([CLI, '--database', database, '--passphrase-file', passfile, *args],
                              env=env, input=input, capture_output=True, text=True)

    def setup(url=None, password=mail_password, ca=True, smtp=True):
        args = ['mailbox', 'setup', '--imap', url or servers.imaps_url(), '--user', mailservers.USER,
                '--password-file', password]
        if smtp:
            args += ['--smtp', f'smtp://127.0.0.1:{servers.smtp_port}']
        if ca:
            args += ['--ca-file', servers.ca_file]
        r = cli(*args)
        check(r.returncode == 0, f'mailbox setup: {r.stderr}')

    def cases():
        r = cli('case', 'list', '--status', 'all')
        return [line.split()[0] for line in r.stdout.splitlines() if line.strip()]

    def timeline(ref):
        return cli('case', 'show', ref, '--json').stdout

    r = cli('init', '--organisation', 'ICT Teamwork')
    check(r.returncode == 0, f'init: {r.stderr}')
    r = cli('policy', 'set', 'desk.email', 'security@desk.example')
    check(r.returncode == 0, f'policy set desk.email: {r.stderr}')

    # Not set up yet: said so.
    r = cli('mailbox', 'fetch')
    check(r.returncode == 1 and 'not set up' in r.stderr, f'fetch before setup: {r.stderr!r}')
    # A URL that is not a mailbox's, and plain IMAP without STARTTLS: refused.
    for url in ('http://127.0.0.1', 'imaps://user@127.0.0.1', 'imaps://127.0.0.1/INBOX'):
        r = cli('mailbox', 'setup', '--imap', url, '--user', 'x', '--password-file', mail_password)
        check(r.returncode == 1 and 'imaps://' in r.stderr, f'setup {url}: {r.stderr!r}')

    report = mail('<report-1@example.org>', 'XSS in the portal search',
                  'The search page of https://portal.example.nl reflects its input.')
    servers.deliver(report)

    # A wrong password: a clear error, nothing taken in, nothing moved.
    setup(password=wrong_password)
    r = cli('mailbox', 'fetch')
    check(r.returncode == 1 and 'refused the user name or password' in r.stderr,
          f'fetch with a wrong password: {r.returncode} {r.stderr!r}')
    check(cases() == [] and servers.count('INBOX') == 1, 'a refused login changed something')

    # A certificate that does not verify (no private authority given).
    setup(ca=False)
    r = cli('mailbox', 'fetch')
    check(r.returncode == 1 and 'could not be verified' in r.stderr,
          f'fetch with an unverified certificate: {r.stderr!r}')
    check(cases() == [] and servers.count('INBOX') == 1, 'a bad certificate changed something')

    # Nobody listening: unreachable.
    closed = mailservers.free_port()
    setup(url=f'imaps://127.0.0.1:{closed}')
    r = cli('mailbox', 'fetch')
    check(r.returncode == 1 and 'could not be reached' in r.stderr,
          f'fetch from a closed port: {r.stderr!r}')

    # STARTTLS on the plain port works as implicit TLS does.
    setup(url=f'imap://127.0.0.1:{servers.imap_port}')
    not_mail = b'\x00\x01\x02 this is not an e-mail message \xff\xfe' * 10
    servers.deliver(not_mail)
    r = cli('mailbox', 'fetch')
    lines = r.stdout.splitlines()
    check(r.returncode == 0 and len(lines) == 2 and re.fullmatch(r'new CVD-\d{4}-\d{4}', lines[0])
          and lines[1].startswith('skipped '), f'first fetch: {r.returncode} {r.stdout!r} {r.stderr!r}')
    refs = cases()
    check(len(refs) == 1, f'cases after the first fetch: {refs}')
    ref = refs[0] if refs else 'CVD-0000-0000'
    check(servers.count('Meldpunt') == 1 and servers.count('INBOX') == 1,
          'the report was not moved, or the message that is not mail was')

    # Replies: by header, by subject (behind Antw:); the same message again.
    setup()
    servers.deliver(mail('<reply-1@example.org>', 'Re: my report',
                         'The parameter is q.', 'In-Reply-To: <report-1@example.org>\r\n'))
    servers.deliver(mail('<reply-2@example.org>', f'Antw: Uw melding {ref}', 'A screenshot follows.'))
    servers.deliver(report)
    r = cli('mailbox', 'fetch')
    got = r.stdout.splitlines()
    check(r.returncode == 0 and got[-3:] == [f'reply {ref}', f'reply {ref}', f'duplicate {ref}'],
          f'fetch of replies: {r.stdout!r} {r.stderr!r}')
    check(cases() == [ref], f'replies made cases: {cases()}')
    check(servers.count('Meldpunt') == 4 and servers.count('INBOX') == 1,
          f'after replies: Meldpunt {servers.count("Meldpunt")}, INBOX {servers.count("INBOX")}')
    shown = timeline(ref)
    check(shown.count('"reply"') == 2, 'the replies are not on the timeline')

    # The server going away in the middle of a message: an error, nothing
    # half taken in, the message still in the inbox; the next round takes it.
    big = mail('<big@example.org>', 'Large proof of concept', 'A' * 76 + ('\r\n' + 'B' * 76) * 20000)
    servers.deliver(big)
    proxy = CuttingProxy(servers.imaps_port, 200000)
    try:
        setup(url=servers.imaps_url(proxy.local_port))
        r = cli('mailbox', 'fetch')
        check(proxy.cut.is_set(), 'the proxy did not cut the connection')
        check(r.returncode == 1 and 'was lost' in r.stderr,
              f'fetch cut mid-message: {r.returncode} {r.stdout!r} {r.stderr!r}')
        check(cases() == [ref] and servers.count('INBOX') == 2, 'a cut fetch lost or half-imported')
    finally:
        proxy.close()
    setup()
    r = cli('mailbox', 'fetch')
    check(r.returncode == 0 and re.search(r'^new CVD-', r.stdout, re.M) is not None,
          f'fetch after the cut: {r.stdout!r} {r.stderr!r}')
    check(len(cases()) == 2 and servers.count('INBOX') == 1, 'the message cut off was not taken in')

    # A letter sent: the reference in its subject, Reply-To the desk; the
    # reporter's reply to it (no reference in the subject) threads back.
    r = cli('letter', ref, 'request-info', '--send')
    check(r.returncode == 0 and r.stdout.strip() == f'sent {ref}', f'letter --send: {r.stdout!r} {r.stderr!r}')
    sent = servers.sent_messages()
    check(len(sent) == 1, f'{len(sent)} messages at the SMTP server')
    letter = email.message_from_bytes(sent[-1], policy=email.policy.default) if sent else None
    if letter is not None:
        check(ref in letter['Subject'], f'subject without the reference: {letter["Subject"]!r}')
        check('security@desk.example' in str(letter['Reply-To']), 'no Reply-To the desk')
        check(letter['To'].addresses[0].addr_spec == 'jan@example.org', f'sent to {letter["To"]}')
        check(letter.get_content_type() == 'text/plain', 'an unencrypted letter is not plain text')
        check(ref in letter.get_content(), 'the letter body lacks the reference')
        check('"waiting"' in cli('case', 'show', ref, '--json').stdout or
              ' waiting ' in cli('case', 'list', '--status', 'waiting').stdout,
              'a sent request for information did not make the case wait')
        servers.deliver(mail('<reply-3@example.org>', 'Re: your question', 'Here it is.',
                             f'In-Reply-To: {letter["Message-ID"]}\r\n'))
        r = cli('mailbox', 'fetch')
        # the message that is not mail stays in the inbox and is listed each round
        check(r.stdout.splitlines() == ['skipped ' + lines[1][len('skipped '):], f'reply {ref}'],
              f'the reply to the letter: {r.stdout!r} {r.stderr!r}')
        r = cli('case', 'list', '--status', 'waiting')
        check(ref not in r.stdout, 'the reply did not end the wait for the reporter')

    # Encrypted: the reporter's key on the case and the desk's key: PGP/MIME,
    # decrypted by the reporter's gpg.
    os.mkdir(reporter_home, 0o700)
    gpg(reporter_home, '--quick-gen-key', 'Jan de Vries <jan@example.org>', 'default', 'default', '1y')
    public = gpg(reporter_home, '--armor', '--export', 'jan@example.org')
    key_file = os.path.join(root, 'jan.asc')
    with open(key_file, 'wb') as f:
        f.write(public)
    r = cli('key', 'generate', '--email', 'security@desk.example', '--expires', '2028-12-07')
    check(r.returncode == 0, f'key generate: {r.stderr}')
    r = cli('key', 'reporter', ref, key_file)
    check(r.returncode == 0, f'key reporter: {r.stderr}')
    r = cli('letter', ref, 'acknowledgement', '--send')
    check(r.returncode == 0 and r.stdout.strip() == f'sent {ref} encrypted',
          f'encrypted letter --send: {r.stdout!r} {r.stderr!r}')
    sent = servers.sent_messages()
    letter = email.message_from_bytes(sent[-1], policy=email.policy.default)
    check(letter.get_content_type() == 'multipart/encrypted' and
          letter.get_param('protocol') == 'application/pgp-encrypted',
          f'the encrypted letter is {letter.get_content_type()}')
    check(ref in letter['Subject'], 'the encrypted letter lacks the reference in its subject')
    parts = list(letter.iter_parts())
    check(len(parts) == 2 and b'Version: 1' in parts[0].get_payload(decode=True),
          'not RFC 3156 parts')
    # the reporter has the desk's public key, so the signature is checked too
    gpg(reporter_home, '--import', input=cli('key', 'export').stdout.encode())
    status_file = os.path.join(root, 'gpg-status')
    plain = gpg(reporter_home, '--status-file', status_file, '--decrypt',
                input=parts[1].get_payload(decode=True))
    with open(status_file) as f:
        status = f.read()
    check('[GNUPG:] GOODSIG' in status, f'the letter is not signed by the desk: {status}')
    check(ref.encode() in plain and b'Content-Type: text/plain' in plain,
          f'the decrypted letter: {plain[:200]!r}')
    check(b'Thank you' in plain or b'reference' in plain, 'the decrypted letter has no body')

    # The reporter's encrypted reply (PGP/MIME to the desk's key) is read
    # with the desk's key and joins the case.
    desk_fpr = cli('key', 'show').stdout.split('\t')[0].strip()
    secret = 'The vulnerable parameter is q, confidential detail 7f3a.'
    inner = ('Content-Type: text/plain; charset=utf-8\r\n\r\n' + secret + '\r\n').encode()
    armored = gpg(reporter_home, '--armor', '--trust-model', 'always', '--encrypt', '-r', desk_fpr,
                  input=inner).decode()
    encrypted = (f'From: Jan de Vries <jan@example.org>\r\nTo: security@desk.example\r\n'
                 f'Subject: Re: {ref}\r\nMessage-ID: <encrypted-reply@example.org>\r\n'
                 'MIME-Version: 1.0\r\n'
                 'Content-Type: multipart/encrypted; protocol="application/pgp-encrypted"; '
                 'boundary="b1"\r\n\r\n--b1\r\nContent-Type: application/pgp-encrypted\r\n\r\n'
                 'Version: 1\r\n\r\n--b1\r\nContent-Type: application/octet-stream\r\n\r\n'
                 f'{armored}\r\n--b1--\r\n').encode()
    servers.deliver(encrypted)
    r = cli('mailbox', 'fetch')
    check(f'reply {ref}' in r.stdout.splitlines(), f'the encrypted reply: {r.stdout!r} {r.stderr!r}')
    check(secret in timeline(ref), 'the encrypted reply was not decrypted into the case')

    # Too large for the desk's limit: skipped before it is fetched, left in the inbox.
    r = cli('policy', 'set', 'import.max_bytes', '20000')
    check(r.returncode == 0, f'policy set import.max_bytes: {r.stderr}')
    before = len(cases())
    inbox = servers.count('INBOX')
    servers.deliver(mail('<too-large@example.org>', 'A very long report', 'C' * 60000))
    r = cli('mailbox', 'fetch')
    too_large = [l for l in r.stdout.splitlines() if 'import limit' in l]
    check(r.returncode == 0 and len(too_large) == 1 and too_large[0].startswith('skipped '),
          f'a message too large: {r.stdout!r} {r.stderr!r}')
    check(len(cases()) == before and servers.count('INBOX') == inbox + 1,
          'a message too large was imported or moved')

    r = cli('audit', 'verify')
    check(r.returncode == 0, f'audit verify: {r.stdout} {r.stderr}')


if __name__ == '__main__':
    sys.exit(main())
