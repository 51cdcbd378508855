// libosmium reader of an OSM file's street network, facilities and dwellings in one pass; see
// osm_reader.h.

#include "osm_reader.h"
#include "node_location_store.hpp"
#include "osm_area_rule.hpp"
#include "osm_pbf_tail.hpp"

#include <osmium/area/assembler.hpp>
#include <osmium/area/multipolygon_manager.hpp>
#include <osmium/handler.hpp>
#include <osmium/io/pbf_input.hpp>
#include <osmium/io/reader.hpp>
#include <osmium/osm/area.hpp>
#include <osmium/osm/node.hpp>
#include <osmium/osm/relation.hpp>
#include <osmium/osm/way.hpp>
#include <osmium/tags/tags_filter.hpp>
#include <osmium/thread/pool.hpp>
#include <osmium/visitor.hpp>

#include <sys/stat.h>

#include <array>
#include <cstdio>
#include <cstring>
#include <exception>
#include <functional>
#include <stdexcept>
#include <string>
#include <unordered_map>
#include <vector>

namespace {

using nabijheid::is_tagged_as_area;

/// Keys the caller wants; a handful, so a linear search is fastest once the first byte has
/// turned down most keys: only the wanted keys with the same first byte are compared (an
/// address node's `addr:*` keys meet only the wanted keys that start with `a`; comparing
/// every wanted key was 3 % of reading a national PBF).
struct KeyList {
    std::vector<std::string> keys;
    /// Per first byte, the wanted keys that start with it.
    std::array<std::vector<std::string>, 256> first{};
    KeyList(const char *const *list, size_t count) {
        for (size_t i = 0; i < count; ++i) {
            keys.emplace_back(list[i]);
            first[static_cast<unsigned char>(list[i][0])].emplace_back(list[i]);
        }
    }
    bool empty() const { return keys.empty(); }
    bool contains(const char *key) const {
        // The first bytes are equal; compare the rest.
        for (const std::string &wanted : first[static_cast<unsigned char>(key[0])]) {
            if (key[0] == 0 || std::strcmp(wanted.c_str() + 1, key + 1) == 0) return true;
        }
        return false;
    }
    bool any_of(const osmium::TagList &tags) const {
        for (const osmium::Tag &tag : tags) {
            if (contains(tag.key())) return true;
        }
        return false;
    }
};

/// A way that a multipolygon or boundary relation names, as GDAL's OSM driver sees it.
struct MemberWay {
    /// In the file.
    bool seen = false;
    /// GDAL keeps the way for relations: at least two located points.
    bool present = false;
    /// Its located points form a closed ring.
    bool closed = false;
};

/// One way member of a multipolygon or boundary relation.
struct Membership {
    int64_t way;
    /// 0 subarea (GDAL leaves it out), 1 another role, 2 outer.
    int role;
};

struct RelationEntry {
    size_t first, count;
    bool wanted;
};

/// Collects the tags of an object as C strings for a callback.
struct TagArrays {
    std::vector<const char *> keys, values;
    void assign(const osmium::TagList &tags) {
        keys.clear();
        values.clear();
        for (const osmium::Tag &tag : tags) {
            keys.push_back(tag.key());
            values.push_back(tag.value());
        }
    }
};

/// The order in which nodes and areas are handed over, and the batch of address dwelling nodes
/// waiting to be (see `nb_dwelling_nodes_callback`).
class FeatureOrder {
public:
    FeatureOrder(const nb_osm_callbacks &callbacks, void *context) : callbacks_(callbacks), context_(context) {}

    /// A dwelling node, in the batch.
    void add_dwelling(int64_t id, double lon, double lat) {
        ids_.push_back(id);
        lons_.push_back(lon);
        lats_.push_back(lat);
        orders_.push_back(++handed_over_);
        if (ids_.size() >= batch_size) sync();
    }

    /// A node counted and dropped.
    void skip() { ++handed_over_; }

