"""02 — the compute session: EC2, AMIs, lifecycle, instance types, ALB + Auto Scaling."""

from cells import check, code, md, solution

SLUG = "02-compute"

EC2_DOC = "https://docs.aws.amazon.com/AWSEC2/latest/UserGuide"

CELLS = [
    md(
        """
        # 02 · Compute: EC2 instances, instance types and Auto Scaling

        **What this notebook teaches**

        - Where EC2 sits next to containers and Lambda.
        - AMIs: from a base image to a custom image to many identical instances.
        - The instance lifecycle, what is billed in each state, and hibernation.
        - EBS volumes versus instance store.
        - Reading an instance type name (`c7gn.xlarge`), comparing families by memory per vCPU
          and price, and checking where a type is offered.
        - "Newest generation, right size".
        - The lab: web servers behind an Application Load Balancer in an Auto Scaling group,
          watched by CloudWatch, under a load test that makes the group scale out and back in.
        """,
        """
        # 02 · 컴퓨팅: EC2 인스턴스, 인스턴스 유형, Auto Scaling

        **이 노트북에서 배우는 것**

        - 컨테이너, Lambda와 비교한 EC2의 위치.
        - AMI: 기본 이미지에서 사용자 지정 이미지로, 그리고 똑같은 인스턴스 여러 대로.
        - 인스턴스 수명 주기, 상태별 과금, 최대 절전(hibernate).
        - EBS 볼륨과 인스턴스 스토어의 차이.
        - 인스턴스 유형 이름(`c7gn.xlarge`) 읽기, vCPU당 메모리와 가격으로 패밀리 비교하기, 유형을 어느
          리전에서 쓸 수 있는지 확인하기.
        - "최신 세대, 알맞은 크기".
        - 실습: Application Load Balancer 뒤의 Auto Scaling 그룹에 있는 웹 서버들을 CloudWatch로
          지켜보며 부하 테스트를 하고, 그룹이 늘었다가 다시 줄어드는 것을 봅니다.
        """,
    ),
    md(
        f"""
        ## 1. EC2 and its neighbours

        - **EC2** gives you virtual machines: you choose the instance type and the operating
          system image, and you patch, scale and pay for them per second while they run.
        - **Containers** (Amazon ECS, Amazon EKS) package an application with its libraries;
          they run on EC2 instances you manage or on **AWS Fargate**, which runs each task
          without servers for you to manage.
        - **AWS Lambda** runs a function per event and bills per request and per millisecond of
          run time; a single invocation may run for at most 15 minutes
          ([Lambda quotas](https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html)).

        The further down the list, the less you manage and the less you control. This notebook
        stays with EC2, the layer the others are built on.

        ## 2. AMIs: base → custom → many

        An **Amazon Machine Image** (AMI) is the template an instance boots from: a root volume
        snapshot plus launch settings. The usual path is to start from a **base AMI** (Amazon
        Linux, Ubuntu, Windows), install and configure your application, save the result as a
        **custom AMI** (`create-image`), and launch **many identical instances** from it, by
        hand or through a launch template and an Auto Scaling group (section 7). An AMI
        belongs to one Region; copy it to use it elsewhere.
        """,
        f"""
        ## 1. EC2와 그 이웃들

        - **EC2**는 가상 머신을 줍니다. 인스턴스 유형과 운영 체제 이미지를 고르고, 패치와 확장은 직접
          하며, 실행하는 동안 초 단위로 요금을 냅니다.
        - **컨테이너**(Amazon ECS, Amazon EKS)는 애플리케이션을 라이브러리와 함께 묶습니다. 직접 관리하는
          EC2 인스턴스 위에서, 또는 서버 관리 없이 태스크를 실행해 주는 **AWS Fargate** 위에서 돌아갑니다.
        - **AWS Lambda**는 이벤트마다 함수를 실행하고 요청 수와 실행 시간(밀리초)으로 과금합니다. 한 번의
          호출은 최대 15분까지 실행됩니다
          ([Lambda quotas](https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html)).

        아래로 갈수록 관리할 것은 줄고 제어할 수 있는 것도 줄어듭니다. 이 노트북은 다른 서비스들의 기반인
        EC2를 다룹니다.

        ## 2. AMI: 기본 → 사용자 지정 → 여러 대

        **Amazon Machine Image**(AMI)는 인스턴스가 부팅하는 템플릿입니다. 루트 볼륨 스냅샷과 시작 설정으로
        이루어집니다. 보통은 **기본 AMI**(Amazon Linux, Ubuntu, Windows)에서 시작해 애플리케이션을 설치·
        설정하고, 그 결과를 **사용자 지정 AMI**로 저장한 뒤(`create-image`), 그 AMI로 **똑같은 인스턴스를
        여러 대** 띄웁니다. 직접 띄우거나 시작 템플릿(launch template)과 Auto Scaling 그룹을 씁니다(7절).
        AMI는 한 리전에 속하므로 다른 리전에서 쓰려면 복사해야 합니다.
        """,
    ),
    code(
        """
        # start from a clean lab, so Run All works a second time without a restart
        reset
        region ap-northeast-2
        # the wizard names resources as the console does: shop-vpc, shop-subnet-public1-ap-northeast-2a, …
        vpc wizard --name shop --cidr 10.0.0.0/16 --azs 2 --public-subnets 2 --private-subnets 2 --nat-gateways 1
        run-instances --instance-type t3.micro --subnet-id shop-subnet-public1-ap-northeast-2a --name builder
        create-image --instance-id builder --name web-v1
        # launch from the custom AMI (its ID, or its name as here)
        run-instances --image-id web-v1 --instance-type t3.micro --subnet-id shop-subnet-private1-ap-northeast-2a --count 3 --name app
        """
    ),
    md(
        f"""
        ## 3. The lifecycle and what is billed

        | State | Billed for the instance? |
        |---|---|
        | `pending` | no |
        | `running` | **yes**, per second with a 60-second minimum each time it starts (Linux) |
        | `stopping` | no, except when hibernating |
        | `stopped` | no |
        | `shutting-down` | no |
        | `terminated` | no |

        ([instance lifecycle]({EC2_DOC}/ec2-instance-lifecycle.html)). EBS volumes and public IPv4
        addresses are billed in **every** state, so a stopped instance still costs something.
        A stop/start usually moves the instance to a new host; it keeps its private IP and any
        Elastic IP. A reboot keeps the host and does not start a new billing minimum.

        **Hibernate** is a way of stopping, for an instance **launched with hibernation enabled**
        (`--hibernation-options Configured=true`; it cannot be turned on later, and the root
        volume must be encrypted and large enough for the RAM): the instance saves its RAM to the EBS root volume,
        goes `stopping` → `stopped`, and at the next start resumes where it was, with its
        processes and caches. It is billed while `stopping` (the RAM is being written), and
        the saved RAM takes space on the volume.
        """,
        f"""
        ## 3. 수명 주기와 과금

        | 상태 | 인스턴스 요금? |
        |---|---|
        | `pending` | 없음 |
        | `running` | **있음**. 초 단위, 시작할 때마다 최소 60초(Linux) |
        | `stopping` | 없음. 단, 최대 절전 중이면 있음 |
        | `stopped` | 없음 |
        | `shutting-down` | 없음 |
        | `terminated` | 없음 |

        ([instance lifecycle]({EC2_DOC}/ec2-instance-lifecycle.html)). EBS 볼륨과 퍼블릭 IPv4 주소는
        **모든** 상태에서 과금되므로, 중지된 인스턴스도 비용이 듭니다. stop/start를 하면 보통 인스턴스가 새
        호스트로 옮겨지며, 프라이빗 IP와 Elastic IP는 유지됩니다. 재부팅(reboot)은 같은 호스트에 머물고
        새 최소 과금 시간을 시작하지 않습니다.

        **최대 절전**(hibernate)은 **최대 절전을 켜고 시작한 인스턴스**만 쓸 수 있는 중지 방식입니다
        (`--hibernation-options Configured=true`; 나중에 켤 수 없고, 루트 볼륨은 암호화되어 있고 RAM을 담을 만큼
        커야 합니다). 인스턴스는 RAM을 EBS 루트 볼륨에 저장하고
        `stopping` → `stopped`로 간 뒤, 다음 시작 때 프로세스와 캐시를 그대로 가진 채 이어서 실행합니다.
        `stopping` 동안(RAM을 쓰는 동안) 과금되고, 저장된 RAM은 볼륨 공간을 차지합니다.
        """,
    ),
    code(
        """
        stop-instances --instance-ids builder
        # stopped: the instance line is $0, its EBS root volume is still billed
        cost vpc shop-vpc --query "regions[0].lines[?component=='instances' || component=='EBS'].[item, monthly_usd]" --output text
        start-instances --instance-ids builder
        # hibernation is chosen at launch: builder was launched without it
        assert fails UnsupportedOperation -- stop-instances --instance-ids builder --hibernate
        run-instances --instance-type t3.micro --subnet-id shop-subnet-private1-ap-northeast-2a --hibernation-options Configured=true --name sleeper
        stop-instances --instance-ids sleeper --hibernate
        start-instances --instance-ids sleeper
        terminate-instances --instance-ids builder sleeper
        describe-instances --query "Reservations[].Instances[].[Tags[0].Value,InstanceId,State.Name]"
        """
    ),
    md(
        f"""
        ## 4. EBS versus instance store

        | | EBS volume | Instance store |
        |---|---|---|
        | What | network block storage, its own AZ resource | disks on the host itself |
        | Survives stop/start | yes | **no**: data is lost on stop, hibernate or terminate (it survives a reboot) |
        | Survives termination | root volume deleted by default (`DeleteOnTermination=true`); other volumes kept | no |
        | Snapshots, resize, move to another instance | yes | no |
        | Use for | root volumes, databases, anything you must keep | caches, scratch space, replicated data |

        ([instance store]({EC2_DOC}/InstanceStorage.html),
        [root volume]({EC2_DOC}/RootDeviceStorage.html)). A `d` in the type name
        (`m6gd`, `c7gd`) means the type comes with instance store.
        """,
        f"""
        ## 4. EBS와 인스턴스 스토어

        | | EBS volume | Instance store |
        |---|---|---|
        | 정체 | 네트워크 블록 스토리지, 독립된 AZ 리소스 | 호스트에 붙은 디스크 |
        | stop/start 후 | 남음 | **사라짐**: stop, hibernate, terminate 때 데이터 손실(reboot에는 남음) |
        | 종료(terminate) 후 | 루트 볼륨은 기본적으로 삭제(`DeleteOnTermination=true`), 다른 볼륨은 남음 | 사라짐 |
        | 스냅샷, 크기 변경, 다른 인스턴스로 이동 | 가능 | 불가 |
        | 용도 | 루트 볼륨, 데이터베이스, 지켜야 하는 모든 것 | 캐시, 임시 공간, 복제된 데이터 |

        ([instance store]({EC2_DOC}/InstanceStorage.html),
        [root volume]({EC2_DOC}/RootDeviceStorage.html)). 유형 이름의 `d`(`m6gd`, `c7gd`)는 인스턴스
        스토어가 딸린 유형이라는 뜻입니다.
        """,
    ),
    md(
        """
        ## 5. Reading an instance type name

        `c7gn.xlarge` = family **c** (compute optimized) + generation **7** + processor **g**
        (AWS Graviton) + capability **n** (network optimized) + size **xlarge**
        ([instance type names](https://docs.aws.amazon.com/ec2/latest/instancetypes/instance-type-names.html)).
        """,
        """
        ## 5. 인스턴스 유형 이름 읽기

        `c7gn.xlarge` = 패밀리 **c**(컴퓨팅 최적화) + 세대 **7** + 프로세서 **g**(AWS Graviton) +
        추가 기능 **n**(네트워크 최적화) + 크기 **xlarge**
        ([instance type names](https://docs.aws.amazon.com/ec2/latest/instancetypes/instance-type-names.html)).
        """,
    ),
    code("explain-type c7gn.xlarge"),
    md(
        """
        The catalog can be filtered like `describe-instance-types`, and shown as a table:
        """,
        """
        카탈로그는 `describe-instance-types`처럼 걸러서 표로 볼 수 있습니다.
        """,
    ),
    code("instance-types --family m7g,c7g,r7g --min-vcpus 4 --max-vcpus 8"),
    md(
        """
        ### Families by memory per vCPU

        Within a generation, the families differ mainly in **GiB of memory per vCPU**:
        compute optimized (C) about 2, general purpose (M) about 4, memory optimized (R) about 8
        ([general purpose instances](https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/general-purpose-instances.html)).
        Pick the family from your workload's ratio, then the size from its total need.
        (`--by price-per-vcpu` or `--by price-per-gib` ranks the families by price instead.)
        """,
        """
        ### vCPU당 메모리로 본 패밀리

        같은 세대 안에서 패밀리는 주로 **vCPU당 메모리(GiB)**가 다릅니다. 컴퓨팅 최적화(C)는 약 2,
        범용(M)은 약 4, 메모리 최적화(R)는 약 8입니다
        ([general purpose instances](https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/general-purpose-instances.html)).
        워크로드의 비율로 패밀리를 고르고, 전체 필요량으로 크기를 고르세요.
        (`--by price-per-vcpu`나 `--by price-per-gib`를 쓰면 가격 순으로 비교합니다.)
        """,
    ),
    code(
        """
        compare families m7g,c7g,r7g
        """
    ),
    md(
        """
        ### Availability per Region

        Not every type is offered in every Region or AZ. `describe-instance-type-offerings`
        answers where a type can be launched. In the lab's data (a snapshot of AWS's answers,
        dated in the output) `c7g.xlarge` is offered in all four Seoul AZs, while `c7gn.xlarge`,
        the type explained above, is not offered in Seoul at all: check before you design around
        a type.
        """,
        """
        ### 리전별 제공 여부

        모든 유형이 모든 리전이나 AZ에 있는 것은 아닙니다. `describe-instance-type-offerings`로 어떤 유형을
        어디서 띄울 수 있는지 확인합니다. 실습 데이터(AWS 응답의 스냅샷, 날짜는 출력에 표시)에서
        `c7g.xlarge`는 서울의 네 AZ 모두에서 제공되지만, 위에서 설명한 `c7gn.xlarge`는 서울에서 전혀 제공되지
        않습니다. 유형을 전제로 설계하기 전에 확인하세요.
        """,
    ),
    code(
        """
        describe-instance-type-offerings --location-type availability-zone --filters Name=instance-type,Values=c7g.xlarge,c7gn.xlarge
        describe-instance-type-offerings --location-type region --filters Name=instance-type,Values=c7gn.xlarge --all-regions
        """
    ),
    md(
        """
        ## 6. Newest generation, right size

        A newer generation usually gives more performance for about the same price (below, `m5`,
        `m6i` and `m7i` are within about 5% of each other), and Graviton (`g`) types cost less
        than their Intel and AMD counterparts (`m7g.large` is about 20% cheaper than `m7i.large`
        in this price snapshot). Start with the newest generation your software supports, measure
        (CloudWatch CPU and memory), and move to the **smallest size that meets the load**; let
        Auto Scaling add instances for peaks instead of sizing every instance for the peak.
        """,
        """
        ## 6. 최신 세대, 알맞은 크기

        보통 새 세대는 비슷한 가격에 더 높은 성능을 줍니다(아래에서 `m5`, `m6i`, `m7i`의 가격 차이는 약
        5% 이내입니다). Graviton(`g`) 유형은 같은 급의 Intel, AMD 유형보다 저렴합니다(이 가격 스냅샷에서
        `m7g.large`는 `m7i.large`보다 약 20% 쌉니다). 소프트웨어가 지원하는
        가장 새로운 세대로 시작해 측정하고(CloudWatch CPU와 메모리), **부하를 감당하는 가장 작은 크기**로
        옮기세요. 모든 인스턴스를 최대 부하에 맞추지 말고, 최대 부하는 Auto Scaling이 인스턴스를 더해
        감당하게 하세요.
        """,
    ),
    code("price m5.large m6i.large m7i.large m7g.large --regions ap-northeast-2"),
    md(
        f"""
        ## 7. The lab: an ALB and an Auto Scaling group under load

        The lab builds the classic web tier:

        1. a **launch template** with the custom AMI and the instance type;
        2. an **Application Load Balancer** in the public subnets, with a **target group** and a
           listener on port 80;
        3. an **Auto Scaling group** of 2–6 instances in the private subnets, registered with
           the target group;
        4. a **target tracking** policy that keeps the group's average CPU
           (`ASGAverageCPUUtilization`) at 50%. Auto Scaling creates and owns the CloudWatch
           alarms; it scales out quickly and scales in gradually
           ([target tracking](https://docs.aws.amazon.com/autoscaling/ec2/userguide/as-scaling-target-tracking.html)).
        """,
        f"""
        ## 7. 실습: 부하를 받는 ALB와 Auto Scaling 그룹

        실습에서는 전형적인 웹 계층을 만듭니다.

        1. 사용자 지정 AMI와 인스턴스 유형을 담은 **시작 템플릿**(launch template)
        2. 퍼블릭 서브넷의 **Application Load Balancer**와 **대상 그룹**(target group), 80번 포트 리스너
        3. 프라이빗 서브넷에 인스턴스 2–6대를 두고 대상 그룹에 등록하는 **Auto Scaling 그룹**
        4. 그룹 평균 CPU(`ASGAverageCPUUtilization`)를 50%로 유지하는 **대상 추적**(target tracking)
           정책. CloudWatch 경보는 Auto Scaling이 만들고 관리합니다. 확장(scale out)은 빠르게, 축소(scale
           in)는 천천히 합니다
           ([target tracking](https://docs.aws.amazon.com/autoscaling/ec2/userguide/as-scaling-target-tracking.html)).
        """,
    ),
    code(
        """
        create-security-group --group-name alb-sg --description "load balancer" --vpc-id shop-vpc
        authorize-security-group-ingress --group-id alb-sg --protocol tcp --port 80 --cidr 0.0.0.0/0
        create-security-group --group-name app-sg --description "web servers" --vpc-id shop-vpc
        authorize-security-group-ingress --group-id app-sg --protocol tcp --port 80 --source-group alb-sg
        # user data: the script each new instance runs at its first boot (installs and starts the web server)
        create-launch-template --launch-template-name web-lt --launch-template-data '{"ImageId":"web-v1","InstanceType":"t3.micro","SecurityGroupIds":["app-sg"]}' --user-data "#!/bin/bash\ndnf install -y httpd\necho hello from $(hostname -f) > /var/www/html/index.html\nsystemctl enable --now httpd"
        aws elbv2 create-target-group --name web-tg --protocol HTTP --port 80 --vpc-id shop-vpc
        aws elbv2 create-load-balancer --name web-alb --subnets shop-subnet-public1-ap-northeast-2a shop-subnet-public2-ap-northeast-2b --security-groups alb-sg
        aws elbv2 create-listener --load-balancer-arn web-alb --protocol HTTP --port 80 --default-actions Type=forward,TargetGroupArn=web-tg
        aws autoscaling create-auto-scaling-group --auto-scaling-group-name web-asg --launch-template LaunchTemplateName=web-lt,Version='$Latest' --min-size 2 --max-size 6 --vpc-zone-identifier shop-subnet-private1-ap-northeast-2a,shop-subnet-private2-ap-northeast-2b --target-group-arns web-tg
        aws autoscaling put-scaling-policy --auto-scaling-group-name web-asg --policy-name cpu50 --policy-type TargetTrackingScaling --target-tracking-configuration '{"PredefinedMetricSpecification":{"PredefinedMetricType":"ASGAverageCPUUtilization"},"TargetValue":50}'
        """
    ),
    md(
        """
        ### The page through the ALB, and a manual capacity change

        On AWS you would now open the ALB's DNS name in a browser and see "hello from …",
        answered in turn by each instance. The lab sends no HTTP: the closest it shows is the
        target group's health (a running target is shown healthy) and the ALB's DNS name from
        `describe-load-balancers`. Then change the group's capacity by hand, as an operator
        would before a known event, and back to the minimum so that the scaling policy does the
        work in the load test:
        """,
        """
        ### ALB를 통한 웹 페이지, 그리고 수동 용량 변경

        AWS라면 이제 브라우저에서 ALB의 DNS 이름을 열어 인스턴스들이 번갈아 응답하는 "hello from …"을
        볼 것입니다. 실습 모델은 HTTP를 보내지 않습니다. 가장 가까운 것은 대상 그룹의 상태(실행 중인 대상은
        healthy로 표시)와 `describe-load-balancers`의 ALB DNS 이름입니다. 그다음 운영자가 예정된 이벤트 전에
        하듯이 그룹 용량을 손으로 바꾸고, 부하 테스트에서는 조정 정책이 일하도록 다시 최소값으로 돌려 놓습니다.
        """,
    ),
    code(
        """
        aws elbv2 describe-load-balancers
        aws elbv2 describe-target-health --target-group-arn web-tg
        aws autoscaling set-desired-capacity --auto-scaling-group-name web-asg --desired-capacity 4
        aws autoscaling describe-auto-scaling-groups
        aws elbv2 describe-target-health --target-group-arn web-tg
        aws autoscaling set-desired-capacity --auto-scaling-group-name web-asg --desired-capacity 2
        """
    ),
    md(
        """
        ### The load test

        `simulate autoscaling` drives the group second by second: the load ramps from 0 to
        3,000 requests/s over 10 minutes, stays there for 20 minutes, then drops. The ALB spreads
        requests over the healthy targets, CloudWatch averages CPU per minute (detailed
        monitoring), the alarms fire, and the group launches instances that boot, pass health
        checks and warm up before they count. One chart stacks load, CPU, the alarms' states and
        the instances in service on the same time axis, so a cause lines up with its effect; a
        second shows the cost. The tables list each scaling activity and every assumption with
        its source.
        """,
        """
        ### 부하 테스트

        `simulate autoscaling`은 그룹을 초 단위로 움직입니다. 부하는 10분 동안 초당 0에서 3,000 요청까지
        오르고, 20분 동안 유지된 뒤 떨어집니다. ALB는 정상 대상에 요청을 나누고, CloudWatch는 CPU를 1분
        단위로 평균하며(세부 모니터링), 경보가 울리면 그룹은 인스턴스를 띄웁니다. 새 인스턴스는 부팅하고
        상태 검사를 통과하고 워밍업을 마쳐야 평균에 들어갑니다. 첫 차트는 부하, CPU, 경보 상태, 서비스 중인
        인스턴스를 같은 시간 축 위에 쌓아 원인과 결과가 나란히 보이게 하고, 두 번째 차트는 비용을 보여 줍니다.
        표에는 확장 활동과 모든 가정이 출처와 함께 나옵니다.
        """,
    ),
    code(
        """
        simulate autoscaling --auto-scaling-group-name web-asg --load ramp:0-3000rps:10m,steady:20m,drop:10m --metrics detailed --seed 1
        """
    ),
    md(
        """
        The alarms that target tracking created, and the CPU metric CloudWatch recorded during
        the test, can be read with the CLI as on AWS:
        """,
        """
        대상 추적 정책이 만든 경보와, 테스트 동안 CloudWatch가 기록한 CPU 지표는 AWS에서처럼 CLI로 읽을 수
        있습니다.
        """,
    ),
    code(
        """
        aws cloudwatch describe-alarms
        aws cloudwatch get-metric-statistics --namespace AWS/EC2 --metric-name CPUUtilization --dimensions Name=AutoScalingGroupName,Value=web-asg --period 300 --statistics Average
        aws elbv2 describe-target-health --target-group-arn web-tg
        """
    ),
    md(
        """
        Try it with `--metrics basic` (5-minute CloudWatch data): the alarms see the ramp later,
        CPU stays above the target for longer before the new instances help, and more requests
        go unserved; compare the summary lines of the two runs.
        """,
        """
        `--metrics basic`(5분 단위 CloudWatch 데이터)으로도 실행해 보세요. 경보가 부하 증가를 더 늦게
        알아채서, 새 인스턴스가 도움이 되기 전까지 CPU가 목표보다 높은 시간이 길어지고, 처리하지 못한 요청도
        늘어납니다. 두 실행의 요약 줄을 비교해 보세요.
        """,
    ),
    code(
        """
        simulate autoscaling --auto-scaling-group-name web-asg --load ramp:0-3000rps:10m,steady:20m,drop:10m --metrics basic --seed 1
        """
    ),
    md(
        """
        ## Exercises

        Each exercise has an **answer cell** (blank in the student version nbgrader makes, see
        `docs/nbgrader.md`; one solution in this instructor version) and a **check cell** whose
        `assert` lines look at what your answer did; grading adds hidden checks.

        **Exercise 1.** Run a load test of your own on `web-asg`: a steady 1,500 requests per
        second for 20 minutes (`help simulate autoscaling` for the `--load` syntax). The group
        must stay within its 2–6 instances.
        """,
        """
        ## 연습 문제

        연습 문제마다 **답 셀**(nbgrader로 만든 학생용에서는 비어 있고, `docs/nbgrader.md` 참고, 이 강사용에는
        풀이가 하나 들어 있음)과 **확인 셀**이 있습니다. 확인 셀의 `assert` 줄은 여러분의 답이 한 일을 보며,
        채점할 때 숨은 확인이 더해집니다.

        **연습 1.** `web-asg`에 직접 부하 테스트를 하세요. 초당 1,500 요청을 20분 동안 일정하게 보냅니다
        (`--load` 문법은 `help simulate autoscaling`). 그룹은 인스턴스 2–6대 안에 머물러야 합니다.
        """,
    ),
    solution(
        """
        simulate autoscaling --auto-scaling-group-name web-asg --load steady:1500rps:20m --seed 2
        """,
        "ex1-answer",
    ),
    check(
        """
        # the load varies a little around its level, second by second
        assert sql "SELECT max(load_rps) FROM autoscaling_timeline" < 2000
        assert sql "SELECT avg(load_rps) FROM autoscaling_timeline WHERE load_rps > 0" > 1400
        """,
        "ex1-check",
        1,
        hidden="""
        assert sql "SELECT avg(load_rps) FROM autoscaling_timeline WHERE load_rps > 0" < 1600
        assert sql "SELECT max(in_service) FROM autoscaling_timeline" <= 6
        assert sql "SELECT min(in_service) FROM autoscaling_timeline" >= 2
        """,
    ),
    md(
        """
        **Exercise 2.** Which family gives the most memory per vCPU among `m7g`, `c7g` and `r7g`?
        Write one `sql` query over the catalog table `instance_types` whose result is that one
        family name (the check reads your result, kept as `_`).
        """,
        """
        **연습 2.** `m7g`, `c7g`, `r7g` 중 vCPU당 메모리가 가장 많은 패밀리는 무엇일까요? 카탈로그 표
        `instance_types`에 대해, 결과가 그 패밀리 이름 하나인 `sql` 쿼리를 쓰세요(확인 셀은 `_`로 남은 결과를
        읽습니다).
        """,
    ),
    solution(
        """
        sql "SELECT family FROM instance_types WHERE family IN ('m7g','c7g','r7g') ORDER BY gib_per_vcpu DESC LIMIT 1"
        """,
        "ex2-answer",
    ),
    check(
        """
        assert sql "SELECT * FROM _" = r7g
        """,
        "ex2-check",
        1,
    ),
    md(
        """
        **Exercise 3.** A design calls for `c7gn.xlarge` in Seoul. Query the offerings table
        (`region_offerings`) for the rows of `c7gn.xlarge` and `c7g.xlarge` in `ap-northeast-2`:
        your result must show that only `c7g.xlarge` can be launched there.
        """,
        """
        **연습 3.** 어떤 설계가 서울에서 `c7gn.xlarge`를 쓰려고 합니다. 제공 여부 표(`region_offerings`)에서
        `ap-northeast-2`의 `c7gn.xlarge`와 `c7g.xlarge` 행을 조회하세요. 결과는 `c7g.xlarge`만 띄울 수 있음을
        보여야 합니다.
        """,
    ),
    solution(
        """
        sql "SELECT instance_type, region FROM region_offerings WHERE region = 'ap-northeast-2' AND instance_type IN ('c7gn.xlarge', 'c7g.xlarge')"
        """,
        "ex3-answer",
    ),
    check(
        """
        assert sql "SELECT count(*) FROM _ WHERE instance_type = 'c7g.xlarge'" = 1
        """,
        "ex3-check",
        1,
        hidden="""
        assert sql "SELECT count(*) FROM _ WHERE instance_type = 'c7gn.xlarge'" = 0
        """,
    ),
]
