"""Where the harness materialises environments: an API server it owns, and nothing else.

- `EmulatorTarget`: an in-memory Kubernetes API (`kmock.KubernetesEmulator`) served on a loopback port
  of this process. It stores objects as JSON and runs no controllers or admission: it shows what the
  importer makes of objects as written, not the defaults a real API server would fill in.
- `KindTarget`: a kind cluster the harness creates (or reuses by name when the harness's marker
  ConfigMap is in it), reached through the kubeconfig context kind writes for it (`kind-<name>`),
  whose API server must be on loopback.

Safety by construction: a target hands out only a `GuardedApiClient` bound to the API server it owns;
that client refuses any request to another host. A kubeconfig context other than the one the harness
made is refused before a client exists, so before a single request.
"""

from __future__ import annotations

import asyncio
import ipaddress
import shutil
import subprocess
import threading
from collections.abc import Callable
from typing import Any, Protocol
from urllib.parse import urlsplit

import yaml
from kubernetes import client as k8s
from kubernetes import config as k8s_config

from aks_backup_model.errors import ConformanceError

__all__ = [
    "MARKER",
    "EmulatorTarget",
    "GuardedApiClient",
    "HarnessRefused",
    "KindTarget",
    "Target",
    "TargetUnavailable",
]

MARKER = ("kube-public", "aks-backup-conformance-harness")
"""(namespace, name) of the ConfigMap that marks a kind cluster as the harness's own."""


EMULATED_RESOURCES: dict[str, tuple[str, bool]] = {
    "v1/namespaces": ("Namespace", False),
    "v1/nodes": ("Node", False),
    "v1/persistentvolumes": ("PersistentVolume", False),
    "v1/persistentvolumeclaims": ("PersistentVolumeClaim", True),
    "v1/pods": ("Pod", True),
    "v1/configmaps": ("ConfigMap", True),
    "storage.k8s.io/v1/storageclasses": ("StorageClass", False),
    "apps/v1/deployments": ("Deployment", True),
    "apiextensions.k8s.io/v1/customresourcedefinitions": ("CustomResourceDefinition", False),
}
"""The resources the emulator declares (kmock answers 404 to a list of a resource it has not seen)."""


class HarnessRefused(ConformanceError):
    """Raised when the harness is asked to talk to a cluster it did not create (another kubeconfig
    context, a server that is not on loopback, a kind cluster without the harness's marker)."""


class TargetUnavailable(ConformanceError):
    """Raised when a target cannot run here (kind or Docker missing, the emulator package absent);
    the message is the exact reason."""


class GuardedApiClient(k8s.ApiClient):
    """An API client that sends requests only to `owned` (scheme://host:port) and refuses any other."""

    def __init__(self, configuration: k8s.Configuration, owned: str) -> None:
        super().__init__(configuration)
        self.owned = owned.rstrip("/")

    def call_api(self, method: str, url: str, *args: Any, **kwargs: Any) -> Any:
        if not (url == self.owned or url.startswith(self.owned + "/")):
            raise HarnessRefused(f"refusing {method} {url}: the harness only talks to {self.owned}")
        return super().call_api(method, url, *args, **kwargs)


class Target(Protocol):
    """An API server the harness owns for the length of a `with` block."""

    name: str

    def __enter__(self) -> GuardedApiClient: ...

    def __exit__(self, *exc: object) -> None: ...


def _loopback(url: str) -> bool:
    host = urlsplit(url).hostname or ""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


# --- the emulator -------------------------------------------------------------------------------------


def _patch_kmock_namespace_paths() -> None:
    """kmock 0.8 reads `/api/v1/namespaces` and `/api/v1/namespaces/{name}` as namespaced paths with no
    resource, so Namespace objects cannot be created or read (it answers 500). Route those two paths to
    the cluster-scoped `namespaces` resource, as a real API server does; everything else is kmock's."""
    from kmock._internal import parsing

    if getattr(parsing.parse_path, "_harness_patched", False):
        return
    original: Callable[[str], Any] = parsing.parse_path

    def parse_path(path: str) -> Any:
        parts = path.strip("/").split("/")
        if len(parts) in (3, 4) and parts[0] == "api" and parts[2] == "namespaces":
            name = parts[3] if len(parts) == 4 else None
            return parsing.ParsedPath("", parts[1], "namespaces", None, name, None)
        return original(path)

    parse_path._harness_patched = True  # type: ignore[attr-defined]
    parsing.parse_path = parse_path


