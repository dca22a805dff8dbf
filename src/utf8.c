/*
 * utf8.c - the public face of src/utf8.h's rule (RFC 3629 section 4):
 * dsn_utf8_char() and dsn_utf8_valid() of dsn/base.h, for the program,
 * the tests and any caller that must know which octets are UTF-8.
 */
#include "dsn/base.h"
#include "utf8.h"

size_t dsn_utf8_char(const char *s, size_t len)
{
    return len == 0 ? 0 : dsn_utf8_char_len(s, 0, len);
}

size_t dsn_utf8_valid(const char *s, size_t len)
{
    size_t i = 0, k;
    if (len == 0)
        return 0;
    while (i < len && (k = dsn_utf8_char_len(s, i, len)) > 0)
        i += k;
    return i;
}
