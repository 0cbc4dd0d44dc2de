/* SPDX-License-Identifier: GPL-3.0-or-later */
/* nianbao-cli — the headless front end of nianbao
 *
 * One small file per subcommand; this one dispatches. Exit status: 0 all
 * well, 1 the report has errors, 2 bad usage or an unreadable file.
 */
#include "config.h"

#include <stdio.h>
#include <glib/gi18n-lib.h>

#include "nb-cli-common.h"

typedef struct
{
  const char   *name;
  NbCliCommand  run;
  const char   *usage;    /* untranslated syntax */
  const char   *summary;  /* translated with _() at print time */
} Command;

static const Command commands[] = {
  { "new", nb_cli_new, "new --year YEAR --agency NAME [--format 2019|2021] -o FILE",
    N_("Create a report") },
  { "set", nb_cli_set, "set FILE KEY=VALUE…", N_("Set cells and fields (all or nothing)") },
  { "get", nb_cli_get, "get FILE KEY", N_("Print one value") },
  { "dump", nb_cli_dump, "dump FILE", N_("Print every key and value as JSON") },
  { "check", nb_cli_check, "check FILE [--previous LASTYEAR.nianbao] [--json]",
    N_("Check the report; exit status 1 if it has errors") },
  { "export", nb_cli_export, "export FILE -o OUT.xlsx|OUT.pdf|OUT.html|OUT.docx", N_("Export to a workbook, PDF, web page or Word document") },
  { "import", nb_cli_import, "import FILE -o OUT.nianbao | --check FILES…|FOLDER [--json] [--csv OUT]",
    N_("Read published reports (text, web page, Word, PDF) and check them") },
  { "aggregate", nb_cli_aggregate,
    "aggregate FILES…|FOLDER -o SUMMARY.xlsx|.nianbao [OPTIONS]",
    N_("Total the reports of an area's agencies") },
  { "compare", nb_cli_compare, "compare LAST THIS [--changed] [--json]",
    N_("Compare with last year's report: figures, checks, texts") },
};

static void
print_usage (FILE *out)
{
  g_autoptr(GString) s = g_string_new (NULL);

  g_string_append_printf (s, _("Usage: nianbao-cli COMMAND [OPTIONS…]\n\nCommands:\n"));
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    g_string_append_printf (s, "  %-58s %s\n", commands[i].usage, _(commands[i].summary));
  g_string_append_printf (s, _("\nKeys are cell keys such as requests/new/natural, the fields agency, "
                               "agency_kind, year, date, signoff, title, and text/overview, "
                               "text/problems, text/other.\n"
                               "Exit status: 0 all well, 1 the report has errors, 2 bad usage or an "
                               "unreadable file.\n"));
  if (out == stdout)
    g_print ("%s", s->str);
  else
    g_printerr ("%s", s->str);
}

static int
run (int    argc,
     char **argv)
{
  if (argc < 2)
    {
      print_usage (stderr);
      return NB_CLI_USAGE;
    }
  if (g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h") || g_str_equal (argv[1], "help"))
    {
      print_usage (stdout);
      return NB_CLI_OK;
    }
  if (g_str_equal (argv[1], "--version"))
    {
      g_print ("nianbao-cli %s\n", PACKAGE_VERSION);
      return NB_CLI_OK;
    }
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (g_str_equal (argv[1], commands[i].name))
      return commands[i].run (argc - 1, argv + 1);

  nb_cli_error (_("unknown command “%s”"), argv[1]);
  print_usage (stderr);
  return NB_CLI_USAGE;
}

int
main (int    argc,
      char **argv)
{
  /* The arguments as a UTF-8 strv owned by us: on Windows main()'s argv is
   * in the ANSI code page, which cannot hold every Chinese file name, and
   * g_option_context_parse_strv() (see nb_cli_parse) frees what it removes. */
#ifdef G_OS_WIN32
  g_auto(GStrv) args = g_win32_get_command_line ();
#else
  g_auto(GStrv) args = g_strdupv (argv);
#endif

  nb_cli_init_i18n ();
  return run ((int) g_strv_length (args), args);
}
