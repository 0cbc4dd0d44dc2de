#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The anchor for nianbao's workbook writer: python3-xlsxwriter writing the
same workbook in process (every sheet's values and formulas, merged cells,
column widths, row heights, fonts, borders, alignment, number formats, hidden
sheets, data validations, sheet protection, frozen panes, page setup,
headers and footers, print titles, document properties), read beforehand
from nianbao's own export with openpyxl. Prints the median of N writes in ms.

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
        extras = {
            "validations": [(dv.type, dv.operator, dv.formula1, dv.formula2, dv.allow_blank,
                             dv.errorTitle, dv.error, str(dv.sqref).split())
                            for dv in ws.data_validations.dataValidation],
            "protect": bool(ws.protection.sheet),
            "freeze": ws.freeze_panes,
            "centered": bool(ws.print_options.horizontalCentered),
            "margins": (ws.page_margins.left, ws.page_margins.right, ws.page_margins.top,
                        ws.page_margins.bottom),
            "paper": ws.page_setup.paperSize,
            "landscape": ws.page_setup.orientation == "landscape",
            "fit": bool(ws.sheet_properties.pageSetUpPr and ws.sheet_properties.pageSetUpPr.fitToPage),
            "header": ws.oddHeader.center.text,
            "footer": ws.oddFooter.center.text,
            "repeat": ws.print_title_rows,
        }
        sheets.append((ws.title, ws.sheet_state == "hidden", cells, widths, heights, merges, extras))
    p = book.properties
    props = {"title": p.title, "subject": p.subject, "author": p.creator,
             "keywords": p.keywords, "comments": p.description}
    return sheets, props


def write(book, out):
    sheets, props = book
    wb = xlsxwriter.Workbook(out)
    wb.set_properties({k: v for k, v in props.items() if v})
    wb.set_custom_property("Generator", "nianbao")
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

    for title, hidden, cells, widths, heights, merges, extras in sheets:
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
        for kind, op, f1, f2, blank, etitle, emsg, refs in extras["validations"]:
            v = {"validate": {"whole": "integer", "decimal": "decimal", "list": "list",
                              "textLength": "length"}.get(kind, "any"),
                 "criteria": {"greaterThanOrEqual": ">=", "lessThanOrEqual": "<=",
                              "equal": "==", "greaterThan": ">", "lessThan": "<"}.get(op, "between"),
                 "ignore_blank": bool(blank)}
            if kind == "list":
                v = {"validate": "list", "source": f1, "ignore_blank": bool(blank)}
            elif v["criteria"] == "between":
                v["minimum"], v["maximum"] = f1, f2
            else:
                v["value"] = f1
            if etitle:
                v["error_title"] = etitle
            if emsg:
                v["error_message"] = emsg
            for ref in refs:
                ws.data_validation(ref, v)
        if extras["protect"]:
            ws.protect("", {"format_cells": True, "format_columns": True, "format_rows": True})
        if extras["freeze"]:
            ws.freeze_panes(extras["freeze"])
        if extras["centered"]:
            ws.center_horizontally()
        l, r, t, b = extras["margins"]
        ws.set_margins(l, r, t, b)
        if extras["paper"]:
            ws.set_paper(int(extras["paper"]))
        if extras["landscape"]:
            ws.set_landscape()
        else:
            ws.set_portrait()
        if extras["fit"]:
            ws.fit_to_pages(1, 0)
        if extras["header"]:
            ws.set_header("&C" + extras["header"])
        if extras["footer"]:
            ws.set_footer("&C" + extras["footer"])
        if extras["repeat"]:
            first, last = extras["repeat"].replace("$", "").split(":")
            ws.repeat_rows(int(first) - 1, int(last) - 1)
        if hidden:
            ws.hide()
    wb.close()


def main():
    path, outdir = sys.argv[1], sys.argv[2]
    runs = int(sys.argv[3]) if len(sys.argv) > 3 else 20
    book = read(path)
    out = os.path.join(outdir, "python-xlsxwriter.xlsx")
    write(book, out)  # first run apart, as for nianbao
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        write(book, out)
        times.append((time.perf_counter() - t0) * 1000)
    print("%.2f" % statistics.median(times))


if __name__ == "__main__":
    main()
