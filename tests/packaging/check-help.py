#!/usr/bin/env python3
# The Mallard help: each page is well-formed XML, a Mallard page whose id is its file name,
# reachable from the index, with links that lead somewhere; help/meson.build installs every
# page.
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: check-help.py HELP_DIR   (the folder holding C/ and meson.build)
# Prints TAP.

import os
import re
import sys
import xml.etree.ElementTree as ET

MALLARD = '{http://projectmallard.org/1.0/}'


def main():
    help_dir = sys.argv[1]
    pages_dir = os.path.join(help_dir, 'C')
    names = sorted(f for f in os.listdir(pages_dir) if f.endswith('.page'))
    results = []

    def check(ok, name, diagnostics=()):
        results.append((bool(ok), name, list(diagnostics)))

    roots = {}
    for name in names:
        page_id = name[:-len('.page')]
        try:
            root = ET.parse(os.path.join(pages_dir, name)).getroot()
        except ET.ParseError as e:
            check(False, f'{name} is well-formed XML', [str(e)])
            continue
        check(True, f'{name} is well-formed XML')
        problems = []
        if root.tag != f'{MALLARD}page':
            problems.append(f'the root is {root.tag}, not a Mallard page')
        if root.get('id') != page_id:
            problems.append(f'its id is {root.get("id")!r}, not {page_id!r}')
        if root.find(f'{MALLARD}title') is None:
            problems.append('it has no title')
        check(not problems, f'{name} is a Mallard page named after its file', problems)
        roots[page_id] = root

    check('index' in roots and roots['index'].get('type') == 'guide', 'index.page is the guide page')

    sections = {s.get('id') for s in roots['index'].iter(f'{MALLARD}section')} if 'index' in roots else set()
    for page_id, root in roots.items():
        if page_id == 'index':
            continue
        guides = [link.get('xref') for link in root.iter(f'{MALLARD}link') if link.get('type') == 'guide']
        lost = [g for g in guides if g.split('#')[0] != 'index' or ('#' in g and g.split('#')[1] not in sections)]
        check(guides and not lost, f'{page_id}.page is listed in a section of the index',
              [f'guide link {g!r} leads nowhere' for g in lost] or ([] if guides else ['no guide link']))

    broken = []
    for page_id, root in roots.items():
        for element in root.iter():
            xref = element.get('xref')
            if xref is not None and xref.split('#')[0] not in roots:
                broken.append(f'{page_id}.page links to {xref!r}')
    check(not broken, 'every link leads to a page', broken)

    with open(os.path.join(help_dir, 'meson.build'), encoding='utf-8') as f:
        listed = set(re.findall(r"'C/([^']+\.page)'", f.read()))
    missing = sorted(set(names) - listed)
    extra = sorted(listed - set(names))
    check(not missing and not extra, 'help/meson.build installs every page and only those',
          [f'not installed: {m}' for m in missing] + [f'no such page: {e}' for e in extra])

    print('TAP version 13')
    print(f'1..{len(results)}')
    for number, (ok, name, diagnostics) in enumerate(results, 1):
        print(f'{"ok" if ok else "not ok"} {number} - {name}')
        for line in diagnostics:
            print(f'# {line}')
    return 0 if all(ok for ok, _, _ in results) else 1


if __name__ == '__main__':
    sys.exit(main())
