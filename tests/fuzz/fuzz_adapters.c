/*
 * fuzz_adapters.c - any reply, any message bytes, flags, verb and buffer
 * size through the writers for other servers' plugin interfaces
 * (dsn/opensmtpd.h, dsn/exim.h): each keeps snprintf's contract, and what
 * it writes has the shape its server needs, or it returns an error and
 * writes "".
 *
 *   OpenSMTPD: "filter-result|<16 hex>|<16 hex>|reject|" or "disconnect|",
 *              "<code> <status> ", no CR, one LF at the end, at most 2047
 *              octets before it.
 *   Exim ACL:  "<code> <status> " once, a first digit that fits the verb,
 *              no CR, every line fits 512 octets with Exim's prefix.
 *   local_scan: "<status> " at the start of every line, no CR.
 *
 * Input: mode, id/code/subject/detail, flags, verb, buffer size, then the
 * message.
 */
#include <stdint.h>

#include "dsn.h"
#include "fuzz_support.h"

typedef struct call {
    const dsn_reply *r;
    unsigned which; /* 0 OpenSMTPD result, 1 line, 2 Exim ACL, 3 local_scan */
    unsigned flags;
    int verb;
} call;

static size_t write_call(const void *obj, char *buf, size_t size)
{
    const call *c = (const call *)obj;
    int n;
    switch (c->which) {
    case 0:
        n = dsn_opensmtpd_result(c->r, c->flags, buf, size);
        break;
    case 1:
        n = dsn_opensmtpd_line(0x0123456789abcdefu, 7, c->r, c->flags, buf,
                               size);
        break;
    case 2:
        n = dsn_exim_acl_message(c->r, c->verb, buf, size);
        break;
    default:
        n = dsn_exim_local_scan_text(c->r, buf, size);
        break;
    }
    FUZZ_ASSERT(n >= 0); /* errors are checked before */
    return (size_t)n;
}

/* The length of the line that starts at p. */
static size_t line_len(const char *p)
{
    const char *nl = strchr(p, '\n');
    return nl != NULL ? (size_t)(nl - p) : strlen(p);
}

static void check_opensmtpd(const char *out, size_t n, int whole)
{
    const char *p = out;
    FUZZ_ASSERT(n >= 2 && out[n - 1] == '\n');
    FUZZ_ASSERT(strchr(out, '\n') == out + n - 1);
    FUZZ_ASSERT(strchr(out, '\r') == NULL);
    if (whole) {
        FUZZ_ASSERT(n - 1 <= DSN_OPENSMTPD_LINE_MAX);
        FUZZ_ASSERT(memcmp(out,
                           "filter-result|0123456789abcdef|"
                           "0000000000000007|",
                           DSN_OPENSMTPD_HEAD_LEN) == 0);
        p += DSN_OPENSMTPD_HEAD_LEN;
    } else {
        FUZZ_ASSERT(n - 1 <= DSN_OPENSMTPD_RESULT_MAX);
    }
    FUZZ_ASSERT(strncmp(p, "reject|", 7) == 0 ||
                strncmp(p, "disconnect|", 11) == 0);
}

static void check_exim(const char *out, int acl, const dsn_reply *r, int verb)
{
    const char *p = out;
    int cls = acl && verb != DSN_EXIM_ANY ? verb : r->cls;
    char status[32];
    size_t st = (size_t)snprintf(status, sizeof status, "%d.%d.%d ", cls,
                                 r->subject, r->detail);
    FUZZ_ASSERT(strchr(out, '\r') == NULL);
    if (acl) {
        FUZZ_ASSERT(out[0] == (char)('0' + cls) && out[3] == ' ');
        FUZZ_ASSERT(memcmp(out + 4, status, st) == 0);
        FUZZ_ASSERT(line_len(out) + 2 <= DSN_LINE_MAX);
        for (p = strchr(out, '\n'); p != NULL; p = strchr(p + 1, '\n'))
            FUZZ_ASSERT(4 + st + line_len(p + 1) + 2 <= DSN_LINE_MAX);
        return;
    }
    for (; p != NULL;
         p = strchr(p, '\n') != NULL ? strchr(p, '\n') + 1 : NULL) {
        FUZZ_ASSERT(memcmp(p, status, st) == 0);
        FUZZ_ASSERT(4 + line_len(p) + 2 <= DSN_LINE_MAX);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_input in = {data, size};
    unsigned mode = fuzz_byte(&in);
    unsigned id = fuzz_byte(&in) % ((unsigned)DSN_ID_COUNT + 1);
    int code = (int)fuzz_u16(&in) % 700;
    int subject = (int)fuzz_u16(&in) - 16;
    int detail = (int)fuzz_u16(&in) - 16;
    unsigned flags = fuzz_byte(&in) & 0x3u;
    int verb = (int)(fuzz_byte(&in) % 7);
    size_t cut = fuzz_u16(&in);
    char *msg = fuzz_cstring(in.data, in.size);
    dsn_reply r;
    call c;
    char probe[8];
    int err, kind;

    /* kinds 0..2 are the constructors; 3 a row's reply with a class its
     * code may not have */
    kind = (int)(mode & 0x3u);
    r = fuzz_reply(kind == 3 ? FUZZ_FROM_ID : kind, (int)id, msg, code, subject,
                   detail);
    if (kind == 3)
        r.cls = (int)(mode >> 4) % 7;
    c.r = &r;
    c.which = (mode >> 2) & 0x3u;
    c.flags = flags;
    c.verb = verb;
    /* an error writes "" and is the same whatever the buffer */
    memcpy(probe, "xxxxxxx", 8);
    err = c.which == 0 ? dsn_opensmtpd_result(&r, flags, probe, sizeof probe)
          : c.which == 1
              ? dsn_opensmtpd_line(1, 2, &r, flags, probe, sizeof probe)
          : c.which == 2 ? dsn_exim_acl_message(&r, verb, probe, sizeof probe)
                         : dsn_exim_local_scan_text(&r, probe, sizeof probe);
    if (err < 0) {
        FUZZ_ASSERT(probe[0] == '\0');
    } else {
        size_t n;
        char *out;
        out = fuzz_check_snprintf(write_call, &c, cut, &n);
        if (c.which <= 1)
            check_opensmtpd(out, n, c.which == 1);
        else
            check_exim(out, c.which == 2, &r, verb);
        free(out);
    }
    free(msg);
    return 0;
}
