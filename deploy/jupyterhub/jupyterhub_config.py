"""JupyterHub for a class on one machine: one Jupyter server per student, the cloudlab kernel
from its wheel in the same environment, the course notebooks in every new home, idle servers
culled. Run from the environment that has jupyterhub, jupyterlab, jupyterhub-idle-culler and
the cloudlab wheel installed (deploy/jupyterhub/README.md):

    jupyterhub -f deploy/jupyterhub/jupyterhub_config.py

Settings come from the environment so the classroom load test (deploy/jupyterhub/classroom.py)
and a real class use the same file:

  CLOUDLAB_HUB_DIR         state: sqlite db, cookie secret, student homes (default ./hub-state)
  CLOUDLAB_HUB_PORT        public port on 127.0.0.1 (default 8000); the hub API and the proxy
                           API take the next two ports
  CLOUDLAB_STUDENTS        the roster: comma-separated user names (or CLOUDLAB_ROSTER: a file,
                           one name a line); only they can log in
  CLOUDLAB_CLASS_PASSWORD  the shared password of DummyAuthenticator; a real class swaps in
                           its own authenticator (GitHub, LTI, LDAP…) and keeps the rest
  CLOUDLAB_NOTEBOOKS       folder copied into each new home (default: the repo's notebooks/)
  CLOUDLAB_CULL_TIMEOUT    seconds a server may sit idle before it is stopped (default 3600)
  CLOUDLAB_CULL_EVERY      how often the culler looks (default 300)
  CLOUDLAB_ACTIVITY_EVERY  how often servers report activity to the hub (default: JupyterHub's
                           300 s); keep it well under the cull timeout
  CLOUDLAB_CHP             the configurable-http-proxy command (default: on PATH)
"""

import os
import shutil
import sys
from pathlib import Path

c = get_config()  # noqa: F821 (JupyterHub's config loader defines it)

here = Path(__file__).resolve().parent
state = Path(os.environ.get("CLOUDLAB_HUB_DIR", "hub-state")).resolve()
state.mkdir(parents=True, exist_ok=True)
bindir = Path(sys.executable).parent
port = int(os.environ.get("CLOUDLAB_HUB_PORT", "8000"))

# Everything on 127.0.0.1: the public proxy port, the hub's own API, the proxy's API.
c.JupyterHub.bind_url = f"http://127.0.0.1:{port}"
c.JupyterHub.hub_bind_url = f"http://127.0.0.1:{port + 1}"
c.ConfigurableHTTPProxy.api_url = f"http://127.0.0.1:{port + 2}"
c.ConfigurableHTTPProxy.command = [os.environ.get("CLOUDLAB_CHP", "configurable-http-proxy")]
c.JupyterHub.db_url = f"sqlite:///{state / 'jupyterhub.sqlite'}"
c.JupyterHub.cookie_secret_file = str(state / "jupyterhub_cookie_secret")
c.JupyterHub.pid_file = str(state / "jupyterhub.pid")

# Who may log in.
roster = [n.strip() for n in os.environ.get("CLOUDLAB_STUDENTS", "").split(",") if n.strip()]
if os.environ.get("CLOUDLAB_ROSTER"):
    roster += [n.strip() for n in Path(os.environ["CLOUDLAB_ROSTER"]).read_text().splitlines() if n.strip()]
c.JupyterHub.authenticator_class = "dummy"
c.DummyAuthenticator.password = os.environ.get("CLOUDLAB_CLASS_PASSWORD", "")
if not c.DummyAuthenticator.password:
    raise SystemExit("set CLOUDLAB_CLASS_PASSWORD: without it DummyAuthenticator lets anyone in")
c.Authenticator.allowed_users = set(roster)

# One local process per student, started as the hub's user (containers and CI run as root;
# a shared machine with Unix accounts would use the default LocalProcessSpawner instead).
c.JupyterHub.spawner_class = "simple"
c.SimpleLocalProcessSpawner.home_dir_template = str(state / "home" / "{username}")
c.Spawner.cmd = [str(bindir / "jupyterhub-singleuser")]
if os.getuid() == 0:
    c.Spawner.args = ["--allow-root"]
try:
    import jupyterlab  # noqa: F401

    c.Spawner.default_url = "/lab"
except ImportError:
    pass
# A whole class pressing "start" in the same minute on a small machine: be patient.
c.Spawner.start_timeout = 600
c.Spawner.http_timeout = 600
c.JupyterHub.concurrent_spawn_limit = 200
if os.environ.get("CLOUDLAB_ACTIVITY_EVERY"):
    every = os.environ["CLOUDLAB_ACTIVITY_EVERY"]
    c.Spawner.environment = {"JUPYTERHUB_ACTIVITY_INTERVAL": every}
    c.JupyterHub.last_activity_interval = int(every)

notebooks = Path(os.environ.get("CLOUDLAB_NOTEBOOKS", here.parent.parent / "notebooks"))


def copy_course(spawner):
    """The course notebooks go into a new student's home once; their edits are kept after."""
    home = Path(spawner.home_dir)
    home.mkdir(parents=True, exist_ok=True)
    for nb in sorted(notebooks.glob("*.ipynb")):
        if not (home / nb.name).exists():
            shutil.copy2(nb, home / nb.name)


c.Spawner.pre_spawn_hook = copy_course

# Idle servers are stopped (their kernels with them: the server shuts them down, and a kernel
# whose server died exits by itself).
c.JupyterHub.services = [
    {
        "name": "idle-culler",
        "command": [
            sys.executable, "-m", "jupyterhub_idle_culler",
            f"--timeout={os.environ.get('CLOUDLAB_CULL_TIMEOUT', '3600')}",
            f"--cull-every={os.environ.get('CLOUDLAB_CULL_EVERY', '300')}",
        ],
    }
]
c.JupyterHub.load_roles = [
    {
        "name": "idle-culler",
        "scopes": ["list:users", "read:users:activity", "read:servers", "delete:servers"],
        "services": ["idle-culler"],
    }
]
