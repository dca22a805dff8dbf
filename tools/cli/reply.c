/*
 * reply.c - `dsn reply NAME` and the short form `dsn NAME [MSG [CODE]]`:
 * the wire reply of one libdsn function, or with --for TARGET what a
 * plugin interface needs for it (targets.def).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

/* Writes the reply for target; with show_crlf each CRLF appears as the
 * four characters "\r\n" before a real newline. */
static int print_reply(const dsn_reply *r, unsigned flags, int show_crlf,
                       const cli_target *target)
{
    int len = 0;
    char *buf = cli_render(target->write, r, flags, &len);
    if (buf == NULL && len < 0)
        return cli_usage_error("reply: --for %s cannot carry this reply: %s",
                               target->name, dsn_strerror(len));
    if (buf == NULL) {
        fputs("dsn: out of memory\n", stderr);
        return CLI_EIO;
    }
    if (!show_crlf) {
        fwrite(buf, 1, (size_t)len, stdout);
    } else {
        int i;
        for (i = 0; i < len; i++) {
            if (buf[i] == '\r' && i + 1 < len && buf[i + 1] == '\n') {
                fputs("\\r\\n\n", stdout);
                i++;
            } else {
                putchar(buf[i]);
            }
        }
    }
    free(buf);
    return cli_flush();
}

