#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright 2026 The Meldpunt developers
"""The Dutch word for "redacted" is the same in the print dialog (po/nl.po)
and in the dossier (the report's own catalogue, mp-report-strings.c)."""

import re
import sys

report_strings, po = sys.argv[1:3]
with open(report_strings, encoding='utf-8') as f:
    catalogue = dict(re.findall(r'\{\s*"((?:[^"\\]|\\.)*)",\s*"((?:[^"\\]|\\.)*)"\s*\}', f.read()))
with open(po, encoding='utf-8') as f:
    text = f.read()
ui = re.search(r'^msgid "Redacted"\nmsgstr "([^"]*)"', text, re.MULTILINE)

word = catalogue.get('Redacted')
failures = []
if word is None or ui is None:
    failures.append('"Redacted" is missing from the report catalogue or from po/nl.po')
elif ui.group(1) != word:
    failures.append(f'the print dialog says "{ui.group(1)}", the dossier "{word}"')
elif not catalogue.get('Redacted – for sharing', '').startswith(word):
    failures.append(f'the dossier\'s marking does not say "{word}"')
for other in ('anonimiseerd', 'gelakt'):
    for where, dutch in [('po/nl.po', text)] + [('report', v) for v in catalogue.values()]:
        if other in dutch.lower():
            failures.append(f'{where} also uses "{other}" for redacted')
            break
for failure in failures:
    print('FAIL:', failure)
print(f'the Dutch for redacted: {word}')
sys.exit(1 if failures else 0)
