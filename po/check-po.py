#!/usr/bin/env python3
# check-po.py — every catalogue named in LINGUAS compiles cleanly and is nearly complete
#
# For each language: `msgfmt --check --statistics` passes (format directives, plural forms,
# header), at least 95 % of the messages are translated, none is fuzzy, and the header's
# Plural-Forms has the number of forms the language needs.  TAP output.
#
# SPDX-License-Identifier: GPL-3.0-or-later

import argparse
import pathlib
import re
import subprocess
import sys

MINIMUM = 0.95
# The number of plural forms each language needs (gettext manual, "Plural forms").
NPLURALS = {"ar": 6, "ru": 3, "zh_CN": 1, "fr": 2, "es": 2}


def statistics(msgfmt, po):
    """msgfmt's verdict on @po: (returncode, translated, fuzzy, untranslated, output)."""
    completed = subprocess.run([msgfmt, "--check", "--statistics", "-o", "/dev/null", str(po)],
                               capture_output=True, text=True, env={"LC_ALL": "C"})
    output = completed.stdout + completed.stderr

    def count(word):
        match = re.search(r"(\d+) %s (message|translation)" % word, output)
        return int(match.group(1)) if match else 0

    return completed.returncode, count("translated"), count("fuzzy"), count("untranslated"), output


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--msgfmt", default="msgfmt")
    parser.add_argument("po_dir", type=pathlib.Path)
    args = parser.parse_args()

    linguas = [word for line in (args.po_dir / "LINGUAS").read_text().splitlines()
               for word in line.split("#", 1)[0].split()]
    print("1..%d" % (len(linguas) * 3 + 1))
    number = 1
    failed = False

    def report(ok, text):
        nonlocal number, failed
        print("%s %d - %s" % ("ok" if ok else "not ok", number, text))
        number += 1
        failed = failed or not ok

    report(len(linguas) > 0, "LINGUAS names at least one language")
    for lang in linguas:
        po = args.po_dir / (lang + ".po")
        if not po.exists():
            for _ in range(3):
                report(False, "%s.po exists" % lang)
            continue
        code, translated, fuzzy, untranslated, output = statistics(args.msgfmt, po)
        if code != 0:
            print("# " + output.replace("\n", "\n# "))
        report(code == 0, "%s.po passes msgfmt --check" % lang)

        total = translated + fuzzy + untranslated
        share = translated / total if total else 0.0
        report(share >= MINIMUM and fuzzy == 0,
               "%s.po: %d of %d messages translated (%.1f %%), %d fuzzy"
               % (lang, translated, total, share * 100, fuzzy))

        header = po.read_text(encoding="utf-8")
        match = re.search(r"Plural-Forms: *nplurals *= *(\d+)", header)
        expected = NPLURALS.get(lang)
        report(match is not None and (expected is None or int(match.group(1)) == expected),
               "%s.po declares %s plural forms" % (lang, expected or "its"))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
