"""Airflow assets of Rasd (imported by DAG files only)."""

from __future__ import annotations

from airflow.sdk import Asset

# Updated by every ingest and backfill run that indexed something; the digest DAG is scheduled on it.
ARTICLES = Asset(name="rasd_articles", uri="rasd://elasticsearch/rasd-articles", group="rasd")
