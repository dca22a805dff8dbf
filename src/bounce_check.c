/*
 * The bounce writer's rules on values (dsn/bounce.h, "Values, and what
 * hostile octets do"): every header and per-message field value is
 * checked here, before anything is written, so that no value can start a
 * line, a field or a part of its own.
 */
#include <stdint.h>
#include <string.h>

#include "bounce_int.h"
#include "text_class.h"

int bw_has_8bit(const char *s, size_t n)
{
    /* 8 octets at a time: their high bits OR-ed together */
    uint64_t acc = 0, x;
    size_t i = 0;
    for (; n - i >= 8; i += 8) {
        memcpy(&x, s + i, sizeof x);
        acc |= x;
    }
    for (; i < n; i++)
        acc |= (unsigned char)s[i];
    return (acc & 0x8080808080808080u) != 0;
}

/* Printable US-ASCII (and space when spaces is set), 1..max octets. */
static int printable(const char *s, int spaces, size_t max)
{
    size_t n = 0;
    for (; s[n] != '\0'; n++) {
        unsigned char c = (unsigned char)s[n];
        if (n >= max || !(dsn_is_vchar(c) || (spaces && c == ' ')))
            return 0;
    }
    return n > 0;
}

int bw_msgid_ok(const char *s, size_t n)
{
    size_t i, at = 0;
    if (n < 5 || n > DSN_BOUNCE_VALUE_MAX || s[0] != '<' || s[n - 1] != '>')
        return 0;
    for (i = 1; i + 1 < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (!dsn_is_vchar(c) || c == '<' || c == '>')
            return 0;
        if (c == '@')
            at = i;
    }
    return at > 1 && at < n - 2;
}

/* RFC 1035 section 2.3.1 letters, digits, hyphens, dots: the names
 * MAILER-DAEMON@ and the Message-ID's right side may take. */
static int host_name(const char *s)
{
    size_t n;
    if (s == NULL)
        return 0;
    for (n = 0; s[n] != '\0'; n++) {
        unsigned char c = (unsigned char)s[n];
        if (n >= 253 ||
            !(dsn_is_alpha(c) || dsn_is_digit(c) || c == '-' || c == '.'))
            return 0;
    }
    return n > 0;
}

/* RFC 5322 section 3.2.3 atext: VCHAR but the specials. */
static int atext(unsigned char c)
{
    return dsn_is_vchar(c) && strchr("()<>[]:;@\\,.\"", c) == NULL;
}

/* 1..max octets of atext, and of the one other octet also allowed (a
 * space for a display name, '.' for a Message-ID's left part). */
static int atext_and(const char *s, char also, size_t max)
{
    size_t n;
    for (n = 0; s[n] != '\0'; n++)
        if (n >= max || !(atext((unsigned char)s[n]) || s[n] == also))
            return 0;
    return n > 0;
}

static int optional_value(const char *s)
{
    return s == NULL || *s == '\0' || printable(s, 1, DSN_BOUNCE_VALUE_MAX);
}

/* The envelope sender, for To: <...>. */
static int check_sender(const char *s)
{
    size_t n, i;
    /* "<>" is how SMTP writes the null reverse-path (RFC 5321 4.1.1.2) */
    if (s == NULL || *s == '\0' || strcmp(s, "<>") == 0)
        return DSN_ENULLPATH;
    n = strlen(s);
    if (n > DSN_BOUNCE_VALUE_MAX)
        return DSN_EHEADERVALUE;
    for (i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (dsn_is_ctl(c) || c == ' ' || c == '<' || c == '>')
            return DSN_EHEADERVALUE;
    }
    return dsn_utf8_valid(s, n) == n ? DSN_OK : DSN_ENOTUTF8;
}

