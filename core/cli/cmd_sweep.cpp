// `emflow sweep DATA.csv --target COL --board uno ...`: runs the model sweep, which lives in
// Python (python/emflow/model_sweep.py) beside what it drives — the trainers' scikit-learn
// interface, scikit-learn's own trainers, joblib/Dask parallelism and the calibrated device
// cost models — with this checkout's package and this very binary as the trainer.
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <string>
#include <vector>

#include "command.h"
#include "host/firmware/export/source_tree.h"

namespace emflow::cli {
namespace {

namespace fs = std::filesystem;

int fail(const std::string& message) {
  std::fprintf(stderr, "emflow sweep: %s\n", message.c_str());
  return 1;
}

std::string pythonInterpreter() {
  if (const char* chosen = std::getenv("EMFLOW_PYTHON")) return chosen;
  // Debian's interpreter has Debian's scikit-learn, numpy and Dask (scripts/bootstrap.sh).
  std::error_code ec;
  return fs::exists("/usr/bin/python3", ec) ? "/usr/bin/python3" : "python3";
}

int runSweep(const std::vector<std::string>& args) {
  const fs::path package = fs::path(exporter::defaultSourceRoot()) / "python";
  std::error_code ec;
  if (!fs::is_regular_file(package / "emflow" / "sweep_cli.py", ec))
    return fail("the emflow Python package is not at " + package.string());
  std::string path = package.string();
  if (const char* old = std::getenv("PYTHONPATH"); old && *old) path += ":" + std::string(old);
  setenv("PYTHONPATH", path.c_str(), 1);
  // The sweep trains with this binary unless EMFLOW_CLI names another.
  const fs::path self = fs::read_symlink("/proc/self/exe", ec);
  if (!ec) setenv("EMFLOW_CLI", self.c_str(), 0);
  const std::string python = pythonInterpreter();
  std::vector<std::string> words = {python, "-m", "emflow.sweep_cli"};
  words.insert(words.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (std::string& word : words) argv.push_back(word.data());
  argv.push_back(nullptr);
  execvp(argv[0], argv.data());
  return fail("cannot run " + python + ": " + std::strerror(errno) + " (set EMFLOW_PYTHON)");
}

const CommandRegistration kRegistration({
    "sweep",
    "sweep DATA.csv --board B --out R.json",
    "model sweep: cross-validated score vs flash, RAM and cycles per form (docs/sweep.md)",
    "Families (decision tree, random forest, extra trees, naive Bayes; the engine's trainers\n"
    "and scikit-learn's when importable) x hyperparameters x forms (blob + engine, inline,\n"
    "tables) x dtypes (float, int16): cross-validated accuracy or R^2, and flash, static RAM\n"
    "and cycles per prediction on the board from calibrated cost models. The report (.csv or\n"
    ".json) flags the Pareto front and gives the board's limits.\n\n"
    "  --target COL       target column: header name, 0-based index, first or last (default)\n"
    "  --board B          uno (default) | mega2560\n"
    "  --jobs N           candidates in N worker processes (joblib)\n"
    "  --scheduler ADDR   run the candidates on a Dask cluster (tcp://host:8786) instead\n"
    "  --budget N         N candidates drawn from the grids (default: all)\n"
    "  --seed S           the sweep's seed (each candidate derives its own from it)\n"
    "  --cv K             folds (3)\n"
    "  --families/--trainers/--forms/--dtypes a,b   restrict the sweep\n"
    "  --out R.csv|R.json the report\n\n"
    "Runs python/emflow/sweep_cli.py with Debian's python3 (EMFLOW_PYTHON chooses another).",
    runSweep,
});

}  // namespace
}  // namespace emflow::cli
