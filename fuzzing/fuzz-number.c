/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fuzz-number.c — NbNumber parsing: a parsed number formats as text that
 * parses back to the same number */
#include "fuzz.h"
#include "nb-number.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *text = NULL;
  g_autofree char *formatted = NULL;
  NbNumber n, back;

  if (size > NB_FUZZ_MAX_INPUT)
    return 0;
  nb_fuzz_set_logging ();

  text = nb_fuzz_strndup (data, size);
  if (!nb_number_parse (text, &n, NULL))
    return 0;
  if (n.blank)
    return 0;
  {
    /* At most 11 whole digits and 6 places: no overflow anywhere after. */
    gint64 limit = NB_NUMBER_MAX_INTEGER + 1;

    if (n.places > NB_NUMBER_MAX_PLACES)
      abort ();
    for (guint i = 0; i < n.places; i++)
      limit *= 10;
    if (n.units >= limit || n.units <= -limit)
      abort ();
  }
  formatted = nb_number_to_string (&n);
  if (!nb_number_parse (formatted, &back, NULL) || !nb_number_equal (&n, &back))
    {
      fprintf (stderr, "“%s” → “%s” does not parse back\n", text, formatted);
      abort ();
    }
  return 0;
}
