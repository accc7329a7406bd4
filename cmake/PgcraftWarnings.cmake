# Warnings for pgcraft's own targets only; never imposed on a project that
# includes pgcraft.
function(pgcraft_set_warnings target)
    target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic)
    if(PGCRAFT_WARNINGS_AS_ERRORS)
        target_compile_options(${target} PRIVATE -Werror)
    endif()
endfunction()
