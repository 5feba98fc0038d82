"""Exported sketches and notebooks in the tools they are for, where those tools cannot run here.

PlatformIO cannot be installed on this machine, so its documented `build_src_filter` rules are
implemented below (docs.platformio.org, "build_src_filter"): `+<PATH>` includes and `-<PATH>`
excludes, PATH a glob relative to `src_dir` (`**` any path), applied in the order written; a
matched folder stands for every file under it; of the result only source files with a build
extension are compiled. Before building, PlatformIO turns the sketch's `<name>.ino` into
`<name>.ino.cpp` beside it, and that file is what holds setup() and loop().
Reserved sketch names and nbconvert (Debian's jupyter-nbconvert) are checked here too.
"""

import configparser
import glob
import json
import os
import subprocess

import pytest
from sklearn.tree import DecisionTreeClassifier

import emflow

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BUILD_EXTENSIONS = {"c", "cc", "cpp", "S", "spp", "SPP", "sx", "s", "asm", "ASM"}
RESERVED = ["CON", "prn", "Aux", "nul"] + ["COM%d" % i for i in range(1, 10)]
RESERVED += ["lpt%d" % i for i in range(1, 10)]


def platformio_sources(src_dir, src_filter):
    """The files PlatformIO compiles from src_dir under build_src_filter (rules above)."""
    selected = set()
    for action, pattern in _templates(src_filter):
        matched = set()
        for path in glob.glob(os.path.join(glob.escape(src_dir), pattern), recursive=True):
            if os.path.isdir(path):
                for folder, _, files in os.walk(path):
                    matched |= {os.path.join(folder, f) for f in files}
            else:
                matched.add(path)
        matched = {os.path.relpath(p, src_dir) for p in matched}
        selected = selected | matched if action == "+" else selected - matched
    return {p for p in selected if p.rsplit(".", 1)[-1] in BUILD_EXTENSIONS}


def _templates(src_filter):
    templates, rest = [], src_filter.strip()
    while rest:
        assert rest[0] in "+-" and rest[1] == "<", "not a filter template: %r" % rest
        end = rest.index(">")
        templates.append((rest[0], rest[2:end]))
        rest = rest[end + 1 :].strip()
    return templates


def _export(cli, source, out, *extra):
    result = subprocess.run(
        [cli, "export", str(source), "--board", "uno", "-o", str(out) + "/"] + list(extra),
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    return result


def _pio_view(sketch_dir, name):
    """The sketch folder as PlatformIO builds it: the .ino converted to <name>.ino.cpp."""
    with open(os.path.join(sketch_dir, name + ".ino")) as ino:
        with open(os.path.join(sketch_dir, name + ".ino.cpp"), "w") as converted:
            converted.write("#include <Arduino.h>\n" + ino.read())
    ini = configparser.ConfigParser(inline_comment_prefixes=(";",))
    ini.read(os.path.join(sketch_dir, "platformio.ini"))
    assert ini["platformio"]["src_dir"] == "."
    return ini["env:uno"]["build_src_filter"]


def _check_filter(sketch_dir, name):
    src_filter = _pio_view(sketch_dir, name)
    compiled = platformio_sources(sketch_dir, src_filter)
    units = {os.path.basename(p) for p in glob.glob(os.path.join(sketch_dir, "emflow_*.cpp"))}
    assert units, "the sketch has no emflow_*.cpp units"
    assert compiled == {name + ".ino.cpp"} | units, src_filter
    # The matcher is not vacuous: the filter emflow exported before never compiled setup().
    old = platformio_sources(sketch_dir, "+<*.ino> +<emflow_*.cpp>")
    assert name + ".ino.cpp" not in old and old == units


def test_platformio_filter_compiles_the_sketch_and_the_emflow_units(emflow_cli, tmp_path):
    _export(emflow_cli, os.path.join(ROOT, "examples", "fridge.fbp"), tmp_path)
    sketch = tmp_path / "Fridge"
    assert any(p.startswith("emflow") and os.sep in p for p in _all_files(sketch))
    _check_filter(str(sketch), "Fridge")


def test_model_sketch_filter_and_readme_upload_commands(emflow_cli, tmp_path):
    model = emflow.convert(DecisionTreeClassifier().fit([[0], [1], [2], [3]], [0, 0, 1, 1]))
    path = model.save(str(tmp_path / "tiny.bin"))
    _export(emflow_cli, path, tmp_path / "out")
    sketch = tmp_path / "out" / "tiny"
    _check_filter(str(sketch), "tiny")
    readme = (sketch / "README.md").read_text()
    assert "arduino-cli upload --fqbn arduino:avr:uno -p /dev/ttyACM0 tiny" in readme
    assert "pio run -d tiny -t upload" in readme


def _all_files(folder):
    return [os.path.relpath(os.path.join(d, f), folder) for d, _, fs in os.walk(folder) for f in fs]


@pytest.mark.parametrize("name", RESERVED)
def test_reserved_sketch_names_are_renamed_with_a_message(name, emflow_cli, tmp_path):
    graph = tmp_path / ("%s.fbp" % name)
    graph.write_text(open(os.path.join(ROOT, "examples", "fridge.fbp")).read())
    result = _export(emflow_cli, graph, tmp_path / "out", "--name", name)
    renamed = name + "_sketch"
    assert "reserved on Windows" in result.stderr and renamed in result.stderr
    assert sorted(os.listdir(tmp_path / "out")) == [renamed]
    assert (tmp_path / "out" / renamed / (renamed + ".ino")).is_file()


def test_a_name_that_only_starts_like_a_reserved_one_is_kept(emflow_cli, tmp_path):
    result = _export(
        emflow_cli, os.path.join(ROOT, "examples", "fridge.fbp"), tmp_path, "--name", "console"
    )
    assert "reserved" not in result.stderr
    assert (tmp_path / "console" / "console.ino").is_file()


NBCONVERT = "/usr/bin/jupyter-nbconvert"  # Debian's jupyter-nbconvert (scripts/bootstrap.sh)


@pytest.mark.parametrize(
    "notebook", sorted(glob.glob(os.path.join(ROOT, "examples", "notebooks", "*.ipynb")))
)
def test_starter_notebooks_convert_to_python_scripts(notebook, tmp_path):
    assert os.path.isfile(NBCONVERT), "%s is missing: run scripts/bootstrap.sh" % NBCONVERT
    subprocess.run(
        [NBCONVERT, "--to", "script", "--output-dir", str(tmp_path), notebook],
        check=True,
        capture_output=True,
    )
    stem = os.path.splitext(os.path.basename(notebook))[0]
    assert os.listdir(tmp_path) == [stem + ".py"]
    script = (tmp_path / (stem + ".py")).read_text()
    cells = json.load(open(notebook))["cells"]
    first_markdown = next("".join(c["source"]) for c in cells if c["cell_type"] == "markdown")
    assert "# " + first_markdown.splitlines()[0] in script
    compile(script.replace("await ", ""), stem + ".py", "exec")  # top-level await: Pyodide's
