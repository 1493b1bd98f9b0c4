#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# shellcheck disable=SC2034 # the variables are for the scripts that source this
# Helpers shared by the guest tests (sourced inside the guest from
# /usr/share/svsm-tests/_lib.sh; not a test: the name starts with "_"):
#
#   lib=/usr/share/svsm-tests
#   [ -r "$lib/_lib.sh" ] || lib=$(dirname "$0")
#   # shellcheck source=tests/guest/_lib.sh
#   . "$lib/_lib.sh"
#
# KTAP results (result, skip_rest, nested, run_nested), diagnostics (diag,
# diag_lines), commands with their output as diagnostics on failure (run),
# dmesg since a mark, module loading through uevents (start_hotplug) and
# unloading after the hotplug helper settled (unload_modules).
#
# run, start_hotplug and unload_modules use the script's work directory $W.

test_nr=0
failed=0
dmesg_mark=0
hotplug_pid=

# Lines of a failed command's output that run shows.
RUN_TAIL=15

diag() {
	echo "# $*"
}

# Indent the lines on stdin as diagnostics.
diag_lines() {
	sed -e 's/^/# /'
}

# result ok|fail|skip NAME [SKIP REASON]
result() {
	test_nr=$((test_nr + 1))
	case "$1" in
	ok) echo "ok $test_nr $2" ;;
	skip) echo "ok $test_nr $2 # SKIP $3" ;;
	*)
		echo "not ok $test_nr $2"
		failed=$((failed + 1))
		;;
	esac
}

# skip_rest NAME...: each one skipped, with the reason in $why.
skip_rest() {
	# shellcheck disable=SC2154 # the caller sets why
	for name in "$@"; do
		result skip "$name" "$why"
	done
}

# run CMD...: its output in $W/out; on failure the last $RUN_TAIL lines of
# it become diagnostics.
run() {
	"$@" >"$W/out" 2>&1
	run_rc=$?
	if [ "$run_rc" -ne 0 ]; then
		diag "'$*' exited $run_rc:"
		tail -n "$RUN_TAIL" "$W/out" | diag_lines
	fi
	return "$run_rc"
}

hex_of() {
	od -An -v -tx1 "$@" | tr -d ' \n'
}

# KTAP of a child test (stdin) -> sub_verdict ok|fail|skip, sub_reason
# (the reason of a whole-test skip).  The lines are passed through
# indented by two spaces.
nested() {
	sub_verdict=fail
	sub_reason=
	n_plan=
	n_seen=0
	n_bad=0
	while IFS= read -r n_line; do
		echo "  $n_line"
		case "$n_line" in
		"1..0 # SKIP"*)
			n_plan=0
			sub_reason=${n_line#1..0 # SKIP }
			;;
		1..*) n_plan=${n_line#1..} ;;
		"not ok "*)
			n_seen=$((n_seen + 1))
			n_bad=$((n_bad + 1))
			;;
		"ok "*) n_seen=$((n_seen + 1)) ;;
		esac
	done
	case "$n_plan" in
	"") diag "no KTAP plan" ;;
	0) sub_verdict=skip ;;
	*[!0-9]*) diag "bad KTAP plan '$n_plan'" ;;
	*)
		if [ "$n_seen" -ne "$n_plan" ]; then
			diag "$n_seen of $n_plan results"
		elif [ "$n_bad" -eq 0 ]; then
			sub_verdict=ok
		fi
		;;
	esac
}

