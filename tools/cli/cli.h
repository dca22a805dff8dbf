/*
 * cli.h - what the parts of the dsn program share: exit statuses, the
 * option parser, output helpers, and one entry point per subcommand.
 *
 * Each subcommand takes the arguments that follow its name (argv[0] is the
 * subcommand's name) and returns the program's exit status.
 */
#ifndef DSN_CLI_H
#define DSN_CLI_H

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

/* One option a subcommand accepts: -x, --long, or both. */
typedef struct cli_option {
    char short_name;       /* '\0': long form only */
    const char *long_name; /* NULL: short form only */
    int takes_arg;
} cli_option;

/* Walks argv[1..argc) the way getopt_long(3) does with permutation, but
 * portably: "-mMSG", "-m MSG", "--message=MSG", "--message MSG",
 * clustered "-nc 451", and "--" ending the options. Operands are gathered
 * in order wherever they stand. */
typedef struct cli_args {
    int argc;
    char **argv;
    int next;            /* the next argv index to look at */
    const char *cluster; /* rest of a "-abc" group, or NULL */
    int only_operands;   /* after "--" */
    const char *arg;     /* the current option's argument */
} cli_args;

void cli_args_init(cli_args *a, int argc, char **argv);

/* The next option's index in opts (its argument in a->arg), -1 at the
 * end, CLI_NEXT_OPERAND when operand (a->arg) comes first, or
 * CLI_BAD_OPTION after printing a usage error. */
#define CLI_NEXT_OPERAND (-2)
#define CLI_BAD_OPTION (-3)
int cli_next(cli_args *a, const cli_option *opts, size_t count);

/* "dsn: <what>\nTry 'dsn --help' ..." on stderr; returns CLI_EUSAGE. */
int cli_usage_error(const char *fmt, ...)
#if defined(__GNUC__) || defined(__clang__)
    __attribute__((format(printf, 1, 2)))
#endif
    ;

/* Parses a whole decimal integer in [min, max]; 0 on success. */
int cli_parse_int(const char *s, long min, long max, long *out);

/* The formatted reply in a buffer of its own size (NULL: out of memory
 * or a reply that formats to nothing), length in *len. Free it. */
char *cli_format(const dsn_reply *r, unsigned flags, size_t *len);

/* Writes s[0..len) with every control byte (and '\\') as a C escape, so a
 * reply's text cannot drive the terminal. */
void cli_put_escaped(FILE *out, const char *s, size_t len);

/* Writes "  label" padded to the text column, then text word-wrapped at
 * 79 columns, continuation lines indented to the text column. */
void cli_put_field(FILE *out, const char *label, const char *text);

/* Writes s as a JSON string, quotes included (RFC 8259 section 7). */
void cli_put_json_string(FILE *out, const char *s);

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

/* Prints the help text to stdout: what -h and --help do everywhere. */
int cli_help(void);

/* The help text, and the subcommands. */
extern const char cli_help_text[];
int cli_reply(int argc, char **argv);
int cli_short_form(int argc, char **argv);
int cli_explain(int argc, char **argv);
int cli_parse(int argc, char **argv);
int cli_list(int argc, char **argv);

#endif /* DSN_CLI_H */
