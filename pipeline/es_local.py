"""Local Elasticsearch nodes for development and tests, without Docker (facade).

The code lives in :mod:`pipeline.services` (``es_build``: Maven build and JDK; ``es_config``:
node folder and ``elasticsearch.yml``; ``es_security``: file realm; ``es_node``: start, stop,
status; over the shared process control of ``proc``). This module keeps the names callers use.
"""

from __future__ import annotations

from pipeline.services.es_build import ES_VERSION, PLUGIN_NAME, LocalESError, ensure_built, java_home
from pipeline.services.es_config import SUPERUSER, TRANSPORT_PORT_OFFSET, NodeConfig, NodeInfo
from pipeline.services.es_node import start, status, stop
from pipeline.services.es_security import MIN_PASSWORD, Users, load_roles, render_roles_yml
from pipeline.services.proc import RUN_AS_USER, repo_root

__all__ = [
    "ES_VERSION",
    "MIN_PASSWORD",
    "PLUGIN_NAME",
    "RUN_AS_USER",
    "SUPERUSER",
    "TRANSPORT_PORT_OFFSET",
    "LocalESError",
    "NodeConfig",
    "NodeInfo",
    "Users",
    "ensure_built",
    "java_home",
    "load_roles",
    "render_roles_yml",
    "repo_root",
    "start",
    "status",
    "stop",
]
