namespace Support.Benchmarks.KnowledgeBase;

/// <summary>
/// One support topic's words in English and Chinese, each list most frequent first: things (nouns), actions (verbs)
/// and what goes wrong (states).
/// </summary>
public sealed record Topic(
    string Name, string[] Tags, WordList Nouns, WordList Verbs, WordList States, WordList ZhNouns, WordList ZhVerbs, WordList ZhStates);

/// <summary>
/// The words generated articles and queries are made of: thirteen support topics (themselves drawn Zipf-like, account
/// and billing questions being the most common), general help-centre words, and long tails of product names, error
/// codes, cities and Chinese product series, so that a few words are everywhere and most are rare, as in a real
/// knowledge base. Everything is fixed: the same seed gives the same articles on any machine.
/// </summary>
public static class Vocabulary
{
    public static readonly Topic[] Topics =
    [
        new("account", ["account", "login", "password", "2fa", "sso"],
            WordList.Of("password account login email username session code profile device browser link verification authenticator cookie token invitation phone captcha lockout identity provider recovery question passkey"),
            WordList.Of("reset sign log change verify recover unlock enable disable confirm update link remove"),
            WordList.Of("locked expired invalid blocked incorrect missing disabled unverified stuck suspended"),
            WordList.Of("密码 账户 账号 邮箱 用户名 验证码 手机号 登录页面 会话 设备 浏览器 链接 身份验证器 绑定手机 个人资料 安全问题 二维码 短信 令牌"),
            WordList.Of("登录 重置 修改 找回 验证 解锁 绑定 解绑 注销 退出 切换 启用 关闭"),
            WordList.Of("被锁定 已过期 无效 错误 收不到 失败 异常 被冻结 不正确")),
        new("billing", ["billing", "invoice", "payment", "vat", "card"],
            WordList.Of("invoice payment card charge receipt billing tax vat plan price discount coupon credit balance statement currency transaction bank method fee renewal proration wallet paypal"),
            WordList.Of("pay charge update download cancel apply refund add remove change view dispute"),
            WordList.Of("declined failed pending overdue duplicate incorrect missing unpaid expired higher"),
            WordList.Of("发票 付款 银行卡 信用卡 账单 税号 增值税 套餐 价格 折扣 优惠券 余额 对账单 币种 交易 支付方式 微信支付 支付宝 扣款 续费 手续费 试用期"),
            WordList.Of("支付 付款 开具 下载 取消 申请 充值 更换 查看 修改 续订"),
            WordList.Of("失败 被拒绝 重复扣款 未到账 待处理 逾期 金额不对 无法支付")),
        new("orders", ["shipping", "order", "delivery", "tracking", "address"],
            WordList.Of("order package delivery shipment tracking number address courier parcel warehouse carrier label item customs status date estimate pickup location box stock"),
            WordList.Of("track ship deliver change cancel confirm return schedule update check"),
            WordList.Of("delayed lost damaged missing late stuck wrong incomplete undelivered returned"),
            WordList.Of("订单 包裹 快递 物流 运单号 收货地址 快递员 仓库 承运商 商品 海关 配送 发货时间 自提点 库存 签收"),
            WordList.Of("发货 查询 修改 取消 签收 催单 配送 追踪 确认 退回"),
            WordList.Of("延迟 丢失 破损 未收到 迟迟不到 显示已签收 地址错误 缺件")),
        new("returns", ["refund", "return", "exchange", "warranty"],
            WordList.Of("refund return exchange warranty item product label policy reason receipt credit replacement request window condition store money voucher"),
            WordList.Of("request return exchange refund approve send receive print claim process"),
            WordList.Of("rejected pending delayed partial approved processed defective broken used expired"),
            WordList.Of("退款 退货 换货 保修 商品 退货标签 退货政策 原因 凭证 退款金额 售后 申请单 代金券 原路退回 质量问题"),
            WordList.Of("申请 退回 换货 审核 寄回 处理 撤销 补发 到账"),
            WordList.Of("被拒绝 处理中 未到账 部分退款 已超时 有瑕疵 损坏")),
        new("mobile", ["mobile", "ios", "android", "app", "crash"],
            WordList.Of("app phone version update screen notification permission camera storage cache battery widget tablet store install crash log offline mode sync keyboard"),
            WordList.Of("install update open restart reinstall clear allow download sync launch"),
            WordList.Of("crashing frozen slow blank outdated unresponsive missing incompatible black stuck"),
            WordList.Of("应用 手机 版本 更新 屏幕 通知 权限 相机 存储空间 缓存 电量 小组件 平板 应用商店 日志 离线模式 同步 深色模式 键盘"),
            WordList.Of("安装 更新 打开 重启 卸载 清除 允许 下载 同步 启动 升级"),
            WordList.Of("闪退 卡顿 白屏 黑屏 无响应 不兼容 打不开 耗电快")),
        new("api", ["api", "webhook", "integration", "sdk", "developer"],
            WordList.Of("api key webhook endpoint request response token integration sdk limit error header payload callback sandbox documentation version scope client secret timeout json field"),
            WordList.Of("call connect authenticate generate rotate configure send receive retry integrate test revoke"),
            WordList.Of("unauthorized throttled failing invalid deprecated expired missing malformed slow duplicated"),
            WordList.Of("接口 密钥 回调 请求 响应 令牌 集成 开发文档 限流 错误码 请求头 沙箱 版本 客户端 超时 字段 参数 签名"),
            WordList.Of("调用 对接 认证 生成 轮换 配置 发送 接收 重试 测试 吊销"),
            WordList.Of("报错 未授权 超时 被限流 签名错误 参数缺失 返回空")),
        new("notifications", ["email", "notification", "sms", "spam"],
            WordList.Of("email notification message sms inbox spam folder sender template alert reminder digest newsletter subscription preference domain signature attachment bounce push"),
            WordList.Of("receive send unsubscribe subscribe mute whitelist forward configure schedule resend"),
            WordList.Of("missing delayed blocked bounced duplicated filtered unread empty wrong"),
            WordList.Of("邮件 通知 消息 短信 收件箱 垃圾邮件 发件人 模板 提醒 订阅 偏好设置 域名 附件 推送 退信"),
            WordList.Of("接收 发送 退订 订阅 屏蔽 转发 设置 重新发送"),
            WordList.Of("收不到 延迟 被拦截 重复 进入垃圾箱 乱码")),
        new("reports", ["reports", "export", "dashboard", "analytics"],
            WordList.Of("report export dashboard chart data file csv spreadsheet filter column date range metric schedule download history backup import template record field summary"),
            WordList.Of("export import download filter schedule share generate sort customize backup restore"),
            WordList.Of("empty incomplete wrong slow outdated truncated corrupted missing large"),
            WordList.Of("报表 导出 仪表盘 图表 数据 文件 表格 筛选 日期范围 指标 历史记录 备份 导入 模板 字段 汇总"),
            WordList.Of("导出 导入 下载 筛选 生成 排序 分享 备份 恢复 定时"),
            WordList.Of("为空 不完整 不准确 乱码 加载慢 数据缺失 格式错误")),
        new("security", ["security", "privacy", "gdpr", "2fa"],
            WordList.Of("security privacy data deletion request consent cookie policy breach audit log access permission encryption certificate address firewall phishing report"),
            WordList.Of("delete request report enable protect review audit restrict encrypt block"),
            WordList.Of("suspicious unauthorized compromised exposed leaked unknown unusual"),
            WordList.Of("安全 隐私 个人数据 注销申请 授权 隐私政策 审计日志 访问权限 加密 证书 防火墙 钓鱼邮件 异地登录"),
            WordList.Of("删除 举报 开启 保护 审核 限制 加密 拦截 冻结"),
            WordList.Of("可疑 被盗 泄露 异常 未授权")),
        new("plans", ["subscription", "plan", "upgrade", "trial"],
            WordList.Of("subscription plan upgrade downgrade trial license seat tier feature renewal contract cancellation period limit quota storage usage addon"),
            WordList.Of("upgrade downgrade cancel renew pause resume extend switch compare purchase"),
            WordList.Of("expired active cancelled paused limited exceeded unavailable"),
            WordList.Of("订阅 套餐 会员 升级 降级 试用 许可证 席位 功能 续费 合同 到期时间 配额 存储空间 用量 增值服务"),
            WordList.Of("升级 降级 取消 续订 暂停 恢复 延长 切换 购买 开通"),
            WordList.Of("已到期 已取消 超出限额 无法升级 自动续费")),
        new("team", ["team", "users", "permissions", "admin"],
            WordList.Of("team user admin role permission group member invitation seat workspace organization owner agent manager access settings directory"),
            WordList.Of("invite add remove assign transfer grant revoke manage deactivate promote"),
            WordList.Of("pending restricted disabled duplicate unassigned orphaned"),
            WordList.Of("团队 成员 管理员 角色 权限 分组 邀请 席位 工作区 组织 所有者 客服 主管 访问权限"),
            WordList.Of("邀请 添加 移除 分配 转移 授予 撤销 管理 停用"),
            WordList.Of("待接受 受限 已停用 重复 无权限")),
        new("troubleshooting", ["performance", "outage", "bug", "troubleshooting"],
            WordList.Of("page website error loading speed server outage browser connection network timeout upload image video file cache cookie extension vpn proxy status"),
            WordList.Of("load refresh upload clear reconnect restart troubleshoot report disable retry"),
            WordList.Of("slow down unavailable broken frozen blank intermittent unreachable"),
            WordList.Of("页面 网站 错误 加载速度 服务器 故障 浏览器 网络连接 上传 图片 视频 文件 插件 代理 服务状态"),
            WordList.Of("加载 刷新 上传 清除 重新连接 重启 排查 反馈 禁用 重试"),
            WordList.Of("很慢 打不开 无法访问 报错 卡住 断开 间歇性")),
        new("devices", ["device", "hardware", "bluetooth", "firmware"],
            WordList.Of("device printer scanner router firmware bluetooth battery charger cable screen sensor pairing speaker headset camera button light adapter"),
            WordList.Of("pair connect charge reset update replace calibrate power unplug"),
            WordList.Of("disconnected overheating dead flickering unresponsive noisy offline"),
            WordList.Of("设备 打印机 扫描仪 路由器 固件 蓝牙 电池 充电器 数据线 屏幕 传感器 配对 音箱 耳机 摄像头 指示灯 适配器"),
            WordList.Of("配对 连接 充电 重置 升级 更换 校准 开机 关机"),
            WordList.Of("断开 发热 充不进电 闪烁 无反应 有杂音 离线")),
    ];

