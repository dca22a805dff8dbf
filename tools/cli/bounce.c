/*
 * bounce.c - `dsn bounce`: a whole delivery status notification (dsn/bounce.h)
 * from the command line, CRLF line ends, to stdout.
 *
 *   dsn bounce --reporting-mta HOST --sender ADDR [--envid ID]
 *       [--arrival-date DATE] [--date DATE] [--message-id ID]
 *       [--original FILE] [--ret full|hdrs] [--smtputf8]
 *       --rcpt ADDR [--orcpt ADDR] [--action ACTION] [--status X.Y.Z]
 *       [--code N] [--diagnostic TEXT] [--remote-mta HOST] [--rcpt ...]
 *
 * Each --rcpt starts a recipient; the recipient options after it belong
 * to it. --date defaults to now (UTC), --message-id to one built from the
 * time and a hash of the arguments, --original - reads the original from
 * stdin.
 * Bad input: exit 2 and what is wrong on stderr, nothing on stdout.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli.h"

enum bounce_option {
    BOUNCE_REPORTING_MTA = CLI_LONG_ONLY,
    BOUNCE_SENDER,
    BOUNCE_ENVID,
    BOUNCE_ARRIVAL_DATE,
    BOUNCE_DATE,
    BOUNCE_MESSAGE_ID,
    BOUNCE_ORIGINAL,
    BOUNCE_RET,
    BOUNCE_SMTPUTF8,
    BOUNCE_RCPT,
    BOUNCE_ORCPT,
    BOUNCE_ACTION,
    BOUNCE_STATUS,
    BOUNCE_CODE,
    BOUNCE_DIAGNOSTIC,
    BOUNCE_REMOTE_MTA,
};

static const cli_option bounce_options[] = {
    {BOUNCE_REPORTING_MTA, "reporting-mta", "HOST",
     "the host name of the MTA that reports (required)"},
    {BOUNCE_SENDER, "sender", "ADDR",
     "the envelope sender the report goes to (required)"},
    {BOUNCE_ENVID, "envid", "ID", "the ENVID of MAIL FROM, in xtext"},
    {BOUNCE_ARRIVAL_DATE, "arrival-date", "DATE",
     "when the message arrived (RFC 5322 date-time)"},
    {BOUNCE_DATE, "date", "DATE", "the report's Date; default: now, in UTC"},
    {BOUNCE_MESSAGE_ID, "message-id", "ID",
     "the report's Message-ID, <left@right>; default: built from the time and "
     "the arguments"},
    {BOUNCE_ORIGINAL, "original", "FILE",
     "the original message to return (- for stdin)"},
    {BOUNCE_RET, "ret", "full|hdrs",
     "RET of MAIL FROM: the whole original (default) or its header"},
    {BOUNCE_SMTPUTF8, "smtputf8", NULL,
     "the original came with SMTPUTF8: an RFC 6533 report"},
    {BOUNCE_RCPT, "rcpt", "ADDR",
     "starts a recipient; the options below belong to the last --rcpt"},
    {BOUNCE_ORCPT, "orcpt", "ADDR", "the recipient's ORCPT address"},
    {BOUNCE_ACTION, "action", "ACTION",
     "failed, delayed, delivered, relayed or expanded; default: from the "
     "status"},
    {BOUNCE_STATUS, "status", "X.Y.Z",
     "the enhanced status code; default: from --code"},
    {BOUNCE_CODE, "code", "N", "the remote server's reply code"},
    {BOUNCE_DIAGNOSTIC, "diagnostic", "TEXT", "the remote server's reply"},
    {BOUNCE_REMOTE_MTA, "remote-mta", "HOST", "the server that replied"},
};

typedef struct bounce_args {
    dsn_bounce b;
    dsn_recipient_fields *rcpts;
    dsn_status *statuses;
    size_t count;
    const char *original_file;
    char date[DSN_DATE_MAX]; /* the default Date */
    char local[64];          /* the left side of the default Message-ID */
    unsigned long hash;      /* of the arguments, for that left side */
} bounce_args;

