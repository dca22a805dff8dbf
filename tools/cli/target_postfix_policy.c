/* target_postfix_policy.c - `dsn reply --for postfix-policy`: the whole
 * response of a Postfix policy server (dsn_policy_action, dsn/policy.h). */
#include "cli.h"
#include "dsn/policy.h"

int cli_target_postfix_policy(const dsn_reply *r, unsigned flags, char *buf,
                              size_t size)
{
    /* the response always carries the enhanced code: of the flags only
     * --ascii's changes it */
    dsn_reply ascii = *r;
    ascii.flags |= flags & DSN_FMT_ASCII;
    return dsn_policy_action(&ascii, buf, size);
}
