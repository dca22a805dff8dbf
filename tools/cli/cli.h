/*
 * cli.h - what the parts of the dsn program share: exit statuses, the
 * command and option tables, the option loop, and output helpers.
 *
 * A subcommand is one file that defines one cli_command (its name, usage,
 * summary, option table and run function) and one row in commands.def.
 * Its run function walks its arguments with cli_walk(), which parses them
 * with getopt_long(3) (cli_next()), handles the options every command
 * shares (--color, --help, --version) itself, and hands the command's own
 * options and operands, one at a time, to the command's cli_take.
 */
#ifndef DSN_CLI_H
#define DSN_CLI_H

#include <getopt.h>
#include <stddef.h>
#include <stdio.h>

#include "dsn.h"

/* Exit statuses: sysexits(3) values where a script wants to tell them
 * apart, so `dsn parse` can sit in a delivery agent's pipeline. */
#define CLI_OK 0
#define CLI_EIO 1           /* writing stdout failed, out of memory */
#define CLI_EUSAGE 2        /* bad arguments, unknown name, invalid code */
#define CLI_EDATAERR 65     /* EX_DATAERR: input that is no reply */
#define CLI_EUNAVAILABLE 69 /* EX_UNAVAILABLE: a permanent failure */
#define CLI_ETEMPFAIL 75    /* EX_TEMPFAIL: a transient failure */

/* Option ids. An option with a short form has its letter as id ('m' for
 * -m); one with only a long form takes an id from CLI_LONG_ONLY up, named
 * in its command's enum. Ids from CLI_GLOBAL_ID up, 'h' and 'V' are the
 * shared options'. */
#define CLI_LONG_ONLY 0x100
#define CLI_GLOBAL_ID 0x1000

/* One option of a command: what getopt_long(3) needs, and its help. */
typedef struct cli_option {
    int id;           /* its letter, or a named id >= CLI_LONG_ONLY */
    const char *name; /* the long name, without "--" */
    const char *arg;  /* its argument's name in the help, NULL: none */
    const char *help; /* what it does; the help printer wraps it */
} cli_option;

/* --strict of dsn parse and dsn explain, one option for both: read
 * replies with DSN_PARSE_STRICT. Defined in parse.c. */
#define CLI_STRICT CLI_LONG_ONLY
extern const cli_option cli_strict_option;

/* One subcommand: a row of the table in commands.def. */
typedef struct cli_command {
    const char *name;     /* NULL: the short form, run for any other word */
    const char *operands; /* the usage line after the name (or NAME) */
    const char *summary;  /* what it does; the help printer wraps it */
    const cli_option *options;
    size_t option_count;
    /* argv[0] is the command's name, argv[1..argc) what follows it */
    int (*run)(int argc, char **argv);
} cli_command;

#define CLI_COUNT(array) (sizeof(array) / sizeof((array)[0]))

/* Every subcommand of commands.def, and the table of them in the order
 * of the help text, the short form (name NULL) among them. */
#define CLI_COMMAND(id) extern const cli_command cli_command_##id;
#include "commands.def"
extern const cli_command *const cli_commands[];
extern const size_t cli_command_count;

/* The most options one command may have, its own and the shared ones. */
#define CLI_MAX_OPTIONS 32

/* The state of one walk over a command's arguments. */
typedef struct cli_args {
    const cli_command *cmd; /* NULL: the options before the command */
    int argc;
    char **argv;
    const char *arg; /* the current option's argument, or the operand */
    int index;       /* argv index of the operand returned */
    int rest;        /* after "--" or the command: the next operand */
    int status;      /* the exit status when cli_next() returns CLI_STOP */
    struct option longopts[CLI_MAX_OPTIONS + 1];
    char shortopts[3 * CLI_MAX_OPTIONS + 3];
} cli_args;

/* Starts a walk over argv[1..argc) for cmd (NULL: the options before the
 * command, which stop at the first operand, the command). Operands come
 * back in order wherever they stand; "--" ends the options. */
void cli_args_init(cli_args *a, const cli_command *cmd, int argc, char **argv);

/* What cli_next() returns besides an option id. */
#define CLI_OPERAND 1 /* an operand, in a->arg */
#define CLI_END (-1)  /* no more arguments */
#define CLI_STOP                                                               \
    (-2) /* help or version printed, or a usage error
                       * reported: return a->status */

/* The next option of a->cmd (its argument in a->arg), CLI_OPERAND,
 * CLI_END or CLI_STOP. The shared options are handled here: --color sets
 * the colour and is skipped; --help and --version print and stop. After
 * CLI_STOP every call returns CLI_STOP again: return a->status then. */
int cli_next(cli_args *a);

