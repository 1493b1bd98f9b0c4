#!/usr/bin/env bash
# "make run": boot the stack once and show it. Runs tests/guest/demo.sh in the
# guest when it exists, otherwise a built-in demo (uname, /proc/cmdline,
# ACPI/e820/SVSM lines from dmesg). The console streams to the terminal.
#
# usage: run-demo.sh [run-guest.sh options, e.g. --seabios]
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

case "${1:-}" in
-h | --help) sed -n '2,6p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2; exit 0 ;;
esac

demo=$REPO/tests/guest/demo.sh
TMP=$(mktemp -d "${TMPDIR:-/tmp}/run-demo.XXXXXX")
trap 'rm -rf "$TMP"' EXIT
if [[ ! -f "$demo" ]]; then
	demo=$TMP/demo.sh
	cat >"$demo" <<'DEMO'
#!/bin/sh
echo "==== uname -a"
uname -a
echo "==== /proc/cmdline"
cat /proc/cmdline
echo "==== dmesg | grep -i -E 'acpi|e820|svsm' | head -n 40"
dmesg | grep -i -E 'acpi|e820|svsm' | head -n 40
echo "==== modules"
ls /lib/modules/*/extra 2>/dev/null || echo "(none)"
exit 0
DEMO
fi

logdir=$BUILD/logs/$(date +%Y%m%d-%H%M%S)-demo
rc=0
"$REPO/scripts/run-guest.sh" --script "$demo" --log-dir "$logdir" "$@" || rc=$?
echo
msg "logs: $logdir/console.log (guest console), $logdir/firmware.log (firmware debug port 0x402)"
exit "$rc"
