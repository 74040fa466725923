# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright 2026 The Meldpunt developers
"""Starts the test mail servers (mailservers.py) for a test written in C,
prints one JSON line with their addresses, then answers commands on
standard input, one a line, until "quit" or the end of input, and stops
them:

  deliver FILE     put the message in FILE into the inbox; answers "ok"
  count FOLDER     answers the number of messages in FOLDER
  sent             answers the number of messages the SMTP server received
"""

import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import mailservers  # noqa: E402

servers = mailservers.MailServers()
try:
    with open(servers.ca_file) as f:
        ca_pem = f.read()
    print(json.dumps({'imaps_url': servers.imaps_url(),
                      'smtp_url': f'smtp://127.0.0.1:{servers.smtp_port}',
                      'user': mailservers.USER, 'password': mailservers.PASSWORD,
                      'ca_file': servers.ca_file, 'ca_pem': ca_pem}), flush=True)
    for line in sys.stdin:
        command, _, argument = line.strip().partition(' ')
        if command == 'deliver':
            with open(argument, 'rb') as f:
                servers.deliver(f.read())
            print('ok', flush=True)
        elif command == 'count':
            print(servers.count(argument), flush=True)
        elif command == 'sent':
            print(len(servers.sent_messages()), flush=True)
        elif command == 'quit':
            break
        else:
            print(f'unknown command {command}', flush=True)
finally:
    servers.stop()
