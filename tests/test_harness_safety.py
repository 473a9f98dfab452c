"""The harness talks only to an API server it created, and leaves nothing behind.

- A foreign kubeconfig context, or a kind kubeconfig whose server is not on loopback, is refused before a
  single request (the client's transport is watched).
- A kind cluster of the harness's name that lacks the harness's marker is refused.
- The guarded client refuses a URL on another host.
- A run interrupted half-way through creating its objects deletes what it made; objects without the
  harness label are never deleted.
"""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from kubernetes import client as k8s
from kubernetes.client import rest

from aks_backup_conformance.harness.materialise import KINDS, cleanup, materialised
from aks_backup_conformance.harness.render import HARNESS_LABEL, render
from aks_backup_conformance.harness.targets import (
    EmulatorTarget,
    GuardedApiClient,
    HarnessRefused,
    KindTarget,
)
from aks_backup_conformance.io.load import load_environment

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


@pytest.fixture
def requests_sent(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:
    """Every HTTP request the official client's transport sends during the test."""
    sent: list[tuple[str, str]] = []
    original = rest.RESTClientObject.request

    def watched(self: rest.RESTClientObject, method: str, url: str, *args: Any, **kwargs: Any) -> Any:
        sent.append((method, url))
        return original(self, method, url, *args, **kwargs)

    monkeypatch.setattr(rest.RESTClientObject, "request", watched)
    return sent


@pytest.fixture
def emulator() -> Iterator[GuardedApiClient]:
    with EmulatorTarget() as api:
        yield api


def fake_kind(server: str, *, clusters: str = "aks-backup-conformance\n") -> Any:
    """A stand-in for the `kind` executable: it knows one cluster, whose kubeconfig points at `server`."""
    calls: list[list[str]] = []

    def run(args: list[str], **_: Any) -> subprocess.CompletedProcess[str]:
        calls.append(args)
        if args[1:3] == ["get", "clusters"]:
            return subprocess.CompletedProcess(args, 0, clusters, "")
        if args[1:3] == ["get", "kubeconfig"]:
            name = "kind-aks-backup-conformance"
            config = {
                "apiVersion": "v1",
                "kind": "Config",
                "clusters": [{"name": name, "cluster": {"server": server}}],
                "users": [{"name": name, "user": {"token": "harness"}}],
                "contexts": [{"name": name, "context": {"cluster": name, "user": name}}],
                "current-context": name,
            }
            return subprocess.CompletedProcess(args, 0, yaml.safe_dump(config), "")
        return subprocess.CompletedProcess(args, 1, "", f"unexpected kind call {args}")

    run.calls = calls  # type: ignore[attr-defined]
    return run


def test_a_foreign_kubeconfig_context_is_refused_before_any_request(
    requests_sent: list[tuple[str, str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    runner = fake_kind("https://127.0.0.1:6443")
    monkeypatch.setattr(KindTarget, "unavailable", staticmethod(lambda: None))
    target = KindTarget(context="aks-prod-weu-admin", runner=runner)
    with pytest.raises(HarnessRefused, match="refusing kubeconfig context 'aks-prod-weu-admin'"), target:
        pass
    assert requests_sent == []
    assert runner.calls == []  # not even kind was asked


def test_a_kind_cluster_whose_server_is_not_on_loopback_is_refused_before_any_request(
    requests_sent: list[tuple[str, str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(KindTarget, "unavailable", staticmethod(lambda: None))
    target = KindTarget(runner=fake_kind("https://aks-prod-dns-1a2b3c.hcp.westeurope.azmk8s.io:443"))
    with pytest.raises(HarnessRefused, match="not on loopback"), target:
        pass
    assert requests_sent == []


def test_a_kind_cluster_without_the_harness_marker_is_refused(
    emulator: GuardedApiClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A cluster of the harness's name that the harness did not create (no marker ConfigMap): refused."""
    monkeypatch.setattr(KindTarget, "unavailable", staticmethod(lambda: None))
    target = KindTarget(runner=fake_kind(emulator.owned))
    with pytest.raises(HarnessRefused, match="lacks the harness's marker"), target:
        pass


def test_kind_is_reported_unavailable_with_the_reason(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", "/nonexistent")
    assert KindTarget.unavailable() == "kind is not on PATH"


def test_the_guarded_client_refuses_another_host(requests_sent: list[tuple[str, str]]) -> None:
    configuration = k8s.Configuration()
    configuration.host = "http://127.0.0.1:1"
    api = GuardedApiClient(configuration, "http://127.0.0.1:1")
    with pytest.raises(HarnessRefused, match=r"only talks to http://127\.0\.0\.1:1"):
        api.call_api("GET", "https://aks-prod.example.invalid/api/v1/namespaces")
    with pytest.raises(HarnessRefused):
        api.call_api("GET", "http://127.0.0.1:10/api")  # same host, another port
    assert requests_sent == []


def everything(api: GuardedApiClient) -> list[tuple[str, str]]:
    """Every object of the kinds the harness makes, whatever its labels."""
    found = []
    for kind in KINDS:
        for item in getattr(kind.api(api), kind.list_all)().items:
            found.append((kind.kind, item.metadata.name))
    return found


class Interrupted(KeyboardInterrupt):
    pass


def test_an_interrupted_run_leaves_nothing_behind(
    emulator: GuardedApiClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    manifests = render(load_environment(EXAMPLES / "windows-linux.yaml"), run="cut")
    assert len(manifests) > 6
    created = 0
    original = k8s.CoreV1Api.create_persistent_volume

    def create_then_interrupt(self: k8s.CoreV1Api, body: Any, **kwargs: Any) -> Any:
        nonlocal created
        created += 1
        original(self, body, **kwargs)
        raise Interrupted  # as if the user pressed Ctrl-C half-way through

    monkeypatch.setattr(k8s.CoreV1Api, "create_persistent_volume", create_then_interrupt)
    with pytest.raises(Interrupted), materialised(emulator, manifests, "cut"):
        pytest.fail("the block must not be reached")
    assert created == 1
    assert everything(emulator) == []


def test_cleanup_deletes_only_what_carries_this_runs_label(emulator: GuardedApiClient) -> None:
    core = k8s.CoreV1Api(emulator)
    core.create_namespace({"metadata": {"name": "someone-elses"}})
    core.create_namespace({"metadata": {"name": "other-run", "labels": {HARNESS_LABEL: "other"}}})
    manifests = render(load_environment(EXAMPLES / "fully-supported.yaml"), run="mine")
    with materialised(emulator, manifests, "mine") as listing:
        names = {item["metadata"]["name"] for item in listing["items"]}
        assert "someone-elses" not in names and "other-run" not in names
    assert sorted(everything(emulator)) == [("Namespace", "other-run"), ("Namespace", "someone-elses")]
    assert cleanup(emulator, "mine") == 0
