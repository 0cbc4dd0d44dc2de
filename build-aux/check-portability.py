#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Quick check that C sources build and behave on Windows too.

Flags POSIX-only headers and calls, and C library calls that take file names
or environment strings in the ANSI code page on Windows (where GLib's
g_fopen/g_open/g_rename/g_getenv… take UTF-8), and files opened in text mode
(g_open/g_mkstemp_full without O_BINARY, g_fopen/g_freopen without "b" in the
mode, g_creat: Windows' C library turns "\n" into "\r\n" in those), unless
they sit inside a
`#ifdef G_OS_UNIX` (or `#ifndef G_OS_WIN32`, or the `#else` of
`#ifdef G_OS_WIN32`) block.

  build-aux/check-portability.py [DIR-OR-FILE...]   (default: src tests bench)

Exit status 1 with one line per finding (file:line: what, and what to use).
"""
import os
import re
import sys

HEADERS = {
    "unistd.h": "GLib (g_usleep, g_get_*, g_unlink, …)",
    "sys/wait.h": "g_spawn_check_wait_status()",
    "sys/mman.h": "GMappedFile",
    "sys/socket.h": "GSocket",
    "sys/select.h": "GMainLoop / GPollFD",
    "sys/ioctl.h": None, "sys/utsname.h": None, "sys/resource.h": None,
    "sys/time.h": "g_get_real_time() / GDateTime",
    "sys/un.h": "GSocket", "sys/uio.h": None, "sys/statvfs.h": "g_file_query_filesystem_info()",
    "pwd.h": "g_get_user_name() / g_get_home_dir()", "grp.h": None,
    "dlfcn.h": "GModule", "termios.h": None, "dirent.h": "GDir",
    "poll.h": "g_poll()", "netdb.h": "GResolver", "spawn.h": "g_spawn_*()",
    "libgen.h": "g_path_get_basename() / g_path_get_dirname()",
    "langinfo.h": "g_get_charset()", "iconv.h": "g_convert()", "syslog.h": None,
    "fnmatch.h": "GPatternSpec", "glob.h": "GDir + GPatternSpec", "regex.h": "GRegex",
    "strings.h": "g_ascii_strcasecmp()",
    "glib-unix.h": None, "gio/gdesktopappinfo.h": None,
    "gio/gfiledescriptorbased.h": None,
}
HEADER_PREFIXES = ("netinet/", "arpa/", "gio/gunix", "linux/", "X11/", "gdk/x11/", "gdk/wayland/")

CALLS = {
    # processes and users
    "fork": "g_spawn_*()", "vfork": "g_spawn_*()", "execv": "g_spawn_*()", "execvp": "g_spawn_*()",
    "execl": "g_spawn_*()", "execlp": "g_spawn_*()", "execve": "g_spawn_*()",
    "waitpid": "g_child_watch_add() / g_spawn_sync()", "WIFEXITED": "g_spawn_check_wait_status()",
    "WEXITSTATUS": "g_spawn_check_wait_status()", "WIFSIGNALED": "g_spawn_check_wait_status()",
    "getuid": None, "geteuid": None, "getgid": None, "getpwuid": "g_get_user_name()",
    "getpwnam": None, "kill": None, "pipe": None, "dup2": None, "setsid": None,
    "sigaction": None, "alarm": "g_timeout_add()", "sleep": "g_usleep()", "usleep": "g_usleep()",
    "popen": "g_spawn_*()", "pclose": "g_spawn_*()",
    # files: ANSI code page on Windows, or missing there
    "fopen": "g_fopen()", "freopen": "g_freopen()", "open": "g_open()", "creat": "g_creat()",
    "rename": "g_rename()", "remove": "g_remove()", "unlink": "g_unlink()", "rmdir": "g_rmdir()",
    "mkdir": "g_mkdir() / g_mkdir_with_parents()", "stat": "g_stat()", "lstat": "g_lstat()",
    "access": "g_access()", "chdir": "g_chdir()", "getcwd": "g_get_current_dir()",
    "chmod": "g_chmod()", "chown": None, "mkstemp": "g_mkstemp()", "mkdtemp": "g_mkdtemp()",
    "realpath": "g_canonicalize_filename()", "symlink": None, "readlink": "g_file_read_link()",
    "opendir": "g_dir_open()", "readdir": "g_dir_read_name()", "fsync": "g_fsync()",
    "fdatasync": "g_fsync()", "fcntl": None, "ioctl": None, "mmap": "GMappedFile",
    "munmap": "GMappedFile", "basename": "g_path_get_basename()", "dirname": "g_path_get_dirname()",
    # environment and strings
    "getenv": "g_getenv()", "setenv": "g_setenv()", "unsetenv": "g_unsetenv()",
    "putenv": "g_setenv()", "strerror_r": "g_strerror()", "nl_langinfo": "g_get_charset()",
    "strcasecmp": "g_ascii_strcasecmp()", "strncasecmp": "g_ascii_strncasecmp()",
    "strndup": "g_strndup()", "strsep": "g_strsplit()", "strtok_r": "g_strsplit()",
    "localtime_r": "GDateTime", "gmtime_r": "GDateTime", "timegm": "GDateTime",
}
MACROS = {"O_NOFOLLOW": None, "O_CLOEXEC": None, "S_ISLNK": "g_file_test (…, G_FILE_TEST_IS_SYMLINK)",
          "S_IFLNK": None, "SIGKILL": None, "SIGTERM": None, "SIGCHLD": None}

# Opened in text mode on Windows unless told otherwise.
BINARY_FLAG_CALLS = ("g_open", "g_mkstemp_full")
BINARY_MODE_CALLS = ("g_fopen", "g_freopen")
OPEN_RE = re.compile(r"(?<![\w.>])(g_open|g_mkstemp_full|g_fopen|g_freopen|g_creat)\s*\(")

CALL_RE = re.compile(r"(?<![\w.>])(%s)\s*\(" % "|".join(sorted(CALLS, key=len, reverse=True)))
MACRO_RE = re.compile(r"\b(%s)\b" % "|".join(MACROS))
INCLUDE_RE = re.compile(r'^\s*#\s*include\s*[<"]([^>"]+)[>"]')
COND_RE = re.compile(r"^\s*#\s*(if|ifdef|ifndef|elif|else|endif)\b(.*)")


def strip_code(text):
    """Blank out comments and string/char literals, keeping line structure."""
    out = []
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if text.startswith("/*", i):
            j = text.find("*/", i + 2)
            j = n if j < 0 else j + 2
            out.append(re.sub(r"[^\n]", " ", text[i:j]))
            i = j
        elif text.startswith("//", i):
            j = text.find("\n", i)
            j = n if j < 0 else j
            out.append(" " * (j - i))
            i = j
        elif c in "\"'":
            j = i + 1
            while j < n and text[j] != c and text[j] != "\n":
                j += 2 if text[j] == "\\" else 1
            j = min(j + 1, n)
            out.append(c + " " * max(0, j - i - 2) + (c if j - i >= 2 else ""))
            i = j
        else:
            out.append(c)
            i += 1
    return "".join(out)


def unix_only(kind, cond):
    """Whether the branch opened by `#kind cond` is Unix-only; None if neutral."""
    cond = cond.strip()
    if kind == "ifdef":
        if cond.startswith("G_OS_UNIX") or cond.startswith("__unix__") or cond.startswith("__linux__"):
            return True
        if cond.startswith("G_OS_WIN32") or cond.startswith("_WIN32"):
            return False
    if kind == "ifndef":
        if cond.startswith("G_OS_WIN32") or cond.startswith("_WIN32"):
            return True
        if cond.startswith("G_OS_UNIX"):
            return False
    if kind in ("if", "elif"):
        if re.match(r"^defined\s*\(?\s*(G_OS_UNIX|__unix__|__linux__)\b", cond) and "||" not in cond:
            return True
        if re.match(r"^!\s*defined\s*\(?\s*(G_OS_WIN32|_WIN32)\b", cond) and "||" not in cond:
            return True
        if re.match(r"^defined\s*\(?\s*(G_OS_WIN32|_WIN32)\b", cond) and "||" not in cond:
            return False
    return None


def call_args(code, start):
    """The text between the parenthesis at @start and its match."""
    depth, i = 0, start
    while i < len(code):
        if code[i] == "(":
            depth += 1
        elif code[i] == ")":
            depth -= 1
            if depth == 0:
                return code[start + 1:i]
        i += 1
    return code[start + 1:]


def text_mode_findings(raw, code, skip_lines):
    """Files opened without binary mode (calls may span lines)."""
    findings = []
    for m in OPEN_RE.finditer(code):
        lineno = code.count("\n", 0, m.start()) + 1
        if lineno in skip_lines:
            continue
        name = m.group(1)
        paren = m.end() - 1
        args = call_args(code, paren)
        if name == "g_creat":
            findings.append((lineno, "g_creat() (text mode on Windows)", "g_open() with O_BINARY"))
        elif name in BINARY_FLAG_CALLS:
            if not re.search(r"\bO_BINARY\b", args):
                findings.append((lineno, "%s() without O_BINARY (text mode on Windows)" % name,
                                 "O_BINARY in its flags (#define O_BINARY 0 where it is missing)"))
        else:
            # The mode is the second argument, a string literal in the raw text.
            raw_args = raw[paren + 1:paren + 1 + len(args)]
            lit = re.search(r',\s*"([^"]*)"', raw_args)
            if lit and "b" not in lit.group(1):
                findings.append((lineno, '%s() with mode "%s" (text mode on Windows)' % (name, lit.group(1)),
                                 'mode "%sb"' % lit.group(1)))
    return findings


def check_file(path):
    findings = []
    with open(path, encoding="utf-8", errors="replace") as f:
        raw = f.read()
    code = strip_code(raw)
    # Stack of (this branch is Unix-only, the opposite branch's value).
    stack = []
    skip_lines = set()
    for lineno, (line, rawline) in enumerate(zip(code.split("\n"), raw.split("\n")), 1):
        m = COND_RE.match(line)
        if m:
            kind, cond = m.group(1), m.group(2)
            if kind in ("if", "ifdef", "ifndef"):
                u = unix_only(kind, cond)
                stack.append([u is True, u is False])
            elif kind == "elif" and stack:
                u = unix_only(kind, cond)
                stack[-1] = [u is True, False]
            elif kind == "else" and stack:
                stack[-1] = [stack[-1][1], stack[-1][0]]
            elif kind == "endif" and stack:
                stack.pop()
            continue
        if any(s[0] for s in stack):
            skip_lines.add(lineno)
            continue
        m = INCLUDE_RE.match(rawline)
        if m:
            h = m.group(1)
            if h in HEADERS or h.startswith(HEADER_PREFIXES):
                hint = HEADERS.get(h)
                findings.append((lineno, "POSIX-only header <%s>" % h, hint))
            continue
        if line.lstrip().startswith("#"):
            continue
        for m in CALL_RE.finditer(line):
            name = m.group(1)
            findings.append((lineno, "%s()" % name, CALLS[name]))
        for m in MACRO_RE.finditer(line):
            name = m.group(1)
            findings.append((lineno, name, MACROS[name]))
    findings += text_mode_findings(raw, code, skip_lines)
    return sorted(findings)


def main(argv):
    roots = argv[1:] or ["src", "tests", "bench"]
    total = 0
    for root in roots:
        paths = []
        if os.path.isdir(root):
            for d, _, files in os.walk(root):
                paths += [os.path.join(d, f) for f in files if f.endswith((".c", ".h"))]
        elif os.path.exists(root):
            paths.append(root)
        else:
            print("check-portability: no such file or folder: %s" % root, file=sys.stderr)
            return 2
        for p in sorted(paths):
            for lineno, what, hint in check_file(p):
                total += 1
                msg = "%s:%d: %s is not portable to Windows" % (p, lineno, what)
                if hint:
                    msg += "; use %s" % hint
                msg += " (or put it in an #ifdef G_OS_UNIX block)"
                print(msg)
    if total:
        print("check-portability: %d finding(s)" % total, file=sys.stderr)
        return 1
    print("check-portability: %s: no POSIX-only code outside G_OS_UNIX blocks" % " ".join(roots))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