/* What a command does with one of its options (id, its argument in arg)
 * or operands (id CLI_OPERAND, the operand in arg): CLI_OK to go on, else
 * the exit status to stop with. */
typedef int cli_take(void *ctx, int id, const char *arg);

/* The whole walk over cmd's arguments, argv[1..argc): each option and
 * operand in order to take(ctx, ...). CLI_END when every one was taken
 * and the command goes on; else the exit status to return at once:
 * take's, or the shared options' (--help, --version, a usage error). */
int cli_walk(const cli_command *cmd, int argc, char **argv, cli_take *take,
             void *ctx);

/* "dsn: <what>\nTry 'dsn --help' ..." on stderr; returns CLI_EUSAGE. */
int cli_usage_error(const char *fmt, ...)
#if defined(__GNUC__) || defined(__clang__)
    __attribute__((format(printf, 1, 2)))
#endif
    ;

/* Parses a whole decimal integer in [min, max]; 0 on success. */
int cli_parse_int(const char *s, long min, long max, long *out);

/* The help text: every command's (cmd NULL) or cmd's, and the shared
 * options; written from the tables to stdout. */
void cli_put_help(const cli_command *cmd);

/* The options every command takes, for the help printer. */
extern const cli_option cli_global_options[];
extern const size_t cli_global_option_count;

/* What `dsn reply --for TARGET` calls: writes r for one interface into
 * buf[0..size) with snprintf's contract and returns the full length, or
 * a negative DSN_E* error for a reply the interface cannot carry. */
typedef int cli_target_writer(const dsn_reply *r, unsigned flags, char *buf,
                              size_t size);

/* The options of `dsn reply` a target may not honour (targets.def). */
enum cli_for_option {
    CLI_FOR_NO_ENHANCED = 0x1, /* -n, --no-enhanced: DSN_FMT_NO_ENHANCED */
    CLI_FOR_SHOW_CRLF = 0x2,   /* --show-crlf */
    CLI_FOR_ASCII = 0x4        /* --ascii: DSN_FMT_ASCII */
};

/* One row of targets.def. */
typedef struct cli_target {
    const char *name; /* after --for */
    unsigned honours; /* CLI_FOR_* */
    const char *help;
    cli_target_writer *write;
} cli_target;

#define CLI_TARGET(id, name, honours, help) cli_target_writer cli_target_##id;
#include "targets.def"
extern const cli_target cli_targets[];
extern const size_t cli_target_count;

/* A copy of r with flags added to its own: how a writer hands the flags
 * to a libdsn function that takes them from the reply (dsn_policy_action,
 * the dsn/opensmtpd.h and dsn/exim.h writers). */
dsn_reply cli_reply_with_flags(const dsn_reply *r, unsigned flags);

/* What write gives for r in a buffer of its own size, length in *len;
 * NULL with *len the writer's negative error, or with *len >= 0 when out
 * of memory. Free it. */
char *cli_render(cli_target_writer *write, const dsn_reply *r, unsigned flags,
                 int *len);

/* Writes s[0..len) with every control byte (and '\\') as a C escape, so a
 * reply's text cannot drive the terminal. */
void cli_put_escaped(FILE *out, const char *s, size_t len);

/* Writes "  label" padded to the text column, then text word-wrapped at
 * 79 columns, continuation lines indented to the text column. */
void cli_put_field(FILE *out, const char *label, const char *text);

/* One cli_put_field() line per DSN_REPLY_* bit set in flags, "NAME: what
 * it means", label on the first; returns how many. */
size_t cli_put_reply_flags(FILE *out, const char *label, unsigned flags);

/* Writes text word-wrapped at 79 columns, starting at column col (what is
 * already on the line) and continuing lines at column indent; ends the
 * line. */
void cli_put_wrapped(FILE *out, const char *text, size_t col, size_t indent);

/* Writes s as a JSON string, quotes included (RFC 8259 section 7). */
void cli_put_json_string(FILE *out, const char *s);

/* The same for the bytes s[0..len): each byte that is not part of
 * well-formed UTF-8 is written as \ufffd (json.c says why). */
void cli_put_json_bytes(FILE *out, const char *s, size_t len);

/* --color=WHEN: "auto", "always" or "never"; CLI_OK, or CLI_EUSAGE
 * after a usage error. */
int cli_set_colour(const char *when);

/* Escape sequences that start bold text in the colour of reply class cls
 * (2 to 5), bold text, and plain text again; "" each when colour is off
 * (colour.c says when). */
const char *cli_sgr_class(int cls);
const char *cli_sgr_bold(void);
const char *cli_sgr_reset(void);

/* CLI_OK, or CLI_EIO after reporting a failed write of stdout. */
int cli_flush(void);

#endif /* DSN_CLI_H */
