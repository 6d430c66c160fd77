#!/usr/bin/env python3
"""Writes the seed corpora of the fuzz targets (tests/fuzz/seeds/TARGET/): small files in the
real shapes, written for Plenary (no third-party text).

Usage: build-aux/make-fuzz-seeds.py [OUTPUT_DIR]   (default: tests/fuzz/seeds)
"""
import io
import json
import os
import sys
import zipfile

TRANSCRIPT = """Open-ended working group on ICT security, second session, third meeting

CHAIR:
Good morning. I give the floor to the delegation of Kenya.

Kenya
Thank you, Chair. Kenya supports a demand-driven approach to capacity-building and the
protection of critical infrastructure.

Mr. Ortega (Mexico):
Mexico aligns itself with the statement delivered on behalf of the Community of Latin
American and Caribbean States.

The representative of Japan highlighted that international law applies in cyberspace.
He went on to call for confidence-building measures.
"""

REPORT = """The representative of Estonia stressed the role of the UN Charter.
Indonesia's representative, speaking for the Non-Aligned Movement, said that "ransomware
threatens hospitals", adding that the norms were voluntary.
"We need a points-of-contact directory," said Australia's representative.
"""


def write(path, data):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        f.write(data)


def zip_bytes(entries, stored_first=None):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        # A fixed date, so that the seeds are the same bytes each time they are made.
        if stored_first:
            z.writestr(zipfile.ZipInfo(stored_first[0], (2021, 3, 12, 10, 0, 0)), stored_first[1], zipfile.ZIP_STORED)
        for name, data in entries:
            info = zipfile.ZipInfo(name, (2021, 3, 12, 10, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, data)
    return buf.getvalue()


W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def docx(paragraphs, footnote=None):
    body = "".join(
        f'<w:p><w:pPr><w:pStyle w:val="{style}"/></w:pPr><w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p>'
        for style, text in paragraphs)
    if footnote:
        body += '<w:p><w:r><w:t>See note</w:t></w:r><w:r><w:footnoteReference w:id="1"/></w:r></w:p>'
    entries = [
        ("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
         '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'),
        ("word/document.xml", f'<?xml version="1.0" encoding="UTF-8"?><w:document {W}><w:body>{body}</w:body></w:document>'),
        ("docProps/core.xml", '<?xml version="1.0"?><cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
         'xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>Statement on norms</dc:title><dc:language>en-GB</dc:language></cp:coreProperties>'),
    ]
    if footnote:
        entries.append(("word/footnotes.xml", f'<?xml version="1.0"?><w:footnotes {W}><w:footnote w:id="1"><w:p><w:r><w:t>{footnote}</w:t></w:r></w:p></w:footnote></w:footnotes>'))
    return zip_bytes(entries)


def odt(paragraphs):
    ns = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
          'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"')
    body = "".join(f"<text:{tag}>{text}</text:{tag}>" for tag, text in paragraphs)
    content = f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {ns}><office:body><office:text>{body}</office:text></office:body></office:document-content>'
    return zip_bytes([("content.xml", content),
                      ("meta.xml", '<?xml version="1.0"?><office:document-meta xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
                       'xmlns:dc="http://purl.org/dc/elements/1.1/"><office:meta><dc:title>Chair summary</dc:title></office:meta></office:document-meta>')],
                     stored_first=("mimetype", "application/vnd.oasis.opendocument.text"))


