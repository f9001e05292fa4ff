from pathlib import Path


def test_minimal_pack_is_valid(make_pack, pack_files, run) -> None:
    root: Path = make_pack(pack_files)
    result = run("validate", str(root))
    assert result.exit_code == 0, result
    assert "ok: mini 1.0" in result.stdout


def test_broken_reference_is_reported_with_file_and_line(make_pack, pack_files, run) -> None:
    pack_files["01-jail.yaml"]["demands"][0]["targets"] = ["sherif"]
    result = run("validate", str(make_pack(pack_files)))
    assert result.exit_code == 1
    assert "01-jail.yaml:" in result.stderr
    assert "unknown role 'sherif' (did you mean 'sheriff'?)" in result.stderr
