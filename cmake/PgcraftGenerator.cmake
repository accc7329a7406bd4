# pgcraft_add_generator(<name>
#     SCHEMA <qualified C++ type of the pg::schema<...>>
#     HEADERS <header> ...                  # the headers that declare it
#     [INCLUDE_DIRECTORIES <dir> ...]
#     [LINK_LIBRARIES <target> ...]
#     [NO_CHECK])
#
# Builds the executable <name>, which prints the schema's DDL (`<name> ddl`).
# Mistakes in the declarations surface as compile errors of this target; then,
# unless NO_CHECK, building it runs `<name> check`, which reads the SQL with
# PostgreSQL's parser, so that a column named outside a marker fails the build.
#
# A generator is two translation units: the schema's, written from
# schema.cpp.in, which does all the template work; and the command line,
# main.cpp, compiled once into the object library pgcraft_generator_main and
# shared by every generator of the project.
include_guard(GLOBAL)

function(pgcraft_add_generator name)
    cmake_parse_arguments(PARSE_ARGV 1 ARG "NO_CHECK" "SCHEMA" "HEADERS;INCLUDE_DIRECTORIES;LINK_LIBRARIES")
    if(ARG_UNPARSED_ARGUMENTS)
        message(FATAL_ERROR "pgcraft_add_generator(${name}): unknown arguments: ${ARG_UNPARSED_ARGUMENTS}")
    endif()
    if(NOT ARG_SCHEMA)
        message(FATAL_ERROR "pgcraft_add_generator(${name}): SCHEMA <C++ type> is required")
    endif()
    if(NOT ARG_HEADERS)
        message(FATAL_ERROR "pgcraft_add_generator(${name}): HEADERS <header>... is required")
    endif()

    set(PGCRAFT_GENERATOR_NAME "${name}")
    set(PGCRAFT_GENERATOR_SCHEMA "${ARG_SCHEMA}")
    set(PGCRAFT_GENERATOR_INCLUDES "")
    foreach(header IN LISTS ARG_HEADERS)
        if(NOT IS_ABSOLUTE "${header}")
            set(header "${CMAKE_CURRENT_SOURCE_DIR}/${header}")
        endif()
        if(NOT EXISTS "${header}")
            message(FATAL_ERROR "pgcraft_add_generator(${name}): header not found: ${header}")
        endif()
        string(APPEND PGCRAFT_GENERATOR_INCLUDES "#include \"${header}\"\n")
    endforeach()

    set(schema_source "${CMAKE_CURRENT_BINARY_DIR}/${name}_pgcraft_schema.cpp")
    configure_file("${PGCRAFT_GENERATOR_DIR}/schema.cpp.in" "${schema_source}" @ONLY)

    if(NOT TARGET pgcraft_generator_main)
        add_library(pgcraft_generator_main OBJECT "${PGCRAFT_GENERATOR_DIR}/main.cpp")
        target_link_libraries(pgcraft_generator_main PUBLIC pgcraft::generator)
    endif()

    add_executable(${name} "${schema_source}")
    target_link_libraries(${name} PRIVATE pgcraft_generator_main pgcraft::generator ${ARG_LINK_LIBRARIES})
    target_include_directories(${name} PRIVATE ${ARG_INCLUDE_DIRECTORIES})
    if(NOT ARG_NO_CHECK)
        # What the compiler cannot see (a column named outside a marker, SQL
        # that does not parse) fails the build here, with PostgreSQL's parser.
        add_custom_command(TARGET ${name} POST_BUILD
            COMMAND ${name} check
            COMMENT "Checking ${name}'s SQL with PostgreSQL's parser"
            VERBATIM)
    endif()
endfunction()
