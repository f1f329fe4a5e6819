#!/usr/bin/env python3
"""Pack the tool as it would ship, run it through `dotnet dnx` against the emulator, and check an MCP session.

One `dotnet pack` makes three packages: HatchetMcp (the top-level package dnx resolves), HatchetMcp.linux-x64 (Native
AOT) and HatchetMcp.any (framework-dependent, every other platform). This checks what each carries, and that on a
linux-x64 machine the process dnx starts is the native binary (no `dotnet` host loading hatchet-mcp.dll).
Catches what unit tests cannot: a missing install step, a package that does not start, stdout noise.
Usage: python3 .ci/dnx_smoke.py   (from the repository root)
"""
import glob, json, os, platform, shutil, signal, subprocess, sys, tempfile, threading, time, zipfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TIMEOUT = 120


def fail(msg):
    print(f"dnx smoke: FAIL: {msg}", flush=True)
    sys.exit(1)


def main():
    work = tempfile.mkdtemp(prefix="hatchet-dnx-")
    feed = os.path.join(work, "feed")
    version = f"0.1.0-ci.{int(time.time())}"
    started = time.time()
    subprocess.run(["dotnet", "pack", os.path.join(ROOT, "src", "HatchetMcp"), "-c", "Release",
                    "-o", feed, f"-p:Version={version}", "--artifacts-path", os.path.join(work, "art")],
                   check=True, stdout=sys.stderr, stderr=sys.stderr)
    print(f"dnx smoke: packed in {time.time() - started:.0f} s", flush=True)
    native = platform.system() == "Linux" and platform.machine() in ("x86_64", "AMD64")
    check_packages(feed, version, native)
    dnx = ["dotnet", "dnx", "--add-source", feed, f"HatchetMcp@{version}", "--yes", "--"]

    # 1. The packaged tool's own emulator verb prints the two lines a shell can eval.
    # dnx runs the tool as a child process: start each in its own process group so stopping it stops the tool too.
    emu = subprocess.Popen(dnx + ["emulator", "--port", "0"], stdout=subprocess.PIPE,
                           stderr=subprocess.DEVNULL, text=True, start_new_session=True)
    srv = None
    try:
        env = dict(os.environ)
        env["HATCHET_MCP_TOOLSETS"] = "all"  # the smoke looks for tools beyond the default toolset
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
        if native:
            check_runs_native(srv.pid)
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
        kind = "the Native AOT binary" if native else "the framework-dependent build"
        print(f"dnx smoke: ok ({len(tools)} tools; whoami answered; dnx ran {kind}; "
              f"{time.time() - started:.0f} s in all)", flush=True)
    finally:
        if srv is not None and srv.poll() is None:
            stop_group(srv)
        stop_group(emu)
        shutil.rmtree(work, ignore_errors=True)
        # dnx extracted this run's packages into the NuGet cache; they are never used again.
        cache = os.environ.get("NUGET_PACKAGES") or os.path.expanduser("~/.nuget/packages")
        for folder in glob.glob(os.path.join(cache, "hatchetmcp*", version)):
            shutil.rmtree(folder, ignore_errors=True)


def check_packages(feed, version, native):
    """Each package carries only what it uses: no symbols anywhere, the README and server.json only at the top."""
    def entries(package_id):
        path = os.path.join(feed, f"{package_id}.{version}.nupkg")
        if not os.path.exists(path):
            fail(f"dotnet pack did not make {os.path.basename(path)}; made {sorted(os.listdir(feed))}")
        with zipfile.ZipFile(path) as z:
            return {n: z.read(n) for n in z.namelist()
                    if not n.startswith(("_rels/", "package/")) and n != "[Content_Types].xml" and not n.endswith(".nuspec")}

    top = entries("HatchetMcp")
    if sorted(top) != [".mcp/server.json", "README.md", "tools/any/any/DotnetToolSettings.xml"]:
        fail(f"the top-level package carries {sorted(top)}")
    settings = top["tools/any/any/DotnetToolSettings.xml"].decode("utf-8-sig")
    for rid in ("linux-x64", "any"):
        if f'RuntimeIdentifier="{rid}"' not in settings:
            fail(f"the top-level package does not point to the {rid} package: {settings}")
    server = json.loads(top[".mcp/server.json"])
    versions = {server["version"]} | {p["version"] for p in server["packages"]}
    if versions != {version}:
        fail(f".mcp/server.json says version {sorted(versions)}, the package is {version}")
    token = [v for v in server["packages"][0]["environmentVariables"] if v["name"] == "HATCHET_CLIENT_TOKEN"]
    if not token or not token[0].get("isSecret") or not token[0].get("isRequired"):
        fail(".mcp/server.json does not mark HATCHET_CLIENT_TOKEN required and secret")

    any_files = entries("HatchetMcp.any")
    if "tools/net10.0/any/hatchet-mcp.dll" not in any_files:
        fail(f"the any package lacks hatchet-mcp.dll: {sorted(any_files)}")
    if native:
        rid_files = entries("HatchetMcp.linux-x64")
        if sorted(rid_files) != ["tools/any/linux-x64/DotnetToolSettings.xml", "tools/any/linux-x64/hatchet-mcp"]:
            fail(f"the linux-x64 package should carry the native binary and its settings only: {sorted(rid_files)}")
        if not rid_files["tools/any/linux-x64/hatchet-mcp"].startswith(b"\x7fELF"):
            fail("tools/any/linux-x64/hatchet-mcp is not an ELF binary")
    stray = [n for n in any_files if (n.endswith((".pdb", ".dbg", ".xml")) and not n.endswith("DotnetToolSettings.xml"))
             or "Testing" in os.path.basename(n)]
    if stray:
        fail(f"the any package carries files nothing reads: {stray}")
    sizes = ", ".join(f"{os.path.basename(p)} {os.path.getsize(p) / 1e6:.1f} MB" for p in sorted(glob.glob(os.path.join(feed, "*.nupkg"))))
    print(f"dnx smoke: packages ok ({sizes})", flush=True)


def check_runs_native(dnx_pid):
    """The server dnx started is the native binary: an ELF hatchet-mcp, and no process in the tree loaded hatchet-mcp.dll."""
    tree = [dnx_pid] + descendants(dnx_pid)
    exes = {pid: exe_of(pid) for pid in tree}
    native = [pid for pid, exe in exes.items() if exe and os.path.basename(exe) == "hatchet-mcp"]
    if not native:
        fail(f"no process started by dnx runs a native hatchet-mcp binary: {exes}")
    for pid in tree:
        try:
            with open(f"/proc/{pid}/maps") as maps:
                if "hatchet-mcp.dll" in maps.read():
                    fail(f"process {pid} ({exes[pid]}) loaded hatchet-mcp.dll: dnx ran the JIT build")
        except OSError:
            pass
    with open(exes[native[0]], "rb") as binary:
        if binary.read(4) != b"\x7fELF":
            fail(f"{exes[native[0]]} is not an ELF binary")
    print(f"dnx smoke: dnx runs the native binary {exes[native[0]]}", flush=True)


def descendants(pid):
    children = []
    for task in glob.glob(f"/proc/{pid}/task/*/children"):
        try:
            with open(task) as f:
                children += [int(c) for c in f.read().split()]
        except OSError:
            pass
    return children + [d for c in children for d in descendants(c)]


def exe_of(pid):
    try:
        return os.readlink(f"/proc/{pid}/exe")
    except OSError:
        return None


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
