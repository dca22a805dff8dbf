/*
 * session.c - the SMTP state machine (RFC 5321) of one client.
 *
 * Each situation maps to one libdsn call; README.md lists them. The
 * greeting, the HELO/EHLO replies and 354 are built with dsn_basic(): RFC
 * 2034 keeps enhanced codes out of them.
 */
#include "session.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "address.h"
#include "command.h"
#include "texts.h"
#include "verdict.h"

#define T(name) smtpd_texts[TEXT_##name]

static void reset_transaction(struct session *s)
{
    maildir_abort(&s->msg);
    s->nrcpts = 0;
    if (s->state != STATE_CONNECTED)
        s->state = STATE_GREETED;
}

void session_start(struct session *s, struct smtpd *srv)
{
    char text[300];
    memset(s, 0, sizeof *s);
    s->srv = srv;
    s->msg.fd = -1;
    s->state = STATE_CONNECTED;
    (void)snprintf(text, sizeof text, "%s ESMTP dsn-smtpd", srv->cfg->hostname);
    session_reply(s, dsn_basic(220, text));
}

void session_end(struct session *s)
{
    maildir_abort(&s->msg);
    free(s->out);
    s->out = NULL;
    s->outpos = s->outlen = s->outcap = 0;
}

static dsn_reply bad_sequence(void)
{
    return dsn_proto_invalid_command(T(bad_sequence), 503);
}

static dsn_reply bad_syntax(void)
{
    return dsn_proto_invalid_cmd_args(NULL, 501);
}

static void do_hello(struct session *s, const struct smtp_command *c)
{
    char text[512];
    const struct smtpd_config *cfg = s->srv->cfg;
    if (*c->arg == '\0') {
        session_reply(s, bad_syntax());
        return;
    }
    s->state = STATE_GREETED;
    reset_transaction(s);
    if (c->verb == VERB_HELO) {
        session_reply(s, dsn_basic(250, cfg->hostname));
        return;
    }
    /* one EHLO keyword per line: dsn_basic makes a '\n' a reply line */
    (void)snprintf(text, sizeof text, "%s%s\nPIPELINING\nSIZE %llu\n8BITMIME",
                   cfg->hostname,
                   cfg->no_enhanced ? "" : "\nENHANCEDSTATUSCODES",
                   cfg->max_size);
    session_reply(s, dsn_basic(250, text));
}

/* SIZE=digits (RFC 1870) and BODY=7BIT|8BITMIME (RFC 6152); anything else
 * is a parameter this server does not know. */
static int check_mail_params(struct session *s, const char *params)
{
    const char *key, *value;
    size_t klen, vlen, i;
    while (param_next(&params, &key, &klen, &value, &vlen)) {
        if (klen == 4 && strncasecmp(key, "SIZE", 4) == 0) {
            unsigned long long size = 0;
            if (vlen == 0 || vlen > 20) {
                session_reply(s, bad_syntax());
                return -1;
            }
            for (i = 0; i < vlen; i++) {
                if (value[i] < '0' || value[i] > '9') {
                    session_reply(s, bad_syntax());
                    return -1;
                }
                /* saturate: 20 digits may not fit, and any such size
                 * is over every limit anyway */
                if (size <= s->srv->cfg->max_size)
                    size = size * 10 + (unsigned)(value[i] - '0');
            }
            if (size > s->srv->cfg->max_size) {
                session_reply(s, dsn_sys_msg_too_big(NULL, 552));
                return -1;
            }
        } else if (klen == 4 && strncasecmp(key, "BODY", 4) == 0 &&
                   ((vlen == 4 && strncasecmp(value, "7BIT", 4) == 0) ||
                    (vlen == 8 && strncasecmp(value, "8BITMIME", 8) == 0))) {
            continue;
        } else {
            session_reply(s, dsn_proto_invalid_cmd_args(NULL, 555));
            return -1;
        }
    }
    return 0;
}

/* The common start of MAIL and RCPT: sequence, "FROM:"/"TO:", the path.
 * Returns PATH_OK or PATH_BAD_ADDR with p filled, or -1 once a reply went
 * out. */
static int path_argument(struct session *s, const struct smtp_command *c,
                         int in_sequence, const char *keyword,
                         struct smtp_path *p)
{
    enum path_result pr;
    if (!in_sequence) {
        session_reply(s, bad_sequence());
        return -1;
    }
    if (!starts_with_nocase(c->arg, keyword)) {
        session_reply(s, bad_syntax());
        return -1;
    }
    pr = path_parse(c->arg + strlen(keyword), p);
    if (pr == PATH_SYNTAX) {
        session_reply(s, bad_syntax());
        return -1;
    }
    return (int)pr;
}

