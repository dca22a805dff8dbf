/*
 * EVA harness for dsn_parse_status(): every input of the class
 *   s:   DSN_PROOF_N bytes of any value, len any value 0..DSN_PROOF_N;
 *        or NULL with any len (0..SIZE_MAX);
 *   out: NULL or a dsn_status.
 * Volatile inputs and one call site per kind, as in parse_reply.c.
 */
#include <stddef.h>
#include <stdint.h>

#include "dsn.h"

#ifndef DSN_PROOF_N
#define DSN_PROOF_N 16
#endif

static char buf[DSN_PROOF_N];
volatile unsigned char any_byte;
volatile size_t any_size;
volatile int any_choice;

int main(void)
{
    dsn_status st;
    size_t i, len = any_size % (DSN_PROOF_N + 1);
    dsn_status *out = any_choice ? &st : NULL;
    for (i = 0; i < DSN_PROOF_N; i++)
        buf[i] = (char)any_byte;
    if (any_choice)
        return dsn_parse_status(NULL, any_size, out);
    return dsn_parse_status(buf, len, out);
}
