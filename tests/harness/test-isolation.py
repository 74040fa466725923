#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright 2026 The Meldpunt developers
"""Checks tests/run-isolated.sh, the wrapper of every test: a command that
writes into HOME, the XDG folders and GNUPGHOME and talks to the session bus
leaves the caller's home empty, gets a bus of its own, keeps the caller's
time zone, and its temporary home is gone afterwards. Then the same with a command that fails."""

import os
import shutil
import subprocess
import sys
import tempfile

WRAPPER = sys.argv[1]

SCRIPT = r'''
set -e
echo "home=$HOME"
echo "bus=$DBUS_SESSION_BUS_ADDRESS"
echo "tz=${TZ-unset}"
touch "$HOME/.Xdefaults-written-by-test"
mkdir -p "$XDG_CONFIG_HOME/gtk-4.0" "$XDG_CACHE_HOME/mesa_shader_cache" \
         "$XDG_DATA_HOME/keyrings" "$HOME/.dbus"
echo x > "$GNUPGHOME/pubring.kbx"
case "$XDG_RUNTIME_DIR" in "$HOME"/*) ;; *) echo "runtime dir outside home"; exit 3 ;; esac
if command -v gdbus >/dev/null 2>&1; then
  gdbus call --session --dest org.freedesktop.DBus --object-path /org/freedesktop/DBus \
    --method org.freedesktop.DBus.GetId >/dev/null
fi
exit "$1"
'''

failures = []
CALLER_TZ = 'Pacific/Chatham'


def run(outer, status):
    env = {k: v for k, v in os.environ.items() if not k.startswith('XDG_')}
    env['HOME'] = outer
    env['GNUPGHOME'] = os.path.join(outer, '.gnupg')
    # A caller's bus address that must not be used (nothing listens there).
    env['DBUS_SESSION_BUS_ADDRESS'] = 'unix:path=' + os.path.join(outer, 'no-such-bus')
    # The caller's time zone reaches the test: build-aux/test runs the suite
    # a second time in another zone than the desk's.
    env['TZ'] = CALLER_TZ
    # Standard error apart: dbus-daemon writes its warnings there a piece at
    # a time, which could otherwise land inside one of the script's lines.
    proc = subprocess.run([WRAPPER, 'sh', '-c', SCRIPT, 'sh', str(status)], env=env,
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    values = dict(line.split('=', 1) for line in proc.stdout.splitlines() if '=' in line)
    return proc, values


for status in (0, 5):
    outer = tempfile.mkdtemp(prefix='meldpunt-outer-home.')
    try:
        proc, values = run(outer, status)
        if proc.returncode != status:
            failures.append(f'exit status {proc.returncode}, expected {status}: '
                            f'{proc.stdout}{proc.stderr}')
        inner = values.get('home', '')
        if not inner or inner == outer:
            failures.append(f'HOME was not moved: {inner!r} (output: {proc.stdout!r}, '
                            f'errors: {proc.stderr!r})')
        elif os.path.exists(inner):
            failures.append(f'the temporary home {inner} is left behind')
        if 'no-such-bus' in values.get('bus', 'no-such-bus'):
            failures.append(f'the caller\'s session bus was kept: {values.get("bus")!r}')
        if values.get('tz') != CALLER_TZ:
            failures.append(f'the caller\'s TZ {CALLER_TZ} became {values.get("tz")!r}')
        left = sorted(os.listdir(outer))
        if left:
            failures.append(f'the caller\'s home gained {left}')
    finally:
        shutil.rmtree(outer, ignore_errors=True)

for failure in failures:
    print('FAIL:', failure)
sys.exit(1 if failures else 0)
