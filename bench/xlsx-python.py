#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The anchor for nianbao's workbook writer: python3-xlsxwriter writing the
same workbook in process (every sheet's values and formulas, merged cells,
column widths, row heights, fonts, borders, alignment, number formats, hidden
sheets), read beforehand from nianbao's own export with openpyxl. Prints the
median of N writes in ms.

  bench/xlsx-python.py WORKBOOK.xlsx OUTDIR [RUNS]
"""
import os
import statistics
import sys
import time

import openpyxl
import xlsxwriter
from openpyxl.utils import get_column_letter


def read(path):
    book = openpyxl.load_workbook(path)
    sheets = []
    for ws in book.worksheets:
        cells = []
        for row in ws.iter_rows():
            for c in row:
                if c.value is None and not c.has_style:
                    continue
                style = (c.font.b, c.font.sz, c.font.name,
                         c.alignment.horizontal, c.alignment.vertical, c.alignment.wrap_text,
                         c.border.left.style is not None, c.number_format)
                cells.append((c.row - 1, c.column - 1, c.value, style))
        widths = {k: d.width for k, d in ws.column_dimensions.items() if d.width}
        heights = {k - 1: d.height for k, d in ws.row_dimensions.items() if d.height}
        merges = [(m.min_row - 1, m.min_col - 1, m.max_row - 1, m.max_col - 1) for m in ws.merged_cells.ranges]
        sheets.append((ws.title, ws.sheet_state == "hidden", cells, widths, heights, merges))
    return sheets


def write(sheets, out):
    wb = xlsxwriter.Workbook(out)
    formats = {}

    def fmt(style):
        f = formats.get(style)
        if f is None:
            bold, size, name, h, v, wrap, border, numfmt = style
            props = {"bold": bool(bold), "text_wrap": bool(wrap), "num_format": numfmt}
            if size:
                props["font_size"] = size
            if name:
                props["font_name"] = name
            if h:
                props["align"] = {"centerContinuous": "center_across"}.get(h, h)
            if v:
                props["valign"] = {"center": "vcenter"}.get(v, v)
            if border:
                props["border"] = 1
            f = formats[style] = wb.add_format(props)
        return f

    for title, hidden, cells, widths, heights, merges in sheets:
        ws = wb.add_worksheet(title)
        for letter, w in widths.items():
            ws.set_column("%s:%s" % (letter, letter), w)
        for r, h in heights.items():
            ws.set_row(r, h)
        covered = set()
        for r0, c0, r1, c1 in merges:
            for r in range(r0, r1 + 1):
                for c in range(c0, c1 + 1):
                    covered.add((r, c))
        values = {(r, c): (v, s) for r, c, v, s in cells}
        for r0, c0, r1, c1 in merges:
            v, s = values.get((r0, c0), ("", None))
            if r0 == r1 and c0 == c1:
                continue
            ws.merge_range(r0, c0, r1, c1, v if v is not None else "", fmt(s) if s else None)
        for (r, c), (v, s) in values.items():
            if (r, c) in covered:
                continue
            f = fmt(s)
            if isinstance(v, str) and v.startswith("="):
                ws.write_formula(r, c, v, f)
            elif v is None:
                ws.write_blank(r, c, None, f)
            else:
                ws.write(r, c, v, f)
        if hidden:
            ws.hide()
    wb.close()


def main():
    path, outdir = sys.argv[1], sys.argv[2]
    runs = int(sys.argv[3]) if len(sys.argv) > 3 else 20
    sheets = read(path)
    out = os.path.join(outdir, "python-xlsxwriter.xlsx")
    write(sheets, out)  # first run apart, as for nianbao
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        write(sheets, out)
        times.append((time.perf_counter() - t0) * 1000)
    print("%.2f" % statistics.median(times))


if __name__ == "__main__":
    main()
