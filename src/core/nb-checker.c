/* nb-checker.c — to be written */
#include "config.h"
#include "nb-checker.h"
