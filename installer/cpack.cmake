# CPack: DEB and TGZ on Linux (tested), NSIS on Windows and DragNDrop on macOS (written, untested).
# Run from the build folder: cpack -G DEB | TGZ | NSIS | DragNDrop.

set(CPACK_PACKAGE_NAME "probeboard")
set(CPACK_PACKAGE_VENDOR "Probeboard")
set(CPACK_PACKAGE_VERSION "${PROJECT_VERSION}")
set(CPACK_PACKAGE_CONTACT "${PROBEBOARD_MAINTAINER}")
set(CPACK_PACKAGE_HOMEPAGE_URL "${PROBEBOARD_HOMEPAGE}")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "whiteboard for system design reviews that asks the follow-up questions")
set(CPACK_PACKAGE_DESCRIPTION "\
Probeboard is a desktop whiteboard for system design. You draw an architecture \
(clients, gateways, services, caches, databases, queues, workers, audit ledgers, \
regions) and a rule engine reads the drawing as a typed graph and asks the \
follow-up questions a senior interviewer or a design review board would ask, \
about your own components and numbers.

The package holds the whiteboard (probeboard), the command-line reviewer for \
terminals and CI (probeboard-cli, with text, JSON, Markdown and SARIF output), \
the built-in rule packs and example designs.")
set(CPACK_PACKAGE_INSTALL_DIRECTORY "Probeboard")
set(CPACK_PACKAGE_EXECUTABLES "probeboard" "Probeboard")
set(CPACK_VERBATIM_VARIABLES ON)
# RelWithDebInfo binaries carry debug info; the packages should not.
set(CPACK_STRIP_FILES ON)
set(CPACK_PACKAGE_CHECKSUM SHA256)

if(WIN32)
    set(CPACK_GENERATOR "NSIS;ZIP")
elseif(APPLE)
    set(CPACK_GENERATOR "DragNDrop")
else()
    set(CPACK_GENERATOR "DEB;TGZ")
endif()

# --- DEB --------------------------------------------------------------------------------------
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)            # probeboard_<version>_<arch>.deb
set(CPACK_DEBIAN_PACKAGE_MAINTAINER "${PROBEBOARD_MAINTAINER}")
set(CPACK_DEBIAN_PACKAGE_SECTION "devel")
set(CPACK_DEBIAN_PACKAGE_PRIORITY "optional")
set(CPACK_DEBIAN_PACKAGE_HOMEPAGE "${PROBEBOARD_HOMEPAGE}")
# Library dependencies come from dpkg-shlibdeps (package dpkg-dev) reading the binaries.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
set(CPACK_DEBIAN_COMPRESSION_TYPE "xz")
if(TARGET probeboard)
    # What shlibdeps cannot see: Qt loads its platform plugins (xcb, offscreen) at run time.
    set(CPACK_DEBIAN_PACKAGE_DEPENDS "qt6-qpa-plugins")
    set(CPACK_DEBIAN_PACKAGE_SUGGESTS "qt6-wayland")
endif()

# --- TGZ: a relocatable tree (bin/, share/); the programs find share/probeboard from bin/ ------
set(CPACK_ARCHIVE_COMPONENT_INSTALL OFF)

# --- source package ---------------------------------------------------------------------------
set(CPACK_SOURCE_GENERATOR "TGZ")
set(CPACK_SOURCE_IGNORE_FILES "/\\.git/" "/build[^/]*/" "/\\.cache/" "/out/" "\\.swp$")

# --- NSIS (Windows; untested) -----------------------------------------------------------------
set(CPACK_NSIS_PACKAGE_NAME "Probeboard")
set(CPACK_NSIS_DISPLAY_NAME "Probeboard ${PROJECT_VERSION}")
set(CPACK_NSIS_INSTALLED_ICON_NAME "bin\\probeboard.exe")
set(CPACK_NSIS_URL_INFO_ABOUT "${PROBEBOARD_HOMEPAGE}")
set(CPACK_NSIS_CONTACT "${PROBEBOARD_MAINTAINER}")
set(CPACK_NSIS_ENABLE_UNINSTALL_BEFORE_INSTALL ON)
set(CPACK_NSIS_MODIFY_PATH ON)                     # offer to put probeboard-cli on PATH
if(PB_WINDOWS_ICON)
    set(CPACK_NSIS_MUI_ICON "${PB_WINDOWS_ICON}")
    set(CPACK_NSIS_MUI_UNIICON "${PB_WINDOWS_ICON}")
endif()
# Double-clicking a .probeboard file opens it in Probeboard; removed again on uninstall.
set(CPACK_NSIS_EXTRA_INSTALL_COMMANDS [=[
  WriteRegStr HKCR ".probeboard" "" "Probeboard.Design"
  WriteRegStr HKCR "Probeboard.Design" "" "Probeboard design"
  WriteRegStr HKCR "Probeboard.Design\DefaultIcon" "" "$INSTDIR\bin\probeboard.exe,0"
  WriteRegStr HKCR "Probeboard.Design\shell\open\command" "" '"$INSTDIR\bin\probeboard.exe" "%1"'
  System::Call 'shell32::SHChangeNotify(i 0x08000000, i 0, i 0, i 0)'
]=])
set(CPACK_NSIS_EXTRA_UNINSTALL_COMMANDS [=[
  DeleteRegKey HKCR ".probeboard"
  DeleteRegKey HKCR "Probeboard.Design"
  System::Call 'shell32::SHChangeNotify(i 0x08000000, i 0, i 0, i 0)'
]=])

# --- DragNDrop (macOS; untested) --------------------------------------------------------------
set(CPACK_DMG_VOLUME_NAME "Probeboard ${PROJECT_VERSION}")
set(CPACK_DMG_FORMAT "UDZO")

include(CPack)
