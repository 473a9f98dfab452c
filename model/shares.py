"""Azure file shares behind Azure Files volumes, as edition 2026-01-06 of the matrix talks about them.

Field names follow Azure's (the share's `enabledProtocols`, the storage account's `publicNetworkAccess`,
`networkAcls.defaultAction`, `privateEndpointConnections`, management locks' `level`, role assignments'
`roleDefinitionName`). A field left out is a fact not given (`None`): a statement that needs it cannot
tell.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

from .docstrings import describe_fields


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", json_schema_extra=describe_fields)


class ShareStorageAccount(_Frozen):
    """The storage account that holds the share (`Microsoft.Storage/storageAccounts`)."""

    name: str | None = None
    """Informational."""
    public_network_access: Literal["Enabled", "Disabled", "SecuredByPerimeter"] | None = None
    """`publicNetworkAccess`. Read by SM-UNS-12."""
    default_action: Literal["Allow", "Deny"] | None = None
    """`networkAcls.defaultAction`: Allow is the portal's "All networks". Read by SM-UNS-12."""
    private_endpoints: Annotated[int, Field(ge=0)] | None = None
    """How many `privateEndpointConnections` are Approved. Read by SM-UNS-12."""
    locks: tuple[Literal["CanNotDelete", "ReadOnly"], ...] | None = None
    """The `level` of each management lock on the account (`az lock list`); `[]` for none. Read by SM-AFS-05."""
    cluster_roles: tuple[str, ...] | None = None
    """`roleDefinitionName` of the role assignments the cluster's identity holds on the account
    (`az role assignment list --scope <account>`); `[]` for none. Read by SM-SUP-28 (2026-01-06)."""


class FileShare(_Frozen):
    """The Azure file share an Azure Files volume (`file.csi.azure.com`) mounts."""

    protocol: Literal["SMB", "NFS"] | None = None
    """The share's `enabledProtocols` (the PV's `volumeAttributes.protocol` or the storage class's
    `protocol` parameter: smb, nfs; a class and PV that name none mean smb, the Azure Files CSI driver's
    default). Not given: unknown, SM-UNS-10 cannot tell. Read by SM-SUP-29, SM-UNS-10, SM-AFS-10."""
    file_count: Annotated[int, Field(ge=0)] | None = None
    """Files in the share (Azure Monitor metric `FileCount` of the file service). Read by SM-UNS-11 and
    SM-AFS-09."""
    key_in_secret: bool | None = None
    """The volume reads the storage account key from a Kubernetes secret (`nodeStageSecretRef`, or the
    storage class's `csi.storage.k8s.io/node-stage-secret-name`). Read by SM-AFS-03."""
    storage_account: ShareStorageAccount = ShareStorageAccount()
