/*
 * EVA harness for the bounce reader, dsn_report_read(), dsn_report_next()
 * and dsn_report_status(): every input of the class
 *   msg:     DSN_PROOF_N bytes of any value, len any value 0..DSN_PROOF_N;
 *            or NULL with any len (0..SIZE_MAX);
 *   scratch: DSN_PROOF_N bytes with any scratch_size 0..DSN_PROOF_N
 *            (the sizes too small and large enough for the part's
 *            decoding and its folded values), or NULL with any
 *            scratch_size (0..SIZE_MAX). As long as msg: a span of the
 *            reader lies in one or the other, and EVA, which keeps no
 *            relation between a span's buffer and its indices, checks
 *            each index against both;
 *   rep:     NULL or a dsn_report;
 * then every recipient the report gives, each through dsn_report_status(),
 * and the NULL arguments of dsn_report_next() and dsn_report_status().
 * Volatile inputs and one call site per kind, as in parse_reply.c.
 */
#include <stddef.h>
#include <stdint.h>

#include "dsn.h"

#ifndef DSN_PROOF_N
#define DSN_PROOF_N 4096
#endif

static char msg[DSN_PROOF_N];
static char scratch[DSN_PROOF_N];
volatile unsigned char any_byte;
volatile size_t any_size;
volatile int any_choice;

/* Every recipient of rep, each with its status that matters. */
static int recipients(dsn_report *rep)
{
    dsn_report_recipient rc;
    dsn_status st;
    int err;
    while ((err = dsn_report_next(rep, &rc)) == 1)
        (void)dsn_report_status(&rc, &st);
    return err;
}

int main(void)
{
    dsn_report rep;
    dsn_report_recipient rc;
    dsn_status st;
    size_t i, len = any_size % (DSN_PROOF_N + 1);
    size_t size = any_size % (DSN_PROOF_N + 1);
    for (i = 0; i < DSN_PROOF_N; i++) {
        msg[i] = (char)any_byte;
        scratch[i] = (char)any_byte;
    }
    switch (any_choice) {
    case 0: /* the bytes and a scratch of any size; after an error, the
             * cursor gives 0 */
        (void)dsn_report_read(msg, len, scratch, size, &rep);
        return recipients(&rep);
    case 1: /* the bytes, no scratch */
        (void)dsn_report_read(msg, len, NULL, 0, &rep);
        return recipients(&rep);
    case 2: /* no bytes */
        return dsn_report_read(NULL, any_size, scratch, size, &rep);
    case 3: /* scratch NULL with a size: DSN_EINVAL */
        return dsn_report_read(msg, len, NULL, any_size, &rep);
    case 4: /* rep NULL: DSN_EINVAL */
        return dsn_report_read(msg, len, scratch, size, NULL);
    case 5: /* the cursor or the recipient NULL: DSN_EINVAL */
        return dsn_report_next(NULL, &rc) + dsn_report_next(&rep, NULL);
    default: /* DSN_EINVAL */
        return dsn_report_status(NULL, &st) + dsn_report_status(&rc, NULL);
    }
}
