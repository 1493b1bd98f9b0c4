// SPDX-License-Identifier: MIT
/* The calling-area handshake, the dispatcher and the core protocol. */
#include <string.h>

#include "test.h"
#include "core/call.h"
#include "core/guest_mem.h"
#include <svsm/core.h>
#include <svsm/protocol.h>

#define RAM_BASE 0x100000ull
#define RAM_SIZE 0x10000ull
#define CAA (RAM_BASE + 0x1000)

static struct svsm_vcpu *vcpu;

static void setup(void)
{
	fake_guest_ram_init(RAM_BASE, RAM_SIZE);
	guest_mem_add_range(gpa(RAM_BASE), RAM_BASE + RAM_SIZE);
	svsm_register_protocol(&svsm_core_protocol);
	vcpu = vcpu_add_running(0, gpa(CAA), 0);
}

/* A second protocol that records what it saw. */
static uint32_t echo_id;
static uint32_t echo_handle(struct svsm_vcpu *v, uint32_t id,
			    struct svsm_call_regs *regs)
{
	(void)v;
	echo_id = id;
	regs->rdx = 0xd0d0;
	return 0x1234;
}

static const struct svsm_protocol echo_protocol = {
	.number = 5, .min_version = 2, .max_version = 4,
	.handle = echo_handle,
};

static struct svsm_call_regs call(uint32_t protocol, uint32_t id,
				  uint64_t rcx)
{
	struct svsm_call_regs r = {
		.rax = SVSM_CALL(protocol, id), .rcx = rcx, .rdx = 0xdd,
		.r8 = 0x88, .r9 = 0x99,
	};

	r.rax = svsm_dispatch(vcpu, &r);
	return r;
}

TEST(call_not_pending_is_noop)
{
	struct svsm_call_regs r = { SVSM_CALL(0, SVSM_CORE_QUERY_PROTOCOL),
				    SVSM_QUERY_ARG(0, 1), 3, 4, 5 };
	struct svsm_call_regs before = r;

	setup();
	*fake_guest_ptr(CAA + 1) = 0x42; /* mem_available: untouched */
	EXPECT_FALSE(svsm_handle_call(vcpu, &r));
	EXPECT_MEMEQ(&r, &before, sizeof(r));
	EXPECT_EQ(*fake_guest_ptr(CAA + 1), 0x42);
}

TEST(call_pending_is_dispatched)
{
	struct svsm_call_regs r = { SVSM_CALL(0, SVSM_CORE_QUERY_PROTOCOL),
				    SVSM_QUERY_ARG(0, 1), 3, 4, 5 };

	setup();
	*fake_guest_ptr(CAA) = 1;
	*fake_guest_ptr(CAA + 1) = 0x42;
	EXPECT_TRUE(svsm_handle_call(vcpu, &r));
	EXPECT_EQ(*fake_guest_ptr(CAA), 0); /* call_pending cleared */
	EXPECT_EQ(*fake_guest_ptr(CAA + 1), 0x42); /* only that byte */
	EXPECT_EQ(r.rax, SVSM_SUCCESS);
	EXPECT_EQ(r.rcx, (1ull << 32) | 1);
	EXPECT_EQ(r.rdx, 3);
	EXPECT_EQ(r.r8, 4);
	EXPECT_EQ(r.r9, 5);

	/* The same doorbell again finds nothing pending. */
	r.rax = SVSM_CALL(7, 7);
	EXPECT_FALSE(svsm_handle_call(vcpu, &r));
	EXPECT_EQ(r.rax, SVSM_CALL(7, 7));
}

TEST(call_result_zero_extended)
{
	struct svsm_call_regs r = { SVSM_CALL(77, 0), 0, 0, 0, 0 };

	setup();
	*fake_guest_ptr(CAA) = 1;
	EXPECT_TRUE(svsm_handle_call(vcpu, &r));
	EXPECT_EQ(r.rax, 0x80000001ull);
}

TEST(call_bad_caa)
{
	struct svsm_call_regs r = { SVSM_CALL(0, 6), 1, 2, 3, 4 };
	struct svsm_call_regs before = r;

	setup();
	vcpu->caa = gpa(RAM_BASE + RAM_SIZE - 4); /* header crosses the end */
	EXPECT_FALSE(svsm_handle_call(vcpu, &r));
	EXPECT_MEMEQ(&r, &before, sizeof(r));
	vcpu->caa = gpa(0x1000);
	EXPECT_FALSE(svsm_handle_call(vcpu, &r));
	EXPECT_MEMEQ(&r, &before, sizeof(r));
}

TEST(call_unknown_protocol_and_call)
{
	struct svsm_call_regs r;

	setup();
	r = call(99, 0, 0);
	EXPECT_EQ(r.rax, SVSM_ERR_UNSUPPORTED_PROTOCOL);
	EXPECT_EQ(r.rax, 0x80000001);
	r = call(0, 8, 0);
	EXPECT_EQ(r.rax, 0x80000002);
	r = call(0, 0xffffffff, 0);
	EXPECT_EQ(r.rax, SVSM_ERR_UNSUPPORTED_CALL);
	/* Unsupported as in COCONUT: UNSUPPORTED_CALL, registers untouched. */
	for (uint32_t id = SVSM_CORE_DEPOSIT_MEM; id <= SVSM_CORE_WITHDRAW_MEM;
	     id++) {
		r = call(0, id, 0xc0c0);
		EXPECT_EQ(r.rax, SVSM_ERR_UNSUPPORTED_CALL);
		EXPECT_EQ(r.rcx, 0xc0c0);
		EXPECT_EQ(r.rdx, 0xdd);
	}
}

