"""The data module, offline: synthetic data, reading both MovieLens layouts, download through a
file:// URL with verification, safe unpacking, and the message that says what to fetch."""
from __future__ import annotations

import hashlib
import io
import os
import shutil
import stat
import subprocess
import sys
import zipfile

import numpy as np
import pytest

from conftest import SHARED
from grader.data import CHOICES, DataUnavailable, cache_dir, load, synthetic
from grader.data.archive import ArchiveError, Expected
from grader.data.movielens import SOURCES, download, read

LATEST_ZIP = SHARED / "data" / "ml-latest-small.zip"
needs_latest = pytest.mark.skipif(not LATEST_ZIP.exists(), reason="../shared/data/ml-latest-small.zip is not here")


@pytest.fixture(autouse=True)
def cache(tmp_path, monkeypatch):
    """Every test gets an empty cache folder of its own."""
    folder = tmp_path / "cache"
    monkeypatch.setenv("LESSON7_DATA", str(folder))
    return folder


def test_synthetic_is_deterministic_and_shaped_like_movielens():
    a, b = synthetic(n_users=40, n_movies=30, n_ratings=500, seed=3), synthetic(n_users=40, n_movies=30, n_ratings=500, seed=3)
    assert a.ratings.equals(b.ratings) and a.movies.equals(b.movies)
    assert not a.ratings.equals(synthetic(n_users=40, n_movies=30, n_ratings=500, seed=4).ratings)
    r = a.ratings
    assert list(r.columns) == ["user", "movie", "rating", "title"] and len(r) == 500
    assert not r.duplicated(["user", "movie"]).any()
    assert set(r["rating"]) <= {1.0, 2.0, 3.0, 4.0, 5.0} and r["user"].min() >= 1 and r["movie"].min() >= 1
    assert a.movies["title"].is_unique and (a.movies["genres"] != "").all()
    assert a.truth.movie_factors.shape == (30, 4) and a.truth.user_bias.shape == (40,)
    assert load().ratings.shape == (100_000, 4)  # the default everywhere: ml-100k's size


def test_synthetic_ratings_follow_the_planted_biases():
    data = synthetic(n_users=300, n_movies=80, n_ratings=12_000, seed=1)
    means = data.ratings.groupby("movie")["rating"].mean()
    planted = data.truth.movie_bias[means.index.to_numpy() - 1]
    assert np.corrcoef(means.to_numpy(), planted)[0, 1] > 0.7


def _fake_ml100k(path, prefix="ml-100k/"):
    """A tiny archive in ml-100k's layout: u.data tab-separated, u.item '|'-separated latin-1."""
    u_data = "1\t10\t4\t881250949\n2\t10\t5\t891717742\n2\t20\t1\t878887116\n3\t30\t3\t880606923\n"
    flags = "|".join(["0"] * 19)
    u_item = (f"10|Café Society (1995)|01-Jan-1995||http://x|{'|'.join(['0', '1'] + ['0'] * 17)}\n"
              f"20|Heat (1995)|01-Jan-1995||http://x|{'|'.join(['0', '1', '0', '0', '0', '0', '1'] + ['0'] * 12)}\n"
              f"30|Fargo (1996)|14-Feb-1997||http://x|{flags}\n")
    with zipfile.ZipFile(path, "w") as z:
        z.writestr(prefix, "")
        z.writestr(prefix + "u.data", u_data)
        z.writestr(prefix + "u.item", u_item.encode("latin-1"))
        z.writestr(prefix + "README", "not the real data")
    return path


def _expected(path) -> Expected:
    return Expected(size=path.stat().st_size, sha256=hashlib.sha256(path.read_bytes()).hexdigest())


def test_ml100k_layout_from_a_zip_and_from_its_folder(tmp_path):
    archive = _fake_ml100k(tmp_path / "ml-100k.zip")
    data = read(archive)
    assert data.name == "ml-100k" and list(data.ratings.columns) == ["user", "movie", "rating", "title"]
    assert data.ratings["title"].tolist() == ["Café Society (1995)", "Café Society (1995)", "Heat (1995)", "Fargo (1996)"]
    assert data.ratings["rating"].tolist() == [4.0, 5.0, 1.0, 3.0]
    assert data.movies.set_index("movie")["genres"].to_dict() == {10: "Action", 20: "Action|Crime", 30: ""}
    with zipfile.ZipFile(archive) as z:
        z.extractall(tmp_path / "unpacked")
    for folder in (tmp_path / "unpacked", tmp_path / "unpacked" / "ml-100k"):
        assert read(folder).ratings.equals(data.ratings)


def test_ml100k_download_verifies_and_caches(tmp_path, cache):
    archive = _fake_ml100k(tmp_path / "ml-100k.zip")
    with pytest.raises(DataUnavailable, match="is not on this machine"):
        load("ml-100k")
    # The recorded size and MD5 are GroupLens' archive's: this small copy must be refused...
    with pytest.raises(ArchiveError, match="bytes, expected 4,924,029"):
        download("ml-100k", url=archive.as_uri(), progress=None)
    assert not list(cache.glob("ml-100k*"))
    # ...and accepted when told what it is.
    progress = io.StringIO()
    folder = download("ml-100k", url=archive.as_uri(), expected=_expected(archive), progress=progress)
    assert folder == cache / "ml-100k" and "ml-100k.zip [" in progress.getvalue()
    assert len(load("ml-100k").ratings) == 4


