// The integration tests' main(): doctest's, plus a refusal to pass when the
// filters matched no test case (a misspelt --test-suite in CMake would
// otherwise be a test that always passes).
#define DOCTEST_CONFIG_IMPLEMENT
#include <doctest/doctest.h>

#include <iostream>

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

}  // namespace

DOCTEST_REGISTER_LISTENER("pgcraft-count", 1, count_listener);

int main(int argc, char** argv) {
    doctest::Context context(argc, argv);
    const int result = context.run();
    if (context.shouldExit() || !run_ended) return result;
    if (result == 0 && test_cases_run == 0) {
        std::cerr << "pgcraft integration tests: no test case matched the filters\n";
        return 1;
    }
    return result;
}
