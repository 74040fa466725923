# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright 2026 The Meldpunt developers
"""A real PostgreSQL server for the tests (issue 20), no mocks.

Debian's server (build-aux/setup installs `postgresql`): `initdb` into a
temporary folder, `pg_ctl` listening on a private Unix socket folder and,
with TLS only, on a free loopback port, with a certificate authority made
here. It runs as an unprivileged user (nobody when the tests run as root,
as in CI) and is stopped, and its folder removed, by stop().

Roles: `postgres`, the superuser, may connect on the socket without a
password (the socket's folder is the server user's alone); `meldpunt`, the
owner of the database `meldpunt`, with a password, on the socket or over
TLS. Every other role a test makes needs a password too.

From Python:

    server = pgserver.PgServer()
    try: ... server.uri() ... server.psql('SELECT 1') ...
    finally: server.stop()

From a C test, as its wrapper (tests/core/meson.build):

    pgserver.py run -- TEST-PROGRAM ARGS...

starts the server, runs the program with the variables of environ() set,
stops the server and exits with the program's status. The program can stop
and start the server through the script in MELDPUNT_TEST_PG_CTL:

    "$MELDPUNT_TEST_PG_CTL" stop     pg_ctl stop -m immediate (the server dies)
    "$MELDPUNT_TEST_PG_CTL" start    start it again and wait until it accepts
    "$MELDPUNT_TEST_PG_CTL" dump     pg_dump of the database meldpunt on stdout

`pgserver.py bindir` prints the folder of Debian's server programs, or
exits with 1 when none is installed (meson then skips the tests)."""

import glob
import json
import os
import pwd
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time

PASSWORD = 'desk-server-secret-42'
DATABASE = 'meldpunt'
OWNER = 'meldpunt'
STARTUP_LIMIT = 60   # seconds the server may take to start before the test gives up


def bindir():
    """The newest of Debian's /usr/lib/postgresql/VERSION/bin, or None."""
    found = []
    for path in glob.glob('/usr/lib/postgresql/*/bin'):
        version = os.path.basename(os.path.dirname(path))
        if version.isdigit() and os.path.exists(os.path.join(path, 'initdb')):
            found.append((int(version), path))
    return max(found)[1] if found else None


def temporary_parent():
    """Where the server's folder goes: TMPDIR when the server's user can
    reach it and a socket's path in it stays short (a Unix socket's path
    has at most 107 bytes), else /tmp."""
    parent = tempfile.gettempdir()
    reachable = all(os.stat(d).st_mode & 0o001 for d in _ancestors(parent))
    if reachable and len(parent) <= 40:
        return parent
    return '/tmp'


def _ancestors(path):
    path = os.path.abspath(path)
    while True:
        yield path
        if path == '/':
            return
        path = os.path.dirname(path)


def free_port():
    with socket.socket() as s:
        s.bind(('127.0.0.1', 0))
        return s.getsockname()[1]


def openssl(*args):
    subprocess.run(['openssl', *args], check=True, capture_output=True)


