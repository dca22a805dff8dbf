/*
 * report_mime.c - the MIME header fields of one entity (RFC 2045 section
 * 5, RFC 2046): its media type, the boundary parameter of a multipart,
 * its Content-Transfer-Encoding, and its Message-ID for the returned
 * original. The Content-Type value is read in place, folds and comments
 * included, so nothing is copied.
 */
#include "report_scan.h"

static int is_cfws(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* Skips spaces, line breaks and (nested) comments from i; returns the
 * index of the next other byte, or n. */
static size_t skip_cfws(const char *s, size_t i, size_t n)
{
    size_t depth = 0; /* at most the bytes read, i */
    for (; i < n; i++) {
        char c = s[i];
        if (depth > 0 && c == '\\' && i + 1 < n)
            i++;
        else if (c == '(')
            depth++;
        else if (depth > 0 && c == ')')
            depth--;
        else if (depth == 0 && !is_cfws(c))
            break;
    }
    return i;
}

/* RFC 2045 token: up to a space, a control or a tspecial that ends it. */
static size_t token_end(const char *s, size_t i, size_t n)
{
    while (i < n && !is_cfws(s[i]) && s[i] != ';' && s[i] != '=' &&
           s[i] != '(' && s[i] != '"')
        i++;
    return i;
}

/* The parameter value at i: a quoted-string (quotes removed, quoted-pairs
 * kept as they are) or a token. *end gets the index after it. */
static dsn_slice param_value(const char *s, size_t i, size_t n, size_t *end)
{
    dsn_slice v;
    size_t j;
    if (i < n && s[i] == '"') {
        for (j = i + 1; j < n && s[j] != '"'; j++)
            if (s[j] == '\\' && j + 1 < n)
                j++;
        v.ptr = s + i + 1;
        v.len = (j < n ? j : n) - i - 1;
        *end = j < n ? j + 1 : n;
        return v;
    }
    j = token_end(s, i, n);
    v.ptr = s + i;
    v.len = j - i;
    *end = j;
    return v;
}

/* Content-Type: type "/" subtype *(";" attribute "=" value). */
static void content_type(dsn_slice ct, dsn_rpt_part *p)
{
    const char *s = ct.ptr;
    size_t n = ct.len, i = skip_cfws(s, 0, n), e;
    /* "multipart / report" with comments or spaces is not seen in mail */
    e = i;
    while (e < n && !is_cfws(s[e]) && s[e] != ';' && s[e] != '(')
        e++;
    p->type.ptr = s + i;
    p->type.len = e - i;
    i = e;
    while (i < n) {
        size_t name, name_e;
        while (i < n && s[i] != ';')
            i++;
        if (i >= n)
            break;
        name = skip_cfws(s, i + 1, n);
        name_e = token_end(s, name, n);
        i = skip_cfws(s, name_e, n);
        if (i >= n || s[i] != '=')
            continue;
        i = skip_cfws(s, i + 1, n);
        {
            dsn_slice v = param_value(s, i, n, &i);
            if (dsn_ascii_ieq(s + name, name_e - name, "boundary"))
                p->boundary = v;
        }
    }
}

/* The name of a field in any case; the length first, as most fields of a
 * message header are none of the three. */
static int is_name(dsn_slice n, const char *w, size_t wlen)
{
    return n.len == wlen && dsn_ascii_ieq(n.ptr, n.len, w);
}

static void set_field(const dsn_rpt_field *f, dsn_rpt_part *p)
{
    if (is_name(f->name, "content-type", 12)) {
        content_type(f->value, p);
    } else if (is_name(f->name, "content-transfer-encoding", 25)) {
        const char *s = f->value.ptr;
        size_t i = skip_cfws(s, 0, f->value.len), e = i;
        while (e < f->value.len && !is_cfws(s[e]) && s[e] != '(')
            e++;
        p->encoding.ptr = s + i;
        p->encoding.len = e - i;
    } else if (is_name(f->name, "message-id", 10)) {
        p->message_id = f->value;
    }
}

size_t dsn_rpt_part_headers(const char *s, size_t len, size_t pos,
                            dsn_rpt_part *p)
{
    static const dsn_rpt_part none = {
        {NULL, 0}, {NULL, 0}, {NULL, 0}, {NULL, 0}};
    dsn_rpt_field f;
    int r;
    size_t at = pos;
    *p = none;
    while ((r = dsn_rpt_field_next(s, len, &pos, &f)) != DSN_RPT_END) {
        if (r == DSN_RPT_BLANK)
            break;
        if (r == DSN_RPT_DASHES)
            return at;
        if (r == DSN_RPT_FIELD)
            set_field(&f, p);
        at = pos;
    }
    return pos;
}

/* The media types the reader tells apart, RFC 2046 names in any case. */
static const struct {
    const char *type;
    int kind;
} kinds[] = {
    {"message/delivery-status", DSN_RPT_STATUS},
    {"message/global-delivery-status", DSN_RPT_GLOBAL_STATUS},
    {"message/rfc822", DSN_RPT_ORIGINAL},
    {"message/global", DSN_RPT_ORIGINAL},
    {"text/rfc822-headers", DSN_RPT_ORIGINAL},
    {"message/global-headers", DSN_RPT_ORIGINAL},
};

int dsn_rpt_kind(dsn_slice type)
{
    size_t i;
    if (type.len > 10 && dsn_ascii_ieq(type.ptr, 10, "multipart/"))
        return DSN_RPT_MULTIPART;
    for (i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
        if (dsn_ascii_ieq(type.ptr, type.len, kinds[i].type))
            return kinds[i].kind;
    return DSN_RPT_OTHER;
}
