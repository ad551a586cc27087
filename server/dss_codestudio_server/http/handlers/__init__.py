"""Request handlers, one class per tag of the spec; methods are named after operationIds (snake_case).

Handlers are synchronous: connexion runs them in its thread pool. They translate between the wire
and the domain services and hold no logic of their own.
"""
