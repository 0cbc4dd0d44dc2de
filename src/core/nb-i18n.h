/* SPDX-License-Identifier: GPL-3.0-or-later */
/* nb-i18n.h — where the translations are, for every front end */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Sets the locale from the environment and binds the text domain to the
 * first of: $NB_LOCALEDIR; on Windows, share/locale beside the installed
 * program (installations move); the configured LOCALEDIR if it holds our
 * catalogue; the build tree's po/ (running uninstalled). */
void nb_i18n_init (void);

G_END_DECLS
