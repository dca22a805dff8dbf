/*
 * snprintf_check.h - snprintf's contract, asserted for any writer: with
 * (NULL, 0) and (NULL, n) it measures, and at every buffer size from 0 to
 * length + 1 it returns the full length, stores the prefix that fits and a
 * NUL, and writes nothing past size. Include after <cmocka.h>.
 */
#ifndef DSN_TESTS_SNPRINTF_CHECK_H
#define DSN_TESTS_SNPRINTF_CHECK_H

#include <stdlib.h>
#include <string.h>

/* Writes what arg describes into buf[0..size): a dsn_*_fields style call. */
typedef size_t (*snprintf_writer)(const void *arg, char *buf, size_t size);

#define SNPRINTF_CANARY ((char)0xA5)

/* Checks write at every size; returns its whole output (caller frees). */
static char *expect_snprintf_contract(snprintf_writer write, const void *arg)
{
    size_t n = write(arg, NULL, 0), size, i;
    char *full = malloc(n + 1), *buf = malloc(n + 2 + 8);
    assert_non_null(full);
    assert_non_null(buf);
    assert_int_equal(write(arg, NULL, 16), n);
    assert_int_equal(write(arg, full, n + 1), n);
    assert_int_equal(strlen(full), n);
    for (size = 0; size <= n + 1; size++) {
        memset(buf, SNPRINTF_CANARY, n + 2 + 8);
        assert_int_equal(write(arg, buf, size), n);
        i = 0;
        if (size > 0) {
            i = size - 1 < n ? size - 1 : n;
            assert_memory_equal(buf, full, i);
            assert_int_equal(buf[i], '\0');
            i++;
        }
        for (; i < n + 2 + 8; i++)
            assert_int_equal(buf[i], SNPRINTF_CANARY);
    }
    free(buf);
    return full;
}

#endif
