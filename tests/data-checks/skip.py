#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright 2026 The Meldpunt developers
"""Skips a test whose tool is not installed (exit status 77)."""

import sys

print(f"skipped: {' '.join(sys.argv[1:])} is not installed (see build-aux/setup)")
sys.exit(77)
