/* SPDX-License-Identifier: GPL-3.0-or-later */
/* host-tool-wait.c — TOOL.exe for the tests under Wine (see host-tool)
 *
 * Wine starts a Unix program from a Windows one but neither waits for it
 * nor hands back its exit status: g_spawn_sync() returned before python3
 * had written its file. This Windows program, copied as TOOL.exe, starts
 * host-tool (the Unix side, NB_HOST_TOOL_SCRIPT) with its own arguments and
 * waits for the status file that one writes last. Nor does a pipe reach
 * the Unix program (g_spawn_sync captured nothing): its output goes to
 * files, which this copies to its own standard output and error. */
#include <windows.h>
#include <stdio.h>
#include <wchar.h>

/* The command line after the program's own name. */
static const wchar_t *
arguments (const wchar_t *cmd)
{
  int quoted = 0;

  for (; *cmd && (quoted || (*cmd != L' ' && *cmd != L'\t')); cmd++)
    if (*cmd == L'"')
      quoted = !quoted;
  while (*cmd == L' ' || *cmd == L'\t')
    cmd++;
  return cmd;
}

/* The file at @path to the standard handle @which, then removed. */
static void
copy_out (const wchar_t *path,
          DWORD          which)
{
  HANDLE in = CreateFileW (path, GENERIC_READ, FILE_SHARE_READ, NULL, OPEN_EXISTING, 0, NULL);
  HANDLE out = GetStdHandle (which);
  char buf[65536];
  DWORD n, written;

  if (in == INVALID_HANDLE_VALUE)
    return;
  while (ReadFile (in, buf, sizeof buf, &n, NULL) && n > 0)
    if (out != NULL && out != INVALID_HANDLE_VALUE)
      WriteFile (out, buf, n, &written, NULL);
  CloseHandle (in);
  DeleteFileW (path);
}

int
wmain (void)
{
  wchar_t self[MAX_PATH], script[MAX_PATH], tmp[MAX_PATH], rc_path[MAX_PATH];
  wchar_t out_path[MAX_PATH], err_path[MAX_PATH];
  wchar_t *name, *dot, *cmd;
  const wchar_t *args = arguments (GetCommandLineW ());
  STARTUPINFOW si = { sizeof si };
  PROCESS_INFORMATION pi;
  size_t len;
  FILE *f;
  int rc = 127;

  GetModuleFileNameW (NULL, self, MAX_PATH);
  name = wcsrchr (self, L'\\') ? wcsrchr (self, L'\\') + 1 : self;
  if ((dot = wcsrchr (name, L'.')))
    *dot = 0;
  if (!GetEnvironmentVariableW (L"NB_HOST_TOOL_SCRIPT", script, MAX_PATH))
    {
      fwprintf (stderr, L"%ls: NB_HOST_TOOL_SCRIPT is not set\n", name);
      return 127;
    }
  GetTempPathW (MAX_PATH, tmp);
  swprintf (rc_path, MAX_PATH, L"%lsnb-host-%lu-%lu.rc", tmp, GetCurrentProcessId (), GetTickCount ());
  swprintf (out_path, MAX_PATH, L"%ls.out", rc_path);
  swprintf (err_path, MAX_PATH, L"%ls.err", rc_path);
  DeleteFileW (rc_path);
  SetEnvironmentVariableW (L"NB_HOST_TOOL", name);
  SetEnvironmentVariableW (L"NB_HOST_RC", rc_path);
  SetEnvironmentVariableW (L"NB_HOST_OUT", out_path);
  SetEnvironmentVariableW (L"NB_HOST_ERR", err_path);

  len = wcslen (script) + wcslen (args) + 4;
  cmd = malloc (len * sizeof (wchar_t));
  swprintf (cmd, len, L"\"%ls\" %ls", script, args);
  if (!CreateProcessW (NULL, cmd, NULL, NULL, TRUE, 0, NULL, NULL, &si, &pi))
    {
      fwprintf (stderr, L"%ls: cannot start %ls (%lu)\n", name, script, GetLastError ());
      return 127;
    }
  CloseHandle (pi.hThread);
  CloseHandle (pi.hProcess);
  /* The Unix side writes the status aside and renames it into place last. */
  while (GetFileAttributesW (rc_path) == INVALID_FILE_ATTRIBUTES)
    Sleep (20);
  if ((f = _wfopen (rc_path, L"rb")))
    {
      if (fscanf (f, "%d", &rc) != 1)
        rc = 127;
      fclose (f);
    }
  DeleteFileW (rc_path);
  copy_out (out_path, STD_OUTPUT_HANDLE);
  copy_out (err_path, STD_ERROR_HANDLE);
  return rc;
}
