"""01 — the network session: regions, VPCs, subnets, routing, gateways, security."""

from cells import check, code, md, solution

SLUG = "01-network"

VPC_DOC = "https://docs.aws.amazon.com/vpc/latest/userguide"

CELLS = [
    md(
        """
        # 01 · Network: regions, VPCs, subnets, routing and security

        **What this notebook teaches**

        - Regions and Availability Zones, and which services live in an AZ, in a Region or globally.
        - The default VPC, and a custom VPC sized for production.
        - CIDR sizes, the 5 addresses AWS reserves in every subnet, and subnets per AZ.
        - Route tables (main and custom), the internet gateway and the `0.0.0.0/0` route,
          public and private subnets, and the NAT gateway.
        - Private IPs from DHCP, DNS names, and public IPs versus Elastic IPs across stop/start.
        - Security groups versus network ACLs, checked path by path with `reach`.
        - Peering, Transit Gateway and VPN as route targets, the S3 gateway endpoint, and the diagram.

        Every code cell holds cloudlab commands: AWS CLI operations (`aws ec2 …`; the `aws ec2`
        may be left out) and lab commands such as `reach` and `diagram`. Nothing touches a real
        AWS account: the cells build an offline model that follows AWS's rules. Run the cells
        from top to bottom; `help` lists every command and `help NAME` explains one.
        """,
        """
        # 01 · 네트워크: 리전, VPC, 서브넷, 라우팅, 보안

        **이 노트북에서 배우는 것**

        - 리전(Region)과 가용 영역(Availability Zone), 그리고 어떤 서비스가 AZ·리전·글로벌 범위인지.
        - 기본 VPC(default VPC)와 운영 환경에 맞게 크기를 정한 사용자 지정 VPC.
        - CIDR 크기, 모든 서브넷에서 AWS가 예약하는 주소 5개, AZ별 서브넷.
        - 라우팅 테이블(main과 custom), 인터넷 게이트웨이와 `0.0.0.0/0` 경로,
          퍼블릭/프라이빗 서브넷, NAT 게이트웨이.
        - DHCP로 받는 프라이빗 IP와 DNS 이름, stop/start 때 퍼블릭 IP와 Elastic IP의 차이.
        - 보안 그룹(security group)과 네트워크 ACL의 차이를 `reach`로 경로마다 확인하기.
        - 경로 대상(target)으로서의 피어링, Transit Gateway, VPN, S3 게이트웨이 엔드포인트, 그리고 다이어그램.

        코드 셀에는 cloudlab 명령이 들어 있습니다. AWS CLI 작업(`aws ec2 …`; `aws ec2`는 생략 가능)과
        `reach`, `diagram` 같은 실습용 명령입니다. 실제 AWS 계정은 전혀 건드리지 않습니다. 셀들은 AWS의
        규칙을 따르는 오프라인 모델을 만듭니다. 위에서 아래로 차례대로 실행하세요. `help`는 모든 명령을,
        `help NAME`은 명령 하나를 설명합니다.
        """,
    ),
    md(
        """
        ## 0. Shared responsibility

        AWS is responsible for the security **of** the cloud: the data centres, hardware, the
        global network and the software that runs the services. You are responsible for
        security **in** the cloud: your data, who may access what (IAM), the guest OS and
        applications on EC2, and the network rules this notebook builds (security groups,
        NACLs, routes). The line moves with the service: on EC2 you patch the OS; on RDS, AWS
        does; on S3 or DynamoDB only your data and its access rules are left to you
        ([shared responsibility model](https://aws.amazon.com/compliance/shared-responsibility-model/)).
        """,
        """
        ## 0. 공동 책임 모델

        AWS는 클라우드**의** 보안을 책임집니다. 데이터 센터, 하드웨어, 글로벌 네트워크, 서비스를 돌리는
        소프트웨어입니다. 사용자는 클라우드 **안의** 보안을 책임집니다. 데이터, 누가 무엇에 접근할 수 있는지(IAM),
        EC2의 게스트 OS와 애플리케이션, 그리고 이 노트북에서 만드는 네트워크 규칙(보안 그룹, NACL, 경로)입니다.
        경계는 서비스에 따라 움직입니다. EC2에서는 OS 패치를 사용자가 하고, RDS에서는 AWS가 하며, S3나
        DynamoDB에서는 데이터와 그 접근 규칙만 사용자 몫으로 남습니다
        ([shared responsibility model](https://aws.amazon.com/compliance/shared-responsibility-model/)).
        """,
    ),
    md(
        """
        ## 1. Regions and Availability Zones

        A **Region** is a geographic area (Seoul is `ap-northeast-2`). Each Region has several
        **Availability Zones** (AZs): separate groups of data centres with their own power and
        networking, close enough for fast links between them. You spread a system over two or
        more AZs so that losing one AZ does not stop it.

        The table below lists the Regions the lab knows and their AZ names; the chart counts the
        AZs per Region.
        """,
        """
        ## 1. 리전과 가용 영역

        **리전**은 지리적 지역입니다(서울은 `ap-northeast-2`). 리전마다 여러 개의 **가용 영역**(AZ)이
        있습니다. AZ는 전원과 네트워크가 분리된 데이터 센터 묶음이며, 서로 빠르게 연결될 만큼 가까이
        있습니다. 시스템을 두 개 이상의 AZ에 나누어 두면 AZ 하나가 멈춰도 서비스는 계속됩니다.

        아래 표는 실습 모델이 아는 리전과 각 리전의 AZ 이름이고, 차트는 리전별 AZ 수입니다.
        """,
    ),
    code(
        """
        # start from a clean lab, so Run All works a second time without a restart
        reset
        regions
        chart bar region az_count --title "Availability Zones per Region" from regions
        """
    ),
    md(
        """
        Every command that follows works in the lab's default Region. Choose Seoul:
        """,
        """
        이후 모든 명령은 실습의 기본 리전에서 동작합니다. 서울 리전을 고릅니다.
        """,
    ),
    code("region ap-northeast-2"),
    md(
        """
        ### AZ-scoped, Regional and global services

        Where a resource lives decides what survives an AZ outage and what you must create
        once per AZ.

        | Scope | Examples | Consequence |
        |---|---|---|
        | **AZ** | subnet, EC2 instance, EBS volume, NAT gateway, RDS DB instance | create one per AZ for high availability |
        | **Region** | VPC, route table, security group, network ACL, internet gateway, Elastic IP, AMI, ALB (spans the AZs you choose), S3 bucket, DynamoDB table, Lambda function | one per Region; copy or replicate across Regions |
        | **Global** | IAM, Route 53, CloudFront | one per account |

        An S3 bucket *name* is unique worldwide, but the bucket and its data live in one Region.
        """,
        """
        ### AZ 범위, 리전 범위, 글로벌 서비스

        리소스가 어느 범위에 있는지에 따라 AZ 장애 때 무엇이 살아남는지, 무엇을 AZ마다 만들어야
        하는지가 정해집니다.

        | 범위 | 예 | 의미 |
        |---|---|---|
        | **AZ** | subnet, EC2 instance, EBS volume, NAT gateway, RDS DB instance | 고가용성을 위해 AZ마다 하나씩 만든다 |
        | **리전** | VPC, route table, security group, network ACL, internet gateway, Elastic IP, AMI, ALB(선택한 AZ들에 걸침), S3 bucket, DynamoDB table, Lambda function | 리전마다 하나; 다른 리전에는 복사·복제한다 |
        | **글로벌** | IAM, Route 53, CloudFront | 계정마다 하나 |

        S3 버킷 *이름*은 전 세계에서 유일하지만, 버킷과 데이터는 한 리전에 있습니다.
        """,
    ),
    md(
        f"""
        ## 2. The default VPC

        Every Region comes with a **default VPC**: CIDR `172.31.0.0/16`, one **/20** default
        subnet in each AZ, an internet gateway, and a main route table that sends `0.0.0.0/0`
        to it. Default subnets are public and give every instance a public IPv4 address
        ([default VPC]({VPC_DOC}/default-vpc.html)). It is handy for a quick test and wrong for
        production: everything is reachable from the internet, and every account's default
        VPC uses the same range, so it cannot be peered with another default VPC.
        """,
        f"""
        ## 2. 기본 VPC

        모든 리전에는 **기본 VPC**가 있습니다. CIDR은 `172.31.0.0/16`이고, AZ마다 **/20** 기본
        서브넷이 하나씩, 인터넷 게이트웨이 하나, 그리고 `0.0.0.0/0`을 그 게이트웨이로 보내는 main
        route table이 있습니다. 기본 서브넷은 퍼블릭이며 모든 인스턴스에 퍼블릭 IPv4 주소를 줍니다
        ([default VPC]({VPC_DOC}/default-vpc.html)). 빠른 테스트에는 편하지만 운영 환경에는 맞지
        않습니다. 모든 것이 인터넷에서 보이고, 모든 계정의 기본 VPC가 같은 대역을 쓰므로 다른 기본 VPC와
        피어링할 수도 없습니다.
        """,
    ),
    code(
        """
        create-default-vpc
        describe-subnets --filters Name=default-for-az,Values=true
        """
    ),
    md(
        f"""
        ## 3. Sizing a production VPC: CIDR blocks and the 5 reserved addresses

        A VPC's IPv4 CIDR, and each subnet's, must be between **/16** (65,536 addresses) and
        **/28** (16 addresses), and cannot be resized later (you can add secondary CIDRs).
        Use a private RFC 1918 range (`10.0.0.0/8`, `172.16.0.0/12`, `192.168.0.0/16`) that does
        not overlap your other VPCs or your offices: overlapping networks cannot be peered
        ([VPC CIDR blocks]({VPC_DOC}/vpc-cidr-blocks.html)).

        In **every subnet** AWS reserves 5 addresses ([subnet sizing]({VPC_DOC}/subnet-sizing.html)).
        For `10.0.0.0/24`:

        | Address | Used for |
        |---|---|
        | `10.0.0.0` | network address |
        | `10.0.0.1` | the VPC router |
        | `10.0.0.2` | the Amazon DNS server |
        | `10.0.0.3` | reserved for future use |
        | `10.0.0.255` | broadcast address (no broadcast in a VPC, still reserved) |

        So a subnet has 2^(32−prefix) − 5 usable addresses: 251 in a /24, 11 in a /28.
        `subnet-calc` does the arithmetic:
        """,
        f"""
        ## 3. 운영용 VPC 크기 정하기: CIDR 블록과 예약 주소 5개

        VPC와 서브넷의 IPv4 CIDR은 **/16**(주소 65,536개)부터 **/28**(주소 16개) 사이여야 하며, 나중에
        크기를 바꿀 수 없습니다(보조 CIDR을 추가할 수는 있습니다). 다른 VPC나 사무실 네트워크와 겹치지
        않는 RFC 1918 사설 대역(`10.0.0.0/8`, `172.16.0.0/12`, `192.168.0.0/16`)을 쓰세요. 겹치는
        네트워크끼리는 피어링할 수 없습니다([VPC CIDR blocks]({VPC_DOC}/vpc-cidr-blocks.html)).

        AWS는 **모든 서브넷**에서 주소 5개를 예약합니다([subnet sizing]({VPC_DOC}/subnet-sizing.html)).
        `10.0.0.0/24`의 경우:

        | 주소 | 용도 |
        |---|---|
        | `10.0.0.0` | 네트워크 주소 |
        | `10.0.0.1` | VPC 라우터 |
        | `10.0.0.2` | Amazon DNS 서버 |
        | `10.0.0.3` | 향후 사용을 위해 예약 |
        | `10.0.0.255` | 브로드캐스트 주소(VPC에는 브로드캐스트가 없지만 예약됨) |

        그래서 서브넷에서 쓸 수 있는 주소는 2^(32−prefix) − 5개입니다. /24는 251개, /28은 11개입니다.
        `subnet-calc`가 계산해 줍니다.
        """,
    ),
    code(
        """
        subnet-calc 10.0.0.0/24
        subnet-calc 10.0.0.0/16 --prefix 20
        """
    ),
    md(
        """
        A `/16` split into `/20`s gives 16 subnets of 4,091 usable addresses each: room for a
        public, an application and a database tier in each of 4 AZs, with spares. Stopped
        instances keep their private IPs, so size subnets for everything that exists, not only
        what is running.

        ## 4. A custom VPC with one subnet per tier per AZ

        We build `prod` by hand in two AZs: a public subnet (load balancers, NAT gateways) and a
        private subnet (application and database) in each. The `--name` flag tags a resource
        `Name=…`; after that the name can be used wherever an ID is expected.
        """,
        """
        `/16`을 `/20`으로 나누면 쓸 수 있는 주소가 4,091개인 서브넷 16개가 나옵니다. AZ 4개 각각에
        퍼블릭·애플리케이션·데이터베이스 계층을 두고도 남는 크기입니다. 중지된 인스턴스도 프라이빗 IP를
        유지하므로, 실행 중인 것만이 아니라 존재하는 모든 것을 기준으로 서브넷 크기를 정하세요.

        ## 4. AZ마다 계층별 서브넷을 둔 사용자 지정 VPC

        두 AZ에 걸쳐 `prod` VPC를 직접 만듭니다. AZ마다 퍼블릭 서브넷(로드 밸런서, NAT 게이트웨이)과
        프라이빗 서브넷(애플리케이션, 데이터베이스)을 하나씩 둡니다. `--name` 플래그는 리소스에
        `Name=…` 태그를 붙이며, 그 뒤로는 ID 대신 이름을 써도 됩니다.
        """,
    ),
    code(
        """
        create-vpc --cidr-block 10.0.0.0/16 --name prod
        create-subnet --vpc-id prod --cidr-block 10.0.0.0/20  --availability-zone ap-northeast-2a --name public-a
        create-subnet --vpc-id prod --cidr-block 10.0.16.0/20 --availability-zone ap-northeast-2c --name public-c
        create-subnet --vpc-id prod --cidr-block 10.0.32.0/20 --availability-zone ap-northeast-2a --name private-a
        create-subnet --vpc-id prod --cidr-block 10.0.48.0/20 --availability-zone ap-northeast-2c --name private-c
        # the same subnets, only the columns we need, with sql over the model's tables
        sql "SELECT s.name, s.availability_zone, s.cidr_block, s.usable_addresses FROM subnets s JOIN vpcs v ON s.vpc_id = v.vpc_id WHERE v.name = 'prod'"
        """
    ),
    md(
        f"""
        ### AWS enforces the sizes

        `assert fails CODE -- COMMAND` runs a command and passes only if AWS refuses it with that
        error code; the lab is unchanged either way. A `/15` is too big and a `/29` too small,
        for a VPC and for a subnet. A VPC cannot grow, but you can **add a secondary CIDR block**
        (up to 5 per VPC by default) when it runs out of addresses
        ([associate-vpc-cidr-block]({VPC_DOC}/add-ipv4-cidr.html)):
        """,
        f"""
        ### AWS가 강제하는 크기 규칙

        `assert fails CODE -- COMMAND`는 명령을 실행해 AWS가 그 오류 코드로 거부할 때만 통과합니다.
        어느 쪽이든 실습 모델은 바뀌지 않습니다. `/15`는 너무 크고 `/29`는 너무 작습니다(VPC와 서브넷
        모두). VPC 크기는 늘릴 수 없지만, 주소가 모자라면 **보조 CIDR 블록**을 추가할 수 있습니다(기본적으로
        VPC당 5개까지, [associate-vpc-cidr-block]({VPC_DOC}/add-ipv4-cidr.html)).
        """,
    ),
    code(
        """
        assert fails InvalidVpc.Range -- create-vpc --cidr-block 10.0.0.0/15
        assert fails InvalidVpc.Range -- create-vpc --cidr-block 10.0.0.0/29
        assert fails InvalidSubnet.Range -- create-subnet --vpc-id prod --cidr-block 10.0.64.0/29 --availability-zone ap-northeast-2a
        associate-vpc-cidr-block --vpc-id prod --cidr-block 10.10.0.0/16
        describe-vpcs --vpc-ids prod
        """
    ),
    md(
        f"""
        ## 5. Route tables, the internet gateway and `0.0.0.0/0`

        - Every VPC has a **main route table**. A new VPC's main table holds only the `local`
          route (traffic inside the VPC), and it applies to every subnet that has no table of
          its own.
        - A subnet is associated with **exactly one** route table; one table may serve **many**
          subnets. Custom tables let different subnets route differently.
        - The most specific route (longest prefix) wins, so `10.0.0.0/16 → local` beats
          `0.0.0.0/0 → igw` for addresses inside the VPC
          ([route tables]({VPC_DOC}/VPC_Route_Tables.html)).

        A subnet is **public** when its route table sends traffic to an **internet gateway**
        (IGW). An instance there reaches the internet only with all four of: an attached IGW, a
        route to it, a public IPv4 address or Elastic IP, and security group and NACL rules that
        allow the traffic ([internet gateways]({VPC_DOC}/VPC_Internet_Gateway.html)).
        Below, one custom table `public-rt` serves both public subnets.
        """,
        f"""
        ## 5. 라우팅 테이블, 인터넷 게이트웨이, `0.0.0.0/0`

        - 모든 VPC에는 **main route table**이 있습니다. 새 VPC의 main 테이블에는 `local` 경로(VPC 내부
          트래픽)만 있으며, 자기 테이블이 없는 모든 서브넷에 적용됩니다.
        - 서브넷은 **정확히 하나**의 라우팅 테이블과 연결됩니다. 한 테이블은 **여러** 서브넷에 쓰일 수
          있습니다. custom 테이블을 쓰면 서브넷마다 다르게 라우팅할 수 있습니다.
        - 가장 구체적인 경로(가장 긴 prefix)가 이깁니다. 그래서 VPC 안의 주소에 대해서는
          `10.0.0.0/16 → local`이 `0.0.0.0/0 → igw`보다 우선합니다
          ([route tables]({VPC_DOC}/VPC_Route_Tables.html)).

        라우팅 테이블이 트래픽을 **인터넷 게이트웨이**(IGW)로 보내면 그 서브넷은 **퍼블릭**입니다.
        그곳의 인스턴스가 인터넷에 닿으려면 네 가지가 모두 필요합니다. 연결된 IGW, IGW로 가는 경로,
        퍼블릭 IPv4 주소나 Elastic IP, 그리고 트래픽을 허용하는 보안 그룹과 NACL 규칙입니다
        ([internet gateways]({VPC_DOC}/VPC_Internet_Gateway.html)).
        아래에서는 custom 테이블 `public-rt` 하나가 두 퍼블릭 서브넷을 함께 맡습니다.
        """,
    ),
    code(
        """
        create-internet-gateway --name prod-igw
        attach-internet-gateway --internet-gateway-id prod-igw --vpc-id prod
        create-route-table --vpc-id prod --name public-rt
        create-route --route-table-id public-rt --destination-cidr-block 0.0.0.0/0 --gateway-id prod-igw
        associate-route-table --route-table-id public-rt --subnet-id public-a
        associate-route-table --route-table-id public-rt --subnet-id public-c
        modify-subnet-attribute --subnet-id public-a --map-public-ip-on-launch
        modify-subnet-attribute --subnet-id public-c --map-public-ip-on-launch
        describe-route-tables --route-table-ids public-rt
        """
    ),
    md(
        f"""
        ## 6. Private subnets and the NAT gateway

        A **private** subnet has no route to the IGW, so nothing on the internet can open a
        connection to it. For outbound traffic only (updates, external APIs) its instances use
        a **NAT gateway**: it sits in a *public* subnet, needs an Elastic IP, and sends traffic on
        through the IGW. A NAT gateway is **zonal**; AWS recommends one per AZ, with each AZ's
        private subnets routed to the gateway in the same AZ, so that an AZ failure does not cut
        the others off ([NAT gateways]({VPC_DOC}/vpc-nat-gateway.html)). That gives one route
        table per private subnet here. (Notebook 03 prices one NAT gateway against one per AZ.)
        """,
        f"""
        ## 6. 프라이빗 서브넷과 NAT 게이트웨이

        **프라이빗** 서브넷에는 IGW로 가는 경로가 없어서, 인터넷의 누구도 그 안으로 연결을 열 수
        없습니다. 밖으로 나가는 트래픽(업데이트, 외부 API)만 필요할 때는 **NAT 게이트웨이**를 씁니다.
        NAT 게이트웨이는 *퍼블릭* 서브넷에 두고, Elastic IP가 필요하며, 트래픽을 IGW로 내보냅니다.
        NAT 게이트웨이는 **AZ 범위**(zonal)입니다. AWS는 AZ마다 하나씩 두고 각 AZ의 프라이빗 서브넷을
        같은 AZ의 게이트웨이로 라우팅하라고 권장합니다. 그래야 AZ 하나의 장애가 다른 AZ를 끊지 않습니다
        ([NAT gateways]({VPC_DOC}/vpc-nat-gateway.html)). 그래서 여기서는 프라이빗 서브넷마다 라우팅
        테이블이 하나씩 있습니다. (NAT 게이트웨이 하나와 AZ마다 하나의 비용은 노트북 03에서 비교합니다.)
        """,
    ),
    code(
        """
        allocate-address --domain vpc --name nat-eip-a
        allocate-address --domain vpc --name nat-eip-c
        create-nat-gateway --subnet-id public-a --allocation-id nat-eip-a --name nat-a
        create-nat-gateway --subnet-id public-c --allocation-id nat-eip-c --name nat-c
        create-route-table --vpc-id prod --name private-rt-a
        create-route-table --vpc-id prod --name private-rt-c
        create-route --route-table-id private-rt-a --destination-cidr-block 0.0.0.0/0 --nat-gateway-id nat-a
        create-route --route-table-id private-rt-c --destination-cidr-block 0.0.0.0/0 --nat-gateway-id nat-c
        associate-route-table --route-table-id private-rt-a --subnet-id private-a
        associate-route-table --route-table-id private-rt-c --subnet-id private-c
        """
    ),
    md(
        f"""
        ## 7. Security groups, instances, private IPs and DNS names

        A **security group** (SG) is a stateful, allow-only firewall on each network interface.
        A new SG allows nothing in and everything out. A rule may name **another SG as the
        source**: "anything that carries `web-sg` may connect", which keeps working as instances
        come and go ([security group rules]({VPC_DOC}/security-group-rules.html)).

        Each instance gets a **private IPv4 address** from its subnet's range by DHCP, and a
        private DNS name built from it (`ip-10-0-32-10.ap-northeast-2.compute.internal`; the lab
        shows the addresses, the names follow from them). An instance in a subnet that maps
        public IPs also gets a **public IPv4 address**.
        """,
        f"""
        ## 7. 보안 그룹, 인스턴스, 프라이빗 IP와 DNS 이름

        **보안 그룹**(SG)은 네트워크 인터페이스마다 붙는 stateful, 허용(allow) 전용 방화벽입니다. 새 SG는
        들어오는 것은 모두 막고 나가는 것은 모두 허용합니다. 규칙의 **소스로 다른 SG를** 지정할 수
        있습니다. "`web-sg`를 가진 것은 무엇이든 연결 가능"이라는 뜻이라서 인스턴스가 늘고 줄어도 그대로
        동작합니다([security group rules]({VPC_DOC}/security-group-rules.html)).

        인스턴스는 DHCP로 서브넷 대역에서 **프라이빗 IPv4 주소**를 받고, 그 주소로 만든 프라이빗 DNS
        이름(`ip-10-0-32-10.ap-northeast-2.compute.internal`)을 얻습니다(실습 모델은 주소만 보여 주며, 이름은
        주소에서 정해집니다). 퍼블릭 IP 자동 할당이 켜진
        서브넷의 인스턴스는 **퍼블릭 IPv4 주소**도 받습니다.
        """,
    ),
    code(
        """
        create-security-group --group-name web-sg --description "web servers" --vpc-id prod
        authorize-security-group-ingress --group-id web-sg --protocol tcp --port 80 --cidr 0.0.0.0/0
        authorize-security-group-ingress --group-id web-sg --protocol tcp --port 443 --cidr 0.0.0.0/0
        create-security-group --group-name db-sg --description "PostgreSQL" --vpc-id prod
        authorize-security-group-ingress --group-id db-sg --protocol tcp --port 5432 --source-group web-sg
        run-instances --instance-type t3.micro --subnet-id public-a --security-group-ids web-sg --name web1
        run-instances --instance-type t3.micro --subnet-id private-a --security-group-ids db-sg --private-ip-address 10.0.32.10 --name db1
        describe-instances
        """
    ),
    md(
        f"""
        ## 8. Public IP versus Elastic IP across stop and start

        An auto-assigned public IPv4 address is **released when the instance stops** and a new
        one is assigned at the next start; the private IP stays. An **Elastic IP** (EIP) belongs
        to your account until you release it and stays with the instance across stop/start
        ([instance addressing](https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/using-instance-addressing.html)).
        Since 1 February 2024 every public IPv4 address, in use or idle, costs $0.005 per hour.
        Watch `web1`'s public address:
        """,
        f"""
        ## 8. stop/start 때 퍼블릭 IP와 Elastic IP

        자동 할당된 퍼블릭 IPv4 주소는 **인스턴스가 중지되면 반납**되고, 다음에 시작할 때 새 주소가
        할당됩니다. 프라이빗 IP는 그대로입니다. **Elastic IP**(EIP)는 반납할 때까지 계정에 속하며
        stop/start를 해도 인스턴스에 그대로 남습니다
        ([instance addressing](https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/using-instance-addressing.html)).
        2024년 2월 1일부터 모든 퍼블릭 IPv4 주소는 사용 중이든 유휴 상태든 시간당 $0.005가 부과됩니다.
        `web1`의 퍼블릭 주소를 지켜보세요.
        """,
    ),
    code(
        """
        describe-instances --instance-ids web1
        stop-instances --instance-ids web1
        start-instances --instance-ids web1
        describe-instances --instance-ids web1
        """
    ),
    code(
        """
        allocate-address --domain vpc --name web-eip
        associate-address --instance-id web1 --allocation-id web-eip
        stop-instances --instance-ids web1
        start-instances --instance-ids web1
        describe-instances --instance-ids web1
        """
    ),
    md(
        f"""
        ## 9. Security groups versus network ACLs, checked with `reach`

        | | Security group | Network ACL |
        |---|---|---|
        | Applies to | a network interface (instance) | a subnet |
        | Rules | allow only | allow and deny |
        | Evaluation | all rules together | lowest rule number first; first match wins |
        | State | **stateful**: replies are allowed automatically | **stateless**: return traffic needs its own rule |

        ([security groups]({VPC_DOC}/vpc-security-groups.html),
        [network ACLs]({VPC_DOC}/vpc-network-acls.html))

        `reach A B` checks whether traffic may flow and shows every check on the way there and
        back: SG out, NACL out, route table, gateway, NACL in, SG in, and the return path
        through the NACLs, each with the rule that decided it. Ends may be instances,
        `internet`, `s3`, or an IP address.
        """,
        f"""
        ## 9. 보안 그룹과 네트워크 ACL, `reach`로 확인하기

        | | Security group | Network ACL |
        |---|---|---|
        | 적용 대상 | 네트워크 인터페이스(인스턴스) | 서브넷 |
        | 규칙 | 허용(allow)만 | 허용과 거부(allow, deny) |
        | 평가 | 모든 규칙을 함께 | 가장 낮은 규칙 번호부터, 처음 일치한 규칙으로 결정 |
        | 상태 | **stateful**: 응답은 자동으로 허용 | **stateless**: 돌아오는 트래픽에도 규칙이 필요 |

        ([security groups]({VPC_DOC}/vpc-security-groups.html),
        [network ACLs]({VPC_DOC}/vpc-network-acls.html))

        `reach A B`는 트래픽이 흐를 수 있는지 확인하고, 가는 길과 돌아오는 길의 모든 검사를
        보여 줍니다. SG out, NACL out, 라우팅 테이블, 게이트웨이, NACL in, SG in, 그리고 NACL을 지나는
        응답 경로까지, 각각 어느 규칙이 결정했는지 함께 나옵니다. 양 끝에는 인스턴스, `internet`, `s3`,
        IP 주소를 쓸 수 있습니다.
        """,
    ),
    code(
        """
        reach internet web1 --protocol tcp --port 443
        reach web1 db1 --protocol tcp --port 5432
        reach internet db1 --protocol tcp --port 5432
        """
    ),
    md(
        f"""
        `db1` accepts PostgreSQL from `web1` because `web1` carries `web-sg`, the source named in
        `db-sg`'s rule; the internet cannot reach `db1` at all (no route, no public IP, no rule).

        ### The default NACL, and a custom NACL that forgets the ephemeral ports

        The VPC's **default NACL** allows all traffic in and out, so until now only the SGs
        decided. A new **custom NACL** denies everything until you add rules. Below, the
        database subnet gets a NACL that lets PostgreSQL in from the VPC, with an outbound rule
        for port 5432 only. The query arrives, but the **reply** goes back to `web1`'s
        *ephemeral* port (the client's temporary port: 32768–60999 on current Linux, anywhere in
        1024–65535 for NAT gateways, ELB and Lambda), and the stateless NACL drops it. AWS
        advises allowing 1024–65535 for return traffic ([ephemeral ports]({VPC_DOC}/vpc-network-acls.html#nacl-ephemeral-ports)).
        """,
        f"""
        `db1`은 `web1`의 PostgreSQL 연결을 받아들입니다. `web1`이 `db-sg` 규칙의 소스로 지정된
        `web-sg`를 가지고 있기 때문입니다. 인터넷에서는 `db1`에 전혀 닿을 수 없습니다(경로도, 퍼블릭
        IP도, 규칙도 없음).

        ### 기본 NACL, 그리고 임시(ephemeral) 포트를 잊은 custom NACL

        VPC의 **기본 NACL**은 들어오고 나가는 모든 트래픽을 허용하므로, 지금까지는 SG만 판단했습니다.
        새 **custom NACL**은 규칙을 추가하기 전까지 모든 것을 거부합니다. 아래에서는 데이터베이스 서브넷에
        VPC 안에서 오는 PostgreSQL을 허용하는 NACL을 붙이되, 나가는 규칙은 5432 포트만 엽니다. 요청은
        도착하지만, **응답**은 `web1`의 *임시* 포트(클라이언트의 임시 포트: 최신 Linux는 32768–60999, NAT 게이트웨이·ELB·Lambda는
        1024–65535 중 아무 곳)로 돌아가야 하므로
        stateless NACL이 버립니다. AWS는 응답 트래픽을 위해 1024–65535를 허용하라고 권합니다
        ([ephemeral ports]({VPC_DOC}/vpc-network-acls.html#nacl-ephemeral-ports)).
        """,
    ),
    code(
        """
        create-network-acl --vpc-id prod --name db-nacl
        create-network-acl-entry --network-acl-id db-nacl --ingress --rule-number 100 --protocol tcp --port-range From=5432,To=5432 --cidr-block 10.0.0.0/16 --rule-action allow
        create-network-acl-entry --network-acl-id db-nacl --egress --rule-number 100 --protocol tcp --port-range From=5432,To=5432 --cidr-block 10.0.0.0/16 --rule-action allow
        replace-network-acl-association --subnet-id private-a --network-acl-id db-nacl
        reach web1 db1 --protocol tcp --port 5432
        """
    ),
    md(
        """
        The verdict names the rule that dropped the reply. Replace the outbound rule with one for
        the ephemeral range, and the path opens:
        """,
        """
        판정 결과에 응답을 버린 규칙이 나옵니다. 나가는 규칙을 임시 포트 범위로 바꾸면 경로가 열립니다.
        """,
    ),
    code(
        """
        replace-network-acl-entry --network-acl-id db-nacl --egress --rule-number 100 --protocol tcp --port-range From=1024,To=65535 --cidr-block 10.0.0.0/16 --rule-action allow
        reach web1 db1 --protocol tcp --port 5432
        """
    ),
    md(
        f"""
        ## 10. Connecting VPCs: peering, Transit Gateway, VPN

        - **VPC peering** joins two VPCs privately. Their CIDRs must **not overlap**, each side
          adds a route to the other's CIDR via the `pcx-…` connection, and peering is
          **not transitive**: with A–B and A–C peered, B cannot reach C through A
          ([peering basics](https://docs.aws.amazon.com/vpc/latest/peering/vpc-peering-basics.html)).
        - A **Transit Gateway** is a Regional router that many VPCs and VPNs attach to; routing
          through it *is* transitive, which is why it replaces a full mesh of peerings
          ([how transit gateways work](https://docs.aws.amazon.com/vpc/latest/tgw/how-transit-gateways-work.html)).
        - A **virtual private gateway** (`vgw-…`) attached to the VPC terminates Site-to-Site VPN
          (and Direct Connect) links to your offices.

        All three appear as **targets** in route tables.
        """,
        f"""
        ## 10. VPC 연결하기: 피어링, Transit Gateway, VPN

        - **VPC 피어링**은 두 VPC를 사설로 연결합니다. 두 CIDR이 **겹치면 안 되고**, 양쪽 모두 상대 CIDR로
          가는 경로를 `pcx-…` 연결로 추가해야 하며, 피어링은 **전이되지 않습니다**(non-transitive). A–B와
          A–C가 피어링되어 있어도 B는 A를 거쳐 C로 갈 수 없습니다
          ([peering basics](https://docs.aws.amazon.com/vpc/latest/peering/vpc-peering-basics.html)).
        - **Transit Gateway**는 여러 VPC와 VPN이 붙는 리전 단위 라우터입니다. 이를 통한 라우팅은 전이
          *됩니다*. 그래서 피어링을 그물처럼 모두 잇는 대신 씁니다
          ([how transit gateways work](https://docs.aws.amazon.com/vpc/latest/tgw/how-transit-gateways-work.html)).
        - VPC에 붙인 **virtual private gateway**(`vgw-…`)는 사무실로 가는 Site-to-Site VPN(과 Direct
          Connect) 연결의 끝점입니다.

        세 가지 모두 라우팅 테이블에서 **대상(target)**으로 나타납니다.
        """,
    ),
    code(
        """
        create-vpc --cidr-block 10.1.0.0/16 --name analytics
        create-subnet --vpc-id analytics --cidr-block 10.1.0.0/20 --availability-zone ap-northeast-2a --name analytics-a
        create-vpc-peering-connection --vpc-id prod --peer-vpc-id analytics --name prod-analytics
        accept-vpc-peering-connection --vpc-peering-connection-id prod-analytics
        create-route --route-table-id private-rt-a --destination-cidr-block 10.1.0.0/16 --vpc-peering-connection-id prod-analytics
        create-route-table --vpc-id analytics --name analytics-rt
        create-route --route-table-id analytics-rt --destination-cidr-block 10.0.0.0/16 --vpc-peering-connection-id prod-analytics
        associate-route-table --route-table-id analytics-rt --subnet-id analytics-a
        """
    ),
    md(
        """
        Peering is not transitive: a `partner` VPC peered with `analytics` cannot reach `prod`
        through it, even with a route that points that way. `reach` names the hop that refuses:
        """,
        """
        피어링은 전이되지 않습니다. `analytics`와 피어링한 `partner` VPC는 그쪽을 가리키는 경로가 있어도
        `analytics`를 거쳐 `prod`에 닿을 수 없습니다. `reach`가 거부하는 지점을 알려 줍니다.
        """,
    ),
    code(
        """
        create-vpc --cidr-block 10.4.0.0/16 --name partner
        create-subnet --vpc-id partner --cidr-block 10.4.0.0/20 --availability-zone ap-northeast-2a --name partner-a
        create-vpc-peering-connection --vpc-id analytics --peer-vpc-id partner --name analytics-partner
        accept-vpc-peering-connection --vpc-peering-connection-id analytics-partner
        create-route-table --vpc-id partner --name partner-rt
        create-route --route-table-id partner-rt --destination-cidr-block 10.0.0.0/8 --vpc-peering-connection-id analytics-partner
        associate-route-table --route-table-id partner-rt --subnet-id partner-a
        run-instances --instance-type t3.micro --subnet-id partner-a --name partner1
        reach partner1 db1 --protocol tcp --port 5432
        """
    ),
    code(
        """
        create-transit-gateway --name hub
        create-transit-gateway-vpc-attachment --transit-gateway-id hub --vpc-id prod --subnet-ids private-a private-c
        create-vpn-gateway --type ipsec.1 --name office-vgw
        attach-vpn-gateway --vpn-gateway-id office-vgw --vpc-id prod
        # the office network through the VPN gateway, a shared-services VPC (10.3.0.0/16) through the hub
        create-route --route-table-id private-rt-a --destination-cidr-block 192.168.0.0/16 --gateway-id office-vgw
        create-route --route-table-id private-rt-c --destination-cidr-block 10.3.0.0/16 --transit-gateway-id hub
        describe-route-tables --route-table-ids private-rt-a private-rt-c
        """
    ),
    md(
        """
        The route `192.168.0.0/16 → office-vgw` sends traffic for the office network into the
        Site-to-Site VPN. The VPN connection joins the virtual private gateway (AWS side) to a
        **customer gateway** (your router's public IP and BGP ASN, `create-customer-gateway`) with
        two IPsec tunnels, each ending in a different AWS endpoint for redundancy. With static
        routing, `create-vpn-connection-route` names the office networks; with BGP the router
        advertises them. `reach` follows the route to the VPN gateway and stops there
        (`REACHABLE_TO_VPN`: what happens on-premises is outside the model).

        ### A Transit Gateway hub versus peering

        With peering, *n* VPCs that must all talk need n(n−1)/2 connections (10 for 5 VPCs), each
        with routes on both sides, and nothing is transitive. A **Transit Gateway** is a regional
        router: each VPC attaches once, the TGW route table learns every attached CIDR, and every
        spoke reaches every other through the hub. It costs per attachment-hour and per GB
        processed, where same-AZ peering traffic is free. A hub in another Region (`us-west-2`,
        so Seoul's VPC count stays as it is), with two application VPCs and a shared-services VPC:
        """,
        """
        경로 `192.168.0.0/16 → office-vgw`는 사무실 네트워크로 가는 트래픽을 Site-to-Site VPN으로
        보냅니다. VPN 연결은 가상 프라이빗 게이트웨이(AWS 쪽)와 **고객 게이트웨이**(customer gateway:
        우리 라우터의 퍼블릭 IP와 BGP ASN, `create-customer-gateway`)를 IPsec 터널 두 개로 잇습니다. 두 터널은
        이중화를 위해 서로 다른 AWS 엔드포인트에서 끝납니다. 정적 라우팅이면 `create-vpn-connection-route`로
        사무실 네트워크를 지정하고, BGP면 라우터가 광고합니다. `reach`는 VPN 게이트웨이까지 경로를 따라가고
        거기서 멈춥니다(`REACHABLE_TO_VPN`: 온프레미스 안의 일은 모델 밖입니다).

        ### Transit Gateway 허브와 피어링 비교

        피어링으로는 서로 통신해야 하는 VPC *n*개에 연결이 n(n−1)/2개 필요하고(VPC 5개면 10개), 연결마다
        양쪽에 경로를 넣어야 하며, 전이되지 않습니다. **Transit Gateway**는 리전 라우터입니다. VPC마다
        한 번만 연결(attachment)하면 TGW 라우팅 테이블이 연결된 모든 CIDR을 배우고, 모든 스포크가 허브를
        거쳐 서로 닿습니다. 요금은 연결 시간과 처리한 GB마다 붙습니다(같은 AZ 안의 피어링 트래픽은 무료).
        다른 리전(`us-west-2`, 서울의 VPC 수는 그대로 둡니다)에 애플리케이션 VPC 두 개와 공용 서비스 VPC
        하나를 둔 허브입니다.
        """,
    ),
    code(
        """
        # the office router as AWS knows it, and the VPN connection: two IPsec tunnels to the VGW
        create-customer-gateway --type ipsec.1 --public-ip 203.0.113.12 --bgp-asn 65010 --name office-router
        create-vpn-connection --type ipsec.1 --customer-gateway-id office-router --vpn-gateway-id office-vgw --options StaticRoutesOnly=true --name office-vpn
        create-vpn-connection-route --vpn-connection-id office-vpn --destination-cidr-block 192.168.0.0/16
        describe-vpn-connections
        # an operations host in private-c, whose route table gets the office route too
        create-route --route-table-id private-rt-c --destination-cidr-block 192.168.0.0/16 --gateway-id office-vgw
        run-instances --instance-type t3.micro --subnet-id private-c --name ops1
        reach ops1 192.168.1.10 --protocol tcp --port 22
        """
    ),
    code(
        """
        region us-west-2
        create-transit-gateway --name west-hub
        create-vpc --cidr-block 10.20.0.0/16 --name spoke-a
        create-subnet --vpc-id spoke-a --cidr-block 10.20.0.0/24 --availability-zone us-west-2a --name spoke-a-1
        create-route-table --vpc-id spoke-a --name spoke-a-rt
        associate-route-table --route-table-id spoke-a-rt --subnet-id spoke-a-1
        create-transit-gateway-vpc-attachment --transit-gateway-id west-hub --vpc-id spoke-a --subnet-ids spoke-a-1
        create-route --route-table-id spoke-a-rt --destination-cidr-block 10.0.0.0/8 --transit-gateway-id west-hub
        run-instances --instance-type t3.micro --subnet-id spoke-a-1 --name app-a
        create-vpc --cidr-block 10.21.0.0/16 --name spoke-b
        create-subnet --vpc-id spoke-b --cidr-block 10.21.0.0/24 --availability-zone us-west-2a --name spoke-b-1
        create-route-table --vpc-id spoke-b --name spoke-b-rt
        associate-route-table --route-table-id spoke-b-rt --subnet-id spoke-b-1
        create-transit-gateway-vpc-attachment --transit-gateway-id west-hub --vpc-id spoke-b --subnet-ids spoke-b-1
        create-route --route-table-id spoke-b-rt --destination-cidr-block 10.0.0.0/8 --transit-gateway-id west-hub
        run-instances --instance-type t3.micro --subnet-id spoke-b-1 --name app-b
        create-vpc --cidr-block 10.22.0.0/16 --name shared
        create-subnet --vpc-id shared --cidr-block 10.22.0.0/24 --availability-zone us-west-2a --name shared-1
        create-route-table --vpc-id shared --name shared-rt
        associate-route-table --route-table-id shared-rt --subnet-id shared-1
        create-transit-gateway-vpc-attachment --transit-gateway-id west-hub --vpc-id shared --subnet-ids shared-1
        create-route --route-table-id shared-rt --destination-cidr-block 10.0.0.0/8 --transit-gateway-id west-hub
        create-security-group --group-name shared-sg --description "shared services" --vpc-id shared
        authorize-security-group-ingress --group-id shared-sg --protocol tcp --port 443 --cidr 10.0.0.0/8
        run-instances --instance-type t3.micro --subnet-id shared-1 --security-group-ids shared-sg --name tools1
        describe-transit-gateway-vpc-attachments
        # three attachments, one hub: both spokes reach the shared VPC (no peering at all)
        assert reach app-a tools1 --protocol tcp --port 443
        reach app-b tools1 --protocol tcp --port 443
        region ap-northeast-2
        """
    ),
    md(
        f"""
        ## 11. The S3 gateway endpoint

        Without an endpoint, traffic from a private subnet to S3 goes through the NAT gateway
        and pays its per-GB processing charge. A **gateway endpoint** for S3 (or DynamoDB) is
        free: associating it with route tables adds a route from the service's prefix list
        (`pl-…`) to the endpoint (`vpce-…`), which is more specific than `0.0.0.0/0` and so wins
        for S3 in the same Region ([gateway endpoints](https://docs.aws.amazon.com/vpc/latest/privatelink/gateway-endpoints.html)).
        """,
        f"""
        ## 11. S3 게이트웨이 엔드포인트

        엔드포인트가 없으면 프라이빗 서브넷에서 S3로 가는 트래픽은 NAT 게이트웨이를 지나고, GB당 처리
        요금을 냅니다. S3(또는 DynamoDB)용 **게이트웨이 엔드포인트**는 무료입니다. 라우팅 테이블과 연결하면
        서비스의 prefix list(`pl-…`)에서 엔드포인트(`vpce-…`)로 가는 경로가 추가되는데, 이 경로는
        `0.0.0.0/0`보다 구체적이므로 같은 리전의 S3 트래픽은 이 경로를 탑니다
        ([gateway endpoints](https://docs.aws.amazon.com/vpc/latest/privatelink/gateway-endpoints.html)).
        """,
    ),
    code(
        """
        create-vpc-endpoint --vpc-id prod --vpc-endpoint-type Gateway --service-name com.amazonaws.ap-northeast-2.s3 --route-table-ids private-rt-a private-rt-c --name s3-endpoint
        run-instances --instance-type t3.micro --subnet-id private-c --name batch1
        reach batch1 s3 --protocol tcp --port 443
        reach db1 s3 --protocol tcp --port 443
        """
    ),
    md(
        """
        ### The NAT gateway gives private subnets the internet, one way

        `batch1` has no public IP. Its subnet's route `0.0.0.0/0 → nat-c` sends internet traffic to
        the NAT gateway in `public-c`, which swaps the source for its Elastic IP and goes out
        through the internet gateway; replies come back the same way. Nothing from the internet
        can open a connection to `batch1`:
        """,
        """
        ### NAT 게이트웨이는 프라이빗 서브넷에 한 방향의 인터넷을 준다

        `batch1`에는 퍼블릭 IP가 없습니다. 서브넷의 경로 `0.0.0.0/0 → nat-c`가 인터넷 트래픽을
        `public-c`의 NAT 게이트웨이로 보내고, NAT 게이트웨이는 출발지 주소를 자신의 Elastic IP로 바꿔
        인터넷 게이트웨이로 내보냅니다. 응답은 같은 길로 돌아옵니다. 인터넷에서 `batch1`으로 연결을
        여는 것은 불가능합니다.
        """,
    ),
    code(
        """
        reach batch1 internet --protocol tcp --port 443
        assert not reach internet batch1 --protocol tcp --port 443
        """
    ),
    md(
        """
        `batch1` (in `private-c`, default security group) reaches S3 through the endpoint route.
        `db1` does not: its subnet's NACL `db-nacl` allows outbound traffic only to VPC addresses,
        and a NACL rule cannot name a prefix list, only CIDR blocks. The database has no business
        with S3 here, so that is what we want.

        ## 12. The picture

        `diagram` draws what the model holds: the AZs, public and private subnets, gateways,
        route targets and instances.
        """,
        """
        `batch1`(`private-c`, 기본 보안 그룹)은 엔드포인트 경로로 S3에 닿습니다. `db1`은 닿지 못합니다.
        서브넷의 NACL `db-nacl`이 VPC 주소로 나가는 트래픽만 허용하고, NACL 규칙에는 prefix list를 쓸 수
        없고 CIDR 블록만 쓸 수 있기 때문입니다. 여기서 데이터베이스는 S3를 쓸 일이 없으니 바라던 결과입니다.

        ## 12. 그림으로 보기

        `diagram`은 모델에 있는 것을 그립니다. AZ, 퍼블릭·프라이빗 서브넷, 게이트웨이, 경로 대상,
        인스턴스가 나옵니다.
        """,
    ),
    code("diagram prod"),
    md(
        """
        The console's **"VPC and more"** creates the same layout in one step; `vpc wizard` does it
        in the model, as real resources you can inspect and change afterwards. It names them as the
        console does: `staging-vpc`, `staging-subnet-public1-ap-northeast-2a`, `staging-igw`, …
        """,
        """
        콘솔의 **"VPC and more"**는 같은 구성을 한 번에 만듭니다. `vpc wizard`는 모델 안에서 같은 일을
        하며, 만들어진 리소스는 나중에 살펴보고 바꿀 수 있는 실제 리소스입니다. 이름은 콘솔과 같은 방식으로
        붙습니다: `staging-vpc`, `staging-subnet-public1-ap-northeast-2a`, `staging-igw`, …
        """,
    ),
    code(
        """
        vpc wizard --name staging --cidr 10.2.0.0/16 --azs 2 --public-subnets 2 --private-subnets 2 --nat-gateways 1 --s3-endpoint
        diagram staging-vpc
        """
    ),
    md(
        """
        ### Quotas: 5 VPCs per Region

        Seoul now has five VPCs: the default VPC, `prod`, `analytics`, `partner` and `staging`.
        Five is the default **quota** (service limit) for VPCs per Region, and the default VPC
        counts. The sixth is refused with `VpcLimitExceeded`. A quota is not a law of nature:
        it is adjustable, and a **quota increase** is a request in the Service Quotas console
        (or `aws service-quotas request-service-quota-increase`, quota "VPCs per Region") that
        AWS usually grants; the lab models the default values only. Other Regions have their
        own count.
        """,
        """
        ### 할당량: 리전당 VPC 5개

        이제 서울 리전에는 VPC가 다섯 개 있습니다. 기본 VPC, `prod`, `analytics`, `partner`, `staging`입니다.
        다섯 개는 리전당 VPC의 기본 **할당량**(service quota, 서비스 한도)이며 기본 VPC도 포함됩니다.
        여섯 번째는 `VpcLimitExceeded`로 거부됩니다. 할당량은 바꿀 수 없는 규칙이 아닙니다. 조정 가능한
        값이며, Service Quotas 콘솔(또는 `aws service-quotas request-service-quota-increase`, 할당량 이름
        "VPCs per Region")에서 **할당량 증가**를 요청하면 보통 승인됩니다. 실습 모델은 기본값만 모델링합니다.
        다른 리전은 따로 셉니다.
        """,
    ),
    code(
        """
        sql "SELECT name, cidr_block, is_default FROM vpcs WHERE region = 'ap-northeast-2'"
        assert fails VpcLimitExceeded -- create-vpc --cidr-block 10.9.0.0/16 --name sixth
        """
    ),
    md(
        """
        ### Overlapping CIDRs cannot be peered

        A VPC in `us-east-1` that reuses `10.0.0.0/16` (another Region, so another count) cannot
        be peered with `prod`: AWS accepts the request but marks it `failed`, and it can never
        be accepted.
        """,
        """
        ### CIDR이 겹치면 피어링할 수 없다

        `us-east-1`(다른 리전이므로 VPC 수도 따로 셉니다)에서 `10.0.0.0/16`을 다시 쓰는 VPC는 `prod`와
        피어링할 수 없습니다. AWS는 요청을 받지만 `failed`로 표시하고, 그 요청은 절대 수락할 수 없습니다.
        """,
    ),
    code(
        """
        create-vpc --cidr-block 10.0.0.0/16 --region us-east-1 --name copy-of-prod
        create-vpc-peering-connection --vpc-id prod --peer-vpc-id copy-of-prod --peer-region us-east-1 --name prod-copy
        describe-vpc-peering-connections --vpc-peering-connection-ids prod-copy
        assert fails InvalidStateTransition -- accept-vpc-peering-connection --vpc-peering-connection-id prod-copy
        """
    ),
    md(
        """
        ## Exercises

        Each exercise has an **answer cell** and a **check cell**. Write your commands in the
        answer cell, then run the check: its `assert` lines print ✓ when your work is right, and
        fail the cell with what was expected, what was found and why when it is not. The checks
        look at what *you* built, not at what the cells above made. In the instructor version the
        answer cells hold one solution between nbgrader's solution markers; the
        student version made by nbgrader (`nbgrader generate_assignment`, see `docs/nbgrader.md`)
        has them blank, and grading adds hidden checks.

        **Exercise 1.** Give `prod` a third public subnet `public-b` in `ap-northeast-2b`
        (a free `/20` of `10.0.0.0/16`), routed through `public-rt` and giving new instances a
        public IP.
        """,
        """
        ## 연습 문제

        연습 문제마다 **답 셀**과 **확인 셀**이 있습니다. 답 셀에 명령을 쓰고 확인 셀을 실행하세요. `assert`
        줄은 맞으면 ✓를 출력하고, 틀리면 무엇을 기대했는지, 무엇이 나왔는지, 왜 그런지를 알려 주며 셀이
        실패합니다. 확인은 위의 셀들이 만든 것이 아니라 *여러분이* 만든 것을 봅니다. 강사용 노트북의 답 셀에는
        nbgrader의 풀이 표시 사이에 풀이가 하나 들어 있고, nbgrader로 만든 학생용
        노트북(`nbgrader generate_assignment`, `docs/nbgrader.md` 참고)에서는 비어 있으며, 채점할 때 숨은
        확인이 더해집니다.

        **연습 1.** `prod`에 세 번째 퍼블릭 서브넷 `public-b`를 `ap-northeast-2b`에 만드세요(`10.0.0.0/16`에서
        비어 있는 `/20`). `public-rt`로 라우팅되고, 새 인스턴스에 퍼블릭 IP를 주어야 합니다.
        """,
    ),
    solution(
        """
        create-subnet --vpc-id prod --cidr-block 10.0.64.0/20 --availability-zone ap-northeast-2b --name public-b
        associate-route-table --route-table-id public-rt --subnet-id public-b
        modify-subnet-attribute --subnet-id public-b --map-public-ip-on-launch
        """,
        "ex1-answer",
    ),
    check(
        """
        assert sql "SELECT count(*) FROM subnets s JOIN vpcs v ON s.vpc_id = v.vpc_id WHERE v.name = 'prod' AND s.public" = 3
        """,
        "ex1-check",
        1,
        hidden="""
        assert sql "SELECT count(*) FROM subnets WHERE name = 'public-b' AND availability_zone = 'ap-northeast-2b' AND map_public_ip_on_launch" = 1
        """,
    ),
    md(
        """
        **Exercise 2.** Put a second web server `web2` in `public-c` with `web-sg`. Users on the
        internet must reach it on HTTPS, it must reach the database, and the database must stay
        closed to the internet.
        """,
        """
        **연습 2.** `public-c`에 `web-sg`를 쓰는 두 번째 웹 서버 `web2`를 두세요. 인터넷 사용자는 HTTPS로
        닿을 수 있어야 하고, `web2`는 데이터베이스에 닿아야 하며, 데이터베이스는 인터넷에 계속 닫혀
        있어야 합니다.
        """,
    ),
    solution(
        """
        run-instances --instance-type t3.micro --subnet-id public-c --security-group-ids web-sg --name web2
        """,
        "ex2-answer",
    ),
    check(
        """
        assert reach internet web2 --protocol tcp --port 443
        """,
        "ex2-check",
        1,
        hidden="""
        assert reach web2 db1 --protocol tcp --port 5432
        assert not reach internet db1 --protocol tcp --port 5432
        """,
    ),
    md(
        """
        **Exercise 3.** A reporting server `report1` in `analytics-a` must read from `db1` over the
        peering connection. Which security group rule does it need, and what must change in
        `db-nacl`, which only admits the `prod` range? (Hint: across a peering connection in the
        same Region, an SG rule may name the peer's CIDR.)
        """,
        """
        **연습 3.** `analytics-a`의 리포팅 서버 `report1`이 피어링 연결을 통해 `db1`을 읽어야 합니다.
        어떤 보안 그룹 규칙이 필요하고, `prod` 대역만 받아들이는 `db-nacl`은 어떻게 바꿔야 할까요? (힌트: 같은
        리전의 피어링에서는 SG 규칙에 상대 VPC의 CIDR을 쓸 수 있습니다.)
        """,
    ),
    solution(
        """
        create-security-group --group-name report-sg --description "reporting" --vpc-id analytics
        run-instances --instance-type t3.micro --subnet-id analytics-a --security-group-ids report-sg --name report1
        authorize-security-group-ingress --group-id db-sg --protocol tcp --port 5432 --cidr 10.1.0.0/16
        replace-network-acl-entry --network-acl-id db-nacl --ingress --rule-number 100 --protocol tcp --port-range From=5432,To=5432 --cidr-block 10.0.0.0/8 --rule-action allow
        replace-network-acl-entry --network-acl-id db-nacl --egress --rule-number 100 --protocol tcp --port-range From=1024,To=65535 --cidr-block 10.0.0.0/8 --rule-action allow
        """,
        "ex3-answer",
    ),
    check(
        """
        assert reach report1 db1 --protocol tcp --port 5432
        """,
        "ex3-check",
        1,
        hidden="""
        # the partner VPC still cannot: peering is not transitive
        assert not reach partner1 db1 --protocol tcp --port 5432
        """,
    ),
]
