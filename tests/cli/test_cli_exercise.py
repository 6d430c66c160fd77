#!/usr/bin/env python3
# test_cli_exercise.py — "plenary-cli exercise": create, start, hand-in, collect, scores (TAP)
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: python3 tests/cli/test_cli_exercise.py PATH-TO-PLENARY-CLI
#
# A teacher codes a transcript of four statements as the reference and makes a pack; two
# students start from it, code their own work with "plenary-cli code" and hand in; the
# teacher collects the hand-ins and scores them.

import csv
import io
import json
import os
import subprocess
import sys
import tempfile
import traceback
import zipfile

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
PACK = "Week 3.plenary-exercise"


class Failure(Exception):
  pass


def check(condition, message):
  if not condition:
    raise Failure(message)


def check_equal(actual, expected, what):
  if actual != expected:
    raise Failure("%s: expected %r, got %r" % (what, expected, actual))


def rows(text):
  return [line.split("\t") for line in text.splitlines()]


class Suite:
  def __init__(self, cli, folder):
    self.cli = cli
    self.folder = folder
    self.diagnostics = []
    self.env = dict(os.environ)
    self.env.pop("PLENARY_CODER", None)
    self.units = []

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

  def remove(self, *names):
    for name in names:
      for leftover in (name, name + "-wal", name + "-shm"):
        if os.path.exists(self.path(leftover)):
          os.unlink(self.path(leftover))

  def teacher(self, name="teacher.plenary"):
    """A project with the transcript, coded by Reference: CBM, CB, THR in statements 2–4."""
    self.remove(name)
    project = self.path(name)
    self.expect(self.run("new", project), 0)
    with open(self.path("transcript.txt"), "w", encoding="utf-8") as f:
      f.write(TRANSCRIPT)
    self.expect(self.run("import", project, self.path("transcript.txt")), 0)
    self.units = [(s["start"], s["end"]) for s in self.json("statements", project, "--json")]
    check_equal(len(self.units), 4, "statements")
    for unit, code, memo in ((1, "CBM", "CBMs are named."), (2, "CB", None), (3, "THR", None)):
      self.code(project, "Reference", code, unit, memo)
    return project

  def code(self, project, coder, code, unit, memo=None):
    start, end = self.units[unit]
    args = ["code", project, "--document", "1", "--start", str(start), "--end", str(end),
            "--code", code, "--coder", coder]
    if memo is not None:
      args += ["--memo", memo]
    self.expect(self.run(*args), 0)

  def create(self, project, pack=PACK, *extra):
    if os.path.exists(self.path(pack)):
      os.unlink(self.path(pack))
    return dict(r for r in rows(self.expect(self.run("exercise", "create", project,
                                                     "--documents", "1", "--output", pack,
                                                     *extra), 0)))

  def student(self, name, codes, pack=PACK, work=None):
    """Starts @name's work from @pack, codes {unit: code}, hands in into the folder."""
    work = work or name.lower() + ".plenary"
    self.remove(work)
    report = dict(r for r in rows(self.expect(self.run("exercise", "start", pack, "--student",
                                                       name, "--output", work), 0)))
    check_equal(report["student"], name, "student")
    for unit, code in codes.items():
      self.code(work, name, code, unit)
    out = rows(self.expect(self.run("exercise", "hand-in", work, "--output", "."), 0))
    return os.path.basename(out[0][1])


def test_help(s):
  out = s.expect(s.run("--help"), 0)
  check("plenary-cli exercise" in out, "exercise in the help")
  out = s.expect(s.run("help", "exercise"), 0)
  for sub in ("create", "start", "hand-in", "collect", "scores"):
    check("exercise " + sub in out, sub + " in the exercise help")
  s.expect(s.run("exercise", "grade", "x"), 2)
  s.expect(s.run("exercise"), 2)
  s.expect(s.run("exercise", "create", s.path("none.plenary"), "--output", "x"), 2)


