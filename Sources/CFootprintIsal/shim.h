#ifndef CFOOTPRINT_ISAL_SHIM_H
#define CFOOTPRINT_ISAL_SHIM_H

/// Intel ISA-L's inflater (Debian `libisal-dev`): gzip several times faster than zlib on x86-64 and arm64.
#include <isa-l/igzip_lib.h>
/// Its CRC-32C (`crc32_iscsi`), with the CPU's CRC instruction where there is one.
#include <isa-l/crc.h>

#endif
