/* Severity, RFC 3464 Action and default status of a reply code. */
#include "dsn.h"

#include "ascii_case.h"

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

/* RFC 3464 section 2.3.3's action-values, indexed by DSN_ACTION_* - 1;
 * rows of one size, so any name read up to its NUL stays in the table. */
static const char action_names[][sizeof "delivered"] = {
    "failed", "delayed", "delivered", "relayed", "expanded"};

const char *dsn_action_name(int action)
{
    if (action < DSN_ACTION_FAILED || action > DSN_ACTION_EXPANDED)
        return NULL;
    return action_names[action - DSN_ACTION_FAILED];
}

int dsn_action_by_name(const char *name, size_t len)
{
    int action;
    if (name == NULL && len > 0)
        return DSN_EINVAL;
    for (action = DSN_ACTION_FAILED; action <= DSN_ACTION_EXPANDED; action++)
        if (dsn_ascii_ieq(name, len, dsn_action_name(action)))
            return action;
    return DSN_EINVAL;
}

int dsn_default_status(int code, dsn_status *out)
{
    int subject = 0, detail = 0;
    if (out == NULL)
        return DSN_EINVAL;
    if (!final_code(code))
        return DSN_EBADCODE;
    /* default_status.def: the rows, their meanings and the rule */
    switch (code) {
#define DSN_DEFAULT_STATUS(code_, subject_, detail_, meanings)                 \
    case code_:                                                                \
        subject = subject_;                                                    \
        detail = detail_;                                                      \
        break;
#include "default_status.def"
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
