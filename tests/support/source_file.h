/*
 * source_file.h - the tests' way to files of the source tree (README.md,
 * the TSV files of tests/reference, corpora): DSN_SOURCE_DIR, which ctest sets, or
 * the current directory. Include after <cmocka.h>.
 */
#ifndef DSN_TESTS_SOURCE_FILE_H
#define DSN_TESTS_SOURCE_FILE_H

#include <stdio.h>
#include <stdlib.h>

/* DSN_SOURCE_DIR/dir/name, or NULL when it cannot be opened. */
static inline FILE *open_source_file(const char *dir, const char *name)
{
    char path[2048];
    const char *src = getenv("DSN_SOURCE_DIR");
    snprintf(path, sizeof path, "%s/%s/%s", src ? src : ".", dir, name);
    return fopen(path, "rb");
}

/* The whole of DSN_SOURCE_DIR/dir/name, NUL-terminated, from malloc; fails
 * the test when it cannot be read. */
static inline char *read_source_file(const char *dir, const char *name)
{
    FILE *f = open_source_file(dir, name);
    char *s;
    long len;
    if (f == NULL)
        fail_msg("cannot open %s/%s (is DSN_SOURCE_DIR set?)", dir, name);
    assert_int_equal(fseek(f, 0, SEEK_END), 0);
    len = ftell(f);
    assert_true(len >= 0);
    rewind(f);
    s = malloc((size_t)len + 1);
    assert_non_null(s);
    assert_int_equal(fread(s, 1, (size_t)len, f), (size_t)len);
    s[len] = '\0';
    fclose(f);
    return s;
}

#endif
