"""One real terminal session, end to end: `pipeline advise` in a tmux pane, answered by keys."""

from __future__ import annotations

import shlex
import shutil
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.advisepack import advise_pack

TMUX = shutil.which("tmux")
pytestmark = pytest.mark.skipif(TMUX is None, reason="tmux is not installed")
PIPELINE = Path(sys.executable).with_name("pipeline")


class Pane:
    def __init__(self, socket: str) -> None:
        self.socket = socket

    def tmux(self, *args: str) -> str:
        assert TMUX is not None
        cmd = [TMUX, "-L", self.socket, *args]
        return subprocess.run(cmd, check=True, capture_output=True, text=True).stdout

    def screen(self) -> str:
        return self.tmux("capture-pane", "-p", "-J", "-S", "-300", "-t", "advise")

    def wait_for(self, text: str, after: str = "") -> str:
        """Poll the screen until `text` shows (after the last `after`: earlier runs stay on
        screen); a generous limit only guards against a hang."""
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            screen = self.screen()
            if text in (screen.rsplit(after, 1)[-1] if after else screen):
                return screen
            time.sleep(0.1)
        raise AssertionError(f"{text!r} never appeared; the screen was:\n{self.screen()}")

    def keys(self, *keys: str) -> None:
        self.tmux("send-keys", "-t", "advise", *keys)


@pytest.fixture
def pane(tmp_path: Path) -> Iterator[Callable[[str], Pane]]:
    socket = f"pipeline-test-{uuid.uuid4().hex[:8]}"
    started: list[Pane] = []

    def start(command: str) -> Pane:
        p = Pane(socket)
        p.tmux("new-session", "-d", "-s", "advise", "-x", "120", "-y", "60", command)
        started.append(p)
        return p

    yield start
    for p in started:  # only the server this test started, on its own socket
        subprocess.run([TMUX or "tmux", "-L", p.socket, "kill-server"], capture_output=True)


def test_interview_in_a_real_terminal(
    pane: Callable[[str], Pane], make_pack: Callable[[dict[str, Any]], Path], tmp_path: Path
) -> None:
    """Finish an interview; run advise again and press Ctrl-C at once: the answers are still
    there and offered; a new interview stopped at its first question changes nothing."""
    pack = make_pack(advise_pack())
    data = tmp_path / "data"
    run = shlex.join([str(PIPELINE), "--plain", "--pack", str(pack), "advise"])
    script = tmp_path / "session.sh"
    env = f"export NO_COLOR=1 XDG_DATA_HOME={shlex.quote(str(data))}"
    runs = "\n".join(f"{run}\necho EXIT{n}=$?" for n in range(1, 5))
    script.write_text(f"{env}\ncd {shlex.quote(str(tmp_path))}\n{runs}\nsleep 300\n")
    p = pane(shlex.join(["bash", str(script)]))
    p.wait_for("About 5 questions")  # what to expect, and that "I don't know" is fine
    p.wait_for("[1/")  # progress: "[1/5] State?"
    p.keys("Calif", "Enter")
    p.wait_for("County?")
    p.keys("Los Angeles", "Enter")
    p.wait_for("City?")
    p.keys("Pasadena", "Enter")
    p.wait_for("City form?")
    p.keys("Up", "Up", "Enter")  # council-manager (the pointer starts on "I don't know")
    p.wait_for("Holds?")
    p.keys("Enter")  # I don't know
    p.wait_for("Sheriff runs jail?")
    p.keys("Down", "Enter")  # "Where can I find this out?" shows where, then asks again
    p.wait_for("Where to find it: Where")
    p.keys("Enter")
    p.wait_for("Review your answers")
    p.keys("Enter")
    p.wait_for("Write the letters")
    p.keys("Down", "Enter")  # no: show the plan
    screen = p.wait_for("EXIT1=")
    assert "EXIT1=0" in screen
    assert "Plan for Pasadena, Los Angeles County, California" in screen
    assert "Pasadena City Manager" in screen
    saved = data / "pipeline-cli" / "interview.yaml"
    assert saved.stat().st_mode & 0o777 == 0o600
    kept = saved.read_text()
    assert "city: Pasadena" in kept and "status: finished" in kept
    assert (data / "pipeline-cli" / "interviews" / "ca-los-angeles-county-pasadena.yaml").is_file()

    # Run 2: the earlier answers are offered; Ctrl-C at once keeps them.
    p.wait_for("Use the answers for Pasadena", after="EXIT1=")
    p.keys("C-c")
    screen = p.wait_for("EXIT2=")
    assert "EXIT2=130" in screen
    assert saved.read_text() == kept

    # Run 3: start a new interview and stop at its first question: nothing changes.
    p.wait_for("Start a new interview", after="EXIT2=")
    p.keys("Down", "Down", "Enter")  # after "use" and "review and change"
    p.wait_for("[1/", after="EXIT2=")
    p.keys("C-c")
    screen = p.wait_for("EXIT3=")
    assert "EXIT3=130" in screen and "nothing was changed" in screen
    assert saved.read_text() == kept

    # Run 4: use them as they are: the plan, with no questions asked.
    p.wait_for("Use the answers for Pasadena", after="EXIT3=")
    p.keys("Enter")
    screen = p.wait_for("EXIT4=")
    assert "EXIT4=0" in screen
    assert screen.count("Plan for Pasadena, Los Angeles County, California") == 2
