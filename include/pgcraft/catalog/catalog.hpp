// The catalog: every object a schema declares, and the one order in which
// they can be created (dependencies first, then the order they were added).
#pragma once

#include <algorithm>
#include <cstddef>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

#include <pgcraft/catalog/objects.hpp>

namespace pgcraft::catalog {

inline std::string describe(const object_id& id) {
    constexpr const char* kinds[] = {"role", "schema", "table", "index", "function", "grant", "view", "trigger"};
    std::string text = kinds[static_cast<int>(id.kind)];
    text += ' ';
    if (id.kind == object_kind::schema || id.kind == object_kind::role) {
        text += id.name.name;
    } else if (id.kind == object_kind::grant) {
        // The target was joined with NUL separators: kind, schema, name, arguments.
        std::string target = id.name.schema;
        std::vector<std::string> parts;
        std::size_t start = 0;
        for (std::size_t at; (at = target.find('\0', start)) != std::string::npos; start = at + 1)
            parts.push_back(target.substr(start, at - start));
        parts.push_back(target.substr(start));
        if (parts.size() == 4) {
            const auto kind = static_cast<object_kind>(std::stoi(parts[0]));
            text += "on " + describe(object_id{kind, {parts[1], parts[2]}, parts[3]}) + " to " + id.name.name;
        } else {
            text += "to " + id.name.name;
        }
    } else {
        text += id.name.schema + "." + id.name.name;
        if (id.kind == object_kind::function) text += "(" + id.arguments + ")";
    }
    return text;
}

class catalog {
public:
    /// Adds an object; a second object with the same identity is an error.
    void add(object o) {
        const object_id id = id_of(o);
        if (!positions_.emplace(id, objects_.size()).second)
            throw std::invalid_argument("pgcraft: the catalog already has " + describe(id));
        objects_.push_back(std::move(o));
    }

    /// Adds an object unless an equal one is there; a different one with the
    /// same identity is an error.
    void add_once(object o) {
        if (const object* existing = find(id_of(o))) {
            if (*existing == o) return;
        }
        add(std::move(o));
    }

    const object* find(const object_id& id) const {
        const auto it = positions_.find(id);
        return it == positions_.end() ? nullptr : &objects_[it->second];
    }

    /// In the order they were added.
    const std::vector<object>& objects() const noexcept { return objects_; }

    /// Every object after the objects it depends on; otherwise in the order
    /// they were added. Dependencies outside the catalog (such as the public
    /// schema) are taken as existing.
    std::vector<const object*> in_dependency_order() const {
        std::vector<std::vector<std::size_t>> dependents(objects_.size());
        std::vector<std::size_t> waiting_on(objects_.size(), 0);
        for (std::size_t i = 0; i < objects_.size(); ++i) {
            for (const object_id& dep : dependencies_of(objects_[i])) {
                const auto it = positions_.find(dep);
                if (it == positions_.end() || it->second == i) continue;
                dependents[it->second].push_back(i);
                ++waiting_on[i];
            }
        }
        // Kahn's algorithm, always taking the earliest-added ready object.
        std::vector<const object*> order;
        std::vector<bool> done(objects_.size(), false);
        order.reserve(objects_.size());
        while (order.size() < objects_.size()) {
            std::size_t next = objects_.size();
            for (std::size_t i = 0; i < objects_.size(); ++i)
                if (!done[i] && waiting_on[i] == 0) {
                    next = i;
                    break;
                }
            if (next == objects_.size()) {
                std::string cycle;
                for (std::size_t i = 0; i < objects_.size(); ++i)
                    if (!done[i]) cycle += (cycle.empty() ? "" : ", ") + describe(id_of(objects_[i]));
                throw std::logic_error("pgcraft: these objects depend on each other in a cycle: " + cycle);
            }
            done[next] = true;
            order.push_back(&objects_[next]);
            for (std::size_t d : dependents[next]) --waiting_on[d];
        }
        return order;
    }

    friend bool operator==(const catalog& a, const catalog& b) { return a.objects_ == b.objects_; }

private:
    std::vector<object> objects_;
    std::map<object_id, std::size_t> positions_;
};

}  // namespace pgcraft::catalog
