#ifndef NABIJHEID_OSM_PBF_WRITER_H
#define NABIJHEID_OSM_PBF_WRITER_H

// A C interface to libosmium's PBF writer, for the synthetic towns of benchmarks and tests:
// nodes and ways with tags, written in the order given (write all nodes first, each kind by
// increasing id, as OSM files are sorted). Blocks are compressed on libosmium's threads.

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct nb_pbf_writer nb_pbf_writer;

/// Creates (or replaces) `path`. NULL on failure, with the library's message in `error`.
nb_pbf_writer *nb_pbf_writer_open(const char *path, char *error, size_t error_size);

/// Adds a node at `lon`, `lat` (WGS84 degrees; stored as OSM does, to 1e-7 degree).
int nb_pbf_writer_add_node(nb_pbf_writer *writer, int64_t id, double lon, double lat, const char *const *keys,
                           const char *const *values, size_t tag_count, char *error, size_t error_size);

/// Adds a way of the nodes `refs`.
int nb_pbf_writer_add_way(nb_pbf_writer *writer, int64_t id, const int64_t *refs, size_t ref_count, const char *const *keys,
                          const char *const *values, size_t tag_count, char *error, size_t error_size);

/// Writes what is left, closes the file and frees `writer` (also after an error). Returns 0 on
/// success; otherwise non-zero with the library's message in `error`.
int nb_pbf_writer_close(nb_pbf_writer *writer, char *error, size_t error_size);

#ifdef __cplusplus
}
#endif

#endif
