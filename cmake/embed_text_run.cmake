# Script mode helper for embed_text.cmake: writes the bytes of IN as a C array.
file(READ "${IN}" hex HEX)
string(LENGTH "${hex}" hexlen)
math(EXPR size "${hexlen} / 2")
# (char) casts: bytes above 0x7f (UTF-8) would otherwise be narrowing errors.
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "(char)0x\\1," body "${hex}")
file(WRITE "${OUT}" "// Generated from ${IN}\nextern \"C\" const char ${SYMBOL}[] = {${body}0x00};\nextern \"C\" const unsigned long long ${SYMBOL}_size = ${size};\n")
