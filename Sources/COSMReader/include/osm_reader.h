#ifndef NABIJHEID_OSM_READER_H
#define NABIJHEID_OSM_READER_H

// A C interface to a libosmium reader of everything a run takes from one OSM file, in one
// streaming pass over its nodes and ways:
// - the street network: every way that GDAL's OSM driver would put in its 'lines' layer and
//   that has a highway tag, with its tags and node locations, in file order; and the nodes
//   with a tag the mobility profiles use (barriers, kerbs, crossings);
// - facilities and dwellings: tagged nodes and areas (closed ways and multipolygon relations)
//   with one of the keys the caller asks for, as GDAL's 'points' and 'multipolygons' layers
//   would give them, with the same rings.
// Each part only when asked for. Tags are filtered before any node location is looked up; one
// node-location index serves all parts; blocks are decoded on libosmium's worker threads,
// without metadata. Only when areas are wanted are the relations read first (libosmium's
// multipolygon manager must know a relation's members before it meets them): from the last
// blocks of a file sorted by type and id (osm_pbf_tail.hpp), else in a pass of their own.
// Address dwelling nodes are told apart by their keys here and handed over in batches.
// Nothing is written to disk.

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// What the caller wants. Any part may be left out (`highways` 0, no keys).
typedef struct nb_osm_request {
    /// Hand over the highway ways (and count GDAL's 'lines').
    int highways;
    /// Nodes with one of these keys go to `highway_node` (mobility profiles).
    const char *const *highway_node_keys;
    size_t highway_node_key_count;
    /// Nodes with one of these keys go to `feature_node` (facilities, address dwellings).
    const char *const *feature_node_keys;
    size_t feature_node_key_count;
    /// Areas with one of these keys go to `feature_area` (facilities, building dwellings).
    const char *const *feature_area_keys;
    size_t feature_area_key_count;
    /// Address dwellings (may be NULL): a node with this key (one of the feature node keys),
    /// none of the other feature node keys and none of the excluded keys is a dwelling by its
    /// keys alone. Such nodes go to `dwelling_nodes` in batches, without their tags; a node
    /// with this key and an excluded key but no other feature key is counted and dropped.
    const char *dwelling_node_key;
    const char *const *dwelling_node_excluded_keys;
    size_t dwelling_node_excluded_key_count;
    /// Threads decoding the file's blocks; 0 for libosmium's default (the cores less two, at
    /// least one: a single decoding thread on a machine of two cores).
    int decoding_threads;
} nb_osm_request;

/// A highway way. `keys`/`values` hold `tag_count` tags; `coordinates` holds longitude,
/// latitude pairs of the `node_count` nodes that have a location (WGS84 degrees, exactly as OSM
/// stores them: integers of 1e-7 degree divided by 1e7).
typedef void (*nb_highway_callback)(void *context, int64_t way_id, const char *const *keys, const char *const *values,
                                    size_t tag_count, const double *coordinates, size_t node_count);

/// A node with one of the highway node keys, before the ways that use it; degrees as above.
typedef void (*nb_highway_node_callback)(void *context, int64_t node_id, const char *const *keys, const char *const *values,
                                         size_t tag_count, double longitude, double latitude);

/// A tagged node with a wanted feature key, in file order. All its tags; WGS84 degrees as GDAL's
/// OSM driver computes them from a PBF (see osm_reader.cpp), as OSM stores them otherwise.
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

/// Address dwelling nodes (see `dwelling_node_key`), `count` of them, in file order, with
/// degrees as `feature_node` gives them. Every node and area handed over (in batches, dropped,
/// or one by one) has an order, 1, 2, …: `orders` holds the dwellings', `handed_over` the
/// number handed over so far. A batch (possibly empty) comes before every `feature_node` and
/// `feature_area` call and at the end, so that `handed_over` + 1 is the order of that call.
typedef void (*nb_dwelling_nodes_callback)(void *context, const int64_t *ids, const double *longitudes, const double *latitudes,
                                           const uint64_t *orders, size_t count, uint64_t handed_over);

/// A closed way handed over as an area that GDAL's OSM driver leaves out of its
/// 'multipolygons' layer: an outer ring of a multipolygon or boundary relation all of whose
/// member ways are in the file (the relation stands for it). Called after the read.
typedef void (*nb_feature_suppressed_callback)(void *context, int64_t way_id);

/// The callbacks of the parts asked for (the others may be NULL).
typedef struct nb_osm_callbacks {
    nb_highway_callback highway;
    nb_highway_node_callback highway_node;
    nb_feature_node_callback feature_node;
    nb_feature_area_callback feature_area;
    nb_feature_suppressed_callback feature_suppressed;
    nb_dwelling_nodes_callback dwelling_nodes;
} nb_osm_callbacks;

typedef struct nb_osm_counts {
    // The street network (only with `highways`).
    /// Ways GDAL's 'lines' layer would hold: tagged, not closed areas, with at least two
    /// located nodes.
    uint64_t lines;
    /// Highway ways handed over.
    uint64_t highways;
    /// Tagged non-area ways of which some node has no location in the file (a clipped extract).
    uint64_t lines_missing_nodes;
    /// Tagged non-area ways with fewer than two located nodes, skipped.
    uint64_t lines_without_geometry;

    // Facilities and dwellings.
    /// Nodes handed over.
    uint64_t feature_nodes;
    /// Closed ways handed over.
    uint64_t way_areas;
    /// Relations handed over.
    uint64_t relation_areas;
    /// Wanted closed ways of which some node has no location in the file (a clipped extract).
    uint64_t areas_missing_nodes;
    /// Wanted closed ways with fewer than four located ring points: no area, skipped.
    uint64_t broken_rings;
    /// Wanted relations of which some member way is not in the file (a clipped extract):
    /// never assembled.
    uint64_t relations_incomplete;
    /// Wanted relations the area assembler could not make a valid area of: skipped.
    uint64_t relations_failed;
} nb_osm_counts;

/// Reads `path` (.osm.pbf, or .osm / .osm.bz2 / .osm.gz where libosmium supports it).
/// Returns 0 on success; otherwise non-zero with a message (the library's, with the byte
/// offset reached) in `error`; the callbacks may have been called before the error.
int nb_read_osm(const char *path, const nb_osm_request *request, const nb_osm_callbacks *callbacks, void *context,
                nb_osm_counts *counts, char *error, size_t error_size);

#ifdef __cplusplus
}
#endif

#endif
