"""A hostile client over real ZeroMQ (issue 9): forged and missing signatures, truncated
multipart frames, invalid JSON, unknown message types, a huge message and a replayed one.
Each is rejected or answered with an error, the kernel stays up, and the lab is intact
(checked by the same command's output before and after)."""

from __future__ import annotations

import hashlib
import hmac
import json
import time
import uuid

import pytest
import zmq
from jupyter_client.manager import KernelManager

TIMEOUT = 15


def header(msg_type: str, msg_id: str | None = None) -> dict:
    return {
        "msg_id": msg_id or uuid.uuid4().hex,
        "msg_type": msg_type,
        "username": "hostile",
        "session": "hostile-session",
        "date": "2026-12-02T00:00:00.000000Z",
        "version": "5.3",
    }


class Raw:
    """A DEALER socket on the kernel's shell port that sends hand-made frames."""

    def __init__(self, km: KernelManager):
        self.key = km.session.key
        self.ctx = zmq.Context.instance()
        self.sock = self.ctx.socket(zmq.DEALER)
        self.sock.setsockopt(zmq.LINGER, 0)
        self.sock.connect(f"tcp://{km.ip}:{km.shell_port}")

    def sign(self, parts: list[bytes], key: bytes | None = None) -> bytes:
        h = hmac.new(key if key is not None else self.key, digestmod=hashlib.sha256)
        for p in parts:
            h.update(p)
        return h.hexdigest().encode()

    def send_parts(self, parts: list[bytes], signature: bytes | None = None, key: bytes | None = None) -> None:
        sig = signature if signature is not None else self.sign(parts[:4], key)
        self.sock.send_multipart([b"<IDS|MSG>", sig, *parts])

    def message(self, msg_type: str, content: dict, msg_id: str | None = None) -> list[bytes]:
        return [json.dumps(header(msg_type, msg_id)).encode(), b"{}", b"{}", json.dumps(content).encode()]

    def reply(self, timeout: float = 2.0) -> dict | None:
        if not self.sock.poll(int(timeout * 1000)):
            return None
        frames = self.sock.recv_multipart()
        i = frames.index(b"<IDS|MSG>")
        return {
            "header": json.loads(frames[i + 2]),
            "content": json.loads(frames[i + 5]),
        }

    def close(self) -> None:
        self.sock.close()


@pytest.fixture()
def kernel():
    km = KernelManager(kernel_name="cloudlab")
    km.start_kernel()
    kc = km.client()
    kc.start_channels()
    kc.wait_for_ready(timeout=TIMEOUT)
    raw = Raw(km)
    yield km, kc, raw
    raw.close()
    kc.stop_channels()
    km.shutdown_kernel(now=True)


def run(kc, code: str) -> tuple[dict, str]:
    texts: list[str] = []

    def hook(msg):
        c = msg["content"]
        if msg["msg_type"] == "stream":
            texts.append(c["text"])
        elif msg["msg_type"] in ("display_data", "execute_result"):
            texts.append(c["data"].get("text/plain", ""))

    reply = kc.execute_interactive(code, output_hook=hook, timeout=TIMEOUT)
    return reply["content"], "".join(texts)


def test_hostile_messages_are_rejected_and_the_lab_survives(kernel):
    km, kc, raw = kernel
    reply, _ = run(kc, "region ap-northeast-2")
    assert reply["status"] == "ok"
    before = run(kc, "region")[1]

    execute = lambda code: {"code": code, "silent": False, "store_history": True,
                            "user_expressions": {}, "allow_stdin": False, "stop_on_error": True}

    # Forged signature (wrong key) and missing signature: no reply, not executed.
    raw.send_parts(raw.message("execute_request", execute("region eu-west-1")), key=b"wrong-key")
    assert raw.reply() is None
    raw.send_parts(raw.message("execute_request", execute("region eu-west-1")), signature=b"")
    assert raw.reply() is None
    # Truncated multipart frames.
    raw.sock.send_multipart([b"<IDS|MSG>"])
    raw.sock.send_multipart([b"<IDS|MSG>", b"deadbeef", b"{}"])
    raw.sock.send_multipart([b"no delimiter at all"])
    # Invalid JSON, correctly signed.
    raw.send_parts([b"{not json", b"{}", b"{}", b"{}"])
    # Valid header, content of the wrong shape.
    raw.send_parts(raw.message("execute_request", {"code": 42}))
    assert raw.reply(0.5) is None

    # An unknown request type is answered with an error reply.
    raw.send_parts(raw.message("frobnicate_request", {}))
    r = raw.reply()
    assert r is not None and r["header"]["msg_type"] == "frobnicate_reply"
    assert r["content"]["status"] == "error"

    # A huge cell (8 MB) is answered, not fatal.
    raw.send_parts(raw.message("execute_request", execute("echo " + "x" * 8_000_000)))
    r = raw.reply(timeout=30)
    assert r is not None and r["header"]["msg_type"] == "execute_reply"

    # A replayed message (same signed frames twice) runs once.
    parts = raw.message("execute_request", execute("region us-west-2"))
    raw.send_parts(parts)
    first = raw.reply()
    assert first is not None and first["content"]["status"] == "ok"
    raw.send_parts(parts)
    assert raw.reply() is None, "a replayed message must be dropped"
    # Put the region back through the real client and check the lab is as before.
    run(kc, "region ap-northeast-2")

    assert km.is_alive()
    assert run(kc, "region")[1] == before
    reply, text = run(kc, "echo still here")
    assert reply["status"] == "ok" and "still here" in text
