# Windows and macOS: bundle Qt with the application. Written against Qt's deployment API
# (qt_generate_deploy_app_script runs windeployqt / macdeployqt at install time, so `cpack`
# packages a self-contained tree) and documented in docs/install.md. UNTESTED on those
# platforms: nobody has run it there yet.

if(NOT TARGET probeboard)
    return()
endif()

set_target_properties(probeboard PROPERTIES
    WIN32_EXECUTABLE TRUE                           # no console window behind the whiteboard
    MACOSX_BUNDLE_GUI_IDENTIFIER "${PB_APP_ID}"
    MACOSX_BUNDLE_BUNDLE_NAME "Probeboard"
    MACOSX_BUNDLE_BUNDLE_VERSION "${PROJECT_VERSION}"
    MACOSX_BUNDLE_SHORT_VERSION_STRING "${PROJECT_VERSION}")

if(WIN32 AND TARGET pb-iconrender)
    # One 256 px image; Windows scales it for the smaller sizes.
    set(PB_WINDOWS_ICON ${PB_INSTALLER_OUT}/probeboard.ico)
    add_custom_command(OUTPUT ${PB_WINDOWS_ICON}
        COMMAND ${CMAKE_COMMAND} -E make_directory ${PB_INSTALLER_OUT}
        COMMAND pb-iconrender --strict ${PB_APP_SVG} ${PB_WINDOWS_ICON} 256
        DEPENDS ${PB_APP_SVG} pb-iconrender VERBATIM)
    add_custom_target(pb_windows_icon ALL DEPENDS ${PB_WINDOWS_ICON})
endif()

if(APPLE)
    # The CLI goes inside the bundle too, next to the app, so both find Contents/share/probeboard.
    install(TARGETS probeboard-cli RUNTIME DESTINATION "probeboard.app/Contents/MacOS")
endif()

if(COMMAND qt_generate_deploy_app_script)
    if(Qt6_VERSION VERSION_GREATER_EQUAL 6.5)
        qt_generate_deploy_app_script(TARGET probeboard OUTPUT_SCRIPT pb_deploy_script
                                      NO_UNSUPPORTED_PLATFORM_ERROR)
    else()
        qt_generate_deploy_app_script(TARGET probeboard FILENAME_VARIABLE pb_deploy_script
                                      NO_UNSUPPORTED_PLATFORM_ERROR)
    endif()
    install(SCRIPT ${pb_deploy_script})
else()
    message(WARNING "Qt's deployment API is missing: run windeployqt/macdeployqt by hand "
                    "(docs/install.md) before packaging.")
endif()
