# Drives one packaging scenario (cmake -P). Wipes WORK_DIR, then:
#   find_package:     configures pgcraft alone (no tests, no examples), installs
#                     it into a staging prefix, moves the prefix elsewhere (the
#                     package must be relocatable) and points the consumer at it;
#   add_subdirectory,
#   fetchcontent:     points the consumer at pgcraft's source tree.
# Then builds the consumer, runs its generator with `ddl` and its plain app,
# and checks what they print.
#
# -D variables: MODE, PGCRAFT_SOURCE_DIR, PGCRAFT_VERSION, CONSUMER_SOURCE_DIR,
# WORK_DIR, GENERATOR, GENERATOR_PLATFORM, GENERATOR_TOOLSET, MAKE_PROGRAM,
# MULTI_CONFIG, BUILD_TYPE, CXX_COMPILER, CXX_FLAGS, CLI11_DIR, BOOST_DIR.
cmake_minimum_required(VERSION 3.21)

foreach(required IN ITEMS MODE PGCRAFT_SOURCE_DIR CONSUMER_SOURCE_DIR WORK_DIR GENERATOR CXX_COMPILER)
    if(NOT DEFINED ${required} OR "${${required}}" STREQUAL "")
        message(FATAL_ERROR "run_consumer.cmake: -D${required}=... is required")
    endif()
endforeach()

# Runs a command; on failure, shows its output and stops.
function(step what)
    execute_process(COMMAND ${ARGN}
        RESULT_VARIABLE result
        OUTPUT_VARIABLE output
        ERROR_VARIABLE output)
    if(NOT result STREQUAL "0")
        string(REPLACE ";" " " command_line "${ARGN}")
        message("${command_line}\n${output}")
        message(FATAL_ERROR "[${MODE}] ${what} failed (${result})")
    endif()
    message(STATUS "[${MODE}] ${what}: ok")
endfunction()

# The configuration to build: the parent's; a multi-config generator needs one.
set(config "${BUILD_TYPE}")
if(MULTI_CONFIG AND config STREQUAL "")
    set(config Debug)
endif()

# The same generator, compiler and flags as the build tree that runs the test.
set(configure_options -G "${GENERATOR}"
    "-DCMAKE_CXX_COMPILER=${CXX_COMPILER}"
    "-DCMAKE_CXX_FLAGS=${CXX_FLAGS}"
    # Only the package this scenario installs, never one registered elsewhere.
    -DCMAKE_FIND_USE_PACKAGE_REGISTRY=OFF
    -DCMAKE_FIND_USE_SYSTEM_PACKAGE_REGISTRY=OFF)
if(GENERATOR_PLATFORM)
    list(APPEND configure_options -A "${GENERATOR_PLATFORM}")
endif()
if(GENERATOR_TOOLSET)
    list(APPEND configure_options -T "${GENERATOR_TOOLSET}")
endif()
if(MAKE_PROGRAM)
    list(APPEND configure_options "-DCMAKE_MAKE_PROGRAM=${MAKE_PROGRAM}")
endif()
if(NOT MULTI_CONFIG AND NOT config STREQUAL "")
    list(APPEND configure_options "-DCMAKE_BUILD_TYPE=${config}")
endif()
if(CLI11_DIR)
    list(APPEND configure_options "-DCLI11_DIR=${CLI11_DIR}")
endif()
if(BOOST_DIR)
    list(APPEND configure_options "-DBoost_DIR=${BOOST_DIR}")
endif()
set(build_options)
if(MULTI_CONFIG)
    set(build_options --config "${config}")
endif()

file(REMOVE_RECURSE "${WORK_DIR}")
file(MAKE_DIRECTORY "${WORK_DIR}")

