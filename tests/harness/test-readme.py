#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright 2026 The Meldpunt developers
"""Runs every shell block of README.md, in order, in a temporary copy of the
source tree whose _build is the build tree under test, and fails on the
first command that fails.

A block can be marked by HTML comments on the lines right before it:

  <!-- readme-test: skip: REASON -->
      the block is not run here (e.g. it needs the Flatpak runtime);
  <!-- readme-test: skip-line "TEXT": REASON -->
      the block's lines that start with TEXT are not run;
  <!-- readme-test: replace "OLD" "NEW": REASON -->
      OLD is replaced by NEW before the block runs (a cheaper form);
  <!-- readme-test: needs PROGRAM… -->
      the block needs these programs (`build-aux/setup --extra`): without
      them it is skipped, saying so, except in CI (CI=true), which fails.

Every skip and replacement is printed with its reason."""

import os
import re
import shutil
import subprocess
import sys
import tempfile

SHELLS = ('sh', 'bash', 'shell')
MARKER = re.compile(r'<!--\s*readme-test:\s*(.*?)\s*-->')
SKIP = re.compile(r'skip:\s*(.+)')
SKIP_LINE = re.compile(r'skip-line\s+"([^"]+)":\s*(.+)')
NEEDS = re.compile(r'needs\s+(.+)')
REPLACE = re.compile(r'replace\s+"([^"]*)"\s+"([^"]*)":\s*(.+)')


class ReadmeError(Exception):
    pass


def blocks(text):
    """Yields (line number, markers, code) for each shell block."""
    lines = text.splitlines()
    i = 0
    while i < len(lines):
        fence = re.match(r'^```(\w*)\s*$', lines[i])
        if not fence:
            i += 1
            continue
        start = i
        language = fence.group(1)
        i += 1
        body = []
        while i < len(lines) and not lines[i].startswith('```'):
            body.append(lines[i])
            i += 1
        i += 1
        if language not in SHELLS:
            continue
        markers = []
        j = start - 1
        while j >= 0 and (MARKER.search(lines[j]) or not lines[j].strip()):
            found = MARKER.search(lines[j])
            if found:
                markers.insert(0, found.group(1))
            j -= 1
        yield start + 1, markers, '\n'.join(body) + '\n'


def prepare(line, markers, code):
    """Applies the markers; returns the code to run, or None to skip."""
    for marker in markers:
        if m := SKIP.fullmatch(marker):
            print(f'# README.md:{line}: not run here: {m.group(1)}')
            return None
        if m := SKIP_LINE.fullmatch(marker):
            kept = [l for l in code.splitlines() if not l.startswith(m.group(1))]
            if len(kept) == len(code.splitlines()):
                raise ReadmeError(f'README.md:{line}: no line starts with "{m.group(1)}"')
            print(f'# README.md:{line}: "{m.group(1)}…" not run here: {m.group(2)}')
            code = '\n'.join(kept) + '\n'
        elif m := NEEDS.fullmatch(marker):
            missing = [p for p in m.group(1).split() if shutil.which(p) is None]
            if missing and os.environ.get('CI') == 'true':
                raise ReadmeError(f'README.md:{line}: {" ".join(missing)} missing in CI')
            if missing:
                print(f'# README.md:{line}: not run here: {" ".join(missing)} missing '
                      '(build-aux/setup --extra installs it)')
                return None
        elif m := REPLACE.fullmatch(marker):
            if m.group(1) not in code:
                raise ReadmeError(f'README.md:{line}: "{m.group(1)}" is not in the block')
            print(f'# README.md:{line}: "{m.group(1)}" run as "{m.group(2)}": {m.group(3)}')
            code = code.replace(m.group(1), m.group(2))
        else:
            raise ReadmeError(f'README.md:{line}: marker not understood: {marker}')
    return code


def copy_tree(source_root, destination):
    """Copies the files git knows (tracked or not ignored) or, outside a
    git checkout, the tree without its build folders."""
    listed = subprocess.run(['git', '-C', source_root, 'ls-files', '-z', '--cached', '--others',
                             '--exclude-standard'], capture_output=True)
    if listed.returncode == 0:
        for name in listed.stdout.decode().split('\0'):
            if not name or not os.path.lexists(os.path.join(source_root, name)):
                continue
            target = os.path.join(destination, name)
            os.makedirs(os.path.dirname(target), exist_ok=True)
            shutil.copy2(os.path.join(source_root, name), target, follow_symlinks=False)
    else:
        shutil.copytree(source_root, destination, symlinks=True, dirs_exist_ok=True,
                        ignore=lambda d, names: [n for n in names if d == source_root and
                                                 (n.startswith(('_', '.git', '.flatpak')))])


def main():
    source_root, build_root = (os.path.abspath(p) for p in sys.argv[1:3])
    readme = os.path.join(source_root, 'README.md')
    with open(readme, encoding='utf-8') as f:
        text = f.read()
    found = list(blocks(text))
    if not found:
        print('FAIL: README.md has no shell blocks')
        return 1
    with tempfile.TemporaryDirectory(prefix='meldpunt-readme-') as tree:
        copy_tree(source_root, tree)
        os.symlink(build_root, os.path.join(tree, '_build'))
        ran = 0
        for line, markers, code in found:
            try:
                code = prepare(line, markers, code)
            except ReadmeError as error:
                print(f'FAIL: {error}')
                return 1
            if code is None:
                continue
            print(f'# README.md:{line}: running\n{code}', flush=True)
            proc = subprocess.run(['bash', '-e', '-u', '-o', 'pipefail', '-x', '-c', code],
                                  cwd=tree, stdin=subprocess.DEVNULL)
            if proc.returncode != 0:
                print(f'FAIL: the block at README.md:{line} failed (exit {proc.returncode})')
                return 1
            ran += 1
        print(f'ok: {ran} of {len(found)} shell blocks of README.md ran')
    return 0


if __name__ == '__main__':
    sys.exit(main())
