# The application icon as PNGs for the hicolor theme (16…512 px), rendered at build time from
# resources/icons/probeboard.svg. pb-iconrender uses Qt's own SVG renderer (no extra package,
# and the PNGs look like what the app draws); rsvg-convert (librsvg2-bin) is the fallback when
# Qt Svg is not available, e.g. in a CLI-only build.

set(PB_ICON_SIZES 16 22 24 32 48 64 128 256 512)
set(PB_APP_SVG ${PROJECT_SOURCE_DIR}/resources/icons/probeboard.svg)
set(PB_ICON_OUT ${PB_INSTALLER_OUT}/hicolor)

find_package(Qt6 QUIET COMPONENTS Gui Svg)
if(TARGET Qt6::Svg)
    add_executable(pb-iconrender ${PB_INSTALLER_DIR}/iconrender/main.cpp)
    target_link_libraries(pb-iconrender PRIVATE Qt6::Gui Qt6::Svg)
    set(PB_RENDER_COMMAND $<TARGET_FILE:pb-iconrender> --strict)
    set(PB_RENDER_DEPENDS pb-iconrender)
    set(PB_RENDER_STYLE qt)
else()
    find_program(PB_RSVG_CONVERT rsvg-convert)
    if(PB_RSVG_CONVERT)
        set(PB_RENDER_STYLE rsvg)
    else()
        message(WARNING "Neither Qt Svg nor rsvg-convert (librsvg2-bin) found: the packages "
                        "will carry only the scalable SVG application icon.")
        set(PB_RENDER_STYLE none)
    endif()
endif()

set(PB_ICON_PNGS)
if(NOT PB_RENDER_STYLE STREQUAL "none")
    foreach(size IN LISTS PB_ICON_SIZES)
        set(png ${PB_ICON_OUT}/${size}x${size}/apps/probeboard.png)
        if(PB_RENDER_STYLE STREQUAL "qt")
            set(cmd ${PB_RENDER_COMMAND} ${PB_APP_SVG} ${png} ${size})
        else()
            set(cmd ${PB_RSVG_CONVERT} -w ${size} -h ${size} -o ${png} ${PB_APP_SVG})
        endif()
        add_custom_command(OUTPUT ${png}
            COMMAND ${CMAKE_COMMAND} -E make_directory ${PB_ICON_OUT}/${size}x${size}/apps
            COMMAND ${cmd}
            DEPENDS ${PB_APP_SVG} ${PB_RENDER_DEPENDS}
            COMMENT "Rendering the ${size}px application icon" VERBATIM)
        list(APPEND PB_ICON_PNGS ${png})
    endforeach()
    add_custom_target(pb_app_icons ALL DEPENDS ${PB_ICON_PNGS})
endif()
