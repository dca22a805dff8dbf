/*
 * The one index from an enhanced status code to the dsn_table.def row that
 * owns it (row_index.h): dsn_create() looks rows up with it through
 * dsn_entry_by_status(), the fast path of dsn_format() (src/format_fast.c)
 * directly. A table of ids, not a search: a reply is formatted for every
 * command a server answers.
 */
#include "dsn.h"
#include "row_index.h"

/* One enumerator per DSN_ROW, named by its code: a second DSN_ROW for the
 * same subject.detail declares one twice, which the compiler rejects. */
enum dsn_row_owner {
#define DSN_ROW(name, code, subject, detail, text)                             \
    DSN_OWNER_##subject##_##detail = DSN_ID_##name,
#define DSN_VARIANT(name, code, subject, detail, text)
#include "dsn_table.def"
    DSN_OWNER_END_
};

const unsigned char dsn_row_index_[DSN_ROW_SUBJECTS][DSN_ROW_DETAILS] = {
#define DSN_ROW(name, code, subject, detail, text)                             \
    [subject][detail] = DSN_OWNER_##subject##_##detail + 1,
#define DSN_VARIANT(name, code, subject, detail, text)
#include "dsn_table.def"
};
/* ids fit in the index's bytes */
typedef char dsn_ids_fit_in_a_byte_[DSN_ID_COUNT < 255 ? 1 : -1];

const dsn_entry *dsn_entry_by_status(int subject, int detail)
{
    int id = dsn_row_of(subject, detail);
    return id < 0 ? NULL : &dsn_entries[id];
}
