"""What the scripts driving NAVER's Python SDKs share: the emulator's address and keys from the
environment (all of them), and for those driving every action of one SDK (sdk_vserver.py,
sdk_vpc.py) the steps: one action's
step, its SDK call, polling until a state, and the last line.

Environment: NCLOUD_API_GW (the emulator's origin, required: the scripts never fall back to NCP's
gateway), NCLOUD_ACCESS_KEY, NCLOUD_SECRET_KEY; exit code 2 when one is missing. The SDK packages
read NCLOUD_API_GW once, when their first Configuration() is built: import them after this module.
"""

from __future__ import print_function

import json
import os
import sys
import time
import traceback

GW = os.environ.get("NCLOUD_API_GW", "").rstrip("/")
if not GW:
    # Never fall back to the real NCP gateway from an interop test.
    print("NCLOUD_API_GW is not set (expected e.g. http://127.0.0.1:PORT)", file=sys.stderr)
    sys.exit(2)
os.environ["NCLOUD_API_GW"] = GW
ACCESS_KEY = os.environ.get("NCLOUD_ACCESS_KEY", "")
SECRET_KEY = os.environ.get("NCLOUD_SECRET_KEY", "")
if not ACCESS_KEY or not SECRET_KEY:
    # With an empty access key the SDKs silently send no auth headers, and NcloudKey would fall back
    # to ~/.ncloud/configure: require both explicitly.
    print("NCLOUD_ACCESS_KEY and NCLOUD_SECRET_KEY must be set", file=sys.stderr)
    sys.exit(2)
POLL_S, TIMEOUT_S = 0.05, 30.0


def line(s):
    print(s)
    sys.stdout.flush()


def body_of(e):
    return e.body.decode("utf-8", "replace") if isinstance(e.body, bytes) else e.body


class Steps(object):
    """One SDK package's run: `api` (its V2Api on the emulator), its request models (the package),
    its ApiException; counts what passed and failed, which actions ran, which the emulator did not
    serve (HTTP 404: pending)."""

    def __init__(self, package, exception, path):
        cfg = package.Configuration()
        cfg.access_key, cfg.secret_key = ACCESS_KEY, SECRET_KEY
        assert cfg.host == GW + path, cfg.host
        self.client = package.ApiClient(cfg)
        self.api = package.V2Api(self.client)
        self.models, self.exception, self.api_class = package, exception, package.V2Api
        self.results = {"passed": 0, "failed": 0}
        self.done, self.pending = set(), []

    def request(self, action, **params):
        """The SDK's request model of `action` (snake_case), built from `params`."""
        model = "".join(w.capitalize() for w in action.split("_")) + "Request"
        return getattr(self.models, model)(**params)

    def call(self, action, request=None, **params):
        """The SDK's method for `action` with its request model (built from `params` when none)."""
        resp = getattr(self.api, action)(request if request is not None else self.request(action, **params))
        assert str(resp.return_code) == "0", "returnCode=%r" % resp.return_code
        return resp

    def step(self, action, fn):
        """Runs one action's step: fn() returns a short detail. An action the emulator answers 404
        (not served) is recorded as pending, not failed."""
        try:
            detail = fn()
            self.results["passed"] += 1
            self.done.add(action)
            line("ok %s: %s" % (action, detail))
            return True
        except self.exception as e:
            if e.status == 404:
                self.pending.append(action)
                line("pending %s: the emulator does not serve it (HTTP 404)" % action)
                return False
            self.results["failed"] += 1
            line("FAIL %s: HTTP %s %s" % (action, e.status, body_of(e)))
        except Exception as e:  # noqa: BLE001 - report, keep going
            self.results["failed"] += 1
            tb = traceback.format_exc().strip().splitlines()
            line("FAIL %s: %s: %s [%s]" % (action, type(e).__name__, e, tb[-3].strip() if len(tb) > 2 else ""))
        return False

    def finish(self):
        """The last line, {"passed", "failed", "actions", "total", "pending"} (every V2Api method
        not run is a failure), and the exit: 0 only when nothing failed."""
        total = sorted(n for n in dir(self.api_class) if not n.startswith("_") and not n.endswith("_with_http_info"))
        missing = sorted(set(total) - self.done - set(self.pending))
        if missing:
            line("FAIL coverage: actions of the SDK not run: %s" % ", ".join(missing))
            self.results["failed"] += 1
        summary = dict(self.results, actions=len(self.done & set(total)), total=len(total), pending=self.pending)
        line(json.dumps(summary))
        sys.exit(0 if self.results["failed"] == 0 else 1)


def until(read, want, what):
    """Polls read() until it gives one of `want`."""
    t0, last = time.time(), None
    while time.time() - t0 < TIMEOUT_S:
        last = read()
        if last in want:
            return last
        time.sleep(POLL_S)
    raise AssertionError("%s still %r after %.0f s" % (what, last, TIMEOUT_S))


def first(resp, attr):
    items = getattr(resp, attr)
    assert items, "%s is empty" % attr
    return items[0]
