# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright 2026 The Meldpunt developers
"""Drives the real `meldpunt` binary as a person does.

Input goes in only as real X events through XTest (`xdotool`): key presses,
typed text, clicks at a widget's place on the screen. AT-SPI (through
libatspi's introspection, the library under pyatspi and dogtail) is used to
find widgets, learn where they are and read what they show; never to set a
text or to activate an action.

Every wait polls a predicate until a deadline and fails saying what it waited
for; nothing sleeps for a fixed time.
"""

import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time

import gi

gi.require_version("Atspi", "2.0")
gi.require_version("Gdk", "3.0")
from gi.repository import Atspi, Gdk  # noqa: E402

# Generous: the test machines are shared and loaded.
TIMEOUT = float(os.environ.get("MP_E2E_TIMEOUT", "60"))
POLL = 0.1
PASSPHRASE = "paars paard op de dijk"


class E2EFailure(AssertionError):
    pass


STARTED = time.monotonic()


def log(msg):
    print(f"# {time.monotonic() - STARTED:6.1f} {msg}", flush=True)


def wait_until(predicate, what, timeout=TIMEOUT):
    """Returns predicate()'s first true value; fails with `what` at the deadline."""
    deadline = time.monotonic() + timeout
    last_error = None
    while True:
        try:
            value = predicate()
            if value:
                return value
        except GLibErrors as e:  # a widget went away while we looked at it
            last_error = e
        if time.monotonic() > deadline:
            extra = f" (last error: {last_error})" if last_error else ""
            raise E2EFailure(f"timed out after {timeout:.0f} s waiting for {what}{extra}")
        time.sleep(POLL)


GLibErrors = (gi.repository.GLib.Error,)


# --- the environment -------------------------------------------------------

def setup_environment(builddir, lang, tmp):
    """The environment of one run: a private home, the build's schemas and
    translations, the cheap test key derivation. Returns the environment."""
    env = dict(os.environ)
    home = os.path.join(tmp, "home")
    for sub in ("", ".config", ".local/share", ".cache", ".gnupg", "runtime"):
        os.makedirs(os.path.join(home, sub), mode=0o700, exist_ok=True)
    env.update({
        "HOME": home,
        "XDG_CONFIG_HOME": os.path.join(home, ".config"),
        "XDG_DATA_HOME": os.path.join(home, ".local/share"),
        "XDG_CACHE_HOME": os.path.join(home, ".cache"),
        "XDG_RUNTIME_DIR": os.path.join(home, "runtime"),
        "GNUPGHOME": os.path.join(home, ".gnupg"),
        "GSETTINGS_BACKEND": "memory",
        "GSETTINGS_SCHEMA_DIR": os.path.join(builddir, "data"),
        "GSK_RENDERER": "cairo",
        "GDK_BACKEND": "x11",
        "GTK_A11Y": "atspi",
        "MELDPUNT_TEST_CHEAP_KDF": "1",
        "MELDPUNT_LOCALEDIR": os.path.join(builddir, "po"),
        "TZ": "Europe/Amsterdam",
        "LANG": "C.UTF-8",
        "LC_ALL": "C.UTF-8",
        "LANGUAGE": lang,
    })
    # Warnings of GTK's own (the file chooser's) are not the app's failures.
    env.pop("G_DEBUG", None)
    return env


def run_in_session(argv):
    """Runs this script again inside its own D-Bus session (the accessibility
    bus is started from it) unless it already is."""
    if os.environ.get("MP_E2E_IN_SESSION") == "1":
        # The TAP stream comes on descriptor 3; the session's daemons print
        # on the standard output they inherited, which goes to stderr.
        sys.stdout = os.fdopen(3, "w", buffering=1)
        return
    if not os.environ.get("DISPLAY"):
        print("1..0 # SKIP no X display (run under xvfb-run)")
        sys.exit(77)
    for tool in ("dbus-run-session", "xdotool"):
        if shutil.which(tool) is None:
            print(f"Bail out! {tool} is missing (see build-aux/setup)")
            sys.exit(1)
    env = dict(os.environ, MP_E2E_IN_SESSION="1")
    # libatspi warns about GTK's missing cache; not a failure of the test.
    # The application's criticals are looked for in its log instead.
    env.pop("G_DEBUG", None)
    os.dup2(1, 3, inheritable=True)
    os.dup2(2, 1)
    os.execvpe("dbus-run-session",
               ["dbus-run-session", "--", sys.executable] + argv, env)


