#!/usr/bin/env python3
# test_cli_analysis.py — "plenary-cli retrieve", "search", "stats", "cooccurrence", "chart" (TAP)
#
# Every count is checked against a recount made here from "annotations --json" and
# "statements --json": an annotation belongs to the last statement of its document that
# starts at or before it.
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: python3 tests/cli/test_cli_analysis.py PATH-TO-PLENARY-CLI

import csv
import io
import json
import os
import re
import sys
import tempfile
import traceback

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from test_cli_codebook import Failure, Suite, check, check_equal  # noqa: E402

# Offsets are code points: the emoji and the CJK characters come before what is coded.
TRANSCRIPTS = {
  "first": (
    "Unofficial transcript — first substantive session, 2nd meeting 😀 中文\n"
    "7 Mar 2024, morning\n"
    "\n"
    "Chair\n"
    "I give the floor to Brazil.\n"
    "\n"
    "Brazil\n"
    "We support the norms on critical infrastructure. Ransomware attacks on hospitals are "
    "unacceptable. Capacity-building must be demand-driven.\n"
    "\n"
    "Japan\n"
    "Japan supports confidence-building measures. The points of contact directory must "
    "work. Ransomware is a threat.\n"
    "\n"
    "Kenya\n"
    "Kenya stresses international law. Côte d'Ivoire and Ghana agree on capacity-building.\n"
  ),
  "second": (
    "Unofficial transcript — second substantive session, 1st meeting\n"
    "9 Jul 2025, afternoon\n"
    "\n"
    "Fiji\n"
    "Fiji calls for capacity-building and for protecting hospitals from ransomware.\n"
    "\n"
    "Brazil\n"
    "Brazil reiterates that ransomware threatens critical infrastructure.\n"
    "\n"
    "European Union\n"
    "The European Union supports the Programme of Action and capacity-building.\n"
  ),
}

# document, first words, last words (None: the first alone), code, coder
CODING = [
  ("first", "norms on critical infrastructure", None, "NRM.F", "Ann"),
  ("first", "critical infrastructure", None, "THR.CI", "Bo"),
  ("first", "Ransomware attacks", "unacceptable.", "THR.RANSOM", "Ann"),
  ("first", "Capacity-building must", "demand-driven.", "CB.PRIN", "Bo"),
  ("first", "Japan supports confidence-building", "measures.", "CBM", "Ann"),
  ("first", "points of contact directory", None, "CBM.POC", "Ann"),
  ("first", "Ransomware is a threat.", None, "THR.RANSOM", "Bo"),
  ("first", "Kenya stresses international law.", None, "IL", "Bo"),
  ("first", "agree on capacity-building", None, "CB.NEED", "Ann"),
  ("first", "I give the floor", None, "PRC", "Ann"),
  ("first", "demand-driven.", "Japan supports", "THR.CI", "Ann"),
  ("first", "Unofficial transcript", None, "PRC", "Bo"),
  ("second", "Fiji calls for capacity-building", None, "CB.NEED", "Ann"),
  ("second", "protecting hospitals from ransomware", None, "THR.HEALTH", "Bo"),
  ("second", "ransomware.", None, "THR.RANSOM", "Ann"),
  ("second", "ransomware threatens critical infrastructure", None, "THR.RANSOM", "Ann"),
  ("second", "critical infrastructure.", None, "THR.CI", "Bo"),
  ("second", "supports the Programme of Action", None, "PRC.POA", "Ann"),
  ("second", "capacity-building.\n", None, "CB", "Bo"),
]

STATEMENT_FIELDS = ["speaker", "entity", "entity_type", "iso3", "regional_group", "on_behalf_of"]


class Analysis(Suite):
  def __init__(self, cli, folder):
    super().__init__(cli, folder)
    self.documents = {}

  def json(self, *args):
    return json.loads(self.expect(self.run(*args), 0))


# The recount

