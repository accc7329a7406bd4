// The order of a dimension's plugins, decided at compile time: a topological
// sort over required and produced keys, with the written order as tie-break.
// The checks are consteval functions returning values, so tests can assert on
// them without a failing build.
#pragma once

#include <array>
#include <cstddef>
#include <span>
#include <string_view>

#include <pgcraft/plugin.hpp>

namespace pgcraft::plan {

/// What the compiler knows about one plugin.
struct plugin_descriptor {
    std::string_view name;
    std::span<const std::string_view> required;
    std::span<const std::string_view> produced;
    std::span<const std::string_view> overridden;  ///< produced again on purpose, replacing another producer
    std::string_view singleton_group;
    int min_postgres_version = 0;
};

inline constexpr std::array<std::string_view, 0> no_keys{};

template <class P>
consteval plugin_descriptor descriptor_of() {
    plugin_descriptor d{P::name, P::required_keys.list, P::produced_keys.list, no_keys, {}, 0};
    if constexpr (requires { P::overridden_keys.list; }) d.overridden = P::overridden_keys.list;
    if constexpr (requires { P::singleton_group; }) d.singleton_group = P::singleton_group;
    if constexpr (requires { P::min_postgres_version; }) d.min_postgres_version = P::min_postgres_version;
    return d;
}

enum class plugin_problem {
    none,
    singleton_clash,        ///< first and second share singleton group `key`
    needs_newer_postgres,   ///< first needs a newer server than the target
    duplicate_producer,     ///< first and second both produce `key`, neither overrides it
    missing_producer,       ///< first requires `key`, which nothing produces
    cycle,                  ///< the plugins marked in `in_cycle` wait on each other
};

template <std::size_t N>
struct plugin_order {
    plugin_problem problem = plugin_problem::none;
    std::size_t first = 0;
    std::size_t second = 0;
    std::string_view key;
    std::array<std::size_t, N> order{};  ///< positions in the written list, in run order
    std::array<bool, N> in_cycle{};
    constexpr bool ok() const noexcept { return problem == plugin_problem::none; }
};

namespace detail {
constexpr bool contains(std::span<const std::string_view> keys, std::string_view key) {
    for (std::string_view k : keys)
        if (k == key) return true;
    return false;
}
}  // namespace detail

/// Checks the plugins and sorts them. Taken by value: GCC 12 rejects the
/// sort's writes when the array is passed by reference.
template <std::size_t N>
consteval plugin_order<N> order_plugins(std::array<plugin_descriptor, N> plugins, int target_postgres_version) {
    using detail::contains;
    plugin_order<N> result;

    for (std::size_t i = 0; i < N; ++i) {
        if (plugins[i].singleton_group.empty()) continue;
        for (std::size_t j = 0; j < i; ++j)
            if (plugins[j].singleton_group == plugins[i].singleton_group)
                return {plugin_problem::singleton_clash, j, i, plugins[i].singleton_group};
    }
    for (std::size_t i = 0; i < N; ++i)
        if (plugins[i].min_postgres_version > target_postgres_version)
            return {plugin_problem::needs_newer_postgres, i, i, {}};
    for (std::size_t i = 0; i < N; ++i)
        for (std::string_view key : plugins[i].produced)
            for (std::size_t j = 0; j < i; ++j)
                if (contains(plugins[j].produced, key) && !contains(plugins[i].overridden, key) &&
                    !contains(plugins[j].overridden, key))
                    return {plugin_problem::duplicate_producer, j, i, key};
    for (std::size_t i = 0; i < N; ++i) {
        auto all_required = [&](auto&& visit) {
            for (std::string_view key : plugins[i].required) visit(key);
            for (std::string_view key : plugins[i].overridden) visit(key);
        };
        plugin_order<N> missing;
        all_required([&](std::string_view key) {
            if (missing.problem != plugin_problem::none) return;
            bool produced_elsewhere = false;
            for (std::size_t j = 0; j < N; ++j)
                if (j != i && contains(plugins[j].produced, key)) produced_elsewhere = true;
            if (!produced_elsewhere) missing = {plugin_problem::missing_producer, i, i, key};
        });
        if (!missing.ok()) return missing;
    }

    // Edges: a plugin waits for every producer of each key it requires. An
    // overrider waits for the plain producers of its key and for the
    // overriders written before it, so the last one written has the last word.
    std::array<std::array<bool, N>, N> waits_for{};
    for (std::size_t i = 0; i < N; ++i) {
        for (std::size_t j = 0; j < N; ++j) {
            if (i == j) continue;
            for (std::string_view key : plugins[i].required)
                if (contains(plugins[j].produced, key) && !contains(plugins[i].overridden, key)) waits_for[i][j] = true;
            for (std::string_view key : plugins[i].overridden)
                if (contains(plugins[j].produced, key) && (!contains(plugins[j].overridden, key) || j < i))
                    waits_for[i][j] = true;
        }
    }
    std::array<bool, N> done{};
    for (std::size_t placed = 0; placed < N; ++placed) {
        std::size_t next = N;
        for (std::size_t i = 0; i < N && next == N; ++i) {
            if (done[i]) continue;
            bool ready = true;
            for (std::size_t j = 0; j < N; ++j)
                if (waits_for[i][j] && !done[j]) ready = false;
            if (ready) next = i;
        }
        if (next == N) {
            // Walk back along unfinished dependencies until a plugin repeats:
            // the walk from there on is a cycle.
            std::size_t at = 0;
            while (done[at]) ++at;
            std::array<std::size_t, N + 1> seen_at{};
            for (auto& s : seen_at) s = N + 1;
            std::size_t step = 0;
            while (seen_at[at] == N + 1) {
                seen_at[at] = step++;
                std::size_t previous = N;
                for (std::size_t j = 0; j < N && previous == N; ++j)
                    if (waits_for[at][j] && !done[j]) previous = j;
                at = previous;
            }
            result.problem = plugin_problem::cycle;
            const std::size_t start = at;
            do {
                result.in_cycle[at] = true;
                std::size_t previous = N;
                for (std::size_t j = 0; j < N && previous == N; ++j)
                    if (waits_for[at][j] && !done[j]) previous = j;
                at = previous;
            } while (at != start);
            result.first = start;
            return result;
        }
        done[next] = true;
        result.order[placed] = next;
    }
    return result;
}

}  // namespace pgcraft::plan
