#!/usr/bin/env python3
# Installs the build into a temporary DESTDIR and checks that everything the desktop and Flatpak need is there.
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: check-install.py --meson MESON --build-dir DIR --prefix PREFIX --bindir DIR --datadir DIR
#                         --localedir DIR --app-id ID --gettext-package NAME --linguas FILE
#                         [--gui [--help-pages DIR]] [--glib-compile-schemas PATH]
# Prints TAP.

import argparse
import configparser
import os
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET


class Tap:
    def __init__(self):
        self.results = []

    def check(self, ok, name, diagnostics=()):
        self.results.append((bool(ok), name, list(diagnostics)))

    def skip(self, name, reason):
        self.results.append((True, f'{name} # SKIP {reason}', []))

    def finish(self):
        print('TAP version 13')
        print(f'1..{len(self.results)}')
        for number, (ok, name, diagnostics) in enumerate(self.results, 1):
            print(f'{"ok" if ok else "not ok"} {number} - {name}')
            for line in diagnostics:
                print(f'# {line}')
        return 0 if all(ok for ok, _, _ in self.results) else 1


def under(root, prefix, path):
    """Where PATH (relative to PREFIX, or absolute) lands inside the DESTDIR ROOT."""
    full = path if os.path.isabs(path) else os.path.join(prefix, path)
    return os.path.join(root, os.path.relpath(full, '/'))


def read_linguas(path):
    langs = []
    with open(path, encoding='utf-8') as f:
        for line in f:
            line = line.split('#', 1)[0]
            langs.extend(line.split())
    return langs


