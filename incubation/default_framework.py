"""Version 1 of the default capacity framework, as shipped: nine areas drawn from the Amity NGO
Development Center's training areas (organizational management, team building, professional
service, resource development, philanthropic spirit) and the common 1-4 organizational capacity
grids (USAID OCA, McKinsey OCAT). Each indicator describes four levels: 1 emerging,
2 developing, 3 established, 4 strong.

Migration 0003 creates it from here, and `framework_default_ensure` puts it back where it is
missing: leave this version as it is (a changed default is a new version, made by editing the
framework on its page, or a new module and migration).
"""

FRAMEWORK = {
    "key": "default",
    "name": "Organizational capacity framework",
    "name_zh": "社会组织能力评估框架",
}

# (key, English, Chinese, description, description (Chinese), indicators)
# indicator: (key, English, Chinese, [(level 1..4 English, Chinese)])
AREAS = [
    (
        "governance",
        "Governance and organizational management",
        "治理与组织管理",
        "Board, charter, strategy, policies and how decisions are made.",
        "理事会、章程、战略、制度以及决策方式。",
        [
            (
                "board",
                "The board (council) steers the organization",
                "理事会发挥决策与监督作用",
                [
                    (
                        "There is no working board; the founder decides everything.",
                        "没有实际运作的理事会，由创始人一人决定所有事务。",
                    ),
                    (
                        "A board exists on paper and meets irregularly; it rarely discusses direction.",
                        "理事会形式上存在，不定期开会，很少讨论发展方向。",
                    ),
                    (
                        "The board meets as the charter requires, keeps minutes and approves plans and budgets.",
                        "理事会按章程定期开会、留存会议纪要，并审议年度计划和预算。",
                    ),
                    (
                        "The board sets strategy, oversees management, renews itself and manages conflicts of interest.",
                        "理事会制定战略、监督管理层、定期换届，并有利益冲突管理机制。",
                    ),
                ],
            ),
            (
                "strategy",
                "Mission and strategic plan",
                "使命与战略规划",
                [
                    (
                        "The mission is not written down; work follows opportunities as they come.",
                        "使命没有成文，工作跟着机会走。",
                    ),
                    (
                        "The mission is written, but there is no plan beyond the current project.",
                        "使命已成文，但除当前项目外没有规划。",
                    ),
                    (
                        "A plan of one to three years sets goals that staff know and projects follow.",
                        "有一至三年的规划，员工了解目标，项目据此开展。",
                    ),
                    (
                        "The strategic plan is reviewed every year against results and guides every decision.",
                        "战略规划每年根据成效复盘修订，并指导各项决策。",
                    ),
                ],
            ),
            (
                "policies",
                "Internal policies and compliance",
                "内部制度与合规",
                [
                    (
                        "There are no written policies; annual inspection is often late or incomplete.",
                        "没有成文制度，年检经常逾期或材料不全。",
                    ),
                    (
                        "Some policies exist but are not followed; annual inspection is passed with difficulty.",
                        "有部分制度但执行不到位，年检勉强通过。",
                    ),
                    (
                        "Key policies (finance, personnel, procurement, information disclosure) are written and followed.",
                        "财务、人事、采购、信息公开等主要制度成文并得到执行。",
                    ),
                    (
                        "Policies are complete, reviewed regularly, and the organization holds a good MCA evaluation grade.",
                        "制度健全并定期修订，在民政部门等级评估中获得较好等级。",
                    ),
                ],
            ),
        ],
    ),
    (
        "human_resources",
        "Human resources and team building",
        "人力资源与团队建设",
        "Staff, volunteers, roles, development and team cohesion.",
        "员工与志愿者、岗位职责、人才发展与团队凝聚力。",
        [
            (
                "roles",
                "Roles and responsibilities",
                "岗位与职责",
                [
                    (
                        "Nobody has a defined role; everyone does whatever is urgent.",
                        "没有明确分工，大家都在救火。",
                    ),
                    (
                        "Roles are agreed verbally but overlap and change often.",
                        "口头约定了分工，但职责交叉、经常变动。",
                    ),
                    (
                        "Each post has a written description and a person accountable for it.",
                        "每个岗位都有书面职责说明和明确的负责人。",
                    ),
                    (
                        "The structure fits the strategy and is reviewed as the organization grows.",
                        "组织架构与战略匹配，并随组织发展调整。",
                    ),
                ],
            ),
            (
                "development",
                "Staff development and retention",
                "员工成长与保留",
                [
                    (
                        "No training, no contracts or social insurance; staff leave within a year.",
                        "没有培训，没有劳动合同和社保，员工一年内流失。",
                    ),
                    (
                        "Staff join occasional outside trainings; turnover is high.",
                        "员工偶尔参加外部培训，流失率较高。",
                    ),
                    (
                        "Contracts, social insurance, an annual training plan and regular appraisal are in place.",
                        "签订劳动合同并缴纳社保，有年度培训计划和定期考核。",
                    ),
                    (
                        "Career paths, fair pay and mentoring keep key staff; successors are prepared.",
                        "有职业发展通道、合理薪酬和带教机制，骨干稳定，并培养接班人。",
                    ),
                ],
            ),
            (
                "volunteers",
                "Volunteer management",
                "志愿者管理",
                [
                    (
                        "Volunteers come and go without records or guidance.",
                        "志愿者来去随意，没有登记和指导。",
                    ),
                    (
                        "Volunteers are registered, but tasks and training are improvised.",
                        "志愿者有登记，但任务和培训临时安排。",
                    ),
                    (
                        "Recruitment, training, service records and recognition follow a routine.",
                        "招募、培训、服务记录和激励有固定流程。",
                    ),
                    (
                        "A stable volunteer team takes on leadership roles and grows with the organization.",
                        "形成稳定的志愿者队伍，志愿者承担骨干角色并与组织共同成长。",
                    ),
                ],
            ),
        ],
    ),
    (
        "service_delivery",
        "Professional service delivery",
        "专业服务能力",
        "Needs assessment, service design, professional methods and quality.",
        "需求评估、服务设计、专业方法与服务质量。",
        [
            (
                "needs",
                "Needs assessment",
                "需求评估",
                [
                    (
                        "Services follow what the organization can offer, not what people need.",
                        "服务按机构能提供什么来定，而不是按服务对象需要什么。",
                    ),
                    (
                        "Needs are gathered informally from a few contacts.",
                        "通过少数熟人非正式地了解需求。",
                    ),
                    (
                        "Needs are assessed with surveys or interviews before each project.",
                        "每个项目开展前都用问卷或访谈进行需求评估。",
                    ),
                    (
                        "Beneficiaries take part in assessing needs and designing services, and the assessment is repeated.",
                        "服务对象参与需求评估和服务设计，并定期重新评估。",
                    ),
                ],
            ),
            (
                "methods",
                "Professional methods and standards",
                "专业方法与服务标准",
                [
                    (
                        "Activities are improvised; nobody on the team has professional training.",
                        "活动随意开展，团队中没有人接受过专业训练。",
                    ),
                    (
                        "Some staff have professional training (social work, care, education), but there are no standards.",
                        "部分员工受过社工、照护、教育等专业训练，但没有服务标准。",
                    ),
                    (
                        "Service procedures and records follow written standards; professionals supervise.",
                        "服务流程和记录按书面标准执行，有专业督导。",
                    ),
                    (
                        "The organization's model is documented, evaluated and shared with other organizations.",
                        "服务模式已形成文字、经过评估，并向其他组织推广。",
                    ),
                ],
            ),
            (
                "quality",
                "Service quality and safeguarding",
                "服务质量与安全保障",
                [
                    (
                        "Complaints and incidents are not recorded; risks to beneficiaries are not considered.",
                        "投诉和意外不做记录，未考虑服务对象的安全风险。",
                    ),
                    (
                        "Problems are dealt with as they come, without a procedure.",
                        "问题出现了再处理，没有规范程序。",
                    ),
                    (
                        "A feedback channel, incident records and a safeguarding policy are in use.",
                        "建立了反馈渠道、事件记录和服务对象保护制度。",
                    ),
                    (
                        "Quality is reviewed regularly, lessons change the services, and beneficiaries rate them well.",
                        "定期开展质量评估，改进服务，服务对象满意度高。",
                    ),
                ],
            ),
        ],
    ),
    (
        "monitoring_evaluation",
        "Project monitoring and evaluation",
        "项目监测与评估",
        "Project design, indicators, data and learning from results.",
        "项目设计、指标、数据以及从成效中学习。",
        [
            (
                "design",
                "Project design and logic",
                "项目设计与逻辑",
                [
                    (
                        "Projects are a list of activities without stated goals.",
                        "项目只是活动清单，没有明确目标。",
                    ),
                    (
                        "Goals are stated, but activities and outcomes are not linked.",
                        "有目标，但活动与成效之间缺少逻辑联系。",
                    ),
                    (
                        "Each project has a logic model with outputs, outcomes and indicators.",
                        "每个项目都有逻辑框架，包含产出、成效和指标。",
                    ),
                    (
                        "Project logic rests on evidence and is revised with what monitoring shows.",
                        "项目逻辑以证据为基础，并根据监测结果调整。",
                    ),
                ],
            ),
            (
                "data",
                "Monitoring data",
                "监测数据",
                [
                    ("Only attendance or photos are kept.", "只保留签到表或照片。"),
                    (
                        "Outputs are counted, but data are scattered and incomplete.",
                        "统计了产出，但数据分散、不完整。",
                    ),
                    (
                        "Data on outputs and outcomes are collected on schedule and checked.",
                        "按计划收集并核查产出和成效数据。",
                    ),
                    (
                        "Data are analysed regularly and reported to the board, funders and beneficiaries.",
                        "定期分析数据，并向理事会、资助方和服务对象报告。",
                    ),
                ],
            ),
            (
                "learning",
                "Evaluation and learning",
                "评估与学习",
                [
                    ("No project has been evaluated.", "没有做过项目评估。"),
                    ("Evaluations are done when a funder requires one.", "资助方要求时才做评估。"),
                    (
                        "Each project ends with an evaluation whose findings are discussed by the team.",
                        "每个项目结束都做评估，团队讨论评估发现。",
                    ),
                    (
                        "Independent evaluations and regular reflection change strategy and services.",
                        "开展第三方评估和定期复盘，结果用于调整战略和服务。",
                    ),
                ],
            ),
        ],
    ),
    (
        "financial_management",
        "Financial management",
        "财务管理",
        "Accounting, budgets, internal control and transparency.",
        "会计核算、预算、内部控制与财务透明。",
        [
            (
                "accounting",
                "Accounting and bookkeeping",
                "会计核算",
                [
                    (
                        "There are no separate accounts; receipts are kept loosely.",
                        "没有独立账户，票据随意保存。",
                    ),
                    (
                        "A part-time bookkeeper keeps the books; reports are late.",
                        "由兼职记账，财务报表经常延迟。",
                    ),
                    (
                        "Books follow the Accounting System for Non-Profit Organizations, with monthly reports.",
                        "按《民间非营利组织会计制度》核算，按月出具报表。",
                    ),
                    (
                        "Accounts are audited every year with a clean opinion and project costs are tracked separately.",
                        "每年审计且为无保留意见，项目成本单独核算。",
                    ),
                ],
            ),
            (
                "budget",
                "Budgeting and cost control",
                "预算与成本控制",
                [
                    ("There is no budget.", "没有预算。"),
                    (
                        "Project budgets are drawn up for funders but not followed.",
                        "为资助方编制项目预算，但执行中不对照。",
                    ),
                    (
                        "An annual budget is approved and spending is compared with it every quarter.",
                        "年度预算经审议通过，每季度对照执行情况。",
                    ),
                    (
                        "Budgets include full costs and reserves; deviations are explained and acted on.",
                        "预算包含全成本和储备金，偏差有分析和应对。",
                    ),
                ],
            ),
            (
                "control",
                "Internal control and transparency",
                "内部控制与财务公开",
                [
                    ("One person handles money, approvals and records.", "一人管钱、审批和记账。"),
                    (
                        "Cash and accounting are separated, but approvals are informal.",
                        "钱账分离，但审批不规范。",
                    ),
                    (
                        "Written approval limits, separation of duties and annual disclosure are in place.",
                        "有书面审批权限、不相容岗位分离，并按年公开财务信息。",
                    ),
                    (
                        "Controls are reviewed; finances are published in detail and donors can trace their gifts.",
                        "内控定期检查，财务详细公开，捐赠人可追踪善款去向。",
                    ),
                ],
            ),
        ],
    ),
    (
        "resource_development",
        "Resource development and fundraising",
        "资源拓展与筹款",
        "Diversity and stability of income, fundraising skills and donor relations.",
        "收入的多元与稳定、筹款能力与捐赠人关系。",
        [
            (
                "diversity",
                "Diversity of income",
                "收入来源多元化",
                [
                    ("One source provides almost all income.", "几乎全部收入来自单一来源。"),
                    (
                        "Two or three sources, one of them over 70% of income.",
                        "有两三个来源，其中一个占七成以上。",
                    ),
                    (
                        "Government procurement, foundations and public donations each contribute.",
                        "政府购买服务、基金会和公众捐赠都有贡献。",
                    ),
                    (
                        "No source exceeds 40%, and reserves cover at least three months of costs.",
                        "任何单一来源不超过四成，储备金可覆盖至少三个月支出。",
                    ),
                ],
            ),
            (
                "fundraising",
                "Fundraising skills and plan",
                "筹款能力与计划",
                [
                    ("The organization waits for funding to come to it.", "等待资金上门。"),
                    (
                        "Proposals are written when calls appear, with mixed success.",
                        "看到申报通知才写项目书，成功率不稳定。",
                    ),
                    (
                        "A fundraising plan sets targets; staff write proposals and run online campaigns.",
                        "有筹款计划和目标，员工能撰写项目书并开展网络募捐。",
                    ),
                    (
                        "Fundraising is a team skill with monthly donors, corporate partners and its own products.",
                        "筹款是团队能力，拥有月捐人、企业伙伴和自有公益产品。",
                    ),
                ],
            ),
            (
                "donor_relations",
                "Donor and funder relations",
                "捐赠人与资助方关系",
                [
                    ("Donors hear nothing after giving.", "捐赠后没有任何反馈。"),
                    ("Funders receive the reports they require.", "仅按资助方要求提交报告。"),
                    (
                        "Donors are thanked and receive regular news of results.",
                        "及时致谢捐赠人，并定期反馈项目成效。",
                    ),
                    (
                        "Long-term partnerships: funders renew support and introduce others.",
                        "与资助方建立长期伙伴关系，对方持续支持并引荐新资源。",
                    ),
                ],
            ),
        ],
    ),
    (
        "communication",
        "Communication and brand influence",
        "传播与品牌影响力",
        "Public communication, brand and influence on policy and the sector.",
        "公众传播、品牌建设以及对政策和行业的影响。",
        [
            (
                "channels",
                "Communication channels",
                "传播渠道",
                [
                    (
                        "No public channel; few people know the organization.",
                        "没有对外传播渠道，知道机构的人很少。",
                    ),
                    ("A WeChat account posts now and then.", "微信公众号偶尔更新。"),
                    (
                        "A communication plan; regular posts, an annual report and media contacts.",
                        "有传播计划，定期发布内容和年度报告，并有媒体联系。",
                    ),
                    (
                        "Stories reach a wide audience and bring volunteers, donors and partners.",
                        "传播内容覆盖面广，能带来志愿者、捐赠人和合作伙伴。",
                    ),
                ],
            ),
            (
                "brand",
                "Brand and public trust",
                "品牌与公信力",
                [
                    ("No consistent name, logo or message.", "名称、标识和口径都不统一。"),
                    (
                        "A logo and slogan exist, used inconsistently.",
                        "有标识和口号，但使用不统一。",
                    ),
                    (
                        "A consistent identity and key messages; information is disclosed on time.",
                        "形象和核心信息统一，按时信息公开。",
                    ),
                    (
                        "The brand is recognised in the field and trusted by government, funders and the public.",
                        "品牌在领域内有辨识度，受到政府、资助方和公众信任。",
                    ),
                ],
            ),
            (
                "influence",
                "Influence on policy and the sector",
                "行业与政策影响",
                [
                    (
                        "The organization takes no part in sector or policy discussions.",
                        "不参与行业交流或政策讨论。",
                    ),
                    ("It attends sector events.", "参加行业活动。"),
                    (
                        "It shares its experience in networks and responds to consultations.",
                        "在行业网络中分享经验，回应政策征求意见。",
                    ),
                    (
                        "Its practice informs local policy or standards and it leads a network.",
                        "其实践经验推动地方政策或标准制定，并牵头行业网络。",
                    ),
                ],
            ),
        ],
    ),
    (
        "community_partnerships",
        "Community engagement and partnerships",
        "社区参与与合作网络",
        "Roots in the community, cooperation with government, businesses and other organizations.",
        "扎根社区，与政府、企业和其他社会组织的合作。",
        [
            (
                "community",
                "Community participation",
                "社区参与",
                [
                    ("Residents are recipients only.", "居民只是服务接受者。"),
                    ("Residents are consulted occasionally.", "偶尔征求居民意见。"),
                    (
                        "Residents and community leaders help plan and run activities.",
                        "居民和社区骨干参与策划和组织活动。",
                    ),
                    (
                        "Community groups grown by the organization run activities on their own.",
                        "机构培育的社区自组织能够自主开展活动。",
                    ),
                ],
            ),
            (
                "government",
                "Relations with government and street offices",
                "与政府及街道社区的关系",
                [
                    (
                        "No contact with the civil-affairs bureau, street office or neighbourhood committee.",
                        "与民政部门、街道和居委会没有联系。",
                    ),
                    (
                        "Contact is limited to registration and inspection.",
                        "仅限于登记和年检往来。",
                    ),
                    (
                        "Regular cooperation with the street office and neighbourhood committees on services.",
                        "与街道、居委会在服务上有常态化合作。",
                    ),
                    (
                        "A trusted partner consulted on community plans and government procurement.",
                        "成为受信任的合作方，参与社区规划和政府购买服务的设计。",
                    ),
                ],
            ),
            (
                "partners",
                "Partnerships with organizations and businesses",
                "与社会组织和企业的合作",
                [
                    ("Works alone.", "单打独斗。"),
                    ("Occasional joint activities.", "偶尔合办活动。"),
                    (
                        "Written agreements with partners that bring complementary skills or resources.",
                        "与能力或资源互补的伙伴签订书面合作协议。",
                    ),
                    (
                        "Long-term alliances multiply the reach of services (for example via community foundations).",
                        "长期联盟放大服务效果（如通过社区基金会等平台）。",
                    ),
                ],
            ),
        ],
    ),
    (
        "philanthropic_values",
        "Philanthropic values",
        "公益精神与价值观",
        "Public-benefit spirit, ethics, accountability and learning culture.",
        "公益精神、伦理操守、问责与学习文化。",
        [
            (
                "values",
                "Shared values",
                "共同价值观",
                [
                    (
                        "Values are not discussed; work is a job like any other.",
                        "不讨论价值观，工作只是一份差事。",
                    ),
                    (
                        "The founder holds strong values that the team does not yet share.",
                        "创始人有强烈的价值追求，团队尚未形成共识。",
                    ),
                    (
                        "Written values are part of induction and guide decisions.",
                        "价值观成文，纳入入职培训并指导决策。",
                    ),
                    (
                        "Staff, volunteers and partners live the values and hold each other to them.",
                        "员工、志愿者和伙伴践行价值观并相互监督。",
                    ),
                ],
            ),
            (
                "ethics",
                "Ethics, dignity and accountability",
                "伦理、尊严与问责",
                [
                    (
                        "Beneficiaries' images and data are used without consent.",
                        "未经同意使用服务对象的照片和信息。",
                    ),
                    (
                        "Consent is sometimes asked; there is no code of conduct.",
                        "有时征求同意，但没有行为守则。",
                    ),
                    (
                        "A code of conduct protects dignity and privacy; stakeholders can raise concerns.",
                        "有行为守则保护尊严和隐私，利益相关方可以提出意见。",
                    ),
                    (
                        "The organization reports openly to beneficiaries and the public, mistakes included.",
                        "向服务对象和公众公开问责，包括坦承失误。",
                    ),
                ],
            ),
            (
                "learning_culture",
                "Learning and innovation",
                "学习与创新",
                [
                    (
                        "No time for learning; the same activities are repeated.",
                        "没有时间学习，年复一年重复同样的活动。",
                    ),
                    ("Staff learn when trainings are offered.", "有培训机会时才学习。"),
                    (
                        "Regular team learning, visits to peers and trial of new approaches.",
                        "定期团队学习、同行交流，并尝试新方法。",
                    ),
                    (
                        "Innovation is encouraged, failures are discussed openly and the organization mentors others.",
                        "鼓励创新，公开讨论失败，并带动其他组织成长。",
                    ),
                ],
            ),
        ],
    ),
]


def default_framework_create(framework_model, area_model, indicator_model) -> bool:
    """Create version 1 with the given model classes (a migration's historical ones, or the
    app's) unless the framework "default" has a version already; True if it was created."""
    if framework_model.objects.filter(key=FRAMEWORK["key"]).exists():
        return False
    framework = framework_model.objects.create(**FRAMEWORK, version=1, is_current=True)
    for area_order, (key, name, name_zh, description, description_zh, indicators) in enumerate(
        AREAS, start=1
    ):
        area = area_model.objects.create(
            framework=framework,
            key=key,
            name=name,
            name_zh=name_zh,
            description=description,
            description_zh=description_zh,
            order=area_order,
        )
        for order, (indicator_key, text, text_zh, levels) in enumerate(indicators, start=1):
            descriptors = {}
            for level, (english, chinese) in enumerate(levels, start=1):
                descriptors[f"level_{level}"] = english
                descriptors[f"level_{level}_zh"] = chinese
            indicator_model.objects.create(
                area=area,
                key=indicator_key,
                text=text,
                text_zh=text_zh,
                order=order,
                **descriptors,
            )
    return True
