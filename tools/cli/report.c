/*
 * report.c - `dsn report [--json] [FILE...]`: reads each message (stdin
 * when no FILE) with libdsn's DSN reader (dsn/report.h) and prints each
 * recipient of its delivery-status part: a readable table, or with --json
 * one JSON object per line per recipient with the keys dsn(1) lists
 * (null when absent). A message without a delivery-status part, or whose
 * part names no recipient, gives one line saying so ({"file", "error"} in
 * JSON); with --json, so does a FILE that cannot be read. Exit 0 when
 * every message held a report, 1 otherwise (or a read or write error), 2
 * for usage errors.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "dsn/report.h"

/* The whole of a stream in a buffer of its own size: *len bytes, NULL
 * when out of memory or on a read error (errno tells). */
static char *read_all(FILE *in, size_t *len)
{
    size_t size = 1 << 16, n = 0, got;
    char *buf = malloc(size), *more;
    while (buf != NULL && (got = fread(buf + n, 1, size - n, in)) > 0) {
        n += got;
        if (n < size)
            continue;
        more = size > (size_t)-1 / 2 ? NULL : realloc(buf, size * 2);
        if (more == NULL) {
            free(buf);
            return NULL;
        }
        buf = more;
        size *= 2;
    }
    if (buf != NULL && ferror(in)) {
        free(buf);
        return NULL;
    }
    *len = n;
    return buf;
}

/* ---- JSON ---- */

static void json_key(const char *key, int first)
{
    printf("%s\"%s\": ", first ? "{" : ", ", key);
}

/* A slice as a JSON string, null when empty. */
static void json_slice(const char *key, dsn_slice v)
{
    json_key(key, 0);
    if (v.len == 0)
        fputs("null", stdout);
    else
        cli_put_json_bytes(stdout, v.ptr, v.len);
}

static void json_text(const char *key, const char *s, int first)
{
    json_key(key, first);
    cli_put_json_bytes(stdout, s, strlen(s));
}

static dsn_slice slice_of(const char *s)
{
    dsn_slice v;
    v.ptr = s;
    v.len = s != NULL ? strlen(s) : 0;
    return v;
}

/* The address the recipient goes by: Final-Recipient, or the original
 * one when the writer gave only that (RFC 3464 2.3.1, 2.3.2). */
static void recipient_of(const dsn_report_recipient *r, dsn_slice *addr,
                         dsn_slice *type)
{
    int final = r->final_recipient.len > 0;
    *addr = final ? r->final_recipient : r->original_recipient;
    *type = final ? r->final_recipient_type : r->original_recipient_type;
}

/* The action as RFC 3464 spells it when it is one of the five, else as
 * written. */
static dsn_slice action_of(const dsn_report_recipient *r)
{
    return r->action_id != 0 ? slice_of(dsn_action_name(r->action_id))
                             : r->action;
}

/* The status read from the diagnostic into ds, or "" when none was. */
static void diagnostic_status(const dsn_report_recipient *r,
                              char ds[DSN_STATUS_MAX])
{
    ds[0] = '\0';
    if (r->flags & DSN_RCPT_DIAGNOSTIC_STATUS)
        dsn_status_format(&r->diagnostic_status, ds, DSN_STATUS_MAX);
}

static void json_recipient(const char *file, const dsn_report *rep,
                           const dsn_report_recipient *r)
{
    char ds[DSN_STATUS_MAX];
    dsn_slice addr, type;
    recipient_of(r, &addr, &type);
    diagnostic_status(r, ds);
    json_text("file", file, 1);
    json_slice("reporting_mta", rep->reporting_mta);
    json_slice("envelope_id", rep->envelope_id);
    json_slice("arrival_date", rep->arrival_date);
    json_slice("recipient", addr);
    json_slice("recipient_type", type);
    json_slice("original_recipient", r->original_recipient);
    json_slice("action", action_of(r));
    json_slice("status", r->status_text);
    json_slice("diagnostic_status", slice_of(ds));
    json_slice("diagnostic_type", r->diagnostic_type);
    json_slice("diagnostic", r->diagnostic);
    json_slice("remote_mta", r->remote_mta);
    json_slice("last_attempt_date", r->last_attempt_date);
    json_slice("will_retry_until", r->will_retry_until);
    fputs("}\n", stdout);
}

/* ---- the table ---- */

static void put_cell(dsn_slice v, int width)
{
    int n = (int)(v.len > 200 ? 200 : v.len);
    if (v.len == 0) {
        fputs("-", stdout);
        n = 1;
    } else {
        cli_put_escaped(stdout, v.ptr, v.len);
    }
    printf("%*s", n < width ? width - n : 1, "");
}

static void table_head(const char *file, const dsn_report *rep)
{
    cli_put_escaped(stdout, file, strlen(file));
    if (rep->reporting_mta.len > 0) {
        fputs(": reported by ", stdout);
        cli_put_escaped(stdout, rep->reporting_mta.ptr, rep->reporting_mta.len);
    }
    fputs("\n  RECIPIENT                      ACTION     STATUS         "
          "DIAGNOSTIC\n",
          stdout);
}

