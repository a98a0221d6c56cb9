namespace Support.Analytics.Sentiment;

/// <summary>
/// The word lists <see cref="SentimentScorer"/> reads, written by hand for support text (there is no lexicon package
/// in the NuGet feed). Valences run from -3 to +3 as in VADER. A Chinese entry of valence 0 is a guard: a word that
/// contains a sentiment character, a negator or an intensifier but means none of them (你好, 不好意思, 快递, 差不多), so
/// that longest-match segmentation takes it whole. "problem", "issue", "question" and 问题 are left out on purpose:
/// support text is full of them, neutrally.
/// </summary>
internal static class SentimentLexicon
{
    public static readonly Dictionary<string, double> English = new()
    {
        // positive
        ["great"] = 3, ["good"] = 2, ["nice"] = 2, ["fine"] = 1, ["thanks"] = 2, ["thank"] = 2, ["thx"] = 2,
        ["love"] = 3, ["loved"] = 3, ["loves"] = 3, ["loving"] = 3, ["lovely"] = 3, ["helpful"] = 2,
        ["resolved"] = 2, ["solved"] = 2, ["fixed"] = 2, ["fast"] = 1, ["faster"] = 1, ["quick"] = 1,
        ["quickly"] = 1, ["quicker"] = 1, ["speedy"] = 2, ["swift"] = 1, ["prompt"] = 1, ["promptly"] = 1,
        ["timely"] = 1, ["instant"] = 1, ["instantly"] = 1, ["happy"] = 3, ["glad"] = 2, ["pleased"] = 2,
        ["delighted"] = 3, ["satisfied"] = 2, ["satisfying"] = 2, ["satisfaction"] = 2, ["perfect"] = 3,
        ["perfectly"] = 2, ["excellent"] = 3, ["awesome"] = 3, ["amazing"] = 3, ["fantastic"] = 3,
        ["wonderful"] = 3, ["brilliant"] = 3, ["outstanding"] = 3, ["superb"] = 3, ["stellar"] = 3,
        ["exceptional"] = 3, ["fabulous"] = 3, ["terrific"] = 3, ["flawless"] = 3, ["flawlessly"] = 3,
        ["lifesaver"] = 3, ["beautiful"] = 3, ["best"] = 3, ["better"] = 2, ["improved"] = 2, ["improvement"] = 1,
        ["easy"] = 2, ["easily"] = 1, ["simple"] = 1, ["straightforward"] = 1, ["painless"] = 2, ["smooth"] = 2,
        ["smoothly"] = 2, ["seamless"] = 2, ["intuitive"] = 2, ["convenient"] = 2, ["handy"] = 2, ["useful"] = 2,
        ["friendly"] = 2, ["polite"] = 2, ["courteous"] = 2, ["kind"] = 2, ["patient"] = 2, ["attentive"] = 2,
        ["professional"] = 2, ["knowledgeable"] = 2, ["responsive"] = 2, ["supportive"] = 2, ["efficient"] = 2,
        ["effective"] = 2, ["reliable"] = 2, ["stable"] = 1, ["secure"] = 1, ["safe"] = 1, ["accurate"] = 1,
        ["correct"] = 1, ["correctly"] = 1, ["fair"] = 1, ["reasonable"] = 1, ["affordable"] = 1, ["cheaper"] = 1,
        ["worth"] = 2, ["worthwhile"] = 2, ["valuable"] = 2, ["honest"] = 2, ["generous"] = 2, ["trust"] = 1,
        ["trustworthy"] = 2, ["confident"] = 1, ["relieved"] = 2, ["relief"] = 2, ["appreciate"] = 2,
        ["appreciated"] = 2, ["grateful"] = 2, ["thankful"] = 2, ["recommend"] = 2, ["recommended"] = 2,
        ["pleasant"] = 2, ["pleasure"] = 2, ["impressed"] = 2, ["impressive"] = 2, ["enjoy"] = 2, ["enjoyed"] = 2,
        ["excited"] = 2, ["exciting"] = 2, ["favorite"] = 2, ["favourite"] = 2, ["success"] = 2,
        ["successful"] = 2, ["successfully"] = 1, ["positive"] = 2, ["cool"] = 1, ["kudos"] = 2, ["bravo"] = 2,
        ["congrats"] = 2, ["cheers"] = 1, ["ok"] = 1, ["okay"] = 1, ["yay"] = 2, ["welcome"] = 1, ["hero"] = 2, ["legend"] = 2,

        // negative
        ["bad"] = -2, ["terrible"] = -3, ["awful"] = -3, ["horrible"] = -3, ["horrendous"] = -3, ["dreadful"] = -3,
        ["appalling"] = -3, ["atrocious"] = -3, ["poor"] = -2, ["poorly"] = -2, ["lousy"] = -2, ["mediocre"] = -1,
        ["subpar"] = -2, ["meh"] = -1, ["inadequate"] = -2, ["broken"] = -2, ["broke"] = -1, ["faulty"] = -2,
        ["defective"] = -2, ["damaged"] = -2, ["corrupted"] = -2, ["slow"] = -1, ["slowly"] = -1, ["slower"] = -1,
        ["slowest"] = -2, ["laggy"] = -2, ["lag"] = -1, ["lagging"] = -1, ["freeze"] = -1, ["freezes"] = -1,
        ["frozen"] = -1, ["stuck"] = -1, ["glitch"] = -1, ["glitchy"] = -2, ["outage"] = -2, ["useless"] = -3,
        ["worthless"] = -3, ["pointless"] = -2, ["unusable"] = -3, ["unreliable"] = -2, ["unstable"] = -2,
        ["angry"] = -3, ["mad"] = -2, ["furious"] = -3, ["livid"] = -3, ["outraged"] = -3, ["outrageous"] = -3,
        ["annoyed"] = -2, ["annoying"] = -2, ["irritated"] = -2, ["irritating"] = -2, ["frustrated"] = -2,
        ["frustrating"] = -2, ["frustration"] = -2, ["disappointed"] = -2, ["disappointing"] = -2,
        ["disappointment"] = -2, ["upset"] = -2, ["unhappy"] = -2, ["sad"] = -2, ["disgusted"] = -3,
        ["disgusting"] = -3, ["disgrace"] = -3, ["shameful"] = -3, ["shame"] = -2, ["hopeless"] = -2,
        ["worst"] = -3, ["worse"] = -2, ["refund"] = -1, ["refunds"] = -1, ["cancel"] = -1, ["cancelled"] = -1,
        ["canceled"] = -1, ["cancellation"] = -1, ["bug"] = -1, ["bugs"] = -1, ["buggy"] = -2, ["error"] = -1,
        ["errors"] = -1, ["crash"] = -2, ["crashes"] = -2, ["crashed"] = -2, ["crashing"] = -2, ["fail"] = -2,
        ["fails"] = -2, ["failed"] = -2, ["failing"] = -2, ["failure"] = -2, ["wrong"] = -2, ["incorrect"] = -1,
        ["inaccurate"] = -1, ["unacceptable"] = -3, ["ridiculous"] = -3, ["pathetic"] = -3, ["incompetent"] = -3,
        ["rude"] = -3, ["unhelpful"] = -2, ["unprofessional"] = -2, ["unresponsive"] = -2, ["unanswered"] = -2,
        ["unreachable"] = -2, ["unresolved"] = -2, ["ignored"] = -2, ["ignoring"] = -2, ["ignore"] = -1,
        ["waste"] = -2, ["wasted"] = -2, ["wasting"] = -2, ["scam"] = -3, ["fraud"] = -3, ["cheated"] = -3,
        ["ripoff"] = -3, ["stolen"] = -2, ["steal"] = -2, ["lost"] = -1, ["missing"] = -1, ["delay"] = -1,
        ["delays"] = -1, ["delayed"] = -1, ["late"] = -1, ["confusing"] = -2, ["confused"] = -1, ["confusion"] = -1,
        ["complicated"] = -1, ["difficult"] = -1, ["cumbersome"] = -2, ["clunky"] = -2, ["tedious"] = -2,
        ["hassle"] = -2, ["inconvenient"] = -2, ["inconvenience"] = -2, ["headache"] = -2, ["painful"] = -2,
        ["pain"] = -2, ["nightmare"] = -3, ["disaster"] = -3, ["mess"] = -2, ["messed"] = -2, ["impossible"] = -2,
        ["hate"] = -3, ["hated"] = -3, ["hates"] = -3, ["stupid"] = -2, ["dumb"] = -2, ["garbage"] = -3,
        ["trash"] = -3, ["junk"] = -2, ["crap"] = -3, ["sucks"] = -3, ["suck"] = -2, ["nonsense"] = -2,
        ["insane"] = -2, ["complaint"] = -2, ["complain"] = -2, ["complained"] = -2, ["complaining"] = -2,
        ["overcharged"] = -2, ["overcharge"] = -2, ["overpriced"] = -2, ["expensive"] = -1, ["unfair"] = -2,
        ["misleading"] = -2, ["lie"] = -2, ["lied"] = -2, ["lying"] = -2, ["liar"] = -3, ["worried"] = -1,
        ["worry"] = -1, ["worries"] = -1, ["concerning"] = -1, ["afraid"] = -1, ["scared"] = -1, ["sick"] = -2,
        ["tired"] = -1, ["wtf"] = -3, ["ugh"] = -2, ["argh"] = -2, ["sigh"] = -1,
    };

