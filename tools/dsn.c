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
 * This file reads the options before the command and runs the command;
 * tools/cli/commands.def lists the commands, one file each in tools/cli/.
 * man/dsn.1 is the manual; exit statuses are in cli/cli.h.
 */
#include <string.h>

#include "cli/cli.h"

/* The command named name, else the short form (the row without name). */
static const cli_command *command_named(const char *name)
{
    const cli_command *short_form = NULL;
    size_t i;
    for (i = 0; i < cli_command_count; i++) {
        if (cli_commands[i]->name == NULL)
            short_form = cli_commands[i];
        else if (strcmp(name, cli_commands[i]->name) == 0)
            return cli_commands[i];
    }
    return short_form;
}

int main(int argc, char **argv)
{
    cli_args a;
    int id;

    cli_args_init(&a, NULL, argc, argv);
    id = cli_next(&a);
    if (id == CLI_STOP)
        return a.status;
    if (id == CLI_END)
        return cli_usage_error("missing command or NAME");
    /* the command, or the NAME of the short form, and what follows it */
    return command_named(a.arg)->run(argc - a.index, argv + a.index);
}
