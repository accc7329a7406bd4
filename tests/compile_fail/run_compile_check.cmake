# Runs one compile-fail case; see CompileFail.cmake.
#   cmake -DCASE=<case file> -DMODE=broken|twin -P run_compile_check.cmake
# broken: compile with -DPGCRAFT_BROKEN; pass only if the compiler fails with
#         an ordinary error (not a crash) and its output matches every pattern.
# twin:   compile without it; pass only if the compiler succeeds silently.
cmake_minimum_required(VERSION 3.21)

if(NOT DEFINED CASE OR NOT MODE MATCHES "^(broken|twin)$")
    message(FATAL_ERROR "usage: cmake -DCASE=<case file> -DMODE=broken|twin -P ${CMAKE_CURRENT_LIST_FILE}")
endif()
include("${CASE}")

# Plain ASCII quotes and English messages, whatever the machine's locale.
set(ENV{LC_ALL} C)
set(ENV{LANG} C)

set(command "${COMPILER}" ${FLAGS})
if(MODE STREQUAL "broken")
    list(APPEND command -DPGCRAFT_BROKEN)
endif()
list(APPEND command "${SOURCE}")

execute_process(COMMAND ${command}
                RESULT_VARIABLE status
                OUTPUT_VARIABLE output
                ERROR_VARIABLE output)

# The compiler's output is printed as it is (message(FATAL_ERROR) would rewrap
# it), then a one-line verdict fails the test.
function(fail verdict)
    list(JOIN command " " shown)
    message(NOTICE "command: ${shown}\nexit status: ${status}\n"
                   "--- compiler output ---\n${output}--- end of compiler output ---\n${ARGN}")
    message(FATAL_ERROR "compile_fail.${CASE_NAME}${suffix}: ${verdict}")
endfunction()
set(suffix "")
if(MODE STREQUAL "twin")
    set(suffix ".twin")
    if(NOT status STREQUAL "0" OR NOT output STREQUAL "")
        fail("the corrected declaration must compile without any diagnostic")
    endif()
    message(STATUS "compile_fail.${CASE_NAME}.twin: compiles cleanly")
    return()
endif()

if(status STREQUAL "0")
    fail("the mistake compiled; pgcraft must reject it")
endif()
if(NOT status MATCHES "^[0-9]+$" OR output MATCHES "internal compiler error|PLEASE submit a bug report")
    fail("the compiler crashed instead of reporting an error")
endif()
set(missing "")
foreach(i RANGE 1 ${PATTERN_COUNT})
    if(NOT output MATCHES "${PATTERN_${i}}")
        string(APPEND missing "  ${PATTERN_${i}}\n")
    endif()
endforeach()
if(NOT missing STREQUAL "")
    fail("the compiler rejected the mistake, but its output does not match every pattern"
         "patterns not found in the output:\n${missing}")
endif()
if(NOT EXPECTED_ERRORS STREQUAL "")
    # Both compilers write "<file>:<line>:<column>: error: " before each error.
    string(REGEX MATCHALL ":[0-9]+:[0-9]+: error: " errors "${output}")
    list(LENGTH errors error_count)
    if(NOT error_count EQUAL EXPECTED_ERRORS)
        fail("the compiler reported ${error_count} errors, not ${EXPECTED_ERRORS}: one mistake, one error")
    endif()
endif()
message(STATUS "compile_fail.${CASE_NAME}: rejected as expected")
