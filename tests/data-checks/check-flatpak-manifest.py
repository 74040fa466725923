#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright 2026 The Meldpunt developers
"""Checks the Flatpak manifest as flatpak-builder reads it
(--show-manifest): the GNOME runtime, a sandbox without any filesystem
permission, and every downloaded source pinned by sha256 or commit."""

import argparse
import json
import re
import os
import subprocess
import sys
import tempfile

# The network: the desk's mailbox (IMAP and SMTP) and a shared desk's
# PostgreSQL server are reached over it; nothing else in the sandbox opens.
REQUIRED_ARGS = {'--share=ipc', '--share=network', '--socket=wayland', '--socket=fallback-x11',
                 '--device=dri'}
# Permissions that open the sandbox where portals should be used instead.
FORBIDDEN_PREFIXES = (
    '--filesystem',
    '--persist',
    '--socket=x11',
    '--socket=session-bus',
    '--socket=system-bus',
    '--device=all',
    '--talk-name=org.freedesktop.Flatpak',
)

failures = []


def check(condition, message):
    if not condition:
        failures.append(message)
    return condition


def walk_modules(modules, trail=()):
    for module in modules:
        if isinstance(module, str):
            # --show-manifest inlines included module files; a bare string
            # means it could not.
            check(False, f'module file {module} was not inlined')
            continue
        name = module.get('name', '?')
        yield trail + (name,), module
        yield from walk_modules(module.get('modules', []), trail + (name,))


def check_source(where, source):
    if isinstance(source, str):
        check(False, f'{where}: source file {source} was not inlined')
        return
    kind = source.get('type')
    if kind == 'dir':
        return
    if kind in ('archive', 'file'):
        if 'url' in source or 'mirror-urls' in source:
            check(re.fullmatch(r'[0-9a-f]{64}', source.get('sha256', '')) is not None,
                  f'{where}: {source.get("url")} is not pinned by sha256')
        else:
            check('path' in source, f'{where}: a {kind} source without url or path')
    elif kind in ('git', 'bzr', 'svn'):
        check(re.fullmatch(r'[0-9a-f]{40}', source.get('commit', '')) is not None,
              f'{where}: {source.get("url")} is not pinned by commit')
    elif kind in ('patch',):
        check('url' not in source, f'{where}: a patch from a URL')
    elif kind in ('script', 'shell', 'inline'):
        pass
    else:
        check(False, f'{where}: source type {kind} is not checked here')


# What the meldpunt module copies from the source tree: the folders and files
# meson needs, named one by one, so that build folders (_build-asan,
# _build-fuzz, _flatpak), .git and desks lying in the tree stay out.
OWN_SOURCES = {'src', 'resources', 'data', 'po', 'tests', 'meson.build', 'meson_options.txt'}


def check_own_sources(sources, manifest_dir):
    root = os.path.dirname(manifest_dir)
    copied = set()
    for source in sources:
        kind = source.get('type')
        path = source.get('path', '')
        full = os.path.normpath(os.path.join(manifest_dir, path))
        name = os.path.relpath(full, root)
        if not check(kind in ('dir', 'file') and 'url' not in source,
                     f'meldpunt: a {kind} source: build it from the source tree'):
            continue
        if not check(name in OWN_SOURCES,
                     f'meldpunt: copies {name!r} of the source tree, not one of {sorted(OWN_SOURCES)}'):
            continue
        if kind == 'dir':
            check(source.get('dest') == name, f'meldpunt: {name} is not copied to {name}/')
        check(os.path.exists(full), f'meldpunt: {name} does not exist')
        copied.add(name)
    missing = OWN_SOURCES - copied
    check(not missing, f'meldpunt: the build lacks {sorted(missing)}')


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument('--flatpak-builder', default='flatpak-builder')
    parser.add_argument('--app-id', required=True)
    parser.add_argument('manifest')
    args = parser.parse_args()

    # flatpak-builder leaves a .flatpak-builder folder in its working
    # directory; keep it out of the source and build trees.
    with tempfile.TemporaryDirectory(prefix='meldpunt-flatpak-') as tmp:
        shown = subprocess.run([args.flatpak_builder, '--show-manifest',
                                os.path.abspath(args.manifest)],
                               capture_output=True, text=True, cwd=tmp)
    if shown.returncode != 0:
        print(shown.stderr)
        print('FAIL: flatpak-builder cannot read the manifest')
        return 1
    manifest = json.loads(shown.stdout)

    check(manifest.get('id', manifest.get('app-id')) == args.app_id, f'the id is not {args.app_id}')
    check(manifest.get('runtime') == 'org.gnome.Platform', 'the runtime is not org.gnome.Platform')
    check(manifest.get('sdk') == 'org.gnome.Sdk', 'the sdk is not org.gnome.Sdk')
    runtime_version = str(manifest.get('runtime-version', ''))
    check(runtime_version.isdigit() and int(runtime_version) >= 50,
          f'runtime-version {runtime_version} is not GNOME 50 or newer')
    check(manifest.get('command') == 'meldpunt', 'the command is not meldpunt')

    finish_args = manifest.get('finish-args', [])
    for arg in finish_args:
        for prefix in FORBIDDEN_PREFIXES:
            check(not (arg == prefix or arg.startswith(prefix + '=')),
                  f'finish-arg {arg} is not allowed: use a portal')
    missing = REQUIRED_ARGS - set(finish_args)
    check(not missing, f'finish-args lack {sorted(missing)}')

    modules = list(walk_modules(manifest.get('modules', [])))
    names = [trail[-1] for trail, _ in modules]
    # libpq (issue 20): a shared desk's PostgreSQL engine; not in the runtime.
    for library in ('libsodium', 'gmime', 'libical', 'libpq'):
        check(library in names, f'no module builds {library}')
    # OpenPGP (issue 21) goes through GMime's crypto contexts over GPGME;
    # GPGME and gnupg come with the runtime (the freedesktop Platform under
    # org.gnome.Platform ships gpgme, libassuan and gnupg), GMime is ours.
    for trail, module in modules:
        if trail[-1] == 'gmime':
            check('--disable-crypto' not in module.get('config-opts', []),
                  'gmime is built without crypto: OpenPGP needs --enable-crypto')
    for trail, module in modules:
        where = '/'.join(trail)
        sources = module.get('sources', [])
        check(len(sources) >= 1 or module.get('modules'), f'{where}: no sources')
        for source in sources:
            check_source(where, source)

    top = manifest.get('modules', [])
    if check(len(top) >= 1 and isinstance(top[-1], dict), 'no modules'):
        last = top[-1]
        check(last.get('name') == 'meldpunt', 'the last module is not meldpunt')
        check(last.get('buildsystem') == 'meson', 'meldpunt is not built with meson')
        check('-Dtest_hooks=false' in last.get('config-opts', []),
              'meldpunt is built with the test hooks (cheap key derivation): add -Dtest_hooks=false')
        check_own_sources(last.get('sources', []), os.path.dirname(os.path.abspath(args.manifest)))

    for failure in failures:
        print(f'FAIL: {failure}')
    if failures:
        return 1
    print(f'ok: {len(modules)} modules, every downloaded source pinned, '
          f'finish-args {" ".join(finish_args)}')
    return 0


if __name__ == '__main__':
    sys.exit(main())
