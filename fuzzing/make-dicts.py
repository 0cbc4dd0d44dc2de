#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Writes the libFuzzer dictionaries of the import targets (fuzzing/*.dict).

The labels and headings come from data/formats/*.json (the format is data:
not listed a second time here); the markup words are the syntax each reader
parses. libFuzzer reads only printable ASCII in a dictionary, so other bytes
are written as \\xNN.   python3 fuzzing/make-dicts.py
"""
import json
import os

here = os.path.dirname(os.path.abspath(__file__))
root = os.path.dirname(here)


def labels():
    out = set()

    def walk(o):
        if isinstance(o, dict):
            for k, v in o.items():
                if k in ('label', 'heading', 'title', 'name') and isinstance(v, str) and '{' not in v:
                    out.add(v)
                walk(v)
        elif isinstance(o, list):
            for v in o:
                walk(v)
    for name in ('2019.json', '2021.json'):
        with open(os.path.join(root, 'data', 'formats', name), encoding='utf-8') as f:
            walk(json.load(f))
    # Pieces of labels too: a label split over cells or lines.
    for label in list(out):
        for piece in label.replace('（', '、').replace('、', ' ').split():
            if len(piece) >= 2:
                out.add(piece)
    return sorted(out)


VALUES = ['0', '12', '1,234', '１２３', '+4', '-33', '——', '/', '无', '380000元', '万元', '\t', '\r\n',
          '\u3000', '\xa0', '\ufeff', '年', '政府信息公开工作年度报告', '（一）', '1.', '。']
HTML = ['<html>', '<body>', '<table>', '</table>', '<tr>', '</tr>', '<td>', '</td>', '<th>', ' colspan="',
        ' rowspan="', '<p>', '</p>', '<br>', '<span style="mso-spacerun:yes">', '</span>', '<font>', '<o:p></o:p>',
        '&nbsp;', '&#12288;', '<meta charset="gb2312">', '<meta http-equiv="Content-Type" content="text/html; charset=utf-8">',
        '<!DOCTYPE html>', '<script>', '<style>', '<div class="article">', '<h1>', '<tbody>', '<thead>']
DOCX = [b'PK\x03\x04', b'PK\x01\x02', b'PK\x05\x06', 'word/document.xml', '[Content_Types].xml', '_rels/.rels',
        '<w:document', '<w:body>', '<w:p>', '<w:r>', '<w:t>', '<w:t xml:space="preserve">', '<w:tbl>', '<w:tr>',
        '<w:tc>', '<w:tcPr>', '<w:gridSpan w:val="', '<w:vMerge w:val="restart"/>', '<w:vMerge/>', '<w:br/>',
        '<w:tab/>', '<w:pStyle w:val="Heading1"/>', '<w:numPr>', 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"']
XLSX = [b'PK\x03\x04', b'PK\x01\x02', b'PK\x05\x06', 'xl/workbook.xml', 'xl/worksheets/sheet1.xml', 'xl/sharedStrings.xml',
        'xl/_rels/workbook.xml.rels', '[Content_Types].xml', '_rels/.rels', '<workbook', '<sheets>',
        '<sheet name="', ' r:id="rId', '<sheetData>', '<row r="', '<c r="', ' t="s"', ' t="inlineStr"', ' t="str"',
        ' t="b"', ' t="e"', '<v>', '</v>', '<is><t>', '<f>', '<mergeCells>', '<mergeCell ref="', 'A1:C3', 'XFD1048576',
        '<sst>', '<si><t>', '<r><t>', '<rPh>', '1E+308', '1.5E-7', '-0', '数据', '报告正文', 'key', 'value',
        'format.version', 'format.year', 'meta.agency', 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument',
        'http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet',
        'http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings',
        b'\xd0\xcf\x11\xe0', 'EncryptedPackage']
PDF = ['%PDF-1.4', 'obj', 'endobj', 'stream', 'endstream', 'xref', 'trailer', '%%EOF', '/Type /Page', '/Font']
COMPARE = ['\n', '\f', '\n\n', '\u3000\u3000', ' ', '。', '，', '一是', '二是', '（一）']


def escape(word):
    """A word (str: its UTF-8 bytes; bytes: as they are) as a dictionary entry."""
    out = ''
    for b in word if isinstance(word, bytes) else word.encode('utf-8'):
        if b in (0x22, 0x5c):
            out += '\\' + chr(b)
        elif 32 <= b < 127:
            out += chr(b)
        else:
            out += '\\x%02X' % b
    return '"' + out + '"'


def write(name, title, words):
    seen = []
    for w in words:
        e = escape(w)
        if e not in seen:
            seen.append(e)
    with open(os.path.join(here, name), 'w', encoding='ascii') as f:
        f.write('# libFuzzer / AFL dictionary for %s (written by fuzzing/make-dicts.py)\n' % title)
        f.write('\n'.join(seen) + '\n')


L = labels()
write('text-reader.dict', 'fuzz-text-reader: the format\'s labels and printed values', L + VALUES)
write('html-reader.dict', 'fuzz-html-reader: markup of Word-exported pages, labels, values', HTML + L + VALUES)
write('docx-reader.dict', 'fuzz-docx-reader: zip and WordprocessingML, labels', DOCX + L + VALUES)
write('xlsx-reader.dict', 'fuzz-xlsx-reader: zip and SpreadsheetML, labels', XLSX + L + VALUES)
write('import.dict', 'fuzz-import: what the sniffer and every reader look for', PDF + HTML + DOCX + L + VALUES)
write('compare.dict', 'fuzz-compare: paragraph breaks and common words', COMPARE + L)
