/* answer.c - dsn-policyd's decision for one request (see answer.h). */
#include "answer.h"

#include <stdio.h>
#include <string.h>

#include "verdict.h"

static const char dunno[] = "action=DUNNO\n\n";
/* SMTPD_POLICY_README's answer for a server that cannot decide */
static const char failed[] =
    "action=DEFER_IF_PERMIT Service temporarily unavailable\n\n";

static int slice_is(dsn_slice s, const char *word)
{
    return s.ptr != NULL && s.len == strlen(word) &&
           memcmp(s.ptr, word, s.len) == 0;
}

/* The address this state is about: NULL slice when none. */
static dsn_slice address_of(const dsn_policy_request *q)
{
    static const dsn_slice none = {NULL, 0};
    if (!slice_is(q->request, "smtpd_access_policy"))
        return none;
    if (slice_is(q->protocol_state, "RCPT"))
        return q->recipient;
    if (slice_is(q->protocol_state, "MAIL"))
        return q->sender;
    return none;
}

/* Length of the local part: up to the last '@' (RFC 5321 4.1.2). */
static size_t local_part_len(dsn_slice a)
{
    size_t n = a.len;
    while (n > 0 && a.ptr[n - 1] != '@')
        n--;
    return n > 0 ? n - 1 : a.len;
}

size_t answer(const struct users *users, const dsn_policy_request *q, char *buf,
              size_t size)
{
    dsn_slice a = address_of(q);
    dsn_reply r;
    int n;
    if (a.len == 0 || !user_verdict(users, a.ptr, local_part_len(a), &r))
        return (size_t)snprintf(buf, size, "%s", dunno);
    n = dsn_policy_action(&r, buf, size);
    if (n < 0) {
        /* only a reply that is no rejection can get here: a bug */
        (void)fprintf(stderr, "dsn-policyd: %s\n", dsn_strerror(n));
        return (size_t)snprintf(buf, size, "%s", failed);
    }
    return (size_t)n;
}
