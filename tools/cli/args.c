/*
 * args.c - the dsn program's command line, read with getopt_long(3) from
 * the command tables (cli.h), and the options every command shares.
 *
 * Each command's options are its cli_option table plus the shared ones
 * below; getopt_long gets them in its own form, built once per walk.
 * "-" starts the short option string so that operands come back in order
 * wherever they stand (and POSIXLY_CORRECT cannot change that); before
 * the command "+" stops at the first operand, the command itself.
 *
 * The diagnostics are the program's own (opterr = 0): one wording on every
 * platform, and the one its tests pin. A long option must be written out
 * whole: getopt_long would take "--sub" for "--subject", and a script
 * that relies on an abbreviation breaks on the day a second option starts
 * the same way ("--for" beside "--format").
 */
#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

enum global_option {
    GLOBAL_HELP = 'h',
    GLOBAL_VERSION = 'V',
    GLOBAL_COLOR = CLI_GLOBAL_ID,
};

const cli_option cli_global_options[] = {
    {GLOBAL_COLOR, "color", "WHEN",
     "colour what explain and parse print: auto, the default, on a "
     "terminal unless NO_COLOR is set or TERM is dumb; always; never. "
     "reply and list never colour: they print data"},
    {GLOBAL_HELP, "help", NULL,
     "print the help: after a command, that command's"},
    {GLOBAL_VERSION, "version", NULL, "print the version of libdsn"},
};

const size_t cli_global_option_count = CLI_COUNT(cli_global_options);

int cli_usage_error(const char *fmt, ...)
{
    va_list ap;
    fputs("dsn: ", stderr);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputs("\nTry 'dsn --help' for more information.\n", stderr);
    return CLI_EUSAGE;
}

int cli_parse_int(const char *s, long min, long max, long *out)
{
    char *end;
    long v;
    errno = 0;
    v = strtol(s, &end, 10);
    if (*s == '\0' || *end != '\0' || errno != 0 || v < min || v > max)
        return -1;
    *out = v;
    return 0;
}

/* Adds o to getopt_long's tables; -1 when it does not fit or its id or
 * name is taken (a mistake in a table, which every test would show). */
static int add_option(cli_args *a, size_t *n, size_t *s, const cli_option *o)
{
    size_t i;
    for (i = 0; i < *n; i++)
        if (a->longopts[i].val == o->id ||
            strcmp(a->longopts[i].name, o->name) == 0)
            return -1;
    /* getopt_long's own return values cannot be ids */
    if (*n >= CLI_MAX_OPTIONS || o->id <= CLI_OPERAND || o->id == '?' ||
        o->id == ':')
        return -1;
    a->longopts[*n].name = o->name;
    a->longopts[*n].has_arg = o->arg != NULL ? required_argument : no_argument;
    a->longopts[*n].flag = NULL;
    a->longopts[*n].val = o->id;
    ++*n;
    if (o->id < CLI_LONG_ONLY) {
        a->shortopts[(*s)++] = (char)o->id;
        if (o->arg != NULL)
            a->shortopts[(*s)++] = ':';
    }
    return 0;
}

/* Makes getopt_long start afresh at argv[1], forgetting where it was. */
static void restart_getopt(void)
{
#if defined(__APPLE__) || defined(__FreeBSD__) || defined(__NetBSD__) ||       \
    defined(__OpenBSD__) || defined(__DragonFly__)
    optreset = 1;
    optind = 1;
#else
    optind = 0; /* glibc and musl: reinitialise */
#endif
    opterr = 0;
}

void cli_args_init(cli_args *a, const cli_command *cmd, int argc, char **argv)
{
    size_t n = 0, s = 0, i;
    int broken = 0;
    memset(a, 0, sizeof *a);
    a->cmd = cmd;
    a->argc = argc;
    a->argv = argv;
    a->shortopts[s++] = cmd != NULL ? '-' : '+';
    a->shortopts[s++] = ':'; /* a missing argument returns ':' */
    for (i = 0; i < cli_global_option_count; i++)
        broken |= add_option(a, &n, &s, &cli_global_options[i]);
    for (i = 0; cmd != NULL && i < cmd->option_count; i++)
        broken |= add_option(a, &n, &s, &cmd->options[i]);
    if (broken != 0) {
        fprintf(stderr, "dsn: %s: the option table is broken\n",
                cmd != NULL && cmd->name != NULL ? cmd->name : "dsn");
        a->status = CLI_EIO;
        a->rest = -1;
    }
    restart_getopt();
}

