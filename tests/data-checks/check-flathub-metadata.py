#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright 2026 The Meldpunt developers
"""Checks what Flathub requires of the metainfo and desktop file beyond what
Debian 12's appstreamcli validates: releases, screenshots, developer,
branding, launchable, content rating, and that translations were merged."""

import argparse
import configparser
import os
import re
import sys
import xml.etree.ElementTree as ET

XML_LANG = '{http://www.w3.org/XML/1998/namespace}lang'

failures = []


def check(condition, message):
    if not condition:
        failures.append(message)
    return condition


def untranslated(elements):
    return [e for e in elements if e.get(XML_LANG) is None]


def version_key(version):
    parts = re.split(r'[.~+-]', version)
    return [int(p) if p.isdigit() else p for p in parts]


def luminance(colour):
    channels = [int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def check_metainfo(path, app_id, version, desktop_path, source_root):
    root = ET.parse(path).getroot()

    check(root.tag == 'component' and root.get('type') == 'desktop-application',
          'the component is not a desktop-application')
    check(root.findtext('id') == app_id, f'<id> is not {app_id}')
    check(root.findtext('metadata_license') == 'CC0-1.0'
          or root.findtext('metadata_license') == 'FSFAP',
          '<metadata_license> must be CC0-1.0 or FSFAP')
    check(bool(root.findtext('project_license')), '<project_license> is missing')

    names = untranslated(root.findall('name'))
    check(len(names) == 1 and names[0].text == 'Meldpunt', '<name> must be "Meldpunt"')
    summaries = untranslated(root.findall('summary'))
    if check(len(summaries) == 1 and summaries[0].text, 'exactly one untranslated <summary>'):
        summary = summaries[0].text
        check(len(summary) <= 35, f'summary longer than 35 characters: "{summary}"')
        check(not summary.endswith('.'), 'summary ends with a full stop')

    description = root.find('description')
    if check(description is not None, '<description> is missing'):
        paragraphs = untranslated(description.findall('p'))
        check(len(paragraphs) >= 2, 'the description needs at least two paragraphs')
        check(len(' '.join(p.text or '' for p in paragraphs)) >= 200,
              'the description is too short to say what the application does')

    # Launchable: the desktop file that is installed, under its own name.
    launchables = root.findall('launchable')
    if check(len(launchables) == 1, 'exactly one <launchable> is required'):
        launchable = launchables[0]
        check(launchable.get('type') == 'desktop-id', 'the launchable is not a desktop-id')
        check(launchable.text == os.path.basename(desktop_path),
              f'launchable {launchable.text} does not name {os.path.basename(desktop_path)}')
        check(launchable.text == app_id + '.desktop', 'launchable is not <app id>.desktop')

    # Developer: id and name (Flathub rejects the old <developer_name> alone).
    developer = root.find('developer')
    if check(developer is not None, '<developer> is missing'):
        dev_id = developer.get('id') or ''
        check(re.fullmatch(r'[a-z0-9-]+(\.[a-z0-9-]+)+', dev_id) is not None,
              f'developer id "{dev_id}" is not a reverse-DNS id')
        check(app_id.lower().startswith(dev_id.lower() + '.'),
              'the developer id is not a prefix of the application id')
        dev_names = untranslated(developer.findall('name'))
        check(len(dev_names) == 1 and (dev_names[0].text or '').strip(),
              'the developer has no <name>')

    # Releases: present, newest first, and the newest is this version.
    releases = root.findall('releases/release')
    if check(len(releases) >= 1, 'no <release>'):
        for release in releases:
            check(re.fullmatch(r'\d{4}-\d{2}-\d{2}', release.get('date') or '') is not None,
                  f'release {release.get("version")} has no YYYY-MM-DD date')
            check(release.find('description') is not None,
                  f'release {release.get("version")} has no description')
        versions = [r.get('version') or '' for r in releases]
        check(versions == sorted(versions, key=version_key, reverse=True),
              f'releases are not newest first: {versions}')
        dates = [r.get('date') or '' for r in releases]
        check(dates == sorted(dates, reverse=True), f'release dates are not newest first: {dates}')
        check(versions[0] == version,
              f'newest release {versions[0]} is not the project version {version}')

    # Screenshots: at least one, one default, each with an image and a caption.
    screenshots = root.findall('screenshots/screenshot')
    if check(len(screenshots) >= 1, 'no <screenshot>'):
        defaults = [s for s in screenshots if s.get('type') == 'default']
        check(len(defaults) == 1, f'{len(defaults)} default screenshots; exactly one is required')
        screenshot_dir = os.path.join(source_root, 'data', 'screenshots')
        for screenshot in screenshots:
            images = untranslated(screenshot.findall('image'))
            captions = untranslated(screenshot.findall('caption'))
            if not check(len(images) == 1, 'a screenshot without exactly one <image>'):
                continue
            url = images[0].text or ''
            check(len(captions) == 1 and (captions[0].text or '').strip(),
                  f'screenshot {url} has no caption')
            match = re.fullmatch(
                r'https://raw\.githubusercontent\.com/[^/]+/[^/]+/[^/]+/data/screenshots/([^/]+\.png)',
                url)
            if check(match is not None, f'screenshot {url} is not a PNG in data/screenshots/'):
                # The images are produced by the UI tests; once the folder
                # exists, each one named here must be in it.
                if os.path.isdir(screenshot_dir):
                    check(os.path.isfile(os.path.join(screenshot_dir, match.group(1))),
                          f'data/screenshots/{match.group(1)} does not exist')

    # Content rating, URLs, branding.
    rating = root.find('content_rating')
    check(rating is not None and rating.get('type') == 'oars-1.1',
          '<content_rating type="oars-1.1"> is missing')
    urls = {u.get('type'): u.text for u in root.findall('url')}
    for kind in ('homepage', 'bugtracker', 'vcs-browser'):
        check((urls.get(kind) or '').startswith('https://'), f'no https <url type="{kind}">')

    colours = {}
    for colour in root.findall('branding/color'):
        if colour.get('type') == 'primary':
            colours[colour.get('scheme_preference')] = colour.text or ''
    for scheme in ('light', 'dark'):
        check(re.fullmatch(r'#[0-9a-fA-F]{6}', colours.get(scheme, '')) is not None,
              f'no primary branding colour for the {scheme} scheme')
    if all(re.fullmatch(r'#[0-9a-fA-F]{6}', colours.get(s, '')) for s in ('light', 'dark')):
        check(luminance(colours['light']) > luminance(colours['dark']),
              'the light branding colour is not lighter than the dark one')

    binaries = [b.text for b in root.findall('provides/binary')]
    check('meldpunt' in binaries, '<provides> does not name the meldpunt binary')

    # i18n.merge_file put the Dutch translation in.
    check(any(e.get(XML_LANG) == 'nl' for e in root.iter('summary')),
          'the metainfo carries no Dutch summary: translations were not merged')


def check_desktop(path, app_id):
    parser = configparser.RawConfigParser(interpolation=None, strict=True)
    parser.optionxform = str
    parser.read(path, encoding='utf-8')
    if not check(parser.has_section('Desktop Entry'), 'the desktop file has no [Desktop Entry]'):
        return
    entry = parser['Desktop Entry']
    check(os.path.basename(path) == app_id + '.desktop', 'the desktop file is not <app id>.desktop')
    check(entry.get('Icon') == app_id, 'Icon is not the application id')
    check((entry.get('Exec') or '').split()[0:1] == ['meldpunt'], 'Exec does not run meldpunt')
    check(entry.get('DBusActivatable') == 'true', 'DBusActivatable is not true')
    check('message/rfc822' in (entry.get('MimeType') or '').split(';'),
          'MimeType does not list message/rfc822')
    check(bool(entry.get('Name[nl]')), 'the desktop file has no Dutch name: translations were not merged')
    check(bool(entry.get('Comment[nl]')), 'the desktop file has no Dutch comment')


def check_icons(source_root, app_id):
    base = os.path.join(source_root, 'data', 'icons', 'hicolor')
    for path in (os.path.join(base, 'scalable', 'apps', app_id + '.svg'),
                 os.path.join(base, 'symbolic', 'apps', app_id + '-symbolic.svg')):
        if not check(os.path.isfile(path), f'{path} is missing'):
            continue
        svg = ET.parse(path).getroot()
        check(svg.tag == '{http://www.w3.org/2000/svg}svg', f'{path} is not an SVG')
        box = (svg.get('viewBox') or '').split()
        check(len(box) == 4 and box[2] == box[3], f'{path} is not square')


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument('--app-id', required=True)
    parser.add_argument('--version', required=True)
    parser.add_argument('--metainfo', required=True)
    parser.add_argument('--desktop', required=True)
    parser.add_argument('--source-root', required=True)
    args = parser.parse_args()

    check_metainfo(args.metainfo, args.app_id, args.version, args.desktop, args.source_root)
    check_desktop(args.desktop, args.app_id)
    check_icons(args.source_root, args.app_id)

    for failure in failures:
        print(f'FAIL: {failure}')
    if failures:
        return 1
    print('ok: the metainfo and desktop file meet the Flathub requirements checked here')
    return 0


if __name__ == '__main__':
    sys.exit(main())
