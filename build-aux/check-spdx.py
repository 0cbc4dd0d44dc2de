#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Every source file of the project states its licence in an SPDX line
near its top (COPYING holds the licence meson.build declares).

usage: check-spdx.py ROOT        exit 0 when every file has one, 1 otherwise
"""
import os
import sys

# What is ours and is code, interface or build: data the formats hold
# (JSON), translations and fixtures are not.
SUFFIXES = (".c", ".h", ".ui", ".css", ".py", ".sh", ".build", ".in", ".xml", ".nsi")
FOLDERS = ("src", "ui", "tests", "bench", "build-aux", "tools", "fuzzing", "data", "po")
SKIP_PARTS = ("fixtures", "fuzz", "__pycache__")


def main():
    root = sys.argv[1]
    missing = []
    seen = 0
    for top in FOLDERS + ("",):
        base = os.path.join(root, top)
        if not os.path.isdir(base):
            continue
        walk = os.walk(base) if top else [(root, [], os.listdir(root))]
        for folder, dirs, files in walk:
            dirs[:] = [d for d in dirs if d not in SKIP_PARTS and not d.startswith(".")]
            for name in files:
                if not name.endswith(SUFFIXES) and name != "meson.build":
                    continue
                path = os.path.join(folder, name)
                if not os.path.isfile(path):
                    continue
                seen += 1
                with open(path, encoding="utf-8", errors="replace") as f:
                    head = "".join(f.readline() for _ in range(5))
                if "SPDX-License-Identifier:" not in head:
                    missing.append(os.path.relpath(path, root))
    for path in sorted(missing):
        print("no SPDX-License-Identifier in its first lines: %s" % path)
    print("%d files checked, %d without a licence line" % (seen, len(missing)))
    return 1 if missing or seen == 0 else 0


if __name__ == "__main__":
    sys.exit(main())