def load(s):
  annotations = s.json("annotations", s.project, "--json")
  statements = s.json("statements", s.project, "--json")
  codes = s.json("codes", s.project, "--json")
  by_document = {}
  for statement in statements:
    by_document.setdefault(statement["document_id"], []).append(statement)
  for annotation in annotations:
    candidates = [st for st in by_document.get(annotation["document_id"], [])
                  if st["start"] <= annotation["start"]]
    annotation["statement"] = max(candidates, key=lambda st: st["start"]) if candidates else None
  return annotations, statements, codes


def family(codes, key, with_descendants):
  guid = next(c["guid"] for c in codes if c["id"] == key)
  members = {guid}
  if with_descendants:
    changed = True
    while changed:
      changed = False
      for code in codes:
        if code["parent_guid"] in members and code["guid"] not in members:
          members.add(code["guid"])
          changed = True
  return {c["id"] for c in codes if c["guid"] in members}


def value_of(annotation, field):
  statement = annotation["statement"]
  if field in STATEMENT_FIELDS:
    return statement[field] if statement else None
  if field == "coder":
    return annotation["coder"]
  if field == "document":
    return str(annotation["document_id"])
  raise ValueError(field)


def keeps(annotation, groups=None, coders=None, documents=None):
  group = value_of(annotation, "regional_group")
  return ((groups is None or (group or "") in groups) and
          (coders is None or annotation["coder"] in coders) and
          (documents is None or annotation["document_id"] in documents))


def unit_of(annotation, count):
  statement = annotation["statement"]
  if count == "segments":
    return annotation["guid"]
  if statement is None:
    return None
  if count == "statements":
    return (statement["document_id"], statement["index"])
  return statement["entity"] or statement["speaker"]


def statement_key(annotation):
  statement = annotation["statement"]
  return (statement["document_id"], statement["index"]) if statement else None


def overlaps(a, b):
  return a["document_id"] == b["document_id"] and a["start"] < b["end"] and b["start"] < a["end"]


TESTS = []


def test(function):
  TESTS.append(function)
  return function


@test
def set_up_a_coded_project(s):
  s.expect(s.run("new", s.project), 0)
  for name, text in TRANSCRIPTS.items():
    out = s.expect(s.run("import", s.project, s.write(name + ".txt", text)), 0)
    s.documents[name] = int(out.split("\t")[0])
  for document, first, last, code, coder in CODING:
    text = TRANSCRIPTS[document]
    start = text.index(first)
    end = text.index(last, start) + len(last) if last else start + len(first)
    s.expect(s.run("code", s.project, "--document", str(s.documents[document]),
                   "--start", str(start), "--end", str(end), "--code", code, "--coder", coder), 0)
  annotations, statements, _ = load(s)
  check_equal(len(annotations), len(CODING), "annotations")
  check(any(st["regional_group"] is None and st["kind"] == "statement" for st in statements),
        "the fixture needs a speaker without a group")


# retrieve

def check_retrieve(s, args, expected):
  hits = s.json("retrieve", s.project, *args, "--json")
  check_equal([h["annotation_guid"] for h in hits], [a["guid"] for a in expected],
              "hits of retrieve " + " ".join(args))
  for hit, annotation in zip(hits, expected):
    check_equal(sorted(hit.keys()),
                sorted(["annotation_guid", "document_id", "statement_index", "start", "end",
                        "code", "text", "speaker", "entity", "entity_type", "iso3",
                        "regional_group", "on_behalf_of", "coder", "stance"]), "members of a hit")
    for member in ("document_id", "start", "end", "text", "coder"):
      check_equal(hit[member], annotation[member], member)
    check_equal(hit["code"], annotation["code_id"], "code")
    statement = annotation["statement"]
    check_equal(hit["statement_index"], statement["index"] if statement else None, "statement")
    for field in STATEMENT_FIELDS:
      check_equal(hit[field], statement[field] if statement else None, field)
    check_equal(hit["stance"], None, "stance")
  return hits


