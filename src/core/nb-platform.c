/* SPDX-License-Identifier: GPL-3.0-or-later */
/* nb-platform.c — what a platform needs before the first font is looked up */
#include "config.h"

#include "nb-platform.h"

/* On Windows, text is laid out through fontconfig and FreeType rather than
 * pango's GDI font map: the GDI one lacks what the exporters and checks ask
 * of it (font descriptions of fall-back faces came back NULL, and a PDF could
 * not be made), while fontconfig reads the Windows font folder (宋体, 黑体,
 * 仿宋, 楷体) and the fonts beside the program alike, as on Linux. Its
 * configuration is found beside its DLL (..\etc\fonts). Must run before GTK
 * or an exporter creates a font map; an explicit PANGOCAIRO_BACKEND wins. */
void
nb_platform_init (void)
{
#ifdef G_OS_WIN32
  g_setenv ("PANGOCAIRO_BACKEND", "fc", FALSE);
#endif
}
