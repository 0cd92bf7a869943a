/* SPDX-License-Identifier: MIT */
/*
 * Entry of the bare-metal guests. The machine starts a pseries guest big-endian, in
 * 32-bit mode, with the MMU off and r3 = the device tree (pseries-machine.md 1.2);
 * LE_SWITCH (le_switch.h) makes it 64-bit and, in a little-endian build, little-endian.
 */
#include "le_switch.h"

	.section .text.start, "ax"
	.globl _start
_start:
	LE_SWITCH
	/* TOC and stack (the image is linked at a real address below 4 GiB) */
	lis	2, .TOC.@ha
	addi	2, 2, .TOC.@l
	lis	1, __stack_top@ha
	addi	1, 1, __stack_top@l
	li	0, 0
	stdu	0, -128(1)
	bl	guest_start		/* r3 = FDT */
	nop
2:	b	2b

/*
 * Entry of a secondary vcpu started by RTAS start-cpu (pseries-machine.md 1.3): 64-bit,
 * big-endian, MMU off, r3 = the argument the caller gave, used here as the top of the
 * vcpu's stack. Calls guest_secondary(stack top) and parks.
 */
	.text
	.globl _secondary_start
_secondary_start:
	LE_SWITCH
	lis	2, .TOC.@ha
	addi	2, 2, .TOC.@l
	mr	1, 3
	li	0, 0
	stdu	0, -128(1)
	bl	guest_secondary
	nop
3:	b	3b
