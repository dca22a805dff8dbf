/* Names and texts of the DSN_ERRNO_MAP errors. */
#include "dsn.h"

const char *dsn_err_name(int err)
{
    switch (err) {
    case DSN_OK:
        return "OK";
#define DSN_ERR_NAME_(name, value, text)                                       \
    case DSN_##name:                                                           \
        return #name;
        DSN_ERRNO_MAP(DSN_ERR_NAME_)
#undef DSN_ERR_NAME_
    default:
        return "unknown error";
    }
}

const char *dsn_strerror(int err)
{
    switch (err) {
    case DSN_OK:
        return "success";
#define DSN_ERR_TEXT_(name, value, text)                                       \
    case DSN_##name:                                                           \
        return text;
        DSN_ERRNO_MAP(DSN_ERR_TEXT_)
#undef DSN_ERR_TEXT_
    default:
        return "unknown error";
    }
}
