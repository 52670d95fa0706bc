"""The benchmark's training path, the plain-loop baseline's output format, `python -m grader plot pca`
and `python -m grader data`: on small data sets built here, offline and quick."""
from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
import zipfile

import numpy as np
import pytest

from corpus_tools import ROOT
from grader.data import synthetic

SMALL = dict(n_users=120, n_movies=60, n_ratings=4000, seed=5)
ONE_THREAD = {**os.environ, "OMP_NUM_THREADS": "1", "PYTHONPATH": str(ROOT)}  # tiny batches gain nothing from more


@pytest.fixture(autouse=True)
def one_thread():
    """Training on tiny batches gains nothing from more threads, and loses much on a busy machine."""
    import torch

    before = torch.get_num_threads()
    torch.set_num_threads(1)
    yield
    torch.set_num_threads(before)


def _benchmark():
    spec = importlib.util.spec_from_file_location("train_movielens", ROOT / "benchmarks" / "train_movielens.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def ml100k_zip(path, data):
    """`data` written in ml-100k's layout, as GroupLens packs it."""
    r = data.ratings
    u_data = "".join(f"{u}\t{m}\t{int(s)}\t88125{i:04d}\n" for i, (u, m, s) in enumerate(zip(r["user"], r["movie"], r["rating"])))
    u_item = "".join(f"{m}|{t}|01-Jan-1995||http://example.org|{'|'.join(['0'] * 19)}\n"
                     for m, t in zip(data.movies["movie"], data.movies["title"]))
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("ml-100k/u.data", u_data)
        z.writestr("ml-100k/u.item", u_item.encode("latin-1"))
    return path


def test_a_trained_model_recovers_the_planted_biases():
    data = synthetic(**SMALL)
    model, history, encoding = _benchmark().train(data, "dotbias", epochs=5)
    assert len(history) == 5 and history[-1][1] < 0.8 * history[0][1] < 1.5
    learned = model.movie_bias.weight.detach().numpy().ravel()
    planted = data.truth.movie_bias[np.asarray(encoding["movies"]) - 1]
    assert np.corrcoef(learned, planted)[0, 1] > 0.8


@pytest.mark.parametrize("kind", ["nn", "classes"])
def test_the_other_models_train_on_the_same_split(kind):
    data = synthetic(**SMALL)
    _, history, _ = _benchmark().train(data, kind, epochs=3)
    ratings = data.ratings["rating"].to_numpy()
    assert len(history) == 3 and np.isfinite(history[-1][1]) and history[-1][1] < ratings.var()


def test_benchmark_command_reads_a_local_copy_and_ends_with_json(tmp_path):
    archive = ml100k_zip(tmp_path / "ml-100k.zip", synthetic(**SMALL))
    done = subprocess.run([sys.executable, "benchmarks/train_movielens.py", "--data", str(archive), "--epochs", "2"],
                          cwd=ROOT, capture_output=True, text=True, env=ONE_THREAD)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.strip().splitlines()
    assert lines[1].startswith("epoch 1/2") and lines[2].startswith("epoch 2/2")
    result = json.loads(lines[-1])
    assert set(result) == {"dataset", "model", "epochs", "seed", "valid_mse", "seconds"}
    assert result["dataset"] == "ml-100k" and result["model"] == "dotbias" and result["epochs"] == 2
    assert result["seed"] == 42
    assert 0 < result["valid_mse"] < 2 and result["seconds"] > 0


def test_benchmark_offline_says_what_to_download(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("LESSON7_DATA", str(tmp_path))
    assert _benchmark().main(["--data", "ml-100k"]) == 2
    err = capsys.readouterr().err
    assert "https://files.grouplens.org/datasets/movielens/ml-100k.zip" in err and str(tmp_path / "ml-100k.zip") in err


def test_pca_figure_labels_the_most_rated_movies():
    from grader.plot import pca_figure

    data = synthetic(**SMALL)
    fig = pca_figure(data, n_labels=20, epochs=1)
    ax = fig.axes[0]
    labels = {t.get_text() for t in ax.texts}
    counts = data.ratings.groupby("movie").size().sort_values(ascending=False, kind="stable")  # ties: smaller id
    most_rated = data.movies.set_index("movie").loc[counts.index[:20], "title"]
    assert len(labels) == 20 and labels == set(most_rated)
    assert ax.get_xlabel() == "principal component 1" and ax.get_ylabel() == "principal component 3"


def test_plot_command_writes_a_png(tmp_path):
    archive = ml100k_zip(tmp_path / "ml-100k.zip", synthetic(**SMALL))
    out = tmp_path / "figures" / "pca.png"
    done = subprocess.run([sys.executable, "-m", "grader", "plot", "pca", "--data", str(archive), "--out", str(out),
                           "--epochs", "1"], cwd=ROOT, capture_output=True, text=True, env=ONE_THREAD)
    assert done.returncode == 0, done.stderr
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_data_commands_offline(tmp_path, monkeypatch, capsys):
    from grader.cli import main

    monkeypatch.setenv("LESSON7_DATA", str(tmp_path / "cache"))
    assert main(["data", "where"]) == 0 and "ml-100k          not there" in capsys.readouterr().out
    fake = ml100k_zip(tmp_path / "ml-100k.zip", synthetic(n_users=5, n_movies=4, n_ratings=10))
    assert main(["data", "download", "ml-100k", "--url", fake.as_uri()]) == 2
    assert "expected 4,924,029" in capsys.readouterr().err
    assert main(["plot", "pca", "--data", "ml-100k"]) == 2 and "is not on this machine" in capsys.readouterr().err
