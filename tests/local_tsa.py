"""A real RFC 3161 time-stamping authority on localhost for the tests:
OpenSSL's ``openssl ts -reply`` with a CA made on the spot, behind a tiny
HTTP server (``POST`` a TimeStampReq, get a TimeStampResp)."""

import http.server
import shutil
import subprocess
import tempfile
import threading
from pathlib import Path

TSA_CONFIG = """\
[ tsa ]
default_tsa = tsa_config

[ tsa_config ]
dir = {dir}
serial = $dir/serial
crypto_device = builtin
signer_cert = $dir/tsa.crt
certs = $dir/ca.crt
signer_key = $dir/tsa.key
signer_digest = sha256
default_policy = 1.2.3.4.1
digests = sha256, sha384, sha512
accuracy = secs:1
ordering = yes
tsa_name = yes
ess_cert_id_chain = no
ess_cert_id_alg = sha256
"""

TSA_EXTENSIONS = """\
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature
extendedKeyUsage = critical, timeStamping
"""


def openssl(*args, cwd):
    subprocess.run(
        ["openssl", *args], cwd=cwd, check=True, capture_output=True, timeout=60
    )


def make_authority(folder, name):
    """A CA and a TSA certificate it issued (extendedKeyUsage critical,
    timeStamping), keys on P-256, in ``folder``."""
    folder = Path(folder)
    openssl(
        "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256",
        "-nodes", "-keyout", "ca.key", "-out", "ca.crt", "-days", "30",
        "-subj", f"/O=HOA Test/CN={name} Root CA",
        "-addext", "basicConstraints=critical,CA:TRUE",
        "-addext", "keyUsage=critical,keyCertSign,cRLSign",
        cwd=folder,
    )  # fmt: skip
    openssl(
        "req", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256",
        "-nodes", "-keyout", "tsa.key", "-out", "tsa.csr",
        "-subj", f"/O=HOA Test/CN={name}",
        cwd=folder,
    )  # fmt: skip
    (folder / "tsa.ext").write_text(TSA_EXTENSIONS)
    openssl(
        "x509", "-req", "-in", "tsa.csr", "-CA", "ca.crt", "-CAkey", "ca.key",
        "-CAcreateserial", "-out", "tsa.crt", "-days", "30",
        "-extfile", "tsa.ext",
        cwd=folder,
    )  # fmt: skip
    (folder / "serial").write_text("01\n")
    (folder / "tsa.cnf").write_text(TSA_CONFIG.format(dir=folder))
    return (folder / "ca.crt").read_text()


class LocalTsa:
    """``openssl ts`` served at ``url`` until :meth:`stop`; ``ca_pem`` is the
    certificate to trust; ``requests`` counts the stamps it gave."""

    def __init__(self, name="HOA Test TSA"):
        self.folder = Path(tempfile.mkdtemp(prefix="hoa_tsa_"))
        self.ca_pem = make_authority(self.folder, name)
        self.requests = 0
        self._lock = threading.Lock()
        tsa = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self):
                query = self.rfile.read(int(self.headers["Content-Length"]))
                reply = tsa.reply(query)
                self.send_response(200)
                self.send_header("Content-Type", "application/timestamp-reply")
                self.send_header("Content-Length", str(len(reply)))
                self.end_headers()
                self.wfile.write(reply)

            def log_message(self, format, *args):  # pylint: disable=redefined-builtin
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}/tsa"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def reply(self, query):
        with self._lock:
            self.requests += 1
            (self.folder / "query.tsq").write_bytes(query)
            openssl(
                "ts", "-reply", "-config", "tsa.cnf",
                "-queryfile", "query.tsq", "-out", "reply.tsr",
                cwd=self.folder,
            )  # fmt: skip
            return (self.folder / "reply.tsr").read_bytes()

    def stop(self):
        self.server.shutdown()
        self.server.server_close()
        shutil.rmtree(self.folder, ignore_errors=True)
