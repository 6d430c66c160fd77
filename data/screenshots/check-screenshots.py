#!/usr/bin/env python3
# check-screenshots.py — every screenshot the metainfo shows is committed here, as a PNG of
# a sensible size, with a caption (TAP)
#
# Usage: check-screenshots.py METAINFO.xml.in SCREENSHOT-DIR
#
# SPDX-License-Identifier: GPL-3.0-or-later

import os
import struct
import sys
import xml.etree.ElementTree as ET

PREFIX = "https://raw.githubusercontent.com/plenary/plenary/main/data/screenshots/"


def png_size(path):
  """(width, height) of the PNG at @path, or None when it is not one."""
  with open(path, "rb") as f:
    head = f.read(24)
  if len(head) < 24 or head[:8] != b"\x89PNG\r\n\x1a\n" or head[12:16] != b"IHDR":
    return None
  return struct.unpack(">II", head[16:24])


def main():
  metainfo, folder = sys.argv[1:3]
  shots = ET.parse(metainfo).getroot().findall("./screenshots/screenshot")
  checks = []
  for shot in shots:
    url = (shot.findtext("image") or "").strip()
    name = url[len(PREFIX):] if url.startswith(PREFIX) else None
    path = os.path.join(folder, name) if name else None
    size = png_size(path) if path and os.path.exists(path) else None
    checks.append((size is not None and size[0] >= 1000 and size[1] >= 600,
                   "%s is committed as a PNG of at least 1000×600 (%s)" % (url, size)))
    checks.append((bool((shot.findtext("caption") or "").strip()), "%s has a caption" % url))
  checks.append((len(shots) > 0 and sum(s.get("type") == "default" for s in shots) == 1,
                 "one default screenshot among %d" % len(shots)))

  print("1..%d" % len(checks))
  for number, (ok, text) in enumerate(checks, 1):
    print("%s %d - %s" % ("ok" if ok else "not ok", number, text))
  return 0 if all(ok for ok, _ in checks) else 1


if __name__ == "__main__":
  sys.exit(main())
