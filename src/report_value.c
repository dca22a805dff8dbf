/*
 * report_value.c - a field's value as the reader gives it: unfolded
 * (RFC 5322 2.2.3: a line break before a space or tab is removed, the
 * space stays), trimmed, split into "type; value" (RFC 3464 2.1.2), an
 * address out of its '<' '>', a status or action out of its comment.
 */
#include "report_scan.h"

static int is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

static dsn_slice slice(const char *p, size_t n)
{
    dsn_slice v;
    v.ptr = n > 0 ? p : NULL;
    v.len = n;
    return v;
}

static dsn_slice trim(dsn_slice v)
{
    size_t b = 0, e = v.len;
    if (v.len == 0)
        return slice(NULL, 0);
    while (b < e && is_space(v.ptr[b]))
        b++;
    while (e > b && is_space(v.ptr[e - 1]))
        e--;
    return slice(v.ptr + b, e - b);
}

int dsn_rpt_value(const dsn_rpt_field *f, dsn_rpt_arena *a, dsn_slice *out)
{
    dsn_slice v = trim(f->value);
    size_t i, n = 0;
    char *dst;
    if (!f->folded || v.len == 0) {
        *out = v;
        return DSN_OK;
    }
    if (a->buf == NULL)
        return DSN_ESCRATCH;
    dst = a->buf + a->used;
    for (i = 0; i < v.len; i++) {
        char c = v.ptr[i];
        /* the CR LF or LF of a fold; a CR of its own is a byte */
        if (c == '\n' || (c == '\r' && i + 1 < v.len && v.ptr[i + 1] == '\n'))
            continue;
        if (n == a->size - a->used)
            return DSN_ESCRATCH;
        dst[n++] = c;
    }
    a->used += n;
    *out = slice(dst, n);
    return DSN_OK;
}

/* 1 when v holds no space: one word, as a type is. */
static int one_word(dsn_slice v)
{
    size_t i;
    for (i = 0; i < v.len; i++)
        if (is_space(v.ptr[i]))
            return 0;
    return v.len > 0;
}

void dsn_rpt_typed(dsn_slice v, dsn_slice *type, dsn_slice *value)
{
    size_t i;
    for (i = 0; i < v.len; i++) {
        if (v.ptr[i] == ';') {
            dsn_slice t = trim(slice(v.ptr, i));
            if (!one_word(t))
                break;
            *type = t;
            *value = trim(slice(v.ptr + i + 1, v.len - i - 1));
            return;
        }
    }
    *type = slice(NULL, 0);
    *value = trim(v);
}

dsn_slice dsn_rpt_address(dsn_slice v)
{
    v = trim(v);
    if (v.len >= 2 && v.ptr[0] == '<' && v.ptr[v.len - 1] == '>')
        return trim(slice(v.ptr + 1, v.len - 2));
    return v;
}

dsn_slice dsn_rpt_word(dsn_slice v)
{
    size_t i;
    v = trim(v);
    for (i = 0; i < v.len; i++)
        if (is_space(v.ptr[i]) || v.ptr[i] == '(' || v.ptr[i] == ';')
            break;
    return slice(v.ptr, i);
}

dsn_slice dsn_rpt_msg_id(dsn_slice raw)
{
    size_t i, open = raw.len;
    for (i = 0; i < raw.len; i++) {
        if (raw.ptr[i] == '<' && open == raw.len)
            open = i;
        else if (raw.ptr[i] == '>' && open < raw.len)
            return slice(raw.ptr + open, i + 1 - open);
    }
    return dsn_rpt_word(raw);
}
