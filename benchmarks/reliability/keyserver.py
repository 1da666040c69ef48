#!/usr/bin/env python3
"""The outside issuer's JWKS endpoint of the fault benchmark (run-faults.sh), on loopback only.

GET /jwks answers the JWK Set in --file, read again on every request, so the runner rotates keys by
replacing that file (atomically, with mv). The runner makes the endpoint die by stopping this process
and brings it back by starting it again on the same port. Each fetch is appended to --log as
"<epoch seconds with milliseconds>\t<status>" so the runner can count fetches per time window.
Dependency-free Python 3; serves public keys only.
"""
import argparse
import http.server
import sys
import time


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--file", required=True, help="the JWK Set to serve (public keys)")
    parser.add_argument("--log", required=True, help="fetch log, appended to")
    parser.add_argument("--max-age", type=int, default=10, help="Cache-Control max-age in seconds")
    args = parser.parse_args()
    log = open(args.log, "a", buffering=1)

    class Handler(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self):
            if self.path != "/jwks":
                self.answer(404, b"not found\n", "text/plain")
                return
            try:
                with open(args.file, "rb") as f:
                    body = f.read()
            except OSError:
                self.answer(503, b"no key set\n", "text/plain")
                return
            self.answer(200, body, "application/jwk-set+json")

        def answer(self, status, body, content_type):
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "max-age=%d" % args.max_age)
            self.end_headers()
            self.wfile.write(body)
            log.write("%.3f\t%d\n" % (time.time(), status))

        def log_message(self, format, *arguments):
            pass  # the fetch log above is the record

    server = http.server.ThreadingHTTPServer(("127.0.0.1", args.port), Handler)
    print("key server on 127.0.0.1:%d serving %s" % (args.port, args.file), file=sys.stderr, flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
