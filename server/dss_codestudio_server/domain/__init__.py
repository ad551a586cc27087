"""The server's domain: users and keys, projects and libraries, templates and builds, futures.

It knows nothing of HTTP; the `http` package maps requests to these services and their errors to
status codes. Services return records; `wire` shapes them as DSS's JSON, the one place the API's
documents are made.
"""
