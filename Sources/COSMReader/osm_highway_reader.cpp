// libosmium reader of an OSM file's highway ways with node locations; see osm_highway_reader.h.

#include "osm_highway_reader.h"
#include "osm_area_rule.hpp"

#include <osmium/handler.hpp>
#include <osmium/handler/node_locations_for_ways.hpp>
#include <osmium/index/map/flex_mem.hpp>
#include <osmium/io/pbf_input.hpp>
#include <osmium/io/reader.hpp>
#include <osmium/osm/way.hpp>
#include <osmium/visitor.hpp>

#include <cstdio>
#include <cstring>
#include <exception>
#include <string>
#include <utility>
#include <vector>

namespace {

using nabijheid::is_tagged_as_area;

class HighwayHandler : public osmium::handler::Handler {
public:
    HighwayHandler(void *context, nb_highway_callback callback, nb_node_callback node_callback,
                   std::vector<std::string> node_keys, nb_highway_counts &counts)
        : context_(context), callback_(callback), node_callback_(node_callback), node_keys_(std::move(node_keys)),
          counts_(counts) {}

    void node(const osmium::Node &node) {
        if (node_keys_.empty() || node.tags().empty() || !node.location().valid()) return;
        bool wanted = false;
        for (const osmium::Tag &tag : node.tags()) {
            for (const std::string &key : node_keys_) {
                if (key == tag.key()) wanted = true;
            }
        }
        if (!wanted) return;
        keys_.clear();
        values_.clear();
        for (const osmium::Tag &tag : node.tags()) {
            keys_.push_back(tag.key());
            values_.push_back(tag.value());
        }
        node_callback_(context_, node.id(), keys_.data(), values_.data(), keys_.size(), node.location().lon(),
                       node.location().lat());
    }

    void way(const osmium::Way &way) {
        const osmium::WayNodeList &nodes = way.nodes();
        // As GDAL: an untagged way is no line, nor is a closed way tagged as an area.
        if (way.tags().empty()) return;
        if (nodes.size() >= 2 && nodes.front().ref() == nodes.back().ref() && is_tagged_as_area(way.tags())) return;
        const char *highway = way.tags().get_value_by_key("highway");
        coordinates_.clear();
        bool missing = false;
        for (const osmium::NodeRef &node : nodes) {
            const osmium::Location location = node.location();
            if (!location.valid()) {
                missing = true;
                continue;
            }
            coordinates_.push_back(location.lon());
            coordinates_.push_back(location.lat());
        }
        if (missing) ++counts_.ways_missing_nodes;
        if (coordinates_.size() < 4) {
            ++counts_.ways_without_geometry;
            return;
        }
        ++counts_.lines;
        if (highway == nullptr) return;
        ++counts_.highways;
        keys_.clear();
        values_.clear();
        for (const osmium::Tag &tag : way.tags()) {
            keys_.push_back(tag.key());
            values_.push_back(tag.value());
        }
        callback_(context_, way.id(), keys_.data(), values_.data(), keys_.size(), coordinates_.data(), coordinates_.size() / 2);
    }

private:
    void *context_;
    nb_highway_callback callback_;
    nb_node_callback node_callback_;
    std::vector<std::string> node_keys_;
    nb_highway_counts &counts_;
    std::vector<double> coordinates_;
    std::vector<const char *> keys_;
    std::vector<const char *> values_;
};

} // namespace

extern "C" int nb_read_highways(const char *path, void *context, nb_highway_callback callback, nb_node_callback node_callback,
                                const char *const *node_keys, size_t node_key_count, nb_highway_counts *counts,
                                char *error, size_t error_size) {
    *counts = nb_highway_counts{0, 0, 0, 0};
    size_t offset = 0, size = 0;
    try {
        osmium::io::Reader reader{path, osmium::osm_entity_bits::node | osmium::osm_entity_bits::way};
        size = reader.file_size();
        using Index = osmium::index::map::FlexMem<osmium::unsigned_object_id_type, osmium::Location>;
        Index index;
        osmium::handler::NodeLocationsForWays<Index> locations{index};
        locations.ignore_errors();
        std::vector<std::string> keys;
        if (node_callback != nullptr) {
            for (size_t i = 0; i < node_key_count; ++i) keys.emplace_back(node_keys[i]);
        }
        HighwayHandler handler{context, callback, node_callback, std::move(keys), *counts};
        while (osmium::memory::Buffer buffer = reader.read()) {
            offset = reader.offset();
            osmium::apply(buffer, locations, handler);
        }
        reader.close();
        return 0;
    } catch (const std::exception &exception) {
        std::snprintf(error, error_size, "%s (after byte %zu of %zu)", exception.what(), offset, size);
        return 1;
    }
}
