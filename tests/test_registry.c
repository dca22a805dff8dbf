/*
 * iana_registry.def checked against the registry's TSV export
 * (tests/reference/iana-smtp-enhanced-status-{codes,classes}.tsv) row by
 * row and field by field, in the registry's order; then the lookups over
 * every subject and detail 0..999, and the associated basic codes over
 * every reply code.
 */
#define _POSIX_C_SOURCE 200809L
#include <limits.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "support/cmocka_main.h"
#include "support/each_row.h"
#include "dsn.h"
#include "support/reference_tsv.h"
#include "support/snprintf_check.h"

static void test_every_code_row_by_row(void **state)
{
    char line[1024], *f[TSV_MAX_FIELDS], want[32], basic[128];
    FILE *in = open_reference_rows("iana-smtp-enhanced-status-codes.tsv",
                                   "code\tsample_text\tassociated_basic_codes\t"
                                   "reference\tsubmitter\n");
    int row = 0, n;
    (void)state;
    while ((n = next_tsv_row(in, line, sizeof line, f)) > 0) {
        const dsn_status_info *info;
        int subject, detail;
        char tail;
        assert_int_equal(n, 5);
        assert_int_equal(sscanf(f[0], "X.%d.%d%c", &subject, &detail, &tail),
                         2);
        info = dsn_describe(subject, detail);
        if (info == NULL)
            fail_msg("%s is not in iana_registry.def", f[0]);
        /* the same row, in the same place */
        assert_true(row < DSN_REGISTRY_COUNT);
        assert_ptr_equal(info, &dsn_registry[row]);
        snprintf(want, sizeof want, "X.%d.%d", info->subject, info->detail);
        assert_string_equal(want, f[0]);
        assert_string_equal(info->text, f[1]);
        assert_int_equal(info->text_len, strlen(f[1]));
        assert_int_equal(dsn_status_basic_text(info, basic, sizeof basic),
                         strlen(f[2]));
        if (strcmp(basic, f[2]) != 0)
            fail_msg("%s: basic codes \"%s\", registry \"%s\"", f[0], basic,
                     f[2]);
        assert_string_equal(info->reference, f[3]);
        assert_string_equal(info->submitter, f[4]);
        /* X.6.10 alone is deprecated, and it alone has no sample text */
        assert_int_equal(!!(info->flags & DSN_STATUS_DEPRECATED),
                         strcmp(f[0], "X.6.10") == 0);
        assert_int_equal(info->flags & ~DSN_STATUS_DEPRECATED, 0);
        assert_int_equal(info->text[0] == '\0', strcmp(f[0], "X.6.10") == 0);
        row++;
    }
    fclose(in);
    assert_int_equal(row, 81);
    assert_int_equal(DSN_REGISTRY_COUNT, 81);
    assert_ptr_equal(dsn_describe(7, 26), &dsn_registry[DSN_REG_7_26]);
    assert_ptr_equal(dsn_describe(6, 10), &dsn_registry[DSN_REG_6_10]);
}

static void test_classes_and_subjects(void **state)
{
    char line[1024], *f[TSV_MAX_FIELDS];
    FILE *in =
        open_reference_rows("iana-smtp-enhanced-status-classes.tsv",
                            "table\tcode\tsummary\treference\tsubmitter\n");
    int classes = 0, subjects = 0, v, n;
    (void)state;
    while ((n = next_tsv_row(in, line, sizeof line, f)) > 0) {
        assert_int_equal(n, 5);
        if (strcmp(f[0], "Class Sub-Codes") == 0) {
            assert_int_equal(sscanf(f[1], "%d.XXX.YYY", &v), 1);
            assert_non_null(dsn_class_name(v));
            assert_string_equal(dsn_class_name(v), f[2]);
            classes++;
        } else {
            assert_string_equal(f[0], "Subject Sub-Codes");
            assert_int_equal(sscanf(f[1], "X.%d.YYY", &v), 1);
            assert_non_null(dsn_subject_name(v));
            assert_string_equal(dsn_subject_name(v), f[2]);
            subjects++;
        }
    }
    fclose(in);
    assert_int_equal(classes, 3);
    assert_int_equal(subjects, 8);
    /* nothing else has a name */
    for (v = -1000; v <= 1000; v++) {
        assert_int_equal(dsn_class_name(v) != NULL, v == 2 || v == 4 || v == 5);
        assert_int_equal(dsn_subject_name(v) != NULL, v >= 0 && v <= 7);
    }
    assert_null(dsn_class_name(INT_MIN));
    assert_null(dsn_subject_name(INT_MAX));
    assert_string_equal(dsn_class_name(5), "Permanent Failure");
    assert_string_equal(dsn_subject_name(1), "Addressing Status");
}

