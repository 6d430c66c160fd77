#!/usr/bin/env python3
# Checks the layers of the source tree: one owner of SQL, a model without GTK, private headers
# that stay private, files small enough to read.
#   sqlite     no sqlite3.h, sqlite3_ call or SQL text in src/ outside src/core/store/ and
#              src/core/history/
#   gtk        src/core/ includes neither GTK nor libadwaita
#   private    a file in src/ includes only the -private.h headers of its own folder
#   size       no .c or .h file in src/ is over 1,200 lines
# The one exception is tests/: a test is white-box by nature.  It may open the project file with
# sqlite3 to see what is on disk, to damage it on purpose or to build a large project fast, and
# it may include any -private.h (the windows' test hooks, the store's internals).
# Each violation is printed as PATH:LINE: what, under the check it breaks.
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: check-layers.py [--list] SOURCE_ROOT
#
# --list prints every violation, one a line, instead of the TAP report.
# Prints TAP.

import argparse
import os
import re
import sys

SCANNED_DIRS = ('src', 'tests')
SOURCE_EXTENSIONS = ('.c', '.h')
SQL_OWNERS = ('src/core/store/', 'src/core/history/')
MAX_LINES = 1200

# A string literal that opens with one of these (in capitals) is SQL text.
SQL_KEYWORDS = (
    'SELECT', 'INSERT', 'UPDATE', 'DELETE', 'REPLACE', 'CREATE', 'DROP', 'ALTER', 'BEGIN', 'COMMIT',
    'ROLLBACK', 'SAVEPOINT', 'RELEASE', 'PRAGMA', 'WITH', 'VACUUM', 'ATTACH', 'DETACH', 'ANALYZE',
    'WHERE', 'FROM', 'JOIN', 'LEFT JOIN', 'INNER JOIN', 'ORDER BY', 'GROUP BY', 'VALUES',
)
SQL_TEXT = re.compile(r'^\s*(%s)(?![A-Za-z0-9_])' % '|'.join(re.escape(k) for k in SQL_KEYWORDS))
SQLITE_INCLUDE = re.compile(r'^\s*#\s*include\s*[<"]sqlite3\.h[>"]')
SQLITE_API = re.compile(r'\bsqlite3(_\w+|\s*\*)')
GTK_INCLUDE = re.compile(r'^\s*#\s*include\s*[<"]((?:gtk|gdk|gsk)/[^>"]*|adwaita\.h|libadwaita[^>"]*)[>"]')
ANY_INCLUDE = re.compile(r'^\s*#\s*include\s*[<"]([^>"]+)[>"]')

CHECKS = (
    ('sqlite', 'no sqlite3.h, sqlite3_ call or SQL text in src/ outside src/core/store/ and src/core/history/'),
    ('gtk', 'src/core/ includes neither GTK nor libadwaita'),
    ('private', 'no file in src/ includes another folder\'s -private.h'),
    ('size', 'no source file in src/ is over %d lines' % MAX_LINES),
)


class Violation:
    def __init__(self, path, line, check, what, detail=''):
        self.path = path
        self.line = line
        self.check = check
        self.what = what        # what the allow file names
        self.detail = detail    # printed after it

    def key(self):
        return '%s: %s: %s' % (self.path, self.check, self.what)

    def __str__(self):
        return '%s:%d: %s%s' % (self.path, self.line, self.what, self.detail)


def source_files(root):
    """Every .c and .h file under src/ and tests/, as paths relative to @root with '/'."""
    found = []
    for top in SCANNED_DIRS:
        for dirpath, dirnames, filenames in os.walk(os.path.join(root, top)):
            dirnames[:] = sorted(d for d in dirnames if not d.startswith(('.', '_build')))
            for name in sorted(filenames):
                if name.endswith(SOURCE_EXTENSIONS):
                    found.append(os.path.relpath(os.path.join(dirpath, name), root).replace(os.sep, '/'))
    return found


