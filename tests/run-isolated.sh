#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright 2026 The Meldpunt developers
#
# Runs "$@" (one test) in its own D-Bus session with HOME, the XDG folders
# and GNUPGHOME in a fresh temporary folder that is removed afterwards, so
# that no test reads or writes the user's home, session bus or keyring.
# Every `meson test` setup uses it as its wrapper (see meson.build).
set -u

if ! command -v dbus-run-session >/dev/null 2>&1; then
  echo "run-isolated: dbus-run-session is missing (install the dbus package)" >&2
  exit 99
fi

root=$(mktemp -d "${TMPDIR:-/tmp}/meldpunt-test-home.XXXXXX") || exit 99
trap 'rm -rf "$root"' EXIT
trap 'exit 143' TERM
trap 'exit 130' INT

# The X server of the caller (xvfb-run or a desktop) stays reachable: its
# cookie file is named before HOME moves.
if [ -n "${DISPLAY:-}" ] && [ -z "${XAUTHORITY:-}" ] && [ -n "${HOME:-}" ] \
   && [ -f "$HOME/.Xauthority" ]; then
  export XAUTHORITY="$HOME/.Xauthority"
fi

mkdir -p "$root/config" "$root/data" "$root/cache" "$root/state" "$root/run" "$root/gnupg"
chmod 700 "$root/run" "$root/gnupg"
export HOME="$root"
export XDG_CONFIG_HOME="$root/config"
export XDG_DATA_HOME="$root/data"
export XDG_CACHE_HOME="$root/cache"
export XDG_STATE_HOME="$root/state"
export XDG_RUNTIME_DIR="$root/run"
export GNUPGHOME="$root/gnupg"
# Nothing of the caller's session: no bus, no keyring, no Wayland display.
unset DBUS_SESSION_BUS_ADDRESS WAYLAND_DISPLAY GNOME_KEYRING_CONTROL SSH_AUTH_SOCK

dbus-run-session -- "$@"
