/*
 * verdict.h - what a recipient of the users file gets: the one place
 * where the example servers (dsn-smtpd at RCPT TO, dsn-policyd for
 * Postfix) turn a local part into a libdsn reply.
 *
 * user_verdict(users, local, len, &r) returns 1 and sets r when the local
 * part local[0..len) is refused, 0 when it is accepted:
 *
 *     not in the file      dsn_no_such_user          550 5.1.1
 *     multiline            dsn_sec_unauthorized      550 5.7.1, 3 lines
 *     long                 dsn_mbox_disabled         550 5.2.1, a text
 *                                                    longer than a line
 *     full                 dsn_mbox_full             450 4.2.2
 *     accept, postmaster   accepted
 *
 * postmaster (any case) is always accepted (RFC 5321 4.5.1).
 */
#ifndef SMTPD_VERDICT_H
#define SMTPD_VERDICT_H

#include <stddef.h>

#include "dsn.h"
#include "users.h"

int user_verdict(const struct users *u, const char *local, size_t len,
                 dsn_reply *r);

#endif
