"""A small client for headless Chromium over the DevTools protocol: open a page
at a given window size with the network off, evaluate JavaScript in it, click
and type like a reader, take screenshots.

Used by ``tests/report/test_browser.py`` and by ``python -m tests.report.cdp``
(screenshots of every page of a report, to look at). Only the loopback address
is ever contacted (the browser's own debugging port)."""
from __future__ import annotations

import base64
import itertools
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

CHROMIUM_CANDIDATES = ("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome")
FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--no-first-run", "--disable-sync", "--disable-quic",
         "--disable-dev-shm-usage", "--disable-extensions", "--hide-scrollbars", "--mute-audio")


def find_chromium(candidates=CHROMIUM_CANDIDATES) -> str | None:
    for path in (os.environ.get("CHROMIUM", ""), *candidates):
        if path and Path(path).is_file():
            return path
    return shutil.which("chromium") or shutil.which("chromium-browser")


class CDPError(RuntimeError):
    pass


class Browser:
    """One headless Chromium with one page, driven over a WebSocket.

    ``with Browser(width=1400, height=900) as b: b.open(path); b.js("1+1")``.
    ``offline=True`` (default) switches the page's network off before any
    navigation, so a page that needs the network shows it."""

    def __init__(self, width: int = 1400, height: int = 900, offline: bool = True, binary: str | None = None,
                 timeout: float = 60.0):
        self.width, self.height, self.offline, self.timeout = width, height, offline, timeout
        self.binary = binary or find_chromium()
        if not self.binary:
            raise FileNotFoundError("headless Chromium not found")
        self._ids = itertools.count(1)
        self._events: list[dict] = []

    # ------------------------------------------------------------ lifecycle
    def __enter__(self) -> Browser:
        import websocket

        self._profile = tempfile.mkdtemp(prefix="kit-chromium-")
        self.proc = subprocess.Popen(
            [self.binary, *FLAGS, f"--user-data-dir={self._profile}", "--remote-debugging-address=127.0.0.1",
             "--remote-debugging-port=0", f"--window-size={self.width},{self.height}", "about:blank"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        port_file = Path(self._profile) / "DevToolsActivePort"
        deadline = time.monotonic() + self.timeout
        while not (port_file.is_file() and port_file.read_text().strip()):
            if time.monotonic() > deadline or self.proc.poll() is not None:
                self.close()
                raise CDPError("Chromium did not open its debugging port")
            time.sleep(0.05)
        port = int(port_file.read_text().split()[0])
        targets = []
        while not targets:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/json/list", timeout=10) as resp:
                targets = [t for t in json.load(resp) if t.get("type") == "page"]
            if not targets:
                time.sleep(0.05)
        self.ws = websocket.create_connection(targets[0]["webSocketDebuggerUrl"], timeout=self.timeout,
                                              suppress_origin=True)
        self.send("Page.enable")
        self.send("Runtime.enable")
        self.send("Network.enable")
        if self.offline:
            self.send("Network.emulateNetworkConditions", offline=True, latency=0, downloadThroughput=-1,
                      uploadThroughput=-1)
        self.resize(self.width, self.height)
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        try:
            self.ws.close()
        except Exception:  # noqa: BLE001 - closing what may not have opened
            pass
        if getattr(self, "proc", None) is not None and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
        shutil.rmtree(getattr(self, "_profile", ""), ignore_errors=True)

    # ------------------------------------------------------------ protocol
    def send(self, method: str, **params):
        msg_id = next(self._ids)
        self.ws.send(json.dumps({"id": msg_id, "method": method, "params": params}))
        while True:
            msg = json.loads(self.ws.recv())
            if msg.get("id") == msg_id:
                if "error" in msg:
                    raise CDPError(f"{method}: {msg['error']}")
                return msg.get("result", {})
            self._events.append(msg)

    def wait_event(self, method: str, timeout: float | None = None) -> dict:
        deadline = time.monotonic() + (timeout or self.timeout)
        while True:
            for i, ev in enumerate(self._events):
                if ev.get("method") == method:
                    return self._events.pop(i)
            if time.monotonic() > deadline:
                raise CDPError(f"no {method} event")
            self._events.append(json.loads(self.ws.recv()))

    # ------------------------------------------------------------ the page
    def resize(self, width: int, height: int) -> None:
        self.width, self.height = width, height
        self.send("Emulation.setDeviceMetricsOverride", width=width, height=height, deviceScaleFactor=1,
                  mobile=False)

    def open(self, target: str | Path, settle: float = 0.3) -> None:
        """Navigate to a file (path, optionally with ``#fragment``) or URL and
        wait for its load event and for its scripts to settle."""
        url = target if isinstance(target, str) and "://" in target else _file_url(target)
        self._events.clear()
        self.send("Page.navigate", url=url)
        self.wait_event("Page.loadEventFired")
        # wait until the kit's script (when the page has one) has finished its work
        deadline = time.monotonic() + self.timeout
        while self.js("document.documentElement.dataset.kitBusy === '1'") and time.monotonic() < deadline:
            time.sleep(0.05)
        time.sleep(settle)

    def js(self, expression: str):
        """Evaluate ``expression`` in the page (promises awaited); return its value."""
        res = self.send("Runtime.evaluate", expression=expression, returnByValue=True, awaitPromise=True)
        if "exceptionDetails" in res:
            raise CDPError(f"{expression[:80]}...: {res['exceptionDetails'].get('exception', {}).get('description')}")
        return res.get("result", {}).get("value")

    def click(self, selector: str, index: int = 0) -> None:
        """Click the ``index``-th element matching ``selector`` with the mouse,
        as a reader would (scrolled into view first)."""
        rect = self.js(f"""(() => {{ const el = document.querySelectorAll({json.dumps(selector)})[{index}];
            el.scrollIntoView({{block: 'center'}}); const r = el.getBoundingClientRect();
            return [r.left + r.width / 2, r.top + r.height / 2]; }})()""")
        for kind in ("mousePressed", "mouseReleased"):
            self.send("Input.dispatchMouseEvent", type=kind, x=rect[0], y=rect[1], button="left", clickCount=1)
        time.sleep(0.2)

    def type_into(self, selector: str, text: str, index: int = 0) -> None:
        """Focus the ``index``-th element matching ``selector`` and type ``text``."""
        self.js(f"document.querySelectorAll({json.dumps(selector)})[{index}].focus()")
        self.send("Input.insertText", text=text)
        time.sleep(0.3)

    def screenshot(self, path: str | Path, full_page: bool = False) -> Path:
        params: dict = {"format": "png"}
        if full_page:
            h = int(self.js("document.documentElement.scrollHeight"))
            params.update(captureBeyondViewport=True, clip={"x": 0, "y": 0, "width": self.width, "height": h,
                                                            "scale": 1})
        data = self.send("Page.captureScreenshot", **params)["data"]
        path = Path(path)
        path.write_bytes(base64.b64decode(data))
        return path

    def screens(self, stem: str | Path, max_screens: int = 40) -> list[Path]:
        """One viewport screenshot per screen of the page, top to bottom."""
        height = int(self.js("document.documentElement.scrollHeight"))
        out = []
        for i in range(min(max_screens, -(-height // self.height))):
            self.js(f"window.scrollTo(0, {i * self.height})")
            time.sleep(0.1)
            out.append(self.screenshot(f"{stem}-{i + 1:02d}.png"))
        self.js("window.scrollTo(0, 0)")
        return out


def _file_url(target: str | Path) -> str:
    text = str(target)
    path, _, frag = text.partition("#")
    url = Path(path).resolve().as_uri()
    return f"{url}#{frag}" if frag else url


def main(argv: list[str]) -> int:
    """``python -m tests.report.cdp REPORT_DIR OUT_DIR``: a screenshot per
    screen of every page of the report at 1400 x 900 (the first few article pages)."""
    report, out = Path(argv[0]), Path(argv[1])
    out.mkdir(parents=True, exist_ok=True)
    pages = sorted(report.glob("*.html")) + sorted((report / "articles").glob("*.html"))[:3]
    with Browser() as b:
        for page in pages:
            b.open(page)
            h = b.js("document.documentElement.scrollHeight")
            shots = b.screens(out / page.stem)
            print(f"{page.relative_to(report)}: {h} px = {h / 900:.1f} screens, {len(shots)} shots")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
