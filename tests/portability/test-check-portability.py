#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
# The portability check finds exactly the lines marked FLAG in its input (and
# nothing in comments, strings or G_OS_UNIX blocks), and the tree passes it.
import re
import subprocess
import sys

checker, sample, *tree = sys.argv[1:]
out = subprocess.run([sys.executable, checker, sample], capture_output=True, text=True)
assert out.returncode == 1, out
found = sorted(int(m) for m in re.findall(r":(\d+): ", out.stdout))
with open(sample, encoding="utf-8") as f:
    wanted = [i for i, line in enumerate(f, 1) if "FLAG" in line]
assert found == wanted, "found lines %s, wanted %s:\n%s" % (found, wanted, out.stdout)

out = subprocess.run([sys.executable, checker] + tree, capture_output=True, text=True)
sys.stdout.write(out.stdout + out.stderr)
sys.exit(out.returncode)
