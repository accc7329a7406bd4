# Configures and builds project/ with BROKEN on or off (cmake -P):
#   -DPGCRAFT_SOURCE_DIR -DWORK_DIR -DGENERATOR -DCXX_COMPILER -DBROKEN=ON|OFF
file(REMOVE_RECURSE "${WORK_DIR}")
execute_process(COMMAND "${CMAKE_COMMAND}" -S "${CMAKE_CURRENT_LIST_DIR}/project" -B "${WORK_DIR}" -G "${GENERATOR}"
        "-DCMAKE_CXX_COMPILER=${CXX_COMPILER}" "-DPGCRAFT_SOURCE_DIR=${PGCRAFT_SOURCE_DIR}" "-DBROKEN=${BROKEN}"
        -DCMAKE_DISABLE_FIND_PACKAGE_doctest=ON
    RESULT_VARIABLE configured OUTPUT_VARIABLE out ERROR_VARIABLE out)
if(NOT configured STREQUAL "0")
    message(FATAL_ERROR "configure failed:\n${out}")
endif()
execute_process(COMMAND "${CMAKE_COMMAND}" --build "${WORK_DIR}" --target parcels-schema
    RESULT_VARIABLE built OUTPUT_VARIABLE out ERROR_VARIABLE out)
if(BROKEN)
    if(built STREQUAL "0")
        message(FATAL_ERROR "the generator built although its check names a column the table does not have:\n${out}")
    endif()
    string(FIND "${out}" "dimension parcels (table public.parcels): check ck__parcels reads \"wieght\", which is not a column" at)
    if(at EQUAL -1)
        message(FATAL_ERROR "the build failed, but not naming the dimension, the check and the column:\n${out}")
    endif()
else()
    if(NOT built STREQUAL "0")
        message(FATAL_ERROR "the corrected schema should build:\n${out}")
    endif()
endif()
