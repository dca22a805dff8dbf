/*
 * sink.h - snprintf's contract in one place for the writers of src/: a
 * sink counts every byte it is given and stores what fits before the
 * terminating NUL, so a writer emits its whole output once and returns
 * sink.len, whatever the buffer size (0 and NULL included).
 */
#ifndef DSN_SINK_H
#define DSN_SINK_H

#include <stddef.h>
#include <string.h>

typedef struct dsn_sink {
    char *buf;
    size_t size; /* 0 when buf is NULL */
    size_t len;  /* bytes given so far, stored or not */
} dsn_sink;

static inline dsn_sink dsn_sink_make(char *buf, size_t size)
{
    dsn_sink o;
    o.buf = buf;
    o.size = buf != NULL ? size : 0;
    o.len = 0;
    return o;
}

static inline void dsn_sink_put(dsn_sink *o, const char *s, size_t n)
{
    if (o->len + 1 < o->size) {
        size_t room = o->size - 1 - o->len;
        memcpy(o->buf + o->len, s, n < room ? n : room);
    }
    o->len += n;
}

/* One byte: stored at an index checked against the size, so that a
 * reader (and Frama-C's EVA) sees the write is in the buffer. */
static inline void dsn_sink_putc(dsn_sink *o, char c)
{
    if (o->buf != NULL && o->size > 0 && o->len < o->size - 1)
        o->buf[o->len] = c;
    o->len++;
}

/* The bytes t[from .. to): dsn_sink_put() for a writer that keeps
 * indices into a length-checked text (Frama-C's EVA then sees every read
 * below to). */
static inline void dsn_sink_put_range(dsn_sink *o, const char *t, size_t from,
                                      size_t to)
{
    if (from < to)
        dsn_sink_put(o, t + from, to - from);
}

/* NUL-terminates what was stored; returns the full length. */
static inline size_t dsn_sink_end(dsn_sink *o)
{
    if (o->size > 0)
        o->buf[o->len < o->size ? o->len : o->size - 1] = '\0';
    return o->len;
}

#endif /* DSN_SINK_H */
