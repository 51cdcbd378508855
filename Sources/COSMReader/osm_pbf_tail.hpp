// The relations of an OSM PBF sorted by type and id, read from the end of the file.
//
// libosmium's multipolygon manager must know the relations before it meets their member ways,
// so a reader that wants areas needs the relations first. A full pass over the file with only
// relations asked for still inflates every block (decompression is most of the cost of reading
// a PBF). A file that declares `Sort.Type_then_ID` (Geofabrik's extracts, osmium's and
// osmconvert's output, the generated towns) has every relation after every node and way: the
// blocks are walked by their headers alone, and only the last ones are decoded, back to the
// first block that holds a node or a way.

#ifndef NABIJHEID_OSM_PBF_TAIL_HPP
#define NABIJHEID_OSM_PBF_TAIL_HPP

#include <osmium/io/detail/pbf.hpp>
#include <osmium/io/detail/pbf_decoder.hpp>
#include <osmium/memory/buffer.hpp>
#include <osmium/osm/entity.hpp>
#include <osmium/osm/item_type.hpp>
#include <protozero/pbf_reader.hpp>

#include <cstdint>
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

namespace nabijheid {

/// The relation blocks at the end of a sorted PBF, decoded; `complete` false when the file does
/// not declare the order, or its block structure is not intact (then the caller reads the
/// relations as before, and a damaged file gets libosmium's message with its byte offset).
struct PBFTailRelations {
    bool complete = false;
    /// Buffers in file order, with every relation of the file (and nothing else of interest).
    std::vector<osmium::memory::Buffer> buffers;
    /// Relations in `buffers`.
    uint64_t relations = 0;
};

namespace detail {

struct BlobPosition {
    bool data;         ///< "OSMData" (else "OSMHeader")
    uint64_t offset;   ///< of the blob's bytes
    uint32_t size;
};

struct File {
    std::FILE *handle;
    explicit File(const char *path) : handle(std::fopen(path, "rb")) {}
    ~File() {
        if (handle != nullptr) std::fclose(handle);
    }
    bool read(uint64_t offset, std::string &into, size_t size) {
        into.resize(size);
        return std::fseek(handle, static_cast<long>(offset), SEEK_SET) == 0 && std::fread(&into[0], 1, size, handle) == size;
    }
};

/// Every blob's position by its header; false when a header is damaged or the file ends early.
inline bool blob_positions(File &file, uint64_t file_size, std::vector<BlobPosition> &blobs) {
    uint64_t offset = 0;
    std::string bytes;
    while (offset < file_size) {
        if (!file.read(offset, bytes, 4)) return false;
        const uint32_t header_size = (uint32_t(uint8_t(bytes[0])) << 24) | (uint32_t(uint8_t(bytes[1])) << 16) |
                                     (uint32_t(uint8_t(bytes[2])) << 8) | uint32_t(uint8_t(bytes[3]));
        if (header_size == 0 || header_size > uint32_t(osmium::io::detail::max_blob_header_size)) return false;
        if (!file.read(offset + 4, bytes, header_size)) return false;
        std::string type;
        int64_t data_size = -1;
        try {
            protozero::pbf_reader header{bytes};
            while (header.next()) {
                if (header.tag() == 1 && header.wire_type() == protozero::pbf_wire_type::length_delimited) {
                    type = header.get_string();
                } else if (header.tag() == 3 && header.wire_type() == protozero::pbf_wire_type::varint) {
                    data_size = header.get_int32();
                } else {
                    header.skip();
                }
            }
        } catch (...) {
            return false;
        }
        if ((type != "OSMData" && type != "OSMHeader") || data_size <= 0 ||
            uint64_t(data_size) > osmium::io::detail::max_uncompressed_blob_size) {
            return false;
        }
        const uint64_t data_offset = offset + 4 + header_size;
        if (data_offset + uint64_t(data_size) > file_size) return false;
        blobs.push_back(BlobPosition{type == "OSMData", data_offset, uint32_t(data_size)});
        offset = data_offset + uint64_t(data_size);
    }
    return !blobs.empty() && !blobs.front().data;
}

} // namespace detail

/// The relations of `path` from its end; see the file comment. Never throws: anything
/// unexpected leaves `complete` false.
inline PBFTailRelations read_pbf_tail_relations(const char *path, uint64_t file_size) {
    PBFTailRelations tail;
    try {
        detail::File file{path};
        if (file.handle == nullptr) return tail;
        std::vector<detail::BlobPosition> blobs;
        if (!detail::blob_positions(file, file_size, blobs)) return tail;
        std::string bytes;
        if (!file.read(blobs.front().offset, bytes, blobs.front().size)) return tail;
        if (osmium::io::detail::decode_header(bytes).get("sorting") != "Type_then_ID") return tail;
        // Per block from the last one back, its buffers in file order.
        std::vector<std::vector<osmium::memory::Buffer>> backwards;
        bool reached_ways = false;
        for (size_t i = blobs.size(); i-- > 1 && !reached_ways;) {
            if (!blobs[i].data) return tail;
            if (!file.read(blobs[i].offset, bytes, blobs[i].size)) return tail;
            osmium::memory::Buffer buffer =
                osmium::io::detail::PBFDataBlobDecoder{std::move(bytes), osmium::osm_entity_bits::nwr, osmium::io::read_meta::no}();
            bytes = std::string{};
            // A block that outgrew the decoder's first buffer comes as a chain: the earliest
            // objects in the most deeply nested buffer (as libosmium's Reader takes them apart).
            std::vector<osmium::memory::Buffer> parts;
            while (buffer.has_nested_buffers()) parts.push_back(std::move(*buffer.get_last_nested()));
            parts.push_back(std::move(buffer));
            for (const osmium::memory::Buffer &part : parts) {
                for (const osmium::OSMEntity &entity : part) {
                    if (entity.type() == osmium::item_type::relation) ++tail.relations;
                    else reached_ways = true;
                }
            }
            backwards.push_back(std::move(parts));
        }
        for (size_t i = backwards.size(); i-- > 0;) {
            for (osmium::memory::Buffer &part : backwards[i]) tail.buffers.push_back(std::move(part));
        }
        tail.complete = true;
    } catch (...) {
        tail = PBFTailRelations{};
    }
    return tail;
}

} // namespace nabijheid

#endif