@needs_latest
def test_ml_latest_small_downloads_from_a_file_url_and_matches_the_record(cache):
    progress = io.StringIO()
    download("ml-latest-small", url=LATEST_ZIP.as_uri(), progress=progress)
    assert "1.0 / 1.0 MB" in progress.getvalue()
    data = load("ml-latest-small")
    r = data.ratings
    assert data.name == "ml-latest-small" and len(r) == 100_836
    assert r["user"].nunique() == 610 and r["movie"].nunique() == 9_724
    assert set(np.unique(r["rating"])) == {x / 2 for x in range(1, 11)}
    assert r.loc[(r["user"] == 1) & (r["movie"] == 1), "title"].item() == "Toy Story (1995)"
    assert read(LATEST_ZIP).ratings.equals(r)


@needs_latest
def test_a_damaged_archive_is_refused_and_nothing_is_left_behind(tmp_path, cache):
    damaged = tmp_path / "ml-latest-small.zip"
    data = bytearray(LATEST_ZIP.read_bytes())
    data[1000] ^= 0xFF  # one flipped byte, same size
    damaged.write_bytes(bytes(data))
    with pytest.raises(ArchiveError, match="sha256 .* expected 696d65a3"):
        download("ml-latest-small", url=damaged.as_uri(), progress=None)
    assert not cache.exists() or not any(cache.iterdir())


@needs_latest
def test_a_zip_placed_in_the_cache_by_hand_is_checked_and_unpacked(cache):
    cache.mkdir()
    shutil.copy(LATEST_ZIP, cache / "ml-latest-small.zip")
    assert len(load("ml-latest-small").ratings) == 100_836
    assert (cache / "ml-latest-small" / "ratings.csv").is_file()


def test_offline_the_message_says_what_to_download_and_where(cache):
    with pytest.raises(DataUnavailable) as failure:
        download("ml-100k", url="http://127.0.0.1:9/ml-100k.zip", progress=None)
    message = str(failure.value)
    assert "could not download http://127.0.0.1:9/ml-100k.zip" in message
    assert SOURCES["ml-100k"].url in message and str(cache / "ml-100k.zip") in message
    assert "--data path/to/ml-100k.zip" in message and "python -m grader data download ml-100k" in message
    assert not cache.exists() or not any(cache.iterdir())


@pytest.mark.parametrize("member", ["../evil.txt", "/tmp/evil.txt", "ml-100k/../../evil.txt", "C:/evil.txt"])
def test_unpacking_refuses_paths_outside_the_cache(tmp_path, cache, member):
    archive = tmp_path / "ml-100k.zip"
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("ml-100k/u.data", "1\t1\t1\t1\n")
        z.writestr(member, "gotcha")
    with pytest.raises(ArchiveError, match="outside the folder"):
        download("ml-100k", url=archive.as_uri(), expected=_expected(archive), progress=None)
    assert not (tmp_path / "evil.txt").exists() and not (cache / "ml-100k").exists()


def test_unpacking_refuses_links(tmp_path, cache):
    archive = tmp_path / "ml-100k.zip"
    with zipfile.ZipFile(archive, "w") as z:
        link = zipfile.ZipInfo("ml-100k/u.data")
        link.external_attr = (stat.S_IFLNK | 0o777) << 16
        z.writestr(link, "/etc/passwd")
    with pytest.raises(ArchiveError, match="a link"):
        download("ml-100k", url=archive.as_uri(), expected=_expected(archive), progress=None)
    assert not (cache / "ml-100k").exists()


def test_bad_paths_get_clear_errors(tmp_path):
    with pytest.raises(DataUnavailable, match="does not exist"):
        load(tmp_path / "nowhere")
    (tmp_path / "empty").mkdir()
    with pytest.raises(DataUnavailable, match="holds no MovieLens data"):
        load(tmp_path / "empty")
    (tmp_path / "not.zip").write_text("hello")
    with pytest.raises(DataUnavailable, match="not a zip archive"):
        load(tmp_path / "not.zip")


def test_cache_folder_follows_the_environment(monkeypatch, tmp_path):
    monkeypatch.delenv("LESSON7_DATA")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache_dir() == tmp_path / "xdg" / "lesson7-workbook"
    monkeypatch.delenv("XDG_CACHE_HOME")
    assert str(cache_dir()) == os.path.expanduser("~/.cache/lesson7-workbook")
    assert CHOICES == ["synthetic", "ml-100k", "ml-latest-small"]


def test_the_data_module_imports_neither_hypothesis_nor_the_reference():
    code = "import sys, grader.data; bad = {'hypothesis', 'reference', 'grader.specs'} & set(sys.modules); assert not bad, bad"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
