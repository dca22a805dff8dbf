/*
 * xorshift.h - the tests' random numbers: xorshift64 (Marsaglia 2003),
 * seeded by each test, so that a failure is the same on every run.
 */
#ifndef DSN_TESTS_XORSHIFT_H
#define DSN_TESTS_XORSHIFT_H

#include <stdint.h>

/* The next number of *state's sequence, reduced to 0..n-1 (n > 0). */
static inline uint32_t xorshift_below(uint64_t *state, uint32_t n)
{
    *state ^= *state << 13;
    *state ^= *state >> 7;
    *state ^= *state << 17;
    return (uint32_t)(*state % n);
}

#endif
