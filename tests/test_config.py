"""Settings: defaults, overrides, validation; the stage registry and its order check."""

import pytest

from lagebild.config import defaults, load_settings
from lagebild.errors import ConfigError, PipelineError
from lagebild.registry import available, check_order


def test_defaults_load_and_every_stage_is_registered():
    settings = load_settings()
    assert settings["pipeline"]["stages"][0] == "lagebild.langid.v1"
    assert set(settings["pipeline"]["stages"]) <= set(available())


def test_user_file_overrides_only_its_keys(tmp_path):
    path = tmp_path / "user.toml"
    path.write_text("[extract]\nworkers = 2\n")
    settings = load_settings(path)
    assert settings["extract"]["workers"] == 2
    assert settings["ingest"]["max_bytes"] == defaults()["ingest"]["max_bytes"]


@pytest.mark.parametrize("body, message", [
    ("[extract]\nworkrs = 2\n", "unknown key [extract] workrs"),
    ("[nosuch]\nx = 1\n", "unknown section [nosuch]"),
    ("[extract]\nworkers = 'two'\n", "[extract] workers = 'two' must be of type int"),
    ("[extract\n", "not valid TOML"),
])
def test_bad_settings_name_the_key_and_value(tmp_path, body, message):
    path = tmp_path / "bad.toml"
    path.write_text(body)
    with pytest.raises(ConfigError, match=message.replace("[", r"\[").replace("]", r"\]")):
        load_settings(path)


def test_missing_settings_file_is_an_error(tmp_path):
    with pytest.raises(ConfigError, match="does not exist"):
        load_settings(tmp_path / "nope.toml")


def test_stage_order_is_checked():
    with pytest.raises(PipelineError, match="requires .*mentions"):
        check_order(["lagebild.langid.v1", "lagebild.tokenizer.v1", "lagebild.tagger.v1", "lagebild.events.v1"])


def test_unknown_stage_lists_the_valid_ones():
    with pytest.raises(PipelineError, match="registered stages: .*lagebild.events.v1"):
        check_order(["lagebild.nosuch.v9"])


def test_registered_stages_snapshot():
    """Renaming or versioning a stage is a visible change: update this list on purpose."""
    assert sorted(available()) == [
        "lagebild.actors.v1", "lagebild.events.v1", "lagebild.langid.v1", "lagebild.pubdate.v1",
        "lagebild.tagger.v1", "lagebild.time.v1", "lagebild.tokenizer.v1",
    ]