static int check_envid(const char *s)
{
    char v[DSN_BOUNCE_VALUE_MAX + 1];
    int n, i;
    if (s == NULL)
        return DSN_OK;
    if (strlen(s) > DSN_BOUNCE_VALUE_MAX)
        return DSN_EXTEXT;
    n = dsn_xtext_decode(s, strlen(s), v, sizeof v);
    if (n <= 0)
        return DSN_EXTEXT;
    for (i = 0; i < n; i++)
        if (!dsn_is_vchar((unsigned char)v[i]) && v[i] != ' ')
            return DSN_EXTEXT;
    return DSN_OK;
}

static int check_message_id(const dsn_bounce *b)
{
    if (b->message_id != NULL)
        return bw_msgid_ok(b->message_id, strlen(b->message_id)) ? DSN_OK
                                                                 : DSN_EMSGID;
    /* id-left, dot-atom-text (RFC 5322 3.6.4), room left for "@host" */
    if (b->message_id_local == NULL ||
        !atext_and(b->message_id_local, '.', DSN_BOUNCE_VALUE_MAX - 256 - 3))
        return DSN_EMSGID;
    return DSN_OK;
}

static int short_enough(const char *s)
{
    return s == NULL || strlen(s) <= DSN_BOUNCE_VALUE_MAX;
}

/* An address with 8-bit octets must be UTF-8: it is typed utf-8. */
static int utf8_or_ascii(const char *s)
{
    size_t n = s == NULL ? 0 : strlen(s);
    return dsn_utf8_valid(s, n) == n;
}

static int check_recipient(const dsn_recipient_fields *r)
{
    /* the addresses' bytes are checked below, and make the report
     * international (message/global-delivery-status) when 8-bit */
    dsn_recipient_fields f = *r;
    int err;
    f.flags |= DSN_FIELDS_UTF8;
    err = dsn_status_fields_check(&f);
    if (err != DSN_OK)
        return err;
    if (!short_enough(r->final_recipient) ||
        !short_enough(r->original_recipient) || !short_enough(r->remote_mta) ||
        !short_enough(r->last_attempt_date) ||
        !short_enough(r->will_retry_until))
        return DSN_EHEADERVALUE;
    if (!utf8_or_ascii(r->final_recipient) ||
        !utf8_or_ascii(r->original_recipient))
        return DSN_ENOTUTF8;
    return DSN_OK;
}

/* The Action dsn_status_fields() writes (dsn/delivery.h): the caller's,
 * else the last reply code's, else the one the status class implies. The
 * status may differ in class from the code (RFC 3464 ties it to the
 * Action), so the code decides first, as in the fields. Called on
 * recipients dsn_bounce_check() accepted: the class is 2, 4 or 5. */
int bw_action(const dsn_recipient_fields *r)
{
    dsn_status st;
    if (r->action != 0)
        return r->action;
    if (r->code != 0 || r->status == NULL)
        return dsn_action_of(r->code);
    st = *r->status;
    return dsn_action_of(st.cls * 100);
}

int dsn_bounce_check(const dsn_bounce *b)
{
    int err;
    size_t i;
    if (b == NULL || b->recipients == NULL || b->recipient_count == 0 ||
        b->ret < DSN_RET_DEFAULT || b->ret > DSN_RET_HDRS ||
        (b->original == NULL && b->original_len > 0))
        return DSN_EINVAL;
    if (!host_name(b->reporting_mta))
        return DSN_EMTANAME;
    if ((err = check_sender(b->sender)) != DSN_OK)
        return err;
    if (b->date == NULL || !printable(b->date, 1, DSN_BOUNCE_VALUE_MAX) ||
        !optional_value(b->arrival_date) ||
        !optional_value(b->received_from_mta) ||
        (b->mailer_name != NULL && !atext_and(b->mailer_name, ' ', 64)))
        return DSN_EHEADERVALUE;
    if ((err = check_message_id(b)) != DSN_OK)
        return err;
    if ((err = check_envid(b->envid)) != DSN_OK)
        return err;
    for (i = 0; i < b->recipient_count; i++)
        if ((err = check_recipient(&b->recipients[i])) != DSN_OK)
            return err;
    return DSN_OK;
}
