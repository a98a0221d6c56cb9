namespace Support.Benchmarks.Analytics;

/// <summary>A kind of request: its tag, the group that handles it, and what customers and agents write about it.</summary>
public sealed record Topic(string Tag, int Group, double Weight, string[] Subjects, string[] Descriptions, string[] ChineseSubjects, string[] ChineseDescriptions);

/// <summary>
/// The words of the generated history: a few topics in English and Chinese, agents' replies, and customers' comments
/// that read neutral, positive or negative to the Analytics service's sentiment scorer.
/// </summary>
public static class SupportTexts
{
    public static readonly Topic[] Topics =
    [
        new("login", 1, 0.20,
            ["Cannot log in to my account", "Password reset email never arrives", "Two-factor code rejected", "Locked out after the update"],
            ["Hi, since this morning I get an error when I try to sign in. I already cleared my cookies and tried another browser. Can you help?",
             "I requested a password reset three times but the email never arrived, not even in the spam folder. My username is the email above.",
             "The authenticator code is always rejected as invalid although the clock on my phone is correct. This is really frustrating, I cannot work."],
            ["无法登录账号", "收不到重置密码的邮件"],
            ["您好，从今天早上开始我登不上账号，一直提示密码错误，已经重置过一次了，请帮忙看一下。",
             "重置密码的邮件一直收不到，垃圾邮件里也没有，很着急，麻烦尽快处理。"]),
        new("billing", 2, 0.22,
            ["Charged twice this month", "Invoice shows the wrong VAT number", "Refund for order", "Question about my subscription plan"],
            ["My card was charged twice for the monthly subscription. Please refund the duplicate payment, I attached the bank statement.",
             "Our accounting department noticed that the latest invoice has an outdated VAT number. Please send a corrected one.",
             "I cancelled within the trial period but was still billed. I would like a refund of the full amount.",
             "We would like to move from the monthly to the annual plan. How is the remaining month credited?"],
            ["这个月被重复扣费了", "发票信息有误", "申请退款"],
            ["我的信用卡这个月被扣了两次订阅费，请把多扣的钱退回来，银行流水已附上。",
             "上个月的发票抬头写错了，麻烦重新开一张，谢谢。",
             "试用期内就已经取消了，结果还是扣费了，要求全额退款。"]),
        new("bug", 3, 0.18,
            ["App crashes on start", "Export button does nothing", "Dashboard shows wrong totals", "Sync stuck at 99%"],
            ["After the latest update the app closes right after the splash screen. Phone model and logs attached.",
             "When I click Export in the reports page nothing happens. No file, no error message. Tried Chrome and Firefox.",
             "The dashboard totals do not match the numbers in the detail view since yesterday. Which one is correct?",
             "Sync has been stuck at 99% for two days and the desktop app is unusable. This is a disaster for our team."],
            ["应用启动就闪退", "报表导出失败"],
            ["更新之后应用一打开就闪退，手机型号和日志已附上，请尽快修复。",
             "点击导出报表没有任何反应，也没有报错，换了浏览器也一样。"]),
        new("shipping", 4, 0.15,
            ["Where is my order?", "Shipping address change", "Package arrived damaged", "Wrong item delivered"],
            ["I ordered ten days ago and the tracking page has not changed since. Can you tell me where the package is?",
             "Please change the shipping address of my open order to the new office address below before it ships.",
             "The package arrived today with a broken corner and the device inside is damaged. Photos attached.",
             "I received a different model than the one I ordered. How do I exchange it?"],
            ["订单一直没有发货", "快递破损"],
            ["下单十天了物流信息一直没有更新，请帮忙查一下包裹在哪里。",
             "今天收到快递，外包装破损，里面的设备也坏了，照片已附上，请处理。"]),
        new("api", 5, 0.10,
            ["API returns 500 on /orders", "Webhook deliveries failing", "Rate limit too low for our integration", "OAuth token expires too early"],
            ["Since 14:00 UTC every POST to /orders answers 500 Internal Server Error. Request ids are in the attached log.",
             "Our webhook endpoint has not received any delivery since yesterday although it answers 200 to the test ping.",
             "Our nightly import hits the rate limit after a few minutes. Can the limit be raised for our account?"],
            ["接口返回500错误"],
            ["从下午两点开始调用订单接口一直返回500错误，请求编号见附件日志。"]),
        new("account", 6, 0.15,
            ["How do I export my data?", "Add a new user to our team", "Change the account owner", "Feature request: dark mode", "Close my account"],
            ["We need a CSV export of all our records for an audit. Is there a way to do this from the dashboard?",
             "How can I invite a colleague to our workspace? The invite button is greyed out for me.",
             "Our previous admin left the company. Please transfer the account ownership to me.",
             "It would be great to have a dark mode in the web app, many of us work late.",
             "Please close our account at the end of the billing period and confirm that our data will be deleted."],
            ["如何导出数据", "添加团队成员"],
            ["我们需要把所有记录导出为CSV用于审计，请问在后台哪里可以操作？",
             "请问怎么邀请同事加入我们的工作区？邀请按钮是灰色的。"]),
    ];