    public static readonly Dictionary<string, double> Chinese = new()
    {
        // positive
        ["好"] = 2, ["好的"] = 1, ["还好"] = 1, ["还行"] = 1, ["还可以"] = 1, ["不错"] = 2, ["满意"] = 2, ["谢谢"] = 2,
        ["感谢"] = 2, ["多谢"] = 2, ["谢了"] = 2, ["感激"] = 2, ["辛苦了"] = 2, ["辛苦"] = 1, ["快"] = 1, ["快速"] = 1,
        ["迅速"] = 1, ["及时"] = 1, ["高效"] = 2, ["方便"] = 2, ["便捷"] = 2, ["简单"] = 1, ["容易"] = 1,
        ["解决了"] = 2, ["已解决"] = 2, ["修好了"] = 2, ["修复了"] = 1, ["搞定"] = 2, ["搞定了"] = 2, ["没毛病"] = 2,
        ["棒"] = 3, ["赞"] = 2, ["点赞"] = 2, ["给力"] = 2, ["完美"] = 3, ["优秀"] = 3, ["出色"] = 3, ["满分"] = 3,
        ["喜欢"] = 2, ["爱"] = 2, ["开心"] = 2, ["高兴"] = 2, ["愉快"] = 2, ["欣慰"] = 2, ["惊喜"] = 2, ["感动"] = 2,
        ["舒服"] = 2, ["专业"] = 2, ["耐心"] = 2, ["热情"] = 2, ["贴心"] = 2, ["周到"] = 2, ["细心"] = 2, ["用心"] = 2,
        ["认真"] = 2, ["真诚"] = 2, ["友好"] = 2, ["礼貌"] = 2, ["负责"] = 1, ["到位"] = 2, ["靠谱"] = 2, ["放心"] = 2,
        ["安心"] = 2, ["省心"] = 2, ["省事"] = 2, ["信任"] = 1, ["稳定"] = 1, ["流畅"] = 2, ["顺利"] = 2, ["顺畅"] = 2,
        ["好用"] = 2, ["实用"] = 2, ["有用"] = 2, ["划算"] = 1, ["实惠"] = 1, ["超值"] = 2, ["物超所值"] = 3,
        ["值得"] = 2, ["推荐"] = 2, ["好评"] = 2, ["五星"] = 2, ["厉害"] = 2, ["漂亮"] = 2, ["优质"] = 2, ["清楚"] = 1,
        ["清晰"] = 1, ["详细"] = 1, ["准确"] = 1, ["正确"] = 1, ["成功"] = 1,

        // negative
        ["差"] = -2, ["差劲"] = -3, ["差评"] = -3, ["糟糕"] = -3, ["失望"] = -2, ["慢"] = -1, ["缓慢"] = -1,
        ["生气"] = -2, ["气愤"] = -3, ["愤怒"] = -3, ["恼火"] = -2, ["火大"] = -2, ["投诉"] = -2, ["退款"] = -1,
        ["退货"] = -1, ["取消"] = -1, ["退订"] = -1, ["退钱"] = -2, ["崩溃"] = -2, ["崩"] = -2, ["闪退"] = -2, ["卡顿"] = -2, ["卡死"] = -2,
        ["死机"] = -2, ["白屏"] = -2, ["黑屏"] = -2, ["错误"] = -1, ["报错"] = -2, ["出错"] = -2, ["搞错"] = -2,
        ["故障"] = -2, ["失败"] = -2, ["异常"] = -1, ["毛病"] = -1, ["垃圾"] = -3, ["坑"] = -2, ["坑爹"] = -3,
        ["坑人"] = -3, ["烂"] = -3, ["麻烦"] = -1, ["难用"] = -3, ["难受"] = -2, ["难过"] = -2, ["伤心"] = -2,
        ["痛苦"] = -2, ["骗"] = -3, ["骗子"] = -3, ["欺骗"] = -3, ["欺诈"] = -3, ["诈骗"] = -3, ["忽悠"] = -2,
        ["黑心"] = -3, ["流氓"] = -3, ["霸王条款"] = -3, ["乱收费"] = -3, ["恶心"] = -3, ["恶劣"] = -3, ["可恶"] = -3,
        ["讨厌"] = -3, ["无语"] = -2, ["无奈"] = -1, ["郁闷"] = -2, ["烦"] = -2, ["烦人"] = -2, ["烦死"] = -3,
        ["不满"] = -2, ["不满意"] = -2, ["不好"] = -2, ["不爽"] = -2, ["不行"] = -2, ["不好用"] = -2, ["不能用"] = -2,
        ["用不了"] = -2, ["没用"] = -2, ["没有用"] = -2, ["无用"] = -2, ["无效"] = -1, ["解决不了"] = -2,
        ["打不开"] = -2, ["登不上"] = -2, ["进不去"] = -2, ["连不上"] = -2, ["收不到"] = -2, ["打不通"] = -2,
        ["联系不上"] = -2, ["找不到"] = -1, ["没人管"] = -2, ["没人理"] = -2, ["担心"] = -1, ["着急"] = -1,
        ["焦急"] = -1, ["催"] = -1, ["敷衍"] = -2, ["拖延"] = -2, ["推诿"] = -2, ["踢皮球"] = -2, ["离谱"] = -3,
        ["过分"] = -2, ["混乱"] = -2, ["乱七八糟"] = -3, ["坏"] = -2, ["坏了"] = -2, ["损坏"] = -2, ["破损"] = -2,
        ["丢失"] = -2, ["丢"] = -1, ["延迟"] = -1, ["超时"] = -1, ["过期"] = -1, ["贵"] = -1, ["困扰"] = -2,
        ["头疼"] = -2, ["折腾"] = -2, ["浪费"] = -2, ["后悔"] = -2, ["复杂"] = -1, ["困难"] = -1, ["扣费"] = -1,

        // guards: neutral words holding a sentiment character, a negator or an intensifier
        ["你好"] = 0, ["您好"] = 0, ["大家好"] = 0, ["不好意思"] = 0, ["好像"] = 0, ["好几"] = 0, ["好多"] = 0,
        ["好久"] = 0, ["好些"] = 0, ["只好"] = 0, ["正好"] = 0, ["刚好"] = 0, ["恰好"] = 0, ["好友"] = 0, ["爱好"] = 0,
        ["好奇"] = 0, ["快递"] = 0, ["尽快"] = 0, ["赶快"] = 0, ["加快"] = 0, ["慢慢"] = 0, ["差不多"] = 0, ["差价"] = 0,
        ["差额"] = 0, ["出差"] = 0, ["差点"] = 0, ["误差"] = 0, ["时差"] = 0, ["补差"] = 0, ["麻烦你"] = 0,
        ["麻烦您"] = 0, ["烦请"] = 0, ["负责人"] = 0, ["不但"] = 0, ["不仅"] = 0, ["不管"] = 0, ["不少"] = 0,
        ["不久"] = 0, ["不断"] = 0, ["不同"] = 0, ["不如"] = 0, ["不然"] = 0, ["不得不"] = 0, ["无论"] = 0,
        ["未来"] = 0, ["别的"] = 0, ["别人"] = 0, ["区别"] = 0, ["识别"] = 0, ["分别"] = 0, ["级别"] = 0, ["超过"] = 0,
    };

