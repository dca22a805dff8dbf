/*
 * format_fast.h - dsn_format()'s path for the replies most servers send
 * most of the time (src/format_fast.c). Not installed.
 */
#ifndef DSN_FORMAT_FAST_H
#define DSN_FORMAT_FAST_H

#include <stddef.h>

#include "dsn.h"

/*
 * Writes r straight into buf when it is a reply without flags whose text
 * is a row's default, or clean lines that fit: wire lines with the
 * enhanced code, no control character but the '\n's between lines, no
 * empty line. Returns the length, or 0 when the reply is not that simple
 * (or the buffer is too small), for the general path to take it; whatever
 * it wrote by then the general path writes again. Same bytes as the
 * general path, always.
 */
size_t dsn_format_fast(const dsn_reply *r, char *buf, size_t size);

#endif /* DSN_FORMAT_FAST_H */