def lex(text):
    """Splits C source into (line, code, literals): code with comments and literals blanked,
    and the contents of the string literals that start on that line."""
    lines = []
    code = []
    literals = []
    i = 0
    n = len(text)
    line = 1
    current = []

    def end_line():
        nonlocal line, current, literals
        lines.append((line, ''.join(current), literals))
        line += 1
        current = []
        literals = []

    while i < n:
        c = text[i]
        if c == '\n':
            end_line()
            i += 1
        elif text.startswith('/*', i):
            j = text.find('*/', i + 2)
            j = n if j < 0 else j + 2
            for ch in text[i:j]:
                if ch == '\n':
                    end_line()
            current.append(' ')
            i = j
        elif text.startswith('//', i):
            j = text.find('\n', i)
            i = n if j < 0 else j
        elif c == '"' or c == "'":
            j = i + 1
            while j < n and text[j] != c and text[j] != '\n':
                j += 2 if text[j] == '\\' else 1
            if c == '"':
                literals.append(text[i + 1:j])
            current.append(c + c)
            i = j + 1
        else:
            current.append(c)
            i += 1
    if current or literals:
        end_line()
    return lines


def header_folders(files):
    """Basename of each -private.h header → the folders that hold one of that name."""
    folders = {}
    for path in files:
        if path.endswith('-private.h'):
            folders.setdefault(os.path.basename(path), set()).add(os.path.dirname(path))
    return folders


def check_file(root, path, private_headers):
    with open(os.path.join(root, path), encoding='utf-8', errors='replace') as f:
        text = f.read()
    raw_lines = text.split('\n')
    folder = os.path.dirname(path)
    white_box = path.startswith('tests/')
    owns_sql = path.startswith(SQL_OWNERS) or white_box
    in_core = path.startswith('src/core/')
    violations = []

    for number, code, literals in lex(text):
        raw = raw_lines[number - 1] if number - 1 < len(raw_lines) else ''
        include = ANY_INCLUDE.match(raw)

        if not owns_sql:
            if SQLITE_INCLUDE.match(raw):
                violations.append(Violation(path, number, 'sqlite', 'includes sqlite3.h'))
            elif not include:
                for match in SQLITE_API.finditer(code):
                    name = re.sub(r'\s+', ' ', match.group(0))
                    violations.append(Violation(path, number, 'sqlite', 'uses %s' % name))
                for literal in literals:
                    keyword = SQL_TEXT.match(literal)
                    if keyword:
                        violations.append(Violation(path, number, 'sqlite',
                                                    'SQL text "%s…"' % literal.strip()[:40]))

        if in_core and GTK_INCLUDE.match(raw):
            violations.append(Violation(path, number, 'gtk', 'includes %s' % GTK_INCLUDE.match(raw).group(1)))

        if include and include.group(1).endswith('-private.h'):
            name = os.path.basename(include.group(1))
            homes = private_headers.get(name, set())
            if homes and folder not in homes and not white_box:
                violations.append(Violation(path, number, 'private',
                                            'includes %s of %s/' % (name, '/, '.join(sorted(homes)))))

    count = len(raw_lines) - (1 if text.endswith('\n') else 0)
    if path.startswith('src/') and count > MAX_LINES:
        violations.append(Violation(path, MAX_LINES + 1, 'size', 'over %d lines' % MAX_LINES,
                                    ' (%d): split it along its section comments' % count))
    return violations


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('--list', action='store_true')
    parser.add_argument('root')
    args = parser.parse_args()

    files = source_files(args.root)
    private_headers = header_folders(files)
    violations = []
    for path in files:
        violations.extend(check_file(args.root, path, private_headers))

    if args.list:
        for key in sorted(set(v.key() for v in violations)):
            print(key)
        return 0

    print('TAP version 13')
    print('1..%d' % len(CHECKS))
    failed = False
    for number, (check, name) in enumerate(CHECKS, 1):
        breaking = [v for v in violations if v.check == check]
        failed = failed or bool(breaking)
        print('%s %d - %s' % ('not ok' if breaking else 'ok', number, name))
        for v in breaking:
            print('# %s' % v)
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
