/* The rows of dsn_table.def as data. */
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
#undef DSN_ENTRY_

const dsn_entry *dsn_entry_of(int id)
{
    if (id < 0 || id >= (int)DSN_ID_COUNT)
        return NULL;
    return &dsn_entries[id];
}
