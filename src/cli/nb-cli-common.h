/* SPDX-License-Identifier: GPL-3.0-or-later */
/* nb-cli-common.h — what every nianbao-cli subcommand shares */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "nb-report.h"

G_BEGIN_DECLS

/* Exit statuses (documented in --help and README). */
enum
{
  NB_CLI_OK = 0,
  NB_CLI_REPORT_ERRORS = 1,
  NB_CLI_USAGE = 2,
};

typedef int (*NbCliCommand) (int argc, char **argv);

void      nb_cli_init_i18n   (void);
/* Prints "nianbao-cli: MESSAGE" on stderr. */
void      nb_cli_error       (const char *format,
                              ...) G_GNUC_PRINTF (1, 2);
/* Parses @argv with @context; on failure prints the error and help hint. */
gboolean  nb_cli_parse       (GOptionContext *context,
                              int            *argc,
                              char         ***argv);
/* A file named on the command line: a path, or a URI only as "scheme://…". */
GFile    *nb_cli_file_for_arg (const char    *arg);
NbReport *nb_cli_load        (const char     *path);
/* Prints what @builder built as indented JSON and a newline on stdout. */
void      nb_cli_print_json  (JsonBuilder    *builder);
gboolean  nb_cli_save        (NbReport       *report,
                              const char     *path);

int nb_cli_new       (int argc, char **argv);
int nb_cli_set       (int argc, char **argv);
int nb_cli_get       (int argc, char **argv);
int nb_cli_dump      (int argc, char **argv);
int nb_cli_check     (int argc, char **argv);
int nb_cli_export    (int argc, char **argv);
int nb_cli_import    (int argc, char **argv);
int nb_cli_aggregate (int argc, char **argv);
int nb_cli_compare   (int argc, char **argv);

G_END_DECLS
