/* SPDX-License-Identifier: MIT */
/*
 * Handlers of the core protocol's calls, one file per concern:
 * core_protocol.c (dispatch, REMAP_CA, QUERY_PROTOCOL, CONFIGURE_VTOM),
 * core_pvalidate.c (PVALIDATE), core_vcpu.c (CREATE_VCPU, DELETE_VCPU).
 * Each returns the RAX result code; docs/protocol-decisions.md is the spec.
 */
#ifndef SVSM_CORE_CORE_PROTOCOL_H
#define SVSM_CORE_CORE_PROTOCOL_H

#include "call.h"

uint32_t core_pvalidate(struct svsm_vcpu *vcpu, struct svsm_call_regs *regs);
uint32_t core_create_vcpu(struct svsm_vcpu *vcpu, struct svsm_call_regs *regs);
uint32_t core_delete_vcpu(struct svsm_vcpu *vcpu, struct svsm_call_regs *regs);

#endif /* SVSM_CORE_CORE_PROTOCOL_H */
