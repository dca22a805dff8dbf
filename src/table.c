/* The rows of dsn_table.def as data, and lookups over them. */
#include "dsn.h"

/* clang-format off */
#define DSN_ENTRY_(name, code, subject, detail, text, is_variant)              \
    {#name, text, sizeof(#name) - 1, sizeof(text) - 1, code, subject, detail,  \
     is_variant},
/* clang-format on */
#define DSN_ROW(name, code, subject, detail, text)                             \
    DSN_ENTRY_(name, code, subject, detail, text, 0)
#define DSN_VARIANT(name, code, subject, detail, text)                         \
    DSN_ENTRY_(name, code, subject, detail, text, 1)
const dsn_entry dsn_entries[DSN_ID_COUNT] = {
#include "dsn_table.def"
};
#undef DSN_ROW
#undef DSN_VARIANT

const dsn_entry *dsn_entry_of(int id)
{
    if (id < 0 || id >= (int)DSN_ID_COUNT)
        return NULL;
    return &dsn_entries[id];
}

/* A switch over the DSN_ROW rows only: a second DSN_ROW for the same
 * subject.detail is a duplicate case label, which the compiler rejects. */
/* clang-format off */
#define DSN_STATUS_KEY_(subject, detail) ((subject) * 1000 + (detail))
/* clang-format on */

const dsn_entry *dsn_entry_by_status(int subject, int detail)
{
    if (subject < 0 || subject > 999 || detail < 0 || detail > 999)
        return NULL;
    switch (DSN_STATUS_KEY_(subject, detail)) {
#define DSN_ROW(name, code, subject, detail, text)                             \
    case DSN_STATUS_KEY_(subject, detail):                                     \
        return &dsn_entries[DSN_ID_##name];
#define DSN_VARIANT(name, code, subject, detail, text)
#include "dsn_table.def"
#undef DSN_ROW
#undef DSN_VARIANT
    default:
        return NULL;
    }
}
