#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""make-ico.py OUT.ico IMAGE.png...: an .ico holding the PNGs as they are
(PNG-compressed entries, Windows Vista and later)."""
import struct
import sys

out, pngs = sys.argv[1], sys.argv[2:]
images = []
for p in pngs:
    data = open(p, "rb").read()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", p
    w, h = struct.unpack(">II", data[16:24])
    images.append((w, h, data))
header = struct.pack("<HHH", 0, 1, len(images))
offset = 6 + 16 * len(images)
entries, blobs = b"", b""
for w, h, data in images:
    entries += struct.pack("<BBBBHHII", w % 256, h % 256, 0, 0, 1, 32, len(data), offset + len(blobs))
    blobs += data
open(out, "wb").write(header + entries + blobs)
