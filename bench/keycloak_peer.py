"""The Keycloak peer of bench/run.py (--peer keycloak): the same load on a stock Keycloak doing the plain
private_key_jwt client-credentials grant (1 ES256 verify + 1 ES256 sign per token).

Downloads org.keycloak:keycloak-quarkus-dist from Maven Central (Maven's local repository caches it), unpacks
it under target/bench, starts it in dev mode on 127.0.0.1 with a throw-away bootstrap admin, and creates through
the admin REST API a realm with ES256 access tokens of one hour and a confidential client authenticated by
'client-jwt' (ES256, inline JWKS). Keycloak 26 needs Java 21 or later: it runs on the Temurin 25 under
/usr/lib/jvm. Never part of mvn verify.
"""
import json
import os
import secrets
import shutil
import subprocess
import time
import urllib.parse
import urllib.request
import zipfile
from pathlib import Path

VERSION = "26.5.6"
JAVA_HOME = "/usr/lib/jvm/temurin-25-jdk-amd64"
REALM = "bench"
CLIENT_ID = "bench-m2m"


def unpack(root, out):
    home = out / f"keycloak-{VERSION}"
    if home.exists():
        return home
    subprocess.run(["mvn", "-B", "-q", "-ntp", "dependency:copy",
                    f"-Dartifact=org.keycloak:keycloak-quarkus-dist:{VERSION}:zip", f"-DoutputDirectory={out}"],
                   cwd=root, check=True)
    zip_path = out / f"keycloak-quarkus-dist-{VERSION}.zip"
    with zipfile.ZipFile(zip_path) as z:
        z.extractall(out)
    zip_path.unlink()
    for script in (home / "bin").glob("*.sh"):
        script.chmod(0o755)
    return home


def call(method, url, token=None, form=None, body=None):
    headers = {}
    data = None
    if form is not None:
        data = urllib.parse.urlencode(form).encode()
        headers["Content-Type"] = "application/x-www-form-urlencoded"
    if body is not None:
        data = json.dumps(body).encode()
        headers["Content-Type"] = "application/json"
    if token:
        headers["Authorization"] = "Bearer " + token
    req = urllib.request.Request(url, data=data, headers=headers, method=method)
    with urllib.request.urlopen(req, timeout=30) as r:
        text = r.read().decode()
        return json.loads(text) if text.strip() else None


class Keycloak:
    """One Keycloak server; start(), configure(), then token_url / pid for the load; stop() at the end."""

    def __init__(self, root, out, port, management_port):
        self.home = unpack(root, out)
        self.out = out
        self.base = f"http://127.0.0.1:{port}"
        self.port, self.management_port = port, management_port
        self.password = secrets.token_urlsafe(24)
        self.proc = None
        self.token_url = f"{self.base}/realms/{REALM}/protocol/openid-connect/token"

    def start(self, timeout=300):
        shutil.rmtree(self.home / "data", ignore_errors=True)  # a fresh dev database every run
        env = dict(os.environ, JAVA_HOME=JAVA_HOME, KC_BOOTSTRAP_ADMIN_USERNAME="admin",
                   KC_BOOTSTRAP_ADMIN_PASSWORD=self.password)
        log = open(self.out / "keycloak.log", "w")
        self.proc = subprocess.Popen([str(self.home / "bin" / "kc.sh"), "start-dev", "--http-host=127.0.0.1",
                                      f"--http-port={self.port}", f"--http-management-port={self.management_port}"],
                                     env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
        deadline = time.time() + timeout
        while time.time() < deadline:
            if self.proc.poll() is not None:
                raise SystemExit("Keycloak exited; see target/bench/keycloak.log")
            try:
                call("GET", f"{self.base}/realms/master")
                return
            except Exception:
                time.sleep(1)
        raise SystemExit("Keycloak not ready")

    def configure(self, jwks):
        admin = call("POST", f"{self.base}/realms/master/protocol/openid-connect/token",
                     form={"grant_type": "password", "client_id": "admin-cli", "username": "admin",
                           "password": self.password})["access_token"]
        realms = f"{self.base}/admin/realms"
        call("POST", realms, admin, body={"realm": REALM, "enabled": True, "accessTokenLifespan": 3600,
                                          "defaultSignatureAlgorithm": "ES256"})
        realm_id = call("GET", f"{realms}/{REALM}", admin)["id"]
        call("POST", f"{realms}/{REALM}/components", admin, body={
            "name": "ecdsa-p256", "providerId": "ecdsa-generated", "providerType": "org.keycloak.keys.KeyProvider",
            "parentId": realm_id, "config": {"priority": ["200"], "ecdsaEllipticCurveKey": ["P-256"]}})
        call("POST", f"{realms}/{REALM}/clients", admin, body={
            "clientId": CLIENT_ID, "enabled": True, "protocol": "openid-connect", "publicClient": False,
            "serviceAccountsEnabled": True, "standardFlowEnabled": False, "directAccessGrantsEnabled": False,
            "clientAuthenticatorType": "client-jwt",
            "attributes": {"token.endpoint.auth.signing.alg": "ES256", "use.jwks.string": "true",
                           "use.jwks.url": "false", "jwks.string": jwks,
                           "access.token.signed.response.alg": "ES256"}})

    def stop(self):
        if self.proc and self.proc.poll() is None:
            os.killpg(self.proc.pid, 15)
            try:
                self.proc.wait(60)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, 9)
