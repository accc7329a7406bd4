#include <pgcraft/sql/naming.hpp>

#include <string>
#include <vector>

#include <doctest/doctest.h>

using pgcraft::sql::convention_name;
using pgcraft::sql::fit_identifier;

TEST_CASE("the convention") {
    const std::vector<std::string> id{"id"};
    const std::vector<std::string> two{"vendor_id", "sku"};
    CHECK(convention_name("pk", "products", id) == "pk__products__id");
    CHECK(convention_name("uq", "products", two) == "uq__products__vendor_id_sku");
    CHECK(convention_name("fk", "products", std::vector<std::string>{"vendor_id"}, "vendors") ==
          "fk__products__vendor_id__vendors");
    CHECK(convention_name("ck", "journal", {}) == "ck__journal");
}

TEST_CASE("names that fit are kept") {
    const std::string exactly(63, 'a');
    CHECK(fit_identifier(exactly) == exactly);
    CHECK(fit_identifier("short") == "short");
}

TEST_CASE("longer names are cut to 63 bytes with a hash of the whole name") {
    const std::string long_a = "pk__" + std::string(70, 'a') + "__id";
    const std::string long_b = "pk__" + std::string(70, 'a') + "__ix";
    const std::string fitted_a = fit_identifier(long_a);
    const std::string fitted_b = fit_identifier(long_b);
    CHECK(fitted_a.size() == 63);
    CHECK(fitted_a.substr(0, 54) == long_a.substr(0, 54));
    CHECK(fitted_a[54] == '_');
    CHECK(fitted_a != fitted_b);                  // same prefix, different names: still distinct
    CHECK(fit_identifier(long_a) == fitted_a);    // and the same every time
    CHECK(fitted_a.find_first_not_of("0123456789abcdef", 55) == std::string::npos);
}

TEST_CASE("the cut never splits a UTF-8 character") {
    // 53 ASCII bytes, then two-byte characters: byte 54 falls inside one.
    std::string name(53, 'x');
    for (int i = 0; i < 10; ++i) name += "\xC3\xA9";  // é
    const std::string fitted = fit_identifier(name);
    CHECK(fitted.size() <= 63);
    CHECK(fitted.substr(0, 53) == std::string(53, 'x'));
    CHECK(fitted[53] == '_');  // the é at bytes 53-54 is dropped whole
}

TEST_CASE("the hash is FNV-1a") {
    CHECK(pgcraft::sql::name_hash("") == 2166136261u);
    CHECK(pgcraft::sql::name_hash("a") == 0xe40c292cu);
}
