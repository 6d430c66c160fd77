#!/bin/sh
# update.sh — takes the screenshots the AppStream metadata shows, under Xvfb
#
# Usage: data/screenshots/update.sh [BUILD-DIR]   (default: _build; build it first)
#
# The UI tests save what they show when PLENARY_SCREENSHOT_DIR is set: test-layout the
# demo project at 1280×800 in the light and the dark style, test-rtl the same window in
# Arabic, right to left.  This copies those three here under the names the metainfo uses.
#
# SPDX-License-Identifier: GPL-3.0-or-later
set -eu

here=$(cd "$(dirname "$0")" && pwd)
build=${1:-$here/../../_build}
shots=$(mktemp -d)
trap 'rm -rf "$shots"' EXIT

PLENARY_SCREENSHOT_DIR=$shots xvfb-run -a -s "-screen 0 1280x1024x24 -nolisten tcp" \
  dbus-run-session -- meson test -C "$build" test-layout test-rtl >/dev/null

cp "$shots/1280x800.png" "$here/workbench.png"
cp "$shots/1280x800-dark.png" "$here/workbench-dark.png"
cp "$shots/1280x800-arabic.png" "$here/workbench-arabic.png"
ls -l "$here"/*.png
