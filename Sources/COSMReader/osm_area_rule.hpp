// GDAL's OSM driver's rule for which closed ways are areas, for osm_reader.cpp: the street
// network leaves areas out, facilities and dwellings are read from them.
// Internal to the COSMReader target (not part of its C interface in include/).

#ifndef NABIJHEID_OSM_AREA_RULE_HPP
#define NABIJHEID_OSM_AREA_RULE_HPP

#include <osmium/osm/tag.hpp>

#include <cstring>
#include <string>

namespace nabijheid {

// GDAL's osmconf.ini: closed ways with one of these keys (or key=value) are areas, not lines.
inline const char *const polygon_keys[] = {"aeroway", "amenity", "boundary", "building", "craft", "geological", "historic",
                                    "landuse", "leisure", "military", "natural", "office", "place", "shop", "sport", "tourism"};
inline const char *const polygon_pairs[] = {"highway=platform", "public_transport=platform"};
// The rule of GDAL's OSM driver: the first area=yes|no decides; otherwise a listed key or pair.
inline bool is_tagged_as_area(const osmium::TagList &tags) {
    bool area = false;
    std::string pair;
    for (const osmium::Tag &tag : tags) {
        if (std::strcmp(tag.key(), "area") == 0) {
            if (std::strcmp(tag.value(), "yes") == 0) return true;
            if (std::strcmp(tag.value(), "no") == 0) return false;
        }
        if (area) continue;
        for (const char *key : polygon_keys) {
            if (std::strcmp(tag.key(), key) == 0) area = true;
        }
        pair.assign(tag.key()).append("=").append(tag.value());
        for (const char *listed : polygon_pairs) {
            if (pair == listed) area = true;
        }
    }
    return area;
}

} // namespace nabijheid

#endif
