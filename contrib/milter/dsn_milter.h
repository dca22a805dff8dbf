/*
 * NAME
 *      dsn_milter.h - libdsn replies from a milter (libmilter)
 *
 * SYNOPSIS
 *      #include <libmilter/mfapi.h>
 *      #include "dsn_milter.h"
 *
 *      sfsistat on_rcpt(SMFICTX *ctx, char **argv)
 *      {
 *          dsn_reply r = dsn_no_such_user(NULL, 0);
 *          if (dsn_milter_setreply(ctx, &r) != MI_SUCCESS)
 *              return SMFIS_TEMPFAIL;
 *          return SMFIS_REJECT;      // the MTA sends 550 5.1.1 No such user
 *      }
 *
 *      Link with dsn_milter, dsn and milter (CMake: dsn::milter).
 *
 * DESCRIPTION
 *      dsn_milter_setreply(ctx, r) hands the reply r to libmilter as the
 *      reply the MTA sends for the current command. The text is exactly
 *      what dsn_format(r) puts on the wire: control characters removed,
 *      lines wrapped at DSN_LINE_MAX (512) octets, the default text when
 *      no line is left. A reply of one line goes through smfi_setreply(),
 *      a reply of several lines through smfi_setmlreply().
 *
 *      Every '%' is sent as "%%": Sendmail uses the reply as a format
 *      string, and Postfix, which does not, turns "%%" back into '%' and
 *      drops a lone '%' ("100% sure" would arrive as "100 sure").
 *
 *      The enhanced status code is always sent, even for a reply with
 *      DSN_FMT_NO_ENHANCED (dsn_basic()): libmilter puts "4.0.0" or "5.0.0"
 *      in a multi-line reply that has none, and Postfix refuses a milter
 *      reply whose text does not start with a code of the reply's class.
 *      Such a reply is sent with cls.subject.detail as stored (5.0.0 for
 *      dsn_basic(550, ...)).
 *
 *      smfi_setmlreply() takes at most 32 lines. A reply of more lines is
 *      cut, never silently: its first 31 lines are sent, then a 32nd line
 *      DSN_MILTER_CUT_TEXT that tells the reader the rest was left out,
 *      and MI_SUCCESS is returned. Measure with dsn_format(r, NULL, 0) and
 *      count lines beforehand to avoid the cut.
 *
 * WHAT THE SERVERS DO WITH IT
 *      Measured (tests/e2e/postfix/milter.sh, tests/e2e/sendmail/sendmail.sh;
 *      docs/adapters-postfix-sendmail.md has the bytes):
 *      - Postfix 3.7 sends the lines as dsn_format writes them.
 *      - Sendmail 8.17 inserts "<rcpt>... " after the codes of the first
 *        line (a first line dsn_format filled to 512 octets grows past
 *        it), formats the text (the "%%" above arrive as '%'; a text with
 *        a lone '%' would be replaced by Sendmail's own "550 5.7.1 <rcpt>...
 *        Command rejected"), and does not check that the enhanced class
 *        matches the code (libdsn's replies always do).
 *
 * RETURN VALUE
 *      MI_SUCCESS: the reply is set; return SMFIS_REJECT (5xx) or
 *      SMFIS_TEMPFAIL (4xx) from the callback for the MTA to send it.
 *      MI_FAILURE: nothing was set, because
 *        - ctx or r is NULL, or dsn_reply_check(r, 0) rejects r;
 *        - r's code is not 4xx or 5xx (libmilter sets only failures: a
 *          milter accepts with SMFIS_CONTINUE, not with a reply);
 *        - a line's text, with its '%' doubled, is longer than libmilter's
 *          980 octets (a line of more than 480 '%' characters);
 *        - libmilter refused it (smfi_setreply()/smfi_setmlreply() failed:
 *          outside a callback, or out of memory).
 *      After MI_FAILURE the caller still decides the outcome, e.g. return
 *      SMFIS_TEMPFAIL for the MTA's default temporary failure.
 *
 * THREADS
 *      No allocation by this function (libmilter copies the reply into
 *      memory of its own), no state: it is as thread-safe as libmilter.
 *      It uses about 48 KiB of stack (32 lines of 512 octets, formatted,
 *      and their escaped copies): milter threads have far more.
 */
#ifndef DSN_MILTER_H
#define DSN_MILTER_H

#include <libmilter/mfapi.h>

#include "dsn.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The most lines smfi_setmlreply() takes (libmilter's MAXREPLIES). */
#define DSN_MILTER_MAX_LINES 32

#define DSN_MILTER_STR_(x) #x
#define DSN_MILTER_STR(x) DSN_MILTER_STR_(x)
/* The last line of a reply cut to DSN_MILTER_MAX_LINES lines. */
#define DSN_MILTER_CUT_TEXT                                                    \
    "(reply cut: a milter reply holds at most " DSN_MILTER_STR(                \
        DSN_MILTER_MAX_LINES) " lines, the rest is left out)"

int dsn_milter_setreply(SMFICTX *ctx, const dsn_reply *r);

#ifdef __cplusplus
}
#endif

#endif /* DSN_MILTER_H */
