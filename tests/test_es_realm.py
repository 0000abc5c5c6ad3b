"""The file-realm writer (``pipeline/services/es_realm.py``) on its own; a real node reads its files
in tests/test_security.py and tests/test_compose_init.py."""

from __future__ import annotations

import base64
import stat
from pathlib import Path

import pytest

from pipeline.services import es_realm
from pipeline.services.es_realm import RealmError

USERS = {"rasd_indexer": ("indexer-pass", ["rasd_writer"]), "rasd_analyst": ("analyst-pass", ["rasd_analyst"])}


def test_hash_format_is_elasticsearchs_pbkdf2() -> None:
    stored = es_realm.hash_password("كلمة سر")
    prefix, salt, key = stored.split("$")
    assert prefix == "{PBKDF2}10000"
    assert len(base64.b64decode(salt)) == 32 and len(base64.b64decode(key)) == 32
    assert es_realm.verify_password("كلمة سر", stored)
    assert not es_realm.verify_password("كلمة سر ", stored)
    assert es_realm.hash_password("x" * 8) != es_realm.hash_password("x" * 8)  # salted
    assert not es_realm.verify_password("secret", "$2a$10$notourformat")


def test_write_realm_files_and_reread_them(tmp_path: Path) -> None:
    changed = es_realm.write_realm(tmp_path, USERS, {"rasd_writer": {"cluster": ["monitor"]}})
    assert sorted(changed) == ["roles.yml", "users", "users_roles"]
    assert es_realm.read_user_roles(tmp_path) == {"rasd_indexer": ["rasd_writer"], "rasd_analyst": ["rasd_analyst"]}
    stored = es_realm.read_users(tmp_path)
    assert es_realm.verify_password("indexer-pass", stored["rasd_indexer"])
    assert (tmp_path / "roles.yml").read_text().splitlines()[1:] == ["rasd_writer:", '  cluster: ["monitor"]']
    for name in ("users", "users_roles", "roles.yml"):
        assert stat.S_IMODE((tmp_path / name).stat().st_mode) == 0o640
    assert not list(tmp_path.glob(".*.tmp"))


def test_a_second_write_changes_nothing_and_a_new_password_one_line(tmp_path: Path) -> None:
    es_realm.write_realm(tmp_path, USERS)
    before = (tmp_path / "users").read_text()
    assert es_realm.write_realm(tmp_path, USERS) == []
    assert (tmp_path / "users").read_text() == before
    changed = es_realm.write_realm(tmp_path, {**USERS, "rasd_analyst": ("new-analyst-pass", ["rasd_analyst"])})
    assert changed == ["users"]
    after = dict(line.split(":", 1) for line in (tmp_path / "users").read_text().splitlines())
    old = dict(line.split(":", 1) for line in before.splitlines())
    assert after["rasd_indexer"] == old["rasd_indexer"] and after["rasd_analyst"] != old["rasd_analyst"]


def test_exact_drops_other_users_merge_keeps_them(tmp_path: Path) -> None:
    es_realm.write_realm(tmp_path, USERS)
    es_realm.write_realm(tmp_path, {"someone": ("someone-pass", ["viewer"])}, exact=False)
    assert set(es_realm.read_users(tmp_path)) == {"rasd_indexer", "rasd_analyst", "someone"}
    assert es_realm.read_user_roles(tmp_path)["rasd_indexer"] == ["rasd_writer"]
    es_realm.write_realm(tmp_path, USERS, exact=True)
    assert set(es_realm.read_users(tmp_path)) == {"rasd_indexer", "rasd_analyst"}


@pytest.mark.parametrize(
    ("users", "message"),
    [
        ({"elastic": ("password1", [])}, "built-in Elasticsearch user"),
        ({"bad name": ("password1", [])}, "user name 'bad name'"),
        ({"ok": ("short", [])}, "at least 6 characters"),
        ({"ok": ("pass\nword", [])}, "line break"),
        ({"ok": ("password1", ["bad:role"])}, "role (of user 'ok') name 'bad:role'"),
    ],
)
def test_bad_users_are_refused_before_anything_is_written(tmp_path: Path, users: dict, message: str) -> None:
    with pytest.raises(RealmError, match=message.replace("(", r"\(").replace(")", r"\)")):
        es_realm.write_realm(tmp_path, users)
    assert list(tmp_path.iterdir()) == []


def test_a_missing_folder_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(RealmError, match="does not exist"):
        es_realm.write_realm(tmp_path / "missing", USERS)
