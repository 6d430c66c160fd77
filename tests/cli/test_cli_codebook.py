#!/usr/bin/env python3
# test_cli_codebook.py — "plenary-cli codebook": export, import with its plan, the change log (TAP)
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: python3 tests/cli/test_cli_codebook.py PATH-TO-PLENARY-CLI

import csv
import io
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import traceback
import xml.etree.ElementTree as ElementTree

HINT = "Try “plenary-cli --help”."
QDC_NS = "urn:QDA-XML:codebook:1.0"
GUID_RE = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
FORMATS = ["json", "csv", "qdc", "md", "html"]

# A codebook of our own, with what formats get wrong: commas, quotes, line breaks, emoji.
CODEBOOK = {
  "format": "plenary-codebook",
  "version": 1,
  "name": "Test codebook",
  "codes": [
    {
      "guid": "0d3c5a7e-2f41-4c9b-9a61-5b7e8f1c2d34", "id": "A", "name": "Alpha, “quoted”",
      "color": "#0072B2", "color_dark": "#56B4E9", "codable": False,
      "definition": "Line one, with a comma.\nLine \"two\" 😀",
      "children": [
        {"guid": "1d3c5a7e-2f41-4c9b-9a61-5b7e8f1c2d34", "id": "A.1", "name": "First",
         "color": "#E69F00", "shortcut": "q", "inclusion": "cue in", "exclusion": "cue out",
         "example": "An example."},
      ],
    },
    {"guid": "2d3c5a7e-2f41-4c9b-9a61-5b7e8f1c2d34", "id": "B", "name": "Beta", "color": "#009E73"},
  ],
}


class Failure(Exception):
  pass


class Suite:
  def __init__(self, cli, folder):
    self.cli = cli
    self.folder = folder
    self.project = os.path.join(folder, "project.plenary")
    self.diagnostics = []
    self.env = dict(os.environ)
    self.env.pop("PLENARY_CODER", None)

  def path(self, name):
    return os.path.join(self.folder, name)

  def run(self, *args, env=None):
    environment = dict(self.env)
    environment.update(env or {})
    completed = subprocess.run([self.cli, *args], capture_output=True, env=environment,
                               cwd=self.folder, timeout=60)
    self.diagnostics = [
      "command: plenary-cli " + " ".join(args),
      "exit status: %d" % completed.returncode,
      "stdout: " + repr(completed.stdout.decode("utf-8", "replace")[:2000]),
      "stderr: " + repr(completed.stderr.decode("utf-8", "replace")[:2000]),
    ]
    return completed

  def expect(self, completed, status):
    stderr = completed.stderr.decode("utf-8")
    if completed.returncode != status:
      raise Failure("expected exit status %d, got %d" % (status, completed.returncode))
    if status == 0 and stderr != "":
      raise Failure("a successful command wrote to stderr")
    if status != 0 and not stderr.startswith("plenary-cli: "):
      raise Failure("the error does not start with “plenary-cli: ”")
    if status == 2 and HINT not in stderr:
      raise Failure("a usage error without the hint " + HINT)
    return completed.stdout.decode("utf-8")

  def new_project(self, name, empty=False):
    path = self.path(name)
    if os.path.exists(path):
      os.unlink(path)
    self.expect(self.run("new", path, *(["--empty"] if empty else [])), 0)
    return path

  def codes(self, project):
    return json.loads(self.expect(self.run("codes", project, "--json"), 0))

  def write(self, name, text):
    with open(self.path(name), "w", encoding="utf-8", newline="") as f:
      f.write(text)
    return self.path(name)


def check(condition, message):
  if not condition:
    raise Failure(message)


def check_equal(actual, expected, what):
  if actual != expected:
    raise Failure("%s: expected %r, got %r" % (what, expected, actual))


def comparable(codes):
  return [(c["guid"], c["id"], c["name"], c["parent_guid"], c["color"], c["codable"], c["depth"])
          for c in codes]


TESTS = []


def test(function):
  TESTS.append(function)
  return function


@test
def help_lists_the_options(s):
  out = s.expect(s.run("codebook", "--help"), 0)
  for option in ("--export", "--import", "--yes", "--log", "--format"):
    check(option in out, "the help does not mention " + option)


@test
def usage_errors(s):
  s.new_project("project.plenary")
  s.expect(s.run("codebook"), 2)
  s.expect(s.run("codebook", s.project), 2)
  s.expect(s.run("codebook", s.project, "--log", "--export", "x.json"), 2)
  s.expect(s.run("codebook", s.project, "--export", "x.json", "--yes"), 2)
  s.expect(s.run("codebook", s.project, "--log", "--format", "csv"), 2)
  s.expect(s.run("codebook", s.project, "extra", "--log"), 2)
  s.expect(s.run("codebook", s.project, "--export", "x.json", "--format", "xlsx"), 2)
  s.expect(s.run("codebook", s.project, "--export", "codebook.unknown"), 2)
  s.expect(s.run("codebook", s.project, "--bogus"), 2)
  check(not os.path.exists(s.path("x.json")), "a refused export wrote a file")


