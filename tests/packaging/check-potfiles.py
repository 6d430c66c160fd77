#!/usr/bin/env python3
# Checks that po/POTFILES.in lists every source file with translatable strings, and only files that exist.
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: check-potfiles.py SOURCE_ROOT
# Prints TAP.

import os
import re
import subprocess
import sys

SOURCE_EXTENSIONS = ('.c', '.h', '.ui')
SCANNED_DIRS = ('src',)

# _("…"), N_("…"), C_("ctx", "…"), NC_(…), Q_(…), ngettext / g_dngettext (…)
C_MARKER = re.compile(r'(?<![A-Za-z0-9_])(?:_|N_|C_|NC_|Q_|g_dngettext|g_dpgettext2?|ngettext)\s*\(')
UI_MARKER = re.compile(r'translatable\s*=\s*"(?:yes|true|1)"', re.IGNORECASE)


def read_potfiles(path):
    entries = []
    with open(path, encoding='utf-8') as f:
        for line in f:
            line = line.strip()
            if line and not line.startswith('#'):
                entries.append(line)
    return entries


def candidate_files(root):
    """Files under src/ that belong to the project: tracked or new but not ignored when in git, else all."""
    try:
        out = subprocess.run(
            ['git', '-C', root, 'ls-files', '--cached', '--others', '--exclude-standard', '--', *SCANNED_DIRS],
            check=True, capture_output=True, text=True)
        inside = subprocess.run(['git', '-C', root, 'rev-parse', '--show-toplevel'],
                                check=True, capture_output=True, text=True).stdout.strip()
        if os.path.realpath(inside) == os.path.realpath(root):
            return sorted(set(p for p in out.stdout.splitlines() if os.path.isfile(os.path.join(root, p))))
    except (OSError, subprocess.CalledProcessError):
        pass
    found = []
    for top in SCANNED_DIRS:
        for dirpath, dirnames, filenames in os.walk(os.path.join(root, top)):
            dirnames[:] = [d for d in dirnames if not d.startswith('.')]
            for name in filenames:
                found.append(os.path.relpath(os.path.join(dirpath, name), root))
    return sorted(found)


def has_translatable_strings(path):
    with open(path, encoding='utf-8', errors='replace') as f:
        text = f.read()
    if path.endswith('.ui'):
        return UI_MARKER.search(text) is not None
    return C_MARKER.search(text) is not None


def main():
    if len(sys.argv) != 2:
        print('usage: check-potfiles.py SOURCE_ROOT', file=sys.stderr)
        return 2
    root = sys.argv[1]
    potfiles_path = os.path.join(root, 'po', 'POTFILES.in')
    results = []

    listed = read_potfiles(potfiles_path)

    missing = [p for p in listed if not os.path.isfile(os.path.join(root, p))]
    results.append(('every file in po/POTFILES.in exists', missing,
                    'listed in po/POTFILES.in but not found (xgettext would fail)'))

    duplicates = sorted(set(p for p in listed if listed.count(p) > 1))
    results.append(('po/POTFILES.in has no duplicates', duplicates, 'listed more than once'))

    sources = [p for p in candidate_files(root) if p.endswith(SOURCE_EXTENSIONS)]
    unlisted = [p for p in sources
                if p not in listed and has_translatable_strings(os.path.join(root, p))]
    results.append(('every source file with translatable strings is in po/POTFILES.in', unlisted,
                    'has translatable strings but is missing from po/POTFILES.in'))

    print('TAP version 13')
    print(f'1..{len(results)}')
    failed = 0
    for number, (name, problems, why) in enumerate(results, 1):
        if problems:
            failed += 1
            print(f'not ok {number} - {name}')
            for p in problems:
                print(f'# {p}: {why}')
        else:
            print(f'ok {number} - {name}')
    print(f'# scanned {len(sources)} source files, {len(listed)} entries in po/POTFILES.in')
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
