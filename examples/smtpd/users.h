/*
 * users.h - the local users file.
 *
 * One local part per line, compared byte for byte; '#' starts a comment,
 * blank lines are ignored. An optional second field (blank-separated) is
 * what RCPT TO gets: "accept" (the default), "multiline", "long" or "full"
 * (verdict.h says which reply each gets).
 *
 * users_load() reads path into u and returns 0, or prints why on stderr
 * (prog, file, line number) and returns -1. users_find() returns the user whose
 * local part is local[0..len), or NULL.
 */
#ifndef SMTPD_USERS_H
#define SMTPD_USERS_H

#include <stddef.h>

enum user_kind { USER_ACCEPT, USER_MULTILINE, USER_LONG, USER_FULL };

struct user {
    char *local;
    size_t len;
    enum user_kind kind;
};

struct users {
    struct user *v;
    size_t n;
};

int users_load(struct users *u, const char *prog, const char *path);
const struct user *users_find(const struct users *u, const char *local,
                              size_t len);
void users_free(struct users *u);

#endif
