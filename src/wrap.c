/*
 * The 512-octet line rule of RFC 5321 4.5.3.1.5 applied to a reply's text:
 * where a line that does not fit breaks. See wrap.h.
 */
#include "wrap.h"
#include "text_class.h"

static int is_utf8_continuation(const char *p)
{
    return ((unsigned char)*p & 0xC0) == 0x80;
}

/* The kept (not control) byte before q, which is after first; first is
 * kept. */
static const char *prev_kept(const char *first, const char *q)
{
    do
        q--;
    while (q > first && dsn_is_ctl((unsigned char)*q));
    return q;
}

/*
 * The wrap rule, once. A line's kept bytes start at first; over is the
 * first kept byte that does not fit. The line ends at over when it is a
 * space, else at the last space after first (either space is dropped),
 * else before the UTF-8 character over is part of: back over at most 3
 * continuation bytes to its lead byte (a longer run is not UTF-8, and a
 * character that would leave the line empty does not move: both split at
 * over). Sets *end; returns where the next line starts.
 */
static const char *wrap_cut(const char *first, const char *over,
                            const char **end)
{
    const char *q, *cut = over;
    int i;
    if (*over == ' ') {
        *end = over;
        return over + 1;
    }
    /* control characters are never spaces: the raw bytes will do */
    for (q = over - 1; q > first; q--) {
        if (*q == ' ') {
            *end = q;
            return q + 1;
        }
    }
    for (i = 0; i < 3 && cut != first && is_utf8_continuation(cut); i++)
        cut = prev_kept(first, cut);
    if (is_utf8_continuation(cut) || cut == first)
        cut = over;
    *end = cut;
    return cut;
}

int dsn_wrap_next_line(const char **pp, size_t avail, const char **start,
                       const char **end)
{
    const char *p = *pp;
    for (;;) {
        const char *s = p, *first = NULL;
        size_t kept = 0;
        for (; *p != '\0' && *p != '\n'; p++) {
            if (dsn_is_ctl((unsigned char)*p))
                continue;
            if (first == NULL)
                first = p;
            if (kept == avail) {
                *start = s;
                *pp = wrap_cut(first, p, end);
                return 1;
            }
            kept++;
        }
        if (kept > 0) {
            *start = s;
            *end = p;
            *pp = *p == '\n' ? p + 1 : p;
            return 1;
        }
        if (*p == '\0') {
            *pp = p;
            return 0;
        }
        p++;
    }
}

int dsn_wrap_next_clean_line(const char **pp, const char *end, size_t avail,
                             const char **start, const char **stop, int *clean)
{
    const char *p = *pp;
    for (;;) {
        int fits = (size_t)(end - p) <= avail;
        const char *lim = fits ? end : p + avail + 1;
        const char *q = dsn_find_ctl(p, lim);
        if (q < lim && *q != '\n') {
            *clean = 0;
            *pp = p;
            return dsn_wrap_next_line(pp, avail, start, stop);
        }
        *clean = 1;
        if (q == p) { /* an empty line */
            if (p == end) {
                *pp = p;
                return 0;
            }
            p++;
            continue;
        }
        *start = p;
        if (q < lim || fits) { /* the rest of the line fits */
            *stop = q;
            *pp = q < end ? q + 1 : q;
            return 1;
        }
        /* avail + 1 kept bytes, all in a row */
        *pp = wrap_cut(p, p + avail, stop);
        return 1;
    }
}
