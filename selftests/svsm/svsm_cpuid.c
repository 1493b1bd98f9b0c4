// SPDX-License-Identifier: GPL-2.0-only
/*
 * svsm-cpuid: print what the CPUID discovery leaves say about the SVSM,
 * for shell scripts in the guest:
 *
 *   $ svsm-cpuid
 *   0x<base> 0x<size> 0x<caa>
 *
 * Exit status 0 when the signature is present, 4 (kselftest skip) when
 * it is not, 2 on a usage error.
 */
#include <stdio.h>
#include <string.h>

#include "svsm_cpuid.h"

int main(int argc, char **argv)
{
	struct svsm_cpuid_info info;
	bool verbose = argc == 2 && !strcmp(argv[1], "-v");

	if (argc > 2 || (argc == 2 && !verbose)) {
		fprintf(stderr, "usage: svsm-cpuid [-v]\n");
		return 2;
	}
	if (!svsm_cpuid_read(&info)) {
		fprintf(stderr, "svsm-cpuid: no SVSM signature at CPUID 0x%x\n",
			SVSM_EMU_CPUID_BASE);
		return 4;
	}
	if (verbose)
		printf("base=0x%llx size=0x%llx caa=0x%llx max_version=%u\n",
		       (unsigned long long)info.base,
		       (unsigned long long)info.size,
		       (unsigned long long)info.caa, info.max_version);
	else
		printf("0x%llx 0x%llx 0x%llx\n", (unsigned long long)info.base,
		       (unsigned long long)info.size,
		       (unsigned long long)info.caa);
	return 0;
}
