/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fuzz.h — what every fuzz target shares (as GLib's fuzzing/fuzz.h) */
#pragma once

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <glib.h>

/* Inputs up to 1 MB: the nesting crash json-glib had needs ~75 KB. */
#define NB_FUZZ_MAX_INPUT (1024 * 1024)

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

/* A critical or an error is a failure: abort () (SIGABRT, so that libFuzzer
 * keeps the input; GLib's own abort is a SIGTRAP that it does not catch).
 * Warnings and messages are quiet. Not the domain "XML": libgsf reports
 * every libxml2 parse error of a package part (a damaged _rels/.rels) as a
 * critical there, by design (gsf-libxml.c, gsf_xml_in_error); our readers
 * then get the failed parse and refuse the file. Nor libgsf 1.14.50's
 * g_date_time_unref (NULL) for a zip entry with an impossible DOS date
 * (gsf-infile-zip.c makes the entry's time without checking it): a
 * critical inside the library on any damaged zip, harmless after. */
static inline void
nb_fuzz_log (const char     *domain,
             GLogLevelFlags  level,
             const char     *message,
             gpointer        user_data)
{
  if ((level & (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL)) && g_strcmp0 (domain, "XML") != 0
      && !(g_strcmp0 (domain, "GLib") == 0 && strstr (message, "g_date_time_unref: assertion")))
    {
      fprintf (stderr, "%s-CRITICAL: %s\n", domain ? domain : "", message);
      abort ();
    }
}

static inline void
nb_fuzz_set_logging (void)
{
  static gboolean done;

  if (done)
    return;
  done = TRUE;
  g_log_set_default_handler (nb_fuzz_log, NULL);
  g_log_set_always_fatal (G_LOG_LEVEL_ERROR);
  g_setenv ("G_MESSAGES_DEBUG", "", TRUE);
}

/* @data as a NUL-terminated string (fuzz input is not). */
static inline char *
nb_fuzz_strndup (const uint8_t *data,
                 size_t         size)
{
  char *s = g_malloc (size + 1);

  memcpy (s, data, size);
  s[size] = '\0';
  return s;
}
