"""What is installed works: the wheel holds every file of the package, and every subcommand runs
from a folder outside the checkout, in a fresh venv where only the wheel is installed.

Tests elsewhere run from the checkout, where a module, pattern file or model the wheel leaves out
goes unnoticed. Here the wheel is built from the files git tracks (what a clone has), installed with
`--no-deps` into a new venv, and its dependencies are borrowed from the running environment through
a `.pth` file: nothing is downloaded, and since the venv's own `pipeline` comes first on its path,
nothing from the checkout can stand in for a file the wheel lacks.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

from pipeline.devtools.fake_moderngov import FakeModernGov
from tests.cli.test_cli import all_commands
from tests.paths import ROOT, SAMPLES
from tests.watch.conftest import make_site

# Each subcommand and the arguments it is run with here ({samples}, {out} filled in below).
COMMAND_RUNS = {
    "extract": [["extract", "{samples}", "-o", "{out}", "--workers", "1", "--log-format", "text"],
                ["extract", "{samples}/contract-extension-report.txt", "--stdout"]],
    "query": [["query", "{out}", "SELECT count(*) AS n FROM documents", "--format", "json"]],
    "eval": [["eval", "--gold", "{samples}", "--json"]],
    "schema": [["schema"]],
    "bench": [["bench", "--help"]],
    "export": [["export", "ocds", "{out}", "-o", "{out}.releases.json"]],
    "review": [["review", "{out}", "-o", "{out}.review"]],
    # against a ModernGov site played on 127.0.0.1 by the test
    "watch": [["watch", "{site}", "-o", "{out}.watch", "--contact", "tests@example.org", "--rate", "10",
               "--workers", "1", "--log-format", "text"]],
}


def tracked_files() -> list[str]:
    run = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=False)
    if run.returncode != 0:
        pytest.skip("not a git checkout: the wheel is built from the files git tracks")
    return [name for name in run.stdout.decode().split("\0") if name]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    source = tmp_path_factory.mktemp("clone")
    for name in tracked_files():
        if (ROOT / name).is_file():
            (source / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, source / name)
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation",
                    "--wheel-dir", str(out), str(source)], check=True, capture_output=True)
    [built] = out.glob("council_facts-*.whl")
    return built


@pytest.fixture(scope="module")
def venv(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    home = tmp_path_factory.mktemp("venv")
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(home)], check=True)
    python = home / "bin" / "python"
    site = subprocess.run([python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                          check=True, capture_output=True, text=True).stdout.strip()
    # The wheel first, into a venv that holds nothing: with the dependencies already borrowed, pip
    # would find the running environment's own council-facts and call the wheel installed.
    subprocess.run([sys.executable, "-m", "pip", "--python", str(python), "install", "--quiet", "--no-deps",
                    "--no-index", "--ignore-installed", str(wheel)], check=True, capture_output=True)
    borrowed = {sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]}
    (Path(site) / "borrowed-dependencies.pth").write_text("\n".join(sorted(borrowed)) + "\n", encoding="utf-8")
    return home


def run_in(venv: Path, cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in {"PYTHONPATH", "VIRTUAL_ENV", "PYTHONHOME"}}
    return subprocess.run([str(venv / "bin" / args[0]), *args[1:]], cwd=cwd, env=env, capture_output=True,
                          text=True, timeout=300)


def test_the_wheel_holds_every_file_of_the_package(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as archive:
        held = set(archive.namelist())
    wanted = set()
    for name in tracked_files():
        if name.startswith("pipeline/"):
            wanted.add(name)
        elif name.startswith("models/"):
            wanted.add("pipeline/" + name)
    assert wanted, "no package files found"
    assert sorted(wanted - held) == []


def test_the_installed_package_is_the_wheel_not_the_checkout(venv: Path, tmp_path: Path) -> None:
    run = run_in(venv, tmp_path, "python", "-c", "import pipeline, pipeline.models; print(pipeline.__file__)")
    assert run.returncode == 0, run.stderr
    assert Path(run.stdout.strip()).is_relative_to(venv), run.stdout
    assert not Path(run.stdout.strip()).is_relative_to(ROOT)


def test_every_subcommand_runs_from_outside_the_checkout(venv: Path, tmp_path: Path) -> None:
    assert set(COMMAND_RUNS) == set(all_commands()), "a new subcommand needs a run here"
    samples = tmp_path / "samples"
    shutil.copytree(SAMPLES, samples, ignore=shutil.ignore_patterns("expected"))
    out, elsewhere = tmp_path / "out", tmp_path / "elsewhere"
    elsewhere.mkdir()
    results = {}
    with FakeModernGov(make_site()) as site:
        for runs in COMMAND_RUNS.values():
            for arguments in runs:
                filled = [a.format(samples=samples, out=out, site=site.url) for a in arguments]
                run = run_in(venv, elsewhere, "council-facts", *filled)
                assert run.returncode == 0, (filled, run.stderr[-2000:])
                assert "Traceback" not in run.stderr
                results[" ".join(arguments[:2])] = run.stdout
    assert len(list(Path(f"{out}.watch", "downloads").iterdir())) == 3
    assert len(list((out / "documents").glob("*.json"))) == 3
    stdout_json = json.loads(results["extract {samples}/contract-extension-report.txt"])
    assert stdout_json["facts"] and stdout_json["source"]["format"] == "text"
    assert json.loads(results["query {out}"]) == {"n": 3}
    assert json.loads(results["eval --gold"])["overall"]["f1"] == 1.0
    assert results["schema"] == (ROOT / "models" / "council-facts.schema.json").read_text(encoding="utf-8")
    assert "--corpus" in results["bench --help"]
    assert json.loads(Path(f"{out}.releases.json").read_text(encoding="utf-8"))["version"] == "1.1"
    # The review's templates, stylesheet and script are package data: pages render from the wheel.
    assert len(list(Path(f"{out}.review", "documents").glob("*.html"))) == 3
    assert "Content-Security-Policy" in Path(f"{out}.review", "index.html").read_text(encoding="utf-8")
    module = run_in(venv, elsewhere, "python", "-m", "pipeline", "--help")
    assert module.returncode == 0 and "extract" in module.stdout
