/*
 * EVA harness for dsn_format_ex(): every reply of this class is formatted.
 *
 *   code, cls, subject, detail   any int (INT_MIN..INT_MAX)
 *   msg, fallback                NULL, or any bytes, any length 0..DSN_PROOF_N
 *                                before their NUL (msg may be the
 *                                fallback pointer itself, as a table row
 *                                gives it)
 *   r->flags, flags              any unsigned
 *   buf, size                    NULL and any size, or a buffer and any
 *                                size 0..its length
 *
 * Not reached (18 of 854 statements): the pre-rendered path of a table
 * row's own text (format_fast()'s tail_of() match; giving the
 * fallback as any of the 92 rows' texts joins their sizes and costs 16
 * alarms of imprecision and twice the time: tests/test_fast_paths.c
 * checks that path against the general one instead), and
 * dsn_reply_check()'s r == NULL, which dsn_format_ex() tests first.
 *
 * Run by tests/proof/run.sh; the alarms it may leave are in
 * tests/proof/baseline-format_ex.txt.
 */
#include <limits.h>

#include "dsn.h"
#include "harness.h"

/* the longest output: every text byte on a line of its own prefix */
#define OUT (2 * (DSN_PROOF_N + 1) * 24 + 64)

static char msg[DSN_PROOF_N + 1];
static char fallback[DSN_PROOF_N + 1];
static char out[OUT];

int main(void)
{
    dsn_reply r;
    unsigned flags = Frama_C_unsigned_int_interval(0, UINT_MAX);
    size_t size = Frama_C_size_t_interval(0, OUT);
    char *buf = Frama_C_nondet(0, 1) ? out : NULL;
    r.code = Frama_C_int_interval(INT_MIN, INT_MAX);
    r.cls = Frama_C_int_interval(INT_MIN, INT_MAX);
    r.subject = Frama_C_int_interval(INT_MIN, INT_MAX);
    r.detail = Frama_C_int_interval(INT_MIN, INT_MAX);
    r.fallback = any_text(fallback);
    r.msg = Frama_C_nondet(0, 1) ? r.fallback : any_text(msg);
    r.flags = Frama_C_unsigned_int_interval(0, UINT_MAX);
    (void)dsn_format_ex(Frama_C_nondet(0, 1) ? &r : NULL, flags, buf, size);
    return 0;
}
