/* target_postfix_policy.c - `dsn reply --for postfix-policy`: the whole
 * response of a Postfix policy server (dsn_policy_action, dsn/policy.h). */
#include "cli.h"
#include "dsn/policy.h"

int cli_target_postfix_policy(const dsn_reply *r, unsigned flags, char *buf,
                              size_t size)
{
    /* only DSN_FMT_ASCII comes (targets.def): the response always carries
     * the enhanced code */
    dsn_reply c = cli_reply_with_flags(r, flags);
    return dsn_policy_action(&c, buf, size);
}
