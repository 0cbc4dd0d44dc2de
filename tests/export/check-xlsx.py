#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Check a workbook written by nb_xlsx_write() against expectations made
from the model (test-xlsx.c writes them as JSON), with openpyxl as an
independent reader and, optionally, LibreOffice as an independent
calculator.

usage: check-xlsx.py BOOK.xlsx EXPECTED.json [--libreoffice SOFFICE WORKDIR]
Exit status: 0 passed, 1 failed, 77 openpyxl missing (skip)."""

import html
import json
import os
import re
import shutil
import pathlib
import subprocess
import sys
from decimal import Decimal

try:
    import openpyxl
except ImportError:
    print("openpyxl is not installed", file=sys.stderr)
    sys.exit(77)

BODY = "报告正文"
DATA = "数据"

failures = []


def fail(message):
    failures.append(message)


def expect(condition, message):
    if not condition:
        fail(message)
    return condition


def same_number(cell_value, text):
    """A cell's number against the model's exact text ("" = blank)."""
    if text == "":
        return cell_value is None or cell_value == ""
    if isinstance(cell_value, bool) or not isinstance(cell_value, (int, float)):
        return False
    # repr of a float is the shortest text that reads back as it: exact
    # for every figure of up to 15 significant digits.
    return Decimal(repr(cell_value)) == Decimal(text)


def norm_rows(text):
    return (text or "").replace("$", "")


def has_cjk(text):
    return any("\u4e00" <= ch <= "\u9fff" for ch in text or "")


def validation_at(ws, ref):
    found = []
    for dv in ws.data_validations.dataValidation:
        if ref in dv.sqref:
            found.append(dv)
    return found


def evaluate(wb, sheet, ref, depth=0):
    """The value of a cell as its =SUM formula computes it from the inputs
    (a tiny evaluator: SUM of cells and ranges, optionally on other sheets),
    so wrong references fail even where LibreOffice is not installed."""
    value = wb[sheet][ref].value
    if isinstance(value, str) and value.startswith("="):
        if depth > 20 or not (value.startswith("=SUM(") and value.endswith(")")):
            raise ValueError(f"unexpected formula {value}")
        total = Decimal(0)
        for arg in value[5:-1].split(","):
            target = sheet
            if "!" in arg:
                target, arg = arg.rsplit("!", 1)
                target = target.strip("'").replace("''", "'")
            ws = wb[target]
            cells = ws[arg]
            if not isinstance(cells, tuple):
                cells = ((cells,),)
            elif cells and not isinstance(cells[0], tuple):
                cells = (cells,)
            for row in cells:
                for c in row:
                    total += evaluate(wb, target, c.coordinate, depth + 1)
        return total
    if value is None or value == "":
        return Decimal(0)
    return Decimal(repr(value))


def check_print(ws, title, landscape=False, repeat=None):
    ps = ws.page_setup
    expect(str(ps.paperSize) == "9", f"{ws.title}: paper {ps.paperSize}, not A4 (9)")
    expect(ws.sheet_properties.pageSetUpPr is not None and ws.sheet_properties.pageSetUpPr.fitToPage,
           f"{ws.title}: not fit to page")
    # 1 is the default, left out of the file by some writers.
    expect(str(ps.fitToWidth or 1) == "1", f"{ws.title}: fitToWidth {ps.fitToWidth}")
    # Text: as many pages as it takes; a form: one page when it nearly fits.
    want_heights = ("0",) if repeat is None else ("0", "1", "None")  # 1 is the default, may be left out
    expect(str(ps.fitToHeight) in want_heights, f"{ws.title}: fitToHeight {ps.fitToHeight}")
    expect(bool(ws.print_options.horizontalCentered), f"{ws.title}: not centred horizontally")
    want = "landscape" if landscape else "portrait"
    expect((ps.orientation or "portrait") == want, f"{ws.title}: orientation {ps.orientation}, want {want}")
    header = ws.oddHeader.center.text if ws.oddHeader and ws.oddHeader.center else None
    expect(header is not None and title in header, f"{ws.title}: page header {header!r} lacks the title")
    if repeat is not None:
        expect(norm_rows(ws.print_title_rows) == repeat,
               f"{ws.title}: repeated rows {ws.print_title_rows!r}, want {repeat}")


def check_tables(wb, wbv, exp):
    for table in exp["tables"]:
        name = table["sheet"]
        if not expect(name in wb.sheetnames, f"no sheet {name!r}"):
            continue
        ws, wv = wb[name], wbv[name]
        wide = table["n_columns"] > 10
        check_print(ws, exp["title"], landscape=wide, repeat=f"1:{table['header_rows'] + 1}")
        expect(ws["A1"].value == table["title"], f"{name}: A1 {ws['A1'].value!r}, want the table title")

        merged = {str(r) for r in ws.merged_cells.ranges}
        expect(len(merged) > 0, f"{name}: no merged cells")
        for rng in table["merges"]:
            expect(rng in merged, f"{name}: {rng} is not merged (grid span)")

        for ref, text in table["labels"]:
            c = ws[ref]
            expect(c.value == text and c.data_type == "s", f"{name}!{ref}: {c.value!r}, want label {text!r}")
            expect(bool(c.alignment.wrap_text), f"{name}!{ref}: label not wrapped")

        size = 9 if wide else 10.5
        first_row, last_row = 2, table["n_rows"] + 1
        for row in ws.iter_rows(min_row=first_row, max_row=last_row, max_col=table["n_columns"]):
            for c in row:
                if c.__class__.__name__ == "MergedCell":
                    continue
                b = c.border
                for side in ("left", "right", "top", "bottom"):
                    expect(getattr(b, side).style == "thin", f"{name}!{c.coordinate}: {side} border {getattr(b, side).style}")
                expect(c.font.name == "宋体", f"{name}!{c.coordinate}: font {c.font.name}")
                expect(float(c.font.sz) == size, f"{name}!{c.coordinate}: size {c.font.sz}, want {size}")

        # Labels and totals are locked on a protected sheet; figures are not.
        expect(bool(ws.protection.sheet), f"{name}: sheet not protected")
        n_formulas = 0
        for cell in table["cells"]:
            ref, c, v = cell["ref"], ws[cell["ref"]], wv[cell["ref"]]
            where = f"{name}!{ref} ({cell['key']})"
            expect(c.number_format == cell["num_format"], f"{where}: number format {c.number_format!r}, want {cell['num_format']!r}")
            if cell["ref"] != cell["last"]:
                expect(f"{ref}:{cell['last']}" in merged, f"{where}: value cell not merged to {cell['last']}")
            dvs = validation_at(ws, ref)
            if cell["computed"]:
                n_formulas += 1
                expect(c.data_type == "f" and str(c.value).startswith("=SUM("), f"{where}: {c.value!r} is not a =SUM formula")
                expect(same_number(v.value, cell["value"]), f"{where}: cached {v.value!r}, model {cell['value']}")
                try:
                    got = evaluate(wb, name, ref)
                    expect(got == Decimal(cell["value"] or "0"), f"{where}: {c.value} computes {got}, model {cell['value']}")
                except (ValueError, KeyError) as e:
                    fail(f"{where}: cannot evaluate {c.value!r}: {e}")
                expect(not dvs, f"{where}: a computed cell has data validation")
                expect(c.protection.locked is not False, f"{where}: a total can be typed over")
            else:
                expect(c.data_type == "n" or (cell["value"] == "" and c.value is None), f"{where}: type {c.data_type}")
                expect(same_number(c.value, cell["value"]), f"{where}: {c.value!r}, model {cell['value']!r}")
                expect(c.protection.locked is False, f"{where}: an input cell is locked")
                if not expect(len(dvs) == 1, f"{where}: {len(dvs)} data validations, want 1"):
                    continue
                dv = dvs[0]
                expect(dv.showErrorMessage and has_cjk(dv.error), f"{where}: no Chinese error message ({dv.error!r})")
                if cell["kind"] == "count":
                    expect(dv.type == "whole" and dv.operator in (None, "between") and dv.formula1 == "0",
                           f"{where}: validation {dv.type} {dv.operator} {dv.formula1}, want whole ≥ 0")
                elif cell["kind"] == "signed":
                    expect(dv.type == "whole" and Decimal(dv.formula1) < 0,
                           f"{where}: validation {dv.type} {dv.formula1}, want whole, negatives allowed")
                elif cell["kind"] == "decimal":
                    expect(dv.type == "custom" and f",{cell['places']})=" in (dv.formula1 or ""),
                           f"{where}: validation {dv.type} {dv.formula1}, want ROUND(…,{cell['places']})")


def check_body(wb, exp):
    ws = wb[BODY]
    check_print(ws, exp["title"])
    # The title, broken (if at all) only where the PDF breaks it: after the
    # agency and the year.
    title_cell = ws["A1"].value or ""
    expect(title_cell.replace("\n", "") == exp["title"], f"{BODY}!A1 {title_cell!r}, want the title")
    # More than a line of 2号 in the text column (about 19 characters): it
    # must be broken, and there.
    if len(exp["title"]) > 20:
        expect("\n" in title_cell, f"{BODY}!A1 {title_cell!r} is left to wrap anywhere")
    if "\n" in title_cell:
        expect(title_cell.split("\n")[0].endswith("年"), f"{BODY}!A1 broken at {title_cell!r}")
    cells = [(c.value, c.data_type, c.font.name) for c in ws["A"] if c.value is not None]
    # Body paragraphs open with two ideographic spaces (the first-line indent).
    texts = [v[2:] if isinstance(v, str) and v.startswith("\u3000\u3000") else v for v, _, _ in cells]
    pos = 0
    for section in exp["sections"]:
        try:
            pos = texts.index(section["heading"], pos)
        except ValueError:
            fail(f"{BODY}: heading {section['heading']!r} missing or out of order")
            continue
        if section["sheet"]:
            expect(any(section["sheet"] in (t or "") for t in texts[pos + 1:pos + 2]),
                   f"{BODY}: {section['heading']} does not point to sheet {section['sheet']!r}")
        for para in section["paragraphs"]:
            # A long paragraph may take several consecutive rows.
            ok = False
            for i in range(pos, len(texts)):
                if isinstance(texts[i], str) and para.startswith(texts[i]) and texts[i]:
                    joined, j = "", i
                    while j < len(texts) and len(joined) < len(para):
                        joined += texts[j] if isinstance(texts[j], str) else "\0"
                        j += 1
                    if joined == para:
                        ok = all(cells[k][1] == "s" and cells[k][2] == "仿宋" for k in range(i, j))
                        break
            expect(ok, f"{BODY}: paragraph {para[:30]!r} not written as 仿宋 text")
    for value, dtype, _ in cells:
        expect(dtype == "s", f"{BODY}: {value!r} is not a string cell")


def check_data(wb, exp):
    ws = wb[DATA]
    # For programs, not people: hidden so it is neither in the way nor printed.
    expect(ws.sheet_state == "hidden", f"{DATA}: sheet is {ws.sheet_state}, want hidden")
    for name in wb.sheetnames:
        if name != DATA:
            expect(wb[name].sheet_state == "visible", f"{name}: sheet is {wb[name].sheet_state}")
    rows = list(ws.iter_rows(values_only=False))
    expect([c.value for c in rows[0][:2]] == ["key", "value"], f"{DATA}: header {[c.value for c in rows[0][:2]]}")
    got = {}
    for row in rows[1:]:
        key = row[0].value
        value = row[1].value if len(row) > 1 else None
        if len(row) > 1 and value is not None:
            expect(row[1].data_type == "s", f"{DATA}: {key} value {value!r} is not text")
        # A long text is on several rows with the same key, to be joined.
        got[key] = got.get(key, "") + ("" if value is None else str(value))
    for key, value in exp["data"]:
        expect(key in got, f"{DATA}: key {key} missing")
        if key in got:
            expect(str(got[key]) == value, f"{DATA}: {key} = {got[key]!r}, model {value!r}")
    expect(len(got) == len(exp["data"]), f"{DATA}: {len(got)} keys, model {len(exp['data'])}")
    check_print(ws, exp["title"])


def check_workbook(path, exp):
    wb = openpyxl.load_workbook(path)
    wbv = openpyxl.load_workbook(path, data_only=True)
    want_sheets = [BODY] + [t["sheet"] for t in exp["tables"]] + [DATA]
    expect(wb.sheetnames == want_sheets, f"sheets {wb.sheetnames}, want {want_sheets}")
    for name in wb.sheetnames:
        expect(len(name) <= 31 and not any(ch in name for ch in "[]:*?/\\"), f"bad sheet name {name!r}")
    p = wb.properties
    expect(p.title == exp["title"], f"title property {p.title!r}")
    expect(p.creator == exp["agency"], f"author {p.creator!r}, want {exp['agency']!r}")
    expect(str(exp["year"]) in (p.subject or "") and exp["version"] in (p.subject or ""),
           f"subject {p.subject!r} lacks year/version")
    expect("nianbao" in (p.description or ""), f"comments {p.description!r} do not name nianbao")
    check_body(wb, exp)
    check_tables(wb, wbv, exp)
    check_data(wb, exp)


# ---- LibreOffice ----

RECALC_ALWAYS = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
"""


