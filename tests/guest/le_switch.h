/* SPDX-License-Identifier: MIT */
/*
 * LE_SWITCH: the first instructions of every guest entry point (boot and RTAS start-cpu).
 * The machine enters big-endian (pseries-machine.md 1.2, 1.3). In a little-endian build
 * the first word, `tdi 0,0,0x48`, reads as `b .+8` to a big-endian CPU, which lands on a
 * big-endian-encoded sequence that sets MSR[LE] and MSR[SF] and returns to the
 * instruction after it with rfid; an LE CPU treats it as a trap that never traps.
 * Then, in either build, 64-bit mode. Clobbers r10-r12.
 */
#ifdef __LITTLE_ENDIAN__
#define LE_SWITCH_BODY \
	tdi	0, 0, 0x48;		/* BE: b .+8   LE: a trap that never traps */ \
	b	1f;			/* LE already: skip the switch */ \
	.long	0xa600607d;		/* mfmsr  r11 */ \
	.long	0x01006b61;		/* ori    r11,r11,1          (LE) */ \
	.long	0x01008039;		/* li     r12,1 */ \
	.long	0x06f88c79;		/* rldicr r12,r12,63,0       (SF) */ \
	.long	0x78636b7d;		/* or     r11,r11,r12 */ \
	.long	0xa6037b7d;		/* mtsrr1 r11 */ \
	.long	0x05009f42;		/* bcl    20,31,$+4 */ \
	.long	0xa602487d;		/* mflr   r10 */ \
	.long	0x10004a39;		/* addi   r10,r10,16 */ \
	.long	0xa6035a7d;		/* mtsrr0 r10 */ \
	.long	0x2400004c;		/* rfid */ \
1:
#else
#define LE_SWITCH_BODY
#endif

#define LE_SWITCH \
	LE_SWITCH_BODY \
	mfmsr	11; \
	li	12, 1; \
	rldicr	12, 12, 63, 0; \
	or	11, 11, 12; \
	mtmsrd	11; \
	isync
