#!/usr/bin/env python3
# test_cli_i18n.py — plenary-cli speaks the languages of po/LINGUAS from the catalogues the
# build made (TAP)
#
# Runs the uninstalled plenary-cli with PLENARY_LOCALEDIR at the built .mo files and
# LANGUAGE set, under a UTF-8 locale the machine has (C.UTF-8 is enough: gettext honours
# LANGUAGE in any locale but plain "C").  Without such a locale the test skips.
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: python3 tests/cli/test_cli_i18n.py PLENARY-CLI PO-SOURCE-DIR PO-BUILD-DIR

import os
import re
import subprocess
import sys
import tempfile

UNKNOWN = "Unknown command “%s”."
MISSING = "“%s” does not exist."


def utf8_locale():
  """A UTF-8 locale `locale -a` lists, French first; None when there is none."""
  try:
    names = subprocess.run(["locale", "-a"], capture_output=True, text=True).stdout.split()
  except OSError:
    return None
  utf8 = [name for name in names if re.search(r"\.utf-?8$", name, re.IGNORECASE)]
  for name in utf8:
    if name.lower().startswith("fr_"):
      return name
  for name in utf8:
    if name.lower().startswith("c.") or name.lower().startswith("en_"):
      return name
  return utf8[0] if utf8 else None


def unquote(text):
  return bytes(text, "utf-8").decode("unicode_escape").encode("latin-1").decode("utf-8")


def translation(po, msgid):
  """The msgstr of @msgid in @po (a single-line entry), or None."""
  text = open(po, encoding="utf-8").read()
  pattern = r'\nmsgid "%s"\nmsgstr "((?:[^"\\]|\\.)*)"' % re.escape(msgid.replace('"', '\\"'))
  match = re.search(pattern, text)
  return unquote(match.group(1)) if match and match.group(1) else None


def run(cli, env, *args):
  completed = subprocess.run([cli, *args], capture_output=True, env=env)
  return completed.returncode, completed.stderr.decode("utf-8")


def main():
  cli, po_dir, po_build_dir = sys.argv[1:4]
  locale_name = utf8_locale()
  if locale_name is None:
    print("1..0 # SKIP no UTF-8 locale is installed (locale -a)")
    return 0
  linguas = [word for line in open(os.path.join(po_dir, "LINGUAS"))
             for word in line.split("#", 1)[0].split()]

  base = {key: value for key, value in os.environ.items()
          if not key.startswith("LC_") and key not in ("LANG", "LANGUAGE")}
  base["LC_ALL"] = locale_name
  base["PLENARY_LOCALEDIR"] = po_build_dir
  missing = os.path.join(tempfile.gettempdir(), "plenary-no-such-project.plenary")

  checks = []
  # English stays English without LANGUAGE.
  checks.append(("without LANGUAGE the message is English", {},
                 ("frobnicate",), UNKNOWN % "frobnicate"))
  # French by its known wording, so a catalogue that loads but says the wrong thing fails.
  if "fr" in linguas:
    checks.append(("LANGUAGE=fr: unknown command in French", {"LANGUAGE": "fr"},
                   ("frobnicate",), "Commande inconnue «\u00a0frobnicate\u00a0»."))
    checks.append(("LANGUAGE=fr: a missing project in French", {"LANGUAGE": "fr"},
                   ("documents", missing), "n’existe pas."))
  # Every language by what its own .po says.
  for lang in linguas:
    expected = translation(os.path.join(po_dir, lang + ".po"), UNKNOWN)
    checks.append(("LANGUAGE=%s: unknown command translated" % lang, {"LANGUAGE": lang},
                   ("frobnicate",), expected.replace("%s", "frobnicate") if expected else None))
    expected = translation(os.path.join(po_dir, lang + ".po"), MISSING)
    checks.append(("LANGUAGE=%s: missing project translated" % lang, {"LANGUAGE": lang},
                   ("documents", missing),
                   expected.replace("%s", os.path.basename(missing)) if expected else None))

  print("1..%d" % len(checks))
  failed = False
  for number, (name, extra, args, expected) in enumerate(checks, 1):
    env = dict(base)
    env.update(extra)
    status, stderr = run(cli, env, *args)
    ok = expected is not None and expected in stderr and status != 0
    print("%s %d - %s" % ("ok" if ok else "not ok", number, name))
    if not ok:
      print("# expected %r in stderr, got %r (exit status %d)" % (expected, stderr, status))
      failed = True
  return 1 if failed else 0


if __name__ == "__main__":
  sys.exit(main())
