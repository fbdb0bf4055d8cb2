"""The workflow engine's additive `file` field: uploads streamed to disk, values stored as JSON."""

from __future__ import annotations

import io

import pytest
from starlette.datastructures import UploadFile

from whittle.workflows.steps import Field, FieldError, save_upload


async def test_save_upload_streams_to_a_safe_name(tmp_path):
    data = b"source,target\n" + b"https://a/,https://a/b\n" * 200_000  # ~4.6 MB: several chunks
    upload = UploadFile(io.BytesIO(data), filename="../../etc/my links (1).csv")
    saved = await save_upload(upload, tmp_path / "uploads")
    assert saved["name"] == "my_links_1_.csv" and saved["size"] == len(data)
    assert (tmp_path / "uploads" / "my_links_1_.csv").read_bytes() == data
    assert [p.name for p in (tmp_path / "uploads").iterdir()] == ["my_links_1_.csv"]  # no .part left
    assert await save_upload(UploadFile(io.BytesIO(b""), filename=""), tmp_path) is None


def test_file_field_clean(tmp_path):
    field = Field("edges", "Links", kind="file", required=False)
    path = tmp_path / "links.csv"
    path.write_text("a,b\n")
    assert field.clean({"name": "links.csv", "path": str(path), "size": 4}) == {"name": "links.csv", "path": str(path), "size": 4}
    assert field.clean(str(path))["size"] == 4  # from Python / a notebook: a path
    assert field.clean(None) is None
    with pytest.raises(FieldError, match="not a file on this machine"):
        field.clean({"name": "gone.csv", "path": str(tmp_path / "gone.csv")})
    with pytest.raises(FieldError, match="choose a file"):
        Field("edges", "Links", kind="file").clean(None)
    with pytest.raises(FieldError, match="save_upload"):
        field.clean(UploadFile(io.BytesIO(b"x"), filename="x.csv"))
