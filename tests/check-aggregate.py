#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""An independent check of `nianbao-cli aggregate`: reads the same reports
itself (openpyxl for the workbooks' 数据 sheet, json for .nianbao files),
sums every input cell with Decimal, and compares with the summary report
and the summary workbook (its totals row, as cached and as LibreOffice
recalculates it).

usage: check-aggregate.py SUMMARY.nianbao SUMMARY.xlsx LIST [--libreoffice SOFFICE WORKDIR]
  LIST: a file naming, one a line, the reports that must be counted.
Exit status 0 when everything agrees; every disagreement is printed.
"""
import importlib.util
import json
import os
import pathlib
import sys
from decimal import Decimal

import openpyxl

errors = []


def expect(cond, message):
    if not cond:
        errors.append(message)


def cells_of_workbook(path):
    wb = openpyxl.load_workbook(path, read_only=True)
    ws = wb["数据"]
    out = {}
    for key, value, *_ in ws.iter_rows(min_row=2, values_only=True):
        if key is None:
            continue
        out[key] = "" if value is None else str(value)
    wb.close()
    return out


def cells_of_document(path):
    with open(path, encoding="utf-8") as f:
        doc = json.load(f)
    out = {"format": doc["format"], "year": str(doc["year"]), "agency": doc["agency"]}
    for key, value in doc["cells"].items():
        out[key] = "" if value is None else str(value)
    return out


def local_path(path):
    """A Windows path written by the program under test (Wine: C:\\…), as this
    machine names it; NB_WINE_PREFIX is set by build-aux/windows/host-tool."""
    prefix = os.environ.get("NB_WINE_PREFIX")
    if prefix and len(path) > 2 and path[1] == ":" and path[2] in "\\/":
        drive = os.path.realpath(os.path.join(prefix, "dosdevices", path[0].lower() + ":"))
        return os.path.join(drive, *path[3:].replace("\\", "/").split("/"))
    return path


def main(argv):
    summary_doc, summary_xlsx, listing = argv[1:4]
    with open(listing, encoding="utf-8") as f:
        inputs = [local_path(line.strip()) for line in f if line.strip()]
    with open(summary_doc, encoding="utf-8") as f:
        summary = json.load(f)
    input_keys = list(summary["cells"].keys())

    sums = {k: None for k in input_keys}
    per_file = {}
    for path in inputs:
        cells = cells_of_workbook(path) if path.endswith(".xlsx") else cells_of_document(path)
        per_file[os.path.basename(path)] = cells
        expect(cells["format"] == summary["format"], f"{path}: format {cells['format']}")
        expect(cells["year"] == str(summary["year"]), f"{path}: year {cells['year']}")
        for k in input_keys:
            v = cells.get(k, "")
            if v != "":
                sums[k] = (sums[k] or Decimal(0)) + Decimal(v)

    # 1. The summary report: every input cell is the exact sum.
    n = 0
    for k in input_keys:
        got = summary["cells"][k]
        want = sums[k]
        if want is None:
            expect(got is None, f"summary {k} = {got!r}, want blank")
        else:
            expect(got is not None and Decimal(str(got)) == want, f"summary {k} = {got!r}, want {want}")
            n += 1
    expect(n > 0, "no figure compared")

    # 2. The summary workbook: each agency's row, and the totals row.
    def check_totals(path, label):
        wb = openpyxl.load_workbook(path, data_only=True)
        ws = wb["汇总"]
        rows = list(ws.iter_rows(values_only=True))
        head = rows[1]
        counted_col = len(head) - 2
        body = [r for r in rows[2:] if r[0] is not None]
        total = rows[2 + len(body)]
        # Figure columns: header up to the errors column; the first
        # (requests/new/total) is checked against the files themselves.
        col = 3
        counted = [r for r in body if r[counted_col] == "是"]
        expect(len(counted) == len(inputs), f"{label}: {len(counted)} rows counted, want {len(inputs)}")
        for r in counted:
            cells = per_file.get(r[2])
            expect(cells is not None, f"{label}: row for unknown file {r[2]!r}")
            if cells:
                new_total = sum(Decimal(cells[f"requests/new/{c}"] or 0)
                                for c in ("natural", "business", "research", "nonprofit", "legal", "other"))
                expect(Decimal(str(r[col])) == new_total, f"{label}: {r[2]} 本年新收 {r[col]}, files say {new_total}")
        n_fig = 0
        for c in range(3, counted_col - 4):
            want = sum(Decimal(str(r[c])) for r in counted if r[c] is not None)
            got = total[c]
            expect(got is not None and Decimal(str(got)) == want,
                   f"{label}: totals row column {head[c]!r} = {got!r}, want {want}")
            n_fig += 1
        expect(n_fig >= 10, f"{label}: only {n_fig} figure columns")
        # The totals of requests received: the summary report's own figure.
        want_new = sum(Decimal(str(sums[f"requests/new/{c}"] or 0))
                       for c in ("natural", "business", "research", "nonprofit", "legal", "other"))
        expect(Decimal(str(total[3])) == want_new, f"{label}: total 本年新收 {total[3]}, files say {want_new}")
        return wb

    wb = check_totals(summary_xlsx, "cached")
    for sheet in ("问题", "图表"):
        expect(sheet in wb.sheetnames, f"no sheet {sheet}")
    expect(any(name.startswith("三、") for name in wb.sheetnames), f"no official-form sheet in {wb.sheetnames}")

    # 3. LibreOffice recalculates the formulas: openpyxl drops the cached
    #    values on saving, so what LibreOffice writes back it computed.
    if len(argv) == 7 and argv[4] == "--libreoffice":
        soffice, workdir = argv[5], argv[6]
        here = pathlib.Path(__file__).resolve().parent
        spec = importlib.util.spec_from_file_location("check_xlsx", here / "export" / "check-xlsx.py")
        check_xlsx = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(check_xlsx)
        profile = os.path.join(workdir, "lo-profile")
        os.makedirs(os.path.join(profile, "user"), exist_ok=True)
        with open(os.path.join(profile, "user", "registrymodifications.xcu"), "w", encoding="utf-8") as f:
            f.write(check_xlsx.RECALC_ALWAYS)
        stripped = os.path.join(workdir, "no-cache.xlsx")
        openpyxl.load_workbook(summary_xlsx).save(stripped)
        plain = openpyxl.load_workbook(stripped, data_only=True)["汇总"]
        expect(all(v is None for v in list(plain.iter_rows(values_only=True))[-1][3:8]),
               "openpyxl kept cached totals: the LibreOffice check would prove nothing")
        out = check_xlsx.libreoffice_convert(soffice, profile, stripped, os.path.join(workdir, "lo"))
        errors.extend(check_xlsx.failures)
        if out:
            check_totals(out, "LibreOffice")
        else:
            errors.append("LibreOffice did not convert the summary workbook")

    for e in errors:
        print(e)
    print(f"{len(inputs)} reports, {n} figures compared, {len(errors)} disagreements")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
