/*
 * EVA harness for dsn_status_fields(): every recipient of this class is
 * written.
 *
 *   final_recipient, original_recipient, remote_mta,
 *   last_attempt_date, will_retry_until, diagnostic
 *                                NULL, or any bytes, any length 0..DSN_PROOF_N
 *                                before their NUL
 *   diagnostic_len               any 0..DSN_PROOF_N (0: strlen)
 *   action, code                 any int
 *   status                       NULL, or any three ints
 *   flags                        any unsigned (DSN_FIELDS_UTF8 or not)
 *   buf, size                    NULL and any size, or a buffer and any
 *                                size 0..its length
 *
 * Not reached (8 of 856 statements): dsn_action_of()'s and
 * dsn_default_status()'s DSN_EBADCODE, and dsn_status_valid()'s NULL, on
 * paths where the code or status was checked before.
 *
 * Run by tests/proof/run.sh; the alarms it may leave are in
 * tests/proof/baseline-status_fields.txt.
 */
#include <limits.h>

#include "dsn.h"
#include "harness.h"

/* six values of DSN_PROOF_N bytes, folding at most doubles them, plus the names */
#define OUT (6 * 3 * (DSN_PROOF_N + 1) + 256)

static char text[6][DSN_PROOF_N + 1];
static char out[OUT];

int main(void)
{
    dsn_recipient_fields f = DSN_RECIPIENT_FIELDS_INIT;
    dsn_status st;
    size_t size = Frama_C_size_t_interval(0, OUT);
    char *buf = Frama_C_nondet(0, 1) ? out : NULL;
    st.cls = Frama_C_int_interval(INT_MIN, INT_MAX);
    st.subject = Frama_C_int_interval(INT_MIN, INT_MAX);
    st.detail = Frama_C_int_interval(INT_MIN, INT_MAX);
    f.final_recipient = any_text(text[0]);
    f.original_recipient = any_text(text[1]);
    f.action = Frama_C_int_interval(INT_MIN, INT_MAX);
    f.code = Frama_C_int_interval(INT_MIN, INT_MAX);
    f.status = Frama_C_nondet(0, 1) ? &st : NULL;
    f.remote_mta = any_text(text[2]);
    f.diagnostic = any_text(text[3]);
    f.diagnostic_len = Frama_C_size_t_interval(0, DSN_PROOF_N);
    f.last_attempt_date = any_text(text[4]);
    f.will_retry_until = any_text(text[5]);
    f.flags = Frama_C_unsigned_int_interval(0, UINT_MAX);
    (void)dsn_status_fields(Frama_C_nondet(0, 1) ? &f : NULL, buf, size);
    (void)dsn_status_fields_check(Frama_C_nondet(0, 1) ? &f : NULL);
    return 0;
}
