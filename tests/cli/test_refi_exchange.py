#!/usr/bin/env python3
# test_refi_exchange.py — REFI-QDA exchange with other tools, read back by a reader of our own (TAP)
#
# The export is read here by an independent REFI-QDA reader (xml.etree, nothing of
# Plenary's): each memo must be where other tools read it, no "[plenary]" text anywhere
# they show, every GUID reference must resolve, every position must match its text, and
# the file must validate against the official schema (xmllint, with ../shared).  The round
# trip must give back the same project; the trip through QualCoder — modelled below on
# its exporter and importer (ccbogel/QualCoder, qualcoder/refi.py) — must keep what that
# tool keeps and add nothing; the import reports of the real samples of ../shared must
# count what each sample holds.
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: python3 tests/cli/test_refi_exchange.py PATH-TO-PLENARY-CLI

import json
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import traceback
import uuid
import xml.etree.ElementTree as ElementTree
import zipfile

NS = "urn:QDA-XML:project:1.0"
Q = "{%s}" % NS
GUID_RE = re.compile(r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")
MARKER = "[plenary]"

FIRST = (
  "Chair\n"
  "I give the floor to Brazil.\n"
  "\n"
  "Brazil\n"
  "We support 😀 the norms 🇧🇷 and 中文 confidence-building measures, as “agreed”.\n"
  "\n"
  "Japan\n"
  "Capacity-building must be demand-driven, said Japan.\n"
  "\n"
  "Kenya\n"
  "Kenya aligns itself with the African Group. The norms matter.\n"
)
SECOND = (
  "Mexico\n"
  "We call for a legally binding instrument.\n"
  "\n"
  "Brazil\n"
  "Brazil agrees with Mexico.\n"
)
MEMO = "A memo with “curly quotes”, <tags> & an emoji 😀\non two lines"


class Failure(Exception):
  pass


def check(condition, message):
  if not condition:
    raise Failure(message)


def check_equal(actual, expected, what):
  if actual != expected:
    raise Failure("%s: expected %r, got %r" % (what, expected, actual))


def local(tag):
  return tag.rsplit("}", 1)[-1]


class Suite:
  def __init__(self, cli, folder):
    self.cli = cli
    self.folder = folder
    self.project = os.path.join(folder, "source.plenary")
    self.diagnostics = []
    self.env = dict(os.environ)
    self.env.pop("PLENARY_CODER", None)
    self.export = None
    self.guids = {}

  def path(self, name):
    return os.path.join(self.folder, name)

  def run(self, *args):
    completed = subprocess.run([self.cli, *args], capture_output=True, env=self.env,
                               cwd=self.folder, timeout=120)
    self.diagnostics = ["command: plenary-cli " + " ".join(args),
                        "exit status: %d" % completed.returncode,
                        "stderr: " + completed.stderr.decode("utf-8", "replace")[:2000]]
    if completed.returncode != 0:
      raise Failure("plenary-cli %s failed" % args[0])
    return completed.stdout.decode("utf-8")

  def json(self, *args):
    return json.loads(self.run(*args, "--json"))

  def import_refi(self, name, source):
    target = self.path(name)
    if os.path.exists(target):
      os.unlink(target)
    self.run("new", target, "--empty")
    return target, self.json("import-refi", target, source)


# The project: two transcripts, codes with cues, memos, notes of every kind, a description.

def build_project(s):
  s.run("new", s.project)
  with open(s.path("first.txt"), "w", encoding="utf-8") as f:
    f.write(FIRST)
  with open(s.path("second.txt"), "w", encoding="utf-8") as f:
    f.write(SECOND)
  s.run("import", s.project, s.path("first.txt"), s.path("second.txt"))

  def code(document, needle, code_id, coder, memo=None, text=FIRST):
    start = text.index(needle)
    args = ["code", s.project, "--document", str(document), "--start", str(start),
            "--end", str(start + len(needle)), "--code", code_id, "--coder", coder]
    if memo is not None:
      args += ["--memo", memo]
    return s.run(*args).strip()

  s.guids["memo"] = code(1, "We support 😀 the norms", "NRM", "Ann Smith", MEMO)
  s.guids["plain"] = code(1, "confidence-building measures", "CBM", "Zoë Coder")
  s.guids["noted"] = code(1, "demand-driven", "CB", "Zoë Coder", "Short memo.")
  code(1, "The norms matter.", "NRM", "Ann Smith")
  code(2, "legally binding instrument", "IL", "Ann Smith", "Second document.", SECOND)

  db = sqlite3.connect(s.project)
  with db:
    doc = db.execute("SELECT guid FROM documents WHERE id = 1").fetchone()[0]
    nrm = db.execute("SELECT guid FROM codes WHERE short_id = 'NRM'").fetchone()[0]
    passage = FIRST.index("I give the floor")
    db.execute("UPDATE documents SET memo = 'The first meeting, as recorded.' WHERE id = 1")
    db.execute("INSERT OR REPLACE INTO project_info (key, value) VALUES ('description', ?)",
               ("A study of what delegations said.\nSecond line.",))
    db.execute("UPDATE project_info SET value = '2' WHERE key = 'codebook_version'")
    db.execute("UPDATE annotations SET stance = 'supports', codebook_version = 2 WHERE guid = ?",
               (s.guids["memo"],))
    # What a coder corrected by hand: the QualCoder trip must restore it from the case.
    db.execute("UPDATE statements SET regional_group = 'African States' WHERE entity = 'Kenya'")
    db.execute("UPDATE statements SET on_behalf_of = 'African Group', needs_review = 1,"
               " speaker_source = 'user' WHERE entity = 'Kenya'")
    # And cleared: a case without a value (Japan's ISO3 and group), or without any (the
    # Chair's).
    db.execute("UPDATE statements SET iso3 = NULL, regional_group = NULL WHERE entity = 'Japan'")
    db.execute("UPDATE statements SET entity_type = NULL WHERE entity = 'Chair'")
    notes = [
      ("0f8a1907-7e42-4739-8610-a676b4d1b601", nrm, "A note about the norms code.", None),
      ("0f8a1907-7e42-4739-8610-a676b4d1b602", None, "A note on the project.", None),
      ("0f8a1907-7e42-4739-8610-a676b4d1b603", s.guids["noted"], "On an annotation.", "Why"),
      ("0f8a1907-7e42-4739-8610-a676b4d1b604", doc, "A note on the whole document.", None),
      ("0f8a1907-7e42-4739-8610-a676b4d1b605", doc, "On the chair's opening.", "Opening"),
    ]
    for guid, target, text, title in notes:
      db.execute("INSERT INTO notes (guid, target_guid, text, coder_id, created, modified)"
                 " VALUES (?, ?, ?, 1, '2026-02-01T00:00:00Z', '2026-02-02T00:00:00Z')",
                 (guid, target, text))
      note_id = db.execute("SELECT last_insert_rowid()").fetchone()[0]
      if guid.endswith("605"):
        db.execute("INSERT INTO note_details VALUES (?, ?, ?, ?)",
                   (note_id, title, passage, passage + len("I give the floor to Brazil.")))
      elif title is not None:
        db.execute("INSERT INTO note_details (note_id, title) VALUES (?, ?)", (note_id, title))
  db.close()

  s.export = s.path("project.qdpx")
  s.run("export", s.project, "--format", "qdpx", "--output", s.export)


def dump(path, with_statement_details=True):
  """Everything a round trip must keep, as comparable rows."""
  db = sqlite3.connect(path)
  statement_columns = ("s.idx, s.start_offset, s.end_offset, s.kind, s.speaker, s.entity,"
                       " s.entity_type, s.iso3, s.regional_group")
  if with_statement_details:
    statement_columns += ", s.on_behalf_of, s.needs_review, s.speaker_source"
  queries = {
    "documents": "SELECT guid, title, text, length, source_uri, created, process, session, meeting,"
                 " date, agenda_item, source_type, language, format, memo FROM documents ORDER BY guid",
    "statements": "SELECT d.guid, %s FROM statements s JOIN documents d ON d.id = s.document_id"
                  " ORDER BY d.guid, s.idx" % statement_columns,
    "codes": "SELECT c.guid, p.guid, c.short_id, c.name, c.color, c.shortcut, c.codable,"
             " c.definition, c.inclusion, c.exclusion, c.example FROM codes c"
             " LEFT JOIN codes p ON p.id = c.parent_id ORDER BY c.guid",
    "coders": "SELECT guid, name, initials FROM coders ORDER BY guid",
    "annotations": "SELECT a.guid, d.guid, k.guid, c.guid, a.start_offset, a.end_offset, a.memo,"
                   " a.created, a.modified, a.stance, a.codebook_version FROM annotations a"
                   " JOIN documents d ON d.id = a.document_id JOIN codes k ON k.id = a.code_id"
                   " JOIN coders c ON c.id = a.coder_id ORDER BY a.guid",
    "notes": "SELECT n.guid, n.target_guid, n.text, c.guid, n.created, n.modified, t.title,"
             " t.start_offset, t.end_offset FROM notes n LEFT JOIN coders c ON c.id = n.coder_id"
             " LEFT JOIN note_details t ON t.note_id = n.id ORDER BY n.guid",
    "project": "SELECT key, value FROM project_info WHERE key IN ('description', 'codebook_version')"
               " ORDER BY key",
  }
  result = {name: db.execute(sql).fetchall() for name, sql in queries.items()}
  db.close()
  return result


# An independent reader of our export

class Export:
  def __init__(self, path):
    with zipfile.ZipFile(path) as archive:
      self.names = archive.namelist()
      self.files = {name: archive.read(name) for name in self.names}
    self.root = ElementTree.fromstring(self.files["project.qde"])
    self.plenary = json.loads(self.files["plenary/project.json"])
    self.by_guid = {}
    for element in self.root.iter():
      guid = element.get("guid")
      if guid is not None:
        check(GUID_RE.match(guid), "not a GUID: %r" % guid)
        check(guid.lower() not in self.by_guid, "GUID %s used twice" % guid)
        self.by_guid[guid.lower()] = element

  def all(self, name):
    return list(self.root.iter(Q + name))

  def text_of(self, source):
    path = source.get("plainTextPath")
    check(path is not None and path.startswith("internal://"), "no internal text")
    data = self.files["sources/" + path[len("internal://"):]]
    text = data.decode("utf-8")
    check(not text.startswith("\ufeff"), "a byte order mark")
    return text

  def description(self, element):
    found = element.find(Q + "Description")
    return found.text if found is not None else None



# QualCoder, as its refi.py imports and exports a project: what it keeps, what it drops,
# what it renames.  Every GUID is new on export; users are known by name ("default" when
# an element names none); a coding's memo is its selection's Description; a selection
# without a code becomes an annotation, exported as a Note holding a PlainTextSelection
# that only the first annotation of each source refers to; a note a source refers to is
# read as an annotation (and dropped without a selection); other notes with a name and a
# plainTextPath become journals; cases keep their name, description and variables but not
# their members; texts are written with a byte order mark.

class QualCoder:
  def __init__(self, path):
    with zipfile.ZipFile(path) as archive:
      files = {name: archive.read(name) for name in archive.namelist()}
    root = ElementTree.fromstring(files["project.qde"])
    self.users = {u.get("guid"): u.get("name") for u in root.iter(Q + "User")}
    self.memo = ""
    self.codes = []          # dicts: name, memo, color, category, children
    self.code_of = {}        # GUID → code dict
    self.variables = {}      # GUID → name
    self.cases = []          # dicts: name, memo, values [(name, value)]
    self.sources = []        # dicts: name, memo, owner, date, text, codings, annotations, values
    self.journals = []       # dicts: name, text, owner, date
    source_notes = {}
    for child in root:
      tag = local(child.tag)
      if tag == "CodeBook":
        for code in child.find(Q + "Codes"):
          self.codes.append(self.read_code(code))
      elif tag == "Variables":
        self.variables = {v.get("guid"): v.get("name") for v in child}
      elif tag == "Description":
        self.memo = child.text or ""
      elif tag == "Cases":
        for case in child:
          if case.get("name") is None:
            continue
          values = [(self.variables.get(v.find(Q + "VariableRef").get("targetGUID"), ""),
                     v.find(Q + "TextValue").text or "") for v in case.iter(Q + "VariableValue")]
          self.cases.append({"name": case.get("name"), "memo": self.description(case) or "",
                             "values": values})
    for source in root.iter(Q + "TextSource"):
      text = files["sources/" + source.get("plainTextPath")[len("internal://"):]].decode("utf-8")
      entry = {"name": source.get("name"), "memo": self.description(source) or "",
               "owner": self.user(source), "date": source.get("creationDateTime"),
               "text": text, "codings": [], "annotations": [], "values": []}
      for selection in source.findall(Q + "PlainTextSelection"):
        start, end = int(selection.get("startPosition")), int(selection.get("endPosition"))
        memo = self.description(selection) or ""
        codings = selection.findall(Q + "Coding")
        for coding in codings:
          target = self.code_of.get(coding.find(Q + "CodeRef").get("targetGUID"))
          entry["codings"].append({"code": target, "start": start, "end": end, "memo": memo,
                                   "owner": self.user(selection),
                                   "date": selection.get("creationDateTime")})
        if not codings:
          entry["annotations"].append({"start": start, "end": end, "memo": memo,
                                       "owner": self.user(selection),
                                       "date": selection.get("creationDateTime")})
      for ref in source.findall(Q + "NoteRef"):
        source_notes[ref.get("targetGUID")] = entry
      for value in source.findall(Q + "VariableValue"):
        entry["values"].append((self.variables.get(value.find(Q + "VariableRef").get("targetGUID")),
                                value.find(Q + "TextValue").text or ""))
      self.sources.append(entry)
    for note in root.iter(Q + "Note"):
      if note.get("guid") in source_notes:
        selection = note.find(Q + "PlainTextSelection")
        content = note.find(Q + "PlainTextContent")
        if selection is not None and content is not None:
          source_notes[note.get("guid")]["annotations"].append({
            "start": int(selection.get("startPosition")), "end": int(selection.get("endPosition")),
            "memo": content.text or "", "owner": self.user(note),
            "date": note.get("creationDateTime")})
      elif note.get("plainTextPath") and note.get("name"):
        path = "sources/" + note.get("plainTextPath")[len("internal://"):]
        self.journals.append({"name": note.get("name"), "text": files[path].decode("utf-8"),
                              "owner": self.user(note), "date": note.get("creationDateTime")})

  @staticmethod
  def description(element):
    found = element.find(Q + "Description")
    return found.text if found is not None else None

  def user(self, element):
    return self.users.get(element.get("creatingUser"), "default")

  def read_code(self, element):
    code = {"name": element.get("name"), "memo": self.description(element) or "",
            "color": element.get("color"), "category": element.get("isCodable") == "false",
            "children": [self.read_code(c) for c in element.findall(Q + "Code")]}
    self.code_of[element.get("guid")] = code
    return code

  def export(self, path):
    def guid():
      return str(uuid.uuid4())

    owners = sorted({c["owner"] for s in self.sources for c in s["codings"]} |
                    {s["owner"] for s in self.sources})
    user_guids = {name: guid() for name in owners}
    root = ElementTree.Element("Project", {"xmlns": NS, "name": "qualcoder.qda",
                                           "origin": "QualCoder 3.6", "creatingUserGUID": guid()})
    users = ElementTree.SubElement(root, "Users")
    for name in owners:
      ElementTree.SubElement(users, "User", {"guid": user_guids[name], "name": name})
    code_guids = {}

    def write_code(parent, code):
      element = ElementTree.SubElement(parent, "Code", {
        "guid": guid(), "name": code["name"],
        "isCodable": "false" if code["category"] else "true"})
      code_guids[id(code)] = element.get("guid")
      if code["memo"]:
        ElementTree.SubElement(element, "Description").text = code["memo"]
      for child in code["children"]:
        write_code(element, child)

    codebook = ElementTree.SubElement(ElementTree.SubElement(root, "CodeBook"), "Codes")
    for code in self.codes:
      write_code(codebook, code)
    names = sorted({n for s in self.sources for n, _ in s["values"] if n} |
                   {n for c in self.cases for n, _ in c["values"] if n})
    variable_guids = {name: guid() for name in names}
    if names:
      variables = ElementTree.SubElement(root, "Variables")
      for name in names:
        element = ElementTree.SubElement(variables, "Variable", {
          "guid": variable_guids[name], "name": name, "typeOfVariable": "Text"})
        ElementTree.SubElement(element, "Description")

    def write_values(parent, values):
      for name, value in values:
        element = ElementTree.SubElement(parent, "VariableValue")
        ElementTree.SubElement(element, "VariableRef", {"targetGUID": variable_guids[name]})
        ElementTree.SubElement(element, "TextValue").text = value

    if self.cases:
      cases = ElementTree.SubElement(root, "Cases")
      for case in self.cases:
        element = ElementTree.SubElement(cases, "Case", {"guid": guid(), "name": case["name"]})
        ElementTree.SubElement(element, "Description").text = case["memo"] or None
        write_values(element, case["values"])
    sources = ElementTree.SubElement(root, "Sources")
    notes = []
    texts = {}
    for source in self.sources:
      text_file = guid() + ".txt"
      texts["sources/" + text_file] = source["text"]
      element = ElementTree.SubElement(sources, "TextSource", {
        "plainTextPath": "internal://" + text_file, "creatingUser": user_guids[source["owner"]],
        "creationDateTime": source["date"], "guid": guid(), "name": source["name"]})
      if source["memo"]:
        ElementTree.SubElement(element, "Description").text = source["memo"]
      for coding in source["codings"]:
        selection = ElementTree.SubElement(element, "PlainTextSelection", {
          "guid": guid(), "startPosition": str(coding["start"]), "endPosition": str(coding["end"]),
          "name": source["text"][coding["start"]:coding["end"]],
          "creatingUser": user_guids[coding["owner"]], "creationDateTime": coding["date"]})
        if coding["memo"]:
          ElementTree.SubElement(selection, "Description").text = coding["memo"]
        coded = ElementTree.SubElement(selection, "Coding", {
          "guid": guid(), "creatingUser": user_guids[coding["owner"]]})
        ElementTree.SubElement(coded, "CodeRef", {"targetGUID": code_guids[id(coding["code"])]})
      for number, annotation in enumerate(source["annotations"]):
        note = dict(annotation, guid=guid())
        if number == 0:
          ElementTree.SubElement(element, "NoteRef", {"targetGUID": note["guid"]})
        notes.append(note)
      write_values(element, source["values"])
    if notes or self.journals:
      element = ElementTree.SubElement(root, "Notes")
      for journal in self.journals:
        note_guid = guid()
        texts["sources/%s.txt" % note_guid] = journal["text"]
        note = ElementTree.SubElement(element, "Note", {
          "guid": note_guid, "creatingUser": user_guids.get(journal["owner"], ""),
          "creationDateTime": journal["date"], "name": journal["name"],
          "plainTextPath": "internal://%s.txt" % note_guid})
        ElementTree.SubElement(note, "Description")
      for annotation in notes:
        note = ElementTree.SubElement(element, "Note", {
          "guid": annotation["guid"], "creatingUser": user_guids.get(annotation["owner"], ""),
          "creationDateTime": annotation["date"]})
        ElementTree.SubElement(note, "PlainTextContent").text = annotation["memo"]
        ElementTree.SubElement(note, "PlainTextSelection", {
          "guid": guid(), "startPosition": str(annotation["start"]),
          "endPosition": str(annotation["end"])})
    ElementTree.SubElement(root, "Description").text = self.memo
    with zipfile.ZipFile(path, "w") as archive:
      archive.writestr("project.qde", ElementTree.tostring(root, encoding="utf-8",
                                                           xml_declaration=True))
      for name, text in texts.items():
        archive.writestr(name, text.encode("utf-8-sig"))


TESTS = []


def test(function):
  TESTS.append(function)
  return function


def schema_path():
  shared = os.environ.get("PLENARY_SHARED_DIR", "")
  path = os.path.join(shared, "refi-qda", "schemas", "Project-mrt2019.xsd")
  return path if shared and os.path.isfile(path) else None


@test
def export_validates_against_the_schema(s):
  build_project(s)
  schema = schema_path()
  xmllint = shutil.which("xmllint")
  if schema is None or xmllint is None:
    return "SKIP no ../shared schema or no xmllint"
  with open(s.path("project.qde"), "wb") as f:
    f.write(Export(s.export).files["project.qde"])
  completed = subprocess.run([xmllint, "--noout", "--schema", schema, s.path("project.qde")],
                             capture_output=True)
  check_equal(completed.returncode, 0, "xmllint: " + completed.stderr.decode("utf-8", "replace"))
  return None


@test
def memos_are_where_other_tools_read_them(s):
  export = Export(s.export)
  db = sqlite3.connect(s.project)
  # An annotation's memo: its selection's Description.
  for guid, memo in db.execute("SELECT guid, memo FROM annotations"):
    selection = export.by_guid[guid]
    check_equal(local(selection.tag), "PlainTextSelection", "the element of annotation " + guid)
    check_equal(export.description(selection), memo, "the memo of annotation " + guid)
  # A code's definition opens its Description; the cues follow, for people.
  for guid, definition, inclusion, short_id in db.execute(
      "SELECT guid, definition, inclusion, short_id FROM codes"):
    text = export.description(export.by_guid[guid])
    if definition:
      check(text.startswith(definition), "the definition of code %s" % short_id)
    if inclusion:
      check("Include: " + inclusion in text, "the inclusion cue of code %s" % short_id)
  # A document's memo: its TextSource's Description; the project's description: the
  # Project's.
  for guid, memo in db.execute("SELECT guid, memo FROM documents"):
    check_equal(export.description(export.by_guid[guid]), memo, "the memo of document " + guid)
  description = db.execute("SELECT value FROM project_info WHERE key = 'description'").fetchone()[0]
  check_equal(export.description(export.root), description, "the project's description")
  # Notes: the one about a passage as a commented selection; the others as Notes referred
  # to from what they are about.
  passage = export.by_guid["0f8a1907-7e42-4739-8610-a676b4d1b605"]
  check_equal(local(passage.tag), "PlainTextSelection", "a note about a passage")
  check_equal(export.description(passage), "On the chair's opening.", "its text")
  check(passage.find(Q + "Coding") is None, "a note about a passage has no coding")
  referrers = {}
  for element in export.root.iter():
    for ref in element.findall(Q + "NoteRef"):
      referrers[ref.get("targetGUID")] = element
  for guid, target in db.execute("SELECT guid, target_guid FROM notes WHERE guid NOT LIKE '%605'"):
    note = export.by_guid[guid]
    check_equal(local(note.tag), "Note", "note " + guid)
    check_equal(export.files["sources/%s.txt" % guid].decode("utf-8"),
                db.execute("SELECT text FROM notes WHERE guid = ?", (guid,)).fetchone()[0],
                "the text of note " + guid)
    expected = export.root if target is None else export.by_guid[target]
    check(referrers.get(guid) is expected, "note %s is referred to from what it is about" % guid)
  db.close()


@test
def no_private_text_anywhere_shown(s):
  export = Export(s.export)
  for element in export.root.iter():
    for name, value in element.attrib.items():
      check(MARKER not in value, "[plenary] in %s/@%s" % (local(element.tag), name))
    check(MARKER not in (element.text or ""), "[plenary] in <%s>" % local(element.tag))
  for name, data in export.files.items():
    if name.startswith("sources/"):
      check(MARKER.encode() not in data, "[plenary] in " + name)
  # Statements are not selections: no selection without a code but notes about passages.
  for selection in export.all("PlainTextSelection"):
    if selection.find(Q + "Coding") is None:
      check(export.description(selection), "an uncoded selection that says nothing")
  # Speakers are cases, with their variables and what they said that was coded.
  cases = {c.get("name"): c for c in export.all("Case")}
  check_equal(sorted(cases), ["Brazil", "Chair", "Japan", "Kenya", "Mexico"], "the speaker cases")
  refs = [r.get("targetGUID") for r in cases["Brazil"].iter(Q + "SelectionRef")]
  check(s.guids["memo"] in refs and s.guids["plain"] in refs, "Brazil's coded selections")


@test
def references_resolve_and_positions_match(s):
  export = Export(s.export)
  kinds = {
    "CodeRef": {"Code"}, "NoteRef": {"Note"}, "VariableRef": {"Variable"},
    "SelectionRef": {"PlainTextSelection"}, "SourceRef": {"TextSource"},
  }
  for element in export.root.iter():
    tag = local(element.tag)
    target = element.get("targetGUID")
    if tag in kinds:
      check(target is not None and target.lower() in export.by_guid, "%s to nothing" % tag)
      check(local(export.by_guid[target.lower()].tag) in kinds[tag], "%s to a %s" %
            (tag, local(export.by_guid[target.lower()].tag)))
    for attribute in ("creatingUser", "modifyingUser"):
      user = element.get(attribute)
      if user is not None:
        check(local(export.by_guid[user.lower()].tag) == "User", "%s is no user" % attribute)
    path = element.get("plainTextPath")
    if path is not None:
      check("sources/" + path[len("internal://"):] in export.files, "no file for " + path)
  for source in export.all("TextSource"):
    text = export.text_of(source)
    for selection in source.findall(Q + "PlainTextSelection"):
      start, end = int(selection.get("startPosition")), int(selection.get("endPosition"))
      check(0 <= start < end <= len(text), "a selection outside its text")
      quoted = text[start:end]
      name = selection.get("name")
      if name.endswith("…"):
        check(quoted.startswith(name[:-1]), "the quote of %s" % selection.get("guid"))
      else:
        check_equal(quoted, name, "the quote of %s" % selection.get("guid"))


@test
def plenary_part_holds_what_project_qde_cannot(s):
  export = Export(s.export)
  part = export.plenary
  check_equal(part["format"], 1, "the format")
  check_equal(part["codebook_version"], 2, "the codebook version")
  statements = s.json("statements", s.project)
  documents = {d["id"]: d["guid"] for d in s.json("documents", s.project)}
  held = {d["guid"]: d["statements"] for d in part["documents"]}
  for statement in statements:
    mine = held[documents[statement["document_id"]]][statement["index"] - 1]
    for key in ("start", "end", "kind", "speaker", "entity", "iso3", "regional_group",
                "on_behalf_of", "speaker_source"):
      check_equal(mine.get(key), statement[key], "statement %s" % key)
    check_equal(mine.get("needs_review", False), statement["needs_review"], "needs_review")
  annotations = {a["guid"]: a for a in part["annotations"]}
  check_equal(annotations[s.guids["memo"]]["stance"], "supports", "the stance")
  codes = {c["guid"]: c for c in part["codes"]}
  nrm = [c for c in s.json("codes", s.project) if c["id"] == "NRM"][0]
  check_equal(codes[nrm["guid"]]["id"], "NRM", "the short id")
  # Everything in it is keyed by a GUID of project.qde (or of the project, for notes
  # about something not exported).
  for entry in part["documents"] + part["codes"] + part["annotations"]:
    check(entry["guid"] in export.by_guid, "an entry of nothing: %s" % entry["guid"])


@test
def round_trip_is_identical(s):
  before = dump(s.project)
  copy, report = s.import_refi("copy.plenary", s.export)
  check_equal(report["not_imported"], [], "nothing left out")
  check_equal(report["warnings"], [], "no warnings")
  after = dump(copy)
  for table in before:
    check_equal(after[table], before[table], table)
  # Again: the same file, exported from the copy (notes about passages were added first).
  s.run("export", copy, "--format", "qdpx", "--output", s.path("again.qdpx"))
  first, second = Export(s.export), Export(s.path("again.qdpx"))
  for part in (first.plenary, second.plenary):
    part["notes"].sort(key=lambda note: note["guid"])
  check_equal(second.plenary, first.plenary, "plenary/project.json after the round trip")


@test
def trip_through_qualcoder_keeps_its_share(s):
  QualCoder(s.export).export(s.path("qualcoder.qdpx"))
  copy, report = s.import_refi("qualcoder.plenary", s.path("qualcoder.qdpx"))
  before, after = dump(s.project, False), dump(copy, False)
  db = sqlite3.connect(copy)

  # Documents, their texts and memos; the project's description.
  check_equal(sorted((r[1], r[2], r[14]) for r in after["documents"]),
              sorted((r[1], r[2], r[14]) for r in before["documents"]), "titles, texts and memos")
  check_equal(dict(after["project"])["description"], dict(before["project"])["description"],
              "the project's description")

  # Statements, found again by the segmenter, with the speakers the cases carried.
  def statements(rows, documents):
    titles = {r[0]: r[1] for r in documents}
    return sorted((titles[r[0]],) + r[1:] for r in rows)
  check_equal(statements(after["statements"], after["documents"]),
              statements(before["statements"], before["documents"]), "statements")

  # Codes by name, with their hierarchy and memos (the cues stay in the memo's text).
  def codes(path):
    connection = sqlite3.connect(path)
    rows = connection.execute(
      "SELECT c.name, p.name, c.codable, c.definition, c.inclusion, c.short_id FROM codes c"
      " LEFT JOIN codes p ON p.id = c.parent_id").fetchall()
    connection.close()
    return rows
  original = {r[0]: r for r in codes(s.project)}
  for name, parent, codable, definition, inclusion, short_id in codes(copy):
    check(name in original, "a new code " + name)
    check_equal(parent, original[name][1], "the parent of " + name)
    if original[name][3]:
      check(definition.startswith(original[name][3]), "the definition of " + name)
    if original[name][5]:
      check(("Id: " + original[name][5]) in definition, "the id of %s, in its memo" % name)
  check_equal(len(codes(copy)), len(original), "codes")

  # Annotations: spans, codes, coders, memos; no coder "default".
  def annotations(path):
    connection = sqlite3.connect(path)
    rows = connection.execute(
      "SELECT d.title, a.start_offset, a.end_offset, k.name, c.name, a.memo FROM annotations a"
      " JOIN documents d ON d.id = a.document_id JOIN codes k ON k.id = a.code_id"
      " JOIN coders c ON c.id = a.coder_id").fetchall()
    connection.close()
    return sorted(rows)
  check_equal(annotations(copy), annotations(s.project), "annotations")
  coders = sorted(r[0] for r in db.execute("SELECT name FROM coders"))
  check_equal(coders, ["Ann Smith", "Zoë Coder"], "coders")
  check(any("“default”" in line for line in report["not_imported"]),
        "the user “default” is reported")

  # Notes: the journals QualCoder kept come back as notes on the project; the note about a
  # passage as a note about that passage; nothing added.
  notes = db.execute("SELECT n.text, n.target_guid, t.start_offset, t.end_offset FROM notes n"
                     " LEFT JOIN note_details t ON t.note_id = n.id").fetchall()
  texts = sorted(n[0] for n in notes)
  check_equal(texts, sorted(["A note about the norms code.", "A note on the project.",
                             "On an annotation.", "On the chair's opening."]), "notes")
  passage = [n for n in notes if n[0] == "On the chair's opening."][0]
  start = FIRST.index("I give the floor")
  check_equal(passage[2:], (start, start + len("I give the floor to Brazil.")), "the passage")
  for row in db.execute("SELECT text FROM notes UNION ALL SELECT memo FROM annotations"
                        " UNION ALL SELECT memo FROM documents"):
    check(row[0] is None or MARKER not in row[0], "[plenary] text came back")

  # The speaker cases were recognised, not reported.
  check(not any("case" in line for line in report["not_imported"]),
        "cases reported: %r" % report["not_imported"])
  db.close()


FOREIGN = """<?xml version="1.0" encoding="utf-8"?>
<Project xmlns="urn:QDA-XML:project:1.0" name="Foreign" origin="SomeTool 2.0"
         creatingUserGUID="aaaaaaaa-0000-4000-8000-000000000001">
  <Users>
    <User guid="aaaaaaaa-0000-4000-8000-000000000001" name="Lea"/>
    <User guid="aaaaaaaa-0000-4000-8000-000000000002" name="default"/>
  </Users>
  <CodeBook><Codes>
    <Code guid="bbbbbbbb-0000-4000-8000-000000000001" name="Support" isCodable="true">
      <Description>Support for norms.</Description>
    </Code>
  </Codes></CodeBook>
  <Variables>
    <Variable guid="cccccccc-0000-4000-8000-000000000001" name="Age" typeOfVariable="Text"/>
  </Variables>
  <Cases>
    <Case guid="dddddddd-0000-4000-8000-000000000001" name="Anna">
      <Description>A participant.</Description>
      <VariableValue><VariableRef targetGUID="cccccccc-0000-4000-8000-000000000001"/><TextValue>20-29</TextValue></VariableValue>
      <SourceRef targetGUID="eeeeeeee-0000-4000-8000-000000000001"/>
    </Case>
  </Cases>
  <Sources>
    <TextSource guid="eeeeeeee-0000-4000-8000-000000000001" name="Interview"
                plainTextPath="internal://eeeeeeee-0000-4000-8000-000000000001.txt"
                richTextPath="internal://eeeeeeee-0000-4000-8000-000000000002.docx">
      <Description>What the interview is.</Description>
      <PlainTextSelection guid="ffffffff-0000-4000-8000-000000000001" name="We support the norms"
                          startPosition="0" endPosition="20"
                          creatingUser="aaaaaaaa-0000-4000-8000-000000000002">
        <Description>Coded by the unnamed coder.</Description>
        <Coding guid="ffffffff-0000-4000-8000-000000000002"><CodeRef targetGUID="bbbbbbbb-0000-4000-8000-000000000001"/></Coding>
        <NoteRef targetGUID="99999999-0000-4000-8000-000000000001"/>
      </PlainTextSelection>
      <PlainTextSelection guid="ffffffff-0000-4000-8000-000000000003" startPosition="22" endPosition="40">
        <Description>A comment on a passage.</Description>
      </PlainTextSelection>
      <PlainTextSelection guid="ffffffff-0000-4000-8000-000000000004" startPosition="42" endPosition="50">
        <NoteRef targetGUID="99999999-0000-4000-8000-000000000002"/>
      </PlainTextSelection>
      <PlainTextSelection guid="ffffffff-0000-4000-8000-000000000005" startPosition="52" endPosition="60"/>
      <NoteRef targetGUID="99999999-0000-4000-8000-000000000003"/>
      <NoteRef targetGUID="99999999-0000-4000-8000-000000000004"/>
    </TextSource>
  </Sources>
  <Notes>
    <Note guid="99999999-0000-4000-8000-000000000001"><PlainTextContent>A memo note on a coding.</PlainTextContent></Note>
    <Note guid="99999999-0000-4000-8000-000000000002" name="On a quotation"><PlainTextContent>About a free quotation.</PlainTextContent></Note>
    <Note guid="99999999-0000-4000-8000-000000000003" creatingUser="aaaaaaaa-0000-4000-8000-000000000001">
      <PlainTextContent>QualCoder's annotation.</PlainTextContent>
      <PlainTextSelection guid="99999999-0000-4000-8000-000000000013" startPosition="4" endPosition="11"/>
    </Note>
    <Note guid="99999999-0000-4000-8000-000000000004" name="About the interview">
      <PlainTextContent>A note on the document.</PlainTextContent>
    </Note>
    <Note guid="99999999-0000-4000-8000-000000000005">
      <PlainTextContent>An annotation whose source is not named.</PlainTextContent>
      <PlainTextSelection guid="99999999-0000-4000-8000-000000000015" startPosition="4" endPosition="11"/>
    </Note>
    <Note guid="99999999-0000-4000-8000-000000000006" name="Research plan">
      <Description>A log.</Description>
      <PlainTextContent>The plan.</PlainTextContent>
      <Coding guid="99999999-0000-4000-8000-000000000016"><CodeRef targetGUID="bbbbbbbb-0000-4000-8000-000000000001"/></Coding>
    </Note>
    <Note guid="99999999-0000-4000-8000-000000000007"><Description></Description></Note>
  </Notes>
  <Links>
    <Link guid="12121212-0000-4000-8000-000000000001" originGUID="99999999-0000-4000-8000-000000000001" targetGUID="ffffffff-0000-4000-8000-000000000001"/>
  </Links>
  <Sets>
    <Set guid="13131313-0000-4000-8000-000000000001" name="Group"><MemberSource targetGUID="eeeeeeee-0000-4000-8000-000000000001"/></Set>
  </Sets>
  <Description>The project's own description.</Description>
</Project>
"""
FOREIGN_TEXT = "We support the norms, a passage worth a note, quoted text, and the end.\n"


@test
def foreign_notes_keep_their_places(s):
  path = s.path("foreign.qdpx")
  with zipfile.ZipFile(path, "w") as archive:
    archive.writestr("project.qde", FOREIGN)
    archive.writestr("sources/eeeeeeee-0000-4000-8000-000000000001.txt", FOREIGN_TEXT)
  target, report = s.import_refi("foreign.plenary", path)
  db = sqlite3.connect(target)
  doc = "eeeeeeee-0000-4000-8000-000000000001"

  check_equal(db.execute("SELECT memo FROM documents").fetchone()[0], "What the interview is.",
              "the source's Description is the document's memo")
  check_equal(db.execute("SELECT value FROM project_info WHERE key = 'description'").fetchone()[0],
              "The project's own description.", "the project's description")
  memo, coder = db.execute("SELECT a.memo, c.name FROM annotations a"
                           " JOIN coders c ON c.id = a.coder_id").fetchone()
  check_equal(memo, "Coded by the unnamed coder.\n\nA memo note on a coding.", "the coding's memo")
  check_equal(coder, "Lea", "“default” is the project's creator")
  check_equal([r[0] for r in db.execute("SELECT name FROM coders")], ["Lea"], "coders")

  notes = {r[0]: r[1:] for r in db.execute(
    "SELECT n.guid, n.target_guid, n.text, t.title, t.start_offset, t.end_offset FROM notes n"
    " LEFT JOIN note_details t ON t.note_id = n.id")}
  check_equal(notes["ffffffff-0000-4000-8000-000000000003"],
              (doc, "A comment on a passage.", None, 22, 40), "a commented free quotation")
  check_equal(notes["99999999-0000-4000-8000-000000000002"],
              (doc, "About a free quotation.", "On a quotation", 42, 50), "a note on a quotation")
  check_equal(notes["99999999-0000-4000-8000-000000000003"],
              (doc, "QualCoder's annotation.", None, 4, 11), "QualCoder's annotation")
  check_equal(notes["99999999-0000-4000-8000-000000000004"],
              (doc, "A note on the document.", "About the interview", None, None),
              "a note on the document, not folded into its memo")
  check_equal(notes["99999999-0000-4000-8000-000000000005"],
              (None, "An annotation whose source is not named.", None, None, None),
              "a passage of no named source")
  check_equal(notes["99999999-0000-4000-8000-000000000006"],
              (None, "The plan.\n\nA log.", "Research plan", None, None), "a titled memo")
  check_equal(len(notes), 6, "notes")

  expected = {
    "case": 1, "free quotation": 1, "rich-text": 1, "set": 1, "link": 1,
    "without text": 1, "coding of a note": 1, "passage of 1 note": 1,
  }
  lines = report["not_imported"]
  for key, count in expected.items():
    found = [line for line in lines if key in line]
    check(len(found) == 1, "the report line on %s: %r" % (key, lines))
    check(re.search(r"\b%d\b" % count, found[0]), "the count of %s: %r" % (key, found[0]))
  check_equal(len(lines), len(expected), "report lines: %r" % lines)
  check(any("“default”" in line for line in report["warnings"]), "the mapping is said")
  db.close()


# The samples of ../shared: every element left out is reported, with its count.

def sample_inventory(root, has_texts):
  """What a sample holds that Plenary cannot keep, counted here independently."""
  count = {}

  def add(key, n):
    if n:
      count[key] = count.get(key, 0) + n

  for tag, key in (("PictureSource", "picture source"), ("AudioSource", "audio source"),
                   ("VideoSource", "video source"), ("Set", "set"), ("Link", "link"),
                   ("Graph", "graph")):
    add(key, len(list(root.iter(Q + tag))))
  for tag in ("PictureSource", "PDFSource", "AudioSource", "VideoSource"):
    for source in root.iter(Q + tag):
      add("selections in pictures", sum(1 for c in source if local(c.tag).endswith("Selection")))
  add("PDF source without", sum(1 for p in root.iter(Q + "PDFSource")
                                if p.find(Q + "Representation") is None))
  texts = list(root.iter(Q + "TextSource"))
  for pdf in root.iter(Q + "PDFSource"):
    texts += pdf.findall(Q + "Representation")
  add("rich-text", sum(1 for t in texts if t.get("richTextPath")))
  if not has_texts:
    add("whose text is not in the file", len(texts))
    add("codings of text sources without",
        sum(len(sel.findall(Q + "Coding")) for t in texts for sel in t.findall(Q + "PlainTextSelection")))
  add("case", len(list(root.iter(Q + "Case"))))
  add("coding of a note", sum(len(n.findall(Q + "Coding")) for n in root.iter(Q + "Note")))
  return count


@test
def samples_reports_count_what_they_hold(s):
  shared = os.environ.get("PLENARY_SHARED_DIR", "")
  folder = os.path.join(shared, "refi-qda", "samples")
  if not shared or not os.path.isdir(folder):
    return "SKIP no ../shared/refi-qda/samples"
  checked = 0
  for sample in sorted(os.listdir(folder)):
    for name in sorted(os.listdir(os.path.join(folder, sample))):
      path = os.path.join(folder, sample, name)
      if name.endswith(".qdpx"):
        with zipfile.ZipFile(path) as archive:
          qde = [n for n in archive.namelist() if n.lower().endswith(".qde")][0]
          root = ElementTree.fromstring(archive.read(qde))
        has_texts = True
      else:
        root = ElementTree.parse(path).getroot()
        has_texts = False
      if local(root.tag) != "Project":
        continue
      expected = sample_inventory(root, has_texts)
      _, report = s.import_refi("sample-%d.plenary" % checked, path)
      lines = report["not_imported"]
      for key, n in expected.items():
        found = [line for line in lines if key in line]
        check(len(found) == 1, "%s: no line about %s in %r" % (name, key, lines))
        numbers = [int(x) for x in re.findall(r"\d+", found[0].split("“")[0])]
        check(n in numbers, "%s: %s: expected %d in %r" % (name, key, n, found[0]))
      # Nothing else is left out; empty sources are the sample's own (NVivo for Mac).
      others = [line for line in lines
                if not any(key in line for key in expected) and "without any text" not in line]
      check_equal(others, [], "%s: other lines" % name)
      notes = len(list(root.iter(Q + "Note")))
      check_equal(report["notes"], notes, "%s: notes" % name)
      checked += 1
  check(checked >= 6, "samples checked: %d" % checked)
  return None


def main():
  if len(sys.argv) != 2:
    print("usage: test_refi_exchange.py PATH-TO-PLENARY-CLI", file=sys.stderr)
    return 2
  cli = os.path.abspath(sys.argv[1])

  print("1..%d" % len(TESTS))
  failed = 0
  with tempfile.TemporaryDirectory(prefix="plenary-refi-exchange-") as folder:
    suite = Suite(cli, folder)
    for number, function in enumerate(TESTS, start=1):
      name = function.__name__.replace("_", "-")
      suite.diagnostics = []
      try:
        skip = function(suite)
        print("ok %d - %s%s" % (number, name, " # " + skip if skip else ""))
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
