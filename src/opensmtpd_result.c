/*
 * The OpenSMTPD filter result line (dsn/opensmtpd.h): one line, the reply's
 * lines joined by spaces, cut where OpenSMTPD 6.8 would cut the line.
 */
#include <string.h>

#include "dsn/opensmtpd.h"
#include "adapter.h"
#include "sink.h"
#include "utf8.h"

/* The length of text[0..len) cut to at most room octets, never inside a
 * UTF-8 sequence: a sequence the cut would split is left out whole. */
static size_t cut_utf8(const char *text, size_t len, size_t room)
{
    size_t cut = room, back = 0;
    if (len <= room)
        return len;
    /* text[cut] is the first byte left out: if it continues a sequence,
     * that sequence's lead byte (at most 3 back) goes too */
    while (back < 3 && cut > 0 && dsn_utf8_tail((unsigned char)text[cut])) {
        cut--;
        back++;
    }
    return dsn_utf8_tail((unsigned char)text[cut]) ? room : cut;
}

/* "reject|<reply>LF" into o; r is checked, flags valid. */
static void put_result(dsn_sink *o, const dsn_reply *r, unsigned flags)
{
    /* the text is never longer than what a line keeps; a longer render is
     * cut by dsn_format_ex() to the buffer, and here to the room left */
    char text[DSN_OPENSMTPD_LINE_MAX + 1], head[DSN_REPLY_HEAD_MAX];
    int disconnect = (flags & DSN_OPENSMTPD_DISCONNECT) || r->code == 421;
    const char *verb = disconnect ? "disconnect|" : "reject|";
    size_t verb_len = strlen(verb), head_len, len, room, i;

    head_len = dsn_put_reply_head(head, r->code, r);
    len =
        dsn_format_ex(r, DSN_FMT_TEXT | DSN_FMT_NO_ENHANCED, text, sizeof text);
    if (len > sizeof text - 1)
        len = sizeof text - 1;
    for (i = 0; i < len; i++)
        if (text[i] == '\n') /* the only control character left */
            text[i] = ' ';
    room = DSN_OPENSMTPD_RESULT_MAX - verb_len - head_len;
    dsn_sink_put(o, verb, verb_len);
    dsn_sink_put(o, head, head_len);
    dsn_sink_put(o, text, cut_utf8(text, len, room));
    dsn_sink_put(o, "\n", 1);
}

/* Checks r and flags into *c; on error leaves "" in buf (if it has room)
 * and returns the error. */
static int check(const dsn_reply *r, unsigned flags, dsn_reply *c, char *buf,
                 size_t size)
{
    int err = dsn_adapter_reply(r, c);
    if (err == DSN_OK && (flags & ~DSN_OPENSMTPD_DISCONNECT) != 0)
        err = DSN_EINVAL;
    return err == DSN_OK ? err : dsn_adapter_fail(buf, size, err);
}

int dsn_opensmtpd_result(const dsn_reply *r, unsigned flags, char *buf,
                         size_t size)
{
    dsn_sink o = dsn_sink_make(buf, size);
    dsn_reply c;
    int err = check(r, flags, &c, buf, size);
    if (err != DSN_OK)
        return err;
    put_result(&o, &c, flags);
    return dsn_adapter_len(dsn_sink_end(&o));
}

/* 16 lowercase hexadecimal digits, as OpenSMTPD and libopensmtpd write
 * the ids ("%016" PRIx64); hex.h's digits are the upper case the RFCs of
 * the other codecs require. */
static void put_id(dsn_sink *o, uint64_t id)
{
    static const char hex[] = "0123456789abcdef";
    char digits[16];
    int i;
    for (i = 15; i >= 0; i--) {
        digits[i] = hex[id & 0xF];
        id >>= 4;
    }
    dsn_sink_put(o, digits, sizeof digits);
}

int dsn_opensmtpd_line(uint64_t reqid, uint64_t token, const dsn_reply *r,
                       unsigned flags, char *buf, size_t size)
{
    dsn_sink o = dsn_sink_make(buf, size);
    dsn_reply c;
    int err = check(r, flags, &c, buf, size);
    if (err != DSN_OK)
        return err;
    /* DSN_OPENSMTPD_HEAD_LEN octets */
    dsn_sink_put(&o, "filter-result|", 14);
    put_id(&o, reqid);
    dsn_sink_put(&o, "|", 1);
    put_id(&o, token);
    dsn_sink_put(&o, "|", 1);
    put_result(&o, &c, flags);
    return dsn_adapter_len(dsn_sink_end(&o));
}
