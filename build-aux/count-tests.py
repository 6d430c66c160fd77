#!/usr/bin/env python3
"""Counts test cases in meson's testlog.json files and prints "N passed, N failed".

A TAP test program counts as its test cases ("ok" / "not ok" lines; "# SKIP" counts as
skipped); a program that crashed or whose TAP plan was not completed counts one failure
more.  Exit status 0 only when nothing failed and something ran.
"""
import json
import re
import sys

TAP = re.compile(r"^(not ok|ok)\b(.*)$")


def count(path):
    passed = failed = skipped = 0
    failures = []
    with open(path, encoding="utf-8") as log:
        for line in log:
            record = json.loads(line)
            name = record["name"]
            result = record["result"]
            stdout = record.get("stdout") or ""
            cases = [TAP.match(l) for l in stdout.splitlines()]
            cases = [m for m in cases if m]
            if cases:
                for m in cases:
                    if m.group(1) == "ok":
                        if "# SKIP" in m.group(2).upper():
                            skipped += 1
                        else:
                            passed += 1
                    else:
                        failed += 1
                        failures.append(f"{name}: {m.group(0)}")
                if result not in ("OK", "SKIP", "EXPECTEDFAIL") and not any(m.group(1) == "not ok" for m in cases):
                    failed += 1
                    failures.append(f"{name}: {result}")
            elif result in ("OK", "EXPECTEDFAIL"):
                passed += 1
            elif result == "SKIP":
                skipped += 1
            else:
                failed += 1
                failures.append(f"{name}: {result}")
    return passed, failed, skipped, failures


def main():
    total = [0, 0, 0]
    for path in sys.argv[1:]:
        p, f, s, failures = count(path)
        total[0] += p
        total[1] += f
        total[2] += s
        for failure in failures:
            print(f"FAILED {failure}  ({path})")
    print(f"{total[0]} passed, {total[1]} failed, {total[2]} skipped")
    return 0 if total[1] == 0 and total[0] > 0 else 1


if __name__ == "__main__":
    sys.exit(main())
