#!/usr/bin/env python3
# Checks the Flatpak manifest offline: it parses, is named after its id, asks for no broad permission.
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: check-flatpak-manifest.py --manifest FILE --desktop-file FILE --binary NAME [--binary NAME …]
#                                  [--flatpak-builder PATH]
# Prints TAP.

import argparse
import configparser
import json
import os
import subprocess
import sys
import tempfile

ALLOWED_FINISH_ARGS = ['--share=ipc', '--socket=wayland', '--socket=fallback-x11', '--device=dri']

# Permissions a transcript-coding app must never ask for, with the reason shown on failure.
BROAD_PREFIXES = {
    '--filesystem=': 'file access goes through the document portal',
    '--share=network': 'the app works offline',
    '--socket=x11': 'use --socket=fallback-x11 beside --socket=wayland',
    '--socket=pulseaudio': 'the app plays no sound',
    '--socket=session-bus': 'the whole session bus is a sandbox escape',
    '--socket=system-bus': 'the whole system bus is a sandbox escape',
    '--socket=ssh-auth': 'no ssh is needed',
    '--device=all': 'only the GPU (--device=dri) is needed',
    '--talk-name=org.freedesktop.Flatpak': 'this lets the app run commands outside the sandbox',
    '--own-name=': 'the app owns only its own id, which Flatpak grants by default',
    '--env=': 'no environment overrides are needed',
    '--persist=': 'the app keeps its data in its own XDG folders',
    '--allow=devel': 'ptrace is not needed',
}


class Tap:
    def __init__(self):
        self.results = []

    def check(self, ok, name, diagnostics=()):
        self.results.append((bool(ok), name, list(diagnostics)))

    def finish(self):
        print('TAP version 13')
        print(f'1..{len(self.results)}')
        for number, (ok, name, diagnostics) in enumerate(self.results, 1):
            print(f'{"ok" if ok else "not ok"} {number} - {name}')
            for line in diagnostics:
                print(f'# {line}')
        return 0 if all(ok for ok, _, _ in self.results) else 1


def load_manifest(path, flatpak_builder):
    """The manifest as flatpak-builder understands it, or as plain JSON when flatpak-builder is missing."""
    if flatpak_builder:
        # flatpak-builder makes a .flatpak-builder state folder in its working directory: keep it out of the trees.
        with tempfile.TemporaryDirectory() as scratch:
            proc = subprocess.run([flatpak_builder, '--show-manifest', os.path.abspath(path)],
                                  capture_output=True, text=True, cwd=scratch)
        if proc.returncode != 0:
            raise ValueError(f'flatpak-builder --show-manifest failed: {proc.stderr.strip()}')
        return json.loads(proc.stdout), 'flatpak-builder --show-manifest'
    with open(path, encoding='utf-8') as f:
        return json.load(f), 'python3 json'


def broad_reason(arg):
    for prefix, reason in BROAD_PREFIXES.items():
        if arg == prefix or (prefix.endswith('=') and arg.startswith(prefix)):
            return reason
    return None


def desktop_exec_command(path):
    parser = configparser.RawConfigParser(interpolation=None, strict=False)
    parser.optionxform = str
    with open(path, encoding='utf-8') as f:
        parser.read_file(f)
    return parser.get('Desktop Entry', 'Exec').split()[0]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--manifest', required=True)
    ap.add_argument('--desktop-file', required=True)
    ap.add_argument('--binary', action='append', required=True)
    ap.add_argument('--flatpak-builder', default='')
    args = ap.parse_args()

    tap = Tap()

    try:
        manifest, how = load_manifest(args.manifest, args.flatpak_builder)
    except (OSError, ValueError) as e:
        tap.check(False, 'the manifest parses', [str(e)])
        return tap.finish()
    tap.check(isinstance(manifest, dict), f'the manifest parses ({how})')

    app_id = manifest.get('id') or manifest.get('app-id', '')
    file_name = os.path.basename(args.manifest)
    tap.check(file_name in (f'{app_id}.json', f'{app_id}.yml', f'{app_id}.yaml'),
              'the file name equals the id', [f'id “{app_id}”, file “{file_name}”'])

    tap.check(manifest.get('runtime') == 'org.gnome.Platform' and manifest.get('sdk') == 'org.gnome.Sdk'
              and isinstance(manifest.get('runtime-version'), str) and manifest.get('runtime-version'),
              'the runtime is the GNOME platform with a pinned version',
              [f'runtime {manifest.get("runtime")} {manifest.get("runtime-version")}, sdk {manifest.get("sdk")}'])

    finish_args = manifest.get('finish-args', [])
    broad = [f'{a}: {broad_reason(a)}' for a in finish_args if broad_reason(a)]
    tap.check(not broad, 'finish-args hold no broad permission', broad)
    unexpected = [a for a in finish_args if a not in ALLOWED_FINISH_ARGS]
    absent = [a for a in ALLOWED_FINISH_ARGS if a not in finish_args]
    tap.check(not unexpected and not absent and len(finish_args) == len(ALLOWED_FINISH_ARGS),
              'finish-args are exactly ' + ' '.join(ALLOWED_FINISH_ARGS),
              [f'not allowed: {a}' for a in unexpected] + [f'missing: {a}' for a in absent]
              + ([f'listed more than once: {finish_args}'] if len(finish_args) != len(set(finish_args)) else []))

    command = manifest.get('command', '')
    tap.check(command in args.binary, 'the command is a binary the project installs',
              [f'command “{command}”, binaries: {", ".join(args.binary)}'])
    exec_command = desktop_exec_command(args.desktop_file)
    tap.check(exec_command == command, 'the command is the desktop entry’s Exec',
              [f'command “{command}”, Exec “{exec_command}”'])

    modules = manifest.get('modules', [])
    ours = modules[-1] if modules and isinstance(modules[-1], dict) else {}
    tap.check(ours.get('name') == 'plenary' and ours.get('buildsystem') == 'meson',
              'the last module builds plenary with meson', [f'module: {ours.get("name")} ({ours.get("buildsystem")})'])
    tap.check(ours.get('run-tests') is True, 'the module runs the tests')
    tap.check('-Dgui=enabled' in ours.get('config-opts', []), 'the module builds the GTK application')

    manifest_dir = os.path.dirname(os.path.abspath(args.manifest))
    dir_sources = [s for s in ours.get('sources', []) if isinstance(s, dict) and s.get('type') == 'dir']
    roots = [os.path.normpath(os.path.join(manifest_dir, s.get('path', ''))) for s in dir_sources]
    tap.check(any(os.path.isfile(os.path.join(r, 'meson.build')) for r in roots),
              'the module’s dir source is the project root', [f'dir sources: {roots}'])

    return tap.finish()


if __name__ == '__main__':
    sys.exit(main())
