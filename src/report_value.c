/*
 * report_value.c - a field's value as the reader gives it: unfolded
 * (RFC 5322 2.2.3: a line break before a space or tab is removed, the
 * space stays), trimmed, split into "type; value" (RFC 3464 2.1.2), an
 * address out of its '<' '>', a status or action out of its comment; and
 * the spans these are made of, turned into the API's slices and compared
 * with the names the reader knows.
 */
#include "report_scan.h"

static int is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

static dsn_rpt_span span(const char *s, size_t from, size_t to)
{
    dsn_rpt_span v;
    v.s = s;
    v.from = from;
    v.to = to;
    return v;
}

dsn_slice dsn_rpt_slice(dsn_rpt_span v)
{
    dsn_slice out;
    out.ptr = v.to > v.from ? v.s + v.from : NULL;
    out.len = v.to > v.from ? v.to - v.from : 0;
    return out;
}

size_t dsn_rpt_copy_word(dsn_rpt_span v, char *b)
{
    size_t i, n = 0;
    for (i = v.from; i < v.to && n < DSN_RPT_WORD_MAX; i++)
        b[n++] = v.s[i];
    return n;
}

static dsn_rpt_span trim(dsn_rpt_span v)
{
    size_t b = v.from, e = v.to;
    while (b < e && is_space(v.s[b]))
        b++;
    while (e > b && is_space(v.s[e - 1]))
        e--;
    return span(v.s, b, e);
}

int dsn_rpt_value(const dsn_rpt_field *f, dsn_rpt_arena *a, dsn_rpt_span *out)
{
    dsn_rpt_span v = trim(f->value);
    size_t i, at = a->used;
    *out = v;
    if (!f->folded || v.to == v.from)
        return DSN_OK;
    if (a->buf == NULL)
        return DSN_ESCRATCH;
    for (i = v.from; i < v.to; i++) {
        char c = v.s[i];
        /* the CR LF or LF of a fold; a CR of its own is a byte */
        if (c == '\n' || (c == '\r' && i + 1 < v.to && v.s[i + 1] == '\n'))
            continue;
        if (at >= a->size)
            return DSN_ESCRATCH;
        a->buf[at++] = c;
    }
    at = dsn_rpt_stop(at, a->size);
    *out = span(a->buf, a->used, at);
    a->used = at;
    return DSN_OK;
}

/* 1 when v holds no space: one word, as a type is. */
static int one_word(dsn_rpt_span v)
{
    size_t i;
    for (i = v.from; i < v.to; i++)
        if (is_space(v.s[i]))
            return 0;
    return v.to > v.from;
}

void dsn_rpt_typed(dsn_rpt_span v, dsn_rpt_span *type, dsn_rpt_span *value)
{
    size_t i;
    for (i = v.from; i < v.to; i++) {
        if (v.s[i] == ';') {
            dsn_rpt_span t = trim(span(v.s, v.from, i));
            if (!one_word(t))
                break;
            *type = t;
            *value = trim(span(v.s, i + 1, v.to));
            return;
        }
    }
    *type = span(v.s, v.from, v.from);
    *value = trim(v);
}

dsn_rpt_span dsn_rpt_address(dsn_rpt_span v)
{
    v = trim(v);
    if (v.from + 1 < v.to && v.s[v.from] == '<' && v.s[v.to - 1] == '>')
        return trim(span(v.s, v.from + 1, v.to - 1));
    return v;
}

dsn_rpt_span dsn_rpt_word(dsn_rpt_span v)
{
    size_t i;
    v = trim(v);
    for (i = v.from; i < v.to; i++)
        if (is_space(v.s[i]) || v.s[i] == '(' || v.s[i] == ';')
            break;
    return span(v.s, v.from, dsn_rpt_stop(i, v.to));
}

dsn_rpt_span dsn_rpt_msg_id(dsn_rpt_span raw)
{
    size_t i, open = raw.to;
    for (i = raw.from; i < raw.to; i++) {
        if (raw.s[i] == '<' && open == raw.to)
            open = i;
        else if (raw.s[i] == '>' && open < raw.to)
            return span(raw.s, open, i + 1);
    }
    return dsn_rpt_word(raw);
}
