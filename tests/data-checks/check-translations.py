#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright 2026 The Meldpunt developers
"""Checks that a translation is complete.

With --po only: msgfmt --check accepts the file and its statistics show no
untranslated or fuzzy message. With --source-root as well: every message that
xgettext extracts from po/POTFILES.in (with the keywords of meson's 'glib'
preset) has a translation in the file (msgcmp)."""

import argparse
import os
import re
import subprocess
import sys
import tempfile

# meson's i18n.gettext(preset: 'glib') arguments, which po/meson.build uses.
GLIB_PRESET = [
    '--from-code=UTF-8',
    '--add-comments',
    '--keyword=_',
    '--keyword=N_',
    '--keyword=C_:1c,2',
    '--keyword=NC_:1c,2',
    '--keyword=g_dcgettext:2',
    '--keyword=g_dngettext:2,3',
    '--keyword=g_dpgettext2:2c,3',
    '--flag=N_:1:pass-c-format',
    '--flag=C_:2:pass-c-format',
    '--flag=NC_:2:pass-c-format',
    '--flag=g_dngettext:2:pass-c-format',
    '--flag=g_strdup_printf:1:c-format',
    '--flag=g_string_printf:2:c-format',
    '--flag=g_string_append_printf:2:c-format',
    '--flag=g_error_new:3:c-format',
    '--flag=g_set_error:4:c-format',
    '--flag=g_markup_printf_escaped:1:c-format',
    '--flag=g_log:3:c-format',
    '--flag=g_print:1:c-format',
    '--flag=g_printerr:1:c-format',
    '--flag=g_printf:1:c-format',
    '--flag=g_fprintf:2:c-format',
    '--flag=g_sprintf:2:c-format',
    '--flag=g_snprintf:3:c-format',
]


# The statistics are parsed, so the tools must speak English.
ENGLISH = dict(os.environ, LC_ALL='C.UTF-8', LANGUAGE='')


def statistics(po):
    result = subprocess.run(['msgfmt', '--check', '--statistics', '-o', os.devnull, po],
                            capture_output=True, text=True, env=ENGLISH)
    lines = [l for l in result.stderr.splitlines() if 'warning: header field' not in l]
    report = '\n'.join(lines)
    print(report)
    if result.returncode != 0:
        print(f'FAIL: msgfmt --check rejects {po}')
        return False
    summary = lines[-1] if lines else ''
    if 'translated message' not in summary:
        print(f'FAIL: msgfmt gave no statistics for {po}')
        return False
    if 'untranslated' in summary or 'fuzzy' in summary:
        print(f'FAIL: {po} has untranslated or fuzzy messages')
        return False
    return True


def covers_sources(po, source_root, package):
    with tempfile.TemporaryDirectory(prefix='meldpunt-pot-') as tmp:
        pot = os.path.join(tmp, package + '.pot')
        extract = subprocess.run(
            ['xgettext', *GLIB_PRESET, '--package-name=' + package,
             '--directory=' + source_root,
             '--files-from=' + os.path.join(source_root, 'po', 'POTFILES.in'),
             '--output=' + pot],
            capture_output=True, text=True, env=ENGLISH)
        if extract.returncode != 0:
            print(extract.stderr)
            print('FAIL: xgettext could not extract the messages of po/POTFILES.in')
            return False
        if not os.path.exists(pot):
            print('FAIL: xgettext found no messages at all')
            return False
        # Fuzzy and untranslated entries count as missing.
        compare = subprocess.run(['msgcmp', po, pot], capture_output=True, text=True,
                                 env=ENGLISH)
        if compare.returncode != 0:
            print(compare.stderr)
            print(f'FAIL: {po} lacks translations of the messages listed above')
            return False
    print(f'ok: {po} translates every message of po/POTFILES.in')
    return True


# Dutch addresses the user formally ("u", "uw"), never with "je" or "jij".
INFORMAL = {'nl': re.compile(r'\b(je|jij|jou|jouw|jullie|jezelf)\b', re.IGNORECASE)}


def msgstrs(po):
    """Yields (line number, text) of every msgstr, its continuation lines joined."""
    current, start = None, 0
    with open(po, encoding='utf-8') as f:
        for number, line in enumerate(f, 1):
            if line.startswith('msgstr'):
                if current is not None:
                    yield start, current
                current, start = line.split('"', 1)[1].rsplit('"', 1)[0], number
            elif line.startswith('"') and current is not None:
                current += line.strip()[1:-1]
            else:
                if current is not None:
                    yield start, current
                current = None
    if current is not None:
        yield start, current


def addresses_formally(po):
    language = os.path.splitext(os.path.basename(po))[0]
    informal = INFORMAL.get(language)
    if informal is None:
        return True
    found = [(n, text) for n, text in msgstrs(po) if informal.search(text)]
    for number, text in found:
        print(f'FAIL: {po}:{number}: informal address ("{informal.search(text).group(0)}"): {text}')
    return not found


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument('--po', required=True)
    parser.add_argument('--source-root')
    parser.add_argument('--package', default='meldpunt')
    args = parser.parse_args()

    ok = statistics(args.po)
    ok = addresses_formally(args.po) and ok
    if ok and args.source_root:
        ok = covers_sources(args.po, args.source_root, args.package)
    return 0 if ok else 1


if __name__ == '__main__':
    sys.exit(main())
