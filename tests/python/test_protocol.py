"""cloudlab's Jupyter messaging protocol, checked with jupyter_client over real ZeroMQ.

Each test talks to the real binary started by a KernelManager from the installed
kernelspec (see conftest.py). The checks follow the messaging spec (5.3+):
kernel_info on shell and control, busy/idle and execute_input around every
execute, execution counts, silent / store_history, signatures, interrupt,
shutdown with restart, comm_info, history, is_complete, complete and inspect.
"""

from __future__ import annotations

import json
import time
from queue import Empty
from typing import Any

import pytest
import zmq
from jupyter_client.manager import KernelManager
from jupyter_client.session import Session

TIMEOUT = 15


# --------------------------------------------------------------------------- helpers


def start_kernel() -> tuple[KernelManager, Any]:
    km = KernelManager(kernel_name="cloudlab")
    km.start_kernel()
    kc = km.client()
    kc.start_channels()
    kc.wait_for_ready(timeout=TIMEOUT)
    return km, kc


def stop_kernel(km: KernelManager, kc: Any) -> None:
    kc.stop_channels()
    if km.is_alive():
        km.shutdown_kernel(now=False)


@pytest.fixture(scope="module")
def kernel():
    km, kc = start_kernel()
    yield km, kc
    stop_kernel(km, kc)


@pytest.fixture()
def kc(kernel):
    _, client = kernel
    drain(client)
    return client


@pytest.fixture()
def fresh_kernel():
    """A kernel of its own, for tests that shut it down or change its state."""
    km, client = start_kernel()
    yield km, client
    stop_kernel(km, client)


def drain(kc: Any) -> None:
    for channel in (kc.shell_channel, kc.iopub_channel, kc.control_channel):
        while True:
            try:
                channel.get_msg(timeout=0.05)
            except Empty:
                break


def shell_reply(kc: Any, msg_id: str, timeout: float = TIMEOUT) -> dict:
    deadline = time.monotonic() + timeout
    while True:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise AssertionError(f"no shell reply to {msg_id}")
        msg = kc.get_shell_msg(timeout=remaining)
        if msg["parent_header"].get("msg_id") == msg_id:
            return msg


def control_request(kc: Any, msg_type: str, content: dict | None = None,
                    timeout: float = TIMEOUT) -> dict:
    msg = kc.session.msg(msg_type, content or {})
    kc.control_channel.send(msg)
    deadline = time.monotonic() + timeout
    while True:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise AssertionError(f"no control reply to {msg_type}")
        reply = kc.control_channel.get_msg(timeout=remaining)
        if reply["parent_header"].get("msg_id") == msg["header"]["msg_id"]:
            return reply


def iopub_for(kc: Any, msg_id: str, timeout: float = TIMEOUT) -> list[dict]:
    """All iopub messages whose parent is msg_id, up to and including status idle."""
    out: list[dict] = []
    deadline = time.monotonic() + timeout
    while True:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise AssertionError(f"no idle status for {msg_id}; got {[m['msg_type'] for m in out]}")
        msg = kc.get_iopub_msg(timeout=remaining)
        if msg["parent_header"].get("msg_id") != msg_id:
            continue
        out.append(msg)
        if msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle":
            return out


def execute(kc: Any, code: str, **kw: Any) -> tuple[dict, list[dict]]:
    """Run one cell; return (execute_reply, iopub messages for it)."""
    msg_id = kc.execute(code, **kw)
    reply = shell_reply(kc, msg_id)
    msgs = iopub_for(kc, msg_id)
    return reply, msgs


def outputs(msgs: list[dict]) -> list[dict]:
    return [m for m in msgs if m["msg_type"] not in ("status", "execute_input")]


def stdout_text(msgs: list[dict]) -> str:
    return "".join(m["content"]["text"] for m in msgs
                   if m["msg_type"] == "stream" and m["content"]["name"] == "stdout")


def next_count(kc: Any) -> int:
    """The execution count the next stored cell will get (from a harmless probe)."""
    reply, _ = execute(kc, "echo probe")
    return reply["content"]["execution_count"] + 1


# --------------------------------------------------------------------------- kernel_info


