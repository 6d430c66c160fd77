#!/usr/bin/env python3
# Tests check-layers.py itself: on a minimal tree it passes; with each kind of violation planted
# in a fresh copy it fails and names the file and line.  Uses no allow file but its own.
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: test-check-layers.py PATH-TO-check-layers.py
# Prints TAP.

import os
import shutil
import subprocess
import sys
import tempfile

# A tree with every layer and each thing the rules allow: SQL in store/ and history/, a folder
# including its own -private.h, a test including an app -private.h, SQL words in comments and
# in prose, a file of exactly 1,200 lines.
CLEAN_TREE = {
    'src/core/store/pl-project-private.h': '#pragma once\n#include <sqlite3.h>\n',
    'src/core/store/pl-project.c': (
        '#include <sqlite3.h>\n'
        '#include "pl-project-private.h"\n'
        'static const char *sql = "SELECT id FROM codes WHERE guid = ?";\n'
        'int f (sqlite3 *db) { return sqlite3_exec (db, "BEGIN", NULL, NULL, NULL); }\n'),
    'src/core/history/pl-history.c': (
        '#include <sqlite3.h>\n'
        'int g (sqlite3 *db) { return sqlite3_exec (db, "COMMIT", NULL, NULL, NULL); }\n'),
    'src/core/model/pl-code.c': (
        '#include <glib.h>\n'
        '/* Codes are saved with INSERT and SELECT by the store, never here. */\n'
        'static const char *label = "Delete the code and its annotations";\n'
        'static const char *title = "Select a code";\n'),
    'src/core/codebook/pl-codebook.c': '#include "pl-codebook.h"\n#include "pl-code.h"\n',
    'src/core/codebook/pl-codebook.h': '#pragma once\n#include <gio/gio.h>\n',
    'src/app/pl-window-private.h': '#pragma once\n#include <gtk/gtk.h>\n#include <adwaita.h>\n',
    'src/app/pl-window.c': '#include <adwaita.h>\n#include "pl-window-private.h"\n',
    'src/cli/plenary-cli.c': '#include <stdio.h>\nint main (void) { return 0; }\n',
    'src/cli/pl-cli-long.c': 'int x;\n' * 1200,
    'tests/app/test-window.c': '#include "pl-window-private.h"\n',
    'src/core/export/pl-exporter.c': '#include "pl-exporter.h"\n',
    'src/core/store/pl-project-private.h': '#pragma once\n#include <sqlite3.h>\n',
}

# Tests are white-box: what they may do and src/ may not (name, file, text appended).
TEST_FREEDOMS = [
    ('a test reads the file with sqlite3', 'tests/app/test-window.c',
     '#include <sqlite3.h>\nstatic const char *p = "PRAGMA foreign_key_check";\n'),
    ('a test includes the store\'s -private.h', 'tests/app/test-window.c',
     '#include "pl-project-private.h"\n'),
]

# (name, file, text appended to it, the line the report must name)
VIOLATIONS = [
    ('sqlite3.h outside store/ and history/', 'src/core/codebook/pl-codebook.c',
      '#include <sqlite3.h>\n', 3),
    ('a sqlite3_ call in codebook/', 'src/core/codebook/pl-codebook.c',
      'void h (void *db) { sqlite3_exec (db, "", 0, 0, 0); }\n', 3),
    ('a raw sqlite3 handle in the app', 'src/app/pl-window.c', 'static sqlite3 *db;\n', 3),
    ('SELECT text in the app', 'src/app/pl-window.c',
      'static const char *q = "SELECT id FROM codes";\n', 3),
    ('an SQL fragment in the CLI', 'src/cli/plenary-cli.c',
      'static const char *w =\n  " WHERE a.code_id IN (%s)";\n', 4),
    ('SQL text in export/', 'src/core/export/pl-exporter.c',
      'static const char *q = "INSERT INTO annotations VALUES (1)";\n', 2),
    ('GTK in core', 'src/core/model/pl-code.c', '#include <gtk/gtk.h>\n', 5),
    ('libadwaita in core', 'src/core/codebook/pl-codebook.h', '#include <adwaita.h>\n', 3),
    ('a store -private.h in codebook/', 'src/core/codebook/pl-codebook.c',
      '#include "pl-project-private.h"\n', 3),
    ('an app -private.h in the CLI', 'src/cli/plenary-cli.c', '#include "pl-window-private.h"\n', 3),
    ('a store -private.h in the app', 'src/app/pl-window.c', '#include "pl-project-private.h"\n', 3),
    ('a file over 1,200 lines', 'src/cli/pl-cli-long.c', 'int y;\n', 1201),
]


def write_tree(root, files):
    for path, text in files.items():
        full = os.path.join(root, path)
        os.makedirs(os.path.dirname(full), exist_ok=True)
        with open(full, 'w', encoding='utf-8') as f:
            f.write(text)


def run(checker, root, *extra):
    return subprocess.run([sys.executable, checker, *extra, root], capture_output=True, text=True)


def main():
    if len(sys.argv) != 2:
        print('usage: test-check-layers.py PATH-TO-check-layers.py', file=sys.stderr)
        return 2
    checker = sys.argv[1]
    results = []

    with tempfile.TemporaryDirectory() as scratch:
        clean = os.path.join(scratch, 'clean')
        write_tree(clean, CLEAN_TREE)

        result = run(checker, clean)
        results.append((result.returncode == 0, 'the clean tree passes',
                                        result.stdout.splitlines() + result.stderr.splitlines()))

        for number, (name, path, text, line) in enumerate(VIOLATIONS):
            copy = os.path.join(scratch, 'planted-%d' % number)
            shutil.copytree(clean, copy)
            with open(os.path.join(copy, path), 'a', encoding='utf-8') as f:
                f.write(text)
            result = run(checker, copy)
            named = '# %s:%d: ' % (path, line)
            ok = result.returncode == 1 and named in result.stdout and 'not ok' in result.stdout
            results.append((ok, 'fails on %s, naming %s:%d' % (name, path, line),
                                            [] if ok else result.stdout.splitlines() + result.stderr.splitlines()))


        for number, (name, path, text) in enumerate(TEST_FREEDOMS):
            copy = os.path.join(scratch, 'freedom-%d' % number)
            shutil.copytree(clean, copy)
            with open(os.path.join(copy, path), 'a', encoding='utf-8') as f:
                f.write(text)
            result = run(checker, copy)
            results.append((result.returncode == 0, 'passes when %s' % name,
                            [] if result.returncode == 0 else result.stdout.splitlines()))

    print('TAP version 13')
    print('1..%d' % len(results))
    for number, (ok, name, diagnostics) in enumerate(results, 1):
        print('%s %d - %s' % ('ok' if ok else 'not ok', number, name))
        for line in diagnostics:
            print('# %s' % line)
    return 0 if all(ok for ok, _, _ in results) else 1


if __name__ == '__main__':
    sys.exit(main())
