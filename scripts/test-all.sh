#!/usr/bin/env bash
# Run every test and summarise (called by "make test" after "make all"):
#   (a) host unit tests: make -C svsm unit BUILD=$BUILD/svsm
#   (b) every guest test tests/guest/*.sh (except demo.sh and _*.sh), each in
#       a freshly booted guest (scripts/run-guest.sh), KTAP from the console
#   (c) summary over all KTAP; the last line is "N passed, N failed".
# Exit status non-zero when anything failed or a guest never reached its
# SVSM-GUEST-EXIT line (counted as a failed test named after the script).
#
# usage: test-all.sh [--quiet] [--no-unit] [TEST.sh...]
#   TEST.sh...  only these guest tests (default: tests/guest/*.sh)
#   --quiet     do not stream guest consoles (they are still logged)
# Environment: GUEST_BIOS=seabios (firmware for run-guest.sh), GUEST_TIMEOUT.
# Results: $BUILD/test-results/<time>/ (symlink $BUILD/test-results/latest).
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

usage() { sed -n '2,15p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2; }

quiet=0
unit=1
tests=()
while (($#)); do
	case "$1" in
	--quiet) quiet=1; shift ;;
	--no-unit) unit=0; shift ;;
	-h | --help) usage; exit 0 ;;
	-*) usage; exit 2 ;;
	*) tests+=("$1"); shift ;;
	esac
done

RES=$BUILD/test-results/$(date +%Y%m%d-%H%M%S)
n=1
while [[ -e "$RES" ]]; do RES=$BUILD/test-results/$(date +%Y%m%d-%H%M%S).$n; n=$((n + 1)); done
mkdir -p "$RES"
ln -sfn "$(basename "$RES")" "$BUILD/test-results/latest"
ktap_files=()
notes=()

# Count results in a KTAP file: prints "passed failed".
counts() {
	"$REPO/scripts/ktap-summary.py" --quiet --summary-line --skipped "$1" |
		sed -n 's/^\([0-9]*\) passed, \([0-9]*\) failed, \([0-9]*\) skipped$/\1 \2 \3/p'
}

# synthetic NAME ok|fail [REASON]: a one-line KTAP result for NAME.
synthetic() {
	local name=$1 res=$2 reason=${3:-} f
	f=$RES/$name.synthetic.ktap
	if [[ "$res" == ok ]]; then
		echo "ok 1 $name" >"$f"
	else
		echo "not ok 1 $name${reason:+ ($reason)}" >"$f"
	fi
	ktap_files+=("$f")
}

section() { printf '\n==== %s ====\n' "$*"; }

# ---- (a) host unit tests ---------------------------------------------------
if ((unit)); then
	section "host unit tests (make -C svsm unit)"
	if [[ ! -f "$REPO/svsm/Makefile" ]]; then
		synthetic svsm-unit fail "svsm/Makefile missing"
		notes+=("svsm-unit: svsm/Makefile missing")
	elif ! make -C "$REPO/svsm" -n unit BUILD="$BUILD/svsm" >/dev/null 2>&1 &&
		! grep -q '^unit:' "$REPO/svsm/Makefile"; then
		synthetic svsm-unit fail "no 'unit' target in svsm/Makefile"
		notes+=("svsm-unit: svsm/Makefile has no 'unit' target")
	else
		rc=0
		make --no-print-directory -C "$REPO/svsm" unit BUILD="$BUILD/svsm" 2>&1 |
			tee "$RES/svsm-unit.log" || rc=$? # pipefail: make's status
		ktap_files+=("$RES/svsm-unit.log")
		read -r p f _ < <(counts "$RES/svsm-unit.log") || true
		if ((rc != 0)) && ((${f:-0} == 0)); then
			synthetic svsm-unit fail "make unit exited with $rc"
			notes+=("svsm-unit: make exited with $rc, see $RES/svsm-unit.log")
		elif ((rc == 0)) && ((${p:-0} + ${f:-0} == 0)); then
			synthetic svsm-unit ok
		fi
	fi
fi

