// The catalog: every object a schema declares, by identity, and the one order
// in which its statements can run (dependencies first, then the order the
// objects were added). Two catalogs are equal when they hold the same objects,
// whatever order those were added in.
#pragma once

#include <cstddef>
#include <map>
#include <string>
#include <variant>
#include <vector>

#include <pgcraft/catalog/objects.hpp>

namespace pgcraft::catalog {

class catalog {
public:
    catalog() = default;
    // A copy points into its own objects; a move keeps the nodes it points to.
    catalog(const catalog& other);
    catalog& operator=(const catalog& other);
    catalog(catalog&&) noexcept = default;
    catalog& operator=(catalog&&) noexcept = default;

    /// Adds an object; a second object with the same identity is an error.
    void add(object o);
    /// Adds an object unless an equal one is there; a different one with the
    /// same identity is an error.
    void add_once(object o);
    /// Adds a table with its columns, constraints and comments.
    void add(table_definition t);

    const object* find(const object_id& id) const;
    template <class T>
    const T* find_as(const object_id& id) const {
        const object* o = find(id);
        return o ? std::get_if<T>(o) : nullptr;
    }

    /// Every object, by identity.
    const std::map<object_id, object>& objects() const noexcept { return objects_; }
    /// Every object of one kind, in the order they were added.
    template <class T>
    std::vector<const T*> all() const {
        std::vector<const T*> result;
        for (const object* o : added_objects_)
            if (const T* x = std::get_if<T>(o)) result.push_back(x);
        return result;
    }
    /// Every object's identity, in the order added: what was added since a
    /// point is the tail past the size it had then.
    const std::vector<object_id>& added() const noexcept { return added_; }
    /// A table's columns in their order; its constraints in the order added.
    std::vector<const column*> columns_of(const qualified_name& table) const;
    std::vector<const constraint*> constraints_of(const qualified_name& table) const;
    /// Whether a relation of the schema has the name: a table, a view, an
    /// index, or a primary key or unique constraint (whose index PostgreSQL
    /// names after it). They share one namespace per schema.
    bool relation_name_taken(const qualified_name& name) const { return relation_names_.contains(name); }
    /// The comment on an object, or null.
    const comment* comment_on(const object_id& id) const { return find_as<comment>(id::comment(id)); }

    std::size_t size() const noexcept { return added_.size(); }

    /// Whether the statement of another object of the catalog creates this
    /// one: a column or constraint of a table of the catalog, a comment on an
    /// object whose statement writes its comments.
    bool carried(const object_id& id) const;

    /// The objects that are statements of their own (not what another
    /// object's statement carries: see carried()), each
    /// after what it depends on, otherwise in the order added. A foreign key
    /// orders its table after the one it references, unless tables reference
    /// each other in a cycle: then the key that closes the cycle is a
    /// statement of its own (ALTER TABLE … ADD CONSTRAINT), after both tables.
    std::vector<const object*> in_dependency_order() const;

    friend bool operator==(const catalog& a, const catalog& b) { return a.objects_ == b.objects_; }

private:
    std::map<object_id, object> objects_;
    std::vector<object_id> added_;
    std::vector<const object*> added_objects_;  ///< the same, as the objects (map nodes stay put)
    std::map<qualified_name, int> relation_names_;  ///< how many relations have the name
    /// Each table's constraints in the order added: a table's statement asks for them.
    std::map<qualified_name, std::vector<const constraint*>> constraints_by_table_;

    void index_added(const object& o);
};

}  // namespace pgcraft::catalog
