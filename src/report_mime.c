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
    return dsn_rpt_stop(i, n);
}

/* RFC 2045 token: up to a space, a control or a tspecial that ends it. */
static size_t token_end(const char *s, size_t i, size_t n)
{
    while (i < n && !is_cfws(s[i]) && s[i] != ';' && s[i] != '=' &&
           s[i] != '(' && s[i] != '"')
        i++;
    return dsn_rpt_stop(i, n);
}

/* The parameter value at i: a quoted-string (quotes removed, quoted-pairs
 * kept as they are) or a token. *end gets the index after it. */
static dsn_rpt_span param_value(const char *s, size_t i, size_t n, size_t *end)
{
    dsn_rpt_span v;
    size_t j;
    v.s = s;
    if (i < n && s[i] == '"') {
        for (j = i + 1; j < n && s[j] != '"'; j++)
            if (s[j] == '\\' && j + 1 < n)
                j++;
        v.from = i + 1;
        v.to = j < n ? j : n;
        *end = j < n ? j + 1 : n;
        return v;
    }
    j = token_end(s, i, n);
    v.from = i;
    v.to = j;
    *end = j;
    return v;
}

/* Content-Type: type "/" subtype *(";" attribute "=" value). */
static void content_type(dsn_rpt_span ct, dsn_rpt_part *p)
{
    const char *s = ct.s;
    size_t n = ct.to, i = skip_cfws(s, ct.from, n), e;
    /* "multipart / report" with comments or spaces is not seen in mail */
    e = i;
    while (e < n && !is_cfws(s[e]) && s[e] != ';' && s[e] != '(')
        e++;
    p->type.s = s;
    p->type.from = i;
    p->type.to = dsn_rpt_stop(e, n);
    i = e;
    while (i < n) {
        dsn_rpt_span name;
        while (i < n && s[i] != ';')
            i++;
        if (i >= n)
            break;
        name.s = s;
        name.from = skip_cfws(s, i + 1, n);
        name.to = token_end(s, name.from, n);
        i = skip_cfws(s, name.to, n);
        if (i >= n || s[i] != '=')
            continue;
        i = skip_cfws(s, i + 1, n);
        {
            dsn_rpt_span v = param_value(s, i, n, &i);
            if (DSN_RPT_IS(name, "boundary"))
                p->boundary = v;
        }
    }
}

static void set_field(const dsn_rpt_field *f, dsn_rpt_part *p)
{
    if (DSN_RPT_IS(f->name, "content-type")) {
        content_type(f->value, p);
    } else if (DSN_RPT_IS(f->name, "content-transfer-encoding")) {
        const char *s = f->value.s;
        size_t n = f->value.to, i = skip_cfws(s, f->value.from, n), e = i;
        while (e < n && !is_cfws(s[e]) && s[e] != '(')
            e++;
        p->encoding.s = s;
        p->encoding.from = i;
        p->encoding.to = dsn_rpt_stop(e, n);
    } else if (DSN_RPT_IS(f->name, "message-id")) {
        p->message_id = f->value;
    }
}

size_t dsn_rpt_part_headers(const char *s, size_t len, size_t pos,
                            dsn_rpt_part *p)
{
    dsn_rpt_field f;
    int r;
    size_t at = pos;
    p->type.s = p->boundary.s = p->encoding.s = p->message_id.s = s;
    p->type.from = p->type.to = p->boundary.from = p->boundary.to = 0;
    p->encoding.from = p->encoding.to = 0;
    p->message_id.from = p->message_id.to = 0;
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

/* The media types the reader tells apart, RFC 2046 names in any case;
 * rows of one size, read by dsn_rpt_ieq(). */
#define DSN_RPT_KIND_(type, kind)                                              \
    {                                                                          \
        type, sizeof type - 1, kind                                            \
    }
static const struct {
    char type[DSN_RPT_WORD_MAX];
    unsigned char len; /* of type */
    int kind;
} kinds[] = {
    DSN_RPT_KIND_("message/delivery-status", DSN_RPT_STATUS),
    DSN_RPT_KIND_("message/global-delivery-status", DSN_RPT_GLOBAL_STATUS),
    DSN_RPT_KIND_("message/rfc822", DSN_RPT_ORIGINAL),
    DSN_RPT_KIND_("message/global", DSN_RPT_ORIGINAL),
    DSN_RPT_KIND_("text/rfc822-headers", DSN_RPT_ORIGINAL),
    DSN_RPT_KIND_("message/global-headers", DSN_RPT_ORIGINAL),
};
#undef DSN_RPT_KIND_

int dsn_rpt_kind(dsn_rpt_span type)
{
    size_t i;
    dsn_rpt_span head = type;
    if (type.from + 10 < type.to) { /* "multipart/" and a subtype */
        head.to = type.from + 10;
        if (DSN_RPT_IS(head, "multipart/"))
            return DSN_RPT_MULTIPART;
    }
    for (i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
        if (dsn_rpt_ieq(type, kinds[i].type, kinds[i].len))
            return kinds[i].kind;
    return DSN_RPT_OTHER;
}
