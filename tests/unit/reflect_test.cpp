#include <pgcraft/reflect.hpp>

#include <optional>
#include <string>
#include <type_traits>

#include <doctest/doctest.h>

namespace reflect_test {

struct empty {};

struct mixed {
    std::string name;
    std::optional<int> quantity;
    double price;
    bool active;
};

struct no_default {
    explicit no_default(int) {}
};

// A member without a default constructor makes short initializer lists fail:
// the count must still find every field.
struct with_no_default {
    int first;
    no_default second;
    const std::string third;
};

struct with_defaults {
    int a = 1;
    std::string b = "x";
};

}  // namespace reflect_test

namespace reflect = pgcraft::reflect;

TEST_CASE("field count of plain aggregates") {
    CHECK(reflect::field_count<reflect_test::empty> == 0);
    CHECK(reflect::field_count<reflect_test::mixed> == 4);
    CHECK(reflect::field_count<reflect_test::with_no_default> == 3);
    CHECK(reflect::field_count<reflect_test::with_defaults> == 2);
}

TEST_CASE("field names in declaration order") {
    constexpr auto& names = reflect::field_names<reflect_test::mixed>;
    static_assert(names.size() == 4);
    CHECK(names[0] == "name");
    CHECK(names[1] == "quantity");
    CHECK(names[2] == "price");
    CHECK(names[3] == "active");
    CHECK(reflect::field_names<reflect_test::with_no_default>[2] == "third");
}

TEST_CASE("field types without const") {
    CHECK(std::is_same_v<reflect::field_type<reflect_test::mixed, 0>, std::string>);
    CHECK(std::is_same_v<reflect::field_type<reflect_test::mixed, 1>, std::optional<int>>);
    CHECK(std::is_same_v<reflect::field_type<reflect_test::with_no_default, 1>, reflect_test::no_default>);
    CHECK(std::is_same_v<reflect::field_type<reflect_test::with_no_default, 2>, std::string>);
}

TEST_CASE("the struct's own name, without namespaces") {
    CHECK(reflect::type_name<reflect_test::mixed> == "mixed");
    CHECK(reflect::type_name<reflect_test::with_no_default> == "with_no_default");
}

TEST_CASE("signature parsing") {
    using pgcraft::reflect::detail::last_identifier;
    using pgcraft::reflect::detail::unqualified_type_name;
    CHECK(last_identifier("auto f() [with auto W = w<const void*>{((const void*)(& o<a::S>.a::S::price))}]") ==
          "price");
    CHECK(last_identifier("auto f() [W = {&o.price}]") == "price");
    CHECK(unqualified_type_name("auto f() [with T = a::b::S]") == "S");
    CHECK(unqualified_type_name("auto f() [T = S]") == "S");
    CHECK(unqualified_type_name("auto f() [T = a::S<int, b::X>]") == "S");
}
