/*
 * Exim's two texts (dsn/exim.h): both come from the reply's text with the
 * enhanced code on every line, as dsn_text() gives it; the ACL message
 * puts the code in front once and leaves the later lines' codes out.
 */
#include "dsn/exim.h"
#include "adapter.h"
#include "sink.h"

/* dsn_text() of the checked reply c into text[DSN_EXIM_TEXT_MAX + 1]. */
static int render(const dsn_reply *c, char *text, size_t *len)
{
    *len = dsn_format_ex(c, DSN_FMT_TEXT, text, DSN_EXIM_TEXT_MAX + 1);
    return *len <= DSN_EXIM_TEXT_MAX ? DSN_OK : DSN_ETOOLONG;
}

/* The reply as the verb needs it: the other negative class is moved to the
 * verb's, which Exim would otherwise drop with the enhanced code. */
static int for_verb(const dsn_reply *r, int verb, dsn_reply *c)
{
    int err = dsn_adapter_reply(r, c);
    if (verb == DSN_EXIM_ANY) /* a 2yz too, but never a 3yz */
        return err == DSN_EREJECTCODE && c->cls == 2 ? DSN_OK : err;
    if (err == DSN_OK && c->cls != verb) {
        c->code = verb * 100 + c->code % 100;
        c->cls = verb;
    }
    return err;
}

int dsn_exim_acl_message(const dsn_reply *r, int verb, char *buf, size_t size)
{
    char text[DSN_EXIM_TEXT_MAX + 1], head[DSN_REPLY_HEAD_MAX], code[4];
    dsn_sink o = dsn_sink_make(buf, size);
    dsn_reply c;
    size_t len, status_len, i, line;
    int err =
        verb == DSN_EXIM_ANY || verb == DSN_EXIM_DEFER || verb == DSN_EXIM_DENY
            ? for_verb(r, verb, &c)
            : DSN_EINVAL;
    if (err == DSN_OK)
        err = render(&c, text, &len);
    if (err != DSN_OK)
        return dsn_adapter_fail(buf, size, err);
    /* "550 " once; "5.1.1 ", which starts every line of text, once */
    dsn_put_digits(code, c.code);
    code[3] = ' ';
    dsn_sink_put(&o, code, sizeof code);
    status_len = dsn_put_reply_head(head, 0, &c);
    for (i = line = 0; i < len; i++) {
        if (text[i] == '\n') {
            dsn_sink_put(&o, text + line, i + 1 - line);
            line = i + 1 + status_len;
            i = line - 1;
        }
    }
    dsn_sink_put(&o, text + line, len - line);
    return dsn_adapter_len(dsn_sink_end(&o));
}

int dsn_exim_local_scan_code(const dsn_reply *r)
{
    dsn_reply c;
    int err = dsn_adapter_reply(r, &c);
    if (err != DSN_OK)
        return err;
    return c.cls == 5 ? 550 : 451;
}

int dsn_exim_local_scan_text(const dsn_reply *r, char *buf, size_t size)
{
    char text[DSN_EXIM_TEXT_MAX + 1];
    dsn_sink o = dsn_sink_make(buf, size);
    dsn_reply c;
    size_t len;
    int err = dsn_adapter_reply(r, &c);
    if (err == DSN_OK)
        err = render(&c, text, &len);
    if (err != DSN_OK)
        return dsn_adapter_fail(buf, size, err);
    dsn_sink_put(&o, text, len);
    return dsn_adapter_len(dsn_sink_end(&o));
}
