# Writes OUTPUT: a C++ source defining std::string_view NS::FN() over the bytes of INPUT.
file(READ "${INPUT}" hex HEX)
string(LENGTH "${hex}" n)
math(EXPR bytes "${n} / 2")
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "'\\\\x\\1'," body "${hex}")
string(REGEX REPLACE "((('\\\\x[0-9a-f][0-9a-f]',){32}))" "\\1\n" body "${body}")
file(WRITE "${OUTPUT}" "// Generated from ${INPUT}; do not edit.\n#include <string_view>\nnamespace ${NS} {\nnamespace {\nconst char kData[] = {\n${body}'\\0'};\n}\nstd::string_view ${FN}() { return std::string_view(kData, ${bytes}); }\n}\n")
