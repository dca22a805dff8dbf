/*
 * fuzz_delivery.c - dsn_by_name over any bytes (exact-size copy, so a read
 * of name[len] is caught) must find exactly the row whose name is those
 * bytes; dsn_status_fields over any strings and codes must write only
 * well-formed RFC 3464 fields (CRLF line ends, no other control character,
 * every line a field or a folded continuation, at most 998 octets) and obey
 * snprintf's contract.
 *
 * Input: selector byte, code, status, action, buffer size, then NUL-
 * separated strings for the name or the fields.
 */
#include "dsn.h"
#include "fuzz_support.h"

static void check_by_name(const char *name, size_t len)
{
    dsn_reply r;
    int id = dsn_by_name(name, len, NULL, 0, &r), row, hits = 0;
    for (row = 0; row < (int)DSN_ID_COUNT; row++)
        if (dsn_entries[row].name_len == len &&
            memcmp(dsn_entries[row].name, name, len) == 0) {
            FUZZ_ASSERT(id == row);
            hits++;
        }
    if (hits == 0) {
        FUZZ_ASSERT(id == DSN_ENOTFOUND || id == DSN_EINVAL);
        return;
    }
    FUZZ_ASSERT(r.code == dsn_entries[id].code);
    FUZZ_ASSERT(r.subject == dsn_entries[id].subject);
    FUZZ_ASSERT(r.detail == dsn_entries[id].detail);
}

static size_t write_fields(const void *obj, char *buf, size_t size)
{
    return dsn_status_fields((const dsn_recipient_fields *)obj, buf, size);
}

/* 1 when the line starts a field: "Name:" with letters and '-'. */
static int starts_field(const char *s, size_t n)
{
    size_t i = 0;
    while (i < n && ((s[i] >= 'A' && s[i] <= 'Z') ||
                     (s[i] >= 'a' && s[i] <= 'z') || s[i] == '-'))
        i++;
    return i > 0 && i < n && s[i] == ':';
}

/* Without DSN_FIELDS_UTF8 the output is ASCII; with it,
 * well-formed UTF-8 (RFC 3629), lines split between characters only. */
static void check_fields_bytes(const char *s, size_t n, int utf8)
{
    size_t i;
    FUZZ_ASSERT(fuzz_utf8_valid(s, n));
    for (i = 0; i < n && !utf8; i++)
        FUZZ_ASSERT((unsigned char)s[i] < 0x80);
}

static void check_fields_text(const char *s, size_t n)
{
    size_t at = 0;
    while (at < n) {
        const char *line = s + at;
        const char *lf = (const char *)memchr(line, '\n', n - at);
        size_t len, i;
        FUZZ_ASSERT(lf != NULL && lf > line && lf[-1] == '\r');
        len = (size_t)(lf - line) - 1;
        FUZZ_ASSERT(len <= 998);
        FUZZ_ASSERT(len > 0 && (line[0] == ' ' || starts_field(line, len)));
        if (line[0] == ' ')
            FUZZ_ASSERT(at > 0);
        for (i = 0; i < len; i++) {
            unsigned char c = (unsigned char)line[i];
            FUZZ_ASSERT(c >= 0x20 && c != 0x7F);
        }
        at += len + 2;
    }
}

/* The next NUL-terminated piece of the text (the text ends in a NUL, so
 * past the end every piece is ""), or NULL when the field is left out. */
static const char *next_piece(const char **at, const char *end, int present)
{
    const char *s = *at;
    *at = s + strlen(s);
    if (*at < end)
        (*at)++;
    return present ? s : NULL;
}

static void check_fields(fuzz_input *in, unsigned sel)
{
    dsn_recipient_fields f = DSN_RECIPIENT_FIELDS_INIT;
    dsn_status status;
    unsigned present = fuzz_byte(in);
    size_t cut = fuzz_u16(in), n;
    char *text, *out;
    const char *at, *end;
    int ok;

    f.code = (int)fuzz_u16(in) % 700;
    status.cls = (int)fuzz_byte(in) % 7;
    status.subject = (int)fuzz_u16(in) % 1100;
    status.detail = (int)fuzz_u16(in) % 1100;
    f.status = (present & 0x80u) ? &status : NULL;
    f.action = (int)(sel >> 4) % 7;
    f.flags = (sel & 0x2u) ? DSN_FIELDS_UTF8 : 0u;
    text = fuzz_cstring(in->data, in->size);
    at = text;
    end = text + in->size;
    f.final_recipient = next_piece(&at, end, present & 0x1u);
    f.original_recipient = next_piece(&at, end, present & 0x2u);
    f.remote_mta = next_piece(&at, end, present & 0x4u);
    f.diagnostic = next_piece(&at, end, present & 0x8u);
    f.last_attempt_date = next_piece(&at, end, present & 0x10u);
    f.will_retry_until = next_piece(&at, end, present & 0x20u);
    /* With a length the diagnostic may hold NULs and need no terminator. */
    if ((present & 0x48u) == 0x48u)
        f.diagnostic_len = (size_t)(end - f.diagnostic);

    ok = dsn_status_fields_check(&f) == 0;
    out = fuzz_check_snprintf(write_fields, &f, cut, &n);
    FUZZ_ASSERT(ok ? n > 0 : n == 0);
    check_fields_text(out, n);
    check_fields_bytes(out, n, (sel & 0x2u) != 0);
    free(out);
    free(text);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_input in = {data, size};
    unsigned sel = fuzz_byte(&in);
    if (sel & 0x1u) {
        char *name = fuzz_copy(in.data, in.size);
        check_by_name(name, in.size);
        free(name);
    } else {
        check_fields(&in, sel);
    }
    return 0;
}
