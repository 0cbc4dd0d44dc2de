#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Check a Word file written by nianbao against expectations made from the
model (export-expect.c), with python-docx as an independent reader: every
table cell (merges followed as Word follows them), the repeated header
rows, the texts, the page (A4, GB/T 9704 margins), the body type and the
page number field.

usage: check-docx.py REPORT.docx EXPECTED.json
Exit status: 0 passed, 1 failed, 77 python-docx missing."""

import json
import sys

try:
    import docx
    from docx.oxml.ns import qn
except ImportError:
    print("python-docx is not installed", file=sys.stderr)
    sys.exit(77)


def main():
    document = docx.Document(sys.argv[1])
    with open(sys.argv[2], encoding="utf-8") as f:
        expected = json.load(f)
    failures = []
    fail = failures.append

    # The page.
    section = document.sections[0]
    for name, want in (("page_width", 210), ("page_height", 297), ("top_margin", 37),
                       ("left_margin", 28), ("right_margin", 26), ("bottom_margin", 35)):
        got = getattr(section, name).mm
        if abs(got - want) > 0.5:
            fail(f"{name} is {got:.1f} mm, expected {want} mm")
    footer = section.footer
    footer_xml = footer._element.xml
    if "PAGE" not in footer_xml or not any(p.text.startswith("— ") and p.text.endswith(" —")
                                           for p in footer.paragraphs):
        fail(f"footer has no “— PAGE —”: {[p.text for p in footer.paragraphs]}")

    # Body type: 仿宋 3号 (16 pt = 32 half-points) by default.
    styles = document.styles.element
    sizes = styles.xpath("./w:docDefaults//w:sz/@w:val")
    faces = styles.xpath("./w:docDefaults//w:rFonts/@w:eastAsia")
    if sizes != ["32"] or faces != ["仿宋"]:
        fail(f"body type {faces} {sizes}, expected 仿宋 32 half-points")
    h1 = document.styles["heading 1"]
    if h1.element.xpath("./w:rPr/w:rFonts/@w:eastAsia") != ["黑体"]:
        fail("heading 1 is not 黑体")
    if document.styles["heading 2"].element.xpath("./w:rPr/w:rFonts/@w:eastAsia") != ["楷体"]:
        fail("heading 2 is not 楷体")

    # Texts.
    paragraphs = document.paragraphs
    title = paragraphs[0].text.replace("\n", "")
    if title != expected["title"]:
        fail(f"title {title!r}, expected {expected['title']!r}")
    headings = [p.text for p in paragraphs if p.style.name.lower() == "heading 1"]
    if headings != expected["headings"]:
        fail(f"headings {headings!r}, expected {expected['headings']!r}")
    texts = [p.text for p in paragraphs]
    for para in expected["paragraphs"]:
        if para not in texts:
            fail(f"paragraph missing: {para!r}")
    tail = [t for t in texts if t][-2:] if expected["date"] else [t for t in texts if t][-1:]
    want = [expected["signoff"]] + ([expected["date"]] if expected["date"] else [])
    if tail != want:
        fail(f"sign-off {tail!r}, expected {want!r}")

    # Tables, in the format's order.
    if len(document.tables) != len(expected["tables"]):
        fail(f"{len(document.tables)} tables, expected {len(expected['tables'])}")
    n_figures = 0
    for table, want in zip(document.tables, expected["tables"]):
        key = want["key"]
        if len(table.rows) != want["n_rows"] or len(table.columns) != want["n_columns"]:
            fail(f"{key}: {len(table.rows)}×{len(table.columns)}, expected {want['n_rows']}×{want['n_columns']}")
            continue
        for r, row in enumerate(table.rows):
            repeated = bool(row._tr.xpath("./w:trPr/w:tblHeader"))
            if repeated != (r < want["header_rows"]):
                fail(f"{key}: row {r} {'repeats' if repeated else 'does not repeat'} as a header row")
        for cell in want["cells"]:
            r, c = cell["row"], cell["column"]
            top_left = table.cell(r, c)
            if top_left.text != cell["text"]:
                fail(f"{key}: ({r},{c}) is {top_left.text!r}, expected {cell['text']!r}")
            if cell["value"]:
                n_figures += 1
            # Every position the merged cell covers is that same cell.
            for dr in range(cell["rowspan"]):
                for dc in range(cell["colspan"]):
                    if (dr or dc) and table.cell(r + dr, c + dc)._tc is not top_left._tc:
                        fail(f"{key}: ({r + dr},{c + dc}) is not merged into ({r},{c})")

    for f in failures[:40]:
        print("FAIL:", f)
    print(f"{n_figures} figures checked in {len(document.tables)} tables, {len(expected['paragraphs'])} paragraphs")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
