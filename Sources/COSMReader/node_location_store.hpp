// The locations of an OSM file's nodes, stored while the nodes are read and looked up for the
// ways that come after them.
//
// Dense from the first node: a node's location goes straight into a block of 65 536 ids (8 bytes
// per id), as long as the blocks allocated hold at most three ids per node stored (libosmium's
// FlexMem uses the same density rule, but stays sparse for its first 16.7 million nodes and then
// copies them over). Once the ids turn out to be spread wider (a real extract: the Netherlands'
// nodes are a few percent of the ids in their range), the nodes stored so far move to a sparse
// array of (id, location) pairs, sorted by id for lookups (already sorted in a sorted file), and
// everything after goes there. The memory of the dense form is thereby never more than 1.5 times
// the sparse form's; a synthetic country's or a dense extract's ids are written once, without
// the sparse copy, its growth and its conversion at the first way (a pause of the reader's main
// thread with the decoder idle).

#ifndef NABIJHEID_NODE_LOCATION_STORE_HPP
#define NABIJHEID_NODE_LOCATION_STORE_HPP

#include <osmium/osm/location.hpp>
#include <osmium/osm/way.hpp>

#include <algorithm>
#include <cstdint>
#include <memory>
#include <utility>
#include <vector>

namespace nabijheid {

class NodeLocationStore {
public:
    /// Stores the location of node `id` (only ids ≥ 0; a negative id, as in an unsaved JOSM
    /// file, has no location for ways, as with libosmium's NodeLocationsForWays).
    void set(int64_t signed_id, osmium::Location location) {
        if (signed_id < 0) return;
        const uint64_t id = uint64_t(signed_id);
        ++count_;
        if (dense_) {
            const uint64_t block = id >> block_bits;
            if (block < blocks_.size() && blocks_[block]) {
                blocks_[block][id & block_mask] = location;
                return;
            }
            // A new block only while the blocks stay within three ids per node stored.
            if (block < max_blocks && (allocated_ + 1) * block_size <= density_factor * count_ + block_size) {
                if (block >= blocks_.size()) blocks_.resize(std::max<uint64_t>(block + 1, 2 * blocks_.size()));
                blocks_[block].reset(new osmium::Location[block_size]);
                ++allocated_;
                blocks_[block][id & block_mask] = location;
                return;
            }
            to_sparse();
        }
        if (!sparse_.empty() && id < sparse_.back().first) sorted_ = false;
        sparse_.emplace_back(id, location);
    }

    /// Before the first lookup: sorts the sparse pairs if the file was not sorted, and makes
    /// them dense after all if their ids, all read now, fill their range by the density rule.
    void prepare_for_lookup() {
        if (dense_) return;
        if (!sorted_) {
            std::sort(sparse_.begin(), sparse_.end(), [](const Entry &a, const Entry &b) { return a.first < b.first; });
            sorted_ = true;
        }
        if (!sparse_.empty() && sparse_.size() >= min_dense_nodes && (sparse_.back().first >> block_bits) < max_blocks &&
            sparse_.back().first < density_factor * sparse_.size()) {
            to_dense();
        }
    }

    /// The location of node `id`; undefined when it was not in the file.
    osmium::Location get(int64_t signed_id) const {
        if (signed_id < 0) return osmium::Location{};
        const uint64_t id = uint64_t(signed_id);
        if (dense_) {
            const uint64_t block = id >> block_bits;
            return block < blocks_.size() && blocks_[block] ? blocks_[block][id & block_mask] : osmium::Location{};
        }
        const auto found = std::lower_bound(sparse_.begin(), sparse_.end(), id, [](const Entry &entry, uint64_t wanted) { return entry.first < wanted; });
        return found != sparse_.end() && found->first == id ? found->second : osmium::Location{};
    }

    /// Gives every node of `way` its location (undefined where the file has none).
    void locate(osmium::Way &way) const {
        for (osmium::NodeRef &node : way.nodes()) node.set_location(get(node.ref()));
    }

private:
    using Entry = std::pair<uint64_t, osmium::Location>;
    static constexpr unsigned block_bits = 16;
    static constexpr uint64_t block_size = uint64_t(1) << block_bits;
    static constexpr uint64_t block_mask = block_size - 1;
    static constexpr uint64_t density_factor = 3;
    /// Ids below 2^38 (OSM's are below 2^34) can be dense; the block table stays below 32 MB.
    static constexpr uint64_t max_blocks = uint64_t(1) << 22;

    /// Below this many nodes the sparse pairs are small enough either way.
    static constexpr uint64_t min_dense_nodes = uint64_t(1) << 16;

    /// Moves the sparse pairs to dense blocks.
    void to_dense() {
        blocks_.resize((sparse_.back().first >> block_bits) + 1);
        for (const Entry &entry : sparse_) {
            auto &block = blocks_[entry.first >> block_bits];
            if (!block) {
                block.reset(new osmium::Location[block_size]);
                ++allocated_;
            }
            block[entry.first & block_mask] = entry.second;
        }
        std::vector<Entry>().swap(sparse_);
        dense_ = true;
    }

    /// Moves the nodes stored densely to the sparse pairs, in id order.
    void to_sparse() {
        dense_ = false;
        sparse_.reserve(count_);
        for (uint64_t block = 0; block < blocks_.size(); ++block) {
            if (!blocks_[block]) continue;
            for (uint64_t i = 0; i < block_size; ++i) {
                if (blocks_[block][i].is_defined()) sparse_.emplace_back((block << block_bits) | i, blocks_[block][i]);
            }
            blocks_[block].reset();
        }
        std::vector<std::unique_ptr<osmium::Location[]>>().swap(blocks_);
    }

    bool dense_ = true;
    bool sorted_ = true;
    uint64_t count_ = 0;
    uint64_t allocated_ = 0;
    std::vector<std::unique_ptr<osmium::Location[]>> blocks_;
    std::vector<Entry> sparse_;
};

} // namespace nabijheid

#endif
