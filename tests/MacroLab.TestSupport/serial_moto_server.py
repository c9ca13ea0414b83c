"""moto_server with AWS's per-request atomicity.

moto 5.2.1's server handles requests on parallel threads without locking its backends, so concurrent conditional
writes race (two S3 PUTs with If-None-Match: * can both succeed) and a failed DynamoDB TransactWriteItems restores a
snapshot of the whole table taken before it started, erasing writes that other requests made meanwhile. AWS applies
each request atomically. This wrapper keeps moto's threaded server (keep-alive connections stay independent) but lets
one request at a time into the application, which restores that guarantee. Arguments are moto_server's.
"""
import sys
import threading

from moto.moto_server.werkzeug_app import DomainDispatcherApplication

_lock = threading.Lock()
_call = DomainDispatcherApplication.__call__


def _one_at_a_time(self, environ, start_response):
    with _lock:
        # Drain the response inside the lock: WSGI bodies may be produced lazily.
        return list(_call(self, environ, start_response))


DomainDispatcherApplication.__call__ = _one_at_a_time

from moto.server import main  # noqa: E402  (after the patch, so the server uses it)

if __name__ == "__main__":
    main(sys.argv[1:])
