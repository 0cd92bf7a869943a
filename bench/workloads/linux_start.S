/* SPDX-License-Identifier: MIT */
/* Entry of the static Linux workload programs: the kernel sets r1 but not the TOC. */
	.text
	.globl _start
_start:
	lis	2, .TOC.@ha
	addi	2, 2, .TOC.@l
	li	0, 0
	stdu	0, -128(1)
	bl	linux_main
	nop
1:	b	1b
