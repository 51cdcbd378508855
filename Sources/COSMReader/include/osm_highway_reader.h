#ifndef NABIJHEID_OSM_HIGHWAY_READER_H
#define NABIJHEID_OSM_HIGHWAY_READER_H

// A C interface to a libosmium reader of the ways an OSM file's street network is made of:
// every way that GDAL's OSM driver would put in its 'lines' layer and that has a highway tag,
// with its tags and its node locations, in file order. Node locations are kept in an index
// sized for the whole country (sparse node ids are fine); blocks are decoded on libosmium's
// worker threads. Nothing is written to disk.

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// Called once per highway way. `keys`/`values` hold `tag_count` tags; `coordinates` holds
/// longitude, latitude pairs of the `node_count` nodes that have a location (WGS84 degrees,
/// exactly as OSM stores them: integers of 1e-7 degree divided by 1e7).
typedef void (*nb_highway_callback)(void *context, int64_t way_id, const char *const *keys, const char *const *values,
                                    size_t tag_count, const double *coordinates, size_t node_count);

/// Called for every node that has a tag with one of the keys given to `nb_read_highways`
/// (barriers, kerbs, crossings for the mobility profiles), before the ways that use it.
typedef void (*nb_node_callback)(void *context, int64_t node_id, const char *const *keys, const char *const *values,
                                 size_t tag_count, double longitude, double latitude);

typedef struct nb_highway_counts {
    /// Ways GDAL's 'lines' layer would hold: tagged, not closed areas, with at least two
    /// located nodes.
    uint64_t lines;
    /// Highway ways handed to the callback.
    uint64_t highways;
    /// Ways of which some node has no location in the file (a clipped extract).
    uint64_t ways_missing_nodes;
    /// Ways with fewer than two located nodes, skipped.
    uint64_t ways_without_geometry;
} nb_highway_counts;

/// Reads `path` (.osm.pbf, or .osm / .osm.bz2 / .osm.gz where libosmium supports it).
/// Returns 0 on success; otherwise non-zero with a message (the library's, with the byte
/// offset reached) in `error`.
/// `node_keys` (`node_key_count` keys, may be 0) select the nodes handed to `node_callback`.
int nb_read_highways(const char *path, void *context, nb_highway_callback callback, nb_node_callback node_callback,
                     const char *const *node_keys, size_t node_key_count, nb_highway_counts *counts,
                     char *error, size_t error_size);

#ifdef __cplusplus
}
#endif

#endif
