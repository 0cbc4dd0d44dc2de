/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "nb-number.h"
#include "nb-error.h"

static void
test_parse (void)
{
  NbNumber n;
  NbKind count = { NB_KIND_COUNT, 0 };
  NbKind dec4 = { NB_KIND_DECIMAL, 4 };
  NbKind sig = { NB_KIND_SIGNED, 0 };
  char buf[NB_NUMBER_BUF];
  g_autoptr(GError) error = NULL;

  g_assert_true (nb_number_parse ("793.9397", &n, NULL));
  g_assert_cmpint (n.units, ==, 7939397);
  g_assert_cmpint (n.places, ==, 4);
  g_assert_cmpstr (nb_number_format (&n, buf), ==, "793.9397");

  g_assert_true (nb_number_parse ("１２３", &n, NULL));
  g_assert_cmpint (n.units, ==, 123);
  g_assert_true (nb_number_parse ("－３３", &n, NULL));
  g_assert_cmpint (n.units, ==, -33);
  g_assert_true (nb_number_parse ("+4", &n, NULL));
  g_assert_cmpint (n.units, ==, 4);
  g_assert_true (nb_number_parse ("1,234,567", &n, NULL));
  g_assert_cmpint (n.units, ==, 1234567);
  g_assert_true (nb_number_parse ("18651.060", &n, NULL));
  g_assert_cmpstr (nb_number_format (&n, buf), ==, "18651.060");

  g_assert_false (nb_number_parse ("12a", &n, &error));
  g_assert_error (error, NB_ERROR, NB_ERROR_PARSE);
  g_clear_error (&error);
  g_assert_false (nb_number_parse ("", &n, &error));
  g_clear_error (&error);
  g_assert_false (nb_number_parse ("1,23", &n, &error));
  g_clear_error (&error);
  g_assert_false (nb_number_parse ("12.", &n, &error));
  g_clear_error (&error);
  g_assert_false (nb_number_parse ("1.2.3", &n, &error));
  g_clear_error (&error);
  g_assert_false (nb_number_parse ("999999999999", &n, &error));
  g_assert_error (error, NB_ERROR, NB_ERROR_RANGE);
  g_clear_error (&error);

  g_assert_false (nb_number_parse_for_kind ("-1", &count, &n, &error));
  g_assert_error (error, NB_ERROR, NB_ERROR_KIND);
  g_clear_error (&error);
  g_assert_false (nb_number_parse_for_kind ("1.5", &count, &n, &error));
  g_clear_error (&error);
  g_assert_true (nb_number_parse_for_kind ("-33", &sig, &n, NULL));
  g_assert_false (nb_number_parse_for_kind ("1.23456", &dec4, &n, &error));
  g_assert_error (error, NB_ERROR, NB_ERROR_RANGE);
  g_clear_error (&error);
  g_assert_true (nb_number_parse_for_kind ("5.00", &count, &n, NULL));
  g_assert_cmpint (n.units, ==, 5);
  g_assert_cmpint (n.places, ==, 0);
}

static void
test_arith (void)
{
  NbNumber a, b;

  g_assert_true (nb_number_parse ("0.1", &a, NULL));
  g_assert_true (nb_number_parse ("0.2", &b, NULL));
  g_assert_true (nb_number_add (&a, &b));
  g_assert_true (nb_number_parse ("0.3", &b, NULL));
  g_assert_true (nb_number_equal (&a, &b));   /* exact, unlike double */

  g_assert_true (nb_number_parse ("1.5", &a, NULL));
  g_assert_true (nb_number_parse ("1.50", &b, NULL));
  g_assert_cmpint (nb_number_compare (&a, &b), ==, 0);
  g_assert_true (nb_number_parse ("2", &b, NULL));
  g_assert_cmpint (nb_number_compare (&a, &b), <, 0);
  g_assert_true (nb_number_sub (&a, &b));
  g_assert_cmpint (a.units, ==, -5);
  g_assert_cmpint (a.places, ==, 1);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/number/parse", test_parse);
  g_test_add_func ("/number/arith", test_arith);
  return g_test_run ();
}
