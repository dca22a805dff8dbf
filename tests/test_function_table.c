/*
 * docs/functions.md's table is dsn_table.def rendered as Markdown; this
 * test fails when they differ. `test_function_table --print` prints the
 * table to paste between the markers.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "dsn.h"
#include "support/source_file.h"

#define BEGIN_MARK                                                             \
    "<!-- BEGIN generated from dsn_table.def by tests/test_function_table.c "  \
    "-->\n"
#define END_MARK "<!-- END generated from dsn_table.def -->\n"

static size_t render_table(char *out, size_t size)
{
    size_t n = 0;
    int id;
    n += (size_t)snprintf(out + n, size - n,
                          "| Function | Code | Enhanced | Default message |\n"
                          "|---|---|---|---|\n");
    for (id = 0; id < (int)DSN_ID_COUNT && n < size; id++) {
        const dsn_entry *e = &dsn_entries[id];
        n += (size_t)snprintf(out + n, size - n,
                              "| `dsn_%s` | %d | X.%d.%d | %s |\n", e->name,
                              e->code, e->subject, e->detail, e->message);
    }
    assert_true(n < size);
    return n;
}

static void test_docs_table_is_the_table(void **state)
{
    static char want[64 * 1024];
    char *readme, *begin, *end;
    size_t n = render_table(want, sizeof want);
    (void)state;
    readme = read_source_file(".", "docs/functions.md");
    begin = strstr(readme, BEGIN_MARK);
    assert_non_null(begin);
    begin += strlen(BEGIN_MARK);
    end = strstr(begin, END_MARK);
    assert_non_null(end);
    if ((size_t)(end - begin) != n || memcmp(begin, want, n) != 0)
        fail_msg(
            "docs/functions.md's table differs from dsn_table.def: paste "
            "the output of `test_function_table --print` between its markers");
    free(readme);
}

int main(int argc, char **argv)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_docs_table_is_the_table),
    };
    if (argc == 2 && strcmp(argv[1], "--print") == 0) {
        static char table[64 * 1024];
        fputs(BEGIN_MARK, stdout);
        fwrite(table, 1, render_table(table, sizeof table), stdout);
        fputs(END_MARK, stdout);
        return 0;
    }
    return cmocka_run_group_tests(tests, NULL, NULL);
}
