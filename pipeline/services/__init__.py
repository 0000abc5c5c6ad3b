"""Local services of a one-machine Rasd deployment, without Docker.

One shared process-control module and, over it, one module per service:

* :mod:`pipeline.services.proc`: pid files, running as an unprivileged user (``setpriv``) when
  root, readiness waits, locks, terminate/kill of process groups, log tails, port checks, and
  :class:`~pipeline.services.proc.Daemon` (start a long-running process as user X, its own
  session, log and pid file);
* Elasticsearch: :mod:`es_build` (Maven build, JDK), :mod:`es_config` (node folder and
  ``elasticsearch.yml``), :mod:`es_security` (file realm), :mod:`es_node` (start/stop/status);
  :mod:`pipeline.es_local` re-exports their public names;
* :mod:`postgres`: a PostgreSQL 15 cluster of its own (``initdb`` + ``pg_ctl``);
* :mod:`airflow`: the Airflow home (configuration generated once), ``db migrate``, the
  api-server, scheduler, dag-processor and triggerer as separate daemons, REST helpers;
* :mod:`stack`: ``rasd up|down|status`` (all of the above, plus the sample site with ``--sample``).

State lives under ``<repo>/.rasd/`` (see each module).
"""
