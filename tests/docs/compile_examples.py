#!/usr/bin/env python3
"""Compiles every ```c block of README.md against the real headers, so the
tour cannot drift from the API. Each block becomes the body of a function
(its #include lines stay at the top); the names a block uses without
defining them (the caller's buffer, its logger) are declared here.

Usage: compile_examples.py CC SOURCE-DIR INCLUDE-DIR... Exit 0, or 1 with
the compiler's messages.
"""
import os
import re
import subprocess
import sys
import tempfile

PROLOGUE = """#include <stddef.h>
#include <unistd.h>
extern const char *in;
extern size_t in_len;
extern int client_fd;
void log_error(const char *fmt, ...);
void requeue(void);
"""


def main():
    if len(sys.argv) < 4:
        sys.exit(__doc__)
    cc, src, includes = sys.argv[1], sys.argv[2], sys.argv[3:]
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
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "readme.c")
        with open(path, "w", encoding="utf-8") as f:
            f.write("\n".join(code) + "\n")
        p = subprocess.run([cc, "-std=c99", "-Wall", "-Wextra", "-Werror",
                            "-Wno-unused-variable", "-Wno-unused-result",
                            *[f"-I{d}" for d in includes], "-c", path,
                            "-o", os.path.join(tmp, "readme.o")],
                           capture_output=True, text=True)
    if p.returncode != 0:
        print(p.stdout + p.stderr)
        print(f"README.md: its C examples do not compile ({len(blocks)} blocks)")
        return 1
    print(f"README.md: {len(blocks)} C blocks compile")
    return 0


if __name__ == "__main__":
    sys.exit(main())