/* An option of the last --rcpt; CLI_OK or a usage error. */
static int recipient_option(bounce_args *g, int id, const char *arg)
{
    dsn_recipient_fields *r;
    long code;
    if (g->count == 0)
        return cli_usage_error("bounce: --%s comes before any --rcpt",
                               bounce_options[id - CLI_LONG_ONLY].name);
    r = &g->rcpts[g->count - 1];
    switch ((enum bounce_option)id) {
    case BOUNCE_ORCPT:
        r->original_recipient = arg;
        break;
    case BOUNCE_ACTION:
        if ((r->action = dsn_action_by_name(arg, strlen(arg))) < 0)
            return cli_usage_error("bounce: action '%s' is not failed, "
                                   "delayed, delivered, relayed or expanded",
                                   arg);
        break;
    case BOUNCE_STATUS:
        if (dsn_parse_status(arg, strlen(arg), &g->statuses[g->count - 1]) !=
            (int)strlen(arg))
            return cli_usage_error("bounce: status '%s' is not an enhanced "
                                   "status code X.Y.Z (RFC 3463)",
                                   arg);
        r->status = &g->statuses[g->count - 1];
        break;
    case BOUNCE_CODE:
        if (cli_parse_int(arg, 200, 599, &code) != 0 ||
            dsn_severity((int)code) < 0)
            return cli_usage_error("bounce: code '%s' is not a reply code "
                                   "2yz, 4yz or 5yz",
                                   arg);
        r->code = (int)code;
        break;
    case BOUNCE_DIAGNOSTIC:
        r->diagnostic = arg;
        break;
    case BOUNCE_REMOTE_MTA:
        r->remote_mta = arg;
        break;
    default: /* message_option hands over only the options above */
        return cli_usage_error("bounce: option id %d is no recipient option",
                               id);
    }
    return CLI_OK;
}

static int message_option(bounce_args *g, int id, const char *arg)
{
    dsn_bounce *b = &g->b;
    switch ((enum bounce_option)id) {
    case BOUNCE_REPORTING_MTA:
        b->reporting_mta = arg;
        break;
    case BOUNCE_SENDER:
        b->sender = arg;
        break;
    case BOUNCE_ENVID:
        b->envid = arg;
        break;
    case BOUNCE_ARRIVAL_DATE:
        b->arrival_date = arg;
        break;
    case BOUNCE_DATE:
        b->date = arg;
        break;
    case BOUNCE_MESSAGE_ID:
        b->message_id = arg;
        break;
    case BOUNCE_ORIGINAL:
        g->original_file = arg;
        break;
    case BOUNCE_RET:
        if (strcmp(arg, "full") == 0)
            b->ret = DSN_RET_FULL;
        else if (strcmp(arg, "hdrs") == 0)
            b->ret = DSN_RET_HDRS;
        else
            return cli_usage_error("bounce: --ret takes full or hdrs, not "
                                   "'%s'",
                                   arg);
        break;
    case BOUNCE_SMTPUTF8:
        b->flags |= DSN_BOUNCE_SMTPUTF8;
        break;
    case BOUNCE_RCPT: {
        dsn_recipient_fields r = DSN_RECIPIENT_FIELDS_INIT;
        r.final_recipient = arg;
        g->rcpts[g->count++] = r;
        break;
    }
    case BOUNCE_ORCPT:
    case BOUNCE_ACTION:
    case BOUNCE_STATUS:
    case BOUNCE_CODE:
    case BOUNCE_DIAGNOSTIC:
    case BOUNCE_REMOTE_MTA:
        return recipient_option(g, id, arg);
    default: /* cli_next returns only ids of bounce_options */
        return cli_usage_error("bounce: option id %d is unknown", id);
    }
    return CLI_OK;
}

/* The whole of FILE ("-": stdin) in memory; NULL after saying why. */
static char *read_original(const char *path, size_t *len)
{
    FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
    char *buf = NULL;
    size_t cap = 0, n = 0;
    if (f == NULL) {
        fprintf(stderr, "dsn: bounce: %s: %s\n", path, strerror(errno));
        return NULL;
    }
    for (;;) {
        size_t got;
        if (n == cap) {
            char *more = realloc(buf, cap = cap ? 2 * cap : 65536);
            if (more == NULL) {
                free(buf);
                buf = NULL;
                break;
            }
            buf = more;
        }
        got = fread(buf + n, 1, cap - n, f);
        n += got;
        if (got == 0)
            break;
    }
    if (buf == NULL)
        fputs("dsn: out of memory\n", stderr);
    else if (ferror(f)) {
        fprintf(stderr, "dsn: bounce: %s: %s\n", path, strerror(errno));
        free(buf);
        buf = NULL;
    }
    if (f != stdin)
        fclose(f);
    *len = n;
    return buf;
}

static int put_stdout(void *ctx, const char *s, size_t n)
{
    (void)ctx;
    return fwrite(s, 1, n, stdout) == n ? 0 : -1;
}