@test
def missing_project_fails_naming_it(s):
  completed = s.run("codebook", s.path("nowhere.plenary"), "--log")
  s.expect(completed, 1)
  check("nowhere.plenary" in completed.stderr.decode("utf-8"), "the message does not name the project")


@test
def export_every_format(s):
  codes = s.codes(s.project)
  for fmt in FORMATS:
    target = s.path("starter." + fmt)
    out = s.expect(s.run("codebook", s.project, "--export", target, "--format", fmt), 0)
    check_equal(out, "", "output of an export")
    with open(target, encoding="utf-8", newline="") as f:
      text = f.read()
    if fmt == "json":
      data = json.loads(text)
      check_equal(data["format"], "plenary-codebook", "format")
      check_equal([c["guid"] for c in data["codes"]], [c["guid"] for c in codes if c["depth"] == 0],
                  "top-level codes")
      check(all("color_dark" in c for c in data["codes"]), "a family without a dark colour")
    elif fmt == "csv":
      check(text.startswith("path,id,name,definition,inclusion,exclusion,example,color,color_dark,"
                            "shortcut,codable,guid\r\n"), "the CSV header")
      rows = list(csv.DictReader(io.StringIO(text, newline="")))
      check_equal(len(rows), len(codes), "CSV rows")
      check_equal([r["guid"] for r in rows], [c["guid"] for c in codes], "CSV order")
      check_equal([r["path"] for r in rows], [c["path"] for c in codes], "CSV paths")
    elif fmt == "qdc":
      root = ElementTree.fromstring(text.encode("utf-8"))
      check_equal(root.tag, "{%s}CodeBook" % QDC_NS, "root element")
      found = root.findall(".//{%s}Code" % QDC_NS)
      check_equal(len(found), len(codes), "codes in the .qdc")
      guids = [c.get("guid") for c in found]
      check_equal(len(set(guids)), len(guids), "unique GUIDs")
      check(all(re.match(r"^#[0-9A-F]{6}$", c.get("color")) for c in found), "a colour not #RRGGBB")
      check(root.find("{%s}Sets" % QDC_NS) is None, "an empty <Sets/>")
    elif fmt == "md":
      check(text.startswith("# "), "the Markdown title")
      check("## NRM · " in text, "the Markdown hierarchy")
    else:
      check(text.startswith("<!DOCTYPE html>"), "the HTML doctype")
      check("<style>" in text and "@media print" in text, "the stylesheet")


@test
def export_format_from_the_file_name(s):
  s.expect(s.run("codebook", s.project, "--export", s.path("guessed.qdc")), 0)
  with open(s.path("guessed.qdc"), encoding="utf-8") as f:
    check("urn:QDA-XML:codebook:1.0" in f.read(), "not a .qdc")


@test
def qdc_validates_against_the_schema(s):
  shared = os.environ.get("PLENARY_SHARED_DIR", "")
  schema = os.path.join(shared, "refi-qda", "schemas", "Codebook-mrt2019.xsd")
  xmllint = shutil.which("xmllint")
  if not shared or not os.path.isfile(schema) or xmllint is None:
    return "SKIP no ../shared schema or no xmllint"
  s.expect(s.run("codebook", s.project, "--export", s.path("valid.qdc")), 0)
  completed = subprocess.run([xmllint, "--noout", "--schema", schema, s.path("valid.qdc")],
                             capture_output=True)
  check_equal(completed.returncode, 0, "xmllint: " + completed.stderr.decode("utf-8", "replace"))
  return None


@test
def import_shows_the_plan_and_changes_nothing(s):
  source = s.write("ours.json", json.dumps(CODEBOOK, ensure_ascii=False))
  before = s.codes(s.project)
  out = s.expect(s.run("codebook", s.project, "--import", source), 0)
  check("3 new, 0 changed" in out, "the plan's counts: %r" % out)
  check("+ Alpha, “quoted” / First" in out, "the plan lists the new codes")
  check("--yes" in out, "the plan does not say how to apply it")
  check_equal(s.codes(s.project), before, "the codebook after a plan")
  # A shortcut another code has is not taken, and the plan says so.
  clash = json.loads(json.dumps(CODEBOOK))
  clash["codes"][1]["shortcut"] = "1"
  out = s.expect(s.run("codebook", s.project, "--import", s.write("clash.json", json.dumps(clash))), 0)
  check("shortcut “1”" in out, "the plan does not report the clash: %r" % out)
  check_equal(s.expect(s.run("codebook", s.project, "--log"), 0), "", "the log after a plan")


