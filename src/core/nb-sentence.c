/* nb-sentence.c — to be written */
#include "config.h"
#include "nb-sentence.h"
