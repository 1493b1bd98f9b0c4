// SPDX-License-Identifier: MIT
/*
 * vCPUs of the emulated platform.  QEMU's possible CPUs (-smp 1,maxcpus=N,
 * fw_cfg FW_CFG_MAX_CPUS) have APIC IDs 0..N-1; only the boot vCPU (APIC ID
 * 0) runs.  CREATE_VCPU for the others is recorded, never run
 * (docs/protocol-decisions.md, "Emulated platform: vCPUs").
 */
#include "core/log.h"
#include "core/vcpu.h"
#include "platform/emu/emu.h"

static uint32_t max_cpus = 1; /* until emu_vcpus_init: the boot vCPU only */

void emu_vcpus_init(const struct fw_cfg_dev *fw)
{
	uint8_t le16[2];
	uint32_t n;

	fw->read_item(fw->ctx, FW_CFG_MAX_CPUS, le16, sizeof(le16));
	n = (uint32_t)le16[0] | (uint32_t)le16[1] << 8;
	if (n == 0)
		n = 1;
	if (n > SVSM_MAX_VCPUS) {
		log_info("vcpus: QEMU has %u possible CPUs; serving the first %u",
			 n, (uint32_t)SVSM_MAX_VCPUS);
		n = SVSM_MAX_VCPUS;
	}
	max_cpus = n;
	log_info("vcpus: APIC IDs 0-%u known, 0 runs", n - 1);
}

bool emu_apic_id_known(uint32_t apic_id)
{
	return apic_id < max_cpus;
}
