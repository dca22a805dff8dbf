/*
 * format.h - dsn_format()'s general renderer (src/format.c): any flags,
 * lines, wrapping, truncation and errors. src/format_fast.c holds the
 * public entry points, which try the fast path first. Not installed.
 */
#ifndef DSN_FORMAT_H
#define DSN_FORMAT_H

#include <stddef.h>

#include "dsn.h"

/* dsn_format_ex() for every reply: the same contract and bytes. */
size_t dsn_format_general(const dsn_reply *r, unsigned flags, char *buf,
                          size_t size);

#endif /* DSN_FORMAT_H */
