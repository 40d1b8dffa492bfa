#ifndef CFOOTPRINT_ISAL_SHIM_H
#define CFOOTPRINT_ISAL_SHIM_H

#include <stddef.h>
#include <stdint.h>

/// Intel ISA-L's inflater (Debian `libisal-dev`): gzip several times faster than zlib on x86-64 and arm64.
#include <isa-l/igzip_lib.h>
/// Its CRC-32C (`crc32_iscsi`), with the CPU's CRC instruction where there is one.
#include <isa-l/crc.h>

#if defined(__x86_64__)
#include <cpuid.h>

/// Whether the CPU has SSE 4.2's `crc32` instruction (CPUID leaf 1, ECX bit 20), asked of the CPU once: a load
/// and a test on every later call (a Swift `static let` would call `swift_once` on each of the millions of records).
static inline int footprint_has_crc32c_instruction(void) {
    static int known = -1;
    int has = __atomic_load_n(&known, __ATOMIC_RELAXED);
    if (has < 0) {
        unsigned int eax, ebx, ecx, edx;
        has = __get_cpuid(1, &eax, &ebx, &ecx, &edx) ? (int)((ecx >> 20) & 1) : 0;
        __atomic_store_n(&known, has, __ATOMIC_RELAXED);
    }
    return has;
}

/// The CRC-32C register after `count` bytes, eight at a time with the `crc32` instruction: for the few dozen
/// bytes of a TFRecord header or scalar record, where ISA-L's folding routine spends more on setting up than on
/// the bytes. Call only where `footprint_has_crc32c_instruction()`.
__attribute__((target("sse4.2")))
static inline uint32_t footprint_crc32c_short(const uint8_t *bytes, size_t count, uint32_t crc) {
    uint64_t wide = crc;
    for (; count >= 8; bytes += 8, count -= 8) {
        uint64_t word;
        __builtin_memcpy(&word, bytes, 8);
        wide = __builtin_ia32_crc32di(wide, word);
    }
    uint32_t narrow = (uint32_t)wide;
    for (; count > 0; bytes++, count--) narrow = __builtin_ia32_crc32qi(narrow, *bytes);
    return narrow;
}
#endif

#endif
