namespace Support.Fuzz.Tests.Generation;

/// <summary>The edge inputs the fuzzer draws from: raw JSON values for body fields, URL-encoded text for query and path values.</summary>
public static class EdgeInputs
{
    public const string Nul = "\"\\u0000\"";
    public const string LoneSurrogate = "\"\\ud800\"";

    public static readonly string[] Text =
    [
        Nul, "\"before\\u0000after\"", LoneSurrogate, "\"\\udc00tail\"", "\"\\ud83d\"", "\"\\u0001\\u001f\\u007f\\t\\r\\n\"",
        "\"" + new string('x', 100_000) + "\"", "\"工单标题：账户无法登录 😀🎫👩🏽‍💻\"", "\"\"", "\"   \"", "\"\\u200b\\u202e\\ufeff\"",
        "\"a@b\"", "\"@\"", "\"<script>alert(1)</script>\"", "\"'; DROP TABLE tickets; --\"", "\"%00\"",
    ];

    public static readonly string[] Numbers =
    [
        "0", "-1", "-2147483649", "2147483648", "9223372036854775808", "-9223372036854775809", "1e308", "-1e308", "1.5", "-0", "1e-400",
        "79228162514264337593543950336", "123456789012345678901234567890.5",
    ];

    public static readonly string[] WrongTypes = ["true", "false", "null", "[]", "{}", "\"text\"", "123", "[1,\"two\",null]", "{\"a\":{\"b\":[]}}"];

    public static readonly string[] Dates =
    [
        "\"0001-01-01T00:00:00Z\"", "\"9999-12-31T23:59:59Z\"", "\"10000-01-01T00:00:00Z\"", "\"2026-13-45\"",
        "\"9999-12-31T23:59:59-14:00\"", "\"0001-01-01T00:00:00+14:00\"", "\"1969-12-31T23:59:59.9999999Z\"",
    ];

    public static readonly string[] Enums = ["\"not-a-value\"", "\"ROUND-ROBIN\"", "\"round_robin\"", "\"1\"", "1", "\"\""];

    public static readonly string[] Structures =
    [
        new string('[', 5000) + new string(']', 5000), "{\"\\u0000\":1}", "{\"\\ud800\":1}", "[null]", "[[]]",
        "[" + string.Join(",", Enumerable.Range(0, 2000)) + "]", "{\"a\":" + new string('[', 100) + new string(']', 100) + "}",
    ];

    public static readonly string[] All = [.. Text, .. Numbers, .. WrongTypes, .. Dates, .. Enums, .. Structures];

    /// <summary>Query-string and path values, already URL-encoded.</summary>
    public static readonly string[] UrlValues =
    [
        "%00", "a%00b", "%ED%A0%80", "%C3%28", "%FF%FE", new string('q', 5000), "-1", "0", "2147483648", "99999999999999999999",
        "1e5", "abc", "true", "0001-01-01", "9999-12-31T23:59:59Z", "10000-01-01", "9999-12-31T23:59:59-01:00",
        "0001-01-01T00:00:00%2B01:00", "2026-02-30", "%E5%B7%A5%E5%8D%95%F0%9F%98%80", "", "%20", "not-a-value", "%25", "..%2F..%2F",
        "%0D%0AX-Injected:%201", "null", "[]", "%7B%7D", "v1%3A-5", "djE6OTk5OTk5OTk5OTk5OTk5OTk5OQ",
    ];

    public static readonly string[] DateUrlValues =
        ["0001-01-01", "9999-12-31T23:59:59Z", "10000-01-01", "9999-12-31T23:59:59-01:00", "0001-01-01T00:00:00%2B01:00", "1900-01-01"];

    public static readonly string[] ContentTypes =
    [
        "text/plain", "application/xml", ";;;", "application/json; charset=utf-16", "application/json; charset=nonsense",
        "multipart/form-data", "application/x-www-form-urlencoded", "application/json; charset=\"", "*/*", "application/merge-patch+json",
        "text/json", "application/problem+json", "application/json, text/plain",
    ];

    public static readonly string[] IfMatch =
        ["garbage", "\"abc\"", "W/\"1\"", "*", "\"99999999999999999999\"", "\"-1\"", "\"\"", "\"1\", garbage", new string('"', 300)];

    public static readonly string[] Actors =
        ["garbage", "agent:", "agent:" + new string('9', 100), ":", "customer:工单😀", "system:x:y", "AGENT:1", "agent:-1", "api:0", "agent:%00"];

    public static readonly string[] Accepts = ["text/csv", "application/xml", "*/*;q=abc", "text/csv;q=0.1, application/json;q=0.9", "image/png"];
}
