/*
 * fuzz_roundtrip.c - what libdsn formats, libdsn parses back: the reply
 * code, the enhanced status code, the number of lines, every line's text
 * as written, and for a message that needs no cleaning or wrapping, the
 * message itself. dsn_parse_reply must take the whole reply, lenient or
 * strict.
 *
 * Input: mode, id, code, flags, then the message.
 */
#include "../support/wire_check.h"
#include "dsn.h"
#include "fuzz_support.h"

#define FUZZ_LINES_MAX 64

/* 1 when formatting can send msg unchanged: no control character but
 * '\n', no byte >= 0x80 (which may become '?'), no empty line, every line
 * short enough not to wrap. */
static int needs_no_cleaning(const char *msg, size_t n)
{
    size_t i, line = 0;
    if (n == 0 || msg[0] == '\n' || msg[n - 1] == '\n')
        return 0;
    for (i = 0; i < n; i++) {
        unsigned char c = (unsigned char)msg[i];
        if (c == '\n') {
            if (line == 0)
                return 0;
            line = 0;
        } else if (c < 0x20 || c >= 0x7F || ++line > 400) {
            return 0;
        }
    }
    return 1;
}

static void check_same_text(const dsn_slice *lines, size_t count,
                            const char *msg, size_t n)
{
    size_t i, at = 0;
    for (i = 0; i < count; i++) {
        FUZZ_ASSERT(at + lines[i].len <= n);
        FUZZ_ASSERT(memcmp(msg + at, lines[i].ptr, lines[i].len) == 0);
        at += lines[i].len;
        FUZZ_ASSERT(at == n || msg[at] == '\n');
        at++;
    }
    FUZZ_ASSERT(at == n + 1);
}

/* Parses wire in the mode strict gives and checks it against r; returns
 * the DSN_REPLY_* flags of the parse. */
static unsigned check_parse(const char *wire, size_t n, const dsn_reply *r,
                            int enhanced, size_t wire_lines, unsigned strict,
                            const char *msg, size_t msg_len)
{
    dsn_parse_options opt = DSN_PARSE_OPTIONS_INIT;
    dsn_slice lines[FUZZ_LINES_MAX];
    dsn_parsed_reply p;
    size_t i, at = 0;
    int used;

    opt.flags = strict;
    used = dsn_parse_reply(wire, n, &p, lines, FUZZ_LINES_MAX, &opt);
    FUZZ_ASSERT(used >= 0 && (size_t)used == n);
    FUZZ_ASSERT(p.code == r->code && p.lines == wire_lines);
    if (!enhanced)
        return p.flags;
    FUZZ_ASSERT(p.flags & DSN_REPLY_STATUS);
    FUZZ_ASSERT(p.status.cls == r->cls && p.status.subject == r->subject &&
                p.status.detail == r->detail);
    /* Each text is the wire line after "<code><sep><status> ". */
    for (i = 0; i < p.lines && i < FUZZ_LINES_MAX; i++) {
        const char *line = wire + at;
        const char *crlf = strstr(line, "\r\n");
        const char *text = strchr(line + 4, ' ') + 1;
        FUZZ_ASSERT(lines[i].ptr == text);
        FUZZ_ASSERT(lines[i].len == (size_t)(crlf - text));
        at = (size_t)(crlf + 2 - wire);
    }
    if (r->msg == msg && p.lines <= FUZZ_LINES_MAX &&
        needs_no_cleaning(msg, msg_len))
        check_same_text(lines, p.lines, msg, msg_len);
    return p.flags;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_input in = {data, size};
    unsigned mode = fuzz_byte(&in);
    unsigned id = fuzz_byte(&in) % (unsigned)DSN_ID_COUNT;
    int code = (int)fuzz_u16(&in) % 700;
    unsigned flags = (mode & 0x4u) ? DSN_FMT_NO_ENHANCED : 0u;
    char *msg = fuzz_cstring(in.data, in.size);
    size_t msg_len = strlen(msg), n, wire_lines;
    const char *why = NULL;
    dsn_reply r;
    char *wire;
    int enhanced;
    unsigned lenient;

    /* dsn_create with a row's subject and detail; kind 3 is dsn_basic */
    r = fuzz_reply((int)(mode & 0x3u), (int)id, msg, code,
                   dsn_entries[id].subject, dsn_entries[id].detail);
    n = dsn_format_ex(&r, flags, NULL, 0);
    if (n == 0) {
        free(msg);
        return 0;
    }
    wire = (char *)malloc(n + 1);
    FUZZ_ASSERT(wire != NULL);
    FUZZ_ASSERT(dsn_format_ex(&r, flags, wire, n + 1) == n);
    enhanced = !((flags | r.flags) & DSN_FMT_NO_ENHANCED);
    wire_lines = wire_check(wire, n, enhanced, &why);
    FUZZ_ASSERT(wire_lines > 0);
    lenient = check_parse(wire, n, &r, enhanced, wire_lines, 0u, msg, msg_len);
    /* Without an enhanced code the text is the caller's: "5.1.1 x" under
     * 451 is a class mismatch that strict parsing rightly refuses; so are
     * bytes that are not UTF-8 (RFC 6531), which the formatter passes. */
    if (enhanced && (lenient & DSN_REPLY_NOT_UTF8)) {
        dsn_parse_options strict = {DSN_PARSE_STRICT, 0};
        dsn_parsed_reply p;
        FUZZ_ASSERT(dsn_parse_reply(wire, n, &p, NULL, 0, &strict) ==
                    DSN_EBADUTF8);
    } else if (enhanced) {
        check_parse(wire, n, &r, enhanced, wire_lines, DSN_PARSE_STRICT, msg,
                    msg_len);
    }
    free(wire);
    free(msg);
    return 0;
}