static int stop(cli_args *a, int status)
{
    a->status = status;
    a->rest = -1;
    return CLI_STOP;
}

/* The option of this walk whose id is id, or NULL. */
static const struct option *option_by_id(const cli_args *a, int id)
{
    const struct option *o;
    for (o = a->longopts; o->name != NULL; o++)
        if (o->val == id)
            return o;
    return NULL;
}

/* The error getopt_long returned ('?' or ':'), in the program's words. */
static int bad_option(cli_args *a, int result)
{
    const char *word = a->argv[optind - 1];
    const struct option *o = option_by_id(a, optopt);
    if (result == ':' && strncmp(word, "--", 2) == 0)
        return stop(a, cli_usage_error("option '%s' needs an argument", word));
    if (result == ':')
        return stop(a,
                    cli_usage_error("option '-%c' needs an argument", optopt));
    if (o != NULL) /* "--show-crlf=yes": a known option, wrongly used */
        return stop(
            a, cli_usage_error("option '--%s' takes no argument", o->name));
    if (optopt != 0)
        return stop(a, cli_usage_error("unknown option '-%c'", optopt));
    return stop(a, cli_usage_error("unknown option '%.*s'",
                                   (int)strcspn(word, "="), word));
}

/* The word that held long option o: "--name" and "--name=ARG" are one
 * word, "--name ARG" two. */
static const char *long_word(const cli_args *a, const struct option *o)
{
    if (o->has_arg != no_argument && optind >= 2 &&
        optarg == a->argv[optind - 1])
        return a->argv[optind - 2];
    return a->argv[optind - 1];
}

/* The shared options: CLI_STOP after --help, --version or a bad --color,
 * 0 after a good --color, else id itself for the command. */
static int shared_option(cli_args *a, int id)
{
    switch (id) {
    case GLOBAL_COLOR:
        return cli_set_colour(a->arg) != CLI_OK ? stop(a, CLI_EUSAGE) : 0;
    case GLOBAL_HELP:
        cli_put_help(a->cmd);
        return stop(a, cli_flush());
    case GLOBAL_VERSION:
        printf("dsn (libdsn) %s\n", dsn_version());
        return stop(a, cli_flush());
    default:
        return id;
    }
}

int cli_next(cli_args *a)
{
    for (;;) {
        int index = -1, id;
        const struct option *o;
        if (a->rest < 0)
            return CLI_STOP;
        if (a->rest > 0) { /* the operands after "--" or the command */
            if (a->rest >= a->argc)
                return CLI_END;
            a->index = a->rest;
            a->arg = a->argv[a->rest++];
            return CLI_OPERAND;
        }
        id = getopt_long(a->argc, a->argv, a->shortopts, a->longopts, &index);
        a->arg = optarg;
        if (id == -1) {
            a->rest = optind;
            continue;
        }
        if (id == CLI_OPERAND) {
            a->index = optind - 1;
            return CLI_OPERAND;
        }
        if (id == '?' || id == ':')
            return bad_option(a, id);
        /* a long option (index set) written out whole, not abbreviated;
         * found by its id, unique in the table, rather than by index */
        o = index >= 0 ? option_by_id(a, id) : NULL;
        if (o != NULL) {
            const char *word = long_word(a, o);
            size_t len = strcspn(word, "=");
            if (len != 2 + strlen(o->name))
                return stop(a, cli_usage_error("unknown option '%.*s'",
                                               (int)len, word));
        }
        id = shared_option(a, id);
        if (id != 0)
            return id;
    }
}

int cli_walk(const cli_command *cmd, int argc, char **argv, cli_take *take,
             void *ctx)
{
    cli_args a;
    int id;
    cli_args_init(&a, cmd, argc, argv);
    while ((id = cli_next(&a)) != CLI_END) {
        int rc;
        if (id == CLI_STOP)
            return a.status;
        rc = take(ctx, id, a.arg);
        if (rc != CLI_OK)
            return rc;
    }
    return CLI_END;
}
