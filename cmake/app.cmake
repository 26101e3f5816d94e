# The app: Dear ImGui screens (src/app) on the SDL2 + OpenGL platform seam (src/platform).
#   natively:        peizou_desktop (Debian's libsdl2-dev + -lGL)
#   PEIZOU_FLAVOUR=web (Emscripten): peizou_web.js + .wasm, index.html and web/ beside them
# Third-party sources come from Debian source packages unpacked by scripts/setup into
# PEIZOU_CACHE; builds of them are cached there too, outside the clone.
set(PEIZOU_CACHE "/var/cache/peizou" CACHE PATH "Third-party sources and builds, outside the clone")
set(PEIZOU_FLAVOUR "" CACHE STRING "Emscripten builds: node (CLI + tests) or web (the page)")
set(IMGUI_DIR "${PEIZOU_CACHE}/src/imgui/tree")

if(EMSCRIPTEN)
  if(NOT PEIZOU_FLAVOUR STREQUAL "web")
    return()
  endif()
  include(cmake/sdl2_wasm.cmake)
  set(PEIZOU_SEAM web)
else()
  find_package(SDL2 QUIET)
  find_package(OpenGL QUIET)
  if(NOT SDL2_FOUND OR NOT OPENGL_FOUND OR NOT EXISTS "${IMGUI_DIR}/imgui.h")
    message(STATUS "peizou_desktop skipped: needs libsdl2-dev, libgl-dev and ${IMGUI_DIR} (scripts/setup)")
    return()
  endif()
  set(PEIZOU_SEAM native)
endif()

# The UI is built for size on the web (the core stays -O3: see peizou_core). Issue 17:
# the screens, the scenario reader and the imports at -Oz (none of them is on the
# engine's hot path; the floating-point results do not depend on the level, there is no
# fast-math); ImGui too.
if(EMSCRIPTEN)
  set(UI_OPT -Oz)
  set(IMGUI_OPT -Oz)
  foreach(t peizou_scenario peizou_import peizou_pugixml)
    target_compile_options(${t} PRIVATE -Oz)
  endforeach()
else()
  set(UI_OPT -O2)
  set(IMGUI_OPT -O2)
endif()

# ---- Dear ImGui 1.86 + its SDL2 and OpenGL3 backends
add_library(peizou_imgui STATIC
  ${IMGUI_DIR}/imgui.cpp ${IMGUI_DIR}/imgui_draw.cpp ${IMGUI_DIR}/imgui_tables.cpp
  ${IMGUI_DIR}/imgui_widgets.cpp
  ${IMGUI_DIR}/backends/imgui_impl_sdl.cpp ${IMGUI_DIR}/backends/imgui_impl_opengl3.cpp)
target_include_directories(peizou_imgui SYSTEM PUBLIC ${IMGUI_DIR} ${IMGUI_DIR}/backends)
# Third-party code: its warnings are not ours to fix.
target_compile_options(peizou_imgui PRIVATE ${IMGUI_OPT} -w)
# No demo, metrics or debug windows: the app never opens them (smaller wasm, issue 17).
target_compile_definitions(peizou_imgui PUBLIC IMGUI_DISABLE_OBSOLETE_FUNCTIONS IMGUI_DISABLE_DEMO_WINDOWS
                           IMGUI_DISABLE_METRICS_WINDOW)
if(EMSCRIPTEN)
  target_link_libraries(peizou_imgui PUBLIC peizou_sdl2)
else()
  target_link_libraries(peizou_imgui PUBLIC SDL2::SDL2 OpenGL::GL ${CMAKE_DL_LIBS})
endif()

