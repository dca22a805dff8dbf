"""check_report.py - how every Python check of tests/ ends: each failure
on a line of its own ("FAIL: ..."), one summary line that counts them, and
the exit status ctest reads (0 when none failed, 1 otherwise)."""


def report(failures, summary):
    """Print failures and summary ("...; N failures"); return the exit status."""
    for f in failures:
        print(f"FAIL: {f}")
    print(f"{summary}; {len(failures)} failures")
    return 1 if failures else 0