    /// Before a node or area is handed over on its own: the batch so far and the count.
    void sync() {
        if (ids_.empty() && synced_ == handed_over_) return;
        if (callbacks_.dwelling_nodes != nullptr) {
            callbacks_.dwelling_nodes(context_, ids_.data(), lons_.data(), lats_.data(), orders_.data(), ids_.size(), handed_over_);
        }
        synced_ = handed_over_;
        ids_.clear();
        lons_.clear();
        lats_.clear();
        orders_.clear();
    }

    /// A node or area handed over on its own, right after `sync`.
    void handed_over_one() { synced_ = ++handed_over_; }

private:
    static constexpr size_t batch_size = 1 << 16;
    const nb_osm_callbacks &callbacks_;
    void *context_;
    uint64_t handed_over_ = 0, synced_ = 0;
    std::vector<int64_t> ids_;
    std::vector<double> lons_, lats_;
    std::vector<uint64_t> orders_;
};

using Manager = osmium::area::MultipolygonManager<osmium::area::Assembler>;
using nabijheid::NodeLocationStore;

/// The relation pre-pass: the relations, for the multipolygon manager and for GDAL's rule that
/// a closed way standing for a relation's outer ring is no area of its own.
class RelationPass : public osmium::handler::Handler {
public:
    RelationPass(Manager &manager, const KeyList &area_keys, std::unordered_map<int64_t, MemberWay> &member_ways,
                 std::vector<Membership> &memberships, std::vector<RelationEntry> &relations)
        : manager_(manager), area_keys_(area_keys), member_ways_(member_ways), memberships_(memberships), relations_(relations) {}

    void relation(const osmium::Relation &relation) {
        const char *type = relation.tags().get_value_by_key("type");
        if (type == nullptr || (std::strcmp(type, "multipolygon") != 0 && std::strcmp(type, "boundary") != 0)) return;
        RelationEntry entry{memberships_.size(), 0, area_keys_.any_of(relation.tags())};
        for (const osmium::RelationMember &member : relation.members()) {
            if (member.type() != osmium::item_type::way) continue;
            const int role = std::strcmp(member.role(), "subarea") == 0 ? 0 : std::strcmp(member.role(), "outer") == 0 ? 2 : 1;
            memberships_.push_back(Membership{member.ref(), role});
            member_ways_.emplace(member.ref(), MemberWay{});
        }
        entry.count = memberships_.size() - entry.first;
        relations_.push_back(entry);
        if (entry.wanted) manager_.relation(relation);
    }

private:
    Manager &manager_;
    const KeyList &area_keys_;
    std::unordered_map<int64_t, MemberWay> &member_ways_;
    std::vector<Membership> &memberships_;
    std::vector<RelationEntry> &relations_;
};

/// The pass over nodes and ways: every part the caller asked for, one node-location index.
class NodeWayPass : public osmium::handler::Handler {
public:
    NodeWayPass(bool pbf, bool highways, const KeyList &highway_node_keys, const KeyList &feature_node_keys,
                const char *dwelling_key, const KeyList &catalog_node_keys, const KeyList &dwelling_excluded_keys,
                const KeyList &area_keys, NodeLocationStore *locations, std::unordered_map<int64_t, MemberWay> &member_ways,
                std::function<void(const osmium::Way &)> assemble_member, FeatureOrder &order, const nb_osm_callbacks &callbacks,
                void *context, nb_osm_counts &counts)
        : pbf_(pbf), highways_(highways), highway_node_keys_(highway_node_keys), feature_node_keys_(feature_node_keys),
          dwelling_key_(dwelling_key), catalog_node_keys_(catalog_node_keys), dwelling_excluded_keys_(dwelling_excluded_keys),
          area_keys_(area_keys), locations_(locations), member_ways_(member_ways), assemble_member_(std::move(assemble_member)),
          order_(order), callbacks_(callbacks), context_(context), counts_(counts) {}

