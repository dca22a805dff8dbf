/*
 * fuzz_policy.c - Postfix policy delegation (dsn/policy.h) on any bytes:
 *
 *   mode even: dsn_policy_parse() over an exact-size copy of the rest: the
 *     length it returns ends in the empty line, and every attribute it
 *     gives lies inside the request, on one line;
 *   mode odd: dsn_policy_action() for any reply libdsn builds and any
 *     message bytes: snprintf's contract, and a response of one
 *     "action=<code> <status> <text>" line of printable, valid UTF-8 text,
 *     never empty, short enough for Postfix's prefix in 512 octets, then
 *     the empty line (7-bit with DSN_FMT_ASCII); or an error with ""
 *     written.
 *
 * Input: mode, id/code/subject/detail, buffer size, then the bytes.
 */
#include "dsn.h"
#include "fuzz_support.h"

static size_t write_action(const void *obj, char *buf, size_t size)
{
    int n = dsn_policy_action((const dsn_reply *)obj, buf, size);
    FUZZ_ASSERT(n > 0);
    return (size_t)n;
}

static void check_slice(dsn_slice s, const char *buf, size_t n)
{
    if (s.ptr == NULL) {
        FUZZ_ASSERT(s.len == 0);
        return;
    }
    FUZZ_ASSERT(s.ptr > buf && s.ptr + s.len < buf + n);
    FUZZ_ASSERT(s.ptr[-1] == '=' && s.ptr[s.len] == '\n');
    FUZZ_ASSERT(memchr(s.ptr, '\n', s.len) == NULL);
}

static void fuzz_parse(const uint8_t *data, size_t size)
{
    char *buf = fuzz_copy(data, size);
    dsn_policy_request q;
    int n = dsn_policy_parse(buf, size, &q);
    if (n > 0) {
        size_t len = (size_t)n;
        FUZZ_ASSERT(len <= size && len <= DSN_POLICY_REQUEST_MAX);
        FUZZ_ASSERT(buf[len - 1] == '\n' && (len == 1 || buf[len - 2] == '\n'));
#define CHECK_FIELD_(name) check_slice(q.name, buf, len);
        DSN_POLICY_ATTR_MAP(CHECK_FIELD_)
#undef CHECK_FIELD_
    } else {
        FUZZ_ASSERT(n == DSN_EINCOMPLETE || n == DSN_EPOLICYSYNTAX ||
                    n == DSN_EPOLICYCTRL || n == DSN_EPOLICYDUP ||
                    n == DSN_EPOLICYSIZE);
        FUZZ_ASSERT(n != DSN_EINCOMPLETE || size < DSN_POLICY_REQUEST_MAX);
    }
    free(buf);
}

static void check_response(const char *s, size_t n)
{
    const char *text;
    size_t i;
    FUZZ_ASSERT(n >= 7 + 4 + 6 + 1 + 2 && memcmp(s, "action=", 7) == 0);
    FUZZ_ASSERT(s[n - 2] == '\n' && s[n - 1] == '\n');
    for (i = 0; i < n - 2; i++)
        FUZZ_ASSERT((unsigned char)s[i] >= 0x20 && (unsigned char)s[i] != 0x7f);
    FUZZ_ASSERT(fuzz_utf8_valid(s, n));
    /* "action=550 5.1.1 " then a text of at least one octet */
    text = strchr(strchr(s + 7, ' ') + 1, ' ') + 1;
    FUZZ_ASSERT(text < s + n - 2);
    /* the line Postfix builds: code, status, its prefix, text, CRLF */
    FUZZ_ASSERT(n - 7 - 2 + DSN_POLICY_PREFIX_MAX + 2 <= DSN_LINE_MAX);
}

static void fuzz_action(fuzz_input *in)
{
    unsigned id = fuzz_byte(in) % ((unsigned)DSN_ID_COUNT + 1);
    int code = (int)fuzz_u16(in) % 700;
    int subject = (int)fuzz_u16(in) % 1100 - 50;
    int detail = (int)fuzz_u16(in) % 1100 - 50;
    unsigned how = fuzz_byte(in);
    size_t cut = fuzz_u16(in), n;
    char *msg = fuzz_cstring(in->data, in->size), *out, small[4];
    dsn_reply r;
    int err;
    if (how % 3 == 0)
        r = dsn_from_id((int)id, msg, code);
    else if (how % 3 == 1)
        r = dsn_create(code, msg, subject, detail);
    else
        r = dsn_basic(code, msg);
    if (how & 4u)
        r.flags |= DSN_FMT_ASCII;
    err = dsn_policy_action(&r, NULL, 0);
    if (err < 0) {
        memset(small, 'x', sizeof small);
        FUZZ_ASSERT(dsn_policy_action(&r, small, sizeof small) == err);
        FUZZ_ASSERT(small[0] == '\0');
        FUZZ_ASSERT(err == DSN_EREJECTCODE || dsn_reply_check(&r, 0) == err);
    } else {
        out = fuzz_check_snprintf(write_action, &r, cut, &n);
        FUZZ_ASSERT(n < DSN_POLICY_ACTION_MAX);
        check_response(out, n);
        if (how & 4u) {
            size_t i;
            for (i = 0; i < n; i++)
                FUZZ_ASSERT((unsigned char)out[i] < 0x80);
        }
        free(out);
    }
    free(msg);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_input in = {data, size};
    if (fuzz_byte(&in) % 2 == 0)
        fuzz_parse(in.data, in.size);
    else
        fuzz_action(&in);
    return 0;
}
