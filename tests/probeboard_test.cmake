# probeboard_add_test(NAME tst_x SOURCES a.cpp LIBS pb_model [GUI])
# Builds one QtTest executable and registers it with ctest. GUI tests run offscreen.
function(probeboard_add_test)
    cmake_parse_arguments(T "GUI" "NAME" "SOURCES;LIBS" ${ARGN})
    add_executable(${T_NAME} ${T_SOURCES})
    set_target_properties(${T_NAME} PROPERTIES AUTOMOC ON)
    target_link_libraries(${T_NAME} PRIVATE Qt6::Test ${T_LIBS})
    target_compile_definitions(${T_NAME} PRIVATE
        PB_TEST_DATA="${CMAKE_SOURCE_DIR}/tests/data"
        PB_RESOURCES="${CMAKE_SOURCE_DIR}/resources"
        PB_CLI_PATH="$<TARGET_FILE:probeboard-cli>")
    add_dependencies(${T_NAME} probeboard-cli)
    add_test(NAME ${T_NAME} COMMAND ${T_NAME})
    # A test's own TIMEOUT wins over ctest's --timeout, so the sanitizer build's longer allowance
    # (scripts/sanitize.sh) has to be given here. Under ASan a realloc always copies, which makes
    # Graphviz's one-attribute-at-a-time declarations quadratic: tst_limits takes 250 s there on
    # the 2-core VM (1 s in the normal build), and went past 300 s with another test beside it.
    # QtTest's own watchdog stops a test function after 300 s too (QTEST_FUNCTION_TIMEOUT, in ms):
    # it stopped tst_limits::manyPropertiesOutOfOrder there at 301 s under ASan.
    set(timeout 300)
    if(PROBEBOARD_SANITIZE)
        set(timeout 1200)
    endif()
    math(EXPR function_ms "${timeout} * 1000")
    set_tests_properties(${T_NAME} PROPERTIES TIMEOUT ${timeout}
        ENVIRONMENT "QT_QPA_PLATFORM=offscreen;LC_ALL=C.UTF-8;QTEST_FUNCTION_TIMEOUT=${function_ms}")
endfunction()