TEST(call_registry)
{
	struct svsm_call_regs r;

	setup();
	svsm_register_protocol(&echo_protocol);
	EXPECT_EQ(svsm_find_protocol(5), &echo_protocol);
	EXPECT_EQ(svsm_find_protocol(0), &svsm_core_protocol);
	EXPECT_EQ(svsm_find_protocol(1), NULL);
	r = call(5, 0xabc, 0);
	EXPECT_EQ(r.rax, 0x1234);
	EXPECT_EQ(echo_id, 0xabc);
	EXPECT_EQ(r.rdx, 0xd0d0);
	EXPECT_PANIC(svsm_register_protocol(&echo_protocol)); /* twice */
}

TEST(core_query_protocol)
{
	struct svsm_call_regs r;

	setup();
	r = call(0, SVSM_CORE_QUERY_PROTOCOL, SVSM_QUERY_ARG(0, 1));
	EXPECT_EQ(r.rax, SVSM_SUCCESS);
	EXPECT_EQ(r.rcx, (1ull << 32) | 1);
	EXPECT_EQ(r.rdx, 0xdd);
	EXPECT_EQ(r.r8, 0x88);
	r = call(0, SVSM_CORE_QUERY_PROTOCOL, SVSM_QUERY_ARG(0, 2));
	EXPECT_EQ(r.rax, SVSM_SUCCESS);
	EXPECT_EQ(r.rcx, 0);
	r = call(0, SVSM_CORE_QUERY_PROTOCOL, SVSM_QUERY_ARG(0, 0));
	EXPECT_EQ(r.rcx, 0);
	r = call(0, SVSM_CORE_QUERY_PROTOCOL, SVSM_QUERY_ARG(99, 1));
	EXPECT_EQ(r.rax, SVSM_SUCCESS);
	EXPECT_EQ(r.rcx, 0);

	svsm_register_protocol(&echo_protocol);
	r = call(0, SVSM_CORE_QUERY_PROTOCOL, SVSM_QUERY_ARG(5, 3));
	EXPECT_EQ(SVSM_QUERY_MAX(r.rcx), 4);
	EXPECT_EQ(SVSM_QUERY_MIN(r.rcx), 2);
	r = call(0, SVSM_CORE_QUERY_PROTOCOL, SVSM_QUERY_ARG(5, 1));
	EXPECT_EQ(r.rcx, 0);
	r = call(0, SVSM_CORE_QUERY_PROTOCOL, SVSM_QUERY_ARG(5, 5));
	EXPECT_EQ(r.rcx, 0);
}

TEST(core_remap_ca)
{
	const uint64_t new_caa = RAM_BASE + 0x3000;
	struct svsm_call_regs r;

	setup();
	r = call(0, SVSM_CORE_REMAP_CA, new_caa + 8);
	EXPECT_EQ(r.rax, 0x80000005);
	EXPECT_EQ(gpa_val(vcpu->caa), CAA);
	r = call(0, SVSM_CORE_REMAP_CA, RAM_BASE + RAM_SIZE);
	EXPECT_EQ(r.rax, 0x80000003);
	r = call(0, SVSM_CORE_REMAP_CA, 0x1000);
	EXPECT_EQ(r.rax, SVSM_ERR_INVALID_ADDRESS);
	r = call(0, SVSM_CORE_REMAP_CA, 0xfffffffffffff000ull);
	EXPECT_EQ(r.rax, SVSM_ERR_INVALID_ADDRESS);
	EXPECT_EQ(gpa_val(vcpu->caa), CAA);

	memset(fake_guest_ptr(new_caa), 0xff, 16);
	r = call(0, SVSM_CORE_REMAP_CA, new_caa);
	EXPECT_EQ(r.rax, SVSM_SUCCESS);
	EXPECT_EQ(gpa_val(vcpu->caa), new_caa);
	EXPECT_TRUE(memcmp(fake_guest_ptr(new_caa), "\0\0\0\0\0\0\0\0", 8) == 0);
	EXPECT_EQ(*fake_guest_ptr(new_caa + 8), 0xff); /* buffer untouched */
	EXPECT_EQ(r.rcx, new_caa);

	/* Calls now use the new calling area. */
	*fake_guest_ptr(new_caa) = 1;
	r = (struct svsm_call_regs){ SVSM_CALL(0, SVSM_CORE_QUERY_PROTOCOL),
				     SVSM_QUERY_ARG(0, 1), 0, 0, 0 };
	EXPECT_TRUE(svsm_handle_call(vcpu, &r));
	EXPECT_EQ(*fake_guest_ptr(new_caa), 0);
}

TEST(core_configure_vtom)
{
	struct svsm_call_regs r;

	setup();
	r = call(0, SVSM_CORE_CONFIGURE_VTOM, 1);
	EXPECT_EQ(r.rax, SVSM_SUCCESS);
	EXPECT_EQ(r.rcx, 0);
	r = call(0, SVSM_CORE_CONFIGURE_VTOM, 0x80000000);
	EXPECT_EQ(r.rax, SVSM_ERR_INVALID_REQUEST);
	EXPECT_EQ(r.rcx, 0x80000000);
}
