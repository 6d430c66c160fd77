#!/usr/bin/env python3
# test_cli_team.py — "plenary-cli agreement", "export-coder", "merge" and "team" (TAP)
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: python3 tests/cli/test_cli_team.py PATH-TO-PLENARY-CLI
#
# A lead project is copied for two coders (as a team hands one file round); each codes a
# transcript of four statements, and their work comes back by file or by a shared folder.

import csv
import json
import os
import shutil
import subprocess
import sys
import tempfile
import traceback

HINT = "Try “plenary-cli --help”."
TRANSCRIPT = (
  "Chair\n"
  "I give the floor to Brazil.\n"
  "\n"
  "Brazil\n"
  "We support the norms and confidence-building measures.\n"
  "\n"
  "Japan\n"
  "Capacity-building must be demand-driven, said Japan.\n"
  "\n"
  "Kenya\n"
  "Ransomware is a threat to hospitals.\n"
)
COEFFICIENTS = ["percent", "cohen_kappa", "scott_pi", "fleiss_kappa", "krippendorff_alpha"]


class Failure(Exception):
  pass


class Suite:
  def __init__(self, cli, folder):
    self.cli = cli
    self.folder = folder
    self.diagnostics = []
    self.env = dict(os.environ)
    self.env.pop("PLENARY_CODER", None)
    self.units = []   # (start, end) of the four statements

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

  def new_lead(self, name="lead.plenary"):
    lead = self.path(name)
    for leftover in (lead, lead + "-wal", lead + "-shm"):
      if os.path.exists(leftover):
        os.unlink(leftover)
    self.expect(self.run("new", lead), 0)
    source = self.path("transcript.txt")
    with open(source, "w", encoding="utf-8") as f:
      f.write(TRANSCRIPT)
    self.expect(self.run("import", lead, source), 0)
    statements = self.json("statements", lead, "--json")
    self.units = [(s["start"], s["end"]) for s in statements]
    check_equal(len(self.units), 4, "statements")
    return lead

  def copy(self, lead, name):
    target = self.path(name)
    shutil.copyfile(lead, target)
    return target

  def code(self, project, coder, code, unit, start=0, end=None, memo=None):
    first, last = self.units[unit]
    args = ["code", project, "--document", "1", "--start", str(first + start),
            "--end", str(first + (end if end is not None else last - first)),
            "--code", code, "--coder", coder]
    if memo is not None:
      args += ["--memo", memo]
    return self.expect(self.run(*args), 0).strip()

  def annotations(self, project):
    return self.json("annotations", project, "--json")


def check(condition, message):
  if not condition:
    raise Failure(message)


def check_equal(actual, expected, what):
  if actual != expected:
    raise Failure("%s: expected %r, got %r" % (what, expected, actual))


def check_close(actual, expected, what):
  if actual is None or abs(actual - expected) > 0.0005:
    raise Failure("%s: expected %.3f, got %r" % (what, expected, actual))


def rows(output):
  return [line.split("\t") for line in output.splitlines()]


TESTS = []


def test(function):
  TESTS.append(function)
  return function


# Two coders, each in a copy of the lead project.  Ana: NRM.F in units 1 and 3, IL.UNC in
# unit 2.  Ben: NRM.F in units 1 (a shorter span) and 3, IL.UNC in unit 0.
def two_coders(s):
  lead = s.new_lead()
  ana = s.copy(lead, "ana.plenary")
  ben = s.copy(lead, "ben.plenary")
  s.code(ana, "Ana", "NRM.F", 1)
  s.code(ana, "Ana", "IL.UNC", 2)
  s.code(ana, "Ana", "NRM.F", 3, memo="Strong, \"quoted\"")
  s.code(ben, "Ben", "NRM.F", 1, start=10)
  s.code(ben, "Ben", "NRM.F", 3)
  s.code(ben, "Ben", "IL.UNC", 0)
  ana_file = s.path("ana.plenary-coding")
  ben_file = s.path("ben.plenary-coding")
  s.expect(s.run("export-coder", ana, "--coder", "Ana", "--output", ana_file), 0)
  s.expect(s.run("export-coder", ben, "--coder", "Ben", "--output", ben_file), 0)
  return lead, ana_file, ben_file


@test
def help_mentions_the_commands(s):
  out = s.expect(s.run("--help"), 0)
  for command in ("agreement", "export-coder", "merge", "team"):
    check("plenary-cli " + command in out, "--help does not mention " + command)
  out = s.expect(s.run("agreement", "--help"), 0)
  for option in ("--coders", "--codes", "--with-descendants", "--documents", "--unit",
                 "--categories", "--json", "--csv", "--html"):
    check(option in out, "agreement --help does not mention " + option)
  out = s.expect(s.run("merge", "--help"), 0)
  check("--dry-run" in out, "merge --help does not mention --dry-run")