def check_file(tap, path, what, executable=False):
    exists = os.path.isfile(path)
    if executable:
        exists = exists and os.access(path, os.X_OK)
    tap.check(exists, f'{what} is installed', [] if exists else [f'missing: {path}'])
    return exists


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--meson', required=True)
    ap.add_argument('--build-dir', required=True)
    ap.add_argument('--prefix', required=True)
    ap.add_argument('--bindir', required=True)
    ap.add_argument('--datadir', required=True)
    ap.add_argument('--localedir', required=True)
    ap.add_argument('--app-id', required=True)
    ap.add_argument('--gettext-package', required=True)
    ap.add_argument('--linguas', required=True)
    ap.add_argument('--gui', action='store_true')
    ap.add_argument('--help-pages', default='')
    ap.add_argument('--glib-compile-schemas', default='')
    args = ap.parse_args()

    tap = Tap()
    app_id = args.app_id
    destdir = tempfile.mkdtemp(prefix='plenary-install-')
    try:
        env = dict(os.environ)
        env.pop('DESTDIR', None)
        proc = subprocess.run([args.meson, 'install', '-C', args.build_dir, '--destdir', destdir,
                               '--no-rebuild', '--quiet'],
                              capture_output=True, text=True, env=env)
        tap.check(proc.returncode == 0, 'meson install --destdir succeeds',
                  (proc.stdout + proc.stderr).strip().splitlines()[-20:] if proc.returncode else [])
        if proc.returncode != 0:
            return tap.finish()

        bindir = under(destdir, args.prefix, args.bindir)
        datadir = under(destdir, args.prefix, args.datadir)
        localedir = under(destdir, args.prefix, args.localedir)

        check_file(tap, os.path.join(bindir, 'plenary-cli'), 'bin/plenary-cli', executable=True)
        if args.gui:
            check_file(tap, os.path.join(bindir, 'plenary'), 'bin/plenary', executable=True)
        else:
            tap.skip('bin/plenary is installed', 'the GTK application is not built')

        desktop = os.path.join(datadir, 'applications', f'{app_id}.desktop')
        metainfo = os.path.join(datadir, 'metainfo', f'{app_id}.metainfo.xml')
        schema_dir = os.path.join(datadir, 'glib-2.0', 'schemas')
        schema = os.path.join(schema_dir, f'{app_id}.gschema.xml')
        icon = os.path.join(datadir, 'icons', 'hicolor', 'scalable', 'apps', f'{app_id}.svg')
        symbolic = os.path.join(datadir, 'icons', 'hicolor', 'symbolic', 'apps', f'{app_id}-symbolic.svg')
        mime = os.path.join(datadir, 'mime', 'packages', f'{app_id}.xml')

        have_desktop = check_file(tap, desktop, f'applications/{app_id}.desktop')
        have_metainfo = check_file(tap, metainfo, f'metainfo/{app_id}.metainfo.xml')
        have_schema = check_file(tap, schema, f'glib-2.0/schemas/{app_id}.gschema.xml')
        check_file(tap, icon, 'the scalable application icon')
        check_file(tap, symbolic, 'the symbolic application icon')
        have_mime = check_file(tap, mime, f'mime/packages/{app_id}.xml')

        if have_schema and args.glib_compile_schemas:
            with tempfile.TemporaryDirectory() as target:
                proc = subprocess.run([args.glib_compile_schemas, '--strict', '--targetdir', target, schema_dir],
                                      capture_output=True, text=True)
                compiled = os.path.isfile(os.path.join(target, 'gschemas.compiled'))
                tap.check(proc.returncode == 0 and compiled, 'the installed schemas compile with --strict',
                          (proc.stdout + proc.stderr).strip().splitlines())
        else:
            tap.skip('the installed schemas compile with --strict', 'no schema or no glib-compile-schemas')

        if have_desktop:
            entry = configparser.RawConfigParser(interpolation=None, strict=False)
            entry.optionxform = str
            with open(desktop, encoding='utf-8') as f:
                entry.read_file(f)
            icon_name = entry.get('Desktop Entry', 'Icon', fallback='')
            tap.check(icon_name == app_id, 'the desktop entry names the installed icon',
                      [f'Icon={icon_name}'])
            mime_types = [m for m in entry.get('Desktop Entry', 'MimeType', fallback='').split(';') if m]
            defined = set()
            if have_mime:
                ns = '{http://www.freedesktop.org/standards/shared-mime-info}'
                defined = {t.get('type') for t in ET.parse(mime).getroot().iter(f'{ns}mime-type')}
            undefined = [m for m in mime_types if m not in defined]
            tap.check(mime_types and not undefined, 'the desktop entry’s MIME types are defined by the installed MIME package',
                      [f'not defined: {m}' for m in undefined])
        else:
            tap.skip('the desktop entry names the installed icon', 'no desktop entry')
            tap.skip('the desktop entry’s MIME types are defined by the installed MIME package', 'no desktop entry')

        if have_metainfo:
            root = ET.parse(metainfo).getroot()
            launchable = root.findtext('launchable', default='')
            tap.check(launchable == f'{app_id}.desktop', 'the metainfo launches the installed desktop entry',
                      [f'launchable: {launchable}'])
            binaries = [b.text for b in root.iter('binary')]
            missing = [b for b in binaries if not os.path.isfile(os.path.join(bindir, b))]
            tap.check(not missing, 'every binary the metainfo provides is installed',
                      [f'missing: {b}' for b in missing])
        else:
            tap.skip('the metainfo launches the installed desktop entry', 'no metainfo')
            tap.skip('every binary the metainfo provides is installed', 'no metainfo')

        if args.gui and args.help_pages:
            # Yelp finds help:plenary in <datadir>/help/<lang>/plenary.
            pages = sorted(p for p in os.listdir(args.help_pages) if p.endswith('.page'))
            help_dir = os.path.join(datadir, 'help', 'C', args.gettext_package)
            missing = [p for p in pages if not os.path.isfile(os.path.join(help_dir, p))]
            tap.check(pages and not missing, f'the {len(pages)} help pages are installed for Yelp',
                      [f'missing: {os.path.join(help_dir, p)}' for p in missing])
        else:
            tap.skip('the help pages are installed for Yelp', 'the GTK application is not built')

        langs = read_linguas(args.linguas)
        missing = [lang for lang in langs
                   if not os.path.isfile(os.path.join(localedir, lang, 'LC_MESSAGES', f'{args.gettext_package}.mo'))]
        tap.check(not missing, f'a message catalogue is installed for each of the {len(langs)} languages in po/LINGUAS',
                  [f'missing: {lang}' for lang in missing])
    finally:
        shutil.rmtree(destdir, ignore_errors=True)

    return tap.finish()


if __name__ == '__main__':
    sys.exit(main())
