"""Rasd (رصد): monitoring of Libya-related Arabic news.

One module per stage; every stage takes typed records (``pipeline.models``)
in and gives typed records out.  I/O sits at the edges: ``fetch`` (HTTP),
``index`` (Elasticsearch) and ``archive`` (raw pages).
"""

__version__ = "0.1.0"
