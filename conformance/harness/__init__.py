"""The cluster harness: environments materialised as Kubernetes objects and read back.

`render` turns an environment's Kubernetes side into manifests (validated offline against the
Kubernetes schemas of the environment's minor); a `Target` (an in-memory API emulator on loopback, or a
kind cluster the harness created) holds them; `materialised` creates them with the official client,
lists them back as `kubectl get -o json` would, and deletes exactly what it made.
"""

from __future__ import annotations
