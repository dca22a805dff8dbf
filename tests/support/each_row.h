/*
 * each_row.h - the loop over every row of dsn_table.def, written once:
 * for_each_row(check) calls check(e) for dsn_entries[0 .. DSN_ID_COUNT),
 * in table order; a row's id is e - dsn_entries. A check fails the test
 * with cmocka's assertions. Include after <cmocka.h>.
 */
#ifndef DSN_TESTS_EACH_ROW_H
#define DSN_TESTS_EACH_ROW_H

#include "dsn.h"

typedef void (*row_check)(const dsn_entry *e);

static inline void for_each_row(row_check check)
{
    int id;
    for (id = 0; id < (int)DSN_ID_COUNT; id++)
        check(&dsn_entries[id]);
}

#endif /* DSN_TESTS_EACH_ROW_H */
