// The one main() of the Catch2 test binary (native and wasm under Node).
#define CATCH_CONFIG_MAIN
#include <catch2/catch.hpp>
