/*
 * The boundary of the report (RFC 2046 section 5.1.1: it "must not appear
 * inside any of the encapsulated parts, on a line by itself or as the
 * prefix of any line"), chosen by writing the parts without output first.
 * Candidates are BW_BOUNDARY_PREFIX and 16 hex digits, so a line can block
 * at most one of them: the scan notes each blocked value, and the
 * boundary takes the greatest one plus one. Only a line holding the
 * greatest value of all leaves no greater one; then each further pass
 * counts the blocked values in the lower half of the range left and keeps
 * a half that holds fewer values than it has: a range of one value that
 * holds none is free. The lines are fewer than 2^64 (each takes more than
 * 16 octets of a size_t length), so the whole range always holds fewer.
 * The same passes learn each part's longest line and whether it holds
 * 8-bit octets, which decide its transfer encoding.
 */
#include <string.h>

#include "bounce_int.h"
#include "hex.h"

/* Writes the parts into the scan o; their encodings go to *learn. */
static int scan_parts(const bw_plan *pl, bw_out *o, bw_encodings *learn)
{
    int err;
    bw_out_part(o);
    bw_human(pl, o);
    learn->text_8bit = o->scan.eight_bit;
    /* part 1 goes out quoted-printable when a line is too long, or it
     * holds UTF-8 that a 7-bit report cannot carry as it is */
    learn->text_qp = o->scan.longest > BW_LINE_MAX ||
                     (o->scan.eight_bit && !pl->international);
    bw_out_part(o);
    err = bw_status(pl, o);
    if (err != DSN_OK)
        return err;
    /* the line guard: dsn_status_fields() folds, values are bounded */
    if (o->scan.longest > BW_LINE_MAX)
        return DSN_ELINE998;
    learn->status_8bit = o->scan.eight_bit;
    bw_out_part(o);
    bw_original(pl, o);
    if (o->scan.longest > BW_LINE_MAX)
        return DSN_ELINE998;
    learn->original_8bit = o->scan.eight_bit;
    return DSN_OK;
}

static void put_boundary(bw_plan *pl, uint64_t v)
{
    int i;
    memcpy(pl->boundary, BW_BOUNDARY_PREFIX, BW_BOUNDARY_PREFIX_LEN);
    for (i = BW_BOUNDARY_DIGITS - 1; i >= 0; i--) {
        pl->boundary[BW_BOUNDARY_PREFIX_LEN + i] = dsn_hex_digit((unsigned)v);
        v >>= 4;
    }
    pl->boundary[BW_BOUNDARY_LEN] = '\0';
}

int bw_choose_boundary(bw_plan *pl)
{
    bw_out o;
    bw_encodings again;
    uint64_t lo = 0, hi = UINT64_MAX;
    int err;
    bw_out_scan(&o, 0, 0, 0);
    err = scan_parts(pl, &o, &pl->enc);
    if (err != DSN_OK)
        return err;
    if (!o.scan.blocked || o.scan.max < UINT64_MAX) {
        put_boundary(pl, o.scan.blocked ? o.scan.max + 1 : 0);
        return DSN_OK;
    }
    while (lo < hi) {
        uint64_t mid = lo + (hi - lo) / 2;
        bw_out_scan(&o, lo, mid, hi);
        (void)scan_parts(pl, &o, &again);
        if (o.scan.in_low < mid - lo + 1)
            hi = mid;
        else
            lo = mid + 1;
    }
    put_boundary(pl, lo);
    return DSN_OK;
}
