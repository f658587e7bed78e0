"""The HTTP side of pkograph: ``pkograph serve``.

- :mod:`~pkograph.web.app`: the application, assembled from the routes of each part, over one
  :class:`~pkograph.store.base.GraphStore` (the built graph, or a remote endpoint: the web code
  reads through the interface only and never builds);
- :mod:`~pkograph.web.endpoint`: the read-only SPARQL 1.1 Protocol endpoint, the dataset
  description (VoID, DCAT) and the dumps;
- :mod:`~pkograph.web.pages`: a page for every IRI (HTML for people, RDF for machines), search,
  the saved queries and the query page.
"""
