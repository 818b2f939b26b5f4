"""Production mode (docs/deploy.md): deploy/odoo.conf read by Odoo's own
parser, and two real Odoo servers in prefork mode on one database and one
shared data_dir — a document archived through one is served by the other."""

import base64
import getpass
import hashlib
import http.client
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

import requests

import odoo
from odoo import SUPERUSER_ID, api
from odoo.tests import BaseCase, get_db_name, new_test_user, tagged
from odoo.tools import config

ROOT = Path(__file__).resolve().parent.parent
CONF = ROOT / "deploy" / "odoo.conf"
#: the options the deployment guide relies on
REQUIRED = (
    "workers",
    "max_cron_threads",
    "limit_memory_soft",
    "limit_memory_hard",
    "limit_time_cpu",
    "limit_time_real",
    "limit_time_real_cron",
    "proxy_mode",
    "dbfilter",
    "list_db",
    "gevent_port",
    "http_port",
    "data_dir",
    "db_host",
    "db_user",
    "db_password",
    "smtp_server",
    "smtp_port",
    "email_from",
    "logfile",
    "log_level",
)
#: bounded waits (seconds)
START_TIMEOUT = 120
REQUEST_TIMEOUT = 60


def parse_conf(path):
    """The options Odoo reads from ``path``: its own parser, in a process of
    its own (parsing sets module-wide state of odoo.conf)."""
    script = (
        "import json, sys\n"
        "from odoo.tools.config import configmanager\n"
        "c = configmanager()\n"
        "c._parse_config(['-c', sys.argv[1]])\n"
        "print(json.dumps({k: c[k] for k in sys.argv[2:]}, default=str))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", script, str(path), *REQUIRED],
        capture_output=True,
        text=True,
        timeout=REQUEST_TIMEOUT,
        check=True,
    )
    return json.loads(out.stdout)


@tagged("post_install", "-at_install")
class TestDeployConfig(BaseCase):
    def test_conf_is_read_by_odoo(self):
        options = parse_conf(CONF)
        # prefork with the load test's sizes, and jobs on every server
        self.assertEqual(options["workers"], 4)
        self.assertEqual(options["max_cron_threads"], 2)
        self.assertGreater(options["limit_memory_hard"], options["limit_memory_soft"])
        self.assertLessEqual(options["limit_memory_soft"], 2 * 1024**3)
        self.assertGreater(options["limit_time_real"], options["limit_time_cpu"])
        self.assertGreaterEqual(options["limit_time_real_cron"], 900)
        # behind nginx, one database, no database manager on the web
        self.assertIs(options["proxy_mode"], True)
        self.assertIs(options["list_db"], False)
        self.assertEqual(options["dbfilter"], "^hoa$")
        self.assertNotEqual(options["gevent_port"], options["http_port"])
        self.assertTrue(Path(options["data_dir"]).is_absolute())
        for key in ("db_host", "db_password", "smtp_server", "email_from"):
            self.assertTrue(options[key], f"{key} has no placeholder")
        self.assertEqual(options["log_level"], "info")

    def test_nginx_forwards_what_odoo_reads(self):
        """The reverse proxy sends /websocket to the gevent port, both servers
        in the upstreams, and the headers proxy_mode reads."""
        nginx = (ROOT / "deploy" / "nginx.conf").read_text()
        gevent = parse_conf(CONF)["gevent_port"]
        self.assertIn("location /websocket", nginx)
        self.assertEqual(nginx.count(f":{gevent};"), 2)
        for header in ("X-Forwarded-For", "X-Forwarded-Host", "X-Forwarded-Proto"):
            self.assertIn(f"proxy_set_header {header}", nginx)
        self.assertIn("client_max_body_size", nginx)


def _free_ports():
    ports = os.environ.get("HOA_DEPLOY_PORTS", "8717 8727 8737 8707").split()
    return [int(p) for p in ports]


