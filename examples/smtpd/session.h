/*
 * session.h - one SMTP client: its state machine and its buffers.
 *
 * The server (server.c) owns the socket. It appends what it reads to
 * in[0..inlen), calls session_process(), and writes out[outpos..outlen)
 * when the socket is writable. session_process() handles every complete
 * line it finds, in order, so pipelined commands (RFC 2920) get their
 * replies in order, and leaves a partial line in `in` for the next read.
 * It stops early while unsent output is over SESSION_OUT_HIGH, so a client
 * that sends without reading cannot grow the output without bound.
 *
 * Every status reply goes through session_reply() (reply.c), which
 * formats a libdsn reply with dsn_format_ex() and the server's flags.
 */
#ifndef SMTPD_SESSION_H
#define SMTPD_SESSION_H

#include <stddef.h>

#include "config.h"
#include "dsn.h"
#include "maildir.h"
#include "users.h"

/* RFC 5321 4.5.3.1.4: a command line is at most 512 octets with CRLF. */
#define SESSION_COMMAND_MAX 512
#define SESSION_IN_SIZE 8192
#define SESSION_OUT_HIGH 65536

/* What every session shares. */
struct smtpd {
    const struct smtpd_config *cfg;
    const struct users *users; /* NULL: every local part is accepted */
    struct maildir md;
};

enum session_state {
    STATE_CONNECTED, /* before HELO/EHLO */
    STATE_GREETED,   /* no transaction */
    STATE_MAIL,      /* after MAIL, no recipient yet */
    STATE_RCPT,      /* at least one recipient accepted */
    STATE_DATA       /* reading the message */
};

struct session {
    struct smtpd *srv;
    enum session_state state;
    char in[SESSION_IN_SIZE];
    size_t inlen;
    int discarding; /* inside a command line over SESSION_COMMAND_MAX */
    unsigned long nrcpts;

    struct maildir_msg msg;
    unsigned long long data_size; /* after dot-unstuffing */
    int data_too_big, data_failed;
    int at_line_start; /* the next data byte starts a line */
    int prev_crlf;     /* the previous data line ended in CRLF */
    int last_cr;       /* the previous partial chunk ended in CR */

    char *out;
    size_t outpos, outlen, outcap;
    int closing; /* QUIT or 421 sent: read nothing more, close once sent */
    int failed;  /* out of memory: close at once */
};

void session_start(struct session *s, struct smtpd *srv);
void session_process(struct session *s);
void session_end(struct session *s);

/* reply.c */
void session_reply(struct session *s, dsn_reply r);
/* Sends the 421 of r and marks the session closing. */
void session_close_with(struct session *s, dsn_reply r);

#endif
