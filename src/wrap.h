/*
 * wrap.h - where a reply's text breaks into lines: at most avail octets of
 * text per line (the room DSN_LINE_MAX leaves after the code and CRLF),
 * breaking at the last space that fits, never inside a UTF-8 sequence.
 * The rule is written once, in src/wrap.c; the two functions below differ
 * only in how they find the byte that does not fit. Not installed.
 */
#ifndef DSN_WRAP_H
#define DSN_WRAP_H

#include <stddef.h>

/*
 * Finds the next reply line of the text t[*at .. n): its raw span
 * t[*start .. *end), control characters included (the writer skips them,
 * and they do not count towards avail), and moves *at past it and the
 * space or '\n' it ended at. Empty lines are passed over. Returns 0 when
 * no line is left. Indices, not pointers: every byte read is at an index
 * compared with n first.
 */
int dsn_wrap_next_line(const char *t, size_t n, size_t *at, size_t avail,
                       size_t *start, size_t *end);

/*
 * dsn_wrap_next_line(), faster when the line's reach holds no control
 * character but the '\n' that ends it and no byte >= 0x80: then every
 * byte is kept and the line is found without counting, *clean is 1, and
 * t[*start .. *stop) can be copied as it is. Otherwise it hands over to
 * dsn_wrap_next_line() and sets *clean to 0.
 */
int dsn_wrap_next_clean_line(const char *t, size_t n, size_t *at, size_t avail,
                             size_t *start, size_t *stop, int *clean);

#endif /* DSN_WRAP_H */
