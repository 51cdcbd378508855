#ifndef NABIJHEID_OSM_FEATURE_READER_H
#define NABIJHEID_OSM_FEATURE_READER_H

// A C interface to a libosmium reader of the OSM objects facilities and dwellings are made of:
// tagged nodes and areas (closed ways and multipolygon relations) that carry one of the keys
// the caller asks for. It hands over what GDAL's OSM driver would put in its 'points' and
// 'multipolygons' layers for those objects, with the same rings, but filters by key before
// any node location is looked up for an area or any relation is assembled. Two passes: the
// relations first (libosmium's multipolygon manager must know its members before it meets
// them), then nodes and ways. Nothing is written to disk.

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// What the caller wants: nodes with one of `node_keys`, areas with one of `area_keys`.
typedef struct nb_feature_request {
    const char *const *node_keys;
    size_t node_key_count;
    const char *const *area_keys;
    size_t area_key_count;
} nb_feature_request;

/// A tagged node with a wanted key, in file order. All its tags; WGS84 degrees as OSM stores
/// them (integers of 1e-7 degree divided by 1e7).
typedef void (*nb_feature_node_callback)(void *context, int64_t node_id, const char *const *keys, const char *const *values,
                                         size_t tag_count, double lon, double lat);

/// An area with a wanted key: a closed way (`is_relation` 0) or a multipolygon or boundary
/// relation (1), with all its tags. `polygon_count` polygons; polygon i has
/// `rings_per_polygon[i]` rings (the outer one first), ring j has `points_per_ring[j]`
/// points; `coordinates` holds the longitude, latitude pairs of all rings in that order,
/// each ring closed. A closed way's ring is the way's located nodes with the first repeated
/// last, exactly as GDAL's OSM driver builds it. Ways come in file order, relations when
/// their last member way has been read: the caller sorts if it needs file order.
typedef void (*nb_feature_area_callback)(void *context, int is_relation, int64_t id, const char *const *keys,
                                         const char *const *values, size_t tag_count, size_t polygon_count,
                                         const size_t *rings_per_polygon, const size_t *points_per_ring,
                                         const double *coordinates);

/// A closed way handed over as an area that GDAL's OSM driver leaves out of its
/// 'multipolygons' layer: an outer ring of a multipolygon or boundary relation all of whose
/// member ways are in the file (the relation stands for it). Called after the read.
typedef void (*nb_feature_suppressed_callback)(void *context, int64_t way_id);

typedef struct nb_feature_counts {
    /// Nodes handed over.
    uint64_t nodes;
    /// Closed ways handed over.
    uint64_t way_areas;
    /// Relations handed over.
    uint64_t relation_areas;
    /// Wanted closed ways of which some node has no location in the file (a clipped extract).
    uint64_t ways_missing_nodes;
    /// Wanted closed ways with fewer than four located ring points: no area, skipped.
    uint64_t broken_rings;
    /// Wanted relations of which some member way is not in the file (a clipped extract):
    /// never assembled.
    uint64_t relations_incomplete;
    /// Wanted relations the area assembler could not make a valid area of: skipped.
    uint64_t relations_failed;
} nb_feature_counts;

/// Reads `path` (.osm.pbf, or .osm / .osm.bz2 / .osm.gz where libosmium supports it).
/// Returns 0 on success; otherwise non-zero with a message (the library's, with the byte
/// offset reached) in `error`; the callbacks may have been called before the error.
int nb_read_features(const char *path, const nb_feature_request *request, void *context, nb_feature_node_callback node,
                     nb_feature_area_callback area, nb_feature_suppressed_callback suppressed, nb_feature_counts *counts,
                     char *error, size_t error_size);

#ifdef __cplusplus
}
#endif

#endif