    /// <summary>
    /// Words that carry no sentiment alone but read as a complaint when negated: "doesn't work", "never received",
    /// "没有回复", "无法登录". The value is used only under a negator.
    /// </summary>
    public static readonly Dictionary<string, double> NegatedOnly = new()
    {
        ["work"] = 2, ["works"] = 2, ["working"] = 2, ["worked"] = 2, ["help"] = 2, ["helps"] = 2, ["helped"] = 2,
        ["helping"] = 2, ["respond"] = 2, ["responded"] = 2, ["responding"] = 2, ["reply"] = 2, ["replied"] = 2,
        ["answer"] = 2, ["answered"] = 2, ["load"] = 2, ["loading"] = 2, ["loads"] = 2, ["open"] = 2, ["opens"] = 2,
        ["receive"] = 2, ["received"] = 2, ["arrive"] = 2, ["arrived"] = 2, ["got"] = 2, ["get"] = 2, ["fix"] = 2,
        ["resolve"] = 2, ["solve"] = 2, ["log"] = 2, ["login"] = 2, ["access"] = 2, ["connect"] = 2,
        ["解决"] = 2, ["收到"] = 2, ["回复"] = 2, ["回应"] = 2, ["响应"] = 2, ["到账"] = 2, ["处理"] = 2, ["生效"] = 2, ["打开"] = 2,
        ["登录"] = 2, ["登陆"] = 2, ["使用"] = 2, ["联系"] = 2,
    };

