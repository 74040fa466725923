#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright 2026 The Meldpunt developers
"""Every command and sub-command of meldpunt-cli answers --help with exit
status 0, its usage (its name once), a sentence of what it does and an
example that calls the same command."""

import re
import subprocess
import sys

CLI = sys.argv[1]
failures = []


def run(*args):
    return subprocess.run([CLI, *args], capture_output=True, text=True)


def commands_of(output):
    """The names listed under "Commands:"."""
    names = []
    listing = False
    for line in output.splitlines():
        if line.strip() == 'Commands:':
            listing = True
        elif listing and re.match(r'^  \S', line):
            names.append(line.split()[0])
        elif listing and line.strip() == '':
            listing = False
    return names


top = run('--help')
if top.returncode != 0:
    failures.append(f'--help: exit {top.returncode}')
commands = commands_of(top.stdout)
if 'case' not in commands or 'import-eml' not in commands:
    failures.append(f'--help lists {commands}')

group = run('case', '--help')
if group.returncode != 0:
    failures.append(f'case --help: exit {group.returncode}: {group.stderr}')
case_commands = commands_of(group.stdout)
if sorted(case_commands) != sorted(['add', 'list', 'show', 'set', 'answer', 'erase']):
    failures.append(f'case --help lists {case_commands}')
if 'only open cases' not in group.stdout:
    failures.append('case --help does not say that case list shows only open cases by default')

bare = run('case')
if bare.returncode != 2 or 'case --help' not in bare.stderr:
    failures.append(f'case without a sub-command: exit {bare.returncode}, {bare.stderr!r}')

legal = run('legal', '--help')
legal_commands = commands_of(legal.stdout)
if legal.returncode != 0 or sorted(legal_commands) != ['draft', 'register']:
    failures.append(f'legal --help: exit {legal.returncode}, lists {legal_commands}')

key = run('key', '--help')
key_commands = commands_of(key.stdout)
if key.returncode != 0 or sorted(key_commands) != ['export', 'generate', 'import', 'reporter', 'show']:
    failures.append(f'key --help: exit {key.returncode}, lists {key_commands}')
publish = run('publish', '--help')
publish_commands = commands_of(publish.stdout)
if publish.returncode != 0 or 'security-txt' not in publish_commands:
    failures.append(f'publish --help: exit {publish.returncode}, lists {publish_commands}')

mailbox = run('mailbox', '--help')
mailbox_commands = commands_of(mailbox.stdout)
if mailbox.returncode != 0 or sorted(mailbox_commands) != ['fetch', 'setup']:
    failures.append(f'mailbox --help: exit {mailbox.returncode}, lists {mailbox_commands}')

backup = run('backup', '--help')
for option in ('--list', '--delete-erased'):
    if backup.returncode != 0 or option not in backup.stdout:
        failures.append(f'backup --help: exit {backup.returncode}, does not offer {option}')

names = [[c] for c in commands if c not in ('case', 'legal', 'key', 'publish', 'mailbox')]
names += [['case', c] for c in case_commands]
names += [['legal', c] for c in legal_commands]
names += [['key', c] for c in key_commands]
names += [['publish', c] for c in publish_commands]
names += [['mailbox', c] for c in mailbox_commands]
names += [['workdays', 'add'], ['audit', 'verify']]
for words in names:
    result = run(*words, '--help')
    where = ' '.join(words) + ' --help'
    if result.returncode != 0:
        failures.append(f'{where}: exit {result.returncode}: {result.stderr.strip()}')
        continue
    out = result.stdout
    usage = re.search(r'Usage:\n  (meldpunt-cli [^\n]*)', out)
    if usage is None or not usage.group(1).startswith('meldpunt-cli ' + words[0]):
        failures.append(f'{where}: no usage line naming the command: {out[:200]!r}')
    elif usage.group(1).count(' ' + words[-1] + ' ') + usage.group(1).endswith(' ' + words[-1]) > 1:
        failures.append(f'{where}: the usage names the command twice: {usage.group(1)!r}')
    paragraphs = [p.strip() for p in out.split('\n\n')]
    if not any(re.fullmatch(r'[A-Z][^\n]+\.', p) for p in paragraphs):
        failures.append(f'{where}: no sentence of what the command does')
    example = re.search(r'Example:\n  (meldpunt-cli [^\n]+)', out)
    if example is None or ' '.join(words[:1]) not in example.group(1).split():
        failures.append(f'{where}: no example of the command')

for failure in failures:
    print('FAIL:', failure)
print(f'{len(names)} commands checked')
sys.exit(1 if failures else 0)