def pdf(pages):
    """A minimal PDF with one Helvetica text line per entry of each page."""
    objects = ["<< /Type /Catalog /Pages 2 0 R >>", None,
               "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    kids = []
    for lines in pages:
        stream = "BT /F1 11 Tf 72 760 Td 14 TL " + " ".join(
            "(" + l.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)") + ") Tj T*" for l in lines) + " ET"
        objects.append(f"<< /Length {len(stream)} >>\nstream\n{stream}\nendstream")
        content = len(objects)
        objects.append(f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> /Contents {content} 0 R >>")
        kids.append(len(objects))
    objects[1] = "<< /Type /Pages /Kids [" + " ".join(f"{k} 0 R" for k in kids) + f"] /Count {len(kids)} >>"
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{i} 0 obj\n{body}\nendobj\n".encode("latin-1")
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for o in offsets:
        out += f"{o:010d} 00000 n \n".encode()
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


REFI_NS = "urn:QDA-XML:project:1.0"
SOURCE_GUID = "5f0c2a5e-1c3b-4a87-9a0b-7d2c4e1f6a10"
CODE_GUIDS = ["8a1d4f2e-3b5c-4d6e-8f70-91a2b3c4d5e6", "9b2e5a3f-4c6d-4e7f-9a81-a2b3c4d5e6f7"]
USER_GUID = "1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f"


def qde(embedded):
    text = "Kenya supports the norms.\nBrazil stressed capacity-building."
    source = (f'<TextSource guid="{SOURCE_GUID}" name="Debate" plainTextPath="internal://{SOURCE_GUID}.txt">'
              if not embedded else f'<TextSource guid="{SOURCE_GUID}" name="Debate"><PlainTextContent>{text}</PlainTextContent>')
    return (f'<?xml version="1.0" encoding="utf-8"?>\n<Project xmlns="{REFI_NS}" name="Seed" origin="Plenary seed" '
            f'creatingUserGUID="{USER_GUID}"><Users><User guid="{USER_GUID}" name="Ana" id="AN"/></Users>'
            f'<CodeBook><Codes><Code guid="{CODE_GUIDS[0]}" name="Norms" isCodable="false" color="#0072B2">'
            f'<Code guid="{CODE_GUIDS[1]}" name="Norm (f)" isCodable="true" color="#56B4E9"><Description>Critical infrastructure</Description></Code>'
            f'</Code></Codes></CodeBook><Sources>{source}'
            f'<PlainTextSelection guid="3d4e5f6a-7b8c-4d9e-a0b1-c2d3e4f5a6b7" name="Kenya" startPosition="0" endPosition="25" creatingUser="{USER_GUID}">'
            f'<Description>memo</Description><Coding guid="4e5f6a7b-8c9d-4eaf-b1c2-d3e4f5a6b7c8" creatingUser="{USER_GUID}">'
            f'<CodeRef targetGUID="{CODE_GUIDS[1]}"/></Coding></PlainTextSelection></TextSource></Sources>'
            f'<Notes><Note guid="6a7b8c9d-0e1f-4a2b-8c3d-4e5f6a7b8c9d" name="Note"><PlainTextContent>A note.</PlainTextContent></Note></Notes>'
            f'<Description>Seed project</Description></Project>\n'), text


def codebook_json():
    return json.dumps({"format": "plenary-codebook", "version": 1, "codes": [
        {"name": "Norms", "id": "NRM", "color": "#0072B2", "codable": False, "children": [
            {"name": "Norm (f)", "id": "NRM.F", "definition": "Critical infrastructure", "shortcut": "1"}]},
        {"name": "Threats", "id": "THR", "color": "#D55E00"}]}, indent=1).encode()


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "..", "tests", "fuzz", "seeds")
    seeds = {
        "text": {
            "transcript.txt": TRANSCRIPT.encode(),
            "report-crlf.txt": REPORT.replace("\n", "\r\n").encode(),
            "bom.txt": b"\xef\xbb\xbf" + REPORT.encode(),
            "utf16le.txt": b"\xff\xfe" + TRANSCRIPT.encode("utf-16-le"),
            "utf16be-nobom.txt": REPORT.encode("utf-16-be"),
            "cp1252.txt": "\u201cNorms\u201d \u2013 caf\u00e9 \u20ac\n".encode("cp1252"),
            "damaged-utf8.txt": "The Chair \u2014 spoke".encode() + b"\xff on norms.\n",
        },
        "html": {
            "statement.html": ("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Statement</title>"
                               "<style>p{}</style><script>var x=1;</script></head><body><nav>Menu</nav><h1>Statement by Ghana</h1>"
                               "<p>Ghana &amp; partners support <b>capacity-building</b>.</p><ul><li>Norm (f)</li></ul>"
                               "<p>The representative of Chile said &ldquo;yes&rdquo;.</p></body></html>").encode(),
            "latin1.html": "<html><head><meta charset=\"iso-8859-1\"></head><body><p>R\u00e9sum\u00e9</p></body></html>".encode("latin-1"),
        },
        "markdown": {
            "notes.md": b"# Session 2\n\n**Kenya**: we support *norms*.\n\n- [link](http://example.org)\n- `code`\n\n> quoted\n",
        },
        "docx": {
            "statement.docx": docx([("Title", "Statement by Brazil"), ("Normal", "Brazil supports norm (f)."),
                                    ("Normal", "The representative of India spoke next.")], footnote="A/76/135"),
        },
        "odt": {
            "summary.odt": odt([("h", "Chair's summary"), ("p", "Delegations discussed CBMs."),
                                ("p", "France and the Netherlands said the Charter applies.")]),
        },
        "pdf": {
            "report.pdf": pdf([["Draft report", "", "The representative of Kenya stressed supply chains."],
                               ["Brazil supported the proposal.", "The meeting rose at 6 p.m."]]),
        },
    }
    project, text = qde(False)
    embedded, _ = qde(True)
    seeds["qde"] = {"project.qde": embedded.encode()}
    seeds["qdpx"] = {"project.qdpx": zip_bytes([("project.qde", project), (f"sources/{SOURCE_GUID}.txt", text)])}
    seeds["qdc"] = {"codebook.qdc": (f'<?xml version="1.0" encoding="utf-8"?><CodeBook xmlns="urn:QDA-XML:codebook:1.0" origin="seed"><Codes>'
                                     f'<Code guid="{CODE_GUIDS[0]}" name="Norms" isCodable="false" color="#0072B2">'
                                     f'<Code guid="{CODE_GUIDS[1]}" name="Norm (f)" isCodable="true"><Description>d</Description></Code>'
                                     f'</Code></Codes><Sets/></CodeBook>').encode()}
    seeds["codebook-json"] = {"codebook.json": codebook_json()}
    seeds["codebook-csv"] = {"codebook.csv": ("path,id,name,definition,inclusion,exclusion,example,color,color_dark,shortcut,codable,guid\r\n"
                                              "Norms,NRM,Norms,,,,,#0072B2,,,false,\r\n"
                                              "Norms / Norm (f),NRM.F,Norm (f),\"Critical, infrastructure\",,,,,,1,true,\r\n").encode()}
    for target, files in seeds.items():
        for name, data in files.items():
            write(os.path.join(out, target, name), data)


if __name__ == "__main__":
    main()
