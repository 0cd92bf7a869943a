/* SPDX-License-Identifier: MIT */
/*
 * Entry of the bare-metal guests. The machine starts a pseries guest big-endian, in
 * 32-bit mode, with the MMU off and r3 = the device tree (pseries-machine.md 1.2).
 * A little-endian build first switches endianness: its first word, `tdi 0,0,0x48`, is
 * read by a big-endian CPU as `b .+8`, which lands on a big-endian-encoded sequence that
 * sets MSR[LE] and MSR[SF] and returns to the instruction after it with rfid.
 */
	.section .text.start, "ax"
	.globl _start
_start:
#ifdef __LITTLE_ENDIAN__
	tdi	0, 0, 0x48		/* BE: b .+8   LE: a trap that never traps */
	b	1f			/* LE already: skip the switch */
	/* big-endian words, byte-swapped here because this file is assembled LE */
	.long	0xa600607d		/* mfmsr  r11 */
	.long	0x01006b61		/* ori    r11,r11,1          (LE) */
	.long	0x01008039		/* li     r12,1 */
	.long	0x06f88c79		/* rldicr r12,r12,63,0       (SF) */
	.long	0x78636b7d		/* or     r11,r11,r12 */
	.long	0xa6037b7d		/* mtsrr1 r11 */
	.long	0x05009f42		/* bcl    20,31,$+4 */
	.long	0xa602487d		/* mflr   r10 */
	.long	0x10004a39		/* addi   r10,r10,16 */
	.long	0xa6035a7d		/* mtsrr0 r10 */
	.long	0x2400004c		/* rfid */
1:
#endif
	/* 64-bit mode (a big-endian build arrives here in 32-bit mode) */
	mfmsr	11
	li	12, 1
	rldicr	12, 12, 63, 0
	or	11, 11, 12
	mtmsrd	11
	isync
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