# ---- fonts: subsets of Noto Sans CJK SC made from the text we actually show
file(GLOB FONT_TEXT_SOURCES CONFIGURE_DEPENDS
  ${PROJECT_SOURCE_DIR}/src/app/*.cpp ${PROJECT_SOURCE_DIR}/src/app/*.hpp ${PROJECT_SOURCE_DIR}/src/app/*.inc
  ${PROJECT_SOURCE_DIR}/src/scenario/*.cpp ${PROJECT_SOURCE_DIR}/src/scenario/*.hpp
  ${PROJECT_SOURCE_DIR}/src/core/*.cpp ${PROJECT_SOURCE_DIR}/src/core/*.hpp
  ${PROJECT_SOURCE_DIR}/src/import/*.cpp
  ${PROJECT_SOURCE_DIR}/scenarios/*.json)
set(FONT_DIR "${CMAKE_BINARY_DIR}/fonts")
add_custom_command(
  OUTPUT ${FONT_DIR}/ui.otf ${FONT_DIR}/large.otf ${FONT_DIR}/ui.otf.chars.txt
  COMMAND /usr/bin/python3 ${PROJECT_SOURCE_DIR}/assets/fonts/subset_fonts.py ${FONT_DIR} ${FONT_TEXT_SOURCES}
  DEPENDS ${PROJECT_SOURCE_DIR}/assets/fonts/subset_fonts.py ${PROJECT_SOURCE_DIR}/assets/fonts/tgh_level1.txt
          ${FONT_TEXT_SOURCES}
  COMMENT "Subsetting Noto Sans CJK SC to the characters in use")
add_custom_target(peizou_fonts DEPENDS ${FONT_DIR}/ui.otf ${FONT_DIR}/large.otf)

# ---- screens
file(GLOB APP_SOURCES CONFIGURE_DEPENDS src/app/*.cpp)
add_library(peizou_app STATIC ${APP_SOURCES})
target_link_libraries(peizou_app PUBLIC peizou_scenario peizou_import peizou_imgui)
target_compile_options(peizou_app PRIVATE ${UI_OPT})

# ---- the executable: common main loop + one seam file chosen here
set(PLATFORM_SOURCES src/platform/main_loop.cpp src/platform/files.cpp
                     src/platform/backend_${PEIZOU_SEAM}.cpp)
if(EMSCRIPTEN)  # the worker pool's entry point (web/pool.js, issue 17)
  list(APPEND PLATFORM_SOURCES src/platform/worker_engine.cpp)
endif()
if(EMSCRIPTEN)
  set(APP_TARGET peizou_web)
else()
  set(APP_TARGET peizou_desktop)
endif()
add_executable(${APP_TARGET} ${PLATFORM_SOURCES})
target_link_libraries(${APP_TARGET} PRIVATE peizou_app)
target_compile_options(${APP_TARGET} PRIVATE ${UI_OPT})
add_dependencies(${APP_TARGET} peizou_fonts)

if(EMSCRIPTEN)
  foreach(t peizou_imgui peizou_app peizou_web)
    target_compile_options(${t} PRIVATE -fwasm-exceptions)
  endforeach()
  # Every page file sits beside peizou_web.js: index.html, web/, fonts/large.otf.
  file(GLOB SCENARIO_FILES CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/scenarios/*.json)
  set(EMBED)
  if(EXISTS ${PROJECT_SOURCE_DIR}/scenarios)
    list(APPEND EMBED "SHELL:--embed-file ${PROJECT_SOURCE_DIR}/scenarios@/scenarios")
  endif()
  list(APPEND EMBED "SHELL:--embed-file ${FONT_DIR}/ui.otf@/fonts/ui.otf")
  # Every character ui.otf has (the app's, core's and loader's messages, every built-in
  # scenario): all of them are in the atlas from the start (src/app/fonts.cpp).
  list(APPEND EMBED "SHELL:--embed-file ${FONT_DIR}/ui.otf.chars.txt@/fonts/ui.otf.chars.txt")
  target_link_options(peizou_web PRIVATE
    ${EMBED}
    # Binaryen's link-time passes for size: −30 KB of the wasm's gzip (issue 17); the
    # engine's code was optimised for speed when compiled (-O3), and the hall runs as fast
    # linked -Oz as -O3 (peizou_bench under Node, 40.5 against 40.6 ms, bench/README.md).
    -Oz -fwasm-exceptions
    -sENVIRONMENT=web -sUSE_WEBGL2=1 -sMIN_WEBGL_VERSION=2 -sMAX_WEBGL_VERSION=2
    -sALLOW_MEMORY_GROWTH=1 -sDYNAMIC_EXECUTION=0 -sEXIT_RUNTIME=0
    -sINITIAL_MEMORY=33554432
    -lidbfs.js  # the user's files persist in IndexedDB (issue 7, web/loader.js)
    "-sEXPORTED_RUNTIME_METHODS=['ccall','UTF8ToString','FS','addRunDependency','removeRunDependency']"
    "-sEXPORTED_FUNCTIONS=['_main','_malloc','_free','_peizou_import_text']")
  set_property(TARGET peizou_web APPEND PROPERTY LINK_DEPENDS ${SCENARIO_FILES} ${FONT_DIR}/ui.otf
               ${FONT_DIR}/ui.otf.chars.txt)
  set_target_properties(peizou_web PROPERTIES SUFFIX ".js")

  file(GLOB WEB_FILES CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/web/*)
  set(PAGE_OUT)
  foreach(f ${WEB_FILES})
    get_filename_component(n ${f} NAME)
    list(APPEND PAGE_OUT ${CMAKE_BINARY_DIR}/web/${n})
    add_custom_command(OUTPUT ${CMAKE_BINARY_DIR}/web/${n}
      COMMAND ${CMAKE_COMMAND} -E copy_if_different ${f} ${CMAKE_BINARY_DIR}/web/${n}
      DEPENDS ${f})
  endforeach()
  add_custom_command(OUTPUT ${CMAKE_BINARY_DIR}/index.html
    COMMAND ${CMAKE_COMMAND} -E copy_if_different ${PROJECT_SOURCE_DIR}/index.html ${CMAKE_BINARY_DIR}/index.html
    DEPENDS ${PROJECT_SOURCE_DIR}/index.html)
  # fonts/large.otf is already beside them: FONT_DIR is build/web/fonts.
  add_custom_target(peizou_page ALL DEPENDS ${PAGE_OUT} ${CMAKE_BINARY_DIR}/index.html)
  add_dependencies(peizou_web peizou_page)
  include(cmake/dist.cmake)  # sw.js + dist/peizou.html (issue 7)
else()
  target_compile_definitions(${APP_TARGET} PRIVATE
    PEIZOU_SCENARIOS_DIR="${PROJECT_SOURCE_DIR}/scenarios"
    PEIZOU_FONTS_DIR="${FONT_DIR}")
  # glReadPixels screenshots for the smoke test.
  target_include_directories(${APP_TARGET} SYSTEM PRIVATE /usr/include/stb)
endif()