@tagged("post_install", "-at_install")
class TestTwoServers(BaseCase):
    """Two servers started as in production (deploy/odoo.conf, prefork) on
    loopback, on the test database and the test's own data_dir. The
    fixtures are committed (the servers read them) and removed after."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.db = get_db_name()
        cls.registry = odoo.modules.registry.Registry(cls.db)
        cls.tag = uuid.uuid4().hex[:8]
        cls.login = f"hoa_deploy_{cls.tag}"
        with cls.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            user = new_test_user(
                env,
                cls.login,
                password=cls.login,
                groups="base.group_user,base.group_partner_manager",
            )
            partner = env["res.partner"].create({"name": f"Deploy {cls.tag}"})
            cls.user_id, cls.partner_id = user.id, partner.id
        cls.logs = Path(tempfile.mkdtemp(prefix="hoa_deploy_"))
        cls.addClassCleanup(shutil.rmtree, cls.logs, ignore_errors=True)
        http_a, gevent_a, http_b, gevent_b = _free_ports()
        cls.servers = []
        cls.addClassCleanup(cls._remove_fixtures)
        cls.addClassCleanup(cls._stop_servers)
        cls.gevent_ports = (gevent_a, gevent_b)
        cls.url_a = cls._start("a", http_a, gevent_a)
        cls.url_b = cls._start("b", http_b, gevent_b)
        for url in (cls.url_a, cls.url_b):
            cls._wait_up(url)

    @classmethod
    def _start(cls, name, http_port, gevent_port):
        # a script file, as odoo-bin: in prefork mode the master spawns its
        # gevent process as [python, sys.argv[0], "gevent", ...], which
        # "python -m odoo" cannot be
        launcher = cls.logs / "odoo-bin"
        launcher.write_text("import odoo.cli\nodoo.cli.main()\n")
        command = [
            sys.executable,
            str(launcher),
            "-c",
            str(CONF),
            "-d",
            cls.db,
            f"--db-filter=^{cls.db}$",
            f"--db_host={config['db_host'] or ''}",
            f"--db_port={config['db_port'] or 5432}",
            f"--db_user={config['db_user'] or getpass.getuser()}",
            f"--db_password={config['db_password'] or ''}",
            f"--addons-path={config['addons_path']}",
            f"--data-dir={config['data_dir']}",
            "--http-interface=127.0.0.1",
            f"--http-port={http_port}",
            f"--gevent-port={gevent_port}",
            "--workers=2",
            # the test database is shared with the rest of the suite
            "--max-cron-threads=0",
            "--smtp=127.0.0.1",
            "--smtp-port=9",
            f"--logfile={cls.logs / f'server_{name}.log'}",
        ]
        process = subprocess.Popen(
            command,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        cls.servers.append(process)
        return f"http://127.0.0.1:{http_port}"

    @classmethod
    def _wait_up(cls, url):
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            if any(p.poll() is not None for p in cls.servers):
                break
            try:
                up = requests.get(f"{url}/web/health", timeout=5).ok
            except requests.RequestException:
                up = False
            if up:
                return
            time.sleep(1)
        logs = "\n".join(
            p.read_text(errors="replace")[-2000:] for p in cls.logs.glob("*.log")
        )
        raise AssertionError(f"the server at {url} did not start:\n{logs}")

    @classmethod
    def _stop_servers(cls):
        # a first SIGTERM stops a server gracefully, a second at once
        for attempt in range(2):
            for process in cls.servers:
                if process.poll() is None:
                    os.killpg(process.pid, signal.SIGTERM)
            if not attempt:
                time.sleep(2)
        for process in cls.servers:
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait(timeout=10)

    @classmethod
    def _remove_fixtures(cls):
        with cls.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            env["ir.attachment"].search(
                [("res_model", "=", "res.partner"), ("res_id", "=", cls.partner_id)]
            ).unlink()
            env["res.partner"].browse(cls.partner_id).unlink()
            user = env["res.users"].browse(cls.user_id)
            partner = user.partner_id
            try:
                with cr.savepoint():
                    user.unlink()
                    partner.unlink()
            except Exception:  # noqa: BLE001 — referenced: archived instead
                user.active = False

    def session(self, url):
        client = requests.Session()
        response = client.post(
            f"{url}/web/session/authenticate",
            json={
                "jsonrpc": "2.0",
                "params": {"db": self.db, "login": self.login, "password": self.login},
            },
            timeout=REQUEST_TIMEOUT,
        )
        self.assertEqual(response.json()["result"]["uid"], self.user_id)
        return client

    def call_kw(self, client, url, model, method, args):
        response = client.post(
            f"{url}/web/dataset/call_kw/{model}/{method}",
            json={
                "jsonrpc": "2.0",
                "params": {
                    "model": model,
                    "method": method,
                    "args": args,
                    "kwargs": {},
                },
            },
            timeout=REQUEST_TIMEOUT,
        )
        body = response.json()
        self.assertNotIn("error", body)
        return body["result"]

    def test_a_document_archived_on_one_server_is_served_by_the_other(self):
        scan = b"%PDF-1.4\n% scan of a signed receipt\n" + os.urandom(64 * 1024)
        on_a = self.session(self.url_a)
        attachment_id = self.call_kw(
            on_a,
            self.url_a,
            "ir.attachment",
            "create",
            [
                {
                    "name": f"receipt_{self.tag}.pdf",
                    "datas": base64.b64encode(scan).decode(),
                    "res_model": "res.partner",
                    "res_id": self.partner_id,
                }
            ],
        )
        # stored as a file of the shared data_dir, not in the database
        with self.registry.cursor() as cr:
            cr.execute(
                "SELECT store_fname, db_datas IS NULL FROM ir_attachment WHERE id = %s",
                [attachment_id],
            )
            store_fname, not_in_db = cr.fetchone()
        self.assertTrue(not_in_db)
        stored = Path(config["data_dir"], "filestore", self.db, store_fname)
        self.assertEqual(stored.read_bytes(), scan)

        on_b = self.session(self.url_b)
        served = on_b.get(
            f"{self.url_b}/web/content/{attachment_id}?download=true",
            timeout=REQUEST_TIMEOUT,
        )
        self.assertEqual(served.status_code, 200)
        self.assertEqual(
            hashlib.sha256(served.content).hexdigest(), hashlib.sha256(scan).hexdigest()
        )
        self.assertEqual(served.content, scan)

    def test_a_session_opened_on_one_server_is_valid_on_the_other(self):
        """Sessions live in the shared data_dir too: the reverse proxy may
        send a user's next request to either server."""
        on_a = self.session(self.url_a)
        response = on_a.post(
            f"{self.url_b}/web/session/get_session_info",
            json={"jsonrpc": "2.0", "params": {}},
            timeout=REQUEST_TIMEOUT,
        )
        self.assertEqual(response.json()["result"]["uid"], self.user_id)

    def test_websocket_is_served_by_each_gevent_port(self):
        """The web client's bus (/websocket, where nginx sends it) answers on
        the gevent port of each server."""
        for port in self.gevent_ports:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            try:
                connection.request(
                    "GET",
                    "/websocket",
                    headers={
                        "Connection": "Upgrade",
                        "Upgrade": "websocket",
                        "Sec-WebSocket-Version": "13",
                        "Sec-WebSocket-Key": base64.b64encode(os.urandom(16)).decode(),
                        "Origin": f"http://127.0.0.1:{port}",
                    },
                )
                self.assertEqual(connection.getresponse().status, 101, port)
            finally:
                connection.close()