# ---- (a2) other host checks -------------------------------------------------
# host_check NAME CMD...: one result named NAME from CMD's exit status; KTAP
# lines CMD prints (e.g. one per fuzz target) are counted as its results.
host_check() {
	local name=$1 rc=0 p f
	shift
	section "$name ($*)"
	"$@" 2>&1 | tee "$RES/$name.log" || rc=$?
	read -r p f _ < <(counts "$RES/$name.log") || true
	if ((${p:-0} + ${f:-0} > 0)); then
		ktap_files+=("$RES/$name.log")
		((rc == 0 || ${f:-0} > 0)) || synthetic "$name" fail "exit status $rc"
	elif ((rc == 0)); then
		synthetic "$name" ok
	else
		synthetic "$name" fail "exit status $rc, see $RES/$name.log"
	fi
}

if ((unit)); then
	# Modules: sparse (C=2), W=1 and checkpatch --strict must be silent.
	host_check kcheck "$REPO/scripts/kcheck.sh"
	# svsm-attest: verify must pass on a good report and fail on each tampered one.
	host_check svsm-attest make --no-print-directory -C "$REPO/tools/svsm-attest" test \
		BUILD="$BUILD/tools/svsm-attest"
	if grep -q '^fuzz:' "$REPO/svsm/Makefile"; then
		host_check fuzz make --no-print-directory -C "$REPO/svsm" fuzz BUILD="$BUILD/svsm"
	fi
fi

# ---- (b) guest tests -----------------------------------------------------------
if ((${#tests[@]} == 0)); then
	for t in "$REPO"/tests/guest/*.sh; do
		[[ -e "$t" ]] || continue
		b=$(basename "$t")
		[[ "$b" == demo.sh || "$b" == _* ]] && continue
		tests+=("$t")
	done
fi
for t in ${tests[@]+"${tests[@]}"}; do
	name=$(basename "$t" .sh)
	section "guest test $name"
	dir=$RES/$name
	mkdir -p "$dir"
	rc=0
	if ((quiet)); then
		"$REPO/scripts/run-guest.sh" --script "$t" --log-dir "$dir" >"$dir/run.log" 2>&1 || rc=$?
		tail -n 3 "$dir/run.log"
	else
		"$REPO/scripts/run-guest.sh" --script "$t" --log-dir "$dir" 2>&1 | tee "$dir/run.log" || rc=$?
	fi
	if [[ ! -f "$dir/firmware.log" ]]; then
		notes+=("$name: no firmware log ($dir/firmware.log)")
	elif [[ ! -s "$dir/firmware.log" ]]; then
		notes+=("$name: firmware log is empty ($dir/firmware.log)")
	fi
	if [[ -f "$dir/console.log" ]]; then
		# Keep the KTAP source and the firmware log next to each other at the top level.
		cp "$dir/console.log" "$RES/$name.console.log"
		[[ -f "$dir/firmware.log" ]] && cp "$dir/firmware.log" "$RES/$name.firmware.log"
		ktap_files+=("$RES/$name.console.log")
	fi
	if [[ ! -s "$dir/exit-status" ]]; then
		synthetic "$name" fail "guest did not reach SVSM-GUEST-EXIT, run-guest.sh exit $rc; see $dir"
		notes+=("$name: guest never reached SVSM-GUEST-EXIT (logs: $dir)")
		continue
	fi
	status=$(cat "$dir/exit-status")
	read -r p f _ < <(counts "$RES/$name.console.log") || true
	if ((status != 0)) && ((${f:-0} == 0)); then
		synthetic "$name" fail "script exit status $status"
		notes+=("$name: exit status $status without a failing KTAP line")
	elif ((status == 0)) && ((${p:-0} + ${f:-0} == 0)); then
		synthetic "$name" ok
	fi
done

# ---- (c) summary -----------------------------------------------------------------
section "summary (results in $RES)"
for note in ${notes[@]+"${notes[@]}"}; do
	echo "note: $note"
done
rc=0
if ((${#ktap_files[@]} == 0)); then
	echo "no tests were run"
	echo "0 passed, 0 failed"
	exit 1
fi
cd "$RES"
ktap_rel=("${ktap_files[@]#"$RES"/}")
"$REPO/scripts/ktap-summary.py" "${ktap_rel[@]}" | tee "$RES/summary.txt" || true
"$REPO/scripts/ktap-summary.py" --quiet --summary-line "${ktap_rel[@]}" | tee -a "$RES/summary.txt" || rc=$?
exit "$rc"
