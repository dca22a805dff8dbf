/* Strict reading of one RFC 3463 enhanced status code. */
#include "dsn.h"
#include "status_scan.h"

int dsn_parse_status(const char *s, size_t len, dsn_status *out)
{
    dsn_status st;
    size_t n = 0;
    int kind;
    if (s == NULL)
        return len == 0 ? DSN_ESTATUS : DSN_EINVAL;
    /* 3 digits per number at most: no valid code is longer than 9 bytes,
     * so a longer input is read no further than its first 10 */
    if (len > 10)
        len = 10;
    kind = scan_status((const unsigned char *)s, 0, len, &st, &n);
    if (kind != SCAN_VALID)
        return DSN_ESTATUS;
    if (out != NULL)
        *out = st;
    return (int)n;
}
