#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright 2026 The Meldpunt developers
#
# The first start of the application shows the welcome page and quits (as
# `build-aux/run` does when the user closes it): no desk file may be left
# in the data folder, since no desk was set up. Runs in the temporary home
# of tests/run-isolated.sh.
set -u
meldpunt=$1
data=${XDG_DATA_HOME:?}
MELDPUNT_EXIT_AFTER_FIRST_FRAME=1 GSK_RENDERER=cairo GDK_BACKEND=x11 "$meldpunt" || {
  echo "FAIL: meldpunt exited with status $?"
  exit 1
}
left=$(find "$data" -name 'meldpunt.db*' 2>/dev/null)
if [ -n "$left" ]; then
  echo "FAIL: the first start left a desk file behind: $left"
  exit 1
fi
echo "ok: no desk file after the first start"
