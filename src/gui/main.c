/* SPDX-License-Identifier: GPL-3.0-or-later */
/* main.c — the nianbao desktop application */
#include "config.h"

#include "nb-application.h"
#include "nb-i18n.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(NbApplication) app = NULL;

  nb_i18n_init ();
  app = nb_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
