/* reply.c - libdsn replies into a session's output (see session.h). */
#include "session.h"

#include <stdio.h>
#include <stdlib.h>

static int reserve(struct session *s, size_t n)
{
    size_t cap;
    char *grown;
    if (s->outpos == s->outlen)
        s->outpos = s->outlen = 0;
    if (s->outcap - s->outlen > n)
        return 0;
    cap = s->outcap ? s->outcap : 1024;
    while (cap - s->outlen <= n)
        cap *= 2;
    grown = realloc(s->out, cap);
    if (grown == NULL)
        return -1;
    s->out = grown;
    s->outcap = cap;
    return 0;
}

void session_reply(struct session *s, dsn_reply r)
{
    /* Without ENHANCEDSTATUSCODES advertised no reply may carry an
     * enhanced code (RFC 2034 3); libdsn leaves it out with this flag. */
    unsigned flags = s->srv->cfg->no_enhanced ? DSN_FMT_NO_ENHANCED : 0u;
    size_t n = dsn_format_ex(&r, flags, NULL, 0);
    if (n == 0) {
        /* only a bug here can build a reply libdsn refuses */
        (void)fprintf(stderr, "dsn-smtpd: reply %d refused: %s\n", r.code,
                      dsn_strerror(dsn_reply_check(&r, flags)));
        s->failed = 1;
        return;
    }
    if (reserve(s, n) != 0) {
        s->failed = 1;
        return;
    }
    dsn_format_ex(&r, flags, s->out + s->outlen, n + 1);
    s->outlen += n;
}

void session_close_with(struct session *s, dsn_reply r)
{
    session_reply(s, r);
    s->closing = 1;
}
