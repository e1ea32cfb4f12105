"""Headless chromium driven over the DevTools protocol on a pipe, for the browser tests.

`--remote-debugging-pipe` makes chromium read commands from fd 3 and write replies and events to
fd 4, each a JSON message ended by a NUL byte: no port, no websocket library. The page keeps its
own Content-Security-Policy (DevTools' `Runtime.evaluate` is not subject to it), so what the tests
see is what a reader's browser does with the page as written.
"""

from __future__ import annotations

import fcntl
import json
import os
import select
import subprocess
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run", "--hide-scrollbars",
         "--host-resolver-rules=MAP * ~NOTFOUND")  # a stray request would never reach the network
Message = dict[str, Any]


class Browser:
    def __init__(self, executable: str, profile: Path, timeout: float = 60) -> None:
        to_child, self._commands = os.pipe()
        self._replies, from_child = os.pipe()
        # Copies above 9, so that placing them on 3 and 4 in the child never overwrites one with the other.
        child_in, child_out = (fcntl.fcntl(fd, fcntl.F_DUPFD, 10) for fd in (to_child, from_child))

        def place() -> None:
            os.dup2(child_in, 3)
            os.dup2(child_out, 4)

        self.process = subprocess.Popen([executable, *FLAGS, "--remote-debugging-pipe", f"--user-data-dir={profile}",
                                         "about:blank"], preexec_fn=place, close_fds=False,
                                        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        for fd in (to_child, from_child, child_in, child_out):
            os.close(fd)
        self.timeout = timeout
        self.events: list[Message] = []
        self._buffer = b""
        self._id = 0

    def __enter__(self) -> Browser:
        return self

    def __exit__(self, *_: object) -> None:
        self.process.kill()
        self.process.wait()
        os.close(self._commands)
        os.close(self._replies)

    def call(self, method: str, params: Message | None = None, session: str | None = None) -> Message:
        self._id += 1
        message: Message = {"id": self._id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        os.write(self._commands, json.dumps(message).encode() + b"\0")
        reply = self._next(lambda m: m.get("id") == message["id"], keep=False)
        if "error" in reply:
            raise RuntimeError(f"{method}: {reply['error']}")
        result: Message = reply["result"]
        return result

    def wait_for(self, method: str, test: Callable[[Message], bool] = lambda _: True,
                 session: str | None = None) -> Message:
        """The first event `method` (of `session`, when given; seen already or still to come) that passes
        `test`; it is consumed."""
        def wanted(m: Message) -> bool:
            return (m.get("method") == method and test(m.get("params", {}))
                    and (session is None or m.get("sessionId") == session))

        for event in self.events:
            if wanted(event):
                self.events.remove(event)
                return event["params"]  # type: ignore[no-any-return]
        return self._next(wanted, keep=False)["params"]  # type: ignore[no-any-return]

    def _next(self, wanted: Callable[[Message], bool], keep: bool) -> Message:
        end = time.monotonic() + self.timeout
        while True:
            while b"\0" in self._buffer:
                raw, self._buffer = self._buffer.split(b"\0", 1)
                message = json.loads(raw)
                if wanted(message):
                    return message  # type: ignore[no-any-return]
                self.events.append(message)
            left = end - time.monotonic()
            if left <= 0:
                raise TimeoutError("chromium did not answer in time")
            if select.select([self._replies], [], [], left)[0]:
                chunk = os.read(self._replies, 1 << 20)
                if not chunk:
                    raise RuntimeError("chromium closed the pipe")
                self._buffer += chunk

    def open(self, url: str, width: int, height: int = 900, *, mobile: bool = False, media: str = "screen") -> Tab:
        """A new tab at `width` CSS pixels (a phone when `mobile`: the viewport meta applies), loaded."""
        target = self.call("Target.createTarget", {"url": "about:blank"})["targetId"]
        session = self.call("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        tab = Tab(self, session)
        for domain in ("Page", "Network", "Runtime"):
            tab.call(f"{domain}.enable")
        tab.call("Emulation.setDeviceMetricsOverride", {"width": width, "height": height, "deviceScaleFactor": 1,
                                                        "mobile": mobile})
        tab.call("Emulation.setEmulatedMedia", {"media": media})
        tab.call("Page.navigate", {"url": url})
        self.wait_for("Page.loadEventFired", session=session)
        return tab


class Tab:
    def __init__(self, browser: Browser, session: str) -> None:
        self.browser = browser
        self.session = session

    def call(self, method: str, params: Message | None = None) -> Message:
        return self.browser.call(method, params, self.session)

    def eval(self, expression: str, *, gesture: bool = False) -> Any:
        """The value of a JavaScript expression in the page (promises awaited)."""
        reply = self.call("Runtime.evaluate", {"expression": expression, "returnByValue": True, "awaitPromise": True,
                                               "userGesture": gesture})
        if "exceptionDetails" in reply:
            raise RuntimeError(reply["exceptionDetails"])
        return reply["result"].get("value")

    def press(self, key: str, code: int, text: str = "") -> None:
        """A key pressed and released, as a keyboard would (`text`: the character it types)."""
        self.call("Input.dispatchKeyEvent", {"type": "keyDown", "key": key, "code": key, "windowsVirtualKeyCode": code,
                                             "text": text})
        self.call("Input.dispatchKeyEvent", {"type": "keyUp", "key": key, "code": key, "windowsVirtualKeyCode": code})

    def requests(self) -> list[str]:
        """Every URL the page asked for so far, blocked or not."""
        return [e["params"]["request"]["url"] for e in self.browser.events
                if e.get("method") == "Network.requestWillBeSent" and e.get("sessionId") == self.session]
