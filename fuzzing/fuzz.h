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

/* Quiet, and no abort on our own g_warning: only real failures count. */
static inline void
nb_fuzz_set_logging (void)
{
  g_log_set_always_fatal (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL);
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
