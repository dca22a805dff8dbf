/*
 * commands.c - the table of subcommands, expanded from commands.def.
 */
#include "cli.h"

const cli_command *const cli_commands[] = {
#define CLI_COMMAND(id) &cli_command_##id,
#include "commands.def"
};

const size_t cli_command_count = CLI_COUNT(cli_commands);
