/*
 * row_index.h - the one index from an enhanced status code to the
 * dsn_table.def row that owns it, built by src/row_index.c. The lookup is
 * static inline so that dsn_format()'s fast path pays no call for it;
 * dsn_entry_by_status() is the same lookup for users. Not installed.
 */
#ifndef DSN_ROW_INDEX_H
#define DSN_ROW_INDEX_H

/* A row beyond these bounds fails to compile in src/row_index.c. */
#define DSN_ROW_SUBJECTS 8
#define DSN_ROW_DETAILS 32

/* subject.detail -> 1 + the id of the DSN_ROW that owns it, 0 for none. */
extern const unsigned char dsn_row_index_[DSN_ROW_SUBJECTS][DSN_ROW_DETAILS];

/* The dsn_id of the DSN_ROW (not variant) that owns subject.detail, or -1
 * when no row does (any int accepted). */
static inline int dsn_row_of(int subject, int detail)
{
    unsigned s = (unsigned)subject, d = (unsigned)detail;
    if (s >= DSN_ROW_SUBJECTS || d >= DSN_ROW_DETAILS)
        return -1;
    return (int)dsn_row_index_[s][d] - 1;
}

#endif /* DSN_ROW_INDEX_H */
