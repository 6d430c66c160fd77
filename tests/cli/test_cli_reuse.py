#!/usr/bin/env python3
# test_cli_reuse.py — "plenary-cli outcome", "reuse", "links", "link" and the links export (TAP)
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: python3 tests/cli/test_cli_reuse.py PATH-TO-PLENARY-CLI
#
# The project is the one of tests/pl-test-provenance.h (two transcripts, a zero draft, a
# revised draft and a final report), read from that header so that the C and Python tests
# share one set of texts.

import csv
import io
import json
import os
import re
import subprocess
import sys
import tempfile
import traceback

HINT = "Try “plenary-cli --help”."
REUSE_KEYS = ["document_id", "start", "end", "outcome_start", "outcome_end", "words", "score"]
LINK_KEYS = ["guid", "document_id", "start", "end", "outcome_document_id", "outcome_start",
             "outcome_end", "words", "score", "origin", "statement_index", "delegation",
             "regional_group", "coder", "created"]
GUID_RE = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")


class Failure(Exception):
  pass


def check(condition, message):
  if not condition:
    raise Failure(message)


def check_equal(actual, expected, what):
  if actual != expected:
    raise Failure("%s: expected %r, got %r" % (what, expected, actual))


def fixture_texts():
  """The texts of tests/pl-test-provenance.h, by macro name."""
  source = os.environ.get("PLENARY_SOURCE_DIR") or os.path.join(os.path.dirname(__file__), "..", "..")
  with open(os.path.join(source, "tests", "pl-test-provenance.h"), encoding="utf-8") as f:
    header = f.read()
  texts = {}
  for match in re.finditer(r"#define (PL_TEST_\w+) \\\n((?:.*\\\n)*.*\n)", header):
    parts = re.findall(r'"((?:[^"\\]|\\.)*)"', match.group(2))
    texts[match.group(1)] = "".join(parts).encode("utf-8").decode("unicode_escape").encode("latin-1").decode("utf-8")
  return texts


