// <column> markers: parsing at compile time, and their resolution per context.
#include <pgcraft/detail/markers.hpp>
#include <pgcraft/catalog/expression.hpp>
#include <pgcraft/sql/render.hpp>

#include <string>
#include <string_view>
#include <vector>

#include <doctest/doctest.h>

using pgcraft::detail::count_markers;
using pgcraft::detail::for_each_marker;
using pgcraft::detail::marker;
using pgcraft::detail::marker_problem;

namespace {
std::vector<std::string> names(std::string_view text) {
    std::vector<std::string> result;
    for_each_marker(text, [&](marker m) { result.emplace_back(m.name(text)); });
    return result;
}
struct price_check {
    static constexpr std::string_view text = "<price> > 0 AND <price> < <max_price>";
};
}  // namespace

TEST_CASE("markers are <, an identifier, >") {
    CHECK(names("<price> > 0") == std::vector<std::string>{"price"});
    CHECK(names("lower(<name>)") == std::vector<std::string>{"name"});
    CHECK(names("<a><b>") == std::vector<std::string>{"a", "b"});  // adjacent
    CHECK(names("<_x1> + <Y>") == std::vector<std::string>{"_x1", "Y"});
}

TEST_CASE("every other < is SQL") {
    CHECK(names("a < b").empty());
    CHECK(names("a <= b").empty());
    CHECK(names("a <> b").empty());
    CHECK(names("a << 2").empty());
    CHECK(names("box <@ other").empty());
    CHECK(names("p <-> q").empty());
    CHECK(names("<1>").empty());      // not an identifier
    CHECK(names("a <b").empty());     // unterminated: a comparison
    CHECK(names("<price >").empty()); // a space ends the identifier
    CHECK(names("<price> <= <limit>") == std::vector<std::string>{"price", "limit"});
}

TEST_CASE("quoted text never holds markers") {
    CHECK(names("'<price>'").empty());
    CHECK(names("\"<price>\"").empty());
    CHECK(names("$$<price>$$").empty());
    CHECK(names("$q$ <price> $q$ || <name>") == std::vector<std::string>{"name"});
    CHECK(names("'it''s <a>' || <b>") == std::vector<std::string>{"b"});
    CHECK(names("E'\\' <a>' || <b>") == std::vector<std::string>{"b"});
}

TEST_CASE("an unterminated quote stops the scan") {
    CHECK(for_each_marker("'open <a>", [](marker) {}) == marker_problem::unterminated_quote);
    CHECK(for_each_marker("<a> = 'x'", [](marker) {}) == marker_problem::none);
}

TEST_CASE("markers at compile time") {
    static_assert(count_markers("<price> > 0 AND <price> < <max_price>") == 3);
    constexpr auto& found = pgcraft::detail::markers_of<price_check>;
    static_assert(found.size() == 3);
    static_assert(found[2].name(price_check::text) == "max_price");
    CHECK(found[0].begin == 0);
}

TEST_CASE("resolution for each context: parsed once into an expression, rendered last") {
    using pgcraft::catalog::expression;
    using namespace pgcraft::sql;
    CHECK(render(expression::marked("<price> > 0")) == "price > 0");
    CHECK(render(expression::marked("lower(<Name>) <> '<x>'")) == "lower(\"Name\") <> '<x>'");
    CHECK(render_new_row(expression::marked("<price> > <cost>")) == "NEW.price > NEW.cost");
    CHECK(render_new_row(expression::marked("<select> IS NOT NULL")) == "NEW.\"select\" IS NOT NULL");
    CHECK(render_qualified(expression::marked("<price> * 2"), "p") == "p.price * 2");
    CHECK(render(expression::marked("no markers < here")) == "no markers < here");
    CHECK(expression::marked("<b> + <a> + <b>").columns() == std::vector<std::string>{"b", "a"});
}
