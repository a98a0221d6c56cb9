using System.Net;
using System.Net.Sockets;

namespace Support.Fuzz.Tests.Infrastructure;

/// <summary>
/// Forwards a local port to a server, and can be cut (every connection closed, the port refusing new ones) and
/// restored: what a client sees while its database restarts, without touching the shared server.
/// </summary>
public sealed class TcpProxy : IDisposable
{
    private readonly IPEndPoint target;
    private readonly List<TcpClient> connections = [];
    private TcpListener? listener;

    public TcpProxy(string targetHost, int targetPort)
    {
        target = new IPEndPoint(Dns.GetHostAddresses(targetHost).First(a => a.AddressFamily == AddressFamily.InterNetwork), targetPort);
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        Port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        Restore();
    }

    public int Port { get; }

    public void Restore()
    {
        listener = new TcpListener(IPAddress.Loopback, Port);
        listener.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        listener.Start();
        _ = AcceptAsync(listener);
    }

    public void Cut()
    {
        listener?.Stop();
        listener = null;
        lock (connections)
        {
            foreach (var connection in connections)
                connection.Dispose();
            connections.Clear();
        }
    }

    private async Task AcceptAsync(TcpListener accepting)
    {
        while (true)
        {
            TcpClient client;
            try
            {
                client = await accepting.AcceptTcpClientAsync();
            }
            catch (Exception ex) when (ex is SocketException or ObjectDisposedException or InvalidOperationException)
            {
                return; // cut
            }
            var server = new TcpClient();
            try
            {
                await server.ConnectAsync(target);
            }
            catch (SocketException)
            {
                client.Dispose();
                server.Dispose();
                continue;
            }
            lock (connections)
                connections.AddRange([client, server]);
            _ = PipeAsync(client, server);
            _ = PipeAsync(server, client);
        }
    }

    private static async Task PipeAsync(TcpClient from, TcpClient to)
    {
        try
        {
            await from.GetStream().CopyToAsync(to.GetStream());
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException or SocketException or InvalidOperationException)
        {
        }
        from.Dispose();
        to.Dispose();
    }

    public void Dispose() => Cut();
}
