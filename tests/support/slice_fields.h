/*
 * slice_fields.h - checking the dsn_slice results of a reader (policy
 * requests, delivery-status reports) against text.
 *
 * expect_slice(got, want): got holds exactly the bytes of the C string
 * want and points somewhere (a field that was there, even if empty); with
 * want NULL, got is the "not there" slice {NULL, 0}.
 *
 * EXPECT_SLICE_FIELDS(obj, fields, want): the slice members of *obj that
 * the table fields names (SLICE_FIELD(type, member) rows), written one a
 * line as "member=value\n" in table order and leaving out those not there
 * (ptr NULL), are exactly the text want. One comparison shows every field
 * that differs, and a field the test did not expect fails it too.
 * Include after <cmocka.h>.
 */
#ifndef DSN_TESTS_SLICE_FIELDS_H
#define DSN_TESTS_SLICE_FIELDS_H

#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "dsn.h"

static inline void expect_slice(dsn_slice got, const char *want)
{
    if (want == NULL) {
        if (got.ptr != NULL || got.len != 0)
            fail_msg("slice \"%.*s\" (len %zu), want none", (int)got.len,
                     got.ptr ? got.ptr : "", got.len);
        return;
    }
    if (got.ptr == NULL || got.len != strlen(want) ||
        memcmp(got.ptr, want, got.len) != 0)
        fail_msg("slice \"%.*s\"%s, want \"%s\"", (int)got.len,
                 got.ptr ? got.ptr : "", got.ptr ? "" : " (none)", want);
}

/* A dsn_slice member of a struct: its name and offset. */
typedef struct slice_field {
    const char *name;
    size_t offset;
} slice_field;
#define SLICE_FIELD(type, member)                                              \
    {                                                                          \
#member, offsetof(type, member)                                        \
    }

/* The fields of obj that are there, "name=value\n" each, into out. */
static inline void slice_fields_text(const void *obj, const slice_field *fields,
                                     size_t n, char *out, size_t size)
{
    size_t i, used = 0;
    out[0] = '\0';
    for (i = 0; i < n; i++) {
        dsn_slice s;
        int w;
        memcpy(&s, (const char *)obj + fields[i].offset, sizeof s);
        if (s.ptr == NULL)
            continue;
        if (memchr(s.ptr, '\0', s.len) != NULL)
            fail_msg("%s holds a NUL: check it with expect_slice()",
                     fields[i].name);
        w = snprintf(out + used, size - used, "%s=%.*s\n", fields[i].name,
                     (int)s.len, s.ptr);
        assert_true(w >= 0 && (size_t)w < size - used);
        used += (size_t)w;
    }
}

static inline void expect_slice_fields(const void *obj,
                                       const slice_field *fields, size_t n,
                                       const char *want)
{
    char got[4096];
    slice_fields_text(obj, fields, n, got, sizeof got);
    assert_string_equal(got, want);
}
#define EXPECT_SLICE_FIELDS(obj, fields, want)                                 \
    expect_slice_fields(obj, fields, sizeof fields / sizeof fields[0], want)

#endif /* DSN_TESTS_SLICE_FIELDS_H */