class Suite:
  def __init__(self, cli, folder):
    self.cli = cli
    self.folder = folder
    self.project = os.path.join(folder, "project.plenary")
    self.diagnostics = []
    self.env = dict(os.environ)
    self.env["PLENARY_CODER"] = "Ana"
    self.texts = fixture_texts()
    self.made = False

  def path(self, name):
    return os.path.join(self.folder, name)

  def run(self, *args):
    completed = subprocess.run([self.cli, *args], capture_output=True, env=self.env,
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

  def json(self, *args):
    return json.loads(self.expect(self.run(*args), 0))

  def make_project(self):
    """Documents 1–5: the transcripts, the zero draft, the revised draft, the final report;
    the three outcome documents marked."""
    if self.made:
      return
    self.expect(self.run("new", self.project, "--empty"), 0)
    names = [("session-1.txt", "PL_TEST_TRANSCRIPT_1"), ("session-2.txt", "PL_TEST_TRANSCRIPT_2"),
             ("zero-draft.txt", "PL_TEST_ZERO_DRAFT"), ("revised-draft.txt", "PL_TEST_REVISED_DRAFT"),
             ("final-report.txt", "PL_TEST_FINAL_REPORT")]
    for name, macro in names:
      with open(self.path(name), "w", encoding="utf-8") as f:
        f.write(self.texts[macro])
      self.expect(self.run("import", self.project, self.path(name)), 0)
    self.expect(self.run("outcome", self.project, "--document", "3", "--kind", "draft",
                         "--date", "2021-02-01"), 0)
    self.expect(self.run("outcome", self.project, "--document", "4", "--kind", "revised-draft",
                         "--date", "2021-02-25"), 0)
    self.expect(self.run("outcome", self.project, "--document", "5", "--kind", "final",
                         "--date", "2021-03-12"), 0)
    self.made = True

  def document_texts(self):
    output = self.path("dataset.json")
    self.expect(self.run("export", self.project, "--format", "json", "--output", output), 0)
    with open(output, encoding="utf-8") as f:
      dataset = json.load(f)
    return {d["id"]: d["text"] for d in dataset["documents"]}, dataset


TESTS = []


def test(function):
  TESTS.append(function)
  return function


@test
def help_lists_the_commands(s):
  out = s.expect(s.run("--help"), 0)
  for command in ("reuse PROJECT --outcome ID", "links PROJECT", "link PROJECT", "outcome PROJECT",
                  "--format csv|matrix|json|qdpx|links"):
    check(command in out, "--help does not mention " + command)
  out = s.expect(s.run("help", "reuse"), 0)
  for option in ("--outcome", "--min-words", "--json"):
    check(option in out, "“help reuse” does not mention " + option)


@test
def usage_errors(s):
  s.make_project()
  s.expect(s.run("reuse", s.project), 2)
  s.expect(s.run("reuse", s.project, "--outcome", "zero"), 2)
  s.expect(s.run("reuse", s.project, "--outcome", "5", "--min-words", "2"), 2)
  s.expect(s.run("reuse", s.project, "--outcome", "5", "--bogus"), 2)
  s.expect(s.run("links", s.project, "--outcome", "x"), 2)
  s.expect(s.run("outcome", s.project, "--document", "5", "--kind", "minutes"), 2)
  s.expect(s.run("outcome", s.project, "--document", "5"), 2)
  s.expect(s.run("link", s.project, "--document", "1", "--start", "5", "--end", "5",
                 "--outcome", "5", "--outcome-start", "0", "--outcome-end", "3"), 2)
  s.expect(s.run("link", s.project, "--document", "1", "--start", "5"), 2)


@test
def failures_name_what_is_wrong(s):
  s.make_project()
  out = s.run("reuse", s.project, "--outcome", "99")
  s.expect(out, 1)
  check("99" in out.stderr.decode("utf-8"), "the error does not name the document")
  s.expect(s.run("outcome", s.project, "--document", "5", "--kind", "final", "--date", "12 March"), 1)
  s.expect(s.run("reuse", s.path("nowhere.plenary"), "--outcome", "1"), 1)


@test
def reuse_json_shape(s):
  s.make_project()
  candidates = s.json("reuse", s.project, "--outcome", "5", "--json")
  check(isinstance(candidates, list) and len(candidates) == 4, "four candidates expected")
  texts, _ = s.document_texts()
  for c in candidates:
    check_equal(list(c.keys()), REUSE_KEYS, "the members of a candidate")
    check(all(isinstance(c[k], int) for k in REUSE_KEYS[:-1]), "offsets and words are integers")
    check(0 <= c["score"] <= 1, "a score outside 0–1")
    check(c["start"] < c["end"] and c["outcome_start"] < c["outcome_end"], "an empty passage")
    check(c["document_id"] in (1, 2), "a candidate from an outcome document")
  scores = [c["score"] for c in candidates]
  check_equal(scores, sorted(scores, reverse=True), "best first")
  # The exact copy: the same words on both sides, in code points of each document.
  brazil = [c for c in candidates if c["document_id"] == 1 and c["score"] == 1.0
            and "directory" in texts[1][c["start"]:c["end"]]]
  check_equal(len(brazil), 1, "Brazil's proposal copied")
  c = brazil[0]
  check_equal(texts[1][c["start"]:c["end"]], texts[5][c["outcome_start"]:c["outcome_end"]],
              "the two passages of a copy")


@test
def reuse_rows_and_min_words(s):
  s.make_project()
  rows = [line.split("\t") for line in s.expect(s.run("reuse", s.project, "--outcome", "5"), 0).splitlines()]
  check_equal(len(rows), 4, "rows")
  check(all(len(r) == 8 for r in rows), "eight fields a row")
  check({r[7] for r in rows} >= {"Brazil", "Kenya"}, "the delegations are named")
  check_equal(s.json("reuse", s.project, "--outcome", "5", "--min-words", "30", "--json"), [],
              "no passage of 30 words")
  # Front matter and outcome documents are never proposed; a draft reusing the zero
  # draft is not a candidate either.
  check(all(c["document_id"] in (1, 2) for c in s.json("reuse", s.project, "--outcome", "4", "--json")),
        "a candidate from an outcome document")


@test
def link_and_links(s):
  s.make_project()
  check_equal(s.json("links", s.project, "--json"), [], "no link before one is made")
  candidates = s.json("reuse", s.project, "--outcome", "5", "--json")
  c = candidates[0]
  out = s.expect(s.run("link", s.project, "--document", str(c["document_id"]), "--start", str(c["start"]),
                       "--end", str(c["end"]), "--outcome", "5", "--outcome-start", str(c["outcome_start"]),
                       "--outcome-end", str(c["outcome_end"]), "--coder", "Ben"), 0)
  guid = out.strip()
  check(GUID_RE.match(guid), "link prints a GUID")
  # The same passages again.
  s.expect(s.run("link", s.project, "--document", str(c["document_id"]), "--start", str(c["start"]),
                 "--end", str(c["end"]), "--outcome", "5", "--outcome-start", str(c["outcome_start"]),
                 "--outcome-end", str(c["outcome_end"])), 1)
  # A refused link leaves no new coder behind.
  s.expect(s.run("link", s.project, "--document", "1", "--start", "0", "--end", "99999",
                 "--outcome", "5", "--outcome-start", "0", "--outcome-end", "5", "--coder", "Zed"), 1)
  _, dataset = s.document_texts()
  check("Zed" not in [coder["name"] for coder in dataset["coders"]], "a refused link added a coder")

  links = s.json("links", s.project, "--json")
  check_equal(len(links), 1, "one link")
  link = links[0]
  check_equal(list(link.keys()), LINK_KEYS, "the members of a link")
  check_equal(link["guid"], guid, "its GUID")
  check_equal((link["document_id"], link["start"], link["end"]), (c["document_id"], c["start"], c["end"]),
              "the statement's passage")
  check_equal((link["outcome_document_id"], link["outcome_start"], link["outcome_end"]),
              (5, c["outcome_start"], c["outcome_end"]), "the outcome's passage")
  check_equal(link["origin"], "manual", "drawn by hand")
  check(link["score"] is None, "a manual link has no score")
  check_equal(link["words"], c["words"], "shared words, counted as the finder counts them")
  check_equal(link["coder"], "Ben", "who linked")
  check(isinstance(link["statement_index"], int) and link["delegation"], "its statement")
  check_equal(s.json("links", s.project, "--outcome", "4", "--json"), [], "none into the revised draft")

  rows = [line.split("\t") for line in s.expect(s.run("links", s.project), 0).splitlines()]
  check_equal(len(rows), 1, "one row")
  check_equal(rows[0][0], guid, "the row starts with the GUID")


@test
def export_links_table(s):
  s.make_project()
  output = s.path("links.csv")
  s.expect(s.run("export", s.project, "--format", "links", "--output", output), 0)
  with open(output, encoding="utf-8", newline="") as f:
    text = f.read()
  check(text.endswith("\r\n"), "CRLF row ends")
  rows = list(csv.DictReader(io.StringIO(text)))
  links = s.json("links", s.project, "--json")
  check_equal(len(rows), len(links), "one row per link")
  for row in rows:
    check_equal(row["outcome_kind"], "final", "the outcome's kind")
    check_equal(row["outcome_date"], "2021-03-12", "the outcome's date")
    check(row["text"] and row["outcome_text"], "both passages' texts")
  _, dataset = s.document_texts()
  check_equal([l["guid"] for l in dataset["links"]], [l["guid"] for l in links], "the JSON dataset's links")
  s.expect(s.run("export", s.project, "--format", "links", "--output", s.path("x.csv"), "--counts"), 2)


@test
def outcome_unmarked(s):
  s.make_project()
  s.expect(s.run("outcome", s.project, "--document", "4", "--kind", "none"), 0)
  # Unmarked, the revised draft is searched like any document.
  check(any(c["document_id"] == 4 for c in s.json("reuse", s.project, "--outcome", "5", "--json")),
        "the unmarked draft is not searched")
  s.expect(s.run("outcome", s.project, "--document", "4", "--kind", "revised-draft",
                 "--date", "2021-02-25"), 0)


def main():
  if len(sys.argv) != 2:
    print("usage: test_cli_reuse.py PATH-TO-PLENARY-CLI", file=sys.stderr)
    return 2
  cli = os.path.abspath(sys.argv[1])

  print("1..%d" % len(TESTS))
  failed = 0
  with tempfile.TemporaryDirectory(prefix="plenary-cli-reuse-test-") as folder:
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
