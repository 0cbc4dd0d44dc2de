/* SPDX-License-Identifier: GPL-3.0-or-later */
/* nb-i18n.c — where the translations are */
#include "config.h"

#include <locale.h>
#include <glib/gi18n-lib.h>

#include "nb-i18n.h"
#include "nb-platform.h"

static gboolean
has_catalogue (const char *dir)
{
  g_autofree char *mo = g_build_filename (dir, "zh_CN", "LC_MESSAGES", GETTEXT_PACKAGE ".mo", NULL);

  return g_file_test (mo, G_FILE_TEST_EXISTS);
}

void
nb_i18n_init (void)
{
  const char *env = g_getenv ("NB_LOCALEDIR");
  g_autofree char *dir = NULL;

  nb_platform_init ();
  setlocale (LC_ALL, "");
  if (env && *env)
    dir = g_strdup (env);
#ifdef G_OS_WIN32
  if (!dir)
    {
      g_autofree char *prefix = g_win32_get_package_installation_directory_of_module (NULL);
      g_autofree char *candidate = prefix ? g_build_filename (prefix, "share", "locale", NULL) : NULL;

      if (candidate && has_catalogue (candidate))
        dir = g_steal_pointer (&candidate);
    }
#endif
  if (!dir)
    dir = g_strdup (has_catalogue (LOCALEDIR) ? LOCALEDIR : BUILD_LOCALEDIR);
#if defined(G_OS_WIN32) && defined(LIBINTL_VERSION) && LIBINTL_VERSION >= 0x001500
  /* libintl takes a codepage name; the program may sit in a Chinese folder. */
  {
    g_autofree gunichar2 *wdir = g_utf8_to_utf16 (dir, -1, NULL, NULL, NULL);

    if (wdir)
      wbindtextdomain (GETTEXT_PACKAGE, (const wchar_t *) wdir);
  }
#else
  bindtextdomain (GETTEXT_PACKAGE, dir);
#endif
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
}
