/*
 * address.h - the reverse-path and forward-path of MAIL and RCPT.
 *
 * path_parse(arg, &p) reads what follows "FROM:" or "TO:" (RFC 5321
 * 4.1.2): "<local@domain>" or "<>", an optional source route to ignore
 * ("<@a,@b:local@domain>"), then ESMTP parameters after a space. One space
 * before '<' is tolerated, as common servers do. The fields point into arg.
 *
 *     PATH_OK         p is filled; p.null is 1 for "<>"
 *     PATH_SYNTAX     no <...> where one belongs: the command is malformed
 *     PATH_BAD_ADDR   a <...> whose address is not a valid mailbox
 *
 * A forward-path may be "<postmaster>" without domain (RFC 5321 4.5.1):
 * then domain_len is 0.
 */
#ifndef SMTPD_ADDRESS_H
#define SMTPD_ADDRESS_H

#include <stddef.h>

enum path_result { PATH_OK, PATH_SYNTAX, PATH_BAD_ADDR };

struct smtp_path {
    const char *local;
    size_t local_len;
    const char *domain;
    size_t domain_len;
    int null;           /* "<>" */
    const char *params; /* after the path and its blanks; "" when none */
};

enum path_result path_parse(const char *arg, struct smtp_path *p);

/* 1 when the next ESMTP parameter in *params is KEY=VALUE or KEY, with
 * *params moved past it; 0 at the end. key/value point into params. */
int param_next(const char **params, const char **key, size_t *key_len,
               const char **value, size_t *value_len);

#endif