    void node(const osmium::Node &node) {
        if (locations_ != nullptr) locations_->set(node.id(), node.location());
        if (node.tags().empty()) return;
        const osmium::Location location = node.location();
        if (!location.valid()) return;
        if (!highway_node_keys_.empty() && highway_node_keys_.any_of(node.tags())) {
            tags_.assign(node.tags());
            callbacks_.highway_node(context_, node.id(), tags_.keys.data(), tags_.values.data(), tags_.keys.size(), location.lon(),
                                    location.lat());
        }
        if (!feature_node_keys_.empty() && feature_node_keys_.any_of(node.tags())) {
            ++counts_.feature_nodes;
            // GDAL's OSM driver turns a PBF node's coordinate into degrees as 1e-9 × (granularity ×
            // value) (osm_parser.cpp), which differs from value / 1e7 in the last bit; with the
            // default granularity of 100 nanodegrees the value is libosmium's. The same doubles give
            // the same positions to the last bit.
            const double lon = pbf_ ? .000000001 * (100.0 * location.x()) : location.lon();
            const double lat = pbf_ ? .000000001 * (100.0 * location.y()) : location.lat();
            // Most of them are address nodes: whether one is a dwelling depends on its keys
            // alone, decided here instead of handing over its tags one node at a time.
            if (dwelling_key_ != nullptr) {
                bool catalog = false, housenumber = false, excluded = false;
                for (const osmium::Tag &tag : node.tags()) {
                    const char *key = tag.key();
                    if (catalog_node_keys_.contains(key)) {
                        catalog = true;
                        break;
                    }
                    if (std::strcmp(key, dwelling_key_) == 0) housenumber = true;
                    else if (dwelling_excluded_keys_.contains(key)) excluded = true;
                }
                if (!catalog) {
                    if (housenumber && !excluded) order_.add_dwelling(node.id(), lon, lat);
                    else order_.skip();
                    return;
                }
            }
            order_.sync();
            order_.handed_over_one();
            tags_.assign(node.tags());
            callbacks_.feature_node(context_, node.id(), tags_.keys.data(), tags_.values.data(), tags_.keys.size(), lon, lat);
        }
    }

    void way(osmium::Way &way) {
        const osmium::WayNodeList &nodes = way.nodes();
        if (way.tags().empty() && member_ways_.empty()) return;
        const bool closed_refs = nodes.size() >= 2 && nodes.front().ref() == nodes.back().ref();
        const bool is_area = closed_refs && is_tagged_as_area(way.tags());
        // As GDAL: an untagged way is no line, nor is a closed way tagged as an area.
        const bool line = highways_ && !way.tags().empty() && !is_area;
        const bool area = is_area && !area_keys_.empty() && area_keys_.any_of(way.tags());
        const auto member = member_ways_.empty() ? member_ways_.end() : member_ways_.find(way.id());
        if (!line && !area && member == member_ways_.end()) return;
        // Only now, for a way some part uses, are its node locations looked up.
        if (!index_settled_) {
            index_settled_ = true;
            locations_->prepare_for_lookup();
        }
        locations_->locate(way);
        if (line) read_line(way);
        if (member != member_ways_.end()) {
            note_member(member->second, nodes, is_area);
            // Only members reach the multipolygon manager: for any other way with four nodes or
            // more it would look at (unlooked-up) locations or assemble an area nobody asked for.
            assemble_member_(way);
        }
        if (area) read_area(way);
    }