def check_kernel_info(content: dict) -> None:
    assert content["status"] == "ok"
    major, minor = (int(x) for x in content["protocol_version"].split(".")[:2])
    assert (major, minor) >= (5, 3), content["protocol_version"]
    assert content["implementation"] == "cloudlab"
    assert content["implementation_version"]
    li = content["language_info"]
    assert li["name"] == "cloudlab"
    assert li["file_extension"] == ".cloudlab"
    for key in ("version", "mimetype"):
        assert isinstance(li.get(key), str) and li[key], key
    assert li.get("codemirror_mode") or li.get("pygments_lexer")
    links = content["help_links"]
    assert links, "help_links is empty"
    for link in links:
        assert link["text"] and link["url"]


def test_kernel_info_on_shell(kc):
    reply = kc.kernel_info(reply=True, timeout=TIMEOUT)
    check_kernel_info(reply["content"])


def test_kernel_info_on_control(kc):
    reply = control_request(kc, "kernel_info_request")
    assert reply["msg_type"] == "kernel_info_reply"
    check_kernel_info(reply["content"])


def test_heartbeat(kc):
    assert kc.hb_channel.is_beating()


# --------------------------------------------------------------------------- execute


def test_execute_ok_status_and_execute_input(kc):
    reply, msgs = execute(kc, "echo hello, world")
    assert reply["content"]["status"] == "ok"
    count = reply["content"]["execution_count"]
    # busy first, idle last, execute_input echoing the code with the same count
    assert msgs[0]["msg_type"] == "status"
    assert msgs[0]["content"]["execution_state"] == "busy"
    assert msgs[-1]["content"]["execution_state"] == "idle"
    inputs = [m for m in msgs if m["msg_type"] == "execute_input"]
    assert len(inputs) == 1
    assert inputs[0]["content"]["code"] == "echo hello, world"
    assert inputs[0]["content"]["execution_count"] == count
    assert "hello, world" in stdout_text(msgs)


def test_execution_count_increases(kc):
    counts = [execute(kc, f"echo {i}")[0]["content"]["execution_count"] for i in range(3)]
    assert counts == [counts[0], counts[0] + 1, counts[0] + 2]


def test_execute_error(kc):
    reply, msgs = execute(kc, "nosuchcommand --flag 1")
    content = reply["content"]
    assert content["status"] == "error"
    assert content["ename"] == "UnknownCommand"
    assert "nosuchcommand" in content["evalue"]
    assert isinstance(content["traceback"], list) and content["traceback"]
    assert all(isinstance(line, str) for line in content["traceback"])
    errors = [m for m in msgs if m["msg_type"] == "error"]
    assert len(errors) == 1
    assert errors[0]["content"]["ename"] == "UnknownCommand"
    assert errors[0]["content"]["evalue"] == content["evalue"]


def test_unknown_command_suggests_closest(kc):
    reply, _ = execute(kc, "ecco hi")
    content = reply["content"]
    assert content["ename"] == "UnknownCommand"
    assert "echo" in content["evalue"] + "\n".join(content["traceback"])


def test_error_counts_and_stops_the_cell(kc):
    before = next_count(kc)
    reply, msgs = execute(kc, "echo first\nnosuchcommand\necho never")
    assert reply["content"]["status"] == "error"
    text = stdout_text(msgs)
    assert "first" in text and "never" not in text
    # a failed cell still takes an execution count
    after = next_count(kc)
    assert after == before + 2


def test_display_data_mime_bundle(kc):
    reply, msgs = execute(kc, "regions")
    assert reply["content"]["status"] == "ok"
    displays = [m for m in msgs if m["msg_type"] == "display_data"]
    assert displays, [m["msg_type"] for m in msgs]
    data = displays[0]["content"]["data"]
    for mime in ("text/plain", "text/html", "text/markdown"):
        assert mime in data, mime
    assert "ap-northeast-2" in data["text/plain"]


def test_output_json(kc):
    reply, msgs = execute(kc, "regions --output json")
    assert reply["content"]["status"] == "ok"
    displays = [m for m in msgs if m["msg_type"] == "display_data"]
    assert displays
    value = displays[0]["content"]["data"]["application/json"]
    # the bundle's JSON is a JSON value, not a string holding JSON
    assert isinstance(value, (dict, list))
    assert "ap-northeast-2" in json.dumps(value)


