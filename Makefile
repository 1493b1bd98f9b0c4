# SVSM firmware + Linux guest modules: top-level entry points.
#
#   make run      install what is missing, build, boot the stack and show it
#   make test     install what is missing, build, run every test
#   make shell    boot the stack with an interactive guest shell
#   make guest SCRIPT=path/to/script.sh [EXTRA=dir-or-cpio.gz]
#                 run a script inside a freshly booted guest; exits with its status
#   make unit     host unit tests of the firmware core (ASan/UBSan)
#   make bench    boot time: SVSM firmware vs SeaBIOS; TPM command latency:
#                 SVSM vTPM vs tpm-crb + swtpm (same run each)
#   make firmware | modules | initramfs | kernel | deps | clean

BUILD ?= $(CURDIR)/build
export BUILD

.PHONY: all deps firmware kernel modules guest-progs initramfs unit test run shell guest bench clean

all: firmware modules guest-progs initramfs

deps:
	@scripts/install-deps.sh

firmware: deps
	@$(MAKE) --no-print-directory -C svsm BUILD=$(BUILD)/svsm

kernel: deps
	@scripts/fetch-kernel.sh

modules: deps kernel
	@scripts/build-modules.sh

guest-progs: deps
	@scripts/build-guest-progs.sh

initramfs: kernel modules guest-progs
	@scripts/mkinitramfs.sh

unit: deps
	@$(MAKE) --no-print-directory -C svsm BUILD=$(BUILD)/svsm unit

test: all
	@scripts/test-all.sh

run: all
	@scripts/run-demo.sh

shell: all
	@scripts/run-guest.sh --interactive

guest: all
	@test -n "$(SCRIPT)" || { echo "usage: make guest SCRIPT=path/to/script.sh [EXTRA=dir-or-cpio.gz]" >&2; exit 2; }
	@scripts/run-guest.sh --script "$(SCRIPT)" $(if $(EXTRA),--extra "$(EXTRA)")

# Benchmarks print figures; they are not tests (timings assert nothing).
bench: all
	@scripts/bench-boot.sh
	@scripts/bench-tpm.sh

clean:
	rm -rf $(BUILD)
