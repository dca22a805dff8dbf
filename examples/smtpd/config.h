/*
 * config.h - dsn-smtpd's settings and its command line.
 *
 * config_parse() fills a smtpd_config from argv:
 *
 *     dsn-smtpd [--listen ADDR] [--port N] [--users FILE] [--domain D]...
 *               [--maildir DIR] [--max-rcpts N] [--max-size BYTES]
 *               [--no-enhanced] [--hostname NAME] [--idle-timeout SECONDS]
 *
 * Each option also takes the --name=value form. It returns CONFIG_RUN,
 * CONFIG_HELP (usage printed on stdout: exit 0) or CONFIG_USAGE (error and
 * usage printed on stderr: exit 2). The strings point into argv.
 */
#ifndef SMTPD_CONFIG_H
#define SMTPD_CONFIG_H

#include <stddef.h>

#define SMTPD_MAX_DOMAINS 32

/* The numbers are all unsigned long long: config.c's one number setter
 * writes them, each checked against its own range. */
struct smtpd_config {
    const char *listen;
    unsigned long long port; /* 0..65535 */
    const char *users_file;  /* NULL: every local part is accepted */
    const char *domains[SMTPD_MAX_DOMAINS];
    size_t ndomains;
    const char *maildir;
    unsigned long long max_rcpts;
    unsigned long long max_size;
    int no_enhanced;
    const char *hostname;
    unsigned long long idle_timeout; /* seconds a client may stay silent */
};

enum config_result { CONFIG_RUN, CONFIG_HELP, CONFIG_USAGE };

enum config_result config_parse(struct smtpd_config *cfg, int argc,
                                char **argv);

#endif
