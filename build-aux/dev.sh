#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# One entry point for a fresh Debian 12 / Ubuntu machine:
#   build-aux/dev.sh deps   install the system packages (apt) and the zh_CN locale
#   build-aux/dev.sh build  deps + configure + compile into ./build
#   build-aux/dev.sh run    build, then start nianbao from the build tree (extra args go to it)
#   build-aux/dev.sh test   build, then run the whole test suite (GTK tests under Xvfb),
#                           then the core tests again under AddressSanitizer + UBSan,
#                           after a quick portability check of the C sources
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"

# The system packages, in one place (README and .ci/run both come here).
packages=(
  # build
  build-essential meson ninja-build pkg-config gettext
  libglib2.0-dev libglib2.0-bin libjson-glib-dev libgtk-4-dev
  libxlsxwriter-dev libcairo2-dev libpango1.0-dev libgsf-1-dev libxml2-dev
  # the PDF's faces subset by harfbuzz, drawn through FreeType
  libharfbuzz-dev libfreetype-dev
  # readers of published text files and web pages: encodings, HTML
  libuchardet-dev
  # readers of published reports: Word files (zip, XML) and PDFs
  libpoppler-glib-dev
  # fonts for the documents: Noto CJK SC (仿宋/宋体/黑体 fall-backs), AR PL (楷体)
  fonts-noto-cjk fonts-arphic-ukai fonts-arphic-uming
  # Calibri-metric font: LibreOffice otherwise prints our workbooks shrunk
  fonts-crosextra-carlito
  # tests: a display, the Chinese locale, independent readers of what we export
  xvfb xauth dbus-x11 at-spi2-core locales
  poppler-utils python3 python3-openpyxl libreoffice-calc-nogui
  python3-docx libreoffice-writer-nogui
  desktop-file-utils appstream libxml2-utils
  imagemagick librsvg2-bin valgrind xdotool
  # the web page validated as HTML5; the Word file read back and rendered
  tidy
  # the install test: the MIME database of a temporary prefix
  shared-mime-info
  # fuzzing (build-aux/fuzz.sh): clang with libFuzzer
  clang libclang-rt-dev
)

sudo_cmd=()
if [ "$(id -u)" != 0 ]; then sudo_cmd=(sudo); fi

deps() {
  local missing=()
  for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    echo "Installing: ${missing[*]}"
    "${sudo_cmd[@]}" apt-get update
    DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y --no-install-recommends "${missing[@]}"
  fi
  if ! locale -a 2>/dev/null | grep -qi '^zh_CN\.utf-\?8$'; then
    "${sudo_cmd[@]}" sed -i 's/^# *\(zh_CN.UTF-8 UTF-8\)/\1/' /etc/locale.gen
    grep -q '^zh_CN.UTF-8 UTF-8' /etc/locale.gen || echo 'zh_CN.UTF-8 UTF-8' | "${sudo_cmd[@]}" tee -a /etc/locale.gen >/dev/null
    "${sudo_cmd[@]}" locale-gen
  fi
}

build() {
  deps
  if [ ! -f build/build.ninja ]; then
    meson setup build
  fi
  ninja -C build
}

# Run from the build tree: translations, settings schema and formats come from there.
build_env() {
  export NB_LOCALEDIR="$here/build/po"
  export GSETTINGS_SCHEMA_DIR="$here/build/data"
}

case "${1:-}" in
  deps) deps ;;
  build) build ;;
  run)
    shift
    build
    build_env
    exec ./build/src/gui/nianbao "$@"
    ;;
  test)
    build
    build_env
    status=0
    # Windows builds: no POSIX-only headers or calls outside G_OS_UNIX blocks.
    python3 build-aux/check-portability.py src tests bench || status=1
    xvfb-run -a -s "-screen 0 1400x1000x24" meson test -C build --print-errorlogs || status=$?
    python3 build-aux/test-summary.py build/meson-logs/testlog.json main || status=1
    # Memory and undefined-behaviour errors in the core: its tests again under sanitizers.
    if [ ! -f build-asan/build.ninja ]; then
      meson setup build-asan -Db_sanitize=address,undefined -Dgui=disabled -Dbuildtype=debug
    fi
    ninja -C build-asan
    # The kill -9 test is slow under ASan: fewer rounds there (the plain build runs 60 each).
    NB_KILL_ROUNDS=25 \
    ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
    UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
    LSAN_OPTIONS=suppressions="$here/build-aux/lsan.supp" \
      meson test -C build-asan --suite core --print-errorlogs || status=$?
    python3 build-aux/test-summary.py build-asan/meson-logs/testlog.json sanitizers || status=1
    # A short libFuzzer run of every fuzz target (fuzzing/), ASan + UBSan: 18 s each (~3 min).
    build-aux/fuzz.sh "${NB_FUZZ_SECONDS:-18}" || status=$?
    # Windows: the suite again under Wine, when a cross-built prefix is cached
    # (build-aux/windows/build.sh makes one; a fresh machine has none).
    wincache="${NB_WIN_CACHE:-$HOME/.cache/nianbao-win}"
    if command -v wine >/dev/null && NB_WIN_CACHE="$wincache" bash build-aux/windows/build.sh cached 2>/dev/null; then
      NB_WIN_CACHE="$wincache" bash build-aux/windows/build.sh nianbao test || status=$?
      python3 build-aux/test-summary.py "$wincache/nianbao-build/meson-logs/testlog.json" wine || status=1
    else
      echo "wine: no cross-built prefix in $wincache, Windows tests not run"
    fi
    exit $status
    ;;
  *)
    echo "usage: $0 deps|build|run [FILE]|test" >&2
    exit 2
    ;;
esac
