/*
 * The 512-octet line rule of RFC 5321 4.5.3.1.5 applied to a reply's text:
 * where a line that does not fit breaks. See wrap.h.
 */
#include "wrap.h"
#include "text_class.h"

static int is_utf8_continuation(const char *t, size_t i)
{
    return ((unsigned char)t[i] & 0xC0) == 0x80;
}

/* The index of the kept (not control) byte before q, which is after
 * first; t[first] is kept. */
static size_t prev_kept(const char *t, size_t first, size_t q)
{
    while (q > first) {
        q--;
        if (q == first || !dsn_is_ctl((unsigned char)t[q]))
            return q;
    }
    return first;
}

/*
 * The wrap rule, once. A line's kept bytes start at t[first]; t[over] is
 * the first kept byte that does not fit. The line ends at over when it is
 * a space, else at the last space after first (either space is dropped),
 * else before the UTF-8 character over is part of: back over at most 3
 * continuation bytes to its lead byte (a longer run is not UTF-8, and a
 * character that would leave the line empty does not move: both split at
 * over). Sets *end; returns where the next line starts.
 */
static size_t wrap_cut(const char *t, size_t first, size_t over, size_t *end)
{
    size_t q, cut = over;
    int i;
    if (t[over] == ' ') {
        *end = over;
        return over + 1;
    }
    /* control characters are never spaces: the raw bytes will do */
    for (q = over; q > first + 1;) {
        q--;
        if (t[q] == ' ') {
            *end = q;
            return q + 1;
        }
    }
    for (i = 0; i < 3 && cut != first && is_utf8_continuation(t, cut); i++)
        cut = prev_kept(t, first, cut);
    if (is_utf8_continuation(t, cut) || cut == first)
        cut = over;
    *end = cut;
    return cut;
}

int dsn_wrap_next_line(const char *t, size_t n, size_t *at, size_t avail,
                       size_t *start, size_t *end)
{
    size_t p = *at;
    for (;;) {
        size_t s = p, first = p, kept = 0;
        for (; p < n && t[p] != '\n'; p++) {
            if (dsn_is_ctl((unsigned char)t[p]))
                continue;
            if (kept == 0)
                first = p;
            if (kept == avail) {
                *start = s;
                *at = wrap_cut(t, first, p, end);
                return 1;
            }
            kept++;
        }
        if (kept > 0) {
            *start = s;
            *end = p;
            *at = p < n ? p + 1 : p;
            return 1;
        }
        if (p >= n) {
            *at = n;
            *start = *end = n;
            return 0;
        }
        p++;
    }
}

int dsn_wrap_next_clean_line(const char *t, size_t n, size_t *at, size_t avail,
                             size_t *start, size_t *stop, int *clean)
{
    size_t p = *at;
    for (;;) {
        int fits = n - p <= avail;
        size_t lim = fits ? n : p + avail + 1;
        /* what !fits implies, said for the analyser: lim is in the text */
        if (lim > n)
            lim = n;
        /* a byte >= 0x80 may need replacing: not clean either */
        size_t q = dsn_scan_ctl(t, p, lim, 1);
        if (q < lim && t[q] != '\n') {
            *clean = 0;
            *at = p;
            return dsn_wrap_next_line(t, n, at, avail, start, stop);
        }
        *clean = 1;
        if (q == p) { /* an empty line */
            if (p >= n) {
                *at = n;
                *start = *stop = n;
                return 0;
            }
            p++;
            continue;
        }
        *start = p;
        if (q < lim || fits) { /* the rest of the line fits */
            *stop = q;
            *at = q < n ? q + 1 : q;
            return 1;
        }
        /* avail + 1 kept bytes, all in a row */
        *at = wrap_cut(t, p, lim - 1, stop); /* lim - 1 == p + avail */
        return 1;
    }
}
