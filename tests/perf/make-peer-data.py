#!/usr/bin/env python3
# make-peer-data.py — the seeded peer data: transcripts coded as in the comparison with other tools
#
# Writes two Plenary projects through plenary-cli, as a script would make them:
#   peer-1mb.plenary   a 1 MB transcript with 10,000 codings
#   peer-10mb.plenary  a 10 MB transcript with 100,000 codings
# each over 50 codes of the starter codebook, by one coder.  The transcripts are UN-style
# (a speaker line, then what the delegation said); the codings are spans of 20 to 150
# characters inside statements, at random but always the same (the seed is fixed).
# Prints what each step took: the import (segmentation included) and "code --from".
# With --write-transcript, only writes one transcript, without plenary-cli (the same bytes
# the project is made of: bench-import-large imports it).
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: make-peer-data.py PATH-TO-PLENARY-CLI OUTPUT-FOLDER [--only 1mb|10mb]
#        make-peer-data.py --write-transcript 1mb|10mb FILE

import argparse
import json
import os
import random
import subprocess
import sys
import time

SIZES = {
  "1mb": (1_000_000, 10_000),
  "10mb": (10_000_000, 100_000),
}
N_CODES = 50

SPEAKERS = [
  "Kenya", "Brazil", "Japan", "Mexico", "Egypt", "Australia", "Canada", "India", "Estonia",
  "Cuba", "Fiji", "Ghana", "Singapore", "Switzerland", "Chile", "Indonesia", "Nigeria",
  "Pakistan", "Norway", "Portugal", "China", "France", "Germany", "South Africa", "Argentina",
]

SENTENCES = [
  "Capacity building should be demand-driven, sustainable and respectful of national ownership.",
  "The points of contact directory must be kept current and tested at regular intervals.",
  "Ransomware attacks on hospitals and energy grids are a threat to international security.",
  "International law, and the Charter of the United Nations in its entirety, applies in cyberspace.",
  "The eleven voluntary norms remain the foundation of responsible state behaviour.",
  "Confidence-building measures reduce the risk of misperception and escalation between states.",
  "Regional organisations offer useful lessons for the global level.",
  "Developing countries need support in setting up national teams and training their personnel.",
  "My delegation welcomes the progress report and supports its adoption by consensus.",
  "We call on all states to refrain from activities that damage critical infrastructure.",
  "A regular institutional dialogue under the auspices of the United Nations is essential.",
  "Supply chain vulnerabilities should be reported and remedied in a timely manner.",
]


def transcript(size, rng):
  parts = []
  length = 0
  turn = 0
  while length < size:
    if turn % 6 == 0:
      speaker = "Chair"
      text = "I give the floor to the representative of %s." % rng.choice(SPEAKERS)
    else:
      speaker = rng.choice(SPEAKERS)
      text = " ".join(rng.choice(SENTENCES) for _ in range(rng.randint(2, 5)))
    part = "%s\n%s\n\n" % (speaker, text)
    parts.append(part)
    length += len(part)
    turn += 1
  return "".join(parts)


def seeded(size):
  return random.Random(20261122 + size)


def write_transcript(path, size, rng):
  with open(path, "w", encoding="utf-8") as f:
    f.write(transcript(size, rng))


def run(cli, *args, stdout=subprocess.PIPE):
  completed = subprocess.run([cli, *args], stdout=stdout, stderr=subprocess.PIPE)
  if completed.returncode != 0:
    sys.exit("plenary-cli %s failed: %s" % (" ".join(args), completed.stderr.decode()))
  return completed.stdout.decode("utf-8") if stdout == subprocess.PIPE else ""


def make(cli, folder, name, size, n_codings):
  rng = seeded(size)
  project = os.path.join(folder, "peer-%s.plenary" % name)
  text_path = os.path.join(folder, "peer-%s.txt" % name)
  rows_path = os.path.join(folder, "peer-%s.tsv" % name)
  for path in (project, project + "-wal", project + "-shm"):
    if os.path.exists(path):
      os.unlink(path)

  write_transcript(text_path, size, rng)

  run(cli, "new", project)
  started = time.monotonic()
  document = int(run(cli, "import", project, text_path).split("\t")[0])
  imported = time.monotonic() - started

  codes = [code for code in json.loads(run(cli, "codes", project, "--json")) if code["codable"]][:N_CODES]
  statements = [s for s in json.loads(run(cli, "statements", project, "--document", str(document), "--json"))
                if s["kind"] == "statement" and s["end"] - s["start"] > 30]
  with open(rows_path, "w", encoding="utf-8") as f:
    f.write("document\tstart\tend\tcode\n")
    # A span, code and coder is coded once (the store refuses it twice).
    seen = set()
    while len(seen) < n_codings:
      statement = rng.choice(statements)
      span = rng.randint(20, min(150, statement["end"] - statement["start"]))
      start = rng.randint(statement["start"], statement["end"] - span)
      code = rng.choice(codes)["guid"]
      if (start, span, code) in seen:
        continue
      seen.add((start, span, code))
      f.write("%d\t%d\t%d\t%s\n" % (document, start, start + span, code))

  started = time.monotonic()
  run(cli, "code", project, "--from", rows_path, "--coder", "Peer", stdout=subprocess.DEVNULL)
  coded = time.monotonic() - started
  print("%s: %d characters, %d statements, %d codings over %d codes; import %.2f s, code --from %.2f s"
        % (project, size, len(statements), n_codings, len(codes), imported, coded))


def main():
  parser = argparse.ArgumentParser(description="Write the seeded peer data as Plenary projects.")
  parser.add_argument("cli", nargs="?", help="the plenary-cli to use")
  parser.add_argument("folder", nargs="?", help="where to write peer-1mb.plenary and peer-10mb.plenary")
  parser.add_argument("--only", choices=sorted(SIZES), help="write only one of them")
  parser.add_argument("--write-transcript", nargs=2, metavar=("SIZE", "FILE"),
                      help="only write the transcript of SIZE (1mb or 10mb) to FILE")
  args = parser.parse_args()

  if args.write_transcript is not None:
    name, path = args.write_transcript
    if name not in SIZES or args.cli is not None:
      parser.error("--write-transcript takes 1mb or 10mb and a file, and nothing else")
    size = SIZES[name][0]
    write_transcript(path, size, seeded(size))
    return 0
  if args.folder is None:
    parser.error("the plenary-cli to use and the output folder are needed")

  os.makedirs(args.folder, exist_ok=True)
  for name, (size, n_codings) in SIZES.items():
    if args.only is None or args.only == name:
      make(args.cli, args.folder, name, size, n_codings)
  return 0


if __name__ == "__main__":
  sys.exit(main())
