"""The user guide, docs/panduan-pengguna.md, documents every command and every option.

As sqlite-utils does for its CLI: the command tree is walked (typer.main.get_command), and the
guide's command reference ("## Rujukan perintah") must have a section per command, headed
"### `bludcli rules check`", that names each of the command's long options in backquotes
(`--fail-on`). A new command or option therefore fails here until it is documented.

Cheap consistency checks of the guide as well: it shows exactly the images that
docs/make_images.py makes, each of them exists (for the commands this bludcli has), its links
to its own headings work, and its relative links lead to files of the project. (The images
themselves are not regenerated here: run `python docs/make_images.py` after changing output.)
"""

from __future__ import annotations

import importlib.util
import re
import sys
from pathlib import Path

import pytest
import typer

from bludcli.cli.app import app

ROOT = Path(__file__).resolve().parent.parent
GUIDE = ROOT / "docs" / "panduan-pengguna.md"
IMG = ROOT / "docs" / "img"
REFERENCE = re.compile(r"^## (?:\d+\. )?Rujukan perintah$", re.MULTILINE)  # "## 6. Rujukan perintah"


def _walk(command, path=("bludcli",)):
    """(name, command) of the root and of every command and subcommand, groups included."""
    yield " ".join(path), command
    for name, sub in sorted((getattr(command, "commands", None) or {}).items()):
        if not getattr(sub, "hidden", False):
            yield from _walk(sub, (*path, name))


COMMANDS = dict(_walk(typer.main.get_command(app)))


def _is_group(command) -> bool:
    return bool(getattr(command, "commands", None))


def _long_options(command) -> list[str]:
    """The long names (--x) of a command's visible options; --help is not among its params."""
    names = []
    for param in command.params:
        if getattr(param, "param_type_name", "") != "option" or getattr(param, "hidden", False):
            continue
        names += [name for name in (*param.opts, *param.secondary_opts) if name.startswith("--")]
    return names


def _documented(command) -> bool:
    """A command needs a section when it runs something (not a bare group) or has options (the root)."""
    return not _is_group(command) or bool(_long_options(command))


def _reference() -> str:
    text = GUIDE.read_text(encoding="utf-8")
    heading = REFERENCE.search(text)
    assert heading, f"{GUIDE.name} has no section '## Rujukan perintah'"
    reference = text[heading.end():]
    following = re.search(r"^## ", reference, re.MULTILINE)
    return reference[:following.start()] if following else reference


def _sections() -> dict[str, str]:
    """Command reference: '### `bludcli rules check`' -> the text up to the next heading."""
    parts = re.split(r"^### (.*)$", _reference(), flags=re.MULTILINE)
    headings = [re.fullmatch(r"`(bludcli[^`]*)`", heading.strip()) for heading in parts[1::2]]
    return {heading[1].strip(): body for heading, body in zip(headings, parts[2::2]) if heading}


def _mentions(text: str, option: str) -> bool:
    return re.search("`" + re.escape(option) + r"(?![\w-])", text) is not None


def test_every_command_has_a_section_in_the_command_reference():
    sections = _sections()
    missing = [name for name, command in COMMANDS.items() if _documented(command) and name not in sections]
    assert not missing, (f"{GUIDE.name}, 'Rujukan perintah': no section '### `…`' for: {', '.join(missing)}")


def test_every_option_is_documented_in_its_command_section():
    sections = _sections()
    missing = [f"{name} {option}" for name, command in COMMANDS.items() if name in sections
               for option in _long_options(command) if not _mentions(sections[name], option)]
    assert not missing, (f"{GUIDE.name}, 'Rujukan perintah': options not documented in their command's "
                         f"section: {', '.join(missing)}")


def test_the_command_reference_names_only_commands_that_exist():
    unknown = sorted(set(_sections()) - set(COMMANDS))
    assert not unknown, f"{GUIDE.name} documents commands bludcli does not have: {', '.join(unknown)}"


def test_the_checks_themselves():
    """An option counts as documented only in backquotes and under its exact name."""
    assert _mentions("`--fail-on error`: …", "--fail-on")
    assert not _mentions("`--fail-on-x`", "--fail-on")
    assert not _mentions("--fail-on without quotes", "--fail-on")
    assert "--version" in _long_options(COMMANDS["bludcli"])
    assert {"--format", "--output", "--fail-on", "--lang", "--rules"} <= set(_long_options(COMMANDS["bludcli validate"]))


# --- images and links ------------------------------------------------------------------------


def _make_images():
    if "make_images" not in sys.modules:  # its dataclasses need it registered while it loads
        spec = importlib.util.spec_from_file_location("make_images", ROOT / "docs" / "make_images.py")
        module = importlib.util.module_from_spec(spec)
        sys.modules["make_images"] = module
        spec.loader.exec_module(module)
    return sys.modules["make_images"]


def _guide_images() -> set[str]:
    return set(re.findall(r"!\[[^\]]*\]\(img/([^)\s]+)\)", GUIDE.read_text(encoding="utf-8")))


def test_the_guide_shows_exactly_the_images_the_script_makes():
    listed = {image.file.name for image in _make_images().IMAGES}
    shown = _guide_images()
    assert not shown - listed, f"{GUIDE.name} shows images docs/make_images.py does not make: {sorted(shown - listed)}"
    assert not listed - shown, f"docs/make_images.py makes images {GUIDE.name} does not show: {sorted(listed - shown)}"


def test_every_image_exists_for_the_commands_bludcli_has():
    make_images = _make_images()
    due = [image for image in make_images.IMAGES if make_images.command_exists(image.needs)]
    absent = [image.file.name for image in due if not image.file.is_file()]
    assert not absent, f"missing in docs/img: {', '.join(absent)}; run: python docs/make_images.py"
    stray = sorted({path.name for path in IMG.glob("*")} - {image.file.name for image in make_images.IMAGES})
    assert not stray, f"docs/img holds files docs/make_images.py does not make: {', '.join(stray)}"


def test_every_image_runs_a_command_that_exists_or_is_awaited():
    make_images = _make_images()
    for image in make_images.IMAGES:
        if make_images.command_exists(image.needs):
            assert make_images._command_words(image.args), f"{image.name}: no bludcli command in {image.args}"


def _slug(heading: str) -> str:
    """GitHub's anchor of a heading: lower case, punctuation dropped, spaces as hyphens."""
    return re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")


def test_links_within_the_guide_lead_to_a_heading():
    text = GUIDE.read_text(encoding="utf-8")
    prose = re.sub(r"^```.*?^```", "", text, flags=re.MULTILINE | re.DOTALL)  # no headings in examples
    anchors = {_slug(heading) for heading in re.findall(r"^#{1,6} (.+)$", prose, re.MULTILINE)}
    broken = sorted(set(re.findall(r"\]\(#([^)]+)\)", text)) - anchors)
    assert not broken, f"{GUIDE.name} links to headings it does not have: {', '.join(broken)}"


def _relative_links() -> list[str]:
    text = GUIDE.read_text(encoding="utf-8") if GUIDE.exists() else ""
    return sorted({target for target in re.findall(r"\]\((?!https?:|#|mailto:)([^)#\s]+)", text)
                   if not target.startswith("img/")})  # images are checked above


@pytest.mark.parametrize("target", _relative_links())
def test_relative_links_lead_to_files_of_the_project(target):
    assert (GUIDE.parent / target).exists(), f"{GUIDE.name} links to {target}, which does not exist"
