#ifndef CFOOTPRINT_ZLIB_SHIM_H
#define CFOOTPRINT_ZLIB_SHIM_H

#include <zlib.h>

/// `inflateInit2` is a macro, which Swift cannot call; this wraps it.
static inline int footprint_inflateInit2(z_streamp stream, int windowBits) {
    return inflateInit2(stream, windowBits);
}

#endif
