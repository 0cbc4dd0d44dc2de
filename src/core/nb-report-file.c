/* nb-report-file.c — to be written */
#include "config.h"
#include "nb-report-file.h"
