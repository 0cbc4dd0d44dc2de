#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Writes the hand-made workbooks of tests/fuzz/xlsx-reader/ (the others are
nianbao-cli exports). Each is the smallest zip Excel would open: a
workbook, its relationships, one sheet's XML as Excel or WPS writes it.
   python3 tests/fuzz/xlsx-reader/make-seeds.py"""
import os
import zipfile

here = os.path.dirname(os.path.abspath(__file__))
NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" ' \
     'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/'


def workbook(name, sheets, shared=None):
    with zipfile.ZipFile(os.path.join(here, name), 'w', zipfile.ZIP_DEFLATED) as z:
        z.writestr('[Content_Types].xml',
                   '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                   '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
                   '<Default Extension="xml" ContentType="application/xml"/></Types>')
        z.writestr('_rels/.rels',
                   '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                   '<Relationship Id="rId1" Type="%sofficeDocument" Target="xl/workbook.xml"/></Relationships>' % REL)
        rels = ''.join('<Relationship Id="rId%d" Type="%sworksheet" Target="worksheets/sheet%d.xml"/>' % (i + 1, REL, i + 1)
                       for i in range(len(sheets)))
        if shared is not None:
            rels += '<Relationship Id="rIdS" Type="%ssharedStrings" Target="sharedStrings.xml"/>' % REL
            z.writestr('xl/sharedStrings.xml', '<?xml version="1.0" encoding="UTF-8"?><sst %s count="%d">%s</sst>'
                       % (NS, len(shared), ''.join('<si>%s</si>' % s for s in shared)))
        z.writestr('xl/_rels/workbook.xml.rels',
                   '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">%s</Relationships>' % rels)
        z.writestr('xl/workbook.xml', '<?xml version="1.0" encoding="UTF-8"?><workbook %s><sheets>%s</sheets></workbook>'
                   % (NS, ''.join('<sheet name="%s" sheetId="%d"%s r:id="rId%d"/>' % (s[0], i + 1, s[2], i + 1)
                                  for i, s in enumerate(sheets))))
        for i, s in enumerate(sheets):
            z.writestr('xl/worksheets/sheet%d.xml' % (i + 1),
                       '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet %s>%s</worksheet>' % (NS, s[1]))


# 表三's head as a superior's template typed in Excel: shared strings, merged header cells, numbers.
shared = ['<t>三、收到和处理政府信息公开申请情况</t>', '<t>本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和</t>',
          '<t>申请人情况</t>', '<t>自然人</t>', '<t>法人或其他组织</t>', '<t>商业企业</t>', '<t>总计</t>',
          '<t>一、本年新收政府信息公开申请数量</t>', '<r><t>二、上年结转</t></r><r><rPr><b/></rPr><t>政府信息公开申请数量</t></r>',
          '<t xml:space="preserve">  （一）予以公开 </t><rPh sb="0" eb="1"><t>ヨ</t></rPh>', '<t>_x000D_换行_x005F_x</t>']
rows = ('<row r="1"><c r="A1" t="s"><v>0</v></c></row>'
        '<row r="2"><c r="A2" t="s"><v>1</v></c><c r="D2" t="s"><v>2</v></c></row>'
        '<row r="3"><c r="D3" t="s"><v>3</v></c><c r="E3" t="s"><v>4</v></c><c r="J3" t="s"><v>6</v></c></row>'
        '<row r="4"><c r="E4" t="s"><v>5</v></c></row>'
        '<row r="5"><c r="A5" t="s"><v>7</v></c><c r="D5"><v>124</v></c><c r="E5"><v>3</v></c><c r="J5"><f>SUM(D5:I5)</f><v>127</v></c></row>'
        '<row r="6"><c r="A6" t="s"><v>8</v></c><c r="D6" t="str"><v>5</v></c><c r="E6"><v>0</v></c><c r="J6"><v>5.0000000000000009</v></c></row>'
        '<row r="7"><c r="B7" t="s"><v>9</v></c><c r="D7"><v>1.2E+2</v></c><c r="E7" t="inlineStr"><is><t>——</t></is></c></row>'
        '<row r="8"><c r="A8" t="s"><v>10</v></c><c r="D8" t="b"><v>1</v></c><c r="E8" t="e"><v>#DIV/0!</v></c></row>')
merges = ('<mergeCells count="5"><mergeCell ref="A2:C4"/><mergeCell ref="D2:J2"/><mergeCell ref="E3:I3"/>'
          '<mergeCell ref="A5:C5"/><mergeCell ref="A6:C6"/></mergeCells>')
workbook('template-requests.xlsx', [('表三', '<sheetData>%s</sheetData>%s' % (rows, merges), '')], shared)

# nianbao's 数据 sheet (key | value, all text) written by hand: a few cells, a hidden sheet.
data = ''.join('<row r="%d"><c r="A%d" t="inlineStr"><is><t>%s</t></is></c><c r="B%d" t="inlineStr"><is><t>%s</t></is></c></row>'
               % (i + 1, i + 1, k, i + 1, v) for i, (k, v) in enumerate(
                   [('key', 'value'), ('format.version', '2021'), ('format.year', '2024'), ('meta.agency', '某某市交通运输局'),
                    ('requests/new/natural', '12'), ('requests/new/total', '12'), ('text.overview', '一、总体情况\n本年度…')]))
workbook('data-sheet.xlsx', [('报告正文', '<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>某某市交通运输局2024年政府信息公开工作年度报告</t></is></c></row></sheetData>', ''),
                             ('数据', '<sheetData>%s</sheetData>' % data, ' state="hidden"')])

# One column: paragraphs; odd references and values WPS writes.
workbook('one-column.xlsx', [('Sheet1', '<dimension ref="A1:A4"/><sheetData><row r="1" spans="1:1"><c r="A1" t="inlineStr"><is><t>一、总体情况</t></is></c></row>'
                              '<row r="3"><c r="A3" t="inlineStr"><is><t>本机关坚持以习近平新时代中国特色社会主义思想为指导。</t></is></c></row>'
                              '<row><c t="inlineStr"><is><t>no reference</t></is></c></row>'
                              '<row r="1048576"><c r="XFD1048576"><v>-0</v></c></row></sheetData>', '')])

# Regression (fuzz-xlsx-reader hang): one cell in the last place a sheet has, and a merge of the whole
# sheet: the grid was walked as 1048576 × 16384 places.
workbook('regress-far-cell.xlsx', [('S', '<sheetData><row r="1"><c r="A1"><v>1</v></c><c r="B1"><v>2</v></c></row>'
                                   '<row r="1048576"><c r="XFD1048576"><v>1</v></c></row></sheetData>'
                                   '<mergeCells count="2"><mergeCell ref="A1:XFD1048576"/><mergeCell ref="A1:XFD1048576"/></mergeCells>', '')])