def test_silent_execute(kc):
    before = next_count(kc)
    reply, msgs = execute(kc, "echo should-not-appear", silent=True)
    assert reply["content"]["status"] == "ok"
    kinds = [m["msg_type"] for m in msgs]
    assert "execute_input" not in kinds
    assert outputs(msgs) == [], kinds
    assert next_count(kc) == before + 1  # only the probe counted


def test_store_history_false(kc):
    before = next_count(kc)
    reply, msgs = execute(kc, "echo visible", store_history=False)
    assert reply["content"]["status"] == "ok"
    assert "visible" in stdout_text(msgs)
    assert next_count(kc) == before + 1


def test_session_state_persists_between_cells(kc):
    reply, _ = execute(kc, "region ap-northeast-2")
    assert reply["content"]["status"] == "ok"
    reply, msgs = execute(kc, "region")
    assert reply["content"]["status"] == "ok"
    shown = stdout_text(msgs) + json.dumps([m["content"] for m in outputs(msgs)])
    assert "ap-northeast-2" in shown


# --------------------------------------------------------------------------- signatures


def _raw_shell_socket(km: KernelManager) -> tuple[zmq.Context, zmq.Socket]:
    ctx = zmq.Context()
    sock = ctx.socket(zmq.DEALER)
    sock.setsockopt(zmq.LINGER, 0)
    sock.connect(f"{km.transport}://{km.ip}:{km.shell_port}")
    return ctx, sock


def _send_and_wait(sock: zmq.Socket, session: Session, code: str,
                   wait: float) -> dict | None:
    session.send(sock, "execute_request",
                 {"code": code, "silent": False, "store_history": True,
                  "user_expressions": {}, "allow_stdin": False, "stop_on_error": True})
    if sock.poll(int(wait * 1000)):
        idents, msg = session.feed_identities(sock.recv_multipart())
        return session.deserialize(msg, content=True)
    return None


@pytest.mark.parametrize("key", [b"not-the-kernel-key", b""], ids=["forged", "missing"])
def test_bad_signature_is_ignored(fresh_kernel, key):
    km, client = fresh_kernel
    before = next_count(client)
    ctx, sock = _raw_shell_socket(km)
    try:
        # Positive control: the same raw socket with the right key is answered.
        good = Session(key=km.session.key, signature_scheme="hmac-sha256")
        reply = _send_and_wait(sock, good, "echo raw-ok", wait=TIMEOUT)
        assert reply is not None and reply["content"]["status"] == "ok"
        assert reply["content"]["execution_count"] == before

        bad = Session(key=key, signature_scheme="hmac-sha256")
        assert _send_and_wait(sock, bad, "echo FORGED", wait=1.0) is None
    finally:
        sock.close()
        ctx.term()
    # The kernel lives on, never ran the forged cell and did not count it.
    reply, msgs = execute(client, "echo still-alive")
    assert reply["content"]["status"] == "ok"
    assert "still-alive" in stdout_text(msgs)
    # counts: the raw well-signed cell took `before`, this one takes the next
    assert reply["content"]["execution_count"] == before + 1
    drain(client)


# --------------------------------------------------------------------------- interrupt


def _long_command(kc: Any) -> str:
    """A command that runs for minutes unless interrupted."""
    reply, _ = execute(kc, "sleep 0")
    if reply["content"]["status"] == "ok":
        return "sleep 60"
    return ("simulate replication --duration 2h --write-rate 10000 "
            "--engines rds-mysql,aurora-mysql")


def test_interrupt_stops_long_command_quickly(fresh_kernel):
    km, client = fresh_kernel
    code = _long_command(client)
    msg_id = client.execute(code)
    # wait until the kernel is busy with it, and a little more
    while True:
        msg = client.get_iopub_msg(timeout=TIMEOUT)
        if msg["parent_header"].get("msg_id") == msg_id and msg["msg_type"] == "execute_input":
            break
    time.sleep(0.3)
    sent = time.monotonic()
    interrupt = client.session.msg("interrupt_request", {})
    client.control_channel.send(interrupt)
    reply = shell_reply(client, msg_id, timeout=10)
    elapsed = time.monotonic() - sent
    assert reply["content"]["status"] == "error"
    assert "Interrupt" in reply["content"]["ename"], reply["content"]["ename"]
    assert elapsed < 0.1, f"interrupt took {elapsed * 1000:.1f} ms"
    ireply = client.control_channel.get_msg(timeout=TIMEOUT)
    assert ireply["msg_type"] == "interrupt_reply"
    assert ireply["content"]["status"] == "ok"
    # the session survives and the next cell works
    iopub_for(client, msg_id)
    reply, msgs = execute(client, "echo after-interrupt")
    assert reply["content"]["status"] == "ok"
    assert "after-interrupt" in stdout_text(msgs)