static void do_mail(struct session *s, const struct smtp_command *c)
{
    struct smtp_path p;
    int pr = path_argument(s, c, s->state == STATE_GREETED, "FROM:", &p);
    if (pr < 0)
        return;
    if (pr == PATH_BAD_ADDR || (p.domain_len == 0 && !p.null)) {
        session_reply(s, dsn_addr_bad_from_syntax(NULL, 501));
        return;
    }
    if (check_mail_params(s, p.params) != 0)
        return;
    s->state = STATE_MAIL;
    s->nrcpts = 0;
    session_reply(s, dsn_addr_unspecified(T(sender_ok), 250));
}

static int local_domain(const struct smtpd_config *cfg, const char *d, size_t n)
{
    size_t i;
    for (i = 0; i < cfg->ndomains; i++)
        if (strlen(cfg->domains[i]) == n &&
            strncasecmp(cfg->domains[i], d, n) == 0)
            return 1;
    return 0;
}

static void do_rcpt(struct session *s, const struct smtp_command *c)
{
    struct smtp_path p;
    dsn_reply refused;
    int pr = path_argument(
        s, c, s->state == STATE_MAIL || s->state == STATE_RCPT, "TO:", &p);
    if (pr < 0)
        return;
    if (pr == PATH_BAD_ADDR || p.null) {
        session_reply(s, dsn_addr_bad_dest_syntax(NULL, 501));
        return;
    }
    if (*p.params != '\0') { /* no RCPT parameter is supported */
        session_reply(s, dsn_proto_invalid_cmd_args(NULL, 555));
        return;
    }
    /* RFC 5321 4.5.3.1.10: 452 for recipients past the limit, so the
     * client sends them again in another transaction */
    if (s->nrcpts >= s->srv->cfg->max_rcpts) {
        session_reply(s, dsn_proto_too_many_rcpts(NULL, 452));
        return;
    }
    if (p.domain_len != 0 &&
        !local_domain(s->srv->cfg, p.domain, p.domain_len)) {
        session_reply(s, dsn_relaying_denied(NULL, 0));
        return;
    }
    if (s->srv->users != NULL &&
        user_verdict(s->srv->users, p.local, p.local_len, &refused)) {
        session_reply(s, refused);
        return;
    }
    s->nrcpts++;
    s->state = STATE_RCPT;
    session_reply(s, dsn_addr_rcpt_ok(NULL, 0));
}

static void do_data(struct session *s, const struct smtp_command *c)
{
    if (*c->arg != '\0') {
        session_reply(s, bad_syntax());
        return;
    }
    if (s->state != STATE_RCPT) {
        session_reply(s, bad_sequence());
        return;
    }
    if (maildir_open(&s->srv->md, &s->msg) != 0) {
        perror("dsn-smtpd: maildir");
        session_reply(s, dsn_sys_unspecified(T(local_error), 451));
        reset_transaction(s);
        return;
    }
    s->data_size = 0;
    s->data_too_big = s->data_failed = 0;
    s->at_line_start = s->prev_crlf = 1;
    s->last_cr = 0;
    s->state = STATE_DATA;
    session_reply(s, dsn_basic(354, T(data_go)));
}

static void do_rset(struct session *s, const struct smtp_command *c)
{
    if (*c->arg != '\0') {
        session_reply(s, bad_syntax());
        return;
    }
    reset_transaction(s);
    session_reply(s, dsn_unspecified(T(ok), 250));
}

static void do_noop(struct session *s, const struct smtp_command *c)
{
    (void)c;
    session_reply(s, dsn_unspecified(T(ok), 250));
}

static void do_vrfy(struct session *s, const struct smtp_command *c)
{
    if (*c->arg == '\0')
        session_reply(s, bad_syntax());
    else
        session_reply(s, dsn_unspecified(T(vrfy), 252));
}

static void do_quit(struct session *s, const struct smtp_command *c)
{
    (void)c;
    session_close_with(s, dsn_unspecified(T(bye), 221));
}

static void do_unknown(struct session *s, const struct smtp_command *c)
{
    (void)c;
    session_reply(s, dsn_proto_invalid_command(NULL, 500));
}

