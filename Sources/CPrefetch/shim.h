// A hint to the processor to fetch a cache line before it is read, which Swift cannot express.
#ifndef NABIJHEID_PREFETCH_H
#define NABIJHEID_PREFETCH_H

static inline void nabijheid_prefetch(const void *address) {
#if defined(__GNUC__) || defined(__clang__)
    __builtin_prefetch(address, 0, 3);
#else
    (void)address;
#endif
}

#endif
