/*
 * fuzz_report.c - the DSN reader (dsn_report_read, dsn_report_next) over
 * hostile messages in exact-size heap copies, with an exact-size scratch
 * buffer (ASan catches a read or write past either). Invariants: every
 * slice lies inside the message or the scratch; an error gives no
 * recipient; a recipient has an address; statuses are valid codes; the
 * status that matters is one of the two; reading twice gives the same.
 *
 * Input: one byte choosing the scratch size (0: none, 255: twice the
 * message, else that many bytes), then the message.
 */
#include "dsn.h"
#include "dsn/report.h"
#include "fuzz_support.h"

typedef struct bounds {
    const char *msg;
    size_t len;
    const char *scratch;
    size_t size;
} bounds;

static void check_slice(const bounds *b, dsn_slice s)
{
    if (s.len == 0)
        return;
    FUZZ_ASSERT(s.ptr != NULL);
    FUZZ_ASSERT((s.ptr >= b->msg && s.ptr + s.len <= b->msg + b->len) ||
                (b->scratch != NULL && s.ptr >= b->scratch &&
                 s.ptr + s.len <= b->scratch + b->size));
}

static void check_status(const dsn_status *st)
{
    FUZZ_ASSERT(st->cls == 2 || st->cls == 4 || st->cls == 5);
    FUZZ_ASSERT(st->subject >= 0 && st->subject <= 999);
    FUZZ_ASSERT(st->detail >= 0 && st->detail <= 999);
}

static void check_recipient(const bounds *b, const dsn_report_recipient *r)
{
    const dsn_slice all[] = {r->final_recipient,
                             r->final_recipient_type,
                             r->original_recipient,
                             r->original_recipient_type,
                             r->action,
                             r->status_text,
                             r->remote_mta,
                             r->remote_mta_type,
                             r->diagnostic,
                             r->diagnostic_type,
                             r->last_attempt_date,
                             r->will_retry_until,
                             r->final_log_id};
    dsn_status st;
    size_t i;
    for (i = 0; i < sizeof all / sizeof all[0]; i++)
        check_slice(b, all[i]);
    FUZZ_ASSERT(r->final_recipient.len > 0 || r->original_recipient.len > 0);
    FUZZ_ASSERT(r->action_id >= 0 && r->action_id <= DSN_ACTION_EXPANDED);
    if (r->flags & DSN_RCPT_STATUS)
        check_status(&r->status);
    if (r->flags & DSN_RCPT_DIAGNOSTIC_STATUS) {
        check_status(&r->diagnostic_status);
        FUZZ_ASSERT(!(r->flags & DSN_RCPT_STATUS) ||
                    (r->diagnostic_status.cls == r->status.cls &&
                     r->status.subject == 0 && r->status.detail == 0));
    }
    if (dsn_report_status(r, &st) == DSN_OK)
        check_status(&st);
    else
        FUZZ_ASSERT(
            !(r->flags & (DSN_RCPT_STATUS | DSN_RCPT_DIAGNOSTIC_STATUS)));
}

/* Reads the whole message; returns the number of recipients, with a
 * checksum of their slices' lengths in *sum. */
static int read_message(const bounds *b, char *scratch, int *err, size_t *sum)
{
    dsn_report rep;
    dsn_report_recipient r;
    int n = 0, got;
    *sum = 0;
    *err = dsn_report_read(b->msg, b->len, scratch, b->size, &rep);
    if (*err != DSN_OK) {
        FUZZ_ASSERT(dsn_err_name(*err) != NULL);
        FUZZ_ASSERT(dsn_report_next(&rep, &r) == 0);
        return 0;
    }
    check_slice(b, rep.reporting_mta);
    check_slice(b, rep.received_from_mta);
    check_slice(b, rep.dsn_gateway);
    check_slice(b, rep.envelope_id);
    check_slice(b, rep.arrival_date);
    check_slice(b, rep.message_id);
    while ((got = dsn_report_next(&rep, &r)) == 1) {
        check_recipient(b, &r);
        *sum += r.final_recipient.len * 3 + r.original_recipient.len * 5 +
                r.diagnostic.len + r.status_text.len + r.flags;
        n++;
        FUZZ_ASSERT((size_t)n <= b->len);
    }
    FUZZ_ASSERT(got == 0 || got == DSN_ESCRATCH);
    /* twice the message is always enough scratch */
    FUZZ_ASSERT(got == 0 || b->size < 2 * b->len);
    return n;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_input in = {data, size};
    unsigned pick = fuzz_byte(&in);
    bounds b;
    char *msg = fuzz_copy(in.data, in.size), *scratch;
    int err, again_err, n, again;
    size_t sum, again_sum;

    b.msg = msg;
    b.len = in.size;
    b.size = pick == 255 ? 2 * in.size : pick;
    scratch = b.size > 0 ? (char *)malloc(b.size) : NULL;
    FUZZ_ASSERT(b.size == 0 || scratch != NULL);
    b.scratch = scratch;

    n = read_message(&b, scratch, &err, &sum);
    again = read_message(&b, scratch, &again_err, &again_sum);
    FUZZ_ASSERT(n == again && err == again_err && sum == again_sum);
    FUZZ_ASSERT(err != DSN_ESCRATCH || b.size < 2 * b.len);
    free(scratch);
    free(msg);
    return 0;
}