class PgServer:
    def __init__(self, root=None):
        """Makes and starts a new server; with @root, takes over the
        server described there by an earlier one (for `ctl`)."""
        if root is not None:
            with open(os.path.join(root, 'server.json')) as f:
                state = json.load(f)
            self.__dict__.update(state)
            return
        self.bin = bindir()
        if self.bin is None:
            raise RuntimeError('no PostgreSQL server is installed (build-aux/setup installs it)')
        if os.geteuid() == 0:
            entry = pwd.getpwnam('nobody')
        else:
            entry = pwd.getpwuid(os.geteuid())
        self.uid, self.gid, self.user = entry.pw_uid, entry.pw_gid, entry.pw_name
        self.root = tempfile.mkdtemp(prefix='meldpunt-pg-', dir=temporary_parent())
        os.chmod(self.root, 0o755)
        os.chown(self.root, self.uid, self.gid)
        self.data = os.path.join(self.root, 'data')
        self.socket_dir = os.path.join(self.root, 'socket')
        self.log = os.path.join(self.root, 'server.log')
        self.port = free_port()
        try:
            self._make_certificates()
            os.mkdir(self.socket_dir, 0o700)
            os.chown(self.socket_dir, self.uid, self.gid)
            for name in ('server.key', 'server.pem', 'ca.pem'):
                os.chown(os.path.join(self.root, name), self.uid, self.gid)
            os.chmod(os.path.join(self.root, 'server.key'), 0o600)
            self._initdb()
            self._save()
            self.start()
            self.psql(f"CREATE ROLE {OWNER} LOGIN PASSWORD '{PASSWORD}'")
            self.psql(f'CREATE DATABASE {DATABASE} OWNER {OWNER}')
        except BaseException:
            self.stop()
            raise

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

    # -- the server ----------------------------------------------------------

    def _as_user(self, argv):
        if os.geteuid() == 0:
            return ['setpriv', f'--reuid={self.uid}', f'--regid={self.gid}', '--clear-groups',
                    *argv]
        return argv

    def _run(self, argv, **kwargs):
        # The server's programs must not find the caller's folders (HOME is
        # root's when CI runs as root) nor its PG* variables.
        env = {k: v for k, v in os.environ.items() if not k.startswith('PG')}
        env.update(HOME=self.root, LC_ALL='C.UTF-8', LANG='C.UTF-8')
        return subprocess.run(self._as_user(argv), env=env, cwd=self.root, **kwargs)

    def _initdb(self):
        result = self._run([os.path.join(self.bin, 'initdb'), '-D', self.data, '-U', 'postgres',
                            '--auth=trust', '--encoding=UTF8', '--no-locale',
                            '--no-sync'], capture_output=True, text=True)
        if result.returncode != 0:
            raise RuntimeError(f'initdb failed: {result.stdout}{result.stderr}')
        r = self.root
        with open(os.path.join(self.data, 'postgresql.auto.conf'), 'a') as f:
            f.write(f'''
listen_addresses = '127.0.0.1'
port = {self.port}
unix_socket_directories = '{self.socket_dir}'
unix_socket_permissions = 0700
ssl = on
ssl_cert_file = '{r}/server.pem'
ssl_key_file = '{r}/server.key'
ssl_ca_file = '{r}/ca.pem'
password_encryption = 'scram-sha-256'
fsync = off
max_connections = 40
lc_messages = 'C'
log_min_messages = 'warning'
''')
        with open(os.path.join(self.data, 'pg_hba.conf'), 'w') as f:
            f.write('# the superuser on the private socket only; everyone else with a\n'
                    '# password, over TCP only with TLS\n'
                    'local   all  postgres                  trust\n'
                    'local   all  all                       scram-sha-256\n'
                    'hostssl all  all       127.0.0.1/32    scram-sha-256\n')

    def _save(self):
        state = {k: v for k, v in self.__dict__.items() if not k.startswith('_')}
        with open(os.path.join(self.root, 'server.json'), 'w') as f:
            json.dump(state, f)
        ctl = os.path.join(self.root, 'ctl')
        with open(ctl, 'w') as f:
            f.write('#!/bin/sh\n'
                    f'exec {sys.executable} {os.path.abspath(__file__)} ctl {self.root} "$@"\n')
        os.chmod(ctl, 0o755)

    def start(self):
        """Starts the server and returns once it accepts connections:
        pg_ctl -w waits for the server's own "ready" in postmaster.pid,
        and pg_isready confirms on the socket."""
        result = self._run([os.path.join(self.bin, 'pg_ctl'), 'start', '-D', self.data,
                            '-l', self.log, '-w', '-t', str(STARTUP_LIMIT)],
                           capture_output=True, text=True)
        if result.returncode != 0:
            raise RuntimeError(f'pg_ctl start failed: {result.stdout}{result.stderr}\n'
                               f'{self.server_log()}')
        ready = self._run([os.path.join(self.bin, 'pg_isready'), '-h', self.socket_dir,
                           '-p', str(self.port), '-t', str(STARTUP_LIMIT)],
                          capture_output=True, text=True)
        if ready.returncode != 0:
            raise RuntimeError(f'the server does not accept connections: {ready.stdout}')

    def stop_immediately(self):
        """Stops the server the hard way, as a crash or a pulled cable
        would: pg_ctl stop -m immediate (the connections are cut)."""
        self._pg_ctl_stop('immediate')

    def _pg_ctl_stop(self, mode):
        if not os.path.exists(os.path.join(self.data, 'postmaster.pid')):
            return True
        result = self._run([os.path.join(self.bin, 'pg_ctl'), 'stop', '-D', self.data,
                            '-m', mode, '-w', '-t', str(STARTUP_LIMIT)],
                           capture_output=True, text=True)
        return result.returncode == 0

    def server_log(self):
        try:
            with open(self.log) as f:
                return f.read()
        except OSError:
            return ''

    def stop(self):
        """Stops the server (if it runs) and removes its folder."""
        if getattr(self, 'data', None) and os.path.isdir(self.data):
            if not self._pg_ctl_stop('fast'):
                self._pg_ctl_stop('immediate')
        shutil.rmtree(self.root, ignore_errors=True)

    # -- for the tests -----------------------------------------------------

    def psql(self, sql, database='postgres', user='postgres'):
        """Runs @sql as @user (the superuser by default) on the socket and
        returns its output, tuples only, unaligned."""
        env = {k: v for k, v in os.environ.items() if not k.startswith('PG')}
        env['PGPASSWORD'] = PASSWORD
        result = subprocess.run([os.path.join(self.bin, 'psql'), '-X', '-q', '-A', '-t',
                                 '-v', 'ON_ERROR_STOP=1', '-h', self.socket_dir,
                                 '-p', str(self.port), '-U', user, '-d', database,
                                 '-c', sql], capture_output=True, text=True, env=env)
        if result.returncode != 0:
            raise RuntimeError(f'psql: {sql}: {result.stderr}')
        return result.stdout

    def dump(self, database=DATABASE):
        """Everything the server holds of @database, as pg_dump writes it
        (plain SQL, data included): what a server's administrator, or a
        thief of its backups, can read."""
        result = subprocess.run([os.path.join(self.bin, 'pg_dump'), '-h', self.socket_dir,
                                 '-p', str(self.port), '-U', 'postgres', '--no-password',
                                 database],
                                capture_output=True, env={k: v for k, v in os.environ.items()
                                                          if not k.startswith('PG')})
        if result.returncode != 0:
            raise RuntimeError(f'pg_dump: {result.stderr.decode(errors="replace")}')
        return result.stdout

    def uri(self, user=OWNER, password=PASSWORD, database=DATABASE):
        """A URI for @user on the private socket."""
        auth = f'{user}:{password}@' if password else f'{user}@'
        return f'postgresql://{auth}/{database}?host={self.socket_dir}&port={self.port}'

    def tls_uri(self, user=OWNER, password=PASSWORD, database=DATABASE, ca_file=None):
        """A URI for @user over TLS on loopback, trusting @ca_file (by
        default the test authority that signed the server's certificate)."""
        ca_file = ca_file or self.ca_file
        return (f'postgresql://{user}:{password}@127.0.0.1:{self.port}/{database}'
                f'?sslrootcert={ca_file}')

    def environ(self):
        """The variables a C test reads (see tests/core/test-pg.c)."""
        return {
            'MELDPUNT_TEST_PG_URI': self.uri(),
            'MELDPUNT_TEST_PG_ADMIN_URI': self.uri(user='postgres', password=None),
            'MELDPUNT_TEST_PG_TLS_URI': self.tls_uri(),
            'MELDPUNT_TEST_PG_SOCKET': self.socket_dir,
            'MELDPUNT_TEST_PG_PORT': str(self.port),
            'MELDPUNT_TEST_PG_PASSWORD': PASSWORD,
            'MELDPUNT_TEST_PG_CA': self.ca_file,
            'MELDPUNT_TEST_PG_OTHER_CA': self.other_ca_file,
            'MELDPUNT_TEST_PG_CTL': os.path.join(self.root, 'ctl'),
        }


