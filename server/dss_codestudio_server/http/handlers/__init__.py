"""Request handlers, one class per tag of the spec; methods are named after operationIds (snake_case).

Most handlers are synchronous: connexion runs them in its thread pool, since they may wait for
files, processes or the database's write lock. Handlers that only read the database (WAL: reads
never wait for a writer) are `async def` and run on the event loop: handing a read to the pool cost
more than the read itself (status calls, 16 clients: 608/s through the pool, 900/s on the loop).
They translate between the wire and the domain and hold no logic of their own: a request's
parameters and body become a service's arguments, and the records the service returns become
DSS's JSON through `domain.wire` (which also shapes what futures store for later answers).
"""
