"""04 — the database session: RDS, Multi-AZ, read replicas, Aurora, failover, Backtrack."""

from cells import check, code, md, solution

SLUG = "04-database"

RDS_DOC = "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide"
AURORA_DOC = "https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide"
PAPER = (
    "https://assets.amazon.science/dc/2b/4ef2b89649f9a393d37d3e042f4e/"
    "amazon-aurora-design-considerations-for-high-throughput-cloud-native-relational-databases.pdf"
)
MYSQL_WORKERS = (
    "https://dev.mysql.com/doc/refman/8.0/en/replication-options-replica.html#sysvar_replica_parallel_workers"
)
QUORUM_BLOG = "https://aws.amazon.com/blogs/database/amazon-aurora-under-the-hood-quorum-and-correlated-failure/"

CELLS = [
    md(
        """
        # 04 · Databases: RDS, Multi-AZ, read replicas and Aurora

        **What this notebook teaches**

        - How application architecture moved from the mainframe to microservices, and why that
          led to purpose-built databases.
        - Amazon RDS: its engines, Multi-AZ deployments and (asynchronous) read replicas.
        - Amazon Aurora: one shared storage volume across three AZs, and replicas on top of it.
        - Replica lag and failover time, measured with `simulate replication` and
          `simulate failover`.
        - Storage growth limits, Backtrack, zero-downtime patching and cloning.
        """,
        """
        # 04 · 데이터베이스: RDS, Multi-AZ, 읽기 전용 복제본, Aurora

        **이 노트북에서 배우는 것**

        - 애플리케이션 아키텍처가 메인프레임에서 마이크로서비스로 옮겨 온 과정과, 그것이 목적별
          데이터베이스(purpose-built database)로 이어진 이유.
        - Amazon RDS: 엔진, Multi-AZ 배포, (비동기) 읽기 전용 복제본(read replica).
        - Amazon Aurora: 세 AZ에 걸친 하나의 공유 스토리지 볼륨과 그 위의 복제본.
        - `simulate replication`과 `simulate failover`로 재는 복제 지연(replica lag)과 장애 조치(failover) 시간.
        - 스토리지 증가 한도, Backtrack, 무중단 패치(zero-downtime patching), 복제(cloning).
        """,
    ),
    md(
        """
        ## 1. From the mainframe to microservices

        | Era | Shape | The database |
        |---|---|---|
        | Mainframe | one central computer, terminals | one system holds everything |
        | Client/server | desktop clients talk to a server | one relational database shared by the clients |
        | 3-tier | browser → application servers → database | one large relational database behind many app servers |
        | Microservices | many small services, each deployed on its own | **each service owns its data**, in the store that fits it |

        Once each service owns its data, it can pick a database for its access pattern instead of
        fitting everything into one relational schema. AWS calls these **purpose-built databases**:
        relational (RDS, Aurora), key-value (DynamoDB), in-memory (ElastiCache, MemoryDB),
        document (DocumentDB), graph (Neptune), time series (Timestream) and ledger. This notebook
        covers the relational ones.
        """,
        """
        ## 1. 메인프레임에서 마이크로서비스로

        | 시대 | 형태 | 데이터베이스 |
        |---|---|---|
        | 메인프레임 | 중앙 컴퓨터 한 대와 단말기 | 한 시스템이 모든 것을 가짐 |
        | 클라이언트/서버 | 데스크톱 클라이언트가 서버와 통신 | 클라이언트들이 함께 쓰는 관계형 데이터베이스 하나 |
        | 3계층 | 브라우저 → 애플리케이션 서버 → 데이터베이스 | 여러 앱 서버 뒤의 큰 관계형 데이터베이스 하나 |
        | 마이크로서비스 | 각각 따로 배포되는 작은 서비스 여러 개 | **서비스마다 자기 데이터를 소유**하고, 맞는 저장소를 씀 |

        서비스가 자기 데이터를 소유하면, 모든 것을 하나의 관계형 스키마에 맞추는 대신 접근 패턴에 맞는
        데이터베이스를 고를 수 있습니다. AWS는 이를 **목적별 데이터베이스**(purpose-built databases)라고
        부릅니다. 관계형(RDS, Aurora), 키-값(DynamoDB), 인메모리(ElastiCache, MemoryDB), 문서(DocumentDB),
        그래프(Neptune), 시계열(Timestream), 원장(ledger) 등입니다. 이 노트북은 관계형을 다룹니다.
        """,
    ),
    md(
        f"""
        ## 2. Amazon RDS

        RDS runs a database engine for you: Db2, MariaDB, MySQL, Oracle, PostgreSQL or SQL Server
        (Aurora is a separate, AWS-built engine)
        ([getting started]({RDS_DOC}/CHAP_GettingStarted.html)). It handles provisioning,
        backups, patching and failover; you choose the engine, the DB instance class
        (`db.` + an instance type) and the storage.

        **Multi-AZ DB instance**: a **synchronous** standby in another AZ. Every commit is written
        to both, the standby serves **no reads**, and failover typically takes **60–120 seconds**
        ([Multi-AZ]({RDS_DOC}/Concepts.MultiAZSingleStandby.html)). It is about availability, not
        scale, and costs about twice a Single-AZ instance.

        **Read replicas** are built from a snapshot and then kept up to date by the engine's
        **asynchronous** replication, so they can lag behind. They serve reads, can be in another
        Region, and can be promoted to stand-alone instances; MySQL, MariaDB and PostgreSQL allow
        up to 15 per source ([read replicas]({RDS_DOC}/USER_ReadRepl.html)).
        """,
        f"""
        ## 2. Amazon RDS

        RDS는 데이터베이스 엔진을 대신 운영합니다. 엔진은 Db2, MariaDB, MySQL, Oracle, PostgreSQL,
        SQL Server입니다(Aurora는 AWS가 만든 별도 엔진)
        ([getting started]({RDS_DOC}/CHAP_GettingStarted.html)). 프로비저닝, 백업, 패치, 장애 조치를
        RDS가 맡고, 사용자는 엔진, DB 인스턴스 클래스(`db.` + 인스턴스 유형), 스토리지를 고릅니다.

        **Multi-AZ DB instance**: 다른 AZ에 **동기식**(synchronous) 대기 인스턴스(standby)를 둡니다. 모든
        커밋이 양쪽에 기록되고, standby는 **읽기를 처리하지 않으며**, 장애 조치는 보통 **60–120초**
        걸립니다([Multi-AZ]({RDS_DOC}/Concepts.MultiAZSingleStandby.html)). 확장이 아니라 가용성을 위한
        것이고, 비용은 Single-AZ의 약 두 배입니다.

        **읽기 전용 복제본**(read replica)은 스냅샷으로 만든 뒤 엔진의 **비동기**(asynchronous) 복제로
        따라가므로 뒤처질 수 있습니다. 읽기를 처리하고, 다른 리전에 둘 수 있으며, 독립 인스턴스로 승격할 수
        있습니다. MySQL, MariaDB, PostgreSQL은 원본 하나에 최대 15개까지 허용합니다
        ([read replicas]({RDS_DOC}/USER_ReadRepl.html)).
        """,
    ),
    code(
        """
        # start from a clean lab, so Run All works a second time without a restart
        reset
        region ap-northeast-2
        create-db-instance --db-instance-identifier orders --engine postgres --db-instance-class db.r6g.large --allocated-storage 100 --multi-az
        create-db-instance-read-replica --db-instance-identifier orders-ro1 --source-db-instance-identifier orders
        create-db-instance-read-replica --db-instance-identifier orders-ro2 --source-db-instance-identifier orders
        describe-db-instances
        """
    ),
    md(
        f"""
        ## 3. Amazon Aurora: shared storage and replicas

        An Aurora **DB cluster** separates compute from storage. All its instances share **one
        cluster volume** that is copied across **three AZs** whatever the number of instances,
        grows automatically, and bills only the space used
        ([Aurora storage]({AURORA_DOC}/Aurora.Overview.StorageReliability.html)). Data is kept
        in 10 GB segments, each stored **6 times, 2 per AZ**; a write needs 4 of the 6 copies and
        a read 3. So writes go on when a whole AZ is lost (4 copies left), and reads, and the
        repair of the lost copies, go on even after an AZ plus one more copy is lost
        ([quorum design](https://aws.amazon.com/blogs/database/amazon-aurora-under-the-hood-quorum-and-correlated-failure/)).

        One instance is the **writer**; up to **15 Aurora Replicas** read the same volume, so they
        do not replay a log of their own: their lag is usually well under 100 ms
        ([Aurora replication]({AURORA_DOC}/Aurora.Replication.html)).
        """,
        f"""
        ## 3. Amazon Aurora: 공유 스토리지와 복제본

        Aurora **DB cluster**는 컴퓨팅과 스토리지를 분리합니다. 모든 인스턴스가 **클러스터 볼륨 하나**를
        함께 쓰며, 이 볼륨은 인스턴스 수와 관계없이 **세 AZ**에 복사되고, 자동으로 커지며, 쓴 만큼만
        과금됩니다([Aurora storage]({AURORA_DOC}/Aurora.Overview.StorageReliability.html)). 데이터는
        10 GB 세그먼트로 나뉘어 **6벌, AZ마다 2벌**씩 저장됩니다. 쓰기는 6벌 중 4벌, 읽기는 3벌이 필요합니다.
        그래서 AZ 하나를 통째로 잃어도(4벌 남음) 쓰기가 계속되고, AZ 하나와 복사본 하나를 더 잃어도 읽기와
        잃은 복사본의 복구는 계속됩니다
        ([quorum design](https://aws.amazon.com/blogs/database/amazon-aurora-under-the-hood-quorum-and-correlated-failure/)).

        인스턴스 하나가 **writer**이고, 최대 **15개의 Aurora Replica**가 같은 볼륨을 읽습니다. 그래서 자기
        로그를 따로 재생하지 않으며, 지연은 보통 100 ms보다 훨씬 짧습니다
        ([Aurora replication]({AURORA_DOC}/Aurora.Replication.html)).
        """,
    ),
    code(
        """
        create-db-cluster --db-cluster-identifier shop --engine aurora-mysql --backtrack-window 86400
        create-db-instance --db-instance-identifier shop-writer --db-cluster-identifier shop --engine aurora-mysql --db-instance-class db.r6g.large
        create-db-instance --db-instance-identifier shop-reader-1 --db-cluster-identifier shop --engine aurora-mysql --db-instance-class db.r6g.large --promotion-tier 0
        create-db-instance --db-instance-identifier shop-reader-2 --db-cluster-identifier shop --engine aurora-mysql --db-instance-class db.r6g.large --promotion-tier 1
        describe-db-clusters --db-cluster-identifier shop
        simulate storage-loss
        """
    ),
    md(
        f"""
        ## 4. Replica lag: RDS read replicas versus Aurora Replicas

        The Aurora paper (Verbitski et al., SIGMOD 2017, Table 4; [PDF]({PAPER})) measured
        replica lag under a write-only SysBench load:

        | Writes/s | Aurora | MySQL 5.6 binlog replica |
        |---|---|---|
        | 1,000 | 2.62 ms | < 1 s |
        | 2,000 | 3.42 ms | 1 s |
        | 5,000 | 3.94 ms | 60 s |
        | 10,000 | 5.38 ms | 300 s |

        **Why MySQL lags.** The primary writes each transaction to its binary log; the replica
        receives it, writes it to its relay log, and an applier replays the transactions one
        after another. In MySQL 5.6 that applier is a single thread: it redoes alone what the
        primary did on many connections, and pays the replica's own commits and page writes
        ([MySQL read replicas]({RDS_DOC}/USER_MySQL.Replication.ReadReplicas.html)). Below its
        capacity the replica catches up; above it the backlog, and the lag, grow for as long as
        the load lasts. **Why Aurora does not.** The writer sends only redo log records, to the
        six storage copies and to its replicas; a replica applies a record only to a page it
        has cached, so its lag stays in milliseconds
        ([Aurora replication]({AURORA_DOC}/Aurora.Replication.html)).

        `simulate replication` models both pipelines. Its defaults reproduce the table's shape
        in a 10-minute run: `lag_mean_ms` is the mean lag over the last minute, next to the
        paper's value in `paper_lag`. Every parameter is listed with its unit and source;
        values marked "calibrated" were chosen to reproduce the table.
        """,
        f"""
        ## 4. 복제 지연: RDS 읽기 전용 복제본과 Aurora Replica

        Aurora 논문(Verbitski et al., SIGMOD 2017, Table 4; [PDF]({PAPER}))은 쓰기 전용 SysBench
        부하에서 복제 지연을 쟀습니다.

        | 초당 쓰기 | Aurora | MySQL 5.6 binlog 복제본 |
        |---|---|---|
        | 1,000 | 2.62 ms | 1초 미만 |
        | 2,000 | 3.42 ms | 1초 |
        | 5,000 | 3.94 ms | 60초 |
        | 10,000 | 5.38 ms | 300초 |

        **MySQL이 뒤처지는 이유.** primary는 트랜잭션마다 binary log에 기록하고, 복제본은 그것을 받아
        relay log에 쓴 뒤 applier가 트랜잭션을 하나씩 다시 실행합니다. MySQL 5.6에서 applier는 스레드
        하나입니다. primary가 여러 연결로 나눠 한 일을 혼자 다시 하고, 복제본 자신의 커밋과 페이지 쓰기
        비용도 치릅니다([MySQL read replicas]({RDS_DOC}/USER_MySQL.Replication.ReadReplicas.html)).
        처리 용량 아래에서는 복제본이 따라잡지만, 그 위에서는 부하가 계속되는 동안 밀린 작업과 지연이
        계속 늘어납니다. **Aurora가 뒤처지지 않는 이유.** writer는 redo 로그 레코드만 여섯 개의 스토리지
        사본과 복제본에 보냅니다. 복제본은 캐시에 있는 페이지에만 레코드를 적용하므로 지연이 밀리초
        단위에 머뭅니다([Aurora replication]({AURORA_DOC}/Aurora.Replication.html)).

        `simulate replication`은 두 파이프라인을 모델링합니다. 기본값으로 10분을 돌리면 표의 모양이
        재현됩니다. `lag_mean_ms`는 마지막 1분 동안의 평균 지연이고, 옆의 `paper_lag`가 논문의 값입니다.
        매개변수는 모두 단위와 출처와 함께 표시되며, "calibrated"로 표시된 값은 표를 재현하도록 고른
        값입니다.
        """,
    ),
    code(
        """
        simulate replication --engines rds-mysql,aurora-mysql --write-rate 1000,2000,5000,10000 --duration 10m --replicas 2 --seed 7
        """
    ),
    md(
        f"""
        Current MySQL (8.0) can replay the binary log with several workers
        (`replica_parallel_workers`, 4 by default from 8.0.27;
        [MySQL reference]({MYSQL_WORKERS})). With 8 workers the same replica keeps up at
        10,000 writes/s and its lag stays well under a second; Aurora's stays in milliseconds.

        **Commit latency.** An Aurora commit waits for 4 of the 6 storage copies. Only two are
        in the writer's AZ, so every commit pays a round trip to another AZ; in exchange the two
        slowest copies never delay it, writes survive the loss of a whole AZ, and reads survive
        an AZ plus one more copy ([quorum design]({QUORUM_BLOG})). The last chart shows the
        commit latency of both engines.
        """,
        f"""
        현재 MySQL(8.0)은 여러 worker로 binary log를 다시 실행할 수 있습니다(`replica_parallel_workers`,
        8.0.27부터 기본값 4; [MySQL reference]({MYSQL_WORKERS})). worker가 8개이면 같은 복제본이
        초당 10,000건에서도 따라잡고, 지연은 1초에 한참 못 미칩니다. Aurora는 여전히 밀리초 단위입니다.

        **커밋 지연.** Aurora의 커밋은 스토리지 사본 6개 중 4개를 기다립니다. writer의 AZ에는 사본이 두
        개뿐이므로 커밋마다 다른 AZ까지의 왕복 시간을 치릅니다. 그 대가로 가장 느린 두 사본은 커밋을 늦추지
        못하고, AZ 하나를 통째로 잃어도 쓰기가 계속되며, AZ 하나와 사본 하나를 더 잃어도 읽기가 계속됩니다
        ([quorum design]({QUORUM_BLOG})). 마지막 차트는 두 엔진의 커밋 지연을 보여 줍니다.
        """,
    ),
    code(
        """
        simulate replication --engines rds-mysql,aurora-mysql --write-rate 1000,2000,5000,10000 --duration 10m --replicas 2 --seed 7 --parallel-workers 8
        """
    ),
    md(
        f"""
        ## 5. Failover

        When the writer fails, each design recovers differently
        ([RDS Multi-AZ]({RDS_DOC}/Concepts.MultiAZSingleStandby.html),
        [Multi-AZ DB cluster]({RDS_DOC}/multi-az-db-clusters-concepts.html),
        [Aurora high availability]({AURORA_DOC}/Concepts.AuroraHighAvailability.html)):

        | Design | Typical failover |
        |---|---|
        | RDS Multi-AZ DB instance | 60–120 s |
        | RDS Multi-AZ DB cluster (1 writer, 2 readable standbys) | under 35 s |
        | Aurora with a replica | under 60 s, often under 30 s |
        | Aurora without a replica | a new instance is created, under 10 minutes |

        The timeline shows detection, promotion and the DNS change for each.
        """,
        f"""
        ## 5. 장애 조치(failover)

        writer가 실패하면 설계마다 복구 방식이 다릅니다
        ([RDS Multi-AZ]({RDS_DOC}/Concepts.MultiAZSingleStandby.html),
        [Multi-AZ DB cluster]({RDS_DOC}/multi-az-db-clusters-concepts.html),
        [Aurora high availability]({AURORA_DOC}/Concepts.AuroraHighAvailability.html)).

        | 설계 | 일반적인 장애 조치 시간 |
        |---|---|
        | RDS Multi-AZ DB instance | 60–120초 |
        | RDS Multi-AZ DB cluster(writer 1, 읽기 가능한 standby 2) | 35초 미만 |
        | 복제본이 있는 Aurora | 60초 미만, 흔히 30초 미만 |
        | 복제본이 없는 Aurora | 새 인스턴스를 만듦, 10분 미만 |

        타임라인은 설계마다 감지, 승격, DNS 변경 단계를 보여 줍니다.
        """,
    ),
    code(
        """
        simulate failover --engines rds-multi-az,rds-multi-az-cluster,aurora,aurora-no-replica --seed 1
        """
    ),
    md(
        """
        Fail the cluster over on purpose: the reader with the best promotion tier becomes the
        writer. (`reboot-db-instance --force-failover` does the same for a Multi-AZ DB instance.)
        """,
        """
        일부러 클러스터를 장애 조치해 봅니다. promotion tier가 가장 좋은 reader가 writer가 됩니다.
        (Multi-AZ DB instance에서는 `reboot-db-instance --force-failover`가 같은 일을 합니다.)
        """,
    ),
    code(
        """
        failover-db-cluster --db-cluster-identifier shop
        reboot-db-instance --db-instance-identifier orders --force-failover
        describe-events --source-identifier shop
        """
    ),
    md(
        f"""
        ## 6. Storage growth, Backtrack, patching and cloning

        - **Storage growth.** An Aurora volume grows by itself up to its maximum: 128 TiB for
          most versions (the current documentation gives 256 TiB for specific engine versions),
          and shrinks when data is dropped
          ([Aurora storage]({AURORA_DOC}/Aurora.Overview.StorageReliability.html)). An RDS instance
          has the storage you allocate (up to 64 TiB for most engines) and can auto-scale it
          ([RDS storage]({RDS_DOC}/CHAP_Storage.html)).
        - **Backtrack** (Aurora MySQL only, enabled when the cluster is created) rewinds the whole
          cluster in place to a point within its window (up to 72 hours) without restoring a
          backup; the cluster is briefly unavailable while it rewinds ([Backtrack]({AURORA_DOC}/AuroraMySQL.Managing.Backtrack.html)).
        - **Zero-downtime patching** (Aurora MySQL) keeps client connections during an engine
          upgrade, on a best-effort basis, with a short dip in throughput
          ([patching]({AURORA_DOC}/AuroraMySQL.Updates.Patching.html)).
        - **Cloning** creates a new cluster that shares the volume's pages **copy-on-write**: it
          is ready quickly and only pages changed afterwards take new space
          ([cloning]({AURORA_DOC}/Aurora.Managing.Clone.html)).

        The lab has no wall clock: its RDS clock starts at 2025-01-01 00:00 UTC and moves 10
        minutes with every change, so `--backtrack-to` names a time on that clock
        (`describe-events` shows it).
        """,
        f"""
        ## 6. 스토리지 증가, Backtrack, 패치, 복제(cloning)

        - **스토리지 증가.** Aurora 볼륨은 최대치까지 스스로 커집니다. 대부분의 버전에서 128 TiB이고(최신
          문서는 특정 엔진 버전에 대해 256 TiB), 데이터를 지우면 줄어듭니다
          ([Aurora storage]({AURORA_DOC}/Aurora.Overview.StorageReliability.html)). RDS 인스턴스는
          할당한 만큼의 스토리지(대부분의 엔진에서 최대 64 TiB)를 가지며 자동 확장할 수 있습니다
          ([RDS storage]({RDS_DOC}/CHAP_Storage.html)).
        - **Backtrack**(Aurora MySQL 전용, 클러스터를 만들 때 켬)은 클러스터 전체를 그 자리에서 최대
          72시간의 창 안의 한 시점으로 되감습니다. 백업에서 복원할 필요가 없으며, 되감는 동안 클러스터를 잠깐
          쓸 수 없습니다([Backtrack]({AURORA_DOC}/AuroraMySQL.Managing.Backtrack.html)).
        - **무중단 패치**(Aurora MySQL)는 엔진 업그레이드 중에도 클라이언트 연결을 최선의 노력으로
          유지하며, 처리량이 잠깐 떨어집니다([patching]({AURORA_DOC}/AuroraMySQL.Updates.Patching.html)).
        - **복제(cloning)**는 볼륨의 페이지를 **copy-on-write**로 공유하는 새 클러스터를 만듭니다. 금방
          준비되고, 나중에 바뀐 페이지만 새 공간을 차지합니다
          ([cloning]({AURORA_DOC}/Aurora.Managing.Clone.html)).

        실습 모델에는 실제 시계가 없습니다. RDS 시계는 2025-01-01 00:00 UTC에서 시작해 변경이 있을 때마다
        10분씩 갑니다. 그래서 `--backtrack-to`에는 그 시계의 시각을 씁니다(`describe-events`로 확인).
        """,
    ),
    code(
        """
        restore-db-cluster-to-point-in-time --db-cluster-identifier shop-test --source-db-cluster-identifier shop --restore-type copy-on-write --use-latest-restorable-time
        modify-db-cluster --db-cluster-identifier shop --engine-version 8.0.mysql_aurora.3.06.0 --apply-immediately
        backtrack-db-cluster --db-cluster-identifier shop --backtrack-to 2025-01-01T01:00:00Z
        describe-events --source-identifier shop
        """
    ),
    md(
        """
        ## 7. Self-managed or managed, the six engines, promotion

        ### Self-managed or managed

        | You run the database on EC2 (self-managed) | RDS / Aurora (managed) |
        |---|---|
        | you install, patch and upgrade the OS and the engine | AWS patches in the maintenance window you choose |
        | you script backups and test restores | automated backups, point-in-time restore, snapshots |
        | you build replication and failover | Multi-AZ and read replicas by a setting |
        | full control: any engine, version, extension, OS access | no OS access; the engines and versions RDS offers |
        | you pay for the instances and volumes only | the same resources plus the managed service's share of the price |

        Under the shared responsibility model, the managed service moves the OS and engine work
        to AWS; the schema, the queries, the access rules and the data stay yours.

        ### The six RDS engines

        One DB instance of each engine (the Oracle and SQL Server editions as the CLI spells
        them). Aurora is not in the list: it is its own engine, below.
        """,
        """
        ## 7. 직접 운영과 관리형, 엔진 여섯 가지, 승격

        ### 직접 운영할까, 관리형을 쓸까

        | EC2에서 직접 운영(self-managed) | RDS / Aurora(관리형, managed) |
        |---|---|
        | OS와 엔진의 설치, 패치, 업그레이드를 직접 한다 | 고른 유지 관리 기간에 AWS가 패치한다 |
        | 백업을 스크립트로 만들고 복원을 직접 시험한다 | 자동 백업, 특정 시점 복원, 스냅샷 |
        | 복제와 장애 조치를 직접 만든다 | Multi-AZ와 읽기 전용 복제본을 설정 하나로 |
        | 완전한 통제: 어떤 엔진, 버전, 확장, OS 접근이든 | OS 접근 없음, RDS가 제공하는 엔진과 버전만 |
        | 인스턴스와 볼륨 값만 낸다 | 같은 자원 값에 관리형 서비스 몫이 더해진다 |

        공동 책임 모델에서 관리형 서비스는 OS와 엔진 작업을 AWS 쪽으로 옮깁니다. 스키마, 쿼리, 접근 규칙,
        데이터는 여전히 사용자의 책임입니다.

        ### RDS의 엔진 여섯 가지

        엔진마다 DB 인스턴스를 하나씩 만듭니다(Oracle과 SQL Server는 CLI가 쓰는 에디션 이름으로). Aurora는
        목록에 없습니다. Aurora는 별도 엔진이며 아래에서 다룹니다.
        """,
    ),
    code(
        """
        create-db-instance --db-instance-identifier e-mysql --engine mysql --db-instance-class db.t3.micro --allocated-storage 20
        create-db-instance --db-instance-identifier e-mariadb --engine mariadb --db-instance-class db.t3.micro --allocated-storage 20
        create-db-instance --db-instance-identifier e-oracle --engine oracle-ee --db-instance-class db.m5.large --allocated-storage 20
        create-db-instance --db-instance-identifier e-sqlserver --engine sqlserver-ee --db-instance-class db.m5.large --allocated-storage 20
        create-db-instance --db-instance-identifier e-db2 --engine db2-se --db-instance-class db.m5.large --allocated-storage 20
        sql "SELECT db_instance_identifier, engine, db_instance_class, role, availability_zone FROM db_instances ORDER BY engine"
        """
    ),
    md(
        """
        ### Promoting a read replica

        A read replica can be **promoted** to a standalone DB instance: replication stops, it
        accepts writes, and it no longer follows its source (used for a reporting copy that must
        diverge, or to recover in another Region). Promotion cannot be undone, and an instance
        that is not a replica cannot be promoted:
        """,
        """
        ### 읽기 전용 복제본 승격

        읽기 전용 복제본은 독립 DB 인스턴스로 **승격**(promote)할 수 있습니다. 복제가 멈추고, 쓰기를 받으며,
        더 이상 원본을 따라가지 않습니다(따로 갈라져야 하는 보고용 사본, 또는 다른 리전에서의 복구에 씁니다).
        승격은 되돌릴 수 없고, 복제본이 아닌 인스턴스는 승격할 수 없습니다.
        """,
    ),
    code(
        """
        create-db-instance-read-replica --db-instance-identifier orders-report --source-db-instance-identifier orders
        promote-read-replica --db-instance-identifier orders-report
        sql "SELECT db_instance_identifier, role, replica_source FROM db_instances WHERE db_instance_identifier LIKE 'orders%'"
        assert fails InvalidDBInstanceState -- promote-read-replica --db-instance-identifier orders-report
        """
    ),
    md(
        """
        ### MySQL- and PostgreSQL-compatible

        Aurora comes in two editions, **Aurora MySQL** and **Aurora PostgreSQL**: each speaks the
        wire protocol and SQL of its open-source engine (at given major versions), so the same
        drivers, tools and most applications work unchanged. AWS states that Aurora delivers
        **"up to five times the throughput of MySQL"** (and up to three times that of
        PostgreSQL) on the same hardware. That is **AWS's claim**, from its own benchmarks
        (SysBench, chosen instance sizes and settings). The lab cannot check it: it models
        Aurora's storage quorum, replica lag and failover, not query execution, so it says
        nothing about throughput; your own workload, measured, is the only answer.
        """,
        """
        ### MySQL 호환, PostgreSQL 호환

        Aurora에는 **Aurora MySQL**과 **Aurora PostgreSQL** 두 가지가 있습니다. 각각 해당 오픈 소스 엔진의
        통신 프로토콜과 SQL을 그대로 쓰므로(정해진 메이저 버전 기준), 같은 드라이버와 도구, 대부분의
        애플리케이션이 그대로 동작합니다. AWS는 Aurora가 같은 하드웨어에서 **"MySQL 처리량의 최대 5배"**
        (PostgreSQL의 최대 3배)를 낸다고 말합니다. 이것은 AWS 자체 벤치마크(SysBench, 고른 인스턴스 크기와
        설정)에 근거한 **AWS의 주장**입니다. 실습 모델은 이를 확인할 수 없습니다. 모델은 Aurora의 스토리지
        쿼럼, 복제 지연, 장애 조치를 다룰 뿐 쿼리 실행은 다루지 않으므로 처리량에 대해서는 말할 수 없습니다.
        답은 직접 측정한 자신의 워크로드뿐입니다.
        """,
    ),
    code(
        """
        create-db-cluster --db-cluster-identifier catalog --engine aurora-postgresql
        create-db-instance --db-instance-identifier catalog-writer --db-cluster-identifier catalog --engine aurora-postgresql --db-instance-class db.r6g.large
        sql "SELECT db_cluster_identifier, engine, kind, writer, availability_zones FROM db_clusters"
        """
    ),
    md(
        """
        ## 8. Performance Insights: database load by SQL statement

        Performance Insights shows **database load** as **average active sessions** (AAS): how
        many sessions are, on average, working or waiting in the database, split by SQL statement
        and wait event; a load above the vCPU count means sessions queue for CPU
        ([Performance Insights](https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_PerfInsights.Overview.ActiveSessions.html)).
        The lab has no Performance Insights command and runs no SQL, so the table below is a
        **simulation with stated assumptions**: an invented workload of four statements for the
        `orders` instance (db.r6g.large, 2 vCPUs), each with a call rate and a mean time in the
        database; by Little's law a statement's load is calls per second × seconds per call.
        """,
        """
        ## 8. Performance Insights: SQL 문장별 데이터베이스 부하

        Performance Insights는 **데이터베이스 부하**를 **평균 활성 세션**(AAS)으로 보여 줍니다. 평균적으로 몇
        개의 세션이 데이터베이스 안에서 일하거나 기다리는지를 SQL 문장과 대기 이벤트별로 나눈 값이며, 부하가
        vCPU 수보다 크면 세션들이 CPU를 기다리며 줄을 선다는 뜻입니다
        ([Performance Insights](https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_PerfInsights.Overview.ActiveSessions.html)).
        실습 모델에는 Performance Insights 명령이 없고 SQL을 실행하지도 않으므로, 아래 표는 **가정을 밝힌
        시뮬레이션**입니다. `orders` 인스턴스(db.r6g.large, vCPU 2개)에 대해 지어낸 네 문장짜리 워크로드이며,
        문장마다 초당 호출 수와 데이터베이스 안에서 보내는 평균 시간을 정했습니다. 리틀의 법칙(Little's law)에
        따라 문장의 부하는 초당 호출 수 × 호출당 초입니다.
        """,
    ),
    code(
        """
        sql "SELECT column_0 AS sql_statement, column_1 AS wait_event, column_2 AS calls_per_sec, column_3 AS ms_per_call, column_2 * column_3 / 1000.0 AS load_aas FROM (VALUES ('SELECT * FROM orders WHERE customer_id = ?', 'CPU', 900, 1.2), ('UPDATE stock SET qty = qty - ? WHERE sku = ?', 'IO:XactSync', 150, 6.0), ('SELECT sum(total) FROM orders WHERE created_at > ?', 'IO:DataFileRead', 2, 900.0), ('INSERT INTO orders VALUES (?)', 'CPU', 150, 0.8)) AS t ORDER BY load_aas DESC"
        chart bar sql_statement load_aas --title "Simulated database load by SQL statement (AAS; orders has 2 vCPUs)" from _
        """
    ),
    md(
        """
        The report query (a full scan twice a second) is fewer than 1 call in 500 but the largest share of
        the load: the statement to tune first (an index on `created_at`) is found by load, not by
        call count. Total load ≈ 3.9 AAS on 2 vCPUs: sessions wait.
        """,
        """
        보고용 쿼리(초당 두 번의 전체 스캔)는 호출 500번 중 1번도 안 되지만 부하에서는 가장 큰 몫입니다. 먼저 튜닝할 문장
        (`created_at` 인덱스)은 호출 수가 아니라 부하로 찾습니다. 전체 부하는 vCPU 2개에 약 3.9 AAS이므로
        세션들이 기다립니다.
        """,
    ),
    md(
        """
        ## Exercises

        Each exercise has an **answer cell** (blank in the student version nbgrader makes, see
        `docs/nbgrader.md`; one solution in this instructor version) and a **check cell** whose
        `assert` lines look at what your answer did; grading adds hidden checks.

        **Exercise 1.** Run a replication simulation of your own for **PostgreSQL**: `rds-postgres`
        against `aurora-postgresql` at 5,000 writes per second for 2 minutes. Is the Aurora
        Replicas' p99 lag below 100 ms, and the RDS read replicas' lag larger?
        """,
        """
        ## 연습 문제

        연습 문제마다 **답 셀**(nbgrader로 만든 학생용에서는 비어 있고, `docs/nbgrader.md` 참고, 이 강사용에는
        풀이가 하나 들어 있음)과 **확인 셀**이 있습니다. 확인 셀의 `assert` 줄은 여러분의 답이 한 일을 보며,
        채점할 때 숨은 확인이 더해집니다.

        **연습 1.** **PostgreSQL**로 복제 시뮬레이션을 직접 돌리세요. 초당 쓰기 5,000건, 2분 동안
        `rds-postgres`와 `aurora-postgresql`을 비교합니다. Aurora Replica의 p99 지연은 100 ms 미만이고, RDS
        읽기 전용 복제본의 지연은 그보다 클까요?
        """,
    ),
    solution(
        """
        simulate replication --engines rds-postgres,aurora-postgresql --write-rate 5000 --duration 2m --seed 7
        """,
        "ex1-answer",
    ),
    check(
        """
        assert sql "SELECT count(*) FROM replication_summary WHERE engine = 'aurora-postgresql' AND write_rate = 5000" >= 1
        """,
        "ex1-check",
        1,
        hidden="""
        assert sql "SELECT max(lag_p99_ms) FROM replication_summary WHERE engine = 'aurora-postgresql' AND write_rate = 5000" < 100
        assert sql "SELECT count(*) FROM replication_summary WHERE engine = 'rds-postgres' AND write_rate = 5000" >= 1
        """,
    ),
    md(
        """
        **Exercise 2.** Add a third Aurora Replica `shop-reader-3` to the cluster `shop`
        (`db.r6g.large`, promotion tier 2), so that the cluster has four instances.
        """,
        """
        **연습 2.** 클러스터 `shop`에 세 번째 Aurora Replica `shop-reader-3`(`db.r6g.large`, 승격 계층 2)을
        추가해서 클러스터의 인스턴스가 네 개가 되게 하세요.
        """,
    ),
    solution(
        """
        create-db-instance --db-instance-identifier shop-reader-3 --db-cluster-identifier shop --engine aurora-mysql --db-instance-class db.r6g.large --promotion-tier 2
        """,
        "ex2-answer",
    ),
    check(
        """
        assert sql "SELECT count(*) FROM db_instances WHERE db_cluster_identifier = 'shop'" = 4
        """,
        "ex2-check",
        1,
        hidden="""
        assert sql "SELECT count(*) FROM db_instances WHERE db_instance_identifier = 'shop-reader-3' AND db_cluster_identifier = 'shop'" = 1
        """,
    ),
]
