/*
 * The one index from an enhanced status code to the dsn_table.def row that
 * owns it: dsn_entry_by_status(), which dsn_create() and the fast path of
 * dsn_format() (src/format_fast.c) both look rows up with. A table of ids,
 * not a search: a reply is formatted for every command a server answers.
 */
#include "dsn.h"

/* One enumerator per DSN_ROW, named by its code: a second DSN_ROW for the
 * same subject.detail declares one twice, which the compiler rejects. */
enum dsn_row_owner {
#define DSN_ROW(name, code, subject, detail, text)                             \
    DSN_OWNER_##subject##_##detail = DSN_ID_##name,
#define DSN_VARIANT(name, code, subject, detail, text)
#include "dsn_table.def"
    DSN_OWNER_END_
};

/* subject.detail -> 1 + the id of the DSN_ROW that owns it, 0 for none.
 * A row beyond these bounds fails to compile here: widen them. */
#define ROW_SUBJECTS 8
#define ROW_DETAILS 32
static const unsigned char row_of[ROW_SUBJECTS][ROW_DETAILS] = {
#define DSN_ROW(name, code, subject, detail, text)                             \
    [subject][detail] = DSN_OWNER_##subject##_##detail + 1,
#define DSN_VARIANT(name, code, subject, detail, text)
#include "dsn_table.def"
};
/* ids fit in row_of's bytes */
typedef char dsn_ids_fit_in_a_byte_[DSN_ID_COUNT < 255 ? 1 : -1];

const dsn_entry *dsn_entry_by_status(int subject, int detail)
{
    unsigned s = (unsigned)subject, d = (unsigned)detail;
    if (s >= ROW_SUBJECTS || d >= ROW_DETAILS || row_of[s][d] == 0)
        return NULL;
    return &dsn_entries[row_of[s][d] - 1];
}
