# Offline deliverables, made from the built page by scripts/dist.mjs (issue 7):
#   build/web/sw.js       the service worker, versioned by a hash of the files it caches
#   dist/peizou.html      the single file for file:// (wasm, data, fonts, scripts inlined)
# Always re-run (it takes well under a second): it depends on the page files, the wasm
# and the large font, whichever changed.
find_program(NODE node REQUIRED)
set(PEIZOU_DIST_HTML "${PROJECT_SOURCE_DIR}/dist/peizou.html" CACHE FILEPATH "The single-file page")
add_custom_target(peizou_dist ALL
  COMMAND ${NODE} ${PROJECT_SOURCE_DIR}/scripts/dist.mjs --web ${CMAKE_BINARY_DIR} --out ${PEIZOU_DIST_HTML}
  WORKING_DIRECTORY ${PROJECT_SOURCE_DIR}
  DEPENDS ${PROJECT_SOURCE_DIR}/scripts/dist.mjs ${PROJECT_SOURCE_DIR}/web/sw.js
  COMMENT "Single file dist/peizou.html and the versioned service worker"
  VERBATIM)
add_dependencies(peizou_dist peizou_web peizou_page)