/* The copies in tests/reference are the files of ../shared/reference when
 * a checkout has them beside it (CI does); skipped otherwise. */
static void test_reference_copies_are_current(void **state)
{
    static const char *const names[] = {
        "iana-smtp-enhanced-status-codes.tsv",
        "iana-smtp-enhanced-status-classes.tsv",
    };
    size_t i;
    int compared = 0;
    (void)state;
    for (i = 0; i < sizeof names / sizeof names[0]; i++) {
        static char a[64 * 1024], b[64 * 1024];
        FILE *shared = open_source_file("../shared/reference", names[i]);
        FILE *copy = open_reference(names[i]);
        size_t na, nb;
        if (shared == NULL) {
            fclose(copy);
            continue;
        }
        na = fread(a, 1, sizeof a, shared);
        nb = fread(b, 1, sizeof b, copy);
        fclose(shared);
        fclose(copy);
        if (na != nb || memcmp(a, b, na) != 0)
            fail_msg("tests/reference/%s differs from ../shared/reference",
                     names[i]);
        compared++;
    }
    if (compared == 0) {
        print_message("SKIPPED: no ../shared/reference beside the source\n");
        skip();
    }
}

static void test_describe_everywhere(void **state)
{
    int s, d, found = 0;
    (void)state;
    for (s = -2; s <= 1001; s++) {
        for (d = -2; d <= 1001; d++) {
            const dsn_status_info *info = dsn_describe(s, d);
            if (info == NULL)
                continue;
            assert_int_equal(info->subject, s);
            assert_int_equal(info->detail, d);
            found++;
        }
    }
    assert_int_equal(found, DSN_REGISTRY_COUNT);
    assert_null(dsn_describe(1, 11));
    assert_null(dsn_describe(7, 31));
    assert_null(dsn_describe(8, 0));
    assert_null(dsn_describe(0, 1));
    assert_null(dsn_describe(INT_MIN, INT_MIN));
    assert_null(dsn_describe(INT_MAX, 0));
    assert_null(dsn_describe(0, INT_MAX));
    /* 1001 * 1000 + 1 would alias 1.1 in a careless key */
    assert_null(dsn_describe(0, 1001));
    assert_string_equal(dsn_describe(7, 26)->text,
                        "Multiple authentication checks failed");
    assert_string_equal(dsn_describe(0, 0)->text, "Other undefined Status");
    assert_string_equal(dsn_describe(6, 5)->text, "Conversion Failed");
    assert_string_equal(dsn_describe(7, 25)->reference, "RFC7372 Section 3.3");
    assert_string_equal(dsn_describe(7, 28)->reference,
                        "draft-levine-mailbomb-header-00");
}

/* Whether the registry's list (as the registry prints it) holds code. */
static int listed(const char *list, int code)
{
    char buf[128], *tok, *save = NULL;
    snprintf(buf, sizeof buf, "%s", list);
    for (tok = strtok_r(buf, ",", &save); tok != NULL;
         tok = strtok_r(NULL, ",", &save)) {
        if (strcmp(tok, "Any") == 0 && code / 100 != 3)
            return 1;
        if (strlen(tok) == 3 && tok[1] == 'X' && tok[2] == 'X' &&
            code / 100 == tok[0] - '0')
            return 1;
        if (atoi(tok) == code)
            return 1;
    }
    return 0;
}

