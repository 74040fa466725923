# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright 2026 The Meldpunt developers
"""A real SMTP submission server for the tests, made with aiosmtpd
(Debian's python3-aiosmtpd): STARTTLS and AUTH required, each message
accepted is written to FOLDER as N.eml. Prints "ready" once it listens;
stops on SIGTERM.

Usage: smtp-sink.py PORT CERT KEY FOLDER USER PASSWORD"""

import os
import signal
import ssl
import sys
import threading

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

port, cert, key, folder, user, password = sys.argv[1:7]


class Sink:
    def __init__(self):
        self.count = 0
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            self.count += 1
            n = self.count
        partial = os.path.join(folder, f'{n:04d}.part')
        with open(partial, 'wb') as f:
            f.write(envelope.original_content or envelope.content)
        # the test sees a message only once it is whole
        os.rename(partial, os.path.join(folder, f'{n:04d}.eml'))
        return '250 OK'


def authenticator(server, session, envelope, mechanism, auth_data):
    ok = (isinstance(auth_data, LoginPassword) and auth_data.login.decode() == user and
          auth_data.password.decode() == password)
    return AuthResult(success=ok)


context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
context.load_cert_chain(cert, key)
controller = Controller(Sink(), hostname='127.0.0.1', port=int(port), tls_context=context,
                        require_starttls=True, authenticator=authenticator,
                        auth_required=True, auth_require_tls=True)
controller.start()
print('ready', flush=True)
stop = threading.Event()
signal.signal(signal.SIGTERM, lambda *a: stop.set())
stop.wait()
controller.stop()
