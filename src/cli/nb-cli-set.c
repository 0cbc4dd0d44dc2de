/* SPDX-License-Identifier: GPL-3.0-or-later */
/* nianbao-cli set — set cells and fields, all or nothing */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include <gio/gio.h>

#include "nb-cli-common.h"
#include "nb-safe-write.h"

/* "@file.txt" reads the value from a UTF-8 file, "@-" from standard input;
 * "@@text" is the text "@text" itself. */
static char *
read_value (const char  *value,
            GError     **error)
{
  g_autofree char *data = NULL;
  gsize length;

  if (value[0] != '@')
    return g_strdup (value);
  if (value[1] == '@')
    return g_strdup (value + 1);

  if (g_str_equal (value, "@-"))
    {
      /* stdio rather than a GUnixInputStream: this builds on Windows too. */
      g_autoptr(GByteArray) bytes = g_byte_array_new ();
      guint8 buf[8192];
      size_t n;

      while ((n = fread (buf, 1, sizeof buf, stdin)) > 0)
        g_byte_array_append (bytes, buf, (guint) n);
      if (ferror (stdin))
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Cannot read standard input"));
          return NULL;
        }
      length = bytes->len;
      g_byte_array_append (bytes, (const guint8 *) "", 1);
      data = (char *) g_byte_array_free (g_steal_pointer (&bytes), FALSE);
    }
  else if (!g_file_get_contents (value + 1, &data, &length, error))
    return NULL;

  if (!g_utf8_validate_len (data, length, NULL) || memchr (data, '\0', length))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("“%s” is not UTF-8 text"), value + 1);
      return NULL;
    }
  /* A text file ends in a newline that is not part of the text. */
  while (length > 0 && (data[length - 1] == '\n' || data[length - 1] == '\r'))
    data[--length] = '\0';
  return g_steal_pointer (&data);
}

int
nb_cli_set (int    argc,
            char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (_("FILE KEY=VALUE…"));
  g_autoptr(NbReport) report = NULL;
  g_autoptr(NbFileLock) lock = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) lock_error = NULL;

  g_option_context_set_summary (context,
                                _("Set cells (requests/new/natural=3) and fields (agency=…, date=2025-01-20, "
                                  "text/overview=@file.txt, @- for standard input, @@ for a text that begins with @). "
                                  "If any value is refused, nothing is changed."));
  if (!nb_cli_parse (context, &argc, &argv))
    return NB_CLI_USAGE;
  if (argc < 3)
    {
      nb_cli_error (_("usage: nianbao-cli set FILE KEY=VALUE…"));
      return NB_CLI_USAGE;
    }
  /* Held from load to save: a window (or another set) with the document
   * open would otherwise overwrite this change, or this one its changes. */
  file = nb_cli_file_for_arg (argv[1]);
  if (!(lock = nb_file_lock_acquire (file, &lock_error)))
    {
      nb_cli_error (_("%s; nothing was changed"), lock_error->message);
      return NB_CLI_USAGE;
    }
  if (!(report = nb_cli_load (argv[1])))
    return NB_CLI_USAGE;

  for (int i = 2; i < argc; i++)
    {
      const char *eq = strchr (argv[i], '=');
      g_autofree char *key = NULL;
      g_autofree char *value = NULL;
      g_autoptr(GError) error = NULL;

      if (eq == NULL || eq == argv[i])
        {
          nb_cli_error (_("“%s” is not KEY=VALUE; nothing was changed"), argv[i]);
          return NB_CLI_USAGE;
        }
      key = g_strndup (argv[i], eq - argv[i]);
      if (!(value = read_value (eq + 1, &error)) ||
          !nb_report_set_field (report, key, value, &error))
        {
          /* The model's messages already name the cell. */
          if (g_str_has_prefix (error->message, key))
            nb_cli_error (_("%s; nothing was changed"), error->message);
          else
            nb_cli_error (_("%s: %s; nothing was changed"), key, error->message);
          return NB_CLI_USAGE;
        }
    }

  if (!nb_cli_save (report, argv[1]))
    return NB_CLI_USAGE;
  return NB_CLI_OK;
}
