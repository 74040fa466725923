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
    eval "$(printf "meldpunt-test" | gnome-keyring-daemon --unlock --components=secrets)" || exit 1
    "$@"
    status=$?
    [ -n "$GNOME_KEYRING_PID" ] && kill "$GNOME_KEYRING_PID" 2>/dev/null
    exit $status' sh "$@"
