using System.Collections.Concurrent;
using System.Net;
using Google.Protobuf;

namespace Support.EndToEnd.Tests.Infrastructure;

/// <summary>A span as an OTLP exporter sent it: ids in hex, the exporting service and instrumentation scope.</summary>
public sealed record ReceivedSpan(string Service, string Scope, string Name, SpanKind Kind, string TraceId, string SpanId, string ParentSpanId)
{
    public override string ToString() => $"{Service} [{Scope}] {Kind} \"{Name}\" {SpanId} ← {(ParentSpanId.Length == 0 ? "(root)" : ParentSpanId)}";
}

/// <summary>OTLP's span kinds (opentelemetry/proto/trace/v1/trace.proto).</summary>
public enum SpanKind { Unspecified, Internal, Server, Client, Producer, Consumer }

/// <summary>
/// An OTLP/HTTP receiver (protobuf, POST /v1/traces) on a loopback port, keeping every span it is sent; other
/// signals are accepted and ignored. The feed has no OpenTelemetry.Proto, so the few trace messages are read by
/// field number with Google.Protobuf's reader.
/// </summary>
public sealed class OtlpReceiver : IDisposable
{
    private readonly HttpListener listener = new();
    private readonly ConcurrentQueue<ReceivedSpan> spans = new();
    private readonly Task serving;

    public OtlpReceiver()
    {
        Url = new Uri($"http://127.0.0.1:{ServiceProcess.FreePort()}/");
        listener.Prefixes.Add(Url.ToString());
        listener.Start();
        serving = Task.Run(ServeAsync);
    }

    public Uri Url { get; }

    public IReadOnlyList<ReceivedSpan> Trace(string traceId) => spans.Where(s => s.TraceId == traceId).ToList();

    private async Task ServeAsync()
    {
        while (listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await listener.GetContextAsync();
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }
            using var body = new MemoryStream();
            await context.Request.InputStream.CopyToAsync(body);
            if (context.Request.Url?.AbsolutePath == "/v1/traces")
                foreach (var span in ReadExportTraceServiceRequest(body.ToArray()))
                    spans.Enqueue(span);
            context.Response.StatusCode = 200;
            context.Response.ContentType = "application/x-protobuf";
            context.Response.Close();
        }
    }

    private static IEnumerable<ReceivedSpan> ReadExportTraceServiceRequest(byte[] message) =>
        Fields(message).Where(f => f.Number == 1).SelectMany(f => ReadResourceSpans(f.Bytes)).ToList();

    private static IEnumerable<ReceivedSpan> ReadResourceSpans(ByteString message)
    {
        var service = "";
        var scopeSpans = new List<ByteString>();
        foreach (var field in Fields(message.ToByteArray()))
        {
            if (field.Number == 1) // Resource: attributes = 1
                foreach (var attribute in Fields(field.Bytes.ToByteArray()).Where(a => a.Number == 1))
                    if (ReadKeyValue(attribute.Bytes) is ("service.name", { } value))
                        service = value;
            if (field.Number == 2)
                scopeSpans.Add(field.Bytes);
        }
        foreach (var scopeSpan in scopeSpans)
        {
            var fields = Fields(scopeSpan.ToByteArray());
            var scope = fields.Where(f => f.Number == 1).Select(f => ReadString(f.Bytes, 1)).FirstOrDefault() ?? "";
            foreach (var span in fields.Where(f => f.Number == 2))
                yield return ReadSpan(service, scope, span.Bytes);
        }
    }

    private static ReceivedSpan ReadSpan(string service, string scope, ByteString message)
    {
        string traceId = "", spanId = "", parent = "", name = "";
        var kind = SpanKind.Unspecified;
        var input = new CodedInputStream(message.ToByteArray());
        while (input.ReadTag() is var tag && tag != 0)
        {
            switch (WireFormat.GetTagFieldNumber(tag))
            {
                case 1: traceId = Convert.ToHexStringLower(input.ReadBytes().Span); break;
                case 2: spanId = Convert.ToHexStringLower(input.ReadBytes().Span); break;
                case 4: parent = Convert.ToHexStringLower(input.ReadBytes().Span); break;
                case 5: name = input.ReadString(); break;
                case 6: kind = (SpanKind)input.ReadEnum(); break;
                default: input.SkipLastField(); break;
            }
        }
        return new ReceivedSpan(service, scope, name, kind, traceId, spanId, parent);
    }

    /// <summary>KeyValue { key = 1; AnyValue value = 2 { string_value = 1 } }.</summary>
    private static (string Key, string? Value) ReadKeyValue(ByteString message)
    {
        var fields = Fields(message.ToByteArray());
        var key = fields.Where(f => f.Number == 1).Select(f => f.Bytes.ToStringUtf8()).FirstOrDefault() ?? "";
        var value = fields.Where(f => f.Number == 2).Select(f => ReadString(f.Bytes, 1)).FirstOrDefault();
        return (key, value);
    }

    private static string? ReadString(ByteString message, int number) =>
        Fields(message.ToByteArray()).Where(f => f.Number == number).Select(f => f.Bytes.ToStringUtf8()).FirstOrDefault();

    /// <summary>The length-delimited fields of a message (strings, bytes, nested messages); other wire types are skipped.</summary>
    private static List<(int Number, ByteString Bytes)> Fields(byte[] message)
    {
        var fields = new List<(int, ByteString)>();
        var input = new CodedInputStream(message);
        while (input.ReadTag() is var tag && tag != 0)
        {
            if (WireFormat.GetTagWireType(tag) == WireFormat.WireType.LengthDelimited)
                fields.Add((WireFormat.GetTagFieldNumber(tag), input.ReadBytes()));
            else
                input.SkipLastField();
        }
        return fields;
    }

    public void Dispose()
    {
        listener.Close();
        serving.Wait(TimeSpan.FromSeconds(5));
    }
}
