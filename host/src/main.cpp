#include "cli/run.hpp"

int main(int argc, char** argv)
{
    return cloudtrack::host::cli::run(argc, argv);
}
