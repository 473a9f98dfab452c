"""Fault-injecting command oracles for the tests: each a small Python script in a temporary folder.

`faulty(tmp_path, fault)` writes the script of one fault and returns its command line. The scripts that
answer start from the reference answer (the model, run in the script) and spoil it
the way their name says; the others crash, hang, or print something that is not an answer. Every
script records its pid (and its child's) in `pids.txt` next to it, so a test can check that nothing
it started is left behind.
"""

from __future__ import annotations

import os
import sys
import textwrap
import time
from pathlib import Path

import psutil

PRELUDE = """\
import json, os, random, subprocess, sys, time
HERE = os.path.dirname(os.path.abspath(__file__))
with open(os.path.join(HERE, "pids.txt"), "a") as pids:
    pids.write(f"{os.getpid()}\\n")
raw = sys.stdin.buffer.read()
request = json.loads(raw)


def reference():
    from aks_backup_conformance.oracles.wire import outcome_document, read_request
    from aks_backup_model.evaluate import evaluate
    asked = read_request(request)
    return outcome_document(evaluate(asked.environment, asked.operation))


def say(answer, code=0):
    print(json.dumps(answer))
    sys.exit(code)
"""

FAULTS: dict[str, str] = {
    "crash": """
        sys.stderr.write("Traceback (most recent call last):\\nKeyError: 'cluster'\\n")
        sys.exit(1)
    """,
    "hang-with-child": """
        child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(120)"])
        with open(os.path.join(HERE, "pids.txt"), "a") as pids:
            pids.write(f"{child.pid}\\n")
        sys.stderr.write("waiting for the cluster...\\n")
        sys.stderr.flush()
        time.sleep(120)
    """,
    "exits-leaving-a-child-on-stdout": """
        child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(120)"])
        with open(os.path.join(HERE, "pids.txt"), "a") as pids:
            pids.write(f"{child.pid}\\n")
        sys.exit(0)
    """,
    "garbage": """
        print("Everything looks fine!")
    """,
    "non-utf8": """
        sys.stdout.buffer.write(b'{"question": "evaluate", "operation": "\\xff\\xfe"}')
    """,
    "unknown-id": """
        answer = reference()
        answer["findings"].append({"statement": "SM-XXX-99", "effect": "warns", "subject": "cluster", "message": "?"})
        answer.pop("status", None)
        say(answer)
    """,
    "wrong-operation": """
        answer = reference()
        answer["operation"] = "restore" if answer["operation"] != "restore" else "configure_backup"
        say(answer)
    """,
    "wrong-edition": """
        answer = reference()
        answer["edition"] = "2026-01-06" if answer["edition"] != "2026-01-06" else "2025-06-10"
        say(answer)
    """,
    "empty-plans": """
        answer = reference()
        answer["volumes"] = []
        answer["namespaces"] = []
        say(answer)
    """,
    "no-plan-keys": """
        answer = reference()
        del answer["volumes"], answer["namespaces"]
        say(answer)
    """,
    "opposite-status": """
        answer = reference()
        answer.pop("status", None)
        blocking = [f for f in answer["findings"] if f["effect"] in ("blocks", "not_covered")]
        if blocking:
            answer["findings"] = [f for f in answer["findings"] if f not in blocking]
        else:
            answer["findings"].append(
                {"statement": "SM-SUP-05", "effect": "blocks", "subject": "cluster.identity", "message": "no"}
            )
        say(answer, 3 if not blocking else 0)
    """,
    "random": """
        # Answers at random, and differently from one call to the next: seeded by the run (argv[1]) and
        # by a count of the calls so far, so that a run is the same every time.
        count_file = os.path.join(HERE, "calls.txt")
        calls = int(open(count_file).read()) if os.path.exists(count_file) else 0
        open(count_file, "w").write(str(calls + 1))
        rng = random.Random(f"{sys.argv[1]}-{calls}")
        kind = request["operation"]["kind"]
        findings = [{"statement": "SM-SUP-05", "effect": "blocks", "subject": "cluster.identity", "message": "?"}]
        say({"schema_version": "1.0", "question": "evaluate", "operation": kind, "edition": request["edition"],
             "findings": findings if rng.random() < 0.5 else [], "volumes": [], "namespaces": []})
    """,
}


def faulty(folder: Path, fault: str, *arguments: str) -> list[str]:
    """The command line of the fault-injecting oracle `fault`, written into `folder`."""
    folder.mkdir(parents=True, exist_ok=True)
    script = folder / f"oracle_{fault.replace('-', '_')}.py"
    script.write_text(PRELUDE + textwrap.dedent(FAULTS[fault]), encoding="utf-8")
    return [sys.executable, str(script), *arguments]


def started(folder: Path) -> list[int]:
    """The pids the oracles in `folder` recorded."""
    pids = folder / "pids.txt"
    return [int(line) for line in pids.read_text().split()] if pids.exists() else []


def left_behind(folder: Path, wait: float = 2.0) -> list[str]:
    """The processes the oracles in `folder` started that still run (zombies of ours count as gone)."""
    deadline = time.monotonic() + wait
    while True:
        alive = []
        for pid in started(folder):
            try:
                process = psutil.Process(pid)
                if process.status() != psutil.STATUS_ZOMBIE:
                    alive.append(f"{pid} {' '.join(process.cmdline())}")
            except psutil.NoSuchProcess:
                continue
        if not alive or time.monotonic() > deadline:
            return alive
        time.sleep(0.05)


def cleanup(folder: Path) -> None:
    """Kill what a failed test left behind, so one failure does not leave processes running."""
    for pid in started(folder):
        try:
            process = psutil.Process(pid)
            command = " ".join(process.cmdline())
            if pid != os.getpid() and (str(folder) in command or "time.sleep(120)" in command):
                process.kill()
        except psutil.Error:
            continue
