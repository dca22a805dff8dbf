/*
 * dsn_table.def checked against its sources: every function of haraka-dsn
 * 1.2.1 (tests/reference/haraka-dsn-1.2.1-functions.tsv, dumped from the
 * package) with its exact code, enhanced code and text, and every code of
 * the IANA registry (tests/reference/iana-smtp-enhanced-status-codes.tsv)
 * owned by a row whose text is the registry's where haraka-dsn has none.
 */
#define _POSIX_C_SOURCE 200809L
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

static const dsn_entry *find(const char *name)
{
    int id;
    for (id = 0; id < (int)DSN_ID_COUNT; id++)
        if (strcmp(dsn_entries[id].name, name) == 0)
            return &dsn_entries[id];
    return NULL;
}

static void status_string(char *out, size_t size, const dsn_entry *e)
{
    snprintf(out, size, "X.%d.%d", e->subject, e->detail);
}

/* Marks, per row id, that a reference file accounts for it. */
static char accounted[DSN_ID_COUNT];

static void test_every_haraka_function_is_a_row(void **state)
{
    char line[1024], *f[TSV_MAX_FIELDS], status[32];
    FILE *in = open_reference_rows("haraka-dsn-1.2.1-functions.tsv", NULL);
    int rows = 0, n;
    (void)state;
    while ((n = next_tsv_row(in, line, sizeof line, f)) > 0) {
        const dsn_entry *e;
        assert_int_equal(n, 4);
        e = find(f[0]);
        if (e == NULL)
            fail_msg("haraka-dsn function %s has no row", f[0]);
        assert_int_equal(e->code, atoi(f[1]));
        status_string(status, sizeof status, e);
        assert_string_equal(status, f[2]);
        assert_string_equal(e->message, f[3]);
        accounted[e - dsn_entries] = 1;
        rows++;
    }
    fclose(in);
    assert_int_equal(rows, 71);
}

/* The seed documents' spellings: the same reply as a haraka-dsn function. */
static void variant_shares_its_owner_code(const dsn_entry *e)
{
    const dsn_entry *owner = dsn_entry_by_status(e->subject, e->detail);
    int id = (int)(e - dsn_entries);
    assert_non_null(owner);
    if (!e->variant) {
        assert_ptr_equal(owner, e);
        return;
    }
    assert_true(owner < e); /* the owning row comes first */
    assert_int_equal(owner->variant, 0);
    if (!accounted[id]) {
        /* a spelling of another function: identical reply */
        int other, same = 0;
        for (other = 0; other < (int)DSN_ID_COUNT; other++)
            if (other != id && accounted[other] &&
                dsn_entries[other].code == e->code &&
                dsn_entries[other].subject == e->subject &&
                dsn_entries[other].detail == e->detail &&
                strcmp(dsn_entries[other].message, e->message) == 0)
                same = 1;
        if (!same)
            fail_msg("variant %s is not a spelling of a haraka-dsn function",
                     e->name);
        accounted[id] = 1;
    }
}

static void test_variants_share_their_owner_code(void **state)
{
    (void)state;
    for_each_row(variant_shares_its_owner_code);
}

static int code_listed(const char *list, int code)
{
    char buf[256], *tok, *save = NULL;
    if (strcmp(list, "Any") == 0 || list[0] == '\0')
        return 1;
    snprintf(buf, sizeof buf, "%s", list);
    for (tok = strtok_r(buf, ",", &save); tok != NULL;
         tok = strtok_r(NULL, ",", &save)) {
        if (strcmp(tok, "5XX") == 0 && code / 100 == 5)
            return 1;
        if (atoi(tok) == code)
            return 1;
    }
    return 0;
}