    /// <summary>Which topic an article or a question is about: the first topics far more often.</summary>
    public static readonly Zipf TopicRank = new(Topics.Length, exponent: 0.8, shift: 1);

    public static Topic NextTopic(Random random) => Topics[TopicRank.Next(random)];

    /// <summary>Help-centre words any article uses.</summary>
    public static readonly WordList GeneralNouns = WordList.Of(
        "settings page menu button option screen tab link window list section step help center article support team customer " +
        "admin dashboard profile version message feature tool desktop web browser time minute hour day week month year " +
        "problem issue question answer solution reason result status information detail record history change update note " +
        "warning tip example guide tutorial video faq contact form chat phone ticket request case agent region country " +
        "language timezone format size name title description image photo document attachment file folder share icon " +
        "toolbar sidebar header footer panel dialog popup banner toggle checkbox dropdown field value entry search filter " +
        "sort order view mode theme layout preview draft copy template workflow rule trigger automation macro schedule " +
        "calendar event meeting reminder holiday weekend morning evening office location store branch partner reseller " +
        "marketplace catalog inventory supplier vendor shipment customs duty voucher loyalty point reward referral " +
        "campaign promotion newsletter survey feedback rating review comment reply mention thread channel widget portal");

    public static readonly WordList GeneralVerbs = WordList.Of(
        "click select open go choose enter save check contact try wait find make see use follow tap scroll type paste " +
        "press drag drop expand collapse edit rename move archive restore duplicate print attach submit review approve " +
        "notify mention assign close reopen merge split tag label sort filter search browse compare verify confirm");

