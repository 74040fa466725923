#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright 2026 The Meldpunt developers
"""Runs `meson install --destdir` into a fresh temporary directory and checks
that everything a distribution or Flatpak needs is laid out. Nothing is
written into the build directory except meson's install log, so the test can
run beside the others."""

import argparse
import json
import os
import subprocess
import sys
import tempfile


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument('--meson', default='meson')
    parser.add_argument('--build-root', required=True)
    parser.add_argument('--app-id', required=True)
    parser.add_argument('--package', required=True)
    args = parser.parse_args()

    introspected = subprocess.run([args.meson, 'introspect', '--buildoptions', args.build_root],
                                  capture_output=True, text=True, check=True)
    options = {o['name']: o['value'] for o in json.loads(introspected.stdout)}
    prefix = options['prefix'].lstrip('/')

    def under_prefix(option):
        value = options[option]
        return value.lstrip('/') if os.path.isabs(value) else os.path.join(prefix, value)

    bindir = under_prefix('bindir')
    datadir = under_prefix('datadir')
    localedir = under_prefix('localedir')
    app_id = args.app_id

    expected = [
        os.path.join(bindir, 'meldpunt'),
        os.path.join(bindir, 'meldpunt-cli'),
        os.path.join(datadir, 'applications', app_id + '.desktop'),
        os.path.join(datadir, 'metainfo', app_id + '.metainfo.xml'),
        os.path.join(datadir, 'icons', 'hicolor', 'scalable', 'apps', app_id + '.svg'),
        os.path.join(datadir, 'icons', 'hicolor', 'symbolic', 'apps', app_id + '-symbolic.svg'),
        os.path.join(datadir, 'glib-2.0', 'schemas', app_id + '.gschema.xml'),
        os.path.join(datadir, 'dbus-1', 'services', app_id + '.service'),
        os.path.join(localedir, 'nl', 'LC_MESSAGES', args.package + '.mo'),
    ]

    with tempfile.TemporaryDirectory(prefix='meldpunt-install-') as destdir:
        env = dict(os.environ)
        env.pop('DESTDIR', None)
        installed = subprocess.run(
            [args.meson, 'install', '-C', args.build_root, '--no-rebuild', '--quiet',
             '--destdir', destdir],
            capture_output=True, text=True, env=env)
        if installed.returncode != 0:
            print(installed.stdout)
            print(installed.stderr)
            print('FAIL: meson install failed')
            return 1

        failures = []
        for path in expected:
            full = os.path.join(destdir, path)
            if not os.path.isfile(full) or os.path.getsize(full) == 0:
                failures.append(f'{path} is not installed')
        for binary in expected[:2]:
            full = os.path.join(destdir, binary)
            if os.path.isfile(full) and not os.access(full, os.X_OK):
                failures.append(f'{binary} is not executable')

        # The D-Bus service starts the installed binary, not one in the build tree.
        service = os.path.join(destdir, expected[7])
        if os.path.isfile(service):
            with open(service, encoding='utf-8') as f:
                lines = f.read().splitlines()
            exec_line = next((l for l in lines if l.startswith('Exec=')), '')
            wanted = 'Exec=/' + os.path.join(bindir, 'meldpunt')
            if not exec_line.startswith(wanted + ' ') or 'Name=' + app_id not in lines:
                failures.append(f'the D-Bus service says "{exec_line}", not "{wanted} …"')

        # Nothing lands outside the prefix.
        for entry in os.listdir(destdir):
            if entry != prefix.split('/')[0]:
                failures.append(f'/{entry} is installed outside the prefix')

        for failure in failures:
            print(f'FAIL: {failure}')
        if failures:
            return 1
        for path in expected:
            print(f'ok: /{path}')
    return 0


if __name__ == '__main__':
    sys.exit(main())
