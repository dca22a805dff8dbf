/* dsn_osmtpd_reject(): dsn_opensmtpd_result() through libopensmtpd. */
#include <string.h>

#include "dsn_osmtpd.h"

#define VERB_REJECT "reject|"
#define VERB_DISCONNECT "disconnect|421 "

int dsn_osmtpd_reject(struct osmtpd_ctx *ctx, const dsn_reply *r)
{
    char result[DSN_OPENSMTPD_RESULT_MAX + 2];
    int n;
    if (ctx == NULL)
        return DSN_EINVAL;
    n = dsn_opensmtpd_result(r, 0, result, sizeof result);
    if (n < 1) /* never 0: a result is "reject|" and more */
        return n < 0 ? n : DSN_EINVAL;
    result[n - 1] = '\0'; /* libopensmtpd adds the LF */
    if (strncmp(result, VERB_DISCONNECT, strlen(VERB_DISCONNECT)) == 0) {
        /* libopensmtpd writes "disconnect|421 " itself */
        osmtpd_filter_disconnect(ctx, "%s", result + strlen(VERB_DISCONNECT));
    } else {
        /* "reject|550 5.1.1 ...": libopensmtpd writes "reject|550 " */
        osmtpd_filter_reject(ctx, r->code, "%s",
                             result + strlen(VERB_REJECT) + 4);
    }
    return 0;
}