# --- X input ---------------------------------------------------------------

def xdotool(*args):
    subprocess.run(["xdotool", *args], check=True, timeout=60)


def key(*keys):
    """Presses key combinations, e.g. key("ctrl+l")."""
    xdotool("key", "--clearmodifiers", *keys)


def type_text(text):
    """Types text key by key, as a keyboard does."""
    xdotool("type", "--delay", "15", "--", text)


# --- AT-SPI ----------------------------------------------------------------

def name_of(acc):
    try:
        return acc.get_name() or ""
    except GLibErrors:
        return ""


def role_of(acc):
    try:
        return acc.get_role_name()
    except GLibErrors:
        return ""


def children(acc):
    try:
        n = acc.get_child_count()
    except GLibErrors:
        return []
    out = []
    for i in range(n):
        try:
            c = acc.get_child_at_index(i)
        except GLibErrors:
            continue
        if c is not None:
            out.append(c)
    return out


def extents(acc):
    """(x, y, width, height) in the coordinates of the widget's window."""
    try:
        if "Component" not in acc.get_interfaces():
            return None
        e = Atspi.Component.get_extents(acc, Atspi.CoordType.WINDOW)
    except GLibErrors:
        return None
    return (e.x, e.y, e.width, e.height)


def states(acc):
    try:
        return acc.get_state_set()
    except GLibErrors:
        return None


def has_state(acc, state):
    s = states(acc)
    return s is not None and s.contains(state)


def text_of(acc):
    """What a text widget or label shows."""
    try:
        if "Text" in acc.get_interfaces():
            n = Atspi.Text.get_character_count(acc)
            return Atspi.Text.get_text(acc, 0, n) or ""
    except GLibErrors:
        return ""
    return name_of(acc)


def on_screen(acc):
    """GTK 4.8 does not say "showing" below a window; a widget on screen is
    visible with a size (a hidden stack page's widgets have none)."""
    e = extents(acc)
    return (e is not None and e[2] > 0 and e[3] > 0
            and has_state(acc, Atspi.StateType.VISIBLE))


def walk(acc, depth=0, max_depth=60, prune=True):
    """acc and the widgets inside it. With prune, a widget without a size
    (a hidden page, a closed popover) is not entered: it saves thousands of
    D-Bus calls on a large window."""
    yield acc
    if depth >= max_depth:
        return
    if prune and depth > 0:
        e = extents(acc)
        if e is not None and (e[2] <= 0 or e[3] <= 0):
            return
    for c in children(acc):
        yield from walk(c, depth + 1, max_depth, prune)


def matches(acc, role=None, name=None, contains=None):
    if role is not None and role_of(acc) != role:
        return False
    n = name_of(acc)
    if name is not None and n != name:
        return False
    if contains is not None and contains not in n:
        return False
    return True


def dump(acc, depth=0, out=None):
    """The accessible tree as text, for failure messages."""
    out = [] if out is None else out
    e = extents(acc)
    if e is None or e[2] > 0:
        out.append("  " * depth + f"{role_of(acc)} {name_of(acc)!r} {e}")
    for c in children(acc):
        dump(c, depth + 1, out)
    return out


