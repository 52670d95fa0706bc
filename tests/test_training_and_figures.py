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

from grader.course import ROOT
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


def _benchmark(name: str = "train_movielens"):
    spec = importlib.util.spec_from_file_location(name, ROOT / "benchmarks" / f"{name}.py")
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
    from grader.figures.lesson import pca_figure

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


def ml100k_folder(folder, data):
    """`data` in ml-100k's unpacked layout: a folder holding u.data and u.item."""
    with zipfile.ZipFile(ml100k_zip(folder.parent / "tmp.zip", data)) as z:
        z.extractall(folder)
    return folder / "ml-100k"


def test_benchmark_reads_the_ml100k_folder_and_seed_picks_the_split(tmp_path, capsys):
    folder = ml100k_folder(tmp_path / "unpacked", synthetic(**SMALL))
    assert sorted(p.name for p in folder.iterdir()) == ["u.data", "u.item"]
    assert _benchmark().main(["--data", str(folder), "--epochs", "1", "--seed", "3"]) == 0
    result = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert result["dataset"] == "ml-100k" and result["seed"] == 3
    data = synthetic(**SMALL)
    valid = {seed: _benchmark().train(data, "dotbias", epochs=1, seed=seed)[1][-1][1] for seed in (42, 3)}
    assert valid[42] != valid[3]  # another split, another validation set


def test_reference_fit_uses_fastais_optimiser_defaults():
    """beta2 0.99, eps 1e-5, a 25% warm-up from lr / 25, and a last learning rate of lr / 1e5."""
    import torch

    import reference.ex08_training as training

    param = torch.nn.Parameter(torch.zeros(3))
    opt = training._adamw([param], lr=5e-3, wd=0.1)
    assert opt.defaults["betas"] == (0.9, 0.99) and opt.defaults["eps"] == 1e-5
    assert opt.defaults["weight_decay"] == 0.1
    schedule = training.one_cycle(opt, 5e-3, total_steps=100)
    rates = [opt.param_groups[0]["lr"]]
    for _ in range(99):
        param.grad = torch.zeros(3)
        opt.step()
        schedule.step()
        rates.append(opt.param_groups[0]["lr"])
    assert np.isclose(rates[0], 5e-3 / 25) and int(np.argmax(rates)) in (24, 25) and np.isclose(max(rates), 5e-3)
    assert np.isclose(rates[-1], 5e-3 / 1e5, rtol=1e-6)


def _json_tail(done) -> dict:
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_ensemble_benchmark_ends_with_json(tmp_path):
    archive = ml100k_zip(tmp_path / "ml-100k.zip", synthetic(**SMALL))
    done = subprocess.run([sys.executable, "benchmarks/ensemble_movielens.py", "--data", str(archive), "--epochs", "1",
                           "--bag", "2"], cwd=ROOT, capture_output=True, text=True, env=ONE_THREAD)
    result = _json_tail(done)
    assert set(result) == {"dataset", "dotbias", "nn", "ensemble", "bagged", "seconds"}
    assert result["dataset"] == "ml-100k" and result["seconds"] > 0
    assert all(0 < result[k] < 5 for k in ("dotbias", "nn", "ensemble", "bagged"))
    # Squared error is convex: the mean of two models' predictions scores no worse than their mean score.
    assert result["ensemble"] <= (result["dotbias"] + result["nn"]) / 2 + 1e-4
    assert "bag member 2/2" in done.stdout


def test_cold_start_benchmark_prints_the_table_and_json(tmp_path):
    archive = ml100k_zip(tmp_path / "ml-100k.zip", synthetic(**SMALL))
    done = subprocess.run([sys.executable, "benchmarks/cold_start.py", "--data", str(archive), "--users", "20",
                           "--epochs", "2"], cwd=ROOT, capture_output=True, text=True, env=ONE_THREAD)
    result = _json_tail(done)
    assert set(result) == {"dataset", "k"} and result["dataset"] == "ml-100k"
    assert set(result["k"]) == {"1", "3", "5", "10"}
    for row in result["k"].values():
        assert set(row) == {"global_mean", "average_user", "fold_in"} and all(0 < v < 5 for v in row.values())
    assert "global mean" in done.stdout and "fold-in" in done.stdout
    # The average user and the global mean do not look at the given ratings: the same for every k up to
    # which ratings are left to predict; the fold-in improves as it is given more.
    assert result["k"]["10"]["fold_in"] < result["k"]["1"]["fold_in"]


def test_cold_start_benchmark_says_when_too_few_users_qualify(tmp_path, capsys):
    archive = ml100k_zip(tmp_path / "ml-100k.zip", synthetic(n_users=30, n_movies=40, n_ratings=900, seed=2))
    assert _benchmark("cold_start").main(["--data", str(archive), "--users", "100"]) == 2
    assert "ask for fewer --users" in capsys.readouterr().err


def test_feedback_figure_shows_the_loop_and_what_exploration_does():
    from grader.figures.lesson import feedback_figure

    # Sparse, as ratings are (5% of the sheet rated): on a sheet half full, users run out of new popular
    # items within a few rounds, and exposure evens out whatever the recommender does.
    fig = feedback_figure(synthetic(n_users=200, n_movies=300, n_ratings=3000, seed=1), rounds=4, k=3,
                          explore=(0.0, 0.7))
    ax = fig.axes[0]
    plain, explored = (line.get_ydata() for line in ax.lines)
    assert len(plain) == len(explored) == 5 and plain[0] == explored[0]
    assert all(b > a for a, b in zip(plain, plain[1:]))  # the popular get more popular, round after round
    assert all(b < a for a, b in zip(explored, explored[1:]))  # random slots spread exposure out
    assert [t.get_text() for t in ax.get_legend().get_texts()][0] == "no exploration"


def test_feedback_plot_command_writes_a_png_and_refuses_bad_options(tmp_path, capsys):
    from grader.cli import main

    archive = ml100k_zip(tmp_path / "ml-100k.zip", synthetic(**SMALL))
    out = tmp_path / "figures" / "feedback.png"
    assert main(["plot", "feedback", "--data", str(archive), "--out", str(out), "--rounds", "3", "--k", "2"]) == 0
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert main(["plot", "feedback", "--explore", "1.5"]) == 2
    assert main(["plot", "feedback", "--data", str(archive), "--rounds", "60", "--k", "1"]) == 2  # no user has room
    assert "ask for fewer --rounds" in capsys.readouterr().err
