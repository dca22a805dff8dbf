/*
 * command.h - splitting an SMTP command line into verb and argument.
 *
 * command_parse(line, &c) takes one command line without its CRLF and
 * NUL-terminated. The verb is matched case-insensitively (RFC 5321 2.4);
 * c.arg is what follows the verb and one space, or "" when nothing does.
 * "MAIL FROM:" and "RCPT TO:" keep their "FROM:"/"TO:" in arg: checking
 * it is session.c's job, since it is a syntax error, not an unknown verb.
 */
#ifndef SMTPD_COMMAND_H
#define SMTPD_COMMAND_H

enum smtp_verb {
    VERB_UNKNOWN,
    VERB_HELO,
    VERB_EHLO,
    VERB_MAIL,
    VERB_RCPT,
    VERB_DATA,
    VERB_RSET,
    VERB_NOOP,
    VERB_VRFY,
    VERB_QUIT
};

struct smtp_command {
    enum smtp_verb verb;
    const char *arg;
};

void command_parse(const char *line, struct smtp_command *c);

/* 1 when s starts with prefix, ignoring ASCII case. */
int starts_with_nocase(const char *s, const char *prefix);

#endif