class App:
    """One running `meldpunt` with its own desk."""

    def __init__(self, builddir, srcdir, lang, tmp, env, db=None):
        self.builddir = builddir
        self.srcdir = srcdir
        self.lang = lang
        self.tmp = tmp
        self.env = env
        self.db = db or os.path.join(tmp, "desk", "desk.db")
        os.makedirs(os.path.dirname(self.db), exist_ok=True)
        self.proc = None
        self.step = 0
        self.shots = os.path.join(builddir, "screenshots")
        os.makedirs(self.shots, exist_ok=True)
        self.scenario = "run"
        self.pwfile = os.path.join(tmp, "passphrase")
        with open(self.pwfile, "w") as f:
            f.write(PASSPHRASE + "\n")
        self.gdk_display = None
        self.x_cache = {}
        self.frame_cache = {}
        self.pane_cache = {}

    # -- the process --

    def start(self):
        # The accessibility bus first, so that the application finds it.
        Atspi.get_desktop(0).get_child_count()
        log(f"starting meldpunt --database {self.db}")
        self.log_path = os.path.join(self.tmp, f"meldpunt-{self.scenario}.log")
        self.log_file = open(self.log_path, "w")
        self.proc = subprocess.Popen(
            [os.path.join(self.builddir, "src", "meldpunt"), "--database", self.db],
            env=self.env, stdout=self.log_file, stderr=subprocess.STDOUT)
        self.wait_window()
        return self

    def app_accessible(self):
        desktop = Atspi.get_desktop(0)
        for a in children(desktop):
            try:
                if a.get_process_id() == self.proc.pid:
                    return a
            except GLibErrors:
                continue
        return None

    def check_running(self):
        if self.proc.poll() is not None:
            raise E2EFailure(f"meldpunt exited with status {self.proc.returncode}:\n"
                             + self.app_log())
        return True

    def app_log(self):
        try:
            with open(self.log_path) as f:
                return f.read()[-4000:]
        except OSError:
            return ""

    def frames(self):
        a = self.app_accessible()
        if a is None:
            return []
        # GTK 4.8 gives a GtkFileChooserDialog the role "filler": every
        # child of the application is a toplevel.
        return [f for f in children(a) if on_screen(f)]

    def wait_window(self):
        wait_until(lambda: self.check_running() and self.frames(), "the Meldpunt window")
        wait_until(lambda: self.x_windows(), "the window on the X display")

    def quit(self, timeout=TIMEOUT):
        """Ctrl+Q, as a person quits; waits for the process to end."""
        self.pointer_to_window()
        key("ctrl+q")
        wait_until(lambda: self.proc.poll() is not None, "meldpunt to quit after Ctrl+Q", timeout)
        self.log_file.close()
        if self.proc.returncode != 0:
            raise E2EFailure(f"meldpunt quit with status {self.proc.returncode}:\n{self.app_log()}")
        criticals = [line for line in self.app_log().splitlines() if "-CRITICAL **" in line]
        if criticals:
            raise E2EFailure("meldpunt logged criticals:\n" + "\n".join(criticals))

    def kill(self):
        if self.proc is not None and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()

    # -- X windows --

    def x_windows(self):
        """The visible X windows of the process: (id, x, y, width, height)."""
        r = subprocess.run(["xdotool", "search", "--all", "--onlyvisible",
                            "--pid", str(self.proc.pid), "--name", "",
                            "getwindowgeometry", "--shell", "%@"],
                           capture_output=True, text=True, timeout=60)
        out, vals = [], {}
        for line in r.stdout.split():
            k, _, v = line.partition("=")
            vals[k] = v
            if k == "SCREEN":
                try:
                    out.append((vals["WINDOW"], int(vals["X"]), int(vals["Y"]),
                                int(vals["WIDTH"]), int(vals["HEIGHT"])))
                except (KeyError, ValueError):
                    pass
                vals = {}
        return [w for w in out if w[3] > 1 and w[4] > 1]

    def frame_of(self, acc):
        """The toplevel (frame or dialog) holding acc."""
        if acc in self.frame_cache:
            return self.frame_cache[acc]
        a = acc
        while a is not None:
            try:
                parent = a.get_parent()
            except GLibErrors:
                return None
            if parent is None or role_of(parent) == "application":
                self.frame_cache[acc] = a
                return a
            a = parent
        return None

    def x_window_of(self, frame):
        """The X window showing an AT-SPI frame: the one a shadow's margins
        larger than it (client-side decorations), the closest in size. The
        windows do not move (there is no window manager): it is kept."""
        fe = extents(frame)
        cached = self.x_cache.get((name_of(frame), fe[2], fe[3]))
        if cached is not None:
            return cached
        best = None
        for w in self.x_windows():
            dw, dh = w[3] - fe[2], w[4] - fe[3]
            if dw < 0 or dh < 0 or dw > 200 or dh > 200:
                continue
            if best is None or dw + dh < best[0]:
                best = (dw + dh, w)
        if best is None:
            raise E2EFailure(f"no X window for {role_of(frame)} {name_of(frame)!r} {fe}: "
                             f"{self.x_windows()}")
        self.x_cache[(name_of(frame), fe[2], fe[3])] = best[1]
        return best[1]

    def screen_point(self, acc):
        """The middle of acc on the screen."""
        e = extents(acc)
        frame = self.frame_of(acc)
        fe = extents(frame)
        w = self.x_window_of(frame)
        # The shadow margins around the frame's content, equal on each side.
        mx, my = (w[3] - fe[2]) // 2, (w[4] - fe[3]) // 2
        return (w[1] + mx + e[0] + e[2] // 2, w[2] + my + e[1] + e[3] // 2)

    # -- finding --

    def find_all(self, role=None, name=None, contains=None, root=None, pred=None):
        out = []
        for r in ([root] if root is not None else self.frames()):
            for acc in walk(r):
                if matches(acc, role, name, contains) and (pred is None or pred(acc)) \
                        and on_screen(acc):
                    out.append(acc)
        return out

    def find(self, role=None, name=None, contains=None, root=None, pred=None):
        found = self.find_all(role, name, contains, root, pred)
        return found[0] if found else None

    def wait_for(self, role=None, name=None, contains=None, root=None, pred=None,
                 timeout=TIMEOUT, what=None):
        what = what or f"{role or 'widget'} {name or contains!r} on screen"

        def look():
            self.check_running()
            return self.find(role, name, contains, root, pred)
        try:
            return wait_until(look, what, timeout)
        except E2EFailure as e:
            self.screenshot("failure")
            tree = "\n".join(line for f in self.frames() for line in dump(f))
            raise E2EFailure(f"{e}\nWhat the window showed:\n{tree}") from None

    def wait_gone(self, role=None, name=None, contains=None, timeout=TIMEOUT, what=None):
        what = what or f"{role or 'widget'} {name or contains!r} to go away"
        wait_until(lambda: self.check_running() and self.find(role, name, contains) is None,
                   what, timeout)

    def wait_text(self, acc, predicate, what, timeout=TIMEOUT):
        return wait_until(lambda: predicate(text_of(acc)), what, timeout)

    # -- input --

    def pointer_to_window(self, frame=None):
        """Without a window manager the keyboard focus follows the pointer:
        the pointer rests in the window that is to get the keys."""
        frames = self.frames()
        frame = frame or (frames[-1] if frames else None)
        if frame is None:
            raise E2EFailure("no window to give the keyboard to")
        w = self.x_window_of(frame)
        xdotool("mousemove", str(w[1] + w[3] // 2), str(w[2] + 8))

    def scroll_into_view(self, acc):
        """Turns the mouse wheel over the scrolled pane holding acc until acc's
        middle is inside the pane, as a person scrolls to a field."""
        if acc not in self.pane_cache:
            pane = acc.get_parent()
            while pane is not None and role_of(pane) != "scroll pane":
                pane = pane.get_parent()
            self.pane_cache[acc] = pane
        pane = self.pane_cache[acc]
        if pane is None:
            return

        def inside():
            e, p = extents(acc), extents(pane)
            mid = e[1] + e[3] // 2
            # Well inside: a widget at the very edge may be under the
            # pane's shadow or the window's border.
            # And above the bottom, where a toast ("… is now in the step …")
            # covers the page for a while, the longer the language's words.
            margin = min(40, p[3] // 4) if not at_limit else 4
            bottom = min(120, p[3] // 3) if not at_limit else 4
            if mid < p[1] + margin:
                return -1
            if mid > p[1] + p[3] - bottom:
                return 1
            return 0
        deadline = time.monotonic() + TIMEOUT
        at_limit = False
        while (direction := inside()) != 0:
            if time.monotonic() > deadline:
                raise E2EFailure(f"could not scroll {name_of(acc)!r} into view")
            x, y = self.screen_point(pane)
            xdotool("mousemove", str(x), str(y))
            before = extents(acc)
            xdotool("click", "5" if direction > 0 else "4")
            try:
                wait_until(lambda: extents(acc) != before,
                           f"the pane to scroll towards {name_of(acc)!r}", timeout=10)
            except E2EFailure:
                # The pane's end: near its edge has to do. Still not there:
                # the page may still be growing (a step opening, a busy
                # machine), so turn the wheel again until the deadline.
                at_limit = True

    def settled_point(self, acc):
        """The middle of acc once it stays put: a page still laying out what
        it just showed (a step opened, buttons wrapping) moves it between
        one look and the click. Two looks a poll apart must agree."""
        last = [None]

        def still():
            point = self.screen_point(acc)
            same = point == last[0]
            last[0] = point
            return point if same else None
        return wait_until(still, f"{name_of(acc)!r} to stay in one place")

    def click(self, acc, button=1):
        self.scroll_into_view(acc)
        x, y = self.settled_point(acc)
        xdotool("mousemove", str(x), str(y))
        xdotool("click", str(button))

    def click_wait(self, role=None, name=None, contains=None, what=None, root=None):
        acc = self.wait_for(role, name, contains, root=root, what=what)
        self.click(acc)
        return acc

    def type_into(self, acc, text, secret=False):
        """Clicks into a text field and types. The click and the keys reach
        the application in order, through the same X connection."""
        self.click(acc)
        before = len(text_of(acc))
        type_text(text)
        if secret:
            # Shown as dots: count them.
            wait_until(lambda: len(text_of(acc)) >= before + len(text),
                       f"{name_of(acc)!r} to take the {len(text)} typed characters")
        else:
            wait_until(lambda: text.split("\n")[-1] in text_of_deep(acc),
                       f"{name_of(acc)!r} to show what was typed ({text!r})")

    # -- pictures --

    def screenshot(self, step):
        """The app's windows into screenshots/e2e-LANG-SCENARIO-NN-STEP.png."""
        self.step += 1
        log(f"step {self.step}: {step}")
        if self.gdk_display is None:
            Gdk.init([])
            self.gdk_display = Gdk.Display.get_default()
        if self.gdk_display is None:
            return None
        # Let the X server finish drawing what the app sent.
        self.gdk_display.sync()
        wins = self.x_windows() if self.proc and self.proc.poll() is None else []
        root = Gdk.get_default_root_window()
        if wins:
            x0 = max(0, min(w[1] for w in wins))
            y0 = max(0, min(w[2] for w in wins))
            x1 = min(root.get_width(), max(w[1] + w[3] for w in wins))
            y1 = min(root.get_height(), max(w[2] + w[4] for w in wins))
        else:
            x0, y0, x1, y1 = 0, 0, root.get_width(), root.get_height()
        pixbuf = Gdk.pixbuf_get_from_window(root, x0, y0, x1 - x0, y1 - y0)
        path = os.path.join(self.shots,
                            f"e2e-{self.lang}-{self.scenario}-{self.step:02d}-{step}.png")
        if pixbuf is not None:
            pixbuf.savev(path, "png", [], [])
        return path

    # -- the command line tool, on the same desk --

    def cli(self, *args, check=True, input=None):
        cmd = [os.path.join(self.builddir, "src", "cli", "meldpunt-cli"),
               "--database", self.db, "--passphrase-file", self.pwfile, *args]
        r = subprocess.run(cmd, env=self.env, capture_output=True, text=True, timeout=120,
                           input=input)
        if check and r.returncode != 0:
            raise E2EFailure(f"meldpunt-cli {' '.join(args)} failed ({r.returncode}): {r.stderr}")
        return r

    def cli_json(self, *args):
        return json.loads(self.cli(*args).stdout)


def text_of_deep(acc):
    """The text of a widget and of the widgets inside it."""
    return " ".join(text_of(a) for a in walk(acc, max_depth=8))


# --- the test runner -------------------------------------------------------

def run_scenarios(scenarios, argv):
    """argv: BUILDDIR SRCDIR LANG [NAME…]; prints TAP."""
    builddir, srcdir, lang = argv[1], argv[2], argv[3]
    wanted = argv[4:]
    chosen = [(n, f) for n, f in scenarios if not wanted or n in wanted]
    print(f"1..{len(chosen)}", flush=True)
    failed = 0
    for i, (name, func) in enumerate(chosen, 1):
        tmp = tempfile.mkdtemp(prefix=f"meldpunt-e2e-{lang}-{name}-")
        env = setup_environment(builddir, lang, tmp)
        app = App(builddir, srcdir, lang, tmp, env)
        app.scenario = name
        started = time.monotonic()
        try:
            func(app)
            print(f"ok {i} {lang}/{name} ({time.monotonic() - started:.0f} s)", flush=True)
        except Exception as e:  # noqa: BLE001 — every failure is reported as TAP
            failed += 1
            if app.proc is not None and app.proc.poll() is None and "failure" not in str(e):
                try:
                    log(f"screenshot of the failure: {app.screenshot('failure')}")
                except Exception:  # noqa: BLE001 — the report matters more
                    pass
            for line in str(e).splitlines() or [repr(e)]:
                print(f"# {line}")
            if app.proc is not None:
                for line in app.app_log().splitlines()[-30:]:
                    print(f"# app: {line}")
            print(f"not ok {i} {lang}/{name}: {type(e).__name__}: "
                  f"{str(e).splitlines()[0] if str(e) else ''}", flush=True)
        finally:
            app.kill()
            shutil.rmtree(tmp, ignore_errors=True)
    return 1 if failed else 0
