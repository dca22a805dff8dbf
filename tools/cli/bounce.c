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
 * time and a hash of the arguments, the original's bytes and the process
 * id; --original - reads the original from stdin.
 * Bad input: exit 2 and what is wrong on stderr, nothing on stdout.
 */
#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#ifdef _WIN32
#include <process.h>
#define DSN_GETPID() _getpid()
#else
#include <unistd.h>
#define DSN_GETPID() getpid()
#endif

#include "cli.h"

typedef struct bounce_args {
    dsn_bounce b;
    dsn_recipient_fields *rcpts;
    dsn_status *statuses;
    size_t count;
    const char *original_file;
    char date[DSN_DATE_MAX]; /* the default Date */
    char local[64];          /* the left side of the default Message-ID */
    unsigned long hash;      /* of the report asked for, for that left side */
} bounce_args;

/* Sets what one option says, at offset field of the bounce_args (message
 * options) or of the last --rcpt's fields (recipient options); CLI_OK or
 * a usage error. */
typedef int bounce_setter(bounce_args *g, size_t field, const char *arg);

static bounce_setter set_text, set_ret, set_smtputf8, set_rcpt, set_rcpt_text,
    set_action, set_status, set_code;

#define MESSAGE(member) offsetof(bounce_args, member)
#define RECIPIENT(member) offsetof(dsn_recipient_fields, member)
#define NO_FIELD 0 /* the setter knows what it sets */

/* Whom an option is about: the message, or the last --rcpt. */
enum bounce_scope { OF_MESSAGE, OF_RCPT };

/* The options, one table: X(id, name, argument, help, setter, the field
 * it writes, scope: whether the option belongs to the last --rcpt).
 * Expanded into the ids, the option table and the setter table, in the
 * same order by construction. */
#define BOUNCE_OPTIONS(X)                                                      \
    X(REPORTING_MTA, "reporting-mta", "HOST",                                  \
      "the host name of the MTA that reports (required)", set_text,            \
      MESSAGE(b.reporting_mta), OF_MESSAGE)                                    \
    X(SENDER, "sender", "ADDR",                                                \
      "the envelope sender the report goes to (required)", set_text,           \
      MESSAGE(b.sender), OF_MESSAGE)                                           \
    X(ENVID, "envid", "ID", "the ENVID of MAIL FROM, in xtext", set_text,      \
      MESSAGE(b.envid), OF_MESSAGE)                                            \
    X(ARRIVAL_DATE, "arrival-date", "DATE",                                    \
      "when the message arrived (RFC 5322 date-time)", set_text,               \
      MESSAGE(b.arrival_date), OF_MESSAGE)                                     \
    X(DATE, "date", "DATE", "the report's Date; default: now, in UTC",         \
      set_text, MESSAGE(b.date), OF_MESSAGE)                                   \
    X(MESSAGE_ID, "message-id", "ID",                                          \
      "the report's Message-ID, <left@right>; default: built from the time "   \
      "and the arguments",                                                     \
      set_text, MESSAGE(b.message_id), OF_MESSAGE)                             \
    X(ORIGINAL, "original", "FILE",                                            \
      "the original message to return (- for stdin)", set_text,                \
      MESSAGE(original_file), OF_MESSAGE)                                      \
    X(RET, "ret", "full|hdrs",                                                 \
      "RET of MAIL FROM: the whole original (default) or its header", set_ret, \
      NO_FIELD, OF_MESSAGE)                                                    \
    X(SMTPUTF8, "smtputf8", NULL,                                              \
      "the original came with SMTPUTF8: an RFC 6533 report", set_smtputf8,     \
      NO_FIELD, OF_MESSAGE)                                                    \
    X(RCPT, "rcpt", "ADDR",                                                    \
      "starts a recipient; the options below belong to the last --rcpt",       \
      set_rcpt, NO_FIELD, OF_MESSAGE)                                          \
    X(ORCPT, "orcpt", "ADDR", "the recipient's ORCPT address", set_rcpt_text,  \
      RECIPIENT(original_recipient), OF_RCPT)                                  \
    X(ACTION, "action", "ACTION",                                              \
      "failed, delayed, delivered, relayed or expanded; default: from the "    \
      "status",                                                                \
      set_action, NO_FIELD, OF_RCPT)                                           \
    X(STATUS, "status", "X.Y.Z",                                               \
      "the enhanced status code; default: the diagnostic reply's, else from "  \
      "the reply code",                                                        \
      set_status, NO_FIELD, OF_RCPT)                                           \
    X(CODE, "code", "N",                                                       \
      "the remote server's reply code; default: the diagnostic reply's",       \
      set_code, NO_FIELD, OF_RCPT)                                             \
    X(DIAGNOSTIC, "diagnostic", "TEXT",                                        \
      "the remote server's reply, e.g. \"550 5.1.1 No such user\"",            \
      set_rcpt_text, RECIPIENT(diagnostic), OF_RCPT)                           \
    X(REMOTE_MTA, "remote-mta", "HOST", "the server that replied",             \
      set_rcpt_text, RECIPIENT(remote_mta), OF_RCPT)

