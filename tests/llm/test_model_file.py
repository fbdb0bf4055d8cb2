import pytest

from whittle.llm.embedded import EmbeddedModel
from whittle.llm.model_file import ModelFileError, bundled_model_path, check_model_file


def test_bundled_model_is_found():
    path = bundled_model_path()
    assert path.suffix == ".gguf" and path.stat().st_size > 50_000_000


def test_missing_file_names_the_fix(tmp_path):
    with pytest.raises(ModelFileError, match="(?s)not found.*Fix: pass --model"):
        check_model_file(tmp_path / "nope.gguf")


def test_non_gguf_file_is_refused(tmp_path):
    bad = tmp_path / "model.gguf"
    bad.write_bytes(b"<html>not a model</html>")
    with pytest.raises(ModelFileError, match="not a GGUF model"):
        check_model_file(bad)


def test_truncated_gguf_gives_one_clear_error(tmp_path):
    truncated = tmp_path / "truncated.gguf"
    truncated.write_bytes(bundled_model_path().read_bytes()[:4096])
    with pytest.raises(ModelFileError, match="(?s)could not load the model.*Fix"):
        EmbeddedModel(truncated)