/* What each verb does, as Postfix's smtpd keeps its command table. */
static void (*const verb_handlers[])(struct session *,
                                     const struct smtp_command *) = {
    [VERB_UNKNOWN] = do_unknown, [VERB_HELO] = do_hello, [VERB_EHLO] = do_hello,
    [VERB_MAIL] = do_mail,       [VERB_RCPT] = do_rcpt,  [VERB_DATA] = do_data,
    [VERB_RSET] = do_rset,       [VERB_NOOP] = do_noop,  [VERB_VRFY] = do_vrfy,
    [VERB_QUIT] = do_quit,
};

static void handle_command(struct session *s, const char *line)
{
    struct smtp_command c;
    command_parse(line, &c);
    verb_handlers[c.verb](s, &c);
}

static void end_of_data(struct session *s)
{
    if (s->data_too_big) {
        maildir_abort(&s->msg);
        session_reply(s, dsn_sys_msg_too_big(NULL, 552));
    } else if (s->data_failed) { /* said why when it happened */
        maildir_abort(&s->msg);
        session_reply(s, dsn_sys_unspecified(T(local_error), 451));
    } else if (maildir_commit(&s->srv->md, &s->msg) != 0) {
        perror("dsn-smtpd: delivery");
        session_reply(s, dsn_sys_unspecified(T(local_error), 451));
    } else {
        /* only now is the message in new/, synced */
        session_reply(s, dsn_unspecified(T(accepted), 250));
    }
    s->state = STATE_GREETED;
    s->nrcpts = 0;
}

/* One line of the message (complete: it ends in LF) or, for lines longer
 * than the input buffer, a piece of one. */
static void data_chunk(struct session *s, const char *p, size_t n, int complete)
{
    int crlf = complete && (n >= 2 ? p[n - 2] == '\r' : s->last_cr);
    /* RFC 5321 4.1.1.4: only CRLF "." CRLF ends the data; a bare LF
     * around the dot does not (SMTP smuggling) */
    if (complete && s->at_line_start && s->prev_crlf && n == 3 &&
        memcmp(p, ".\r\n", 3) == 0) {
        end_of_data(s);
        return;
    }
    if (s->at_line_start && n > 0 && p[0] == '.') { /* 4.5.2 */
        p++;
        n--;
    }
    s->at_line_start = complete;
    if (complete) {
        s->prev_crlf = crlf;
        s->last_cr = 0;
    } else {
        s->last_cr = n > 0 && p[n - 1] == '\r';
    }
    if (s->data_too_big || s->data_failed)
        return;
    s->data_size += n;
    if (s->data_size > s->srv->cfg->max_size) {
        /* read to the end, then refuse: nothing more is written */
        s->data_too_big = 1;
        maildir_abort(&s->msg);
        return;
    }
    if (maildir_write(&s->msg, p, n) != 0) {
        perror("dsn-smtpd: writing the message");
        s->data_failed = 1;
    }
}

static void consume(struct session *s, size_t n)
{
    memmove(s->in, s->in + n, s->inlen - n);
    s->inlen -= n;
}

void session_process(struct session *s)
{
    while (!s->closing && !s->failed &&
           s->outlen - s->outpos < SESSION_OUT_HIGH && s->inlen > 0) {
        char *lf = memchr(s->in, '\n', s->inlen);
        size_t n = lf ? (size_t)(lf - s->in) + 1 : 0;
        if (s->state == STATE_DATA) {
            if (lf != NULL) {
                data_chunk(s, s->in, n, 1);
                consume(s, n);
            } else if (s->inlen == sizeof s->in) {
                data_chunk(s, s->in, s->inlen, 0);
                s->inlen = 0;
            } else {
                break;
            }
            continue;
        }
        if (lf == NULL) {
            if (s->inlen < SESSION_COMMAND_MAX)
                break;
            /* over the limit with no end in sight: drop it as it comes,
             * answer once its end arrives */
            s->discarding = 1;
            s->inlen = 0;
            break;
        }
        if (s->discarding || n > SESSION_COMMAND_MAX) {
            s->discarding = 0;
            session_reply(s, dsn_proto_syntax_error(T(line_too_long), 500));
        } else if (memchr(s->in, '\0', n) != NULL) {
            session_reply(s, dsn_proto_syntax_error(NULL, 500));
        } else {
            /* strip CRLF (a bare LF is tolerated in commands) */
            size_t len = n - 1;
            if (len > 0 && s->in[len - 1] == '\r')
                len--;
            s->in[len] = '\0';
            handle_command(s, s->in);
        }
        consume(s, n);
    }
}
