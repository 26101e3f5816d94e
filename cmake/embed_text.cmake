# peizou_embed_text(TARGET FILE SYMBOL): compiles FILE's bytes into TARGET as
#   extern "C" const char SYMBOL[];  extern "C" const unsigned long long SYMBOL_size;
# so data files (the holiday calendar) need no file system at run time.
function(peizou_embed_text target file symbol)
  set(out "${CMAKE_CURRENT_BINARY_DIR}/embedded/${symbol}.cpp")
  add_custom_command(
    OUTPUT "${out}"
    COMMAND ${CMAKE_COMMAND} -DIN=${file} -DOUT=${out} -DSYMBOL=${symbol}
            -P "${PROJECT_SOURCE_DIR}/cmake/embed_text_run.cmake"
    DEPENDS "${file}" "${PROJECT_SOURCE_DIR}/cmake/embed_text_run.cmake"
    COMMENT "Embedding ${file}")
  target_sources(${target} PRIVATE "${out}")
endfunction()