    public static readonly WordList Numbers = WordList.Of("24 5 10 2 30 48 15 3 7 60 14 1 90 72 20 12 45 100 6 8");

    /// <summary>The long tail: 1,240 product names (Brightdesk, Novapay, …), most of them rare.</summary>
    public static readonly WordList Products = new(Shuffled(
        from prefix in "Bright Cloud Swift Nova Zen Pixel Blue Iron Silver Quick Smart Open Peak Echo Terra Luma Orbit Flux Prime Atlas Vertex Nimbus Spark Harbor Maple Cedar Falcon Rocket Polar Sky Stone River Aero Core Data Hyper Meta Omni Sun Vivid".Split(' ')
        from suffix in "desk pay ship cart book mail sync link hub box note cast flow track view dock point base forge works lab kit pad wave grid gate stack space fleet".Split(' ')
        select prefix + suffix, seed: 17), exponent: 1.1);

    /// <summary>Error codes shown by the products: E1000 … E1499, a few of them common.</summary>
    public static readonly WordList ErrorCodes = new(Shuffled(Enumerable.Range(1000, 500).Select(n => $"E{n}"), seed: 23), exponent: 1.2);

    public static readonly WordList Cities = WordList.Of(
        "London Berlin Paris Madrid Singapore Sydney Toronto Chicago Dublin Amsterdam Tokyo Seoul Mumbai Dubai Zurich Vienna Warsaw Prague Lisbon Oslo");