def test_interrupt_keeps_session_state(fresh_kernel):
    km, client = fresh_kernel
    execute(client, "region ap-northeast-2")
    code = _long_command(client)
    msg_id = client.execute(code)
    time.sleep(0.5)
    km.interrupt_kernel()  # interrupt_mode "message": goes over control
    reply = shell_reply(client, msg_id, timeout=10)
    assert reply["content"]["status"] == "error"
    iopub_for(client, msg_id)
    reply, msgs = execute(client, "region")
    shown = stdout_text(msgs) + json.dumps([m["content"] for m in outputs(msgs)])
    assert "ap-northeast-2" in shown


# --------------------------------------------------------------------------- shutdown


def test_shutdown_with_restart_reply_and_exit(fresh_kernel):
    km, client = fresh_kernel
    reply = control_request(client, "shutdown_request", {"restart": True})
    assert reply["msg_type"] == "shutdown_reply"
    assert reply["content"]["status"] == "ok"
    assert reply["content"]["restart"] is True
    deadline = time.monotonic() + 5
    while km.is_alive() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not km.is_alive(), "kernel process did not exit after shutdown_request"


def test_restart_through_manager(fresh_kernel):
    km, client = fresh_kernel
    execute(client, "echo before-restart")
    km.restart_kernel(now=False)
    client.wait_for_ready(timeout=TIMEOUT)
    drain(client)
    reply, msgs = execute(client, "echo after-restart")
    assert reply["content"]["status"] == "ok"
    assert reply["content"]["execution_count"] == 1
    assert "after-restart" in stdout_text(msgs)


# --------------------------------------------------------------------------- other requests


def test_comm_info_is_empty(kc):
    msg_id = kc.comm_info()
    reply = shell_reply(kc, msg_id)
    assert reply["msg_type"] == "comm_info_reply"
    assert reply["content"]["status"] == "ok"
    assert reply["content"]["comms"] == {}


def test_history_request(kc):
    execute(kc, "echo remembered")
    msg_id = kc.history(hist_access_type="tail", n=50, output=False, raw=True)
    reply = shell_reply(kc, msg_id)
    assert reply["msg_type"] == "history_reply"
    assert reply["content"]["status"] == "ok"
    history = reply["content"]["history"]
    assert isinstance(history, list)
    for entry in history:
        assert len(entry) == 3
    assert "echo remembered" in [entry[2] for entry in history]
    # store_history=False cells stay out of it
    execute(kc, "echo forgotten", store_history=False)
    msg_id = kc.history(hist_access_type="tail", n=50, output=False, raw=True)
    history = shell_reply(kc, msg_id)["content"]["history"]
    assert "echo forgotten" not in [entry[2] for entry in history]


@pytest.mark.parametrize("code,status", [
    ("echo hi", "complete"),
    ("", "complete"),
    ("echo a \\", "incomplete"),
    ("echo 'open", "incomplete"),
    ('echo "open', "incomplete"),
    ("echo 'closed'", "complete"),
    ("echo a \\\necho b", "complete"),
    ("# just a comment", "complete"),
])
def test_is_complete(kc, code, status):
    msg_id = kc.is_complete(code)
    reply = shell_reply(kc, msg_id)
    assert reply["content"]["status"] == status
    if status == "incomplete":
        assert "indent" in reply["content"]


def _complete(kc: Any, code: str, cursor: int | None = None) -> dict:
    msg_id = kc.complete(code, cursor_pos=len(code) if cursor is None else cursor)
    reply = shell_reply(kc, msg_id)
    assert reply["content"]["status"] == "ok"
    return reply["content"]


