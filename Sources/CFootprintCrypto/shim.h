#ifndef CFOOTPRINT_CRYPTO_SHIM_H
#define CFOOTPRINT_CRYPTO_SHIM_H

#include <openssl/evp.h>

#endif