    /// <summary>English product words Chinese text is written with (App, iPhone, API …).</summary>
    public static readonly WordList EnglishInChinese = WordList.Of(
        "App iPhone Android iOS API VIP PDF Excel Wi-Fi Chrome Windows Mac SDK Token iPad CSV Webhook Safari PayPal USB SSO Outlook Gmail Slack Shopify Bluetooth QR");

    /// <summary>Where Chinese text says a thing happens when it is not written with English words: 手机端, 小程序 …</summary>
    public static readonly WordList ZhPlatforms = WordList.Of("手机端 电脑端 小程序 网页版 客户端 微信 安卓手机 苹果手机 平板 公众号");

    public static readonly WordList ZhGeneralNouns = WordList.Of(
        "设置 页面 菜单 按钮 选项 界面 问题 操作 系统 信息 记录 状态 结果 原因 方法 提示 说明 帮助中心 文章 步骤 客服 客户 管理员 后台 " +
        "功能 工具 网页版 电脑端 手机端 时间 分钟 小时 工作日 详情 入口 右上角 左侧栏 弹窗 列表 搜索框 输入框 个人中心 我的 首页 消息中心 " +
        "工单 在线客服 热线电话 活动 积分 优惠 门店 地区 语言 时区 格式 名称 图标 草稿 模板 规则 自动化 日历 反馈 评价 评论 回复 频道 门户");

    public static readonly WordList ZhGeneralVerbs = WordList.Of(
        "点击 选择 打开 进入 填写 保存 检查 联系 尝试 等待 找到 使用 按照 输入 粘贴 拖动 展开 编辑 重命名 移动 归档 提交 审核 通知 关闭 合并 搜索 确认");

    /// <summary>The Chinese long tail: product series (智云管家, 易购商城 …) and cities.</summary>
    public static readonly WordList ZhProducts = new(Shuffled(
        from prefix in "智 云 易 快 优 星 乐 好 微 安 天 悦 飞 新 金 青 海 宝 通 美".Split(' ')
        from suffix in "管家 助手 商城 会员 钱包 课堂 笔记 会议 云盘 音乐 出行 健康 相册 办公 直播".Split(' ')
        select prefix + suffix, seed: 29), exponent: 1.1);

    public static readonly WordList ZhCities = WordList.Of("北京 上海 广州 深圳 杭州 成都 武汉 南京 西安 重庆 天津 苏州 长沙 郑州 青岛 厦门 宁波 合肥 昆明 大连");

    /// <summary>Misspellings Chinese users really type: a whole word written with a homophone (登陆 for 登录, 取销 for 取消).</summary>
    public static readonly (string Right, string Wrong)[] ZhTypos =
    [
        ("登录", "登陆"), ("订单", "定单"), ("充值", "冲值"), ("取消", "取销"), ("密码", "秘码"), ("验证", "验正"), ("发票", "发漂"),
        ("快递", "快第"), ("邮箱", "油箱"), ("升级", "升极"), ("绑定", "帮定"), ("物流", "物留"), ("账", "帐"),
    ];

    /// <summary>A pinyin input method's slips: a character replaced by one that sounds the same.</summary>
    public static readonly Dictionary<char, char> ZhHomophones = new()
    {
        ['录'] = '陆', ['订'] = '定', ['充'] = '冲', ['码'] = '马', ['证'] = '正', ['款'] = '欵', ['票'] = '漂', ['递'] = '第', ['箱'] = '相',
        ['退'] = '推', ['级'] = '极', ['绑'] = '帮', ['流'] = '留', ['付'] = '附', ['登'] = '灯', ['密'] = '蜜', ['删'] = '珊', ['修'] = '休',
        ['改'] = '该', ['换'] = '唤', ['货'] = '伙', ['单'] = '担', ['失'] = '湿', ['败'] = '拜', ['消'] = '销', ['号'] = '好', ['户'] = '护',
        ['载'] = '再', ['钱'] = '前', ['包'] = '保', ['设'] = '社', ['置'] = '制', ['通'] = '同', ['知'] = '之', ['支'] = '知', ['限'] = '现',
        ['权'] = '全', ['员'] = '元', ['数'] = '书', ['据'] = '剧', ['报'] = '暴', ['表'] = '标', ['邮'] = '油', ['件'] = '建', ['购'] = '够',
        ['商'] = '伤', ['品'] = '拼', ['服'] = '福', ['务'] = '误', ['配'] = '陪', ['送'] = '松', ['慢'] = '漫', ['效'] = '校',
    };

    private static IEnumerable<string> Shuffled(IEnumerable<string> items, int seed)
    {
        var array = items.ToArray();
        new Random(seed).Shuffle(array);
        return array;
    }
}