@test
def retrieve_matches_the_recount(s):
  annotations, _, codes = load(s)
  for key, descendants in (("THR.RANSOM", False), ("THR", True), ("CB", False), ("CB", True),
                           ("PRC", True)):
    members = family(codes, key, descendants)
    args = ["--codes", key] + (["--with-descendants"] if descendants else [])
    check_retrieve(s, args, [a for a in annotations if a["code_id"] in members])

  threats = family(codes, "THR", True)
  for groups in (["Latin American and Caribbean"], ["Asia-Pacific", "African"]):
    check_retrieve(s, ["--codes", "THR", "--with-descendants", "--groups", ",".join(groups)],
                   [a for a in annotations if a["code_id"] in threats and keeps(a, groups=groups)])
  check_retrieve(s, ["--codes", "THR", "--with-descendants", "--coders", "Bo"],
                 [a for a in annotations if a["code_id"] in threats and a["coder"] == "Bo"])
  second = s.documents["second"]
  check_retrieve(s, ["--codes", "THR", "--with-descendants", "--documents", str(second)],
                 [a for a in annotations if a["code_id"] in threats and a["document_id"] == second])
  # Names of groups match without regard to case.
  check_retrieve(s, ["--codes", "THR.RANSOM", "--groups", "latin american and caribbean"],
                 [a for a in annotations if a["code_id"] == "THR.RANSOM" and
                  keeps(a, groups=["Latin American and Caribbean"])])


@test
def retrieve_all_and_not(s):
  annotations, _, codes = load(s)
  norms, threats = family(codes, "NRM", True), family(codes, "THR", True)

  def has(annotation, members):
    return any(statement_key(o) == statement_key(annotation) and o["code_id"] in members
               for o in annotations)

  expected = [a for a in annotations if a["code_id"] in norms | threats and
              a["statement"] is not None and has(a, norms) and has(a, threats)]
  check(len(expected) >= 2, "the fixture needs norms and threats in one statement")
  check_retrieve(s, ["--codes", "NRM,THR", "--with-descendants", "--mode", "all"], expected)

  ransom = [a for a in annotations if a["code_id"] == "THR.RANSOM"]
  expected = [a for a in ransom if a["statement"] is None or not has(a, {"THR.CI"})]
  check(len(expected) < len(ransom), "NOT left nothing out")
  check_retrieve(s, ["--codes", "THR.RANSOM", "--not", "THR.CI"], expected)


@test
def retrieve_csv(s):
  out = s.expect(s.run("retrieve", s.project, "--codes", "THR", "--with-descendants", "--csv"), 0)
  rows = list(csv.DictReader(io.StringIO(out, newline="")))
  hits = s.json("retrieve", s.project, "--codes", "THR", "--with-descendants", "--json")
  check_equal([r["annotation_guid"] for r in rows], [h["annotation_guid"] for h in hits], "rows")
  check_equal([r["text"] for r in rows], [h["text"] for h in hits], "texts")
  check(all(r["context"] for r in rows), "a row without its statement")
  check("\r\n" in out, "CSV rows end with CRLF")


@test
def retrieve_refuses_unknown_names(s):
  for args, name in ((["--codes", "NOPE"], "NOPE"),
                     (["--codes", "CB", "--groups", "Atlantis"], "Atlantis"),
                     (["--codes", "CB", "--entities", "Utopia"], "Utopia"),
                     (["--codes", "CB", "--coders", "Nobody"], "Nobody"),
                     (["--codes", "CB", "--not", "GONE"], "GONE")):
    completed = s.run("retrieve", s.project, *args)
    s.expect(completed, 1)
    check(name in completed.stderr.decode("utf-8"), "the message does not name " + name)
  for args in (["--codes", "CB", "--mode", "some"], ["--codes", "CB", "--since", "March"],
               ["--codes", "CB", "--stances", "maybe"], ["--with-descendants"],
               ["--codes", "CB", "--json", "--csv"]):
    s.expect(s.run("retrieve", s.project, *args), 2)


