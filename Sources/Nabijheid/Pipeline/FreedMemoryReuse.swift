#if canImport(Glibc)
import CMalloc
#endif

/// How a batch run asks the C allocator to keep what it frees. By default glibc serves every
/// allocation above 128 KB–32 MB with its own `mmap` and gives it back with `munmap` on `free`,
/// so the next large array starts on fresh pages that the kernel must fault in and zero one
/// by one. A run allocates and frees arrays of millions of entries per category and per
/// profile (distances, reached segments, raster tiles): at 8 million dwellings that was 2.9
/// million page faults and 23 s of CPU in the kernel's `clear_page` alone. Served from the heap
/// and not trimmed, freed arrays are reused instead: same run, 1.9 million faults, the user CPU
/// 207 s instead of 240 s and the wall time 150 s instead of 176–180 s, for 3 % more peak
/// memory (6.7 GB instead of 6.5 GB; docs/benchmark.md).
///
/// All threads allocate from one arena. By default glibc gives threads arenas of their own, and
/// memory freed in one arena is reused only by allocations in it: the libosmium reader's
/// networks, built on a queue's thread, and the searches' arrays, made on worker threads, left
/// memory behind that the next stage on another thread could not use. At 8 million dwellings
/// one arena took the peak from 4 414 and 4 378 to 3 708 and 3 700 MB from the GeoPackage, and
/// from 5 453 to 4 064 MB from the PBF, with the runs as fast (small allocations come from each
/// thread's own cache without the arena's lock; measured on 2 cores only).
///
/// Freed memory is kept for the rest of the process, which is right for a one-shot batch
/// command and wrong for a long-lived one; call it only at the start of `run` and `check`,
/// before other threads allocate. Environment settings (`MALLOC_MMAP_MAX_` …) are overridden.
/// A no-op without glibc.
public enum FreedMemoryReuse {
    public static func enable() {
        #if canImport(Glibc)
        // No allocation of its own mapping: everything from the heap (a thread's arena falls
        // back to the main heap for what its 64 MB heaps cannot hold).
        _ = mallopt(M_MMAP_MAX, 0)
        // Never give the top of the heap back to the system during the run.
        _ = mallopt(M_TRIM_THRESHOLD, Int32.max)
        // Grow the heap by at least 64 MB at a time: fewer `brk` calls for growing arrays.
        _ = mallopt(M_TOP_PAD, 64 << 20)
        // One arena for all threads, so that what one stage frees the next reuses.
        _ = mallopt(M_ARENA_MAX, 1)
        #endif
    }
}
