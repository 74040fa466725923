#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright 2026 The Meldpunt developers
#
# Runs "$@" in a private D-Bus session with a fresh, unlocked
# gnome-keyring (secrets only), with MELDPUNT_TEST_KEYRING=1 set.
# Skips (77) when dbus-run-session or gnome-keyring-daemon is missing.
command -v dbus-run-session >/dev/null 2>&1 || exit 77
command -v gnome-keyring-daemon >/dev/null 2>&1 || exit 77

home=$(mktemp -d) || exit 1
trap 'rm -rf "$home"' EXIT INT TERM
mkdir -p "$home/data" "$home/run"
chmod 700 "$home/run"

HOME=$home XDG_DATA_HOME=$home/data XDG_RUNTIME_DIR=$home/run MELDPUNT_TEST_KEYRING=1 \
  dbus-run-session -- sh -c '
    # The daemon is not under test: the tests'"'"' G_DEBUG=fatal-warnings would
    # make it abort on a warning of its own (it warns when an item is
    # replaced, as a rotated desk key is).
    eval "$(printf "meldpunt-test" | env -u G_DEBUG gnome-keyring-daemon --unlock --components=secrets)" || exit 1
    # The daemon may answer before it owns its bus name; a test that asks
    # first finds no Secret Service. Wait for the name (for at most 30 s).
    tries=0
    until gdbus call --session --dest org.freedesktop.DBus --object-path /org/freedesktop/DBus \
          --method org.freedesktop.DBus.NameHasOwner org.freedesktop.secrets 2>/dev/null | grep -q true; do
      tries=$((tries + 1))
      [ $tries -gt 300 ] && { echo "gnome-keyring-daemon never owned org.freedesktop.secrets" >&2; exit 1; }
      sleep 0.1
    done
    "$@"
    status=$?
    [ -n "$GNOME_KEYRING_PID" ] && kill "$GNOME_KEYRING_PID" 2>/dev/null
    exit $status' sh "$@"