@test
def import_with_yes_applies_and_logs(s):
  source = s.path("ours.json")
  out = s.expect(s.run("codebook", s.project, "--import", source, "--yes", "--coder", "Ana"), 0)
  check("Applied" in out, "no confirmation")
  codes = s.codes(s.project)
  by_guid = {c["guid"]: c for c in codes}
  first = by_guid["1d3c5a7e-2f41-4c9b-9a61-5b7e8f1c2d34"]
  check_equal(first["parent_guid"], "0d3c5a7e-2f41-4c9b-9a61-5b7e8f1c2d34", "parent of First")
  check_equal(first["shortcut"], "q", "shortcut of First")
  check_equal(by_guid["0d3c5a7e-2f41-4c9b-9a61-5b7e8f1c2d34"]["codable"], False, "Alpha is a folder")
  log = s.expect(s.run("codebook", s.project, "--log"), 0).splitlines()
  check_equal(len(log), 1, "log rows")
  fields = log[0].split("\t")
  check_equal(len(fields), 5, "log fields")
  check_equal(fields[2], "import", "log action")
  check_equal(fields[3], "Ana", "log coder")
  check("ours.json" in fields[4], "the log names the file")
  check(re.match(r"^\d{4}-\d\d-\d\dT", fields[1]), "log date %r" % fields[1])

  # The same file again: everything matches, nothing to do.
  out = s.expect(s.run("codebook", s.project, "--import", source, "--yes"), 0)
  check("0 new, 0 changed, 3 unchanged" in out, "a second import: %r" % out)


@test
def import_merges_changes(s):
  changed = json.loads(json.dumps(CODEBOOK))
  changed["codes"][1]["name"] = "Beta renamed"
  changed["codes"][1]["color"] = "#112233"
  source = s.write("changed.json", json.dumps(changed, ensure_ascii=False))
  out = s.expect(s.run("codebook", s.project, "--import", source), 0)
  check("1 changed" in out and "“Beta” → “Beta renamed”" in out, "the plan: %r" % out)
  s.expect(s.run("codebook", s.project, "--import", source, "--yes"), 0)
  beta = [c for c in s.codes(s.project) if c["guid"] == "2d3c5a7e-2f41-4c9b-9a61-5b7e8f1c2d34"][0]
  check_equal((beta["name"], beta["color"]), ("Beta renamed", "#112233"), "Beta after the import")


@test
def round_trips_through_every_exchange_format(s):
  expected = comparable(s.codes(s.project))
  for fmt in ("json", "csv", "qdc"):
    exported = s.path("trip." + fmt)
    s.expect(s.run("codebook", s.project, "--export", exported), 0)
    target = s.new_project("trip-%s.plenary" % fmt, empty=True)
    s.expect(s.run("codebook", target, "--import", exported, "--yes"), 0)
    check_equal(comparable(s.codes(target)), expected, "codebook after a %s round trip" % fmt)


@test
def import_refusals_name_the_file(s):
  for name, data in (("broken.json", "{\"format\": \"plenary-codebook\", "),
                     ("table.csv", "a,b\n1,2\n"),
                     ("page.xml", "<html/>"),
                     ("empty.qdc", "")):
    path = s.write(name, data)
    completed = s.run("codebook", s.project, "--import", path, "--yes")
    s.expect(completed, 1)
    check(name in completed.stderr.decode("utf-8"), "the message does not name " + name)
  completed = s.run("codebook", s.project, "--import", s.path("absent.qdc"))
  s.expect(completed, 1)
  check("absent.qdc" in completed.stderr.decode("utf-8"), "the message does not name absent.qdc")


@test
def export_to_a_missing_folder_fails(s):
  target = os.path.join(s.folder, "no-such-folder", "out.json")
  completed = s.run("codebook", s.project, "--export", target)
  s.expect(completed, 1)
  check("out.json" in completed.stderr.decode("utf-8"), "the message does not name the file")


@test
def real_refi_files_import(s):
  shared = os.environ.get("PLENARY_SHARED_DIR", "")
  samples = os.path.join(shared, "refi-qda", "samples")
  if not shared or not os.path.isdir(samples):
    return "SKIP no ../shared/refi-qda/samples"
  n = 0
  for folder in sorted(os.listdir(samples)):
    for name in sorted(os.listdir(os.path.join(samples, folder))):
      if not name.lower().endswith((".qdc", ".qde", ".qdpx")):
        continue
      target = s.new_project("refi-%d.plenary" % n, empty=True)
      s.expect(s.run("codebook", target, "--import", os.path.join(samples, folder, name), "--yes"), 0)
      n += 1
  check(n >= 5, "too few samples")
  return None


def main():
  if len(sys.argv) != 2:
    print("usage: test_cli_codebook.py PATH-TO-PLENARY-CLI", file=sys.stderr)
    return 2
  cli = os.path.abspath(sys.argv[1])

  print("1..%d" % len(TESTS))
  failed = 0
  with tempfile.TemporaryDirectory(prefix="plenary-cli-codebook-test-") as folder:
    suite = Suite(cli, folder)
    for number, function in enumerate(TESTS, start=1):
      name = function.__name__.replace("_", "-")
      suite.diagnostics = []
      try:
        skip = function(suite)
        if skip:
          print("ok %d - %s # %s" % (number, name, skip))
        else:
          print("ok %d - %s" % (number, name))
      except Exception as error:  # a crash in one test must not hide the others
        failed += 1
        print("not ok %d - %s" % (number, name))
        message = str(error) if isinstance(error, Failure) else traceback.format_exc()
        for line in message.splitlines():
          print("# " + line)
        for line in suite.diagnostics:
          print("# " + line)
      sys.stdout.flush()
  return 1 if failed else 0


if __name__ == "__main__":
  sys.exit(main())
