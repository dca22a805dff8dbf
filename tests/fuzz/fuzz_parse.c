/*
 * fuzz_parse.c - dsn_parse_status and dsn_parse_reply over hostile bytes in
 * exact-size heap copies (ASan catches a read of buf[len]); the results
 * must be consistent: consumed <= len, every slice inside the buffer, the
 * status in range, and the same answer for the same bytes.
 *
 * Input: options byte, cap byte, max_line, then the bytes to parse.
 */
#include "dsn.h"
#include "fuzz_support.h"

#define FUZZ_CAP_MAX 16

static void check_status(const char *buf, size_t len)
{
    dsn_status st = {-1, -1, -1};
    int used = dsn_parse_status(buf, len, &st);
    if (used < 0) {
        FUZZ_ASSERT(used == DSN_ESTATUS);
        return;
    }
    FUZZ_ASSERT(used >= 5 && (size_t)used <= len);
    FUZZ_ASSERT((size_t)used == len || buf[used] == ' ');
    FUZZ_ASSERT(st.cls == 2 || st.cls == 4 || st.cls == 5);
    FUZZ_ASSERT(st.subject >= 0 && st.subject <= 999);
    FUZZ_ASSERT(st.detail >= 0 && st.detail <= 999);
    FUZZ_ASSERT(buf[0] == (char)('0' + st.cls));
    FUZZ_ASSERT(dsn_parse_status(buf, len, NULL) == used);
}

static void check_reply(const char *buf, size_t len, size_t cap,
                        const dsn_parse_options *opt)
{
    dsn_slice lines[FUZZ_CAP_MAX];
    dsn_parsed_reply r, again;
    size_t i;
    int strict = opt != NULL && (opt->flags & DSN_PARSE_STRICT);
    int used = dsn_parse_reply(buf, len, &r, cap ? lines : NULL, cap, opt);
    FUZZ_ASSERT(dsn_parse_reply(buf, len, &again, NULL, 0, opt) == used);
    if (used < 0) {
        /* every error says where its line starts and where to go on: at
         * that line for another code, after it otherwise, never back */
        FUZZ_ASSERT(dsn_err_name(used) != NULL);
        FUZZ_ASSERT(r.offset <= len && r.resume <= len);
        FUZZ_ASSERT(r.offset == again.offset && r.resume == again.resume);
        if (used == DSN_EINCOMPLETE)
            FUZZ_ASSERT(r.resume == 0);
        else if (used == DSN_ECODEMISMATCH)
            FUZZ_ASSERT(r.resume == r.offset && r.offset > 0);
        else
            FUZZ_ASSERT(r.resume > r.offset &&
                        (r.resume == len || buf[r.resume - 1] == '\n'));
        return;
    }
    FUZZ_ASSERT(used > 0 && (size_t)used <= len && r.resume == (size_t)used);
    /* lenient takes any three digits (ODD_CODE), strict RFC 5321's */
    FUZZ_ASSERT(r.code >= 0 && r.code <= 999);
    FUZZ_ASSERT((r.code >= 200 && r.code <= 599) || !strict);
    FUZZ_ASSERT(dsn_code_wellformed(r.code) || (r.flags & DSN_REPLY_ODD_CODE));
    FUZZ_ASSERT(r.lines >= 1 && r.lines == again.lines);
    FUZZ_ASSERT(r.code == again.code && r.flags == again.flags);
    FUZZ_ASSERT(buf[used - 1] == '\n');
    if (r.flags & DSN_REPLY_STATUS) {
        FUZZ_ASSERT(r.status.cls == 2 || r.status.cls == 4 ||
                    r.status.cls == 5);
        FUZZ_ASSERT(r.status.subject >= 0 && r.status.subject <= 999);
        FUZZ_ASSERT(r.status.detail >= 0 && r.status.detail <= 999);
    }
    for (i = 0; i < r.lines && i < cap; i++) {
        const char *end = lines[i].ptr + lines[i].len;
        FUZZ_ASSERT(lines[i].ptr >= buf && end <= buf + used);
        FUZZ_ASSERT(memchr(lines[i].ptr, '\n', lines[i].len) == NULL);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_input in = {data, size};
    dsn_parse_options opt = DSN_PARSE_OPTIONS_INIT;
    unsigned mode = fuzz_byte(&in);
    size_t cap = fuzz_byte(&in) % (FUZZ_CAP_MAX + 1);
    char *buf;

    opt.flags = mode & DSN_PARSE_STRICT;
    opt.max_line = (mode & 0x2u) ? fuzz_u16(&in) : 0;
    buf = fuzz_copy(in.data, in.size);
    check_status(buf, in.size);
    check_reply(buf, in.size, cap, (mode & 0x4u) ? NULL : &opt);
    free(buf);
    return 0;
}