    public static readonly string[] AgentFirstReplies =
    [
        "Hi, thanks for reaching out. I am looking into this now and will get back to you shortly.",
        "Thank you for the details. Could you send us a screenshot and the exact time this happened?",
        "Hello, sorry for the trouble. I have forwarded this to the responsible team and will keep you posted.",
        "Thanks for contacting us. I checked your account and found the cause; here is what happened.",
        "您好，感谢您的反馈，我们正在处理，稍后给您回复。",
    ];

    public static readonly string[] AgentFollowUps =
    [
        "We could reproduce the problem and our engineers deployed a fix. Could you please try again?",
        "I have issued the refund; it will show on your statement within 5 to 7 business days.",
        "I updated the settings on your account. Everything should work as expected now.",
        "Here are the steps: open Settings, then Data, then Export. Let me know if anything is unclear.",
        "We are still waiting for the carrier's answer and will update you as soon as we hear back.",
        "问题已经修复，请您再试一下，如有问题随时联系我们。",
    ];

    public static readonly string[] PendingRequests =
    [
        "To continue, we need a bit more information: which browser and version are you using?",
        "Could you confirm the order number and the billing address so that we can proceed?",
        "Please send us the log file from the app's Help menu so that we can investigate further.",
        "麻烦提供一下订单号和注册邮箱，方便我们进一步核实。",
    ];

    public static readonly string[] CustomerNeutral =
    [
        "Here is the information you asked for. The order number is in the attachment.",
        "I am using the latest version on Windows 11, screenshot attached.",
        "Sure, the log file is attached. Let me know if you need anything else.",
        "订单号和邮箱已经发给您了，请查收。",
    ];

    public static readonly string[] CustomerPositive =
    [
        "Thanks a lot, that fixed it! Great support as always.",
        "Perfect, it works now. Thank you for the quick help.",
        "Thank you, very helpful and friendly. Much appreciated!",
        "问题解决了，非常感谢，客服很专业！",
        "谢谢，已经好了，效率很高，给你们点赞。",
    ];

    public static readonly string[] CustomerNegative =
    [
        "This is still not working and I have been waiting for days. Very disappointed.",
        "Your answer does not help at all. This is frustrating and unacceptable.",
        "I am really annoyed, I was charged again. I want a refund now.",
        "还是不行，等了好几天了，太失望了。",
        "问题根本没有解决，客服一直敷衍，非常不满意。",
    ];

    public static readonly string[] ReopenComments =
    [
        "The problem is back since this morning. It is still broken.",
        "Sorry, but this is not fixed. The error appears again.",
        "问题又出现了，还是用不了。",
    ];

    public static readonly string[] GoodRatingComments = ["Fast and friendly, thanks!", "Great help.", "服务很好，谢谢！"];
    public static readonly string[] BadRatingComments = ["Took far too long.", "Nobody really solved my problem.", "处理太慢了。"];

    public static readonly string[] FirstNames =
    [
        "Anna", "Ben", "Carla", "David", "Elena", "Felix", "Grace", "Hugo", "Ines", "Jonas", "Kara", "Liam", "Maria", "Noah",
        "Olivia", "Paul", "Quinn", "Rosa", "Sam", "Tara", "Umar", "Vera", "Will", "Yara", "Zoe",
    ];

    public static readonly string[] LastNames =
    [
        "Smith", "Müller", "Garcia", "Rossi", "Dubois", "Novak", "Kowalski", "Jensen", "Silva", "Ivanova", "Brown", "Weber",
        "Martin", "Lopez", "Schmidt", "Berg", "Costa", "Nagy", "Wilson", "Moreau",
    ];

    public static readonly string[] ChineseNames = ["王伟", "李娜", "张敏", "刘洋", "陈静", "杨磊", "赵丽", "黄强", "周杰", "吴芳"];

    public static readonly string[] Domains = ["example.com", "example.org", "mail.example.net", "corp.example.com", "example.cn"];
}
