/* maildir.c - tmp/, fsync, rename into new/ (see maildir.h). */
#include "maildir.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <unistd.h>

static int make_dir(const char *path)
{
    if (mkdir(path, 0700) == 0 || errno == EEXIST)
        return 0;
    return -1;
}

static int sub_path(char *buf, size_t size, const char *dir, const char *sub,
                    const char *name)
{
    int n = snprintf(buf, size, "%s/%s%s%s", dir, sub, *name ? "/" : "", name);
    if (n < 0 || (size_t)n >= size) {
        errno = ENAMETOOLONG;
        return -1;
    }
    return 0;
}

int maildir_prepare(struct maildir *md, const char *dir)
{
    static const char *const subs[] = {"tmp", "new", "cur"};
    char path[MAILDIR_PATH_MAX];
    size_t i;
    md->dir = dir;
    md->seq = 0;
    if (make_dir(dir) != 0)
        return -1;
    for (i = 0; i < sizeof subs / sizeof subs[0]; i++)
        if (sub_path(path, sizeof path, dir, subs[i], "") != 0 ||
            make_dir(path) != 0)
            return -1;
    return 0;
}

int maildir_open(struct maildir *md, struct maildir_msg *m)
{
    struct timeval tv;
    int n;
    m->fd = -1;
    gettimeofday(&tv, NULL);
    n = snprintf(m->name, sizeof m->name, "%lld.M%ldP%ldQ%lu.dsn-smtpd",
                 (long long)tv.tv_sec, (long)tv.tv_usec, (long)getpid(),
                 ++md->seq);
    if (n < 0 || (size_t)n >= sizeof m->name) {
        errno = ENAMETOOLONG;
        return -1;
    }
    if (sub_path(m->tmp, sizeof m->tmp, md->dir, "tmp", m->name) != 0)
        return -1;
    m->fd = open(m->tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    return m->fd < 0 ? -1 : 0;
}

int maildir_write(struct maildir_msg *m, const char *p, size_t n)
{
    while (n > 0) {
        ssize_t w = write(m->fd, p, n);
        if (w < 0) {
            if (errno == EINTR)
                continue;
            return -1;
        }
        p += w;
        n -= (size_t)w;
    }
    return 0;
}

static int sync_dir(const char *path)
{
    int rc, fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0)
        return -1;
    rc = fsync(fd);
    close(fd);
    return rc;
}

int maildir_commit(struct maildir *md, struct maildir_msg *m)
{
    char dest[MAILDIR_PATH_MAX], newdir[MAILDIR_PATH_MAX];
    int fd = m->fd;
    m->fd = -1;
    if (fsync(fd) != 0) {
        close(fd);
        unlink(m->tmp);
        return -1;
    }
    if (close(fd) != 0 ||
        sub_path(dest, sizeof dest, md->dir, "new", m->name) != 0 ||
        sub_path(newdir, sizeof newdir, md->dir, "new", "") != 0 ||
        rename(m->tmp, dest) != 0) {
        unlink(m->tmp);
        return -1;
    }
    /* The rename is durable only once the directory is synced; if that
     * fails the message may or may not survive a crash, so it is not
     * accepted: the client retries, a duplicate is better than a loss. */
    if (sync_dir(newdir) != 0) {
        unlink(dest);
        return -1;
    }
    return 0;
}

void maildir_abort(struct maildir_msg *m)
{
    if (m->fd >= 0) {
        close(m->fd);
        unlink(m->tmp);
    }
    m->fd = -1;
}
