/* nb-text-figures.c — to be written */
#include "config.h"
#include "nb-text-figures.h"
