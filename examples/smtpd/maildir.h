/*
 * maildir.h - delivery into a maildir-like folder, nothing lost on accept.
 *
 * maildir_prepare(md, dir) creates dir, dir/tmp, dir/new and dir/cur when
 * missing; 0 or -1 with errno.
 *
 * A message is written to dir/tmp/NAME (maildir_open, maildir_write), then
 * maildir_commit fsyncs the file, renames it to dir/new/NAME and fsyncs
 * dir/new: only when that returned 0 may the server say 250. On any
 * failure, or with maildir_abort, the temporary file is removed and
 * nothing reaches new/. NAME is unique: time, microseconds, pid and a
 * counter, as maildir(5) asks.
 */
#ifndef SMTPD_MAILDIR_H
#define SMTPD_MAILDIR_H

#include <stddef.h>

#define MAILDIR_PATH_MAX 4096

struct maildir {
    const char *dir;
    unsigned long seq;
};

struct maildir_msg {
    int fd; /* -1 when no message is open */
    char name[128];
    char tmp[MAILDIR_PATH_MAX];
};

int maildir_prepare(struct maildir *md, const char *dir);
int maildir_open(struct maildir *md, struct maildir_msg *m);
int maildir_write(struct maildir_msg *m, const char *p, size_t n);
int maildir_commit(struct maildir *md, struct maildir_msg *m);
void maildir_abort(struct maildir_msg *m);

#endif