def libreoffice_convert(soffice, profile, src, outdir):
    os.makedirs(outdir, exist_ok=True)
    cmd = [soffice, f"-env:UserInstallation={pathlib.Path(profile).resolve().as_uri()}",
           "--headless", "--norestore", "--nologo", "--convert-to", "xlsx", "--outdir", outdir, src]
    res = subprocess.run(cmd, capture_output=True, text=True, timeout=240)
    out = os.path.join(outdir, pathlib.Path(src).stem + ".xlsx")
    if not os.path.exists(out):
        fail(f"LibreOffice did not convert {src}: {res.returncode} {res.stdout} {res.stderr}")
        return None
    return out


def libreoffice_pdf(soffice, profile, src, outdir):
    os.makedirs(outdir, exist_ok=True)
    cmd = [soffice, f"-env:UserInstallation={pathlib.Path(profile).resolve().as_uri()}",
           "--headless", "--norestore", "--nologo", "--convert-to", "pdf", "--outdir", outdir, src]
    subprocess.run(cmd, capture_output=True, text=True, timeout=240)
    out = os.path.join(outdir, pathlib.Path(src).stem + ".pdf")
    if not os.path.exists(out):
        fail(f"LibreOffice did not print {src} to PDF")
        return None
    return out


def squeeze(text):
    return "".join(c for c in text if not c.isspace() and c != "\u3000")


