/* Severity, RFC 3464 Action and default status of a reply code. */
#include "dsn.h"

/* A reply code a DSN can report: 2yz, 4yz, 5yz, any second digit. */
static int final_code(int code)
{
    return dsn_code_in_range(code) && code / 100 != 3;
}

int dsn_severity(int code)
{
    if (!final_code(code))
        return DSN_EBADCODE;
    return code / 100; /* DSN_SEVERITY_* are the class digits */
}

const char *dsn_severity_name(int severity)
{
    switch (severity) {
    case DSN_SEVERITY_SUCCESS:
        return "success";
    case DSN_SEVERITY_TRANSIENT:
        return "transient";
    case DSN_SEVERITY_PERMANENT:
        return "permanent";
    default:
        return NULL;
    }
}

int dsn_action_of(int code)
{
    switch (dsn_severity(code)) {
    case DSN_SEVERITY_SUCCESS:
        return DSN_ACTION_DELIVERED;
    case DSN_SEVERITY_TRANSIENT:
        return DSN_ACTION_DELAYED;
    case DSN_SEVERITY_PERMANENT:
        return DSN_ACTION_FAILED;
    default:
        return DSN_EBADCODE;
    }
}

const char *dsn_action_name(int action)
{
    switch (action) {
    case DSN_ACTION_FAILED:
        return "failed";
    case DSN_ACTION_DELAYED:
        return "delayed";
    case DSN_ACTION_DELIVERED:
        return "delivered";
    case DSN_ACTION_RELAYED:
        return "relayed";
    case DSN_ACTION_EXPANDED:
        return "expanded";
    default:
        return NULL;
    }
}

/* The mapping documented in dsn/delivery.h, one line each: reply code,
 * subject, detail. tests/test_delivery.c checks each against the
 * registry. */
#define DSN_DEFAULT_STATUS_MAP(XX)                                             \
    XX(235, 7, 0)                                                              \
    XX(421, 4, 2)                                                              \
    XX(432, 7, 12)                                                             \
    XX(451, 3, 0)                                                              \
    XX(452, 3, 1)                                                              \
    XX(453, 3, 2)                                                              \
    XX(454, 7, 0)                                                              \
    XX(455, 5, 4)                                                              \
    XX(500, 5, 2)                                                              \
    XX(501, 5, 4)                                                              \
    XX(502, 5, 1)                                                              \
    XX(503, 5, 1)                                                              \
    XX(504, 5, 4)                                                              \
    XX(521, 3, 2)                                                              \
    XX(523, 7, 10)                                                             \
    XX(525, 7, 13)                                                             \
    XX(530, 7, 0)                                                              \
    XX(534, 7, 9)                                                              \
    XX(535, 7, 8)                                                              \
    XX(538, 7, 11)                                                             \
    XX(552, 3, 4)                                                              \
    XX(553, 1, 0)                                                              \
    XX(555, 5, 4)                                                              \
    XX(556, 1, 10)

int dsn_default_status(int code, dsn_status *out)
{
    int subject = 0, detail = 0;
    if (out == NULL)
        return DSN_EINVAL;
    if (!final_code(code))
        return DSN_EBADCODE;
    switch (code) {
#define DSN_DEFAULT_CASE_(code_, subject_, detail_)                            \
    case code_:                                                                \
        subject = subject_;                                                    \
        detail = detail_;                                                      \
        break;
        DSN_DEFAULT_STATUS_MAP(DSN_DEFAULT_CASE_)
#undef DSN_DEFAULT_CASE_
    default:
        break;
    }
    out->cls = code / 100;
    out->subject = subject;
    out->detail = detail;
    return DSN_OK;
}

int dsn_reply_status(const dsn_parsed_reply *r, dsn_status *out)
{
    if (r == NULL || out == NULL)
        return DSN_EINVAL;
    if (r->flags & DSN_REPLY_STATUS) {
        *out = r->status;
        return DSN_OK;
    }
    return dsn_default_status(r->code, out);
}