# run_nested PROG FILE: run the KTAP program PROG (output in FILE), nest
# its KTAP and report one result named PROG: its verdict, skip when PROG
# exits 4 (all skipped), fail when PROG is missing or exits otherwise.
run_nested() {
	rn_prog=$1
	if ! command -v "$rn_prog" >/dev/null 2>&1; then
		diag "$rn_prog not installed"
		result fail "$rn_prog"
		return
	fi
	"$rn_prog" >"$2" 2>&1
	rn_rc=$?
	nested <"$2"
	case "$rn_rc" in
	0) [ "$sub_verdict" = ok ] || diag "$rn_prog exited 0, KTAP says $sub_verdict" ;;
	4)
		sub_verdict=skip
		sub_reason=${sub_reason:-all tests skipped}
		;;
	*)
		diag "$rn_prog exited $rn_rc"
		sub_verdict=fail
		;;
	esac
	result "$sub_verdict" "$rn_prog" "$sub_reason"
}

# ---- dmesg ------------------------------------------------------------------

# dmesg lines after the mark set by dmesg_set_mark.
dmesg_set_mark() {
	dmesg_mark=$(dmesg | wc -l)
}

dmesg_since_mark() {
	dmesg | tail -n +"$((dmesg_mark + 1))"
}

# dmesg_capture FILE: the lines since the mark into FILE; says how many.
dmesg_capture() {
	dmesg_since_mark >"$1"
	diag "$(wc -l <"$1") new dmesg line(s) during the run"
}

# dmesg_suspicious FILE: true when FILE (the bad lines) is not empty; its
# first 20 lines become diagnostics.
dmesg_suspicious() {
	[ -s "$1" ] || return 1
	diag "suspicious kernel messages:"
	head -n 20 "$1" | diag_lines
}

# ---- modules ------------------------------------------------------------------

loaded() {
	grep -q "^$1 " /proc/modules
}

# Emulate udev's module autoloading: the kernel (no CONFIG_UEVENT_HELPER)
# only broadcasts uevents; busybox 'uevent' runs the helper for each, and
# modprobe resolves MODALIAS through modules.alias, as udev's kmod does.
# The helper logs to $W/hotplug.log.
start_hotplug() {
	cat >"$W/hotplug" <<EOF
#!/bin/sh
[ "\$ACTION" = add ] && [ -n "\$MODALIAS" ] || exit 0
echo "\$DEVPATH \$MODALIAS" >>$W/hotplug.log
modprobe -b "\$MODALIAS" >>$W/hotplug.log 2>&1
EOF
	chmod +x "$W/hotplug"
	: >"$W/hotplug.log"
	uevent "$W/hotplug" </dev/null >/dev/null 2>&1 &
	hotplug_pid=$!
	sleep 1
}

stop_hotplug() {
	[ -n "$hotplug_pid" ] && kill "$hotplug_pid" 2>/dev/null
	hotplug_pid=
}

# Wait up to $1 seconds until the hotplug helper runs no modprobe (it may
# be loading a driver that takes a while).  Own loop counter: callers loop
# too.
wait_settled() {
	ws_n=0
	while [ "$ws_n" -lt "$1" ]; do
		# shellcheck disable=SC2009 # busybox here has ps, not pgrep
		ps | grep -q '[m]odprobe' || return 0
		sleep 1
		ws_n=$((ws_n + 1))
	done
	diag "modprobe still running after $1 s"
	return 1
}

# unload_modules MODULE...: rmmod the loaded ones, in that order.  The
# hotplug helper may still be loading one of them for an earlier uevent,
# so a failed round is retried.
unload_modules() {
	ua_try=1
	while :; do
		wait_settled 20
		ua_bad=
		for m in "$@"; do
			if loaded "$m" && ! rmmod "$m" >"$W/out" 2>&1; then
				ua_bad=$m
				break
			fi
		done
		[ -z "$ua_bad" ] && return 0
		[ "$ua_try" -ge 5 ] && break
		ua_try=$((ua_try + 1))
		sleep 1
	done
	diag "rmmod $ua_bad failed $ua_try times: $(cat "$W/out")"
	diag "modules:"
	grep -E 'svsm|tpm' /proc/modules | diag_lines
	diag "hotplug log:"
	tail -n 10 "$W/hotplug.log" | diag_lines
	return 1
}
