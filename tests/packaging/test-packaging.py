#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The packaging names every dependency meson.build asks for.

- flatpak/org.nianbao.Nianbao.json parses, is for our app id and command, every
  downloaded source has a real sha256, nianbao is the last module (meson),
  and each pkg-config dependency() of the meson files is either in the GNOME
  runtime (RUNTIME below) or built by a module of the manifest (MODULES below);
- debian/control's Build-Depends has, for each such dependency, the Debian
  package that ships its .pc file on this machine (found with dpkg -S).

  test-packaging.py SOURCE_ROOT
"""
import json
import os
import re
import subprocess
import sys

# What org.gnome.Platform//47 provides (pkg-config names).
RUNTIME = {
    "glib-2.0", "gobject-2.0", "gio-2.0", "gio-unix-2.0", "gmodule-2.0", "json-glib-1.0",
    "cairo", "cairo-gobject", "pango", "pangocairo", "pangoft2", "harfbuzz",
    "harfbuzz-subset", "fontconfig", "freetype2", "gtk4", "libadwaita-1", "libxml-2.0",
    "gdk-pixbuf-2.0", "libpng", "zlib", "librsvg-2.0",
}
# Manifest module -> the pkg-config names it installs.
MODULES = {
    "libxlsxwriter": {"xlsxwriter"},
    "libgsf": {"libgsf-1"},
    "uchardet": {"uchardet"},
    "poppler": {"poppler-glib", "poppler"},
}

root = sys.argv[1]
problems = []


def meson_dependencies():
    deps = {}
    for d, dirs, files in os.walk(root):
        dirs[:] = [x for x in dirs if not x.startswith((".", "build", "obj-", "subprojects", "dist"))
                   and x != "debian"]
        if "meson.build" in files:
            path = os.path.join(d, "meson.build")
            with open(path, encoding="utf-8") as f:
                text = f.read()
            for m in re.finditer(r"\bdependency\s*\(\s*'([^']+)'", text):
                deps.setdefault(m.group(1), os.path.relpath(path, root))
    return deps


deps = meson_dependencies()
assert "glib-2.0" in deps and "xlsxwriter" in deps, deps

# --- flatpak ----------------------------------------------------------------
with open(os.path.join(root, "meson.build"), encoding="utf-8") as f:
    app_id = re.search(r"app_id\s*=\s*'([^']+)'", f.read()).group(1)
manifest_path = os.path.join(root, "flatpak", app_id + ".json")
with open(manifest_path, encoding="utf-8") as f:
    manifest = json.load(f)

for key, want in (("id", app_id), ("runtime", "org.gnome.Platform"), ("sdk", "org.gnome.Sdk"),
                  ("command", "nianbao")):
    if manifest.get(key) != want:
        problems.append("flatpak: %s is %r, not %r" % (key, manifest.get(key), want))

modules = manifest.get("modules", [])
names = [m.get("name") for m in modules]
if not modules or names[-1] != "nianbao" or modules[-1].get("buildsystem") != "meson":
    problems.append("flatpak: the last module must be nianbao, built with meson")
for m in modules:
    for s in m.get("sources", []):
        if s.get("type") in ("archive", "file"):
            sha = s.get("sha256", "")
            if not re.fullmatch(r"[0-9a-f]{64}", sha) or set(sha) == {"0"}:
                problems.append("flatpak: %s: %s has no real sha256" % (m.get("name"), s.get("url")))
            if not s.get("url", "").startswith("https://"):
                problems.append("flatpak: %s: source URL is not https" % m.get("name"))

provided = set(RUNTIME)
for n in names:
    provided |= MODULES.get(n, set())
for dep, where in sorted(deps.items()):
    if dep not in provided:
        problems.append("flatpak: %s (%s) is neither in the GNOME runtime nor built by a module "
                        "of %s" % (dep, where, os.path.relpath(manifest_path, root)))

# --- debian/control ---------------------------------------------------------
with open(os.path.join(root, "debian", "control"), encoding="utf-8") as f:
    control = f.read()
bd = re.search(r"^Build-Depends:(.*?)(?=^\S)", control, re.S | re.M).group(1)
build_depends = {re.sub(r"[\s(:].*", "", x.strip()) for x in bd.split(",") if x.strip()}
if "debhelper-compat" not in build_depends or "meson" not in build_depends:
    problems.append("debian/control: Build-Depends lacks debhelper-compat or meson")
# This machine's own pkg-config (a cross build points it at another prefix).
native_env = {k: v for k, v in os.environ.items()
              if k not in ("PKG_CONFIG_LIBDIR", "PKG_CONFIG_PATH", "PKG_CONFIG_SYSROOT_DIR")}
if subprocess.run(["sh", "-c", "command -v dpkg-query && command -v pkg-config"],
                  capture_output=True).returncode == 0:
    for dep, where in sorted(deps.items()):
        pcdir = subprocess.run(["pkg-config", "--variable=pcfiledir", dep], env=native_env,
                               capture_output=True, text=True).stdout.strip()
        if not pcdir:
            problems.append("debian: pkg-config does not know %s (%s) on this machine" % (dep, where))
            continue
        real = os.path.realpath(os.path.join(pcdir, dep + ".pc"))
        out = subprocess.run(["dpkg-query", "-S", real], capture_output=True, text=True).stdout
        if not out:
            out = subprocess.run(["dpkg-query", "-S", os.path.join(pcdir, dep + ".pc")],
                                 capture_output=True, text=True).stdout
        pkgs = {p.strip().split(":")[0] for p in out.split(":", 1)[0].split(",")} if out else set()
        if not pkgs:
            problems.append("debian: no package owns %s.pc" % dep)
        elif not pkgs & build_depends:
            problems.append("debian/control: Build-Depends lacks %s (for %s, %s)"
                            % (" or ".join(sorted(pkgs)), dep, where))
else:
    print("# dpkg-query or pkg-config missing: debian/control not checked against this machine")

for p in problems:
    print("not ok:", p)
if problems:
    sys.exit(1)
print("ok: flatpak manifest and debian/control name all %d meson dependencies: %s"
      % (len(deps), " ".join(sorted(deps))))