def run(argv):
    """Starts a server, runs @argv with its variables, stops the server,
    even when the program fails or the wrapper is told to stop."""
    def terminate(signum, frame):
        raise SystemExit(128 + signum)

    signal.signal(signal.SIGTERM, terminate)
    signal.signal(signal.SIGINT, terminate)
    server = PgServer()
    child = None
    try:
        env = dict(os.environ)
        env.update(server.environ())
        child = subprocess.Popen(argv, env=env)
        status = child.wait()
        if status != 0:
            sys.stderr.write(f'--- the PostgreSQL server\'s log ---\n{server.server_log()}')
        return status if status >= 0 else 128 - status
    finally:
        if child is not None and child.poll() is None:
            child.send_signal(signal.SIGTERM)
            try:
                child.wait(timeout=30)
            except subprocess.TimeoutExpired:
                child.kill()
        server.stop()


def main():
    if len(sys.argv) >= 2 and sys.argv[1] == 'bindir':
        path = bindir()
        if path is None:
            return 1
        print(path)
        return 0
    if len(sys.argv) >= 4 and sys.argv[1] == 'run' and sys.argv[2] == '--':
        return run(sys.argv[3:])
    if len(sys.argv) == 4 and sys.argv[1] == 'ctl':
        server = PgServer(root=sys.argv[2])
        if sys.argv[3] == 'stop':
            server.stop_immediately()
            return 0
        if sys.argv[3] == 'start':
            server.start()
            return 0
        if sys.argv[3] == 'dump':
            sys.stdout.buffer.write(server.dump())
            return 0
    sys.stderr.write('Usage: pgserver.py bindir | run -- PROGRAM [ARGS...] | ctl ROOT stop|start|dump\n')
    return 2


if __name__ == '__main__':
    sys.exit(main())
