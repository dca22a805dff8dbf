/* RFC 3461 section 4 xtext, decoded. */
#include <limits.h>

#include "dsn/bounce.h"
#include "sink.h"

/* 0..15 for an upper-case hex digit (RFC 3461: "hexchar = ASCII "+"
 * immediately followed by two upper case hexadecimal digits"), else -1. */
static int upper_hex(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/* xchar: "!".."~" except "+" and "=". */
static int is_xchar(char c)
{
    return c >= '!' && c <= '~' && c != '+' && c != '=';
}

int dsn_xtext_decode(const char *in, size_t len, char *buf, size_t size)
{
    dsn_sink o = dsn_sink_make(buf, size);
    size_t i = 0;
    if ((in == NULL && len > 0) || len > INT_MAX)
        return DSN_EXTEXT;
    /* a first pass, so that an error leaves buf untouched */
    while (i < len) {
        if (in[i] == '+') {
            if (len - i < 3 || upper_hex(in[i + 1]) < 0 ||
                upper_hex(in[i + 2]) < 0)
                return DSN_EXTEXT;
            i += 3;
        } else if (is_xchar(in[i])) {
            i++;
        } else {
            return DSN_EXTEXT;
        }
    }
    for (i = 0; i < len; i++) {
        char c = in[i];
        if (c == '+') {
            c = (char)(upper_hex(in[i + 1]) << 4 | upper_hex(in[i + 2]));
            i += 2;
        }
        dsn_sink_put(&o, &c, 1);
    }
    return (int)dsn_sink_end(&o);
}
