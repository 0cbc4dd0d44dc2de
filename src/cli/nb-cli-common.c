/* SPDX-License-Identifier: GPL-3.0-or-later */
/* nb-cli-common.c — shared helpers of nianbao-cli */
#include "config.h"

#include <locale.h>
#include <glib/gi18n-lib.h>

#include "nb-cli-common.h"
#include "nb-i18n.h"
#include "nb-report-file.h"

void
nb_cli_init_i18n (void)
{
  nb_i18n_init ();
}

void
nb_cli_error (const char *format,
              ...)
{
  va_list args;
  g_autofree char *message = NULL;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_printerr ("nianbao-cli: %s\n", message);
}

gboolean
nb_cli_parse (GOptionContext *context,
              int            *argc,
              char         ***argv)
{
  g_autoptr(GError) error = NULL;

  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  /* *argv is part of the strv main() owns: parse_strv takes UTF-8 on
   * every platform. */
  if (!g_option_context_parse_strv (context, argv, &error))
    {
      nb_cli_error ("%s", error->message);
      g_printerr (_("Try “nianbao-cli %s --help”.\n"), (*argv)[0]);
      return FALSE;
    }
  *argc = (int) g_strv_length (*argv);
  return TRUE;
}

NbReport *
nb_cli_load (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_commandline_arg (path);
  g_autoptr(GError) error = NULL;
  NbReport *report = nb_report_file_load (file, NULL, &error);

  if (!report)
    nb_cli_error ("%s", error->message);
  return report;
}

gboolean
nb_cli_save (NbReport   *report,
             const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_commandline_arg (path);
  g_autoptr(GError) error = NULL;

  if (!nb_report_file_save (report, file, NULL, &error))
    {
      nb_cli_error ("%s", error->message);
      return FALSE;
    }
  return TRUE;
}
