#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Writes the seeds of the pdf-layout fuzz target (record format: see
fuzzing/fuzz-pdf-layout.c): a ruled table with spans over two pages, and
paragraphs with a page number."""
import struct

def rule(x1, y1, x2, y2, new_page=False):
    op = 1 | (2 if y1 == y2 else 0) | (0x80 if new_page else 0)
    return bytes([op]) + struct.pack('<4H', *(int(v * 64) for v in (x1, y1, x2, y2)))

def text(x, y, s, size=10, new_page=False):
    out = b''
    for k, ch in enumerate(s):
        digit = ch.isdigit()
        code = int(ch) if digit else (ord(ch) - 0x4e00) % 0x5000
        op = (4 if digit else 0) | (0x80 if new_page and k == 0 else 0)
        w = size / 2 if digit else size
        out += bytes([op]) + struct.pack('<3H', code, int(x * 64), int(y * 64)) + bytes([int(w * 8), int(size * 8)])
        x += w
    return out

table = b''
for y in (600, 620, 640, 660):
    table += rule(100, y, 400 if y != 640 else 400, y) if y != 640 else rule(200, y, 400, y)
for x in (100, 300, 400):
    table += rule(x, 600, x, 660)
table += rule(200, 620, 200, 660)
table += text(105, 603, '申请人情况') + text(305, 603, '总计') + text(105, 623, '不予公开')
table += text(205, 623, '国家秘密') + text(305, 623, '12') + text(305, 643, '34')
page2 = rule(100, 100, 400, 100, new_page=True) + rule(100, 120, 400, 120)
for x in (100, 200, 300, 400):
    page2 += rule(x, 100, x, 120)
page2 += text(205, 103, '危及安全') + text(305, 103, '56')
paras = text(100, 100, '一总体情况') + text(132, 130, '第一行文字' * 5) + text(100, 158, '第二行文字' * 5)
paras += text(280, 800, '1')
open('table-over-pages.bin', 'wb').write(paras + table + page2 + text(132, 200, '末段'))
open('paragraphs.bin', 'wb').write(paras)
