/*
 * Part 2 of the report, message/delivery-status (RFC 3464 section 2) or
 * message/global-delivery-status (RFC 6533 section 6): the per-message
 * fields, then a block per recipient from dsn_status_fields(), each block
 * after an empty line (RFC 3464 section 2.1).
 */
#include <string.h>

#include "bounce_int.h"

/* Room for one recipient's block: dsn_bounce_check() holds its five
 * values to DSN_BOUNCE_VALUE_MAX octets and bw_diagnostic() the
 * diagnostic to BW_DIAG_MAX; folding adds less than a tenth. */
#define BLOCK_MAX 16384

static void put_field(bw_out *o, const char *name, const char *value)
{
    if (value == NULL || *value == '\0')
        return;
    bw_str(o, name);
    bw_str(o, value);
    bw_put(o, "\r\n", 2);
}

/* RFC 3461 section 6.3 (a): the ENVID, decoded from xtext. */
static void put_envid(bw_out *o, const char *envid)
{
    char v[DSN_BOUNCE_VALUE_MAX + 1];
    int n;
    if (envid == NULL)
        return;
    /* dsn_bounce_check() decoded it once: printable, it fits */
    n = dsn_xtext_decode(envid, strlen(envid), v, sizeof v);
    if (n <= 0)
        return;
    bw_str(o, "Original-Envelope-Id: ");
    bw_put(o, v, (size_t)n);
    bw_put(o, "\r\n", 2);
}

static int put_recipient(const bw_plan *pl, bw_out *o,
                         const dsn_recipient_fields *r)
{
    char block[BLOCK_MAX];
    dsn_recipient_fields f = *r;
    bw_span d = bw_diagnostic(r);
    size_t n;
    f.diagnostic = d.p;
    f.diagnostic_len = d.len;
    /* the form of the part: dsn_status_fields() then makes the octets
     * >= 0x80 fit it (7-bit, or well-formed UTF-8; dsn/delivery.h) */
    if (pl->international)
        f.flags |= DSN_FIELDS_UTF8;
    else
        f.flags &= ~DSN_FIELDS_UTF8;
    if (d.p != NULL && d.len == 0)
        f.diagnostic = NULL;
    n = dsn_status_fields(&f, block, sizeof block);
    if (n == 0 || n >= sizeof block)
        return n == 0 ? dsn_status_fields_check(&f) : DSN_EHEADERVALUE;
    bw_put(o, "\r\n", 2);
    bw_put(o, block, n);
    return DSN_OK;
}

int bw_status(const bw_plan *pl, bw_out *o)
{
    const dsn_bounce *b = pl->b;
    size_t i;
    bw_str(o, "Reporting-MTA: dns; ");
    bw_str(o, b->reporting_mta);
    bw_put(o, "\r\n", 2);
    if (b->received_from_mta != NULL && *b->received_from_mta != '\0') {
        bw_str(o, "Received-From-MTA: dns; ");
        bw_str(o, b->received_from_mta);
        bw_put(o, "\r\n", 2);
    }
    put_envid(o, b->envid);
    put_field(o, "Arrival-Date: ", b->arrival_date);
    for (i = 0; i < b->recipient_count; i++) {
        int err = put_recipient(pl, o, &b->recipients[i]);
        if (err != DSN_OK)
            return err;
    }
    return DSN_OK;
}
