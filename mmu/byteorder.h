/* SPDX-License-Identifier: MIT */
/*
 * Byte-order helpers: the only way guest memory bytes become numbers. They assemble
 * values byte by byte, so they hold on any host byte order and alignment; compilers turn
 * them into single (byte-swapping) loads where the host allows.
 */
#ifndef KVMPPC_BYTEORDER_H
#define KVMPPC_BYTEORDER_H

#include <stdint.h>

static inline uint16_t bswap16(uint16_t v) { return (uint16_t)((v >> 8) | (v << 8)); }
static inline uint32_t bswap32(uint32_t v)
{
	return ((v & 0xffu) << 24) | ((v & 0xff00u) << 8) | ((v >> 8) & 0xff00u) | (v >> 24);
}
static inline uint64_t bswap64(uint64_t v)
{
	return ((uint64_t)bswap32((uint32_t)v) << 32) | bswap32((uint32_t)(v >> 32));
}

/* Load/store an n-byte (1..8) unsigned value, little- or big-endian. */
static inline uint64_t ld_le(const uint8_t *p, unsigned n)
{
	uint64_t v = 0;
	for (unsigned i = 0; i < n; i++)
		v |= (uint64_t)p[i] << (8 * i);
	return v;
}
static inline uint64_t ld_be(const uint8_t *p, unsigned n)
{
	uint64_t v = 0;
	for (unsigned i = 0; i < n; i++)
		v = (v << 8) | p[i];
	return v;
}
static inline void st_le(uint8_t *p, unsigned n, uint64_t v)
{
	for (unsigned i = 0; i < n; i++)
		p[i] = (uint8_t)(v >> (8 * i));
}
static inline void st_be(uint8_t *p, unsigned n, uint64_t v)
{
	for (unsigned i = 0; i < n; i++)
		p[i] = (uint8_t)(v >> (8 * (n - 1 - i)));
}

static inline uint32_t ld_le32(const uint8_t *p) { return (uint32_t)ld_le(p, 4); }
static inline uint32_t ld_be32(const uint8_t *p) { return (uint32_t)ld_be(p, 4); }
static inline uint64_t ld_le64(const uint8_t *p) { return ld_le(p, 8); }
static inline uint64_t ld_be64(const uint8_t *p) { return ld_be(p, 8); }
static inline void st_le32(uint8_t *p, uint32_t v) { st_le(p, 4, v); }
static inline void st_be32(uint8_t *p, uint32_t v) { st_be(p, 4, v); }
static inline void st_le64(uint8_t *p, uint64_t v) { st_le(p, 8, v); }
static inline void st_be64(uint8_t *p, uint64_t v) { st_be(p, 8, v); }

/* Reverse the low n bytes of v (byte-reversed loads and stores). */
static inline uint64_t bswap_n(uint64_t v, unsigned n)
{
	return n == 1 ? v : n == 2 ? bswap16((uint16_t)v) : n == 4 ? bswap32((uint32_t)v) : bswap64(v);
}

#endif /* KVMPPC_BYTEORDER_H */