@test
def empty_results_say_so(s):
  check_equal(s.json("retrieve", s.project, "--codes", "IL.SOV", "--json"), [], "JSON")
  completed = s.run("retrieve", s.project, "--codes", "IL.SOV")
  check_equal(completed.returncode, 0, "exit status")
  check_equal(completed.stdout, b"", "stdout")
  check("No coded segment matches." in completed.stderr.decode("utf-8"), "no message")
  completed = s.run("search", s.project, "zeppelin")
  check_equal(completed.returncode, 0, "exit status of an empty search")
  check("Nothing matches" in completed.stderr.decode("utf-8"), "no message for the search")
  check_equal(s.json("search", s.project, "zeppelin", "--json"), [], "empty search JSON")


# search

@test
def search_offsets_and_statements(s):
  _, statements, _ = load(s)
  by_key = {(st["document_id"], st["index"]): st for st in statements}
  for query, word in (("ransomware", "ransomware"), ("RANSOMWARE", "ransomware"),
                      ("\"critical infrastructure\"", "critical infrastructure"),
                      ("capacity-building", "capacity-building"), ("cote", "côte")):
    hits = s.json("search", s.project, query, "--json")
    check(hits, "no hit for " + query)
    found = set()
    for hit in hits:
      check_equal(sorted(hit.keys()), ["document_id", "end", "snippet", "start", "statement_index"],
                  "members of a search hit")
      statement = by_key[(hit["document_id"], hit["statement_index"])]
      text = statement["text"][hit["start"] - statement["start"]:hit["end"] - statement["start"]]
      check_equal(text.lower(), word, "the matched text of " + query)
      check(text in hit["snippet"], "the snippet lacks the match")
      found.add((hit["document_id"], hit["statement_index"]))
    pattern = re.compile(r"\b" + re.escape(word) + r"\b", re.IGNORECASE)
    expected = {k for k, st in by_key.items() if pattern.search(st["text"])}
    check_equal(found, expected, "statements found by " + query)

  hits = s.json("search", s.project, "ransomware", "--groups", "Asia-Pacific", "--json")
  check(hits and all(by_key[(h["document_id"], h["statement_index"])]["regional_group"] ==
                     "Asia-Pacific" for h in hits), "the group filter")
  hits = s.json("search", s.project, "ransomware", "--codes", "THR.CI", "--json")
  annotations, _, _ = load(s)
  with_ci = {statement_key(a) for a in annotations if a["code_id"] == "THR.CI"}
  check(hits and all((h["document_id"], h["statement_index"]) in with_ci for h in hits),
        "the code filter")


@test
def search_syntax_errors_show_where(s):
  completed = s.run("search", s.project, "ransomware OR OR hospitals")
  s.expect(completed, 2)
  stderr = completed.stderr.decode("utf-8")
  check("\n  ransomware OR OR hospitals\n" + " " * 16 + "^\n" in stderr, "no caret: " + stderr)
  check("fts5" not in stderr and "SQL" not in stderr, "an SQL error shows")
  completed = s.run("search", s.project, "\"unclosed")
  s.expect(completed, 2)
  check("quotation mark" in completed.stderr.decode("utf-8"), "the message does not say what")
  s.expect(s.run("search", s.project, "   "), 2)


# stats

def recount_stats(annotations, codes, by, count, keys=None, with_descendants=False):
  columns = keys or [c["id"] for c in codes if c["codable"]]
  families = {k: family(codes, k, with_descendants) for k in columns}
  rows = {}
  for annotation in annotations:
    hit = [k for k in columns if annotation["code_id"] in families[k]]
    if not hit:
      continue
    row = rows.setdefault(value_of(annotation, by), {"codes": {k: set() for k in columns},
                                                      "total": set()})
    unit = unit_of(annotation, count)
    if unit is None:
      continue
    row["total"].add(unit)
    for k in hit:
      row["codes"][k].add(unit)
  return {key: ({k: len(v) for k, v in row["codes"].items()}, len(row["total"]))
          for key, row in rows.items()}