/* All long-only: ids from CLI_LONG_ONLY up, an option's index + it. */
enum bounce_option {
    BOUNCE_BEFORE_FIRST = CLI_LONG_ONLY - 1,
#define BOUNCE_ID(id, name, arg, help, set, field, scope) BOUNCE_##id,
    BOUNCE_OPTIONS(BOUNCE_ID)
#undef BOUNCE_ID
};

static const cli_option bounce_options[] = {
#define BOUNCE_OPTION(id, name, arg, help, set, field, scope)                  \
    {BOUNCE_##id, name, arg, help},
    BOUNCE_OPTIONS(BOUNCE_OPTION)
#undef BOUNCE_OPTION
};

static const struct bounce_setting {
    bounce_setter *set;
    size_t field;
    enum bounce_scope scope;
} bounce_settings[] = {
#define BOUNCE_SETTING(id, name, arg, help, set, field, scope)                 \
    {set, field, scope},
    BOUNCE_OPTIONS(BOUNCE_SETTING)
#undef BOUNCE_SETTING
};

/* Stores arg in the const char * member at offset field of base. */
static int put_text(void *base, size_t field, const char *arg)
{
    *(const char **)(void *)((char *)base + field) = arg;
    return CLI_OK;
}

/* A message option's text: a const char * member of bounce_args. */
static int set_text(bounce_args *g, size_t field, const char *arg)
{
    return put_text(g, field, arg);
}

static int set_ret(bounce_args *g, size_t field, const char *arg)
{
    (void)field;
    if (strcmp(arg, "full") == 0)
        g->b.ret = DSN_RET_FULL;
    else if (strcmp(arg, "hdrs") == 0)
        g->b.ret = DSN_RET_HDRS;
    else
        return cli_usage_error("bounce: --ret takes full or hdrs, not '%s'",
                               arg);
    return CLI_OK;
}

static int set_smtputf8(bounce_args *g, size_t field, const char *arg)
{
    (void)field;
    (void)arg;
    g->b.flags |= DSN_BOUNCE_SMTPUTF8;
    return CLI_OK;
}

/* run_bounce() made room for one recipient per two arguments. */
static int set_rcpt(bounce_args *g, size_t field, const char *arg)
{
    dsn_recipient_fields r = DSN_RECIPIENT_FIELDS_INIT;
    (void)field;
    r.final_recipient = arg;
    g->rcpts[g->count++] = r;
    return CLI_OK;
}

/* The recipient options set the last --rcpt's fields; take_option() has
 * checked that there is one. */
static dsn_recipient_fields *last_rcpt(const bounce_args *g)
{
    return &g->rcpts[g->count - 1];
}

/* A recipient option's text: a const char * member of its fields. */
static int set_rcpt_text(bounce_args *g, size_t field, const char *arg)
{
    return put_text(last_rcpt(g), field, arg);
}

static int set_action(bounce_args *g, size_t field, const char *arg)
{
    (void)field;
    if ((last_rcpt(g)->action = dsn_action_by_name(arg, strlen(arg))) < 0)
        return cli_usage_error("bounce: action '%s' is not failed, delayed, "
                               "delivered, relayed or expanded",
                               arg);
    return CLI_OK;
}

static int set_status(bounce_args *g, size_t field, const char *arg)
{
    dsn_status *st = &g->statuses[g->count - 1];
    (void)field;
    if (dsn_parse_status(arg, strlen(arg), st) != (int)strlen(arg))
        return cli_usage_error("bounce: status '%s' is not an enhanced "
                               "status code X.Y.Z (RFC 3463)",
                               arg);
    last_rcpt(g)->status = st;
    return CLI_OK;
}

static int set_code(bounce_args *g, size_t field, const char *arg)
{
    long code;
    (void)field;
    if (cli_parse_int(arg, 200, 599, &code) != 0 || dsn_severity((int)code) < 0)
        return cli_usage_error("bounce: code '%s' is not a reply code 2yz, "
                               "4yz or 5yz",
                               arg);
    last_rcpt(g)->code = (int)code;
    return CLI_OK;
}

/* One option (cli_walk() hands over only ids of bounce_options) or
 * operand; CLI_OK or a usage error. */
static int take_option(void *ctx, int id, const char *arg)
{
    bounce_args *g = ctx;
    const struct bounce_setting *s;
    if (id == CLI_OPERAND)
        return cli_usage_error("bounce: unexpected argument '%s'", arg);
    s = &bounce_settings[id - CLI_LONG_ONLY];
    if (s->scope == OF_RCPT && g->count == 0)
        return cli_usage_error("bounce: --%s comes before any --rcpt",
                               bounce_options[id - CLI_LONG_ONLY].name);
    return s->set(g, s->field, arg);
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

/* A --diagnostic that is an SMTP reply ("550 5.2.2 Mailbox full") gives
 * what --code and --status leave out, as a delivery agent takes them from
 * the reply it got: its reply code, and its enhanced status code when the
 * reply carries one of the code's class (dsn_parse_reply(); a reply code
 * given with --code must be the reply's). Other text stays text only. */
static int take_diagnostic_reply(dsn_recipient_fields *f, dsn_status *st)
{
    dsn_parsed_reply r;
    size_t n;
    char *wire;
    int used;
    if (f->diagnostic == NULL || (f->status != NULL && f->code != 0))
        return CLI_OK;
    n = strlen(f->diagnostic);
    if ((wire = malloc(n + 2)) == NULL) {
        fputs("dsn: bounce: out of memory\n", stderr);
        return CLI_EIO;
    }
    memcpy(wire, f->diagnostic, n);
    memcpy(wire + n, "\r\n", 2); /* the reply's line end */
    used = dsn_parse_reply(wire, n + 2, &r, NULL, 0, NULL);
    free(wire);
    if (used < 0 || dsn_severity(r.code) < 0)
        return CLI_OK;
    if (f->code == 0)
        f->code = r.code;
    if (f->status == NULL && r.code == f->code &&
        (r.flags & DSN_REPLY_STATUS)) {
        *st = r.status;
        f->status = st;
    }
    return CLI_OK;
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
    for (i = 0; i < g->count; i++) {
        if ((err = take_diagnostic_reply(&g->rcpts[i], &g->statuses[i])) != 0)
            return err;
        if (g->rcpts[i].status == NULL && g->rcpts[i].code == 0)
            return cli_usage_error("bounce: --rcpt %s needs --status, --code "
                                   "or a --diagnostic reply",
                                   g->rcpts[i].final_recipient);
    }
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

#define FNV_OFFSET 2166136261UL /* FNV-1a, 32 bits */

/* h, FNV-1a-continued over s[0..n). */
static unsigned long hash_bytes(unsigned long h, const char *s, size_t n)
{
    size_t i;
    for (i = 0; i < n; i++)
        h = ((h ^ (unsigned char)s[i]) * 16777619UL) & 0xFFFFFFFFUL;
    return h;
}

/* The arguments (each with its NUL, so that "ab" "c" is not "a" "bc"),
 * the original's bytes and the process id: two reports written in the
 * same second get different Message-IDs unless the same process wrote
 * the same report twice. */
static unsigned long hash_report(int argc, char **argv, const dsn_bounce *b)
{
    unsigned long h = FNV_OFFSET, pid = (unsigned long)DSN_GETPID();
    int i;
    for (i = 0; i < argc; i++)
        h = hash_bytes(h, argv[i], strlen(argv[i]) + 1);
    if (b->original != NULL)
        h = hash_bytes(h, b->original, b->original_len);
    return hash_bytes(h, (const char *)&pid, sizeof pid);
}

static int run_bounce(int argc, char **argv)
{
    bounce_args g;
    dsn_bounce init = DSN_BOUNCE_INIT;
    char *original = NULL;
    int status = CLI_OK;

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
    status = cli_walk(&cli_command_bounce, argc, argv, take_option, &g);
    if (status != CLI_END)
        goto done; /* a usage error, or --help, --version: done */
    status = CLI_OK;
    if (g.original_file != NULL) {
        original = read_original(g.original_file, &g.b.original_len);
        if (original == NULL)
            status = CLI_EUSAGE;
        g.b.original = original;
    }
    g.hash = hash_report(argc, argv, &g.b);
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
