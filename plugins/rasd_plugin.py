"""The Rasd Airflow plugin: an "Open in Kibana" link on every task of our DAGs,
the failure listener, and macros (``{{ macros.rasd.since(7) }}``)."""

from __future__ import annotations

from typing import Any

from airflow.plugins_manager import AirflowPlugin
from airflow.sdk import BaseOperatorLink

import rasd_listener
from pipeline.airflow_support import kibana_discover_url, since_macro


class KibanaRunLink(BaseOperatorLink):
    """Opens Kibana Discover filtered on the articles this run indexed."""

    name = "Open in Kibana"

    def get_link(self, operator: Any, *, ti_key: Any) -> str:
        return kibana_discover_url(ti_key.run_id)


class RasdPlugin(AirflowPlugin):
    name = "rasd"
    global_operator_extra_links = [KibanaRunLink()]
    listeners = [rasd_listener]
    macros = [since_macro]
