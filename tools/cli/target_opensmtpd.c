/* target_opensmtpd.c - `dsn reply --for opensmtpd`: what an OpenSMTPD
 * filter writes after "filter-result|<reqid>|<token>|": "reject|<reply>"
 * or "disconnect|<reply>" for a 421, and LF (dsn_opensmtpd_result,
 * dsn/opensmtpd.h). */
#include "cli.h"
#include "dsn/opensmtpd.h"

int cli_target_opensmtpd(const dsn_reply *r, unsigned flags, char *buf,
                         size_t size)
{
    /* the result always carries the enhanced code: flags change nothing */
    (void)flags;
    return dsn_opensmtpd_result(r, 0, buf, size);
}
