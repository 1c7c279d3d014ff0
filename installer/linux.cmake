# Linux desktop integration: desktop entry, AppStream metainfo, the MIME type for .probeboard
# files, hicolor icons and man pages. Debian's triggers (shared-mime-info, desktop-file-utils,
# the icon cache) pick these up on install and removal, so the package needs no maintainer
# scripts and leaves nothing behind.

set(PB_DESKTOP_FILE ${PB_INSTALLER_OUT}/probeboard.desktop)
set(PB_METAINFO_FILE ${PB_INSTALLER_OUT}/${PB_APP_ID}.metainfo.xml)
# SOURCE_DATE_EPOCH, when set, makes the release date (and so the package) reproducible.
string(TIMESTAMP PB_RELEASE_DATE "%Y-%m-%d" UTC)
configure_file(${PB_INSTALLER_DIR}/linux/probeboard.desktop.in ${PB_DESKTOP_FILE} @ONLY)
configure_file(${PB_INSTALLER_DIR}/linux/${PB_APP_ID}.metainfo.xml.in ${PB_METAINFO_FILE} @ONLY)

install(FILES ${PB_DESKTOP_FILE} DESTINATION ${CMAKE_INSTALL_DATADIR}/applications)
install(FILES ${PB_METAINFO_FILE} DESTINATION ${CMAKE_INSTALL_DATADIR}/metainfo)
install(FILES ${PB_INSTALLER_DIR}/linux/probeboard-mime.xml
        DESTINATION ${CMAKE_INSTALL_DATADIR}/mime/packages RENAME probeboard.xml)

set(PB_HICOLOR ${CMAKE_INSTALL_DATADIR}/icons/hicolor)
install(FILES ${PB_APP_SVG} DESTINATION ${PB_HICOLOR}/scalable/apps)
install(FILES ${PB_APP_SVG} DESTINATION ${PB_HICOLOR}/scalable/mimetypes
        RENAME application-x-probeboard.svg)
foreach(png IN LISTS PB_ICON_PNGS)
    get_filename_component(sizedir ${png} DIRECTORY)
    get_filename_component(sizedir ${sizedir} DIRECTORY)
    get_filename_component(size ${sizedir} NAME)
    install(FILES ${png} DESTINATION ${PB_HICOLOR}/${size}/apps)
endforeach()

# Man pages, gzip -9n as Debian policy asks (-n: no time stamp, so builds are reproducible).
# The pages name the data folder of the Debian package; they also say that the programs look
# next to their own folder, which is what holds for a tarball or a /usr/local install.
set(PB_MAN_DATADIR "/usr/${PROBEBOARD_DATA_SUBDIR}")
find_program(PB_GZIP gzip)
set(PB_MAN_PAGES)
foreach(page probeboard-cli probeboard)
    if(page STREQUAL "probeboard" AND NOT TARGET probeboard)
        continue()
    endif()
    set(man ${PB_INSTALLER_OUT}/man/${page}.1)
    configure_file(${PB_INSTALLER_DIR}/man/${page}.1.in ${man} @ONLY)
    if(PB_GZIP)
        add_custom_command(OUTPUT ${man}.gz
            COMMAND ${PB_GZIP} -9nf ${man} -c > ${man}.gz
            DEPENDS ${man} COMMENT "Compressing ${page}.1")
        set(man ${man}.gz)
    endif()
    list(APPEND PB_MAN_PAGES ${man})
endforeach()
add_custom_target(pb_man_pages ALL DEPENDS ${PB_MAN_PAGES})
install(FILES ${PB_MAN_PAGES} DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
