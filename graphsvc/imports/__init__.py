"""The import page of the web app (``GET /import``): see :mod:`graphsvc.imports.page`."""
