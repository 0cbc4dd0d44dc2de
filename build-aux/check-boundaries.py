#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The folders of src/ are layers; a file includes only what its layer may see.

  core       the document, formats, checks, files      sees core
  export     PDF, print pages, workbook, HTML, Word     sees core, export
  import     published reports, workbooks               sees core, export, import
  aggregate  totals for superiors                       sees core, export, import, aggregate
  cli        nianbao-cli                                sees all of the above
  gui        the GTK window                             sees everything

No file outside gui includes a GTK header (gtk, gdk, gsk, libadwaita).
src/meson.build builds each layer as its own static library with only its
own folders on the include path; this check says it in words and also
catches "../export/x.h"-style paths the include path would not stop.

  build-aux/check-boundaries.py [SRC-DIR] [EXTRA-FILE AS FOLDER ...]

With extra arguments FILE=FOLDER, only those files are checked, each as
if it lived in src/FOLDER (the test plants bad includes that way). Exit
status 1 with one line per finding (file:line: what).
"""
import os
import re
import sys

LAYERS = ["core", "export", "import", "aggregate", "cli", "gui"]
SEES = {
    "core": {"core"},
    "export": {"core", "export"},
    "import": {"core", "export", "import"},
    "aggregate": {"core", "export", "import", "aggregate"},
    "cli": {"core", "export", "import", "aggregate", "cli"},
    "gui": set(LAYERS),
}
GTK_PREFIXES = ("gtk/", "gdk/", "gsk/", "adwaita.h", "gtk.h", "gdk.h")
INCLUDE = re.compile(r'^\s*#\s*include\s*([<"])([^">]+)[">]')


def headers_by_folder(src):
    """basename of each header under src/<layer>/ -> its layer"""
    owner = {}
    for layer in LAYERS:
        folder = os.path.join(src, layer)
        if not os.path.isdir(folder):
            continue
        for name in os.listdir(folder):
            if name.endswith(".h"):
                owner.setdefault(name, layer)
    return owner


def check_file(path, layer, owner, problems):
    allowed = SEES[layer]
    with open(path, encoding="utf-8", errors="replace") as f:
        for number, line in enumerate(f, 1):
            m = INCLUDE.match(line)
            if not m:
                continue
            kind, name = m.groups()
            if layer != "gui" and name.startswith(GTK_PREFIXES):
                problems.append(f"{path}:{number}: {layer} includes GTK ({name}); "
                                "only src/gui may")
                continue
            if kind == "<":
                continue
            # "export/nb-x.h", "../gui/nb-y.h": the folder named wins.
            parts = [p for p in name.replace("\\", "/").split("/") if p not in ("", ".", "..")]
            named = [p for p in parts[:-1] if p in SEES]
            target = named[-1] if named else owner.get(parts[-1])
            if target is not None and target not in allowed:
                problems.append(f"{path}:{number}: {layer} includes {name} from src/{target}; "
                                f"{layer} sees only {', '.join(sorted(allowed))}")


def main(argv):
    src = argv[1] if len(argv) > 1 else os.path.join(os.path.dirname(__file__), "..", "src")
    owner = headers_by_folder(src)
    problems = []
    for layer in LAYERS if len(argv) <= 2 else []:
        folder = os.path.join(src, layer)
        if not os.path.isdir(folder):
            continue
        for name in sorted(os.listdir(folder)):
            if name.endswith((".c", ".h")):
                check_file(os.path.join(folder, name), layer, owner, problems)
    for extra in argv[2:]:
        path, _, layer = extra.rpartition("=")
        if layer not in SEES:
            sys.exit(f"{extra}: not FILE=FOLDER with FOLDER one of {', '.join(LAYERS)}")
        check_file(path, layer, owner, problems)
    for p in problems:
        print(p)
    if not owner:
        print(f"{src}: no headers found under {', '.join(LAYERS)}", file=sys.stderr)
        return 2
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
