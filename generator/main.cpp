// The command line of every pgcraft generator. It knows no schema: each
// generator's schema translation unit provides pgcraft_generator_entry(), so
// this file, and the CLI11 it includes, is compiled once per project.
#include <pgcraft/generator/cli.hpp>

pgcraft::generator::generator_entry pgcraft_generator_entry();

int main(int argc, char** argv) {
    return pgcraft::generator::run(pgcraft_generator_entry(), argc, argv);
}
