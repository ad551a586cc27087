"""The server's domain: users and keys, projects and libraries, templates and builds, futures.

It knows nothing of HTTP; the `http` package maps requests to these services and their errors to
status codes.
"""
