#!/usr/bin/env python3
"""Compiles every ```c block of README.md against the real headers and
library, links it and runs it, so the tour can neither drift from the API
nor show code that misbehaves when copied. Each block becomes the body of
a function (its #include lines stay at the top); the names a block uses
without defining them (the received reply `in`, the client's socket, the
logger) are defined here, and every block runs once for each reply of
REPLIES: one that parses, one cut short, one whose lines disagree, one
far over a line. Built with ASan and UBSan (-fno-sanitize-recover) when
the compiler has them, so that a read past a buffer or an overflow fails.

Usage: compile_examples.py CC --cflags=FLAGS SOURCE-DIR LIBRARY INCLUDE-DIR...
(FLAGS: those the library was built with, so that a coverage or sanitizer
build links; may be empty). Exit 0, or 1 with the compiler's or
the program's messages.
"""
import os
import re
import shlex
import subprocess
import sys
import tempfile

PROLOGUE = """#include <stddef.h>
#include <unistd.h>
const char *in;
size_t in_len;
int client_fd;
void log_error(const char *fmt, ...);
void log_error(const char *fmt, ...) { (void)fmt; }
void requeue(void);
void requeue(void) {}
"""

# The replies `in` holds, in turn, while every block runs.
REPLIES = [
    r'"550 5.1.1 No such user\r\n"',
    r'"550-5.1.1 first line\r\n550 5.1.1 second"',
    r'"550-first\r\n551 second\r\n"',
    '"421 4.3.2 " LONG "\\r\\n"',
]

EPILOGUE = """#include <fcntl.h>
#include <string.h>
#define LONG10 "0123456789"
#define LONG100 LONG10 LONG10 LONG10 LONG10 LONG10 LONG10 LONG10 LONG10 LONG10 LONG10
#define LONG LONG100 LONG100 LONG100 LONG100 LONG100 LONG100 LONG100
int main(void)
{
    static const char *const replies[] = {%s};
    size_t i;
    client_fd = open("/dev/null", O_WRONLY);
    for (i = 0; i < sizeof replies / sizeof replies[0]; i++) {
        in = replies[i];
        in_len = strlen(in);
%s
    }
    return 0;
}
"""

SANITIZE = ["-fsanitize=address,undefined", "-fno-sanitize-recover=all"]


def compile_and_run(cc, flags, path, lib, tmp):
    exe = os.path.join(tmp, "readme")
    # a shared build's libdsn.so is found where it was built
    rpath = [f"-Wl,-rpath,{os.path.dirname(os.path.abspath(lib))}"]
    p = subprocess.run([cc, *flags, path, lib, *rpath, "-o", exe],
                       capture_output=True, text=True)
    if p.returncode != 0:
        return p.stdout + p.stderr, "do not compile"
    p = subprocess.run([exe], capture_output=True, text=True, timeout=60)
    if p.returncode != 0:
        return p.stdout + p.stderr, f"fail when run (exit {p.returncode})"
    return None, None


def sanitizers_work(cc, tmp):
    probe = os.path.join(tmp, "probe.c")
    with open(probe, "w", encoding="utf-8") as f:
        f.write("int main(void) { return 0; }\n")
    return subprocess.run([cc, *SANITIZE, probe, "-o", probe + ".out"],
                          capture_output=True).returncode == 0


def main():
    if len(sys.argv) < 6:
        sys.exit(__doc__)
    cc, cflags, src, lib = sys.argv[1:5]
    if not cflags.startswith("--cflags="):
        sys.exit(__doc__)
    cflags = cflags[len("--cflags="):]
    includes = sys.argv[5:]
    with open(f"{src}/README.md", encoding="utf-8") as f:
        blocks = re.findall(r"^```c\n(.*?)^```$", f.read(), re.M | re.S)
    if not blocks:
        print("README.md: no ```c block")
        return 1
    code = [PROLOGUE]
    for i, block in enumerate(blocks):
        lines = block.splitlines()
        code += [l for l in lines if l.startswith("#include")]
        code += [f"void readme_block_{i}(void);", f"void readme_block_{i}(void)", "{"]
        code += [l for l in lines if not l.startswith("#include")] + ["}"]
    calls = "\n".join(f"        readme_block_{i}();" for i in range(len(blocks)))
    code.append(EPILOGUE % (", ".join(REPLIES), calls))
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "readme.c")
        with open(path, "w", encoding="utf-8") as f:
            f.write("\n".join(code) + "\n")
        flags = [*shlex.split(cflags), "-std=c99", "-D_POSIX_C_SOURCE=200809L", "-Wall", "-Wextra",
                 "-Werror", "-Wno-unused-variable", "-Wno-unused-result",
                 "-g", *[f"-I{d}" for d in includes]]
        sanitized = sanitizers_work(cc, tmp)
        if sanitized:
            flags += SANITIZE
        else:
            print(f"{cc} has no ASan/UBSan here: the examples run without them")
        out, what = compile_and_run(cc, flags, path, lib, tmp)
    if out is not None:
        print(out)
        print(f"README.md: its C examples {what} ({len(blocks)} blocks)")
        return 1
    print(f"README.md: {len(blocks)} C blocks compile, link and run for "
          f"{len(REPLIES)} replies" + (" under ASan and UBSan" if sanitized else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