/* What was asked, checked; then the report. */
static int write_report(bounce_args *g)
{
    time_t now = time(NULL);
    const struct tm *tm;
    size_t i;
    int err;
    if (g->b.reporting_mta == NULL)
        return cli_usage_error("bounce: --reporting-mta HOST is required");
    if (g->b.sender == NULL)
        return cli_usage_error("bounce: --sender ADDR is required");
    if (g->count == 0)
        return cli_usage_error("bounce: at least one --rcpt ADDR is required");
    for (i = 0; i < g->count; i++)
        if (g->rcpts[i].status == NULL && g->rcpts[i].code == 0)
            return cli_usage_error("bounce: --rcpt %s needs --status or --code",
                                   g->rcpts[i].final_recipient);
    /* gmtime(), not gmtime_r(): C99, and the program has one thread */
    if (now == (time_t)-1 || (tm = gmtime(&now)) == NULL) {
        fputs("dsn: bounce: the clock gives no time\n", stderr);
        return CLI_EIO;
    }
    if (g->b.date == NULL &&
        dsn_rfc5322_date(tm, 0, g->date, sizeof g->date) > 0)
        g->b.date = g->date;
    snprintf(g->local, sizeof g->local, "%04d%02d%02d%02d%02d%02d.%08lx",
             tm->tm_year + 1900, tm->tm_mon + 1, tm->tm_mday, tm->tm_hour,
             tm->tm_min, tm->tm_sec, g->hash);
    g->b.message_id_local = g->local;
    g->b.recipients = g->rcpts;
    g->b.recipient_count = g->count;
    err = dsn_bounce_check(&g->b);
    if (err != DSN_OK)
        return cli_usage_error("bounce: %s (%s)", dsn_strerror(err),
                               dsn_err_name(err));
    err = dsn_bounce_write(&g->b, put_stdout, NULL);
    if (err != DSN_OK && err != DSN_EWRITER)
        return cli_usage_error("bounce: %s (%s)", dsn_strerror(err),
                               dsn_err_name(err));
    return cli_flush();
}

/* FNV-1a over the arguments, 32 bits: two reports written in the same
 * second get different Message-IDs unless they report the same. */
static unsigned long hash_arguments(int argc, char **argv)
{
    unsigned long h = 2166136261UL;
    int i;
    const char *p;
    for (i = 0; i < argc; i++)
        for (p = argv[i];; p++) {
            h = ((h ^ (unsigned char)*p) * 16777619UL) & 0xFFFFFFFFUL;
            if (*p == '\0')
                break;
        }
    return h;
}

static int run_bounce(int argc, char **argv)
{
    bounce_args g;
    dsn_bounce init = DSN_BOUNCE_INIT;
    cli_args a;
    char *original = NULL;
    int id, status = CLI_OK;

    memset(&g, 0, sizeof g);
    g.b = init;
    /* at most one recipient per two arguments */
    g.rcpts = calloc((size_t)argc / 2 + 1, sizeof *g.rcpts);
    g.statuses = calloc((size_t)argc / 2 + 1, sizeof *g.statuses);
    if (g.rcpts == NULL || g.statuses == NULL) {
        fputs("dsn: out of memory\n", stderr);
        status = CLI_EIO;
        goto done;
    }
    g.hash = hash_arguments(argc, argv);
    cli_args_init(&a, &cli_command_bounce, argc, argv);
    while (status == CLI_OK && (id = cli_next(&a)) != CLI_END) {
        if (id == CLI_STOP) {
            status = a.status; /* --help, --version: done */
            goto done;
        }
        if (id == CLI_OPERAND)
            status = cli_usage_error("bounce: unexpected argument '%s'", a.arg);
        else
            status = message_option(&g, id, a.arg);
    }
    if (status == CLI_OK && g.original_file != NULL) {
        original = read_original(g.original_file, &g.b.original_len);
        if (original == NULL)
            status = CLI_EUSAGE;
        g.b.original = original;
    }
    if (status == CLI_OK)
        status = write_report(&g);
done:
    free(original);
    free(g.rcpts);
    free(g.statuses);
    return status;
}

const cli_command cli_command_bounce = {
    "bounce",
    "--reporting-mta HOST --sender ADDR --rcpt ADDR [RCPT-OPTION]... "
    "[--rcpt ...]",
    "write a delivery status notification (RFC 3464): the whole message, "
    "CRLF line ends, to stdout",
    bounce_options,
    CLI_COUNT(bounce_options),
    run_bounce};
