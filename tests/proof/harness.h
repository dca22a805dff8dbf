/*
 * harness.h - what the EVA harnesses of tests/proof/ share: DSN_PROOF_N, the bound
 * on every text's length, and a text of unknown bytes.
 */
#ifndef DSN_PROOF_HARNESS_H
#define DSN_PROOF_HARNESS_H

#include "__fc_builtin.h"

#ifndef DSN_PROOF_N
#define DSN_PROOF_N 1100
#endif

/* NULL, or b[0..DSN_PROOF_N] as a NUL-terminated string of unknown bytes, of any
 * length 0..DSN_PROOF_N before its first NUL. */
static const char *any_text(char *b)
{
    Frama_C_make_unknown(b, DSN_PROOF_N);
    b[DSN_PROOF_N] = '\0';
    return Frama_C_nondet(0, 1) ? b : NULL;
}

#endif
