/*
 * help.c - `dsn --help` and `dsn COMMAND --help`, written from the command
 * and option tables, so that the help names exactly the options the
 * program takes.
 */
#include <stdio.h>
#include <string.h>

#include "cli.h"

/* The columns of the help: command names, their texts and options, and
 * the options' texts. */
#define NAME_COLUMN 2
#define TEXT_COLUMN 11
#define OPTION_TEXT_COLUMN 31

static const char exit_status[] =
    "Exit status: 0 success; 1 write error; 2 usage error, unknown name or "
    "invalid code (parse and report add their own: dsn parse --help, dsn "
    "report --help).";

static void put_usage(const cli_command *cmd, const char *lead)
{
    printf("%sdsn %s%s%s%s\n", lead, cmd->name != NULL ? cmd->name : "",
           cmd->name != NULL ? " [OPTION]..." : "",
           cmd->name != NULL && *cmd->operands != '\0' ? " " : "",
           cmd->operands);
}

static void put_option(const cli_option *o)
{
    int col = printf("%*s%s%c%s--%s%s%s", TEXT_COLUMN, "",
                     o->id < CLI_LONG_ONLY ? "-" : " ",
                     o->id < CLI_LONG_ONLY ? o->id : ' ',
                     o->id < CLI_LONG_ONLY ? ", " : "  ", o->name,
                     o->arg != NULL ? "=" : "", o->arg != NULL ? o->arg : "");
    if (col < 0)
        return; /* cli_flush() reports it */
    if (col + 2 > OPTION_TEXT_COLUMN) {
        putchar('\n');
        col = 0;
    }
    cli_put_wrapped(stdout, o->help, (size_t)col, OPTION_TEXT_COLUMN);
}

static void put_command(const cli_command *cmd)
{
    size_t i;
    printf("%*s%-*s", NAME_COLUMN, "", TEXT_COLUMN - NAME_COLUMN,
           cmd->name != NULL ? cmd->name : "NAME");
    cli_put_wrapped(stdout, cmd->summary, TEXT_COLUMN, TEXT_COLUMN);
    for (i = 0; i < cmd->option_count; i++)
        put_option(&cmd->options[i]);
}

void cli_put_help(const cli_command *cmd)
{
    size_t i;
    if (cmd != NULL) {
        put_usage(cmd, "usage: ");
    } else {
        for (i = 0; i < cli_command_count; i++)
            put_usage(cli_commands[i], i == 0 ? "usage: " : "       ");
        puts("       dsn --help | --version");
    }
    putchar('\n');
    for (i = 0; i < cli_command_count; i++)
        if (cmd == NULL || cmd == cli_commands[i])
            put_command(cli_commands[i]);
    puts("\nOptions of every command (also before it):");
    for (i = 0; i < cli_global_option_count; i++)
        put_option(&cli_global_options[i]);
    putchar('\n');
    cli_put_wrapped(stdout, exit_status, 0, 0);
}
