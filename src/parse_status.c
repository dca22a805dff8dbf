/* Strict reading of one RFC 3463 enhanced status code. */
#include "dsn.h"
#include "status_scan.h"

/*@ requires s == \null || \valid_read(s + (0 .. len - 1));
    requires out == \null || \valid(out);
    assigns *out;
    behavior no_bytes:
      assumes s == \null;
      assigns \nothing;
      ensures \result == (len == 0 ? DSN_ESTATUS : DSN_EINVAL);
    behavior bytes:
      assumes s != \null;
      ensures \result == DSN_ESTATUS || (5 <= \result <= 9 && \result <= len);
      ensures \result < 0 && out != \null ==> *out == \old(*out);
      ensures \result > 0 && out != \null ==>
              (out->cls == 2 || out->cls == 4 || out->cls == 5) &&
              0 <= out->subject <= 999 && 0 <= out->detail <= 999;
    complete behaviors;
    disjoint behaviors; */
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
    kind = scan_status(s, 0, len, &st, &n);
    if (kind != SCAN_VALID)
        return DSN_ESTATUS;
    if (out != NULL)
        *out = st;
    return (int)n;
}
