#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
# The boundary check refuses exactly the includes marked FLAG <folders> in its
# sample, checked as a file of each folder, and the tree passes it.
import re
import subprocess
import sys

checker, sample, src = sys.argv[1:]
with open(sample, encoding="utf-8") as f:
    lines = f.read().splitlines()
for layer in ["core", "export", "import", "aggregate", "cli", "gui"]:
    out = subprocess.run([sys.executable, checker, src, f"{sample}={layer}"],
                         capture_output=True, text=True)
    wanted = [i for i, line in enumerate(lines, 1)
              if (m := re.search(r"FLAG ([a-z ]+)", line)) and layer in m.group(1).split()]
    found = sorted(int(n) for n in re.findall(re.escape(sample) + r":(\d+): ", out.stdout))
    assert found == wanted, f"as {layer}: found lines {found}, wanted {wanted}:\n{out.stdout}{out.stderr}"
    assert out.returncode == (1 if wanted else 0), (layer, out)
    print(f"ok - as {layer}: {len(found)} includes refused")

out = subprocess.run([sys.executable, checker, src], capture_output=True, text=True)
sys.stdout.write(out.stdout + out.stderr)
sys.exit(out.returncode)
