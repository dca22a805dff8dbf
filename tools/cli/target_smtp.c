/* target_smtp.c - `dsn reply --for smtp`: the wire reply (dsn_format_ex). */
#include "cli.h"

int cli_target_smtp(const dsn_reply *r, unsigned flags, char *buf, size_t size)
{
    size_t n = dsn_format_ex(r, flags, buf, size);
    /* 0 is dsn_format's error: say which */
    return n > 0 ? (int)n : dsn_reply_check(r, flags);
}