    /// <summary>Complaint topics that stay negative under a negator: "still no refund", "can't cancel", "没退款".</summary>
    public static readonly HashSet<string> NotFlipped =
    [
        "refund", "refunds", "cancel", "cancelled", "canceled", "cancellation", "退款", "退钱", "退货", "取消", "退订",
    ];

    /// <summary>Negators (English words ending in n't count too).</summary>
    public static readonly HashSet<string> Negators =
    [
        "not", "no", "never", "none", "nobody", "nothing", "neither", "nor", "nowhere", "without", "hardly", "barely",
        "cannot", "cant", "dont", "doesnt", "didnt", "isnt", "wasnt", "arent", "werent", "wont", "wouldnt", "couldnt",
        "shouldnt", "havent", "hasnt", "hadnt", "aint",
        "不", "没", "没有", "别", "无", "未", "并不", "从不", "从没", "并没有", "毫无", "绝不", "不要",
    ];

    /// <summary>Intensifiers (+) and dampeners (−), added to a following word's magnitude (VADER's 0.293).</summary>
    public static readonly Dictionary<string, double> Boosters = new()
    {
        ["very"] = 0.293, ["really"] = 0.293, ["extremely"] = 0.293, ["so"] = 0.293, ["too"] = 0.293,
        ["super"] = 0.293, ["incredibly"] = 0.293, ["absolutely"] = 0.293, ["totally"] = 0.293,
        ["completely"] = 0.293, ["utterly"] = 0.293, ["highly"] = 0.293, ["truly"] = 0.293, ["quite"] = 0.293,
        ["especially"] = 0.293, ["particularly"] = 0.293, ["such"] = 0.293, ["most"] = 0.293,
        ["slightly"] = -0.293, ["somewhat"] = -0.293, ["kinda"] = -0.293, ["sorta"] = -0.293, ["bit"] = -0.293,
        ["little"] = -0.293, ["fairly"] = -0.293, ["partly"] = -0.293, ["marginally"] = -0.293,
        ["很"] = 0.293, ["非常"] = 0.293, ["太"] = 0.293, ["特别"] = 0.293, ["超"] = 0.293, ["超级"] = 0.293,
        ["极其"] = 0.293, ["极"] = 0.293, ["十分"] = 0.293, ["相当"] = 0.293, ["真"] = 0.293, ["真的"] = 0.293,
        ["挺"] = 0.293, ["最"] = 0.293, ["更"] = 0.293, ["实在"] = 0.293, ["巨"] = 0.293,
        ["有点"] = -0.293, ["有点儿"] = -0.293, ["有些"] = -0.293, ["稍微"] = -0.293, ["略"] = -0.293,
        ["略微"] = -0.293, ["比较"] = -0.293,
    };

    /// <summary>Contrast words: within a sentence, what comes before weighs half, what comes after one and a half.</summary>
    public static readonly HashSet<string> ButWords = ["but", "however", "但是", "但", "可是", "不过", "然而"];

    /// <summary>The longest Chinese entry of any list, for longest-match segmentation.</summary>
    public const int MaxChineseLength = 4;

    public static bool IsChineseWord(string s) =>
        Chinese.ContainsKey(s) || NegatedOnly.ContainsKey(s) || Negators.Contains(s) || Boosters.ContainsKey(s) || ButWords.Contains(s);
}
