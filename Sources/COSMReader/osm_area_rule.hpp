// GDAL's OSM driver's rule for which closed ways are areas, for osm_reader.cpp: the street
// network leaves areas out, facilities and dwellings are read from them.
// Internal to the COSMReader target (not part of its C interface in include/).

#ifndef NABIJHEID_OSM_AREA_RULE_HPP
#define NABIJHEID_OSM_AREA_RULE_HPP

#include <osmium/osm/tag.hpp>

#include <cstring>

namespace nabijheid {

// GDAL's osmconf.ini: closed ways with one of these keys (or key=value) are areas, not lines.
inline const char *const polygon_keys[] = {"aeroway", "amenity", "boundary", "building", "craft", "geological", "historic",
                                    "landuse", "leisure", "military", "natural", "office", "place", "shop", "sport", "tourism"};
inline const char *const polygon_pairs[] = {"highway=platform", "public_transport=platform"};
// Whether `key`=`value` is the listed "key=value" pair.
inline bool is_pair(const char *key, const char *value, const char *listed) {
    const char *equals = std::strchr(listed, '=');
    const size_t length = static_cast<size_t>(equals - listed);
    return std::strncmp(key, listed, length) == 0 && key[length] == 0 && std::strcmp(value, equals + 1) == 0;
}

// The rule of GDAL's OSM driver: the first area=yes|no decides; otherwise a listed key or pair.
// Asked of every closed way (a national extract's millions of buildings): keys are compared
// only where the first byte agrees, and no "key=value" string is built (both had been most of
// the 4 % that string comparisons took of reading a national PBF).
inline bool is_tagged_as_area(const osmium::TagList &tags) {
    bool area = false;
    for (const osmium::Tag &tag : tags) {
        const char *key = tag.key();
        if (std::strcmp(key, "area") == 0) {
            if (std::strcmp(tag.value(), "yes") == 0) return true;
            if (std::strcmp(tag.value(), "no") == 0) return false;
        }
        if (area) continue;
        for (const char *listed : polygon_keys) {
            if (key[0] == listed[0] && std::strcmp(key, listed) == 0) {
                area = true;
                break;
            }
        }
        if (area) continue;
        for (const char *listed : polygon_pairs) {
            if (key[0] == listed[0] && is_pair(key, tag.value(), listed)) area = true;
        }
    }
    return area;
}

} // namespace nabijheid

#endif