def test_create_pack(s):
  teacher = s.teacher()
  with open(s.path("instructions.md"), "w", encoding="utf-8") as f:
    f.write("# Week 3\nCode **every** statement.\n")
  report = s.create(teacher, PACK, "--instructions", "instructions.md", "--statements", "2-4")
  check_equal(report["title"], "Week 3", "title from the file name")
  check_equal(report["statements"], "3", "statements to code")
  check_equal(report["reference"], "Reference", "reference coder")
  with zipfile.ZipFile(s.path(PACK)) as pack:
    names = pack.namelist()
    check_equal(names[0], "mimetype", "mimetype first")
    check_equal(pack.read("mimetype"), b"application/x-plenary-exercise", "mimetype")
    for name in names:
      data = pack.read(name).decode("utf-8")
      check("CBMs are named." not in data and "Reference" not in data,
            "the reference is not in " + name)
    exercise = json.loads(pack.read("exercise.json"))
    check_equal(exercise["instructions"].strip(), "# Week 3\nCode **every** statement.", "instructions")
    check_equal(exercise["documents"][0]["units"], [2, 3, 4], "units")

  s.expect(s.run("exercise", "create", teacher, "--documents", "9", "--output", "x.plenary-exercise"), 1)
  s.expect(s.run("exercise", "create", teacher, "--documents", "1", "--statements", "5-3",
                 "--output", "x.plenary-exercise"), 2)
  s.expect(s.run("exercise", "create", teacher, "--documents", "1", "--statements", "9-12",
                 "--output", "x.plenary-exercise"), 1)
  check(not os.path.exists(s.path("x.plenary-exercise")), "no pack written on failure")


def test_student_work(s):
  teacher = s.teacher()
  s.create(teacher)
  s.remove("ana.plenary")
  s.expect(s.run("exercise", "start", PACK, "--student", "Ana", "--output", "ana.plenary"), 0)
  s.expect(s.run("exercise", "start", PACK, "--student", "Ana", "--output", "ana.plenary"), 1)
  codes = s.expect(s.run("codes", "ana.plenary"), 0)
  check("CBM" in codes, "the codebook is in the work")
  s.expect(s.run("exercise", "hand-in", teacher, "--output", "."), 1)
  s.expect(s.run("exercise", "start", "transcript.txt", "--student", "Ben", "--output", "b.plenary"), 1)
  check(not os.path.exists(s.path("b.plenary")), "no work from a file that is no pack")
  s.code("ana.plenary", "Ana", "CBM", 1)
  out = rows(s.expect(s.run("exercise", "hand-in", "ana.plenary", "--output", "."), 0))
  check_equal(os.path.basename(out[0][1]), "Ana — Week 3.plenary-handin", "hand-in name")
  with zipfile.ZipFile(s.path("Ana — Week 3.plenary-handin")) as handin:
    check_equal(handin.read("mimetype"), b"application/x-plenary-handin", "mimetype")
    header = json.loads(handin.read("handin.json"))
    check_equal(header["student"], "Ana", "student")
    check_equal(header["annotations"], 1, "annotations")


def test_collect_and_scores(s):
  teacher = s.teacher()
  s.create(teacher)
  ana = s.student("Ana", {1: "CBM", 2: "CB"})
  ben = s.student("Ben", {1: "NRM", 3: "THR"})
  report = s.json("exercise", "collect", teacher, ana, ben, "--json")
  check_equal(report["collected"], 2, "collected")
  check_equal(report["refused"], 0, "refused")
  check_equal([f["outcome"] for f in report["files"]], ["added", "added"], "outcomes")
  check_equal(report["files"][0]["added"], 2, "Ana's annotations")

  scores = s.json("exercise", "scores", teacher, "--json")
  check_equal(sorted(scores), ["codes", "reference", "students"], "members")
  check_equal(scores["reference"], "Reference", "reference")
  check_equal([st["student"] for st in scores["students"]], ["Ana", "Ben"], "students")
  ana_score = scores["students"][0]
  check_equal(sorted(ana_score), ["alpha_u", "codes", "cohen_kappa", "statements_coded", "student"],
              "student members")
  check_equal(ana_score["statements_coded"], 2, "statements coded")
  check(0 < ana_score["cohen_kappa"] < 1, "κ between 0 and 1")
  codes = {c["code"]: c for c in ana_score["codes"]}
  check_equal(codes["CBM"]["precision"], 1.0, "CBM precision")
  check_equal(codes["THR"]["recall"], 0.0, "THR recall")
  check_equal(codes["THR"]["precision"], None, "THR precision undefined")
  check_equal(codes["THR"]["f1"], 0.0, "THR F1")
  class_codes = {c["code"]: c for c in scores["codes"]}
  check_equal(sorted(class_codes["CB"]), ["code", "fleiss_kappa", "krippendorff_alpha"],
              "code members")
  check_equal(class_codes["IL"]["fleiss_kappa"], None, "a code nobody used")

  anonymous = s.json("exercise", "scores", teacher, "--json", "--anonymous")
  check_equal([st["student"] for st in anonymous["students"]], ["Student 1", "Student 2"],
              "anonymised")
  table = list(csv.reader(io.StringIO(s.expect(s.run("exercise", "scores", teacher, "--csv"), 0))))
  check_equal(table[0][0], "student", "CSV header")
  check_equal([r[0] for r in table[1:]], ["Ana", "Ben"], "CSV rows")
  text = rows(s.expect(s.run("exercise", "scores", teacher), 0))
  check_equal(text[0][:3], ["student", "Ana", "2"], "text row")
  s.expect(s.run("exercise", "scores", teacher, "--json", "--csv"), 2)
  s.expect(s.run("exercise", "scores", teacher, "--reference", "Nobody"), 1)
  s.expect(s.run("exercise", "scores", teacher, "--exercise", "Week 9"), 1)


