#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Check a web page written by nianbao against expectations made from the
model (export-expect.c), with Python's own html.parser as an independent
reader: every figure and label in its cell (spans expanded), the title,
headings, paragraphs, sign-off; no script and nothing loaded from outside.

usage: check-html.py PAGE.html EXPECTED.json
Exit status: 0 passed, 1 failed."""

import json
import sys
from html.parser import HTMLParser

VOID = {"meta", "br", "link", "img", "input", "hr", "source", "wbr", "col", "base"}


class Page(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack = []
        self.tables = {}          # id -> list of rows; row = list of (text, rowspan, colspan, tag, attrs)
        self.table = None
        self.row = None
        self.cell = None
        self.blocks = []          # (tag, text) of h1..h4, p
        self.block = None
        self.bad = []             # forbidden things seen
        self.doctype = None
        self.html_lang = None
        self.meta = {}
        self.style = ""
        self.in_style = False
        self.wrappers = []        # class of the div around each table

    def handle_decl(self, decl):
        self.doctype = decl

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag in ("script", "iframe", "object", "embed", "link", "img"):
            self.bad.append(tag)
        for name, value in attrs:
            if name.startswith("on") or (name in ("src", "href") and value and not value.startswith("#")):
                self.bad.append(f"{tag} {name}={value}")
        if tag == "html":
            self.html_lang = a.get("lang")
        if tag == "meta":
            self.meta[a.get("name") or ("charset" if "charset" in a else "?")] = a.get("content") or a.get("charset")
        if tag == "style":
            self.in_style = True
        if tag == "table":
            self.table = []
            self.tables[a.get("id")] = self.table
            parent = [t for t in self.stack if t[0] == "div"]
            self.wrappers.append(parent[-1][1].get("class", "") if parent else "")
        elif tag == "tr" and self.table is not None:
            self.row = []
            self.table.append(self.row)
        elif tag in ("td", "th") and self.row is not None:
            self.cell = {"text": "", "rowspan": int(a.get("rowspan", 1)), "colspan": int(a.get("colspan", 1)),
                         "tag": tag, "scope": a.get("scope")}
            self.row.append(self.cell)
        elif tag in ("h1", "h2", "h3", "h4", "p"):
            self.block = [tag, ""]
        elif tag == "br" and self.block is not None:
            self.block[1] += "\n"
        if tag not in VOID:
            self.stack.append((tag, a))

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        while self.stack:
            t, _ = self.stack.pop()
            if t == tag:
                break
        if tag == "style":
            self.in_style = False
        if tag == "table":
            self.table = None
        elif tag == "tr":
            self.row = None
        elif tag in ("td", "th"):
            self.cell = None
        elif tag in ("h1", "h2", "h3", "h4", "p") and self.block is not None:
            self.blocks.append(tuple(self.block))
            self.block = None

    def handle_data(self, data):
        if self.in_style:
            self.style += data
        if self.cell is not None:
            self.cell["text"] += data
        elif self.block is not None:
            self.block[1] += data


def expand(rows, n_rows, n_columns, fail, key):
    """The table as a matrix of cells, following rowspan and colspan as a
    browser does."""
    grid = [[None] * n_columns for _ in range(n_rows)]
    for r, row in enumerate(rows):
        c = 0
        for cell in row:
            while c < n_columns and grid[r][c] is not None:
                c += 1
            if c >= n_columns:
                fail(f"{key}: row {r} has more cells than {n_columns} columns")
                break
            for dr in range(cell["rowspan"]):
                for dc in range(cell["colspan"]):
                    if r + dr >= n_rows or c + dc >= n_columns:
                        fail(f"{key}: a cell at ({r},{c}) spans outside the table")
                        continue
                    if grid[r + dr][c + dc] is not None:
                        fail(f"{key}: cells overlap at ({r + dr},{c + dc})")
                    grid[r + dr][c + dc] = (cell, r, c)
            c += cell["colspan"]
    return grid


def main():
    page_path, expected_path = sys.argv[1], sys.argv[2]
    with open(expected_path, encoding="utf-8") as f:
        expected = json.load(f)
    with open(page_path, encoding="utf-8") as f:
        source = f.read()
    page = Page()
    page.feed(source)
    page.close()
    failures = []
    fail = failures.append

    if (page.doctype or "").lower() != "doctype html":
        fail(f"doctype is {page.doctype!r}")
    if page.html_lang != "zh-CN":
        fail(f"lang is {page.html_lang!r}")
    if page.meta.get("charset", "").lower() != "utf-8":
        fail("no <meta charset=utf-8>")
    if "width=device-width" not in (page.meta.get("viewport") or ""):
        fail("no viewport meta for phones")
    if page.bad:
        fail(f"scripts or external resources: {page.bad}")
    if "@import" in page.style or "url(" in page.style:
        fail("the style sheet loads something")
    if "overflow-x:auto" not in page.style.replace(" ", "") or "@media print" not in page.style:
        fail("the style sheet lacks the sideways scrolling or the print rules")

    h1 = [t for tag, t in page.blocks if tag == "h1"]
    if len(h1) != 1 or h1[0].replace("\n", "") != expected["title"]:
        fail(f"title {h1!r}, expected {expected['title']!r}")
    h2 = [t for tag, t in page.blocks if tag == "h2"]
    if h2 != expected["headings"]:
        fail(f"headings {h2!r}, expected {expected['headings']!r}")
    texts = [t for tag, t in page.blocks if tag in ("p", "h3", "h4")]
    for para in expected["paragraphs"]:
        if para not in texts:
            fail(f"paragraph missing: {para!r}")
    signoff = [t for tag, t in page.blocks if tag == "p"][-1:]
    want = expected["signoff"] + ("\n" + expected["date"] if expected["date"] else "")
    if signoff != [want]:
        fail(f"sign-off {signoff!r}, expected {want!r}")

    n_figures = 0
    for table in expected["tables"]:
        key = table["key"]
        rows = page.tables.get(key)
        if rows is None:
            fail(f"no <table id={key}>")
            continue
        if len(rows) != table["n_rows"]:
            fail(f"{key}: {len(rows)} rows, expected {table['n_rows']}")
        grid = expand(rows, table["n_rows"], table["n_columns"], fail, key)
        for cell in table["cells"]:
            r, c = cell["row"], cell["column"]
            for dr in range(cell["rowspan"]):
                for dc in range(cell["colspan"]):
                    got = grid[r + dr][c + dc] if r + dr < len(grid) else None
                    if got is None:
                        fail(f"{key}: nothing at ({r + dr},{c + dc})")
                        continue
                    html_cell, hr, hc = got
                    if (hr, hc) != (r, c):
                        fail(f"{key}: ({r + dr},{c + dc}) belongs to the cell at ({hr},{hc}), expected ({r},{c})")
                        continue
                    if dr == 0 and dc == 0:
                        if html_cell["text"] != cell["text"]:
                            fail(f"{key}: ({r},{c}) is {html_cell['text']!r}, expected {cell['text']!r}")
                        if cell["header"] != (html_cell["tag"] == "th"):
                            fail(f"{key}: ({r},{c}) is a <{html_cell['tag']}>")
                        if html_cell["tag"] == "th" and html_cell["scope"] not in ("col", "colgroup", "row", "rowgroup"):
                            fail(f"{key}: <th> at ({r},{c}) without a valid scope")
                        if cell["value"]:
                            n_figures += 1
    for cls in page.wrappers:
        if "table" not in cls.split():
            fail(f"a table outside its scrolling wrapper (class {cls!r})")

    for f in failures[:40]:
        print("FAIL:", f)
    print(f"{n_figures} figures checked in {len(expected['tables'])} tables, {len(expected['paragraphs'])} paragraphs")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
