// The integration tests' main(): doctest's, plus a refusal to pass when the
// filters matched no test case (a misspelt --test-suite in CMake would
// otherwise be a test that always passes), and a cache folder of the run's own.
#define DOCTEST_CONFIG_IMPLEMENT
#include <doctest/doctest.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <string>
#include <system_error>

#include <unistd.h>

namespace {

unsigned test_cases_run = 0;
bool run_ended = false;

struct count_listener : doctest::IReporter {
    explicit count_listener(const doctest::ContextOptions&) {}
    void report_query(const doctest::QueryData&) override {}
    void test_run_start() override {}
    void test_run_end(const doctest::TestRunStats& stats) override {
        run_ended = true;
        test_cases_run = stats.numTestCasesPassingFilters;
    }
    void test_case_start(const doctest::TestCaseData&) override {}
    void test_case_reenter(const doctest::TestCaseData&) override {}
    void test_case_end(const doctest::CurrentTestCaseStats&) override {}
    void test_case_exception(const doctest::TestCaseException&) override {}
    void subcase_start(const doctest::SubcaseSignature&) override {}
    void subcase_end() override {}
    void log_assert(const doctest::AssertData&) override {}
    void log_message(const doctest::MessageData&) override {}
    void test_case_skipped(const doctest::TestCaseData&) override {}
};

// The drift check (pgcraft::live::drift, and the generators' check --database)
// keeps the server's form of the declarations in $XDG_CACHE_HOME/pgcraft: here
// a temporary folder of this run, removed at its end, so that nothing is
// written to the user's home and no check reads what another run kept.
class run_cache {
public:
    run_cache() {
        std::string pattern = (std::filesystem::temp_directory_path() / "pgcraft-it-cache-XXXXXX").string();
        if (::mkdtemp(pattern.data()) == nullptr) {
            std::cerr << "pgcraft integration tests: mkdtemp(" << pattern << "): " << std::strerror(errno) << "\n";
            std::exit(1);
        }
        directory_ = pattern;
        ::setenv("XDG_CACHE_HOME", directory_.c_str(), 1);
    }
    ~run_cache() {
        std::error_code ignored;
        std::filesystem::remove_all(directory_, ignored);
    }
    run_cache(const run_cache&) = delete;
    run_cache& operator=(const run_cache&) = delete;

private:
    std::string directory_;
};

}  // namespace

DOCTEST_REGISTER_LISTENER("pgcraft-count", 1, count_listener);

int main(int argc, char** argv) {
    const run_cache cache;
    doctest::Context context(argc, argv);
    const int result = context.run();
    if (context.shouldExit() || !run_ended) return result;
    if (result == 0 && test_cases_run == 0) {
        std::cerr << "pgcraft integration tests: no test case matched the filters\n";
        return 1;
    }
    return result;
}
