/*
 * EVA harness for dsn_parse_reply(): every input of the class
 *   buf:   DSN_PROOF_N bytes of any value, len any value 0..DSN_PROOF_N;
 *          or NULL with any len (0..SIZE_MAX);
 *   out:   NULL or a dsn_parsed_reply;
 *   lines: NULL with any cap, or an array of 4 slices with cap 0..4;
 *   opt:   NULL, or any flags and any max_line (0..SIZE_MAX).
 * The unknown values come from volatile objects, so that the analysis
 * needs no ACSL (run.sh runs EVA with -no-annot: its result does not lean
 * on the contracts WP proves). Each kind of call is its own call site, so
 * that "buf is NULL" is kept apart from "buf holds len bytes".
 */
#include <stddef.h>
#include <stdint.h>

#include "dsn.h"

#ifndef DSN_PROOF_N
#define DSN_PROOF_N 1100
#endif

static char buf[DSN_PROOF_N];
volatile unsigned char any_byte;
volatile size_t any_size;
volatile unsigned any_flags;
volatile int any_choice;

int main(void)
{
    dsn_slice lines[4];
    dsn_parsed_reply out;
    dsn_parse_options opt;
    size_t i, len = any_size % (DSN_PROOF_N + 1), cap = any_size % 5;
    const dsn_parse_options *o = any_choice ? &opt : NULL;
    for (i = 0; i < DSN_PROOF_N; i++)
        buf[i] = (char)any_byte;
    opt.flags = any_flags;
    opt.max_line = any_size;
    switch (any_choice) {
    case 0: /* the bytes, room for 0..4 lines */
        return dsn_parse_reply(buf, len, &out, lines, cap, o);
    case 1: /* the bytes, no room for lines */
        return dsn_parse_reply(buf, len, &out, NULL, 0, o);
    case 2: /* no bytes */
        return dsn_parse_reply(NULL, any_size, &out, lines, cap, o);
    case 3: /* lines NULL with room said: DSN_EINVAL */
        return dsn_parse_reply(buf, len, &out, NULL, any_size, o);
    default: /* out NULL: DSN_EINVAL */
        return dsn_parse_reply(buf, len, NULL, lines, cap, o);
    }
}
