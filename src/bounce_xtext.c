/* RFC 3461 section 4 xtext, decoded. */
#include <limits.h>

#include "dsn/bounce.h"
#include "hex.h"
#include "sink.h"
#include "text_class.h"

/* xchar: "!".."~" except "+" and "=". */
static int is_xchar(char c)
{
    return dsn_is_vchar((unsigned char)c) && c != '+' && c != '=';
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
            if (len - i < 3 || dsn_hex_value(in[i + 1], DSN_HEX_UPPER) < 0 ||
                dsn_hex_value(in[i + 2], DSN_HEX_UPPER) < 0)
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
            c = (char)(dsn_hex_value(in[i + 1], DSN_HEX_UPPER) << 4 |
                       dsn_hex_value(in[i + 2], DSN_HEX_UPPER));
            i += 2;
        }
        dsn_sink_put(&o, &c, 1);
    }
    return (int)dsn_sink_end(&o);
}