set(consumer_options "-DPGCRAFT_CONSUMER_MODE=${MODE}")
if(MODE STREQUAL "find_package")
    set(pgcraft_build "${WORK_DIR}/pgcraft-build")
    set(staging "${WORK_DIR}/staging")
    set(prefix "${WORK_DIR}/prefix")
    step("configure pgcraft alone"
        "${CMAKE_COMMAND}" -S "${PGCRAFT_SOURCE_DIR}" -B "${pgcraft_build}" ${configure_options}
        -DPGCRAFT_BUILD_TESTS=OFF -DPGCRAFT_BUILD_EXAMPLES=OFF
        # Without its tests, pgcraft must not need their dependencies.
        -DCMAKE_DISABLE_FIND_PACKAGE_doctest=ON
        "-DCMAKE_INSTALL_PREFIX=${staging}")
    step("build pgcraft" "${CMAKE_COMMAND}" --build "${pgcraft_build}" ${build_options})
    step("install pgcraft" "${CMAKE_COMMAND}" --install "${pgcraft_build}" --prefix "${staging}" ${build_options})

    # The package must not remember where it was installed or built.
    file(RENAME "${staging}" "${prefix}")
    file(GLOB_RECURSE package_files "${prefix}/*.cmake")
    foreach(file IN LISTS package_files)
        file(READ "${file}" text)
        foreach(leak IN ITEMS "${staging}" "${PGCRAFT_SOURCE_DIR}" "${pgcraft_build}")
            string(FIND "${text}" "${leak}" at)
            if(NOT at EQUAL -1)
                message(FATAL_ERROR "[${MODE}] ${file} names ${leak}; the installed package must be relocatable")
            endif()
        endforeach()
    endforeach()
    # Where GNUInstallDirs put things depends on the platform: look for them.
    file(GLOB_RECURSE config_file LIST_DIRECTORIES false "${prefix}/*/pgcraftConfig.cmake")
    file(GLOB_RECURSE model_header LIST_DIRECTORIES false "${prefix}/*/pgcraft/model.hpp")
    if(NOT config_file OR NOT model_header)
        message(FATAL_ERROR "[${MODE}] no pgcraftConfig.cmake or pgcraft/model.hpp under ${prefix}")
    endif()
    get_filename_component(config_dir "${config_file}" DIRECTORY)       # <datadir>/pgcraft/cmake
    get_filename_component(include_dir "${model_header}" DIRECTORY)     # <includedir>/pgcraft
    get_filename_component(package_data_dir "${config_dir}" DIRECTORY)  # <datadir>/pgcraft
    foreach(installed IN ITEMS
            "${include_dir}/generator/cli.hpp"
            "${package_data_dir}/generator/schema.cpp.in"
            "${package_data_dir}/generator/main.cpp"
            "${config_dir}/pgcraftConfigVersion.cmake"
            "${config_dir}/pgcraftTargets.cmake"
            "${config_dir}/PgcraftGenerator.cmake")
        if(NOT EXISTS "${installed}")
            message(FATAL_ERROR "[${MODE}] not installed: ${installed}")
        endif()
    endforeach()
    list(APPEND consumer_options
        "-DCMAKE_PREFIX_PATH=${prefix}"
        "-DPGCRAFT_CONSUMER_PGCRAFT_VERSION=${PGCRAFT_VERSION}"
        "-DPGCRAFT_CONSUMER_EXPECTED_PGCRAFT_DIR=${config_dir}")
elseif(MODE STREQUAL "add_subdirectory" OR MODE STREQUAL "fetchcontent")
    list(APPEND consumer_options
        "-DPGCRAFT_CONSUMER_PGCRAFT_SOURCE_DIR=${PGCRAFT_SOURCE_DIR}"
        # As a subproject pgcraft must not look for its test dependencies.
        -DCMAKE_DISABLE_FIND_PACKAGE_doctest=ON)
else()
    message(FATAL_ERROR "run_consumer.cmake: unknown MODE '${MODE}'")
endif()

set(consumer_build "${WORK_DIR}/consumer-build")
step("configure the consumer"
    "${CMAKE_COMMAND}" -S "${CONSUMER_SOURCE_DIR}" -B "${consumer_build}" ${configure_options} ${consumer_options})
step("build the consumer" "${CMAKE_COMMAND}" --build "${consumer_build}" ${build_options})

include("${consumer_build}/consumer-paths-${config}.cmake")

# Runs a built program and checks that it succeeds and prints `expected`.
function(check_program what program expected)
    execute_process(COMMAND "${program}" ${ARGN}
        RESULT_VARIABLE result
        OUTPUT_VARIABLE output
        ERROR_VARIABLE errors
        TIMEOUT 60)
    if(NOT result STREQUAL "0")
        message("${output}${errors}")
        message(FATAL_ERROR "[${MODE}] ${what} failed (${result})")
    endif()
    string(FIND "${output}" "${expected}" at)
    if(at EQUAL -1)
        message("${output}${errors}")
        message(FATAL_ERROR "[${MODE}] ${what} did not print '${expected}' (its output is above)")
    endif()
    message(STATUS "[${MODE}] ${what}: ok")
endfunction()

check_program("shop-schema ddl" "${CONSUMER_GENERATOR}" "CREATE TABLE shop.customers (" ddl)
check_program("shop-app" "${CONSUMER_APP}" "shop-app: Ada visited 3 times")
