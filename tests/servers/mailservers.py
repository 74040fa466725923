# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright 2026 The Meldpunt developers
"""Real mail servers on loopback for the tests (issue 22), no mocks.

- IMAP: Debian's Dovecot (dovecot-imapd) with a private configuration,
  mail folder and test user, TLS with a certificate authority made here,
  on free loopback ports: implicit TLS (imaps) and STARTTLS (imap).
- SMTP: a submission sink made with aiosmtpd (Debian's python3-aiosmtpd):
  STARTTLS required, AUTH required, each message kept as a file.

Both run as an unprivileged user (nobody when the tests run as root, as
in CI) and are stopped, and their folder removed, by stop()."""

import imaplib
import os
import pwd
import shutil
import signal
import socket
import ssl
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
USER = 'desk'
PASSWORD = 'mailbox-secret-42'
STARTUP_LIMIT = 60   # seconds a server may take to start before the test gives up


def free_port():
    with socket.socket() as s:
        s.bind(('127.0.0.1', 0))
        return s.getsockname()[1]


def wait_for_port(port, process, what):
    """Waits until @port accepts a connection (the server is ready), or the
    process died, or the limit passed."""
    deadline = time.monotonic() + STARTUP_LIMIT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f'{what} exited with {process.returncode} while starting')
        try:
            with socket.create_connection(('127.0.0.1', port), timeout=1):
                return
        except OSError:
            # nothing to wait on but the socket itself: poll it
            time.sleep(0.05)
    raise RuntimeError(f'{what} did not start within {STARTUP_LIMIT} s')


def openssl(*args):
    subprocess.run(['openssl', *args], check=True, capture_output=True)