static void test_associated_codes(void **state)
{
    int i, code;
    (void)state;
    /* against the printed list, for every row and every reply code */
    for (i = 0; i < DSN_REGISTRY_COUNT; i++) {
        const dsn_status_info *info = &dsn_registry[i];
        char list[128];
        dsn_status_basic_text(info, list, sizeof list);
        for (code = 0; code <= 1000; code++) {
            int want = code >= 200 && code <= 599 && listed(list, code);
            if (dsn_status_associated(info, code) != want)
                fail_msg("X.%d.%d with %d: got %d", info->subject, info->detail,
                         code, !want);
        }
    }
    assert_true(dsn_status_associated(dsn_describe(1, 1), 451));
    assert_true(dsn_status_associated(dsn_describe(1, 1), 550));
    assert_false(dsn_status_associated(dsn_describe(1, 1), 552));
    assert_true(dsn_status_associated(dsn_describe(0, 0), 250));
    assert_true(dsn_status_associated(dsn_describe(0, 0), 421));
    assert_false(dsn_status_associated(dsn_describe(0, 0), 354));
    assert_false(dsn_status_associated(dsn_describe(0, 0), 600));
    assert_true(dsn_status_associated(dsn_describe(7, 17), 554));
    assert_false(dsn_status_associated(dsn_describe(7, 17), 450));
    assert_false(dsn_status_associated(dsn_describe(1, 0), 550));
    assert_false(dsn_status_associated(NULL, 550));
    assert_int_equal(dsn_describe(0, 0)->basic_count, 1);
    assert_int_equal(dsn_describe(0, 0)->basic[0], DSN_BASIC_ANY);
    assert_int_equal(dsn_describe(7, 18)->basic[0], DSN_BASIC_CLASS(5));
    assert_int_equal(dsn_describe(5, 0)->basic_count, 14);
    assert_int_equal(dsn_describe(1, 0)->basic_count, 0);
}

static size_t write_basic_text(const void *info, char *buf, size_t size)
{
    return dsn_status_basic_text(info, buf, size);
}

static void test_basic_text_snprintf(void **state)
{
    char buf[128];
    int i;
    (void)state;
    for (i = 0; i < DSN_REGISTRY_COUNT; i++)
        free(expect_snprintf_contract(write_basic_text, &dsn_registry[i]));
    {
        char *full =
            expect_snprintf_contract(write_basic_text, dsn_describe(5, 0));
        assert_string_equal(full, "220,250,251,252,253,451,452,454,458,459,"
                                  "501,502,503,554");
        free(full);
    }
    assert_int_equal(dsn_status_basic_text(NULL, buf, sizeof buf), 0);
    assert_string_equal(buf, "");
    dsn_status_basic_text(dsn_describe(0, 0), buf, sizeof buf);
    assert_string_equal(buf, "Any");
    dsn_status_basic_text(dsn_describe(7, 19), buf, sizeof buf);
    assert_string_equal(buf, "5XX");
    dsn_status_basic_text(dsn_describe(1, 0), buf, sizeof buf);
    assert_string_equal(buf, "");
}

/* Every code a dsn_table.def row sends is registered and current. */
static void row_code_is_registered(const dsn_entry *e)
{
    const dsn_status_info *info = dsn_describe(e->subject, e->detail);
    if (info == NULL || (info->flags & DSN_STATUS_DEPRECATED))
        fail_msg("dsn_%s sends X.%d.%d, not a current registry code", e->name,
                 e->subject, e->detail);
}

static void test_table_codes_are_registered(void **state)
{
    (void)state;
    for_each_row(row_code_is_registered);
}

CMOCKA_MAIN({
    cmocka_unit_test(test_every_code_row_by_row),
    cmocka_unit_test(test_classes_and_subjects),
    cmocka_unit_test(test_reference_copies_are_current),
    cmocka_unit_test(test_describe_everywhere),
    cmocka_unit_test(test_associated_codes),
    cmocka_unit_test(test_basic_text_snprintf),
    cmocka_unit_test(test_table_codes_are_registered),
})
