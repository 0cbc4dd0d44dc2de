#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Cross-build nianbao for 64-bit Windows on Debian 12, test it under Wine, and
# gather a folder that runs by double-click plus an NSIS installer.
#
#   build-aux/windows/build.sh [STAGE...]
#
# Stages (default: all, in this order):
#   tools      install the Debian packages this needs (mingw-w64, wine, nsis, …)
#   sources    fetch the dependencies' Debian source packages (deb-src for bookworm)
#   deps       cross-build them into the cached prefix (each one is rebuilt only
#              when its source version or its recipe below changed)
#   cached     succeed only when every dependency is built and up to date
#              (not in the default stages: CI asks it before the Wine tests)
#   nianbao    cross-build nianbao against the prefix
#   test       run nianbao's test suite under Wine (meson's exe_wrapper)
#   bundle     gather dist/nianbao-win64/: the programs, every DLL they load (found
#              by walking their imports with objdump -p), schemas, pixbuf loaders,
#              icons, translations, format data, fontconfig configuration
#   installer  build dist/nianbao-<version>-win64-setup.exe with makensis
#
# Environment:
#   NB_WIN_CACHE  cache folder (default ~/.cache/nianbao-win): sources, the
#                 dependency prefix, build trees, the Wine prefix
#   NB_WIN_JOBS   parallel jobs (default 2)
#   NB_WIN_NICE   set to 0 to build at normal priority (default: nice + idle I/O)
#   NB_WIN_GUI    set to 0 to build and test nianbao without the window (-Dgui=disabled)
#   NB_WIN_TESTS  test stage: only these tests (space-separated meson test names)
#   NB_WIN_ONLY   deps stage: build only these packages (space-separated), without
#                 invalidating what comes after them in deps_list: for packages
#                 nothing later links (e.g. the importers' libraries before gtk4)
#
# An interrupted dependency build resumes where it stopped when rerun with the
# same recipe and source; `rm -rf $NB_WIN_CACHE/build/NAME` starts it over.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cache="${NB_WIN_CACHE:-$HOME/.cache/nianbao-win}"
jobs="${NB_WIN_JOBS:-2}"
host=x86_64-w64-mingw32
prefix="$cache/prefix"
srcdir="$cache/src"
blddir="$cache/build"
stamps="$cache/stamps"
cross="$cache/cross.ini"
dist="$here/dist"
bundle="$dist/nianbao-win64"
# NB_WIN_GUI=0: the core and exporters only (-Dgui=disabled), e.g. before GTK is built.
if [ "${NB_WIN_GUI:-1}" = 0 ]; then nb_build="$cache/nianbao-core-build"; nb_opts=(-Dgui=disabled)
else nb_build="$cache/nianbao-build"; nb_opts=(); fi

export WINEPREFIX="$cache/wine"
export WINEDEBUG="${WINEDEBUG:--all}"
# winedbg off: a crashing test ends with its status instead of hanging in
# the debugger until the test's timeout.
export WINEDLLOVERRIDES="${WINEDLLOVERRIDES:-mscoree,mshtml=;winedbg.exe=d}"
export PKG_CONFIG_LIBDIR="$prefix/lib/pkgconfig:$prefix/share/pkgconfig"
unset PKG_CONFIG_PATH

nice_cmd=()
if [ "${NB_WIN_NICE:-1}" != 0 ]; then nice_cmd=(nice -n 19 ionice -c3); fi

log() { printf '\033[1m== %s\033[0m\n' "$*" >&2; }
die() { printf 'build.sh: %s\n' "$*" >&2; exit 1; }

# The gcc runtime DLLs (posix thread model: C++ std::mutex for harfbuzz).
gcc_rt="$(dirname "$($host-gcc-posix -print-libgcc-file-name 2>/dev/null || echo /usr/lib/gcc/$host/12-posix/libgcc.a)")"
mingw_rt="/usr/$host/lib"
winpath_of() { printf 'Z:%s' "${1//\//\\}"; }
export WINEPATH="$(winpath_of "$prefix/bin");$(winpath_of "$gcc_rt");$(winpath_of "$mingw_rt")"

