# Packaging and desktop integration, included last from the top-level CMakeLists.txt.
#
#   cmake --build build && (cd build && cpack -G DEB)     # or -G TGZ
#
# The version comes from project(VERSION) only. Every program finds its data relative to itself
# (bin/../share/probeboard), so the same install tree works from /usr, from an unpacked tarball
# and, on Windows and macOS, from wherever the user puts it. See docs/install.md.

set(PB_INSTALLER_DIR ${CMAKE_CURRENT_LIST_DIR})
set(PB_INSTALLER_OUT ${PROJECT_BINARY_DIR}/installer)
set(PB_APP_ID "io.github.probeboard.Probeboard")

set(PROBEBOARD_MAINTAINER "Probeboard maintainers <maintainers@probeboard.invalid>"
    CACHE STRING "Maintainer named in the packages")
set(PROBEBOARD_HOMEPAGE "https://github.com/probeboard/probeboard"
    CACHE STRING "Project home page named in the packages and the AppStream metainfo")
set(PROBEBOARD_LICENSE "LicenseRef-proprietary"
    CACHE STRING "SPDX license expression for the AppStream metainfo")

# The programs look for their data next to their own folder; on macOS inside the bundle
# (Contents/MacOS/../share/probeboard), on every other platform in <prefix>/share/probeboard.
set(PB_DATA_DESTINATIONS ${PROBEBOARD_DATA_SUBDIR})
if(APPLE AND TARGET probeboard)
    list(APPEND PB_DATA_DESTINATIONS "probeboard.app/Contents/share/probeboard")
endif()
foreach(dest IN LISTS PB_DATA_DESTINATIONS)
    install(DIRECTORY
        ${PROJECT_SOURCE_DIR}/resources/packs
        ${PROJECT_SOURCE_DIR}/resources/vocabulary
        ${PROJECT_SOURCE_DIR}/resources/examples
        ${PROJECT_SOURCE_DIR}/resources/icons
        ${PROJECT_SOURCE_DIR}/resources/themes
        DESTINATION ${dest})
endforeach()

include(${PB_INSTALLER_DIR}/icons.cmake)

if(UNIX AND NOT APPLE)
    include(${PB_INSTALLER_DIR}/linux.cmake)
elseif(WIN32 OR APPLE)
    include(${PB_INSTALLER_DIR}/deploy.cmake)
endif()

include(${PB_INSTALLER_DIR}/cpack.cmake)