    /// With the relations read from the file's end (`read_pbf_tail_relations`): counts the
    /// relations of the whole file, which must be the ones read there.
    void relation(const osmium::Relation &) { ++relations_seen_; }
    uint64_t relations_seen() const { return relations_seen_; }

private:
    void read_line(const osmium::Way &way) {
        coordinates_.clear();
        bool missing = false;
        for (const osmium::NodeRef &node : way.nodes()) {
            const osmium::Location location = node.location();
            if (!location.valid()) {
                missing = true;
                continue;
            }
            coordinates_.push_back(location.lon());
            coordinates_.push_back(location.lat());
        }
        if (missing) ++counts_.lines_missing_nodes;
        if (coordinates_.size() < 4) {
            ++counts_.lines_without_geometry;
            return;
        }
        ++counts_.lines;
        if (way.tags().get_value_by_key("highway") == nullptr) return;
        ++counts_.highways;
        tags_.assign(way.tags());
        callbacks_.highway(context_, way.id(), tags_.keys.data(), tags_.values.data(), tags_.keys.size(), coordinates_.data(),
                           coordinates_.size() / 2);
    }

    void read_area(const osmium::Way &way) {
        const osmium::WayNodeList &nodes = way.nodes();
        // GDAL's ring: the located nodes but the last (the first again), then the first repeated.
        coordinates_.clear();
        bool missing = false;
        for (size_t i = 0; i + 1 < nodes.size(); ++i) {
            const osmium::Location location = nodes[i].location();
            if (!location.valid()) {
                missing = true;
                continue;
            }
            coordinates_.push_back(location.lon());
            coordinates_.push_back(location.lat());
        }
        if (missing) ++counts_.areas_missing_nodes;
        if (coordinates_.size() < 6) {
            ++counts_.broken_rings;
            return;
        }
        coordinates_.push_back(coordinates_[0]);
        coordinates_.push_back(coordinates_[1]);
        const size_t rings = 1, points = coordinates_.size() / 2;
        tags_.assign(way.tags());
        ++counts_.way_areas;
        order_.sync();
        order_.handed_over_one();
        callbacks_.feature_area(context_, 0, way.id(), tags_.keys.data(), tags_.values.data(), tags_.keys.size(), 1, &rings,
                                &points, coordinates_.data());
    }

    /// What GDAL keeps of a relation's member way: its located points (for a way that is an
    /// area of its own, all but the last node, then the first repeated).
    static void note_member(MemberWay &member, const osmium::WayNodeList &nodes, bool is_area) {
        member.seen = true;
        const size_t used = is_area ? nodes.size() - 1 : nodes.size();
        size_t located = 0;
        osmium::Location first, last;
        for (size_t i = 0; i < used; ++i) {
            const osmium::Location location = nodes[i].location();
            if (!location.valid()) continue;
            if (located == 0) first = location;
            last = location;
            ++located;
        }
        const size_t points = located + (is_area && located > 0 ? 1 : 0);
        member.present = nodes.size() >= 2 && points >= 2;
        member.closed = member.present && (is_area || first == last);
    }

    bool pbf_;
    bool highways_;
    const KeyList &highway_node_keys_;
    const KeyList &feature_node_keys_;
    const char *dwelling_key_;
    const KeyList &catalog_node_keys_;
    const KeyList &dwelling_excluded_keys_;
    const KeyList &area_keys_;
    NodeLocationStore *locations_;
    bool index_settled_ = false;
    uint64_t relations_seen_ = 0;
    std::unordered_map<int64_t, MemberWay> &member_ways_;
    std::function<void(const osmium::Way &)> assemble_member_;
    FeatureOrder &order_;
    const nb_osm_callbacks &callbacks_;
    void *context_;
    nb_osm_counts &counts_;
    TagArrays tags_;
    std::vector<double> coordinates_;
};

/// The relations' areas as libosmium's assembler builds them.
class AreaHandler : public osmium::handler::Handler {
public:
    AreaHandler(void *context, nb_feature_area_callback area, FeatureOrder &order, nb_osm_counts &counts)
        : context_(context), area_(area), order_(order), counts_(counts) {}

