/* target_postfix_policy.c - `dsn reply --for postfix-policy`: the whole
 * response of a Postfix policy server (dsn_policy_action, dsn/policy.h). */
#include "cli.h"
#include "dsn/policy.h"

int cli_target_postfix_policy(const dsn_reply *r, unsigned flags, char *buf,
                              size_t size)
{
    /* the response always carries the enhanced code: flags change nothing */
    (void)flags;
    return dsn_policy_action(r, buf, size);
}
