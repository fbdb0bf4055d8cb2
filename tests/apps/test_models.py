"""The Models page: configured tiers, a real server found on this machine, and adding tiers to whittle.toml."""

import tomllib
from urllib.parse import urlsplit

from whittle.config import load_config

HX = {"HX-Request": "true"}


def test_add_a_cloud_tier_validated_before_it_is_written(client, whittle):
    page = client.get("/app/models").text
    assert "local" in page and "embedded" in page and "Add a cloud model" in page
    path = whittle.settings.config_file
    assert not path.exists()

    bad = {"name": "my cloud!", "base_url": "https://api.example.com/v1", "model": "m", "trust": "trusted"}
    html = client.post("/app/models/add", data=bad, headers=HX).text
    assert "Not added" in html and "name" in html and 'value="my cloud!"' in html, "the typed entry stays in the form"
    assert not path.exists(), "nothing written for a bad entry"

    good = {**bad, "name": "cloud", "api_key_env": "OPENAI_API_KEY", "provider": "openai"}
    html = client.post("/app/models/add", data=good, headers=HX).text
    assert "Added the tier cloud" in html and "Restart whittle" in html
    tiers = load_config(path).tiers
    assert [(t.name, t.backend) for t in tiers] == [("local", "embedded"), ("cloud", "openai")]
    assert tiers[1].api_key_env == "OPENAI_API_KEY" and "sk-" not in path.read_text()

    again = client.post("/app/models/add", data=good, headers=HX).text
    assert "already exists" in again or "Not added" in again
    assert len(tomllib.loads(path.read_text())["tiers"]) == 2


def test_a_server_found_here_is_added_as_a_free_local_tier(client, whittle, remote_server):
    port = urlsplit(remote_server["base_url"]).port
    whittle.apps["models"].servers = (("llama.cpp server", port),)
    found = client.get("/app/models/found", headers=HX).text
    assert remote_server["model"] in found and "Add as a local tier" in found
    values = {"name": f"llama-{remote_server['model']}", "base_url": remote_server["base_url"],
              "model": remote_server["model"], "trust": "local", "server": "llama.cpp server"}
    html = client.post("/app/models/add", data=values, headers=HX).text
    assert "Added the tier" in html
    (local, added) = load_config(whittle.settings.config_file).tiers
    assert added.trust == "local" and added.price_input_per_mtok == 0 and added.structured_output == "llama.cpp"
