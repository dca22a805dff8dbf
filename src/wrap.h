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
 * Finds the next reply line of text at *pp (NUL-terminated): its raw span
 * [*start, *end), control characters included (the writer skips them, and
 * they do not count towards avail), and moves *pp past it and the space or
 * '\n' it ended at. Empty lines are passed over. Returns 0 when no line is
 * left.
 */
int dsn_wrap_next_line(const char **pp, size_t avail, const char **start,
                       const char **end);

/*
 * dsn_wrap_next_line() for the text [*pp, end), faster when the line's
 * reach holds no control character but the '\n' that ends it: then every
 * byte is kept and the line is found without counting, *clean is 1, and
 * [*start, *stop) can be copied as it is. Otherwise it hands over to
 * dsn_wrap_next_line() and sets *clean to 0.
 */
int dsn_wrap_next_clean_line(const char **pp, const char *end, size_t avail,
                             const char **start, const char **stop, int *clean);

#endif /* DSN_WRAP_H */