# ---------------------------------------------------------------------------
tools() {
  local pkgs=(gcc-mingw-w64-x86-64 g++-mingw-w64-x86-64 mingw-w64-tools
              wine wine64 nsis dpkg-dev meson ninja-build cmake pkg-config
              autoconf automake libtool gperf autopoint gtk-doc-tools sassc gettext
              libglib2.0-dev-bin libgtk-4-bin xvfb xauth xdotool imagemagick
              fonts-noto-cjk python3)
  local missing=()
  for p in "${pkgs[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  if ! grep -rqs '^Types:.*deb-src\|^deb-src' /etc/apt/sources.list /etc/apt/sources.list.d/; then
    log "enabling deb-src for bookworm"
    cat > /etc/apt/sources.list.d/debian-src.sources <<'EOF'
Types: deb-src
URIs: http://deb.debian.org/debian
Suites: bookworm bookworm-updates
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
EOF
    apt-get update
  fi
  if [ ${#missing[@]} -gt 0 ]; then
    log "installing ${missing[*]}"
    apt-get update
    DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}"
  fi
}

# ---------------------------------------------------------------------------
# The dependencies, in build order: Debian source package, then how to build it.
deps_list=(zlib libffi pcre2 gettext glib2.0 json-glib libxlsxwriter expat
           libpng1.6 freetype fontconfig pixman cairo fribidi harfbuzz pango1.0
           libjpeg-turbo tiff gdk-pixbuf graphene libepoxy
           libxml2 libgsf uchardet poppler gtk4)

# Source folder of a fetched package (the newest extracted one).
src_of() {
  local d
  d="$(find "$srcdir" -maxdepth 1 -mindepth 1 -type d -name "$1-[0-9]*" | sort -V | tail -1)"
  [ -n "$d" ] || die "no source for $1 in $srcdir (run the 'sources' stage)"
  printf '%s' "$d"
}

sources() {
  mkdir -p "$srcdir"
  cd "$srcdir"
  local p
  for p in "${deps_list[@]}"; do
    if find . -maxdepth 1 -type d -name "$p-[0-9]*" | grep -q .; then continue; fi
    log "apt-get source $p"
    # Some mirrors lack a package's Debian diff: the upstream tarball, checked
    # against the .dsc's sha256, is then used without Debian's patches.
    if ! apt-get source -q "$p"; then
      apt-get source -q --download-only "$p" || true
      local dsc orig sum
      dsc="$(ls -1 "${p}"_*.dsc 2>/dev/null | sort -V | tail -1 || true)"
      [ -n "$dsc" ] || die "apt-get source $p failed (is deb-src enabled?)"
      orig="$(awk '/^Checksums-Sha256:/{f=1;next} /^[^ ]/{f=0} f && $3 ~ /\.orig\.tar\./{print $3; exit}' "$dsc")"
      sum="$(awk '/^Checksums-Sha256:/{f=1;next} /^[^ ]/{f=0} f && $3 ~ /\.orig\.tar\./{print $1; exit}' "$dsc")"
      if [ -f "$orig" ]; then
        echo "$sum  $orig" | sha256sum -c - || die "$orig does not match $dsc"
        tar xf "$orig"
      elif ls "${p}"-*.tar* >/dev/null 2>&1; then
        # Placed by hand (e.g. `git archive` of the release tag): see README.
        log "$p: the mirror has no $orig; using $(ls "${p}"-*.tar* | head -1)"
        tar xf "$(ls "${p}"-*.tar* | head -1)"
        debian_patches "$p"
      else
        die "$p: neither Debian's $orig nor a ${p}-VERSION.tar in $srcdir"
      fi
    fi
  done
}

# Debian's patches (security fixes) on an upstream tree placed by hand, when
# the .debian.tar.* came down beside the .dsc.
debian_patches() {
  local deb tree pt
  # (|| true: with pipefail, ls finding none would end the script here)
  deb="$(ls -1 "$1"_*.debian.tar.* 2>/dev/null | sort -V | tail -1 || true)"
  [ -n "$deb" ] || return 0
  tree="$(find . -maxdepth 1 -mindepth 1 -type d -name "$1-[0-9]*" | sort -V | tail -1)"
  tar xf "$deb" -C "$tree"
  [ -f "$tree/debian/patches/series" ] || return 0
  grep -v '^\s*#' "$tree/debian/patches/series" | while read -r pt _; do
    [ -n "$pt" ] || continue
    log "$1: applying debian/patches/$pt"
    patch -d "$tree" -p1 -N < "$tree/debian/patches/$pt"
  done
}

write_cross() {
  mkdir -p "$cache"
  cat > "$cross.new" <<EOF
[binaries]
c = '$host-gcc-posix'
cpp = '$host-g++-posix'
ar = '$host-ar'
strip = '$host-strip'
windres = '$host-windres'
objdump = '$host-objdump'
pkg-config = 'pkg-config'
pkgconfig = 'pkg-config'
exe_wrapper = 'wine'

[properties]
pkg_config_libdir = ['$prefix/lib/pkgconfig', '$prefix/share/pkgconfig']

[built-in options]
c_args = ['-I$prefix/include']
cpp_args = ['-I$prefix/include']
c_link_args = ['-L$prefix/lib', '-static-libgcc']
cpp_link_args = ['-L$prefix/lib', '-static-libgcc', '-static-libstdc++']

[host_machine]
system = 'windows'
cpu_family = 'x86_64'
cpu = 'x86_64'
endian = 'little'
EOF
  cmp -s "$cross.new" "$cross" 2>/dev/null && rm "$cross.new" || mv "$cross.new" "$cross"

  cat > "$cache/toolchain.cmake" <<EOF
set(CMAKE_SYSTEM_NAME Windows)
set(CMAKE_SYSTEM_PROCESSOR x86_64)
set(CMAKE_C_COMPILER $host-gcc-posix)
set(CMAKE_CXX_COMPILER $host-g++-posix)
set(CMAKE_RC_COMPILER $host-windres)
set(CMAKE_FIND_ROOT_PATH $prefix /usr/$host)
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
set(CMAKE_C_FLAGS_INIT "-I$prefix/include")
set(CMAKE_EXE_LINKER_FLAGS_INIT "-L$prefix/lib -static-libgcc")
set(CMAKE_SHARED_LINKER_FLAGS_INIT "-L$prefix/lib -static-libgcc")
EOF
}

run() { "${nice_cmd[@]}" "$@"; }

# An interrupted build (GTK alone takes most of an hour) is resumed where it
# stopped when its tree was configured by this very recipe and source (deps
# passes the stamp in NB_STAMP); a finished tree is never reused: rebuilding a
# dependency means its recipe or something before it changed.
resumable() { [ -n "${NB_STAMP:-}" ] && [ "$(cat "$1/.nb-started" 2>/dev/null)" = "$NB_STAMP" ]; }
mark_started() { [ -z "${NB_STAMP:-}" ] || echo "$NB_STAMP" > "$1/.nb-started"; }

meson_dep() {   # meson_dep NAME [meson options...]
  local name="$1"; shift
  local s b; s="$(src_of "$name")"; b="$blddir/$name"
  if ! resumable "$b"; then
    rm -rf "$b"
    run meson setup "$b" "$s" --cross-file "$cross" --prefix "$prefix" --libdir lib \
      --buildtype release -Ddefault_library=shared --wrap-mode nodownload "$@"
    mark_started "$b"
  fi
  run ninja -C "$b" -j "$jobs"
  run ninja -C "$b" install
}

autotools_dep() {   # autotools_dep NAME SUBDIR [configure options...]
  local name="$1" sub="$2"; shift 2
  local s b; s="$(src_of "$name")$sub"; b="$blddir/$name"
  if ! resumable "$b"; then
    rm -rf "$b"; mkdir -p "$b"
    (cd "$b" && run "$s/configure" --host=$host --prefix="$prefix" \
       CC=$host-gcc-posix CXX=$host-g++-posix \
       CPPFLAGS="-I$prefix/include" LDFLAGS="-L$prefix/lib -static-libgcc" \
       --enable-shared --disable-static "$@")
    mark_started "$b"
  fi
  (cd "$b" && for d in ${AUTOTOOLS_DIRS:-.}; do run make -C "$d" -j "$jobs" && run make -C "$d" install || exit 1; done)
}

cmake_dep() {   # cmake_dep NAME [cmake options...]  (CMAKE_SUBDIR: where CMakeLists.txt is)
  local name="$1"; shift
  local s b; s="$(src_of "$name")${CMAKE_SUBDIR:-}"; b="$blddir/$name"
  if ! resumable "$b"; then
    rm -rf "$b"
    run cmake -S "$s" -B "$b" -G Ninja -DCMAKE_TOOLCHAIN_FILE="$cache/toolchain.cmake" \
      -DCMAKE_INSTALL_PREFIX="$prefix" -DCMAKE_BUILD_TYPE=Release -DBUILD_SHARED_LIBS=ON "$@"
    mark_started "$b"
  fi
  run ninja -C "$b" -j "$jobs"
  run ninja -C "$b" install
}

# --- one recipe per dependency ---------------------------------------------
build_zlib() {
  # Debian's +dfsg tarball drops win32/, whose version resource CMake wants.
  mkdir -p "$(src_of zlib)/win32"
  printf '1 VERSIONINFO\nFILEVERSION 1,2,13,0\nBEGIN\nEND\n' > "$(src_of zlib)/win32/zlib1.rc"
  cmake_dep zlib -DZLIB_BUILD_EXAMPLES=OFF
  # The import library is libzlib.dll.a; what depends on zlib links -lz.
  cp "$prefix/lib/libzlib.dll.a" "$prefix/lib/libz.dll.a"
  mkdir -p "$prefix/lib/pkgconfig"
  sed -i 's/-lzlib\b/-lz/' "$prefix/share/pkgconfig/zlib.pc" "$prefix/lib/pkgconfig/zlib.pc" 2>/dev/null || true
  [ -f "$prefix/lib/pkgconfig/zlib.pc" ] || cp "$prefix/share/pkgconfig/zlib.pc" "$prefix/lib/pkgconfig/zlib.pc"
}
build_libffi() { autotools_dep libffi "" --disable-docs --disable-multi-os-directory; }
build_pcre2() { autotools_dep pcre2 "" --enable-unicode --disable-pcre2grep-libz --disable-pcre2grep-libbz2; }
# GNU libintl (what MSYS2 ships): without it the interface stays English.
build_gettext() {
  local s b; s="$(src_of gettext)/gettext-runtime"; b="$blddir/gettext"
  rm -rf "$b"; mkdir -p "$b"
  (cd "$b" && run "$s/configure" --host=$host --prefix="$prefix" \
     CC=$host-gcc-posix CXX=$host-g++-posix \
     CPPFLAGS="-I$prefix/include" LDFLAGS="-L$prefix/lib -static-libgcc" \
     --enable-shared --disable-static --disable-java --disable-csharp \
     --disable-libasprintf --disable-openmp --enable-threads=windows \
     --without-emacs --disable-rpath \
   && run make -C intl -j "$jobs" && run make -C intl install)
  [ -f "$prefix/include/libintl.h" ] && [ -f "$prefix/lib/libintl.dll.a" ]
}
build_glib2.0() {
  meson_dep glib2.0 -Dtests=false -Dinstalled_tests=false -Dman=false -Dgtk_doc=false \
    -Dlibmount=disabled -Dselinux=disabled -Dxattr=false -Dlibelf=disabled -Dnls=enabled
}
build_json-glib() { meson_dep json-glib -Dintrospection=disabled -Dgtk_doc=disabled -Dman=false -Dtests=false; }
build_libxlsxwriter() {
  cmake_dep libxlsxwriter -DUSE_SYSTEM_MINIZIP=OFF -DBUILD_TESTS=OFF -DBUILD_EXAMPLES=OFF
}
build_expat() {
  # Debian's security patches test `#if XML_DTD == 1` (its build is autotools);
  # CMake's config header defines XML_DTD without a value.
  sed -i 's/^#cmakedefine XML_DTD$/#cmakedefine XML_DTD 1/' "$(src_of expat)/expat/expat_config.h.cmake"
  CMAKE_SUBDIR=/expat cmake_dep expat -DEXPAT_BUILD_TESTS=OFF -DEXPAT_BUILD_EXAMPLES=OFF \
    -DEXPAT_BUILD_TOOLS=OFF -DEXPAT_BUILD_DOCS=OFF
}
build_libpng1.6() { cmake_dep libpng1.6 -DPNG_STATIC=OFF -DPNG_TESTS=OFF -DPNG_EXECUTABLES=OFF; }
build_freetype() {
  meson_dep freetype -Dbrotli=disabled -Dharfbuzz=disabled -Dpng=enabled -Dzlib=system \
    -Dbzip2=disabled -Dtests=disabled
}
build_fontconfig() {
  # DLL_EXPORT: fontconfig finds its configuration beside its DLL (..\etc\fonts
  # from bin\) only in a DllMain it compiles for libtool's defines, which meson
  # does not set: without, it looked in the program's folder\fonts, found no
  # fonts.conf and fell back to the bare Windows font folder.
  meson_dep fontconfig -Ddoc=disabled -Dnls=disabled -Dtests=disabled -Dtools=enabled \
    -Dcache-build=disabled -Dc_args="-I$prefix/include -DDLL_EXPORT"
}
build_pixman() { meson_dep pixman -Dtests=disabled -Dgtk=disabled -Dlibpng=disabled -Dopenmp=disabled; }
build_cairo() {
  # Debian's patches change configure.ac and Makefile.am: regenerate, as its
  # own build does (dh_autoreconf).
  # and one limits the exports by a regex, which libtool refuses beside the
  # Windows build's cairo.def.
  sed -i 's/ -export-symbols-regex \\^cairo_\.\*//' "$(src_of cairo)/src/Makefile.am"
  (cd "$(src_of cairo)" && [ -f .nb-autoreconf ] || { autoreconf -fi && touch .nb-autoreconf; })
  sed -i 's/ -export-symbols-regex \\^cairo_\.\*//' "$(src_of cairo)/src/Makefile.in"
  # Only the libraries: Debian's patches also build perf tools and the script
  # interpreter, which do not link for Windows.
  AUTOTOOLS_DIRS="src util/cairo-gobject" autotools_dep cairo "" --enable-win32=yes --enable-win32-font=yes --enable-ft=yes \
    --enable-fc=yes --enable-png=yes --enable-pdf=yes --enable-ps=yes --enable-svg=yes \
    --enable-xlib=no --enable-xcb=no --enable-gobject=yes --enable-trace=no \
    --enable-interpreter=no --disable-gtk-doc --enable-full-testing=no \
    LIBS="-Wl,-lssp"  # cairo's configure turns on _FORTIFY_SOURCE, which MinGW
  # implements in libssp (given to the linker directly: libtool, not finding the
  # file of a plain -lssp, would build a static cairo only).
}
build_fribidi() { meson_dep fribidi -Ddocs=false; }
build_harfbuzz() {
  meson_dep harfbuzz -Dglib=enabled -Dgobject=disabled -Dcairo=disabled -Dfreetype=enabled \
    -Dicu=disabled -Dgraphite=disabled -Dgdi=enabled -Dtests=disabled -Ddocs=disabled \
    -Dintrospection=disabled -Dbenchmark=disabled
}
# Both font backends: win32 (GDI) and fontconfig + freetype (used, see nb-i18n.c).
build_pango1.0() {
  meson_dep pango1.0 -Dintrospection=disabled -Dgtk_doc=false -Dinstall-tests=false \
    -Dfontconfig=enabled -Dfreetype=enabled -Dcairo=enabled -Dlibthai=disabled -Dxft=disabled
}
build_libjpeg-turbo() { cmake_dep libjpeg-turbo -DENABLE_STATIC=OFF -DWITH_TURBOJPEG=OFF -DWITH_SIMD=OFF; }
build_tiff() {
  cmake_dep tiff -Dtiff-tools=OFF -Dtiff-tests=OFF -Dtiff-contrib=OFF -Dtiff-docs=OFF \
    -Dlzma=OFF -Dzstd=OFF -Dwebp=OFF -Djbig=OFF -Dlerc=OFF -Dlibdeflate=OFF
}
build_gdk-pixbuf() {
  meson_dep gdk-pixbuf -Dpng=enabled -Djpeg=enabled -Dtiff=enabled -Dgtk_doc=false -Ddocs=false \
    -Dintrospection=disabled -Dman=false -Dtests=false -Dinstalled_tests=false \
    -Dnative_windows_loaders=false -Dbuiltin_loaders=all -Drelocatable=true
}
build_graphene() { meson_dep graphene -Dintrospection=disabled -Dtests=false -Dinstalled_tests=false -Dgtk_doc=false; }
build_libepoxy() { meson_dep libepoxy -Ddocs=false -Dtests=false -Degl=no -Dglx=no; }
# The importers' and exporters' libraries. No iconv on MinGW: nianbao hands
# libxml2 UTF-8 only (nb-decode.c converts with GLib, whose Windows build
# carries its own iconv), and libgsf converts through GLib too.
build_libxml2() {
  # Debian's patches touch Makefile.am: regenerate, as its build does.
  (cd "$(src_of libxml2)" && [ -f .nb-autoreconf ] || { autoreconf -fi && touch .nb-autoreconf; })
  autotools_dep libxml2 "" --without-python --without-iconv --without-icu --without-lzma \
    --with-zlib="$prefix" --with-threads  # HTTP kept on: libgsf uses nanohttp
}
build_libgsf() {
  # The upstream tag has no configure (see sources: the mirror lacks Debian's
  # orig tarball): generate it as autogen.sh does.
  (cd "$(src_of libgsf)" && [ -x configure ] || NOCONFIGURE=1 ./autogen.sh)
  autotools_dep libgsf "" --without-bz2 --without-gdk-pixbuf --disable-introspection \
    --disable-gtk-doc --disable-nls
}
build_uchardet() { cmake_dep uchardet -DBUILD_BINARY=OFF -DBUILD_STATIC=OFF; }
build_poppler() {
  # poppler-glib with its cairo renderer; the optional parts not built here off.
  cmake_dep poppler -DENABLE_GLIB=ON -DENABLE_CPP=OFF -DENABLE_UTILS=OFF \
    -DENABLE_QT5=OFF -DENABLE_QT6=OFF -DENABLE_BOOST=OFF -DENABLE_LIBCURL=OFF \
    -DENABLE_LIBOPENJPEG=none -DENABLE_CMS=none \
    -DENABLE_DCTDECODER=libjpeg -DENABLE_GOBJECT_INTROSPECTION=OFF -DENABLE_GTK_DOC=OFF \
    -DBUILD_GTK_TESTS=OFF -DBUILD_QT5_TESTS=OFF -DBUILD_QT6_TESTS=OFF -DBUILD_CPP_TESTS=OFF \
    -DBUILD_MANUAL_TESTS=OFF -DRUN_GPERF_IF_PRESENT=OFF -DENABLE_UNSTABLE_API_ABI_HEADERS=OFF \
    -DGLIB2_MKENUMS="$(command -v glib-mkenums)" -DCMAKE_DISABLE_FIND_PACKAGE_NSS3=ON \
    -DCMAKE_DISABLE_FIND_PACKAGE_GTK=ON
}
build_gtk4() {
  meson_dep gtk4 -Dmedia-gstreamer=disabled -Dmedia-ffmpeg=disabled -Dprint-cups=disabled \
    -Dvulkan=disabled -Dintrospection=disabled -Dgtk_doc=false -Dman-pages=false \
    -Ddemos=false -Dbuild-examples=false -Dbuild-tests=false -Dinstall-tests=false \
    -Dcolord=disabled -Dtracker=disabled -Dcloudproviders=disabled -Dsysprof=disabled
}

# What a built dependency depends on: its source version, its recipe, and the
# cross file for meson builds (the cmake/autotools recipes do not read it).
stamp_of() {
  local extra=
  declare -f "build_$1" | grep -q meson_dep && extra="$(cat "$cross")"
  printf '%s %s' "$(basename "$(src_of "$1")")" \
    "$( { declare -f "build_$1"; printf '%s' "$extra"; } | sha256sum | cut -c1-16)"
}

deps() {
  write_cross
  mkdir -p "$stamps" "$blddir" "$prefix"
  local p stamp want
  for p in "${deps_list[@]}"; do
    if [ -n "${NB_WIN_ONLY:-}" ] && [[ " $NB_WIN_ONLY " != *" $p "* ]]; then continue; fi
    # Rebuilt when the source version, its recipe or the cross file changed.
    want="$(stamp_of "$p")"
    stamp="$stamps/$p"
    if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then continue; fi
    log "building $p ($(date -u +%H:%M:%S))"
    local t0=$SECONDS
    # A subshell with -e of its own: a recipe stops at its first failing step.
    local rc=0
    set +e; ( set -e; export NB_STAMP="$want"; "build_$p" ) >> "$blddir/$p.log" 2>&1; rc=$?; set -e
    [ "$rc" = 0 ] || { tail -40 "$blddir/$p.log" >&2; die "$p failed (log: $blddir/$p.log)"; }
    echo "$want" > "$stamp"
    rm -f "$blddir/$p/.nb-started"
    log "built $p in $((SECONDS - t0)) s"
    # Later stamps depend on this one: rebuild what comes after it (not with
    # NB_WIN_ONLY, which names packages nothing later in the list links).
    [ -z "${NB_WIN_ONLY:-}" ] || continue
    local after=0 q
    for q in "${deps_list[@]}"; do
      [ "$after" = 1 ] && rm -f "$stamps/$q" "$blddir/$q/.nb-started"
      [ "$q" = "$p" ] && after=1
    done
  done
}

# Whether every dependency in the prefix is built and up to date (CI runs the
# Wine tests only then: it never runs the cross-build of the dependencies).
cached() {
  [ -d "$stamps" ] || { echo "build.sh: no prefix in $cache" >&2; return 1; }
  write_cross
  local p
  for p in "${deps_list[@]}"; do
    [ -f "$stamps/$p" ] && [ "$(cat "$stamps/$p")" = "$(stamp_of "$p" 2>/dev/null)" ] \
      || { echo "build.sh: $p is not built (or out of date) in $prefix" >&2; return 1; }
  done
}

# ---------------------------------------------------------------------------
nianbao() {
  write_cross
  # The build tools nianbao runs are the build machine's (Debian's GLib).
  cat > "$cache/cross-tools.ini" <<EOF
[binaries]
glib-compile-resources = '$(command -v glib-compile-resources)'
glib-compile-schemas = '$(command -v glib-compile-schemas)'
glib-mkenums = '$(command -v glib-mkenums)'
glib-genmarshal = '$(command -v glib-genmarshal)'
EOF
  # A tree configured from another checkout (a worktree since removed) is set up anew.
  local was=
  [ -f "$nb_build/meson-info/meson-info.json" ] && was="$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["directories"]["source"])' "$nb_build/meson-info/meson-info.json")"
  if [ -n "$was" ] && [ "$was" != "$here" ]; then log "nianbao: $nb_build was set up from $was; anew"; rm -rf "$nb_build"; fi
  if [ ! -f "$nb_build/build.ninja" ]; then
    run meson setup "$nb_build" "$here" --cross-file "$cross" --cross-file "$cache/cross-tools.ini" \
      --prefix / --buildtype release "${nb_opts[@]}"
  fi
  run ninja -C "$nb_build" -j "$jobs"
}

wine_init() {
  if [ ! -f "$WINEPREFIX/system.reg" ]; then
    log "creating the Wine prefix"
    wineboot -i >/dev/null 2>&1 || true
    wineserver -w || true
  fi
  # A CJK font for Wine (a real Windows has 宋体/黑体/仿宋/楷体).
  local fonts="$WINEPREFIX/drive_c/windows/Fonts"
  mkdir -p "$fonts"
  for f in /usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc /usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc \
           /usr/share/fonts/truetype/arphic/ukai.ttc /usr/share/fonts/truetype/arphic/uming.ttc; do
    [ -f "$f" ] && [ ! -f "$fonts/$(basename "$f")" ] && cp "$f" "$fonts/"
  done
  return 0
}

test_wine() {
  wine_init
  local dsp=()
  command -v xvfb-run >/dev/null && dsp=(xvfb-run -a -s "-screen 0 1400x1000x24")
  export NB_LOCALEDIR="$nb_build/po" GSETTINGS_SCHEMA_DIR="$nb_build/data"
  # The build machine's tools the tests start (readers of what nianbao
  # wrote), as TOOL.exe on Wine's PATH: see host-tool. Python by its full
  # path (meson sets no NB_PYTHON for a Windows host).
  local ht="$cache/host-tools" t
  rm -rf "$ht"; mkdir -p "$ht"
  $host-gcc-posix -O2 -municode -o "$ht/host-tool-wait.exe" "$here/build-aux/windows/host-tool-wait.c"
  for t in python3 pdftotext pdfinfo pdffonts pdftoppm tidy soffice libreoffice; do
    command -v "$t" >/dev/null && cp "$ht/host-tool-wait.exe" "$ht/$t.exe"
  done
  export NB_HOST_TOOL_SCRIPT="$(winpath_of "$here/build-aux/windows/host-tool")"
  export WINEPATH="$(winpath_of "$ht");$WINEPATH"
  export NB_PYTHON="$(winpath_of "$ht/python3.exe")"
  "${dsp[@]}" meson test -C "$nb_build" --print-errorlogs --timeout-multiplier 4 --num-processes 1 "$@"
}

# ---------------------------------------------------------------------------
# Every DLL a PE file loads, recursively, from the prefix and the gcc runtime.
dll_closure() {
  python3 "$here/build-aux/windows/pe-deps.py" --search "$prefix/bin" --search "$gcc_rt" \
    --search "$mingw_rt" "$@"
}

bundle_stage() {
  local v; v="$(sed -n "s/^  version: '\(.*\)',/\1/p" "$here/meson.build" | head -1)"
  rm -rf "$bundle"; mkdir -p "$bundle"
  DESTDIR="$cache/stage" meson install -C "$nb_build" --no-rebuild >/dev/null
  local st="$cache/stage"
  mkdir -p "$bundle/bin" "$bundle/share" "$bundle/lib"
  cp "$st"/bin/nianbao*.exe "$bundle/bin/"
  cp -r "$st/share/." "$bundle/share/"
  # gdk-pixbuf loaders not built in (the recipe builds all in) and their cache.
  local pbl; pbl="$(ls -d "$prefix"/lib/gdk-pixbuf-2.0/2.10.0 2>/dev/null || true)"
  if [ -n "$pbl" ]; then
    mkdir -p "$bundle/lib/gdk-pixbuf-2.0/2.10.0"
    cp -r "$pbl/loaders" "$bundle/lib/gdk-pixbuf-2.0/2.10.0/" 2>/dev/null || true
  fi
  # DLLs: walked from the executables and loaders.
  local f
  for f in $(dll_closure "$bundle"/bin/*.exe $(find "$bundle/lib" -name '*.dll' 2>/dev/null)); do
    cp -n "$f" "$bundle/bin/"
  done
  # Programs GLib and gdk-pixbuf run themselves (not imports): g_spawn's
  # helpers, and the loader query that writes the cache.
  cp "$prefix"/bin/gspawn-win64-helper*.exe "$bundle/bin/" 2>/dev/null || true
  if [ -d "$bundle/lib/gdk-pixbuf-2.0/2.10.0/loaders" ]; then
    cp "$prefix/bin/gdk-pixbuf-query-loaders.exe" "$bundle/bin/"
    (cd "$bundle" && wine bin/gdk-pixbuf-query-loaders.exe 2>/dev/null | tr -d '\r' > lib/gdk-pixbuf-2.0/2.10.0/loaders.cache)
  fi
  # Settings schemas (GTK's and ours), compiled: the format is portable.
  mkdir -p "$bundle/share/glib-2.0/schemas"
  cp "$prefix"/share/glib-2.0/schemas/*.xml "$bundle/share/glib-2.0/schemas/" 2>/dev/null || true
  glib-compile-schemas "$bundle/share/glib-2.0/schemas"
  # Icons: GTK's own are built in; the header bar's come from Adwaita, as
  # symbolic PNGs GTK can load without an SVG loader.
  bash "$here/build-aux/windows/icons.sh" "$here" "$bundle/share/icons"
  # fontconfig: its configuration, reading the Windows font folder.
  mkdir -p "$bundle/etc/fonts"
  cp -r "$prefix/etc/fonts/." "$bundle/etc/fonts/"
  # GTK's translations too (dialogs).
  [ -d "$prefix/share/locale/zh_CN" ] && mkdir -p "$bundle/share/locale/zh_CN/LC_MESSAGES" \
    && cp "$prefix"/share/locale/zh_CN/LC_MESSAGES/gtk40*.mo "$bundle/share/locale/zh_CN/LC_MESSAGES/" 2>/dev/null || true
  echo "$v" > "$bundle/VERSION"
  log "bundle: $bundle ($(du -sh "$bundle" | cut -f1))"
}

installer() {
  local v; v="$(cat "$bundle/VERSION")"
  makensis -V2 -INPUTCHARSET UTF8 -DVERSION="$v" -DBUNDLE="$bundle" -DOUTFILE="$dist/nianbao-$v-win64-setup.exe" \
    -DSRCROOT="$here" "$here/build-aux/windows/nianbao.nsi"
  log "installer: $dist/nianbao-$v-win64-setup.exe"
}

main() {
  local stages=("$@") s
  [ ${#stages[@]} -gt 0 ] || stages=(tools sources deps nianbao test bundle installer)
  for s in "${stages[@]}"; do
    case "$s" in
      tools) tools ;;
      sources) sources ;;
      deps) deps ;;
      cached) cached ;;
      nianbao) nianbao ;;
      test) test_wine ${NB_WIN_TESTS:-} ;;
      bundle) bundle_stage ;;
      installer) installer ;;
      *) die "unknown stage $s" ;;
    esac
  done
}

# One line, parsed whole before it runs: the script may be edited while it builds.
main "$@"; exit $?
