/*
 * fuzz_support.h - what every harness shares: a reader that turns the
 * fuzzer's bytes into parameters, a UTF-8 validator, and the snprintf
 * contract check for any writer. A failed invariant aborts, which
 * libFuzzer reports as a crash with the input that caused it.
 */
#ifndef DSN_FUZZ_SUPPORT_H
#define DSN_FUZZ_SUPPORT_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dsn.h"

#define FUZZ_ASSERT(cond)                                                      \
    do {                                                                       \
        if (!(cond)) {                                                         \
            fprintf(stderr, "%s:%d: invariant failed: %s\n", __FILE__,         \
                    __LINE__, #cond);                                          \
            abort();                                                           \
        }                                                                      \
    } while (0)

typedef struct fuzz_input {
    const uint8_t *data;
    size_t size;
} fuzz_input;

/* Parameters come from the front, so the rest stays a coherent text that
 * the fuzzer can grow; missing bytes read as 0. */
static inline unsigned fuzz_byte(fuzz_input *in)
{
    unsigned b = 0;
    if (in->size > 0) {
        b = in->data[0];
        in->data++;
        in->size--;
    }
    return b;
}

static inline unsigned fuzz_u16(fuzz_input *in)
{
    unsigned hi = fuzz_byte(in);
    return (hi << 8) | fuzz_byte(in);
}

/* An exact-size heap copy: ASan then sees any read past the end. */
static inline char *fuzz_copy(const void *p, size_t n)
{
    char *s = (char *)malloc(n ? n : 1);
    FUZZ_ASSERT(s != NULL);
    if (n)
        memcpy(s, p, n);
    return s;
}

/* The same bytes NUL-terminated, for APIs that take C strings. */
static inline char *fuzz_cstring(const void *p, size_t n)
{
    char *s = (char *)malloc(n + 1);
    FUZZ_ASSERT(s != NULL);
    if (n)
        memcpy(s, p, n);
    s[n] = '\0';
    return s;
}

/* 1 when s[0..n) is well-formed UTF-8 (dsn_utf8_valid: no overlongs,
 * surrogates or code points above U+10FFFF). */
static inline int fuzz_utf8_valid(const char *s, size_t n)
{
    return dsn_utf8_valid(s, n) == n;
}

/* The constructors a harness picks its reply from, by kind. */
enum { FUZZ_FROM_ID, FUZZ_CREATE, FUZZ_BASIC };

/* The reply of constructor `kind`, whatever values the fuzzer gave:
 * FUZZ_FROM_ID dsn_from_id(id, msg, code), FUZZ_CREATE dsn_create(code,
 * msg, subject, detail), FUZZ_BASIC or any other kind dsn_basic(code, msg). */
static inline dsn_reply fuzz_reply(int kind, int id, const char *msg, int code,
                                   int subject, int detail)
{
    switch (kind) {
    case FUZZ_FROM_ID:
        return dsn_from_id(id, msg, code);
    case FUZZ_CREATE:
        return dsn_create(code, msg, subject, detail);
    default:
        return dsn_basic(code, msg);
    }
}

/* Checks a writer with snprintf's contract: the NULL/0 call measures, the
 * full write returns the same length and NUL-terminates, and a write into
 * an exact heap buffer of `cut` bytes (cut <= length + 1) returns the same
 * length and holds the exact prefix plus NUL. Returns the full output (the
 * caller frees it) and its length in *len. */
typedef size_t (*fuzz_writer)(const void *obj, char *buf, size_t size);

static inline char *fuzz_check_snprintf(fuzz_writer w, const void *obj,
                                        size_t cut, size_t *len)
{
    size_t n = w(obj, NULL, 0), again;
    char *full = (char *)malloc(n + 1), *part;
    FUZZ_ASSERT(full != NULL);
    again = w(obj, full, n + 1);
    FUZZ_ASSERT(again == n);
    FUZZ_ASSERT(full[n] == '\0');
    FUZZ_ASSERT(strlen(full) == n);
    FUZZ_ASSERT(w(obj, NULL, 7) == n);

    cut %= n + 2;
    part = (char *)malloc(cut ? cut : 1);
    FUZZ_ASSERT(part != NULL);
    FUZZ_ASSERT(w(obj, cut ? part : NULL, cut) == n);
    if (cut > 0) {
        FUZZ_ASSERT(memcmp(part, full, cut - 1) == 0);
        FUZZ_ASSERT(part[cut - 1] == '\0');
    }
    free(part);
    *len = n;
    return full;
}

#endif
