/*
 * One Postfix policy request (see dsn/policy.h): "name=value" lines ended
 * by LF, the request by an empty line; each attribute this parser knows
 * becomes a slice of the caller's buffer.
 */
#include <stddef.h>
#include <string.h>

#include "dsn/policy.h"
#include "text_class.h"

/* The names of DSN_POLICY_ATTR_MAP, in the order of its fields. */
static const char *const attr_names[] = {
#define DSN_POLICY_NAME_(name) #name,
    DSN_POLICY_ATTR_MAP(DSN_POLICY_NAME_)
#undef DSN_POLICY_NAME_
};
enum { ATTR_COUNT = sizeof attr_names / sizeof attr_names[0] };

/* Where each field of DSN_POLICY_ATTR_MAP lies in a dsn_policy_request. */
static const size_t attr_offsets[] = {
#define DSN_POLICY_OFFSET_(name) offsetof(dsn_policy_request, name),
    DSN_POLICY_ATTR_MAP(DSN_POLICY_OFFSET_)
#undef DSN_POLICY_OFFSET_
};

/* The field of q named name[0..len), or NULL for a name not known. */
static dsn_slice *field_of(dsn_policy_request *q, const char *name, size_t len)
{
    size_t i;
    for (i = 0; i < ATTR_COUNT; i++)
        if (strlen(attr_names[i]) == len &&
            memcmp(attr_names[i], name, len) == 0)
            return (dsn_slice *)(void *)((char *)q + attr_offsets[i]);
    return NULL;
}

/* Takes the line s[0..n) (no LF) into q. */
static int take_line(dsn_policy_request *q, const char *s, size_t n)
{
    const char *eq = memchr(s, '=', n);
    dsn_slice *field;
    size_t i;
    for (i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (dsn_is_ctl(c) && c != '\t')
            return DSN_EPOLICYCTRL;
    }
    if (eq == NULL || eq == s)
        return DSN_EPOLICYSYNTAX;
    q->attributes++;
    field = field_of(q, s, (size_t)(eq - s));
    if (field == NULL)
        return DSN_OK; /* a newer Postfix's attribute: ignored */
    if (field->ptr != NULL)
        return DSN_EPOLICYDUP;
    field->ptr = eq + 1;
    field->len = n - (size_t)(eq + 1 - s);
    return DSN_OK;
}

int dsn_policy_parse(const char *buf, size_t len, dsn_policy_request *q)
{
    size_t pos = 0,
           end = len < DSN_POLICY_REQUEST_MAX ? len : DSN_POLICY_REQUEST_MAX;
    if (buf == NULL || q == NULL)
        return DSN_EINVAL;
#define DSN_POLICY_CLEAR_(name)                                                \
    q->name.ptr = NULL;                                                        \
    q->name.len = 0;
    DSN_POLICY_ATTR_MAP(DSN_POLICY_CLEAR_)
#undef DSN_POLICY_CLEAR_
    q->attributes = 0;
    for (;;) {
        const char *nl = memchr(buf + pos, '\n', end - pos);
        size_t n;
        int err;
        if (nl == NULL)
            return len >= DSN_POLICY_REQUEST_MAX ? DSN_EPOLICYSIZE
                                                 : DSN_EINCOMPLETE;
        n = (size_t)(nl - (buf + pos));
        if (n == 0)
            return (int)(pos + 1);
        err = take_line(q, buf + pos, n);
        if (err != DSN_OK)
            return err;
        pos += n + 1;
    }
}
