/* verdict.c - the reply for a local part of the users file (verdict.h). */
#include "verdict.h"

#include <strings.h>

#include "texts.h"

int user_verdict(const struct users *u, const char *local, size_t len,
                 dsn_reply *r)
{
    const struct user *user;
    if (len == 10 && strncasecmp(local, "postmaster", 10) == 0)
        return 0;
    user = users_find(u, local, len);
    if (user == NULL) {
        *r = dsn_no_such_user(NULL, 0);
        return 1;
    }
    switch (user->kind) {
    case USER_MULTILINE:
        *r = dsn_sec_unauthorized(smtpd_texts[TEXT_multiline], 0);
        return 1;
    case USER_LONG:
        *r = dsn_mbox_disabled(smtpd_texts[TEXT_wrapped], 0);
        return 1;
    case USER_FULL:
        *r = dsn_mbox_full(NULL, 0);
        return 1;
    case USER_ACCEPT:
        break;
    }
    return 0;
}