@test
def export_and_merge(s):
  lead, ana_file, ben_file = two_coders(s)
  out = s.expect(s.run("export-coder", s.path("ana.plenary"), "--coder", "Ana", "--output",
                       s.path("again.plenary-coding")), 0)
  check_equal(rows(out), [["annotations", "3"]], "export-coder output")

  # A dry run says what would change, and changes nothing.
  plan = s.json("merge", lead, ana_file, ben_file, "--dry-run", "--json")
  check_equal(plan["result"], "dry run", "result")
  check_equal([(f["coder"], f["coder_new"], f["added"]) for f in plan["files"]],
              [("Ana", True, 3), ("Ben", True, 3)], "plan")
  check_equal(s.annotations(lead), [], "annotations after a dry run")

  out = s.expect(s.run("merge", lead, ana_file, ben_file), 0)
  table = rows(out)
  check(["added", "3"] in table and ["result", "merged"] in table, "merge output")
  merged = s.annotations(lead)
  check_equal(len(merged), 6, "merged annotations")
  check_equal(sorted(set(a["coder"] for a in merged)), ["Ana", "Ben"], "coders")
  check(any(a["memo"] == "Strong, \"quoted\"" for a in merged), "the memo travelled")

  # The same files again: nothing changes.
  plan = s.json("merge", lead, ana_file, ben_file, "--json")
  check_equal(plan["result"], "nothing to merge", "second merge")
  check_equal([f["unchanged"] for f in plan["files"]], [3, 3], "unchanged")
  check_equal(len(s.annotations(lead)), 6, "annotations after merging twice")