@test
def stats_match_the_recount(s):
  annotations, _, codes = load(s)
  for by in ("entity", "group", "entity_type", "on_behalf_of", "document", "coder"):
    field = "regional_group" if by == "group" else by
    for count in ("segments", "statements", "speakers"):
      result = s.json("stats", s.project, "--by", by, "--count", count, "--json")
      check_equal((result["by"], result["count"]), (by, count), "by and count")
      expected = recount_stats(annotations, codes, field, count)
      found = {row["key"]: (row["codes"], row["total"]) for row in result["rows"]}
      check_equal(found, expected, "stats by %s of %s" % (by, count))
      for row in result["rows"]:
        for key, share in row["shares"].items():
          check(abs(share - (row["codes"][key] / row["total"] if row["total"] else 0)) < 1e-9,
                "a share")
  result = s.json("stats", s.project, "--by", "group", "--codes", "THR,CB", "--with-descendants",
                  "--json")
  expected = recount_stats(annotations, codes, "regional_group", "segments", ["THR", "CB"], True)
  check_equal({row["key"]: (row["codes"], row["total"]) for row in result["rows"]}, expected,
              "stats of two families")
  check(None in expected, "the fixture needs a row without a group")
  check_equal(result["rows"][-1]["key"], None, "the row without a value comes last")


@test
def stats_by_document_fields(s):
  annotations, _, _ = load(s)
  for by in ("session", "year", "date", "process"):
    result = s.json("stats", s.project, "--by", by, "--json")
    check_equal(sum(row["total"] for row in result["rows"]), len(annotations),
                "segments by " + by)
  years = s.json("stats", s.project, "--by", "year", "--json")
  check_equal([row["key"] for row in years["rows"]], ["2024", "2025"], "years in order")


@test
def stats_csv_and_table(s):
  out = s.expect(s.run("stats", s.project, "--by", "group", "--codes", "THR,CB",
                       "--with-descendants", "--csv"), 0)
  rows = list(csv.reader(io.StringIO(out, newline="")))
  check_equal(rows[0], ["group", "THR", "CB", "total"], "header")
  result = s.json("stats", s.project, "--by", "group", "--codes", "THR,CB", "--with-descendants",
                  "--json")
  check_equal([[r["key"] or "", str(r["codes"]["THR"]), str(r["codes"]["CB"]), str(r["total"])]
               for r in result["rows"]], rows[1:], "rows")
  out = s.expect(s.run("stats", s.project, "--by", "coder", "--codes", "CB"), 0)
  check_equal(out.splitlines()[0], "coder\tCB\ttotal", "table header")
  s.expect(s.run("stats", s.project), 2)
  s.expect(s.run("stats", s.project, "--by", "mood"), 2)
  s.expect(s.run("stats", s.project, "--by", "group", "--count", "words"), 2)


# cooccurrence

@test
def cooccurrence_by_statement(s):
  annotations, _, codes = load(s)
  keys = ["NRM", "THR", "CB", "CBM", "PRC"]
  families = {k: family(codes, k, True) for k in keys}
  units = {k: {statement_key(a) for a in annotations
               if a["code_id"] in families[k] and a["statement"] is not None} for k in keys}
  result = s.json("cooccurrence", s.project, "--codes", ",".join(keys), "--with-descendants",
                  "--json")
  check_equal(result["unit"], "statement", "unit")
  check_equal({c["code"]: c["count"] for c in result["codes"]},
              {k: len(units[k]) for k in keys}, "codes")
  expected = {}
  for i, a in enumerate(keys):
    for b in keys[i + 1:]:
      both = len(units[a] & units[b])
      if both:
        expected[(a, b)] = (both, both / len(units[a] | units[b]))
  found = {(p["a"], p["b"]): (p["count"], p["jaccard"]) for p in result["pairs"]}
  check_equal(set(found), set(expected), "pairs")
  for pair, (count, jaccard) in expected.items():
    check_equal(found[pair][0], count, "count of %s" % (pair,))
    check(abs(found[pair][1] - jaccard) < 1e-9, "Jaccard of %s" % (pair,))


