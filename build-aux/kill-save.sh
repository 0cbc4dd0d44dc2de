#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The long kill -9 test of the save path: 500 kills each while nianbao-cli
# saves a large document (plain file, symlink, hard link). The suite runs
# a short variant (tests/test-safe-write.c); run this after touching
# src/core/nb-safe-write.c.   usage: build-aux/kill-save.sh [ROUNDS] [BUILDDIR]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
rounds="${1:-500}"
build="${2:-$here/build}"
ninja -C "$build" tests/test-safe-write src/cli/nianbao-cli >/dev/null
export NB_CLI="$build/src/cli/nianbao-cli" NB_KILL_ROUNDS="$rounds" LC_ALL=C.UTF-8
for v in plain symlink hardlink; do
  "$build/tests/test-safe-write" -p "/safe-write/kill/$v" --verbose 2>&1 | grep -E '^(ok|not ok|# [0-9]+ kills)'
done
