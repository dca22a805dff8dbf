/* Names and texts of the DSN_ERRNO_MAP errors. */
#include "dsn.h"

/* Indexed by -value: DSN_OK at 0, gaps between the ranges left NULL. */
static const struct dsn_error_entry {
    const char *name, *text;
} errors[] = {[0] = {"OK", "success"},
#define DSN_ERR_ENTRY_(name, value, text) [-(value)] = {#name, text},
              DSN_ERRNO_MAP(DSN_ERR_ENTRY_)
#undef DSN_ERR_ENTRY_
};

#define DSN_ERR_COUNT_ ((int)(sizeof errors / sizeof errors[0]))

/* The entry of err, or NULL when DSN_ERRNO_MAP does not list it. */
static const struct dsn_error_entry *entry_of(int err)
{
    if (err > 0 || err <= -DSN_ERR_COUNT_ || errors[-err].name == NULL)
        return NULL;
    return &errors[-err];
}

const char *dsn_err_name(int err)
{
    const struct dsn_error_entry *e = entry_of(err);
    return e != NULL ? e->name : "unknown error";
}

const char *dsn_strerror(int err)
{
    const struct dsn_error_entry *e = entry_of(err);
    return e != NULL ? e->text : "unknown error";
}
