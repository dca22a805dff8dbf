/*
 * dsn_table.def's functions by name: dsn_by_name() and dsn_name().
 *
 * The names are searched in sorted order. The order is not written by
 * hand anywhere: tools/gen/name_index.c includes dsn_table.def, sorts the
 * names, and writes dsn_name_index.h into the build tree (the rule is in
 * cmake/name_index.cmake and runs again whenever the .def changes). The
 * index lists DSN_ID_<name> constants, so a stale or wrong index would
 * name a row that does not exist and fail to compile; its length is
 * checked against DSN_ID_COUNT below. A row added to dsn_table.def is
 * thus found by its name at the next build, with no other edit.
 *
 * A binary search over 92 names costs at most 7 comparisons of a few
 * bytes, no hashing of the key and no table to tune: simpler than a
 * perfect hash for no measurable loss.
 */
#include <string.h>

#include "dsn.h"
#include "dsn_name_index.h"

_Static_assert(DSN_NAME_INDEX_COUNT == DSN_ID_COUNT,
               "dsn_name_index.h is out of date with dsn_table.def");

/* strcmp's order over (pointer, length) names: bytes as unsigned char,
 * and a name before any longer name it is a prefix of. */
static int compare(const char *a, size_t a_len, const char *b, size_t b_len)
{
    int c = memcmp(a, b, a_len < b_len ? a_len : b_len);
    if (c != 0)
        return c;
    return a_len < b_len ? -1 : a_len > b_len;
}

int dsn_by_name(const char *name, size_t len, const char *msg, int code,
                dsn_reply *out)
{
    size_t lo = 0, hi = DSN_NAME_INDEX_COUNT;
    if (name == NULL)
        return len > 0 ? DSN_EINVAL : DSN_ENOTFOUND;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int id = dsn_name_index[mid];
        const dsn_entry *e = &dsn_entries[id];
        int c = compare(name, len, e->name, e->name_len);
        if (c == 0) {
            if (out != NULL)
                *out = dsn_from_id(id, msg, code);
            return id;
        }
        if (c < 0)
            hi = mid;
        else
            lo = mid + 1;
    }
    return DSN_ENOTFOUND;
}

const char *dsn_name(int id)
{
    const dsn_entry *e = dsn_entry_of(id);
    return e != NULL ? e->name : NULL;
}