def test_collect_refusals(s):
  teacher = s.teacher()
  s.create(teacher)
  ana = s.student("Ana", {1: "CBM"})
  s.expect(s.run("exercise", "collect", teacher, ana), 0)

  # A pack of another teacher's project of the same text.
  other = s.teacher("other.plenary")
  s.create(other, "other.plenary-exercise")
  cleo = s.student("Cleo", {1: "CBM"}, pack="other.plenary-exercise")
  # A damaged file.
  with open(s.path(ana), "rb") as f:
    data = f.read()
  with open(s.path("damaged.plenary-handin"), "wb") as f:
    f.write(data[: len(data) // 2])
  # Texts altered: the hand-in's checksum is not the exercise's.
  dan = s.student("Dan", {2: "CB"})
  with zipfile.ZipFile(s.path(dan)) as handin:
    entries = [(name, handin.read(name)) for name in handin.namelist()]
  with zipfile.ZipFile(s.path(dan), "w") as handin:
    for name, content in entries:
      if name == "handin.json":
        header = json.loads(content)
        header["checksum"] = "0" * 64
        content = json.dumps(header).encode()
      handin.writestr(name, content)
  # Another Ana.
  os.makedirs(s.path("second"), exist_ok=True)
  s.remove("second/ana.plenary")
  s.expect(s.run("exercise", "start", PACK, "--student", "Ana", "--output", "second/ana.plenary"), 0)
  s.code("second/ana.plenary", "Ana", "THR", 3)
  s.expect(s.run("exercise", "hand-in", "second/ana.plenary", "--output", "second"), 0)
  eve = s.student("Eve", {1: "CBM"})

  before = s.json("annotations", teacher, "--json")
  completed = s.run("exercise", "collect", teacher, cleo, "damaged.plenary-handin", dan,
                    "second/" + ana, eve, "--json")
  report = json.loads(s.expect(completed, 1))
  stderr = completed.stderr.decode("utf-8")
  outcomes = [(f["file"], f["outcome"]) for f in report["files"]]
  check_equal(outcomes, [(cleo, "refused"), ("damaged.plenary-handin", "refused"),
                         (dan, "refused"), (ana, "refused"), (eve, "added")], "outcomes")
  for name, why in ((cleo, "another exercise"), ("damaged.plenary-handin", "damaged"),
                    (dan, "texts"), (ana, "another student named Ana")):
    file = next(f for f in report["files"] if f["file"] == name and f["outcome"] == "refused")
    check(name in file["reason"] and why in file["reason"], "reason for %s: %s" % (name, file["reason"]))
    check(name in stderr, name + " named on stderr")
  after = s.json("annotations", teacher, "--json")
  check_equal(len(after), len(before) + 1, "only Eve's annotation is added")
  check_equal(sorted({a["coder"] for a in after}), ["Ana", "Eve", "Reference"], "coders")

  # Handing in again replaces; the same file again changes nothing.
  s.code("eve.plenary", "Eve", "CB", 2)
  s.expect(s.run("exercise", "hand-in", "eve.plenary", "--output", "."), 0)
  report = s.json("exercise", "collect", teacher, eve, "--json")
  check_equal(report["files"][0]["outcome"], "replaced", "a second hand-in replaces the first")
  report = s.json("exercise", "collect", teacher, eve, "--json")
  check_equal(report["files"][0]["outcome"], "unchanged", "the same file again")


TESTS = [test_help, test_create_pack, test_student_work, test_collect_and_scores,
         test_collect_refusals]


def main():
  if len(sys.argv) != 2:
    print("usage: test_cli_exercise.py PATH-TO-PLENARY-CLI", file=sys.stderr)
    return 2
  cli = os.path.abspath(sys.argv[1])

  print("1..%d" % len(TESTS))
  failed = 0
  with tempfile.TemporaryDirectory(prefix="plenary-cli-exercise-") as folder:
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
