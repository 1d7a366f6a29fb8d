"""06 — the storage session: EBS volumes and snapshots, encryption, instance store."""

from cells import check, code, md, solution

SLUG = "06-storage"

EBS_DOC = "https://docs.aws.amazon.com/ebs/latest/userguide"
EC2_DOC = "https://docs.aws.amazon.com/AWSEC2/latest/UserGuide"

CELLS = [
    md(
        """
        # 06 · Storage: EBS volumes, snapshots and instance store

        **What this notebook teaches**

        - An EBS volume is persistent block storage that lives on its own, in **one AZ**, and is
          attached to an instance in that AZ.
        - What a stop and a terminate keep: EBS volumes versus the **instance store** disks on the host.
        - Snapshots are **regional**: they move data to another AZ, and `copy-snapshot` moves it to
          another Region.
        - Encryption by default, per Region; an encrypted snapshot gives encrypted volumes.
        - The instance store of a type (count, size, NVMe SSD or HDD) comes with the type.
        - Choosing a volume type for a workload, and what it costs.
        """,
        """
        # 06 · 스토리지: EBS 볼륨, 스냅샷, 인스턴스 스토어

        **이 노트북에서 배우는 것**

        - EBS 볼륨은 인스턴스와 따로 존재하는 영구 블록 스토리지로, **한 AZ**에 있고 같은 AZ의
          인스턴스에 연결(attach)합니다.
        - 중지(stop)와 종료(terminate) 후에 남는 것: EBS 볼륨과 호스트에 붙은 **인스턴스 스토어** 디스크의 차이.
        - 스냅샷은 **리전** 단위입니다. 스냅샷으로 데이터를 다른 AZ로 옮기고, `copy-snapshot`으로 다른
          리전으로 옮깁니다.
        - 리전별 기본 암호화(encryption by default)와, 암호화된 스냅샷에서 만든 볼륨은 암호화된다는 규칙.
        - 인스턴스 유형이 정하는 인스턴스 스토어(개수, 크기, NVMe SSD 또는 HDD).
        - 워크로드에 맞는 볼륨 유형 고르기와 그 비용.
        """,
    ),
    md(
        f"""
        ## 1. A VPC with two AZs and two instances

        `web1` is an `m5d.large` in `us-east-1a`: the `d` in its name means it comes with instance
        store. `web2` is a `t3.micro` in `us-east-1b`, EBS only. Every launched instance gets a
        root volume made from its AMI's root snapshot (the default AMI's: 8 GiB gp3 at `/dev/xvda`,
        deleted with the instance by default — [root volume]({EC2_DOC}/RootDeviceStorage.html));
        its `SnapshotId` in `describe-volumes` names that snapshot.
        """,
        f"""
        ## 1. AZ 두 개짜리 VPC와 인스턴스 두 대

        `web1`은 `us-east-1a`의 `m5d.large`입니다. 이름의 `d`는 인스턴스 스토어가 딸려 있다는 뜻입니다.
        `web2`는 `us-east-1b`의 `t3.micro`로 EBS만 씁니다. 시작한 인스턴스마다 AMI의 루트 스냅샷에서
        만든 루트 볼륨이 생깁니다(기본 AMI는 `/dev/xvda`의 8 GiB gp3, 기본값으로 인스턴스와 함께 삭제 —
        [root volume]({EC2_DOC}/RootDeviceStorage.html)). `describe-volumes`의 `SnapshotId`가 그 스냅샷입니다.
        """,
    ),
    code(
        """
        # start from a clean lab, so Run All works a second time without a restart
        reset
        region us-east-1
        create-vpc --cidr-block 10.0.0.0/16 --name lab-vpc
        create-subnet --vpc-id lab-vpc --cidr-block 10.0.1.0/24 --availability-zone us-east-1a --name app-a
        create-subnet --vpc-id lab-vpc --cidr-block 10.0.2.0/24 --availability-zone us-east-1b --name app-b
        run-instances --instance-type m5d.large --subnet-id app-a --name web1
        run-instances --instance-type t3.micro --subnet-id app-b --name web2
        describe-volumes
        """
    ),
    md(
        f"""
        ## 2. Create a volume and attach it

        A volume is created in an AZ, with a type and a size
        ([create a volume]({EBS_DOC}/ebs-creating-volume.html)). gp3 gives 3,000 IOPS and
        125 MiB/s at any size. It attaches only to an instance **in the same AZ**
        ([attach]({EBS_DOC}/ebs-attaching-volume.html)) — the second cell shows AWS's refusal.
        """,
        f"""
        ## 2. 볼륨을 만들고 연결하기

        볼륨은 AZ, 유형, 크기를 정해 만듭니다([create a volume]({EBS_DOC}/ebs-creating-volume.html)).
        gp3는 크기와 상관없이 3,000 IOPS와 125 MiB/s를 줍니다. 볼륨은 **같은 AZ**의 인스턴스에만 연결됩니다
        ([attach]({EBS_DOC}/ebs-attaching-volume.html)). 두 번째 셀은 AWS가 거절하는 모습을 보여 줍니다.
        """,
    ),
    code(
        """
        create-volume --availability-zone us-east-1a --size 20 --volume-type gp3 --name data
        attach-volume --volume-id data --instance-id web1 --device /dev/sdf
        """
    ),
    md(
        """
        Attaching `data` to `web2`, which is in `us-east-1b`, is refused with AWS's error, and
        nothing changes (try it in a scratch cell):

        `An error occurred (InvalidVolume.ZoneMismatch) when calling the AttachVolume operation:
        The volume 'vol-…' is not in the same availability zone as instance 'i-…'`
        """,
        """
        `us-east-1b`에 있는 `web2`에 `data`를 연결하면 AWS의 오류로 거절되고, 아무것도 바뀌지 않습니다
        (빈 셀에서 직접 해 보세요):

        `An error occurred (InvalidVolume.ZoneMismatch) when calling the AttachVolume operation:
        The volume 'vol-…' is not in the same availability zone as instance 'i-…'`
        """,
    ),
    md(
        f"""
        ## 3. Write, stop, start: what persists

        `disk write` stands in for writing a file inside the OS. We write `orders.db` to the EBS
        volume and `cache.tmp` to the instance store disk `web1:0`, then stop and start `web1`.
        Instance store data survives a reboot but is lost on stop, hibernate and terminate: the
        instance moves to another host ([instance store]({EC2_DOC}/InstanceStorage.html)).
        """,
        f"""
        ## 3. 쓰고, 중지하고, 다시 시작하기: 무엇이 남는가

        `disk write`는 OS 안에서 파일을 쓰는 일을 대신합니다. EBS 볼륨에는 `orders.db`를, 인스턴스 스토어
        디스크 `web1:0`에는 `cache.tmp`를 쓴 다음 `web1`을 중지했다가 다시 시작합니다. 인스턴스 스토어의
        데이터는 재부팅에는 남지만 중지, 최대 절전, 종료에는 사라집니다. 인스턴스가 다른 호스트로 옮겨 가기
        때문입니다([instance store]({EC2_DOC}/InstanceStorage.html)).
        """,
    ),
    code(
        """
        disk write data orders.db
        disk write web1:0 cache.tmp
        survives web1
        """
    ),
    code(
        """
        stop-instances --instance-ids web1
        start-instances --instance-ids web1
        survives web1
        """
    ),
    md(
        f"""
        ## 4. Snapshot, and restore in another AZ

        A snapshot is stored by the **Region**, not the AZ, so a volume made from it can be in any
        AZ of the Region: this is how data moves between AZs
        ([snapshots]({EBS_DOC}/ebs-snapshots.html)). After a volume's first snapshot, later ones
        store only what changed (incremental). `copy-snapshot` copies it to another Region
        ([copy]({EBS_DOC}/ebs-copy-snapshot.html)).
        """,
        f"""
        ## 4. 스냅샷을 찍고 다른 AZ에 복원하기

        스냅샷은 AZ가 아니라 **리전**에 저장되므로, 스냅샷에서 만든 볼륨은 그 리전의 어느 AZ에나 둘 수
        있습니다. 이것이 데이터를 AZ 사이에서 옮기는 방법입니다([snapshots]({EBS_DOC}/ebs-snapshots.html)).
        한 볼륨의 첫 스냅샷 다음부터는 바뀐 부분만 저장합니다(증분, incremental). `copy-snapshot`은 다른
        리전으로 복사합니다([copy]({EBS_DOC}/ebs-copy-snapshot.html)).
        """,
    ),
    code(
        """
        create-snapshot --volume-id data --description "orders, night 1" --name night1
        disk write data invoices.db
        create-snapshot --volume-id data --description "orders, night 2" --name night2
        create-volume --availability-zone us-east-1b --snapshot-id night2 --volume-type gp3 --name data-b
        attach-volume --volume-id data-b --instance-id web2 --device /dev/sdf
        survives web2
        describe-snapshots --owner-ids self
        """
    ),
    code(
        """
        copy-snapshot --region ap-northeast-2 --source-region us-east-1 --source-snapshot-id night2 --description "DR copy in Seoul"
        describe-snapshots --owner-ids self --region ap-northeast-2
        """
    ),
    md(
        f"""
        ## 5. Encryption

        Encryption by default is a setting of each Region, off until you turn it on; it changes only
        volumes created afterwards ([encryption by default]({EBS_DOC}/encryption-by-default.html)).
        A snapshot of an encrypted volume is encrypted, and so is every volume restored from it;
        a copy can add encryption but never remove it ([EBS encryption]({EBS_DOC}/ebs-encryption.html)).
        """,
        f"""
        ## 5. 암호화

        기본 암호화는 리전마다 따로 켜는 설정이고, 켜기 전에는 꺼져 있습니다. 켠 뒤에 만드는 볼륨에만
        적용됩니다([encryption by default]({EBS_DOC}/encryption-by-default.html)). 암호화된 볼륨의 스냅샷은
        암호화되어 있고, 그 스냅샷에서 복원한 볼륨도 모두 암호화됩니다. 복사할 때 암호화를 더할 수는 있지만
        없앨 수는 없습니다([EBS encryption]({EBS_DOC}/ebs-encryption.html)).
        """,
    ),
    code(
        """
        get-ebs-encryption-by-default
        enable-ebs-encryption-by-default
        create-volume --availability-zone us-east-1a --size 50 --volume-type gp3 --name secure
        create-snapshot --volume-id secure --name secure-snap
        create-volume --availability-zone us-east-1c --snapshot-id secure-snap --volume-type gp3 --name secure-c
        get-ebs-encryption-by-default --region us-west-2
        describe-volumes --filters Name=encrypted,Values=true
        """
    ),
    md(
        f"""
        ## 6. The instance store of a type

        Instance store disks are physically attached to the host; the type fixes how many, how
        large, SSD or HDD, and whether they are NVMe devices. There are no snapshots of them, and
        their data is gone after a stop. On Nitro types they show up as NVMe devices after the
        EBS root (`/dev/nvme1n1`…) ([instance store volumes]({EC2_DOC}/InstanceStorage.html)).
        """,
        f"""
        ## 6. 인스턴스 유형의 인스턴스 스토어

        인스턴스 스토어 디스크는 호스트에 물리적으로 붙어 있고, 개수, 크기, SSD/HDD, NVMe 여부는 인스턴스
        유형이 정합니다. 스냅샷이 없고, 중지하면 데이터가 사라집니다. Nitro 유형에서는 EBS 루트 다음의 NVMe
        장치(`/dev/nvme1n1`…)로 보입니다([instance store volumes]({EC2_DOC}/InstanceStorage.html)).
        """,
    ),
    code(
        """
        instance-store i4i.large m5d.large i3en.24xlarge d3.xlarge t3.micro
        """
    ),
    md(
        f"""
        The root device itself can be on the instance store: an **instance-store-backed AMI**
        (`RootDeviceType` `instance-store` in `describe-images`) boots from the host's disk. Only the
        previous-generation types C1, C3, D2, I2, M1, M2, M3, R3 and X1 can launch one, and such an
        instance can be rebooted or terminated but **not stopped**
        ([root volumes]({EC2_DOC}/RootDeviceStorage.html)). `assert fails` runs the stop on a copy of
        the lab and passes because AWS refuses it.
        """,
        f"""
        루트 장치 자체가 인스턴스 스토어에 있을 수도 있습니다. **인스턴스 스토어 기반 AMI**
        (`describe-images`의 `RootDeviceType`이 `instance-store`)는 호스트의 디스크에서 부팅합니다. 이전 세대
        유형 C1, C3, D2, I2, M1, M2, M3, R3, X1만 이런 AMI로 시작할 수 있고, 그런 인스턴스는 재부팅하거나
        종료할 수는 있어도 **중지할 수는 없습니다**([root volumes]({EC2_DOC}/RootDeviceStorage.html)).
        `assert fails`는 실습 모델의 복사본에서 중지를 실행해 보고, AWS가 거절하므로 통과합니다.
        """,
    ),
    code(
        """
        describe-images --owners amazon
        run-instances --image-id cloudlab-instance-store-hvm --instance-type m3.medium --subnet-id app-a --name scratch
        survives scratch
        assert fails UnsupportedOperation -- stop-instances --instance-ids scratch
        terminate-instances --instance-ids scratch
        """
    ),
    md(
        f"""
        ## 7. Grow a volume (Elastic Volumes)

        `modify-volume` changes size, type, IOPS and throughput while the volume is in use. The size
        only grows. A volume can be modified up to four times in a rolling 24-hour period, each
        once the previous modification has completed
        ([requirements]({EBS_DOC}/modify-volume-requirements.html),
        [ModifyVolume](https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_ModifyVolume.html);
        this replaced an older rule of one modification per six hours). In the lab a
        modification completes at once, and there is no wall clock: `clock advance 24` lets a
        day pass.
        """,
        f"""
        ## 7. 볼륨 키우기 (Elastic Volumes)

        `modify-volume`은 볼륨을 쓰는 중에도 크기, 유형, IOPS, 처리량을 바꿉니다. 크기는 늘리기만 할 수
        있습니다. 한 볼륨은 24시간 동안(롤링) 최대 네 번까지 바꿀 수 있고, 매번 앞선 수정이 완료된 뒤여야
        합니다 ([requirements]({EBS_DOC}/modify-volume-requirements.html),
        [ModifyVolume](https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_ModifyVolume.html);
        예전의 "6시간에 한 번" 규칙을 대신한 것입니다). 실습에서는 수정이 바로 완료되고 실제 시계가
        없으므로 `clock advance 24`로 하루를 보냅니다.
        """,
    ),
    code(
        """
        modify-volume --volume-id data --size 100 --iops 6000 --throughput 250
        """
    ),
    md(
        """
        Three more modifications fit in the same day; a fifth is refused with
        `VolumeModificationRateExceeded`, and shrinking is refused at any time
        (`New size cannot be smaller than existing size`). `assert fails` runs each refused
        command on a copy of the lab and passes because AWS refuses it.
        """,
        """
        같은 날 세 번 더 바꿀 수 있습니다. 다섯 번째는 `VolumeModificationRateExceeded`로 거절되고,
        줄이기는 언제든 거절됩니다(`New size cannot be smaller than existing size`). `assert fails`는
        거절될 명령을 실습의 복사본에서 실행하고, AWS가 거절하므로 통과합니다.
        """,
    ),
    code(
        """
        modify-volume --volume-id data --size 150
        modify-volume --volume-id data --size 200
        modify-volume --volume-id data --size 250
        assert fails VolumeModificationRateExceeded -- modify-volume --volume-id data --size 300
        clock advance 24
        assert fails InvalidParameterValue -- modify-volume --volume-id data --size 50
        describe-volumes-modifications --volume-ids data
        """
    ),
    md(
        f"""
        ## 8. Choosing a volume type

        | Type | What for | Range |
        |---|---|---|
        | gp3 | most workloads, boot volumes | 1 GiB–64 TiB; 3,000–80,000 IOPS; 125–2,000 MiB/s |
        | gp2 | previous default: IOPS tied to size (3/GiB) | 1 GiB–16 TiB; 100–16,000 IOPS |
        | io2 | databases that need sustained IOPS, sub-ms latency | 4 GiB–64 TiB; up to 256,000 IOPS (1,000/GiB) |
        | io1 | the same, previous generation | 4 GiB–16 TiB; up to 64,000 IOPS (50/GiB) |
        | st1 | big sequential reads: logs, data warehouses | 125 GiB–16 TiB; up to 500 MiB/s; not bootable |
        | sc1 | cold data, lowest cost | 125 GiB–16 TiB; up to 250 MiB/s; not bootable |

        ([volume types]({EBS_DOC}/ebs-volume-types.html)). `compare-volumes` finds, for each type,
        the cheapest settings that meet a workload, or says why it cannot.
        """,
        f"""
        ## 8. 볼륨 유형 고르기

        | 유형 | 용도 | 범위 |
        |---|---|---|
        | gp3 | 대부분의 워크로드, 부트 볼륨 | 1 GiB–64 TiB; 3,000–80,000 IOPS; 125–2,000 MiB/s |
        | gp2 | 이전 기본값: IOPS가 크기에 묶임(GiB당 3) | 1 GiB–16 TiB; 100–16,000 IOPS |
        | io2 | 꾸준한 IOPS와 1 ms 미만 지연이 필요한 데이터베이스 | 4 GiB–64 TiB; 최대 256,000 IOPS(GiB당 1,000) |
        | io1 | 같은 용도의 이전 세대 | 4 GiB–16 TiB; 최대 64,000 IOPS(GiB당 50) |
        | st1 | 큰 순차 읽기: 로그, 데이터 웨어하우스 | 125 GiB–16 TiB; 최대 500 MiB/s; 부트 불가 |
        | sc1 | 자주 읽지 않는 데이터, 가장 저렴 | 125 GiB–16 TiB; 최대 250 MiB/s; 부트 불가 |

        ([volume types]({EBS_DOC}/ebs-volume-types.html)). `compare-volumes`는 유형마다 워크로드를
        만족하는 가장 싼 설정을 찾거나, 만족하지 못하는 이유를 알려 줍니다.
        """,
    ),
    code(
        """
        compare-volumes --size 500 --iops 12000 --throughput 500
        """
    ),
    code(
        """
        compare-volumes --size 200 --iops 100000
        compare-volumes --size 4000 --iops 200 --throughput 40
        """
    ),
    md(
        """
        ## 9. Cost, and what a terminate leaves

        Volumes are billed per GB-month provisioned, attached or not, running or stopped; gp3
        adds IOPS above 3,000 and throughput above 125 MiB/s; snapshots are billed per GB-month
        stored ([pricing](https://aws.amazon.com/ebs/pricing/)). Terminating `web1` deletes its
        root volume (DeleteOnTermination) and leaves `data` detached — still billed.

        `cost vpc` prices the VPC's volumes (storage, plus gp3 IOPS and throughput above the baseline)
        and the snapshots of them with the rest of the design, in each Region asked for, from prices
        with their source; a Region whose price has no source is named and left out of its total,
        never given another Region's price. Here `data` carries 6,000 IOPS and 250 MiB/s: compare
        N. Virginia with Tokyo and Seoul.
        """,
        """
        ## 9. 비용, 그리고 종료 후에 남는 것

        볼륨은 연결 여부나 인스턴스 실행 여부와 상관없이 프로비저닝한 GB-월로 청구됩니다. gp3는 3,000 IOPS와
        125 MiB/s를 넘는 만큼을 더 냅니다. 스냅샷은 저장된 GB-월로 청구됩니다
        ([pricing](https://aws.amazon.com/ebs/pricing/)). `web1`을 종료하면 루트 볼륨은 삭제되고
        (DeleteOnTermination) `data`는 분리된 채 남습니다. 그래도 요금은 계속 나옵니다.

        `cost vpc`는 VPC의 볼륨(스토리지와 gp3 기준을 넘는 IOPS·처리량)과 그 스냅샷을 나머지 설계와 함께,
        요청한 각 리전에서 출처가 있는 가격으로 계산합니다. 출처 있는 가격이 없는 리전은 그 항목을 밝히고
        합계에서 빼며, 다른 리전의 가격을 빌려 쓰지 않습니다. 여기서 `data`는 6,000 IOPS와 250 MiB/s를
        씁니다. 버지니아 북부, 도쿄, 서울을 비교해 보세요.
        """,
    ),
    code(
        """
        sql SELECT volume_type, count(*) AS volumes, sum(size_gib) AS gib, round(sum(usd_per_month), 2) AS usd_per_month FROM volumes GROUP BY volume_type ORDER BY usd_per_month DESC
        cost vpc lab-vpc --regions us-east-1,ap-northeast-1,ap-northeast-2
        terminate-instances --instance-ids web1
        survives web1
        describe-volumes --filters Name=status,Values=available
        """
    ),
    md(
        """
        ## Exercises

        Each exercise has an **answer cell** (blank in the student version nbgrader makes, see
        `docs/nbgrader.md`; one solution in this instructor version) and a **check cell** whose
        `assert` lines look at what your answer built; grading adds hidden checks.

        **Exercise 1.** A volume stays in its AZ. Give a new instance `web3` (a `t3.micro` in a new
        subnet `app-c`, `10.0.3.0/24` in `us-east-1c`) a volume `data-c` that holds the files of
        `data-b`, attached to `web3`.
        """,
        """
        ## 연습 문제

        연습 문제마다 **답 셀**(nbgrader로 만든 학생용 노트북에서는 비어 있음, `docs/nbgrader.md` 참고.
        이 강사용 노트북에는 풀이가 하나 있음)과 **확인 셀**이 있습니다. 확인 셀의 `assert` 줄은 여러분의
        답이 만든 것을 보며, 채점할 때 숨은 확인이 더해집니다.

        **연습 1.** 볼륨은 자기 AZ를 벗어나지 못합니다. 새 인스턴스 `web3`(`us-east-1c`에 새로 만든 서브넷
        `app-c`, `10.0.3.0/24`의 `t3.micro`)에 `data-b`의 파일을 담은 볼륨 `data-c`를 연결하세요.
        """,
    ),
    solution(
        """
        create-subnet --vpc-id lab-vpc --cidr-block 10.0.3.0/24 --availability-zone us-east-1c --name app-c
        run-instances --instance-type t3.micro --subnet-id app-c --name web3
        create-snapshot --volume-id data-b --name move-to-c
        create-volume --availability-zone us-east-1c --snapshot-id move-to-c --volume-type gp3 --name data-c
        attach-volume --volume-id data-c --instance-id web3 --device /dev/sdf
        """,
        "ex1-answer",
    ),
    check(
        """
        assert sql "SELECT files FROM volumes WHERE name = 'data-c' AND availability_zone = 'us-east-1c'" = 2
        """,
        "ex1-check",
        1,
        hidden="""
        assert sql "SELECT count(*) FROM volumes v JOIN instances i ON split_part(v.attached_to, ' ', 1) = i.instance_id WHERE v.name = 'data-c' AND i.name = 'web3'" = 1
        assert sql "SELECT count(*) FROM instances WHERE name = 'web3' AND availability_zone = 'us-east-1c' AND instance_type = 't3.micro'" = 1
        """,
    ),
    md(
        """
        **Exercise 2.** Encryption by default is set per Region. In `us-west-2`, create a 10 GiB
        `gp3` volume `west` in `us-west-2a` that is encrypted.
        """,
        """
        **연습 2.** 기본 암호화는 리전마다 설정합니다. `us-west-2`의 `us-west-2a`에 암호화된 10 GiB `gp3`
        볼륨 `west`를 만드세요.
        """,
    ),
    solution(
        """
        enable-ebs-encryption-by-default --region us-west-2
        create-volume --region us-west-2 --availability-zone us-west-2a --size 10 --volume-type gp3 --name west
        """,
        "ex2-answer",
    ),
    check(
        """
        assert sql "SELECT count(*) FROM volumes WHERE name = 'west' AND region = 'us-west-2' AND encrypted" = 1
        """,
        "ex2-check",
        1,
        hidden="""
        assert sql "SELECT count(*) FROM volumes WHERE name = 'west' AND availability_zone = 'us-west-2a' AND volume_type = 'gp3' AND size_gib = 10" = 1
        """,
    ),
]
