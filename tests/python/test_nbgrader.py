"""The course notebooks work with nbgrader itself.

nbgrader (from PyPI) makes the student version of each notebook with exercises
(`generate_assignment`), then grades three submissions with the cloudlab kernel
(`autograde`): the instructor version must score full marks, the blank student version
zero, and a student version whose answer cells hold a correct answer (different from the
instructor's) full marks again. A failing `assert` is an error output, which nbgrader
scores 0; hidden checks come back at grading time.

nbgrader is not in tests/python/requirements.txt (it is slow to install): tests/nbgrader.sh
makes its own venv and runs this file. Elsewhere the test is skipped when nbgrader is missing.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import NOTEBOOKS, cloudlab_binary

pytest.importorskip("nbgrader")

ASSIGNMENT = "course"

# A correct answer per answer cell (grade_id), written as a student might: not the
# instructor's solution word for word, so the checks are seen to test the result.
STUDENT_ANSWERS = {
    "01-network": {
        "ex1-answer": (
            "create-subnet --vpc-id prod --cidr-block 10.0.80.0/20 --availability-zone ap-northeast-2b --name public-b\n"
            "modify-subnet-attribute --subnet-id public-b --map-public-ip-on-launch\n"
            "associate-route-table --route-table-id public-rt --subnet-id public-b"
        ),
        "ex2-answer": "run-instances --instance-type t3.small --subnet-id public-c --security-group-ids web-sg --name web2",
        "ex3-answer": (
            "create-security-group --group-name reports --description reports --vpc-id analytics\n"
            "run-instances --instance-type t3.small --subnet-id analytics-a --security-group-ids reports --name report1\n"
            "authorize-security-group-ingress --group-id db-sg --protocol tcp --port 5432 --cidr 10.1.0.0/20\n"
            "replace-network-acl-entry --network-acl-id db-nacl --ingress --rule-number 100 --protocol tcp "
            "--port-range From=5432,To=5432 --cidr-block 10.0.0.0/8 --rule-action allow\n"
            "replace-network-acl-entry --network-acl-id db-nacl --egress --rule-number 100 --protocol tcp "
            "--port-range From=1024,To=65535 --cidr-block 10.0.0.0/8 --rule-action allow"
        ),
    },
    "02-compute": {
        "ex1-answer": "simulate autoscaling --auto-scaling-group-name web-asg --load steady:1500rps:20m --metrics basic --seed 5",
        "ex2-answer": "sql \"SELECT DISTINCT family FROM instance_types WHERE family IN ('m7g','c7g','r7g') AND gib_per_vcpu >= 8\"",
        "ex3-answer": "sql \"SELECT instance_type FROM region_offerings WHERE region = 'ap-northeast-2' AND instance_type LIKE 'c7g%.xlarge'\"",
    },
    "03-cost": {
        "ex1-answer": (
            "run-instances --instance-type m7g.large --subnet-id shop-subnet-private1-ap-northeast-2a --name app3\n"
            "terminate-instances --instance-ids app1"
        ),
        "ex2-answer": (
            "delete-nat-gateway --nat-gateway-id nat-per-az-nat-public1-ap-northeast-2c\n"
            "replace-route --route-table-id nat-per-az-rtb-private3-ap-northeast-2c --destination-cidr-block 0.0.0.0/0 "
            "--nat-gateway-id nat-per-az-nat-public1-ap-northeast-2a\n"
            "delete-nat-gateway --nat-gateway-id nat-per-az-nat-public1-ap-northeast-2b\n"
            "replace-route --route-table-id nat-per-az-rtb-private2-ap-northeast-2b --destination-cidr-block 0.0.0.0/0 "
            "--nat-gateway-id nat-per-az-nat-public1-ap-northeast-2a"
        ),
    },
    "04-database": {
        "ex1-answer": "simulate replication --engines aurora-postgresql,rds-postgres --write-rate 5000 --duration 90s --seed 11",
        "ex2-answer": (
            "aws rds create-db-instance --db-cluster-identifier shop --db-instance-identifier shop-reader-3 "
            "--engine aurora-mysql --db-instance-class db.r6g.large --promotion-tier 2"
        ),
    },
    "05-analysis": {
        "ex1-answer": (
            "sql \"SELECT availability_zone, sum(CASE WHEN public THEN 0 ELSE 1 END) AS private_subnets, "
            "sum(CASE WHEN public THEN 0 ELSE available_ip_address_count END) AS free_ips FROM subnets GROUP BY availability_zone\""
        ),
        "ex2-answer": "sql \"SELECT instance_type FROM instance_types WHERE vcpus = 2 AND family IN ('r7g','m7g','c7g') AND gib_per_vcpu = 8\"",
    },
    "06-storage": {
        "ex1-answer": (
            "create-subnet --vpc-id lab-vpc --cidr-block 10.0.3.0/24 --availability-zone us-east-1c --name app-c\n"
            "run-instances --instance-type t3.micro --subnet-id app-c --name web3\n"
            "create-volume --availability-zone us-east-1c --snapshot-id night2 --name data-c\n"
            "attach-volume --volume-id data-c --instance-id web3 --device /dev/sdg"
        ),
        "ex2-answer": "create-volume --region us-west-2 --availability-zone us-west-2a --size 10 --volume-type gp3 --encrypted --name west",
    },
}


def graded_notebooks() -> list[Path]:
    """English notebooks with nbgrader cells."""
    out = []
    for path in sorted(NOTEBOOKS.glob("*.ipynb")):
        nb = json.loads(path.read_text(encoding="utf-8"))
        if any("nbgrader" in c.get("metadata", {}) for c in nb["cells"]):
            out.append(path)
    return out


def nbgrader(course: Path, env: dict, *args: str) -> None:
    cmd = [sys.executable, "-m", "nbgrader", *args]
    r = subprocess.run(cmd, cwd=course, env=env, capture_output=True, text=True, timeout=900)
    assert r.returncode == 0, f"{' '.join(cmd)} failed:\n{r.stdout}\n{r.stderr}"


def fill_answers(nb: dict, answers: dict[str, str]) -> None:
    for cell in nb["cells"]:
        meta = cell.get("metadata", {}).get("nbgrader", {})
        if meta.get("solution") and meta.get("grade_id") in answers:
            cell["source"] = answers[meta["grade_id"]]


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    """Runs generate_assignment and autograde once; returns {(student, notebook): (score, max)}."""
    notebooks = graded_notebooks()
    assert notebooks, "no notebook has nbgrader exercise cells"
    course = tmp_path_factory.mktemp("nbgrader-course")
    prefix = course / "kernelspec"
    subprocess.run([str(cloudlab_binary()), "install", "--prefix", str(prefix)], check=True, stdout=subprocess.DEVNULL)
    env = dict(os.environ)
    env["JUPYTER_PATH"] = str(prefix / "share" / "jupyter")
    # nbgrader runs `alembic` from the venv it is installed in.
    env["PATH"] = str(Path(sys.executable).parent) + os.pathsep + env.get("PATH", "")
    (course / "nbgrader_config.py").write_text(
        "c = get_config()\n"
        f"c.CourseDirectory.root = {str(course)!r}\n"
        # cloudlab's comments start with `#`: the blanked answer cell is a comment.
        "c.ClearSolutions.code_stub = {'cloudlab': '# YOUR ANSWER HERE'}\n"
        "c.ExecutePreprocessor.timeout = 600\n",
        encoding="utf-8",
    )
    source = course / "source" / ASSIGNMENT
    source.mkdir(parents=True)
    for nb in notebooks:
        shutil.copy(nb, source / nb.name)
    nbgrader(course, env, "generate_assignment", ASSIGNMENT, "--force")

    release = course / "release" / ASSIGNMENT
    for student in ("instructor", "blank", "student"):
        (course / "submitted" / student / ASSIGNMENT).mkdir(parents=True)
    for nb in notebooks:
        released = json.loads((release / nb.name).read_text(encoding="utf-8"))
        # The student version hides the solutions and the hidden checks.
        text = json.dumps(released)
        assert "BEGIN SOLUTION" not in text and "BEGIN HIDDEN TESTS" not in text, nb.name
        shutil.copy(nb, course / "submitted" / "instructor" / ASSIGNMENT / nb.name)
        shutil.copy(release / nb.name, course / "submitted" / "blank" / ASSIGNMENT / nb.name)
        fill_answers(released, STUDENT_ANSWERS[nb.stem])
        (course / "submitted" / "student" / ASSIGNMENT / nb.name).write_text(json.dumps(released), encoding="utf-8")
    nbgrader(course, env, "autograde", ASSIGNMENT, "--force")

    from nbgrader.api import Gradebook

    scores = {}
    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gb:
        for student in ("instructor", "blank", "student"):
            for nb in notebooks:
                sub = gb.find_submission_notebook(nb.stem, ASSIGNMENT, student)
                scores[(student, nb.stem)] = (sub.score, sub.max_score)
    return scores


def test_every_exercise_has_a_student_answer():
    for nb in graded_notebooks():
        data = json.loads(nb.read_text(encoding="utf-8"))
        ids = {c["metadata"]["nbgrader"]["grade_id"] for c in data["cells"]
               if c.get("metadata", {}).get("nbgrader", {}).get("solution")}
        assert ids and ids <= set(STUDENT_ANSWERS.get(nb.stem, {})), (nb.name, ids)


def test_instructor_version_scores_full_marks(graded):
    for (student, nb), (score, top) in graded.items():
        if student == "instructor":
            assert top > 0 and score == top, (nb, score, top)


def test_blank_student_version_scores_zero(graded):
    for (student, nb), (score, top) in graded.items():
        if student == "blank":
            assert top > 0 and score == 0, (nb, score, top)


def test_a_correct_student_answer_scores_full_marks(graded):
    for (student, nb), (score, top) in graded.items():
        if student == "student":
            assert top > 0 and score == top, (nb, score, top)
