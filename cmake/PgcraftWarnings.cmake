# Warnings for pgcraft's own targets only; never imposed on a project that
# includes pgcraft.
function(pgcraft_set_warnings target)
    target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic)
    if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
        # GCC 12 reports a false -Wrestrict in std::string concatenation when
        # optimising (GCC bug 105329); the example and benchmarks build Release.
        target_compile_options(${target} PRIVATE -Wno-restrict)
    endif()
    if(PGCRAFT_WARNINGS_AS_ERRORS)
        target_compile_options(${target} PRIVATE -Werror)
    endif()
endfunction()
