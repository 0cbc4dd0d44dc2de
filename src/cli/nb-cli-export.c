/* nianbao-cli export — the exporters arrive with their own issue */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "nb-cli-common.h"

int
nb_cli_export (int    argc,
               char **argv)
{
  nb_cli_error (_("export is not available in this version yet"));
  return NB_CLI_USAGE;
}