class MailServers:
    def __init__(self):
        self.root = tempfile.mkdtemp(prefix='meldpunt-mail-')
        os.chmod(self.root, 0o755)
        self.processes = []
        if os.geteuid() == 0:
            entry = pwd.getpwnam('nobody')
        else:
            entry = pwd.getpwuid(os.geteuid())
        self.uid, self.gid, self.user = entry.pw_uid, entry.pw_gid, entry.pw_name
        self._make_certificates()
        self.imaps_port = free_port()
        self.imap_port = free_port()
        self.smtp_port = free_port()
        self.sink = os.path.join(self.root, 'sink')
        os.mkdir(self.sink)
        self._chown_tree()
        self._start_dovecot()
        self._start_smtp()

    # -- certificates ------------------------------------------------------

    def _make_certificates(self):
        r = self.root
        self.ca_file = os.path.join(r, 'ca.pem')
        self.other_ca_file = os.path.join(r, 'other-ca.pem')
        ext = os.path.join(r, 'san.cnf')
        with open(ext, 'w') as f:
            f.write('subjectAltName = IP:127.0.0.1, DNS:localhost\n'
                    'basicConstraints = CA:FALSE\n'
                    'extendedKeyUsage = serverAuth\n')
        for name, subject in (('ca', 'Meldpunt Test CA'), ('other-ca', 'Some Other CA')):
            openssl('req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256',
                    '-nodes', '-days', '2', '-subj', f'/CN={subject}',
                    '-keyout', os.path.join(r, f'{name}.key'), '-out', os.path.join(r, f'{name}.pem'))
        openssl('req', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes',
                '-subj', '/CN=127.0.0.1', '-keyout', os.path.join(r, 'server.key'),
                '-out', os.path.join(r, 'server.csr'))
        openssl('x509', '-req', '-in', os.path.join(r, 'server.csr'), '-CA', self.ca_file,
                '-CAkey', os.path.join(r, 'ca.key'), '-CAcreateserial', '-days', '2',
                '-extfile', ext, '-out', os.path.join(r, 'server.pem'))

    def _chown_tree(self):
        for dirpath, dirnames, filenames in os.walk(self.root):
            os.chown(dirpath, self.uid, self.gid)
            for name in filenames:
                os.chown(os.path.join(dirpath, name), self.uid, self.gid)

    def _as_user(self, argv):
        if os.geteuid() == 0:
            return ['setpriv', f'--reuid={self.uid}', f'--regid={self.gid}', '--clear-groups',
                    *argv]
        return argv

    # -- Dovecot -----------------------------------------------------------

    def _start_dovecot(self):
        r = self.root
        for d in ('run', 'state', 'home'):
            os.mkdir(os.path.join(r, d), 0o700)
        with open(os.path.join(r, 'passwd'), 'w') as f:
            f.write(f'{USER}:{{PLAIN}}{PASSWORD}::::::\n')
        conf = os.path.join(r, 'dovecot.conf')
        group = __import__('grp').getgrgid(self.gid).gr_name
        with open(conf, 'w') as f:
            f.write(f'''
base_dir = {r}/run
state_dir = {r}/state
instance_name = meldpunt-test-{os.getpid()}
log_path = {r}/dovecot.log
protocols = imap
listen = 127.0.0.1
ssl = required
ssl_cert = <{r}/server.pem
ssl_key = <{r}/server.key
disable_plaintext_auth = yes
auth_mechanisms = plain login
default_internal_user = {self.user}
default_internal_group = {group}
default_login_user = {self.user}
first_valid_uid = 1
passdb {{
  driver = passwd-file
  args = scheme=PLAIN username_format=%u {r}/passwd
}}
userdb {{
  driver = static
  args = uid={self.uid} gid={self.gid} home={r}/home/%u
}}
mail_location = maildir:~/Maildir
namespace inbox {{
  inbox = yes
  separator = /
}}
service imap-login {{
  chroot =
  inet_listener imap {{
    address = 127.0.0.1
    port = {self.imap_port}
  }}
  inet_listener imaps {{
    address = 127.0.0.1
    port = {self.imaps_port}
    ssl = yes
  }}
}}
service anvil {{
  chroot =
}}
service stats {{
  unix_listener stats-reader {{
    mode = 0600
  }}
  unix_listener stats-writer {{
    mode = 0600
  }}
}}
''')
        os.chown(conf, self.uid, self.gid)
        os.chown(os.path.join(r, 'passwd'), self.uid, self.gid)
        self._chown_tree()
        self.dovecot_conf = conf
        self.dovecot = subprocess.Popen(self._as_user(['/usr/sbin/dovecot', '-F', '-c', conf]),
                                        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        self.processes.append(self.dovecot)
        wait_for_port(self.imaps_port, self.dovecot, 'Dovecot')
        wait_for_port(self.imap_port, self.dovecot, 'Dovecot')

    def stop_dovecot(self):
        if self.dovecot.poll() is None:
            self.dovecot.send_signal(signal.SIGTERM)
            self.dovecot.wait(timeout=30)

    # -- SMTP sink -----------------------------------------------------------

    def _start_smtp(self):
        script = os.path.join(HERE, 'smtp-sink.py')
        self.smtp = subprocess.Popen(
            self._as_user([sys.executable, script, str(self.smtp_port),
                           os.path.join(self.root, 'server.pem'),
                           os.path.join(self.root, 'server.key'), self.sink, USER, PASSWORD]),
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        self.processes.append(self.smtp)
        line = self.smtp.stdout.readline()   # the sink says "ready" once it listens
        if line.strip() != 'ready':
            raise RuntimeError(f'the SMTP sink did not start: {line!r} {self.smtp.stderr.read()}')

    def sent_messages(self):
        names = sorted(n for n in os.listdir(self.sink) if n.endswith('.eml'))
        result = []
        for name in names:
            with open(os.path.join(self.sink, name), 'rb') as f:
                result.append(f.read())
        return result

    # -- a real IMAP client for the test's own side ------------------------

    def imap(self):
        context = ssl.create_default_context(cafile=self.ca_file)
        client = imaplib.IMAP4_SSL('127.0.0.1', self.imaps_port, ssl_context=context)
        client.login(USER, PASSWORD)
        return client

    def deliver(self, message):
        """Puts @message (bytes) in the inbox, as a mail server's delivery does."""
        client = self.imap()
        try:
            typ, data = client.append('INBOX', None, None, message)
            if typ != 'OK':
                raise RuntimeError(f'APPEND: {data}')
        finally:
            client.logout()

    def count(self, folder):
        client = self.imap()
        try:
            typ, data = client.select(f'"{folder}"', readonly=True)
            if typ != 'OK':
                return 0
            return int(data[0])
        finally:
            client.logout()

    def imaps_url(self, port=None):
        return f'imaps://127.0.0.1:{port or self.imaps_port}'

    def stop(self):
        for p in reversed(self.processes):
            if p.poll() is None:
                p.send_signal(signal.SIGTERM)
                try:
                    p.wait(timeout=30)
                except subprocess.TimeoutExpired:
                    p.kill()
                    p.wait()
        shutil.rmtree(self.root, ignore_errors=True)

    def log(self):
        try:
            with open(os.path.join(self.root, 'dovecot.log')) as f:
                return f.read()
        except OSError:
            return ''
