"""05 — analysis for engineers: tables, SQL, charts, export, save."""

from cells import check, code, md, solution

SLUG = "05-analysis"

CELLS = [
    md(
        """
        # 05 · Analysis: the model as tables

        **What this notebook teaches** (for the engineers who prepare the course)

        - Every part of the model is a table: `tables` lists them with their columns.
        - `sql` queries them; `chart` plots a table or a query.
        - `export` writes a table to a file; `save` and `load` keep a whole session.
        - `assert` turns any of these into a self-grading check.
        """,
        """
        # 05 · 분석: 표로 보는 모델

        **이 노트북에서 배우는 것**(과정을 준비하는 엔지니어용)

        - 모델의 모든 부분은 표입니다. `tables`는 표와 열 목록을 보여 줍니다.
        - `sql`로 표를 질의하고, `chart`로 표나 질의 결과를 그립니다.
        - `export`는 표를 파일로 쓰고, `save`와 `load`는 세션 전체를 보관합니다.
        - `assert`는 이 모두를 자동 채점 검사로 바꿉니다.
        """,
    ),
    code(
        """
        # start from a clean lab, so Run All works a second time without a restart
        reset
        region ap-northeast-2
        vpc wizard --name lab --cidr 10.0.0.0/16 --azs 3 --public-subnets 3 --private-subnets 3 --nat-gateways per-az --s3-endpoint
        tables
        """
    ),
    md(
        """
        ## SQL over the model

        The SQL dialect is Polars SQL: `SELECT`, `WHERE`, `GROUP BY`, `ORDER BY`, joins and the
        usual aggregates.
        """,
        """
        ## 모델에 대한 SQL

        SQL 문법은 Polars SQL입니다. `SELECT`, `WHERE`, `GROUP BY`, `ORDER BY`, 조인, 일반적인 집계 함수를
        쓸 수 있습니다.
        """,
    ),
    code(
        """
        sql "SELECT availability_zone, count(*) AS subnets, sum(available_ip_address_count) AS free_ips FROM subnets GROUP BY availability_zone ORDER BY availability_zone"
        """
    ),
    code(
        """
        sql "SELECT instance_type, family, vcpus, memory_gib, gib_per_vcpu FROM instance_types WHERE family IN ('m7g','c7g','r7g') ORDER BY vcpus, gib_per_vcpu"
        chart scatter vcpus memory_gib --color family from _
        """
    ),
    md(
        """
        ## Export and save

        `export` writes any table as CSV, Parquet or JSON; `save` writes the whole session (the
        model and its settings) to a JSON file that `load` restores.
        """,
        """
        ## 내보내기와 저장

        `export`는 어떤 표든 CSV, Parquet, JSON으로 씁니다. `save`는 세션 전체(모델과 설정)를 JSON 파일로
        쓰고, `load`가 그 파일로 세션을 되살립니다.
        """,
    ),
    code(
        """
        export subnets /tmp/cloudlab-subnets.csv --format csv
        export routes /tmp/cloudlab-routes.parquet --format parquet
        export nat_gateways /tmp/cloudlab-nat-gateways.json --format json
        save /tmp/cloudlab-session.json
        load /tmp/cloudlab-session.json
        """
    ),
    md(
        """
        ## A check

        `assert sql` compares a query's single value with an expected one.
        """,
        """
        ## 검사

        `assert sql`은 질의 결과 값 하나를 기대값과 비교합니다.
        """,
    ),
    code(
        """
        assert sql "SELECT count(*) FROM subnets s JOIN vpcs v ON s.vpc_id = v.vpc_id WHERE v.name = 'lab-vpc'" = 6
        assert sql "SELECT count(*) FROM nat_gateways" = 3
        """
    ),
    md(
        """
        ## Exercises

        Each exercise has an **answer cell** (blank in the student version nbgrader makes, see
        `docs/nbgrader.md`; one solution in this instructor version) and a **check cell**. The
        checks read *your* query's result: `_`, the last table shown, which your answer cell sets.

        **Exercise 1.** Per availability zone, how many **private** subnets does the lab have, and
        how many free addresses do they hold? Write one `sql` query with the columns
        `availability_zone`, `private_subnets` and `free_ips`, one row per AZ.
        """,
        """
        ## 연습 문제

        연습 문제마다 **답 셀**(nbgrader로 만든 학생용 노트북에서는 비어 있음, `docs/nbgrader.md` 참고.
        이 강사용 노트북에는 풀이가 하나 있음)과 **확인 셀**이 있습니다. 확인은 *여러분의* 질의 결과, 즉
        답 셀이 마지막으로 보인 표 `_`를 읽습니다.

        **연습 1.** AZ마다 **프라이빗** 서브넷이 몇 개이고, 그 서브넷들에 남은 주소가 몇 개인가요? 열이
        `availability_zone`, `private_subnets`, `free_ips`이고 AZ마다 한 행인 `sql` 질의 하나를 쓰세요.
        """,
    ),
    solution(
        """
        sql "SELECT availability_zone, count(*) AS private_subnets, sum(available_ip_address_count) AS free_ips FROM subnets WHERE NOT public GROUP BY availability_zone ORDER BY availability_zone"
        """,
        "ex1-answer",
    ),
    check(
        """
        assert sql "SELECT count(*) FROM _" = 3
        assert sql "SELECT sum(private_subnets) FROM _" = 3
        """,
        "ex1-check",
        1,
        hidden="""
        assert sql "SELECT sum(free_ips) FROM _" = 12273
        assert sql "SELECT count(DISTINCT availability_zone) FROM _" = 3
        """,
    ),
    md(
        """
        **Exercise 2.** Of the Graviton families `m7g`, `c7g` and `r7g`, which 2-vCPU size has the
        most memory per vCPU? Answer with a query whose result is one row with the column
        `instance_type`.
        """,
        """
        **연습 2.** Graviton 패밀리 `m7g`, `c7g`, `r7g` 중에서 vCPU가 2개인 크기 가운데 vCPU당 메모리가 가장
        많은 것은 무엇인가요? 결과가 `instance_type` 열 하나짜리 한 행인 질의로 답하세요.
        """,
    ),
    solution(
        """
        sql "SELECT instance_type FROM instance_types WHERE family IN ('m7g','c7g','r7g') AND vcpus = 2 ORDER BY gib_per_vcpu DESC LIMIT 1"
        """,
        "ex2-answer",
    ),
    check(
        """
        assert sql "SELECT count(*) FROM _" = 1
        """,
        "ex2-check",
        1,
        hidden="""
        assert sql "SELECT instance_type FROM _" = r7g.large
        """,
    ),
]
