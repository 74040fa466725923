#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright 2026 The Meldpunt developers
#
# End-to-end tests of `holidays`, `workdays add` and `policy` against the
# command-line contract of DESIGN.md. Expected outputs are typed in from
# the 2027 calendar, not taken from the program.

import os
import subprocess
import sys
import tempfile
import unittest

# Passphrase files readable by their owner only, as meldpunt-cli asks.
os.umask(0o077)

CLI = None


class RulesTest(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory(prefix='meldpunt-cli-rules-')
        self.env = dict(os.environ)
        self.env.pop('MELDPUNT_DATABASE', None)
        # No database at the default place: the defaults apply.
        self.env['XDG_DATA_HOME'] = os.path.join(self.tmp.name, 'data')
        self.env['MELDPUNT_TEST_CHEAP_KDF'] = '1'
        self.env['LANGUAGE'] = 'en'
        self.db = os.path.join(self.tmp.name, 'desk.db')
        self.pw = os.path.join(self.tmp.name, 'passphrase')
        with open(self.pw, 'w') as f:
            f.write('a long test passphrase\n')

    def tearDown(self):
        self.tmp.cleanup()

    def run_cli(self, *args, check=True):
        result = subprocess.run([CLI, *args], env=self.env, capture_output=True, text=True,
                                stdin=subprocess.DEVNULL, timeout=60)
        if check and result.returncode != 0:
            self.fail(f'{args} failed ({result.returncode}): {result.stderr}')
        return result

    def init_desk(self):
        self.run_cli('--database', self.db, '--passphrase-file', self.pw,
                     'init', '--organisation', 'Voorbeeld BV')

    def test_holidays_2027(self):
        expected = (
            '2027-01-01\tNieuwjaarsdag\n'
            '2027-03-28\tEerste Paasdag\n'
            '2027-03-29\tTweede Paasdag\n'
            '2027-04-27\tKoningsdag\n'
            '2027-05-05\tBevrijdingsdag\n'
            '2027-05-06\tHemelvaartsdag\n'
            '2027-05-16\tEerste Pinksterdag\n'
            '2027-05-17\tTweede Pinksterdag\n'
            '2027-12-25\tEerste Kerstdag\n'
            '2027-12-26\tTweede Kerstdag\n'
        )
        result = self.run_cli('holidays', '2027')
        self.assertEqual(result.stdout, expected)
        self.assertEqual(result.stderr, '')

    def test_holidays_koningsdag_on_sunday(self):
        lines = self.run_cli('holidays', '2031').stdout.splitlines()
        self.assertIn('2031-04-26\tKoningsdag', lines)
        self.assertNotIn('2031-04-27\tKoningsdag', lines)

    def test_workdays_add(self):
        result = self.run_cli('workdays', 'add', '2026-12-24', '3')
        self.assertEqual(result.stdout, '2026-12-30\n')
        self.assertEqual(self.run_cli('workdays', 'add', '2026-12-24', '0').stdout,
                         '2026-12-24\n')
        self.assertEqual(self.run_cli('workdays', 'add', '2027-04-23', '3').stdout,
                         '2027-04-29\n')

    def test_bad_arguments(self):
        for args in (['holidays'], ['holidays', 'next'], ['holidays', '1200'],
                     ['workdays', 'add', '2026-13-01', '3'],
                     ['workdays', 'add', '24-12-2026', '3'],
                     ['workdays', 'add', '2026-12-24', '-1'],
                     ['workdays', 'add', '2026-12-24'],
                     ['workdays', 'subtract', '2026-12-24', '3']):
            result = self.run_cli(*args, check=False)
            self.assertNotEqual(result.returncode, 0, args)
            self.assertEqual(result.stdout, '', args)
            self.assertNotEqual(result.stderr, '', args)

    def test_missing_named_database(self):
        result = self.run_cli('--database', self.db, 'holidays', '2027', check=False)
        self.assertNotEqual(result.returncode, 0)
        self.assertIn(self.db, result.stderr)

    def test_policy_show_defaults(self):
        lines = self.run_cli('policy', 'show').stdout.splitlines()
        values = dict(line.split('\t', 1) for line in lines)
        self.assertEqual(len(values), len(lines))
        self.assertEqual(values['ack_hours'], '72')
        self.assertEqual(values['assess_workdays'], '3')
        self.assertEqual(values['update_interval_days'], '14')
        self.assertEqual(values['fix_days.critical'], '7')
        self.assertEqual(values['fix_days.low'], '90')
        self.assertEqual(values['disclosure_days'], '90')
        self.assertEqual(values['reward_cap'], '300.00')
        self.assertEqual(values['currency'], 'EUR')
        self.assertEqual(values['timezone'], 'Europe/Amsterdam')
        self.assertEqual(values['holidays.liberation_day'], 'every-year')
        # The third-party referral goes to the national CSIRT.
        self.assertEqual(values['csirt.name'], '')
        self.assertEqual(values['csirt.url'], 'https://www.ncsc.nl/')

    def test_policy_set_and_calendar(self):
        self.init_desk()
        desk = ['--database', self.db, '--passphrase-file', self.pw]
        self.run_cli(*desk, 'policy', 'set', 'holidays.closing_days', '2026-12-28..2026-12-31')
        self.run_cli(*desk, 'policy', 'set', 'holidays.good_friday', 'yes')
        self.run_cli(*desk, 'policy', 'set', 'assets.domains', 'Example.NL.')
        self.run_cli(*desk, 'policy', 'set', 'sister.1.name', 'Zuster BV')
        self.run_cli(*desk, 'policy', 'set', 'csirt.url', 'https://cert.example.nl/')

        # Reading the calendar needs no passphrase.
        plain = ['--database', self.db]
        self.assertEqual(self.run_cli(*plain, 'workdays', 'add', '2026-12-24', '3').stdout,
                         '2027-01-06\n')
        lines = self.run_cli(*plain, 'holidays', '2026').stdout.splitlines()
        self.assertIn('2026-04-03\tGoede Vrijdag', lines)
        self.assertIn('2026-12-28\tSluitingsdag', lines)
        self.assertIn('2026-12-31\tSluitingsdag', lines)
        self.assertEqual(lines, sorted(lines))

        values = dict(line.split('\t', 1)
                      for line in self.run_cli(*plain, 'policy', 'show').stdout.splitlines())
        self.assertEqual(values['holidays.closing_days'], '2026-12-28..2026-12-31')
        self.assertEqual(values['holidays.good_friday'], 'true')
        self.assertEqual(values['assets.domains'], 'example.nl')
        self.assertEqual(values['sister.1.name'], 'Zuster BV')
        self.assertEqual(values['desk.name'], 'Voorbeeld BV')
        self.assertEqual(values['csirt.url'], 'https://cert.example.nl/')

    def test_policy_set_refused(self):
        self.init_desk()
        desk = ['--database', self.db, '--passphrase-file', self.pw]
        for key, value in (('ack_hours', '-1'), ('reward_matrix.critical.excellent', '301'),
                           ('reward_cap', '10'), ('assets.networks', '10.0.0.0/33'),
                           ('timezone', 'Nowhere/Special'),
                           ('holidays.closing_days', '2026-02-30')):
            result = self.run_cli(*desk, 'policy', 'set', key, '--', value, check=False)
            self.assertNotEqual(result.returncode, 0, key)
            self.assertIn(key, result.stderr)

        result = self.run_cli(*desk, 'policy', 'set', 'no_such_key', '1', check=False)
        self.assertNotEqual(result.returncode, 0)
        self.assertIn('ack_hours', result.stderr)

        # Unknown keys are refused even without the passphrase.
        result = self.run_cli('--database', self.db, 'policy', 'set', 'no_such_key', '1',
                              check=False)
        self.assertNotEqual(result.returncode, 0)
        self.assertIn('no_such_key', result.stderr)

        values = dict(line.split('\t', 1) for line in
                      self.run_cli('--database', self.db, 'policy', 'show').stdout.splitlines())
        self.assertEqual(values['ack_hours'], '72')
        self.assertEqual(values['reward_cap'], '300.00')


if __name__ == '__main__':
    CLI = sys.argv.pop(1)
    unittest.main(verbosity=2)
