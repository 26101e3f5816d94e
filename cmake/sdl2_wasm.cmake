# SDL2 2.26.5 for Emscripten, built from Debian's source package (unpacked by
# scripts/setup) at configure time, once, into a cache OUTSIDE the clone so a fresh
# clone on the same machine reuses it. Subsystems we do not use are off: it builds
# faster and the page downloads less.
# Defines the imported target peizou_sdl2.
set(SDL2_SOURCE_DIR "${PEIZOU_CACHE}/src/libsdl2/tree")
# The cache is named after the version of the unpacked source, so a newer Debian
# package builds anew instead of reusing an old library.
set(SDL2_VERSION "unknown")
if(EXISTS "${SDL2_SOURCE_DIR}/CMakeLists.txt")
  file(STRINGS "${SDL2_SOURCE_DIR}/CMakeLists.txt" sdl2_version_lines REGEX "^set\\(SDL_(MAJOR|MINOR|MICRO)_VERSION [0-9]+\\)")
  string(REGEX REPLACE "[^;]*MAJOR_VERSION ([0-9]+)\\);[^;]*MINOR_VERSION ([0-9]+)\\);[^;]*MICRO_VERSION ([0-9]+)\\)" "\\1.\\2.\\3" SDL2_VERSION "${sdl2_version_lines}")
endif()
# "lean": SDL_LEAN_AND_MEAN (below) is part of the name, so a cache built without it is
# never reused.
set(SDL2_WASM_PREFIX "${PEIZOU_CACHE}/sdl2-${SDL2_VERSION}-lean-wasm")

if(NOT EXISTS "${SDL2_WASM_PREFIX}/lib/libSDL2.a")
  if(NOT EXISTS "${SDL2_SOURCE_DIR}/CMakeLists.txt")
    message(FATAL_ERROR "SDL2 source not found in ${SDL2_SOURCE_DIR}: run scripts/setup")
  endif()
  message(STATUS "Building SDL2 for Emscripten into ${SDL2_WASM_PREFIX} (once, ~5 min)")
  set(work "${SDL2_WASM_PREFIX}.work")
  file(REMOVE_RECURSE "${work}")
  execute_process(
    COMMAND ${CMAKE_COMMAND} -E env NODE_PATH=/usr/share/nodejs
            ${CMAKE_COMMAND} -S "${SDL2_SOURCE_DIR}" -B "${work}" -G Ninja
            -DCMAKE_TOOLCHAIN_FILE=${CMAKE_TOOLCHAIN_FILE}
            -DCMAKE_BUILD_TYPE=MinSizeRel
            -DCMAKE_INSTALL_PREFIX=${work}/install
            # The page draws with WebGL2 only: SDL's software surfaces, blitters, RLE and
            # YUV code (~225 KB of the page's wasm, issue 17) are never used.
            -DCMAKE_C_FLAGS=-DSDL_LEAN_AND_MEAN=1
            -DSDL_SHARED=OFF -DSDL_STATIC=ON -DSDL_TEST=OFF -DSDL2_DISABLE_SDL2MAIN=ON
            -DSDL_AUDIO=OFF -DSDL_JOYSTICK=OFF -DSDL_HAPTIC=OFF -DSDL_HIDAPI=OFF
            -DSDL_POWER=OFF -DSDL_SENSOR=OFF -DSDL_THREADS=OFF -DSDL_FILESYSTEM=OFF
            -DSDL_LOCALE=OFF -DSDL_MISC=OFF -DSDL_RENDER=OFF -DSDL_LOADSO=OFF
            -DSDL_CCACHE=OFF
    RESULT_VARIABLE rc OUTPUT_FILE "${work}.configure.log" ERROR_FILE "${work}.configure.log")
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "SDL2 configure failed, see ${work}.configure.log")
  endif()
  execute_process(
    COMMAND ${CMAKE_COMMAND} -E env NODE_PATH=/usr/share/nodejs
            ${CMAKE_COMMAND} --build "${work}" --target install
    RESULT_VARIABLE rc OUTPUT_FILE "${work}.build.log" ERROR_FILE "${work}.build.log")
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "SDL2 build failed, see ${work}.build.log")
  endif()
  # Publish atomically: a half-built cache is never mistaken for a good one.
  file(REMOVE_RECURSE "${SDL2_WASM_PREFIX}")
  file(RENAME "${work}/install" "${SDL2_WASM_PREFIX}")
  file(REMOVE_RECURSE "${work}")
endif()

add_library(peizou_sdl2 STATIC IMPORTED)
set_target_properties(peizou_sdl2 PROPERTIES
  IMPORTED_LOCATION "${SDL2_WASM_PREFIX}/lib/libSDL2.a"
  INTERFACE_INCLUDE_DIRECTORIES "${SDL2_WASM_PREFIX}/include/SDL2")
