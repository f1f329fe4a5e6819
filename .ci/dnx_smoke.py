#!/usr/bin/env python3
"""Pack the tool, run it through `dotnet dnx` against the emulator, and check an MCP session.

Catches what unit tests cannot: a missing install step, a package that does not start, stdout noise.
Usage: python3 .ci/dnx_smoke.py   (from the repository root)
"""
import json, os, shutil, signal, subprocess, sys, tempfile, threading, time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TIMEOUT = 120


def fail(msg):
    print(f"dnx smoke: FAIL: {msg}", flush=True)
    sys.exit(1)


def main():
    work = tempfile.mkdtemp(prefix="hatchet-dnx-")
    feed = os.path.join(work, "feed")
    version = f"0.1.0-ci.{int(time.time())}"
    subprocess.run(["dotnet", "pack", os.path.join(ROOT, "src", "HatchetMcp"), "-c", "Release",
                    "-o", feed, f"-p:Version={version}", "--artifacts-path", os.path.join(work, "art")],
                   check=True, stdout=sys.stderr, stderr=sys.stderr)
    dnx = ["dotnet", "dnx", "--add-source", feed, f"HatchetMcp@{version}", "--yes", "--"]

    # 1. The packaged tool's own emulator verb prints the two lines a shell can eval.
    # dnx runs the tool as a child process: start each in its own process group so stopping it stops the tool too.
    emu = subprocess.Popen(dnx + ["emulator", "--port", "0"], stdout=subprocess.PIPE,
                           stderr=subprocess.DEVNULL, text=True, start_new_session=True)
    srv = None
    try:
        env = dict(os.environ)
        lines = [emu.stdout.readline().strip() for _ in range(2)]
        for line in lines:
            if "=" not in line:
                fail(f"emulator printed {line!r}, expected NAME=value")
            k, v = line.split("=", 1)
            env[k] = v
        if set(k.split("=", 1)[0] for k in lines) != {"HATCHET_API_BASE", "HATCHET_CLIENT_TOKEN"}:
            fail("emulator did not print HATCHET_API_BASE and HATCHET_CLIENT_TOKEN")
        token = env["HATCHET_CLIENT_TOKEN"]

        # 2. The packaged server over stdio.
        srv = subprocess.Popen(dnx, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True, env=env, start_new_session=True)
        stderr_chunks = []
        threading.Thread(target=lambda: stderr_chunks.append(srv.stderr.read()), daemon=True).start()
        stdout_lines = []

        def call(msg_id, method, params):
            srv.stdin.write(json.dumps({"jsonrpc": "2.0", "id": msg_id, "method": method, "params": params}) + "\n")
            srv.stdin.flush()
            deadline = time.time() + TIMEOUT
            while time.time() < deadline:
                line = srv.stdout.readline()
                if not line:
                    fail(f"server closed stdout while waiting for {method}")
                stdout_lines.append(line)
                msg = json.loads(line)  # every stdout line must be JSON-RPC
                if msg.get("id") == msg_id:
                    if "error" in msg:
                        fail(f"{method} answered error {msg['error']}")
                    return msg["result"]
            fail(f"no answer to {method}")

        init = call(1, "initialize", {"protocolVersion": "2025-06-18", "capabilities": {},
                                      "clientInfo": {"name": "ci-smoke", "version": "1"}})
        if init.get("serverInfo", {}).get("name") != "hatchet-mcp":
            fail(f"unexpected serverInfo {init.get('serverInfo')}")
        srv.stdin.write(json.dumps({"jsonrpc": "2.0", "method": "notifications/initialized"}) + "\n")
        srv.stdin.flush()
        tools = [t["name"] for t in call(2, "tools/list", {})["tools"]]
        for name in ["whoami", "list_runs", "get_run", "replay_runs"]:
            if name not in tools:
                fail(f"tools/list lacks {name}: {tools}")
        who = call(3, "tools/call", {"name": "whoami", "arguments": {}})
        text = "".join(c.get("text", "") for c in who.get("content", []))
        if who.get("isError") or env["HATCHET_API_BASE"] not in text:
            fail(f"whoami did not answer with the API base: {text[:300]}")
        srv.stdin.close()
        srv.wait(timeout=30)
        everything = "".join(stdout_lines) + "".join(stderr_chunks)
        if token in everything or token.split(".")[1] in everything:
            fail("the token appeared in the server's output")
        print(f"dnx smoke: ok ({len(tools)} tools; whoami answered)", flush=True)
    finally:
        if srv is not None and srv.poll() is None:
            stop_group(srv)
        stop_group(emu)
        shutil.rmtree(work, ignore_errors=True)


def stop_group(process):
    try:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=10)
    except (ProcessLookupError, subprocess.TimeoutExpired):
        try:
            os.killpg(process.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass


if __name__ == "__main__":
    main()
