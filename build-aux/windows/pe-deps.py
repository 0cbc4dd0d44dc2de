#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Print every DLL that PE files load, recursively, that is found in the
search folders (what is not found there is taken to be Windows' own, and is
listed on stderr). Reads the import tables with objdump -p.

  pe-deps.py [--objdump PROG] --search DIR [--search DIR...] FILE.exe|FILE.dll...
"""
import argparse
import os
import re
import subprocess
import sys

ap = argparse.ArgumentParser()
ap.add_argument("--objdump", default="x86_64-w64-mingw32-objdump")
ap.add_argument("--search", action="append", default=[])
ap.add_argument("files", nargs="+")
args = ap.parse_args()

index = {}
for d in args.search:
    if os.path.isdir(d):
        for f in os.listdir(d):
            if f.lower().endswith(".dll"):
                index.setdefault(f.lower(), os.path.join(d, f))


def imports(path):
    out = subprocess.run([args.objdump, "-p", path], capture_output=True, text=True, check=True).stdout
    return re.findall(r"^\s*DLL Name:\s*(\S+)", out, re.M)


found, system, todo = {}, set(), list(args.files)
seen = set()
while todo:
    f = todo.pop()
    if f in seen:
        continue
    seen.add(f)
    for name in imports(f):
        key = name.lower()
        if key in found or key in system:
            continue
        if key in index:
            found[key] = index[key]
            todo.append(index[key])
        else:
            system.add(key)
for p in sorted(found.values()):
    print(p)
print("system DLLs (not bundled): " + " ".join(sorted(system)), file=sys.stderr)