/* The interfaces of targets.def, smtp (the default) first. */
const cli_target cli_targets[] = {
#define CLI_TARGET(id, name, honours, help)                                    \
    {name, honours, help, cli_target_##id},
#include "targets.def"
};
const size_t cli_target_count = CLI_COUNT(cli_targets);

dsn_reply cli_reply_with_flags(const dsn_reply *r, unsigned flags)
{
    dsn_reply c = *r;
    c.flags |= flags;
    return c;
}

/* --for's help: every target's name, from the same table. */
static const char for_help[] =
    "print what the plugin interface TARGET needs instead of the wire "
    "reply; TARGET is one of:"
#define CLI_TARGET(id, name, honours, help) " " name
#include "targets.def"
    " (see dsn(1); smtp is the default)";

static const cli_target *target_named(const char *name)
{
    size_t i;
    for (i = 0; i < cli_target_count; i++)
        if (strcmp(cli_targets[i].name, name) == 0)
            return &cli_targets[i];
    return NULL;
}

static int find(const char *name, const char *msg, int code, dsn_reply *r)
{
    if (dsn_by_name(name, strlen(name), msg, code, r) >= 0)
        return 0;
    cli_usage_error("no function dsn_%s in libdsn (see 'dsn list')", name);
    return -1;
}

enum reply_option {
    REPLY_MESSAGE = 'm',
    REPLY_CODE = 'c',
    REPLY_NO_ENHANCED = 'n',
    REPLY_SHOW_CRLF = CLI_LONG_ONLY,
    REPLY_FOR,
    REPLY_ASCII,
};

static const cli_option reply_options[] = {
    {REPLY_MESSAGE, "message", "MSG",
     "text instead of the default; a newline in MSG starts another reply "
     "line"},
    {REPLY_CODE, "code", "CODE", "basic reply code instead of the default"},
    {REPLY_NO_ENHANCED, "no-enhanced", NULL,
     "leave the enhanced status code out (smtp only: every other TARGET "
     "writes it)"},
    {REPLY_SHOW_CRLF, "show-crlf", NULL,
     "show each CRLF as \\r\\n before the line end (smtp only: every "
     "other TARGET ends lines with LF)"},
    {REPLY_FOR, "for", "TARGET", for_help},
    {REPLY_ASCII, "ascii", NULL,
     "keep the reply 7-bit, each byte >= 0x80 a '?', for a client that did "
     "not use SMTPUTF8"},
};

/* The options a target may not honour (targets.def): the DSN_FMT_* flag
 * each one hands the writer, and what a target that refuses it does. */
static const struct for_option {
    unsigned option; /* CLI_FOR_* */
    unsigned flag;   /* DSN_FMT_*, or 0 */
    const char *name, *refusal;
} for_options[] = {
    {CLI_FOR_NO_ENHANCED, DSN_FMT_NO_ENHANCED, "--no-enhanced",
     "always writes the enhanced code"},
    {CLI_FOR_SHOW_CRLF, 0, "--show-crlf", "ends its lines with LF, not CRLF"},
    {CLI_FOR_ASCII, DSN_FMT_ASCII, "--ascii", "cannot keep the reply 7-bit"},
};

/* The settings of one `dsn reply`. */
typedef struct reply_args {
    const char *name, *msg;
    long code;      /* 0: the default */
    unsigned given; /* CLI_FOR_* options given */
    const cli_target *target;
} reply_args;

/* The DSN_FMT_* flags of the options given into *flags; a usage error's
 * exit status for an option the target does not honour, else CLI_OK. */
static int target_flags(const reply_args *o, unsigned *flags)
{
    size_t i;
    *flags = 0;
    for (i = 0; i < CLI_COUNT(for_options); i++) {
        const struct for_option *f = &for_options[i];
        if (!(o->given & f->option))
            continue;
        if (!(o->target->honours & f->option))
            return cli_usage_error("reply: --for %s cannot honour %s: it %s",
                                   o->target->name, f->name, f->refusal);
        *flags |= f->flag;
    }
    return CLI_OK;
}

/* Takes one option or operand (cli_take); CLI_OK or a usage error's
 * exit status. */
static int take(void *ctx, int id, const char *arg)
{
    reply_args *o = ctx;
    switch ((enum reply_option)id) {
    case REPLY_MESSAGE:
        o->msg = arg;
        return CLI_OK;
    case REPLY_CODE:
        if (cli_parse_int(arg, 200, 559, &o->code) != 0 ||
            !dsn_code_wellformed((int)o->code)) /* 200..559 by now */
            return cli_usage_error("reply: CODE '%s' is not a reply code "
                                   "[2-5][0-5][0-9]",
                                   arg);
        return CLI_OK;
    case REPLY_NO_ENHANCED:
        o->given |= CLI_FOR_NO_ENHANCED;
        return CLI_OK;
    case REPLY_SHOW_CRLF:
        o->given |= CLI_FOR_SHOW_CRLF;
        return CLI_OK;
    case REPLY_FOR:
        o->target = target_named(arg);
        if (o->target == NULL)
            return cli_usage_error("reply: unknown TARGET '%s' for --for "
                                   "(see 'dsn reply --help')",
                                   arg);
        return CLI_OK;
    case REPLY_ASCII:
        o->given |= CLI_FOR_ASCII;
        return CLI_OK;
    }
    /* CLI_OPERAND: the name */
    if (o->name != NULL)
        return cli_usage_error("reply: unexpected argument '%s'", arg);
    o->name = arg;
    return CLI_OK;
}

static int run_reply(int argc, char **argv)
{
    reply_args o = {NULL, NULL, 0, 0, &cli_targets[0]};
    dsn_reply r;
    unsigned flags;
    int rc = cli_walk(&cli_command_reply, argc, argv, take, &o);

    if (rc != CLI_END)
        return rc;
    if (target_flags(&o, &flags) != CLI_OK)
        return CLI_EUSAGE;
    if (o.name == NULL)
        return cli_usage_error("reply: missing NAME");
    if (find(o.name, o.msg, 0, &r) != 0)
        return CLI_EUSAGE;
    /* a 3yz code only ever goes out without an enhanced code (RFC 2034);
     * the constructors take [245] codes, so it is set here */
    if (o.code != 0) {
        if (o.code / 100 == 3 && !(flags & DSN_FMT_NO_ENHANCED))
            return cli_usage_error("reply: a 3yz CODE needs --no-enhanced "
                                   "(RFC 2034)");
        r.code = (int)o.code;
        r.cls = r.code / 100;
    }
    return print_reply(&r, flags, (o.given & CLI_FOR_SHOW_CRLF) != 0, o.target);
}

const cli_command cli_command_reply = {
    "reply",
    "NAME",
    "print the SMTP reply of libdsn's function dsn_NAME as it goes on the "
    "wire, CRLF line ends included",
    reply_options,
    CLI_COUNT(reply_options),
    run_reply};

/* The behaviour of the first dsn program, kept for scripts: no options,
 * and haraka-dsn's rule that an invalid CODE means the default one. */
static int run_short_form(int argc, char **argv)
{
    const char *msg = argc >= 2 ? argv[1] : NULL;
    long code = 0;
    dsn_reply r;
    if (argc > 3)
        return cli_usage_error("too many arguments");
    if (argc == 3 && cli_parse_int(argv[2], -99999, 99999, &code) != 0)
        return cli_usage_error("CODE '%s' is not a number", argv[2]);
    if (find(argv[0], msg, (int)code, &r) != 0)
        return CLI_EUSAGE;
    return print_reply(&r, 0, 0, &cli_targets[0]);
}

const cli_command cli_command_short_form = {
    NULL,
    "NAME [MSG [CODE]]",
    "the short form of reply, without options: an invalid CODE means the "
    "default",
    NULL,
    0,
    run_short_form};
