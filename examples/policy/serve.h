/*
 * serve.h - dsn-policyd's poll() loop: many Postfix smtpd(8) processes
 * at once, each on its own connection, each sending any number of
 * requests (Postfix keeps a policy connection open and reuses it).
 *
 * serve(lfd, stop_fd, users) accepts clients on the listening socket lfd
 * (up to POLICY_MAX_CLIENTS at once; more wait in the listen queue) and
 * answers every request with answer() until stop_fd is readable; then it
 * closes every connection and returns 0; -1 when poll() fails. A client
 * whose request dsn_policy_parse() refuses (dsn_strerror() is logged on
 * stderr) is disconnected, as Postfix itself does with a policy server
 * that breaks the protocol.
 */
#ifndef POLICY_SERVE_H
#define POLICY_SERVE_H

#include "users.h"

#define POLICY_MAX_CLIENTS 64

int serve(int lfd, int stop_fd, const struct users *users);

#endif
