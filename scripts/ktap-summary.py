#!/usr/bin/env python3
"""Summarise KTAP / TAP results.

usage: ktap-summary.py [--summary-line] [--skipped] [--quiet] [--self-test] [FILE...]

Reads KTAP/TAP text from FILEs (or stdin; "-" is stdin). Kernel log prefixes
like "[   12.345678] " and carriage returns are stripped; nested subtests may
be indented (KTAP: spaces) or prefixed with "# " (kselftest). Only leaf
result lines are counted: a result line that closes a block of more deeply
nested results is a parent and not counted itself (its children are).
"# SKIP" (and "# TODO"/"# XFAIL" on a "not ok") counts as skipped.

Prints the failing tests (with their file and parent path), then the counts.
--summary-line  print only the failures and a final line exactly
                "N passed, N failed" (with --skipped: ", N skipped")
Exit status: 0 if nothing failed, 1 if something failed, 2 on usage errors.
"""
import re
import sys

TS_PREFIX = re.compile(r"^(?:<\d+>)?\[\s*\d+\.\d+\] ?")
RESULT = re.compile(r"^(not ok|ok)\b(?:\s+(\d+))?\s*(?:-\s*)?(.*)$")
DIRECTIVE = re.compile(r"\s#\s*(SKIP|TODO|XFAIL)\b(.*)$", re.IGNORECASE)


def split_depth(line):
    """Return (depth, rest): depth grows with indentation and '# ' prefixes."""
    depth = 0
    while True:
        stripped = line.lstrip(" \t")
        depth += len(line) - len(stripped) + line[: len(line) - len(stripped)].count("\t") * 7
        line = stripped
        if line.startswith("# ") and RESULT.match(line[2:].lstrip(" \t")):
            depth += 8
            line = line[2:]
            continue
        return depth, line


class Summary:
    def __init__(self):
        self.passed = 0
        self.failed = 0
        self.skipped = 0
        self.failures = []  # (label, name, detail)

    def feed(self, lines, label="-"):
        # Results not yet claimed by a parent: [depth, failed(bool)]
        pending = []
        for raw in lines:
            line = raw.rstrip("\r\n").replace("\r", "")
            line = TS_PREFIX.sub("", line)
            depth, rest = split_depth(line)
            m = RESULT.match(rest)
            if not m:
                continue
            ok = m.group(1) == "ok"
            desc = m.group(3).strip()
            directive = None
            d = DIRECTIVE.search(" " + desc)
            if d:
                directive = d.group(1).upper()
                desc = (" " + desc)[: d.start()].strip()
            # Children: the trailing pending results nested deeper than this one.
            children = []
            while pending and pending[-1][0] > depth:
                children.append(pending.pop())
            exempt = directive == "SKIP" or (not ok and directive in ("TODO", "XFAIL"))
            failed_here = not ok and not exempt
            if children:
                child_failed = any(c[1] for c in children)
                if failed_here and not child_failed:
                    self.failed += 1
                    self.failures.append((label, desc or "?", "failed, no failing subtest"))
                pending.append([depth, failed_here or child_failed])
                continue
            if exempt:
                self.skipped += 1
            elif ok:
                self.passed += 1
            else:
                self.failed += 1
                self.failures.append((label, desc or "?", ""))
            pending.append([depth, failed_here])

    def line(self, with_skipped=False):
        s = "%d passed, %d failed" % (self.passed, self.failed)
        if with_skipped:
            s += ", %d skipped" % self.skipped
        return s


def summarise(paths):
    s = Summary()
    for p in paths or ["-"]:
        if p == "-":
            s.feed(sys.stdin, "stdin")
        else:
            with open(p, encoding="utf-8", errors="replace") as f:
                s.feed(f, p)
    return s


SAMPLES = [
    # (text, passed, failed, skipped)
    ("KTAP version 1\n1..3\nok 1 a\nnot ok 2 b\nok 3 c # SKIP no hw\n", 1, 1, 1),
    # KUnit style nesting through dmesg with timestamps
    ("[    1.000000] KTAP version 1\n[    1.000001] 1..1\n"
     "[    1.000002]     # Subtest: suite\n[    1.000003]     1..3\n"
     "[    1.000004]     ok 1 t1\n[    1.000005]     not ok 2 t2\n"
     "[    1.000006]     ok 3 t3 # SKIP\n[    1.000007] not ok 1 suite\n", 1, 1, 1),
    # kselftest style "# " nesting, parent ok
    ("TAP version 13\n1..2\n# TAP version 13\n# 1..2\n# ok 1 x\n# ok 2 - y\nok 1 selftests: foo\n"
     "ok 2 selftests: bar\n", 3, 0, 0),
    # failing parent without failing children counts once
    ("1..1\n    ok 1 inner\nnot ok 1 outer\n", 1, 1, 0),
    # noise, CRLF, TODO
    ("random boot line\r\nok 1 fine\r\nnot ok 2 known # TODO later\r\nokay not a result\n", 1, 0, 1),
    # two levels deep
    ("1..1\n        ok 1 d2a\n        ok 2 d2b\n    ok 1 d1\n    not ok 2 d1b\nnot ok 1 top\n", 2, 1, 0),
]


def self_test():
    bad = 0
    for i, (text, p, f, sk) in enumerate(SAMPLES, 1):
        s = Summary()
        s.feed(text.splitlines(True), "sample%d" % i)
        got = (s.passed, s.failed, s.skipped)
        if got != (p, f, sk):
            bad += 1
            print("not ok %d sample%d: got %r want %r" % (i, i, got, (p, f, sk)))
        else:
            print("ok %d sample%d" % (i, i))
    print("%d passed, %d failed" % (len(SAMPLES) - bad, bad))
    return 1 if bad else 0


def main(argv):
    args = [a for a in argv if not a.startswith("--") or a == "--"]
    opts = {a for a in argv if a.startswith("--") and a != "--"}
    known = {"--summary-line", "--skipped", "--quiet", "--self-test", "--help"}
    if opts - known or "--help" in opts:
        print(__doc__.strip(), file=sys.stderr)
        return 0 if "--help" in opts else 2
    if "--self-test" in opts:
        return self_test()
    try:
        s = summarise([a for a in args if a != "--"])
    except OSError as e:
        print("ktap-summary: %s" % e, file=sys.stderr)
        return 2
    if "--quiet" not in opts:
        for label, name, detail in s.failures:
            print("FAILED: %s%s%s" % ("" if label in ("-", "stdin") else label + ": ", name,
                                      " (%s)" % detail if detail else ""))
    if "--summary-line" in opts:
        print(s.line("--skipped" in opts))
    else:
        print("passed=%d failed=%d skipped=%d" % (s.passed, s.failed, s.skipped))
    return 1 if s.failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
