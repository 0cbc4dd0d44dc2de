/* SPDX-License-Identifier: GPL-3.0-or-later */
/* nb-cli-common.c — shared helpers of nianbao-cli */
#include "config.h"

#include <locale.h>
#include <string.h>
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
  /* GOption stops at "--" but leaves it in place: drop it, so that
   * "check -- -x.nianbao" names the file "-x.nianbao". */
  for (char **a = *argv + ((*argv)[0] ? 1 : 0); *a; a++)
    if (g_str_equal (*a, "--"))
      {
        g_free (*a);
        memmove (a, a + 1, (g_strv_length (a + 1) + 1) * sizeof (char *));
        break;
      }
  *argc = (int) g_strv_length (*argv);
  return TRUE;
}

GFile *
nb_cli_file_for_arg (const char *arg)
{
  const char *scheme = g_uri_peek_scheme (arg);
  const char *colon = strchr (arg, ':');

  /* Only "scheme://…" is a URI: "v2:报告.nianbao" is a file name
   * (g_file_new_for_commandline_arg takes any "word:" for a scheme). */
  if (scheme != NULL && colon != NULL && g_str_has_prefix (colon, "://"))
    return g_file_new_for_uri (arg);
  return g_file_new_for_path (arg);
}

NbReport *
nb_cli_load (const char *path)
{
  g_autoptr(GFile) file = nb_cli_file_for_arg (path);
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
  g_autoptr(GFile) file = nb_cli_file_for_arg (path);
  g_autoptr(GError) error = NULL;

  if (!nb_report_file_save (report, file, NULL, &error))
    {
      nb_cli_error ("%s", error->message);
      return FALSE;
    }
  return TRUE;
}

void
nb_cli_print_json (JsonBuilder *builder)
{
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autoptr(JsonNode) root = json_builder_get_root (builder);
  g_autofree char *text = NULL;

  json_generator_set_root (gen, root);
  json_generator_set_pretty (gen, TRUE);
  text = json_generator_to_data (gen, NULL);
  g_print ("%s\n", text);
}
