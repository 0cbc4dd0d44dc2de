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
#ifdef G_OS_WIN32
  /* A rooted folder without a drive (\work\po, as a build tree under Wine
   * names it) is on the current folder's drive; libintl takes it for a
   * relative one and looks under the current folder. */
  if (G_IS_DIR_SEPARATOR (dir[0]) && !G_IS_DIR_SEPARATOR (dir[1]))
    {
      g_autofree char *cwd = g_get_current_dir ();

      if (g_ascii_isalpha (cwd[0]) && cwd[1] == ':')
        {
          char *full = g_strdup_printf ("%c:%s", cwd[0], dir);
          g_free (dir);
          dir = full;
        }
    }
#endif
#ifdef G_OS_WIN32
  /* libintl is given the folder in the ANSI code page (the system-codepage
   * name, or the 8.3 short one where a part does not fit): through its
   * wbindtextdomain() it translated nothing in a build tree under Wine. */
  {
    g_autofree char *adir = g_win32_locale_filename_from_utf8 (dir);

    bindtextdomain (GETTEXT_PACKAGE, adir ? adir : dir);
  }
#else
  bindtextdomain (GETTEXT_PACKAGE, dir);
#endif
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
}
