/* number.c - a decimal number from the command line (see number.h). */
#include "number.h"

#include <errno.h>
#include <stdlib.h>

int parse_number(const char *s, unsigned long long max, unsigned long long *out)
{
    char *end;
    unsigned long long v;
    if (*s < '0' || *s > '9') /* strtoull would take " 1", "+1" and "-1" */
        return -1;
    errno = 0;
    v = strtoull(s, &end, 10);
    if (*end != '\0' || errno != 0 || v > max)
        return -1;
    *out = v;
    return 0;
}