@test
def merge_refusals(s):
  lead, ana_file, _ = two_coders(s)
  s.expect(s.run("merge", lead), 2)

  # Another project's documents.
  other = s.path("other.plenary")
  if os.path.exists(other):
    os.unlink(other)
  s.expect(s.run("new", other), 0)
  source = s.path("other.txt")
  with open(source, "w", encoding="utf-8") as f:
    f.write("Chair\nAnother meeting altogether.\n")
  s.expect(s.run("import", other, source), 0)
  s.expect(s.run("code", other, "--document", "1", "--start", "0", "--end", "5", "--code",
                 "NRM.F", "--coder", "Olga"), 0)
  olga_file = s.path("olga.plenary-coding")
  s.expect(s.run("export-coder", other, "--coder", "Olga", "--output", olga_file), 0)
  result = s.run("merge", lead, ana_file, olga_file)
  s.expect(result, 1)
  check("olga.plenary-coding" in result.stderr.decode("utf-8"), "the message names the file")
  check_equal(s.annotations(lead), [], "annotations after a refused merge")

  # A truncated archive.
  with open(ana_file, "rb") as f:
    data = f.read()
  truncated = s.path("truncated.plenary-coding")
  with open(truncated, "wb") as f:
    f.write(data[:len(data) // 2])
  result = s.run("merge", lead, truncated)
  s.expect(result, 1)
  check("truncated.plenary-coding" in result.stderr.decode("utf-8"), "names the archive")

  # A code that does not exist in the project.
  ana = s.path("ana.plenary")
  codebook = s.path("extra.json")
  with open(codebook, "w", encoding="utf-8") as f:
    json.dump({"format": "plenary-codebook", "version": 1, "name": "Extra", "codes": [
      {"guid": "9d3c5a7e-2f41-4c9b-9a61-5b7e8f1c2d34", "id": "EXTRA", "name": "Extra code",
       "color": "#009E73"}]}, f)
  s.expect(s.run("codebook", ana, "--import", codebook, "--yes"), 0)
  s.code(ana, "Ana", "EXTRA", 0)
  s.expect(s.run("export-coder", ana, "--coder", "Ana", "--output", ana_file), 0)
  result = s.run("merge", lead, ana_file)
  s.expect(result, 1)
  check("Extra code" in result.stderr.decode("utf-8"), "names the code")
  check_equal(s.annotations(lead), [], "annotations after an unknown code")

  # An unknown coder.
  result = s.run("export-coder", lead, "--coder", "Nobody", "--output", s.path("x.plenary-coding"))
  s.expect(result, 1)
  check("Nobody" in result.stderr.decode("utf-8"), "names the coder")
  check(not os.path.exists(s.path("x.plenary-coding")), "a refused export wrote a file")
  s.expect(s.run("export-coder", lead, "--output", s.path("x.plenary-coding")), 2)


def check_entry(entry, keys, what):
  check_equal(sorted(entry.keys()), sorted(keys), what + " members")
  for name in COEFFICIENTS + ["alpha_u"]:
    value = entry[name]
    check(value is None or isinstance(value, (int, float)), "%s %s is a number or null" % (what, name))
    if value is None:
      check(name in entry["reasons"] and entry["reasons"][name], "%s: null %s has a reason" % (what, name))
    else:
      check(name not in entry["reasons"], "%s: a reason for a number" % what)


@test
def agreement_json(s):
  lead, ana_file, ben_file = two_coders(s)
  s.expect(s.run("merge", lead, ana_file, ben_file), 0)

  result = s.json("agreement", lead, "--json")
  check_equal(sorted(result.keys()), ["coders", "codes", "overall", "unit", "units"], "members")
  check_equal(result["unit"], "statement", "unit")
  check_equal(result["coders"], ["Ana", "Ben"], "coders")
  check_equal(result["units"], 4, "units")
  check_entry(result["overall"], COEFFICIENTS + ["alpha_u", "reasons"], "overall")
  by_code = {}
  for entry in result["codes"]:
    check_entry(entry, ["code", "name"] + ["units"] + COEFFICIENTS + ["alpha_u", "reasons"],
                entry["code"])
    by_code[entry["code"]] = entry
  check_equal(sorted(by_code), ["IL.UNC", "NRM.F"], "codes")

  # NRM.F: both mark units 1 and 3.  IL.UNC: Ana unit 2, Ben unit 0 — P_o 2/4, P_e
  # (Cohen) .25 × .25 + .75 × .75 = .625, α by hand 1 − 7 × 4 / 24.
  nrm = by_code["NRM.F"]
  check_equal(nrm["units"], 4, "NRM.F units")
  check_close(nrm["percent"], 1.0, "NRM.F percent")
  check_close(nrm["krippendorff_alpha"], 1.0, "NRM.F α")
  il = by_code["IL.UNC"]
  check_close(il["percent"], 0.5, "IL.UNC percent")
  check_close(il["cohen_kappa"], (0.5 - 0.625) / 0.375, "IL.UNC κ")
  check_close(il["krippendorff_alpha"], 1 - 7 * 4 / 24, "IL.UNC α")
  check_close(result["overall"]["percent"], 6 / 8, "overall percent")
  check(il["alpha_u"] is None, "α_U by statement")

  # One code, by span: α_U for it, and only α_U.
  result = s.json("agreement", lead, "--json", "--unit", "span", "--codes", "NRM.F")
  check_equal(result["unit"], "span", "unit")
  check_equal(len(result["codes"]), 1, "one code")
  entry = result["codes"][0]
  check(entry["alpha_u"] is not None and 0 < entry["alpha_u"] < 1, "α_U of NRM.F")
  check(entry["percent"] is None, "percent by span")
  check_entry(entry, ["code", "name", "units"] + COEFFICIENTS + ["alpha_u", "reasons"], "span")

  # Categories: the children of NRM, one nominal variable.
  result = s.json("agreement", lead, "--json", "--categories", "NRM")
  check_equal(result["unit"], "category", "unit")
  check(all(e["code"].startswith("NRM.") for e in result["codes"]), "categories")
  check_equal(result["units"], 2, "units given a category by both")
  for entry in result["codes"]:
    check_entry(entry, ["code", "name", "units"] + COEFFICIENTS + ["alpha_u", "reasons"],
                entry["code"])

  # Filters: one document, coders by name, codes with descendants.
  result = s.json("agreement", lead, "--json", "--documents", "1", "--coders", "Ben,Ana",
                  "--codes", "NRM", "--with-descendants")
  check_equal(result["coders"], ["Ben", "Ana"], "coders as chosen")
  check_equal([e["code"] for e in result["codes"]], ["NRM"], "the parent code")
  check_close(result["codes"][0]["percent"], 1.0, "NRM with its descendants")


@test
def agreement_table_and_reports(s):
  lead, ana_file, ben_file = two_coders(s)
  s.expect(s.run("merge", lead, ana_file, ben_file), 0)
  table = s.path("agreement.csv")
  page = s.path("agreement.html")
  out = s.expect(s.run("agreement", lead, "--csv", table, "--html", page), 0)
  check("Agreement by statement" in out and "NRM.F" in out and "Ana, Ben" in out, "plain table")
  check("n/a[1]" in out and "\n[1] " in out, "undefined values point to their reason")
  with open(table, newline="", encoding="utf-8") as f:
    records = list(csv.reader(f))
  check_equal(records[0], ["code", "name", "units", "percent", "cohen_kappa", "scott_pi",
                           "fleiss_kappa", "krippendorff_alpha", "alpha_u", "notes"], "CSV header")
  check_equal(len(records), 4, "overall and two codes")
  check("alpha_u: " in records[1][9], "notes")
  with open(page, encoding="utf-8") as f:
    html = f.read()
  check(html.startswith("<!DOCTYPE html>") and "<table>" in html and "NRM.F" in html, "HTML")


@test
def agreement_refusals(s):
  lead = s.new_lead()
  s.expect(s.run("agreement", lead, "--unit", "sentence"), 2)
  s.expect(s.run("agreement", lead, "--unit", "span", "--categories", "NRM"), 2)
  s.expect(s.run("agreement", lead, "--with-descendants"), 2)
  s.expect(s.run("agreement", lead, "--categories", "NRM", "--codes", "IL"), 2)
  result = s.run("agreement", lead, "--coders", "Nobody")
  s.expect(result, 1)
  check("Nobody" in result.stderr.decode("utf-8"), "names the coder")
  s.expect(s.run("agreement", lead, "--codes", "NOPE"), 1)
  s.expect(s.run("agreement", lead, "--documents", "7"), 1)
  # No coder yet: agreement needs two.
  s.expect(s.run("agreement", lead), 1)


@test
def team_folder(s):
  lead = s.new_lead()
  ana = s.copy(lead, "ana.plenary")
  ben = s.copy(lead, "ben.plenary")
  folder = s.path("team")
  if os.path.exists(folder):
    shutil.rmtree(folder)
  os.mkdir(folder)
  s.expect(s.run("team", ana, "--sync", "--coder", "Ana"), 1)
  s.expect(s.run("team", ana, "--folder", folder), 0)
  s.expect(s.run("team", ben, "--folder", folder, "--blind", "on"), 0)
  status = dict(rows(s.expect(s.run("team", ben), 0)))
  check_equal(status, {"folder": os.path.realpath(folder), "blind": "on"}, "status")
  s.expect(s.run("team", ben, "--blind", "maybe"), 2)
  s.expect(s.run("team", ben, "--coder", "Ben"), 2)

  first = s.code(ana, "Ana", "NRM.F", 1)
  s.code(ben, "Ben", "NRM.F", 1)
  report = dict(r for r in rows(s.expect(s.run("team", ana, "--sync", "--coder", "Ana"), 0)))
  check_equal(report["written"], "3", "Ana writes a document, a code, an annotation")
  report = dict(r for r in rows(s.expect(s.run("team", ben, "--sync", "--coder", "Ben"), 0)))
  check_equal(report["added"], "1", "Ben merges Ana's annotation")
  report = dict(r for r in rows(s.expect(s.run("team", ana, "--sync", "--coder", "Ana"), 0)))
  check_equal(report["added"], "1", "Ana merges Ben's annotation")
  check_equal(sorted(a["coder"] for a in s.annotations(ana)), ["Ana", "Ben"], "Ana's project")
  report = dict(r for r in rows(s.expect(s.run("team", ana, "--sync", "--coder", "Ana"), 0)))
  check_equal((report["written"], report["added"]), ("0", "0"), "nothing twice")

  # A change file cut short while it syncs is read up to there, and again next time.
  names = [n for n in os.listdir(folder) if n.endswith(".plenary-changes")]
  check_equal(len(names), 2, "one change file per coder")
  ana_changes = [n for n in names if open(os.path.join(folder, n), encoding="utf-8").read().find('"Ana"') > 0][0]
  s.expect(s.run("code", ana, "--document", "1", "--start", "0", "--end", "4", "--code", "IL.UNC",
                 "--coder", "Ana"), 0)
  s.expect(s.run("team", ana, "--sync", "--coder", "Ana"), 0)
  path = os.path.join(folder, ana_changes)
  with open(path, "rb") as f:
    whole = f.read()
  with open(path, "wb") as f:
    f.write(whole[:-20])
  table = rows(s.expect(s.run("team", ben, "--sync", "--coder", "Ben"), 0))
  check(any(r[0] == "message" and "syncing" in r[1] for r in table), "the cut is reported")
  check_equal(dict(r for r in table if len(r) == 2)["added"], "0", "nothing past the cut")
  with open(path, "wb") as f:
    f.write(whole)
  report = dict(r for r in rows(s.expect(s.run("team", ben, "--sync", "--coder", "Ben"), 0)) if len(r) == 2)
  check_equal(report["added"], "1", "read again once whole")
  check(first in [a["guid"] for a in s.annotations(ben)], "GUIDs travel")


def main():
  if len(sys.argv) != 2:
    print("usage: test_cli_team.py PATH-TO-PLENARY-CLI", file=sys.stderr)
    return 2
  cli = os.path.abspath(sys.argv[1])

  print("1..%d" % len(TESTS))
  failed = 0
  with tempfile.TemporaryDirectory(prefix="plenary-cli-team-") as folder:
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
