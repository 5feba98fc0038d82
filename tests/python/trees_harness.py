"""Helpers for the tree format tests: compile generated C++ natively (and for AVR) and run it."""

import glob
import os
import re
import subprocess

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
CORE = os.path.join(ROOT, "core")

# Reads rows of comma-separated features from stdin, prints "label,output0,output1,...".
_HARNESS = r"""
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include MODEL_HEADER
int main() {
  char line[65536];
  while (std::fgets(line, sizeof line, stdin)) {
    MODEL::Feature x[MODEL::kFeatures];
    char* p = line;
    for (int i = 0; i < MODEL::kFeatures; ++i) {
      x[i] = static_cast<MODEL::Feature>(std::strtod(p, &p));
      if (*p == ',') ++p;
    }
    float out[MODEL::kOutputs];
    long label = MODEL::predict(x, out);
#ifdef WITH_LABEL
    std::printf("%ld,%ld", label, static_cast<long>(MODEL::predict_label(x)));
#else
    std::printf("%ld", label);
#endif
    for (int k = 0; k < MODEL::kOutputs; ++k) std::printf(",%.9g", out[k]);
    std::printf("\n");
  }
  return 0;
}
"""

# The same for a model saved with save('m.h'): the blob plus the engine.
_BLOB_HARNESS = r"""
#include <cstdio>
#include <cstdlib>
#include MODEL_HEADER
int main() {
  emflow_models::MODEL model;
  if (model.open() != emflow::kOk) return 3;
  char line[65536];
  while (std::fgets(line, sizeof line, stdin)) {
    FEATURE x[emflow_models::MODEL::kFeatures];
    char* p = line;
    for (int i = 0; i < emflow_models::MODEL::kFeatures; ++i) {
      x[i] = static_cast<FEATURE>(std::strtod(p, &p));
      if (*p == ',') ++p;
    }
    float out[emflow_models::MODEL::kOutputs];
    int32_t label = 0;
    if (model.predict(x, out, &label) != emflow::kOk) return 4;
    std::printf("%ld", static_cast<long>(label));
    for (int k = 0; k < emflow_models::MODEL::kOutputs; ++k) std::printf(",%.9g", out[k]);
    std::printf("\n");
  }
  return 0;
}
"""

# Every model family is linked: model.cpp dispatches to all of them.
ENGINE_SOURCES = sorted(glob.glob(os.path.join(CORE, "ml", "*.cpp"))) + [
    os.path.join(CORE, "runtime", "status.cpp")
]


def compile_generated(header, name, directory, with_label=False, optimize="-O1"):
    """Compiles a harness around a codegen header; returns the executable path."""
    source = os.path.join(directory, "harness_%s.cpp" % name)
    with open(source, "w") as f:
        f.write(_HARNESS)
    exe = os.path.join(directory, "harness_%s" % name)
    command = ["g++", "-std=c++14", optimize, "-Wall", "-Wextra", "-Werror", "-I", CORE]
    command += ['-DMODEL_HEADER="%s"' % header, "-DMODEL=%s" % name, source, "-o", exe]
    if with_label:
        command.insert(1, "-DWITH_LABEL")
    subprocess.run(command, check=True, capture_output=True)
    return exe


def compile_blob_header(header, name, int16, directory):
    source = os.path.join(directory, "blob_harness_%s.cpp" % name)
    with open(source, "w") as f:
        f.write(_BLOB_HARNESS)
    exe = os.path.join(directory, "blob_harness_%s" % name)
    command = ["g++", "-std=c++14", "-O1", "-Wall", "-Wextra", "-Werror", "-I", CORE]
    command += ['-DMODEL_HEADER="%s"' % header, "-DMODEL=%s" % name]
    command += ["-DFEATURE=%s" % ("int16_t" if int16 else "float"), source] + ENGINE_SOURCES
    subprocess.run(command + ["-o", exe], check=True, capture_output=True)
    return exe


def compile_for_avr(header, name, directory, optimize="-Os", with_label=False):
    """Compile-only check of a codegen header for the ATmega328P."""
    source = os.path.join(directory, "avr_%s.cpp" % name)
    with open(source, "w") as f:
        f.write(
            '#include "%s"\nint32_t run(const %s::Feature* x, float* out) {\n'
            "  return %s::predict(x, out);\n}\n" % (header, name, name)
        )
        if with_label:
            f.write(
                "int32_t label(const %s::Feature* x) { return %s::predict_label(x); }\n"
                % (name, name)
            )
    command = ["avr-g++", "-std=gnu++14", "-mmcu=atmega328p", optimize, "-fno-exceptions"]
    command += ["-fno-rtti", "-Wall", "-Werror", "-I", CORE, "-c", source, "-o", source + ".o"]
    subprocess.run(command, check=True, capture_output=True)


def run_rows(exe, X):
    rows = X.tolist() if hasattr(X, "tolist") else X
    text = "".join(",".join(repr(v) for v in row) + "\n" for row in rows)
    result = subprocess.run([exe], input=text, capture_output=True, text=True, check=True)
    return [[float(v) for v in line.split(",")] for line in result.stdout.splitlines()]


def codegen(cli, model_path, name, out_path, *extra):
    command = [cli, "codegen", model_path, "--name", name, "-o", out_path] + list(extra)
    subprocess.run(command, check=True, capture_output=True, text=True)
    return out_path


AVR_HARNESS = os.path.join(ROOT, "tests", "avr", "harness.cpp")


def run_on_avr(directory, rows, inline_header=None, tables_header=None):
    """Runs predict_label of generated headers on a simulated ATmega328P (tests/avr/harness.cpp,
    which includes reference_inline.h / reference_tables.h with namespaces reference /
    reference_tables and samples.h). Returns {variant: [labels]}."""
    with open(os.path.join(directory, "samples.h"), "w") as f:
        values = ", ".join(str(int(v)) for row in rows for v in row)
        f.write("#define SAMPLE_COUNT %d\n#define SAMPLE_FEATURES %d\n" % (len(rows), len(rows[0])))
        f.write("static const int16_t kSamples[] PROGMEM = {%s};\n" % values)
    labels = {}
    for variant, header in (("inline", inline_header), ("table", tables_header)):
        if header is None:
            continue
        target = "reference_inline.h" if variant == "inline" else "reference_tables.h"
        os.replace(header, os.path.join(directory, target))
        elf = os.path.join(directory, variant + ".elf")
        command = ["avr-g++", "-mmcu=atmega328p", "-DF_CPU=16000000L", "-Os", "-std=gnu++14"]
        command += ["-fno-exceptions", "-fno-rtti", "-Wall", "-Werror", "-I", CORE, "-I", directory]
        command += ["-DVARIANT_%s" % variant.upper(), AVR_HARNESS, "-o", elf]
        subprocess.run(command, check=True, capture_output=True)
        result = subprocess.run(
            ["timeout", "120", "simavr", "-m", "atmega328p", "-f", "16000000", elf],
            capture_output=True,
            text=True,
        )
        lines = [
            re.sub(r"\x1b\[[0-9;]*m", "", line).rstrip(".") for line in result.stderr.splitlines()
        ]
        assert "done" in lines, result.stderr[-500:]
        labels[variant] = [int(line.split()[0]) for line in lines if re.match(r"^-?\d+ \d+$", line)]
    return labels
