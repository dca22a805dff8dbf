/*
 * answer.h - dsn-policyd's decision for one Postfix policy request.
 *
 * answer(users, q, buf, size) writes the response for the request q into
 * buf (snprintf's contract; DSN_POLICY_ACTION_MAX always suffices) and
 * returns its length:
 *
 *   - protocol_state RCPT: the recipient's local part, MAIL: the
 *     sender's (smtpd_sender_restrictions with smtpd_delay_reject = no),
 *     goes through user_verdict() (examples/smtpd/verdict.h); a refused
 *     one gets dsn_policy_action() of its libdsn reply, as
 *     "action=550 5.1.1 No such user";
 *   - anything else (an accepted address, the null sender, another
 *     state, a request that is not "smtpd_access_policy") gets
 *     "action=DUNNO": this server has no opinion, the next restriction
 *     decides;
 *   - a libdsn reply dsn_policy_action() refuses (a bug) is logged and
 *     gets "action=DEFER_IF_PERMIT Service temporarily unavailable".
 */
#ifndef POLICY_ANSWER_H
#define POLICY_ANSWER_H

#include <stddef.h>

#include "dsn.h"
#include "dsn/policy.h"
#include "users.h"

size_t answer(const struct users *users, const dsn_policy_request *q, char *buf,
              size_t size);

#endif
