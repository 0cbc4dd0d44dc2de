#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""A published report as a Word file, made by python-docx (not by nianbao).

    make-docx.py FORMAT.json TEXT.txt OUT.docx EXPECTED.json [shaded]

The tables are laid out from the format's own grid (data/formats/*.json,
HTML-like rows with colspan/rowspan) with python-docx's merge (w:gridSpan,
w:vMerge), as Word does; every figure is distinct and non-zero, so a figure
read into the wrong cell shows.  The texts are the sections of a published
report in plain text (tests/fixtures/wenxian-transport-2020.txt).  Some
paragraphs carry what Word files carry: runs split anywhere, a tracked
insertion and deletion, a hyperlink, a content control, a tab, a manual
line break.  With "shaded", header cells are shaded grey (25 % and 35 %
darker), as some agencies print them.  EXPECTED.json says what a reader must find: the paragraphs in
order and each table's rows of {text, colspan, rowspan} and, per table, the
figure written for each cell key.
"""
import copy
import json
import re
import sys

from docx import Document
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm, Pt

W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main'

fmt_path, text_path, out_path, expected_path = sys.argv[1:5]
shaded = sys.argv[5:6] == ['shaded']
fmt = json.load(open(fmt_path, encoding='utf-8'))
lines = [l.strip() for l in open(text_path, encoding='utf-8-sig').read().splitlines()]

# Figures: distinct, non-zero; totals add up so that the checks pass.
values = {}
n = 1
for t in fmt['tables']:
    for r in t['rows']:
        for c in r.get('columns', [col['key'] for col in t['columns']]):
            key = '%s/%s/%s' % (t['key'], r['key'], c)
            if c == 'delta':
                values[key] = str(-n)
            elif c == 'amount':
                values[key] = '%d.%04d' % (n, n)
            else:
                values[key] = str(n)
            n += 1
def row_total(table, row, cols, total):
    values['%s/%s/%s' % (table, row, total)] = str(sum(int(values['%s/%s/%s' % (table, row, c)]) for c in cols))
req = next(t for t in fmt['tables'] if t['key'] == 'requests')
req_cols = [c['key'] for c in req['columns'] if c['key'] != 'total']
req_rows = [r['key'] for r in req['rows']]
for r in req_rows:
    row_total('requests', r, req_cols, 'total')
if 'results_total' in req_rows:
    results = req_rows[req_rows.index('carried_in') + 1:req_rows.index('results_total')]
    for c in req_cols + ['total']:
        values['requests/results_total/' + c] = str(sum(int(values['requests/%s/%s' % (r, c)]) for r in results))
for g in ('reconsideration', 'direct', 'after'):
    parts = ['review/count/%s_%s' % (g, k) for k in ('upheld', 'corrected', 'other', 'pending')]
    if all(p in values for p in parts):
        values['review/count/%s_total' % g] = str(sum(int(values[p]) for p in parts))

doc = Document()
section = doc.sections[0]
section.page_width, section.page_height = Cm(21), Cm(29.7)
section.left_margin = section.right_margin = Cm(2.6)
section.top_margin, section.bottom_margin = Cm(3.7), Cm(3.5)
style = doc.styles['Normal']
style.font.size = Pt(12)
style.font.name = 'Noto Serif CJK SC'
style.element.rPr.rFonts.set(qn('w:eastAsia'), 'Noto Serif CJK SC')

expected = {'paragraphs': [], 'tables': []}

def para(text, split_runs=True, indent=False):
    p = doc.add_paragraph()
    if indent:
        p.paragraph_format.first_line_indent = Pt(24)   # two characters, as printed
    if split_runs and len(text) > 8:
        # Word splits runs anywhere (spell check, edits): a reader joins them.
        for i in range(0, len(text), 7):
            p.add_run(text[i:i + 7])
    else:
        p.add_run(text)
    expected['paragraphs'].append(text)
    return p

def raw_para(xml, texts):
    doc.element.body.find(qn('w:sectPr')).addprevious(parse_xml(xml))
    expected['paragraphs'].extend(texts)

# The sections of the published text.
heads = ['一、', '二、', '三、', '四、', '五、', '六、']
sections = {}
cur = None
for l in lines:
    if not l:
        continue
    m = [h for h in heads if l.startswith(h)]
    if m and len(l) < 30:
        cur = m[0]
        sections[cur] = (l, [])
    elif cur:
        sections[cur][1].append(l)

def body_paragraphs(key):
    # the text part of a section: lines before its table's first label
    out = []
    for l in sections[key][1]:
        if '\t' in l or re.match(r'^[0-9０-９.]+$', l):
            break
        out.append(l)
    return out

agency = '温县交通运输局'
# the title in 2号 (22 pt), centred, broken by hand after the agency's year
raw_para('<w:p %s><w:pPr><w:jc w:val="center"/></w:pPr><w:r><w:rPr><w:b/><w:sz w:val="44"/></w:rPr>'
         '<w:t>%s2020年</w:t></w:r><w:r><w:rPr><w:sz w:val="44"/></w:rPr><w:br/></w:r>'
         '<w:r><w:rPr><w:b/><w:sz w:val="44"/></w:rPr><w:t>政府信息公开工作年度报告</w:t></w:r></w:p>'
         % (nsdecls('w'), agency),
         [agency + '2020年政府信息公开工作年度报告'])

def section_text(key):
    para(sections[key][0], split_runs=False)
    for text in body_paragraphs(key):
        para(text, indent=not re.match(r'^（[一二三四五六七八九十]+）', text))

section_text('一、')
# What Word files carry besides plain runs.
raw_para('<w:p %s><w:r><w:t xml:space="preserve">本年度</w:t></w:r>'
         '<w:ins w:id="1" w:author="a" w:date="2021-01-01T00:00:00Z"><w:r><w:t>新增</w:t></w:r></w:ins>'
         '<w:del w:id="2" w:author="a" w:date="2021-01-01T00:00:00Z"><w:r><w:delText>删去的文字</w:delText></w:r></w:del>'
         '<w:hyperlink w:history="1"><w:r><w:t>政府信息公开专栏</w:t></w:r></w:hyperlink>'
         '<w:r><w:t>见</w:t><w:tab/><w:t>附件。</w:t></w:r></w:p>' % nsdecls('w'),
         ['本年度新增政府信息公开专栏见\t附件。'])
raw_para('<w:sdt %s><w:sdtPr><w:alias w:val="x"/></w:sdtPr><w:sdtContent><w:p><w:r>'
         '<w:t>内容控件中的段落。</w:t></w:r></w:p></w:sdtContent></w:sdt>' % nsdecls('w'),
         ['内容控件中的段落。'])

def add_table(tdef):
    grid = tdef['grid']
    ncols = grid['columns']
    rows = grid['rows']
    table = doc.add_table(rows=len(rows), cols=ncols)
    table.style = 'Table Grid'
    # the format's relative column widths, over the text width (16 cm)
    widths = grid.get('widths', [1] * ncols)
    for j, column in enumerate(table.columns):
        for cell in column.cells:
            cell.width = Cm(15.8 * widths[j] / sum(widths))
    occupied = set()
    exp_rows = []
    figures = {}
    for r, row in enumerate(rows):
        c = 0
        exp_row = []
        for cell in row:
            while (r, c) in occupied:
                c += 1
            cs, rs = cell.get('colspan', 1), cell.get('rowspan', 1)
            for i in range(r, r + rs):
                for j in range(c, c + cs):
                    occupied.add((i, j))
            if 'cell' in cell:
                text = values.get(cell['cell'], '')
                figures[cell['cell']] = text
            elif 'column' in cell:   # the grid names the column whose label it prints
                text = next(k['label'] for k in tdef['columns'] if k['key'] == cell['column'])
            elif 'row' in cell:
                text = next(k['label'] for k in tdef['rows'] if k['key'] == cell['row'])
            elif 'column_group' in cell:   # the group of that column: 行政复议
                text = next(k['group'] for k in tdef['columns'] if k['key'] == cell['column_group'])
            elif 'row_group' in cell:      # the caption over that row's group
                text = next(k['group'] for k in tdef['rows'] if k['key'] == cell['row_group'])
            else:
                text = cell.get('text', '')
            a = table.cell(r, c)
            if cs > 1 or rs > 1:
                a = a.merge(table.cell(r + rs - 1, c + cs - 1))
            # a label broken by a manual line break, as printed ones are
            if text == '三、本年度办理结果':
                a.paragraphs[0].add_run('三、本年度办')
                a.paragraphs[0].add_run().add_break()
                a.paragraphs[0].add_run('理结果')
                text = '三、本年度办\n理结果'
            else:
                a.paragraphs[0].text = text
            role = cell.get('role', 'header' if 'column' in cell else None)
            if shaded and role in ('header', 'caption'):
                a._tc.get_or_add_tcPr().append(parse_xml(
                    '<w:shd %s w:val="clear" w:color="auto" w:fill="%s"/>'
                    % (nsdecls('w'), 'A6A6A6' if role == 'caption' else 'BFBFBF')))
            exp_row.append({'text': text, 'colspan': cs, 'rowspan': rs})
            c += cs
        exp_rows.append(exp_row)
    expected['tables'].append({'key': tdef['key'], 'rows': exp_rows, 'figures': figures})

for key, tkey in (('二、', 'active'), ('三、', 'requests'), ('四、', 'review')):
    para(sections[key][0], split_runs=False)
    add_table(next(t for t in fmt['tables'] if t['key'] == tkey))
section_text('五、')
section_text('六、')
para(agency, split_runs=False)
para('2021年1月20日', split_runs=False)

doc.save(out_path)
expected['values'] = values
json.dump(expected, open(expected_path, 'w', encoding='utf-8'), ensure_ascii=False, indent=1)