@test
def cooccurrence_by_span(s):
  annotations, _, codes = load(s)
  result = s.json("cooccurrence", s.project, "--unit", "span", "--json")
  check_equal(result["unit"], "span", "unit")
  keys = [c["code"] for c in result["codes"]]
  found = {(p["a"], p["b"]): p for p in result["pairs"]}
  for i, a in enumerate(keys):
    for b in keys[i + 1:]:
      pairs = sum(1 for x in annotations for y in annotations
                  if x["guid"] < y["guid"] and overlaps(x, y) and
                  {x["code_id"], y["code_id"]} == {a, b})
      covered = {k: {(x["document_id"], p) for x in annotations if x["code_id"] == k
                     for p in range(x["start"], x["end"])} for k in (a, b)}
      if pairs == 0:
        check((a, b) not in found, "a pair that does not overlap: %s %s" % (a, b))
        continue
      check_equal(found[(a, b)]["count"], pairs, "overlaps of %s and %s" % (a, b))
      jaccard = len(covered[a] & covered[b]) / len(covered[a] | covered[b])
      check(abs(found[(a, b)]["jaccard"] - jaccard) < 1e-9, "Jaccard of %s and %s" % (a, b))
  check(found, "no overlapping codes")
  out = s.expect(s.run("cooccurrence", s.project, "--codes", "NRM.F,THR.CI", "--csv"), 0)
  check_equal(out.splitlines()[0], "code,NRM.F,THR.CI", "CSV header")
  s.expect(s.run("cooccurrence", s.project, "--unit", "word"), 2)


# chart

@test
def chart_writes_files(s):
  for kind, extra, name in (("bar", [], "bar.svg"), ("heatmap", [], "heatmap.png"),
                            ("timeline", ["--by", "year"], "timeline.svg"),
                            ("heatmap", ["--by", "code", "--codes", "THR,CB",
                                         "--with-descendants"], "codes.svg"),
                            ("bar", ["--codes", "THR,CB", "--with-descendants"], "bar.csv")):
    path = s.path(name)
    s.expect(s.run("chart", s.project, "--kind", kind, *extra, "--output", path), 0)
    with open(path, "rb") as f:
      data = f.read()
    if name.endswith(".svg"):
      check(b"<svg" in data, name + " is not SVG")
    elif name.endswith(".png"):
      check(data.startswith(b"\x89PNG\r\n\x1a\n"), name + " is not PNG")
    else:
      annotations, _, codes = load(s)
      rows = list(csv.reader(io.StringIO(data.decode("utf-8"), newline="")))
      check_equal(rows[0][1:], ["THR", "CB"], "chart CSV series")
      expected = recount_stats(annotations, codes, "regional_group", "segments", ["THR", "CB"],
                               True)
      check_equal(len(rows) - 1, len(expected), "chart CSV rows")
  s.expect(s.run("chart", s.project, "--kind", "pie", "--output", s.path("x.svg")), 2)
  s.expect(s.run("chart", s.project, "--kind", "bar", "--output", s.path("x.gif")), 2)
  s.expect(s.run("chart", s.project, "--kind", "bar", "--by", "code", "--output",
                 s.path("x.svg")), 2)
  check(not os.path.exists(s.path("x.svg")), "a refused chart wrote a file")


def main():
  if len(sys.argv) != 2:
    print("usage: test_cli_analysis.py PATH-TO-PLENARY-CLI", file=sys.stderr)
    return 2
  cli = os.path.abspath(sys.argv[1])

  print("1..%d" % len(TESTS))
  failed = 0
  with tempfile.TemporaryDirectory(prefix="plenary-cli-analysis-test-") as folder:
    suite = Analysis(cli, folder)
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
        for line in message.splitlines() + suite.diagnostics:
          print("# " + line)
      sys.stdout.flush()
  return 1 if failed else 0


if __name__ == "__main__":
  sys.exit(main())