def test_complete_command_name(kc):
    content = _complete(kc, "ech")
    assert "echo" in content["matches"]
    assert content["cursor_start"] == 0 and content["cursor_end"] == 3


def test_complete_offsets_on_second_line(kc):
    code = "echo hi\nregio"
    content = _complete(kc, code)
    assert {"region", "regions"} <= set(content["matches"])
    assert content["cursor_start"] == len("echo hi\n")
    assert content["cursor_end"] == len(code)


def test_complete_offsets_count_code_points(kc):
    # Jupyter counts cursor positions in Unicode code points, not bytes.
    code = "echo 서울 東京\nregio"
    content = _complete(kc, code)
    assert "region" in content["matches"]
    assert content["cursor_start"] == len("echo 서울 東京\n")
    assert content["cursor_end"] == len(code)


def test_complete_in_the_middle(kc):
    code = "ech hello"
    content = _complete(kc, code, cursor=3)
    assert "echo" in content["matches"]
    assert content["cursor_start"] == 0
    assert content["cursor_end"] in (3, 4)  # up to the cursor or the end of the word


def test_complete_region_names(kc):
    content = _complete(kc, "region ap-northeast-")
    assert "ap-northeast-2" in content["matches"]
    assert content["cursor_start"] == len("region ")


def test_inspect_found(kc):
    msg_id = kc.inspect("help", cursor_pos=2)
    reply = shell_reply(kc, msg_id)
    assert reply["content"]["status"] == "ok"
    assert reply["content"]["found"] is True
    assert reply["content"]["data"].get("text/plain")


def test_inspect_command_help(kc):
    msg_id = kc.inspect("regions", cursor_pos=len("regions"))
    reply = shell_reply(kc, msg_id)
    assert reply["content"]["found"] is True
    assert "regions" in reply["content"]["data"]["text/plain"]


def test_inspect_not_found(kc):
    msg_id = kc.inspect("zzzqqq", cursor_pos=3)
    reply = shell_reply(kc, msg_id)
    assert reply["content"]["status"] == "ok"
    assert reply["content"]["found"] is False
    assert reply["content"]["data"] == {}


# --------------------------------------------------------------------------- hostile clients


def _raw_frames(key: bytes, header: dict, content: bytes) -> list[bytes]:
    """A hand-built, correctly signed multipart message with arbitrary content bytes."""
    import hmac
    import hashlib
    parts = [json.dumps(header).encode(), b"{}", b"{}", content]
    sig = hmac.new(key, digestmod=hashlib.sha256)
    for p in parts:
        sig.update(p)
    return [b"<IDS|MSG>", sig.hexdigest().encode(), *parts]


def test_hostile_messages_leave_kernel_alive(fresh_kernel):
    km, client = fresh_kernel
    execute(client, "region eu-west-1")
    before = next_count(client)
    key = km.session.key
    ctx, sock = _raw_shell_socket(km)
    header = {"msg_id": "hostile-1", "username": "x", "session": "s", "date": "",
              "msg_type": "execute_request", "version": "5.3"}
    try:
        # truncated multipart frames (delimiter and signature only)
        sock.send_multipart([b"<IDS|MSG>", b"0" * 64])
        # signed, but the content is not JSON
        sock.send_multipart(_raw_frames(key, header, b"{not json"))
        # signed, but the header is not JSON
        bad = _raw_frames(key, header, b"{}")
        bad[2] = b"\xff\xfe"
        sock.send_multipart(bad)
        # signed, well-formed, unknown msg_type
        unknown = dict(header, msg_id="hostile-2", msg_type="no_such_request")
        sock.send_multipart(_raw_frames(key, unknown, b"{}"))
        # a forged execute that would change the region
        forged = Session(key=b"wrong", signature_scheme="hmac-sha256")
        forged.send(sock, "execute_request", {"code": "region us-east-1", "silent": False})
        # a huge (8 MiB) signed execute_request: answered or refused, never fatal
        big = json.dumps({"code": "echo " + "x" * (8 << 20), "silent": True}).encode()
        sock.send_multipart(_raw_frames(key, dict(header, msg_id="hostile-3"), big))
        time.sleep(1.0)
    finally:
        sock.close()
        ctx.term()
    assert km.is_alive()
    reply, msgs = execute(client, "region")
    assert reply["content"]["status"] == "ok"
    shown = stdout_text(msgs) + json.dumps([m["content"] for m in outputs(msgs)])
    assert "eu-west-1" in shown and "us-east-1" not in shown
    # none of the hostile messages ran as a stored cell
    assert reply["content"]["execution_count"] == before


