#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright 2026 The Meldpunt developers
"""Checks tests/servers/pgserver.py, the PostgreSQL server of the tests
(issue 20): from Python, the server takes the owner's password on the
socket and over TLS (verified against the test authority, refused against
another), refuses a wrong password, dumps what was written, dies and comes
back through its ctl script, and stop() leaves no process and no folder. As a wrapper (`run
--`), the program sees the MELDPUNT_TEST_PG_* variables, its exit status
passes through, and the server is stopped even when the program fails or
the wrapper itself is told to stop."""

import os
import signal
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
SCRIPT = os.path.join(HERE, '..', 'servers', 'pgserver.py')
sys.path.insert(0, os.path.join(HERE, '..', 'servers'))
import pgserver  # noqa: E402

failures = []


def check(condition, message):
    if not condition:
        failures.append(message)
        print('FAIL:', message)


def psql(server, uri, sql):
    env = {k: v for k, v in os.environ.items() if not k.startswith('PG')}
    return subprocess.run([os.path.join(server.bin, 'psql'), '-X', '-A', '-t', '-c', sql, uri],
                          capture_output=True, text=True, env=env)


def server_processes(data_dir):
    """The processes whose command line names @data_dir (the postmaster)."""
    found = []
    for pid in os.listdir('/proc'):
        if not pid.isdigit():
            continue
        try:
            with open(f'/proc/{pid}/cmdline', 'rb') as f:
                if data_dir.encode() in f.read():
                    found.append(int(pid))
        except OSError:
            pass
    return found


def test_python_api():
    server = pgserver.PgServer()
    try:
        data, root = server.data, server.root
        check(len(server_processes(data)) >= 1, 'no server process runs')
        if os.geteuid() == 0:
            check(os.stat(os.path.join(data, 'PG_VERSION')).st_uid != 0,
                  'the server runs as root')
        result = psql(server, server.uri(), 'SELECT current_user')
        check(result.stdout.strip() == pgserver.OWNER, f'socket: {result.stdout}{result.stderr}')
        result = psql(server, server.tls_uri() + '&sslmode=verify-full',
                      'SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()')
        check(result.stdout.strip() == 't', f'TLS: {result.stdout}{result.stderr}')
        result = psql(server, server.tls_uri(ca_file=server.other_ca_file) + '&sslmode=verify-full',
                      'SELECT 1')
        check(result.returncode != 0 and 'certificate verify failed' in result.stderr,
              f'another authority was trusted: {result.stderr}')
        result = psql(server, server.uri(password='wrong'), 'SELECT 1')
        check(result.returncode != 0 and 'password authentication failed' in result.stderr,
              f'a wrong password: {result.stderr}')
        result = psql(server, server.tls_uri() + '&sslmode=disable', 'SELECT 1')
        check(result.returncode != 0 and 'no encryption' in result.stderr,
              f'TCP without TLS: {result.stdout}{result.stderr}')

        psql(server, server.uri(), "CREATE TABLE marker (t text); "
             "INSERT INTO marker VALUES ('plain-marker-4711')")
        check(b'plain-marker-4711' in server.dump(), 'pg_dump does not show what was written')
        ctl = server.environ()['MELDPUNT_TEST_PG_CTL']
        dumped = subprocess.run(['sh', ctl, 'dump'], capture_output=True, check=True).stdout
        check(b'plain-marker-4711' in dumped, 'ctl dump does not show what was written')
        subprocess.run(['sh', ctl, 'stop'], check=True)
        check(server_processes(data) == [], 'the server still runs after ctl stop')
        check(psql(server, server.uri(), 'SELECT 1').returncode != 0, 'a stopped server answered')
        subprocess.run(['sh', ctl, 'start'], check=True)
        result = psql(server, server.uri(), 'SELECT 2')
        check(result.stdout.strip() == '2', f'after ctl start: {result.stderr}')
    finally:
        server.stop()
    check(server_processes(data) == [], 'the server still runs after stop()')
    check(not os.path.exists(root), 'stop() left the folder')


def run_wrapped(program, stop_wrapper=False):
    """Runs @program (shell) under `pgserver.py run --`; returns its exit
    status and the root folder the program saw."""
    wrapper = subprocess.Popen([sys.executable, SCRIPT, 'run', '--', 'sh', '-c',
                                'echo "$MELDPUNT_TEST_PG_SOCKET"; ' + program],
                               stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True)
    socket_dir = wrapper.stdout.readline().strip()
    if stop_wrapper:
        wrapper.send_signal(signal.SIGTERM)
    wrapper.communicate(timeout=120)
    return wrapper.returncode, os.path.dirname(socket_dir)


def test_wrapper():
    status, root = run_wrapped('psql -X -At -c "SELECT 40 + 2" "$MELDPUNT_TEST_PG_URI" '
                               '| grep -qx 42')
    check(status == 0, f'the wrapped program could not use the server ({status})')
    check(root and not os.path.exists(root), 'the wrapper left the folder')

    status, root = run_wrapped('exit 7')
    check(status == 7, f'the program\'s status 7 came back as {status}')
    check(root and not os.path.exists(root), 'a failed program left the server\'s folder')

    # the wrapper stopped from outside (meson's timeout) while the program runs
    status, root = run_wrapped('read line', stop_wrapper=True)
    check(status != 0, 'a stopped wrapper reported success')
    check(root and not os.path.exists(root), 'a stopped wrapper left the server\'s folder')
    check(root and server_processes(os.path.join(root, 'data')) == [],
          'a stopped wrapper left the server running')


test_python_api()
test_wrapper()
if failures:
    sys.exit(1)
print('ok')
