/*
 * fuzz_bounce_write.c - dsn_bounce_format() over any values, recipients
 * and originals: a report dsn_bounce_check() accepts must keep every
 * invariant of tests/support/bounce_invariants.h (CRLF only, no line over
 * 998 octets, 7-bit unless international, only the writer's header
 * fields, no line of a part starting with the boundary, 2 or 3 parts, a
 * delivery-status part of fields only, one block per recipient) and obey
 * snprintf's contract; one it rejects writes nothing; dsn_bounce_write()
 * hands a writer the same octets.
 *
 * Input: flags, recipient count, per recipient (action, class, subject,
 * detail, code, which strings it has), the cut size, then NUL-separated
 * strings: reporting MTA, sender, date, Message-ID, ENVID, per recipient
 * its address, ORCPT, remote MTA and diagnostic, the caller's text; what
 * is left is the original (NULs and all).
 */
#include "dsn.h"
#include "fuzz_support.h"
#include "tests/support/bounce_invariants.h"

#define MAX_RCPTS 4

static size_t write_report(const void *obj, char *buf, size_t size)
{
    return dsn_bounce_format((const dsn_bounce *)obj, buf, size);
}

typedef struct collect {
    char *buf;
    size_t len, cap;
} collect;

static int collect_writer(void *ctx, const char *s, size_t n)
{
    collect *c = (collect *)ctx;
    FUZZ_ASSERT(c->len + n <= c->cap);
    memcpy(c->buf + c->len, s, n);
    c->len += n;
    return 0;
}

/* The next NUL-terminated piece (past the end: ""), or NULL when absent. */
static const char *next_piece(const char **at, const char *end, int present)
{
    const char *s = *at;
    *at = s + strlen(s);
    if (*at < end)
        (*at)++;
    return present ? s : NULL;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_input in = {data, size};
    dsn_bounce b = DSN_BOUNCE_INIT;
    dsn_recipient_fields r[MAX_RCPTS];
    dsn_status st[MAX_RCPTS];
    unsigned flags = fuzz_byte(&in), present[MAX_RCPTS];
    size_t count = 1 + fuzz_byte(&in) % MAX_RCPTS, cut, i, n;
    const char *at, *end;
    char *text, *out, *original, *text_copy = NULL;
    collect c;
    int err;

    for (i = 0; i < count; i++) {
        dsn_recipient_fields f = DSN_RECIPIENT_FIELDS_INIT;
        f.action = (int)(fuzz_byte(&in) % 7);
        st[i].cls = (int)(fuzz_byte(&in) % 7);
        st[i].subject = (int)(fuzz_u16(&in) % 1100);
        st[i].detail = (int)(fuzz_u16(&in) % 1100);
        f.code = (int)(fuzz_u16(&in) % 700);
        present[i] = fuzz_byte(&in);
        f.status = (present[i] & 0x80u) ? &st[i] : NULL;
        r[i] = f;
    }
    cut = fuzz_u16(&in);
    text = fuzz_cstring(in.data, in.size);
    at = text;
    end = text + in.size;
    b.reporting_mta = next_piece(&at, end, 1);
    b.sender = next_piece(&at, end, 1);
    b.date = next_piece(&at, end, 1);
    b.message_id = next_piece(&at, end, flags & 0x01u);
    b.message_id_local = "fuzz";
    b.envid = next_piece(&at, end, flags & 0x02u);
    b.arrival_date = (flags & 0x04u) ? b.date : NULL;
    b.received_from_mta = (flags & 0x04u) ? b.reporting_mta : NULL;
    for (i = 0; i < count; i++) {
        r[i].final_recipient = next_piece(&at, end, 1);
        r[i].original_recipient = next_piece(&at, end, present[i] & 0x01u);
        r[i].remote_mta = next_piece(&at, end, present[i] & 0x02u);
        r[i].diagnostic = next_piece(&at, end, present[i] & 0x04u);
        r[i].will_retry_until = (present[i] & 0x08u) ? b.date : NULL;
    }
    b.text = next_piece(&at, end, flags & 0x08u);
    if (b.text != NULL && *b.text != '\0') {
        /* with its length, an exact-size copy without a NUL */
        b.text_len = strlen(b.text);
        b.text = text_copy = fuzz_copy(b.text, b.text_len);
    }
    /* the rest, exactly its size, so a read past it is caught */
    original = fuzz_copy(at, (size_t)(end - at));
    b.original = (flags & 0x10u) ? original : NULL;
    b.original_len = (flags & 0x10u) ? (size_t)(end - at) : 0;
    b.original_limit = (flags & 0x20u) ? 64 : 0;
    b.ret = (int)((flags >> 6) % 4);
    b.flags = (flags & 0x80u) ? DSN_BOUNCE_SMTPUTF8 : 0;
    b.recipients = r;
    b.recipient_count = count;

    err = dsn_bounce_check(&b);
    out = fuzz_check_snprintf(write_report, &b, cut, &n);
    FUZZ_ASSERT(err == DSN_OK ? n > 0 : n == 0);
    if (n > 0) {
        const char *why = bi_invariants(out, n, count);
        if (why != NULL) {
            fprintf(stderr, "%s\n", why);
            FUZZ_ASSERT(why == NULL);
        }
        c.buf = (char *)malloc(n);
        c.len = 0;
        c.cap = n;
        FUZZ_ASSERT(c.buf != NULL);
        FUZZ_ASSERT(dsn_bounce_write(&b, collect_writer, &c) == DSN_OK);
        FUZZ_ASSERT(c.len == n && memcmp(c.buf, out, n) == 0);
        free(c.buf);
    }
    free(out);
    free(original);
    free(text_copy);
    free(text);
    return 0;
}
