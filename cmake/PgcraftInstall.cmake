# Install rules: headers, the targets, a package config for find_package.
include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

install(DIRECTORY include/pgcraft DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(FILES generator/schema.cpp.in generator/main.cpp DESTINATION ${CMAKE_INSTALL_DATADIR}/pgcraft/generator)
install(FILES cmake/PgcraftGenerator.cmake DESTINATION ${CMAKE_INSTALL_DATADIR}/pgcraft/cmake)
install(TARGETS pgcraft pgcraft_generator EXPORT pgcraftTargets)
install(EXPORT pgcraftTargets
    NAMESPACE pgcraft::
    DESTINATION ${CMAKE_INSTALL_DATADIR}/pgcraft/cmake)

configure_package_config_file(cmake/pgcraftConfig.cmake.in
    "${CMAKE_CURRENT_BINARY_DIR}/pgcraftConfig.cmake"
    INSTALL_DESTINATION ${CMAKE_INSTALL_DATADIR}/pgcraft/cmake)
write_basic_package_version_file("${CMAKE_CURRENT_BINARY_DIR}/pgcraftConfigVersion.cmake"
    COMPATIBILITY SameMinorVersion
    ARCH_INDEPENDENT)
install(FILES
    "${CMAKE_CURRENT_BINARY_DIR}/pgcraftConfig.cmake"
    "${CMAKE_CURRENT_BINARY_DIR}/pgcraftConfigVersion.cmake"
    DESTINATION ${CMAKE_INSTALL_DATADIR}/pgcraft/cmake)