def test_same_msg_id_with_new_signature_is_not_a_replay(kc):
    """jupyter_client clones its Session for every client (Session.clone): the clones
    share the session id and restart the message counter, so a KernelManager and its
    client send different messages with equal msg_ids (e.g. the manager's
    shutdown_request and the client's first execute_request). Only a message whose
    signature was seen before is a replay, as in jupyter_client's digest_history."""
    first = kc.session.msg("kernel_info_request", {})
    kc.control_channel.send(first)
    reply = kc.control_channel.get_msg(timeout=TIMEOUT)
    assert reply["parent_header"]["msg_id"] == first["header"]["msg_id"]
    time.sleep(0.01)  # a new header date, so a new signature
    again = kc.session.msg("kernel_info_request", {})
    again["header"]["msg_id"] = again["msg_id"] = first["header"]["msg_id"]
    kc.control_channel.send(again)
    reply = kc.control_channel.get_msg(timeout=TIMEOUT)
    assert reply["msg_type"] == "kernel_info_reply"


def test_manager_shutdown_is_graceful_after_client_traffic(fresh_kernel):
    km, client = fresh_kernel
    for i in range(3):
        execute(client, f"echo {i}")
    client.stop_channels()
    started = time.monotonic()
    km.shutdown_kernel(now=False)  # shutdown_request on control, then wait for exit
    took = time.monotonic() - started
    assert took < 1.5, f"kernel did not obey shutdown_request ({took:.2f} s: killed after a timeout?)"


def test_exact_replay_is_dropped(fresh_kernel):
    km, client = fresh_kernel
    before = next_count(client)
    ctx, sock = _raw_shell_socket(km)
    try:
        session = Session(key=km.session.key, signature_scheme="hmac-sha256")
        msg = session.msg("execute_request", {"code": "echo once", "silent": False,
                                              "store_history": True, "user_expressions": {},
                                              "allow_stdin": False, "stop_on_error": True})
        frames = session.serialize(msg)
        sock.send_multipart(frames)
        assert sock.poll(TIMEOUT * 1000), "no reply to the original"
        first = session.deserialize(session.feed_identities(sock.recv_multipart())[1])
        assert first["content"]["execution_count"] == before
        sock.send_multipart(frames)  # byte-for-byte the same message again
        assert not sock.poll(1000), "the replayed message was answered"
    finally:
        sock.close()
        ctx.term()
    reply, _ = execute(client, "echo after-replay")
    assert reply["content"]["execution_count"] == before + 1


@pytest.mark.parametrize("stop_on_error", [True, False])
def test_stop_on_error_aborts_queued_cells(kc, stop_on_error):
    """Run All in a notebook sends every cell at once; after a failing cell the queued
    ones must be aborted (status 'aborted', nothing run) when stop_on_error is set,
    as ipykernel does, and run when it is not."""
    first = kc.execute("sleep 0.2", stop_on_error=stop_on_error)
    failing = kc.execute("nosuchcommand", stop_on_error=stop_on_error)
    queued = kc.execute("echo queued-cell", stop_on_error=stop_on_error)
    replies = {}
    for msg_id in (first, failing, queued):
        replies[msg_id] = shell_reply(kc, msg_id)["content"]
    assert replies[first]["status"] == "ok"
    assert replies[failing]["status"] == "error"
    seen = [m for mid in (first, failing) for m in iopub_for(kc, mid)]
    if replies[queued]["status"] == "ok":
        seen += iopub_for(kc, queued)
    else:  # an aborted request may or may not get busy/idle: take what comes
        deadline = time.monotonic() + 0.5
        while time.monotonic() < deadline:
            try:
                seen.append(kc.get_iopub_msg(timeout=0.1))
            except Empty:
                pass
    text = stdout_text(seen)
    if stop_on_error:
        assert replies[queued]["status"] in ("aborted", "abort"), replies[queued]
        assert "queued-cell" not in text
    else:
        assert replies[queued]["status"] == "ok"
        assert "queued-cell" in text
