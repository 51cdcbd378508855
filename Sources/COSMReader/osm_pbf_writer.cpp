// libosmium's PBF writer behind a C interface; see osm_pbf_writer.h.

#include "osm_pbf_writer.h"

#include <osmium/builder/osm_object_builder.hpp>
#include <osmium/io/pbf_output.hpp>
#include <osmium/io/writer.hpp>
#include <osmium/memory/buffer.hpp>
#include <osmium/osm/location.hpp>

#include <cstdio>
#include <exception>
#include <memory>
#include <utility>

namespace {
constexpr size_t buffer_size = 1 << 22;
}

struct nb_pbf_writer {
    osmium::io::Writer writer;
    osmium::memory::Buffer buffer{buffer_size, osmium::memory::Buffer::auto_grow::yes};

    nb_pbf_writer(const char *path, const osmium::io::Header &header)
        : writer(osmium::io::File{path, "pbf"}, header, osmium::io::overwrite::allow) {}

    /// Hands a full buffer to the writer's threads.
    void flush_if_full() {
        if (buffer.committed() < buffer_size - (1 << 16)) return;
        writer(std::move(buffer));
        buffer = osmium::memory::Buffer{buffer_size, osmium::memory::Buffer::auto_grow::yes};
    }
};

namespace {
template <typename TBuilder>
void add_tags(TBuilder &builder, const char *const *keys, const char *const *values, size_t count) {
    if (count == 0) return;
    osmium::builder::TagListBuilder tags{builder};
    for (size_t i = 0; i < count; ++i) tags.add_tag(keys[i], values[i]);
}

int fail(const std::exception &exception, char *error, size_t error_size) {
    std::snprintf(error, error_size, "%s", exception.what());
    return 1;
}
} // namespace

extern "C" nb_pbf_writer *nb_pbf_writer_open(const char *path, char *error, size_t error_size) {
    try {
        osmium::io::Header header;
        header.set("generator", "nabijheid generate-town");
        // The writer is given nodes, then ways, each by increasing id (SyntheticPBFWriter), as
        // in an extract from Geofabrik: readers may rely on it (the relations at the end).
        header.set("sorting", "Type_then_ID");
        return new nb_pbf_writer{path, header};
    } catch (const std::exception &exception) {
        fail(exception, error, error_size);
        return nullptr;
    }
}

extern "C" int nb_pbf_writer_add_node(nb_pbf_writer *writer, int64_t id, double lon, double lat, const char *const *keys,
                                      const char *const *values, size_t tag_count, char *error, size_t error_size) {
    try {
        {
            osmium::builder::NodeBuilder builder{writer->buffer};
            builder.set_id(id).set_version(1).set_visible(true);
            builder.set_location(osmium::Location{lon, lat});
            add_tags(builder, keys, values, tag_count);
        }
        writer->buffer.commit();
        writer->flush_if_full();
        return 0;
    } catch (const std::exception &exception) {
        return fail(exception, error, error_size);
    }
}

extern "C" int nb_pbf_writer_add_way(nb_pbf_writer *writer, int64_t id, const int64_t *refs, size_t ref_count, const char *const *keys,
                                     const char *const *values, size_t tag_count, char *error, size_t error_size) {
    try {
        {
            osmium::builder::WayBuilder builder{writer->buffer};
            builder.set_id(id).set_version(1).set_visible(true);
            {
                osmium::builder::WayNodeListBuilder nodes{builder};
                for (size_t i = 0; i < ref_count; ++i) nodes.add_node_ref(refs[i]);
            }
            add_tags(builder, keys, values, tag_count);
        }
        writer->buffer.commit();
        writer->flush_if_full();
        return 0;
    } catch (const std::exception &exception) {
        return fail(exception, error, error_size);
    }
}

extern "C" int nb_pbf_writer_close(nb_pbf_writer *writer, char *error, size_t error_size) {
    std::unique_ptr<nb_pbf_writer> owned{writer};
    try {
        if (owned->buffer.committed() > 0) owned->writer(std::move(owned->buffer));
        owned->writer.close();
        return 0;
    } catch (const std::exception &exception) {
        return fail(exception, error, error_size);
    }
}
