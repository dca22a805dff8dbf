/*
 * dsn - libdsn's replies, enhanced status codes and reply parser from the
 * shell, for mail administrators reading logs and for scripts.
 *
 *     dsn no_such_user                 550 5.1.1 No such user (CRLF)
 *     dsn reply mbox_full -c 452 --show-crlf
 *     dsn explain 550 5.1.1
 *     dsn parse < replies.txt
 *     dsn list --json --subject 7
 *
 * This file picks the subcommand; tools/cli/ holds one file per
 * subcommand. man/dsn.1 is the manual; exit statuses are in cli/cli.h.
 */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"

const char cli_help_text[] =
    "usage: dsn reply NAME [-m MSG] [-c CODE] [-n|--no-enhanced] "
    "[--show-crlf]\n"
    "       dsn NAME [MSG [CODE]]\n"
    "       dsn explain [--color=WHEN] STATUS | CODE STATUS | REPLY-LINE\n"
    "       dsn parse [--strict] [--color=WHEN] < replies\n"
    "       dsn list [--json] [--subject N] [--registry]\n"
    "       dsn --help | --version\n"
    "\n"
    "  reply    print the SMTP reply of libdsn's function dsn_NAME as it goes\n"
    "           on the wire (CRLF line ends; --show-crlf shows them as "
    "\\r\\n).\n"
    "           -m, --message MSG   text instead of the default; a newline in\n"
    "                               MSG starts another reply line\n"
    "           -c, --code CODE     basic reply code instead of the default\n"
    "           -n, --no-enhanced   leave the enhanced status code out\n"
    "  NAME     the short form of reply: an invalid CODE means the default\n"
    "  explain  what an enhanced status code means: its class, subject, IANA\n"
    "           registry entry, what it means for the sender, and the libdsn\n"
    "           functions that send it\n"
    "  parse    read SMTP replies from stdin (CRLF or LF line ends, blank\n"
    "           lines between them) and print each one's fields;\n"
    "           --strict rejects what the lenient default forgives\n"
    "  list     every libdsn function (name, code, status, text), or with\n"
    "           --registry every code of the IANA registry; --subject N keeps\n"
    "           subject N only; --json prints a JSON array\n"
    "\n"
    "--color=WHEN (also before the command) colours what explain and parse\n"
    "print: auto, the default, on a terminal unless NO_COLOR is set or TERM\n"
    "is dumb; always; never. reply and list never colour: they print data.\n"
    "\n"
    "Exit status: 0 success; 1 write error; 2 usage error, unknown name or\n"
    "invalid code; parse: 65 input that is no reply, else 69 a permanent\n"
    "failure (5yz), else 75 a transient one (4yz), else 0.\n";

int cli_help(void)
{
    fputs(cli_help_text, stdout);
    return cli_flush();
}

typedef struct command {
    const char *name;
    int (*run)(int argc, char **argv);
} command;

int main(int argc, char **argv)
{
    static const command commands[] = {
        {"reply", cli_reply},
        {"explain", cli_explain},
        {"parse", cli_parse},
        {"list", cli_list},
    };
    /* the options that may stand before the command */
    static const cli_option opts[] = {
        {'h', "help", 0}, {'V', "version", 0}, {'\0', "color", 1}};
    cli_args a;
    size_t i;
    int opt, first;

    cli_args_init(&a, argc, argv);
    while ((opt = cli_next(&a, opts, 3)) != CLI_NEXT_OPERAND) {
        if (opt == -1)
            return cli_usage_error("missing command or NAME");
        if (opt == CLI_BAD_OPTION)
            return CLI_EUSAGE;
        if (opt == 0)
            return cli_help();
        if (opt == 1) {
            printf("dsn (libdsn) %s\n", dsn_version());
            return cli_flush();
        }
        if (cli_set_colour(a.arg) != CLI_OK)
            return CLI_EUSAGE;
    }
    first = a.next - 1; /* the command, or the NAME of the short form */
    for (i = 0; i < sizeof commands / sizeof commands[0]; i++)
        if (strcmp(argv[first], commands[i].name) == 0)
            return commands[i].run(argc - first, argv + first);
    return cli_short_form(argc - first, argv + first);
}