class EmulatorTarget:
    """An in-memory Kubernetes API on a loopback port of this process, for as long as the block runs."""

    name = "emulator"

    def __init__(self) -> None:
        self.url: str | None = None
        self._thread: threading.Thread | None = None
        self._stop: asyncio.Event | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._failure: BaseException | None = None
        self._emulator: Any = None

    def __enter__(self) -> GuardedApiClient:
        try:
            import kmock
        except ImportError:
            raise TargetUnavailable(
                "the emulator needs kmock: pip install 'aks-backup-conformance[harness]'"
            ) from None
        _patch_kmock_namespace_paths()
        ready = threading.Event()

        async def serve() -> None:
            self._loop = asyncio.get_running_loop()
            self._stop = asyncio.Event()
            async with (
                kmock.KubernetesEmulator() as emulator,
                kmock.Server(emulator, host="127.0.0.1") as server,
            ):
                for resource, (kind, namespaced) in EMULATED_RESOURCES.items():
                    # declared, so that a list before the first object answers empty, not 404
                    emulator.resources[resource] = kmock.ResourceInfo(kind=kind, namespaced=namespaced)
                self._emulator = emulator
                self.url = str(server.url).rstrip("/")
                ready.set()
                await self._stop.wait()

        def run() -> None:
            try:
                asyncio.run(serve())
            except BaseException as failure:  # reported by __enter__ below
                self._failure = failure
                ready.set()

        self._thread = threading.Thread(target=run, name="harness-emulator", daemon=True)
        self._thread.start()
        if not ready.wait(30) or self.url is None:
            raise TargetUnavailable(f"the emulator did not start: {self._failure!r}")
        if not _loopback(self.url):
            raise HarnessRefused(f"the emulator listens on {self.url}, not on loopback")
        configuration = k8s.Configuration()
        configuration.host = self.url
        return GuardedApiClient(configuration, self.url)

    def forget_requests(self) -> None:
        """Drop kmock's record of the requests served so far.

        kmock keeps every request for tests' assertions and matches each new one against that whole
        record, so a long run slows down quadratically (minutes per case after a few thousand requests);
        the harness asserts nothing on it, and clears it between questions."""
        if self._loop is None or self._emulator is None:
            return
        emulator = self._emulator

        async def forget() -> None:
            emulator._requests.clear()

        asyncio.run_coroutine_threadsafe(forget(), self._loop).result(30)

    def __exit__(self, *exc: object) -> None:
        if self._loop is not None and self._stop is not None:
            self._loop.call_soon_threadsafe(self._stop.set)
        if self._thread is not None:
            self._thread.join(10)


# --- kind ---------------------------------------------------------------------------------------------


class KindTarget:
    """A kind cluster named `cluster_name` that the harness creates, or reuses when it carries the
    harness's marker ConfigMap. `context`, when given, must be the one kind made for that cluster."""

    def __init__(self, cluster_name: str = "aks-backup-conformance", *, context: str | None = None,
                 kubeconfig: str | None = None, runner: Callable[..., subprocess.CompletedProcess[str]] = subprocess.run) -> None:  # fmt: skip
        self.name = f"kind:{cluster_name}"
        self.cluster_name = cluster_name
        self.context = context
        self.kubeconfig = kubeconfig
        self._run = runner
        self._created = False

    @staticmethod
    def unavailable() -> str | None:
        """Why kind cannot run here, or None when `kind` and a Docker engine are there."""
        if shutil.which("kind") is None:
            return "kind is not on PATH"
        if shutil.which("docker") is None:
            return "docker is not on PATH"
        info = subprocess.run(["docker", "info"], capture_output=True, text=True, timeout=60, check=False)
        if info.returncode != 0:
            return (
                f"no Docker engine answers: {info.stderr.strip().splitlines()[-1:] or ['docker info failed']}"
            )
        return None

    def check_context(self) -> None:
        """Refuse, before any request, a context that is not the one kind made for our cluster."""
        expected = f"kind-{self.cluster_name}"
        if self.context is not None and self.context != expected:
            raise HarnessRefused(
                f"refusing kubeconfig context {self.context!r}: the harness only talks to {expected!r}, "
                "the kind cluster it created"
            )

    def _kind(self, *args: str) -> str:
        done = self._run(["kind", *args], capture_output=True, text=True, timeout=600, check=False)
        if done.returncode != 0:
            raise TargetUnavailable(f"kind {' '.join(args)} failed: {done.stderr.strip()[-500:]}")
        return done.stdout

    def __enter__(self) -> GuardedApiClient:
        self.check_context()
        reason = self.unavailable()
        if reason:
            raise TargetUnavailable(reason)
        existing = self._kind("get", "clusters").split()
        if self.cluster_name not in existing:
            self._kind("create", "cluster", "--name", self.cluster_name, "--wait", "120s")
            self._created = True
        config = yaml.safe_load(self._kind("get", "kubeconfig", "--name", self.cluster_name))
        expected = f"kind-{self.cluster_name}"
        clusters = {c["name"]: c["cluster"] for c in config.get("clusters", [])}
        server = clusters.get(expected, {}).get("server", "")
        if not _loopback(server):
            raise HarnessRefused(f"the kind cluster's API server {server!r} is not on loopback")
        configuration = k8s.Configuration()
        k8s_config.load_kube_config_from_dict(  # type: ignore[no-untyped-call]
            config, context=expected, client_configuration=configuration
        )
        api = GuardedApiClient(configuration, server)
        self._mark_or_refuse(api)
        return api

    def _mark_or_refuse(self, api: GuardedApiClient) -> None:
        core = k8s.CoreV1Api(api)
        namespace, name = MARKER
        if self._created:
            marker = k8s.V1ConfigMap(
                metadata=k8s.V1ObjectMeta(name=name), data={"owner": "aks-backup-conformance harness"}
            )
            core.create_namespaced_config_map(namespace, marker)
            return
        try:
            core.read_namespaced_config_map(name, namespace)
        except k8s.ApiException as missing:
            raise HarnessRefused(
                f"kind cluster {self.cluster_name!r} exists but lacks the harness's marker ConfigMap "
                f"{namespace}/{name}: it was not created by the harness"
            ) from missing

    def __exit__(self, *exc: object) -> None:
        """The cluster stays for the next run (reuse by name); `kind delete cluster` removes it."""
