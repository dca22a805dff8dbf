/* Replies built from a code rather than a table row, and their check. */
#include "dsn.h"

dsn_reply dsn_create(int code, const char *msg, int subject, int detail)
{
    dsn_reply r;
    r.code = dsn_code_valid(code) ? code : 450;
    r.cls = r.code / 100;
    r.subject = subject;
    r.detail = detail;
    r.flags = 0;
    if (!dsn_status_number_valid(subject) || !dsn_status_number_valid(detail)) {
        /* kept as given so that dsn_reply_check() says what is wrong */
        r.msg = r.fallback = NULL;
        return r;
    }
    {
        const dsn_entry *e = dsn_entry_by_status(subject, detail);
        /* haraka-dsn sends an empty text for a code it has no text for */
        r.fallback = e != NULL ? e->message : "";
        r.msg = (msg != NULL && *msg != '\0') ? msg : r.fallback;
    }
    return r;
}

dsn_reply dsn_basic(int code, const char *msg)
{
    dsn_reply r;
    r.code = dsn_code_wellformed(code) ? code : 0;
    r.cls = r.code / 100;
    r.subject = r.detail = 0;
    r.msg = msg;
    r.fallback = NULL;
    r.flags = DSN_FMT_NO_ENHANCED;
    return r;
}

/* The rules and their RFCs are listed in dsn/reply.h: RFC 5321 4.2's
 * reply-code grammar, RFC 2034 section 3 (no enhanced code on 3yz), RFC
 * 3463 section 2 (1 to 3 digits), RFC 2034 section 4 (the class agrees
 * with the code). */
int dsn_reply_check(const dsn_reply *r, unsigned flags)
{
    if (r == NULL)
        return DSN_EINVAL;
    flags |= r->flags;
    if (flags & DSN_FMT_NO_ENHANCED)
        return dsn_code_wellformed(r->code) ? DSN_OK : DSN_EBADCODE;
    if (!dsn_code_valid(r->code))
        return DSN_EBADCODE;
    if (!dsn_status_number_valid(r->subject) ||
        !dsn_status_number_valid(r->detail))
        return DSN_EBADSTATUS;
    if (r->cls != r->code / 100)
        return DSN_EBADCLASS;
    return DSN_OK;
}