static void test_every_registry_code_is_owned(void **state)
{
    char line[1024], *f[TSV_MAX_FIELDS];
    FILE *in = open_reference_rows("iana-smtp-enhanced-status-codes.tsv", NULL);
    int codes = 0, owned = 0, id, n;
    (void)state;
    while ((n = next_tsv_row(in, line, sizeof line, f)) > 0) {
        int subject, detail;
        const dsn_entry *e;
        assert_true(n >= 4);
        assert_int_equal(sscanf(f[0], "X.%d.%d", &subject, &detail), 2);
        codes++;
        e = dsn_entry_by_status(subject, detail);
        if (f[1][0] == '\0') { /* X.6.10: deprecated, no sample text */
            assert_null(e);
            continue;
        }
        if (e == NULL)
            fail_msg("registry code %s has no row", f[0]);
        owned++;
        if (!accounted[e - dsn_entries]) {
            /* a row of libdsn's own: the registry's text and a listed code */
            assert_string_equal(e->message, f[1]);
            if (!code_listed(f[2], e->code))
                fail_msg("%s: default %d is not among %s", e->name, e->code,
                         f[2]);
            accounted[e - dsn_entries] = 1;
        }
    }
    fclose(in);
    assert_int_equal(codes, 81);
    assert_int_equal(owned, 80);
    for (id = 0; id < (int)DSN_ID_COUNT; id++)
        if (!accounted[id])
            fail_msg("row %s is in neither reference", dsn_entries[id].name);
}

static void test_entries_are_well_formed(void **state)
{
    int id, other;
    (void)state;
    for (id = 0; id < (int)DSN_ID_COUNT; id++) {
        const dsn_entry *e = &dsn_entries[id];
        const char *p;
        assert_ptr_equal(dsn_entry_of(id), e);
        assert_int_equal(e->name_len, strlen(e->name));
        assert_int_equal(e->message_len, strlen(e->message));
        assert_true(dsn_code_valid(e->code));
        assert_true(e->message_len > 0 && e->message_len < 400);
        for (p = e->message; *p; p++)
            assert_true((unsigned char)*p >= 0x20 && (unsigned char)*p != 0x7f);
        for (p = e->name; *p; p++)
            assert_true((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') ||
                        *p == '_');
        for (other = id + 1; other < (int)DSN_ID_COUNT; other++)
            assert_string_not_equal(e->name, dsn_entries[other].name);
    }
    assert_null(dsn_entry_of(-1));
    assert_null(dsn_entry_of(DSN_ID_COUNT));
    assert_null(dsn_entry_by_status(-1, 0));
    assert_null(dsn_entry_by_status(1, 1000));
    assert_null(dsn_entry_by_status(9, 9));
}

/* Every row's default reply, spelled out independently with snprintf. */
static void test_every_default_reply(void **state)
{
    int id;
    (void)state;
    for (id = 0; id < (int)DSN_ID_COUNT; id++) {
        const dsn_entry *e = &dsn_entries[id];
        char want[600], got[600];
        dsn_reply r = dsn_from_id(id, NULL, 0);
        int n = snprintf(want, sizeof want, "%d %d.%d.%d %s\r\n", e->code,
                         e->code / 100, e->subject, e->detail, e->message);
        assert_int_equal(dsn_format(&r, got, sizeof got), (size_t)n);
        assert_string_equal(got, want);
    }
}

/* The constructors are the rows: dsn_no_such_user() is row no_such_user. */
static void test_constructors_match_rows(void **state)
{
    dsn_reply a = dsn_no_such_user(NULL, 0);
    dsn_reply b = dsn_from_id(DSN_ID_no_such_user, NULL, 0);
    dsn_reply c = dsn_sec_requiretls_required("x", 451);
    (void)state;
    assert_int_equal(a.code, 550);
    assert_int_equal(a.subject, 1);
    assert_int_equal(a.detail, 1);
    assert_string_equal(a.msg, "No such user");
    assert_int_equal(a.code, b.code);
    assert_ptr_equal(a.msg, b.msg);
    assert_int_equal(c.code, 451);
    assert_int_equal(c.cls, 4);
    assert_int_equal(c.subject, 7);
    assert_int_equal(c.detail, 30);
    assert_string_equal(c.msg, "x");
}

CMOCKA_MAIN({
    cmocka_unit_test(test_every_haraka_function_is_a_row),
    cmocka_unit_test(test_variants_share_their_owner_code),
    cmocka_unit_test(test_every_registry_code_is_owned),
    cmocka_unit_test(test_entries_are_well_formed),
    cmocka_unit_test(test_every_default_reply),
    cmocka_unit_test(test_constructors_match_rows),
})
