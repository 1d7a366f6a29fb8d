"""03 — cost: prices per type and region, a design priced across regions, NAT choices."""

from cells import check, code, md, solution

SLUG = "03-cost"

CELLS = [
    md(
        """
        # 03 · Cost: pricing a design before you build it

        **What this notebook teaches**

        - On-demand prices per hour and per month, and how they differ between Regions.
        - Pricing the same design in several Regions with `cost vpc`.
        - GPU instances next to general purpose ones.
        - One NAT gateway versus one per AZ: what resilience costs.
        - Reading a monthly total together with the assumptions behind it.

        Prices are a snapshot (the source and date are shown with every table): check the AWS
        pricing pages before quoting them.
        """,
        """
        # 03 · 비용: 만들기 전에 설계의 가격 매기기

        **이 노트북에서 배우는 것**

        - 시간당·월별 온디맨드 가격과 리전별 차이.
        - `cost vpc`로 같은 설계를 여러 리전에서 가격 매기기.
        - 범용 인스턴스와 나란히 본 GPU 인스턴스.
        - NAT 게이트웨이 하나와 AZ마다 하나: 복원력의 비용.
        - 월 합계를 그 뒤의 가정과 함께 읽기.

        가격은 특정 시점의 값입니다(표마다 출처와 날짜가 나옵니다). 다른 사람에게 인용하기 전에 AWS 요금
        페이지에서 확인하세요.
        """,
    ),
    md(
        """
        ## 1. Hourly and monthly prices

        `price` shows the on-demand Linux price per hour and per month (730 hours) for each type
        in each Region. The same instance often costs more in Seoul than in N. Virginia.
        """,
        """
        ## 1. 시간당 가격과 월 가격

        `price`는 유형별·리전별 온디맨드 Linux 가격을 시간당, 월(730시간) 단위로 보여 줍니다. 같은
        인스턴스라도 서울이 버지니아 북부보다 비싼 경우가 많습니다.
        """,
    ),
    code(
        """
        # start from a clean lab, so Run All works a second time without a restart
        reset
        price m5.large m7g.large c7g.xlarge --regions us-east-1,ap-northeast-2,eu-central-1
        """
    ),
    md(
        """
        ## 2. One design, several Regions

        The design: a VPC from the wizard (2 AZs, public and private subnets, one NAT gateway),
        two web servers and an application server. `cost vpc` adds up what the model holds:
        instance hours, NAT gateway hours and processed GB, public IPv4 addresses, EBS and data
        transfer, priced in each Region you ask for, and lists the assumptions it made.
        """,
        """
        ## 2. 하나의 설계, 여러 리전

        설계는 이렇습니다. 마법사로 만든 VPC(AZ 2개, 퍼블릭·프라이빗 서브넷, NAT 게이트웨이 1개), 웹 서버
        2대와 애플리케이션 서버 1대. `cost vpc`는 모델에 있는 것을 더합니다. 인스턴스 시간, NAT 게이트웨이
        시간과 처리한 GB, 퍼블릭 IPv4 주소, EBS, 데이터 전송을 요청한 리전마다 가격으로 매기고, 어떤 가정을
        했는지 함께 보여 줍니다.
        """,
    ),
    code(
        """
        region ap-northeast-2
        # the wizard names resources as the console does: shop-vpc, shop-subnet-public1-ap-northeast-2a, …
        vpc wizard --name shop --cidr 10.0.0.0/16 --azs 2 --public-subnets 2 --private-subnets 2 --nat-gateways 1
        run-instances --instance-type m7g.large --subnet-id shop-subnet-public1-ap-northeast-2a --associate-public-ip-address --name web1
        run-instances --instance-type m7g.large --subnet-id shop-subnet-public2-ap-northeast-2b --associate-public-ip-address --name web2
        run-instances --instance-type r7g.large --subnet-id shop-subnet-private1-ap-northeast-2a --name app1
        cost vpc shop-vpc --regions us-east-1,ap-northeast-2,eu-central-1,eu-north-1 --hours 730
        """
    ),
    md(
        """
        ## 3. GPU versus general purpose

        Accelerated instances (G for graphics and inference, P for training) cost many times a
        general purpose instance with the same vCPUs: you pay for the GPU. Use them for the hours
        the GPU works, and stop them (or use a managed service) when it does not. (The lab's price
        snapshot covers common families; among the GPU families it has `g5`.)
        """,
        """
        ## 3. GPU와 범용 인스턴스

        가속 컴퓨팅 인스턴스(그래픽·추론용 G, 학습용 P)는 vCPU 수가 같은 범용 인스턴스보다 몇 배 비쌉니다.
        GPU 값을 내는 것입니다. GPU가 일하는 시간에만 쓰고, 그렇지 않을 때는 중지하세요(또는 관리형
        서비스를 쓰세요). (실습의 가격 스냅샷은 자주 쓰는 패밀리만 담고 있으며, GPU 패밀리로는 `g5`가
        있습니다.)
        """,
    ),
    code(
        """
        price m7i.xlarge g5.xlarge m7i.2xlarge g5.2xlarge --regions us-east-1,ap-northeast-2
        sql "SELECT instance_type, vcpus, memory_gib, gpu_count, gpu_name, gpu_memory_mib FROM instance_types WHERE instance_type IN ('m7i.xlarge', 'g5.xlarge', 'm7i.2xlarge', 'g5.2xlarge') ORDER BY vcpus, instance_type"
        """
    ),
    md(
        """
        ## 4. One NAT gateway or one per AZ

        A NAT gateway is billed per hour and per GB processed (in US East $0.045/h and $0.045/GB,
        on top of data transfer; [VPC pricing](https://aws.amazon.com/vpc/pricing/)). One gateway
        per AZ costs more hours, but if the single gateway's AZ fails, private subnets in the
        other AZ lose internet access, and their traffic crosses AZs to reach it. Compare two
        otherwise identical VPCs. Each `cost vpc` ends with both options as bars of one chart on
        one scale, split into NAT gateway hours, GB processed and data between AZs, and marks
        the option the VPC has:
        """,
        """
        ## 4. NAT 게이트웨이 하나, 또는 AZ마다 하나

        NAT 게이트웨이는 시간당, 처리한 GB당 과금됩니다(미국 동부 기준 $0.045/h, $0.045/GB, 데이터 전송
        요금은 별도; [VPC pricing](https://aws.amazon.com/vpc/pricing/)). AZ마다 하나를 두면 시간 요금이
        늘지만, 게이트웨이가 하나뿐이면 그 AZ가 멈출 때 다른 AZ의 프라이빗 서브넷도 인터넷을 잃고, 평소에도
        트래픽이 AZ를 건너갑니다. 나머지가 똑같은 두 VPC를 비교합니다. 각 `cost vpc`는 마지막에 두 선택지를
        한 차트, 한 눈금 위의 막대로 보여 주고(NAT 게이트웨이 시간, 처리한 GB, AZ 간 데이터로 나눔), VPC가
        지금 쓰는 선택지를 표시합니다.
        """,
    ),
    code(
        """
        vpc wizard --name one-nat --cidr 10.10.0.0/16 --azs 3 --public-subnets 3 --private-subnets 3 --nat-gateways 1
        vpc wizard --name nat-per-az --cidr 10.20.0.0/16 --azs 3 --public-subnets 3 --private-subnets 3 --nat-gateways per-az
        cost vpc one-nat-vpc --regions ap-northeast-2
        cost vpc nat-per-az-vpc --regions ap-northeast-2
        """
    ),
    md(
        """
        ## 5. Reading a monthly total

        A monthly figure is only as good as its assumptions. State them next to the number:

        - **730 hours** a month for everything that runs, on-demand Linux prices, no Savings
          Plans or Reserved Instances;
        - **every public IPv4 address** billed at $0.005 per hour, in use or idle (since
          1 February 2024; [public IPv4 charge](https://aws.amazon.com/blogs/aws/new-aws-public-ipv4-address-charge-public-ip-insights/));
        - **EBS**: an 8 GB gp3 root volume per instance at the Region's price ($0.08/GB-month in
          US East, $0.0912 in Seoul), with the included 3,000 IOPS and 125 MB/s;
        - **traffic**: 100 GB a month through the NAT gateways and 100 GB out to the internet.
          Out to the internet costs, after the first 100 GB a month, $0.09/GB in the US Regions
          and $0.126/GB in Seoul; transfer in is free ([data transfer](https://aws.amazon.com/about-aws/global-infrastructure/global-network/faqs));
        - **every price is the Region's own**, with its source and date (`data/SOURCES.md`). ⚠
          marks a number not read from AWS directly (Seoul's NAT gateway GB price comes from
          bills, Frankfurt's from a third-party estimate); where the data has no price for a
          Region, the line says what is missing, stays out of the total and the Region is marked
          incomplete (Stockholm's NAT gateway GB price above) — never another Region's price.

        `cost vpc` prints its assumptions above the totals and, in the last column of the
        line-by-line table, what is unofficial or missing; `--hours` changes the first assumption, for every running
        resource. A development environment that runs 10 hours a day on weekdays needs about
        220 hours:
        """,
        """
        ## 5. 월 합계 읽기

        월 금액은 그 가정만큼만 정확합니다. 숫자 옆에 가정을 적으세요.

        - 실행되는 모든 것은 한 달 **730시간**, 온디맨드 Linux 가격, Savings Plans나 예약 인스턴스 없음.
        - **모든 퍼블릭 IPv4 주소**는 사용 중이든 유휴든 시간당 $0.005(2024년 2월 1일부터;
          [public IPv4 charge](https://aws.amazon.com/blogs/aws/new-aws-public-ipv4-address-charge-public-ip-insights/)).
        - **EBS**: 인스턴스마다 8 GB gp3 루트 볼륨, 리전별 가격(미국 동부 GB-월 $0.08, 서울 $0.0912), 기본
          포함 3,000 IOPS와 125 MB/s.
        - **트래픽**: NAT 게이트웨이를 지나는 트래픽 월 100 GB, 인터넷으로 나가는 트래픽 월 100 GB. 인터넷으로
          나가는 전송은 매월 처음 100 GB 이후 미국 리전 $0.09/GB, 서울 $0.126/GB이고, 들어오는 전송은
          무료입니다 ([data transfer](https://aws.amazon.com/about-aws/global-infrastructure/global-network/faqs)).
        - **모든 가격은 그 리전의 가격**이며 출처와 날짜가 있습니다(`data/SOURCES.md`). AWS에서 직접 읽지 않은
          숫자에는 ⚠를 붙이고(서울 NAT 게이트웨이 GB 가격은 청구서에서, 프랑크푸르트는 제3자 견적에서 왔습니다), 데이터에 그 리전의 가격이
          없으면 무엇이 없는지 그 줄에 적고 합계에서 빼며 리전을 미완성으로 표시합니다(위 스톡홀름의 NAT
          게이트웨이 GB 가격). 다른 리전의 가격을 대신 쓰지 않습니다.

        `cost vpc`는 합계 위에 가정을, 항목별 표의 마지막 열에 비공식이거나 없는 가격을 출력합니다. `--hours`는 첫 번째
        가정을 실행 중인 모든 리소스에 대해 바꿉니다. 평일 하루
        10시간만 돌리는 개발 환경은 한 달에 약 220시간입니다.
        """,
    ),
    code("cost vpc shop-vpc --regions ap-northeast-2 --hours 220"),
    md(
        """
        ## Exercises

        Each exercise has an **answer cell** (blank in the student version nbgrader makes, see
        `docs/nbgrader.md`; one solution in this instructor version) and a **check cell** whose
        `assert` lines look at what your answer did; grading adds hidden checks.

        **Exercise 1.** In Seoul the `shop` design costs just over $300 a month. Bring it under
        $300 without removing a server. (One answer: the application server does not need 8 GiB
        per vCPU; replace the `r7g.large` with an `m7g.large`. Would a second NAT gateway still fit?)
        """,
        """
        ## 연습 문제

        연습 문제마다 **답 셀**(nbgrader로 만든 학생용에서는 비어 있고, `docs/nbgrader.md` 참고, 이 강사용에는
        풀이가 하나 들어 있음)과 **확인 셀**이 있습니다. 확인 셀의 `assert` 줄은 여러분의 답이 한 일을 보며,
        채점할 때 숨은 확인이 더해집니다.

        **연습 1.** 서울에서 `shop` 설계는 월 $300를 조금 넘습니다. 서버를 줄이지 않고 $300 미만으로
        낮추세요. (한 가지 답: 애플리케이션 서버에는 vCPU당 8 GiB가 필요 없으니 `r7g.large`를
        `m7g.large`로 바꿉니다. NAT 게이트웨이를 하나 더 두어도 $300 안에 들어갈까요?)
        """,
    ),
    solution(
        """
        terminate-instances --instance-ids app1
        run-instances --instance-type m7g.large --subnet-id shop-subnet-private1-ap-northeast-2a --name app2
        """,
        "ex1-answer",
    ),
    check(
        """
        assert cost vpc shop-vpc --region ap-northeast-2 --below 300
        """,
        "ex1-check",
        1,
        hidden="""
        # still three servers running
        assert sql "SELECT count(*) FROM instances i JOIN vpcs v ON i.vpc_id = v.vpc_id WHERE v.name = 'shop-vpc' AND i.state = 'running'" = 3
        """,
    ),
    md(
        """
        **Exercise 2.** `nat-per-az-vpc` pays for three NAT gateways. Make it cost less than $100
        a month like `one-nat-vpc`, by sending every private subnet through the NAT gateway in
        `ap-northeast-2a` and deleting the other two. No private subnet may be left with a route
        to a deleted gateway.
        """,
        """
        **연습 2.** `nat-per-az-vpc`는 NAT 게이트웨이 세 개의 요금을 냅니다. 모든 프라이빗 서브넷이
        `ap-northeast-2a`의 NAT 게이트웨이를 쓰게 하고 나머지 두 개를 삭제해서, `one-nat-vpc`처럼 월 $100
        미만이 되게 하세요. 삭제된 게이트웨이로 가는 경로가 남은 프라이빗 서브넷이 있으면 안 됩니다.
        """,
    ),
    solution(
        """
        replace-route --route-table-id nat-per-az-rtb-private2-ap-northeast-2b --destination-cidr-block 0.0.0.0/0 --nat-gateway-id nat-per-az-nat-public1-ap-northeast-2a
        replace-route --route-table-id nat-per-az-rtb-private3-ap-northeast-2c --destination-cidr-block 0.0.0.0/0 --nat-gateway-id nat-per-az-nat-public1-ap-northeast-2a
        delete-nat-gateway --nat-gateway-id nat-per-az-nat-public1-ap-northeast-2b
        delete-nat-gateway --nat-gateway-id nat-per-az-nat-public1-ap-northeast-2c
        """,
        "ex2-answer",
    ),
    check(
        """
        assert cost vpc nat-per-az-vpc --region ap-northeast-2 --below 100
        """,
        "ex2-check",
        1,
        hidden="""
        assert sql "SELECT count(*) FROM routes r JOIN route_tables t ON r.route_table_id = t.route_table_id WHERE t.name LIKE 'nat-per-az-rtb-private%' AND r.state = 'blackhole'" = 0
        assert sql "SELECT count(*) FROM routes r JOIN route_tables t ON r.route_table_id = t.route_table_id WHERE t.name LIKE 'nat-per-az-rtb-private%' AND r.destination = '0.0.0.0/0'" = 3
        """,
    ),
]
