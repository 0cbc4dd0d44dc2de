/* main.c — the nianbao desktop application */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "nb-application.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(NbApplication) app = NULL;
  const char *localedir = g_getenv ("NB_LOCALEDIR");

  setlocale (LC_ALL, "");
  /* NB_LOCALEDIR lets the build tree's translations be used before install. */
  bindtextdomain (GETTEXT_PACKAGE, localedir && *localedir ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  app = nb_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