    void area(const osmium::Area &area) {
        if (area.from_way()) return;
        rings_per_polygon_.clear();
        points_per_ring_.clear();
        coordinates_.clear();
        for (const osmium::OuterRing &outer : area.outer_rings()) {
            size_t rings = 1;
            add_ring(outer);
            for (const osmium::InnerRing &inner : area.inner_rings(outer)) {
                add_ring(inner);
                ++rings;
            }
            rings_per_polygon_.push_back(rings);
        }
        // An empty area is the assembler's way of saying it failed (counted by the caller).
        if (rings_per_polygon_.empty()) return;
        tags_.assign(area.tags());
        ++counts_.relation_areas;
        order_.sync();
        order_.handed_over_one();
        area_(context_, 1, area.orig_id(), tags_.keys.data(), tags_.values.data(), tags_.keys.size(), rings_per_polygon_.size(),
              rings_per_polygon_.data(), points_per_ring_.data(), coordinates_.data());
    }

private:
    void add_ring(const osmium::NodeRefList &ring) {
        for (const osmium::NodeRef &node : ring) {
            coordinates_.push_back(node.location().lon_without_check());
            coordinates_.push_back(node.location().lat_without_check());
        }
        points_per_ring_.push_back(ring.size());
    }

    void *context_;
    nb_feature_area_callback area_;
    FeatureOrder &order_;
    nb_osm_counts &counts_;
    TagArrays tags_;
    std::vector<size_t> rings_per_polygon_, points_per_ring_;
    std::vector<double> coordinates_;
};

/// Reads every buffer of `reader` into `handlers`; on failure remembers how far the input got.
template <typename... Handlers>
void read_all(osmium::io::Reader &reader, size_t &offset, Handlers &...handlers) {
    try {
        while (osmium::memory::Buffer buffer = reader.read()) {
            offset = reader.offset();
            osmium::apply(buffer, handlers...);
        }
    } catch (...) {
        offset = reader.offset();
        throw;
    }
    reader.close();
}

} // namespace

