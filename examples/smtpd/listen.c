/* listen.c - the listening socket of the example servers (see listen.h). */
#include "listen.h"

#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

int fd_nonblocking(int fd)
{
    int flags = fcntl(fd, F_GETFL);
    return flags < 0 ? -1 : fcntl(fd, F_SETFL, flags | O_NONBLOCK);
}

int server_listen(const char *prog, const char *addr, unsigned port,
                  char *shown, size_t size)
{
    struct addrinfo hints, *ai;
    struct sockaddr_storage ss;
    socklen_t sslen = sizeof ss;
    /* NI_MAXHOST is not POSIX; a numeric host fits in INET6_ADDRSTRLEN */
    char portstr[16], host[64], serv[16];
    int fd, one = 1, rc;

    memset(&hints, 0, sizeof hints);
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    hints.ai_flags = AI_NUMERICHOST | AI_NUMERICSERV | AI_PASSIVE;
    (void)snprintf(portstr, sizeof portstr, "%u", port);
    rc = getaddrinfo(addr, portstr, &hints, &ai);
    if (rc != 0) {
        (void)fprintf(stderr, "%s: --listen %s: %s\n", prog, addr,
                      gai_strerror(rc));
        return -1;
    }
    fd = socket(ai->ai_family, ai->ai_socktype, ai->ai_protocol);
    if (fd < 0 ||
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one) != 0 ||
        bind(fd, ai->ai_addr, ai->ai_addrlen) != 0 || listen(fd, 64) != 0 ||
        fd_nonblocking(fd) != 0 ||
        getsockname(fd, (struct sockaddr *)&ss, &sslen) != 0 ||
        getnameinfo((struct sockaddr *)&ss, sslen, host, sizeof host, serv,
                    sizeof serv, NI_NUMERICHOST | NI_NUMERICSERV) != 0) {
        (void)fprintf(stderr, "%s: %s port %u: %s\n", prog, addr, port,
                      strerror(errno));
        if (fd >= 0)
            close(fd);
        freeaddrinfo(ai);
        return -1;
    }
    freeaddrinfo(ai);
    (void)snprintf(shown, size, ss.ss_family == AF_INET6 ? "[%s]:%s" : "%s:%s",
                   host, serv);
    return fd;
}
