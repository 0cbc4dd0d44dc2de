/* nianbao-cli — placeholder until the command line lands */
#include "config.h"
#include <glib.h>
int main (int argc, char **argv) { return 2; }
