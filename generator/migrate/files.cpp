// The migrations directory: numbering, headers, checksums, and writing every
// file or none.
#include <pgcraft/migrate/files.hpp>

#include <algorithm>
#include <array>
#include <cstdint>
#include <fstream>
#include <map>
#include <optional>
#include <set>
#include <sstream>
#include <stdexcept>
#include <system_error>

#include <fmt/format.h>

#include <pgcraft/generator/snapshot.hpp>
#include <pgcraft/sql/render_change.hpp>

#include "sql_hazards.hpp"

namespace pgcraft::migrate {

namespace fs = std::filesystem;

std::string sha256_hex(std::string_view data) {
    // FIPS 180-4.
    static constexpr std::array<std::uint32_t, 64> k = {
        0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
        0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
        0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
        0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
        0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
        0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
        0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
        0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2};
    std::array<std::uint32_t, 8> h = {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
                                      0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};
    std::string message(data);
    const std::uint64_t bits = static_cast<std::uint64_t>(data.size()) * 8;
    message += static_cast<char>(0x80);
    while (message.size() % 64 != 56) message += '\0';
    for (int i = 7; i >= 0; --i) message += static_cast<char>((bits >> (i * 8)) & 0xff);
    auto rotate = [](std::uint32_t x, int n) { return (x >> n) | (x << (32 - n)); };
    for (std::size_t block = 0; block < message.size(); block += 64) {
        std::array<std::uint32_t, 64> w{};
        for (std::size_t i = 0; i < 16; ++i)
            for (std::size_t b = 0; b < 4; ++b)
                w[i] = (w[i] << 8) | static_cast<unsigned char>(message[block + i * 4 + b]);
        for (std::size_t i = 16; i < 64; ++i) {
            const std::uint32_t s0 = rotate(w[i - 15], 7) ^ rotate(w[i - 15], 18) ^ (w[i - 15] >> 3);
            const std::uint32_t s1 = rotate(w[i - 2], 17) ^ rotate(w[i - 2], 19) ^ (w[i - 2] >> 10);
            w[i] = w[i - 16] + s0 + w[i - 7] + s1;
        }
        std::array<std::uint32_t, 8> v = h;
        for (std::size_t i = 0; i < 64; ++i) {
            const std::uint32_t s1 = rotate(v[4], 6) ^ rotate(v[4], 11) ^ rotate(v[4], 25);
            const std::uint32_t choice = (v[4] & v[5]) ^ (~v[4] & v[6]);
            const std::uint32_t t1 = v[7] + s1 + choice + k[i] + w[i];
            const std::uint32_t s0 = rotate(v[0], 2) ^ rotate(v[0], 13) ^ rotate(v[0], 22);
            const std::uint32_t majority = (v[0] & v[1]) ^ (v[0] & v[2]) ^ (v[1] & v[2]);
            v = {t1 + s0 + majority, v[0], v[1], v[2], v[3] + t1, v[4], v[5], v[6]};
        }
        for (std::size_t i = 0; i < 8; ++i) h[i] += v[i];
    }
    std::string hex;
    for (std::uint32_t x : h) hex += fmt::format("{:08x}", x);
    return hex;
}

std::string read_text(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::runtime_error("cannot read " + path.string());
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

namespace {
constexpr std::string_view sum_file = "pgcraft.sum";
constexpr std::string_view empty_catalog = "empty";
constexpr std::string_view aside_suffix = ".pgcraft-old";


// NNNN_name.json → NNNN, or 0 when the name is not a migration's snapshot.
int snapshot_number(const std::string& file) {
    if (file.size() < 10 || !file.ends_with(".json") || file[4] != '_') return 0;
    for (std::size_t i = 0; i < 4; ++i)
        if (file[i] < '0' || file[i] > '9') return 0;
    return std::stoi(file.substr(0, 4));
}

// pgcraft.sum: "<sha256>  <file>" lines, by file name.
std::map<std::string, std::string> read_sums(const fs::path& directory) {
    std::map<std::string, std::string> sums;
    const fs::path path = directory / sum_file;
    if (!fs::exists(path)) return sums;
    std::istringstream lines(read_text(path));
    std::string line;
    while (std::getline(lines, line)) {
        if (line.empty()) continue;
        if (line.size() < 67 || line.substr(64, 2) != "  ")
            throw std::runtime_error(fmt::format("{}: malformed line '{}'", path.string(), line));
        sums.emplace(line.substr(66), line.substr(0, 64));
    }
    return sums;
}

std::string write_sums(const std::map<std::string, std::string>& sums) {
    std::string text;
    for (const auto& [file, hash] : sums) text += hash + "  " + file + "\n";
    return text;
}

void check_name(std::string_view name) {
    const bool ok = !name.empty() && name.size() <= 100 && std::all_of(name.begin(), name.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
    });
    if (!ok)
        throw std::runtime_error(fmt::format("the migration's name '{}' must be lowercase letters, digits and _", name));
}
}  // namespace

std::string migration_notes(const migration& m) {
    std::string text;
    for (const hazard& h : m.hazards) {
        const hazard_kind* kind = find_hazard(h.code);
        text += fmt::format("-- hazard {} {}: {}\n", h.code, kind ? kind->name : "", h.message);
    }
    for (const std::string& note : m.notes) text += "-- note: " + note + "\n";
    return text;
}

namespace {
constexpr std::string_view step_marker = "-- step ";
constexpr std::string_view in_transaction_marker = ": in one transaction";
constexpr std::string_view outside_marker = ": outside a transaction";
}  // namespace

std::string migration_file_text(const migration& m, const diff_options& options, std::string_view stem,
                                std::string_view direction, std::string_view from_hash, std::string_view to_hash) {
    std::string allowed;
    std::set<std::string> codes = options.allowed;
    codes.insert(m.allowed_by_declaration.begin(), m.allowed_by_declaration.end());
    if (!options.down && !codes.empty()) allowed = fmt::format("-- allowed: {}\n", fmt::join(codes, " "));
    return fmt::format("-- pgcraft migration {} ({})\n-- from: {}\n-- to:   {}\n{}{}", stem, direction, from_hash,
                       to_hash, migration_notes(m), allowed) +
           migration_steps_text(m, options);
}

std::string migration_steps_text(const migration& m, const diff_options& options) {
    std::string text;
    const std::vector<step> steps = m.steps();
    for (std::size_t i = 0; i < steps.size(); ++i) {
        const step& s = steps[i];
        text += fmt::format("\n{}{} of {}{}\n", step_marker, i + 1, steps.size(),
                            s.in_transaction ? in_transaction_marker : outside_marker);
        if (s.in_transaction) {
            std::string body = sql::render_timeouts(options.lock_timeout, options.statement_timeout, true);
            for (const std::string& statement : s.statements) body += "\n" + statement;
            text += sql::render_in_transaction(body);
        } else {
            text += sql::render_timeouts(options.lock_timeout, options.index_timeout, false);
            for (const std::string& statement : s.statements) text += statement;
        }
    }
    return text;
}

std::vector<file_step> read_steps(std::string_view text) {
    std::vector<file_step> steps;
    std::size_t at = 0;
    bool in_settings = false;
    while (at < text.size()) {
        std::size_t end = text.find('\n', at);
        end = end == std::string_view::npos ? text.size() : end + 1;
        const std::string_view line = text.substr(at, end - at);
        at = end;
        if (line.starts_with(step_marker)) {
            const bool outside = line.find(outside_marker) != std::string_view::npos;
            if (!outside && line.find(in_transaction_marker) == std::string_view::npos)
                throw std::runtime_error(fmt::format("not a pgcraft step: '{}'", line.substr(0, line.size() - 1)));
            steps.push_back({!outside, {}, {}});
            in_settings = true;
            continue;
        }
        if (steps.empty()) continue;  // the header
        file_step& s = steps.back();
        // Each step opens with BEGIN (in a transaction) and its SET lines.
        if (in_settings && (line == "BEGIN;\n" || line.starts_with("SET "))) {
            if (line.starts_with("SET ")) s.settings += line;
            continue;
        }
        if (in_settings && line == "\n" && s.in_transaction) continue;
        in_settings = false;
        s.statements += line;
    }
    for (file_step& s : steps) {
        // A transaction's last line is its COMMIT; a blank line may part it from the next step.
        while (s.statements.ends_with("\n\n")) s.statements.pop_back();
        if (!s.in_transaction) continue;
        if (!s.statements.ends_with("COMMIT;\n"))
            throw std::runtime_error("a step in one transaction does not end with COMMIT");
        s.statements.resize(s.statements.size() - std::string_view("COMMIT;\n").size());
    }
    return steps;
}

bool valid_timeout(std::string_view text) {
    std::size_t digits = 0;
    while (digits < text.size() && text[digits] >= '0' && text[digits] <= '9') ++digits;
    if (digits == 0) return false;
    const std::string_view unit = text.substr(digits);
    for (std::string_view u : {"", "us", "ms", "s", "min", "h", "d"})
        if (unit == u) return true;
    return false;
}

std::optional<migration_files> next_migration(const fs::path& directory, std::string_view name,
                                              const catalog::catalog& current, const declared_changes& changes,
                                              const diff_options& options) {
    check_name(name);
    if (!fs::is_directory(directory))
        throw std::runtime_error("the migrations directory " + directory.string() + " does not exist");
    // The newest snapshot, checked against pgcraft.sum.
    int newest = 0;
    fs::path newest_path;
    for (const fs::directory_entry& e : fs::directory_iterator(directory)) {
        const int n = snapshot_number(e.path().filename().string());
        if (n > newest) newest = n, newest_path = e.path();
    }
    catalog::catalog previous;
    std::string from_hash(empty_catalog);
    if (newest > 0) {
        const std::string text = read_text(newest_path);
        const std::map<std::string, std::string> sums = read_sums(directory);
        const auto it = sums.find(newest_path.filename().string());
        from_hash = sha256_hex(text);
        if (it == sums.end())
            throw std::runtime_error(fmt::format("{} is not listed in {}: was it written by hand?", newest_path.string(),
                                                 (directory / sum_file).string()));
        if (it->second != from_hash)
            throw std::runtime_error(fmt::format("{} has changed since it was written (its SHA-256 is not the one in {})",
                                                 newest_path.string(), (directory / sum_file).string()));
        try {
            previous = generator::read_snapshot(text);
        } catch (const std::exception& e) {
            throw std::runtime_error(newest_path.string() + ": " + e.what());
        }
    }
    const migration up = diff(previous, current, changes, options);
    if (up.empty()) return std::nullopt;
    diff_options back = options;
    back.down = true;
    const migration down = diff(current, previous, reversed(changes), back);

    migration_files files;
    files.number = newest + 1;
    files.stem = fmt::format("{:04}_{}", files.number, name);
    files.snapshot = generator::write_snapshot(current);
    const std::string to_hash = sha256_hex(files.snapshot);
    files.up = migration_file_text(up, options, files.stem, "up", from_hash, to_hash);
    files.down = migration_file_text(down, back, files.stem, "down", to_hash, from_hash);
    files.warnings = up.warnings;
    return files;
}

namespace {
// The value of a header line "-- <key>: value" of a migration file, or nullopt.
std::optional<std::string> header_value(const std::string& text, std::string_view key) {
    std::istringstream lines(text);
    std::string line;
    const std::string prefix = "-- " + std::string(key) + ":";
    while (std::getline(lines, line) && line.starts_with("--")) {
        if (!line.starts_with(prefix)) continue;
        std::size_t at = prefix.size();
        while (at < line.size() && line[at] == ' ') ++at;
        return line.substr(at);
    }
    return std::nullopt;
}

std::set<std::string> words(const std::string& text) {
    std::istringstream in(text);
    std::set<std::string> result;
    for (std::string w; in >> w;) result.insert(w);
    return result;
}
}  // namespace

std::vector<std::string> lint_directory(const fs::path& directory) {
    if (!fs::is_directory(directory))
        throw std::runtime_error("the migrations directory " + directory.string() + " does not exist");
    std::vector<std::string> problems;
    const std::map<std::string, std::string> sums = read_sums(directory);
    // The migrations by number: their stems and which of their files are there.
    std::map<int, std::string> stems;
    std::set<std::string> files;
    for (const fs::directory_entry& e : fs::directory_iterator(directory)) {
        const std::string file = e.path().filename().string();
        if (file == sum_file || !e.is_regular_file()) continue;
        // Only migrations' files: a README or an export beside them is not ours to judge.
        for (std::string_view suffix : {".up.sql", ".down.sql", ".json"}) {
            if (!file.ends_with(suffix)) continue;
            const std::string stem = file.substr(0, file.size() - suffix.size());
            if (const int n = snapshot_number(stem + ".json"); n > 0) {
                files.insert(file);
                if (const auto [it, inserted] = stems.emplace(n, stem); !inserted && it->second != stem)
                    problems.push_back(fmt::format("{} and {} have the same number", it->second, stem));
            }
        }
    }
    for (const auto& [file, hash] : sums)
        if (!files.contains(file)) problems.push_back(fmt::format("{} is listed in {} but missing", file, sum_file));
    for (const std::string& file : files) {
        const auto it = sums.find(file);
        if (it == sums.end())
            problems.push_back(fmt::format("{} is not listed in {}", file, sum_file));
        else if (it->second != sha256_hex(read_text(directory / file)))
            problems.push_back(fmt::format("{} has changed since it was written (its SHA-256 is not the one in {})", file,
                                           sum_file));
    }
    std::string previous_hash(empty_catalog);
    catalog::catalog previous;
    int expected = 1;
    for (const auto& [number, stem] : stems) {
        if (number != expected) problems.push_back(fmt::format("no migration numbered {:04} before {}", expected, stem));
        expected = number + 1;
        bool complete = true;
        for (std::string_view suffix : {".up.sql", ".down.sql", ".json"})
            if (!files.contains(stem + std::string(suffix))) {
                problems.push_back(fmt::format("{}{} is missing", stem, suffix));
                complete = false;
            }
        if (!complete) return problems;
        const std::string snapshot_text = read_text(directory / (stem + ".json"));
        const std::string hash = sha256_hex(snapshot_text);
        const std::string up = read_text(directory / (stem + ".up.sql"));
        if (header_value(up, "from") != previous_hash || header_value(up, "to") != hash)
            problems.push_back(fmt::format("{}.up.sql does not go from the snapshot before it to {}.json", stem, stem));
        catalog::catalog next;
        try {
            next = generator::read_snapshot(snapshot_text);
        } catch (const std::exception& e) {
            problems.push_back(fmt::format("{}.json: {}", stem, e.what()));
            return problems;
        }
        // Its destructive hazards, read from its statements: each must have been allowed.
        const std::set<std::string> allowed = words(header_value(up, "allowed").value_or(""));
        try {
            for (const hazard& h : detail::destructive_hazards_in(up, previous, next)) {
                // A table dropped with its dimension was allowed as either.
                const bool ok = allowed.contains(h.code) || (h.code == "PG102" && allowed.contains("PG105"));
                if (!ok)
                    problems.push_back(fmt::format("{}.up.sql: {} {}: {}, which it was not allowed", stem, h.code,
                                                   find_hazard(h.code)->name, h.message));
            }
        } catch (const std::invalid_argument& e) {
            problems.push_back(fmt::format("{}.up.sql does not parse: {}", stem, e.what()));
        }
        previous = std::move(next);
        previous_hash = hash;
    }
    return problems;
}

void write_migration(const fs::path& directory, const migration_files& files) {
    std::map<std::string, std::string> sums = read_sums(directory);
    std::vector<std::pair<fs::path, std::string>> outputs = {
        {directory / (files.stem + ".up.sql"), files.up},
        {directory / (files.stem + ".down.sql"), files.down},
        {directory / (files.stem + ".json"), files.snapshot},
    };
    for (const auto& [path, text] : outputs) {
        if (fs::exists(path)) throw std::runtime_error(path.string() + " exists already");
        sums[path.filename().string()] = sha256_hex(text);
    }
    outputs.emplace_back(directory / sum_file, write_sums(sums));

    write_all_or_none(outputs);
}

void write_all_or_none(const std::vector<std::pair<fs::path, std::string>>& outputs) {
    // Every file is written beside its place first; then all are moved into
    // place, a file they replace moved aside until all are in place, and if
    // one move fails, those already moved are taken back.
    std::vector<fs::path> staged;
    auto discard = [&] {
        std::error_code ignored;
        for (const fs::path& p : staged) fs::remove(p, ignored);
    };
    for (const auto& [path, text] : outputs) {
        const fs::path temporary = path.string() + ".pgcraft-tmp";
        std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
        out << text;
        out.close();
        staged.push_back(temporary);
        if (!out) {
            discard();
            throw std::runtime_error("cannot write " + path.string());
        }
    }
    std::vector<fs::path> placed;
    std::vector<fs::path> replaced;  ///< the old files, aside
    auto take_back = [&] {
        std::error_code ignored;
        for (const fs::path& p : placed) fs::remove(p, ignored);
        for (const fs::path& old : replaced) {
            const std::string path = old.string();
            fs::rename(old, path.substr(0, path.size() - aside_suffix.size()), ignored);
        }
        discard();
    };
    for (std::size_t i = 0; i < outputs.size(); ++i) {
        const fs::path& path = outputs[i].first;
        std::error_code error;
        if (fs::exists(path)) {
            const fs::path aside = path.string() + std::string(aside_suffix);
            fs::rename(path, aside, error);
            if (!error) replaced.push_back(aside);
        }
        if (!error) fs::rename(staged[i], path, error);
        if (error) {
            take_back();
            throw std::runtime_error("cannot write " + path.string() + ": " + error.message());
        }
        placed.push_back(path);
    }
    std::error_code ignored;
    for (const fs::path& old : replaced) fs::remove(old, ignored);
}

std::map<int, std::string> migration_stems(const fs::path& directory) {
    std::map<int, std::string> stems;
    for (const fs::directory_entry& e : fs::directory_iterator(directory))
        if (const int n = snapshot_number(e.path().filename().string()); n > 0)
            stems.emplace(n, e.path().stem().string());
    return stems;
}

}  // namespace pgcraft::migrate