static void table_recipient(const dsn_report_recipient *r)
{
    char st[64], ds[DSN_STATUS_MAX];
    dsn_slice addr, type;
    recipient_of(r, &addr, &type);
    diagnostic_status(r, ds);
    /* "5.0.0>5.1.1": the Status, and the one its diagnostic holds */
    snprintf(st, sizeof st, "%.*s%s%s", (int)r->status_text.len,
             r->status_text.len ? r->status_text.ptr : "", ds[0] ? ">" : "",
             ds);
    fputs("  ", stdout);
    put_cell(addr, 31);
    put_cell(action_of(r), 11);
    put_cell(slice_of(st), 15);
    if (r->diagnostic.len > 0)
        cli_put_escaped(stdout, r->diagnostic.ptr, r->diagnostic.len);
    else
        putchar('-');
    putchar('\n');
}

/* ---- one message ---- */

static void no_report(const char *file, const char *why, int json)
{
    if (json) {
        json_text("file", file, 1);
        json_text("error", why, 0);
        fputs("}\n", stdout);
    } else {
        cli_put_escaped(stdout, file, strlen(file));
        printf(": %s\n", why);
    }
}

/* Prints the recipients of msg; 1 when it held a report, else 0. */
static int report_message(const char *file, const char *msg, size_t len,
                          char *scratch, int json)
{
    dsn_report rep;
    dsn_report_recipient r;
    int err = dsn_report_read(msg, len, scratch, 2 * len, &rep), n = 0;
    if (err != DSN_OK) {
        no_report(file, dsn_strerror(err), json);
        return 0;
    }
    while ((err = dsn_report_next(&rep, &r)) == 1) {
        if (json) {
            json_recipient(file, &rep, &r);
        } else {
            if (n == 0)
                table_head(file, &rep);
            table_recipient(&r);
        }
        n++;
    }
    if (err < 0) {
        no_report(file, dsn_strerror(err), json);
        return 0;
    }
    if (n == 0)
        no_report(file,
                  "the delivery-status part names no recipient "
                  "(RFC 3464 section 2.3)",
                  json);
    return n > 0;
}

/* A file that could not be read: said on stderr, and with --json also as
 * the {"file", "error"} object a message without a report gets, so that a
 * program reading the objects learns of every FILE it named. */
static void unreadable(const char *file, const char *why, int json)
{
    fprintf(stderr, "dsn: report: %s: %s\n", file, why);
    if (json)
        no_report(file, why, json);
}

/* Reads one file ("-": stdin) and reports it; 1 when it held a report. */
static int report_file(const char *name, int json)
{
    FILE *in = strcmp(name, "-") == 0 ? stdin : fopen(name, "rb");
    char *msg, *scratch;
    size_t len = 0;
    int held;
    if (in == NULL) {
        unreadable(name, strerror(errno), json);
        return 0;
    }
    errno = 0;
    msg = read_all(in, &len);
    if (in != stdin)
        fclose(in);
    if (msg == NULL) {
        unreadable(name, errno != 0 ? strerror(errno) : "cannot read", json);
        return 0;
    }
    /* twice the message is always room enough (dsn/report.h) */
    scratch = malloc(len > 0 ? 2 * len : 1);
    if (scratch == NULL) {
        free(msg);
        unreadable(name, "out of memory", json);
        return 0;
    }
    held = report_message(name, msg, len, scratch, json);
    free(scratch);
    free(msg);
    return held;
}

/* ---- the command ---- */

enum report_option { REPORT_JSON = 'j' };

static const cli_option report_options[] = {
    {REPORT_JSON, "json", NULL,
     "one JSON object per line per recipient (keys in dsn(1)); bytes that "
     "are not UTF-8 become \\ufffd"},
};

/* What one `dsn report` has read so far. */
typedef struct report_args {
    int json;
    int files;    /* FILE operands read */
    int all_held; /* 0: a message held no report */
} report_args;

/* The first walk (cli_take): the options. */
static int take_option(void *ctx, int id, const char *arg)
{
    report_args *g = ctx;
    (void)arg;
    if (id == REPORT_JSON)
        g->json = 1;
    return CLI_OK;
}

/* The second walk (cli_take): the files, in order. */
static int take_file(void *ctx, int id, const char *arg)
{
    report_args *g = ctx;
    if (id != CLI_OPERAND)
        return CLI_OK;
    g->files++;
    if (!report_file(arg, g->json))
        g->all_held = 0;
    return CLI_OK;
}

static int run_report(int argc, char **argv)
{
    report_args g = {0, 0, 1};
    /* the options first, wherever they stand, then the files in order */
    int rc = cli_walk(&cli_command_report, argc, argv, take_option, &g);
    if (rc != CLI_END)
        return rc;
    /* the same arguments again: nothing the first walk did not stop at */
    (void)cli_walk(&cli_command_report, argc, argv, take_file, &g);
    if (g.files == 0 && !report_file("-", g.json))
        g.all_held = 0;
    rc = cli_flush();
    return rc != CLI_OK ? rc : g.all_held ? CLI_OK : 1;
}

const cli_command cli_command_report = {
    "report",
    "[FILE]...",
    "read delivery status notifications (bounces: RFC 3464, in any MIME "
    "layout) from each FILE or stdin and print every recipient's action, "
    "status and diagnostic. Exit status 0 when every message held a "
    "report, 1 when one did not",
    report_options,
    CLI_COUNT(report_options),
    run_report};
