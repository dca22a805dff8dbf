/*
 * fuzz_format.c - any reply libdsn can build (dsn_from_id over every row of
 * dsn_table.def, dsn_create, dsn_basic), any message bytes, flags and
 * buffer size: the output must be a well-formed reply (support/wire_check.h),
 * valid UTF-8 whenever the message was, and obey snprintf's contract.
 *
 * Input: mode, id/code/subject/detail, flags, buffer size, then the message.
 */
#include "../support/wire_check.h"
#include "dsn.h"
#include "fuzz_support.h"

typedef struct format_call {
    const dsn_reply *reply;
    unsigned flags;
} format_call;

static size_t write_format(const void *obj, char *buf, size_t size)
{
    const format_call *c = (const format_call *)obj;
    return dsn_format_ex(c->reply, c->flags, buf, size);
}

/* Codes near the edges of every rule, plus whatever the fuzzer picks. */
static int pick_code(unsigned raw)
{
    return (raw & 0x8000u) ? (int)(raw & 0x3FFu) : (int)raw - 0x4000;
}

static void check_text_variant(const char *s, size_t n)
{
    size_t i;
    for (i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        FUZZ_ASSERT(c != '\r' && c != 0x7F && (c >= 0x20 || c == '\n'));
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_input in = {data, size};
    unsigned mode = fuzz_byte(&in);
    unsigned id = fuzz_byte(&in) % ((unsigned)DSN_ID_COUNT + 1);
    int code = pick_code(fuzz_u16(&in));
    int subject = (int)fuzz_u16(&in) - 16;
    int detail = (int)fuzz_u16(&in) - 16;
    unsigned flags = fuzz_byte(&in) & 0x7u;
    size_t cut = fuzz_u16(&in);
    char *msg = fuzz_cstring(in.data, in.size);
    const char *m = (mode & 0x4u) ? NULL : msg;
    dsn_reply r;
    format_call call;
    size_t n, i;
    char *out;
    int enhanced, ok, kind;

    /* kinds 0..2 are the constructors; 3 dsn_create with a small subject
     * and detail, which more often name a registered code */
    kind = (int)(mode & 0x3u);
    if (kind == 3) {
        kind = FUZZ_CREATE;
        subject = (int)(id % 8);
        detail = (int)(id % 31);
    }
    r = fuzz_reply(kind, (int)id, m, code, subject, detail);
    call.reply = &r;
    call.flags = flags;
    ok = dsn_reply_check(&r, flags) == 0;
    out = fuzz_check_snprintf(write_format, &call, cut, &n);

    if (!ok) {
        FUZZ_ASSERT(n == 0);
    } else if ((flags | r.flags) & DSN_FMT_TEXT) {
        /* may be empty: dsn_basic() with no text has no reply text */
        check_text_variant(out, n);
    } else {
        const char *why = NULL;
        enhanced = !((flags | r.flags) & DSN_FMT_NO_ENHANCED);
        if (wire_check(out, n, enhanced, &why) == 0) {
            fprintf(stderr, "malformed reply: %s\n", why);
            FUZZ_ASSERT(0);
        }
        FUZZ_ASSERT(out[0] == (char)('0' + r.code / 100));
    }
    /* Whatever the bytes in, the reply out is well-formed UTF-8,
     * and 7-bit with DSN_FMT_ASCII. */
    FUZZ_ASSERT(fuzz_utf8_valid(out, n));
    if ((flags | r.flags) & DSN_FMT_ASCII)
        for (i = 0; i < n; i++)
            FUZZ_ASSERT((unsigned char)out[i] < 0x80);
    free(out);
    free(msg);
    return 0;
}
