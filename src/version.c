/* Compiled into the library, so that a program sees the version of the
 * libdsn it is linked with, not the one its headers came from. */
#include "dsn.h"

const char *dsn_version(void)
{
    return DSN_VERSION_STRING;
}
