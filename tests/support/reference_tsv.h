/*
 * reference_tsv.h - reading the TSV files of tests/reference (IANA
 * registry and haraka-dsn exports) that the tables are checked against.
 * Include after <cmocka.h>; DSN_SOURCE_DIR (set by ctest) locates them.
 */
#ifndef DSN_TESTS_REFERENCE_TSV_H
#define DSN_TESTS_REFERENCE_TSV_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "source_file.h"

#define TSV_MAX_FIELDS 6

/* Splits a TSV line in place; returns the number of fields. */
static int split_tsv(char *line, char **fields)
{
    int n = 0;
    line[strcspn(line, "\r\n")] = '\0';
    fields[n++] = line;
    while (n < TSV_MAX_FIELDS && (line = strchr(line, '\t')) != NULL) {
        *line++ = '\0';
        fields[n++] = line;
    }
    return n;
}

/* tests/reference/name; fails the test when it is missing. */
static FILE *open_reference(const char *name)
{
    FILE *f = open_source_file("tests/reference", name);
    if (f == NULL)
        fail_msg("cannot open tests/reference/%s (is DSN_SOURCE_DIR set?)",
                 name);
    return f;
}

/* tests/reference/name, read past its header line, which must be header
 * (NULL: any); fails the test when the file is missing, empty or the
 * header differs. */
static FILE *open_reference_rows(const char *name, const char *header)
{
    char line[1024];
    FILE *f = open_reference(name);
    if (fgets(line, sizeof line, f) == NULL)
        fail_msg("tests/reference/%s has no header line", name);
    if (header != NULL)
        assert_string_equal(line, header);
    return f;
}

/* Reads the next row of in into line (size bytes) and splits it in place
 * into fields; returns the number of fields, 0 at the end of the file. */
static int next_tsv_row(FILE *in, char *line, int size, char **fields)
{
    if (fgets(line, size, in) == NULL)
        return 0;
    return split_tsv(line, fields);
}

#endif