extern "C" int nb_read_osm(const char *path, const nb_osm_request *request, const nb_osm_callbacks *callbacks, void *context,
                           nb_osm_counts *counts, char *error, size_t error_size) {
    *counts = nb_osm_counts{};
    size_t offset = 0, size = 0;
    try {
        const KeyList highway_node_keys{request->highway_node_keys, request->highway_node_key_count};
        const KeyList feature_node_keys{request->feature_node_keys, request->feature_node_key_count};
        const KeyList area_keys{request->feature_area_keys, request->feature_area_key_count};
        // The feature node keys but the dwelling key: a node with one of them may be a facility.
        std::vector<const char *> catalog_list;
        for (size_t i = 0; i < request->feature_node_key_count; ++i) {
            const char *key = request->feature_node_keys[i];
            if (request->dwelling_node_key == nullptr || std::strcmp(key, request->dwelling_node_key) != 0) catalog_list.push_back(key);
        }
        const KeyList catalog_node_keys{catalog_list.data(), catalog_list.size()};
        const KeyList dwelling_excluded_keys{request->dwelling_node_excluded_keys, request->dwelling_node_excluded_key_count};
        const bool highways = request->highways != 0;
        // Declared before the readers, so that it outlives them.
        osmium::thread::Pool pool{request->decoding_threads};
        osmium::area::AssemblerConfig config;
        config.create_way_polygons = false; // closed ways are read as GDAL reads them, above
        config.keep_type_tag = true;        // GDAL keeps it
        osmium::TagsFilter filter{false};
        for (const std::string &key : area_keys.keys) filter.add_rule(true, osmium::TagMatcher{key});
        Manager manager{config, filter};
        std::unordered_map<int64_t, MemberWay> member_ways;
        std::vector<Membership> memberships;
        std::vector<RelationEntry> relations;

        // The relations first, only for areas.
        const bool areas_wanted = !area_keys.empty();
        const bool pbf = osmium::io::File{path}.format() == osmium::io::file_format::pbf;
        // From the file's end when it is a PBF sorted by type and id; else a pass over all of it.
        bool relations_from_tail = false;
        uint64_t tail_relations = 0;
        if (areas_wanted) {
            RelationPass pass{manager, area_keys, member_ways, memberships, relations};
            struct stat status {};
            if (pbf && ::stat(path, &status) == 0) {
                nabijheid::PBFTailRelations tail = nabijheid::read_pbf_tail_relations(path, uint64_t(status.st_size));
                if (tail.complete) {
                    for (osmium::memory::Buffer &buffer : tail.buffers) osmium::apply(buffer, pass);
                    relations_from_tail = true;
                    tail_relations = tail.relations;
                }
            }
            if (!relations_from_tail) {
                osmium::io::Reader reader{path, osmium::osm_entity_bits::relation, osmium::io::read_meta::no, pool};
                size = reader.file_size();
                read_all(reader, offset, pass);
            }
            manager.prepare_for_lookup();
        }

        // The pass over nodes and ways; ways and node locations only when a part uses ways
        // (address dwellings and facility nodes alone need neither).
        offset = 0;
        const bool ways_wanted = highways || areas_wanted;
        // With the relations read from the end, they are counted here too: a file that declares
        // its order but has a relation elsewhere is refused rather than read without it.
        osmium::osm_entity_bits::type entities = ways_wanted ? osmium::osm_entity_bits::node | osmium::osm_entity_bits::way
                                                             : osmium::osm_entity_bits::node;
        if (relations_from_tail) entities |= osmium::osm_entity_bits::relation;
        osmium::io::Reader reader{path, entities, osmium::io::read_meta::no, pool};
        size = reader.file_size();
        NodeLocationStore locations;
        FeatureOrder order{*callbacks, context};
        AreaHandler areas{context, callbacks->feature_area, order, *counts};
        auto &assembly = manager.handler([&areas](osmium::memory::Buffer &&buffer) { osmium::apply(buffer, areas); });
        NodeWayPass pass{pbf,
                         highways,
                         highway_node_keys,
                         feature_node_keys,
                         request->dwelling_node_key,
                         catalog_node_keys,
                         dwelling_excluded_keys,
                         area_keys,
                         ways_wanted ? &locations : nullptr,
                         member_ways,
                         [&assembly](const osmium::Way &way) { assembly.way(way); },
                         order,
                         *callbacks,
                         context,
                         *counts};
        read_all(reader, offset, pass);
        assembly.flush();
        order.sync();
        if (relations_from_tail && pass.relations_seen() != tail_relations) {
            throw std::runtime_error("the file declares its objects sorted by type and id (Sort.Type_then_ID), but " +
                                     std::to_string(pass.relations_seen() - tail_relations) +
                                     " relations come before its last node or way; sort it with 'osmium sort'");
        }

        uint64_t wanted_complete = 0;
        for (const RelationEntry &relation : relations) {
            bool all_seen = true, all_present = true;
            for (size_t i = relation.first; i < relation.first + relation.count; ++i) {
                const MemberWay &member = member_ways[memberships[i].way];
                all_seen = all_seen && member.seen;
                if (memberships[i].role != 0) all_present = all_present && member.present;
            }
            if (relation.wanted) {
                if (all_seen) ++wanted_complete;
                else ++counts->relations_incomplete;
            }
            // GDAL: a relation whose member ways are all there takes the place of its closed outer ways.
            if (!all_present) continue;
            for (size_t i = relation.first; i < relation.first + relation.count; ++i) {
                if (memberships[i].role == 2 && member_ways[memberships[i].way].closed) {
                    callbacks->feature_suppressed(context, memberships[i].way);
                }
            }
        }
        counts->relations_failed = wanted_complete - counts->relation_areas;
        return 0;
    } catch (const std::exception &exception) {
        std::snprintf(error, error_size, "%s (after byte %zu of %zu)", exception.what(), offset, size);
        return 1;
    }
}