def printed_lines(pdf):
    """The body lines of each page as (page, top, text), the page header
    and the page number left out (they stand in the margins)."""
    res = subprocess.run(["pdftotext", "-bbox-layout", pdf, "-"], capture_output=True, text=True)
    lines = []
    for page, body in enumerate(re.split(r"<page ", res.stdout)[1:]):
        height = float(re.search(r'height="([\d.]+)"', body).group(1))
        for m in re.finditer(r'<line xMin="[\d.]+" yMin="([\d.]+)"[^>]*>(.*?)</line>', body, re.S):
            top = float(m.group(1))
            text = html.unescape("".join(re.findall(r"<word[^>]*>([^<]*)</word>", m.group(2))))
            # GB/T 9704 margins: top 37 mm, bottom 35 mm (the header and the
            # page number are printed inside them).
            if 0.09 * height < top < 0.91 * height:
                lines.append((page, top, squeeze(text)))
    return lines


def check_body_printed(wb, pdf):
    """LibreOffice prints each paragraph of 报告正文 whole in its row: the
    lines it breaks the text into fit the row's height (none clipped), and
    the row leaves no more room than Excel's narrower wrap needs (about one
    line in 26: Excel puts 26 characters of 3号 a line where LibreOffice
    puts 27)."""
    ws = wb[BODY]
    lines = printed_lines(pdf)
    i = 0
    checked = 0
    for row in ws.iter_rows(min_col=1, max_col=1):
        cell = row[0]
        if not isinstance(cell.value, str) or not squeeze(cell.value):
            continue
        want = squeeze(cell.value)
        height = ws.row_dimensions[cell.row].height
        size = cell.font.sz or 11
        while i < len(lines) and not (lines[i][2] and want.startswith(lines[i][2])):
            i += 1
        joined, used, tops = "", 0, []
        while i < len(lines) and want.startswith(joined + lines[i][2]) and joined != want:
            joined += lines[i][2]
            tops.append(lines[i][1])
            used += 1
            i += 1
        if joined != want:
            fail(f"LibreOffice's {BODY}!A{cell.row} is not printed whole: {cell.value[:30]!r} (clipped?)")
            continue
        if height is None:
            continue
        room = int((height - 2) // (size * 1.4))
        checked += 1
        expect(used <= room,
               f"{BODY}!A{cell.row}: LibreOffice prints {used} lines in a row for {room} ({height} pt): clipped")
        expect(room - used <= 1 + used // 20,
               f"{BODY}!A{cell.row}: a row for {room} lines ({height} pt) holds {used} in LibreOffice: a gap")
    expect(checked > 5, f"only {checked} rows of {BODY} found in LibreOffice's print")


def check_libreoffice(path, exp, soffice, workdir):
    profile = os.path.join(workdir, "lo-profile")
    # A private profile (parallel runs don't clash) that recalculates every
    # formula on load instead of trusting cached values.
    os.makedirs(os.path.join(profile, "user"), exist_ok=True)
    with open(os.path.join(profile, "user", "registrymodifications.xcu"), "w", encoding="utf-8") as f:
        f.write(RECALC_ALWAYS)

    # 1. The workbook as written: LibreOffice shows the model's figures.
    out = libreoffice_convert(soffice, profile, path, os.path.join(workdir, "lo-plain"))
    if out:
        wb = openpyxl.load_workbook(out, data_only=True)
        for table in exp["tables"]:
            ws = wb[table["sheet"]]
            for cell in table["cells"]:
                v = ws[cell["ref"]].value
                want = cell["value"] if cell["value"] != "" else ""
                expect(same_number(v, want) or (want == "" and v in (None, "", 0)),
                       f"LibreOffice {table['sheet']}!{cell['ref']} ({cell['key']}): {v!r}, model {cell['value']}")

    # 2. Printed: the text sheet's rows fit what LibreOffice sets in them.
    if shutil.which("pdftotext"):
        pdf = libreoffice_pdf(soffice, profile, path, os.path.join(workdir, "lo-pdf"))
        if pdf:
            check_body_printed(openpyxl.load_workbook(path), pdf)

    # 3. Inputs edited, cached values gone (openpyxl drops them): the
    #    totals LibreOffice computes are the model's after the same edits.
    wb = openpyxl.load_workbook(path)
    n_edits = 0
    for table in exp["tables"]:
        ws = wb[table["sheet"]]
        for cell in table["cells"]:
            if "edit" in cell:
                ws[cell["ref"]].value = int(cell["edit"])
                n_edits += 1
    expect(n_edits > 0, "no edits to recalculate")
    edited = os.path.join(workdir, "edited.xlsx")
    wb.save(edited)
    out = libreoffice_convert(soffice, profile, edited, os.path.join(workdir, "lo-edited"))
    if out:
        wb = openpyxl.load_workbook(out, data_only=True)
        n_checked = 0
        for table in exp["tables"]:
            ws = wb[table["sheet"]]
            for cell in table["cells"]:
                if cell["computed"]:
                    v = ws[cell["ref"]].value
                    n_checked += 1
                    expect(same_number(v, cell["after_edit"]),
                           f"LibreOffice recalculated {table['sheet']}!{cell['ref']} ({cell['key']}): {v!r}, model {cell['after_edit']}")
        expect(n_checked > 0, "no totals recalculated")


def main(argv):
    if len(argv) not in (3, 6):
        print(__doc__, file=sys.stderr)
        return 2
    path, exp_path = argv[1], argv[2]
    with open(exp_path, encoding="utf-8") as f:
        exp = json.load(f)
    with open(path, "rb") as f:
        expect(f.read(2) == b"PK", "not a zip file")
    check_workbook(path, exp)
    if len(argv) == 6 and argv[3] == "--libreoffice":
        check_libreoffice(path, exp, argv[4], argv[5])
    for message in failures[:60]:
        print("FAIL:", message)
    if len(failures) > 60:
        print(f"… and {len(failures) - 60} more")
    if not failures:
        print("ok:", path)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
